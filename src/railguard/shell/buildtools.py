"""What a build tool runs: the recipes of a Makefile, the scripts of a package.json, a justfile.

``make clean``, ``npm run wipe`` and ``just deploy`` run shell code written in a file of the
project; a command that is refused when typed can be put there first. This module reads the
command line as the tool does (make's options by getopt_long, with unique abbreviations and
$MAKEFLAGS; npm's options by its parser, its commands by its aliases and unique prefixes) and
those files the way the tool does (for ``make``: rules, prerequisites, variables, conditionals,
includes; for the package managers: ``scripts`` with their ``pre``/``post`` companions, the
lifecycle scripts of ``install``, workspaces; for ``just``: recipes, dependencies, imports and
modules) and hands each piece of shell code back, with a label that says where it came from, to
the shell analysis, which judges it as it judges a script body.

Values known only when the tool runs (``$(shell ...)``, functions this reader does not
evaluate, variables the environment may set) are written into the code as markers
(``${__mk1__}``); :func:`restore` turns the words holding one back into the text written in the
file, marked dynamic, once the code has been analysed. Commands in ``$(shell ...)`` and in the
backticks of a justfile are handed back as code too. A make conditional decided by such a value
is read both ways (up to ``MAX_WORLDS_BITS`` of them, each combination once; past that, both
branches at once, a variable they set taking a value known only at run time).

Imported only when a command runs one of these tools.
"""

from __future__ import annotations

import os

from railguard import jsonio
from railguard.model import Invocation, Word

TYPE_CHECKING = False
if not TYPE_CHECKING:
    from railguard.lazyre import re
if TYPE_CHECKING:
    import re
    from collections.abc import Callable, Iterable, Iterator

    Reader = Callable[[str], "str | None"]

#: programs whose files this module reads
TOOLS = frozenset({"make", "gmake", "npm", "yarn", "pnpm", "bun", "just"})
MAX_TARGETS = 256
MAX_LINES = 2000
MAX_INCLUDES = 16
MAX_EXPANSION_DEPTH = 32
MAX_WORLDS_BITS = 3
MAX_WORKSPACES = 64
#: variable and function references expanded for one make call, in all
MAX_EXPANSIONS = 50_000
#: the longest text one expansion may give
MAX_VALUE_CHARS = 256 * 1024
#: folders with a wildcard in one $(wildcard) pattern that are listed
MAX_GLOB_LEVELS = 3

_MARK = re.compile(r"\$\{__mk(\d+)__\}")
_POSIX_SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ksh", "ash", "mksh", "yash"})


class Reading:
    """What one build-tool call runs: shell code with its label and folder, and what could
    not be known (``(kind, detail)``, the analyser's Problem kinds)."""

    __slots__ = ("_index", "marks", "problems", "runs", "work")

    def __init__(self) -> None:
        self.runs: list[tuple[str, str, str]] = []
        self.problems: list[tuple[str, str]] = []
        self.marks: list[str] = []
        self._index: dict[str, int] = {}
        #: expansions done so far (make)
        self.work = 0

    def mark(self, written: str) -> str:
        """A marker standing for a value known only at run time, written ``written``."""
        k = self._index.get(written)
        if k is None:
            k = self._index[written] = len(self.marks)
            self.marks.append(written)
        return f"${{__mk{k}__}}"

    def problem(self, kind: str, detail: str) -> None:
        item = (kind, detail)
        if item not in self.problems:
            self.problems.append(item)

    def add(self, text: str, label: str, cwd: str) -> None:
        item = (text, label, cwd)
        if item not in self.runs:
            self.runs.append(item)

    def restore_text(self, text: str) -> tuple[str, bool]:
        if "${__mk" not in text:
            return text, False
        marks = self.marks

        def put(m: re.Match[str]) -> str:
            k = int(m.group(1))
            return marks[k] if k < len(marks) else m.group(0)

        for _ in range(4):  # a marker's text may hold another
            new = _MARK.sub(put, text)
            if new == text:
                break
            text = new
        return text, True


def restore(reading: Reading, invocations: Iterable[Invocation]) -> None:
    """Words (and redirect targets) holding a marker: the written text, marked dynamic."""
    if not reading.marks:
        return
    for inv in invocations:
        for i, w in enumerate(inv.argv):
            text, hit = reading.restore_text(w.text)
            if hit:
                inv.argv[i] = Word(text, True, w.glob, w.sub)
        for r in inv.redirects:
            if r.target is not None:
                text, hit = reading.restore_text(r.target.text)
                if hit:
                    r.target = Word(text, True, r.target.glob, r.target.sub)
        for key, value in list(inv.env.items()):
            inv.env[key] = reading.restore_text(value)[0]
        inv.source = reading.restore_text(inv.source)[0]


def quote(text: str) -> str:
    if text and all(c.isalnum() or c in "-_./=:,+@%^" for c in text):
        return text
    return "'" + text.replace("'", "'\\''") + "'"


def _arg(reading: Reading, w: Word) -> str:
    return reading.mark(w.text) if w.dynamic else quote(w.text)


def _norm(path: str) -> str:
    return os.path.normpath(path)


# -- make ------------------------------------------------------------------------------------

#: make's long options (GNU make 4.3 and 4.4) by name: (what, argument), what the short
#: letter or a name shared by aliases, argument 0 none, 1 required, 2 optional
_MAKE_LONG = {
    "always-make": ("B", 0), "environment-overrides": ("e", 0), "eval": ("E", 1),
    "help": ("h", 0), "ignore-errors": ("i", 0), "keep-going": ("k", 0),
    "check-symlink-times": ("L", 0), "just-print": ("n", 0), "dry-run": ("n", 0),
    "recon": ("n", 0), "print-data-base": ("p", 0), "question": ("q", 0),
    "no-builtin-rules": ("r", 0), "no-builtin-variables": ("R", 0), "silent": ("s", 0),
    "quiet": ("s", 0), "no-keep-going": ("S", 0), "stop": ("S", 0), "touch": ("t", 0),
    "version": ("v", 0), "print-directory": ("w", 0), "directory": ("C", 1),
    "file": ("f", 1), "makefile": ("f", 1), "include-dir": ("I", 1), "jobs": ("j", 2),
    "load-average": ("l", 2), "max-load": ("l", 2), "old-file": ("o", 1),
    "assume-old": ("o", 1), "output-sync": ("O", 2), "what-if": ("W", 1),
    "new-file": ("W", 1), "assume-new": ("W", 1), "debug": ("debug", 2),
    "jobserver-auth": ("jobserver-auth", 1), "jobserver-fds": ("jobserver-fds", 1),
    "trace": ("trace", 0), "no-print-directory": ("no-print-directory", 0),
    "warn-undefined-variables": ("warn-undefined-variables", 0),
    "sync-mutex": ("sync-mutex", 1), "no-silent": ("no-silent", 0),
    # make 4.4: --temp-stdin=FILE reads FILE as a makefile
    "temp-stdin": ("f", 1), "shuffle": ("shuffle", 2),
    "jobserver-style": ("jobserver-style", 1),
}
#: make's short options: argument 0 none, 1 required, 2 optional (glued only)
_MAKE_SHORT = {**dict.fromkeys("bBdeiknpqrRsStvwhLm", 0), **dict.fromkeys("CfIoWE", 1),
               **dict.fromkeys("jlO", 2)}
_ASSIGN_NAME = re.compile(r"[^\s:#=]+\Z")
_AUTO = frozenset("@<^+?*|%")
_DEFAULTS = {"MAKE": "make", "RM": "rm -f", "CC": "cc", "CXX": "g++", "CPP": "$(CC) -E",
             "AR": "ar", "ARFLAGS": "rv", "AS": "as", "LD": "ld", "LEX": "lex", "YACC": "yacc",
             "FC": "f77", "PC": "pc", "CO": "co", "GET": "get", "SHELL": "/bin/sh",
             ".SHELLFLAGS": "-c", "MAKEFLAGS": "", "MAKELEVEL": "0", ".RECIPEPREFIX": "",
             "OUTPUT_OPTION": "-o $@", "COMPILE.c": "$(CC) $(CFLAGS) $(CPPFLAGS) -c"}


class _Target:
    __slots__ = ("order", "prereqs", "recipes", "vars")

    def __init__(self) -> None:
        self.prereqs: list[str] = []
        self.order: list[str] = []
        self.recipes: list[list[str]] = []
        #: target-specific assignments: (name, op, value, override)
        self.vars: list[tuple[str, str, str, bool]] = []


class _Ctx:
    """What a recipe is expanded with: automatic and target-specific variables."""

    __slots__ = ("auto", "tvars")

    def __init__(self, auto: dict[str, str], tvars: dict[str, tuple[bool, str]]) -> None:
        self.auto = auto
        self.tvars = tvars


