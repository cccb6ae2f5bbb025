"""evaluate(action) -> Decision: run the rule packs over one agent action.

Agent-neutral: adapters build the :class:`~railguard.model.Action` and render the Decision.
"""

from __future__ import annotations

import os

from railguard import rules as registry
from railguard.config import Config
from railguard.model import Action, Decision, Finding, Invocation, Verdict, Word
from railguard.rules.base import Context
from railguard.shell.paths import DEFAULT_DISPOSABLE, PathContext

MAX_COMMAND_BYTES = 1024 * 1024

#: programs that only read or report: a call made of these alone is "plainly safe"
READ_ONLY = frozenset(
    """ls ll la cat head tail less more wc grep egrep fgrep rg ag ack find fd pwd echo printf
    true false test [ stat file du df tree which whereis type whoami id date uname hostname
    env printenv diff cmp sort uniq cut tr column jq yq basename dirname realpath readlink
    sleep seq nl od hexdump sha256sum sha1sum md5sum shasum cksum b2sum uptime ps pgrep top
    free lsof man help history alias : cd pushd popd dirs""".split()
)
READ_ONLY_GIT = frozenset(
    """status log diff show rev-parse describe ls-files ls-tree cat-file blame shortlog grep
    whatchanged show-ref for-each-ref name-rev merge-base rev-list count-objects help
    version""".split()
)


def path_context(action: Action, config: Config) -> PathContext:
    home = os.environ.get("HOME") or os.path.expanduser("~")
    disposable = DEFAULT_DISPOSABLE | frozenset(config.disposable) if config.disposable else None
    return PathContext(home, action.project_dir or action.cwd, disposable=disposable)


def evaluate(action: Action, config: Config | None = None) -> Decision:
    config = config if config is not None else Config()
    paths = path_context(action, config)
    ctx = Context(action, config, paths)
    findings: list[Finding] = []
    invocations: list[Invocation] = []
    functions: set[str] = set()
    if action.kind == "shell":
        command = action.command or ""
        if len(command.encode("utf-8", "surrogatepass")) > MAX_COMMAND_BYTES:
            findings.append(Finding("SH006", f"the command is {len(command):,} characters long, "
                                    "too large to check"))
            return decide(findings, ctx, invocations)
        if "\0" in command:
            # no shell is handed a NUL byte (a program's arguments end at the first one), so
            # what would run cannot be told; not analysed further: paths cannot hold one either
            findings.append(Finding("SH001", "the command contains a NUL byte, which no shell "
                                    "can be given: what would run cannot be told"))
            return decide(findings, ctx, invocations)
        from railguard.shell.analyze import Analyzer  # Read, Write, Edit ... never parse

        analysis = Analyzer(paths).run(command, action.cwd)
        invocations = analysis.invocations
        functions = analysis.functions
        for path in sorted(analysis.downloads):
            # ``curl -o conftest.py URL``: code from the network that will run on its own
            if _runs_on_its_own(path):
                base = os.path.basename(path)
                findings.append(Finding("NET001", f"the command downloads {base}, which runs on "
                                        f"its own ({_when(base)}): code from the network, run "
                                        "unread", subject=path))
        for path, text in analysis.files.items():
            # ``cat > conftest.py <<'EOF' ... EOF``: a file that runs on its own, written here
            if _runs_on_its_own(path):
                findings.extend(_auto_run(Action(
                    "write", action.tool, path=path, content=text, cwd=action.cwd,
                    project_dir=action.project_dir, permission_mode=action.permission_mode),
                    config))
        from railguard.rules import shell as shell_pack

        findings.extend(shell_pack.from_problems(analysis.problems, ctx))
    recognised = False
    if action.kind == "mcp":
        # a server's tool that runs a command, reads, writes or deletes a file, or fetches a
        # URL is judged as the agent's own tool would be (``railguard.mcp``)
        from railguard import mcp

        equivalents = mcp.equivalents(action)
        recognised = bool(equivalents)
        for other in equivalents:
            for f in evaluate(other, config).findings:
                f.message = f"{action.tool}: {f.message}"
                findings.append(f)
    if action.kind in ("write", "edit") and action.path and action.content:
        findings.extend(_auto_run(action, config))
    names = registry.packs_for_action(action, invocations)
    for name in names:
        pack = registry.pack(name)
        on_invocation = getattr(pack, "on_invocation", None)
        if on_invocation is not None:
            for inv in invocations:
                if registry.wants(name, inv.name):
                    findings.extend(on_invocation(inv, ctx))
        on_action = getattr(pack, "on_action", None)
        if on_action is not None:
            findings.extend(on_action(action, invocations, ctx))
    if action.kind == "mcp":
        from railguard import mcp

        if mcp.reveals_secret(action) and not any(f.rule_id.startswith("CRED")
                                                   for f in findings):
            # ``read_secret``, ``get_secret_value``: the value comes back into the conversation
            findings.append(Finding("CRED004", f"{action.tool} hands back a stored secret's "
                                    "value, which puts it into the conversation"))
        elif not findings and not recognised:
            # a server's tool that deletes something railguard recognised no other way (the
            # database pack reads its own servers' tools)
            from railguard.rules.database import judges_mcp

            verb = None if judges_mcp(action.tool) else mcp.destroys(action)
            if verb is not None:
                findings.append(Finding("SH009", f"{action.tool} is a tool that does `{verb}` "
                                        "on the server's side; what it acts on cannot be "
                                        "checked"))
    findings.extend(_policy(action, invocations, ctx))
    decision = decide(findings, ctx, invocations, functions)
    if action.kind == "shell" and decision.verdict == Verdict.ALLOW \
            and not (action.command or "").isascii():
        extra = _lookalike_dashes(action, config)
        if extra is not None:
            findings.append(extra)
            decision = decide(findings, ctx, invocations, functions)
    return decision


