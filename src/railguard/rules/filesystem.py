"""The filesystem pack: deleting, wiping, truncating and clobbering files by what they are.

Every target is judged by meaning (``rm -rf /``, ``/bin/rm -fr /``, ``find / -delete`` and
``python -c "shutil.rmtree('/')"`` are the same call) and classified by
:mod:`railguard.shell.paths`: critical (``/``, ``~``, system directories, ``.git``, ``~/.ssh``,
the project root and its parents), outside the project, unknown (only known at run time),
inside the project, disposable (build outputs and caches) or temporary.

What is denied destroys something that cannot be rebuilt; what is asked may be intended but
loses work when it is not; build outputs, caches and temp files pass without a word.
"""

from __future__ import annotations

import itertools
import os

from railguard.model import Finding, Invocation, Verdict, Word
from railguard.rules.base import Example, Rule, in_script
from railguard.shell import paths as P
from railguard.shell.options import OptSpec
from railguard.shell.options import parse as parse_opts

TYPE_CHECKING = False
if not TYPE_CHECKING:
    from railguard.lazyre import re
if TYPE_CHECKING:
    import re
    from collections.abc import Iterable

    from railguard.model import Action
    from railguard.rules.base import Context
    from railguard.shell.find import Cond, FindCommand

RULES = [
    Rule(
        "FS001", "Deleting a critical path", Verdict.DENY,
        why="The target is the filesystem root, your home directory or one of its key folders "
            "(`~/.ssh`, `~/.aws`, `~/Documents` ...), a system directory, a `.git` directory, "
            "the project root or one of its parents, or every entry of one of those (`/*`, `*` "
            "in the project root). Nothing there can be rebuilt: keys, history, uncommitted "
            "work and the system itself are lost, whichever spelling does it (`rm -rf`, "
            "`find -delete`, `find -exec rm`, `shutil.rmtree`, `fs.rmSync`, or an archiver "
            "that deletes what it packed: `tar --remove-files`, `zip -m`, `7z a -sdel`).",
        instead="Name the exact files or build folders to remove (`rm -rf dist node_modules`), "
                "inside the project. To undo changes use `git restore` or `git stash`; to "
                "drop the project, let the user do it.",
        bad=["rm -rf /", "/bin/rm -fr /", "sudo env rm --recursive --force /",
             "bash -c 'rm -rf /'", "find / -delete", "python -c \"shutil.rmtree('/')\"",
             "node -e \"require('fs').rmSync('/', {recursive: true, force: true})\"",
             "\\rm -rf ~", "rm -rf $HOME", "rm -rf ${HOME}/", "rm -rf ..", "rm -rf .",
             "rm -rf ~/.ssh", "rm -rf .git", "rm -rf /tmp/../etc", "rm -rf /*", "rm -rf *",
             "rm -f ~/.ssh/id_ed25519", "cd src && rm -rf ../..", "find . -delete",
             "find / -exec rm -rf {} +", "ls | xargs -0 sudo rm -rf /usr",
             "rm -rf --no-preserve-root /", "rm -rf /{etc,usr}", "rimraf ~",
             "tar --remove-files -cf /tmp/out.tar /etc/hosts", "zip -m /tmp/k.zip ~/.ssh/id_rsa",
             "7z a -sdel /tmp/home.7z ~"],
        good=["rm -rf node_modules dist build __pycache__ .pytest_cache",
              "rm -f .git/index.lock", "rm file.txt", "rm -rf /tmp/x", "rm -rf src/old",
              "find . -name '*.pyc' -delete", "git commit -m \"rm -rf /\"",
              "echo 'rm -rf /' >> NOTES.md", "rm --help", "rm -i notes.txt",
              "grep -r 'rm -rf /' docs", "rm -rf ~/.cache/pip"],
    ),
    Rule(
        "FS002", "Recursive delete outside the project", Verdict.ASK,
        why="The directory is outside the project and outside the temp directories: nothing "
            "there is under the project's version control, so what is deleted is gone. Every "
            "entry of a temp directory at once (`/tmp/*`) counts too: besides the agent's own "
            "scratch files it holds other programs' sockets and locks and other sessions' work.",
        instead="Delete only inside the project or a temp directory; if the folder outside "
                "really must go, ask the user to remove it.",
        bad=["rm -rf ~/projects/other", "rm -r /opt/app/data", "sudo rm -rf /home/user/old-project",
             "rm -rf ~someone/escape", "find ~/Downloads -delete",
             "find ~ -name '*.log' -delete", "python3 -c \"import shutil; "
             "shutil.rmtree('/srv/www')\"", "rm -rf /var/tmp/*"],
        good=["rm -rf /tmp/build", "rm -rf /var/tmp/cache", "rm -rf $TMPDIR/junk",
              "rm ~/notes-old.txt", "rm -rf ~/.cache/pip", "rm -rf /tmp/build-*"],
    ),
    Rule(
        "FS003", "Recursive delete of a path known only at run time", Verdict.ASK,
        why="The target comes from a variable, a command substitution or piped input "
            "(`rm -rf \"$DIR\"`, `xargs rm -rf`). If it is empty or wrong, the delete lands "
            "somewhere else: `rm -rf \"$DIR/\"` with an unset DIR removes `/`.",
        instead="Write the path out literally (`rm -rf build/cache`), or check the variable "
                "first and show its value.",
        bad=["rm -rf \"$DIR\"", "rm -rf $BUILD_DIR/*", "rm -rf \"$(hostname)\"",
             "cat dirs.txt | xargs -0 rm -rf", "find \"$X\" -delete", "find . -name x $ACTION",
             "cat list | xargs find . -name '*.log'"],
        good=["rm -f \"$TMPFILE\"", "rm -rf \"$TMPDIR/build\"", "rm -rf ${TMPDIR:-/tmp}/x",
              "find \"$DIR\" -name '*.log'", "find . -name \"$PATTERN\" -print"],
    ),
    Rule(
        "FS004", "Recursive delete of project files", Verdict.ASK,
        why="A whole folder of the project that is not a build output or cache (`src`, "
            "`docs`, `tests`), or every file of a kind across it (`find . -name '*.py' "
            "-delete`), goes at once, with any uncommitted or untracked work in it.",
        instead="Delete the specific files that must go, or use `git rm -r` for tracked files "
                "so the change can be reviewed and restored; build outputs and caches "
                "(`dist`, `node_modules`, `__pycache__`) can be removed freely.",
        bad=["rm -rf src", "rm -r infra", "rm -fr scripts/", "find src -delete",
             "find src -type f -delete", "find src -exec rm {} +",
             "tar --remove-files -czf /tmp/src.tgz src", "zip -rm /tmp/src.zip src",
             "rsync -a --remove-source-files src/ /tmp/src-copy/",
             "find . -name '*.py' -delete", "find . -type f -name '*.ts' | xargs rm"],
        good=["tar -czf /tmp/src.tgz src", "zip -r /tmp/src.zip src",
              "tar --remove-files -cf /tmp/b.tar /tmp/build", "rm -rf dist", "rm -rf node_modules", "rm -rf .pytest_cache .mypy_cache",
              "rm -rf src/__pycache__", "rm -rf build/ coverage/", "rm -rf .venv",
              "find . -type d -name __pycache__ -exec rm -rf {} +",
              "find . -name '*.orig' -delete", "find . -name '*.py[co]' -delete",
              "rm -rf README.md", "rm src/app.py"],
    ),
    Rule(
        "FS005", "Shredding a critical path or a device", Verdict.DENY,
        why="`shred` and the secure deleters `srm` and `wipe` overwrite the data before "
            "removing it: a shredded disk, key, system file or home directory cannot be "
            "recovered by anyone, not even from a backup of the same disk.",
        instead="Do not shred system files, keys or devices; if a secret must be destroyed, "
                "tell the user which file and let them do it.",
        bad=["shred /dev/sda", "shred -u ~/.ssh/id_rsa", "sudo shred -n 3 -z /etc/shadow",
             "wipe -rf ~", "srm -r ~", "srm ~/.ssh/id_ed25519"],
        good=["shred -u /tmp/secret.txt", "shred --help", "srm -r /tmp/build",
              "wipe -rf /tmp/scratch"],
    ),
    Rule(
        "FS006", "Shredding files", Verdict.ASK,
        why="`shred`, `srm` and `wipe` make the file unrecoverable: unlike `rm`, no undelete, "
            "snapshot or git object brings it back. A whole project folder shredded "
            "recursively (`srm -r src`) is asked about as a recursive delete (FS004).",
        instead="Use `rm` (or `git rm`) for ordinary deletes; shred only temp files.",
        bad=["shred -u secret.txt", "shred notes.txt", "shred -u \"$KEYFILE\"",
             "srm README.md", "wipe -f src/app.py"],
        good=["shred -u /tmp/key.pem", "rm secret.txt", "srm -z /tmp/key.pem",
              "trash-put notes.txt", "gio trash notes.txt"],
    ),
    Rule(
        "FS007", "Raw write to a disk device", Verdict.DENY,
        why="Writing to a block device (`dd of=/dev/sda`, `cat img > /dev/nvme0n1`) "
            "overwrites the partition table and file systems under it: every file on that "
            "disk is lost.",
        instead="Write to an image file (`dd of=disk.img`) and let the user flash it to the "
                "device themselves.",
        bad=["dd if=/dev/zero of=/dev/sda", "dd of=/dev/nvme0n1 if=/dev/zero bs=1M",
             "sudo dd if=image.iso of=/dev/disk2", "cat image.iso > /dev/sdb",
             "cp image.img /dev/mmcblk0", "echo x | sudo tee /dev/sda"],
        good=["dd if=/dev/zero of=disk.img bs=1M count=10", "dd if=/dev/sda of=./backup.img",
              "dd if=/dev/urandom of=random.dat bs=1k count=1", "echo hi > /dev/null",
              "make 2>/dev/null", "echo x > /dev/stderr", "echo AT > /dev/ttyUSB0"],
    ),
    Rule(
        "FS008", "Formatting, partitioning or wiping a disk device", Verdict.DENY,
        why="`mkfs`, `mkswap`, `wipefs -a`, `fdisk`, `sfdisk`, `parted`, `sgdisk` and "
            "`blkdiscard` on a device replace or discard its file system: everything on it is "
            "lost.",
        instead="Format an image file inside the project (`mkfs.ext4 disk.img`) to test; "
                "leave disks and partitions to the user.",
        bad=["mkfs.ext4 /dev/sda1", "mkfs -t ext4 /dev/sdb", "sudo mkfs.xfs -L data /dev/sdc1",
             "mkswap /dev/sda2", "wipefs -a /dev/sdb", "sgdisk --zap-all /dev/nvme0n1",
             "parted -s /dev/sda mklabel gpt", "blkdiscard /dev/nvme0n1",
             "echo ',,L' | sfdisk /dev/sdb", "fdisk /dev/sda"],
        good=["mkfs.ext4 disk.img", "mkfs.ext4 -F ./loop.img", "fdisk -l /dev/sda",
              "parted /dev/sda print", "wipefs /dev/sda", "sfdisk -d /dev/sda",
              "sgdisk -p /dev/sda", "mkswap swap.img"],
    ),
    Rule(
        "FS009", "Disk tool on a device known only at run time", Verdict.ASK,
        why="A formatting or partitioning tool runs on a target from a variable "
            "(`mkfs.ext4 \"$DEV\"`), or raw data is written to a device whose name is "
            "completed at run time (`dd of=/dev/sd$X`): if it names the wrong disk, its data "
            "is gone.",
        instead="Write the target out literally so it can be checked.",
        bad=["mkfs.ext4 \"$DEV\"", "wipefs -a $DISK", "dd if=/dev/zero of=/dev/sd$X",
             "cat image.iso > /dev/$DISK", "sudo tee \"/dev/disk${N}\" < img"],
        good=["mkfs.ext4 disk.img", "dd if=/dev/zero of=\"$OUT\" bs=1M count=1",
              "echo hi > /dev/null", "exec 3> \"/dev/fd/$FD\""],
    ),
    Rule(
        "FS010", "Truncating a critical file", Verdict.DENY,
        why="`truncate` cuts a system file, a key or a git file to the given size: its "
            "content is gone (`truncate -s 0 /etc/passwd` locks everyone out).",
        instead="Leave system files, keys and `.git` alone; truncate only files the project "
                "owns.",
        bad=["truncate -s 0 /etc/passwd", "sudo truncate --size=0 /var/log/syslog",
             "truncate -s 0 ~/.ssh/authorized_keys"],
        good=["truncate -s 0 app.log", "truncate -s 1G disk.img", "truncate -s 0 /tmp/x.log"],
    ),
    Rule(
        "FS011", "Truncating a file outside the project", Verdict.ASK,
        why="The file is outside the project, where no version control can bring its content "
            "back.",
        instead="Truncate only files inside the project or a temp directory; ask the user "
                "about the others.",
        bad=["truncate -s 0 ~/.zsh_history", "truncate --size 0 ~/.vimrc"],
        good=["truncate -s 0 logs/app.log", "truncate -s 0 /tmp/out.log",
              "truncate -s +1M ~/disk.img"],
    ),
    Rule(
        "FS012", "Recursive permission or owner change on a critical path", Verdict.DENY,
        why="`chmod -R`, `chown -R`, `chgrp -R`, `setfacl -R` or `chattr -R` (or the same "
            "command run by `find -exec` over the tree, `-type f` or not) on `/`, a system "
            "directory, your home or `.git` rewrites the modes, owners, ACLs or attributes of "
            "everything below: `sudo` stops working, SSH refuses your keys, services fail to "
            "start, and the previous state is not recorded anywhere. On the project root "
            "itself only a mode that takes your own read access away (`000`, `u-r`) or lets "
            "every user write (`777`, `o+w`) is refused: it reaches `.git` too, while fixing "
            "the project's owner or modes (`chown -R me .`, `chmod -R u+w .`) is ordinary "
            "work the owner can always undo.",
        instead="Change permissions on the specific files that need it (`chmod +x "
                "script.sh`), or recursively only inside the project; on the project root "
                "keep your own access and give write access to no one else (`chmod -R "
                "u+rwX,go-w .`).",
        bad=["chmod -R 777 /", "sudo chown -R me ~", "chown -R $USER:$USER /usr",
             "chmod --recursive 700 /etc", "chgrp -R staff ~/.ssh", "sudo chmod -R a+w /var/lib",
             "find / -exec chmod 000 {} +", "find ~ -exec chown nobody {} +",
             "sudo find /usr -execdir chmod 777 {} ;", "find ~ -type f -exec chmod 000 {} +",
             "setfacl -R -b ~", "sudo setfacl -R -m u:guest:rwx /etc", "sudo chattr -R +i ~",
             "chmod -R 000 .", "chmod -R 777 ."],
        good=["find . -type f -exec chmod 644 {} +", "find ~ -name '*.sh' -exec chmod +x {} +",
              "find /tmp/x -exec chown me {} +", "chmod +x script.sh", "chmod -R u+w build",
              "chmod 600 ~/.ssh/id_ed25519", "chmod -R 755 scripts", "chown -R me:me .",
              "chmod -x run.sh", "chmod -R u+w .", "chmod -R 755 .", "setfacl -R -m u:ci:rwX src",
              "chattr +i notes.md"],
    ),
    Rule(
        "FS013", "rsync that deletes in a critical directory", Verdict.DENY,
        why="`rsync --delete` removes every file in the destination that the source does not "
            "have; with a critical destination (`/`, `~`, the project root, a system "
            "directory) that is most of its content. `--remove-source-files` deletes the "
            "sources once copied.",
        instead="Sync into a new or disposable directory, or drop `--delete` and "
                "`--remove-source-files`; preview with `rsync -n` (dry run).",
        bad=["rsync -a --delete empty/ ~/", "rsync -av --delete ./site/ /etc/",
             "rsync -a --delete-after ../other/ .", "sudo rsync -a --del src/ /",
             "rsync -a --remove-source-files ~/.ssh/ /tmp/keys/"],
        good=["rsync -av --delete src/ /tmp/mirror/", "rsync -a --delete dist/ build/",
              "rsync -av src/ ~/backup/", "rsync -av --delete dist/ server:/var/www/app/"],
    ),
    Rule(
        "FS014", "rsync that deletes outside the project", Verdict.ASK,
        why="`--delete` removes what the source does not have from a directory outside the "
            "project, where nothing is under version control; `--remove-source-files` does "
            "the same to sources outside the project.",
        instead="Run it with `-n` first and show the user what would be deleted, or sync into "
                "a temp directory.",
        bad=["rsync -av --delete dist/ ~/backup/site/", "rsync -a --delete-before x/ /srv/www/",
             "rsync -a --remove-source-files ~/Downloads/ ./inbox/"],
        good=["rsync -av --delete dist/ /tmp/site/", "rsync -av dist/ ~/backup/site/",
              "rsync -a --delete build/ out/"],
    ),
    Rule(
        "FS015", "Moving a critical path away", Verdict.DENY,
        why="Moving your home directory, `.git`, a key folder or a system directory breaks "
            "everything that expects it there (`mv .git /tmp` detaches the project from its "
            "history, `mv ~/.ssh x` locks you out), and the destination is often temporary.",
        instead="Leave critical paths where they are; to set a repository aside use "
                "`git stash` or a new branch, to back something up use `cp -a`.",
        bad=["mv ~ /tmp/x", "mv .git /tmp", "sudo mv /etc /etc.bak", "mv ~/.ssh ~/ssh-old",
             "mv .. /tmp/parent"],
        good=["mv old.txt new.txt", "mv src/a.py src/b.py", "mv * archive/",
              "mv .git/hooks/pre-commit.sample .git/hooks/pre-commit",
              "mv ~/Downloads/data.csv ./data/"],
    ),
    Rule(
        "FS016", "Moving files to /dev/null", Verdict.DENY,
        why="`mv x /dev/null` does not discard the file like a redirect: with root rights it "
            "replaces the null device with that file, breaking every program that writes to "
            "`/dev/null`; without them it fails. Either way the intent is a delete.",
        instead="Use `rm` for the files you mean to delete.",
        bad=["mv build.log /dev/null", "sudo mv old /dev/null", "mv -f a b -t /dev/null"],
        good=["mv build.log logs/", "cat build.log > /dev/null"],
    ),
    Rule(
        "FS017", "Overwriting a critical file", Verdict.DENY,
        why="`>` (and `tee`, `dd of=`, `open(..., 'w')`, the Write tool) empties the file "
            "before writing: "
            "a system file, a key, a shell startup file or a git file overwritten this way "
            "loses its old content and can break logins, the shell or the repository.",
        instead="Append with `>>` when adding a line is enough, or edit the file in place "
                "with the Edit tool so the change is visible; leave system files to the user.",
        bad=["echo '127.0.0.1 x' > /etc/hosts", ": > ~/.bashrc", "echo x | sudo tee /etc/hosts",
             "cat key.pub > ~/.ssh/authorized_keys", "echo ref > .git/HEAD",
             "python3 -c \"open('/etc/passwd', 'w').write('')\"",
             "dd if=/dev/zero of=/etc/fstab", "echo x >| /etc/hosts",
             Example(tool="Write", file_path="/etc/hosts", content="127.0.0.1 x\n")],
        good=["echo x > out.txt", "echo hi > /dev/null", "ls 2>/dev/null",
              "echo 'alias ll=ls' >> ~/.bashrc", "cat > .git/hooks/pre-commit <<'EOF'\n"
              "#!/bin/sh\nmake lint\nEOF", "echo x > /tmp/out.txt", "sort -o out.txt in.txt",
              Example(tool="Write", file_path="src/app.py", content="print(1)\n")],
    ),
    Rule(
        "FS018", "Overwriting an existing file outside the project", Verdict.ASK,
        why="`>` (or `tee`, `dd of=`) truncates the file before writing; outside the project "
            "and the temp directories nothing records the old content. This covers existing "
            "files and the settings files of your home directory (`~/.vimrc`).",
        instead="Write into the project or a temp directory, append with `>>`, or ask the "
                "user before replacing the file.",
        bad=["echo 'set number' > ~/.vimrc", "cat tmux.conf > ~/.tmux.conf",
             "cp x y && echo done | tee ~/.config-note"],
        good=["echo x > ~/new-notes.txt", "echo x > /tmp/out.txt", "echo x >> ~/.vimrc",
              "echo x > out.txt"],
    ),
    Rule(
        "FS019", "Destroying a volume, storage pool or disk header", Verdict.DENY,
        why="`lvremove`, `vgremove`, `pvremove`, `zpool destroy`, `zpool labelclear`, "
            "`zfs destroy`, `mdadm --zero-superblock` and `cryptsetup luksErase` remove a "
            "logical volume, a volume group, a ZFS pool, dataset or snapshot, a RAID member's "
            "metadata or an encrypted disk's key slots: the data on them becomes unreachable "
            "(an erased LUKS header cannot be undone without a header backup).",
        instead="List what exists instead (`lvs`, `vgs`, `zpool list`, `zfs list`, "
                "`mdadm --detail`, `cryptsetup luksDump`) or preview with `zfs destroy -nv`; "
                "leave removing volumes and pools to the user.",
        bad=["lvremove -f vg/data", "sudo vgremove vg0", "pvremove /dev/sdb1",
             "zpool destroy tank", "zfs destroy -r tank/data", "zfs destroy tank/data@daily",
             "mdadm --zero-superblock /dev/sdb1", "cryptsetup luksErase /dev/sda2",
             "cryptsetup -q erase /dev/sda2"],
        good=["lvs", "lvcreate -L 1G -n data vg0", "zpool list", "zpool status tank",
              "zfs list -t snapshot", "zfs destroy -nv tank/data@old", "mdadm --detail /dev/md0",
              "cryptsetup luksDump /dev/sda2", "lvremove --help", "zfs snapshot tank/data@now"],
    ),
]

