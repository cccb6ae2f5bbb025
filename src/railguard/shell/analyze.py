"""Command text -> the Invocations that would run.

The tree-sitter bash grammar gives the structure (lists, pipelines, subshells, loops, functions,
substitutions, heredocs, redirections, quoting). This module walks it, evaluates each word as far
as it can be known statically, follows ``cd``/``pushd`` and simple variable assignments, and peels
off every wrapper that runs another command: ``sudo``, ``env``, ``timeout``, ``xargs``,
``find -exec``, ``sh -c``, ``eval``, ``ssh host cmd``, ``docker exec``, interpreters with inline
code, local scripts. What it cannot know becomes a :class:`Problem` that the ``shell`` rule pack
turns into an ask or a deny: nothing unknown is silently dropped.
"""

from __future__ import annotations

import os
import stat

from railguard.model import Invocation, Redirect, Word
from railguard.shell.options import (
    CONTAINER_GLOBAL_VALUED,
    Opts,
    OptSpec,
    subcommand,
    unknown_takes,
)
from railguard.shell.options import parse as parse_opts
from railguard.shell.paths import PathContext, is_device, resolve
from railguard.shell.treesitter import parser

TYPE_CHECKING = False
if not TYPE_CHECKING:
    from railguard.lazyre import re
if TYPE_CHECKING:
    import re
    from collections.abc import Callable
    from typing import Any

    from railguard.shell.find import Cond, FindCommand

    Node = Any

MAX_DEPTH = 8
MAX_SCRIPT_BYTES = 512 * 1024
MAX_LOOP_VALUES = 16
#: how deep calls of functions the command defines are followed into one another
MAX_CALL_DEPTH = 4

#: environment variables whose value is run as a shell command by the program they are set for
CODE_VARIABLES = frozenset({"GIT_SSH_COMMAND", "GIT_EDITOR", "GIT_PAGER", "GIT_EXTERNAL_DIFF",
                            "GIT_SEQUENCE_EDITOR", "EDITOR", "VISUAL", "PAGER", "PROMPT_COMMAND",
                            "GIT_ASKPASS", "SSH_ASKPASS", "GIT_PROXY_COMMAND", "MANPAGER",
                            "RSYNC_RSH", "LESSOPEN", "LESSCLOSE", "SUDO_ASKPASS"})
#: variables naming a file that a shell started with them reads as code first
STARTUP_VARIABLES = ("BASH_ENV", "ENV")
#: prompt strings: their command substitutions run when the prompt is shown (``PS4`` under
#: ``set -x``)
PROMPT_VARIABLES = frozenset({"PS0", "PS1", "PS2", "PS3", "PS4"})
SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh", "ash", "mksh", "yash", "busybox-sh",
                    "rbash", "ksh93", "pdksh", "oksh", "loksh", "posh", "fish", "tcsh", "csh",
                    "elvish", "xonsh", "nu", "oil", "osh", "ysh"})
#: shells whose language railguard cannot read: their code is asked about
FOREIGN_SHELLS = frozenset({"pwsh", "powershell", "powershell.exe", "pwsh.exe", "cmd", "cmd.exe"})
NETWORK_FETCHERS = frozenset(
    {"curl", "wget", "fetch", "http", "https", "xh", "aria2c", "nc", "ncat", "socat", "lwp-request",
     "httpie", "invoke-webrequest", "iwr", "gh"}
)
DECODERS = frozenset({"base64", "base32", "xxd", "openssl", "gunzip", "zcat", "uudecode", "rev",
                      "tr", "gzip", "bzip2", "xz", "zstd", "basenc", "python", "python3", "perl",
                      "node", "ruby", "printf"})


class Problem:
    """Something in a command that cannot be judged statically.

    ``kind``: ``parse`` (the text does not parse), ``dynamic_name`` (program name from an
    expansion), ``dynamic_code`` (``eval "$x"``, ``bash -c "$x"``, ``os.system(cmd)``),
    ``remote_code`` (code from the network into an interpreter), ``decoded_code`` (decoded or
    computed text into an interpreter), ``too_deep``, ``too_large``.
    """

    __slots__ = ("detail", "inv", "kind")

    def __init__(self, kind: str, detail: str, inv: Invocation | None = None) -> None:
        self.kind = kind
        self.detail = detail
        self.inv = inv

    def __repr__(self) -> str:
        return f"Problem({self.kind}, {self.detail!r})"


class Analysis:
    __slots__ = ("downloads", "files", "functions", "invocations", "problems")

    def __init__(self) -> None:
        self.invocations: list[Invocation] = []
        self.problems: list[Problem] = []
        #: names the command (or code nested in it) defines as shell functions
        self.functions: set[str] = set()
        #: files the command writes with content known before it runs (path -> text)
        self.files: dict[str, str] = {}
        #: files the command downloads (``curl -o x URL``)
        self.downloads: set[str] = set()


class State:
    """What the walker knows at one point of a script."""

    __slots__ = (
        "aliases",
        "arrays",
        "bodies",
        "cwd",
        "downloads",
        "dynamic_writes",
        "exported",
        "files",
        "funcs",
        "namerefs",
        "remote",
        "shaped",
        "unknown_files",
        "vars",
    )

    def __init__(
        self,
        cwd: str | None,
        vars: dict[str, str | None] | None = None,
        remote: bool = False,
        files: dict[str, str] | None = None,
        exported: dict[str, str] | None = None,
    ) -> None:
        self.cwd = cwd
        self.vars: dict[str, str | None] = vars if vars is not None else {}
        self.remote = remote
        #: files this same command writes with static content (``cat > x.sh <<EOF``)
        self.files: dict[str, str] = files if files is not None else {}
        #: variables exported to the commands that follow (``export HUSKY=0; git commit``)
        self.exported: dict[str, str] = exported if exported is not None else {}
        #: files this command downloads (``curl -o x.sh URL && ./x.sh``): shared like files
        self.downloads: set[str] = set()
        #: files this command writes with content not known statically: shared like files
        self.unknown_files: set[str] = set()
        #: files this command writes at paths known only at run time (``> "$D/x"``): shared
        #: like files
        self.dynamic_writes: set[str] = set()
        #: arrays (``a=(x y)``) and the positional parameters (``@``, after ``set --``); None:
        #: unknown elements. A name that is not here is unknown too.
        self.arrays: dict[str, list[str] | None] = {}
        #: aliases defined by the command (``alias x='...'``)
        self.aliases: dict[str, str] = {}
        #: functions defined by the command: the variables their body assigns, and whether it
        #: changes the working directory (a call makes those unknown)
        self.funcs: dict[str, tuple[frozenset[str], bool]] = {}
        #: their bodies, walked again at each call with the call's words as ``$@``
        self.bodies: dict[str, Node] = {}
        #: ``declare -n ref=target``: the variable each name refers to ("" when not known)
        self.namerefs: dict[str, str] = {}
        #: variables whose value is unknown (None in ``vars``) but whose folder is known
        #: (``tmp=$(mktemp -d)``): the dynamic text that stands for them, ``/tmp/$(mktemp)``
        self.shaped: dict[str, str] = {}

    def copy(self) -> State:
        st = State(self.cwd, dict(self.vars), self.remote, self.files, dict(self.exported))
        st.downloads = self.downloads
        st.unknown_files = self.unknown_files
        st.dynamic_writes = self.dynamic_writes
        st.arrays = dict(self.arrays)
        st.aliases = dict(self.aliases)
        st.funcs = dict(self.funcs)
        st.bodies = dict(self.bodies)
        st.namerefs = dict(self.namerefs)
        st.shaped = dict(self.shaped)
        return st


def _unescape_unquoted(raw: str) -> str:
    if "\\" not in raw:
        return raw
    out = []
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == "\\" and i + 1 < len(raw):
            if raw[i + 1] != "\n":
                out.append(raw[i + 1])
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _unescape_double(raw: str) -> str:
    if "\\" not in raw:
        return raw
    out = []
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == "\\" and i + 1 < len(raw) and raw[i + 1] in '"\\$`\n':
            if raw[i + 1] != "\n":
                out.append(raw[i + 1])
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _ansi_c(raw: str) -> str:
    from railguard.shell.inline import unescape

    body = raw[2:-1] if raw.startswith("$'") and raw.endswith("'") else raw
    return unescape(body)


def _unglob_word(raw: str) -> bool:
    """Does an unquoted word hold an unescaped glob character?"""
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == "\\":
            i += 2
            continue
        if c in "*?[":
            return True
        i += 1
    return False


MAX_BRACE_WORDS = 256


def _brace_mask(raw: str) -> list[bool]:
    """For each character of a word as written: True when it is unquoted literal text, where
    ``{ , }`` and ``..`` take part in brace expansion (not inside quotes, ``$(...)``, ``${...}``,
    backquotes, or after a backslash)."""
    n = len(raw)
    mask = [True] * n
    i = 0

    def close(j: int, opener: str, closer: str) -> int:
        depth = 0
        while j < n:
            c = raw[j]
            if c == "\\":
                j += 2
                continue
            if c == "'" and opener != "'":
                end = raw.find("'", j + 1)
                j = n if end < 0 else end + 1
                continue
            if c == opener:
                depth += 1
            elif c == closer:
                depth -= 1
                if depth == 0:
                    return j + 1
            j += 1
        return n

    while i < n:
        c = raw[i]
        end = i + 1
        if c == "\\":
            end = i + 2
        elif c == "'":
            e = raw.find("'", i + 1)
            end = n if e < 0 else e + 1
        elif c == "$" and i + 1 < n and raw[i + 1] == "'":
            j = i + 2
            while j < n and raw[j] != "'":
                j += 2 if raw[j] == "\\" else 1
            end = min(n, j + 1)
        elif c == '"' or (c == "$" and i + 1 < n and raw[i + 1] == '"'):
            j = i + (2 if c == "$" else 1)
            while j < n and raw[j] != '"':
                if raw[j] == "\\":
                    j += 2
                elif raw[j] == "$" and j + 1 < n and raw[j + 1] in "({":
                    j = close(j + 1, raw[j + 1], ")" if raw[j + 1] == "(" else "}")
                elif raw[j] == "`":
                    e = raw.find("`", j + 1)
                    j = n if e < 0 else e + 1
                else:
                    j += 1
            end = min(n, j + 1)
        elif c == "$" and i + 1 < n and raw[i + 1] in "({":
            end = close(i + 1, raw[i + 1], ")" if raw[i + 1] == "(" else "}")
        elif c == "`":
            e = raw.find("`", i + 1)
            end = n if e < 0 else e + 1
        else:
            i += 1
            continue
        for k in range(i, min(end, n)):
            mask[k] = False
        i = max(end, i + 1)
    return mask


def _brace_sequence(body: str) -> list[str] | None:
    """``a..e``, ``1..10``, ``01..10..3``: the words of a sequence expression."""
    parts = body.split("..")
    if len(parts) not in (2, 3):
        return None
    step = 1
    if len(parts) == 3:
        if not re.fullmatch(r"[-+]?\d+", parts[2]):
            return None
        step = abs(int(parts[2])) or 1
    a, b = parts[0], parts[1]
    if re.fullmatch(r"[-+]?\d+", a) and re.fullmatch(r"[-+]?\d+", b):
        x, y = int(a), int(b)
        padded = any(v.lstrip("-+").startswith("0") and len(v.lstrip("-+")) > 1 for v in (a, b))
        width = max(len(a), len(b)) if padded else 0
        if abs(y - x) // step + 1 > MAX_BRACE_WORDS:
            return [str(x)] * (MAX_BRACE_WORDS + 1)
        seq = range(x, y + 1, step) if x <= y else range(x, y - 1, -step)
        return [str(v).zfill(width) if width and v >= 0 else
                ("-" + str(-v).zfill(width - 1) if width else str(v)) for v in seq]
    if len(a) == 1 and len(b) == 1 and a.isascii() and b.isascii() and a.isalpha() \
            and b.isalpha():
        x, y = ord(a), ord(b)
        seq = range(x, y + 1, step) if x <= y else range(x, y - 1, -step)
        return [chr(v) for v in seq]
    return None


def brace_expand(raw: str) -> list[str] | None:
    """Bash brace expansion of one word as written (``r{m,}`` -> ``rm r``, ``{1..3}``):
    the forms it becomes, still as written (quotes kept), or None when it has nothing to
    expand. Quoted or escaped braces and ``${...}`` do not expand."""
    mask = _brace_mask(raw)
    out = _brace_forms(raw, mask)
    if out is None:
        return None
    return out


def _brace_forms(raw: str, mask: list[bool]) -> list[str] | None:
    n = len(raw)
    i = 0
    while i < n:
        if raw[i] != "{" or not mask[i] or (i and raw[i - 1] == "$" and mask[i - 1]):
            i += 1
            continue
        depth = 0
        commas: list[int] = []
        j = i
        close = -1
        while j < n:
            if mask[j]:
                if raw[j] == "{":
                    depth += 1
                elif raw[j] == "}":
                    depth -= 1
                    if depth == 0:
                        close = j
                        break
                elif raw[j] == "," and depth == 1:
                    commas.append(j)
            j += 1
        if close < 0:
            i += 1
            continue
        pre = raw[:i]
        post, post_mask = raw[close + 1 :], mask[close + 1 :]
        middles: list[str] | None = None
        if commas:
            bounds = [i, *commas, close]
            middles = []
            for k in range(len(bounds) - 1):
                a, b = bounds[k], bounds[k + 1]
                piece, piece_mask = raw[a + 1 : b], mask[a + 1 : b]
                middles.extend(_brace_forms(piece, piece_mask) or [piece])
                if len(middles) > MAX_BRACE_WORDS:
                    break
        elif all(mask[i + 1 : close]):
            middles = _brace_sequence(raw[i + 1 : close])
        if middles is None:
            i += 1
            continue
        tails = _brace_forms(post, post_mask) or [post]
        forms: list[str] = []
        for m in middles:
            for t in tails:
                forms.append(pre + m + t)
                if len(forms) > MAX_BRACE_WORDS:
                    return forms
        return forms
    return None


DEFAULT_IFS = " \t\n"
_IFS_WHITE = " \t\n"


def _split_ifs(text: str, ifs: str) -> tuple[list[str], bool, bool]:
    """Field splitting of an unquoted expansion's value, as bash does it.

    Returns the fields and whether the value starts / ends with a delimiter (which ends the
    field before it / starts a new one after it, in a word such as ``-rf${IFS}/x``).
    """
    if not ifs or not text:
        return ([text] if text else []), False, False
    white = "".join(c for c in ifs if c in _IFS_WHITE)
    lead = text[0] in ifs
    trail = text[-1] in ifs
    body = text.strip(white) if white else text
    fields: list[str] = []
    cur: list[str] = []
    i = 0
    n = len(body)
    while i < n:
        c = body[i]
        if c not in ifs:
            cur.append(c)
            i += 1
            continue
        # one delimiter: IFS white space around at most one other IFS character
        j = i
        while j < n and body[j] in white:
            j += 1
        if j < n and body[j] in ifs and body[j] not in white:
            j += 1
            while j < n and body[j] in white:
                j += 1
        elif c not in white:
            j = i + 1
        fields.append("".join(cur))
        cur = []
        i = j
    if cur:
        fields.append("".join(cur))
    return fields, lead, trail


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


# --- wrapper option specs -------------------------------------------------------------------

_SUDO = OptSpec(
    {"-s": "shell", "-i": "login", "-e": "edit", "-l": "list", "-v": "validate", "-k": "k",
     "-K": "K", "-b": "bg", "-E": "E", "-H": "H", "-n": "n", "-P": "P", "-S": "S", "-A": "A",
     "-V": "version", "--shell": "shell", "--login": "login", "--edit": "edit", "--list": "list",
     "--preserve-env": "E", "--non-interactive": "n", "--stdin": "S", "--background": "bg",
     "--version": "version", "--help": "help", "-h": "help"},
    {"-u": "user", "-g": "group", "-p": "prompt", "-C": "close", "-D": "chdir", "-r": "role",
     "-t": "type", "-U": "other", "-T": "timeout", "-R": "chroot", "--user": "user",
     "--group": "group", "--prompt": "prompt", "--chdir": "chdir", "--role": "role",
     "--type": "type", "--other-user": "other", "--command-timeout": "timeout",
     "--chroot": "chroot", "--close-from": "close", "--host": "host"},
    stop_at_positional=True,
)
_DOAS = OptSpec({"-n": "n", "-s": "shell", "-L": "L"}, {"-u": "user", "-C": "config"},
                stop_at_positional=True)
_ENV = OptSpec(
    # the signal options take a value only after '=' (``--default-signal=INT``)
    {"-i": "ignore", "-0": "null", "-v": "debug", "--ignore-environment": "ignore",
     "--null": "null", "--debug": "debug", "-": "ignore", "--default-signal": "sig",
     "--ignore-signal": "sig", "--block-signal": "sig", "--list-signal-handling": "lsig"},
    {"-u": "unset", "--unset": "unset", "-C": "chdir", "--chdir": "chdir", "-S": "split",
     "--split-string": "split", "-P": "path", "-a": "argv0", "--argv0": "argv0"},
    stop_at_positional=True,
)
_SIMPLE_PREFIX = {
    "nohup": OptSpec(stop_at_positional=True),
    "unshare": OptSpec({}, {"--propagation": "p", "-S": "uid", "--setuid": "uid", "-G": "gid",
                            "--setgid": "gid", "-R": "root", "--root": "root", "-w": "wd",
                            "--wd": "wd", "--map-user": "mu", "--map-group": "mg",
                            "--setgroups": "sg", "--monotonic": "m", "--boottime": "b",
                            "--map-users": "mus", "--map-groups": "mgs"},
                       stop_at_positional=True),
    "systemd-run": OptSpec({}, {"-p": "p", "--property": "p", "-u": "unit", "--unit": "unit",
                                "--description": "d", "-E": "env", "--setenv": "env",
                                "--uid": "uid", "--gid": "gid", "--nice": "nice",
                                "--working-directory": "wd", "-M": "machine",
                                "--machine": "machine", "-H": "host", "--host": "host",
                                "--slice": "slice", "--on-active": "t", "--on-calendar": "t"},
                           stop_at_positional=True),
    "setpriv": OptSpec({}, {"--reuid": "u", "--regid": "g", "--groups": "gr",
                            "--inh-caps": "c", "--bounding-set": "b", "--securebits": "s",
                            "--selinux-label": "l", "--apparmor-profile": "a", "--ruid": "u",
                            "--euid": "u", "--rgid": "g", "--egid": "g", "--pdeathsig": "p",
                            "--ambient-caps": "c", "--landlock-access": "la",
                            "--landlock-rule": "lr", "--seccomp-filter": "sf",
                            "--ptracer": "pt"},
                       stop_at_positional=True),
    "firejail": OptSpec(stop_at_positional=True),
    "proxychains": OptSpec({"-q": "q"}, {"-f": "f"}, stop_at_positional=True),
    "proxychains4": OptSpec({"-q": "q"}, {"-f": "f"}, stop_at_positional=True),
    "torsocks": OptSpec(stop_at_positional=True),
    "chronic": OptSpec(stop_at_positional=True),
    "ts": OptSpec(stop_at_positional=True),
    "builtin": OptSpec(stop_at_positional=True),
    "noglob": OptSpec(stop_at_positional=True),
    "unbuffer": OptSpec(stop_at_positional=True),
    "setsid": OptSpec({"-c": "c", "-f": "f", "-w": "w"}, stop_at_positional=True),
    "time": OptSpec({"-p": "p", "-v": "v", "-a": "a", "-q": "q", "--portability": "p",
                     "--verbose": "v", "--append": "a", "--quiet": "q"},
                    {"-f": "f", "-o": "o", "--format": "f", "--output": "o"},
                    stop_at_positional=True),
    "nice": OptSpec({}, {"-n": "n", "--adjustment": "n"}, stop_at_positional=True),
    "ionice": OptSpec({"-t": "t"}, {"-c": "c", "-n": "n", "--class": "c", "--classdata": "n"},
                      stop_at_positional=True),
    "stdbuf": OptSpec({}, {"-i": "i", "-o": "o", "-e": "e", "--input": "i", "--output": "o",
                           "--error": "e"}, stop_at_positional=True),
    "chrt": OptSpec({"-b": "b", "-f": "f", "-i": "i", "-o": "o", "-r": "r", "-d": "d", "-e": "e",
                     "-a": "a", "-R": "R", "-v": "v", "-m": "m", "-p": "p"},
                    {"-T": "T", "-P": "P", "-D": "D"}, stop_at_positional=True),
    "gosu": OptSpec(stop_at_positional=True),
    "su-exec": OptSpec(stop_at_positional=True),
    "repeat": OptSpec(stop_at_positional=True),
    "taskset": OptSpec({"-a": "a", "-c": "c"}, {}, stop_at_positional=True),
    "caffeinate": OptSpec({"-d": "d", "-i": "i", "-m": "m", "-s": "s", "-u": "u"},
                          {"-t": "t", "-w": "w"}, stop_at_positional=True),
    "exec": OptSpec({"-c": "c", "-l": "l"}, {"-a": "a"}, stop_at_positional=True),
    "command": OptSpec({"-p": "p", "-v": "query", "-V": "query"}, stop_at_positional=True),
    "busybox": OptSpec(stop_at_positional=True),
    "toybox": OptSpec(stop_at_positional=True),
    "doas": _DOAS,
    "coproc": OptSpec(stop_at_positional=True),
    # chroot NEWROOT CMD: the command's paths are read as written (under a NEWROOT other
    # than ``/`` they name the same place inside it)
    "chroot": OptSpec({"--skip-chdir": "skip"}, {"--userspec": "user", "--groups": "groups"},
                      stop_at_positional=True),
    # zsh precommand modifiers
    "nocorrect": OptSpec(stop_at_positional=True),
    "-": OptSpec(stop_at_positional=True),
    # options with an optional value (``--quiet=attach``) take it only after '='
    "strace": OptSpec({f"-{c}": c for c in "cCdDfFhiknqrtTvVwxyzZ"} | {
                          "--follow-forks": "f", "--absolute-timestamps": "at", "--quiet": "qq",
                          "--decode-fds": "y", "--seccomp-bpf": "sb", "--summary-only": "c",
                          "--output-separately": "ff", "--relative-timestamps": "rt"},
                      {"-e": "e", "-o": "o", "-p": "p", "-s": "s", "-u": "u", "-a": "a",
                       "-b": "b", "-E": "E", "-I": "I", "-O": "O", "-P": "P", "-S": "S",
                       "-X": "X", "-U": "U", "--output": "o", "--attach": "p", "--user": "u",
                       "--env": "E", "--trace": "e", "--signal": "sig", "--string-limit": "s",
                       "--status": "st", "--trace-path": "P", "--columns": "a",
                       "--summary-sort-by": "S", "--syscall-limit": "sl"},
                      stop_at_positional=True),
    "ltrace": OptSpec({f"-{c}": c for c in "bcCfhirStTVw"},
                      {"-e": "e", "-o": "o", "-p": "p", "-s": "s", "-u": "u", "-a": "a",
                       "-A": "A", "-D": "D", "-F": "F", "-l": "l", "-n": "n", "-x": "x",
                       "-L": "L", "--output": "o", "--library": "l", "--indent": "n"},
                      stop_at_positional=True),
    "fakeroot": OptSpec({"-u": "u", "--unknown-is-real": "u"},
                        {"-l": "l", "--lib": "l", "--faked": "f", "-s": "s", "-i": "i",
                         "-b": "b"}, stop_at_positional=True),
    # -r/-w (--root/--wd) take a directory only when glued (``-r/x``, ``--root=/x``)
    "nsenter": OptSpec({f"-{c}": c for c in "muinpUCTaFZrw"} | {"--root": "root", "--wd": "wd"},
                       {"-t": "t", "--target": "t", "-S": "S", "--setuid": "S", "-G": "G",
                        "--setgid": "G", "-N": "N", "--user-parent": "up"},
                       stop_at_positional=True),
    "setarch": OptSpec({f"-{c}": c for c in "vRFLXBIZST3"} | {"--verbose": "v",
                        "--addr-no-randomize": "R", "--3gb": "3", "--uname-2.6": "u"},
                       stop_at_positional=True),
    "prlimit": OptSpec({"--verbose": "v", "--noheadings": "nh", "--raw": "raw"},
                       {"-p": "pid", "--pid": "pid", "-o": "o", "--output": "o"},
                       stop_at_positional=True),
    "sshpass": OptSpec({"-e": "e", "-v": "v", "-h": "h", "-V": "V"},
                       {"-p": "p", "-f": "f", "-d": "d", "-P": "P"}, stop_at_positional=True),
    # init processes, sandboxes, crash and display wrappers: each runs the command after its
    # options
    "catchsegv": OptSpec(stop_at_positional=True),
    "with-contenv": OptSpec(stop_at_positional=True),
    "dumb-init": OptSpec({"-c": "c", "--single-child": "c", "-v": "v", "--verbose": "v",
                          "-h": "h", "--help": "h", "-V": "V", "--version": "V"},
                         {"-r": "r", "--rewrite": "r"}, stop_at_positional=True),
    "tini": OptSpec({f"-{c}": c for c in "hsvwgl"} | {"--version": "V"}, {"-p": "p", "-e": "e"},
                    stop_at_positional=True),
    "xvfb-run": OptSpec({"-a": "a", "--auto-servernum": "a", "-h": "h", "--help": "h",
                         "-l": "l", "--listen-tcp": "l"},
                        {"-e": "e", "--error-file": "e", "-f": "f", "--auth-file": "f",
                         "-n": "n", "--server-num": "n", "-p": "p", "--xauth-protocol": "p",
                         "-s": "s", "--server-args": "s", "-w": "w", "--wait": "w"},
                        stop_at_positional=True),
    # its valued options take the value only after '=' (``--config-file=FILE``)
    "dbus-launch": OptSpec({f"--{n}": n for n in (
        "version", "help", "sh-syntax", "csh-syntax", "auto-syntax", "binary-syntax",
        "close-stderr", "exit-with-session", "exit-with-x11", "autolaunch", "config-file")},
        stop_at_positional=True),
    "proot": OptSpec({"-V": "V", "--version": "V", "--about": "V", "-h": "h", "--help": "h",
                      "--usage": "h", "-0": "0", "--root-id": "0", "--link2symlink": "l"},
                     {"-r": "r", "--rootfs": "r", "-b": "b", "--bind": "b", "-m": "b",
                      "--mount": "b", "-q": "q", "--qemu": "q", "-w": "w", "--pwd": "w",
                      "--cwd": "w", "-v": "v", "--verbose": "v", "-k": "k",
                      "--kernel-release": "k", "-i": "i", "--change-id": "i", "-R": "R",
                      "-S": "S"}, stop_at_positional=True),
    "chpst": OptSpec({f"-{c}": c for c in "vP012"}, {f"-{c}": c for c in "uUbe/CnlLmdopfcrt"},
                     stop_at_positional=True),
    "sandbox-exec": OptSpec({}, {"-f": "f", "-n": "n", "-p": "p", "-D": "D"},
                            stop_at_positional=True),
}
#: wrappers whose first operand is not the command: ``setarch ARCH CMD``, ``gosu USER CMD``,
#: ``repeat N CMD``, ``chrt POLICY-FLAGS PRIORITY CMD``, ``chroot NEWROOT CMD``
#: editors that run ex commands given on their command line
_EDITORS = frozenset({"vim", "vi", "nvim", "ex", "view", "gvim", "vimdiff", "nvi", "exim",
                      "mvim"})
