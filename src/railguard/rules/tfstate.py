"""The tfstate pack (being written)."""

from __future__ import annotations

from railguard.rules.base import Rule

RULES: list[Rule] = []
