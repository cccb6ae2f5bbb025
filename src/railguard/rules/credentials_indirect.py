"""The credentials pack's indirect reads: a credential file printed without being named.

A folder holding one packed to standard output and shown (``tar czf - . | base64``), archive
members printed (``tar xOf``, ``unzip -p``, ``zcat x.tgz``; the archive is listed with the
standard library), the untracked files of a stash (``git stash show -p -u``), the names ``ls``
hands to a reader, and an archive or a copy made earlier in the same command and read there.

Rare cases, so this module is imported only for a call that may hold one (``credentials``
checks first that an archiver or a copier runs, a printed file is an archive, a stash is
named, or ``ls`` feeds a reader): the hook starts a process for every tool call.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath

from railguard.model import Finding, Invocation, Word
from railguard.rules.credentials import (
    _ARCHIVE_PRINTERS,
    _GIT_PATCH,
    _GREP,
    _GREP_SPEC,
    _NOT_REVEALING,
    _PACKERS,
    _RECURSIVE_GREP,
    _RG_SPEC,
    _STREAMERS,
    PUBLIC_NAMES,
    _archive_kind,
    _dot,
    _find,
    _grep_patterns,
    _listing_prefix,
    _name_match,
    _other_reads,
    _paths,
    _pattern_hits,
    _reads,
    _recursive_grep,
    _script_reads,
    _secret_of,
    _via,
    aims_at_secrets,
    grep_shows_matches,
    protected,
    tree_secrets,
)
from railguard.shell.effects import READERS, ZIP_VALUED, read_targets, write_targets, zip_args
from railguard.shell.options import parse as parse_opts

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from railguard.rules.base import Context


# --- the untracked files of a stash ---------------------------------------------------------

#: diff output options that print names or counts, not the content
_GIT_NO_PATCH = frozenset({"--stat", "--numstat", "--shortstat", "--name-only",
                           "--name-status", "--summary", "--dirstat", "-s", "--no-patch",
                           "--compact-summary", "--raw", "-q", "--quiet"})


def _stash_ref(text: str) -> bool:
    """``stash``, ``stash@{2}``, ``refs/stash``: the name of a stash entry."""
    t = text.removeprefix("refs/")
    if not t.startswith("stash"):
        return False
    rest = t[5:]
    return rest == "" or (rest.startswith("@{") and rest.endswith("}") and rest[2:-1].isdigit())


def _git_bool(value: str | None) -> bool:
    return (value or "").strip().lower() in ("true", "yes", "on", "1")


def stash_untracked(inv: Invocation, call: object, ctx: Context) -> Finding | None:
    """``git stash show -p -u`` (``--include-untracked``, ``--only-untracked``, or the
    ``stash.showPatch`` / ``stash.showIncludeUntracked`` settings), ``git show stash@{0}^3``,
    ``git diff stash^3``, ``git log -p stash``: the untracked files ``git stash -u`` put
    away (the stash's third parent) printed in full. The stash's tree is listed with git."""
    from railguard.rules.git import GitCall

    assert isinstance(call, GitCall)
    texts = [w.text for w in call.args]
    specs: list[str] = []
    if "--" in texts:
        k = texts.index("--")
        texts, specs = texts[:k], texts[k + 1 :]
    sub = call.sub
    revs: list[str] = []
    if sub == "stash":
        plain = [t for t in texts if not t.startswith("-")]
        if plain[:1] != ["show"]:
            return None
        opts = [t for t in texts if t.startswith("-")]
        patch = other = untracked = False
        told = False  # untracked files asked for or refused on the command line
        for t in opts:
            key = t.split("=", 1)[0]
            if t in ("-u", "--include-untracked", "--only-untracked"):
                untracked = told = True
            elif t == "--no-include-untracked":
                told = True
            elif key in _GIT_PATCH or t.startswith(("-U", "--unified")):
                patch = True
            elif key in _GIT_NO_PATCH:
                other = True
            elif not t.startswith("--"):
                # a cluster goes to the diff options: ``-pu`` is two patch options, and only
                # ``-u`` alone takes in the untracked files
                patch = patch or bool(set(t[1:]) & {"p", "u"})
        if not (patch or other) or not told:
            from railguard.rules.base import run_git

            settings = dict(call.config)
            done = run_git(["config", "--get-regexp", r"^stash\.show"], call.cwd,
                           timeout=2) if call.cwd else None
            if done is not None and done[0] == 0:
                for line in done[1].decode("utf-8", "replace").splitlines():
                    key, _, value = line.partition(" ")
                    settings.setdefault(key.lower(), value)
            if not (patch or other):
                patch = _git_bool(settings.get("stash.showpatch"))
            if not told:
                untracked = _git_bool(settings.get("stash.showincludeuntracked"))
        if not (patch and untracked):
            return None
        rev = plain[1] if len(plain) > 1 else "stash@{0}"
        revs = [f"stash@{{{rev}}}" if rev.isdigit() else rev]
    else:
        walker = sub in ("log", "whatchanged", "format-patch")
        if sub in ("show", "diff"):
            prints = any(t.split("=", 1)[0] in _GIT_PATCH for t in texts) or not any(
                t.split("=", 1)[0] in _GIT_NO_PATCH for t in texts)
        elif sub == "format-patch":
            prints = "--stdout" in texts
        else:
            prints = any(t.split("=", 1)[0] in _GIT_PATCH or t.startswith(("-U", "--unified"))
                         or t == "-u" for t in texts)
        if not prints:
            return None
        for t in texts:
            if t.startswith("-"):
                if walker and t == "--all":
                    revs.append("refs/stash")
                continue
            base, caret, n = t.rpartition("^")
            if caret and n == "3" and _stash_ref(base):
                revs.append(base)
            elif walker and _stash_ref(t):
                revs.append(t)  # the walk reaches the stash's parents, the third among them
    for rev in revs[:4]:
        found = _stash_secret(inv, call, rev, specs, ctx)
        if found is not None:
            return found
    return None


def _stash_secret(inv: Invocation, call: object, rev: str, specs: list[str],
                  ctx: Context) -> Finding | None:
    """The credential file among the untracked files kept in the stash ``rev``, listed with
    ``git ls-tree`` (bounded); CRED009 when git cannot tell."""
    from railguard.rules.base import run_git
    from railguard.rules.git import GitCall

    assert isinstance(call, GitCall)
    shown = inv.display()
    unknown = Finding("CRED009", f"`{shown}` prints the untracked files kept in {rev}, and git "
                      "could not list them to check for credential files", subject=rev)
    if call.cwd is None:
        return unknown
    pre: list[str] = []
    if call.git_dir:
        pre += ["--git-dir", call.git_dir]
    if call.work_tree:
        pre += ["--work-tree", call.work_tree]
    done = run_git([*pre, "rev-parse", "--show-toplevel", "-q", "--verify", rev + "^3"],
                   call.cwd, timeout=2)
    if done is None:
        return unknown
    if done[0] != 0:
        return None  # no untracked part (or no such stash: git prints nothing of it)
    top = done[1].decode("utf-8", "surrogateescape").splitlines()[0]
    listed = run_git([*pre, "ls-tree", "-r", "-z", "--name-only", "--full-tree", rev + "^3"],
                     call.cwd, timeout=2)
    if listed is None or listed[0] != 0:
        return unknown
    names = [n for n in listed[1].decode("utf-8", "surrogateescape").split("\0") if n]
    if len(names) > 50000:
        return unknown
    if any(s.startswith(":") for s in specs):
        specs = []  # magic pathspecs (``:/``, ``:!x``): every file counts
    here = posixpath.relpath(call.cwd, top) if call.cwd.startswith(top) else "."
    specs = [posixpath.normpath(posixpath.join(here, s)) for s in specs]
    for n in names:
        if _selected(n, specs, True) and protected(posixpath.join(top, n), ctx):
            return Finding("CRED001", f"`{shown}` prints the untracked files kept in {rev}, "
                           f"and {n} (a credential file) is one of them", subject=n)
    return None


# --- the names ls hands to a reader ---------------------------------------------------------

#: ls options that take the next word as their value
_LS_VALUED = frozenset({"-I", "--ignore", "--hide", "-w", "--width", "-T", "--tabsize",
                        "--format", "--sort", "--time", "--time-style", "--block-size",
                        "--quoting-style", "--indicator-style"})


def _ls_listing(ls: Invocation, cwd: str | None, ctx: Context, prefix: str = "",
                keep: Callable[[str], bool] | None = None) -> str | None:
    """The credential file a reader working in ``cwd`` opens among the names ``ls`` prints
    (put after ``prefix``, as in ``cat ./$(ls -a)``): a folder's entries by their bare names
    (dot files only with ``-a``, ``-A`` or ``-f``; below it too with ``-R``), a file operand
    as written (``ls *.pem``)."""
    hidden = False
    entries = True
    recursive = False
    ignored: list[str] = []
    ops: list[Word] = []
    args = ls.args
    i = 0
    while i < len(args):
        w = args[i]
        t = w.text
        i += 1
        name, eq, value = t.partition("=")
        if t in ("--all", "--almost-all"):
            hidden = True
        elif t == "--directory":
            entries = False
        elif t == "--recursive":
            recursive = True
        elif name in ("-I", "--ignore"):
            if eq:
                ignored.append(value)
            elif i < len(args):
                ignored.append(args[i].text)
                i += 1
        elif t.startswith("-I"):
            ignored.append(t[2:])
        elif name in _LS_VALUED:
            i += 0 if eq else 1
        elif t.startswith("-") and not t.startswith("--") and len(t) > 1:
            letters = set(t[1:])
            hidden = hidden or bool(letters & {"a", "A", "f"})
            entries = entries and "d" not in letters
            recursive = recursive or "R" in letters
        elif not t.startswith("--"):
            ops.append(w)
    seen = 0
    for w in ops or [_dot()]:
        if w.dynamic:
            continue
        for path in _paths(w, ls.cwd, ctx)[:64]:
            if any(c in path for c in "*?[{"):
                continue
            if not (entries and os.path.isdir(path)):
                shown = path if not w.glob else posixpath.relpath(path, ls.cwd or "/")
                opened = ctx.resolve(prefix + (w.text if not w.glob else shown), cwd) \
                    if prefix else path
                found = _secret_of(Word(opened), cwd, ctx) if opened else None
                if found is not None and os.path.lexists(found) and (keep is None or
                                                                     keep(found)):
                    return found
                continue
            for _top, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if hidden or not d.startswith("."))
                for n in sorted(files + dirs):
                    seen += 1
                    if seen > 4096:
                        return None
                    if (not hidden and n.startswith(".")) or any(
                            fnmatch.fnmatchcase(n, p) for p in ignored):
                        continue
                    found = _secret_of(Word(prefix + n), cwd, ctx)
                    if found is not None and os.path.isfile(found) and (keep is None or
                                                                        keep(found)):
                        return found
                if not recursive:
                    break
    return None


def ls_read(inv: Invocation, word: Word, ls: Invocation, prefix: str,
            ctx: Context) -> Finding | None:
    """``inv`` handed in ``word`` the names ``ls`` prints (after ``prefix``): the credential
    file among them it reads (a search: one with a line that matches)."""
    keep: Callable[[str], bool] | None = None
    if inv.name in _GREP:
        opts = parse_opts([w for w in inv.args if w is not word], _GREP_SPEC
                          if inv.name not in _RECURSIVE_GREP else _RG_SPEC)
        pats = _grep_patterns(inv.name, opts)[0]
        if not pats or not grep_shows_matches(opts):
            return None

        def keep(path: str) -> bool:  # a search prints only the lines that match
            return _pattern_hits(pats, path, opts.has("i"), opts.has("fixed")) is not None

    hit = _ls_listing(ls, inv.cwd, ctx, prefix, keep)
    if hit is None:
        return None
    return Finding("CRED001", f"`{inv.display()}` reads {ctx.rel(hit)} (a credential file), "
                   f"whose name `{ls.display()}` prints" + _via(inv), subject=hit)


# --- archives: packed to standard output, members printed, made earlier in the command ------

_TAR_NAMES = frozenset({"tar", "bsdtar", "gtar"})
#: tar's short options that take a value (in a cluster: the rest of the word, or the next word)
_TAR_VALUED = frozenset("bCfFgHIKLNTVX")
#: tar's long options that take a value as the next word
_TAR_LONG_VALUED = frozenset("""--file --directory --exclude --exclude-from --files-from
    --to-command --use-compress-program --transform --xform --owner --group --mode --mtime
    --format --blocking-factor --label --newer --after-date --newer-mtime --listed-incremental
    --tape-length --volno-file --info-script --new-volume-script --rsh-command --rmt-command
    --checkpoint-action --warning --suffix --record-size --strip-components --sort
    --quoting-style --pax-option --hole-detection --level --add-file --exclude-tag
    --exclude-tag-all --exclude-tag-under --owner-map --group-map --starting-file""".split())
_TAR_LONG_MODES = {"--create": "c", "--extract": "x", "--get": "x", "--list": "t",
                   "--append": "r", "--update": "u", "--diff": "d", "--compare": "d",
                   "--catenate": "A", "--concatenate": "A", "--delete": "D"}
_TAR_LONG_FLAGS = frozenset({"--to-stdout", "--anchored", "--no-anchored", "--wildcards",
                             "--no-wildcards", "--exclude-vcs-ignores", "--exclude-vcs",
                             "--dereference", "--null"})
#: a tar archive or a zip is listed up to these sizes (a compressed tar is read through)
_ARCHIVE_MAX = 256 * 1024 * 1024
_ARCHIVE_MAX_PACKED = 16 * 1024 * 1024
_ARCHIVE_MAX_MEMBERS = 10000


class _Pack:
    """An archiver's command line read by meaning (tar, bsdtar, zip, 7z)."""

    __slots__ = ("anchored", "archive", "directory", "excludes", "includes", "kind", "mode",
                 "operands", "recursive", "stdout", "unknown", "vcs_ignores", "wildcards")

    def __init__(self, kind: str) -> None:
        self.kind = kind
        #: c (create), x (extract), t (list) ... for tar; "a", "e", "x" for 7z
        self.mode = ""
        #: the archive's name (None: tar's default, standard input or output)
        self.archive: Word | None = None
        #: extraction prints the members (``-O``, ``--to-stdout``, ``unzip -p``, ``7z -so``)
        self.stdout = False
        #: (operand, the folder ``-C`` named before it) in order
        self.operands: list[tuple[Word, str | None]] = []
        #: (pattern, how many operands came before it): a tar exclusion is positional
        self.excludes: list[tuple[str, int]] = []
        self.includes: list[str] = []
        self.anchored = False
        self.wildcards = False
        self.vcs_ignores = False
        self.recursive = True
        #: the names to pack come from a list that cannot be read here (``-T -``, ``zip -@``)
        self.unknown = False
        #: the folder an extraction writes into (tar's last ``-C``, else the working folder)
        self.directory: str | None = None


def _list_file(word: Word | None, cwd: str | None, ctx: Context) -> list[str] | None:
    """The lines of a small list file (``tar -T FILE``, ``-X FILE``), None when unknown."""
    if word is None or word.dynamic or word.text == "-":
        return None
    path = ctx.resolve(word.text, cwd)
    if path is None:
        return None
    import stat

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as fh:
            data = fh.read(64 * 1024 + 1)
    except OSError:
        return None
    if len(data) > 64 * 1024:
        return None
    return [ln.strip() for ln in data.decode("utf-8", "replace").splitlines() if ln.strip()]


def _parse_tar(inv: Invocation, ctx: Context) -> _Pack:
    """``tar czf - .``, ``tar -C src -cf x.tgz .``, ``tar --create --file=- --exclude=.env .``,
    ``tar xOf x.tgz .env``: options in old style, clusters or long form (abbreviated too)."""
    p = _Pack("tar")
    args = inv.args
    cdir: str | None = inv.cwd

    def long_name(name: str) -> str:
        known = _TAR_LONG_VALUED | _TAR_LONG_FLAGS | set(_TAR_LONG_MODES)
        if name in known:
            return name
        hits = [k for k in known if k.startswith(name)]
        return hits[0] if len(hits) == 1 else name

    def value(opt: str, val: Word | None) -> None:
        nonlocal cdir
        if opt in ("f", "--file"):
            p.archive = val
        elif opt in ("C", "--directory"):
            cdir = None if val is None or val.dynamic else ctx.resolve(val.text, cdir)
        elif opt == "--exclude" and val is not None:
            p.excludes.append((val.text, len(p.operands)))
        elif opt in ("X", "--exclude-from"):
            # a list that cannot be read leaves nothing out here (the narrower reading)
            skipped = _list_file(val, cdir, ctx) or []
            p.excludes.extend((ln, len(p.operands)) for ln in skipped[:256])
        elif opt in ("T", "--files-from"):
            names = _list_file(val, cdir, ctx)
            if names is None:
                p.unknown = True
            else:
                p.operands.extend((Word(ln), cdir) for ln in names[:256])
        elif opt == "--to-command":
            p.stdout = True  # each member is fed to a program

    def flag(c: str) -> None:
        if c in "cxtrudA":
            p.mode = c
        elif c == "O":
            p.stdout = True

    i = 0
    if args and not args[0].text.startswith("-"):
        i = 1
        for c in args[0].text:  # ``tar czf FILE``: values follow in the order of their letters
            if c in _TAR_VALUED:
                value(c, args[i] if i < len(args) else None)
                i += 1
            else:
                flag(c)
    after = False
    while i < len(args):
        w = args[i]
        t = w.text
        i += 1
        if after or not t.startswith("-") or t == "-":
            p.operands.append((w, cdir))
        elif t == "--":
            after = True
        elif t.startswith("--"):
            name, eq, rest = t.partition("=")
            name = long_name(name)
            if name in _TAR_LONG_MODES:
                p.mode = _TAR_LONG_MODES[name]
            elif name == "--to-stdout":
                p.stdout = True
            elif name in ("--anchored", "--no-anchored"):
                p.anchored = name == "--anchored"
            elif name in ("--wildcards", "--no-wildcards"):
                p.wildcards = name == "--wildcards"
            elif name == "--exclude-vcs-ignores":
                p.vcs_ignores = True
            elif name in _TAR_LONG_VALUED:
                if eq:
                    value(name, Word(rest, w.dynamic))
                else:
                    value(name, args[i] if i < len(args) else None)
                    i += 1
        else:
            letters = t[1:]
            for k, c in enumerate(letters):
                if c in _TAR_VALUED:
                    if letters[k + 1 :]:
                        value(c, Word(letters[k + 1 :], w.dynamic))
                    else:
                        value(c, args[i] if i < len(args) else None)
                        i += 1
                    break
                flag(c)
    p.directory = cdir
    return p


def _parse_zip(inv: Invocation, ctx: Context) -> _Pack:
    """``zip -r - . -x .env 'sub/*'``: the archive is the first operand; the patterns of
    ``-x``/``-i`` (read by ``shell.effects.zip_args``) are matched against stored names."""
    p = _Pack("zip")
    p.recursive = False
    opts, ops, patterns = zip_args(inv.args)
    for w in opts:
        t = w.text
        if t == "-@":
            p.unknown = True  # the names are read from standard input
        elif t in ("--recurse-paths", "--recurse-patterns") or (
                not t.startswith("--") and t not in ZIP_VALUED and set(t[1:]) & {"r", "R"}):
            p.recursive = True
    for kind, w in patterns:
        if w.text.startswith("@") and len(w.text) > 1:
            # ``-x@FILE``: a list that cannot be read leaves nothing out here
            listed = _list_file(Word(w.text[1:], w.dynamic), inv.cwd, ctx) or []
        else:
            listed = [w.text]
        if kind == "x":
            p.excludes.extend((pat, 0) for pat in listed[:256])
        else:
            p.includes.extend(listed[:256])
    if ops:
        p.archive = ops[0]
        p.operands = [(w, inv.cwd) for w in ops[1:]]
    p.mode = "c"
    return p


def _parse_7z(inv: Invocation) -> _Pack:
    """``7z a -so -ttar x.tar .``, ``7z e -so x.7z``: ``-so`` writes to standard output,
    ``-an`` names no archive."""
    p = _Pack("7z")
    ops: list[Word] = []
    unnamed = False
    for w in inv.args:
        t = w.text
        if t == "-so":
            p.stdout = True
        elif t == "-an":
            unnamed = True
        elif t.startswith(("-xr!", "-xr-!")):
            p.excludes.append(("**/" + t.split("!", 1)[1], 0))
        elif t.startswith("-x!"):
            p.excludes.append((t[3:], 0))
        elif not t.startswith("-"):
            ops.append(w)
    if ops:
        p.mode = ops[0].text
        rest = ops[1:]
        if not unnamed and rest:
            p.archive, rest = rest[0], rest[1:]
        p.operands = [(w, inv.cwd) for w in rest]
    return p


def archived_secret(inv: Invocation, ctx: Context) -> str | None:
    """A credential file inside what ``tar``/``zip``/``7z`` packs (minus its exclusions)."""
    pack = _pack_of(inv, ctx)
    if pack is None or pack.mode not in ("c", "r", "u", "a"):
        return None
    return _packed_secret(pack, ctx)[0]


def _pack_of(inv: Invocation, ctx: Context) -> _Pack | None:
    name = inv.name
    if name in _TAR_NAMES:
        return _parse_tar(inv, ctx)
    if name == "zip":
        return _parse_zip(inv, ctx)
    if name in ("7z", "7za", "7zr"):
        return _parse_7z(inv)
    return None


def _tar_default_stdout(inv: Invocation) -> bool:
    """Without ``-f``, GNU tar (and bsdtar on most systems) uses ``$TAPE``, else standard
    input or output."""
    tape = inv.env.get("TAPE") if "TAPE" in inv.env else os.environ.get("TAPE")
    return not tape or tape == "-"


def _packs_to_stdout(p: _Pack, inv: Invocation) -> bool:
    if p.kind == "tar":
        if p.mode not in ("c",):
            return False
        return p.archive.text == "-" if p.archive is not None else _tar_default_stdout(inv)
    if p.kind == "zip":
        return p.archive is not None and p.archive.text == "-"
    return p.mode == "a" and p.stdout


def _tar_matches(member: str, pattern: str, anchored: bool) -> bool:
    """GNU tar's exclusion match: the whole member name, or (unanchored, the default) any of
    its trailing runs of components; ``*`` matches ``/`` too."""
    parts = member.split("/")
    cands = [member] if anchored else ["/".join(parts[k:]) for k in range(len(parts))]
    return any(fnmatch.fnmatchcase(c, pattern) for c in cands)


def _stored_name(kind: str, operand: str, rel: str) -> str:
    """The name an archiver gives a file found ``rel`` below the operand it was handed: tar
    keeps the operand as written (``./sub/.env``), zip drops a leading ``./`` or ``/``."""
    prefix = operand.rstrip("/") or "/"
    name = prefix if rel == "." else posixpath.join(prefix, rel)
    if kind == "tar":
        return name.lstrip("/")
    return posixpath.normpath(name).lstrip("/")


def _pack_excluded(p: _Pack, name: str, rel: str, is_dir: bool, patterns: list[str]) -> bool:
    """Does the archiver's own filter leave out the entry stored as ``name`` (``rel`` below
    the operand)?"""
    if p.kind == "tar":
        return any(_tar_matches(name, pat, p.anchored) for pat in patterns)
    if p.kind == "zip":
        if is_dir:
            return False  # zip leaves out a folder's files only by their own names
        if p.includes and not any(fnmatch.fnmatchcase(name, i.removeprefix("./"))
                                  for i in p.includes):
            return True
        return any(fnmatch.fnmatchcase(name, pat.removeprefix("./")) for pat in patterns)
    for pat in patterns:  # 7z: ``-xr!`` names anywhere, ``-x!`` paths from the operand
        if pat.startswith("**/"):
            if fnmatch.fnmatchcase(rel.rsplit("/", 1)[-1], pat[3:]):
                return True
        elif fnmatch.fnmatchcase(rel, pat):
            return True
    return False


def _vcs_ignored(rel: str, root: str, cache: dict[str, list[str]], ctx: Context) -> bool:
    """Left out by tar's ``--exclude-vcs-ignores``: tar reads the ``.gitignore`` of each
    folder the walk meets and matches its patterns as it does ``--exclude`` (no ``!``, no
    anchoring ``/``); matched here against the path below that folder only, the narrower
    reading, so a doubt keeps the file in."""
    parts = rel.split("/")
    for depth in range(len(parts)):
        folder = posixpath.join(root, *parts[:depth]) if depth else root
        pats = cache.get(folder)
        if pats is None:
            lines = _list_file(Word(posixpath.join(folder, ".gitignore")), None, ctx)
            pats = [ln for ln in lines or () if not ln.startswith(("#", "!", "/"))]
            cache[folder] = pats
        below = "/".join(parts[depth:])
        if any(_tar_matches(below, pat, False) for pat in pats):
            return True
    return False


def _packed_secret(p: _Pack, ctx: Context) -> tuple[str | None, str, str, bool]:
    """(credential file, the name it has in the archive, the folder or file packed, unknown)
    for what an archiver packs, minus its own exclusions: tar's positional ``--exclude`` (and
    ``--exclude-vcs-ignores``), zip's ``-x`` and ``-i`` (matched against the whole stored
    name), 7z's ``-x!``/``-xr!``. ``unknown``: a source known only at run time, or a name
    list not read here."""
    unknown = p.unknown
    for k, (w, base) in enumerate(p.operands):
        if w.dynamic or base is None:
            unknown = True
            continue
        path = ctx.resolve(w.text, base)
        if path is None:
            unknown = True
            continue
        operand = w.text
        patterns = [pat for pat, before in p.excludes if p.kind != "tar" or before <= k]
        if not os.path.isdir(path):
            if protected(path, ctx) and not _pack_excluded(
                    p, _stored_name(p.kind, operand, "."), posixpath.basename(path), False,
                    patterns):
                return path, operand, path, False
            continue
        if p.kind == "zip" and not p.recursive:
            continue  # ``zip x.zip dir`` stores the folder's entry alone
        cache: dict[str, list[str]] = {}

        def visits(rel: str, is_dir: bool, operand: str = operand, root: str = path,
                   patterns: list[str] = patterns,
                   cache: dict[str, list[str]] = cache) -> bool:
            if _pack_excluded(p, _stored_name(p.kind, operand, rel), rel, is_dir, patterns):
                return False
            return not (p.vcs_ignores and _vcs_ignored(rel, root, cache, ctx))

        hits = tree_secrets(path, ctx, visits=visits, limit=1)
        if hits:
            hit = hits[0]
            return hit, _stored_name(p.kind, operand, posixpath.relpath(hit, path)), path, \
                False
    return None, "", "", unknown


def _gzip_name(head: bytes) -> str | None:
    """The original file name a gzip header keeps (``gzip .env`` stores ``.env``)."""
    if len(head) < 10 or head[:2] != b"\x1f\x8b" or not head[3] & 0x08:
        return None
    i = 10
    if head[3] & 0x04:  # an extra field comes first
        if len(head) < 12:
            return None
        i = 12 + int.from_bytes(head[10:12], "little")
    end = head.find(b"\0", i)
    if end < 0:
        return None
    return head[i:end].decode("latin-1").rsplit("/", 1)[-1] or None


def _archive_members(path: str) -> list[str] | None:
    """The member names of a local archive, read with the standard library within bounds:
    a tar (plain, gzip, bzip2, xz), a zip, or one compressed file (its stored or implied
    name). [] when the file is not an archive; None when it is one that cannot be listed
    here (too large, too many members, damaged, a format the library does not read)."""
    kind = _archive_kind(path)
    if kind is None:
        return []
    base = path.rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0]
    try:
        size = os.path.getsize(path)
        if kind == "zip":
            if size > 4 * _ARCHIVE_MAX:
                return None
            import zipfile

            with zipfile.ZipFile(path) as zf:
                infos = zf.infolist()
                if len(infos) > _ARCHIVE_MAX_MEMBERS:
                    return None
                return [i.filename for i in infos]
        if kind in ("zstd", "lz4"):
            # not read by this Python: a tar by its name cannot be listed, one file is itself
            tarred = ".tar." in base or base.endswith((".tzst", ".tlz4"))
            return None if tarred else [stem]
        if kind == "7z":
            return None
        if kind != "tar":
            if kind == "gzip":
                import gzip as packed
            elif kind == "bzip2":
                import bz2 as packed  # type: ignore[no-redef]
            else:
                import lzma as packed  # type: ignore[no-redef]
            with packed.open(path, "rb") as fh:
                inner = fh.read(512)
            if not (len(inner) >= 262 and inner[257:262] == b"ustar"):
                stored = None
                if kind == "gzip":
                    with open(path, "rb") as raw:
                        stored = _gzip_name(raw.read(1024))
                return [n for n in (stored, stem) if n]  # one compressed file
            if size > _ARCHIVE_MAX_PACKED:
                return None
        elif size > _ARCHIVE_MAX:
            return None
        import tarfile

        names: list[str] = []
        with tarfile.open(path) as tf:
            for member in tf:
                names.append(member.name)
                if len(names) > _ARCHIVE_MAX_MEMBERS:
                    return None
        return names
    except Exception:  # a damaged or unusual archive: judged as one that cannot be listed
        return None