#: Tcl interpreters: their code is not read here
_TCL = frozenset({"tclsh", "wish", "expect", "jimsh", *(f"tclsh8.{i}" for i in range(4, 8))})
#: builtins that take variable names (an array element's subscript is expanded) or evaluate
#: their arguments as arithmetic: every argument, or only the one after the option given
_NAME_TAKERS: dict[str, str | None] = {
    "read": None, "mapfile": None, "readarray": None, "let": None, "declare": None,
    "typeset": None, "local": None, "export": None, "readonly": None, "unset": None,
    "getopts": None, "printf": "-v", "test": "-v", "[": "-v", "wait": "-p"}
#: builtins that read ``NAME=(...)`` operands as compound array assignments
_DECLARERS = frozenset({"declare", "typeset", "local", "readonly", "export"})
_LEADING_OPERAND = frozenset({"setarch", "gosu", "su-exec", "repeat", "chrt", "chroot"})
_TIMEOUT = OptSpec(
    {"--foreground": "fg", "--preserve-status": "ps", "-v": "verbose", "--verbose": "verbose",
     "-f": "fg", "-p": "ps"},
    {"-s": "signal", "--signal": "signal", "-k": "kill", "--kill-after": "kill"},
    stop_at_positional=True,
)
#: kubectl's options before the sub-command that take a value
_KUBECTL_GLOBAL_VALUED = frozenset(
    """-n --namespace --context --cluster --user --kubeconfig -s --server --token --as
    --as-group --as-uid --certificate-authority --client-certificate --client-key
    --request-timeout --cache-dir -v --v --log-file --profile --profile-output --tls-server-name
    --password --username""".split()
)
_KUBECTL_EXEC = OptSpec(
    {"-i": "i", "-t": "t", "-q": "q", "--stdin": "i", "--tty": "t", "--quiet": "q"},
    {"-c": "container", "--container": "container", "-n": "ns", "--namespace": "ns",
     "-f": "file", "--filename": "file", "--pod-running-timeout": "prt"},
    stop_at_positional=True,
)
#: valgrind's options all glue their value (``--tool=none``); its first operand is the program
_VALGRIND = OptSpec(stop_at_positional=True)
_SSH_AGENT = OptSpec({"-c": "c", "-s": "s", "-D": "D", "-d": "d", "-k": "k"},
                     {"-a": "a", "-E": "E", "-t": "t", "-P": "P", "-O": "O"},
                     stop_at_positional=True)
_PERF = OptSpec(
    {f"-{c}": c for c in "adgBnqrsSvxNiA"},
    {"-e": "e", "--event": "e", "-p": "p", "--pid": "p", "-t": "t", "--tid": "t", "-C": "C",
     "--cpu": "C", "-G": "G", "--cgroup": "G", "-o": "o", "--output": "o", "-r": "r",
     "--repeat": "r", "-I": "I", "--interval-print": "I", "-x": "x", "--field-separator": "x",
     "-D": "D", "--delay": "D", "-M": "M", "--metrics": "M", "-F": "F", "--freq": "F",
     "-c": "c", "--count": "c", "-m": "m", "--mmap-pages": "m", "-u": "u", "--uid": "u",
     "--pre": "pre", "--post": "post", "--control": "ctl", "--call-graph": "cg",
     "--filter": "filter", "-b": "b", "--bpf-counters": "bpf"},
    stop_at_positional=True,
)
_FLOCK = OptSpec(
    {"-s": "s", "-x": "x", "-e": "x", "-u": "u", "-n": "n", "--nb": "n", "-o": "o", "-F": "F",
     "--shared": "s", "--exclusive": "x", "--unlock": "u", "--nonblock": "n", "--close": "o",
     "--no-fork": "F", "--verbose": "v", "--fcntl": "fcntl"},
    {"-w": "w", "--wait": "w", "--timeout": "w", "-E": "E", "--conflict-exit-code": "E"},
    stop_at_positional=True,
)
_WATCH = OptSpec(
    {"-d": "d", "-t": "t", "-x": "exec", "-g": "g", "-e": "e", "-b": "b", "-c": "c", "-p": "p",
     "-w": "w", "-r": "r", "-C": "C", "--exec": "exec", "--differences": "d",
     "--no-title": "t", "--chgexit": "g", "--errexit": "e", "--beep": "b", "--color": "c",
     "--precise": "p", "--no-wrap": "w"},
    {"-n": "n", "--interval": "n", "-q": "q", "--equexit": "q"},
    stop_at_positional=True,
)
_SSH = OptSpec(
    {},
    {f"-{c}": c for c in "bcDEeFIiJLlmOopQRSWwB"},
    stop_at_positional=True,
)
_DOCKER_EXEC = OptSpec(
    {"-i": "i", "-t": "t", "-d": "d", "--privileged": "priv", "--interactive": "i",
     "--tty": "t", "--detach": "d"},
    {"-e": "env", "--env": "env", "--env-file": "envfile", "-u": "user", "--user": "user",
     "-w": "workdir", "--workdir": "workdir", "--detach-keys": "dk"},
    stop_at_positional=True,
)
_SHELL = OptSpec(
    {"-c": "command", "-s": "stdin", "-i": "interactive", "-l": "login", "-e": "e", "-x": "x",
     "-u": "u", "-v": "v", "-n": "noexec", "-a": "a", "-f": "f", "-h": "h", "-m": "m",
     "-p": "p", "-r": "r", "-t": "t", "-B": "B", "-C": "C", "-E": "E", "-H": "H", "-P": "P",
     "-T": "T", "--login": "login", "--norc": "norc", "--noprofile": "noprofile",
     "--posix": "posix", "--restricted": "r", "--verbose": "v", "--noediting": "ne",
     "--debugger": "dbg", "--dump-strings": "ds", "--pretty-print": "noexec"},
    {"-o": "o", "-O": "O", "+o": "o", "--rcfile": "rcfile", "--init-file": "rcfile"},
)
#: programs that change a file's metadata, not its content
_KEEPS_CONTENT = frozenset({"chmod", "chown", "chgrp", "setfacl", "mkdir", "touch", "truncate"})
_CURL = OptSpec(
    {"-O": "remote_name", "--remote-name": "remote_name", "--remote-name-all": "remote_name"},
    {"-o": "output", "--output": "output", "--output-dir": "dir", "-A": "v", "-b": "v",
     "-c": "v", "-C": "v", "-d": "v", "-D": "v", "-e": "v", "-E": "v", "-F": "v", "-H": "v",
     "-K": "v", "-m": "v", "-P": "v", "-Q": "v", "-r": "v", "-t": "v", "-T": "v", "-u": "v",
     "-U": "v", "-w": "v", "-x": "v", "-X": "v", "-y": "v", "-Y": "v", "-z": "v",
     "--url": "url", "--data": "v", "--data-binary": "v", "--data-raw": "v", "--header": "v",
     "--user": "v", "--request": "v", "--user-agent": "v", "--referer": "v", "--cookie": "v",
     "--cookie-jar": "v", "--max-time": "v", "--connect-timeout": "v", "--retry": "v",
     "--proxy": "v", "--form": "v", "--upload-file": "v", "--write-out": "v", "--cert": "v",
     "--key": "v", "--cacert": "v", "--config": "v", "--dump-header": "v", "--range": "v",
     "--resolve": "v", "--interface": "v", "--limit-rate": "v", "--retry-delay": "v"},
)
_DOWNLOADERS = {
    "curl": _CURL,
    "wget": OptSpec(
        {},
        {"-O": "output", "--output-document": "output", "-P": "dir",
         "--directory-prefix": "dir", "-o": "v", "-a": "v", "-i": "v", "-t": "v", "-T": "v",
         "-w": "v", "-U": "v", "-e": "v", "-l": "v", "-A": "v", "-R": "v", "-D": "v",
         "-I": "v", "-X": "v", "-Q": "v", "-B": "v", "--header": "v", "--user-agent": "v",
         "--tries": "v", "--timeout": "v", "--user": "v", "--password": "v",
         "--output-file": "v", "--append-output": "v", "--input-file": "v"},
    ),
    "aria2c": OptSpec(
        {},
        {"-o": "output", "--out": "output", "-d": "dir", "--dir": "dir", "-i": "v", "-x": "v",
         "-s": "v", "-j": "v", "-k": "v", "-l": "v", "-t": "v", "-m": "v", "-U": "v",
         "--header": "v", "--input-file": "v", "--log": "v"},
    ),
}
_LAUNCHERS = {
    # launcher -> (subcommand words that must follow, option spec)
    "npx": ((), OptSpec({"-y": "y", "--yes": "y", "--no": "no", "-q": "q", "--quiet": "q",
                         "--no-install": "ni", "--ignore-existing": "ie"},
                        {"-p": "package", "--package": "package", "-c": "call", "--call": "call"},
                        stop_at_positional=True)),
    "pnpx": ((), OptSpec(stop_at_positional=True)),
    "bunx": ((), OptSpec({"--bun": "bun"}, {"-p": "package", "--package": "package"},
                         stop_at_positional=True)),
    "pnpm": (("dlx", "exec"), OptSpec(stop_at_positional=True)),
    "yarn": (("dlx", "exec"), OptSpec(stop_at_positional=True)),
    "npm": (("exec", "x"), OptSpec({"-y": "y", "--yes": "y"}, {"-p": "package",
                                    "--package": "package", "-c": "call", "--call": "call"},
                                   stop_at_positional=True)),
    "bundle": (("exec",), OptSpec(stop_at_positional=True)),
    "poetry": (("run",), OptSpec(stop_at_positional=True)),
    "pipenv": (("run",), OptSpec(stop_at_positional=True)),
    "uv": (("run",), OptSpec({"--no-project": "np", "--isolated": "iso", "-q": "q",
                              "--frozen": "fr", "--locked": "lk", "--no-sync": "ns",
                              "--script": "script", "-s": "script"},
                             {"--with": "with", "-p": "python", "--python": "python",
                              "--project": "project", "--directory": "dir", "--env-file": "ef",
                              "--extra": "extra", "--group": "group", "--package": "pkg"},
                             stop_at_positional=True)),
    "uvx": ((), OptSpec({}, {"--with": "with", "--from": "from", "-p": "python",
                             "--python": "python"}, stop_at_positional=True)),
    "pipx": (("run",), OptSpec({}, {"--spec": "spec"}, stop_at_positional=True)),
    "direnv": (("exec",), OptSpec(stop_at_positional=True)),
    "mise": (("exec", "x"), OptSpec({"--raw": "raw", "-q": "q", "--quiet": "q", "-v": "v",
                                     "--verbose": "v", "-y": "y", "--yes": "y"},
                                    {"-C": "cd", "--cd": "cd", "-j": "j", "--jobs": "j",
                                     "-E": "env", "--env": "env", "-c": "call",
                                     "--command": "call"}, stop_at_positional=True)),
    "conda": (("run",), OptSpec({"--no-capture-output": "nc", "--live-stream": "ls",
                                 "-v": "v", "--verbose": "v", "--debug-wrapper-scripts": "d"},
                                {"-n": "name", "--name": "name", "-p": "prefix",
                                 "--prefix": "prefix", "--cwd": "cwd"}, stop_at_positional=True)),
    "mamba": (("run",), OptSpec({"--no-capture-output": "nc", "--live-stream": "ls"},
                                {"-n": "name", "--name": "name", "-p": "prefix",
                                 "--prefix": "prefix", "--cwd": "cwd"}, stop_at_positional=True)),
    "micromamba": (("run",), OptSpec({"--no-capture-output": "nc"},
                                     {"-n": "name", "--name": "name", "-p": "prefix",
                                      "--prefix": "prefix", "--cwd": "cwd"},
                                     stop_at_positional=True)),
    "pdm": (("run",), OptSpec({"-l": "list", "--list": "list", "-s": "site", "--json": "json",
                               "--site-packages": "site", "-r": "recreate",
                               "--recreate": "recreate", "-g": "global", "--global": "global",
                               "-v": "v", "-q": "q"},
                              {"-p": "project", "--project": "project", "--venv": "venv"},
                              stop_at_positional=True)),
    "hatch": (("run",), OptSpec({}, {"-e": "env", "--env": "env", "-i": "include",
                                     "--include": "include", "-x": "exclude",
                                     "--exclude": "exclude", "--filter": "filter"},
                                stop_at_positional=True)),
    "rye": (("run",), OptSpec(stop_at_positional=True)),
    "nix": (("develop", "shell"), OptSpec({"-i": "i", "--ignore-environment": "i"},
                                          {"-c": "command", "--command": "command",
                                           "-k": "keep", "--keep": "keep"},
                                          stop_at_positional=True)),
    "devbox": (("run",), OptSpec(stop_at_positional=True)),
    "rtk": ((), OptSpec(stop_at_positional=True)),
    # version managers: ``pyenv exec python x.py`` runs the command with the chosen version
    **{tool: (("exec",), OptSpec(stop_at_positional=True))
       for tool in ("asdf", "pyenv", "rbenv", "nodenv", "goenv", "jenv", "plenv", "phpenv")},
    "volta": (("run",), OptSpec({"--bundled-npm": "bn", "--no-yarn": "ny", "--verbose": "v",
                                 "--quiet": "q"},
                                {"--node": "node", "--npm": "npm", "--pnpm": "pnpm",
                                 "--yarn": "yarn", "--env": "env"}, stop_at_positional=True)),
    "fnm": (("exec",), OptSpec({"--using-file": "uf", "--corepack-enabled": "ce",
                                "--resolve-engines": "re"},
                               {"--using": "using", "--node-dist-mirror": "m", "--fnm-dir": "d",
                                "--log-level": "l", "--arch": "a",
                                "--version-file-strategy": "s"}, stop_at_positional=True)),
}
#: credential wrappers: ``aws-vault exec PROFILE [opts] -- CMD``
_CRED_WRAPPERS = frozenset({"aws-vault", "aws-sso", "aws-okta", "saml2aws", "granted",
                            "op", "doppler", "infisical", "teller", "chamber", "dotenv",
                            "sops"})


#: programs whose files ``shell.buildtools`` reads (its TOOLS; kept here so that the common
#: path does not import it, and checked against it by a test)
_BUILD_TOOLS = frozenset({"make", "gmake", "npm", "yarn", "pnpm", "bun", "just"})

#: programs whose inline code or scripts ``shell.inline`` reads (its INTERPRETERS table; kept
#: here so that the common path does not import it, and checked against it by a test)
INTERPRETER_NAMES = frozenset(
    ["python", "python2", "python3", "pypy", "pypy3", *(f"python3.{i}" for i in range(6, 16)),
     "node", "nodejs", "bun", "deno", "perl", "ruby", "php", "awk", "gawk", "mawk", "nawk",
     "tsx", "ts-node", "ts-node-esm", "ts-node-script", "zx", "esno", "vite-node",
     "babel-node",
     "busybox-awk", "lua", "luajit", "lua5.1", "lua5.2", "lua5.3", "lua5.4", "rscript", "r"]
)

# --- programs that run a command named in an option or an operand --------------------------

_NETCATS = frozenset({"nc", "ncat", "netcat", "nc.traditional", "nc.openbsd"})
#: emacs and emacsclient, versioned or built for a toolkit (compiled on first use)
_EMACS = r"x?emacs(?:client)?(?:-?\d[\d.]*)?(?:-nox|-gtk|-lucid|-pgtk)?"
_RUNS_FROM_OPTIONS = frozenset({"rg", "sort", "zip", "tcpdump", "socat", "apt", "apt-get",
                                "aptitude", "dpkg", *_NETCATS})

# --- programs not known here that are handed a program's name ------------------------------

#: the programs the filesystem pack judges (its row in the registry wakes it for every shell
#: call, so it lists none) and the writers whose targets are guarded
_FS_PROGRAMS = frozenset(
    """rm rmdir unlink rimraf shred dd truncate chmod chown chgrp chattr setfacl mv cp ln install
    tee rsync find crontab mkfs mke2fs mkswap wipefs fdisk sfdisk cfdisk gdisk sgdisk parted
    blkdiscard mkdosfs mkntfs mkexfatfs newfs lvremove vgremove pvremove zpool zfs mdadm
    cryptsetup tar zip 7z unzip sed""".split()
)
#: test operators that are false when the file is missing (-s: also when it is empty, and an
#: empty file replaced loses nothing)
_EXISTS_TESTS = frozenset({"-e", "-a", "-f", "-s"})


def _mark_absent(invocations: list[Invocation], path: str) -> None:
    for inv in invocations:
        inv.absent = inv.absent | {path}


#: cloud and VM tools that run a command on another machine (shell.remote_shells)
_REMOTE_SHELL_TOOLS = frozenset({"gcloud", "aws", "heroku", "fly", "flyctl", "az", "doctl",
                                 "vagrant", "multipass", "lxc", "incus", "docker-machine"})
#: wrappers and runners that lead to other commands
_RUNNER_NAMES = frozenset({"sudo", "doas", "run0", "pkexec", "su", "runuser", "env", "xargs",
                           "parallel", "nohup", "timeout", "nice", "eval", "exec", "watch",
                           "flock", "setsid", "script", "tmux", "screen", "ssh"})
#: programs whose operands are names to look up, install, document, print or speak, never a
#: command they run (``brew install git``, ``man rm``, ``say rm``); shell builtins that take
#: names (``unalias rm``, ``set -- rm -rf x``); railguard itself (``railguard check -- CMD``
#: judges CMD)
_NEVER_RUN = frozenset(
    """railguard logger notify-send say spd-say espeak espeak-ng festival figlet toilet cowsay
    cowthink banner wall write lolcat boxes yes
    man info tldr tealdeer cheat whatis apropos help pydoc pydoc3 perldoc ri
    which whereis type hash whence where locate plocate mlocate kill killall pkill pgrep pidof
    apt apt-get aptitude apt-cache apt-file dpkg dpkg-query dnf yum zypper pacman yay paru apk
    brew port pkg pkgin emerge xbps-install opkg snap flatpak nix-env choco scoop winget pip
    pip3 pipx gem cpan cpanm luarocks composer conda mamba micromamba
    ugrep ug rga zgrep zegrep zfgrep bzgrep xzgrep lzgrep zstdgrep pdfgrep pcregrep pcre2grep
    ggrep sift pt agrep look
    code subl nano gedit open xdg-open
    [[ set shift shopt ulimit umask wait jobs fg bg disown getopts bind enable caller return
    exit unset unalias complete compopt times""".split()
)
#: programs handled by name in ``_Walk._unwrap_once`` (besides the tables above)
_HANDLED = frozenset(
    """sudo doas run0 pkexec sudoedit env timeout flock watch xargs parallel sem find eval
    source . su runuser sg mapfile readarray compgen trap less more man git script tmux screen
    nix-shell at batch fd fdfind sops ssh scp sftp rsync autossh docker podman nerdctl
    docker-compose podman-compose kubectl oc tar gdb start-stop-daemon valgrind ssh-agent perf
    busybox toybox sed gsed bwrap arch lvm scl dotenv strace ltrace""".split()
)
_RUNNABLE: frozenset[str] | None = None


