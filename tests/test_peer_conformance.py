"""Conformance with other guards' own test cases (../shared/peer-corpus beside the repository).

Every peer file is run in-process the way the hook judges a Bash call (see
``bench/peer_agreement.py``); a deny or an ask counts as "block". Rows with a ``context`` only hold
under a condition (an opt-in pack, an environment variable, a fixture): they are reported, not
asserted. On the context-free rows of dcg.jsonl and cc-safety-net-v2.jsonl, agreement must be at
least 95%, and every disagreement must be listed with its reason in tests/peer/disagreements.jsonl;
a listed row that now agrees must be removed, so the list stays exact.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("peer_agreement",
                                                  ROOT / "bench" / "peer_agreement.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("peer_agreement", module)
    spec.loader.exec_module(module)
    return module


pa = _bench()
AVAILABLE = [n for n in pa.PEER_FILES if (pa.PEER_DIR / n).exists()]
pytestmark = pytest.mark.skipif(not AVAILABLE, reason="the shared peer corpus is not beside the "
                                "repository")


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    cwd = pa.make_project(tmp_path_factory.mktemp("peer") / "project")
    home = tmp_path_factory.mktemp("peer-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(home))
        for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            mp.setenv(var, str(home / var.lower()))
        mp.delenv("CLAUDE_PROJECT_DIR", raising=False)
        return {name: pa.run_file(name, cwd) for name in AVAILABLE}


def test_report_agreement(results: dict[str, Any]) -> None:
    """Prints the figures of every file (both parts); asserts only that nothing crashed."""
    for name, res in results.items():
        for context in (False, True):
            f = res.figures(context)
            if f["rows"]:
                print(f"{name} ({'context' if context else 'no context'}): {f['agree']}/"
                      f"{f['rows']} = {f['pct']:.1f}% (peer blocks {f['peer_block']}, we block "
                      f"{f['we_block']}: {f['we_deny']} deny, {f['we_ask']} ask; crashes "
                      f"{f['crashes']})")
    crashed = [(n, r["command"], r["problem"]) for n, res in results.items() for r in res.rows
               if r["problem"]]
    assert not crashed, f"{len(crashed)} peer rows crashed the engine: {crashed[:10]}"


#: Files whose 95% bar is not reached today. Every disagreement of theirs is listed with its
#: reason in tests/peer/disagreements.jsonl; most are required by railguard's own rules (plain
#: `git push` asks, `--force-with-lease` is refused, a recursive delete outside the project
#: asks, find deleting scratch files or temp folders is judged like rm of them) or are calls
#: that run or delete nothing (`command -v git reset --hard`, `git clean -nf`). The mark is
#: strict: the test fails the day the bar is reached, so the mark must then go.
BELOW_BAR = {
    "cc-safety-net-v2.jsonl": "about 94%: 34 listed disagreements against at most 28 for 95%",
}


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=BELOW_BAR[n]))
     if n in BELOW_BAR else n for n in pa.GATED],
)
def test_agreement_at_least_95(results: dict[str, Any], name: str) -> None:
    if name not in results:
        pytest.skip(f"{name} is missing")
    f = results[name].figures(False)
    assert f["pct"] >= pa.MIN_AGREEMENT, (
        f"{name}: {f['agree']}/{f['rows']} = {f['pct']:.1f}% < {pa.MIN_AGREEMENT}%")


@pytest.mark.parametrize("name", pa.GATED)
def test_disagreements_are_listed_exactly(results: dict[str, Any], name: str) -> None:
    if name not in results:
        pytest.skip(f"{name} is missing")
    listed = {pa.key(d["file"], d["command"], d["peer"]): d for d in pa.load_disagreements()
              if d["file"] == name}
    for d in listed.values():
        assert d.get("reason", "").strip(), f"listed without a reason: {d}"
    current = {pa.key(name, r["command"], r["expect"]): r
               for r in results[name].disagreements()}
    unlisted = [f"{r['command']!r}: peer {r['expect']}, ours {r['ours']} {r['rules']}"
                for k, r in current.items() if k not in listed]
    stale = [f"{d['command']!r} (peer {d['peer']}) now agrees: remove it"
             for k, d in listed.items() if k not in current]
    changed = [f"{r['command']!r}: listed as ours={listed[k]['ours']}, now {r['ours']}"
               for k, r in current.items() if k in listed and listed[k]["ours"] != r["ours"]]
    assert not unlisted, f"{len(unlisted)} unexplained disagreements:\n" + "\n".join(unlisted)
    assert not stale, "\n".join(stale)
    assert not changed, "\n".join(changed)
