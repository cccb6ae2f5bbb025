"""The iac pack, through the real engine, in a real git project with a Terraform root.

Every spelling an agent uses is covered: wrappers (sudo, env, bash -c, timeout), ``-chdir=``,
``TF_CLI_ARGS`` / ``TF_CLI_ARGS_<verb>``, launchers (npx, pnpm dlx, bunx), Terragrunt's
``run-all`` / ``run --all``, and the ordinary calls that must never be asked about. Where it
matters the real ``terraform`` binary shows that the pack reads a command the way Terraform does.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import decide, rule_ids  # type: ignore[import-not-found]

from railguard.model import Verdict
from railguard.rules import ALL_RULES, iac


@pytest.fixture
def root(project: Path) -> Path:
    infra = project / "infra"
    infra.mkdir()
    (infra / "main.tf").write_text('resource "terraform_data" "db" {}\n')
    return project


def ids(command: str, cwd: Path) -> list[str]:
    return rule_ids(command, cwd, "IAC")


DENY = [
    ("terraform destroy", "IAC001"),
    ("terraform destroy -auto-approve", "IAC001"),
    ("terraform -chdir=infra destroy", "IAC001"),
    ("terraform -chdir=infra destroy -target=terraform_data.db", "IAC001"),
    ("tofu destroy", "IAC001"),
    ("opentofu destroy", "IAC001"),
    ("terraform-1.11 destroy", "IAC001"),
    ("terraform apply -destroy", "IAC001"),
    ("terraform apply -destroy=true -auto-approve", "IAC001"),
    ("terraform apply --destroy", "IAC001"),
    ("terragrunt destroy", "IAC001"),
    ("terragrunt run-all destroy", "IAC001"),
    ("terragrunt destroy-all", "IAC001"),
    ("terragrunt run --all destroy", "IAC001"),
    ("terragrunt run --all -- destroy", "IAC001"),
    ("terragrunt --working-dir infra run-all destroy --non-interactive", "IAC001"),
    ("TF_CLI_ARGS_apply=-destroy terraform apply", "IAC001"),
    ("TF_CLI_ARGS='-destroy -auto-approve' terraform apply", "IAC001"),
    ("env TF_CLI_ARGS_apply=-destroy terraform apply", "IAC001"),
    ("sudo terraform destroy", "IAC001"),
    ("sudo -E terraform -chdir=infra destroy", "IAC001"),
    ("bash -c 'terraform destroy -auto-approve'", "IAC001"),
    ("sh -c \"cd infra && terraform destroy\"", "IAC001"),
    ("timeout 600 terraform destroy", "IAC001"),
    ("nohup terraform destroy -auto-approve &", "IAC001"),
    ("echo yes | terraform destroy", "IAC001"),
    ("cd infra && terraform destroy", "IAC001"),
    ("terraform plan -destroy -out=d.tfplan && terraform apply d.tfplan", "IAC001"),
    ("terraform -chdir=infra plan -destroy -out=d.tfplan && terraform -chdir=infra apply "
     "-auto-approve d.tfplan", "IAC001"),
    ("atmos terraform destroy vpc -s prod", "IAC001"),
    ("terraform state rm aws_db_instance.main", "IAC002"),
    ("terraform state rm 'module.db.aws_db_instance.main[0]'", "IAC002"),
    ("terraform -chdir=infra state mv aws_instance.a aws_instance.b", "IAC002"),
    ("tofu state replace-provider hashicorp/aws acme/aws", "IAC002"),
    ("terragrunt state rm module.db", "IAC002"),
    ("atmos terraform state rm vpc -s prod aws_s3_bucket.data", "IAC002"),
    ("terraform state push old.tfstate", "IAC003"),
    ("terraform state push -force old.tfstate", "IAC003"),
    ("terraform state push -", "IAC003"),
    ("terraform workspace delete staging", "IAC004"),
    ("terraform workspace delete -force staging", "IAC004"),
    ("atmos terraform workspace delete dev", "IAC004"),
    ("terraform force-unlock 1234-abcd", "IAC005"),
    ("terraform force-unlock -force 1234-abcd", "IAC005"),
    ("terraform init -migrate-state -force-copy", "IAC006"),
    ("terraform init -force-copy", "IAC006"),
    ("yes | terraform init -migrate-state", "IAC006"),
    ("terraform init -migrate-state <<< yes", "IAC006"),
    ("terragrunt backend migrate --force old new", "IAC006"),
    ("pulumi destroy", "IAC011"),
    ("pulumi destroy --yes", "IAC011"),
    ("pulumi destroy -y --skip-preview --stack prod", "IAC011"),
    ("pulumi down -y", "IAC011"),
    ("pulumi --cwd infra destroy -s dev --yes", "IAC011"),
    ("pulumi -C infra --non-interactive destroy", "IAC011"),
    ("pulumi stack rm dev", "IAC012"),
    ("pulumi stack rm --force --yes prod", "IAC012"),
    ("pulumi state delete urn:pulumi:dev::app::aws:s3/bucket:Bucket::b", "IAC012"),
    ("pulumi state unprotect --all -y", "IAC012"),
    ("pulumi stack import --file old.json", "IAC012"),
    ("cdk destroy", "IAC014"),
    ("cdk destroy --all --force", "IAC014"),
    ("npx cdk destroy MyStack", "IAC014"),
    ("npx -y aws-cdk destroy --all", "IAC014"),
    ("pnpm dlx cdk destroy -f", "IAC014"),
    ("bunx cdk destroy", "IAC014"),
    ("npx cdktf destroy --auto-approve", "IAC014"),
    ("aws cloudformation delete-stack --stack-name prod", "IAC015"),
    ("aws --region eu-west-1 --profile prod cloudformation delete-stack --stack-name app",
     "IAC015"),
    ("aws cloudformation delete-stack-instances --stack-set-name s --regions us-east-1",
     "IAC015"),
    ("sam delete --stack-name app --no-prompts", "IAC015"),
    ("serverless remove", "IAC016"),
    ("sls remove --stage prod --region us-east-1", "IAC016"),
    ("npx serverless remove", "IAC016"),
    ("npx sls remove -s dev", "IAC016"),
    ("npx sst remove --stage production", "IAC018"),
    ("sst remove", "IAC018"),
    ("pnpm exec sst remove --stage=prod", "IAC018"),
    ("amplify delete --force", "IAC018"),
    ("amplify env remove prod", "IAC018"),
    ("copilot app delete --yes", "IAC018"),
    ("copilot env delete --name prod --yes", "IAC018"),
    ("copilot svc delete -n api -e prod", "IAC018"),
    ("copilot job delete --name nightly", "IAC018"),
    ("eb terminate prod-env --force", "IAC018"),
    ("eb terminate --all", "IAC018"),
]

ASK = [
    # the command word known only at run time: it may be destroy
    ("read op <<< destroy; terraform $op -auto-approve", "IAC017"),
    ("terraform $(cat op.txt) -auto-approve", "IAC017"),
    ("op=DESTROY; terraform ${op,,} -auto-approve", "IAC017"),
    ("terragrunt run-all \"$OP\"", "IAC017"),
    ("terraform apply", "IAC007"),
    ("terraform apply -auto-approve", "IAC007"),
    ("terraform -chdir=infra apply -auto-approve -var env=dev", "IAC007"),
    ("terraform apply -destroy=false", "IAC007"),
    ("terraform apply plan.tfplan", "IAC007"),
    ("terraform apply -refresh-only", "IAC007"),
    ("terraform refresh", "IAC007"),
    ("terragrunt run-all apply", "IAC007"),
    ("terragrunt run --all apply", "IAC007"),
    ("tofu apply -auto-approve", "IAC007"),
    ("atmos terraform deploy vpc -s prod", "IAC007"),
    ("terraform import aws_s3_bucket.logs acme-logs", "IAC008"),
    ("terraform -chdir=infra import terraform_data.db x", "IAC008"),
    ("terraform apply -replace=aws_instance.web", "IAC009"),
    ("terraform apply -replace aws_instance.web -auto-approve", "IAC009"),
    ("terraform taint aws_instance.web", "IAC009"),
    ("terraform init -migrate-state", "IAC010"),
    ("pulumi up", "IAC013"),
    ("pulumi up --yes --skip-preview", "IAC013"),
    ("pulumi update -s dev", "IAC013"),
    ("pulumi refresh --yes", "IAC013"),
    ("pulumi import aws:s3/bucket:Bucket b my-bucket", "IAC013"),
    ("npx cdk deploy --all --require-approval never", "IAC013"),
    ("cdk deploy MyStack", "IAC013"),
    ("npx cdktf deploy", "IAC013"),
    ("sam deploy --guided", "IAC013"),
    ("sam sync --watch", "IAC013"),
    ("serverless deploy --stage prod", "IAC013"),
    ("sls deploy", "IAC013"),
    ("npx sst deploy --stage prod", "IAC013"),
    ("amplify push -y", "IAC013"),
    ("amplify publish", "IAC013"),
    ("copilot deploy", "IAC013"),
    ("copilot svc deploy --name api --env prod", "IAC013"),
    ("eb deploy prod-env", "IAC013"),
]

ORDINARY = [
    "sst state list", "npx sst dev", "sst remove --help", "amplify status", "amplify env list",
    "amplify pull", "copilot app show", "copilot svc ls", "copilot svc logs", "eb status",
    "eb logs", "eb init", "eb health",
    "OP=plan; terraform $OP", "terraform -chdir=\"$DIR\" plan", "terraform plan -var \"x=$X\"",
    "terraform plan", "terraform plan -destroy", "terraform plan -destroy -out=d.tfplan",
    "terraform -chdir=infra plan -out=plan.tfplan", "terraform plan -replace=aws_instance.web",
    "terraform validate", "terraform fmt", "terraform fmt -check -recursive",
    "terraform show", "terraform show -json plan.tfplan", "terraform output",
    "terraform output -raw db_url", "terraform state list", "terraform state show a.b",
    "terraform state pull", "terraform state rm -dry-run aws_db_instance.main",
    "terraform state mv -dry-run a.b c.d", "terraform init", "terraform init -upgrade",
    "terraform init -backend=false", "terraform init -reconfigure", "terraform providers",
    "terraform providers lock -platform=linux_amd64", "terraform version", "terraform graph",
    "terraform console", "terraform workspace list", "terraform workspace show",
    "terraform workspace new dev", "terraform workspace select dev",
    "terraform untaint aws_instance.web", "terraform test", "terraform destroy -help",
    "terraform -help", "tofu plan", "tofu validate", "terragrunt plan",
    "terragrunt run-all plan", "terragrunt run --all plan", "terragrunt hclfmt",
    "terragrunt run-all validate", "TF_LOG=DEBUG terraform plan",
    "TF_CLI_ARGS_plan=-destroy terraform plan", "atmos terraform plan vpc -s prod",
    "atmos terraform plan -destroy vpc -s prod", "pulumi preview", "pulumi preview --diff",
    "pulumi destroy --preview-only", "pulumi up --preview-only", "pulumi stack ls",
    "pulumi stack output", "pulumi stack select dev", "pulumi stack export",
    "pulumi config set aws:region us-east-1", "pulumi whoami", "pulumi logs",
    "pulumi destroy --help", "cdk synth", "npx cdk diff", "cdk ls", "cdk bootstrap --help",
    "npx cdk destroy --help", "sam build", "sam local invoke", "sam validate",
    "sam deploy --no-execute-changeset", "serverless package", "sls info", "sls print",
    "serverless invoke local -f hello", "aws cloudformation describe-stacks",
    "aws cloudformation list-stacks", "aws cloudformation delete-stack help",
    "aws cloudformation validate-template --template-body file://t.yaml",
    "aws --endpoint-url http://localhost:4566 cloudformation delete-stack --stack-name x",
    "grep -r 'terraform destroy' docs", "echo terraform destroy",
    "git commit -m 'document terraform destroy'",
]


@pytest.mark.parametrize(("command", "rule"), DENY, ids=[c for c, _ in DENY])
def test_denied(command: str, rule: str, root: Path) -> None:
    d = decide(command, root)
    assert rule in d.rule_ids, (command, d.rule_ids)
    assert d.verdict == Verdict.DENY
    assert ALL_RULES[rule].verdict == Verdict.DENY


@pytest.mark.parametrize(("command", "rule"), ASK, ids=[c for c, _ in ASK])
def test_asked(command: str, rule: str, root: Path) -> None:
    found = ids(command, root)
    assert rule in found, (command, found)
    assert ALL_RULES[rule].verdict == Verdict.ASK
    # nothing of this pack denies an ordinary apply
    assert not [i for i in found if ALL_RULES[i].verdict == Verdict.DENY], found


@pytest.mark.parametrize("command", ORDINARY)
def test_ordinary_calls_pass(command: str, root: Path) -> None:
    assert ids(command, root) == [], command


def test_every_rule_is_exercised() -> None:
    used = {r for _, r in DENY} | {r for _, r in ASK}
    assert used == {r.id for r in iac.RULES}


def _iac_message(command: str, root: Path) -> str:
    """The message of the iac finding (other packs may also speak about the same call)."""
    d = decide(command, root)
    return next(f.message for f in d.findings if f.rule_id.startswith("IAC"))


def test_messages_say_what_is_lost(root: Path) -> None:
    msg = _iac_message("terraform -chdir=infra destroy -auto-approve", root)
    assert "infra" in msg and "every resource" in msg and "without a prompt" in msg
    assert "aws_db_instance.main" in _iac_message("terraform destroy -target=aws_db_instance.main",
                                                  root)
    assert "TF_CLI_ARGS" in _iac_message("TF_CLI_ARGS_apply=-destroy terraform apply", root)
    msg = _iac_message("terraform state rm aws_db_instance.main", root)
    assert "aws_db_instance.main" in msg and "unmanaged" in msg
    msg = _iac_message("terraform state push -force old.tfstate", root)
    assert "-force" in msg and "old.tfstate" in msg
    assert "via sudo" in _iac_message("sudo bash -c 'terraform destroy'", root)
    rule = ALL_RULES["IAC001"]
    assert "terraform plan -destroy" in rule.instead


def test_cd_into_a_root_names_it(root: Path) -> None:
    d = decide("cd infra && terraform destroy", root)
    assert any("in infra" in f.message for f in d.findings if f.rule_id == "IAC001")


def test_a_plan_file_of_another_root_is_not_a_destroy_plan(root: Path) -> None:
    found = ids("terraform -chdir=infra plan -destroy -out=d.tfplan && terraform apply d.tfplan",
                root)
    assert "IAC001" not in found
    assert "IAC007" in found


def test_unknown_directory_is_said(root: Path) -> None:
    d = decide("cd $DIR && terraform destroy", root)
    f = next(f for f in d.findings if f.rule_id == "IAC001")
    assert "known only at run time" in f.message


# --- the real terraform ------------------------------------------------------------------------

TF_ENV = {"TF_CLI_CONFIG_FILE": "/dev/null", "CHECKPOINT_DISABLE": "1", "TF_IN_AUTOMATION": "1",
          "TF_INPUT": "0"}


def _terraform() -> str | None:
    import shutil

    exe = shutil.which("terraform")
    if exe is None:
        return None
    out = subprocess.run([exe, "version"], capture_output=True, text=True, check=False).stdout
    try:
        major, minor = (int(x) for x in out.split()[1].lstrip("v").split(".")[:2])
    except (IndexError, ValueError):
        return None
    return exe if (major, minor) >= (1, 4) else None


TERRAFORM = _terraform()
needs_tf = pytest.mark.skipif(TERRAFORM is None, reason="terraform >= 1.4 is not on PATH")


def _run(args: list[str], cwd: Path, extra: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    assert TERRAFORM is not None
    env = {**os.environ, **TF_ENV, **(extra or {})}
    return subprocess.run([TERRAFORM, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300, check=False, stdin=subprocess.DEVNULL)


def _state_resources(root: Path) -> list[str]:
    out = _run(["state", "list"], root)
    return [line for line in out.stdout.splitlines() if line.strip()]


@needs_tf
def test_tf_cli_args_really_turn_apply_into_destroy(root: Path) -> None:
    """The premise of reading TF_CLI_ARGS_apply: Terraform really destroys with it."""
    infra = root / "infra"
    assert _run(["init", "-input=false"], infra).returncode == 0
    assert _run(["apply", "-auto-approve", "-input=false"], infra).returncode == 0
    assert _state_resources(infra) == ["terraform_data.db"]
    command = "TF_CLI_ARGS_apply='-destroy' terraform -chdir=infra apply -auto-approve"
    assert "IAC001" in decide(command, root).rule_ids
    # the same command, run for real in the temp root, deletes everything
    proc = _run(["-chdir=infra", "apply", "-auto-approve"], root,
                {"TF_CLI_ARGS_apply": "-destroy"})
    assert proc.returncode == 0, proc.stderr
    assert _state_resources(infra) == []


@needs_tf
def test_plan_destroy_is_harmless_and_allowed(root: Path) -> None:
    infra = root / "infra"
    assert _run(["init", "-input=false"], infra).returncode == 0
    assert _run(["apply", "-auto-approve", "-input=false"], infra).returncode == 0
    command = "terraform -chdir=infra plan -destroy -out=d.tfplan"
    assert ids(command, root) == []
    assert _run(["-chdir=infra", "plan", "-destroy", "-out=d.tfplan", "-input=false"],
                root).returncode == 0
    assert _state_resources(infra) == ["terraform_data.db"]  # nothing deleted
    # applying that plan in the same command is the destroy
    both = command + " && terraform -chdir=infra apply d.tfplan"
    assert "IAC001" in decide(both, root).rule_ids


@needs_tf
def test_state_rm_dry_run_really_keeps_the_state(root: Path) -> None:
    infra = root / "infra"
    assert _run(["init", "-input=false"], infra).returncode == 0
    assert _run(["apply", "-auto-approve", "-input=false"], infra).returncode == 0
    assert ids("terraform -chdir=infra state rm -dry-run terraform_data.db", root) == []
    assert _run(["state", "rm", "-dry-run", "terraform_data.db"], infra).returncode == 0
    assert _state_resources(infra) == ["terraform_data.db"]
    assert "IAC002" in ids("terraform -chdir=infra state rm terraform_data.db", root)
