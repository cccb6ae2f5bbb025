"""The database pack: SQL that destroys rows or tables, and the tools that drop or reset databases.

SQL is judged by a real parser (sqlglot, in :mod:`railguard.sql`), wherever it reaches a
client: ``psql -c/-f``, heredocs, herestrings, ``<`` redirects, ``echo ... |`` pipes,
``mysql -e``, ``sqlite3 DB "SQL"``, ``clickhouse-client --query``, ``cockroach sql -e``,
``duckdb``, ``sqlcmd -Q``, ``prisma db execute``, ``supabase db shell -- -c``, ``snow sql -q``,
``snowsql -q``, ``mycli``/``pgcli``/``litecli``, ``usql -c``, ``cqlsh -e``, ``wrangler d1
execute``, ``bq query``, the cloud SQL APIs (``aws athena start-query-execution``,
``aws redshift-data execute-statement``, ``aws rds-data execute-statement``), and MCP tools
with a ``sql``/``query`` argument. The parser is loaded only when the SQL names a statement that can destroy data
(:func:`risky`, a keyword scan): a SELECT, an INSERT or a call without SQL never pays for it.

Beside SQL: MongoDB shells, redis-cli (and the Redis-compatible keydb-cli, valkey-cli),
dropdb/mysqladmin/pg_restore/mongorestore, and the ORM and migration tools whose commands drop,
reset or roll back a database (prisma, drizzle-kit, supabase, rails, django, alembic, knex,
sequelize, typeorm, atlas, dbt, flyway, liquibase, diesel, sqlx, dbmate, goose; Laravel's
artisan and Sail, Symfony and Doctrine consoles with their command abbreviations, Phinx,
CakePHP, Yii; Ecto and Ash through mix; dotnet ef; golang-migrate, sql-migrate,
node-pg-migrate, db-migrate, migrate-mongo, SeaORM, MikroORM, Sqitch, Payload, Sequel, Hasura),
etcd and Consul key deletes by prefix, and the environment variables that switch off those
tools' own safeguards.
"""

from __future__ import annotations

import os

from railguard.model import Finding, Invocation, Verdict, Word
from railguard.rules.base import Example, Rule
from railguard.shell.options import OptSpec
from railguard.shell.options import parse as parse_opts

TYPE_CHECKING = False
if not TYPE_CHECKING:
    from railguard.lazyre import re
if TYPE_CHECKING:
    import re
    from collections.abc import Iterable

    from railguard.model import Action
    from railguard.rules.base import Context

MAX_SQL_FILE_BYTES = 1024 * 1024
MAX_INCLUDE_DEPTH = 4

RULES = [
    Rule(
        "DB001", "SQL DROP", Verdict.DENY,
        why="DROP TABLE/DATABASE/SCHEMA deletes the object with every row in it (DROP INDEX or "
            "VIEW loses its definition); `IF EXISTS` only silences the error. Without a backup "
            "the data cannot be brought back. CREATE OR REPLACE TABLE does the same to a table.",
        instead="Take a backup first (`pg_dump -t TABLE DB > TABLE.sql`, `mysqldump DB TABLE`, "
                "`sqlite3 DB .dump`), and let a human run the DROP; for a schema change, write a "
                "migration and show it (`prisma migrate dev --create-only`, `alembic revision`).",
        bad=["psql -c 'DROP TABLE users'",
             "psql app -c 'SELECT 1; DROP TABLE IF EXISTS users CASCADE'",
             "mysql -e 'DROP DATABASE shop'",
             "sqlite3 app.db 'DROP TABLE users'",
             "echo 'DROP SCHEMA public CASCADE' | psql",
             "psql <<'EOF'\nBEGIN;\nDROP TABLE orders;\nCOMMIT;\nEOF",
             "supabase db shell -- -c 'DROP TABLE users'",
             "snow sql -q 'DROP DATABASE prod_db'",
             "bq query --nouse_legacy_sql 'DROP TABLE analytics.events'",
             "aws athena start-query-execution --query-string 'DROP TABLE sales.orders'",
             "mycli -e 'DROP DATABASE prod'", "pgcli -c 'DROP TABLE users' app",
             "usql postgres://db/app -c 'DROP TABLE users'",
             "litecli app.db -e 'DROP TABLE users'", "cqlsh -e 'DROP KEYSPACE prod'",
             "wrangler d1 execute prod-db --remote --command 'DROP TABLE users'",
             Example(tool="mcp__postgres__query", sql="DROP TABLE users")],
        good=["psql -c 'SELECT count(*) FROM users'",
              "psql -c 'CREATE TABLE audit (id serial primary key, note text)'",
              "mysql -e 'SHOW TABLES' shop",
              "grep -ri 'drop table' migrations/",
              "bq query --nouse_legacy_sql 'SELECT COUNT(*) FROM analytics.events'",
              "aws athena start-query-execution --query-string 'SELECT 1'",
              "snow sql -q 'SHOW DATABASES'",
              "bq query --dry_run 'DROP TABLE analytics.events'", "mycli -e 'SELECT 1'",
              "pgcli -c 'SELECT 1' app", "cqlsh -e 'DESCRIBE KEYSPACES'",
              "wrangler d1 execute prod-db --command 'SELECT count(*) FROM users'"],
    ),
    Rule(
        "DB002", "SQL TRUNCATE", Verdict.DENY,
        why="TRUNCATE deletes every row of the table at once (in most databases outside any "
            "transaction log a backup could replay).",
        instead="Delete only the rows you mean with a WHERE, after counting them with a "
                "`SELECT COUNT(*)` using the same WHERE; or take a backup (`pg_dump -t TABLE`) "
                "and let a human truncate.",
        bad=["psql -c 'TRUNCATE users'", "mysql -e 'TRUNCATE TABLE sessions' app",
             "psql <<< 'TRUNCATE TABLE events RESTART IDENTITY'",
             "aws redshift-data execute-statement --cluster-identifier prod --database app "
             "--sql 'TRUNCATE events'"],
        good=["psql -c \"SELECT * FROM users WHERE name = 'truncate'\""],
    ),
    Rule(
        "DB003", "DELETE or UPDATE without a real WHERE", Verdict.DENY,
        why="A DELETE or UPDATE without WHERE, or with one that is true for every row (`WHERE "
            "1=1`, `WHERE true`, `WHERE 1`, `WHERE id > 0`, `WHERE id IS NOT NULL`), deletes or "
            "overwrites the whole table. An accidental full-table statement is the most common "
            "way data is lost by hand.",
        instead="Write the WHERE that picks the rows you mean, run `SELECT COUNT(*) FROM t WHERE "
                "...` with the same WHERE first, and run the change in a transaction "
                "(`BEGIN; ...; SELECT ...; ROLLBACK`) to show a human what it does.",
        bad=["psql -c 'DELETE FROM users'", "psql -c 'DELETE FROM users WHERE 1=1'",
             "mysql -e 'UPDATE users SET admin = 1' app",
             "sqlite3 app.db 'DELETE FROM users WHERE true'",
             "mysql -e 'DELETE FROM users WHERE id > 0' app",
             "psql -c 'WITH gone AS (DELETE FROM users RETURNING id) SELECT count(*) FROM gone'",
             "aws rds-data execute-statement --resource-arn arn:aws:rds:x "
             "--secret-arn arn:aws:secretsmanager:y --sql 'DELETE FROM users'",
             Example(tool="mcp__supabase__execute_sql", query="UPDATE users SET plan = 'free'")],
        good=["psql -c 'DELETE FROM users WHERE id = 1'",
              "sqlite3 app.db \"UPDATE users SET name = 'x' WHERE id = 7\"",
              "psql -c 'DELETE FROM sessions WHERE expires_at < now()'",
              Example(tool="mcp__postgres__query", sql="SELECT * FROM users WHERE id = 1")],
    ),
    Rule(
        "DB004", "ALTER TABLE ... DROP", Verdict.DENY,
        why="ALTER TABLE ... DROP COLUMN deletes that column's values in every row; dropping a "
            "constraint removes what kept the data valid.",
        instead="Write it as a reviewed migration (`prisma migrate dev --create-only`, `alembic "
                "revision`), back the table up first (`pg_dump -t TABLE`), and let a human apply it.",
        bad=["psql -c 'ALTER TABLE users DROP COLUMN email'",
             "mysql -e 'ALTER TABLE orders DROP COLUMN note, DROP COLUMN tag' app"],
        good=["psql -c 'ALTER TABLE users ADD COLUMN nickname text'",
              "psql -c 'ALTER TABLE users ALTER COLUMN name DROP NOT NULL'",
              "psql -c 'ALTER TABLE users RENAME COLUMN name TO full_name'"],
    ),
    Rule(
        "DB005", "SQL that cannot be checked", Verdict.ASK,
        why="The SQL sent to a database client does not parse, is built at run time, comes from "
            "a file that cannot be read or from another program's output, or is code the parser "
            "cannot look into (DO blocks, `\\gexec`, shell escapes); it names statements that can "
            "destroy data, so what it does cannot be vouched for.",
        instead="Write the SQL out literally (or in a file that exists), one statement per line, "
                "and send it again so it can be checked.",
        bad=["psql -c 'DELETE FROM users WHER id = 1'",
             "psql -c \"$SQL\"",
             "psql -f missing.sql",
             "gunzip -c dump.sql.gz | psql app"],
        good=["psql -c 'SELECT 1'", "psql -f /dev/null"],
    ),
    Rule(
        "DB006", "MongoDB drop or delete-all", Verdict.DENY,
        why="`db.dropDatabase()` deletes the database and its data files; `db.coll.drop()` a "
            "collection with every document; `deleteMany({})` and `remove({})` with an empty "
            "filter delete every document.",
        instead="Count first with the filter you mean (`db.coll.countDocuments({...})`), delete "
                "with that filter, and take a `mongodump` before dropping anything.",
        bad=["mongosh app --eval 'db.dropDatabase()'",
             "mongosh --eval 'db.users.deleteMany({})'",
             "mongo app --eval 'db.sessions.remove({})'",
             "mongosh --eval 'db.getCollection(\"users\").drop()'"],
        good=["mongosh --eval 'db.users.countDocuments({})'",
              "mongosh --eval 'db.users.deleteMany({ status: \"inactive\" })'"],
    ),
    Rule(
        "DB007", "Redis flush or mass delete", Verdict.DENY,
        why="FLUSHALL deletes every key of every database (and clears the RDB file on save); "
            "FLUSHDB every key of one database, also when a script run by EVAL calls them; DEL "
            "fed from `--scan`/`KEYS` through xargs deletes keys nobody listed; SHUTDOWN NOSAVE "
            "throws away every write since the last snapshot. The same holds for the "
            "Redis-compatible servers' clients (`keydb-cli`, `valkey-cli`).",
        instead="Delete the keys you mean by name, after `redis-cli --scan --pattern ...` has "
                "listed them for a human; save a copy first (`redis-cli --rdb backup.rdb`).",
        bad=["redis-cli FLUSHALL", "redis-cli -n 2 flushdb",
             "redis-cli --scan --pattern 'session:*' | xargs redis-cli DEL",
             "echo FLUSHALL | redis-cli", "valkey-cli FLUSHALL", "keydb-cli -n 1 flushdb",
             "redis-cli EVAL \"redis.call('flushall')\" 0", "redis-cli SHUTDOWN NOSAVE"],
        good=["redis-cli GET session:1", "redis-cli DEL session:1", "valkey-cli INFO",
              "redis-cli --scan --pattern 'session:*'", "redis-cli SHUTDOWN SAVE",
              "redis-cli EVAL \"return redis.call('get', KEYS[1])\" 1 session:1"],
    ),
    Rule(
        "DB008", "Database dropped or overwritten by an admin tool", Verdict.DENY,
        why="`dropdb` and `mysqladmin drop` delete a whole database; `pg_restore --clean` drops "
            "each object before recreating it from the dump (`mongorestore --drop` each "
            "collection), and a dump piped into a client "
            "with DROP statements (`pg_dump --clean`, `mysqldump`) overwrites the target's tables.",
        instead="Restore into a new, empty database (`createdb app_restore && pg_restore -d "
                "app_restore dump`) and let a human switch over; back up what would be dropped "
                "first (`pg_dump DB > DB.sql`).",
        bad=["dropdb app", "dropdb --if-exists -h db.internal app",
             "mysqladmin -f drop shop", "pg_restore --clean -d app backup.dump",
             "pg_dump --clean prod | psql staging", "mongorestore --drop /backup",
             "mongorestore --uri mongodb://db.internal --drop --nsInclude 'shop.*' dump/"],
        good=["createdb app_test", "pg_restore -d app_restore backup.dump",
              "mongorestore /backup", "mongorestore --drop --dryRun /backup",
              "pg_dump app > backup.sql", "pg_restore --clean -f out.sql backup.dump"],
    ),
    Rule(
        "DB009", "Prisma command that loses data", Verdict.DENY,
        why="`prisma db push --accept-data-loss` applies a schema that drops columns and tables "
            "without asking; `--force-reset` and `prisma migrate reset` drop the whole database "
            "and recreate it empty (this is how agents have wiped production databases).",
        instead="Create a migration and show it (`prisma migrate dev --create-only`, or `prisma "
                "migrate diff --from-schema-datasource prisma/schema.prisma "
                "--to-schema-datamodel prisma/schema.prisma --script`) and let a human apply it.",
        bad=["npx prisma db push --accept-data-loss", "prisma db push --force-reset",
             "npx prisma migrate reset --force", "pnpm prisma migrate reset --force",
             "yarn prisma db push --accept-data-loss"],
        good=["npx prisma migrate dev --name add_index", "npx prisma migrate deploy",
              "prisma db push", "prisma generate", "npx prisma migrate diff --help"],
    ),
    Rule(
        "DB010", "Schema push that auto-approves data loss", Verdict.DENY,
        why="`drizzle-kit push --force` and `atlas schema apply/clean --auto-approve` apply a "
            "schema diff, including the DROPs (and truncations) it needs, without showing it. "
            "Doctrine's `doctrine:schema:update --force` (`orm:schema-tool:update --force`), "
            "`typeorm schema:sync` and `mikro-orm schema:update --run` do the same from the "
            "entity mapping: columns (and tables) the entities no longer map are dropped with "
            "their data.",
        instead="Generate a migration and show it (`drizzle-kit generate`, `atlas schema apply "
                "--dry-run`, `atlas migrate diff`, `doctrine:migrations:diff`, `typeorm "
                "migration:generate`, `doctrine:schema:update --dump-sql`), then let a human "
                "apply it.",
        bad=["npx drizzle-kit push --force",
             "atlas schema apply --url $DATABASE_URL --to file://schema.hcl --auto-approve",
             "atlas schema clean -u sqlite://app.db --auto-approve",
             "php bin/console doctrine:schema:update --force",
             "npx typeorm schema:sync -d src/data-source.ts",
             "npx mikro-orm schema:update --run"],
        good=["npx drizzle-kit generate", "npx drizzle-kit push",
              "atlas schema apply --url sqlite://app.db --to file://schema.hcl --dry-run",
              "php bin/console doctrine:schema:update --dump-sql",
              "npx typeorm schema:log -d src/data-source.ts",
              "npx mikro-orm schema:update --run --safe"],
    ),
    Rule(
        "DB011", "supabase db reset", Verdict.DENY,
        why="`supabase db reset` drops the local database and recreates it from the migrations: "
            "every row added by hand or by the app is gone; with `--linked` it drops the remote "
            "project's user data. `supabase migration down` resets the database the same way, "
            "to the migration before the last n.",
        instead="Apply new migrations with `supabase migration up` (local) or `supabase db "
                "push --dry-run` (remote); dump first with `supabase db dump --data-only`.",
        bad=["supabase db reset", "npx supabase db reset --linked",
             "supabase --project-ref abc123 db reset", "supabase --workdir ./app db reset",
             "supabase migration down --last 2"],
        good=["supabase migration up", "supabase db push --dry-run", "supabase status",
              "supabase migration list"],
    ),
    Rule(
        "DB012", "Rails task that drops or reloads the database", Verdict.DENY,
        why="`db:drop`, `db:reset`, `db:purge`, `db:schema:load`, `db:setup`, "
            "`db:truncate_all`, `db:seed:replant` and `db:migrate:reset` (and their per-database "
            "forms, `db:drop:primary`) drop the database or empty its tables.",
        instead="Run `bin/rails db:migrate` for schema changes; `bin/rails db:migrate:status` to "
                "see where you are; back up with `pg_dump` before anything that reloads.",
        bad=["bin/rails db:drop", "rake db:reset", "bundle exec rails db:schema:load",
             "rails db:truncate_all"],
        good=["bin/rails db:migrate", "rails db:migrate:status", "rake db:seed",
              "bin/rails db:create"],
    ),
    Rule(
        "DB013", "Django flush or reset_db", Verdict.DENY,
        why="`manage.py flush` removes all data from every table (\"Removes ALL DATA from the "
            "database\"); django-extensions' `reset_db` drops and recreates the database.",
        instead="Delete the rows you mean in a data migration or the shell, with a filter; "
                "`python manage.py dumpdata > backup.json` first.",
        bad=["python manage.py flush --noinput", "python3 manage.py reset_db",
             "django-admin flush", "uv run python manage.py flush"],
        good=["python manage.py migrate", "python manage.py makemigrations",
              "python manage.py test", "python manage.py sqlflush"],
    ),
    Rule(
        "DB014", "Migrations rolled back", Verdict.DENY,
        why="Rolling migrations back runs their down steps, which drop the tables and columns "
            "they created with the data in them: `alembic downgrade`, `flask db downgrade`, "
            "`knex migrate:rollback --all`, `sequelize db:migrate:undo`, `typeorm "
            "migration:revert`, `manage.py migrate APP zero`, `rails db:rollback` "
            "(`db:migrate:down|redo`, `db:migrate VERSION=0`), `php artisan "
            "migrate:rollback|reset|refresh`, `mix ecto.rollback`, `dotnet ef database update "
            "0` (and `dotnet ef migrations remove --force`, which reverts an applied migration), "
            "Doctrine `migrations:migrate first|prev`, `liquibase rollback`, `flyway undo`, "
            "`diesel migration revert|redo`, `sqlx migrate revert`, `dbmate rollback`, `goose "
            "down|reset`, golang-migrate `down`, `sea-orm-cli migrate down|reset|refresh`, "
            "`sqitch revert|rebase`. A refresh or redo runs them again, but the rows are gone.",
        instead="Write a new forward migration that makes the change; to see a downgrade's SQL "
                "without running it use `alembic downgrade REV --sql` (`php artisan "
                "migrate:rollback --pretend`, `liquibase rollback-sql`, `flyway undo "
                "-dryRunOutput=undo.sql`, `dotnet ef migrations script FROM TO`, Doctrine "
                "`--dry-run`).",
        bad=["alembic downgrade base", "alembic downgrade -1", "flask db downgrade",
             "npx knex migrate:rollback --all", "npx knex migrate:rollback", "npx sequelize-cli db:migrate:undo:all",
             "python manage.py migrate shop zero", "rake db:migrate VERSION=0",
             "bin/rails db:rollback STEP=2", "php artisan migrate:rollback",
             "php artisan migrate:reset --force", "php artisan migrate:refresh --seed",
             "mix ecto.rollback --all", "dotnet ef database update 0",
             "dotnet ef migrations remove --force",
             "liquibase rollback-count --count 2", "liquibase rollbackToDate 2024-01-01",
             "flyway undo", "diesel migration redo --all", "sqlx migrate revert",
             "dbmate rollback", "goose -dir db/migrations postgres \"$DB\" reset",
             "migrate -path db/migrations -database \"$DB\" down -all",
             "sea-orm-cli migrate reset", "sqitch revert -y"],
        good=["alembic upgrade head", "diesel migration run", "sqlx migrate run", "dbmate up",
              "goose postgres \"$DB\" status", "alembic downgrade base --sql > down.sql",
              "npx knex migrate:latest", "npx sequelize-cli db:migrate",
              "python manage.py migrate shop 0003", "liquibase rollback-sql --tag v1",
              "liquibase update", "flyway migrate", "php artisan migrate",
              "php artisan migrate:rollback --pretend", "php artisan migrate:status",
              "bin/rails db:migrate", "mix ecto.migrate", "mix ecto.migrations",
              "dotnet ef database update", "dotnet ef migrations remove",
              "migrate -path db/migrations -database \"$DB\" up", "sqitch deploy"],
    ),
    Rule(
        "DB015", "ORM drops the database or schema", Verdict.DENY,
        why="`sequelize db:drop` runs DROP DATABASE; `typeorm schema:drop` drops every table in "
            "the database; `diesel database reset`, `sqlx database drop|reset` and `dbmate "
            "drop` drop the database (reset recreates it empty). Laravel's `php artisan "
            "migrate:fresh` and `db:wipe` drop every table, whatever created it; `mix ecto.drop` "
            "(and the `ecto.reset` alias), `dotnet ef database drop` and Doctrine's "
            "`doctrine:database:drop --force` drop the database; `doctrine:schema:drop --force`, "
            "golang-migrate's `drop`, `mikro-orm schema:drop --run` and the `fresh` commands "
            "(`sea-orm-cli migrate fresh`, `mikro-orm migration:fresh`, `payload "
            "migrate:fresh`, `yii migrate/fresh`) drop every table before migrating again.",
        instead="Use migrations (`sequelize db:migrate`, `typeorm migration:run`, `php artisan "
                "migrate`, `mix ecto.migrate`, `dotnet ef database update`); back the database "
                "up first and let a human drop it.",
        bad=["npx sequelize-cli db:drop", "npx typeorm schema:drop -d src/data-source.ts",
             "typeorm-ts-node-commonjs schema:drop", "diesel database reset",
             "sqlx database drop -y", "sqlx database reset", "dbmate drop",
             "php artisan migrate:fresh --seed", "php artisan db:wipe --force",
             "./artisan migrate:fresh", "sail artisan migrate:fresh",
             "php artisan --env=production migrate:fresh", "mix ecto.drop", "mix ecto.reset",
             "MIX_ENV=prod mix ecto.drop", "dotnet ef database drop -f",
             "php bin/console doctrine:database:drop --force",
             "migrate -path db/migrations -database \"$DB\" drop -f",
             "sea-orm-cli migrate fresh"],
        good=["npx sequelize-cli db:create", "npx typeorm migration:run -d src/data-source.ts",
              "diesel setup", "sqlx database create", "dbmate create", "dbmate status",
              "php artisan migrate --seed", "php artisan db:seed", "php artisan migrate:fresh "
              "--help", "mix ecto.create", "mix ecto.setup", "dotnet ef database drop --dry-run",
              "php bin/console doctrine:database:drop", "php bin/console "
              "doctrine:database:create"],
    ),
    Rule(
        "DB016", "Switching off a database tool's own safeguard", Verdict.DENY,
        why="`PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION` is how a human tells Prisma they "
            "approved a destructive command; an agent setting it consents for them. "
            "`DISABLE_DATABASE_ENVIRONMENT_CHECK=1` turns off Rails' refusal to drop a "
            "production database.",
        instead="Do not set it: stop, say what you want to run and why, and let the human run it.",
        bad=["PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION=yes npx prisma migrate reset",
             "export PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION='the user agreed'",
             "DISABLE_DATABASE_ENVIRONMENT_CHECK=1 bin/rails db:migrate",
             "echo PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION=1 >> .env"],
        good=["grep -r PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION node_modules/prisma",
              "RAILS_ENV=test bin/rails db:migrate"],
    ),
    Rule(
        "DB017", "dbt full refresh", Verdict.ASK,
        why="`--full-refresh` drops and rebuilds incremental models from the source: history "
            "the source no longer holds is lost.",
        instead="Run without `--full-refresh`, or select only the model that needs it "
                "(`dbt run -s MODEL --full-refresh`) after a human has agreed.",
        bad=["dbt run --full-refresh", "dbt build -s orders --full-refresh"],
        good=["dbt run -s orders", "dbt test", "dbt build"],
    ),
    Rule(
        "DB018", "Migration tool drops every object in the schema", Verdict.DENY,
        why="`flyway clean` and `liquibase dropAll` (`drop-all`) drop every table, view, "
            "sequence and function in the configured schemas, with all their rows; "
            "`flyway migrate -cleanOnValidationError=true` does the same whenever a migration "
            "checksum does not match. The Maven and Gradle plugins' goals (`mvn flyway:clean`, "
            "`gradle flywayClean`, `mvn liquibase:dropAll`) are the same commands.",
        instead="Apply migrations forward (`flyway migrate`, `liquibase update`) and check "
                "state with `flyway info` / `liquibase status`; to start from empty, create a "
                "new database and let a human drop the old one after a backup.",
        bad=["flyway clean", "flyway -url=jdbc:postgresql://db/app clean",
             "flyway -cleanOnValidationError=true migrate", "liquibase dropAll",
             "liquibase --changelog-file=db.xml drop-all", "mvn flyway:clean",
             "./gradlew flywayClean", "mvn liquibase:dropAll"],
        good=["flyway info", "flyway migrate", "flyway validate", "liquibase update",
              "liquibase status", "mvn flyway:migrate", "./gradlew build", "flyway clean --help",
              "flyway -cleanOnValidationError=false migrate"],
    ),
    Rule(
        "DB019", "Key-value store emptied or deleted by prefix", Verdict.DENY,
        why="`etcdctl del --prefix KEY`, `--from-key` or a key range deletes every key it "
            "covers (with an empty key: the whole store, a Kubernetes cluster's state "
            "included); `consul kv delete -recurse` deletes a whole tree. Nothing keeps a copy.",
        instead="List the keys first (`etcdctl get --prefix --keys-only KEY`, `consul kv get "
                "-recurse KEY`), save a snapshot (`etcdctl snapshot save`, `consul kv export`), "
                "delete the keys you mean by name, and let a human delete a tree.",
        bad=["etcdctl del --prefix ''", "etcdctl del '' --from-key",
             "etcdctl --endpoints=http://etcd:2379 del /registry --prefix",
             "consul kv delete -recurse", "consul kv delete -recurse app/config"],
        good=["etcdctl get --prefix /app", "etcdctl del /app/lock", "etcdctl put /app/x 1",
              "consul kv get -recurse app", "consul kv delete app/config/flag"],
    ),
]