def _member_path(name: str, cwd: str | None, ctx: Context) -> str:
    """Where an archive member's name would put it in the project (for ``protected``)."""
    rel = posixpath.normpath(name.lstrip("/"))
    return posixpath.join(ctx.project or cwd or "/", rel)


def _member_secret(name: str, cwd: str | None, ctx: Context, glob: bool = False) -> bool:
    if not name or name.endswith("/"):
        return False
    if glob and any(c in name for c in "*?[") and aims_at_secrets(name):
        return not _name_match(name.rsplit("/", 1)[-1], PUBLIC_NAMES)
    return protected(_member_path(name, cwd, ctx), ctx)


def _selected(member: str, wanted: list[str], wildcards: bool) -> bool:
    """Is an archive member among the names given on the command line (a folder gives what
    is below it)?"""
    if not wanted:
        return True
    m = posixpath.normpath(member).removeprefix("./")
    for w in wanted:
        n = posixpath.normpath(w).removeprefix("./")
        if m == n or m.startswith(n.rstrip("/") + "/") or n == ".":
            return True
        if wildcards and fnmatch.fnmatchcase(m, n):
            return True
    return False


class _Made:
    """An archive written earlier in the same command: the packing that made it, judged
    (a walk of the folders it packs) only when a later part reads the archive."""

    __slots__ = ("_verdict", "maker", "pack")

    def __init__(self, maker: Invocation, pack: _Pack) -> None:
        self.maker = maker
        self.pack = pack
        self._verdict: tuple[str | None, str, str, bool] | None = None

    def verdict(self, ctx: Context) -> tuple[str | None, str, str, bool]:
        """(credential file, its name in the archive, the folder packed, unknown)."""
        if self._verdict is None:
            self._verdict = _packed_secret(self.pack, ctx)
        return self._verdict


