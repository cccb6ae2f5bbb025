"""Scripts run through TypeScript runners, zx, ``uv run FILE.py`` and ``python -m`` of a local
module are read like ``python x.py`` and ``node x.js``: a refused command written into such a
file is refused when the file is run. Real files in the test's git project; nothing is run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import decide  # type: ignore[import-not-found]

from railguard.model import Verdict


@pytest.fixture
def scripts(project: Path) -> Path:
    (project / "wipe.py").write_text("import shutil\nshutil.rmtree('/etc')\n")
    (project / "wipe.ts").write_text("import * as fs from 'fs';\n"
                                     "fs.rmSync('/etc', {recursive: true});\n")
    (project / "wipe.mjs").write_text("await $`rm -rf /etc`\n")
    (project / "tools").mkdir()
    (project / "tools" / "__init__.py").write_text("")
    (project / "tools" / "clean.py").write_text("import os\nos.system('rm -rf ~')\n")
    (project / "pkg").mkdir()
    (project / "pkg" / "__main__.py").write_text("import shutil\nshutil.rmtree('/usr')\n")
    (project / "ok.py").write_text("print('hello')\n")
    (project / "ok.ts").write_text("console.log('hello')\n")
    return project


@pytest.mark.parametrize("command", [
    "uv run wipe.py", "uv run --script wipe.py", "uv run -q wipe.py", "tsx wipe.ts",
    "npx tsx wipe.ts", "pnpm dlx tsx wipe.ts", "tsx watch wipe.ts", "ts-node wipe.ts",
    "npx ts-node wipe.ts", "zx wipe.mjs", "npx zx wipe.mjs", "python -m tools.clean",
    "python3 -m pkg", "uv run python -m pkg",
])
def test_script_with_a_refused_command_is_refused(command: str, scripts: Path) -> None:
    d = decide(command, scripts)
    assert d.verdict == Verdict.DENY and "FS001" in d.rule_ids, (command, d.findings)


@pytest.mark.parametrize("command", [
    "uv run ok.py", "tsx ok.ts", "npx ts-node ok.ts", "python -m pytest",
    "python -m http.server 8000", "python -I -m tools.clean", "python -P -m pkg",
    "uv run pytest", "npx tsx --version",
])
def test_ordinary_runs_pass(command: str, scripts: Path) -> None:
    d = decide(command, scripts)
    assert d.verdict == Verdict.ALLOW, (command, d.findings)