def runnable_names() -> frozenset[str]:
    """The program names that, as an operand of a program not known here, make the words from
    there on a command it may run: the programs some rule pack checks (the registry's table),
    what the filesystem pack judges, and what runs other commands (wrappers, shells,
    interpreters, build tools), since those lead to the others. Built on first use."""
    global _RUNNABLE
    if _RUNNABLE is None:
        from railguard.rules import PACK_TABLE

        checked = {p for info in PACK_TABLE.values() for p in (info.programs or ())}
        # one-letter names (R's ``r``) are too often something else
        _RUNNABLE = frozenset(n for n in (*checked, *_FS_PROGRAMS, *_RUNNER_NAMES, *SHELLS,
                                          *INTERPRETER_NAMES, *_BUILD_TOOLS) if len(n) > 1)
    return _RUNNABLE


def _names_runnable(w: Word) -> bool:
    """Is the word the name (or the absolute path) of a program in ``runnable_names``?"""
    t = w.text
    if w.dynamic or not t or t.startswith("-"):
        return False
    if "/" in t:
        if not t.startswith("/"):
            return False
        t = t.rsplit("/", 1)[1]
    t = t.lower()
    return t in runnable_names() or t.split(".", 1)[0] == "mkfs"


def known_program(name: str) -> bool:
    """Does railguard know what ``name`` does with its operands: a program a rule pack checks,
    one that only reads or prints, or one this module reads the commands of?"""
    if (name in _HANDLED or name in _NEVER_RUN or name in _SIMPLE_PREFIX or name in _LAUNCHERS
            or name in _CRED_WRAPPERS or name in SHELLS or name in FOREIGN_SHELLS
            or name in INTERPRETER_NAMES or name in _BUILD_TOOLS or name in _EDITORS
            or name in _TCL or name in _NAME_TAKERS or name in _RUNS_FROM_OPTIONS
            or name in _REMOTE_SHELL_TOOLS or name in runnable_names()
            or re.fullmatch(_EMACS, name)):
        return True
    from railguard.engine import READ_ONLY
    from railguard.rules import PACK_TABLE, wants

    return name in READ_ONLY or any(info.programs and wants(pack, name)
                                    for pack, info in PACK_TABLE.items())


class Analyzer:
    """Turns command text into Invocations. One per decision; not thread-safe."""

    def __init__(self, paths: PathContext, *, read_scripts: bool = True) -> None:
        self.paths = paths
        self.home = paths.home
        self.read_scripts = read_scripts
        self.out = Analysis()
        self._scripts_seen: set[str] = set()
        #: build-tool calls already read (a recipe that runs the same make again)
        self.build_seen: set[tuple[str, str, tuple[str, ...]]] = set()
        #: the functions of the command being called, innermost last
        self.calling: list[str] = []

    # -- entry points ------------------------------------------------------------------------

    def run(self, command: str, cwd: str | None) -> Analysis:
        st = State(cwd)
        self.code(command, st, 0, ())
        self.out.files = st.files
        self.out.downloads = st.downloads
        return self.out

    def code(self, text: str, st: State, depth: int, via: tuple[str, ...],
             remote: bool = False) -> list[Invocation]:
        """Analyse shell code (a command line, a ``-c`` string, a script body)."""
        if depth > MAX_DEPTH:
            self.out.problems.append(Problem("too_deep", "commands nested too deeply to follow"))
            return []
        data = text.encode("utf-8", "surrogatepass")
        tree = parser().parse(data)
        root = tree.root_node
        if b"coproc" in data:
            # the grammar does not know ``coproc [NAME] COMMAND``: the keyword (and the name
            # before a compound command) is blanked out and the rest read as the command it runs
            blanked = _blank_coproc(data, root)
            if blanked != data:
                data = blanked
                root = parser().parse(data).root_node
        if root.has_error:
            self.out.problems.append(Problem("parse", _first_error(root, data)))
        ctx = _Walk(self, st, depth, via, remote)
        return ctx.stmt(root)

    def add(self, inv: Invocation) -> None:
        self.out.invocations.append(inv)

    def problem(self, kind: str, detail: str, inv: Invocation | None = None) -> None:
        self.out.problems.append(Problem(kind, detail, inv))

    def read_script(self, path: str, *, remember: bool = True,
                    runs: bool = True) -> str | None:
        """The text of a file read as code (None: unreadable, a binary, too large). A file too
        large to check is a problem when it ``runs``; a copy (``cp big.txt x``) is only read
        in case the copy is run later, which then cannot be judged."""
        if not self.read_scripts or path in self._scripts_seen:
            return None
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                return None  # never read a FIFO, a device or a descriptor of this process
            with open(path, "rb") as fh:
                data = fh.read(MAX_SCRIPT_BYTES + 1)
        except OSError:
            return None
        if b"\0" in data[:8192]:
            return None  # a binary: nothing to read
        if len(data) > MAX_SCRIPT_BYTES:
            if runs:
                self.problem("too_large", f"script {path} is too large to check")
            return None
        if remember:
            self._scripts_seen.add(path)
        return data.decode("utf-8", "replace")


#: ``coproc``'s NAME, before the compound command it names (compiled on first use)
_COMPOUND_AFTER_NAME = (
    rb"\s+[A-Za-z_][A-Za-z0-9_]*(?=\s*(?:[{(]|\[\[|(?:while|until|for|if|case|select)\b))")


def _blank_coproc(data: bytes, root: Node) -> bytes:
    """``coproc NAME { ...; }`` -> the same text with ``coproc NAME`` turned into spaces (every
    offset unchanged), wherever ``coproc`` stands as a command's name."""
    spans: list[tuple[int, int]] = []
    stack = [root]
    while stack:
        n = stack.pop()
        if n.type == "command_name" and n.text == b"coproc":
            end = n.end_byte
            m = re.compile(_COMPOUND_AFTER_NAME).match(data, end)
            if m is not None:
                end = m.end()
            spans.append((n.start_byte, end))
            continue
        stack.extend(n.children)
    if not spans:
        return data
    out = bytearray(data)
    for a, b in spans:
        out[a:b] = b" " * (b - a)
    return bytes(out)


def _first_error(root: Node, data: bytes) -> str:
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            line = node.start_point[0] + 1
            snippet = data[node.start_byte : node.start_byte + 40].decode("utf-8", "replace")
            if node.is_missing:
                return f"incomplete command (missing {node.type!r} near line {line})"
            return f"cannot parse near line {line}: {snippet.strip()!r}"
        stack.extend(reversed(node.children))
    return "cannot parse the command"


