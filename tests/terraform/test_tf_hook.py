# ruff: noqa: F811  (pytest fixtures imported from tfhelpers by name)
"""The tfstate pack through the real engine and the installed hook, on real terraform roots."""

from __future__ import annotations

import io
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest
from tfhelpers import TF, fixtures, prod, tf, write_config  # type: ignore[import-not-found]  # noqa: F401

from railguard.adapters.claude import action_from_payload
from railguard.config import Config
from railguard.engine import evaluate


def ids(root: Path, command: str | None = None, tool: str = "Bash", **ti: object) -> list[str]:
    tool_input: dict[str, object] = {"command": command} if command is not None else dict(ti)
    payload = {"hook_event_name": "PreToolUse", "tool_name": tool, "tool_input": tool_input,
               "cwd": str(root), "permission_mode": "default"}
    return [f.rule_id for f in evaluate(action_from_payload(payload), Config()).findings
            if f.rule_id.startswith("TFS")]


def test_plan_on_healthy_root_has_no_finding_and_records_ledger(prod: tuple[Path, Path]) -> None:
    from railguard.terraform import ledger

    root, _ = prod
    assert ids(root, "terraform plan") == []
    assert ids(root, "terraform state list") == []
    assert ids(root, "terraform apply -auto-approve") == []
    assert ledger.entry(str(root), "default") is not None


@pytest.mark.parametrize("command", [
    "terraform destroy -auto-approve", "terraform apply -auto-approve", "tofu apply",
    "terraform import terraform_data.x id-1", "terraform state rm terraform_data.db",
    "terraform apply -destroy", "TF_LOG=info terraform destroy", "npx terraform destroy",
])
def test_stale_copy_denies_changes(prod: tuple[Path, Path], command: str) -> None:
    root, stale = prod
    assert ids(root, "terraform plan") == []  # the ledger sees the real state
    shutil.copy(stale, root / "terraform.tfstate")
    assert "TFS003" in ids(root, command)


def test_stale_copy_still_allows_reads(prod: tuple[Path, Path]) -> None:
    root, stale = prod
    shutil.copy(stale, root / "terraform.tfstate")
    for command in ("terraform plan", "terraform state list", "terraform show", "git status"):
        assert ids(root, command) == [], command


def test_chdir_and_cd_reach_the_root(prod: tuple[Path, Path]) -> None:
    root, stale = prod
    shutil.copy(stale, root / "terraform.tfstate")
    parent = root.parent
    assert "TFS003" in ids(parent, f"terraform -chdir={root.name} destroy")
    assert "TFS003" in ids(parent, f"cd {root.name} && terraform destroy -auto-approve")
    assert ids(parent, "terraform destroy") == []  # the parent is not a root


def test_push_checks(tf: TF, prod: tuple[Path, Path], tmp_path: Path) -> None:
    root, stale = prod
    assert "TFS004" in ids(root, f"terraform state push -force {stale}")
    assert "TFS004" in ids(root, f"terraform state push {stale}")  # older: terraform refuses too
    assert "TFS004" in ids(root, f"terraform state push - < {stale}")
    # the "new laptop": an empty destination accepts anything without a check
    fresh = tf.root(tmp_path / "laptop", "vpc", "db")
    assert "TFS004" in ids(fresh, f"terraform state push {stale}")
    # pushing the current state back is no overwrite of newer data
    current = tmp_path / "current.tfstate"
    shutil.copy(root / "terraform.tfstate", current)
    assert ids(root, f"terraform state push {current}") == []


@pytest.mark.parametrize("command", [
    "cp {stale} terraform.tfstate", "cp {stale} .", "mv {stale} terraform.tfstate",
    "cat {stale} > terraform.tfstate", "cat {stale} | tee terraform.tfstate",
    "dd if={stale} of=terraform.tfstate", "rsync -a {stale} terraform.tfstate",
    "curl -sS -o terraform.tfstate https://example.com/x", "wget -O terraform.tfstate http://x/y",
    "ln -sf {stale} terraform.tfstate", "cp {stale} terraform.tfstate.backup",
    "sed -i s/4/5/ terraform.tfstate", "install -m 600 {stale} terraform.tfstate",
    "sudo cp {stale} terraform.tfstate", "bash -c 'cp {stale} terraform.tfstate'",
    "cp {stale} workspace.tfstate",
    # a glob names the state when the command runs
    "cp {stale} *.tfstate", "cp {stale} terraform.tfstat?", "cp {stale} terraform.tfstat[e]",
])
def test_writes_onto_state_are_denied(prod: tuple[Path, Path], command: str) -> None:
    root, stale = prod
    assert "TFS001" in ids(root, command.format(stale=stale))


@pytest.mark.parametrize("command", [
    "cp terraform.tfstate /tmp/copy.tfstate", "cat terraform.tfstate", "cp main.tf main.tf.bak",
    "terraform state pull > /tmp/pulled.tfstate", "jq .serial terraform.tfstate",
    "echo hi > notes.txt", "touch terraform.tfstate",
])
def test_ordinary_calls_beside_state_pass(prod: tuple[Path, Path], command: str) -> None:
    root, _ = prod
    assert ids(root, command) == []


