"""The tfstate pack: the evidence behind Terraform commands, not their verbs.

The iac pack judges terraform verbs (destroy, apply, plan). This pack adds what only the files
on disk can tell: an agent writing over a state file; a stale or swapped state in place before a
command that changes infrastructure; a `state push` of an older or unrelated state; a saved plan
that deletes data. It reads files only for terraform/tofu/terragrunt calls that touch state, for
writes whose target is a state file, and for archive extraction into a folder holding one.
"""

from __future__ import annotations

import os

from railguard.model import Finding, Verdict
from railguard.rules.base import Example, Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from railguard.model import Action, Invocation, Word
    from railguard.rules.base import Context
    from railguard.shell.find import Cond, FindCommand
    from railguard.terraform.command import TfCommand
    from railguard.terraform.state import RootReport

RULES = [
    Rule(
        "TFS001", "Write onto a Terraform state file", Verdict.DENY,
        why="The state file is Terraform's only record of what exists. Copying, moving, "
            "unpacking or downloading another state over it (an old laptop's copy, a backup) "
            "makes the next `terraform destroy` or `apply` act on the wrong infrastructure: "
            "Terraform does not compare a state put in place by hand with anything. A new "
            "`terraform.tfstate.backup` written beside a state hides a stale or swapped state "
            "from the only comparison there is.",
        instead="Leave state files to Terraform. To look at another state, copy it to a new "
                "name outside the root (`cp old.tfstate /tmp/old.tfstate`) and compare with "
                "`railguard tf state`; if the state really must be replaced, tell the user.",
        bad=[
            "cp old.tfstate infra/terraform.tfstate",
            "mv infra/terraform.tfstate.backup infra/terraform.tfstate",
            "terraform state pull > infra/terraform.tfstate",
            "curl -o infra/terraform.tfstate https://example.com/state",
            "cat /tmp/x.json | tee infra/terraform.tfstate",
            "aws s3 cp old.tfstate s3://corp-tf/prod/terraform.tfstate",
            Example(tool="Write", file_path="infra/terraform.tfstate", content="{}"),
            Example(tool="Write", file_path="infra/terraform.tfstate.backup", content="{}"),
            Example(tool="Edit", file_path="infra/terraform.tfstate", old_string="3",
                    new_string="4"),
        ],
        good=[
            "cp infra/terraform.tfstate /tmp/state-copy.tfstate",
            "terraform state pull > /tmp/pulled.tfstate",
            "cat infra/terraform.tfstate",
            "cp infra/main.tf /tmp/main.tf",
            Example(tool="Read", file_path="infra/terraform.tfstate"),
            Example(tool="Write", file_path="infra/notes.md", content="state notes"),
        ],
    ),
    Rule(
        "TFS002", "Archive unpacked over a folder that holds Terraform state", Verdict.ASK,
        why="Unpacking an archive into a Terraform root can put an old state file in place "
            "(the incident behind this rule started that way). railguard could not list the "
            "archive to rule it out.",
        instead="Unpack into an empty folder (`mkdir /tmp/unpacked && tar -xf x.tgz -C "
                "/tmp/unpacked`), look at what it holds, and copy only the files you need.",
        bad=["tar -xzf missing-archive.tgz -C infra"],
        good=["tar -xzf missing-archive.tgz -C /tmp/unpacked", "tar -czf /tmp/infra.tgz infra"],
    ),
    Rule(
        "TFS003", "Stale or swapped Terraform state before a change", Verdict.DENY,
        why="The state in place does not look like the real latest one: its serial is not "
            "above its backup's, its lineage differs from the backup's or from the one railguard "
            "last saw for this root, its serial went backwards, it sits beside a remote backend, "
            "or most of its resources have no block in the configuration; or an earlier part of "
            "the same command replaces it. Applying or destroying with such a state deletes or "
            "duplicates real infrastructure.",
        instead="Do not apply, destroy or import with this state. Find the real latest state "
                "(`terraform state pull` from the backend, the newest `terraform.tfstate.backup`, "
                "the machine that applied last), compare serial and lineage with `railguard tf "
                "state`, and ask the user to put the right one back. Never use `-force`.",
        bad=["cp /tmp/old.tfstate infra/terraform.tfstate && terraform -chdir=infra destroy",
             "tar -xzf /tmp/laptop.tgz -C infra; cd infra && terraform apply -auto-approve"],
        good=["terraform -chdir=infra plan", "terraform -chdir=infra state list",
              "terraform -chdir=infra apply -auto-approve",
              "cp /tmp/old.tfstate /tmp/compare.tfstate && terraform -chdir=infra plan"],
    ),
    Rule(
        "TFS004", "`terraform state push` of an older, unrelated or forced state", Verdict.DENY,
        why="`state push -force` skips Terraform's only lineage and serial check, and pushing "
            "into an empty state skips it too: the real state is overwritten and everything it "
            "recorded is forgotten or destroyed on the next apply.",
        instead="Do not push. Compare the two states (`railguard tf state`, serial and lineage) "
                "and let the user decide which one is real.",
        bad=["terraform -chdir=infra state push -force /tmp/old.tfstate"],
        good=["terraform -chdir=infra state pull"],
    ),
    Rule(
        "TFS005", "Terraform change that deletes or replaces data", Verdict.DENY,
        why="The change deletes or replaces a data-bearing resource (a database, bucket, "
            "volume, file system, cache, queue, secret or key): `apply PLANFILE` whose plan does "
            "so (it never asks for confirmation), `-replace=` or `taint` of such a resource, or "
            "a plan that deletes most of the state's resources because the configuration has "
            "no block for them (a foreign state). The data is gone for good.",
        instead="Show the plan to the user (`terraform plan -out=plan.out`, then `railguard tf "
                "plan plan.out`) and let them apply it if the loss is intended; protect data "
                "with snapshots and `lifecycle { prevent_destroy = true }`.",
        bad=["terraform -chdir=infra apply -replace=aws_db_instance.orders",
             "terraform taint aws_rds_cluster.main",
             "tofu apply -auto-approve -replace 'module.data.google_sql_database_instance.db'"],
        good=["terraform -chdir=infra show -json plan.out",
              "terraform -chdir=infra apply -replace=terraform_data.x",
              "terraform taint aws_instance.web"],
    ),
    Rule(
        "TFS006", "Saved plan deletes, replaces or forgets resources", Verdict.ASK,
        why="`terraform apply PLANFILE` applies without a prompt; this plan deletes, replaces or "
            "forgets resources (or could not be read), so a person should look at it first.",
        instead="Show the plan (`railguard tf plan PLANFILE`) and let the user confirm.",
        bad=["terraform -chdir=infra apply missing.tfplan"],
        good=["terraform -chdir=infra plan -out=plan.out"],
    ),
]