class _Walk:
    """One walk over one parse tree."""

    def __init__(self, an: Analyzer, st: State, depth: int, via: tuple[str, ...],
                 remote: bool) -> None:
        self.an = an
        self.st = st
        self.depth = depth
        self.via = via
        self.remote = remote
        #: nodes that follow a heredoc start on its line, to walk after the command
        self.trailing: list[Node] = []
        #: words that follow a redirect target (arguments of the command, in order)
        self.spilled: list[Word] = []
        #: redirects written after a heredoc start (``cat <<EOF > out.txt``)
        self.spilled_redirects: list[Redirect] = []

    # -- statements --------------------------------------------------------------------------

    def stmt(self, node: Node, pipe_from: list[Invocation] | None = None) -> list[Invocation]:
        t = node.type
        if t == "list" and len(node.named_children) == 2 and len(node.children) == 3:
            # ``[ -f .env ] || cp .env.example .env``: the right side runs only when the
            # file is missing, so it replaces nothing there
            left, right = node.named_children
            op = node.children[1].type
            guard = self._existence_test(left)
            first = self.stmt(left)
            then = self.stmt(right)
            if guard is not None and guard[1] == (op == "&&") and op in ("&&", "||"):
                _mark_absent(then, guard[0])
            return first + then
        if t in ("program", "list", "compound_statement", "do_group", "else_clause",
                 "elif_clause", "ERROR"):
            out: list[Invocation] = []
            for child in node.named_children:
                out.extend(self.stmt(child))
            return out
        if t == "command":
            return self.command(node, [], None, pipe_from or [])
        if t == "redirected_statement":
            return self.redirected(node, pipe_from or [])
        if t == "pipeline":
            return self.pipeline(node)
        if t == "subshell":
            saved = self.st
            self.st = saved.copy()
            try:
                return [i for c in node.named_children for i in self.stmt(c)]
            finally:
                self.st = saved
        if t == "variable_assignment":
            self.assign(node, self.st.vars)
            return []
        if t == "variable_assignments":
            for c in node.named_children:
                self.assign(c, self.st.vars)
            return []
        if t == "declaration_command":
            keyword = _text(node.children[0]) if node.children else ""
            words = [_text(c) for c in node.named_children if c.type == "word"]
            exported = keyword == "export" or (keyword in ("declare", "typeset", "local")
                                                and any(w.startswith("-") and "x" in w
                                                        for w in words))
            nameref = keyword in ("declare", "typeset", "local") and any(
                w.startswith("-") and "n" in w for w in words)
            for c in node.named_children:
                if c.type == "variable_assignment" and nameref:
                    # ``declare -n ref=target``: ref is another name for target
                    ref_node = c.child_by_field_name("name")
                    target_node = c.child_by_field_name("value")
                    target = self.word(target_node) if target_node is not None else Word("")
                    ref = _text(ref_node) if ref_node is not None else ""
                    known = not target.dynamic and target.text.isidentifier()
                    self.st.namerefs[ref] = target.text if known else ""
                    self.st.vars.pop(ref, None)
                    self.st.shaped.pop(ref, None)
                    self.st.arrays.pop(ref, None)
                    continue
                if c.type == "variable_assignment":
                    name, value = self.assign(c, self.st.vars)
                    if exported:
                        self.st.exported[name] = value if value is not None else "$" + name
                        self._code_in_env(name, value)
                else:
                    w = self.word(c)
                    if not w.dynamic:
                        self.subscript_code(w.text, keyword)
                        self.compound_text(w.text, keyword)
            return []
        if t == "unset_command":
            for c in node.named_children:
                w = self.word(c)
                if not w.dynamic:
                    self.subscript_code(w.text, "unset")
                self.st.vars.pop(_text(c), None)
                self.st.shaped.pop(_text(c), None)
            return []
        if t == "for_statement":
            return self.for_loop(node)
        if t in ("if_statement", "case_statement", "while_statement", "c_style_for_statement"):
            return self.branches(node)
        if t == "function_definition":
            body = node.child_by_field_name("body")
            name_node = node.child_by_field_name("name")
            saved = self.st
            self.st = saved.copy()
            try:
                invs = self.stmt(body) if body is not None else []
                inner = self.st
            finally:
                self.st = saved
            self.an.out.functions.add(_text(name_node) if name_node is not None else "")
            if name_node is not None:
                # a call runs the body in this shell: its assignments and ``cd`` stay
                saved.funcs[_text(name_node)] = (frozenset(_changed_vars(saved, inner)),
                                                  inner.cwd != saved.cwd)
                if body is not None:
                    saved.bodies[_text(name_node)] = body
            return invs
        if t == "negated_command":
            return [i for c in node.named_children for i in self.stmt(c)]
        if t in ("comment", "heredoc_body", "heredoc_start", "heredoc_end"):
            return []
        if t == "test_command":
            self.scan_substitutions(node)
            return []
        # anything else: look inside for commands
        out = []
        for child in node.named_children:
            out.extend(self.stmt(child))
        return out

    def _existence_test(self, node: Node) -> tuple[str, bool] | None:
        """``[ -f P ]``, ``[[ ! -e P ]]``, ``test -s P``, ``! test -f P``: the resolved path P
        and whether the test succeeds when P is missing (True) or when it exists (False). -f
        and -s are false for a missing file too, so they count; other tests do not."""
        negated = False
        while node.type == "negated_command" and node.named_children:
            negated = not negated
            node = node.named_children[0]
        operand: Node | None = None
        if node.type == "test_command" and len(node.named_children) == 1:
            expr = node.named_children[0]
            while expr.type == "unary_expression" and expr.children and \
                    expr.children[0].type == "!" and len(expr.named_children) == 1:
                negated = not negated
                expr = expr.named_children[0]
            if expr.type == "unary_expression" and len(expr.named_children) == 2 and \
                    expr.named_children[0].type == "test_operator" and \
                    _text(expr.named_children[0]) in _EXISTS_TESTS:
                operand = expr.named_children[1]
        elif node.type == "command":
            parts = [c for c in node.named_children if c.type != "comment"]
            if not parts or parts[0].type != "command_name":
                return None
            name = _text(parts[0])
            words = parts[1:]
            if name == "[" and words and _text(words[-1]) == "]":
                words = words[:-1]
            elif name != "test":
                return None
            while words and _text(words[0]) == "!":
                negated = not negated
                words = words[1:]
            if len(words) == 2 and _text(words[0]) in _EXISTS_TESTS:
                operand = words[1]
        if operand is None or self.remote or self.st.cwd is None:
            return None
        w = self.word(operand)
        if w.dynamic or w.glob or not w.text:
            return None
        path = resolve(w.text, self.st.cwd, self.an.home)
        return (path, negated) if path is not None else None

    def branches(self, node: Node) -> list[Invocation]:
        """if/case/while: every branch may run; a ``cd`` inside one makes cwd unknown after."""
        out: list[Invocation] = []
        start = self.st
        changed = False
        assigned: set[str] = set()
        # ``if [ ! -f .env ]; then cp ...; fi``: that branch runs only when the file is missing
        guard: tuple[str, bool] | None = None
        body_from = None
        if node.type == "if_statement":
            kinds = [c.type for c in node.children]
            if "then" in kinds:
                conds = [c for c in node.children[:kinds.index("then")] if c.is_named]
                if len(conds) == 1:
                    guard = self._existence_test(conds[0])
                    body_from = node.children[kinds.index("then")].end_byte
        for child in node.named_children:
            self.st = start.copy()
            found = self.stmt(child)
            if guard is not None and body_from is not None and child.start_byte >= body_from:
                # the body runs when the test succeeds; else and elif when it fails
                if guard[1] != (child.type in ("else_clause", "elif_clause")):
                    _mark_absent(found, guard[0])
            out.extend(found)
            if self.st.cwd != start.cwd:
                changed = True
            assigned.update(_changed_vars(start, self.st))
            start.aliases.update(self.st.aliases)
            start.funcs.update(self.st.funcs)
        self.st = start
        if changed:
            self.st.cwd = None
        # a branch may or may not have run: what it assigned is not known afterwards
        _forget(self.st, assigned)
        return out

    def for_loop(self, node: Node) -> list[Invocation]:
        var = node.child_by_field_name("variable")
        body = node.child_by_field_name("body")
        values: list[Word] = []
        for i, child in enumerate(node.children):
            if node.field_name_for_child(i) == "value":
                values.extend(self.fields(child))
        name = _text(var) if var is not None else ""
        out: list[Invocation] = []
        if body is None:
            return out
        statics = self._loop_values(values)
        if statics is not None:
            self.st.shaped.pop(name, None)
            for v in statics:
                self.st.vars[name] = v
                out.extend(self.stmt(body))
        else:
            self.st.vars[name] = None
            self.st.shaped.pop(name, None)
            out.extend(self.stmt(body))
        return out

    def _loop_values(self, values: list[Word]) -> list[str] | None:
        """The values a ``for`` loop takes, globs matched in the folder as bash matches them
        (``for f in .env*``: each secret file); None when they are not all known or too many."""
        out: list[str] = []
        for w in values:
            if w.dynamic:
                return None
            if not w.glob:
                out.append(w.text)
                continue
            if self.remote or self.st.cwd is None \
                    or sum(1 for part in w.text.split("/") if any(c in part for c in "*?[")) > 2:
                return None  # a walk over many folders (``/*/*/*``) is not listed here
            import glob
            import itertools

            try:
                found = sorted(itertools.islice(glob.iglob(w.text, root_dir=self.st.cwd),
                                                MAX_LOOP_VALUES + 1))
            except (OSError, ValueError):
                return None
            out.extend(found or [w.text])  # no match: bash keeps the pattern as written
            if len(out) > MAX_LOOP_VALUES:
                return None
        return out if 0 < len(out) <= MAX_LOOP_VALUES else None

    def pipeline(self, node: Node, redirects: list[Redirect] | None = None,
                 stdin_text: str | None = None) -> list[Invocation]:
        """A pipeline; ``redirects`` (written after it) belong to its last stage only: the
        grammar hangs ``a | b > f`` as a redirected pipeline, bash redirects ``b``."""
        out: list[Invocation] = []
        prev: list[Invocation] = []
        saved = self.st
        stages = node.named_children
        for k, child in enumerate(stages):
            self.st = saved.copy()
            if redirects is not None and k == len(stages) - 1:
                if child.type == "command":
                    stage = self.command(child, redirects, stdin_text, prev)
                else:
                    stage = self._redirect_compound(child, redirects, stdin_text, prev, child)
            else:
                stage = self.stmt(child, prev)
            out.extend(stage)
            if stage:
                for p in prev:
                    if p.pipe_to is None:
                        p.pipe_to = stage[0]
            prev = stage
        self.st = saved
        return out

    def redirected(self, node: Node, pipe_from: list[Invocation]) -> list[Invocation]:
        body = node.child_by_field_name("body")
        redirects: list[Redirect] = []
        stdin_text: str | None = None
        spilled_before = len(self.spilled)
        prev_end = None
        for i, child in enumerate(node.children):
            if prev_end is not None and child.start_byte > prev_end:
                # text the grammar dropped between two parts (``git commit -F - <<EOF`` loses
                # the ``-``): keep its words as arguments
                gap = node.text[prev_end - node.start_byte : child.start_byte - node.start_byte]
                for piece in gap.decode("utf-8", "surrogateescape").split():
                    if piece != "\\":
                        self.spilled.append(Word(_unescape_unquoted(piece)))
            prev_end = child.end_byte
            if node.field_name_for_child(i) == "redirect" or child.type.endswith("_redirect"):
                r, text = self.redirect(child)
                if r is not None:
                    redirects.append(r)
                if text is not None:
                    stdin_text = text
                redirects.extend(self.spilled_redirects)
                self.spilled_redirects.clear()
        if body is None:
            if not redirects:
                return []
            holder = Invocation([Word(":")], cwd=self.st.cwd, redirects=redirects, via=self.via,
                                remote=self.remote, source=_text(node))
            self.an.add(holder)
            return [holder]
        trailing, self.trailing = self.trailing, []
        extra_args = self.spilled[spilled_before:]
        del self.spilled[spilled_before:]
        if body.type == "command":
            invs = self.command(body, redirects, stdin_text, pipe_from, extra_args)
        else:
            invs = self._redirect_compound(body, redirects, stdin_text, pipe_from, node)
        for extra in trailing:
            if extra.type == "pipeline":
                prev = invs
                saved = self.st
                for child in extra.named_children:
                    self.st = saved.copy()
                    prev = self.stmt(child, prev)
                    invs = invs + prev
                self.st = saved
            else:
                invs = invs + self.stmt(extra)
        return invs

    def _redirect_compound(self, body: Node, redirects: list[Redirect], stdin_text: str | None,
                           pipe_from: list[Invocation], node: Node) -> list[Invocation]:
        if body.type == "list" and (redirects or stdin_text is not None) \
                and len(body.named_children) >= 2:
            # the grammar hangs ``a && b > f`` as a redirected list; bash redirects ``b``, so
            # what b writes is in f for the commands after it (``&& sh f``)
            parts = body.named_children
            out: list[Invocation] = []
            for k, child in enumerate(parts[:-1]):
                out.extend(self.stmt(child, pipe_from if k == 0 else None))
            last = parts[-1]
            if last.type == "command":
                out.extend(self.command(last, redirects, stdin_text, []))
            else:
                out.extend(self._redirect_compound(last, redirects, stdin_text, [], node))
            return out
        if body.type == "pipeline" and (redirects or stdin_text is not None):
            invs = self.pipeline(body, redirects, stdin_text)
            if invs:
                return invs
        invs = self.stmt(body, pipe_from)
        for inv in invs:
            inv.redirects.extend(redirects)
            if stdin_text is not None and inv.stdin_text is None:
                inv.stdin_text = stdin_text
        if not invs and redirects:
            # ``> file`` alone, or a redirected compound with no command: keep the redirects
            holder = Invocation([Word(":")], cwd=self.st.cwd, redirects=redirects,
                                via=self.via, remote=self.remote, source=_text(node))
            self.an.add(holder)
            invs = [holder]
        return invs

    def redirect(self, node: Node) -> tuple[Redirect | None, str | None]:
        t = node.type
        if t == "heredoc_redirect":
            start = end = None
            for c in node.named_children:
                if c.type == "heredoc_start":
                    start = c
                elif c.type == "heredoc_end":
                    end = c
            quoted = start is not None and any(q in _text(start) for q in "'\"\\")
            if not quoted:
                # an unquoted heredoc expands ``$(...)`` in its body before anything reads it
                for c in node.named_children:
                    if c.type == "heredoc_body":
                        self.scan_substitutions(c)
            data: bytes = node.text
            base = node.start_byte
            line_end = len(data)
            if start is not None:
                nl = data.find(b"\n", start.end_byte - base)
                line_end = nl if nl >= 0 else len(data)
            # the body, from the source: the grammar mis-parses a first line that starts with
            # a backslash as words of the redirect
            stop = (end.start_byte - base) if end is not None else len(data)
            body = data[line_end + 1 : stop].decode("utf-8", "surrogateescape") \
                if line_end < stop else ""
            # what follows the heredoc start on its own line hangs under the redirect in the
            # tree: words are arguments of the command (``cat <<EOF file``), a pipeline or list
            # (``<<EOF | sh``, ``<<EOF && x``) is walked after the command itself
            for c in node.named_children:
                if c.type in ("heredoc_start", "heredoc_body", "heredoc_end"):
                    continue
                if c.start_byte - base >= line_end:
                    continue  # inside the body
                if c.type in ("word", "string", "raw_string", "concatenation",
                              "simple_expansion", "expansion", "number"):
                    self.spilled.append(self.word(c))
                elif c.type in ("file_redirect", "herestring_redirect"):
                    r, _ = self.redirect(c)
                    if r is not None:
                        self.spilled_redirects.append(r)
                else:
                    self.trailing.append(c)
            return None, body
        if t == "herestring_redirect":
            for c in node.named_children:
                w = self.word(c)
                return None, w.text
            return None, ""
        op = ""
        fd = None
        target = None
        for i, c in enumerate(node.children):
            field = node.field_name_for_child(i)
            if field == "descriptor" or c.type == "file_descriptor":
                fd = _text(c)
            elif field == "destination":
                if target is None:
                    target = self.word(c)
                else:
                    # ``cmd 2>/dev/null --hard``: the grammar hangs the words after a redirect
                    # under it; bash passes them to the command as arguments
                    self.spilled.append(self.word(c))
            elif not c.is_named:
                op += _text(c)
        return Redirect(op or ">", target, fd), None

    def assign(self, node: Node, into: dict[str, str | None]) -> tuple[str, str | None]:
        name_node = node.child_by_field_name("name")
        value_node = node.child_by_field_name("value")
        name = _text(name_node) if name_node is not None else ""
        if name_node is not None and name_node.type == "subscript":
            self.scan_substitutions(name_node)  # ``a[$(cmd)]=1`` runs cmd
        append = any(not c.is_named and _text(c) == "+=" for c in node.children)
        element = "[" in name
        if element:
            name = name.split("[", 1)[0]
        if into is self.st.vars and name in self.st.namerefs:
            target = self.st.namerefs[name]
            if not target or target in self.st.namerefs:
                # through a reference to a name not known here: any variable may change
                _forget(self.st, {ANY_VAR})
                return name, None
            name = target
        shaped: str | None = None
        if into is self.st.vars:
            self.st.shaped.pop(name, None)
        if value_node is not None and value_node.type == "array" and into is self.st.vars:
            words = [w for c in value_node.named_children for w in self.fields(c)]
            elements: list[str] | None = [w.text for w in words]
            if any(w.dynamic or w.glob for w in words):
                elements = None
            if append:
                before = self._array(name)
                elements = None if before is None or elements is None else before + elements
            self.st.arrays[name] = elements
            into[name] = elements[0] if elements else (None if elements is None else "")
            return name, into[name]
        if value_node is None:
            value: str | None = ""
        else:
            w = self.word(value_node)
            value = None if w.dynamic else w.text
            if w.dynamic and MKTEMP_MARK in w.text:
                shaped = w.text  # ``tmp=$(mktemp -d)``: unknown, but in a known folder
            if value is not None:
                self.subscript_code(value, "arithmetic")
                if name in PROMPT_VARIABLES and ("$(" in value or "`" in value):
                    self.an.code(": " + value, State(self.st.cwd, dict(self.st.vars),
                                                     self.remote, self.st.files),
                                 self.depth + 1, (*self.via, f"{name}="), self.remote)
        if append and value is not None:
            before_value = self.variable(name, "$" + name)
            value = None if before_value.dynamic else before_value.text + value
        if element:
            # ``a[1]=x``: one element changes; the array is no longer known element by element
            if into is self.st.vars:
                self.st.arrays[name] = None
            return name, into.get(name)
        if into is self.st.vars:
            self.st.arrays.pop(name, None)
            if shaped is not None and not append:
                self.st.shaped[name] = shaped
        into[name] = value
        return name, value

    def _code_in_env(self, name: str, value: str | None) -> None:
        """Variables whose value git or another tool runs as a shell command."""
        if name.startswith("BASH_FUNC_") and value is not None and value.startswith("()"):
            # an exported bash function: its body runs when the function is called
            value = value[2:]
        elif name not in CODE_VARIABLES or not value:
            return
        if name in ("LESSOPEN", "LESSCLOSE"):
            # ``|cmd %s``, ``||cmd %s``, ``-cmd %s``: a command, %s the file less opens
            value = value.lstrip("|-").replace("%s", "FILE")
        self.an.code(value, State(self.st.cwd, {}, self.remote, self.st.files), self.depth + 1,
                     (*self.via, f"{name}="), self.remote)

    def subscript_code(self, text: str, label: str) -> None:
        """An array element named in text that bash evaluates as a name or a number
        (``printf -v 'a[$(cmd)]'``, ``read``, ``test -v``, ``declare``, a value later used in
        ``$(( x ))``): the subscript is expanded, and a command substitution in it runs."""
        if "[" not in text or ("$(" not in text and "`" not in text):
            return
        m = re.search(r"[A-Za-z_][A-Za-z0-9_]*\[", text)
        if m is None:
            return
        inner = text[m.end():]
        if "$(" not in inner and "`" not in inner:
            return
        end = inner.rfind("]")
        inner = inner[:end] if end >= 0 else inner
        self.an.code(": " + inner, State(self.st.cwd, dict(self.st.vars), self.remote,
                                         self.st.files), self.depth + 1,
                     (*self.via, f"{label} subscript"), self.remote)

    def compound_text(self, text: str, label: str) -> None:
        """``declare -a "x=($(cmd))"``: declare reads a quoted ``NAME=(...)`` operand as a
        compound assignment, and the command substitutions in it run."""
        if ("$(" in text or "`" in text) and re.match(
                r"[A-Za-z_][A-Za-z0-9_]*(\[[^]]*\])?\+?=\(", text):
            self.an.code(text, State(self.st.cwd, dict(self.st.vars), self.remote,
                                     self.st.files), self.depth + 1, (*self.via, label),
                         self.remote)

    def scan_substitutions(self, node: Node) -> None:
        """Analyse command substitutions anywhere below a node (they run)."""
        stack = [node]
        while stack:
            n = stack.pop()
            if n.type in ("command_substitution", "process_substitution"):
                self.substitution(n)
                continue
            stack.extend(n.named_children)

    # -- words -------------------------------------------------------------------------------

    def fields(self, node: Node) -> list[Word]:
        """The words one argument becomes: unquoted expansions are split on IFS, ``"$@"`` and
        ``"${a[@]}"`` become one word per element, an empty unquoted expansion disappears."""
        t = node.type
        if t in ("word", "concatenation", "brace_expression"):
            raw = _text(node)
            if "{" in raw and ("," in raw or ".." in raw):
                alts = brace_expand(raw)
                if alts is not None:
                    return self._brace_fields(raw, alts)
        if t in ("simple_expansion", "expansion"):
            parts = [node]
        elif t == "concatenation":
            parts = list(node.named_children)
            if not any(c.type in ("simple_expansion", "expansion") for c in parts) and not any(
                    c.type == "string" and self._elements(c) is not None for c in parts):
                return [self.word(node)]
        elif t == "string":
            elements = self._elements(node)
            if elements is None:
                return [self.word(node)]
            parts = [node]
        else:
            return [self.word(node)]
        ifs = self.st.vars.get("IFS", DEFAULT_IFS) if "IFS" in self.st.vars else DEFAULT_IFS
        out: list[Word] = []
        cur: list[str] = []
        dyn = glob = has = False
        subs: list[Invocation] = []

        def flush() -> None:
            nonlocal dyn, glob, has
            if has:
                _seal_mktemp(cur)
                text = "".join(cur)
                if not out and (text == "~" or text.startswith("~/")) and parts[0].type == "word":
                    text = self.an.home + text[1:]
                out.append(Word(text, dyn, glob, list(subs) or None))
            cur.clear()
            subs.clear()
            dyn = glob = has = False

        for c in parts:
            if c.type == "string":
                elements = self._elements(c)
                if elements is not None:
                    if elements and elements[0] is None:
                        w = self.word(c)
                        cur.append(w.text)
                        dyn = has = True
                        continue
                    for k, e in enumerate(elements):
                        if k:
                            flush()
                        cur.append(e or "")
                        has = True
                    continue
            if c.type in ("simple_expansion", "expansion"):
                values = self._values(c)
                if values is not None and ifs is None:
                    # IFS set to a value known only at run time: the split is unknown
                    cur.append(_text(c))
                    dyn = has = True
                    continue
                if values is not None:
                    for k, v in enumerate(values):
                        if k:
                            flush()
                        pieces, lead, trail = _split_ifs(v, ifs or "")
                        if lead:
                            flush()
                        for m, piece in enumerate(pieces):
                            if m:
                                flush()
                            cur.append(piece)
                            has = True
                            glob = glob or any(ch in piece for ch in "*?[")
                        if trail:
                            flush()
                    continue
            w = self.word(c)
            cur.append(w.text)
            dyn = dyn or w.dynamic
            glob = glob or w.glob
            has = True
            if w.sub:
                subs.extend(w.sub)
        flush()
        return out

    def _brace_fields(self, raw: str, alts: list[str]) -> list[Word]:
        """The words of a brace-expanded word: each form is a word of its own, read again
        (tilde, quotes, expansions), as bash does after brace expansion."""
        if len(alts) > MAX_BRACE_WORDS:
            return [Word(raw, True, True)]  # too many to follow: unknown
        out: list[Word] = []
        for alt in alts:
            if not alt:
                continue  # an empty unquoted form is no word at all
            tree = parser().parse((": " + alt).encode("utf-8", "surrogatepass"))
            cmd = tree.root_node.named_children[0] if tree.root_node.named_children else None
            args = [c for c in cmd.named_children if c.type != "command_name"] \
                if cmd is not None and cmd.type == "command" and not tree.root_node.has_error \
                else []
            if len(args) != 1:
                out.append(Word(alt, True))
                continue
            out.extend(self.fields(args[0]))
        return out

    def _tilde(self, raw: str, text: str) -> Word:
        """``~user``, ``~+`` ($PWD), ``~-`` ($OLDPWD), ``~+2`` (the directory stack)."""
        glob = _unglob_word(raw)
        prefix, slash, rest = raw[1:].partition("/")
        if "\\" in prefix or any(c in prefix for c in "'\"$`{"):
            return Word(text, False, glob)  # a quoted or expanded prefix: no tilde expansion
        base: str | None = None
        if prefix == "+":
            base = self.st.cwd
        elif prefix and prefix != "-" and not prefix.lstrip("+-").isdigit() and not self.remote:
            try:
                import pwd

                base = pwd.getpwnam(prefix).pw_dir
            except (KeyError, ImportError, OSError):
                # no such user here: bash leaves the word as it is (the packs read ``~user``
                # as that user's home)
                return Word(text, False, glob)
        if base is None:
            return Word(text, True, glob)  # $OLDPWD, the directory stack: known at run time
        return Word(base + slash + _unescape_unquoted(rest), False, glob)

    def _array_ref(self, node: Node) -> tuple[str, str] | None:
        """``${name[index]}`` -> (name, index)."""
        written = _text(node)
        if not (written.startswith("${") and written.endswith("]}")):
            return None
        name, _, index = written[2:-2].partition("[")
        if not name.isidentifier():
            return None
        return name, index

    def _array(self, name: str) -> list[str] | None:
        if name == "@":
            return self.st.arrays.get("@")
        if name in self.st.arrays:
            return self.st.arrays[name]
        if name in self.st.vars:
            value = self.st.vars[name]
            return None if value is None else [value]
        return None

    def _elements(self, node: Node) -> list[str | None] | None:
        """A double-quoted ``"$@"`` or ``"${a[@]}"`` alone: its elements (``[None]`` when they
        are unknown); None for any other string."""
        named = node.named_children
        if len(named) != 1:
            return None
        c = named[0]
        name = None
        if c.type == "simple_expansion" and _text(c) == "$@":
            name = "@"
        elif c.type == "expansion":
            ref = self._array_ref(c)
            if ref is not None and ref[1] == "@":
                name = ref[0]
        if name is None:
            return None
        values = self._array(name)
        if values is None:
            return [None]
        return list(values)

    def _values(self, node: Node) -> list[str] | None:
        """What an unquoted expansion stands for before splitting: one value, or the elements
        of an array (``${a[@]}``, ``$@``, ``$*``); None when unknown."""
        if node.type == "simple_expansion":
            name = _text(node)[1:]
            if name in ("@", "*"):
                return self._array("@")
        else:
            ref = self._array_ref(node)
            if ref is not None and ref[1] in ("@", "*"):
                return self._array(ref[0])
        w = self.word(node)
        return None if w.dynamic else [w.text]

    def word(self, node: Node) -> Word:
        t = node.type
        if t == "word":
            raw = _text(node)
            text = _unescape_unquoted(raw)
            if text == "~" or text.startswith("~/"):
                text = self.an.home + text[1:]
            elif raw.startswith("~"):
                return self._tilde(raw, text)
            return Word(text, False, _unglob_word(raw))
        if t in ("number", "file_descriptor", "variable_name", "special_variable_name",
                 "heredoc_start", "regex", "test_operator"):
            return Word(_text(node))
        if t == "raw_string":
            raw = _text(node)
            return Word(raw[1:-1] if len(raw) >= 2 and raw.endswith("'") else raw[1:])
        if t == "ansi_c_string":
            return Word(_ansi_c(_text(node)))
        if t in ("string", "translated_string"):
            parts: list[str] = []
            dynamic = False
            subs: list[Invocation] = []
            data: bytes = node.text
            base = node.start_byte
            prev: int | None = None  # where the last piece ended (None: before the quote)
            for c in node.children:
                if prev is not None and c.start_byte > prev:
                    # text the grammar leaves between pieces (the newlines of a multi-line
                    # string) is part of the string too
                    gap = data[prev - base : c.start_byte - base]
                    parts.append(_unescape_double(gap.decode("utf-8", "surrogateescape")))
                prev = c.end_byte
                if not c.is_named:
                    continue
                if c.type == "string_content":
                    parts.append(_unescape_double(_text(c)))
                else:
                    w = self.word(c)
                    parts.append(w.text)
                    dynamic = dynamic or w.dynamic
                    if w.sub:
                        subs.extend(w.sub)
            if dynamic:
                _seal_mktemp(parts)
            return Word("".join(parts), dynamic, False, subs or None)
        if t == "concatenation":
            parts = []
            dynamic = glob = False
            subs = []
            for i, c in enumerate(node.named_children):
                w = self.word(c)
                text = w.text
                parts.append(text)
                dynamic = dynamic or w.dynamic
                glob = glob or w.glob
                if w.sub:
                    subs.extend(w.sub)
                del i
            if dynamic:
                _seal_mktemp(parts)
            joined = "".join(parts)
            if joined == "~" or joined.startswith("~/"):
                joined = self.an.home + joined[1:]
            return Word(joined, dynamic, glob, subs or None)
        if t == "simple_expansion":
            return self.variable(_text(node)[1:], _text(node))
        if t == "expansion":
            return self.expansion(node)
        if t in ("command_substitution", "process_substitution"):
            subs = self.substitution(node)
            if t == "command_substitution":
                folded = _fold_output(subs)
                if folded is not None:
                    # ``$(echo rm)`` is ``rm``: its output is known without running it
                    return Word(folded, False, False, subs)
                made = self._mktemp_output(subs)
                if made is not None:
                    return Word(made, True, False, subs)
            return Word(_text(node), True, False, subs)
        if t == "arithmetic_expansion":
            self.scan_substitutions(node)
            return Word(_text(node), "$" in _text(node)[3:])
        if t == "brace_expression":
            return Word(_text(node))
        if t == "array":
            words = [self.word(c) for c in node.named_children]
            return Word(" ".join(w.text for w in words), any(w.dynamic for w in words))
        text = _text(node)
        self.scan_substitutions(node)
        return Word(text, "$" in text or "`" in text)

    def _program_by_name(self, node: Node, w: Word) -> Word:
        """``"$VIRTUAL_ENV/bin/python"``, ``"$(go env GOPATH)/bin/golangci-lint"``: only the
        folder is known at run time, the program is named. It is judged as the program its
        last component names when that says what runs: a program railguard knows by name
        (``"$D/rm" -rf ~`` is ``rm -rf ~``), or one installed in a ``bin`` folder. A file
        elsewhere (``"$DIR/deploy"``, ``./$D/x.sh``) is a script whose text decides, which
        cannot be read while its folder is unknown, and a file this same command writes at
        a path known only at run time may be the one that runs: those stay unknown."""
        text = w.text
        head, sep, name = text.rpartition("/")
        written = _text(node)
        if (not sep or not name or name in (".", "..") or self.st.dynamic_writes
                or any(c in name for c in "$`'\"(){}[]*?\\ \t\n")
                or not written.rstrip('"').endswith("/" + name)):
            return w
        if not self._folder_stays_one_word(node):
            return w
        if "." in name and name.rsplit(".", 1)[1].lower() in _SCRIPT_EXTENSIONS:
            return w
        printer = head in (f"$({p})" for p in _BIN_PRINTERS)
        if not (known_program(name.lower()) or head.endswith(("/bin", "/.bin", "/sbin"))
                or printer):
            return w
        return Word(name, False, False, w.sub)

    def _folder_stays_one_word(self, node: Node) -> bool:
        """Are the expansions of a program's path quoted, so their value cannot split it into
        other words (``$X/ls`` with X set to ``rm -rf ~ #`` runs rm)? An unquoted
        ``$(npm bin)`` (and its kin) prints one folder."""
        stack = [node]
        while stack:
            n = stack.pop()
            if n.type == "string":
                continue
            if n.type == "command_substitution":
                inner = _text(n)
                if inner[2:-1].strip() not in _BIN_PRINTERS:
                    return False
                continue
            if n.type in ("simple_expansion", "expansion", "process_substitution",
                          "arithmetic_expansion"):
                return False
            stack.extend(n.named_children)
        return True

    def _mktemp_output(self, subs: list[Invocation]) -> str | None:
        """``$(mktemp -d)``: the name is unknown, the folder it is made in is not. The text
        that stands for it is that folder with :data:`MKTEMP_MARK` as its last component, so
        the dynamic-path classification judges it by the folder; None when the folder is not
        known (or mktemp would fail and print nothing)."""
        if len(subs) != 1:
            return None
        inv = subs[0]
        if inv.name != "mktemp" or inv.remote or inv.pipe_from or any(
                r.fd != "2" for r in inv.redirects):
            return None
        if "TMPDIR" in inv.env:
            tmpdir: str | None = inv.env["TMPDIR"]
        elif "TMPDIR" in self.st.vars:
            tmpdir = self.st.vars["TMPDIR"]
        else:
            tmpdir = os.environ.get("TMPDIR")
        # ``TMPDIR=$X mktemp``: the value the environment gives it is not known
        unknown = (tmpdir is None and ("TMPDIR" in inv.env or "TMPDIR" in self.st.vars)) \
            or (tmpdir is not None and ("$" in tmpdir or "`" in tmpdir))
        folder = mktemp_folder(inv.args, tmpdir, unknown)
        if folder is None:
            return None
        if not folder.startswith("/"):
            if inv.cwd is None:
                return None
            folder = inv.cwd.rstrip("/") + ("/" + folder if folder else "")
        folder = folder.rstrip("/")
        if not folder:
            return None
        return folder + "/" + MKTEMP_MARK

    def variable(self, name: str, written: str) -> Word:
        if name in ("@", "*") or name.isdigit():
            params = self.st.arrays.get("@")
            if params is None:
                if name in self.st.vars and self.st.vars[name] is not None and name != "0":
                    return Word(self.st.vars[name] or "")
                return Word(written, True)
            if name in ("@", "*"):
                return Word(" ".join(params))
            k = int(name)
            if k == 0:
                return Word(written, True)
            return Word(params[k - 1] if k <= len(params) else "")
        if name in self.st.namerefs:
            target = self.st.namerefs[name]
            if not target or target == name or target in self.st.namerefs:
                return Word(written, True)
            name = target
        if name == "IFS" and name not in self.st.vars:
            return Word(DEFAULT_IFS)
        if name in self.st.vars:
            value = self.st.vars[name]
            if value is None:
                return Word(self.st.shaped.get(name, written), True)
            return Word(value)
        if name == "HOME":
            return Word(self.an.home)
        if name == "TMPDIR":
            return Word(os.environ.get("TMPDIR", "/tmp").rstrip("/") or "/tmp")
        if name == "PWD" and self.st.cwd is not None:
            return Word(self.st.cwd)
        return Word(written, True)

    def expansion(self, node: Node) -> Word:
        written = _text(node)
        if written.endswith("@P}") and written[2:-3].isidentifier():
            # ``${x@P}``: the value is expanded like a prompt, command substitutions included
            var = self.variable(written[2:-3], "$" + written[2:-3])
            if var.dynamic:
                self.an.problem("dynamic_code", f"{written} expands, as a prompt, a value known "
                                "only at run time")
            elif "$(" in var.text or "`" in var.text:
                self.an.code(": " + var.text, State(self.st.cwd, dict(self.st.vars), self.remote,
                                                    self.st.files), self.depth + 1,
                             (*self.via, written), self.remote)
            return Word(written, True)
        ref = self._array_ref(node)
        if ref is not None:
            values = self._array(ref[0])
            if values is None:
                return Word(written, True)
            index = ref[1]
            if index in ("@", "*"):
                return Word(" ".join(values))
            if index.isdigit():
                k = int(index)
                return Word(values[k] if k < len(values) else "")
            return Word(written, True)
        named = node.named_children
        op = node.child_by_field_name("operator")
        if len(named) == 1 and named[0].type == "variable_name" and op is None:
            inner = written[2:-1]
            if inner == _text(named[0]):
                return self.variable(inner, written)
        if (
            op is not None
            and _text(op) in (":-", "-", ":=", "=", ":?", "?")
            and named
            and named[0].type == "variable_name"
        ):
            var = self.variable(_text(named[0]), written)
            if not var.dynamic:
                return var
            if _text(op) in (":?", "?"):
                return Word(written, True)  # unset: the shell stops with an error
            default = [self.word(c) for c in named[1:]]
            if default:
                text = "".join(w.text for w in default)
                return Word(text, any(w.dynamic for w in default))
        self.scan_substitutions(node)
        return Word(written, True)

    def substitution(self, node: Node) -> list[Invocation]:
        named = node.named_children
        if len(named) == 1 and named[0].type == "file_redirect":
            # ``$(< file)``: bash reads the file, as ``$(cat file)`` would
            r, _ = self.redirect(named[0])
            if r is not None and r.target is not None and r.op == "<" and r.fd is None:
                inv = Invocation([Word("cat"), r.target], cwd=self.st.cwd,
                                 via=(*self.via, "$(<file)"), remote=self.remote,
                                 source=_text(node))
                self.an.add(inv)
                return [inv]
        saved = self.st
        self.st = saved.copy()
        try:
            out = []
            for c in node.named_children:
                out.extend(self.stmt(c))
            return out
        finally:
            self.st = saved

    # -- commands ----------------------------------------------------------------------------

    def command(self, node: Node, redirects: list[Redirect], stdin_text: str | None,
                pipe_from: list[Invocation],
                extra_args: list[Word] | None = None) -> list[Invocation]:
        env: dict[str, str] = dict(self.st.exported)
        argv: list[Word] = []
        redirects = list(redirects)
        spilled_before = len(self.spilled)
        prev_end: int | None = None
        for i, child in enumerate(node.children):
            field = node.field_name_for_child(i)
            ct = child.type
            if ct == "variable_assignment":
                local: dict[str, str | None] = {}
                name, value = self.assign(child, local)
                env[name] = value if value is not None else "$" + name
                self._code_in_env(name, value)
            elif ct in ("file_redirect", "heredoc_redirect", "herestring_redirect"):
                r, text = self.redirect(child)
                if r is not None:
                    redirects.append(r)
                if text is not None:
                    stdin_text = text
            elif field == "name":
                inner = child.named_children
                words = self.fields(inner[0]) if inner else [Word(_text(child))]
                if inner and len(words) == 1 and words[0].dynamic and not words[0].glob:
                    words = [self._program_by_name(inner[0], words[0])]
                argv.extend(words)
                prev_end = child.end_byte
            elif field == "argument" or child.is_named:
                if ct == "comment":
                    continue
                words = self.fields(child)
                if (prev_end is not None and words and argv
                        and _only_line_continuations(node, prev_end, child.start_byte)):
                    # ``r\<newline>m``: a backslash-newline inside a word is removed by bash
                    # before the word is read; the grammar splits the word there
                    last = argv.pop()
                    first = words.pop(0)
                    argv.append(Word(last.text + first.text, last.dynamic or first.dynamic,
                                     last.glob or first.glob))
                    argv.extend(words)
                else:
                    argv.extend(words)
                prev_end = child.end_byte
        # words after a redirect inside the command (``FOO=1 >x git reset --hard``)
        argv.extend(self.spilled[spilled_before:])
        del self.spilled[spilled_before:]
        if extra_args:
            argv.extend(extra_args)
        if not argv:
            # bare assignments with redirects: ``FOO=1 > file``
            for k, v in env.items():
                self.st.vars[k] = v
                self.st.shaped.pop(k, None)
            if redirects:
                inv = Invocation([Word(":")], cwd=self.st.cwd, redirects=redirects,
                                 via=self.via, remote=self.remote, source=_text(node))
                self.an.add(inv)
                return [inv]
            return []
        inv = Invocation(argv, cwd=self.st.cwd, env=env, redirects=redirects,
                         stdin_text=stdin_text, pipe_from=pipe_from, via=self.via,
                         remote=self.remote, source=_text(node))
        alias = self.st.aliases.get(argv[0].text) if not argv[0].dynamic else None
        if alias is not None:
            # an alias defined earlier in the same command: its text replaces the name
            text = " ".join([alias, *(w.text if w.dynamic else _quote(w.text) for w in argv[1:])])
            self.st.aliases.pop(argv[0].text)  # an alias is not expanded inside itself
            try:
                invs = self.an.code(text, self.st, self.depth + 1, (*self.via, "alias"),
                                    self.remote)
            finally:
                self.st.aliases[argv[0].text] = alias
            for expanded in invs:
                expanded.redirects.extend(redirects)
            return invs
        body = self.st.bodies.get(argv[0].text) if not argv[0].dynamic else None
        if body is not None and argv[0].text not in self.an.calling \
                and len(self.an.calling) < MAX_CALL_DEPTH:
            self._call_function(argv[0].text, body, argv[1:])
        self._track_cd(inv)
        if argv[0].text in _NAME_TAKERS:
            takes = _NAME_TAKERS[argv[0].text]
            for pos in range(1, len(argv)):
                w = argv[pos]
                if not w.dynamic and (takes is None or argv[pos - 1].text == takes):
                    self.subscript_code(w.text, argv[0].text)
                if argv[0].text in _DECLARERS and not w.dynamic:
                    self.compound_text(w.text, argv[0].text)
        self._track_state(inv)
        self._track_written(inv)
        self._track_download(inv)
        invs = self.expand(inv, self.depth)
        if self.trailing and node.parent is not None and node.parent.type != "redirected_statement":
            trailing, self.trailing = self.trailing, []
            for extra in trailing:
                if extra.type == "pipeline":
                    prev = invs
                    for child in extra.named_children:
                        prev = self.stmt(child, prev)
                        invs = invs + prev
                else:
                    invs = invs + self.stmt(extra)
        return invs

    def _track_cd(self, inv: Invocation) -> None:
        name = inv.name
        words = inv.args
        while name in ("builtin", "command") and words and words[0].text not in ("-v", "-V"):
            if words[0].text in ("-p", "--"):
                words = words[1:]
                continue
            name, words = words[0].text, words[1:]
        if name not in ("cd", "pushd", "popd", "chdir"):
            return
        args = [w for w in words if not w.text.startswith("-") or w.text == "-"]
        if name == "popd" or (args and args[0].text == "-") or (
                name == "pushd" and (not args or args[0].text[:1] in "+-")) or len(args) > 1:
            # the directory stack, ``cd -``, ``cd old new`` (zsh): not followed
            self.st.cwd = None
            return
        if not args:
            self.st.cwd = None if self.remote else self.an.home
            return
        target = args[0]
        if target.dynamic:
            self.st.cwd = None
            return
        text = target.text
        cdpath = self.st.vars.get("CDPATH", "") if "CDPATH" in self.st.vars \
            else self.st.exported.get("CDPATH", os.environ.get("CDPATH", ""))
        if cdpath != "" and not text.startswith(("/", "./", "../")) and text not in (".", ".."):
            self.st.cwd = None  # CDPATH: a relative name may be found under any of its folders
            return
        self.st.cwd = resolve(text, self.st.cwd, self.an.home)

    def _call_function(self, name: str, body: Node, args: list[Word]) -> None:
        """A call of a function the command defines: its body runs again with the call's words
        as its positional parameters, so ``r() { rm "$@"; }; r -rf ~`` is judged as
        ``rm -rf ~`` (the walk at the definition saw ``$@`` unknown). Not inside itself: a
        function that calls itself is walked once per call chain."""
        saved, via = self.st, self.via
        self.st = saved.copy()
        self.st.arrays["@"] = None if any(w.dynamic for w in args) else [w.text for w in args]
        self.an.calling.append(name)
        self.via = (*via, f"function {name}")
        try:
            self.stmt(body)
        finally:
            self.via = via
            self.an.calling.pop()
            self.st = saved

    def _track_state(self, inv: Invocation) -> None:
        """Builtins that change what later words expand to: ``set --``, ``shift``, ``read``,
        ``alias``, a call of a function defined earlier."""
        name = inv.name
        args = inv.args
        st = self.st
        if name in st.funcs:
            assigned, changes_cwd = st.funcs[name]
            _forget(st, assigned)
            if changes_cwd:
                st.cwd = None
            return
        if name == "set":
            items = list(args)
            params: list[Word] | None = None
            while items:
                t = items[0].text
                if t in ("--", "-"):
                    params = items[1:] if (t == "--" or len(items) > 1) else None
                    break
                if t in ("-o", "+o"):
                    items = items[2:]
                elif t.startswith(("-", "+")) and not items[0].dynamic:
                    items.pop(0)
                else:
                    params = items
                    break
            if params is not None:
                st.arrays["@"] = (None if any(w.dynamic or w.glob for w in params)
                                  else [w.text for w in params])
        elif name == "shift":
            before = st.arrays.get("@")
            count = args[0].text if args else "1"
            if before is not None and count.isdigit() and not (args and args[0].dynamic):
                st.arrays["@"] = before[int(count):]
            else:
                st.arrays["@"] = None
        elif name in ("read", "mapfile", "readarray", "getopts", "printf", "let"):
            # the variables these set get values known only at run time
            texts = [w.text for w in args]
            targets: list[str] = []
            if name == "read":
                targets = [t for t in texts if t.isidentifier()]
                if "-a" in texts:
                    targets.append(texts[texts.index("-a") + 1] if texts.index("-a") + 1
                                   < len(texts) else "REPLY")
                targets = targets or ["REPLY"]
            elif name in ("mapfile", "readarray"):
                plain = [t for t in texts if t.isidentifier()]
                targets = plain[-1:] or ["MAPFILE"]
            elif name == "getopts" and len(texts) >= 2:
                targets = [texts[1], "OPTARG", "OPTIND"]
            elif name == "printf" and "-v" in texts and texts.index("-v") + 1 < len(texts):
                targets = [texts[texts.index("-v") + 1]]
            elif name == "let":
                targets = [t.split("=", 1)[0].strip("+-*/ ") for t in texts if "=" in t]
            for var in targets:
                var = var.split("[", 1)[0]
                if var in st.namerefs:
                    var = st.namerefs[var] or ANY_VAR
                _forget(st, {var})
        elif name == "alias":
            for w in args:
                key, eq, value = w.text.partition("=")
                if eq and key and not w.dynamic:
                    st.aliases[key] = value
        elif name == "unalias":
            for w in args:
                st.aliases.pop(w.text, None)
        elif name == "hash" and len(args) >= 3 and args[0].text == "-p":
            # ``hash -p /bin/rm ls``: the name ``ls`` runs /bin/rm from now on
            path = args[1]
            for w in args[2:]:
                if not w.dynamic:
                    st.aliases[w.text] = "$__hashed_path" if path.dynamic else _quote(path.text)

    def _track_download(self, inv: Invocation) -> None:
        name = inv.name
        if name not in _DOWNLOADERS or inv.remote:
            return
        o = parse_opts(inv.args, _DOWNLOADERS[name])
        urls = [w.text for w in o.positionals if "://" in w.text]
        urls += [u for u in o.values.get("url", []) if "://" in u]
        folder = o.value("dir")
        targets = list(o.values.get("output", []))
        if (name != "curl" and not targets) or o.has("remote_name"):
            # wget URL / curl -O URL / aria2c URL: saved under the URL's last path segment
            for url in urls:
                tail = url.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
                if tail and "://" not in tail:
                    targets.append(tail)
        for t in targets:
            if t in ("-", ""):
                continue
            if any(c in t or c in (folder or "") for c in "$`"):
                self.st.dynamic_writes.add(t)
            if folder and not t.startswith(("/", "~")):
                t = folder.rstrip("/") + "/" + t
            path = resolve(t, self.st.cwd, self.an.home)
            if path:
                self.st.downloads.add(path)

    def _track_written(self, inv: Invocation) -> None:
        known = self._track_known_writes(inv)
        if inv.remote or inv.name is None:
            return
        from railguard.shell.effects import write_targets

        st = self.st
        if inv.name in _KEEPS_CONTENT:
            return
        # whatever else this command writes has content that is not known here: a script
        # run from there later in the same command cannot be read ahead of time
        for w in write_targets(inv):
            if w.dynamic:
                st.dynamic_writes.add(w.text)
                continue
            path = resolve(w.text, st.cwd, self.an.home)
            if path and path not in known and not is_device(path):
                st.files.pop(path, None)
                st.unknown_files.add(path)
        if inv.name in ("cp", "mv", "install", "ln") and len(inv.args) >= 2:
            ops = [w for w in inv.args if not w.text.startswith("-")]
            if len(ops) == 2 and not any(w.dynamic for w in ops):
                src = resolve(ops[0].text, st.cwd, self.an.home)
                dst = resolve(ops[1].text, st.cwd, self.an.home)
                if src and dst:
                    if ops[1].text.endswith("/") or os.path.isdir(dst):
                        dst = dst.rstrip("/") + "/" + src.rsplit("/", 1)[-1]
                    st.unknown_files.discard(dst)
                    if src in st.files:
                        st.files[dst] = st.files[src]
                    elif src in st.downloads:
                        st.downloads.add(dst)
                    elif self._unknown_file(src):
                        st.unknown_files.add(dst)
                    else:
                        text = self.an.read_script(src, remember=False, runs=False)
                        if text is not None:
                            st.files[dst] = text  # a copy of a file on disk: readable
                        else:
                            st.unknown_files.add(dst)
        if inv.name == "tee" and any(s.name in NETWORK_FETCHERS
                                     for s in _pipe_sources(inv.pipe_from)):
            # ``curl URL | tee x.sh``: the file holds what was downloaded
            for w in inv.args:
                if not w.text.startswith("-") and not w.dynamic:
                    path = resolve(w.text, st.cwd, self.an.home)
                    if path:
                        st.downloads.add(path)
                        st.unknown_files.discard(path)

    def _unknown_file(self, path: str) -> bool:
        """Written by this command with content not known (or under a folder so written)."""
        if path in self.st.files:
            return False
        return path in self.st.unknown_files or any(
            path.startswith(u.rstrip("/") + "/") for u in self.st.unknown_files)

    def _track_known_writes(self, inv: Invocation) -> set[str]:
        """Files written with content known statically (``echo ... > x.sh``, ``cat <<EOF >
        x.sh``, ``echo ... | tee x.sh``); returns their paths."""
        known: set[str] = set()
        content = printed(inv)
        if content is not None:
            for r in inv.redirects:
                if r.writes and r.target is not None and not r.target.dynamic:
                    path = resolve(r.target.text, self.st.cwd, self.an.home)
                    if path:
                        previous = self.st.files.get(path, "") if ">>" in r.op else ""
                        self.st.files[path] = previous + content
                        self.st.unknown_files.discard(path)
                        known.add(path)
            return known
        text = inv.stdin_text
        if text is None and inv.name in ("cat", "tee") and len(inv.pipe_from) == 1 \
                and not (inv.name == "cat" and inv.args):
            text = printed(inv.pipe_from[0])
        if text is None or inv.name not in ("cat", "tee"):
            return known
        targets = [r.target for r in inv.redirects if r.writes and r.target is not None]
        if inv.name == "tee":
            targets += [w for w in inv.args if not w.text.startswith("-")]
        for t in targets:
            if not t.dynamic:
                path = resolve(t.text, self.st.cwd, self.an.home)
                if path:
                    self.st.files[path] = text
                    self.st.unknown_files.discard(path)
                    known.add(path)
        return known

    # -- unwrapping --------------------------------------------------------------------------

    def expand(self, inv: Invocation, depth: int) -> list[Invocation]:
        """Peel wrappers off ``inv``; record every invocation that would run."""
        out: list[Invocation] = []
        split = False
        for _ in range(32):
            name = inv.name
            if name is None:
                break
            if name.startswith("\\"):
                inv.argv[0] = Word(inv.argv[0].text.lstrip("\\"))
                continue
            if not split and "=" in name:
                split = True
                self._false_assignment(inv, depth, out)
            if name.startswith("=") and len(name) > 1 and "/" not in name and "=" not in name[1:]:
                # zsh: ``=rm`` expands to the path of rm
                inv.argv[0] = Word(name[1:])
                continue
            if inv.argv[0].glob and inv.argv[0].text not in ("[", "[["):
                self._glob_program(inv)
                continue
            step = self._unwrap_once(inv, name, depth, out)
            if step is None:
                break
            if not step.argv:
                return out
            inv = step
        name = inv.name
        if name is not None and len(inv.argv) > 1 and name not in self.st.bodies:
            # (a function the command defines is known: its body is judged at the call)
            self._may_run(inv, name, depth, out)
        if name is not None and name not in SHELLS and not inv.remote \
                and any(inv.env.get(v) for v in STARTUP_VARIABLES):
            # ``BASH_ENV=FILE python x.py``: any shell the program starts runs FILE first
            self._startup_files(inv, name, depth, out)
        self.an.add(inv)
        out.append(inv)
        return out

    def _false_assignment(self, inv: Invocation, depth: int, out: list[Invocation]) -> None:
        """``A-B=2 git reset --hard``, ``=2 rm -rf ~``: a word with a '=' that is not a valid
        assignment is the program's name, so the shell looks for it, finds none and runs
        nothing. The same words after ``env`` or ``sudo`` are assignments and run the command,
        and an agent writing them means to run it: what follows is judged as run too."""
        k = 0
        argv = inv.argv
        while k < len(argv) and not argv[k].dynamic and "=" in argv[k].text \
                and "/" not in argv[k].text.partition("=")[0]:
            k += 1
        if 0 < k < len(argv):
            label = f"{argv[0].text[:40]} taken as an assignment"
            out.extend(self.expand(self._derive(inv, argv[k:], label), depth))

    def _glob_program(self, inv: Invocation) -> None:
        """A program name with unquoted ``* ? [``: bash expands the pattern before it looks the
        name up, so ``/???/r? -rf ~`` runs ``/bin/rm``. The matches on disk replace the
        pattern (the first is the program, the others its first arguments); a pattern that
        matches nothing here, or more than one program, or that cannot be looked for (a remote
        command, an unknown directory) leaves the program unknown."""
        first = inv.argv[0]
        pattern = first.text
        prefix = "" if pattern.startswith("/") else (
            None if inv.cwd is None else inv.cwd.rstrip("/") + "/")
        matches: list[str] = []
        if prefix is not None and not inv.remote and not first.dynamic:
            import glob

            try:
                found = sorted(glob.glob(prefix + pattern))[:64]
            except (OSError, ValueError, RecursionError):
                found = []
            matches = [m[len(prefix):] if prefix and m.startswith(prefix) else m for m in found]
        if len(matches) == 1 or (matches and len({m.rsplit("/", 1)[-1] for m in matches}) == 1):
            inv.argv[0:1] = [Word(matches[0])] + [Word(m) for m in matches[1:]]
        else:
            inv.argv[0] = Word(pattern, True, True, first.sub)

    def _derive(self, inv: Invocation, argv: list[Word], label: str, **kw: Any) -> Invocation:
        return Invocation(
            argv,
            cwd=kw.get("cwd", inv.cwd),
            env={**inv.env, **kw.get("env", {})},
            redirects=inv.redirects,
            stdin_text=inv.stdin_text,
            pipe_from=inv.pipe_from,
            via=(*inv.via, label),
            remote=kw.get("remote", inv.remote),
            source=inv.source,
            inputs_dynamic=kw.get("inputs_dynamic", inv.inputs_dynamic),
        )

    @staticmethod
    def _sudo_assignments(args: list[Word], o: Opts, env: dict[str, str]) -> list[Word]:
        """sudo takes ``VAR=value`` operands (any name, options in between) before the command
        as variables to set, unless the operand starts with '/' or follows ``--``; the words
        from the command on are returned and ``o`` gains the options read on the way."""
        rest = o.rest
        while rest:
            first = rest[0].text
            at = len(args) - len(rest)
            if "=" not in first or first.startswith("/") or (
                    at > 0 and args[at - 1].text == "--"):
                break
            k, _, v = first.partition("=")
            env[k] = v
            args = rest[1:]
            more = parse_opts(args, _SUDO)
            o.flags |= more.flags
            for key, vals in more.values.items():
                o.values.setdefault(key, []).extend(vals)
            rest = more.rest
        return rest

    def _unwrap_once(self, inv: Invocation, name: str, depth: int,
                     out: list[Invocation]) -> Invocation | None:
        args = inv.args
        if name in ("sudo", "doas", "run0", "pkexec"):
            spec = _DOAS if name == "doas" else _SUDO
            o = parse_opts(args, spec)
            rest = o.rest
            sudo_env: dict[str, str] = {}
            if name == "sudo":
                rest = self._sudo_assignments(args, o, sudo_env)
            if o.has("list", "version", "help", "validate", "k", "K") and not rest:
                return Invocation([], cwd=inv.cwd)
            if not rest and o.has("shell", "login"):
                return Invocation([], cwd=inv.cwd)
            cwd = inv.cwd
            chdir = o.value("chdir")
            if chdir:
                cwd = resolve(chdir, inv.cwd, self.an.home)
            if o.has("edit") or name == "sudoedit":
                return self._derive(inv, [Word("sudoedit"), *rest], name)
            return self._derive(inv, rest, name, cwd=cwd, env=sudo_env)
        if name == "env":
            o = parse_opts(args, _ENV)
            env: dict[str, str] = {}
            rest = list(o.rest)
            if rest and rest[0].text == "-":
                rest.pop(0)  # ``env -`` is ``env -i``
            # GNU env takes every operand holding a '=' as an assignment, ``=2`` and ``A-B=2``
            # included, and runs what follows
            while rest and "=" in rest[0].text:
                word = rest.pop(0)
                k, _, v = word.text.partition("=")
                env[k] = v
                self._code_in_env(k, None if word.dynamic else v)
            cwd = inv.cwd
            chdir = o.value("chdir")
            if chdir:
                cwd = resolve(chdir, inv.cwd, self.an.home)
            split = o.value("split")
            if split:
                # env -S: ``\_`` separates words outside quotes and is a space inside them
                words = self._split_words(split.replace("\\_", " "))
                rest = words + rest
            if not rest:
                return None  # ``env`` alone prints the environment: keep it as is
            return self._derive(inv, rest, "env", env=env, cwd=cwd)
        if name in _SIMPLE_PREFIX:
            o = parse_opts(args, _SIMPLE_PREFIX[name])
            if name == "command" and o.has("query"):
                return Invocation([], cwd=inv.cwd)
            if len(o.rest) > 1 and name not in _LEADING_OPERAND \
                    and unknown_takes(args, o.rest, _SIMPLE_PREFIX[name]):
                # ``unshare --map-users 0,0,1 rm -rf ~``: an option this table does not know
                # may take the next word as its value; the command after it is judged too
                alt = self._derive(inv, o.rest[1:], f"{name} {args[len(args) - len(o.rest) - 1].text}")
                out.extend(self.expand(alt, depth))
            if name == "strace":
                # ``-o '|CMD'``, ``-o '!CMD'``: the trace is piped to a shell command
                for value in o.values.get("o", []):
                    if value[:1] in ("|", "!") and value[1:].strip():
                        from railguard.shell import runners

                        self._shell_string(inv, runners._option_word(self, inv, value, value[1:]),
                                           "strace -o |", depth, out)
            if name == "nice" and o.rest and o.rest[0].text.lstrip("-").isdigit():
                o.rest = o.rest[1:]
            if name == "ionice" and not o.rest:
                return Invocation([], cwd=inv.cwd)
            if name == "taskset" and o.rest and not o.has("-p"):
                o.rest = o.rest[1:]  # the cpu mask
            if name in _LEADING_OPERAND and o.rest and not (name == "chrt" and o.has("p", "m")):
                o.rest = o.rest[1:]
                if name == "setarch":
                    o = parse_opts(o.rest, _SIMPLE_PREFIX[name])
            if name == "prlimit":
                # ``--nofile=1`` and ``-n1``: limits glued to their option
                while o.rest and o.rest[0].text.startswith("-") and o.rest[0].text != "--":
                    o.rest = o.rest[1:]
                if o.rest and o.rest[0].text == "--":
                    o.rest = o.rest[1:]
            if not o.rest:
                if name == "exec" and inv.redirects:
                    return None  # ``exec > FILE``, ``exec 3< FILE``: the shell's own files
                return Invocation([], cwd=inv.cwd)
            return self._derive(inv, o.rest, name)
        if name == "timeout":
            o = parse_opts(args, _TIMEOUT)
            rest = o.rest[1:]  # drop DURATION
            return self._derive(inv, rest, name)
        if name == "flock":
            # flock [opts] FILE CMD... | flock [opts] FILE -c CMD
            o = parse_opts(args, _FLOCK)
            items = o.rest
            if len(items) >= 3 and items[1].text in ("-c", "--command"):
                return self._shell_string(inv, items[2], "flock -c", depth, out)
            return self._derive(inv, items[1:], name)
        if name == "watch":
            o = parse_opts(args, _WATCH)
            if not o.rest:
                return Invocation([], cwd=inv.cwd)
            if o.has("exec"):
                return self._derive(inv, o.rest, name)
            # without -x, watch joins its operands with spaces and runs them with ``sh -c``:
            # ``watch echo '$(rm -rf ~)'`` runs the substitution. Several words are judged
            # both ways, joined and as the words they are (what ``watch -x`` runs), as for
            # parallel: the one-letter difference between the two is easy to get wrong
            joined = Word(" ".join(w.text for w in o.rest), any(w.dynamic for w in o.rest))
            if len(o.rest) == 1:
                return self._shell_string(inv, joined, "watch", depth, out)
            self._shell_string(inv, joined, "watch", depth, out)
            return self._derive(inv, o.rest, name)
        if name == "xargs":
            return self._xargs(inv, depth, out)
        if name == "parallel":
            from railguard.shell import runners

            return runners._parallel(self, inv, depth, out)
        if name == "sem":
            from railguard.shell import runners

            return runners._parallel(self, inv, depth, out, semaphore=True)
        if name == "find":
            self._find_exec(inv, depth, out)
            return None
        if name in SHELLS or (name == "busybox" and args and args[0].text in SHELLS):
            return self._shell(inv, name, depth, out)
        if name in ("eval",):
            if any(w.dynamic for w in args):
                merged = Word(" ".join(w.text for w in args), True, False,
                              [s for w in args for s in (w.sub or [])])
                self._code_problem(inv, merged, "eval")
                return Invocation([], cwd=inv.cwd)
            self._nested(" ".join(w.text for w in args), inv, "eval", depth, out)
            return Invocation([], cwd=inv.cwd)
        if name in ("source", "."):
            if args:
                self._run_script_file(inv, args[0], "shell", f"{name} {args[0].text}", depth, out)
            return None
        if name in ("su", "runuser"):
            from railguard.shell import runners

            return runners._su(self, inv, name, depth, out)
        if name == "sg":
            # sg [-] GROUP [[-c] COMMAND]: the command goes to /bin/sh -c
            items = [w for w in args if w.text != "-"]
            if len(items) >= 2:
                code = items[2:] if items[1].text == "-c" else items[1:]
                if code:
                    joined = Word(" ".join(w.text for w in code), any(w.dynamic for w in code))
                    return self._shell_string(inv, joined, "sg", depth, out)
            return Invocation([], cwd=inv.cwd)
        if name in ("mapfile", "readarray", "compgen"):
            # ``mapfile -C CMD``: CMD runs for every chunk of lines; ``compgen -C CMD`` runs
            # CMD to produce the completions
            texts = [w.text for w in args]
            for i, t in enumerate(texts):
                if t == "--":
                    break
                if t.startswith("-") and not t.startswith("--") and "C" in t[1:]:
                    glued = t[t.index("C", 1) + 1:]
                    callback = Word(glued, args[i].dynamic) if glued else \
                        (args[i + 1] if i + 1 < len(args) else None)
                    if callback is not None and callback.text:
                        self._shell_string(inv, callback, f"{name} -C", depth, out)
                    break
            return None
        if name == "trap":
            items = list(args)
            if items and items[0].text == "--":
                items = items[1:]
            if len(items) >= 2 and items[0].text != "-" and not items[0].text.isdigit():
                return self._shell_string(inv, items[0], "trap", depth, out)
            return None
        if name in FOREIGN_SHELLS:
            from railguard.shell import runners

            runners._foreign_shell(self, inv)
            return None
        if name in _RUNS_FROM_OPTIONS and (name != "sort" or any(
                w.dynamic or w.text.startswith("--co") for w in args)):
            # (sort runs a program only for ``--compress-program``, ``--co`` at the shortest)
            from railguard.shell import runners

            runners._option_programs(self, inv, name, depth, out)
            return None
        if name == "sort":
            return None
        if name.startswith(("emacs", "xemacs")) and re.fullmatch(_EMACS, name):
            from railguard.shell import runners

            runners._emacs(self, inv, name, depth, out)
            return None
        if name == "bwrap":
            from railguard.shell import runners

            return runners._bwrap(self, inv)
        if name == "arch" and args:
            # macOS: ``arch -x86_64 CMD``, ``arch -arch arm64 -e VAR=1 CMD`` (elsewhere arch
            # takes no operand and only prints the machine's name)
            items = list(args)
            while items and items[0].text.startswith("-") and not items[0].dynamic:
                if items.pop(0).text in ("-arch", "-d", "-e") and items:
                    items.pop(0)
            return self._derive(inv, items, name) if items else Invocation([], cwd=inv.cwd)
        if name == "lvm" and args:
            # ``lvm [OPTIONS] COMMAND ARGS`` is COMMAND with those options (``lvm --test
            # lvremove vg/x`` is ``lvremove --test vg/x``)
            opts = []
            items = list(args)
            while items and items[0].text.startswith("-") and not items[0].dynamic:
                opts.append(items.pop(0))
            return self._derive(inv, [items[0], *opts, *items[1:]], name) if items else None
        if name == "scl" and args and args[0].text in ("enable", "run"):
            # ``scl enable COLLECTION... -- CMD ARGS`` or ``scl enable COLLECTION... 'CMD'``:
            # the command given as one word is run by a shell
            texts = [w.text for w in args]
            if "--" in texts:
                rest = args[texts.index("--") + 1 :]
                return self._derive(inv, rest, f"scl {texts[0]}") if rest else None
            if len(args) >= 3:
                return self._shell_string(inv, args[-1], f"scl {texts[0]}", depth, out)
            return None
        if name in _EDITORS and not inv.remote:
            from railguard.shell import runners

            runners._editor_commands(self, inv, name, depth, out)
            return None
        if name in ("less", "more") and not inv.remote:
            # options also come from the LESS variable (``LESS='+!cmd' less f``), where a
            # ``+`` command runs to a '$' or the end, spaces included
            from_env = [Word("+" + t.split("$", 1)[0])
                        for t in inv.env.get("LESS", "").split("+")[1:] if name == "less"]
            for w in [*from_env, *args]:
                # ``less '+!cmd' file``: an initial command; ``!`` runs a shell command
                if w.text.startswith("+") and "!" in w.text:
                    bang = w.text.split("!", 1)[1]
                    self._shell_string(inv, Word(bang, w.dynamic), f"{name} +!", depth, out)
            return None
        if name == "man":
            texts = [w.text for w in args]
            for j, t in enumerate(texts):
                pager = None
                if t in ("-P", "--pager") and j + 1 < len(args):
                    pager = args[j + 1]
                elif t.startswith("--pager="):
                    pager = Word(t.split("=", 1)[1], args[j].dynamic)
                elif t.startswith("-P") and len(t) > 2:
                    pager = Word(t[2:], args[j].dynamic)
                if pager is not None and pager.text:
                    self._shell_string(inv, pager, "man -P", depth, out)
            return None
        if name in _TCL:
            from railguard.shell import runners

            runners._tcl(self, inv, name, depth, out)
            return None
        if name == "git":
            self._git(inv, depth, out)
            return None
        if name in _REMOTE_SHELL_TOOLS and args:
            from railguard.shell import remote_shells

            remote_shells.judge(self, inv, name, depth, out)
        if name in ("script", "tmux", "screen", "nix-shell", "at", "batch", "fd", "fdfind"):
            from railguard.shell import runners

            return runners._runs_later(self, inv, name, depth, out)
        if name == "sops" and len(args) >= 3 and args[0].text in ("exec-env", "exec-file"):
            items = [w for w in args[1:] if not w.text.startswith("-")]
            if len(items) >= 2:
                return self._shell_string(inv, items[1], f"sops {args[0].text}", depth, out)
            return None
        if name in ("ssh", "scp", "sftp", "rsync", "autossh"):
            self._option_commands(inv, name, depth, out)
        if name == "ssh":
            o = parse_opts(args, _SSH)
            if len(o.rest) > 1 and o.rest[1].text.startswith("-") and o.rest[1].text != "--":
                # OpenSSH reads options after the destination too: ``ssh host -p 22 CMD``
                more = parse_opts(o.rest[1:], _SSH)
                o.flags |= more.flags
                for key, vals in more.values.items():
                    o.values.setdefault(key, []).extend(vals)
                o.rest = [o.rest[0], *more.rest]
            if len(o.rest) == 1 or (len(o.rest) == 2 and o.rest[1].text == "--"):
                # ``ssh host``: the remote shell reads its commands from standard input
                if (inv.pipe_from or inv.stdin_text is not None) and not o.has("-N", "-n"):
                    shell = self._derive(inv, [Word("sh")], f"ssh {o.rest[0].text}",
                                         remote=True, cwd=None)
                    self._stdin_code(shell, f"ssh {o.rest[0].text}", "shell", depth, out)
                return Invocation([], cwd=inv.cwd)
            if len(o.rest) < 2:
                return Invocation([], cwd=inv.cwd)
            host = o.rest[0].text
            remote_words = o.rest[1:]
            if remote_words and remote_words[0].text == "--":
                remote_words = remote_words[1:]
            if any(w.dynamic for w in remote_words) and len(remote_words) == 1:
                self.an.problem("dynamic_code", f"remote command for {host} known only at run time",
                                inv)
                return Invocation([], cwd=inv.cwd)
            text = " ".join(w.text for w in remote_words)
            self._nested(text, inv, f"ssh {host}", depth, out, remote=True)
            return Invocation([], cwd=inv.cwd)
        compose = None
        container_sub = ""
        if name in ("docker", "podman", "nerdctl") and args:
            # ``docker [--context prod] [container] exec``: past the global options
            texts = [w.text for w in args]
            container_sub, before, _ = subcommand(texts, CONTAINER_GLOBAL_VALUED)
            at = len(before)
            if container_sub == "container" and at + 1 < len(args):
                at += 1
                container_sub = texts[at]
            if container_sub == "compose":
                compose = args[at + 1 :]
            args = args[at:]
        elif name in ("docker-compose", "podman-compose"):
            compose = list(args)
        if compose is not None:
            # docker compose [-f x -p y] exec [opts] SERVICE CMD...
            items = list(compose)
            while items and items[0].text.startswith("-"):
                opt = items.pop(0).text
                if opt in ("-f", "--file", "-p", "--project-name", "--env-file", "--profile",
                           "--project-directory", "--ansi", "--parallel") and items:
                    items.pop(0)
            if items and items[0].text in ("exec", "run"):
                o = parse_opts(items[1:], _DOCKER_EXEC)
                rest = [w for w in o.rest]
                while rest and rest[0].text.startswith("-"):
                    rest.pop(0)  # run's own options (--rm, -T, --no-deps)
                if len(rest) >= 2:
                    service = rest[0].text
                    return self._derive(inv, rest[1:], f"compose {items[0].text} {service}",
                                        remote=True, cwd=o.value("workdir"))
            return None
        if container_sub == "run" and any(w.text.startswith("--entrypoint") for w in args):
            from railguard.shell import runners

            return runners._entrypoint(self, inv, name, len(inv.args) - len(args))
        if container_sub == "exec":
            o = parse_opts(args[1:], _DOCKER_EXEC)
            if len(o.rest) < 2:
                return Invocation([], cwd=inv.cwd)
            if o.has("envfile"):
                # the container's environment comes from a file: judged too (CRED003)
                self.an.add(inv)
                out.append(inv)
            container = o.rest[0].text
            workdir = o.value("workdir")
            derived = self._derive(inv, o.rest[1:], f"{name} exec {container}", remote=True,
                                   cwd=workdir)
            derived.pipe_from = inv.pipe_from
            return derived
        if name in ("kubectl", "oc") and args:
            # ``kubectl [-n ns --context c] exec [opts] POD [--] CMD...``
            texts = [w.text for w in args]
            sub, before, _ = subcommand(texts, _KUBECTL_GLOBAL_VALUED)
            if sub != "exec":
                return None
            items = args[len(before) + 1 :]
            texts = [w.text for w in items]
            if "--" in texts:
                cut = texts.index("--")
                pod = next((w.text for w in items[:cut] if not w.text.startswith("-")), "pod")
                return self._derive(inv, items[cut + 1 :], f"{name} exec {pod}", remote=True,
                                    cwd=None)
            # the old form without ``--``: the words after the pod are the command
            o = parse_opts(items, _KUBECTL_EXEC)
            if len(o.rest) < 2:
                return None
            return self._derive(inv, o.rest[1:], f"{name} exec {o.rest[0].text}", remote=True,
                                cwd=None)
        if name == "tar" and not inv.remote:
            from railguard.shell import runners

            runners._tar_commands(self, inv, depth, out)
            return None
        if name == "gdb" and not inv.remote:
            from railguard.shell import runners

            runners._gdb_commands(self, inv, depth, out)
            return None
        if name == "start-stop-daemon":
            from railguard.shell import runners

            return runners._start_stop_daemon(self, inv)
        if name in ("valgrind", "ssh-agent", "perf"):
            items = list(args)
            if name == "perf":
                if not items or items[0].text not in ("stat", "record", "trace", "sched",
                                                      "mem", "c2c", "kvm", "lock", "kmem"):
                    return None
                items = items[1:]
            spec = _SSH_AGENT if name == "ssh-agent" else _PERF if name == "perf" else _VALGRIND
            o = parse_opts(items, spec)
            if name == "perf" and o.rest and o.rest[0].text in ("record", "report", "script"):
                o = parse_opts(o.rest[1:], spec)  # ``perf sched record CMD``
            return self._derive(inv, o.rest, name) if o.rest else None
        if name in ("busybox", "toybox") and args:
            return self._derive(inv, args, name)
        if name in ("sed", "gsed") and not inv.remote:
            self._sed_exec(inv, depth, out)
            return None
        if name in _BUILD_TOOLS and not inv.remote and inv.cwd is not None \
                and self._build_tool(inv, name, depth, out):
            return None
        if name in INTERPRETER_NAMES:
            self._interpreter(inv, name, depth, out)
            return None
        if name == "dotenv" and args and args[0].text != "run":
            # dotenv-cli: ``dotenv [-e FILE]... -- CMD``; python-dotenv: ``dotenv [-f FILE]
            # run [--override] CMD``
            texts = [w.text for w in args]
            if "--" in texts:
                rest = args[texts.index("--") + 1 :]
            elif "run" in texts:
                rest = list(args[texts.index("run") + 1 :])
                while rest and rest[0].text.startswith("--"):
                    rest.pop(0)
            else:
                return None
            return self._derive(inv, rest, "dotenv") if rest else None
        if name in _CRED_WRAPPERS and args and args[0].text in ("exec", "run", "exec-env"):
            texts = [w.text for w in args]
            if "--" in texts:
                rest = args[texts.index("--") + 1 :]
            else:
                # the profile (if the tool takes one), then the command
                items = [w for w in args[1:] if not w.text.startswith("-")]
                rest = items[1:] if name in ("aws-vault", "aws-sso", "aws-okta", "chamber",
                                             "saml2aws") else items
                if rest:
                    rest = args[texts.index(rest[0].text, 1) :]
            if not rest:
                return None
            return self._derive(inv, rest, f"{name} {args[0].text}")
        if name in _LAUNCHERS:
            subs, spec = _LAUNCHERS[name]
            items = list(args)
            if subs:
                # pnpm dlx / bundle exec / uv run: only with the sub-command, and the launcher's
                # own options may stand before it
                while items and items[0].text.startswith("-"):
                    items.pop(0)
                if not items or items[0].text not in subs:
                    return None
                items = items[1:]
            if name == "nix":
                # nix develop [INSTALLABLE] [opts] --command CMD ARGS... (the rest of the line)
                texts = [w.text for w in items]
                for flag in ("-c", "--command"):
                    if flag in texts:
                        rest = items[texts.index(flag) + 1 :]
                        return self._derive(inv, rest, f"nix {args[0].text}") if rest else None
                return None
            if name == "mise":
                # mise exec [TOOL@VERSION...] -- CMD: the tools come before ``--``
                texts = [w.text for w in items]
                if "--" in texts:
                    items = [w for w in items[: texts.index("--")] if w.text.startswith("-")] \
                        + items[texts.index("--") :]
            o = parse_opts(items, spec)
            call = o.value("call")
            if call:
                return self._shell_string(inv, Word(call), f"{name} -c", depth, out)
            rest = o.rest
            if name == "direnv" and rest:
                rest = rest[1:]  # direnv exec DIR CMD
            if name == "hatch" and rest and ":" in rest[0].text and not rest[0].text.startswith(
                    ("/", ".")):
                # hatch run ENV:SCRIPT: a script of the project's own configuration
                return None
            if not rest:
                return None
            if rest[0].text == "--":
                rest = rest[1:]
            if not rest:
                return None
            if name == "uv" and not rest[0].dynamic and (
                    rest[0].text.endswith((".py", ".pyw")) or o.has("script")) and \
                    not rest[0].text.lower().startswith(("http://", "https://")):
                # ``uv run wipe.py``: uv runs a Python file with the project's python
                rest = [Word("python"), *rest]
            return self._derive(inv, rest, name)
        # a local script run by path: ./deploy.sh, scripts/x.py
        first = inv.argv[0]
        if first.text.lower().startswith(("http://", "https://")):
            # ``uv run https://x.io/s.py``, ``pipx run URL``: a launcher given a URL runs it
            self.an.problem("remote_code", f"runs {first.text[:80]}, code from the network",
                            inv)
            return None
        if name == "crontab" and not inv.remote and (
                not any(not w.text.startswith("-") or w.text == "-" for w in args)
                or any(w.text == "-" for w in args)) and any(
                s.name in NETWORK_FETCHERS for s in _pipe_sources(inv.pipe_from)):
            # ``curl URL | crontab -``: code from the network installed to run later
            self.an.problem("remote_code", "crontab installs jobs downloaded by the same "
                            "command, code from the network run later", inv)
            return None
        if "/" in first.text and not first.dynamic and not inv.remote:
            path = resolve(first.text, inv.cwd, self.an.home)
            if path and path in self.st.downloads:
                self.an.problem("remote_code", f"runs {first.text}, downloaded by the same "
                                "command", inv)
                return None
            if path and self._unknown_file(path):
                self.an.problem("dynamic_code", f"runs {first.text}, which this same command "
                                "writes with content not known before it runs", inv)
                return None
            if path and not path.startswith(("/usr/", "/bin/", "/sbin/", "/opt/homebrew/")):
                kind = _script_kind(path, self.st.files.get(path), self.an)
                if kind is not None:
                    self._run_script_file(inv, first, kind, first.text, depth, out)
        return None

    def _build_tool(self, inv: Invocation, name: str, depth: int,
                    out: list[Invocation]) -> bool:
        """make, npm/yarn/pnpm/bun scripts, just: the code the tool runs, read from its files
        (``shell.buildtools``) and analysed as code run by that tool. False: the call runs
        none of them (``npm exec``, ``bun file.ts``), left to the other handlers."""
        from railguard.shell import buildtools

        assert inv.cwd is not None
        key = (name, inv.cwd, tuple(w.text for w in inv.args))
        if key in self.an.build_seen:
            return True  # ``all: ; $(MAKE) all``: already read
        self.an.build_seen.add(key)
        env = {**self.st.exported, **inv.env}
        env.setdefault("HOME", self.an.home)
        env.setdefault("PWD", inv.cwd)

        def read(path: str) -> str | None:
            if path in self.st.files:
                return self.st.files[path]
            if path in self.st.downloads:
                self.an.problem("remote_code", f"{name} reads {path}, downloaded by the same "
                                "command", inv)
                return None
            if self._unknown_file(path):
                self.an.problem("dynamic_code", f"{name} reads {path}, which this same command "
                                "writes with content not known before it runs", inv)
                return None
            return self.an.read_script(path, remember=False)

        if name in ("make", "gmake"):
            stdin = inv.stdin_text
            if stdin is None and len(inv.pipe_from) == 1:
                stdin = printed(inv.pipe_from[0])
            reading: buildtools.Reading | None = buildtools.read_make(
                inv.args, inv.cwd, env, stdin, bool(inv.pipe_from), read)
        elif name == "just":
            reading = buildtools.read_just(inv.args, inv.cwd, read)
        else:
            # npm and pnpm take settings from ``npm_config_*`` variables too (any case, '_' for
            # '-'); the command line wins, so they go first, as options
            settings = [Word(f"--{k[11:].lower().replace('_', '-')}={v}", v.startswith("$"))
                        for k, v in inv.env.items()
                        if name in ("npm", "pnpm") and k.lower().startswith("npm_config_")
                        and len(k) > 11]
            reading = buildtools.read_package(name, [*settings, *inv.args], inv.cwd, read)
        if reading is None:
            return False
        for kind, detail in reading.problems:
            self.an.problem(kind, detail, inv)
        for text, label, cwd in reading.runs:
            st = State(cwd, dict(env), False, self.st.files, dict(self.st.exported))
            st.downloads = self.st.downloads
            st.unknown_files = self.st.unknown_files
            first_inv = len(self.an.out.invocations)
            first_problem = len(self.an.out.problems)
            out.extend(self.an.code(text, st, depth + 1, (*inv.via, label)))
            if reading.marks:
                buildtools.restore(reading, self.an.out.invocations[first_inv:])
                for p in self.an.out.problems[first_problem:]:
                    p.detail = reading.restore_text(p.detail)[0]
        return True

    def _sed_exec(self, inv: Invocation, depth: int, out: list[Invocation]) -> None:
        """GNU sed runs shell commands (the ``e`` command, the ``e`` flag of ``s``), reads
        files (``r``, ``R``) and writes them (``w``, ``W``, the ``w`` flag of ``s``): its
        command line is read the way sed reads it (shell/sed.py)."""
        if any(w.dynamic for w in inv.args):
            self._sed_patterns(inv, depth, out)
            return
        from railguard.shell.sed import read_sed

        def script_file(name: str) -> str | None:
            if name == "-":
                return inv.stdin_text
            path = resolve(name, inv.cwd, self.an.home)
            if path is None or inv.remote:
                return None
            known = self.st.files.get(path)
            return known if known is not None else self.an.read_script(path, remember=False)

        call = read_sed([w.text for w in inv.args], script_file)
        if call is None:
            # a command line sed refuses, or one not read here: the plain patterns still apply
            self._sed_patterns(inv, depth, out)
            return
        for text in call.runs:
            self._nested(text, inv, "sed e", depth, out)
        for text in call.run_parts:
            self._nested(text, inv, "sed s///e", depth, out)
        if call.runs_unknown:
            self.an.problem("dynamic_code", "sed runs lines of its input as shell commands", inv)
        for name in call.reads:
            out.extend(self.expand(self._derive(inv, [Word("cat"), Word(name)], "sed r"), depth))
        for name in call.writes:
            out.extend(self.expand(self._derive(inv, [Word("tee"), Word(name)], "sed w"), depth))

    def _sed_patterns(self, inv: Invocation, depth: int, out: list[Invocation]) -> None:
        """The ``e`` commands visible in sed scripts, when the command line cannot be read
        whole (a script known only at run time, or one sed would refuse)."""
        args = inv.args
        scripts: list[Word] = []
        texts = [w.text for w in args]
        explicit = False
        for i, t in enumerate(texts):
            if t in ("-e", "--expression") and i + 1 < len(args):
                scripts.append(args[i + 1])
                explicit = True
            elif t.startswith("--expression="):
                scripts.append(Word(t.split("=", 1)[1], args[i].dynamic))
                explicit = True
        if not explicit:
            first = next((w for w in args if not w.text.startswith("-")), None)
            if first is not None:
                scripts.append(first)
        for script in scripts:
            text = script.text
            if "e" not in text:
                continue
            # s<d>regex<d>replacement<d>flags (flags with e: the result is run)
            for m in re.finditer(r"(?:^|[;\n{}])\s*(?:\d+|/[^/]*/|\$)?\s*s(.)", text):
                d = m.group(1)
                if d.isalnum() or d in " \\\n":
                    continue
                parts = re.split(r"(?<!\\)" + re.escape(d), text[m.end():], maxsplit=2)
                if len(parts) == 3:
                    flags = re.match(r"[a-zA-Z0-9]*", parts[2])
                    if flags and "e" in flags.group(0):
                        if script.dynamic:
                            self.an.problem("dynamic_code", "sed runs a command built at run "
                                            "time", inv)
                        else:
                            self._nested(parts[1], inv, "sed s///e", depth, out)
            for m in re.finditer(r"(?:^|[;\n])\s*(?:\d+|/[^/]*/|\$)?\s*e\s+([^;\n]+)", text):
                self._nested(m.group(1), inv, "sed e", depth, out)

    def _option_commands(self, inv: Invocation, name: str, depth: int,
                         out: list[Invocation]) -> None:
        """ssh -o ProxyCommand=..., LocalCommand, KnownHostsCommand; rsync -e CMD: run here."""
        args = inv.args
        for i, w in enumerate(args):
            t = w.text
            value: Word | None = None
            if name in ("ssh", "scp", "sftp", "autossh"):
                opt = None
                if t == "-o" and i + 1 < len(args):
                    opt = args[i + 1]
                elif t.startswith("-o") and len(t) > 2:
                    opt = Word(t[2:], w.dynamic)
                if opt is not None:
                    # -o Key=value or -o "Key value"
                    m = re.match(r"\s*(\w+)\s*(?:=|\s)\s*(.*)", opt.text, re.S)
                    if m and m.group(1).lower() in ("proxycommand", "localcommand",
                                                    "knownhostscommand"):
                        value = Word(m.group(2), opt.dynamic)
            elif name == "rsync":
                if t in ("-e", "--rsh") and i + 1 < len(args):
                    value = args[i + 1]
                elif t.startswith("--rsh="):
                    value = Word(t.split("=", 1)[1], w.dynamic)
            if value is not None and value.text and value.text.lower() != "none":
                self._shell_string(inv, value, f"{name} option", depth, out)
            if name in ("ssh", "scp", "sftp", "autossh") and not inv.remote and (
                    t == "-F" or (t.startswith("-F") and len(t) > 2)):
                config = args[i + 1] if t == "-F" and i + 1 < len(args) else Word(t[2:],
                                                                                 w.dynamic)
                from railguard.shell import runners

                runners._ssh_config(self, inv, config, depth, out)

    def _git(self, inv: Invocation, depth: int, out: list[Invocation]) -> None:
        """What git runs as shell commands: configuration that names a command (``-c``,
        ``GIT_CONFIG_*``), ``rebase --exec``, ``bisect run``, ``submodule foreach``,
        ``difftool --extcmd``, ``grep -O``, ``filter-branch`` filters, ``ext::`` remotes."""
        args = inv.args
        env = inv.env
        config: list[tuple[str, Word]] = []
        count = env.get("GIT_CONFIG_COUNT", "")
        if count.isdigit():
            for k in range(min(int(count), 64)):
                key = env.get(f"GIT_CONFIG_KEY_{k}")
                value = env.get(f"GIT_CONFIG_VALUE_{k}")
                if key is not None and value is not None:
                    config.append((key, Word(value, value.startswith("$"))))
        params = env.get("GIT_CONFIG_PARAMETERS")
        if params:
            for w in self._split_words(params):
                key, _, value = w.text.partition("=")
                config.append((key, Word(value, w.dynamic)))
        i = 0
        from_env: set[str] = set()  # keys given by --config-env (the git pack sees only -c)
        while i < len(args):
            t = args[i].text
            if t in ("-c", "--config-env") and i + 1 < len(args):
                key, _, value = args[i + 1].text.partition("=")
                if t == "--config-env":
                    config.append((key, self._config_env(inv, value)))
                    from_env.add(key.lower())
                else:
                    config.append((key, Word(value, args[i + 1].dynamic)))
                i += 2
                continue
            if t.startswith("--config-env="):
                key, _, value = t.split("=", 1)[1].partition("=")
                config.append((key, self._config_env(inv, value)))
                from_env.add(key.lower())
            elif t.startswith("-c") and len(t) > 2:
                key, _, value = t[2:].partition("=")
                config.append((key, Word(value, args[i].dynamic)))
            elif t in ("-C", "--git-dir", "--work-tree", "--namespace", "--super-prefix",
                       "--exec-path", "--list-cmds", "--attr-source"):
                i += 1
            elif not t.startswith("-"):
                break
            i += 1
        sub = args[i].text if i < len(args) else ""
        rest = args[i + 1 :]
        for key, code_word in config:
            low = key.lower()
            if low == f"alias.{sub.lower()}" and low in from_env:
                # ``git --config-env=alias.x=VAR x``: the alias' text is the variable's value
                if code_word.dynamic:
                    self.an.problem("dynamic_code", f"git alias {sub} is defined by a variable "
                                    "known only at run time", inv)
                elif code_word.text.startswith("!"):
                    self._shell_string(inv, Word(code_word.text[1:]), f"git alias {sub}",
                                       depth, out)
                else:
                    alias_argv = [Word("git"), *self._split_words(code_word.text), *rest]
                    out.extend(self.expand(self._derive(inv, alias_argv, f"git alias {sub}"),
                                           depth))
                continue
            if _git_code_key(low, code_word.text):
                if low.startswith("credential") and code_word.text.startswith("!"):
                    # a helper that starts with ``!`` is a shell command without the ``!``
                    code_word = Word(code_word.text[1:], code_word.dynamic, False, code_word.sub)
                self._shell_string(inv, code_word, f"git -c {key}", depth, out)
        strings: list[Word] = []
        texts = [w.text for w in rest]
        if sub == "rebase":
            for j, t in enumerate(texts):
                if t in ("-x", "--exec") and j + 1 < len(rest):
                    strings.append(rest[j + 1])
                elif t.startswith("--exec="):
                    strings.append(Word(t[7:], rest[j].dynamic))
                elif t.startswith("-") and not t.startswith("--") and "x" in t[1:]:
                    value = t[t.index("x", 1) + 1 :]
                    strings.append(Word(value, rest[j].dynamic) if value
                                   else (rest[j + 1] if j + 1 < len(rest) else Word("")))
        elif sub in ("difftool", "mergetool"):
            for j, t in enumerate(texts):
                if t in ("-x", "--extcmd") and j + 1 < len(rest):
                    strings.append(rest[j + 1])
                elif t.startswith("--extcmd="):
                    strings.append(Word(t[9:], rest[j].dynamic))
                elif t.startswith("-x") and len(t) > 2:
                    strings.append(Word(t[2:], rest[j].dynamic))
        elif sub == "grep":
            for j, t in enumerate(texts):
                if t.startswith("-O") and len(t) > 2:
                    strings.append(Word(t[2:], rest[j].dynamic))
                elif t.startswith("--open-files-in-pager="):
                    strings.append(Word(t.split("=", 1)[1], rest[j].dynamic))
        elif sub == "filter-branch":
            for j, t in enumerate(texts):
                if t.startswith("--") and t.endswith("-filter") and j + 1 < len(rest):
                    strings.append(rest[j + 1])
        elif sub == "bisect" and texts[:1] == ["run"] and len(rest) > 1:
            out.extend(self.expand(self._derive(inv, rest[1:], "git bisect run"), depth))
        elif sub == "submodule":
            words = list(rest)
            while words and words[0].text.startswith("-"):
                words.pop(0)
            if words and words[0].text == "foreach":
                words = words[1:]
                while words and words[0].text in ("--recursive", "--quiet", "-q"):
                    words.pop(0)
                if words:
                    strings.append(Word(" ".join(w.text for w in words),
                                        any(w.dynamic for w in words),
                                        False, [x for w in words for x in (w.sub or [])]))
        for code in strings:
            if code.text:
                self._shell_string(inv, code, f"git {sub}", depth, out)
        for w in args:
            if w.text.startswith("ext::"):
                # ``ext::CMD ARGS``: git runs the command as the transport ("% " is a space)
                argv = _git_ext_argv(w.text[5:])
                if w.dynamic or not argv:
                    self.an.problem("dynamic_code", f"git runs the command of {w.text}", inv)
                else:
                    out.extend(self.expand(self._derive(inv, argv, "git ext::"), depth))

    def _config_env(self, inv: Invocation, var: str) -> Word:
        """The value of the variable ``git --config-env=KEY=VAR`` reads, when the command
        sets it."""
        value = inv.env.get(var)
        if value is None or value == "$" + var:
            return Word("$" + var, True)
        return Word(value)

    def _may_run(self, inv: Invocation, name: str, depth: int, out: list[Invocation]) -> None:
        """A program railguard does not know, handed the name of one it has rules for as an
        operand (``bwrap --bind / / rm -rf ~``, ``xyz-exec git push --force``), may run it with
        the words that follow: what cannot be known is not allowed silently, so those words
        are judged as that command too, as for an option whose value is not known
        (``unknown_takes``). A harmless tail (``installer git``) has no finding; programs that
        only look up, install, document or print names are known (``brew install git``,
        ``man rm``). Each such operand is tried (up to four), since one may be an option's
        value (``wrap -u node rm -rf ~``)."""
        spots = [k for k in range(1, len(inv.argv)) if _names_runnable(inv.argv[k])]
        if not spots or known_program(name):
            return
        for k in spots[:4]:
            label = f"{name} may run {inv.argv[k].text}"
            out.extend(self.expand(self._derive(inv, inv.argv[k:], label), depth))

    def _split_words(self, text: str) -> list[Word]:
        tree = parser().parse(text.encode("utf-8", "surrogatepass"))
        words: list[Word] = []
        stack = [tree.root_node]
        while stack:
            n = stack.pop()
            if n.type == "command":
                for c in n.named_children:
                    if c.type == "command_name":
                        words.append(self.word(c.named_children[0]) if c.named_children
                                     else Word(_text(c)))
                    elif c.type not in ("variable_assignment", "file_redirect"):
                        words.append(self.word(c))
                break
            stack.extend(reversed(n.named_children))
        return words

    def _nested(self, text: str, inv: Invocation, label: str, depth: int,
                out: list[Invocation], remote: bool | None = None,
                params: list[Word] | None = None) -> None:
        is_remote = inv.remote if remote is None else remote
        st = State(None if is_remote else inv.cwd, {} if is_remote else dict(self.st.vars),
                   is_remote, self.st.files)
        if not is_remote:
            st.shaped = dict(self.st.shaped)
            st.dynamic_writes = self.st.dynamic_writes
        if params is not None:
            # ``bash -c 'rm -rf "$1"' _ ~``: the words after the script are $0, $1, ...
            for i, w in enumerate(params[:10]):
                st.vars[str(i)] = None if w.dynamic else w.text
            rest = params[1:]
            st.arrays["@"] = None if any(w.dynamic for w in rest) else [w.text for w in rest]
        invs = self.an.code(text, st, depth + 1, (*inv.via, label), is_remote)
        out.extend(invs)
        if not is_remote and inv.name in ("eval", "source", ".") and st.cwd != inv.cwd:
            self.st.cwd = st.cwd  # eval "cd x" and source change the calling shell

    def _code_problem(self, inv: Invocation, code: Word, label: str) -> None:
        """Code whose text is computed at run time: from the network, decoded, or unknown."""
        subs = code.sub or []
        if subs and all(_prints_shell_setup(s) for s in subs):
            return  # eval "$(ssh-agent -s)", eval "$(pyenv init -)": a tool's own setup
        fetcher = next((s for s in subs if s.name in NETWORK_FETCHERS), None)
        if fetcher is not None:
            self.an.problem("remote_code", f"code downloaded by {fetcher.display()} is run by "
                            f"{label}", inv)
        elif any(s.name in DECODERS for s in subs):
            source = next(s for s in subs if s.name in DECODERS)
            self.an.problem("decoded_code", f"text produced by {source.display()} is run as "
                            f"code by {label}", inv)
        else:
            self.an.problem("dynamic_code", f"{label}: command text known only at run time", inv)

    def _shell_string(self, inv: Invocation, code: Word, label: str, depth: int,
                      out: list[Invocation], params: list[Word] | None = None) -> Invocation:
        if code.dynamic:
            self._code_problem(inv, code, label)
        else:
            self._nested(code.text, inv, label, depth, out, params=params)
        return Invocation([], cwd=inv.cwd)

    def _startup_files(self, inv: Invocation, name: str, depth: int,
                       out: list[Invocation]) -> None:
        """``BASH_ENV=FILE bash x.sh``: the shell reads FILE as code before anything else."""
        startup = [(var, inv.env[var]) for var in STARTUP_VARIABLES if inv.env.get(var)]
        if name == "zsh" and inv.env.get("ZDOTDIR"):
            startup.append(("ZDOTDIR", inv.env["ZDOTDIR"].rstrip("/") + "/.zshenv"))
        for var, file in startup:
            if file.startswith("$"):
                self.an.problem("dynamic_code", f"{name} first runs the file {var} names, "
                                "known only at run time", inv)
            else:
                self._run_script_file(inv, Word(file), "shell", f"{var}={file}", depth, out)

    def _shell(self, inv: Invocation, name: str, depth: int,
               out: list[Invocation]) -> Invocation | None:
        args = inv.args
        if name == "busybox":
            name = args[0].text
            args = args[1:]
        self._startup_files(inv, name, depth, out)
        # ``+e``, ``+x``, ``+o NAME``: options switched off, before the command string
        kept: list[Word] = []
        items = list(args)
        while items:
            w = items.pop(0)
            t = w.text
            if t in ("+o", "+O", "-o", "-O"):
                kept.append(Word("-o"))
                if items:
                    kept.append(items.pop(0))
                continue
            if t.startswith("+") and len(t) > 1 and not w.dynamic:
                continue
            if t == "--" or not t.startswith("-") or w.dynamic:
                kept.append(w)
                kept.extend(items)
                break
            kept.append(w)
        o = parse_opts(kept, _SHELL)
        if o.has("noexec"):
            return Invocation([], cwd=inv.cwd)  # syntax check only
        label = f"{name} -c"
        if "command" in o.flags:
            if not o.positionals:
                return Invocation([], cwd=inv.cwd)
            return self._shell_string(inv, o.positionals[0], label, depth, out,
                                      params=o.positionals[1:] or None)
        if o.positionals and o.positionals[0].text == "-":
            o.positionals = []  # ``bash -``: the program comes from standard input
        if o.positionals and not o.has("stdin"):
            self._run_script_file(inv, o.positionals[0], "shell", f"{name} {o.positionals[0].text}",
                                  depth, out)
            return Invocation([], cwd=inv.cwd)
        self._stdin_code(inv, name, "shell", depth, out)
        return Invocation([], cwd=inv.cwd)

    def _stdin_code(self, inv: Invocation, name: str, lang: str, depth: int,
                    out: list[Invocation]) -> None:
        """An interpreter reading its program from standard input."""
        if inv.stdin_text is not None:
            self._run_code(inv, inv.stdin_text, lang, f"{name} <<<", depth, out)
            return
        for r in inv.redirects:
            if r.op == "<" and r.target is not None:
                self._run_script_file(inv, r.target, lang, f"{name} < {r.target.text}", depth, out)
                return
        if not inv.pipe_from:
            if inv.remote or inv.via:
                return
            return  # an interactive shell: nothing to judge here
        sources = _pipe_sources(inv.pipe_from)
        names = {s.name for s in sources}
        if names & NETWORK_FETCHERS:
            fetcher = next(s for s in sources if s.name in NETWORK_FETCHERS)
            self.an.problem("remote_code", f"code downloaded by {fetcher.display()} is run by "
                            f"{name}", inv)
            return
        for s in sources:
            if s.name in ("echo", "printf") and not any(w.dynamic for w in s.args):
                text = printed(s)
                if text is None:
                    self.an.problem("dynamic_code", f"output of {s.display()} is run as "
                                    f"code by {name}", inv)
                    return
                self._run_code(inv, text, lang, f"{s.name} | {name}", depth, out)
                return
            if s.name == "yes" and not any(w.dynamic for w in s.args):
                # ``yes CMD | sh``: the same line over and over
                words = [w.text for w in s.args]
                line = " ".join(words[1:] if words[:1] == ["--"] else words) or "y"
                self._run_code(inv, line + "\n", lang, f"yes | {name}", depth, out)
                return
            if s.name == "cat" and s.args and not s.inputs_dynamic:
                for w in s.args:
                    if not w.text.startswith("-"):
                        self._run_script_file(inv, w, lang, f"cat {w.text} | {name}", depth, out)
                return
            if s.stdin_text is not None and s.name == "cat":
                self._run_code(inv, s.stdin_text, lang, f"cat <<EOF | {name}", depth, out)
                return
        source = sources[0]
        if names & DECODERS or any(s.name is None for s in sources):
            self.an.problem("decoded_code", f"text produced by {source.display()} is run as code "
                            f"by {name}", inv)
        else:
            self.an.problem("dynamic_code", f"output of {source.display()} is run as code by "
                            f"{name}", inv)

    def _run_code(self, inv: Invocation, text: str, lang: str, label: str, depth: int,
                  out: list[Invocation]) -> None:
        if lang == "shell":
            self._nested(text, inv, label, depth, out)
        else:
            self._inline(inv, lang, text, label, depth, out)

    def _run_script_file(self, inv: Invocation, word: Word, lang: str, label: str, depth: int,
                         out: list[Invocation]) -> None:
        if word.dynamic:
            if word.sub and any(s.name in NETWORK_FETCHERS for s in word.sub):
                fetcher = next(s for s in word.sub if s.name in NETWORK_FETCHERS)
                self.an.problem("remote_code", f"code downloaded by {fetcher.display()} is run "
                                f"by {inv.name}", inv)
            elif word.sub:
                self.an.problem("dynamic_code", f"{label}: code produced at run time", inv)
            return
        if inv.remote:
            return
        path = resolve(word.text, inv.cwd, self.an.home)
        if path is None:
            return
        if path in self.st.downloads:
            self.an.problem("remote_code", f"{label}: runs {word.text}, downloaded by the same "
                            "command", inv)
            return
        if self._unknown_file(path):
            self.an.problem("dynamic_code", f"{label}: runs {word.text}, which this same "
                            "command writes with content not known before it runs", inv)
            return
        if path.startswith(("/dev/", "/proc/")) and path not in self.st.files:
            # /dev/stdin, /dev/fd/3 (``exec 3<<<'...'``), /proc/self/fd/N: code that cannot be
            # read ahead of time
            self.an.problem("dynamic_code", f"{label}: code read from {path}", inv)
            return
        text = self.st.files.get(path)
        if text is None:
            text = self.an.read_script(path)
        if text is None:
            return
        if lang == "auto":
            lang = _script_kind(path, text, self.an) or "shell"
        if lang == "shell":
            self._nested(text, inv, f"script {word.text}", depth, out)
        else:
            self._inline(inv, lang, text, f"script {word.text}", depth, out)

    def _interpreter(self, inv: Invocation, name: str, depth: int, out: list[Invocation]) -> None:
        from railguard.shell.interpreters import INTERPRETERS

        lang, code_flags, opt_spec = INTERPRETERS[name]
        args = inv.args
        if name == "deno":
            url = next((w for w in args if w.text.lower().startswith(("http://", "https://"))),
                       None)
            if url is not None and (not args or args[0].text in ("run", "install", "x",
                                                                  "compile") or args[0] is url):
                # ``deno run -A https://x.io/a.ts``, ``deno https://...``, ``deno install``
                self.an.problem("remote_code", f"deno runs {url.text[:80]}, code from the "
                                "network", inv)
                return
            if args and args[0].text == "eval" and len(args) > 1:
                self._inline(inv, lang, args[1].text, "deno eval", depth, out, args[1].dynamic)
            elif args and args[0].text == "run":
                script = next((w for w in args[1:] if not w.text.startswith("-")), None)
                if script is not None:
                    self._run_script_file(inv, script, lang, f"deno run {script.text}", depth, out)
            return
        if lang == "node":
            # ``node -pe CODE`` is print + eval: the code follows
            args = [Word("-e") if w.text in ("-pe", "-ep") else w for w in args]
        o = parse_opts(args, opt_spec)
        if lang == "awk":
            if o.has("sandbox"):
                return  # gawk --sandbox: no system(), no pipes, no file writes
            if "file" in o.values:
                for f in o.values["file"]:
                    self._run_script_file(inv, Word(f), lang, f"{name} -f {f}", depth, out)
            elif o.positionals:
                program = o.positionals[0]
                self._inline(inv, lang, program.text, f"{name} program", depth, out,
                             program.dynamic)
            return
        for flag in code_flags:
            if flag in o.values:
                for code in o.values[flag]:
                    word = next((w for w in args if w.text == code), Word(code))
                    self._inline(inv, lang, code, f"{name} {flag}", depth, out, word.dynamic)
                return
        if o.has("version", "help"):
            return
        if o.has("module"):
            self._local_module(inv, name, lang, o.value("module"), o.has("I", "P"), depth, out)
            return
        positionals = o.positionals
        if name == "tsx" and positionals and positionals[0].text == "watch":
            positionals = positionals[1:]  # ``tsx watch FILE``: the same file, run again
        script = positionals[0] if positionals else None
        if script is not None and script.text != "-":
            self._run_script_file(inv, script, lang, f"{name} {script.text}", depth, out)
            return
        self._stdin_code(inv, name, lang, depth, out)

    def _local_module(self, inv: Invocation, name: str, lang: str, module: str | None,
                      isolated: bool, depth: int, out: list[Invocation]) -> None:
        """``python -m NAME`` puts the current folder first on the module path: a module of
        that name in it (``NAME.py``, ``NAME/__main__.py``) is what runs, read like a script.
        ``-I`` and ``-P`` leave the folder out."""
        if lang != "python" or isolated or module is None or inv.remote or inv.cwd is None \
                or not all(part.isidentifier() for part in module.split(".")):
            return
        rel = module.replace(".", "/")
        for candidate in (f"{rel}.py", f"{rel}/__main__.py"):
            path = os.path.join(inv.cwd, candidate)
            if os.path.isfile(path):
                self._run_script_file(inv, Word(path), lang, f"{name} -m {module}", depth, out)
                return

    def _inline(self, inv: Invocation, lang: str, code: str, label: str, depth: int,
                out: list[Invocation], dynamic: bool = False) -> None:
        if dynamic:
            word = next((w for w in inv.args if w.text == code), Word(code, True))
            self._code_problem(inv, word, label)
            return
        from railguard.shell.inline import scan

        calls, shell_texts, problems = scan(lang, code)
        via = (*inv.via, label)
        for argv in calls:
            synth = Invocation([Word(a) for a in argv], cwd=inv.cwd, via=via, remote=inv.remote,
                               source=inv.source)
            self.an.add(synth)
            out.append(synth)
        for text in shell_texts:
            self._nested(text, inv, label, depth, out)
        for p in problems:
            self.an.problem("dynamic_code", f"{label}: {p}", inv)

    # -- xargs and parallel: commands fed by their input -------------------------------------

    def _input_text(self, inv: Invocation) -> str | None:
        """A command's input when the command itself writes it (a here-string, a heredoc,
        ``echo``/``printf`` piped in)."""
        if inv.stdin_text is not None:
            return inv.stdin_text
        if len(inv.pipe_from) == 1:
            return printed(inv.pipe_from[0])
        return None

    def _xargs(self, inv: Invocation, depth: int, out: list[Invocation]) -> Invocation | None:
        from railguard.shell.xargs import parse_xargs, xargs_commands

        call = parse_xargs(inv.args)
        template = call.template or [Word("echo")]
        repl = call.replace
        if call.arg_file is not None:
            inv.stdin_text = None
            inv.pipe_from = []  # -a FILE: the input is a file's content, not stdin
        if repl is None and call.insert is not None \
                and any(w.text == call.insert for w in template):
            insert = call.insert  # BSD -J: the items in the place of that word
        else:
            insert = None
        text = self._input_text(inv)
        fed = xargs_commands(text, call) if text is not None else None
        if fed is not None:
            for items in fed.commands[:MAX_LOOP_VALUES]:
                self._run_filled(inv, template, repl, items, "xargs", depth, out, insert)
            if not fed.commands and repl is None:
                # nothing to run (-r): the command is judged as written all the same
                self._run_filled(inv, template, None, [], "xargs", depth, out)
            if fed.complete and len(fed.commands) <= MAX_LOOP_VALUES:
                self._input_becomes_code(
                    inv, "xargs", depth,
                    lambda walk, _out: walk._fed_unknown(inv, template, repl or insert,
                                                         "xargs"))
                return Invocation([], cwd=inv.cwd)
            # an unmatched quote: xargs runs what it has read, then stops with an error; or
            # more commands than are followed one by one: the rest is judged as unknown input
        return self._fed_unknown(inv, template, repl or insert, "xargs")

    def _run_filled(self, inv: Invocation, template: list[Word], repl: str | None,
                    items: list[str], label: str, depth: int, out: list[Invocation],
                    insert: str | None = None) -> None:
        """Run ``template`` with input items filled in (replacing ``repl``, in the place of the
        word ``insert``, or appended)."""
        at = next((i for i, w in enumerate(template) if w.text == insert), None)
        if at is not None:
            argv = [*template[:at], *(Word(i) for i in items), *template[at + 1 :]]
        elif repl is not None and any(repl in w.text for w in template):
            item = " ".join(items)
            argv = [Word(w.text.replace(repl, item), w.dynamic, w.glob) if repl in w.text else w
                    for w in template]
        else:
            argv = [*template, *(Word(i) for i in items)]
        sub = self._derive(inv, argv, label)
        sub.pipe_from = []
        sub.stdin_text = None
        out.extend(self.expand(sub, depth))

    def _fed_unknown(self, inv: Invocation, template: list[Word], repl: str | None, label: str,
                     pattern: re.Pattern[str] | None = None) -> Invocation:
        """xargs/parallel with input not known: it stands where it goes, as a word known only
        at run time (so ``xargs bash -c`` is code from the input, ``xargs sudo --`` a computed
        program)."""
        sub = list(inv.pipe_from) or None
        argv: list[Word] = []
        found = False
        for w in template:
            t = w.text
            if repl is not None and repl in t:
                t = t.replace(repl, "{input}")
            if pattern is not None:
                t = pattern.sub("{input}", t)
            if t != w.text:
                found = True
                argv.append(Word(t, True, w.glob, sub))
            else:
                argv.append(w)
        if not found:
            argv.append(Word("{input}", True, False, sub))
        derived = self._derive(inv, argv, label, inputs_dynamic=True)
        derived.pipe_from = []
        return derived

    def _input_becomes_code(self, inv: Invocation, label: str, depth: int,
                            derive: Callable[[_Walk, list[Invocation]], Invocation | None]
                            ) -> None:
        """The input was written in the command and judged item by item; when those items
        become code or a program name, ask all the same, as for unknown input: how the tool
        cuts its input (delimiters, quotes, ``-E``, ``-n``) decides what runs, and a model of
        it is the weak link. ``derive`` builds the unknown-input command in a scratch walk whose
        findings touch nothing here but those problems."""
        an = Analyzer(self.an.paths, read_scripts=False)
        st = self.st.copy()
        st.files = dict(st.files)
        st.downloads = set(st.downloads)
        st.unknown_files = set(st.unknown_files)
        walk = _Walk(an, st, self.depth, self.via, self.remote)
        sink: list[Invocation] = []
        step = derive(walk, sink)
        if step is not None and step.argv:
            walk.expand(step, depth)
        known = {(p.kind, p.detail) for p in self.an.out.problems}
        for p in an.out.problems:
            if p.kind in ("dynamic_code", "decoded_code") and (p.kind, p.detail) not in known:
                known.add((p.kind, p.detail))
                self.an.problem("dynamic_code", f"the input of {label} becomes code: {p.detail}",
                                p.inv)
        names = {s.display() for s in self.an.out.invocations if s.name is None}
        shown = f"{{input of {label}}}"
        for s in an.out.invocations:
            if s.name is None and s.argv and s.display() not in names:
                names.add(s.display())
                # the input becomes the program: judged as a computed name
                s.argv = [Word(w.text.replace("{input}", shown), w.dynamic, w.glob, w.sub)
                          if w.dynamic else w for w in s.argv]
                self.an.add(s)

    def _find_exec(self, inv: Invocation, depth: int, out: list[Invocation]) -> None:
        from railguard.shell.find import EXEC, parse_find

        cmd = parse_find(inv.args)
        for action in cmd.actions:
            if action.kind not in EXEC or not action.argv:
                continue
            for root in cmd.roots[:4]:
                base = root.text.rstrip("/") or "/"
                # ``{}``: an entry of the walk, which the packs judge with find's own tests;
                # ``*``: any entry, when the action is reached for every entry
                entry = base + ("/{}" if action.guard.tested else "/*")
                argv = [
                    Word(w.text.replace("{}", entry), w.dynamic or root.dynamic,
                         w.glob or "{}" in w.text)
                    for w in action.argv
                ]
                sub = self._derive(inv, argv, f"find {action.kind}", inputs_dynamic=True)
                sub.pipe_from = []
                sub.redirects = []
                out.extend(self.expand(sub, depth))
                # the entries a name test selects, looked up on disk: ``find . -name
                # 'settings*' -exec sed -i ... {} +`` edits .claude/settings.json
                for match in self._find_matches(inv, root, action.guard, cmd):
                    argv = [Word(w.text.replace("{}", match), w.dynamic, w.glob)
                            for w in action.argv]
                    sub = self._derive(inv, argv, f"find {action.kind}")
                    sub.pipe_from = []
                    sub.redirects = []
                    out.extend(self.expand(sub, depth))

    def _find_matches(self, inv: Invocation, root: Word, guard: Cond,
                      cmd: FindCommand) -> list[str]:
        """Up to 16 entries under ``root`` whose name or path matches the name tests that
        lead to an action, as find would hand them over (``./.claude/settings.json``); none
        when the walk is not narrowed by name, cannot be looked at, or is too large to walk."""
        if not guard.narrowed or (not guard.names and not guard.patterns) or root.dynamic \
                or inv.remote or inv.cwd is None:
            return []
        from railguard.globmatch import fnmatchcase

        start = resolve(root.text, inv.cwd, self.an.home)
        if start is None or not os.path.isdir(start):
            return []
        wanted = [*(guard.names or ()), *(guard.patterns or ())]
        shown = root.text.rstrip("/") or "/"
        found: list[str] = []
        seen = 0
        maxdepth = cmd.maxdepth if cmd.maxdepth is not None else 64
        for top, dirs, files in os.walk(start):
            rel = os.path.relpath(top, start)
            level = 0 if rel == "." else rel.count("/") + 1
            if level >= maxdepth:
                dirs[:] = []
            for entry in (*dirs, *files):
                seen += 1
                if seen > 20000:
                    return found
                path = entry if rel == "." else f"{rel}/{entry}"
                if level + 1 < cmd.mindepth or level + 1 > maxdepth:
                    continue
                full = f"{shown}/{path}"
                if any(fnmatchcase(entry.lower(), p.lower())
                       or fnmatchcase(full.lower(), p.lower()) for p in wanted):
                    found.append(full)
                    if len(found) >= 16:
                        return found
        return found


