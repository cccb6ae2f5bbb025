"""The containers pack: docker, podman and nerdctl calls that delete volumes or running work.

Volumes are where containers keep their data (a database's files): removing or pruning them is
denied. Killing a running container with ``rm -f`` and pruning stopped containers are asked
about. Images, build caches and networks can be pulled or built again, so ``image prune``,
``builder prune`` and ``network prune`` pass, as do ``ps``, ``build``, ``run``, ``logs`` and a
``compose down`` that keeps its volumes. Removing a swarm stack or service is asked about. Global options (``--context``, ``-H``, ``--connection``)
before the sub-command, ``docker compose`` and ``docker-compose`` are all understood.

``run`` with a host folder bind-mounted read-write: the container's command is judged by the
filesystem rules on the host paths it reaches (``docker run -v ~:/h alpine rm -rf /h`` is
``rm -rf ~``). A named volume mounted read-write is placed at a folder outside the project
for the same judgement, and what would be stopped there is reported as the volume's loss
(``docker run -v pgdata:/d alpine rm -rf /d/*`` empties the volume).
"""

from __future__ import annotations

from railguard.model import Finding, Verdict
from railguard.rules.base import Rule
from railguard.shell.options import CONTAINER_GLOBAL_VALUED as _GLOBAL_VALUED
from railguard.shell.options import CONTAINER_RUN_VALUED
from railguard.shell.options import subcommand as _split

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from railguard.model import Invocation
    from railguard.rules.base import Context

RULES = [
    Rule(
        "CTR001", "Container volume deleted", Verdict.DENY,
        why="A volume holds what a container keeps: a database's files, uploads, caches that "
            "took hours to fill. `volume rm`, `volume prune` and `rm -v` (a container's "
            "anonymous volumes) delete it, and nothing keeps a copy.",
        instead="Back the volume up first (`docker run --rm -v VOL:/data -v \"$PWD\":/backup "
                "alpine tar czf /backup/VOL.tgz -C /data .`), list what would go (`docker volume "
                "ls -f dangling=true`), and let the user delete it.",
        bad=["docker volume rm pgdata", "docker volume prune -a -f", "podman volume rm --all",
             "docker --context prod volume rm critical-vol", "docker rm -fv db",
             "sudo docker volume rm $(docker volume ls -q)", "nerdctl volume prune -f",
             "docker container rm -v old-db"],
        good=["docker volume ls", "docker volume inspect pgdata", "docker volume create cache",
              "docker rm old-container", "docker ps -a"],
    ),
    Rule(
        "CTR002", "Everything unused pruned, volumes included", Verdict.DENY,
        why="`system prune --volumes` removes every stopped container, unused network, image "
            "and build cache, and the volumes no running container uses: stop the database "
            "container first and its data goes with the prune. `podman system reset` wipes all "
            "containers, images and volumes; `podman machine rm` deletes the VM that holds "
            "them.",
        instead="Prune what is safe (`docker image prune`, `docker builder prune`) and leave "
                "volumes to the user; `docker system df -v` shows what takes the space.",
        bad=["docker system prune --volumes", "docker system prune -a --volumes -f",
             "podman system prune --all --volumes", "podman system reset -f",
             "podman machine rm -f"],
        good=["docker system df", "docker system df -v", "docker image prune",
              "docker builder prune -f", "docker system info"],
    ),
    Rule(
        "CTR003", "Compose stack removed with its volumes", Verdict.DENY,
        why="`compose down -v` (`--volumes`) deletes the named volumes declared in the compose "
            "file and the anonymous ones: the stack's database and uploads. `compose rm -v` "
            "removes the anonymous ones.",
        instead="Use `docker compose down` (it keeps the volumes) or `docker compose stop`; "
                "back up the volumes and let the user delete them.",
        bad=["docker compose down -v", "docker-compose down --volumes",
             "docker compose -f prod.yml down -v --remove-orphans", "podman-compose down -v",
             "docker compose rm -f -v", "nerdctl compose down -v"],
        good=["docker compose down", "docker compose up -d", "docker compose ps",
              "docker compose logs -f web", "docker-compose build", "docker compose stop",
              "docker compose down --remove-orphans", "docker compose config"],
    ),
    Rule(
        "CTR004", "Running container killed and removed", Verdict.ASK,
        why="`rm -f` kills a running container and removes it with its writable layer: "
            "whatever it wrote outside a volume is gone, and what it served stops.",
        instead="Stop it first (`docker stop NAME`), check `docker inspect NAME` for data "
                "outside volumes, and remove it without `-f`.",
        bad=["docker rm -f web", "docker container rm --force web", "podman rm -f api",
             "docker compose rm -s -f", "docker rm -f $(docker ps -q)"],
        good=["docker stop web", "docker rm web", "docker ps", "docker run --rm alpine true",
              "docker build -t app .", "docker logs web", "docker exec web ls"],
    ),
    Rule(
        "CTR005", "Stopped containers pruned", Verdict.ASK,
        why="`system prune` and `container prune` remove every stopped container with its "
            "writable layer: a container stopped for a moment (a database being upgraded) "
            "loses whatever it kept outside a volume.",
        instead="Remove the containers you mean by name (`docker rm NAME`); `docker ps -a -f "
                "status=exited` lists them.",
        bad=["docker system prune", "docker system prune -a -f", "docker container prune -f",
             "podman container prune"],
        good=["docker image prune -a -f", "docker network prune -f", "docker builder prune",
              "docker ps -a -f status=exited"],
    ),
    Rule(
        "CTR006", "Swarm stack or service removed", Verdict.ASK,
        why="`stack rm` stops and removes every service of a stack, `service rm` one service: "
            "what they served stops at once on every node of the swarm, and their "
            "configuration goes with them. A manager that leaves with `swarm leave --force` "
            "can take the swarm's state with it.",
        instead="Scale the service down (`docker service scale NAME=0`) or let the user "
                "remove it; `docker stack services NAME` lists what would stop.",
        bad=["docker stack rm prod", "docker service rm web", "docker --context prod stack rm "
             "app", "docker service remove api worker", "docker swarm leave --force",
             "docker stack deploy --prune -c stack.yml app"],
        good=["docker stack ls", "docker stack services prod", "docker service ls",
              "docker service logs web", "docker stack deploy -c stack.yml app",
              "docker swarm leave"],
    ),
]

