"""Verdict: three ordered, named values, usable as ints, without the enum module."""

from __future__ import annotations

import subprocess
import sys

import pytest

from railguard.model import Verdict


def test_order_and_names() -> None:
    assert Verdict.ALLOW < Verdict.ASK < Verdict.DENY
    assert max([Verdict.ASK, Verdict.DENY, Verdict.ALLOW]) is Verdict.DENY
    assert [v.label for v in (Verdict.ALLOW, Verdict.ASK, Verdict.DENY)] == \
        ["allow", "ask", "deny"]
    assert Verdict.DENY.name == "DENY" and repr(Verdict.ASK) == "<Verdict.ASK: 1>"
    assert Verdict.DENY == 2 and str(Verdict.ASK) == "1" and isinstance(Verdict.ALLOW, int)


def test_lookup_and_parse() -> None:
    assert Verdict(2) is Verdict.DENY and Verdict(0) is Verdict.ALLOW
    assert Verdict.parse(" Deny ") is Verdict.DENY and Verdict.parse("ask") is Verdict.ASK
    for bad in (-1, 3, "2", None):
        with pytest.raises(ValueError):
            Verdict(bad)  # type: ignore[arg-type]
    for text in ("block", "", "0"):
        with pytest.raises(ValueError, match="expected allow, ask or deny"):
            Verdict.parse(text)


def test_the_model_does_not_import_enum() -> None:
    code = "import sys; import railguard.model; print('enum' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"