def _holds(archive: str, wanted: list[str], skipped: tuple[list[str], bool], wildcards: bool,
           cwd: str | None, made: dict[str, _Made],
           ctx: Context) -> tuple[str | None, _Made | None, bool]:
    """(protected member, the earlier packing it comes from, could not be listed) for the
    members of ``archive`` that a command prints: those ``wanted`` (all when none is named),
    minus those matching a pattern of ``skipped`` (with whether a pattern must match the
    whole name, as unzip's do, or may match its last components, as tar's do)."""
    patterns, whole = skipped

    def chosen(name: str) -> bool:
        return _selected(name, wanted, wildcards) and not any(
            _tar_matches(name.removeprefix("./"), p.removeprefix("./"), whole)
            for p in patterns)

    rec = made.get(archive)
    if rec is not None:
        hit, member, _folder, unknown = rec.verdict(ctx)
        if hit is not None and chosen(member):
            return member, rec, False
        if unknown:
            return None, rec, True
        if rec.maker.name != "zip":
            return None, None, False  # packed anew without a credential file
    if not os.path.exists(archive):
        return None, None, False
    names = _archive_members(archive)
    if names is None:
        return None, None, True
    for n in names:
        if chosen(n) and _member_secret(n, cwd, ctx):
            return n, None, False
    return None, None, False


