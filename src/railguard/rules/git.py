"""The git pack: work that git itself cannot give back, history rewritten where others see it.

Git keeps almost everything: a commit stays in the reflog for months after a branch moves, a
deleted branch's commits can be found again. What it cannot give back is work it never stored
(uncommitted changes, untracked files), its own safety net (the reflog, unreachable objects),
and history on a shared remote once it is overwritten. Those are refused. Operations that drop
something a reflog still holds, or that publish, are asked. Everything else passes.

Each call is read the way git reads it: the global options first (``-C`` relative to the one
before, ``-c key=value``, ``--git-dir``, ``--work-tree`` ...), aliases from ``-c``, the
environment and the config files, then the sub-command with its own options. Paths and branch
names are judged by meaning: a pathspec is resolved against the directory git runs in, and
whether ``git checkout NAME`` switches branches or overwrites a file is settled by looking at the
repository, the way git does.
"""

from __future__ import annotations

import os
import posixpath

from railguard.globmatch import fnmatchcase
from railguard.model import Finding, Verdict, Word
from railguard.rules.base import Rule
from railguard.shell.options import OptSpec, parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from railguard.model import Action, Invocation
    from railguard.rules.base import Context
    from railguard.shell.options import Opts

RULES = [
    Rule(
        "GIT001", "Hard reset discards uncommitted work", Verdict.DENY,
        why="`git reset --hard` (and `--merge`, `read-tree -u --reset`) puts every tracked file "
            "back to the commit and throws away the uncommitted changes. Git never stored "
            "them, so neither the reflog nor anything else can bring them back.",
        instead="Use `git stash` (or `git stash -u`) to set the changes aside, then "
                "`git reset --keep <commit>`, which refuses to overwrite local changes.",
        bad=["git reset --hard", "git reset --hard HEAD~1", "git reset --merge",
             "git -C . reset --hard origin/main", "sudo git reset --ha",
             "bash -c 'git reset --hard'", "git reset --h"],
        good=["git reset", "git reset --soft HEAD~1", "git reset HEAD README.md",
              "git reset --mixed HEAD", "git reset --keep HEAD~1",
              "git commit -m \"undo: never run git reset --hard\""],
    ),
    Rule(
        "GIT002", "git clean deletes untracked files", Verdict.DENY,
        why="`git clean -f` deletes the files git does not track: new source files not yet "
            "added, local configuration, with `-x` also the ignored ones such as `.env`. They "
            "were never in git, so they are gone for good.",
        instead="Run `git clean -n` (add the same `-d`/`-x`) to list what would go, then delete "
                "the listed build outputs explicitly or ask the user.",
        bad=["git clean -f", "git clean -fd", "git clean -xf", "git clean -fdx",
             "git clean --force", "git -c clean.requireForce=false clean -d", "git clean --f"],
        good=["git clean -n", "git clean -nd", "git clean --dry-run -x", "git clean -fd dist",
              "git clean -fdx node_modules"],
    ),
    Rule(
        "GIT003", "Every uncommitted change of the working tree discarded", Verdict.DENY,
        why="`git checkout -- .`, `git checkout .`, `git restore .` overwrite every modified "
            "file of the tree with the committed (or staged) version. The changes were never "
            "stored by git and cannot be recovered.",
        instead="Use `git stash` to set the changes aside (`git stash pop` brings them back), "
                "or restore the single files that need it.",
        bad=["git checkout -- .", "git checkout .", "git restore .", "git restore --worktree .",
             "git checkout HEAD -- .", "git restore -s HEAD~2 :/"],
        good=["git restore --staged .", "git checkout -b feature/x", "git checkout main",
              "git stash", "git add ."],
    ),
    Rule(
        "GIT004", "Uncommitted changes to files discarded", Verdict.ASK,
        why="`git checkout -- FILE` and `git restore FILE` overwrite the file with the committed "
            "version; its uncommitted edits are lost for good. `git diff | git apply -R` does "
            "the same to every file the diff shows.",
        instead="Use `git stash push -- FILE` to keep a copy, or `git diff FILE > FILE.patch` "
                "before restoring it.",
        bad=["git checkout -- README.md", "git checkout README.md", "git restore src/app.py",
             "git restore --worktree README.md", "git checkout HEAD -- src",
             "git restore --source=HEAD~1 README.md", "git diff | git apply -R",
             "git apply --reverse <(git diff -- src)"],
        good=["git restore --staged README.md", "git restore -S src/app.py",
              "git checkout feature/x", "git checkout -", "git diff README.md",
              "git apply -R fix.patch", "git diff | git apply -R --check",
              "git diff > saved.patch && git apply -R saved.patch"],
    ),
    Rule(
        "GIT005", "Forced branch switch discards local changes", Verdict.DENY,
        why="`git checkout -f`, `git switch -f` and `git switch --discard-changes` switch "
            "branches by overwriting the working tree: uncommitted changes are thrown away "
            "instead of stopping the switch.",
        instead="Commit or `git stash` the changes first, then switch without force.",
        bad=["git checkout -f main", "git checkout --force main", "git switch -f main",
             "git switch --discard-changes main", "git checkout -qf main"],
        good=["git switch main", "git switch -c feature/y", "git checkout -m main",
              "git switch -- -f"],
    ),
    Rule(
        "GIT006", "All stashes cleared", Verdict.DENY,
        why="`git stash clear` deletes every stash at once, without a reflog entry to undo it; "
            "stashes often hold work set aside on purpose.",
        instead="Use `git stash list` to review, and `git stash drop stash@{N}` for the single "
                "entries that are really obsolete.",
        bad=["git stash clear", "git -C . stash clear"],
        good=["git stash list", "git stash", "git stash pop", "git stash apply"],
    ),
    Rule(
        "GIT007", "A stash dropped", Verdict.ASK,
        why="`git stash drop` deletes a stash entry; its commit is only reachable as a dangling "
            "object until git prunes it.",
        instead="Use `git stash show -p stash@{N}` first; keep it as a branch with "
                "`git stash branch NAME stash@{N}` if in doubt.",
        bad=["git stash drop", "git stash drop stash@{0}"],
        good=["git stash show -p stash@{0}", "git stash pop", "git stash branch keep stash@{0}"],
    ),
    Rule(
        "GIT008", "Branch force-deleted", Verdict.ASK,
        why="`git branch -D` deletes a branch even when its commits are merged nowhere; "
            "afterwards they are only found through the reflog, until it expires.",
        instead="Use `git branch -d NAME`, which refuses to delete unmerged work.",
        bad=["git branch -D feature", "git branch --delete --force feature",
             "git branch -d -f feature", "git branch -Dv old"],
        good=["git branch -d merged-branch", "git branch feature-new", "git branch -a",
              "git branch -v"],
    ),
    Rule(
        "GIT009", "Existing branch moved or overwritten by force", Verdict.ASK,
        why="`git branch -f NAME`, `git checkout -B NAME`, `git switch -C NAME`, "
            "`git update-ref refs/heads/NAME COMMIT` and `git branch -M/-C` onto an existing "
            "name move that branch wherever they are told; the commits it pointed to stay only "
            "in its reflog.",
        instead="Create a new branch name, or check the branch's log first "
                "(`git log NAME --oneline -5`).",
        bad=["git branch -f \"$BRANCH\" origin/main", "git checkout -B \"$NAME\"",
             "git -C ../elsewhere branch --force main HEAD~2",
             "git update-ref \"refs/heads/$BRANCH\" origin/main"],
        good=["git checkout -B brand-new-branch", "git switch -C another-new-one",
              "git branch new-branch", "git update-ref refs/heads/brand-new HEAD"],
    ),
    Rule(
        "GIT010", "Reflog expired or deleted", Verdict.DENY,
        why="The reflog is git's local undo history: every commit a branch or HEAD pointed to. "
            "`git reflog expire --expire=now` and `git reflog delete` remove it, so lost "
            "commits can no longer be found.",
        instead="Leave the reflog alone; it expires by itself (90 days). Use `git reflog` to "
                "read it.",
        bad=["git reflog expire --expire=now --all", "git reflog expire --expire-unreachable=now",
             "git reflog delete HEAD@{1}", "git reflog expire --expire-u=now --all",
             "git -c gc.reflogExpire=now gc", "git config gc.reflogExpire now"],
        good=["git reflog", "git reflog show main", "git reflog expire --dry-run --expire=now"],
    ),
    Rule(
        "GIT011", "Unreachable objects pruned now", Verdict.DENY,
        why="`git gc --prune=now` and `git prune` delete every commit no branch or reflog "
            "reaches, at once instead of after the two-week grace period: dropped stashes, "
            "commits of deleted branches, the last copy of lost work.",
        instead="Run plain `git gc`: it only prunes objects older than two weeks.",
        bad=["git gc --prune=now", "git gc --prune=all", "git prune",
             "git -c gc.pruneExpire=now gc", "git gc --pru=now", "git config gc.pruneExpire now"],
        good=["git gc", "git gc --aggressive", "git prune --dry-run", "git count-objects -v",
              "git config gc.auto 0"],
    ),
    Rule(
        "GIT012", "History rewritten wholesale", Verdict.DENY,
        why="`git filter-branch` and `git filter-repo` rewrite every commit of the selected "
            "branches; filter-repo also drops the old history and the remotes. Pushed, the "
            "result replaces history everyone else has.",
        instead="Let the user run the rewrite in a fresh clone; for one file use `git rm` and a "
                "normal commit.",
        bad=["git filter-branch --tree-filter 'rm -f secrets.txt' HEAD",
             "git filter-repo --path secrets.txt --invert-paths", "git-filter-repo --force"],
        good=["git filter-repo --analyze", "git log --stat"],
    ),
    Rule(
        "GIT013", "Ref deleted with update-ref", Verdict.ASK,
        why="`git update-ref -d` deletes any ref (a branch, a tag, a stash) without the checks "
            "of `git branch -d`.",
        instead="Use `git branch -d` or `git tag -d` for the ref, which say what they remove.",
        bad=["git update-ref -d refs/heads/feature", "git update-ref --no-deref -d HEAD"],
        good=["git update-ref refs/heads/feature HEAD", "git show-ref"],
    ),
    Rule(
        "GIT014", "Worktree removed by force", Verdict.DENY,
        why="`git worktree remove --force` deletes a linked worktree even when it holds "
            "uncommitted changes or untracked files.",
        instead="Commit or stash in that worktree, then `git worktree remove PATH` without force.",
        bad=["git worktree remove --force ../wt", "git worktree remove -f ../wt"],
        good=["git worktree remove ../wt", "git worktree list", "git worktree prune"],
    ),
    Rule(
        "GIT015", "Force push", Verdict.DENY,
        why="`git push --force`, `-f` and `+ref` refspecs overwrite the remote branch with "
            "whatever is local, deleting commits others pushed in the meantime; the remote "
            "keeps no reflog anyone else can use.",
        instead="Use `git pull --rebase` and a normal push; on your own feature branch, ask the "
                "user before `git push --force-with-lease`.",
        bad=["git push --force", "git push -f origin main", "git push origin +main",
             "git push origin 'refs/heads/main:+refs/heads/main'", "git push --force=true",
             "git push --force origin feature/x", "sudo git push --force origin main",
             "git send-pack --force git@example.com:o/r.git main",
             "git send-pack origin +main",
             "git -c remote.origin.push=+refs/heads/main:refs/heads/main push",
             "git config remote.origin.push '+refs/heads/*:refs/heads/*'"],
        good=["git push --dry-run --force", "git push -n -f origin main", "git status",
              "git config remote.origin.push refs/heads/main:refs/heads/main"],
    ),
    Rule(
        "GIT016", "Lease force push to a protected or unknown branch", Verdict.DENY,
        why="`--force-with-lease` only checks that nobody pushed since the last fetch; it still "
            "replaces the published history of the branch. On main, master, trunk, production "
            "or a release branch (or when the branch cannot be known) that is history others "
            "build on.",
        instead="Merge or revert on the shared branch instead of rewriting it.",
        bad=["git push --force-with-lease origin main",
             "git push --force-with-lease origin HEAD:release/1.2",
             "git push --force-if-includes --force-with-lease origin master",
             "git push --all --force-with-lease"],
        good=["git push --force-with-lease --dry-run origin main"],
    ),
    Rule(
        "GIT017", "Lease force push to a feature branch", Verdict.ASK,
        why="`--force-with-lease` replaces the remote branch's history (it refuses only if "
            "someone pushed since your last fetch). On your own feature branch this is "
            "ordinary after a rebase, but it is still a rewrite others may have pulled.",
        instead="Confirm nobody else works on the branch, then run the push yourself.",
        bad=["git push --force-with-lease origin feature/login",
             "git push --force-with-lease"],
        good=["git push --force-with-lease -n origin feature/login"],
    ),
    Rule(
        "GIT018", "Mirror push", Verdict.DENY,
        why="`git push --mirror` makes every ref of the remote match the local repository: "
            "remote branches and tags that do not exist locally are deleted, the others are "
            "force-updated.",
        instead="Push the branches you mean by name: `git push origin NAME`.",
        bad=["git push --mirror origin", "git push --mir backup",
             "git -c remote.origin.mirror=true push origin",
             "git config remote.origin.mirror true"],
        good=["git remote -v"],
    ),
    Rule(
        "GIT019", "Remote branch or tag deleted", Verdict.DENY,
        why="`git push --delete` and `:ref` refspecs delete the branch or tag on the remote for "
            "everyone; open pull requests on it are closed.",
        instead="Leave remote branches to the user, or delete them in the hosting UI where "
                "they can be restored.",
        bad=["git push origin --delete old-branch", "git push -d origin old-branch",
             "git push origin :old-branch", "git push origin :refs/tags/v1.0"],
        good=["git branch -d old-branch", "git push --dry-run origin :old-branch"],
    ),
    Rule(
        "GIT020", "Push that prunes remote refs", Verdict.DENY,
        why="`git push --prune` deletes every remote branch that has no local counterpart.",
        instead="Push by name; let the user delete remote branches.",
        bad=["git push --prune origin 'refs/heads/*:refs/heads/*'"],
        good=["git fetch --prune", "git remote prune --dry-run origin"],
    ),
    Rule(
        "GIT021", "Push publishes commits", Verdict.ASK,
        why="A push makes commits visible to everyone with access to the remote and can start "
            "CI and deployments; it is not taken back quietly.",
        instead="Show the user `git log @{u}..` and let them push, or use `git push --dry-run`.",
        bad=["git push", "git push origin feature/x", "git push -u origin HEAD",
             "git push --tags"],
        good=["git push --dry-run", "git push -n origin main", "git fetch", "git pull"],
    ),
    Rule(
        "GIT022", "Git hooks skipped with --no-verify", Verdict.DENY,
        why="`--no-verify` (and `git commit -n`) skips the pre-commit, commit-msg and pre-push "
            "hooks, the checks the project put there (tests, secret scanning, formatting).",
        instead="Run the hooks and fix what they report; if a hook is wrong, tell the user.",
        bad=["git commit --no-verify -m wip", "git commit -n -m wip", "git commit -anm wip",
             "git push --no-verify origin feature/x", "git merge --no-verify feature",
             "git rebase --no-verify main"],
        good=["git commit -m wip", "git push -n", "git commit -uno -m wip",
              "git merge -n feature", "git commit -m 'explain --no-verify in docs'"],
    ),
    Rule(
        "GIT023", "Hooks path overridden for one command", Verdict.DENY,
        why="`git -c core.hooksPath=...` (or the same key through `GIT_CONFIG_*` variables) "
            "points git at another hooks directory, so the project's hooks do not run.",
        instead="Run the command without overriding core.hooksPath and fix what the hooks "
                "report.",
        bad=["git -c core.hooksPath=/dev/null commit -m wip",
             "git -c core.hookspath= push origin feature/x",
             "GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.hooksPath GIT_CONFIG_VALUE_0=/tmp "
             "git commit -m x"],
        good=["git -c user.name=bot commit -m wip", "git config --get core.hooksPath"],
    ),
    Rule(
        "GIT024", "Hooks path changed in the git config", Verdict.DENY,
        why="Setting or unsetting `core.hooksPath` switches off the project's hooks (husky, "
            "lefthook, pre-commit) for every later command.",
        instead="Leave the hook configuration to the user.",
        bad=["git config core.hooksPath /dev/null", "git config --global core.hooksPath ~/none",
             "git config --unset core.hooksPath", "git config set core.hooksPath x"],
        good=["git config --get core.hooksPath", "git config core.hooksPath",
              "git config user.name bot", "git config --list"],
    ),
    Rule(
        "GIT025", "Hook manager switched off by environment", Verdict.DENY,
        why="`HUSKY=0`, `HUSKY_SKIP_HOOKS=1`, `SKIP=...` (pre-commit), `LEFTHOOK=0` or "
            "`OVERCOMMIT_DISABLE=1` make the project's hooks skip their checks for this "
            "command.",
        instead="Run the command without the variable and fix what the hooks report.",
        bad=["HUSKY=0 git commit -m wip", "SKIP=flake8 git commit -m wip",
             "env LEFTHOOK=0 git push origin feature/x"],
        good=["GIT_AUTHOR_NAME=bot git commit -m wip", "HUSKY=0 git status"],
    ),
    Rule(
        "GIT026", "Inline alias runs a shell command", Verdict.ASK,
        why="An alias defined on the command line (`git -c alias.x='!cmd' x`) runs a shell "
            "command that is hidden behind a git sub-command name.",
        instead="Run the shell command directly so it can be checked.",
        bad=["git -c 'alias.x=!rm -rf build' x"],
        good=["git -c alias.st=status st"],
    ),
    Rule(
        "GIT027", "Files removed with git rm --force", Verdict.ASK,
        why="`git rm -f` removes files even when they have uncommitted changes; the committed "
            "version comes back with `git checkout`, the uncommitted edits do not.",
        instead="Use `git rm` without `-f` (it refuses to drop uncommitted edits), or "
                "`git rm --cached` to stop tracking a file and keep it.",
        bad=["git rm -rf src", "git rm --force README.md"],
        good=["git rm -r src", "git rm --cached .env", "git rm -r --cached build"],
    ),
    Rule(
        "GIT028", "Options of a destructive git command known only at run time", Verdict.ASK,
        why="A command substitution (`git branch $(cat branches.txt)`) expands to words known "
            "only at run time, split on spaces: they can carry options as well as names, "
            "such as `-D` for `git branch`, `--hard` for `git reset` or `--force` for "
            "`git push`.",
        instead="Show the words first (`cat branches.txt`) and write the command out, or put "
                "them after `--` or an explicit option so they can only be names.",
        bad=["git branch $(cat branches-to-drop.txt)", "git reset $(cat target)",
             "git push origin `cat refs.txt`", "git tag $(cat tags.txt)"],
        good=["git branch \"$NAME\"", "git branch -d feature/done",
              "git reset -- $(git diff --name-only)", "git log $(git merge-base main HEAD)..",
              "git reset --soft $(git merge-base main HEAD)",
              "git tag v1.2.0"],
    ),
    Rule(
        "GIT029", "Merge, rebase or cherry-pick in progress aborted", Verdict.ASK,
        why="`--abort` resets the working tree to where the operation started: conflict "
            "resolutions made so far are dropped, and `git merge --abort` may not be able to "
            "reconstruct uncommitted changes that were there before the merge. It is asked "
            "whether or not an operation is stopped when railguard looks: the state can "
            "change before the abort runs (`git merge topic || git merge --abort`).",
        instead="Tell the user what is in conflict (`git status`, `git diff`) and let them "
                "decide; to keep the resolutions, finish with `git add` and `--continue`, or "
                "use `--quit` to stop while keeping the working tree as it is.",
        bad=["git merge --abort", "git rebase --abort", "git merge topic || git merge --abort",
             "git -C \"$REPO\" rebase --abort", "git --git-dir=\"$GD\" cherry-pick --abort",
             "cd \"$REPO\" && git am --abor"],
        good=["git merge --continue",
              "git rebase --continue", "git rebase --quit", "git cherry-pick --skip"],
    ),
    Rule(
        "GIT030", "Local tag deleted or moved by force", Verdict.ASK,
        why="`git tag -d` removes the tag at once, with the message and signature of an "
            "annotated tag; a tag that was never pushed exists nowhere else, and no reflog "
            "records tags. It is asked whether or not the tag exists when railguard looks: a "
            "fetch or an earlier command may create it first. `git tag -f NAME` onto an "
            "existing tag replaces it the same way, and a release tag that others have "
            "fetched then means two different commits.",
        instead="Check whether the tag was pushed (`git ls-remote --tags origin NAME`); "
                "to move it, create the new tag under another name first.",
        bad=["git tag -d v1", "git tag --del v1", "git tag -d \"$TAG\"",
             "git tag --delete $(git tag -l 'tmp-*')", "git -C \"$REPO\" tag -d v1",
             "git tag -f \"$TAG\"", "git tag --force \"$TAG\" HEAD~1"],
        good=["git tag v1.2.0", "git tag -l", "git tag -a v2 -m 'release 2'",
              "git push origin v1.2.0 --dry-run", "git tag -f brand-new-tag"],
    ),
    Rule(
        "GIT031", "Submodule working trees removed by force", Verdict.ASK,
        why="`git submodule deinit --force` removes the submodule's working tree even when it "
            "holds uncommitted changes or untracked files; without `--force` git refuses. "
            "Commits of the submodule stay in its git directory, the uncommitted work does not.",
        instead="Run `git submodule foreach git status` to see what is uncommitted, commit or "
                "stash it, then `git submodule deinit PATH` without `--force`.",
        bad=["git submodule deinit -f --all", "git submodule deinit --force vendor/lib",
             "git submodule --quiet deinit -f -- vendor/lib"],
        good=["git submodule deinit vendor/lib", "git submodule deinit --all",
              "git submodule update --init", "git submodule status"],
    ),
    Rule(
        "GIT032", "git's ssh transport replaced by another program", Verdict.ASK,
        why="`GIT_SSH_COMMAND`, `GIT_SSH` and `core.sshCommand` name the program git starts "
            "for every ssh remote. Set to something other than an ssh client, they run that "
            "program inside an ordinary-looking `git fetch` or `git push`, with the user's "
            "keys at hand, where a reviewer of the command does not expect it.",
        instead="Run the program on its own, where it can be read and judged, or pass ssh its "
                "options (`GIT_SSH_COMMAND=\"ssh -i ~/.ssh/deploy_key\"`).",
        bad=["GIT_SSH_COMMAND=./helper git fetch origin",
             "export GIT_SSH_COMMAND=./helper; git ls-remote origin",
             "git -c core.sshCommand=./helper push origin feature/x",
             "GIT_SSH=./wrapper git clone git@example.com:acme/app.git",
             "GIT_SSH_COMMAND=./helper git remote update"],
        good=["GIT_SSH_COMMAND='ssh -i ~/.ssh/deploy_key' git fetch origin",
              "GIT_SSH_COMMAND=./helper git status", "GIT_SSH=plink git fetch origin",
              "git -c core.sshCommand='ssh -o IdentitiesOnly=yes' fetch origin",
              "GIT_SSH_COMMAND=./helper git remote -v"],
    ),
]

