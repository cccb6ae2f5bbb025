"""The iac pack: infrastructure-as-code verbs that delete, forget or replace real infrastructure.

Terraform, OpenTofu and Terragrunt (``destroy``, ``apply -destroy``, ``run-all destroy``, hand
edits of the state), Pulumi, the AWS CDK and CDKTF, CloudFormation, AWS SAM and the Serverless
Framework. Commands are read by meaning: ``-chdir=``, global options before the verb, flags
carried by ``TF_CLI_ARGS`` / ``TF_CLI_ARGS_<verb>``, launchers (``npx cdk``), wrappers (``sudo``,
``bash -c``) are all seen through. What the files on disk say (a stale state, a plan that deletes
a database) is the ``tfstate`` pack's job; this pack judges the verbs.
"""

from __future__ import annotations

from railguard.model import Finding, Verdict
from railguard.rules.base import Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from railguard.model import Action, Invocation, Word
    from railguard.rules.base import Context
    from railguard.terraform.command import TfCommand

_PLAN_FIRST = ("Run `terraform plan -destroy -out=destroy.tfplan` and show the plan to the user "
               "(`railguard tf plan destroy.tfplan` lists what would be deleted); let them run "
               "the destroy themselves.")

RULES = [
    Rule(
        "IAC001", "Terraform destroy", Verdict.DENY,
        why="`destroy` (also `apply -destroy`, Terragrunt's `run-all destroy` / `run --all "
            "destroy` / `destroy-all`, or `TF_CLI_ARGS_apply=-destroy`) deletes every object "
            "the state records: networks, load balancers, databases and their snapshots. It "
            "cannot be undone, and with a stale or foreign state in place it deletes the wrong "
            "infrastructure.",
        instead="Do not destroy. " + _PLAN_FIRST,
        bad=["terraform destroy", "terraform -chdir=infra destroy -auto-approve",
             "tofu apply -destroy", "terragrunt run-all destroy",
             "terragrunt run --all destroy --non-interactive",
             "TF_CLI_ARGS_apply='-destroy -auto-approve' terraform apply",
             "sudo terraform destroy -target=aws_db_instance.main",
             "bash -c 'cd infra && terraform destroy'",
             "terraform plan -destroy -out=d.tfplan && terraform apply d.tfplan",
             "atmos terraform destroy vpc -s prod"],
        good=["terraform plan -destroy", "terraform plan -destroy -out=destroy.tfplan",
              "terraform -chdir=infra plan", "terraform validate", "terraform fmt -recursive",
              "terraform show", "terraform output -json", "terragrunt run-all plan",
              "terraform destroy -help"],
    ),
    Rule(
        "IAC002", "Resources removed or rebound in the Terraform state", Verdict.DENY,
        why="`state rm` makes Terraform forget real objects (they keep running and costing, "
            "unmanaged; the next apply may create duplicates); `state mv` and `state "
            "replace-provider` rebind state entries, and a wrong binding lets the next apply "
            "modify or delete the wrong object.",
        instead="Preview with `terraform state rm -dry-run ADDR` / `state mv -dry-run`, prefer a "
                "`removed {}` or `moved {}` block in the configuration (it shows up in `terraform "
                "plan` for review), and let the user run the state change.",
        bad=["terraform state rm aws_db_instance.main", "terraform state mv a.b c.d",
             "tofu -chdir=infra state replace-provider hashicorp/aws registry.acme.corp/aws",
             "terragrunt state rm module.db"],
        good=["terraform state list", "terraform state show aws_db_instance.main",
              "terraform state rm -dry-run aws_db_instance.main", "terraform state pull"],
    ),
    Rule(
        "IAC003", "Terraform state overwritten with `state push`", Verdict.DENY,
        why="`state push` replaces the state Terraform keeps (locally or in the backend) with a "
            "file. Terraform checks lineage and serial only when the destination is not empty "
            "and `-force` is absent; an old or foreign state pushed in makes the next apply or "
            "destroy act on the wrong infrastructure.",
        instead="Do not push state. Compare the two states (`railguard tf state`, serial and "
                "lineage) and let the user decide which one is real.",
        bad=["terraform state push backup.tfstate", "terraform -chdir=infra state push -"],
        good=["terraform state pull", "terraform state list"],
    ),
    Rule(
        "IAC004", "Terraform workspace deleted", Verdict.DENY,
        why="`workspace delete` removes the workspace's state; with `-force` it drops a state "
            "that still records resources, leaving them running and unmanaged.",
        instead="Leave the workspace in place; if it must go, `terraform -chdir=DIR workspace "
                "select NAME && terraform plan -destroy` shows what it still holds, and the user "
                "decides.",
        bad=["terraform workspace delete staging", "tofu workspace delete -force staging"],
        good=["terraform workspace list", "terraform workspace show",
              "terraform workspace select staging", "terraform workspace new feature-x"],
    ),
    Rule(
        "IAC005", "Terraform state lock forced open", Verdict.DENY,
        why="`force-unlock` removes the lock another run holds: two writers then change the same "
            "state and one of them corrupts or overwrites it.",
        instead="Find out who holds the lock (the lock info names the run) and let it finish; "
                "ask the user before unlocking.",
        bad=["terraform force-unlock 6f3c1c3e", "terraform force-unlock -force 6f3c1c3e"],
        good=["terraform plan -lock-timeout=60s"],
    ),
    Rule(
        "IAC006", "State migrated over the destination without a check", Verdict.DENY,
        why="`init -migrate-state -force-copy` (or the migration prompt answered by a pipe) "
            "copies the local state over the new backend's state without comparing lineage or "
            "serial: a stale local copy silently replaces the real state.",
        instead="Run `terraform init -migrate-state` yourself only after comparing both states "
                "(`terraform state pull` from each backend, `railguard tf state`), or let the "
                "user answer Terraform's prompt.",
        bad=["terraform init -migrate-state -force-copy", "terraform init -force-copy",
             "yes | terraform init -migrate-state", "terragrunt backend migrate --force a b"],
        good=["terraform init", "terraform init -upgrade", "terraform -chdir=infra init -backend=false"],
    ),
    Rule(
        "IAC007", "Terraform apply changes real infrastructure", Verdict.ASK,
        why="`apply` (with or without `-auto-approve`, or of a saved plan) and `refresh` change "
            "real infrastructure or the state; an apply may delete or replace resources the "
            "plan lists, and nobody has looked at that plan.",
        instead="Run `terraform plan -out=plan.tfplan`, show the plan to the user (`railguard "
                "tf plan plan.tfplan`), and let them approve the apply.",
        bad=["terraform apply", "terraform apply -auto-approve",
             "terraform -chdir=infra apply -var env=dev", "terragrunt run-all apply",
             "tofu apply plan.tfplan", "terraform refresh",
             "terraform apply -refresh-only"],
        good=["terraform plan -out=plan.tfplan", "terraform show -json plan.tfplan",
              "terraform init -upgrade", "terraform providers", "terraform version",
              "terraform graph", "terraform console"],
    ),
    Rule(
        "IAC008", "Existing infrastructure imported into the state", Verdict.ASK,
        why="`import` binds a real object to a resource address; a wrong ID binds the wrong "
            "object, and the next apply changes or deletes it to match the configuration.",
        instead="Write an `import {}` block and run `terraform plan` so the user sees what the "
                "binding would change before it is applied.",
        bad=["terraform import aws_s3_bucket.logs acme-logs",
             "tofu -chdir=infra import aws_instance.web i-0abc"],
        good=["terraform plan -generate-config-out=generated.tf"],
    ),
    Rule(
        "IAC009", "Resource forced to be replaced", Verdict.ASK,
        why="`apply -replace=ADDR` and `taint ADDR` destroy the object and create a new one: "
            "whatever it held (disk contents, IPs, data) is gone. The tfstate pack denies it "
            "outright for data-bearing types.",
        instead="Run `terraform plan -replace=ADDR` and show the user what is destroyed and "
                "created; let them apply it.",
        bad=["terraform apply -replace=aws_instance.web", "terraform taint aws_instance.web",
             "tofu apply -auto-approve -replace aws_instance.web"],
        good=["terraform plan -replace=aws_instance.web", "terraform untaint aws_instance.web"],
    ),
    Rule(
        "IAC010", "Backend state migration", Verdict.ASK,
        why="`init -migrate-state` copies the current state into the new backend and asks "
            "whether to overwrite the state already there; Terraform does not compare the two.",
        instead="Compare both states first (`terraform state pull`, `railguard tf state`) and let "
                "the user answer Terraform's prompt.",
        bad=["terraform init -migrate-state", "terraform -chdir=infra init -migrate-state"],
        good=["terraform init", "terraform init -reconfigure -backend=false"],
    ),
    Rule(
        "IAC011", "Pulumi destroy", Verdict.DENY,
        why="`pulumi destroy` (alias `down`) deletes every resource of the stack, databases and "
            "buckets included; Pulumi calls it generally irreversible.",
        instead="Run `pulumi destroy --preview-only` (or `pulumi preview`) and show the user "
                "what would be deleted; let them run the destroy.",
        bad=["pulumi destroy", "pulumi destroy --yes --skip-preview -s prod",
             "pulumi --cwd infra down -y", "pulumi destroy --yes --preview-only=false"],
        good=["pulumi preview", "pulumi destroy --preview-only", "pulumi stack ls",
              "pulumi stack output", "pulumi config get aws:region", "pulumi whoami"],
    ),
    Rule(
        "IAC012", "Pulumi stack or state removed or replaced", Verdict.DENY,
        why="`stack rm` deletes the stack and its state, leaving its resources running and "
            "unmanaged (`--force` even with resources left); `state delete` makes Pulumi forget "
            "a resource (with `--force`, a protected one); `state unprotect` removes the guard "
            "a person put on a resource; `stack import` replaces the stack's state with a file.",
        instead="Show the user `pulumi stack --show-urns` / `pulumi stack export` and let them "
                "make the change.",
        bad=["pulumi stack rm dev", "pulumi stack rm --force --yes prod",
             "pulumi state delete 'urn:pulumi:prod::app::aws:rds/instance:Instance::db'",
             "pulumi state unprotect --all", "pulumi stack import --file old.json"],
        good=["pulumi stack ls", "pulumi stack export --file backup.json",
              "pulumi stack select dev", "pulumi stack init feature-x"],
    ),
    Rule(
        "IAC013", "IaC stack deployed", Verdict.ASK,
        why="`pulumi up` / `refresh` / `import`, `cdk deploy`, `cdktf deploy`, `sam deploy`, "
            "`serverless deploy`, `sst deploy`, `amplify push`, `copilot deploy` and `eb deploy` "
            "change real infrastructure (an update can replace a database); "
            "nobody has reviewed the change.",
        instead="Show the preview first (`pulumi preview --diff`, `cdk diff`, `sam deploy "
                "--no-execute-changeset`) and let the user deploy.",
        bad=["pulumi up --yes", "pulumi update", "npx cdk deploy --require-approval never",
             "npx cdktf deploy", "sam deploy", "npx serverless deploy --stage prod",
             "pulumi refresh --yes", "npx sst deploy --stage prod", "amplify push -y",
             "copilot svc deploy", "eb deploy prod-env"],
        good=["pulumi preview --diff", "npx cdk diff", "npx cdk synth", "cdk ls",
              "sam build", "sam validate", "serverless package", "sls info"],
    ),
    Rule(
        "IAC014", "CDK stack destroyed", Verdict.DENY,
        why="`cdk destroy` (and `cdktf destroy`) deletes the stacks and every resource in them "
            "whose removal policy is not Retain or Snapshot; data in buckets and tables goes "
            "with them.",
        instead="Run `cdk diff` / `cdk ls` and let the user destroy the stack if that is the "
                "intent.",
        bad=["cdk destroy", "npx cdk destroy --all --force", "npx aws-cdk destroy MyStack",
             "pnpm dlx cdktf destroy", "bunx cdk destroy -f"],
        good=["cdk synth", "npx cdk diff", "cdk list", "cdk doctor"],
    ),
    Rule(
        "IAC015", "CloudFormation stack deleted", Verdict.DENY,
        why="Deleting a stack deletes every resource in it unless its DeletionPolicy is Retain "
            "or Snapshot: queues, buckets' contents, tables, functions, networks.",
        instead="List what the stack holds (`aws cloudformation list-stack-resources "
                "--stack-name NAME`), make sure data-bearing resources have DeletionPolicy Retain "
                "or a snapshot, and let the user delete the stack.",
        bad=["aws cloudformation delete-stack --stack-name prod",
             "aws --region us-east-1 cloudformation delete-stack --stack-name app",
             "aws cloudformation delete-stack-set --stack-set-name org", "sam delete --no-prompts"],
        good=["aws cloudformation describe-stacks", "aws cloudformation list-stack-resources "
              "--stack-name app", "aws cloudformation delete-stack help",
              "aws cloudformation validate-template --template-body file://t.yaml"],
    ),
    Rule(
        "IAC016", "Serverless service removed", Verdict.DENY,
        why="`serverless remove` deletes the service's CloudFormation stack: its functions, "
            "tables, buckets and queues, with their data unless retained.",
        instead="Run `serverless info` to show what is deployed, and let the user remove it.",
        bad=["serverless remove", "sls remove --stage prod", "npx serverless remove -s dev"],
        good=["sls info", "serverless print", "sls package", "serverless logs -f handler"],
    ),
    Rule(
        "IAC018", "App or environment torn down by its deployment tool", Verdict.DENY,
        why="`sst remove`, `amplify delete`, `amplify env remove`, `copilot app|env|svc|job "
            "delete` and `eb terminate` delete every cloud resource the tool created for the "
            "app, stage or environment: functions, services, load balancers, and the tables, "
            "buckets and databases it made, with their data unless retained.",
        instead="Show what is deployed (`sst state list`, `amplify status`, `copilot app "
                "show`, `eb status`) and let the user tear it down.",
        bad=["npx sst remove --stage production", "sst remove", "amplify delete --force",
             "amplify env remove prod", "copilot app delete --yes", "copilot env delete -n "
             "prod", "copilot svc delete --name api --env prod", "eb terminate prod-env "
             "--force", "eb terminate --all"],
        good=["sst state list", "amplify status", "copilot app show", "copilot svc ls",
              "eb status", "eb logs", "sst remove --help", "amplify env list"],
    ),
    Rule(
        "IAC017", "Terraform command known only at run time", Verdict.ASK,
        why="`terraform $OP -auto-approve`, `terraform $(cat op.txt)`, `tofu \"$CMD\"`: the "
            "command word comes from a variable, a file or another command's output, so it "
            "may be `destroy` or `state rm` as well as `plan`.",
        instead="Write the command out (`terraform plan`, `terraform apply tfplan`), so it can "
                "be checked before it runs.",
        bad=["terraform $OP -auto-approve", "terraform \"$(cat op.txt)\" -auto-approve",
             "tofu \"$CMD\"", "terraform -chdir=infra $OP",
             "terragrunt run-all \"$OP\""],
        good=["terraform plan", "terraform -chdir=\"$DIR\" plan", "terraform version",
              "OP=plan; terraform $OP"],
    ),
]

