"""How ``xargs`` and GNU ``parallel`` cut their input into arguments.

The input decides what runs: ``xargs -d '\\n' bash -c`` runs each whole line as code, while
``xargs bash -c`` runs only the first blank-separated word of it, with quotes and backslashes
removed. This module follows GNU findutils' ``xargs`` (its reader, its options and the way it
groups items into commands) and GNU ``parallel``'s record reader, on input written in the
command itself. Loaded only when a command uses one of them.
"""

from __future__ import annotations

import posixpath
import re

from railguard.model import Word

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

#: ``xargs``'s short options that take a value, that may take one glued to them, and that take
#: none (GNU findutils 4.9: ``+0a:d:E:e::i::I:l::L:n:oprs:tP:x``; BSD adds ``-J``, ``-R``,
#: ``-S``, which take a value)
_X_VALUED = frozenset("adEILnsPJRS")
_X_OPTIONAL = frozenset("eil")
_X_LONG = {
    "--null": ("0", "none"), "--arg-file": ("a", "required"), "--delimiter": ("d", "required"),
    "--eof": ("e", "optional"), "--replace": ("i", "optional"),
    "--max-lines": ("l", "optional"), "--max-args": ("n", "required"),
    "--open-tty": ("o", "none"), "--interactive": ("p", "none"),
    "--no-run-if-empty": ("r", "none"), "--max-chars": ("s", "required"),
    "--verbose": ("t", "none"), "--show-limits": ("S", "none"), "--exit": ("x", "none"),
    "--max-procs": ("P", "required"), "--process-slot-var": ("slot", "required"),
    "--version": ("v", "none"), "--help": ("h", "none"),
}
_BLANK = b" \t"
_SPACE = b" \t\n\v\f\r"


class XargsCall:
    """What an ``xargs`` command line asks for: how input is read and the command it feeds."""

    __slots__ = ("arg_file", "bad_delimiter", "delimiter", "eof", "insert", "max_args",
                 "max_lines", "no_run_if_empty", "replace", "template")

    def __init__(self) -> None:
        #: the byte that ends an item (``-0``, ``-d``); None: blanks and newlines, with quotes
        self.delimiter: int | None = None
        #: ``-d`` with a value xargs rejects (it then runs nothing)
        self.bad_delimiter = False
        self.eof: str | None = None
        #: ``-I``/``-i``/``--replace``: the string each input line replaces
        self.replace: str | None = None
        #: BSD ``-J``: the word whose place the items take
        self.insert: str | None = None
        self.max_args = 0
        self.max_lines = 0
        self.no_run_if_empty = False
        self.arg_file: str | None = None
        self.template: list[Word] = []


def _number(text: str) -> int:
    try:
        return max(int(text, 10), 1)
    except ValueError:
        return 1


def parse_xargs(args: list[Word]) -> XargsCall:
    """``xargs``'s options, in order (the last of ``-I``, ``-L`` and ``-n`` wins)."""
    call = XargsCall()

    def apply(opt: str, value: str | None) -> None:
        if opt == "0":
            call.delimiter = 0
            call.bad_delimiter = False
        elif opt == "d":
            delim = delimiter_byte(value or "")
            call.delimiter = delim
            call.bad_delimiter = delim is None
        elif opt == "a":
            call.arg_file = value
        elif opt in ("E", "e"):
            call.eof = value or None
        elif opt in ("I", "i"):
            call.replace = value or "{}"
            call.max_args = call.max_lines = 0
        elif opt in ("L", "l"):
            call.max_lines = 1 if value is None else _number(value)
            call.max_args = 0
            call.replace = None
        elif opt == "n":
            call.max_args = _number(value or "1")
            call.max_lines = 0
            if call.replace is not None and call.max_args != 1:
                call.replace = None
        elif opt == "r":
            call.no_run_if_empty = True
        elif opt == "J":
            call.insert = value

    i = 0
    while i < len(args):
        w = args[i]
        t = w.text
        if w.dynamic or not t.startswith("-") or t == "-":
            break
        i += 1
        if t == "--":
            break
        if t.startswith("--"):
            name, eq, val = t.partition("=")
            matches = [k for k in _X_LONG if k.startswith(name)]
            key = name if name in _X_LONG else (matches[0] if len(matches) == 1 else None)
            if key is None:
                continue  # xargs rejects it; keep reading so the command is still seen
            opt, kind = _X_LONG[key]
            if kind == "required" and not eq:
                val = args[i].text if i < len(args) else ""
                i += 1
            apply(opt, val if (eq or kind == "required") else None)
            continue
        j = 1
        while j < len(t):
            c = t[j]
            j += 1
            if c in _X_VALUED:
                val = t[j:]
                if not val:
                    val = args[i].text if i < len(args) else ""
                    i += 1
                apply(c, val)
                break
            if c in _X_OPTIONAL:
                apply(c, t[j:] if j < len(t) else None)
                break
            apply(c, None)
    call.template = list(args[i:])
    return call


