"""The plan gate: what a Terraform plan would delete, replace or forget, and whether data goes.

Input is the JSON of ``terraform show -json PLANFILE`` (format 0.x and 1.x); a binary plan is
turned into it by running ``terraform show -json`` in the plan's directory.
"""

from __future__ import annotations

import json
import os
import re

#: resource types that hold data (or keys to it): deleting or replacing one loses it
DATA_BEARING = frozenset(
    """aws_db_instance aws_rds_cluster aws_rds_cluster_instance aws_rds_global_cluster
    aws_db_snapshot aws_db_cluster_snapshot aws_s3_bucket aws_s3_object aws_s3_directory_bucket
    aws_dynamodb_table aws_dynamodb_global_table aws_ebs_volume aws_ebs_snapshot
    aws_efs_file_system aws_fsx_lustre_file_system aws_fsx_windows_file_system
    aws_fsx_ontap_file_system aws_fsx_openzfs_file_system aws_elasticache_cluster
    aws_elasticache_replication_group aws_elasticache_serverless_cache
    aws_elasticache_global_replication_group aws_memorydb_cluster aws_redshift_cluster
    aws_redshiftserverless_namespace aws_docdb_cluster aws_docdb_cluster_instance
    aws_neptune_cluster aws_opensearch_domain aws_elasticsearch_domain aws_kinesis_stream
    aws_msk_cluster aws_sqs_queue aws_sns_topic aws_backup_vault aws_kms_key
    aws_secretsmanager_secret aws_ssm_parameter aws_ecr_repository aws_cloudwatch_log_group
    aws_cognito_user_pool aws_route53_zone aws_timestream_database aws_timestream_table
    aws_qldb_ledger aws_keyspaces_table aws_glacier_vault aws_lightsail_database
    google_sql_database_instance google_sql_database google_storage_bucket
    google_bigquery_dataset google_bigquery_table google_spanner_instance google_spanner_database
    google_bigtable_instance google_bigtable_table google_firestore_database
    google_alloydb_cluster google_alloydb_instance google_redis_instance google_memcache_instance
    google_filestore_instance google_compute_disk google_compute_region_disk
    google_compute_snapshot google_kms_crypto_key google_kms_key_ring google_project
    google_container_cluster google_pubsub_topic google_pubsub_subscription
    google_secret_manager_secret google_artifact_registry_repository
    azurerm_resource_group azurerm_mssql_server azurerm_mssql_database
    azurerm_mssql_managed_instance azurerm_sql_server azurerm_sql_database
    azurerm_postgresql_server azurerm_postgresql_database azurerm_postgresql_flexible_server
    azurerm_postgresql_flexible_server_database azurerm_mysql_server azurerm_mysql_database
    azurerm_mysql_flexible_server azurerm_mysql_flexible_database azurerm_mariadb_server
    azurerm_cosmosdb_account azurerm_cosmosdb_sql_database azurerm_cosmosdb_sql_container
    azurerm_cosmosdb_mongo_database azurerm_cosmosdb_mongo_collection azurerm_storage_account
    azurerm_storage_container azurerm_storage_share azurerm_storage_blob azurerm_storage_queue
    azurerm_storage_table azurerm_managed_disk azurerm_snapshot azurerm_redis_cache
    azurerm_key_vault azurerm_key_vault_key azurerm_key_vault_secret
    azurerm_key_vault_certificate azurerm_recovery_services_vault azurerm_data_protection_backup_vault
    azurerm_servicebus_namespace azurerm_servicebus_queue azurerm_eventhub_namespace
    azurerm_kusto_cluster azurerm_kusto_database azurerm_synapse_workspace
    kubernetes_persistent_volume_claim kubernetes_persistent_volume kubernetes_namespace
    kubernetes_persistent_volume_claim_v1 kubernetes_persistent_volume_v1 kubernetes_namespace_v1
    kubernetes_secret kubernetes_secret_v1 helm_release digitalocean_database_cluster
    digitalocean_volume digitalocean_spaces_bucket""".split()
)
#: the fallback: a word of the type name that names data
_DATA_WORDS = frozenset(
    """db database databases sql rds dynamodb bucket buckets storage volume volumes disk disks
    table tables snapshot snapshots backup backups cache redis memcache efs fsx filestore
    bigquery spanner bigtable cosmosdb redshift docdb neptune opensearch elasticsearch kms queue
    queues secret secrets vault vaults key keys keyspace ledger""".split()
)
#: words that make a type a setting *of* a data-bearing thing, not the thing itself
_NOT_DATA_WORDS = frozenset(
    """policy acl association attachment iam member binding notification configuration
    block controls logging versioning tag tags accelerate metric inventory analytics rule
    rules permission permissions pair grant alias route subnet parameter option proxy endpoint
    access role roles user users assignment link route_table lifecycle cors website replication
    ownership intelligent event subscription trigger""".split()
)
_DESTROY_REASON = {
    "delete_because_no_resource_config": "its block was removed from the configuration",
    "delete_because_wrong_repetition": "count/for_each was added or removed",
    "delete_because_count_index": "its count index is no longer in range",
    "delete_because_each_key": "its for_each key is gone",
    "delete_because_no_module": "its module was removed",
    "delete_because_no_move_target": "its moved target does not exist",
    "replace_because_cannot_update": "a changed attribute forces a new resource",
    "replace_because_tainted": "it is tainted",
    "replace_by_request": "requested with -replace",
    "replace_by_triggers": "a replace_triggered_by reference changed",
}