RULES.append(Rule(
    "FS020", "Removing every cron job", Verdict.ASK,
    why="`crontab -r` deletes the user's whole crontab at once, without a prompt and without a "
        "backup (`-r` sits next to `-e` on the keyboard); `crontab /dev/null` replaces it with "
        "nothing. Scheduled backups, renewals and cleanups stop silently, and the schedule is "
        "not recorded anywhere else.",
    instead="Show the jobs with `crontab -l`; to drop one, save the list first (`crontab -l > "
            "/tmp/crontab.bak`), then install an edited copy (`crontab -l | grep -v JOB | "
            "crontab -`). Ask the user before removing them all.",
    bad=["crontab -r", "crontab -ri", "crontab -u deploy -r", "sudo crontab -r -u root",
         "crontab /dev/null"],
    good=["crontab -l", "crontab -l > /tmp/crontab.bak", "crontab -e",
          "crontab -l | grep -v backup | crontab -", "crontab -u deploy -l"],
))

RULES.append(Rule(
    "FS021", "Deleting every file git lists as untracked", Verdict.DENY,
    why="`git ls-files -o` lists the files git does not track; handing that list to `rm` "
        "(`git ls-files -o | xargs rm`, `rm $(git ls-files --others)`) is `git clean -f` by "
        "another name: new source files not yet added and local configuration go, and as "
        "they were never in git nothing brings them back.",
    instead="List them first (`git ls-files -o --exclude-standard`, or `git clean -n`), then "
            "delete the build outputs you mean by name, or ask the user.",
    bad=["git ls-files -o -z | xargs -0 rm -f", "rm -f $(git ls-files -o)",
         "git ls-files --others --exclude-standard | xargs rm",
         "git ls-files -oz | sort | xargs -0 rm -rf", "rm -rf `git ls-files --others -i "
         "--exclude-standard`"],
    good=["git ls-files -o", "git ls-files -o | wc -l", "git ls-files | xargs wc -l",
          "git ls-files -o -- dist | xargs rm -f", "git ls-files -d | xargs git rm",
          "git ls-files -m | xargs git checkout --"],
))

RULES.append(Rule(
    "FS022", "Shutting down the machine or ending every process", Verdict.ASK,
    why="`shutdown`, `reboot`, `poweroff`, `halt`, `systemctl poweroff|reboot|halt|kexec` and "
        "`init 0`/`init 6` stop the whole machine; `kill -9 -1`, `pkill -u USER` and "
        "`killall -u USER` end every process of the user (with `sudo`, of everyone). Unsaved "
        "work in every other program is lost (editors, terminals, other sessions, databases "
        "that were writing), and no coding task needs it.",
    instead="Stop only the process you started, by its id or its exact command line (`kill "
            "1234`, `pkill -f 'node server.js'`); leave restarting or shutting down the "
            "machine to the user.",
    bad=["shutdown -h now", "sudo reboot", "poweroff", "halt", "systemctl reboot",
         "sudo systemctl poweroff", "init 0", "kill -9 -1", "kill -KILL -1", "pkill -u dev",
         "killall -u dev", "ssh prod sudo reboot"],
    good=["kill 1234", "pkill -f 'node server.js'", "systemctl status nginx", "killall node",
          "pkill -u dev node", "shutdown -c", "kill %1", "kill -- -4321", "reboot --help"],
))

RULES.append(Rule(
    "FS023", "Database file deleted or emptied", Verdict.ASK,
    why="The file is a database (SQLite, DuckDB, Access, or named `*.db`/`*.sqlite`) that "
        "holds data git cannot give back: it is not committed, or it changed since. `rm`, "
        "`> FILE`, `truncate`, or a copy or move onto it loses every row, and a local "
        "database often holds data entered by hand, test fixtures that took long to build, "
        "or a copy of production.",
    instead="Back it up first (`cp app.db app.db.bak`, `sqlite3 app.db .dump > app.sql`), or "
            "reset it the project's way (its migrations, `manage.py flush` with the user's "
            "go-ahead); let the user delete it.",
    bad=["rm data/app.sqlite3", "rm -f data/app.sqlite3", ": > data/app.sqlite3",
         "truncate -s 0 data/app.sqlite3", "cp /dev/null data/app.sqlite3",
         "mv /tmp/old.db data/app.sqlite3", "rm data/*.sqlite3"],
    good=["cp data/app.sqlite3 data/app.sqlite3.bak", "rm src/app.py", "ls data",
          "sqlite3 data/app.sqlite3 .tables", "rm -f data/missing.db", "rm /tmp/scratch.db"],
))

_DISK_TOOLS = frozenset(
    """mkfs mke2fs mkswap wipefs fdisk sfdisk cfdisk gdisk cgdisk parted sgdisk blkdiscard
    mkdosfs mkntfs mkexfatfs newfs""".split()
)
_RM_NAMES = frozenset({"rm", "unlink", "rimraf"})
#: programs that overwrite files before removing them (secure-delete's srm, wipe)
_SECURE_DELETERS = frozenset({"srm", "wipe"})
#: programs that stop the machine or end processes (FS022)
_STOPPERS = frozenset({"shutdown", "reboot", "poweroff", "halt", "systemctl", "init",
                       "telinit", "kill", "pkill", "killall", "killall5", "loginctl",
                       "launchctl"})
#: tools that remove logical volumes, pools, datasets or the headers that make a disk readable
_VOLUME_TOOLS = frozenset({"lvremove", "vgremove", "pvremove", "zpool", "zfs", "mdadm",
                           "cryptsetup"})
#: archivers that can delete what they packed (tar --remove-files, zip -m, 7z -sdel)
_ARCHIVERS = frozenset({"tar", "gtar", "bsdtar", "zip", "7z", "7za", "7zz", "7zr"})

_RM = OptSpec(
    {"-r": "recursive", "-R": "recursive", "--recursive": "recursive", "-f": "force",
     "--force": "force", "-i": "i", "-I": "I", "-d": "dir", "--dir": "dir", "-v": "v",
     "--verbose": "v", "--one-file-system": "ofs", "--no-preserve-root": "npr",
     "--preserve-root": "pr", "--help": "help", "--version": "version", "-P": "P", "-W": "W",
     "-x": "x", "--interactive": "i"},
)
_RIMRAF = OptSpec({"-G": "glob", "--glob": "glob", "--no-glob": "ng", "-v": "v",
                   "--verbose": "v", "-h": "help", "--help": "help", "--preserve-root": "pr",
                   "--no-preserve-root": "npr", "-i": "i", "--interactive": "i"},
                  {"--impl": "impl", "--tmp": "tmp", "--max-retries": "mr",
                   "--retry-delay": "rd", "--backoff": "bo"})
