"""A terraform / tofu / terragrunt invocation by meaning: where it runs and what it does.

``terraform -chdir=infra state push -force old.tfstate`` -> program ``terraform``, root
``<cwd>/infra``, verb ``state``, sub ``push``, flags ``{force}``, operands ``[old.tfstate]``.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from railguard.model import Invocation

PROGRAMS = frozenset({"terraform", "tofu", "terragrunt", "opentofu"})

#: options whose value may follow as the next word (Go's flag package allows ``-var x=1``)
_VALUED = frozenset(
    """var var-file target replace state state-out backup lock-timeout parallelism out config
    provider generate-config-out chdir from-module plugin-dir backend-config id
    terragrunt-working-dir working-dir terragrunt-config terragrunt-source
    terragrunt-iam-role""".split()
)

#: verbs that change infrastructure or state (with a stale state in place they do damage)
CHANGING = frozenset({"apply", "destroy", "import", "refresh", "taint", "untaint"})
CHANGING_STATE_SUBS = frozenset({"rm", "mv", "push", "replace-provider"})
#: verbs that only read the state (checked to keep the ledger current, never refused)
READING = frozenset({"plan", "show", "output", "console", "graph"})
READING_STATE_SUBS = frozenset({"list", "show", "pull"})


class TfCommand:
    """What one terraform-like invocation does."""

    __slots__ = ("env", "flags", "operands", "program", "root", "sub", "values", "verb", "via")

    def __init__(self, program: str, root: str | None, verb: str, sub: str,
                 flags: set[str], values: dict[str, list[str]], operands: list[str],
                 env: dict[str, str], via: str = "") -> None:
        self.program = program
        #: the working directory terraform runs in (absolute), None when not known statically
        self.root = root
        self.verb = verb
        self.sub = sub
        self.flags = flags
        self.values = values
        self.operands = operands
        self.env = env
        self.via = via

    @property
    def shown(self) -> str:
        return " ".join(x for x in (self.program, self.verb, self.sub) if x)

    @property
    def changes_state(self) -> bool:
        if self.verb in CHANGING:
            return True
        if self.verb == "state":
            return self.sub in CHANGING_STATE_SUBS
        if self.verb == "init":
            return "migrate-state" in self.flags or "force-copy" in self.flags
        if self.verb == "apply" and "destroy" in self.flags:
            return True
        return False

    @property
    def reads_state(self) -> bool:
        if self.verb in READING:
            return True
        return self.verb == "state" and self.sub in READING_STATE_SUBS

    @property
    def plan_file(self) -> str | None:
        """``terraform apply PLANFILE``: the saved plan it applies."""
        if self.verb == "apply" and self.operands:
            return self.operands[0]
        return None

    def value(self, name: str) -> str | None:
        vals = self.values.get(name)
        return vals[-1] if vals else None

    def __repr__(self) -> str:
        return f"TfCommand({self.shown!r}, root={self.root!r}, flags={sorted(self.flags)})"


def _split_opts(words: list[str]) -> tuple[set[str], dict[str, list[str]], list[str]]:
    flags: set[str] = set()
    values: dict[str, list[str]] = {}
    operands: list[str] = []
    i = 0
    while i < len(words):
        t = words[i]
        i += 1
        if t == "--":
            operands.extend(words[i:])
            break
        if t.startswith("-") and len(t) > 1:
            name, eq, val = t.lstrip("-").partition("=")
            if eq:
                if val.lower() in ("true", "false") and name not in _VALUED:
                    if val.lower() == "true":
                        flags.add(name)
                    values.setdefault(name, []).append(val)
                else:
                    values.setdefault(name, []).append(val)
            elif name in _VALUED and i < len(words):
                values.setdefault(name, []).append(words[i])
                i += 1
            else:
                flags.add(name)
            continue
        operands.append(t)
    return flags, values, operands


def program_of(name: str | None) -> str | None:
    """``terraform``, ``tofu`` or ``terragrunt`` for a program name (versioned names too)."""
    if name is None:
        return None
    if name in PROGRAMS:
        return "tofu" if name == "opentofu" else name
    for sep in ("-", "."):
        head = name.split(sep, 1)[0]
        if head in PROGRAMS:
            return "tofu" if head == "opentofu" else head
    if name.startswith("terraform") and name[9:].replace(".", "").isdigit():
        return "terraform"
    return None


def parse(inv: Invocation) -> TfCommand | None:
    """The TfCommand of an invocation of terraform/tofu/terragrunt, else None."""
    program = program_of(inv.name)
    if program is None or inv.remote:
        return None
    words = [w.text for w in inv.args]
    dynamic = any(w.dynamic for w in inv.args if "chdir" in w.text or "working-dir" in w.text)
    cwd = inv.cwd
    # global options come before the verb
    chdir = None
    i = 0
    while i < len(words) and words[i].startswith("-"):
        t = words[i]
        if t.startswith(("-chdir=", "--chdir=")):
            chdir = t.split("=", 1)[1]
        elif program == "terragrunt" and t.lstrip("-") in ("terragrunt-working-dir",
                                                          "working-dir") and i + 1 < len(words):
            chdir = words[i + 1]
            i += 1
        elif program == "terragrunt" and t.lstrip("-").startswith(("terragrunt-working-dir=",
                                                                    "working-dir=")):
            chdir = t.split("=", 1)[1]
        i += 1
    rest = words[i:]
    verb = rest[0] if rest else ""
    rest = rest[1:]
    if program == "terragrunt":
        # run-all destroy / run --all destroy / run -- destroy / destroy-all
        if verb in ("run-all", "run"):
            inner = [w for w in rest if not w.startswith("-")]
            verb = inner[0] if inner else ""
            if verb:
                rest = rest[rest.index(verb) + 1:]
        elif verb.endswith("-all"):
            verb = verb[:-4]
        for k, t in enumerate(rest):
            if t.lstrip("-") in ("terragrunt-working-dir", "working-dir") and k + 1 < len(rest):
                chdir = rest[k + 1]
    sub = ""
    if verb in ("state", "workspace", "providers") and rest and not rest[0].startswith("-"):
        sub = rest[0]
        rest = rest[1:]
    flags, values, operands = _split_opts(rest)
    env = dict(inv.env)
    root: str | None
    if cwd is None or dynamic:
        root = None
    elif chdir:
        root = os.path.normpath(os.path.join(cwd, os.path.expanduser(chdir)))
    else:
        root = os.path.normpath(cwd)
    via = "/".join(inv.via)
    return TfCommand(program, root, verb, sub, flags, values, operands, env, via)
