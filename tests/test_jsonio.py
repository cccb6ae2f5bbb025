"""railguard.jsonio reads and writes JSON exactly as the json package does."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from railguard import jsonio

PAYLOADS = Path(__file__).resolve().parents[1] / ".." / "shared" / "hook-payloads"

TEXTS = [
    '{"a": [1, 2.5, "x", null, true, false, {"b": "\\u00e9\\ud83d\\ude00"}]}', '  {"x": 1}  \n',
    "[]", '"s"', "1e400", "NaN", '{"a": -Infinity}', '{"a": 1,}', '{"a" 1}', "", "   ",
    '{"a": "\x01"}', "\ufeff{}", '{"a":1} x', "[1,2", '{"a": "\\ud800"}', '{"a": 1, "a": 2}',
    "123abc", '{"k": 12345678901234567890}', "[" * 50 + "]" * 50, '{"a": "\\q"}', "-", "tru",
]


def _outcome(fn: Any, text: str) -> tuple[str, str]:
    try:
        return ("ok", repr(fn(text)))
    except Exception as exc:
        return (type(exc).__name__, str(exc))


def _random_json(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(8 if depth < 4 else 5)
    if kind == 0:
        return rng.choice([None, True, False])
    if kind == 1:
        return rng.randint(-10**20, 10**20)
    if kind == 2:
        return rng.choice([0.5, -1e-300, 1e300, 3.0])
    if kind in (3, 4):
        return "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0, 0x110000)]))
                       for _ in range(rng.randrange(12)))
    if kind in (5, 6):
        return {str(rng.random()): _random_json(rng, depth + 1)
                for _ in range(rng.randrange(4))}
    return [_random_json(rng, depth + 1) for _ in range(rng.randrange(4))]


@pytest.mark.parametrize("text", TEXTS)
def test_loads_matches_the_json_package(text: str) -> None:
    assert _outcome(jsonio.loads, text) == _outcome(json.loads, text)


def test_loads_and_dumps_match_on_random_documents() -> None:
    rng = random.Random(7)
    for _ in range(500):
        doc = _random_json(rng)
        text = json.dumps(doc)
        assert jsonio.dumps(doc) == text
        assert _outcome(jsonio.loads, text) == _outcome(json.loads, text)
        mangled = text[: rng.randrange(len(text) + 1)]  # cut short: mostly invalid
        assert _outcome(jsonio.loads, mangled) == _outcome(json.loads, mangled)


def test_the_agents_real_payloads_read_alike() -> None:
    files = sorted(PAYLOADS.rglob("*.json")) if PAYLOADS.is_dir() else []
    if not files:
        pytest.skip("the shared hook payloads are not beside the repository")
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert _outcome(jsonio.loads, text) == _outcome(json.loads, text), f


def test_errors_match_in_a_process_without_the_json_package() -> None:
    """The hook never imports json before reading its payload: a value cut short must still
    raise the json package's own error there, not an internal one from the C scanner."""
    import subprocess
    import sys

    driver = (
        "import sys\n"
        "from railguard import jsonio\n"
        "assert 'json.decoder' not in sys.modules\n"
        "texts = " + repr(TEXTS) + "\n"
        "out = []\n"
        "for t in texts:\n"
        "    try:\n"
        "        out.append(('ok', repr(jsonio.loads(t))))\n"
        "    except Exception as exc:\n"
        "        out.append((type(exc).__name__, str(exc)))\n"
        "import json\n"
        "print(json.dumps(out))\n"
    )
    proc = subprocess.run([sys.executable, "-c", driver], capture_output=True, text=True,
                          timeout=60, check=True)
    fresh = [tuple(x) for x in json.loads(proc.stdout)]
    assert fresh == [_outcome(json.loads, t) for t in TEXTS]