class _Make:
    def __init__(self, reading: Reading, cwd: str, env: dict[str, str],
                 cmdvars: list[tuple[str, str]], read: Reader, env_first: bool,
                 include_dirs: list[str], mask: int) -> None:
        self.r = reading
        self.cwd = cwd
        self.read = read
        self.include_dirs = include_dirs
        self.mask = mask
        self.undecided = 0
        #: name -> (recursive, value, priority); 0 default, 1 environment, 2 file,
        #: 3 environment under -e, 4 command line, 5 ``override``
        self.vars: dict[str, tuple[bool, str, int]] = {}
        for k, v in _DEFAULTS.items():
            self.vars[k] = (True, v, 0)
        for k, v in env.items():
            self.vars[k] = (False, v, 3 if env_first else 1)
        self.targets: dict[str, _Target] = {}
        self.patterns: list[tuple[list[str], list[str], list[str]]] = []
        self.first: str | None = None
        self.prefix = "\t"
        self.oneshell = False
        self.unknown_eval = False
        self.includes = 0
        #: included files not found (make remakes them by a rule, then reads them)
        self.missing_includes: list[str] = []
        self.params: list[list[str]] = []
        self.shell_cmds: list[str] = []
        self.dry = False
        #: inside a conditional branch that may or may not run (past the worlds followed)
        self.loose = False
        self.second_expansion = False
        #: variables ``export``ed to the recipes' environment (``export X = 1``, ``export X``)
        self.exported: set[str] = set()
        #: ``export`` alone or ``.EXPORT_ALL_VARIABLES``: every variable is
        self.export_all = False
        #: variables given a value by ``?=``: the environment make runs in may hold another
        self.soft: set[str] = set()
        #: expanding a condition: those variables are known only at run time
        self.strict = False
        self.cmdvars = {name for name, _ in cmdvars}
        for text, value in cmdvars:
            self.assign(text, "=", value, 4)
        extra = " ".join(quote(f"{k}={v}") for k, v in cmdvars)
        self.vars["MAKE"] = (True, "make" + (" " + extra if extra else ""), 0)
        self.vars["CURDIR"] = (False, cwd, 4)

    # -- variables ---------------------------------------------------------------------------

    def assign(self, name: str, op: str, value: str, prio: int, ctx: _Ctx | None = None) -> None:
        name = self.expand(name).strip()
        if not name:
            return
        cur = self.vars.get(name)
        if cur is not None and cur[2] > prio:
            return
        if self.loose and cur is not None and cur[1] and op not in ("+=", "?="):
            # set in a branch that may or may not run: the old value or the new one
            self.vars[name] = (False, self.r.mark(f"$({name})"), prio)
            if op == "!=":
                self._shell(self.expand(value, ctx))
            return
        if op == "?=":
            if cur is not None and cur[2] > 0:
                return
            self.soft.add(name)
            self.vars[name] = (True, value, prio)
            return
        if op != "+=":
            self.soft.discard(name)
        if op in (":=", "::="):
            self.vars[name] = (False, self.expand(value, ctx), prio)
        elif op == ":::=":
            self.vars[name] = (False, self.expand(value, ctx).replace("$", "$$"), prio)
        elif op == "+=":
            if cur is None or (cur[2] == 0 and cur[1] == ""):
                self.vars[name] = (True, value, prio)
            elif cur[0]:
                self.vars[name] = (True, (cur[1] + " " + value) if cur[1] else value, prio)
            else:
                extra = self.expand(value, ctx)
                self.vars[name] = (False, (cur[1] + " " + extra) if cur[1] else extra, prio)
        elif op == "!=":
            cmd = self.expand(value, ctx)
            self._shell(cmd)
            self.vars[name] = (False, self.r.mark(f"$(shell {cmd})"), prio)
        else:
            self.vars[name] = (True, value, prio)

    def _shell(self, cmd: str) -> None:
        if cmd.strip() and cmd not in self.shell_cmds:
            self.shell_cmds.append(cmd)

    def lookup(self, name: str, written: str, ctx: _Ctx | None, depth: int) -> str:
        if ctx is not None:
            if name in ctx.auto:
                return ctx.auto[name]
            if len(name) == 2 and name[0] in _AUTO and name[1] in "DF" and name[0] in ctx.auto:
                words = ctx.auto[name[0]].split()
                if name[1] == "D":
                    return " ".join(os.path.dirname(w) or "." for w in words)
                return " ".join(os.path.basename(w) for w in words)
        elif name in _AUTO or (len(name) == 2 and name[0] in _AUTO and name[1] in "DF"):
            return ""
        if self.params and name.isdigit():
            frame = self.params[-1]
            k = int(name)
            return frame[k] if k < len(frame) else ""
        if name.startswith("__mk") and _MARK.fullmatch("${" + name + "}"):
            return "${" + name + "}"
        if self.strict and name in self.soft and not (ctx is not None and name in ctx.tvars):
            return self.r.mark(written)  # X ?= v; ifeq ($(X),v): X may come from outside
        entry: tuple[bool, str] | None = None
        if ctx is not None and name in ctx.tvars and name not in self.cmdvars:
            entry = ctx.tvars[name]
        elif name in self.vars:
            recursive, value, _ = self.vars[name]
            entry = (recursive, value)
        if entry is None:
            return self.r.mark(written)  # from the environment make runs in, or empty
        recursive, value = entry
        if name == "MAKE" and ctx is not None and self.dry:
            value = value.replace("make", "make -n", 1)
        return self.expand(value, ctx, depth + 1) if recursive else value

    # -- expansion ---------------------------------------------------------------------------

    def expand(self, text: str, ctx: _Ctx | None = None, depth: int = 0) -> str:
        if "$" not in text:
            return text
        if depth > MAX_EXPANSION_DEPTH:
            return self.r.mark(text)
        self.r.work += 1
        if self.r.work > MAX_EXPANSIONS:
            self.r.problem("too_large", "make: its variables take too many expansions to check")
            return self.r.mark(text)
        out: list[str] = []
        i = 0
        n = len(text)
        while i < n:
            j = text.find("$", i)
            if j < 0:
                out.append(text[i:])
                break
            out.append(text[i:j])
            if j + 1 >= n:
                break
            d = text[j + 1]
            if d == "$":
                out.append("$")
                i = j + 2
                continue
            if d in "({":
                close = ")" if d == "(" else "}"
                end = _matching(text, j + 2, d, close)
                if end < 0:
                    out.append(self.r.mark(text[j:]))
                    break
                out.append(self.reference(text[j + 2:end], text[j:end + 1], ctx, depth))
                i = end + 1
                continue
            out.append(self.lookup(d, text[j:j + 2], ctx, depth))
            i = j + 2
        result = "".join(out)
        if len(result) > MAX_VALUE_CHARS:
            self.r.problem("too_large", "make: a variable expands to too much text to check")
            return self.r.mark(text)
        return result

    def expand_condition(self, text: str, ctx: _Ctx | None = None, depth: int = 0) -> str:
        """TEXT expanded as a condition: a default given by ``?=`` is not taken for known."""
        saved = self.strict
        self.strict = True
        try:
            return self.expand(text, ctx, depth)
        finally:
            self.strict = saved

    def reference(self, inner: str, written: str, ctx: _Ctx | None, depth: int) -> str:
        m = re.match(r"([a-z][a-z-]*)[ \t]", inner)
        if m is not None and m.group(1) in _FUNCTIONS:
            return self.function(m.group(1), inner[m.end():], written, ctx, depth)
        colon = _top_index(inner, ":")
        if colon > 0 and "=" in inner[colon:]:
            # $(VAR:.c=.o): substitution reference
            value = self.lookup(self.expand(inner[:colon], ctx, depth + 1), written, ctx, depth)
            pat, _, rep = self.expand(inner[colon + 1:], ctx, depth + 1).partition("=")
            if "${__mk" in value or "${__mk" in pat + rep:
                return self.r.mark(written)
            if "%" not in pat:
                pat, rep = "%" + pat, "%" + rep
            return " ".join(_patsubst(pat, rep, w) for w in value.split())
        name = self.expand(inner, ctx, depth + 1)
        return self.lookup(name, written, ctx, depth)

    def function(self, fn: str, rest: str, written: str, ctx: _Ctx | None, depth: int) -> str:
        def ex(t: str) -> str:
            return self.expand(t, ctx, depth + 1)

        if fn in ("if", "or", "and"):
            args = _split_args(rest, 3 if fn == "if" else 0)
            if fn == "if":
                cond = self.expand_condition(args[0], ctx, depth + 1).strip()
                if "${__mk" in cond:
                    return self.r.mark(written)
                if cond:
                    return ex(args[1]) if len(args) > 1 else ""
                return ex(args[2]) if len(args) > 2 else ""
            last = ""
            for a in args:
                last = self.expand_condition(a, ctx, depth + 1).strip()
                if "${__mk" in last:
                    return self.r.mark(written)
                if (fn == "or") == bool(last):
                    return last if fn == "or" else ""
            return last if fn == "and" else ""
        if fn == "foreach":
            args = _split_args(rest, 3)
            if len(args) < 3:
                return ""
            var = ex(args[0]).strip()
            saved = self.vars.get(var)
            parts = []
            for w in ex(args[1]).split()[:MAX_LINES]:
                self.vars[var] = (False, w, 6)
                parts.append(ex(args[2]))
            if saved is None:
                self.vars.pop(var, None)
            else:
                self.vars[var] = saved
            return " ".join(parts)
        if fn == "call":
            args = _split_args(rest, 0)
            name = ex(args[0]).strip()
            params = [name] + [ex(a) for a in args[1:]]
            entry = self.vars.get(name)
            if entry is None:
                return ""
            if len(self.params) > MAX_EXPANSION_DEPTH:
                return self.r.mark(written)
            self.params.append(params)
            try:
                return ex(entry[1]) if entry[0] else entry[1]
            finally:
                self.params.pop()
        if fn == "value":
            entry = self.vars.get(ex(rest).strip())
            return entry[1] if entry is not None else self.r.mark(written)
        if fn in ("error", "warning", "info"):
            return ""
        if fn == "eval":
            text = ex(rest)
            if "${__mk" in text:
                self.unknown_eval = True
            else:
                self.parse(text, depth + 1)
            return ""
        if fn == "shell":
            cmd = ex(rest)
            self._shell(cmd)
            return self.r.mark(f"$(shell {cmd})")
        args = [ex(a) for a in _split_args(rest, _ARITY.get(fn, 0))]
        if fn not in _PASS_MARKS and any("${__mk" in a for a in args):
            # $(filter 1,$(X)), $(word 2,$(X)): what they give depends on the unknown value
            return self.r.mark(written)
        a0 = args[0] if args else ""
        a1 = args[1] if len(args) > 1 else ""
        a2 = args[2] if len(args) > 2 else ""
        if fn == "wildcard":
            if ctx is not None:
                return a0.strip()  # in a recipe: the pattern, judged as the shell's glob
            return " ".join(self._glob(p) for p in a0.split())
        if fn == "subst":
            return a2.replace(a0, a1) if a0 else a2
        if fn == "patsubst":
            return " ".join(_patsubst(a0.strip(), a1.strip(), w) for w in a2.split())
        if fn == "strip":
            return " ".join(a0.split())
        if fn == "findstring":
            return a0 if a0 in a1 else ""
        if fn in ("filter", "filter-out"):
            pats = a0.split()
            keep = fn == "filter"
            return " ".join(w for w in a1.split()
                            if any(_pattern_stem(p, w) is not None for p in pats) == keep)
        if fn == "sort":
            return " ".join(sorted(set(a0.split())))
        if fn == "word":
            words = a1.split()
            k = int(a0) if a0.strip().isdigit() else 0
            return words[k - 1] if 0 < k <= len(words) else ""
        if fn == "wordlist":
            words = a2.split()
            s = int(a0) if a0.strip().isdigit() else 1
            e = int(a1) if a1.strip().isdigit() else 0
            return " ".join(words[max(s, 1) - 1:e])
        if fn == "words":
            return str(len(a0.split()))
        if fn == "firstword":
            return (a0.split() or [""])[0]
        if fn == "lastword":
            return (a0.split() or [""])[-1]
        if fn == "dir":
            return " ".join((os.path.dirname(w) + "/") if "/" in w else "./" for w in a0.split())
        if fn == "notdir":
            return " ".join(w.rsplit("/", 1)[-1] for w in a0.split())
        if fn == "suffix":
            return " ".join(os.path.splitext(w)[1] for w in a0.split() if os.path.splitext(w)[1])
        if fn == "basename":
            return " ".join(os.path.splitext(w)[0] for w in a0.split())
        if fn == "addsuffix":
            return " ".join(w + a0 for w in a1.split())
        if fn == "addprefix":
            return " ".join(a0 + w for w in a1.split())
        if fn == "join":
            x, y = a0.split(), a1.split()
            return " ".join(
                (x[i] if i < len(x) else "") + (y[i] if i < len(y) else "")
                for i in range(max(len(x), len(y))))
        if fn in ("abspath", "realpath"):
            return " ".join(w if "${__mk" in w else _norm(os.path.join(self.cwd, w))
                            for w in a0.split())
        if fn in ("origin", "flavor"):
            entry = self.vars.get(a0.strip())
            if entry is None:
                return self.r.mark(written)  # undefined, or from the environment
            if fn == "flavor":
                return "recursive" if entry[0] else "simple"
            return _ORIGINS.get(entry[2], "file")
        return self.r.mark(written)  # file, let, intcmp, guile ...: not evaluated here

    def _glob(self, pattern: str) -> str:
        if "${__mk" in pattern:
            return pattern
        if not any(c in pattern for c in "*?["):
            return pattern if os.path.exists(os.path.join(self.cwd, pattern)) else ""
        if sum(any(c in part for c in "*?[") for part in pattern.split("/")) > MAX_GLOB_LEVELS:
            return self.r.mark(f"$(wildcard {pattern})")  # /*/*/*/*/*: not listed here
        import glob
        import itertools

        base = self.cwd.rstrip("/") + "/"
        try:
            found = sorted(itertools.islice(
                glob.iglob(os.path.join(self.cwd, os.path.expanduser(pattern))),
                MAX_TARGETS + 1))
        except (OSError, ValueError, RecursionError):
            return self.r.mark(f"$(wildcard {pattern})")
        if len(found) > MAX_TARGETS:
            return self.r.mark(f"$(wildcard {pattern})")  # too many to list: not known here
        return " ".join(f[len(base):] if f.startswith(base) else f for f in found)

    # -- reading -----------------------------------------------------------------------------

    def decide(self, cond: bool | None) -> bool | None:
        """A condition's value in this world; None past the worlds followed: both branches
        are read (see :meth:`assign`)."""
        if cond is not None:
            return cond
        k = self.undecided
        self.undecided += 1
        if k >= MAX_WORLDS_BITS:
            return None
        return bool(self.mask >> k & 1)

    def condition(self, word: str, rest: str) -> bool | None:
        if word in ("ifdef", "ifndef"):
            name = self.expand(rest).strip()
            if "${__mk" in name:
                return None
            entry = self.vars.get(name)
            if entry is None and name not in ("MAKE", "SHELL", "CURDIR"):
                return None  # the environment make runs in may set it
            defined = (entry is not None and entry[1] != "" and entry[2] > 0) \
                or name in ("MAKE", "SHELL", "CURDIR")
            return defined if word == "ifdef" else not defined
        pair = _cond_args(rest)
        if pair is None:
            return None
        a, b = (self.expand_condition(x).strip() for x in pair)
        if "${__mk" in a or "${__mk" in b:
            return None
        return (a == b) if word == "ifeq" else (a != b)

    def parse(self, text: str, depth: int = 0) -> None:
        if depth > 8:
            self.unknown_eval = True
            return
        lines = text.replace("\r\n", "\n").split("\n")
        base_loose = self.loose
        try:
            self._parse_lines(lines, depth)
        finally:
            self.loose = base_loose

    def _parse_lines(self, lines: list[str], depth: int) -> None:
        base_loose = self.loose
        #: conditional stack: (enclosing active, this branch active, a branch was surely
        #: taken, this branch may or may not run)
        conds: list[tuple[bool, bool, bool, bool]] = []

        def active() -> bool:
            return not conds or conds[-1][1]

        def settle() -> None:
            self.loose = base_loose or any(c[3] for c in conds)

        current: list[list[str]] | None = None
        i = 0
        n = len(lines)
        while i < n:
            line = lines[i]
            i += 1
            prefix = self.prefix or "\t"
            if current is not None and line.startswith(prefix):
                body = line[len(prefix):]
                while body.endswith("\\") and not body.endswith("\\\\") and i < n:
                    nxt = lines[i]
                    i += 1
                    if nxt.startswith(prefix):
                        nxt = nxt[len(prefix):]
                    body += "\n" + nxt
                if active():
                    for recipe in current:
                        recipe.append(body)
                continue
            while line.endswith("\\") and i < n:
                line = line[:-1].rstrip() + " " + lines[i].lstrip()
                i += 1
            s = _strip_comment(line).strip()
            if not s:
                continue
            word, _, rest = s.partition(" ")
            if "\t" in word:
                word, _, more = word.partition("\t")
                rest = more + " " + rest
            rest = rest.strip()
            if word in ("ifeq", "ifneq", "ifdef", "ifndef"):
                outer = active()
                cond = self.decide(self.condition(word, rest)) if outer else False
                conds.append((outer, outer and cond is not False, outer and cond is True,
                              outer and cond is None))
                settle()
                continue
            if word == "else" and conds:
                outer, _, taken, maybe = conds[-1]
                if taken or not outer:
                    conds[-1] = (outer, False, taken, maybe)
                    settle()
                    continue
                w2, _, r2 = rest.partition(" ")
                if w2 in ("ifeq", "ifneq", "ifdef", "ifndef"):
                    cond = self.decide(self.condition(w2, r2.strip()))
                else:
                    cond = True
                # after a branch that may have run, this one may or may not run either
                conds[-1] = (outer, cond is not False, cond is True, maybe or cond is None)
                settle()
                continue
            if word == "endif" and conds:
                conds.pop()
                settle()
                continue
            if word == "define":
                body_lines: list[str] = []
                nest = 1
                while i < n:
                    ln = lines[i]
                    i += 1
                    first = ln.strip().split(" ", 1)[0]
                    if first == "define":
                        nest += 1
                    elif first == "endef":
                        nest -= 1
                        if nest == 0:
                            break
                    body_lines.append(ln)
                if active():
                    name, op = _define_head(rest)
                    self.assign(name, op, "\n".join(body_lines), 2)
                current = None
                continue
            if not active():
                continue
            current = None
            override = False
            export: bool | None = None  # True: export, False: unexport, None: neither
            while word in ("override", "export", "unexport", "private") and rest:
                override = override or word == "override"
                if word in ("export", "unexport"):
                    export = word == "export"
                word, _, rest = rest.partition(" ")
                rest = rest.strip()
                s = (word + " " + rest).strip()
            if word in ("export", "unexport", "undefine", "vpath", "load", "-load"):
                if word == "undefine":
                    self.vars.pop(self.expand(rest).strip(), None)
                elif word in ("export", "unexport"):
                    self.export_all = word == "export"  # alone: every variable, or none
                continue
            if export is not None:
                kind, pos, op = _classify(s)
                names = s[:pos].split() if kind == "assign" else self.expand(s).split()
                for name in names:
                    if export:
                        self.exported.add(name)
                    else:
                        self.exported.discard(name)
                if kind != "assign":
                    continue
            if word in ("include", "-include", "sinclude"):
                self.include(rest, optional=word != "include")
                continue
            kind, pos, op = _classify(s)
            if kind == "assign":
                self.assign(s[:pos].strip(), op, s[pos + len(op):].lstrip(), 5 if override else 2)
                if s[:pos].strip() == ".RECIPEPREFIX":
                    value = self.expand(s[pos + len(op):].strip())
                    self.prefix = value[:1]
                continue
            if kind == "rule":
                current = self.rule(s, pos)
                continue
            # a line of function calls only: expanded for what it does ($(eval), $(shell))
            expanded = self.expand(s).strip()
            if expanded and ":" in expanded:
                kind, pos, op = _classify(expanded)
                if kind == "rule":
                    current = self.rule(expanded, pos)

    def _with_exports(self, line: str, ctx: _Ctx | None) -> str:
        """A recipe line preceded by the variables make exports to it that it reads
        (``export DIR = $(HOME)`` then ``rm -rf $$DIR``): their values are in its environment."""
        if "$" not in line:
            return line
        names = self.exported | (set(self.vars) if self.export_all else set()) | self.cmdvars
        used = [n for n in sorted(names) if n.isidentifier() and re.search(
            rf"\$(?:{re.escape(n)}\b|\{{{re.escape(n)}[}}:#%/^,@-])", line)]
        if not used:
            return line
        values = " ".join(f"{n}={quote(self.expand(f'$({n})', ctx))}" for n in used)
        return f"export {values}\n{line}"

    def rule(self, s: str, pos: int) -> list[list[str]] | None:
        head = self.expand(s[:pos])
        rest = s[pos + 1:]
        double = rest.startswith(":")
        if double:
            rest = rest[1:]
        recipe_text: str | None = None
        semi = _top_index(rest, ";")
        if semi >= 0:
            recipe_text = rest[semi + 1:].lstrip()
            rest = rest[:semi]
        names = [t for t in head.replace("&", " ").split() if t]
        if not names:
            return None
        kind, vpos, op = _classify(rest)
        if kind == "assign":
            value = rest[vpos + len(op):].lstrip()
            var = rest[:vpos].strip()
            override = False
            for word in ("override", "export", "private"):
                if var.startswith(word + " "):
                    override = override or word == "override"
                    var = var[len(word):].strip()
            for t in names:
                self.targets.setdefault(t, _Target()).vars.append((var, op, value, override))
            return None
        static: str | None = None
        if kind == "rule":  # targets: target-pattern: prereq-patterns
            static = self.expand(rest[:vpos]).strip()
            rest = rest[vpos + 1:]
        prereq_text = self.expand(rest)
        if self.second_expansion and "$" in prereq_text:
            # .SECONDEXPANSION: the prerequisites are expanded once more ($$(shell ...))
            prereq_text = self.expand(prereq_text)
        normal, _, order = prereq_text.partition("|")
        recipe: list[str] = []
        if recipe_text is not None:
            recipe.append(recipe_text)
        if ".ONESHELL" in names:
            self.oneshell = True
        if ".EXPORT_ALL_VARIABLES" in names:
            self.export_all = True
        if ".SECONDEXPANSION" in names:
            self.second_expansion = True
        keep = [t for t in names if not (t.startswith(".") and t[1:].replace("_", "").isupper()
                                         and t != ".DEFAULT")]
        if not keep:
            return None
        if static is not None:
            for t in keep:
                stem = _pattern_stem(static, t)
                if stem is None:
                    continue
                tg = self.targets.setdefault(t, _Target())
                tg.prereqs += [p.replace("%", stem, 1) for p in normal.split()]
                tg.order += [p.replace("%", stem, 1) for p in order.split()]
                tg.recipes.append(recipe)
            return [recipe]
        if any("%" in t for t in keep):
            self.patterns.append(([t for t in keep if "%" in t], normal.split(), recipe))
            return [recipe]
        for t in keep:
            if self.first is None and not t.startswith("."):
                self.first = t
            tg = self.targets.setdefault(t, _Target())
            tg.prereqs += normal.split()
            tg.order += order.split()
            tg.recipes.append(recipe)
        return [recipe]

    def include(self, rest: str, optional: bool) -> None:
        for name in self.expand(rest).split():
            if "${__mk" in name:
                if not optional:
                    shown = self.r.restore_text(name)[0]
                    self.r.problem("dynamic_code", "make includes a file whose name is "
                                   f"known only at run time ({shown})")
                continue
            names = self._glob(name).split() if any(c in name for c in "*?[") else [name]
            for nm in names:
                self.includes += 1
                if self.includes > MAX_INCLUDES:
                    self.r.problem("too_deep", "make includes too many files to follow")
                    return
                text = None
                for base in [self.cwd, *self.include_dirs]:
                    path = _norm(os.path.join(base, os.path.expanduser(nm)))
                    text = self.read(path)
                    if text is not None or nm.startswith("/"):
                        break
                if text is not None:
                    self.parse(text)
                else:
                    self.missing_includes.append(nm)

    def check_includes(self) -> None:
        """Included files missing (-include too) that a rule of the makefile builds: make
        builds them, then reads them; their content is not known now."""
        for nm in self.missing_includes:
            if nm in self.targets:
                self.r.problem("dynamic_code", f"make builds {nm} and reads it as part of "
                               "the makefile")

    # -- what runs ---------------------------------------------------------------------------

    def rule_for(self, t: str) -> tuple[list[str], list[str], list[list[str]], str, list[
            tuple[str, str, str, bool]]]:
        tg = self.targets.get(t)
        prereqs = list(tg.prereqs) if tg else []
        order = list(tg.order) if tg else []
        recipes = [r for r in tg.recipes if r] if tg else []
        tvars = list(tg.vars) if tg else []
        stem = ""
        if not recipes:
            for pats, pre, recipe in self.patterns:
                for p in pats:
                    st = _pattern_stem(p, t)
                    if st is None:
                        continue
                    deps = [d.replace("%", st, 1) for d in pre]
                    if all(d in self.targets or os.path.exists(os.path.join(self.cwd, d))
                           for d in deps):
                        if recipe:
                            recipes.append(recipe)
                            stem = st
                        prereqs = deps + prereqs
                        break
                if recipes:
                    break
        for p, tg2 in self.targets.items():
            if "%" in p and tg2.vars and _pattern_stem(p, t) is not None:
                tvars = tg2.vars + tvars
        if not recipes and tg is None and ".DEFAULT" in self.targets:
            recipes = [r for r in self.targets[".DEFAULT"].recipes if r]
        return prereqs, order, recipes, stem, tvars

    def follow(self, goals: list[str], dry: bool, label_of: Callable[[str, str], str]) -> None:
        self.dry = dry
        seen: set[str] = set()
        stack: list[tuple[str, str, dict[str, tuple[bool, str]], bool]] = [
            (g, g, {}, False) for g in reversed(goals)]
        lines_total = 0
        missing: list[str] = []
        order_out: list[tuple[str, str, list[list[str]], _Ctx]] = []
        while stack:
            t, goal, inherited, done = stack.pop()
            if done:
                continue
            if t in seen:
                continue
            seen.add(t)
            if len(seen) > MAX_TARGETS:
                self.r.problem("too_deep", "make: too many targets to follow")
                break
            prereqs, order, recipes, stem, tvars = self.rule_for(t)
            if not recipes and t not in self.targets:
                missing.append(t)
            ctx_vars = dict(inherited)
            ctx = _Ctx({}, ctx_vars)
            for var, op, value, _ in tvars:
                name = self.expand(var).strip()
                if op in (":=", "::="):
                    ctx_vars[name] = (False, self.expand(value, ctx))
                elif op == "+=":
                    prev = ctx_vars.get(name) or ((self.vars[name][0], self.vars[name][1])
                                                  if name in self.vars else (True, ""))
                    ctx_vars[name] = (prev[0], (prev[1] + " " + value).strip())
                elif op == "?=" and (name in ctx_vars or name in self.vars):
                    continue
                else:
                    ctx_vars[name] = (True, value)
            uniq = list(dict.fromkeys(prereqs))
            ctx.auto = {"@": t, "<": prereqs[0] if prereqs else "", "^": " ".join(uniq),
                        "+": " ".join(prereqs), "?": " ".join(uniq), "*": stem,
                        "|": " ".join(order), "%": ""}
            order_out.append((t, goal, recipes, ctx))
            for p in reversed(prereqs + order):
                if p not in seen and "${__mk" not in p:
                    stack.append((p, goal, ctx_vars, False))
        if missing and self.unknown_eval:
            self.r.problem("dynamic_code", "make: the rules for "
                           f"{', '.join(missing[:3])} may be built by $(eval) from "
                           "values known only at run time")
        shell = self.expand("$(SHELL)").strip()
        flags = self.expand("$(.SHELLFLAGS)").strip() or "-c"
        posix = shell.rsplit("/", 1)[-1] in _POSIX_SHELLS and "${__mk" not in shell
        # prerequisites run before the targets that need them
        for t, goal, recipes, ctx in reversed(order_out):
            label = label_of(goal, t)
            for recipe in recipes:
                texts: list[str] = []
                for raw in recipe:
                    lines_total += 1
                    if lines_total > MAX_LINES:
                        self.r.problem("too_large", "make: too many recipe lines to check")
                        return
                    forced = _recipe_flags(raw)
                    if dry and "+" not in forced and "$(MAKE)" not in raw \
                            and "${MAKE}" not in raw:
                        # -n, -q, -t: the line is printed, not run; its $(shell) still runs
                        self.expand(raw, ctx)
                        continue
                    line = _strip_recipe(self.expand(_strip_recipe(raw), ctx))
                    if line.strip():
                        texts.append(line)
                if self.oneshell and texts:
                    texts = ["\n".join(texts)]
                for line in texts:
                    line = self._with_exports(line, ctx)
                    code = line if posix and flags.endswith("c") and flags.split()[0][:1] == "-" \
                        else f"{shell} {flags} {quote(line)}"
                    self.r.add(code, label, self.cwd)
        for cmd in self.shell_cmds:
            self.r.add(cmd, "make $(shell)", self.cwd)


