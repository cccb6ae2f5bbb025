"""The self_protection pack: the agent cannot switch off its own guard.

A guard that the guarded can edit is no guard. This pack keeps the agent from changing what
decides about it: the agent's hook settings (``.claude/settings*.json``, ``.claude/hooks``), git
hooks and the pre-commit configuration, railguard's own configuration (``.railguard.toml``, the
``[tool.railguard]`` table of ``pyproject.toml``, the user file) and state (one-time grants), and
from uninstalling railguard or granting itself an exception with ``railguard allow``.
Reading all of these stays allowed.
"""

from __future__ import annotations

import os
import posixpath

from railguard.model import Finding, Verdict
from railguard.rules.base import Example, Rule
from railguard.shell.effects import read_targets, write_targets

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from railguard.model import Action, Invocation, Word
    from railguard.rules.base import Context

RULES = [
    Rule(
        "SELF001", "Agent hook settings changed", Verdict.DENY,
        why="The agent's settings (`.claude/settings.json`, `.claude/settings.local.json`, "
            "`~/.claude/settings.json`) and hook scripts (`.claude/hooks`) decide which hooks "
            "run; changing or removing them, or putting back an older version from git "
            "(`git checkout HEAD~5 -- .claude/settings.json`), can switch off railguard and "
            "every other check.",
        instead="Leave the agent's settings to the user. If a setting must change, tell the "
                "user what to change and why.",
        bad=["echo '{}' > .claude/settings.json", "rm .claude/settings.json",
             "mv .claude/settings.json /tmp/", "sed -i 's/railguard//' .claude/settings.json",
             "rm -rf .claude", "git checkout HEAD~5 -- .claude/settings.json",
             "git restore --source HEAD~2 .claude/settings.json",
             Example(tool="Write", file_path=".claude/settings.json", content="{}"),
             Example(tool="Edit", file_path=".claude/settings.json",
                     old_string="deny", new_string="allow")],
        good=["cat .claude/settings.json", "ls .claude",
              Example(tool="Read", file_path=".claude/settings.json"),
              "jq . .claude/settings.json", "git restore --staged .claude/settings.json"],
    ),
    Rule(
        "SELF002", "Git hooks or pre-commit configuration changed", Verdict.DENY,
        why="Git hooks (`.git/hooks`) and `.pre-commit-config.yaml` run the project's checks "
            "(secret scanning, tests) before each commit; changing, removing or disabling them "
            "(`pre-commit uninstall`, `chmod -x .git/hooks/*`) lets anything through.",
        instead="Fix what the hook reports instead of the hook. Adding a hook to "
                "`.pre-commit-config.yaml` is the user's call: propose the change.",
        bad=["rm .git/hooks/pre-commit", "chmod -x .git/hooks/pre-commit",
             "echo 'exit 0' > .git/hooks/pre-commit", "pre-commit uninstall",
             "rm -rf .git/hooks",
             Example(tool="Write", file_path=".git/hooks/pre-commit", content="exit 0\n")],
        good=["cat .git/hooks/pre-commit.sample", "pre-commit run --all-files",
              "pre-commit install", "ls .git/hooks",
              Example(tool="Write", file_path=".pre-commit-config.yaml", content="repos: []\n")],
    ),
    Rule(
        "SELF003", "railguard's configuration or state changed", Verdict.DENY,
        why="`.railguard.toml`, the `[tool.railguard]` table of `pyproject.toml`, the user's "
            "`~/.config/railguard/config.toml` and railguard's state (one-time grants) decide "
            "what the agent may do; the agent changing them would grant itself permissions.",
        instead="Tell the user which rule stands in the way and why; only they change "
                "railguard's policy (or run `railguard allow --once RULE`). Other tables of "
                "`pyproject.toml` can be changed with the Edit tool, which shows railguard "
                "exactly what changes.",
        bad=["echo 'allow_safe = true' > .railguard.toml", "rm .railguard.toml",
             "rm -rf ~/.local/state/railguard", "echo '[]' > ~/.config/railguard/config.toml",
             Example(tool="Write", file_path=".railguard.toml", content="[rules]\n"),
             Example(tool="Write", file_path="pyproject.toml",
                     content="[tool.railguard.rules]\ndisable = [\"CRED\"]\n")],
        good=["cat .railguard.toml", "railguard check -- ls",
              Example(tool="Read", file_path=".railguard.toml"),
              Example(tool="Write", file_path="pyproject.toml",
                      content="[project]\nname = \"app\"\n")],
    ),
    Rule(
        "SELF004", "railguard uninstalled", Verdict.DENY,
        why="Uninstalling railguard (`pip uninstall railguard`, `pipx uninstall railguard`, "
            "`uv tool uninstall railguard`) removes the guard; the hook then fails and the "
            "agent's settings point at nothing.",
        instead="Leave railguard installed. If it is in the way, tell the user which rule and "
                "why.",
        bad=["pip uninstall railguard", "pip3 uninstall -y railguard",
             "python -m pip uninstall railguard", "uv pip uninstall railguard",
             "pipx uninstall railguard", "uv tool uninstall railguard"],
        good=["pip uninstall -y requests", "pip install railguard", "pip show railguard"],
    ),
    Rule(
        "SELF005", "railguard's own exceptions granted by the agent", Verdict.DENY,
        why="`railguard allow --once RULE` and `railguard uninstall-git-hooks` are for the "
            "human at the keyboard: an agent running them would lift the very rule that "
            "stopped it.",
        instead="Tell the user what you wanted to do and why; they can run `railguard allow "
                "--once RULE` themselves.",
        bad=["railguard allow --once CRED001", "railguard allow --once GIT001 --for 10m",
             "python -m railguard allow --once FS001", "railguard uninstall-git-hooks",
             "railguard tf state infra --accept"],
        good=["railguard check -- git status", "railguard rules", "railguard explain CRED001",
              "railguard tf state infra"],
    ),
]

