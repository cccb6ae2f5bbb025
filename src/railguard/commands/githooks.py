"""Git hooks: the checks a commit must pass, and a pre-commit hook for teams without the framework.

``railguard git-hook CHECK`` runs one check on what is staged (the index, not the working tree):

- ``secrets``: the staged changes add a credential (runs ``railguard scan --staged``);
- ``no-commit-to-branch``: the commit would land directly on main/master (``--branch`` and the
  config's ``git.protected_branches`` name others; globs allowed);
- ``large-files``: a new file is over ``--maxkb`` kilobytes (default 500);
- ``protected-files``: a file that holds credentials or infrastructure state (``.env``, private
  keys, key stores, ``*.tfstate``) is being committed;
- ``pre-commit``: all of the above (what the hook written by ``install-git-hooks`` runs).

The pre-commit framework calls the single checks (see ``.pre-commit-hooks.yaml``).

``railguard install-git-hooks`` writes ``pre-commit`` into the hooks directory (``core.hooksPath``
when set). A hook already there is moved aside to ``pre-commit.railguard-chained`` and still runs,
first. ``railguard uninstall-git-hooks`` removes railguard's hook and moves the old one back, so the
directory is exactly as it was. Neither ever overwrites a file railguard did not write.

Exit codes: 0 passed / done, 1 the commit is refused, 2 error (not a git repository, git failed).
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from railguard.config import Config
    from railguard.rules.base import Context

MARKER = "railguard-managed-hook"
CHAINED_SUFFIX = ".railguard-chained"
HOOK_NAME = "pre-commit"
DEFAULT_BRANCHES = ("main", "master")
DEFAULT_MAXKB = 500
CHECKS = ("secrets", "no-commit-to-branch", "large-files", "protected-files")


class GitError(Exception):
    """git failed, or this is not a git repository; the message is one line for the user."""


# --- command-line ---------------------------------------------------------------------------


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "install-git-hooks",
        help="install a git pre-commit hook running railguard's checks (keeps an existing hook)",
        description="Write a pre-commit hook (into core.hooksPath when set) that runs railguard's "
                    "checks: secrets, no commit to main/master, large files, protected files. An "
                    f"existing hook is kept as {HOOK_NAME}{CHAINED_SUFFIX} and runs first.",
    )
    p.set_defaults(func=main_install)
    p = sub.add_parser(
        "uninstall-git-hooks",
        help="remove railguard's pre-commit hook and put back the one it replaced",
    )
    p.set_defaults(func=main_uninstall)

    p = sub.add_parser(
        "git-hook",
        help="run one of the git hook checks on the staged changes (exit 1: refuse the commit)",
        description="Checks what is staged for the next commit. Called by the hook that "
                    "install-git-hooks writes and by the pre-commit framework.",
    )
    p.add_argument("check", choices=(HOOK_NAME, *CHECKS), help="the check to run")
    p.add_argument("--branch", action="append", default=[], metavar="NAME",
                   help="no-commit-to-branch: a protected branch (a name or glob; repeatable; "
                        "default: main and master)")
    p.add_argument("--maxkb", type=int, default=DEFAULT_MAXKB, metavar="N",
                   help=f"large-files: the largest new file allowed, in KB (default {DEFAULT_MAXKB})")
    p.add_argument("--allow", action="append", default=[], metavar="GLOB",
                   help="protected-files: a path that may be committed anyway (repeatable)")
    p.add_argument("--baseline", metavar="FILE",
                   help="secrets: report only findings not recorded in this baseline "
                        "(see `railguard scan --baseline`)")
    p.add_argument("files", nargs="*", help=argparse.SUPPRESS)  # ignored: the index is read
    p.set_defaults(func=main_check)


def main_install(args: argparse.Namespace) -> int:
    try:
        print(install(os.getcwd()))
    except GitError as exc:
        sys.stderr.write(f"railguard: {exc}\n")
        return 2
    return 0


def main_uninstall(args: argparse.Namespace) -> int:
    try:
        print(uninstall(os.getcwd()))
    except GitError as exc:
        sys.stderr.write(f"railguard: {exc}\n")
        return 2
    return 0


def main_check(args: argparse.Namespace) -> int:
    checks = CHECKS if args.check == HOOK_NAME else (args.check,)
    if args.maxkb <= 0:
        sys.stderr.write("railguard: --maxkb must be a positive number\n")
        return 2
    try:
        top = repo_top(os.getcwd())
    except GitError as exc:
        sys.stderr.write(f"railguard: {exc}\n")
        return 2
    problems: list[str] = []
    refused = error = False
    for check in checks:
        try:
            if check == "secrets":
                sys.stdout.flush()
                code = check_secrets(top, args.baseline)
                refused = refused or code == 1
                error = error or code == 2
            elif check == "no-commit-to-branch":
                problems.extend(check_branch(top, args.branch))
            elif check == "large-files":
                problems.extend(check_large_files(top, args.maxkb))
            else:
                problems.extend(check_protected_files(top, args.allow))
        except GitError as exc:
            sys.stderr.write(f"railguard: {check}: {exc}\n")
            error = True
    for line in problems:
        print(f"railguard: {line}")
    if problems or refused or error:
        print("railguard: commit refused. Fix the above and commit again.")
        return 2 if error and not (problems or refused) else 1
    return 0


# --- git ------------------------------------------------------------------------------------


def git(args: list[str], cwd: str, *, stdin: bytes | None = None) -> bytes:
    """The stdout of ``git ARGS``; GitError with git's own first line when it fails."""
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None
    if proc.returncode != 0:
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        first = lines[0] if lines else f"exit status {proc.returncode}"
        if "not a git repository" in first:
            raise GitError(f"not a git repository (or any parent up to the root): {cwd}")
        raise GitError(f"git {args[0]} failed: {first.removeprefix('fatal: ')}")
    return proc.stdout


