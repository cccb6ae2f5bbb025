# ruff: noqa: F811  (pytest fixtures imported from tfhelpers by name)
"""The plan gate on the shared fixtures and on real binary plans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tfhelpers import TF, fixtures, prod, tf, write_config  # type: ignore[import-not-found]  # noqa: F401

from railguard.cli import main as cli
from railguard.terraform.plan import PlanError, analyze, data_bearing


def load(fixtures: Path, name: str) -> dict[str, object]:
    doc = json.loads(next(fixtures.glob(f"*/{name}")).read_text())
    assert isinstance(doc, dict)
    return doc


def test_every_action_kind_with_its_reason(fixtures: Path) -> None:
    rep = analyze(load(fixtures, "plan-all-action-kinds.json"))
    kinds = {c.address: (c.kind, c.reason) for c in rep.changes}
    assert kinds == {
        "terraform_data.bucket": ("delete", "delete_because_no_resource_config"),
        "terraform_data.cache": ("replace", "replace_because_tainted"),
        "terraform_data.db": ("replace", "replace_by_request"),
        "terraform_data.lb": ("replace-cbd", "replace_because_cannot_update"),
        "terraform_data.old": ("forget", "delete_because_no_resource_config"),
        "terraform_data.web": ("replace", "replace_because_cannot_update"),
    }
    assert not rep.dangerous  # terraform_data holds no data


def test_foreign_state_plan_is_data_loss(fixtures: Path) -> None:
    rep = analyze(load(fixtures, "plan-foreign-state.json"))
    assert rep.foreign and rep.dangerous and rep.count("delete") == 3


@pytest.mark.parametrize("name", ["plan-destroy-all.json", "plan-destroy-null-provider-tf1.0.3.json",
                                  "tf-plan-format__delete__terraform.tfplan.json"])
def test_deletes_without_data(fixtures: Path, name: str) -> None:
    rep = analyze(load(fixtures, name))
    assert rep.count("delete") >= 1 and not rep.dangerous


def test_public_replace_fixtures(fixtures: Path) -> None:
    rep = analyze(load(fixtures, "terraform-json__action_reason__plan.json"))
    assert [(c.kind, c.reason) for c in rep.changes] == [("replace", "replace_because_tainted")]
    rep = analyze(load(fixtures, "tf-plan-format__delete-create__terraform.tfplan.json"))
    assert [c.kind for c in rep.changes] == ["replace"]
    assert analyze(load(fixtures, "conftest__hcl1__gke-show.json")).changes == []


def test_state_is_not_a_plan(fixtures: Path) -> None:
    with pytest.raises(PlanError):
        analyze(load(fixtures, "terraform-json__no_changes__state.json"))
    with pytest.raises(PlanError):
        analyze({"format_version": "2.0", "resource_changes": []})


def synthetic(fixtures: Path, tmp_path: Path, types: dict[str, str]) -> Path:
    """SYNTHETIC: the real all-action-kinds plan with some resource types renamed."""
    doc = load(fixtures, "plan-all-action-kinds.json")
    for rc in doc["resource_changes"]:  # type: ignore[attr-defined]
        if rc["address"] in types:
            rc["type"] = types[rc["address"]]
            rc["address"] = rc["address"].replace("terraform_data", types[rc["address"]])
    out = tmp_path / "synthetic-plan.json"
    out.write_text(json.dumps(doc))
    return out


def test_data_bearing_replace_both_orders(fixtures: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = synthetic(fixtures, tmp_path, {"terraform_data.db": "aws_db_instance",
                                          "terraform_data.lb": "aws_s3_bucket",
                                          "terraform_data.old": "aws_ebs_volume"})
    assert cli(["tf", "plan", str(path)]) == 1
    out = capsys.readouterr().out
    assert "aws_db_instance.db" in out and "DATA LOSS: 2" in out  # forget loses no data
    path = synthetic(fixtures, tmp_path, {"terraform_data.old": "aws_ebs_volume"})
    assert cli(["tf", "plan", str(path)]) == 0


def test_formats(fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = synthetic(fixtures, tmp_path, {"terraform_data.bucket": "google_storage_bucket"})
    assert cli(["tf", "plan", "--format", "json", str(path)]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["data_loss"] and len(doc["changes"]) == 6
    assert cli(["tf", "plan", "--format", "sarif", str(path)]) == 1
    sarif = json.loads(capsys.readouterr().out)
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results].count("TFS005") == 1
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    assert cli(["tf", "plan", "--format", "markdown", str(path)]) == 1
    md = capsys.readouterr().out
    assert md.startswith("### :stop_sign:") and "| `google_storage_bucket.bucket` |" in md.replace(
        ":x: | delete | ", "")


@pytest.mark.parametrize(("rtype", "expected"), [
    ("aws_db_instance", True), ("aws_rds_cluster", True), ("aws_s3_bucket", True),
    ("aws_efs_file_system", True), ("aws_elasticache_replication_group", True),
    ("aws_sqs_queue", True), ("aws_kms_key", True), ("azurerm_key_vault", True),
    ("google_compute_disk", True), ("azurerm_mssql_database", True),
    ("aws_lightsail_disk", True), ("custom_database_cluster", True),
    ("aws_s3_bucket_policy", False), ("aws_route_table", False), ("aws_key_pair", False),
    ("aws_volume_attachment", False), ("aws_instance", False), ("terraform_data", False),
    ("aws_iam_role", False),
])
def test_data_bearing_types(rtype: str, expected: bool) -> None:
    assert (data_bearing(rtype) is not None) is expected


def test_real_binary_plan(tf: TF, prod: tuple[Path, Path],
                          capsys: pytest.CaptureFixture[str]) -> None:
    root, _ = prod
    write_config(root, "vpc", "db")
    tf(root, "plan", "-replace=terraform_data.db", "-out=p.tfplan")
    assert cli(["tf", "plan", str(root / "p.tfplan")]) == 0
    out = capsys.readouterr().out
    assert "terraform_data.cache" in out and "removed from the configuration" in out
    assert "requested with -replace" in out
    assert cli(["tf", "plan", str(root / "missing.tfplan")]) == 2