# --- where the guard lives ------------------------------------------------------------------

#: relative to the project (any depth for ``.git/hooks``)
AGENT_PATHS = (".claude/settings*.json", ".claude/hooks", "~/.claude/settings*.json",
               "~/.claude/hooks", "/etc/claude-code/managed-settings.json",
               "/Library/Application Support/ClaudeCode")
GIT_HOOK_PATHS = ("**/.git/hooks", ".pre-commit-config.yaml")
CONFIG_PATHS = (".railguard.toml",)

_DELETERS = frozenset("rm unlink rmdir shred srm trash trash-put gio".split())
_UNINSTALLERS = {"pip": "pip", "pip3": "pip", "pipx": "pipx"}


def _user_dirs(ctx: Context) -> list[str]:
    from railguard.config import user_config_path
    from railguard.state import state_dir

    return [posixpath.dirname(user_config_path(ctx.home)), state_dir()]


def _anchored(patterns: tuple[str, ...], ctx: Context) -> list[str]:
    """Project-relative patterns made absolute (``.claude/x`` -> ``/project/.claude/x``)."""
    project = ctx.project
    out = []
    for p in patterns:
        if p.startswith(("/", "~/", "**/")):
            out.append(p)
        elif project:
            out.append(project.rstrip("/") + "/" + p)
    return out


def guard_of(path: str, ctx: Context) -> tuple[str, str] | None:
    """(rule id, what it is) when ``path`` is one of the guard's files, else None."""
    if ctx.matches(path, _anchored(AGENT_PATHS, ctx)):
        return "SELF001", "the agent's hook settings"
    if ctx.matches(path, _anchored(GIT_HOOK_PATHS, ctx)):
        if path.endswith("/.pre-commit-config.yaml"):
            return "SELF002", "the pre-commit configuration"
        return "SELF002", "the git hooks"
    if ctx.matches(path, _anchored(CONFIG_PATHS, ctx)):
        return "SELF003", "railguard's configuration"
    for d in _user_dirs(ctx):
        if path == d or path.startswith(d + "/"):
            return "SELF003", "railguard's configuration and state"
    return None


