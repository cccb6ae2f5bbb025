"""``railguard tf``: the Terraform state and plan checks, for a person or CI.

    railguard tf state [DIR]            is the local state the real latest one?
    railguard tf state --accept [DIR]   record the state in place as the known-good one
    railguard tf plan PLAN [--format text|json|sarif|markdown]

``tf state``: exit 0 healthy, 1 stale or swapped signal, 2 the root cannot be read.
``tf plan``: exit 0 nothing data-bearing is lost, 1 a data-bearing resource would be deleted or
replaced (or a foreign state deletes most resources), 2 the plan cannot be read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "tf", help="check a Terraform root's state or a plan",
        description="Check the local Terraform state of a root (stale or swapped?) or a plan "
        "(what would be deleted, replaced or forgotten, and is data lost?).")
    tsub = p.add_subparsers(dest="tf_command", metavar="{state,plan}")
    s = tsub.add_parser(
        "state", help="is the local state the real latest one?",
        description="Compare the root's state with its backups and with the last state "
        "railguard saw there. Exit 0 healthy, 1 stale or swapped, 2 cannot read the root.")
    s.add_argument("dir", nargs="?", default=".", help="the root module (default: .)")
    s.add_argument("--workspace", help="workspace (default: the selected one)")
    s.add_argument("--state", help="state file, as terraform's -state=PATH")
    s.add_argument("--format", choices=("text", "json"), default="text")
    s.add_argument("--accept", action="store_true",
                   help="record the state in place as the known-good one for this root "
                   "(after you checked it)")
    s.set_defaults(func=main_state)
    pl = tsub.add_parser(
        "plan", help="what a plan deletes, replaces or forgets; exit 1 when data is lost",
        description="Read a saved plan (runs `terraform show -json` in the plan's directory) or "
        "its JSON. Exit 0 no data-bearing loss, 1 data-bearing delete/replace, 2 unreadable.")
    pl.add_argument("plan", help="a saved plan file or the JSON of `terraform show -json`")
    pl.add_argument("--format", choices=("text", "json", "sarif", "markdown"), default="text")
    pl.add_argument("--terraform", default=None,
                    help="the binary that reads a saved plan (default: terraform, or "
                    "$RAILGUARD_TERRAFORM)")
    pl.add_argument("--chdir", default=None,
                    help="the root the plan was made in (default: the plan's directory)")
    pl.set_defaults(func=main_plan)
    p.set_defaults(func=lambda args: _usage(p))


def _usage(p: argparse.ArgumentParser) -> int:
    p.print_help(sys.stderr)
    return 2


def main(args: argparse.Namespace) -> int:
    func = getattr(args, "func", None)
    return int(func(args)) if func is not None else 2


def main_state(args: argparse.Namespace) -> int:
    from railguard.terraform import ledger
    from railguard.terraform.state import inspect, recovery

    root = os.path.abspath(args.dir)
    if not os.path.isdir(root):
        sys.stderr.write(f"railguard: {args.dir}: not a directory\n")
        return 2
    doc = ledger.load()
    rep = inspect(root, state_path=args.state, workspace=args.workspace, ledger=doc)
    cur = rep.current
    status = "unreadable" if rep.error else ("stale" if rep.signals else "healthy")
    recorded = False
    if rep.error is None and cur is not None and cur.is_state and (rep.healthy or args.accept):
        recorded = ledger.record(rep.root, rep.workspace, cur, doc)
    if args.format == "json":
        out = {
            "root": rep.root, "workspace": rep.workspace, "backend": rep.backend,
            "status": status, "error": rep.error,
            "state": _snap(cur), "backups": [_snap(b) for b in rep.backups],
            "ledger": rep.ledger_entry and {k: v for k, v in rep.ledger_entry.items()
                                            if k != "addresses"},
            "signals": [{"code": s.code, "message": s.message} for s in rep.signals],
            "recorded": recorded,
        }
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
    else:
        lines = [f"root      {rep.root}" + (f" (workspace {rep.workspace})"
                                            if rep.workspace != "default" else ""),
                 f"backend   {rep.backend}"]
        if cur is not None:
            lines.append(f"state     {rep.rel(cur.path)}: {cur.describe()}")
        elif rep.state_path and rep.backend == "local":
            lines.append(f"state     {rep.rel(rep.state_path)}: none (nothing applied yet)")
        for b in rep.backups:
            lines.append(f"backup    {rep.rel(b.path)}: {b.describe()}")
        e = rep.ledger_entry
        if e:
            lines.append(f"last seen serial {e.get('serial')}, lineage "
                         f"{str(e.get('lineage'))[:8]}…, {e.get('resources')} resources "
                         f"({str(e.get('seen', ''))[:10]})")
        if rep.error:
            lines.append(f"cannot read: {rep.error}")
        for s in rep.signals:
            lines.append(f"STALE     {s.message}")
        if rep.signals:
            lines.append(recovery(rep))
            if args.accept and recorded:
                lines.append("recorded as the known-good state for this root, as asked")
        elif rep.error is None:
            lines.append("healthy" + (" (recorded)" if recorded else ""))
        sys.stdout.write("\n".join(lines) + "\n")
    if rep.error:
        return 2
    return 1 if rep.signals and not args.accept else 0


def _snap(s: object) -> dict[str, object] | None:
    from railguard.terraform.state import Snapshot

    if not isinstance(s, Snapshot):
        return None
    return {"path": s.path, "serial": s.serial, "lineage": s.lineage,
            "resources": len(s.resources), "terraform_version": s.tf_version,
            "error": s.error}


def main_plan(args: argparse.Namespace) -> int:
    from railguard.terraform import plan as plan_mod

    program = args.terraform or os.environ.get("RAILGUARD_TERRAFORM") or "terraform"
    try:
        doc = plan_mod.load_plan(args.plan, program=program, cwd=args.chdir)
        rep = plan_mod.analyze(doc, args.plan)
    except plan_mod.PlanError as exc:
        sys.stderr.write(f"railguard: {exc}\n")
        return 2
    sys.stdout.write(plan_mod.FORMATS[args.format](rep))
    return 1 if rep.dangerous else 0
