"""Recall and false alarms of the built-in secret rules on the shared labelled corpus.

Reads ``secret-corpus/*.jsonl`` (fields ``text``, ``expect`` = secret | clean, ``source``) from
the ``shared`` folder beside the repository (or ``--corpus DIR``). Each row is scanned as one file
(example level, as in the published baseline): a ``secret`` row counts as found if any rule fires,
a ``clean`` row is a false alarm if any rule fires. Inline suppression markers are ignored.

    python bench/secret_accuracy.py [--corpus DIR] [--engine python|hyperscan] [--misses N]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

#: recall / false-positive rate per file from the research notes (secret-scanning.md, 5.3)
PEERS = {
    "noseyparker-rules": {"gitleaks 8.30.1": (.46, .20), "Kingfisher 2.14.0": (.34, .08),
                          "betterleaks 2.0.0-rc.4": (.59, .32)},
    "kingfisher-v1-rules": {"gitleaks 8.30.1": (.44, .00), "Kingfisher 2.14.0": (.13, .00),
                            "betterleaks 2.0.0-rc.4": (.37, .14)},
    "secretlint-snapshots": {"gitleaks 8.30.1": (.49, .09), "Kingfisher 2.14.0": (.54, .13),
                             "betterleaks 2.0.0-rc.4": (.61, .16)},
    "credsweeper-samples": {"gitleaks 8.30.1": (.24, .02), "Kingfisher 2.14.0": (.17, .02),
                            "betterleaks 2.0.0-rc.4": (.43, .16)},
}


def default_corpus() -> Path:
    return Path(__file__).resolve().parents[1] / ".." / "shared" / "secret-corpus"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=default_corpus())
    ap.add_argument("--engine", default=None)
    ap.add_argument("--misses", type=int, default=0, help="print N missed rows per file")
    ns = ap.parse_args()
    from railguard.secrets.engine import Scanner, builtin_rules

    sc = Scanner(builtin_rules(), ns.engine)
    files = sorted(ns.corpus.glob("*.jsonl"))
    if not files:
        print(f"no corpus at {ns.corpus}", file=sys.stderr)
        return 2
    print(f"{'source':24} {'secret':>7} {'found':>6} {'recall':>7} {'clean':>6} "
          f"{'alarms':>7} {'FP rate':>8}   peers (recall / FP rate)")
    all_ok = True
    for f in files:
        rows = [json.loads(line) for line in f.read_text().splitlines() if line.strip()]
        pos = [r for r in rows if r["expect"] == "secret"]
        neg = [r for r in rows if r["expect"] == "clean"]
        found = [r for r in pos if sc.scan_text(r["text"], suppressions=False)]
        alarms = [r for r in neg if sc.scan_text(r["text"], suppressions=False)]
        recall = len(found) / len(pos) if pos else 0.0
        fpr = len(alarms) / len(neg) if neg else 0.0
        peers = PEERS.get(f.stem, {})
        # the bar: recall above gitleaks and Kingfisher (betterleaks is shown, not a bar)
        bar = {k: v for k, v in peers.items() if "betterleaks" not in k}
        best_peer = max((v[0] for v in bar.values()), default=0)
        lowest_fp = min((v[1] for v in bar.values()), default=1.0)
        ok = recall > best_peer
        all_ok &= ok
        peer_txt = "; ".join(f"{k.split()[0]} {v[0]:.2f}/{v[1]:.2f}" for k, v in peers.items())
        notes = ("" if ok else "  <- recall below a peer") + (
            "  (more false alarms than a peer)" if neg and fpr > lowest_fp + 1e-9 else "")
        print(f"{f.stem:24} {len(pos):7} {len(found):6} {recall:7.2f} {len(neg):6} "
              f"{len(alarms):7} {fpr:8.2f}   {peer_txt}{notes}")
        missed = [r for r in pos if r not in found]
        for r in missed[: ns.misses]:
            print(f"    missed [{r.get('rule')}] {r['text'][:100]!r}")
        for r in alarms[: ns.misses]:
            print(f"    alarm  [{r.get('rule')}] {r['text'][:100]!r}")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
