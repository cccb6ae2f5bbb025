"""The publish pack: what leaves the machine for good (packages, releases, images, repos).

A published version cannot be taken back from everyone who pulled it, and a deleted repository
takes its issues and history with it. These are asked, not refused: publishing is sometimes the
task, but the human should see it happen. The exception is a branch force-moved through the
GitHub API, a force push by another name, refused like ``git push --force``. ``--dry-run`` spellings
pass (the last one given wins: ``--dry-run=false`` publishes), and so does a call
that asks for help or the version (``--help``, ``-h``, ``--version`` anywhere before ``--``):
the tool prints text and publishes nothing.
"""

from __future__ import annotations

from railguard.model import Finding, Verdict
from railguard.rules.base import Rule

TYPE_CHECKING = False
if not TYPE_CHECKING:
    from railguard.lazyre import re
if TYPE_CHECKING:
    import re
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
             "gem push x-1.0.gem", "npm unpublish pkg@1.0.0", "python -m twine upload dist/*",
             "npx lerna publish from-package --yes", "npx changeset publish",
             "npm dist-tag add pkg@1.0.0 latest", "npm dist-tag rm pkg beta",
             "npm --registry https://registry.example.com publish", "cargo +stable publish",
             "npm publish --dry-run=false", "python3 -m twine --verbose upload dist/*",
             "npm deprecate pkg@1.0.0 'use 2.x'", "pdm publish", "maturin publish",
             "./gradlew publish", "./mvnw deploy", "sbt publish", "nuget push pkg.1.0.nupkg",
             "dart pub publish", "mix hex.publish", "pod trunk push Lib.podspec"],
        good=["npm publish --dry-run", "cargo publish --dry-run", "npm pack", "poetry build",
              "twine check dist/*", "npm run publish-docs", "twine upload dist/* --help",
              "npm publish -h", "npx lerna version --no-push", "npx changeset version",
              "npm dist-tag ls pkg", "npm --registry https://registry.example.com view pkg",
              "pdm build", "maturin build", "./gradlew build", "./gradlew publishToMavenLocal",
              "sbt publishLocal", "dart pub get", "dart pub publish --dry-run"],
    ),
    Rule(
        "PUB002", "Release or image push", Verdict.ASK,
        why="A GitHub release notifies watchers and is what users download; a pushed image tag "
            "may be what production pulls next (`docker build --push`, `docker buildx build "
            "--push`, `buildx bake --push` and `--output type=registry` push as they build). "
            "A GitLab release, or one goreleaser, semantic-release or release-it cuts, is "
            "published the same way.",
        instead="Prepare the release as a draft (`gh release create --draft`) or build the image "
                "locally, and let the user publish.",
        bad=["gh release create v1.2.0 --notes x", "docker push registry.example.com/app:latest",
             "podman push app:1.0", "gh release delete v1.0.0",
             "docker buildx build --push -t ghcr.io/org/app:latest .",
             "docker build --push -t ghcr.io/org/app:1.0 .", "docker buildx bake --push",
             "docker buildx build -o type=registry -t ghcr.io/org/app:1.0 .",
             "docker --context prod push app:1.0", "gh release create v1.2.0 --notes -d",
             "goreleaser release --clean", "npx semantic-release", "release-it",
             "glab release create v1.2.0"],
        good=["gh release list", "gh release view v1.0.0", "gh release create v1.2.0 --draft",
              "docker build -t app .", "docker pull alpine",
              "docker buildx build --platform linux/amd64 -t app .",
              "docker buildx build --load -t app .", "docker push --help",
              "gh release create v1.2.0 -n x --draft", "goreleaser release --snapshot --clean",
              "semantic-release --dry-run", "glab release list"],
    ),
    Rule(
        "PUB003", "Repository or remote resource deleted, or a repository made public, "
                  "through gh or glab", Verdict.ASK,
        why="`gh repo delete` (or `glab repo delete`) removes a repository with its issues, "
            "pull requests and history; "
            "`gh issue|gist|secret|variable|cache|run|label|project delete` remove what they "
            "name for good; `gh api -X DELETE` removes whatever the endpoint names, and so does "
            "a GraphQL mutation that deletes or removes (`gh api graphql -f query='mutation { "
            "deleteRef(...) }'`). `gh repo edit --visibility public` (or `private=false` through "
            "the API) lets anyone read and copy the code and its history.",
        instead="Archive the repository (`gh repo archive`) or show the user the exact API call.",
        bad=["gh repo delete org/app --yes", "gh api -X DELETE repos/org/app/branches/main",
             "gh api --method DELETE /repos/o/r/hooks/1",
             "gh api graphql -f query='mutation { deleteRepository(input:{repositoryId:\"x\"}) "
             "{ clientMutationId } }'", "gh issue delete 12 --yes",
             "gh repo edit --visibility public --accept-visibility-change-consequences",
             "glab repo delete group/app"],
        good=["gh repo view", "gh api repos/org/app", "gh pr list", "gh repo clone org/app",
              "gh api graphql -f query='query { viewer { login } }'",
              "gh api graphql -f query='mutation { addComment(input:{subjectId:\"x\", "
              "body:\"hi\"}) { clientMutationId } }'", "gh issue list",
              "gh repo edit --visibility private --accept-visibility-change-consequences",
              "glab repo view group/app"],
    ),
    Rule(
        "PUB004", "Branch force-moved through the GitHub API", Verdict.DENY,
        why="`gh api -X PATCH repos/O/R/git/refs/heads/BRANCH -F force=true` (or the GraphQL "
            "`updateRef` mutation with `force: true`) moves the branch on GitHub to any commit, "
            "as `git push --force` does: the commits others pushed are dropped from it, and the "
            "remote keeps no reflog anyone else can use.",
        instead="Push the commits with a normal `git push`; to undo work on a shared branch, "
                "revert it, or let the user move the branch.",
        bad=["gh api repos/o/r/git/refs/heads/main -X PATCH -f sha=abc123 -F force=true",
             "gh api --method PATCH /repos/o/r/git/refs/heads/feature -F sha=abc -F force=true",
             "gh api graphql -f query='mutation { updateRef(input:{refId:\"r\", oid:\"abc\", "
             "force:true}) { clientMutationId } }'"],
        good=["gh api repos/o/r/git/refs/heads/main",
              "gh api -X PATCH repos/o/r/git/refs/heads/main -f sha=abc123",
              "gh api -X PATCH repos/o/r/git/refs/heads/main -F force=false -f sha=abc"],
    ),
]

