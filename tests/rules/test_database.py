"""The database pack, through the real engine, in a real git project, against a real SQLite database.

Every rule and spelling goes through :func:`railguard.engine.evaluate` exactly as the hook would
see it (a Bash call or an MCP call, cwd = the project). The SQLite tests then show the verdicts
are about real data: each statement railguard lets through leaves the other rows in place when
it runs on a copy of a real database, and each statement it denies really destroys rows, columns
or tables when it runs on another copy. Nothing runs outside the test's temp dir.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from railguard.config import Config
from railguard.engine import evaluate
from railguard.model import Action, Decision, Verdict
from railguard.rules import ALL_RULES
from railguard.rules import database as D


def check(command: str, cwd: Path) -> Decision:
    action = Action("shell", "Bash", command=command, cwd=str(cwd), project_dir=str(cwd))
    return evaluate(action, Config())


def db_ids(command: str, cwd: Path) -> list[str]:
    return [i for i in check(command, cwd).rule_ids if i.startswith("DB")]


def mcp(tool: str, cwd: Path, **args: object) -> Decision:
    return evaluate(Action("mcp", tool, cwd=str(cwd), project_dir=str(cwd), args=dict(args)),
                    Config())


# -- the catalogue ----------------------------------------------------------------------------


def test_rule_ids_verdicts_and_texts() -> None:
    ids = [r.id for r in D.RULES]
    assert ids == [f"DB{n:03d}" for n in range(1, len(ids) + 1)]
    asks = {r.id for r in D.RULES if r.verdict == Verdict.ASK}
    assert asks == {"DB005", "DB017"}
    for rule in D.RULES:
        assert ALL_RULES[rule.id] is rule
        assert rule.why and rule.instead and rule.title
        assert rule.bad, f"{rule.id} has no bad example"


# -- every rule, every spelling -----------------------------------------------------------------

FLAGGED = [
    # DB001 DROP, however it reaches the client
    ("psql -c 'DROP TABLE users'", "DB001"),
    ("psql --command='DROP TABLE users'", "DB001"),
    ("psql -tAc 'DROP TABLE users'", "DB001"),
    ("PGPASSWORD=x psql -h db -U app app -c 'DROP TABLE IF EXISTS users'", "DB001"),
    ("psql -c 'SELECT 1; DROP TABLE x'", "DB001"),
    ("psql -c '/* cleanup */ DROP TABLE x -- gone'", "DB001"),
    ("psql -c 'drop table users cascade'", "DB001"),
    ("psql -c 'DROP DATABASE app'", "DB001"),
    ("psql -c 'DROP SCHEMA public CASCADE'", "DB001"),
    ("psql -c 'DROP INDEX users_email_idx'", "DB001"),
    ("psql -c 'DROP OWNED BY app'", "DB001"),
    ("psql <<'EOF'\nBEGIN;\nDROP TABLE orders;\nCOMMIT;\nEOF", "DB001"),
    ("psql app <<< 'DROP TABLE orders'", "DB001"),
    ("echo 'DROP TABLE x' | psql", "DB001"),
    ("printf 'DROP TABLE x;\\n' | psql app", "DB001"),
    ("cat <<'EOF' | psql\nDROP TABLE x;\nEOF", "DB001"),
    ("sudo -u postgres psql -c 'DROP DATABASE app'", "DB001"),
    ("docker exec -i db psql -U app -c 'DROP TABLE users'", "DB001"),
    ("mysql -e 'DROP DATABASE shop'", "DB001"),
    ("mysql -uroot -psecret shop -e 'DROP TABLE users'", "DB001"),
    ("mariadb --execute='DROP TABLE users' shop", "DB001"),
    ("sqlite3 app.db 'DROP TABLE users'", "DB001"),
    ("sqlite3 -bail app.db 'SELECT 1;' 'DROP TABLE users'", "DB001"),
    ("duckdb analytics.duckdb 'DROP TABLE events'", "DB001"),
    ("duckdb -c 'DROP TABLE events' analytics.duckdb", "DB001"),
    ("clickhouse-client --query 'DROP TABLE events'", "DB001"),
    ("clickhouse client -q 'DROP DATABASE logs'", "DB001"),
    ("cockroach sql --insecure -e 'DROP TABLE users'", "DB001"),
    ("sqlcmd -S db -Q 'DROP TABLE users'", "DB001"),
    ("psql -c 'CREATE OR REPLACE TABLE t AS SELECT 1'", "DB001"),
    # DB002 TRUNCATE
    ("psql -c 'TRUNCATE users'", "DB002"),
    ("psql -c 'TRUNCATE TABLE users RESTART IDENTITY CASCADE'", "DB002"),
    ("mysql -e 'TRUNCATE TABLE sessions' app", "DB002"),
    ("sqlite3 app.db 'SELECT 1' && psql -c 'truncate events'", "DB002"),
    # DB003 DELETE/UPDATE without a real WHERE
    ("psql -c 'DELETE FROM users'", "DB003"),
    ("psql -c 'DELETE FROM users WHERE 1=1'", "DB003"),
    ("psql -c 'DELETE FROM users WHERE true'", "DB003"),
    ("mysql -e 'DELETE FROM users WHERE 1' app", "DB003"),
    ("psql -c 'DELETE FROM users WHERE 1=1 OR id=3'", "DB003"),
    ("psql -c \"DELETE FROM users WHERE 'a' = 'a'\"", "DB003"),
    ("psql -c 'DELETE FROM users WHERE NOT false'", "DB003"),
    ("psql -c 'DELETE FROM users WHERE id IS NOT NULL'", "DB003"),
    ("mysql -e 'DELETE FROM users WHERE id > 0' app", "DB003"),
    ("psql -c \"DELETE FROM users WHERE name LIKE '%'\"", "DB003"),
    ("psql -c 'DELETE FROM users WHERE email = email'", "DB003"),
    ("mysql -e 'DELETE FROM users LIMIT 100' app", "DB003"),
    ("psql -c 'UPDATE users SET admin = true'", "DB003"),
    ("psql -c 'UPDATE users SET admin = true WHERE 1 = 1 AND 2 = 2'", "DB003"),
    ("sqlite3 app.db \"UPDATE users SET email = 'x@example.com'\"", "DB003"),
    ("psql -c 'WITH gone AS (DELETE FROM users RETURNING id) SELECT count(*) FROM gone'",
     "DB003"),
    ("psql -c 'BEGIN; DELETE FROM users; COMMIT'", "DB003"),
    # DB004 ALTER ... DROP
    ("psql -c 'ALTER TABLE users DROP COLUMN email'", "DB004"),
    ("mysql -e 'ALTER TABLE users DROP COLUMN a, DROP COLUMN b' app", "DB004"),
    ("psql -c 'ALTER TABLE users DROP CONSTRAINT users_email_key'", "DB004"),
    # DB005 SQL that cannot be checked
    ("psql -c 'DELETE FROM users WHER id = 1'", "DB005"),
    ("psql -c \"$SQL\"", "DB005"),
    ("psql -c \"DELETE FROM users WHERE id = $ID\"", "DB005"),
    ("psql -f missing.sql", "DB005"),
    ("psql < missing.sql", "DB005"),
    ("gunzip -c dump.sql.gz | psql app", "DB005"),
    ("psql -c 'DO $$ BEGIN DELETE FROM users; END $$'", "DB005"),
    ("psql <<'EOF'\nSELECT 'DROP TABLE ' || tablename FROM pg_tables \\gexec\nEOF", "DB005"),
    ("psql <<'EOF'\nSELECT 1;\n\\! rm -rf data\nEOF", "DB005"),
    ("sqlite3 app.db '.shell rm app.db'", "DB005"),
    ("psql -tAc \"SELECT 'DROP TABLE ' || tablename || ';' FROM pg_tables\" | psql", "DB005"),
    # DB006 MongoDB
    ("mongosh app --eval 'db.dropDatabase()'", "DB006"),
    ("mongosh --eval='db.users.drop()'", "DB006"),
    ("mongosh --eval 'db.getCollection(\"users\").drop()'", "DB006"),
    ("mongosh --eval 'db.users.deleteMany({})'", "DB006"),
    ("mongosh --eval 'db.users.deleteMany( { } )'", "DB006"),
    ("mongo app --eval 'db.sessions.remove({})'", "DB006"),
    ("mongosh --quiet mongodb://localhost/app --eval 'db.users.deleteMany()'", "DB006"),
    ("mongosh app <<'EOF'\nuse app\ndb.dropDatabase()\nEOF", "DB006"),
    ("mongosh --eval 'db.runCommand({ dropDatabase: 1 })'", "DB006"),
    # DB007 Redis
    ("redis-cli FLUSHALL", "DB007"),
    ("redis-cli flushall async", "DB007"),
    ("redis-cli -h cache -p 6380 -a pw -n 2 FLUSHDB", "DB007"),
    ("redis-cli --scan --pattern 'session:*' | xargs redis-cli DEL", "DB007"),
    ("redis-cli KEYS 'user:*' | xargs -n 100 redis-cli unlink", "DB007"),
    ("echo FLUSHALL | redis-cli", "DB007"),
    ("redis-cli <<'EOF'\nSELECT 1\nFLUSHDB\nEOF", "DB007"),
    # DB008 admin tools
    ("dropdb app", "DB008"),
    ("dropdb --if-exists -h db.internal -U postgres app", "DB008"),
    ("mysqladmin -u root -f drop shop", "DB008"),
    ("pg_restore --clean -d app backup.dump", "DB008"),
    ("pg_restore -c --if-exists --dbname=app backup.dump", "DB008"),
    ("pg_dump --clean prod | psql staging", "DB008"),
    ("mysqldump shop | mysql shop_copy", "DB008"),
    # DB009 prisma
    ("npx prisma db push --accept-data-loss", "DB009"),
    ("prisma db push --force-reset", "DB009"),
    ("npx prisma migrate reset --force", "DB009"),
    ("pnpm prisma migrate reset --force", "DB009"),
    ("pnpm dlx prisma migrate reset", "DB009"),
    ("bunx prisma db push --accept-data-loss", "DB009"),
    ("yarn prisma db push --accept-data-loss", "DB009"),
    ("npm exec -- prisma migrate reset -f", "DB009"),
    # DB010 schema push with auto-approve
    ("npx drizzle-kit push --force", "DB010"),
    ("pnpm drizzle-kit push --force --config drizzle.config.ts", "DB010"),
    ("atlas schema apply -u postgres://db/app --to file://schema.hcl --auto-approve", "DB010"),
    ("atlas schema clean -u sqlite://app.db --auto-approve", "DB010"),
    # DB011 supabase
    ("supabase db reset", "DB011"),
    ("npx supabase db reset --linked", "DB011"),
    # DB012 rails
    ("bin/rails db:drop", "DB012"),
    ("rails db:drop:all", "DB012"),
    ("rake db:reset", "DB012"),
    ("bundle exec rake db:schema:load", "DB012"),
    ("RAILS_ENV=development bin/rails db:setup", "DB012"),
    ("rails db:truncate_all", "DB012"),
    ("rails db:seed:replant", "DB012"),
    # DB013 django
    ("python manage.py flush", "DB013"),
    ("python manage.py flush --noinput", "DB013"),
    ("python3 manage.py reset_db --noinput", "DB013"),
    ("./manage.py flush", "DB013"),
    ("django-admin flush --settings=app.settings", "DB013"),
    ("python -m django flush", "DB013"),
    ("uv run python manage.py flush", "DB013"),
    ("poetry run python manage.py flush", "DB013"),
    # DB014 rollbacks
    ("alembic downgrade base", "DB014"),
    ("alembic downgrade -1", "DB014"),
    ("alembic -c alembic.ini downgrade 1a2b3c", "DB014"),
    ("flask db downgrade", "DB014"),
    ("npx knex migrate:rollback --all", "DB014"),
    ("npx knex migrate:rollback", "DB014"),
    ("npx knex migrate:down", "DB014"),
    ("npx sequelize-cli db:migrate:undo:all", "DB014"),
    ("python manage.py migrate shop zero", "DB014"),
    ("rake db:migrate VERSION=0", "DB014"),
    # DB015 ORM drops
    ("npx sequelize-cli db:drop", "DB015"),
    ("npx sequelize db:drop", "DB015"),
    ("npx typeorm schema:drop -d src/data-source.ts", "DB015"),
    ("npx typeorm-ts-node-commonjs schema:drop -d src/data-source.ts", "DB015"),
    # DB016 safeguard switches
    ("PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION=yes npx prisma migrate reset", "DB016"),
    ("export PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION='the user agreed'", "DB016"),
    ("export PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION=1 && npm run db:reset", "DB016"),
    ("env PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION=1 npm test", "DB016"),
    ("bash -c 'export PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION=yes; prisma db push'",
     "DB016"),
    ("echo PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION=1 >> .env", "DB016"),
    ("DISABLE_DATABASE_ENVIRONMENT_CHECK=1 bin/rails db:migrate", "DB016"),
    ("rails db:drop DISABLE_DATABASE_ENVIRONMENT_CHECK=1", "DB016"),
    # DB017 dbt
    ("dbt run --full-refresh", "DB017"),
    ("dbt build -s orders --full-refresh", "DB017"),
    ("dbt run -f", "DB017"),
    # DB018 migration tools that drop every object
    ("flyway clean", "DB018"),
    ("flyway -url=jdbc:postgresql://db/app -user=app clean", "DB018"),
    ("flyway -cleanOnValidationError=true migrate", "DB018"),
    ("liquibase dropAll", "DB018"),
    ("liquibase drop-all", "DB018"),
    ("liquibase --changelog-file=db.xml dropAll", "DB018"),
    ("mvn flyway:clean", "DB018"),
    ("./mvnw liquibase:dropAll", "DB018"),
    ("./gradlew flywayClean", "DB018"),
    ("gradle :app:flywayClean", "DB018"),
    # rollbacks through liquibase / flyway
    ("liquibase rollback --tag v1", "DB014"),
    ("liquibase rollback-count --count 2", "DB014"),
    ("liquibase rollbackToDate 2024-01-01", "DB014"),
    ("mvn liquibase:rollback -Dliquibase.rollbackCount=1", "DB014"),
    ("flyway undo", "DB014"),
    # Redis-compatible servers' clients
    ("keydb-cli flushall", "DB007"),
    ("valkey-cli FLUSHALL", "DB007"),
    ("valkey-cli -n 3 flushdb", "DB007"),
    ("echo FLUSHALL | keydb-cli", "DB007"),
    # mongorestore --drop
    ("mongorestore --drop /backup", "DB008"),
    ("mongorestore --uri mongodb://db.internal --drop --nsInclude 'shop.*' dump/", "DB008"),
    # supabase: global options before the sub-command; SQL through db shell
    ("supabase --project-ref abc123 db reset", "DB011"),
    ("supabase --workdir ./app --debug db reset", "DB011"),
    ("supabase db shell -- -c 'DROP TABLE users'", "DB001"),
    ("echo 'TRUNCATE users' | supabase db shell", "DB002"),
    # Snowflake, BigQuery
    ("snow sql -q 'DROP DATABASE prod_db'", "DB001"),
    ("snow sql --connection prod --query 'DELETE FROM orders'", "DB003"),
    ("snowsql -c prod -q 'TRUNCATE TABLE events'", "DB002"),
    ("bq query --nouse_legacy_sql 'DROP TABLE analytics.events'", "DB001"),
    ("bq query 'DROP TABLE analytics.events'", "DB001"),
    ("bq --project_id prod query --use_legacy_sql=false 'DELETE FROM d.t WHERE true'", "DB003"),
    ("bq query --destination_table d.out 'UPDATE d.t SET x = 1'", "DB003"),
    ("bq query --nouse_legacy_sql < drop.sql", "DB005"),
    # SQL through the cloud APIs
    ("aws athena start-query-execution --query-string 'DROP TABLE sales.orders'", "DB001"),
    ("aws --profile prod athena start-query-execution --work-group primary "
     "--query-string='DROP DATABASE sales CASCADE'", "DB001"),
    ("aws redshift-data execute-statement --cluster-identifier prod --database app "
     "--sql 'TRUNCATE events'", "DB002"),
    ("aws redshift-data batch-execute-statement --cluster-identifier prod --database app "
     "--sqls 'SELECT 1' 'DROP TABLE events'", "DB001"),
    ("aws rds-data execute-statement --resource-arn arn:aws:rds:x "
     "--secret-arn arn:aws:secretsmanager:y --sql 'DELETE FROM users'", "DB003"),
    ("aws rds-data execute-statement --resource-arn a --secret-arn b --sql \"$SQL\"", "DB005"),
    ("aws-sso exec -A prod aws rds-data execute-statement --resource-arn a --secret-arn b "
     "--sql 'ALTER TABLE users DROP COLUMN email'", "DB004"),
    # the other SQL clients: dbcli (mycli, pgcli, litecli), usql, cqlsh, wrangler d1
    ("mycli -e 'DROP DATABASE prod'", "DB001"),
    ("mycli -h db -u root -psecret shop --execute 'DELETE FROM users'", "DB003"),
    ("echo 'DROP TABLE users' | mycli shop", "DB001"),
    ("pgcli -c 'DROP TABLE users' app", "DB001"),
    ("pgcli postgres://u@db/app --command 'TRUNCATE events'", "DB002"),
    ("pgcli -f missing.sql app", "DB005"),
    ("usql postgres://u@db/app -c 'DROP TABLE users'", "DB001"),
    ("usql my://root@db/shop -c 'UPDATE users SET admin = 1'", "DB003"),
    ("usql sqlite:app.db --command='ALTER TABLE users DROP COLUMN email'", "DB004"),
    ("litecli app.db -e 'DROP TABLE users'", "DB001"),
    ("cqlsh -e 'DROP KEYSPACE prod'", "DB001"),
    ("cqlsh db.internal 9042 -u cassandra -p x --execute 'TRUNCATE ks.events'", "DB002"),
    ("cqlsh -e 'DROP TABLE IF EXISTS ks.users'", "DB001"),
    ("wrangler d1 execute prod-db --remote --command 'DROP TABLE users'", "DB001"),
    ("npx wrangler d1 execute prod-db --command='DELETE FROM users'", "DB003"),
    # Redis: scripts that flush, a shutdown that discards
    ("redis-cli EVAL \"redis.call('flushall')\" 0", "DB007"),
    ("redis-cli -h cache eval \"return redis.call('FLUSHDB')\" 0", "DB007"),
    ("redis-cli SHUTDOWN NOSAVE", "DB007"),
    ("redis-cli -n 0 flushdb", "DB007"),
    ("echo 'shutdown nosave' | redis-cli", "DB007"),
    # etcd, Consul
    ("etcdctl del --prefix ''", "DB019"),
    ("etcdctl del '' --from-key", "DB019"),
    ("ETCDCTL_API=3 etcdctl --endpoints=https://etcd:2379 del /registry --prefix", "DB019"),
    ("etcdctl del /a /z", "DB019"),
    ("etcdctl rm --recursive /app", "DB019"),
    ("consul kv delete -recurse", "DB019"),
    ("consul kv delete -recurse app/config", "DB019"),
    # Rust and Go migration tools
    ("diesel database reset", "DB015"),
    ("diesel --database-url postgres://db/app database reset", "DB015"),
    ("diesel migration redo --all", "DB014"),
    ("diesel migration revert", "DB014"),
    ("sqlx database drop -y", "DB015"),
    ("sqlx db reset", "DB015"),
    ("sqlx migrate revert", "DB014"),
    ("dbmate drop", "DB015"),
    ("dbmate --url postgres://db/app rollback", "DB014"),
    ("goose reset", "DB014"),
    ("goose -dir db/migrations postgres 'user=app dbname=app' down", "DB014"),
    ("goose postgres 'user=app' down-to 0", "DB014"),
]


@pytest.mark.parametrize(("command", "rule_id"), FLAGGED)
def test_flagged(command: str, rule_id: str, project: Path) -> None:
    decision = check(command, project)
    assert rule_id in decision.rule_ids, (command, decision.findings)
    expected = ALL_RULES[rule_id].verdict
    assert decision.verdict >= expected
    finding = next(f for f in decision.findings if f.rule_id == rule_id)
    assert finding.verdict == expected
    assert finding.message and finding.instead


PASSING = [
    "psql -c 'SELECT count(*) FROM users'",
    "psql -c 'SELECT * FROM users WHERE id = 1'",
    "psql -c 'DELETE FROM users WHERE id = 1'",
    "psql -c 'DELETE FROM users WHERE id = $1'",
    "psql -c 'DELETE FROM sessions WHERE expires_at < now()'",
    "psql -c 'DELETE FROM users WHERE id IN (SELECT user_id FROM bans)'",
    "psql -c 'UPDATE users SET name = 1 WHERE id = 7'",
    "psql -c 'UPDATE t SET a = 1 FROM u WHERE t.id = u.id'",
    "mysql -e 'DELETE t FROM t JOIN u ON t.a = u.a' app",
    "psql -c 'CREATE TABLE audit (id serial primary key, note text)'",
    "psql -c 'INSERT INTO users (name) VALUES (1)'",
    "psql -c 'INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET b = 2'",
    "psql -c 'ALTER TABLE users ADD COLUMN nickname text'",
    "psql -c 'ALTER TABLE users ALTER COLUMN name DROP NOT NULL'",
    "psql -c 'ALTER TABLE users ALTER COLUMN name DROP DEFAULT'",
    "psql -c 'ALTER TABLE users RENAME COLUMN name TO full_name'",
    "psql -c 'CREATE OR REPLACE VIEW v AS SELECT 1'",
    "psql -c \"SELECT * FROM users WHERE status = 'deleted' -- drop later\"",
    "psql -c \"SELECT * FROM t WHERE id = $ID\"",
    "psql -c '\\dt'",
    "psql -l",
    "psql app",
    "psql -f /dev/null",
    "mysql -e 'SHOW TABLES' shop",
    "mysql -psecret -e 'SELECT 1' app",
    "mysql -e \"REPLACE INTO settings VALUES ('theme', 'dark')\" app",
    "sqlite3 app.db .tables",
    "sqlite3 app.db '.schema users'",
    "sqlite3 -readonly app.db 'DELETE FROM users'",
    "duckdb analytics.duckdb 'SELECT 42'",
    "clickhouse-client --query 'SELECT count() FROM events'",
    "pg_dump app > backup.sql",
    "pg_dump app | psql app_copy",
    "pg_restore -d app_restore backup.dump",
    "pg_restore --clean -f out.sql backup.dump",
    "createdb app_test",
    "mongosh --eval 'db.users.countDocuments({})'",
    "mongosh --eval 'db.users.deleteMany({ status: \"inactive\" })'",
    "mongosh --eval 'db.users.find().limit(5)'",
    "redis-cli GET session:1",
    "redis-cli DEL session:1",
    "redis-cli --scan --pattern 'session:*'",
    "redis-cli INFO keyspace",
    "npx prisma migrate dev --name add_index",
    "npx prisma migrate deploy",
    "npx prisma db push",
    "npx prisma generate",
    "npx prisma migrate reset --help",
    "pnpm install",
    "pnpm run build",
    "yarn test",
    "npx drizzle-kit generate",
    "npx drizzle-kit push",
    "atlas schema apply -u sqlite://app.db --to file://schema.hcl --dry-run",
    "supabase migration up",
    "supabase db push --dry-run",
    "bin/rails db:migrate",
    "rails db:migrate:status",
    "rake db:seed",
    "bin/rails db:create",
    "python manage.py migrate",
    "python manage.py migrate shop 0003",
    "python manage.py makemigrations",
    "python manage.py sqlflush",
    "python manage.py test",
    "python -m pytest",
    "alembic upgrade head",
    "alembic downgrade base --sql",
    "alembic history",
    "npx knex migrate:latest",
    "npx sequelize-cli db:migrate",
    "npx typeorm migration:run -d src/data-source.ts",
    "dbt run -s orders",
    "dbt build",
    "grep -ri 'drop table' migrations/",
    "grep -r PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION node_modules/prisma",
    "git commit -m 'DELETE FROM users without where clause fixed'",
    "echo 'DROP TABLE x'",
    "flyway info",
    "flyway migrate",
    "flyway validate",
    "flyway clean --help",
    "flyway -cleanDisabled=true clean",
    "flyway undo -dryRunOutput=undo.sql",
    "liquibase update",
    "liquibase status",
    "liquibase rollback-sql --tag v1",
    "liquibase rollbackCountSQL 2",
    "mvn flyway:migrate",
    "mvn clean install",
    "./gradlew clean build",
    "gradle flywayMigrate",
    "valkey-cli INFO",
    "keydb-cli GET session:1",
    "mongorestore /backup",
    "mongorestore --drop --dryRun /backup",
    "supabase --project-ref abc123 db push --dry-run",
    "supabase db reset --help",
    "supabase db shell -- -c 'SELECT count(*) FROM users'",
    "snow sql -q 'SHOW DATABASES'",
    "snow sql -c prod -q 'SELECT * FROM orders LIMIT 5'",
    "snow connection list",
    "bq query --nouse_legacy_sql 'SELECT COUNT(*) FROM analytics.events'",
    "bq query --dry_run 'DROP TABLE analytics.events'",
    "bq ls",
    "bq show analytics.events",
    "aws athena start-query-execution --query-string 'SELECT count(*) FROM sales.orders'",
    "aws athena get-query-results --query-execution-id 1",
    "aws athena create-named-query --name n --database d --query-string 'DROP TABLE t'",
    "aws redshift-data execute-statement --cluster-identifier prod --database app "
    "--sql 'SELECT 1'",
    "aws rds-data execute-statement --resource-arn a --secret-arn b "
    "--sql 'DELETE FROM users WHERE id = 1'",
    "aws --endpoint-url http://localhost:4566 athena start-query-execution "
    "--query-string 'DROP TABLE t'",
    "aws athena start-query-execution help",
    "aws s3 ls",
    "mycli -e 'SELECT 1'",
    "mycli shop",
    "pgcli app",
    "pgcli -c 'SELECT count(*) FROM users' app",
    "usql postgres://u@db/app -c 'SELECT 1'",
    "litecli app.db -e 'SELECT * FROM users LIMIT 5'",
    "cqlsh -e 'DESCRIBE KEYSPACES'",
    "cqlsh -e 'DELETE FROM ks.users WHERE id = 1'",
    "wrangler d1 execute prod-db --command 'SELECT count(*) FROM users'",
    "wrangler d1 list",
    "redis-cli EVAL \"return redis.call('get', KEYS[1])\" 1 k",
    "redis-cli SHUTDOWN SAVE",
    "etcdctl get --prefix ''",
    "etcdctl get / --prefix --keys-only",
    "etcdctl del /app/lock",
    "etcdctl put /app/x 1",
    "consul kv get -recurse app",
    "consul kv delete app/config/flag",
    "consul members",
    "diesel migration run",
    "diesel setup",
    "diesel migration generate add_users",
    "sqlx migrate run",
    "sqlx database create",
    "dbmate up",
    "dbmate status",
    "goose -dir db/migrations postgres 'user=app' up",
    "goose status",
]


@pytest.mark.parametrize("command", PASSING)
def test_passing(command: str, project: Path) -> None:
    assert db_ids(command, project) == [], check(command, project).findings


def test_messages_name_what_is_lost(project: Path) -> None:
    d = check("psql -c 'DROP TABLE users'", project)
    assert "users" in d.findings[0].message and "every row" in d.findings[0].message
    d = check("psql -c 'DELETE FROM users WHERE 1=1'", project)
    assert "WHERE 1 = 1" in d.findings[0].message or "WHERE TRUE" in d.findings[0].message.upper()
    d = check("psql -c 'DROP INDEX idx'", project)
    assert "index" in d.findings[0].message
    d = check("redis-cli -n 3 FLUSHDB", project)
    assert "database 3" in d.findings[0].message


def test_secret_password_never_in_message(project: Path) -> None:
    d = check("mysql -uroot -pHunter2secret -e 'DROP TABLE users' shop", project)
    assert "DB001" in d.rule_ids
    assert all("Hunter2secret" not in f.message for f in d.findings)


# -- SQL from files ---------------------------------------------------------------------------


def test_sql_files_are_read_relative_to_the_command(project: Path) -> None:
    (project / "migrations").mkdir()
    (project / "migrations" / "001.sql").write_text(
        "-- add a column\nCREATE TABLE a (id int);\nALTER TABLE a ADD COLUMN b text;\n")
    (project / "migrations" / "002.sql").write_text("DROP TABLE a;\n")
    (project / "cleanup.sql").write_text("\\i migrations/002.sql\n")
    (project / "rel.sql").write_text("SELECT 1;\n")
    (project / "migrations" / "003.sql").write_text("\\ir 002.sql\n")
    assert db_ids("psql -f migrations/001.sql", project) == []
    assert db_ids("psql app < migrations/001.sql", project) == []
    assert db_ids("psql -f migrations/002.sql", project) == ["DB001"]
    assert db_ids("psql --file=migrations/002.sql", project) == ["DB001"]
    assert db_ids("cd migrations && psql -f 002.sql", project) == ["DB001"]
    assert db_ids("psql < migrations/002.sql", project) == ["DB001"]
    assert db_ids("cat migrations/002.sql | psql", project) == ["DB001"]
    assert db_ids("sqlite3 app.db < migrations/002.sql", project) == ["DB001"]
    assert db_ids("psql -f cleanup.sql", project) == ["DB001"]  # \i include followed
    assert db_ids("psql -f migrations/003.sql", project) == ["DB001"]  # \ir: relative to file
    assert db_ids("sqlite3 app.db '.read migrations/002.sql'", project) == ["DB001"]
    assert db_ids("mysql app < migrations/002.sql", project) == ["DB001"]
    assert db_ids("npx prisma db execute --file migrations/002.sql", project) == ["DB001"]
    assert db_ids("npx prisma db execute --file migrations/001.sql", project) == []


def test_a_script_that_runs_sql_is_judged(project: Path) -> None:
    (project / "reset.sh").write_text("#!/bin/sh\npsql -c 'TRUNCATE users'\n")
    (project / "reset.sh").chmod(0o755)
    assert "DB002" in db_ids("./reset.sh", project)


def test_large_or_binary_sql_file_is_asked_about(project: Path) -> None:
    (project / "big.sql").write_text("INSERT INTO t VALUES (1);\n" * 60000)
    assert db_ids("psql -f big.sql", project) == ["DB005"]
    (project / "custom.dump").write_bytes(b"PGDMP\0\0\x01DROP TABLE")
    assert db_ids("psql < custom.dump", project) == ["DB005"]


# -- MCP tools ---------------------------------------------------------------------------------


def test_mcp_sql_argument_gets_the_same_check(project: Path) -> None:
    assert "DB001" in mcp("mcp__postgres__query", project, sql="DROP TABLE users").rule_ids
    assert "DB003" in mcp("mcp__supabase__execute_sql", project,
                          query="DELETE FROM users WHERE 1=1", project_id="x").rule_ids
    assert "DB002" in mcp("mcp__mysql__run", project, query="TRUNCATE t").rule_ids
    assert "DB005" in mcp("mcp__db__sql", project, sql="DELETE FROM users WHER id=1").rule_ids
    assert mcp("mcp__postgres__query", project, sql="SELECT * FROM users").verdict == \
        Verdict.ALLOW
    assert mcp("mcp__sqlite__write", project,
               query="DELETE FROM users WHERE id = 1").verdict == Verdict.ALLOW
    # a search tool's query in words is not SQL
    assert mcp("mcp__search__web", project, query="how to drop a table in postgres").verdict \
        == Verdict.ALLOW
    assert mcp("mcp__docs__lookup", project, query="delete or update rows").verdict == \
        Verdict.ALLOW


# -- the safeguard variables in files -----------------------------------------------------------


def test_writing_the_consent_variable_into_a_file_is_denied(project: Path) -> None:
    def write(path: str, content: str) -> Decision:
        return evaluate(Action("write", "Write", path=str(project / path), content=content,
                               cwd=str(project), project_dir=str(project)), Config())

    assert "DB016" in write(".env", "PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION=yes\n").rule_ids
    assert "DB016" in write("ci.yml", "env:\n  DISABLE_DATABASE_ENVIRONMENT_CHECK: 1\n").rule_ids
    assert "DB016" in write("test.ts", "process.env.PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION"
                                       " = 'ok'\n").rule_ids
    assert "DB016" not in write("docs/safety.md", "Never set "
                                "PRISMA_USER_CONSENT_FOR_DANGEROUS_AI_ACTION=yes.\n").rule_ids


# -- the parser is loaded only for SQL that can destroy something -------------------------------

_PROBE = """
import sys
from railguard.config import Config
from railguard.engine import evaluate
from railguard.model import Action
d = evaluate(Action("shell", "Bash", command=sys.argv[1], cwd=sys.argv[2],
                    project_dir=sys.argv[2]), Config())