def repo_top(cwd: str) -> str:
    """The top of the work tree that holds ``cwd``."""
    out = git(["rev-parse", "--show-toplevel"], cwd).decode("utf-8", "surrogateescape").strip()
    if not out:
        raise GitError(f"not inside a git work tree: {cwd}")
    return out


def hooks_dir(cwd: str) -> str:
    """The directory git runs hooks from: ``core.hooksPath`` when set, else ``.git/hooks``."""
    git(["rev-parse", "--git-dir"], cwd)  # a clear error outside a repository
    out = git(["rev-parse", "--git-path", "hooks"], cwd).decode("utf-8", "surrogateescape")
    path = out.rstrip("\n")
    return os.path.normpath(os.path.join(cwd, path))


def staged(top: str, diff_filter: str) -> list[str]:
    """Paths (relative to the top) staged for the next commit with a status in ``diff_filter``."""
    out = git(["diff", "--cached", "--name-only", "--no-renames", "-z",
               f"--diff-filter={diff_filter}"], top)
    return [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]


def staged_sizes(top: str, paths: list[str]) -> dict[str, int]:
    """The size of each path's blob in the index (submodules are skipped)."""
    if not paths:
        return {}
    out = git(["ls-files", "-s", "-z", "--", *(f":(literal){p}" for p in paths)], top)
    shas: dict[str, str] = {}
    for entry in out.decode("utf-8", "surrogateescape").split("\0"):
        if not entry or "\t" not in entry:
            continue
        meta, path = entry.split("\t", 1)
        mode, sha, _stage = meta.split(" ", 2)
        if mode != "160000":
            shas[path] = sha
    if not shas:
        return {}
    batch = git(["cat-file", "--batch-check=%(objectname) %(objectsize)"], top,
                stdin="".join(f"{sha}\n" for sha in shas.values()).encode())
    size_of: dict[str, int] = {}
    for line in batch.decode().splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            size_of[parts[0]] = int(parts[1])
    return {path: size_of[sha] for path, sha in shas.items() if sha in size_of}


# --- the checks -----------------------------------------------------------------------------


