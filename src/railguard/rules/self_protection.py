"""The self_protection pack: the agent cannot switch off its own guard.

A guard that the guarded can edit is no guard. This pack keeps the agent from changing what
decides about it: the agent's hook settings (``.claude/settings*.json``, ``.claude/hooks``), git
hooks and the pre-commit configuration, railguard's own configuration (``.railguard.toml``, the
``[tool.railguard]`` table of ``pyproject.toml``, the user file) and state (one-time grants),
from uninstalling, replacing or editing railguard's program, and from granting itself an
exception with ``railguard allow``. Reading all of these stays allowed.

A shell write to ``pyproject.toml`` whose text the command shows (echo, printf, a heredoc) is
judged by the ``[tool.railguard]`` table before and after; one whose text cannot be seen is
denied while the file holds the table (or when it may bring one in). Besides the writers the
shared effects table knows, this pack follows ``git rm``/``git mv``/``git stash -- PATH``,
patches (``patch``, ``git apply``), in-place editors (``ex``, ``sponge``, ``yq -i``, ...) and
copies or extractions into a folder that holds guard files.
"""

from __future__ import annotations

import os
import posixpath

from railguard.model import Finding, Verdict, Word
from railguard.rules.base import Example, Rule
from railguard.shell.effects import python_extraction, read_targets, write_targets

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from railguard.model import Action, Invocation
    from railguard.rules.base import Context
    from railguard.rules.git import GitCall

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
             "git rm -r .claude", "git stash push -u -- .claude",
             "ex -sc '%d|x' .claude/settings.json",
             "jq 'del(.hooks)' .claude/settings.json | sponge .claude/settings.json",
             "rsync -a /tmp/x/ .claude/", "unzip -o x.zip -d .claude",
             "rm .claude/*", "rm .claude/s*", "cp /tmp/d/* .claude/",
             "git stash -u", "git stash push --all",
             Example(tool="Write", file_path=".claude/settings.json", content="{}"),
             Example(tool="Edit", file_path=".claude/settings.json",
                     old_string="deny", new_string="allow")],
        good=["cat .claude/settings.json", "ls .claude",
              Example(tool="Read", file_path=".claude/settings.json"),
              "jq . .claude/settings.json", "git restore --staged .claude/settings.json",
              "git add .claude/settings.json", "git rm --cached .claude/settings.json",
              "cp review.md .claude/commands/", "unzip -l x.zip .claude/settings.json",
              "rm .claude/*.md", "cp /tmp/d/*.md .claude/", "git stash"],
    ),
    Rule(
        "SELF002", "Git hooks or pre-commit configuration changed", Verdict.DENY,
        why="Git hooks (`.git/hooks`, husky's `.husky/`) and the hook managers' "
            "configuration (`.pre-commit-config.yaml`, `lefthook.yml`) run the project's "
            "checks (secret scanning, tests) before each commit; changing, removing or "
            "disabling them (`pre-commit uninstall`, `chmod -x .git/hooks/*`, `exit 0` in "
            "`.husky/pre-commit`) lets anything through. A project that has none may gain "
            "them: a first `.pre-commit-config.yaml` or `lefthook.yml`, or a new script in "
            "`.husky/`, only adds checks (a new `lefthook-local.yml` can skip them).",
        instead="Fix what the hook reports instead of the hook. Changing the hooks or their "
                "configuration is the user's call: propose the change.",
        bad=["rm .git/hooks/pre-commit", "chmod -x .git/hooks/pre-commit",
             "echo 'exit 0' > .git/hooks/pre-commit", "pre-commit uninstall",
             "rm -rf .git/hooks", "git rm .git/hooks/pre-commit",
             "cp -r /tmp/x/. .git/hooks/", "rm .git/hooks/*",
             "echo '[core]hooksPath=/x' >> .git/config",
             Example(tool="Edit", file_path=".git/config", old_string="[core]",
                     new_string="[core]\n\thooksPath = /dev/null"),
             Example(tool="Write", file_path=".git/hooks/pre-commit", content="exit 0\n"),
             Example(tool="Edit", file_path=".husky/pre-commit", old_string="npx lint-staged",
                     new_string="exit 0"),
             Example(tool="Write", file_path="lefthook-local.yml",
                     content="pre-commit:\n  skip: true\n")],
        good=["cat .git/hooks/pre-commit.sample", "pre-commit run --all-files",
              "pre-commit install", "ls .git/hooks", "cat .husky/pre-commit",
              Example(tool="Write", file_path=".pre-commit-config.yaml", content="repos: []\n"),
              Example(tool="Write", file_path=".husky/pre-commit", content="npx lint-staged\n"),
              Example(tool="Write", file_path="lefthook.yml",
                      content="pre-commit:\n  commands:\n    lint:\n      run: npm run lint\n")],
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
             "echo '[tool.railguard.rules]' >> pyproject.toml",
             "printf '[tool.railguard]\\nallow_safe = true\\n' >> pyproject.toml",
             Example(tool="Write", file_path="pyproject.toml",
                     content="[tool.railguard.rules]\ndisable = [\"CRED\"]\n")],
        good=["cat .railguard.toml", "railguard check -- ls",
              Example(tool="Read", file_path=".railguard.toml"),
              "echo '[tool.ruff]' >> pyproject.toml",
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
    Rule(
        "SELF006", "railguard's program replaced or edited", Verdict.DENY,
        why="The hook runs the `railguard` command and the installed `railguard` package; "
            "pointing the command elsewhere (`ln -sf /bin/true ~/.local/bin/railguard`), "
            "copying over it, editing the installed code, or installing another package under "
            "its name (`pip install --force-reinstall /tmp/railguard-fork`, `pip install -e` "
            "of a folder whose project is railguard, a `railguard @ URL` or a pinned older "
            "`railguard==X`) leaves a guard that answers whatever it is told. Installing or "
            "upgrading railguard from the package index by name (`pip install -U railguard`) "
            "stays allowed: that is the published program. Editing railguard's source in a "
            "project that is railguard itself (an editable install of the project) is ordinary "
            "project work.",
        instead="Leave railguard's installation to the user. If it must be upgraded, "
                "`pip install -U railguard` installs the published release; anything else, "
                "tell the user what you need and why.",
        bad=["ln -sf /bin/true ~/.local/bin/railguard", "cp /bin/true \"$(which railguard)\"",
             "rm ~/.local/bin/railguard",
             "pip install --force-reinstall /tmp/fake-railguard",
             "uv pip install git+https://example.com/someone/railguard-fork",
             "pip install 'railguard==0.0.1'",
             "echo 'import os; os._exit(0)' > \"$(python3 -c 'import site; "
             "print(site.getsitepackages()[0])')/sitecustomize.py\""],
        good=["pip install -U railguard", "pip install requests", "pip install -e .",
              "ln -sf ~/tools/fmt ~/.local/bin/fmt", "which railguard",
              "railguard check -- ls > /tmp/verdict.txt",
              "python3 -m venv /tmp/v && /tmp/v/bin/pip install requests"],
    ),
    Rule(
        "SELF007", "git's configuration file written directly", Verdict.ASK,
        why="A repository's `.git/config` (and the user's `~/.gitconfig`) can set "
            "`core.hooksPath`, pull in another file (`include.path`, `includeIf.*.path`) that "
            "sets it, or name programs git runs (`core.fsmonitor`, `core.sshCommand`): a "
            "write that railguard cannot read as a plain `git config` call can switch off the "
            "hooks. Text that visibly sets `core.hooksPath` is denied (SELF002).",
        instead="Use `git config KEY VALUE` for the setting you need, so that the change is "
                "visible; an include file is the user's call.",
        bad=["echo '[user]' >> .git/config", "sed -i 's/x/y/' .git/config",
             "git config include.path /tmp/inc",
             "git config 'includeIf.gitdir:~/w/.path' ~/w.inc",
             Example(tool="Edit", file_path=".git/config", old_string="[core]",
                     new_string="[core]\n\tfsmonitor = /tmp/x")],
        good=["cat .git/config", "git config user.name bot", "git config --get include.path",
              "git config --list"],
    ),
    Rule(
        "SELF008", "Agent started without its guard", Verdict.DENY,
        why="The command starts another coding agent with its hooks or its approvals switched "
            "off: `claude --dangerously-skip-permissions`, `--permission-mode "
            "bypassPermissions`, `--bare`, `--settings '{\"disableAllHooks\": true}'` or a "
            "`--setting-sources` list that leaves out the file railguard's hook is in; `codex "
            "--yolo`; `gemini --yolo`. Whatever that agent then runs is not checked, so "
            "anything refused here can be done through it.",
        instead="Do the work in this session, where each call is checked, or start the other "
                "agent with its normal permissions (`claude -p \"...\"`).",
        bad=["claude -p 'clean up' --dangerously-skip-permissions",
             "claude --permission-mode bypassPermissions -p x",
             "claude --settings '{\"disableAllHooks\": true}' -p x", "claude --bare -p x",
             "claude --setting-sources local -p x",
             "npx @anthropic-ai/claude-code --dangerously-skip-permissions -p x",
             "codex exec --dangerously-bypass-approvals-and-sandbox 'fix it'",
             "codex --yolo", "gemini --yolo -p x", "gemini --approval-mode=yolo -p x",
             "cursor-agent -p x --force"],
        good=["claude -p 'summarise the diff'", "claude --version", "codex exec 'fix the test'",
              "gemini -p 'explain'", "claude --permission-mode plan -p x",
              "claude --settings ./review.json -p x"],
    ),
]

