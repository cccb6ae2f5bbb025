"""The cloud pack: cloud CLI calls that delete data or whole environments.

Each call is read as service + operation (``aws rds delete-db-instance``, ``gcloud sql instances
delete``, ``az group delete``, ``gsutil rm -r``), global options wherever they stand. Deletes of
data-bearing resources (databases, buckets, disks, snapshots, backups, keys, secrets), of running
compute and of whole projects or resource groups are denied with a message that says what is
lost; other deletes (a role, a security group, a DNS zone) are asked about: what they remove is
configuration that can be made again, but an agent should not remove it alone. Reads (describe,
list, get), dry runs, help and calls to a local emulator never produce a finding.

The platform CLIs (eksctl, heroku, fly, doctl, firebase, wrangler, railway, vercel, netlify),
the object-store clients (rclone, s3cmd, MinIO's mc, s5cmd, azcopy) and HashiCorp Vault are read the same way:
their command path, then what it deletes.
"""

from __future__ import annotations

from railguard.model import Finding, Verdict
from railguard.rules.base import Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from railguard.model import Invocation
    from railguard.rules.base import Context

RULES = [
    Rule(
        "CLOUD001", "Managed database or data store deleted", Verdict.DENY,
        why="Deleting a managed database or data store (RDS instance or cluster, DynamoDB "
            "table, Redshift, DocumentDB, ElastiCache, OpenSearch, EFS, SQS messages, Cognito "
            "users, Cloud SQL, Spanner, Bigtable, Firestore, Memorystore, Filestore, BigQuery, "
            "Azure SQL, Cosmos DB, PostgreSQL/MySQL servers, Redis) deletes every row, item, "
            "file or message in it. `aws rds delete-db-instance` deletes the automated backups "
            "too unless told otherwise, and `--skip-final-snapshot` leaves no snapshot at all.",
        instead="Take a snapshot first (`aws rds create-db-snapshot --db-instance-identifier DB "
                "--db-snapshot-identifier DB-before-delete`, `aws dynamodb create-backup`, "
                "`gcloud sql backups create --instance DB`), show the user what the store "
                "holds, and let them delete it.",
        bad=["aws rds delete-db-instance --db-instance-identifier prod --skip-final-snapshot",
             "aws rds delete-db-cluster --db-cluster-identifier main --delete-automated-backups",
             "aws --profile prod dynamodb delete-table --table-name orders",
             "aws sqs purge-queue --queue-url https://sqs.us-east-1.amazonaws.com/1/jobs",
             "gcloud sql instances delete prod-db --quiet",
             "gcloud --project prod spanner databases delete ledger --instance main",
             "az sql db delete --name orders -g prod --server sql1 --yes",
             "az cosmosdb delete --name acct -g rg", "bq rm -r -f analytics",
             "heroku pg:reset DATABASE_URL --confirm prod", "doctl databases delete db-1 -f",
             "firebase firestore:delete --all-collections -f", "firebase database:remove /",
             "wrangler d1 delete prod-db"],
        good=["aws rds describe-db-instances", "aws dynamodb list-tables",
              "aws dynamodb scan --table-name orders --max-items 5",
              "aws rds create-db-snapshot --db-instance-identifier prod "
              "--db-snapshot-identifier prod-before",
              "gcloud sql instances list", "az sql db show --name orders -g prod --server s1",
              "aws rds delete-db-instance help", "bq ls", "bq query 'select 1'",
              "heroku pg:info", "doctl databases list", "firebase firestore:indexes",
              "wrangler d1 list"],
    ),
    Rule(
        "CLOUD002", "Bucket or stored objects deleted in bulk", Verdict.DENY,
        why="`aws s3 rb`, `s3 rm --recursive`, `s3 sync --delete`, `s3api delete-objects`, "
            "`gsutil rm -r` / `rb` / `rsync -d`, `gcloud storage rm -r`, `az storage container "
            "delete` and the like delete every object under the prefix. Without versioning "
            "nothing brings them back.",
        instead="List what would go first (`aws s3 ls s3://BUCKET/PREFIX --recursive`, `aws s3 "
                "rm ... --recursive --dryrun`, `aws s3 sync ... --delete --dryrun`, `gsutil ls "
                "-r`) and let the user delete it.",
        bad=["aws s3 rb s3://assets --force", "aws s3 rm s3://assets/uploads --recursive",
             "aws s3 sync ./site s3://www --delete",
             "aws s3api delete-objects --bucket b --delete file://keys.json",
             "aws s3api delete-bucket --bucket b", "gsutil -m rm -r gs://media",
             "gsutil rb gs://media", "gsutil rsync -d -r ./out gs://www",
             "gcloud storage rm --recursive gs://media/**",
             "gcloud storage buckets delete gs://media",
             "az storage container delete -n backups --account-name acct",
             "az storage account delete -n acct -g rg --yes", "rclone purge remote:prod",
             "rclone delete s3:assets/uploads", "s3cmd rb --recursive s3://prod",
             "s3cmd del -r s3://prod/uploads", "mc rb --force local/prod",
             "mc rm -r --force local/prod/uploads", "mc mirror -remove ./site prod/www",
             "az storage blob sync -c web -s ./site --delete-destination true",
             "s5cmd rm 's3://prod/uploads/*'", "s5cmd rb s3://prod",
             "s5cmd sync --delete ./site/ s3://www/",
             "azcopy rm 'https://acct.blob.core.windows.net/backups' --recursive",
             "azcopy sync ./site 'https://acct.blob.core.windows.net/$web' "
             "--delete-destination=true"],
        good=["aws s3 ls s3://assets --recursive", "aws s3 cp ./a.txt s3://assets/a.txt",
              "aws s3 sync ./site s3://www", "aws s3 sync ./site s3://www --delete --dryrun",
              "aws s3 rm s3://assets/uploads --recursive --dryrun",
              "gsutil ls gs://media", "gsutil cp gs://media/a.png .",
              "gcloud storage ls gs://media", "az storage blob list -c backups",
              "aws s3 mb s3://new-bucket", "rclone copy ./out remote:prod",
              "rclone ls remote:prod", "rclone purge remote:prod --dry-run",
              "s3cmd ls s3://prod", "s3cmd put a.txt s3://prod/a.txt", "mc ls local/prod",
              "mc cp a.txt local/prod/", "s5cmd ls s3://prod",
              "s5cmd sync ./site/ s3://www/", "azcopy copy ./a.txt "
              "'https://acct.blob.core.windows.net/c/a.txt'",
              "azcopy rm 'https://acct.blob.core.windows.net/c' --recursive --dry-run"],
    ),
    Rule(
        "CLOUD003", "One storage object deleted", Verdict.ASK,
        why="`aws s3 rm s3://BUCKET/KEY`, `s3api delete-object`, `gsutil rm gs://B/O`, `gcloud "
            "storage rm` and `az storage blob delete` delete one object; without bucket "
            "versioning it cannot be recovered.",
        instead="Copy it aside first (`aws s3 cp s3://BUCKET/KEY ./KEY.bak`) or check that the "
                "bucket is versioned (`aws s3api get-bucket-versioning --bucket BUCKET`), then "
                "ask the user.",
        bad=["aws s3 rm s3://assets/old/logo.png",
             "aws s3api delete-object --bucket assets --key old/logo.png",
             "gsutil rm gs://media/a.png", "gcloud storage rm gs://media/a.png",
             "az storage blob delete -c backups -n db.bak", "s3cmd del s3://media/a.png",
             "mc rm local/media/a.png", "rclone deletefile remote:media/a.png",
             "s5cmd rm s3://media/a.png"],
        good=["aws s3 cp s3://assets/old/logo.png ./logo.png",
              "aws s3api get-bucket-versioning --bucket assets", "gsutil stat gs://media/a.png"],
    ),
    Rule(
        "CLOUD004", "Disk, snapshot or backup deleted", Verdict.DENY,
        why="Volumes, disks, snapshots, recovery points and backups are the copies restores come "
            "from: `aws ec2 delete-volume` / `delete-snapshot`, `aws rds delete-db-snapshot`, "
            "`aws backup delete-recovery-point`, `gcloud compute disks delete`, `az snapshot "
            "delete`. Once gone, the data they held cannot be restored from anywhere.",
        instead="Leave snapshots and backups to their retention policy; if one must go, list it "
                "with its age and size (`aws ec2 describe-snapshots --snapshot-ids ID`) and let "
                "the user delete it.",
        bad=["aws ec2 delete-volume --volume-id vol-0abc",
             "aws ec2 delete-snapshot --snapshot-id snap-0abc",
             "aws rds delete-db-snapshot --db-snapshot-identifier nightly",
             "aws rds delete-db-cluster-snapshot --db-cluster-snapshot-identifier c1",
             "aws backup delete-recovery-point --backup-vault-name v --recovery-point-arn arn",
             "aws dynamodb delete-backup --backup-arn arn:aws:dynamodb:x",
             "gcloud compute disks delete data-1 --zone us-central1-a",
             "gcloud compute snapshots delete nightly", "az snapshot delete -n s1 -g rg",
             "az disk delete -n data -g rg --yes", "fly volumes destroy vol_123 -y",
             "doctl compute volume delete data-1 -f"],
        good=["aws ec2 describe-snapshots --owner-ids self", "aws ec2 describe-volumes",
              "aws ec2 create-snapshot --volume-id vol-0abc",
              "aws ec2 delete-volume --volume-id vol-0abc --dry-run",
              "gcloud compute disks list", "az snapshot list -g rg"],
    ),
    Rule(
        "CLOUD005", "Instances or clusters terminated", Verdict.DENY,
        why="Terminating instances (`aws ec2 terminate-instances`, `gcloud compute instances "
            "delete`, `az vm delete`) is permanent: instance-store data and the volumes marked "
            "delete-on-termination (usually the root disk) go with them. Deleting a Kubernetes "
            "cluster (`eks delete-cluster`, `gcloud container clusters delete`, `az aks "
            "delete`) takes every workload and its volumes with it.",
        instead="Stop instead of terminating (`aws ec2 stop-instances`, `gcloud compute "
                "instances stop`), check with `--dry-run` (EC2), snapshot the disks, and let the "
                "user terminate.",
        bad=["aws ec2 terminate-instances --instance-ids i-0abc",
             "aws --region eu-west-1 ec2 terminate-instances --instance-ids i-1 i-2",
             "gcloud compute instances delete web-1 --zone us-central1-a",
             "gcloud --project prod container clusters delete gke-main",
             "az vm delete -n web -g rg --yes", "az aks delete -n k8s -g rg",
             "aws eks delete-cluster --name main", "eksctl delete cluster prod",
             "eksctl delete cluster --name prod --region eu-west-1",
             "doctl compute droplet delete web-1 -f", "doctl kubernetes cluster delete k8s"],
        good=["aws ec2 describe-instances", "aws ec2 terminate-instances --instance-ids i-0abc "
              "--dry-run", "aws ec2 stop-instances --instance-ids i-0abc",
              "gcloud compute instances list", "az vm list -g rg",
              "aws ec2 run-instances --image-id ami-1 --dry-run", "eksctl get clusters",
              "eksctl create cluster --name dev", "doctl compute droplet list"],
    ),
    Rule(
        "CLOUD006", "Encryption key or secret destroyed", Verdict.DENY,
        why="Data encrypted under a deleted KMS key can never be decrypted again: `aws kms "
            "schedule-key-deletion`, `gcloud kms keys versions destroy`, `az keyvault key "
            "purge`. `aws secretsmanager delete-secret --force-delete-without-recovery`, `gcloud "
            "secrets delete` and the Key Vault purges delete a secret with no recovery window.",
        instead="Disable the key instead (`aws kms disable-key`, reversible) or delete the secret "
                "with a recovery window (`--recovery-window-in-days 30`), and let the user "
                "decide.",
        bad=["aws kms schedule-key-deletion --key-id 1234 --pending-window-in-days 7",
             "aws secretsmanager delete-secret --secret-id prod/db "
             "--force-delete-without-recovery",
             "gcloud kms keys versions destroy 1 --key k --keyring r --location global",
             "gcloud secrets delete db-password", "az keyvault key purge --name k --vault-name v",
             "az keyvault purge --name vault", "vault kv metadata delete secret/prod",
             "vault kv destroy -versions=1,2 secret/prod", "vault secrets disable secret/"],
        good=["aws kms list-keys", "aws kms describe-key --key-id 1234",
              "aws kms cancel-key-deletion --key-id 1234",
              "aws secretsmanager describe-secret --secret-id prod/db",
              "gcloud secrets versions access latest --secret db-password",
              "az keyvault secret show --name s --vault-name v", "vault kv get secret/prod",
              "vault kv put secret/dev x=1", "vault secrets list"],
    ),
    Rule(
        "CLOUD007", "Project, resource group or account deleted", Verdict.DENY,
        why="`gcloud projects delete` shuts down every resource of the project and `az group "
            "delete` deletes every resource in the group: databases, storage accounts, VMs. "
            "`aws organizations close-account` closes a whole account.",
        instead="List what it holds (`az resource list -g RG`, `gcloud asset search-all-resources "
                "--scope projects/P`) and let the user delete it.",
        bad=["gcloud projects delete my-project", "az group delete --name prod-rg --yes",
             "az --subscription prod group delete -n rg --no-wait",
             "aws organizations close-account --account-id 111122223333",
             "heroku apps:destroy --app prod --confirm prod", "fly apps destroy prod -y",
             "flyctl apps destroy prod --yes"],
        good=["gcloud projects list", "gcloud projects describe my-project", "az group list",
              "az group show -n prod-rg", "az resource list -g prod-rg", "heroku apps:info",
              "fly apps list", "fly deploy"],
    ),
    Rule(
        "CLOUD008", "Cloud resource deleted", Verdict.ASK,
        why="The call deletes, terminates, deregisters or purges a cloud resource (a role, a "
            "security group, a function, a load balancer, a DNS zone, a queue subscription). "
            "What it removes is usually configuration that can be made again, but dependent "
            "systems break until it is.",
        instead="Describe the resource first and let the user delete it; if it is managed by "
                "Terraform, CloudFormation or Pulumi, change the code instead.",
        bad=["aws iam delete-role --role-name ci", "aws lambda delete-function --function-name f",
             "aws ec2 delete-security-group --group-id sg-1",
             "aws elbv2 deregister-targets --target-group-arn arn --targets Id=i-1",
             "aws secretsmanager delete-secret --secret-id prod/db",
             "gcloud functions delete fn", "gcloud pubsub topics delete t",
             "az webapp delete --name app -g rg", "az keyvault secret delete --name s "
             "--vault-name v", "wrangler delete", "vercel remove my-app --yes",
             "netlify sites:delete abc123", "railway down", "vault kv delete secret/app",
             "eksctl delete nodegroup --cluster prod ng-1",
             "az deployment group create -g rg --template-file main.json --mode Complete"],
        good=["aws iam get-role --role-name ci", "aws lambda list-functions",
              "aws lambda invoke --function-name f out.json", "aws sts get-caller-identity",
              "gcloud functions describe fn", "gcloud config list", "az account show",
              "aws --endpoint-url http://localhost:4566 iam delete-role --role-name ci",
              "aws iam delete-role help", "gcloud functions delete --help", "wrangler deploy",
              "vercel deploy --prod", "netlify deploy --prod", "railway up",
              "wrangler delete --dry-run",
              "az deployment group create -g rg --template-file main.json"],
    ),
    Rule(
        "CLOUD009", "Deletion protection turned off", Verdict.ASK,
        why="Deletion protection is the guard that makes a delete of a database or instance "
            "fail; turning it off is the step before deleting it.",
        instead="Leave deletion protection on; tell the user why it would need to go.",
        bad=["aws rds modify-db-instance --db-instance-identifier prod --no-deletion-protection",
             "aws dynamodb update-table --table-name orders --no-deletion-protection-enabled",
             "aws ec2 modify-instance-attribute --instance-id i-1 --no-disable-api-termination",
             "gcloud sql instances patch prod-db --no-deletion-protection"],
        good=["aws rds modify-db-instance --db-instance-identifier prod --deletion-protection",
              "gcloud sql instances patch prod-db --deletion-protection"],
    ),
    Rule(
        "CLOUD010", "Sync that deletes at the destination by default", Verdict.ASK,
        why="`rclone sync SRC DEST` makes DEST identical to SRC: every file in DEST that SRC "
            "lacks is deleted (a wrong or empty source deletes the whole destination). Unlike "
            "`aws s3 sync --delete` nothing on the command line asks for it.",
        instead="Preview with `rclone sync SRC DEST --dry-run`, or use `rclone copy` (it never "
                "deletes); keep what is replaced with `--backup-dir`.",
        bad=["rclone sync ./site remote:www", "rclone sync remote:prod remote:backup -P"],
        good=["rclone copy ./site remote:www", "rclone sync ./site remote:www --dry-run",
              "rclone check ./site remote:www"],
    ),
]

