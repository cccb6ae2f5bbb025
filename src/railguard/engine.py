"""evaluate(action) -> Decision: run the rule packs over one agent action.

Agent-neutral: adapters build the :class:`~railguard.model.Action` and render the Decision.
"""

from __future__ import annotations

import os

from railguard import rules as registry
from railguard.config import Config
from railguard.model import Action, Decision, Finding, Invocation, Verdict
from railguard.rules.base import Context
from railguard.shell.analyze import Analyzer
from railguard.shell.paths import DEFAULT_DISPOSABLE, PathContext

TYPE_CHECKING = False
if TYPE_CHECKING:
    from railguard.shell.analyze import State

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


#: pieces of shell code kept for the plainly-safe check; past this the call is not plainly safe
MAX_CODES = 256


class _Analyzer(Analyzer):
    """The analysis, also keeping the shell code it reads: the command and the code nested in
    it (``bash -c``, ``eval``, scripts it follows), where the plainly-safe check looks for
    function definitions."""

    def __init__(self, paths: PathContext) -> None:
        super().__init__(paths)
        self.codes: list[str] | None = []

    def code(self, text: str, st: State, depth: int, via: tuple[str, ...],
             remote: bool = False) -> list[Invocation]:
        if self.codes is not None:
            if len(self.codes) < MAX_CODES:
                self.codes.append(text)
            else:
                self.codes = None
        return super().code(text, st, depth, via, remote)


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
    codes: list[str] | None = []
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
        analyzer = _Analyzer(paths)
        analysis = analyzer.run(command, action.cwd)
        invocations = analysis.invocations
        codes = analyzer.codes
        from railguard.rules import shell as shell_pack

        findings.extend(shell_pack.from_problems(analysis.problems, ctx))
    if action.kind == "mcp":
        # a server's tool that runs a command, reads, writes or deletes a file, or fetches a
        # URL is judged as the agent's own tool would be (``railguard.mcp``)
        from railguard import mcp

        for other in mcp.equivalents(action):
            for f in evaluate(other, config).findings:
                f.message = f"{action.tool}: {f.message}"
                findings.append(f)
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
    findings.extend(_policy(action, invocations, ctx))
    decision = decide(findings, ctx, invocations, codes)
    if action.kind == "shell" and decision.verdict == Verdict.ALLOW \
            and not (action.command or "").isascii():
        extra = _lookalike_dashes(action, config)
        if extra is not None:
            findings.append(extra)
            decision = decide(findings, ctx, invocations, codes)
    return decision


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
           codes: list[str] | None = None) -> Decision:
    """The verdict of the findings under the user's settings; ``codes``: the shell code the
    analysis read (None: not all of it is known), for the plainly-safe check."""
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
                                                                      codes)
    return Decision(verdict, kept, safe)


def _plainly_safe(action: Action, invocations: list[Invocation], ctx: Context) -> bool:
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
        if name in ("find",) and any(w.text.startswith(("-exec", "-ok", "-delete", "-fprint"))
                                      for w in inv.args):
            return False
        if name in ("sort", "uniq"):
            from railguard.shell.effects import write_targets

            if any(w.text != "/dev/null" for w in write_targets(inv)):
                return False  # sort -o FILE, uniq IN OUT
        if name not in READ_ONLY:
            return False
    return True
