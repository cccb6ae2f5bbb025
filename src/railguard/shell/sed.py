"""GNU sed's command line read the way GNU sed 4.9 reads it: what it runs, reads and writes.

Beyond editing text, a sed script can run shell commands and touch files:

- ``e COMMAND`` runs COMMAND with ``/bin/sh``; ``e`` alone runs the pattern space (the input
  line, or what earlier commands made of it) and the ``e`` flag of ``s`` runs the pattern space
  after the substitution;
- ``r FILE`` and ``R FILE`` copy FILE (all of it, or a line at a time) to the output;
- ``w FILE``, ``W FILE`` and the ``w`` flag of ``s`` create or truncate FILE when the script is
  compiled, before any input is read, and write lines to it.

The script is read with sed's own grammar: ``e``, ``a``, ``i``, ``c``, ``r``, ``R``, ``w`` and
``W`` take the rest of the line (``1e echo hi; rm -rf ~`` runs ``echo hi; rm -rf ~``); ``s``
and ``y`` take any delimiter, and a delimiter inside a bracket expression or escaped does not
end the regex; labels end at a blank, ``;``, ``}`` or ``#``. Options are taken in order as
getopt does (abbreviated long options, clusters, permutation): each ``-e`` and ``-f`` script is
compiled when it is met, so ``--sandbox``, ``--posix`` and ``-E`` apply to the scripts after them
and to the operand script, which is compiled last.

When a shell command comes from the pattern space, the text sed hands to the shell is followed
through the commands that set it: ``s/^.*$/rm -rf ~/e`` runs ``rm -rf ~`` on every line, and so
does ``s/^.*$/rm -rf ~/;e``. ``.*`` without anchors stops at the first byte that is not a
character in the locale, so ``s/.*/X/e`` runs ``X`` followed by whatever of the line is left:
the start is known, the rest is not.

Entry point: :func:`read_sed`.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    #: a value of the pattern or hold space: ``("=", text)`` known exactly, or
    #: ``("~", fragments)`` unknown except for pieces of text known to appear in it
    _Val = tuple[str, object]
    _State = tuple[list[_Val], list[_Val]]

__all__ = ["SedCall", "read_sed"]

#: pattern-space alternatives followed per point of the script before they are merged
MAX_ALTERNATIVES = 8
#: longest pattern-space text followed exactly (``G``/``H`` can double it at each step)
MAX_TEXT = 1 << 16
#: scripts with more commands than this are not followed through the pattern space: every
#: ``e`` without argument and ``s///e`` then runs something unknown
MAX_TRACKED_COMMANDS = 5000

_LONG = {
    # name: (key, argument: "no" | "required" | "optional")
    "binary": ("b", "no"), "debug": ("debug", "no"), "expression": ("e", "required"),
    "file": ("f", "required"), "follow-symlinks": ("follow", "no"), "help": ("help", "no"),
    "in-place": ("i", "optional"), "line-length": ("l", "required"),
    "null-data": ("z", "no"), "zero-terminated": ("z", "no"), "posix": ("posix", "no"),
    "quiet": ("n", "no"), "silent": ("n", "no"), "regexp-extended": ("E", "no"),
    "sandbox": ("sandbox", "no"), "separate": ("s", "no"), "unbuffered": ("u", "no"),
    "version": ("version", "no"),
}
_SHORT_FLAGS = frozenset("bsnrzuE")
_SHORT_VALUED = frozenset("efl")
_SPACE = " \t\n\v\f\r"
_BLANK = " \t"
_SPECIAL_OUTPUTS = frozenset({"/dev/stdout", "/dev/stderr"})

# replacement case conversion (GNU sed's ``enum replacement_types``)
_ASIS, _UPPER, _LOWER, _UPPER_FIRST, _LOWER_FIRST = 0, 1, 2, 4, 8
_MODIFIERS = _UPPER_FIRST | _LOWER_FIRST

# how a regex of ``s`` matches the pattern space
_OTHER, _LEADING, _START, _END, _ANCHORED = range(5)

_UNKNOWN: _Val = ("~", ())


class SedCall:
    """What one ``sed`` command line does besides editing text.

    ``runs`` are shell command lines sed hands to ``/bin/sh -c`` exactly as given. When the
    command comes from input text, ``runs_unknown`` is set and ``run_parts`` holds any text known
    to be part of it (a literal replacement spliced into an input line, or the known start of a
    command whose rest comes from the line). ``reads`` and ``writes`` are file names as written
    in the script (relative to sed's working directory); ``writes`` leaves out ``/dev/stdout``
    and ``/dev/stderr``, sed's own output streams. A ``w`` file is created or truncated even when
    no line reaches the command.

    ``early_exit`` is set when sed stops before reading any input: ``--help``, ``--version``, or
    a command a ``--sandbox`` or ``--posix`` mode refuses. Nothing runs and nothing is read then,
    but ``writes`` still lists the files the scripts compiled before the stop opened.
    """

    __slots__ = ("early_exit", "extended", "in_place", "in_place_suffix", "inputs", "posix",
                 "quiet", "reads", "run_parts", "runs", "runs_unknown", "sandbox",
                 "script_files", "scripts", "writes")

    def __init__(self) -> None:
        #: the script texts in the order sed compiles them (``-e``, ``-f`` file text, operand)
        self.scripts: list[str] = []
        #: the ``-f`` file names (``-`` is standard input)
        self.script_files: list[str] = []
        #: input file operands (none: standard input); with ``in_place`` each is rewritten
        self.inputs: list[str] = []
        self.in_place = False
        #: ``-i SUFFIX``: the backup name (a ``*`` in it stands for the file's base name)
        self.in_place_suffix: str | None = None
        self.quiet = False
        self.extended = False
        self.sandbox = False
        self.posix = False
        self.runs: list[str] = []
        self.run_parts: list[str] = []
        self.runs_unknown = False
        self.reads: list[str] = []
        self.writes: list[str] = []
        self.early_exit = ""

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={getattr(self, k)!r}" for k in
                           ("runs", "run_parts", "runs_unknown", "reads", "writes", "early_exit")
                           if getattr(self, k))
        return f"SedCall({fields})"


class _Bad(Exception):
    """sed rejects the command line, or it cannot be read here."""


class _Stop(Exception):
    """sed stops before reading input (the reason is the message)."""


# --------------------------------------------------------------------------- compiled script


class _Subst:
    __slots__ = ("eval", "group_form", "kind", "nodes", "number", "regex", "whole", "write")

    def __init__(self) -> None:
        self.kind = _OTHER
        #: the regex matches any line made of characters (``^.*$``)
        self.whole = False
        #: group 1 is the whole line (``^\\(.*\\)$``)
        self.group_form = False
        self.nodes: list[tuple[str, int, int]] = []
        self.eval = False
        self.number = 0
        self.regex = ""
        self.write: str | None = None


class _Cmd:
    __slots__ = ("addressed", "arg", "op", "subst")

    def __init__(self, op: str, addressed: bool) -> None:
        self.op = op
        self.addressed = addressed
        #: e/a/i/c text, a file name, a label, or y's two strings joined by NUL
        self.arg: str | None = None
        self.subst: _Subst | None = None


class _Reader:
    """One script chunk, read a character at a time; '' is the end."""

    __slots__ = ("i", "n", "s")

    def __init__(self, s: str) -> None:
        self.s = s
        self.i = 0
        self.n = len(s)

    def get(self) -> str:
        if self.i < self.n:
            self.i += 1
            return self.s[self.i - 1]
        return ""

    def unget(self, ch: str) -> None:
        if ch:
            self.i -= 1

    def nonblank(self) -> str:
        s, i, n = self.s, self.i, self.n
        while i < n and s[i] in _BLANK:
            i += 1
        self.i = i
        return self.get()

    def integer(self, ch: str) -> int:
        num = 0
        while ch and "0" <= ch <= "9":
            num = num * 10 + ord(ch) - 48
            ch = self.get()
        self.unget(ch)
        return num


#: compiled on first use: the end of a run of plain characters (per delimiter), of a text
#: line, of a label
_PATTERNS: dict[str, re.Pattern[str]] = {}


#: per delimiter of s, y and addresses: a run of characters that cannot end the part
_PLAIN: dict[str, re.Pattern[str]] = {}


def _pattern(source: str) -> re.Pattern[str]:
    pattern = _PATTERNS.get(source)
    if pattern is None:
        pattern = _PATTERNS[source] = re.compile(source)
    return pattern



class _Compiler:
    """GNU sed's ``compile.c``: chunks in, commands and the files they name out."""

    def __init__(self) -> None:
        self.cmds: list[_Cmd] = []
        self.blocks: list[int] = []
        self.labels: set[str] = set()
        self.jumps: list[str] = []
        self.pending: list[str] | None = None
        self.pending_cmd: _Cmd | None = None
        self.posix = False
        self.sandbox = False
        self.extended = False
        self.first = True
        self.quiet = False
        self.reads: list[str] = []
        self.writes: list[str] = []

    # -- pieces of commands

    def _match_slash(self, r: _Reader, slash: str, regex: bool) -> str:
        if not slash or slash == "\n" or slash >= "\x80":
            raise _Bad("bad delimiter")
        out: list[str] = []
        s = r.s
        plain = _PLAIN.get(slash)
        if plain is None:
            plain = _PLAIN[slash] = re.compile("[^\\\\\n[" + re.escape(slash) + "]+")
        while True:
            m = plain.match(s, r.i)
            if m:
                out.append(m.group())
                r.i = m.end()
            ch = r.get()
            if not ch or ch == "\n":
                raise _Bad("unterminated")
            if ch == slash:
                return "".join(out)
            if ch == "\\":
                ch = r.get()
                if not ch:
                    raise _Bad("unterminated")
                if ch == "n" and regex:
                    ch = "\n"
                elif ch != "\n" and (ch != slash or (not regex and ch == "&")):
                    out.append("\\")
            elif ch == "[" and regex:
                out.append(ch)
                ch = self._char_class(r, out)
                if ch != "]":
                    raise _Bad("unterminated")
            out.append(ch)

    @staticmethod
    def _char_class(r: _Reader, out: list[str]) -> str:
        ch = r.get()
        if ch == "^":
            out.append(ch)
            ch = r.get()
        if ch == "]":
            out.append(ch)
            ch = r.get()
        state = 0
        delim = ""
        while True:
            if not ch or ch == "\n":
                return ch
            if ch in ".:=":
                if state == 1:
                    delim = ch
                    state = 2
                    out.append(ch)
                    ch = r.get()
                    continue
                if state == 2 and ch == delim:
                    state = 3
                    out.append(ch)
                    ch = r.get()
                    continue
            elif ch == "[":
                if state == 0:
                    state = 1
                out.append(ch)
                ch = r.get()
                continue
            elif ch == "]":
                if state in (0, 1):
                    return ch
                if state == 3:
                    state = 0
            state &= ~1
            out.append(ch)
            ch = r.get()

    @staticmethod
    def _filename(r: _Reader) -> str:
        ch = r.nonblank()
        if not ch or ch == "\n":
            raise _Bad("missing filename")
        start = r.i - 1
        end = r.s.find("\n", start)
        if end < 0:
            end = r.n
            r.i = r.n
        else:
            r.i = end + 1
        return r.s[start:end]

    @staticmethod
    def _label(r: _Reader) -> str:
        ch = r.nonblank()
        r.unget(ch)
        m = _pattern(r"[ \t\n\v\f\r;}#]").search(r.s, r.i)
        end = m.start() if m else r.n
        label = r.s[r.i:end]
        r.i = end
        return label

    @staticmethod
    def _end_of_cmd(r: _Reader) -> None:
        ch = r.nonblank()
        if ch in ("}", "#"):
            r.unget(ch)
        elif ch not in ("", "\n", ";"):
            raise _Bad("extra characters after command")

    def _read_text(self, r: _Reader, cmd: _Cmd | None, leadin: str) -> None:
        if cmd is not None:
            self.pending = []
            self.pending_cmd = cmd
        buf = self.pending
        assert buf is not None
        if not leadin:
            return
        if leadin != "\n":
            buf.append(leadin)
        s = r.s
        while True:
            m = _pattern(r"[\\\n]").search(s, r.i)
            end = m.start() if m else r.n
            if end > r.i:
                buf.append(s[r.i:end])
                r.i = end
            ch = r.get()
            if not ch or ch == "\n":
                break
            ch = r.get()  # after a backslash
            if not ch:
                buf.append("\n")
                return
            buf.append("\\" + ch)
        buf.append("\n")
        target = self.pending_cmd
        assert target is not None
        target.arg = _normalize("".join(buf), "text")
        self.pending = None
        self.pending_cmd = None

    def _address(self, r: _Reader, ch: str) -> tuple[str, int] | None:
        if ch in ("/", "\\"):
            if ch == "\\":
                ch = r.get()
            self._match_slash(r, ch, True)
            while True:
                ch = r.nonblank()
                if self.posix or ch not in ("I", "M"):
                    r.unget(ch)
                    return ("re", 0)
        if "0" <= ch <= "9":
            num = r.integer(ch)
            ch = r.nonblank()
            if ch != "~" or self.posix:
                r.unget(ch)
                return ("num", num)
            step = r.integer(r.nonblank())
            return ("mod", step) if step > 0 else ("num", num)
        if ch in ("+", "~") and not self.posix:
            step = r.integer(r.nonblank())
            return ("step", step) if step > 0 else ("null", 0)
        if ch == "$":
            return ("last", 0)
        return None

    # -- the program

    def chunk(self, text: str) -> None:
        r = _Reader(text)
        first_chunk = self.first
        self.first = False
        if self.pending is not None:
            self._read_text(r, None, "\n")
        s = text
        simple = _pattern(r"(?:(\d+|\$)(?:[ \t]*,[ \t]*(\d+|\$))?[ \t]*)?(!?)[ \t]*"
                          r"([=dDgGhHnNpPx%s])[ \t]*(?:[;\n]|(?=[}#])|\Z)"
                          % ("" if self.posix else "Fz"))
        while True:
            i, n = r.i, r.n
            while i < n and (s[i] == ";" or s[i] in _SPACE):
                i += 1
            r.i = i
            # a command without argument, after line-number addresses: read at once
            m = simple.match(s, i)
            if m and not (m.group(1) and not m.group(1).strip("0")) and not (
                    self.posix and m.group(2) and m.group(4) == "="):
                self.cmds.append(_Cmd(m.group(4), bool(m.group(1) or m.group(3))))
                r.i = m.end()
                continue
            ch = r.get()
            if not ch:
                return
            start = r.i - 1
            addressed = False
            a1 = self._address(r, ch)
            if a1 is not None:
                if a1[0] == "step":
                    raise _Bad("invalid usage of +N or ~N as first address")
                addressed = True
                a2 = None
                ch = r.nonblank()
                if ch == ",":
                    a2 = self._address(r, r.nonblank())
                    if a2 is None:
                        raise _Bad("unexpected ,")
                    ch = r.nonblank()
                if a1 == ("num", 0) and (a2 is None or a2[0] != "re" or self.posix) and not (
                        a2 is None and ch == "r" and not self.posix):
                    raise _Bad("invalid usage of line address 0")
                if a2 is not None and self.posix and ch and ch in "ail=r":
                    raise _Stop("sed --posix: command only uses one address")
                if a2 is not None and ch in ("q", "Q"):
                    raise _Bad("command only uses one address")
            if ch == "!":
                addressed = True
                ch = r.nonblank()
                if ch == "!":
                    raise _Bad("multiple !s")
            if self.posix and ch and ch in "eFvzLQTRW":
                raise _Stop(f"sed --posix: unknown command: `{ch}'")
            self._command(r, ch, addressed, a1 is not None, first_chunk and start == 0)

    def end_chunk(self) -> None:
        if self.posix and self.pending is not None:
            raise _Bad("incomplete command")

    def _command(self, r: _Reader, ch: str, addressed: bool, has_a1: bool,
                 at_start: bool) -> None:
        cmd = _Cmd(ch, addressed)
        if ch == "#":
            if has_a1:
                raise _Bad("comments don't accept any addresses")
            nxt = r.get()
            if nxt == "n" and at_start and r.i == 2 and (r.n == 2 or r.s[2] == "\n"):
                self.quiet = True
            if nxt in ("", "\n"):
                return
            end = r.s.find("\n", r.i)
            r.i = r.n if end < 0 else end + 1
            return
        if ch == "v":
            if _newer_than_sed(self._label(r)):
                raise _Bad("expected newer version of sed")
            return
        if ch == "{":
            self.blocks.append(len(self.cmds))
        elif ch == "}":
            if not self.blocks:
                raise _Bad("unexpected }")
            if has_a1:
                raise _Bad("} doesn't want any addresses")
            self._end_of_cmd(r)
            self.blocks.pop()
        elif ch in ("e", "a", "i", "c"):
            if ch == "e" and self.sandbox:
                raise _Stop("sed --sandbox: e/r/w commands disabled")
            nxt = r.nonblank()
            if ch == "e" and nxt in ("", "\n"):
                cmd.arg = None
            else:
                if not nxt:
                    raise _Bad("expected \\ after a, c or i")
                if nxt == "\\":
                    nxt = r.get()
                else:
                    if self.posix:
                        raise _Stop("sed --posix: expected \\ after a, c or i")
                    r.unget(nxt)
                    nxt = "\n"
                cmd.arg = ""
                self.cmds.append(cmd)
                self._read_text(r, cmd, nxt)
                return
        elif ch == ":":
            if has_a1:
                raise _Bad(": doesn't want any addresses")
            label = self._label(r)
            if not label:
                raise _Bad('":" lacks a label')
            self.labels.add(label)
            cmd.arg = label
        elif ch in ("b", "t", "T"):
            cmd.arg = self._label(r)
            if cmd.arg:
                self.jumps.append(cmd.arg)
        elif ch in ("q", "Q", "l", "L"):
            nxt = r.nonblank()
            if "0" <= nxt <= "9" and nxt and not self.posix:
                r.integer(nxt)
                nxt = r.nonblank()
            if nxt in ("}", "#"):
                r.unget(nxt)
            elif nxt not in ("", "\n", ";"):
                raise _Bad("extra characters after command")
        elif ch in "=dDFgGhHnNpPzx" and ch:
            self._end_of_cmd(r)
        elif ch in ("r", "R", "w", "W"):
            if self.sandbox:
                raise _Stop("sed --sandbox: e/r/w commands disabled")
            name = self._filename(r)
            cmd.arg = name
            if ch in ("r", "R"):
                _add(self.reads, name)
            elif name not in _SPECIAL_OUTPUTS:
                _add(self.writes, name)
        elif ch == "s":
            cmd.subst = self._subst(r)
        elif ch == "y":
            slash = r.get()
            src = _normalize(self._match_slash(r, slash, False), "text")
            dst = _normalize(self._match_slash(r, slash, False), "text")
            if len(src) != len(dst):
                raise _Bad("strings for y command are different lengths")
            cmd.arg = src + "\0" + dst
            self._end_of_cmd(r)
        elif not ch:
            raise _Bad("missing command")
        else:
            raise _Bad(f"unknown command: `{ch}'")
        self.cmds.append(cmd)

    def _subst(self, r: _Reader) -> _Subst:
        sub = _Subst()
        slash = r.get()
        regex = self._match_slash(r, slash, True)
        repl = self._match_slash(r, slash, False)
        sub.regex = regex
        sub.nodes, max_id = _replacement(_normalize(repl, "replacement"), self.posix)
        multiline = g = p = False
        while True:
            ch = r.nonblank()
            if ch in ("i", "I", "m", "M", "e") and self.posix:
                raise _Stop("sed --posix: unknown option to `s'")
            if ch in ("i", "I"):
                continue
            if ch in ("m", "M"):
                multiline = True
            elif ch == "e":
                if self.sandbox:
                    raise _Stop("sed --sandbox: e/r/w commands disabled")
                sub.eval = True
            elif ch == "p":
                if p:
                    raise _Bad("multiple p options to s command")
                p = True
            elif ch == "g":
                if g:
                    raise _Bad("multiple g options to s command")
                g = True
            elif ch == "w":
                if self.sandbox:
                    raise _Stop("sed --sandbox: e/r/w commands disabled")
                name = self._filename(r)
                sub.write = name
                if name not in _SPECIAL_OUTPUTS:
                    _add(self.writes, name)
                break
            elif "0" <= ch <= "9" and ch:
                if sub.number:
                    raise _Bad("multiple number options to s command")
                sub.number = r.integer(ch)
                if not sub.number:
                    raise _Bad("number option to s command may not be zero")
            elif ch in ("}", "#"):
                r.unget(ch)
                break
            elif ch in ("", "\n", ";") or (ch == "\r" and r.get() == "\n"):
                break
            else:
                raise _Bad("unknown option to s")
        if max_id > _groups(regex, self.extended):
            raise _Bad(f"invalid reference \\{max_id} on s command's RHS")
        sub.kind, sub.whole, sub.group_form = _classify(regex, self.extended,
                                                        multiline or sub.number > 1)
        return sub

    def finish(self) -> None:
        if self.blocks:
            raise _Bad("unmatched {")
        for label in self.jumps:
            if label not in self.labels:
                raise _Bad(f"can't find label for jump to `{label}'")
        if self.pending is not None and self.pending_cmd is not None:
            # a text left open by a final backslash is kept as it was read; an ``e`` left
            # with no text at all runs the pattern space
            text = "".join(self.pending)
            self.pending_cmd.arg = text if text or self.pending_cmd.op != "e" else None
            self.pending = None


def _newer_than_sed(version: str) -> bool:
    """``v VERSION`` fails when VERSION sorts after 4.9 (glibc's ``strverscmp``, simplified:
    runs of digits compare as numbers)."""
    if not version:
        return False
    ours: list[str] = re.findall(r"\d+|\D+", "4.9")
    theirs: list[str] = re.findall(r"\d+|\D+", version)
    for a, b in zip(theirs, ours, strict=False):
        if a == b:
            continue
        if a.isdigit() and b.isdigit():
            return int(a) > int(b)
        return a > b
    return len(theirs) > len(ours)


def _add(names: list[str], name: str) -> None:
    if name not in names:
        names.append(name)


# --------------------------------------------------------------------------- text escapes


def _byte(n: int) -> str:
    n &= 0xFF
    return chr(n) if n < 0x80 else chr(0xDC00 + n)


def _normalize(text: str, kind: str) -> str:
    """GNU sed's ``normalize_text`` for a/i/c/e text (``text``) and replacements."""
    if "\\" not in text:
        return text
    out: list[str] = []
    i = 0
    n = len(text)
    replacement = kind == "replacement"
    while i < n:
        c = text[i]
        if c != "\\" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        d = text[i + 1]
        simple = {"a": "\a", "f": "\f", "n": "\n", "\n": "\n", "r": "\r", "t": "\t",
                  "v": "\v"}.get(d)
        if simple is not None:
            out.append(simple)
            i += 2
            continue
        if d in ("d", "x", "o"):
            base = {"d": 10, "x": 16, "o": 8}[d]
            j = i + 2
            value = 0
            most = 1
            while j < n and most <= 255:
                digit = int(text[j], 16) if text[j] in "0123456789abcdefABCDEF" else -1
                if digit < 0 or digit >= base:
                    break
                value = value * base + digit
                j += 1
                most *= base
            if j == i + 2:
                out.append(d)
            else:
                ch = _byte(value)
                if replacement and ch in ("&", "\\"):
                    out.append("\\")
                out.append(ch)
            i = j
            continue
        if d == "c":
            if i + 2 < n:
                e = text[i + 2]
                if e == "\\":
                    if i + 3 >= n or text[i + 3] != "\\":
                        raise _Bad("recursive escaping after \\c not allowed")
                    i += 1
                out.append(_byte(ord(e.upper()[0] if len(e.upper()) == 1 else e) ^ 0x40))
                i += 3
            else:
                if replacement:
                    out.append("\\")
                i = n
            continue
        if replacement:
            out.append("\\")
        out.append(d)
        i += 2
    return "".join(out)


def _replacement(text: str, posix: bool) -> tuple[list[tuple[str, int, int]], int]:
    """GNU sed's ``setup_replacement``: (literal text, case conversion, group or -1) nodes."""
    nodes: list[tuple[str, int, int]] = []
    max_id = 0
    base = 0
    repl_type = save_type = _ASIS
    p = 0
    n = len(text)
    while p < n:
        c = text[p]
        if c == "\\":
            prefix = text[base:p]
            group = -1
            node_type = repl_type
            repl_type = save_type
            p += 1
            if p >= n:
                prefix += "\\"
            elif posix and not text[p].isdigit():
                prefix += text[p]
            else:
                d = text[p]
                if "0" <= d <= "9":
                    group = ord(d) - 48
                    max_id = max(max_id, group)
                elif d == "L":
                    repl_type = save_type = _LOWER
                elif d == "U":
                    repl_type = save_type = _UPPER
                elif d == "E":
                    repl_type = save_type = _ASIS
                elif d == "l":
                    save_type = repl_type
                    repl_type |= _LOWER_FIRST
                elif d == "u":
                    save_type = repl_type
                    repl_type |= _UPPER_FIRST
                else:
                    prefix += d
            nodes.append((prefix, node_type, group))
            base = p + 1
        elif c == "&":
            nodes.append((text[base:p], repl_type, 0))
            repl_type = save_type
            base = p + 1
        p += 1
    if base < n:
        nodes.append((text[base:], repl_type, -1))
    return nodes, max_id


def _case(s: str, upper: bool) -> str:
    out = []
    for c in s:
        m = c.upper() if upper else c.lower()
        out.append(m if len(m) == 1 else c)
    return "".join(out)


def _modify(s: str, kind: int) -> str:
    if kind == _ASIS or not s:
        return s
    head = ""
    if kind & _UPPER_FIRST:
        head, s = _case(s[0], True), s[1:]
    elif kind & _LOWER_FIRST:
        head, s = _case(s[0], False), s[1:]
    kind &= ~_MODIFIERS
    if kind == _UPPER:
        s = _case(s, True)
    elif kind == _LOWER:
        s = _case(s, False)
    return head + s


def _expand(nodes: list[tuple[str, int, int]], groups: dict[int, str | None]) -> list[str | None]:
    """The replacement's text, with None for what comes from unknown input."""
    pieces: list[str | None] = []
    mask = 0
    uncertain = 0
    for prefix, kind, group in nodes:
        curr = kind if kind & _MODIFIERS else kind | mask
        alt = kind if kind & _MODIFIERS else kind | uncertain
        mask = uncertain = 0
        if prefix:
            text = _modify(prefix, curr)
            pieces.append(text if _modify(prefix, alt) == text else None)
            curr &= ~_MODIFIERS
        if group >= 0:
            value = groups.get(group)
            if value is None:
                pieces.append(None)
                if kind & _MODIFIERS:
                    uncertain = curr & _MODIFIERS
            elif not value and kind & _MODIFIERS:
                mask = curr & _MODIFIERS
            elif value:
                pieces.append(_modify(value, curr))
    return pieces


def _groups(regex: str, extended: bool) -> int:
    """How many groups a regex opens (bracket expressions skipped)."""
    count = 0
    i = 0
    n = len(regex)
    while i < n:
        c = regex[i]
        if c == "\\":
            if not extended and i + 1 < n and regex[i + 1] == "(":
                count += 1
            i += 2
            continue
        if c == "[":
            j = i + 1
            if j < n and regex[j] == "^":
                j += 1
            if j < n and regex[j] == "]":
                j += 1
            while j < n and regex[j] != "]":
                if regex[j] == "[" and j + 1 < n and regex[j + 1] in ".:=":
                    close = regex.find(regex[j + 1] + "]", j + 2)
                    j = n if close < 0 else close + 2
                    continue
                j += 1
            i = j + 1
            continue
        if c == "(" and extended:
            count += 1
        i += 1
    return count


def _classify(regex: str, extended: bool, other: bool) -> tuple[int, bool, bool]:
    """Where a regex of ``s`` matches, for regexes whose match is known whatever the line:
    (kind, matches every line of characters, group 1 is the whole line)."""
    if other or not regex:
        return _OTHER, False, False
    if regex in (".*", "^.*"):
        return _LEADING, True, False
    if regex == "^":
        return _START, True, False
    if regex == "$":
        return _END, True, False
    if len(regex) >= 2 and regex[0] == "^" and regex[-1] == "$" and "|" not in regex:
        slashes = len(regex[:-1]) - len(regex[:-1].rstrip("\\"))
        if slashes % 2 == 0:
            inner = regex[1:-1]
            group = inner == ("(.*)" if extended else "\\(.*\\)")
            return _ANCHORED, group or inner == ".*", group
    return _OTHER, False, False


# --------------------------------------------------------------------------- pattern space


def _frags(v: _Val) -> tuple[str, ...]:
    if v[0] == "=":
        text = v[1]
        assert isinstance(text, str)
        return (text,) if text else ()
    frags = v[1]
    assert isinstance(frags, tuple)
    return frags


def _partial(frags: Sequence[str | None]) -> _Val:
    kept: list[str] = []
    for f in frags:
        if f and f not in kept:
            kept.append(f[:MAX_TEXT])
    return ("~", tuple(kept[:MAX_ALTERNATIVES]))


def _exact(text: str) -> _Val:
    if len(text) > MAX_TEXT:
        return _partial([text[:MAX_TEXT]])
    return ("=", text)


def _pieces_val(pieces: list[str | None]) -> _Val:
    if all(p is not None for p in pieces):
        return _exact("".join(p for p in pieces if p is not None))
    return _partial(pieces)


def _join(a: list[_Val], b: list[_Val]) -> list[_Val]:
    out = list(a)
    for v in b:
        if v not in out:
            out.append(v)
    if len(out) > MAX_ALTERNATIVES:
        return [_UNKNOWN]
    return out


def _concat(a: _Val, sep: str, b: _Val) -> _Val:
    if a[0] == "=" and b[0] == "=":
        return _exact(f"{a[1]}{sep}{b[1]}")
    return _partial([*_frags(a), *_frags(b)])


def _matchable(text: str) -> bool:
    """``.`` matches every character of a known text (not a byte invalid in the locale)."""
    return not any("\udc80" <= c <= "\udcff" for c in text)


class _Tracker:
    """Follows the pattern and hold spaces through the script to what ``e`` and ``s///e`` run."""

    def __init__(self, cmds: list[_Cmd], track: bool) -> None:
        self.cmds = cmds
        self.track = track
        self.hold_used = any(c.op in ("h", "H", "x") for c in cmds)
        self.runs: list[str] = []
        self.parts: list[str] = []
        self.unknown = False

    def _run(self, alts: list[_Val]) -> None:
        for v in alts:
            if v[0] == "=":
                text = v[1]
                assert isinstance(text, str)
                text = text.split("\0", 1)[0]
                if text.strip():
                    _add(self.runs, text)
            else:
                self.unknown = True
                for f in _frags(v):
                    f = f.split("\0", 1)[0]
                    if f.strip():
                        _add(self.parts, f)

    def _subst(self, sub: _Subst, v: _Val) -> tuple[list[_Val], list[_Val]]:
        """(values after a substitution, values when none is made)."""
        exact = v[1] if v[0] == "=" else None
        assert exact is None or isinstance(exact, str)
        kind = sub.kind
        if kind == _LEADING:
            if exact is not None and _matchable(exact):
                return [_pieces_val(_expand(sub.nodes, {0: exact}))], []
            return [_partial(_expand(sub.nodes, {0: None}))], []
        if kind in (_START, _END):
            added = _pieces_val(_expand(sub.nodes, {0: ""}))
            return [_concat(added, "", v) if kind == _START else _concat(v, "", added)], []
        if kind == _ANCHORED:
            groups: dict[int, str | None] = {0: exact}
            if sub.group_form:
                groups[1] = exact
            result = [_pieces_val(_expand(sub.nodes, groups))]
            if sub.whole and exact is not None and _matchable(exact):
                return result, []
            return result, [v]
        return [_partial(_expand(sub.nodes, {}))], [v]

    def _exec(self, cmd: _Cmd, ps: list[_Val], hold: list[_Val],
              ends: list[_State], restarts: list[_Val]) -> _State:
        """One command run on every alternative; ([], []) when nothing follows it."""
        op = cmd.op
        if op == "e":
            if cmd.arg is None:
                self._run(ps)
                return [_UNKNOWN], hold
            return ps, hold
        if op == "s":
            sub = cmd.subst
            assert sub is not None
            done: list[_Val] = []
            kept: list[_Val] = []
            for v in ps:
                a, b = self._subst(sub, v)
                done = _join(done, a)
                kept = _join(kept, b)
            if sub.eval:
                self._run(done)
                done = [_UNKNOWN]
            return _join(done, kept), hold
        if op == "y":
            assert cmd.arg is not None
            src, dst = cmd.arg.split("\0", 1)
            table = {ord(a): b for a, b in zip(src, dst, strict=True)}
            return [(v[0], v[1].translate(table)) if v[0] == "=" and isinstance(v[1], str)
                    else _partial([f.translate(table) for f in _frags(v)]) for v in ps], hold
        if op == "z":
            return [("=", "")], hold
        if op == "x":
            return hold, ps
        if op == "g":
            return hold, hold
        if op == "h":
            return ps, ps
        if op == "G":
            return _product(ps, hold), hold
        if op == "H":
            return ps, _product(hold, ps)
        if op == "n":
            return [_UNKNOWN], hold
        if op == "N":
            return [_partial(list(_frags(v))) for v in ps], hold
        if op == "D":
            for v in ps:
                if v[0] != "=":
                    restarts.append(_UNKNOWN)
                elif isinstance(v[1], str) and "\n" in v[1]:
                    restarts.append(_exact(v[1].split("\n", 1)[1]))
            ends.append((ps, hold))
            return [], []
        if op in ("d", "c"):
            ends.append((ps, hold))
            return [], []
        if op in ("q", "Q"):
            return [], []
        if op in ("b", "t", "T"):
            if not cmd.arg:
                ends.append((ps, hold))
            if op == "b":
                return [], []
        return ps, hold

    def pass_(self, start_ps: list[_Val], start_hold: list[_Val],
              ends: list[_State], restarts: list[_Val]) -> None:
        ps, hold = start_ps, start_hold
        top_hold: list[_Val] = [_UNKNOWN] if self.hold_used else [("=", "")]
        stack: list[_State | None] = []
        for cmd in self.cmds:
            op = cmd.op
            if op == "{":
                stack.append((ps, hold) if cmd.addressed else None)
                continue
            if op == "}":
                skipped = stack.pop() if stack else None
                if skipped is not None:
                    ps, hold = _join(ps, skipped[0]), _join(hold, skipped[1])
                continue
            if op == ":":
                ps, hold = _join(ps, [_UNKNOWN]), _join(hold, top_hold)
                continue
            if not ps and op not in ("e", "s"):
                continue
            if op in ("e", "s") and not ps:
                # not reached from the start of the cycle: judged as if it were
                self._exec(cmd, [_UNKNOWN], top_hold, [], [])
                continue
            nps, nhold = self._exec(cmd, ps, hold, ends, restarts)
            if cmd.addressed:
                ps, hold = _join(ps, nps), _join(hold, nhold)
            else:
                ps, hold = nps, nhold
        if ps:
            ends.append((ps, hold))

    def run(self) -> None:
        if not self.track:
            for cmd in self.cmds:
                if cmd.op == "e" and cmd.arg is None:
                    self.unknown = True
                elif cmd.subst is not None and cmd.subst.eval:
                    self._run(self._subst(cmd.subst, _UNKNOWN)[0])
            return
        start_ps: list[_Val] = [_UNKNOWN]
        start_hold: list[_Val] = [("=", "")]
        for _ in range(4):
            ends: list[_State] = []
            restarts: list[_Val] = []
            self.pass_(start_ps, start_hold, ends, restarts)
            new_ps = _join(start_ps, restarts)
            new_hold = start_hold
            for _ps, h in ends:
                new_hold = _join(new_hold, h)
            if new_ps == start_ps and new_hold == start_hold:
                return
            start_ps, start_hold = new_ps, new_hold
        self.pass_([_UNKNOWN], [_UNKNOWN], [], [])


def _product(a: list[_Val], b: list[_Val]) -> list[_Val]:
    out: list[_Val] = []
    for x in a:
        for y in b:
            out = _join(out, [_concat(x, "\n", y)])
    return out


# --------------------------------------------------------------------------- command line


def _long_option(name: str) -> tuple[str, str] | None:
    if name in _LONG:
        return _LONG[name]
    found = [k for k in _LONG if k.startswith(name)] if name else []
    if len(found) != 1:
        return None
    return _LONG[found[0]]


def read_sed(args: Sequence[str],
             script_files: Mapping[str, str] | Callable[[str], str | None] | None = None,
             ) -> SedCall | None:
    """What ``sed ARGS...`` would run, read and write (``args`` without the program name).

    ``script_files`` gives the text of each ``-f``/``--file`` script (``-`` for standard
    input): a mapping from the name as written, or a function returning None when the file
    cannot be read. None is returned when the command line is not understood: an option or
    script sed would reject, an unreadable script file. Never raises on any input.
    """
    try:
        return _read(list(args), script_files)
    except _Bad:
        return None


def _read(args: list[str],
          script_files: Mapping[str, str] | Callable[[str], str | None] | None) -> SedCall:
    call = SedCall()
    comp = _Compiler()
    operands: list[str] = []
    have_script = False

    def script_text(name: str) -> str:
        text: str | None = None
        if script_files is None:
            text = None
        elif callable(script_files):
            text = script_files(name)
        else:
            text = script_files.get(name)
        if text is None:
            raise _Bad(f"script file not readable: {name}")
        return text

    def apply(key: str, value: str | None) -> None:
        nonlocal have_script
        if key == "e":
            assert value is not None
            have_script = True
            call.scripts.append(value)
            comp.chunk(value)
            comp.end_chunk()
        elif key == "f":
            assert value is not None
            have_script = True
            text = script_text(value)
            call.script_files.append(value)
            call.scripts.append(text)
            comp.chunk(text)
            comp.end_chunk()
        elif key == "i":
            call.in_place = True
            call.in_place_suffix = value or None
        elif key == "n":
            call.quiet = True
        elif key in ("E", "r"):
            comp.extended = True
        elif key == "posix":
            comp.posix = True
        elif key == "sandbox":
            comp.sandbox = True
        elif key in ("help", "version"):
            raise _Stop(f"--{key}")

    try:
        i = 0
        while i < len(args):
            a = args[i]
            i += 1
            if a == "--":
                operands.extend(args[i:])
                break
            if a.startswith("--"):
                name, eq, value = a[2:].partition("=")
                opt = _long_option(name)
                if opt is None:
                    raise _Bad(f"unrecognized option {a}")
                key, kind = opt
                if kind == "no" and eq:
                    raise _Bad(f"option {a} doesn't allow an argument")
                if kind == "required" and not eq:
                    if i >= len(args):
                        raise _Bad(f"option {a} requires an argument")
                    value = args[i]
                    i += 1
                apply(key, value if eq or kind == "required" else None)
            elif a.startswith("-") and a != "-":
                j = 1
                while j < len(a):
                    c = a[j]
                    j += 1
                    if c in _SHORT_VALUED:
                        if j < len(a):
                            value = a[j:]
                        elif i < len(args):
                            value = args[i]
                            i += 1
                        else:
                            raise _Bad(f"option requires an argument -- '{c}'")
                        apply(c, value)
                        break
                    if c == "i":
                        apply(c, a[j:] or None)
                        break
                    if c not in _SHORT_FLAGS:
                        raise _Bad(f"invalid option -- '{c}'")
                    apply(c, None)
            else:
                operands.append(a)
        if not have_script:
            if not operands:
                raise _Bad("no script")
            script = operands.pop(0)
            call.scripts.append(script)
            comp.chunk(script)
            comp.end_chunk()
        comp.finish()
    except _Stop as stop:
        call.early_exit = str(stop)
        call.writes = list(comp.writes)
        call.extended, call.posix, call.sandbox = comp.extended, comp.posix, comp.sandbox
        call.quiet = call.quiet or comp.quiet
        return call
    call.inputs = operands
    call.quiet = call.quiet or comp.quiet
    call.extended, call.posix, call.sandbox = comp.extended, comp.posix, comp.sandbox
    call.reads = list(comp.reads)
    call.writes = list(comp.writes)
    for cmd in comp.cmds:
        if cmd.op == "e" and cmd.arg is not None:
            text = cmd.arg[:-1] if cmd.arg.endswith("\n") else cmd.arg
            text = text.split("\0", 1)[0]
            if text.strip():
                _add(call.runs, text)
    if any((c.op == "e" and c.arg is None) or (c.subst is not None and c.subst.eval)
           for c in comp.cmds):
        tracker = _Tracker(comp.cmds, len(comp.cmds) <= MAX_TRACKED_COMMANDS)
        tracker.run()
        for text in tracker.runs:
            _add(call.runs, text)
        call.run_parts = tracker.parts
        call.runs_unknown = tracker.unknown
    return call
