"""``railguard allow --once RULE [--for 10m]``: let the next call that RULE refuses through.

For the human at the keyboard. The agent cannot run it (the self_protection pack refuses any
call of ``railguard allow``), and the grant is kept outside the project, where the agent cannot
write.
"""

from __future__ import annotations

import argparse
import os
import sys


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("allow", help="let the next call a rule refuses through, once")
    p.add_argument("--once", metavar="RULE", required=False, help="the rule id to allow once")
    p.add_argument("--for", dest="duration", default="10m",
                   help="how long the grant waits to be used (default 10m, at most 24h)")
    p.add_argument("--any-project", action="store_true",
                   help="not only for the project of the current directory")
    p.add_argument("--list", action="store_true", help="show the grants still waiting")
    p.add_argument("--revoke", action="store_true", help="remove every waiting grant")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    import time

    from railguard import grants
    from railguard.adapters.claude import project_dir
    from railguard.rules import all_rules

    ALL_RULES = all_rules()

    if args.list:
        for g in grants.load():
            left = int(float(str(g.get("expires", 0))) - time.time())
            where = g.get("project") or "any project"
            sys.stdout.write(f"{g.get('rule')}  {left // 60}m{left % 60:02d}s left  {where}\n")
        return 0
    if args.revoke:
        grants.save([])
        sys.stdout.write("every grant removed\n")
        return 0
    if not args.once:
        sys.stderr.write("railguard: say which rule: railguard allow --once RULE_ID\n")
        return 2
    rule = args.once.upper()
    if rule not in ALL_RULES:
        sys.stderr.write(f"railguard: unknown rule {args.once!r} (see `railguard rules`)\n")
        return 2
    try:
        seconds = grants.parse_duration(args.duration)
    except ValueError as exc:
        sys.stderr.write(f"railguard: {exc}\n")
        return 2
    project = None if args.any_project else project_dir(os.getcwd())
    try:
        grants.add(rule, seconds, project)
    except OSError as exc:
        sys.stderr.write(f"railguard: cannot save the grant: {exc.strerror}\n")
        return 2
    where = "any project" if project is None else project
    sys.stdout.write(
        f"the next call refused by {rule} ({ALL_RULES[rule].title}) in {where} will be let "
        f"through once, within {args.duration}\n"
    )
    return 0
