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