PROGRAMS = frozenset({"aws", "gcloud", "gsutil", "az", "bq", "eksctl", "heroku", "fly",
                      "flyctl", "rclone", "s3cmd", "mc", "mcli", "firebase", "doctl", "wrangler",
                      "railway", "vercel", "netlify", "vault", "s5cmd", "azcopy", "supabase",
                      "stripe"})

# --- aws ---------------------------------------------------------------------------------------

_AWS_GLOBAL_VALUED = frozenset(
    {"--profile", "--region", "--output", "--endpoint-url", "--query", "--color",
     "--ca-bundle", "--cli-read-timeout", "--cli-connect-timeout", "--cli-binary-format"}
)
#: options that take no value (everything else of the form ``--x`` takes the next word)
_AWS_BOOLEAN = frozenset(
    """--debug --no-verify-ssl --no-paginate --no-sign-request --no-cli-pager --cli-auto-prompt
    --no-cli-auto-prompt --version --recursive --dryrun --quiet --force --only-show-errors
    --no-progress --follow-symlinks --no-follow-symlinks --delete --exact-timestamps --size-only
    --no-guess-mime-type --ignore-glacier-warnings --force-glacier-transfer --human-readable
    --summarize --dry-run --no-dry-run --skip-final-snapshot --no-skip-final-snapshot
    --delete-automated-backups --no-delete-automated-backups --force-delete-without-recovery
    --deletion-protection --no-deletion-protection --deletion-protection-enabled
    --no-deletion-protection-enabled --disable-api-termination --no-disable-api-termination
    --force-delete --no-force-delete --apply-immediately --no-apply-immediately
    --generate-cli-skeleton --no-include-email --copy-props --no-overwrite
    --retain-primary-cluster --no-retain-primary-cluster --final-snapshot
    --no-final-snapshot""".split()
)
#: endpoint host names of a local emulator (a compose service named so, or the host itself)
_LOCAL_HOSTS = frozenset({"localhost", "localstack", "host.docker.internal", "minio",
                          "0.0.0.0"})