# --- where the guard lives ------------------------------------------------------------------

#: relative to the project (any depth for ``.git/hooks``)
AGENT_PATHS = (".claude/settings*.json", ".claude/hooks", "~/.claude/settings*.json",
               "~/.claude/hooks", "/etc/claude-code/managed-settings.json",
               "/Library/Application Support/ClaudeCode")
GIT_HOOK_PATHS = ("**/.git/hooks", ".pre-commit-config.yaml", ".husky", *(
    f"{dot}lefthook{local}.{ext}" for dot in ("", ".") for local in ("", "-local")
    for ext in ("yml", "yaml")))
#: hook managers' files a project may gain without losing a check: a first configuration, a
#: new hook script. lefthook's ``-local`` files are not among them: a new one can skip hooks.
_NEW_CHECKS = (".pre-commit-config.yaml", "lefthook.yml", "lefthook.yaml", ".lefthook.yml",
               ".lefthook.yaml")


def new_checks(path: str) -> bool:
    """Whether writing ``path`` only adds checks: a hook manager's file that does not exist
    yet (``.pre-commit-config.yaml``, ``lefthook.yml``, a new script in ``.husky/``)."""
    if not (path.endswith(tuple("/" + n for n in _NEW_CHECKS)) or "/.husky/" in path):
        return False
    return not os.path.lexists(path)
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
        if "lefthook" in path.rsplit("/", 1)[-1]:
            return "SELF002", "the lefthook configuration"
        if "/.husky/" in path or path.endswith("/.husky"):
            return "SELF002", "the husky git hooks"
        return "SELF002", "the git hooks"
    if ctx.matches(path, _anchored(CONFIG_PATHS, ctx)):
        return "SELF003", "railguard's configuration"
    for d in _user_dirs(ctx):
        if path == d or path.startswith(d + "/"):
            return "SELF003", "railguard's configuration and state"
    return None


def physical(path: str, ctx: Context) -> str | None:
    """Where a write to ``path`` lands when that is not ``path`` as written: through a
    symbolic link (``notes.json -> .claude/settings.json``), or under another spelling on a
    file system that ignores case (``.Claude/Settings.json`` on macOS); None otherwise."""
    real = os.path.realpath(path)
    roots = [r for r in (ctx.project, ctx.home) if r]
    if real != path:
        for root in roots:
            real_root = os.path.realpath(root)
            if real_root != root and real.startswith(real_root + "/"):
                return root + real[len(real_root) :]
        return real
    for root in roots:
        if path.startswith(root + "/"):
            folded = root + path[len(root) :].lower()
            if folded == path:
                continue
            if not os.path.lexists(path):
                # a new file: on a file system that ignores case it is created under the
                # folded spelling's name when that folder or file exists already
                if _ignores_case(root):
                    return folded
                continue
            try:
                if os.path.samefile(path, folded):
                    return folded
            except (OSError, ValueError):
                if _ignores_case(root):
                    return folded
                continue
    return None


_case: dict[str, bool] = {}


def _ignores_case(root: str) -> bool:
    """Does the file system of the folder ``root`` ignore case (macOS, Windows)? Judged once
    per folder: its own name, or an entry of it, spelled with the case swapped names the same
    file."""
    known = _case.get(root)
    if known is not None:
        return known
    answer = False
    head, name = os.path.split(root.rstrip("/"))
    candidates = [(root, head + "/" + name.swapcase())] if name.swapcase() != name else []
    if not candidates:
        try:
            entries = sorted(os.listdir(root))[:64]
        except OSError:
            entries = []
        for entry in entries:
            if entry.swapcase() != entry:
                candidates.append((root + "/" + entry, root + "/" + entry.swapcase()))
                break
    for spelled, swapped in candidates:
        try:
            answer = os.path.samefile(spelled, swapped)
        except (OSError, ValueError):
            answer = False
    _case[root] = answer
    return answer


def _guard_files(root: str, ctx: Context) -> list[str]:
    """The guard's files and folders that exist below the folder ``root`` (bounded)."""
    import glob as globmod

    places: list[str] = []
    for base in (ctx.project, ctx.home):
        if not base:
            continue
        places += sorted(globmod.glob(base + "/.claude/settings*.json"))[:8]
        for folder in (base + "/.claude/hooks", base + "/.git/hooks"):
            if os.path.isdir(folder):
                places.append(folder)
                try:
                    names = sorted(os.listdir(folder))[:64]
                except OSError:
                    names = []
                places += [folder + "/" + n for n in names if not n.endswith(".sample")]
        places += [base + "/.claude", base + "/.pre-commit-config.yaml",
                   base + "/.railguard.toml", base + "/.husky", base + "/lefthook.yml"]
    prefix = root.rstrip("/") + "/"
    return [p for p in places if p.startswith(prefix) and os.path.lexists(p)]


def _find_removed(inv: Invocation, ctx: Context) -> tuple[str, tuple[str, str]] | None:
    """``find . -name settings.json -delete`` / ``-exec rm {} +``: a guard file below a start
    point whose name (or path) the tests before the delete select."""
    from railguard.globmatch import fnmatchcase
    from railguard.shell.find import EXEC, parse_find

    walk = parse_find(inv.args)
    for action in walk.actions:
        argv = action.argv
        if not (action.kind == "-delete" or (
                action.kind in EXEC and argv and not argv[0].dynamic
                and posixpath.basename(argv[0].text) in _DELETERS)):
            continue
        guard = action.guard
        if not guard.narrowed:
            continue  # every entry: the start points are judged as deleted
        names = guard.names or ()
        patterns = guard.patterns or ()
        for root in walk.roots:
            top = _path(root, inv.cwd, ctx)
            if top is None or not os.path.isdir(top):
                continue
            for place in _guard_files(top, ctx):
                base = posixpath.basename(place)
                shown = root.text.rstrip("/") + place[len(top.rstrip("/")) :]
                if base in names or any(
                        fnmatchcase(shown if "/" in p else base, p) for p in patterns):
                    hit = guard_of(place, ctx) or _guard_below(place, ctx)
                    if hit is not None:
                        return place, hit
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
                   project + "/.pre-commit-config.yaml", project + "/.railguard.toml",
                   project + "/.husky/x"]
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
    if _git_config_of(path, ctx):
        return (_git_config_tool(action, path, ctx),)
    hit = guard_of(path, ctx) or _program_of(path, ctx, ancestors=False)
    if hit is None:
        real = physical(path, ctx)
        if real is None:
            return ()
        if _is_pyproject(real, ctx):
            return _pyproject_tool(action, real, ctx)
        if _git_config_of(real, ctx):
            return (_git_config_tool(action, real, ctx),)
        hit = guard_of(real, ctx) or _program_of(real, ctx, ancestors=False)
        if hit is None:
            return ()
        path = real
    rule_id, what = hit
    if kind == "write" and new_checks(path):
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