RULES.append(Rule(
    "TFS007", "Terraform state deleted or moved away", Verdict.DENY,
    why="The local state file is Terraform's only record of which real resources it manages. "
        "Deleting, moving, truncating or restoring an old version of it (`rm "
        "terraform.tfstate`, `mv terraform.tfstate x`, `git rm`, `git checkout -- "
        "terraform.tfstate`) makes Terraform forget every resource: the next apply creates "
        "duplicates next to the live ones, and nothing destroys or updates the originals. The "
        "backup (`terraform.tfstate.backup`) is the only way back from a bad apply.",
    instead="Leave state files in place. To start over in a copy, work in another folder or "
            "workspace (`terraform workspace new scratch`); to stop managing a resource use "
            "`terraform state rm ADDRESS`; to move state, use `terraform init -migrate-state`. "
            "If the state really must go, tell the user.",
    bad=["rm infra/terraform.tfstate", "mv infra/terraform.tfstate /tmp/old.tfstate",
         "git rm infra/terraform.tfstate", "truncate -s 0 infra/terraform.tfstate",
         "rm -rf infra", "cd infra && rm -f terraform.tfstate"],
    good=["rm -rf infra/.terraform", "rm /tmp/state-copy.tfstate",
          "git rm --cached infra/terraform.tfstate", "cp infra/terraform.tfstate /tmp/s.json",
          "rm infra/main.tf.orig"],
))

PROGRAMS = None  # a redirect of any program can write a state file

_COPIERS = frozenset({"cp", "mv", "install", "ln", "rsync", "scp"})
_EXTRACTORS = frozenset({"tar", "unzip", "bsdtar", "gtar"})
_CLOUD_COPY = frozenset({"aws", "gsutil", "gcloud", "az"})


# --- state files as write targets ------------------------------------------------------------


def _guarded(path: str) -> bool:
    """A state-named path whose writing matters: it exists, or terraform would use it."""
    from railguard.terraform.state import is_state_name

    if not is_state_name(path):
        # ``TERRAFORM.TFSTATE`` is the state itself on a file system that ignores case (macOS)
        return os.path.lexists(path) and is_state_name(path.lower())
    if os.path.lexists(path):
        return True
    base = os.path.basename(path)
    if base == "terraform.tfstate" or "/terraform.tfstate.d/" in path:
        return True
    folder = os.path.dirname(path)
    if _backup_of(path) is not None:
        return True
    try:
        return any(n.endswith((".tf", ".tf.json")) for n in os.listdir(folder))
    except OSError:
        return False


def _backup_of(path: str) -> str | None:
    """The existing state that ``path`` would be a backup of (``X.backup``, ``X.<n>.backup``
    beside the state ``X``): the stale-state check compares a state with its newest backup, so
    a backup planted by hand fools it."""
    base = os.path.basename(path)
    if not base.endswith(".backup"):
        return None
    folder = os.path.dirname(path)
    try:
        names = os.listdir(folder)
    except OSError:
        return None
    for n in names:
        if n != base and n.endswith(".tfstate") and base.startswith(n + ".") and \
                os.path.isfile(os.path.join(folder, n)):
            return os.path.join(folder, n)
    return None


