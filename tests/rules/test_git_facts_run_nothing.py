"""The facts some rules ask git for (what ``git add .`` would stage, what ``git stash -u``
would remove, which files ``rg`` skips, whether a file has local changes) run nothing the
repository configures: an agent could set ``core.fsmonitor`` or an external diff to a command
and have the guard itself run it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import decide

from railguard.rules.base import run_git


@pytest.fixture
def rigged(project: Path, tmp_path: Path) -> tuple[Path, Path]:
    marker = tmp_path / "ran"
    hook = tmp_path / "monitor.sh"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n")
    hook.chmod(0o755)
    for key, value in (("core.fsmonitor", str(hook)), ("diff.external", str(hook))):
        subprocess.run(["git", "-C", str(project), "config", key, value], check=True)
    (project / ".claude").mkdir(exist_ok=True)
    (project / ".claude" / "settings.json").write_text("{}")
    (project / "notes.txt").write_text("draft\n")
    return project, marker


@pytest.mark.parametrize("command", [
    "git add .", "git add -A", "git stash -u", "git stash -a", "rg KEY", "git add --force -A",
])
def test_the_guard_runs_no_configured_command(command: str,
                                              rigged: tuple[Path, Path]) -> None:
    project, marker = rigged
    decide(command, project)
    assert not marker.exists(), command


def test_run_git_answers_and_fails_closed(project: Path) -> None:
    done = run_git(["rev-parse", "--show-toplevel"], str(project))
    assert done is not None and done[0] == 0
    assert done[1].decode().strip() == str(project)
    missing = run_git(["rev-parse", "--show-toplevel"], str(project / "absent"))
    assert missing is None or missing[0] != 0
