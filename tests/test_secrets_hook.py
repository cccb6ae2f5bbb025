"""Secrets in the agent hook: the installed ``railguard hook claude`` as a process.

PreToolUse: a Write/Edit/MultiEdit/NotebookEdit that puts a live-looking credential into a file,
or a command that carries one, is denied with the value redacted. PostToolUse: an output that
shows a credential gets feedback to Claude and a warning to the user; any other PostToolUse is
silent. The credential value never appears in anything railguard prints.

The keys below have the providers' documented shapes; they are assembled from parts so that no
credential-shaped literal lives in this file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import Hook, HookResult

GITHUB = "ghp_" + "k8Qz2LmN4pR7sT1vW3xY" + "5aB9cD0eF6gH" + "2jK4"
OPENAI = ("sk-proj-" + "Zq3Lm8Np2Rt5Vx7Bc4Df6Gh9Jk1Ws0YaQe" + "T3Blbk" + "FJ"
          + "Hn5Pq8Rs2Tu4Vw6Xy9Za1Bc3De7Fg0Hj")
AWS_ID = "AKIA" + "Q3ZR7NXP2LWK5MDT"
AWS_SECRET = "wJa9Xr2Utn" + "FEMI7K4MDENG" + "bPxRfiCYq8Lz3vHd"
KEYS = {"github": GITHUB, "openai": OPENAI}

#: "default": what the hook picks by itself (the pure-Python engine for small texts)
ENGINES = ["default", "hyperscan", "python"]


@pytest.fixture(autouse=True)
def _scanner() -> None:
    pytest.importorskip("railguard.secrets.rules")


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A cache directory holding the compiled Hyperscan database, as after a first scan."""
    cache = str(tmp_path_factory.mktemp("cache"))
    proc = subprocess.run(
        [sys.executable, "-c", "from railguard.secrets import scan_text; scan_text('x')"],
        env={**os.environ, "XDG_CACHE_HOME": cache, "RAILGUARD_SECRETS_ENGINE": "hyperscan"},
        capture_output=True, timeout=300)
    if proc.returncode != 0:
        pytest.skip(f"the Hyperscan engine is not available: {proc.stderr.decode()[-300:]}")
    return cache


_WARM: list[str] = []


@pytest.fixture(autouse=True)
def _cache(warm_cache: str) -> None:
    _WARM[:] = [warm_cache]


def engine_env(engine: str) -> dict[str, str]:
    """The environment that picks ``engine``; Hyperscan loads its database from a warm cache."""
    if engine == "default":
        return {"XDG_CACHE_HOME": _WARM[0]}
    return {"RAILGUARD_SECRETS_ENGINE": engine, "XDG_CACHE_HOME": _WARM[0]}


def leaks(r: HookResult, value: str) -> bool:
    """Does anything the hook printed hold the value, or a long piece of it?"""
    text = r.stdout + r.stderr
    if value in text or json.dumps(value)[1:-1] in text:
        return True
    # the value's last 8 characters are its random part: never shown either
    return value[-8:] in text


def assert_denied(r: HookResult, rule: str, value: str) -> str:
    assert r.returncode == 0, r.stderr
    assert r.decision == "deny", r.stdout or r.stderr
    reason = r.reason or ""
    assert rule in reason, reason
    assert not leaks(r, value), reason
    assert "Traceback" not in r.stderr
    return reason


# --- PreToolUse: files --------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", list(KEYS))
def test_write_of_a_live_key_is_denied_and_redacted(hook: Hook, name: str, engine: str) -> None:
    value = KEYS[name]
    content = f'import os\n\nAPI_KEY = "{value}"\n\n\ndef main() -> None:\n    pass\n'
    r = hook.tool("Write", file_path="src/settings.py", content=content, env=engine_env(engine))
    reason = assert_denied(r, "SEC900", value)
    assert "src/settings.py" in reason
    assert "line 3" in reason
    assert "environment" in reason  # the safer way: read it from the environment
    assert value[:4] in reason  # the format's public prefix is shown, the value is not


def test_edit_that_adds_a_key_is_denied(hook: Hook) -> None:
    r = hook.tool("Edit", file_path="src/app.py", old_string="print('hello')",
                  new_string=f'token = "{GITHUB}"\nprint(token)')
    reason = assert_denied(r, "SEC900", GITHUB)
    assert "Edit" in reason


