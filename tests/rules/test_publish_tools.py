"""Publishing and bulk-deleting tools beyond the common package managers, through the real
engine, in a real git project.

Nothing is published or deleted: the calls are only judged. Each tool's publish or delete is
asked or refused, and the ordinary call next to it (a build, a dry run, a listing) passes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import decide  # type: ignore[import-not-found]

from railguard import rules as registry
from railguard.model import Verdict

PUBLISHED = [
    ("pdm publish", "PUB001"),
    ("pdm publish --repository testpypi", "PUB001"),
    ("rye publish --yes", "PUB001"),
    ("maturin publish", "PUB001"),
    ("maturin upload dist/*", "PUB001"),
    ("./gradlew publish", "PUB001"),
    ("gradle publish", "PUB001"),
    ("./gradlew clean :lib:publish", "PUB001"),
    ("./gradlew publishAllPublicationsToSonatypeRepository", "PUB001"),
    ("./gradlew publishMavenPublicationToGitHubPackagesRepository", "PUB001"),
    ("./gradlew -p lib --no-daemon publish", "PUB001"),
    ("./mvnw deploy", "PUB001"),
    ("./mvnw -B clean deploy -DskipTests", "PUB001"),
    ("sbt publish", "PUB001"),
    ("sbt +publish", "PUB001"),
    ("sbt '; clean; core/publishSigned'", "PUB001"),
    ("nuget push pkg.1.0.0.nupkg -Source https://api.nuget.org/v3/index.json", "PUB001"),
    ("dotnet nuget push pkg.1.0.0.nupkg", "PUB001"),
    ("dart pub publish", "PUB001"),
    ("dart pub publish --force", "PUB001"),
    ("flutter pub publish", "PUB001"),
    ("mix hex.publish", "PUB001"),
    ("mix hex.publish --yes", "PUB001"),
    ("pod trunk push Lib.podspec", "PUB001"),
    ("goreleaser release", "PUB002"),
    ("goreleaser release --clean", "PUB002"),
    ("goreleaser", "PUB002"),
    ("goreleaser release --skip=validate", "PUB002"),
    ("semantic-release", "PUB002"),
    ("npx semantic-release", "PUB002"),
    ("npx --yes semantic-release --no-ci", "PUB002"),
    ("release-it", "PUB002"),
    ("npx release-it --ci", "PUB002"),
    ("release-it minor --ci", "PUB002"),
    ("glab release create v1.2.0", "PUB002"),
    ("glab release delete v1.0.0", "PUB002"),
    ("glab repo delete group/app", "PUB003"),
    ("glab repo delete group/app --yes", "PUB003"),
    ("cargo yank --version 1.0.0", "PUB001"),
    ("cargo yank my-crate@1.0.0", "PUB001"),
    ("helm push chart-1.0.0.tgz oci://registry.example.com/charts", "PUB002"),
]

ORDINARY_PUBLISH = [
    "cargo yank --version 1.0.0 --undo", "cargo yank --help", "helm package chart",
    "helm push --help", "cargo build --release",
    "pdm build",
    "pdm install",
    "rye build",
    "maturin build --release",
    "maturin develop",
    "./gradlew build",
    "./gradlew publishToMavenLocal",
    "./gradlew publishMavenPublicationToMavenLocal",
    "./gradlew build -x publish",
    "./gradlew publish --dry-run",
    "./gradlew publish -m",
    "./gradlew help --task publish",
    "./mvnw package",
    "./mvnw install",
    "sbt compile",
    "sbt publishLocal",
    "sbt test",
    "nuget restore",
    "dart pub get",
    "dart pub publish --dry-run",
    "dart pub publish -n",
    "flutter pub get",
    "mix compile",
    "mix hex.publish --dry-run",
    "mix hex.info",
    "pod install",
    "pod trunk me",
    "goreleaser release --snapshot",
    "goreleaser release --snapshot --clean",
    "goreleaser release --skip=publish",
    "goreleaser release --skip=announce,publish",
    "goreleaser build --clean",
    "goreleaser check",
    "goreleaser -v",
    "semantic-release --dry-run",
    "npx semantic-release --dry-run",
    "semantic-release -d",
    "release-it --dry-run",
    "npx release-it --release-version",
    "release-it --help",
    "glab release list",
    "glab release view v1.0.0",
    "glab repo view group/app",
    "glab repo clone group/app",
    "glab mr list",
]


@pytest.mark.parametrize(("command", "rule"), PUBLISHED, ids=[c for c, _ in PUBLISHED])
def test_publish_is_asked(command: str, rule: str, project: Path) -> None:
    decision = decide(command, project)
    assert rule in decision.rule_ids, decision.findings
    assert decision.verdict == Verdict.ASK


@pytest.mark.parametrize("command", ORDINARY_PUBLISH)
def test_ordinary_publish_neighbours_pass(command: str, project: Path) -> None:
    decision = decide(command, project)
    assert not [i for i in decision.rule_ids if i.startswith("PUB")], decision.findings


DELETED = [
    ("s5cmd rm 's3://bucket/*'", "CLOUD002"),
    ("s5cmd rm 's3://bucket/uploads/*.png'", "CLOUD002"),
    ("s5cmd --endpoint-url https://minio.local:9000 rm 's3://bucket/*'", "CLOUD002"),
    ("s5cmd rm --all-versions s3://bucket/a.txt", "CLOUD002"),
    ("s5cmd rb s3://bucket", "CLOUD002"),
    ("s5cmd sync --delete ./site/ s3://www/", "CLOUD002"),
    ("s5cmd --numworkers 64 sync --delete './site/*' s3://www/", "CLOUD002"),
    ("s5cmd rm s3://bucket/a.txt", "CLOUD003"),
    ("azcopy rm --recursive https://acct.blob.core.windows.net/backups", "CLOUD002"),
    ("azcopy remove 'https://acct.blob.core.windows.net/backups?sv=x' --recursive=true",
     "CLOUD002"),
    ("azcopy sync ./site 'https://acct.blob.core.windows.net/$web' --delete-destination=true",
     "CLOUD002"),
    ("azcopy sync ./site https://acct.blob.core.windows.net/web --delete-destination true",
     "CLOUD002"),
    ("azcopy rm https://acct.blob.core.windows.net/c/a.txt", "CLOUD003"),
    ("supabase projects delete abcdefgh", "CLOUD007"),
    ("supabase branches delete feature-x", "CLOUD001"),
    ("supabase storage rm -r ss:///avatars", "CLOUD003"),
    ("stripe customers delete cus_123", "CLOUD008"),
    ("stripe products delete prod_1 --live", "CLOUD008"),
    ("stripe subscriptions cancel sub_1", "CLOUD008"),
]

ORDINARY_CLOUD = [
    "supabase projects list", "supabase start", "supabase status", "supabase functions deploy x",
    "stripe customers list", "stripe listen --forward-to localhost:3000",
    "stripe trigger payment_intent.succeeded", "stripe customers create --email a@b.c",
    "s5cmd ls s3://b",
    "s5cmd ls 's3://b/*'",
    "s5cmd cp ./a.txt s3://b/a.txt",
    "s5cmd sync ./site/ s3://www/",
    "s5cmd --dry-run rm 's3://bucket/*'",
    "s5cmd rm --dry-run 's3://bucket/*'",
    "s5cmd sync --dry-run --delete ./site/ s3://www/",
    "s5cmd rm --help",
    "azcopy copy a b",
    "azcopy list https://acct.blob.core.windows.net/c",
    "azcopy sync ./site https://acct.blob.core.windows.net/web",
    "azcopy sync ./site https://acct.blob.core.windows.net/web --delete-destination=false",
    "azcopy sync ./site https://acct.blob.core.windows.net/web --delete-destination=prompt",
    "azcopy rm --recursive https://acct.blob.core.windows.net/c --dry-run",
    "azcopy login",
]


@pytest.mark.parametrize(("command", "rule"), DELETED, ids=[c for c, _ in DELETED])
def test_object_store_delete_is_caught(command: str, rule: str, project: Path) -> None:
    decision = decide(command, project)
    assert rule in decision.rule_ids, decision.findings
    assert decision.verdict == registry.rule(rule).verdict  # type: ignore[union-attr]


@pytest.mark.parametrize("command", ORDINARY_CLOUD)
def test_ordinary_object_store_calls_pass(command: str, project: Path) -> None:
    decision = decide(command, project)
    assert not [i for i in decision.rule_ids if i.startswith("CLOUD")], decision.findings


def test_the_tools_are_routed_to_their_packs() -> None:
    for program in ("pdm", "rye", "maturin", "gradle", "gradlew", "mvnw", "sbt", "nuget",
                    "dart", "flutter", "mix", "pod", "goreleaser", "semantic-release",
                    "release-it", "glab"):
        assert registry.wants("publish", program), program
    for program in ("s5cmd", "azcopy"):
        assert registry.wants("cloud", program), program


def test_messages_name_what_is_published(project: Path) -> None:
    findings = decide("./gradlew clean :lib:publish", project).findings
    assert any("`:lib:publish`" in f.message for f in findings)
    findings = decide("s5cmd sync --delete ./site/ s3://www/", project).findings
    assert any("s3://www/" in f.message for f in findings)
