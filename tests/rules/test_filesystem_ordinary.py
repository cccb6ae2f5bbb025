"""Ordinary cleanup that is not a recursive delete of project files (FS004), each beside the
risky neighbour that still asks: globs of files, build outputs the repository declares, and
folders the command itself makes from nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import decide, git  # type: ignore[import-not-found]


def fs(command: str, cwd: Path) -> list[str]:
    return [i for i in decide(command, cwd).rule_ids if i.startswith("FS")]


def write(root: Path, files: dict[str, str]) -> None:
    for rel, body in files.items():
        f = root / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(body)


@pytest.fixture
def built(project: Path) -> Path:
    """The project with compiled objects and logs in its root, a tracked ``lib/`` of sources,
    and ignored ``bin/``, ``obj/``, ``build-arm/`` and ``data/`` folders."""
    write(project, {"lib/util.c": "int f(void);\n", "main.o": "\x7fELF", "util.o": "\x7fELF",
                    "npm-debug.log": "x\n", "app.tsbuildinfo": "{}\n",
                    ".gitignore": ".env\nconfig/.env\nbin/\nobj/\nbuild-arm/\ndata/\n"
                                  "*.o\n*.tsbuildinfo\n"})
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "sources")
    write(project, {"bin/app": "\x7fELF", "obj/main.o": "\x7fELF", "build-arm/app": "\x7fELF",
                    "data/users.csv": "id,name\n1,a\n"})
    return project


# -- globs of files ------------------------------------------------------------------------

@pytest.mark.parametrize("command", [
    "rm -rf *.o", "rm -rf *.log", "rm -rf dist *.tsbuildinfo", "rm -rf nonexist*.o",
    "rm -rf '*.o'", "rm -rf *.tsbuildinfo", "rm -rf app.*",
])
def test_glob_of_files_passes(built: Path, command: str) -> None:
    assert fs(command, built) == []


def test_glob_matching_nothing_passes(built: Path) -> None:
    assert fs("rm -rf nothing*.xyz", built) == []


def test_quoted_glob_is_a_literal_name(built: Path) -> None:
    (built / "*.dat").write_text("x\n")
    assert fs("rm -rf '*.dat'", built) == []


def test_makefile_clean_recipe_passes(built: Path) -> None:
    write(built, {"Makefile": "BUILD = build\nclean:\n\trm -rf $(BUILD) *.q coverage\n"})
    assert fs("make clean", built) == []


def test_glob_matching_a_folder_still_asks(built: Path) -> None:
    assert fs("rm -rf li*", built) == ["FS004"]
    assert fs("rm -rf *.c lib*", built) == ["FS004"]


def test_glob_of_folders_only_still_asks(built: Path) -> None:
    write(built, {"reports.d/q1.txt": "x\n"})
    assert fs("rm -rf *.d/", built) == ["FS004"]


def test_glob_a_moved_folder_would_match_still_asks(built: Path, home: Path) -> None:
    (home / "work").mkdir()
    assert fs("mv ~/work ./work.o && rm -rf *.o", built) == ["FS004"]
    assert fs("mv ~/work ./work.x && rm -rf *.x", built) == ["FS004"]


# -- build outputs -------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["_site", "playwright-report", "test-results",
                                  ".dart_tool", "DerivedData", "zig-out", ".terraform",
                                  "cdk.out", ".terragrunt-cache", ".direnv", "out-tsc"])
def test_standard_outputs_are_disposable(project: Path, name: str) -> None:
    write(project, {f"{name}/x/y": "x\n"})
    assert fs(f"rm -rf {name}", project) == []


def test_terraform_state_beside_its_cache_stays_guarded(project: Path) -> None:
    write(project, {".terraform/providers/p": "x\n",
                    "terraform.tfstate": '{"version": 4, "serial": 3, "lineage": "l", '
                                         '"resources": [{"type": "aws_s3_bucket"}]}\n'})
    assert fs("rm -rf .terraform", project) == []
    assert "TF" in "".join(decide("rm -f terraform.tfstate", project).rule_ids)


@pytest.mark.parametrize("name", ["bin", "obj", "build-arm"])
def test_ignored_output_folder_passes(built: Path, name: str) -> None:
    assert fs(f"rm -rf {name}", built) == []


def test_tracked_lib_still_asks(built: Path) -> None:
    assert fs("rm -rf lib", built) == ["FS004"]


def test_ignored_folder_with_a_tracked_file_still_asks(built: Path) -> None:
    git(built, "add", "-f", "bin/app")
    assert fs("rm -rf bin", built) == ["FS004"]


def test_ignored_data_folder_still_asks(built: Path) -> None:
    assert fs("rm -rf data", built) == ["FS004"]


def test_ignored_bin_holding_credentials_still_asks(built: Path) -> None:
    write(built, {"bin/.env": "API_TOKEN=placeholder\n"})
    assert fs("rm -rf bin", built) == ["FS004"]


def test_output_name_not_ignored_still_asks(built: Path) -> None:
    write(built, {"gen/schema.py": "x = 1\n"})
    assert fs("rm -rf gen", built) == ["FS004"]


# -- what the command makes ----------------------------------------------------------------

@pytest.mark.parametrize("command", [
    "mkdir -p scratch && echo hi > scratch/a && rm -rf scratch",
    "mkdir scratch; touch scratch/a scratch/b; rm -rf scratch",
    "cat > notes/a <<'EOF'\nx\nEOF\nrm -rf notes",
    "cp -r src scratch && rm -rf scratch",
])
def test_made_from_nothing_passes(project: Path, command: str) -> None:
    assert fs(command, project) == []


@pytest.mark.parametrize("command", [
    "mv ~/work ./y && rm -rf y",
    "mkdir y && mv ~/work y/ && rm -rf y",
    "ln -s ~/work y && rm -rf y/",
    "git mv src y && rm -rf y",
    "mkdir y && mount --bind ~/work y && rm -rf y",
    "mkdir y && tar -xf ~/work.tar -C y && rm -rf y",
    "git clone https://example.com/x.git y && rm -rf y",
    "cp -rP ~/work y && rm -rf y/link/",
])
def test_moved_in_still_asks(project: Path, home: Path, command: str) -> None:
    (home / "work").mkdir()
    assert "FS004" in fs(command, project)