def data_bearing(rtype: str) -> str | None:
    """Why ``rtype`` holds data: ``"listed"``, ``"name: <word>"``, or None."""
    if rtype in DATA_BEARING:
        return "listed"
    words = rtype.lower().split("_")[1:] or rtype.lower().split("_")
    if any(w in _NOT_DATA_WORDS for w in words):
        return None
    for w in words:
        if w in _DATA_WORDS:
            return f"type name: {w}"
    return None


class PlanError(Exception):
    """The plan cannot be read."""


class Change:
    __slots__ = ("actions", "address", "data", "deposed", "guards", "kind", "reason", "rtype")

    def __init__(self, address: str, rtype: str, actions: list[str], kind: str,
                 reason: str | None, data: str | None, deposed: str | None,
                 guards: list[str]) -> None:
        self.address = address
        self.rtype = rtype
        self.actions = actions
        #: delete, replace (delete then create), replace-cbd (create then delete), forget
        self.kind = kind
        self.reason = reason
        self.data = data
        self.deposed = deposed
        self.guards = guards

    @property
    def loses_data(self) -> bool:
        return self.data is not None and self.kind in ("delete", "replace", "replace-cbd")

    @property
    def reason_text(self) -> str:
        if self.reason is None:
            return "destroy requested" if self.kind == "delete" else ""
        return _DESTROY_REASON.get(self.reason, self.reason)

    def to_dict(self) -> dict[str, object]:
        return {"address": self.address, "type": self.rtype, "actions": self.actions,
                "kind": self.kind, "action_reason": self.reason, "reason": self.reason_text,
                "data_bearing": self.data is not None, "data_bearing_why": self.data,
                "deposed": self.deposed, "weakened_guards": self.guards}


class PlanReport:
    __slots__ = ("changes", "complete", "creates", "errored", "foreign", "format_version",
                 "prior", "source", "tf_version", "updates")

    def __init__(self, source: str) -> None:
        self.source = source
        self.changes: list[Change] = []
        self.prior = 0
        self.creates = 0
        self.updates = 0
        self.foreign = False
        self.errored = False
        self.complete = True
        self.format_version = ""
        self.tf_version = ""

    @property
    def data_loss(self) -> list[Change]:
        return [c for c in self.changes if c.loses_data]

    @property
    def dangerous(self) -> bool:
        """Exit 1 / deny: data-bearing deletes or replaces, or a foreign state."""
        return bool(self.data_loss) or self.foreign

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    def summary(self) -> str:
        bits = []
        for kind, label in (("delete", "delete"), ("replace", "replace"),
                            ("replace-cbd", "replace (create first)"), ("forget", "forget")):
            n = self.count(kind)
            if n:
                bits.append(f"{n} to {label}")
        if not bits:
            return "nothing is deleted, replaced or forgotten"
        return ", ".join(bits)


def _guards(before: object, after: object) -> list[str]:
    out: list[str] = []
    if not isinstance(before, dict) or not isinstance(after, dict):
        return out
    if before.get("deletion_protection") is True and after.get("deletion_protection") is False:
        out.append("deletion_protection turned off")
    if before.get("skip_final_snapshot") is False and after.get("skip_final_snapshot") is True:
        out.append("skip_final_snapshot turned on")
    if after.get("delete_automated_backups") is True and \
            before.get("delete_automated_backups") is not True:
        out.append("delete_automated_backups turned on")
    if before.get("force_destroy") is False and after.get("force_destroy") is True:
        out.append("force_destroy turned on")
    return out