#: options of the ``aws s3`` commands, which argparse lets be abbreviated to any unique
#: prefix (``--recurs``, ``--del``)
_S3_LONG = tuple(sorted(
    """--dryrun --quiet --recursive --force --only-show-errors --no-progress --follow-symlinks
    --no-follow-symlinks --delete --exact-timestamps --size-only --no-guess-mime-type
    --ignore-glacier-warnings --force-glacier-transfer --human-readable --summarize
    --no-overwrite --include --exclude --acl --sse --sse-c --sse-c-key --sse-kms-key-id
    --sse-c-copy-source --sse-c-copy-source-key --storage-class --grants --website-redirect
    --content-type --cache-control --content-disposition --content-encoding
    --content-language --expires --source-region --page-size --request-payer --metadata
    --metadata-directive --checksum-mode --checksum-algorithm --expected-size --copy-props
    --debug --endpoint-url --no-verify-ssl --no-paginate --output --query --profile --region
    --version --color --no-sign-request --ca-bundle --cli-read-timeout --cli-connect-timeout
    --cli-binary-format --no-cli-pager --cli-auto-prompt --no-cli-auto-prompt""".split()))


def _s3_long(name: str) -> str:
    """The ``aws s3`` option an abbreviation names, when it names exactly one."""
    if name in _S3_LONG:
        return name
    matches = [k for k in _S3_LONG if k.startswith(name)]
    return matches[0] if len(matches) == 1 else name


def _local_endpoint(endpoint: str) -> bool:
    """Is the endpoint a local emulator (LocalStack, MinIO on this machine)? The host is read
    whole: ``https://minio.prod.example.com`` and ``https://127.0.0.1.example.com`` are not."""
    from ipaddress import ip_address
    from urllib.parse import urlsplit

    try:
        host = urlsplit(endpoint if "://" in endpoint else "http://" + endpoint).hostname
    except ValueError:
        return False
    if not host:
        return False
    if host in _LOCAL_HOSTS or host.endswith((".localhost", ".localhost.localstack.cloud")):
        return True
    try:
        return ip_address(host).is_loopback or host == "0.0.0.0"
    except ValueError:
        return False


class AwsCall:
    """``aws [globals] SERVICE OPERATION [options]`` by meaning."""

    __slots__ = ("help", "local", "operation", "opts", "positionals", "service")

    def __init__(self, service: str, operation: str, opts: dict[str, list[str]],
                 positionals: list[str], help: bool, local: bool) -> None:
        self.service = service
        self.operation = operation
        self.opts = opts
        #: operands after the operation (``aws s3 rm s3://b/k`` -> ``["s3://b/k"]``)
        self.positionals = positionals
        self.help = help
        #: the endpoint is a local emulator (LocalStack, MinIO): nothing real is touched
        self.local = local

    def has(self, *names: str) -> bool:
        return any(n in self.opts for n in names)

    def value(self, name: str) -> str | None:
        vals = self.opts.get(name)
        return vals[-1] if vals and vals[-1] else None

    def values(self, name: str) -> list[str]:
        return [v for v in self.opts.get(name, []) if v]

    @property
    def dry_run(self) -> bool:
        """``--dryrun`` (s3) or ``--dry-run`` (EC2's DryRun), every spelling of it true."""
        if self.service == "s3":
            return self.has("--dryrun")
        if self.service != "ec2" or "--no-dry-run" in self.opts:
            return False
        vals = self.opts.get("--dry-run") or []
        return bool(vals) and all(v.lower() in ("", "true") for v in vals)


def aws_call(inv: Invocation) -> AwsCall | None:
    """The service, operation and options of an ``aws`` invocation, or None."""
    if inv.name != "aws":
        return None
    words = [w.text for w in inv.args]
    opts: dict[str, list[str]] = {}
    pos: list[str] = []
    i = 0
    while i < len(words):
        t = words[i]
        i += 1
        if t.startswith("--") and len(t) > 2:
            name, eq, val = t.partition("=")
            if pos[:1] == ["s3"]:
                name = _s3_long(name)
            if eq:
                opts.setdefault(name, []).append(val)
            elif name in _AWS_BOOLEAN:
                opts.setdefault(name, []).append("")
            elif i < len(words) and not words[i].startswith("--"):
                opts.setdefault(name, []).append(words[i])
                i += 1
                # list options: --instance-ids i-1 i-2
                while len(pos) >= 2 and i < len(words) and not words[i].startswith("-") \
                        and name not in _AWS_GLOBAL_VALUED and pos[0] != "s3":
                    opts[name].append(words[i])
                    i += 1
            else:
                opts.setdefault(name, []).append("")
            continue
        if t in ("-h",):
            opts.setdefault("--help", []).append("")
            continue
        pos.append(t)
    if len(pos) < 2:
        return None
    service, operation = pos[0], pos[1]
    rest = pos[2:]
    helped = operation == "help" or "help" in rest[:1] or "--help" in opts
    endpoint = (opts.get("--endpoint-url") or [""])[-1].lower()
    local = bool(endpoint) and _local_endpoint(endpoint)
    return AwsCall(service, operation, opts, rest, helped, local)


_AWS_DESTRUCTIVE_PREFIXES = ("delete-", "terminate-", "remove-", "deregister-", "purge-",
                             "destroy-", "batch-delete-", "release-", "close-")

