"""The tfstate pack on state files deleted, moved away or planted as backups (no terraform run)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from railguard.adapters.claude import action_from_payload
from railguard.config import Config
from railguard.engine import evaluate

STATE = {"version": 4, "terraform_version": "1.9.0", "serial": 41, "lineage": "9f1c2b7e",
         "outputs": {}, "resources": []}


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    proj = tmp_path / "proj"
    (proj / "infra" / ".terraform").mkdir(parents=True)
    (proj / "infra" / "main.tf").write_text('resource "terraform_data" "x" {}\n')
    (proj / "infra" / "terraform.tfstate").write_text(json.dumps(STATE))
    (proj / "infra" / ".terraform" / "terraform.tfstate").write_text(json.dumps(
        {"version": 3, "serial": 1, "backend": {"type": "s3", "config": {}}}))
    (proj / "legacy").mkdir()
    (proj / "legacy" / "terraform.tfstate").write_text(json.dumps(STATE))
    (proj / "legacy" / "terraform.tfstate.backup").write_text(json.dumps(STATE))
    subprocess.run(["git", "init", "-q", "-b", "main", str(proj)], check=True)
    return proj.resolve()


def ids(root: Path, command: str | None = None, tool: str = "Bash", **ti: object) -> list[str]:
    tool_input: dict[str, object] = {"command": command} if command is not None else dict(ti)
    for key in ("file_path",):
        v = tool_input.get(key)
        if isinstance(v, str) and not v.startswith("/"):
            tool_input[key] = str(root / v)
    payload = {"hook_event_name": "PreToolUse", "tool_name": tool, "tool_input": tool_input,
               "cwd": str(root), "permission_mode": "default"}
    return [f.rule_id for f in evaluate(action_from_payload(payload), Config()).findings
            if f.rule_id.startswith("TFS")]


@pytest.mark.parametrize("command", [
    "rm infra/terraform.tfstate", "rm -f legacy/terraform.tfstate.backup",
    "mv infra/terraform.tfstate /tmp/x", "mv legacy/terraform.tfstate legacy/old.json",
    "git rm infra/terraform.tfstate", "git rm -f legacy/terraform.tfstate",
    "truncate -s 0 infra/terraform.tfstate", "unlink infra/terraform.tfstate",
    "shred -u infra/terraform.tfstate", "rm -rf infra", "rm -r legacy",
    "cd infra && rm terraform.tfstate", "find . -name '*.tfstate' -delete",
    "find infra -type f -delete", "sudo rm infra/terraform.tfstate",
    "find . -name '*.pyc' -o -delete", "find . \\( -name '*.bak' -o -name '*.tfstate' \\) -delete",
    "bash -c 'rm infra/terraform.tfstate'",
    "git checkout HEAD~3 -- infra/terraform.tfstate",
    "git restore --source main infra/terraform.tfstate",
    # globs, braces and listings that name the state without spelling it out
    "rm -f infra/*.tfstate*", "cd legacy && rm -f *.tfstate*", "rm -f legacy/*",
    "rm -f legacy/terraform.tfstate{,.backup}", "rm -f infra/terraform.tfstat?",
    "rm -f infra/terraform.tfstat[e]", "rm -f legacy/terraform.tfstate.{bak,backup}",
    "find infra -maxdepth 1 -name terraform.tfstate -exec rm {} \\;",
    "find . -name '*.tfstate' -exec sudo rm -f {} +",
    "find . -name terraform.tfstate -execdir rm {} \\;",
    "cd infra && ls *.tfstate | xargs rm", "ls legacy/*.tfstate* | xargs rm -f",
    "find . -name '*.tfstate' | xargs rm -f", "find infra -type f -print0 | xargs -0 rm",
    "rm $(ls infra/*.tfstate)", "rm -f $(find . -name '*.tfstate')",
    "echo infra/terraform.tfstate | xargs rm",
])
def test_deleting_or_moving_the_state_is_denied(root: Path, command: str) -> None:
    assert "TFS007" in ids(root, command), command


@pytest.mark.parametrize("command", [
    "rm -rf infra/.terraform", "rm infra/.terraform/terraform.tfstate", "rm infra/main.tf.orig",
    "find . -name '*.pyc' -delete", "find . -type d -empty -delete",
    "find . \\( -name '*.pyc' -o -name '*.pyo' \\) -delete",
    "git rm --cached infra/terraform.tfstate", "cp infra/terraform.tfstate /tmp/copy.tfstate",
    "rm /tmp/copy.tfstate", "rm -rf src", "mv infra/main.tf infra/main.tf.bak",
    "git restore --staged infra/terraform.tfstate", "cat infra/terraform.tfstate",
    # globs and listings that reach no live state
    "rm -f infra/*.orig", "rm -f infra/.terraform/*.tfstate", "rm -f /tmp/*.tfstate",
    "rm -f infra/*.tf.bak", "rm -f infra/terraform.tfstate.{1,2}.bak",
    "find . -name '*.tfstate' -exec cat {} \\;", "find . -name '*.tfstate' | xargs wc -c",
    "find infra -maxdepth 0 -name '*.tfstate' -exec rm {} +",
    "find . -maxdepth 1 -name '*.tfstate' -exec rm {} +",
    "find . -name '*.pyc' | xargs rm -f", "ls infra/*.tf | xargs cat",
    "cd infra && ls *.orig | xargs rm -f", "rm $(ls /tmp/*.tfstate)",
])
def test_ordinary_cleanup_passes(root: Path, command: str) -> None:
    assert "TFS007" not in ids(root, command), command


def test_real_states_deleted_through_globs_and_listings(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """States written by terraform itself (state and backup after two applies)."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from tfhelpers import TERRAFORM, TF, write_config  # type: ignore[import-not-found]

    if TERRAFORM is None:
        pytest.skip("no terraform 1.4+ binary (on PATH or beside the interpreter)")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    tf = TF(TERRAFORM)
    proj = (tmp_path / "proj").resolve()
    root = tf.root(proj / "prod", "vpc")
    tf(root, "apply", "-auto-approve")
    write_config(root, "vpc", "db")
    tf(root, "apply", "-auto-approve")
    assert (root / "terraform.tfstate.backup").is_file()
    subprocess.run(["git", "init", "-q", "-b", "main", str(proj)], check=True)
    for command in ("cd prod && rm -f *.tfstate*", "rm -f prod/terraform.tfstate{,.backup}",
                    "rm -f prod/terraform.tfstat?",
                    "find prod -maxdepth 1 -name terraform.tfstate -exec rm {} \\;",
                    "cd prod && ls *.tfstate | xargs rm", "rm -f prod/*.backup"):
        assert "TFS007" in ids(proj, command), command
    for command in ("rm -f prod/*.tf.orig", "rm -rf prod/.terraform",
                    "find prod -maxdepth 1 -name '*.tf' -exec cat {} \\;"):
        assert "TFS007" not in ids(proj, command), command