PROGRAMS = {"npm", "pnpm", "yarn", "twine", "cargo", "poetry", "uv", "gem", "flit", "hatch",
            "gh", "docker", "podman", "nerdctl", "buildah", "skopeo", "python", "python3",
            "bun", "deno", "jsr", "dotnet", "mvn", "vsce", "ovsx", "lerna", "changeset",
            "pdm", "rye", "maturin", "gradle", "gradlew", "mvnw", "sbt", "nuget", "dart",
            "flutter", "mix", "pod", "goreleaser", "semantic-release", "release-it", "glab",
            "helm"}

_HELP = frozenset({"--help", "-h", "--version"})
#: buildx build / docker build options that take a value (the rest are flags)
_BUILD_VALUED = frozenset(
    """-t --tag -f --file --platform --build-arg --target --cache-from --cache-to -o --output
    --label --secret --ssh --network --progress --builder --iidfile --metadata-file
    --build-context --add-host --shm-size --ulimit --allow --annotation --attest --call
    --cgroup-parent --sbom --provenance --set --policy""".split()
)
#: a GraphQL field that deletes or removes: ``deleteRef``, ``removeCollaborator``
_GQL_DELETE = re.compile(r"\b((?:delete|remove)[A-Z_]\w*)\s*[({]")
#: ``updateRef``/``updateRefs`` told to move a ref that does not fast-forward
_GQL_FORCE = re.compile(r"\bupdateRefs?\s*\(.*?\bforce\s*:\s*true\b", re.S)
#: a ref endpoint of the REST API: ``repos/O/R/git/refs/heads/main``
_REF_ENDPOINT = re.compile(r"^/?repos/[^/]+/[^/]+/git/refs/(.+)$")
#: gh api options that take a value
_API_VALUED = frozenset(["-X", "--method", "-f", "--raw-field", "-F", "--field", "-H",
                         "--header", "--input", "-q", "--jq", "-t", "--template",
                         "--hostname", "-p", "--preview", "--cache"])


def _words(inv: Invocation) -> list[str]:
    return [w.text for w in inv.args]


def _first_positional(words: list[str]) -> tuple[int, str]:
    for i, w in enumerate(words):
        if not w.startswith("-"):
            return i, w
    return -1, ""