# -- the keyword scan that guards the parser import --------------------------------------------

#: statements (and code-running words) that can destroy data; SQL without any of them is not parsed
_RISKY = re.compile(
    r"\b(drop|truncate|delete|update|alter|replace|merge|do|exec|execute|prepare|call)\b",
    re.IGNORECASE,
)


def risky(text: str) -> bool:
    """Does SQL text name a statement that can destroy data? (A cheap scan, no parser.)"""
    return _RISKY.search(text) is not None


# -- SQL clients ------------------------------------------------------------------------------


class _Client:
    """How one database client receives SQL."""

    __slots__ = ("dialect", "files", "meta", "spec", "sql")

    def __init__(self, dialect: str, spec: OptSpec, sql: tuple[str, ...] = ("sql",),
                 files: tuple[str, ...] = ("file",), meta: str = "") -> None:
        self.dialect = dialect
        self.spec = spec
        self.sql = sql
        self.files = files
        #: which client-side commands the text may hold: psql, dot (sqlite/duckdb), mysql
        self.meta = meta


_PSQL = _Client("postgres", OptSpec(
    {f"-{c}": c for c in "abeEnqsStxXAHlwWVz0123"} | {
        "--echo-all": "a", "--echo-errors": "b", "--echo-queries": "e", "--echo-hidden": "E",
        "--no-readline": "n", "--quiet": "q", "--single-step": "s", "--single-line": "S",
        "--tuples-only": "t", "--expanded": "x", "--no-psqlrc": "X", "--no-align": "A",
        "--html": "H", "--list": "l", "--no-password": "w", "--password": "W",
        "--version": "V", "--single-transaction": "1", "--csv": "csv", "--help": "help"},
    {"-c": "sql", "--command": "sql", "-f": "file", "--file": "file", "-d": "dbname",
     "--dbname": "dbname", "-h": "host", "--host": "host", "-p": "port", "--port": "port",
     "-U": "user", "--username": "user", "-v": "var", "--set": "var", "--variable": "var",
     "-o": "output", "--output": "output", "-L": "log", "--log-file": "log", "-T": "tattr",
     "--table-attr": "tattr", "-F": "fsep", "--field-separator": "fsep", "-R": "rsep",
     "--record-separator": "rsep", "-P": "pset", "--pset": "pset"},
), meta="psql")
_MYSQL = _Client("mysql", OptSpec(
    {f"-{c}": c for c in "BNsrtvfnqEGHXCVwb"} | {"--force": "f", "--batch": "B",
                                                  "--silent": "s", "--verbose": "v"},
    {"-e": "sql", "--execute": "sql", "--init-command": "sql", "-h": "host", "--host": "host",
     "-u": "user", "--user": "user", "-P": "port", "--port": "port", "-D": "db",
     "--database": "db", "-S": "socket", "--socket": "socket", "--defaults-file": "df",
     "--defaults-extra-file": "df", "--login-path": "lp", "--default-character-set": "cs"},
), files=(), meta="mysql")
_CLICKHOUSE = _Client("clickhouse", OptSpec(
    {"-n": "multi", "--multiquery": "multi", "-m": "multiline", "--multiline": "multiline",
     "--secure": "secure", "-s": "secure", "-V": "version", "--version": "version"},
    {"-q": "sql", "--query": "sql", "--queries-file": "file", "-h": "host", "--host": "host",
     "--port": "port", "-u": "user", "--user": "user", "--password": "pw", "-d": "db",
     "--database": "db", "-f": "format", "--format": "format", "--config-file": "cfg",
     "-C": "cfg"},
))
_COCKROACH = _Client("postgres", OptSpec(
    {"--insecure": "insecure", "--echo-sql": "echo", "--safe-updates": "safe"},
    {"-e": "sql", "--execute": "sql", "-f": "file", "--file": "file", "--url": "url",
     "--host": "host", "-d": "db", "--database": "db", "-u": "user", "--user": "user",
     "--certs-dir": "certs", "--format": "format", "--port": "port", "-p": "port"},
))
_SQLCMD = _Client("tsql", OptSpec(
    {"-E": "E", "-b": "b", "-r": "r", "-X": "X", "-y": "y", "-N": "N", "-C": "C"},
    {"-Q": "sql", "-q": "sql", "-i": "file", "-S": "server", "-U": "user", "-P": "pw",
     "-d": "db", "-o": "out", "-v": "var", "-s": "sep", "-W": "W", "-h": "headers"},
))
_WRANGLER_D1 = _Client("sqlite", OptSpec(
    {"--local": "local", "--remote": "remote", "--preview": "preview", "--json": "json",
     "-y": "yes", "--yes": "yes", "--help": "help", "-h": "help", "--version": "version",
     "-v": "version", "--experimental-json-config": "j"},
    {"--command": "sql", "--file": "file", "-c": "config", "--config": "config", "-e": "env",
     "--env": "env", "--persist-to": "persist", "--cwd": "cwd", "--batch-size": "bs"},
))
_PRISMA_EXECUTE = _Client("", OptSpec(
    {"--stdin": "stdin", "--help": "help", "-h": "help"},
    {"--file": "file", "--schema": "schema", "--url": "url", "--config": "config"},
))

#: the dbcli family (click options) and usql, cqlsh: the same SQL, other spellings
_MYCLI = _Client("mysql", OptSpec(
    {"-V": "version", "--version": "version", "--help": "help", "-t": "t", "--table": "t",
     "--csv": "csv", "--warn": "warn", "--no-warn": "nowarn", "--auto-vertical-output": "av",
     "--local-infile": "li", "--ssl": "ssl", "--no-ssl": "nossl", "-v": "verbose",
     "--verbose": "verbose"},
    {"-e": "sql", "--execute": "sql", "--init-command": "sql", "-h": "host", "--host": "host",
     "-P": "port", "--port": "port", "-u": "user", "--user": "user", "-p": "pw",
     "--password": "pw", "--pass": "pw", "-D": "db", "--database": "db", "-S": "socket",
     "--socket": "socket", "--login-path": "lp", "--myclirc": "rc", "--defaults-file": "df",
     "--defaults-group-suffix": "dgs", "-R": "prompt", "--prompt": "prompt", "-l": "log",
     "--logfile": "log", "--charset": "cs", "--dsn": "dsn", "-d": "dsn",
     "--ssh-user": "ssh", "--ssh-host": "ssh", "--ssh-port": "ssh", "--ssh-password": "ssh",
     "--ssh-key-filename": "ssh", "--ssh-config-path": "ssh", "--ssh-config-host": "ssh",
     "--ssl-ca": "ssl", "--ssl-capath": "ssl", "--ssl-cert": "ssl", "--ssl-key": "ssl",
     "--ssl-cipher": "ssl", "--tls-version": "ssl"},
), files=())
_PGCLI = _Client("postgres", OptSpec(
    {"-W": "W", "--password": "W", "-w": "w", "--no-password": "w", "-v": "version",
     "--version": "version", "--help": "help", "-l": "list", "--list": "list",
     "--list-dsn": "list", "--single-connection": "sc", "--less-chatty": "lc",
     "--auto-vertical-output": "av", "--ping": "list"},
    {"-c": "sql", "--command": "sql", "--init-command": "sql", "-f": "file", "--file": "file",
     "-h": "host", "--host": "host", "-p": "port", "--port": "port", "-U": "user",
     "--username": "user", "-u": "user", "--user": "user", "-d": "dbname", "--dbname": "dbname",
     "-D": "dsn", "--dsn": "dsn", "--pgclirc": "rc", "--prompt": "prompt",
     "--prompt-dsn": "prompt", "--row-limit": "rl", "--log-file": "log", "--warn": "warn",
     "--ssh-tunnel": "ssh", "--application-name": "app"},
), meta="psql")
_LITECLI = _Client("sqlite", OptSpec(
    {"-V": "version", "--version": "version", "-v": "version", "--help": "help", "-t": "t",
     "--table": "t", "--csv": "csv", "--warn": "warn", "--no-warn": "nowarn",
     "--auto-vertical-output": "av"},
    {"-e": "sql", "--execute": "sql", "-D": "db", "--database": "db", "-R": "prompt",
     "--prompt": "prompt", "-l": "log", "--logfile": "log", "--liteclirc": "rc"},
), files=(), meta="dot")
_USQL_SPEC = OptSpec(
    {"-W": "W", "--password": "W", "-w": "w", "--no-password": "w", "-X": "X", "--no-rc": "X",
     "-1": "single", "--single-transaction": "single", "-A": "A", "--no-align": "A",
     "-H": "H", "--html": "H", "-t": "t", "--tuples-only": "t", "-J": "J", "--json": "J",
     "-C": "C", "--csv": "C", "-G": "G", "--vertical": "G", "-q": "q", "--quiet": "q",
     "-V": "version", "--version": "version", "--help": "help", "-x": "x", "--expanded": "x",
     "-z": "z", "--field-separator-zero": "z", "-0": "0", "--record-separator-zero": "0"},
    {"-c": "sql", "--command": "sql", "-f": "file", "--file": "file", "-o": "out",
     "--out": "out", "-v": "var", "--set": "var", "--variable": "var", "-N": "cvar",
     "--cvar": "cvar", "-P": "pset", "--pset": "pset", "-F": "fsep",
     "--field-separator": "fsep", "-R": "rsep", "--record-separator": "rsep", "-T": "tattr",
     "--table-attr": "tattr", "--config": "cfg"},
)
_CQLSH = _Client("", OptSpec(
    {"-C": "color", "--color": "color", "--no-color": "nocolor", "--browser": "browser",
     "--ssl": "ssl", "--debug": "debug", "--coverage": "cov", "-t": "tty", "--tty": "tty",
     "--no-file-io": "nofio", "--disable-history": "nohist", "--version": "version",
     "--help": "help", "-h": "help"},
    {"-e": "sql", "--execute": "sql", "-f": "file", "--file": "file", "-k": "keyspace",
     "--keyspace": "keyspace", "-u": "user", "--username": "user", "-p": "pw",
     "--password": "pw", "--cqlshrc": "rc", "--cqlversion": "cqlv", "--protocol-version": "pv",
     "--encoding": "enc", "--connect-timeout": "ct", "--request-timeout": "rt",
     "-b": "bundle", "--secure-connect-bundle": "bundle", "--consistency-level": "cl",
     "--serial-consistency-level": "scl"},
))

