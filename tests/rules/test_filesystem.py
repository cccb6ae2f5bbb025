"""The filesystem pack through the real engine, in a real git project with a temp home.

Each case is a Bash call as an agent would send it (cwd = the project root unless a case says
otherwise); the verdict is the engine's and the rule ids are the filesystem findings.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from railguard.config import Config
from railguard.engine import evaluate
from railguard.model import Action, Decision
from railguard.rules.filesystem import RULES, expand_braces


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """HOME in a fresh temp dir, no TMPDIR surprises."""
    home = (tmp_path / "home").resolve()
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("TMPDIR", raising=False)
    monkeypatch.delenv("CLAUDE_PROJECT_DIR", raising=False)


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    """A real git project with sources, build outputs and caches."""
    import subprocess

    root = (tmp_path / "proj").resolve()
    for rel in ("src/app.py", "src/lib/util.py", "tests/test_app.py", "docs/index.md",
                "README.md", "package-lock.json", "node_modules/x/index.js", "dist/app.js",
                "build/out.o", "__pycache__/a.pyc", ".pytest_cache/v", "disk.img",
                "scripts/build.sh", "logs/app.log", "docs/_build/index.html"):
        f = root / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("x\n")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / ".git" / "index.lock").write_text("")
    return root


def home() -> Path:
    return Path(os.environ["HOME"])


def run(command: str, proj: Path, cwd: Path | None = None,
        config: Config | None = None) -> Decision:
    action = Action("shell", "Bash", command=command, cwd=str(cwd or proj),
                    project_dir=str(proj))
    return evaluate(action, config)


def fs_ids(d: Decision) -> list[str]:
    return [r for r in d.rule_ids if r.startswith("FS")]


def check(command: str, proj: Path, verdict: str, rule: str | None,
          cwd: Path | None = None) -> None:
    d = run(command, proj, cwd)
    ids = fs_ids(d)
    if rule is None:
        assert ids == [], f"{command!r}: unexpected {ids} {[f.message for f in d.findings]}"
    else:
        assert rule in ids, f"{command!r}: expected {rule}, got {ids}"
        assert d.verdict.label == verdict, f"{command!r}: {d.verdict.label} {d.findings}"


# -- the same call in every spelling gets the same answer -----------------------------------

SAME_AS_RM_RF_ROOT = [
    "rm -rf /",
    "rm -fr /",
    "rm -r -f /",
    "rm -f -r /",
    "rm -R -f /",
    "rm -Rf /",
    "rm --recursive --force /",
    "rm --force --recursive /",
    "rm --recur --force /",
    "rm -rf -- /",
    "rm -rf --no-preserve-root /",
    "rm   -rf   /",
    "/bin/rm -fr /",
    "/usr/bin/rm -rf /",
    "\\rm -rf /",
    "command rm -rf /",
    "sudo rm -rf /",
    "sudo -u root rm -rf /",
    "sudo env rm --recursive --force /",
    "env -i FOO=1 rm -rf /",
    "doas rm -rf /",
    "nohup nice -n 5 timeout 10 rm -rf /",
    "bash -c 'rm -rf /'",
    "sh -c \"rm -rf /\"",
    "eval 'rm -rf /'",
    "echo 'rm -rf /' | bash",
    "bash <<< 'rm -rf /'",
    "rm -rf / || echo failed",
    "rm -rf / &",
    "true && rm -rf /",
    "(cd /tmp && rm -rf /)",
    "find / -delete",
    "find / -depth -delete",
    "find / -exec rm -rf {} +",
    "find / -exec rm -rf {} \\;",
    "find / -exec sudo rm -rf {} +",
    "find / -execdir env rm -rf {} +",
    "echo / | xargs rm -rf /",
    "python -c \"shutil.rmtree('/')\"",
    "python3 -c \"import shutil; shutil.rmtree('/')\"",
    "node -e \"require('fs').rmSync('/', {recursive: true, force: true})\"",
    "ruby -e \"FileUtils.rm_rf('/')\"",
    "perl -e \"rmtree('/')\"",
    "rimraf /",
    "npx rimraf /",
    "rm -rf /{etc,usr}",
    "rm -rf /*",
    # a plain rm fed a walk's listing deletes every file of the walk
    "find / -type f | xargs rm -f",
    "find / -print0 | xargs -0 rm -rf",
    "find / -type f | sort | xargs -n 50 rm",
    "find / -type f | cat | xargs rm",
    "find / -type f | parallel rm",
    # after -o or ',' an action runs for the entries the tests before it did not match
    "find / -name '*.pyc' -o -delete",
    "find / -name x -o -exec rm -rf {} +",
    "find / -name x , -delete",
]


@pytest.mark.parametrize("command", SAME_AS_RM_RF_ROOT)
def test_deleting_root_is_denied_in_every_spelling(command: str, proj: Path) -> None:
    d = run(command, proj)
    assert d.verdict.label == "deny", (command, d.findings)
    assert "FS001" in fs_ids(d), (command, d.findings)


# -- rm: critical targets ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "command",
    [
        "rm -rf ~", "rm -rf ~/", "rm -rf $HOME", "rm -rf \"$HOME\"", "rm -rf ${HOME}",
        "rm -rf ${HOME}/", "rm -rf ~/*", "rm -rf ~/.ssh", "rm -f ~/.ssh/id_ed25519",
        "rm -rf ~/.aws", "rm -rf ~/.gnupg", "rm -rf ~/Documents", "rm -rf ~/.config",
        "rm -rf ..", "rm -rf ../", "rm -rf ../..", "rm -rf .", "rm -rf ./", "rm -rf *",
        "rm -rf ./*", "rm -rf .*", "rm *", "rm -rf .git", "rm -rf .git/objects",
        "rm -rf .git/refs", "rm -rf /etc", "rm -rf /usr", "rm -rf /var/log",
        "rm -rf /var/lib/postgresql", "rm /etc/hosts", "rm -rf /tmp/../etc",
        "rm -rf /var/tmp/../../etc", "rm -rf $TMPDIR/../etc", "rm -rf \"$TMPDIR/../etc\"",
        "rm -rf /home", "rm -rf /home/user", "rm -rf ~someone", "rm -rf /tmp",
        "rm -rf /dev/sda", "rm -rf /{bin,sbin}", "rm -rf ~/{.ssh,.aws}",
        "ssh host 'rm -rf /'", "docker exec web rm -rf /usr",
        "rm -rf \"$(pwd)\"", "rm -rf `pwd -P`/..", "cd src && rm -rf $(pwd)/..",
        "docker run -v \"$(pwd)\":/w alpine rm -rf /w",
    ],
)
def test_critical_targets_are_denied(command: str, proj: Path) -> None:
    check(command, proj, "deny", "FS001")


def test_parent_of_the_project_after_cd(proj: Path) -> None:
    check("cd src && rm -rf ../..", proj, "deny", "FS001")
    check("cd src/lib && rm -rf ../../..", proj, "deny", "FS001")
    check("rm -rf ../..", proj, "deny", "FS001", cwd=proj / "src")
    check("cd src && rm -rf ..", proj, "deny", "FS001")  # the project root itself
    check("cd / && rm -rf *", proj, "deny", "FS001")
    check("cd ~ && rm -rf .ssh", proj, "deny", "FS001")
    check("cd && rm -rf *", proj, "deny", "FS001")
    check("pushd /etc && rm -rf ssl", proj, "deny", "FS001")


def test_a_project_that_is_home_or_holds_it(tmp_path: Path) -> None:
    """An agent started in the home directory (or in /home, or /): home, its parents and its
    key folders stay critical, the rest is project work."""
    home = Path(os.environ["HOME"])
    for rel in (".ssh/id_ed25519", ".aws/credentials", "src/app.py", "node_modules/x/i.js"):
        (home / rel).parent.mkdir(parents=True, exist_ok=True)
        (home / rel).write_text("x\n")
    for project in (home, home.parent):
        for command in ("rm -rf ~", "rm -rf ~/.ssh", "rm -rf ~/.aws", "rm -f ~/.ssh/id_ed25519"):
            check(command, project, "deny", "FS001", cwd=home)
        check("rm -rf ~/src", project, "ask", "FS004", cwd=home)
        check("rm -rf ~/node_modules", project, "allow", None, cwd=home)
    check("cd ~ && rm -rf .ssh", home, "deny", "FS001")
    assert "your SSH keys" in run("rm -rf .ssh", home, cwd=home).findings[0].message


def test_message_names_what_is_lost(proj: Path) -> None:
    d = run("rm -rf ~/.ssh", proj)
    msg = d.findings[0].message
    assert "~/.ssh" in msg and "SSH keys" in msg
    msg = run("rm -rf ..", proj).findings[0].message
    assert "parent directory of the project" in msg
    msg = run("rm -rf .git", proj).findings[0].message
    assert ".git" in msg and "git" in msg
    msg = run("rm -rf /", proj).findings[0].message
    assert "whole filesystem" in msg
    msg = run("bash -c 'rm -rf /'", proj).findings[0].message
    assert "bash -c" in msg
    msg = run("rm -rf src", proj).findings[0].message
    assert "src" in msg and str(proj) not in msg


def test_git_lock_files_may_be_removed(proj: Path) -> None:
    for command in ("rm .git/index.lock", "rm -f .git/index.lock", "rm -rf .git/index.lock",
                    "rm -f .git/refs/heads/main.lock", "cd .git && rm index.lock",
                    "rm -f .git/*.lock"):
        check(command, proj, "allow", None)
    check("rm -f .git/index", proj, "deny", "FS001")
    check("rm -f .git/HEAD", proj, "deny", "FS001")


# -- rm: outside, unknown, project files --------------------------------------------------------

@pytest.mark.parametrize(
    "command",
    [
        "rm -rf ~/projects/other", "rm -r ~/old", "rm -R /opt/app/data", "rm -rf /srv/www",
        "rm -rf ~someone/escape", "sudo rm -rf /home/user/site", "rm -r /some/path",
        "rm -rf /this/is/a/very/long/path/that/goes/on", "rm -rf /var/tmp/../etc",
        "python3 -c \"import shutil; shutil.rmtree('/srv/www')\"",
        "find ~/Downloads -delete", "find ~ -name '*.log' -delete",
        "find ~ -name '*.bak' -exec rm {} +",
        "rm -rf /var/tmp/*", "rm -rf /var/tmp/.*", "rm -rf /var/tmp/**", "rm -rf /var/tmp/?*",
        "find /var/tmp/* -delete", "cd /var/tmp && rm -rf ./*",
    ],
)
def test_recursive_delete_outside_the_project_asks(command: str, proj: Path) -> None:
    check(command, proj, "ask", "FS002")


@pytest.mark.parametrize(
    "command",
    [
        "rm -rf \"$DIR\"", "rm -rf $DIR", "rm -rf ${DIR}/", "rm -rf \"$DIR/\"*",
        "rm -rf \"$(hostname)\"", "rm -rf `hostname`/x", "rm -rf ~/$X",
        "ls | xargs rm -rf", "cat dirs.txt | xargs -0 rm -rf",
        "cat list.txt | xargs -I{} rm -rf {}", "find \"$X\" -delete",
        "cd \"$X\" && rm -rf build2",
        "ls | xargs -I{} rm -rf /tmp/{}",
    ],
)
def test_recursive_delete_of_unknown_target_asks(command: str, proj: Path) -> None:
    d = run(command, proj)
    assert "FS003" in fs_ids(d), (command, d.findings)
    assert d.verdict.label in ("ask", "deny")


def test_every_entry_of_a_temp_directory(proj: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry of a temp directory is disposable; all of them at once are other programs'
    and sessions' files too (asked about), and critical when the project lives there."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    check("rm -rf $TMPDIR/build", proj, "allow", None)
    check("rm -rf $TMPDIR/build-*", proj, "allow", None)
    check("rm -rf \"$TMPDIR\"/*", proj, "ask", "FS002")
    message = run("rm -rf $TMPDIR/*", proj).findings[0].message
    assert "other programs" in message and "every entry of the temp directory" in message
    check("rm -rf $TMPDIR", proj, "deny", "FS001")
    # a walk with a test deletes entries, not the temp directory itself
    check("find $TMPDIR -type f -mtime +7 -delete", proj, "ask", "FS002")
    check("find $TMPDIR -delete", proj, "deny", "FS001")
    # the project's own folder is a temp directory: all its entries include the project
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    check("rm -rf $TMPDIR/*", proj, "deny", "FS001")
    check("rm -rf $TMPDIR/other", proj, "allow", None)


def test_script_arguments_reach_the_script(proj: Path) -> None:
    # sh -c binds the words after the script to $0, $1: find hands every entry of the project
    check("find . -exec sh -c 'rm -rf \"$1\"' _ {} \\;", proj, "deny", "FS001")
    check("bash -c 'rm -rf \"$1\"' _ ~", proj, "deny", "FS001")
    # input written in the command itself is known: echo / | ... is rm -rf /
    check("echo / | parallel bash -c 'rm -rf {}'", proj, "deny", "FS001")
    check("echo / | xargs rm -rf", proj, "deny", "FS001")


@pytest.mark.parametrize(
    "command",
    [
        "rm -rf src", "rm -r src", "rm -R src", "rm -fr src/", "rm --recursive src/lib",
        "rm -rf tests docs", "rm -r -f docs", "rm -rf ./src",
        "python -c \"import shutil; shutil.rmtree('src')\"",
        "node -e \"fs.rmSync('src', {recursive: true})\"",
        "find src -delete", "find docs -type f -delete", "find src -exec rm {} +",
        "find src -mtime +7 -delete", "find src ! -name '*.py' -delete",
        "rm -rf node_modules src",
    ],
)
def test_recursive_delete_of_project_files_asks(command: str, proj: Path) -> None:
    check(command, proj, "ask", "FS004")


def test_unknown_targets_inside_a_script_are_not_asked(proj: Path) -> None:
    script = proj / "scripts" / "clean.sh"
    script.write_text("#!/bin/sh\nrm -rf \"$BUILD_DIR\"\nrm -rf \"$1\"\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    for command in ("./scripts/clean.sh", "bash scripts/clean.sh", "sh scripts/clean.sh"):
        assert "FS003" not in fs_ids(run(command, proj)), command
    # but the same script deleting a critical path is judged by what it does
    script.write_text("#!/bin/sh\nrm -rf ~/.ssh\n")
    check("./scripts/clean.sh", proj, "deny", "FS001")
    check("bash scripts/clean.sh", proj, "deny", "FS001")
    msg = run("bash scripts/clean.sh", proj).findings[0].message
    assert "script" in msg


# -- ordinary work stays quiet ------------------------------------------------------------------

ORDINARY = [
    "rm -rf node_modules",
    "rm -rf node_modules dist build __pycache__ .pytest_cache",
    "rm -rf ./build", "rm -r -f ./build", "rm --recursive --force ./build",
    "rm -rf dist/ build/ coverage/ .mypy_cache .ruff_cache .tox",
    "rm -rf .venv venv", "rm -rf target", "rm -rf src/__pycache__", "rm -rf src/lib/__pycache__",
    "rm -rf .next .turbo", "rm -rf tmp", "rm -rf node_modules/.cache",
    "rm file.txt", "rm file1.txt file2.txt", "rm -f file.txt", "rm -i file.txt",
    "rm -v file.txt", "rm src/app.py", "rm -f *.log", "rm -- -weird-name", "rm -f \"$TMPFILE\"",
    "rm -rf package-lock.json", "rm -rf node_modules package-lock.json", "rm -rf README.md",
    "rm --help", "rm --version", "rm", "rmdir empty_folder", "unlink old.txt",
    "rm -rf /tmp/x", "rm -rf /tmp/test", "rm -fr /tmp/test", "rm -rf /tmp/foo/",
    "rm -rf /tmp/build-*", "rm -rf /tmp/pytest-of-*/*", "rm -f /var/tmp/*.log",
    "rm -rf */__pycache__", "rm -rf **/__pycache__", "rm -rf src/*/__pycache__",
    "rm -rf packages/*/node_modules packages/*/dist",
    "rm -rf /var/tmp/stuff", "rm -rf /var/tmp/build/*", "rm -rf $TMPDIR/junk", "rm -rf ${TMPDIR}/junk",
    "rm -rf \"$TMPDIR/build\"", "rm -rf ${TMPDIR:-/tmp}/build", "rm -rf /tmp/foo..bar",
    "rm -rf /tmp/project/build/artifacts", "rm -rf /dev/shm/x",
    "rm -rf ~/.cache/pip", "rm -rf ~/.cache", "rm ~/notes-old.txt",
    "find . -name '*.pyc' -delete", "find . -name \"*.pyc\" -delete",
    "find . -type d -name __pycache__ -exec rm -rf {} +",
    "find . -name '*.orig' -exec rm {} \\;", "find . -name '*.py[co]' -delete",
    "find . \\( -name '*.pyc' -o -name '*.pyo' \\) -delete", "find . -name '*~' -delete",
    "find . -type f -name '*.log' -exec rm {} \\;", "find . -name .DS_Store -delete",
    "find . -path '*/__pycache__/*' -delete", "find . -name '*.pyc' -print | sort | xargs rm",
    "find /tmp/x -type f | xargs rm", "find . -name node_modules -print0 | xargs -0 rm -rf",
    "find . -maxdepth 1 -name '*.md' | xargs rm",
    "find . -type f -name '*.py' | xargs grep -l TODO", "find src -type f | xargs wc -l",
    "find . -name '*.tmp' -exec rm -r --force {} \\;", "find . -empty -delete",
    "find . -type d -empty -delete", "find build -delete", "find node_modules -name '*.md' -delete",
    "find /tmp/x -mindepth 1 -delete", "find /tmp/cache -name '*.tmp' -delete",
    "find . -name '*.rs'", "find . -name -delete -print", "find . -gid -delete -print",
    "find . -exec echo -delete \\; -print", "find . -type f -exec cat {} +",
    "find . -name '*.pyc' | xargs rm", "find . -name '*.pyc' -print0 | xargs -0 rm -f",
    "echo x > out.txt", "echo x >| out.txt", "echo x > /tmp/out.txt", "ls > /dev/null",
    "make 2>/dev/null", "cmd > /dev/null 2>&1", "echo hi >&2", "echo x > logs/app.log",
    "cat > src/new.py <<'EOF'\nprint(1)\nEOF", "echo x >> ~/.bashrc", "echo x > ~/new-note.txt",
    "echo x > \"$OUT\"", "tee out.txt < in.txt", "echo x | tee -a ~/.bashrc",
    "dd if=/dev/zero of=disk.img bs=1M count=10", "dd if=/dev/sda of=./backup.img",
    "dd if=x.iso of=./out.img", "dd if=/dev/urandom of=random.dat bs=1k count=1",
    "mkfs.ext4 disk.img", "mkfs.ext4 ./loop.img", "mkswap swap.img", "fdisk -l",
    "fdisk -l /dev/sda", "sfdisk -l /dev/sda", "parted -l", "parted /dev/sda print",
    "wipefs /dev/sda", "sgdisk -p /dev/sda", "blkid /dev/sda1",
    "shred", "shred --help", "shred -u /tmp/key.pem",
    "truncate -s 0 app.log", "truncate -s 0 logs/app.log", "truncate -s 1G disk.img",
    "truncate -s 0 /tmp/x.log", "truncate -s +1M ~/data.img", "truncate -s 0 ~/absent.log",
    "chmod +x script.sh", "chmod -x run.sh", "chmod 600 ~/.ssh/id_ed25519", "chmod 644 /etc/x",
    "chmod -R u+w build", "chmod -R 755 scripts", "chown -R me:me .", "chmod -R g+w *",
    "chown me file.txt", "chgrp -R staff src", "sudo chown -R $(whoami) ~/.npm",
    "rsync -av src/ ~/backup/", "rsync -av --delete src/ /tmp/mirror/",
    "rsync -a --delete dist/ build/", "rsync -av --delete dist/ server:/var/www/app/",
    "rsync -avn --delete src/ ~/backup/", "rsync --delete", "rsync -av --delete src/ out/",
    "mv old.txt new.txt", "mv source dest", "mv file1 file2", "mv src/app.py src/main.py",
    "mv * archive/", "mv .git/hooks/pre-commit.sample .git/hooks/pre-commit",
    "mv ~/Downloads/data.csv ./data/", "mv build.log logs/", "mv -t logs/ a.log b.log",
    "git commit -m \"rm -rf /\"", "git commit -m 'cleanup: find / -delete was a bad idea'",
    "echo 'rm -rf /' >> NOTES.md", "grep -r 'rm -rf' docs", "echo \"mkfs.ext4 /dev/sda\"",
    "printf '%s\\n' 'dd of=/dev/sda'", "man rm", "which rm", "type rm",
    "ls -la ~", "cat /etc/hosts", "du -sh ~/.cache",
    "docker exec web rm -rf /app/node_modules", "ssh host 'rm -rf /tmp/build'",
]


@pytest.mark.parametrize("command", ORDINARY)
def test_ordinary_work_is_not_flagged(command: str, proj: Path) -> None:
    d = run(command, proj)
    assert fs_ids(d) == [], (command, [f.message for f in d.findings])


@pytest.mark.parametrize("command", ["rm -rf node_modules", "rm -rf dist build",
                                     "find . -name '*.pyc' -delete", "echo x > out.txt",
                                     "rm file.txt", "rm -rf /tmp/x", "chmod +x script.sh",
                                     "dd if=/dev/zero of=disk.img bs=1M count=1"])
def test_ordinary_work_is_allowed(command: str, proj: Path) -> None:
    assert run(command, proj).verdict.label == "allow"


def test_a_recursive_delete_of_an_existing_file_is_a_file_delete(proj: Path) -> None:
    check("rm -rf README.md", proj, "allow", None)
    (proj / "data").mkdir()
    check("rm -rf data", proj, "ask", "FS004")
    (proj / "link").symlink_to(proj / "src")
    check("rm -rf link", proj, "allow", None)  # removes the link, not the sources


def test_configured_disposable_folders(proj: Path) -> None:
    check("rm -rf docs/_build", proj, "ask", "FS004")
    config = Config()
    config.disposable = ["_build"]
    d = run("rm -rf docs/_build", proj, config=config)
    assert fs_ids(d) == []


# -- find ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("command", "verdict", "rule"),
    [
        ("find . -delete", "deny", "FS001"),
        ("find -delete", "deny", "FS001"),
        ("find . -type f -delete", "deny", "FS001"),
        ("find . -mtime +30 -delete", "deny", "FS001"),
        ("find . ! -name '*.py' -delete", "deny", "FS001"),
        ("find . -not -name keep -delete", "deny", "FS001"),
        ("find . -name '*' -delete", "deny", "FS001"),
        ("find . -exec rm -rf {} \\;", "deny", "FS001"),
        ("find . -exec rm -r {} \\;", "deny", "FS001"),
        ("find . -exec rm -f {} \\;", "deny", "FS001"),
        ("find . -type f -exec rm {} +", "deny", "FS001"),
        ("find . -print0 | xargs -0 rm -rf", "deny", "FS001"),
        ("find . -mindepth 1 -delete", "deny", "FS001"),
        ("find ~ -delete", "deny", "FS001"),
        ("find /etc -name '*.conf' -delete", "deny", "FS001"),
        ("find / -name '*.log' -delete", "deny", "FS001"),
        ("find .git -delete", "deny", "FS001"),
        ("find .. -name '*.py' -delete", "deny", "FS001"),
        ("find /tmp -depth -delete", "deny", "FS001"),
        ("find /var/tmp/ -depth -delete", "deny", "FS001"),
        ("find /tmp -execdir rm -rf {} +", "deny", "FS001"),
        ("find /tmp/safe /Users -delete", "deny", "FS001"),
        ("find /some/allowed -depth -delete", "ask", "FS002"),
        ("find ~/Downloads -name '*.zip' -delete", "ask", "FS002"),
        ("find src -delete", "ask", "FS004"),
        ("find src -type f -exec rm -f {} +", "ask", "FS004"),
        ("find $OTHER/child -delete", "ask", "FS003"),
        ("find \"$(cat root.txt)\" -delete", "ask", "FS003"),
        ("cd src && find . -delete", "ask", "FS004"),
        ("cd src && find .. -delete", "deny", "FS001"),
        # a walk deleting every match of a pattern across the project takes its sources along
        ("find . -name '*.py' -delete", "ask", "FS004"),
        ("find . -name '*.txt' -exec rm {} \\;", "ask", "FS004"),
        ("find . -type f -name '*.ts' -exec rm -f {} +", "ask", "FS004"),
        ("find . -path ./node_modules -prune -o -name '*.js' -delete", "ask", "FS004"),
        ("find . \\( -name '*.pyc' -o -name '*.py' \\) -delete", "ask", "FS004"),
        ("find . -newer setup.cfg -delete", "ask", "FS004"),
        ("find . -name '*.py' | xargs rm", "ask", "FS004"),
        ("find src -type f -print0 | xargs -0 rm -f", "ask", "FS004"),
        ("find . -type f | xargs rm", "deny", "FS001"),
        ("find ~ -type f -name '*' | xargs rm", "deny", "FS001"),
        ("find . -maxdepth 1 -type f | xargs rm", "deny", "FS001"),
        ("find ~/Downloads -type f | xargs rm", "ask", "FS002"),
        ("find . -name '*.pyc' -o -delete", "deny", "FS001"),
        ("find . -name '*.pyc' -o -exec rm {} +", "deny", "FS001"),
        ("find . ! -name '*.pyc' -delete", "deny", "FS001"),
    ],
)
def test_find(command: str, verdict: str, rule: str, proj: Path) -> None:
    check(command, proj, verdict, rule)


def test_find_messages(proj: Path) -> None:
    msg = run("find . -delete", proj).findings[0].message
    assert "every entry" in msg and "project root" in msg
    msg = run("find ~ -name '*.log' -delete", proj).findings[0].message
    assert "the entries of ~ matching `-name *.log`" in msg


# -- shred -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("command", "verdict", "rule"),
    [
        ("shred /dev/sda", "deny", "FS005"),
        ("shred -n 3 -z /dev/nvme0n1", "deny", "FS005"),
        ("shred -u ~/.ssh/id_rsa", "deny", "FS005"),
        ("sudo shred -u /etc/shadow", "deny", "FS005"),
        ("shred -u .git/index", "deny", "FS005"),
        ("shred -u secret.txt", "ask", "FS006"),
        ("shred notes.txt", "ask", "FS006"),
        ("shred -u ~/notes.txt", "ask", "FS006"),
        ("shred -u \"$KEYFILE\"", "ask", "FS006"),
        ("find . -name '*.key' -exec shred -u {} \\;", "ask", "FS006"),
        ("shred -u /tmp/key.pem", "allow", None),
        ("shred --version", "allow", None),
    ],
)
def test_shred(command: str, verdict: str, rule: str | None, proj: Path) -> None:
    check(command, proj, verdict, rule)


# -- devices -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("command", "verdict", "rule"),
    [
        ("dd if=/dev/zero of=/dev/sda", "deny", "FS007"),
        ("dd of=/dev/nvme0n1 if=/dev/zero", "deny", "FS007"),
        ("dd if=/dev/zero of=\"/dev/sda\"", "deny", "FS007"),
        ("sudo dd if=ubuntu.iso of=/dev/disk2 bs=4m", "deny", "FS007"),
        ("dd if=/dev/zero of=/dev/mmcblk0 conv=notrunc", "deny", "FS007"),
        ("cat image.iso > /dev/sdb", "deny", "FS007"),
        ("echo x >> /dev/sda1", "deny", "FS007"),
        ("cp image.img /dev/mmcblk0", "deny", "FS007"),
        ("echo x | sudo tee /dev/sda", "deny", "FS007"),
        ("pv image.img > /dev/disk/by-id/usb-x", "deny", "FS007"),
        ("bash -c 'dd if=/dev/zero of=/dev/vda'", "deny", "FS007"),
        ("mkfs.ext4 /dev/sda1", "deny", "FS008"),
        ("mkfs.xfs -L data /dev/sdc1", "deny", "FS008"),
        ("mkfs -t ext4 /dev/sdb", "deny", "FS008"),
        ("sudo mkfs.ext4 /dev/sda", "deny", "FS008"),
        ("mkfs.vfat -F 32 /dev/sdb1", "deny", "FS008"),
        ("mke2fs /dev/sdb1", "deny", "FS008"),
        ("mkswap /dev/sda2", "deny", "FS008"),
        ("wipefs -a /dev/sdb", "deny", "FS008"),
        ("wipefs --all /dev/sdb", "deny", "FS008"),
        ("sgdisk --zap-all /dev/nvme0n1", "deny", "FS008"),
        ("sgdisk -Z /dev/sda", "deny", "FS008"),
        ("parted -s /dev/sda mklabel gpt", "deny", "FS008"),
        ("parted /dev/sda rm 1", "deny", "FS008"),
        ("blkdiscard /dev/nvme0n1", "deny", "FS008"),
        ("echo ',,L' | sfdisk /dev/sdb", "deny", "FS008"),
        ("fdisk /dev/sda", "deny", "FS008"),
        ("mkfs.ext4 \"$DEV\"", "ask", "FS009"),
        ("wipefs -a $DISK", "ask", "FS009"),
    ],
)
def test_devices(command: str, verdict: str, rule: str, proj: Path) -> None:
    check(command, proj, verdict, rule)


def test_serial_ports_and_bash_network_paths_are_not_disks(proj: Path) -> None:
    for command in ("echo AT > /dev/ttyUSB0", "echo hi > /dev/tcp/localhost/8080",
                    "cat x > /dev/stdout", "echo x > /dev/fd/3", "echo x > /dev/tty"):
        assert fs_ids(run(command, proj)) == [], command


# -- truncate, chmod/chown, rsync, mv ---------------------------------------------------------

def test_truncate(proj: Path) -> None:
    check("truncate -s 0 /etc/passwd", proj, "deny", "FS010")
    check("sudo truncate --size=0 /var/log/syslog", proj, "deny", "FS010")
    check("truncate -s 0 ~/.ssh/authorized_keys", proj, "deny", "FS010")
    check("truncate -s 0 .git/index", proj, "deny", "FS010")
    (home() / "notes.txt").write_text("keep me\n")
    check("truncate -s 0 ~/notes.txt", proj, "ask", "FS011")
    check("truncate -s 0 ~/.zsh_history", proj, "ask", "FS011")
    check("truncate -r empty.txt ~/notes.txt", proj, "ask", "FS011")
    check("truncate -s +1M ~/notes.txt", proj, "allow", None)
    check("truncate -s 0 ~/absent.txt", proj, "allow", None)


@pytest.mark.parametrize(
    ("command", "verdict", "rule"),
    [
        ("chmod -R 777 /", "deny", "FS012"),
        ("sudo chmod -R a+w /usr", "deny", "FS012"),
        ("chmod --recursive 700 /etc", "deny", "FS012"),
        ("chmod -Rv 777 ~", "deny", "FS012"),
        ("chmod -R -x ~/.ssh", "deny", "FS012"),
        ("chown -R me ~", "deny", "FS012"),
        ("sudo chown -R me ~", "deny", "FS012"),
        ("chown -R $USER:$USER /usr", "deny", "FS012"),
        ("chown -R --from=root me /var/lib", "deny", "FS012"),
        ("chgrp -R staff ~/.ssh", "deny", "FS012"),
        ("chmod -R 777 ..", "deny", "FS012"),
        ("chmod -R --reference=x /etc", "deny", "FS012"),
        ("chmod -R 777 .git", "deny", "FS012"),
        ("chmod 777 /", "allow", None),
        ("chmod -R 755 .", "allow", None),
        ("chmod -R 755 src", "allow", None),
        ("chown -R me ~/projects/x", "allow", None),
        # find -exec runs the command on every entry of the walk: recursive in effect
        ("find / -exec chmod 000 {} +", "deny", "FS012"),
        ("find ~ -exec chown nobody {} +", "deny", "FS012"),
        ("find /etc -exec chgrp staff {} ;", "deny", "FS012"),
        ("sudo find /usr -execdir chmod 777 {} +", "deny", "FS012"),
        ("find . -type f -exec chmod 644 {} +", "allow", None),
        ("find src -exec chmod u+w {} +", "allow", None),
        ("find ~ -name '*.sh' -exec chmod +x {} +", "allow", None),
        ("find /tmp/x -exec chown me {} +", "allow", None),
    ],
)
def test_chmod_chown(command: str, verdict: str, rule: str | None, proj: Path) -> None:
    check(command, proj, verdict, rule)


@pytest.mark.parametrize(
    ("command", "verdict", "rule"),
    [
        ("rsync -a --delete empty/ ~/", "deny", "FS013"),
        ("rsync -av --delete ./site/ /etc/", "deny", "FS013"),
        ("rsync -a --delete-after ../other/ .", "deny", "FS013"),
        ("sudo rsync -a --del src/ /", "deny", "FS013"),
        ("rsync -a --delete src/ .git/", "deny", "FS013"),
        ("rsync -a --remove-source-files ~/.ssh/ /tmp/keys/", "deny", "FS013"),
        ("rsync -e ssh -a --delete x/ ~/.ssh/", "deny", "FS013"),
        ("rsync -av --delete dist/ ~/backup/site/", "ask", "FS014"),
        ("rsync -a --delete-before x/ /srv/www/", "ask", "FS014"),
        ("rsync -avz --delete-excluded --exclude .git ./ ~/mirror", "ask", "FS014"),
        ("rsync -a --remove-source-files ~/Downloads/ ./inbox/", "ask", "FS014"),
        ("rsync -av --delete dist/ /tmp/site/", "allow", None),
        ("rsync -a --delete build/ out/", "allow", None),
        ("rsync -av --delete dist/ host:/var/www/", "allow", None),
        ("rsync -av --delete --dry-run dist/ ~/x/", "allow", None),
        # the sources removed once copied: judged like deleting them
        ("rsync -a --remove-source-files src/ /tmp/copy/", "ask", "FS004"),
        ("rsync -a --remove-source-files dist/ /tmp/copy/", "allow", None),
        ("rsync -a --remove-source-files README.md /tmp/copy/", "allow", None),
        ("rsync -a --remove-source-files /tmp/in/ src/", "allow", None),
    ],
)
def test_rsync(command: str, verdict: str, rule: str | None, proj: Path) -> None:
    check(command, proj, verdict, rule)


@pytest.mark.parametrize(
    ("command", "verdict", "rule"),
    [
        ("mv ~ /tmp/x", "deny", "FS015"),
        ("mv .git /tmp", "deny", "FS015"),
        ("mv .git .git-old", "deny", "FS015"),
        ("mv ~/.ssh ~/ssh-old", "deny", "FS015"),
        ("sudo mv /etc /etc.bak", "deny", "FS015"),
        ("mv .. /tmp/parent", "deny", "FS015"),
        ("mv -t /tmp ~/.aws", "deny", "FS015"),
        ("mv /usr/bin/python3 /tmp/", "deny", "FS015"),
        ("mv build.log /dev/null", "deny", "FS016"),
        ("sudo mv old /dev/null", "deny", "FS016"),
        ("mv -t /dev/null a b", "deny", "FS016"),
        ("mv .git/index.lock /tmp/", "allow", None),
        ("mv src lib", "allow", None),
    ],
)
def test_mv(command: str, verdict: str, rule: str | None, proj: Path) -> None:
    check(command, proj, verdict, rule)


# -- truncating writes ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("command", "verdict", "rule"),
    [
        ("echo '127.0.0.1 x' > /etc/hosts", "deny", "FS017"),
        (": > /etc/hosts", "deny", "FS017"),
        ("cat x >| /etc/hosts", "deny", "FS017"),
        ("echo a &> /etc/hosts", "deny", "FS017"),
        (": > ~/.bashrc", "deny", "FS017"),
        ("echo x > ~/.zshrc", "deny", "FS017"),
        ("echo x > ~/.gitconfig", "deny", "FS017"),
        ("cat key.pub > ~/.ssh/authorized_keys", "deny", "FS017"),
        ("echo x | sudo tee /etc/hosts", "deny", "FS017"),
        ("echo x | tee out.txt /etc/sudoers", "deny", "FS017"),
        ("echo ref > .git/HEAD", "deny", "FS017"),
        ("echo x > .git/config", "deny", "FS017"),
        ("python3 -c \"open('/etc/passwd', 'w').write('')\"", "deny", "FS017"),
        ("dd if=/dev/zero of=/etc/fstab", "deny", "FS017"),
        ("bash -c 'echo x > /etc/hosts'", "deny", "FS017"),
        ("sudo sh -c 'echo 1 > /etc/resolv.conf'", "deny", "FS017"),
        ("echo 'set number' > ~/.vimrc", "ask", "FS018"),
        ("echo x | tee ~/.tmux.conf", "ask", "FS018"),
        ("cat > .git/hooks/pre-commit <<'EOF'\n#!/bin/sh\nmake lint\nEOF", "allow", None),
        ("echo '*.log' > .git/info/exclude", "allow", None),
        ("echo x >> /etc/hosts.d/x", "allow", None),
        ("echo x > ~/new-file.txt", "allow", None),
        ("echo x > /tmp/x", "allow", None),
        ("echo x > out.txt", "allow", None),
    ],
)
def test_truncating_writes(command: str, verdict: str, rule: str | None, proj: Path) -> None:
    check(command, proj, verdict, rule)


def test_overwriting_an_existing_file_outside_the_project(proj: Path) -> None:
    (home() / "report.txt").write_text("old\n")
    check("echo x > ~/report.txt", proj, "ask", "FS018")
    check("ls >| ~/report.txt", proj, "ask", "FS018")
    check("sort data.txt | tee ~/report.txt", proj, "ask", "FS018")
    check("echo x >> ~/report.txt", proj, "allow", None)
    check("echo x | tee -a ~/report.txt", proj, "allow", None)


def test_bare_truncating_redirect(proj: Path) -> None:
    check("> /etc/hosts", proj, "deny", "FS017")


# -- helpers and catalogue ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/{etc,usr}", ["/etc", "/usr"]),
        ("a{b,c{d,e}}f", ["abf", "acdf", "acef"]),
        ("{a,b}{1,2}", ["a1", "a2", "b1", "b2"]),
        ("./{}", ["./{}"]),
        ("x{a}", ["x{a}"]),
        ("plain", ["plain"]),
        ("\\{a,b}", ["\\{a,b}"]),
    ],
)
def test_brace_expansion(text: str, expected: list[str]) -> None:
    assert expand_braces(text) == expected


def test_every_rule_has_bad_and_good_examples_and_one_verdict() -> None:
    ids = [r.id for r in RULES]
    assert ids == [f"FS{i:03d}" for i in range(1, len(RULES) + 1)]
    for rule in RULES:
        assert rule.bad and rule.good, rule.id
        assert rule.why and rule.instead and rule.title, rule.id


# -- the whole command: find's names, paths that are not there, the Write tool -----------------

@pytest.mark.parametrize(
    ("command", "verdict", "rule"),
    [
        ("find . -name .git -exec rm -rf {} +", "deny", "FS001"),
        ("find . -type d -name .git -exec sudo rm -rf {} +", "deny", "FS001"),
        ("find . -name .git -delete", "deny", "FS001"),
        ("find . -name src -exec rm -rf {} +", "ask", "FS004"),
        ("find ~ -name projects -exec rm -rf {} +", "ask", "FS002"),
        ("find . -name node_modules -exec rm -rf {} +", "allow", None),
        ("find . -name node_modules -prune -exec rm -rf {} +", "allow", None),
        ("find . -name __pycache__ -o -name .pytest_cache -exec rm -rf {} +", "allow", None),
        ("find . -exec rm -rf {} /etc \\;", "deny", "FS001"),
        ("bash -c \"find / -exec rm -rf {} +\"", "deny", "FS001"),
    ],
)
def test_find_exec_is_judged_with_its_expression(command: str, verdict: str, rule: str | None,
                                                 proj: Path) -> None:
    check(command, proj, verdict, rule)


def test_find_exec_message_names_the_walk(proj: Path) -> None:
    msg = run("find . -name .git -exec rm -rf {} +", proj).findings[0].message
    assert "every `.git` under ." in msg


@pytest.mark.parametrize("command", ["rm -rf build/ dist/ *.egg-info", "rm -rf app.egg-info",
                                     "rm -rf src/app.egg-info"])
def test_egg_info_is_a_build_output(command: str, proj: Path) -> None:
    check(command, proj, "allow", None)


def test_a_path_that_is_not_there_holds_no_work(proj: Path) -> None:
    check("rm -rf not-there", proj, "allow", None)
    check("rm -rf node_modules package-lock.json yarn.lock && npm install", proj, "allow", None)
    # ... unless the same command puts something there first
    check("mv src junk && rm -rf junk", proj, "ask", "FS004")
    check("cp -r src copy; rm -rf copy/lib", proj, "ask", "FS004")
    check("git clone https://example.com/x.git vendor-x && rm -rf vendor-x", proj, "ask",
          "FS004")
    check("mv src \"$DEST\" && rm -rf not-there", proj, "ask", "FS004")
    # critical and outside targets are judged whether or not they exist now
    check("rm -rf ~/.aws", proj, "deny", "FS001")
    check("rm -rf ~/gone", proj, "ask", "FS002")


def write_tool(path: str, proj: Path) -> Decision:
    action = Action("write", "Write", path=path, content="x\n", cwd=str(proj),
                    project_dir=str(proj))
    return evaluate(action)


def test_the_write_tool_is_judged_like_a_truncating_redirect(proj: Path) -> None:
    d = write_tool("/etc/hosts", proj)
    assert "FS017" in fs_ids(d) and d.verdict.label == "deny"
    assert "FS017" in fs_ids(write_tool(str(home() / ".bashrc"), proj))
    assert "FS017" in fs_ids(write_tool(str(proj / ".git" / "config"), proj))
    assert "FS007" in fs_ids(write_tool("/dev/sda", proj))
    (home() / "report.txt").write_text("old\n")
    d = write_tool(str(home() / "report.txt"), proj)
    assert "FS018" in fs_ids(d)
    for path in (str(home() / "new.txt"), str(proj / "src" / "app.py"), "/tmp/x.txt",
                 str(proj / ".git" / "hooks" / "pre-commit"), "/dev/null"):
        assert fs_ids(write_tool(path, proj)) == [], path


# -- archivers that delete what they packed --------------------------------------------------


@pytest.mark.parametrize(
    ("command", "verdict", "rule"),
    [
        ("tar --remove-files -cf /tmp/out.tar /etc/hosts", "deny", "FS001"),
        ("tar -cf /tmp/h.tar --remove-files ~", "deny", "FS001"),
        ("tar cf /tmp/e.tar --remove-files /etc", "deny", "FS001"),
        ("tar -C / --remove-files -cf /tmp/e.tar etc", "deny", "FS001"),
        ("tar --remove-files -cf /tmp/g.tar .git", "deny", "FS001"),
        ("tar --remove-files -czf /tmp/src.tgz src", "ask", "FS004"),
        ("tar -czf /tmp/src.tgz --remove-files -C src lib", "ask", "FS004"),
        ("tar --create --remove-files --file=/tmp/d.tar docs tests", "ask", "FS004"),
        ("tar --remove-files -cf /tmp/x.tar ~/projects/other", "ask", "FS002"),
        ("tar --remove-files -cf x.tar -T list.txt", "ask", "FS003"),
        ("tar --remove-files -cf x.tar \"$DIR\"", "ask", "FS003"),
        ("tar --remove-files -czf /tmp/b.tgz /tmp/build", "allow", None),
        ("tar --remove-files -czf logs.tgz dist build", "allow", None),
        ("tar --remove-files -cf a.tar README.md", "allow", None),
        ("tar -czf /tmp/src.tgz src", "allow", None),
        ("tar -xf a.tar --remove-files", "allow", None),
        ("tar -tf a.tar", "allow", None),
        ("zip -m /tmp/h.zip /etc/hosts", "deny", "FS001"),
        ("zip -rm /tmp/k.zip ~/.ssh", "deny", "FS001"),
        ("zip --move -r /tmp/src.zip src", "ask", "FS004"),
        ("zip -r -m out.zip src -x '*.pyc'", "ask", "FS004"),
        ("zip -r /tmp/src.zip src", "allow", None),
        ("zip -m out.zip notes.txt", "allow", None),
        ("7z a -sdel /tmp/e.7z /etc", "deny", "FS001"),
        ("7z a -sdel /tmp/s.7z src", "ask", "FS004"),
        ("7z a -sdel x.7z @files.txt", "ask", "FS003"),
        ("7z a /tmp/s.7z src", "allow", None),
        ("7z x -sdel a.7z", "allow", None),
    ],
)
def test_archivers_that_delete_their_sources(command: str, verdict: str, rule: str | None,
                                             proj: Path) -> None:
    check(command, proj, verdict, rule)


def test_tar_remove_files_really_deletes_the_sources(proj: Path, tmp_path: Path) -> None:
    """What the rule describes, with the real tar: the sources are gone, the archive holds
    them. (Run on a copy inside the temp directory.)"""
    import shutil
    import subprocess

    if shutil.which("tar") is None:
        pytest.skip("tar is not installed")
    work = tmp_path / "copy"
    shutil.copytree(proj / "src", work / "src")
    subprocess.run(["tar", "--remove-files", "-czf", str(tmp_path / "s.tgz"), "src"],
                   cwd=work, check=True)
    assert not (work / "src").exists()
    listing = subprocess.run(["tar", "-tzf", str(tmp_path / "s.tgz")], check=True,
                             capture_output=True, text=True).stdout
    assert "src/app.py" in listing
    assert fs_ids(run("tar --remove-files -czf /tmp/s.tgz src", proj)) == ["FS004"]


def test_archive_message_says_the_sources_go(proj: Path) -> None:
    d = run("tar --remove-files -cf /tmp/out.tar /etc/hosts", proj)
    f = next(f for f in d.findings if f.rule_id == "FS001")
    assert "archives and then deletes /etc/hosts" in f.message


# -- volumes, pools and disk headers -----------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "verdict", "rule"),
    [
        ("lvremove -f vg/data", "deny", "FS019"),
        ("sudo lvremove -y /dev/vg0/home", "deny", "FS019"),
        ("vgremove -ff vg0", "deny", "FS019"),
        ("pvremove /dev/sdb1", "deny", "FS019"),
        ("zpool destroy -f tank", "deny", "FS019"),
        ("zpool labelclear -f /dev/sdb", "deny", "FS019"),
        ("zfs destroy -r tank/data", "deny", "FS019"),
        ("zfs destroy tank/data@daily", "deny", "FS019"),
        ("mdadm --zero-superblock /dev/sdb1 /dev/sdc1", "deny", "FS019"),
        ("cryptsetup luksErase /dev/sda2", "deny", "FS019"),
        ("cryptsetup --batch-mode erase /dev/sda2", "deny", "FS019"),
        ("blkdiscard /dev/nvme0n1", "deny", "FS008"),
        ("lvremove \"$LV\"", "ask", "FS009"),
        ("zfs destroy \"$DATASET\"", "ask", "FS009"),
        ("lvremove --test vg/data", "allow", None),
        ("lvremove --help", "allow", None),
        ("zfs destroy -nv tank/data@old", "allow", None),
        ("zfs list -t snapshot", "allow", None),
        ("zfs snapshot tank/data@now", "allow", None),
        ("zpool status tank", "allow", None),
        ("mdadm --detail /dev/md0", "allow", None),
        ("cryptsetup luksDump /dev/sda2", "allow", None),
        ("cryptsetup open /dev/sda2 data", "allow", None),
    ],
)
def test_volume_tools(command: str, verdict: str, rule: str | None, proj: Path) -> None:
    check(command, proj, verdict, rule)


# -- files replaced by programs other than `>` -----------------------------------------------------

@pytest.mark.parametrize(
    ("command", "verdict", "rule"),
    [
        ("cp /dev/null /etc/passwd", "deny", "FS017"),
        ("install /dev/null /etc/hosts", "deny", "FS017"),
        ("ln -sf /dev/null /etc/passwd", "deny", "FS017"),
        ("mv /tmp/x /etc/passwd", "deny", "FS017"),
        ("sudo cp -f hosts /etc", "deny", "FS017"),
        ("cp -t /etc hosts", "deny", "FS017"),
        ("sort -o /etc/passwd /dev/null", "deny", "FS017"),
        ("sort --output=/etc/passwd /dev/null", "deny", "FS017"),
        ("sort -uo /etc/hosts /etc/hosts", "deny", "FS017"),
        ("find ~ -fprint /etc/passwd", "deny", "FS017"),
        ("find . -fprintf /etc/hosts '%p'", "deny", "FS017"),
        ("tar -xf x.tar -C /", "deny", "FS017"),
        ("sudo tar --extract --file=x.tgz --directory=/etc", "deny", "FS017"),
        ("cd / && tar xzf /tmp/x.tgz", "deny", "FS017"),
        ("unzip -o x.zip -d /", "deny", "FS017"),
        ("tar -xzf dotfiles.tgz -C ~", "deny", "FS017"),
        ("exec > /etc/passwd", "deny", "FS017"),
        (": >& /etc/passwd", "deny", "FS017"),
        ("cp /dev/null ~/.bashrc", "deny", "FS017"),
        ("curl -o /etc/hosts https://example.com/hosts", "deny", "FS017"),
        ("cp -n x /etc/passwd", "allow", None),
        ("cp --no-clobber x /etc/passwd", "allow", None),
        ("ln -s /dev/null /etc/passwd", "allow", None),
        ("cp tool /usr/local/bin/railguard-test-absent-tool", "allow", None),
        ("sort -o out.txt in.txt", "allow", None),
        ("sort -k2 -o sorted.txt data.txt", "allow", None),
        ("tar -xzf x.tgz -C /tmp/y", "allow", None),
        ("tar -xzf x.tgz -C build", "allow", None),
        ("tar -czf /tmp/x.tgz src", "allow", None),
        ("tar -tzf x.tgz -C /", "allow", None),
        ("unzip x.zip -d build", "allow", None),
        ("unzip -l x.zip -d /", "allow", None),
        ("cp a.txt b.txt", "allow", None),
        ("cp README.md /tmp/", "allow", None),
        ("find . -name '*.py' -fprint /tmp/list.txt", "allow", None),
        ("exec 2>&1", "allow", None),
        ("exec >/tmp/log 2>&1", "allow", None),
        ("make >& build.log", "allow", None),
        ("echo hi >&2", "allow", None),
        ("exec >&-", "allow", None),
    ],
)
def test_programs_that_replace_a_file(command: str, verdict: str, rule: str | None,
                                      proj: Path) -> None:
    (home() / ".bashrc").write_text("export A=1\n")
    check(command, proj, verdict, rule)


def test_copies_onto_existing_files_outside_the_project(proj: Path) -> None:
    (home() / "report.txt").write_text("old\n")
    (home() / "target.txt").write_text("x\n")
    (home() / "link").symlink_to(home() / "target.txt")
    check("cp x ~/report.txt", proj, "ask", "FS018")
    check("mv /tmp/x ~/report.txt", proj, "ask", "FS018")
    check("cp report.txt ~/", proj, "ask", "FS018")
    check("cp x ~/new-report.txt", proj, "allow", None)
    check("ln -sf ~/target.txt ~/link", proj, "allow", None)  # only a link is replaced
    check("mv ~/target.txt ~/Documents-old.txt", proj, "allow", None)
    # a program in an install prefix: asked about, not refused
    (home() / ".local" / "bin").mkdir(parents=True)
    (home() / ".local" / "bin" / "tool").write_text("#!/bin/sh\n")
    check("cp build/tool ~/.local/bin/tool", proj, "ask", "FS018")
    check("install -m 755 build/tool ~/.local/bin/", proj, "ask", "FS018")
    check("echo x > ~/.local/bin/tool", proj, "deny", "FS017")


# -- rsync --delete into a project folder or a remote home ----------------------------------------

@pytest.mark.parametrize(
    ("command", "verdict", "rule"),
    [
        ("rsync -a --delete /var/empty/ src", "ask", "FS004"),
        ("rsync -a --delete /var/empty/ docs/", "ask", "FS004"),
        ("rsync -a --delete x/ host:/home/u", "ask", "FS014"),
        ("rsync -a --delete x/ host:", "ask", "FS014"),
        ("rsync -az --delete x/ deploy@host:~/", "ask", "FS014"),
        ("rsync -a --delete x/ host:/", "ask", "FS014"),
        ("rsync -a --delete x/ host:/etc/nginx", "ask", "FS014"),
        ("rsync -a --delete dist/ build/", "allow", None),
        ("rsync -av --delete src/ out/", "allow", None),
        ("rsync -av --delete dist/ server:/var/www/app/", "allow", None),
        ("rsync -a --delete x/ host:~/site/", "allow", None),
        ("rsync -a x/ host:/home/u", "allow", None),
        ("rsync -an --delete x/ host:/home/u", "allow", None),
        ("rsync -a --delete dist/ newdir/", "allow", None),
        ("rsync -a --delete dist/ emptydir/", "allow", None),
    ],
)
def test_rsync_delete_into_project_folders_and_remote_homes(command: str, verdict: str,
                                                           rule: str | None, proj: Path) -> None:
    (proj / "emptydir").mkdir()
    check(command, proj, verdict, rule)


# -- crontab -r, untracked files, dependency caches ------------------------------------------------

@pytest.mark.parametrize(
    ("command", "verdict", "rule"),
    [
        ("crontab -r", "ask", "FS020"),
        ("crontab -ri", "ask", "FS020"),
        ("crontab -u deploy -r", "ask", "FS020"),
        ("sudo crontab -r -u root", "ask", "FS020"),
        ("crontab /dev/null", "ask", "FS020"),
        ("crontab -l", "allow", None),
        ("crontab -e", "allow", None),
        ("crontab -l | grep -v backup | crontab -", "allow", None),
        ("git ls-files -o -z | xargs -0 rm -f", "deny", "FS021"),
        ("rm -f $(git ls-files -o)", "deny", "FS021"),
        ("git ls-files --others --exclude-standard | xargs rm", "deny", "FS021"),
        ("git ls-files -oz | sort | xargs -0 rm -rf", "deny", "FS021"),
        ("git -C src ls-files -o | xargs rm", "deny", "FS021"),
        ("git ls-files -o", "allow", None),
        ("git ls-files -o | wc -l", "allow", None),
        ("git ls-files -o -- dist | xargs rm -f", "allow", None),
        ("git ls-files -d | xargs git rm", "allow", None),
        ("git ls-files -x '*.o' | xargs wc -l", "allow", None),
        ("rm -rf ~/go/pkg/mod/cache", "allow", None),
        ("rm -rf ~/.m2/repository/com/x", "allow", None),
        ("rm -rf ~/.gradle/caches", "allow", None),
        ("rm -rf ~/.nuget/packages/x", "allow", None),
        ("rm -rf ~/.ivy2/cache", "allow", None),
        ("rm -rf ~/.cargo/registry", "allow", None),
        ("rm -rf ~/go", "ask", "FS002"),
        ("rm -rf ~/.m2", "ask", "FS002"),
        ("rm -rf ~/go/src/x", "ask", "FS002"),
    ],
)
def test_cron_untracked_files_and_dependency_caches(command: str, verdict: str,
                                                    rule: str | None, proj: Path) -> None:
    check(command, proj, verdict, rule)


# -- paths that go through a symbolic link ------------------------------------------------------


@pytest.fixture
def links(proj: Path) -> Path:
    """Real links in the project: to the home directory, to a folder outside, to the project
    itself, and a link to a temp folder whose `..` leads out of /tmp."""
    (home() / "notes").mkdir()
    (home() / "notes" / "todo.txt").write_text("keep me\n")
    (proj / "homelink").symlink_to(home())
    (proj / "src" / "up").symlink_to(proj)
    outside = home() / "elsewhere"  # outside the project and the temp directories
    (outside / "deep").mkdir(parents=True)
    (outside / "sibling").mkdir()
    (proj / "ext").symlink_to(outside / "deep")
    return proj


@pytest.mark.parametrize(
    ("command", "verdict", "rule"),
    [
        # a trailing slash or a path below the link goes through it: GNU rm -rf link/ empties
        # the folder the link points to
        ("rm -rf homelink/", "deny", "FS001"),
        ("rm -rf homelink/*", "deny", "FS001"),
        ("rm -rf homelink/.", "deny", "FS001"),
        ("rm -rf homelink/notes", "ask", "FS002"),
        ("find homelink/ -delete", "deny", "FS001"),
        ("rm -rf src/up/", "deny", "FS001"),
        ("rm -rf ext/", "ask", "FS002"),
        # `..` is taken from the link's target, as the kernel does: elsewhere/sibling, not a
        # (missing) sibling in the project
        ("rm -rf ext/../sibling", "ask", "FS002"),
        # the link itself, named bare: rm removes the link and never touches its target
        ("rm -rf homelink", "allow", None),
        ("rm homelink", "allow", None),
        ("rm -f src/up", "allow", None),
        ("find homelink -delete", "allow", None),
        # reading through a link is not deleting
        ("ls homelink/", "allow", None),
    ],
)
def test_paths_through_links_are_judged_where_they_lead(command: str, verdict: str,
                                                        rule: str | None, links: Path) -> None:
    check(command, links, verdict, rule)


def test_rm_of_a_link_with_a_trailing_slash_empties_its_target(tmp_path: Path) -> None:
    """What the rule is about, shown with the real rm in a scratch folder."""
    import subprocess

    target = tmp_path / "target"
    (target / "sub").mkdir(parents=True)
    (target / "a.txt").write_text("data\n")
    link = tmp_path / "link"
    link.symlink_to(target)
    subprocess.run(["rm", "-rf", f"{link}/"], check=False, capture_output=True)
    assert link.is_symlink() and target.is_dir()
    assert list(target.iterdir()) == []  # everything in the target is gone


@pytest.mark.parametrize(
    ("command", "verdict", "rule"),
    [
        # `..` after a name that does not exist yet: a link made there first decides where
        # the path leads, so it is known only at run time
        ("rm -rf tmpdir/new/../other", "ask", "FS003"),
        ("find tmpdir/new/../other -delete", "ask", "FS003"),
        ("ln -s ~ tmpdir/new && rm -rf tmpdir/new/../other", "ask", "FS003"),
        # an existing folder before `..`, or no `..` at all: judged as written
        ("rm -rf tmpdir/real/../other", "allow", None),
        ("rm -rf tmpdir/other", "allow", None),
    ],
)
def test_dotdot_after_a_missing_name_is_known_only_at_run_time(
        command: str, verdict: str, rule: str | None, proj: Path) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:  # under the system temp directory
        (Path(scratch) / "real").mkdir()
        check(command.replace("tmpdir", scratch), proj, verdict, rule)


def test_dotdot_is_taken_from_where_a_link_made_first_leads(tmp_path: Path) -> None:
    """Why: the real rm, given `shared/new/../victim` after `new` became a link to a folder
    elsewhere, deletes that folder's sibling, not `shared/victim`."""
    import subprocess

    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "victim").mkdir()
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "inner").mkdir(parents=True)
    (elsewhere / "victim").mkdir()
    (shared / "new").symlink_to(elsewhere / "inner")
    subprocess.run(["rm", "-rf", f"{shared}/new/../victim"], check=True)
    assert (shared / "victim").is_dir() and not (elsewhere / "victim").exists()


def test_a_link_message_names_where_it_leads(links: Path) -> None:
    d = run("rm -rf homelink/", links)
    message = next(f.message for f in d.findings if f.rule_id == "FS001")
    assert "homelink/ → ~" in message and "your home directory" in message