#: the options a tool takes before its sub-command that take the next word as their value
#: (``npm --registry URL publish``); npm and pnpm read any config key as ``--key value``
_NPM_CONFIG_VALUED = (
    """--registry --otp --userconfig --globalconfig --cache --prefix -C --tag --access
    --loglevel --scope --auth-type --include --omit --cafile --ca --cert --key --proxy
    --https-proxy --noproxy --before --location -L --script-shell --tag-version-prefix
    --provenance-file --workspace --fetch-retries --fetch-timeout --npm-path --node-options
    --shell --editor --init-module --logs-dir --logs-max --cache-max --cache-min""".split()
)
_GLOBAL_VALUED: dict[str, frozenset[str]] = {
    "npm": frozenset([*_NPM_CONFIG_VALUED, "-w"]),
    "pnpm": frozenset([*_NPM_CONFIG_VALUED, "--dir", "--filter", "-F", "--filter-prod",
                       "--reporter", "--test-pattern", "--changed-files-ignore-pattern",
                       "--workspace-concurrency", "--publish-branch", "--report-summary"]),
    "yarn": frozenset("""--cwd --cache-folder --modules-folder --global-folder --mutex
        --network-timeout --proxy --https-proxy --registry --preferred-cache-folder
        --link-folder --otp --use-yarnrc --network-concurrency""".split()),
    "bun": frozenset(["--cwd", "--config", "-c", "--registry", "--otp"]),
    "cargo": frozenset(["--config", "-C", "--color", "-Z"]),
    "poetry": frozenset(["-C", "--directory", "-P", "--project"]),
    "uv": frozenset("""--directory --project --cache-dir --config-file --color --python -p
        --python-preference --allow-insecure-host --trusted-host""".split()),
    # cobra lets a group's ``-R/--repo`` stand before the group: ``gh -R o/r release create``
    "gh": frozenset(["-R", "--repo"]),
    "hatch": frozenset(["-e", "--env", "-p", "--project", "--data-dir", "--cache-dir",
                        "--config", "--color", "--interactive"]),
}
#: words npm-style parsers read as the value of the boolean option before them
_BOOL_WORDS = frozenset({"true", "false"})
_NOPT = frozenset({"npm", "pnpm", "bun"})


def _sub(words: list[str], name: str) -> tuple[int, str]:
    """Where the sub-command of ``name`` is, past its own options and their values
    (``cargo +stable publish``, ``npm --otp 123456 publish``)."""
    valued = _GLOBAL_VALUED.get(name, frozenset())
    i = 0
    if name == "cargo" and words[:1] and words[0].startswith("+"):
        i = 1  # the toolchain
    while i < len(words):
        w = words[i]
        if w == "--":
            return -1, ""
        if not w.startswith("-") or w == "-":
            return i, w
        i += 1
        if "=" in w or i >= len(words):
            continue
        if w in valued or (name in _NOPT and words[i] in _BOOL_WORDS):
            i += 1
    return -1, ""


_DRY = frozenset({"--dry-run", "--dryrun", "--dry_run"})
#: python's own options that take a value (``-W error -m twine``)
_PY_VALUED = frozenset({"-W", "-X", "--check-hash-based-pycs"})


def _python_module(words: list[str]) -> tuple[str, list[str]]:
    """``python [options] -m MODULE ARGS`` -> MODULE and ARGS (``-mtwine``, ``-I -m twine``)."""
    i = 0
    while i < len(words):
        w = words[i]
        i += 1
        if not w.startswith("-") or w in ("-", "--") or w.startswith("-c"):
            return "", []  # a script, standard input or -c code: not a module
        if w in _PY_VALUED:
            i += 1
            continue
        at = w.find("m") if not w.startswith("--") else -1
        if at > 0 and (at == 1 or w[1:at].isalpha()) and not any(c in "WXc" for c in w[1:at]):
            # ``-m MOD``, ``-mMOD``, ``-Im MOD``: the letters before m are flags
            if len(w) > at + 1:
                return w[at + 1 :], words[i:]
            return (words[i], words[i + 1 :]) if i < len(words) else ("", [])
    return "", []


#: ``gh release create`` options that take a value (pflag gives them the next word, even
#: ``-d``: ``--notes -d`` is notes, and no draft)
_GH_CREATE_VALUED = frozenset(
    """-n --notes -F --notes-file -t --title --target --discussion-category --notes-start-tag
    -R --repo""".split()
)
_GH_VALUED = frozenset({"-R", "--repo"})


