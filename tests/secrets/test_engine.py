"""The engine: both engines agree, the database is cached, the API never shows a value."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import railguard.secrets as secrets
from railguard.secrets import RULES, redact, scan_text
from railguard.secrets.engine import Scanner, default_scanner, hyperscan_available
from railguard.secrets.examples import expand

needs_hs = pytest.mark.skipif(not hyperscan_available(), reason="no hyperscan wheel here")


def _mixed_corpus() -> list[bytes]:
    """Every example of every rule, in files of a few examples each, plus ordinary code."""
    parts = []
    for r in RULES:
        for k, t in enumerate((*r.true_examples, *r.false_examples)):
            parts.append(expand(t, f"mix:{r.id}:{k}"))
    blobs = ["\n".join(parts[i:i + 7]).encode() for i in range(0, len(parts), 7)]
    blobs.append("\n".join(parts).encode())  # one big file: overlapping candidates
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for name in ("smtplib.py", "netrc.py", "ssl.py", "hmac.py", "secrets.py", "imaplib.py"):
        p = stdlib / name
        if p.exists():
            blobs.append(p.read_bytes())
    blobs.append("naïve café — token = '".encode() + expand("<<a:32>>", "u").encode() + b"'\n")
    return blobs


def _key(findings: list[secrets.SecretFinding]) -> list[tuple[str, int, int, str, bool]]:
    return [(f.rule_id, f.start, f.end, f.fingerprint, f.suppressed) for f in findings]


@needs_hs
def test_hyperscan_and_python_engines_agree() -> None:
    hs, py = Scanner(RULES, "hyperscan"), Scanner(RULES, "python")
    total = 0
    for blob in _mixed_corpus():
        a = hs.findings(blob, keep_suppressed=True)
        b = py.findings(blob, keep_suppressed=True)
        assert _key(a) == _key(b)
        total += len(a)
    assert total > 200


@needs_hs
def test_engines_agree_on_the_shared_corpus() -> None:
    corpus = Path(__file__).resolve().parents[2] / ".." / "shared" / "secret-corpus"
    files = sorted(corpus.glob("*.jsonl"))
    if not files:
        pytest.skip("shared secret corpus not beside the repository")
    import json

    hs, py = Scanner(RULES, "hyperscan"), Scanner(RULES, "python")
    rows = 0
    for f in files:
        for line in f.read_text().splitlines():
            text = json.loads(line)["text"].encode("utf-8", "surrogatepass")
            assert _key(hs.findings(text, keep_suppressed=True)) == _key(
                py.findings(text, keep_suppressed=True)), f"{f.name}: {line[:120]}"
            rows += 1
    assert rows > 2000


def test_env_var_forces_python_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAILGUARD_SECRETS_ENGINE", "python")
    assert Scanner(RULES).engine == "python"
    with pytest.raises(ValueError):
        Scanner(RULES, "nonsense")


@needs_hs
def test_database_is_cached_under_xdg_cache(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    sc = Scanner(RULES, "hyperscan")
    sc.scan_text("nothing here")
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "railguard"
    dbs = list(cache.glob("secrets-*.hsdb"))
    assert len(dbs) == 1
    assert str(home) in str(cache)
    sc2 = Scanner(RULES, "hyperscan")  # loads instead of compiling
    token = expand("ghp_<<a:36>>", "cache")
    assert [f.rule_id for f in sc2.scan_text(f"t = {token}")] == ["SEC050"]


def test_import_is_cheap_and_lazy() -> None:
    code = ("import sys, railguard.secrets\n"
            "bad = [m for m in ('hyperscan', 're2', 'railguard.secrets.rules', "
            "'railguard.secrets.engine', 'hashlib') if m in sys.modules]\n"
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == ""


def test_finding_never_shows_the_value() -> None:
    token = expand("sk-proj-<<u:80>>", "show")
    text = f'client = OpenAI(api_key="{token}")\n'
    (f,) = scan_text(text, path="app.py")
    assert f.rule_id == "SEC081" and f.value == token
    assert token not in repr(f) and token not in str(f) and token not in str(f.to_dict())
    assert f.redacted.startswith("sk-proj-…") and f.redacted.endswith(token[-4:])
    assert text[f.start:f.end] == token
    assert (f.line, f.column) == (1, text.index(token) + 1)
    assert f.to_dict(show_secret=True)["value"] == token
    assert len(f.fingerprint) == 64


def test_offsets_are_characters_with_unicode() -> None:
    token = expand("ghp_<<a:36>>", "uni")
    text = f"# naïve — ünïcödé\nx = '{token}'\n"
    (f,) = scan_text(text)
    assert text[f.start:f.end] == token
    assert f.line == 2 and f.column == 6


def test_redact_replaces_every_secret() -> None:
    a, b = expand("ghp_<<a:36>>", "r1"), expand("xoxb-<<d:12>>-<<d:13>>-<<a:24>>", "r2")
    text = f"one {a} two {b} three"
    out = redact(text)
    assert a not in out and b not in out
    assert out.startswith("one ghp_…") and out.endswith(" three")
    assert redact("nothing to see") == "nothing to see"


def test_private_key_across_lines_and_escaped() -> None:
    body = "\n".join(expand("<<b:64>>", f"k{i}") for i in range(10))
    pem = f"-----BEGIN OPENSSH PRIVATE KEY-----\n{body}\n-----END OPENSSH PRIVATE KEY-----\n"
    (f,) = scan_text("prefix\n" + pem)
    assert f.rule_id == "SEC226" and f.line == 3 and f.end_line == 12
    assert body.split("\n")[3] not in redact(pem)


@pytest.mark.parametrize("marker", ["# railguard:allow", "# gitleaks:allow",
                                    "# pragma: allowlist secret", "# railguard:allow[SEC050]"])
def test_inline_suppression(marker: str) -> None:
    token = expand("ghp_<<a:36>>", "sup")
    assert scan_text(f"t = '{token}'  {marker}") == []
    assert scan_text(f"t = '{token}'  {marker}", suppressions=False) != []


def test_suppression_for_another_rule_does_not_apply() -> None:
    token = expand("ghp_<<a:36>>", "sup2")
    assert [f.rule_id for f in scan_text(f"t = '{token}'  # railguard:allow[SEC001]")] == [
        "SEC050"]
    assert scan_text(f"# pragma: allowlist nextline secret\nt = '{token}'") == []


def test_default_scanner_is_shared() -> None:
    assert default_scanner("python") is default_scanner("python")