#: ``$(origin)`` by a variable's priority (see ``_Make.vars``)
_ORIGINS = {0: "default", 1: "environment", 2: "file", 3: "environment override",
            4: "command line", 5: "override", 6: "automatic"}
#: functions whose result passes a value known only at run time along, word by word
_PASS_MARKS = frozenset({"strip", "sort", "addprefix", "addsuffix", "abspath", "realpath",
                         "wildcard"})
#: functions whose last argument may hold commas
_ARITY = {"subst": 3, "patsubst": 3, "findstring": 2, "filter": 2, "filter-out": 2, "word": 2,
          "wordlist": 3, "addsuffix": 2, "addprefix": 2, "join": 2, "error": 1, "warning": 1,
          "info": 1, "strip": 1, "sort": 1, "words": 1, "firstword": 1, "lastword": 1,
          "dir": 1, "notdir": 1, "suffix": 1, "basename": 1, "wildcard": 1, "abspath": 1,
          "realpath": 1, "origin": 1, "flavor": 1, "value": 1, "shell": 1, "eval": 1}
_FUNCTIONS = frozenset({*_ARITY, "if", "or", "and", "foreach", "call", "file", "let", "intcmp",
                        "guile"})


def _matching(text: str, start: int, opener: str, closer: str) -> int:
    level = 1
    for k in range(start, len(text)):
        c = text[k]
        if c == opener:
            level += 1
        elif c == closer:
            level -= 1
            if level == 0:
                return k
    return -1