#: files whose code runs without being named by the command that runs it: base name ->
#: (interpreter, when it runs)
AUTO_RUN = {
    "conftest.py": ("python3", "whenever pytest collects tests there"),
    "sitecustomize.py": ("python3", "at every start of the Python it is installed for"),
    "usercustomize.py": ("python3", "at every start of the user's Python"),
    "setup.py": ("python3", "when the package is installed or built"),
    ".envrc": ("bash", "whenever direnv enters the folder"),
}


def _when(base: str) -> str:
    return AUTO_RUN[base][1] if base in AUTO_RUN else "at every start of Python"


def _runs_on_its_own(path: str) -> bool:
    base = os.path.basename(path)
    return base in AUTO_RUN or base.endswith(".pth")


def _auto_run(action: Action, config: Config) -> list[Finding]:
    """A file whose code runs on its own later (a ``conftest.py``, a ``.pth`` file, an
    ``.envrc``): written with code that would be refused if typed, it is refused now, since the
    command that later runs it (``pytest``, ``python``, ``cd``) does not name it. Only what
    would be denied counts: code whose effect is known only at run time is left to that run."""
    path = action.path or ""
    base = os.path.basename(path)
    content = action.content or ""
    if base.endswith(".pth"):
        # site-packages' .pth files: each line that starts with ``import`` is executed
        lines = [ln for ln in content.splitlines() if ln.startswith(("import ", "import\t"))]
        if not lines:
            return []
        interpreter, when, content = "python3", "at every start of Python", "\n".join(lines)
    elif base in AUTO_RUN:
        interpreter, when = AUTO_RUN[base]
    else:
        return []
    if len(content.encode("utf-8", "surrogatepass")) > MAX_COMMAND_BYTES - 1024:
        return [Finding("SH006", f"{base} runs on its own ({when}) and is {len(content):,} "
                        "characters long, too large to check")]
    marker = "RAILGUARD_AUTO_RUN"
    while marker in content:
        marker += "_"
    command = f"{interpreter} - <<'{marker}'\n{content}\n{marker}"
    folder = os.path.dirname(path) or action.cwd
    sub = Action("shell", action.tool, command=command, cwd=folder,
                 project_dir=action.project_dir or action.cwd,
                 permission_mode=action.permission_mode)
    out = []
    for f in evaluate(sub, config).findings:
        if f.verdict == Verdict.DENY:
            shown = f.message.replace(f" (in {interpreter} <<<)", "").replace(
                f" (via {interpreter} <<<)", "")
            f.message = f"{base} runs on its own ({when}): {shown}"
            out.append(f)
    return out


#: characters that look like '-' (hyphen, non-breaking hyphen, figure, en and em dash,
#: horizontal bar, minus sign, small and full-width hyphen-minus)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"