def printf_output(args: list[str]) -> str | None:
    """What ``printf FORMAT ARGS...`` prints, for the plain formats (%s %b %d %%)."""
    if not args:
        return None
    fmt = args[0]
    rest = args[1:]
    if "\\" in fmt:
        from railguard.shell.inline import unescape

        fmt = unescape(fmt)
    out: list[str] = []
    for _ in range(64):
        i = 0
        piece: list[str] = []
        used = 0
        while i < len(fmt):
            c = fmt[i]
            if c == "%" and i + 1 < len(fmt):
                spec = fmt[i + 1]
                if spec == "%":
                    piece.append("%")
                elif spec in "sbdiu":
                    piece.append(rest[used] if used < len(rest) else "")
                    used += 1
                else:
                    return None
                i += 2
                continue
            piece.append(c)
            i += 1
        out.append("".join(piece))
        rest = rest[used:]
        if not rest or used == 0:
            break
    return "".join(out)


def printed(inv: Invocation) -> str | None:
    """What an ``echo`` or ``printf`` with literal arguments writes (None for anything else)."""
    if inv.name not in ("echo", "printf") or any(w.dynamic for w in inv.args):
        return None
    words = [w.text for w in inv.args]
    if inv.name == "printf":
        return printf_output(words)
    newline = "\n"
    escapes = False
    while words and len(words[0]) > 1 and words[0][0] == "-" and all(c in "neE"
                                                                     for c in words[0][1:]):
        flags = words.pop(0)  # echo takes options only up front, clustered or not
        if "n" in flags:
            newline = ""
        for c in flags[1:]:
            if c in "eE":
                escapes = c == "e"
    text = " ".join(words)
    if escapes:
        # ``echo -e``: backslash escapes; ``\c`` ends the output
        stop = text.find("\\c")
        if stop >= 0:
            text, newline = text[:stop], ""
        from railguard.shell.inline import unescape

        text = unescape(text.replace("\\0", "\\"))
    return text + newline


