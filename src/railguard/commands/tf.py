"""`railguard tf` (being written)."""

from __future__ import annotations

import argparse
import sys


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("tf", help="(being written)")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    sys.stderr.write("railguard: tf is not available in this build\n")
    return 2