def _guard_below(path: str, ctx: Context) -> tuple[str, str] | None:
    """A folder that holds guard files (``.claude``, ``~/.config``), removed as a whole."""
    project = ctx.project
    home = ctx.home
    if path in (home, project, "/") or not (
            (project and path.startswith(project + "/")) or path.startswith(home + "/")):
        return None  # the filesystem pack speaks for the home and project roots
    places = [home + "/.claude/settings.json", *(d + "/x" for d in _user_dirs(ctx))]
    if project:
        places += [project + "/.claude/settings.json", project + "/.git/hooks/x",
                   project + "/.pre-commit-config.yaml", project + "/.railguard.toml"]
    for place in places:
        if place.startswith(path + "/"):
            return guard_of(place, ctx)
    return None


def _table(text: str | bytes | None) -> object:
    """The ``[tool.railguard]`` table of a pyproject text; a marker when unreadable."""
    if text is None:
        return None
    raw = text.encode("utf-8", "replace") if isinstance(text, str) else text
    if b"railguard" not in raw:
        return None
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8", "replace"))
    except (tomllib.TOMLDecodeError, ValueError):
        return "<unreadable>" if b"tool.railguard" in raw else None
    tool = data.get("tool")
    return tool.get("railguard") if isinstance(tool, dict) else None


def _disk(path: str) -> bytes | None:
    import stat

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as fh:
            return fh.read(4 * 1024 * 1024)
    except OSError:
        return None


def _is_pyproject(path: str, ctx: Context) -> bool:
    return path.endswith("/pyproject.toml") and ctx.project is not None and \
        path == ctx.project + "/pyproject.toml"


# --- tool calls -----------------------------------------------------------------------------


def on_action(action: Action, invocations: list[Invocation], ctx: Context) -> Iterable[Finding]:
    kind = action.kind
    path = action.path
    if kind not in ("write", "edit") or not path:
        return ()
    if _is_pyproject(path, ctx):
        return _pyproject_tool(action, path, ctx)
    hit = guard_of(path, ctx)
    if hit is None:
        return ()
    rule_id, what = hit
    if kind == "write" and path.endswith("/.pre-commit-config.yaml") and not os.path.lexists(path):
        return ()  # adding the checks to a project that had none
    verb = "edits" if kind == "edit" else ("overwrites" if os.path.exists(path) else "creates")
    return (Finding(rule_id, f"{action.tool} {verb} {ctx.rel(path)} ({what})", subject=path),)


def _pyproject_tool(action: Action, path: str, ctx: Context) -> list[Finding]:
    old = _disk(path)
    before = _table(old)
    if action.kind == "write":
        after = _table(action.content or "")
    else:
        text = (old or b"").decode("utf-8", "replace")
        edits = action.args.get("edits")
        if not isinstance(edits, list):
            edits = [action.args]
        for e in edits:
            if not isinstance(e, dict):
                continue
            o, n = e.get("old_string"), e.get("new_string")
            if not isinstance(o, str) or not isinstance(n, str) or not o or o not in text:
                return []  # the edit would fail: nothing changes
            text = text.replace(o, n) if e.get("replace_all") else text.replace(o, n, 1)
        after = _table(text)
    if before == after:
        return []
    return [Finding("SELF003", f"{action.tool} changes the [tool.railguard] table of "
                    f"{ctx.rel(path)} (railguard's configuration)", subject=path)]


# --- shell ----------------------------------------------------------------------------------

PROGRAMS = None  # any program may write or delete a guard file


def _changed(inv: Invocation, name: str) -> list[Word]:
    """What the invocation writes or changes, ``chmod -x FILE`` included."""
    if name not in ("chmod", "chown", "chgrp"):
        return write_targets(inv)
    ops = [w for w in inv.args if not w.text.startswith("-") or w.text == "-"]
    dash_mode = any(w.text.startswith("-") and len(w.text) > 1 and
                    all(c in "rwxXst" for c in w.text[1:]) for w in inv.args)
    return ops if dash_mode and name == "chmod" else ops[1:]