def _gh_draft(words: list[str]) -> bool:
    """Does ``gh release create`` with these options make a draft? The last ``--draft``
    setting wins."""
    draft = False
    i = 0
    while i < len(words):
        w = words[i]
        i += 1
        if w == "--":
            break
        if w.startswith("--"):
            key, eq, val = w.partition("=")
            if key == "--draft":
                draft = not eq or val.lower() in ("true", "1", "t")
            elif not eq and key in _GH_CREATE_VALUED:
                i += 1
            continue
        if w.startswith("-") and len(w) > 1:
            for j, c in enumerate(w[1:], 1):
                if "-" + c in _GH_CREATE_VALUED:
                    if j == len(w) - 1:
                        i += 1  # its value is the next word
                    break
                if c == "d":
                    draft = True
    return draft


def _makes_public(words: list[str]) -> bool:
    """``gh repo edit --visibility public`` (the last setting wins)."""
    public = False
    for i, w in enumerate(words):
        key, eq, val = w.partition("=")
        if key == "--visibility":
            value = val if eq else (words[i + 1] if i + 1 < len(words) else "")
            public = value.lower() == "public"
    return public


def _gh_sub(words: list[str]) -> tuple[str, list[str]]:
    """A gh command group's action past ``-R/--repo`` (``gh release --repo o/r create``)."""
    from railguard.shell.options import subcommand

    action, _, rest = subcommand(words, _GH_VALUED)
    return action, rest


#: gh ``GROUP delete`` commands that delete something on GitHub that cannot be brought back
_GH_DELETES = {
    "issue": "an issue with its comments", "gist": "a gist", "secret": "a secret",
    "variable": "a variable", "cache": "Actions caches", "run": "a workflow run and its logs",
    "label": "a label (from every issue and pull request that has it)",
    "ssh-key": "an SSH key of the account", "gpg-key": "a GPG key of the account",
    "project": "a project", "codespace": "a codespace with its uncommitted work",
}
#: ``repos/O/R``: the repository itself
_REPO_ENDPOINT = re.compile(r"^/?repos/[^/]+/[^/]+/?$")
#: ``yarn workspaces foreach`` options that take a value
_YARN_FOREACH_VALUED = frozenset(["--include", "--exclude", "--from", "-j", "--jobs",
                                  "-W", "--worktree"])
#: ``uv tool run`` options that take a value
_UV_RUN_VALUED = frozenset(
    """--from --with --with-editable --with-requirements -p --python --index --index-url
    --extra-index-url --default-index -f --find-links --cache-dir --directory --project
    --config-file --color -c --constraints --overrides --build-constraints""".split()
)


def _dry_run(words: list[str], name: str) -> bool:
    """Is a dry run asked for, the last setting winning: ``--dry-run=false`` and npm's
    ``--dry-run false`` turn it off."""
    on = False
    for i, w in enumerate(words):
        key, eq, val = w.partition("=")
        if key not in _DRY:
            continue
        if not eq and name in _NOPT and i + 1 < len(words) and words[i + 1] in _BOOL_WORDS:
            val, eq = words[i + 1], "="
        on = not eq or val.strip().lower() not in ("false", "0", "null", "no", "off", "")
    return on


def _options_part(words: list[str]) -> list[str]:
    """The words before ``--`` (after it, they are operands, even ``--help``)."""
    return words[: words.index("--")] if "--" in words else words


def _docker_sub(words: list[str]) -> tuple[str, list[str]]:
    """``docker [global options] SUB ...`` -> SUB and what follows it."""
    from railguard.shell.options import CONTAINER_GLOBAL_VALUED, subcommand

    sub, _, rest = subcommand(words, CONTAINER_GLOBAL_VALUED)
    return sub, rest


def _build_pushes(words: list[str]) -> bool:
    """Does a ``build``/``bake`` with these options push what it builds to a registry?"""
    i = 0
    push = False
    while i < len(words):
        w = words[i]
        i += 1
        name, eq, val = w.partition("=")
        if name == "--push":
            push = not eq or val.lower() in ("true", "1")
        elif name in ("-o", "--output"):
            value = val if eq else (words[i] if i < len(words) else "")
            if not eq:
                i += 1
            parts = {p.strip().lower() for p in value.split(",")}
            if "type=registry" in parts or "push=true" in parts:
                push = True
        elif name == "--set" and not eq and i < len(words):
            # buildx bake --set '*.output=type=registry'
            value = words[i].lower()
            i += 1
            if "type=registry" in value or "push=true" in value:
                push = True
        elif not eq and name in _BUILD_VALUED:
            i += 1
    return push