def _top_index(text: str, char: str) -> int:
    """Index of ``char`` outside ``$(...)`` / ``${...}``; -1 when absent."""
    level = 0
    k = 0
    n = len(text)
    while k < n:
        c = text[k]
        if c == "$" and k + 1 < n and text[k + 1] in "({":
            level += 1
            k += 2
            continue
        if c in ")}" and level:
            level -= 1
        elif c == char and not level:
            return k
        k += 1
    return -1


def _split_args(text: str, limit: int) -> list[str]:
    out: list[str] = []
    level = 0
    start = 0
    for k, c in enumerate(text):
        if c in "({":
            level += 1
        elif c in ")}":
            level -= 1
        elif c == "," and level == 0 and (not limit or len(out) < limit - 1):
            out.append(text[start:k])
            start = k + 1
    out.append(text[start:])
    return out


def _classify(s: str) -> tuple[str, int, str]:
    """``("assign", index, op)``, ``("rule", index of the colon, "")`` or ``("", -1, "")``."""
    level = 0
    k = 0
    n = len(s)
    while k < n:
        c = s[k]
        if c == "$" and k + 1 < n and s[k + 1] in "({":
            level += 1
            k += 2
            continue
        if c in ")}" and level:
            level -= 1
        elif not level:
            if c == "=":
                if k and s[k - 1] in "+?!":
                    return "assign", k - 1, s[k - 1] + "="
                return "assign", k, "="
            if c == ":":
                for op in (":::=", "::=", ":="):
                    if s.startswith(op, k):
                        return "assign", k, op
                if k + 1 < n and s[k + 1] in "\\/" and k == 1:
                    k += 1  # C:\ on Windows
                    continue
                return "rule", k, ""
            if c in ";#":
                break
        k += 1
    return "", -1, ""


def _define_head(rest: str) -> tuple[str, str]:
    for op in (":::=", "::=", ":=", "+=", "?=", "!=", "="):
        if rest.endswith(op):
            return rest[: -len(op)].strip(), op
    return rest.strip(), "="


def _cond_args(rest: str) -> tuple[str, str] | None:
    rest = rest.strip()
    if rest.startswith("("):
        end = _matching(rest, 1, "(", ")")
        if end < 0:
            return None
        inner = rest[1:end]
        parts = _split_args(inner, 2)
        return (parts[0], parts[1]) if len(parts) == 2 else None
    m = re.match(r"""(["'])(.*?)\1\s+(["'])(.*?)\3""", rest)
    return (m.group(2), m.group(4)) if m else None


def _strip_comment(line: str) -> str:
    k = line.find("#")
    while k >= 0:
        if k == 0 or line[k - 1] != "\\":
            return line[:k]
        k = line.find("#", k + 1)
    return line


def _recipe_flags(raw: str) -> str:
    m = re.match(r"[\s@+-]*", raw)
    return m.group(0) if m else ""


def _strip_recipe(line: str) -> str:
    return line.lstrip(" \t@+-") if line[:1] in " \t@+-" else line


def _pattern_stem(pattern: str, word: str) -> str | None:
    if "%" not in pattern:
        return "" if pattern == word else None
    pre, _, post = pattern.partition("%")
    if len(word) >= len(pre) + len(post) and word.startswith(pre) and word.endswith(post):
        return word[len(pre):len(word) - len(post)]
    return None


def _patsubst(pat: str, rep: str, word: str) -> str:
    stem = _pattern_stem(pat, word)
    if stem is None:
        return word
    return rep.replace("%", stem, 1) if "%" in rep else rep


def _make_long(name: str) -> tuple[str, int] | None:
    """A long option as getopt_long reads it: the exact name, or a prefix of one option's
    names (of aliases of one option); ``("!", 0)`` for a prefix of several (make refuses)."""
    if name in _MAKE_LONG:
        return _MAKE_LONG[name]
    found = {v for k, v in _MAKE_LONG.items() if k.startswith(name)} if name else set()
    if len(found) > 1:
        return ("!", 0)
    return found.pop() if found else None


def _make_words(args: list[Word]) -> Iterator[tuple[str, Word | None]]:
    """make's command line read by meaning, as getopt_long reads it: ``(what, value)`` for
    each option (its short letter, or its name), ``("", word)`` for each other word, ``("!",
    None)`` where make refuses the line (an ambiguous abbreviation, a missing argument) and
    ``("?", word)`` for an option word known only at run time."""
    items = list(args)
    while items:
        w = items.pop(0)
        t = w.text
        if t == "--":
            for x in items:
                yield "", x
            return
        if not t.startswith("-") or t == "-":
            yield "", w
            continue
        if t.startswith("--"):
            name, eq, val = t[2:].partition("=")
            if w.dynamic and any(c in name for c in "$`"):
                yield "?", w
                return
            opt = _make_long(name)
            if opt is None:
                continue  # unrecognized: make stops; read as if it were not there
            what, arg = opt
            if what == "!" or (eq and arg == 0):
                yield "!", None
                continue
            value: Word | None = Word(val, w.dynamic) if eq else None
            if arg == 1 and value is None:
                if not items:
                    yield "!", None
                    return
                value = items.pop(0)
        else:
            what = ""
            value = None
            k = 1
            while k < len(t):
                c = t[k]
                if w.dynamic and c in "$`":
                    yield "?", w
                    return
                arg = _MAKE_SHORT.get(c, 0)
                if arg == 0:
                    yield c, None
                    k += 1
                    continue
                what = c
                rest = t[k + 1:]
                if rest:
                    value = Word(rest, w.dynamic)
                elif arg == 1:
                    if not items:
                        yield "!", None
                        return
                    value = items.pop(0)
                break
            if not what:
                continue
        if value is None and items and not items[0].dynamic:
            # -j N, --jobs N: make takes a number that follows (all digits); -l N, a word
            # that starts with a digit or a dot
            nxt = items[0].text
            if (what == "j" and all(c in "0123456789" for c in nxt)) or (
                    what == "l" and nxt[:1] in "0123456789." and nxt):
                value = items.pop(0)
        yield what, value


def _makeflags(r: Reading, env: dict[str, str], folder: str,
               read: Reader) -> list[list[Word]] | None:
    """The words of $GNUMAKEFLAGS and of $MAKEFLAGS as make splits them (blanks,
    backslashes; a first word without a dash is a cluster of letters), once expanded; None
    when one is given a value known only at run time."""
    out: list[list[Word]] = []
    for var in ("GNUMAKEFLAGS", "MAKEFLAGS"):
        value = env.get(var, "").strip(" \t")
        if not value:
            continue
        if value == "$" + var:
            return None
        dynamic = False
        if "$" in value:
            pre = _Make(r, folder, env, [], read, False, [], 0)
            value = pre.expand(value).strip(" \t")
            for cmd in pre.shell_cmds:
                r.add(cmd, f"make (${var})", folder)
            dynamic = "${__mk" in value
        split: list[str] = []
        cur: list[str] = []
        k = 0
        while k < len(value):
            c = value[k]
            if c == "\\" and k + 1 < len(value):
                cur.append(value[k + 1])
                k += 2
                continue
            if c in " \t":
                split.append("".join(cur))
                cur = []
                while k < len(value) and value[k] in " \t":
                    k += 1
                continue
            cur.append(c)
            k += 1
        split.append("".join(cur))
        if split and not split[0].startswith("-") and "=" not in split[0]:
            split[0] = "-" + split[0]
        out.append([Word(x, dynamic and "${__mk" in x) for x in split])
    return out


def read_make(args: list[Word], cwd: str, env: dict[str, str], stdin: str | None, piped: bool,
              read: Reader) -> Reading:
    """What ``make ARGS`` run in ``cwd`` runs."""
    r = Reading()
    files: list[Word] = []
    evals: list[Word] = []
    includes: list[str] = []
    goals: list[Word] = []
    cmdvars: list[tuple[str, str]] = []
    dry = env_first = False
    folder = cwd
    for what, value in _make_words(args):
        if what == "!":
            return r  # make refuses the command line: nothing runs
        if what == "?":
            r.problem("dynamic_code", f"make is given an option known only at run time "
                      f"({value.text if value else ''})")
            return r
        if what in ("h", "v"):
            return r
        if what in ("n", "q", "t"):
            dry = True
        elif what == "e":
            env_first = True
        elif what in ("f", "C", "I") and value is not None:
            if value.dynamic:
                r.problem("dynamic_code", f"make reads a makefile from {value.text}, "
                          "known only at run time")
                return r
            if what == "f":
                files.append(value)
            elif what == "C":
                folder = _norm(os.path.join(folder, os.path.expanduser(value.text)))
            else:
                includes.append(value.text)
        elif what == "E" and value is not None:
            evals.append(value)
        elif what == "" and value is not None:
            t = value.text
            if "=" in t and _ASSIGN_NAME.match(t.split("=", 1)[0].rstrip(":+?!")):
                cmdvars.append(_cmdvar(r, value))
            else:
                if value.dynamic and t[:1] in "$`":
                    # ``make $OPTS``: a word whose start is known only at run time may be an
                    # option (``-f/tmp/x.mk``, ``--eval=...``) as well as a goal; every target
                    # is still judged as a goal
                    r.problem("dynamic_code", f"make is given {t[:60]}, known only at run "
                              "time: it may be an option such as -f or --eval")
                goals.append(value)
    # $GNUMAKEFLAGS and $MAKEFLAGS: -E, -I, -e and assignments, read before the command line
    flag_evals: list[Word] = []
    flag_vars: list[tuple[str, str]] = []
    flag_words = _makeflags(r, env, cwd, read)
    if flag_words is None:
        flag_words = [[Word("-$", True)]]  # an option known only at run time
    for what, value in (x for words in flag_words for x in _make_words(words)):
        if what == "?":
            r.problem("dynamic_code", "make reads options from $MAKEFLAGS known only at run "
                      "time")
            return r
        if what == "e":
            env_first = True
        elif what == "E" and value is not None:
            flag_evals.append(value)
        elif what == "I" and value is not None and not value.dynamic:
            includes.insert(0, value.text)
        elif what == "" and value is not None and "=" in value.text and \
                _ASSIGN_NAME.match(value.text.split("=", 1)[0].rstrip(":+?!")):
            flag_vars.append(_cmdvar(r, value))
    evals = flag_evals + evals
    cmdvars = flag_vars + cmdvars
    include_dirs = [_norm(os.path.join(folder, os.path.expanduser(d))) for d in includes]
    paths: list[str] = []
    if not files:
        for name in ("GNUmakefile", "makefile", "Makefile"):
            text = read(os.path.join(folder, name))
            if text is not None:
                paths.append(name)
                texts = [text]
                break
        else:
            if not evals:
                return r  # no makefile: make stops with an error
            texts = []
    else:
        texts = []
        for f in files:
            if f.text in ("-", "/dev/stdin", "/proc/self/fd/0", "/dev/fd/0"):
                if stdin is None:
                    # piped, or redirected from a file (make -f - < x.mk): not known here
                    source = "a pipe" if piped else "standard input"
                    r.problem("dynamic_code", f"make reads its makefile from {source}, known "
                              "only at run time")
                    return r
                texts.append(stdin)
                continue
            text = read(_norm(os.path.join(folder, os.path.expanduser(f.text))))
            if text is None:
                return r  # make stops: the makefile named cannot be read
            texts.append(text)
    all_targets = any(g.dynamic for g in goals)
    goal_names = [g.text for g in goals if not g.dynamic]
    for mask in range(1 << MAX_WORLDS_BITS):
        mk = _Make(r, folder, env, cmdvars, read, env_first, include_dirs, mask)
        mk.vars["MAKEFILE_LIST"] = (False, " ".join(paths), 0)
        mk.vars["MAKECMDGOALS"] = (False, " ".join(goal_names), 4)
        for extra in env.get("MAKEFILES", "").split():
            # read first, as if included; their targets are never the default goal
            text = read(_norm(os.path.join(folder, os.path.expanduser(extra))))
            if "$" in extra:
                r.problem("dynamic_code", "make reads the makefiles of $MAKEFILES, known "
                          "only at run time")
            elif text is not None:
                mk.parse(text)
        mk.first = None
        for e in evals:
            mk.parse(e.text if not e.dynamic else "")
            if e.dynamic:
                r.problem("dynamic_code", "make --eval: makefile text known only at run time")
        for text in texts:
            mk.parse(text)
        mk.check_includes()
        targets = goal_names
        default = ""
        if not all_targets and not targets and ".DEFAULT_GOAL" in mk.vars:
            default = mk.expand("$(.DEFAULT_GOAL)").strip()
        if all_targets or "${__mk" in default:
            # a goal known only at run time: any target may be the one
            targets = [t for t in mk.targets if not t.startswith(".")]
        elif not targets:
            first = default.split()[0] if default else mk.first
            targets = [first] if first else []
        if targets or mk.shell_cmds:
            def label_of(goal: str, t: str) -> str:
                shown, target = r.restore_text(goal)[0], r.restore_text(t)[0]
                return f"make {shown}" if goal == t else f"make {shown} ({target})"
            mk.follow(targets, dry, label_of)
        worlds = 1 << min(mk.undecided, MAX_WORLDS_BITS)
        if mask + 1 >= worlds:
            break
    return r