_CLIENTS: dict[str, _Client] = {
    "psql": _PSQL, "mysql": _MYSQL, "mariadb": _MYSQL, "clickhouse-client": _CLICKHOUSE,
    "sqlcmd": _SQLCMD, "mycli": _MYCLI, "pgcli": _PGCLI, "litecli": _LITECLI, "cqlsh": _CQLSH,
}
#: usql's DSN scheme -> the dialect its SQL is parsed in
_USQL_DIALECTS = {
    "postgres": "postgres", "postgresql": "postgres", "pg": "postgres", "pgsql": "postgres",
    "pgx": "postgres", "cockroachdb": "postgres", "cr": "postgres", "redshift": "redshift",
    "mysql": "mysql", "my": "mysql", "maria": "mysql", "mariadb": "mysql", "tidb": "mysql",
    "sqlite": "sqlite", "sqlite3": "sqlite", "sq": "sqlite", "file": "sqlite",
    "sqlserver": "tsql", "mssql": "tsql", "ms": "tsql", "clickhouse": "clickhouse",
    "ch": "clickhouse", "duckdb": "duckdb", "dk": "duckdb", "snowflake": "snowflake",
    "sf": "snowflake", "bigquery": "bigquery", "bq": "bigquery", "oracle": "oracle",
    "or": "oracle", "trino": "trino", "presto": "presto",
}
#: sqlite3 / duckdb: ``PROG [OPTIONS] FILE [SQL ...]``, options with one dash
_EMBEDDED = {"sqlite3": "sqlite", "sqlite": "sqlite", "duckdb": "duckdb"}
_EMBEDDED_VALUED = frozenset(
    {"cmd", "init", "separator", "newline", "nullvalue", "mmap", "lookaside", "pagecache",
     "heap", "maxsize", "vfs", "escape", "c", "s", "f", "storage-version"}
)

# -- tools ------------------------------------------------------------------------------------

_MONGO = OptSpec(
    {"--quiet": "quiet", "--nodb": "nodb", "--norc": "norc", "--tls": "tls", "--help": "help",
     "--version": "version", "--shell": "shell", "--verbose": "verbose"},
    {"--eval": "eval", "-f": "file", "--file": "file", "--host": "host", "--port": "port",
     "-u": "user", "--username": "user", "-p": "pw", "--password": "pw",
     "--authenticationDatabase": "authdb", "--authenticationMechanism": "authmech",
     "--tlsCAFile": "ca", "--tlsCertificateKeyFile": "cert", "--apiVersion": "api"},
)
_REDIS = OptSpec(
    {f"-{c}": c for c in "xXcel23"} | {"--raw": "raw", "--no-raw": "noraw", "--csv": "csv",
                                        "--json": "json", "--scan": "scan", "--tls": "tls",
                                        "--verbose": "verbose", "--bigkeys": "bigkeys",
                                        "--memkeys": "memkeys", "--no-auth-warning": "naw",
                                        "--askpass": "askpass", "--stat": "stat",
                                        "--latency": "latency", "--insecure": "insecure"},
    {f"-{c}": c for c in "hpsaunridD"} | {"--user": "user", "--pass": "pass",
                                          "--pattern": "pattern", "--count": "count",
                                          "--quoted-pattern": "pattern", "--eval": "evalfile",
                                          "--rdb": "rdb", "--cacert": "cacert", "--cert": "cert",
                                          "--key": "key", "--sni": "sni", "--cacertdir": "cad",
                                          "--functions-rdb": "frdb"},
    stop_at_positional=True,
)
_PG_CONN = {"-h": "host", "--host": "host", "-p": "port", "--port": "port", "-U": "user",
            "--username": "user"}
_DROPDB = OptSpec(
    {"-e": "echo", "--echo": "echo", "-f": "force", "--force": "force", "-i": "interactive",
     "--interactive": "interactive", "--if-exists": "ifexists", "-w": "w", "-W": "W",
     "--version": "version", "-V": "version", "--help": "help", "-?": "help"},
    {**_PG_CONN, "--maintenance-db": "mdb"},
)
_PG_RESTORE = OptSpec(
    {"-c": "clean", "--clean": "clean", "-C": "create", "--create": "create", "-a": "dataonly",
     "--data-only": "dataonly", "-1": "single", "--single-transaction": "single",
     "--if-exists": "ifexists", "-l": "list", "--list": "list", "-v": "verbose", "-e": "exit",
     "-O": "noowner", "-x": "noacl", "-s": "schemaonly", "--schema-only": "schemaonly"},
    {**_PG_CONN, "-d": "dbname", "--dbname": "dbname", "-f": "file", "--file": "file",
     "-F": "format", "--format": "format", "-j": "jobs", "--jobs": "jobs", "-n": "schema",
     "--schema": "schema", "-t": "table", "--table": "table", "-I": "index", "-P": "function",
     "-T": "trigger", "-L": "uselist", "--use-list": "uselist", "-S": "superuser",
     "--role": "role"},
)
_MONGORESTORE = OptSpec(
    {"--drop": "drop", "--dryRun": "dryrun", "--help": "help", "--version": "version",
     "--gzip": "gzip", "--oplogReplay": "oplog", "--noIndexRestore": "noidx", "-v": "verbose",
     "--verbose": "verbose", "--quiet": "quiet", "--ssl": "tls", "--tls": "tls",
     "--preserveUUID": "uuid", "--stopOnError": "stop", "--bypassDocumentValidation": "bdv"},
    {"--uri": "uri", "-h": "host", "--host": "host", "--port": "port", "-u": "user",
     "--username": "user", "-p": "pw", "--password": "pw", "--authenticationDatabase": "authdb",
     "-d": "db", "--db": "db", "-c": "coll", "--collection": "coll", "--nsInclude": "ns",
     "--nsExclude": "nsx", "--nsFrom": "nsfrom", "--nsTo": "nsto", "--archive": "archive",
     "--dir": "dir", "-j": "jobs", "--numParallelCollections": "jobs",
     "--writeConcern": "wc", "--authenticationMechanism": "mech", "--config": "config"},
)
_SUPABASE = OptSpec(
    {"--debug": "debug", "--experimental": "experimental", "--yes": "yes",
     "--create-ticket": "ticket", "--linked": "linked", "--local": "local", "--help": "help",
     "-h": "help", "--version": "version", "--dry-run": "dryrun"},
    {"--project-ref": "ref", "--workdir": "workdir", "--network-id": "network",
     "--output": "output", "-o": "output", "--dns-resolver": "dns", "--profile": "profile",
     "--db-url": "dburl", "--password": "pw", "-p": "pw", "--schema": "schema", "-s": "schema",
     "--version-file": "vf", "--last": "last"},
)
_PG_DUMP = OptSpec(
    {"-c": "clean", "--clean": "clean", "-a": "dataonly", "--data-only": "dataonly",
     "-s": "schemaonly", "--schema-only": "schemaonly", "--if-exists": "ifexists",
     "-C": "create", "--create": "create", "-O": "noowner", "-x": "noacl", "-v": "verbose"},
    {**_PG_CONN, "-d": "dbname", "--dbname": "dbname", "-f": "file", "--file": "file",
     "-F": "format", "--format": "format", "-n": "schema", "-t": "table", "--table": "table",
     "-T": "extable", "-N": "exschema", "-j": "jobs", "-Z": "compress", "-E": "encoding"},
)

_RAILS_DESTRUCTIVE = frozenset(
    {"db:drop", "db:drop:all", "db:drop:_unsafe", "db:reset", "db:purge", "db:purge:all",
     "db:schema:load", "db:structure:load", "db:setup", "db:truncate_all", "db:seed:replant",
     "db:migrate:reset", "db:test:purge"}
)
#: Rails tasks that run migrations' down steps -> what they roll back
_RAILS_ROLLBACK = {
    "db:rollback": "rolls back the last migration (STEP=n: the last n)",
    "db:migrate:down": "runs the down step of the migration VERSION names",
    "db:migrate:redo": "rolls back the last migration (STEP=n: the last n) and runs it again",
}
_DJANGO_DESTRUCTIVE = frozenset({"flush", "reset_db", "reset_schema"})
_SAFEGUARD_VARS = {
    "PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION":
        "consents, on the human's behalf, to Prisma's destructive commands",
    "DISABLE_DATABASE_ENVIRONMENT_CHECK":
        "turns off Rails' refusal to drop or reload a protected (production) database",
}
#: programs that run a package's binary by name: ``pnpm prisma ...``, ``yarn knex ...``
_RUNNERS = frozenset({"pnpm", "yarn", "bun"})
_TYPEORM = frozenset({"typeorm", "typeorm-ts-node-commonjs", "typeorm-ts-node-esm"})
_PYTHONS = frozenset({"python", "python3"})

#: framework consoles and migration tools judged in :func:`_frameworks`: PHP (Laravel's
#: artisan and Sail, Symfony/Doctrine consoles, Phinx, CakePHP, Yii), Elixir (mix), .NET
#: (dotnet ef), golang-migrate, sql-migrate, node-pg-migrate, db-migrate, migrate-mongo,
#: SeaORM, MikroORM, Sqitch, Payload, Sequel, Hasura, and ``cargo sqlx``
_FRAMEWORK_TOOLS = frozenset(
    {"php", "artisan", "sail", "console", "symfony", "doctrine", "doctrine-migrations", "phinx",
     "cake", "yii", "mix", "dotnet", "dotnet-ef", "migrate", "sql-migrate", "sea-orm-cli",
     "mikro-orm", "mikro-orm-esm", "sqitch", "payload", "sequel", "hasura", "cargo",
     "node-pg-migrate", "db-migrate", "migrate-mongo"}
)
#: Redis and the servers that speak its protocol, each with its own client
_REDIS_CLIS = frozenset({"redis-cli", "keydb-cli", "valkey-cli"})
#: build tools whose plugins run flyway / liquibase commands as goals or tasks
_BUILD_TOOLS = frozenset({"mvn", "mvnw", "gradle", "gradlew"})
#: SQL clients reached as a sub-command: (program, sub-command) -> how they take SQL
_SNOW_SPEC = OptSpec(
    {"-i": "stdin", "--stdin": "stdin", "-x": "temp", "--temporary-connection": "temp",
     "--help": "help", "-h": "help", "--verbose": "v", "-v": "v", "--debug": "debug",
     "--silent": "silent", "--retain-comments": "rc", "--single-transaction": "st",
     "--version": "version"},
    {"-q": "sql", "--query": "sql", "-f": "file", "--filename": "file", "-c": "conn",
     "--connection": "conn", "--environment": "conn", "--account": "account",
     "--accountname": "account", "--user": "user", "--username": "user", "--password": "pw",
     "--authenticator": "auth", "--database": "db", "--dbname": "db", "--schema": "schema",
     "--schemaname": "schema", "--role": "role", "--rolename": "role", "--warehouse": "wh",
     "--host": "host", "--port": "port", "--format": "format", "-D": "var",
     "--variable": "var", "--project": "project", "--env": "env", "--config-file": "cfg",
     "--private-key-file": "key", "--private-key-path": "key", "--token-file-path": "tok",
     "--mfa-passcode": "mfa", "--enable-templating": "tmpl"},
)
_SNOWSQL_SPEC = OptSpec(
    {"--help": "help", "-v": "version", "--version": "version", "--noup": "noup",
     "--private-key-path": "key", "-M": "mfa", "--mfa-passcode-in-password": "mfa"},
    {"-q": "sql", "--query": "sql", "-f": "file", "--filename": "file", "-a": "account",
     "--accountname": "account", "-u": "user", "--username": "user", "-d": "db",
     "--dbname": "db", "-s": "schema", "--schemaname": "schema", "-r": "role",
     "--rolename": "role", "-w": "wh", "--warehouse": "wh", "-h": "host", "--host": "host",
     "-p": "port", "--port": "port", "-c": "conn", "--connection": "conn", "-o": "option",
     "--option": "option", "-D": "var", "--variable": "var", "--config": "cfg",
     "--authenticator": "auth", "--region": "region"},
)
_SNOW = _Client("snowflake", _SNOW_SPEC)
_SNOWSQL = _Client("snowflake", _SNOWSQL_SPEC)

PROGRAMS = frozenset(
    {*_CLIENTS, *_EMBEDDED, "clickhouse", "cockroach", "mongosh", "mongo", *_REDIS_CLIS,
     "dropdb", "mysqladmin", "mariadb-admin", "pg_restore", "mongorestore", "prisma",
     "drizzle-kit", "supabase", "rails", "rake", "django-admin", "manage.py", "alembic", "flask",
     "knex", "sequelize", "sequelize-cli", "atlas", "dbt", "flyway", "liquibase", "snow",
     "snowsql", "bq", "aws", *_BUILD_TOOLS, *_TYPEORM, *_RUNNERS, *_PYTHONS, "usql",
     "wrangler", "etcdctl", "consul", "diesel", "sqlx", "dbmate", "goose", *_FRAMEWORK_TOOLS}
)


def on_invocation(inv: Invocation, ctx: Context) -> Iterable[Finding]:
    name = inv.name
    if name is None:
        return ()
    if name in _RUNNERS:
        inner = _runner(inv)
        if inner is None:
            return ()
        inv, name = inner, inner.name or ""
    return list(_judge(inv, name, ctx))


def _judge(inv: Invocation, name: str, ctx: Context) -> Iterable[Finding]:
    base = name.split(".", 1)[0] if name.startswith("python") else name
    if name in _CLIENTS:
        yield from _client(inv, _CLIENTS[name], name, ctx)
    elif name == "usql":
        yield from _usql(inv, ctx)
    elif name == "wrangler":
        if [w.text for w in inv.args[:2]] == ["d1", "execute"]:
            yield from _client(_with_argv(inv, inv.argv[2:], ()), _WRANGLER_D1,
                               "wrangler d1 execute", ctx)
    elif name in ("etcdctl", "consul"):
        yield from _kv_stores(inv, name)
    elif name in ("diesel", "sqlx", "dbmate", "goose"):
        yield from _rust_go_migrations(inv, name)
    elif name in _FRAMEWORK_TOOLS:
        yield from _frameworks(inv, name)
    elif name.startswith("php") and name.rstrip("0123456789.") == "php":
        yield from _frameworks(inv, "php")  # php8.3
    elif name in _EMBEDDED:
        yield from _embedded(inv, name, ctx)
    elif name == "clickhouse":
        if inv.args and inv.args[0].text == "client":
            yield from _client(_shift(inv), _CLICKHOUSE, "clickhouse client", ctx)
    elif name == "cockroach":
        if inv.args and inv.args[0].text == "sql":
            yield from _client(_shift(inv), _COCKROACH, "cockroach sql", ctx)
    elif name in ("mongosh", "mongo"):
        yield from _mongo(inv, name, ctx)
    elif name in _REDIS_CLIS:
        yield from _redis(inv, name, ctx)
    elif name in ("dropdb", "mysqladmin", "mariadb-admin", "pg_restore", "mongorestore"):
        yield from _admin(inv, name)
    elif name == "supabase":
        yield from _supabase(inv, ctx)
    elif name == "snow":
        if inv.args and inv.args[0].text == "sql":
            yield from _client(_shift(inv), _SNOW, "snow sql", ctx)
    elif name == "snowsql":
        yield from _client(inv, _SNOWSQL, "snowsql", ctx)
    elif name == "bq":
        yield from _bq(inv, ctx)
    elif name == "aws":
        yield from _aws_sql(inv, ctx)
    elif name in ("flyway", "liquibase") or name in _BUILD_TOOLS:
        yield from _schema_tools(inv, name)
    elif name == "prisma":
        yield from _prisma(inv, ctx)
    elif base in _PYTHONS or name in ("django-admin", "manage.py"):
        yield from _django(inv, name)
    else:
        yield from _tools(inv, name)