PROGRAMS = {"git", "patch"}

#: branches whose published history others build on (plus ``git.protected_branches``)
PROTECTED_BRANCHES = ("main", "master", "trunk", "production", "prod", "release", "release*",
                      "release/*", "release-*")

#: git's sub-commands; an unknown name may be an alias from the config files
BUILTINS = frozenset(
    """add am annotate apply archive bisect blame branch bundle cat-file check-attr check-ignore
    check-mailmap check-ref-format checkout checkout-index cherry cherry-pick citool clean clone
    column commit commit-graph commit-tree config count-objects credential describe diff
    diff-files diff-index diff-tree difftool fast-export fast-import fetch fetch-pack
    filter-branch filter-repo fmt-merge-msg for-each-ref for-each-repo format-patch fsck gc
    get-tar-commit-id grep gui hash-object help hook index-pack init instaweb interpret-trailers
    log ls-files ls-remote ls-tree mailinfo mailsplit maintenance merge merge-base merge-file
    merge-index merge-tree mktag mktree multi-pack-index mv name-rev notes pack-objects
    pack-refs prune prune-packed pull push range-diff read-tree rebase reflog remote repack
    replace request-pull rerere reset restore rev-list rev-parse revert rm send-email
    shortlog show show-branch show-ref sparse-checkout stash status stripspace submodule
    switch symbolic-ref tag unpack-objects update-index update-ref update-server-info
    var verify-commit verify-pack verify-tag version whatchanged worktree write-tree lfs
    """.split()
)

#: sub-commands that run client-side hooks
HOOKED = frozenset(
    ["commit", "push", "merge", "rebase", "am", "cherry-pick", "revert", "pull", "checkout",
     "switch", "commit-tree"]
)


# -- the call as git reads it ----------------------------------------------------------------


class GitCall:
    """One git invocation after the global options and aliases."""

    __slots__ = ("alias_inline", "alias_pending", "alias_shell", "args", "config", "cwd",
                 "git_dir", "inv", "sub", "work_tree")

    def __init__(self, inv: Invocation) -> None:
        self.inv = inv
        self.cwd: str | None = inv.cwd
        self.config: dict[str, str] = {}
        self.git_dir: str | None = None
        self.work_tree: str | None = None
        self.sub = ""
        self.args: list[Word] = []
        self.alias_shell: str | None = None
        #: the shell alias was defined for this command (``-c``, environment), not in a file
        self.alias_inline = False
        #: the alias, written by an earlier ``git config`` of the same command line, used here
        self.alias_pending: str | None = None


_GLOBAL_VALUED = frozenset(["--git-dir", "--work-tree", "--namespace", "--super-prefix",
                            "--attr-source", "--list-cmds", "--config-env"])
_GLOBAL_EXIT = frozenset(["-v", "--version", "-h", "--help", "--html-path", "--man-path",
                          "--info-path"])


def _resolve(text: str, cwd: str | None, ctx: Context) -> str | None:
    return ctx.resolve(text, cwd)


def read_call(inv: Invocation, ctx: Context,
              pending: dict[str, str] | None = None) -> GitCall | None:
    """Parse the global options and resolve aliases; None when git would run nothing.

    ``pending``: aliases an earlier ``git config`` of the same command line writes (by
    lower-case name); they win over the config files, which do not hold them yet."""
    call = GitCall(inv)
    env = inv.env
    if env.get("GIT_DIR"):
        call.git_dir = _resolve(env["GIT_DIR"], inv.cwd, ctx)
    if env.get("GIT_WORK_TREE"):
        call.work_tree = _resolve(env["GIT_WORK_TREE"], inv.cwd, ctx)
    call.config.update(_env_config(env))
    name = inv.name or ""
    args = list(inv.args)
    if name.startswith("git-"):
        call.sub = name[4:]
        call.args = args
        return call
    i = 0
    n = len(args)
    while i < n:
        w = args[i]
        t = w.text
        if t == "--":
            i += 1
            break
        if not t.startswith("-"):
            break
        if t in _GLOBAL_EXIT:
            return None
        if t == "-C" or (t.startswith("-C") and len(t) > 2):
            if t == "-C":
                val = args[i + 1] if i + 1 < n else Word("")
                i += 2
            else:
                val = Word(t[2:], w.dynamic)
                i += 1
            if val.dynamic:
                call.cwd = None
            elif val.text:
                call.cwd = _resolve(val.text, call.cwd, ctx)
            continue
        if t == "-c" or (t.startswith("-c") and len(t) > 2):
            if t == "-c":
                kv = args[i + 1].text if i + 1 < n else ""
                i += 2
            else:
                kv = t[2:]
                i += 1
            key, eq, value = kv.partition("=")
            call.config[key.lower()] = value if eq else "true"
            continue
        opt, eq, value = t.partition("=")
        if opt in _GLOBAL_VALUED:
            if not eq:
                value = args[i + 1].text if i + 1 < n else ""
                i += 2
            else:
                i += 1
            if opt == "--git-dir":
                call.git_dir = _resolve(value, call.cwd, ctx)
            elif opt == "--work-tree":
                call.work_tree = _resolve(value, call.cwd, ctx)
            elif opt == "--config-env":
                key = value.partition("=")[0]
                call.config[key.lower()] = "$" + value.partition("=")[2]
            continue
        i += 1  # -p, -P, --no-pager, --bare, --exec-path[=...], --literal-pathspecs ...
    rest = args[i:]
    if not rest:
        return None
    first = rest[0]
    if first.dynamic:
        call.sub = first.text.lower()
        call.args = rest[1:]
        return call
    call.sub = first.text
    call.args = rest[1:]
    _expand_alias(call, ctx, pending)
    return call


