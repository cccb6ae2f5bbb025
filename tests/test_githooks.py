"""Git hooks: real repositories, real ``git commit`` through the installed hook.

The hook written by ``railguard install-git-hooks`` calls the railguard console script of this
venv; PATH points at the venv's bin directory as it would in a developer's shell.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import RAILGUARD

from railguard.commands.githooks import CHAINED_SUFFIX, CHECKS, MARKER

ROOT = Path(__file__).resolve().parents[1]
BIN = str(RAILGUARD.parent)


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PATH"] = BIN + os.pathsep + e.get("PATH", "")
    return e


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, env=env(),
                          timeout=120)


def rg(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run(cwd, str(RAILGUARD), *args)


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run(cwd, "git", *args)


def commit(cwd: Path, *paths: str, message: str = "change") -> subprocess.CompletedProcess[str]:
    if paths:
        assert git(cwd, "add", "-f", "--", *paths).returncode == 0
    return git(cwd, "commit", "-m", message)


def head(cwd: Path) -> str:
    return git(cwd, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A real repository with one commit, on a feature branch (commits there are fine)."""
    root = (tmp_path / "repo").resolve()
    root.mkdir()
    assert git(root, "init", "-q", "-b", "main").returncode == 0
    (root / "README.md").write_text("# repo\n")
    assert commit(root, "README.md", message="first").returncode == 0
    assert git(root, "switch", "-q", "-c", "feature").returncode == 0
    return root


def hooks(repo: Path) -> Path:
    return repo / ".git" / "hooks"


def installed(repo: Path) -> Path:
    r = rg(repo, "install-git-hooks")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    return hooks(repo) / "pre-commit"


# --- the pre-commit framework manifest ------------------------------------------------------


def parse_manifest(text: str) -> list[dict[str, object]]:
    """A tiny parser for the manifest's shape: a list of flat maps, scalars and [a, b] lists."""
    hooks_: list[dict[str, object]] = []
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        if line.startswith("-"):
            hooks_.append({})
            line = line[1:]
        assert hooks_, f"content before the first list item: {raw!r}"
        key, sep, value = line.strip().partition(":")
        assert sep and key.replace("_", "").isalpha(), f"not a key: value line: {raw!r}"
        value = value.strip()
        parsed: object
        if value.startswith("["):
            assert value.endswith("]"), raw
            parsed = [v.strip().strip("\"'") for v in value[1:-1].split(",") if v.strip()]
        elif value in ("true", "false"):
            parsed = value == "true"
        else:
            parsed = value.strip("\"'")
        assert key not in hooks_[-1], f"duplicate key {key}"
        hooks_[-1][key] = parsed
    return hooks_


def test_manifest_declares_the_four_hooks() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text()
    manifest = parse_manifest(text)
    ids = [h["id"] for h in manifest]
    assert ids == ["railguard-secrets", "railguard-no-commit-to-branch",
                   "railguard-large-files", "railguard-protected-files"]
    known = {"id", "name", "entry", "language", "files", "exclude", "types", "types_or",
             "exclude_types", "always_run", "fail_fast", "pass_filenames", "require_serial",
             "description", "language_version", "log_file", "minimum_pre_commit_version",
             "args", "stages", "alias", "verbose", "additional_dependencies"}
    for h in manifest:
        assert {"id", "name", "entry", "language"} <= set(h), h
        assert set(h) <= known, set(h) - known
        assert h["language"] == "python"
        assert h["pass_filenames"] is False  # every check reads the index itself
        assert h["stages"] == ["pre-commit"]
        entry = str(h["entry"]).split()
        assert entry[:2] == ["railguard", "git-hook"] and entry[2] in CHECKS
        assert str(h["id"]) == "railguard-" + entry[2]


def test_manifest_entries_are_real_commands(repo: Path) -> None:
    for h in parse_manifest((ROOT / ".pre-commit-hooks.yaml").read_text()):
        check = str(h["entry"]).split()[2]
        r = rg(repo, "git-hook", check, "--help")
        assert r.returncode == 0 and "usage" in r.stdout, (check, r.stderr)


# --- install / uninstall --------------------------------------------------------------------


def test_install_writes_an_executable_hook_that_commits_go_through(repo: Path) -> None:
    hook = installed(repo)
    assert hook.stat().st_mode & stat.S_IXUSR
    assert MARKER in hook.read_text()
    (repo / "app.py").write_text("print('hello')\n")
    before = head(repo)
    r = commit(repo, "app.py")
    assert r.returncode == 0, r.stdout + r.stderr
    assert head(repo) != before


def test_the_installed_hook_refuses_a_commit_on_main(repo: Path) -> None:
    installed(repo)
    git(repo, "switch", "-q", "main")
    (repo / "app.py").write_text("x = 1\n")
    before = head(repo)
    r = commit(repo, "app.py")
    assert r.returncode != 0
    assert "`main` is a protected branch" in r.stdout + r.stderr
    assert head(repo) == before