def _api_call(rest: list[str]) -> tuple[str, str | None, list[str], str | None]:
    """``gh api`` read: the endpoint, the method named (None: gh's default), the fields
    (``-f``/``-F`` values) and the ``--input`` file."""
    endpoint = ""
    method = None
    fields: list[str] = []
    source = None
    k = 0
    while k < len(rest):
        w = rest[k]
        k += 1
        name, eq, val = w.partition("=")
        if w.startswith("--") and name in _API_VALUED:
            value = val if eq else (rest[k] if k < len(rest) else "")
            k += 0 if eq else 1
        elif w.startswith("-") and not w.startswith("--") and len(w) > 2 and w[:2] in _API_VALUED:
            name, value = w[:2], w[2:]
        elif w in _API_VALUED:
            value = rest[k] if k < len(rest) else ""
            k += 1
        else:
            if not w.startswith("-") and not endpoint:
                endpoint = w
            continue
        if name in ("-X", "--method"):
            method = value.upper()
        elif name in ("-f", "--raw-field", "-F", "--field"):
            fields.append(value)
        elif name == "--input":
            source = value
    return endpoint, method, fields, source


def _force_moves_ref(rest: list[str], ctx: Context, inv: Invocation) -> str | None:
    """The ref a ``gh api`` REST call force-moves (``PATCH .../git/refs/REF`` with
    ``force=true``), if any, as a user reads it (``branch `main```)."""
    endpoint, method, fields, source = _api_call(rest)
    m = _REF_ENDPOINT.match(endpoint)
    if m is None or method != "PATCH":
        return None
    force = any(f.partition("=")[0] == "force" and f.partition("=")[2].lower() == "true"
                for f in fields)
    if not force and source:
        # the request body from a file, or standard input (a piped body cannot be known)
        if source == "-":
            text = inv.stdin_text if inv.stdin_text is not None else '"force": true'
        else:
            text = _read_text(ctx.resolve(source, inv.cwd))
        force = bool(re.search(r'"force"\s*:\s*true', text))
    if not force:
        return None
    ref = m.group(1)
    for prefix, kind in (("heads/", "branch"), ("tags/", "tag")):
        if ref.startswith(prefix):
            return f"the {kind} `{ref[len(prefix):]}`"
    return f"the ref `{ref}`"


def _read_text(path: str | None) -> str:
    try:
        with open(path or "", encoding="utf-8", errors="replace") as fh:
            return fh.read(256 * 1024)
    except OSError:
        return ""


def _graphql_deletes(rest: list[str], ctx: Context, cwd: str | None) -> str | None:
    """The delete/remove mutation a ``gh api graphql`` call sends, if any."""
    for body in _graphql_mutations(rest, ctx, cwd):
        m = _GQL_DELETE.search(body)
        if m:
            return m.group(1)
    return None


def _graphql_mutations(rest: list[str], ctx: Context, cwd: str | None) -> list[str]:
    """The mutations (from the word ``mutation`` on, comments removed) a ``gh api graphql``
    call sends."""
    texts: list[str] = []
    k = 0
    while k < len(rest):
        w = rest[k]
        k += 1
        value = None
        if w in ("-f", "-F", "--raw-field", "--field", "--input") and k < len(rest):
            value = rest[k]
            k += 1
            if w == "--input":
                value = "@" + value
        elif w.startswith(("-f", "-F")) and len(w) > 2:
            value = w[2:]
        elif w.startswith(("--raw-field=", "--field=", "--input=")):
            value = w.split("=", 1)[1]
            if w.startswith("--input="):
                value = "@" + value
        if value is None:
            continue
        if value.startswith("query="):
            value = value[len("query="):]
        elif not value.startswith("@"):
            continue
        if value.startswith("@"):
            value = _read_text(ctx.resolve(value[1:], cwd))
            if not value:
                continue
        texts.append(value)
    out: list[str] = []
    for text in texts:
        # a GraphQL comment runs from # to the end of the line
        body = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
        at = body.find("mutation")
        if at >= 0:
            out.append(body[at:])
    return out


