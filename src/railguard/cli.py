"""The ``railguard`` command.

Exit codes of every subcommand but ``hook``: 0 = fine (allowed, clean), 1 = findings (the call
would be denied or asked), 2 = usage, config or internal error. ``hook`` speaks the agent's own
protocol instead (see ``railguard.adapters``).

``railguard hook claude`` is the hot path (a new process on every tool call), so it is
dispatched before argparse or any subcommand module is imported.
"""

from __future__ import annotations

import sys

HOOK_AGENTS = ("claude",)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) >= 2 and args[0] == "hook" and args[1] == "claude":
        try:
            from railguard.adapters import claude
        except BaseException as exc:  # a broken install must block the call, not crash open
            sys.stderr.write(f"railguard: call refused: cannot load the hook: {exc!r}\n")
            return 2
        code = claude.main()
        if argv is None:
            _exit_now(code)
        return code
    try:
        return _main(args)
    except KeyboardInterrupt:
        sys.stderr.write("railguard: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line naming it, never a traceback
        where = ""
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        if tb is not None:
            func = tb.tb_frame.f_code
            where = f" in {func.co_name} ({func.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno})"
        # the exception's text is left out: it may quote the command or a file it read
        sys.stderr.write(f"railguard: internal error{where}: {type(exc).__name__} "
                         "(please report it)\n")
        return 2


def _exit_now(code: int) -> None:
    """End the hook process without the interpreter's teardown.

    Freeing every module and object at exit costs the hook about a fifth of its run time, on
    every tool call, and buys nothing: the hook holds no open file, lock or database once
    ``claude.main`` has returned. Output is flushed first; if that fails, the decision did not
    reach the agent, so the process exits 2, which Claude Code treats as a refusal.
    """
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        code = 2
    os._exit(code)


#: subcommand -> the module that defines it (only the one that runs is imported)
COMMANDS: dict[str, str] = {
    "check": "check", "rules": "rules", "explain": "explain", "allow": "allow", "hook": "hook",
    "tf": "tf", "demo": "demo", "scan": "scan", "install-git-hooks": "githooks",
    "uninstall-git-hooks": "githooks", "git-hook": "githooks",
}


def _main(args: list[str]) -> int:
    import argparse
    import importlib

    from railguard import __version__

    parser = argparse.ArgumentParser(
        prog="railguard",
        description="Keeps AI coding agents from destroying what cannot be given back.",
        epilog="Exit codes: 0 allowed/clean, 1 would be denied or asked, 2 error.",
    )
    parser.add_argument("--version", action="version", version=f"railguard {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    first = next((a for a in args if not a.startswith("-")), None)
    wanted = [COMMANDS[first]] if first in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    for name in wanted:
        importlib.import_module(f"railguard.commands.{name}").add_parser(sub)
    ns = parser.parse_args(args)
    if ns.command is None:
        parser.print_help(sys.stderr)  # a usage error: the help goes where errors go
        return 2
    code: int = ns.func(ns)
    return code