def _cmdvar(r: Reading, w: Word) -> tuple[str, str]:
    name, _, value = w.text.partition("=")
    name = name.rstrip(":+?!")
    if w.dynamic:
        return name, r.mark(value)
    return name, value


# -- package.json ----------------------------------------------------------------------------

_NPM_RUN = frozenset({"run", "run-script", "rum", "urn", "rn"})
_NPM_SELF = {"test": "test", "tst": "test", "t": "test", "start": "start", "stop": "stop",
             "restart": "restart"}
_NPM_INSTALL = frozenset({"install", "i", "in", "ins", "inst", "insta", "instal", "isnt",
                          "isnta", "isntal", "isntall", "add", "ci", "clean-install", "ic",
                          "install-clean", "isntall-clean"})
_INSTALL_SCRIPTS = ("preinstall", "install", "postinstall", "prepublish", "preprepare",
                    "prepare", "postprepare")
_LIFECYCLE = {"pack": ("prepack", "prepare", "postpack"),
              "publish": ("prepublishOnly", "prepack", "prepare", "postpack", "publish",
                          "postpublish"),
              "version": ("preversion", "version", "postversion"),
              "rebuild": ("preinstall", "install", "postinstall", "prepare")}
_NPM_VALUE_OPTS = frozenset({"--prefix", "-w", "--workspace", "--loglevel", "--userconfig",
                             "--cache", "--registry", "--script-shell", "--cwd", "-C", "--dir",
                             "--filter", "-F", "--globalconfig", "--tag", "--otp"})
#: npm's commands and aliases (npm 11, lib/utils/cmd-list.js); npm also takes a unique prefix
#: of any of them, and ``runScript`` for ``run-script``
_NPM_COMMANDS = (
    "access adduser approve-scripts audit bugs cache ci completion config dedupe "
    "deny-scripts deprecate diff dist-tag docs doctor edit exec explain explore "
    "find-dupes fund get help help-search init install install-ci-test install-scripts "
    "install-test link ll login logout ls org outdated owner pack ping pkg prefix profile "
    "prune publish query rebuild repo restart root run sbom search set shrinkwrap stage "
    "star stars start stop team test token trust undeprecate uninstall unpublish unstar "
    "update version view whoami ").split()
_NPM_ALIASES = {
    "author": "owner", "home": "docs", "issues": "bugs", "info": "view", "show": "view",
    "find": "search", "add": "install", "unlink": "uninstall", "remove": "uninstall",
    "rm": "uninstall", "r": "uninstall", "un": "uninstall", "rb": "rebuild", "list": "ls",
    "ln": "link", "create": "init", "i": "install", "it": "install-test",
    "cit": "install-ci-test", "u": "update", "up": "update", "c": "config", "s": "search",
    "se": "search", "tst": "test", "t": "test", "ddp": "dedupe", "v": "view",
    "run-script": "run", "clean-install": "ci", "clean-install-test": "install-ci-test",
    "x": "exec", "why": "explain", "la": "ll", "verison": "version", "ic": "ci",
    "innit": "init", "in": "install", "ins": "install", "inst": "install",
    "insta": "install", "instal": "install", "isnt": "install", "isnta": "install",
    "isntal": "install", "isntall": "install", "install-clean": "ci", "isntall-clean": "ci",
    "hlep": "help", "dist-tags": "dist-tag", "upgrade": "update", "udpate": "update",
    "rum": "run", "sit": "install-ci-test", "urn": "run", "ogr": "org",
    "add-user": "adduser"}
#: npm's options (npm 11 config definitions) as its option parser (nopt) reads them: "b"
#: true/false, taking a following ``true``/``false`` only; "s" a string, not taking a
#: following word that looks like an option; "v" a value, taking the word that follows
_NPM_TYPES = {
    **dict.fromkeys((
        "all allow-same-version audit bin-links browser bypass-2fa color commit-hooks "
        "dangerously-allow-all-scripts description dev diff-ignore-all-space diff-name-only "
        "diff-no-prefix diff-text dry-run engine-strict expect-results force "
        "foreground-scripts format-package-lock fund git-tag-version global global-style "
        "if-present ignore-scripts include-staged include-workspace-root "
        "include-attestations init-private install-links json legacy-bundling "
        "legacy-peer-deps link long offline omit-lockfile-registry-resolved optional "
        "package-lock package-lock-only parseable allow-scripts-pending allow-scripts-pin "
        "prefer-dedupe prefer-offline prefer-online production progress provenance "
        "read-only rebuild-bundle save save-bundle save-dev save-exact save-optional "
        "save-peer save-prod packages-all shrinkwrap sign-git-commit sign-git-tag "
        "strict-peer-deps strict-allow-scripts strict-ssl timing unicode update-notifier "
        "usage version versions workspaces workspaces-update yes").split(), "b"),
    **dict.fromkeys((
        "call diff-dst-prefix diff-src-prefix editor git heading init-author-email "
        "init-author-name init-license init-type init.author.email init.author.name "
        "init.license message pack-destination preid save-prefix scope searchexclude "
        "searchopts shell tag tag-version-prefix user-agent viewer").split(), "s"),
    **dict.fromkeys((
        "_auth access allow-directory allow-file allow-git allow-remote allow-scripts also "
        "audit-level auth-type before ca cache cache-max cache-min cafile cert cidr cpu "
        "depth diff diff-unified expect-result-count expires fetch-retries "
        "fetch-retry-factor fetch-retry-maxtimeout fetch-retry-mintimeout fetch-timeout "
        "globalconfig https-proxy include init-author-url init-module init-version "
        "init.author.url init.module init.version install-strategy key libc local-address "
        "location lockfile-version loglevel logs-dir logs-max name maxsockets "
        "min-release-age min-release-age-exclude node-gyp node-options noproxy omit only "
        "orgs os otp package packages prefix provenance-file proxy registry "
        "replace-registry-host sbom-format sbom-type scopes packages-and-scopes-permission "
        "orgs-permission password token-description script-shell searchlimit "
        "searchstaleness umask userconfig which workspace").split(), "v"),
}
#: true/false options that also take a following word: ``--color always``, ``--yes null``,
#: ``--browser NAME``
_NPM_BOOL_WORDS = {"color": ("always",), "expect-results": ("null",), "optional": ("null",),
                   "production": ("null",), "workspaces": ("null",), "yes": ("null",),
                   "browser": ("null",)}
_NPM_SHORT = {
    "enjoy-by": "--before", "d": "--loglevel info", "dd": "--loglevel verbose",
    "ddd": "--loglevel silly", "quiet": "--loglevel warn", "q": "--loglevel warn",
    "s": "--loglevel silent", "silent": "--loglevel silent", "verbose": "--loglevel verbose",
    "desc": "--description", "help": "--usage", "local": "--no-global", "n": "--no-yes",
    "no": "--no-yes", "porcelain": "--parseable", "readonly": "--read-only",
    "reg": "--registry", "iwr": "--include-workspace-root", "ws": "--workspaces",
    "a": "--all", "c": "--call", "f": "--force", "g": "--global", "L": "--location",
    "l": "--long", "m": "--message", "p": "--parseable", "C": "--prefix", "S": "--save",
    "B": "--save-bundle", "D": "--save-dev", "E": "--save-exact", "O": "--save-optional",
    "P": "--save-prod", "?": "--usage", "H": "--usage", "h": "--usage", "v": "--version",
    "w": "--workspace", "y": "--yes"}


def _abbrev(word: str, names: Iterable[str]) -> str | None:
    """WORD as npm's ``abbrev`` reads it among NAMES: one of them, or the prefix of only one."""
    found = None
    for n in names:
        if n == word:
            return n
        if n.startswith(word):
            if found is not None and found != n:
                return None
            found = n
    return found if word else None


def _npm_command(word: str) -> str | None:
    """The npm command WORD names (``deref`` of npm's cmd-list), None when npm knows none."""
    if any("A" <= c <= "Z" for c in word):
        word = re.sub("[A-Z]", lambda m: "-" + m.group(0).lower(), word)
    if word in _NPM_COMMANDS:
        return word
    if word in _NPM_ALIASES:
        return _NPM_ALIASES[word]
    found = _abbrev(word, [*_NPM_COMMANDS, *_NPM_ALIASES])
    while found in _NPM_ALIASES:
        found = _NPM_ALIASES[found]
    return found


def _npm_short(arg: str) -> list[str] | None:
    """nopt's ``resolveShort``: what a shorthand (``-C``, ``-ws``, ``-gw``) stands for."""
    a = arg.lstrip("-")
    if a in _NPM_TYPES:
        return None
    if a in _NPM_SHORT:
        return _NPM_SHORT[a].split()
    if a and all(len(k) == 1 and k in _NPM_SHORT for k in a):
        return [x for k in a for x in _NPM_SHORT[k].split()]
    if _abbrev(a, _NPM_TYPES) is not None:
        return None
    short = _abbrev(a, _NPM_SHORT)
    return _NPM_SHORT[short].split() if short is not None else None


def _npm_argv(args: list[Word]) -> tuple[list[Word], dict[str, list[Word | bool]]]:
    """npm's command line as nopt reads it: the words that are not options (the command and
    its arguments), and each option's values by its full name (abbreviations, shorthands,
    ``--no-X`` resolved)."""
    items = list(args)
    remain: list[Word] = []
    opts: dict[str, list[Word | bool]] = {}
    i = 0
    guard = 0
    while i < len(items):
        guard += 1
        if guard > 4096:
            break
        w = items[i]
        arg = w.text
        if len(arg) >= 2 and arg == "-" * len(arg):  # ``--``, ``---``: the rest are operands
            remain += items[i + 1:]
            break
        if not (arg.startswith("-") and len(arg) > 1):
            remain.append(w)
            i += 1
            continue
        had_eq = "=" in arg
        if had_eq:
            arg, _, v = arg.partition("=")
            items[i:i + 1] = [Word(arg, w.dynamic), Word(v, w.dynamic)]
        short = _npm_short(arg)
        if short is not None and short[0] != arg:
            items[i:i + 1] = [Word(x) for x in short]
            continue
        name = arg.lstrip("-")
        no: bool | None = None
        while name.lower().startswith("no-"):
            no = not no
            name = name[3:]
        name = _abbrev(name, _NPM_TYPES) or name
        kind = _NPM_TYPES.get(name)
        la = items[i + 1] if i + 1 < len(items) else None
        if no is not None or kind == "b" or (kind is None and not had_eq):
            value: Word | bool = not no
            if la is not None and la.text in ("true", "false"):
                value = (la.text == "true") != bool(no)
                i += 1
                la = None
            if la is not None and la.text and (la.text in _NPM_BOOL_WORDS.get(name, ()) or (
                    name == "browser" and not re.match(r"-[^-]", la.text))):
                value = la
                i += 1
            opts.setdefault(name, []).append(value)
            i += 1
            continue
        taken = la is not None
        if kind == "s" and la is not None and re.match(r"-{1,2}[^-]+", la.text):
            taken = False
        if la is not None and re.fullmatch(r"-{2,}", la.text):
            taken = False
        if la is not None and taken:
            opts.setdefault(name, []).append(la)
            i += 2
        else:
            opts.setdefault(name, []).append(Word("") if kind == "s" else True)
            i += 1
    return remain, opts


_YARN_BUILTINS = frozenset({
    "add", "audit", "autoclean", "bin", "cache", "check", "config", "create", "dedupe", "dlx",
    "exec", "explain", "generate-lock-entry", "global", "help", "import", "info", "init",
    "install", "licenses", "link", "list", "login", "logout", "node", "outdated", "owner",
    "pack", "patch", "patch-commit", "plugin", "policies", "publish", "rebuild", "remove",
    "search", "set", "tag", "team", "unlink", "unplug", "up", "upgrade", "upgrade-interactive",
    "version", "versions", "why", "workspace", "workspaces", "constraints", "npm", "stage",
    "x", "ls", "rm", "i", "ci", "update", "prune", "store", "env", "root", "server", "setup",
    "deploy", "fetch", "doctor", "docs", "repl", "pm", "completions", "sbom", "recursive",
    "multi", "m", "install-test", "it"})


def _load_package(path: str, read: Reader) -> dict[str, object] | None:
    text = read(path)
    if text is None:
        return None
    try:
        data = jsonio.loads(text.removeprefix("\ufeff"))  # the tools skip a byte-order mark
    except (ValueError, RecursionError):
        return None  # the tool stops: invalid package.json
    return data if isinstance(data, dict) else None


