"""Where the bytes come from: files (respecting .gitignore), staged blobs, diffs, history, stdin.

Each source yields :class:`Blob` objects: a display path, the bytes to scan and, for diffs, the
real line number of every scanned line (only added lines are scanned).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

#: directories never walked outside a git work tree
IGNORED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv",
                          ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache"})


class GitError(Exception):
    pass


class Blob:
    __slots__ = ("commit", "data", "line_map", "path")

    def __init__(self, path: str, data: bytes, line_map: list[int] | None = None,
                 commit: str | None = None) -> None:
        self.path = path
        self.data = data
        self.line_map = line_map  # scanned line i (0-based) is real line line_map[i]
        self.commit = commit


def git(cwd: str, *args: str, input: bytes | None = None) -> bytes:
    import subprocess

    try:
        r = subprocess.run(["git", *args], cwd=cwd, input=input, capture_output=True,
                           check=False)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc}") from exc
    if r.returncode != 0:
        raise GitError(r.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return r.stdout


def _maybe_git(path: str) -> bool:
    """Cheap pre-check: is there a .git (dir or file) in ``path`` or above it?"""
    p = os.path.abspath(path)
    while True:
        if os.path.exists(os.path.join(p, ".git")):
            return True
        parent = os.path.dirname(p)
        if parent == p:
            return bool(os.environ.get("GIT_DIR"))
        p = parent


def work_tree(path: str) -> str | None:
    if not _maybe_git(path):
        return None
    try:
        out = git(path, "rev-parse", "--show-toplevel")
    except GitError:
        return None
    return out.decode().strip() or None


def list_files(paths: list[str]) -> Iterator[str]:
    """Files under ``paths``: ``git ls-files`` in a work tree (tracked + untracked, not ignored),
    a walk that skips :data:`IGNORED_DIRS` elsewhere. A file named explicitly is always listed."""
    for p in paths:
        if os.path.isfile(p):
            yield p
            continue
        if not os.path.isdir(p):
            continue
        if work_tree(p) is not None:
            try:
                out = git(p, "ls-files", "-co", "--exclude-standard", "-z")
            except GitError:
                out = None
            if out is not None:
                for rel in out.split(b"\0"):
                    if rel:
                        yield os.path.join(p, os.fsdecode(rel))
                continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if d not in IGNORED_DIRS)
            for f in sorted(files):
                yield os.path.join(root, f)


def _cat_file_batch(cwd: str, specs: list[str]) -> Iterator[tuple[str, bytes | None]]:
    """Contents of ``specs`` (``:path``, ``rev:path``) through one ``git cat-file --batch``."""
    if not specs:
        return
    out = git(cwd, "cat-file", "--batch", input="".join(s + "\n" for s in specs).encode())
    pos = 0
    for spec in specs:
        nl = out.index(b"\n", pos)
        header = out[pos:nl].split()
        pos = nl + 1
        if len(header) < 3 or header[1] == b"missing":
            yield spec, None
            continue
        size = int(header[2])
        yield spec, out[pos:pos + size] if header[1] == b"blob" else None
        pos += size + 1


def staged(cwd: str) -> Iterator[Blob]:
    """The staged content of every added, copied, modified or renamed file (not the work tree)."""
    top = work_tree(cwd)
    if top is None:
        raise GitError(f"not a git work tree: {cwd}")
    names = git(top, "diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR").split(b"\0")
    rels = [os.fsdecode(n) for n in names if n]
    for spec, data in _cat_file_batch(top, [":" + r for r in rels]):
        if data is not None:
            yield Blob(os.path.relpath(os.path.join(top, spec[1:])), data)


def _parse_patch(out: bytes, rel_base: str) -> Iterator[Blob]:
    """Added lines of a unified diff (``-U0`` or not), grouped per file and commit."""
    commit: str | None = None
    path: str | None = None
    lines: list[bytes] = []
    line_map: list[int] = []
    new_line = 0

    def flush() -> Iterator[Blob]:
        if path is not None and lines:
            yield Blob(os.path.relpath(os.path.join(rel_base, path)), b"\n".join(lines) + b"\n",
                       list(line_map), commit)

    for raw in out.split(b"\n"):
        if raw.startswith(b"\0commit "):
            yield from flush()
            path, lines, line_map = None, [], []
            commit = raw[8:].decode().strip()
        elif raw.startswith(b"diff --git "):
            yield from flush()
            path, lines, line_map = None, [], []
        elif raw.startswith(b"+++ "):
            target = raw[4:].rstrip(b"\t")
            path = None if target == b"/dev/null" else os.fsdecode(
                target[2:] if target.startswith(b"b/") else target)
        elif raw.startswith(b"@@"):
            try:
                plus = raw.split(b" +", 1)[1].split(b" ", 1)[0]
                new_line = int(plus.split(b",")[0])
            except (IndexError, ValueError):
                new_line = 0
        elif raw.startswith(b"+") and path is not None:
            lines.append(raw[1:])
            line_map.append(new_line)
            new_line += 1
        elif raw.startswith(b" "):
            new_line += 1
    yield from flush()


_DIFF_OPTS = ("--no-color", "--no-ext-diff", "--no-textconv", "-U0", "--no-renames")


def diff(cwd: str, rev: str) -> Iterator[Blob]:
    """Added lines between ``REV`` and the work tree, or in ``A..B``."""
    top = work_tree(cwd)
    if top is None:
        raise GitError(f"not a git work tree: {cwd}")
    args = rev.split("..", 1) if ".." in rev and "..." not in rev else [rev]
    args = [a or "HEAD" for a in args]
    out = git(top, "diff", *_DIFF_OPTS, *args, "--")
    yield from _parse_patch(out, top)


def history(cwd: str, rev: str | None = None) -> Iterator[Blob]:
    """Added lines of every commit (all refs, or those reachable from ``rev``)."""
    top = work_tree(cwd)
    if top is None:
        raise GitError(f"not a git work tree: {cwd}")
    refs = [rev] if rev else ["--all"]
    out = git(top, "log", "-p", *_DIFF_OPTS, "--format=%x00commit %H", *refs, "--")
    yield from _parse_patch(out, top)