def _shift(inv: Invocation) -> Invocation:
    """``clickhouse client ...`` -> ``client ...`` (the sub-command becomes the program)."""
    return _with_argv(inv, inv.argv[1:], ())


def _with_argv(inv: Invocation, argv: list[Word], via: tuple[str, ...]) -> Invocation:
    return Invocation(argv, cwd=inv.cwd, env=inv.env, redirects=inv.redirects,
                      stdin_text=inv.stdin_text, pipe_from=inv.pipe_from, via=(*inv.via, *via),
                      remote=inv.remote, source=inv.source, inputs_dynamic=inv.inputs_dynamic)


def _runner(inv: Invocation) -> Invocation | None:
    """``pnpm prisma migrate reset`` / ``yarn run knex ...``: the package binary it runs."""
    items = list(inv.args)
    while items and items[0].text.startswith("-"):
        items.pop(0)
    if items and items[0].text in ("run", "exec", "x"):
        items.pop(0)
    if not items or items[0].dynamic:
        return None
    tool = items[0].text
    if tool not in PROGRAMS or tool in _RUNNERS or tool in _PYTHONS:
        return None
    return _with_argv(inv, items, (inv.name or "",))


# -- finding helpers ----------------------------------------------------------------------------


def _f(rule_id: str, message: str, inv: Invocation | None = None) -> Finding:
    return Finding(rule_id, message, subject=inv.display() if inv is not None else "")


def _positionals(words: Iterable[Word]) -> list[str]:
    return [w.text for w in words if not w.text.startswith("-")]


# -- SQL sources ----------------------------------------------------------------------------------


class _Source:
    """One piece of SQL on its way to a client: its text, or why it cannot be known."""

    __slots__ = ("label", "path", "problem", "text")

    def __init__(self, label: str, text: str | None = None, problem: str | None = None,
                 path: str | None = None) -> None:
        self.label = label
        self.text = text
        self.problem = problem
        #: the file it came from, to resolve includes relative to it
        self.path = path


def _word_source(w: Word, label: str, js: bool = False,
                 ctx: Context | None = None) -> _Source:
    if not w.dynamic:
        return _Source(label, w.text)
    parts = _unknown_parts(w.text)
    text = w.text
    read = _read_substitution(w, parts, ctx)
    if read is not None:
        # ``"SELECT 1; $(cat setup.sql)"``: the file's text is what the client receives
        start, end = parts[0]
        return _Source(label, text[:start] + read + text[end:])
    static = "".join(" " if any(a <= i < b for a, b in parts) else c
                     for i, c in enumerate(text)) if parts else text
    # a part known only at run time where a statement begins can be whole statements
    # (``"SELECT 1; $(cat more.sql)"``); one inside a statement is a value or a name
    lead = _STATEMENT_LEAD_JS if js else _STATEMENT_LEAD
    if any(lead.search(text[:a]) for a, _ in parts):
        return _Source(label, problem=f"{label} is built at run time: statements may come from "
                                      f"a part known only then ({_short(w.text)})")
    if js and re.search(r"[A-Za-z]{3,}", static):
        return _Source(label, w.text)  # judged by what it visibly calls
    if risky(static) or not re.search(r"[A-Za-z]{3,}", static):
        return _Source(label, problem=f"{label} is built at run time ({_short(w.text)})")
    return _Source(label, static)


#: the text before an unknown part ends where a statement begins (nothing, or a ``;``)
_STATEMENT_LEAD = re.compile(r"(?:^|;)\s*$")
_STATEMENT_LEAD_JS = re.compile(r"(?:^|[;{}\n])\s*$")


def _unknown_parts(text: str) -> list[tuple[int, int]]:
    """Where a dynamic word's text holds what is known only at run time: ``$(...)`` and
    backquotes (nested parentheses followed), ``${...}``, ``$NAME``, xargs' ``{input}``."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("{input}", i):
            out.append((i, i + 7))
            i += 7
        elif c == "`":
            j = text.find("`", i + 1)
            j = n if j < 0 else j + 1
            out.append((i, j))
            i = j
        elif c == "$" and i + 1 < n and text[i + 1] in "({":
            close = ")" if text[i + 1] == "(" else "}"
            depth, j = 0, i + 1
            while j < n:
                if text[j] == text[i + 1]:
                    depth += 1
                elif text[j] == close:
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            out.append((i, min(j + 1, n)))
            i = j + 1
        elif c == "$" and i + 1 < n and (text[i + 1].isalpha() or text[i + 1] == "_"):
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            out.append((i, j))
            i = j
        elif c == "$" and i + 1 < n and (text[i + 1].isdigit() or text[i + 1] in "@*#?!-"):
            out.append((i, i + 2))
            i += 2
        else:
            i += 1
    return out


def _read_substitution(w: Word, parts: list[tuple[int, int]],
                       ctx: Context | None) -> str | None:
    """The text of the one ``$(cat FILE...)`` a word holds, when the files can be read."""
    if ctx is None or len(parts) != 1 or not w.sub or len(w.sub) != 1:
        return None
    start = parts[0][0]
    if not w.text.startswith(("$(", "`"), start):
        return None
    cat = w.sub[0]
    files = cat.args
    if cat.name != "cat" or not files or cat.redirects or cat.pipe_from or \
            cat.stdin_text is not None or cat.remote or \
            any(f.dynamic or f.glob or f.text.startswith("-") for f in files):
        return None
    texts: list[str] = []
    for f in files:
        src = _file_source(f.text, f"cat {f.text}", cat, ctx)
        if src.text is None:
            return None
        texts.append(src.text)
    return "".join(texts).rstrip("\n")  # a substitution drops the trailing newlines


def _file_source(text: str, label: str, inv: Invocation, ctx: Context,
                 base: str | None = None, dynamic: bool = False) -> _Source:
    if dynamic:
        return _Source(label, problem=f"{label}: the file name is known only at run time")
    if text in ("-", "/dev/stdin"):
        return _Source(label, problem=f"{label}: SQL read from standard input")
    path = ctx.resolve(text, base if base is not None else inv.cwd)
    if path is None or (inv.remote and not base):
        return _Source(label, problem=f"{label}: the file is on another machine or in an "
                                      "unknown directory and cannot be read")
    try:
        st = os.stat(path)
    except OSError:
        return _Source(label, problem=f"{label}: {ctx.rel(path)} does not exist (yet) and "
                                      "cannot be read")
    import stat as _stat

    if not _stat.S_ISREG(st.st_mode):
        if path == "/dev/null":
            return _Source(label, "")
        return _Source(label, problem=f"{label}: {ctx.rel(path)} is not a regular file")
    if st.st_size > MAX_SQL_FILE_BYTES:
        return _Source(label, problem=f"{label}: {ctx.rel(path)} is {st.st_size:,} bytes, too "
                                      "large to check")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_SQL_FILE_BYTES + 1)
    except OSError as e:
        return _Source(label, problem=f"{label}: {ctx.rel(path)} cannot be read "
                                      f"({e.strerror or e})")
    if b"\0" in data[:8192]:
        return _Source(label, problem=f"{label}: {ctx.rel(path)} is a binary file (a custom "
                                      "format dump?), not SQL text")
    return _Source(label, data.decode("utf-8", "replace"), path=path)


#: programs whose output, piped into a client, is a dump: judged by their own flags
_DUMPERS = frozenset({"pg_dump", "pg_dumpall", "mysqldump", "mariadb-dump", "pg_restore"})


def _stdin_sources(inv: Invocation, client: str, ctx: Context) -> list[_Source]:
    """The SQL a client reads on standard input (heredoc, herestring, ``<`` file, a pipe)."""
    if inv.stdin_text is not None:
        return [_Source(f"the SQL given to {client} on standard input", inv.stdin_text)]
    for r in inv.redirects:
        if r.op == "<" and r.fd in (None, "0") and r.target is not None:
            return [_file_source(r.target.text, f"{client} < {r.target.text}", inv, ctx,
                                 dynamic=r.target.dynamic)]
    out: list[_Source] = []
    for src in inv.pipe_from:
        name = src.name
        shown = src.display()
        if name in ("echo", "printf"):
            words = [w for w in src.args if w.text not in ("-n", "-e", "-E")]
            if not words:
                continue
            if any(w.dynamic for w in words):
                out.append(_Source(shown, problem=f"the SQL piped from `{_short(shown)}` is "
                                                  "built at run time"))
                continue
            text = " ".join(w.text for w in words) if name == "echo" else words[0].text
            if name == "printf" or "-e" in src.texts:
                text = text.replace("\\n", "\n").replace("\\t", "\t")
            out.append(_Source(f"the SQL piped from {name}", text))
        elif name == "cat" and src.stdin_text is not None:
            out.append(_Source("the SQL piped from cat", src.stdin_text))
        elif name == "cat":
            files = [w for w in src.args if not w.text.startswith("-")]
            for w in files:
                out.append(_file_source(w.text, f"cat {w.text} | {client}", src, ctx,
                                        dynamic=w.dynamic))
        elif name in _DUMPERS:
            out.extend(_dump_source(src, client))
        elif name in ("true", "false", ":"):
            continue
        else:
            out.append(_Source(shown, problem=f"{client} runs the output of `{_short(shown)}` "
                                              "as SQL, which cannot be read ahead"))
    return out


def _dump_source(src: Invocation, client: str) -> list[_Source]:
    """``pg_dump --clean | psql``: a dump that drops before it recreates."""
    name = src.name or ""
    shown = _short(src.display())
    texts = {w.text for w in src.args}
    if name.startswith("pg_"):
        o = parse_opts(src.args, _PG_DUMP if name != "pg_restore" else _PG_RESTORE)
        if o.has("clean"):
            return [_Source(shown, problem="DUMP-DROPS:" + f"`{shown}` writes DROP statements "
                                           f"(--clean) that {client} runs against its database")]
        return []
    # mysqldump adds DROP TABLE before each table unless told not to
    if texts & {"--skip-add-drop-table", "--no-create-info", "-t", "--compact"} \
            and "--add-drop-database" not in texts:
        return []
    return [_Source(shown, problem="DUMP-DROPS:" + f"`{shown}` writes DROP TABLE before each "
                                   f"table (mysqldump's default), which {client} runs against "
                                   "its database")]


# -- client-side commands inside SQL text ---------------------------------------------------------

_META_NAME = re.compile(r"\\([A-Za-z!.?][A-Za-z+]*|\\)")
_DOLLAR_QUOTE = re.compile(r"\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$")
#: ``\copy ... TO PROGRAM 'cmd'`` / server-side ``COPY ... FROM PROGRAM 'cmd'``
_COPY_PROGRAM = re.compile(r"\bprogram\s+(?:E)?'((?:[^']|'')*)'", re.IGNORECASE)
#: psql commands whose argument is the rest of the line, backslashes and all
_WHOLE_LINE = frozenset({"\\!", "\\copy", "\\ef", "\\ev", "\\sf", "\\sv", "\\h", "\\help"})


def _backslash_commands(text: str, meta: str) -> tuple[str, list[tuple[str, str, str]]]:
    """A client's text split into its SQL and its backslash commands (name, argument, as
    written). psql and mysql take a backslash outside quotes and comments as a command wherever
    it stands on a line (``select 1;\\! rm -rf ~``); its argument runs to the end of the line,
    or in psql to the next backslash (``\\\\`` goes back to SQL)."""
    sql: list[str] = []
    cmds: list[tuple[str, str, str]] = []
    quotes = "'\"`" if meta == "mysql" else "'\""
    i = start = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in quotes:
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" and meta == "mysql" else 1
            i = j + 1
        elif c == "$" and meta == "psql" and (i == 0 or not (text[i - 1].isalnum()
                                                             or text[i - 1] == "_")):
            m = _DOLLAR_QUOTE.match(text, i)
            if m is None:
                i += 1
                continue
            j = text.find(m.group(0), m.end())
            i = n if j < 0 else j + len(m.group(0))
        elif text.startswith("--", i) or (c == "#" and meta == "mysql"):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i) and not text.startswith("/*!", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif c == "\\":
            m = _META_NAME.match(text, i)
            sql.append(text[start:i])
            if m is None:
                i = start = i + 1
                continue
            name = "\\" + m.group(1)
            if name == "\\\\":
                i = start = m.end()
                continue
            eol = text.find("\n", m.end())
            eol = n if eol < 0 else eol
            end = eol
            if meta == "psql" and name not in _WHOLE_LINE:
                nxt = _unquoted_backslash(text, m.end(), eol)
                end = eol if nxt is None else nxt
            if meta == "mysql" and name not in ("\\!", "\\.", "\\u"):
                end = m.end()  # mysql's own commands (\G, \c, \q ...) take the rest as SQL
            cmds.append((name, text[m.end():end].strip(), text[i:end].strip()))
            i = start = end
        else:
            i += 1
    sql.append(text[start:])
    return "".join(sql), cmds


def _unquoted_backslash(text: str, i: int, end: int) -> int | None:
    quote = ""
    while i < end:
        c = text[i]
        if quote:
            if c == quote:
                quote = ""
        elif c in "'\"`":
            quote = c
        elif c == "\\":
            return i
        i += 1
    return None


def _programs(name: str, arg: str) -> list[str]:
    """The shell commands a psql backslash command runs: ``\\!``, output piped to a program
    (``\\o |cmd``, ``\\g |cmd``), ``\\copy ... PROGRAM 'cmd'``, and backquoted text in any
    argument (``\\set x `cmd```)."""
    if name == "\\!":
        return [arg]
    if name in ("\\o", "\\out", "\\g", "\\gx", "\\w", "\\write") and arg.startswith("|"):
        return [arg[1:].strip()]
    if name == "\\copy":
        return [m.group(1).replace("''", "'") for m in _COPY_PROGRAM.finditer(arg)]
    return re.findall(r"`([^`]*)`", arg)


def _shell_findings(command: str, label: str, inv: Invocation, ctx: Context) -> list[Finding]:
    """A shell command a database client runs, judged as the command it is (on top of the
    DB005 that asks about it): ``\\! rm -rf ~`` is refused as ``rm -rf ~`` would be."""
    if not command.strip() or inv.remote:
        return []
    from railguard.engine import evaluate
    from railguard.model import Action

    act = ctx.action
    other = Action("shell", act.tool, command=command, cwd=inv.cwd or act.cwd,
                   project_dir=act.project_dir, permission_mode=act.permission_mode)
    shown = _short(command, 60)
    return [Finding(f.rule_id, f"{label} runs `{shown}`: {f.message}", subject=inv.display())
            for f in evaluate(other, ctx.config).findings]


def _client_commands(src: _Source, meta: str, inv: Invocation, ctx: Context,
                     depth: int) -> tuple[str, list[_Source], list[Finding]]:
    """Split a client's text into SQL, included files, and findings about client commands."""
    assert src.text is not None
    if not meta:
        return src.text, [], []
    includes: list[_Source] = []
    findings: list[Finding] = []
    base_dir = os.path.dirname(src.path) if src.path else inv.cwd
    found: list[tuple[str, str, str]] = []
    if meta in ("psql", "mysql"):
        text, found = _backslash_commands(src.text, meta)
    else:
        text = src.text
    sql_lines: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        head = line
        if meta == "dot" and stripped.startswith("."):
            cmd, _, arg = stripped.partition(" ")
            found.append((cmd, arg.strip(), stripped))
            head = ""
        elif meta == "mysql":
            low = stripped.lower()
            if low.startswith("source "):
                found.append(("source", stripped.split(None, 1)[1].rstrip(";"), stripped))
                head = ""
            elif low.startswith("system "):
                found.append(("\\!", stripped.split(None, 1)[1], stripped))
                head = ""
        sql_lines.append(head)
    for cmd, arg, shown in found:
        raw = arg
        arg = arg.strip().strip("'\"")
        if cmd in ("\\i", "\\include", "\\ir", "\\include_relative", ".read", "source", "\\."):
            rel_base = base_dir if cmd in ("\\ir", "\\include_relative") else inv.cwd
            first = arg.split()[0] if arg.split() else ""
            if first and depth < MAX_INCLUDE_DEPTH:
                includes.append(_file_source(first, f"{cmd} {first}", inv, ctx, base=rel_base))
        if cmd in (".shell", ".system"):
            programs = [raw]
        elif cmd in (".output", ".once", ".import"):
            programs = [arg[1:].strip()] if arg.startswith("|") else []
            if cmd == ".import" and raw.startswith(("'|", '"|')):
                programs = [raw[2:].split(raw[0], 1)[0]]
        elif cmd.startswith("\\"):
            programs = _programs(cmd, raw)
        else:
            programs = []
        for program in programs:
            findings.append(_f("DB005", f"{src.label} runs a shell command from inside the "
                                        f"database client ({_short(shown)})", inv))
            findings.extend(_shell_findings(program, f"{src.label} ({cmd})", inv, ctx))
        if cmd.startswith("\\gexec"):
            findings.append(_f("DB005", f"{src.label} runs the result of a query as SQL "
                                        f"(\\gexec): what it runs is built at run time", inv))
        elif cmd == ".load":
            findings.append(_f("DB005", f"`{_short(shown)}` loads a native library into the "
                                        "database client: code that cannot be checked", inv))
        elif cmd == ".restore":
            findings.append(_f("DB008", f"`{_short(shown)}` replaces the database's content "
                                        "with a backup's", inv))
    return "\n".join(sql_lines), includes, findings


