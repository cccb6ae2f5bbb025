"""``find``'s command line read by meaning.

find's expression is a small language: tests and actions joined by an implicit or explicit
``-a``, by ``-o`` and by ``,``, with ``!`` and parentheses. Whether an action acts on every entry
of the walk or only on some depends on where it stands in that expression, not on which tests
appear somewhere in it: in ``find . -name '*.pyc' -o -delete`` the ``-delete`` runs for every
entry that is *not* a ``.pyc`` file. So each action here carries the condition an entry must
meet for the action to be reached (its *guard*), worked out from the expression's structure.
"""

from __future__ import annotations

from railguard.model import Word

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from railguard.model import Invocation

    #: decides whether a narrowing test admits only scratch entries: (primary, value) -> bool
    Scratch = Callable[[str, str], bool]

#: tests that narrow a walk down to some entries by name or identity
NARROWING = frozenset(
    ["-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-regex", "-iregex",
     "-lname", "-ilname", "-inum", "-samefile", "-empty", "-newer", "-anewer", "-cnewer",
     "-links"]
)
#: every test that selects entries (by name, type, size, time, owner ...)
TESTS = NARROWING | frozenset(
    ["-type", "-xtype", "-mtime", "-mmin", "-atime", "-amin", "-ctime", "-cmin", "-size",
     "-user", "-group", "-uid", "-gid", "-nouser", "-nogroup", "-perm", "-used", "-fstype",
     "-readable", "-writable", "-executable", "-context"]
)
#: primaries that take one value (``-gid -delete`` tests a group named -delete)
VALUED = frozenset(
    """-name -iname -path -ipath -wholename -iwholename -regex -iregex -type -xtype -mtime
    -mmin -atime -amin -ctime -cmin -size -user -group -uid -gid -perm -links -inum -samefile
    -lname -ilname -used -fstype -maxdepth -mindepth -printf -fprint -fprint0 -fls -context
    -regextype -files0-from -newer -anewer -cnewer""".split()
)
#: actions that run a command, up to ``;`` or ``+``
EXEC = frozenset(["-exec", "-execdir", "-ok", "-okdir"])
#: actions that write the entries' names to standard output
PRINTS = frozenset(["-print", "-print0", "-printf", "-ls"])
#: every action (an expression without one prints the entries it matches)
ACTIONS = EXEC | PRINTS | frozenset(["-delete", "-fprint", "-fprint0", "-fprintf", "-fls",
                                     "-quit"])
#: patterns that match every name
EVERYTHING = frozenset({"*", "*.*", ".*", "**", "*/*", "./*", "**/*"})
_PATTERNED = frozenset(["-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename"])


class Cond:
    """What an entry of the walk must be to get somewhere in the expression.

    ``narrowed`` False means any entry. ``names``: the entry's name is one of these literal
    names; ``patterns``: it matches one of these ``-name`` or ``-path`` patterns. ``scratch``: every entry
    admitted is scratch by its name (``*.pyc``, ``*.tmp``) or empty, so removing them loses no
    work. ``tested``: some test applies (``-type f`` narrows by kind, not by name).
    ``shown``: the narrowing tests, for messages.
    """

    __slots__ = ("names", "narrowed", "patterns", "scratch", "shown", "tested")

    def __init__(self, narrowed: bool, names: tuple[str, ...] | None = None,
                 scratch: bool = False, shown: str = "",
                 patterns: tuple[str, ...] | None = None, tested: bool = False) -> None:
        self.narrowed = narrowed
        self.names = names
        self.patterns = patterns
        self.scratch = scratch
        self.shown = shown
        self.tested = tested or narrowed

    def __repr__(self) -> str:
        return f"Cond({self.narrowed}, {self.names}, {self.scratch}, {self.shown!r})"


EVERY = Cond(False)
TESTED = Cond(False, tested=True)


def both(a: Cond, b: Cond) -> Cond:
    """An entry that meets ``a`` and ``b``."""
    if not a.narrowed:
        return TESTED if a.tested and not b.narrowed else b
    if not b.narrowed:
        return a
    if a.names is not None and b.names is not None:
        names: tuple[str, ...] | None = tuple(n for n in a.names if n in b.names)
    else:
        names = a.names if a.names is not None else b.names
    # an entry matching two patterns matches each: either one bounds what is selected
    patterns = a.patterns if a.patterns is not None else b.patterns
    return Cond(True, names, a.scratch or b.scratch, f"{a.shown} {b.shown}", patterns)


