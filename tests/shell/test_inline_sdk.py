"""Cloud SDK calls in inline code and scripts, judged as the cloud CLI calls they amount to.

The first tests read ``inline.scan`` (the argv each SDK call becomes); the verdict tests run the
real engine in a real git project with ``HOME`` a temp dir, so the cloud pack judges those argv
exactly as it judges the same command typed out.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import decide

from railguard.shell import inline, sdk


def calls(lang: str, code: str) -> list[list[str]]:
    return inline.scan(lang, code)[0]


def problems(lang: str, code: str) -> list[str]:
    return inline.scan(lang, code)[2]


# -- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "cli"),
    [
        ("DBInstanceIdentifier", "db-instance-identifier"),
        ("SkipFinalSnapshot", "skip-final-snapshot"),
        ("delete_db_instance", "delete-db-instance"),
        ("deleteDBInstance", "delete-db-instance"),
        ("DeleteDBInstance", "delete-db-instance"),
        ("ListObjectsV2", "list-objects-v2"),
        ("InstanceIds", "instance-ids"),
        ("S3Client", "s3-client"),
    ],
)
def test_sdk_names_become_cli_names(name: str, cli: str) -> None:
    assert sdk.kebab(name) == cli


# -- what each call becomes ------------------------------------------------------------------

AS_CLI = [
    # boto3 clients: service + operation, keyword arguments as options
    ("python", "import boto3; boto3.client('s3').delete_bucket(Bucket='prod')",
     ["aws", "s3api", "delete-bucket", "--bucket=prod"]),
    ("python", "import boto3; c=boto3.client('rds'); "
     "c.delete_db_instance(DBInstanceIdentifier='prod-db', SkipFinalSnapshot=True)",
     ["aws", "rds", "delete-db-instance", "--db-instance-identifier=prod-db",
      "--skip-final-snapshot"]),
    ("python", "import boto3; boto3.client('ec2').terminate_instances(InstanceIds=['i-1'])",
     ["aws", "ec2", "terminate-instances", "--instance-ids", "i-1"]),
    ("python", "import boto3\nboto3.client('rds').modify_db_instance("
     "DBInstanceIdentifier='db', DeletionProtection=False)",
     ["aws", "rds", "modify-db-instance", "--db-instance-identifier=db",
      "--no-deletion-protection"]),
    ("python", "import boto3\nboto3.client('ec2').modify_instance_attribute(InstanceId='i-1', "
     "DisableApiTermination={'Value': False})",
     ["aws", "ec2", "modify-instance-attribute", "--instance-id=i-1",
      "--no-disable-api-termination"]),
    # clients through sessions, renamed imports, attributes, ``with``, literal values
    ("python", "import boto3 as b3\nfrom boto3.session import Session\n"
     "k = Session(profile_name='prod').client('kms')\n"
     "k.schedule_key_deletion(KeyId='abc', PendingWindowInDays=7)",
     ["aws", "kms", "schedule-key-deletion", "--key-id=abc", "--pending-window-in-days=7"]),
    ("python", "import boto3\nclass Job:\n    def run(self):\n"
     "        self.s3.delete_bucket(Bucket='z')\n    def __init__(self):\n"
     "        self.s3 = boto3.client('s3')\n",
     ["aws", "s3api", "delete-bucket", "--bucket=z"]),
    ("python", "import aioboto3\nasync def f():\n    async with aioboto3.Session()"
     ".client('dynamodb') as d:\n        await d.delete_table(TableName='orders')\n",
     ["aws", "dynamodb", "delete-table", "--table-name=orders"]),
    ("python", "import boto3\nname = 'prod'\nboto3.client('s3').delete_bucket(Bucket=name)",
     ["aws", "s3api", "delete-bucket", "--bucket=prod"]),
    ("python", "import boto3\np = {'Bucket': 'prod'}\nboto3.client('s3').delete_bucket(**p)",
     ["aws", "s3api", "delete-bucket", "--bucket=prod"]),
    ("python", "import boto3, sys\nboto3.client('s3').delete_bucket(Bucket=sys.argv[1])",
     ["aws", "s3api", "delete-bucket", "--bucket=<bucket>"]),
    ("python", "import boto3\nc = boto3.client('s3')\nc._make_api_call('DeleteBucket', "
     "{'Bucket': 'x'})", ["aws", "s3api", "delete-bucket", "--bucket=x"]),
    ("python", "import boto3\nc = boto3.client('s3')\ngetattr(c, 'delete_bucket')(Bucket='x')",
     ["aws", "s3api", "delete-bucket", "--bucket=x"]),
    ("python", "import boto3\nboto3.client('s3', endpoint_url='http://localhost:4566')"
     ".delete_bucket(Bucket='x')",
     ["aws", "--endpoint-url=http://localhost:4566", "s3api", "delete-bucket", "--bucket=x"]),
    # boto3 resources
    ("python", "import boto3; boto3.resource('s3').Bucket('prod').objects.all().delete()",
     ["aws", "s3", "rm", "s3://prod/", "--recursive"]),
    ("python", "import boto3\nb = boto3.resource('s3').Bucket('prod')\n"
     "b.object_versions.filter(Prefix='logs/').delete()",
     ["aws", "s3", "rm", "s3://prod/logs/", "--recursive"]),
    ("python", "import boto3\nboto3.resource('s3').Bucket('prod').delete()",
     ["aws", "s3api", "delete-bucket", "--bucket=prod"]),
    ("python", "import boto3\nboto3.resource('s3').Object('prod', 'a.txt').delete()",
     ["aws", "s3api", "delete-object", "--bucket=prod", "--key=a.txt"]),
    ("python", "import boto3\nboto3.resource('ec2').Instance('i-123').terminate()",
     ["aws", "ec2", "terminate-instances", "--instance-ids=i-123"]),
    ("python", "import boto3\nboto3.resource('ec2').instances.filter(InstanceIds=['i-9'])"
     ".terminate()", ["aws", "ec2", "terminate-instances", "--instance-ids", "i-9"]),
    ("python", "import boto3\nboto3.resource('dynamodb').Table('orders').delete()",
     ["aws", "dynamodb", "delete-table", "--table-name=orders"]),
    ("python", "import boto3\nboto3.resource('sqs').Queue('https://q').purge()",
     ["aws", "sqs", "purge-queue", "--queue-url=https://q"]),
    # a loop that deletes every item is the bulk delete
    ("python", "import boto3\nb = boto3.resource('s3').Bucket('prod')\n"
     "for o in b.objects.filter(Prefix='logs/'):\n    o.delete()\n",
     ["aws", "s3", "rm", "s3://prod/logs/", "--recursive"]),
    ("python", "import boto3\n[o.delete() for o in boto3.resource('s3').Bucket('p').objects.all()]",
     ["aws", "s3", "rm", "s3://p/", "--recursive"]),
    ("python", "import boto3\nfor b in boto3.resource('s3').buckets.all():\n    b.delete()\n",
     ["aws", "s3api", "delete-bucket", "--bucket=<bucket>"]),
    # JavaScript: v3 commands and clients, v2 clients, the DynamoDB document client
    ("node", "const {S3Client, DeleteBucketCommand}=require('@aws-sdk/client-s3'); "
     "new S3Client({}).send(new DeleteBucketCommand({Bucket:'x'}))",
     ["aws", "s3api", "delete-bucket", "--bucket=x"]),
    ("node", "import { RDSClient, DeleteDBInstanceCommand as Del } from '@aws-sdk/client-rds';\n"
     "await new RDSClient({}).send(new Del({DBInstanceIdentifier: 'prod', "
     "SkipFinalSnapshot: true}));",
     ["aws", "rds", "delete-db-instance", "--db-instance-identifier=prod",
      "--skip-final-snapshot"]),
    ("node", "const m = require('@aws-sdk/client-s3'); const c = new m.S3Client({}); "
     "c.send(new m.DeleteBucketCommand({Bucket: 'y'}))",
     ["aws", "s3api", "delete-bucket", "--bucket=y"]),
    ("node", "const { S3 } = require('@aws-sdk/client-s3'); const s3 = new S3({}); "
     "await s3.deleteObjects({Bucket: 'b', Delete: {Objects: []}});",
     ["aws", "s3api", "delete-objects", "--bucket=b"]),
    ("node", "const AWS = require('aws-sdk'); const s3 = new AWS.S3(); "
     "s3.deleteBucket({Bucket: 'x'}).promise()", ["aws", "s3api", "delete-bucket", "--bucket=x"]),
    ("node", "import * as AWS from 'aws-sdk';\nconst ec2 = new AWS.EC2({region: 'x'});\n"
     "ec2.terminateInstances({InstanceIds: ['i-1']}, cb);",
     ["aws", "ec2", "terminate-instances", "--instance-ids", "i-1"]),
    ("node", "const Bucket = 'prod'; const {S3Client, DeleteBucketCommand} = "
     "require('@aws-sdk/client-s3'); new S3Client({}).send(new DeleteBucketCommand({Bucket}))",
     ["aws", "s3api", "delete-bucket", "--bucket=prod"]),
    ("node", "const { DynamoDBDocumentClient, DeleteCommand } = require('@aws-sdk/lib-dynamodb');"
     " await doc.send(new DeleteCommand({TableName: 't', Key: {id: 1}}));",
     ["aws", "dynamodb", "delete-item", "--table-name=t"]),
    # Google Cloud
    ("python", "from google.cloud import storage\nstorage.Client().bucket('media')"
     ".delete(force=True)", ["gcloud", "storage", "rm", "--recursive", "gs://media"]),
    ("python", "from google.cloud import storage\nstorage.Client().bucket('media').delete()",
     ["gcloud", "storage", "buckets", "delete", "gs://media"]),
    ("python", "from google.cloud import storage\nb = storage.Client().get_bucket('media')\n"
     "b.blob('a.png').delete()", ["gcloud", "storage", "rm", "gs://media/a.png"]),
    ("python", "from google.cloud import storage\nc = storage.Client()\n"
     "for blob in c.list_blobs('media', prefix='x/'):\n    blob.delete()\n",
     ["gcloud", "storage", "rm", "--recursive", "gs://media/x/"]),
    ("python", "from google.cloud import bigquery\nbigquery.Client().delete_dataset('analytics',"
     " delete_contents=True)", ["bq", "rm", "-r", "-f", "-d", "analytics"]),
    ("python", "from google.cloud import compute_v1\ncompute_v1.InstancesClient().delete("
     "project='p', zone='z1', instance='web-1')",
     ["gcloud", "compute", "instances", "delete", "web-1", "--zone=z1", "--project=p"]),
    ("python", "from googleapiclient import discovery\ns = discovery.build('sqladmin', 'v1beta4')"
     "\ns.instances().delete(project='p', instance='prod-db').execute()",
     ["gcloud", "sql", "instances", "delete", "prod-db"]),
    ("node", "const {Storage} = require('@google-cloud/storage'); "
     "await new Storage().bucket('media').deleteFiles({prefix: 'x/'});",
     ["gcloud", "storage", "rm", "--recursive", "gs://media/x/"]),
    # Azure
    ("python", "from azure.storage.blob import BlobServiceClient\n"
     "BlobServiceClient.from_connection_string(conn).delete_container('backups')",
     ["az", "storage", "container", "delete", "--name=backups"]),
    ("python", "from azure.storage.blob import BlobServiceClient\n"
     "cc = BlobServiceClient(url).get_container_client('logs')\ncc.delete_blob('a.log')",
     ["az", "storage", "blob", "delete", "--container-name=logs", "--name=a.log"]),
    ("python", "from azure.mgmt.resource import ResourceManagementClient\n"
     "ResourceManagementClient(cred, sub).resource_groups.begin_delete('prod-rg').result()",
     ["az", "group", "delete", "--name=prod-rg"]),
    ("python", "from azure.mgmt.compute import ComputeManagementClient\n"
     "ComputeManagementClient(cred, sub).virtual_machines.begin_delete('rg', 'vm1')",
     ["az", "vm", "delete", "--name=vm1", "--resource-group=rg"]),
    ("python", "from azure.keyvault.secrets import SecretClient\n"
     "SecretClient(vault_url=u, credential=c).purge_deleted_secret('db')",
     ["az", "keyvault", "secret", "purge", "--name=db"]),
    ("python", "from azure.cosmos import CosmosClient\nCosmosClient(url, key)"
     ".delete_database('prod')", ["az", "cosmosdb", "sql", "database", "delete", "--name=prod"]),
    ("node", "const { BlobServiceClient } = require('@azure/storage-blob'); "
     "await BlobServiceClient.fromConnectionString(c).getContainerClient('backups').delete();",
     ["az", "storage", "container", "delete", "--name=backups"]),
    ("node", "const { ResourceManagementClient } = require('@azure/arm-resources'); "
     "await new ResourceManagementClient(cred, sub).resourceGroups.beginDeleteAndWait('rg1');",
     ["az", "group", "delete", "--name=rg1"]),
]


@pytest.mark.parametrize(("lang", "code", "argv"), AS_CLI)
def test_sdk_calls_become_the_cli_call(lang: str, code: str, argv: list[str]) -> None:
    assert argv in calls(lang, code)


def test_a_filtered_loop_is_left_to_each_delete() -> None:
    code = ("import boto3\nb = boto3.resource('s3').Bucket('prod')\n"
            "for o in b.objects.all():\n    if o.key.endswith('.tmp'):\n        o.delete()\n")
    assert calls("python", code) == [["aws", "s3api", "delete-object", "--bucket=prod",
                                      "--key=<key>"]]


def test_a_client_assigned_again_takes_the_new_service() -> None:
    code = ("import boto3\nclient = boto3.client('s3')\nclient.delete_bucket(Bucket='a')\n"
            "client = boto3.client('iam')\nclient.delete_role(RoleName='r')\n")
    assert calls("python", code) == [["aws", "s3api", "delete-bucket", "--bucket=a"],
                                     ["aws", "iam", "delete-role", "--role-name=r"]]


@pytest.mark.parametrize(
    ("lang", "code"),
    [
        ("python", "import boto3\nboto3.client('ec2').terminate_instances(InstanceIds=['i-1'], "
         "DryRun=d)"),
        ("python", "import boto3\ndry = True\ndry &= confirmed()\n"
         "boto3.client('ec2').terminate_instances(InstanceIds=['i-1'], DryRun=dry)"),
        ("node", "const {EC2} = require('@aws-sdk/client-ec2'); let dry = true; "
         "for (dry of modes) {}; new EC2({}).terminateInstances({InstanceIds: ['i-1'], "
         "DryRun: dry})"),
    ],
)
def test_a_dry_run_flag_whose_value_is_not_known_is_not_a_dry_run(lang: str, code: str) -> None:
    assert calls(lang, code) == [["aws", "ec2", "terminate-instances", "--instance-ids", "i-1"]]


def test_a_dry_run_flag_held_in_a_constant_is_a_dry_run() -> None:
    code = ("const {EC2} = require('@aws-sdk/client-ec2'); const dry = true; "
            "new EC2({}).terminateInstances({InstanceIds: ['i-1'], DryRun: dry})")
    assert calls("node", code) == [["aws", "ec2", "terminate-instances", "--dry-run",
                                    "--instance-ids", "i-1"]]


# -- what cannot be read is not passed ---------------------------------------------------------

UNFOLLOWED = [
    ("python", "import boto3\nc = boto3.client(input())\nc.delete_bucket(Bucket='x')",
     ["aws", "unknown-service", "delete-bucket", "--bucket=x"]),
    ("python", "import boto3\ndef wipe(client):\n    client.delete_table(TableName='t')\n",
     ["aws", "unknown-service", "delete-table", "--table-name=t"]),
    ("python", "import boto3\nfor o in things():\n    o.delete()\n",
     ["aws", "unknown-service", "delete-resource"]),
    ("node", "import {S3Client} from '@aws-sdk/client-s3'; const cmds = load(); "
     "new cmds.DeleteBucketCommand({Bucket: 'b'});",
     ["aws", "unknown-service", "delete-bucket", "--bucket=b"]),
    ("python", "from google.cloud import firestore\nfirestore.Client().collection('u')"
     ".document('a').delete()", ["gcloud", "unknown-service", "delete"]),
    ("python", "from azure.mgmt.web import WebSiteManagementClient\nimport azure.identity\n"
     "def f(ops):\n    ops.begin_delete('rg', 'x')\n", ["az", "resource", "delete",
                                                       "--name=rg"]),
]


@pytest.mark.parametrize(("lang", "code", "argv"), UNFOLLOWED)
def test_a_delete_on_a_receiver_not_followed_is_still_a_cloud_call(
        lang: str, code: str, argv: list[str]) -> None:
    assert argv in calls(lang, code)


@pytest.mark.parametrize(
    ("lang", "code"),
    [
        ("python", "import boto3\nc = boto3.client('s3')\nop = input()\n"
         "getattr(c, op)(Bucket='x')"),
        ("node", "const sdk = require('@aws-sdk/client-s3'); const c = new sdk.S3({}); "
         "c[process.argv[2]]({Bucket: 'x'});"),
    ],
)
def test_an_operation_named_at_run_time_is_a_problem(lang: str, code: str) -> None:
    assert any("operation named at run time" in p for p in problems(lang, code))


# -- ordinary use stays quiet ------------------------------------------------------------------

QUIET = [
    ("python", "import boto3\ns3 = boto3.client('s3')\nprint(s3.list_buckets())\n"
     "s3.get_object(Bucket='dev', Key='a')\ns3.upload_file('a.txt', 'dev', 'a.txt')\n"
     "s3.head_object(Bucket='dev', Key='a')\n"),
    ("python", "import boto3\nfor p in boto3.client('s3').get_paginator('list_objects_v2')"
     ".paginate(Bucket='b'):\n    print(p)\n"),
    ("python", "import boto3\nt = boto3.resource('dynamodb').Table('orders')\n"
     "print(t.get_item(Key={'id': 1}))\n"),
    ("python", "import boto3\nb = boto3.resource('s3').Bucket('dev')\nfor o in b.objects.all():"
     "\n    print(o.key)\n"),
    ("python", "import boto3, logging, requests\nlogging.getLogger().removeHandler(h)\n"
     "f.close()\nlock.release()\nitems.remove(3)\nrequests.delete('https://api.example.com/x')"
     "\ncache.delete('k')\nboto3.client('sts').get_session_token()\n"),
    ("node", "const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');\n"
     "const c = new S3Client({});\nawait c.send(new GetObjectCommand({Bucket: 'b', Key: 'k'}));"
     "\nc.destroy();\nconst m = new Map(); m.delete('a');\nstream.destroy();\n"
     "emitter.removeListener('x', f);\nawait axios.delete('https://x');\n"),
    ("python", "from google.cloud import storage\nc = storage.Client()\n"
     "c.bucket('media').blob('a.png').upload_from_filename('a.png')\n"),
    ("python", "from azure.storage.blob import BlobServiceClient\n"
     "cc = BlobServiceClient.from_connection_string(c).get_container_client('x')\n"
     "print(list(cc.list_blobs()))\n"),
    # not SDK code at all
    ("python", "import shutil\nprint('google.cloud azure boto3')\n"),
]


@pytest.mark.parametrize(("lang", "code"), QUIET)
def test_reads_and_ordinary_calls_become_nothing_destructive(lang: str, code: str) -> None:
    destructive = ("delete", "terminate", "rm", "purge", "remove", "destroy")
    found = [argv for argv in calls(lang, code)
             if argv[0] in ("aws", "gcloud", "az", "bq")
             and any(w.split("-")[0] in destructive for w in argv[1:4])]
    assert found == []
    assert not problems(lang, code)


# -- verdicts through the engine ---------------------------------------------------------------

DENIED = [
    ("python -c \"import boto3; boto3.client('s3').delete_bucket(Bucket='prod')\"", "CLOUD002"),
    ("python -c \"import boto3; boto3.resource('s3').Bucket('prod').objects.all().delete()\"",
     "CLOUD002"),
    ("python3 -c \"import boto3; c=boto3.client('rds'); c.delete_db_instance("
     "DBInstanceIdentifier='prod-db', SkipFinalSnapshot=True)\"", "CLOUD001"),
    ("python -c \"import boto3; boto3.client('ec2').terminate_instances(InstanceIds=['i-1'])\"",
     "CLOUD005"),
    ("node -e \"const {S3Client, DeleteBucketCommand}=require('@aws-sdk/client-s3'); "
     "new S3Client({}).send(new DeleteBucketCommand({Bucket:'x'}))\"", "CLOUD002"),
    ("python3 -c \"import boto3; boto3.client('kms').schedule_key_deletion(KeyId='k')\"",
     "CLOUD006"),
    ("python3 -c \"import boto3; boto3.client('rds-data').execute_statement(resourceArn='a', "
     "secretArn='s', sql='DROP TABLE users')\"", "DB001"),
    ("python3 -c \"from google.cloud import storage; storage.Client().bucket('media')"
     ".delete(force=True)\"", "CLOUD002"),
    ("python3 -c \"from azure.mgmt.resource import ResourceManagementClient as R; "
     "R(cred, sub).resource_groups.begin_delete('prod-rg')\"", "CLOUD007"),
]


@pytest.mark.parametrize(("command", "rule"), DENIED)
def test_destructive_sdk_calls_are_denied(command: str, rule: str, project: Path) -> None:
    d = decide(command, project)
    assert d.verdict.label == "deny" and rule in d.rule_ids, (d.verdict.label, d.rule_ids)


ASKED = [
    ("python3 -c \"import boto3; boto3.client('s3').delete_object(Bucket='dev', Key='a.txt')\"",
     "CLOUD003"),
    ("python3 -c \"import boto3; c=boto3.client(input()); c.delete_thing(Name='x')\"",
     "CLOUD008"),
    ("python3 -c \"import boto3; boto3.client('rds').modify_db_instance("
     "DBInstanceIdentifier='db', DeletionProtection=False)\"", "CLOUD009"),
    ("python3 -c \"from google.cloud import storage; storage.Client().bucket('m')"
     ".blob('a.png').delete()\"", "CLOUD003"),
    ("python3 -c \"import boto3, sys; c=boto3.client('s3'); getattr(c, sys.argv[1])()\" x",
     "SH004"),
]


@pytest.mark.parametrize(("command", "rule"), ASKED)
def test_questionable_sdk_calls_are_asked_about(command: str, rule: str, project: Path) -> None:
    d = decide(command, project)
    assert d.verdict.label == "ask" and rule in d.rule_ids, (d.verdict.label, d.rule_ids)


ALLOWED = [
    "python -c \"import boto3; print(boto3.client('s3').list_buckets())\"",
    "python -c \"import boto3; s3=boto3.client('s3'); "
    "print(s3.get_object(Bucket='dev-bucket', Key='a.txt')['Body'].read())\"",
    "python -c \"import boto3; boto3.client('s3').put_object(Bucket='dev-bucket', Key='a.txt', "
    "Body=b'hi')\"",
    "python -c \"import boto3; print(boto3.client('ec2').describe_instances())\"",
    "python -c \"import boto3; s3=boto3.client('s3'); s3.upload_file('a.txt', 'dev-bucket', "
    "'a.txt')\"",
    "python -c \"import boto3; boto3.client('sts').get_session_token()\"",
    "python -c \"import boto3; boto3.client('s3', endpoint_url='http://localhost:4566')"
    ".delete_bucket(Bucket='x')\"",
    "python -c \"import boto3; boto3.client('ec2').terminate_instances(InstanceIds=['i-1'], "
    "DryRun=True)\"",
    "node -e \"const AWS=require('aws-sdk'); new AWS.S3().listObjectsV2({Bucket:'b'}).promise()"
    ".then(console.log)\"",
    "node -e \"const {S3Client, PutObjectCommand}=require('@aws-sdk/client-s3'); "
    "const c=new S3Client({}); c.send(new PutObjectCommand({Bucket:'dev', Key:'a', "
    "Body:'x'})).then(()=>c.destroy())\"",
]


@pytest.mark.parametrize("command", ALLOWED)
def test_ordinary_sdk_use_is_allowed(command: str, project: Path) -> None:
    d = decide(command, project)
    assert d.verdict.label == "allow", d.rule_ids


# -- scripts the command runs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "command", "body", "rule"),
    [
        ("cleanup.py", "python cleanup.py",
         "import boto3\ns3 = boto3.client('s3')\nfor name in ['a', 'b']:\n"
         "    s3.delete_bucket(Bucket=name)\n", "CLOUD002"),
        ("teardown.py", "python3 teardown.py --yes",
         "import boto3\n\n\ndef main():\n    rds.delete_db_cluster(DBClusterIdentifier='main',"
         " SkipFinalSnapshot=True)\n\n\nrds = boto3.client('rds')\nmain()\n", "CLOUD001"),
        ("cleanup.js", "node cleanup.js",
         "const { EC2Client, TerminateInstancesCommand } = require('@aws-sdk/client-ec2');\n"
         "const ec2 = new EC2Client({ region: 'us-east-1' });\n"
         "ec2.send(new TerminateInstancesCommand({ InstanceIds: ['i-1'] }));\n", "CLOUD005"),
    ],
)
def test_a_script_the_command_runs_is_read_the_same_way(
        name: str, command: str, body: str, rule: str, project: Path) -> None:
    (project / name).write_text(body)
    d = decide(command, project)
    assert d.verdict.label == "deny" and rule in d.rule_ids, (d.verdict.label, d.rule_ids)


def test_an_ordinary_script_is_allowed(project: Path) -> None:
    (project / "report.py").write_text(
        "import boto3\n\ns3 = boto3.client('s3')\nfor b in s3.list_buckets()['Buckets']:\n"
        "    print(b['Name'])\ns3.upload_file('out.csv', 'dev-reports', 'out.csv')\n")
    assert decide("python report.py", project).verdict.label == "allow"


# -- cost --------------------------------------------------------------------------------------


def test_the_sdk_reader_is_imported_only_for_code_that_may_use_an_sdk() -> None:
    probe = (
        "import sys\nfrom railguard.shell import inline\n"
        "inline.scan('python', 'import os; print(os.getcwd())')\n"
        "inline.scan('node', 'console.log(1)')\n"
        "print('railguard.shell.sdk' in sys.modules)\n"
        "inline.scan('python', 'import boto3')\n"
        "print('railguard.shell.sdk' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         env=dict(os.environ), timeout=60, check=True).stdout.split()
    assert out == ["False", "True"]


def test_large_sdk_scripts_are_read_within_bounds() -> None:
    code = "import boto3\ns3 = boto3.client('s3')\n" + (
        "x = s3.list_buckets()\nfor b in x['Buckets']:\n    print(b['Name'])\n") * 3000
    found, _, probs = inline.scan("python", code)
    assert found == [] and any("more names than can be followed" in p for p in probs)