def _deleted(inv: Invocation, name: str) -> list[Word]:
    if name in _DELETERS:
        args = inv.args
        if name == "gio":
            if not args or args[0].text not in ("trash", "remove"):
                return []
            args = args[1:]
        out = []
        after = False
        for w in args:
            if after or not w.text.startswith("-"):
                out.append(w)
            elif w.text == "--":
                after = True
        return out
    if name == "mv":
        return list(read_targets(inv))
    if name == "find":
        from railguard.shell.find import parse_find

        walk = parse_find(inv.args)
        return walk.roots if "-delete" in walk.kinds else []
    return []


def on_invocation(inv: Invocation, ctx: Context) -> Iterable[Finding]:
    name = inv.name
    if name is None or inv.remote:
        return ()
    out: list[Finding] = []
    shown = inv.display()
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    for w in _changed(inv, name):
        path = _path(w, inv.cwd, ctx)
        if path is None:
            continue
        if _is_pyproject(path, ctx):
            f = _pyproject_shell(inv, w, path, ctx)
            if f is not None:
                out.append(f)
            continue
        hit = guard_of(path, ctx)
        if hit is None:
            continue
        if path.endswith("/.pre-commit-config.yaml") and not os.path.lexists(path):
            continue
        out.append(Finding(hit[0], f"`{shown}` changes {ctx.rel(path)} ({hit[1]}){via}",
                           subject=path))
        break
    for w in _deleted(inv, name):
        path = _path(w, inv.cwd, ctx)
        if path is None:
            continue
        hit = guard_of(path, ctx) or _guard_below(path, ctx)
        if hit is None and _is_pyproject(path, ctx) and _table(_disk(path)) is not None:
            hit = ("SELF003", "it holds railguard's configuration")
        if hit is None:
            continue
        verb = "moves away" if name == "mv" else "deletes"
        out.append(Finding(hit[0], f"`{shown}` {verb} {ctx.rel(path)} ({hit[1]}){via}",
                           subject=path))
        break
    if not out and (name == "git" or name in ("git-checkout", "git-restore")):
        for path, source in git_restored(inv, ctx):
            hit = guard_of(path, ctx) or _guard_below(path, ctx)
            if hit is None or (path.endswith("/.pre-commit-config.yaml")
                               and not os.path.lexists(path)):
                continue
            if source is None and not os.path.isdir(path) and not worktree_differs(path):
                continue  # restoring from the index a file that has no changes: a no-op
            where = f"the version in {source}" if source else "the staged version"
            out.append(Finding(hit[0], f"`{shown}` replaces {ctx.rel(path)} ({hit[1]}) with "
                               f"{where}{via}", subject=path))
            break
    out.extend(_commands(inv, name, shown, via))
    return out


def git_restored(inv: Invocation, ctx: Context) -> list[tuple[str, str | None]]:
    """Working-tree files a ``git checkout [TREE] -- PATH`` or ``git restore [--source TREE]
    PATH`` overwrites, each with the tree it comes from (None: the index)."""
    from railguard.rules.git import read_call

    call = read_call(inv, ctx)
    if call is None or call.sub not in ("checkout", "restore") or call.cwd is None:
        return []
    args = call.args
    source: str | None = None
    paths: list[Word] = []
    if call.sub == "restore":
        staged = worktree = False
        i = 0
        while i < len(args):
            t = args[i].text
            if t in ("-s", "--source") and i + 1 < len(args):
                source = args[i + 1].text
                i += 2
                continue
            if t.startswith("--source="):
                source = t.split("=", 1)[1]
            elif t.startswith("-s") and len(t) > 2:
                source = t[2:]
            elif t in ("-S", "--staged"):
                staged = True
            elif t in ("-W", "--worktree"):
                worktree = True
            elif t == "--":
                paths.extend(args[i + 1 :])
                break
            elif not t.startswith("-"):
                paths.append(args[i])
            i += 1
        if staged and not worktree:
            return []  # only the index changes
    else:
        texts = [w.text for w in args]
        if any(t in ("-b", "-B", "--orphan", "-p", "--patch") for t in texts):
            return []
        if "--" in texts:
            k = texts.index("--")
            before = [w for w in args[:k] if not w.text.startswith("-")]
            source = before[0].text if before else None
            paths = args[k + 1 :]
        else:
            ops = [w for w in args if not w.text.startswith("-")]
            if len(ops) >= 2:
                source = ops[0].text
                paths = ops[1:]
            elif len(ops) == 1:
                path = ctx.resolve(ops[0].text, call.cwd)
                if path is not None and os.path.lexists(path):
                    paths = ops
    out: list[tuple[str, str | None]] = []
    for w in paths:
        path = _path(w, call.cwd, ctx)
        if path is not None:
            out.append((path, source))
    return out


