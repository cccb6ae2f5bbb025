"""SARIF 2.1.0 for GitHub code scanning (plain dicts; values are never included)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence

from railguard.secrets.engine import Rule
from railguard.secrets.finding import SecretFinding

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0"}


def _uri(path: str | None) -> str:
    if not path:
        return "stdin"
    p = os.path.relpath(path) if os.path.isabs(path) else path
    return p.replace(os.sep, "/").removeprefix("./")


def _rule_descriptor(r: Rule) -> dict[str, object]:
    text = f"{r.title} ({r.provider})"
    help_text = (f"A {r.title} was found in the source. Revoke and rotate it at {r.provider}, "
                 "remove it from the code and its history, and read it from the environment "
                 "or a secret manager instead.")
    return {
        "id": r.id,
        "name": "".join(w.capitalize() for w in r.title.replace("/", " ").split()
                        if w.isalnum())[:255] or r.id,
        "shortDescription": {"text": text[:1024]},
        "fullDescription": {"text": f"Detects a {r.title} ({r.provider} credential)."[:1024]},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": _LEVEL.get(r.severity, "warning")},
        "properties": {"tags": ["security", "secret", r.provider.lower()],
                       "precision": "medium" if r.generic else "high",
                       "security-severity": _SEVERITY.get(r.severity, "5.5")},
    }


def render(findings: Sequence[SecretFinding], rules: Sequence[Rule], *, version: str,
           working_directory: str | None = None) -> dict[str, object]:
    by_id = {r.id: r for r in rules}
    used = sorted({f.rule_id for f in findings})
    index = {rid: i for i, rid in enumerate(used)}
    results = []
    for f in findings:
        uri = _uri(f.path)
        stable = hashlib.sha256(f"{f.rule_id}:{uri}:{f.fingerprint}".encode()).hexdigest()
        result: dict[str, object] = {
            "ruleId": f.rule_id,
            "ruleIndex": index[f.rule_id],
            "level": _LEVEL.get(f.severity, "warning"),
            "message": {"text": f"{f.title} ({f.provider}): {f.redacted}. Revoke it and read "
                                "the credential from the environment instead."},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": {"startLine": f.line, "startColumn": f.column,
                           "endLine": f.end_line,
                           "endColumn": f.column + max(1, f.end - f.start)}}}],
            "partialFingerprints": {"railguard/v1": stable},
        }
        if f.commit:
            result["properties"] = {"commit": f.commit}
        results.append(result)
    run: dict[str, object] = {
        "tool": {"driver": {
            "name": "railguard", "semanticVersion": version, "version": version,
            "rules": [_rule_descriptor(by_id[rid]) if rid in by_id else
                      {"id": rid, "shortDescription": {"text": rid},
                       "fullDescription": {"text": rid}, "help": {"text": rid}}
                      for rid in used]}},
        "results": results,
        "automationDetails": {"id": "railguard/secrets/"},
    }
    if working_directory:
        run["invocations"] = [{"executionSuccessful": True, "workingDirectory": {
            "uri": "file://" + working_directory.replace(os.sep, "/").rstrip("/") + "/"}}]
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
