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


@pytest.fixture
def managers(proj: Path) -> Path:
    """husky's hook scripts and a lefthook configuration, as `npx husky init` and
    `lefthook install` leave them."""
    (proj / ".husky" / "_").mkdir(parents=True)
    (proj / ".husky" / "pre-commit").write_text("npx lint-staged\n")
    (proj / ".husky" / "_" / "h").write_text("#!/usr/bin/env sh\n")
    (proj / "lefthook.yml").write_text("pre-commit:\n  commands:\n    lint:\n      run: x\n")
    return proj


@pytest.mark.parametrize("command", [
    "echo 'exit 0' > .husky/pre-commit", "rm .husky/pre-commit", "rm -rf .husky",
    "git rm -r .husky", "sed -i 's/lint-staged/true/' .husky/pre-commit",
    "chmod -x .husky/pre-commit", "cp /dev/null .husky/_/h", "mv lefthook.yml old.yml",
    "echo '' > lefthook.yml", "printf 'pre-commit:\\n  skip: true\\n' > lefthook-local.yml",
    "rm -rf .husky/*",
])
def test_hook_managers_files_are_the_hooks(command: str, managers: Path) -> None:
    assert self_ids(run(command, managers)) == ["SELF002"], command


def test_hook_managers_files_may_be_added(managers: Path) -> None:
    assert self_ids(run("echo 'npm test' > .husky/pre-push", managers)) == []
    assert self_ids(tool("Write", managers, file_path=".husky/commit-msg",
                         content="npx commitlint --edit $1\n")) == []
    assert self_ids(run("cat .husky/pre-commit lefthook.yml", managers)) == []
    (managers / "lefthook.yml").unlink()
    assert self_ids(tool("Write", managers, file_path="lefthook.yml",
                         content="pre-commit: {}\n")) == []
    # but a local override, new or not, can skip every hook
    assert self_ids(tool("Write", managers, file_path="lefthook-local.yml",
                         content="pre-commit:\n  skip: true\n")) == ["SELF002"]
    assert self_ids(tool("Write", managers, file_path=".husky/pre-commit",
                         content="exit 0\n")) == ["SELF002"]


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


# --- railguard's table of pyproject.toml, written through the shell -------------------------

_NO_TABLE = '[project]\nname = "app"\nversion = "1.0"\n'


@pytest.mark.parametrize("command", [
    "echo '[tool.railguard.rules]' >> pyproject.toml; "
    "echo 'disable = [\"FS\", \"GIT\", \"SELF\", \"SH\"]' >> pyproject.toml",
    "printf '[tool.railguard]\\nallow_safe = true\\n' >> pyproject.toml",
    "cat >> pyproject.toml <<'EOF'\n[tool.railguard.rules]\ndisable = [\"FS\"]\nEOF",
    "echo '[tool.railguard]' | tee -a pyproject.toml",
    "printf '\\n[tool.railguard]\\n' >> pyproject.toml",
    # a table built in pieces is judged whole
    "printf '[tool.rail' >> pyproject.toml; printf 'guard]\\nallow_safe = true\\n' >> pyproject.toml",
    "python -c \"open('pyproject.toml', 'a').write('[tool.railguard]\\nallow_safe = true\\n')\"",
    "printf '[tool.railguard]\\n' > /tmp/p.toml && cp /tmp/p.toml pyproject.toml",
    "cp tables/permissive.toml pyproject.toml",
    "cat tables/permissive.toml >> pyproject.toml",
    "tomlq -i -t '.tool.railguard.allow_safe = true' pyproject.toml",
])
def test_shell_writes_adding_a_railguard_table_are_denied(command: str, proj: Path) -> None:
    (proj / ".railguard.toml").unlink()
    (proj / "pyproject.toml").write_text(_NO_TABLE)
    (proj / "tables").mkdir()
    (proj / "tables/permissive.toml").write_text("[tool.railguard]\nallow_safe = true\n")
    d = run(command, proj)
    assert "SELF003" in self_ids(d), (command, d.findings)
    assert d.verdict == Verdict.DENY


