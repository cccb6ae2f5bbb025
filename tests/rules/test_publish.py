"""The publish pack, through the real engine, in a real git project.

Nothing is published: the calls are only judged. Each row is a spelling an agent uses (a runner
like npx, global options before the sub-command, a push hidden in a build), and the ordinary
calls that must pass (dry runs, help text, local builds, read-only API calls).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import decide, rule_ids  # type: ignore[import-not-found]

from railguard.model import Verdict


def ids(command: str, cwd: Path) -> list[str]:
    return rule_ids(command, cwd, "PUB")


FLAGGED = [
    ("npx lerna publish from-package --yes", "PUB001"),
    ("lerna publish", "PUB001"),
    ("npx changeset publish", "PUB001"),
    ("pnpm exec changeset publish", "PUB001"),
    ("npm dist-tag add pkg@1.0.0 latest", "PUB001"),
    ("npm dist-tag rm pkg beta", "PUB001"),
    ("pnpm dist-tag add pkg@2.0.0 next", "PUB001"),
    ("yarn npm tag add pkg@1.0.0 latest", "PUB001"),
    ("twine upload dist/*", "PUB001"),
    ("docker buildx build --push -t ghcr.io/org/app:latest .", "PUB002"),
    ("docker build --push -t ghcr.io/org/app:1.0 .", "PUB002"),
    ("docker buildx bake --push", "PUB002"),
    ("docker buildx build --output type=registry -t ghcr.io/org/app:1.0 .", "PUB002"),
    ("docker buildx build -o type=image,push=true -t ghcr.io/org/app:1.0 .", "PUB002"),
    ("docker buildx bake --set '*.output=type=registry'", "PUB002"),
    ("docker --context prod push app:1.0", "PUB002"),
    ("docker -H ssh://build image push app:1.0", "PUB002"),
    ("gh api graphql -f query='mutation { deleteRepository(input:{repositoryId:\"x\"}) "
     "{ clientMutationId } }'", "PUB003"),
    ("gh api graphql -F query='mutation { removeCollaborator(input:{}) { clientMutationId } }'",
     "PUB003"),
    ("gh api graphql --raw-field query='mutation { x: deleteRef(input:{refId:\"r\"}) "
     "{ clientMutationId } }'", "PUB003"),
]

ORDINARY = [
    "twine upload --repository testpypi dist/* --help",
    "twine upload dist/* -h",
    "npm publish --help",
    "cargo publish --version",
    "docker push --help",
    "gh release create --help",
    "npm publish --dry-run",
    "npx lerna version --no-push",
    "npx lerna run build",
    "npx changeset version",
    "npx changeset status",
    "npm dist-tag ls pkg",
    "docker buildx build --platform linux/amd64 -t app .",
    "docker buildx build --load -t app .",
    "docker build -t app .",
    "docker build --push=false -t app .",
    "docker buildx build -o type=docker -t app .",
    "docker buildx bake",
    "gh api graphql -f query='query { viewer { login } }'",
    "gh api graphql -f query='mutation { addComment(input:{subjectId:\"x\", body:\"hi\"}) "
    "{ clientMutationId } }'",
    "gh api graphql -f query='query { repository(owner:\"o\", name:\"deleteMe\") { id } }'",
    "gh api repos/org/app/releases --jq '.[0].tag_name'",
    "gh api repos/o/r/git/refs/heads/main",
    "gh api -X PATCH repos/o/r/git/refs/heads/main -f sha=abc123",
    "gh api -X PATCH repos/o/r/git/refs/heads/main -F force=false -f sha=abc",
    "gh api repos/o/r/git/refs -f ref=refs/heads/new -f sha=abc",
    "gh api -X PATCH repos/o/r/pulls/1 -F force=true",
    "gh api graphql -f query='mutation { updateRef(input:{refId:\"r\", oid:\"abc\"}) "
    "{ clientMutationId } }'",
]


@pytest.mark.parametrize(("command", "rule"), FLAGGED, ids=[c for c, _ in FLAGGED])
def test_flagged(command: str, rule: str, project: Path) -> None:
    decision = decide(command, project)
    assert rule in ids(command, project), decision.findings
    assert decision.verdict == Verdict.ASK


@pytest.mark.parametrize("command", ORDINARY)
def test_ordinary_calls_pass(command: str, project: Path) -> None:
    assert ids(command, project) == [], decide(command, project).findings


def test_graphql_mutation_read_from_a_file(project: Path) -> None:
    (project / "del.graphql").write_text(
        "# removes the old branch\nmutation {\n  deleteRef(input: {refId: \"r\"}) {\n"
        "    clientMutationId\n  }\n}\n")
    (project / "read.graphql").write_text("query { viewer { login } }\n")
    assert ids("gh api graphql -F query=@del.graphql", project) == ["PUB003"]
    assert ids("gh api graphql -F query=@read.graphql", project) == []
    assert ids("gh api graphql -F query=@missing.graphql", project) == []


def test_help_after_double_dash_is_an_operand(project: Path) -> None:
    assert ids("npm publish -- --help", project) == ["PUB001"]


def test_messages_name_the_call(project: Path) -> None:
    findings = decide("docker buildx build --push -t ghcr.io/org/app:1 .", project).findings
    assert any("pushes the image it builds" in f.message for f in findings)
    findings = decide("gh api graphql -f query='mutation { deleteIssue(input:{}) { x } }'",
                      project).findings
    assert any("deleteIssue" in f.message for f in findings)


FORCE_MOVES = [
    "gh api repos/o/r/git/refs/heads/main -X PATCH -f sha=abc123 -F force=true",
    "gh api --method PATCH /repos/o/r/git/refs/heads/feature -F sha=abc -F force=true",
    "gh api -XPATCH repos/o/r/git/refs/heads/main --field=force=true -f sha=abc",
    "gh api --method=patch repos/{owner}/{repo}/git/refs/heads/main -F force=true -f sha=a",
    "gh api -X PATCH repos/o/r/git/refs/tags/v1 -f sha=abc -f force=true",
    "gh api -X PATCH repos/o/r/git/refs/heads/main --input - <<< '{\"sha\":\"a\",\"force\":true}'",
    "curl -s x | gh api -X PATCH repos/o/r/git/refs/heads/main --input -",
    "gh api graphql -f query='mutation { updateRef(input:{refId:\"r\", oid:\"abc\", "
    "force: true}) { clientMutationId } }'",
]


@pytest.mark.parametrize("command", FORCE_MOVES)
def test_force_moving_a_ref_through_the_api_is_refused(command: str, project: Path) -> None:
    decision = decide(command, project)
    assert "PUB004" in decision.rule_ids, decision.findings
    assert decision.verdict == Verdict.DENY


def test_ref_update_body_read_from_a_file(project: Path) -> None:
    (project / "force.json").write_text('{"sha": "abc", "force": true}\n')
    (project / "ff.json").write_text('{"sha": "abc"}\n')
    endpoint = "repos/o/r/git/refs/heads/main"
    assert ids(f"gh api -X PATCH {endpoint} --input force.json", project) == ["PUB004"]
    assert ids(f"gh api -X PATCH {endpoint} --input ff.json", project) == []
    assert ids(f"gh api -X PATCH {endpoint} --input - <<< '{{\"sha\":\"a\"}}'", project) == []
    findings = decide(f"gh api -X PATCH {endpoint} --input force.json", project).findings
    assert any("the branch `main`" in f.message for f in findings)


def test_deleting_a_ref_through_the_api_is_asked(project: Path) -> None:
    """A DELETE of any endpoint, refs included, is asked (PUB003)."""
    assert ids("gh api -X DELETE repos/o/r/git/refs/heads/old", project) == ["PUB003"]