_SHRED = OptSpec(
    {"-u": "remove", "--remove": "remove", "-z": "zero", "--zero": "zero", "-x": "exact",
     "--exact": "exact", "-v": "v", "--verbose": "v", "-f": "force", "--force": "force",
     "--help": "help", "--version": "version"},
    {"-n": "n", "--iterations": "n", "-s": "size", "--size": "size",
     "--random-source": "rs"},
)
#: srm (secure-delete's, and srm 1.2 of macOS and SourceForge): its options are rm's, plus
#: how it overwrites
_SRM = OptSpec(
    {"-r": "recursive", "-R": "recursive", "--recursive": "recursive", "-f": "force",
     "--force": "force", "-i": "i", "--interactive": "i", "-d": "d", "--directory": "d",
     "-s": "s", "--simple": "s", "-m": "m", "--medium": "m", "-z": "z", "--zero": "z",
     "-n": "n", "--nounlink": "n", "-v": "v", "--verbose": "v", "-x": "x",
     "--one-file-system": "x", "-D": "D", "--dod": "D", "-E": "E", "--doe": "E", "-P": "P",
     "--openbsd": "P", "-l": "l", "--help": "help", "--version": "version", "-V": "version"},
)
#: wipe (Berke Durak's, the one Linux distributions ship): -r recurses, -f skips the
#: question, -k keeps the overwritten file; -R names the random device (a value)
_WIPE = OptSpec(
    {"-r": "recursive", "-f": "force", "-c": "c", "-i": "i", "-s": "s", "-q": "q", "-a": "a",
     "-e": "e", "-Z": "Z", "-F": "F", "-k": "k", "-D": "D", "-v": "version", "-h": "help"},
    {"-Q": "Q", "-R": "R", "-S": "S", "-M": "M", "-l": "l", "-o": "o", "-X": "X", "-x": "x"},
)
_TRUNCATE = OptSpec(
    {"-c": "no_create", "--no-create": "no_create", "-o": "io", "--io-blocks": "io",
     "--help": "help", "--version": "version"},
    {"-s": "size", "--size": "size", "-r": "reference", "--reference": "reference"},
)
_CHOWN = OptSpec(
    {"-R": "recursive", "--recursive": "recursive", "-c": "c", "--changes": "c", "-f": "f",
     "--silent": "f", "--quiet": "f", "-v": "v", "--verbose": "v", "-h": "h",
     "--no-dereference": "h", "--dereference": "deref", "-H": "H", "-L": "L", "-P": "P",
     "--preserve-root": "pr", "--no-preserve-root": "npr", "--help": "help",
     "--version": "version"},
    {"--from": "from", "--reference": "reference"},
)
_CHMOD_FLAGS = {"-R": "recursive", "--recursive": "recursive", "-c": "c", "--changes": "c",
                "-f": "f", "--silent": "f", "--quiet": "f", "-v": "v", "--verbose": "v",
                "--preserve-root": "pr", "--no-preserve-root": "npr", "-h": "h", "-H": "H",
                "-L": "L", "-P": "P", "--help": "help", "--version": "version"}
_MV = OptSpec(
    {"-f": "force", "--force": "force", "-i": "i", "--interactive": "i", "-n": "n",
     "--no-clobber": "n", "-u": "u", "--update": "u", "-v": "v", "--verbose": "v",
     "-T": "no_target_dir", "--no-target-directory": "no_target_dir", "-b": "backup",
     "--backup": "backup", "--strip-trailing-slashes": "sts", "--help": "help",
     "--version": "version"},
    {"-t": "target", "--target-directory": "target", "-S": "suffix", "--suffix": "suffix"},
)
_RSYNC = OptSpec(
    {"--del": "delete", "--delete": "delete", "--delete-before": "delete",
     "--delete-during": "delete", "--delete-delay": "delete", "--delete-after": "delete",
     "--delete-excluded": "delete", "--delete-missing-args": "delete",
     "--remove-source-files": "remove_source", "--remove-sent-files": "remove_source",
     "-n": "dry_run", "--dry-run": "dry_run", "--help": "help", "--version": "version"},
    {"-e": "rsh", "--rsh": "rsh", "--exclude": "exclude", "--include": "include",
     "--exclude-from": "xf", "--include-from": "if", "--files-from": "ff", "--filter": "filter",
     "-f": "filter", "--chmod": "chmod", "--backup-dir": "bd", "--suffix": "suffix",
     "--log-file": "log", "--password-file": "pw", "--temp-dir": "tmp", "-T": "tmp",
     "--compare-dest": "cd", "--link-dest": "ld", "--copy-dest": "cpd", "--max-size": "max",
     "--min-size": "min", "--timeout": "to", "--port": "port", "--bwlimit": "bw",
     "--rsync-path": "rp", "--chown": "chown", "--usermap": "um", "--groupmap": "gm",
     "--out-format": "of", "--log-file-format": "lff", "-M": "remote_option",
     "--remote-option": "remote_option", "--info": "info", "--debug": "debug",
     "--partial-dir": "pd", "--max-delete": "md", "--modify-window": "mw",
     "--contimeout": "ct", "--address": "addr", "--sockopts": "so", "--outbuf": "ob",
     "--iconv": "iconv", "--checksum-choice": "cc", "--compress-choice": "zc",
     "--compress-level": "zl", "--skip-compress": "sc", "--block-size": "bs", "-B": "bs",
     "--stop-after": "sa", "--stop-at": "st", "--write-batch": "wb", "--read-batch": "rb",
     "--only-write-batch": "owb", "--protocol": "proto", "--files-from0": "ff0"},
)

#: shell startup and identity files in the home directory: overwriting one breaks the shell,
#: git or logins (``paths`` treats key directories as critical; these are single files)
_HOME_CRITICAL_FILES = frozenset(
    """.bashrc .bash_profile .bash_login .bash_logout .profile .zshrc .zshenv .zprofile
    .zlogin .zlogout .cshrc .tcshrc .kshrc .inputrc .gitconfig .netrc .pgpass .my.cnf
    .npmrc .pypirc""".split()
)
#: build outputs named by a suffix (the fixed names are in ``paths.DEFAULT_DISPOSABLE``)
_DISPOSABLE_SUFFIXES = (".egg-info",)
#: folders under home that only hold caches, rebuilt on demand
_HOME_CACHES = (".cache", "Library/Caches", ".npm/_cacache", ".npm/_npx", ".gradle/caches",
                ".gradle/wrapper/dists", ".cargo/registry", ".cargo/git", ".pnpm-store",
                ".yarn/cache", ".yarn/berry/cache", ".bun/install/cache", "go/pkg/mod",
                ".m2/repository", ".nuget/packages", ".ivy2/cache", ".sbt/boot",
                ".coursier/cache", ".gem/cache", ".pub-cache", ".composer/cache")
_USERS_ROOT = "/Users" if os.uname().sysname == "Darwin" else "/home"
_FIND_EXEC_LABELS = ("find -exec", "find -execdir", "find -ok", "find -okdir")

_HOME_REASONS = {
    ".ssh": "your SSH keys", ".gnupg": "your GPG keys", ".aws": "your AWS credentials",
    ".azure": "your Azure credentials", ".kube": "your Kubernetes credentials",
    ".docker": "your Docker credentials", ".config": "your application settings",
    ".local": "your locally installed programs and data", ".gcloud": "your Google Cloud "
    "credentials", ".password-store": "your passwords", ".terraform.d": "your Terraform "
    "credentials", "Documents": "your documents", "Desktop": "your desktop",
    "Pictures": "your pictures", "Library": "your macOS Library",
}


# -- targets -------------------------------------------------------------------------------

class Target:
    """One path an invocation acts on, as written and as classified."""

    __slots__ = ("cls", "display", "filtered", "literal", "path", "scratch", "shown")

    def __init__(self, cls: str, path: str | None, shown: str, filtered: bool = False) -> None:
        self.cls = cls
        #: how a message names it, when not the path itself
        self.display: str | None = None
        #: absolute, normalised (may end in a glob); None when unknown
        self.path = path
        self.shown = shown
        #: an entry of a ``find`` walk narrowed by a name filter
        self.filtered = filtered
        #: ... that only admits scratch names (``*.pyc``) or empty entries
        self.scratch = False
        #: glob characters written quoted (``'*.o'``): bash matches nothing, the name is as is
        self.literal = False


def expand_braces(text: str, limit: int = 32) -> list[str]:
    """Bash brace expansion of ``{a,b}`` (nested, comma lists only; ``{}`` stays)."""
    depth = 0
    start = -1
    commas: list[int] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            if depth == 0:
                start = i
                commas = []
            depth += 1
        elif c == "}" and depth > 0:
            depth -= 1
            if depth == 0:
                if commas:
                    pre, post = text[:start], text[i + 1 :]
                    bounds = [start, *commas, i]
                    out: list[str] = []
                    for a, b in itertools.pairwise(bounds):
                        for tail in expand_braces(post, limit):
                            for mid in expand_braces(text[a + 1 : b], limit):
                                out.append(pre + mid + tail)
                                if len(out) >= limit:
                                    return out
                    return out
                start = -1
        elif c == "," and depth == 1:
            commas.append(i)
        i += 1
    return [text]


def _words(words: Iterable[Word]) -> list[Word]:
    out: list[Word] = []
    for w in words:
        if not w.dynamic and "{" in w.text and "," in w.text:
            out.extend(Word(t, False, w.glob) for t in expand_braces(w.text))
        else:
            out.append(w)
    return out


def _from_find(inv: Invocation) -> bool:
    return bool(inv.via) and inv.via[-1] in _FIND_EXEC_LABELS


def _fed_by_input(inv: Invocation) -> bool:
    """Arguments appended at run time by xargs or parallel (not find's ``{}``)."""
    return inv.inputs_dynamic and not any(v in _FIND_EXEC_LABELS for v in inv.via)


def target(word: Word, inv: Invocation, ctx: Context) -> Target:
    text = word.text
    if word.dynamic:
        # an unknown name under a temp or build folder is still temporary there
        return Target(P.classify(text, inv.cwd, ctx.paths, dynamic=True), None, text)
    filtered = False
    if "{}" in text:
        if _fed_by_input(inv) or any(v.startswith(("xargs", "parallel")) for v in inv.via):
            return Target(P.UNKNOWN, None, text)  # xargs -I{}: whatever comes in
        if any(v in _FIND_EXEC_LABELS for v in inv.via):
            # an entry of a filtered find walk: judge it like a name glob in that directory
            text = text.replace("{}", "*{}")
            filtered = True
    if text.startswith("~") and not text.startswith("~/") and text != "~":
        # ~user: another user's home directory (the shell expands it; the analysis does not)
        user, _, rest = text[1:].partition("/")
        text = f"{_USERS_ROOT}/{user}/{rest}".rstrip("/")
    if text.endswith("/*") and _from_find(inv):
        # ``find ROOT -exec rm {}`` without a filter: the walk starts with ROOT itself, which
        # matters for a temp directory (its entries are temporary, the directory is not)
        root = ctx.resolve(text[:-2] or "/", inv.cwd)
        if root in ctx.paths.temp_dirs:
            text = root
    cls = P.classify(text, inv.cwd, ctx.paths)
    path = ctx.resolve(text, inv.cwd)
    linked = None
    if not inv.remote:
        try:
            linked = P.through_link(text, inv.cwd, ctx.paths.home)
        except (OSError, ValueError):
            linked = None
    if linked is not None and P.classify(linked, None, ctx.paths.real()) == cls:
        path = linked  # the link decides: judge and name what it leads to
    if path is not None:
        cls = _adjust(cls, path, ctx, inv.remote)
    out = Target(cls, path, text, filtered)
    out.literal = not word.glob and not filtered and P.has_glob(text)
    if linked is not None and path == linked:
        out.display = f"{text} → {ctx.rel(linked)}"
    return out


def _adjust(cls: str, path: str, ctx: Context, remote: bool) -> str:
    home = ctx.home
    fixed = path
    if P.has_glob(fixed):
        fixed = fixed.split("*", 1)[0].split("?", 1)[0].split("[", 1)[0].rstrip("/")
    in_temp_root = P.has_glob(path) and path.rpartition("/")[0] in ctx.paths.temp_dirs
    if cls == P.TEMP and not in_temp_root and (
            fixed == home or fixed.startswith(home + "/") or home.startswith(fixed + "/")):
        # a home directory inside a temp directory (tests, sandboxes): home rules first
        cls = _home_class(path, fixed, home)
    if fixed.startswith(home + "/"):
        rel = fixed[len(home) + 1 :]
        for cache in _HOME_CACHES:
            if rel == cache or rel.startswith(cache + "/"):
                return P.DISPOSABLE
        if cls == P.OUTSIDE and rel in _HOME_CRITICAL_FILES:
            return P.CRITICAL
    if cls == P.INSIDE and any(part.endswith(_DISPOSABLE_SUFFIXES) and part not in
                               _DISPOSABLE_SUFFIXES for part in path.split("/")):
        return P.DISPOSABLE  # pkg.egg-info, *.egg-info
    head, _, last = fixed.rpartition("/")
    if head in ("/home", "/Users") and last and cls == P.OUTSIDE and fixed == path.rstrip("/"):
        return P.CRITICAL  # another user's whole home directory
    if remote and cls in (P.OUTSIDE, P.INSIDE):
        parts = path.split("/")
        if any(p in ctx.paths.disposable for p in parts[:-1] + parts[-1:]):
            return P.DISPOSABLE
    return cls


def _home_class(path: str, fixed: str, home: str) -> str:
    """The class of a path in or above the home directory, as :mod:`paths` judges home."""
    if home.startswith(fixed.rstrip("/") + "/"):
        return P.CRITICAL  # a parent of home
    globbed = P.has_glob(path)
    if fixed == home:
        if not globbed:
            return P.CRITICAL
        last = path.rpartition("/")[2]
        return P.CRITICAL if P.every_entry(last) else P.OUTSIDE
    first = fixed[len(home) + 1 :].split("/", 1)[0]
    return P.CRITICAL if first in P.HOME_CRITICAL else P.OUTSIDE


def _git_lock(t: Target) -> bool:
    """A lock file inside ``.git`` (``index.lock``): removing a stale one is routine."""
    if t.path is None or "/.git/" not in t.path + "/":
        return False
    base = t.path.rsplit("/", 1)[-1]
    return base.endswith(".lock")


def _temp_entries(t: Target, ctx: Context) -> bool:
    """``/tmp/*``: a glob naming every entry of a temp directory."""
    if t.path is None:
        return False
    head, _, last = t.path.rpartition("/")
    return head in ctx.paths.temp_dirs and P.every_entry(last)


def _is_file(path: str | None, literal: bool = False) -> bool:
    """An existing regular file or symlink: a recursive delete of it removes just that
    (``literal``: glob characters in the name are its own, as in a quoted ``'*.o'``)."""
    if path is None or (P.has_glob(path) and not literal):
        return False
    return os.path.islink(path) or os.path.isfile(path)


#: names of database files, judged by name when their first bytes are not known
_DATABASE_SUFFIXES = (".db", ".sqlite", ".sqlite3", ".db3", ".duckdb", ".mdb", ".accdb",
                      ".realm")


