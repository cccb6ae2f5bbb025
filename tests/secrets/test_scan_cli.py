"""``railguard scan`` on real files and real git repositories."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from railguard.cli import main
from railguard.secrets.examples import expand

RAILGUARD = Path(sys.executable).parent / "railguard"


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


def token(seed: str) -> str:
    return expand("ghp_<<a:36>>", seed)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = (tmp_path / "repo").resolve()
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "app.py").write_text("print('hello')\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    monkeypatch.chdir(root)
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["scan", "--no-progress", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_and_findings_exit_codes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, ".")[0] == 0
    t = token("exit")
    (repo / "cfg.py").write_text(f"TOKEN = '{t}'\n")
    code, out, err = run(capsys, ".")
    assert code == 1 and "cfg.py:1:10: SEC050" in out and t not in out + err
    assert run(capsys, "does-not-exist")[0] == 2


def test_gitignore_is_respected(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".gitignore").write_text("secret.txt\n")
    (repo / "secret.txt").write_text(f"t={token('ign')}\n")
    assert run(capsys, ".")[0] == 0
    assert run(capsys, "secret.txt")[0] == 1  # named explicitly: scanned


def test_plain_walk_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.js").write_text(f"t='{token('nm')}'\n")
    monkeypatch.chdir(tmp_path)
    assert run(capsys, ".")[0] == 0
    (tmp_path / "y.js").write_text(f"t='{token('nm2')}'\n")
    assert run(capsys, ".")[0] == 1


def test_binary_and_oversize_are_skipped_and_counted(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "blob.bin").write_bytes(b"\0\x01" + token("bin").encode() + b"\0" * 100)
    (repo / "big.txt").write_text("x" * 2_000_000 + f"\nt={token('big')}\n")
    code, out, _err = run(capsys, "--max-size", "1", "--format", "json", ".")
    doc = json.loads(out)
    assert code == 0 and doc["results"] == []
    assert doc["stats"]["skipped_binary"] == 1 and doc["stats"]["skipped_large"] == 1


def test_staged_reads_the_index_not_the_work_tree(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = token("staged")
    f = repo / "settings.py"
    f.write_text(f"TOKEN = '{t}'\n")
    git(repo, "add", "settings.py")
    f.write_text("TOKEN = os.environ['TOKEN']\n")  # fixed in the work tree, not staged
    code, out, _ = run(capsys, "--staged")
    assert code == 1 and "settings.py:1" in out and t not in out
    git(repo, "add", "settings.py")
    f.write_text(f"TOKEN = '{t}'\n")  # the other way round
    assert run(capsys, "--staged")[0] == 0


def test_diff_reports_added_lines_only(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = token("old"), token("new")
    (repo / "a.py").write_text(f"A = '{old}'\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a")
    (repo / "a.py").write_text(f"A = '{old}'\nx = 1\nB = '{new}'\n")
    code, out, _ = run(capsys, "--diff", "HEAD", "--format", "json")
    res = json.loads(out)["results"]
    assert code == 1 and [(r["path"], r["line"]) for r in res] == [("a.py", 3)]
    git(repo, "commit", "-qam", "b")
    code, out, _ = run(capsys, "--diff", "HEAD~1..HEAD", "--format", "json")
    assert [r["line"] for r in json.loads(out)["results"]] == [3]
    assert run(capsys, "--diff", "HEAD")[0] == 0


def test_history_finds_a_secret_removed_later(repo: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    t = token("hist")
    (repo / "deploy.sh").write_text(f"curl -H 'Authorization: token {t}' x\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "oops")
    sha = git(repo, "rev-parse", "HEAD").strip()
    (repo / "deploy.sh").write_text("curl -H \"Authorization: token $GH\" x\n")
    git(repo, "commit", "-qam", "fix")
    assert run(capsys, ".")[0] == 0
    code, out, _ = run(capsys, "--history", "--format", "json")
    res = json.loads(out)["results"]
    assert code == 1 and res[0]["commit"] == sha and res[0]["path"] == "deploy.sh"
    assert t not in out


def test_stdin_and_show_secrets(monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    import io

    t = token("stdin")

    class In:
        buffer = io.BytesIO(f"export GH={t}\n".encode())

    monkeypatch.setattr(sys, "stdin", In)
    code, out, _ = run(capsys, "--stdin")
    assert code == 1 and "<stdin>:1:11" in out and t not in out
    In.buffer = io.BytesIO(f"export GH={t}\n".encode())
    code, out, _ = run(capsys, "--stdin", "--show-secrets")
    assert t in out


def test_suppressions_and_ignore_flag(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "t.py").write_text(f"T = '{token('sup')}'  # gitleaks:allow\n")
    assert run(capsys, ".")[0] == 0
    assert run(capsys, "--ignore-suppressions", ".")[0] == 1


def test_baseline_round_trip_without_plaintext(repo: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    t1, t2 = token("b1"), token("b2")
    (repo / "old.py").write_text(f"T = '{t1}'\n")
    base = repo / ".railguard-secrets-baseline.json"
    assert run(capsys, "--baseline", str(base), "--update-baseline", ".")[0] == 0
    text = base.read_text()
    assert t1 not in text and t1[4:] not in text and t1[-8:] not in text
    doc = json.loads(text)
    assert [e["rule"] for e in doc["findings"]] == ["SEC050"]
    assert run(capsys, "--baseline", str(base), ".")[0] == 0
    (repo / "old.py").write_text(f"\n\nT = '{t1}'\n")  # moved: still known
    assert run(capsys, "--baseline", str(base), ".")[0] == 0
    (repo / "new.py").write_text(f"T = '{t2}'\n")
    code, out, _ = run(capsys, "--baseline", str(base), ".")
    assert code == 1 and "new.py" in out and "old.py" not in out
    assert run(capsys, "--update-baseline", ".")[0] == 2  # needs --baseline


def test_sarif_shape(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = token("sarif")
    (repo / "src").mkdir()
    (repo / "src" / "c.py").write_text(f"x = 1\nT = '{t}'\n")
    code, out, _ = run(capsys, "--format", "sarif", ".")
    assert code == 1 and t not in out
    doc = json.loads(out)
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = doc["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "railguard"
    for rule in driver["rules"]:
        assert rule["id"] and rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"] and rule["help"]["text"]
        assert 0 < float(rule["properties"]["security-severity"]) <= 10
        assert "security" in rule["properties"]["tags"]
    (res,) = run_["results"]
    assert res["ruleId"] == "SEC050" and driver["rules"][res["ruleIndex"]]["id"] == "SEC050"
    assert res["message"]["text"]
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "src/c.py"
    region = loc["region"]
    assert region["startLine"] == 2 and region["startColumn"] == 6
    assert region["endLine"] == 2 and region["endColumn"] > region["startColumn"]
    assert len(res["partialFingerprints"]["railguard/v1"]) == 64


def test_gitleaks_config(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = repo / "gitleaks.toml"
    cfg.write_text('''
title = "team rules"
[[rules]]
id = "acme-internal-token"
description = "ACME internal token"
regex = \'\'\'(?i)\\b(acme_[a-z0-9]{32})\\b\'\'\'
keywords = ["acme_"]
entropy = 3.0
[[rules.allowlists]]
regexes = [\'\'\'acme_0{32}\'\'\']

[[rules]]
id = "only-path"
path = \'\'\'\\.pem$\'\'\'
''')
    value = expand("acme_<<l:32>>", "gl")
    (repo / "x.cfg").write_text(f"k = {value}\nz = acme_{'0' * 32}\n")
    code, out, err = run(capsys, "--gitleaks-config", str(cfg), "--format", "json", ".")
    res = json.loads(out)["results"]
    assert code == 1 and [r["rule"] for r in res] == ["acme-internal-token"]
    assert "only-path" in err and value not in out
    (repo / "bad.toml").write_text("[[rules]\n")
    assert run(capsys, "--gitleaks-config", str(repo / "bad.toml"), ".")[0] == 2


def test_console_script_json_has_no_plaintext(repo: Path) -> None:
    t = expand("sk-ant-api03-<<u:93>>AA", "proc")
    (repo / "k.env").write_text(f"ANTHROPIC_API_KEY={t}\n")
    r = subprocess.run([str(RAILGUARD), "scan", "--format", "json", "."], cwd=repo,
                       capture_output=True, text=True)
    assert r.returncode == 1 and t not in r.stdout + r.stderr
    assert json.loads(r.stdout)["results"][0]["rule"] == "SEC082"
    r = subprocess.run([str(RAILGUARD), "scan", "--engine", "python", "."], cwd=repo,
                       capture_output=True, text=True)
    assert r.returncode == 1 and "SEC082" in r.stdout and "\r" not in r.stderr