def _extracts_to_stdout(inv: Invocation, ctx: Context
                        ) -> tuple[Word | None, list[Word], tuple[list[str], bool],
                                   bool] | None:
    """(archive, member names given, patterns of members left out and whether they match
    whole names, wildcards) for a command
    that prints archive members: ``tar xOf x.tgz [NAMES]`` (``--to-stdout``,
    ``--to-command``), ``unzip -p|-c x.zip [NAMES] [-x NAMES]``, ``7z e -so x.7z``; None for
    any other. An archive read from standard input is the file redirected or ``cat`` into
    it."""
    name = inv.name
    archive: Word | None = None
    wanted: list[Word] = []
    skipped: list[str] = []
    whole = True
    wildcards = False
    if name in _TAR_NAMES:
        p = _parse_tar(inv, ctx)
        if p.mode != "x" or not p.stdout:
            return None
        archive = p.archive
        wanted = [w for w, _ in p.operands]
        skipped = [pat for pat, _ in p.excludes]
        whole = p.anchored
        wildcards = p.wildcards
        if archive is None and not _tar_default_stdout(inv):
            return None
    elif name == "unzip":
        printing = False
        ops: list[Word] = []
        skip = False
        excluded = False
        for w in inv.args:
            t = w.text
            if skip:
                skip = False
            elif t in ("-d", "-P"):
                skip = True
            elif t == "-x":
                excluded = True
            elif t.startswith("-") and len(t) > 1:
                letters = t[1:]
                if "Z" in letters or "l" in letters or "v" in letters or "t" in letters:
                    return None  # listing, testing
                printing = printing or "p" in letters or "c" in letters
            elif excluded:
                skipped.append(t)
            else:
                ops.append(w)
        if not printing or not ops:
            return None
        archive, wanted, wildcards = ops[0], ops[1:], True
    elif name == "funzip":
        ops = [w for w in inv.args if not w.text.startswith("-")]
        archive = ops[0] if ops else None
    elif name in ("7z", "7za", "7zr"):
        p = _parse_7z(inv)
        if p.mode not in ("e", "x") or not p.stdout:
            return None
        archive = p.archive
        wanted = [w for w, _ in p.operands]
        wildcards = True
    else:
        return None
    if archive is None or archive.text == "-":
        archive = next((r.target for r in inv.redirects if r.op == "<"
                        and r.target is not None), None)
        if archive is None and len(inv.pipe_from) == 1:
            src = inv.pipe_from[0]
            if src.name == "cat" and len(src.args) == 1:
                archive = src.args[0]
    return archive, wanted, (skipped, whole), wildcards


