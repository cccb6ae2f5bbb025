#!/usr/bin/env python3
"""How far railguard agrees with other guards' own test cases (the peer corpus).

Every row of the peer-corpus files (``{"command", "expect": "block"|"allow", "context"?}``) is
judged in-process, the way the Claude Code hook judges a Bash call: the payload is built as
Claude Code sends it, converted by the Claude adapter and evaluated by the engine with the
configuration the hook would load, in one temporary git project (HOME in a temporary directory).
A deny or an ask counts as "block". Rows with a ``context`` (an opt-in pack, an environment
variable, a fixture) only hold under that condition: they are counted separately.

    python bench/peer_agreement.py                   # figures for every file
    python bench/peer_agreement.py --disagreements   # current disagreements as JSON Lines
    python bench/peer_agreement.py --disagreements --file dcg.jsonl --untriaged
    python bench/peer_agreement.py --own             # the project's own corpus, per file

The same helpers run the project's own corpus (tests/test_corpus.py) and the conformance test
(tests/test_peer_conformance.py).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PEER_DIR = ROOT / ".." / "shared" / "peer-corpus"
DISAGREEMENTS = ROOT / "tests" / "peer" / "disagreements.jsonl"
OWN_CORPUS = ROOT / "tests" / "corpus"
PEER_FILES = ("dcg.jsonl", "dcg-qdang46-fork.jsonl", "claude-code-safety-net.jsonl",
              "cc-safety-net-v2.jsonl", "nah.jsonl", "nah-0x.jsonl")
#: the files whose context-free rows must agree at least this much
GATED = ("dcg.jsonl", "cc-safety-net-v2.jsonl")
MIN_AGREEMENT = 95.0
ROW_SECONDS = 10

if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

#: the project every call happens in: a small realistic repository, which, like nearly every
#: real one, keeps its .env files out of git (``git add .`` is ordinary work there)
PROJECT_FILES = {
    ".gitignore": ".env\n.env.*\n!.env.example\nnode_modules/\n__pycache__/\n",
    "src/app.py": "print('hi')\n",
    "src/services/image-generation.ts": "export {}\n",
    "tests/test_app.py": "def test_x():\n    assert True\n",
    "README.md": "# app\n",
    ".env": "OPENAI_API_KEY=placeholder\n",
    ".env.example": "OPENAI_API_KEY=\n",
    ".env.production": "DATABASE_URL=postgres://u:placeholder@db.prod/app\n",
    "infra/terraform.tfstate": json.dumps({"version": 4, "terraform_version": "1.9.0",
                                           "serial": 41, "lineage": "9f1c2b7e", "outputs": {},
                                           "resources": []}),
    ".claude/settings.json": json.dumps({"permissions": {"deny": [], "defaultMode": "default"}}),
    "docs/setup.md": "setup\n",
}


def make_project(root: Path | None = None) -> Path:
    """A git repository on branch feature/work holding PROJECT_FILES (path resolved)."""
    where = Path(tempfile.mkdtemp(prefix="rg-proj-")) if root is None else root
    where.mkdir(parents=True, exist_ok=True)
    where = where.resolve()
    for rel, body in PROJECT_FILES.items():
        f = where / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(body)
    subprocess.run(["git", "init", "-q", "-b", "feature/work", str(where)], check=True)
    return where


def absolute(tool_input: dict[str, Any], cwd: Path) -> dict[str, Any]:
    """Claude Code sends absolute file paths: make a corpus row's relative ones absolute."""
    out = dict(tool_input)
    for key in ("file_path", "notebook_path", "path"):
        value = out.get(key)
        if isinstance(value, str) and value and not value.startswith(("/", "~")):
            out[key] = str(cwd / value)
    return out


def payload(tool: str, tool_input: dict[str, Any], cwd: Path) -> dict[str, Any]:
    return {"session_id": "corpus-session", "transcript_path": str(cwd / ".transcript.jsonl"),
            "cwd": str(cwd), "permission_mode": "default", "hook_event_name": "PreToolUse",
            "tool_name": tool, "tool_input": absolute(tool_input, cwd)}


