"""What a command reads, by ``shell.effects.read_targets``: zip's command line read as zip reads it.

``-x``/``-i`` take a list of patterns (matched against the names stored in the archive, not
files zip opens) up to the next option, a bare ``@`` or the end; ``-x@FILE`` names a file of
patterns, which zip does read. Where the claim is about zip itself, the real zip is run in a
temp folder (skipped when it is missing).
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from railguard.shell.analyze import Analyzer
from railguard.shell.effects import read_targets
from railguard.shell.paths import PathContext


def reads(command: str, cwd: Path) -> list[str]:
    """The words the one invocation of ``command`` reads."""
    analysis = Analyzer(PathContext(str(cwd), str(cwd))).run(command, str(cwd))
    (inv,) = [i for i in analysis.invocations if i.name == command.split()[0]]
    return [w.text for w in read_targets(inv)]


#: (zip command line, the files it reads)
ZIP_READS = [
    ("zip -r out.zip . -x .env", ["."]),
    ("zip -r out.zip . -x .env 'config/*' key.pem", ["."]),
    ("zip -r out.zip src -x .env docs", ["src"]),  # the list runs to the end
    ("zip -r out.zip . --exclude .env -q", ["."]),  # ... or to the next option
    ("zip -r out.zip . --exclude=.env docs", [".", "docs"]),  # joined: one pattern
    ("zip -r out.zip . -x.env docs", [".", "docs"]),
    ("zip -r out.zip . -x=.env docs", [".", "docs"]),
    ("zip -x .env @ out.zip src", ["src"]),  # a bare @ ends the list
    ("zip -qrx .env @ out.zip src", ["src"]),  # a cluster ending in -x starts one
    ("zip -r out.zip . -i 'src/*' docs", ["."]),
    ("zip -r out.zip . -x@skip.lst", [".", "skip.lst"]),  # a file of patterns is read
    ("zip -r out.zip . --exclude @skip.lst", [".", "skip.lst"]),
    ("zip -r out.zip . -x .env -- -notes.txt", [".", "-notes.txt"]),
    ("zip -b /tmp out.zip src", ["src"]),  # an option's value is not the archive
    ("zip out.zip -TT 'unzip -tqq' src", ["src"]),
    ("zip out.zip src < names.txt", ["names.txt", "src"]),
    ("7z a out.7z src", ["out.7z", "src"]),  # 7z's first operand is its command
]


@pytest.mark.parametrize(("command", "expected"), ZIP_READS)
def test_zip_reads_its_paths_not_its_patterns(command: str, expected: list[str],
                                              tmp_path: Path) -> None:
    assert sorted(reads(command, tmp_path)) == sorted(expected)


@pytest.mark.skipif(shutil.which("zip") is None, reason="zip is not installed")
@pytest.mark.parametrize("command", [c for c, _ in ZIP_READS
                                     if c.startswith("zip ") and "<" not in c])
def test_the_real_zip_stores_what_is_read_and_never_a_pattern(command: str,
                                                              tmp_path: Path) -> None:
    """Run where every word of the command names a file: each file zip stores lies below a
    path read, and each path read (but the pattern list) is stored."""
    for rel in (".env", "docs", "key.pem", "src/app.py", "config/app.ini", "-notes.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel + "\n")
    (tmp_path / "skip.lst").write_text(".env\n")
    subprocess.run(["bash", "-c", command], cwd=tmp_path, check=True, capture_output=True)
    with zipfile.ZipFile(tmp_path / "out.zip") as zf:
        stored = [n.rstrip("/") for n in zf.namelist()]
    read = reads(command, tmp_path)
    assert ".env" not in stored
    for name in stored:
        assert any(r == "." or name == r or name.startswith(r + "/") for r in read), name
    for r in read:
        if r not in (".", "skip.lst"):
            assert any(n == r or n.startswith(r + "/") for n in stored), (r, stored)