#: extensions of the local scripts the walk reads when it knows their path
_SCRIPT_EXTENSIONS = frozenset(("sh", "bash", "zsh", "ksh", "fish", "py", "js", "mjs", "cjs",
                                "ts", "rb", "pl", "php", "ps1", "bat", "cmd"))
#: substitutions that print the folder of a tool's installed programs
_BIN_PRINTERS = ("npm bin", "pnpm bin", "yarn bin", "npm bin -g", "pnpm bin -g",
                 "go env GOBIN", "go env GOPATH", "brew --prefix", "pyenv root",
                 "rbenv root", "nodenv root", "python3 -m site --user-base",
                 "python -m site --user-base")

#: the last component of the text standing for what ``$(mktemp)`` prints (see
#: ``_Walk._mktemp_output``): it holds a '$', so a path that goes on below it
#: (``"$tmp/.."``, ``"$tmp"/x``) has an unknown folder
MKTEMP_MARK = "$(mktemp)"
_MKTEMP_LONG = ("--directory", "--dry-run", "--quiet", "--suffix", "--tmpdir", "--help",
                "--version")


def _seal_mktemp(parts: list[str]) -> None:
    """A word that goes on after mktemp's name without a '/' (``"$tmp".bak``, ``"$tmp"*``)
    keeps no folder: where mktemp fails and prints nothing, that rest stands alone (``*``)."""
    for k, part in enumerate(parts):
        if not part.endswith(MKTEMP_MARK):
            continue
        after = next((p for p in parts[k + 1 :] if p), "")
        if after and not after.startswith("/"):
            parts[k] = MKTEMP_MARK


