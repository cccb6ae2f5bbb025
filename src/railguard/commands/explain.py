"""``railguard explain RULE_ID``: what a rule does, why, the safer way, examples."""

from __future__ import annotations

import argparse
import sys


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("explain", help="explain one rule")
    p.add_argument("rule", help="a rule id, e.g. FS001")
    p.set_defaults(func=main)


def render(rule_id: str) -> str | None:
    from railguard.rules import all_rules

    ALL_RULES = all_rules()

    r = ALL_RULES.get(rule_id.upper())
    if r is None:
        return None
    out = [f"# {r.id}: {r.title}", "", f"Pack: {r.pack}. Verdict: {r.verdict.label}.", "",
           "## Why", "", r.why, "", "## Instead", "", r.instead, ""]
    if r.bad:
        out += ["## Flagged", ""] + [f"    {e!r}" if e.tool != "Bash" else f"    {e.command}"
                                     for e in r.bad] + [""]
    if r.good:
        out += ["## Not flagged by this rule", ""] + [
            f"    {e!r}" if e.tool != "Bash" else f"    {e.command}" for e in r.good] + [""]
    return "\n".join(out)


def main(args: argparse.Namespace) -> int:
    text = render(args.rule)
    if text is None:
        sys.stderr.write(f"railguard: unknown rule {args.rule!r} (see `railguard rules`)\n")
        return 2
    sys.stdout.write(text)
    return 0