def _scripts(pkg: dict[str, object]) -> dict[str, str]:
    scripts = pkg.get("scripts")
    if not isinstance(scripts, dict):
        return {}
    return {k: v for k, v in scripts.items() if isinstance(k, str) and isinstance(v, str)}


def _find_package(cwd: str, read: Reader) -> str | None:
    d = cwd
    for _ in range(32):
        if read(os.path.join(d, "package.json")) is not None:
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent
    return None


def _has_script(name: str, cwd: str, read: Reader) -> bool:
    root = _find_package(cwd, read)
    pkg = _load_package(os.path.join(root, "package.json"), read) if root else None
    return pkg is not None and name in _scripts(pkg)


def _workspaces(root: str, read: Reader) -> list[str]:
    """The workspace folders of the project at ROOT (package.json ``workspaces``,
    pnpm-workspace.yaml ``packages``), at most MAX_WORKSPACES + 1 of them."""
    pkg = _load_package(os.path.join(root, "package.json"), read) or {}
    spec = pkg.get("workspaces")
    if isinstance(spec, dict):
        spec = spec.get("packages")
    patterns = [p for p in spec if isinstance(p, str)] if isinstance(spec, list) else []
    patterns += _pnpm_workspace_patterns(root, read)
    out: list[str] = []
    import glob
    import itertools

    for p in patterns[:MAX_WORKSPACES]:
        if p.startswith("!") or not p.strip():
            continue  # an exclusion: the folders it leaves out are still looked at
        try:
            found = sorted(itertools.islice(
                glob.iglob(os.path.join(root, p.strip().rstrip("/")), recursive=True),
                4 * MAX_WORKSPACES))
        except (OSError, ValueError, RecursionError):
            continue
        for f in found:
            if "/node_modules" in f[len(root):] or f in out:
                continue
            if read(os.path.join(f, "package.json")) is not None:
                out.append(_norm(f))
            if len(out) > MAX_WORKSPACES:
                return out
    return out


def _pnpm_workspace_patterns(root: str, read: Reader) -> list[str]:
    """The ``packages`` of pnpm-workspace.yaml (a block list or a flow list)."""
    text = read(os.path.join(root, "pnpm-workspace.yaml"))
    if text is None:
        return []
    out: list[str] = []
    inside = False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[:1].isspace() and not line.startswith("-"):
            key, _, value = line.partition(":")
            inside = key.strip() == "packages"
            if inside and "[" in value:
                out += re.findall(r"""['"]?([^'",\[\]\s]+)['"]?""", value)
                inside = False
            continue
        m = re.match(r"""\s*-\s*(['"]?)(.*?)\1\s*(?:#.*)?$""", line)
        if inside and m:
            out.append(m.group(2))
    return out


def _workspace(root: str, name: str, read: Reader) -> str | None:
    direct = _norm(os.path.join(root, name))
    if read(os.path.join(direct, "package.json")) is not None:
        return direct
    for d in _workspaces(root, read):
        pkg = _load_package(os.path.join(d, "package.json"), read) or {}
        if pkg.get("name") == name or os.path.basename(d) == name:
            return d
    return None


def _select(root: str, spec: str, read: Reader) -> list[str]:
    """The workspaces of ``-w``/``--filter`` SPEC: a name or a folder; for pnpm's selectors
    (``@x/*``, ``./packages/**``, ``b...``, ``!b``) the matches, all of them when it cannot
    be told here."""
    import fnmatch

    name = spec.strip()
    if name.startswith("!") or "..." in name or name.startswith(("[", "^")):
        return _workspaces(root, read)  # exclusions, dependents, changed since: any
    name = name.strip("{}")
    if not any(c in name for c in "*?["):
        one = _workspace(root, name, read)
        return [one] if one else []
    out = []
    for d in _workspaces(root, read):
        pkg = _load_package(os.path.join(d, "package.json"), read) or {}
        rel = "./" + os.path.relpath(d, root)
        if any(isinstance(x, str) and fnmatch.fnmatchcase(x, name)
               for x in (pkg.get("name"), rel, rel[2:], os.path.basename(d))):
            out.append(d)
    return out


def read_package(tool: str, args: list[Word], cwd: str, read: Reader) -> Reading | None:
    """What ``npm``/``yarn``/``pnpm``/``bun`` ARGS runs from the project's package.json;
    None when the call runs no script of it (``npm exec``, ``bun file.ts``, ``npm ls``)."""
    r = Reading()
    items = list(args)
    prefix: str | None = None
    workspaces: list[str] = []
    all_ws = False
    ignore_scripts = False
    script_shell: str | None = None
    with_root = False
    positionals: list[Word] = []
    extra: list[Word] = []
    if tool == "npm":
        positionals, opts = _npm_argv(args)
        items = []
        for key in ("prefix", "script-shell"):
            for v in opts.get(key, []):
                if isinstance(v, Word) and v.dynamic:
                    r.problem("dynamic_code", f"npm --{key} names a folder or a shell known "
                              "only at run time")
                    return r
        prefix_words = [v for v in opts.get("prefix", []) if isinstance(v, Word) and v.text]
        if prefix_words:
            prefix = _norm(os.path.join(cwd, os.path.expanduser(prefix_words[-1].text)))
        for v in opts.get("workspace", []):
            if isinstance(v, Word) and v.dynamic:
                all_ws = True  # a workspace known only at run time: any of them
            elif isinstance(v, Word) and v.text:
                workspaces.append(v.text)
        all_ws = all_ws or _npm_true(opts.get("workspaces"))
        ignore_scripts = _npm_true(opts.get("ignore-scripts"))
        with_root = _npm_true(opts.get("include-workspace-root"))
        shells = [v.text for v in opts.get("script-shell", []) if isinstance(v, Word) and v.text]
        script_shell = shells[-1] if shells else None
    while items:
        w = items.pop(0)
        t = w.text
        if t == "--":
            if not positionals or (len(positionals) == 1 and _runs_named(
                    tool, positionals[0], cwd, read)):
                # yarn/pnpm/bun -- NAME, run -- NAME: the word that follows may be the name
                positionals += items[:1]
                items = items[1:]
            extra = items
            break
        if positionals and (not _runs_named(tool, positionals[0], cwd, read)
                            or len(positionals) > 1):
            # yarn/pnpm/bun: what follows the script's name is the script's
            extra = [w, *items]
            break
        if not (t.startswith("-") and len(t) > 1):
            positionals.append(w)
            continue
        key, eq, value = t.partition("=")
        if key in _NPM_VALUE_OPTS:
            dynamic = w.dynamic
            if not eq:
                if not items:
                    break
                vw = items.pop(0)
                value = vw.text
                dynamic = vw.dynamic
            if dynamic and key in ("-w", "--workspace", "--filter", "-F"):
                all_ws = True  # a workspace known only at run time: any of them
            elif dynamic and key in ("--prefix", "--cwd", "-C", "--dir", "--script-shell"):
                r.problem("dynamic_code", f"{tool} {key} names a folder or a shell known only "
                          "at run time")
                return r
            elif key in ("--prefix", "--cwd", "-C", "--dir"):
                prefix = _norm(os.path.join(prefix or cwd, os.path.expanduser(value)))
            elif key in ("-w", "--workspace", "--filter", "-F"):
                workspaces.append(value)
            elif key == "--script-shell":
                script_shell = value
        elif key in ("-ws", "--workspaces", "-r", "--recursive"):
            all_ws = True
        elif key == "--ignore-scripts":
            ignore_scripts = True
    if not positionals:
        if (tool in ("yarn", "bun") and not args) or (tool == "yarn" and not extra):
            positionals = [Word("install")]
        else:
            return None
    cmd = positionals[0]
    if cmd.dynamic:
        return None
    rest = positionals[1:]
    c = cmd.text
    if tool == "npm":
        # the command as npm resolves it: aliases, unique prefixes (``run-s``, ``tes``)
        c = _npm_command(c) or ""
        if c == "run":
            # npm run NAME [ARGS...]: the words after the name go to the script
            extra = rest[1:]
        else:
            extra = rest
        if c == "explore":
            return _npm_explore(r, rest, prefix or cwd, read)
        if c == "install" and rest:
            # npm install drops the arguments that name the project itself (``.``)
            root = _find_package(prefix or cwd, read)
            rest = [w for w in rest if w.dynamic or root is None or _norm(os.path.join(
                cwd, os.path.expanduser(w.text))) != root]
            if any(w.dynamic for w in rest):
                rest = []  # a package known only at run time: it may be the project
    elif _runs_named(tool, cmd, prefix or cwd, read) and c != "run":
        c = "run"  # an abbreviation of npm's that stands for run (``run-s``)
        if not rest and extra:
            rest, extra = extra[:1], extra[1:]
    name: str | None = None
    lifecycle: tuple[str, ...] = ()
    if (tool == "yarn" and c == "workspaces") or (tool == "pnpm" and c in ("recursive",
                                                                         "multi", "m")):
        # yarn workspaces foreach [-A ...] [run] NAME, yarn workspaces run NAME (v1),
        # pnpm recursive run NAME: the script of every workspace
        sub = [*rest, *extra]
        if tool == "yarn":
            if not sub or sub[0].text not in ("foreach", "run"):
                return None  # workspaces info, list, focus
            keyword = sub.pop(0).text
            while sub and sub[0].text.startswith("-"):
                opt = sub.pop(0).text
                if opt in ("--from", "-j", "--jobs", "--include", "--exclude") and sub:
                    sub.pop(0)
            if keyword == "run":
                sub = [Word("run"), *sub]
            elif sub and sub[0].text == "exec" and len(sub) > 1:
                # foreach exec CMD: the command, in every workspace
                root = _find_package(prefix or cwd, read)
                code = " ".join(_arg(r, w) for w in sub[1:])
                for d in _workspaces(root, read) if root else []:
                    r.add(code, f"yarn workspaces foreach exec in {os.path.relpath(d, root)}",
                          d)
                return r
        if not sub:
            return r
        return read_package(tool, [Word("--recursive"), *sub], prefix or cwd, read)
    if tool == "yarn" and c == "workspace":
        sub = [*rest, *extra]
        if len(sub) < 2 or sub[0].dynamic:
            return r
        root = _find_package(prefix or cwd, read)
        where = _workspace(root, sub[0].text, read) if root else None
        if where is None:
            return r
        return read_package(tool, sub[1:], where, read)
    if c in _NPM_RUN or (tool != "npm" and c == "run"):
        if not rest:
            return r  # lists the scripts
        if rest[0].dynamic:
            r.problem("dynamic_code", f"{tool} runs a script whose name is known only "
                      "at run time")
            return r
        name = rest[0].text
    elif tool == "bun" and c in ("test", "build") and not (workspaces or all_ws):
        return None  # bun's own test runner and bundler; bun --filter X build: the script
    elif c in _NPM_SELF:
        name = _NPM_SELF[c]
    elif c in _NPM_INSTALL or c in ("install-test", "it", "install-ci-test", "cit"):
        if any(not w.text.startswith("-") for w in rest) and c not in (
                "ci", "clean-install", "ic", "install-clean", "install-ci-test", "cit"):
            return r  # installing packages: their own scripts, not the project's
        lifecycle = _INSTALL_SCRIPTS
        if c in ("install-test", "it", "install-ci-test", "cit"):
            name = "test"
    elif c in _LIFECYCLE and tool in ("npm", "pnpm", "yarn"):
        lifecycle = _LIFECYCLE[c]
    elif tool == "bun" and c in ("x", "exec"):
        words = [*rest, *extra]
        if c == "x" and words:
            # bun x PACKAGE ARGS: as bunx
            r.add(" ".join(["bunx", *(_arg(r, w) for w in words)]), "bun x", cwd)
        elif words and words[0].dynamic:
            r.problem("dynamic_code", "bun exec runs a command known only at run time")
        elif words:
            r.add(words[0].text, "bun exec", cwd)  # a script for bun's own shell
        return r
    elif tool == "npm" or (c in _YARN_BUILTINS and not _has_script(c, prefix or cwd, read)):
        # the tool's own command; a name that is a builtin of one of yarn, pnpm or bun only,
        # when the project has a script of that name, is judged as that script
        return None
    else:
        name = c  # yarn/pnpm/bun NAME: a script of package.json
    if lifecycle and any(w.text == "--ignore-scripts" for w in extra):
        ignore_scripts = True  # pnpm install --ignore-scripts: an option, not the script's
    root = _find_package(prefix or cwd, read)
    if root is None:
        return r if tool != "bun" else _bun_file(r, c, rest, extra, cwd)
    if script_shell is None and tool in ("npm", "pnpm"):
        script_shell = _npmrc_shell(root, read)
    dirs = [root]
    if workspaces or all_ws:
        chosen = [_select(root, n, read) for n in workspaces]
        dirs = _workspaces(root, read) if all_ws else list(dict.fromkeys(
            d for found in chosen for d in found))
        if len(dirs) > MAX_WORKSPACES or (not all(chosen) and len(_workspaces(
                root, read)) > MAX_WORKSPACES):
            # more workspaces than are looked at: the one run may be among the others
            r.problem("too_deep", f"{tool}: too many workspaces to check")
            dirs = dirs[:MAX_WORKSPACES]
        if with_root and root not in dirs:
            dirs.insert(0, root)  # npm --include-workspace-root: the project's own too
    label_tool = {"npm": "npm run", "yarn": "yarn run", "pnpm": "pnpm run", "bun": "bun run"}
    found = False
    for d in dirs:
        pkg = _load_package(os.path.join(d, "package.json"), read)
        if pkg is None:
            continue
        scripts = _scripts(pkg)
        where = "" if d == root else f" in {os.path.relpath(d, root)}"
        if lifecycle and not ignore_scripts:
            for s in lifecycle:
                if s in scripts:
                    _script(r, scripts[s], f"{tool} {c} ({s}){where}", d, [], script_shell)
        if name is None:
            continue
        if name not in scripts:
            if name == "start" and tool == "npm" and read(os.path.join(d, "server.js")):
                _script(r, "node server.js", f"npm start{where}", d, extra, script_shell)
            if name == "restart" and tool == "npm":
                for s in ("prestop", "stop", "poststop", "prestart", "start", "poststart"):
                    if s in scripts:
                        _script(r, scripts[s], f"npm restart ({s}){where}", d, [], script_shell)
            continue
        found = True
        label = f"{label_tool[tool]} {name}" if name not in _NPM_SELF.values() else \
            f"{tool} {name}"
        if not ignore_scripts and "pre" + name in scripts:
            _script(r, scripts["pre" + name], f"{label} (pre{name}){where}", d, [], script_shell)
        _script(r, scripts[name], label + where, d, extra, script_shell)
        if not ignore_scripts and "post" + name in scripts:
            _script(r, scripts["post" + name], f"{label} (post{name}){where}", d, [],
                    script_shell)
    if tool == "bun" and name is not None and not found and not lifecycle:
        return _bun_file(r, c, rest, extra, cwd)
    return r


