"""The last healthy state railguard saw for each root and workspace.

Kept in railguard's state directory (never in the project, where an agent could rewrite it):
``{"version": 1, "roots": {"/abs/root": {"default": {lineage, serial, resources, addresses,
marker, terraform_version, seen}}}}``. It is updated only when a state shows no stale signal,
so a swapped or rolled-back state is measured against the last good one.
"""

from __future__ import annotations

import json
import os

from railguard.state import state_dir, write_atomic

TYPE_CHECKING = False
if TYPE_CHECKING:
    from railguard.terraform.state import Snapshot

MAX_ADDRESSES = 500
MAX_ROOTS = 2000


def path() -> str:
    return os.path.join(state_dir(), "terraform-ledger.json")


def load() -> dict[str, object]:
    try:
        with open(path(), encoding="utf-8") as fh:
            doc = json.load(fh)
    except (OSError, ValueError):
        return {"version": 1, "roots": {}}
    if not isinstance(doc, dict) or not isinstance(doc.get("roots"), dict):
        return {"version": 1, "roots": {}}
    return doc


def entry(root: str, workspace: str, doc: dict[str, object] | None = None
          ) -> dict[str, object] | None:
    doc = doc if doc is not None else load()
    roots = doc.get("roots")
    if not isinstance(roots, dict):
        return None
    per = roots.get(root)
    if not isinstance(per, dict):
        return None
    e = per.get(workspace)
    return e if isinstance(e, dict) else None


def record(root: str, workspace: str, snap: Snapshot,
           doc: dict[str, object] | None = None) -> bool:
    """Remember ``snap`` as the healthy state of this root; False when nothing changed."""
    import time

    doc = doc if doc is not None else load()
    roots = doc.setdefault("roots", {})
    assert isinstance(roots, dict)
    old = entry(root, workspace, doc)
    if old is not None and old.get("marker") == snap.marker and old.get("lineage") == \
            snap.lineage:
        return False
    new: dict[str, object] = {
        "lineage": snap.lineage,
        "serial": snap.serial,
        "resources": len(snap.resources),
        "addresses": snap.resources[:MAX_ADDRESSES],
        "marker": snap.marker,
        "terraform_version": snap.tf_version,
        "seen": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    per = roots.setdefault(root, {})
    if not isinstance(per, dict):
        per = roots[root] = {}
    per[workspace] = new
    if len(roots) > MAX_ROOTS:
        for k in list(roots)[: len(roots) - MAX_ROOTS]:
            del roots[k]
    try:
        write_atomic(path(), json.dumps(doc, indent=1, sort_keys=True).encode())
    except OSError:
        return False
    return True