#: editors and in-place writers the shared effects table does not list (their operands are
#: the files they change)
_EDITORS = frozenset("""ex gvim vimdiff nvim-qt micro hx helix kak joe pico jed mg ne vis kate
    gedit mousepad zed cursor windsurf sponge""".split())


#: tools that edit a JSON, TOML or YAML file, or replace text, in place
_STRUCTURED = frozenset("tomlq yq xq toml dasel sd gawk awk".split())


def _structured(inv: Invocation, name: str) -> list[Word]:
    args = inv.args
    texts = [w.text for w in args]
    ops = [w for w in args if not w.text.startswith("-")]
    if name in ("tomlq", "yq", "xq"):
        inplace = "-i" in texts or "--in-place" in texts or any(
            t.startswith("-") and not t.startswith("--") and "i" in t for t in texts)
        return ops[1:] if inplace else []
    if name in ("awk", "gawk"):
        inplace = any(t == "inplace" or t.endswith("-i inplace") for t in texts) and (
            "-i" in texts or "--include" in texts)
        return [w for w in ops if w.text != "inplace"][1:] if inplace else []
    if name == "sd":
        return ops[2:] if "-p" not in texts and "--preview" not in texts else []
    out: list[Word] = []
    for i, t in enumerate(texts):  # toml --toml-path F / dasel -f F
        if t in ("--toml-path", "-f", "--file") and i + 1 < len(args):
            out.append(args[i + 1])
        elif t.startswith(("--toml-path=", "--file=")):
            out.append(Word(t.split("=", 1)[1], args[i].dynamic))
    if name == "dasel" and not any(t in ("put", "delete") for t in texts):
        return []
    if name == "toml" and not any(t in ("set", "unset", "add") for t in texts):
        return []
    return out


def _changed(inv: Invocation, name: str) -> list[Word]:
    """What the invocation writes or changes, ``chmod -x FILE`` included."""
    if name in _EDITORS:
        return write_targets(inv) + [w for w in inv.args if not w.text.startswith(("-", "+"))]
    if name in _STRUCTURED:
        return write_targets(inv) + _structured(inv, name)
    if name == "chattr":
        return [w for w in inv.args if not w.text.startswith(("-", "+", "="))]
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
        # tests before -delete that select by name are judged by what they select
        return walk.roots if any(a.kind == "-delete" and not a.guard.narrowed
                                 for a in walk.actions) else []
    return []


def on_invocation(inv: Invocation, ctx: Context) -> Iterable[Finding]:
    name = inv.name
    if name is None or inv.remote:
        return ()
    out: list[Finding] = []
    shown = inv.display()
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    recursive = name in ("chmod", "chown", "chgrp", "chattr", "setfacl") and any(
        a.text in ("-R", "--recursive") or (a.text.startswith("-") and not a.text.startswith(
            "--") and "R" in a.text) for a in inv.args)
    for w in _changed(inv, name):
        if w.dynamic and "railguard" in w.text:
            out.append(Finding("SELF006", f"`{shown}` writes to {w.text}, a path worked out from "
                               f"where railguard is installed{via}"))
            break
        if w.dynamic and _startup_file(w.text):
            out.append(Finding("SELF006", f"`{shown}` writes {w.text}, a Python start-up file "
                               "in a folder worked out at run time (it may be where railguard "
                               f"is installed){via}"))
            break
        found = None
        for path in _paths(w, inv.cwd, ctx):
            found = _changed_hit(inv, name, w, path, recursive, ctx)
            if found is not None:
                break
        if found is None:
            continue
        if isinstance(found, Finding):
            out.append(found)
            break
        spot, (rule_id, what) = found
        out.append(Finding(rule_id, f"`{shown}` changes {ctx.rel(spot)} ({what}){via}",
                           subject=spot))
        break
    if not out:
        for path, whole, source in _placed(inv, name, ctx):
            hit = _placed_hit(path, whole, source, ctx)
            if hit is not None:
                out.append(Finding(hit[0], f"`{shown}` writes into {ctx.rel(path)} ({hit[1]})"
                                   f"{via}", subject=path))
                break
    for w in _deleted(inv, name):
        if w.dynamic and "railguard" in w.text:
            out.append(Finding("SELF006", f"`{shown}` deletes {w.text}, a path worked out from "
                               f"where railguard is installed{via}"))
            break
        gone: tuple[str, tuple[str, str]] | None = None
        for spot in _paths(w, inv.cwd, ctx):
            removed = _deleted_hit(spot, ctx)
            if removed is None:
                real = physical(spot, ctx)
                if real is not None:
                    removed = _deleted_hit(real, ctx)
                    spot = real if removed is not None else spot
            if removed is not None:
                gone = spot, removed
                break
        if gone is None:
            continue
        spot, (rule_id, what) = gone
        verb = "moves away" if name == "mv" else "deletes"
        out.append(Finding(rule_id, f"`{shown}` {verb} {ctx.rel(spot)} ({what}){via}",
                           subject=spot))
        break
    if not out and name == "find":
        gone = _find_removed(inv, ctx)
        if gone is not None:
            path, hit = gone
            out.append(Finding(hit[0], f"`{shown}` deletes {ctx.rel(path)} ({hit[1]}), which "
                               f"its name tests select{via}", subject=path))
    if not out and name == "patch":
        for path in _patched(inv, ctx):
            hit = _hit(path, ctx)
            if hit is not None:
                out.append(Finding(hit[0], f"`{shown}` patches {ctx.rel(path)} ({hit[1]}){via}",
                                   subject=path))
                break
    if not out and (name == "git" or name in ("git-checkout", "git-restore")):
        for path, source in git_restored(inv, ctx):
            hit = guard_of(path, ctx) or _guard_below(path, ctx)
            if hit is None or new_checks(path):
                continue
            if source is None and not os.path.isdir(path) and not worktree_differs(path):
                continue  # restoring from the index a file that has no changes: a no-op
            where = f"the version in {source}" if source else "the staged version"
            out.append(Finding(hit[0], f"`{shown}` replaces {ctx.rel(path)} ({hit[1]}) with "
                               f"{where}{via}", subject=path))
            break
    if not out and name.startswith("git"):
        for path, verb in git_changed(inv, ctx):
            hit = _hit(path, ctx)
            if hit is not None:
                out.append(Finding(hit[0], f"`{shown}` {verb} {ctx.rel(path)} ({hit[1]}){via}",
                                   subject=path))
                break
    if not out and name.startswith("git"):
        out.extend(_git_extra(inv, shown, via, ctx))
    out.extend(_commands(inv, name, shown, via, ctx))
    return out


