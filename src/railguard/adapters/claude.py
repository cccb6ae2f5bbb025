"""Claude Code: hook payload in, decision out (``railguard hook claude``).

Claude Code lets a tool call through when a hook crashes, times out or exits with any code but 2.
So this entry point never lets an exception escape: every failure ends in a deliberate answer.

- PreToolUse, judged: deny/ask -> exit 0 with ``hookSpecificOutput.permissionDecision``; allowed
  -> no output (Claude Code's own permissions decide), or ``"allow"`` for plainly safe calls when
  the user opted in with ``allow_safe = true``.
- PreToolUse that cannot be judged (config error, internal error, unknown tool shape, too slow)
  -> a JSON deny that says why.
- A payload that cannot be read at all (not JSON, not UTF-8, empty, too large) -> exit 2 with the
  cause on stderr: Claude Code blocks on exit 2 for every event that can be blocked.
- PostToolUse: a credential in the tool's output -> feedback to Claude and a warning to the
  user; otherwise, and on any failure, exit 0 with no output (the tool already ran).
- Other events -> exit 0, no output.
"""

from __future__ import annotations

import os
import sys

from railguard import jsonio
from railguard.model import Action, Decision, Verdict

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, BinaryIO, TextIO

    from railguard.config import Config

MAX_PAYLOAD = 32 * 1024 * 1024
NO_HUMAN_MODES = ("bypassPermissions", "dontAsk")
REASON_LIMIT = 9500  # Claude Code caps hook output strings at 10,000 characters
POST_TOOL_USE_SECONDS = 3.0  # the budget of the PostToolUse output scan


class PayloadError(Exception):
    """The payload is not a Claude Code hook payload railguard can judge."""


class Timeout(BaseException):
    """The watchdog fired. A BaseException, so that no ``except Exception`` in a rule or in the
    analyzer can swallow it and let a half-checked call through."""


