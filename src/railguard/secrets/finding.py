"""The finding type: everything about a secret except the secret, unless asked for explicitly."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def sha256(data: bytes = b"") -> Any:
    """sha256 without initialising OpenSSL (``import hashlib`` reads its config: ~10-25 ms)."""
    try:
        from _sha2 import sha256 as impl  # type: ignore[import-not-found]  # 3.12+
    except ImportError:
        try:
            from _sha256 import sha256 as impl  # type: ignore[import-not-found]
        except ImportError:
            from hashlib import sha256 as impl
    return impl(data)


def fingerprint(rule_id: str, value: str) -> str:
    """sha256 hex of the rule id and the value: stable identity, no plaintext."""
    digest: str = sha256(f"{rule_id}:{value}".encode("utf-8", "surrogatepass")).hexdigest()
    return digest


def redacted_form(value: str, show: int = 0) -> str:
    """``sk-proj-…a1b2``: a known prefix (``show`` chars), an ellipsis, the last 4 if long enough."""
    if len(value) < 12:
        return value[:min(show, len(value) // 3)] + "…"
    head = value[:min(show, len(value) // 2)]
    tail = value[-4:] if len(value) >= 16 else ""
    return f"{head}…{tail}"


class SecretFinding:
    """One credential found. ``repr``/``str`` never include the value; use :attr:`value`."""

    __slots__ = ("_value", "column", "commit", "end", "end_line", "fingerprint", "line", "path",
                 "provider", "redacted", "rule_id", "severity", "start", "suppressed", "title")

    def __init__(self, *, rule_id: str, provider: str, title: str, severity: str, line: int,
                 column: int, start: int, end: int, value: str, show: int = 0,
                 path: str | None = None, end_line: int | None = None,
                 suppressed: bool = False) -> None:
        self.rule_id = rule_id
        self.provider = provider
        self.title = title
        self.severity = severity
        self.line = line
        self.column = column
        self.start = start
        self.end = end
        self.end_line = line if end_line is None else end_line
        self.path = path
        self.suppressed = suppressed
        self.commit: str | None = None
        self._value = value
        self.redacted = redacted_form(value, show)
        self.fingerprint = fingerprint(rule_id, value)

    @property
    def value(self) -> str:
        """The secret itself. Never print or log it."""
        return self._value

    def to_dict(self, *, show_secret: bool = False) -> dict[str, object]:
        d: dict[str, object] = {
            "rule": self.rule_id, "provider": self.provider, "title": self.title,
            "severity": self.severity, "path": self.path, "line": self.line,
            "column": self.column, "end_line": self.end_line, "start": self.start,
            "end": self.end, "redacted": self.redacted, "fingerprint": self.fingerprint,
        }
        if self.commit:
            d["commit"] = self.commit
        if self.suppressed:
            d["suppressed"] = True
        if show_secret:
            d["value"] = self._value
        return d

    def __repr__(self) -> str:
        where = f"{self.path}:" if self.path else ""
        return (f"SecretFinding({self.rule_id} {self.provider} {where}{self.line}:{self.column} "
                f"{self.redacted})")

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SecretFinding):
            return NotImplemented
        return (self.rule_id, self.start, self.end, self.fingerprint, self.path) == (
            other.rule_id, other.start, other.end, other.fingerprint, other.path)

    def __hash__(self) -> int:
        return hash((self.rule_id, self.start, self.end, self.fingerprint))