_ESCAPES = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}


def delimiter_byte(spec: str) -> int | None:
    """The byte ``xargs -d SPEC`` splits on (None: xargs rejects SPEC)."""
    data = spec.encode("utf-8", "surrogateescape")
    if len(data) == 1:
        return data[0]
    if len(data) < 2 or data[:1] != b"\\":
        return None
    c = spec[1]
    if c in _ESCAPES:
        return _ESCAPES[c]
    if c == "x":
        digits, base = spec[2:], 16
    elif c.isdigit():
        digits, base = spec[1:], 8
    else:
        return None
    if not digits or not re.fullmatch(r"[0-9a-fA-F]+" if base == 16 else r"[0-7]+", digits):
        return None  # strtoul stops early: xargs reports trailing characters
    value = int(digits, base)
    return value if value <= 255 else None


class Fed:
    """The commands a tool's input makes: each one's items, in order. ``complete`` is False
    when the tool stops on an error partway (an unmatched quote): what it ran until then is
    listed, the rest is not known."""

    __slots__ = ("commands", "complete")

    def __init__(self, commands: list[list[str]], complete: bool = True) -> None:
        self.commands = commands
        self.complete = complete


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def xargs_items(data: bytes, call: XargsCall) -> tuple[list[tuple[str, int]], bool]:
    """The items ``xargs`` reads from ``data``, each with the number of input lines ended
    when it is complete (for ``-L``), and whether the input was read to its end without
    error."""
    items: list[tuple[str, int]] = []
    if call.delimiter is not None:
        parts = data.split(bytes([call.delimiter]))
        if parts and parts[-1] == b"":
            parts.pop()  # a trailing delimiter makes no extra item
        # an argument is a C string: a NUL in an item (``-d`` other than NUL) ends it
        return [(_decode(p.split(b"\0", 1)[0]), n) for n, p in enumerate(parts)], True
    replace = call.replace is not None
    eof = call.eof.encode("utf-8", "surrogateescape") if call.eof is not None else None
    lines = 0
    buf = bytearray()
    seen = False  # part of an item read (even an empty one: '')
    first = True  # the item is the first of its line
    state = "space"
    quote = 0
    prev = -1
    n = len(data)
    i = 0

    def item() -> bytes:
        raw = bytes(buf)
        return raw.split(b"\0", 1)[0]  # a NUL cannot be passed on: the item ends there

    while True:
        if i >= n:
            if not buf:
                # even after '' or an open quote: nothing read, nothing pushed, no error
                return items, True
            if state == "quote":
                return items, False
            if first and eof is not None and item() == eof:
                return items, True
            items.append((_decode(item()), lines))
            return items, True
        c = data[i]
        i += 1
        cur_prev, prev = prev, c
        if state == "space":
            if c in _SPACE:
                continue
            state = "norm"
        if state == "norm":
            if c == 10:
                if cur_prev not in _BLANK:
                    lines += 1
                if not buf and not seen:
                    state = "space"
                    continue
                if eof is not None and item() == eof:
                    return items, True
                items.append((_decode(item()), lines))
                buf.clear()
                seen = False
                first = True
                state = "space"
                continue
            seen = True
            if not replace and c in _BLANK:
                if eof is not None and item() == eof:
                    return items, True
                items.append((_decode(item()), lines))
                buf.clear()
                seen = False
                first = False
                state = "space"
                continue
            if c == 92:
                state = "backslash"
                continue
            if c in (34, 39):
                state = "quote"
                quote = c
                continue
        elif state == "quote":
            if c == 10:
                return items, False
            if c == quote:
                state = "norm"
                seen = True
                continue
        elif state == "backslash":
            state = "norm"
        buf.append(c)


def xargs_commands(text: str, call: XargsCall) -> Fed | None:
    """The argument lists ``xargs`` passes to its command for input ``text`` (None: xargs
    would stop before running anything we can name)."""
    if call.bad_delimiter:
        return None
    data = text.encode("utf-8", "surrogateescape")
    items, complete = xargs_items(data, call)
    commands: list[list[str]] = []
    if call.replace is not None:
        commands = [[t] for t, _ in items]
        return Fed(commands, complete)
    cur: list[str] = []
    done_lines = 0
    for t, lines in items:
        cur.append(t)
        if (call.max_args and len(cur) >= call.max_args) \
                or (call.max_lines and lines - done_lines >= call.max_lines):
            commands.append(cur)
            cur = []
            done_lines = lines
    if cur:
        commands.append(cur)
    if not commands and not call.no_run_if_empty and complete:
        commands.append([])  # xargs runs its command once even when the input is empty
    return Fed(commands, complete)


