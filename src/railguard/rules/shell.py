"""The shell pack: what cannot be understood statically is never silently allowed.

These rules do not look at one program; they turn what the shell analysis could not follow
(a parse error, a program name from an expansion, code built at run time) into a decision.
"""

from __future__ import annotations

from railguard.model import Finding, Verdict
from railguard.rules.base import Example, Rule
from railguard.shell import paths as P

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from railguard.model import Invocation
    from railguard.rules.base import Context
    from railguard.shell.analyze import Problem

RULES = [
    Rule(
        "SH001", "Command that does not parse", Verdict.ASK,
        why="The command is not valid shell (a stray operator, an unclosed `(` or `$((`, a "
            "quote left open on a later line). What the shell would really run cannot be known, "
            "so railguard cannot vouch for it. One exception: a command of a single line whose "
            "only fault is a quote left open. The shell reads a whole line before it runs any "
            "of it, so it refuses that line and runs nothing; railguard confirms this with "
            "bash's own syntax check (`bash -n`, which executes nothing) and then does not ask. "
            "Whatever else the line names is still judged as written. If bash is not "
            "installed, or it finds any other fault, the command is asked about.",
        instead="Fix the quoting and send the command again.",
        bad=["echo $((", "ls && && pwd", "( cd src"],
        good=["echo 'balanced quotes'", "git commit -m \"fix: handle rm -rf in docs\"",
              "rm -rf build 'unterminated"],
    ),
    Rule(
        "SH002", "Destructive arguments behind a computed program name", Verdict.DENY,
        why="The program name comes from an expansion (`$cmd`, `$(cat name)`), a classic way to "
            "hide a command from a guard, and the visible arguments are destructive (force or "
            "recursive flags, critical paths).",
        instead="Write the program name literally so the command can be checked.",
        bad=["$(cat cmd.txt) -rf /", "$CMD -rf ~", "${X} --force --recursive /etc"],
        good=["$EDITOR notes.txt", "\"$PYTHON\" -m pytest"],
    ),
    Rule(
        "SH003", "Program name known only at run time", Verdict.ASK,
        why="The program name comes from an expansion, so what runs cannot be checked.",
        instead="Write the program name literally.",
        bad=["$EDITOR notes.txt", "$(which python) script.py"],
        good=["python script.py", "echo $HOME"],
    ),
    Rule(
        "SH004", "Code built at run time", Verdict.ASK,
        why="`eval \"$x\"`, `bash -c \"$cmd\"` or a shell-out with a computed argument runs code "
            "whose text is only known when it runs. Also inline code that, outside its strings "
            "and comments, reads as a destructive shell command (`node -e \"rm -rf /\"`): "
            "railguard reads the code of other languages by its patterns, not with a parser, "
            "and a blocked command sent as code is a way around the guard.",
        instead="Run the commands directly, written out, so each can be checked.",
        bad=["eval \"$CMD\"", "bash -c \"$SCRIPT\"", "python -c \"import os; os.system(cmd)\"",
             "node -e \"rm -rf /\""],
        good=["eval 'echo hi'", "bash -c 'ls -la'", "python -c \"print('rm -rf /')\""],
    ),
    Rule(
        "SH005", "Decoded or generated text run as code", Verdict.ASK,
        why="Text produced by a decoder or another program (`base64 -d | sh`) is run by an "
            "interpreter; its content is hidden from review.",
        instead="Decode to a file, show it, and run it only after it has been read.",
        bad=["echo cm0gLXJmIC8= | base64 -d | sh", "xxd -r -p payload.hex | bash"],
        good=["echo aGVsbG8= | base64 -d", "base64 -d blob.b64 > blob.bin"],
    ),
    Rule(
        "SH006", "Command too large to check", Verdict.DENY,
        why="The command is larger than railguard analyses (1 MiB); it cannot be verified.",
        instead="Put the content in a file with the Write tool and run a short command.",
    ),
    Rule(
        "SH007", "Commands nested too deeply to follow", Verdict.ASK,
        why="Wrappers inside wrappers (`bash -c \"sh -c 'eval ...'\"`) nested more than eight "
            "levels deep cannot be followed to the end.",
        instead="Run the innermost command directly.",
    ),
    Rule(
        "SH008", "Look-alike spelling of a refused command", Verdict.ASK,
        why="The command differs from one railguard refuses only by look-alike spelling: "
            "typographic dashes (‐ – — −) where an option's `-` goes (`git reset ‐‐hard`), or "
            "a git sub-command in capitals (`git RESET --HARD`). The program reads such a word "
            "as a name, not as the option or command it resembles, and usually stops with an "
            "error. But no ordinary work is spelled this way: it is text pasted from a word "
            "processor, or a refused command dressed up to get past a guard. Asked, so a human "
            "sees it, rather than trusted to fail.",
        instead="Write the command with ASCII `-` and in the program's own spelling; if it is "
                "refused then, follow that rule's advice instead.",
        bad=["git reset ‐‐hard", "git reset –hard", "git clean —force", "git branch −D main",
             "git RESET --HARD", "GIT CHECKOUT -- ."],
        good=["git commit -m 'fix – typo'", "echo — done", "git reset ‐‐soft HEAD~1",
              "git STATUS", "git reset --soft HEAD~1"],
    ),
    Rule(
        "SH009", "MCP tool that deletes what railguard cannot check", Verdict.ASK,
        why="An MCP server's tool named for deleting, dropping, wiping, terminating, resetting "
            "or cancelling (`delete_bucket`, `d1_database_delete`, `cancel_subscription`) acts "
            "on the server's side, on a resource railguard cannot see: a bucket, a database, a "
            "deployment, a customer's subscription. Nothing railguard knows shows what it holds "
            "or whether it can be brought back.",
        instead="Tell the user what the tool would delete and let them run it, or allow it in "
                "the agent's own permissions when they trust it.",
        bad=[Example(tool="mcp__aws__delete_bucket", bucket="prod-assets"),
             Example(tool="mcp__cloudflare__d1_database_delete", database_id="x"),
             Example(tool="mcp__stripe__cancel_subscription", subscription="sub_1")],
        good=[Example(tool="mcp__aws__list_buckets"),
              Example(tool="mcp__linear__create_issue", title="x"),
              Example(tool="mcp__stripe__list_subscriptions")],
    ),
]

