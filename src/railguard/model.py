"""The values that flow through one decision: Action in, Decision out.

Plain classes with ``__slots__`` instead of dataclasses: the hook is a fresh process on every
tool call and ``dataclasses`` pulls in ``inspect`` (about 10 ms) for nothing we need.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import ClassVar


class Verdict(int):
    """What railguard says about a call. Ordered: the strictest finding wins.

    An ``int`` with three named values, like an ``IntEnum``, without importing ``enum`` (and
    the ``functools`` and ``collections`` it pulls in) into the hook's every start."""

    __slots__ = ()

    ALLOW: ClassVar[Verdict]
    ASK: ClassVar[Verdict]
    DENY: ClassVar[Verdict]

    def __new__(cls, value: int) -> Verdict:
        if isinstance(value, int) and 0 <= value < len(_VERDICTS):
            return _VERDICTS[value]
        raise ValueError(f"{value!r} is not a valid Verdict")

    @property
    def name(self) -> str:
        return _VERDICT_NAMES[self]

    @property
    def label(self) -> str:
        return _VERDICT_NAMES[self].lower()

    def __repr__(self) -> str:
        return f"<Verdict.{self.name}: {int(self)}>"

    __str__ = int.__repr__

    @classmethod
    def parse(cls, text: str) -> Verdict:
        name = text.strip().upper()
        if name not in _VERDICT_NAMES:
            raise ValueError(f"unknown verdict {text!r} (expected allow, ask or deny)")
        return _VERDICTS[_VERDICT_NAMES.index(name)]


_VERDICT_NAMES = ("ALLOW", "ASK", "DENY")
_VERDICTS = tuple(int.__new__(Verdict, i) for i in range(len(_VERDICT_NAMES)))
Verdict.ALLOW, Verdict.ASK, Verdict.DENY = _VERDICTS


class Action:
    """One thing an agent wants to do, whatever agent asked.

    ``kind`` is one of: shell, read, write, edit, search, fetch, websearch, agent, mcp, other.
    """

    __slots__ = (
        "args",
        "command",
        "content",
        "cwd",
        "kind",
        "path",
        "pattern",
        "permission_mode",
        "project_dir",
        "tool",
        "url",
    )

    def __init__(
        self,
        kind: str,
        tool: str,
        *,
        command: str | None = None,
        path: str | None = None,
        content: str | None = None,
        url: str | None = None,
        pattern: str | None = None,
        cwd: str,
        project_dir: str | None = None,
        args: dict[str, object] | None = None,
        permission_mode: str | None = None,
    ) -> None:
        self.kind = kind
        self.tool = tool
        self.command = command
        self.path = path
        self.content = content
        self.url = url
        self.pattern = pattern
        self.cwd = cwd
        self.project_dir = project_dir
        self.args = args or {}
        self.permission_mode = permission_mode

    def __repr__(self) -> str:
        bits = [f"{k}={getattr(self, k)!r}" for k in ("command", "path", "url") if getattr(self, k)]
        return f"Action({self.kind}, {self.tool}, {', '.join(bits)})"


class Word:
    """One shell word after quote removal and the expansions railguard can know statically.

    ``dynamic`` is set when part of the word comes from something only known at run time
    (an unknown variable, a command substitution); ``text`` then holds the static parts with
    the unknown parts left as they were written. ``glob`` marks unquoted ``* ? [``.
    """

    __slots__ = ("dynamic", "glob", "sub", "text")

    def __init__(
        self,
        text: str,
        dynamic: bool = False,
        glob: bool = False,
        sub: list[Invocation] | None = None,
    ) -> None:
        self.text = text
        self.dynamic = dynamic
        self.glob = glob
        #: the invocations of a command or process substitution inside this word
        self.sub = sub

    def __repr__(self) -> str:
        flags = ("~" if self.dynamic else "") + ("*" if self.glob else "")
        return f"W({self.text!r}{flags})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Word):
            return (self.text, self.dynamic, self.glob) == (other.text, other.dynamic, other.glob)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.text, self.dynamic, self.glob))


class Redirect:
    """A redirection of a command: ``op`` is ``>``, ``>>``, ``<``, ``&>``, ``>|``, ``<<<`` ..."""

    __slots__ = ("fd", "op", "target")

    def __init__(self, op: str, target: Word | None, fd: str | None = None) -> None:
        self.op = op
        self.target = target
        self.fd = fd

    @property
    def writes(self) -> bool:
        if self.op.startswith(">&"):
            # ``>& FILE`` is ``&> FILE``; ``>&2`` and ``>&-`` only point a descriptor elsewhere
            t = self.target
            return t is not None and not t.dynamic and not t.text.rstrip("-").isdigit() \
                and t.text != "-"
        return ">" in self.op and self.op != "<>"

    @property
    def truncates(self) -> bool:
        return self.writes and ">>" not in self.op

    def __repr__(self) -> str:
        return f"Redirect({self.fd or ''}{self.op} {self.target!r})"


