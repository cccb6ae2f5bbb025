"""Ordinary calls on a project's ``.env`` that print no secret value: counting and testing
(``grep -c``), key names only (``cut -d= -f1``), a variable's length, a copy that never
overwrites, and development-only credentials written into a file. Each is checked both ways:
the ordinary call passes, the nearest call that does print a value is still refused.

Every case runs through the real engine in a real git project with ``.env`` gitignored.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from railguard.config import Config
from railguard.engine import evaluate
from railguard.model import Action, Decision

ENV = "OPENAI_API_KEY=sk-proj-5f1b9c7e2d\nSTRIPE_KEY=\"rk_live_8d7c6b\"\n# test keys\n"


@pytest.fixture
def proj(project: Path, home: Path) -> Path:
    (project / ".env").write_text(ENV)
    (project / ".env.example").write_text("OPENAI_API_KEY=\nSTRIPE_KEY=\n")
    with (project / ".gitignore").open("a") as fh:
        fh.write(".env\n")
    return project


def decide(command: str, cwd: Path) -> Decision:
    return evaluate(Action("shell", "Bash", command=command, cwd=str(cwd),
                           project_dir=str(cwd)), Config())


def cred(command: str, cwd: Path) -> list[str]:
    return [i for i in decide(command, cwd).rule_ids if i.startswith("CRED")]


@pytest.mark.parametrize("command", [
    "grep -c STRIPE_KEY .env", "grep -c . .env", "grep -q KEY .env && echo present",
    "grep -l KEY .env", "grep -L KEY .env", "grep --count KEY .env",
    "grep --files-with-matches KEY .env", "grep --files-without-match KEY .env",
    "grep -co KEY .env", "grep -vc KEY .env", "grep -v -c KEY .env", "rg -c KEY .env",
])
def test_grep_printing_counts_or_names_passes(proj: Path, command: str) -> None:
    assert cred(command, proj) == []


@pytest.mark.parametrize("command", [
    "grep KEY .env", "grep -o 'sk-[a-z0-9-]*' .env", "grep -v '^#' .env", "grep -n KEY .env",
    "rg KEY .env", "grep -c KEY .env; grep KEY .env",
])
def test_grep_printing_lines_is_denied(proj: Path, command: str) -> None:
    assert "CRED001" in cred(command, proj)


def test_grep_count_prints_no_line(proj: Path) -> None:
    """What the passing shapes print, by running grep itself on the file."""
    for args in (["-c", "KEY"], ["-co", "KEY"], ["-vc", "KEY"], ["-l", "KEY"], ["-L", "NOPE"]):
        out = subprocess.run(["grep", *args, ".env"], cwd=proj, capture_output=True,
                             text=True).stdout
        assert "sk-proj" not in out and "rk_live" not in out


KEY_NAMES = [
    "cut -d= -f1 .env", "cut -d '=' -f 1 .env", "cut --delimiter== --fields=1 .env",
    "awk -F= '{print $1}' .env", "awk -F '=' '{print $1}' .env", "awk -F\"=\" '{print $1}' .env",
    "sed 's/=.*/=/' .env > .env.example", "sed 's/=.*//' .env", "sed 's|=.*||' .env",
    "sed -e 's/=.*$//' .env",
    "diff <(cut -d= -f1 .env.example | sort) <(cut -d= -f1 .env | sort)",
]


@pytest.mark.parametrize("command", KEY_NAMES)
def test_key_names_only_passes(proj: Path, command: str) -> None:
    assert cred(command, proj) == []


@pytest.mark.parametrize("command", [
    "cut -d= -f2 .env", "cut -d= -f1- .env", "cut -d= -f1 --complement .env", "cut -c1-40 .env",
    "awk -F= '{print $2}' .env", "awk -F= '{print}' .env", "awk -F: '{print $1}' .env",
    "awk -F= '{print $1}' FS=: .env", "sed 's/x/y/' .env", "sed 's/=.*//;p' .env",
    "sed -n 's/=.*//p;l' .env", "sed 's/^.*=//' .env", "cat .env",
])
def test_other_filters_reading_env_are_denied(proj: Path, command: str) -> None:
    assert "CRED001" in cred(command, proj)


@pytest.mark.parametrize("body", [
    "PRIVATE_KEY=\"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC==\n"
    "-----END PRIVATE KEY-----\"\n",
    "OPENAI_API_KEY=x\nsk-proj-pasted0without0a0name0abc\n",
    "# sk-proj-an0old0key0kept0in0a0comment0abc\n",
])
def test_key_names_of_a_file_with_bare_lines_is_denied(proj: Path, body: str) -> None:
    """A line without ``=`` goes through the filter whole: the rest of a multi-line value, a
    pasted token."""
    (proj / ".env").write_text(body)
    for command in ("cut -d= -f1 .env", "awk -F= '{print $1}' .env", "sed 's/=.*//' .env"):
        assert "CRED001" in cred(command, proj), command


def test_key_names_print_no_value(proj: Path) -> None:
    for argv in (["cut", "-d=", "-f1", ".env"], ["awk", "-F=", "{print $1}", ".env"],
                 ["sed", "s/=.*//", ".env"]):
        out = subprocess.run(argv, cwd=proj, capture_output=True, text=True, check=True).stdout
        assert "sk-proj" not in out and "rk_live" not in out and "STRIPE_KEY" in out


@pytest.mark.parametrize("command", [
    "echo ${#OPENAI_API_KEY}", "echo \"$OPENAI_API_KEY\" | wc -c",
    "printf %s \"$STRIPE_KEY\" | sha256sum", "echo \"$OPENAI_API_KEY\" | wc -c | cat",
])
def test_length_or_digest_of_a_secret_variable_passes(proj: Path, command: str) -> None:
    assert cred(command, proj) == []


@pytest.mark.parametrize("command", [
    "echo $OPENAI_API_KEY", "echo ${OPENAI_API_KEY}", "echo ${#OPENAI_API_KEY[0]}",
    "echo \"$OPENAI_API_KEY\" | cat", "echo \"$OPENAI_API_KEY\" | sha256sum -c",
    "echo \"$OPENAI_API_KEY\" | wc --files0-from=-",
])
def test_secret_variable_printed_is_denied(proj: Path, command: str) -> None:
    assert "CRED003" in cred(command, proj)


@pytest.mark.parametrize("command", [
    "cp -n .env.example .env", "cp --no-clobber .env.example .env",
    "cp --update=none .env.example .env", "cp -nf .env.example .env",
])
def test_copy_that_never_overwrites_passes(proj: Path, command: str) -> None:
    assert cred(command, proj) == []


@pytest.mark.parametrize("command", [
    "cp .env.example .env", "cp -n -i .env.example .env", "cp -u .env.example .env",
    "cp -n --remove-destination .env.example .env", "cp -f .env.example .env",
])
def test_copy_over_env_is_denied(proj: Path, command: str) -> None:
    assert "CRED006" in cred(command, proj)


GUARDED_COPIES = [
    "[ -f .env ] || cp .env.example .env", "test -f .env || cp .env.example .env",
    "[[ -e .env ]] || cp .env.example .env", "[ ! -f .env ] && cp .env.example .env",
    "test ! -e .env && cp .env.example .env", "[ -s .env ] || cp .env.example .env",
    "if [ ! -f .env ]; then cp .env.example .env; fi",
    "if [ -f .env ]; then echo kept; else cp .env.example .env; fi",
    "if ! test -f .env; then cp .env.example .env; fi",
    "[ -f .env ] || { echo creating; cp .env.example .env; }",
    "[ -f \"$PWD/.env\" ] || cp .env.example .env",
]


@pytest.mark.parametrize("command", GUARDED_COPIES)
def test_copy_guarded_by_an_existence_test_passes(proj: Path, command: str) -> None:
    """The copy runs only when .env is missing: nothing is replaced."""
    assert cred(command, proj) == []


@pytest.mark.parametrize("command", GUARDED_COPIES)
def test_guarded_copy_keeps_env_when_run(proj: Path, command: str) -> None:
    """What the shell does with each guard, run for real in the test's project."""
    subprocess.run(["bash", "-c", command], cwd=proj, check=False, capture_output=True)
    assert (proj / ".env").read_text() == ENV