def _changed_hit(inv: Invocation, name: str, w: Word, path: str, recursive: bool,
                 ctx: Context) -> Finding | tuple[str, tuple[str, str]] | None:
    """What a path an invocation writes or changes belongs to, if it is the guard's: a ready
    finding (pyproject.toml, git's configuration) or (path, (rule id, what))."""
    if _is_pyproject(path, ctx):
        return _pyproject_shell(inv, w, path, ctx)
    if _git_config_of(path, ctx):
        return _git_config_shell(inv, w, path, ctx)
    hit = guard_of(path, ctx) or _program_of(path, ctx, ancestors=recursive)
    if hit is None and not (name == "ln" and any(
            a.text.startswith("-") and not a.text.startswith("--") and "s" in a.text
            for a in inv.args)):
        real = physical(path, ctx)
        if real is not None:
            hit = guard_of(real, ctx) or _program_of(real, ctx, ancestors=recursive)
            if hit is None and _git_config_of(real, ctx):
                return _git_config_shell(inv, w, real, ctx)
            path = real if hit is not None else path
    if hit is None:
        return None
    if new_checks(path):
        return None
    return path, hit


def _deleted_hit(path: str, ctx: Context) -> tuple[str, str] | None:
    hit = guard_of(path, ctx) or _guard_below(path, ctx) or _program_of(path, ctx)
    if hit is None and _is_pyproject(path, ctx) and _table(_disk(path)) is not None:
        hit = ("SELF003", "it holds railguard's configuration")
    return hit


def _startup_file(text: str) -> bool:
    """A file Python runs at start-up when it sits in a site-packages folder."""
    base = text.rsplit("/", 1)[-1]
    return "$" not in base and "`" not in base and (
        base in ("sitecustomize.py", "usercustomize.py") or base.endswith(".pth"))


# --- globs ----------------------------------------------------------------------------------


def _paths(w: Word, cwd: str | None, ctx: Context) -> list[str]:
    """The absolute paths a word names: itself, or for an unquoted glob the names it matches
    on disk (bounded) and the guard files below its fixed folder that it could match (with
    ``dotglob`` or ``GLOBIGNORE`` in the command, a leading ``.`` too)."""
    path = _path(w, cwd, ctx)
    if path is None:
        return []
    if not w.glob or not any(c in path for c in "*?["):
        return [path]
    from railguard.shell.effects import expand

    out = [path, *expand(path)]
    parts = path.split("/")
    fixed = next((i for i, p in enumerate(parts) if any(c in p for c in "*?[")), len(parts))
    top = "/".join(parts[:fixed]) or "/"
    command = ctx.action.command or ""
    dot = "dotglob" in command or "GLOBIGNORE" in command
    for place in _guard_files(top, ctx) if os.path.isdir(top) else ():
        if place not in out and _glob_hits(parts, place.split("/"), dot):
            out.append(place)
    return out


def _glob_hits(pattern: list[str], parts: list[str], dot: bool) -> bool:
    """Does a path (split at ``/``) match a glob (split the same way) as bash matches it?"""
    from railguard.globmatch import fnmatchcase

    if len(pattern) != len(parts):
        return False
    for p, c in zip(pattern, parts, strict=True):
        if not any(ch in p for ch in "*?["):
            if p != c:
                return False
            continue
        if c.startswith(".") and not p.startswith(".") and not dot:
            return False
        if not fnmatchcase(c, p):
            return False
    return True


def _hit(path: str, ctx: Context) -> tuple[str, str] | None:
    """What a path that a call writes, deletes or replaces belongs to, if it is the guard's."""
    hit = guard_of(path, ctx) or _guard_below(path, ctx)
    if hit is not None:
        if new_checks(path):
            return None
        return hit
    if _is_pyproject(path, ctx) and _table(_disk(path)) is not None:
        return "SELF003", "it holds railguard's configuration"
    return _program_of(path, ctx, ancestors=False)


# --- copies and extractions into a folder ---------------------------------------------------

#: where guard files sit below a folder, for a copy that merges another folder into it
_GUARD_RELS = (".claude/settings.json", ".claude/settings.local.json", ".claude/hooks",
               ".git/hooks", ".pre-commit-config.yaml", ".husky", "lefthook.yml",
               ".railguard.toml", "pyproject.toml",
               ".config/railguard", ".local/state/railguard")  # below the project or the home
_TAR_VALUED = frozenset("f C T X b H I K N g V".split())
_TAR_LONG_VALUED = frozenset(("--file", "--directory", "--files-from", "--exclude-from",
                              "--exclude", "--format", "--use-compress-program", "--transform",
                              "--xform", "--owner", "--group", "--mode", "--blocking-factor"))


def _placed(inv: Invocation, name: str, ctx: Context) -> list[tuple[str, bool, str | None]]:
    """Paths a copy or an extraction writes inside a folder, as (path, whole, source): whole
    when anything below ``path`` may be written, source the folder or archive it comes from."""
    cwd = inv.cwd
    out: list[tuple[str, bool, str | None]] = []
    if name in ("cp", "mv", "ln", "install", "rsync"):
        targets = [w for w in write_targets(inv)
                   if not any(r.target is w for r in inv.redirects)]
        if not targets:
            return out
        dest = _path(targets[-1], cwd, ctx)
        if dest is None or not os.path.isdir(dest):
            return out
        texts = inv.texts
        into = "-T" in texts or "--no-target-directory" in texts
        for src in read_targets(inv):
            if any(r.target is src for r in inv.redirects):
                continue
            source = _path(src, cwd, ctx)
            if src.glob and source is not None and not into:
                out.extend(_globbed_into(source, dest, ctx))
                continue
            st = src.text
            base = posixpath.basename(st.rstrip("/"))
            if into or st.endswith("/.") or base in ("", ".", "..") or (
                    name == "rsync" and st.endswith("/")):
                out.append((dest, True, source))
            else:
                out.append((dest.rstrip("/") + "/" + base, True, source))
    elif name == "tar":
        out.extend(_tar_members(inv, ctx))
    elif name.startswith(("python", "pypy")):
        extracted = python_extraction(inv.args)
        if extracted is not None:
            archive_w, folder_w = extracted
            folder = _path(folder_w, cwd, ctx)
            if folder is not None:
                out.append((folder, True, _path(archive_w, cwd, ctx)))
    elif name == "unzip":
        args = inv.args
        if any(w.text.startswith("-") and not w.text.startswith("--") and
               set(w.text[1:]) & set("ltvzZpc") for w in args):
            return out  # listing or testing the archive, or printing members (-p, -c)
        ops: list[Word] = []
        folder = cwd
        i = 0
        while i < len(args):
            t = args[i].text
            if t == "-d" and i + 1 < len(args):
                folder = ctx.resolve(args[i + 1].text, cwd) if not args[i + 1].dynamic else None
                i += 2
                continue
            if t == "-x":
                break
            if not t.startswith("-"):
                ops.append(args[i])
            i += 1
        if folder is None or not ops:
            return out
        archive = _path(ops[0], cwd, ctx)
        members = [_path(m, folder, ctx) for m in ops[1:]]
        if not members:
            out.append((folder, True, archive))
        out.extend((m, True, None) for m in members if m is not None)
    return out


def _globbed_into(source: str, dest: str, ctx: Context) -> list[tuple[str, bool, str | None]]:
    """``cp /tmp/d/* .claude/``: each name the glob matches now lands in ``dest``, and so may
    any guard file of ``dest`` whose name the glob's last part could match (the folder the
    glob reads may be filled before the copy runs)."""
    from railguard.shell.effects import expand

    out: list[tuple[str, bool, str | None]] = []
    for match in expand(source):
        out.append((dest.rstrip("/") + "/" + posixpath.basename(match), True, match))
    pattern = posixpath.basename(source)
    for place in _guard_files(dest, ctx):
        rest = place[len(dest.rstrip("/")) + 1 :]
        if "/" not in rest and _glob_hits([pattern], [rest], False):
            out.append((place, True, None))
    return out