def _sql_findings(sources: list[_Source], dialect: str, client: str, meta: str,
                  inv: Invocation, ctx: Context, depth: int = 0) -> list[Finding]:
    out: list[Finding] = []
    for src in sources:
        if src.problem is not None:
            if src.problem.startswith("DUMP-DROPS:"):
                out.append(_f("DB008", src.problem[len("DUMP-DROPS:"):], inv))
            else:
                out.append(_f("DB005", src.problem, inv))
            continue
        if src.text is None:
            continue
        text, includes, found = _client_commands(src, meta, inv, ctx, depth)
        out.extend(found)
        if includes:
            out.extend(_sql_findings(includes, dialect, client, meta, inv, ctx, depth + 1))
        for program in _server_programs(text):
            out.append(_f("DB005", f"{src.label} has the database server run a shell command "
                                   f"(COPY ... PROGRAM '{_short(program, 60)}')", inv))
            out.extend(_shell_findings(program, f"{src.label} (COPY ... PROGRAM)", inv, ctx))
        out.extend(judge_sql(text, dialect, src.label, inv))
    return out


_SERVER_PROGRAM = re.compile(r"\bcopy\b[^;]*?\bprogram\s+E?'((?:[^']|'')*)'",
                        re.IGNORECASE | re.DOTALL)


def _server_programs(text: str) -> list[str]:
    """``COPY t TO PROGRAM 'cmd'``: PostgreSQL runs the command on the server's machine."""
    if "program" not in text.lower():
        return []
    return [m.group(1).replace("''", "'") for m in _SERVER_PROGRAM.finditer(text)]


def judge_sql(text: str, dialect: str, label: str, inv: Invocation | None = None,
              *, lenient: bool = False) -> list[Finding]:
    """The SQL check: parsed (lazily) only when the keyword scan finds a risky statement.

    ``lenient``: the text may not be SQL at all (an MCP tool's free-form ``query``), so text
    that does not parse is left alone instead of asked about.
    """
    if not text.strip() or not risky(text):
        return []
    from railguard import sql as sqlcheck

    return [_f(rid, f"{msg} ({label})", inv)
            for rid, msg in sqlcheck.check(text, (dialect,) if dialect else (), label)
            if not (lenient and rid == "DB005")]


def _client(inv: Invocation, client: _Client, shown: str, ctx: Context) -> list[Finding]:
    args = inv.args
    if client is _MYSQL:
        # -pSECRET is a password glued to -p; a bare -p prompts: neither takes the next word
        args = [w for w in args if not (w.text.startswith("-p") and not w.text.startswith("--"))]
    o = parse_opts(args, client.spec)
    sources: list[_Source] = []
    for key in client.sql:
        for value in o.values.get(key, []):
            word = next((w for w in args if w.text == value), Word(value))
            sources.append(_word_source(word, f"{shown} {_opt_name(args, value)}".strip(),
                                        ctx=ctx))
    for key in client.files:
        for value in o.values.get(key, []):
            word = next((w for w in args if w.text == value), Word(value))
            sources.append(_file_source(value, f"{shown} -f {value}", inv, ctx,
                                        dynamic=word.dynamic))
    if not sources and not o.has("list", "l", "version", "V", "help"):
        sources = _stdin_sources(inv, shown, ctx)
    return _sql_findings(sources, client.dialect, shown, client.meta, inv, ctx)


def _opt_name(args: list[Word], value: str) -> str:
    for i, w in enumerate(args):
        if w.text == value and i > 0 and args[i - 1].text.startswith("-"):
            return args[i - 1].text
        if w.text.endswith("=" + value):
            return w.text.split("=", 1)[0]
    return ""


def _embedded(inv: Invocation, name: str, ctx: Context) -> list[Finding]:
    dialect = _EMBEDDED[name]
    positionals: list[Word] = []
    sources: list[_Source] = []
    readonly = False
    items = list(inv.args)
    i = 0
    while i < len(items):
        w = items[i]
        i += 1
        t = w.text
        if t.startswith("-") and len(t) > 1 and not positionals:
            opt = t.lstrip("-")
            if opt in ("readonly", "safe"):
                readonly = readonly or opt == "readonly"
                continue
            if opt in ("version", "help"):
                return []
            if opt in _EMBEDDED_VALUED and i < len(items):
                value = items[i]
                i += 1
                if opt in ("cmd", "c", "s"):
                    sources.append(_word_source(value, f"{name} -{opt}", ctx=ctx))
                elif opt in ("init", "f"):
                    sources.append(_file_source(value.text, f"{name} -{opt} {value.text}", inv,
                                                ctx, dynamic=value.dynamic))
            continue
        positionals.append(w)
    for w in positionals[1:]:
        sources.append(_word_source(w, f"{name} {_short(positionals[0].text, 40)}", ctx=ctx))
    if len(positionals) <= 1 and not any(s.label.endswith(("-c", "-s")) for s in sources):
        sources.extend(_stdin_sources(inv, name, ctx))
    if readonly:
        return []  # the database is opened read-only: nothing can be destroyed through it
    return _sql_findings(sources, dialect, name, "dot", inv, ctx)


# -- MongoDB, Redis, admin tools ----------------------------------------------------------------

_MONGO_DROP = re.compile(r"\.\s*(dropDatabase|drop)\s*\(\s*\)")
_MONGO_ALL = re.compile(r"\.\s*(deleteMany|remove)\s*\(\s*(\{\s*\})?\s*(\)|,)")
_MONGO_CMD = re.compile(r"\b(dropDatabase|drop)\s*:\s*")


def _mongo(inv: Invocation, name: str, ctx: Context) -> list[Finding]:
    o = parse_opts(inv.args, _MONGO)
    sources: list[_Source] = []
    for code in o.values.get("eval", []):
        word = next((w for w in inv.args if w.text == code or w.text.endswith("=" + code)),
                    Word(code))
        sources.append(_word_source(word, f"{name} --eval", js=True, ctx=ctx))
    files = [*o.values.get("file", []), *(w.text for w in o.positionals if w.text.endswith(".js"))]
    for f in files:
        sources.append(_file_source(f, f"{name} {f}", inv, ctx))
    if not sources:
        if inv.stdin_text is not None:
            sources.append(_Source(f"the code given to {name} on standard input", inv.stdin_text))
        elif any(r.op == "<" for r in inv.redirects) or inv.pipe_from:
            sources.extend(s for s in _stdin_sources(inv, name, ctx) if s.problem is None)
    out: list[Finding] = []
    for src in sources:
        if src.problem is not None:
            out.append(_f("DB005", src.problem, inv))
            continue
        code = src.text or ""
        for m in _MONGO_DROP.finditer(code):
            what = "the whole database" if m.group(1) == "dropDatabase" else \
                "a collection with every document in it"
            out.append(_f("DB006", f"{_snippet(code, m)} drops {what} ({src.label})", inv))
        for m in _MONGO_ALL.finditer(code):
            out.append(_f("DB006", f"{_snippet(code, m)} has an empty filter: it deletes every "
                                   f"document of the collection ({src.label})", inv))
        for m in _MONGO_CMD.finditer(code):
            if "runCommand" in code or "adminCommand" in code:
                out.append(_f("DB006", f"a `{m.group(1)}` command drops "
                                       f"{'the database' if m.group(1) == 'dropDatabase' else 'a collection'}"
                                       f" ({src.label})", inv))
    return out


def _snippet(code: str, m: re.Match[str]) -> str:
    start = code.rfind(" ", 0, m.start()) + 1
    start = max(start, code.rfind(";", 0, m.start()) + 1, code.rfind("\n", 0, m.start()) + 1)
    return "`" + _short(code[start : m.end()].strip(), 60) + "`"


_REDIS_FLUSH = frozenset({"flushall", "flushdb"})


_REDIS_SCRIPT_FLUSH = re.compile(r"\bflush(all|db)\b", re.IGNORECASE)


def _redis_command(words: list[str]) -> str | None:
    """What one Redis command destroys beside FLUSHALL/FLUSHDB: a script that flushes, a
    shutdown that throws the unsaved writes away."""
    cmd = words[0].lower()
    if cmd in ("eval", "eval_ro", "evalsha", "evalsha_ro", "fcall", "fcall_ro") and \
            len(words) > 1 and _REDIS_SCRIPT_FLUSH.search(words[1]):
        flush = _REDIS_SCRIPT_FLUSH.search(words[1])
        assert flush is not None
        return (f"the script run by {cmd.upper()} calls {flush.group(0).upper()}, which "
                "deletes every key of " + ("every Redis database" if flush.group(1).lower()
                                           == "all" else "the selected Redis database"))
    if cmd == "shutdown" and any(w.lower() == "nosave" for w in words[1:]):
        return ("SHUTDOWN NOSAVE stops the server without saving: every write since the last "
                "snapshot is lost (all of the data when the server keeps none on disk)")
    return None


def _redis(inv: Invocation, name: str, ctx: Context) -> list[Finding]:
    o = parse_opts(inv.args, _REDIS)
    rest = o.rest
    db = o.value("n")
    where = f" (database {db})" if db else ""
    if rest and rest[0].dynamic:
        parts = _unknown_parts(rest[0].text)
        read = _read_substitution(rest[0], parts, ctx)
        if read is None or parts[0] != (0, len(rest[0].text)):
            # ``redis-cli "$CMD"``: the command itself is known only at run time
            return [_f("DB005", f"the command {name} sends ({_short(rest[0].text)}) is known "
                                "only at run time", inv)]
        # ``redis-cli $(cat cmd.txt)``: the file's words are the command
        rest = [Word(t) for t in read.split()] + list(rest[1:])
    if rest and rest[0].text.lower() in ("eval", "eval_ro") and len(rest) > 1 and \
            rest[1].dynamic:
        return [_f("DB005", f"the script {name} runs with {rest[0].text.upper()} is known only "
                            f"at run time ({_short(rest[1].text)})", inv)]
    if rest:
        cmd = rest[0].text.lower()
        if cmd == "flushall":
            return [_f("DB007", "FLUSHALL deletes every key of every Redis database", inv)]
        if cmd == "flushdb":
            return [_f("DB007", f"FLUSHDB deletes every key of the selected Redis database"
                                f"{where}", inv)]
        other = _redis_command([w.text for w in rest])
        if other is not None:
            return [_f("DB007", other, inv)]
        if cmd in ("del", "unlink") and (inv.inputs_dynamic or o.has("x")):
            source = "its input" if o.has("x") else "the keys it is fed at run time"
            return [_f("DB007", f"{cmd.upper()} deletes {source}: keys nobody listed "
                                f"({'via ' + ', '.join(inv.via) if inv.via else name})",
                       inv)]
        return []
    out: list[Finding] = []
    for src in _stdin_sources(inv, name, ctx):
        if src.text is None:
            continue
        for line in src.text.splitlines():
            words = line.split()
            if words and words[0].lower() in _REDIS_FLUSH:
                out.append(_f("DB007", f"{words[0].upper()} (from {src.label}) deletes every key "
                                       f"of {'every' if words[0].lower() == 'flushall' else 'the'}"
                                       " Redis database", inv))
            elif words:
                scripted = words[0].lower().startswith(("eval", "fcall"))
                other = _redis_command([words[0], line] if scripted else words)
                if other is not None:
                    out.append(_f("DB007", f"{other} (from {src.label})", inv))
    return out


def _admin(inv: Invocation, name: str) -> list[Finding]:
    if name == "dropdb":
        o = parse_opts(inv.args, _DROPDB)
        if o.has("help", "version") or not o.positionals:
            return []
        db = o.positionals[0].text
        return [_f("DB008", f"dropdb deletes the database {db} with every table and row in it",
                   inv)]
    if name == "mongorestore":
        o = parse_opts(inv.args, _MONGORESTORE)
        if not o.has("drop") or o.has("dryrun", "help", "version"):
            return []
        where = o.value("uri") or o.value("host") or "the target server"
        what = o.value("db") or o.value("ns") or "each collection in the dump"
        return [_f("DB008", f"mongorestore --drop drops {what} on {where} before restoring the "
                            "dump: documents written since the dump are lost", inv)]
    if name == "pg_restore":
        o = parse_opts(inv.args, _PG_RESTORE)
        if o.has("clean") and o.value("dbname") and not o.has("list"):
            return [_f("DB008", f"pg_restore --clean drops every object of the dump in the "
                                f"database {o.value('dbname')} before recreating it: rows added "
                                "since the dump are lost", inv)]
        return []
    # mysqladmin / mariadb-admin
    words = _positionals(inv.args)
    for i, w in enumerate(words):
        if w.lower() in ("drop", "drop-database"):
            db = words[i + 1] if i + 1 < len(words) else "a database"
            return [_f("DB008", f"{name} drop deletes the database {db} with every table in it",
                       inv)]
    return []


# -- key-value stores: etcd, Consul --------------------------------------------------------------

_ETCD = OptSpec(
    {"--prefix": "prefix", "--from-key": "fromkey", "--prev-kv": "prevkv", "--help": "help",
     "-h": "help", "--hex": "hex", "--debug": "debug", "--insecure-transport": "it",
     "--insecure-skip-tls-verify": "isv", "--insecure-discovery": "id", "--keepalive": "ka",
     "-r": "recursive", "--recursive": "recursive", "--dir": "dir"},
    {"--endpoints": "endpoints", "--user": "user", "--password": "pw", "--cacert": "cacert",
     "--cert": "cert", "--key": "key", "--dial-timeout": "dt", "--command-timeout": "ct",
     "--keepalive-time": "kt", "--keepalive-timeout": "kto", "--discovery-srv": "ds",
     "-d": "ds", "--discovery-srv-name": "dsn", "-w": "out", "--write-out": "out",
     "--range": "range", "--with-value": "wv", "--auth-jwt-token": "jwt"},
)


def _kv_stores(inv: Invocation, name: str) -> list[Finding]:
    """``etcdctl del --prefix`` / ``--from-key`` / a range, ``consul kv delete -recurse``."""
    if name == "etcdctl":
        o = parse_opts(inv.args, _ETCD)
        words = [w.text for w in o.positionals]
        if o.has("help") or not words:
            return []
        cmd, keys = words[0], words[1:]
        if cmd == "del" and (o.has("prefix", "fromkey") or len(keys) >= 2):
            key = keys[0] if keys else ""
            if o.has("fromkey"):
                what = ("every key of the store" if key in ("", "\0", "\x00")
                        else f"every key from {key!r} on")
            elif o.has("prefix"):
                what = ("every key of the store" if key in ("", "/")
                        else f"every key under the prefix {key!r}")
            else:
                what = f"every key from {keys[0]!r} to {keys[1]!r}"
            return [_f("DB019", f"etcdctl del deletes {what}", inv)]
        if cmd == "rm" and o.has("recursive"):  # the v2 API
            key = keys[0] if keys else "/"
            return [_f("DB019", f"etcdctl rm --recursive deletes every key under {key}", inv)]
        return []
    # consul kv delete [-recurse] [options] KEY
    args = [w.text for w in inv.args]
    pos = [t for t in args if not t.startswith("-")]
    flags = {t.lstrip("-").split("=", 1)[0]: t.partition("=")[2].lower() for t in args
             if t.startswith("-")}
    if pos[:2] != ["kv", "delete"] or "help" in flags or "h" in flags:
        return []
    if "recurse" in flags and flags["recurse"] not in ("false", "0"):
        key = pos[2] if len(pos) > 2 else ""
        what = f"every key under the prefix {key!r}" if key.strip("/") else \
            "every key of the store"
        return [_f("DB019", f"consul kv delete -recurse deletes {what}", inv)]
    return []


def _usql(inv: Invocation, ctx: Context) -> list[Finding]:
    """``usql DSN -c SQL``: the dialect comes from the DSN's scheme."""
    o = parse_opts(inv.args, _USQL_SPEC)
    dsn = o.positionals[0].text if o.positionals else ""
    scheme = dsn.split(":", 1)[0].split("+", 1)[0].lower() if ":" in dsn else ""
    dialect = _USQL_DIALECTS.get(scheme, "")
    if not scheme and dsn.endswith((".db", ".sqlite", ".sqlite3")):
        dialect = "sqlite"
    return _client(inv, _Client(dialect, _USQL_SPEC, meta="psql"), "usql", ctx)


# -- ORMs and migration tools -------------------------------------------------------------------


