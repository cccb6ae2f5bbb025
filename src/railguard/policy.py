"""The user's extra rules, in Claude Code's permission-rule syntax.

``Bash(npm run test *)``, ``Bash(git push:*)``, ``Read(./secrets/**)``, ``Edit(/infra/**)``,
``WebFetch(domain:*.prod.example.com)``, ``mcp__db__execute_sql``, ``WebSearch``. Paths mean
what they mean in Claude Code: ``//abs/path``, ``~/in/home``, ``/in/project``, ``./in/project``.

Unlike a prefix match on the raw text, a ``Bash(...)`` rule is matched against every command the
call would run after unwrapping (``sudo``, ``env``, ``bash -c``, ``cd x &&`` ...), so
``Bash(git push *)`` also catches ``cd repo && sudo git push``. ``git -C dir push`` is matched as
``git push`` too: global options of git are dropped before matching.
"""

from __future__ import annotations

TYPE_CHECKING = False
if not TYPE_CHECKING:
    from railguard.lazyre import re
if TYPE_CHECKING:
    import re

    from railguard.model import Action, Invocation
    from railguard.rules.base import Context

TOOLS = {
    "Bash", "Read", "Edit", "Write", "MultiEdit", "NotebookEdit", "Glob", "Grep", "WebFetch",
    "WebSearch", "Agent", "Task", "PowerShell",
}
_RULE = re.compile(r"^(?P<tool>[A-Za-z_][\w*-]*)(?:\((?P<spec>.*)\))?$", re.S)


def parse_permission(text: str) -> tuple[str, str | None]:
    m = _RULE.match(text.strip())
    if not m:
        raise ValueError(f"not a permission rule: {text!r} (expected e.g. 'Bash(git push *)')")
    tool = m.group("tool")
    spec = m.group("spec")
    if not tool.startswith("mcp__") and tool not in TOOLS:
        raise ValueError(f"unknown tool {tool!r} in rule {text!r}")
    if tool == "WebFetch" and spec is not None and spec != "*" and not spec.startswith("domain:"):
        raise ValueError(f"WebFetch rules take 'domain:HOST', got {text!r}")
    return tool, spec


def claude_path_pattern(spec: str, project: str) -> str:
    """A ``Read(...)``/``Edit(...)`` path spec in Claude Code's meaning, for ``Context.matches``.

    ``//etc/x`` is absolute, ``~/x`` is in the home directory, ``/infra/**`` and ``./secrets/**``
    are relative to the project (where the settings live), and a bare ``*.pem`` or ``.env``
    matches that name at any depth (gitignore style).
    """
    if spec.startswith(("//", "~/")):
        return spec
    if spec.startswith("/"):
        return project.rstrip("/") + spec
    if spec.startswith("./"):
        return project.rstrip("/") + spec[1:]
    return spec


def _wild(spec: str) -> re.Pattern[str]:
    """Claude's Bash pattern: ``*`` anywhere, ``:*`` a trailing wildcard, ``x *`` a word edge."""
    if spec.endswith(":*"):
        spec = spec[:-2] + " *"
    parts = spec.split("*")
    rx = ".*".join(re.escape(p) for p in parts)
    if spec.endswith(" *"):
        # "ls *" matches "ls" alone and "ls -la", never "lsof"
        rx = rx[: -len(re.escape(" ") + ".*")] + r"(?:\s.*)?"
    return re.compile(rx + r"\Z", re.S)


_GIT_GLOBAL_VALUED = {"-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path"}


def _command_text(inv: Invocation) -> str:
    words = inv.texts
    if words and inv.name:
        words = [inv.name, *words[1:]]
    if inv.name == "git":
        out = [words[0]]
        i = 1
        while i < len(words) and words[i].startswith("-"):
            if words[i] in _GIT_GLOBAL_VALUED:
                i += 1
            i += 1
        words = out + words[i:]
    return " ".join(words)


def _host_of(url: str) -> str:
    m = re.match(r"^[a-zA-Z][\w+.-]*://([^/?#]*)", url)
    host = m.group(1) if m else url.split("/", 1)[0]
    host = host.rsplit("@", 1)[-1]
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.split(":", 1)[0].lower()


def host_matches(host: str, pattern: str) -> bool:
    pattern = pattern.lower()
    if pattern == "*":
        return True
    if pattern.startswith("*."):
        return host.endswith(pattern[1:])
    if "*" in pattern:
        rx = "^" + r"[^.]*".join(re.escape(p) for p in pattern.split("*")) + "$"
        return re.match(rx, host) is not None
    return host == pattern


def matches(rule: str, action: Action, invocations: list[Invocation], ctx: Context,
            every: bool = False) -> bool:
    """Does a permission rule match this call?

    With ``every`` (allow rules) each command of a shell call must match, as in Claude Code;
    otherwise (deny and ask rules) one matching command is enough.
    """
    tool, spec = parse_permission(rule)
    name = action.tool
    if tool.startswith("mcp__"):
        if not name.startswith("mcp__"):
            return False
        pat = tool
        if pat.endswith("__*") or pat.endswith("*"):
            return name.startswith(pat.rstrip("*"))
        return name == pat or name.startswith(pat + "__")
    if tool == "Bash":
        if action.kind != "shell":
            return False
        if spec is None or spec == "*":
            return True
        rx = _wild(spec)
        texts = [_command_text(i) for i in invocations]
        if not texts:
            texts = [(action.command or "").strip()]
        hits = [bool(rx.match(t)) for t in texts]
        return all(hits) if every else any(hits) or bool(rx.match((action.command or "").strip()))
    if tool in ("Read", "Edit"):
        kinds = {"Read": ("read", "search"), "Edit": ("write", "edit")}[tool]
        if action.kind not in kinds:
            return False
        if spec is None or spec in ("*", "**"):
            return True
        path = action.path
        if not path:
            return False
        pats = [claude_path_pattern(spec, ctx.project or action.cwd)]
        if ctx.matches(path, pats) is not None:
            return True
        # a Glob/Grep rooted at a folder the rule covers as a whole (``secrets/**``) reads it
        return action.kind == "search" and ctx.matches(path.rstrip("/") + "/_", pats) is not None
    if tool == "WebFetch":
        if action.kind != "fetch":
            return False
        if spec is None or spec == "*":
            return True
        host = _host_of(action.url or "")
        return host_matches(host, spec.removeprefix("domain:"))
    if tool in ("Agent", "Task"):
        if action.kind != "agent":
            return False
        return spec is None or spec == "*" or action.args.get("subagent_type") == spec
    # Write, Glob, Grep, WebSearch, NotebookEdit, MultiEdit, PowerShell: by tool name
    return name == tool or (tool == "Task" and name == "Agent")