def _npm_true(values: list[Word | bool] | None) -> bool:
    """An npm true/false option's last value."""
    if not values:
        return False
    v = values[-1]
    return v if isinstance(v, bool) else v.text not in ("", "false", "null")


def _runs_named(tool: str, word: Word, cwd: str, read: Reader) -> bool:
    """yarn/pnpm/bun WORD: ``run``, or a word npm would take for it (``run-s``, ``rum``) that
    is not a script of the project nor the tool's own command."""
    if word.dynamic or tool == "npm":
        return False
    t = word.text
    if t == "run" or t in _NPM_RUN:
        return True
    return t not in _YARN_BUILTINS and _npm_command(t) == "run" and \
        not _has_script(t, cwd, read)


def _npm_explore(r: Reading, rest: list[Word], cwd: str, read: Reader) -> Reading | None:
    """``npm explore PKG -- CMD...``: CMD, its words joined with spaces, run by the shell in
    the package's folder under node_modules."""
    if len(rest) < 2:
        return r  # an interactive shell
    root = _find_package(cwd, read) or cwd
    where = _norm(os.path.join(root, "node_modules", rest[0].text)) if not rest[0].dynamic \
        else root
    code = " ".join(r.mark(w.text) if w.dynamic else w.text for w in rest[1:])
    r.add(code, "npm explore", where)
    return r


def _bun_file(r: Reading, c: str, rest: list[Word], extra: list[Word],
              cwd: str) -> Reading | None:
    """``bun FILE``: None, the interpreter's business; ``bun run FILE``: run as ``bun FILE``,
    which that handler reads."""
    if c != "run" or not rest:
        return None
    r.add(" ".join(["bun", _arg(r, rest[0]), *(_arg(r, w) for w in extra)]), "bun run", cwd)
    return r


def _npmrc_shell(root: str, read: Reader) -> str | None:
    """``script-shell`` of the project's .npmrc: the program npm and pnpm run scripts with."""
    text = read(os.path.join(root, ".npmrc"))
    if text is None:
        return None
    shell = None
    for line in text.splitlines():
        key, eq, value = line.partition("=")
        if eq and key.strip() == "script-shell":
            shell = value.strip().strip("'\"") or None
    return shell


def _script(r: Reading, text: str, label: str, cwd: str, extra: list[Word],
            script_shell: str | None) -> None:
    if extra:
        text = text + " " + " ".join(_arg(r, w) for w in extra)
    if script_shell and script_shell.rsplit("/", 1)[-1] not in _POSIX_SHELLS:
        text = f"{quote(script_shell)} -c {quote(text)}"
    r.add(text, label, cwd)


# -- just ------------------------------------------------------------------------------------

_JUST_NAMES = ("justfile", "Justfile", ".justfile", "JUSTFILE")
_JUST_ASSIGN = re.compile(r"(?:export\s+)?([A-Za-z_][A-Za-z0-9_-]*)\s*:=\s*(.*)\Z")
_JUST_ALIAS = re.compile(r"alias\s+([A-Za-z_][A-Za-z0-9_-]*)\s*:=\s*([A-Za-z_][A-Za-z0-9_:-]*)")
_JUST_SET = re.compile(r"set\s+([a-z-]+)\s*(?::=\s*(.*))?\Z")
_JUST_IMPORT = re.compile(r"(import|mod)(\??)\s+(.*)\Z")
_JUST_NAME = re.compile(r"@?([A-Za-z_][A-Za-z0-9_-]*)")
_JUST_STRING = re.compile(r"""'''(.*?)'''|\"\"\"(.*?)\"\"\"|'([^']*)'|"((?:[^"\\]|\\.)*)\"""",
                          re.S)
#: commands in an expression: ``shell('...')``, backticks; string literals are skipped
_JUST_CODE = re.compile(
    r"""\bshell\(\s*(?:'([^']*)'|"((?:[^"\\]|\\.)*)")|```(.*?)```|`([^`]*)`"""
    r"""|'''.*?'''|\"\"\".*?\"\"\"|'[^']*'|"(?:[^"\\]|\\.)*\"""", re.S)
#: options of just that take a value
_JUST_VALUE_OPTS = frozenset({
    "--shell", "--shell-arg", "--dotenv-filename", "--dotenv-path", "-E", "--color",
    "--command-color", "--chooser", "--list-heading", "--list-prefix", "--timestamp-format",
    "--alias-style", "--tempdir", "--cygpath", "--ceiling", "--completions", "--show", "-s",
    "--usage", "--request"})
#: options after which just runs no recipe (``-n`` and ``--evaluate`` still evaluate the
#: variables, backticks included)
_JUST_NO_RUN = frozenset({
    "-l", "--list", "--summary", "--dump", "--evaluate", "--show", "-s", "--help", "-h",
    "--version", "-V", "--choose", "--edit", "-e", "--init", "--fmt", "--variables",
    "--groups", "-n", "--dry-run", "--completions", "--changelog", "--man", "--usage",
    "--request", "--check"})
MAX_JUST_FILES = 16
_JUST_FENCES = ("```", "'''", '"""')


class _Recipe:
    __slots__ = ("attrs", "base", "body", "deps", "params")

    def __init__(self, params: list[tuple[str, str | None, bool]], deps: list[list[str]],
                 body: list[str], attrs: list[str], base: str) -> None:
        #: (name, default as written or None, variadic)
        self.params = params
        #: each dependency: its name, then its arguments as written
        self.deps = deps
        self.body = body
        self.attrs = attrs
        self.base = base


class _Justfile:
    """The recipes, variables, aliases, settings and modules of one justfile and its
    imports."""

    def __init__(self, r: Reading, read: Reader, path: str) -> None:
        self.r = r
        self.read = read
        self.path = path
        self.base = os.path.dirname(path)
        self.values: dict[str, str] = {}
        self.recipes: dict[str, _Recipe] = {}
        self.aliases: dict[str, str] = {}
        #: module name -> (folder of the justfile naming it, path written or None)
        self.modules: dict[str, tuple[str, str | None]] = {}
        self.settings: dict[str, str] = {}
        #: commands of ``x := `...```: run when the justfile is loaded
        self.load_code: list[str] = []
        self.first: str | None = None
        self.default: str | None = None
        self.files = 0
        #: an import that cannot be read: just stops before running anything
        self.broken = False

    def value(self, expr: str) -> str:
        """An expression's value: a string literal, a known variable, ``+`` of these; the
        written text marked as known only at run time otherwise."""
        expr = expr.strip()
        parts = _split_plus(expr)
        out: list[str] = []
        for p in parts:
            p = p.strip()
            m = _JUST_STRING.fullmatch(p)
            if m is not None:
                if m.group(4) is not None:
                    out.append(_unescape(m.group(4)))
                else:
                    out.append(next(g for g in m.groups() if g is not None))
            elif p in self.values:
                out.append(self.values[p])
            else:
                return self.r.mark("{{" + expr + "}}")
        return "".join(out)

    def code_in(self, text: str) -> list[str]:
        """Commands that evaluating TEXT runs: backticks and ``shell('...')``."""
        out = []
        for m in _JUST_CODE.finditer(text):
            cmd = next((g for g in m.groups() if g is not None), "")
            if cmd.strip():
                out.append(cmd)
        return out

    def load(self, path: str, text: str, root: bool) -> None:
        self.files += 1
        if self.files > MAX_JUST_FILES:
            self.r.problem("too_deep", "just imports too many files to follow")
            return
        base = os.path.dirname(path)
        lines = text.replace("\r\n", "\n").split("\n")
        attrs: list[str] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            i += 1
            s = line.strip()
            if not s or s.startswith("#") or line[:1] in " \t":
                continue
            if s.startswith("["):
                attrs += [a.strip() for a in _split_top(s.strip("[]"), ",")]
                continue
            while s.endswith("\\") and i < len(lines):
                s = s[:-1] + " " + lines[i].strip()
                i += 1
            m = _JUST_ASSIGN.fullmatch(s)
            if m:
                value = m.group(2)
                # a string or a backtick over several lines
                while i < len(lines) and any(value.count(q) % 2 for q in _JUST_FENCES):
                    value += "\n" + lines[i]
                    i += 1
                self.load_code += self.code_in(value)
                self.values[m.group(1)] = self.value(value)
                continue
            m = _JUST_ALIAS.fullmatch(s)
            if m:
                self.aliases.setdefault(m.group(1), m.group(2))
                attrs = []
                continue
            m = _JUST_SET.fullmatch(s)
            if m:
                self.settings[m.group(1)] = (m.group(2) or "true").strip()
                continue
            m = _JUST_IMPORT.fullmatch(s)
            if m:
                self._import(m.group(1), m.group(2) == "?", m.group(3), base)
                attrs = []
                continue
            head = _just_head(s)
            if head is None:
                continue
            name, params, deps = head
            body: list[str] = []
            while i < len(lines) and (lines[i][:1] in " \t" or not lines[i].strip()):
                body.append(lines[i])
                i += 1
            while body and not body[-1].strip():
                body.pop()
            if name not in self.recipes:
                self.recipes[name] = _Recipe(params, deps, _dedent(body), attrs, base)
                if root and self.first is None:
                    self.first = name
                if root and "default" in attrs and self.default is None:
                    self.default = name
            attrs = []

    def _import(self, kind: str, optional: bool, rest: str, base: str) -> None:
        if kind == "mod":
            words = rest.split(None, 1)
            if not words:
                return
            m = _JUST_STRING.fullmatch(words[1].strip()) if len(words) > 1 else None
            where = next((g for g in m.groups() if g is not None), None) if m else None
            self.modules.setdefault(words[0], (base, where))
            return
        m = _JUST_STRING.fullmatch(rest.strip())
        if m is None:
            return
        target = next(g for g in m.groups() if g is not None)
        path = _norm(os.path.join(base, os.path.expanduser(target)))
        text = self.read(path)
        if text is None:
            self.broken = self.broken or not optional
            return
        self.load(path, text, False)

    def module_file(self, name: str) -> str | None:
        """The file of module NAME: the path written, or NAME.just, NAME/mod.just,
        NAME/justfile."""
        if name not in self.modules:
            return None
        base, where = self.modules[name]
        if where is not None:
            path = _norm(os.path.join(base, os.path.expanduser(where)))
            candidates = [path, *(os.path.join(path, nm) for nm in ("mod.just", *_JUST_NAMES))]
        else:
            stem = os.path.join(base, name)
            candidates = [stem + ".just", os.path.join(stem, "mod.just"),
                          *(os.path.join(stem, nm) for nm in _JUST_NAMES)]
        return next((c for c in candidates if self.read(c) is not None), None)

    def shell_prefix(self) -> str | None:
        """The shell line recipes run with, when it is not a POSIX shell (``set shell``)."""
        spec = self.settings.get("shell")
        if not spec:
            return None
        words = [next(g for g in m.groups() if g is not None)
                 for m in _JUST_STRING.finditer(spec)]
        if not words or words[0].rsplit("/", 1)[-1] in _POSIX_SHELLS:
            return None
        return " ".join(quote(w) for w in words)


def _split_plus(expr: str) -> list[str]:
    return _split_top(expr, "+")


def _top_chars(text: str) -> Iterator[tuple[int, str]]:
    """The characters of TEXT (with their index) outside quotes and parentheses."""
    level = 0
    q = ""
    for k, c in enumerate(text):
        if q:
            if c == q:
                q = ""
        elif c in "'\"`":
            q = c
        elif c == "(":
            level += 1
        elif c == ")":
            level -= 1
        elif level == 0:
            yield k, c