class _Timeout(BaseException):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def judge(tool: str, tool_input: dict[str, Any], cwd: Path) -> tuple[str, list[str], str]:
    """(verdict, rule ids, problem) of one call; problem is "" unless judging it failed.

    A failure (an exception, or no answer within ROW_SECONDS) is what the hook turns into a
    deny; it is returned as "deny" with the problem named, so callers can count it as a crash.
    """
    from railguard.adapters.claude import action_from_payload
    from railguard.config import load
    from railguard.engine import evaluate
    from railguard.rules import all_rules

    ALL_RULES = all_rules()

    old = None
    try:
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, ROW_SECONDS)
    except (ValueError, OSError):
        old = None
    try:
        action = action_from_payload(payload(tool, tool_input, cwd))
        home = os.environ.get("HOME") or os.path.expanduser("~")
        config = load(action.project_dir, home, known_rules=set(ALL_RULES))
        decision = evaluate(action, config)
        return decision.verdict.label, decision.rule_ids, ""
    except _Timeout:
        return "deny", [], f"timeout after {ROW_SECONDS}s"
    except Exception as exc:  # counted as a crash by the callers
        return "deny", [], f"{type(exc).__name__}: {str(exc)[:160]}"
    finally:
        if old is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


def load_peer(name: str) -> list[dict[str, Any]]:
    path = PEER_DIR / name
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def load_disagreements(path: Path = DISAGREEMENTS) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
    return out


def key(file: str, command: str, peer: str) -> tuple[str, str, str]:
    return (file, command, peer)


