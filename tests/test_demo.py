"""``railguard demo`` run as a user would: the installed console script, in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RAILGUARD = Path(sys.executable).parent / "railguard"


def run_demo(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(RAILGUARD), "demo", *args], capture_output=True, text=True,
                          timeout=300, env=dict(os.environ), check=False)


def test_demo_with_terraform(home: Path) -> None:
    if shutil.which("terraform") is None:
        pytest.skip("terraform is not on PATH")
    proc = run_demo(home)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert "stopped 5 of 5 destructive steps; passed 3 of 3 ordinary ones" in out
    assert "UNEXPECTED" not in out
    for rule in ("TFS001", "TFS003", "TFS004"):
        assert rule in out
    assert "Production is intact: `terraform state list` shows 5 resources" in out
    # the demo's hook calls used their own home: the user's (here the test's) is untouched
    assert not (home / ".local" / "state" / "railguard").exists()


def test_demo_without_terraform(home: Path) -> None:
    proc = run_demo(home, "--no-terraform")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "terraform was not used" in proc.stdout
    assert "stopped 5 of 5" in proc.stdout and "passed 3 of 3" in proc.stdout
    assert "not run" in proc.stdout


def test_demo_leaves_no_temp_dir(home: Path, tmp_path: Path) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    proc = subprocess.run([str(RAILGUARD), "demo", "--no-terraform"], capture_output=True,
                          text=True, timeout=300, env=env, check=False)
    assert proc.returncode == 0
    assert list(tmp_path.iterdir()) == []
