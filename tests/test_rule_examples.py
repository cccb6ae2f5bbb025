"""Every rule's examples are tests: its ``bad`` calls must raise the rule, its ``good`` ones not.

They run through the real adapter conversion and engine, in a real git project (cwd = project
root) with HOME in a temp dir, the setting the examples are written for.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from railguard.adapters.claude import action_from_payload
from railguard.config import Config
from railguard.engine import evaluate
from railguard.rules import ALL_RULES
from railguard.rules.base import Example

FILES = {
    "src/app.py": "print('hi')\n",
    "README.md": "# app\n",
    ".env": "OPENAI_API_KEY=placeholder\n",
    ".env.example": "OPENAI_API_KEY=\n",
    "infra/main.tf": 'resource "terraform_data" "x" {}\n',
    "infra/terraform.tfstate": json.dumps({"version": 4, "serial": 3, "lineage": "abc",
                                           "resources": []}),
    ".claude/settings.json": json.dumps({"permissions": {"deny": []}}),
    "scripts/build.sh": "#!/bin/sh\necho building\n",
    # a local SQLite database, not committed (FS023)
    "data/app.sqlite3": "SQLite format 3\x00" + "\x10\x00\x01\x01" + "\x00" * 92,
}


@pytest.fixture(scope="module")
def example_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("example-project")
    for rel, body in FILES.items():
        f = root / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(body)
    subprocess.run(["git", "init", "-q", "-b", "feature/work", str(root)], check=True)
    return root


def _cases() -> list[tuple[str, str, int, Example]]:
    out = []
    for rule in ALL_RULES.values():
        for i, ex in enumerate(rule.bad):
            out.append((rule.id, "bad", i, ex))
        for i, ex in enumerate(rule.good):
            out.append((rule.id, "good", i, ex))
    return out


def _findings(example: Example, project: Path) -> list[str]:
    tool_input = dict(example.tool_input)
    for key in ("file_path", "notebook_path", "path"):
        value = tool_input.get(key)
        if isinstance(value, str) and not value.startswith(("/", "~")):
            tool_input[key] = str(project / value)
    payload = {"hook_event_name": "PreToolUse", "tool_name": example.tool,
               "tool_input": tool_input, "cwd": str(project), "permission_mode": "default"}
    action = action_from_payload(payload)
    return [f.rule_id for f in evaluate(action, Config()).findings]


@pytest.mark.parametrize(
    ("rule_id", "kind", "index", "example"),
    _cases(),
    ids=[f"{r}-{k}{i}" for r, k, i, _ in _cases()],
)
def test_rule_example(rule_id: str, kind: str, index: int, example: Example,
                      example_project: Path, tmp_path: Path,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "CLAUDE_PROJECT_DIR", "TMPDIR"):
        monkeypatch.delenv(var, raising=False)
    ids = _findings(example, example_project)
    if kind == "bad":
        assert rule_id in ids, f"{rule_id} should flag {example!r}; findings: {ids}"
    else:
        assert rule_id not in ids, f"{rule_id} should not flag {example!r}; findings: {ids}"


def test_every_rule_is_documented_and_exemplified() -> None:
    for rule in ALL_RULES.values():
        assert rule.title and rule.why and rule.instead, rule.id
        assert rule.id[0].isalpha() and rule.id[:-3].isalnum() and rule.id[-3:].isdigit(), rule.id
        if rule.pack not in ("policy",) and rule.id not in ("SH006", "SH007"):
            assert rule.bad, f"{rule.id} has no example of what it flags"