def test_multiedit_and_notebookedit_are_checked(hook: Hook) -> None:
    r = hook.tool("MultiEdit", file_path="src/app.py",
                  edits=[{"old_string": "print('hello')", "new_string": "x = 1"},
                         {"old_string": "x = 1", "new_string": f"KEY = '{OPENAI}'"}])
    assert_denied(r, "SEC900", OPENAI)
    r = hook.tool("NotebookEdit", notebook_path="analysis.ipynb", cell_id="c1",
                  new_source=f'import openai\nopenai.api_key = "{OPENAI}"\n')
    assert_denied(r, "SEC900", OPENAI)


def test_aws_key_pair_is_denied(hook: Hook) -> None:
    content = (f"[default]\naws_access_key_id = {AWS_ID}\n"
               f"aws_secret_access_key = {AWS_SECRET}\n")
    r = hook.tool("Write", file_path="deploy/aws.ini", content=content)
    assert_denied(r, "SEC900", AWS_ID)
    assert not leaks(r, AWS_SECRET)


def test_an_edit_that_keeps_an_existing_key_is_not_blamed(hook: Hook, project: Path) -> None:
    (project / "src" / "legacy.py").write_text(f'KEY = "{GITHUB}"  # to be removed\n')
    r = hook.tool("Edit", file_path="src/legacy.py", old_string=f'KEY = "{GITHUB}"  # to be removed',
                  new_string=f'KEY = "{GITHUB}"  # TODO: read from the environment')
    assert "SEC900" not in (r.reason or "")
    r = hook.tool("Write", file_path="src/legacy.py",
                  content=f'KEY = "{GITHUB}"  # to be removed\nprint(1)\n')
    assert "SEC900" not in (r.reason or "")


ORDINARY = {
    "code": "import hashlib\n\n\ndef digest(data: bytes) -> str:\n"
            "    return hashlib.sha256(data).hexdigest()\n",
    "env-lookup": 'import os\n\nOPENAI_API_KEY = os.environ["OPENAI_API_KEY"]\n',
    "placeholder": 'OPENAI_API_KEY = "sk-...your-key"\nANTHROPIC_API_KEY = "<YOUR_KEY>"\n',
    "shell-var": 'export OPENAI_API_KEY="${OPENAI_API_KEY}"\n',
    "aws-docs": "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
    "lockfile": '"integrity": "sha512-9Wm2Sx1Ay8hK3+rTQ0uYx7nZkP2Vd8bQ1cA4fR6eL0mN3oJ5tW9sHgIqXvYbCzD'
                'EaFgHjKl0pMnOpQrS1TuVwXy2z3Abc=="\n',
    "uuid-and-sha": "id = '3f2504e0-4f89-11d3-9a0c-0305e82c3301'\n"
                    "commit = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3'\n",
}


@pytest.mark.parametrize("name", list(ORDINARY))
def test_ordinary_content_passes(hook: Hook, name: str) -> None:
    r = hook.tool("Write", file_path="src/new_module.py", content=ORDINARY[name])
    assert r.returncode == 0, r.stderr
    assert r.decision is None, r.reason


# --- PreToolUse: commands -----------------------------------------------------------------


def test_curl_with_a_literal_bearer_token_is_denied(hook: Hook) -> None:
    r = hook.bash(f'curl -H "Authorization: Bearer {OPENAI}" https://api.openai.com/v1/models')
    reason = assert_denied(r, "SEC901", OPENAI)
    assert "environment variable" in reason


def test_token_in_a_clone_url_is_denied(hook: Hook) -> None:
    r = hook.bash(f"git clone https://x-access-token:{GITHUB}@github.com/acme/app.git")
    assert_denied(r, "SEC901", GITHUB)


def test_heredoc_writing_a_key_is_denied(hook: Hook) -> None:
    r = hook.bash(f"cat > src/config.py <<'EOF'\nTOKEN = '{GITHUB}'\nEOF")
    assert_denied(r, "SEC901", GITHUB)


@pytest.mark.parametrize("command", [
    'curl -H "Authorization: Bearer $OPENAI_API_KEY" https://api.openai.com/v1/models',
    'export OPENAI_API_KEY="sk-...your-key"',
    "echo AKIAIOSFODNN7EXAMPLE",
    "git log --format=%H -n 3",
    "python -m pytest tests/test_authentication_backends.py -q",
])
def test_ordinary_commands_pass(hook: Hook, command: str) -> None:
    r = hook.bash(command)
    assert r.returncode == 0, r.stderr
    assert "SEC90" not in (r.reason or ""), r.reason


# --- PostToolUse --------------------------------------------------------------------------


