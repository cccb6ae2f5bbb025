"""Shared fixtures: an isolated home, a real git project, and the installed hook as a process.

- ``home`` (autouse): ``HOME`` and ``XDG_CONFIG_HOME`` / ``XDG_STATE_HOME`` / ``XDG_CACHE_HOME``
  point into a fresh temp dir, ``CLAUDE_PROJECT_DIR`` and every ``RAILGUARD_*`` variable are
  removed, and git gets a fixed identity. No test ever reads or writes the real home.
- ``project``: a real git repository (one commit) with ``.env``, ``.env.example``,
  ``src/app.py``, ``README.md``, ``config/.env``; its path is resolved (no symlinks).
- ``hook``: runs the installed ``railguard hook claude`` console script (the one beside the
  interpreter running pytest) as a subprocess::

      r = hook.bash("rm -rf ~")                  # a Bash PreToolUse in the project
      r = hook.tool("Read", file_path=".env")    # relative paths are made absolute in the project
      r = hook({"hook_event_name": ...})         # any payload dict; or bytes / str, sent as is
      rc, out, err, decision = r                 # decision: "deny" | "ask" | "allow" | None
      r.reason                                   # permissionDecisionReason, or None
      results = hook.many([payload, ...])        # several processes in parallel, same order
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from railguard.config import Config
from railguard.engine import evaluate
from railguard.model import Action, Decision

#: the console script installed in the venv that runs the tests
RAILGUARD = Path(sys.executable).parent / "railguard"

PROJECT_FILES = {
    ".env": "DATABASE_URL=postgres://app:placeholder@localhost/app\n",
    ".env.example": "DATABASE_URL=\n",
    "config/.env": "API_TOKEN=placeholder\n",
    "src/app.py": "print('hello')\n",
    "README.md": "# app\n",
    ".gitignore": ".env\nconfig/.env\nnode_modules/\n",
}


@pytest.fixture(autouse=True)
def home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty home directory for every test (also set as the XDG base dirs' parent)."""
    root = tmp_path_factory.mktemp("home").resolve()
    for var in list(os.environ):
        if var.startswith("RAILGUARD_"):
            monkeypatch.delenv(var)
    monkeypatch.delenv("CLAUDE_PROJECT_DIR", raising=False)
    monkeypatch.setenv("HOME", str(root))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(root / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / ".cache"))
    # git: no user or system config, a fixed identity
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(root / ".gitconfig"))
    for key in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{key}_NAME", "Test User")
        monkeypatch.setenv(f"GIT_{key}_EMAIL", "test@example.com")
    return root


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A real git repository with a first commit, its path resolved."""
    root = (tmp_path / "project").resolve()
    root.mkdir()
    for rel, body in PROJECT_FILES.items():
        f = root / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(body)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first commit")
    return root


def decide(command: str, cwd: Path) -> Decision:
    """The engine's decision for a Bash call run in ``cwd``, which is also the project root."""
    return evaluate(Action("shell", "Bash", command=command, cwd=str(cwd),
                           project_dir=str(cwd)), Config())


def rule_ids(command: str, cwd: Path, prefix: str) -> list[str]:
    """The ids, among that decision's findings, of one pack (by rule-id prefix)."""
    return [i for i in decide(command, cwd).rule_ids if i.startswith(prefix)]


class HookResult(NamedTuple):
    """What one ``railguard hook claude`` process did."""

    returncode: int
    stdout: str
    stderr: str
    decision: str | None

    @property
    def output(self) -> dict[str, Any] | None:
        """The parsed stdout JSON (None when stdout is empty)."""
        return json.loads(self.stdout) if self.stdout.strip() else None

    @property
    def reason(self) -> str | None:
        out = self.output
        if out is None:
            return None
        reason = out.get("hookSpecificOutput", {}).get("permissionDecisionReason")
        return reason if isinstance(reason, str) else None