class Invocation:
    """One command that would run, after unwrapping what runs it (sudo, env, sh -c, xargs ...).

    ``cwd`` is the directory it runs in as far as railguard can follow ``cd``; None when unknown
    (after ``cd $X``, or on a remote host). ``via`` lists the wrappers that were peeled off, so a
    message can say "rm (via sudo, bash -c)". ``remote`` marks a command that runs on another
    machine or container (ssh, docker exec, kubectl exec). ``pipe_from`` holds the invocations
    whose output feeds this one's standard input; ``stdin_text`` a heredoc or herestring.
    ``inputs_dynamic`` marks arguments appended at run time (xargs, find -exec, parallel).
    """

    __slots__ = (
        "absent",
        "argv",
        "cwd",
        "env",
        "inputs_dynamic",
        "pipe_from",
        "pipe_to",
        "redirects",
        "remote",
        "source",
        "stdin_text",
        "via",
    )

    def __init__(
        self,
        argv: list[Word],
        *,
        cwd: str | None,
        env: dict[str, str] | None = None,
        redirects: list[Redirect] | None = None,
        stdin_text: str | None = None,
        pipe_from: list[Invocation] | None = None,
        via: tuple[str, ...] = (),
        remote: bool = False,
        source: str = "",
        inputs_dynamic: bool = False,
    ) -> None:
        self.argv = argv
        self.cwd = cwd
        self.env = env if env is not None else {}
        self.redirects = redirects if redirects is not None else []
        self.stdin_text = stdin_text
        self.pipe_from = pipe_from if pipe_from is not None else []
        self.via = via
        self.remote = remote
        self.source = source
        self.inputs_dynamic = inputs_dynamic
        #: paths the command has just checked do not exist before this runs (``[ -f .env ] ||
        #: cp .env.example .env``): resolved, absolute
        self.absent: frozenset[str] = frozenset()
        #: the next stage of the pipeline this one's standard output goes to, when there is one
        self.pipe_to: Invocation | None = None

    @property
    def name(self) -> str | None:
        """The program's base name (``/bin/rm`` -> ``rm``), or None when it is not static."""
        if not self.argv:
            return None
        first = self.argv[0]
        if first.dynamic:
            return None
        # ``RM`` runs rm on a case-insensitive file system (macOS, Windows); ``git.exe`` is git
        name = first.text.replace("\\", "/").rsplit("/", 1)[-1].lower()
        return name[:-4] if name.endswith(".exe") and len(name) > 4 else name

    @property
    def args(self) -> list[Word]:
        return self.argv[1:]

    @property
    def texts(self) -> list[str]:
        return [w.text for w in self.argv]

    def display(self) -> str:
        text = " ".join(_quote(w.text) for w in self.argv)
        if len(text) > 200:
            text = text[:197] + "..."
        return text

    def __repr__(self) -> str:
        via = f" via {'/'.join(self.via)}" if self.via else ""
        return f"Invocation({self.argv!r}, cwd={self.cwd!r}{via})"


def _quote(text: str) -> str:
    if text and all(c.isalnum() or c in "-_./=:,+@%~^" for c in text):
        return text
    return "'" + text.replace("'", "'\\''") + "'"


class Finding:
    """A rule's observation about one action or invocation.

    ``rule_id`` names the rule; the engine fills ``verdict`` from the rule's default or the
    user's override. ``message`` says what would be touched or lost, already redacted.
    """

    __slots__ = ("instead", "message", "rule_id", "subject", "verdict")

    def __init__(
        self,
        rule_id: str,
        message: str,
        *,
        subject: str = "",
        instead: str | None = None,
        verdict: Verdict | None = None,
    ) -> None:
        self.rule_id = rule_id
        self.message = message
        self.subject = subject
        self.instead = instead
        self.verdict = verdict

    def __repr__(self) -> str:
        return f"Finding({self.rule_id}, {self.verdict!r}, {self.message!r})"


class Decision:
    """The engine's answer: the strictest verdict among the findings, and why."""

    __slots__ = ("findings", "safe", "verdict")

    def __init__(self, verdict: Verdict, findings: Sequence[Finding], safe: bool = False) -> None:
        self.verdict = verdict
        self.findings = list(findings)
        #: True when every part of the call was positively recognised as read-only/ordinary;
        #: only then may the opt-in ``allow_safe`` switch answer "allow" to the agent.
        self.safe = safe

    @property
    def rule_ids(self) -> list[str]:
        seen: list[str] = []
        for f in self.findings:
            if f.rule_id not in seen:
                seen.append(f.rule_id)
        return seen

    def deciding(self) -> list[Finding]:
        """The findings that carry the final verdict (the others were outranked)."""
        return [f for f in self.findings if f.verdict == self.verdict]

    def __repr__(self) -> str:
        return f"Decision({self.verdict.label}, {self.rule_ids})"