def _database_header(path: str) -> bool | None:
    """True for a SQLite or DuckDB header, False for other bytes, None when unreadable."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return None
    return head.startswith(b"SQLite format 3\x00") or head[8:12] == b"DUCK"


def _databases(t: Target, ctx: Context, limit: int = 64) -> list[str]:
    """The database files (with data, not as committed) a delete or overwrite of ``t`` reaches:
    the file named, or a glob's matches (up to ``limit``)."""
    path = t.path
    if path is None:
        return []
    if P.has_glob(path) and not t.literal:
        from railguard.shell.effects import expand

        if P.has_glob(path.rpartition("/")[0]):
            return []
        paths = expand(path, limit)
    else:
        paths = [path]
    found = []
    for f in paths:
        if os.path.islink(f) or not os.path.isfile(f):
            continue
        try:
            if os.path.getsize(f) == 0:
                continue
        except OSError:
            continue
        header = _database_header(f)
        if header or (header is not None and f.lower().endswith(_DATABASE_SUFFIXES)):
            found.append(f)
    if found and ctx.project is not None and all(
            f.startswith(ctx.project + "/") for f in found) and _committed_as_is(found, ctx):
        return []  # git gives them back as they are
    return found


def _committed_as_is(paths: list[str], ctx: Context) -> bool:
    """Are all these files tracked and unchanged from HEAD (asked to git; any failure: no)?"""
    from railguard.rules.base import run_git

    project = ctx.project
    if project is None:
        return False
    rels = [p[len(project) + 1:] for p in paths]
    listed = run_git(["ls-files", "--error-unmatch", "--", *rels], project, timeout=2)
    if listed is None or listed[0] != 0:
        return False
    same = run_git(["diff", "--quiet", "--no-ext-diff", "--no-textconv", "HEAD", "--", *rels],
                   project, timeout=2)
    return same is not None and same[0] == 0


def _database_lost(inv: Invocation, found: list[str], verb: str, ctx: Context) -> Finding:
    names = ", ".join(ctx.rel(f) for f in found[:3]) + (" ..." if len(found) > 3 else "")
    what = "a database file" if len(found) == 1 else "database files"
    return Finding("FS023", f"{_shown(inv)} {verb} {names} ({what} git cannot give back)",
                   subject=names)


def _absent(path: str | None) -> bool:
    return path is not None and not P.has_glob(path) and not os.path.lexists(path)


def _kept(path: str | None, ctx: Context) -> bool:
    """Would emptying this file outside the project lose something: it exists, or it is a
    settings file in the home directory (``~/.vimrc``), or a glob of several files."""
    if path is None or P.has_glob(path):
        return True
    if os.path.isfile(path):
        return True
    home = ctx.home
    return path.startswith(home + "/.")


def _project_root_or_entries(t: Target, ctx: Context) -> bool:
    """The project root itself or a glob of its entries (``.``, ``*``)."""
    project = ctx.project
    if project is None or t.path is None:
        return False
    if t.path == project:
        return True
    head, _, last = t.path.rpartition("/")
    return head == project and P.has_glob(last)


def reason(path: str | None, ctx: Context) -> str:
    """Why a critical path is critical, in words."""
    if path is None:
        return "another user's home directory"
    parts = path.split("/")
    first_glob = next((k for k, part in enumerate(parts) if P.has_glob(part)), len(parts))
    if first_glob < len(parts) - 1 and ".git" not in parts:
        # a glob in the middle (``../*/src``): what lies below the fixed part
        fixed = "/".join(parts[:first_glob]) or "/"
        return "entries below " + reason(fixed, ctx)
    head, _, last = path.rpartition("/")
    every = P.every_entry(last)
    base = (head or "/") if every else path
    prefix = "every entry of " if every else ""
    project = ctx.project
    home = ctx.home
    if P.is_device(base):
        return "a storage device"
    if base == "/":
        return prefix + "the whole filesystem"
    if project is not None and base == project:
        return prefix + "the project root: all of its files"
    if project is not None and project.startswith(base.rstrip("/") + "/"):
        return prefix + "a parent directory of the project"
    parts = base.split("/")
    if ".git" in parts:
        return prefix + "the repository's git data (history, branches, stashes)"
    if base == home:
        return prefix + "your home directory"
    if base.startswith(home + "/"):
        rel = base[len(home) + 1 :]
        first = rel.split("/", 1)[0]
        if first in _HOME_REASONS:
            return prefix + _HOME_REASONS[first]
        if rel in _HOME_CRITICAL_FILES:
            return "a shell or login settings file"
    if base in ctx.paths.temp_dirs:
        return prefix + "the whole temp directory, shared by every program"
    if base.rpartition("/")[0] in ("/home", "/Users"):
        return prefix + "a user's home directory"
    if base == "/home" or base == "/Users":
        return prefix + "every user's home directory"
    if not every and os.path.isfile(base):
        return "a system file"
    return prefix + "a system directory"


def _show(t: Target, ctx: Context) -> str:
    if t.display is not None:
        return t.display
    if t.path is None:
        return t.shown
    shown = ctx.rel(t.path)
    return shown.replace("*{}", "{}")


# -- checkers ------------------------------------------------------------------------------


class Scope:
    """What the whole command does besides one invocation: the paths it creates or fills
    (``None``: some of them are only known at run time)."""

    __slots__ = ("copied", "created", "filled", "finds")

    def __init__(self, created: set[str] | None,
                 finds: dict[int, Invocation] | None = None, *,
                 filled: set[str] | None = None, copied: set[str] | None = None) -> None:
        self.created = created
        #: id of a command run by ``find -exec`` -> that find
        self.finds: dict[int, Invocation] = finds if finds is not None else {}
        #: what existing data is moved, linked or mounted into (``mv``, ``ln``, ``git mv``,
        #: ``mount``, and every program not known to write only new things)
        self.filled: set[str] = created if filled is None and created is not None else \
            (filled or set())
        #: what gets copies of data that stays where it was (``cp``, a download),
        #: which may hold symbolic links leading anywhere
        self.copied: set[str] = copied or set()

    def may_create(self, path: str) -> bool:
        if self.created is None:
            return True
        return any(c == path or c.startswith(path + "/") or path.startswith(c + "/")
                   for c in self.created)

    def may_fill(self, path: str, slash: bool = False) -> bool:
        """Whether existing data may be at ``path`` when it is deleted: moved or linked there
        by the command, or reached through a link a copy brought (``slash``: the path was
        written with a trailing ``/``, which follows a link). What the command makes from
        nothing (``mkdir``, ``touch``, a redirection) holds nothing to lose."""
        if self.created is None:
            return True
        if any(c == path or c.startswith(path + "/") or path.startswith(c + "/")
               for c in self.filled):
            return True
        return any(path.startswith(c + "/") or (slash and c == path) for c in self.copied)

    def may_fill_glob(self, pattern: str) -> bool:
        """:meth:`may_fill` for the entries a glob in the last part of ``pattern`` names."""
        if self.created is None:
            return True
        from railguard.globmatch import fnmatchcase

        head, _, last = pattern.rpartition("/")
        for c in (*self.filled, *self.copied):
            if c == head or head.startswith(c + "/"):
                return True
            if c.startswith(head + "/") and fnmatchcase(
                    c[len(head) + 1 :].split("/", 1)[0], last):
                return True
        return False


def _pair_finds(invocations: list[Invocation]) -> dict[int, Invocation]:
    """Each command that ``find -exec`` runs, with its find (recorded after it, same text)."""
    out: dict[int, Invocation] = {}
    for i, inv in enumerate(invocations):
        if not any(v in _FIND_EXEC_LABELS for v in inv.via):
            continue
        for later in invocations[i + 1 :]:
            if later.name == "find" and later.source == inv.source:
                out[id(inv)] = later
                break
    return out


#: programs whose writes make new things from nothing, or change what is there in place
_MAKES_NEW = frozenset({"mkdir", "touch", "truncate", "tee", "sort", "uniq", "find", "tree",
                        "history", "sed", "perl", "ruby", "chmod", "chown", "chgrp", "setfacl",
                        "vim", "vi", "nvim", "nano", "emacs", "code", "subl", "ed", "sudoedit"})
#: programs whose writes are copies of data that stays where it was (the source file, the
#: download's origin). An extraction or a clone is not: its files exist elsewhere too, but
#: what it unpacks is decided by the archive or the remote (links, names), not the command
_COPIES = frozenset({"cp", "install", "curl", "wget", "scp", "dd"})
#: programs that put a file system (another folder, a remote one) at a path
_MOUNTERS = frozenset({"mount", "bindfs", "sshfs", "s3fs", "rclone", "encfs", "gocryptfs",
                       "mergerfs", "fuse-overlayfs", "fusermount"})


def _scope(invocations: list[Invocation], ctx: Context) -> Scope:
    from railguard.shell.effects import write_targets

    finds = _pair_finds(invocations)
    created: set[str] = set()
    filled: set[str] = set()
    copied: set[str] = set()
    for inv in invocations:
        name = inv.name or ""
        redirected = [r.target for r in inv.redirects if r.writes and r.target is not None]
        words = list(write_targets(inv))
        into = created if name in _MAKES_NEW else copied if name in _COPIES else filled
        sorted_words: list[tuple[Word, set[str]]] = [
            (w, created if any(w is r for r in redirected) else into) for w in words]
        if name == "git" and len(inv.args) >= 2 and inv.args[0].text == "clone":
            rest = [w for w in inv.args[1:] if not w.text.startswith("-")]
            sorted_words.append((rest[1] if len(rest) > 1 else
                                 Word(rest[0].text.rstrip("/").rsplit("/", 1)[-1].removesuffix(
                                     ".git"), rest[0].dynamic) if rest else Word(""), filled))
        elif name == "git" and len(inv.args) >= 2 and inv.args[0].text == "mv":
            sorted_words.extend((w, filled) for w in inv.args[1:] if not w.text.startswith("-"))
        elif name in _MOUNTERS:
            sorted_words.extend((w, filled) for w in inv.args if not w.text.startswith("-"))
        for w, kind in sorted_words:
            if w.dynamic:
                return Scope(None, finds)
            path = ctx.resolve(w.text, inv.cwd) if w.text else None
            if path is not None:
                created.add(path)
                kind.add(path)
    return Scope(created, finds, filled=filled, copied=copied)


def on_action(action: Action, invocations: list[Invocation], ctx: Context) -> Iterable[Finding]:
    if action.kind == "write" and action.path:
        return _write_tool(action.path, action.tool, ctx)
    if action.kind != "shell" or not invocations:
        return ()
    scope = _scope(invocations, ctx)
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for inv in invocations:
        for f in check(inv, ctx, scope):
            # ``find A B -exec rm {} +`` runs rm once per start point, each judged with the
            # whole walk: one finding per path is enough
            if (f.rule_id, f.message) not in seen:
                seen.add((f.rule_id, f.message))
                out.append(f)
    return out


def check(inv: Invocation, ctx: Context, scope: Scope | None = None) -> list[Finding]:
    """The findings for one invocation (``scope``: what the rest of the command creates)."""
    scope = scope if scope is not None else Scope(None)
    name = inv.name
    out: list[Finding] = []
    if name is not None:
        if name in _RM_NAMES:
            out.extend(_rm(inv, name, ctx, scope))
        elif name == "find":
            out.extend(_find(inv, ctx, scope))
        elif name == "shred":
            out.extend(_shred(inv, ctx))
        elif name in _SECURE_DELETERS:
            out.extend(_secure_delete(inv, name, ctx, scope))
        elif name in _STOPPERS:
            out.extend(_stops_everything(inv, name))
        elif name.split(".", 1)[0] in _DISK_TOOLS:
            out.extend(_disk_tool(inv, name, ctx))
        elif name == "truncate":
            out.extend(_truncate(inv, ctx))
        elif name in ("chmod", "chown", "chgrp"):
            out.extend(_chmod(inv, name, ctx, scope))
        elif name == "setfacl":
            out.extend(_setfacl(inv, ctx, scope))
        elif name == "chattr":
            out.extend(_chattr(inv, ctx, scope))
        elif name == "rsync":
            out.extend(_rsync(inv, ctx))
        elif name == "mv":
            out.extend(_mv(inv, ctx))
        elif name in _VOLUME_TOOLS:
            out.extend(_volume_tool(inv, name, ctx))
        elif name in _ARCHIVERS:
            out.extend(_archive_move(inv, name, ctx, scope))
        elif name == "crontab":
            out.extend(_crontab(inv))
    out.extend(_writes(inv, name, ctx))
    return out


def _shown(inv: Invocation) -> str:
    """The command as the agent wrote it (the part that does it), with what ran it."""
    text = " ".join(inv.source.split()) if inv.source else inv.display()
    if len(text) > 160:
        text = text[:157] + "..."
    via = [v for v in inv.via if v.split(" ", 1)[0] not in text]
    return f"`{text}`" + (f" (in {', '.join(via)})" if via else "")


def _delete(inv: Invocation, targets: list[Target], recursive: bool, ctx: Context,
            verb: str, scope: Scope) -> list[Finding]:
    """The shared judgement of every delete: rm, unlink, rimraf, find -delete, find -exec rm."""
    out: list[Finding] = []
    for t in targets:
        if t.cls == P.CRITICAL:
            if _git_lock(t):
                continue
            out.append(Finding("FS001", f"{_shown(inv)} {verb} {_show(t, ctx)} "
                               f"({reason(t.path, ctx)})", subject=_show(t, ctx)))
            continue
        if t.cls in (P.INSIDE, P.OUTSIDE) and not t.filtered:
            found = _databases(t, ctx)
            if found:
                out.append(_database_lost(inv, found, verb, ctx))
                continue
        if not recursive or t.cls in (P.DISPOSABLE, P.TEMP):
            continue
        if t.cls == P.UNKNOWN:
            if in_script(inv):
                continue
            out.append(Finding("FS003", f"{_shown(inv)} {verb} `{t.shown}`, a path only known "
                               "at run time", subject=t.shown))
        elif t.filtered and t.scratch and t.cls == P.INSIDE:
            continue  # find . -name '*.pyc' -exec rm {} +
        elif _is_file(t.path, t.literal):
            continue  # rm -rf package-lock.json: one file, recursive or not
        elif t.cls == P.INSIDE and _absent(t.path) and not scope.may_fill(
                t.path or "", t.shown.endswith("/")):
            continue  # nothing there, and nothing in this command moves anything there
        elif t.cls == P.INSIDE and not t.filtered and _files_glob(t, ctx, scope):
            continue  # rm -rf *.o: files (or nothing), not a folder
        elif t.cls == P.OUTSIDE:
            tail = "" if t.filtered else ", with everything in it"
            if _temp_entries(t, ctx):
                tail += " (every entry of the temp directory: other programs' and sessions' files)"
            out.append(Finding("FS002", f"{_shown(inv)} {verb} {_show(t, ctx)}, outside the "
                               f"project{tail}", subject=_show(t, ctx)))
        elif t.cls == P.INSIDE and not t.filtered and _declared_output(t.path, ctx):
            continue  # rm -rf bin: a folder git ignores, with no tracked or credential file
        elif t.cls == P.INSIDE:
            tail = "" if t.filtered else " with everything in it"
            out.append(Finding("FS004", f"{_shown(inv)} {verb} {_show(t, ctx)}{tail} (project "
                               "files, not a build output or cache)", subject=_show(t, ctx)))
    return out


