"""The rule registry: a literal table of packs, no plugin discovery (that costs start-up time).

To add a pack: write ``rules/<pack>.py`` with ``RULES`` and ``on_invocation``/``on_action``,
then list it in ``PACKS`` below. ``docs/architecture.md`` has the details.
"""

from __future__ import annotations

from railguard.rules import (
    cloud,
    containers,
    credentials,
    database,
    filesystem,
    git,
    iac,
    kubernetes,
    network,
    policy_rules,
    publish,
    self_protection,
    shell,
    tfstate,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType

    from railguard.rules.base import Rule

PACKS: dict[str, ModuleType] = {
    "shell": shell,
    "filesystem": filesystem,
    "git": git,
    "credentials": credentials,
    "network": network,
    "publish": publish,
    "self_protection": self_protection,
    "tfstate": tfstate,
    "iac": iac,
    "cloud": cloud,
    "kubernetes": kubernetes,
    "containers": containers,
    "database": database,
    "policy": policy_rules,
}

ALL_RULES: dict[str, Rule] = {}
for _name, _pack in PACKS.items():
    for _rule in _pack.RULES:
        _rule.pack = _name
        if _rule.id in ALL_RULES:
            raise RuntimeError(f"duplicate rule id {_rule.id}")
        ALL_RULES[_rule.id] = _rule

_BY_PROGRAM: dict[str, list[ModuleType]] = {}
_ANY: list[ModuleType] = []
for _pack in PACKS.values():
    if not hasattr(_pack, "on_invocation"):
        continue
    programs = getattr(_pack, "PROGRAMS", None)
    if programs is None:
        _ANY.append(_pack)
    else:
        for _prog in programs:
            _BY_PROGRAM.setdefault(_prog, []).append(_pack)

ACTION_PACKS: list[ModuleType] = [p for p in PACKS.values() if hasattr(p, "on_action")]


def packs_for(name: str | None) -> list[ModuleType]:
    """The packs that look at an invocation of ``name`` (None: a dynamic program name)."""
    if name is None:
        return _ANY
    specific = _BY_PROGRAM.get(name)
    if specific is None:
        # versioned names: python3.12, mkfs.ext4, pip3
        for sep in (".", "-"):
            if sep in name:
                specific = _BY_PROGRAM.get(name.split(sep, 1)[0])
                if specific:
                    break
    return (specific or []) + _ANY
