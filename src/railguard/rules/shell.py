"""The shell pack: what cannot be understood statically is never silently allowed.

These rules do not look at one program; they turn what the shell analysis could not follow
(a parse error, a program name from an expansion, code built at run time) into a decision.
"""

from __future__ import annotations

from railguard.model import Finding, Verdict
from railguard.rules.base import Rule
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
        why="The command is not valid shell (an unterminated quote, a stray operator). What "
            "the shell would really run cannot be known, so railguard cannot vouch for it.",
        instead="Fix the quoting and send the command again.",
        bad=["rm -rf build 'unterminated", "echo $(("],
        good=["echo 'balanced quotes'", "git commit -m \"fix: handle rm -rf in docs\""],
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
            "whose text is only known when it runs.",
        instead="Run the commands directly, written out, so each can be checked.",
        bad=["eval \"$CMD\"", "bash -c \"$SCRIPT\"", "python -c \"import os; os.system(cmd)\""],
        good=["eval 'echo hi'", "bash -c 'ls -la'"],
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
    for p in problems:
        inv = p.inv
        if inv is not None and in_script(inv) and p.kind in ("dynamic_code", "parse"):
            continue  # scripts on disk are judged by what they literally do
        if p.kind == "parse":
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


PROGRAMS = None  # sees every invocation, for the dynamic program names


def on_invocation(inv: Invocation, ctx: Context) -> Iterable[Finding]:
    if inv.name is not None or not inv.argv:
        return ()
    shown = inv.display()
    if visibly_destructive(inv, ctx):
        return (Finding("SH002", f"`{shown}` runs a program whose name is computed at run time, "
                        "with destructive arguments"),)
    return (Finding("SH003", f"`{shown}` runs a program whose name is computed at run time"),)


__all__ = ["RULES", "from_problems", "on_invocation"]