PROGRAMS = frozenset({"docker", "podman", "nerdctl", "docker-compose", "podman-compose"})

_COMPOSE_VALUED = frozenset(
    """-f --file -p --project-name --project-directory --env-file --profile --ansi
    --parallel --progress""".split()
)


def _opts(words: list[str]) -> set[str]:
    """Option letters and long names used (clusters split): ``-fv`` -> {-f, -v}."""
    out: set[str] = set()
    for t in words:
        if t == "--":
            break
        if t.startswith("--"):
            out.add(t.split("=", 1)[0])
            if "=" in t and t.split("=", 1)[1].lower() == "false":
                out.discard(t.split("=", 1)[0])
        elif t.startswith("-") and len(t) > 1:
            out.update("-" + c for c in t[1:])
    return out


def _operands(words: list[str]) -> list[str]:
    return [w for w in words if not w.startswith("-")]


def _where(before: list[str]) -> str:
    for i, t in enumerate(before):
        for key in ("--context", "-c", "--host", "-H", "--connection", "--url"):
            if t == key and i + 1 < len(before):
                return f" on {before[i + 1]}"
            if t.startswith(key + "="):
                return f" on {t.split('=', 1)[1]}"
    return ""


def _compose(tool: str, words: list[str], where: str, via: str) -> list[Finding]:
    sub, _, rest = _split(words, _COMPOSE_VALUED)
    opts = _opts(rest)
    if "--help" in opts or "--dry-run" in opts:
        return []
    shown = f"{tool} {sub}"
    if sub == "down" and opts & {"-v", "--volumes"}:
        return [Finding("CTR003", f"`{shown} -v`{where}{via} would delete the stack's volumes "
                        "(named and anonymous) and the data in them")]
    if sub == "rm":
        if opts & {"-v", "--volumes"}:
            return [Finding("CTR003", f"`{shown} -v`{where}{via} would delete the services' "
                            "anonymous volumes")]
        if opts & {"-s", "--stop"}:
            return [Finding("CTR004", f"`{shown} --stop`{where}{via} would stop and remove "
                            "the services' containers")]
    return []


