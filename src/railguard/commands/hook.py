"""``railguard hook AGENT``: read the agent's hook payload on stdin, answer in its protocol."""

from __future__ import annotations

import argparse
import sys

from railguard.cli import HOOK_AGENTS


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("hook", help="answer an agent's hook call (reads the payload on stdin)")
    p.add_argument("agent", help=f"the agent: {', '.join(HOOK_AGENTS)}")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    # ``hook claude`` is dispatched in cli.main before argparse; only unknown agents reach here.
    sys.stderr.write(
        f"railguard: call refused: no hook adapter for {args.agent!r} "
        f"(available: {', '.join(HOOK_AGENTS)})\n"
    )
    return 2