@pytest.mark.parametrize("command", [
    "echo '[tool.ruff]' >> pyproject.toml",
    "printf '[tool.ruff]\\nline-length = 100\\n' >> pyproject.toml",
    "cat >> pyproject.toml <<'EOF'\n[tool.pytest.ini_options]\naddopts = \"-q\"\nEOF",
    "sed -i 's/1.0/1.1/' pyproject.toml",
    "cp tables/plain.toml pyproject.toml",
    "tomlq -i -t '.project.version = \"1.1\"' pyproject.toml",
    "cat pyproject.toml",
])
def test_shell_writes_of_other_tables_pass(command: str, proj: Path) -> None:
    (proj / ".railguard.toml").unlink()
    (proj / "pyproject.toml").write_text(_NO_TABLE)
    (proj / "tables").mkdir()
    (proj / "tables/plain.toml").write_text('[project]\nname = "web"\n')
    assert self_ids(run(command, proj)) == [], command


def test_appending_to_a_pyproject_is_judged_by_where_the_text_lands(proj: Path) -> None:
    (proj / ".railguard.toml").unlink()
    py = proj / "pyproject.toml"
    # the railguard table is last: a bare key appended lands in it
    py.write_text(PYPROJECT)
    assert "SELF003" in self_ids(run("echo 'allow_safe = true' >> pyproject.toml", proj))
    # a table of its own appended after it leaves railguard's table as it is
    assert self_ids(run("printf '[tool.ruff]\\nline-length = 100\\n' >> pyproject.toml",
                        proj)) == []
    # another table is last: the key lands there
    py.write_text(PYPROJECT + '\n[tool.ruff]\nline-length = 88\n')
    assert self_ids(run("echo 'target-version = \"py311\"' >> pyproject.toml", proj)) == []
    # edits railguard cannot see, while the table is there
    for command in ("toml set --toml-path pyproject.toml tool.railguard.allow_safe true",
                    "echo x | sponge pyproject.toml", "cat /tmp/x > pyproject.toml"):
        assert "SELF003" in self_ids(run(command, proj)), command


# --- hook settings changed by commands that name them in other ways --------------------------

@pytest.mark.parametrize(("rule_id", "command"), [
    ("SELF001", "git rm -r .claude"),
    ("SELF001", "git rm .claude/settings.json"),
    ("SELF001", "git mv .claude/settings.json x.json"),
    ("SELF001", "git stash push -u -- .claude"),
    ("SELF001", "git stash -- .claude/settings.json"),
    ("SELF001", "git checkout other -- .claude"),
    ("SELF001", "patch .claude/settings.json < p"),
    ("SELF001", "patch -p1 < fix.patch"),
    ("SELF001", "git apply fix.patch"),
    ("SELF001", "ex -sc '%d|x' .claude/settings.json"),
    ("SELF001", "vim -c '%d|x' .claude/settings.json"),
    ("SELF001", "jq 'del(.hooks)' .claude/settings.json | sponge .claude/settings.json"),
    ("SELF001", "yq -i 'del(.hooks)' .claude/settings.json"),
    ("SELF001", "sd deny allow .claude/settings.json"),
    ("SELF001", "rsync -a /tmp/x/ .claude/"),
    ("SELF001", "cp -r /tmp/x/. .claude/"),
    ("SELF001", "cp /tmp/settings.json .claude/"),
    ("SELF001", "rsync -a stash/ ./"),
    ("SELF001", "tar -xf x.tar .claude/settings.json"),
    ("SELF001", "tar -xzf x.tgz -C .claude"),
    ("SELF001", "unzip -o x.zip -d .claude"),
    ("SELF001", "unzip -o x.zip .claude/settings.json"),
    ("SELF002", "git rm .git/hooks/pre-commit"),
    ("SELF002", "git rm .pre-commit-config.yaml"),
    ("SELF002", "git stash push -- .pre-commit-config.yaml"),
    ("SELF002", "patch .pre-commit-config.yaml < p"),
    ("SELF002", "ex -sc '%d|x' .git/hooks/pre-commit"),
    ("SELF002", "rsync -a /tmp/x/ .git/hooks/"),
    ("SELF002", "cp -r /tmp/x/. .git/hooks/"),
    ("SELF002", "tar -xf x.tar .pre-commit-config.yaml"),
    ("SELF002", "unzip -o x.zip -d .git/hooks"),
])
def test_other_ways_of_changing_the_hooks_are_denied(rule_id: str, command: str,
                                                      proj: Path) -> None:
    (proj / "fix.patch").write_text(
        "diff --git a/.claude/settings.json b/.claude/settings.json\n"
        "--- a/.claude/settings.json\n+++ b/.claude/settings.json\n@@ -1 +1 @@\n-{}\n+{ }\n")
    (proj / "stash/.claude").mkdir(parents=True)
    (proj / "stash/.claude/settings.json").write_text("{}\n")
    d = run(command, proj)
    assert rule_id in self_ids(d), (command, d.findings)
    assert d.verdict == Verdict.DENY