def parse_decision(stdout: str) -> str | None:
    """``permissionDecision`` of a hook's stdout; None for no output. Fails on invalid JSON."""
    if not stdout.strip():
        return None
    data = json.loads(stdout)
    assert isinstance(data, dict), stdout[:200]
    hso = data["hookSpecificOutput"]
    assert hso["hookEventName"] == "PreToolUse", stdout[:200]
    decision = hso["permissionDecision"]
    assert decision in ("allow", "deny", "ask"), stdout[:200]
    return str(decision)


class Hook:
    """Runs the installed hook; see the module docstring."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self._request = request
        self._cwd: Path | None = None

    @property
    def cwd(self) -> Path:
        """The default cwd of payloads: the ``project`` fixture (created on first use)."""
        if self._cwd is None:
            self._cwd = Path(self._request.getfixturevalue("project"))
        return self._cwd

    @cwd.setter
    def cwd(self, value: Path) -> None:
        self._cwd = value

    def payload(self, tool: str, tool_input: Mapping[str, Any], *, cwd: Path | str | None = None,
                mode: str = "default", event: str = "PreToolUse") -> dict[str, Any]:
        where = Path(cwd) if cwd is not None else self.cwd
        ti = dict(tool_input)
        for key in ("file_path", "notebook_path", "path"):
            value = ti.get(key)
            if isinstance(value, str) and value and not value.startswith(("/", "~")):
                ti[key] = str(where / value)
        return {
            "session_id": "test-session",
            "transcript_path": str(where / "transcript.jsonl"),
            "cwd": str(where),
            "permission_mode": mode,
            "hook_event_name": event,
            "tool_name": tool,
            "tool_input": ti,
            "tool_use_id": "toolu_test",
        }

    def run(self, stdin: Mapping[str, Any] | bytes | str, *, env: Mapping[str, str] | None = None,
            cwd: Path | str | None = None, args: tuple[str, ...] = ("hook", "claude"),
            timeout: float = 120) -> HookResult:
        if isinstance(stdin, bytes):
            data = stdin
        elif isinstance(stdin, str):
            data = stdin.encode("utf-8", "surrogatepass")
        else:
            data = json.dumps(stdin).encode()
        full_env = dict(os.environ)
        if env:
            full_env.update(env)
        proc = subprocess.run(
            [str(RAILGUARD), *args], input=data, capture_output=True, env=full_env,
            cwd=str(cwd) if cwd is not None else None, timeout=timeout,
        )
        out = proc.stdout.decode("utf-8")
        err = proc.stderr.decode("utf-8", "replace")
        return HookResult(proc.returncode, out, err, parse_decision(out) if out.strip() else None)

    __call__ = run

    def bash(self, command: str, *, mode: str = "default", cwd: Path | str | None = None,
             env: Mapping[str, str] | None = None) -> HookResult:
        return self.run(self.payload("Bash", {"command": command}, cwd=cwd, mode=mode), env=env)

    def tool(self, tool: str, *, mode: str = "default", cwd: Path | str | None = None,
             env: Mapping[str, str] | None = None, **tool_input: Any) -> HookResult:
        return self.run(self.payload(tool, tool_input, cwd=cwd, mode=mode), env=env)

    def many(self, inputs: list[Mapping[str, Any] | bytes | str], *,
             env: Mapping[str, str] | None = None) -> list[HookResult]:
        """Run one process per input, in parallel; results in input order."""
        workers = max(2, min(len(inputs), (os.cpu_count() or 2) * 2))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(lambda i: self.run(i, env=env), inputs))


@pytest.fixture
def hook(request: pytest.FixtureRequest) -> Iterator[Hook]:
    """The installed ``railguard hook claude`` as a subprocess (see :class:`Hook`)."""
    if not RAILGUARD.exists():
        pytest.fail(f"the railguard console script is not installed beside {sys.executable}")
    yield Hook(request)