PROGRAMS = frozenset(
    {"terraform", "tofu", "terragrunt", "opentofu", "pulumi", "cdk", "aws-cdk", "cdktf",
     "cdklocal", "aws", "sam", "serverless", "sls", "atmos", "sst", "amplify", "copilot", "eb"}
)


def _tf_env_flags(cmd: TfCommand) -> tuple[set[str], dict[str, list[str]]]:
    """Flags carried by ``TF_CLI_ARGS`` and ``TF_CLI_ARGS_<verb>``: Terraform adds them."""
    import shlex

    from railguard.terraform.command import _split_opts

    flags: set[str] = set()
    values: dict[str, list[str]] = {}
    for key in ("TF_CLI_ARGS", f"TF_CLI_ARGS_{cmd.verb.replace('-', '_')}"):
        text = cmd.env.get(key)
        if not text:
            continue
        try:
            words = shlex.split(text)
        except ValueError:
            words = text.split()
        f, v, _ = _split_opts(words)
        flags |= f
        for k, vals in v.items():
            values.setdefault(k, []).extend(vals)
    return flags, values


def _where(cmd: TfCommand, ctx: Context) -> str:
    if cmd.via.endswith("atmos"):
        return ""
    if cmd.root is None:
        return " (in a directory known only at run time)"
    if ctx.project and cmd.root == ctx.project:
        return ""
    return f" in {ctx.rel(cmd.root)}"


