"""``railguard check``: what would railguard say to this call?

    railguard check -- rm -rf ~
    railguard check --tool Read --path .env
    railguard check --tool WebFetch --url https://api.prod.example.com/users
    railguard check --format json -- git push --force

Exit 0: allowed. Exit 1: it would be denied or asked. Exit 2: usage or config error.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys

TOOL_KINDS = {
    "Bash": "shell", "Read": "read", "Write": "write", "Edit": "edit", "MultiEdit": "edit",
    "NotebookEdit": "edit", "Glob": "search", "Grep": "search", "WebFetch": "fetch",
    "WebSearch": "websearch", "Agent": "agent", "Task": "agent",
}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="show the decision for a command or tool call",
        description="Show what railguard decides for a command (after --) or another tool call. "
        "Exit 0 allowed, 1 denied or asked, 2 error.",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--tool", default=None, help="tool name (default Bash; mcp__server__tool ok)")
    p.add_argument("--path", help="file path for Read/Write/Edit/Glob/Grep")
    p.add_argument("--url", help="URL for WebFetch")
    p.add_argument("--content", help="new content for Write/Edit")
    p.add_argument("--cwd", default=None, help="working directory (default: the current one)")
    p.add_argument("--mode", default="default", help="Claude Code permission mode to assume")
    p.add_argument("command", nargs=argparse.REMAINDER, help="the shell command, after --")
    p.set_defaults(func=main)


def build_action(args: argparse.Namespace) -> object:
    from railguard.adapters.claude import project_dir
    from railguard.model import Action

    cwd = os.path.abspath(args.cwd or os.getcwd())
    words = list(args.command)
    if words and words[0] == "--":
        words = words[1:]
    tool = args.tool or "Bash"
    common = {"cwd": cwd, "project_dir": project_dir(cwd), "permission_mode": args.mode}
    if tool in ("Bash", "PowerShell"):
        if not words:
            raise ValueError("give the command after --, e.g. railguard check -- rm -rf build")
        command = words[0] if len(words) == 1 else shlex.join(words)
        return Action("shell", tool, command=command, **common)
    path = os.path.abspath(os.path.join(cwd, os.path.expanduser(args.path))) if args.path else None
    kind = "mcp" if tool.startswith("mcp__") else TOOL_KINDS.get(tool)
    if kind is None:
        raise ValueError(f"unknown tool {tool!r}")
    if kind in ("read", "write", "edit") and not path:
        raise ValueError(f"--tool {tool} needs --path")
    if kind == "fetch" and not args.url:
        raise ValueError("--tool WebFetch needs --url")
    extra: dict[str, object] = {}
    if kind == "mcp" and words:
        try:
            parsed = json.loads(" ".join(words))
        except ValueError:
            raise ValueError("for an MCP tool, give its arguments as JSON after --") from None
        if not isinstance(parsed, dict):
            raise ValueError("MCP arguments must be a JSON object")
        extra = parsed
    if kind == "search":
        path = path or cwd
    return Action(kind, tool, path=path, url=args.url, content=args.content, args=extra,
                  pattern=" ".join(words) or None, **common)


def main(args: argparse.Namespace) -> int:
    from railguard.adapters.claude import _load_config
    from railguard.config import ConfigError
    from railguard.engine import evaluate
    from railguard.model import Action, Verdict
    from railguard.rules import all_rules

    ALL_RULES = all_rules()

    try:
        action = build_action(args)
    except ValueError as exc:
        sys.stderr.write(f"railguard: {exc}\n")
        return 2
    assert isinstance(action, Action)
    try:
        config = _load_config(action)
    except ConfigError as exc:
        sys.stderr.write(f"railguard: {exc}\n")
        return 2
    decision = evaluate(action, config)
    verdict = decision.verdict
    if verdict == Verdict.ASK and args.mode in ("bypassPermissions", "dontAsk"):
        verdict = Verdict.DENY
    if args.format == "json":
        out = {
            "decision": verdict.label,
            "safe": decision.safe,
            "findings": [
                {
                    "rule": f.rule_id,
                    "title": ALL_RULES[f.rule_id].title if f.rule_id in ALL_RULES else f.rule_id,
                    "verdict": f.verdict.label if f.verdict is not None else None,
                    "message": f.message,
                    "instead": f.instead,
                }
                for f in decision.findings
            ],
        }
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
    else:
        sys.stdout.write(format_text(decision, verdict))
    return 0 if verdict == Verdict.ALLOW else 1


def format_text(decision: object, verdict: object) -> str:
    from railguard.model import Decision, Verdict
    from railguard.rules import all_rules

    ALL_RULES = all_rules()

    assert isinstance(decision, Decision) and isinstance(verdict, Verdict)
    if verdict == Verdict.ALLOW:
        return "allow" + (" (read-only)" if decision.safe else "") + "\n"
    lines = [verdict.label]
    for f in decision.findings:
        rule = ALL_RULES.get(f.rule_id)
        title = rule.title if rule else ""
        label = f.verdict.label if f.verdict is not None else "?"
        lines.append(f"  {f.rule_id} [{label}] {title}")
        lines.append(f"      {f.message}")
        if f.instead:
            lines.append(f"      instead: {f.instead}")
    return "\n".join(lines) + "\n"
