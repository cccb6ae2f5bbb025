"""Spellings found by red-teaming the shell analysis: each row once let a destructive command
through (or would have). Every case is judged by the engine in a real git project with
``HOME`` in a temp dir; ordinary look-alikes stay allowed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import decide

from railguard.shell.analyze import Analyzer, brace_expand
from railguard.shell.paths import PathContext

HOME = "/home/u"
PROJECT = "/home/u/proj"


def argvs(command: str) -> list[list[str]]:
    an = Analyzer(PathContext(HOME, PROJECT, temp_dirs=("/tmp", "/var/tmp")))
    return [inv.texts for inv in an.run(command, PROJECT).invocations]


@pytest.mark.parametrize(
    ("command", "verdict", "rule"),
    [
        # a pipeline's redirect is the last stage's: what it writes is known to be unknown
        ("echo cm0gLXJmIH4= | base64 -d > /tmp/a.sh; sh /tmp/a.sh", "ask", "SH004"),
        ("echo 'rm -rf ~' | cat > /tmp/a.sh; sh /tmp/a.sh", "deny", "FS001"),
        ("ls | grep x > out.txt", "allow", None),
        # a glob as the program name is expanded before the name is looked up
        ("/bin/r[m] -rf ~", "deny", "FS001"),
        ("sudo /bin/r? -rf ~", "deny", "FS001"),
        ("/???/r? -rf ~", "deny", None),
        ("/usr/bin/r* -rf ~", "deny", None),
        ("[ -f x ] && echo y", "allow", None),
        # brace expansion makes words before anything else
        ("r{m,} -rf ~", "deny", "FS001"),
        ("git reset --{hard,}", "deny", "GIT001"),
        ("git push --{force,} origin main", "deny", None),
        ("rm -rf {,~}", "deny", "FS001"),
        ("mkdir -p src/{a,b}/c", "allow", None),
        ("cp app.py{,.bak}", "allow", None),
        ("for i in {1..3}; do echo $i; done", "allow", None),
        ("echo '{a,b}' \"{x,y}\"", "allow", None),
        # coproc NAME COMPOUND: the grammar does not know it
        ("coproc x { rm -rf ~; }", "deny", "FS001"),
        ("coproc ( rm -rf ~ )", "deny", "FS001"),
        ("coproc x while true; do rm -rf ~; done", "deny", "FS001"),
        ("coproc x { sleep 1; }", "allow", None),
        # chroot runs its command
        ("chroot / rm -rf /home", "deny", "FS001"),
        ("chroot --userspec=u / rm -rf ~", "deny", "FS001"),
        ("chroot /srv/jail ls", "allow", None),
    ],
)
def test_verdicts(command: str, verdict: str, rule: str | None, project: Path) -> None:
    d = decide(command, project)
    assert d.verdict.label == verdict, (d.verdict.label, d.rule_ids)
    if rule is not None:
        assert rule in d.rule_ids, d.rule_ids


def test_brace_expansion_as_bash_does_it() -> None:
    assert brace_expand("r{m,}") == ["rm", "r"]
    assert brace_expand("{1..3}{a,b}") == ["1a", "1b", "2a", "2b", "3a", "3b"]
    assert brace_expand("{a,{b,c}d}") == ["a", "bd", "cd"]
    assert brace_expand("{05..10..3}") == ["05", "08"]
    assert brace_expand("{z..x}") == ["z", "y", "x"]
    assert brace_expand("{a,$(echo b,c)}") == ["a", "$(echo b,c)"]
    assert brace_expand("{a{b,c}") == ["{ab", "{ac"]
    for literal in ("'{a,b}'", '"{a,b}"', "\\{a,b\\}", "{}", "{x}y", "${x:-{a,b}}", "{a,b"):
        assert brace_expand(literal) is None, literal


def test_brace_forms_are_words() -> None:
    assert argvs("rm -rf ~{,}") == [["rm", "-rf", HOME, HOME]]
    assert argvs("echo {,\"\"}x {\"\",}") == [["echo", "x", "x", ""]]
    assert argvs("r{m,} -rf /x") == [["rm", "r", "-rf", "/x"]]