def _files_glob(t: Target, ctx: Context, scope: Scope) -> bool:
    """A glob in the last part of the path (not every entry of a folder) whose matches are
    all scratch names (``*.o``), or on disk only regular files or nothing at all, with nothing
    in the command moving a folder in to match it."""
    path = t.path
    if path is None or not P.has_glob(path) or t.shown.endswith("/"):
        return False  # ``*/`` matches folders only
    head, _, last = path.rpartition("/")
    if P.has_glob(head) or P.every_entry(last) or scope.may_fill_glob(path):
        return False
    if _scratch_name(last, ctx):
        return True
    from railguard.shell.effects import expand

    limit = 256
    found = expand(path, limit)
    if len(found) >= limit:
        return False  # more than is worth looking at: keep the question
    return all(os.path.islink(f) or os.path.isfile(f) for f in found)


#: folder names that hold a build's output in some projects and sources or data in others:
#: an output only where the repository says so (ignored, nothing tracked in it)
_AMBIGUOUS_OUTPUTS = frozenset({"bin", "obj", "lib", "vendor", "deps", "release", "debug",
                                "Release", "Debug", "generated", "gen"})


def _declared_output(path: str | None, ctx: Context) -> bool:
    """``bin``, ``obj``, ``build-arm`` ...: a folder of an ambiguous output name that git
    ignores and that holds no tracked file and no credential file is the project's declared
    build output. Git is asked only here, for a call that would otherwise ask; any failure
    (no repository, a slow git, a walk too large) keeps the question."""
    project = ctx.project
    if path is None or project is None or P.has_glob(path):
        return False
    name = path.rpartition("/")[2]
    if name not in _AMBIGUOUS_OUTPUTS and not name.startswith("build-"):
        return False
    if os.path.islink(path) or not os.path.isdir(path):
        return False
    from railguard.rules.base import run_git

    ignored = run_git(["check-ignore", "-q", "--", path], project, timeout=2)
    if ignored is None or ignored[0] != 0:
        return False
    tracked = run_git(["ls-files", "-z", "--", path], project, timeout=2)
    if tracked is None or tracked[0] != 0 or tracked[1]:
        return False
    from railguard.rules.credentials import protected

    errors: list[OSError] = []
    seen = 0
    for top, dirs, files in os.walk(path, onerror=errors.append):
        for entry in (*files, *dirs):
            seen += 1
            if seen > 5000:
                return False
            if protected(os.path.join(top, entry), ctx):
                return False
    return not errors  # an unreadable folder may hold anything


def _rm(inv: Invocation, name: str, ctx: Context, scope: Scope) -> list[Finding]:
    if name == "unlink":
        words = [w for w in inv.args if w.text not in ("--",)]
        if any(w.text in ("--help", "--version") for w in words):
            return []
        operands = [w for w in words if not w.text.startswith("-")]
        recursive = False
    else:
        o = parse_opts(inv.args, _RIMRAF if name == "rimraf" else _RM)
        if o.has("help", "version"):
            return []
        operands = o.positionals
        recursive = name == "rimraf" or o.has("recursive")
    out: list[Finding] = []
    finder = scope.finds.get(id(inv))
    if finder is not None:
        # ``find ROOT ... -exec rm {}``: the entries of the walk, judged with its expression
        entries = _find_entries(finder)
        walked = [w for w in operands if any(e in w.text for e in entries)]
        if walked:
            from railguard.shell.find import EXEC

            walk = _walk(finder, ctx)
            guard = walk.guard(EXEC)
            if guard is not None:
                out.extend(_delete(finder, _walk_targets(finder, walk, guard, ctx), True, ctx,
                                   _walk_verb(guard), scope))
            operands = [w for w in operands if w not in walked]
    walked_input = False
    if any(w.text == "{input}" for w in operands):  # xargs/parallel input: maybe a walk's
        from railguard.shell.find import fed_walk

        rest: list[Word] = []
        for w in operands:
            fed = fed_walk(w)
            if fed is None:
                rest.append(w)
                continue
            targets, deep, verb = _fed_walk_targets(fed, recursive, ctx)
            out.extend(_delete(inv, targets, deep, ctx, verb, scope))
            walked_input = True
        operands = rest
    for w in operands:
        out.extend(_untracked_delete(inv, w, ctx))
    targets = [target(w, inv, ctx) for w in _words(operands)]
    if _fed_by_input(inv) and not walked_input and not any("{}" in w.text for w in operands):
        targets.append(Target(P.UNKNOWN, None, "<paths from the input>"))
    out.extend(_delete(inv, targets, recursive, ctx, "deletes", scope))
    return out


#: git ls-files options that take a value (the next word when not joined with ``=``)
_LS_FILES_VALUED = frozenset({"-x", "--exclude", "-X", "--exclude-from", "--with-tree",
                              "--format", "--abbrev"})


def _untracked_delete(inv: Invocation, w: Word, ctx: Context) -> list[Finding]:
    """``git ls-files -o | xargs rm``, ``rm $(git ls-files --others)``: ``git clean -f``."""
    if not w.sub or len(w.sub) != 1 or not (w.text == "{input}" or w.text.startswith(("$(",
                                                                                      "`"))):
        return []
    producer = w.sub[0]
    while producer.name in ("sort", "uniq", "tac") and len(producer.pipe_from) == 1 and \
            not any(not a.text.startswith("-") for a in producer.args):
        producer = producer.pipe_from[0]
    if producer.name != "git" or producer.remote:
        return []
    from railguard.rules.git import read_call

    call = read_call(producer, ctx)
    if call is None or call.sub != "ls-files":
        return []
    others = False
    specs: list[Word] = []
    args = call.args
    i = 0
    ended = False
    while i < len(args):
        a = args[i]
        t = a.text
        i += 1
        if ended or not t.startswith("-") or a.dynamic:
            specs.append(a)
        elif t == "--":
            ended = True
        elif t == "--others":
            others = True
        elif t in _LS_FILES_VALUED:
            i += 1
        elif not t.startswith("--") and t[1:].isalpha() and "o" in t[1:] and \
                t[1] not in "xX":
            others = True
    if not others:
        return []
    cwd = call.cwd
    if specs and all(not s.dynamic and target(s, Invocation([Word("rm"), s], cwd=cwd),
                                                ctx).cls in (P.DISPOSABLE, P.TEMP)
                     for s in specs):
        return []  # git ls-files -o -- dist: a build folder's untracked files
    shown = " ".join(producer.source.split()) if producer.source else producer.display()
    return [Finding("FS021", f"{_shown(inv)} deletes every untracked file `{shown}` lists, "
                    "like `git clean -f`: files never added to git are gone for good",
                    subject="untracked files")]


def _find_entries(finder: Invocation) -> list[str]:
    """How the analysis writes an entry of this find's walk in the commands it runs."""
    from railguard.shell.find import parse_find

    out: list[str] = []
    for root in parse_find(finder.args).roots[:4]:
        base = root.text.rstrip("/") or "/"
        out.extend((base + "/{}", base + "/*"))
    return out


#: names of files that hold no work: bytecode, objects, editor, merge and patch leftovers, logs
_SCRATCH_SUFFIXES = (".pyc", ".pyo", ".class", ".o", ".obj", ".tmp", ".temp", ".log", ".orig",
                     ".rej", ".bak", ".swp", ".swo", "~", ".egg-info")
_SCRATCH_NAMES = frozenset({".ds_store", "thumbs.db", ".coverage"})
_SCRATCH_GLOB: list[re.Pattern[str]] = []  # compiled on first use


def _scratch_name(value: str, ctx: Context) -> bool:
    """Every name the pattern matches is scratch (``*.pyc``, ``*.py[co]``, ``*~``) or a build
    output or cache folder (``__pycache__``)."""
    if value in ctx.paths.disposable or value.lower() in _SCRATCH_NAMES:
        return True
    if not _SCRATCH_GLOB:
        _SCRATCH_GLOB.append(re.compile(r"\*([^*?\[\]/\\]*)(?:\[([^\]!^]+)\])?"))
    m = _SCRATCH_GLOB[0].fullmatch(value)
    if m is None:
        return False
    stem = m.group(1).lower()
    return all((stem + c).endswith(_SCRATCH_SUFFIXES) for c in (m.group(2) or "").lower() or [""])


def _walk(inv: Invocation, ctx: Context) -> FindCommand:
    """The find command, with scratch names judged against this project's settings."""
    from railguard.shell.find import parse_find

    def scratch(op: str, value: str) -> bool:
        if op in ("-name", "-iname"):
            return _scratch_name(value, ctx)
        if op in ("-path", "-ipath", "-wholename", "-iwholename"):
            parts = value.split("/")
            return any(p in ctx.paths.disposable for p in parts) or _scratch_name(parts[-1], ctx)
        return False

    return parse_find(inv.args, scratch)


def _find(inv: Invocation, ctx: Context, scope: Scope) -> list[Finding]:
    walk = _walk(inv, ctx)
    guard = walk.guard(("-delete",))
    out: list[Finding] = []
    if walk.unknown:
        w = walk.unknown[0]
        shown = "input appended at run time" if w.text == "{input}" else f"`{w.text}`"
        out.append(Finding("FS003", f"{_shown(inv)} takes {shown} into its expression, known "
                           "only at run time: it may add `-delete` or `-exec rm`",
                           subject=w.text))
    if guard is None:
        return out  # -exec rm is judged on the rm the analysis derives (see _rm)
    return out + _delete(inv, _walk_targets(inv, walk, guard, ctx), True, ctx,
                         _walk_verb(guard), scope)


def _walk_targets(inv: Invocation, walk: FindCommand, guard: Cond, ctx: Context) -> list[Target]:
    """What a walk hands on, per start point: the start point itself (it is the walk's first
    entry), its entries (``-mindepth 1``), the entries with given names, or the entries that
    meet a narrowing condition (judged like a name glob in that directory)."""
    targets: list[Target] = []
    for root in _words(walk.roots):
        root_path = None if root.dynamic else ctx.resolve(root.text, inv.cwd)
        shown = ctx.rel(root_path) if root_path is not None else f"`{root.text}`"
        base = root.text.rstrip("/") or "/"
        if base == "/":
            base = ""
        if guard.names is not None:
            for name in guard.names:
                t = target(Word(f"{base}/{name}", root.dynamic), inv, ctx)
                t.display = f"every `{name}` under {shown}"
                targets.append(t)
            continue
        if guard.narrowed:
            t = target(Word(f"{base}/*{{}}", root.dynamic), inv, ctx)
            t.filtered = True
            t.scratch = guard.scratch
            t.display = f"the entries of {shown} matching `{guard.shown}`"
        else:
            if walk.mindepth or (guard.tested and root_path in ctx.paths.temp_dirs):
                # its entries: with a test (``find /tmp -type f -mtime +7``), the temp
                # directory itself, shared and owned by the system, is not what goes
                t = target(Word(f"{base}/*", root.dynamic, True), inv, ctx)
            else:
                t = target(root, inv, ctx)
            t.display = shown
        targets.append(t)
    return targets


def _walk_verb(guard: Cond, lister: Invocation | None = None) -> str:
    deletes = f"deletes what `{lister.display()}` lists:" if lister is not None else "deletes"
    if guard.narrowed:
        return deletes
    return f"{deletes} every entry " + ("under" if lister is not None else "it finds under")


def _fed_walk_targets(finder: Invocation, recursive: bool,
                      ctx: Context) -> tuple[list[Target], bool, str]:
    """What a delete fed by a walk's output removes, whether that reaches into folders (the
    walk does the recursion even for a plain ``rm``), and how to say it."""
    walk = _walk(finder, ctx)
    printed = walk.printed
    if printed is None:
        return [], False, ""
    lists = f"deletes what `{finder.display()}` lists:"
    if walk.maxdepth == 0:
        return [target(r, finder, ctx) for r in _words(walk.roots)], recursive, lists
    if walk.maxdepth == 1 and not printed.narrowed:
        # the start points' own entries: like ``rm ROOT/*``
        targets = [target(Word(f"{r.text.rstrip('/')}/*", r.dynamic, True), finder, ctx)
                   for r in _words(walk.roots)]
        return targets, recursive, lists
    return (_walk_targets(finder, walk, printed, ctx), recursive or walk.maxdepth != 1,
            _walk_verb(printed, finder))


def _crontab(inv: Invocation) -> list[Finding]:
    """``crontab -r`` (any cluster holding ``r``) or ``crontab /dev/null``: every job gone."""
    texts = [w.text for w in inv.args]
    user = ""
    removes = False
    i = 0
    while i < len(texts):
        t = texts[i]
        i += 1
        if t == "-u" and i < len(texts):
            user = f" of {texts[i]}"
            i += 1
        elif t == "--":
            break
        elif t.startswith("-") and len(t) > 1 and not t.startswith("--"):
            letters = t[1:]
            if "u" in letters and letters.endswith("u") and i < len(texts):
                user = f" of {texts[i]}"
                i += 1
            if "r" in letters.split("u", 1)[0]:
                removes = True
        elif t == "/dev/null":
            removes = True
    if not removes:
        return []
    return [Finding("FS020", f"{_shown(inv)} removes every cron job{user or ' of the user'}, "
                    "with no backup", subject="crontab")]


def _shred(inv: Invocation, ctx: Context) -> list[Finding]:
    o = parse_opts(inv.args, _SHRED)
    if o.has("help", "version"):
        return []
    out: list[Finding] = []
    for w in _words(o.positionals):
        if w.text == "-":
            continue
        t = target(w, inv, ctx)
        if (t.path is not None and P.is_device(t.path)) or t.cls == P.CRITICAL:
            out.append(Finding("FS005", f"{_shown(inv)} destroys {_show(t, ctx)} beyond "
                               f"recovery ({reason(t.path, ctx)})", subject=_show(t, ctx)))
        elif t.cls != P.TEMP:
            out.append(Finding("FS006", f"{_shown(inv)} destroys {_show(t, ctx)} beyond "
                               "recovery", subject=_show(t, ctx)))
    return out


