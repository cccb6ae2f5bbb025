"""railguard's pattern matching against the standard library's, on many generated cases.

``globmatch.fnmatchcase`` must agree with :func:`fnmatch.fnmatchcase`, and ``glob_match`` with
the regular expression its patterns stand for; both run without importing ``re``.
"""

from __future__ import annotations

import fnmatch
import random
import re
import subprocess
import sys

import pytest

from railguard.globmatch import _glob_match_re, fnmatchcase, glob_match

ALPHABET = "ab./-*?[]!"
NAMES = "ab./-[]!"


def _rand(rng: random.Random, chars: str, n: int) -> str:
    return "".join(rng.choice(chars) for _ in range(rng.randint(0, n)))


def test_fnmatchcase_agrees_with_the_standard_library() -> None:
    rng = random.Random(20261207)
    for _ in range(30000):
        pat = _rand(rng, ALPHABET, 8)
        name = _rand(rng, NAMES, 9)
        assert fnmatchcase(name, pat) == fnmatch.fnmatchcase(name, pat), (name, pat)


@pytest.mark.parametrize(("name", "pat"), [
    (".env", ".env*"), (".env.local", ".env.*"), ("id_rsa.pub", "id_rsa*"), ("a.pem", "*.pem"),
    ("server.key", "*.key"), ("x", "[!a]"), ("]", "[]]"), ("-", "[a-]"), ("b", "[c-a]"),
    ("[", "["), ("[x", "[x"), ("ab", "*b*"), ("a/b", "a*b"),
])
def test_fnmatchcase_cases(name: str, pat: str) -> None:
    assert fnmatchcase(name, pat) == fnmatch.fnmatchcase(name, pat)


def _reference(path: str, pattern: str) -> bool:
    """The regular expression railguard used before (``**/``, ``**``, ``*``, ``?``)."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        c = pattern[i]
        out.append("[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c))
        i += 1
    prefix = "" if pattern.startswith("/") else "(?:.*/)?"
    return bool(re.compile(prefix + "".join(out) + r"\Z").match(path))


def test_glob_match_agrees_with_its_regular_expression() -> None:
    rng = random.Random(7)
    for _ in range(20000):
        pat = _rand(rng, "ab/*?.", 9)
        path = _rand(rng, "ab/.", 10)
        assert glob_match(path, pat) == _reference(path, pat), (path, pat)
        assert _glob_match_re(path, pat) == _reference(path, pat), (path, pat)


@pytest.mark.parametrize(("path", "pat", "expected"), [
    ("/home/u/.ssh/id_rsa", "/home/u/.ssh/**", True),
    ("/p/config/prod.key", "/p/config/*.key", True),
    ("/p/config/sub/prod.key", "/p/config/*.key", False),
    ("/p/a/b/c/.env", "**/.env", True),
    ("/p/x.tfstate", "**/*.tfstate", True),
    ("/home/u/.aws/credentials", "/home/u/.aws/credentials", True),
])
def test_glob_match_cases(path: str, pat: str, expected: bool) -> None:
    assert glob_match(path, pat) is expected


def test_long_paths_do_not_recurse_deeply() -> None:
    path = "/" + "/".join(["d"] * 2000) + "/.env"
    assert glob_match(path, "**/.env") and not glob_match(path, "**/.envx")


def test_no_regular_expressions_are_imported() -> None:
    code = ("import sys; from railguard.globmatch import fnmatchcase, glob_match; "
            "fnmatchcase('.env', '.env*'); glob_match('/a/b/.env', '**/.env'); "
            "print('re' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


def test_plain_secret_precheck_agrees_with_the_regular_expression() -> None:
    """The secrets pack's cheap test, in plain Python for short texts, gives what the full
    regular-expression test gives."""
    from railguard.rules import secrets_pack as sp

    rng = random.Random(11)
    chars = "aZ9_/.-= :@\"'\nxY1$"
    samples = [
        "git status", "python3.11 -m pytest tests/test_app.py", "ls src/components/Button.tsx",
        "export TOKEN=ghp_abcdEFGH1234ijklMNOP5678", "curl https://u:pw@host/x",
        "echo password=hunter2", "cat <<EOF\n-----BEGIN RSA PRIVATE KEY-----\nEOF",
        "machine api.example.com login me", "x $6$salt$hash",
    ]
    samples += [_rand(rng, chars, 60) for _ in range(5000)]
    for text in samples:
        expected = sp._full_test(text)
        assert sp.may_hold_secret(text) == expected, text


def test_lazy_re_flags_and_patterns_match_the_real_module() -> None:
    from railguard.lazyre import re as lazy

    for name in ("A", "ASCII", "I", "IGNORECASE", "L", "LOCALE", "M", "MULTILINE", "S",
                 "DOTALL", "U", "UNICODE", "X", "VERBOSE"):
        assert getattr(lazy, name) == int(getattr(re, name)), name
    pat = lazy.compile(r"a.b", lazy.S)
    assert pat.fullmatch("a\nb") is not None and pat.pattern == "a.b"
    assert lazy.escape("a.b") == re.escape("a.b")


def test_modules_on_the_hook_path_do_not_import_re_when_imported() -> None:
    code = ("import sys\n"
            "import railguard.engine, railguard.shell.analyze, railguard.rules.filesystem\n"
            "import railguard.rules.credentials, railguard.rules.git, railguard.rules.publish\n"
            "import railguard.rules.network, railguard.rules.database, railguard.policy\n"
            "import railguard.rules.secrets_pack, railguard.rules.self_protection\n"
            "import railguard.rules.tfstate, railguard.terraform.state, railguard.mcp\n"
            "print('re' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


def test_railguards_own_program_is_found_without_shutil() -> None:
    """Where railguard's scripts are is looked up on $PATH as ``shutil.which`` does, without
    importing shutil (with bz2, lzma and fnmatch) into the hook."""
    code = ("import sys, shutil as _s; del sys.modules['shutil']\n"
            "from railguard.rules import self_protection as sp\n"
            "import os\n"
            "print(sp._which('git') == _s.which('git'), sp._which('no-such-program-x') is None)\n"
            "before = set(sys.modules); sp._program_places()\n"
            "print('shutil' in set(sys.modules) - before)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["True", "True", "False"]