def test_restoring_a_committed_state_counts_only_when_it_changes(root: Path) -> None:
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "add", "infra/terraform.tfstate"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "state"], check=True)
    assert "TFS007" not in ids(root, "git checkout -- infra/terraform.tfstate")
    (root / "infra" / "terraform.tfstate").write_text(json.dumps({**STATE, "serial": 42}))
    assert "TFS007" in ids(root, "git checkout -- infra/terraform.tfstate")
    assert "TFS007" in ids(root, "git restore infra/terraform.tfstate")


def test_a_planted_backup_beside_the_state_is_denied(root: Path) -> None:
    assert "TFS001" in ids(root, tool="Write", file_path="infra/terraform.tfstate.backup",
                           content="{}")
    assert "TFS001" in ids(root, tool="Write", file_path="infra/terraform.tfstate.17.backup",
                           content="{}")
    assert "TFS001" in ids(root, "cp /tmp/x.json infra/terraform.tfstate.backup")
    assert "TFS001" in ids(root, "echo '{}' > infra/terraform.tfstate.backup")
    # a backup of nothing, or a copy elsewhere, is not planted beside a state
    (root / "other").mkdir()
    assert ids(root, tool="Write", file_path="other/x.tfstate.backup", content="{}") == []
    assert ids(root, "cp infra/terraform.tfstate /tmp/terraform.tfstate.backup") == []


def test_message_says_what_the_state_is(root: Path) -> None:
    payload = {"hook_event_name": "PreToolUse", "tool_name": "Bash",
               "tool_input": {"command": "rm -rf infra"}, "cwd": str(root),
               "permission_mode": "default"}
    d = evaluate(action_from_payload(payload), Config())
    msg = next(f.message for f in d.findings if f.rule_id == "TFS007")
    assert "infra/terraform.tfstate" in msg and ".terraform/" not in msg


@pytest.mark.parametrize("command", [
    "sort -o infra/terraform.tfstate /tmp/x.json", "uniq /tmp/x.json infra/terraform.tfstate",
    "find /tmp -fprint infra/terraform.tfstate",
])
def test_other_programs_writing_over_the_state_are_denied(root: Path, command: str) -> None:
    assert "TFS001" in ids(root, command), command
