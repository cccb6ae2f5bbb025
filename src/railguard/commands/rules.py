"""``railguard rules``: the rule catalogue."""

from __future__ import annotations

import argparse
import json
import sys


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("rules", help="list every rule: id, verdict, title")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--pack", help="only this pack (filesystem, git, ...)")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from railguard.rules import all_packs, all_rules

    ALL_RULES = all_rules()
    PACKS = all_packs()

    if args.pack and args.pack not in PACKS:
        sys.stderr.write(f"railguard: unknown pack {args.pack!r} (packs: {', '.join(PACKS)})\n")
        return 2
    rules = [r for r in ALL_RULES.values() if not args.pack or r.pack == args.pack]
    if args.format == "json":
        data = [{"id": r.id, "pack": r.pack, "verdict": r.verdict.label, "title": r.title}
                for r in rules]
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return 0
    for r in rules:
        sys.stdout.write(f"{r.id:<8} {r.verdict.label:<5} {r.pack:<16} {r.title}\n")
    return 0
