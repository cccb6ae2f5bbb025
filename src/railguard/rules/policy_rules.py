"""Findings that come from the user's own permission rules (``[permissions]`` in the config)."""

from __future__ import annotations

from railguard.model import Verdict
from railguard.rules.base import Rule

RULES = [
    Rule(
        "POL001", "Denied by your policy", Verdict.DENY,
        why="A `permissions.deny` rule in your railguard config matches this call.",
        instead="Ask the user; the rule is theirs to change.",
    ),
    Rule(
        "POL002", "Asked by your policy", Verdict.ASK,
        why="A `permissions.ask` rule in your railguard config matches this call.",
        instead="Wait for the user to approve it.",
    ),
]
