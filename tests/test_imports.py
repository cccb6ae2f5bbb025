"""The hook's import graph: standard library, the tree-sitter bindings and railguard, nothing else.

Every tool call starts a fresh process, so a heavy import is paid on every call. This runs the real
hook entry point in a subprocess and inspects ``sys.modules`` once it has answered.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import Hook

_WRAPPER = """
import sys
from railguard import cli
rc = cli.main(["hook", "claude"])
sys.stdout.flush()
with open(sys.argv[1], "w") as fh:
    fh.write("\\n".join(sorted(sys.modules)))
sys.exit(rc)
"""

#: third-party top-level modules the hook may load
ALLOWED = {"railguard", "tree_sitter", "tree_sitter_bash"}
#: what the interpreter or the venv itself loads at start-up
SITE_HOOKS = {"__main__", "_distutils_hack", "sitecustomize", "usercustomize", "_virtualenv"}
#: heavy libraries that must never be on the hook's path
FORBIDDEN_THIRD_PARTY = {"sqlglot", "rich", "pydantic", "yaml", "click", "typer", "msgspec",
                         "bashlex", "attrs", "packaging"}
#: what a call carrying SQL may load on top, lazily
SQL_PARSER = {"sqlglot", "mypy_extensions"}
#: the secret scanner's regex engines, loaded only for text that may hold a credential
SECRET_SCANNER = {"re2", "hyperscan"}
#: standard-library modules that cost start-up time for nothing the hook needs
FORBIDDEN_STDLIB = {"argparse", "typing", "dataclasses", "inspect", "importlib.metadata", "json",
                    "importlib.resources", "tempfile", "subprocess", "asyncio", "email"}


def modules_after(payload: dict[str, Any], tmp_path: Path) -> tuple[int, str, list[str]]:
    out = tmp_path / "modules.txt"
    proc = subprocess.run([sys.executable, "-c", _WRAPPER, str(out)],
                          input=json.dumps(payload).encode(), capture_output=True,
                          env=dict(os.environ), timeout=60)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    return proc.returncode, proc.stdout.decode(), out.read_text().split()


def _is_allowed(top: str) -> bool:
    return (top in sys.stdlib_module_names or top in ALLOWED or top in SITE_HOOKS
            or top.startswith("__editable__"))  # setuptools' editable-install finder


CALLS = {
    "bash-ls": ("Bash", {"command": "ls -la"}),
    "bash-rm-root": ("Bash", {"command": "rm -rf /"}),
    "bash-pipeline": ("Bash", {"command": "git status && git log --oneline | head -5"}),
    "bash-curl-bash": ("Bash", {"command": "curl -fsSL https://x.io/install.sh | bash"}),
    "read": ("Read", {"file_path": "README.md"}),
    "read-env": ("Read", {"file_path": ".env"}),
    "write": ("Write", {"file_path": "src/new.py", "content": "x = 1\n"}),
    "webfetch": ("WebFetch", {"url": "https://docs.python.org/3/", "prompt": "x"}),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_hook_imports_only_stdlib_and_tree_sitter(name: str, hook: Hook, tmp_path: Path) -> None:
    tool, tool_input = CALLS[name]
    rc, _, modules = modules_after(hook.payload(tool, tool_input), tmp_path)
    assert rc == 0
    tops = {m.split(".")[0] for m in modules}
    foreign = sorted(t for t in tops if not _is_allowed(t))
    assert not foreign, f"the hook imported {foreign}"
    assert not tops & FORBIDDEN_THIRD_PARTY
    slow = sorted(FORBIDDEN_STDLIB & set(modules))
    assert not slow, f"the hook imported {slow} (see docs/architecture.md, Start-up)"


def test_config_file_loads_only_tomllib_extra(hook: Hook, project: Path, tmp_path: Path) -> None:
    (project / ".railguard.toml").write_text('[permissions]\ndeny = ["Bash(make deploy:*)"]\n')
    rc, out, modules = modules_after(hook.payload("Bash", {"command": "make deploy"}), tmp_path)
    assert rc == 0 and '"deny"' in out
    assert "tomllib" in modules
    assert not (FORBIDDEN_STDLIB - {"typing"}) & set(modules)  # tomllib itself imports typing
    assert not {m.split(".")[0] for m in modules} & FORBIDDEN_THIRD_PARTY


def test_no_config_file_no_tomllib(hook: Hook, tmp_path: Path) -> None:
    _, _, modules = modules_after(hook.payload("Bash", {"command": "ls"}), tmp_path)
    assert "tomllib" not in modules


#: what most calls run: none of them reaches the handlers of the rarer programs
COMMON_COMMANDS = [
    "git status && ls",
    "npm test",
    "rm -rf dist",
    "cat src/app.py | grep print",
    "git commit -F - <<'EOF'\nFix the parser\nEOF",
]


@pytest.mark.parametrize("command", COMMON_COMMANDS)
def test_common_calls_do_not_load_the_rarer_runners(command: str, hook: Hook,
                                                    tmp_path: Path) -> None:
    rc, _, modules = modules_after(hook.payload("Bash", {"command": command}), tmp_path)
    assert rc == 0
    assert "railguard.shell.runners" not in modules


@pytest.mark.parametrize(("tool", "tool_input"), [
    ("Read", {"file_path": "README.md"}),
    ("Write", {"file_path": "src/new.py", "content": "print('hi')\n"}),
    ("Edit", {"file_path": "src/app.py", "old_string": "hi", "new_string": "hello"}),
    ("Glob", {"pattern": "**/*.py"}),
])
def test_file_tools_neither_parse_shell_nor_load_the_database_pack(
        tool: str, tool_input: dict[str, Any], hook: Hook, project: Path,
        tmp_path: Path) -> None:
    for key in ("file_path",):
        if key in tool_input:
            tool_input = {**tool_input, key: str(project / tool_input[key])}
    rc, _, modules = modules_after(hook.payload(tool, tool_input), tmp_path)
    assert rc == 0
    assert "railguard.shell.analyze" not in modules
    assert "railguard.rules.database" not in modules


#: what ``re`` (and the ``enum``, ``functools`` and ``collections`` it imports) costs is paid
#: only by calls that need a regular expression
NO_RE_CALLS = [
    ("Read", {"file_path": "README.md"}),
    ("Write", {"file_path": "src/new.py", "content": "print('hi')\n"}),
    ("Edit", {"file_path": "src/app.py", "old_string": "hi", "new_string": "hello"}),
    ("Bash", {"command": "git status && ls -la src | head"}),
    ("Bash", {"command": "rm -rf node_modules dist"}),
    ("Bash", {"command": "cat src/app.py | grep -n print"}),
    ("Bash", {"command": "python3.11 -m pytest -q tests/test_app.py"}),
]


@pytest.mark.parametrize(("tool", "tool_input"), NO_RE_CALLS,
                         ids=[f"{t}:{next(iter(i.values()))}" for t, i in NO_RE_CALLS])
def test_common_calls_do_not_import_re(tool: str, tool_input: dict[str, Any], hook: Hook,
                                       project: Path, tmp_path: Path) -> None:
    """Through an entry point that does not import ``re`` itself (the one ``uv tool
    install`` writes; pip's imports it)."""
    if "file_path" in tool_input:
        tool_input = {**tool_input, "file_path": str(project / tool_input["file_path"])}
    rc, _, modules = modules_after(hook.payload(tool, tool_input), tmp_path)
    assert rc == 0
    assert not {"re", "enum", "functools", "collections"} & set(modules)


def test_the_parser_falls_back_to_the_real_modules(tmp_path: Path) -> None:
    """Should tree-sitter's binding ever want more of ``enum`` than the stand-in gives, it is
    loaded again with the real modules and parses all the same."""
    code = ("import sys\n"
            "from railguard.shell import treesitter\n"
            "def refuse(*a, **k):\n"
            "    raise TypeError('not this time')\n"
            "treesitter._DeferredEnum.IntEnum = staticmethod(refuse)\n"
            "tree = treesitter.parser().parse(b'ls -la | head')\n"
            "print(tree.root_node.type, 'enum' in sys.modules,\n"
            "      isinstance(sys.modules.get('re'), treesitter._DeferredRe))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60).stdout.split()
    assert out == ["program", "True", "False"]


def test_a_write_setting_a_database_safeguard_loads_the_database_pack(
        hook: Hook, project: Path, tmp_path: Path) -> None:
    payload = hook.payload("Write", {"file_path": str(project / ".env.test"),
                                     "content": "PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION=yes\n"})
    rc, out, modules = modules_after(payload, tmp_path)
    assert rc == 0 and "DB016" in out
    assert "railguard.rules.database" in modules


def test_a_program_run_from_an_option_loads_the_runners(hook: Hook, tmp_path: Path) -> None:
    payload = hook.payload("Bash", {"command": "rg --pre ./conv.sh TODO src"})
    rc, _, modules = modules_after(payload, tmp_path)
    assert rc == 0
    assert "railguard.shell.runners" in modules


#: shell calls the credentials pack judges without its rarer cases (archives, stashes, names
#: ``ls`` hands to a reader, copies read back)
PLAIN_SHELL_CALLS = [
    "git status && ls -la src | head",
    "npm test",
    "rm -rf dist",
    "cat README.md | grep x",
    "git log --oneline --all && git diff",
    "gzip -dc README.md",
]


@pytest.mark.parametrize("command", PLAIN_SHELL_CALLS)
def test_plain_calls_do_not_load_the_indirect_credential_reads(command: str, hook: Hook,
                                                               tmp_path: Path) -> None:
    rc, _, modules = modules_after(hook.payload("Bash", {"command": command}), tmp_path)
    assert rc == 0
    assert "railguard.rules.credentials" in modules
    assert "railguard.rules.credentials_indirect" not in modules


@pytest.mark.parametrize("command", ["tar czf - . | base64", "git stash show -p -u",
                                     "cat $(ls -A)", "cp -r src copy && cat copy/app.py",
                                     "cat notes.txt"])
def test_archives_stashes_listings_and_copies_load_them(command: str, hook: Hook,
                                                        project: Path, tmp_path: Path) -> None:
    (project / "notes.txt").write_bytes(gzip.compress(b"a gzip file by another name\n"))
    rc, _, modules = modules_after(hook.payload("Bash", {"command": command}), tmp_path)
    assert rc == 0
    assert "railguard.rules.credentials_indirect" in modules


def test_sql_calls_may_load_a_parser_but_nothing_else_foreign(hook: Hook, tmp_path: Path) -> None:
    payload = hook.payload("Bash", {"command": 'psql -c "DROP TABLE orders"'})
    rc, _, modules = modules_after(payload, tmp_path)
    assert rc == 0
    tops = {m.split(".")[0] for m in modules}
    # sqlglot, and mypy_extensions which sqlglot uses when it happens to be installed
    foreign = sorted(t for t in tops if not _is_allowed(t) and t not in SQL_PARSER)
    assert not foreign, f"the hook imported {foreign}"


def test_calls_carrying_a_credential_may_load_the_secret_scanner(hook: Hook,
                                                                 tmp_path: Path) -> None:
    token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
    payload = hook.payload("Bash", {"command": f"curl -H 'Authorization: token {token}' "
                                               "https://api.github.com/user"})
    rc, _, modules = modules_after(payload, tmp_path)
    assert rc == 0
    tops = {m.split(".")[0] for m in modules}
    foreign = sorted(t for t in tops if not _is_allowed(t) and t not in SECRET_SCANNER)
    assert not foreign, f"the hook imported {foreign}"


@pytest.mark.parametrize("command", ["npm test", "npm run build -- --watch",
                                     "cd src && grep -rn TODO . | sort | uniq -c | head"])
def test_package_scripts_and_sort_do_not_import_re(command: str, hook: Hook,
                                                    tmp_path: Path) -> None:
    rc, _, modules = modules_after(hook.payload("Bash", {"command": command}), tmp_path)
    assert rc == 0
    assert "re" not in modules


def test_the_stand_in_compile_works_while_standing_in() -> None:
    """Should anything call the stand-in's ``re.compile`` while it is still in place, it loads
    the real module instead of calling itself."""
    code = ("import sys\n"
            "from railguard.shell import treesitter\n"
            "sys.modules['re'] = treesitter._DeferredRe()\n"
            "rx = treesitter._DeferredRe.compile('a+b')\n"
            "print(bool(rx.fullmatch('aab')), type(sys.modules['re']).__name__)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60).stdout.split()
    assert out == ["True", "module"]