#: (service, operation) -> rule id; the data-bearing and environment-wide deletes
_AWS_SPECIFIC: dict[tuple[str, str], str] = {}
for _svc, _ops, _rid in (
    ("rds", "delete-db-instance delete-db-cluster delete-global-cluster", "CLOUD001"),
    ("dynamodb", "delete-table", "CLOUD001"),
    ("redshift", "delete-cluster", "CLOUD001"),
    ("redshift-serverless", "delete-namespace", "CLOUD001"),
    ("docdb", "delete-db-cluster delete-db-instance", "CLOUD001"),
    ("docdb-elastic", "delete-cluster", "CLOUD001"),
    ("neptune", "delete-db-cluster delete-db-instance", "CLOUD001"),
    ("elasticache", "delete-cache-cluster delete-replication-group delete-serverless-cache "
                    "delete-global-replication-group", "CLOUD001"),
    ("memorydb", "delete-cluster", "CLOUD001"),
    ("opensearch", "delete-domain", "CLOUD001"),
    ("es", "delete-elasticsearch-domain", "CLOUD001"),
    ("timestream-write", "delete-database delete-table", "CLOUD001"),
    ("keyspaces", "delete-keyspace delete-table", "CLOUD001"),
    ("dax", "delete-cluster", "CLOUD001"),
    ("qldb", "delete-ledger", "CLOUD001"),
    ("lightsail", "delete-relational-database", "CLOUD001"),
    ("kinesis", "delete-stream", "CLOUD001"),
    ("sqs", "delete-queue purge-queue", "CLOUD001"),
    ("efs", "delete-file-system", "CLOUD001"),
    ("fsx", "delete-file-system", "CLOUD001"),
    ("cognito-idp", "delete-user-pool", "CLOUD001"),
    ("s3api", "delete-bucket delete-objects", "CLOUD002"),
    ("glacier", "delete-vault", "CLOUD002"),
    ("s3api", "delete-object", "CLOUD003"),
    ("ec2", "delete-volume delete-snapshot", "CLOUD004"),
    ("ebs", "delete-snapshot", "CLOUD004"),
    ("rds", "delete-db-snapshot delete-db-cluster-snapshot delete-db-instance-automated-backup "
            "delete-db-cluster-automated-backup", "CLOUD004"),
    ("docdb", "delete-db-cluster-snapshot", "CLOUD004"),
    ("neptune", "delete-db-cluster-snapshot", "CLOUD004"),
    ("dynamodb", "delete-backup", "CLOUD004"),
    ("elasticache", "delete-snapshot", "CLOUD004"),
    ("redshift", "delete-cluster-snapshot", "CLOUD004"),
    ("fsx", "delete-backup", "CLOUD004"),
    ("backup", "delete-recovery-point delete-backup-vault", "CLOUD004"),
    ("lightsail", "delete-disk delete-disk-snapshot delete-instance-snapshot "
                  "delete-relational-database-snapshot", "CLOUD004"),
    ("ec2", "terminate-instances", "CLOUD005"),
    ("eks", "delete-cluster", "CLOUD005"),
    ("lightsail", "delete-instance", "CLOUD005"),
    ("kms", "schedule-key-deletion delete-imported-key-material", "CLOUD006"),
    ("organizations", "close-account delete-organization", "CLOUD007"),
):
    for _op in _ops.split():
        _AWS_SPECIFIC[(_svc, _op)] = _rid

_AWS_IDS = ("--db-instance-identifier", "--db-cluster-identifier", "--table-name",
            "--cluster-identifier", "--cluster-name", "--domain-name", "--queue-url",
            "--file-system-id", "--user-pool-id", "--bucket", "--volume-id", "--snapshot-id",
            "--db-snapshot-identifier", "--db-cluster-snapshot-identifier", "--instance-ids",
            "--name", "--key-id", "--secret-id", "--stream-name", "--backup-arn",
            "--recovery-point-arn", "--backup-vault-name", "--replication-group-id",
            "--cache-cluster-id", "--role-name", "--function-name", "--group-id",
            "--account-id", "--key", "--vault-name", "--database-name", "--ledger-name",
            "--keyspace-name", "--serverless-cache-name", "--global-cluster-identifier",
            "--namespace-name", "--snapshot-name", "--disk-name", "--instance-name",
            "--relational-database-name", "--dbi-resource-id", "--backup-id")


def _aws_target(call: AwsCall) -> str:
    for key in _AWS_IDS:
        vals = call.values(key)
        if vals:
            return " ".join(vals[:4])
    for key, vals in call.opts.items():
        if key.endswith(("-id", "-ids", "-arn", "-name", "-names", "-identifier", "-url")) \
                and key not in _AWS_GLOBAL_VALUED and any(vals):
            return " ".join(v for v in vals[:4] if v)
    return next((p for p in call.positionals if not p.startswith("-")), "")


def _aws_findings(inv: Invocation) -> list[Finding]:
    call = aws_call(inv)
    if call is None or call.help or call.local or call.dry_run:
        return []
    svc, op = call.service, call.operation
    shown = f"aws {svc} {op}"
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    if svc == "s3":
        return _s3(call, via)
    if svc == "cloudformation" and op.startswith("delete-stack"):
        return []  # the iac pack
    if svc == "secretsmanager" and op == "delete-secret":
        target = _aws_target(call) or "a secret"
        if call.has("--force-delete-without-recovery"):
            return [Finding("CLOUD006", f"`{shown}`{via} would delete secret {target} at once, "
                            "with no recovery window (--force-delete-without-recovery)",
                            subject=target)]
        days = call.value("--recovery-window-in-days") or "30"
        return [Finding("CLOUD008", f"`{shown}`{via} would delete secret {target} (restorable "
                        f"for {days} days with `aws secretsmanager restore-secret`)",
                        subject=target)]
    if _aws_protection_off(call):
        return [Finding("CLOUD009", f"`{shown}`{via} would turn off deletion protection of "
                        f"{_aws_target(call) or 'the resource'}")]
    if svc == "autoscaling" and op == "delete-auto-scaling-group" and \
            call.has("--force-delete"):
        target = _aws_target(call)
        return [Finding("CLOUD005", f"`{shown}`{via} would delete group {target} and "
                        "terminate every instance in it (--force-delete)", subject=target)]
    rid = _AWS_SPECIFIC.get((svc, op))
    if rid is None and not (op.startswith(_AWS_DESTRUCTIVE_PREFIXES)
                            or op == "schedule-key-deletion"):
        return []
    target = _aws_target(call)
    what = f" {target}" if target else ""
    if rid == "CLOUD001":
        detail = _rds_detail(call) if svc in ("rds", "docdb", "neptune") else ""
        lost = "every message in it" if svc == "sqs" else "all the data it holds"
        verb = "empty" if op == "purge-queue" else "delete"
        return [Finding(rid, f"`{shown}`{via} would {verb}{what}: {lost}{detail}",
                        subject=target)]
    if rid == "CLOUD002":
        return [Finding(rid, f"`{shown}`{via} would delete{what} and the objects in it",
                        subject=target)]
    if rid == "CLOUD003":
        key = call.value("--key")
        bucket = call.value("--bucket")
        obj = f" s3://{bucket}/{key}" if bucket and key else what
        return [Finding(rid, f"`{shown}`{via} would delete{obj}", subject=obj.strip())]
    if rid == "CLOUD004":
        return [Finding(rid, f"`{shown}`{via} would delete{what}, a copy restores come from",
                        subject=target)]
    if rid == "CLOUD005":
        tail = (": instance-store data and delete-on-termination volumes go with it"
                if op == "terminate-instances" else ", with every workload and volume on it")
        return [Finding(rid, f"`{shown}`{via} would terminate{what}{tail}", subject=target)]
    if rid == "CLOUD006":
        days = call.value("--pending-window-in-days") or "30"
        tail = (f" (in {days} days): data encrypted under it becomes unreadable for good"
                if op == "schedule-key-deletion" else
                ": data encrypted under it becomes unreadable")
        return [Finding(rid, f"`{shown}`{via} would destroy key{what}{tail}", subject=target)]
    if rid == "CLOUD007":
        return [Finding(rid, f"`{shown}`{via} would close{what} and everything in it",
                        subject=target)]
    return [Finding("CLOUD008", f"`{shown}`{via} would remove{what or ' a resource'}",
                    subject=target)]


def _rds_detail(call: AwsCall) -> str:
    if call.operation not in ("delete-db-instance", "delete-db-cluster"):
        return ""
    bits = []
    if call.has("--skip-final-snapshot") and not call.has("--no-skip-final-snapshot"):
        bits.append("no final snapshot is taken (--skip-final-snapshot)")
    elif call.value("--final-db-snapshot-identifier"):
        bits.append(f"a final snapshot {call.value('--final-db-snapshot-identifier')} is taken")
    if call.has("--no-delete-automated-backups"):
        bits.append("automated backups are kept")
    elif call.has("--delete-automated-backups"):
        bits.append("its automated backups are deleted too (--delete-automated-backups)")
    else:
        bits.append("its automated backups are deleted too (the default)")
    return "; " + "; ".join(bits)


def _aws_protection_off(call: AwsCall) -> bool:
    return call.has("--no-deletion-protection", "--no-deletion-protection-enabled",
                    "--no-disable-api-termination")


def _s3(call: AwsCall, via: str) -> list[Finding]:
    op = call.operation
    paths = [p for p in call.positionals if not p.startswith("-")]
    remote = [p for p in paths if p.startswith("s3://")]
    shown = f"aws s3 {op}"
    if op == "rb":
        target = remote[0] if remote else "a bucket"
        force = " and every object in it (--force)" if call.has("--force") else ""
        return [Finding("CLOUD002", f"`{shown}`{via} would delete bucket {target}{force}",
                        subject=target)]
    if op == "rm":
        target = remote[0] if remote else (paths[0] if paths else "an object")
        if call.has("--recursive"):
            return [Finding("CLOUD002", f"`{shown} --recursive`{via} would delete every object "
                            f"under {target}", subject=target)]
        return [Finding("CLOUD003", f"`{shown}`{via} would delete {target}", subject=target)]
    if op == "sync" and call.has("--delete"):
        dest = paths[-1] if paths else "the destination"
        return [Finding("CLOUD002", f"`{shown} --delete`{via} would delete every object in "
                        f"{dest} that is not in the source", subject=dest)]
    return []