def _lookalike_dashes(action: Action, config: Config) -> Finding | None:
    """``git reset ‐‐hard``, ``git push —force``: look-alike dashes where an option's ``-``
    goes. The program takes the word as a name and fails, but the command is judged as it
    reads with ASCII dashes too (each look-alike one ``-``, or a lone en or em dash ``--``, as
    word processors write it); what that reading refuses is asked about (SH008)."""
    import re

    command = action.command or ""
    pattern = re.compile(f"(?:(?<=[\\s'\"=])|^)[{_DASHES}]+")
    if not pattern.search(command):
        return None
    readings = {pattern.sub(lambda m: "-" * len(m.group()), command),
                pattern.sub(lambda m: "--" if len(m.group()) == 1 else "-" * len(m.group()),
                            command)}
    import copy

    worst: Decision | None = None
    for text in sorted(readings):
        variant = copy.copy(action)
        variant.command = text
        other = evaluate(variant, config)
        if other.verdict > Verdict.ALLOW and (worst is None or other.verdict > worst.verdict):
            worst = other
    if worst is None or not worst.findings:
        return None
    top = worst.findings[0]
    rule = registry.rule(top.rule_id)
    title = f" ({rule.title})" if rule is not None else ""
    chars = ", ".join(sorted({f"U+{ord(c):04X}" for c in command if c in _DASHES}))
    return Finding("SH008", f"the command writes look-alike dashes ({chars}) where an option's "
                   f"'-' goes; read with ASCII dashes it is refused by {top.rule_id}{title}: "
                   f"{top.message}")