def either(a: Cond, b: Cond) -> Cond:
    """An entry that meets ``a`` or ``b``."""
    if not a.narrowed or not b.narrowed:
        return TESTED if a.tested and b.tested else EVERY
    names = a.names + b.names if a.names is not None and b.names is not None else None
    patterns = (a.patterns + b.patterns
                if a.patterns is not None and b.patterns is not None else None)
    return Cond(True, names, a.scratch and b.scratch, f"{a.shown} -o {b.shown}", patterns)


class FindAction:
    """One action of the expression and the condition under which it runs."""

    __slots__ = ("argv", "guard", "kind")

    def __init__(self, kind: str, argv: list[Word], guard: Cond) -> None:
        self.kind = kind
        #: the command of ``-exec``/``-ok`` (empty for other actions)
        self.argv = argv
        self.guard = guard


class FindCommand:
    """Start points, depth limits, and each action with its guard."""

    __slots__ = ("actions", "maxdepth", "mindepth", "printed", "roots", "unknown")

    def __init__(self) -> None:
        self.roots: list[Word] = []
        self.actions: list[FindAction] = []
        #: words of the expression known only at run time (``find . $EXPR``, input appended
        #: by xargs): any of them may be an action such as ``-delete``
        self.unknown: list[Word] = []
        self.mindepth = 0
        #: None: no limit (or one known only at run time)
        self.maxdepth: int | None = None
        #: the entries written to standard output; None when it prints none
        self.printed: Cond | None = None

    def guard(self, kinds: frozenset[str] | tuple[str, ...]) -> Cond | None:
        """The entries the given actions act on, together (None: no such action)."""
        out: Cond | None = None
        for a in self.actions:
            if a.kind in kinds:
                out = a.guard if out is None else either(out, a.guard)
        return out

    @property
    def kinds(self) -> list[str]:
        return [a.kind for a in self.actions]


class _Node:
    __slots__ = ("argv", "kids", "op", "value")

    def __init__(self, op: str, kids: list[_Node] | None = None, value: Word | None = None,
                 argv: list[Word] | None = None) -> None:
        #: "and", "or", ",", "!" or the primary itself ("-name", "-delete" ...)
        self.op = op
        self.kids = kids or []
        self.value = value
        self.argv = argv or []


class _Parser:
    def __init__(self, args: list[Word], cmd: FindCommand) -> None:
        self.args = args
        self.i = 0
        self.cmd = cmd

    def peek(self) -> str | None:
        return self.args[self.i].text if self.i < len(self.args) else None

    def comma(self) -> _Node:
        kids = [self.either()]
        while self.peek() == ",":
            self.i += 1
            kids.append(self.either())
        return kids[0] if len(kids) == 1 else _Node(",", kids)

    def either(self) -> _Node:
        kids = [self.both()]
        while self.peek() in ("-o", "-or"):
            self.i += 1
            kids.append(self.both())
        return kids[0] if len(kids) == 1 else _Node("or", kids)

    def both(self) -> _Node:
        kids = [self.unary()]
        while True:
            t = self.peek()
            if t is None or t in (")", ",", "-o", "-or"):
                break
            if t in ("-a", "-and"):
                self.i += 1
                continue
            kids.append(self.unary())
        return kids[0] if len(kids) == 1 else _Node("and", kids)

    def unary(self) -> _Node:
        t = self.peek()
        if t is None:
            return _Node("-true")
        if t in ("!", "-not"):
            self.i += 1
            return _Node("!", [self.unary()])
        if t == "(":
            self.i += 1
            inner = self.comma()
            if self.peek() == ")":
                self.i += 1
            return inner
        return self.primary()

    def primary(self) -> _Node:
        word = self.args[self.i]
        self.i += 1
        t = word.text
        if word.dynamic:
            self.cmd.unknown.append(word)
            return _Node("?")  # a primary known only at run time: it narrows nothing we know
        if t in EXEC:
            start = self.i
            # ``;`` ends the command; ``+`` only right after ``{}`` (and not for -ok/-okdir):
            # ``-exec rm -rf + ~ ;`` runs ``rm -rf + ~`` for every entry
            while self.i < len(self.args):
                t2 = self.args[self.i].text
                if t2 in (";", "\\;") or (t2 == "+" and self.i > start
                                            and self.args[self.i - 1].text == "{}"
                                            and t in ("-exec", "-execdir")):
                    break
                self.i += 1
            argv = self.args[start : self.i]
            self.i += 1
            return _Node(t, argv=argv)
        if t == "-fprintf":
            self.i += 2
            return _Node(t)
        if t in VALUED or t.startswith("-newer"):
            value = self.args[self.i] if self.i < len(self.args) else Word("")
            self.i += 1
            if t == "-mindepth":
                self.cmd.mindepth = _depth(value, 0) or 0
            elif t == "-maxdepth":
                self.cmd.maxdepth = _depth(value, None)
            return _Node(t, value=value)
        return _Node(t)