def test_install_is_idempotent_and_never_clobbers_the_chained_hook(repo: Path) -> None:
    original = b"#!/bin/sh\n# the team's hook\nexit 0\n"
    (hooks(repo) / "pre-commit").write_bytes(original)
    (hooks(repo) / "pre-commit").chmod(0o755)
    hook = installed(repo)
    first = hook.read_bytes()
    r = rg(repo, "install-git-hooks")
    assert r.returncode == 0 and "already installed" in r.stdout
    assert hook.read_bytes() == first
    assert (hooks(repo) / ("pre-commit" + CHAINED_SUFFIX)).read_bytes() == original


def test_chained_hook_runs_and_its_failure_refuses_the_commit(repo: Path) -> None:
    log = repo.parent / "chained.log"
    script = f'#!/bin/sh\necho ran >> "{log}"\nexit "${{CHAINED_EXIT:-0}}"\n'
    (hooks(repo) / "pre-commit").write_text(script)
    (hooks(repo) / "pre-commit").chmod(0o755)
    r = rg(repo, "install-git-hooks")
    assert r.returncode == 0 and "kept as" in r.stdout
    (repo / "a.py").write_text("a = 1\n")
    assert commit(repo, "a.py").returncode == 0
    assert log.read_text() == "ran\n"
    (repo / "b.py").write_text("b = 1\n")
    before = head(repo)
    git(repo, "add", "b.py")
    r = subprocess.run(["git", "commit", "-m", "b"], cwd=repo, capture_output=True, text=True,
                       env={**env(), "CHAINED_EXIT": "3"})
    assert r.returncode != 0 and head(repo) == before
    assert log.read_text() == "ran\nran\n"


def test_chained_hook_runs_before_railguard_and_railguard_still_refuses(repo: Path) -> None:
    (hooks(repo) / "pre-commit").write_text("#!/bin/sh\nexit 0\n")
    (hooks(repo) / "pre-commit").chmod(0o755)
    installed(repo)
    (repo / "terraform.tfstate").write_text('{"version": 4}\n')
    before = head(repo)
    r = commit(repo, "terraform.tfstate")
    assert r.returncode != 0 and head(repo) == before
    assert "terraform.tfstate" in r.stderr  # git shows a hook's output on stderr


def test_uninstall_restores_the_previous_hook_byte_for_byte(repo: Path) -> None:
    original = b"#!/usr/bin/env bash\n# \xe2\x9c\x93 lint\r\nset -e\nnpm run lint\n"
    hook = hooks(repo) / "pre-commit"
    hook.write_bytes(original)
    hook.chmod(0o750)
    installed(repo)
    assert hook.read_bytes() != original
    r = rg(repo, "uninstall-git-hooks")
    assert r.returncode == 0 and "restored" in r.stdout
    assert hook.read_bytes() == original
    assert stat.S_IMODE(hook.stat().st_mode) == 0o750
    assert sorted(p.name for p in hooks(repo).iterdir() if "pre-commit" in p.name) == [
        "pre-commit", "pre-commit.sample"]


def test_uninstall_restores_a_symlinked_hook(repo: Path) -> None:
    target = repo.parent / "shared-hook.sh"
    target.write_text("#!/bin/sh\nexit 0\n")
    target.chmod(0o755)
    hook = hooks(repo) / "pre-commit"
    hook.symlink_to(target)
    installed(repo)
    assert not hook.is_symlink()
    assert rg(repo, "uninstall-git-hooks").returncode == 0
    assert hook.is_symlink() and os.readlink(hook) == str(target)


def test_uninstall_without_a_previous_hook_removes_only_ours(repo: Path) -> None:
    installed(repo)
    r = rg(repo, "uninstall-git-hooks")
    assert r.returncode == 0 and "removed" in r.stdout
    assert not (hooks(repo) / "pre-commit").exists()
    r = rg(repo, "uninstall-git-hooks")
    assert r.returncode == 0 and "no railguard hook" in r.stdout


def test_uninstall_leaves_a_foreign_hook_alone(repo: Path) -> None:
    hook = hooks(repo) / "pre-commit"
    hook.write_text("#!/bin/sh\nexit 0\n")
    r = rg(repo, "uninstall-git-hooks")
    assert r.returncode == 2 and "not written by railguard" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert hook.read_text() == "#!/bin/sh\nexit 0\n"