# --- gcloud ------------------------------------------------------------------------------------

_GCLOUD_VALUED = frozenset(
    {"--project", "--account", "--configuration", "--impersonate-service-account",
     "--verbosity", "--format", "--billing-project", "--trace-token", "--flags-file",
     "--access-token-file", "--zone", "--region", "--location", "--instance", "--keyring",
     "--key", "--cluster", "--filter", "--limit", "--sort-by", "--page-size", "--database",
     "--secret", "--config-file"}
)
_TRACKS = frozenset({"alpha", "beta", "preview"})
_GCLOUD_VERBS = frozenset({"delete", "destroy", "rm", "purge", "remove"})

#: command path (verb included) -> rule id
_GCLOUD_SPECIFIC: dict[str, str] = {}
for _paths, _rid in (
    ("""sql.instances.delete sql.databases.delete spanner.instances.delete
        spanner.databases.delete bigtable.instances.delete bigtable.instances.tables.delete
        firestore.databases.delete alloydb.clusters.delete redis.instances.delete
        memcache.instances.delete memorystore.instances.delete filestore.instances.delete
        redis.clusters.delete datastore.databases.delete""", "CLOUD001"),
    ("storage.buckets.delete", "CLOUD002"),
    ("""compute.disks.delete compute.snapshots.delete compute.machine-images.delete
        sql.backups.delete filestore.backups.delete spanner.backups.delete
        bigtable.backups.delete alloydb.backups.delete compute.instant-snapshots.delete""",
     "CLOUD004"),
    ("""compute.instances.delete container.clusters.delete dataproc.clusters.delete
        compute.instance-groups.managed.delete container.node-pools.delete""", "CLOUD005"),
    ("kms.keys.versions.destroy secrets.delete secrets.versions.destroy", "CLOUD006"),
    ("projects.delete", "CLOUD007"),
):
    for _p in _paths.split():
        _GCLOUD_SPECIFIC[_p] = _rid


_DRY_RUN = frozenset({"--dry-run"})


def _flag_on(words: list[str], names: frozenset[str], *, yargs: bool = False) -> bool:
    """Is a boolean option set, the last setting winning: ``--dry-run=false`` turns it off
    (and, for a yargs CLI such as wrangler, ``--dry-run false``)."""
    on = False
    for i, w in enumerate(words):
        if w == "--":
            break
        key, eq, val = w.partition("=")
        if key not in names:
            continue
        if not eq and yargs and i + 1 < len(words) and words[i + 1] in ("true", "false"):
            val, eq = words[i + 1], "="
        on = not eq or val.strip().lower() not in ("false", "f", "0", "no", "off", "")
    return on


def _positionals(words: list[str], valued: frozenset[str], short_valued: frozenset[str]
                 ) -> tuple[list[str], set[str]]:
    pos: list[str] = []
    opts: set[str] = set()
    i = 0
    while i < len(words):
        t = words[i]
        i += 1
        if t == "--":
            pos.extend(words[i:])
            break
        if t.startswith("-") and len(t) > 1:
            name = t.split("=", 1)[0]
            opts.add(name)
            if "=" not in t and (name in valued or name in short_valued) and i < len(words):
                i += 1
            continue
        pos.append(t)
    return pos, opts


def _gcloud_findings(inv: Invocation) -> list[Finding]:
    words = [w.text for w in inv.args]
    pos, opts = _positionals(words, _GCLOUD_VALUED, frozenset())
    if opts & {"--help", "-h"} or "help" in pos[:1]:
        return []
    while pos and pos[0] in _TRACKS:
        pos = pos[1:]
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    # the command path ends at the verb
    idx = next((i for i, p in enumerate(pos) if p in _GCLOUD_VERBS), None)
    if pos[:2] == ["storage", "rsync"] and "--delete-unmatched-destination-objects" in opts:
        dest = pos[-1] if len(pos) > 2 else "the destination"
        return [Finding("CLOUD002", f"`gcloud storage rsync --delete-unmatched-destination-"
                        f"objects`{via} would delete every object in {dest} not in the source",
                        subject=dest)]
    if _gcloud_protection_off(pos, opts):
        return [Finding("CLOUD009", f"`gcloud {' '.join(pos[:3])}`{via} would turn off "
                        "deletion protection")]
    if idx is None or idx == 0:
        return []
    path = pos[: idx + 1]
    targets = pos[idx + 1 :]
    shown = "gcloud " + " ".join(path)
    key = ".".join(path)
    target = " ".join(targets[:4])
    what = f" {target}" if target else ""
    if path[0] == "storage" and path[-1] in ("rm", "delete"):
        bulk = opts & {"--recursive", "-r", "-R", "--all-versions", "-a", "--read-paths-from-stdin",
                       "-I"} or any("*" in t for t in targets) or any(
            t.startswith("gs://") and "/" not in t[5:].rstrip("/") for t in targets)
        if bulk or not targets:
            return [Finding("CLOUD002", f"`{shown}`{via} would delete every object under"
                            f"{what or ' the given URLs'}", subject=target)]
        return [Finding("CLOUD003", f"`{shown}`{via} would delete{what}", subject=target)]
    if path[0] in ("components", "config", "auth", "topic"):
        return []  # local configuration of the CLI itself
    rid = _GCLOUD_SPECIFIC.get(key, "CLOUD008")
    tail = {
        "CLOUD001": ": all the data it holds, backups included for Cloud SQL",
        "CLOUD002": " and the objects in it",
        "CLOUD004": ", a copy restores come from",
        "CLOUD005": (" and its boot disk (unless --keep-disks)" if key ==
                     "compute.instances.delete" else ", with every workload and volume on it"),
        "CLOUD006": ": data encrypted under it, or the secret, is gone for good",
        "CLOUD007": " and shut down every resource in it",
        "CLOUD008": "",
    }[rid]
    verb = "destroy" if path[-1] == "destroy" else "delete"
    return [Finding(rid, f"`{shown}`{via} would {verb}{what or ' a resource'}{tail}",
                    subject=target)]


def _gcloud_protection_off(pos: list[str], opts: set[str]) -> bool:
    return "--no-deletion-protection" in opts and bool(pos)


# --- gsutil ------------------------------------------------------------------------------------

_GSUTIL_GLOBAL = frozenset({"-u", "-o", "-h", "-i"})


def _gsutil_findings(inv: Invocation) -> list[Finding]:
    words = [w.text for w in inv.args]
    i = 0
    while i < len(words) and words[i].startswith("-"):
        i += 2 if words[i] in _GSUTIL_GLOBAL else 1
    if i >= len(words):
        return []
    sub = words[i]
    rest = words[i + 1 :]
    flags = {c for w in rest if w.startswith("-") and not w.startswith("--") for c in w[1:]}
    urls = [w for w in rest if not w.startswith("-")]
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    target = " ".join(urls[:4]) or "the given URLs"
    if sub in ("rb",):
        return [Finding("CLOUD002", f"`gsutil rb`{via} would delete bucket {target}",
                        subject=target)]
    if sub in ("rm", "del", "delete", "remove"):
        bulk = flags & {"r", "R", "a", "I"} or any(
            "*" in u or (u.startswith("gs://") and "/" not in u[5:].rstrip("/")) for u in urls)
        if bulk or not urls:
            return [Finding("CLOUD002", f"`gsutil rm`{via} would delete every object under "
                            f"{target}", subject=target)]
        return [Finding("CLOUD003", f"`gsutil rm`{via} would delete {target}", subject=target)]
    if sub == "rsync" and "d" in flags and "n" not in flags:
        dest = urls[-1] if urls else "the destination"
        return [Finding("CLOUD002", f"`gsutil rsync -d`{via} would delete every object in "
                        f"{dest} that is not in the source", subject=dest)]
    return []


# --- bq ----------------------------------------------------------------------------------------


def _bq_findings(inv: Invocation) -> list[Finding]:
    words = [w.text for w in inv.args]
    pos = [w for w in words if not w.startswith("-")]
    if not pos or pos[0] not in ("rm", "remove"):
        return []
    target = " ".join(pos[1:3]) or "a dataset or table"
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    recursive = " and every table in it (-r)" if any(
        w in ("-r", "--recursive") or (w.startswith("-") and not w.startswith("--") and "r" in w)
        for w in words) else ""
    return [Finding("CLOUD001", f"`bq rm`{via} would delete {target}{recursive}: every row",
                    subject=target)]


# --- az ----------------------------------------------------------------------------------------

