"""Commands that do not parse: asked about, except one line that bash refuses as a whole.

bash reads a whole line before it runs any of it, so a single line with a quote left open runs
nothing at all. railguard confirms that with the real bash (``bash -n``: read, never execute)
and then does not ask (SH001). Everything else that does not parse is asked about: text of
several lines (the lines before the broken one run), stray operators, an open ``$((`` or ``(``,
and any command when bash cannot be asked.

The verdict tests run the real engine in a real git project with ``HOME`` in a temp dir; the
fallback runs the installed ``railguard check`` with no bash on its ``PATH``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import decide

from railguard.rules.shell import refused_by_shell

RAILGUARD = Path(sys.executable).parent / "railguard"

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")

#: one line, a quote left open: bash refuses all of it
REFUSED = [
    "echo 'unterminated",
    "dd if=/dev/sda of=./x.img 'oops",
    "git restore --help 'unterminated",
    'echo "find . -delete',
    'rg "find . -delete',
    "rm -rf build 'unterminated",
    "ls src; echo 'done",
    "echo $'ansi quote left open",
]

#: does not parse, and bash either says something else or runs part of it
ASKED = [
    "echo $((",
    "ls && && pwd",
    "( cd src",
    "echo )",
    "if [ -d build ]; then rm -rf build",
    "cat <<EOF",
    "echo `date",  # an open command substitution, not a quote
    "echo ${HOME",
    "echo start\nrm -rf build 'unterminated",  # the first line runs
    "ls\necho 'unterminated",
    "ls && && pwd 'open",  # bash's first complaint is the operator
]


@pytest.mark.parametrize("command", REFUSED)
def test_bash_refuses_one_line_with_an_open_quote(command: str) -> None:
    assert refused_by_shell(command)


@pytest.mark.parametrize("command", ASKED)
def test_other_faults_are_not_taken_for_a_refusal(command: str) -> None:
    assert not refused_by_shell(command)


@pytest.mark.parametrize("command", ["", "   ", "echo 'balanced'", "echo 'a\0b"])
def test_nothing_to_confirm(command: str) -> None:
    assert not refused_by_shell(command)


def test_the_syntax_check_executes_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    startup = tmp_path / "env.sh"
    startup.write_text(f"touch {marker}\n")
    env = dict(os.environ, BASH_ENV=str(startup), ENV=str(startup))
    # run in a process of its own so that BASH_ENV is really in the environment it inherits
    code = ("import sys; from railguard.rules.shell import refused_by_shell; "
            "sys.exit(0 if refused_by_shell(sys.argv[1]) else 1)")
    proc = subprocess.run([sys.executable, "-c", code, f"touch {marker}; echo 'open"],
                          env=env, capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert not marker.exists()


@pytest.mark.parametrize("command", REFUSED)
def test_refused_lines_are_not_asked_about(command: str, project: Path) -> None:
    d = decide(command, project)
    assert "SH001" not in d.rule_ids
    assert d.verdict.label == "allow", d.rule_ids


@pytest.mark.parametrize("command", ASKED)
def test_everything_else_that_does_not_parse_asks(command: str, project: Path) -> None:
    d = decide(command, project)
    assert "SH001" in d.rule_ids
    assert d.verdict.label == "ask", d.rule_ids


def test_the_rest_of_a_refused_line_is_still_judged(project: Path) -> None:
    # nothing would run, but what the line names is judged as written
    d = decide("rm -rf / 'open", project)
    assert "SH001" not in d.rule_ids
    assert d.verdict.label == "deny"


def test_a_quote_left_open_in_nested_code_still_asks(project: Path) -> None:
    # the outer line is valid: bash runs it; the inner shell is another matter
    assert decide("bash -c \"echo 'open\"", project).verdict.label == "ask"


def _check(command: str, cwd: Path, path: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PATH=path)
    return subprocess.run([str(RAILGUARD), "check", "--format", "json", "--", command],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def test_the_installed_command_allows_a_refused_line(project: Path) -> None:
    proc = _check("echo 'unterminated", project, os.environ.get("PATH", os.defpath))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout)["decision"] == "allow"


def test_without_bash_the_command_is_asked_about(project: Path, tmp_path: Path) -> None:
    empty = tmp_path / "no-bin"
    empty.mkdir()
    proc = _check("echo 'unterminated", project, str(empty))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    out = json.loads(proc.stdout)
    assert out["decision"] == "ask"
    assert "SH001" in [f["rule"] for f in out["findings"]]
