"""The secrets pack: live credentials stay out of the files an agent writes and the commands it runs.

The new content of a Write, Edit, MultiEdit or NotebookEdit call and the text of a shell command
go through the secret scanner (:mod:`railguard.secrets`, the one ``railguard scan`` and the git
hooks use). Placeholders (``sk-...your-key``, ``${OPENAI_API_KEY}``, ``<YOUR_KEY>``), environment
lookups and documented example keys are not findings; inline suppression comments do not count
here, since the agent is the author being checked.

The scanner is loaded only when the text could hold a credential at all (a long token-like run,
a PEM header or a password in a URL), so that ``ls`` and ``x = 1`` never pay for it. Texts up to
256 KiB use the scanner's pure-Python engine, which gives the same findings and starts faster
than loading Hyperscan's compiled database (and never compiles it on a cold cache).

:func:`tool_output_feedback` serves the PostToolUse event: a tool's output that shows a
credential gets a note to the agent (do not repeat or store it) and a warning to the user.

Messages name the provider and the scanner's rule, never the value: only the format's public
prefix is shown (``sk-proj-…``).
"""

from __future__ import annotations

from railguard.model import Finding, Verdict
from railguard.rules.base import Example, Rule

TYPE_CHECKING = False
if not TYPE_CHECKING:
    from railguard.lazyre import re
if TYPE_CHECKING:
    import re
    from collections.abc import Iterable
    from typing import Any

    from railguard.model import Action, Invocation
    from railguard.rules.base import Context
    from railguard.secrets import SecretFinding

#: examples are assembled from parts so that no credential-shaped literal lives in this file
_GH = "ghp_" + "k8Qz2LmN4pR7sT1vW3xY" + "5aB9cD0eF6gH" + "2jK4"
_AWS_ID = "AKIA" + "Q3ZR7NXP2LWK5MDT"
_AWS_EXAMPLE = "AKIA" + "IOSFODNN7" + "EXAMPLE"

RULES = [
    Rule(
        "SEC900",
        "Credential written into a file",
        Verdict.DENY,
        why="A live credential in a file ends up in commits, backups, logs and every copy of the "
            "repository; once it has been pushed it must be rotated.",
        instead="Read the credential from the environment at run time "
                "(`os.environ[\"API_TOKEN\"]`, `process.env.API_TOKEN`) and leave the value out of "
                "the file. If it must be stored, ask the user to put it into `.env` (kept out of "
                "git) themselves.",
        bad=[
            Example(tool="Write", file_path="src/settings.py",
                    content=f'import os\n\nGITHUB_TOKEN = "{_GH}"\n'),
            Example(tool="Edit", file_path="src/app.py", old_string="print('hi')",
                    new_string=f'client = Github("{_GH}")'),
            Example(tool="MultiEdit", file_path="src/app.py",
                    edits=[{"old_string": "print('hi')", "new_string": f"AWS_KEY_ID = '{_AWS_ID}'"}]),
        ],
        good=[
            Example(tool="Write", file_path="src/settings.py",
                    content='import os\n\nGITHUB_TOKEN = os.environ["GITHUB_TOKEN"]\n'),
            Example(tool="Write", file_path="README.md",
                    content="Set `OPENAI_API_KEY=sk-...your-key` in `.env`, or export "
                            "`OPENAI_API_KEY=${OPENAI_API_KEY}` in CI.\n"),
            Example(tool="Write", file_path="docs/aws.md",
                    content=f"aws_access_key_id = {_AWS_EXAMPLE}\n"),
            Example(tool="Edit", file_path="src/app.py", old_string="print('hi')",
                    new_string="def checksum(data: bytes) -> str:\n"
                               "    return hashlib.sha256(data).hexdigest()\n"),
        ],
    ),
    Rule(
        "SEC901",
        "Credential typed into a command",
        Verdict.DENY,
        why="A literal credential in a command is kept in the transcript, the shell history, "
            "process listings and logs.",
        instead="Pass it through an environment variable the user has set, e.g. "
                "`curl -H \"Authorization: Bearer $API_TOKEN\" ...`; never type the value itself.",
        bad=[
            f'curl -H "Authorization: token {_GH}" https://api.github.com/user',
            f"git clone https://x-access-token:{_GH}@github.com/acme/app.git",
        ],
        good=[
            'curl -H "Authorization: Bearer $OPENAI_API_KEY" https://api.openai.com/v1/models',
            'export OPENAI_API_KEY="sk-...your-key"',
            "git log --format=%H -n 3",
            "sha256sum dist/app-1.2.3.tar.gz",
        ],
    ),
]