def _policy(action: Action, invocations: list[Invocation], ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    cfg = ctx.config
    if not cfg.deny and not cfg.ask:
        return out
    from railguard.policy import matches

    for rule in cfg.deny:
        if matches(rule, action, invocations, ctx):
            out.append(Finding("POL001", f"your policy denies {rule}", subject=rule))
    for rule in cfg.ask:
        if matches(rule, action, invocations, ctx):
            out.append(Finding("POL002", f"your policy asks before {rule}", subject=rule))
    return out


def decide(findings: list[Finding], ctx: Context, invocations: list[Invocation],
           functions: set[str] | None = None) -> Decision:
    """The verdict of the findings under the user's settings; ``functions``: the shell
    functions the command defines, for the plainly-safe check."""
    config = ctx.config
    action = ctx.action
    kept: list[Finding] = []
    for f in findings:
        rule = registry.rule(f.rule_id)
        default = rule.verdict if rule is not None else Verdict.DENY
        verdict = config.verdict_for(f.rule_id, default)
        if verdict is None:
            continue
        f.verdict = verdict
        if f.instead is None and rule is not None:
            f.instead = rule.instead
        kept.append(f)
    # the user's allow rules settle what would only be asked (never a deny)
    if config.allow and any(f.verdict == Verdict.ASK for f in kept):
        from railguard.policy import matches

        if any(matches(r, action, invocations, ctx, every=True) for r in config.allow):
            kept = [f for f in kept if f.verdict != Verdict.ASK]
    if kept:
        from railguard import grants

        kept = grants.apply(kept, action)
    verdict = max((f.verdict for f in kept if f.verdict is not None), default=Verdict.ALLOW)
    kept.sort(key=lambda f: -(f.verdict or 0))
    safe = verdict == Verdict.ALLOW and not kept and _plainly_safe(action, invocations, ctx,
                                                                      functions or set())
    return Decision(verdict, kept, safe)


def _plainly_safe(action: Action, invocations: list[Invocation], ctx: Context,
                  functions: set[str]) -> bool:
    if action.kind in ("read", "search", "websearch"):
        return True
    if action.kind != "shell" or not invocations:
        return False
    for inv in invocations:
        name = inv.name
        if name is None or inv.remote:
            return False
        if any(r.writes and r.target is not None and r.target.text not in ("/dev/null",)
               and not r.target.text.isdigit() for r in inv.redirects):
            return False
        if name == "git":
            from railguard.rules.git import read_call

            call = read_call(inv, ctx)
            if call is None or call.sub not in READ_ONLY_GIT:
                return False
            continue
        if name not in READ_ONLY or _changes_something(name, inv):
            return False
    # a name the command defines as a function is not the program of that name
    # (``:(){ :|:& };:`` is a fork bomb made of ``:`` calls)
    return not functions


def _short_flags(args: list[Word], flags: str, valued: str) -> bool:
    """Whether a cluster of one-letter options (``-xvf``) sets one of ``flags`` before the
    first letter that takes a value (the rest of the word, or the next word)."""
    skip = False
    for w in args:
        t = w.text
        if skip:
            skip = False
            continue
        if t == "--":
            return False
        if not t.startswith("-") or t.startswith("--") or len(t) < 2:
            continue
        for j, c in enumerate(t[1:]):
            if c in flags:
                return True
            if c in valued:
                skip = j == len(t) - 2
                break
    return False


def _long(args: list[Word], name: str, shortest: int) -> bool:
    """Whether ``--name`` is given, as getopt reads it (``--name=V``, or a unique prefix at
    least ``shortest`` characters long)."""
    for w in args:
        if w.text == "--":
            return False
        opt = w.text.partition("=")[0]
        if len(opt) >= shortest and name.startswith(opt) and opt.startswith("--"):
            return True
    return False


def _changes_something(name: str, inv: Invocation) -> bool:
    """A program that otherwise only reads or reports, told to write a file, run a program or
    change the system (``find -fls``, ``tree -o``, ``yq -i``, ``date -s``, ``hostname NAME``,
    ``history -w``, ``sort --compress-program``, ``rg --pre``)."""
    args = inv.args
    if name == "find":
        return any(w.text.startswith(("-exec", "-ok", "-delete", "-fprint", "-fls"))
                   for w in args)
    if name in ("sort", "uniq"):
        from railguard.shell.effects import write_targets

        # sort -o FILE, uniq IN OUT; sort runs the program that compresses its temp files
        return any(w.text != "/dev/null" for w in write_targets(inv)) or (
            name == "sort" and _long(args, "--compress-program", 4))
    if name in ("date", "hostname", "history", "tree", "yq") and any(
            w.dynamic and not (name == "date" and w.text.startswith("+")) for w in args):
        return True  # an option or a new value only known at run time
    if name == "date":
        return _date_sets(args)
    if name == "hostname":
        # ``hostname NAME``, ``-F FILE``, ``-b``: sets the host name (``-y NAME``: the NIS
        # domain); the other options only print
        return any(not w.text.startswith("-") or w.text == "--" for w in args) or \
            _short_flags(args, "Fb", "") or _long(args, "--file", 4) or \
            _long(args, "--boot", 3)
    if name == "history":
        # ``-w``/``-a`` write the list to a file; ``-c`` and ``-d`` only clear the shell's own
        # list, which a shell started for one call does not even keep
        return _short_flags(args, "wa", "dsp")
    if name == "tree":
        return _short_flags(args, "oR", "LPIHT")  # -o FILE; -R writes 00Tree.html everywhere
    if name == "yq":
        return _short_flags(args, "i", "opsIwf") or _long(args, "--inplace", 4) or \
            _long(args, "--in-place", 5)
    if name == "rg":
        return any(w.text == "--pre" or w.text.startswith("--pre=") for w in args)
    if name == "less":
        return _short_flags(args, "oO", "bhjkpPtTxyzD#") or _long(args, "--log-file", 3) or \
            _long(args, "--LOG-FILE", 3) or any(w.text.startswith("+") and
                                                 ("!" in w.text or "|" in w.text) for w in args)
    if name == "man":
        return _short_flags(args, "H", "CeELmMpPrRSsTX") or _long(args, "--html", 4)
    if name == "file":
        return _short_flags(args, "C", "eFfmP")  # -C writes the compiled magic file
    return False


#: GNU date's long options that take a value, with the shortest unique prefix
_DATE_VALUED = {"--date": 4, "--file": 3, "--reference": 5, "--rfc-3339": 7}


def _date_sets(args: list[Word]) -> bool:
    """``date -s X``, ``date --set=X`` or ``date MMDDhhmm``: sets the system clock. BSD
    ``date -j`` only parses and prints."""
    bsd_print = _short_flags(args, "j", "frvz")
    i = 0
    ended = False
    while i < len(args):
        t = args[i].text
        i += 1
        if ended or not t.startswith("-") or t == "-":
            if not t.startswith("+") and not bsd_print:
                return True  # an operand other than +FORMAT is the new date
            continue
        if t == "--":
            ended = True
        elif t.startswith("--"):
            opt, eq, _ = t.partition("=")
            if len(opt) >= 3 and "--set".startswith(opt):
                return True
            if not eq and any(len(opt) >= n and full.startswith(opt)
                              for full, n in _DATE_VALUED.items()):
                i += 1
        else:
            for j, c in enumerate(t[1:]):
                if c == "s":
                    return True
                if c == "I":
                    break  # -I[FMT]: the rest of the word is its value
                if c in "dfrvz":  # GNU -d -f -r; BSD -f -r -v -z
                    if j == len(t) - 2:
                        i += 1
                    break
    return False