def _split_top(text: str, sep: str) -> list[str]:
    """TEXT cut at SEP outside quotes and parentheses."""
    out: list[str] = []
    start = 0
    for k, c in _top_chars(text):
        if c == sep:
            out.append(text[start:k])
            start = k + 1
    out.append(text[start:])
    return out


def _unescape(text: str) -> str:
    table = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: table.get(m.group(1), "\\" + m.group(1)), text)


def _dedent(body: list[str]) -> list[str]:
    indents = [len(ln) - len(ln.lstrip(" \t")) for ln in body if ln.strip()]
    cut = min(indents) if indents else 0
    return [ln[cut:] if ln.strip() else "" for ln in body]


def _just_head(s: str) -> tuple[str, list[tuple[str, str | None, bool]], list[list[str]]] \
        | None:
    """A recipe's first line: name, parameters (name, default, variadic), dependencies."""
    m = _JUST_NAME.match(s)
    if m is None:
        return None
    name = m.group(1)
    rest = s[m.end():]
    # the colon that ends the parameters: outside quotes and parentheses, not ``:=``
    colon = -1
    for k, c in _top_chars(rest):
        if c == ":":
            if rest[k + 1:k + 2] == "=":
                return None
            colon = k
            break
    if colon < 0:
        return None
    head = rest[:colon]
    if head and not head[:1].isspace():
        return None
    params: list[tuple[str, str | None, bool]] = []
    for tok in _split_top(head.strip(), " ") if head.strip() else []:
        tok = tok.strip()
        if not tok:
            continue
        variadic = tok[:1] in "+*"
        tok = tok.lstrip("+*").lstrip("$")
        pname, eq, default = tok.partition("=")
        params.append((pname, default if eq else None, variadic))
    deps: list[list[str]] = []
    tail = rest[colon + 1:]
    k = 0
    while k < len(tail):
        c = tail[k]
        if tail.startswith("&&", k):
            deps.append(["&&"])  # what follows runs after the recipe
            k += 2
            continue
        if c.isspace():
            k += 1
            continue
        if c == "#":
            break
        if c == "(":
            end = k + 1
            level = 1
            q = ""
            while end < len(tail) and level:
                ch = tail[end]
                if q:
                    if ch == q:
                        q = ""
                elif ch in "'\"":
                    q = ch
                elif ch == "(":
                    level += 1
                elif ch == ")":
                    level -= 1
                end += 1
            inner = tail[k + 1:end - 1] if not level else tail[k + 1:end]
            words = [w for w in _split_top(inner.strip(), " ") if w.strip()]
            if words:
                deps.append(words)
            k = end
            continue
        end = k
        while end < len(tail) and not tail[end].isspace() and tail[end] not in "#(" \
                and not tail.startswith("&&", end):
            end += 1
        deps.append([tail[k:end]])
        k = end
    return name, params, deps


def read_just(args: list[Word], cwd: str, read: Reader) -> Reading:
    """What ``just ARGS`` runs: recipes of the justfile (here or in a folder above), with their
    dependencies; ``{{...}}`` interpolations of variables known from plain string
    assignments, other interpolations known only at run time; the commands of backticks
    and ``shell()`` in its variables, run whenever the justfile is loaded."""
    r = Reading()
    items = list(args)
    file: str | None = None
    folder: str | None = None
    positionals: list[Word] = []
    overrides: dict[str, Word] = {}
    run_recipes = True
    shell_words: list[str] = []
    while items:
        w = items.pop(0)
        t = w.text
        if t in ("-f", "--justfile", "-d", "--working-directory") and items:
            v = items.pop(0)
            if v.dynamic:
                r.problem("dynamic_code", "just reads a justfile known only at run time")
                return r
            if t in ("-f", "--justfile"):
                file = _norm(os.path.join(cwd, os.path.expanduser(v.text)))
            else:
                folder = _norm(os.path.join(cwd, os.path.expanduser(v.text)))
            continue
        if t in ("-c", "--command") and items:
            # just --command CMD ARGS...: runs CMD (with the justfile's exported variables)
            r.add(" ".join(_arg(r, x) for x in items), "just --command", folder or cwd)
            return r
        if t == "--set" and len(items) >= 2:
            var = items.pop(0)
            overrides[var.text] = items.pop(0)
            continue
        if t in _JUST_NO_RUN:
            run_recipes = False
            if t not in ("-n", "--dry-run", "--evaluate"):
                return r
            if t in ("--show", "-s", "--completions", "--usage", "--request") and items:
                items.pop(0)
            continue
        if t in _JUST_VALUE_OPTS:
            if items:
                v = items.pop(0)
                if t in ("--shell", "--shell-arg"):
                    shell_words.append(v.text)
            continue
        if t.startswith("-"):
            continue
        if not positionals and not w.dynamic and "=" in t and \
                re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", t.split("=", 1)[0]):
            name, _, value = t.partition("=")
            overrides[name] = Word(value, w.dynamic)
            continue
        positionals.append(w)
    start = cwd
    if file is None and positionals and not positionals[0].dynamic \
            and "/" in positionals[0].text:
        # just DIR/RECIPE: the justfile is searched for from DIR
        where, _, first = positionals[0].text.rpartition("/")
        start = _norm(os.path.join(cwd, os.path.expanduser(where or "/")))
        positionals = ([Word(first)] if first else []) + positionals[1:]
    if file is None:
        file = _find_justfile(start, read)
    text = read(file) if file is not None else None
    if file is None or text is None:
        return r
    jf = _Justfile(r, read, file)
    jf.load(file, text, True)
    _just_run(r, jf, positionals, overrides, folder, cwd, shell_words, run_recipes, read, 0)
    return r


def _find_justfile(start: str, read: Reader) -> str | None:
    d = start
    for _ in range(32):
        for nm in _JUST_NAMES:
            if read(os.path.join(d, nm)) is not None:
                return os.path.join(d, nm)
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent
    return None


def _just_run(r: Reading, jf: _Justfile, positionals: list[Word],
              overrides: dict[str, Word], folder: str | None, cwd: str,
              shell_words: list[str], run_recipes: bool, read: Reader, depth: int) -> None:
    if jf.broken:
        return
    for name, w in overrides.items():
        jf.values[name] = _arg(r, w) if w.dynamic else w.text
    for cmd in jf.load_code:
        r.add(cmd, f"just ({jf.path.rsplit('/', 1)[-1]} variables)", jf.base)
    if not run_recipes:
        return
    recipes = jf.recipes
    shell = jf.shell_prefix()
    if shell_words:
        shell = None if shell_words[0].rsplit("/", 1)[-1] in _POSIX_SHELLS \
            else " ".join(quote(x) for x in shell_words)
    goals: list[tuple[str, list[Word]]] = []
    #: what runs in another justfile: a module's, or the one above under ``set fallback``
    elsewhere: tuple[_Justfile, list[Word]] | None = None
    k = 0
    while k < len(positionals):
        w = positionals[k]
        name = w.text
        if not w.dynamic and "::" in name:
            # just MODULE::RECIPE
            mod, _, sub = name.partition("::")
            positionals = [*positionals[:k], Word(mod), Word(sub), *positionals[k + 1:]]
            continue
        name = jf.aliases.get(name, name) if not w.dynamic else name
        if not w.dynamic and name not in recipes and name in jf.modules:
            # just MODULE RECIPE...: the rest of the words are the module's
            path = jf.module_file(name)
            text = read(path) if path is not None and depth < 8 else None
            if text is not None and path is not None:
                elsewhere = (_Justfile(r, read, path), positionals[k + 1:])
                elsewhere[0].load(path, text, True)
            break
        if w.dynamic or name not in recipes:
            if w.dynamic:
                goals += [(n, []) for n in recipes]
            elif jf.settings.get("fallback", "false") == "true" and depth < 8:
                # set fallback: a recipe not found here is looked for in the justfile above
                above = _find_justfile(os.path.dirname(jf.base), read)
                text = read(above) if above is not None else None
                if text is not None and above is not None:
                    elsewhere = (_Justfile(r, read, above), positionals[k:])
                    elsewhere[0].load(above, text, True)
                    break
            k += 1
            continue
        params = recipes[name].params
        if params and params[-1][2]:
            given = positionals[k + 1:]
            k = len(positionals)
        else:
            given = positionals[k + 1:k + 1 + len(params)]
            k += 1 + len(params)
        goals.append((name, given))
    if not goals and not positionals:
        first = jf.default or jf.first or next(iter(recipes), None)
        if first is not None:
            goals = [(first, [])]
    seen: set[tuple[str, tuple[str, ...]]] = set()

    def run(name: str, given: list[Word], goal: str) -> None:
        key = (name, tuple(w.text for w in given))
        if key in seen or name not in recipes or len(seen) > MAX_TARGETS:
            return
        seen.add(key)
        rc = recipes[name]
        env = dict(jf.values)
        for j, (p, default, variadic) in enumerate(rc.params):
            if variadic:
                words = given[j:]
                env[p] = " ".join(_just_word(r, x) for x in words) if words else \
                    (jf.value(default) if default is not None else "")
            elif j < len(given):
                env[p] = _just_word(r, given[j])
            elif default is not None:
                for cmd in jf.code_in(default):
                    r.add(cmd, f"just {goal} ({name} {p})", jf.base)
                env[p] = jf.value(default)
            else:
                env[p] = r.mark("{{" + p + "}}")
        cut = next((j for j, dep in enumerate(rc.deps) if dep[0] == "&&"), len(rc.deps))
        for dep in rc.deps[:cut]:
            run(dep[0], [_just_dep_arg(r, jf, env, a) for a in dep[1:]], goal)
        label = f"just {goal}" if goal == name else f"just {goal} ({name})"
        where = cwd if "no-cd" in rc.attrs else (folder or rc.base)
        wd = jf.settings.get("working-directory")
        if wd and "no-cd" not in rc.attrs and folder is None:
            where = _norm(os.path.join(rc.base, os.path.expanduser(jf.value(wd))))
        body = [_just_interp(r, jf, b, env, label, where) for b in rc.body]
        script = next((a for a in rc.attrs if a == "script" or a.startswith("script(")), None)
        if body and body[0].startswith("#!"):
            r.add(_shebang_code("\n".join(body)), label, where)
        elif script is not None:
            interp = " ".join(re.findall(r"""['"]([^'"]*)['"]""", script)).split()
            code = "\n".join(body)
            if interp and interp[0].rsplit("/", 1)[-1] not in _POSIX_SHELLS:
                code = f"{' '.join(interp)} -c {quote(code)}"
            r.add(code, label, where)
        else:
            joined: list[str] = []
            for ln in body:
                if joined and joined[-1].endswith("\\"):
                    joined[-1] = joined[-1][:-1] + ln.strip()
                else:
                    joined.append(ln)
            for ln in joined:
                ln = ln.strip().lstrip("@-").lstrip("@-")
                if ln.strip() and not ln.startswith("#"):
                    r.add(f"{shell} {quote(ln)}" if shell else ln, label, where)
        for dep in rc.deps[cut + 1:]:  # after ``&&``: once the recipe has run
            if dep[0] != "&&":
                run(dep[0], [_just_dep_arg(r, jf, env, a) for a in dep[1:]], goal)

    for g, given in goals:
        run(g, given, g)
    if elsewhere is not None:
        _just_run(r, elsewhere[0], elsewhere[1], overrides, folder, cwd, shell_words, True,
                  read, depth + 1)


def _shebang_code(script: str) -> str:
    """A script with a ``#!`` line as shell code: itself for a shell, ``PROGRAM -c SCRIPT``
    for another interpreter (python, node, perl...)."""
    words = script.split("\n", 1)[0][2:].split()
    if words and words[0].rsplit("/", 1)[-1] == "env":
        words = [w for w in words[1:] if not w.startswith("-")]
    if not words or words[0].rsplit("/", 1)[-1] in _POSIX_SHELLS:
        return script
    body = script.split("\n", 1)[1] if "\n" in script else ""
    return f"{quote(words[0].rsplit('/', 1)[-1])} -c {quote(body)}"


def _just_word(r: Reading, w: Word) -> str:
    """An argument as just puts it in a recipe: its text as is, not quoted."""
    return r.mark(w.text) if w.dynamic else w.text


def _just_dep_arg(r: Reading, jf: _Justfile, env: dict[str, str], expr: str) -> Word:
    scope = jf.values
    jf.values = env
    try:
        value = jf.value(expr)
    finally:
        jf.values = scope
    return Word(value)


def _just_interp(r: Reading, jf: _Justfile, line: str, env: dict[str, str], label: str,
                 where: str) -> str:
    def put(m: re.Match[str]) -> str:
        expr = m.group(1).strip()
        for cmd in jf.code_in(expr):
            r.add(cmd, label, where)
        if expr in env:
            return env[expr]
        scope = jf.values
        jf.values = env
        try:
            return jf.value(expr)
        finally:
            jf.values = scope

    return re.sub(r"\{\{(?!\{)(.*?)\}\}", put, line)
