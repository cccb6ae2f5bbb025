"""More of the filesystem pack and the plainly-safe label, through the real engine.

Each call runs in the real git project of ``tests/conftest.py`` (cwd = project root) with HOME
in a temp dir: what "plainly safe" may cover, ``find -exec`` as a recursive change of its
start point, the project root under a recursive mode change, secure deleters, and calls that
stop the machine or every process (FS022).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from railguard.config import Config
from railguard.engine import evaluate
from railguard.model import Action, Decision


def run(command: str, project: Path, *, allow_safe: bool = False) -> Decision:
    config = Config()
    config.allow_safe = allow_safe
    return evaluate(Action("shell", "Bash", command=command, cwd=str(project),
                           project_dir=str(project)), config)


def fs_ids(d: Decision) -> list[str]:
    return [r for r in d.rule_ids if r.startswith("FS")]


def check(command: str, project: Path, verdict: str, rule: str | None) -> Decision:
    d = run(command, project)
    ids = fs_ids(d)
    if rule is None:
        assert ids == [], f"{command!r}: unexpected {ids} {[f.message for f in d.findings]}"
    else:
        assert rule in ids, f"{command!r}: expected {rule}, got {ids}"
        assert d.verdict.label == verdict, f"{command!r}: {d.verdict.label} {d.findings}"
    return d


# -- plainly safe: only calls that read ----------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        # a name the command defines as a function is not the builtin of that name
        ":(){ :|:& };:",
        "bash -c ':(){ :|:& };:'",
        "bash -c $':\\x28\\x29{ :|:& };:'",
        "eval ':(){ :|:& };:'",
        "echo(){ ls; }; echo hi",
        "function cat { cat README.md; }; cat",
        # read-only programs told to write, run something or change the system
        "find . -fls listing.txt",
        "tree -o listing.txt",
        "tree -ao listing.txt",
        "tree -R -L 2 -H .",
        "yq -i '.a = 1' config.yaml",
        "yq --inplace '.a = 1' config.yaml",
        "yq e -i '.a = 1' config.yaml",
        "date -s '2020-01-01 00:00'",
        "date --set=2020-01-01",
        "date --s 2020-01-01",
        "date 010100002020",
        "date -us 2020-01-01",
        "date $NEW",
        "hostname build-box",
        "hostname -F /etc/hostname",
        "hostname -b",
        "history -w notes.txt",
        "history -a",
        "sort --compress-program=gzip README.md",
        "sort --compress-prog gzip README.md",
        "rg --pre ./decode.sh TODO",
        "less -o copy.txt README.md",
        "less '+!touch x' README.md",
        "man -H ls",
        "file -C -m magic",
    ],
)
def test_not_plainly_safe(command: str, project: Path) -> None:
    d = run(command, project, allow_safe=True)
    assert not d.safe, f"{command!r} is labelled plainly safe"


@pytest.mark.parametrize(
    "command",
    [
        "ls -la", "cat README.md", "grep -rn 'def main()' src", "echo $(date)", "(ls)",
        "date", "date +%s", "date -u +%FT%T", "date -d tomorrow +%F", "date -Iseconds",
        "date --date 'next week'", "hostname", "hostname -f", "hostname --fqdn",
        "history", "history 20", "history -c", "history -d 3", "top -b -n 1",
        "tree -L 2", "tree -a -I node_modules", "yq '.a' config.yaml", "yq -o json '.' x.yaml",
        "sort -u README.md", "rg --pre-glob '*.gz' TODO", "less -N README.md", "man ls",
        "file README.md", "find . -name '*.py'",
    ],
)
def test_plainly_safe(command: str, project: Path) -> None:
    d = run(command, project, allow_safe=True)
    assert d.verdict.label == "allow" and d.safe, f"{command!r}: {d.verdict.label} {d.safe}"


@pytest.mark.parametrize(
    ("command", "how"),
    [
        ("tree -o .git/HEAD", "tree -o"),
        ("tree -L 2 -o .git/HEAD", "tree -o"),
        ("find . -fls .git/HEAD", "find -fls"),
        ("history -w .git/HEAD", "history -w"),
    ],
)
def test_listing_written_over_a_git_file(command: str, how: str, project: Path) -> None:
    d = check(command, project, "deny", "FS017")
    assert any(how in f.message for f in d.findings)


def test_tree_output_outside_git_is_allowed(project: Path) -> None:
    check("tree -o listing.txt", project, "allow", None)
    check("history -a .git/HEAD", project, "allow", None)  # appends, like >>


# -- find -exec, setfacl -R, chattr -R: a recursive change of the start point ---------------


@pytest.mark.parametrize(
    "command",
    [
        "find ~ -type f -exec chmod 000 {} +",
        "find ~ -type d -exec chown nobody {} +",
        "find ~ -mtime +30 -exec chmod 600 {} +",
        "find / -exec chown nobody {} \\;",
        "find ~ -type f -execdir chmod 000 {} +",
        "find ~ -type f -ok chmod 000 {} \\;",
        "find ~ -type f -okdir chgrp nobody {} \\;",
        "find . -name .git -exec chmod -R 700 {} +",
        "setfacl -R -b ~",
        "setfacl -R -m u:guest:0 /",
        "setfacl -Rm u:guest:rwx /etc",
        "setfacl --recursive --set u::rwx,g::-,o::- ~",
        "sudo chattr -R +i ~",
        "chattr -R =a /etc",
    ],
)
def test_recursive_change_of_a_critical_tree(command: str, project: Path) -> None:
    check(command, project, "deny", "FS012")


@pytest.mark.parametrize(
    "command",
    [
        "find ~ -name '*.sh' -exec chmod +x {} +",
        "find . -type f -exec chmod 644 {} +",
        "find src -type f -exec chmod 000 {} +",
        "find /tmp/x -type f -exec chown me {} +",
        "setfacl -m u:guest:r ~/notes.txt",
        "setfacl -R -m u:ci:rwX src",
        "setfacl --restore=acls.txt",
        "chattr +i ~",
        "chattr -R +i src",
        "chattr -R -i ~",
    ],
)
def test_narrow_or_harmless_changes_pass(command: str, project: Path) -> None:
    check(command, project, "allow", None)


def test_find_exec_message_names_the_walk(project: Path) -> None:
    d = check("find ~ -type f -exec chmod 000 {} +", project, "deny", "FS012")
    assert any("find ~ -type f -exec chmod 000" in f.message and "your home directory"
               in f.message for f in d.findings)


# -- the project root: its .git is reached too ----------------------------------------------


@pytest.mark.parametrize(
    "command",
    ["chmod -R 000 .", "chmod -R 777 .", "chmod -R 0 .", "chmod -R a+w *", "chmod -R o+w .",
     "chmod -R u-r .", "chmod -R a= .", "chmod -R o=u .", "chmod -R 1777 ./",
     "find . -exec chmod 777 {} +", "find . -type f -exec chmod 000 {} +",
     "sudo chmod --recursive 000 ."],
)
def test_project_root_locked_or_opened_to_everyone(command: str, project: Path) -> None:
    d = check(command, project, "deny", "FS012")
    assert any("project root" in f.message for f in d.findings)


@pytest.mark.parametrize(
    "command",
    ["chmod -R 755 .", "chmod -R u+w .", "chmod -R g+w *", "chmod -R go-w .",
     "chmod -R u=rwX,go=rX .", "chmod -R a-rwx,u+rwX .", "chmod -R +w .", "chmod -R -x .",
     "chown -R me:me .", "sudo chown -R $USER .", "chgrp -R staff .",
     "chmod -R --reference=README.md .", "chmod -R \"$MODE\" ."],
)
def test_project_root_ordinary_fixes_pass(command: str, project: Path) -> None:
    check(command, project, "allow", None)


def test_project_root_is_still_critical_to_delete_and_git_to_chmod(project: Path) -> None:
    check("rm -rf .", project, "deny", "FS001")
    check("chmod -R u+w .git", project, "deny", "FS012")


# -- secure deleters ------------------------------------------------------------------------


@pytest.fixture
def tree(project: Path) -> Path:
    for rel in ("node_modules/x/index.js", "docs/guide.md"):
        f = project / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("x\n")
    return project


@pytest.mark.parametrize(
    ("command", "verdict", "rule"),
    [
        ("wipe -rf ~", "deny", "FS005"),
        ("srm -r ~", "deny", "FS005"),
        ("srm -rf /", "deny", "FS005"),
        ("sudo wipe -rcf /etc", "deny", "FS005"),
        ("srm ~/.ssh/id_ed25519", "deny", "FS005"),
        ("srm -r .git", "deny", "FS005"),
        ("wipe -kq /dev/sda3", "deny", "FS005"),
        ("srm -rf src", "ask", "FS004"),
        ("srm --recursive docs", "ask", "FS004"),
        ("wipe -R /dev/urandom -rf src", "ask", "FS004"),
        ("srm -r ~/projects/other", "ask", "FS002"),
        ("srm -r \"$DIR\"", "ask", "FS003"),
        ("srm README.md", "ask", "FS006"),
        ("srm -z src/app.py", "ask", "FS006"),
        ("wipe -f README.md", "ask", "FS006"),
        ("srm \"$KEYFILE\"", "ask", "FS006"),
        ("srm *.md", "ask", "FS006"),
        ("echo x > new.txt && srm new.txt", "ask", "FS006"),
        ("shred -u README.md", "ask", "FS006"),
        ("srm -r node_modules", "allow", None),
        ("wipe -rf /tmp/scratch", "allow", None),
        ("srm /tmp/key.pem", "allow", None),
        ("srm -z absent.txt", "allow", None),
        ("srm --help", "allow", None),
        ("srm src", "allow", None),
        ("trash-put README.md", "allow", None),
        ("gio trash src", "allow", None),
        ("trash src", "allow", None),
    ],
)
def test_secure_deleters(command: str, verdict: str, rule: str | None, tree: Path) -> None:
    (Path(os.environ["HOME"]) / "projects" / "other").mkdir(parents=True)
    check(command, tree, verdict, rule)


# -- FS022: the machine, or every process ---------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        "shutdown -h now", "shutdown -r +5", "sudo reboot", "reboot -f", "poweroff", "halt -p",
        "systemctl reboot", "systemctl --force poweroff", "sudo systemctl -i halt",
        "systemctl kexec", "systemctl soft-reboot", "systemctl start reboot.target",
        "systemctl isolate rescue.target", "systemctl -H prod poweroff", "init 0", "init 6",
        "telinit 1", "kill -9 -1", "kill -KILL -1", "kill -s KILL -1", "kill -SIGTERM -1",
        "kill -- -1", "sudo kill -HUP -1", "pkill -u dev", "pkill -KILL -u dev",
        "pkill -9 --euid dev", "pkill -f .", "pkill -v node", "killall -u dev",
        "killall -9 -u dev", "killall -r '.*'", "killall5 -9", "loginctl terminate-user dev",
        "loginctl kill-session 3", "launchctl reboot", "ssh prod sudo reboot",
        "bash -c 'kill -9 -1'",
    ],
)
def test_stopping_the_machine_or_every_process_asks(command: str, project: Path) -> None:
    check(command, project, "ask", "FS022")


@pytest.mark.parametrize(
    "command",
    [
        "kill 1234", "kill -9 4321", "kill %1", "kill -- -4321", "kill -0 -1", "kill -1",
        "kill -l", "pkill -f 'node server.js'", "pkill -u dev node", "pkill -x .",
        "killall node", "killall -u dev node", "shutdown -c", "shutdown -k now",
        "reboot --help", "systemctl status nginx", "systemctl restart nginx",
        "systemctl suspend", "systemctl --help", "init q", "loginctl list-sessions",
        "launchctl list", "echo reboot", "git commit -m 'reboot the box'",
    ],
)
def test_ordinary_process_control_passes(command: str, project: Path) -> None:
    check(command, project, "allow", None)


def test_remote_shutdown_says_so(project: Path) -> None:
    d = check("ssh prod sudo reboot", project, "ask", "FS022")
    assert any("another machine" in f.message for f in d.findings)