def test_install_refuses_when_both_slots_are_taken(repo: Path) -> None:
    hook = hooks(repo) / "pre-commit"
    chained = hooks(repo) / ("pre-commit" + CHAINED_SUFFIX)
    hook.write_text("one\n")
    chained.write_text("two\n")
    r = rg(repo, "install-git-hooks")
    assert r.returncode == 2 and "nothing was changed" in r.stderr
    assert hook.read_text() == "one\n" and chained.read_text() == "two\n"


def test_install_honours_core_hooks_path(repo: Path) -> None:
    git(repo, "config", "core.hooksPath", "githooks")
    r = rg(repo / "..", "install-git-hooks")  # outside: an error, see below
    assert r.returncode == 2
    sub = repo / "src"
    sub.mkdir()
    r = rg(sub, "install-git-hooks")  # from a subdirectory, relative hooksPath
    assert r.returncode == 0, r.stderr
    hook = repo / "githooks" / "pre-commit"
    assert MARKER in hook.read_text()
    assert not (hooks(repo) / "pre-commit").exists()
    git(repo, "switch", "-q", "main")
    (repo / "x.py").write_text("x = 1\n")
    r = commit(repo, "x.py")
    assert r.returncode != 0 and "protected branch" in r.stderr
    assert rg(repo, "uninstall-git-hooks").returncode == 0
    assert not hook.exists()


@pytest.mark.parametrize("command", ["install-git-hooks", "uninstall-git-hooks",
                                     "git-hook pre-commit"])
def test_outside_a_repository_is_a_one_line_error(tmp_path: Path, command: str) -> None:
    r = rg(tmp_path, *command.split())
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [
        f"railguard: not a git repository (or any parent up to the root): {tmp_path}"]


# --- the checks -----------------------------------------------------------------------------


def test_protected_branches_from_arguments_and_config(repo: Path) -> None:
    assert rg(repo, "git-hook", "no-commit-to-branch").returncode == 0  # on feature
    r = rg(repo, "git-hook", "no-commit-to-branch", "--branch", "feat*")
    assert r.returncode == 1 and "`feature` is a protected branch" in r.stdout
    git(repo, "switch", "-q", "-c", "release/2.0")
    assert rg(repo, "git-hook", "no-commit-to-branch").returncode == 0
    (repo / ".railguard.toml").write_text('[git]\nprotected_branches = ["release/*"]\n')
    r = rg(repo, "git-hook", "no-commit-to-branch")
    assert r.returncode == 1 and "release/2.0" in r.stdout


def test_detached_head_is_not_a_branch(repo: Path) -> None:
    git(repo, "switch", "-q", "main")
    git(repo, "switch", "-q", "--detach", "HEAD")
    assert rg(repo, "git-hook", "no-commit-to-branch").returncode == 0


def test_large_new_files_are_refused_and_the_limit_is_configurable(repo: Path) -> None:
    installed(repo)
    (repo / "data.bin").write_bytes(os.urandom(600 * 1024))
    before = head(repo)
    r = commit(repo, "data.bin")
    assert r.returncode != 0 and head(repo) == before
    assert "data.bin is 600 KB, over the 500 KB limit" in r.stderr
    assert rg(repo, "git-hook", "large-files", "--maxkb", "700").returncode == 0
    r = rg(repo, "git-hook", "large-files", "--maxkb", "100")
    assert r.returncode == 1
    r = rg(repo, "git-hook", "large-files", "--maxkb", "0")
    assert r.returncode == 2


def test_large_file_check_reads_the_index_not_the_working_tree(repo: Path) -> None:
    small = repo / "notes.txt"
    small.write_text("small\n")
    git(repo, "add", "notes.txt")
    small.write_bytes(os.urandom(900 * 1024))  # grown after staging: not what is committed
    assert rg(repo, "git-hook", "large-files").returncode == 0
    git(repo, "add", "notes.txt")
    assert rg(repo, "git-hook", "large-files").returncode == 1


def test_already_tracked_large_files_may_change(repo: Path) -> None:
    big = repo / "fixture.bin"
    big.write_bytes(os.urandom(700 * 1024))
    git(repo, "add", "fixture.bin")
    assert git(repo, "commit", "-q", "--no-verify", "-m", "fixture").returncode == 0
    big.write_bytes(os.urandom(710 * 1024))
    git(repo, "add", "fixture.bin")
    assert rg(repo, "git-hook", "large-files").returncode == 0


@pytest.mark.parametrize("path", [".env", "config/.env.production", "deploy/server.key",
                                  "certs/client.p12", "keys/id_ed25519", "infra/terraform.tfstate",
                                  "infra/terraform.tfstate.backup", ".netrc"])
def test_protected_files_are_refused(repo: Path, path: str) -> None:
    f = repo / path
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_text("value\n")
    git(repo, "add", "-f", path)
    r = rg(repo, "git-hook", "protected-files")
    assert r.returncode == 1, r.stdout
    assert f"railguard: {path}:" in r.stdout
    assert "git rm --cached" in r.stdout