def _env_config(env: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    count = env.get("GIT_CONFIG_COUNT", "")
    if count.isdigit():
        for k in range(min(int(count), 64)):
            key = env.get(f"GIT_CONFIG_KEY_{k}")
            if key:
                out[key.lower()] = env.get(f"GIT_CONFIG_VALUE_{k}", "")
    params = env.get("GIT_CONFIG_PARAMETERS")
    if params:
        import shlex

        try:
            items = shlex.split(params)
        except ValueError:
            items = params.split()
        for item in items:
            key, eq, value = item.partition("=")
            if key:
                out[key.lower()] = value if eq else "true"
    return out


def _expand_alias(call: GitCall, ctx: Context, pending: dict[str, str] | None = None) -> None:
    file_aliases: dict[str, str] | None = None
    for _ in range(10):
        sub = call.sub
        if sub in BUILTINS:
            return
        value = call.config.get("alias." + sub.lower())
        inline = value is not None
        if value is None and pending and sub.lower() in pending:
            value = pending[sub.lower()]
            call.alias_pending = sub
        if value is None:
            if file_aliases is None:
                file_aliases = _config_aliases(call, ctx)
            value = file_aliases.get(sub.lower())
        if value is None:
            return
        if value.startswith("!"):
            call.alias_shell = value[1:]
            call.alias_inline = inline
            return
        import shlex

        try:
            words = shlex.split(value)
        except ValueError:
            words = value.split()
        if not words:
            return
        call.sub = words[0]
        call.args = [Word(x) for x in words[1:]] + call.args


def _config_files(call: GitCall, ctx: Context) -> list[str]:
    """The system, global and repository config files, in the order git reads them."""
    files = ["/etc/gitconfig"]
    env = call.inv.env
    glob_cfg = env.get("GIT_CONFIG_GLOBAL") or os.environ.get("GIT_CONFIG_GLOBAL")
    if glob_cfg:
        files.append(glob_cfg)
    else:
        xdg = os.environ.get("XDG_CONFIG_HOME") or posixpath.join(ctx.home, ".config")
        files += [posixpath.join(xdg, "git", "config"), posixpath.join(ctx.home, ".gitconfig")]
    repo = find_repo(call)
    if repo.common:
        files.append(posixpath.join(repo.common, "config"))
    return files


def _config_aliases(call: GitCall, ctx: Context) -> dict[str, str]:
    """``[alias]`` entries of the system, global and repository config files."""
    out: dict[str, str] = {}
    for path in _config_files(call, ctx):
        out.update(_read_aliases(path, ctx.home))
    return out


def _config_text(path: str, home: str, depth: int = 0) -> str:
    """A git config file's text, with the files it includes (``[include]`` and, whatever
    their condition, ``[includeIf ...]``: either may apply) put in where they stand."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read(1024 * 1024)
    except OSError:
        return ""
    if depth >= 4 or "include" not in text.lower():
        return text
    out: list[str] = []
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            section = line[1:].split("]", 1)[0].strip().lower()
            out.append(raw)
            continue
        key, eq, value = line.partition("=")
        if eq and section.startswith("include") and key.strip().lower() == "path":
            target = value.strip().strip('"')
            if target.startswith("~/"):
                target = home + target[1:]
            elif not target.startswith("/"):
                target = posixpath.join(posixpath.dirname(path), target)
            out.append(_config_text(target, home, depth + 1))
            out.append(f"[{section}]")
            continue
        out.append(raw)
    return "\n".join(out)


def _file_setting(call: GitCall, ctx: Context, section: str, name: str) -> str | None:
    """The last value of ``section.name`` in the config files (includes followed)."""
    value: str | None = None
    for path in _config_files(call, ctx):
        current = ""
        for raw in _config_text(path, ctx.home).splitlines():
            line = raw.strip()
            if line.startswith("["):
                current = line[1:].split("]", 1)[0].strip().lower()
                continue
            key, eq, val = line.partition("=")
            if current == section and key.strip().lower() == name:
                value = val.strip().strip('"') if eq else "true"
    return value


def _read_aliases(path: str, home: str) -> dict[str, str]:
    text = _config_text(path, home)
    if not text:
        return {}
    out: dict[str, str] = {}
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            section = line[1:].split("]", 1)[0].strip().lower()
            continue
        if section != "alias" or "=" not in line:
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1].replace('\\"', '"')
        out[key.strip().lower()] = value
    return out


# -- the repository on disk ------------------------------------------------------------------


class Repo:
    """Where the repository of a call is: its working tree and git directories, if found."""

    __slots__ = ("common", "git_dir", "top")

    def __init__(self, top: str | None, git_dir: str | None) -> None:
        self.top = top
        self.git_dir = git_dir
        self.common = git_dir
        if git_dir:
            try:
                with open(posixpath.join(git_dir, "commondir"), encoding="utf-8") as fh:
                    rel = fh.read().strip()
                if rel:
                    self.common = posixpath.normpath(posixpath.join(git_dir, rel))
            except OSError:
                pass

    def current_branch(self) -> str | None:
        if not self.git_dir:
            return None
        try:
            with open(posixpath.join(self.git_dir, "HEAD"), encoding="utf-8") as fh:
                head = fh.read(4096).strip()
        except OSError:
            return None
        if head.startswith("ref: refs/heads/"):
            return head[len("ref: refs/heads/") :]
        return None

    def in_conflict(self) -> bool:
        """A merge, rebase, cherry-pick or revert is stopped on conflicts."""
        gd = self.git_dir
        if not gd:
            return False
        return any(os.path.exists(posixpath.join(gd, n)) for n in (
            "MERGE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD", "rebase-merge", "rebase-apply"))

    def has_ref(self, name: str, only: str | None = None) -> bool | None:
        """Whether ``name`` names a branch, remote branch or tag (with ``only``, a ref under
        that prefix, such as ``refs/tags/``); None when unknowable."""
        common = self.common
        if not common or not os.path.isdir(common):
            return None
        if os.path.exists(posixpath.join(common, "reftable")):
            return None
        candidates = [f"refs/heads/{name}", f"refs/tags/{name}", name]
        remotes = posixpath.join(common, "refs", "remotes")
        if only is not None:
            candidates = [only + name]
        else:
            try:
                listed = os.listdir(remotes)
            except OSError:
                listed = []
            candidates += [f"refs/remotes/{r}/{name}" for r in listed]
        for ref in candidates:
            if os.path.isfile(posixpath.join(common, ref)):
                return True
        try:
            with open(posixpath.join(common, "packed-refs"), encoding="utf-8") as fh:
                for line in fh:
                    ref = line.rstrip("\n").partition(" ")[2]
                    if ref in candidates or (only is None and ref.startswith("refs/remotes/")
                                             and ref.endswith("/" + name)):
                        return True
        except OSError:
            pass
        return False


def find_repo(call: GitCall) -> Repo:
    if call.git_dir:
        return Repo(call.work_tree or call.cwd, call.git_dir)
    cwd = call.cwd
    if cwd is None:
        return Repo(None, None)
    path = cwd
    for _ in range(64):
        dot = posixpath.join(path, ".git")
        if os.path.isdir(dot):
            return Repo(call.work_tree or path, dot)
        if os.path.isfile(dot):
            try:
                with open(dot, encoding="utf-8") as fh:
                    text = fh.read(4096).strip()
            except OSError:
                text = ""
            if text.startswith("gitdir:"):
                gd = posixpath.normpath(posixpath.join(path, text[7:].strip()))
                return Repo(call.work_tree or path, gd)
        if path == "/":
            break
        path = posixpath.dirname(path)
    return Repo(call.work_tree, None)


# -- options by meaning ----------------------------------------------------------------------


def _split_dash(words: list[Word], spec: OptSpec) -> tuple[list[Word], list[Word] | None]:
    """Words before ``--`` (skipping values of valued options) and after it (None if absent)."""
    i = 0
    n = len(words)
    while i < n:
        t = words[i].text
        if t == "--":
            return words[:i], words[i + 1 :]
        if t.startswith("--") and "=" not in t:
            key = spec._long(t)
            if key is not None and key in spec.valued:
                i += 2
                continue
        elif t.startswith("-") and not t.startswith("--") and len(t) > 1:
            for j in range(1, len(t)):
                if "-" + t[j] in spec.valued:
                    if j == len(t) - 1:
                        i += 1
                    break
        i += 1
    return words, None


def _ordered(words: list[Word], spec: OptSpec) -> list[str]:
    """The canonical names of the options, in the order written (before ``--``)."""
    out: list[str] = []
    i = 0
    n = len(words)
    while i < n:
        t = words[i].text
        i += 1
        if t == "--":
            break
        if t.startswith("--") and len(t) > 2:
            name = t.partition("=")[0]
            key = spec._long(name)
            if key is not None and key in spec.valued:
                out.append(spec.valued[key])
                if "=" not in t:
                    i += 1
            elif key is not None:
                out.append(spec.flags[key])
            else:
                out.append(name)
        elif t.startswith("-") and len(t) > 1:
            for j in range(1, len(t)):
                opt = "-" + t[j]
                if opt in spec.valued:
                    out.append(spec.valued[opt])
                    if j == len(t) - 1:
                        i += 1
                    break
                out.append(spec.flags.get(opt, opt))
    return out


def _unabbreviated(words: list[Word], spec: OptSpec) -> list[Word]:
    """Long options written as a unique prefix spelled out, as git reads them: git takes any
    unambiguous prefix, however short (``git reset --h`` is ``--hard``, ``git clean --f`` is
    ``--force``)."""
    out: list[Word] = []
    skip = False
    for i, w in enumerate(words):
        t = w.text
        if skip:
            skip = False
            out.append(w)
            continue
        if t == "--":
            out.extend(words[i:])
            break
        if w.dynamic or not t.startswith("--") or len(t) < 3:
            if len(t) == 2 and t in spec.valued:
                skip = True
            out.append(w)
            continue
        name, eq, value = t.partition("=")
        if name in spec.flags or name in spec.valued:
            skip = name in spec.valued and not eq
            out.append(w)
            continue
        full = [k for k in spec.long_names if k.startswith(name)]
        canon = {spec.flags.get(k) or spec.valued.get(k) for k in full}
        if len(canon) != 1:
            out.append(w)
            continue
        long = full[0]
        skip = long in spec.valued and not eq
        out.append(Word(long + eq + value, w.dynamic, w.glob))
    return out


def _unknown_prefix(opts: Opts, names: dict[str, str]) -> set[str]:
    """Canonical names of dangerous long options written as an ambiguous or unknown prefix
    (``--forc``): git would refuse an ambiguous one, but a guard must not guess in the
    harmless direction."""
    out: set[str] = set()
    for flag in list(opts.flags) + list(opts.values):
        if not flag.startswith("--") or len(flag) < 5:
            continue
        for long, canon in names.items():
            if long.startswith(flag) or flag.startswith(long + "-"):
                out.add(canon)
    return out


def _help(call: GitCall) -> bool:
    """Does git only print help (``-h`` or ``--help`` in an option's place)?

    A word that is the value of an option is not a request for help: ``git clean -fdx -e
    --help`` excludes a file named ``--help`` and cleans. For a sub-command whose options
    railguard does not spell out, help counts only before any option, where no value can
    stand."""
    spec = _SPECS.get(call.sub)
    words = call.args
    if call.sub == "ls-remote":
        # ``-h`` is ``--heads`` there, help only when it is the only argument
        texts = [w.text for w in words]
        return texts == ["-h"] or "--help" in texts[: texts.index("--") if "--" in texts
                                                    else None]
    i = 0
    while i < len(words):
        t = words[i].text
        i += 1
        if t == "--":
            return False
        if t in ("-h", "--help"):
            return True
        if not t.startswith("-") or t == "-":
            continue
        if spec is None:
            return False  # an option that may take the next word as its value
        if t.startswith("--"):
            name = spec._long(t.partition("=")[0])
            if name in spec.valued and "=" not in t:
                i += 1
        elif t[1:2] and "-" + t[1] in spec.valued and len(t) == 2:
            i += 1
        elif any("-" + c in spec.valued for c in t[1:]):
            # a cluster: the first option that takes a value takes the rest of the word,
            # or the next word when it ends the cluster
            for j, c in enumerate(t[1:], 1):
                if "-" + c in spec.valued:
                    if j == len(t) - 1:
                        i += 1
                    break
    return False


def _with_dynamic(call: GitCall) -> list[Word]:
    """The arguments, plus one unknown word when xargs/find append some at run time."""
    args = list(call.args)
    if call.inv.inputs_dynamic:
        args = [Word(w.text, True) if "{}" in w.text else w for w in args]
        if not any(w.dynamic for w in args):
            args.append(Word("{input}", True))
    return args


# -- shared wording --------------------------------------------------------------------------


def _where(call: GitCall, ctx: Context) -> str:
    repo = find_repo(call)
    place = repo.top or call.cwd
    if place is None:
        return "in a repository known only at run time"
    if ctx.project and place == ctx.project:
        return "in this project"
    return f"in {ctx.rel(place)}"


def _shown(call: GitCall) -> str:
    return call.inv.display()


def _f(rule_id: str, message: str, call: GitCall, instead: str | None = None) -> Finding:
    return Finding(rule_id, message, subject=_shown(call), instead=instead)


# -- the checkers ----------------------------------------------------------------------------


def on_invocation(inv: Invocation, ctx: Context) -> Iterable[Finding]:
    name = inv.name or ""
    if name == "patch":
        return _patch(inv, ctx)
    if name != "git" and not name.startswith("git-"):
        return ()
    call = read_call(inv, ctx)
    if call is None:
        return ()
    found = _check(call, ctx)
    if not found and call.sub not in BUILTINS and call.sub.lower() in BUILTINS:
        return _capitals(call, ctx)
    return found


def _capitals(call: GitCall, ctx: Context) -> list[Finding]:
    """``git RESET --HARD``: git matches sub-commands and options case-sensitively and stops
    ("not a git command"), but the call is judged as it reads in lower case too (SH008)."""
    shown = _shown(call)
    call.sub = call.sub.lower()
    call.args = [Word(w.text.lower(), w.dynamic) if w.text.startswith("--") else w
                 for w in call.args]
    found = _check(call, ctx)
    if not found:
        return []
    verdicts = {r.id: r.verdict for r in RULES}
    top = max(found, key=lambda f: verdicts.get(f.rule_id, Verdict.DENY))
    return [Finding("SH008", f"`{shown}` spells the git command in capitals: git stops with "
                    f"'not a git command', but in lower case it is refused by {top.rule_id}: "
                    f"{top.message}", subject=shown)]


def on_action(action: Action, invocations: list[Invocation], ctx: Context) -> list[Finding]:
    """``git config alias.r 'reset --hard' && git r``: the alias is not in the config files
    yet when the command is judged, so a later call of the same command line that uses it is
    judged again as what it expands to."""
    pending: dict[str, str] = {}
    out: list[Finding] = []
    for inv in invocations:
        if inv.name != "git":
            continue
        if pending:
            call = read_call(inv, ctx, pending)
            if call is not None and call.alias_pending:
                where = (f" (`{call.alias_pending}` is the alias that `git config` writes "
                         "earlier in this command)")
                out.extend(Finding(f.rule_id, f.message + where, subject=f.subject,
                                   instead=f.instead) for f in _check(call, ctx))
        if not any(w.text[:6].lower() == "alias." for w in inv.args):
            continue
        call = read_call(inv, ctx)
        written = _config_write(call) if call is not None and call.sub == "config" else None
        if written is not None and written[0] == "set" and written[2] is not None \
                and not written[2].dynamic and written[1].lower().startswith("alias."):
            pending[written[1][6:].lower()] = written[2].text
    return out


def _check(call: GitCall, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    spec = _ABBREVIATED.get(call.sub) or _SPECS.get(call.sub)
    if spec is not None:
        call.args = _unabbreviated(call.args, spec)
    out.extend(_hooks_config(call))
    if call.alias_shell is not None:
        if call.alias_inline:
            out.append(_f("GIT026", f"`{_shown(call)}` runs the alias `{call.sub}`, which is "
                          f"the shell command `{call.alias_shell[:120]}`", call))
        out.extend(_alias_findings(call, ctx))
        return out
    if _help(call):
        return out
    sub = call.sub
    if sub in HOOKED:
        out.extend(_hooks_env(call))
    checker = _CHECKERS.get(sub)
    if checker is not None:
        out.extend(checker(call, ctx))
    out.extend(_dynamic_options(call))
    out.extend(_abort(call, ctx))
    out.extend(_ssh_transport(call, ctx))
    out.extend(_pack_programs(call, ctx))
    return out


#: git commands whose output is object ids or ref names: never an option
_NAME_PRINTERS = frozenset(["rev-parse", "merge-base", "rev-list", "describe", "symbolic-ref",
                            "write-tree", "commit-tree", "hash-object", "for-each-ref"])


def _may_hold_options(w: Word) -> bool:
    """A word that starts with command output: it is split into words at run time, and any
    of them may start with ``-``. (``"$NAME"`` is taken as one name; the output of
    ``git rev-parse`` and the like is object ids and ref names.)"""
    if not (w.dynamic and w.text.startswith(("$(", "`"))):
        return False
    subs = w.sub or []
    if subs and all(inv.name == "git" and _git_sub(inv) in _NAME_PRINTERS for inv in subs):
        return False
    return True


def _git_sub(inv: Invocation) -> str:
    return next((w.text for w in inv.args if not w.text.startswith("-")), "")


def _dynamic_options(call: GitCall) -> list[Finding]:
    entry = _DYNAMIC_DANGER.get(call.sub)
    if entry is None:
        return []
    danger, spec = entry
    before, _after = _split_dash(list(call.args), spec)
    hits = [w for w in parse(before, spec).positionals if _may_hold_options(w)]
    if not hits:
        return []
    return [_f("GIT028", f"`{_shown(call)}` passes `{hits[0].text}` to git {call.sub}: its "
               f"words are known only at run time and could include {danger}", call)]


#: programs that are ssh clients, as GIT_SSH/GIT_SSH_COMMAND/core.sshCommand may name them
_SSH_CLIENTS = frozenset({"ssh", "plink", "tortoiseplink", "putty", "autossh"})
#: git sub-commands that talk to a remote (``remote`` and ``archive`` only with some arguments)
_NETWORK_SUBS = frozenset({"fetch", "pull", "push", "clone", "ls-remote", "send-pack",
                           "fetch-pack", "submodule"})


def _ssh_transport(call: GitCall, ctx: Context) -> list[Finding]:
    sub = call.sub
    words = [w.text for w in call.args]
    talks = (sub in _NETWORK_SUBS
             or (sub == "remote" and any(w in ("update", "prune", "show", "set-head")
                                         for w in words))
             or (sub == "archive" and any(w.startswith("--remote") for w in words)))
    if not talks:
        return []
    env = call.inv.env
    for source, value, shell in (("GIT_SSH_COMMAND", env.get("GIT_SSH_COMMAND"), True),
                                 ("core.sshCommand", call.config.get("core.sshcommand"), True),
                                 ("GIT_SSH", env.get("GIT_SSH"), False)):
        if not value:
            continue
        program = value.strip()
        if shell:
            program = program.split(None, 1)[0] if program.split() else ""
        program = program.strip("'\"")
        base = posixpath.basename(program).lower().removesuffix(".exe")
        if base in _SSH_CLIENTS:
            return []  # the first setting git reads wins
        return [_f("GIT032", f"`{_shown(call)}` has git run `{program[:80]}` ({source}) in "
                   f"place of ssh {_where(call, ctx)}", call)]
    return []


#: the operations that stop on conflicts and can be aborted
_SEQUENCERS = frozenset({"merge", "rebase", "cherry-pick", "revert", "am"})


def _abort(call: GitCall, ctx: Context) -> list[Finding]:
    if call.sub not in _SEQUENCERS or not any(len(w.text) >= 4 and "--abort".startswith(w.text)
                                              for w in call.args):
        return []
    # asked whether or not something is stopped now: the state may change before the abort
    # runs (``git merge topic || git merge --abort``), and an agent aborts only what it started
    lost = ("the conflict resolutions made so far, and uncommitted changes from before the "
            "merge may not come back" if call.sub == "merge" else
            "the conflict resolutions and the work done so far in it")
    return [_f("GIT029", f"`{_shown(call)}` resets the working tree to where the {call.sub} "
               f"started {_where(call, ctx)}: {lost}", call)]


_TAG = OptSpec(
    flags={"-a": "annotate", "--annotate": "annotate", "-s": "sign", "--sign": "sign",
           "--no-sign": "nosign", "-f": "force", "--force": "force", "-d": "delete",
           "--delete": "delete", "-v": "verify", "--verify": "verify", "-l": "list",
           "--list": "list", "-e": "edit", "--edit": "edit", "--no-edit": "noedit",
           "-i": "icase", "--ignore-case": "icase", "--column": "column",
           "--no-column": "nocolumn", "--create-reflog": "reflog", "--omit-empty": "omit",
           "-n": "lines"},
    valued={"-u": "user", "--local-user": "user", "-m": "message", "--message": "message",
            "-F": "file", "--file": "file", "--sort": "sort", "--format": "format",
            "--contains": "contains", "--no-contains": "nocontains", "--points-at": "points",
            "--merged": "merged", "--no-merged": "nomerged", "--cleanup": "cleanup",
            "--trailer": "trailer"},
)


def _tag(call: GitCall, ctx: Context) -> list[Finding]:
    before, after = _split_dash(list(call.args), _TAG)
    o = parse(before, _TAG)
    names = list(o.positionals) + list(after or [])
    if not names or o.has("list", "verify"):
        return []
    if not o.has("delete"):
        if not o.has("force"):
            return []
        # ``git tag -f NAME [COMMIT]``: replaces the tag only when NAME exists already
        name = names[0]
        if not name.dynamic and find_repo(call).has_ref(name.text, "refs/tags/") is False:
            return []
        which = "a tag named only at run time, if it exists," if name.dynamic else \
            f"the existing tag `{name.text}`"
        return [_f("GIT030", f"`{_shown(call)}` moves {which} {_where(call, ctx)}; the "
                   "commit it named is recorded nowhere else, and anyone who fetched it keeps "
                   "the old one", call)]
    # asked whether or not the tag exists now: a fetch or an earlier command may create it
    shown = ", ".join(f"`{w.text}`" for w in names[:5])
    return [_f("GIT030", f"`{_shown(call)}` deletes the tag {shown} {_where(call, ctx)}; a "
               "tag never pushed exists nowhere else", call)]


_MV = OptSpec(flags={"-f": "force", "--force": "force", "-k": "k", "-n": "dry",
                     "--dry-run": "dry", "-v": "v", "--verbose": "v", "--sparse": "sparse"})


def _mv(call: GitCall, ctx: Context) -> list[Finding]:
    """``git mv -f SRC DEST``: an existing DEST (or DEST/SRC's name, for a folder) is
    overwritten, with whatever uncommitted work it held."""
    before, after = _split_dash(list(call.args), _MV)
    o = parse(before, _MV)
    names = list(o.positionals) + list(after or [])
    if not o.has("force") or o.has("dry") or len(names) < 2 or any(w.dynamic for w in names):
        return []
    dest = ctx.resolve(names[-1].text, call.cwd)
    if dest is None:
        return []
    targets = [posixpath.join(dest, posixpath.basename(w.text.rstrip("/")))
               for w in names[:-1]] if os.path.isdir(dest) else [dest]
    hit = next((t for t in targets if os.path.lexists(t) and not os.path.isdir(t)), None)
    if hit is None:
        return []
    return [_f("GIT004", f"`{_shown(call)}` overwrites {ctx.rel(hit)}, an existing file; what "
               "it holds, uncommitted changes included, is lost", call)]


#: how deep shell aliases are followed into one another (``!git other-shell-alias``)
_alias_depth = [0]


def _alias_findings(call: GitCall, ctx: Context) -> list[Finding]:
    """A shell alias (``!cmd``) runs ``cmd "$@"`` through the shell, from the top of the
    working tree: judge that command the way the engine judges a shell call."""
    body = call.alias_shell or ""
    import shlex

    extra = " ".join(w.text if w.dynamic else shlex.quote(w.text) for w in call.args)
    command = f"{body} {extra}" if extra and body.strip() else body
    where = f" (run by the git alias `{call.sub}` of `{_shown(call)}`)"
    return _shell_findings(command, find_repo(call).top or call.cwd, ctx, where)


def _shell_findings(command: str, cwd: str | None, ctx: Context, where: str) -> list[Finding]:
    """Judge ``command``, shell code git will run (an alias body, a configured pager or
    filter), the way the engine judges a shell call; each finding's message ends in
    ``where``."""
    if not command.strip() or _alias_depth[0] >= 3:
        return []
    from railguard import rules as registry
    from railguard.model import Action
    from railguard.rules import shell as shell_pack
    from railguard.rules.base import Context as Ctx
    from railguard.shell.analyze import Analyzer

    outer = ctx.action
    action = Action("shell", outer.tool, command=command, cwd=cwd or outer.cwd,
                    project_dir=outer.project_dir, permission_mode=outer.permission_mode)
    sub_ctx = Ctx(action, ctx.config, ctx.paths)
    _alias_depth[0] += 1
    try:
        analysis = Analyzer(ctx.paths).run(command, cwd)
        found = list(shell_pack.from_problems(analysis.problems, sub_ctx))
        invocations = analysis.invocations
        for name in registry.packs_for_action(action, invocations):
            pack = registry.pack(name)
            on_inv = getattr(pack, "on_invocation", None)
            if on_inv is not None:
                for inv in invocations:
                    if registry.wants(name, inv.name):
                        found.extend(on_inv(inv, sub_ctx))
            on_act = getattr(pack, "on_action", None)
            if on_act is not None:
                found.extend(on_act(action, invocations, sub_ctx))
    finally:
        _alias_depth[0] -= 1
    return [Finding(f.rule_id, f.message + where, subject=f.subject, instead=f.instead)
            for f in found]


def _hooks_config(call: GitCall) -> list[Finding]:
    if "core.hookspath" in call.config:
        value = call.config["core.hookspath"]
        return [_f("GIT023", f"`{_shown(call)}` sets core.hooksPath to `{value or '(empty)'}` "
                   "for this command, so the project's git hooks do not run", call)]
    return []


_SKIP_VARS = {"HUSKY": ("0", "false"), "HUSKY_SKIP_HOOKS": None, "SKIP": None,
              "LEFTHOOK": ("0", "false"), "LEFTHOOK_EXCLUDE": None, "OVERCOMMIT_DISABLE": None,
              "PRE_COMMIT": ("0",)}


def _hooks_env(call: GitCall) -> list[Finding]:
    out = []
    for var, values in _SKIP_VARS.items():
        value = call.inv.env.get(var)
        if value is None or value == "":
            continue
        if values is not None and value.lower() not in values:
            continue
        if values is None and value.lower() in ("0", "false") and var != "SKIP":
            continue
        out.append(_f("GIT025", f"`{var}={value}` on `git {call.sub}` switches off the "
                      "project's git hooks for this command", call))
    return out


_RESET = OptSpec(
    flags={"--hard": "hard", "--merge": "merge", "--keep": "keep", "--soft": "soft",
           "--mixed": "mixed", "-q": "quiet", "--quiet": "quiet", "-p": "patch",
           "--patch": "patch", "-N": "intent", "--intent-to-add": "intent",
           "--recurse-submodules": "recurse", "--no-recurse-submodules": "norecurse",
           "--no-refresh": "norefresh", "--refresh": "refresh",
           "--pathspec-file-nul": "nul", "-h": "help"},
    valued={"--pathspec-from-file": "from_file"},
)


def _reset(call: GitCall, ctx: Context) -> list[Finding]:
    o = parse(call.args, _RESET)
    mode = "hard" if o.has("hard") else "merge" if o.has("merge") else None
    if mode is None:
        return []
    target = next((w.text for w in o.positionals), "HEAD")
    lost = ("every uncommitted change to tracked files" if mode == "hard" else
            "the staged changes and the changes of files the reset touches")
    return [_f("GIT001", f"`{_shown(call)}` moves to {target} and discards {lost} "
               f"{_where(call, ctx)}; git never stored them", call)]


def _read_tree(call: GitCall, ctx: Context) -> list[Finding]:
    texts = {w.text for w in call.args}
    if "--reset" in texts and "-u" in texts:
        return [_f("GIT001", f"`{_shown(call)}` overwrites the working tree "
                   f"{_where(call, ctx)}, discarding uncommitted changes", call)]
    return []


_CLEAN = OptSpec(
    flags={"-f": "force", "--force": "force", "-n": "dry", "--dry-run": "dry", "-d": "dirs",
           "-x": "ignored", "-X": "only_ignored", "-q": "quiet", "--quiet": "quiet",
           "-i": "interactive", "--interactive": "interactive"},
    valued={"-e": "exclude", "--exclude": "exclude"},
)

_CLEAN_DANGER = {"--force": "force", "--interactive": "interactive"}


def _clean(call: GitCall, ctx: Context) -> list[Finding]:
    o = parse(_with_dynamic(call), _CLEAN)
    if o.has("dry"):
        return []
    danger = {f for f in o.flags if f in ("force", "interactive")}
    danger |= _unknown_prefix(o, _CLEAN_DANGER)
    require = call.config.get("clean.requireforce")
    if require is None and not danger:
        require = _file_setting(call, ctx, "clean", "requireforce")
    no_require = (require or "").lower() in ("false", "no", "off", "0")
    if not danger and not no_require:
        return []  # git refuses to clean without -f
    if o.positionals and all(
        not w.dynamic and ctx.classify(w, call.cwd) in ("disposable", "temp")
        for w in o.positionals
    ):
        return []  # only build output / caches
    what = "untracked files"
    if o.has("dirs"):
        what = "untracked files and directories"
    if o.has("ignored"):
        what += ", including ignored ones such as .env and local config"
    elif o.has("only_ignored"):
        what = "ignored files (such as .env and local config)"
    scope = ""
    if o.positionals:
        scope = " under " + ", ".join(
            ctx.rel(p) if (p := ctx.resolve(w.text, call.cwd)) and not w.dynamic else w.text
            for w in o.positionals[:5]
        )
    return [_f("GIT002", f"`{_shown(call)}` deletes {what}{scope} {_where(call, ctx)}; they "
               "were never in git and cannot be recovered", call)]


_CHECKOUT = OptSpec(
    flags={"-q": "quiet", "--quiet": "quiet", "--no-quiet": "noquiet", "-f": "force",
           "--force": "force", "--ours": "ours", "--theirs": "theirs", "-m": "merge",
           "--merge": "merge", "--detach": "detach", "-p": "patch", "--patch": "patch",
           "-t": "track", "--track": "track", "--no-track": "notrack", "-l": "reflog",
           "--guess": "guess", "--no-guess": "noguess", "--overlay": "overlay",
           "--no-overlay": "nooverlay", "--progress": "progress", "--no-progress": "noprogress",
           "--recurse-submodules": "recurse", "--no-recurse-submodules": "norecurse",
           "--ignore-skip-worktree-bits": "isw", "--ignore-other-worktrees": "iow",
           "--overwrite-ignore": "oi", "--no-overwrite-ignore": "noi",
           "--pathspec-file-nul": "nul", "-h": "help"},
    valued={"-b": "new", "-B": "reset_new", "--orphan": "orphan", "--conflict": "conflict",
            "--pathspec-from-file": "from_file", "-U": "unified", "--unified": "unified",
            "--inter-hunk-context": "ihc"},
)
_CHECKOUT_DANGER = {"--force": "force"}

_REV_NAMES = frozenset(["HEAD", "FETCH_HEAD", "ORIG_HEAD", "MERGE_HEAD", "@", "-"])


def _looks_like_rev(text: str) -> bool:
    if text in _REV_NAMES or any(c in text for c in "~^@{"):
        return True
    return 7 <= len(text) <= 64 and all(c in "0123456789abcdef" for c in text)


def _checkout(call: GitCall, ctx: Context) -> list[Finding]:
    words = _with_dynamic(call)
    before, after = _split_dash(words, _CHECKOUT)
    o = parse(before, _CHECKOUT)
    if o.has("force") or _unknown_prefix(o, _CHECKOUT_DANGER):
        return [_f("GIT005", f"`{_shown(call)}` switches by force, discarding every "
                   f"uncommitted change {_where(call, ctx)}", call)]
    repo = find_repo(call)
    for opt in ("reset_new",):
        name = o.value(opt)
        if name and ("$" in name or "`" in name or repo.has_ref(name) is not False):
            return [_f("GIT009", f"`{_shown(call)}` resets the existing branch `{name}` to a "
                       "new commit; its old commits stay only in its reflog", call)]
    if o.has("new", "reset_new", "orphan"):
        return []
    if _last_of(_ordered(before, _CHECKOUT), "track", "notrack"):
        # --track without -b creates the branch named after a remote-tracking start point and
        # git refuses to update paths at the same time ("'--track' cannot be used with
        # updating paths", "missing branch name; try -b"). ``--track=direct``: the mode is
        # only ever attached with ``=``, so ``--track direct main`` names two operands.
        return []
    positionals = o.positionals
    if after is not None:
        paths = list(after)
    elif len(positionals) >= 2:
        first = positionals[0]
        paths = positionals[1:] if (first.dynamic or _looks_like_rev(first.text)
                                     or repo.has_ref(first.text) is not False) else positionals
    elif len(positionals) == 1:
        w = positionals[0]
        if o.has("from_file"):
            paths = []
        elif w.dynamic:
            # a branch name or a path known only at run time: unknown target
            paths = [w]
        elif _is_path_like(w, call, repo):
            paths = [w]
        else:
            return []
    else:
        paths = []
    if o.has("ours", "theirs") and repo.in_conflict():
        return []  # picking a side: the merge stages stay in the index
    if not paths and not o.has("from_file", "patch"):
        return []
    return _discard(call, ctx, repo, paths, o.has("from_file"), o.has("patch"))


def _is_path_like(w: Word, call: GitCall, repo: Repo) -> bool:
    """``git checkout X`` without ``--``: git treats X as a branch when one exists."""
    t = w.text
    if t in (".", "./", ":/") or t.startswith(":(") or w.glob or any(c in t for c in "*?["):
        return True
    if _looks_like_rev(t) or repo.has_ref(t):
        return False
    if call.cwd is None:
        return False
    path = posixpath.normpath(posixpath.join(call.cwd, t))
    return os.path.lexists(path)


def _whole_tree(w: Word, call: GitCall, repo: Repo, ctx: Context) -> bool:
    t = w.text
    if w.dynamic:
        return False
    if t in (":/", ":", ":/*", "*", ":(top)", ":(top)*") or (t.startswith(":/") and len(t) <= 3):
        return True
    if t.startswith(":(") and "top" in t.split(")", 1)[0]:
        return True
    stripped = t.rstrip("*") if t.endswith("/*") or t == "*" else t
    if call.cwd is None:
        return t in (".", "./", "*")
    path = ctx.resolve(stripped or ".", call.cwd)
    if path is None:
        return True
    top = repo.top
    if top is None:
        return t in (".", "./", "*")
    return top == path or top.startswith(path.rstrip("/") + "/")


def _refused_pathspec(w: Word, call: GitCall, repo: Repo) -> bool:
    """A branch or tag name read as a path (``git checkout --recurse-submodules checkout
    main``: ``checkout`` is no revision, so both words are paths) with no such file: git stops
    the whole command with "pathspec 'main' did not match any file" and touches nothing."""
    t = w.text
    if w.dynamic or w.glob or call.cwd is None or not t or t.startswith((":", "-")) \
            or any(c in t for c in "*?[\\") or repo.has_ref(t) is not True:
        return False
    return not os.path.lexists(posixpath.normpath(posixpath.join(call.cwd, t)))


def _discard(call: GitCall, ctx: Context, repo: Repo, paths: list[Word], from_file: bool,
             patch: bool) -> list[Finding]:
    if not from_file and any(_refused_pathspec(w, call, repo) for w in paths):
        return []
    whole = [w for w in paths if _whole_tree(w, call, repo, ctx)]
    if whole or (patch and not paths):
        return [_f("GIT003", f"`{_shown(call)}` overwrites every modified file "
                   f"{_where(call, ctx)} with the committed version; the uncommitted changes "
                   "are lost for good", call)]
    shown = []
    for w in paths[:5]:
        if w.dynamic:
            shown.append("paths known only at run time")
        else:
            p = ctx.resolve(w.text, call.cwd)
            shown.append(ctx.rel(p) if p else w.text)
    if from_file:
        shown.append("the paths listed in the pathspec file")
    if len(paths) > 5:
        shown.append(f"{len(paths) - 5} more")
    if not from_file and not patch and _alone(call, ctx) and _as_committed(call, paths):
        return []  # nothing uncommitted to lose: what is overwritten is in HEAD
    return [_f("GIT004", f"`{_shown(call)}` overwrites {', '.join(shown)} with the committed "
               "version; their uncommitted changes are lost for good", call)]


def _alone(call: GitCall, ctx: Context) -> bool:
    """Whether the git call is the whole command, so that the files it touches are as they
    are now when it runs (``git stash pop && git checkout -- f`` changes f first)."""
    command = ctx.action.command or ""
    return ctx.action.kind == "shell" and not call.inv.via and not any(
        c in command for c in ";&|\n`$(<>")


def _as_committed(call: GitCall, paths: list[Word]) -> bool:
    """Whether every path named is a tracked file with no change from HEAD, staged or not
    (asked to git; a folder, a pattern, a name known only at run time or any failure count as
    changed). Overwriting such a file with another version loses nothing: the one it holds is
    the committed one. Only the files named: a folder may also hold untracked files that a
    checkout from another revision replaces."""
    from railguard.rules.base import run_git

    cwd = call.cwd
    if call.git_dir or call.work_tree or cwd is None or not paths or len(paths) > 32:
        return False
    names = []
    for w in paths:
        t = w.text
        if w.dynamic or w.glob or not t or t.startswith((":", "-")) or any(
                c in t for c in "*?[\\"):
            return False
        path = posixpath.normpath(posixpath.join(cwd, t))
        if os.path.islink(path) or not os.path.isfile(path):
            return False
        names.append(t)
    listed = run_git(["ls-files", "--error-unmatch", "--", *names], cwd)
    if listed is None or listed[0] != 0:
        return False
    same = run_git(["diff", "--quiet", "--no-ext-diff", "--no-textconv", "HEAD", "--", *names],
                   cwd)
    return same is not None and same[0] == 0


_RESTORE = OptSpec(
    flags={"-S": "staged", "--staged": "staged", "-W": "worktree", "--worktree": "worktree",
           "--no-staged": "nostaged", "--no-worktree": "noworktree", "-p": "patch",
           "--patch": "patch", "--no-patch": "nopatch", "-q": "quiet", "--quiet": "quiet",
           "--progress": "progress", "--no-progress": "noprogress", "--ours": "ours",
           "--theirs": "theirs", "-m": "merge", "--merge": "merge",
           "--ignore-unmerged": "iu", "--overlay": "overlay", "--no-overlay": "nooverlay",
           "--recurse-submodules": "recurse", "--no-recurse-submodules": "norecurse",
           "--ignore-skip-worktree-bits": "isw", "--pathspec-file-nul": "nul",
           "--no-source": "nosource", "-h": "help"},
    valued={"-s": "source", "--source": "source", "--conflict": "conflict",
            "--pathspec-from-file": "from_file", "-U": "unified", "--unified": "unified",
            "--inter-hunk-context": "ihc"},
)


def _last_of(order: list[str], on: str, off: str) -> bool | None:
    for name in reversed(order):
        if name == on:
            return True
        if name == off:
            return False
    return None


def _restore(call: GitCall, ctx: Context) -> list[Finding]:
    words = _with_dynamic(call)
    before, after = _split_dash(words, _RESTORE)
    o = parse(before, _RESTORE)
    order = _ordered(before, _RESTORE)
    staged = _last_of(order, "staged", "nostaged")
    worktree = _last_of(order, "worktree", "noworktree")
    if worktree is None:
        worktree = staged is None  # the working tree is the default only when -S is not named
    if not worktree:
        return []
    paths = list(o.positionals) + (list(after) if after is not None else [])
    patch = bool(_last_of(order, "patch", "nopatch"))
    if not paths and not o.has("from_file") and not patch:
        return []  # git refuses: no pathspec
    repo = find_repo(call)
    if o.has("ours", "theirs") and not o.has("source") and repo.in_conflict():
        return []  # picking a side: the merge stages stay in the index
    return _discard(call, ctx, repo, paths, o.has("from_file"), patch)


_SWITCH = OptSpec(
    flags={"-f": "force", "--force": "force", "--discard-changes": "force", "-m": "merge",
           "--merge": "merge", "-d": "detach", "--detach": "detach", "-q": "quiet",
           "--quiet": "quiet", "-t": "track", "--track": "track", "--no-track": "notrack",
           "--guess": "guess", "--no-guess": "noguess", "--progress": "progress",
           "--no-progress": "noprogress", "--recurse-submodules": "recurse",
           "--no-recurse-submodules": "norecurse", "--ignore-other-worktrees": "iow",
           "-h": "help"},
    valued={"-c": "create", "--create": "create", "-C": "force_create",
            "--force-create": "force_create", "--orphan": "orphan", "--conflict": "conflict"},
)
_SWITCH_DANGER = {"--force": "force", "--discard-changes": "force"}


def _switch(call: GitCall, ctx: Context) -> list[Finding]:
    before, _after = _split_dash(call.args, _SWITCH)
    o = parse(before, _SWITCH)
    if o.has("force") or _unknown_prefix(o, _SWITCH_DANGER):
        return [_f("GIT005", f"`{_shown(call)}` switches by force, discarding every "
                   f"uncommitted change {_where(call, ctx)}", call)]
    name = o.value("force_create")
    if name and ("$" in name or "`" in name or find_repo(call).has_ref(name) is not False):
        return [_f("GIT009", f"`{_shown(call)}` resets the existing branch `{name}`; its old "
                   "commits stay only in its reflog", call)]
    return []


def _stash(call: GitCall, ctx: Context) -> list[Finding]:
    args = [w for w in call.args if not w.text.startswith("-")]
    action = args[0].text if args else ""
    if action == "clear":
        return [_f("GIT006", f"`{_shown(call)}` deletes every stash {_where(call, ctx)} at "
                   "once", call)]
    if action == "drop":
        which = args[1].text if len(args) > 1 else "stash@{0}"
        return [_f("GIT007", f"`{_shown(call)}` deletes the stash entry {which}", call)]
    return []


_BRANCH = OptSpec(
    flags={"-d": "delete", "--delete": "delete", "-D": "force_delete", "-f": "force",
           "--force": "force", "-m": "move", "--move": "move", "-M": "force_move",
           "-c": "copy", "--copy": "copy", "-C": "force_copy", "-r": "remotes",
           "--remotes": "remotes", "-a": "all", "--all": "all", "-v": "verbose",
           "-vv": "verbose", "--verbose": "verbose", "-q": "quiet", "--quiet": "quiet",
           "-l": "list", "--list": "list", "-i": "icase", "--ignore-case": "icase",
           "--create-reflog": "reflog", "--no-track": "notrack", "-t": "track",
           "--track": "track", "--edit-description": "edit", "--show-current": "current",
           "--no-color": "nocolor", "--color": "color", "--no-column": "nocolumn",
           "--column": "column", "--omit-empty": "omit", "--recurse-submodules": "recurse"},
    valued={"-u": "upstream", "--set-upstream-to": "upstream", "--contains": "contains",
            "--no-contains": "nocontains", "--merged": "merged", "--no-merged": "nomerged",
            "--points-at": "points", "--sort": "sort", "--format": "format",
            "--abbrev": "abbrev"},
)
_BRANCH_DANGER = {"--force": "force", "--delete": "delete"}


def _branch(call: GitCall, ctx: Context) -> list[Finding]:
    o = parse(_with_dynamic(call), _BRANCH)
    o.flags |= _unknown_prefix(o, _BRANCH_DANGER)
    names = [w.text if not w.dynamic else "(known only at run time)" for w in o.positionals]
    shown = ", ".join(f"`{n}`" for n in names[:5]) or "the branch"
    if o.has("force_delete") or (o.has("delete") and o.has("force")):
        return [_f("GIT008", f"`{_shown(call)}` deletes {shown} even if not merged; its "
                   "commits stay only in the reflog", call)]
    if o.has("delete") or o.has("list", "remotes", "all", "current", "edit", "upstream"):
        return []
    repo = find_repo(call)
    if o.has("force_move", "force_copy") or (o.has("force") and o.has("move", "copy")):
        target = o.positionals[-1] if o.positionals else None
        if target is not None and (target.dynamic or repo.has_ref(target.text) is not False):
            return [_f("GIT009", f"`{_shown(call)}` overwrites the existing branch "
                       f"`{target.text}`; its old commits stay only in its reflog", call)]
        return []
    if o.has("force") and o.positionals:
        target = o.positionals[0]
        if target.dynamic or repo.has_ref(target.text) is not False:
            return [_f("GIT009", f"`{_shown(call)}` moves the existing branch "
                       f"`{target.text}`; the commits it pointed to stay only in its reflog",
                       call)]
    return []


def _reflog(call: GitCall, ctx: Context) -> list[Finding]:
    args = call.args
    action = next((w.text for w in args if not w.text.startswith("-")), "")
    texts = [w.text for w in args]
    if "-n" in texts or "--dry-run" in texts:
        return []
    if action == "delete":
        return [_f("GIT010", f"`{_shown(call)}` deletes reflog entries, the record that "
                   "finds lost commits again", call)]
    if action != "expire":
        return []
    for i, t in enumerate(texts):
        name, eq, value = t.partition("=")
        if name in ("--expire", "--expire-unreachable"):
            if not eq:
                value = texts[i + 1] if i + 1 < len(texts) else ""
            if value.lower() not in ("never", "false"):
                return [_f("GIT010", f"`{_shown(call)}` expires reflog entries now "
                           f"({name}={value}); lost commits can no longer be found", call)]
    for key in ("gc.reflogexpire", "gc.reflogexpireunreachable"):
        setting = call.config.get(key)
        if setting is not None and setting.lower() not in ("never", "false"):
            return [_f("GIT010", f"`{_shown(call)}` expires reflog entries with "
                       f"{key}={setting}", call)]
    return []


_RECENT_UNITS = ("now", "all", "second", "minute", "hour", "day")


def _recent(value: str) -> bool:
    v = value.lower().strip()
    if v in ("never", "false"):
        return False
    return v.isdigit() or any(u in v for u in _RECENT_UNITS)


def _gc(call: GitCall, ctx: Context) -> list[Finding]:
    for w in call.args:
        name, eq, value = w.text.partition("=")
        if name == "--prune" and eq and _recent(value):
            return [_f("GIT011", f"`{_shown(call)}` deletes every unreachable object now "
                       f"{_where(call, ctx)} (dropped stashes, commits of deleted branches)",
                       call)]
    setting = call.config.get("gc.pruneexpire")
    if setting is not None and _recent(setting) and "--no-prune" not in {w.text for w in call.args}:
        return [_f("GIT011", f"`{_shown(call)}` prunes unreachable objects now "
                   f"(gc.pruneExpire={setting})", call)]
    for key in ("gc.reflogexpire", "gc.reflogexpireunreachable"):
        setting = call.config.get(key)
        if setting is not None and _recent(setting):
            return [_f("GIT010", f"`{_shown(call)}` expires reflog entries now ({key}="
                       f"{setting}); lost commits can no longer be found", call)]
    return []


def _prune(call: GitCall, ctx: Context) -> list[Finding]:
    texts = [w.text for w in call.args]
    if "-n" in texts or "--dry-run" in texts:
        return []
    for i, t in enumerate(texts):
        name, eq, value = t.partition("=")
        if name == "--expire":
            if not eq:
                value = texts[i + 1] if i + 1 < len(texts) else ""
            if not _recent(value):
                return []
    return [_f("GIT011", f"`{_shown(call)}` deletes every unreachable object "
               f"{_where(call, ctx)} at once", call)]


def _filter(call: GitCall, ctx: Context) -> list[Finding]:
    texts = {w.text for w in call.args}
    if call.sub == "filter-repo" and texts & {"--analyze", "--dry-run", "--version"}:
        return []
    return [_f("GIT012", f"`{_shown(call)}` rewrites the history {_where(call, ctx)}", call)]


def _update_ref(call: GitCall, ctx: Context) -> list[Finding]:
    o = parse(call.args, OptSpec(flags={"-d": "delete", "--no-deref": "noderef",
                                        "--stdin": "stdin", "-z": "z",
                                        "--create-reflog": "reflog"},
                                 valued={"-m": "message"}))
    if o.has("delete"):
        ref = o.positionals[0].text if o.positionals else "a ref"
        return [_f("GIT013", f"`{_shown(call)}` deletes the ref {ref}", call)]
    if o.has("stdin") and call.inv.stdin_text and any(
        line.strip().startswith("delete ") for line in call.inv.stdin_text.splitlines()
    ):
        return [_f("GIT013", f"`{_shown(call)}` deletes refs listed on its input", call)]
    refs: list[Word] = []
    if o.has("stdin"):
        for line in (call.inv.stdin_text or "").splitlines():
            parts = line.split()
            if len(parts) >= 3 and parts[0] == "update":
                refs.append(Word(parts[1]))
    elif len(o.positionals) >= 2:
        refs.append(o.positionals[0])
    repo = find_repo(call)
    for target in refs:
        branch = _branch_of_ref(target, repo, o.has("noderef"))
        if branch is not None:
            return [_f("GIT009", f"`{_shown(call)}` moves the existing branch `{branch}` "
                       "wherever it is told; the commits it pointed to stay only in its "
                       "reflog", call)]
    return []


def _branch_of_ref(ref: Word, repo: Repo, no_deref: bool) -> str | None:
    """The existing branch ``git update-ref REF NEW`` moves (None: none, or a new one)."""
    t = ref.text
    if ref.dynamic:
        return t
    if t == "HEAD" and not no_deref:
        name = repo.current_branch()
    elif t.startswith("refs/heads/"):
        name = t[len("refs/heads/"):]
    else:
        return None  # a tag, a remote-tracking ref, a top-level ref: not a branch
    if not name or repo.has_ref(f"refs/heads/{name}") is False:
        return None
    return name


def _worktree(call: GitCall, ctx: Context) -> list[Finding]:
    args = call.args
    if not args or args[0].text != "remove":
        return []
    o = parse(args[1:], OptSpec(flags={"-f": "force", "--force": "force"}))
    if not (o.has("force") or _unknown_prefix(o, {"--force": "force"})):
        return []
    where = "a worktree"
    if o.positionals:
        w = o.positionals[0]
        p = None if w.dynamic else ctx.resolve(w.text, call.cwd)
        where = f"the worktree {ctx.rel(p) if p else w.text}"
    return [_f("GIT014", f"`{_shown(call)}` deletes {where} even with uncommitted changes and "
               "untracked files in it", call)]


_PUSH = OptSpec(
    flags={"-f": "force", "--force": "force", "--force-with-lease": "lease",
           "--no-force-with-lease": "nolease", "--force-if-includes": "includes",
           "--no-force-if-includes": "noincludes", "--mirror": "mirror", "-d": "delete",
           "--delete": "delete", "--prune": "prune", "--no-prune": "noprune", "--all": "all",
           "--branches": "all", "--tags": "tags", "--follow-tags": "follow",
           "--no-follow-tags": "nofollow", "-n": "dry", "--dry-run": "dry",
           "--porcelain": "porcelain", "--no-verify": "noverify", "--verify": "verify",
           "-u": "upstream", "--set-upstream": "upstream", "-q": "quiet", "--quiet": "quiet",
           "-v": "verbose", "--verbose": "verbose", "--progress": "progress",
           "--no-progress": "noprogress", "--atomic": "atomic", "--no-atomic": "noatomic",
           "--thin": "thin", "--no-thin": "nothin", "-4": "v4", "--ipv4": "v4", "-6": "v6",
           "--ipv6": "v6", "--signed": "signed", "--no-signed": "nosigned"},
    valued={"--repo": "repo", "-o": "option", "--push-option": "option",
            "--receive-pack": "rp", "--exec": "rp", "--recurse-submodules": "recurse"},
)
#: ``git send-pack``, the plumbing under ``git push``: the same refspecs, fewer options
_SEND_PACK = OptSpec(
    flags={"--force": "force", "--force-with-lease": "lease", "--mirror": "mirror",
           "--all": "all", "--dry-run": "dry", "--verbose": "verbose", "-v": "verbose",
           "--quiet": "quiet", "-q": "quiet", "--progress": "progress", "--thin": "thin",
           "--no-thin": "nothin", "--atomic": "atomic", "--signed": "signed",
           "--no-signed": "nosigned", "--stdin": "stdin", "--stateless-rpc": "srpc",
           "--helper-status": "hs", "--check-connectivity": "cc"},
    valued={"--receive-pack": "rp", "--exec": "rp", "--push-option": "option",
            "-o": "option"},
)
_PUSH_DANGER = {"--force": "force", "--force-with-lease": "lease", "--mirror": "mirror",
                "--delete": "delete", "--prune": "prune", "--force-if-includes": "includes"}


def _protected(branch: str, ctx: Context) -> bool:
    name = branch.removeprefix("refs/heads/")
    patterns = list(PROTECTED_BRANCHES) + list(ctx.config.protected_branches)
    return any(fnmatchcase(name, p) for p in patterns)


def _send_pack(call: GitCall, ctx: Context) -> list[Finding]:
    return _push(call, ctx, _SEND_PACK)


def _push(call: GitCall, ctx: Context, spec: OptSpec = _PUSH) -> list[Finding]:
    words = _with_dynamic(call)
    before, after = _split_dash(words, spec)
    o = parse(before, spec)
    if o.has("dry"):
        return []
    danger = _unknown_prefix(o, _PUSH_DANGER)
    flags = o.flags | danger
    out: list[Finding] = []
    if "noverify" in flags:
        out.append(_f("GIT022", f"`{_shown(call)}` skips the pre-push hook", call))
    positionals = list(o.positionals) + (list(after) if after is not None else [])
    if o.has("repo"):
        remote = o.value("repo") or "the remote"
        refspecs = positionals
    else:
        remote = positionals[0].text if positionals else "the default remote"
        refspecs = positionals[1:]
    refspecs = [w for w in refspecs if w.text != "tag" or w.dynamic]
    if not refspecs and not flags & {"all", "tags", "mirror", "delete"}:
        configured = _configured_push(call, remote if positionals or o.has("repo") else None)
        if configured == "mirror":
            flags = flags | {"mirror"}
        elif configured:
            refspecs = [Word(configured)]
    if "mirror" in flags:
        out.append(_f("GIT018", f"`{_shown(call)}` makes {remote} mirror this repository, "
                      "deleting and force-updating remote refs", call))
        return out
    deletes: list[str] = []
    forced: list[str] = []
    dests: list[str | None] = []
    for w in refspecs:
        t = w.text
        if w.dynamic:
            if "delete" in flags:
                deletes.append("(a ref known only at run time)")
            else:
                dests.append(None)
            continue
        plus = t.startswith("+")
        body = t[1:] if plus else t
        src, colon, dst = body.partition(":")
        if dst.startswith("+"):
            plus = True
            dst = dst[1:]
        if colon and not src:
            deletes.append(dst)
            continue
        target = dst if colon and dst else src
        if "delete" in flags:
            deletes.append(target)
            continue
        if plus:
            forced.append(target or t)
        dests.append(target)
    if "delete" in flags and not refspecs:
        deletes.append("(a ref named at run time)" if call.inv.inputs_dynamic else "")
    if deletes:
        names = ", ".join(d for d in deletes if d) or "refs"
        out.append(_f("GIT019", f"`{_shown(call)}` deletes {names} on {remote}", call))
    if "prune" in flags:
        out.append(_f("GIT020", f"`{_shown(call)}` deletes every branch on {remote} that does "
                      "not exist locally", call))
    if "force" in flags or forced:
        names = ", ".join(forced) or ", ".join(d or "?" for d in dests) or "the current branch"
        out.append(_f("GIT015", f"`{_shown(call)}` force-pushes {names} to {remote}, "
                      "overwriting the history there", call))
        return out
    if flags & {"lease", "includes"} and "nolease" not in flags:
        out.extend(_lease(call, ctx, o, dests, remote))
        return out
    if deletes or "prune" in flags:
        return out
    what = ", ".join(d or "?" for d in dests) if dests else "the current branch"
    if o.has("all"):
        what = "every branch"
    elif o.has("tags") and not dests:
        what = "every tag"
    out.append(_f("GIT021", f"`{_shown(call)}` publishes {what} to {remote}", call))
    return out


def _configured_push(call: GitCall, remote: str | None) -> str | None:
    """What a push without refspecs does by the settings of its remote: "mirror", a forced
    refspec (``remote.origin.push=+main:main``), or None. Read from ``-c`` and the
    environment, then the repository's config file."""
    name = (remote or "origin").lower()
    if "/" in name or ":" in name:
        return None  # a URL or a path: no remote.* settings
    mirror = call.config.get(f"remote.{name}.mirror")
    push = call.config.get(f"remote.{name}.push")
    if mirror is None and push is None:
        repo = find_repo(call)
        if repo.common:
            settings = _remote_settings(posixpath.join(repo.common, "config"), name,
                                        os.environ.get("HOME", ""))
            mirror, push = settings.get("mirror"), settings.get("push")
    if mirror is not None and mirror.lower() in ("", "true", "yes", "on", "1"):
        return "mirror"
    if push is not None and push.strip().startswith("+"):
        return push.strip()
    return None


def _remote_settings(path: str, remote: str, home: str) -> dict[str, str]:
    """``push``, ``mirror`` and ``url`` of ``[remote "NAME"]`` in a git config file and the
    files it includes (a forced refspec wins over the others; the first URL is the one git
    fetches from)."""
    text = _config_text(path, home)
    out: dict[str, str] = {}
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            head = line[1:].split("]", 1)[0].strip()
            inside = head.lower().startswith("remote") and head[6:].strip().strip('"').lower() \
                == remote
            continue
        if not inside or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.strip().lower()
        value = value.strip().strip('"')
        if (key == "url" and key not in out) or key == "mirror" or (
                key == "push" and ("push" not in out or value.startswith("+"))):
            out[key] = value
    return out


def _fetch(call: GitCall, ctx: Context) -> list[Finding]:
    """``git fetch origin +main:main`` / ``git fetch . +HEAD~3:topic``: a forced refspec whose
    destination is an existing local branch moves it wherever the source is."""
    args = call.args
    texts = [w.text for w in args]
    if "--dry-run" in texts:
        return []
    forced = any(t in ("-f", "--force") for t in texts)
    ops = [w for w in args if not w.text.startswith("-")]
    repo = find_repo(call)
    current = repo.current_branch()
    for w in ops[1:]:
        t = w.text
        if w.dynamic or ":" not in t:
            continue
        plus = t.startswith("+")
        dst = t.lstrip("+").split(":", 1)[1]
        if not (plus or forced) or not dst or "*" in dst:
            continue
        if dst.startswith("refs/") and not dst.startswith("refs/heads/"):
            continue
        branch = dst.removeprefix("refs/heads/")
        if branch == current and "--update-head-ok" not in texts:
            continue  # git refuses to fetch into the checked-out branch
        if repo.has_ref(f"refs/heads/{branch}") is False:
            continue
        return [_f("GIT009", f"`{_shown(call)}` moves the existing branch `{branch}` by "
                   "force to what it fetches; the commits it pointed to stay only in its "
                   "reflog", call)]
    return []


def _lease(call: GitCall, ctx: Context, o: Opts, dests: list[str | None],
           remote: str) -> list[Finding]:
    if o.has("all", "tags"):
        return [_f("GIT016", f"`{_shown(call)}` force-pushes every branch to {remote}, "
                   "protected ones included", call)]
    current = find_repo(call).current_branch()
    branches: list[str | None] = []
    for d in dests or ["HEAD"]:
        branches.append(current if d in ("HEAD", "@") else d)
    bad = [b for b in branches if b is None or _protected(b, ctx) or not b]
    if bad:
        why = ", ".join(f"`{b}` (protected)" if b else "a branch known only at run time"
                        for b in bad)
        return [_f("GIT016", f"`{_shown(call)}` rewrites the published history of {why} on "
                   f"{remote}", call)]
    names = ", ".join(f"`{b}`" for b in branches)
    return [_f("GIT017", f"`{_shown(call)}` rewrites the published history of {names} on "
               f"{remote} (with a lease)", call)]


_COMMIT = OptSpec(
    flags={"-n": "noverify", "--no-verify": "noverify", "--verify": "verify", "-a": "all",
           "--all": "all", "-p": "patch", "--patch": "patch", "-s": "signoff",
           "--signoff": "signoff", "-v": "verbose", "--verbose": "verbose", "-q": "quiet",
           "--quiet": "quiet", "-e": "edit", "--edit": "edit", "--no-edit": "noedit",
           "--amend": "amend", "-i": "include", "--include": "include", "-o": "only",
           "--only": "only", "-z": "null", "--null": "null", "--dry-run": "dry",
           "--short": "short", "--branch": "branch", "--porcelain": "porcelain",
           "--long": "long", "--allow-empty": "ae", "--allow-empty-message": "aem",
           "--no-post-rewrite": "npr", "--reset-author": "ra", "--status": "status",
           "--no-status": "nostatus", "--no-gpg-sign": "nogpg", "-h": "help"},
    valued={"-m": "message", "--message": "message", "-F": "file", "--file": "file",
            "-c": "reedit", "--reedit-message": "reedit", "-C": "reuse",
            "--reuse-message": "reuse", "--author": "author", "--date": "date",
            "--fixup": "fixup", "--squash": "squash", "--cleanup": "cleanup",
            "-t": "template", "--template": "template", "--trailer": "trailer",
            "--pathspec-from-file": "from_file"},
)


def _commit(call: GitCall, ctx: Context) -> list[Finding]:
    # -S[keyid] and -u[mode] take an attached optional value (``-uno``): not option clusters
    words = [w for w in call.args
             if not (len(w.text) > 2 and w.text[:2] in ("-S", "-u") and not w.dynamic)]
    before, _after = _split_dash(words, _COMMIT)
    o = parse(before, _COMMIT)
    order = _ordered(before, _COMMIT)
    if _last_of(order, "noverify", "verify") and not o.has("dry"):
        return [_f("GIT022", f"`{_shown(call)}` skips the pre-commit and commit-msg hooks",
                   call)]
    return []


def _no_verify(call: GitCall, ctx: Context) -> list[Finding]:
    texts = [w.text for w in call.args]
    if "--" in texts:
        texts = texts[: texts.index("--")]
    if "--no-verify" in texts and (
        "--verify" not in texts or texts.index("--verify") < len(texts) - 1
        - texts[::-1].index("--no-verify")
    ):
        return [_f("GIT022", f"`{_shown(call)}` skips the project's git hooks", call)]
    return []


_CONFIG = OptSpec(
    flags={"--global": "global", "--system": "system", "--local": "local",
           "--worktree": "worktree", "--get": "get", "--get-all": "get",
           "--get-regexp": "get", "--get-urlmatch": "get", "-l": "list", "--list": "list",
           "--unset": "unset", "--unset-all": "unset", "--add": "add",
           "--replace-all": "replace", "-e": "edit", "--edit": "edit", "--bool": "type",
           "--int": "type", "--path": "type", "-z": "z", "--null": "z",
           "--name-only": "nameonly", "--show-origin": "origin", "--show-scope": "scope",
           "--includes": "inc", "--no-includes": "noinc", "--all": "all"},
    valued={"-f": "file", "--file": "file", "--blob": "blob", "--type": "type",
            "--default": "default", "--comment": "comment", "--value": "value"},
)

#: settings whose value git runs as a shell command (``core.fsmonitor`` and ``pager.*`` only
#: when it is not a boolean; ``alias.*``, ``submodule.*.update`` and ``credential.*helper``
#: only when it starts with ``!``)
_COMMAND_KEYS = frozenset(
    """core.fsmonitor core.pager core.editor core.sshcommand core.askpass core.gitproxy
    core.alternaterefscommand sequence.editor diff.external uploadpack.packobjectshook
    sendemail.sendmailcmd sendemail.tocmd sendemail.cccmd gpg.program
    gpg.openpgp.program gpg.x509.program gpg.ssh.program gpg.ssh.defaultkeycommand""".split()
)
#: ``section.<name>.key`` settings whose value is a command, by (section, key)
_COMMAND_SUBKEYS = frozenset(
    [("diff", "command"), ("diff", "textconv"), ("merge", "driver"), ("filter", "clean"),
     ("filter", "smudge"), ("filter", "process"), ("difftool", "cmd"), ("mergetool", "cmd"),
     ("man", "cmd"), ("browser", "cmd"), ("trailer", "command"), ("trailer", "cmd"),
     ("remote", "uploadpack"), ("remote", "receivepack")]
)
_BOOLEANS = frozenset(["", "true", "false", "yes", "no", "on", "off", "1", "0"])


def _config_write(call: GitCall) -> tuple[str, str, Word | None] | None:
    """What a ``git config`` call writes: (mode, key, value word); None when it only reads."""
    o = parse(call.args, _CONFIG)
    words = list(o.positionals)
    mode = "legacy"
    if words and not words[0].dynamic and words[0].text in (
            "get", "set", "unset", "list", "edit", "rename-section", "remove-section"):
        mode = words[0].text
        words = words[1:]
    key = words[0].text if words else ""
    value = words[1] if len(words) >= 2 else None
    if mode == "legacy":
        if o.has("get", "list", "edit"):
            return None
        if o.has("unset"):
            return ("unset", key, None)
        if value is None and not o.has("add", "replace"):
            return None
        return ("set", key, value)
    if mode in ("set", "unset"):
        return (mode, key, value if mode == "set" else None)
    return None


def _destructive_setting(key: str, value: Word) -> tuple[str, str] | None:
    """(rule id, what it does) for a setting that turns later, harmless-looking commands
    into the destructive ones those rules are about."""
    parts = key.split(".")
    text = value.text.strip()
    if parts[0] == "remote" and len(parts) >= 3:
        if parts[-1] == "push" and text.startswith("+"):
            return "GIT015", "every plain `git push` to that remote force-pushes from now on"
        if parts[-1] == "mirror" and text.lower() in ("", "true", "yes", "on", "1"):
            return "GIT018", ("every plain `git push` to that remote mirrors this repository, "
                              "deleting and force-updating remote refs")
    if key == "clean.requireforce" and text.lower() in ("false", "no", "off", "0"):
        return "GIT002", ("every `git clean`, without -f, deletes untracked files from now on")
    if key == "gc.pruneexpire" and _recent(text):
        return "GIT011", ("every `git gc` (git also runs it on its own) deletes unreachable "
                          "objects at once from now on")
    if key in ("gc.reflogexpire", "gc.reflogexpireunreachable") and _recent(text):
        return "GIT010", "every `git gc` expires the reflog entries that find lost commits"
    return None


def _command_of(key: str, value: str) -> str | None:
    """The shell command a setting's value is, when git runs it as one."""
    parts = key.split(".")
    first, last = parts[0], parts[-1]
    if first in ("alias", "submodule") or (first == "credential" and last == "helper"):
        if first == "submodule" and (len(parts) < 3 or last != "update"):
            return None
        if value.startswith("!"):
            return value[1:]
        if first == "credential" and value.startswith(("/", "~", "./", "../")):
            return value  # a helper named by its path runs as a command
        return None
    if key == "core.fsmonitor" or (first == "pager" and len(parts) == 2):
        return None if value.strip().lower() in _BOOLEANS else value
    if key in _COMMAND_KEYS:
        return value
    if len(parts) >= 3 and (first, last) in _COMMAND_SUBKEYS:
        return value
    return None


def _config(call: GitCall, ctx: Context) -> list[Finding]:
    written = _config_write(call)
    if written is None:
        return []
    mode, key, value = written
    if key.lower() == "core.hookspath":
        return [_f("GIT024", f"`{_shown(call)}` changes core.hooksPath, switching off the "
                   "project's git hooks", call)]
    if mode != "set" or value is None:
        return []
    later = _destructive_setting(key.lower(), value)
    if later is not None:
        return [_f(later[0], f"`{_shown(call)}` sets {key}: {later[1]}", call)]
    command = _command_of(key.lower(), value.text)
    if command is None:
        return []
    where = (f" (the command the git setting `{key}` runs from now on, which "
             f"`{_shown(call)}` writes)")
    return _shell_findings(command, find_repo(call).top or call.cwd, ctx, where)


_RM = OptSpec(
    flags={"-f": "force", "--force": "force", "-r": "recursive", "--cached": "cached",
           "-n": "dry", "--dry-run": "dry", "-q": "quiet", "--quiet": "quiet",
           "--ignore-unmatch": "iu", "--sparse": "sparse", "--pathspec-file-nul": "nul"},
    valued={"--pathspec-from-file": "from_file"},
)


def _rm(call: GitCall, ctx: Context) -> list[Finding]:
    before, after = _split_dash(_with_dynamic(call), _RM)
    o = parse(before, _RM)
    if not o.has("force") or o.has("cached", "dry"):
        return []
    paths = list(o.positionals) + (list(after) if after is not None else [])
    shown = ", ".join(
        ctx.rel(p) if not w.dynamic and (p := ctx.resolve(w.text, call.cwd)) else w.text
        for w in paths[:5]
    ) or "the files"
    return [_f("GIT027", f"`{_shown(call)}` removes {shown} even where they have uncommitted "
               "changes", call)]


def _checkout_index(call: GitCall, ctx: Context) -> list[Finding]:
    o = parse(call.args, OptSpec(flags={"-f": "force", "--force": "force", "-a": "all",
                                        "--all": "all", "-n": "no_create",
                                        "--no-create": "no_create"},
                                 valued={"--prefix": "prefix", "--stage": "stage"}))
    if not o.has("force") or o.has("no_create") or o.value("prefix"):
        return []
    if o.has("all"):
        return [_f("GIT003", f"`{_shown(call)}` overwrites every file {_where(call, ctx)} "
                   "with its staged version", call)]
    return _discard(call, ctx, find_repo(call), list(o.positionals), False, False)


_APPLY = OptSpec(
    flags={"-R": "reverse", "--reverse": "reverse", "--cached": "cached", "--index": "index",
           "--check": "check", "--stat": "stat", "--numstat": "stat", "--summary": "stat",
           "--apply": "apply", "-3": "3way", "--3way": "3way", "--no-3way": "no3way",
           "--reject": "reject", "-v": "verbose", "--verbose": "verbose", "-q": "quiet",
           "--quiet": "quiet", "-z": "z", "--recount": "recount", "--unidiff-zero": "uz",
           "--allow-empty": "empty", "--inaccurate-eof": "ieof", "-N": "ita",
           "--intent-to-add": "ita", "--no-add": "noadd", "--binary": "binary",
           "--allow-binary-replacement": "binary", "--ignore-space-change": "ws",
           "--ignore-whitespace": "ws", "--allow-overlap": "overlap"},
    valued={"-p": "strip", "-C": "context", "--exclude": "exclude", "--include": "include",
            "--directory": "directory", "--whitespace": "whitespace",
            "--build-fake-ancestor": "fake"},
)

#: git commands whose output is a diff of the working tree (or the index) against a commit
_WORKTREE_DIFFS = frozenset(["diff", "diff-files", "diff-index"])


def _diffs_worktree(invs: Iterable[Invocation], ctx: Context, depth: int = 0) -> bool:
    """Is one of ``invs`` (or a command feeding it) a ``git diff``? A ``tee`` on the way keeps
    a copy of the patch, so the changes can be applied again from it."""
    if depth > 4:
        return False
    for inv in invs:
        if inv.name == "git":
            call = read_call(inv, ctx)
            if call is not None and call.sub in _WORKTREE_DIFFS:
                return True
        elif inv.name != "tee" and _diffs_worktree(inv.pipe_from, ctx, depth + 1):
            return True
    return False


def _apply(call: GitCall, ctx: Context) -> list[Finding]:
    """``git diff | git apply -R``: reversing the diff of the working tree takes every change
    it shows out of the files, as ``git checkout -- PATHS`` does, and the patch was never
    saved anywhere."""
    o = parse(call.args, _APPLY)
    if not o.has("reverse") or o.has("cached", "check"):
        return []
    if o.has("stat") and not o.has("apply"):
        return []  # prints what the patch would do
    patches = [w for w in o.positionals if w.text != "-"]
    if patches:
        if not any(w.sub and _diffs_worktree(w.sub, ctx) for w in patches):
            return []  # a patch file: the changes it holds stay in it
    elif not _diffs_worktree(call.inv.pipe_from, ctx):
        return []
    return [_f("GIT004", f"`{_shown(call)}` reverses the diff of the working tree "
               f"{_where(call, ctx)}, taking the uncommitted changes it shows out of the "
               "files; the patch is not saved anywhere", call)]


def _patch(inv: Invocation, ctx: Context) -> list[Finding]:
    """``git diff | patch -R -p1``: as ``git apply -R``, the uncommitted changes the diff
    shows are taken out of the files, and the patch was never saved anywhere."""
    texts = [w.text for w in inv.args]
    options = texts[: texts.index("--")] if "--" in texts else texts
    reverse = any(t == "--reverse" or (t.startswith("-") and not t.startswith("--")
                                       and "R" in t.split("p", 1)[0]) for t in options)
    if not reverse or any(t in ("--dry-run", "-C", "--check") for t in options):
        return []
    if any(t in ("-i", "--input") or t.startswith(("--input=", "-i")) for t in options):
        return []  # a patch file: the changes it holds stay in it
    if not _diffs_worktree(inv.pipe_from, ctx):
        return []
    shown = inv.display()
    return [Finding("GIT004", f"`{shown}` reverses the diff of the working tree, taking the "
                    "uncommitted changes it shows out of the files; the patch is not saved "
                    "anywhere", subject=shown)]


_SUBMODULE_DEINIT = OptSpec(flags={"-f": "force", "--force": "force", "--all": "all",
                                    "-q": "quiet", "--quiet": "quiet"})


def _submodule(call: GitCall, ctx: Context) -> list[Finding]:
    args = _with_dynamic(call)
    while args and args[0].text in ("-q", "--quiet", "--cached"):
        args = args[1:]
    if not args or args[0].text != "deinit":
        return []
    before, after = _split_dash(args[1:], _SUBMODULE_DEINIT)
    o = parse(before, _SUBMODULE_DEINIT)
    if not (o.has("force") or _unknown_prefix(o, {"--force": "force"})):
        return []
    paths = list(o.positionals) + list(after or [])
    if not paths and not o.has("all"):
        return []  # git refuses: "Use '--all' if you really want to deinitialize all"
    if o.has("all"):
        what = "every submodule's working tree"
    else:
        what = "the submodule " + ", ".join(
            ctx.rel(p) if not w.dynamic and (p := ctx.resolve(w.text, call.cwd)) else w.text
            for w in paths[:5])
    return [_f("GIT031", f"`{_shown(call)}` removes {what} {_where(call, ctx)} even with "
               "uncommitted changes and untracked files in it", call)]


#: the long options of ``git fetch``/``pull``/``clone``/``ls-remote``/``archive``/``fetch-pack``
#: that take a value, and their short spellings (``--upload-pack`` and ``--exec`` included)
_FETCH_VALUED = ("--upload-pack", "--jobs", "-j", "--depth", "--shallow-since",
                 "--shallow-exclude", "--deepen", "--refmap", "--server-option", "-o",
                 "--negotiation-tip", "--filter", "--recurse-submodules-default",
                 "--submodule-prefix")
_PULL_VALUED = ("--upload-pack", "--cleanup", "--strategy", "-s", "--strategy-option", "-X",
                "--depth", "--shallow-since", "--shallow-exclude", "--deepen", "--refmap",
                "--server-option", "-o", "--negotiation-tip")
_CLONE_VALUED = ("--upload-pack", "-u", "--jobs", "-j", "--template", "--reference",
                 "--reference-if-able", "--origin", "-o", "--branch", "-b", "--depth",
                 "--shallow-since", "--shallow-exclude", "--separate-git-dir", "--config", "-c",
                 "--server-option", "--filter", "--bundle-uri", "--ref-format", "--revision")
_LS_REMOTE_VALUED = ("--upload-pack", "--sort", "--server-option", "-o")
_ARCHIVE_VALUED = ("--format", "--prefix", "--add-file", "--add-virtual-file", "--output",
                   "-o", "--remote", "--exec", "--mtime")
_FETCH_PACK_VALUED = ("--upload-pack", "--exec", "--depth", "--shallow-since",
                      "--shallow-exclude")


def _valued(names: tuple[str, ...]) -> OptSpec:
    return OptSpec(valued={n: n for n in names})


#: sub-commands with an option that names the program git starts at the other end of the
#: connection: (that program, the options naming it, how the sub-command spells its options,
#: the option naming the repository when it is not the first operand)
_PACK_OPTIONS: dict[str, tuple[str, tuple[str, ...], OptSpec, str | None]] = {
    "fetch": ("upload-pack", ("--upload-pack",), _valued(_FETCH_VALUED), None),
    "pull": ("upload-pack", ("--upload-pack",), _valued(_PULL_VALUED), None),
    "clone": ("upload-pack", ("--upload-pack", "-u"), _valued(_CLONE_VALUED), None),
    "ls-remote": ("upload-pack", ("--upload-pack",), _valued(_LS_REMOTE_VALUED), None),
    "fetch-pack": ("upload-pack", ("--upload-pack", "--exec"), _valued(_FETCH_PACK_VALUED),
                   None),
    "push": ("receive-pack", ("--receive-pack", "--exec"), _PUSH, "--repo"),
    "send-pack": ("receive-pack", ("--receive-pack", "--exec"), _SEND_PACK, None),
    "archive": ("upload-archive", ("--exec",), _valued(_ARCHIVE_VALUED), "--remote"),
}
#: ``remote.<name>.<key>`` settings that name the program started for that remote
_PACK_KEYS = {"uploadpack": "upload-pack", "receivepack": "receive-pack"}


def _pack_option(name: str, names: tuple[str, ...]) -> str | None:
    """The option of ``names`` a long option written ``name`` is: itself or, as git takes any
    prefix, one it abbreviates (an ambiguous prefix, which git refuses, counts too)."""
    if name in names:
        return name
    if len(name) < 3:
        return None
    return next((n for n in names if n.startswith("--") and n.startswith(name)), None)


def _pack_words(call: GitCall) -> tuple[list[tuple[str, Word]], Word | None]:
    """The values of the options naming the program for the other end (option, value), and
    the word naming the repository."""
    entry = _PACK_OPTIONS.get(call.sub)
    if entry is None:
        return [], None
    _label, names, spec, repo_opt = entry
    words = call.args
    found: list[tuple[str, Word]] = []
    repo: Word | None = None
    named_repo: Word | None = None
    i = 0
    while i < len(words):
        w = words[i]
        t = w.text
        i += 1
        if t == "--":
            if repo is None and i < len(words):
                repo = words[i]
            break
        if t.startswith("--") and len(t) > 2:
            name, eq, val = t.partition("=")
            option = _pack_option(name, names)
            full = option or spec._long(name)
            if full is None or (full not in spec.valued and option is None):
                continue
            if eq:
                value = Word(val, w.dynamic)
            elif i < len(words):
                value = words[i]
                i += 1
            else:
                value = Word("")
            if option is not None:
                found.append((option, value))
            elif full == repo_opt:
                named_repo = value
            continue
        if t.startswith("-") and len(t) > 1 and not w.dynamic:
            for j in range(1, len(t)):
                opt = "-" + t[j]
                if opt not in spec.valued:
                    continue
                if j + 1 < len(t):
                    value = Word(t[j + 1 :])
                elif i < len(words):
                    value = words[i]
                    i += 1
                else:
                    value = Word("")
                if opt in names:
                    found.append((opt, value))
                break
            continue
        if repo is None:
            repo = w
    return found, named_repo if repo_opt is not None and named_repo is not None else repo


def _remote_url(call: GitCall, name: str) -> str | None:
    """The URL of the remote ``name`` (``-c``, the environment, the repository's config)."""
    url = call.config.get(f"remote.{name.lower()}.url")
    if url is None:
        repo = find_repo(call)
        if repo.common:
            url = _remote_settings(posixpath.join(repo.common, "config"), name.lower(),
                                   os.environ.get("HOME", "")).get("url")
    return url


def _local_path(call: GitCall, repo: Word | None, default_remote: bool) -> str | None:
    """The repository path git appends to the program's command line when it runs it on
    this machine (a path or a ``file://`` URL), as shell text; None for a remote host."""
    import shlex

    if repo is None:
        if not default_remote:
            return None
        repo = Word("origin")
    if repo.dynamic:
        return repo.text
    text = repo.text
    for _ in range(2):
        if "://" in text:
            scheme, _, rest = text.partition("://")
            if scheme.lower() != "file":
                return None
            return shlex.quote("/" + rest.split("/", 1)[1] if "/" in rest else "/")
        colon = text.find(":")
        if colon > 0 and "/" not in text[:colon]:
            return None  # host:path, run on that host
        if "/" in text or text in (".", ".."):
            return shlex.quote(text)
        url = _remote_url(call, text)
        if url is None:
            return shlex.quote(text)
        text = url
    return None


def _dynamic_config(call: GitCall, key: str) -> bool:
    """Was the ``-c KEY=VALUE`` that sets ``key`` built from expansions of the command?"""
    for w in call.inv.args:
        if w.dynamic and w.text.lower().partition("=")[0].removeprefix("-c") == key:
            return True
    return False


def _pack_programs(call: GitCall, ctx: Context) -> list[Finding]:
    """``git fetch --upload-pack=CMD``, ``git push --receive-pack=CMD``, ``git archive
    --remote=R --exec=CMD``, ``-c remote.NAME.uploadpack=CMD``: git runs CMD through the
    shell with the repository's path after it (on the remote host for an ssh URL), so CMD is
    judged as the shell code it is."""
    shown = _shown(call)
    runs: list[tuple[str, str, Word, str | None]] = []
    found, repo = _pack_words(call)
    if found:
        label = _PACK_OPTIONS[call.sub][0]
        path = _local_path(call, repo, call.sub in ("fetch", "pull", "ls-remote", "push"))
        for option, value in found:
            runs.append((label, f"`{option}`", value, path))
    for key, text in call.config.items():
        parts = key.split(".")
        if len(parts) < 3 or parts[0] != "remote" or parts[-1] not in _PACK_KEYS:
            continue
        name = ".".join(parts[1:-1])
        value = Word(text, _dynamic_config(call, key))
        runs.append((_PACK_KEYS[parts[-1]], f"the setting `{key}`", value,
                     _local_path(call, Word(name), False)))
    out: list[Finding] = []
    if not runs:
        return out
    cwd = find_repo(call).top or call.cwd  # git runs it from the top of the working tree
    for label, source, value, path in runs:
        if value.dynamic:
            out.append(Finding("SH004", f"`{shown}` has git run `{value.text[:120]}` (named by "
                               f"{source}) as the {label} program: shell code known only at "
                               "run time", subject=shown))
            continue
        command = value.text
        if not command.strip():
            continue
        if path:
            command = f"{command} {path}"
        where = f" (run by git as the {label} program, named by {source} of `{shown}`)"
        out.extend(_shell_findings(command, cwd, ctx, where))
    return out


_CHECKERS = {
    "apply": _apply,
    "submodule": _submodule,
    "reset": _reset,
    "read-tree": _read_tree,
    "clean": _clean,
    "checkout": _checkout,
    "restore": _restore,
    "switch": _switch,
    "stash": _stash,
    "branch": _branch,
    "reflog": _reflog,
    "gc": _gc,
    "prune": _prune,
    "filter-branch": _filter,
    "filter-repo": _filter,
    "update-ref": _update_ref,
    "worktree": _worktree,
    "push": _push,
    "send-pack": _send_pack,
    "commit": _commit,
    "merge": _no_verify,
    "rebase": _no_verify,
    "am": _no_verify,
    "pull": _no_verify,
    "cherry-pick": _no_verify,
    "revert": _no_verify,
    "config": _config,
    "rm": _rm,
    "checkout-index": _checkout_index,
    "tag": _tag,
    "mv": _mv,
    "fetch": _fetch,
}

#: the options of every ``git worktree`` sub-command (add, list, lock, move, prune, remove,
#: repair, unlock), so ``--help`` is told apart from an option's value
_WORKTREE = OptSpec(
    flags={"-f": "force", "--force": "force", "--detach": "detach", "-d": "detach",
           "--checkout": "checkout", "--no-checkout": "nocheckout", "--lock": "lock",
           "--orphan": "orphan", "--track": "track", "--no-track": "notrack",
           "--guess-remote": "guess", "--no-guess-remote": "noguess", "-q": "quiet",
           "--quiet": "quiet", "-v": "verbose", "--verbose": "verbose",
           "--porcelain": "porcelain", "-z": "z", "-n": "dry", "--dry-run": "dry",
           "--relative-paths": "relative", "--no-relative-paths": "norelative"},
    valued={"-b": "branch", "-B": "Branch", "--reason": "reason", "--expire": "expire"})

#: how the sub-commands railguard checks spell their options (for telling values from help)
_SPECS: dict[str, OptSpec] = {
    "tag": _TAG, "reset": _RESET, "clean": _CLEAN, "checkout": _CHECKOUT, "restore": _RESTORE,
    "switch": _SWITCH, "branch": _BRANCH, "push": _PUSH, "send-pack": _SEND_PACK,
    "commit": _COMMIT, "config": _CONFIG, "rm": _RM, "apply": _APPLY, "worktree": _WORKTREE,
}

#: long options of the other checked sub-commands, for spelling out abbreviations
_ABBREVIATED: dict[str, OptSpec] = {
    "gc": OptSpec(flags={"--aggressive": "aggressive", "--auto": "auto", "--quiet": "quiet",
                         "--force": "force", "--prune": "prune", "--no-prune": "noprune",
                         "--keep-largest-pack": "klp", "--cruft": "cruft",
                         "--no-cruft": "nocruft", "--detach": "detach",
                         "--no-detach": "nodetach"},
                  valued={"--max-cruft-size": "mcs", "--expire-to": "expire_to"}),
    "reflog": OptSpec(flags={"--all": "all", "--rewrite": "rewrite", "--updateref": "ur",
                             "--stale-fix": "sf", "--dry-run": "dry", "--verbose": "verbose",
                             "--single-worktree": "sw"},
                      valued={"--expire": "expire", "--expire-unreachable": "eu"}),
    "prune": OptSpec(flags={"-n": "dry", "--dry-run": "dry", "-v": "verbose",
                            "--verbose": "verbose", "--progress": "progress",
                            "--no-progress": "noprogress"},
                     valued={"--expire": "expire"}),
    "worktree": _WORKTREE,
}

#: sub-commands with a destructive option, what it is, and how their options are spelled
_DYNAMIC_DANGER: dict[str, tuple[str, OptSpec]] = {
    "branch": ("`-D` (force delete)", _BRANCH), "reset": ("`--hard`", _RESET),
    "push": ("`--force`, `--delete` or `--mirror`", _PUSH), "tag": ("`-d` or `-f`", _TAG),
    "clean": ("`-f`", _CLEAN), "checkout": ("`-f`", _CHECKOUT),
    "switch": ("`--discard-changes`", _SWITCH), "rm": ("`-f`", _RM),
}


__all__ = ["RULES", "on_action", "on_invocation"]
