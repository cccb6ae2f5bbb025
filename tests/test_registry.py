"""The registry's table of what wakes each pack agrees with the packs themselves."""

from __future__ import annotations

import pytest

from railguard import rules as registry


@pytest.mark.parametrize("name", list(registry.PACK_TABLE))
def test_table_matches_pack(name: str) -> None:
    info = registry.PACK_TABLE[name]
    mod = registry.pack(name)
    declared = getattr(mod, "PROGRAMS", "absent")
    if declared != "absent":
        assert (None if declared is None else frozenset(declared)) == info.programs, name
    if info.programs:
        assert hasattr(mod, "on_invocation"), f"{name} lists programs but checks no invocation"
    if info.kinds:
        assert hasattr(mod, "on_action"), f"{name} lists action kinds but has no on_action"
    for rule in mod.RULES:
        prefix = rule.id.rstrip("0123456789")
        assert registry.PREFIXES.get(prefix) == name, f"{rule.id} is not under {name}'s prefix"
        assert rule.pack == name


def test_rule_lookup_loads_only_the_rules_pack() -> None:
    assert registry.rule("FS001") is not None
    assert registry.rule("NOPE001") is None
    assert registry.rule("FS999") is None


def test_versioned_program_names_reach_their_pack() -> None:
    for program in ("terraform", "terraform-1.11", "terraform1.11", "python3.12"):
        assert registry.wants("iac" if "terraform" in program else "database", program)
    assert not registry.wants("git", None)
    assert registry.wants("shell", None)