def _prisma(inv: Invocation, ctx: Context) -> list[Finding]:
    words = _positionals(inv.args)
    flags = {w.text.split("=", 1)[0] for w in inv.args}
    if "--help" in flags or "-h" in flags:
        return []
    if words[:2] == ["db", "push"]:
        if "--accept-data-loss" in flags:
            return [_f("DB009", "prisma db push --accept-data-loss applies the schema even where "
                                "it drops columns or tables, deleting their data", inv)]
        if "--force-reset" in flags:
            return [_f("DB009", "prisma db push --force-reset drops the whole database and "
                                "recreates it empty", inv)]
    if words[:2] == ["migrate", "reset"]:
        return [_f("DB009", "prisma migrate reset drops the database and recreates it from the "
                            "migrations: every row is lost", inv)]
    if words[:2] == ["db", "execute"]:
        o = parse_opts(inv.args[2:], _PRISMA_EXECUTE.spec)
        sources: list[_Source] = []
        if o.value("file"):
            sources.append(_file_source(o.value("file") or "", "prisma db execute --file", inv,
                                        ctx))
        elif o.has("stdin"):
            sources = _stdin_sources(inv, "prisma db execute", ctx)
        return _sql_findings(sources, "", "prisma db execute", "", inv, ctx)
    return []


def _django(inv: Invocation, name: str) -> list[Finding]:
    args = [w.text for w in inv.args]
    if name in ("django-admin", "manage.py"):
        rest = args
    else:
        # python [opts] manage.py CMD / python -m django CMD
        i = 0
        rest = []
        while i < len(args):
            t = args[i]
            if t == "-m":
                if i + 1 < len(args) and args[i + 1] == "django":
                    rest = args[i + 2 :]
                break
            if t.startswith("-"):
                i += 2 if t in ("-W", "-X", "-c") else 1
                continue
            if t.rsplit("/", 1)[-1] == "manage.py":
                rest = args[i + 1 :]
            break
        else:
            return []
        if not rest:
            return []
    words = [t for t in rest if not t.startswith("-")]
    if not words:
        return []
    cmd = words[0]
    shown = "manage.py" if name != "django-admin" else "django-admin"
    if cmd in _DJANGO_DESTRUCTIVE:
        what = ("removes all data from every table" if cmd == "flush"
                else "drops the database (or schema) and recreates it empty")
        return [_f("DB013", f"{shown} {cmd} {what}", inv)]
    if cmd == "migrate" and len(words) >= 3 and words[2] == "zero":
        return [_f("DB014", f"{shown} migrate {words[1]} zero unapplies every migration of "
                            f"{words[1]}, dropping its tables", inv)]
    return []


def _tools(inv: Invocation, name: str) -> list[Finding]:
    words = _positionals(inv.args)
    flags = {w.text.split("=", 1)[0] for w in inv.args if w.text.startswith("-")}
    if "--help" in flags or "-h" in flags:
        return []
    out: list[Finding] = []
    if name == "drizzle-kit":
        if words and words[0].startswith("push") and flags & {"--force", "-f"}:
            out.append(_f("DB010", "drizzle-kit push --force applies the schema diff with its "
                                   "data-loss statements (DROP, TRUNCATE) without asking", inv))
    elif name == "atlas":
        if words[:2] in (["schema", "apply"], ["schema", "clean"]) and \
                "--auto-approve" in flags:
            what = ("drops every object in the schema" if words[1] == "clean"
                    else "applies the schema diff, with its DROPs, without showing it")
            out.append(_f("DB010", f"atlas schema {words[1]} --auto-approve {what}", inv))
    elif name in ("rails", "rake"):
        for w in words:
            # ``db:drop:primary``: the same task for one database of a multi-database app
            task = w if w in _RAILS_DESTRUCTIVE or w in _RAILS_ROLLBACK or w.count(":") < 2 \
                else w.rsplit(":", 1)[0]
            if task in _RAILS_DESTRUCTIVE:
                out.append(_f("DB012", f"{name} {w} drops or empties the database", inv))
            elif task in _RAILS_ROLLBACK:
                step = next((a.text for a in inv.args
                             if a.text.startswith(("STEP=", "VERSION="))), "")
                what = _RAILS_ROLLBACK[task]
                if step.startswith("STEP=") and task != "db:migrate:down":
                    what = what.replace("the last migration (STEP=n: the last n)",
                                        f"the last {step[5:]} migrations")
                out.append(_f("DB014", f"{name} {w}{' ' + step if step else ''} {what}, "
                                       "dropping the tables and columns they created with "
                                       "their rows", inv))
        if "db:migrate" in words and any(a.text in ("VERSION=0", "VERSION=00")
                                         for a in inv.args):
            out.append(_f("DB014", f"{name} db:migrate VERSION=0 rolls back every migration, "
                                   "dropping the tables they created", inv))
    elif name == "alembic":
        if "downgrade" in words and "--sql" not in flags:
            target = words[words.index("downgrade") + 1] if \
                words.index("downgrade") + 1 < len(words) else "?"
            target = next((a.text for a in inv.args
                           if a.text.startswith("-") and a.text[1:].isdigit()), target)
            out.append(_f("DB014", f"alembic downgrade {target} runs the down migrations, "
                                   "dropping the tables and columns they had created", inv))
    elif name == "flask":
        if words[:2] == ["db", "downgrade"] and "--sql" not in flags:
            out.append(_f("DB014", "flask db downgrade runs down migrations, dropping the "
                                   "tables and columns they had created", inv))
    elif name == "knex":
        if words and words[0] == "migrate:rollback" and "--all" in flags:
            out.append(_f("DB014", "knex migrate:rollback --all reverts every migration batch, "
                                   "dropping the tables they created", inv))
        elif words and words[0] in ("migrate:rollback", "migrate:down"):
            what = "the last batch of migrations" if words[0] == "migrate:rollback" else \
                "the last migration"
            out.append(_f("DB014", f"knex {words[0]} reverts {what}, dropping the tables and "
                                   "columns it created", inv))
    elif name in ("sequelize", "sequelize-cli"):
        if words and words[0] == "db:drop":
            out.append(_f("DB015", f"{name} db:drop runs DROP DATABASE", inv))
        elif words and words[0] in ("db:migrate:undo:all", "db:seed:undo:all"):
            what = "every migration" if "migrate" in words[0] else "every seeder's rows"
            out.append(_f("DB014", f"{name} {words[0]} undoes {what}", inv))
        elif words and words[0] in ("db:migrate:undo", "db:seed:undo"):
            what = ("the last migration (--name/--to: those), dropping what it created"
                    if "migrate" in words[0] else "the last seeder, deleting its rows")
            out.append(_f("DB014", f"{name} {words[0]} undoes {what}", inv))
    elif name in _TYPEORM:
        if words and words[0] == "schema:drop":
            out.append(_f("DB015", f"{name} schema:drop drops every table in the database",
                          inv))
        elif words and words[0] == "schema:sync":
            out.append(_f("DB010", f"{name} schema:sync applies the entities to the database "
                                   "without showing the SQL, dropping the columns and tables "
                                   "they no longer map", inv))
        elif words and words[0] == "migration:revert" and not flags & {"--fake", "-f"}:
            out.append(_f("DB014", f"{name} migration:revert runs the last migration's down "
                                   "step, dropping what it created", inv))
    elif name == "dbt":
        if flags & {"--full-refresh"} or (words and words[0] in ("run", "build", "seed")
                                          and "-f" in flags):
            out.append(_f("DB017", "dbt --full-refresh drops and rebuilds incremental models "
                                   "from the source", inv))
    return out


#: valued options of diesel, sqlx, dbmate and goose (the words after them are not commands)
_MIGRATOR_VALUED = frozenset(
    """--database-url -D --migration-dir --migrations-dir --config-file --source -u --url -e
    --env -d -s --schema-file --migrations-table --env-file --wait-timeout -dir -table
    -certfile -ssl-cert -ssl-key -timeout --connect-timeout --target-version""".split()
)


def _past_options(texts: list[str], valued: frozenset[str]) -> list[str]:
    """The words of ``texts`` that are neither options nor an option's value (``--opt V``
    when ``--opt`` is one of ``valued``; ``--opt=V`` is one word)."""
    out: list[str] = []
    i = 0
    while i < len(texts):
        t = texts[i]
        i += 1
        if t.startswith("-") and len(t) > 1:
            if "=" not in t and t in valued:
                i += 1
            continue
        out.append(t)
    return out


def _rust_go_migrations(inv: Invocation, name: str) -> list[Finding]:
    """diesel, sqlx (Rust), dbmate, goose (Go): drops, resets and rollbacks."""
    args = [w.text for w in inv.args]
    if any(t in ("--help", "-h", "help", "-help") for t in args):
        return []
    words = _past_options(args, _MIGRATOR_VALUED)
    every = "--all" in args
    if name in ("diesel", "sqlx"):
        group = {"db": "database"}.get(words[0], words[0]) if words else ""
        sub = words[1] if len(words) > 1 else ""
        if group == "database" and sub in ("reset", "drop"):
            what = ("drops the database and recreates it from the migrations" if sub == "reset"
                    else "drops the database")
            return [_f("DB015", f"{name} database {sub} {what}: every row is lost", inv)]
        if group in ("migration", "migrate") and sub in ("revert", "redo"):
            scope = "every migration" if every else "the last migration"
            again = " and applies it again" if sub == "redo" else ""
            return [_f("DB014", f"{name} {group} {sub} reverts {scope}{again}, dropping the "
                                "tables and columns it created with their rows", inv)]
        return []
    if name == "dbmate":
        cmd = words[0] if words else ""
        if cmd == "drop":
            return [_f("DB015", "dbmate drop drops the database: every row is lost", inv)]
        if cmd in ("rollback", "down"):
            return [_f("DB014", f"dbmate {cmd} rolls back the last migration, dropping what "
                                "it created", inv)]
        return []
    # goose [OPTIONS] DRIVER DBSTRING COMMAND (driver and database may come from GOOSE_*)
    cmd = next((w for w in words if w in ("reset", "down", "down-to", "redo")), "")
    if cmd == "reset":
        return [_f("DB014", "goose reset rolls back every migration, dropping the tables they "
                            "created", inv)]
    if cmd:
        return [_f("DB014", f"goose {cmd} rolls back migrations, dropping what they created",
                   inv)]
    return []


# -- framework consoles and more migration tools -----------------------------------------------

#: Symfony-console commands (Laravel's artisan, a Symfony app's bin/console, Doctrine's own
#: consoles) that drop, empty or roll back the database: name -> (rule, what it does, the options
#: that make it only print its SQL, whether it runs only with --force)
_CONSOLE: dict[str, tuple[str, str, tuple[str, ...], bool]] = {
    "migrate:fresh": ("DB015", "drops every table of the database, whatever created it, and "
                               "runs the migrations again: every row is lost", (), False),
    "db:wipe": ("DB015", "drops every table (with --drop-views and --drop-types, the views and "
                         "types too): every row is lost", (), False),
    "migrate:reset": ("DB014", "rolls back every migration, dropping the tables and columns "
                               "they created with their rows", ("--pretend",), False),
    "migrate:refresh": ("DB014", "rolls back every migration (--step: the last ones) and runs "
                                 "them again: the rows of the tables they created are lost", (),
                        False),
    "migrate:rollback": ("DB014", "rolls back the last batch of migrations (--step, --batch: "
                                  "those), dropping the tables and columns they created with "
                                  "their rows", ("--pretend",), False),
    "doctrine:database:drop": ("DB015", "drops the database: every row is lost", (), True),
    "doctrine:schema:drop": ("DB015", "drops every table the entities map (--full-database: "
                                      "every table): their rows are lost", ("--dump-sql",), True),
    "orm:schema-tool:drop": ("DB015", "drops every table the entities map (--full-database: "
                                      "every table): their rows are lost", ("--dump-sql",), True),
    "doctrine:schema:update": ("DB010", "applies the entity mapping without showing the SQL, "
                                        "dropping the columns and tables the entities no longer "
                                        "map, with their data", (), True),
    "orm:schema-tool:update": ("DB010", "applies the entity mapping without showing the SQL, "
                                        "dropping the columns and tables the entities no longer "
                                        "map, with their data", (), True),
    "doctrine:migrations:migrate": ("DB014", "", ("--dry-run", "--write-sql"), False),
    "migrations:migrate": ("DB014", "", ("--dry-run", "--write-sql"), False),
    "doctrine:migrations:execute": ("DB014", "", ("--dry-run", "--write-sql"), False),
    "migrations:execute": ("DB014", "", ("--dry-run", "--write-sql"), False),
}
#: Doctrine Migrations' own console, whose commands also answer to a short alias
_DOCTRINE_MIGRATIONS: dict[str, tuple[str, str, tuple[str, ...], bool]] = {
    name: ("DB014", "", ("--dry-run", "--write-sql"), False)
    for name in ("migrations:migrate", "migrate", "migrations:execute", "execute")
}
#: Phinx, a Symfony console too
_PHINX: dict[str, tuple[str, str, tuple[str, ...], bool]] = {
    "rollback": ("DB014", "rolls back the last migration (-t: down to that version, -t 0: every "
                          "one), dropping what it created with its rows", ("--dry-run", "-x"),
                 False),
}
#: Doctrine Migrations' options that take a value (the version is the first operand)
_DOCTRINE_VALUED = frozenset(
    {"--configuration", "--em", "--conn", "--db-configuration", "--db", "--namespace",
     "--query-time", "--env", "-e"}
)


def _console_name(word: str, table: dict[str, tuple[str, str, tuple[str, ...], bool]]
                  ) -> str | None:
    """The command of ``table`` a Symfony console runs for ``word``: its name, or (the way
    Symfony finds commands) an abbreviation of each of its parts, ``d:d:d`` for
    doctrine:database:drop, ``migrate:fr`` for migrate:fresh, in any case. An abbreviation
    that fits several commands is refused by the console; it is judged as the first."""
    w = word.lower()
    if w in table:
        return w
    parts = w.split(":")
    if "" in parts:
        return None
    for name in table:
        full = name.split(":")
        if len(full) == len(parts) and all(f.startswith(p) for f, p in zip(full, parts, strict=True)):
            return name
    return None


def _console(inv: Invocation, args: list[Word], shown: str,
             table: dict[str, tuple[str, str, tuple[str, ...], bool]]) -> list[Finding]:
    """``php artisan [--env=E] COMMAND [options]`` and every other Symfony console: the command
    is the first operand, its options may stand anywhere before ``--``."""
    texts = [w.text for w in args]
    if "--" in texts:
        texts = texts[: texts.index("--")]
    if any(t in ("-h", "--help") for t in texts):
        return []
    env = ""
    cmd = -1
    opts: list[str] = []
    i = 0
    while i < len(texts):
        t = texts[i]
        if t in ("--env", "-e") and i + 1 < len(texts):
            env = texts[i + 1]
            i += 2
            continue
        if t.startswith("--env="):
            env = t[6:]
        if t.startswith("-") and len(t) > 1:
            opts.append(t.split("=", 1)[0])
        elif cmd < 0:
            cmd = i
        i += 1
    if cmd < 0 or args[cmd].dynamic:
        return []
    typed = texts[cmd]
    name = _console_name(typed, table)
    if name is None:
        return []
    rule, what, dry, needs_force = table[name]
    if any(o in dry for o in opts):
        return []
    if needs_force and not any(o == "--force" or (not o.startswith("--") and "f" in o[1:])
                               for o in opts):
        return []  # without --force it only says what it would do
    if not what and name.rsplit(":", 1)[-1] == "migrate":
        version = _doctrine_version(texts[cmd + 1 :])
        low = version.lower()
        if low not in ("first", "prev") and not re.fullmatch(r"current-\d+", low):
            return []  # forward, or to a version that may lie either way
        scope = ("every migration" if low == "first" else "the last migration"
                 if low == "prev" else f"the last {low.split('-', 1)[1]} migration(s)")
        what = (f"rolls back {scope} ({version}), dropping the tables and columns they created "
                "with their rows")
    elif not what:
        if "--down" not in opts:
            return []
        what = ("runs the down steps of the migrations it names, dropping what they created "
                "with their rows")
    ran = f" (runs {name})" if typed.lower() != name else ""
    where = f" in environment {env}" if env else ""
    return [_f(rule, f"{shown} {typed}{ran}{where} {what}", inv)]


def _doctrine_version(words: list[str]) -> str:
    """The version operand of ``migrations:migrate`` (default: latest)."""
    i = 0
    while i < len(words):
        t = words[i]
        i += 1
        if t.startswith("-"):
            if "=" not in t and t in _DOCTRINE_VALUED:
                i += 1
            continue
        return t
    return "latest"


#: PHP's options that take a value (``-r CODE`` is read as code elsewhere)
_PHP_VALUED = frozenset("-c -d -z -t -S -B -R -F -E --rf --rc --re --rz --ri".split())


def _php(inv: Invocation, args: list[Word], shown: str) -> list[Finding]:
    """``php [options] SCRIPT ARGS``: the console the script is."""
    i = 0
    script: Word | None = None
    while i < len(args):
        t = args[i].text
        if t == "-f" and i + 1 < len(args):
            script = args[i + 1]
            i += 2
            if i < len(args) and args[i].text == "--":
                i += 1
            break
        if t == "--" or t.startswith("-r"):
            return []  # code given inline, or a script read from standard input
        if t.startswith("-") and len(t) > 1:
            i += 2 if t in _PHP_VALUED else 1
            continue
        script = args[i]
        i += 1
        break
    if script is None or script.dynamic:
        return []
    return _php_script(inv, script.text, args[i:], f"{shown} {script.text}")