#: text that could hold a credential: a PEM header, a password in a URL, a password assigned a
#: value (short ones have no long run), a netrc entry, a crypt(3) hash, or a token-like run
_MAYBE_SOURCE = (
    r"(?P<sure>-----BEGIN|://[^\s/:@]+:[^\s/@]+@"
    r"|(?i:passw(?:or)?d|passwd|pwd|passphrase)[\w.-]{0,20}?[\"'`]?[ \t]*(?::=|=>|=|:)"
    r"|\bmachine[ \t]+\S+[ \t]+login[ \t]|\$(?:1|2[aby]|5|6|y|apr1)\$)"
    r"|[A-Za-z0-9_+/=.\-]{16,}"
)
_maybe: re.Pattern[str] | None = None  # compiled on first use: not every call has text
#: a token-like run, the cheapest sign that the full test above is worth compiling
_RUN_SOURCE = r"[A-Za-z0-9_+/=.\-]{16}"
_run: re.Pattern[str] | None = None
#: fixed strings one of which every ``sure`` match of the full test contains
_SURE_MARKERS = ("-----BEGIN", "machine", "$1$", "$2a$", "$2b$", "$2y$", "$5$", "$6$", "$y$",
                 "$apr1$")
#: scanning is bounded: the hook has a time budget and outputs can be huge
MAX_SCAN_CHARS = 4 * 1024 * 1024
#: below this size the pure-Python engine (same findings) starts faster than loading the
#: Hyperscan database, and never pays its one-time compile when the cache is cold
SMALL_TEXT = 256 * 1024
WRITE_TOOLS = frozenset({"Write", "Edit", "MultiEdit", "NotebookEdit"})


#: the characters of a token-like run (``_RUN_SOURCE``)
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/=.-")
#: texts up to this size are tested in plain Python; longer ones with the regular expression
_PLAIN_TEST_CHARS = 64 * 1024


def may_hold_secret(text: str | None) -> bool:
    """The cheap test that decides whether the scanner is loaded at all."""
    global _run
    if not text:
        return False
    if len(text) > _PLAIN_TEST_CHARS:
        if _run is None:
            _run = re.compile(_RUN_SOURCE)
        has_run = _run.search(text) is not None
        runs = None
    else:
        runs = _token_runs(text)
        has_run = bool(runs)
    sure = _sure_possible(text)
    if not has_run and not sure:
        return False  # none of the full test's alternatives can match: spare compiling it
    if runs is not None and not sure:
        # only token-like runs can match, and they are the maximal runs found above
        return any(_random_looking(r) for r in runs)
    return _full_test(text)


def _sure_possible(text: str) -> bool:
    """Could one of the full test's ``sure`` alternatives match (a fixed string it needs)?"""
    if any(m in text for m in _SURE_MARKERS) or ("://" in text and "@" in text):
        return True
    lowered = text.lower()
    return "passw" in lowered or "pwd" in lowered or "passphrase" in lowered


def _token_runs(text: str) -> list[str]:
    """The maximal runs of at least 16 token characters (what ``[A-Za-z0-9_+/=.\\-]{16,}``
    finds), in plain Python."""
    out = []
    start = -1
    for i, c in enumerate(text):
        if c in _TOKEN_CHARS:
            if start < 0:
                start = i
        elif start >= 0:
            if i - start >= 16:
                out.append(text[start:i])
            start = -1
    if start >= 0 and len(text) - start >= 16:
        out.append(text[start:])
    return out


def _random_looking(run: str) -> bool:
    """Random tokens mix letters and digits, or upper and lower case; words, names and URL
    paths rarely do."""
    if any(c.isdigit() for c in run) and any(c.isalpha() for c in run):
        return True
    return len(run) >= 20 and sum(c.isupper() for c in run) >= 3 and sum(
        c.islower() for c in run) >= 3


def _full_test(text: str) -> bool:
    global _maybe
    if _maybe is None:
        _maybe = re.compile(_MAYBE_SOURCE)
    for m in _maybe.finditer(text):
        if m.group("sure"):
            return True  # a PEM header or a URL with a password
        if _random_looking(m.group()):
            return True
    return False


def scan(text: str, *, path: str | None = None, suppressions: bool = False) -> list[SecretFinding]:
    if not may_hold_secret(text):
        return []
    import os

    from railguard.secrets import scan_text

    text = text[:MAX_SCAN_CHARS]
    engine = None
    if len(text) <= SMALL_TEXT and not os.environ.get("RAILGUARD_SECRETS_ENGINE"):
        engine = "python"
    return scan_text(text, path=path, suppressions=suppressions, engine=engine)


def shown(f: SecretFinding) -> str:
    """The finding's value as railguard shows it: the format's public prefix only."""
    head = f.redacted.split("…", 1)[0]
    return f"{head}…" if head else "…"


def describe(f: SecretFinding, *, line: bool = True) -> str:
    """``GitHub personal access token `ghp_…` [SEC050] on line 3``: never the value."""
    where = f" on line {f.line}" if line else ""
    return f"{f.title} `{shown(f)}` [{f.rule_id}]{where}"


def on_action(action: Action, invocations: list[Invocation], ctx: Context) -> Iterable[Finding]:
    if action.kind == "shell":
        return _command(action)
    if action.tool in WRITE_TOOLS and action.path:
        return _write(action, ctx)
    return ()


