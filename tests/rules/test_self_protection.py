"""The self_protection pack through the real engine, in a real git project with a temp home.

The project has agent settings, git hooks, a pre-commit config and railguard's own config;
the home (and the XDG dirs the shared fixture points into it) has the user's settings, config
and grants. Changing any of them is denied; reading them is not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from railguard.adapters.claude import action_from_payload
from railguard.config import Config
from railguard.engine import evaluate
from railguard.model import Action, Decision, Verdict

PYPROJECT = '[project]\nname = "app"\nversion = "1.0"\n\n[tool.railguard]\nallow_safe = false\n'


@pytest.fixture
def proj(project: Path, home: Path) -> Path:
    for rel, body in {".claude/settings.json": "{}\n", ".claude/settings.local.json": "{}\n",
                      ".claude/hooks/check.sh": "#!/bin/sh\n",
                      ".git/hooks/pre-commit": "#!/bin/sh\nexit 1\n",
                      ".pre-commit-config.yaml": "repos: []\n",
                      ".railguard.toml": "allow_safe = false\n"}.items():
        f = project / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(body)
    for rel in (".claude/settings.json", ".config/railguard/config.toml",
                ".local/state/railguard/grants.json"):
        f = home / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("{}\n" if rel.endswith("json") else "")
    return project


def run(command: str, proj: Path, cwd: Path | None = None) -> Decision:
    action = Action("shell", "Bash", command=command, cwd=str(cwd or proj),
                    project_dir=str(proj))
    return evaluate(action, Config())


def tool(name: str, proj: Path, **tool_input: object) -> Decision:
    for key in ("file_path", "notebook_path"):
        value = tool_input.get(key)
        if isinstance(value, str) and not value.startswith(("/", "~")):
            tool_input[key] = str(proj / value)
    payload = {"hook_event_name": "PreToolUse", "tool_name": name, "tool_input": tool_input,
               "cwd": str(proj), "permission_mode": "default"}
    return evaluate(action_from_payload(payload))


def self_ids(d: Decision) -> list[str]:
    return [i for i in d.rule_ids if i.startswith("SELF")]


CHANGES = [
    ("SELF001", "echo '{}' > .claude/settings.json"),
    ("SELF001", "echo x >> .claude/settings.local.json"),
    ("SELF001", "rm .claude/settings.json"),
    ("SELF001", "rm -f .claude/settings.local.json"),
    ("SELF001", "rm -rf .claude"),
    ("SELF001", "rm -rf .claude/hooks"),
    ("SELF001", "mv .claude/settings.json /tmp/"),
    ("SELF001", "cp /tmp/x.json .claude/settings.json"),
    ("SELF001", "sed -i 's/railguard//' .claude/settings.json"),
    ("SELF001", "jq '.hooks = {}' .claude/settings.json | tee .claude/settings.json"),
    ("SELF001", "chmod -x .claude/hooks/check.sh"),
    ("SELF001", "echo '{}' > ~/.claude/settings.json"),
    ("SELF001", "sudo rm ~/.claude/settings.json"),
    ("SELF001", "bash -c 'rm .claude/settings.json'"),
    ("SELF001", "python -c \"import os; os.remove('.claude/settings.json')\""),
    ("SELF001", "python3 -c \"open('.claude/settings.json', 'w').write('{}')\""),
    ("SELF001", "node -e \"require('fs').writeFileSync('.claude/settings.json', '{}')\""),
    ("SELF001", "touch .claude/settings.local.json"),
    ("SELF001", "vim .claude/settings.json"),
    ("SELF002", "rm .git/hooks/pre-commit"),
    ("SELF002", "rm -rf .git/hooks"),
    ("SELF002", "chmod -x .git/hooks/pre-commit"),
    ("SELF002", "chmod -x .git/hooks/*"),
    ("SELF002", "chmod 644 .git/hooks/pre-commit"),
    ("SELF002", "echo 'exit 0' > .git/hooks/pre-commit"),
    ("SELF002", "ln -sf /dev/null .git/hooks/pre-commit"),
    ("SELF002", "mv .git/hooks/pre-commit .git/hooks/pre-commit.off"),
    ("SELF002", "find .git/hooks -delete"),
    ("SELF002", "pre-commit uninstall"),
    ("SELF002", "pre-commit uninstall -t pre-push"),
    ("SELF002", "rm .pre-commit-config.yaml"),
    ("SELF002", "echo 'repos: []' > .pre-commit-config.yaml"),
    ("SELF002", "cd src && rm ../.git/hooks/pre-commit"),
    ("SELF003", "rm .railguard.toml"),
    ("SELF003", "echo 'allow_safe = true' > .railguard.toml"),
    ("SELF003", "sed -i 's/false/true/' .railguard.toml"),
    ("SELF003", "echo '' > ~/.config/railguard/config.toml"),
    ("SELF003", "rm -rf ~/.config/railguard"),
    ("SELF003", "rm -rf ~/.local/state/railguard"),
    ("SELF003", "echo '[]' > ~/.local/state/railguard/grants.json"),
    ("SELF004", "pip uninstall railguard"),
    ("SELF004", "pip3 uninstall -y railguard"),
    ("SELF004", "python -m pip uninstall railguard"),
    ("SELF004", "python3 -m pip uninstall -y railguard"),
    ("SELF004", "uv pip uninstall railguard"),
    ("SELF004", "uv tool uninstall railguard"),
    ("SELF004", "pipx uninstall railguard"),
    ("SELF004", "sudo pip uninstall railguard"),
    ("SELF005", "railguard allow --once CRED001"),
    ("SELF005", "railguard allow --once GIT001 --for 10m"),
    ("SELF005", "python -m railguard allow --once FS001"),
    ("SELF005", "railguard uninstall-git-hooks"),
    ("SELF005", "bash -c 'railguard allow --once SELF001'"),
    ("SELF005", ".venv/bin/railguard allow --once CRED001"),
]


@pytest.mark.parametrize(("rule_id", "command"), CHANGES)
def test_changing_the_guard_is_denied(rule_id: str, command: str, proj: Path) -> None:
    d = run(command, proj)
    assert rule_id in self_ids(d), (command, d.findings)
    assert d.verdict == Verdict.DENY


ORDINARY = [
    "cat .claude/settings.json", "jq . .claude/settings.json", "ls -la .claude .git/hooks",
    "cat .git/hooks/pre-commit", "cat .pre-commit-config.yaml", "cat .railguard.toml",
    "cat ~/.config/railguard/config.toml", "pre-commit run --all-files", "pre-commit install",
    "pre-commit autoupdate --help", "pip uninstall -y requests", "pip install railguard",
    "pip show railguard", "pipx list", "railguard check -- git status", "railguard rules",
    "railguard explain CRED001", "git config --get core.hooksPath", "chmod -x script.sh",
    "rm -rf build", "cp .claude/settings.json /tmp/settings-backup.json",
    "echo x > src/settings.json", "sed -i 's/1.0/1.1/' setup.cfg", "mkdir -p .claude/commands",
    "echo '# notes' > .claude/commands/review.md",
]


@pytest.mark.parametrize("command", ORDINARY)
def test_ordinary_calls_pass(command: str, proj: Path) -> None:
    assert self_ids(run(command, proj)) == [], command


def test_creating_a_pre_commit_config_is_fine(proj: Path) -> None:
    (proj / ".pre-commit-config.yaml").unlink()
    assert self_ids(run("echo 'repos: []' > .pre-commit-config.yaml", proj)) == []
    assert self_ids(tool("Write", proj, file_path=".pre-commit-config.yaml",
                         content="repos: []\n")) == []


@pytest.mark.parametrize(("rule_id", "name", "tool_input"), [
    ("SELF001", "Write", {"file_path": ".claude/settings.json", "content": "{}"}),
    ("SELF001", "Write", {"file_path": ".claude/settings.local.json", "content": "{}"}),
    ("SELF001", "Edit", {"file_path": ".claude/settings.json", "old_string": "{",
                         "new_string": "{ "}),
    ("SELF001", "MultiEdit", {"file_path": ".claude/settings.json",
                              "edits": [{"old_string": "{", "new_string": "{ "}]}),
    ("SELF001", "Write", {"file_path": ".claude/hooks/check.sh", "content": "exit 0"}),
    ("SELF001", "Write", {"file_path": "~/.claude/settings.json", "content": "{}"}),
    ("SELF002", "Write", {"file_path": ".git/hooks/pre-commit", "content": "exit 0"}),
    ("SELF002", "Edit", {"file_path": ".pre-commit-config.yaml", "old_string": "repos",
                         "new_string": "repos"}),
    ("SELF003", "Write", {"file_path": ".railguard.toml", "content": "allow_safe = true\n"}),
    ("SELF003", "Edit", {"file_path": ".railguard.toml", "old_string": "false",
                         "new_string": "true"}),
    ("SELF003", "Write", {"file_path": "~/.config/railguard/config.toml", "content": ""}),
    ("SELF003", "Write", {"file_path": "~/.local/state/railguard/grants.json",
                          "content": "[]"}),
])
def test_tool_writes_to_the_guard_are_denied(rule_id: str, name: str,
                                              tool_input: dict[str, object],
                                              proj: Path) -> None:
    d = tool(name, proj, **tool_input)
    assert rule_id in self_ids(d), (name, tool_input, d.findings)


def test_reading_the_guard_is_fine(proj: Path) -> None:
    for rel in (".claude/settings.json", ".git/hooks/pre-commit", ".railguard.toml",
                "~/.config/railguard/config.toml"):
        assert self_ids(tool("Read", proj, file_path=rel)) == []


def test_pyproject_edits_are_judged_by_the_railguard_table(proj: Path) -> None:
    (proj / ".railguard.toml").unlink()
    py = proj / "pyproject.toml"
    py.write_text(PYPROJECT)
    # other tables: fine
    assert self_ids(tool("Edit", proj, file_path="pyproject.toml", old_string='"1.0"',
                         new_string='"1.1"')) == []
    assert self_ids(tool("Write", proj, file_path="pyproject.toml",
                         content=PYPROJECT.replace("1.0", "2.0"))) == []
    # the table: denied
    assert "SELF003" in self_ids(tool("Edit", proj, file_path="pyproject.toml",
                                      old_string="allow_safe = false",
                                      new_string="allow_safe = true"))
    assert "SELF003" in self_ids(tool("Write", proj, file_path="pyproject.toml",
                                      content='[project]\nname = "app"\n'))
    assert "SELF003" in self_ids(tool("MultiEdit", proj, file_path="pyproject.toml", edits=[
        {"old_string": "[tool.railguard]\nallow_safe = false\n", "new_string": ""}]))
    # an edit that cannot apply changes nothing
    assert self_ids(tool("Edit", proj, file_path="pyproject.toml", old_string="nope",
                         new_string="x")) == []
    # the shell cannot show what it changes: denied while the table is there
    assert "SELF003" in self_ids(run("sed -i 's/1.0/1.1/' pyproject.toml", proj))
    assert "SELF003" in self_ids(run("rm pyproject.toml", proj))


def test_pyproject_without_the_table_is_ordinary(proj: Path) -> None:
    py = proj / "pyproject.toml"
    py.write_text('[project]\nname = "app"\n')
    assert self_ids(run("sed -i 's/app/web/' pyproject.toml", proj)) == []
    assert self_ids(tool("Write", proj, file_path="pyproject.toml",
                         content='[project]\nname = "web"\n')) == []
    # adding a railguard table is a change of railguard's configuration
    assert "SELF003" in self_ids(tool("Write", proj, file_path="pyproject.toml",
                                      content='[tool.railguard]\nallow_safe = true\n'))


def test_hooks_path_is_left_to_the_git_pack(proj: Path) -> None:
    d = run("git config core.hooksPath /dev/null", proj)
    assert d.verdict == Verdict.DENY and "GIT024" in d.rule_ids


def test_a_grant_cannot_lift_itself(proj: Path, home: Path) -> None:
    """The agent cannot write a grant file that would let `railguard allow` through."""
    d = run("echo '[{\"rule\": \"SELF005\"}]' > ~/.local/state/railguard/grants.json", proj)
    assert "SELF003" in self_ids(d)


def test_through_the_installed_hook(hook: object, proj: Path) -> None:
    from typing import Any

    h: Any = hook
    h.cwd = proj
    r = h.bash("railguard allow --once CRED001")
    assert r.decision == "deny" and "SELF005" in (r.reason or "")
    r = h.tool("Write", file_path=".claude/settings.json", content="{}")
    assert r.decision == "deny"
    assert h.bash("cat .claude/settings.json").decision is None


# --- an old version of a guard file restored from git ---------------------------------------

def _commit(proj: Path, *paths: str) -> None:
    import subprocess

    git = ["git", "-C", str(proj), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "add", "-f", *paths], check=True, capture_output=True)
    subprocess.run([*git, "commit", "-q", "-m", "guard files"], check=True, capture_output=True)


@pytest.mark.parametrize(("rule_id", "command"), [
    ("SELF001", "git checkout HEAD~5 -- .claude/settings.json"),
    ("SELF001", "git checkout stash@{0} -- .claude"),
    ("SELF001", "git restore --source HEAD~2 .claude/settings.json"),
    ("SELF001", "git restore -s main -- .claude/hooks/check.sh"),
    ("SELF002", "git checkout origin/main -- .pre-commit-config.yaml"),
    ("SELF003", "git checkout HEAD~1 .railguard.toml"),
    ("SELF001", "git -C sub checkout HEAD~1 -- ../.claude/settings.json"),
])
def test_restoring_an_old_guard_file_is_denied(rule_id: str, command: str, proj: Path) -> None:
    (proj / "sub").mkdir(exist_ok=True)
    d = run(command, proj)
    assert rule_id in self_ids(d), (command, d.findings)
    assert d.verdict == Verdict.DENY


def test_restoring_a_guard_file_from_the_index_counts_only_when_it_changes(proj: Path) -> None:
    _commit(proj, ".claude/settings.json", ".railguard.toml")
    assert self_ids(run("git checkout -- .claude/settings.json", proj)) == []
    assert self_ids(run("git restore .railguard.toml", proj)) == []
    (proj / ".claude/settings.json").write_text('{"hooks": {}}\n')
    assert "SELF001" in self_ids(run("git checkout -- .claude/settings.json", proj))
    assert "SELF001" in self_ids(run("git restore .claude/settings.json", proj))


@pytest.mark.parametrize("command", [
    "git restore --staged .claude/settings.json", "git checkout HEAD~1 -- src/app.py",
    "git checkout main", "git checkout -b feature", "git restore src/app.py",
    "git show HEAD~1:.claude/settings.json", "git diff HEAD~1 -- .claude/settings.json",
])
def test_ordinary_checkouts_pass(command: str, proj: Path) -> None:
    assert self_ids(run(command, proj)) == [], command
