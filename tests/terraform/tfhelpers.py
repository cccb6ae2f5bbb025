"""Helpers and fixtures for the Terraform tests (imported by name: a conftest here would
shadow the suite's own). Real Terraform: a binary with ``terraform_data`` (1.4+).

``tf`` runs terraform offline (no CLI config, no version check, no provider download) in a
root; tests that need it skip cleanly when no suitable binary is found. The binary is looked up
on PATH, then beside the interpreter (a test install may provide one there).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TF_ENV = {"TF_CLI_CONFIG_FILE": "/dev/null", "CHECKPOINT_DISABLE": "1",
          "TF_IN_AUTOMATION": "1", "TF_INPUT": "0"}

#: shared/tf-fixtures beside the repository (skip the tests that need it when it is missing)
FIXTURES = Path(__file__).resolve().parents[2] / ".." / "shared" / "tf-fixtures"


def _version(exe: str) -> tuple[int, ...]:
    try:
        out = subprocess.run([exe, "version", "-json"], capture_output=True, timeout=30,
                             env={**os.environ, **TF_ENV}, check=False).stdout
        text = json.loads(out).get("terraform_version", "0")
    except (OSError, ValueError, subprocess.SubprocessError):
        return (0,)
    return tuple(int(p) for p in text.split("-")[0].split(".") if p.isdigit())


def find_terraform() -> str | None:
    """A terraform binary that has the built-in ``terraform_data`` resource (1.4 or later)."""
    candidates = [shutil.which("terraform"), str(Path(sys.executable).parent / "terraform")]
    for exe in candidates:
        if exe and os.path.isfile(exe) and _version(exe) >= (1, 4):
            return exe
    return None


TERRAFORM = find_terraform()


class TF:
    def __init__(self, exe: str) -> None:
        self.exe = exe

    def __call__(self, root: Path, *args: str, check: bool = True
                 ) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run([self.exe, *args, "-no-color"] if args[0] not in ("state",
                                                                                "workspace")
                              else [self.exe, *args], cwd=root, capture_output=True, text=True,
                              env={**os.environ, **TF_ENV}, timeout=300, check=False,
                              stdin=subprocess.DEVNULL)
        if check and proc.returncode != 0:
            raise AssertionError(f"terraform {' '.join(args)} failed:\n{proc.stderr}")
        return proc

    def root(self, path: Path, *names: str, extra: str = "") -> Path:
        """A root module with ``terraform_data`` resources ``names``, initialised."""
        path.mkdir(parents=True, exist_ok=True)
        write_config(path, *names, extra=extra)
        self(path, "init")
        return path


def write_config(path: Path, *names: str, extra: str = "") -> None:
    body = "".join(f'resource "terraform_data" "{n}" {{\n  input = "{n}"\n}}\n' for n in names)
    (path / "main.tf").write_text(body + extra)


def state(path: Path) -> dict[str, object]:
    data = json.loads(path.read_text())
    assert isinstance(data, dict)
    return data

@pytest.fixture
def tf() -> TF:
    if TERRAFORM is None:
        pytest.skip("no terraform 1.4+ binary (on PATH or beside the interpreter)")
    return TF(TERRAFORM)


@pytest.fixture
def fixtures() -> Path:
    if not FIXTURES.is_dir():
        pytest.skip("shared/tf-fixtures is not beside the repository")
    return FIXTURES.resolve()


@pytest.fixture
def prod(tf: TF, tmp_path: Path) -> tuple[Path, Path]:
    """A production root applied twice (serial above its backup) and an old copy of its state.

    Returns (root, stale): ``stale`` is the state as it was after the first apply (same
    lineage, lower serial, without ``cache``).
    """
    root = tf.root((tmp_path / "prod").resolve(), "vpc", "db")
    tf(root, "apply", "-auto-approve")
    stale = tmp_path / "old-laptop.tfstate"
    shutil.copy(root / "terraform.tfstate", stale)
    write_config(root, "vpc", "db", "cache")
    tf(root, "apply", "-auto-approve")
    return root, stale.resolve()