def _str(value: object, field: str, *, required: bool = True) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise PayloadError(f"tool_input.{field} must be a string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # a lone surrogate (JSON "\ud800"): what would really run is not this text
        raise PayloadError(f"tool_input.{field} is not valid Unicode text") from None
    return value


def action_from_payload(payload: dict[str, Any]) -> Action:
    """The agent-neutral Action of a PreToolUse payload."""
    tool = payload.get("tool_name")
    if not isinstance(tool, str) or not tool:
        raise PayloadError("the payload has no tool_name")
    ti = payload.get("tool_input")
    if not isinstance(ti, dict):
        raise PayloadError(f"tool_input of {tool} is not an object")
    cwd = payload.get("cwd")
    if not isinstance(cwd, str) or not cwd.startswith("/"):
        cwd = os.getcwd()
    mode = payload.get("permission_mode")
    common: dict[str, Any] = {
        "cwd": os.path.normpath(cwd),
        "project_dir": project_dir(cwd),
        "permission_mode": mode if isinstance(mode, str) else None,
    }
    if tool in ("Bash", "PowerShell"):
        return Action("shell", tool, command=_str(ti.get("command"), "command"), args=ti, **common)
    if tool == "Read":
        return Action("read", tool, path=_abs(_str(ti.get("file_path"), "file_path"), cwd),
                      args=ti, **common)
    if tool == "Write":
        return Action("write", tool, path=_abs(_str(ti.get("file_path"), "file_path"), cwd),
                      content=_str(ti.get("content"), "content"), args=ti, **common)
    if tool == "Edit":
        return Action("edit", tool, path=_abs(_str(ti.get("file_path"), "file_path"), cwd),
                      content=_str(ti.get("new_string"), "new_string"), args=ti, **common)
    if tool == "MultiEdit":
        edits = ti.get("edits")
        if not isinstance(edits, list) or not all(isinstance(e, dict) for e in edits):
            raise PayloadError("tool_input.edits of MultiEdit must be a list of objects")
        content = "\n".join(_str(e.get("new_string"), "edits[].new_string") or "" for e in edits)
        return Action("edit", tool, path=_abs(_str(ti.get("file_path"), "file_path"), cwd),
                      content=content, args=ti, **common)
    if tool == "NotebookEdit":
        return Action("edit", tool,
                      path=_abs(_str(ti.get("notebook_path"), "notebook_path"), cwd),
                      content=_str(ti.get("new_source"), "new_source", required=False) or "",
                      args=ti, **common)
    if tool in ("Glob", "Grep"):
        path = _str(ti.get("path"), "path", required=False)
        return Action("search", tool, path=_abs(path, cwd) if path else common["cwd"],
                      pattern=_str(ti.get("pattern"), "pattern"), args=ti, **common)
    if tool == "WebFetch":
        return Action("fetch", tool, url=_str(ti.get("url"), "url"), args=ti, **common)
    if tool == "WebSearch":
        return Action("websearch", tool, args=ti, **common)
    if tool in ("Agent", "Task"):
        return Action("agent", tool, args=ti, **common)
    if tool.startswith("mcp__"):
        return Action("mcp", tool, args=ti, **common)
    return Action("other", tool, args=ti, **common)


def _abs(path: str | None, cwd: str) -> str:
    if not path:
        raise PayloadError("the file path is empty")
    if "\0" in path:
        raise PayloadError("the file path contains a NUL byte")
    if path.startswith("~"):
        path = os.path.expanduser(path)
    if not path.startswith("/"):
        path = os.path.join(cwd, path)
    return os.path.normpath(path)


def project_dir(cwd: str) -> str:
    """The project root: $CLAUDE_PROJECT_DIR, else the enclosing git work tree, else cwd."""
    env = os.environ.get("CLAUDE_PROJECT_DIR")
    if env and env.startswith("/"):
        return os.path.normpath(env)
    here = os.path.normpath(cwd)
    probe = here
    for _ in range(64):
        if os.path.exists(os.path.join(probe, ".git")):
            return probe
        parent = os.path.dirname(probe)
        if parent == probe:
            break
        probe = parent
    return here


# --- rendering ------------------------------------------------------------------------------


def _describe(decision: Decision) -> list[str]:
    from railguard.rules import rule as rule_of

    lines = []
    for f in decision.deciding():
        rule = rule_of(f.rule_id)
        title = rule.title if rule else f.rule_id
        message = f.message.rstrip()
        if not message.endswith((".", "!", "?")):
            message += "."
        lines.append(f"{f.rule_id} {title}: {message}")
    return lines


def deny_reason(decision: Decision, *, mode_note: str = "") -> str:
    lines = _describe(decision)
    insteads = []
    for f in decision.deciding():
        if f.instead and f.instead not in insteads:
            insteads.append(f.instead)
    text = "railguard blocked this call. " + " ".join(lines)
    if mode_note:
        text += " " + mode_note
    text += (
        " Do not retry it, or a variant of it (another spelling, a wrapper, a script, another "
        "tool): that would be refused too."
    )
    if insteads:
        text += " Instead: " + " ".join(insteads)
    text += (
        " If it really must happen, tell the user what you wanted to do and why; only they can "
        f"run it or allow it once (`railguard allow --once {decision.rule_ids[0]}`)."
        if decision.rule_ids
        else ""
    )
    return _cap(text)


def ask_reason(decision: Decision) -> str:
    return _cap("railguard: " + " ".join(_describe(decision)))


def _cap(text: str) -> str:
    return text if len(text) <= REASON_LIMIT else text[: REASON_LIMIT - 3] + "..."


def _output(decision: str, reason: str | None) -> str:
    hso: dict[str, str] = {"hookEventName": "PreToolUse", "permissionDecision": decision}
    if reason:
        hso["permissionDecisionReason"] = reason
    return jsonio.dumps({"hookSpecificOutput": hso})


def render(decision: Decision, action: Action, config: Config) -> str | None:
    """The stdout for a judged PreToolUse call (None: no output)."""
    verdict = decision.verdict
    mode = action.permission_mode
    if verdict == Verdict.ASK and mode in NO_HUMAN_MODES:
        note = (f"(It would have been asked, but in {mode} mode no one sees the question, so "
                "railguard refuses instead.)")
        return _output("deny", deny_reason(decision, mode_note=note))
    if verdict == Verdict.DENY:
        return _output("deny", deny_reason(decision))
    if verdict == Verdict.ASK:
        return _output("ask", ask_reason(decision))
    if config.allow_safe and decision.safe:
        return _output("allow", "railguard: read-only call")
    return None


def failure(cause: str) -> str:
    return _output(
        "deny",
        _cap(f"railguard could not check this call, so it is refused: {cause}. Do not work "
             "around it; tell the user, who can fix the cause (see `railguard check`)."),
    )


# --- entry point ----------------------------------------------------------------------------


def _read_payload(stdin: BinaryIO) -> dict[str, Any]:
    data = stdin.read(MAX_PAYLOAD + 1)
    if len(data) > MAX_PAYLOAD:
        raise PayloadError(f"the payload is larger than {MAX_PAYLOAD // (1024 * 1024)} MiB")
    if not data.strip():
        raise PayloadError("the payload is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PayloadError(f"the payload is not valid UTF-8 (byte {exc.start})") from None
    try:
        payload = jsonio.loads(text)
    except (ValueError, RecursionError) as exc:
        raise PayloadError(f"the payload is not valid JSON ({str(exc)[:80]})") from None
    if not isinstance(payload, dict):
        raise PayloadError("the payload is not a JSON object")
    return payload


def main(stdin: BinaryIO | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    stdin = stdin if stdin is not None else sys.stdin.buffer
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    try:
        return _main(stdin, stdout, stderr)
    except BaseException as exc:  # the last line of defence: never fail open
        try:
            stderr.write(f"railguard: internal error, call refused: {type(exc).__name__}\n")
            stderr.flush()
        except BaseException:
            pass
        return 2


def _main(stdin: BinaryIO, stdout: TextIO, stderr: TextIO) -> int:
    try:
        payload = _read_payload(stdin)
    except PayloadError as exc:
        stderr.write(f"railguard: call refused: {exc}\n")
        return 2
    event = payload.get("hook_event_name")
    if event == "PostToolUse":
        return post_tool_use(payload, stdout)
    if event != "PreToolUse":
        if not isinstance(event, str):
            stderr.write("railguard: call refused: the payload has no hook_event_name\n")
            return 2
        return 0
    out = judge(payload, stderr)
    if out:
        stdout.write(out + "\n")
        stdout.flush()
    return 0


def post_tool_use(payload: dict[str, Any], stdout: TextIO) -> int:
    """PostToolUse: the tool already ran, so nothing is blocked. An output that shows a
    credential gets feedback to Claude (top-level ``decision: "block"`` + ``reason``) and a
    warning to the user (``systemMessage``); see :mod:`railguard.rules.secrets_pack`. Any other
    outcome, failures included, is exit 0 with no output, and never shows the value."""
    if TYPE_CHECKING:
        import signal
    else:  # the C module: `signal` builds enum wrappers the hook would pay for on every call
        import _signal as signal

    def _alarm(signum: int, frame: object) -> None:
        raise Timeout

    old = None
    try:
        try:
            old = signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, POST_TOOL_USE_SECONDS)
        except (ValueError, OSError, AttributeError):
            old = None
        from railguard.rules.secrets_pack import tool_output_feedback

        out = tool_output_feedback(payload)
        if old is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if out:
            stdout.write(jsonio.dumps(out) + "\n")
            stdout.flush()
    except BaseException:
        pass
    finally:
        if old is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    return 0


def judge(payload: dict[str, Any], stderr: TextIO) -> str | None:
    """The stdout for one PreToolUse payload; every failure becomes a deny."""
    if TYPE_CHECKING:
        import signal
    else:  # the C module: `signal` builds enum wrappers the hook would pay for on every call
        import _signal as signal

    from railguard.config import ConfigError

    try:
        action = action_from_payload(payload)
    except PayloadError as exc:
        stderr.write(f"railguard: {exc}\n")
        return failure(str(exc))
    except Exception as exc:
        stderr.write(f"railguard: internal error: {type(exc).__name__}: {str(exc)[:200]}\n")
        return failure(f"internal error ({type(exc).__name__})")
    try:
        config = _load_config(action)
    except ConfigError as exc:
        stderr.write(f"railguard: {exc}\n")
        return failure(str(exc))
    except Exception as exc:  # a rule pack that fails to import, an unreadable directory...
        stderr.write(f"railguard: internal error: {type(exc).__name__}: {str(exc)[:200]}\n")
        return failure(f"internal error ({type(exc).__name__})")
    timeout = _timeout_seconds(config)

    def _alarm(signum: int, frame: object) -> None:
        raise Timeout

    old = None
    try:
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    except (ValueError, OSError, AttributeError):
        old = None  # not in the main thread, or no SIGALRM: the size limits still bound the work
    try:
        from railguard.engine import evaluate

        decision = evaluate(action, config)
        return render(decision, action, config)
    except Timeout:
        msg = f"could not verify in time (over {timeout * 1000:.0f} ms)"
        stderr.write(f"railguard: {msg}\n")
        return failure(msg)
    except RecursionError:
        stderr.write("railguard: the command is nested too deeply to check\n")
        return failure("the command is nested too deeply to check")
    except Exception as exc:
        stderr.write(f"railguard: internal error: {type(exc).__name__}: {str(exc)[:200]}\n")
        return failure(f"internal error ({type(exc).__name__})")
    finally:
        if old is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


def _load_config(action: Action) -> Config:
    from railguard import config as cfgmod
    from railguard.rules import all_rules

    home = os.environ.get("HOME") or os.path.expanduser("~")
    return cfgmod.load(action.project_dir, home, known_rules=lambda: set(all_rules()))


def _timeout_seconds(config: Config) -> float:
    env = os.environ.get("RAILGUARD_HOOK_TIMEOUT_MS")
    ms = config.timeout_ms
    if env and env.isdigit() and int(env) > 0:
        ms = min(ms, int(env))  # the environment may only shorten the budget
    return ms / 1000.0