def check_secrets(top: str, baseline: str | None = None) -> int:
    """``railguard scan --staged`` in the repository: 0 clean, 1 findings, 2 error."""
    import importlib

    try:
        scan = importlib.import_module("railguard.commands.scan")
    except ImportError as exc:
        sys.stderr.write(f"railguard: the secret scanner is not available ({exc})\n")
        return 2
    parser = argparse.ArgumentParser(prog="railguard")
    scan.add_parser(parser.add_subparsers(dest="command"))
    argv = ["scan", "--staged"]
    if baseline:
        argv += ["--baseline", os.path.abspath(baseline)]
    ns = parser.parse_args(argv)
    cwd = os.getcwd()
    try:
        os.chdir(top)
        code: int = ns.func(ns)
    finally:
        os.chdir(cwd)
    return code if code in (0, 1) else 2


def _load_config(top: str) -> Config:
    from railguard import config as cfgmod

    home = os.environ.get("HOME") or os.path.expanduser("~")
    try:
        return cfgmod.load(top, home)
    except cfgmod.ConfigError as exc:
        raise GitError(str(exc)) from None


def check_branch(top: str, branches: list[str]) -> list[str]:
    """A problem when HEAD is a protected branch (a detached HEAD, as in a rebase, is not)."""
    import fnmatch

    try:
        out = git(["symbolic-ref", "--quiet", "--short", "HEAD"], top)
    except GitError:
        return []  # detached HEAD
    branch = out.decode("utf-8", "surrogateescape").strip()
    patterns = list(branches or DEFAULT_BRANCHES) + _load_config(top).protected_branches
    if any(fnmatch.fnmatchcase(branch, p) for p in patterns):
        return [f"`{branch}` is a protected branch: commit on a branch of its own "
                f"(`git switch -c my-change`) and merge it through a review."]
    return []