def _php_script(inv: Invocation, script: str, args: list[Word], shown: str) -> list[Finding]:
    base = script.replace("\\", "/").rsplit("/", 1)[-1].lower().removesuffix(".php")
    if base in ("artisan", "console", "doctrine"):
        return _console(inv, args, shown, _CONSOLE)
    if base == "doctrine-migrations":
        return _console(inv, args, shown, _DOCTRINE_MIGRATIONS)
    if base == "phinx":
        return _console(inv, args, shown, _PHINX)
    if base == "yii":
        return _yii(inv, args, shown)
    if base == "cake":
        return _cake(inv, args, shown)
    return []


def _yii(inv: Invocation, args: list[Word], shown: str) -> list[Finding]:
    """Yii's ``migrate/fresh``, ``migrate/down [N|all]``, ``migrate/redo [N|all]``."""
    texts = [w.text for w in args]
    if any(t in ("-h", "--help") for t in texts):
        return []
    pos = [t for t in texts if not t.startswith("-")]
    route = pos[0] if pos else ""
    if route == "migrate/fresh":
        return [_f("DB015", f"{shown} migrate/fresh drops every table and runs the migrations "
                            "again: every row is lost", inv)]
    if route in ("migrate/down", "migrate/redo"):
        n = pos[1] if len(pos) > 1 else "1"
        scope = "every migration" if n == "all" else f"the last {n} migration(s)"
        again = " and applies them again" if route.endswith("redo") else ""
        return [_f("DB014", f"{shown} {route} reverts {scope}{again}, dropping the tables and "
                            "columns they created with their rows", inv)]
    return []


def _cake(inv: Invocation, args: list[Word], shown: str) -> list[Finding]:
    """CakePHP's ``bin/cake migrations rollback`` (Phinx underneath)."""
    texts = [w.text for w in args]
    if any(t in ("-h", "--help", "--dry-run", "-x") for t in texts):
        return []
    pos = [t for t in texts if not t.startswith("-")]
    if pos[:2] == ["migrations", "rollback"]:
        return [_f("DB014", f"{shown} migrations rollback rolls back the last migration (-t: "
                            "down to that version), dropping what it created with its rows",
                   inv)]
    return []


#: mix tasks that drop the database (``ecto.reset`` is the alias Phoenix projects define)
_MIX_DROP = {
    "ecto.drop": "drops the database of every configured repo",
    "ecto.reset": "drops the database and sets it up again",
    "ash.reset": "tears down every data layer's storage and sets it up again",
    "ash.tear_down": "tears down every data layer's storage",
    "ash_postgres.drop": "drops the repo's database",
    "ash_sqlite.drop": "drops the repo's database",
}
_MIX_ROLLBACK = frozenset({"ecto.rollback", "ash.rollback", "ash_postgres.rollback",
                           "ash_sqlite.rollback"})


def _mix(inv: Invocation) -> list[Finding]:
    """``mix TASK`` and ``mix do TASK, TASK`` (or ``+``): drops and rollbacks."""
    texts = [w.text for w in inv.args]
    if (texts and texts[0] == "help") or any(t in ("-h", "--help") for t in texts):
        return []
    env = inv.env.get("MIX_ENV", "")
    where = f" (MIX_ENV={env})" if env else ""
    out: list[Finding] = []
    for t in texts:
        task = t.rstrip(",")
        if task in _MIX_DROP:
            out.append(_f("DB015", f"mix {task}{where} {_MIX_DROP[task]}: every row is lost",
                          inv))
        elif task in _MIX_ROLLBACK:
            value = _after(texts, ("--to", "-v", "--to-exclusive"))
            step = _after(texts, ("--step", "-n"))
            scope = ("every migration" if "--all" in texts else
                     f"the migrations down to {value}" if value else
                     f"the last {step} migrations" if step else "the last migration")
            out.append(_f("DB014", f"mix {task}{where} rolls back {scope}, dropping the tables "
                                   "and columns they created with their rows", inv))
    return out


def _after(texts: list[str], names: tuple[str, ...]) -> str:
    """The value of the last of ``names`` given (``--to V`` or ``--to=V``), or ""."""
    value = ""
    for k, t in enumerate(texts):
        head, eq, val = t.partition("=")
        if head in names:
            value = val if eq else (texts[k + 1] if k + 1 < len(texts) else "")
    return value


#: dotnet ef options that take a value
_EF_VALUED = frozenset(
    """-c --context -p --project -s --startup-project --framework --configuration --runtime
    --msbuildprojectextensionspath --connection -o --output-dir -n --namespace --language
    --root-namespace --json-file""".split()
)


def _dotnet_ef(inv: Invocation, name: str) -> list[Finding]:
    """``dotnet ef`` (``dotnet-ef``, ``dotnet tool run dotnet-ef``): database drop, update 0,
    migrations remove --force."""
    rest = [w.text for w in inv.args]
    if name == "dotnet":
        while rest and rest[0].startswith("-"):
            rest = rest[1:]
        if rest[:1] == ["ef"]:
            rest = rest[1:]
        elif rest[:3] == ["tool", "run", "dotnet-ef"]:
            rest = rest[3:]
        else:
            return []
    if "--" in rest:
        rest = rest[: rest.index("--")]  # the rest goes to the application
    if any(t in ("-h", "--help", "-?") for t in rest):
        return []
    pos: list[str] = []
    opts: set[str] = set()
    i = 0
    while i < len(rest):
        t = rest[i]
        i += 1
        if t.startswith("-") and len(t) > 1:
            opts.add(t.split("=", 1)[0])
            if "=" not in t and t in _EF_VALUED:
                i += 1
            continue
        pos.append(t)
    if "--dry-run" in opts:
        return []
    if pos[:2] == ["database", "drop"]:
        return [_f("DB015", "dotnet ef database drop drops the database: every row is lost",
                   inv)]
    if pos[:2] == ["database", "update"] and pos[2:3] == ["0"]:
        return [_f("DB014", "dotnet ef database update 0 reverts every migration, dropping "
                            "the tables and columns they created with their rows", inv)]
    if pos[:2] == ["migrations", "remove"] and opts & {"--force", "-f"}:
        return [_f("DB014", "dotnet ef migrations remove --force reverts the last migration on "
                            "the database when it is applied, dropping what it created", inv)]
    return []


#: options of golang-migrate and node-migrate that take a value (before the command)
_MIGRATE_VALUED = frozenset(
    """-source --source -path --path -database --database -prefetch --prefetch -lock-timeout
    --lock-timeout -d --migrations-dir -c --compiler -e --env -f --state-file --store -t
    --template-file --date-format --matches -config --config -env -limit""".split()
)


def _migrate_cli(inv: Invocation, name: str) -> list[Finding]:
    """golang-migrate (``migrate -path P -database URL drop|down``), node-migrate (``migrate
    down``) and sql-migrate (``sql-migrate down|redo``)."""
    args = [w.text for w in inv.args]
    if any(t in ("-h", "-help", "--help", "help") for t in args):
        return []
    i = 0
    while i < len(args) and args[i].startswith("-") and len(args[i]) > 1:
        i += 2 if "=" not in args[i] and args[i] in _MIGRATE_VALUED else 1
    cmd = args[i] if i < len(args) else ""
    tail = args[i + 1 :]
    if name == "sql-migrate":
        if cmd in ("down", "redo") and not any(t.lstrip("-") == "dryrun" for t in args):
            limit = _after(tail, ("-limit", "--limit")) or "1"
            again = " and applies them again" if cmd == "redo" else ""
            return [_f("DB014", f"sql-migrate {cmd} reverts the last {limit} migration(s)"
                                f"{again}, dropping what they created with their rows", inv)]
        return []
    if cmd == "drop":
        return [_f("DB015", "migrate drop drops everything in the database: every table with "
                            "its rows", inv)]
    if cmd == "down":
        n = next((t for t in tail if t.isdigit()), "")
        scope = f"the last {n} migrations" if n and "-all" not in tail else "every migration"
        return [_f("DB014", f"migrate down rolls back {scope}, dropping the tables and columns "
                            "they created with their rows", inv)]
    return []


#: node-pg-migrate and db-migrate: command -> (rule, what it does)
_NODE_MIGRATORS = {
    "down": ("DB014", "rolls back the last migration (a count: that many), dropping what it "
                      "created with its rows"),
    "redo": ("DB014", "rolls back the last migration and runs it again: the rows of what it "
                      "created are lost"),
    "reset": ("DB014", "rolls back every migration, dropping the tables they created with their "
                       "rows"),
    "db:drop": ("DB015", "drops the database: every row is lost"),
}


def _node_migrators(inv: Invocation, name: str) -> list[Finding]:
    """``node-pg-migrate down|redo``, ``db-migrate down|reset|db:drop``, ``migrate-mongo
    down``."""
    texts = [w.text for w in inv.args]
    if any(t in ("-h", "--help", "--dry-run") for t in texts):
        return []
    known = ("up", "down", "redo", "create", "reset", "sync", "db:create", "db:drop")
    cmd = next((t for t in texts if t in known), "")
    if cmd not in _NODE_MIGRATORS or (name != "db-migrate" and cmd not in ("down", "redo")):
        return []
    rule, what = _NODE_MIGRATORS[cmd]
    return [_f(rule, f"{name} {cmd} {what}", inv)]


_SEA_VALUED = frozenset("-d --migration-dir -u --database-url -s --database-schema -n --num"
                        .split())


def _sea_orm(inv: Invocation) -> list[Finding]:
    """``sea-orm-cli migrate fresh|refresh|reset|down``."""
    args = [w.text for w in inv.args]
    if any(t in ("-h", "--help", "help") for t in args):
        return []
    pos = _past_options(args, _SEA_VALUED)
    if pos[:1] != ["migrate"] or len(pos) < 2:
        return []
    what = {
        "fresh": ("DB015", "drops every table of the database and runs the migrations again: "
                           "every row is lost"),
        "refresh": ("DB014", "rolls back every migration and runs them again: the rows of the "
                             "tables they created are lost"),
        "reset": ("DB014", "rolls back every migration, dropping the tables they created with "
                           "their rows"),
        "down": ("DB014", "rolls back the last migration (-n: the last n), dropping what it "
                          "created with its rows"),
    }.get(pos[1])
    if what is None:
        return []
    return [_f(what[0], f"sea-orm-cli migrate {pos[1]} {what[1]}", inv)]


def _mikro_orm(inv: Invocation, name: str) -> list[Finding]:
    """MikroORM: ``schema:drop|fresh|update --run``, ``migration:down``, ``migration:fresh``."""
    texts = [w.text for w in inv.args]
    if any(t in ("-h", "--help") for t in texts):
        return []
    run = any(t == "--run" or (t.startswith("-") and not t.startswith("--") and "r" in t[1:])
              for t in texts)
    out: list[Finding] = []
    for cmd in (t for t in texts if not t.startswith("-")):
        if cmd in ("schema:drop", "schema:fresh") and run:
            again = " and creates it again" if cmd.endswith("fresh") else ""
            out.append(_f("DB015", f"{name} {cmd} --run drops the schema the entities map"
                                   f"{again}: every row is lost", inv))
        elif cmd == "schema:update" and run and "--safe" not in texts:
            out.append(_f("DB010", f"{name} schema:update --run applies the entities without "
                                   "showing the SQL, dropping the columns and tables they no "
                                   "longer map, with their data", inv))
        elif cmd == "migration:fresh":
            out.append(_f("DB015", f"{name} migration:fresh drops the schema and runs every "
                                   "migration again: every row is lost", inv))
        elif cmd == "migration:down":
            out.append(_f("DB014", f"{name} migration:down runs the last migration's down step "
                                   "(--to: down to that one), dropping what it created", inv))
    return out


def _sqitch(inv: Invocation) -> list[Finding]:
    """``sqitch revert|rebase|checkout``: every deployed change unless one is named."""
    args = [w.text for w in inv.args]
    if any(t in ("-h", "--help", "--man", "--log-only") for t in args):
        return []
    i = 0
    while i < len(args) and args[i].startswith("-") and len(args[i]) > 1:
        i += 2 if args[i] in ("-C", "--chdir", "--cd", "--etc-path") else 1
    cmd = args[i] if i < len(args) else ""
    what = {
        "revert": "reverts the deployed changes (every one, unless a change is named)",
        "rebase": "reverts the deployed changes (every one, unless --onto names where to stop) "
                  "and deploys them again",
        "checkout": "reverts the changes the other branch does not have and deploys its own",
    }.get(cmd)
    if what is None:
        return []
    return [_f("DB014", f"sqitch {cmd} {what}, dropping what they created with their rows",
               inv)]


_PAYLOAD = {
    "migrate:fresh": ("DB015", "drops every table and runs the migrations again: every row is "
                               "lost"),
    "migrate:reset": ("DB014", "rolls back every migration, dropping the tables they created "
                               "with their rows"),
    "migrate:refresh": ("DB014", "rolls back every migration and runs them again: the rows of "
                                 "the tables they created are lost"),
    "migrate:down": ("DB014", "rolls back the last batch of migrations, dropping what they "
                              "created with their rows"),
}


def _payload(inv: Invocation) -> list[Finding]:
    texts = [w.text for w in inv.args]
    if any(t in ("-h", "--help") for t in texts):
        return []
    cmd = next((t for t in texts if not t.startswith("-")), "")
    if cmd not in _PAYLOAD:
        return []
    rule, what = _PAYLOAD[cmd]
    return [_f(rule, f"payload {cmd} {what}", inv)]


def _sequel(inv: Invocation) -> list[Finding]:
    """``sequel -m DIR -M 0 DB``: migrating to version 0 runs every down migration."""
    texts = [w.text for w in inv.args]
    target = _after(texts, ("-M", "--migrate-version")) or next(
        (t[2:] for t in texts if t.startswith("-M") and len(t) > 2), "")
    if target == "0" and any(t in ("-m", "--migrate-directory")
                             or t.startswith("--migrate-directory=")
                             or (t.startswith("-m") and not t.startswith("--")) for t in texts):
        return [_f("DB014", "sequel -M 0 migrates the database to version 0: every migration "
                            "is rolled back, dropping the tables they created with their rows",
                   inv)]
    return []


_HASURA_VALUED = frozenset(
    """--endpoint --admin-secret --database-name --down --up --version --goto --type --project
    --envfile --log-level --certificate-authority""".split()
)


def _hasura(inv: Invocation) -> list[Finding]:
    """``hasura migrate apply --down N|all`` / ``--type down``."""
    texts = [w.text for w in inv.args]
    if any(t in ("-h", "--help", "--dry-run", "--skip-execution") for t in texts):
        return []
    pos = _past_options(texts, _HASURA_VALUED)
    if pos[:2] != ["migrate", "apply"]:
        return []
    down = _after(texts, ("--down",))
    if down or any(t.split("=", 1)[0] == "--down" for t in texts):
        scope = "every migration" if down == "all" else f"the last {down or 'n'} migrations"
    elif _after(texts, ("--type",)) == "down":
        scope = "the migration --version names"
    else:
        return []
    return [_f("DB014", f"hasura migrate apply rolls back {scope}, dropping what they created "
                        "with their rows", inv)]


#: cargo's options that take a value before the sub-command
_CARGO_VALUED = frozenset({"--color", "-Z", "--config", "-C"})


def _frameworks(inv: Invocation, name: str) -> list[Finding]:
    args = list(inv.args)
    if name == "php":
        return _php(inv, args, "php")
    if name == "artisan":
        return _console(inv, args, "artisan", _CONSOLE)
    if name in ("console", "doctrine"):
        return _console(inv, args, inv.argv[0].text, _CONSOLE)
    if name == "doctrine-migrations":
        return _console(inv, args, inv.argv[0].text, _DOCTRINE_MIGRATIONS)
    if name == "phinx":
        return _console(inv, args, "phinx", _PHINX)
    if name == "yii":
        return _yii(inv, args, inv.argv[0].text)
    if name == "cake":
        return _cake(inv, args, inv.argv[0].text)
    if name == "sail":
        # Sail runs these in the application's container
        first = args[0].text if args else ""
        if first in ("artisan", "art", "a"):
            return _console(inv, args[1:], "sail artisan", _CONSOLE)
        if first == "php":
            return _php(inv, args[1:], "sail php")
        if first == "bin" and len(args) > 1 and not args[1].dynamic:
            return _php_script(inv, args[1].text, args[2:], f"sail bin {args[1].text}")
        return []
    if name == "symfony":
        first = args[0].text if args else ""
        if first == "console":
            return _console(inv, args[1:], "symfony console", _CONSOLE)
        if first == "php":
            return _php(inv, args[1:], "symfony php")
        return []
    if name == "mix":
        return _mix(inv)
    if name in ("dotnet", "dotnet-ef"):
        return _dotnet_ef(inv, name)
    if name in ("migrate", "sql-migrate"):
        return _migrate_cli(inv, name)
    if name in ("node-pg-migrate", "db-migrate", "migrate-mongo"):
        return _node_migrators(inv, name)
    if name == "sea-orm-cli":
        return _sea_orm(inv)
    if name in ("mikro-orm", "mikro-orm-esm"):
        return _mikro_orm(inv, name)
    if name == "sqitch":
        return _sqitch(inv)
    if name == "payload":
        return _payload(inv)
    if name == "sequel":
        return _sequel(inv)
    if name == "hasura":
        return _hasura(inv)
    if name == "cargo":
        i = 0
        while i < len(args):
            t = args[i].text
            if t.startswith("+"):
                i += 1
            elif t.startswith("-") and len(t) > 1:
                i += 2 if t in _CARGO_VALUED else 1
            else:
                break
        if i < len(args) and args[i].text == "sqlx":
            return _rust_go_migrations(_with_argv(inv, args[i:], ("cargo",)), "sqlx")
    return []


