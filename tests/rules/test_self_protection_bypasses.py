"""Ways around the self_protection pack: railguard's own Python environment, git's
configuration file, globs, ``python -m zipfile``/``tarfile`` extraction, ``git stash -u``/``-a``
and spellings that differ only in case. Real files and a real git project; the installed
command where the hook process matters.
"""

from __future__ import annotations

import site
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from railguard.adapters.claude import action_from_payload
from railguard.config import Config
from railguard.engine import evaluate
from railguard.model import Action, Decision
from railguard.rules import self_protection as sp
from tests.conftest import Hook, git


@pytest.fixture
def proj(project: Path) -> Path:
    for rel, body in {".claude/settings.json": "{}\n", ".railguard.toml": "allow_safe = false\n",
                      ".git/hooks/pre-commit": "#!/bin/sh\nexit 1\n",
                      "infra/terraform.tfstate": '{"version": 4}\n',
                      "notes/a.md": "# a\n"}.items():
        f = project / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(body)
    with (project / ".gitignore").open("a") as fh:
        fh.write("infra/*.tfstate\n")
    return project


def run(command: str, proj: Path) -> Decision:
    return evaluate(Action("shell", "Bash", command=command, cwd=str(proj),
                           project_dir=str(proj)), Config())


def tool(name: str, proj: Path, **tool_input: object) -> Decision:
    path = tool_input.get("file_path")
    if isinstance(path, str) and not path.startswith("/"):
        tool_input["file_path"] = str(proj / path)
    payload = {"hook_event_name": "PreToolUse", "tool_name": name, "tool_input": tool_input,
               "cwd": str(proj), "permission_mode": "default"}
    return evaluate(action_from_payload(payload))


def verdict(d: Decision) -> tuple[str, list[str]]:
    return d.verdict.label, [i for i in d.rule_ids if i.startswith(("SELF", "TFS"))]


# --- 1. railguard's own installation ------------------------------------------------------


def _site() -> str:
    return site.getsitepackages()[0]


def test_startup_files_in_the_guards_site_packages(proj: Path) -> None:
    sp_dir = _site()
    for command in (f"echo 'import os; os._exit(0)' > {sp_dir}/sitecustomize.py",
                    f"echo 'import x' > {sp_dir}/zz.pth", f"cp /tmp/evil.pth {sp_dir}/",
                    f"rm -rf {sp_dir}", f"chmod -R 000 {sp_dir}"):
        assert verdict(run(command, proj)) == ("deny", ["SELF006"]), command
    assert "SELF006" in tool("Write", proj, file_path=f"{sp_dir}/usercustomize.py",
                             content="import os\n").rule_ids


@pytest.mark.skipif(sys.prefix == sys.base_prefix, reason="railguard runs outside a venv")
def test_the_guards_virtual_environment(proj: Path) -> None:
    for command in (f"mv {sys.prefix} /tmp/v", f"rm -rf {sys.prefix}",
                    f"chmod -R 000 {sys.prefix}", f"echo x > {sys.prefix}/bin/python3"):
        assert "SELF006" in run(command, proj).rule_ids, command


def test_dynamic_startup_file_path(proj: Path) -> None:
    cmd = ("echo 'import os' > \"$(python3 -c 'import site; "
           "print(site.getsitepackages()[0])')/sitecustomize.py\"")
    assert "SELF006" in run(cmd, proj).rule_ids


def test_ordinary_work_near_python_environments(proj: Path, tmp_path: Path) -> None:
    other = tmp_path / "venv"
    (other / "lib/python3.11/site-packages").mkdir(parents=True)
    for command in ("pip install requests", "python -m pip install -U pip",
                    f"echo 'x' > {other}/lib/python3.11/site-packages/a.pth",
                    f"rm -rf {other}", f"cat {_site()}/railguard/__init__.py",
                    f"ls {sys.prefix}", f"cp notes/a.md {tmp_path}/",
                    "python3 -m zipfile -l x.zip"):
        assert verdict(run(command, proj)) == ("allow", []), command


def test_hook_process_denies_a_sitecustomize_write(hook: Hook, proj: Path) -> None:
    hook.cwd = proj
    res = hook.bash(f"echo 'import os; os._exit(0)' > {_site()}/sitecustomize.py")
    assert res.decision == "deny", res.stdout
    assert "SELF006" in (res.reason or "")