_RECURSIVE_FORCE = frozenset(
    {"-rf", "-fr", "-Rf", "-fR", "-r", "-R", "-f", "--force", "--recursive", "--hard",
     "--no-preserve-root", "-delete", "--delete", "--force-with-lease", "--mirror"}
)
_DESTRUCTIVE_WORDS = frozenset(
    {"destroy", "drop", "delete", "purge", "wipe", "format", "mkfs", "shred", "truncate",
     "reset", "clean", "prune", "flushall", "flushdb", "uninstall", "rmi", "rm", "rmdir"}
)


def visibly_destructive(inv: Invocation, ctx: Context) -> bool:
    for w in inv.args:
        t = w.text
        if t in _RECURSIVE_FORCE or (t.startswith("-") and not t.startswith("--")
                                     and ("r" in t or "R" in t) and "f" in t and len(t) <= 6):
            return True
        if t.lower() in _DESTRUCTIVE_WORDS:
            return True
        if not w.dynamic and (t.startswith(("/", "~")) or t in (".", "..", "*")):
            if ctx.classify(w, inv.cwd) == P.CRITICAL:
                return True
    return False


def from_problems(problems: Iterable[Problem], ctx: Context) -> list[Finding]:
    from railguard.rules.base import in_script

    out: list[Finding] = []
    refused: bool | None = None  # does the shell refuse the whole command? asked once, lazily
    for p in problems:
        inv = p.inv
        if inv is not None and in_script(inv) and p.kind in ("dynamic_code", "parse"):
            continue  # scripts on disk are judged by what they literally do
        if p.kind == "parse":
            if refused is None:
                refused = refused_by_shell(ctx.action.command or "")
            if not refused:
                out.append(Finding("SH001", p.detail))
        elif p.kind == "remote_code":
            out.append(Finding("NET001", p.detail))
        elif p.kind == "decoded_code":
            out.append(Finding("SH005", p.detail))
        elif p.kind == "dynamic_code":
            out.append(Finding("SH004", p.detail))
        elif p.kind == "too_deep":
            out.append(Finding("SH007", p.detail))
        elif p.kind == "too_large":
            out.append(Finding("SH006", p.detail))
        else:
            out.append(Finding("SH001", p.detail))
    return out


#: bash's complaint about a quote left open (bash 3.2 to 5.2; the C locale): "bash: line 1:
#: unexpected EOF while looking for matching `''", before 5.2 followed by "bash: line 2: syntax
#: error: unexpected end of file"
_OPEN_QUOTE = r": line \d+: unexpected EOF while looking for matching `[\"']'$"
_EOF_TAIL = r": line \d+: syntax error: unexpected end of file$"
BASH_CHECK_SECONDS = 2.0


def refused_by_shell(command: str) -> bool:
    """Does the shell refuse ``command`` as a whole, for a quote left open, so that nothing of
    it runs?

    Only for text of one line: bash (and zsh, and dash) read a whole line before running any
    of it, so an unterminated quote there stops everything, while on a later line it stops
    nothing before it. Confirmed by bash itself, with ``-n`` (read, never execute), startup
    files off and a clean environment. Anything else (no bash, a crash, a time-out, another
    complaint) is False: the command is asked about as usual.
    """
    if not command.strip() or "\n" in command or "\0" in command:
        return False
    import os
    import re
    import subprocess

    env = {"LC_ALL": "C", "PATH": os.environ.get("PATH", os.defpath)}
    try:
        proc = subprocess.run(
            ["bash", "--norc", "--noprofile", "-n"],
            input=command.encode("utf-8", "surrogatepass"), capture_output=True, env=env,
            cwd="/", timeout=BASH_CHECK_SECONDS, check=False,
        )
    except (OSError, ValueError, subprocess.SubprocessError):
        return False
    if proc.returncode == 0:
        return False
    lines = [ln.rstrip() for ln in proc.stderr.decode("utf-8", "replace").splitlines()
             if ln.strip()]
    if not lines or re.search(_OPEN_QUOTE, lines[0]) is None:
        return False
    return all(re.search(_OPEN_QUOTE, ln) or re.search(_EOF_TAIL, ln) for ln in lines)


PROGRAMS = None  # sees every invocation, for the dynamic program names


def on_invocation(inv: Invocation, ctx: Context) -> Iterable[Finding]:
    if inv.name is not None or not inv.argv:
        return ()
    shown = inv.display()
    if visibly_destructive(inv, ctx):
        return (Finding("SH002", f"`{shown}` runs a program whose name is computed at run time, "
                        "with destructive arguments"),)
    return (Finding("SH003", f"`{shown}` runs a program whose name is computed at run time"),)


__all__ = ["RULES", "from_problems", "on_invocation", "refused_by_shell"]
