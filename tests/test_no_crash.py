"""No input crashes the engine: random commands built from the pieces that have tripped shell
readers before (quotes left open, substitutions, wrappers, xargs options, heredocs, odd
Unicode, links, expansions) always end in a decision, never an exception.

The hook would turn an exception into a deny anyway (fail closed); this keeps the reason for
every refusal a real one. Seeded, so a failure is reproducible by its seed.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import decide

PIECES = [
    "rm", "-rf", "~", "/", "xargs", "-0", "-d", "'\\n'", "-I{}", "{}", "bash", "-c", "sh", "'",
    '"', "$(", ")", "`", "|", ";", "&&", "||", "\n", "echo", "printf", "'%s\\n'", "find", ".",
    "-delete", "-exec", "\\;", "+", "parallel", ":::", "::::", "git", "push", "--force", "-e",
    "--help", "node", "python", "perl", "ruby", "'rm -rf /'", '"rm -rf ~"', "link/", "..",
    "$HOME", "${X:-/}", "<<", "EOF", "<<<", ">", "2>&1", "cd", "/tmp", "*", "{a,b}", "\\",
    "$'\\x41'", "eval", "env", "-S", "sudo", "-u", "\udcff", "é", "\u3000", "\u200b",
    "GIT_SSH_COMMAND=./x", "-o", "--", "=", "A=1", "(", "{", "}", "!", "-E", "_", "-L1", "-n1",
    "--null", "--delimiter=,", "\r\n", "\t", "#", "$((", "))", "${", "[[", "]]", "case", "in",
    "esac", "for", "do", "done", "function", "alias", "trap", "exec", ">(", "<(",
]


@pytest.mark.parametrize("seed", range(8))
def test_random_commands_always_get_a_decision(seed: int, project: Path) -> None:
    rng = random.Random(seed)
    for _ in range(300):
        pieces = [rng.choice(PIECES) for _ in range(rng.randint(1, 16))]
        command = ("" if rng.random() < 0.3 else " ").join(pieces)
        try:
            decision = decide(command, project)
        except Exception as exc:  # pragma: no cover - the failure message is the point
            pytest.fail(f"seed {seed}: {command!r} raised {type(exc).__name__}: {exc}")
        assert decision.verdict is not None