def parallel_delimiter(spec: str) -> bytes | None:
    """The record separator of ``parallel -d SPEC``: characters, C escapes, octal or hex."""
    out = bytearray()
    i = 0
    while i < len(spec):
        c = spec[i]
        if c != "\\" or i + 1 >= len(spec):
            out += c.encode("utf-8", "surrogateescape")
            i += 1
            continue
        e = spec[i + 1]
        if e in _ESCAPES or e in "e0":
            m = re.match(r"[0-7]{1,3}", spec[i + 1 :]) if e == "0" else None
            if m is not None:
                out.append(int(m.group(), 8) & 255)
                i += 1 + len(m.group())
                continue
            out.append(27 if e == "e" else _ESCAPES[e])
            i += 2
            continue
        if e == "x":
            m = re.match(r"[0-9a-fA-F]{1,2}", spec[i + 2 :])
            if m is not None:
                out.append(int(m.group(), 16))
                i += 2 + len(m.group())
                continue
        if e in "1234567":
            m = re.match(r"[0-7]{1,3}", spec[i + 1 :])
            assert m is not None
            out.append(int(m.group(), 8) & 255)
            i += 1 + len(m.group())
            continue
        out += e.encode("utf-8", "surrogateescape")
        i += 2
    return bytes(out) or None


def parallel_items(text: str, delimiter: bytes | None, eof: str | None) -> list[str]:
    """The arguments GNU ``parallel`` reads: one per record (a line by default), taken as
    they are (no quote processing); ``-E`` ends line input at a line equal to it."""
    data = text.encode("utf-8", "surrogateescape")
    parts = data.split(delimiter or b"\n")
    if parts and parts[-1] == b"":
        parts.pop()
    items = [_decode(p) for p in parts]
    if delimiter is None and eof is not None and eof in items:
        items = items[: items.index(eof)]
    return items


#: GNU parallel's replacement strings: ``{}``, ``{.}``, ``{/}``, ``{//}``, ``{/.}``, ``{#}``,
#: ``{%}``, positional ``{3}``, ``{3.}`` ..., and perl expressions ``{= ... =}``
PARALLEL_REPL = re.compile(r"\{(?:(\d+)?(\.|/|//|/\.)?|(#|%)|=.*?=)\}")


def parallel_jobs(sources: list[tuple[list[str], bool]]) -> list[list[str]]:
    """The jobs of ``parallel CMD ::: A... ::: B...``: every combination of the sources' values
    (a source written after ``:::+`` is paired with the one before it instead)."""
    groups: list[list[list[str]]] = []
    for values, linked in sources:
        if linked and groups:
            prev = groups[-1]
            n = max(len(prev), len(values))
            if not prev or not values:
                groups[-1] = []
                continue
            groups[-1] = [prev[i % len(prev)] + [values[i % len(values)]] for i in range(n)]
        else:
            groups.append([[v] for v in values])
    jobs: list[list[str]] = [[]]
    for group in groups:
        jobs = [job + row for job in jobs for row in group]
        if len(jobs) > 4096:
            break
    return jobs if groups else []


def parallel_fill(word: str, values: list[str], *, columns: bool = False,
                  quote: Callable[[str], str] | None = None,
                  unknown: str = "{input}") -> tuple[str, bool]:
    """``word`` with parallel's replacement strings for one job filled in (``values``: one per
    input source; each value passed through ``quote``; ``unknown`` for those that depend on
    more than the values: a column of ``--colsep``, a perl expression), and whether it had
    any."""
    found = False

    def sub(m: re.Match[str]) -> str:
        nonlocal found
        found = True
        column, form, counter = m.group(1), m.group(2) or "", m.group(3)
        if counter:
            return "1"  # the job number or slot
        if m.group().startswith("{=") or (column is not None and (
                columns or not 1 <= int(column) <= len(values))):
            return unknown
        if column is None:
            picked = values
        else:
            picked = [values[int(column) - 1]]
        out: list[str] = []
        for item in picked:
            if form == ".":
                value = _no_ext(item)
            elif form == "/":
                value = item.rsplit("/", 1)[-1]
            elif form == "//":
                value = posixpath.dirname(item) or "."
            elif form == "/.":
                value = _no_ext(item.rsplit("/", 1)[-1])
            else:
                value = item
            out.append(quote(value) if quote is not None else value)
        return " ".join(out)

    return PARALLEL_REPL.sub(sub, word), found


def _no_ext(path: str) -> str:
    return re.sub(r"\.[^/.]*$", "", path)
