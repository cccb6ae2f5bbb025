"""Load a gitleaks TOML config (``[[rules]]``, allowlists) so teams keep their custom rules.

Supported: ``id``, ``description``, ``regex`` (Go RE2 syntax: confirmed with RE2 when installed),
``secretGroup``, ``entropy``, ``keywords``, ``path``, ``tags``; per-rule ``[rules.allowlist]`` and
``[[rules.allowlists]]`` (``regexes`` with ``regexTarget`` secret/match/line, ``stopwords``,
``paths``; ``condition = "AND"`` is treated as OR, which only ever drops more); global
``[allowlist]`` / ``[[allowlists]]`` (with ``targetRules``). ``[extend] useDefault`` keeps the
built-in rules (ours) beside the custom ones; ``disabledRules`` names built-in or custom ids.
Rules with only a ``path`` (file-name rules) are skipped and reported. Each gitleaks rule is
matched line by line, like the built-in ones.
"""

from __future__ import annotations

from typing import Any

from railguard.secrets.engine import Rule


class GitleaksConfigError(Exception):
    pass


def _allow(spec: dict[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"values": [], "matches": [], "lines": [], "paths": [],
                                 "stopwords": []}
    target = str(spec.get("regexTarget", "secret")).lower()
    bucket = {"secret": "values", "match": "matches", "line": "lines"}.get(target, "values")
    out[bucket].extend(str(x) for x in spec.get("regexes", []) or [])
    out["paths"].extend(str(x) for x in spec.get("paths", []) or [])
    out["stopwords"].extend(str(x) for x in spec.get("stopwords", []) or [])
    return out


def _merge(into: dict[str, list[str]], more: dict[str, list[str]]) -> None:
    for k, v in more.items():
        into[k].extend(v)


def load(path: str, builtin: tuple[Rule, ...]) -> tuple[list[Rule], list[str]]:
    """(rules to scan with, warnings)."""
    import tomllib

    try:
        with open(path, "rb") as fh:
            doc = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise GitleaksConfigError(f"cannot read gitleaks config {path}: {exc}") from exc
    warnings: list[str] = []
    extend = doc.get("extend") or {}
    disabled = {str(x) for x in extend.get("disabledRules", []) or []}
    global_allows: list[tuple[set[str], dict[str, list[str]]]] = []
    g = doc.get("allowlist")
    if isinstance(g, dict):
        global_allows.append((set(), _allow(g)))
    for g in doc.get("allowlists", []) or []:
        if isinstance(g, dict):
            global_allows.append(({str(x) for x in g.get("targetRules", []) or []}, _allow(g)))
    rules: list[Rule] = []
    if extend.get("useDefault") or extend.get("path"):
        if extend.get("path"):
            warnings.append("[extend] path is not followed; the built-in rules are used")
        rules.extend(r for r in builtin if r.id not in disabled)
    seen: set[str] = set()
    for i, spec in enumerate(doc.get("rules", []) or []):
        if not isinstance(spec, dict):
            continue
        rid = str(spec.get("id") or f"gitleaks-rule-{i + 1}")
        if rid in disabled or rid in seen:
            continue
        seen.add(rid)
        regex = spec.get("regex")
        if not regex:
            warnings.append(f"rule {rid}: no regex (file-name-only rules are not supported)")
            continue
        allow: dict[str, list[str]] = {"values": [], "matches": [], "lines": [], "paths": [],
                                       "stopwords": []}
        single = spec.get("allowlist")
        if isinstance(single, dict):
            _merge(allow, _allow(single))
        for a in spec.get("allowlists", []) or []:
            if isinstance(a, dict):
                _merge(allow, _allow(a))
        for targets, a in global_allows:
            if not targets or rid in targets:
                _merge(allow, a)
        group = spec.get("secretGroup")
        entropy = spec.get("entropy")
        rules.append(Rule(
            rid, provider="custom", title=str(spec.get("description") or rid), regex=str(regex),
            keywords=[str(k) for k in spec.get("keywords", []) or []],
            severity="high", group=int(group) if group else None,
            entropy=float(entropy) if entropy else None,
            path=str(spec["path"]) if spec.get("path") else None,
            allow_values=allow["values"], allow_matches=allow["matches"],
            allow_lines=allow["lines"], allow_paths=allow["paths"],
            stopwords=allow["stopwords"], source="gitleaks"))
    # global allowlists also apply to the built-in rules they target (on copies)
    if global_allows:
        for n, r in enumerate(rules):
            if r.source != "railguard":
                continue
            for targets, a in global_allows:
                if not targets or r.id in targets:
                    r = r.copy(allow_values=(*r.allow_values, *a["values"]),
                               allow_matches=(*r.allow_matches, *a["matches"]),
                               allow_lines=(*r.allow_lines, *a["lines"]),
                               allow_paths=(*r.allow_paths, *a["paths"]),
                               stopwords=(*r.stopwords, *a["stopwords"]))
            rules[n] = r
    return rules, warnings
