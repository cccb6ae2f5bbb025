"""``railguard scan``: find credentials in files, staged changes, diffs, history or stdin.

Exit codes: 0 clean, 1 findings (not in the baseline, not suppressed), 2 error.
Values are redacted in every format unless ``--show-secrets``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from railguard.secrets.engine import Rule
    from railguard.secrets.finding import SecretFinding
    from railguard.secrets.run import Stats


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "scan", help="find credentials (API keys, tokens, private keys) in files or git",
        description="Find credentials in files (respecting .gitignore), staged changes, diffs, "
                    "the git history or stdin. Exit codes: 0 clean, 1 findings, 2 error.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: .)")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--staged", action="store_true",
                     help="scan the staged content of changed files (not the work tree)")
    src.add_argument("--diff", metavar="REV[..REV]",
                     help="scan lines added since REV (against the work tree) or in REV..REV")
    src.add_argument("--history", action="store_true",
                     help="scan the lines added by every commit")
    src.add_argument("--stdin", action="store_true", help="scan standard input")
    p.add_argument("--format", choices=("text", "json", "sarif"),
                   default=os.environ.get("RAILGUARD_FORMAT", "text")
                   if os.environ.get("RAILGUARD_FORMAT") in ("text", "json", "sarif") else "text")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    p.add_argument("--show-secrets", action="store_true",
                   help="print the secret values (never the default)")
    p.add_argument("--baseline", metavar="FILE",
                   help="report only findings not recorded in FILE (hashes, no plaintext)")
    p.add_argument("--update-baseline", action="store_true",
                   help="record every current finding in --baseline FILE and exit 0")
    p.add_argument("--gitleaks-config", metavar="FILE",
                   help="also use the [[rules]] of a gitleaks TOML config")
    p.add_argument("--no-builtin", action="store_true",
                   help="with --gitleaks-config: only the config's rules")
    p.add_argument("--ignore-suppressions", action="store_true",
                   help="report findings even on lines marked railguard:allow / gitleaks:allow")
    p.add_argument("--max-size", type=float, default=10.0, metavar="MB",
                   help="skip files larger than this (default 10 MB)")
    p.add_argument("--jobs", type=int, default=None, help="processes (default: up to 2)")
    p.add_argument("--engine", choices=("auto", "hyperscan", "python"), default=None,
                   help=argparse.SUPPRESS)
    p.add_argument("--progress", dest="progress", action="store_true", default=None,
                   help=argparse.SUPPRESS)
    p.add_argument("--no-progress", dest="progress", action="store_false",
                   help="never show a progress bar")
    p.set_defaults(func=main)


def _load_rules(args: argparse.Namespace) -> tuple[tuple[Rule, ...], list[str]]:
    from railguard.secrets.engine import builtin_rules

    builtin = builtin_rules()
    if not args.gitleaks_config:
        return builtin, []
    from railguard.secrets import gitleaks

    rules, warnings = gitleaks.load(args.gitleaks_config, builtin)
    if not args.no_builtin:
        have = {r.id for r in rules}
        rules = [*(r for r in builtin if r.id not in have), *rules]
    return tuple(rules), warnings


def main(args: argparse.Namespace) -> int:
    from railguard.secrets import baseline as bl
    from railguard.secrets import sources
    from railguard.secrets.engine import Scanner
    from railguard.secrets.gitleaks import GitleaksConfigError
    from railguard.secrets.run import scan_blobs, scan_files

    if args.update_baseline and not args.baseline:
        sys.stderr.write("railguard: --update-baseline needs --baseline FILE\n")
        return 2
    try:
        rules, warnings = _load_rules(args)
    except GitleaksConfigError as exc:
        sys.stderr.write(f"railguard: {exc}\n")
        return 2
    for w in warnings:
        sys.stderr.write(f"railguard: gitleaks config: {w}\n")
    try:
        scanner = Scanner(rules, args.engine)
    except ValueError as exc:
        sys.stderr.write(f"railguard: {exc}\n")
        return 2
    scanner.honor_suppressions = not args.ignore_suppressions
    max_size = int(args.max_size * 1024 * 1024)
    keep = False
    cwd = os.getcwd()
    try:
        if args.stdin:
            data = sys.stdin.buffer.read()
            findings, stats = scan_blobs(scanner, [sources.Blob("<stdin>", data)],
                                         max_size=max_size)
        elif args.staged:
            findings, stats = scan_blobs(scanner, sources.staged(cwd), max_size=max_size)
        elif args.diff:
            findings, stats = scan_blobs(scanner, sources.diff(cwd, args.diff), max_size=max_size)
        elif args.history:
            findings, stats = scan_blobs(scanner, sources.history(cwd), max_size=max_size)
        else:
            paths = args.paths or ["."]
            missing = [p for p in paths if not os.path.exists(p)]
            if missing:
                sys.stderr.write(f"railguard: no such file or directory: {missing[0]}\n")
                return 2
            files = [_display(p) for p in sources.list_files(paths)]
            findings, stats = scan_files(scanner, files, max_size=max_size, jobs=args.jobs,
                                         progress=args.progress, keep_suppressed=keep)
    except sources.GitError as exc:
        sys.stderr.write(f"railguard: git: {exc}\n")
        return 2
    for bad_id, err in scanner.compile_errors:
        sys.stderr.write(f"railguard: rule {bad_id} skipped: its regex does not compile: {err}\n")
    findings.sort(key=lambda f: (f.commit or "", f.path or "", f.line, f.column, f.rule_id))
    if args.baseline:
        try:
            if args.update_baseline:
                n = bl.save(args.baseline, findings)
                sys.stderr.write(f"railguard: baseline {args.baseline}: {n} finding(s) recorded\n")
                return 0
            known = bl.load(args.baseline)
        except (bl.BaselineError, OSError) as exc:
            sys.stderr.write(f"railguard: {exc}\n")
            return 2
        findings = bl.new_findings(findings, known)
    report = _render(args, findings, stats, rules)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(report)
    else:
        sys.stdout.write(report)
    _summary(findings, stats)
    if stats.errors and not findings:
        return 2
    return 1 if findings else 0


def _display(path: str) -> str:
    return path[2:] if path.startswith("./") else path


def _render(args: argparse.Namespace, findings: list[SecretFinding], stats: Stats,
            rules: tuple[Rule, ...]) -> str:
    from railguard import __version__

    show = bool(args.show_secrets)
    if args.format == "json":
        doc = {"version": 1, "tool": {"name": "railguard", "version": __version__},
               "results": [f.to_dict(show_secret=show) for f in findings],
               "stats": stats.to_dict(), "errors": stats.errors}
        return json.dumps(doc, indent=2) + "\n"
    if args.format == "sarif":
        from railguard.secrets.sarif import render

        return json.dumps(render(findings, rules, version=__version__,
                                 working_directory=os.getcwd()), indent=2) + "\n"
    lines = []
    for f in findings:
        where = f"{f.commit[:12]}:" if f.commit else ""
        value = f.value if show else f.redacted
        lines.append(f"{where}{f.path}:{f.line}:{f.column}: {f.rule_id} [{f.severity}] "
                     f"{f.title}: {value}")
    return "".join(line + "\n" for line in lines)


def _summary(findings: list[SecretFinding], stats: Stats) -> None:
    skipped = []
    if stats.skipped_binary:
        skipped.append(f"{stats.skipped_binary} binary")
    if stats.skipped_large:
        skipped.append(f"{stats.skipped_large} too large")
    extra = f"; skipped {', '.join(skipped)}" if skipped else ""
    mb = stats.bytes / 1e6
    sys.stderr.write(f"railguard: {len(findings)} secret(s) in {stats.files} file(s) "
                     f"({mb:.1f} MB){extra}\n")
    for e in stats.errors[:20]:
        sys.stderr.write(f"railguard: cannot read {e}\n")
