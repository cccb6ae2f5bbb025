"""SQL that is partly known only at run time, client commands that run programs wherever they
stand, and SQL sent through MCP servers under other keys and names. Verdicts only: nothing here
is run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import decide

from railguard.config import Config
from railguard.engine import evaluate
from railguard.model import Action


@pytest.fixture
def sqlproj(project: Path) -> Path:
    (project / "setup.sql").write_text("DROP TABLE users;\n")
    (project / "ok.sql").write_text("SELECT 1;\n")
    (project / "cmd.txt").write_text("FLUSHALL\n")
    return project


@pytest.mark.parametrize(("command", "expected", "rule"), [
    # a part known only at run time where a statement begins may be whole statements
    ('psql -c "SELECT 1; $(cat setup.sql)"', "deny", "DB001"),  # the file is read
    ('psql -c "SELECT 1; $(cat ok.sql)"', "allow", None),
    ('psql -c "SELECT 1; $EXTRA"', "ask", "DB005"),
    ('mysql -e "SELECT 1; $EXTRA"', "ask", "DB005"),
    ("xargs -a setup.sql psql -c", "ask", "DB005"),
    ("parallel psql -c {} :::: setup.sql", "ask", "DB005"),
    ('psql -c "SELECT * FROM t WHERE id = $ID"', "allow", None),  # a value, not a statement
    ('redis-cli "$CMD"', "ask", "DB005"),
    ("redis-cli $(cat cmd.txt)", "deny", "DB007"),
    ('redis-cli GET "$KEY"', "allow", None),
    # client commands that run programs, wherever they stand on a line
    ("psql -c 'select 1;\\! rm -rf ~'", "deny", "FS001"),
    ("psql -c '\\o |rm -rf ~'", "deny", "FS001"),
    ("psql -c 'select 1 \\g |sh'", "ask", "DB005"),
    ("psql -c \"\\copy (select 1) to program 'rm -rf ~'\"", "deny", "FS001"),
    ("psql -c \"COPY (SELECT 1) TO PROGRAM 'rm -rf ~'\"", "deny", "FS001"),
    ("sqlite3 app.db '.output |rm -rf ~' 'select 1;'", "deny", "FS001"),
    ("sqlite3 app.db '.once |rm -rf ~'", "deny", "FS001"),
    ("sqlite3 app.db '.load ./evil'", "ask", "DB005"),
    ("mysql -e 'select 1; \\! rm -rf ~'", "deny", "FS001"),
    # ordinary client use
    ("psql -c '\\dt'", "allow", None),
    ("psql -c \"SELECT '\\! only text'\"", "allow", None),
    ("sqlite3 app.db '.tables'", "allow", None),
])
def test_sql_clients(command: str, expected: str, rule: str | None, sqlproj: Path) -> None:
    d = decide(command, sqlproj)
    assert d.verdict.label == expected, (command, d.rule_ids)
    if rule is not None:
        assert rule in d.rule_ids, (command, d.rule_ids)


def mcp(tool: str, args: dict[str, Any], where: Path) -> tuple[str, list[str]]:
    d = evaluate(Action("mcp", tool, args=args, cwd=str(where), project_dir=str(where)),
                 Config())
    return d.verdict.label, d.rule_ids


@pytest.mark.parametrize(("tool", "args", "expected", "rule"), [
    ("mcp__neon__run_sql_transaction", {"sqlStatements": ["SELECT 1", "DROP TABLE users"]},
     "deny", "DB001"),
    ("mcp__db__execute", {"statement": "TRUNCATE orders"}, "deny", "DB002"),
    ("mcp__postgres__query", {"params": {"sql": "DROP TABLE users"}}, "deny", "DB001"),
    ("mcp__supabase__execute_sql", {"query": ";DROP TABLE users"}, "deny", "DB001"),
    ("mcp__supabase__execute_sql", {"query": "COMMIT; DROP TABLE users"}, "deny", "DB001"),
    ("mcp__supabase__execute_sql", {"query": "SELECT count(*) FROM users"}, "allow", None),
    ("mcp__supabase__search_docs", {"query": "how to delete rows"}, "allow", None),
    ("mcp__mongodb__drop-collection", {"database": "shop", "collection": "users"}, "deny",
     "DB006"),
    ("mcp__mongodb__delete-many", {"database": "shop", "collection": "users", "filter": {}},
     "deny", "DB006"),
    ("mcp__mongodb__delete-many", {"database": "shop", "collection": "users",
                                   "filter": {"_id": 42}}, "allow", None),
    ("mcp__redis__flushall", {}, "deny", "DB007"),
])
def test_sql_through_mcp_servers(tool: str, args: dict[str, Any], expected: str,
                                 rule: str | None, project: Path) -> None:
    got, ids = mcp(tool, args, project)
    assert got == expected, (tool, args, ids)
    if rule is not None:
        assert rule in ids, ids


# -- framework consoles and more migration tools -------------------------------------------------

FRAMEWORK_FLAGGED = [
    # Laravel: fresh and wipe drop every table; reset and refresh roll every migration back,
    # rollback the last batch (--force only skips the production prompt)
    ("php artisan migrate:fresh", "DB015"),
    ("php artisan migrate:fresh --seed --force", "DB015"),
    ("php artisan db:wipe", "DB015"),
    ("php artisan db:wipe --drop-views --force", "DB015"),
    ("php artisan migrate:reset", "DB014"),
    ("php artisan migrate:refresh --seed", "DB014"),
    ("php artisan migrate:rollback", "DB014"),
    ("php artisan migrate:rollback --step=2 --force", "DB014"),
    ("./artisan migrate:fresh", "DB015"),
    ("sail artisan migrate:fresh", "DB015"),
    ("./vendor/bin/sail artisan db:wipe", "DB015"),
    ("sail art migrate:refresh", "DB014"),
    ("sail php artisan migrate:fresh", "DB015"),
    ("php artisan --env=production migrate:fresh", "DB015"),
    ("php artisan --env production migrate:rollback --force", "DB014"),
    ("php -d memory_limit=-1 artisan migrate:fresh", "DB015"),
    ("php8.3 artisan migrate:fresh", "DB015"),
    ("php -f artisan -- migrate:fresh", "DB015"),
    ("APP_ENV=production php artisan db:wipe --force", "DB015"),
    ("docker compose exec app php artisan migrate:fresh", "DB015"),
    # Symfony finds a command from an abbreviation of each part, in any case
    ("php artisan migrate:fr", "DB015"),
    ("php artisan m:fresh", "DB015"),
    ("php artisan MIGRATE:FRESH", "DB015"),
    # Symfony and Doctrine
    ("php bin/console doctrine:database:drop --force", "DB015"),
    ("bin/console d:d:d --force", "DB015"),
    ("bin/console d:d:d -nf", "DB015"),
    ("symfony console doctrine:schema:drop --force --full-database", "DB015"),
    ("vendor/bin/doctrine orm:schema-tool:drop --force", "DB015"),
    ("php bin/console doctrine:schema:update --force", "DB010"),
    ("php bin/console d:s:u --force --dump-sql", "DB010"),
    ("php bin/console doctrine:migrations:migrate first -n", "DB014"),
    ("php bin/console doctrine:migrations:migrate prev", "DB014"),
    ("php bin/console d:m:m current-2", "DB014"),
    ("php bin/console doctrine:migrations:execute 'App\\Version1' --down", "DB014"),
    ("vendor/bin/doctrine-migrations migrate first", "DB014"),
    # Phinx, CakePHP, Yii
    ("vendor/bin/phinx rollback -e development", "DB014"),
    ("vendor/bin/phinx rollback -t 0", "DB014"),
    ("bin/cake migrations rollback", "DB014"),
    ("./yii migrate/fresh --interactive=0", "DB015"),
    ("./yii migrate/down all", "DB014"),
    ("php yii migrate/redo", "DB014"),
    # Elixir: Ecto and Ash through mix
    ("mix ecto.drop", "DB015"),
    ("mix ecto.reset", "DB015"),
    ("MIX_ENV=prod mix ecto.drop", "DB015"),
    ("mix do ecto.drop, ecto.create", "DB015"),
    ("mix do ecto.drop + ecto.create", "DB015"),
    ("mix ecto.rollback", "DB014"),
    ("mix ecto.rollback --all", "DB014"),
    ("mix ecto.rollback --to 20240101000000", "DB014"),
    ("mix ecto.rollback -n 3", "DB014"),
    ("mix ash.reset", "DB015"),
    ("mix ash_postgres.drop", "DB015"),
    ("mix ash_postgres.rollback", "DB014"),
    # .NET
    ("dotnet ef database drop", "DB015"),
    ("dotnet ef database drop -f", "DB015"),
    ("dotnet ef database drop --force --context AppDbContext", "DB015"),
    ("dotnet-ef database drop -f", "DB015"),
    ("dotnet tool run dotnet-ef database drop --force", "DB015"),
    ("dotnet ef database update 0", "DB014"),
    ("dotnet ef database update 0 --connection 'Server=x'", "DB014"),
    ("dotnet ef migrations remove --force", "DB014"),
    ("dotnet ef migrations remove -f", "DB014"),
    # golang-migrate, node-migrate, sql-migrate, cargo sqlx
    ("migrate -path db/migrations -database \"$DB\" drop -f", "DB015"),
    ("migrate -source file://migrations -database postgres://db/app drop", "DB015"),
    ("migrate -path db -database \"$DB\" down", "DB014"),
    ("migrate -path db -database \"$DB\" down 2", "DB014"),
    ("migrate -path=db -database=\"$DB\" down -all", "DB014"),
    ("sql-migrate down", "DB014"),
    ("sql-migrate redo -env=production", "DB014"),
    ("npx node-pg-migrate down", "DB014"),
    ("npx node-pg-migrate redo 2", "DB014"),
    ("npx db-migrate down -c 2", "DB014"),
    ("npx db-migrate reset --env production", "DB014"),
    ("npx db-migrate db:drop app", "DB015"),
    ("npx migrate-mongo down", "DB014"),
    ("cargo sqlx database drop -y", "DB015"),
    ("cargo sqlx db reset", "DB015"),
    ("cargo sqlx migrate revert", "DB014"),
    # SeaORM, MikroORM, Sqitch, Payload, Sequel, Hasura
    ("sea-orm-cli migrate fresh", "DB015"),
    ("sea-orm-cli migrate refresh", "DB014"),
    ("sea-orm-cli migrate reset", "DB014"),
    ("sea-orm-cli migrate down -n 2", "DB014"),
    ("npx mikro-orm schema:drop --run", "DB015"),
    ("npx mikro-orm schema:fresh -r", "DB015"),
    ("npx mikro-orm migration:fresh", "DB015"),
    ("npx mikro-orm migration:down", "DB014"),
    ("npx mikro-orm schema:update --run", "DB010"),
    ("sqitch revert -y", "DB014"),
    ("sqitch revert --to @HEAD^ -y", "DB014"),
    ("sqitch rebase -y", "DB014"),
    ("npx payload migrate:fresh", "DB015"),
    ("npx payload migrate:down", "DB014"),
    ("npx payload migrate:reset", "DB014"),
    ("sequel -m db/migrations -M 0 postgres://localhost/app", "DB014"),
    ("hasura migrate apply --down all", "DB014"),
    ("hasura migrate apply --version 1550925483858 --type down", "DB014"),
    # Rails, sequelize, typeorm, supabase rollbacks
    ("rails db:rollback", "DB014"),
    ("bin/rails db:rollback STEP=3", "DB014"),
    ("rails db:migrate:down VERSION=20240101000000", "DB014"),
    ("rails db:migrate:redo", "DB014"),
    ("rails db:rollback:primary", "DB014"),
    ("bundle exec rake db:rollback", "DB014"),
    ("rails db:drop:primary", "DB012"),
    ("npx sequelize-cli db:migrate:undo", "DB014"),
    ("npx sequelize-cli db:seed:undo", "DB014"),
    ("npx typeorm migration:revert -d src/data-source.ts", "DB014"),
    ("npx typeorm schema:sync -d src/data-source.ts", "DB010"),
    ("supabase migration down", "DB011"),
    ("supabase migration down --last 2 --linked", "DB011"),
]


@pytest.mark.parametrize(("command", "rule"), FRAMEWORK_FLAGGED)
def test_framework_commands_that_lose_data(command: str, rule: str, project: Path) -> None:
    d = decide(command, project)
    assert rule in d.rule_ids, (command, d.rule_ids)
    assert d.verdict.label == "deny", (command, d.rule_ids)


FRAMEWORK_PASSING = [
    "php artisan migrate", "php artisan migrate --force", "php artisan migrate --seed",
    "php artisan migrate:status", "php artisan migrate:install",
    "php artisan migrate:rollback --pretend", "php artisan migrate:reset --pretend",
    "php artisan --pretend migrate:rollback", "php artisan migrate:fresh --help",
    "php artisan migrate:fresh -h", "php artisan help migrate:fresh", "php artisan list",
    "php artisan db:seed", "php artisan db:show", "php artisan make:migration add_users",
    "php artisan test", "php artisan tinker", "php artisan migrate:", "php artisan db",
    "php -r 'echo 1;'", "php -l app/Models/User.php", "php vendor/bin/phpunit",
    "php artisan migrate -- --pretend migrate:fresh",
    "sail up -d", "sail artisan migrate", "sail php artisan migrate:status", "sail test",
    "php bin/console doctrine:database:drop", "php bin/console doctrine:database:create",
    "php bin/console doctrine:schema:drop --dump-sql",
    "php bin/console doctrine:schema:drop --force --dump-sql",
    "php bin/console doctrine:schema:update --dump-sql",
    "php bin/console doctrine:schema:validate",
    "php bin/console doctrine:migrations:migrate",
    "php bin/console doctrine:migrations:migrate latest -n",
    "php bin/console doctrine:migrations:migrate prev --dry-run",
    "php bin/console doctrine:migrations:migrate first --write-sql=down.sql",
    "php bin/console doctrine:migrations:execute 'App\\Version1' --up",
    "php bin/console doctrine:migrations:execute 'App\\Version1' --down --dry-run",
    "php bin/console doctrine:migrations:diff", "php bin/console cache:clear",
    "bin/console debug:router", "symfony console doctrine:migrations:status",
    "symfony server:start",
    "vendor/bin/phinx migrate", "vendor/bin/phinx rollback --dry-run",
    "vendor/bin/phinx status", "bin/cake migrations migrate", "bin/cake migrations status",
    "./yii migrate", "./yii migrate/up", "./yii migrate/history", "./yii help migrate/down",
    "mix ecto.migrate", "mix ecto.migrations", "mix ecto.create", "mix ecto.setup",
    "mix ecto.gen.migration add_users", "mix test", "mix help ecto.drop",
    "mix ecto.drop --help", "mix phx.server", "mix deps.get",
    "dotnet ef database update", "dotnet ef database update AddUsers",
    "dotnet ef database drop --dry-run", "dotnet ef database drop --help",
    "dotnet ef migrations add Init", "dotnet ef migrations remove",
    "dotnet ef migrations remove --force --dry-run", "dotnet ef migrations list",
    "dotnet ef migrations script 0 Init", "dotnet ef dbcontext info", "dotnet build",
    "dotnet test", "dotnet run -- database drop",
    "migrate -path db -database \"$DB\" up", "migrate -path db -database \"$DB\" up 1",
    "migrate create -ext sql -dir db add_users", "migrate -path db -database \"$DB\" version",
    "migrate -help", "sql-migrate up", "sql-migrate down -dryrun", "sql-migrate status",
    "npx node-pg-migrate up", "npx node-pg-migrate create add-users",
    "npx node-pg-migrate down --dry-run", "npx db-migrate up", "npx db-migrate db:create app",
    "npx db-migrate reset --dry-run", "npx migrate-mongo up", "npx migrate-mongo status",
    "cargo sqlx migrate run", "cargo sqlx prepare", "cargo build", "cargo test",
    "cargo run -- drop",
    "sea-orm-cli migrate", "sea-orm-cli migrate up", "sea-orm-cli migrate status",
    "sea-orm-cli generate entity -o src/entities",
    "npx mikro-orm schema:drop --dump", "npx mikro-orm schema:update --run --safe",
    "npx mikro-orm schema:update --dump", "npx mikro-orm migration:up",
    "npx mikro-orm migration:create",
    "sqitch deploy", "sqitch status", "sqitch revert --log-only", "sqitch verify",
    "npx payload migrate", "npx payload migrate:status", "npx payload migrate:create",
    "sequel -m db/migrations postgres://localhost/app",
    "sequel -m db/migrations -M 5 postgres://localhost/app",
    "hasura migrate apply", "hasura migrate apply --down all --dry-run",
    "hasura migrate status", "hasura console",
    "rails db:migrate", "rails db:migrate:status", "rails db:create:primary",
    "rails db:migrate:primary",
    "npx typeorm migration:revert --fake -d src/data-source.ts",
    "npx typeorm schema:log -d src/data-source.ts",
    "supabase migration up", "supabase migration list", "supabase migration new add_users",
    "grep -rn 'migrate:fresh' app/", "echo php artisan migrate:fresh",
]


@pytest.mark.parametrize("command", FRAMEWORK_PASSING)
def test_framework_look_alikes_pass(command: str, project: Path) -> None:
    d = decide(command, project)
    assert [i for i in d.rule_ids if i.startswith("DB")] == [], (command, d.rule_ids)


@pytest.mark.parametrize(("command", "words"), [
    ("php artisan --env=production migrate:fresh --force",
     ("migrate:fresh", "environment production", "every row is lost")),
    ("php artisan migrate:fr", ("runs migrate:fresh",)),
    ("bin/console d:d:d --force", ("runs doctrine:database:drop", "drops the database")),
    ("php artisan migrate:rollback", ("last batch", "dropping the tables")),
    ("php artisan migrate:reset", ("every migration",)),
    ("MIX_ENV=prod mix ecto.drop", ("MIX_ENV=prod", "every row is lost")),
    ("mix ecto.rollback --all", ("every migration",)),
    ("mix ecto.rollback -n 3", ("the last 3 migrations",)),
    ("dotnet ef database update 0", ("reverts every migration",)),
    ("dotnet ef migrations remove --force", ("when it is applied",)),
    ("migrate -path db -database \"$DB\" drop -f", ("every table",)),
    ("bin/rails db:rollback STEP=3", ("the last 3 migrations",)),
    ("supabase migration down --last 2 --linked", ("linked remote project", "last 2")),
])
def test_framework_messages_name_what_is_lost(command: str, words: tuple[str, ...],
                                              project: Path) -> None:
    d = decide(command, project)
    text = " ".join(f.message for f in d.findings if f.rule_id.startswith("DB"))
    for w in words:
        assert w in text, (command, text)


def test_hasura_admin_secret_stays_out_of_the_message(project: Path) -> None:
    d = decide("hasura migrate apply --down all --admin-secret s3cr3t-adm1n", project)
    assert "DB014" in d.rule_ids
    assert all("s3cr3t-adm1n" not in f.message for f in d.findings)


def test_console_abbreviations_resolve_the_way_symfony_does() -> None:
    from railguard.rules import database as D

    assert D._console_name("d:d:d", D._CONSOLE) == "doctrine:database:drop"
    assert D._console_name("D:S:U", D._CONSOLE) == "doctrine:schema:update"
    assert D._console_name("migrate:fresh", D._CONSOLE) == "migrate:fresh"
    assert D._console_name("m:fr", D._CONSOLE) == "migrate:fresh"
    # an exact other command, a different number of parts, an empty part: not these
    for word in ("migrate", "migrate:status", "db:seed", "mig", "migrate:", "d:d", "x:fresh"):
        assert D._console_name(word, D._CONSOLE) is None, word
