"""SQL judged by a real parser (sqlglot).

This module is imported only when a call carries SQL that names a statement which can destroy
data (see :func:`railguard.rules.database.risky`): sqlglot costs a noticeable part of a second
to import, and a tool call without such SQL must not pay for it.

:func:`check` returns ``(rule_id, message)`` pairs for the ``database`` pack:

- ``DB001`` a DROP (table, database, schema, view, index ...) or CREATE OR REPLACE TABLE;
- ``DB002`` a TRUNCATE;
- ``DB003`` a DELETE or UPDATE without a real WHERE (none, or one that is true for every row);
- ``DB004`` an ALTER ... DROP (a column, a constraint);
- ``DB005`` SQL that could not be understood (no dialect parses it, or opaque code like DO $$).
"""

from __future__ import annotations

import logging

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.optimizer.simplify import simplify

# sqlglot logs a warning for every statement it falls back to parsing as a raw Command; the
# hook's stderr is not the place for that
logging.getLogger("sqlglot").setLevel(logging.CRITICAL)

#: dialects tried after the client's own, in this order
FALLBACK = ("postgres", "mysql", "sqlite", "")
#: columns whose "every value" predicates (``id > 0``, ``id IS NOT NULL``) match every row
KEY_COLUMNS = frozenset({"id", "rowid", "oid", "_rowid_"})
#: text longer than this is not parsed (it would cost seconds): it is asked about instead
MAX_PARSE_CHARS = 256 * 1024

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any


def check(text: str, dialects: Iterable[str] = (), source: str = "the SQL") -> list[tuple[str, str]]:
    """What destroys data in ``text``; ``source`` names where it came from for messages."""
    if len(text) > MAX_PARSE_CHARS:
        return [("DB005", f"the SQL is {len(text):,} characters long, too large to check "
                          "statement by statement")]
    order: list[str] = []
    for d in (*dialects, *FALLBACK):
        if d not in order:
            order.append(d)
    best: list[Any] | None = None
    error = ""
    for dialect in order:
        try:
            parsed = [e for e in sqlglot.parse(text, read=dialect or None) if e is not None]
        except SqlglotError as e:
            if not error:
                error = str(e).splitlines()[0] if str(e) else type(e).__name__
            continue
        except (RecursionError, ValueError, TypeError, AttributeError, KeyError, IndexError) as e:
            if not error:
                error = type(e).__name__
            continue
        if best is None:
            best = parsed
        if not any(_opaque(s) for s in parsed):
            best = parsed
            break
    if best is None:
        return [("DB005", f"the SQL does not parse ({_short(error)})")]
    out: list[tuple[str, str]] = []
    for stmt in best:
        out.extend(_statement(stmt))
    return _dedupe(out)


def _statement(stmt: Any) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if isinstance(stmt, exp.Command):
        return _command(stmt)
    for node in stmt.walk():
        if isinstance(node, exp.Drop) and not isinstance(node.parent, exp.Alter):
            out.append(("DB001", _drop(node)))
        elif isinstance(node, exp.TruncateTable):
            names = ", ".join(_name(t) for t in node.expressions) or "the table"
            out.append(("DB002", f"TRUNCATE {names} deletes every row"))
        elif isinstance(node, (exp.Delete, exp.Update)):
            reason = _unfiltered(node)
            if reason is not None:
                verb = "DELETE FROM" if isinstance(node, exp.Delete) else "UPDATE"
                target = _name(node.this) if node.this is not None else "the table"
                what = "deletes" if isinstance(node, exp.Delete) else "rewrites"
                out.append(("DB003", f"{verb} {target} {reason}: it {what} every row"))
        elif isinstance(node, exp.Alter):
            for action in node.args.get("actions") or []:
                if isinstance(action, exp.Drop):
                    kind = str(action.args.get("kind") or "").lower() or "part"
                    names = ", ".join(_name(t) for t in action.args.get("tables") or [])
                    table = _name(node.this) if node.this is not None else "a table"
                    lost = " and its data" if kind == "column" else ""
                    out.append(("DB004", f"ALTER TABLE {table} drops {kind} {names}{lost}"
                                .replace("  ", " ")))
        elif isinstance(node, exp.Create) and node.args.get("replace"):
            kind = str(node.args.get("kind") or "").upper()
            if kind == "TABLE":
                out.append(("DB001", f"CREATE OR REPLACE TABLE {_name(node.this)} replaces the "
                                     "table and every row in it"))
        elif isinstance(node, exp.Command):
            out.extend(_command(node))
    return out


def _command(node: exp.Command) -> list[tuple[str, str]]:
    """A statement sqlglot kept as raw text (DROP OWNED, DROP ROLE, DO $$ ... $$, VACUUM)."""
    head = str(node.this or "").upper()
    rest = node.expression.sql() if isinstance(node.expression, exp.Expression) else \
        str(node.args.get("expression") or "")
    if isinstance(node.expression, exp.Literal):
        rest = str(node.expression.this)
    if head == "DROP":
        return [("DB001", f"DROP {_short(rest, 60)} removes it for good")]
    if head == "TRUNCATE":
        return [("DB002", f"TRUNCATE {_short(rest, 60)} deletes every row")]
    from railguard.rules.database import risky

    if risky(rest) or head in ("DELETE", "UPDATE", "ALTER"):
        return [("DB005", f"{head} {_short(rest, 60)} is code railguard cannot look into "
                          "(it names statements that can destroy data)")]
    return []