def mktemp_folder(args: list[Word], tmpdir: str | None, tmpdir_unknown: bool) -> str | None:
    """The folder GNU ``mktemp ARGS`` makes its file or directory in, as written (relative to
    the working directory when not absolute, "" for the working directory itself), or None
    when it is not known statically or mktemp would refuse (and print nothing).

    Without a template (or with ``-t``, ``-p DIR``, ``--tmpdir[=DIR]``) the name is made under
    a folder: for ``-t``, $TMPDIR, else DIR, else /tmp; otherwise DIR, else $TMPDIR, else
    /tmp. A template of its own is taken as written, relative to the working directory."""
    template: str | None = None
    dest: str | None = None
    use_dest = t_opt = ended = False
    suffix: str | None = None
    i = 0
    while i < len(args):
        w = args[i]
        t = w.text
        i += 1
        if w.dynamic or w.glob:
            return None
        if ended or not t.startswith("-") or t == "-":
            if template is not None:
                return None  # more than one template: mktemp refuses
            template = t
            continue
        if t == "--":
            ended = True
            continue
        if t.startswith("--"):
            spelled, eq, val = t.partition("=")
            full = [n for n in _MKTEMP_LONG if n.startswith(spelled)]
            if len(full) != 1 and spelled not in _MKTEMP_LONG:
                return None
            long = spelled if spelled in _MKTEMP_LONG else full[0]
            if long == "--suffix":
                if not eq:
                    if i >= len(args) or args[i].dynamic:
                        return None
                    val = args[i].text
                    i += 1
                suffix = val
            elif long == "--tmpdir":
                use_dest = True
                dest = val if eq else None
            elif long in ("--help", "--version") or eq:
                return None
            continue
        j = 1
        while j < len(t):
            c = t[j]
            j += 1
            if c in "duq":
                continue
            if c == "t":
                use_dest = t_opt = True
            elif c == "p":
                if j < len(t):
                    dest = t[j:]
                elif i < len(args) and not args[i].dynamic:
                    dest = args[i].text
                    i += 1
                else:
                    return None
                use_dest = True
                break
            else:
                return None
    if suffix is not None and "/" in suffix:
        return None
    if template is None:
        template = "tmp.XXXXXXXXXX"
        use_dest = True
    last = template.rsplit("/", 1)[-1]
    # at least three X's, at the end of the template, or before the suffix it then implies
    if not (last if suffix is not None else last[: last.rfind("X") + 1]).endswith("XXX"):
        return None
    env_dir = None if tmpdir_unknown else (tmpdir or None)
    if tmpdir_unknown and (t_opt or (use_dest and not dest)):
        return None
    if use_dest:
        if t_opt:
            base = env_dir or dest or "/tmp"
            if "/" in template:
                return None
        else:
            base = dest or env_dir or "/tmp"
            if template.startswith("/"):
                return None
        folder = base.rstrip("/") + "/" + template.rpartition("/")[0] if "/" in template \
            else base
    else:
        folder = template.rpartition("/")[0] if "/" in template else ""
        if template.startswith("/") and not folder:
            folder = "/"
    while folder.startswith("./"):
        folder = folder[2:]
    if folder in (".", "./"):
        folder = ""
    if folder.startswith("~") or any(p in (".", "..") for p in folder.split("/")):
        return None  # a literal '~' folder, or ``..`` whose target a link decides
    return folder