#: gradle options that take the next word as their value (``-x publish`` excludes the task)
_GRADLE_VALUED = frozenset(
    """-x --exclude-task -p --project-dir -g --gradle-user-home -I --init-script -b
    --build-file -c --settings-file --include-build --console --warning-mode --max-workers
    --priority --project-cache-dir -D --system-prop -P --project-prop --task --tests""".split()
)
#: the tasks of the maven-publish plugin that upload: ``publish``,
#: ``publishAllPublicationsToSonatypeRepository``, ``publishMavenPublicationToGitHubRepository``
#: (``publishToMavenLocal`` only copies into the local cache)
_GRADLE_PUBLISH = re.compile(r"^(?:publish|publishAllPublicationsTo\w+|publish\w+PublicationTo"
                             r"\w+Repository)$")
_GORELEASER_VALUED = frozenset(["-f", "--config", "--skip", "-p", "--parallelism", "--timeout",
                                "--release-notes", "--release-header", "--release-footer",
                                "--release-notes-tmpl", "--release-header-tmpl",
                                "--release-footer-tmpl", "--id"])


def _gradle_publishes(words: list[str]) -> str | None:
    """The upload task a gradle call runs (``publish``, ``:lib:publish``), if any."""
    if any(w in ("-m", "--dry-run") for w in words):
        return None
    i = 0
    while i < len(words):
        w = words[i]
        i += 1
        if w.startswith("-"):
            if "=" not in w and w in _GRADLE_VALUED:
                i += 1
            continue
        task = w.rsplit(":", 1)[-1]
        if _GRADLE_PUBLISH.match(task) and not task.endswith("MavenLocal"):
            return w
    return None


def _sbt_publishes(words: list[str]) -> bool:
    """``sbt publish``, ``sbt +publish``, ``sbt "; clean; core/publishSigned"``."""
    for w in words:
        if w.startswith("-"):
            continue
        for cmd in re.split(r"[;\s]+", w):
            task = cmd.lstrip("+").rsplit("/", 1)[-1]
            if task in ("publish", "publishSigned"):
                return True
    return False


def _goreleaser_publishes(words: list[str]) -> bool:
    """``goreleaser release`` (and bare ``goreleaser``, which runs it) publishes the release
    unless it is a ``--snapshot`` or skips publishing (``--skip=publish``)."""
    from railguard.shell.options import subcommand

    sub, _, _ = subcommand(words, _GORELEASER_VALUED)
    if sub not in ("", "release") or "-v" in words:
        return False  # another command, or ``-v``: the version
    opts = words
    for i, w in enumerate(opts):
        key, eq, val = w.partition("=")
        if key in ("--snapshot", "--skip-publish") and (not eq or val.lower() == "true"):
            return False
        if key == "--skip":
            value = val if eq else (opts[i + 1] if i + 1 < len(opts) else "")
            if "publish" in value.split(","):
                return False
    return True


def _build_tool_publishes(name: str, sub: str, rest: list[str], words: list[str],
                          shown: str) -> tuple[Finding, ...]:
    """Package managers and release tools beyond the JavaScript, Python and Rust ones."""
    if name in ("pdm", "rye") and sub == "publish":
        return (Finding("PUB001", f"`{shown}` publishes a package"),)
    if name == "maturin" and sub in ("publish", "upload"):
        return (Finding("PUB001", f"`{shown}` uploads to PyPI"),)
    if name in ("gradle", "gradlew"):
        task = _gradle_publishes(words)
        if task:
            return (Finding("PUB001", f"`{shown}` runs `{task}`, which uploads the "
                                      "publications to their repository"),)
    if name == "sbt" and _sbt_publishes(words):
        return (Finding("PUB001", f"`{shown}` publishes artifacts to a repository"),)
    if name == "nuget" and sub == "push":
        return (Finding("PUB001", f"`{shown}` publishes to NuGet"),)
    if name in ("dart", "flutter") and sub == "pub":
        _, action = _sub(rest, name)
        if action in ("publish", "lish") and not any(w in ("-n", "--dry-run") for w in rest):
            return (Finding("PUB001", f"`{shown}` publishes to pub.dev"),)
    if name == "mix" and sub == "hex.publish":
        return (Finding("PUB001", f"`{shown}` publishes to Hex"),)
    if name == "pod" and sub == "trunk" and _first_positional(rest)[1] == "push":
        return (Finding("PUB001", f"`{shown}` publishes a pod to CocoaPods trunk"),)
    if name == "goreleaser" and _goreleaser_publishes(words):
        return (Finding("PUB002", f"`{shown}` publishes a release (and the archives, "
                                  "packages or images it is set to push)"),)
    if name in ("semantic-release", "release-it") and \
            not any(w in ("-d", "--release-version", "--changelog") for w in words):
        return (Finding("PUB002", f"`{shown}` tags, publishes a release and (as configured) "
                                  "the package"),)
    if name == "glab" and rest:
        action, _ = _gh_sub(rest)
        if sub == "release" and action in ("create", "delete", "upload"):
            return (Finding("PUB002", f"`{shown}` publishes or changes a GitLab release"),)
        if sub == "repo" and action == "delete":
            return (Finding("PUB003", f"`{shown}` deletes a repository"),)
    return ()


