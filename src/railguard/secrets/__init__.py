"""Secret scanning: credential rules as data, one engine for git hooks, scans and agent calls.

Public API (stable)::

    from railguard.secrets import scan_text, redact, RULES
    findings = scan_text(text, path="src/app.py")   # list[SecretFinding]
    safe = redact(text)                              # every found secret replaced by its redacted form

A :class:`SecretFinding` never shows the secret in ``repr``/``str``; the value is only reachable
through the explicit :attr:`SecretFinding.value` attribute.

Importing this package is cheap: the rule table, Hyperscan and the confirming regex engine are
loaded on the first scan. ``RAILGUARD_SECRETS_ENGINE=python`` (or ``engine="python"``) forces the
pure-Python engine, which gives the same findings as the Hyperscan one.
"""

from __future__ import annotations

from railguard.secrets.finding import SecretFinding

TYPE_CHECKING = False
if TYPE_CHECKING:
    from railguard.secrets.engine import Rule, Scanner

__all__ = ["RULES", "SecretFinding", "default_scanner", "redact", "scan_bytes", "scan_text"]


def default_scanner(engine: str | None = None) -> Scanner:
    """The scanner over the built-in rules (one per process and engine choice)."""
    from railguard.secrets.engine import default_scanner as _ds

    return _ds(engine)


def scan_text(text: str, *, path: str | None = None, engine: str | None = None,
              suppressions: bool = True) -> list[SecretFinding]:
    """Find credentials in ``text``. Offsets (``start``/``end``) are character offsets.

    ``suppressions=False`` ignores inline markers (``railguard:allow``, ``gitleaks:allow``,
    ``pragma: allowlist secret``): use it where the author of the text is the one being checked.
    """
    return default_scanner(engine).scan_text(text, path=path, suppressions=suppressions)


def scan_bytes(data: bytes, *, path: str | None = None, engine: str | None = None,
               suppressions: bool = True) -> list[SecretFinding]:
    """Like :func:`scan_text` on raw bytes; offsets are byte offsets."""
    return default_scanner(engine).scan_bytes(data, path=path, suppressions=suppressions)


def redact(text: str, *, engine: str | None = None) -> str:
    """``text`` with every secret found in it replaced by its redacted form (suppressions ignored)."""
    found = default_scanner(engine).scan_text(text, suppressions=False)
    if not found:
        return text
    out: list[str] = []
    pos = 0
    for f in sorted(found, key=lambda f: f.start):
        if f.start < pos:
            continue
        out.append(text[pos:f.start])
        out.append(f.redacted)
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


def __getattr__(name: str) -> tuple[Rule, ...]:
    if name == "RULES":
        from railguard.secrets.engine import builtin_rules

        return builtin_rules()
    raise AttributeError(name)