#: ``run`` options that take a value (the image is the first word that is not one of them)
_RUN_VALUED = CONTAINER_RUN_VALUED
_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh", "busybox"})


#: where a named volume is placed when the container's command is judged: a path outside
#: every project that the filesystem rules treat as an ordinary folder outside the project
_VOLUME_HOME = "/srv/.container-volumes"


def _volume_path(name: str) -> str:
    return f"{_VOLUME_HOME}/{name.replace('/', '_')}"


def _mounts(words: list[str], ctx: Context, cwd: str | None, *,
            readonly: bool = False,
            volumes: list[tuple[str, str]] | None = None) -> tuple[list[tuple[str, str]], str, int]:
    """The read-write bind mounts of a ``run`` (host path, container path; with ``readonly``
    the read-only ones too), the working directory, and where the image name stands in
    ``words``. Named volumes mounted read-write (``-v NAME:/d``, ``--mount
    type=volume,src=NAME``, every volume of ``--volumes-from CONTAINER``) are added to
    ``volumes`` as (name, container path), when it is given."""
    mounts: list[tuple[str, str]] = []
    workdir = ""
    i = 0
    while i < len(words):
        t = words[i]
        if t == "--" or not t.startswith("-") or t == "-":
            break
        name, eq, val = t.partition("=")
        i += 1
        if not t.startswith("--") and len(t) > 2 and ("-" + t[-1]) in _RUN_VALUED and not eq:
            name = "-" + t[-1]  # a cluster ending in a valued option: -itv SRC:DST
        if name in _RUN_VALUED and not eq:
            val = words[i] if i < len(words) else ""
            i += 1
        elif name not in _RUN_VALUED:
            continue
        if name in ("-v", "--volume"):
            parts = val.split(":")
            ro = len(parts) > 2 and "ro" in parts[2].split(",")
            if len(parts) >= 2 and parts[0][:1] in ("/", "~", ".", "$"):
                if readonly or not ro:
                    mounts.append((parts[0], parts[1]))
            elif len(parts) >= 2 and parts[0] and volumes is not None and not ro:
                volumes.append((parts[0], parts[1]))
        elif name == "--mount":
            fields = dict(f.partition("=")[::2] for f in val.split(","))
            kind = fields.get("type", "volume")
            src = fields.get("source") or fields.get("src") or ""
            dst = fields.get("target") or fields.get("destination") or fields.get("dst") or ""
            ro = "readonly" in fields or "ro" in fields
            ro = ro and fields.get("readonly", fields.get("ro", "")) not in ("false", "0")
            if kind == "bind" and src and dst and (readonly or not ro):
                mounts.append((src, dst))
            elif kind == "volume" and src and dst and not ro and volumes is not None:
                volumes.append((src, dst))
        elif name == "--volumes-from" and volumes is not None:
            # every volume of that container, at the paths it uses there: any path may be one
            source, _, mode = val.partition(":")
            if "ro" not in mode.split(","):
                volumes.append((f"of container {source}", "/"))
        elif name in ("-w", "--workdir"):
            workdir = val
    resolved = []
    for src, dst in mounts:
        host = ctx.resolve(src, cwd)
        if host is not None and dst.startswith("/"):
            resolved.append((host, dst.rstrip("/") or "/"))
    return resolved, workdir, i