def _depth(w: Word, default: int | None) -> int | None:
    return int(w.text) if not w.dynamic and w.text.isdigit() else default


def _cond(node: _Node, scratch: Scratch | None) -> Cond:
    """What an entry must be for ``node`` to be true."""
    op = node.op
    if op == "and":
        out = EVERY
        for k in node.kids:
            out = both(out, _cond(k, scratch))
        return out
    if op == "or":
        conds = [_cond(k, scratch) for k in node.kids]
        out = conds[0]
        for c in conds[1:]:
            out = either(out, c)
        return out
    if op == ",":
        return _cond(node.kids[-1], scratch)
    if op == "-empty":
        return Cond(True, None, True, "-empty")
    if op in NARROWING or op.startswith("-newer"):
        value = node.value.text if node.value is not None else ""
        if node.value is None or node.value.dynamic or value in EVERYTHING:
            return EVERY
        literal = op in ("-name", "-iname") and not any(c in value for c in "*?[\\/")
        return Cond(True, (value,) if literal else None,
                    scratch is not None and scratch(op, value), f"{op} {value}",
                    (value,) if op in _PATTERNED else None)
    if op in TESTS:
        return TESTED  # -type f, -size +1M ...: some entries, not chosen by name
    return EVERY  # "!", actions ...: no narrowing


def _visit(node: _Node, guard: Cond, cmd: FindCommand, scratch: Scratch | None) -> None:
    op = node.op
    if op == "and":
        acc = guard
        for k in node.kids:
            _visit(k, acc, cmd, scratch)
            acc = both(acc, _cond(k, scratch))
    elif op in ("or", ",", "!"):
        # an operand after ``-o`` runs for the entries the ones before did *not* match:
        # that narrows nothing
        for k in node.kids:
            _visit(k, guard, cmd, scratch)
    elif op in ACTIONS:
        cmd.actions.append(FindAction(op, node.argv, guard))


def parse_find(args: list[Word], scratch: Scratch | None = None) -> FindCommand:
    """Read a ``find`` command line (its arguments, without ``find`` itself)."""
    cmd = FindCommand()
    i = 0
    n = len(args)
    # leading options: -H -L -P -D debugopts -Olevel
    while i < n and (args[i].text in ("-H", "-L", "-P", "-D")
                     or (args[i].text.startswith("-O") and args[i].text[2:].isdigit())):
        i += 2 if args[i].text == "-D" else 1
    if i < n and args[i].text == "-f":  # BSD: find -f PATH
        if i + 1 < n:
            cmd.roots.append(args[i + 1])
        i += 2
    while i < n:
        t = args[i].text
        if (t.startswith("-") and not args[i].dynamic) or t in ("(", "!", ")", ","):
            break
        cmd.roots.append(args[i])
        i += 1
    if not cmd.roots:
        cmd.roots = [Word(".")]
    parser = _Parser(args[i:], cmd)
    tree = parser.comma() if i < n else _Node("-true")
    while parser.i < len(parser.args):  # a stray ")": read on
        parser.i += 1
        rest = parser.comma()
        tree = _Node(",", [tree, rest])
    _visit(tree, EVERY, cmd, scratch)
    if not any(a.kind in ACTIONS - {"-quit"} for a in cmd.actions):
        cmd.printed = _cond(tree, scratch)  # no action: it prints the entries it matches
    else:
        cmd.printed = cmd.guard(PRINTS)
    return cmd


#: filters that pass the names they read through unchanged (when given no file of their own)
_PASS_THROUGH = ("sort", "uniq", "cat")


def lister(word: Word, *, substitutions: bool = False) -> Invocation | None:
    """The command whose output this argument is: the input xargs or parallel hands on
    (``{input}``) or, with ``substitutions``, a ``$(...)``; seen through sort, uniq and cat."""
    text = word.text
    if not word.sub or len(word.sub) != 1 or not (
            text == "{input}" or (substitutions and text.startswith(("$(", "`")))):
        return None
    producer = word.sub[0]
    while producer.name in _PASS_THROUGH and len(producer.pipe_from) == 1 and not any(
            not w.text.startswith("-") for w in producer.args):
        producer = producer.pipe_from[0]
    return producer


def fed_walk(word: Word) -> Invocation | None:
    """The ``find`` whose listing xargs or parallel turns into this argument, if any
    (``find . -type f | xargs rm``: rm gets what the walk prints)."""
    producer = lister(word)
    return producer if producer is not None and producer.name == "find" else None