def on_invocation(inv: Invocation, ctx: Context) -> Iterable[Finding]:
    name = inv.name or ""
    words = _words(inv)
    options = _options_part(words)
    if _dry_run(options, name):
        return ()
    if any(w in _HELP for w in options) and not (
            name == "cargo" and "yank" in words and "--help" not in options
            and "-h" not in options):
        return ()  # prints help or the version (``cargo yank --version V`` names one)
    shown = inv.display()
    i, sub = _sub(words, name)
    rest = words[i + 1 :] if i >= 0 else []
    if name in ("lerna", "changeset") and sub == "publish":
        return (Finding("PUB001", f"`{shown}` publishes packages to the registry"),)
    if name in ("npm", "pnpm") and sub in ("dist-tag", "dist-tags"):
        _, action = _first_positional(rest)
        if action in ("add", "set", "rm", "remove"):
            return (Finding("PUB001", f"`{shown}` changes which version every user of the tag "
                                      "installs"),)
        return ()
    if name == "yarn" and ((sub == "tag" and rest[:1] in (["add"], ["remove"], ["rm"])) or
                           (sub == "npm" and rest[:1] == ["tag"]
                            and rest[1:2] in (["add"], ["remove"]))):
        return (Finding("PUB001", f"`{shown}` changes which version every user of the tag "
                                  "installs"),)
    if name == "pnpm" and sub in ("recursive", "m", "multi"):
        _, sub = _sub(rest, name)
    if name == "yarn" and ((sub == "workspace" and len(rest) > 1) or
                           (sub == "workspaces" and rest[:1] == ["foreach"])):
        # ``yarn workspace PKG npm publish``, ``yarn workspaces foreach -A npm publish``:
        # the command run in the workspaces
        from railguard.shell.options import subcommand

        sub, _, rest = (rest[1], [], rest[2:]) if sub == "workspace" else \
            subcommand(rest[1:], _YARN_FOREACH_VALUED)
    if name in ("npm", "pnpm", "bun") and sub in ("publish", "unpublish"):
        return (Finding("PUB001", f"`{shown}` publishes to the registry"),)
    if name == "npm" and sub == "deprecate":
        return (Finding("PUB001", f"`{shown}` marks published versions deprecated for everyone "
                                  "who installs them"),)
    if name == "npm" and sub == "access":
        _, action = _first_positional(rest)
        if action in ("public", "set") and (action == "public" or "status=public" in rest):
            return (Finding("PUB001", f"`{shown}` makes a package public"),)
    if name == "yarn" and (sub == "publish" or (sub == "npm" and rest[:1] == ["publish"])):
        return (Finding("PUB001", f"`{shown}` publishes to the registry"),)
    if name == "twine" and sub == "upload":
        return (Finding("PUB001", f"`{shown}` uploads to PyPI"),)
    if name.startswith("python"):
        module, margs = _python_module(words)
        if module == "twine" and _first_positional(margs)[1] == "upload":
            return (Finding("PUB001", f"`{shown}` uploads to PyPI"),)
    if name == "uv" and sub == "tool" and rest[:1] == ["run"]:
        # ``uv tool run [options] twine upload``, as ``uvx`` runs it
        from railguard.shell.options import subcommand

        tool, _, targs = subcommand(rest[1:], _UV_RUN_VALUED)
        if tool.split("@", 1)[0] == "twine" and _first_positional(targs)[1] == "upload":
            return (Finding("PUB001", f"`{shown}` uploads to PyPI"),)
    if name in ("cargo", "poetry", "uv", "flit", "hatch", "deno", "jsr") and sub == "publish":
        return (Finding("PUB001", f"`{shown}` publishes a package"),)
    if name == "gem" and sub in ("push", "yank"):
        return (Finding("PUB001", f"`{shown}` publishes to RubyGems"),)
    if name == "cargo" and sub == "yank" and "--undo" not in words:
        return (Finding("PUB001", f"`{shown}` withdraws a published version from crates.io for "
                        "every new user of it"),)
    if name == "helm" and sub == "push":
        return (Finding("PUB002", f"`{shown}` pushes a chart to a registry"),)
    if name in ("vsce", "ovsx") and sub == "publish":
        return (Finding("PUB001", f"`{shown}` publishes an extension"),)
    if name == "dotnet" and sub == "nuget" and rest[:1] == ["push"]:
        return (Finding("PUB001", f"`{shown}` publishes to NuGet"),)
    if name in ("mvn", "mvnw") and "deploy" in words:
        return (Finding("PUB001", f"`{shown}` deploys artifacts to a repository"),)
    found = _build_tool_publishes(name, sub, rest, words, shown)
    if found:
        return found
    if name in ("docker", "podman", "nerdctl", "buildah"):
        dsub, drest = _docker_sub(words)
        if dsub == "push" or (dsub == "image" and drest[:1] == ["push"]):
            return (Finding("PUB002", f"`{shown}` pushes an image"),)
        if name == "docker" and dsub == "buildx" and drest[:1] in (["build"], ["b"], ["bake"]):
            dsub, drest = drest[0], drest[1:]
        if name == "docker" and dsub in ("build", "b", "bake", "builder") and \
                _build_pushes(drest if dsub != "builder" else drest[1:]):
            return (Finding("PUB002", f"`{shown}` pushes the image it builds to a registry"),)
        if name == "docker" and dsub == "compose" and "push" in drest:
            return (Finding("PUB002", f"`{shown}` pushes the services' images"),)
    if name == "skopeo" and sub == "copy":
        return (Finding("PUB002", f"`{shown}` copies an image to a registry"),)
    if name == "gh":
        action, after = _gh_sub(rest)
        if sub == "release" and rest:
            if action == "create" and not _gh_draft(after):
                return (Finding("PUB002", f"`{shown}` publishes a release"),)
            if action in ("delete", "delete-asset", "upload", "edit"):
                return (Finding("PUB002", f"`{shown}` changes a published release"),)
        if sub == "repo" and rest:
            if action == "delete":
                return (Finding("PUB003", f"`{shown}` deletes a repository"),)
            if action == "deploy-key" and _gh_sub(after)[0] == "delete":
                return (Finding("PUB003", f"`{shown}` deletes a deploy key of the "
                                          "repository"),)
            if action == "edit" and _makes_public(after):
                return (Finding("PUB003", f"`{shown}` makes the repository public: its code "
                                          "and history can be read and copied by anyone"),)
        if sub in _GH_DELETES and action in ("delete", "remove"):
            return (Finding("PUB003", f"`{shown}` deletes {_GH_DELETES[sub]}"),)
        if sub == "api":
            method = None
            for k, w in enumerate(rest):
                if w in ("-X", "--method") and k + 1 < len(rest):
                    method = rest[k + 1].upper()
                elif w.startswith(("--method=", "-X")) and len(w) > 2:
                    method = w.split("=", 1)[-1].upper() if "=" in w else w[2:].upper()
            if method == "DELETE":
                return (Finding("PUB003", f"`{shown}` sends a DELETE to the GitHub API"),)
            ref = _force_moves_ref(rest, ctx, inv)
            if ref is not None:
                return (Finding("PUB004", f"`{shown}` force-moves {ref} on GitHub, as a force "
                                          "push does: the commits it held are dropped from it "
                                          "for everyone"),)
            endpoint, method, fields, _ = _api_call(rest)
            if _REPO_ENDPOINT.match(endpoint) and method in (None, "PATCH") and \
                    {f.lower().replace(" ", "") for f in fields} & {"private=false",
                                                                   "visibility=public"}:
                return (Finding("PUB003", f"`{shown}` makes the repository public: its code "
                                          "and history can be read and copied by anyone"),)
            if endpoint == "graphql":
                if any(_GQL_FORCE.search(b) for b in _graphql_mutations(rest, ctx, inv.cwd)):
                    return (Finding("PUB004", f"`{shown}` force-moves a ref on GitHub with the "
                                              "GraphQL updateRef mutation, as a force push "
                                              "does"),)
                mutation = _graphql_deletes(rest, ctx, inv.cwd)
                if mutation:
                    return (Finding("PUB003", f"`{shown}` sends the GraphQL mutation "
                                              f"{mutation}, which deletes what it names"),)
    return ()