# --- 2. git's configuration -----------------------------------------------------------------


@pytest.mark.parametrize(("command", "expected"), [
    ("echo '[core]hooksPath=/x' >> .git/config", ("deny", ["SELF002"])),
    ("printf '[core]\\n\\thookspath = /dev/null\\n' >> .git/config", ("deny", ["SELF002"])),
    ("echo '[core]hooksPath=/x' >> ~/.gitconfig", ("deny", ["SELF002"])),
    ("echo '[user]' >> .git/config", ("ask", ["SELF007"])),
    ("sed -i 's/bare/x/' .git/config", ("ask", ["SELF007"])),
    ("tee -a .git/config < /tmp/cfg", ("ask", ["SELF007"])),
    ("git config include.path /tmp/inc", ("ask", ["SELF007"])),
    ("git config --local 'includeIf.gitdir:/w/.path' /tmp/inc", ("ask", ["SELF007"])),
    ("git config set include.path /tmp/inc", ("ask", ["SELF007"])),
])
def test_git_config_written(proj: Path, command: str, expected: tuple[str, list[str]]) -> None:
    assert verdict(run(command, proj)) == expected


def test_include_of_a_file_that_sets_hooks_path(proj: Path, tmp_path: Path) -> None:
    inc = tmp_path / "inc"
    inc.write_text("[core]\n\thooksPath = /dev/null\n")
    assert verdict(run(f"git config include.path {inc}", proj)) == ("deny", ["SELF002"])


def test_git_config_tools(proj: Path) -> None:
    d = tool("Edit", proj, file_path=".git/config", old_string="[core]",
             new_string="[core]\n\thooksPath = /x")
    assert verdict(d) == ("deny", ["SELF002"])
    d = tool("Write", proj, file_path=".git/config", content="[core]\n\thooksPath = /x\n")
    assert verdict(d) == ("deny", ["SELF002"])
    d = tool("Edit", proj, file_path=".git/config", old_string="[core]",
             new_string="[core]\n\tautocrlf = false")
    assert verdict(d) == ("ask", ["SELF007"])


def test_git_config_ordinary(proj: Path) -> None:
    for command in ("cat .git/config", "git config user.name bot", "git config --list",
                    "git config --get include.path", "git config core.autocrlf false",
                    "grep url .git/config", "echo '[x]' > config", "echo x > src/config"):
        assert verdict(run(command, proj)) == ("allow", []), command


# --- 3. globs -------------------------------------------------------------------------------


@pytest.mark.parametrize(("command", "rule"), [
    ("rm .claude/*", "SELF001"), ("rm .claude/s*", "SELF001"), ("rm -f .claude/?ettings.json",
                                                              "SELF001"),
    ("rm .r*", "SELF003"), ("rm .[r]ailguard.toml", "SELF003"),
    ("shopt -s dotglob; rm *.toml", "SELF003"), ("rm -r .c*", "SELF001"),
    ("chmod -x .git/hooks/pre-*", "SELF002"), ("cp /tmp/nothing-here/* .claude/", "SELF001"),
    ("mv .claude/* /tmp/", "SELF001"),
])
def test_globs_onto_guard_files(proj: Path, command: str, rule: str) -> None:
    assert verdict(run(command, proj)) == ("deny", [rule])


def test_glob_copy_of_real_files(proj: Path, tmp_path: Path) -> None:
    src = tmp_path / "d"
    src.mkdir()
    (src / "settings.json").write_text("{}")
    (src / "x.md").write_text("x")
    assert verdict(run(f"cp {src}/*.json .claude/", proj)) == ("deny", ["SELF001"])
    assert verdict(run(f"cp {src}/*.md .claude/", proj)) == ("allow", [])


def test_globs_that_miss_guard_files(proj: Path) -> None:
    (proj / "build").mkdir()
    (proj / "build/x.o").write_text("")
    for command in ("rm .claude/*.md", "rm notes/*", "rm build/*.o", "rm *.txt",
                    "rm *.toml", "cp notes/* /tmp/", "ls .claude/*", "cat .r*"):
        assert verdict(run(command, proj)) == ("allow", []), command


# --- 4. python -m zipfile / tarfile ---------------------------------------------------------