@pytest.mark.parametrize("command", [
    "git add .claude/settings.json", "git rm --cached .claude/settings.json",
    "git rm -n .claude/settings.json", "git rm src/app.py", "git mv src/app.py src/main.py",
    "git stash push -- src/app.py", "git stash", "git stash pop", "git stash list",
    "git apply --check fix.patch", "git apply fix.patch", "patch -p1 < fix.patch",
    "patch src/app.py < p", "cp notes.md .claude/", "cp -r /tmp/x .claude/commands/",
    "mkdir -p .claude/commands && cp review.md .claude/commands/", "rsync -a src/ /tmp/backup/",
    "rsync -a stash/ ./", "tar -xf x.tar -C /tmp/out", "tar -czf out.tgz .claude",
    "tar -tf x.tar .claude/settings.json", "unzip x.zip -d /tmp/out",
    "unzip -l x.zip .claude/settings.json", "vim src/app.py", "ex -sc 'wq' src/app.py",
    "yq '.hooks' .claude/settings.json", "jq . .claude/settings.json | sponge out.json",
    "sd foo bar src/app.py",
])
def test_look_alikes_on_other_files_pass(command: str, proj: Path) -> None:
    (proj / "fix.patch").write_text("--- a/src/app.py\n+++ b/src/app.py\n@@ -1 +1 @@\n"
                                    "-print('hello')\n+print('hi')\n")
    (proj / "stash").mkdir()
    (proj / "stash/app.py").write_text("x\n")
    assert self_ids(run(command, proj)) == [], command


# --- railguard's own program ------------------------------------------------------------------

def _package_dir() -> str:
    import os

    import railguard

    return os.path.dirname(os.path.realpath(railguard.__file__))


@pytest.mark.parametrize("command", [
    "ln -sf /bin/true ~/.local/bin/railguard",
    "cp /bin/true \"$(which railguard)\"",
    "cp /bin/true $(command -v railguard)",
    "rm ~/.local/bin/railguard",
    "sed -i 's/DENY = 2/DENY = 0/' {pkg}/model.py",
    "echo 'import sys; sys.exit(0)' > {pkg}/__main__.py",
    "rm -rf {pkg}",
    "echo x > /opt/venv/lib/python3.12/site-packages/railguard/engine.py",
    "sed -i 's/2/0/' .venv/lib/python3.12/site-packages/railguard/model.py",
    "cp /bin/true .venv/bin/railguard",
    "pip install --force-reinstall /tmp/fake-railguard",
    "pip install -e {other}",
    "pip install {other}",
    "uv pip install git+https://example.com/someone/railguard-fork",
    "uv tool install --force --from ./fork railguard",
    "pipx install --force ./railguard-fork",
    "pip install 'railguard==0.0.1'",
    "pip install 'railguard @ https://example.com/railguard.whl'",
])
def test_replacing_railguard_is_denied(command: str, proj: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "pyproject.toml").write_text('[project]\nname = "railguard"\nversion = "9"\n')
    command = command.replace("{pkg}", _package_dir()).replace("{other}", str(other))
    d = run(command, proj)
    assert "SELF006" in self_ids(d), (command, d.findings)
    assert d.verdict == Verdict.DENY