class FileResult:
    """Agreement figures of one peer file."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.rows: list[dict[str, Any]] = []  # each row + "ours", "rules", "problem"

    def part(self, context: bool) -> list[dict[str, Any]]:
        return [r for r in self.rows if bool(r.get("context")) == context]

    @staticmethod
    def agrees(row: dict[str, Any]) -> bool:
        blocked = row["ours"] in ("deny", "ask")
        return bool(blocked == (row["expect"] == "block"))

    def figures(self, context: bool) -> dict[str, Any]:
        rows = self.part(context)
        agree = sum(self.agrees(r) for r in rows)
        return {
            "rows": len(rows),
            "agree": agree,
            "pct": 100.0 * agree / len(rows) if rows else 100.0,
            "peer_block": sum(r["expect"] == "block" for r in rows),
            "we_block": sum(r["ours"] in ("deny", "ask") for r in rows),
            "we_deny": sum(r["ours"] == "deny" for r in rows),
            "we_ask": sum(r["ours"] == "ask" for r in rows),
            "missed": sum(r["expect"] == "block" and r["ours"] == "allow" for r in rows),
            "extra": sum(r["expect"] == "allow" and r["ours"] != "allow" for r in rows),
            "crashes": sum(bool(r["problem"]) for r in rows),
        }

    def disagreements(self, context: bool = False) -> list[dict[str, Any]]:
        return [r for r in self.part(context) if not self.agrees(r)]


def run_file(name: str, cwd: Path) -> FileResult:
    result = FileResult(name)
    for row in load_peer(name):
        ours, rules, problem = judge("Bash", {"command": row["command"]}, cwd)
        result.rows.append({**row, "ours": ours, "rules": rules, "problem": problem})
    return result


def run_own(cwd: Path) -> int:
    """Print every failing row of tests/corpus/*.jsonl, then the pass rate per file."""
    totals: list[tuple[str, int, int]] = []
    for path in sorted(OWN_CORPUS.glob("*.jsonl")):
        ok = n = 0
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            n += 1
            verdict, rules, problem = judge(row["tool"], row["input"], cwd)
            rule = row.get("rule")
            good = (verdict == row["expect"] and not problem
                    and (not rule or row["expect"] == "allow" or rule in rules))
            ok += good
            if not good:
                shown = row["input"].get("command") or json.dumps(row["input"])
                want = row["expect"] + (f"/{rule}" if rule else "")
                print(f"{path.name}:{number}: expected {want}, got {verdict} {rules} "
                      f"{problem} {shown!r}")
        totals.append((path.name, ok, n))
    for name, ok, n in totals:
        print(f"{name:28} {ok:5}/{n:<5} {100.0 * ok / max(n, 1):6.1f}%")
    ok_all = sum(t[1] for t in totals)
    n_all = sum(t[2] for t in totals)
    print(f"{'total':28} {ok_all:5}/{n_all:<5} {100.0 * ok_all / max(n_all, 1):6.1f}%")
    return 0 if ok_all == n_all else 1


def _isolated_env(tmp: Path) -> None:
    home = tmp / "home"
    home.mkdir(parents=True, exist_ok=True)
    os.environ["HOME"] = str(home)
    for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(home / {"XDG_CONFIG_HOME": ".config", "XDG_STATE_HOME":
                                      ".local/state", "XDG_CACHE_HOME": ".cache"}[var])
    for var in list(os.environ):
        if var.startswith("RAILGUARD_") or var == "CLAUDE_PROJECT_DIR":
            del os.environ[var]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--file", action="append", help="only this peer file (repeatable)")
    ap.add_argument("--disagreements", action="store_true",
                    help="print the current disagreements (context-free rows) as JSON Lines")
    ap.add_argument("--untriaged", action="store_true",
                    help="with --disagreements: only rows not in tests/peer/disagreements.jsonl")
    ap.add_argument("--context", action="store_true",
                    help="with --disagreements: the rows with a context instead")
    ap.add_argument("--own", action="store_true",
                    help="run the project's own corpus (tests/corpus) instead")
    a = ap.parse_args(argv)
    if a.own:
        tmp = Path(tempfile.mkdtemp(prefix="rg-own-"))
        _isolated_env(tmp)
        return run_own(make_project(tmp / "project"))
    if not PEER_DIR.is_dir():
        print(f"peer corpus not found at {PEER_DIR}", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="rg-peer-"))
    _isolated_env(tmp)
    cwd = make_project(tmp / "project")
    listed = {key(d["file"], d["command"], d["peer"]): d for d in load_disagreements()}
    names = a.file or [n for n in PEER_FILES if (PEER_DIR / n).exists()]
    results = [run_file(n, cwd) for n in names]
    if a.disagreements:
        for res in results:
            for r in res.disagreements(context=a.context):
                k = key(res.name, r["command"], r["expect"])
                if a.untriaged and k in listed:
                    continue
                out = {"file": res.name, "command": r["command"], "peer": r["expect"],
                       "ours": r["ours"], "rules": r["rules"],
                       "reason": listed[k]["reason"] if k in listed else ""}
                if r["problem"]:
                    out["problem"] = r["problem"]
                print(json.dumps(out, ensure_ascii=False))
        return 0
    head = (f"{'file':30} {'part':10} {'rows':>5} {'agree%':>7} {'peer-block':>10} "
            f"{'we-block':>8} {'deny':>5} {'ask':>5} {'missed':>6} {'extra':>5} {'crash':>5}")
    print(head)
    for res in results:
        for context in (False, True):
            f = res.figures(context)
            if not f["rows"]:
                continue
            print(f"{res.name:30} {'context' if context else 'no-ctx':10} {f['rows']:5} "
                  f"{f['pct']:7.1f} {f['peer_block']:10} {f['we_block']:8} {f['we_deny']:5} "
                  f"{f['we_ask']:5} {f['missed']:6} {f['extra']:5} {f['crashes']:5}")
    for res in results:
        if res.name in GATED:
            left = [r for r in res.disagreements()
                    if key(res.name, r["command"], r["expect"]) not in listed]
            print(f"{res.name}: {len(res.disagreements())} context-free disagreements, "
                  f"{len(left)} not listed in tests/peer/disagreements.jsonl")
    return 0


if __name__ == "__main__":
    sys.exit(main())