def _streams_out(inv: Invocation) -> bool:
    """A (de)compressor told to write to standard output (``gzip -dc``, ``xz --stdout``)."""
    for w in inv.args:
        t = w.text
        if t in ("--stdout", "--to-stdout"):
            return True
        if t.startswith("-") and not t.startswith("--") and "c" in t[1:]:
            return True
    return False


def _reaches_terminal(inv: Invocation, consumers: dict[int, tuple[Invocation, bool]],
                      ctx: Context, depth: int = 0) -> bool:
    """Is the output of ``inv`` shown (printed as it is, encoded, decompressed, or as the
    members ``tar -xO`` unpacks from it), rather than kept in a file or handed to a program
    that does something else with it? Network clients are judged by CRED002."""
    if depth > 8:
        return True
    for r in inv.redirects:
        if r.writes and r.fd in (None, "1") and r.target is not None and \
                r.target.text not in ("/dev/stdout", "/dev/stderr", "/dev/tty"):
            return False
    entry = consumers.get(id(inv))
    if entry is None:
        return True
    consumer, piped = entry
    cname = consumer.name
    if cname is None:
        return False
    if not piped:
        return cname in ("echo", "printf") and _reaches_terminal(consumer, consumers, ctx,
                                                                  depth + 1)
    if cname in _TAR_NAMES:
        p = _parse_tar(consumer, ctx)
        return p.mode == "x" and p.stdout and _reaches_terminal(consumer, consumers, ctx,
                                                                depth + 1)
    if cname == "tee" or cname in _ARCHIVE_PRINTERS or cname in _STREAMERS or (
            cname in READERS and cname not in _NOT_REVEALING):
        return _reaches_terminal(consumer, consumers, ctx, depth + 1)
    return False