def _via(inv: Invocation) -> str:
    return f" (via {', '.join(inv.via)})" if inv.via else ""


def _verb_word(inv: Invocation) -> Word | None:
    """The word in the verb's place (after the global options; terragrunt's ``run-all`` and
    ``run`` lead to the verb after them)."""
    words = list(inv.args)
    i = 0
    while i < len(words) and words[i].text.startswith("-"):
        t = words[i].text.lstrip("-")
        i += 2 if t in ("terragrunt-working-dir", "working-dir") else 1
    if i < len(words) and words[i].text in ("run-all", "run") and inv.name == "terragrunt":
        i += 1
        while i < len(words) and words[i].text.startswith("-"):
            i += 1
    return words[i] if i < len(words) else None


def _terraform(inv: Invocation, ctx: Context) -> list[Finding]:
    from railguard.terraform import command

    cmd = command.parse(inv)
    if cmd is None or not cmd.verb:
        return []
    verb_word = _verb_word(inv)
    if verb_word is not None and verb_word.dynamic:
        return [Finding("IAC017", f"`{cmd.program} {verb_word.text}`{_via(inv)} runs a "
                        f"{cmd.program} command known only at run time: it may be destroy",
                        subject=cmd.root or "")]
    env_flags, env_values = _tf_env_flags(cmd)
    flags = cmd.flags | env_flags
    values = dict(cmd.values)
    for k, vals in env_values.items():
        values.setdefault(k, []).extend(vals)
    if flags & {"help", "h"}:
        return []
    verb, sub = cmd.verb, cmd.sub
    shown = cmd.shown
    where = _where(cmd, ctx) + _via(inv)
    subject = cmd.root or ""
    from_env = " (the -destroy comes from TF_CLI_ARGS)" if "destroy" in env_flags and \
        "destroy" not in cmd.flags else ""
    if verb == "destroy" or (verb == "apply" and "destroy" in flags):
        target = values.get("target")
        scope = (f"the resources {', '.join(target)} and what depends on them" if target
                 else "every resource the state records")
        auto = " without a prompt" if "auto-approve" in flags else ""
        if (cmd.program == "terragrunt" and inv.args and inv.args[0].text in ("run-all", "run")) \
                or (cmd.program == "terragrunt" and any(a.text in ("--all", "-all", "run-all")
                                                       for a in inv.args)):
            scope = "every unit's resources, in every module below the working directory"
        return [Finding("IAC001", f"`{shown}`{where} would delete {scope}{auto}{from_env}",
                        subject=subject)]
    if verb == "state":
        if sub in ("rm", "mv", "replace-provider"):
            if "dry-run" in flags:
                return []
            addrs = ", ".join(cmd.operands[:4]) or "the given addresses"
            what = {
                "rm": f"forget {addrs}: the objects keep running unmanaged",
                "mv": f"rebind {addrs} to another address",
                "replace-provider": "rebind every resource of a provider to another one",
            }[sub]
            return [Finding("IAC002", f"`{shown}`{where} would {what}", subject=subject)]
        if sub == "push":
            src = cmd.operands[0] if cmd.operands else "a file"
            src = "standard input" if src == "-" else src
            force = " with -force (no lineage or serial check)" if "force" in flags else ""
            return [Finding("IAC003", f"`{shown}`{where} would overwrite the state with "
                            f"{src}{force}", subject=subject)]
        return []
    if verb == "workspace" and sub == "delete":
        name = cmd.operands[0] if cmd.operands else "a workspace"
        force = " even though it still records resources (-force)" if "force" in flags else ""
        return [Finding("IAC004", f"`{shown}`{where} would delete workspace {name} and its "
                        f"state{force}", subject=subject)]
    if verb == "force-unlock":
        return [Finding("IAC005", f"`{shown}`{where} would break the lock another run holds",
                        subject=subject)]
    if verb == "init" or (verb == "backend" and cmd.operands[:1] == ["migrate"]):
        migrate = "migrate-state" in flags or verb == "backend"
        forced = "force-copy" in flags or "force" in flags
        piped = bool(inv.pipe_from) or inv.stdin_text is not None
        if forced or (migrate and piped):
            how = "-force-copy" if forced else "the prompt answered by a pipe"
            return [Finding("IAC006", f"`{shown}`{where} would copy the state over the "
                            f"destination backend's state ({how}), without comparing them",
                            subject=subject)]
        if migrate:
            return [Finding("IAC010", f"`{shown}`{where} would migrate the state to another "
                            "backend", subject=subject)]
        return []
    if verb == "taint" or (verb == "apply" and values.get("replace")):
        replaced = values.get("replace") or cmd.operands[:1] or ["a resource"]
        return [Finding("IAC009", f"`{shown}`{where} would destroy and recreate "
                        f"{', '.join(replaced)}", subject=subject)]
    if verb in ("apply", "refresh"):
        if cmd.plan_file:
            what = f"would apply the saved plan {cmd.plan_file} (no prompt)"
        elif verb == "refresh" or "refresh-only" in flags:
            what = "would rewrite the state from what exists now"
        else:
            auto = " without a prompt" if "auto-approve" in flags else ""
            what = f"would change real infrastructure{auto}"
        return [Finding("IAC007", f"`{shown}`{where} {what}", subject=subject)]
    if verb == "import":
        addr = " ".join(cmd.operands[:2]) or "a resource"
        return [Finding("IAC008", f"`{shown}`{where} would bind {addr} into the state",
                        subject=subject)]
    return []