def analyze(doc: object, source: str = "plan") -> PlanReport:
    if not isinstance(doc, dict):
        raise PlanError("not a JSON object")
    fv = doc.get("format_version")
    if not isinstance(fv, str) or not re.match(r"^[01]\.", fv):
        raise PlanError(f"unknown plan format_version {fv!r} (expected 0.x or 1.x)")
    if "resource_changes" not in doc and "planned_values" not in doc:
        raise PlanError("not a plan (no resource_changes): is this a state?")
    rep = PlanReport(source)
    rep.format_version = fv
    tfv = doc.get("terraform_version")
    rep.tf_version = tfv if isinstance(tfv, str) else ""
    rep.errored = doc.get("errored") is True
    rep.complete = doc.get("complete") is not False
    prior = doc.get("prior_state")
    if isinstance(prior, dict):
        rep.prior = _count_prior(prior.get("values"))
    no_config = 0
    for rc in doc.get("resource_changes") or []:
        if not isinstance(rc, dict):
            continue
        change = rc.get("change")
        if not isinstance(change, dict):
            continue
        actions = [a for a in change.get("actions") or [] if isinstance(a, str)]
        if actions == ["create"]:
            rep.creates += 1
        elif actions == ["update"]:
            rep.updates += 1
            guards = _guards(change.get("before"), change.get("after"))
            if guards:
                rtype = str(rc.get("type", ""))
                rep.changes.append(Change(str(rc.get("address", "?")), rtype, actions, "weaken",
                                          None, data_bearing(rtype), None, guards))
            continue
        if "delete" in actions:
            kind = "delete" if actions == ["delete"] else (
                "replace-cbd" if actions[:1] == ["create"] else "replace")
        elif actions == ["forget"]:
            kind = "forget"
        else:
            continue
        if rc.get("mode") == "data":
            continue
        reason = rc.get("action_reason")
        reason = reason if isinstance(reason, str) else None
        if reason == "delete_because_no_resource_config" and kind == "delete":
            no_config += 1
        rtype = str(rc.get("type", ""))
        deposed = rc.get("deposed")
        rep.changes.append(Change(
            str(rc.get("address", "?")), rtype, actions, kind, reason, data_bearing(rtype),
            deposed if isinstance(deposed, str) else None,
            _guards(change.get("before"), change.get("after"))))
    if rep.prior >= 2 and no_config * 2 > rep.prior:
        rep.foreign = True
    return rep


def _count_prior(values: object) -> int:
    if not isinstance(values, dict):
        return 0
    n = 0
    stack = [values.get("root_module")]
    while stack:
        mod = stack.pop()
        if not isinstance(mod, dict):
            continue
        for r in mod.get("resources") or []:
            if isinstance(r, dict) and r.get("mode", "managed") == "managed":
                n += 1
        stack.extend(mod.get("child_modules") or [])
    return n


