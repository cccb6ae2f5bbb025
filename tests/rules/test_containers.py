"""The containers pack, through the real engine, in a real git project.

docker and podman are never run: the calls are judged only. Global options before the
sub-command, ``docker compose`` and ``docker-compose``, clusters (``-fv``) and wrappers are
covered, with the everyday calls that must pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import decide, rule_ids  # type: ignore[import-not-found]

from railguard.model import Verdict
from railguard.rules import ALL_RULES, containers


def ids(command: str, cwd: Path) -> list[str]:
    return rule_ids(command, cwd, "CTR")


FLAGGED = [
    ("docker volume rm pgdata", "CTR001"),
    ("docker volume rm -f a b", "CTR001"),
    ("docker volume remove pgdata", "CTR001"),
    ("docker volume prune", "CTR001"),
    ("docker volume prune -a -f", "CTR001"),
    ("docker --context prod volume rm critical-vol", "CTR001"),
    ("docker -H ssh://prod volume rm v", "CTR001"),
    ("podman volume rm --all", "CTR001"),
    ("podman --remote --connection prod volume rm critical-vol", "CTR001"),
    ("nerdctl volume prune -f", "CTR001"),
    ("docker rm -v db", "CTR001"),
    ("docker rm -fv db", "CTR001"),
    ("docker rm -vf db", "CTR001"),
    ("docker container rm --volumes db", "CTR001"),
    ("sudo docker volume rm $(docker volume ls -q)", "CTR001"),
    ("docker volume ls -q | xargs docker volume rm", "CTR001"),
    ("bash -c 'docker volume rm pgdata'", "CTR001"),
    ("docker system prune --volumes", "CTR002"),
    ("docker system prune -a --volumes -f", "CTR002"),
    ("podman system prune --all --volumes", "CTR002"),
    ("podman system reset -f", "CTR002"),
    ("podman machine rm -f", "CTR002"),
    ("docker compose down -v", "CTR003"),
    ("docker compose down --volumes", "CTR003"),
    ("docker compose -f prod.yml -p shop down -v --remove-orphans", "CTR003"),
    ("docker compose --project-directory app down -v", "CTR003"),
    ("docker-compose down -v", "CTR003"),
    ("docker-compose -f a.yml down --volumes", "CTR003"),
    ("podman-compose down -v", "CTR003"),
    ("nerdctl compose down -v", "CTR003"),
    ("docker --context prod compose down -v", "CTR003"),
    ("docker compose rm -f -v", "CTR003"),
    ("docker-compose rm -v", "CTR003"),
    ("docker rm -f web", "CTR004"),
    ("docker rm --force web", "CTR004"),
    ("docker container rm -f web", "CTR004"),
    ("podman rm -f api", "CTR004"),
    ("docker --config /tmp/dc --context prod rm -f prod-db", "CTR004"),
    ("docker rm -f $(docker ps -aq)", "CTR004"),
    ("docker compose rm -s -f", "CTR004"),
    ("docker compose rm --stop --force web", "CTR004"),
    ("podman pod rm -f app", "CTR004"),
    ("docker system prune", "CTR005"),
    ("docker system prune -a", "CTR005"),
    ("docker system prune -af", "CTR005"),
    ("docker --host ssh://prod-host system prune --all", "CTR005"),
    ("docker container prune", "CTR005"),
    ("podman container prune -f", "CTR005"),
    ("docker stack rm prod", "CTR006"),
    ("docker stack remove a b", "CTR006"),
    ("docker --context prod stack down app", "CTR006"),
    ("docker service rm web", "CTR006"),
    ("docker -H ssh://prod service remove api worker", "CTR006"),
    ("docker stack deploy --prune -c stack.yml app", "CTR006"),
    ("docker swarm leave --force", "CTR006"),
    ("docker swarm leave -f", "CTR006"),
]

ORDINARY = [
    "docker ps", "docker ps -a", "docker images", "docker build -t app .",
    "docker build -f Dockerfile.dev -t app:dev .", "docker run --rm alpine true",
    "docker run -it --rm -v \"$PWD\":/src -w /src node:20 npm test",
    "docker run -d --name db -v pgdata:/var/lib/postgresql/data postgres:16",
    "docker run -h myhost --rm alpine hostname", "docker logs -f web", "docker inspect web",
    "docker exec -it web sh", "docker stop web", "docker start web", "docker restart web",
    "docker kill web", "docker rm web", "docker rm web other", "docker rmi app:old",
    "docker rmi -f app:old", "docker image prune", "docker image prune -a -f",
    "docker builder prune -f", "docker network prune -f", "docker network rm appnet",
    "docker volume ls", "docker volume inspect pgdata", "docker volume create cache",
    "docker system df", "docker system df -v", "docker system info", "docker pull nginx",
    "docker push registry.example.com/app:1", "docker tag app app:1", "docker login",
    "docker context ls", "docker stats --no-stream", "docker cp web:/app/log.txt .",
    "docker compose up -d", "docker compose up --build", "docker compose ps",
    "docker compose logs -f web", "docker compose down", "docker compose down --remove-orphans",
    "docker compose down --rmi local", "docker compose down -v --dry-run",
    "docker compose stop", "docker compose restart web", "docker compose build",
    "docker compose pull", "docker compose config", "docker compose exec web sh",
    "docker compose run --rm web pytest", "docker compose rm -f", "docker-compose up -d",
    "docker-compose down", "docker-compose ps", "docker-compose logs",
    "podman ps", "podman build -t app .", "podman run --rm alpine true", "podman images",
    "podman volume ls", "podman system df", "nerdctl ps", "nerdctl compose up -d",
    "docker volume rm --help", "grep -r 'docker volume rm' docs", "echo docker system prune",
    "docker stack ls", "docker stack services prod", "docker stack deploy -c stack.yml app",
    "docker service ls", "docker service logs web", "docker service scale web=3",
    "docker service update --image app:2 web", "docker swarm leave", "docker swarm init",
    "docker service rm --help",
]


@pytest.mark.parametrize(("command", "rule"), FLAGGED, ids=[c for c, _ in FLAGGED])
def test_flagged(command: str, rule: str, project: Path) -> None:
    d = decide(command, project)
    assert rule in d.rule_ids, (command, d.rule_ids)
    assert d.verdict >= ALL_RULES[rule].verdict


@pytest.mark.parametrize("command", ORDINARY)
def test_ordinary_calls_pass(command: str, project: Path) -> None:
    assert ids(command, project) == [], command


HOST_MOUNTS = [
    ("docker run --rm -v ~:/h alpine rm -rf /h", "FS001"),
    ("docker run --rm -v /:/host alpine rm -rf /host", "FS001"),
    ("docker run --rm -v /:/host alpine sh -c 'rm -rf /host/etc'", "FS001"),
    ("docker run --rm -v /:/host -w /host alpine rm -rf etc", "FS001"),
    ("docker run --rm --mount type=bind,source=/,target=/host alpine rm -rf /host/usr",
     "FS001"),
    ("podman run --rm -v $HOME:/home/u alpine rm -rf /home/u/.ssh", "FS001"),
    ("docker container run -it --rm -v /etc:/e ubuntu bash -c 'shred -u /e/passwd'", "FS005"),
    ("sudo docker run --rm --volume=/:/mnt busybox rm -rf /mnt/var", "FS001"),
    ("docker run --rm -v ~:/h alpine sh -c 'cd /h && rm -rf *'", "FS001"),
    ("docker run --rm -v ~:/h alpine sh -c ': > /h/.bashrc'", "FS017"),
]


@pytest.mark.parametrize(("command", "rule"), HOST_MOUNTS)
def test_container_deleting_a_mounted_host_folder_is_judged_on_the_host(
        command: str, rule: str, project: Path) -> None:
    d = decide(command, project)
    assert rule in d.rule_ids, (command, d.rule_ids)
    assert d.verdict == Verdict.DENY


@pytest.mark.parametrize("command", [
    "docker run --rm -v $PWD:/app node npm test",
    "docker run --rm -v \"$PWD\":/app -w /app node npm run build",
    "docker run --rm -v /:/host:ro alpine rm -rf /host",
    "docker run --rm --mount type=bind,source=/,target=/host,readonly alpine rm -rf /host",
    "docker run --rm -v /:/host alpine ls -la /host",
    "docker run --rm -v ~/.cache/pip:/root/.cache/pip python:3.12 pip install -r req.txt",
    "docker run --rm alpine rm -rf /tmp/x",
    "docker run -d --name db -v pgdata:/var/lib/postgresql/data postgres",
    "docker run --rm -v $PWD:/src -w /src alpine rm -rf /src/build",
])
def test_container_runs_that_spare_the_host_pass(command: str, project: Path) -> None:
    d = decide(command, project)
    assert d.verdict == Verdict.ALLOW, (command, d.findings)


NAMED_VOLUMES = [
    "docker run --rm -v mydata:/d alpine sh -c 'rm -rf /d/*'",
    "docker run --rm -v pgdata:/var/lib/postgresql/data postgres rm -rf /var/lib/postgresql/data",
    "docker run --rm --mount type=volume,src=pgdata,dst=/data alpine find /data -delete",
    "docker run --rm --mount source=pgdata,target=/data alpine rm -rf /data/base",
    "docker run --rm -v pgdata:/data -w /data alpine rm -rf ./base",
    "podman run --rm -itv pgdata:/data busybox rm -rf /data",
    "docker run --rm --volumes-from db alpine rm -rf /var/lib/mysql",
    "docker run --rm -v pgdata:/data alpine sh -c 'cd /data && rm -rf *'",
]


@pytest.mark.parametrize("command", NAMED_VOLUMES)
def test_container_emptying_a_named_volume_is_a_volume_deleted(
        command: str, project: Path) -> None:
    d = decide(command, project)
    assert "CTR001" in d.rule_ids, (command, d.findings)
    assert d.verdict == Verdict.DENY
    # the folder the volume was placed at for the judgement is never shown
    assert all(".container-volumes" not in f.message for f in d.findings), d.findings


def test_named_volume_message(project: Path) -> None:
    d = decide("docker run --rm -v pgdata:/data alpine sh -c 'rm -rf /data/*'", project)
    msg = next(f.message for f in d.findings if f.rule_id == "CTR001")
    assert "volume pgdata" in msg and "/data" in msg and "docker run alpine" in msg
    d = decide("docker run --rm --volumes-from db alpine rm -rf /var/lib/mysql", project)
    msg = next(f.message for f in d.findings if f.rule_id == "CTR001")
    assert "db" in msg and "--volumes-from" in msg


@pytest.mark.parametrize("command", [
    "docker run --rm -v pgdata:/data:ro alpine rm -rf /data",
    "docker run --rm --mount type=volume,src=pgdata,dst=/data,readonly alpine rm -rf /data",
    "docker run --rm --volumes-from db:ro alpine rm -rf /var/lib/mysql",
    "docker run --rm -v pgdata:/data alpine ls -la /data",
    "docker run --rm -v pgdata:/data -v \"$PWD\":/backup alpine tar czf /backup/pg.tgz -C /data .",
    "docker run --rm --volumes-from db -v \"$PWD\":/backup alpine tar czf /backup/db.tgz "
    "/var/lib/mysql",
    "docker run --rm -v cache:/root/.cache alpine rm -rf /tmp/x",
    "docker run --rm -v node_modules:/app/node_modules -v \"$PWD\":/app -w /app node:20 npm test",
    "docker run --rm -v pgdata:/data alpine rm /data/old.log",
    "docker run --rm -v /data alpine rm -rf /data",
    "docker run --rm -v pgdata:/data alpine sh -c 'cd /data && ls -la'",
    "docker run --rm -v \"$PWD\":/app node:20 sh -c 'cd /app && npm test'",
    "docker run --rm -v \"$PWD\":/app alpine sh -c 'echo x > /app/out.txt'",
])
def test_named_volume_runs_that_keep_the_data_pass(command: str, project: Path) -> None:
    d = decide(command, project)
    assert "CTR001" not in d.rule_ids, (command, d.findings)
    assert d.verdict == Verdict.ALLOW, (command, d.findings)


def test_every_rule_is_exercised() -> None:
    assert {r for _, r in FLAGGED} == {r.id for r in containers.RULES}


def test_verdicts() -> None:
    asks = {"CTR004", "CTR005", "CTR006"}
    for rule in containers.RULES:
        assert rule.verdict == (Verdict.ASK if rule.id in asks else Verdict.DENY), rule.id


def test_messages(project: Path) -> None:
    d = decide("docker --context prod volume rm pgdata", project)
    msg = d.findings[0].message
    assert "pgdata" in msg and "on prod" in msg and "data" in msg
    d = decide("docker system prune", project)
    assert d.verdict == Verdict.ASK and "stopped container" in d.findings[0].message
    d = decide("docker system prune -a", project)
    assert "every unused image" in d.findings[0].message
    d = decide("docker compose down -v", project)
    assert "volumes" in d.findings[0].message
    assert "docker compose down" in ALL_RULES["CTR003"].instead


def test_volume_prune_scope(project: Path) -> None:
    d = decide("docker volume prune", project)
    assert "anonymous" in d.findings[0].message
    d = decide("docker volume prune --all", project)
    assert "every unused volume" in d.findings[0].message