_AZ_VALUED = frozenset(
    {"--subscription", "--output", "-o", "--query", "--name", "-n", "--resource-group", "-g",
     "--account-name", "--vault-name", "--server", "-s", "--container-name", "-c",
     "--location", "-l", "--ids", "--database-name", "--share-name", "--source", "--pattern",
     "--workspace-name", "--cluster-name", "--profile", "--delete-destination", "--mode",
     "--template-file", "--template-uri", "--destination", "--container"}
)
_AZ_SPECIFIC: dict[str, str] = {}
for _paths, _rid in (
    ("""sql.server.delete sql.db.delete sql.mi.delete sql.midb.delete cosmosdb.delete
        cosmosdb.sql.database.delete cosmosdb.sql.container.delete
        cosmosdb.mongodb.database.delete cosmosdb.mongodb.collection.delete
        cosmosdb.cassandra.keyspace.delete cosmosdb.table.delete cosmosdb.gremlin.database.delete
        postgres.server.delete postgres.flexible-server.delete postgres.flexible-server.db.delete
        mysql.server.delete mysql.flexible-server.delete mysql.flexible-server.db.delete
        mariadb.server.delete redis.delete kusto.cluster.delete kusto.database.delete
        synapse.sql.pool.delete netappfiles.volume.delete""", "CLOUD001"),
    ("""storage.account.delete storage.container.delete storage.share.delete
        storage.share-rm.delete storage.blob.delete-batch storage.fs.delete
        storage.fs.directory.delete storage.queue.delete storage.table.delete""", "CLOUD002"),
    ("storage.blob.delete storage.file.delete storage.fs.file.delete", "CLOUD003"),
    ("""disk.delete snapshot.delete backup.vault.delete backup.recoverypoint.delete
        dataprotection.backup-vault.delete sql.db.ltr-backup.delete""", "CLOUD004"),
    ("vm.delete vmss.delete aks.delete aks.nodepool.delete", "CLOUD005"),
    ("""keyvault.purge keyvault.key.purge keyvault.secret.purge keyvault.certificate.purge
        keyvault.key.delete keyvault.managed-hsm.purge""", "CLOUD006"),
    ("group.delete", "CLOUD007"),
):
    for _p in _paths.split():
        _AZ_SPECIFIC[_p] = _rid


def _az_findings(inv: Invocation) -> list[Finding]:
    words = [w.text for w in inv.args]
    pos, opts = _positionals(words, _AZ_VALUED, frozenset())
    if opts & {"--help", "-h"}:
        return []
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    name = _az_name(words)
    what = f" {name}" if name else ""
    if pos[:3] == ["backup", "protection", "disable"] and any(
            w.startswith("--delete-backup-data") for w in words) and \
            not any(w in ("--delete-backup-data=false",) for w in words):
        return [Finding("CLOUD004", f"`az backup protection disable --delete-backup-data`{via} "
                        f"would delete the backups of{what or ' the item'}", subject=name)]
    if pos[:3] == ["storage", "blob", "sync"] and \
            (_last_value(words, "--delete-destination") or "").lower() == "true":
        dest = _last_value(words, "--container") or _last_value(words, "-c") or \
            "the container"
        return [Finding("CLOUD002", f"`az storage blob sync --delete-destination true`{via} "
                        f"would delete every blob in {dest} that is not in the source",
                        subject=dest)]
    if pos[:1] == ["deployment"] and "create" in pos[1:3] and \
            (_last_value(words, "--mode") or "").lower() == "complete":
        return [Finding("CLOUD008", f"`az {' '.join(pos[:pos.index('create', 1) + 1])} --mode "
                        f"Complete`{via} would delete every resource of the resource group "
                        "that the template does not name")]
    idx = next((i for i, p in enumerate(pos) if p in ("delete", "purge", "delete-batch")), None)
    if idx is None or idx == 0:
        return []
    path = pos[: idx + 1]
    key = ".".join(path)
    shown = "az " + " ".join(path)
    rid = _AZ_SPECIFIC.get(key, "CLOUD008")
    if path[0] in ("config", "extension", "cache", "account", "logout"):
        return []  # the CLI's own settings
    tail = {
        "CLOUD001": ": all the data it holds",
        "CLOUD002": " and everything stored in it",
        "CLOUD003": "",
        "CLOUD004": ", a copy restores come from",
        "CLOUD005": ", with its disks and workloads",
        "CLOUD006": ": gone for good, with everything encrypted under it" if "key" in path
        else ": gone for good, no soft-delete recovery",
        "CLOUD007": " and every resource in it",
        "CLOUD008": "",
    }[rid]
    verb = "purge" if path[-1] == "purge" else "delete"
    return [Finding(rid, f"`{shown}`{via} would {verb}{what or ' a resource'}{tail}",
                    subject=name)]


def _last_value(words: list[str], name: str) -> str | None:
    """The value the last ``NAME VALUE`` or ``NAME=VALUE`` gives, if any."""
    found = None
    for i, t in enumerate(words):
        if t == name and i + 1 < len(words):
            found = words[i + 1]
        elif t.startswith(name + "="):
            found = t.split("=", 1)[1]
    return found


def _az_name(words: list[str]) -> str:
    for i, t in enumerate(words):
        for key in ("--name", "-n", "--ids", "--container-name", "-c"):
            if t == key and i + 1 < len(words):
                return words[i + 1]
            if t.startswith(key + "="):
                return t.split("=", 1)[1]
    return ""


# --- platform CLIs: eksctl, heroku, fly, doctl, firebase, wrangler, railway, vercel, netlify --

#: per program: options whose value is the next word (so it is not read as a command word)
_PLATFORM_VALUED: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "eksctl": "--region -r --profile -p --name -n --cluster -c --config-file -f --timeout -v "
              "--nodegroup --output -o",
    "heroku": "--app -a --remote -r --confirm -c --team -t --space -s",
    "fly": "--app -a --config -c --access-token -t --region -r --org -o --image -i",
    "doctl": "--context --access-token -t --output -o --config -c --api-url -u --format "
             "--interactive --trace",
    "firebase": "--project -P --token --account --config -c --database --instance",
    "wrangler": "--config -c --env -e --cwd --name --account-id",
    "railway": "--service -s --environment -e --project -p",
    "vercel": "--token -t --scope -S --local-config -A --global-config -Q --cwd --team -T",
    "netlify": "--site --auth --filter --site-id",
    "supabase": "--workdir --project-ref --profile --output -o --dns-resolver",
    "stripe": "--api-key --project-name -p --stripe-account --stripe-version --color "
              "--log-level --device-name -d",
}.items()}
_PLATFORM_VALUED["flyctl"] = _PLATFORM_VALUED["fly"]