def _fold_output(subs: list[Invocation]) -> str | None:
    """The output of a substitution that only echoes literal words (one word, no spaces)."""
    if len(subs) != 1:
        return None
    inv = subs[0]
    if inv.redirects or inv.pipe_from or any(w.glob for w in inv.args):
        return None
    if inv.name == "pwd" and inv.cwd is not None and not inv.remote \
            and all(w.text in ("-L", "-P") for w in inv.args):
        # ``$(pwd)``: the folder the command runs in
        here = os.path.realpath(inv.cwd) if any(w.text == "-P" for w in inv.args) else inv.cwd
        return None if any(c.isspace() for c in here) else here
    text = printed(inv)
    if text is None:
        return None
    text = text.strip("\n")
    if not text or any(c.isspace() for c in text):
        return None
    return text


#: (program, first argument) pairs whose output is the shell setup of a local tool, made to be
#: eval'ed: ``eval "$(ssh-agent -s)"``, ``eval "$(pyenv init -)"``, ``eval "$(direnv hook bash)"``
_SHELL_SETUP = {
    "ssh-agent": None, "keychain": None, "dircolors": None, "gpg-agent": None,
    "pyenv": "init", "rbenv": "init", "nodenv": "init", "jenv": "init", "goenv": "init",
    "plenv": "init", "direnv": "hook", "zoxide": "init", "starship": "init", "fnm": "env",
    "mise": "activate", "rtx": "activate", "brew": "shellenv", "opam": "env", "luarocks": "path",
    "thefuck": "--alias", "conda": "shell.bash", "micromamba": "shell", "fzf": "--bash",
    "atuin": "init", "mcfly": "init", "pipenv": "--completion", "register-python-argcomplete": None,
}


def _prints_shell_setup(inv: Invocation) -> bool:
    name = inv.name
    if name not in _SHELL_SETUP or inv.pipe_from:
        return False
    first = _SHELL_SETUP[name]
    if first is None:
        return True
    words = [w.text for w in inv.args if not w.dynamic]
    return first in words


#: programs that pass their standard input through unchanged (or nearly): what feeds them
#: feeds the next stage
_PASS_THROUGH = frozenset({"tee", "pv", "buffer", "mbuffer", "dd", "stdbuf", "cat", "head",
                           "tail", "sed", "tr", "grep", "awk", "sort", "uniq", "iconv"})


def _pipe_sources(sources: list[Invocation]) -> list[Invocation]:
    """The producers of a stage's input, looking through pass-through filters
    (``curl x | tee f | bash`` is fed by curl)."""
    out: list[Invocation] = []
    stack = list(sources)
    seen = 0
    while stack and seen < 64:
        seen += 1
        s = stack.pop(0)
        out.append(s)
        reads_files = s.name in ("cat", "head", "tail", "sed", "grep", "awk", "sort", "uniq") \
            and any(not w.text.startswith("-") for w in s.args[1 if s.name in ("sed", "grep",
                                                                               "awk") else 0:])
        if s.name in _PASS_THROUGH and not reads_files:
            stack.extend(s.pipe_from)
    return out


def _script_kind(path: str, known: str | None, an: Analyzer) -> str | None:
    """shell/python/node/... for a local file that a command would execute, else None."""
    ext = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
    by_ext = {"sh": "shell", "bash": "shell", "zsh": "shell", "py": "python", "js": "node",
              "mjs": "node", "cjs": "node", "ts": "node", "rb": "ruby", "pl": "perl",
              "php": "php"}
    if ext in by_ext:
        if known is None and not os.path.isfile(path):
            return None
        return by_ext[ext]
    head = known
    if head is None:
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                return None
            with open(path, "rb") as fh:
                head = fh.read(128).decode("utf-8", "replace")
        except OSError:
            return None
    if head.startswith("#!"):
        line = head.split("\n", 1)[0]
        for key, lang in (("python", "python"), ("node", "node"), ("ruby", "ruby"),
                          ("perl", "perl"), ("php", "php"), ("sh", "shell")):
            if key in line:
                return lang
    return None


def _changed_vars(before: State, after: State) -> set[str]:
    """Variables (and arrays) whose value differs between two states of one walk."""
    out = {k for k, v in after.vars.items() if k not in before.vars or before.vars[k] != v}
    out |= {k for k in before.vars if k not in after.vars}
    out |= {k for k, v in after.arrays.items() if before.arrays.get(k, 0) != v}
    out |= {k for k in (*before.shaped, *after.shaped)
            if before.shaped.get(k) != after.shaped.get(k)}
    return out


#: a name in a set of changed variables that stands for every variable (an assignment
#: through ``declare -n`` to a name not known statically)
ANY_VAR = "*"


def _forget(st: State, names: set[str] | frozenset[str]) -> None:
    if ANY_VAR in names:
        names = {*names, *st.vars, *st.arrays}
    for k in names:
        st.vars[k] = None
        st.shaped.pop(k, None)
        if k == "@":
            st.arrays["@"] = None
        else:
            st.arrays.pop(k, None)


#: git configuration keys whose value is a shell command (``*`` stands for any middle part)
_GIT_CODE_KEYS = ("core.sshcommand", "core.editor", "core.pager", "core.askpass",
                  "core.fsmonitor", "core.gitproxy", "sequence.editor", "diff.external",
                  "diff.*.command", "diff.*.textconv", "merge.*.driver", "filter.*.clean",
                  "filter.*.smudge", "filter.*.process", "pager.*", "credential.helper",
                  "credential.*.helper", "gpg.program", "gpg.*.program",
                  "uploadpack.packobjectshook", "interactive.difffilter", "difftool.*.cmd",
                  "mergetool.*.cmd", "web.browser", "browser.*.cmd", "sendemail.sendmailcmd",
                  "sendemail.tocmd", "sendemail.cccmd", "sendemail.headercmd",
                  "ssh.variant")


def _git_code_key(key: str, value: str) -> bool:
    """Does git run ``value`` as a shell command for this key? (Shell aliases, ``alias.x=!cmd``,
    are judged by the git pack, which knows their arguments and directory.)"""
    parts = key.split(".")
    for pattern in _GIT_CODE_KEYS:
        pp = pattern.split(".")
        if len(pp) == 2 and pp[1] == "*":
            ok = len(parts) >= 2 and parts[0] == pp[0]
        elif len(pp) == 3:
            ok = len(parts) >= 3 and parts[0] == pp[0] and parts[-1] == pp[2]
        else:
            ok = key == pattern
        if not ok:
            continue
        if pattern == "ssh.variant":
            return False
        if pattern in ("pager.*", "core.fsmonitor") and value.lower() in (
                "true", "false", "yes", "no", "on", "off", "1", "0", ""):
            return False
        if pattern.startswith("credential") and not value.startswith(("!", "/")):
            return False  # a helper's name (``store``, ``cache``): git-credential-NAME
        return True
    return False


def _git_ext_argv(spec: str) -> list[Word]:
    """The command of an ``ext::`` remote: words split on spaces, ``%`` escapes."""
    words: list[Word] = []
    cur: list[str] = []
    i = 0
    while i < len(spec):
        c = spec[i]
        if c == "%" and i + 1 < len(spec):
            nxt = spec[i + 1]
            cur.append({" ": " ", "%": "%"}.get(nxt, ""))
            i += 2
            continue
        if c == " ":
            if cur:
                words.append(Word("".join(cur)))
            cur = []
        else:
            cur.append(c)
        i += 1
    if cur:
        words.append(Word("".join(cur)))
    return words


def _only_line_continuations(node: Node, start: int, end: int) -> bool:
    """Is the source between two byte offsets only backslash-newlines (at least one)?"""
    if end <= start:
        return False
    data: bytes = node.text
    gap = data[start - node.start_byte : end - node.start_byte]
    return gap.replace(b"\\\n", b"") == b"" and b"\\\n" in gap


def _text(node: Node) -> str:
    data: bytes = node.text
    return data.decode("utf-8", "surrogateescape")


def analyze(command: str, cwd: str | None, paths: PathContext) -> Analysis:
    return Analyzer(paths).run(command, cwd)