# --- pulumi ------------------------------------------------------------------------------------

_PULUMI_VALUED = frozenset(
    {"-C", "--cwd", "--color", "--memprofilerate", "--profiling", "--tracing", "-v",
     "--verbose", "--tracing-header"}
)


def _pulumi_words(inv: Invocation) -> list[str]:
    """Pulumi's positional words (the command path and its operands), global options skipped."""
    out: list[str] = []
    words = [w.text for w in inv.args]
    i = 0
    while i < len(words):
        t = words[i]
        i += 1
        if t == "--":
            out.extend(words[i:])
            break
        if t.startswith("-"):
            if t in _PULUMI_VALUED and i < len(words):
                i += 1
            continue
        out.append(t)
    return out


def _preview_only(inv: Invocation) -> bool:
    """``--preview-only``, the last setting winning (``--preview-only=false`` runs for real)."""
    on = False
    for w in inv.args:
        if w.text == "--":
            break
        key, eq, val = w.text.partition("=")
        if key == "--preview-only":
            on = not eq or val.strip().lower() in ("true", "t", "1")
    return on


def _pulumi(inv: Invocation) -> list[Finding]:
    words = _pulumi_words(inv)
    opts = {w.text.split("=", 1)[0] for w in inv.args if w.text.startswith("-")}
    if not words or opts & {"--help", "-h"}:
        return []
    verb = words[0]
    rest = words[1:]
    via = _via(inv)
    stack = _stack_of(inv)
    if verb in ("destroy", "down", "dn"):
        if _preview_only(inv):
            return []
        auto = " without a prompt" if opts & {"--yes", "-y", "--skip-preview", "-f"} else ""
        return [Finding("IAC011", f"`pulumi {verb}`{via} would delete every resource of "
                        f"{stack}{auto}")]
    if verb == "stack" and rest:
        sub = rest[0]
        if sub in ("rm", "remove"):
            name = rest[1] if len(rest) > 1 else stack
            force = " (--force: even with resources left)" if "--force" in opts else ""
            return [Finding("IAC012", f"`pulumi stack rm`{via} would delete stack {name} and "
                            f"its state; its resources stay running unmanaged{force}")]
        if sub == "import":
            return [Finding("IAC012", f"`pulumi stack import`{via} would replace the state of "
                            f"{stack} with a file")]
        return []
    if verb == "state" and rest:
        sub = rest[0]
        if sub in ("delete", "remove", "rm"):
            return [Finding("IAC012", f"`pulumi state {sub}`{via} would make Pulumi forget "
                            "resources of " + stack)]
        if sub == "unprotect":
            return [Finding("IAC012", f"`pulumi state unprotect`{via} would remove the "
                            "protection a person put on resources of " + stack)]
        return []
    if verb in ("up", "update") or verb in ("refresh", "import"):
        if _preview_only(inv):
            return []
        what = {"refresh": "rewrite the state from what exists now",
                "import": "bind existing resources into the stack"}.get(
                    verb, "change real infrastructure")
        return [Finding("IAC013", f"`pulumi {verb}`{via} would {what} in {stack}")]
    return []