@pytest.mark.parametrize("tool", ["Write", "Edit", "MultiEdit"])
def test_file_tools_onto_state(prod: tuple[Path, Path], tool: str) -> None:
    root, _ = prod
    ti: dict[str, object] = {"file_path": str(root / "terraform.tfstate")}
    if tool == "Write":
        ti["content"] = "{}"
    elif tool == "Edit":
        ti.update(old_string="a", new_string="b")
    else:
        ti["edits"] = [{"old_string": "a", "new_string": "b"}]
    assert ids(root, tool=tool, **ti) == ["TFS001"]
    assert ids(root, tool="Write", file_path=str(root / "README.md"), content="x") == []


def test_a_write_through_a_link_to_the_state(prod: tuple[Path, Path]) -> None:
    root, _ = prod
    (root / "notes.json").symlink_to(root / "terraform.tfstate")
    assert ids(root, tool="Write", file_path=str(root / "notes.json"), content="{}") == ["TFS001"]
    (root / "other.json").write_text("{}")
    assert ids(root, tool="Write", file_path=str(root / "other.json"), content="{}") == []


def test_a_state_spelled_in_other_case(prod: tuple[Path, Path]) -> None:
    """On a file system that ignores case the other spelling is the state itself; where case
    matters it is another file, which terraform never reads."""
    root, stale = prod
    import os

    insensitive = os.path.exists(str(root / "TERRAFORM.TFSTATE"))
    expected = ["TFS001"] if insensitive else []
    assert ids(root, f"cp {stale} TERRAFORM.TFSTATE") == expected


def test_archives(prod: tuple[Path, Path], tmp_path: Path) -> None:
    root, stale = prod
    with tarfile.open(tmp_path / "laptop.tgz", "w:gz") as t:
        t.add(stale, arcname="terraform.tfstate")
    with tarfile.open(tmp_path / "docs.tgz", "w:gz") as t:
        data = b"# notes\n"
        info = tarfile.TarInfo("notes.md")
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    with zipfile.ZipFile(tmp_path / "laptop.zip", "w") as z:
        z.write(stale, "terraform.tfstate")
    assert ids(root, f"tar -xzf {tmp_path}/laptop.tgz") == ["TFS001"]
    assert ids(root.parent, f"tar xzf {tmp_path}/laptop.tgz -C {root.name}") == ["TFS001"]
    assert ids(root, f"unzip -o {tmp_path}/laptop.zip") == ["TFS001"]
    assert ids(root, f"tar -xzf {tmp_path}/docs.tgz") == []
    assert ids(root, "curl -sL https://x/y.tgz | tar -xz") == ["TFS002"]
    assert ids(tmp_path, "tar -xzf laptop.tgz -C /tmp/somewhere-new") == []
    assert "TFS003" in ids(root, f"tar -xzf {tmp_path}/laptop.tgz && terraform destroy")


def test_cloud_copies_onto_state_objects(tmp_path: Path) -> None:
    assert ids(tmp_path, "aws s3 cp x.tfstate s3://b/env/terraform.tfstate") == ["TFS001"]
    assert ids(tmp_path, "gsutil cp x.tfstate gs://b/default.tfstate") == ["TFS001"]
    assert ids(tmp_path, "aws s3 cp s3://b/env/terraform.tfstate /tmp/pulled.json") == []


def test_replace_and_taint_of_data_bearing_types(tmp_path: Path) -> None:
    assert ids(tmp_path, "terraform apply -replace=aws_db_instance.orders") == ["TFS005"]
    assert ids(tmp_path, "terraform taint module.db.aws_rds_cluster.main") == ["TFS005"]
    assert ids(tmp_path, "terraform apply -replace=aws_instance.web") == []
    assert ids(tmp_path, "terraform plan -replace=aws_db_instance.orders") == []


def test_apply_saved_plan(tf: TF, prod: tuple[Path, Path], tmp_path: Path) -> None:
    root, _ = prod
    tf(root, "plan", "-out=noop.tfplan")
    assert ids(root, "terraform apply noop.tfplan") == []
    write_config(root, "vpc", "db")  # cache removed from the configuration: a delete
    tf(root, "plan", "-replace=terraform_data.db", "-out=del.tfplan")
    assert ids(root, "terraform apply del.tfplan") == ["TFS006"]
    # a foreign state: production's state under a configuration that lacks its resources
    site = tf.root(tmp_path / "site", "site")
    shutil.copy(root / "terraform.tfstate", site / "terraform.tfstate")
    tf(site, "plan", "-out=foreign.tfplan")
    found = ids(site, "terraform apply foreign.tfplan")
    assert "TFS005" in found  # and TFS003: most of the state has no block in the config
    assert ids(root, "terraform apply never-made.tfplan") == ["TFS006"]


def test_installed_hook_denies_the_incident(prod: tuple[Path, Path], hook: object) -> None:
    from conftest import Hook  # type: ignore[import-not-found]

    assert isinstance(hook, Hook)
    root, stale = prod
    assert hook.bash("terraform plan", cwd=root).decision is None
    r = hook.bash(f"cp {stale} terraform.tfstate", cwd=root)
    assert r.decision == "deny" and r.reason and "TFS001" in r.reason
    shutil.copy(stale, root / "terraform.tfstate")
    r = hook.bash("terraform destroy -auto-approve", cwd=root)
    assert r.decision == "deny" and r.reason and "TFS003" in r.reason
    assert "went backwards" in r.reason and "state pull" in r.reason