def _tar_members(inv: Invocation, ctx: Context) -> list[tuple[str, bool, str | None]]:
    args = inv.args
    texts = [w.text for w in args]
    first = texts[0] if texts else ""
    if not (("x" in first.lstrip("-") and not first.startswith("--")) or "--extract" in texts
            or "--get" in texts):
        return []
    for k, t in enumerate(texts):
        if t == "--":
            break
        if t.startswith("--"):
            if t.split("=", 1)[0] in ("--to-stdout", "--to-command"):
                return []  # members go to standard output or a command, not to disk
        elif t.startswith("-") or k == 0:
            for c in t.lstrip("-"):
                if c == "O":
                    return []
                if c in _TAR_VALUED:
                    break
    folder = inv.cwd
    archive: str | None = None
    members: list[str] = []
    i = 0
    while i < len(args):
        w = args[i]
        t = w.text
        i += 1
        if t.startswith("--"):
            key = t.split("=", 1)[0]
            if key in _TAR_LONG_VALUED and "=" not in t and i < len(args):
                value = args[i]
                i += 1
            elif "=" in t:
                value = Word(t.split("=", 1)[1], w.dynamic)
            else:
                continue
            if key == "--directory":
                folder = None if value.dynamic else ctx.resolve(value.text, folder)
            elif key == "--file":
                archive = _path(value, inv.cwd, ctx)
            continue
        if t.startswith("-") or i == 1:
            letters = t.lstrip("-")
            for k, c in enumerate(letters):
                if c in _TAR_VALUED:
                    rest = letters[k + 1 :]
                    if rest and t.startswith("-"):
                        value = Word(rest, w.dynamic)
                    elif i < len(args):
                        value = args[i]
                        i += 1
                    else:
                        break
                    if c == "C":
                        folder = None if value.dynamic else ctx.resolve(value.text, folder)
                    elif c == "f":
                        archive = _path(value, inv.cwd, ctx)
                    if rest and t.startswith("-"):
                        break
            continue
        if folder is None:
            return []
        resolved = _path(w, folder, ctx)
        if resolved is not None:
            members.append(resolved)
    if folder is None:
        return []
    if not members:
        return [(folder, True, archive)]
    return [(m, True, None) for m in members]


def _placed_hit(path: str, whole: bool, source: str | None,
                ctx: Context) -> tuple[str, str] | None:
    hit = guard_of(path, ctx) or _program_of(path, ctx, ancestors=False)
    if hit is not None:
        if new_checks(path):
            return None
        return hit
    if not whole:
        return None
    dest = path.rstrip("/")
    if source is not None and os.path.isfile(source):
        names = _archive_names(source)
        for member in names:
            mine = posixpath.normpath(dest + "/" + member.lstrip("/"))
            hit = guard_of(mine, ctx)
            if hit is not None and not new_checks(mine):
                return hit[0], f"the archive holds {member}: {hit[1]}"
        if names:
            return None
    elif source is not None and os.path.isdir(source):
        # a folder merged into another: does it bring any guard file with it?
        roots = [r for r in (ctx.project, ctx.home) if r]
        for root in roots:
            for rel in _GUARD_RELS:
                mine = root + "/" + rel
                if not mine.startswith(dest + "/"):
                    continue
                theirs = source.rstrip("/") + "/" + mine[len(dest) + 1 :]
                if not os.path.lexists(theirs):
                    continue
                if rel == "pyproject.toml":
                    if _is_pyproject(mine, ctx) and _table(_disk(theirs)) != _table(_disk(mine)):
                        return "SELF003", "it brings a different [tool.railguard] table"
                    continue
                hit = guard_of(mine, ctx) or guard_of(mine + "/x", ctx)
                if hit is not None and not new_checks(mine):
                    return hit[0], f"{ctx.rel(mine)} would be replaced: {hit[1]}"
        return None
    return _guard_below(path, ctx)


def _archive_names(path: str) -> list[str]:
    """The member names of a local tar or zip archive (empty when it cannot be read cheaply)."""
    try:
        if os.path.getsize(path) > 64 * 1024 * 1024:
            return []
        with open(path, "rb") as fh:
            head = fh.read(4)
    except OSError:
        return []
    names: list[str] = []
    try:
        if head.startswith(b"PK"):
            import zipfile

            with zipfile.ZipFile(path) as zf:
                names = zf.namelist()[:10000]
        else:
            import tarfile

            with tarfile.open(path) as tf:
                for k, member in enumerate(tf):
                    if k >= 10000:
                        break
                    names.append(member.name)
    except Exception:  # an unreadable archive is judged by its command line only
        return []
    return names


# --- patches --------------------------------------------------------------------------------

_PATCH_VALUED = frozenset(("-i", "--input", "-o", "--output", "-d", "--directory", "-r",
                           "--reject-file", "-D", "--ifdef", "-B", "--prefix", "-Y",
                           "--basename-prefix", "-z", "--suffix", "-V", "--version-control",
                           "-F", "--fuzz", "-p", "--strip", "--quoting-style"))


def _patched(inv: Invocation, ctx: Context) -> list[str]:
    """Files a ``patch`` call changes: its operand, ``-o FILE``, or the files its patch names."""
    args = inv.args
    cwd = inv.cwd
    ops: list[Word] = []
    values: dict[str, Word] = {}
    i = 0
    while i < len(args):
        t = args[i].text
        key = t.split("=", 1)[0]
        if key in _PATCH_VALUED:
            if "=" in t:
                values[key] = Word(t.split("=", 1)[1], args[i].dynamic)
            elif i + 1 < len(args):
                values[key] = args[i + 1]
                i += 1
        elif not t.startswith("-") or t == "-":
            ops.append(args[i])
        i += 1
    out_file = values.get("-o") or values.get("--output")
    if out_file is not None:
        path = _path(out_file, cwd, ctx)
        return [path] if path else []
    folder = values.get("-d") or values.get("--directory")
    if folder is not None:
        cwd = None if folder.dynamic else ctx.resolve(folder.text, cwd)
    if ops:
        path = _path(ops[0], cwd, ctx)
        return [path] if path else []
    text = inv.stdin_text
    source = values.get("-i") or values.get("--input")
    if source is None:
        source = next((r.target for r in inv.redirects if r.op == "<" and r.target), None)
    if text is None and source is not None:
        src = _path(source, inv.cwd, ctx)
        raw = _disk(src) if src else None
        text = raw.decode("utf-8", "replace") if raw is not None else None
    return _patch_files(text, cwd, ctx) if text else []


def _patch_files(text: str, cwd: str | None, ctx: Context) -> list[str]:
    """The files a unified or git diff names, each also with 1 to 3 leading folders dropped
    (whatever ``-p`` the call uses)."""
    out: list[str] = []
    for line in text.splitlines():
        if line.startswith(("+++ ", "--- ")):
            names = [line[4:].split("\t", 1)[0].strip().strip('"')]
        elif line.startswith("diff --git "):
            names = line[11:].split()
        elif line.startswith(("rename to ", "rename from ", "copy to ")):
            names = [line.split(" ", 2)[2]]
        else:
            continue
        for n in names:
            if not n or n == "/dev/null":
                continue
            parts = n.split("/")
            for k in range(min(4, len(parts))):
                path = ctx.resolve("/".join(parts[k:]), cwd)
                if path is not None and path not in out:
                    out.append(path)
        if len(out) > 400:
            break
    return out


# --- git commands that remove or rewrite working-tree files ---------------------------------