def _map(path: str, mounts: list[tuple[str, str]]) -> str | None:
    """The host path a container path names, through the longest matching mount."""
    best: tuple[str, str] | None = None
    for host, dst in mounts:
        if path == dst or path.startswith(dst.rstrip("/") + "/"):
            if best is None or len(dst) > len(best[1]):
                best = (host, dst)
    if best is None:
        return None
    host, dst = best
    rest = path[len(dst):].lstrip("/") if dst != "/" else path.lstrip("/")
    return host.rstrip("/") + "/" + rest if rest else host


def _run_on_mounts(inv: Invocation, name: str, ctx: Context) -> list[Finding]:
    """``docker run -v HOST:DST IMAGE CMD``: CMD judged as if run on the host paths it reaches.

    A container with a host folder mounted read-write deletes the host's files: ``docker run
    -v ~:/h alpine rm -rf /h`` is ``rm -rf ~``. The container's command (argv, or a shell's
    ``-c`` code) is analysed, each path under a mount point is mapped to the host path, and the
    commands that touch one are checked by the filesystem pack's rules.
    """
    words = [w.text for w in inv.args]
    start = words.index("run") + 1 if "run" in words else len(words)
    volumes: list[tuple[str, str]] = []
    mounts, workdir, k = _mounts(words[start:], ctx, inv.cwd, volumes=volumes)
    every, _, _ = _mounts(words[start:], ctx, inv.cwd, readonly=True)
    if not every and not volumes:
        return []
    rest = inv.args[start + k:]
    if rest and rest[0].text == "--":
        rest = rest[1:]
    if len(rest) < 2 or any(w.dynamic for w in rest[1:]):
        return []
    image, cmd = rest[0].text, rest[1:]
    if cmd[0].text.rsplit("/", 1)[-1] in _SHELLS and len(cmd) >= 3 and cmd[1].text == "-c":
        code = cmd[2].text
    else:
        import shlex

        code = " ".join(shlex.quote(w.text) for w in cmd)
    from railguard.rules.credentials import on_invocation as cred_on_invocation
    from railguard.rules.filesystem import on_action as fs_on_action
    from railguard.shell.analyze import Analyzer

    label = f"{name} run {image}"
    out: list[Finding] = []
    runs: dict[str | None, list[Invocation]] = {}

    def analysed(cwd: str | None) -> list[Invocation]:
        """The container's command analysed in ``cwd`` (once per folder)."""
        if cwd not in runs:
            runs[cwd] = Analyzer(ctx.paths).run(code, cwd).invocations
        return runs[cwd]

    # deletions and writes reach the host through the read-write mounts; reads (a credential
    # file printed by the container) through every mount
    for table, readers in ((mounts, False), (every, True)):
        cwd = _map(workdir, table) if workdir else None
        inner = analysed(cwd)
        mapped = _on_host(inner, table, cwd, (*inv.via, label), inv.source)
        if readers:
            for sub in mapped:
                out.extend(cred_on_invocation(sub, ctx))
        elif mapped:
            out.extend(fs_on_action(ctx.action, mapped, ctx))
    if volumes:
        out.extend(_volume_losses(code, analysed, volumes, mounts, workdir, label, inv, ctx))
    return out


