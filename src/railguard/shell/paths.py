"""Paths by meaning: resolve a target against the working directory and say what it is.

Classes, from worst to harmless:

- ``critical``: ``/``, system directories, the home directory and its key folders (``~/.ssh``,
  ``~/.aws`` ...), the project root or any of its parents, a ``.git`` directory, the contents of
  one of those (``/*``, ``~/*``, ``*`` in the project root).
- ``outside``: anywhere else outside the project and the temp directories.
- ``unknown``: not knowable statically (``$DIR``, a relative path after ``cd $X``).
- ``inside``: in the project.
- ``disposable``: in the project, under a build output or cache folder (``node_modules``,
  ``dist``, ``__pycache__`` ...); configurable.
- ``temp``: under ``/tmp``, ``/var/tmp`` or ``$TMPDIR`` (the temp directory itself is critical).
"""

from __future__ import annotations

import os
import posixpath

CRITICAL = "critical"
OUTSIDE = "outside"
UNKNOWN = "unknown"
INSIDE = "inside"
DISPOSABLE = "disposable"
TEMP = "temp"

SYSTEM_DIRS = frozenset(
    ["/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/media", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/snap", "/srv", "/sys", "/usr", "/var", "/Applications", "/Library", "/System", "/Users", "/Volumes", "/private", "/private/etc", "/private/var", "/nix", "/cores"]
)
#: below these, everything is critical, not only the directory itself
SYSTEM_TREES = ("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/proc", "/sbin",
                "/sys", "/usr", "/System", "/Library", "/private/etc", "/var/lib", "/var/log",
                "/nix/store")
HOME_CRITICAL = frozenset(
    [".ssh", ".gnupg", ".aws", ".azure", ".kube", ".docker", ".config", ".local", ".gcloud", ".password-store", ".terraform.d", "Documents", "Desktop", "Pictures", "Library"]
)
DEFAULT_TEMP_DIRS = ("/tmp", "/var/tmp", "/private/tmp", "/dev/shm", "/private/var/tmp")
DEFAULT_DISPOSABLE = frozenset(
    ["node_modules", "dist", "build", "out", "target", "coverage", "htmlcov", ".coverage", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".tox", ".nox", ".cache", ".parcel-cache", ".next", ".nuxt", ".svelte-kit", ".turbo", ".vite", ".gradle", ".eggs", "tmp", "temp", ".tmp", ".sass-cache", "bower_components", ".angular", ".expo", ".serverless", ".terraform-cache", ".hypothesis", "site-packages", ".venv", "venv", "env",
     # generators', test runners', native and mobile toolchains' outputs and caches
     "_site", "storybook-static", "playwright-report", "test-results", ".dart_tool",
     "Pods", "DerivedData", "zig-out", "zig-cache", ".zig-cache", "cmake-build-debug",
     "cmake-build-release", ".docusaurus", ".astro", ".vercel", ".netlify", ".pnpm-store",
     ".stack-work", "dist-newstyle", ".elixir_ls", ".ipynb_checkpoints", ".jekyll-cache",
     ".aws-sam", "cdk.out", ".terragrunt-cache", ".nyc_output", ".eslintcache", ".jest-cache",
     ".nx", "out-tsc", ".direnv",
     # providers and modules ``terraform init`` downloads, and its backend settings; the
     # state itself is never kept there
     ".terraform"]
)
GLOB_CHARS = frozenset("*?[")


class PathContext:
    """What a path is judged against: home, project root, temp dirs, disposable names."""

    __slots__ = ("_real", "disposable", "home", "project", "temp_dirs")

    def __init__(
        self,
        home: str,
        project: str | None,
        temp_dirs: tuple[str, ...] | None = None,
        disposable: frozenset[str] | None = None,
    ) -> None:
        self.home = posixpath.normpath(home) if home else "/root"
        self.project = posixpath.normpath(project) if project else None
        if temp_dirs is None:
            extra = os.environ.get("TMPDIR", "").rstrip("/")
            temp_dirs = DEFAULT_TEMP_DIRS + ((posixpath.normpath(extra),) if extra else ())
        self.temp_dirs = temp_dirs
        self.disposable = DEFAULT_DISPOSABLE if disposable is None else disposable
        self._real: PathContext | None = None

    def real(self) -> PathContext:
        """The same context with symbolic links resolved in its own folders (a project under
        a linked home, ``/tmp`` that is ``/private/tmp``), to judge physical paths against."""
        if self._real is None:
            rp = os.path.realpath
            self._real = PathContext(
                rp(self.home), rp(self.project) if self.project else None,
                tuple(dict.fromkeys((*self.temp_dirs, *(rp(t) for t in self.temp_dirs)))),
                self.disposable)
            self._real._real = self._real
        return self._real


def expand_user(text: str, home: str) -> str:
    if text == "~" or text.startswith("~/"):
        return home + text[1:]
    for var in ("$HOME", "${HOME}"):
        if text == var or text.startswith(var + "/"):
            return home + text[len(var) :]
    return text


def _absolute(text: str, cwd: str | None, home: str) -> str | None:
    """A path as written, made absolute (not normalised), or None when cwd is unknown."""
    text = expand_user(text, home)
    if not text:
        return None
    if not text.startswith("/"):
        if cwd is None:
            return None
        text = cwd + "/" + text
    return text


def resolve(text: str, cwd: str | None, home: str) -> str | None:
    """Absolute, normalised form of a path as written, or None when cwd is unknown."""
    absolute = _absolute(text, cwd, home)
    if absolute is None:
        return None
    out = posixpath.normpath(absolute)
    if out.startswith("//"):
        out = "/" + out.lstrip("/")
    return out


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def has_glob(text: str) -> bool:
    """Glob characters, or ``{}``: the entries ``find -exec`` hands over (a filtered glob)."""
    return any(c in GLOB_CHARS for c in text) or text.endswith("/{}")


def classify_abs(path: str, ctx: PathContext) -> str:
    """Class of an absolute, normalised path without globs."""
    if path == "/":
        return CRITICAL
    parts = path.split("/")
    if ".git" in parts:
        return CRITICAL
    project = ctx.project
    home = ctx.home
    if project is not None and _under(home, project) and (
            _under(home, path) or (_under(path, home) and path[len(home) + 1 :].split(
                "/", 1)[0] in HOME_CRITICAL)):
        # a project that is home or holds it (the agent started in ~ or /): home, its
        # parents and its key folders stay critical inside it
        return CRITICAL
    if project is not None:
        if _under(project, path):  # the project root or one of its parents
            return CRITICAL
        if _under(path, project):
            rel = path[len(project) + 1 :].split("/")
            if any(p in ctx.disposable for p in rel):
                return DISPOSABLE
            return INSIDE
    # home before the temp dirs: a home that lives under /tmp (a CI runner, a sandbox) is
    # still a home
    if _under(home, path):  # home or one of its parents
        return CRITICAL
    if _under(path, home):
        first = path[len(home) + 1 :].split("/", 1)[0]
        if first in HOME_CRITICAL:
            return CRITICAL
        return OUTSIDE
    if path in ctx.temp_dirs:  # $TMPDIR may itself lie under /tmp
        return CRITICAL
    if any(_under(path, tmp) for tmp in ctx.temp_dirs):
        return TEMP
    if path in SYSTEM_DIRS:
        return CRITICAL
    for tree in SYSTEM_TREES:
        if _under(path, tree):
            return CRITICAL
    return OUTSIDE


#: globs with brackets or braces that name every entry of a directory (the others are
#: wildcards and dots only: see :func:`every_entry`)
_EVERY_ENTRY = frozenset({"{*,.*}", ".[!.]*", "[!.]*"})


def every_entry(last: str) -> bool:
    """Whether a glob, the last part of a path, names every entry of its directory (``*``,
    ``.*``, ``*.*``, ``**``, ``.??*``, ``?*``): wildcards and dots only, with a ``*``."""
    if last in _EVERY_ENTRY:
        return True
    return "*" in last and not last.strip("*?.")


#: classes from the worst to the most harmless
_SEVERITY = (CRITICAL, OUTSIDE, UNKNOWN, INSIDE, DISPOSABLE, TEMP)


def through_link(text: str, cwd: str | None, home: str) -> str | None:
    """The physical path a written path leads to when it goes through a symbolic link, else
    None. A link in a folder part is followed (``link/x``, ``link/../x``: ``..`` is taken from
    the link's target, as the kernel does), and so is a link named with a trailing slash
    (``rm -rf link/`` empties the folder the link points to); a link named bare is the link
    itself, which ``rm`` removes without touching its target. Globs stay as written."""
    absolute = _absolute(text, cwd, home)
    if absolute is None:
        return None
    text = absolute
    if text.startswith(("/dev/", "/proc/")):
        return None  # their links (/dev/fd, /dev/stdout) depend on the process that opens them
    parts = text.split("/")
    glob_at = next((i for i, p in enumerate(parts) if has_glob(p)), None)
    if glob_at is not None:
        fixed, rest = "/".join(parts[:glob_at]) or "/", "/".join(parts[glob_at:])
        real = os.path.realpath(fixed)
        physical = real.rstrip("/") + "/" + rest
        lexical = posixpath.normpath(fixed).rstrip("/") + "/" + rest
    else:
        stripped = text.rstrip("/")
        head, _, last = stripped.rpartition("/")
        if text.endswith("/") or last in (".", ".."):
            physical = os.path.realpath(text)
        else:
            physical = posixpath.join(os.path.realpath(head or "/"), last)
        lexical = posixpath.normpath(text)
    if physical == lexical:
        return None
    return physical


def classify(text: str, cwd: str | None, ctx: PathContext, *, dynamic: bool = False) -> str:
    """Class of a path as written in a command (relative, ``~``, globs).

    A path that goes through a symbolic link is judged by the worse of where it is written
    and where it leads (see :func:`through_link`)."""
    cls = _classify(text, cwd, ctx, dynamic=dynamic)
    if dynamic or cls == CRITICAL:
        return cls
    try:
        physical = through_link(text, cwd, ctx.home)
    except (OSError, ValueError):  # a loop of links, an unreadable folder, a NUL byte
        return cls
    if physical is None:
        if "/.." in text and _missing_before_dotdot(text, cwd, ctx.home):
            return min(cls, UNKNOWN, key=_SEVERITY.index)
        return cls
    other = _classify(physical, None, ctx.real())
    return min(cls, other, key=_SEVERITY.index)


def _missing_before_dotdot(text: str, cwd: str | None, home: str) -> bool:
    """Whether a ``..`` follows a name that does not exist yet in a folder that does
    (``/tmp/new/../other``). The kernel takes ``..`` from wherever that name leads when the
    command runs, so a link made there first (by the same command, or by anyone in a shared
    folder such as /tmp) moves the path anywhere: it cannot be known before it runs."""
    absolute = _absolute(text, cwd, home)
    if absolute is None:
        return False
    parts = absolute.split("/")
    try:
        for i in range(2, len(parts)):
            if parts[i] != ".." or parts[i - 1] in ("", ".", ".."):
                continue
            name = "/".join(parts[:i])
            if has_glob(name):
                return False  # judged as the glob it is
            if not os.path.lexists(name) and os.path.isdir("/".join(parts[: i - 1]) or "/"):
                return True
    except (OSError, ValueError):  # a NUL byte, a name too long
        return True
    return False


def _classify(text: str, cwd: str | None, ctx: PathContext, *, dynamic: bool = False) -> str:
    if dynamic:
        # ``$TMPDIR/x`` and ``${TMPDIR:-/tmp}/x`` were already expanded by the word evaluator.
        # An unknown last component under a known folder is judged by that folder when even
        # its emptiest value is harmless there (``/tmp/$(whoami)-build``, ``dist/$V``);
        # anything else is unknowable.
        head, sep, last = text.rpartition("/")
        if sep and head and "$" not in head and "`" not in head:
            base = resolve(head, cwd, ctx.home)
            if base is not None:
                cls = classify_abs(base, ctx)
                if cls == DISPOSABLE:
                    return DISPOSABLE
                if cls == TEMP or base in ctx.temp_dirs:
                    return TEMP
        return UNKNOWN
    path = resolve(text, cwd, ctx.home)
    if path is None:
        return UNKNOWN
    if not has_glob(path):
        return classify_abs(path, ctx)
    # A glob: judge the directory it expands in. ``dir/*`` (every entry) is as bad as ``dir``
    # itself when dir is critical; ``dir/*.log`` is the class of an entry of dir.
    head, _, last = path.rpartition("/")
    head = head or "/"
    if has_glob(head):
        # a glob in the middle of the path: judge the fixed prefix
        fixed = head.split("/")
        prefix = []
        for part in fixed:
            if has_glob(part):
                break
            prefix.append(part)
        head = "/".join(prefix) or "/"
        rest = [*fixed[len(prefix) :], last]
        if head in ctx.temp_dirs and not every_entry(rest[0]):
            return TEMP  # /tmp/pytest-of-*/x: inside entries named by a prefix
        if not all(every_entry(part) for part in rest):
            return _named_below(head, rest, ctx)
        last = "*"
    if head in ctx.temp_dirs:
        # An entry of /tmp is temporary by definition; every entry at once is also other
        # programs' and other sessions' files (sockets, locks, their work), so outside the
        # project, and critical when the project or home lives there.
        if not every_entry(last):
            return TEMP
        if any(inner is not None and _under(inner, head) for inner in (ctx.project, ctx.home)):
            return CRITICAL
        return OUTSIDE
    base = classify_abs(head, ctx)
    if every_entry(last):
        if base == CRITICAL:
            return CRITICAL
        if ctx.project is not None and head == ctx.project:
            return CRITICAL
        return base
    if base == CRITICAL:
        # entries of a critical directory, filtered by name: system trees stay critical, a
        # filtered entry of home or the project root is an ordinary outside/inside path
        if ctx.project is not None and head == ctx.project:
            return INSIDE
        if head == ctx.home:
            return OUTSIDE
        return CRITICAL
    return base


def _named_below(head: str, rest: list[str], ctx: PathContext) -> str:
    """The class of ``head/*/name`` (a glob in the middle, entries below chosen by name):
    ``*/__pycache__`` is a cache, ``*/src`` project files, ``*/.git`` and ``.*/id_rsa`` under
    home critical; below a system directory (``/*/lib``) always critical."""
    base = classify_abs(head, ctx)
    if base == CRITICAL and head not in (ctx.project, ctx.home) and head not in ctx.temp_dirs:
        return CRITICAL
    from railguard.globmatch import fnmatchcase

    for part in rest:
        if has_glob(part) and part.startswith("."):
            # only a pattern written with its leading dot matches dot entries
            if fnmatchcase(".git", part):
                return CRITICAL
            if head == ctx.home and any(fnmatchcase(n, part) for n in HOME_CRITICAL):
                return CRITICAL
    if head in ctx.temp_dirs:
        return OUTSIDE  # inside every entry of /tmp: other programs' and sessions' files too
    # one entry of the kind the pattern names, standing for all of them
    return classify_abs(head.rstrip("/") + "/" + "/".join(
        "\0" if has_glob(part) else part for part in rest), ctx)


#: device nodes that hold no data: writing, truncating or "formatting" them loses nothing
_HARMLESS_DEV = frozenset(("/dev/null", "/dev/zero", "/dev/random", "/dev/urandom", "/dev/full",
                           "/dev/stdout", "/dev/stderr", "/dev/stdin", "/dev/tty",
                           "/dev/console", "/dev/kmsg", "/dev/log", "/dev/ptmx"))
_HARMLESS_DEV_TREES = ("/dev/fd/", "/dev/pts/", "/dev/shm/", "/dev/tcp/", "/dev/udp/",
                       "/dev/tty", "/dev/cu.", "/dev/snd/", "/dev/input/", "/dev/video",
                       "/dev/dri/", "/dev/bus/", "/dev/net/", "/dev/mqueue/", "/dev/hugepages/")


def is_device(path: str) -> bool:
    """A block or character device that holds data (a disk, not /dev/null, a tty or a socket)."""
    if not path.startswith("/dev/") or path in _HARMLESS_DEV:
        return False
    return not path.startswith(_HARMLESS_DEV_TREES)