def worktree_differs(path: str) -> bool:
    """Does the file differ from its staged version (so restoring it changes it)? True when
    git cannot tell."""
    import subprocess

    folder = os.path.dirname(path)
    try:
        proc = subprocess.run(["git", "-C", folder, "diff", "--quiet", "--", path],
                              capture_output=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return True
    return proc.returncode != 0


def _path(w: Word, cwd: str | None, ctx: Context) -> str | None:
    text = w.text
    if w.dynamic and ("/" not in text or "$" in text.rsplit("/", 1)[-1]):
        return None
    return ctx.resolve(text, cwd)


def _pyproject_shell(inv: Invocation, w: Word, path: str, ctx: Context) -> Finding | None:
    if _table(_disk(path)) is None:
        return None
    # a shell edit cannot be seen in advance: it may change the table
    return Finding("SELF003", f"`{inv.display()}` changes {ctx.rel(path)}, which holds "
                   "railguard's configuration (use the Edit tool for its other tables)",
                   subject=path)


def _commands(inv: Invocation, name: str, shown: str, via: str) -> list[Finding]:
    words = [w.text for w in inv.args]
    plain = [t for t in words if not t.startswith("-")]
    # python -m pip / python -m railguard
    if name.startswith(("python", "pypy")) and "-m" in words:
        i = words.index("-m")
        if i + 1 < len(words):
            name = words[i + 1]
            words = words[i + 2 :]
            plain = [t for t in words if not t.startswith("-")]
    elif name.startswith("python") and words[:1] and words[0].startswith("-m"):
        name = words[0][2:]
        words = words[1:]
        plain = [t for t in words if not t.startswith("-")]
    if name in ("pre-commit", "prek") and plain[:1] == ["uninstall"]:
        return [Finding("SELF002", f"`{shown}` removes the pre-commit git hooks{via}")]
    tool = _UNINSTALLERS.get(name)
    target = None
    if tool is not None and plain[:1] == ["uninstall"]:
        target = plain[1:]
    elif name == "uv" and (plain[:2] == ["pip", "uninstall"] or plain[:2] == ["tool",
                                                                               "uninstall"]):
        target = plain[2:]
    elif name in ("pipx",) and plain[:1] == ["uninstall-all"]:
        target = ["railguard"]
    elif name in ("brew",) and plain[:1] in (["uninstall"], ["remove"]):
        target = plain[1:]
    if target and any(t.lower().split("[", 1)[0].split("==", 1)[0] == "railguard"
                      for t in target):
        return [Finding("SELF004", f"`{shown}` uninstalls railguard{via}")]
    if name == "railguard" and plain[:1] and plain[0] in ("allow", "uninstall-git-hooks"):
        return [Finding("SELF005", f"`{shown}` is a command for the user, not the agent{via}")]
    if name == "railguard" and plain[:2] == ["tf", "state"] and "--accept" in words:
        # recording a state as known-good vouches for it: a person's call
        return [Finding("SELF005", f"`{shown}` vouches for a Terraform state; that is for the "
                        f"user, not the agent{via}")]
    return []