def _secure_delete(inv: Invocation, name: str, ctx: Context, scope: Scope) -> list[Finding]:
    """srm and wipe: ``rm`` that overwrites first. A critical path or a device is FS005 as
    with shred; a folder deleted recursively is judged as ``rm -r`` judges it; a file that
    exists (or may by then) is shredded (FS006), one that does not is left alone."""
    o = parse_opts(inv.args, _SRM if name == "srm" else _WIPE)
    if o.has("help", "version"):
        return []
    recursive = o.has("recursive")
    out: list[Finding] = []
    for w in _words(o.positionals):
        t = target(w, inv, ctx)
        if (t.path is not None and P.is_device(t.path)) or t.cls == P.CRITICAL:
            out.append(Finding("FS005", f"{_shown(inv)} destroys {_show(t, ctx)} beyond "
                               f"recovery ({reason(t.path, ctx)})", subject=_show(t, ctx)))
            continue
        if t.cls in (P.TEMP, P.DISPOSABLE) or (not recursive and t.path is not None and
                                                not P.has_glob(t.path) and os.path.isdir(t.path)):
            continue  # without -r a folder is refused
        found = _delete(inv, [t], recursive, ctx, "overwrites and deletes", scope) \
            if recursive else []
        out.extend(found)
        if found or (recursive and not _is_file(t.path)) or (
                _absent(t.path) and not scope.may_create(t.path or "")):
            continue  # judged as a recursive delete, or nothing there to destroy
        out.append(Finding("FS006", f"{_shown(inv)} destroys {_show(t, ctx)} beyond recovery",
                           subject=_show(t, ctx)))
    return out


#: what ``systemctl VERB`` (or ``systemctl start|isolate TARGET``) stops the machine with
_SYSTEMCTL_STOPS = frozenset({"poweroff", "reboot", "halt", "kexec", "soft-reboot", "rescue",
                              "emergency"})
_SYSTEMCTL_VALUED = frozenset({"-t", "--type", "-p", "--property", "-P", "-s", "--signal",
                               "-H", "--host", "-M", "--machine", "-n", "--lines", "-o",
                               "--output", "--kill-whom", "--kill-value", "--job-mode",
                               "--what", "--root", "--image", "--preset-mode", "--message",
                               "--when", "--timestamp", "--boot-loader-entry",
                               "--boot-loader-menu", "--reboot-argument", "--state",
                               "--check-inhibitors", "--drop-in"})
#: patterns that match any process name or command line
_MATCH_ANY = frozenset({"", ".", ".*", ".+", "^", "$", "^.*", ".*$", "^.*$", "^.", "^.+"})


def _verb(args: list[Word], valued: frozenset[str]) -> tuple[str | None, list[str]]:
    """The first operand of a ``program [options] VERB ARGS`` command line and what follows
    it (None when it is only known at run time, or there is none)."""
    i = 0
    while i < len(args):
        w = args[i]
        t = w.text
        i += 1
        if w.dynamic:
            return None, []
        if t == "--":
            break
        if t.startswith("-"):
            if "=" not in t and t in valued:
                i += 1
            continue
        return t, [a.text for a in args[i:]]
    rest = args[i:]
    if rest and not rest[0].dynamic:
        return rest[0].text, [a.text for a in rest[1:]]
    return None, []


def _signal_word(t: str) -> bool:
    """``-9``, ``-KILL``, ``-SIGTERM``: a signal written as an option."""
    body = t[1:]
    return t.startswith("-") and (body.isdigit() or (
        len(body) >= 2 and body.replace("SIG", "", 1).replace("+", "").replace("-", "")
        .isalnum() and body.upper() == body and body[0].isalpha()))


def _kills_everyone(args: list[Word]) -> bool:
    """``kill [-SIGNAL | -s SIG | -n NUM] -1``: pid -1 is every process the caller may signal
    (signal 0 only checks that they exist)."""
    texts = [w.text for w in args]
    signal = "TERM"
    i = 0
    if texts and texts[0] in ("-s", "-n", "--signal") and len(texts) > 1:
        signal, i = texts[1], 2
    elif texts and texts[0].startswith("--signal="):
        signal, i = texts[0].split("=", 1)[1], 1
    elif texts and texts[0].startswith("-") and texts[0] != "--" and len(texts[0]) > 1:
        if texts[0] in ("-l", "-L", "--list", "--table"):
            return False
        signal, i = texts[0][1:], 1
    pids = [t for t in texts[i:] if t != "--"]
    return signal.upper() not in ("0", "SIG0", "ZERO") and "-1" in pids


#: the one-letter options of pkill and of killall that take a value
_PKILL_VALUED = "dgGOPstuUFrq"
_KILLALL_VALUED = "uoysnZ"


def _selects_everyone(name: str, args: list[Word]) -> str | None:
    """``pkill -u USER`` / ``killall -u USER`` with no name, or a pattern that matches any
    process (``pkill -f .``, ``killall -r '.*'``): whose processes end, else None."""
    users: list[str] = []
    names: list[str] = []
    negated = exact = False
    regex = name == "pkill"
    valued = _PKILL_VALUED if name == "pkill" else _KILLALL_VALUED
    i = 0
    while i < len(args):
        w = args[i]
        t = w.text
        i += 1
        if w.dynamic and not t.startswith("-"):
            names.append(t)
            continue
        if t.startswith("--"):
            opt, eq, val = t.partition("=")
            if opt in ("--euid", "--uid", "--user", "--group"):
                users.append(val if eq else (args[i].text if i < len(args) else ""))
                i += 0 if eq else 1
            elif opt in ("--inverse",):
                negated = True
            elif opt in ("--exact",):
                exact = True
            elif opt in ("--regexp",):
                regex = True
            elif not eq and opt in ("--signal", "--pgroup", "--parent", "--session",
                                    "--terminal", "--pidfile", "--ns", "--nslist",
                                    "--older", "--younger", "--runstates", "--cgroup"):
                i += 1
            continue
        if t.startswith("-") and len(t) > 1:
            if _signal_word(t):
                continue
            for j, c in enumerate(t[1:]):
                if (c in "uUG" and name == "pkill") or c == "u":
                    value = t[j + 2 :] or (args[i].text if i < len(args) else "")
                    users.append(value)
                    if not t[j + 2 :]:
                        i += 1
                    break
                if c == "v" and name == "pkill":
                    negated = True
                elif c in ("x", "e"):
                    exact = True
                elif c in ("r", "m") and name in ("killall",):
                    regex = True
                if c in valued:
                    if j == len(t) - 2:
                        i += 1
                    break
            continue
        names.append(t)
    if negated and names:
        return "every process but the ones it names"
    who = f"of {', '.join(users)}" if users else ""
    if not names and users:
        return f"every process {who}"
    if names and regex and not exact and all(n in _MATCH_ANY for n in names):
        return f"every process {who}".rstrip()
    return None


def _stops_everything(inv: Invocation, name: str) -> list[Finding]:
    """FS022: shutdown, reboot, poweroff, halt, ``systemctl poweroff``, ``init 0``,
    ``kill -9 -1``, ``pkill -u USER``: the machine, or every process of a user, stops."""
    args = inv.args
    texts = [w.text for w in args]
    what: str | None = None
    if "--help" in texts or (name in ("systemctl", "loginctl") and "-h" in texts):
        return []
    if name in ("shutdown", "reboot", "poweroff", "halt"):
        if name == "shutdown" and any(t in ("-k", "-c", "--show") for t in texts):
            return []  # a warning only, cancelling a planned shutdown, or showing it
        if "-w" in texts or "--wtmp-only" in texts:
            return []  # only writes the wtmp record
        what = "stops the machine"
    elif name == "systemctl":
        verb, rest = _verb(args, _SYSTEMCTL_VALUED)
        units = {u.removesuffix(".target") for u in rest} & (_SYSTEMCTL_STOPS |
                                                             {"ctrl-alt-del"})
        if verb in ("start", "isolate", "restart") and units:
            verb = min(units)
        if verb in ("rescue", "emergency"):
            what = f"ends every service and login ({verb} mode)"
        elif verb in _SYSTEMCTL_STOPS or verb == "ctrl-alt-del":
            what = "stops the machine"
    elif name in ("init", "telinit"):
        ops = [t for t in texts if not t.startswith("-")]
        if ops[:1] in (["0"], ["6"]):
            what = "stops the machine"
        elif ops[:1] in (["1"], ["s"], ["S"], ["single"]):
            what = "ends every service and login (single-user mode)"
    elif name == "kill":
        if _kills_everyone(args):
            what = "ends every process it may signal (with sudo, every process on the machine)"
    elif name in ("pkill", "killall"):
        whose = _selects_everyone(name, args)
        if whose is not None:
            what = f"ends {whose}"
    elif name == "killall5":
        what = "ends every process outside its own session"
    elif name == "loginctl":
        verb, _ = _verb(args, frozenset({"-H", "--host", "-M", "--machine", "-p",
                                         "--property", "-s", "--signal", "--kill-whom",
                                         "-n", "--lines", "-o", "--output"}))
        if verb in ("terminate-user", "kill-user", "terminate-session", "kill-session",
                    "terminate-seat"):
            what = "ends every process of the user's sessions"
    elif name == "launchctl":
        verb, _ = _verb(args, frozenset())
        if verb == "reboot":
            what = "stops the machine (or every program of the session)"
    if what is None:
        return []
    if inv.remote:
        what = "stops another machine" if what == "stops the machine" else \
            f"{what}, on another machine"
    return [Finding("FS022", f"{_shown(inv)} {what}: unsaved work in every other program is "
                    "lost", subject=name)]


def _disk_tool(inv: Invocation, name: str, ctx: Context) -> list[Finding]:
    tool = name.split(".", 1)[0]
    texts = [w.text for w in inv.args]
    if any(t in ("--help", "-h", "--version", "-V") for t in texts) and tool != "mkfs":
        if not any(t.startswith("/dev/") for t in texts):
            return []
    if tool in ("fdisk", "cfdisk", "gdisk", "cgdisk") and any(
            t in ("-l", "--list", "-s", "--getsz") for t in texts):
        return []
    if tool == "sfdisk" and any(t in ("-l", "--list", "-d", "--dump", "-s", "--show-size",
                                      "-g", "--show-geometry", "-J", "--json", "-V",
                                      "--verify", "-F", "--list-free", "-r", "--reorder-no",
                                      "--backup-pt-sectors") for t in texts):
        if not any(t in ("-r", "--reorder") for t in texts):
            return []
    if tool == "wipefs" and not any(
            t in ("-a", "--all", "-o", "--offset", "-f", "--force") or
            (t.startswith("-") and not t.startswith("--") and ("a" in t or "o" in t))
            for t in texts):
        return []
    if tool == "sgdisk" and _sgdisk_read_only(texts):
        return []
    if tool == "parted" and _parted_read_only(texts):
        return []
    out: list[Finding] = []
    for w in inv.args:
        if w.dynamic and not w.text.startswith("-"):
            out.append(Finding("FS009", f"{_shown(inv)} runs {name} on `{w.text}`, known only "
                               "at run time", subject=w.text))
            continue
        text = w.text.split("=", 1)[1] if w.text.startswith("-") and "=" in w.text else w.text
        if not text.startswith("/dev/"):
            continue
        path = ctx.resolve(text, inv.cwd)
        if path is not None and P.is_device(path):
            out.append(Finding("FS008", f"{_shown(inv)} erases the file system or partition "
                               f"table of the device {path}: everything on it is lost",
                               subject=path))
    return out


def _sgdisk_read_only(texts: list[str]) -> bool:
    read_only = {"-p", "--print", "-i", "--info", "-v", "--verify", "-L", "--list-types",
                 "-O", "--print-mbr", "-b", "--backup", "-P", "--pretend", "-?", "--help",
                 "--usage", "-V", "--version"}
    for t in texts:
        if not t.startswith("-"):
            continue
        key = t.split("=", 1)[0]
        if key in read_only:
            continue
        if not key.startswith("--") and len(key) > 2 and all(f"-{c}" in read_only
                                                            for c in key[1:]):
            continue
        if key.startswith(("-i", "-b")) and not key.startswith("--"):
            continue  # -i1 / -bfile
        return False
    return True


def _parted_read_only(texts: list[str]) -> bool:
    read_only = {"print", "p", "help", "unit", "quit", "version", "free", "all", "list",
                 "s", "b", "kb", "mb", "gb", "tb", "kib", "mib", "gib", "tib", "%", "cyl",
                 "chs", "compact"}
    if any(t in ("-l", "--list", "-v", "--version", "-h", "--help") for t in texts):
        return True
    words = [t for t in texts if not t.startswith("-")]
    commands = words[1:]
    if not commands:
        return False  # interactive: fed from standard input or a terminal
    return all(c.lower() in read_only for c in commands)


_VOLUME_WHAT = {"lvremove": "the logical volume", "vgremove": "the volume group",
                "pvremove": "the LVM label of", "zpool destroy": "the ZFS pool",
                "zpool labelclear": "the ZFS label of", "zfs destroy": "the ZFS dataset",
                "mdadm": "the RAID superblock of", "cryptsetup": "every LUKS key slot of"}


def _volume_tool(inv: Invocation, name: str, ctx: Context) -> list[Finding]:
    """lvremove, vgremove, pvremove, zpool destroy, zfs destroy, mdadm --zero-superblock,
    cryptsetup luksErase: the data on the volume becomes unreachable."""
    args = inv.args
    texts = [w.text for w in args]
    if any(t in ("-h", "--help", "--version", "-?", "--usage") for t in texts):
        return []
    key = name
    operands: list[Word]
    if name in ("lvremove", "vgremove", "pvremove"):
        if any(t in ("-t", "--test") for t in texts):
            return []
        operands = [w for w in args if not w.text.startswith("-")]
    elif name in ("zpool", "zfs"):
        i = next((k for k, w in enumerate(args) if not w.text.startswith("-")), len(args))
        sub = texts[i] if i < len(texts) else ""
        if sub not in (("destroy", "labelclear") if name == "zpool" else ("destroy",)):
            return []
        rest = args[i + 1 :]
        if any(w.text.startswith("-") and not w.text.startswith("--") and "n" in w.text[1:]
               for w in rest):
            return []  # zfs destroy -n: a dry run
        key = f"{name} {sub}"
        operands = [w for w in rest if not w.text.startswith("-")]
    elif name == "mdadm":
        if not any(t == "--zero-superblock" or t.startswith("--zero-superblock=")
                   for t in texts):
            return []
        operands = [w for w in args if not w.text.startswith("-")]
    else:  # cryptsetup
        at = next((k for k, t in enumerate(texts) if t in ("luksErase", "erase")), None)
        if at is None:
            return []
        operands = [w for w in args[at + 1 :] if not w.text.startswith("-")]
    out: list[Finding] = []
    known = [w for w in operands if not w.dynamic]
    for w in operands:
        if w.dynamic:
            out.append(Finding("FS009", f"{_shown(inv)} runs {key} on `{w.text}`, known only "
                               "at run time", subject=w.text))
    if known:
        shown = ", ".join(w.text for w in known[:5])
        out.append(Finding("FS019", f"{_shown(inv)} destroys {_VOLUME_WHAT[key]} {shown}: "
                           "the data on it becomes unreachable", subject=shown))
    return out


