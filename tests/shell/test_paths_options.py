"""Options by meaning and paths by meaning."""

from __future__ import annotations

import pytest

from railguard.model import Word
from railguard.shell import paths as P
from railguard.shell.options import OptSpec, parse

RM = OptSpec({"-r": "recursive", "-R": "recursive", "--recursive": "recursive", "-f": "force",
              "--force": "force"}, {"--interactive": "interactive"})


@pytest.mark.parametrize("spelling", ["-rf", "-fr", "-r -f", "-f -r", "--recursive --force",
                                      "-R -f", "--force --recursive", "-Rf", "--recur --force"])
def test_rm_spellings_mean_the_same(spelling: str) -> None:
    o = parse([Word(w) for w in [*spelling.split(), "x"]], RM)
    assert o.has("recursive") and o.has("force")
    assert [w.text for w in o.positionals] == ["x"]


def test_values_and_double_dash() -> None:
    spec = OptSpec({"-v": "v"}, {"-n": "n", "--name": "name"})
    o = parse([Word(w) for w in ["-n5", "--name=a", "-v", "--", "-v", "file"]], spec)
    assert o.value("n") == "5" and o.value("name") == "a"
    assert [w.text for w in o.positionals] == ["-v", "file"]
    o = parse([Word(w) for w in ["-vn", "7", "x"]], spec)
    assert o.value("n") == "7" and o.has("v")


def test_unknown_options_are_kept() -> None:
    o = parse([Word(w) for w in ["-z", "--weird=1", "--flag"]], RM)
    assert o.has("-z") and o.value("--weird") == "1" and o.has("--flag")


CTX = P.PathContext("/home/u", "/home/u/proj", temp_dirs=("/tmp", "/var/tmp"))


@pytest.mark.parametrize(
    ("path", "cwd", "cls"),
    [
        ("/", None, P.CRITICAL),
        ("/etc", None, P.CRITICAL),
        ("/usr/lib/x", None, P.CRITICAL),
        ("~", None, P.CRITICAL),
        ("/home/u", None, P.CRITICAL),
        ("~/.ssh", None, P.CRITICAL),
        ("~/.ssh/id_rsa", None, P.CRITICAL),
        ("..", "/home/u/proj", P.CRITICAL),
        (".", "/home/u/proj", P.CRITICAL),
        ("*", "/home/u/proj", P.CRITICAL),
        (".git", "/home/u/proj", P.CRITICAL),
        ("/tmp", None, P.CRITICAL),
        ("/tmp/../etc", None, P.CRITICAL),
        ("/*", None, P.CRITICAL),
        ("~/Downloads/x", None, P.OUTSIDE),
        ("/srv/data/x", None, P.OUTSIDE),
        ("src", "/home/u/proj", P.INSIDE),
        ("node_modules", "/home/u/proj", P.DISPOSABLE),
        ("web/node_modules/.cache", "/home/u/proj", P.DISPOSABLE),
        ("__pycache__", "/home/u/proj/src", P.DISPOSABLE),
        ("/tmp/x", None, P.TEMP),
        ("/tmp/*", None, P.OUTSIDE),
            ("/tmp/build-*", None, P.TEMP),
            ("/tmp/pytest-of-*/x", None, P.TEMP),
            ("/tmp/*/x", None, P.OUTSIDE),
            # a glob in the middle: entries below chosen by name
            ("*/__pycache__", "/home/u/proj", P.DISPOSABLE),
            ("**/node_modules", "/home/u/proj", P.DISPOSABLE),
            ("src/*/build", "/home/u/proj", P.DISPOSABLE),
            ("*/src", "/home/u/proj", P.INSIDE),
            ("*/.git", "/home/u/proj", P.CRITICAL),
            (".*/objects", "/home/u/proj", P.CRITICAL),
            ("*/*", "/home/u/proj", P.CRITICAL),
            ("/home/*/src", None, P.CRITICAL),  # below every user's home directory
            ("../*/src", "/home/u/proj", P.OUTSIDE),  # the parent is home: asked about
            ("~/*/old", None, P.OUTSIDE),
            ("~/.*/id_rsa", None, P.CRITICAL),
            ("/*/lib", None, P.CRITICAL),
            ("/home/*/.ssh", None, P.CRITICAL),
        ("x", None, P.UNKNOWN),
        ("*.pyc", "/home/u/proj", P.INSIDE),
    ],
)
def test_classification(path: str, cwd: str | None, cls: str) -> None:
    assert P.classify(path, cwd, CTX) == cls


def test_dynamic_paths_are_unknown() -> None:
    assert P.classify("$X/y", "/home/u/proj", CTX, dynamic=True) == P.UNKNOWN


def test_devices() -> None:
    assert P.is_device("/dev/sda") and P.is_device("/dev/nvme0n1")
    assert not P.is_device("/dev/null") and not P.is_device("/tmp/x")


def test_long_options_by_any_unique_prefix() -> None:
    spec = OptSpec({"--recursive": "recursive", "--force": "force", "--fast": "fast"})
    assert parse([Word("--r")], spec).flags == {"recursive"}
    assert parse([Word("--fo")], spec).flags == {"force"}
    assert parse([Word("--f")], spec).flags == {"--f"}  # ambiguous: the program refuses it