def _copy_pairs(inv: Invocation, ctx: Context) -> list[tuple[str, str]]:
    """(destination, source) for what a local copy, move or link puts where: ``cp -r . DEST``
    fills DEST with the folder's files; ``cp -r SRC DEST`` makes DEST (or ``DEST/SRC`` when
    DEST is a folder: both are kept, since an earlier part of the command may make it)."""
    name = inv.name
    if name not in ("cp", "mv", "install", "ln", "rsync"):
        return []
    targets = [w for w in write_targets(inv) if not any(r.target is w for r in inv.redirects)]
    if not targets or targets[-1].dynamic or (name == "rsync" and ":" in
                                              targets[-1].text.split("/", 1)[0]):
        return []
    dest_word = targets[-1]
    dest = ctx.resolve(dest_word.text, inv.cwd)
    if dest is None:
        return []
    sources = [w for w in read_targets(inv) if w is not dest_word and not w.dynamic
               and not any(r.target is w for r in inv.redirects)]
    out: list[tuple[str, str]] = []
    for w in sources[:16]:
        if name == "rsync" and ":" in w.text.split("/", 1)[0]:
            continue
        src = ctx.resolve(w.text, inv.cwd)
        if src is None:
            continue
        contents = w.text.rstrip("/").rsplit("/", 1)[-1] == "." or (
            name == "rsync" and w.text.endswith("/"))
        inside = posixpath.join(dest, posixpath.basename(src))
        if contents:
            out.append((dest, src))
            continue
        out.append((inside, src))
        if len(sources) == 1 and not dest_word.text.endswith("/"):
            out.append((dest, src))
    return out