def is_binary_plan(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def load_plan(path: str, *, program: str = "terraform", cwd: str | None = None,
              timeout: float = 60.0, env: dict[str, str] | None = None) -> object:
    """The JSON document of a plan file (binary plans go through ``terraform show -json``)."""
    import subprocess

    if not os.path.isfile(path):
        raise PlanError(f"{path}: no such file")
    if not is_binary_plan(path):
        try:
            with open(path, "rb") as fh:
                data = fh.read(256 * 1024 * 1024)
            return json.loads(data)
        except (OSError, ValueError) as exc:
            raise PlanError(f"{path}: neither a saved plan nor plan JSON ({exc})") from None
    import shutil

    exe = shutil.which(program) or (shutil.which("terraform") if program != "terraform" else None)
    if exe is None:
        raise PlanError(f"{path} is a binary plan and `{program}` is not on PATH to read it")
    run_env = dict(os.environ)
    run_env.update(env or {})
    run_env.setdefault("CHECKPOINT_DISABLE", "1")
    run_env.setdefault("TF_IN_AUTOMATION", "1")
    run_env["TF_INPUT"] = "0"
    try:
        proc = subprocess.run([exe, "show", "-json", "-no-color", os.path.abspath(path)],
                              cwd=cwd or os.path.dirname(os.path.abspath(path)),
                              capture_output=True, timeout=timeout, env=run_env, check=False,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PlanError(f"`{program} show -json` failed: {exc}") from None
    if proc.returncode != 0:
        err = proc.stderr.decode(errors="replace").strip().splitlines()
        msg = next((ln.strip("│ ").strip() for ln in err if "Error" in ln), err[0] if err else "")
        raise PlanError(f"`{program} show -json {os.path.basename(path)}` failed: {msg}")
    try:
        return json.loads(proc.stdout)
    except ValueError:
        raise PlanError(f"`{program} show -json` did not print JSON") from None


# --- output --------------------------------------------------------------------------------

_KIND_LABEL = {"delete": "delete", "replace": "replace (delete, then create)",
               "replace-cbd": "replace (create, then delete)", "forget": "forget (kept, unmanaged)",
               "weaken": "guard weakened"}


def verdict_line(rep: PlanReport) -> str:
    if rep.foreign:
        return ("DATA LOSS: most resources of the prior state would be deleted because this "
                "configuration has no block for them (a foreign state, or the wrong root or "
                "workspace)")
    if rep.data_loss:
        return f"DATA LOSS: {len(rep.data_loss)} data-bearing resource(s) would be deleted or " \
               "replaced"
    if rep.changes:
        return "no data-bearing resource is deleted or replaced"
    return "nothing is deleted, replaced or forgotten"


def format_text(rep: PlanReport) -> str:
    lines = [f"plan {rep.source}: {rep.creates} to create, {rep.updates} to update, "
             f"{rep.summary()}"]
    for c in rep.changes:
        mark = "!" if c.loses_data else " "
        line = f" {mark} {_KIND_LABEL[c.kind]:<30} {c.address}"
        extra = []
        if c.reason_text:
            extra.append(c.reason_text)
        if c.data:
            extra.append(f"data-bearing ({c.data})")
        if c.deposed:
            extra.append(f"deposed object {c.deposed}")
        extra.extend(c.guards)
        if extra:
            line += "  [" + "; ".join(extra) + "]"
        lines.append(line)
    if rep.errored or not rep.complete:
        lines.append("  note: the plan is " + ("errored" if rep.errored else "incomplete") +
                     "; do not apply it")
    lines.append(verdict_line(rep))
    return "\n".join(lines) + "\n"


def format_json(rep: PlanReport) -> str:
    doc = {"plan": rep.source, "terraform_version": rep.tf_version,
           "format_version": rep.format_version, "data_loss": rep.dangerous,
           "foreign_state": rep.foreign, "errored": rep.errored, "complete": rep.complete,
           "creates": rep.creates, "updates": rep.updates, "prior_resources": rep.prior,
           "changes": [c.to_dict() for c in rep.changes], "verdict": verdict_line(rep)}
    return json.dumps(doc, indent=2) + "\n"


def format_markdown(rep: PlanReport) -> str:
    icon = ":stop_sign:" if rep.dangerous else (":warning:" if rep.changes else
                                                 ":white_check_mark:")
    out = [f"### {icon} railguard plan gate: {verdict_line(rep)}", "",
           f"`{rep.source}`: {rep.creates} to create, {rep.updates} to update, {rep.summary()}."]
    if rep.changes:
        out += ["", "| | action | resource | reason | data |", "|---|---|---|---|---|"]
        for c in rep.changes:
            mark = ":x:" if c.loses_data else ""
            data = f"yes ({c.data})" if c.data else "no"
            reason = "; ".join(x for x in [c.reason_text, *c.guards] if x)
            out.append(f"| {mark} | {_KIND_LABEL[c.kind]} | `{c.address}` | "
                       f"{reason.replace('|', '/')} | {data} |")
    if rep.errored or not rep.complete:
        out += ["", "**The plan is errored or incomplete: do not apply it.**"]
    if rep.dangerous:
        out += ["", "Data would be lost. Check that this is intended (snapshots, backups, "
                "`prevent_destroy`) before applying."]
    return "\n".join(out) + "\n"


def format_sarif(rep: PlanReport) -> str:
    from railguard import __version__

    rules = [
        {"id": "TFS005", "name": "DataBearingDeleteOrReplace",
         "shortDescription": {"text": "A data-bearing resource would be deleted or replaced"},
         "defaultConfiguration": {"level": "error"}},
        {"id": "TFS006", "name": "DeleteReplaceOrForget",
         "shortDescription": {"text": "A resource would be deleted, replaced or forgotten"},
         "defaultConfiguration": {"level": "warning"}},
    ]
    results: list[dict[str, object]] = []
    uri = rep.source
    for c in rep.changes:
        rid = "TFS005" if c.loses_data else "TFS006"
        level = "error" if c.loses_data else ("note" if c.kind == "forget" else "warning")
        text = f"{c.address}: {_KIND_LABEL[c.kind]}"
        if c.reason_text:
            text += f" ({c.reason_text})"
        if c.data:
            text += f"; data-bearing ({c.data})"
        if c.guards:
            text += "; " + "; ".join(c.guards)
        results.append({
            "ruleId": rid, "level": level, "message": {"text": text},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}},
                           "logicalLocations": [{"name": c.address,
                                                 "fullyQualifiedName": c.address,
                                                 "kind": "resource"}]}],
            "properties": {"actions": c.actions, "type": c.rtype,
                           "action_reason": c.reason},
        })
    if rep.foreign:
        results.append({"ruleId": "TFS005", "level": "error",
                        "message": {"text": verdict_line(rep)},
                        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]})
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "railguard", "version": __version__,
                              "rules": rules}},
                  "results": results}],
    }
    return json.dumps(doc, indent=2) + "\n"


FORMATS = {"text": format_text, "json": format_json, "markdown": format_markdown,
           "sarif": format_sarif}