def git_changed(inv: Invocation, ctx: Context) -> list[tuple[str, str]]:
    """(path, verb) for what ``git rm``, ``git mv``, ``git stash push -- PATH`` and ``git
    apply``/``git am`` change in the working tree."""
    from railguard.rules.git import read_call

    call = read_call(inv, ctx)
    if call is None or call.cwd is None:
        return []
    sub = call.sub
    texts = [w.text for w in call.args]
    cwd = call.cwd

    def operands(valued: tuple[str, ...] = ()) -> list[Word]:
        out: list[Word] = []
        after = False
        skip = False
        for w in call.args:
            if skip:
                skip = False
            elif after or not w.text.startswith("-"):
                out.append(w)
            elif w.text == "--":
                after = True
            elif w.text in valued:
                skip = True
        return out

    def paths(words: list[Word]) -> list[str]:
        return [p for p in (_path(w, cwd, ctx) for w in words) if p is not None]

    if sub == "rm":
        if "--cached" in texts or "-n" in texts or "--dry-run" in texts:
            return []
        return [(p, "deletes") for p in paths(operands(("--pathspec-from-file",)))]
    if sub == "mv":
        if "-n" in texts or "--dry-run" in texts:
            return []
        moved = paths(operands())
        return [(p, "moves away") for p in moved[:-1]] + [(p, "replaces") for p in moved[-1:]]
    if sub == "stash":
        rest = list(call.args)
        if rest and rest[0].text in ("push", "save"):
            rest = rest[1:]
        elif rest and not rest[0].text.startswith("-"):
            return []  # list, show, pop, apply, drop ...: they do not take pathspecs
        ops: list[Word] = []
        after = False
        skip = False
        for w in rest:
            if skip:
                skip = False
            elif after:
                ops.append(w)
            elif w.text == "--":
                after = True
            elif w.text in ("-m", "--message", "--pathspec-from-file"):
                skip = True
            elif not w.text.startswith("-"):
                ops.append(w)
        return [(p, "stashes away (puts back the committed version of)") for p in paths(ops)]
    if sub in ("apply", "am"):
        if any(t in ("--check", "--stat", "--numstat", "--summary", "--cached") for t in texts) \
                and "--apply" not in texts:
            return []
        out: list[tuple[str, str]] = []
        for w in operands(("-p", "-C", "--directory", "--exclude", "--include", "--whitespace",
                           "--build-fake-ancestor")):
            src = _path(w, cwd, ctx)
            raw = _disk(src) if src else None
            if raw is not None:
                out.extend((p, "patches") for p in _patch_files(raw.decode("utf-8", "replace"),
                                                                cwd, ctx))
        if not call.args and inv.stdin_text:
            out.extend((p, "patches") for p in _patch_files(inv.stdin_text, cwd, ctx))
        return out
    return []


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
    from railguard.rules.base import run_git

    done = run_git(["diff", "--quiet", "--no-ext-diff", "--no-textconv", "--", path],
                   os.path.dirname(path))
    return done is None or done[0] != 0


def _path(w: Word, cwd: str | None, ctx: Context) -> str | None:
    text = w.text
    if w.dynamic and ("/" not in text or "$" in text.rsplit("/", 1)[-1]):
        return None
    return ctx.resolve(text, cwd)


#: what the earlier writes of the same command line left in pyproject.toml, so that a table
#: built in pieces (``printf '[tool.rail' >> f; printf 'guard]' >> f``) is seen whole
_sim: dict[str, object] = {"action": None, "files": {}}


def _pyproject_shell(inv: Invocation, w: Word, path: str, ctx: Context) -> Finding | None:
    if _sim["action"] is not ctx.action:
        _sim["action"] = ctx.action
        _sim["files"] = {}
    files: dict[str, bytes] = _sim["files"]  # type: ignore[assignment]
    disk = _disk(path)
    before = _table(disk)
    shown = inv.display()
    known = _written_text(inv, w)
    if known is not None:
        text, append = known
        base = files.get(path, disk) or b""
        after = (base + text.encode()) if append else text.encode()
        files[path] = after
        if _table(after) == before:
            return None
        return Finding("SELF003", f"`{shown}` changes the [tool.railguard] table of "
                       f"{ctx.rel(path)} (railguard's configuration)", subject=path)
    files.pop(path, None)
    if before is not None:
        # a shell edit cannot be seen in advance: it may change the table
        return Finding("SELF003", f"`{shown}` changes {ctx.rel(path)}, which holds "
                       "railguard's configuration (use the Edit tool for its other tables)",
                       subject=path)
    # no table yet: only a write that can bring one in matters
    if "railguard" in (ctx.action.command or "").lower():
        return Finding("SELF003", f"`{shown}` writes {ctx.rel(path)} with content railguard "
                       "cannot see, in a command that mentions railguard: it may add a "
                       "[tool.railguard] table (use the Edit tool)", subject=path)
    sources = list(read_targets(inv))
    for feeder in inv.pipe_from:
        sources.extend(read_targets(feeder))
    for src in sources:
        source = _path(src, inv.cwd, ctx)
        if source is None or source == path:
            continue
        if _table(_disk(source)) is not None:
            return Finding("SELF003", f"`{shown}` brings the [tool.railguard] table of "
                           f"{ctx.rel(source)} into {ctx.rel(path)} (railguard's configuration)",
                           subject=path)
    return None


def _written_text(inv: Invocation, w: Word) -> tuple[str, bool] | None:
    """(text, appends) when the text an invocation writes to ``w`` is known from the command
    itself: echo, printf, a heredoc or herestring, ``: > FILE``, ``echo ... | tee [-a]``."""
    from railguard.shell.analyze import printed

    name = inv.name
    for r in inv.redirects:
        if r.target is not w:
            continue
        append = ">>" in r.op
        if name in (":", "true"):
            return "", append
        text = printed(inv)
        if text is None and name == "cat" and not inv.args and inv.stdin_text is not None:
            text = inv.stdin_text
        return (text, append) if text is not None else None
    if name == "tee" and not inv.redirects:
        append = any(a.text in ("-a", "--append") for a in inv.args)
        if inv.stdin_text is not None and not inv.pipe_from:
            return inv.stdin_text, append
        if len(inv.pipe_from) == 1 and not inv.pipe_from[0].redirects:
            text = printed(inv.pipe_from[0])
            if text is not None:
                return text, append
    return None


# --- railguard's own program ----------------------------------------------------------------

_places: list[tuple[str, ...]] = []