def _moved(path: str, copies: list[tuple[str, str, Invocation]]) -> tuple[str, str,
                                                                         Invocation] | None:
    """(the source ``path`` is a copy of, the copy's root, the copying command) when an
    earlier part of the command put a copy there (the deepest such copy, followed back)."""
    found: tuple[str, str, Invocation] | None = None
    for _ in range(8):
        best: tuple[str, str, Invocation] | None = None
        for dest, src, how in copies:
            if (path == dest or path.startswith(dest.rstrip("/") + "/")) and (
                    best is None or len(dest) > len(best[1])):
                best = (src + path[len(dest):], dest, how)
        if best is None:
            break
        path = best[0]
        found = best if found is None else (best[0], found[1], found[2])
    return found


def _translated(inv: Invocation, copies: list[tuple[str, str, Invocation]], ctx: Context,
                depth: int = 0) -> tuple[Invocation, str, Invocation] | None:
    """``inv`` with the paths that lie in a copy made earlier in the command put back at the
    original (its folder, its operands, the commands whose output it is handed), with the
    copy's root and its maker; None when nothing it names is such a copy."""
    from railguard.model import Redirect as _R

    cwd = inv.cwd
    root: tuple[str, Invocation] | None = None
    if cwd is not None:
        hit = _moved(cwd, copies)
        if hit is not None:
            cwd, root = hit[0], (hit[1], hit[2])

    def feeding(invs: list[Invocation]) -> list[Invocation]:
        nonlocal root
        out = []
        for src in invs:
            moved = _translated(src, copies, ctx, depth + 1) if depth < 4 else None
            if moved is not None:
                root = root or (moved[1], moved[2])
            out.append(moved[0] if moved is not None else src)
        return out

    def word(w: Word) -> Word:
        nonlocal root
        if w.sub:
            sub = feeding(w.sub)
            text = w.text
            head = _listing_prefix(text)
            path = ctx.resolve(head, inv.cwd) if head else None
            hit = _moved(path, copies) if path else None
            if head and hit is not None:  # ``/tmp/x/$(ls -a /tmp/x)``
                root = root or (hit[1], hit[2])
                text = hit[0].rstrip("/") + "/" + text[len(head):].lstrip("/")
            if text != w.text or any(a is not b for a, b in zip(sub, w.sub, strict=True)):
                return Word(text, w.dynamic, w.glob, sub)
        if w.dynamic or w.text.startswith("-") or (
                inv.cwd is None and not w.text.startswith(("/", "~"))):
            return w
        path = ctx.resolve(w.text, inv.cwd)
        if path is None:
            return w
        hit = _moved(path, copies)
        if hit is None:
            return w
        root = root or (hit[1], hit[2])
        return Word(hit[0], False, w.glob, w.sub)

    argv = [inv.argv[0], *(word(w) for w in inv.argv[1:])]
    redirects = [_R(r.op, word(r.target) if r.target is not None and r.op == "<" else r.target,
                    r.fd) for r in inv.redirects]
    pipe_from = feeding(inv.pipe_from)
    if root is None:
        return None
    moved = Invocation(argv, cwd=cwd, env=inv.env, redirects=redirects,
                       stdin_text=inv.stdin_text, pipe_from=pipe_from, via=inv.via,
                       remote=inv.remote, source=inv.source,
                       inputs_dynamic=inv.inputs_dynamic)
    return moved, root[0], root[1]


def _read_findings(inv: Invocation, ctx: Context) -> list[Finding]:
    """The checks of a single command that find a credential file read."""
    name = inv.name
    if name is None:
        return []
    out = _reads(inv, name, ctx) or _other_reads(inv, name, ctx) or \
        _script_reads(inv, name, ctx)
    if not out and name == "find":
        out = _find(inv, ctx)
    if not out and (name in _RECURSIVE_GREP or name in _GREP):
        out = _recursive_grep(inv, name, inv.args, ctx)
    return [f for f in out if f.rule_id in ("CRED001", "CRED002")]


#: credentials._indirect_reads calls in here when one of these runs (a printer or a streamer
#: only with an archive among its files)
_SEQUENCE_PROGRAMS = _PACKERS | _ARCHIVE_PRINTERS | _STREAMERS


def sequence_reads(invocations: list[Invocation], consumers: dict[int, tuple[Invocation,
                                                                             bool]],
                    ctx: Context) -> list[Finding]:
    """Reads that go through an archive or a copy: a folder packed to standard output and
    shown (``tar czf - . | base64``, ``zip -r - . | cat``), archive members printed (``tar
    xOf x.tgz``, ``unzip -p x.zip``, ``zcat x.tgz``) when one is a credential file, and reads
    of what an earlier part of the same command packed (``tar czf /tmp/b.tgz . && tar xOzf
    /tmp/b.tgz``) or copied (``cp -r . /tmp/x && grep -r KEY /tmp/x``). The commands are
    taken in the order they run."""
    if not any(inv.name in _SEQUENCE_PROGRAMS for inv in invocations):
        return []
    made: dict[str, _Made] = {}
    copies: list[tuple[str, str, Invocation]] = []
    for inv in invocations:
        name = inv.name
        if name is None or inv.remote:
            continue
        judged = inv
        through = ""
        if copies:
            moved = _translated(inv, copies, ctx)
            if moved is not None and not _read_findings(inv, ctx):  # else judged as it is
                judged = moved[0]
                origin = _moved(moved[1], copies)
                through = (f" ({ctx.rel(moved[1])} is the copy of "
                           f"{ctx.rel(origin[0] if origin else moved[1])} that "
                           f"`{moved[2].display()}` makes earlier in this command)")
                for f in _read_findings(judged, ctx):
                    return [Finding(f.rule_id, f"`{inv.display()}` reads "
                                    f"{ctx.rel(moved[1])}, the copy of "
                                    f"{ctx.rel(origin[0] if origin else moved[1])} that "
                                    f"`{moved[2].display()}` makes earlier in this command; "
                                    f"judged on the original: {f.message}", subject=f.subject)]
        if name in _SEQUENCE_PROGRAMS:
            found = _archive_read(inv, judged, consumers, made, ctx, through)
            if found is not None:
                return [found]
            _remember(inv, judged, consumers, made, copies, ctx)
    return []