@pytest.mark.parametrize("command", [
    "[ -f .env ] && cp .env.example .env", "[ -d .env ] || cp .env.example .env",
    "[ -f .env.local ] || cp .env.example .env", "[ -r .env ] || cp .env.example .env",
    "[ -f .env ] || cp .env.example .env && cp .env.example .env",
    "if [ -f .env ]; then cp .env.example .env; fi",
    "if [ ! -f .env ]; then :; else cp .env.example .env; fi",
    "cd src && [ -f ../.env ] || cp ../.env.example ../.env",
    "[ -f \"$F\" ] || cp .env.example .env", "[ -f .env ]; cp .env.example .env",
])
def test_copy_not_guarded_by_the_file_missing_is_denied(proj: Path, command: str) -> None:
    (proj / "src").mkdir(exist_ok=True)
    assert "CRED006" in cred(command, proj)


def test_guarded_copy_onto_a_dangling_link_is_denied(proj: Path, home: Path) -> None:
    """``[ -f .env ]`` is false for a link that leads nowhere, and the copy then writes where
    it leads."""
    (proj / ".env").unlink()
    (proj / ".env").symlink_to(home / ".ssh" / "authorized_keys")
    assert "CRED006" in cred("[ -f .env ] || cp .env.example .env", proj)


@pytest.mark.parametrize("command", [
    "cat .env | cut -d= -f1", "cat .env | awk -F= '{print $1}'", "cat .env | sed 's/=.*//'",
    "cat .env 2>/dev/null | cut -d= -f1 | sort", "{ cat .env; } | cut -d= -f1",
])
def test_cat_piped_into_a_key_names_filter_passes(proj: Path, command: str) -> None:
    assert cred(command, proj) == []


