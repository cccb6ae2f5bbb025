"""The human's escape hatch: ``railguard allow --once RULE [--for 10m]``.

A grant lets the next call that a rule would refuse through, once, within its time window, in
the project it was given for. Grants live in railguard's state directory (outside the project),
which the ``self_protection`` rules keep the agent from writing, and the agent cannot run
``railguard allow`` itself. Using a grant consumes it.
"""

from __future__ import annotations

import os
import time

from railguard import jsonio
from railguard.state import state_dir, write_atomic

TYPE_CHECKING = False
if TYPE_CHECKING:
    from railguard.model import Action, Finding

DEFAULT_SECONDS = 600
MAX_SECONDS = 24 * 3600


def grants_path() -> str:
    return os.path.join(state_dir(), "grants.json")


def load() -> list[dict[str, object]]:
    path = grants_path()
    try:
        with open(path, "rb") as fh:
            data = jsonio.loads(fh.read().decode("utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError, UnicodeDecodeError):
        return []  # unreadable grants grant nothing
    if not isinstance(data, list):
        return []
    now = time.time()
    out = []
    for g in data:
        if not isinstance(g, dict):
            continue
        expires = g.get("expires")
        if isinstance(expires, (int, float)) and expires > now:
            out.append(g)
    return out


def save(grants: list[dict[str, object]]) -> None:
    import json  # written by `railguard allow` and when a grant is used: not every call

    write_atomic(grants_path(), (json.dumps(grants, indent=1) + "\n").encode())


def add(rule_id: str, seconds: int, project: str | None) -> dict[str, object]:
    grants = load()
    grant: dict[str, object] = {
        "rule": rule_id,
        "expires": time.time() + seconds,
        "project": project,
        "created": time.time(),
    }
    grants.append(grant)
    save(grants)
    return grant


def parse_duration(text: str) -> int:
    """``90``, ``90s``, ``10m``, ``2h`` -> seconds; at most a day."""
    t = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600}
    mult = 1
    if t and t[-1] in units:
        mult = units[t[-1]]
        t = t[:-1]
    if not t.isdigit() or int(t) <= 0:
        raise ValueError(f"not a duration: {text!r} (use e.g. 90s, 10m, 2h)")
    seconds = int(t) * mult
    if seconds > MAX_SECONDS:
        raise ValueError(f"{text} is longer than a day; grants are meant to be short")
    return seconds


def apply(findings: list[Finding], action: Action) -> list[Finding]:
    """Drop the findings a live grant covers, consuming those grants."""
    path = grants_path()
    if not os.path.exists(path):
        return findings
    grants = load()
    if not grants:
        return findings
    project = action.project_dir or action.cwd
    used: set[int] = set()
    kept = []
    for f in findings:
        hit = None
        for i, g in enumerate(grants):
            if i in used or g.get("rule") != f.rule_id:
                continue
            gp = g.get("project")
            if gp and gp != project:
                continue
            hit = i
            break
        if hit is None:
            kept.append(f)
        else:
            used.add(hit)
    if not used:
        return findings
    if any(f.verdict is not None and f.verdict > 0 for f in kept):
        # something else still stops the call: keep the grant for when it can be used
        return findings
    save([g for i, g in enumerate(grants) if i not in used])
    return kept