def _what(path: str, ctx: Context) -> str:
    from railguard.terraform.state import read_snapshot

    rel = ctx.rel(path)
    if not os.path.exists(path):
        state = _backup_of(path)
        if state is not None:
            return (f"{rel} (a new backup beside the state {ctx.rel(state)}: railguard and "
                    "people judge whether a state is the latest by comparing it with its "
                    "backup, so a backup made by hand hides a stale or swapped state)")
        return f"{rel} (a new state file where terraform would pick it up)"
    snap = read_snapshot(path)
    if snap is None:
        return rel
    if snap.backend is not None:
        return f"{rel} (the backend settings written by `terraform init`)"
    if snap.is_state:
        return f"{rel}, the Terraform state ({snap.describe()})"
    return f"{rel}, a Terraform state file"


def _dir_targets(inv: Invocation, target: str, ctx: Context) -> list[str]:
    """Files a copy into the existing directory ``target`` would write."""
    import glob

    from railguard.shell.effects import read_targets
    from railguard.terraform.state import is_state_name

    out: list[str] = []
    for src in read_targets(inv):
        if src.dynamic:
            continue
        spath = ctx.resolve(src.text, inv.cwd)
        if spath is None:
            continue
        paths = glob.glob(spath)[:500] if src.glob else [spath]
        for p in paths:
            if os.path.isdir(p):
                into = target if src.text.endswith("/") and inv.name == "rsync" else \
                    os.path.join(target, os.path.basename(p.rstrip("/")))
                try:
                    names = os.listdir(p)
                except OSError:
                    continue
                out.extend(os.path.join(into, n) for n in names if is_state_name(n))
            elif is_state_name(p):
                out.append(os.path.join(target, os.path.basename(p)))
    return out


_METADATA_ONLY = frozenset({"touch", "chmod", "chown", "chgrp", "setfacl", "mkdir"})


def _written(inv: Invocation) -> list[Word]:
    from railguard.shell.effects import write_targets

    if inv.name in _METADATA_ONLY:
        return [r.target for r in inv.redirects if r.writes and r.target is not None]
    return write_targets(inv)