def _volume_losses(code: str, analysed: Callable[[str | None], list[Invocation]],
                   volumes: list[tuple[str, str]], binds: list[tuple[str, str]],
                   workdir: str, label: str, inv: Invocation, ctx: Context) -> list[Finding]:
    """The container's command deletes or overwrites what a named volume holds: ``docker run
    -v pgdata:/d alpine rm -rf /d/*`` empties the volume as surely as ``docker volume rm``.

    Each volume is placed at a folder outside the project; the filesystem pack judges the
    commands that reach one there, and whatever it would stop becomes CTR001 for the volume.
    A path under a bind mount is the host's, judged by the bind-mount pass instead."""
    from railguard.rules.filesystem import on_action as fs_on_action

    table = [(_volume_path(name), dst.rstrip("/") or "/") for name, dst in volumes
             if dst.startswith("/")]
    if not table:
        return []
    cwd = _map(workdir, table) if workdir and _map(workdir, binds) is None else None
    inner = analysed(cwd)
    out: list[Finding] = []
    for name, dst in volumes:
        host = _volume_path(name)
        for sub in _on_host(inner, table, cwd, (*inv.via, label), inv.source, skip=binds):
            if not any(w.text == host or w.text.startswith(host + "/") or
                       w.text.partition("=")[2].startswith(host) for w in sub.argv) \
                    and sub.cwd != host and not (sub.cwd or "").startswith(host + "/"):
                continue
            if not list(fs_on_action(ctx.action, [sub], ctx)):
                continue
            what = f"volume {name}" if not name.startswith("of container ") else \
                f"the volumes {name} (--volumes-from)"
            shown = " ".join(code.split())
            if len(shown) > 120:
                shown = shown[:117] + "..."
            out.append(Finding("CTR001", f"`{label}` runs `{shown}`, which would delete or "
                               f"overwrite what {what} holds (mounted at {dst})",
                               subject=name))
            break
    return out


def _on_host(inner: list[Invocation], mounts: list[tuple[str, str]], cwd: str | None,
             via: tuple[str, ...], source: str,
             skip: list[tuple[str, str]] | None = None) -> list[Invocation]:
    """The container's invocations that reach a mount, with their paths as the host's (a path
    under one of the ``skip`` mounts is left as it is)."""
    from railguard.model import Invocation as Inv
    from railguard.model import Redirect, Word

    def place(path: str) -> str | None:
        if skip and _map(path, skip) is not None:
            return None
        return _map(path, mounts)

    mapped: list[Invocation] = []
    for sub in inner:
        argv = []
        hit = False
        for w in sub.argv:
            host = place(w.text) if w.text.startswith("/") and not w.dynamic else None
            if host is None and "=" in w.text and not w.dynamic:
                key, _, val = w.text.partition("=")  # dd of=/h/x
                mapped_val = place(val) if val.startswith("/") else None
                if mapped_val is not None:
                    argv.append(Word(f"{key}={mapped_val}", glob=w.glob))
                    hit = True
                    continue
            if host is not None:
                hit = True
                argv.append(Word(host, glob=w.glob))
            else:
                argv.append(w)
        redirects = []
        for r in sub.redirects:
            t = r.target
            host = place(t.text) if t is not None and t.text.startswith("/") and \
                not t.dynamic else None
            if host is not None:
                hit = True
                redirects.append(Redirect(r.op, Word(host, glob=t.glob), r.fd))  # type: ignore[union-attr]
            else:
                redirects.append(r)
        sub_cwd = sub.cwd
        if sub_cwd is not None and sub_cwd != cwd and sub_cwd.startswith("/"):
            # ``sh -c 'cd /data && rm -rf *'``: a folder the container's command moved into
            host_cwd = place(sub_cwd)
            if host_cwd is not None:
                sub_cwd = host_cwd
                hit = True
        if hit or (cwd is not None and sub_cwd == cwd):
            mapped.append(Inv(argv, cwd=sub_cwd, env=sub.env, redirects=redirects, via=via,
                              source=source, stdin_text=sub.stdin_text))
    return mapped