# -- archivers that delete what they packed ------------------------------------------------

#: GNU tar short options that take a value (in a cluster, the rest of the word or the next)
_TAR_SHORT_VALUED = frozenset("bCfFgHIKLNTVX")
_TAR_LONG_VALUED = frozenset(
    """--file --directory --files-from --exclude-from --blocking-factor --format
    --use-compress-program --listed-incremental --starting-file --tape-length --newer
    --after-date --label --info-script --new-volume-script --exclude --transform --xform
    --owner --group --mode --mtime --suffix --strip-components --newer-mtime --record-size
    --volno-file --rsh-command --index-file --to-command --exclude-tag --exclude-tag-under
    --exclude-tag-all --checkpoint-action --owner-map --group-map --hole-detection
    --atime-preserve --quoting-style --quote-chars --no-quote-chars --pax-option
    --exclude-vcs-ignores --sort""".split()
)


def _tar_sources(inv: Invocation) -> tuple[bool, bool, list[Word], str | None]:
    """(removes its sources, recursive, the sources as paths, a list file) of a tar call."""
    args = inv.args
    remove = False
    recursive = True
    mode = ""
    sources: list[Word] = []
    listed: str | None = None
    base: Word | None = None  # the latest -C directory
    i = 0
    n = len(args)

    def add(w: Word) -> None:
        if base is not None and not w.text.startswith("/"):
            joined = base.text.rstrip("/") + "/" + w.text
            sources.append(Word(joined, base.dynamic or w.dynamic, w.glob))
        else:
            sources.append(w)

    def value(opt: str, val: Word) -> None:
        nonlocal base, listed, mode
        if opt in ("-C", "--directory"):
            base = val if val.text.startswith("/") or base is None else \
                Word(base.text.rstrip("/") + "/" + val.text, base.dynamic or val.dynamic)
        elif opt in ("-T", "--files-from"):
            listed = val.text

    ended = False
    while i < n:
        w = args[i]
        t = w.text
        i += 1
        if ended or (w.dynamic and not t.startswith("-")):
            add(w)
            continue
        if t == "--":
            ended = True
            continue
        if t.startswith("--"):
            opt, eq, val = t.partition("=")
            if opt == "--remove-files":
                remove = True
            elif opt == "--no-recursion":
                recursive = False
            elif opt == "--recursion":
                recursive = True
            elif opt in ("--create", "--append", "--update", "--extract", "--get", "--list",
                         "--diff", "--compare", "--delete", "--concatenate", "--catenate"):
                mode = opt
            elif opt in _TAR_LONG_VALUED:
                if not eq:
                    if i < n:
                        value(opt, args[i])
                    i += 1
                else:
                    value(opt, Word(val, w.dynamic))
            continue
        if (t.startswith("-") and len(t) > 1) or (i == 1 and t and not t.startswith("-")):
            # a cluster (-czf) or, as the first word, the old style (czf: values follow)
            old_style = not t.startswith("-")
            letters = t if old_style else t[1:]
            for j, c in enumerate(letters):
                if c in "cruxtdA":
                    mode = c
                if c in _TAR_SHORT_VALUED:
                    if old_style or j == len(letters) - 1:
                        if i < n:
                            value("-" + c, args[i])
                        i += 1
                    else:
                        value("-" + c, Word(letters[j + 1 :], w.dynamic))
                        if not old_style:
                            break
            continue
        add(w)
    if mode not in ("c", "r", "u", "--create", "--append", "--update"):
        remove = False
    return remove, recursive, sources, listed


def _archive_move(inv: Invocation, name: str, ctx: Context, scope: Scope) -> list[Finding]:
    """tar --remove-files, zip -m and 7z -sdel delete their sources once packed: judged like
    ``rm`` of those sources (recursive where the archiver walks directories)."""
    listed: str | None = None
    if name in ("tar", "gtar", "bsdtar"):
        remove, recursive, sources, listed = _tar_sources(inv)
    elif name == "zip":
        remove, recursive, sources, listed = _zip_sources(inv)
    else:
        texts = [w.text for w in inv.args]
        remove = "-sdel" in texts
        words = [w for w in inv.args if not w.text.startswith("-") or w.dynamic]
        recursive = True
        if not words or words[0].text not in ("a", "u"):
            remove = False
        sources = [w for w in words[2:] if not w.text.startswith("@")]
        lists = [t[1:] for t in (w.text for w in words[2:]) if t.startswith("@")]
        lists += [t[3:] for t in texts if t.startswith("-i@")]
        listed = lists[0] if lists else None
    if not remove:
        return []
    targets = [target(w, inv, ctx) for w in _words(sources)]
    if listed is not None:
        targets.append(Target(P.UNKNOWN, None, f"<paths listed in {listed}>"))
    return _delete(inv, targets, recursive, ctx, "archives and then deletes", scope)


def _zip_sources(inv: Invocation) -> tuple[bool, bool, list[Word], str | None]:
    remove = recursive = False
    listed: str | None = None
    positionals: list[Word] = []
    valued = {"-b", "-n", "-t", "-tt", "-O", "-P", "-Z", "-s", "-sp", "-sb", "-ll",
              "--temp-path", "--suffixes", "--output-file", "--password",
              "--compression-method", "--split-size", "-I", "-e"}
    args = inv.args
    i = 0
    n = len(args)
    in_list = False
    while i < n:
        w = args[i]
        t = w.text
        i += 1
        if t.startswith("-") and not w.dynamic:
            in_list = False
            if t in ("-m", "--move"):
                remove = True
            elif t in ("-r", "--recurse-paths", "-R", "--recurse-patterns"):
                recursive = True
            elif t in ("-x", "-i", "--exclude", "--include"):
                in_list = True
            elif t == "-@" or t == "--names-stdin":
                listed = "the standard input"
            elif t in valued:
                i += 1
            elif not t.startswith("--") and t not in valued:
                letters = t[1:]
                if "m" in letters:
                    remove = True
                if "r" in letters or "R" in letters:
                    recursive = True
                if letters.endswith(("x", "i")):
                    in_list = True
            continue
        if in_list:
            continue
        positionals.append(w)
    return remove, recursive, positionals[1:], listed


def _shrinks(size: str | None) -> bool:
    if size is None:
        return True  # --reference: any size
    return not size.startswith(("+", ">"))


def _truncate(inv: Invocation, ctx: Context) -> list[Finding]:
    o = parse_opts(inv.args, _TRUNCATE)
    if o.has("help", "version") or not (o.has("size") or o.has("reference")):
        return []
    size = o.value("size") if o.has("size") else None
    if not _shrinks(size):
        return []
    out: list[Finding] = []
    for w in _words(o.positionals):
        t = target(w, inv, ctx)
        if t.cls == P.CRITICAL and not _git_lock(t):
            out.append(Finding("FS010", f"{_shown(inv)} cuts {_show(t, ctx)} "
                               f"({reason(t.path, ctx)})", subject=_show(t, ctx)))
        elif t.cls == P.OUTSIDE and _kept(t.path, ctx):
            out.append(Finding("FS011", f"{_shown(inv)} cuts {_show(t, ctx)}, outside the "
                               "project", subject=_show(t, ctx)))
        elif t.cls == P.INSIDE:
            found = _databases(t, ctx)
            if found:
                out.append(_database_lost(inv, found, "cuts", ctx))
    return out


def _chmod(inv: Invocation, name: str, ctx: Context, scope: Scope) -> list[Finding]:
    args = inv.args
    recursive = False
    reference = False
    operands: list[Word] = []
    ended = False
    i = 0
    while i < len(args):
        w = args[i]
        t = w.text
        i += 1
        if ended or w.dynamic or not t.startswith("-") or t == "-":
            operands.append(w)
            continue
        if t == "--":
            ended = True
            continue
        # long options by their unique prefixes, as getopt_long reads them (--rec, --ref)
        opt = t.partition("=")[0]
        if ("--help".startswith(opt) and len(opt) >= 3) or (
                "--version".startswith(opt) and len(opt) >= 6):
            return []
        if ("--reference".startswith(opt) and len(opt) >= 5) or (
                "--from".startswith(opt) and len(opt) >= 4):
            reference = reference or opt.startswith("--ref")
            if "=" not in t and i < len(args):
                i += 1
            continue
        if "--recursive".startswith(opt) and len(opt) >= 5:
            recursive = True
            continue
        if t.startswith("--"):
            continue
        letters = t[1:]
        if name == "chmod" and all(c in "rwxXstugoa" for c in letters) and letters != "R":
            operands.append(w)  # a mode like -x or -rw
            continue
        if "R" in letters:
            recursive = True
    files = operands if reference else operands[1:]
    mode = None if reference or name != "chmod" or not operands else operands[0]
    return _tree_change(inv, recursive, files, mode, ctx, scope)


def _setfacl(inv: Invocation, ctx: Context, scope: Scope) -> list[Finding]:
    """``setfacl -R -m SPEC|-x SPEC|-b|-k|--set SPEC FILE...``: the ACLs of a whole tree."""
    args = inv.args
    recursive = False
    files: list[Word] = []
    ended = False
    i = 0
    while i < len(args):
        w = args[i]
        t = w.text
        i += 1
        if ended or w.dynamic or not t.startswith("-") or t == "-":
            files.append(w)
            continue
        if t == "--":
            ended = True
            continue
        if t.startswith("--"):
            opt = t.partition("=")[0]
            if opt in ("--help", "--version", "--restore", "--test"):
                return []  # --restore=FILE: the ACLs recorded in FILE, for the files it names
            if "--recursive".startswith(opt) and len(opt) >= 5:
                recursive = True
            elif "=" not in t and opt in _SETFACL_LONG_VALUED:
                i += 1
            continue
        for j, c in enumerate(t[1:]):
            if c == "R":
                recursive = True
            elif c in ("h", "v"):
                return []
            elif c in "mMxX":
                if j == len(t) - 2:
                    i += 1  # the spec or spec file is the next word
                break
    return _tree_change(inv, recursive, files, None, ctx, scope)


def _chattr(inv: Invocation, ctx: Context, scope: Scope) -> list[Finding]:
    """``chattr -R +i DIR``: attributes (immutable, append-only ...) of a whole tree. A word
    of attribute letters after ``-``, ``+`` or ``=`` is the change, not an option."""
    args = inv.args
    recursive = False
    files: list[Word] = []
    change = False
    ended = False
    i = 0
    while i < len(args):
        w = args[i]
        t = w.text
        i += 1
        if ended or w.dynamic:
            files.append(w)
            continue
        if t == "--":
            ended = True
        elif t.startswith("-") and len(t) > 1 and all(c in "RVf" for c in t[1:]):
            recursive = recursive or "R" in t
        elif t in ("-v", "-p"):
            i += 1  # the version or project number
        elif t.startswith(("-", "+", "=")) and not change:
            change = True
            if t.startswith("-"):
                # only removing attributes (``-R -i``): the files behave as ordinary ones again
                return []
        else:
            files.append(w)
    return _tree_change(inv, recursive, files, None, ctx, scope)


#: setfacl's long options that take the next word as their value
_SETFACL_LONG_VALUED = frozenset({"--modify", "--modify-file", "--remove", "--remove-file",
                                  "--set", "--set-file"})


def _tree_change(inv: Invocation, recursive: bool, files: list[Word], mode: Word | None,
                 ctx: Context, scope: Scope) -> list[Finding]:
    """FS012 for a recursive mode, owner, ACL or attribute change of a critical tree."""
    # ``find ROOT -exec chmod MODE {} +`` changes every entry of the walk: recursive in effect
    recursive = recursive or _from_find(inv)
    if not recursive:
        return []
    judged: list[tuple[Invocation, Target]] = []
    finder = scope.finds.get(id(inv))
    if finder is not None:
        # the entries of the walk, judged with its expression: ``find ~ -type f -exec chmod
        # 000 {} +`` changes every file under ~, as ``chmod -R 000 ~`` does; a name test
        # (``-name '*.sh'``) narrows it to some entries
        entries = _find_entries(finder)
        walked = [w for w in files if any(e in w.text for e in entries)]
        if walked:
            from railguard.shell.find import EXEC

            walk = _walk(finder, ctx)
            guard = walk.guard(EXEC)
            if guard is not None:
                judged.extend((finder, t) for t in _walk_targets(finder, walk, guard, ctx))
            files = [w for w in files if w not in walked]
    judged.extend((inv, target(w, inv, ctx)) for w in _words(files))
    out: list[Finding] = []
    for shown_inv, tg in judged:
        if tg.cls != P.CRITICAL:
            continue
        tail = ""
        if _project_root_or_entries(tg, ctx):
            # the project root is critical to delete, not to re-own or re-mode: fixing the
            # owner after a container wrote files (``chown -R me .``) or the modes
            # (``chmod -R u+w .``) is ordinary, the owner can always change modes back, and git
            # keeps the executable bits of tracked files. A mode that locks the owner out or
            # lets every user write is refused: it reaches ``.git`` like ``chmod -R .git``
            harm = _mode_harm(mode)
            if harm is None:
                continue
            tail = f", {harm}"
        out.append(Finding("FS012", f"{_shown(shown_inv)} changes every file under "
                           f"{_show(tg, ctx)} ({reason(tg.path, ctx)}){tail}",
                           subject=_show(tg, ctx)))
    return out


def _mode_harm(mode: Word | None) -> str | None:
    """What a chmod mode given to a whole tree does that cannot be shrugged off: takes the
    owner's read access away (``000``, ``u-r``, ``a=``) or lets every user write (``777``,
    ``o+w``). None for the others, and for a mode not known (``--reference``, ``$MODE``)."""
    if mode is None or mode.dynamic:
        return None
    text = mode.text
    owner_reads = True
    others_write = False
    if text.isdigit():
        if any(c not in "01234567" for c in text) or len(text) > 4:
            return None
        bits = int(text, 8) & 0o777
        owner_reads = bool(bits & 0o400)
        others_write = bool(bits & 0o002)
    else:
        for clause in text.split(","):
            who = clause[: len(clause) - len(clause.lstrip("ugoa"))]
            rest = clause[len(who):]
            if not rest or rest[0] not in "+-=":
                return None
            # no letters: all, but the umask (022 as a rule) keeps ``+w`` from the others
            user = not who or "u" in who or "a" in who
            other = "o" in who or "a" in who
            for op, perms in re.findall(r"([+=-])([rwxXstugo]*)", rest):
                if any(c in "ugo" for c in perms):
                    # copied from another class (``o=u``): the owner's bits, read and write
                    perms = "rw" if "u" in perms else ""
                if user and op in "-=":
                    owner_reads = "r" in perms if op == "=" else owner_reads and "r" not in perms
                elif user and "r" in perms:
                    owner_reads = True
                if other and op in "+=":
                    others_write = "w" in perms or (others_write and op == "+")
                elif other and "w" in perms:
                    others_write = False
    if not owner_reads:
        return "and takes your own read access away: no tool, git included, can read them"
    if others_write:
        return ("and lets every user of the machine write them, the code and the git hooks "
                "it runs included")
    return None


