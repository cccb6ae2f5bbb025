"""The project's own labelled corpus: every row of tests/corpus/*.jsonl is a test.

A row is one agent tool call as Claude Code would send it, with the verdict a careful engineer
expects (``deny``: irreversible loss or a leak; ``ask``: ambiguous or visible to others;
``allow``: ordinary work) and optionally a rule id that must be among the findings::

    {"tool": "Bash", "input": {"command": "rm -rf ~"}, "expect": "deny", "rule": "FS001",
     "note": "the home directory"}

Paths are relative to the project or to ``~``. Every row runs in-process through the real Claude
adapter and engine, with the configuration the hook would load, in one git project on branch
feature/work (the peer-corpus project of ``bench/peer_agreement.py``: .env, .env.example,
.env.production, infra/terraform.tfstate, .claude/settings.json, src/app.py ...), cwd = its root,
HOME a temp dir. Each test id is ``file:line``.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "corpus"
TOOLS = {"Bash", "Read", "Write", "Edit", "MultiEdit", "NotebookEdit", "Glob", "Grep", "WebFetch",
         "WebSearch", "Agent", "Task"}
VERDICTS = ("allow", "ask", "deny")


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("peer_agreement",
                                                  ROOT / "bench" / "peer_agreement.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("peer_agreement", module)
    spec.loader.exec_module(module)
    return module


pa = _bench()


def _rows() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                out.append((f"{path.name}:{n}", json.loads(line)))
    return out


ROWS = _rows()


@pytest.fixture(scope="module")
def corpus_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pa.make_project(tmp_path_factory.mktemp("corpus") / "project")  # type: ignore[no-any-return]


@pytest.mark.parametrize(("where", "row"), ROWS, ids=[w for w, _ in ROWS])
def test_corpus_row(where: str, row: dict[str, Any], corpus_project: Path) -> None:
    verdict, rules, problem = pa.judge(row["tool"], row["input"], corpus_project)
    assert not problem, f"{where}: judging the call failed: {problem}"
    shown = row["input"].get("command") or json.dumps(row["input"])[:160]
    assert verdict == row["expect"], (
        f"{where}: {row['tool']} {shown!r}: expected {row['expect']}, got {verdict} {rules}"
        f" ({row.get('note', '')})")
    if row.get("rule") and row["expect"] != "allow":
        assert row["rule"] in rules, f"{where}: {shown!r}: {row['rule']} not among {rules}"


def test_corpus_rows_are_well_formed() -> None:
    assert len(ROWS) >= 650, f"only {len(ROWS)} corpus rows"
    seen: dict[tuple[str, str], str] = {}
    for where, row in ROWS:
        assert set(row) <= {"tool", "input", "expect", "rule", "note"}, where
        assert row["tool"] in TOOLS or row["tool"].startswith("mcp__"), where
        assert isinstance(row["input"], dict) and row["input"], where
        assert row["expect"] in VERDICTS, where
        assert row.get("note", "").strip(), f"{where}: every row says why"
        if row.get("rule"):
            assert row["expect"] != "allow", f"{where}: a rule id on an allowed row"
        k = (row["tool"], json.dumps(row["input"], sort_keys=True))
        assert k not in seen, f"{where} repeats {seen.get(k)}"
        seen[k] = where