@pytest.mark.parametrize("path", [".env.example", "config/.env.sample", "keys/id_ed25519.pub",
                                  "src/env.py", "docs/keys.md", "main.tf"])
def test_ordinary_and_template_files_pass(repo: Path, path: str) -> None:
    f = repo / path
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_text("KEY=\n")
    git(repo, "add", "-f", path)
    r = rg(repo, "git-hook", "protected-files")
    assert r.returncode == 0, r.stdout


def test_protected_files_exceptions_from_arguments_and_config(repo: Path) -> None:
    (repo / ".env.test").write_text("DEBUG=1\n")
    git(repo, "add", "-f", ".env.test")
    assert rg(repo, "git-hook", "protected-files").returncode == 1
    assert rg(repo, "git-hook", "protected-files", "--allow", ".env.test").returncode == 0
    (repo / ".railguard.toml").write_text('[paths]\nunprotected = [".env.test"]\n')
    assert rg(repo, "git-hook", "protected-files").returncode == 0


def test_deleting_a_committed_env_file_is_welcome(repo: Path) -> None:
    (repo / ".env").write_text("A=1\n")
    git(repo, "add", "-f", ".env")
    assert git(repo, "commit", "-q", "--no-verify", "-m", "oops").returncode == 0
    git(repo, "rm", "-q", "--cached", ".env")
    assert rg(repo, "git-hook", "protected-files").returncode == 0


def test_a_broken_config_is_an_error_not_a_pass(repo: Path) -> None:
    (repo / ".railguard.toml").write_text("[git]\nprotected_branches = 3\n")
    r = rg(repo, "git-hook", "no-commit-to-branch")
    assert r.returncode == 2 and "protected_branches" in r.stderr
    assert "Traceback" not in r.stderr


# --- secrets through the installed hook -----------------------------------------------------

#: a GitHub token of the documented shape, assembled so that this file holds none
FAKE_TOKEN = "ghp_" + "R4ilGuardT3stT0ken" + "0123456789abcdefgh"


def test_a_staged_credential_refuses_the_commit(repo: Path) -> None:
    pytest.importorskip("railguard.commands.scan")
    installed(repo)
    (repo / "settings.py").write_text(f'GITHUB_TOKEN = "{FAKE_TOKEN}"\n')
    before = head(repo)
    r = commit(repo, "settings.py")
    assert r.returncode != 0 and head(repo) == before, r.stdout + r.stderr
    assert "settings.py" in r.stderr
    assert FAKE_TOKEN not in r.stdout + r.stderr
    (repo / "settings.py").write_text('GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]\n')
    r = commit(repo, "settings.py")
    assert r.returncode == 0, r.stdout + r.stderr


def test_commit_of_named_paths_is_checked_through_its_temporary_index(repo: Path) -> None:
    (repo / ".env").write_text("A=1\n")
    git(repo, "add", "-f", ".env")
    assert git(repo, "commit", "-q", "--no-verify", "-m", "oops").returncode == 0
    installed(repo)
    (repo / ".env").write_text("A=2\n")
    before = head(repo)
    r = git(repo, "commit", "-m", "change", ".env")  # git builds a temporary index for this
    assert r.returncode != 0 and head(repo) == before
    assert "railguard: .env:" in r.stderr


def test_secrets_check_honours_a_baseline(repo: Path) -> None:
    pytest.importorskip("railguard.commands.scan")
    (repo / "fixture.py").write_text(f'TOKEN = "{FAKE_TOKEN}"\n')
    git(repo, "add", "fixture.py")
    r = rg(repo, "git-hook", "secrets")
    assert r.returncode == 1 and FAKE_TOKEN not in r.stdout + r.stderr
    r = rg(repo, "scan", "--staged", "--baseline", ".secrets-baseline.json", "--update-baseline")
    assert r.returncode == 0, r.stderr
    assert FAKE_TOKEN not in (repo / ".secrets-baseline.json").read_text()
    r = rg(repo, "git-hook", "secrets", "--baseline", ".secrets-baseline.json")
    assert r.returncode == 0, r.stdout + r.stderr


def test_hook_without_railguard_refuses_with_a_clear_message(repo: Path) -> None:
    hook = installed(repo)
    text = hook.read_text()
    assert str(RAILGUARD) in text
    hook.write_text(text.replace(str(RAILGUARD), str(repo / "no-such-railguard")))
    (repo / "a.py").write_text("a = 1\n")
    git(repo, "add", "a.py")
    r = subprocess.run(["git", "commit", "-m", "a"], cwd=repo, capture_output=True, text=True,
                       env={**env(), "PATH": "/usr/bin:/bin"})
    assert r.returncode != 0
    assert "cannot find railguard" in r.stderr