def _stack_of(inv: Invocation) -> str:
    words = [w.text for w in inv.args]
    for i, t in enumerate(words):
        if t in ("-s", "--stack") and i + 1 < len(words):
            return f"stack {words[i + 1]}"
        if t.startswith("--stack="):
            return f"stack {t.split('=', 1)[1]}"
    return "the selected stack"


# --- cdk, sam, serverless, cloudformation ------------------------------------------------------


def _first_positional(inv: Invocation, valued: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    words = [w.text for w in inv.args]
    i = 0
    while i < len(words):
        t = words[i]
        i += 1
        if t.startswith("-"):
            if t in valued and i < len(words):
                i += 1
            continue
        return t, words[i:]
    return "", []


_CDK_VALUED = frozenset({"-a", "--app", "-c", "--context", "--profile", "--role-arn", "-r",
                         "--output", "-o", "--plugin", "-p", "--proxy", "--ca-bundle-path",
                         "--toolkit-stack-name"})


def _cdk(inv: Invocation, name: str) -> list[Finding]:
    verb, rest = _first_positional(inv, _CDK_VALUED)
    opts = {w.text for w in inv.args}
    if opts & {"--help", "-h"}:
        return []
    tool = "cdktf" if name == "cdktf" else "cdk"
    stacks = [w for w in rest if not w.startswith("-")]
    what = ", ".join(stacks[:4]) if stacks else ("all stacks" if "--all" in opts
                                                  else "the app's stack")
    if verb == "destroy":
        force = " without a prompt" if opts & {"-f", "--force", "--auto-approve"} else ""
        return [Finding("IAC014", f"`{tool} destroy`{_via(inv)} would delete {what} and the "
                        f"resources in them{force}")]
    if verb == "deploy":
        return [Finding("IAC013", f"`{tool} deploy`{_via(inv)} would change real "
                        f"infrastructure ({what})")]
    return []


def _sam(inv: Invocation) -> list[Finding]:
    verb, _ = _first_positional(inv)
    if {w.text for w in inv.args} & {"--help", "-h"}:
        return []
    if verb == "delete":
        return [Finding("IAC015", f"`sam delete`{_via(inv)} would delete the application's "
                        "CloudFormation stack and its resources")]
    if verb in ("deploy", "sync") and "--no-execute-changeset" not in {w.text for w in inv.args}:
        return [Finding("IAC013", f"`sam {verb}`{_via(inv)} would change real infrastructure")]
    return []


_SLS_VALUED = frozenset({"--stage", "-s", "--region", "-r", "--aws-profile", "--config", "-c",
                         "--param", "--org", "--app"})


def _serverless(inv: Invocation, name: str) -> list[Finding]:
    verb, _ = _first_positional(inv, _SLS_VALUED)
    if {w.text for w in inv.args} & {"--help", "-h"}:
        return []
    stage = next((inv.args[i + 1].text for i, w in enumerate(inv.args[:-1])
                  if w.text in ("--stage", "-s")), None)
    where = f" (stage {stage})" if stage else ""
    if verb == "remove":
        return [Finding("IAC016", f"`{name} remove`{where}{_via(inv)} would delete the "
                        "service's stack: functions, tables, buckets and queues")]
    if verb == "deploy" and "--noDeploy" not in {w.text for w in inv.args}:
        return [Finding("IAC013", f"`{name} deploy`{where}{_via(inv)} would change real "
                        "infrastructure")]
    return []


#: options of the deployment tools that take a value (skipped when looking for the verb)
_DEPLOY_VALUED = frozenset({"--stage", "--region", "--profile", "-n", "--name", "-a", "--app",
                            "-e", "--env", "--config", "--print-logs"})


def _deploy_tool(inv: Invocation, name: str) -> list[Finding]:
    """sst, amplify, copilot and eb: the verbs that tear an app down, and those that deploy."""
    texts = [w.text for w in inv.args]
    if {"--help", "-h"} & set(texts) or (texts[:1] == ["help"]):
        return []
    words = []
    i = 0
    while i < len(texts):
        t = texts[i]
        i += 1
        if t.startswith("-"):
            if t in _DEPLOY_VALUED and "=" not in t:
                i += 1
            continue
        words.append(t)
    verb = " ".join(words[:2])
    first = words[0] if words else ""
    stage = next((texts[k + 1] for k, t in enumerate(texts[:-1])
                  if t in ("--stage", "--env", "-e")), None)
    where = f" (stage {stage})" if stage and name == "sst" else (
        f" ({stage})" if stage else "")
    down = {
        "sst": first == "remove",
        "amplify": first == "delete" or verb == "env remove",
        "copilot": len(words) >= 2 and words[0] in ("app", "env", "svc", "job")
        and words[1] == "delete",
        "eb": first == "terminate",
    }.get(name, False)
    shown = f"{name} {verb}".strip() if name in ("copilot", "amplify") else f"{name} {first}"
    if down:
        target = {"sst": "the stage's resources", "amplify": "the backend and its resources",
                  "copilot": "that app's, environment's or service's resources",
                  "eb": "the environment: its instances, load balancer and any database it "
                        "created"}[name]
        return [Finding("IAC018", f"`{shown}`{where}{_via(inv)} would delete {target}",
                        subject=shown)]
    deploys = {
        "sst": first == "deploy",
        "amplify": first in ("push", "publish"),
        "copilot": first == "deploy" or (len(words) >= 2 and words[1] == "deploy"),
        "eb": first == "deploy",
    }.get(name, False)
    if deploys:
        return [Finding("IAC013", f"`{shown}`{where}{_via(inv)} would change real "
                        "infrastructure")]
    return []


def _aws(inv: Invocation) -> list[Finding]:
    from railguard.rules.cloud import aws_call

    call = aws_call(inv)
    if call is None or call.service != "cloudformation" or call.help or call.local:
        return []
    op = call.operation
    if op in ("delete-stack", "delete-stack-set", "delete-stack-instances"):
        name = call.value("--stack-name") or call.value("--stack-set-name") or "a stack"
        retain = " (keeping the resources given to --retain-resources)" if \
            call.has("--retain-resources") else ""
        return [Finding("IAC015", f"`aws cloudformation {op}`{_via(inv)} would delete {name} "
                        f"and the resources in it{retain}", subject=name)]
    return []


def on_invocation(inv: Invocation, ctx: Context) -> Iterable[Finding]:
    from railguard.terraform.command import program_of

    name = inv.name
    if name is None:
        return ()
    if program_of(name) is not None:
        return _terraform(inv, ctx)
    if name == "pulumi":
        return _pulumi(inv)
    if name in ("cdk", "aws-cdk", "cdktf", "cdklocal"):
        return _cdk(inv, name)
    if name == "sam":
        return _sam(inv)
    if name in ("serverless", "sls"):
        return _serverless(inv, name)
    if name in ("sst", "amplify", "copilot", "eb"):
        return _deploy_tool(inv, name)
    if name == "aws":
        return _aws(inv)
    if name == "atmos":
        return _atmos(inv, ctx)
    return ()


def _atmos(inv: Invocation, ctx: Context) -> list[Finding]:
    """``atmos terraform VERB COMPONENT -s STACK ...``: judged as the terraform call it runs."""
    from railguard.model import Invocation as Inv
    from railguard.model import Word

    args = inv.args
    i = 0
    while i < len(args) and args[i].text.startswith("-"):
        i += 1 if "=" in args[i].text else 2
    if i >= len(args) or args[i].text != "terraform" or i + 1 >= len(args):
        return []
    verb = args[i + 1].text
    rest = args[i + 2 :]
    if verb == "deploy":
        verb, rest = "apply", [Word("-auto-approve"), *rest]
    words: list[Word] = []
    j = 0
    component_seen = False
    while j < len(rest):
        w = rest[j]
        if w.text in ("-s", "--stack") and j + 1 < len(rest):
            j += 2
            continue
        if not w.text.startswith("-") and not component_seen and verb not in ("workspace",
                                                                              "state"):
            component_seen = True  # the component name
            j += 1
            continue
        words.append(w)
        j += 1
    if verb == "state" and words:
        # atmos terraform state rm COMPONENT -s STACK ADDR: drop the component after the sub
        sub, tail = words[0], words[1:]
        tail = [w for k, w in enumerate(tail) if k != 0 or w.text.startswith("-")] if tail else []
        words = [sub, *tail]
    synth = Inv([Word("terraform"), Word(verb), *words], cwd=None, env=inv.env,
                pipe_from=inv.pipe_from, stdin_text=inv.stdin_text, via=(*inv.via, "atmos"))
    return _terraform(synth, ctx)


def on_action(action: Action, invocations: list[Invocation], ctx: Context
              ) -> Iterable[Finding]:
    """``terraform plan -destroy -out=X`` then ``terraform apply X`` in the same command."""
    if action.kind != "shell" or len(invocations) < 2:
        return ()
    from railguard.terraform import command

    destroy_plans: dict[str, str] = {}
    out: list[Finding] = []
    for inv in invocations:
        cmd = command.parse(inv)
        if cmd is None:
            continue
        flags = cmd.flags | _tf_env_flags(cmd)[0]
        if cmd.verb == "plan" and "destroy" in flags and cmd.value("out"):
            plan = cmd.value("out") or ""
            destroy_plans[_plan_key(cmd, plan)] = plan
        elif cmd.verb == "apply" and cmd.plan_file:
            key = _plan_key(cmd, cmd.plan_file)
            if key in destroy_plans:
                out.append(Finding(
                    "IAC001", f"`{cmd.shown} {cmd.plan_file}`{_where(cmd, ctx)} would apply the "
                    "destroy plan made just before it in the same command, deleting every "
                    "resource it lists without a prompt", subject=cmd.root or ""))
    return out


def _plan_key(cmd: TfCommand, plan: str) -> str:
    import os

    if cmd.root is None or os.path.isabs(plan):
        return plan
    return os.path.normpath(os.path.join(cmd.root, plan))


__all__ = ["RULES", "on_action", "on_invocation"]