@pytest.mark.parametrize("command", [
    "cat .env | cut -d= -f2", "cat -v .env | cut -d= -f1", "cat .env | tee x | cut -d= -f1",
    "cat .env | grep KEY", "cat .env > copy.txt | cut -d= -f1", "cat .env | cut -d= -f1- ",
])
def test_cat_piped_elsewhere_is_denied(proj: Path, command: str) -> None:
    assert "CRED001" in cred(command, proj)


def test_cat_piped_into_key_names_of_a_file_with_bare_lines_is_denied(proj: Path) -> None:
    (proj / ".env").write_text("OPENAI_API_KEY=x\nsk-proj-pasted0without0a0name0abc\n")
    assert "CRED001" in cred("cat .env | cut -d= -f1", proj)


def test_no_clobber_copy_does_not_replace_env(proj: Path) -> None:
    subprocess.run(["cp", "-n", ".env.example", ".env"], cwd=proj, check=False)
    assert (proj / ".env").read_text() == ENV


def test_no_clobber_copy_may_still_plant_a_missing_key(proj: Path, home: Path) -> None:
    """``-n`` keeps an existing file; a missing one outside the project is created."""
    assert "CRED006" in cred("cp -n notes.txt ~/.ssh/id_rsa", proj)


# --- development-only credentials written into a file ---------------------------------------

DJANGO = "django-insecure-" + "7h#k2^m9x!q@p4z" + "*w8v&r3t+y6u(e0o)i1s5d-a0b9c8d7e6"
PASSWORD = "Xq83hd" + "Kq0z1mW"


def write(proj: Path, content: str) -> list[str]:
    return [i for i in evaluate(Action("write", "Write", path=str(proj / "settings.py"),
                                       content=content, cwd=str(proj),
                                       project_dir=str(proj)), Config()).rule_ids
            if i.startswith("SEC")]


@pytest.mark.parametrize("content", [
    f'SECRET_KEY = "{DJANGO}"\n',
    "DATABASE_URL=postgres://app:app_password@localhost/app_test\n",
    f"DATABASE_URL=postgres://app:{PASSWORD}@127.0.0.1:5432/app\n",
    f"DATABASE_URL='postgres://app:{PASSWORD}@[::1]:5432/app'\n",
    f"REDIS_URL=redis://:{PASSWORD}@0.0.0.0:6379/0\n",
    f"url = 'mysql://root:{PASSWORD}@localhost'\n",
])
def test_development_only_credentials_pass(proj: Path, content: str) -> None:
    assert write(proj, content) == []


@pytest.mark.parametrize("content", [
    f"DATABASE_URL=postgres://app:{PASSWORD}@db:5432/app\n",
    f"DATABASE_URL=postgres://app:{PASSWORD}@postgres/app\n",
    f"DATABASE_URL=postgres://app:{PASSWORD}@localhost.acme.io/app\n",
    f"DATABASE_URL=postgres://app:{PASSWORD}@db.acme.io/app\n",
    f"A=postgres://app:{PASSWORD}@localhost/x\nB=postgres://app:{PASSWORD}@prod.acme.io/x\n",
    'SECRET_KEY = "Qm9vT3xR8pLk2ZsW' + '7nYc4VbF"\n',
    'GITHUB_TOKEN = "ghp_' + "k8Qz2LmN4pR7sT1vW3xY" + "5aB9cD0eF6gH2jK4" + '"\n',
])
def test_other_credentials_are_denied(proj: Path, content: str) -> None:
    assert "SEC900" in write(proj, content)


def test_the_scanner_still_reports_development_credentials() -> None:
    """``railguard scan`` and the git hooks keep reporting them: only the hook lets them be
    written."""
    from railguard.secrets import scan_text

    assert scan_text(f'SECRET_KEY = "{DJANGO}"\n', engine="python")
    assert scan_text(f"postgres://app:{PASSWORD}@localhost/app\n", engine="python")
