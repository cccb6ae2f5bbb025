"""ruff and mypy are part of the test suite: the code stays lint-clean and fully typed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tool(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        pytest.skip(f"{name} is not installed in this environment")
    return path


def test_ruff() -> None:
    proc = subprocess.run([str(_tool("ruff")), "check", "--no-cache", "src", "tests", "bench"],
                          cwd=ROOT, capture_output=True, text=True, env=dict(os.environ))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy() -> None:
    # the files and settings are in pyproject.toml ([tool.mypy]); the cache stays in the repo
    proc = subprocess.run([str(_tool("mypy"))], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ))
    assert proc.returncode == 0, proc.stdout + proc.stderr
