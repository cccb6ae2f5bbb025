"""Commands cloud and VM tools run on another machine are judged as the commands they are.

None of the tools is run: each call is judged by the real engine in a real git project.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import decide  # type: ignore[import-not-found]

from railguard.model import Verdict, Word
from railguard.shell import remote_shells

REMOTE_HARM = [
    ("gcloud compute ssh vm1 --command 'rm -rf /var/lib/postgresql'", "FS001", Verdict.DENY),
    ("gcloud compute ssh prod-db --zone us-east1-b --command=\"psql -c 'DROP TABLE users'\"",
     "DB001", Verdict.DENY),
    ("gcloud compute ssh vm1 -- rm -rf /", "FS001", Verdict.DENY),
    ("gcloud compute tpus tpu-vm ssh tpu1 --command 'rm -rf ~'", "FS001", Verdict.DENY),
    ("aws ssm send-command --instance-ids i-1 --document-name AWS-RunShellScript "
     "--parameters commands=\"rm -rf /data\"", "FS002", Verdict.ASK),
    ("aws ssm send-command --instance-ids i-1 --document-name AWS-RunShellScript "
     "--parameters '{\"commands\":[\"cd /srv\",\"rm -rf ~\"]}'", "FS001", Verdict.DENY),
    ("aws ssm send-command --document-name AWS-RunShellScript --targets Key=tag:env,Values=prod"
     " --parameters 'commands=[\"uptime\",\"redis-cli FLUSHALL\"]'", "DB007", Verdict.DENY),
    ("aws ecs execute-command --cluster c --task t --interactive --command \"rm -rf /data\"",
     "FS002", Verdict.ASK),
    ("heroku run rails db:drop -a myapp", "DB012", Verdict.DENY),
    ("heroku run -a myapp -- psql -c 'DROP TABLE users'", "DB001", Verdict.DENY),
    ("heroku run:detached --app myapp python manage.py flush --noinput", "DB013", Verdict.DENY),
    ("fly ssh console -C \"rm -rf /data\"", "FS002", Verdict.ASK),
    ("flyctl machine exec 148ed 'rm -rf /data'", "FS002", Verdict.ASK),
    ("az vm run-command invoke -g rg -n vm --command-id RunShellScript "
     "--scripts \"rm -rf /var/lib/mysql\"", "FS001", Verdict.DENY),
    ("az vm run-command invoke -g rg -n vm --command-id RunShellScript "
     "--scripts 'echo hi' 'rm -rf /var/lib/mysql'", "FS001", Verdict.DENY),
    ("az container exec -g rg -n c --exec-command \"rm -rf /\"", "FS001", Verdict.DENY),
    ("doctl compute ssh web --ssh-command 'rm -rf ~'", "FS001", Verdict.DENY),
    ("vagrant ssh -c 'rm -rf /vagrant/data'", "FS002", Verdict.ASK),
    ("multipass exec vm -- rm -rf /home/ubuntu", "FS001", Verdict.DENY),
    ("lxc exec c1 -- rm -rf /", "FS001", Verdict.DENY),
    ("incus exec c1 -- sh -c 'rm -rf /'", "FS001", Verdict.DENY),
    ("docker-machine ssh dev rm -rf /", "FS001", Verdict.DENY),
]


@pytest.mark.parametrize(("command", "rule", "verdict"), REMOTE_HARM,
                         ids=[c for c, _, _ in REMOTE_HARM])
def test_command_run_on_another_machine_is_judged(command: str, rule: str, verdict: Verdict,
                                                  project: Path) -> None:
    d = decide(command, project)
    assert rule in d.rule_ids, (command, d.findings)
    assert d.verdict == verdict, (command, d.findings)


@pytest.mark.parametrize("command", [
    "aws ssm send-command --instance-ids i-1 --document-name AWS-RunShellScript "
    "--parameters \"commands=$CMD\"",
    "aws ssm send-command --instance-ids i-1 --document-name AWS-RunShellScript "
    "--parameters file://params.json",
    "gcloud compute ssh vm1 --command \"$(cat cmd.txt)\"",
    "heroku run \"$TASK\" -a myapp",
])
def test_remote_command_known_only_at_run_time_asks(command: str, project: Path) -> None:
    d = decide(command, project)
    assert d.verdict >= Verdict.ASK, (command, d.findings)


@pytest.mark.parametrize("command", [
    "gcloud compute ssh vm1 --command 'ls -la /srv'",
    "gcloud compute ssh vm1 --zone us-east1-b",
    "gcloud compute instances list",
    "aws ssm send-command --instance-ids i-1 --document-name AWS-RunShellScript "
    "--parameters 'commands=[\"uptime\",\"df -h\"]'",
    "aws ssm list-commands",
    "heroku run bash -a myapp",
    "heroku run rails console -a myapp",
    "heroku run -a myapp python manage.py migrate",
    "heroku logs --tail -a myapp",
    "fly ssh console",
    "fly ssh console --command 'ls /data'",
    "fly deploy",
    "az vm run-command invoke -g rg -n vm --command-id RunShellScript --scripts 'df -h'",
    "az vm list",
    "doctl compute ssh web",
    "vagrant ssh",
    "vagrant up",
    "multipass exec vm -- ls /home/ubuntu",
    "lxc exec c1 -- cat /etc/os-release",
    "docker-machine ssh dev docker ps",
    # the remote machine's paths are not this one's: the project's files are not there
    "gcloud compute ssh vm1 --command 'rm -rf /srv/app/tmp'",
])
def test_ordinary_remote_work_passes(command: str, project: Path) -> None:
    d = decide(command, project)
    assert d.verdict == Verdict.ALLOW, (command, d.findings)


def test_message_names_where_the_command_runs(project: Path) -> None:
    d = decide("gcloud compute ssh vm1 --command 'rm -rf /var/lib/postgresql'", project)
    assert any("gcloud compute ssh vm1" in f.message for f in d.findings), d.findings


def test_ssm_parameters_forms() -> None:
    def lines(text: str) -> list[str] | None:
        found = remote_shells._ssm_commands(Word(text))
        return None if found is None else [w.text for w in found]

    assert lines('commands="rm -rf /data"') == ["rm -rf /data"]
    assert lines('commands=["a b","c"],workingDirectory=/srv') == ["a b", "c"]
    assert lines('{"commands": "uptime"}') == ["uptime"]
    assert lines('{"commands": ["x", 3]}') is None
    assert lines("file://p.json") is None
    assert lines("workingDirectory=/srv") == []


def test_the_analyzer_routes_exactly_these_tools() -> None:
    """The walk decides by a name set of its own (so that common calls do not import this
    module); it must name the same tools."""
    from railguard.shell.analyze import _REMOTE_SHELL_TOOLS

    assert remote_shells.PROGRAMS == _REMOTE_SHELL_TOOLS