#: program -> (command paths, rule id, what is lost); first match wins. Paths are separated by
#: ``,``, their steps by spaces, a step's spellings by ``|``
_PLATFORM: dict[str, tuple[tuple[str, str, str], ...]] = {
    "eksctl": (
        ("delete cluster", "CLOUD005", "the EKS cluster, with every workload and volume on it"),
        ("delete", "CLOUD008", ""),
    ),
    "heroku": (
        ("pg:reset", "CLOUD001", "every table and row of the app's Postgres database"),
        ("pg:copy", "CLOUD001", "every row of the target database, overwritten by the copy"),
        ("pg:backups:restore", "CLOUD001",
         "every row written since the backup (the database is overwritten)"),
        ("apps:destroy|destroy|apps:delete", "CLOUD007",
         "the app with its add-ons: databases, Redis, everything they hold"),
        ("addons:destroy|addons:remove|addons:delete", "CLOUD001",
         "the add-on and the data it holds (a database, a Redis)"),
        ("pg:backups:delete|pg:backups:destroy", "CLOUD004", "a backup restores come from"),
    ),
    "fly": (
        ("apps|app destroy|delete|remove,destroy", "CLOUD007",
         "the app with its machines and volumes"),
        ("volumes|volume|vol destroy|delete|rm", "CLOUD004", "the volume and the data on it"),
        ("mpg|postgres|pg|redis|mysql destroy|delete", "CLOUD001",
         "the database and every row in it"),
        ("storage destroy|delete", "CLOUD002", "the bucket and every object in it"),
        ("machines|machine|m destroy|remove|rm|delete", "CLOUD005",
         "the machine, with what it kept outside a volume"),
    ),
    "doctl": (
        ("databases|database|db|d delete|rm|d", "CLOUD001",
         "the managed database cluster and every database in it"),
        ("databases|database|db|d db delete|rm|d", "CLOUD001", "the database and every row"),
        ("compute|c droplet|d delete|rm|d", "CLOUD005", "the droplet and its disk"),
        ("kubernetes|k8s|k|kube cluster|c|clusters delete|rm|d", "CLOUD005",
         "the Kubernetes cluster, with every workload on it"),
        ("compute|c volume|v delete|rm|d", "CLOUD004", "the volume and the data on it"),
        ("compute|c snapshot|s delete|rm|d", "CLOUD004", "a snapshot restores come from"),
        ("compute|c image delete|rm|d", "CLOUD004", "an image restores come from"),
    ),
    "firebase": (
        ("firestore:databases:delete", "CLOUD001", "the Firestore database and every document"),
        ("database:instances:delete", "CLOUD001", "the Realtime Database instance and its data"),
        ("database:remove", "CLOUD001", "every node under the path"),
    ),
    "wrangler": (
        ("d1 delete", "CLOUD001", "the D1 database and every row in it"),
        ("kv:namespace|kv namespace delete", "CLOUD001", "the KV namespace and every key in it"),
        ("kv:bulk|kv bulk delete", "CLOUD002", "every key listed in the file"),
        ("kv:key|kv key delete", "CLOUD003", "the key"),
        ("r2 bucket delete", "CLOUD002", "the R2 bucket"),
        ("r2 object delete", "CLOUD003", "the object"),
        ("vectorize delete", "CLOUD001", "the index and every vector in it"),
        ("delete", "CLOUD008", "the Worker (its routes stop serving)"),
    ),
    "railway": (
        ("volume delete|rm", "CLOUD004", "the volume and the data on it"),
        ("down", "CLOUD008", "the service's latest deployment (it stops serving)"),
        ("delete", "CLOUD007", "the project with its services and databases"),
    ),
    "vercel": (
        ("remove|rm", "CLOUD008", "the deployments (or the project) named"),
        ("project|projects remove|rm", "CLOUD008", "the project with its deployments"),
    ),
    "netlify": (
        ("sites:delete", "CLOUD008", "the site with every deploy of it"),
        ("blobs:delete", "CLOUD003", "the blob"),
    ),
    "supabase": (
        ("projects delete", "CLOUD007",
         "the project with its Postgres database, storage buckets and users"),
        ("branches delete", "CLOUD001", "the preview branch and its database"),
        ("storage rm", "CLOUD003", "the stored objects named"),
    ),
    "stripe": (
        ("subscriptions cancel", "CLOUD008", "the subscription (billing and service stop)"),
    ),
}
_PLATFORM["flyctl"] = _PLATFORM["fly"]
_GENERIC_DELETE = frozenset({"delete", "destroy", "remove", "rm"})


def _platform_findings(inv: Invocation, name: str) -> list[Finding]:
    words = [w.text for w in inv.args]
    pos, opts = _positionals(words, _PLATFORM_VALUED.get(name, frozenset()), frozenset())
    if opts & {"--help", "-h"} or "help" in pos[:1]:
        return []
    if name in ("wrangler", "eksctl") and _flag_on(words, _DRY_RUN, yargs=name == "wrangler"):
        return []
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    for paths, rid, lost in _PLATFORM.get(name, ()):
        steps: list[set[str]] = []
        for path in paths.split(","):
            steps = [set(p.split("|")) for p in path.split()]
            if len(pos) >= len(steps) and all(pos[i] in alts for i, alts in enumerate(steps)):
                break
        else:
            continue
        cmd = pos[: len(steps)]
        targets = pos[len(steps):]
        target = " ".join(targets[:3])
        if name == "firebase" and cmd[0] == "database:remove":
            where = targets[0] if targets else "/"
            lost = "the whole Realtime Database" if where.strip("/") == "" else \
                f"every node under {where}"
        shown = " ".join((name, *cmd, *targets[:3]))
        return [Finding(rid, f"`{shown}`{via} would delete {lost or 'a resource'}",
                        subject=target)]
    if name == "firebase" and pos[:1] == ["firestore:delete"]:
        target = pos[1] if len(pos) > 1 else ""
        if opts & {"--all-collections"}:
            return [Finding("CLOUD001", f"`firebase firestore:delete --all-collections`{via} "
                            "would delete every document of every collection in the database")]
        if opts & {"-r", "--recursive"}:
            return [Finding("CLOUD001", f"`firebase firestore:delete -r {target}`{via} would "
                            "delete the collection or document with everything under it",
                            subject=target)]
        return [Finding("CLOUD003", f"`firebase firestore:delete {target}`{via} would delete "
                        "the document", subject=target)]
    # any other delete-like sub-command of these CLIs is asked about
    head = pos[:3]
    verb = next((p for p in head if p in _GENERIC_DELETE or p.endswith(
        (":delete", ":destroy", ":remove"))), None)
    if verb is None:
        return []
    if name in ("heroku", "firebase", "netlify") and verb in _GENERIC_DELETE:
        return []  # their commands are ``topic:verb``; a bare word is an argument
    target = " ".join(pos[pos.index(verb) + 1 :][:3])
    shown = " ".join((name, *pos[: pos.index(verb) + 1], *([target] if target else [])))
    return [Finding("CLOUD008", f"`{shown}`{via} would delete a resource", subject=target)]


# --- object-store clients: rclone, s3cmd, MinIO's mc -------------------------------------------

_RCLONE_VALUED = frozenset(
    """--config --include --exclude --filter --include-from --exclude-from --filter-from
    --files-from --min-age --max-age --min-size --max-size --max-depth --transfers --checkers
    --log-file --log-level --backup-dir --suffix --bwlimit --retries --timeout --contimeout
    --stats --drive-shared-with-me --user-agent --max-delete --compare-dest --copy-dest
    --order-by --tpslimit --s3-storage-class --track-renames-strategy""".split()
)
_S3CMD_VALUED = frozenset(
    """-c --config --access_key --secret_key --access_token --host --host-bucket --region
    --bucket-location --exclude --include --rexclude --rinclude --exclude-from --include-from
    --storage-class --limit --add-header --mime-type --encoding --cache-file -l""".split()
)
_MC_VALUED = frozenset(
    """--config-dir -C --older-than --newer-than --rewind --version-id --exclude --region
    --limit-upload --limit-download --encrypt-key --storage-class""".split()
)


def _remote(path: str) -> bool:
    """``remote:path`` (rclone): a configured remote, not a local file (``C:\\x`` neither)."""
    head = path.split("/", 1)[0]
    return ":" in head and not (len(head) == 2 and head[0].isalpha())


def _object_store_findings(inv: Invocation, name: str) -> list[Finding]:
    words = [w.text for w in inv.args]
    valued = {"rclone": _RCLONE_VALUED, "s3cmd": _S3CMD_VALUED}.get(name, _MC_VALUED)
    if valued is _MC_VALUED:
        # its flags are Go's: one dash is as good as two (``-remove``), and never a cluster
        words = ["-" + w if w.startswith("-") and w[1:2].isalpha()
                 and len(w.split("=", 1)[0]) > 2 else w for w in words]
    pos, opts = _positionals(words, valued, frozenset())
    if opts & {"--help", "-h"} or not pos:
        return []
    letters = {c for w in words if w.startswith("-") and not w.startswith("--") for c in w[1:]}
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    sub, targets = pos[0], pos[1:]
    listed = " ".join(targets[:3])
    if name == "rclone":
        if _flag_on(words, frozenset({"--dry-run", "-n", "--interactive", "-i"})):
            return []
        remotes = [t for t in targets if _remote(t)]
        if sub == "purge" and remotes:
            return [Finding("CLOUD002", f"`rclone purge {listed}`{via} would delete the path and "
                            "everything under it", subject=listed)]
        if sub == "delete" and remotes:
            return [Finding("CLOUD002", f"`rclone delete {listed}`{via} would delete every file "
                            "under the path (that the filters let through)", subject=listed)]
        if sub == "deletefile" and remotes:
            return [Finding("CLOUD003", f"`rclone deletefile {listed}`{via} would delete the "
                            "file", subject=listed)]
        if sub == "sync" and len(targets) >= 2:
            dest = targets[-1]
            return [Finding("CLOUD010", f"`rclone sync`{via} would delete every file in {dest} "
                            "that is not in the source", subject=dest)]
        return []
    if name == "s3cmd":
        if opts & {"--dry-run", "-n"} or "n" in letters:
            return []
        buckets = [t for t in targets if t.startswith("s3://")]
        root = any("/" not in t[5:].rstrip("/") for t in buckets)
        recursive = bool(opts & {"--recursive", "-r"} or "r" in letters)
        if sub == "rb":
            extra = " and every object in it" if recursive or opts & {"--force", "-f"} else ""
            return [Finding("CLOUD002", f"`s3cmd rb`{via} would delete bucket {listed}{extra}",
                            subject=listed)]
        if sub in ("del", "rm"):
            if recursive or root or any("*" in t for t in buckets):
                return [Finding("CLOUD002", f"`s3cmd {sub}`{via} would delete every object "
                                f"under {listed}", subject=listed)]
            return [Finding("CLOUD003", f"`s3cmd {sub}`{via} would delete {listed}",
                            subject=listed)]
        if sub == "sync" and "--delete-removed" in opts:
            dest = targets[-1] if targets else "the destination"
            return [Finding("CLOUD002", f"`s3cmd sync --delete-removed`{via} would delete "
                            f"every object in {dest} that is not in the source", subject=dest)]
        return []
    # mc: ALIAS/BUCKET/PREFIX
    if _flag_on(words, _DRY_RUN):
        return []
    recursive = bool(opts & {"--recursive", "-r"} or "r" in letters)
    force = bool(opts & {"--force"})
    if sub == "rb":
        if force:
            return [Finding("CLOUD002", f"`mc rb --force`{via} would delete bucket {listed} "
                            "and every object in it", subject=listed)]
        return [Finding("CLOUD008", f"`mc rb`{via} would delete the (empty) bucket {listed}",
                        subject=listed)]
    if sub == "rm":
        if recursive or opts & {"--versions", "--incomplete"}:
            return [Finding("CLOUD002", f"`mc rm --recursive`{via} would delete every object "
                            f"under {listed}", subject=listed)]
        return [Finding("CLOUD003", f"`mc rm`{via} would delete {listed}", subject=listed)]
    if sub == "mirror" and opts & {"--remove"}:
        dest = targets[-1] if targets else "the destination"
        return [Finding("CLOUD002", f"`mc mirror --remove`{via} would delete every object in "
                        f"{dest} that is not in the source", subject=dest)]
    return []