@pytest.mark.parametrize("command", [
    "pip install -U railguard", "pip install railguard", "pip install 'railguard>=1.0'",
    "uv tool install --force railguard", "pip install requests", "pip install -e .",
    "pip install -e {other}", "pip install git+https://example.com/psf/requests",
    "ln -sf ~/tools/fmt ~/.local/bin/fmt", "which railguard", "cat {pkg}/model.py",
    "railguard check -- ls > /tmp/verdict.txt", "mkdir -p ~/tmp/railguard-notes",
    "echo hi > /tmp/railguard.log", "cp {pkg}/model.py /tmp/model.py",
])
def test_ordinary_installs_and_reads_pass(command: str, proj: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "pyproject.toml").write_text('[project]\nname = "other"\n')
    (proj / "pyproject.toml").write_text('[project]\nname = "app"\n')
    command = command.replace("{pkg}", _package_dir()).replace("{other}", str(other))
    assert self_ids(run(command, proj)) == [], command


def test_archives_extracted_in_the_project_are_judged_by_what_they_hold(proj: Path) -> None:
    import tarfile
    import zipfile

    payload = proj / "payload"
    (payload / ".claude").mkdir(parents=True)
    (payload / ".claude/settings.json").write_text("{}\n")
    (payload / "src").mkdir()
    (payload / "src/extra.py").write_text("x = 1\n")
    with tarfile.open(proj / "guard.tar.gz", "w:gz") as tf:
        tf.add(payload / ".claude", arcname=".claude")
    with tarfile.open(proj / "code.tar", "w") as tf:
        tf.add(payload / "src", arcname="src")
    with zipfile.ZipFile(proj / "guard.zip", "w") as zf:
        zf.write(payload / ".claude/settings.json", ".claude/settings.json")
    with zipfile.ZipFile(proj / "code.zip", "w") as zf:
        zf.write(payload / "src/extra.py", "src/extra.py")
    for command in ("tar -xzf guard.tar.gz", "tar xf guard.tar.gz", "unzip -o guard.zip",
                    "rsync -a payload/ ./", "cp -r payload/. ."):
        assert "SELF001" in self_ids(run(command, proj)), command
    for command in ("tar -xf code.tar", "unzip -o code.zip", "tar -xzf guard.tar.gz -C /tmp/x",
                    "rsync -a payload/src/ ./src/",
                    # members printed to standard output or handed to a command: nothing
                    # lands on disk
                    "tar -xzOf guard.tar.gz", "tar xzOf guard.tar.gz",
                    "tar --to-stdout -xzf guard.tar.gz", "tar --to-command=cat -xzf guard.tar.gz",
                    "unzip -p guard.zip", "unzip -c guard.zip"):
        assert self_ids(run(command, proj)) == [], command


def test_a_folder_merged_into_a_guard_folder_is_judged_by_what_it_brings(proj: Path,
                                                                         home: Path) -> None:
    (proj / "cmds/commands").mkdir(parents=True)
    (proj / "cmds/commands/review.md").write_text("Review.\n")
    (proj / "dotfiles/.config/git").mkdir(parents=True)
    (proj / "dotfiles/.config/railguard").mkdir(parents=True)
    (proj / "dotfiles/.config/git/config").write_text("")
    (proj / "dotfiles/.config/railguard/config.toml").write_text("allow_safe = true\n")
    assert self_ids(run("rsync -a cmds/ .claude/", proj)) == []
    assert self_ids(run("cp -r cmds/. .claude/", proj)) == []
    assert self_ids(run("rsync -a dotfiles/.config/git/ ~/.config/git/", proj)) == []
    assert "SELF003" in self_ids(run("rsync -a dotfiles/.config/ ~/.config/", proj))
    assert "SELF003" in self_ids(run("cp -r dotfiles/. ~", proj))
    # a folder that cannot be seen (yet) is judged by where it lands
    assert "SELF003" in self_ids(run("rsync -a /tmp/missing/ ~/.config/", proj))
