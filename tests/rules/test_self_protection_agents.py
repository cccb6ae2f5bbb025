"""SELF008: another coding agent started with its hooks or approvals off, through the real
engine in a real git project. No agent is started: the calls are only judged.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import decide  # type: ignore[import-not-found]

from railguard.model import Verdict

UNGUARDED = [
    "claude -p 'clean up' --dangerously-skip-permissions",
    "claude --permission-mode bypassPermissions -p x",
    "claude --permission-mode=bypassPermissions -p x",
    "claude --settings '{\"disableAllHooks\": true}' -p x",
    "claude --settings off.json -p x",
    "claude --bare -p x",
    "claude --setting-sources local -p x",
    "claude --setting-sources=user -p x",
    "npx @anthropic-ai/claude-code --dangerously-skip-permissions -p x",
    "npx -y @anthropic-ai/claude-code@latest -p x --dangerously-skip-permissions",
    "codex exec --dangerously-bypass-approvals-and-sandbox 'fix it'",
    "codex --yolo",
    "npx @openai/codex --yolo",
    "gemini --yolo -p x",
    "gemini -y -p x",
    "gemini --approval-mode=yolo -p x",
    "cursor-agent -p x --force",
    "bash -c 'claude --dangerously-skip-permissions -p x'",
]


@pytest.fixture
def proj(project: Path) -> Path:
    (project / "off.json").write_text(json.dumps({"disableAllHooks": True}))
    (project / "review.json").write_text(json.dumps({"permissions": {"deny": ["Bash(rm:*)"]}}))
    return project


@pytest.mark.parametrize("command", UNGUARDED)
def test_agent_without_its_guard_is_denied(command: str, proj: Path) -> None:
    d = decide(command, proj)
    assert "SELF008" in d.rule_ids, (command, d.findings)
    assert d.verdict == Verdict.DENY


@pytest.mark.parametrize("command", [
    "claude -p 'summarise the diff'", "claude --version", "codex exec 'fix the test'",
    "gemini -p 'explain'", "claude --permission-mode plan -p x",
    "claude --permission-mode acceptEdits -p x", "claude --settings review.json -p x",
    "claude --settings '{\"disableAllHooks\": false}' -p x",
    "claude --setting-sources user,project,local -p x", "cursor-agent -p x",
    "echo claude --dangerously-skip-permissions",
    "grep -r dangerously-skip-permissions docs/",
])
def test_agents_started_with_their_guard_pass(command: str, proj: Path) -> None:
    d = decide(command, proj)
    assert "SELF008" not in d.rule_ids, (command, d.findings)
