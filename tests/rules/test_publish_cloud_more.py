"""Publish, cloud and Pulumi calls in the spellings their tools accept, through the real engine.

Nothing runs: each call is only judged, in a real git project. Each row is one way of writing a
call those packs already stop in its ordinary form: options before the sub-command, a dry run
turned back off, another spelling of the same tool, a Go or argparse option form. Each group
keeps its ordinary neighbour, which must still pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import decide, rule_ids  # type: ignore[import-not-found]

from railguard.model import Verdict

# --- options before the sub-command -------------------------------------------------------------

GLOBAL_OPTIONS_FIRST = [
    "npm --registry https://registry.example.com publish",
    "npm --otp 123456 publish",
    "npm -w pkg publish",
    "npm --json true publish",
    "pnpm -C dir publish",
    "pnpm --filter a publish",
    "yarn --cwd pkg publish",
    "cargo +stable publish",
    "cargo --config x=1 publish",
    "poetry -C pkg publish",
    "uv --directory pkg publish",
]


@pytest.mark.parametrize("command", GLOBAL_OPTIONS_FIRST)
def test_publish_after_global_options_is_asked(command: str, project: Path) -> None:
    assert rule_ids(command, project, "PUB") == ["PUB001"], decide(command, project).findings


GLOBAL_OPTIONS_ORDINARY = [
    "npm --registry https://registry.example.com view pkg",
    "npm --otp 123456 whoami",
    "npm -w pkg run publish",
    "npm --json install publish",
    "pnpm -C dir install",
    "pnpm --filter a run publish",
    "yarn --cwd pkg build",
    "cargo +stable build",
    "cargo --config x=1 test",
    "poetry -C pkg build",
    "uv --directory pkg build",
]


@pytest.mark.parametrize("command", GLOBAL_OPTIONS_ORDINARY)
def test_other_commands_after_global_options_pass(command: str, project: Path) -> None:
    assert rule_ids(command, project, "PUB") == [], decide(command, project).findings


# --- a dry run turned off -------------------------------------------------------------------------

DRY_RUN_OFF = [
    ("npm publish --dry-run=false", "PUB"),
    ("npm publish --dry-run false", "PUB"),
    ("npm publish --dry-run --dry-run=false", "PUB"),
    ("pnpm publish --dry-run=false", "PUB"),
    ("cargo publish --dry-run=0", "PUB"),
    ("rclone purge remote:prod --dry-run=false", "CLOUD"),
    ("rclone sync ./site remote:www --dry-run=false", "CLOUD"),
    ("wrangler delete --dry-run=false", "CLOUD"),
    ("wrangler delete --dry-run false", "CLOUD"),
    ("mc rm -r --force local/prod --dry-run=false", "CLOUD"),
    ("pulumi destroy --yes --preview-only=false", "IAC"),
    ("pulumi destroy --yes --preview-only=0", "IAC"),
    ("pulumi up --preview-only=false", "IAC"),
]


@pytest.mark.parametrize(("command", "prefix"), DRY_RUN_OFF, ids=[c for c, _ in DRY_RUN_OFF])
def test_dry_run_turned_off_is_not_a_dry_run(command: str, prefix: str, project: Path) -> None:
    assert rule_ids(command, project, prefix), decide(command, project).findings


DRY_RUN_ON = [
    ("npm publish --dry-run", "PUB"),
    ("npm publish --dry-run true", "PUB"),
    ("npm publish --dry-run=false --dry-run", "PUB"),
    ("pnpm publish --dry-run", "PUB"),
    ("rclone purge remote:prod --dry-run", "CLOUD"),
    ("rclone sync ./site remote:www --dry-run=true", "CLOUD"),
    ("wrangler delete --dry-run", "CLOUD"),
    ("mc rm -r --force local/prod --dry-run", "CLOUD"),
    ("pulumi destroy --yes --preview-only", "IAC"),
    ("pulumi destroy --yes --preview-only=true", "IAC"),
]


@pytest.mark.parametrize(("command", "prefix"), DRY_RUN_ON, ids=[c for c, _ in DRY_RUN_ON])
def test_dry_run_still_passes(command: str, prefix: str, project: Path) -> None:
    assert rule_ids(command, project, prefix) == [], decide(command, project).findings


# --- other spellings of a publish -----------------------------------------------------------------

PUBLISH_SPELLINGS = [
    ("python3.12 -m twine upload dist/*", "PUB001"),
    ("python -mtwine upload dist/*", "PUB001"),
    ("python -I -m twine upload dist/*", "PUB001"),
    ("python -W error -m twine upload dist/*", "PUB001"),
    ("python3 -m twine --verbose upload dist/*", "PUB001"),
    ("pnpm recursive publish", "PUB001"),
    ("pnpm m publish", "PUB001"),
    ("uv tool run twine upload dist/*", "PUB001"),
    ("uv tool run --from twine twine upload dist/*", "PUB001"),
    ("yarn workspace pkg npm publish", "PUB001"),
    ("yarn workspaces foreach -A --include pkg npm publish", "PUB001"),
    ("npm deprecate pkg@1.0.0 'use 2.x'", "PUB001"),
    ("npm access set status=public pkg", "PUB001"),
    ("gh release create v1 --notes -d", "PUB002"),
    ("gh release create v1 -n -d", "PUB002"),
    ("gh release create v1 --draft --draft=false", "PUB002"),
    ("gh release --repo o/r create v1", "PUB002"),
    ("gh -R o/r release create v1", "PUB002"),
]


@pytest.mark.parametrize(("command", "rule"), PUBLISH_SPELLINGS,
                         ids=[c for c, _ in PUBLISH_SPELLINGS])
def test_publish_spellings_are_asked(command: str, rule: str, project: Path) -> None:
    decision = decide(command, project)
    assert rule_ids(command, project, "PUB") == [rule], decision.findings
    assert decision.verdict == Verdict.ASK


PUBLISH_ORDINARY = [
    "python3.12 -m twine check dist/*",
    "python -mtwine check dist/*",
    "python -m pytest",
    "python -c 'import sys' -m twine upload",
    "python -Wm twine upload",
    "pnpm m ls",
    "uv tool run twine check dist/*",
    "yarn workspace pkg run build",
    "yarn workspaces foreach -A run build",
    "npm access set status=private pkg",
    "npm access get status pkg",
    "gh release create v1 --draft",
    "gh release create v1 -d",
    "gh release create v1 -pd",
    "gh release create v1 -n x --draft",
    "gh release create v1 --draft=false --draft",
    "gh release --repo o/r list",
    "gh -R o/r release list",
]


@pytest.mark.parametrize("command", PUBLISH_ORDINARY)
def test_publish_neighbours_pass(command: str, project: Path) -> None:
    assert rule_ids(command, project, "PUB") == [], decide(command, project).findings


# --- gh deletes and a repository made public ------------------------------------------------------

GH_DELETES = [
    "gh issue delete 12 --yes",
    "gh gist delete abc",
    "gh secret delete TOKEN",
    "gh secret remove TOKEN",
    "gh variable delete X",
    "gh cache delete --all",
    "gh run delete 123",
    "gh label delete bug",
    "gh repo deploy-key delete 1",
    "gh ssh-key delete 1",
    "gh project delete 1 --owner me",
    "gh repo edit --visibility public --accept-visibility-change-consequences",
    "gh repo edit o/r --visibility=public",
    "gh api -X PATCH repos/o/r -f private=false",
    "gh api --method PATCH /repos/o/r -F visibility=public",
]


@pytest.mark.parametrize("command", GH_DELETES)
def test_gh_deletes_and_visibility_are_asked(command: str, project: Path) -> None:
    decision = decide(command, project)
    assert rule_ids(command, project, "PUB") == ["PUB003"], decision.findings
    assert decision.verdict == Verdict.ASK


GH_ORDINARY = [
    "gh issue list",
    "gh issue close 12",
    "gh secret list",
    "gh secret set TOKEN --body x",
    "gh cache list",
    "gh run list",
    "gh label create bug",
    "gh repo deploy-key list",
    "gh repo edit --visibility private --accept-visibility-change-consequences",
    "gh repo edit --visibility public --visibility private",
    "gh repo edit --description x",
    "gh api -X PATCH repos/o/r -f description=x",
    "gh api -X PATCH repos/o/r -f private=true",
    "gh api repos/o/r",
]


@pytest.mark.parametrize("command", GH_ORDINARY)
def test_gh_neighbours_pass(command: str, project: Path) -> None:
    assert rule_ids(command, project, "PUB") == [], decide(command, project).findings


# --- cloud: argparse abbreviations, Go flags, endpoints read whole, Azure -------------------------

CLOUD_SPELLINGS = [
    ("aws s3 sync ./empty s3://www --del", "CLOUD002"),
    ("aws s3 rm s3://x --recurs", "CLOUD002"),
    ("aws --endpoint-url https://minio.prod.example.com s3 rb s3://b --force", "CLOUD002"),
    ("aws --endpoint-url https://127.0.0.1.prod.example.com s3 rb s3://b --force", "CLOUD002"),
    ("aws --endpoint-url=https://localhost.example.com s3 rm s3://b --recursive", "CLOUD002"),
    ("mc mirror -remove ./site prod/www", "CLOUD002"),
    ("az storage blob sync -c web -s ./site --delete-destination true", "CLOUD002"),
    ("az storage blob sync -c web -s ./site --delete-destination=true", "CLOUD002"),
    ("az deployment group create -g rg --template-file main.json --mode Complete", "CLOUD008"),
]


@pytest.mark.parametrize(("command", "rule"), CLOUD_SPELLINGS,
                         ids=[c for c, _ in CLOUD_SPELLINGS])
def test_cloud_spellings_are_caught(command: str, rule: str, project: Path) -> None:
    assert rule in rule_ids(command, project, "CLOUD"), decide(command, project).findings


CLOUD_ORDINARY = [
    "aws s3 sync ./site s3://www",
    "aws s3 rm s3://x --recurs --dry",
    "aws s3 rm s3://x --recursive --dryrun",
    "aws --endpoint-url http://localhost:4566 s3 rb s3://b --force",
    "aws --endpoint-url http://minio:9000 s3 rb s3://b --force",
    "aws --endpoint-url=http://127.0.0.1:9000 s3 rm s3://b --recursive",
    "aws --endpoint-url http://[::1]:4566 s3 rb s3://b --force",
    "aws --endpoint-url http://s3.localhost.localstack.cloud:4566 s3 rb s3://b --force",
    "mc mirror ./site prod/www",
    "mc mirror -remove -dry-run ./site prod/www",
    "az storage blob sync -c web -s ./site --delete-destination false",
    "az storage blob sync -c web -s ./site --delete-destination prompt",
    "az deployment group create -g rg --template-file main.json",
    "az deployment group create -g rg --template-file main.json --mode Incremental",
]


@pytest.mark.parametrize("command", CLOUD_ORDINARY)
def test_cloud_neighbours_pass(command: str, project: Path) -> None:
    assert rule_ids(command, project, "CLOUD") == [], decide(command, project).findings
