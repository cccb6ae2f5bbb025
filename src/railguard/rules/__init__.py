"""The rule registry: a literal table of packs, no plugin discovery (that costs start-up time).

The hook is a new process on every tool call, so a pack's module is imported only when a call
needs it: ``git status`` never loads the cloud or Kubernetes rules. The table below says what
wakes each pack up; ``tests/test_registry.py`` checks it against the packs themselves.

To add a pack: write ``rules/<pack>.py`` with ``RULES`` and ``on_invocation``/``on_action``,
then add a row to ``PACK_TABLE`` and its rule-id prefix to ``PREFIXES``.
``docs/architecture.md`` has the details.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType

    from railguard.model import Action, Invocation
    from railguard.rules.base import Rule


class PackInfo:
    """When a pack is needed.

    ``programs``: the program names whose invocations the pack checks (None: every
    invocation). ``kinds``: the action kinds it checks as a whole with ``on_action`` ("shell"
    meaning every shell call). ``words``: text that, found in a shell command, loads the pack
    even when no listed program runs (an exported variable, say); a pack with words checks a
    file write or edit only when the text written holds one of them.
    """

    __slots__ = ("kinds", "module", "programs", "words")

    def __init__(self, module: str, programs: frozenset[str] | None,
                 kinds: frozenset[str] = frozenset(), words: tuple[str, ...] = ()) -> None:
        self.module = module
        self.programs = programs
        self.kinds = kinds
        self.words = words


def _f(*items: str) -> frozenset[str]:
    return frozenset(items)


PACK_TABLE: dict[str, PackInfo] = {
    "shell": PackInfo("railguard.rules.shell", None),
    "filesystem": PackInfo("railguard.rules.filesystem", _f(), _f("shell", "write")),
    "git": PackInfo("railguard.rules.git", _f("git", "patch")),
    "credentials": PackInfo("railguard.rules.credentials", None,
                            _f("shell", "read", "search", "write", "edit", "fetch")),
    "network": PackInfo("railguard.rules.network",
                        _f("curl", "wget", "http", "https", "xh", "xhs", "httpie"), _f("fetch")),
    "publish": PackInfo("railguard.rules.publish", _f(
        "npm", "pnpm", "yarn", "twine", "cargo", "poetry", "uv", "gem", "flit", "hatch", "gh",
        "docker", "podman", "nerdctl", "buildah", "skopeo", "python", "python3", "bun", "deno",
        "jsr", "dotnet", "mvn", "vsce", "ovsx", "lerna", "changeset", "pdm", "rye", "maturin",
        "gradle", "gradlew", "mvnw", "sbt", "nuget", "dart", "flutter", "mix", "pod",
        "goreleaser", "semantic-release", "release-it", "glab", "helm")),
    "self_protection": PackInfo("railguard.rules.self_protection", None, _f("write", "edit")),
    "tfstate": PackInfo("railguard.rules.tfstate", None, _f("shell", "write", "edit")),
    "iac": PackInfo("railguard.rules.iac", _f(
        "atmos", "aws", "aws-cdk", "cdk", "cdklocal", "cdktf", "opentofu", "pulumi", "sam",
        "serverless", "sls", "terraform", "terragrunt", "tofu", "sst", "amplify", "copilot",
        "eb")),
    "cloud": PackInfo("railguard.rules.cloud", _f(
        "aws", "az", "bq", "gcloud", "gsutil", "eksctl", "heroku", "fly", "flyctl", "rclone",
        "s3cmd", "mc", "mcli", "firebase", "doctl", "wrangler", "railway", "vercel", "netlify",
        "vault", "s5cmd", "azcopy", "supabase", "stripe")),
    "kubernetes": PackInfo("railguard.rules.kubernetes",
                           _f("helm", "helmfile", "kubecolor", "kubectl", "oc", "argocd",
                              "flux", "kapp", "kind", "k3d", "minikube")),
    "containers": PackInfo("railguard.rules.containers",
                           _f("docker", "docker-compose", "nerdctl", "podman", "podman-compose")),
    "database": PackInfo("railguard.rules.database", _f(
        "alembic", "atlas", "aws", "bq", "bun", "clickhouse", "clickhouse-client", "cockroach",
        "dbt", "django-admin", "drizzle-kit", "dropdb", "duckdb", "flask", "flyway", "gradle",
        "gradlew", "keydb-cli", "knex", "liquibase", "manage.py", "mariadb", "mariadb-admin",
        "mongo", "mongorestore", "mongosh", "mvn", "mvnw", "mysql", "mysqladmin", "pg_restore",
        "pnpm", "prisma", "psql", "python", "python3", "rails", "rake", "redis-cli",
        "sequelize", "sequelize-cli", "snow", "snowsql", "sqlcmd", "sqlite", "sqlite3",
        "supabase", "typeorm", "typeorm-ts-node-commonjs", "typeorm-ts-node-esm", "valkey-cli",
        "yarn", "mycli", "pgcli", "litecli", "usql", "cqlsh", "wrangler", "etcdctl", "consul",
        "diesel", "sqlx", "dbmate", "goose", "php", "artisan", "sail", "console", "symfony",
        "doctrine", "doctrine-migrations", "phinx", "cake", "yii", "mix", "dotnet", "dotnet-ef",
        "migrate", "sql-migrate", "sea-orm-cli", "mikro-orm", "mikro-orm-esm", "sqitch",
        "payload", "sequel", "hasura", "cargo", "node-pg-migrate", "db-migrate",
        "migrate-mongo"),
        _f("mcp", "write", "edit"),
        ("PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION", "DISABLE_DATABASE_ENVIRONMENT_CHECK")),
    "secrets": PackInfo("railguard.rules.secrets_pack", _f(), _f("shell", "write", "edit")),
    "policy": PackInfo("railguard.rules.policy_rules", _f()),
}

#: rule-id prefix -> pack
PREFIXES: dict[str, str] = {
    "SH": "shell", "FS": "filesystem", "GIT": "git", "CRED": "credentials", "NET": "network",
    "PUB": "publish", "SELF": "self_protection", "TFS": "tfstate", "IAC": "iac",
    "CLOUD": "cloud", "K8S": "kubernetes", "CTR": "containers", "DB": "database",
    "SEC": "secrets", "POL": "policy",
}

_loaded: dict[str, ModuleType] = {}
_all_rules: dict[str, Rule] | None = None


def pack(name: str) -> ModuleType:
    """The module of a pack, imported on first use."""
    mod = _loaded.get(name)
    if mod is None:
        # ``__import__`` rather than importlib, whose import costs the hook ~0.5 ms
        __import__(PACK_TABLE[name].module)
        mod = sys.modules[PACK_TABLE[name].module]
        for r in mod.RULES:
            r.pack = name
        _loaded[name] = mod
    return mod


def _program_keys(name: str) -> list[str]:
    """``name`` and its unversioned spellings: python3.12, mkfs.ext4, terraform-1.11."""
    keys = [name]
    for sep in (".", "-"):
        if sep in name:
            keys.append(name.split(sep, 1)[0])
    stripped = name.rstrip("0123456789.")
    if stripped and stripped != name:
        keys.append(stripped)
    return keys


def wants(name: str, program: str | None) -> bool:
    """Does pack ``name`` check invocations of ``program`` (None: a computed name)?"""
    programs = PACK_TABLE[name].programs
    if programs is None:
        return True
    if program is None:
        return False
    return any(k in programs for k in _program_keys(program))


def packs_for_action(action: Action, invocations: list[Invocation]) -> list[str]:
    """The packs a call needs, in table order."""
    kind = action.kind
    names = {inv.name for inv in invocations}
    command = (action.command or "") if kind == "shell" else ""
    out = []
    for name, info in PACK_TABLE.items():
        if kind in ("write", "edit") and info.words and kind in info.kinds:
            text = action.content or ""
            if any(w in text for w in info.words):
                out.append(name)
            continue
        if kind in info.kinds or (kind == "shell" and (
            info.programs is None
            or any(wants(name, n) for n in names)
            or any(w in command for w in info.words)
        )):
            out.append(name)
    return out


def rule(rule_id: str) -> Rule | None:
    """One rule by id, importing only its pack."""
    name = PREFIXES.get(rule_id.rstrip("0123456789"))
    if name is None:
        return None
    for r in pack(name).RULES:
        if r.id == rule_id:
            found: Rule = r
            return found
    return None


def all_rules() -> dict[str, Rule]:
    """Every rule of every pack (imports them all: for listings, docs and tests)."""
    global _all_rules
    if _all_rules is None:
        out: dict[str, Rule] = {}
        for name in PACK_TABLE:
            for r in pack(name).RULES:
                if r.id in out:
                    raise RuntimeError(f"duplicate rule id {r.id}")
                out[r.id] = r
        _all_rules = out
    return _all_rules


def all_packs() -> dict[str, ModuleType]:
    return {name: pack(name) for name in PACK_TABLE}


def __getattr__(attr: str) -> object:
    # ``from railguard.rules import ALL_RULES`` keeps working, loading every pack on demand
    if attr == "ALL_RULES":
        return all_rules()
    if attr == "PACKS":
        return all_packs()
    raise AttributeError(f"module {__name__!r} has no attribute {attr!r}")