def _archive_read(inv: Invocation, judged: Invocation,
                  consumers: dict[int, tuple[Invocation, bool]], made: dict[str, _Made],
                  ctx: Context, through: str) -> Finding | None:
    name = judged.name or ""
    shown = inv.display()
    pack = _pack_of(judged, ctx)
    if pack is not None and _packs_to_stdout(pack, judged) and \
            _reaches_terminal(inv, consumers, ctx):
        hit, _member, folder, unknown = _packed_secret(pack, ctx)
        if hit is not None:
            return Finding("CRED001", f"`{shown}` writes an archive of {ctx.rel(folder)} to "
                           f"standard output, where it is shown, and {ctx.rel(hit)} (a "
                           f"credential file) is in it{through}", subject=hit)
        if unknown:
            return Finding("CRED009", f"`{shown}` writes an archive to standard output, "
                           "where it is shown, of files known only at run time: whether a "
                           f"credential file is among them cannot be checked{through}",
                           subject=name)
    extracted = _extracts_to_stdout(judged, ctx)
    archives: list[tuple[Word, list[Word], tuple[list[str], bool], bool]] = []
    if extracted is not None:
        archive, wanted, skipped, wildcards = extracted
        for w in wanted:
            if not w.dynamic and _member_secret(w.text, judged.cwd, ctx, glob=True):
                where = f" from {archive.text}" if archive is not None else ""
                return Finding("CRED001", f"`{shown}` prints {w.text} (a credential file)"
                               f"{where}{through}", subject=w.text)
        if archive is not None:
            archives.append((archive, wanted, skipped, wildcards))
    elif (name in _ARCHIVE_PRINTERS or (name in _STREAMERS and _streams_out(judged))) and \
            _reaches_terminal(inv, consumers, ctx):
        ops = read_targets(judged)
        if name not in READERS:
            ops += [w for w in judged.args if not w.text.startswith("-")]
        archives.extend((w, [], ([], True), False) for w in ops[:8])
    for archive, wanted, skipped, wildcards in archives:
        if archive.dynamic:
            continue
        path = ctx.resolve(archive.text, judged.cwd)
        if path is None:
            continue
        inside, rec, unlisted = _holds(path, [w.text for w in wanted if not w.dynamic],
                                       skipped, wildcards, judged.cwd, made, ctx)
        if inside is not None:
            if rec is not None:
                hit, _member, folder, _unknown = rec.verdict(ctx)
                return Finding("CRED001", f"`{shown}` prints the archive {ctx.rel(path)} that "
                               f"`{rec.maker.display()}` packs earlier in this command from "
                               f"{ctx.rel(folder)}, and {inside} (a credential file) is in "
                               f"it{through}", subject=hit or inside)
            return Finding("CRED001", f"`{shown}` prints the members of {ctx.rel(path)}, and "
                           f"{inside} (a credential file) is one of them{through}",
                           subject=inside)
        if unlisted:
            what = ("packed earlier in this command from files known only at run time"
                    if rec is not None else "which could not be listed here (too large, "
                    "damaged, or a format the standard library does not read)")
            return Finding("CRED009", f"`{shown}` prints the members of {ctx.rel(path)}, "
                           f"{what}: whether a credential file is among them cannot be "
                           f"checked{through}", subject=path)
    return None


def _remember(inv: Invocation, judged: Invocation,
              consumers: dict[int, tuple[Invocation, bool]], made: dict[str, _Made],
              copies: list[tuple[str, str, Invocation]], ctx: Context) -> None:
    """Note the archive or the copy a command makes, for the commands after it."""
    for dest, src in _copy_pairs(judged, ctx):
        copies.append((dest, src, inv))
        rec = made.get(src)
        if rec is not None:
            made[dest] = rec  # ``cp /tmp/b.tgz /tmp/c.tgz``
    pack = _pack_of(judged, ctx)
    if pack is None:
        return
    if pack.kind == "tar" and pack.mode == "x" and not pack.stdout:
        copies.extend((dest, src, inv) for dest, src in _unpacked(pack, judged, made, ctx))
        return
    target: str | None = None
    if pack.mode in ("c", "a", "r", "u"):
        if pack.archive is not None and pack.archive.text != "-":
            if not pack.archive.dynamic:
                target = ctx.resolve(pack.archive.text, judged.cwd)
        elif _packs_to_stdout(pack, judged):
            target = _stdout_file(inv, consumers, ctx)
    if target is not None:
        made[target] = _Made(inv, pack)


def _unpacked(p: _Pack, inv: Invocation, made: dict[str, _Made],
              ctx: Context) -> list[tuple[str, str]]:
    """(destination, source) for a tar extraction whose archive this command packs (``tar cf
    - . | tar xf - -C /tmp/x``, ``tar czf b.tgz . && tar xzf b.tgz -C /tmp/x``): each packed
    operand lands below the folder extracted into under the name tar stored."""
    maker: _Pack | None = None
    if p.archive is None or p.archive.text == "-":
        if len(inv.pipe_from) == 1:
            feeder = inv.pipe_from[0]
            packed = _pack_of(feeder, ctx)
            if packed is not None and _packs_to_stdout(packed, feeder):
                maker = packed
    elif not p.archive.dynamic:
        path = ctx.resolve(p.archive.text, inv.cwd)
        rec = made.get(path) if path else None
        maker = rec.pack if rec is not None else None
    into = p.directory
    if maker is None or into is None or maker.kind != "tar":
        return []
    out: list[tuple[str, str]] = []
    for w, base in maker.operands[:16]:
        if w.dynamic or base is None:
            continue
        src = ctx.resolve(w.text, base)
        if src is not None:
            out.append((posixpath.normpath(posixpath.join(into, w.text.lstrip("/"))), src))
    return out


def _stdout_file(inv: Invocation, consumers: dict[int, tuple[Invocation, bool]],
                 ctx: Context) -> str | None:
    """The file standard output goes to: redirected (``tar cf - . > b.tar``) or after one
    compressor (``tar cf - . | gzip > b.tgz``)."""
    for _ in range(2):
        for r in inv.redirects:
            if r.writes and r.fd in (None, "1") and r.target is not None and \
                    not r.target.dynamic:
                return ctx.resolve(r.target.text, inv.cwd)
        entry = consumers.get(id(inv))
        if entry is None or not entry[1] or entry[0].name not in _STREAMERS:
            return None
        inv = entry[0]
    return None