def _opaque(stmt: Any) -> bool:
    return any(isinstance(n, exp.Command) for n in stmt.walk())


def _drop(node: exp.Drop) -> str:
    kind = str(node.args.get("kind") or "").upper() or "object"
    names = ", ".join(_name(t) for t in node.args.get("tables") or []) or _name(node.this)
    label = f"DROP {kind} {names}".strip()
    if kind == "TABLE":
        return f"{label} deletes the table and every row in it"
    if kind in ("DATABASE", "SCHEMA"):
        return f"{label} deletes the {kind.lower()} with every table and row in it"
    if kind == "INDEX":
        return f"{label} removes the index (no rows, but its definition is gone)"
    if kind == "VIEW":
        return f"{label} removes the view's definition"
    return f"{label} removes it for good"


def _unfiltered(node: exp.Delete | exp.Update) -> str | None:
    """Why a DELETE/UPDATE touches every row, or None when its WHERE really filters."""
    where = node.args.get("where")
    if where is None:
        if _joined(node):
            return None
        if node.args.get("limit") is not None:
            return "has no WHERE (only a LIMIT, which picks arbitrary rows)"
        return "has no WHERE"
    cond = where.this
    if _tautology(cond):
        return f"has WHERE {_short(cond.sql(), 40)}, which is true for every row"
    return None


def _joined(node: exp.Expression) -> bool:
    """MySQL ``DELETE t FROM t JOIN u ON ...``: the join's condition does the filtering."""
    table = node.this
    joins = (table.args.get("joins") if isinstance(table, exp.Expression) else None) or []
    joins = [*joins, *(node.args.get("joins") or [])]
    return any(j.args.get("on") is not None or j.args.get("using") for j in joins)


def _tautology(cond: exp.Expression) -> bool:
    try:
        simple = simplify(cond.copy())
    except Exception:  # simplify is best effort; the unsimplified condition is still judged
        simple = cond
    return _always(simple) or _always(cond)


def _always(e: exp.Expression) -> bool:
    if isinstance(e, exp.Paren):
        return _always(e.this)
    if isinstance(e, exp.Boolean):
        return bool(e.this)
    if isinstance(e, exp.Literal):
        # MySQL and SQLite take a non-zero number as true: WHERE 1
        try:
            return float(str(e.this)) != 0
        except ValueError:
            return False
    if isinstance(e, exp.Or):
        if _always(e.this) or _always(e.expression):
            return True
        # x IS NULL OR x IS NOT NULL
        a, b = e.this, e.expression
        if isinstance(a, exp.Is) and isinstance(b, exp.Is):
            if a.this == b.this and isinstance(a.expression, exp.Null) and \
                    isinstance(b.expression, exp.Null):
                return bool(a.args.get("negate")) != bool(b.args.get("negate"))
            if isinstance(a.this, exp.Column) and a.this == b.this:
                return _neg(a) != _neg(b)
        return False
    if isinstance(e, exp.And):
        return _always(e.this) and _always(e.expression)
    if isinstance(e, (exp.EQ, exp.GTE, exp.LTE)) and isinstance(e.this, exp.Column) \
            and e.this == e.expression:
        return True  # a = a
    if isinstance(e, exp.Like) and isinstance(e.expression, exp.Literal) \
            and str(e.expression.this) and set(str(e.expression.this)) == {"%"}:
        return True  # name LIKE '%'
    # the classic ways around MySQL's safe-updates mode on the key column
    col = e.this if isinstance(e, (exp.Binary, exp.Is)) else None
    if isinstance(col, exp.Column) and col.name.lower() in KEY_COLUMNS:
        if isinstance(e, exp.Is) and isinstance(e.expression, exp.Null) and _neg(e):
            return True  # id IS NOT NULL
        other = e.expression
        if isinstance(other, exp.Literal) and not other.is_string:
            try:
                n = float(str(other.this))
            except ValueError:
                return False
            if isinstance(e, exp.GT) and n <= 0:
                return True  # id > 0
            if isinstance(e, exp.GTE) and n <= 1:
                return True  # id >= 0, id >= 1
            if isinstance(e, exp.NEQ) and n <= 0:
                return True  # id <> 0, id != -1
    if isinstance(e, exp.Not) and isinstance(e.this, exp.Is) and isinstance(e.this.this, exp.Column) \
            and e.this.this.name.lower() in KEY_COLUMNS and isinstance(e.this.expression, exp.Null):
        return True  # NOT id IS NULL
    return False


def _neg(e: exp.Expression) -> bool:
    return bool(e.args.get("negate"))


def _name(e: exp.Expression | None) -> str:
    if e is None:
        return ""
    try:
        return e.sql()
    except Exception:  # a malformed node must not break the message
        return str(getattr(e, "name", "") or "")


def _short(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 3] + "..."


def _dedupe(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    for i in items:
        if i not in seen:
            seen.append(i)
    return seen