_S5CMD_VALUED = frozenset(
    """--endpoint-url --numworkers -r --retry-count --log --credentials-file --profile
    --request-payer --addressing-style --exclude --include --storage-class --concurrency -c
    --part-size -p --content-type --cache-control --expires --acl --version-id --sse
    --sse-kms-key-id --content-encoding --content-disposition --metadata""".split()
)


def _s5cmd_findings(inv: Invocation) -> list[Finding]:
    """s5cmd: ``rm`` with a wildcard, ``rb`` and ``sync --delete`` delete in bulk."""
    # Go flags: one dash is as good as two (``-dry-run``)
    words = ["-" + w if w.startswith("-") and w[1:2].isalpha() and len(w.split("=", 1)[0]) > 2
             else w for w in (w.text for w in inv.args)]
    pos, opts = _positionals(words, _S5CMD_VALUED, frozenset())
    if opts & {"--help", "-h"} or not pos or _flag_on(words, _DRY_RUN):
        return []
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    sub, targets = pos[0], pos[1:]
    remote = [t for t in targets if t.startswith(("s3://", "gs://"))]
    listed = " ".join(remote[:3])
    if sub == "rb" and remote:
        return [Finding("CLOUD002", f"`s5cmd rb`{via} would delete bucket {listed}",
                        subject=listed)]
    if sub == "rm" and remote:
        if any("*" in t for t in remote) or "--all-versions" in opts:
            return [Finding("CLOUD002", f"`s5cmd rm`{via} would delete every object matching "
                            f"{listed}", subject=listed)]
        return [Finding("CLOUD003", f"`s5cmd rm`{via} would delete {listed}", subject=listed)]
    if sub == "sync" and _flag_on(words, frozenset({"--delete"})) and len(targets) >= 2:
        dest = targets[-1]
        return [Finding("CLOUD002", f"`s5cmd sync --delete`{via} would delete every object in "
                        f"{dest} that is not in the source", subject=dest)]
    return []


_AZCOPY_VALUED = frozenset(
    """--include-pattern --exclude-pattern --include-path --exclude-path --list-of-files
    --log-level --output-type --output-level --from-to --cap-mbps --delete-destination
    --include-before --include-after --exclude-regex --include-regex --compare-hash
    --trusted-microsoft-suffixes --list-of-versions --permanent-delete""".split()
)


def _azcopy_findings(inv: Invocation) -> list[Finding]:
    """azcopy: ``rm --recursive`` and ``sync --delete-destination=true`` delete in bulk."""
    words = [w.text for w in inv.args]
    pos, opts = _positionals(words, _AZCOPY_VALUED, frozenset())
    if opts & {"--help", "-h"} or not pos or _flag_on(words, _DRY_RUN):
        return []
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    sub, targets = pos[0], pos[1:]
    listed = " ".join(targets[:3])
    if sub in ("rm", "remove") and targets:
        if _flag_on(words, frozenset({"--recursive"})):
            return [Finding("CLOUD002", f"`azcopy {sub} --recursive`{via} would delete every "
                            f"blob or file under {listed}", subject=listed)]
        return [Finding("CLOUD003", f"`azcopy {sub}`{via} would delete {listed}",
                        subject=listed)]
    if sub == "sync" and len(targets) >= 2:
        value = ""
        for i, w in enumerate(words):
            key, eq, val = w.partition("=")
            if key == "--delete-destination":
                value = val if eq else (words[i + 1] if i + 1 < len(words) else "")
        if value.strip().lower() == "true":
            dest = targets[-1]
            return [Finding("CLOUD002", f"`azcopy sync --delete-destination=true`{via} would "
                            f"delete every blob or file in {dest} that is not in the source",
                            subject=dest)]
    return []


# --- HashiCorp Vault ----------------------------------------------------------------------------

_VAULT_VALUED = frozenset(
    """-address -namespace -ns -mount -versions -ca-cert -ca-path -client-cert -client-key
    -format -field -tls-server-name -wrap-ttl -policy-override -header -mfa""".split()
)


def _vault_findings(inv: Invocation) -> list[Finding]:
    words = [w.text for w in inv.args]
    pos, opts = _positionals(words, _VAULT_VALUED, frozenset())
    if opts & {"-help", "--help", "-h"} or not pos:
        return []
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    mount = next((w.split("=", 1)[1] for w in words if w.startswith("-mount=")), "")
    if pos[:3] == ["kv", "metadata", "delete"]:
        path = "/".join(x for x in (mount, *(pos[3:4])) if x) or "the secret"
        return [Finding("CLOUD006", f"`vault kv metadata delete {path}`{via} would destroy "
                        "every version of the secret and its metadata for good", subject=path)]
    if pos[:2] == ["kv", "destroy"]:
        path = "/".join(x for x in (mount, *(pos[2:3])) if x) or "the secret"
        return [Finding("CLOUD006", f"`vault kv destroy {path}`{via} would destroy the given "
                        "versions of the secret for good (no undelete)", subject=path)]
    if pos[:2] == ["secrets", "disable"]:
        path = pos[2] if len(pos) > 2 else "the mount"
        return [Finding("CLOUD006", f"`vault secrets disable {path}`{via} would delete every "
                        "secret stored under the mount and revoke its leases", subject=path)]
    if pos[:1] == ["delete"] and len(pos) > 1 and "/keys/" in pos[1] and \
            pos[1].split("/", 1)[0].startswith("transit"):
        return [Finding("CLOUD006", f"`vault delete {pos[1]}`{via} would delete the transit "
                        "key: what it encrypted can never be decrypted again", subject=pos[1])]
    if pos[:1] == ["delete"] or pos[:2] in (["kv", "delete"], ["auth", "disable"],
                                             ["policy", "delete"]):
        cmd = pos[:1] if pos[0] == "delete" else pos[:2]
        rest = pos[len(cmd):]
        path = "/".join(x for x in (mount, *rest[:1]) if x) or "the path"
        tail = " (a KV v2 secret can be undeleted; a KV v1 secret cannot)" if \
            cmd != ["auth", "disable"] and cmd != ["policy", "delete"] else ""
        return [Finding("CLOUD008", f"`vault {' '.join(cmd)} {path}`{via} would delete it"
                        f"{tail}", subject=path)]
    return []


def on_invocation(inv: Invocation, ctx: Context) -> Iterable[Finding]:
    name = inv.name
    if name in _PLATFORM_VALUED:
        return _platform_findings(inv, name)
    if name in ("rclone", "s3cmd", "mc", "mcli"):
        return _object_store_findings(inv, name)
    if name == "s5cmd":
        return _s5cmd_findings(inv)
    if name == "azcopy":
        return _azcopy_findings(inv)
    if name == "vault":
        return _vault_findings(inv)
    if name == "aws":
        return _aws_findings(inv)
    if name == "gcloud":
        return _gcloud_findings(inv)
    if name == "gsutil":
        return _gsutil_findings(inv)
    if name == "az":
        return _az_findings(inv)
    if name == "bq":
        return _bq_findings(inv)
    return ()


__all__ = ["RULES", "AwsCall", "aws_call", "on_invocation"]