print(d.verdict.label, "sqlglot" in sys.modules)
"""


@pytest.mark.parametrize(("command", "loads"), [
    ("ls -la", False),
    ("git status", False),
    ("rm -rf build", False),
    ("psql -c 'SELECT count(*) FROM users'", False),
    ("psql -c \"INSERT INTO t VALUES (1)\"", False),
    ("npx prisma migrate reset", False),
    ("redis-cli FLUSHALL", False),
    ("psql -c 'DROP TABLE users'", True),
    ("psql -c 'DELETE FROM users WHERE id = 1'", True),
])
def test_sqlglot_is_imported_only_for_risky_sql(command: str, loads: bool,
                                                project: Path) -> None:
    proc = subprocess.run([sys.executable, "-c", _PROBE, command, str(project)],
                          capture_output=True, text=True, timeout=60, check=True)
    _verdict, loaded = proc.stdout.split()
    assert loaded == str(loads), (command, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    assert proc.stderr == ""  # no sqlglot warning leaks onto the hook's stderr


# -- a real SQLite database ---------------------------------------------------------------------

USERS = [(1, "ada", "ada@example.com"), (2, "bob", "bob@example.com"),
         (3, "cy", "cy@example.com"), (4, "di", "di@example.com"), (5, "ed", "ed@example.com")]


@pytest.fixture
def database(project: Path) -> Path:
    """A real SQLite database with users and orders, inside the project."""
    path = project / "app.db"
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT)")
        con.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER, total REAL)")
        con.executemany("INSERT INTO users VALUES (?, ?, ?)", USERS)
        con.executemany("INSERT INTO orders VALUES (?, ?, ?)",
                        [(i, (i % 5) + 1, i * 10.0) for i in range(1, 11)])
    con.close()
    return path


def _run_on_copy(database: Path, sql: str, tmp_path: Path, tag: str) -> sqlite3.Connection:
    """Execute ``sql`` with the real sqlite3 module on a copy of the database in tmp_path."""
    copy_dir = tmp_path / f"copy-{tag}"
    copy_dir.mkdir()
    copy = copy_dir / "app.db"
    shutil.copy(database, copy)
    assert copy.resolve().is_relative_to(tmp_path.resolve())
    con = sqlite3.connect(copy)
    con.executescript(sql)
    con.commit()
    return con


def _tables(con: sqlite3.Connection) -> set[str]:
    return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _count(con: sqlite3.Connection, table: str) -> int:
    return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


ALLOWED_SQL = [
    ("SELECT * FROM users WHERE id = 1", 5),
    ("SELECT count(*) FROM users", 5),
    ("DELETE FROM users WHERE id = 1", 4),
    ("DELETE FROM users WHERE email = 'bob@example.com'", 4),
    ("UPDATE users SET name = 'ada lovelace' WHERE id = 1", 5),
    ("INSERT INTO users (name, email) VALUES ('fay', 'fay@example.com')", 6),
    ("ALTER TABLE users ADD COLUMN nickname TEXT", 5),
    ("CREATE TABLE audit (id INTEGER PRIMARY KEY, note TEXT)", 5),
    ("BEGIN; DELETE FROM users WHERE id = 5; COMMIT;", 4),
]


@pytest.mark.parametrize(("sql", "users_after"), ALLOWED_SQL)
def test_allowed_sql_keeps_the_other_rows(sql: str, users_after: int, database: Path,
                                          project: Path, tmp_path: Path) -> None:
    command = f"sqlite3 app.db \"{sql}\""
    assert db_ids(command, project) == [], check(command, project).findings
    con = _run_on_copy(database, sql, tmp_path, "allowed")
    assert _count(con, "users") == users_after
    assert _count(con, "orders") == 10
    assert {"users", "orders"} <= _tables(con)
    # the rows the statement did not name are all still there
    remaining = {r[0] for r in con.execute("SELECT id FROM users")}
    assert remaining >= {3, 4}
    con.close()


DENIED_SQL = [
    ("DROP TABLE users", "DB001", lambda c: "users" not in _tables(c)),
    ("DROP TABLE IF EXISTS orders", "DB001", lambda c: "orders" not in _tables(c)),
    ("SELECT 1; DROP TABLE users", "DB001", lambda c: "users" not in _tables(c)),
    ("DELETE FROM users", "DB003", lambda c: _count(c, "users") == 0),
    ("DELETE FROM users WHERE 1=1", "DB003", lambda c: _count(c, "users") == 0),
    ("DELETE FROM users WHERE true", "DB003", lambda c: _count(c, "users") == 0),
    ("DELETE FROM users WHERE 1", "DB003", lambda c: _count(c, "users") == 0),
    ("DELETE FROM users WHERE id IS NOT NULL", "DB003", lambda c: _count(c, "users") == 0),
    ("DELETE FROM users WHERE id > 0", "DB003", lambda c: _count(c, "users") == 0),
    ("DELETE FROM users WHERE name LIKE '%'", "DB003", lambda c: _count(c, "users") == 0),
    ("UPDATE users SET email = 'x@example.com'", "DB003",
     lambda c: {r[0] for r in c.execute("SELECT email FROM users")} == {"x@example.com"}),
    ("UPDATE users SET email = NULL WHERE 1 = 1", "DB003",
     lambda c: {r[0] for r in c.execute("SELECT email FROM users")} == {None}),
    ("ALTER TABLE users DROP COLUMN email", "DB004",
     lambda c: "email" not in {r[1] for r in c.execute("PRAGMA table_info(users)")}),
]


@pytest.mark.parametrize(("sql", "rule_id", "destroyed"), DENIED_SQL)
def test_denied_sql_would_have_destroyed_data(sql: str, rule_id: str, destroyed: object,
                                              database: Path, project: Path,
                                              tmp_path: Path) -> None:
    command = f"sqlite3 app.db \"{sql}\""
    decision = check(command, project)
    assert decision.verdict == Verdict.DENY
    assert rule_id in decision.rule_ids
    con = _run_on_copy(database, sql, tmp_path, "denied")
    assert callable(destroyed) and destroyed(con), f"{sql} did not destroy anything"
    con.close()
    # the original, which railguard protected, is untouched
    orig = sqlite3.connect(database)
    assert _count(orig, "users") == 5 and _count(orig, "orders") == 10
    orig.close()


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="the sqlite3 CLI is not installed")
def test_sqlite3_cli_on_a_copy_matches_the_verdicts(database: Path, project: Path,
                                                    tmp_path: Path) -> None:
    """The same command line railguard judged, run by the real sqlite3 CLI on a copy."""
    work = tmp_path / "cli"
    work.mkdir()
    shutil.copy(database, work / "app.db")
    (work / "clean.sql").write_text("DELETE FROM orders WHERE 1=1;\n")
    (work / "fix.sql").write_text("UPDATE orders SET total = 0 WHERE id = 3;\n")
    assert db_ids("sqlite3 app.db < fix.sql", work) == []
    subprocess.run("sqlite3 app.db < fix.sql", shell=True, cwd=work, check=True)
    con = sqlite3.connect(work / "app.db")
    assert _count(con, "orders") == 10
    con.close()
    assert db_ids("sqlite3 app.db < clean.sql", work) == ["DB003"]
    subprocess.run("sqlite3 app.db < clean.sql", shell=True, cwd=work, check=True)
    con = sqlite3.connect(work / "app.db")
    assert _count(con, "orders") == 0
    con.close()


def test_heredoc_whose_first_line_is_a_client_command(project: Path) -> None:
    assert "DB005" in db_ids("psql <<'EOF'\n\\! rm -rf data\nEOF", project)


def test_sql_file_given_to_a_cloud_api_is_read(project: Path) -> None:
    (project / "q.sql").write_text("DROP TABLE sales.orders;\n")
    (project / "ok.sql").write_text("SELECT 1;\n")
    assert db_ids("aws athena start-query-execution --query-string file://q.sql",
                  project) == ["DB001"]
    assert db_ids("aws athena start-query-execution --query-string file://ok.sql",
                  project) == []
    assert db_ids("aws athena start-query-execution --query-string file://missing.sql",
                  project) == ["DB005"]


def test_sql_through_aws_is_judged_by_one_pack_only(project: Path) -> None:
    decision = check("aws redshift-data execute-statement --cluster-identifier prod "
                     "--database app --sql 'DROP TABLE events'", project)
    assert decision.rule_ids == ["DB001"]
    assert decision.verdict == Verdict.DENY


def test_new_spellings_say_what_is_lost(project: Path) -> None:
    msgs = {f.rule_id: f.message for f in check("flyway clean", project).findings}
    assert "every object" in msgs["DB018"]
    msgs = {f.rule_id: f.message for f in check("mongorestore --drop /backup", project).findings}
    assert "before restoring" in msgs["DB008"]
    msgs = {f.rule_id: f.message
            for f in check("supabase --project-ref abc db reset", project).findings}
    assert "remote" in msgs["DB011"]
