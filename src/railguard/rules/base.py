"""What a rule is, and what a rule sees.

A rule pack is a module with ``RULES`` (the catalogue: id, title, verdict, why, safer way,
examples) and one or both checkers:

- ``on_invocation(inv, ctx)`` for each command a shell call would run; the pack's ``PROGRAMS``
  (a set of program names, or None for every program) says which invocations it wants;
- ``on_action(action, ctx)`` for the call itself (a file read, a write, a fetch, an MCP call).

Checkers yield :class:`~railguard.model.Finding` objects naming a rule id of their pack; the
engine gives each its verdict (the rule's default or the user's override).
"""

from __future__ import annotations

import posixpath

from railguard.globmatch import fnmatchcase, glob_match
from railguard.model import Finding, Verdict
from railguard.shell import paths as P

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from railguard.config import Config
    from railguard.model import Action, Invocation, Word


class Example:
    """A call that is also a test: a Bash command, or another tool with its input."""

    __slots__ = ("command", "tool", "tool_input")

    def __init__(self, command: str | None = None, tool: str = "Bash",
                 **tool_input: object) -> None:
        self.command = command
        self.tool = tool
        if command is not None:
            tool_input = {"command": command, **tool_input}
        self.tool_input = tool_input

    def __repr__(self) -> str:
        if self.tool == "Bash":
            return repr(self.command)
        return f"{self.tool}({self.tool_input!r})"


def _examples(items: Iterable[str | Example]) -> tuple[Example, ...]:
    return tuple(i if isinstance(i, Example) else Example(i) for i in items)


class Rule:
    """One rule of the catalogue."""

    __slots__ = ("_bad", "_good", "id", "instead", "pack", "title", "verdict", "why")

    def __init__(
        self,
        id: str,
        title: str,
        verdict: Verdict,
        *,
        why: str,
        instead: str,
        bad: Iterable[str | Example] = (),
        good: Iterable[str | Example] = (),
        pack: str = "",
    ) -> None:
        self.id = id
        self.title = title
        self.verdict = verdict
        self.why = why
        self.instead = instead
        # kept as given: the examples are for tests and docs, and building a thousand Example
        # objects on every hook start costs milliseconds
        self._bad = bad
        self._good = good
        self.pack = pack

    @property
    def bad(self) -> tuple[Example, ...]:
        """Calls this rule must flag."""
        return _examples(self._bad)

    @property
    def good(self) -> tuple[Example, ...]:
        """Calls this rule must not flag (the ordinary ones a naive guard would)."""
        return _examples(self._good)

    def __repr__(self) -> str:
        return f"Rule({self.id}, {self.verdict.label})"


class Context:
    """What checkers know about the call: where it runs, the user's policy, path helpers."""

    __slots__ = ("action", "config", "paths")

    def __init__(self, action: Action, config: Config, paths: P.PathContext) -> None:
        self.action = action
        self.config = config
        self.paths = paths

    @property
    def home(self) -> str:
        return self.paths.home

    @property
    def project(self) -> str | None:
        return self.paths.project

    def resolve(self, text: str, cwd: str | None) -> str | None:
        return P.resolve(text, cwd, self.paths.home)

    def classify(self, word: Word, cwd: str | None) -> str:
        return P.classify(word.text, cwd, self.paths, dynamic=word.dynamic)

    def classify_path(self, path: str) -> str:
        return P.classify(path, None, self.paths)

    def rel(self, path: str) -> str:
        """A path as a user would like to read it: relative to the project or ``~``."""
        project = self.paths.project
        if project and (path == project or path.startswith(project + "/")):
            return posixpath.relpath(path, project)
        home = self.paths.home
        if path == home or path.startswith(home + "/"):
            return "~" + path[len(home) :]
        return path

    def matches(self, path: str, patterns: Iterable[str]) -> str | None:
        """The first gitignore-style pattern that ``path`` (absolute) matches, if any.

        A pattern without a slash matches the base name at any depth (``.env``, ``*.pem``); one
        with a slash matches the whole path, relative to the project (``config/*.key``), to
        home (``~/.ssh/**``) or absolute (``/etc/shadow``). ``**`` spans directories; a pattern
        that names a directory also covers everything below it.
        """
        base = path.rsplit("/", 1)[-1]
        for pat in patterns:
            neg = pat.startswith("!")
            if neg:
                continue
            if "/" not in pat.rstrip("/"):
                if fnmatchcase(base, pat):
                    return pat
                # a directory name pattern covers what is inside it
                parts = path.split("/")
                if any(fnmatchcase(p, pat.rstrip("/")) for p in parts[:-1]):
                    return pat
                continue
            full = _anchor(pat, self.paths).rstrip("/")
            if _path_match(path, full):
                return pat
        return None


def _path_match(path: str, full: str) -> bool:
    """``path`` is ``full`` or inside it; plain patterns skip the regex (start-up matters)."""
    if full.endswith("/**"):
        full = full[:-3]
    if not any(c in full for c in "*?["):
        return path == full or path.startswith(full + "/")
    if full.startswith("**/") and not any(c in full[3:] for c in "*?["):
        rest = full[3:]
        return path.endswith("/" + rest) or ("/" + rest + "/") in path
    return glob_match(path, full) or glob_match(path, full + "/**")


def _anchor(pat: str, paths: P.PathContext) -> str:
    if pat.startswith("~/"):
        return paths.home + pat[1:]
    if pat.startswith("//"):
        return pat[1:]
    if pat.startswith("/"):
        return pat
    if pat.startswith("**/"):
        return pat
    root = paths.project or "/"
    rel = pat[2:] if pat.startswith("./") else pat
    return root.rstrip("/") + "/" + rel


def finding(rule_id: str, message: str, subject: str = "", instead: str | None = None) -> Finding:
    return Finding(rule_id, message, subject=subject, instead=instead)


def in_script(inv: Invocation) -> bool:
    """Was this invocation found inside a script file (not typed by the agent)?"""
    return any(v.startswith("script ") for v in inv.via)


def run_git(args: list[str], cwd: str, *, stdin: bytes | None = None,
            timeout: float = 5) -> tuple[int, bytes] | None:
    """``git ARGS`` in ``cwd`` for a fact a rule needs: (exit code, standard output), or None
    when git cannot be run or is too slow. Nothing a repository or the environment configures
    runs with it: no file-system monitor, no external diff or text conversion, and none of the
    caller's ``GIT_*`` variables (which could point git at another repository)."""
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items()
           if not k.startswith("GIT_") or k in ("GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM")}
    argv = ["git", "-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false",
            "-c", "diff.external=", *args]
    try:
        done = subprocess.run(argv, cwd=cwd, env=env, input=stdin,
                              stdin=None if stdin is not None else subprocess.DEVNULL,
                              capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return done.returncode, done.stdout
