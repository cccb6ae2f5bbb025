"""The cloud pack, through the real engine, in a real git project.

No cloud API is called: these calls are only judged, never run. Each table row is one spelling an
agent uses (global options before the service, wrappers, ``--opt=value``), and the reads, dry runs
and local-emulator calls that must never be asked about.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import decide, rule_ids  # type: ignore[import-not-found]

from railguard.model import Verdict
from railguard.rules import ALL_RULES, cloud


def ids(command: str, cwd: Path) -> list[str]:
    return rule_ids(command, cwd, "CLOUD")


FLAGGED = [
    # databases and data stores
    ("aws rds delete-db-instance --db-instance-identifier prod --skip-final-snapshot", "CLOUD001"),
    ("aws rds delete-db-instance --db-instance-identifier prod "
     "--final-db-snapshot-identifier prod-final", "CLOUD001"),
    ("aws rds delete-db-cluster --db-cluster-identifier c --delete-automated-backups", "CLOUD001"),
    ("aws --profile prod --region us-east-1 rds delete-db-instance --db-instance-identifier x",
     "CLOUD001"),
    ("aws rds delete-db-instance --db-instance-identifier=x --skip-final-snapshot", "CLOUD001"),
    ("aws dynamodb delete-table --table-name orders", "CLOUD001"),
    ("aws redshift delete-cluster --cluster-identifier dw --skip-final-cluster-snapshot",
     "CLOUD001"),
    ("aws elasticache delete-replication-group --replication-group-id cache", "CLOUD001"),
    ("aws opensearch delete-domain --domain-name logs", "CLOUD001"),
    ("aws efs delete-file-system --file-system-id fs-1", "CLOUD001"),
    ("aws sqs delete-queue --queue-url https://sqs.us-east-1.amazonaws.com/1/q", "CLOUD001"),
    ("aws sqs purge-queue --queue-url https://sqs.us-east-1.amazonaws.com/1/q", "CLOUD001"),
    ("aws cognito-idp delete-user-pool --user-pool-id us-east-1_x", "CLOUD001"),
    ("gcloud sql instances delete prod-db", "CLOUD001"),
    ("gcloud --project prod sql instances delete prod-db --quiet", "CLOUD001"),
    ("gcloud beta spanner instances delete main", "CLOUD001"),
    ("gcloud bigtable instances delete bt", "CLOUD001"),
    ("gcloud redis instances delete cache --region us-central1", "CLOUD001"),
    ("gcloud firestore databases delete --database=orders", "CLOUD001"),
    ("az sql server delete --name s1 -g rg --yes", "CLOUD001"),
    ("az cosmosdb sql container delete --account-name a --database-name d --name c -g rg",
     "CLOUD001"),
    ("az postgres flexible-server delete -n pg -g rg --yes", "CLOUD001"),
    ("bq rm -r -f -d analytics", "CLOUD001"),
    ("bq rm dataset.table", "CLOUD001"),
    # buckets in bulk
    ("aws s3 rb s3://assets", "CLOUD002"),
    ("aws s3 rb s3://assets --force", "CLOUD002"),
    ("aws s3 rm s3://assets --recursive", "CLOUD002"),
    ("aws s3 rm --recursive s3://assets/uploads", "CLOUD002"),
    ("aws s3 rm s3://assets --recursive --exclude '*' --include '*.log'", "CLOUD002"),
    ("aws s3 sync ./site s3://www --delete", "CLOUD002"),
    ("aws s3 sync s3://a s3://b --delete --exact-timestamps", "CLOUD002"),
    ("aws s3api delete-bucket --bucket b", "CLOUD002"),
    ("aws s3api delete-objects --bucket b --delete file://d.json", "CLOUD002"),
    ("gsutil rm -r gs://media", "CLOUD002"),
    ("gsutil -m rm -r gs://media/uploads", "CLOUD002"),
    ("gsutil rm gs://media/*", "CLOUD002"),
    ("gsutil rm -a gs://media/a.png", "CLOUD002"),
    ("gsutil rb gs://media", "CLOUD002"),
    ("gsutil -f rb gs://media", "CLOUD002"),
    ("gsutil rsync -d gs://src gs://dst", "CLOUD002"),
    ("gcloud storage rm -r gs://media", "CLOUD002"),
    ("gcloud storage rm gs://media/**", "CLOUD002"),
    ("gcloud storage buckets delete gs://media", "CLOUD002"),
    ("gcloud storage rsync ./out gs://www --recursive --delete-unmatched-destination-objects",
     "CLOUD002"),
    ("az storage container delete -n backups", "CLOUD002"),
    ("az storage blob delete-batch -s backups --pattern '*.bak'", "CLOUD002"),
    ("az storage account delete -n acct --yes", "CLOUD002"),
    # one object
    ("aws s3 rm s3://assets/a.png", "CLOUD003"),
    ("aws s3api delete-object --bucket b --key k", "CLOUD003"),
    ("gsutil rm gs://media/a.png", "CLOUD003"),
    ("gcloud storage rm gs://media/a.png", "CLOUD003"),
    ("az storage blob delete -c c -n b", "CLOUD003"),
    # disks, snapshots, backups
    ("aws ec2 delete-volume --volume-id vol-1", "CLOUD004"),
    ("aws ec2 delete-snapshot --snapshot-id snap-1", "CLOUD004"),
    ("aws rds delete-db-snapshot --db-snapshot-identifier s", "CLOUD004"),
    ("aws rds delete-db-cluster-snapshot --db-cluster-snapshot-identifier s", "CLOUD004"),
    ("aws rds delete-db-instance-automated-backup --dbi-resource-id db-1", "CLOUD004"),
    ("aws backup delete-recovery-point --backup-vault-name v --recovery-point-arn a",
     "CLOUD004"),
    ("aws backup delete-backup-vault --backup-vault-name v", "CLOUD004"),
    ("aws dynamodb delete-backup --backup-arn arn", "CLOUD004"),
    ("gcloud compute disks delete d1 --zone z", "CLOUD004"),
    ("gcloud compute snapshots delete s1", "CLOUD004"),
    ("gcloud sql backups delete 123 --instance db", "CLOUD004"),
    ("az snapshot delete -n s -g rg", "CLOUD004"),
    ("az disk delete -n d -g rg", "CLOUD004"),
    ("az backup protection disable --container-name c --item-name i -g rg --vault-name v "
     "--delete-backup-data true --yes", "CLOUD004"),
    # compute
    ("aws ec2 terminate-instances --instance-ids i-1", "CLOUD005"),
    ("aws ec2 terminate-instances --instance-ids i-1 --dry-run=false", "CLOUD005"),
    ("aws ec2 terminate-instances --instance-ids i-1 --no-dry-run", "CLOUD005"),
    ("aws eks delete-cluster --name main", "CLOUD005"),
    ("aws autoscaling delete-auto-scaling-group --auto-scaling-group-name g --force-delete",
     "CLOUD005"),
    ("gcloud compute instances delete vm-1 --zone z", "CLOUD005"),
    ("gcloud container clusters delete gke --region r", "CLOUD005"),
    ("gcloud dataproc clusters delete c --region r", "CLOUD005"),
    ("az vm delete -n vm -g rg --yes", "CLOUD005"),
    ("az vmss delete -n ss -g rg", "CLOUD005"),
    ("az aks delete -n k -g rg --yes", "CLOUD005"),
    # keys and secrets
    ("aws kms schedule-key-deletion --key-id k", "CLOUD006"),
    ("aws secretsmanager delete-secret --secret-id s --force-delete-without-recovery", "CLOUD006"),
    ("gcloud kms keys versions destroy 1 --key k --keyring r --location l", "CLOUD006"),
    ("gcloud secrets delete s", "CLOUD006"),
    ("az keyvault purge --name v", "CLOUD006"),
    ("az keyvault secret purge --name s --vault-name v", "CLOUD006"),
    # projects and groups
    ("gcloud projects delete p", "CLOUD007"),
    ("gcloud --quiet projects delete p", "CLOUD007"),
    ("az group delete -n rg --yes --no-wait", "CLOUD007"),
    ("az --subscription prod group delete --name rg", "CLOUD007"),
    ("aws organizations close-account --account-id 111122223333", "CLOUD007"),
    # general deletes
    ("aws iam delete-role --role-name ci", "CLOUD008"),
    ("aws iam delete-user --user-name bob", "CLOUD008"),
    ("aws iam delete-user --user-name bob --dry-run", "CLOUD008"),
    ("aws lambda delete-function --function-name f", "CLOUD008"),
    ("aws ec2 delete-security-group --group-id sg-1", "CLOUD008"),
    ("aws ec2 deregister-image --image-id ami-1", "CLOUD008"),
    ("aws ec2 release-address --allocation-id eipalloc-1", "CLOUD008"),
    ("aws elbv2 delete-load-balancer --load-balancer-arn arn", "CLOUD008"),
    ("aws route53 delete-hosted-zone --id Z1", "CLOUD008"),
    ("aws logs delete-log-group --log-group-name /aws/lambda/f", "CLOUD008"),
    ("aws ecr batch-delete-image --repository-name r --image-ids imageTag=latest", "CLOUD008"),
    ("aws secretsmanager delete-secret --secret-id s", "CLOUD008"),
    ("aws secretsmanager delete-secret --secret-id s --recovery-window-in-days 7", "CLOUD008"),
    ("aws ssm delete-parameter --name /app/x", "CLOUD008"),
    ("gcloud functions delete fn --region r", "CLOUD008"),
    ("gcloud run services delete svc", "CLOUD008"),
    ("gcloud iam service-accounts delete sa@p.iam.gserviceaccount.com", "CLOUD008"),
    ("gcloud dns managed-zones delete z", "CLOUD008"),
    ("az webapp delete -n app -g rg", "CLOUD008"),
    ("az network vnet delete -n v -g rg", "CLOUD008"),
    ("az keyvault delete --name v", "CLOUD008"),
    ("az role assignment delete --assignee u", "CLOUD008"),
    # deletion protection
    ("aws rds modify-db-instance --db-instance-identifier p --no-deletion-protection",
     "CLOUD009"),
    ("aws rds modify-db-cluster --db-cluster-identifier c --no-deletion-protection "
     "--apply-immediately", "CLOUD009"),
    ("aws dynamodb update-table --table-name t --no-deletion-protection-enabled", "CLOUD009"),
    ("aws ec2 modify-instance-attribute --instance-id i-1 --no-disable-api-termination",
     "CLOUD009"),
    ("gcloud sql instances patch db --no-deletion-protection", "CLOUD009"),
    # wrappers
    ("sudo aws ec2 terminate-instances --instance-ids i-1", "CLOUD005"),
    ("bash -c 'aws s3 rb s3://assets --force'", "CLOUD002"),
    ("AWS_PROFILE=prod aws dynamodb delete-table --table-name t", "CLOUD001"),
    ("env AWS_REGION=eu-west-1 aws rds delete-db-instance --db-instance-identifier x",
     "CLOUD001"),
    ("timeout 60 gcloud projects delete p", "CLOUD007"),
    ("for t in a b; do aws dynamodb delete-table --table-name $t; done", "CLOUD001"),
    ("aws ec2 describe-volumes --query 'Volumes[].VolumeId' --output text | xargs -n1 aws ec2 "
     "delete-volume --volume-id", "CLOUD004"),
    # platform CLIs
    ("eksctl delete cluster prod", "CLOUD005"),
    ("eksctl delete cluster --name prod --region eu-west-1 --wait", "CLOUD005"),
    ("eksctl delete nodegroup --cluster prod ng-1", "CLOUD008"),
    ("heroku pg:reset DATABASE_URL --confirm prod", "CLOUD001"),
    ("heroku pg:copy prod::DATABASE_URL DATABASE_URL -a staging --confirm staging",
     "CLOUD001"),
    ("heroku addons:destroy heroku-postgresql -a prod --confirm prod", "CLOUD001"),
    ("heroku apps:destroy --app prod --confirm prod", "CLOUD007"),
    ("heroku destroy -a prod", "CLOUD007"),
    ("heroku pg:backups:delete b101 -a prod", "CLOUD004"),
    ("heroku domains:remove www.example.com -a prod", "CLOUD008"),
    ("fly apps destroy prod -y", "CLOUD007"),
    ("flyctl apps destroy prod --yes", "CLOUD007"),
    ("fly volumes destroy vol_123 -y", "CLOUD004"),
    ("fly machines destroy 148ed --force", "CLOUD005"),
    ("doctl compute droplet delete web-1 -f", "CLOUD005"),
    ("doctl databases delete 9cc10173 --force", "CLOUD001"),
    ("doctl --context prod kubernetes cluster delete k8s-prod", "CLOUD005"),
    ("doctl compute volume delete data-1 -f", "CLOUD004"),
    ("doctl compute firewall delete fw-1", "CLOUD008"),
    ("firebase firestore:delete --all-collections -f", "CLOUD001"),
    ("firebase firestore:delete -r users --project prod -f", "CLOUD001"),
    ("firebase firestore:delete users/alice", "CLOUD003"),
    ("firebase database:remove / --project prod -f", "CLOUD001"),
    ("firebase functions:delete sendMail", "CLOUD008"),
    ("wrangler d1 delete prod-db -y", "CLOUD001"),
    ("wrangler r2 bucket delete assets", "CLOUD002"),
    ("wrangler kv namespace delete --namespace-id abc", "CLOUD001"),
    ("wrangler delete", "CLOUD008"),
    ("railway down", "CLOUD008"),
    ("vercel remove my-app --yes", "CLOUD008"),
    ("netlify sites:delete abc123 --force", "CLOUD008"),
    # object-store clients
    ("rclone purge remote:prod", "CLOUD002"),
    ("rclone delete s3:assets/uploads --min-age 30d", "CLOUD002"),
    ("rclone deletefile remote:media/a.png", "CLOUD003"),
    ("rclone sync ./site remote:www", "CLOUD010"),
    ("rclone sync remote:prod remote:backup -P --transfers 8", "CLOUD010"),
    ("s3cmd rb --recursive s3://prod", "CLOUD002"),
    ("s3cmd del -r s3://prod/uploads", "CLOUD002"),
    ("s3cmd del s3://prod/a.txt", "CLOUD003"),
    ("s3cmd sync --delete-removed ./site s3://www", "CLOUD002"),
    ("mc rb --force local/prod", "CLOUD002"),
    ("mc rm -r --force local/prod/uploads", "CLOUD002"),
    ("mc rm local/media/a.png", "CLOUD003"),
    ("mc mirror --remove ./site local/www", "CLOUD002"),
    # Vault
    ("vault kv metadata delete secret/prod", "CLOUD006"),
    ("vault kv metadata delete -mount=secret prod/db", "CLOUD006"),
    ("vault kv destroy -versions=1,2 secret/prod", "CLOUD006"),
    ("vault secrets disable secret/", "CLOUD006"),
    ("vault delete transit/keys/payments", "CLOUD006"),
    ("vault kv delete secret/app", "CLOUD008"),
]

ORDINARY = [
    "aws sts get-caller-identity", "aws s3 ls", "aws s3 ls s3://b --recursive",
    "aws s3 cp a.txt s3://b/a.txt", "aws s3 cp s3://b/a.txt .", "aws s3 mv a.txt s3://b/",
    "aws s3 sync ./site s3://www", "aws s3 sync ./site s3://www --delete --dryrun",
    "aws s3 rm s3://b --recursive --dryrun", "aws s3 presign s3://b/k", "aws s3 mb s3://b",
    "aws s3api list-buckets", "aws s3api get-object --bucket b --key k out",
    "aws s3api head-object --bucket b --key k", "aws s3api put-object --bucket b --key k",
    "aws ec2 describe-instances", "aws ec2 describe-instances --filters Name=tag:env,Values=prod",
    "aws ec2 terminate-instances --instance-ids i-1 --dry-run",
    "aws ec2 delete-volume --volume-id v --dry-run", "aws ec2 stop-instances --instance-ids i-1",
    "aws ec2 run-instances --image-id ami-1 --count 1", "aws rds describe-db-instances",
    "aws rds describe-db-snapshots", "aws rds create-db-snapshot --db-instance-identifier p "
    "--db-snapshot-identifier s", "aws rds modify-db-instance --db-instance-identifier p "
    "--deletion-protection", "aws dynamodb scan --table-name t", "aws dynamodb query "
    "--table-name t --key-condition-expression k", "aws dynamodb list-tables",
    "aws lambda invoke --function-name f out.json", "aws lambda list-functions",
    "aws logs tail /aws/lambda/f --follow", "aws logs filter-log-events --log-group-name g",
    "aws iam list-roles", "aws iam get-role --role-name r", "aws kms list-keys",
    "aws kms cancel-key-deletion --key-id k", "aws secretsmanager get-secret-value --secret-id s",
    "aws secretsmanager list-secrets", "aws sqs receive-message --queue-url u",
    "aws sqs list-queues", "aws cloudwatch get-metric-statistics --namespace n",
    "aws ecr get-login-password", "aws configure list", "aws --version", "aws help",
    "aws ec2 terminate-instances help", "aws rds delete-db-instance help",
    "aws --endpoint-url http://localhost:4566 s3 rb s3://b --force",
    "aws --endpoint-url=http://127.0.0.1:9000 s3 rm s3://b --recursive",
    "aws --endpoint-url http://localstack:4566 dynamodb delete-table --table-name t",
    "gcloud config list", "gcloud auth list", "gcloud compute instances list",
    "gcloud compute instances describe vm", "gcloud sql instances list",
    "gcloud sql instances describe db", "gcloud projects list", "gcloud storage ls gs://b",
    "gcloud storage cp a gs://b/a", "gcloud storage cat gs://b/a",
    "gcloud container clusters get-credentials gke --region r",
    "gcloud secrets versions access latest --secret s", "gcloud components remove kubectl",
    "gcloud config configurations delete old", "gcloud compute instances delete --help",
    "gcloud help compute instances delete", "gcloud sql instances patch db --deletion-protection",
    "gsutil ls gs://b", "gsutil -m cp -r ./out gs://b/", "gsutil cat gs://b/a", "gsutil du -s gs://b",
    "gsutil rsync -r ./out gs://b", "gsutil rsync -d -n -r ./out gs://b", "gsutil version",
    "az login", "az account show", "az account list", "az group list", "az group show -n rg",
    "az vm list", "az vm show -n vm -g rg", "az storage blob list -c c",
    "az storage blob download -c c -n b -f out", "az vm delete --help", "az vm delete -h",
    "az deployment group what-if -g rg --template-file main.bicep", "az config unset defaults.group",
    "az extension remove --name aks-preview", "az keyvault secret show --name s --vault-name v",
    "bq ls", "bq show dataset.table", "bq query --use_legacy_sql=false 'select 1'",
    "grep -r 'aws s3 rb' docs", "echo gcloud projects delete p",
    "eksctl get clusters", "eksctl create cluster --name dev", "eksctl utils write-kubeconfig",
    "heroku logs --tail -a prod", "heroku pg:info -a prod", "heroku config:set X=1 -a prod",
    "heroku ps:restart -a prod", "heroku run rails console -a prod", "fly deploy",
    "fly status -a prod", "fly logs", "flyctl volumes list", "doctl compute droplet list",
    "doctl databases list", "doctl kubernetes cluster kubeconfig save k8s",
    "firebase deploy --only hosting", "firebase emulators:start", "firebase firestore:indexes",
    "wrangler deploy", "wrangler dev", "wrangler d1 list", "wrangler delete --dry-run",
    "wrangler r2 bucket list", "railway up", "railway logs", "vercel", "vercel --prod",
    "vercel env ls", "netlify deploy --prod", "netlify status",
    "rclone copy ./site remote:www", "rclone ls remote:prod", "rclone lsd remote:",
    "rclone sync ./site remote:www --dry-run", "rclone sync ./site remote:www -n",
    "rclone purge remote:prod --dry-run", "rclone rmdirs remote:prod/empty",
    "s3cmd ls s3://prod", "s3cmd put a.txt s3://prod/a.txt", "s3cmd get s3://prod/a.txt",
    "s3cmd sync ./site s3://www", "s3cmd del -r --dry-run s3://prod", "mc ls local/prod",
    "mc cp a.txt local/prod/", "mc mirror ./site local/www", "mc rm --dry-run -r local/prod",
    "mc", "vault kv get secret/prod", "vault kv put secret/dev x=1", "vault secrets list",
    "vault login -method=oidc", "vault read secret/x", "vault kv list secret/",
]


@pytest.mark.parametrize(("command", "rule"), FLAGGED, ids=[c for c, _ in FLAGGED])
def test_flagged(command: str, rule: str, project: Path) -> None:
    d = decide(command, project)
    assert rule in d.rule_ids, (command, d.rule_ids)
    assert d.verdict >= ALL_RULES[rule].verdict


@pytest.mark.parametrize("command", ORDINARY)
def test_ordinary_calls_pass(command: str, project: Path) -> None:
    assert ids(command, project) == [], command


def test_every_rule_is_exercised() -> None:
    assert {r for _, r in FLAGGED} == {r.id for r in cloud.RULES}


def test_verdicts() -> None:
    deny = {"CLOUD001", "CLOUD002", "CLOUD004", "CLOUD005", "CLOUD006", "CLOUD007"}
    for rule in cloud.RULES:
        expected = Verdict.DENY if rule.id in deny else Verdict.ASK
        assert rule.verdict == expected, rule.id


def test_single_object_delete_is_asked_not_denied(project: Path) -> None:
    d = decide("aws s3 rm s3://assets/logo.png", project)
    assert d.verdict == Verdict.ASK
    assert d.rule_ids == ["CLOUD003"]


def test_rds_messages_say_what_is_lost(project: Path) -> None:
    d = decide("aws rds delete-db-instance --db-instance-identifier orders "
               "--skip-final-snapshot", project)
    msg = d.findings[0].message
    assert "orders" in msg and "no final snapshot" in msg and "automated backups" in msg
    d = decide("aws rds delete-db-instance --db-instance-identifier orders "
               "--final-db-snapshot-identifier last --no-delete-automated-backups", project)
    msg = d.findings[0].message
    assert "final snapshot last" in msg and "kept" in msg
    assert "create-db-snapshot" in ALL_RULES["CLOUD001"].instead


def test_messages_name_the_target(project: Path) -> None:
    cases = {
        "aws ec2 terminate-instances --instance-ids i-1 i-2": "i-1 i-2",
        "aws s3 rm s3://assets/uploads --recursive": "s3://assets/uploads",
        "aws s3 sync ./site s3://www --delete": "s3://www",
        "az group delete -n prod-rg --yes": "prod-rg",
        "gcloud projects delete acme-prod": "acme-prod",
        "aws elbv2 delete-load-balancer --load-balancer-arn arn:aws:x": "arn:aws:x",
        "aws kms schedule-key-deletion --key-id k1 --pending-window-in-days 7": "7 days",
        "aws secretsmanager delete-secret --secret-id s1": "restore-secret",
    }
    for command, expected in cases.items():
        d = decide(command, project)
        assert any(expected in f.message for f in d.findings), (command, d.findings)


def test_cloudformation_is_left_to_the_iac_pack(project: Path) -> None:
    d = decide("aws cloudformation delete-stack --stack-name app", project)
    assert d.rule_ids == ["IAC015"]


def test_aws_call_parsing() -> None:
    from railguard.model import Invocation, Word

    def call(text: str) -> cloud.AwsCall | None:
        return cloud.aws_call(Invocation([Word(w) for w in text.split()], cwd="/"))

    c = call("aws --profile p --region r --output json ec2 terminate-instances "
             "--instance-ids i-1 i-2 --dry-run")
    assert c is not None
    assert (c.service, c.operation) == ("ec2", "terminate-instances")
    assert c.values("--instance-ids") == ["i-1", "i-2"]
    assert c.dry_run
    c = call("aws s3 rm --recursive s3://b/p")
    assert c is not None and c.positionals == ["s3://b/p"] and c.has("--recursive")
    c = call("aws --endpoint-url http://localhost:4566 s3 ls")
    assert c is not None and c.local
    c = call("aws --endpoint-url https://s3.amazonaws.com s3 ls")
    assert c is not None and not c.local
    assert call("aws s3") is None
    c = call("aws iam delete-user --user-name bob --dry-run")
    assert c is not None and not c.dry_run  # IAM has no dry run


def test_glue_database_delete_through_aws_sso_is_asked(project: Path) -> None:
    # a Glue database is catalogue metadata (the tables' data stays in S3): asked, not denied
    decision = decide("aws-sso exec -A prod aws glue delete-database --name analytics", project)
    assert ids("aws-sso exec -A prod aws glue delete-database --name analytics",
               project) == ["CLOUD008"]
    assert decision.verdict == Verdict.ASK
    assert "via aws-sso exec" in decision.findings[0].message


def test_sql_apis_are_left_to_the_database_pack(project: Path) -> None:
    for command in ("aws athena start-query-execution --query-string 'DROP TABLE t'",
                    "aws rds-data execute-statement --resource-arn a --secret-arn b "
                    "--sql 'DELETE FROM users'",
                    "bq query 'DROP TABLE d.t'"):
        assert ids(command, project) == [], command