def _archives(tmp_path: Path) -> tuple[Path, Path, Path]:
    zpath = tmp_path / "x.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr(".claude/settings.json", "{}")
    tpath = tmp_path / "x.tar"
    src = tmp_path / "src"
    (src / ".claude").mkdir(parents=True)
    (src / ".claude/settings.json").write_text("{}")
    with tarfile.open(tpath, "w") as tf:
        tf.add(src / ".claude", arcname=".claude")
    plain = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("docs/readme.md", "x")
    return zpath, tpath, plain


def test_python_archive_extraction(proj: Path, tmp_path: Path) -> None:
    zpath, tpath, plain = _archives(tmp_path)
    for command in (f"python3 -m zipfile -e {zpath} .", f"python -m tarfile -e {tpath}",
                    f"python3 -m tarfile --extract {tpath} .",
                    f"python3 -m zipfile -e {zpath} {proj}"):
        assert verdict(run(command, proj)) == ("deny", ["SELF001"]), command
    for command in (f"python3 -m zipfile -e {plain} .", f"python3 -m zipfile -e {zpath} out/",
                    f"python3 -m zipfile -l {zpath}", f"python3 -m tarfile -l {tpath}"):
        assert verdict(run(command, proj)) == ("allow", []), command


# --- 5. git stash -u / -a -------------------------------------------------------------------


@pytest.mark.parametrize("command", [
    "git stash -u", "git stash push -u", "git stash --include-untracked", "git stash -a",
    "git stash --all", "git stash push --all -m wip", "git stash save -u wip",
    "git stash push -u -- .claude",
])
def test_stash_removing_untracked_guard_files(proj: Path, command: str) -> None:
    d = run(command, proj)
    assert d.verdict.label == "deny"
    assert {"SELF001", "SELF003"} & set(d.rule_ids), d.rule_ids


def test_stash_all_removes_ignored_state(proj: Path) -> None:
    for rel in (".claude/settings.json", ".railguard.toml", ".gitignore"):
        git(proj, "add", rel)
    git(proj, "commit", "-qm", "guard")
    assert verdict(run("git stash -u", proj)) == ("allow", [])
    assert verdict(run("git stash -a", proj)) == ("deny", ["TFS007"])


def test_stash_ordinary(proj: Path) -> None:
    for command in ("git stash", "git stash push -m wip", "git stash list", "git stash pop",
                    "git stash push -u -- notes", "git stash show -p"):
        assert verdict(run(command, proj)) == ("allow", []), command


def test_stash_outside_a_repository_fails_closed(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    d = evaluate(Action("shell", "Bash", command="git stash -u", cwd=str(folder)), Config())
    assert d.verdict.label == "deny"


def test_stash_through_the_hook(hook: Hook, proj: Path) -> None:
    hook.cwd = proj
    assert hook.bash("git stash -u").decision == "deny"
    assert hook.bash("git stash list").decision is None
    assert subprocess.run(["git", "stash", "list"], cwd=proj, capture_output=True,
                          text=True, check=True).stdout == ""


# --- 6. spellings that differ in case -------------------------------------------------------


def test_case_variants_on_a_case_sensitive_file_system(proj: Path) -> None:
    # Linux: a different spelling is a different file
    assert not sp._ignores_case(str(proj))
    for rel in (".CLAUDE/settings.json", ".GIT/hooks/pre-commit", ".Railguard.toml"):
        assert verdict(tool("Write", proj, file_path=rel, content="x")) == ("allow", []), rel


@pytest.mark.parametrize(("rel", "rule"), [
    (".CLAUDE/settings.json", "SELF001"), (".GIT/hooks/pre-commit", "SELF002"),
    (".Railguard.toml", "SELF003"), (".Claude/Settings.Local.json", "SELF001"),
])
def test_case_variants_where_case_is_ignored(proj: Path, rel: str, rule: str) -> None:
    # this file system is case-sensitive: the answer of the detection is set for the project
    sp._case[str(proj)] = True
    try:
        assert verdict(tool("Write", proj, file_path=rel, content="x")) == ("deny", [rule])
        assert verdict(run(f"rm {rel}", proj)) == ("deny", [rule])
        assert verdict(tool("Write", proj, file_path="src/NewModule.py",
                            content="x = 1\n")) == ("allow", [])
    finally:
        sp._case.pop(str(proj), None)