def on_invocation(inv: Invocation, ctx: Context) -> Iterable[Finding]:
    name = inv.name
    if name is None:
        return ()
    words = [w.text for w in inv.args]
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    if name in ("docker-compose", "podman-compose"):
        return _compose(name, words, "", via)
    sub, before, rest = _split(words, _GLOBAL_VALUED)
    where = _where(before)
    if sub == "compose":
        return _compose(f"{name} compose", rest, where, via)
    group = ""
    if sub in ("volume", "container", "system", "image", "machine", "network", "builder"):
        group = sub
        sub, _, rest = _split(rest, frozenset())
    if sub == "run" and group in ("", "container"):
        return _run_on_mounts(inv, name, ctx)
    opts = _opts(rest)
    if "--help" in opts:
        return ()
    targets = _operands(rest)
    shown = " ".join(x for x in (name, group, sub) if x)
    listed = ", ".join(targets[:4]) if targets and not any("$(" in t for t in targets) else ""
    if group == "volume" and sub in ("rm", "remove", "prune"):
        if sub == "prune":
            scope = "every unused volume" if "-a" in opts or "--all" in opts else \
                "every anonymous volume no container uses"
        elif "--all" in opts or "-a" in opts:
            scope = "every volume"
        else:
            scope = f"volume {listed}" if listed else "the listed volumes"
        return [Finding("CTR001", f"`{shown}`{where}{via} would delete {scope} and the data "
                        "in it", subject=listed)]
    if (group == "system" and sub == "prune") or (group == "" and sub == "system-prune"):
        if "--volumes" in opts:
            return [Finding("CTR002", f"`{shown} --volumes`{where}{via} would delete every "
                            "stopped container and every volume no running container uses")]
        images = "every unused image" if opts & {"-a", "--all"} else "dangling images"
        return [Finding("CTR005", f"`{shown}`{where}{via} would remove every stopped container "
                        f"(with its writable layer), unused networks and {images}")]
    if group == "system" and sub == "reset":
        return [Finding("CTR002", f"`{shown}`{where}{via} would delete every container, image "
                        "and volume")]
    if group == "machine" and sub in ("rm", "remove", "reset"):
        return [Finding("CTR002", f"`{shown}`{where}{via} would delete the machine and every "
                        "container, image and volume in it")]
    if group == "container" and sub == "prune":
        return [Finding("CTR005", f"`{shown}`{where}{via} would remove every stopped container "
                        "with its writable layer")]
    if (group in ("", "container") and sub in ("rm", "remove")) or \
            (group == "" and sub == "container-rm"):
        what = f"container {listed}" if listed else "the listed containers"
        if "-v" in opts or "--volumes" in opts:
            return [Finding("CTR001", f"`{shown} -v`{where}{via} would delete {what} and its "
                            "anonymous volumes with their data", subject=listed)]
        if "-f" in opts or "--force" in opts:
            return [Finding("CTR004", f"`{shown} -f`{where}{via} would kill and remove {what} "
                            "even if it is running", subject=listed)]
    if group == "" and sub in ("stack", "service") and rest[:1] in (["rm"], ["remove"], ["down"]):
        named = _operands(rest[1:])
        if "--help" in _opts(rest[1:]):
            return ()
        names = ", ".join(named[:4]) if named else f"the listed {sub}s"
        lost = "every service of stack" if sub == "stack" else "service"
        return [Finding("CTR006", f"`{name} {sub} {rest[0]}`{where}{via} would stop and remove "
                        f"{lost} {names}", subject=names)]
    if group == "" and sub == "stack" and rest[:1] in (["deploy"], ["up"]) and \
            "--prune" in _opts(rest[1:]):
        return [Finding("CTR006", f"`{name} stack {rest[0]} --prune`{where}{via} would remove "
                        "every service of the stack that the file no longer names")]
    if group == "" and sub == "swarm" and rest[:1] == ["leave"] and \
            _opts(rest[1:]) & {"-f", "--force"}:
        return [Finding("CTR006", f"`{name} swarm leave --force`{where}{via} would take this "
                        "node, and a manager's share of the swarm's state, out of the swarm")]
    if group == "" and sub == "pod" and rest[:1] in (["rm"], ["prune"]):
        popts = _opts(rest[1:])
        if popts & {"-f", "--force", "-a", "--all"} or rest[0] == "prune":
            return [Finding("CTR004", f"`{name} pod {rest[0]}`{where}{via} would kill and remove "
                            "pods with their containers")]
    return ()


__all__ = ["RULES", "on_invocation"]