def _supabase(inv: Invocation, ctx: Context) -> list[Finding]:
    """``supabase [global options] db reset`` / ``supabase db shell -- PSQL-ARGS``."""
    args = list(inv.args)
    tail: list[Word] | None = None
    for k, w in enumerate(args):
        if w.text == "--":
            args, tail = args[:k], args[k + 1 :]
            break
    o = parse_opts(args, _SUPABASE)
    if o.has("help"):
        return []
    words = [w.text for w in o.positionals]
    if words[:2] == ["db", "reset"]:
        where = ("the linked remote project's" if o.has("linked", "dburl", "ref")
                 else "the local")
        return [_f("DB011", f"supabase db reset drops {where} database and recreates it from "
                            "the migrations: its data is lost", inv)]
    if words[:2] in (["migration", "down"], ["migrations", "down"]):
        where = ("the linked remote project's" if o.has("linked", "dburl", "ref")
                 else "the local")
        return [_f("DB011", f"supabase migration down resets {where} database to the "
                            f"migration before the last {o.value('last') or 1}: the rows in "
                            "it are lost", inv)]
    if words[:2] == ["db", "shell"]:
        # the words after ``--`` go to psql, and so does standard input
        psql = _with_argv(inv, [Word("psql"), *(tail or [])], ("supabase db shell",))
        return _client(psql, _PSQL, "supabase db shell", ctx)
    return []


#: bq's flags that take a value (gflags also accept ``--flag=value``, which needs no table)
_BQ_VALUED = frozenset(
    """--project_id --dataset_id --location --format --api --api_version --apilog --bigqueryrc
    --credential_file --service_account --service_account_credential_file --job_id
    --max_rows_per_request --trace --httplib2_debuglevel --destination_table --parameter
    --maximum_bytes_billed --max_rows -n --label --time_partitioning_field
    --time_partitioning_type --time_partitioning_expiration --clustering_fields
    --range_partitioning --destination_kms_key --external_table_definition --udf_resource
    --schema_update_option --request_id --connection_property --session_id --reservation_id
    --job_timeout_ms --min_completion_ratio --script_statement_timeout_ms
    --script_statement_byte_budget --destination_schema --maximum_billing_tier
    --job_creation_mode""".split()
)


def _bq(inv: Invocation, ctx: Context) -> list[Finding]:
    """``bq [global flags] query [flags] 'SQL'``: the SQL is the operands, joined (bq's way)."""
    args = list(inv.args)
    i = 0
    while i < len(args) and args[i].text.startswith("-"):
        t = args[i].text
        i += 2 if "=" not in t and t in _BQ_VALUED else 1
    if i >= len(args) or args[i].text != "query":
        return []
    operands: list[Word] = []
    dry = False
    rest = args[i + 1 :]
    k = 0
    while k < len(rest):
        w = rest[k]
        t = w.text
        k += 1
        if t == "--":
            operands.extend(rest[k:])
            break
        if t.startswith("-") and len(t) > 1 and not w.dynamic:
            name, eq, val = t.partition("=")
            if name in ("--help", "-h", "--helpfull", "--helpshort"):
                return []
            if name == "--dry_run":
                dry = not eq or val.lower() in ("true", "1", "t")
            elif name == "--nodry_run":
                dry = False
            elif not eq and name in _BQ_VALUED:
                k += 1
            continue
        operands.append(w)
    if dry:
        return []  # bq validates the query and reports its cost; nothing runs
    if not operands:
        return _sql_findings(_stdin_sources(inv, "bq query", ctx), "bigquery", "bq query", "",
                             inv, ctx)
    word = operands[0] if len(operands) == 1 else Word(
        " ".join(w.text for w in operands), dynamic=any(w.dynamic for w in operands))
    return _sql_findings([_word_source(word, "bq query", ctx=ctx)], "bigquery", "bq query", "",
                         inv, ctx)


#: (service, operation) -> (options carrying SQL, dialect): SQL sent through a cloud API
_AWS_SQL: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {
    ("athena", "start-query-execution"): (("--query-string",), "athena"),
    ("redshift-data", "execute-statement"): (("--sql",), "redshift"),
    ("redshift-data", "batch-execute-statement"): (("--sqls",), "redshift"),
    ("rds-data", "execute-statement"): (("--sql",), ""),
    ("rds-data", "batch-execute-statement"): (("--sql",), ""),
}


def _aws_sql(inv: Invocation, ctx: Context) -> list[Finding]:
    """SQL run by a cloud API (Athena, the Redshift and RDS Data APIs): the same SQL check.

    The cloud pack judges every other ``aws`` call; these operations create nothing it would
    flag, so each call gets its findings from one pack only.
    """
    texts = [w.text for w in inv.args]
    if not any(t in ("athena", "redshift-data", "rds-data") for t in texts):
        return []
    from railguard.rules.cloud import aws_call

    call = aws_call(inv)
    if call is None or call.help or call.local:
        return []
    spec = _AWS_SQL.get((call.service, call.operation))
    if spec is None:
        return []
    options, dialect = spec
    shown = f"aws {call.service} {call.operation}"
    sources: list[_Source] = []
    for opt in options:
        for value in call.values(opt):
            label = f"{shown} {opt}"
            if value.startswith(("file://", "fileb://")):
                path = value.split("://", 1)[1]
                sources.append(_file_source(path, f"{label} {value}", inv, ctx))
                continue
            word = next((w for w in inv.args if w.text == value
                         or w.text == f"{opt}={value}"), Word(value))
            if word.text != value:
                word = Word(value, dynamic=word.dynamic)
            sources.append(_word_source(word, label, ctx=ctx))
    return _sql_findings(sources, dialect, shown, "", inv, ctx)


def _schema_tools(inv: Invocation, name: str) -> list[Finding]:
    """flyway and liquibase, run directly or as Maven / Gradle plugin goals."""
    texts = [w.text for w in inv.args]
    if any(t in ("--help", "-h", "-?", "help") for t in texts):
        return []
    if name in _BUILD_TOOLS:
        # mvn flyway:clean / mvn liquibase:dropAll / gradle flywayClean / gradle :app:dropAll
        for t in texts:
            if t.startswith("-"):
                continue
            goal = t.rsplit(":", 1)[-1] if t.count(":") else t
            plugin = t.split(":", 1)[0] if ":" in t and name.startswith("mvn") else ""
            key = goal.lower().replace("-", "")
            if key in ("flywayclean", "dropall") or (plugin == "flyway" and key == "clean"):
                return [_f("DB018", f"{name} {t} drops every object in the configured "
                                    "schemas, with all their rows", inv)]
            if (plugin == "liquibase" or goal.startswith("liquibase")) and \
                    key.removeprefix("liquibase").startswith("rollback") and \
                    not key.endswith("sql"):
                return [_f("DB014", f"{name} {t} rolls back changesets, dropping what they "
                                    "created", inv)]
            if key == "flywayundo" or (plugin == "flyway" and key == "undo"):
                return [_f("DB014", f"{name} {t} undoes the last migration", inv)]
        return []
    commands = [t for t in texts if not t.startswith("-")]
    if name == "flyway":
        opts = {t.split("=", 1)[0].lstrip("-").lower(): t.partition("=")[2].lower()
                for t in texts if t.startswith("-")}
        if "clean" in commands and opts.get("cleandisabled") != "true":
            return [_f("DB018", "flyway clean drops every object (tables, views, sequences, "
                                "functions) in the configured schemas, with all their rows",
                       inv)]
        if opts.get("cleanonvalidationerror") == "true" and "migrate" in commands:
            return [_f("DB018", "flyway migrate -cleanOnValidationError=true drops every "
                                "object in the schemas when a migration does not validate",
                       inv)]
        if "undo" in commands and "dryrunoutput" not in opts:
            return [_f("DB014", "flyway undo runs the last migration's undo script, dropping "
                                "what it created", inv)]
        return []
    # liquibase: camelCase and kebab-case spellings of the same command
    for t in commands:
        key = t.lower().replace("-", "")
        if key == "dropall":
            return [_f("DB018", f"liquibase {t} drops every object in the database's schemas, "
                                "with all their rows", inv)]
        if key.startswith("rollback") and not key.endswith("sql"):
            return [_f("DB014", f"liquibase {t} runs the rollback of changesets, dropping the "
                                "tables and columns they created", inv)]
    return []


# -- MCP tools and safeguard switches -------------------------------------------------------------

_DB_TOOL = re.compile(
    r"sql|postgres|pg|mysql|maria|sqlite|duckdb|clickhouse|cockroach|supabase|neon|database|"
    r"\bdb|db\b|_db|db_|bigquery|snowflake|redshift|turso|libsql|planetscale|tidb",
    re.IGNORECASE,
)
_SQL_START = re.compile(
    r"^\s*(?:--[^\n]*\n\s*|/\*.*?\*/\s*)*(select|with|insert|update|delete|drop|truncate|alter|"
    r"create|replace|merge|begin|start|do|call|exec|execute|grant|revoke|explain|show|set|"
    r"vacuum|analyze|copy|pragma|attach|use|describe|comment|upsert)\b",
    re.IGNORECASE | re.DOTALL,
)
_DIALECT_HINTS = (("postgres", "postgres"), ("supabase", "postgres"), ("neon", "postgres"),
                  ("pg", "postgres"), ("cockroach", "postgres"), ("mysql", "mysql"),
                  ("maria", "mysql"), ("planetscale", "mysql"), ("sqlite", "sqlite"),
                  ("turso", "sqlite"), ("libsql", "sqlite"), ("duckdb", "duckdb"),
                  ("clickhouse", "clickhouse"), ("bigquery", "bigquery"),
                  ("snowflake", "snowflake"), ("redshift", "redshift"), ("mssql", "tsql"))


def on_action(action: Action, invocations: list[Invocation], ctx: Context) -> Iterable[Finding]:
    if action.kind == "mcp":
        return _mcp(action)
    if action.kind == "shell":
        return _safeguards_shell(action, invocations)
    if action.kind in ("write", "edit"):
        return _safeguards_file(action, ctx)
    return ()


#: argument keys that carry SQL (a string, or a list of statements)
_MCP_SQL_KEYS = ("sql", "query", "statement", "statements", "sqlStatements", "sql_statements",
                 "queries", "sqls")
#: words of a tool's own name that say it sends what it is given to the database
_MCP_RUNS_SQL = re.compile(r"sql|query|queries|execute|exec|run|statement|transaction")


def _mcp(action: Action) -> list[Finding]:
    tool = action.tool.lower()
    name = tool.rsplit("__", 1)[-1].replace("-", "_")
    server = tool.split("__")[1] if tool.count("__") >= 2 else ""
    out = _mcp_by_name(action, name, server)
    args: dict[str, object] = action.args
    # ``{"params": {"sql": ...}}``: the arguments of one object nested under a single key
    for _ in range(2):
        if len(args) == 1:
            (only,) = args.values()
            if isinstance(only, dict):
                args = only
                continue
        break
    nosql = "mongo" in tool or "redis" in tool
    # a tool that visibly sends what it is given to a SQL database: its ``query`` is SQL
    # whatever word it begins with (``;DROP TABLE users``, ``COMMIT; DROP ...``)
    db_tool = not nosql and _DB_TOOL.search(tool.split("__", 1)[-1]) is not None and \
        _MCP_RUNS_SQL.search(name) is not None
    dialect = next((d for hint, d in _DIALECT_HINTS if hint in tool), "")
    for key in _MCP_SQL_KEYS:
        value = args.get(key)
        texts = [value] if isinstance(value, str) else \
            [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
        for text in texts:
            if not text.strip():
                continue
            if key == "query" and not db_tool and not _SQL_START.search(text):
                continue  # a search tool's query in words, not SQL
            # a ``query`` of a tool that is not visibly a database may be prose: judged only
            # if it parses as SQL
            lenient = key == "query" and not db_tool and \
                not _DB_TOOL.search(tool.split("__", 1)[-1])
            out.extend(judge_sql(text, dialect, f"{action.tool} {key}", lenient=lenient))
            out.extend(_f("DB005", f"{action.tool} {key} has the database server run a shell "
                                   f"command (COPY ... PROGRAM '{_short(p, 60)}')")
                       for p in _server_programs(text))
    return out


def judges_mcp(tool: str) -> bool:
    """Is an MCP tool one whose name this pack reads (a MongoDB, Redis or hosted-database
    server's: see ``_mcp_by_name``), so that what it leaves alone it has judged?"""
    low = tool.lower()
    return any(h in low for h in ("mongo", "redis", "valkey", "supabase", "neon", "planetscale",
                                  "turso"))


def _mcp_by_name(action: Action, name: str, server: str) -> list[Finding]:
    """MongoDB, Redis and hosted-database tools judged by what their name says they do."""
    shown = action.tool
    args = action.args
    if "mongo" in server or "mongo" in name:
        coll = args.get("collection")
        what = f"the collection {coll}" if isinstance(coll, str) else "a collection"
        if name in ("drop_database", "dropdatabase"):
            db = args.get("database")
            return [_f("DB006", f"{shown} drops the database"
                                f"{' ' + db if isinstance(db, str) else ''} and its data")]
        if name in ("drop_collection", "dropcollection"):
            return [_f("DB006", f"{shown} drops {what} with every document in it")]
        if name in ("delete_many", "deletemany", "update_many", "updatemany"):
            flt = args.get("filter")
            if flt is None or flt == {} or flt == "{}":
                verb = "deletes" if name.startswith("delete") else "rewrites"
                return [_f("DB006", f"{shown} has an empty filter: it {verb} every document "
                                    f"of {what}")]
        return []
    if "redis" in server or "valkey" in server or "redis" in name:
        if name in ("flushall", "flush_all"):
            return [_f("DB007", f"{shown} runs FLUSHALL, which deletes every key of every "
                                "Redis database")]
        if name in ("flushdb", "flush_db"):
            return [_f("DB007", f"{shown} runs FLUSHDB, which deletes every key of the "
                                "selected Redis database")]
        return []
    if any(h in server for h in ("supabase", "neon", "planetscale", "turso")):
        if name in ("delete_project", "delete_branch", "reset_branch", "delete_database",
                    "drop_database"):
            what = ("resets the branch's database to its migrations: the rows in it are lost"
                    if name == "reset_branch" else
                    f"deletes the {name.split('_', 1)[1]} with every table and row in it")
            return [_f("DB008", f"{shown} {what}")]
    return []


def _safeguards_shell(action: Action, invocations: list[Invocation]) -> list[Finding]:
    out: list[Finding] = []
    seen: set[str] = set()
    for inv in invocations:
        for var, what in _SAFEGUARD_VARS.items():
            if var in seen:
                continue
            if var in inv.env or any(w.text.startswith(var + "=") for w in inv.args):
                seen.add(var)
                out.append(_f("DB016", f"the command sets {var}, which {what}", inv))
    command = action.command or ""
    for var, what in _SAFEGUARD_VARS.items():
        if var not in seen and var in command and _assigns(command, var, 0):
            seen.add(var)
            out.append(_f("DB016", f"the command sets {var}, which {what}"))
    return out


def _assigns(code: str, var: str, depth: int) -> bool:
    """Does shell code assign ``var`` (``export X=``, ``X=`` , ``declare X=``), at any depth?"""
    from railguard.shell.treesitter import parser

    tree = parser().parse(code.encode("utf-8", "surrogateescape"))
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "variable_assignment":
            name = node.child_by_field_name("name")
            if name is not None and name.text.decode("utf-8", "replace") == var:
                return True
        if node.type in ("string", "raw_string") and depth < 3:
            text = node.text.decode("utf-8", "replace")
            if var in text and len(text) >= 2 and _assigns(text[1:-1], var, depth + 1):
                return True
            continue
        stack.extend(node.named_children)
    return False


_DOC_SUFFIXES = (".md", ".mdx", ".rst", ".txt", ".adoc", ".html")


def _safeguards_file(action: Action, ctx: Context) -> list[Finding]:
    content = action.content or ""
    path = action.path or ""
    if not content or path.lower().endswith(_DOC_SUFFIXES):
        return []
    out: list[Finding] = []
    for var, what in _SAFEGUARD_VARS.items():
        if var not in content:
            continue
        if re.search(r"""(^|[\s"'.\[])""" + var + r"""["']?\s*[:=]""", content, re.MULTILINE):
            out.append(_f("DB016", f"writing {ctx.rel(path)} sets {var}, which {what}"))
    return out


def _short(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 3] + "..."


__all__ = ["PROGRAMS", "RULES", "judge_sql", "on_action", "on_invocation", "risky"]