def check_large_files(top: str, maxkb: int) -> list[str]:
    problems = []
    sizes = staged_sizes(top, staged(top, "AC"))
    for path, size in sorted(sizes.items()):
        kb = -(-size // 1024)
        if kb > maxkb:
            problems.append(
                f"{path} is {_human(size)}, over the {maxkb} KB limit for new files: keep large "
                "files out of git (Git LFS, a release asset, an artifact store), or raise the "
                "limit with --maxkb.")
    return problems


def _human(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{-(-size // 1024)} KB"


def protected_reason(path: str, ctx: Context, allow: list[str]) -> str | None:
    """Why ``path`` (absolute, in the work tree) must not be committed; None when it may be.

    Credential files are the credentials pack's (its defaults plus ``paths.protected`` minus
    ``paths.unprotected``); templates such as ``.env.example`` are not among them.
    """
    import fnmatch

    from railguard.rules.credentials import protected
    from railguard.terraform.state import is_state_name

    rel = ctx.rel(path)
    base = path.rsplit("/", 1)[-1]
    if any(fnmatch.fnmatchcase(rel, a) or fnmatch.fnmatchcase(base, a) for a in allow):
        return None
    if is_state_name(path):
        return ("Terraform state holds every resource's attributes, secrets included, in plain "
                "text: keep it in a remote backend, never in git")
    if protected(path, ctx):
        return ("it holds credentials: keep it out of git (add it to .gitignore) and commit a "
                "template without values instead, such as .env.example")
    return None


def check_protected_files(top: str, allow: list[str]) -> list[str]:
    from railguard.model import Action
    from railguard.rules.base import Context
    from railguard.shell.paths import PathContext

    config = _load_config(top)
    home = os.environ.get("HOME") or os.path.expanduser("~")
    ctx = Context(Action("other", "git-hook", cwd=top, project_dir=top), config,
                  PathContext(home, top))
    problems = []
    for path in staged(top, "ACMR"):
        why = protected_reason(os.path.join(top, path), ctx, allow)
        if why:
            problems.append(f"{path}: {why}. Unstage it with `git rm --cached {shlex.quote(path)}`.")
    return problems


# --- install / uninstall --------------------------------------------------------------------


def _railguard_path() -> str:
    """The railguard executable the hook should call (empty: look it up on PATH)."""
    import shutil

    argv0 = os.path.abspath(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if os.path.basename(argv0) == "railguard" and os.access(argv0, os.X_OK):
        return argv0
    sibling = os.path.join(os.path.dirname(sys.executable), "railguard")
    if os.access(sibling, os.X_OK):
        return sibling
    return shutil.which("railguard") or ""


def hook_script(railguard: str) -> str:
    chained = HOOK_NAME + CHAINED_SUFFIX
    return f"""#!/bin/sh
# {MARKER}: written by `railguard install-git-hooks`.
# `railguard uninstall-git-hooks` removes it and puts back the hook it replaced, which is kept
# beside it as {chained} and runs first.
chained="$(dirname "$0")/{chained}"
if [ -x "$chained" ]; then
    "$chained" "$@" || exit $?
fi
RAILGUARD={shlex.quote(railguard)}
if [ -z "$RAILGUARD" ] || [ ! -x "$RAILGUARD" ]; then
    RAILGUARD=$(command -v railguard) || {{
        echo "railguard: the pre-commit hook cannot find railguard; install it, or remove the hook with 'railguard uninstall-git-hooks'" >&2
        exit 1
    }}
fi
exec "$RAILGUARD" git-hook {HOOK_NAME}
"""


def is_ours(path: str) -> bool:
    if os.path.islink(path) or not os.path.isfile(path):
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(512)
    except OSError:
        return False
    return MARKER.encode() in head


def _write_hook(path: str, text: str) -> None:
    tmp = f"{path}.railguard-tmp{os.getpid()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o755)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o755)
        os.replace(tmp, path)
    except BaseException:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise


def _shown(path: str, cwd: str) -> str:
    rel = os.path.relpath(path, cwd)
    return path if rel.startswith("../..") else rel


def install(cwd: str) -> str:
    """Install the hook; the message to show. GitError when it cannot be done safely."""
    hooks = hooks_dir(cwd)
    target = os.path.join(hooks, HOOK_NAME)
    chained = target + CHAINED_SUFFIX
    script = hook_script(_railguard_path())
    try:
        if is_ours(target):
            with open(target, encoding="utf-8", errors="replace") as fh:
                if fh.read() == script:
                    return f"railguard: the pre-commit hook is already installed in {_shown(hooks, cwd)}"
            _write_hook(target, script)
            return f"railguard: updated the pre-commit hook in {_shown(hooks, cwd)}"
        os.makedirs(hooks, exist_ok=True)
        kept = ""
        if os.path.lexists(target):
            if os.path.lexists(chained):
                raise GitError(
                    f"both {_shown(target, cwd)} and {_shown(chained, cwd)} exist and neither "
                    "is railguard's hook; nothing was changed (move one of them away first)")
            os.rename(target, chained)
            kept = (f"; your existing hook is kept as {_shown(chained, cwd)} and runs first")
        try:
            _write_hook(target, script)
        except BaseException:
            if kept:
                os.rename(chained, target)
            raise
    except OSError as exc:
        raise GitError(f"cannot install the hook in {_shown(hooks, cwd)}: {exc.strerror}") from None
    return f"railguard: installed the pre-commit hook in {_shown(hooks, cwd)}{kept}"


def uninstall(cwd: str) -> str:
    """Remove railguard's hook and restore the one it replaced; the message to show."""
    hooks = hooks_dir(cwd)
    target = os.path.join(hooks, HOOK_NAME)
    chained = target + CHAINED_SUFFIX
    try:
        if not os.path.lexists(target):
            if os.path.lexists(chained):
                os.rename(chained, target)
                return (f"railguard: railguard's hook was already gone; restored your previous "
                        f"hook {_shown(target, cwd)}")
            return f"railguard: no railguard hook installed in {_shown(hooks, cwd)}"
        if not is_ours(target):
            raise GitError(f"{_shown(target, cwd)} was not written by railguard; left as it is")
        os.unlink(target)
        if os.path.lexists(chained):
            os.rename(chained, target)
            return (f"railguard: removed the pre-commit hook and restored your previous hook "
                    f"{_shown(target, cwd)}")
    except OSError as exc:
        raise GitError(f"cannot uninstall the hook in {_shown(hooks, cwd)}: {exc.strerror}") from None
    return f"railguard: removed the pre-commit hook from {_shown(hooks, cwd)}"
