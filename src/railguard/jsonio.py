"""JSON for the hook's hot path, straight from the interpreter's C accelerator.

``import json`` costs the hook about a millisecond on every tool call (its package modules and
the regular expressions they compile at import), yet the C module ``_json`` that does the real
work is built in. :func:`loads` and :func:`dumps` use it directly and give the same results as
``json.loads`` and ``json.dumps``; on any error, or where ``_json`` is missing, they hand the
text to the ``json`` package so errors and messages are exactly its own.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_WHITESPACE = " \t\n\r"
_CONSTANTS = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}


class _Context:
    """What the C scanner reads from its ``context`` (the attributes of json.JSONDecoder)."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = _CONSTANTS.__getitem__


_scanner: Any = None


def loads(text: str) -> Any:
    """``json.loads(text)`` for a str."""
    global _scanner
    if _scanner is None:
        try:
            import _json
        except ImportError:  # an interpreter without the accelerator
            _scanner = False
        else:
            _scanner = _json.make_scanner(_Context)  # type: ignore[arg-type]
    if _scanner is False or text.startswith("\ufeff"):
        return _slow_loads(text)
    i = len(text) - len(text.lstrip(_WHITESPACE))
    try:
        obj, end = _scanner(text, i)
    except (StopIteration, SystemError, ValueError):
        # not a JSON value there, or cut short (the C scanner reports that through the json
        # package's error class, which this module does not load): the json package says why
        return _slow_loads(text)
    if text[end:].strip(_WHITESPACE):
        return _slow_loads(text)  # "Extra data"
    return obj


def _slow_loads(text: str) -> Any:
    import json

    return json.loads(text)


def dumps(obj: Any) -> str:
    """``json.dumps(obj)`` (ASCII, default separators) for dicts, lists, strings, numbers,
    booleans and None."""
    try:
        from _json import encode_basestring_ascii as quote
    except ImportError:
        import json

        return json.dumps(obj)
    out: list[str] = []
    _encode(obj, out, quote)
    return "".join(out)


def _encode(obj: Any, out: list[str], quote: Any) -> None:
    if isinstance(obj, str):
        out.append(quote(obj))
    elif obj is None:
        out.append("null")
    elif obj is True:
        out.append("true")
    elif obj is False:
        out.append("false")
    elif isinstance(obj, int):
        out.append(int.__repr__(obj))
    elif isinstance(obj, dict):
        out.append("{")
        for n, (key, value) in enumerate(obj.items()):
            if not isinstance(key, str):
                raise TypeError(f"keys must be str, not {type(key).__name__}")
            if n:
                out.append(", ")
            out.append(quote(key))
            out.append(": ")
            _encode(value, out, quote)
        out.append("}")
    elif isinstance(obj, (list, tuple)):
        out.append("[")
        for n, value in enumerate(obj):
            if n:
                out.append(", ")
            _encode(value, out, quote)
        out.append("]")
    else:  # floats and anything else: the json package's own rules
        import json

        out.append(json.dumps(obj))
