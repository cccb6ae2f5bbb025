"""FS023: a local database file deleted or emptied, through the real engine.

The databases are real SQLite files written by Python's sqlite3 module in the test's git
project (HOME in a temp dir); git is asked, for real, whether a committed copy gives the file
back.
"""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from railguard.config import Config
from railguard.engine import evaluate
from railguard.model import Action, Decision, Verdict


def run(command: str, project: Path) -> Decision:
    return evaluate(Action("shell", "Bash", command=command, cwd=str(project),
                           project_dir=str(project)), Config())


def make_db(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT INTO users (name) VALUES ('ada')")
    db.close()


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@t",
                    *args], check=True, capture_output=True)


@pytest.fixture
def proj(project: Path) -> Path:
    make_db(project / "app.db")
    make_db(project / "data" / "dev.sqlite3")
    (project / "cache.db").write_text("not sqlite, but named as a database\n")
    (project / "empty.db").write_bytes(b"")
    (project / "blob.bin").write_bytes(b"\x00\x01binary")
    return project


LOSSES = [
    "rm app.db", "rm -f app.db", "rm -rf app.db", "unlink app.db", "rm data/dev.sqlite3",
    "rm data/*.sqlite3", "rm *.db", ": > app.db", "> app.db", "echo > app.db",
    "cp /dev/null app.db", "truncate -s 0 app.db", "truncate -s -100 app.db",
    "mv data/dev.sqlite3 app.db", "cp data/dev.sqlite3 app.db",
    "sqlite3 app.db .dump > app.db", "rm cache.db", "cd data && rm dev.sqlite3",
    "find . -maxdepth 1 -name app.db -delete",
]


@pytest.mark.parametrize("command", LOSSES)
def test_database_file_deleted_or_emptied_asks(proj: Path, command: str) -> None:
    d = run(command, proj)
    assert "FS023" in d.rule_ids, (command, d.findings)
    assert d.verdict >= Verdict.ASK


@pytest.mark.parametrize("command", [
    "rm empty.db", "rm blob.bin", "rm -f missing.db", "cp app.db app.db.bak",
    "sqlite3 app.db .dump > app.sql", "sqlite3 app.db .tables", "ls -la *.db",
    "truncate -s +1M app.db", "cat app.db > /dev/null", "cp app.db /tmp/app-copy.db",
    "rm src/app.py",
])
def test_calls_that_keep_the_data_pass(proj: Path, command: str) -> None:
    d = run(command, proj)
    assert "FS023" not in d.rule_ids, (command, d.findings)


def test_a_database_committed_as_is_comes_back_from_git(proj: Path) -> None:
    git(proj, "add", "app.db")
    git(proj, "commit", "-qm", "fixture database")
    assert "FS023" not in run("rm app.db", proj).rule_ids
    # once it changes, the committed copy no longer holds what it holds
    with sqlite3.connect(proj / "app.db") as db:
        db.execute("INSERT INTO users (name) VALUES ('grace')")
    db.close()
    assert "FS023" in run("rm app.db", proj).rule_ids


def test_database_outside_the_project(proj: Path, home: Path, tmp_path: Path) -> None:
    make_db(home / "notes" / "notes.db")
    d = run("rm ~/notes/notes.db", proj)
    assert "FS023" in d.rule_ids and d.verdict == Verdict.ASK
    # a temp directory's files are scratch
    make_db(tmp_path / "scratch.db")
    assert "FS023" not in run(f"rm {tmp_path}/scratch.db", proj).rule_ids


def test_message_names_the_file(proj: Path) -> None:
    d = run("rm data/dev.sqlite3", proj)
    msg = next(f.message for f in d.findings if f.rule_id == "FS023")
    assert "data/dev.sqlite3" in msg and "database" in msg


def test_header_recognises_real_sqlite_files(proj: Path) -> None:
    from railguard.rules.filesystem import _database_header

    assert _database_header(str(proj / "app.db")) is True
    assert _database_header(str(proj / "cache.db")) is False
    assert _database_header(str(proj / "no-such-file")) is None