def _which(name: str) -> str | None:
    """The first executable ``name`` on $PATH, as ``shutil.which`` finds it (without importing
    shutil, whose imports cost the hook about 4 ms)."""
    for folder in os.environ.get("PATH", os.defpath).split(os.pathsep):
        path = os.path.join(folder or ".", name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def _program_places() -> tuple[str, ...]:
    """railguard's console scripts (real paths) and its installed package folder (last)."""
    if not _places:
        import sys

        import railguard

        found: list[str] = []
        argv0 = sys.argv[0] if sys.argv else ""
        if posixpath.basename(argv0).startswith("railguard"):
            found.append(argv0)
        found.append(posixpath.join(posixpath.dirname(sys.executable), "railguard"))
        which = _which("railguard")
        if which:
            found.append(which)
        scripts = {os.path.realpath(p) for p in found if os.path.lexists(p)}
        pkg = os.path.dirname(os.path.realpath(railguard.__file__))
        _places.append((*sorted(scripts), pkg))
    return _places[0]


def _program_of(path: str, ctx: Context, *,
                ancestors: bool = True) -> tuple[str, str] | None:
    """SELF006 when ``path`` is railguard's command, installed code or the Python environment
    it runs in (``ancestors``: or a folder that holds one of them, for a deletion, a move or a
    recursive permission change). The package folder of an editable install of the project
    itself is that project's source: ordinary work."""
    base = posixpath.basename(path)
    parts = path.split("/")
    for k, part in enumerate(parts[:-1]):
        if part in ("site-packages", "dist-packages") and "railguard" in parts[k + 1].lower():
            return "SELF006", "railguard's installed package"
    if base in ("railguard", "railguard.exe") and parts[-2:-1] in (["bin"], ["Scripts"]):
        return "SELF006", "railguard's command"
    for root, what in _install_roots():
        if path == root or path.startswith(root + "/") or (
                ancestors and root.startswith(path.rstrip("/") + "/")):
            return "SELF006", what
    if "railguard" not in path.lower() and not os.path.islink(path):
        return None
    *scripts, pkg = _program_places()
    project = ctx.project
    if not (project and pkg.startswith(project + "/")) and (
            path == pkg or path.startswith(pkg + "/") or pkg.startswith(path + "/")):
        return "SELF006", "railguard's installed code"
    real = os.path.realpath(path)
    for script in scripts:
        if real == script or script.startswith(path.rstrip("/") + "/"):
            return "SELF006", "railguard's command"
    return None


_roots: list[tuple[tuple[str, str], ...]] = []


def _install_roots() -> tuple[tuple[str, str], ...]:
    """The folders whose code the interpreter running railguard loads at start-up, each as
    written and as its real path: its site-packages folders (the user's too when it reads
    them) and, in a virtual environment, the whole environment (``sys.prefix``)."""
    if not _roots:
        import sys

        found: list[tuple[str, str]] = []
        if sys.prefix != sys.base_prefix:
            found.append((sys.prefix, "the Python environment railguard runs in"))
        site = sys.modules.get("site")
        dirs: list[str] = []
        try:
            if site is None:
                raise AttributeError
            dirs += site.getsitepackages()
            if site.ENABLE_USER_SITE:
                dirs.append(site.getusersitepackages())
        except (AttributeError, OSError):
            import sysconfig

            paths = sysconfig.get_paths()
            dirs += [paths["purelib"], paths["platlib"]]
        found += [(d, "the site-packages folder railguard is loaded from") for d in dirs if d]
        out: list[tuple[str, str]] = []
        for root, what in found:
            for p in (os.path.abspath(root), os.path.realpath(root)):
                p = p.rstrip("/")
                if p and p != "/" and (p, what) not in out:
                    out.append((p, what))
        _roots.append(tuple(out))
    return _roots[0]


# --- installs that replace railguard ---------------------------------------------------------

#: install options that take a value (pip, uv pip, uv tool, pipx)
_INSTALL_VALUED = frozenset("""-r --requirement -c --constraint -t --target --prefix --root -i
    --index-url --extra-index-url --index --default-index -f --find-links --python -p
    --upgrade-strategy --platform --python-version --implementation --abi --src
    --config-settings -C --global-option --no-binary --only-binary --progress-bar --log
    --cache-dir --trusted-host --proxy --timeout --retries --exists-action --cert --client-cert
    --report --root-user-action --with --with-editable --with-requirements --suffix --override
    --pip-args --index-strategy --keyring-provider --resolution --prerelease --exclude-newer
    --link-mode --compile-bytecode --refresh-package --reinstall-package --upgrade-package
    -P""".split())


def _installs_another(words: list[str], cwd: str | None, ctx: Context) -> str | None:
    """Why an install command's arguments replace railguard with something other than the
    published release, or None."""
    import re

    items: list[str] = []
    i = 0
    while i < len(words):
        t = words[i]
        key = t.split("=", 1)[0]
        if key in ("-e", "--editable", "--from") and "=" not in t and i + 1 < len(words):
            items.append(words[i + 1])
            i += 2
            continue
        if key in ("-e", "--editable", "--from"):
            items.append(t.split("=", 1)[1])
        elif t.startswith("-e") and len(t) > 2 and not t.startswith("--"):
            items.append(t[2:])
        elif key in _INSTALL_VALUED and "=" not in t:
            i += 1
        elif not t.startswith("-"):
            items.append(t)
        i += 1
    names = [t.lower() for t in items if "/" not in t and not t.startswith(".")]
    if any(t == "--from" or t.startswith("--from=") for t in words) and "railguard" in names:
        sources = [t for t in items if "/" in t or t.startswith(".") or "://" in t]
        if sources:
            return f"installs railguard from {sources[0]}"
    for item in items:
        low = item.lower()
        if "://" in item or "/" in item or item.startswith(".") or low.endswith(
                (".whl", ".tar.gz", ".zip")):
            if "railguard" in low:
                return f"installs {item} in place of the published railguard"
            path = ctx.resolve(item.split("[", 1)[0], cwd)
            if path is not None and _project_name(path) == "railguard":
                return f"installs the railguard project in {ctx.rel(path)} in place of the " \
                       "published release"
            continue
        m = re.match(r"\s*([A-Za-z0-9_.-]+)\s*(\[[^\]]*\])?\s*(.*)", item)
        if m is None or m.group(1).lower().replace("_", "-") != "railguard":
            continue
        spec = m.group(3)
        if "@" in spec:
            return f"installs railguard from {spec.split('@', 1)[1].strip()}"
        if re.search(r"(==|<|~=)", spec):
            return f"installs railguard{spec}, which may be an older release with fewer rules"
    return None


def _project_name(path: str) -> str | None:
    """The project name in a local folder's pyproject.toml / setup.cfg / setup.py."""
    import re

    if not os.path.isdir(path):
        return None
    for rel, pattern in (("pyproject.toml", r'(?m)^\s*name\s*=\s*["\']([^"\']+)'),
                         ("setup.cfg", r"(?m)^\s*name\s*=\s*(\S+)"),
                         ("setup.py", r'name\s*=\s*["\']([^"\']+)')):
        raw = _disk(posixpath.join(path, rel))
        if raw is None:
            continue
        m = re.search(pattern, raw.decode("utf-8", "replace"))
        if m:
            return m.group(1).strip().lower().replace("_", "-")
    return None


def _commands(inv: Invocation, name: str, shown: str, via: str,
              ctx: Context) -> list[Finding]:
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
    install = None
    if tool is not None and plain[:1] in (["install"], ["reinstall"]):
        install = words[words.index(plain[0]) + 1 :]
    elif name == "uv" and plain[:2] in (["pip", "install"], ["tool", "install"], ["pip", "sync"]):
        install = words[words.index(plain[1]) + 1 :]
    if install:
        why = _installs_another(install, inv.cwd, ctx)
        if why is not None:
            return [Finding("SELF006", f"`{shown}` {why}{via}")]
    agent = _unguarded_agent(name, words, inv.cwd)
    if agent is not None:
        return [Finding("SELF008", f"`{shown}` starts {agent}{via}: what it runs is not "
                        "checked")]
    if name == "railguard" and plain[:1] and plain[0] in ("allow", "uninstall-git-hooks"):
        return [Finding("SELF005", f"`{shown}` is a command for the user, not the agent{via}")]
    if name == "railguard" and plain[:2] == ["tf", "state"] and "--accept" in words:
        # recording a state as known-good vouches for it: a person's call
        return [Finding("SELF005", f"`{shown}` vouches for a Terraform state; that is for the "
                        f"user, not the agent{via}")]
    return []


# --- other agents started without the guard --------------------------------------------------

_CLAUDE = frozenset({"claude", "claude-code"})
_SETTING_SOURCES = ("user", "project", "local")


def _option_values(words: list[str], name: str) -> list[str]:
    out = []
    for i, t in enumerate(words):
        if t == name and i + 1 < len(words):
            out.append(words[i + 1])
        elif t.startswith(name + "="):
            out.append(t.split("=", 1)[1])
    return out


def _disables_hooks(value: str, cwd: str | None) -> bool:
    """Does a ``--settings`` value (JSON text or a file) set disableAllHooks?"""
    text = value
    if not value.lstrip().startswith("{"):
        path = value if value.startswith("/") or cwd is None else os.path.join(cwd, value)
        if not os.path.isfile(path):
            return False  # not a file (missing: claude refuses to start; a FIFO: not read)
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                text = fh.read(1 << 20)
        except OSError:
            return False  # a file that is not there: claude refuses to start
    return "disableAllHooks" in text and "false" not in text.split("disableAllHooks", 1)[1][:12]


def _unguarded_agent(name: str, words: list[str], cwd: str | None) -> str | None:
    """``claude --dangerously-skip-permissions``, ``codex --yolo`` ...: another agent started
    with its hooks or approvals off (what it is, said for the message), or None."""
    name = name.split("@", 1)[0] or name  # ``npx @anthropic-ai/claude-code@latest``
    if name in _CLAUDE:
        if "--dangerously-skip-permissions" in words or "--bare" in words:
            return "Claude Code with its hooks or permission checks off"
        if any(v == "bypassPermissions" for v in _option_values(words, "--permission-mode")):
            return "Claude Code in bypassPermissions mode"
        if any(_disables_hooks(v, cwd) for v in _option_values(words, "--settings")):
            return "Claude Code with every hook disabled (disableAllHooks)"
        for v in _option_values(words, "--setting-sources"):
            kept = {x.strip() for x in v.split(",")}
            if not set(_SETTING_SOURCES) <= kept:
                return "Claude Code without some of its settings files, where railguard's " \
                       "hook may be"
        return None
    if name == "codex":
        if {"--dangerously-bypass-approvals-and-sandbox", "--yolo"} & set(words):
            return "Codex with its approvals and sandbox off"
        return None
    if name in ("gemini", "gemini-cli", "qwen"):
        if {"--yolo", "-y"} & set(words) or "yolo" in _option_values(words, "--approval-mode"):
            return f"{name} in yolo mode (every tool call approved)"
        return None
    if name == "cursor-agent" and {"--force", "-f"} & set(words):
        return "Cursor's agent with every command allowed (--force)"
    return None


# --- git's configuration ----------------------------------------------------------------------

#: git configuration files, relative to the project (any depth) or the home
_GIT_CONFIGS = ("**/.git/config", "**/.git/config.worktree", "**/.git/modules/**/config",
                "**/.git/worktrees/*/config.worktree", "~/.gitconfig", "~/.config/git/config")


def _git_config_of(path: str, ctx: Context) -> bool:
    """Is ``path`` a git configuration file (a repository's or the user's)?"""
    if not (path.endswith("config") or path.endswith("config.worktree")):
        return False
    return ctx.matches(path, _GIT_CONFIGS) is not None


def _sets_hooks(text: str) -> bool:
    """Does configuration text visibly set (or empty) ``core.hooksPath``?"""
    return "hookspath" in text.lower().replace(" ", "").replace("\t", "")


def _git_config_shell(inv: Invocation, w: Word, path: str, ctx: Context) -> Finding:
    shown = inv.display()
    known = _written_text(inv, w)
    if known is not None and _sets_hooks(known[0]):
        return Finding("SELF002", f"`{shown}` sets core.hooksPath in {ctx.rel(path)}: git would "
                       "skip the project's hooks", subject=path)
    return Finding("SELF007", f"`{shown}` writes {ctx.rel(path)} (git's configuration) "
                   "directly", subject=path)


def _git_config_tool(action: Action, path: str, ctx: Context) -> Finding:
    if action.kind == "write":
        text = action.content or ""
        before = ""
    else:
        edits = action.args.get("edits")
        if not isinstance(edits, list):
            edits = [action.args]
        text = "\n".join(str(e.get("new_string", "")) for e in edits if isinstance(e, dict))
        before = "\n".join(str(e.get("old_string", "")) for e in edits if isinstance(e, dict))
    if _sets_hooks(text) and text.lower().count("hookspath") >= before.lower().count(
            "hookspath"):
        return Finding("SELF002", f"{action.tool} sets core.hooksPath in {ctx.rel(path)}: git "
                       "would skip the project's hooks", subject=path)
    return Finding("SELF007", f"{action.tool} changes {ctx.rel(path)} (git's configuration) "
                   "directly", subject=path)


#: ``git config`` forms that only read
_CONFIG_READS = frozenset(("--get", "--get-all", "--get-regexp", "--get-urlmatch", "-l",
                           "--list", "get", "list", "--show-origin", "--show-scope"))


def _git_extra(inv: Invocation, shown: str, via: str, ctx: Context) -> list[Finding]:
    """``git config include.path FILE`` (an included file can set core.hooksPath and any
    other key) and ``git stash -u/-a`` (which remove untracked, or ignored, files)."""
    from railguard.rules.git import read_call

    call = read_call(inv, ctx)
    if call is None:
        return []
    texts = [w.text for w in call.args]
    if call.sub == "config":
        if any(t in _CONFIG_READS for t in texts):
            return []
        keys = [t for t in texts if not t.startswith("-")]
        if keys[:1] in (["set"], ["unset"]):
            keys = keys[1:]
        key = keys[0].lower() if keys else ""
        if key == "include.path" or (key.startswith("includeif.") and key.endswith(".path")):
            value = keys[1] if len(keys) > 1 else ""
            target = ctx.resolve(value, call.cwd) if value else None
            raw = _disk(target) if target else None
            if raw is not None and _sets_hooks(raw.decode("utf-8", "replace")):
                return [Finding("SELF002", f"`{shown}` includes {value}, which sets "
                                f"core.hooksPath: git would skip the project's hooks{via}")]
            return [Finding("SELF007", f"`{shown}` makes git read its configuration from "
                            f"{value or 'another file'}, which can set any key (core.hooksPath "
                            f"included){via}")]
        return []
    if call.sub == "stash":
        return _stash_untracked(call, texts, shown, via, ctx)
    return []


def _stash_untracked(call: GitCall, texts: list[str], shown: str, via: str,
                     ctx: Context) -> list[Finding]:
    """``git stash -u`` removes the untracked files from disk (``-a``: the ignored ones too)
    until the stash is applied: guard files among them are gone meanwhile."""

    if texts and not texts[0].startswith("-") and texts[0] not in ("push", "save"):
        return []
    specs: list[str] = []
    if texts[:1] == ["push"] or (texts and texts[0].startswith("-")):
        skip = after = False
        for t in texts[1:] if texts[:1] == ["push"] else texts:
            if skip:
                skip = False
            elif after or not t.startswith("-"):
                specs.append(t)
            elif t == "--":
                after = True
            elif t in ("-m", "--message"):
                skip = True
            elif t == "--pathspec-from-file" or t.startswith("--pathspec-from-file="):
                specs = []
                break
    if "--" in texts:
        texts = texts[: texts.index("--")]
    every = any(t in ("-a", "--all") or (t.startswith("-") and not t.startswith("--")
                                         and "a" in t[1:]) for t in texts)
    untracked = every or any(t in ("-u", "--include-untracked") or (
        t.startswith("-") and not t.startswith("--") and "u" in t[1:]) for t in texts)
    if not untracked or any(t in ("--no-include-untracked",) for t in texts):
        return []
    cwd = call.cwd
    from railguard.rules.base import run_git

    argv = ["ls-files", "-z", "--others", "--full-name"]
    if not every:
        argv.append("--exclude-standard")
    argv += ["--", *specs]
    found_root = run_git(["rev-parse", "--show-toplevel"], cwd or ".")
    found = run_git(argv, cwd or ".") if found_root is not None and found_root[0] == 0 else None
    if found_root is None or found is None or found_root[0] != 0 or found[0] != 0:
        return [Finding("SELF001", f"`{shown}` removes untracked files from disk, and railguard "
                        "could not list them to see whether the agent's settings or other guard "
                        f"files are among them{via}")]
    base = found_root[1].decode("utf-8", "surrogateescape").strip()
    listed = found[1]
    which = "ignored and untracked" if every else "untracked"
    for k, name in enumerate(listed.decode("utf-8", "surrogateescape").split("\0")):
        if k > 100000:
            break
        if not name:
            continue
        path = base + "/" + name
        hit = _hit(path, ctx)
        if hit is None and (name.endswith(".tfstate") or name.endswith(".tfstate.backup")):
            return [Finding("TFS007", f"`{shown}` removes the {which} {ctx.rel(path)} from "
                            "disk (Terraform state: it would forget every resource it manages "
                            f"until the stash is applied){via}", subject=path)]
        if hit is not None:
            return [Finding(hit[0], f"`{shown}` removes the {which} {ctx.rel(path)} ({hit[1]}) "
                            f"from disk until the stash is applied{via}", subject=path)]
    return []
