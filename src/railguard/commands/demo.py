"""`railguard demo` (being written)."""

from __future__ import annotations

import argparse
import sys


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="(being written)")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    sys.stderr.write("railguard: demo is not available in this build\n")
    return 2
