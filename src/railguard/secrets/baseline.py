"""Baselines: known findings, stored as hashes only, so a scan reports what is new.

Format (JSON)::

    {"version": 1, "generated_by": "railguard 0.1.0",
     "findings": [{"rule": "SEC050", "path": "src/app.py", "fingerprint": "<sha256 hex>"}]}

A finding's identity is (rule, path, fingerprint) where the fingerprint is sha256 of the rule id
and the value: no secret in plaintext, and line numbers are left out because code moves.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable

from railguard.secrets.finding import SecretFinding

VERSION = 1


class BaselineError(Exception):
    pass


def _norm(path: str | None) -> str:
    return (path or "").replace(os.sep, "/").removeprefix("./")


def key(f: SecretFinding) -> tuple[str, str, str]:
    return (f.rule_id, _norm(f.path), f.fingerprint)


def load(path: str) -> set[tuple[str, str, str]]:
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except FileNotFoundError:
        return set()
    except (OSError, ValueError) as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("findings"), list):
        raise BaselineError(f"{path} is not a railguard secrets baseline")
    out = set()
    for e in doc["findings"]:
        if isinstance(e, dict) and all(isinstance(e.get(k), str)
                                       for k in ("rule", "path", "fingerprint")):
            out.add((e["rule"], _norm(e["path"]), e["fingerprint"]))
    return out


def save(path: str, findings: Iterable[SecretFinding]) -> int:
    from railguard import __version__

    entries = sorted({key(f) for f in findings})
    doc = {"version": VERSION, "generated_by": f"railguard {__version__}",
           "findings": [{"rule": r, "path": p, "fingerprint": fp} for r, p, fp in entries]}
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=2)
        fh.write("\n")
    os.replace(tmp, path)
    return len(entries)


def new_findings(findings: Iterable[SecretFinding], known: set[tuple[str, str, str]]
                 ) -> list[SecretFinding]:
    return [f for f in findings if key(f) not in known]