def _write_findings(inv: Invocation, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    verb = inv.name or "this command"
    if inv.name == "truncate":
        return out  # emptying a state: TFS007
    for w in _written(inv):
        if w.dynamic:
            continue
        # a glob writes onto what it matches when the command runs (``cp old infra/*.tfstate``)
        for path in _spelled(w, inv, ctx) if w.glob else [ctx.resolve(w.text, inv.cwd)]:
            out.extend(_written_over(inv, path, verb, ctx))
    return out


def _written_over(inv: Invocation, path: str | None, verb: str,
                  ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    if path is not None:
        targets = [path]
        if inv.name in _COPIERS and os.path.isdir(path):
            targets = _dir_targets(inv, path, ctx)
        for t in targets:
            if _guarded(t):
                out.append(Finding("TFS001", f"`{verb}` would write over {_what(t, ctx)}",
                                   subject=t))
    return out


def _cloud_findings(inv: Invocation) -> list[Finding]:
    from railguard.terraform.state import is_state_name

    words = [w.text for w in inv.args]
    name = inv.name
    dest = None
    if name == "aws" and words[:1] == ["s3"] and len(words) > 1 and words[1] in ("cp", "mv"):
        ops = [t for t in words[2:] if not t.startswith("-")]
        dest = ops[-1] if len(ops) >= 2 else None
    elif name == "gsutil" or (name == "gcloud" and words[:1] == ["storage"]):
        rest = words[1:] if name == "gcloud" else words
        rest = [t for t in rest if not t.startswith("-")]
        if rest[:1] and rest[0] in ("cp", "mv") and len(rest) >= 3:
            dest = rest[-1]
    elif name == "az" and words[:3] == ["storage", "blob", "upload"]:
        for i, t in enumerate(words):
            if t in ("--name", "-n") and i + 1 < len(words):
                dest = words[i + 1]
    if dest and (is_state_name(dest) or dest.endswith("/")) and (
            "://" in dest or name == "az") and is_state_name(dest):
        return [Finding("TFS001", f"`{name}` would overwrite the Terraform state object {dest} "
                        "in the backend's storage, bypassing every check Terraform makes",
                        subject=dest)]
    return []


# --- archives ------------------------------------------------------------------------------


def _archive_members(path: str) -> list[str] | None:
    """The member names of a tar or zip archive, None when it cannot be listed."""
    try:
        if os.path.getsize(path) > 512 * 1024 * 1024:
            return None
    except OSError:
        return None
    import tarfile
    import zipfile

    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                return zf.namelist()
        with tarfile.open(path) as tf:
            return tf.getnames()
    except (OSError, tarfile.TarError, zipfile.BadZipFile, EOFError, ValueError):
        return None


def _extraction(inv: Invocation, ctx: Context) -> tuple[str, str | None] | None:
    """(destination dir, archive path or None) of an extraction, or None when not one."""
    words = [w.text for w in inv.args]
    if inv.name == "unzip":
        dest = inv.cwd
        archive = None
        i = 0
        while i < len(words):
            t = words[i]
            if t == "-d" and i + 1 < len(words):
                dest = ctx.resolve(words[i + 1], inv.cwd)
                i += 2
                continue
            if not t.startswith("-") and archive is None:
                archive = t
            i += 1
        if dest is None:
            return None
        return dest, (ctx.resolve(archive, inv.cwd) if archive else None)
    first = words[0] if words else ""
    cluster = first.lstrip("-") if first and not first.startswith("--") else ""
    extracting = "x" in cluster or "--extract" in words or "--get" in words
    if not extracting:
        return None
    dest = inv.cwd
    archive = None
    for i, t in enumerate(words):
        if t in ("-C", "--directory") and i + 1 < len(words):
            dest = ctx.resolve(words[i + 1], inv.cwd)
        elif t.startswith("--directory="):
            dest = ctx.resolve(t.split("=", 1)[1], inv.cwd)
        elif t in ("-f", "--file") and i + 1 < len(words):
            archive = words[i + 1]
        elif t.startswith("--file="):
            archive = t.split("=", 1)[1]
    if archive is None and cluster and "f" in cluster:
        after = cluster[cluster.index("f") + 1:]
        if after:
            archive = after
        elif len(words) > 1:
            archive = words[1]
    if dest is None:
        return None
    if archive in (None, "-"):
        return dest, None
    return dest, ctx.resolve(archive, inv.cwd)


def _is_root(folder: str) -> bool:
    """Does ``folder`` look like a Terraform root (configuration or state in it)?"""
    from railguard.terraform.state import is_state_name

    try:
        names = os.listdir(folder)
    except OSError:
        return False
    return any(n.endswith((".tf", ".tf.json")) or is_state_name(n) for n in names)


def _state_files_in(folder: str) -> list[str]:
    from railguard.terraform.state import is_state_name

    try:
        names = os.listdir(folder)
    except OSError:
        return []
    out = [os.path.join(folder, n) for n in names if is_state_name(n)]
    if "terraform.tfstate.d" in names:
        out.append(os.path.join(folder, "terraform.tfstate.d"))
    return out


def _extract_findings(inv: Invocation, ctx: Context) -> list[Finding]:
    from railguard.terraform.state import is_state_name

    ext = _extraction(inv, ctx)
    if ext is None:
        return []
    dest, archive = ext
    present = _state_files_in(dest)
    members = _archive_members(archive) if archive else None
    if members is not None:
        hits = [m for m in members if is_state_name("/" + m.lstrip("./"))]
        out = []
        for m in hits[:5]:
            target = os.path.normpath(os.path.join(dest, m))
            if os.path.lexists(target) or _is_root(os.path.dirname(target)):
                out.append(Finding("TFS001", f"`{inv.name}` would unpack {m} from "
                                   f"{ctx.rel(archive or '')} over {_what(target, ctx)}",
                                   subject=target))
        return out
    if not present:
        return []
    shown = ", ".join(ctx.rel(p) for p in present[:3])
    what = f"the archive {ctx.rel(archive)}" if archive else "an archive read from a pipe"
    return [Finding("TFS002", f"`{inv.name}` unpacks {what} into {ctx.rel(dest)}, which holds "
                    f"Terraform state ({shown}); railguard could not list the archive to see "
                    "whether it would replace it", subject=dest)]


# --- terraform commands ----------------------------------------------------------------------


def _stale_finding(cmd: TfCommand, rep: RootReport, ctx: Context) -> Finding:
    from railguard.terraform.state import recovery

    found = " ".join(f"({i}) {s.message}." for i, s in enumerate(rep.signals, 1))
    ws = f" (workspace {rep.workspace})" if rep.workspace != "default" else ""
    where = ctx.rel(rep.root)
    where = f" in {where}" if where not in ("", ".") else ""
    return Finding(
        "TFS003",
        f"`{cmd.shown}`{where}{ws} would act on a state that does not look "
        f"like the real latest one. Found: {found}",
        subject=rep.root, instead=recovery(rep))


def _push_findings(cmd: TfCommand, rep: RootReport, inv: Invocation,
                   ctx: Context) -> list[Finding]:
    from railguard.terraform.state import read_snapshot

    root = rep.root
    src = cmd.operands[0] if cmd.operands else None
    pushed = None
    if src == "-":
        redir = next((r for r in inv.redirects if r.op == "<" and r.target is not None), None)
        if redir is not None and redir.target is not None and not redir.target.dynamic:
            src = redir.target.text
        else:
            src = None
    if src:
        pushed = read_snapshot(os.path.normpath(os.path.join(root, os.path.expanduser(src))))
    problems: list[str] = []
    if "force" in cmd.flags:
        problems.append("-force skips Terraform's lineage and serial checks")
    cur = rep.current if rep.current is not None and rep.current.is_state else None
    entry = rep.ledger_entry
    if pushed is not None and pushed.is_state:
        pname = ctx.rel(pushed.path)
        if cur is not None and not cur.empty:
            if pushed.lineage != cur.lineage:
                problems.append(f"{pname} ({pushed.describe()}) is unrelated to the current "
                                f"state ({cur.describe()})")
            elif (pushed.serial or 0) < (cur.serial or 0):
                problems.append(f"{pname} ({pushed.describe()}) is older than the current "
                                f"state ({cur.describe()})")
        elif pushed.resources and (cur is None or cur.empty) and rep.backend == "local":
            problems.append(f"the current state is empty, so Terraform would accept {pname} "
                            f"({pushed.describe()}) without any check")
        if isinstance(entry, dict):
            lin, ser = entry.get("lineage"), entry.get("serial")
            if isinstance(lin, str) and pushed.lineage and lin != pushed.lineage and \
                    entry.get("resources"):
                problems.append(f"{pname} is not the state railguard last saw for this root "
                                f"(lineage {lin[:8]}…)")
            elif isinstance(ser, int) and pushed.serial is not None and pushed.serial < ser:
                problems.append(f"{pname} is older than the state railguard last saw for this "
                                f"root (serial {ser})")
    if not problems:
        return []
    return [Finding("TFS004", f"`{cmd.shown}` would overwrite the real state: "
                    + "; ".join(problems), subject=root)]


def _plan_findings(cmd: TfCommand, inv: Invocation, ctx: Context) -> list[Finding]:
    from railguard.terraform import plan as plan_mod

    assert cmd.root is not None and cmd.plan_file is not None
    path = os.path.normpath(os.path.join(cmd.root, os.path.expanduser(cmd.plan_file)))
    shown = ctx.rel(path)
    if not os.path.exists(path):
        return [Finding("TFS006", f"`{cmd.shown} {cmd.plan_file}`: the saved plan {shown} does "
                        "not exist yet, so what it would do cannot be checked", subject=path)]
    program = "tofu" if cmd.program == "tofu" else "terraform"
    try:
        doc = plan_mod.load_plan(path, program=program, cwd=cmd.root, env=cmd.env, timeout=20)
        rep = plan_mod.analyze(doc, shown)
    except plan_mod.PlanError as exc:
        return [Finding("TFS006", f"`{cmd.shown}` applies the saved plan {shown} without a "
                        f"prompt, and it could not be read: {exc}", subject=path)]
    if rep.dangerous:
        lost = [f"{c.address} ({c.kind}{', ' + c.reason_text if c.reason_text else ''})"
                for c in rep.data_loss[:6]]
        text = f"`{cmd.shown} {cmd.plan_file}` applies without a prompt a plan that "
        if rep.foreign:
            text += (f"deletes {rep.count('delete')} of the {rep.prior} resources in the state "
                     "because the configuration has no block for them (a foreign state, or the "
                     "wrong root or workspace)")
            if lost:
                text += "; "
        if lost:
            text += "loses data: " + ", ".join(lost)
        return [Finding("TFS005", text, subject=path)]
    destructive = [c for c in rep.changes if c.kind in ("delete", "replace", "replace-cbd",
                                                          "forget")]
    if destructive:
        shown_changes = ", ".join(f"{c.address} ({c.kind})" for c in destructive[:6])
        more = f" and {len(destructive) - 6} more" if len(destructive) > 6 else ""
        return [Finding("TFS006", f"`{cmd.shown} {cmd.plan_file}` applies without a prompt: "
                        f"{rep.summary()}: {shown_changes}{more}", subject=path)]
    return []


def _terraform_findings(inv: Invocation, ctx: Context) -> list[Finding]:
    from railguard.terraform import command

    cmd = command.parse(inv)
    if cmd is None:
        return []
    replaced = _replace_findings(cmd)
    if cmd.root is None:
        return replaced
    changing = cmd.changes_state
    if not changing and not cmd.reads_state:
        return []
    from railguard.terraform import ledger
    from railguard.terraform.state import inspect

    state_opt = cmd.value("state")
    led = ledger.load()
    rep = inspect(cmd.root, env=cmd.env, state_path=state_opt, ledger=led)
    out: list[Finding] = replaced
    if rep.error is None and rep.signals and changing:
        out.append(_stale_finding(cmd, rep, ctx))
    elif rep.healthy and rep.current is not None and rep.current.is_state:
        ledger.record(rep.root, rep.workspace, rep.current, led)
    if cmd.verb == "state" and cmd.sub == "push":
        out.extend(_push_findings(cmd, rep, inv, ctx))
    if cmd.plan_file is not None:
        out.extend(_plan_findings(cmd, inv, ctx))
    return out


def _replace_findings(cmd: TfCommand) -> list[Finding]:
    """``-replace=ADDR`` / ``taint ADDR`` of a data-bearing resource: data loss by request."""
    from railguard.terraform.plan import data_bearing

    if cmd.verb == "taint":
        addrs = cmd.operands[:1]
        how = "taints"
    elif cmd.verb in ("apply", "plan") and cmd.values.get("replace"):
        addrs = cmd.values["replace"]
        how = "replaces"
    else:
        return []
    out = []
    for addr in addrs:
        rtype = _type_of(addr)
        why = data_bearing(rtype) if rtype else None
        if why is None or (cmd.verb == "plan" and "out" not in cmd.values):
            continue
        tail = " (the next apply destroys and recreates it)" if cmd.verb == "taint" else \
            " (destroyed and created anew, empty)"
        out.append(Finding("TFS005", f"`{cmd.shown}` {how} {addr}, a data-bearing {rtype}"
                           f"{tail}", subject=addr))
    return out


def _type_of(address: str) -> str | None:
    parts = [p for p in address.split(".") if p]
    while parts and parts[0] == "module" and len(parts) >= 2:
        parts = parts[2:]
    if parts and parts[0] == "data":
        return None
    return parts[0] if len(parts) >= 2 else None


# --- state deleted --------------------------------------------------------------------------

_DELETERS = frozenset("rm unlink shred srm trash trash-put truncate".split())


def _live_states(path: str, ctx: Context) -> list[str]:
    """The state files ``path`` is or holds (a Terraform root's state and its backups).

    Copies in temporary folders and the backend settings in ``.terraform/`` (rebuilt by
    ``terraform init``) do not count.
    """
    if not os.path.lexists(path) or "/.terraform/" in path + "/" or \
            ctx.classify_path(path) in ("temp", "disposable"):
        return []
    is_dir = os.path.isdir(path) and not os.path.islink(path)
    if not is_dir and ".tfstate" not in path.rsplit("/", 1)[-1]:
        return []  # the common case, decided without loading the state reader
    from railguard.terraform.state import is_state_name, read_snapshot

    if is_dir:
        out: list[str] = []
        for root, dirs, files in _walk(path):
            dirs[:] = [d for d in dirs if d not in (".terraform", ".git", "node_modules")]
            out.extend(p for f in files if is_state_name(p := os.path.join(root, f))
                       and _live_states(p, ctx))
            if len(out) >= 5:
                break
        return out
    if not is_state_name(path):
        return []
    snap = read_snapshot(path)
    if snap is not None and snap.backend is not None:
        return []
    return [path]


def _walk(top: str) -> Iterable[tuple[str, list[str], list[str]]]:
    """``os.walk``, bounded: a state sits at the top of a root, not deep in a tree."""
    seen = 0
    for root, dirs, files in os.walk(top):
        seen += len(dirs) + len(files)
        if seen > 5000 or root.count("/") - top.count("/") > 4:
            dirs[:] = []
        yield root, dirs, files


def _removed(inv: Invocation, ctx: Context) -> list[tuple[Word, str]]:
    """(operand, how) for each path the invocation deletes, moves away, empties or restores."""
    from railguard.model import Word as _W
    from railguard.shell.effects import read_targets

    name = inv.name or ""
    out: list[tuple[Word, str]] = []
    if name in _DELETERS:
        after = False
        skip = False
        for w in inv.args:
            if skip:
                skip = False
                continue
            if after or not w.text.startswith("-"):
                out.append((w, "empties" if name == "truncate" else "deletes"))
            elif w.text == "--":
                after = True
            elif name == "truncate" and w.text in ("-s", "-r", "--size", "--reference"):
                skip = True
    elif name == "mv":
        out.extend((w, "moves away") for w in read_targets(inv))
    elif name == "find":
        from railguard.shell.find import parse_find

        walk = parse_find(inv.args)
        if _find_delete_guard(walk) is not None:
            out.extend((w, "deletes") for w in walk.roots)
    elif name == "git":
        from railguard.rules.git import read_call
        from railguard.rules.self_protection import git_restored, worktree_differs

        call = read_call(inv, ctx)
        if call is None:
            return out
        if call.sub == "rm":
            texts = [w.text for w in call.args]
            if "--cached" in texts:
                return out
            out.extend((w, "deletes") for w in call.args if not w.text.startswith("-"))
        for path, source in git_restored(inv, ctx):
            if source is None and not worktree_differs(path):
                continue
            how = f"replaces with the version in {source}" if source else \
                "replaces with the staged version"
            out.append((_W(path), how))
    return out


def _exec_deletes(argv: list[Word]) -> bool:
    """Does ``find -exec``/``-ok`` run a deleter (``rm {}``, ``sudo rm -f {}``)?"""
    words = [w.text for w in argv if not w.dynamic or w.text == "{}"]
    while words and words[0].rsplit("/", 1)[-1] in ("sudo", "doas", "command", "nice"):
        words = words[1:]
    return bool(words) and words[0].rsplit("/", 1)[-1] in _DELETERS


def _find_delete_guard(walk: FindCommand, printed: bool = False) -> Cond | None:
    """The entries a find deletes (``-delete``, ``-exec rm {}``), or with ``printed`` the
    entries it lists for a delete that reads its output (``find ... | xargs rm``)."""
    from railguard.shell.find import EXEC, either

    if printed:
        return walk.printed
    guard = walk.guard(("-delete",))
    for a in walk.actions:
        if a.kind in EXEC and _exec_deletes(a.argv):
            guard = a.guard if guard is None else either(guard, a.guard)
    return guard


def _find_selects(inv: Invocation, path: str, printed: bool = False) -> bool:
    """Could ``find ... -delete`` (or ``-exec rm``, or a delete fed by what it prints) select
    the file ``path`` (by its -name / -type tests and its depth limit)?"""
    from railguard.globmatch import fnmatchcase
    from railguard.shell.find import parse_find

    walk = parse_find(inv.args)
    guard = _find_delete_guard(walk, printed)
    if guard is None:
        return False
    if walk.maxdepth is not None:
        roots = [r for r in walk.roots if not r.dynamic]
        cwd = inv.cwd or ""
        depths = []
        for r in roots:
            base = os.path.normpath(os.path.join(cwd, os.path.expanduser(r.text)))
            if path == base or path.startswith(base.rstrip("/") + "/"):
                rel = path[len(base.rstrip("/")) :].strip("/")
                depths.append(rel.count("/") + 1 if rel else 0)
        if depths and min(depths) > walk.maxdepth:
            return False
    texts = [w.text for w in inv.args]
    if not any(t in ("-o", "-or", "!", "-not", ",") for t in texts):
        types = [texts[i + 1] for i, t in enumerate(texts[:-1]) if t == "-type"]
        if types and "f" not in ",".join(types):
            return False  # a plain conjunction that only selects folders or links
    if not guard.narrowed or guard.patterns is None:
        return True
    base = os.path.basename(path).lower()
    return any(fnmatchcase(base, pat.rsplit("/", 1)[-1].lower())
               for pat in guard.patterns)


def _spelled(w: Word, inv: Invocation, ctx: Context) -> list[str]:
    """The existing paths an operand names: itself, its brace forms, or what its glob
    matches on disk (``*.tfstate*``, ``terraform.tfstate{,.backup}``, ``terraform.tfstat?``)."""
    texts = [w.text]
    if "{" in w.text and "," in w.text:
        from railguard.rules.filesystem import expand_braces

        texts = expand_braces(w.text)
    out: list[str] = []
    for text in texts:
        path = ctx.resolve(text, inv.cwd)
        if path is None:
            continue
        if w.glob and any(c in text for c in "*?["):
            import glob

            # a glob is judged by the files it names, not by walking the folders it matches
            # (``rm -rf /tmp/*`` with a project somewhere in /tmp is the filesystem pack's call)
            try:
                out.extend(p for p in sorted(glob.glob(path))[:200] if not os.path.isdir(p))
            except (OSError, ValueError, RecursionError):
                continue
        else:
            out.append(path)
    return out


def _fed_removed(inv: Invocation, ctx: Context) -> list[tuple[list[str], Invocation]]:
    """What a deleter gets from another command's output (``ls *.tfstate | xargs rm``,
    ``find . -name '*.tfstate' | xargs rm``, ``rm $(ls *.tfstate)``): per producer, the paths
    it lists (for a find, its start points: its tests then select among what they hold)."""
    from railguard.shell.find import lister, parse_find

    out: list[tuple[list[str], Invocation]] = []
    for w in inv.args:
        producer = lister(w, substitutions=True)
        if producer is None:
            continue
        if producer.name == "find":
            roots = [p for r in parse_find(producer.args).roots if not r.dynamic
                     for p in _spelled(r, producer, ctx)]
            out.append((roots, producer))
        elif producer.name in ("ls", "echo", "printf"):
            ops = [a for a in producer.args if not a.text.startswith("-") or a.dynamic]
            if producer.name == "printf":
                ops = ops[1:]
            paths = [p for a in ops if not a.dynamic for p in _spelled(a, producer, ctx)]
            if producer.name == "ls":
                paths = [p for p in paths if not os.path.isdir(p)]  # ls DIR prints bare names
            out.append((paths, producer))
    return out


def _delete_findings(inv: Invocation, ctx: Context) -> list[Finding]:
    if inv.remote:
        return []
    candidates: list[tuple[str, str, Invocation | None]] = []
    for w, how in _removed(inv, ctx):
        if w.dynamic:
            continue
        candidates.extend((p, how, None) for p in _spelled(w, inv, ctx))
    if inv.name in _DELETERS and (inv.inputs_dynamic or any(w.sub for w in inv.args)):
        for paths, lister in _fed_removed(inv, ctx):
            how = f"deletes what `{lister.display()}` lists:"
            candidates.extend((p, how, lister) for p in paths)
    found: list[str] = []
    first: tuple[str, str] | None = None
    for path, how, producer in candidates:
        states = _live_states(path, ctx)
        if inv.name == "find":
            states = [st for st in states if _find_selects(inv, st)]
        elif producer is not None and producer.name == "find":
            states = [st for st in states if _find_selects(producer, st, printed=True)]
        states = [st for st in states if st not in found]
        if not states:
            continue
        if first is None:
            first = (path, how)
        found.extend(states)
    if first is None:
        return []
    path, how = first
    shown = ", ".join(ctx.rel(p) for p in found[:3]) + (" ..." if len(found) > 3 else "")
    if path not in found:
        shown = f"{ctx.rel(path)}, which holds {shown}"
    shown_inv = _display(inv) if how.endswith(":") else inv.display()
    return [Finding("TFS007", f"`{shown_inv}` {how} {shown} (Terraform state: it "
                    "would forget every resource it manages)", subject=found[0])]


def _display(inv: Invocation) -> str:
    return " ".join(inv.source.split()) if inv.source else inv.display()


def on_invocation(inv: Invocation, ctx: Context) -> Iterable[Finding]:
    from railguard.terraform.command import program_of

    out: list[Finding] = []
    if inv.name in _DELETERS or inv.name in ("mv", "find", "git"):
        out.extend(_delete_findings(inv, ctx))
    if inv.redirects or inv.name in _WRITERS:
        out.extend(_write_findings(inv, ctx))
    name = inv.name
    if name in _EXTRACTORS:
        out.extend(_extract_findings(inv, ctx))
    elif name in _CLOUD_COPY:
        out.extend(_cloud_findings(inv))
    elif program_of(name) is not None:
        out.extend(_terraform_findings(inv, ctx))
    return out


#: programs whose operands ``write_targets`` knows to be written
_WRITERS = frozenset(
    """cp mv install ln tee sed perl ruby dd curl wget rsync scp touch truncate vim vi nvim nano
    emacs code subl ed sudoedit tar unzip sort uniq find""".split()
)


def _sequence_findings(invocations: list[Invocation], ctx: Context) -> list[Finding]:
    """A terraform change after an earlier part of the same call wrote its state."""
    from railguard.terraform import command

    if not any(command.program_of(i.name) for i in invocations):
        return []
    touched: list[str] = []
    out: list[Finding] = []
    for inv in invocations:
        cmd = command.parse(inv)
        if cmd is not None and cmd.root is not None and cmd.changes_state:
            hit = next((p for p in touched if p == cmd.root or
                        os.path.dirname(p) == cmd.root or
                        p.startswith(cmd.root + "/terraform.tfstate.d/")), None)
            if hit is not None:
                out.append(Finding(
                    "TFS003", f"`{cmd.shown}` would run right after this same command replaces "
                    f"{ctx.rel(hit)}: it would act on a state nobody has checked", subject=hit))
                break
            continue
        if inv.name in _EXTRACTORS:
            ext = _extraction(inv, ctx)
            if ext is not None:
                members = _archive_members(ext[1]) if ext[1] else None
                from railguard.terraform.state import is_state_name

                if members is None or any(is_state_name("/" + m) for m in members):
                    touched.append(ext[0])
            continue
        for w in _written(inv):
            if w.dynamic:
                continue
            path = ctx.resolve(w.text, inv.cwd)
            if path is None:
                continue
            from railguard.terraform.state import is_state_name

            if is_state_name(path):
                touched.append(path)
            elif inv.name in _COPIERS and os.path.isdir(path):
                touched.extend(_dir_targets(inv, path, ctx))
    return out


def on_action(action: Action, invocations: list[Invocation], ctx: Context
              ) -> Iterable[Finding]:
    if action.kind == "shell":
        return _sequence_findings(invocations, ctx) if len(invocations) > 1 else ()
    if action.kind not in ("write", "edit") or not action.path:
        return ()
    path = action.path
    if not _guarded(path):
        # a link elsewhere that leads to a state (``notes.json -> infra/terraform.tfstate``):
        # the write lands on the state
        real = os.path.realpath(path)
        if real == path or not _guarded(real):
            return ()
        path = real
    verb = "editing" if action.kind == "edit" else "writing"
    return (Finding("TFS001", f"{action.tool} would be {verb} {_what(path, ctx)}",
                    subject=path),)


__all__ = ["RULES", "on_action", "on_invocation"]