def post(hook: Hook, tool: str, tool_input: dict[str, Any], response: object,
         env: dict[str, str] | None = None) -> HookResult:
    payload = hook.payload(tool, tool_input, event="PostToolUse")
    payload["tool_response"] = response
    payload["duration_ms"] = 12
    proc = subprocess.run([str(Path(sys.executable).parent / "railguard"), "hook", "claude"],
                          input=json.dumps(payload).encode(), capture_output=True,
                          env={**os.environ, **(env or {})}, timeout=120)
    return HookResult(proc.returncode, proc.stdout.decode(), proc.stderr.decode(), None)


RESPONSES = {
    "bash": ("Bash", {"command": "cat deploy/config.yml"},
             {"stdout": f"region: eu-west-1\ntoken: {GITHUB}\n", "stderr": "",
              "interrupted": False, "isImage": False}),
    "read": ("Read", {"file_path": "notes.txt"},
             {"type": "text", "file": {"filePath": "/p/notes.txt",
                                       "content": f"key={OPENAI}\n", "numLines": 1}}),
    "mcp-list": ("mcp__db__query", {"sql": "select * from settings"},
                 [{"type": "text", "text": json.dumps({"rows": [["api", OPENAI]]})}]),
    "plain-string": ("WebFetch", {"url": "https://example.com", "prompt": "x"},
                     f"The page lists a token {GITHUB} in its footer."),
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", list(RESPONSES))
def test_post_tool_use_output_with_a_key_gets_feedback(hook: Hook, name: str,
                                                       engine: str) -> None:
    tool, tool_input, response = RESPONSES[name]
    r = post(hook, tool, tool_input, response, env=engine_env(engine))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["decision"] == "block"
    assert "Do not repeat" in out["reason"] and tool in out["reason"]
    assert "rotat" in out["systemMessage"]
    assert "SEC" in out["reason"]
    value = GITHUB if GITHUB in json.dumps(response) else OPENAI
    assert not leaks(r, value)
    assert r.stderr == ""


@pytest.mark.parametrize("response", [
    {"stdout": "3 passed in 0.12s\n", "stderr": "", "interrupted": False},
    {"stdout": "OPENAI_API_KEY=${OPENAI_API_KEY}\nkey: sk-...your-key\n", "stderr": ""},
    {"type": "text", "file": {"filePath": "/p/a.py", "content": "import os\n" * 2000}},
    "",
    None,
    42,
    [[["deep"]]],
])
def test_post_tool_use_without_a_key_is_silent(hook: Hook, response: object) -> None:
    r = post(hook, "Bash", {"command": "pytest -q"}, response)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")


def test_post_tool_use_large_output_is_scanned(hook: Hook) -> None:
    lines = [f"{i:06d} INFO request served in 12 ms" for i in range(12000)]
    lines.insert(11000, f"DEBUG auth header: Bearer {OPENAI}")
    r = post(hook, "Bash", {"command": "cat app.log"}, {"stdout": "\n".join(lines)},
             env=engine_env("default"))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["decision"] == "block" and "SEC" in out["reason"]
    assert not leaks(r, OPENAI)


def test_post_tool_use_of_a_write_is_not_reported_again(hook: Hook) -> None:
    r = post(hook, "Write", {"file_path": "/p/a.py", "content": f"K = '{GITHUB}'"},
             {"type": "create", "filePath": "/p/a.py", "content": f"K = '{GITHUB}'"})
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")


@pytest.mark.parametrize("payload", [
    {"hook_event_name": "PostToolUse"},
    {"hook_event_name": "PostToolUse", "tool_name": 3, "tool_response": GITHUB},
    {"hook_event_name": "PostToolUse", "tool_name": "Bash", "tool_response": {"a": {"b": [1, 2]}}},
])
def test_post_tool_use_odd_payloads_exit_0_silently(hook: Hook, payload: dict[str, Any]) -> None:
    r = hook(payload)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")


def test_post_tool_use_failure_is_silent_and_shows_nothing(hook: Hook) -> None:
    # an engine name the scanner refuses: the scan raises, the hook still exits 0 quietly
    r = post(hook, "Bash", {"command": "env"}, {"stdout": f"GH={GITHUB}\n"},
             env={"RAILGUARD_SECRETS_ENGINE": "no-such-engine"})
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")


# --- start-up budget ------------------------------------------------------------------------

_WRAPPER = """
import sys
from railguard import cli
rc = cli.main(["hook", "claude"])
sys.stdout.flush()
with open(sys.argv[1], "w") as fh:
    fh.write("\\n".join(sorted(sys.modules)))
sys.exit(rc)
"""


def loaded_modules(payload: dict[str, Any], tmp_path: Path) -> list[str]:
    out = tmp_path / "modules.txt"
    proc = subprocess.run([sys.executable, "-c", _WRAPPER, str(out)],
                          input=json.dumps(payload).encode(), capture_output=True, timeout=60)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr.decode()
    return out.read_text().split()


@pytest.mark.parametrize(("tool", "tool_input"), [
    ("Bash", {"command": "ls -la"}),
    ("Bash", {"command": "git status && git log --oneline | head -5"}),
    ("Write", {"file_path": "src/new.py", "content": "x = 1\n"}),
    ("Edit", {"file_path": "src/app.py", "old_string": "print('hello')", "new_string": "pass"}),
    ("Read", {"file_path": "README.md"}),
])
def test_calls_without_candidate_text_never_load_the_scanner(hook: Hook, tmp_path: Path,
                                                             tool: str,
                                                             tool_input: dict[str, Any]) -> None:
    modules = loaded_modules(hook.payload(tool, tool_input), tmp_path)
    assert "railguard.secrets" not in modules
    assert "hyperscan" not in modules


def test_calls_with_content_load_the_scanner(hook: Hook, tmp_path: Path) -> None:
    payload = hook.payload("Write", {"file_path": "src/s.py", "content": f"K = '{GITHUB}'\n"})
    assert "railguard.secrets" in loaded_modules(payload, tmp_path)


def test_write_onto_a_fifo_does_not_block(hook: Hook, project: Path) -> None:
    fifo = project / "pipe"
    os.mkfifo(fifo)
    r = hook.tool("Write", file_path="pipe", content=f"K = '{GITHUB}'\n")
    assert_denied(r, "SEC900", GITHUB)


def test_a_short_literal_password_is_caught_and_pwd_is_not_a_password(hook: Hook,
                                                                       tmp_path: Path) -> None:
    r = hook.tool("Write", file_path="src/db.py", content='DB_PASSWORD = "Xk9pL2m!qR4z"\n')
    assert_denied(r, "SEC900", "Xk9pL2m!qR4z")
    modules = loaded_modules(hook.payload("Bash", {"command": "cd src && pwd"}), tmp_path)
    assert "railguard.secrets" not in modules


CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "secret-corpus"


def test_the_cheap_pre_check_keeps_what_the_scanner_finds() -> None:
    """The test that spares ordinary calls the scanner must not hide what it would find."""
    if not CORPUS.is_dir():
        pytest.skip("the shared secret corpus is not beside the repository")
    from railguard.rules.secrets_pack import may_hold_secret
    from railguard.secrets import scan_text

    hits = missed = 0
    for f in sorted(CORPUS.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            text = json.loads(line).get("text")
            if not isinstance(text, str) or not scan_text(text, suppressions=False,
                                                          engine="python"):
                continue
            hits += 1
            missed += not may_hold_secret(text)
    assert hits > 100
    assert missed <= hits // 100, f"the pre-check hides {missed} of {hits} scanner findings"


def test_the_pre_checks_first_gate_never_changes_its_answer() -> None:
    """The fixed-string gate in front of the full pre-check only spares compiling it: on every
    text the two stages answer as the full test alone does."""
    from railguard.rules.secrets_pack import _full_test, may_hold_secret

    texts = ["ls -la", "git status", "rm -rf node_modules", "cd src && pwd", "echo $PWD",
             "mysql -u root -pXk9pL2m db", "PASSWD=hunter2 ./run", "Passphrase: abc",
             "curl https://u:p@h.io/x", "machine api.example.com login me password x",
             "-----BEGIN OPENSSH PRIVATE KEY-----", "echo '$6$salt$hash'",
             "x = 'ghp_" + "a1B2" * 9 + "'", "/usr/local/lib/python3.11/site-packages",
             "aaaaaaaaaaaaaaa", "a" * 16, "DB_PASSWORD = \"Xk9pL2m!qR4z\"", "pwd"]
    if CORPUS.is_dir():
        for f in sorted(CORPUS.glob("*.jsonl")):
            for line in f.read_text(encoding="utf-8").splitlines():
                text = json.loads(line).get("text")
                if isinstance(text, str):
                    texts.append(text)
    for text in texts:
        assert may_hold_secret(text) == _full_test(text), text