def _remote_spec(text: str) -> bool:
    if text.startswith("rsync://"):
        return True
    head = text.split("/", 1)[0]
    return ":" in head


def _rsync(inv: Invocation, ctx: Context) -> list[Finding]:
    o = parse_opts(inv.args, _RSYNC)
    if o.has("help", "version", "dry_run"):
        return []
    delete = o.has("delete")
    remove_source = o.has("remove_source")
    if not (delete or remove_source) or len(o.positionals) < 2:
        return []
    sources, dest = o.positionals[:-1], o.positionals[-1]
    checks: list[tuple[Word, str]] = []
    if delete:
        checks.append((dest, "deletes from"))
    if remove_source:
        checks.extend((s, "removes the copied files from") for s in sources)
    out: list[Finding] = []
    for w, verb in checks:
        if _remote_spec(w.text):
            where = _remote_home_or_system(w.text) if w is dest else None
            if where is not None:
                out.append(Finding("FS014", f"{_shown(inv)} {verb} {w.text} ({where} on "
                                   "another machine): the remote files the source does not "
                                   "have are deleted there", subject=w.text))
            continue
        t = target(w, inv, ctx)
        if t.cls == P.CRITICAL:
            out.append(Finding("FS013", f"{_shown(inv)} {verb} {_show(t, ctx)} "
                               f"({reason(t.path, ctx)})", subject=_show(t, ctx)))
        elif t.cls == P.OUTSIDE:
            out.append(Finding("FS014", f"{_shown(inv)} {verb} {_show(t, ctx)}, outside the "
                               "project", subject=_show(t, ctx)))
        elif t.cls == P.INSIDE and not _is_file(t.path) and not _absent(t.path) and (
                w is not dest or not _empty_dir(t.path)):
            # like ``tar --remove-files src``: a project folder emptied of its files
            out.append(Finding("FS004", f"{_shown(inv)} {verb} {_show(t, ctx)} (project "
                               "files, not a build output or cache)", subject=_show(t, ctx)))
    return out


def _empty_dir(path: str | None) -> bool:
    if path is None or P.has_glob(path):
        return False
    try:
        with os.scandir(path) as it:
            return next(it, None) is None
    except OSError:
        return False


def _remote_home_or_system(spec: str) -> str | None:
    """For ``host:PATH`` (``user@host:``, ``host::module`` aside): what a sync that deletes
    there would empty, when it is a home directory or a system folder (``host:``, ``host:~``,
    ``host:/home/u``, ``host:/``, ``host:/etc``), else None (``host:/var/www/app``)."""
    import posixpath

    if spec.startswith("rsync://") or "::" in spec:
        return None
    path = spec.split(":", 1)[1]
    if path in ("", ".", "./", "~", "~/") or (path.startswith("~") and "/" not in
                                              path.rstrip("/")):
        return "a home directory"
    if not path.startswith("/"):
        return None
    path = posixpath.normpath(path)
    if path.startswith("//"):
        path = "/" + path.lstrip("/")
    head = path.rpartition("/")[0]
    if head in ("/home", "/Users") or path in ("/root", "/home", "/Users"):
        return "a home directory"
    if path == "/" or path in P.SYSTEM_DIRS or any(path == t or path.startswith(t + "/")
                                                    for t in P.SYSTEM_TREES):
        return "a system folder"
    return None


def _same_git_dir(a: str | None, b: str | None) -> bool:
    if a is None or b is None or "/.git/" not in a or "/.git/" not in b:
        return False
    return a.split("/.git/", 1)[0] == b.split("/.git/", 1)[0]


def _mv(inv: Invocation, ctx: Context) -> list[Finding]:
    o = parse_opts(inv.args, _MV)
    if o.has("help", "version"):
        return []
    target_dir = o.value("target")
    if target_dir is not None:
        sources, dest = o.positionals, Word(target_dir)
    elif len(o.positionals) >= 2:
        sources, dest = o.positionals[:-1], o.positionals[-1]
    else:
        return []
    out: list[Finding] = []
    dest_path = None if dest.dynamic else ctx.resolve(dest.text, inv.cwd)
    if dest_path == "/dev/null":
        out.append(Finding("FS016", f"{_shown(inv)} moves "
                           f"{', '.join(w.text for w in sources)} onto /dev/null",
                           subject="/dev/null"))
    for w in _words(sources):
        t = target(w, inv, ctx)
        if t.cls != P.CRITICAL or _git_lock(t) or _project_root_or_entries(t, ctx):
            continue
        if _same_git_dir(t.path, dest_path):
            continue  # mv .git/hooks/x.sample .git/hooks/x
        out.append(Finding("FS015", f"{_shown(inv)} moves {_show(t, ctx)} away "
                           f"({reason(t.path, ctx)})", subject=_show(t, ctx)))
    return out


# -- writes: devices and truncating overwrites ---------------------------------------------

def _overwrites(inv: Invocation, name: str | None, ctx: Context) -> list[tuple[Word, str]]:
    """Paths emptied and rewritten by this invocation, with how (``>``, ``tee``, ``dd``,
    ``sort -o``, ``find -fprint``, or the copy, move or link that lands on an existing file)."""
    from railguard.shell.effects import replace_targets

    out: list[tuple[Word, str]] = []
    for w, how, source in replace_targets(inv):
        if source is None:
            out.append((w, how))
            continue
        if w.dynamic:
            continue
        path = ctx.resolve(w.text, inv.cwd)
        if path is None:
            continue
        if os.path.isdir(path) and not (name == "ln" and os.path.islink(path)):
            base = source.text.rstrip("/").rsplit("/", 1)[-1]
            if source.dynamic or not base or P.has_glob(base):
                continue
            w = Word(w.text.rstrip("/") + "/" + base)
            path = path.rstrip("/") + "/" + base
        if name in ("ln", "mv") and os.path.islink(path):
            continue  # only a link is replaced: what it pointed to stays
        if os.path.isdir(path):
            continue
        if os.path.lexists(path) or _home_settings(path, ctx):
            out.append((w, how))
    return out


def _home_settings(path: str, ctx: Context) -> bool:
    home = ctx.home
    return path.startswith(home + "/") and path[len(home) + 1 :] in _HOME_CRITICAL_FILES


#: install prefixes: a copy replacing a program there is asked about, not refused
_INSTALL_DIRS = ("/usr/local/", "/opt/homebrew/")


def _install_prefix(path: str, ctx: Context) -> bool:
    return path.startswith(_INSTALL_DIRS) or path.startswith(ctx.home + "/.local/bin/")


#: folders an archive must not be unpacked over: its members replace what is there
_UNPACK_ROOTS = frozenset({"/", "/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64",
                           "/boot", "/var", "/root", "/home", "/Users", "/System", "/Library",
                           "/private", "/private/etc", "/private/var"})


def _unpack_dest(inv: Invocation, name: str) -> str | None:
    """The folder ``tar -x`` / ``unzip`` unpacks into (as written), None when not unpacking."""
    words = [w.text for w in inv.args]
    if any(w.dynamic for w in inv.args if not w.text.startswith("-")) and name == "unzip":
        return None
    if name == "unzip":
        if any(t in ("-l", "-t", "-v", "-p", "-Z", "-z", "-h", "--help") for t in words):
            return None
        for i, t in enumerate(words):
            if t == "-d" and i + 1 < len(words):
                return words[i + 1]
            if t.startswith("-d") and len(t) > 2:
                return t[2:]
        return "."
    first = words[0] if words else ""
    cluster = first.lstrip("-") if first and not first.startswith("--") else ""
    extracting = "x" in cluster or any(t in ("--extract", "--get", "-x") or (
        t.startswith("-") and not t.startswith("--") and "x" in t[1:]
        and all(c.isalpha() for c in t[1:])) for t in words)
    if not extracting or any(t in ("--to-stdout", "-O", "--to-command") for t in words):
        return None
    dest = "."
    for i, t in enumerate(words):
        if t in ("-C", "--directory") and i + 1 < len(words):
            dest = words[i + 1]
        elif t.startswith("--directory="):
            dest = t.split("=", 1)[1]
    return dest


def _unpacks_over(inv: Invocation, name: str, ctx: Context) -> list[Finding]:
    dest = _unpack_dest(inv, name)
    if dest is None:
        return []
    path = ctx.resolve(dest, inv.cwd)
    if path is None:
        return []
    project = ctx.project
    parent_of_project = project is not None and project.startswith(path.rstrip("/") + "/")
    if path in _UNPACK_ROOTS or path == ctx.home or parent_of_project or \
            path.endswith("/.git") or ("/.git/" in path and not _git_editable(path + "/")):
        shown = ctx.rel(path)
        return [Finding("FS017", f"{_shown(inv)} unpacks an archive over {shown} "
                        f"({reason(path, ctx)}): each member replaces the existing file of "
                        "the same name", subject=shown)]
    return []


def _device_writes(inv: Invocation, name: str | None, ctx: Context) -> list[str]:
    from railguard.shell.effects import write_targets

    if name in ("chmod", "chown", "chgrp", "setfacl", "touch", "mkdir", "ln", "truncate"):
        words = [r.target for r in inv.redirects if r.writes and r.target is not None]
    else:
        words = write_targets(inv)
    out: list[str] = []
    for w in words:
        if w.dynamic or not w.text.startswith("/dev/"):
            continue
        path = ctx.resolve(w.text, inv.cwd)
        if path is not None and P.is_device(path) and path not in out:
            out.append(path)
    return out


def _edited_in_place(inv: Invocation, name: str | None) -> list[tuple[Word, str]]:
    """Files rewritten in place (``sed -i``, ``perl -pi``, ``gawk -i inplace``): harmless for
    ordinary files, but a critical one (``.git/HEAD``, a ref) is corrupted all the same."""
    if name in ("sed", "gsed", "perl", "ruby"):
        from railguard.shell.effects import write_targets

        how = "sed -i" if name in ("sed", "gsed") else f"{name} -i"
        return [(w, how) for w in write_targets(inv) if w not in [
            r.target for r in inv.redirects if r.target is not None]]
    if name in ("awk", "gawk"):
        texts = [w.text for w in inv.args]
        for i, t in enumerate(texts[:-1]):
            if t in ("-i", "--include") and texts[i + 1] in ("inplace", "inplace.awk"):
                rest = [w for w in inv.args[i + 2:] if not w.text.startswith("-")]
                return [(w, "gawk -i inplace") for w in rest[1:]]
    return []


def _git_editable(path: str) -> bool:
    """Files inside ``.git`` that people write by hand (hooks, info/exclude, messages)."""
    rest = path.split("/.git/", 1)[1] if "/.git/" in path else ""
    return rest.startswith(("hooks/", "info/")) or rest.endswith("_MSG") or \
        rest.endswith(".lock")


def _write_tool(path: str, tool: str, ctx: Context) -> list[Finding]:
    """The Write tool replaces a whole file, like ``>``."""
    if P.is_device(path):
        return [Finding("FS007", f"{tool} writes raw data to the device {path}", subject=path)]
    cls = _adjust(P.classify_abs(path, ctx.paths), path, ctx, False)
    shown = ctx.rel(path)
    if cls == P.CRITICAL and not _git_editable(path) and not path.startswith("/dev/"):
        return [Finding("FS017", f"{tool} replaces the whole of {shown} "
                        f"({reason(path, ctx)})", subject=shown)]
    if cls == P.OUTSIDE and os.path.isfile(path):
        return [Finding("FS018", f"{tool} replaces the whole of {shown}, a file outside the "
                        "project", subject=shown)]
    return []


def _unknown_device_writes(inv: Invocation, name: str | None) -> list[str]:
    """Write targets under /dev/ whose name is completed at run time (``of=/dev/sd$X``)."""
    from railguard.shell.effects import write_targets

    if name in ("chmod", "chown", "chgrp", "setfacl", "touch", "mkdir", "ln", "truncate"):
        words = [r.target for r in inv.redirects if r.writes and r.target is not None]
    else:
        words = write_targets(inv)
    return [w.text for w in words
            if w.dynamic and w.text.startswith("/dev/") and P.is_device(w.text.split("$")[0])]


def _writes(inv: Invocation, name: str | None, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for text in _unknown_device_writes(inv, name):
        out.append(Finding("FS009", f"{_shown(inv)} writes raw data to `{text}`, a device "
                           "named only at run time: if it is a disk, everything on it is "
                           "overwritten", subject=text))
    devices = _device_writes(inv, name, ctx)
    for path in devices:
        out.append(Finding("FS007", f"{_shown(inv)} writes raw data to the device {path}: "
                           "its file systems and everything on them are overwritten",
                           subject=path))
    if name in ("tar", "gtar", "bsdtar", "unzip"):
        out.extend(_unpacks_over(inv, name, ctx))
    for w, how in [*_overwrites(inv, name, ctx), *_edited_in_place(inv, name)]:
        if w.dynamic:
            continue
        t = target(w, inv, ctx)
        if t.path is None or t.path in devices or t.path.startswith("/dev/"):
            continue
        if t.cls == P.CRITICAL and how in ("cp", "mv", "install", "ln") and \
                _install_prefix(t.path, ctx):
            out.append(Finding("FS018", f"{_shown(inv)} replaces {_show(t, ctx)}, an installed "
                               "program", subject=_show(t, ctx)))
            continue
        if t.cls == P.CRITICAL:
            if _git_editable(t.path) or (how.endswith(("-i", "inplace")) and "/.git/" in t.path
                                         and t.path.endswith("/config")):
                continue  # git's config edited in place: asked about as such (SELF007)
            out.append(Finding("FS017", f"{_shown(inv)} overwrites {_show(t, ctx)} with `{how}` "
                               f"({reason(t.path, ctx)})", subject=_show(t, ctx)))
        elif t.cls == P.OUTSIDE and _kept(t.path, ctx):
            out.append(Finding("FS018", f"{_shown(inv)} overwrites {_show(t, ctx)} with `{how}`, "
                               "a file outside the project", subject=_show(t, ctx)))
        elif t.cls == P.INSIDE and not how.endswith(("-i", "inplace")):
            found = _databases(t, ctx)
            if found:
                out.append(_database_lost(inv, found, f"overwrites with `{how}`", ctx))
    return out


__all__ = ["RULES", "check", "expand_braces", "on_action"]
