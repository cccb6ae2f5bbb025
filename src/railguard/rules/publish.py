"""The publish pack: what leaves the machine for good (packages, releases, images, repos).

A published version cannot be taken back from everyone who pulled it, and a deleted repository
takes its issues and history with it. These are asked, not refused: publishing is sometimes the
task, but the human should see it happen. ``--dry-run`` spellings pass.
"""

from __future__ import annotations

from railguard.model import Finding, Verdict
from railguard.rules.base import Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from railguard.model import Invocation
    from railguard.rules.base import Context

RULES = [
    Rule(
        "PUB001", "Package publish", Verdict.ASK,
        why="Publishing a package makes this version public and permanent: registries do not let "
            "a version number be reused, and everyone who installs it gets what was uploaded.",
        instead="Run the publish with `--dry-run` (npm, pnpm, cargo, poetry --dry-run) and let the "
                "user publish.",
        bad=["npm publish", "pnpm publish --access public", "yarn npm publish",
             "twine upload dist/*", "cargo publish", "poetry publish --build", "uv publish",
             "gem push x-1.0.gem", "npm unpublish pkg@1.0.0", "python -m twine upload dist/*"],
        good=["npm publish --dry-run", "cargo publish --dry-run", "npm pack", "poetry build",
              "twine check dist/*", "npm run publish-docs"],
    ),
    Rule(
        "PUB002", "Release or image push", Verdict.ASK,
        why="A GitHub release notifies watchers and is what users download; a pushed image tag "
            "may be what production pulls next.",
        instead="Prepare the release as a draft (`gh release create --draft`) or build the image "
                "locally, and let the user publish.",
        bad=["gh release create v1.2.0 --notes x", "docker push registry.example.com/app:latest",
             "podman push app:1.0", "gh release delete v1.0.0"],
        good=["gh release list", "gh release view v1.0.0", "gh release create v1.2.0 --draft",
              "docker build -t app .", "docker pull alpine"],
    ),
    Rule(
        "PUB003", "Repository or remote resource delete through gh", Verdict.ASK,
        why="`gh repo delete` removes a repository with its issues, pull requests and history; "
            "`gh api -X DELETE` removes whatever the endpoint names.",
        instead="Archive the repository (`gh repo archive`) or show the user the exact API call.",
        bad=["gh repo delete org/app --yes", "gh api -X DELETE repos/org/app/branches/main",
             "gh api --method DELETE /repos/o/r/hooks/1"],
        good=["gh repo view", "gh api repos/org/app", "gh pr list", "gh repo clone org/app"],
    ),
]

PROGRAMS = {"npm", "pnpm", "yarn", "twine", "cargo", "poetry", "uv", "gem", "flit", "hatch",
            "gh", "docker", "podman", "nerdctl", "buildah", "skopeo", "python", "python3",
            "bun", "deno", "jsr", "dotnet", "mvn", "vsce", "ovsx"}


def _words(inv: Invocation) -> list[str]:
    return [w.text for w in inv.args]


def _first_positional(words: list[str]) -> tuple[int, str]:
    for i, w in enumerate(words):
        if not w.startswith("-"):
            return i, w
    return -1, ""


def on_invocation(inv: Invocation, ctx: Context) -> Iterable[Finding]:
    name = inv.name or ""
    words = _words(inv)
    if any(w in ("--dry-run", "--dryrun", "--dry_run") or w.startswith("--dry-run=")
           for w in words):
        return ()
    shown = inv.display()
    i, sub = _first_positional(words)
    rest = words[i + 1 :] if i >= 0 else []
    if name in ("npm", "pnpm", "bun") and sub in ("publish", "unpublish"):
        return (Finding("PUB001", f"`{shown}` publishes to the registry"),)
    if name == "yarn" and (sub == "publish" or (sub == "npm" and rest[:1] == ["publish"])):
        return (Finding("PUB001", f"`{shown}` publishes to the registry"),)
    if name == "twine" and sub == "upload":
        return (Finding("PUB001", f"`{shown}` uploads to PyPI"),)
    if name in ("python", "python3") and words[:3] == ["-m", "twine", "upload"]:
        return (Finding("PUB001", f"`{shown}` uploads to PyPI"),)
    if name in ("cargo", "poetry", "uv", "flit", "hatch", "deno", "jsr") and sub == "publish":
        return (Finding("PUB001", f"`{shown}` publishes a package"),)
    if name == "gem" and sub in ("push", "yank"):
        return (Finding("PUB001", f"`{shown}` publishes to RubyGems"),)
    if name in ("vsce", "ovsx") and sub == "publish":
        return (Finding("PUB001", f"`{shown}` publishes an extension"),)
    if name == "dotnet" and sub == "nuget" and rest[:1] == ["push"]:
        return (Finding("PUB001", f"`{shown}` publishes to NuGet"),)
    if name == "mvn" and "deploy" in words:
        return (Finding("PUB001", f"`{shown}` deploys artifacts to a repository"),)
    if name in ("docker", "podman", "nerdctl", "buildah") and sub == "push":
        return (Finding("PUB002", f"`{shown}` pushes an image"),)
    if name == "docker" and sub in ("image",) and rest[:1] == ["push"]:
        return (Finding("PUB002", f"`{shown}` pushes an image"),)
    if name == "skopeo" and sub == "copy":
        return (Finding("PUB002", f"`{shown}` copies an image to a registry"),)
    if name == "gh":
        if sub == "release" and rest:
            _, action = _first_positional(rest)
            if action == "create" and "--draft" not in rest and "-d" not in rest:
                return (Finding("PUB002", f"`{shown}` publishes a release"),)
            if action in ("delete", "delete-asset", "upload", "edit"):
                return (Finding("PUB002", f"`{shown}` changes a published release"),)
        if sub == "repo" and rest:
            _, action = _first_positional(rest)
            if action == "delete":
                return (Finding("PUB003", f"`{shown}` deletes a repository"),)
        if sub == "api":
            method = None
            for k, w in enumerate(rest):
                if w in ("-X", "--method") and k + 1 < len(rest):
                    method = rest[k + 1].upper()
                elif w.startswith(("--method=", "-X")) and len(w) > 2:
                    method = w.split("=", 1)[-1].upper() if "=" in w else w[2:].upper()
            if method == "DELETE":
                return (Finding("PUB003", f"`{shown}` sends a DELETE to the GitHub API"),)
    return ()