def _command(action: Action) -> list[Finding]:
    found = scan(action.command or "")
    if not found:
        return []
    multiline = "\n" in (action.command or "").strip()
    what = "; ".join(describe(f, line=multiline) for f in _unique(found)[:3])
    return [Finding("SEC901", f"the command carries a literal credential: {what}",
                    subject=found[0].rule_id)]


def _write(action: Action, ctx: Context) -> list[Finding]:
    content = action.content or ""
    found = [f for f in scan(content, path=action.path) if not _development_only(f, content)]
    if not found:
        return []
    before = _existing(action)
    new = [f for f in _unique(found) if not (before and f.value in before)]
    if not new:
        return []  # the credential was already there: this call does not add it
    what = "; ".join(describe(f) for f in new[:3])
    more = f" and {len(new) - 3} more" if len(new) > 3 else ""
    creds = "a credential" if len(new) == 1 else f"{len(new)} credentials"
    return [Finding("SEC900",
                    f"this {action.tool} puts {creds} into {ctx.rel(action.path or '')}: "
                    f"{what}{more}",
                    subject=new[0].rule_id)]


#: a password in a connection URL for a server on this machine, ended where the host ends
_LOCAL_HOST = r"@(?:localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0)(?:[:/?#\"'`;\s]|$)"


def _development_only(f: SecretFinding, text: str) -> bool:
    """A credential that opens nothing beyond the developer's machine, written as projects
    write them: Django's generated development key (``django-insecure-``, insecure by its own
    name) and a password in a connection URL whose host is this machine (``@localhost``,
    ``@127.0.0.1``, ``@[::1]``, ``@0.0.0.0``). The scanner still reports both (``railguard
    scan``); the agent is not stopped from writing them. A service name (``@db``,
    ``@postgres``) is not one: compose files give those real passwords, and the same names
    resolve to shared servers elsewhere."""
    value = f.value
    if value.startswith("django-insecure-"):
        return True
    if f.rule_id not in ("SEC234", "SEC235") or not value:
        return False
    lines = text.splitlines()
    line = lines[f.line - 1] if 0 < f.line <= len(lines) else text
    uses = [m.end() for m in re.finditer(":" + re.escape(value) + "@", line)]
    return bool(uses) and all(re.match(_LOCAL_HOST, line[end - 1 :]) for end in uses)


def _unique(found: list[SecretFinding]) -> list[SecretFinding]:
    seen: set[str] = set()
    out = []
    for f in found:
        if f.fingerprint not in seen:
            seen.add(f.fingerprint)
            out.append(f)
    return out


def _existing(action: Action) -> str:
    """What the call replaces: the edited strings, or the file a Write overwrites."""
    args = action.args
    if action.tool == "Edit":
        old = args.get("old_string")
        return old if isinstance(old, str) else ""
    if action.tool == "MultiEdit":
        edits = args.get("edits")
        if isinstance(edits, list):
            return "\n".join(e["old_string"] for e in edits
                             if isinstance(e, dict) and isinstance(e.get("old_string"), str))
        return ""
    import os
    import stat

    try:
        # only a regular file: reading a FIFO or a device would block or never end
        if not stat.S_ISREG(os.stat(action.path or "").st_mode):
            return ""
        with open(action.path or "", "rb") as fh:
            return fh.read(MAX_SCAN_CHARS).decode("utf-8", "replace")
    except (OSError, ValueError):
        return ""


# --- PostToolUse ----------------------------------------------------------------------------


def _strings(value: object, out: list[str], budget: list[int], depth: int = 0) -> None:
    if budget[0] <= 0 or depth > 32:
        return
    if isinstance(value, str):
        out.append(value[: budget[0]])
        budget[0] -= len(value)
    elif isinstance(value, dict):
        for v in value.values():
            _strings(v, out, budget, depth + 1)
    elif isinstance(value, list):
        for v in value:
            _strings(v, out, budget, depth + 1)


def tool_output_feedback(payload: dict[str, Any]) -> dict[str, Any] | None:
    """The PostToolUse answer when the tool's output shows a credential; None otherwise.

    Outputs of the file-writing tools echo what the agent wrote, which PreToolUse already judged.
    """
    tool = payload.get("tool_name")
    if not isinstance(tool, str) or tool in WRITE_TOOLS:
        return None
    parts: list[str] = []
    _strings(payload.get("tool_response"), parts, [MAX_SCAN_CHARS])
    text = "\n".join(p for p in parts if p)
    found = _unique(scan(text, suppressions=True))
    if not found:
        return None
    what = "; ".join(describe(f, line=False) for f in found[:3])
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    n = len(found)
    creds = "a credential" if n == 1 else f"{n} credentials"
    reason = (
        f"railguard: the output of this {tool} call shows {creds}: {what}{more}. Do not repeat "
        "the value in your replies, and do not write it into any file, command, commit or "
        "memory; refer to it by the name of its environment variable instead. Tell the user "
        "it was shown, so they can decide whether to rotate it."
    )
    message = (
        f"railguard: the output of {tool} showed {creds}: {what}{more}. The value is now in "
        "this conversation's transcript; consider rotating it."
    )
    return {"decision": "block", "reason": reason[:9500], "systemMessage": message[:9500]}
