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
import re
import stat

from railguard.model import Invocation, Redirect, Word
from railguard.shell import inline
from railguard.shell.options import OptSpec
from railguard.shell.options import parse as parse_opts
from railguard.shell.paths import PathContext, resolve
from railguard.shell.treesitter import parser

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Node = Any

MAX_DEPTH = 8
MAX_SCRIPT_BYTES = 512 * 1024
MAX_LOOP_VALUES = 16

#: environment variables whose value is run as a shell command by the program they are set for
CODE_VARIABLES = frozenset({"GIT_SSH_COMMAND", "GIT_EDITOR", "GIT_PAGER", "GIT_EXTERNAL_DIFF",
                            "GIT_SEQUENCE_EDITOR", "EDITOR", "VISUAL", "PAGER", "PROMPT_COMMAND"})
SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh", "ash", "mksh", "yash", "busybox-sh"})
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
    __slots__ = ("invocations", "problems")

    def __init__(self) -> None:
        self.invocations: list[Invocation] = []
        self.problems: list[Problem] = []


class State:
    """What the walker knows at one point of a script."""

    __slots__ = ("cwd", "downloads", "exported", "files", "remote", "vars")

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

    def copy(self) -> State:
        st = State(self.cwd, dict(self.vars), self.remote, self.files, dict(self.exported))
        st.downloads = self.downloads
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
    body = raw[2:-1] if raw.startswith("$'") and raw.endswith("'") else raw
    return inline.unescape(body)


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
    {"-i": "ignore", "-0": "null", "-v": "debug", "--ignore-environment": "ignore",
     "--null": "null", "--debug": "debug", "-": "ignore"},
    {"-u": "unset", "--unset": "unset", "-C": "chdir", "--chdir": "chdir", "-S": "split",
     "--split-string": "split", "-P": "path", "--default-signal": "sig", "--ignore-signal": "sig",
     "--block-signal": "sig", "-a": "argv0", "--argv0": "argv0"},
    stop_at_positional=True,
)
_SIMPLE_PREFIX = {
    "nohup": OptSpec(stop_at_positional=True),
    "unshare": OptSpec({}, {"--propagation": "p", "-S": "uid", "--setuid": "uid", "-G": "gid",
                            "--setgid": "gid", "-R": "root", "--root": "root", "-w": "wd",
                            "--wd": "wd", "--map-user": "mu", "--map-group": "mg",
                            "--setgroups": "sg", "--monotonic": "m", "--boottime": "b"},
                       stop_at_positional=True),
    "systemd-run": OptSpec({}, {"-p": "p", "--property": "p", "-u": "unit", "--unit": "unit",
                                "--description": "d", "-E": "env", "--setenv": "env",
                                "--uid": "uid", "--gid": "gid", "--nice": "nice",
                                "--working-directory": "wd", "-M": "machine",
                                "--machine": "machine", "-H": "host", "--host": "host",
                                "--slice": "slice", "--on-active": "t", "--on-calendar": "t"},
                           stop_at_positional=True),
    "runuser": OptSpec({"-l": "l", "-m": "m", "-p": "p"}, {"-u": "user", "-g": "g", "-G": "G",
                                                          "-s": "shell", "-w": "w"},
                       stop_at_positional=True),
    "setpriv": OptSpec({}, {"--reuid": "u", "--regid": "g", "--groups": "gr",
                            "--inh-caps": "c", "--bounding-set": "b", "--securebits": "s",
                            "--selinux-label": "l", "--apparmor-profile": "a"},
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
    "time": OptSpec({"-p": "p", "-v": "v", "-a": "a", "-q": "q"}, {"-f": "f", "-o": "o"},
                    stop_at_positional=True),
    "nice": OptSpec({}, {"-n": "n", "--adjustment": "n"}, stop_at_positional=True),
    "ionice": OptSpec({"-t": "t"}, {"-c": "c", "-n": "n", "--class": "c", "--classdata": "n"},
                      stop_at_positional=True),
    "stdbuf": OptSpec({}, {"-i": "i", "-o": "o", "-e": "e", "--input": "i", "--output": "o",
                           "--error": "e"}, stop_at_positional=True),
    "chrt": OptSpec({"-b": "b", "-f": "f", "-i": "i", "-o": "o", "-r": "r", "-d": "d", "-e": "e",
                     "-a": "a", "-R": "R"}, {"-T": "T", "-P": "P", "-D": "D"},
                    stop_at_positional=True),
    "taskset": OptSpec({"-a": "a", "-c": "c"}, {}, stop_at_positional=True),
    "caffeinate": OptSpec({"-d": "d", "-i": "i", "-m": "m", "-s": "s", "-u": "u"},
                          {"-t": "t", "-w": "w"}, stop_at_positional=True),
    "exec": OptSpec({"-c": "c", "-l": "l"}, {"-a": "a"}, stop_at_positional=True),
    "command": OptSpec({"-p": "p", "-v": "query", "-V": "query"}, stop_at_positional=True),
    "busybox": OptSpec(stop_at_positional=True),
    "doas": _DOAS,
}
_TIMEOUT = OptSpec(
    {"--foreground": "fg", "--preserve-status": "ps", "-v": "verbose", "--verbose": "verbose",
     "-f": "fg", "-p": "ps"},
    {"-s": "signal", "--signal": "signal", "-k": "kill", "--kill-after": "kill"},
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
_XARGS = OptSpec(
    {"-0": "null", "-r": "r", "-t": "t", "-p": "p", "-x": "x", "-o": "o", "--null": "null",
     "--replace": "replace",
     "--no-run-if-empty": "r", "--verbose": "t", "--interactive": "p", "--exit": "x",
     "--open-tty": "o"},
    {"-I": "replace", "-J": "replace", "-R": "R", "-S": "S", "-n": "n", "-P": "P", "-L": "L",
     "-d": "delim", "-E": "eof", "-s": "s", "-a": "file", "--max-args": "n", "--max-procs": "P",
     "--max-lines": "L", "--delimiter": "delim", "--eof": "eof", "--max-chars": "s",
     "--arg-file": "file", "--process-slot-var": "psv"},
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
                              "--frozen": "fr", "--locked": "lk", "--no-sync": "ns"},
                             {"--with": "with", "-p": "python", "--python": "python",
                              "--project": "project", "--directory": "dir", "--env-file": "ef",
                              "--extra": "extra", "--group": "group", "--package": "pkg"},
                             stop_at_positional=True)),
    "uvx": ((), OptSpec({}, {"--with": "with", "--from": "from", "-p": "python",
                             "--python": "python"}, stop_at_positional=True)),
    "pipx": (("run",), OptSpec({}, {"--spec": "spec"}, stop_at_positional=True)),
    "direnv": (("exec",), OptSpec(stop_at_positional=True)),
    "mise": (("exec", "x"), OptSpec(stop_at_positional=True)),
    "devbox": (("run",), OptSpec(stop_at_positional=True)),
    "rtk": ((), OptSpec(stop_at_positional=True)),
}
#: credential wrappers: ``aws-vault exec PROFILE [opts] -- CMD``
_CRED_WRAPPERS = frozenset({"aws-vault", "aws-sso", "aws-okta", "saml2aws", "granted",
                            "op", "doppler", "infisical", "teller", "chamber", "dotenv",
                            "sops"})


class Analyzer:
    """Turns command text into Invocations. One per decision; not thread-safe."""

    def __init__(self, paths: PathContext, *, read_scripts: bool = True) -> None:
        self.paths = paths
        self.home = paths.home
        self.read_scripts = read_scripts
        self.out = Analysis()
        self._scripts_seen: set[str] = set()

    # -- entry points ------------------------------------------------------------------------

    def run(self, command: str, cwd: str | None) -> Analysis:
        self.code(command, State(cwd), 0, ())
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
        if root.has_error:
            self.out.problems.append(Problem("parse", _first_error(root, data)))
        ctx = _Walk(self, st, depth, via, remote)
        return ctx.stmt(root)

    def add(self, inv: Invocation) -> None:
        self.out.invocations.append(inv)

    def problem(self, kind: str, detail: str, inv: Invocation | None = None) -> None:
        self.out.problems.append(Problem(kind, detail, inv))

    def read_script(self, path: str) -> str | None:
        if not self.read_scripts or path in self._scripts_seen:
            return None
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                return None  # never read a FIFO, a device or a descriptor of this process
            with open(path, "rb") as fh:
                data = fh.read(MAX_SCRIPT_BYTES + 1)
        except OSError:
            return None
        if len(data) > MAX_SCRIPT_BYTES:
            self.problem("too_large", f"script {path} is too large to check")
            return None
        if b"\0" in data[:8192]:
            return None  # a binary: nothing to read
        self._scripts_seen.add(path)
        return data.decode("utf-8", "replace")


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
            for c in node.named_children:
                if c.type == "variable_assignment":
                    name, value = self.assign(c, self.st.vars)
                    if exported:
                        self.st.exported[name] = value if value is not None else "$" + name
                        self._code_in_env(name, value)
                else:
                    self.word(c)
            return []
        if t == "unset_command":
            for c in node.named_children:
                self.st.vars.pop(_text(c), None)
            return []
        if t == "for_statement":
            return self.for_loop(node)
        if t in ("if_statement", "case_statement", "while_statement", "c_style_for_statement"):
            return self.branches(node)
        if t == "function_definition":
            body = node.child_by_field_name("body")
            saved = self.st
            self.st = saved.copy()
            try:
                return self.stmt(body) if body is not None else []
            finally:
                self.st = saved
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

    def branches(self, node: Node) -> list[Invocation]:
        """if/case/while: every branch may run; a ``cd`` inside one makes cwd unknown after."""
        out: list[Invocation] = []
        start = self.st
        changed = False
        for child in node.named_children:
            self.st = start.copy()
            out.extend(self.stmt(child))
            if self.st.cwd != start.cwd:
                changed = True
            start.vars.update({k: v for k, v in self.st.vars.items() if k not in start.vars})
        self.st = start
        if changed:
            self.st.cwd = None
        return out

    def for_loop(self, node: Node) -> list[Invocation]:
        var = node.child_by_field_name("variable")
        body = node.child_by_field_name("body")
        values: list[Word] = []
        for i, child in enumerate(node.children):
            if node.field_name_for_child(i) == "value":
                values.append(self.word(child))
        name = _text(var) if var is not None else ""
        out: list[Invocation] = []
        if body is None:
            return out
        statics = [w.text for w in values if not w.dynamic and not w.glob]
        if values and len(statics) == len(values) and len(values) <= MAX_LOOP_VALUES:
            for v in statics:
                self.st.vars[name] = v
                out.extend(self.stmt(body))
        else:
            self.st.vars[name] = None
            out.extend(self.stmt(body))
        return out

    def pipeline(self, node: Node) -> list[Invocation]:
        out: list[Invocation] = []
        prev: list[Invocation] = []
        saved = self.st
        for child in node.named_children:
            self.st = saved.copy()
            stage = self.stmt(child, prev)
            out.extend(stage)
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
        if "[" in name:
            name = name.split("[", 1)[0]
        if value_node is None:
            value: str | None = ""
        else:
            w = self.word(value_node)
            value = None if w.dynamic else w.text
        into[name] = value
        return name, value

    def _code_in_env(self, name: str, value: str | None) -> None:
        """Variables whose value git or another tool runs as a shell command."""
        if name not in CODE_VARIABLES or not value:
            return
        self.an.code(value, State(self.st.cwd, {}, self.remote, self.st.files), self.depth + 1,
                     (*self.via, f"{name}="), self.remote)

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

    def word(self, node: Node) -> Word:
        t = node.type
        if t == "word":
            raw = _text(node)
            text = _unescape_unquoted(raw)
            if text == "~" or text.startswith("~/"):
                text = self.an.home + text[1:]
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
            for c in node.named_children:
                if c.type == "string_content":
                    parts.append(_unescape_double(_text(c)))
                else:
                    w = self.word(c)
                    parts.append(w.text)
                    dynamic = dynamic or w.dynamic
                    if w.sub:
                        subs.extend(w.sub)
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

    def variable(self, name: str, written: str) -> Word:
        if name in self.st.vars:
            value = self.st.vars[name]
            if value is None:
                return Word(written, True)
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
                argv.append(self.word(inner[0]) if inner else Word(_text(child)))
            elif field == "argument" or child.is_named:
                if ct == "comment":
                    continue
                argv.append(self.word(child))
        # words after a redirect inside the command (``FOO=1 >x git reset --hard``)
        argv.extend(self.spilled[spilled_before:])
        del self.spilled[spilled_before:]
        if extra_args:
            argv.extend(extra_args)
        if not argv:
            # bare assignments with redirects: ``FOO=1 > file``
            for k, v in env.items():
                self.st.vars[k] = v
            if redirects:
                inv = Invocation([Word(":")], cwd=self.st.cwd, redirects=redirects,
                                 via=self.via, remote=self.remote, source=_text(node))
                self.an.add(inv)
                return [inv]
            return []
        inv = Invocation(argv, cwd=self.st.cwd, env=env, redirects=redirects,
                         stdin_text=stdin_text, pipe_from=pipe_from, via=self.via,
                         remote=self.remote, source=_text(node))
        self._track_cd(inv)
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
        if name not in ("cd", "pushd", "popd", "chdir"):
            return
        args = [w for w in inv.args if not w.text.startswith("-") or w.text == "-"]
        if name == "popd" or (args and args[0].text == "-"):
            self.st.cwd = None
            return
        if not args:
            self.st.cwd = None if self.remote else self.an.home
            return
        target = args[0]
        if target.dynamic:
            self.st.cwd = None
            return
        self.st.cwd = resolve(target.text, self.st.cwd, self.an.home)

    def _track_download(self, inv: Invocation) -> None:
        if inv.name not in ("curl", "wget") or inv.remote:
            return
        from railguard.shell.effects import write_targets

        targets = [w.text for w in write_targets(inv) if not w.dynamic]
        words = [w.text for w in inv.args]
        urls = [t for t in words if "://" in t]
        remote_name = inv.name == "curl" and any(
            w in ("--remote-name", "--remote-name-all")
            or (w.startswith("-") and not w.startswith("--") and "O" in w) for w in words)
        if (inv.name == "wget" and not targets) or remote_name:
            # wget URL / curl -O URL: saved under the URL's last path segment
            for url in urls:
                tail = url.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
                if tail and "://" not in tail:
                    targets.append(tail)
        for t in targets:
            path = resolve(t, self.st.cwd, self.an.home)
            if path:
                self.st.downloads.add(path)

    def _track_written(self, inv: Invocation) -> None:
        content = printed(inv)
        if content is not None:
            for r in inv.redirects:
                if r.writes and r.target is not None and not r.target.dynamic:
                    path = resolve(r.target.text, self.st.cwd, self.an.home)
                    if path:
                        previous = self.st.files.get(path, "") if ">>" in r.op else ""
                        self.st.files[path] = previous + content
            return
        if inv.stdin_text is None or inv.name not in ("cat", "tee"):
            return
        targets = [r.target for r in inv.redirects if r.writes and r.target is not None]
        if inv.name == "tee":
            targets += [w for w in inv.args if not w.text.startswith("-")]
        for t in targets:
            if not t.dynamic:
                path = resolve(t.text, self.st.cwd, self.an.home)
                if path:
                    self.st.files[path] = inv.stdin_text

    # -- unwrapping --------------------------------------------------------------------------

    def expand(self, inv: Invocation, depth: int) -> list[Invocation]:
        """Peel wrappers off ``inv``; record every invocation that would run."""
        out: list[Invocation] = []
        for _ in range(32):
            name = inv.name
            if name is None:
                break
            if name.startswith("\\"):
                inv.argv[0] = Word(inv.argv[0].text.lstrip("\\"))
                continue
            step = self._unwrap_once(inv, name, depth, out)
            if step is None:
                break
            if not step.argv:
                return out
            inv = step
        self.an.add(inv)
        out.append(inv)
        return out

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

    def _unwrap_once(self, inv: Invocation, name: str, depth: int,
                     out: list[Invocation]) -> Invocation | None:
        args = inv.args
        if name in ("sudo", "doas", "run0", "pkexec"):
            spec = _DOAS if name == "doas" else _SUDO
            o = parse_opts(args, spec)
            if o.has("list", "version", "help", "validate", "k", "K") and not o.rest:
                return Invocation([], cwd=inv.cwd)
            rest = o.rest
            if not rest and o.has("shell", "login"):
                return Invocation([], cwd=inv.cwd)
            cwd = inv.cwd
            chdir = o.value("chdir")
            if chdir:
                cwd = resolve(chdir, inv.cwd, self.an.home)
            if o.has("edit") or name == "sudoedit":
                return self._derive(inv, [Word("sudoedit"), *rest], name)
            return self._derive(inv, rest, name, cwd=cwd)
        if name == "env":
            o = parse_opts(args, _ENV)
            env: dict[str, str] = {}
            rest = list(o.rest)
            if rest and rest[0].text == "-":
                rest.pop(0)  # ``env -`` is ``env -i``
            while rest and "=" in rest[0].text and not rest[0].text.startswith("="):
                k, _, v = rest.pop(0).text.partition("=")
                env[k] = v
            cwd = inv.cwd
            chdir = o.value("chdir")
            if chdir:
                cwd = resolve(chdir, inv.cwd, self.an.home)
            split = o.value("split")
            if split:
                words = self._split_words(split)
                rest = words + rest
            if not rest:
                return None  # ``env`` alone prints the environment: keep it as is
            return self._derive(inv, rest, "env", env=env, cwd=cwd)
        if name in _SIMPLE_PREFIX:
            o = parse_opts(args, _SIMPLE_PREFIX[name])
            if name == "command" and o.has("query"):
                return Invocation([], cwd=inv.cwd)
            if name == "nice" and o.rest and o.rest[0].text.lstrip("-").isdigit():
                o.rest = o.rest[1:]
            if name == "ionice" and not o.rest:
                return Invocation([], cwd=inv.cwd)
            if name == "taskset" and o.rest and not o.has("-p"):
                o.rest = o.rest[1:]  # the cpu mask
            if not o.rest:
                return Invocation([], cwd=inv.cwd)
            return self._derive(inv, o.rest, name)
        if name == "timeout":
            o = parse_opts(args, _TIMEOUT)
            rest = o.rest[1:]  # drop DURATION
            return self._derive(inv, rest, name)
        if name == "flock":
            # flock [opts] FILE CMD... | flock [opts] FILE -c CMD
            items = list(args)
            while items and items[0].text.startswith("-"):
                opt = items.pop(0).text
                if opt in ("-w", "--timeout", "-E", "--conflict-exit-code") and items:
                    items.pop(0)
            if len(items) >= 3 and items[1].text in ("-c", "--command"):
                return self._shell_string(inv, items[2], "flock -c", depth, out)
            return self._derive(inv, items[1:], name)
        if name == "watch":
            o = parse_opts(args, _WATCH)
            if not o.rest:
                return Invocation([], cwd=inv.cwd)
            if o.has("exec") or len(o.rest) > 1:
                return self._derive(inv, o.rest, name)
            return self._shell_string(inv, o.rest[0], "watch", depth, out)
        if name == "xargs":
            o = parse_opts(args, _XARGS)
            template = o.rest or [Word("echo")]
            repl = o.value("replace")
            if repl == "" or (repl is None and ("-i" in o.flags or "replace" in o.flags)):
                repl = "{}"
            by_line = repl is not None or o.value("L") is not None
            if o.value("file") is not None:
                inv.stdin_text = None
                inv.pipe_from = []  # -a FILE: the input is a file's content, not stdin
            return self._fed(inv, template, repl, by_line, "xargs", depth, out)
        if name == "parallel":
            return self._parallel(inv, depth, out)
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
        if name in ("su", "sg") :
            texts = [w.text for w in args]
            for flag in ("-c", "--command", "--session-command"):
                if flag in texts and texts.index(flag) + 1 < len(args):
                    return self._shell_string(inv, args[texts.index(flag) + 1], f"{name} -c",
                                              depth, out)
            return Invocation([], cwd=inv.cwd)  # an interactive shell
        if name in ("ssh", "scp", "sftp", "rsync", "autossh"):
            self._option_commands(inv, name, depth, out)
        if name == "ssh":
            o = parse_opts(args, _SSH)
            if len(o.rest) < 2:
                return Invocation([], cwd=inv.cwd)
            host = o.rest[0].text
            remote_words = o.rest[1:]
            if any(w.dynamic for w in remote_words) and len(remote_words) == 1:
                self.an.problem("dynamic_code", f"remote command for {host} known only at run time",
                                inv)
                return Invocation([], cwd=inv.cwd)
            text = " ".join(w.text for w in remote_words)
            self._nested(text, inv, f"ssh {host}", depth, out, remote=True)
            return Invocation([], cwd=inv.cwd)
        compose = None
        if name in ("docker", "podman") and len(args) > 1 and args[0].text == "compose":
            compose = args[1:]
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
        if name in ("docker", "podman", "nerdctl") and args and args[0].text == "exec":
            o = parse_opts(args[1:], _DOCKER_EXEC)
            if len(o.rest) < 2:
                return Invocation([], cwd=inv.cwd)
            container = o.rest[0].text
            workdir = o.value("workdir")
            derived = self._derive(inv, o.rest[1:], f"{name} exec {container}", remote=True,
                                   cwd=workdir)
            derived.pipe_from = inv.pipe_from
            return derived
        if name in ("kubectl", "oc") and args and args[0].text == "exec":
            texts = [w.text for w in args]
            if "--" not in texts:
                return None
            cut = texts.index("--")
            pod = next((w.text for w in args[1:cut] if not w.text.startswith("-")), "pod")
            return self._derive(inv, args[cut + 1 :], f"{name} exec {pod}", remote=True, cwd=None)
        if name == "busybox" and args:
            return self._derive(inv, args, "busybox")
        if name in ("sed", "gsed") and not inv.remote:
            self._sed_exec(inv, depth, out)
            return None
        if name in inline.INTERPRETERS:
            self._interpreter(inv, name, depth, out)
            return None
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
            o = parse_opts(items, spec)
            call = o.value("call")
            if call:
                return self._shell_string(inv, Word(call), f"{name} -c", depth, out)
            if not o.rest:
                return None
            return self._derive(inv, o.rest, name)
        # a local script run by path: ./deploy.sh, scripts/x.py
        first = inv.argv[0]
        if "/" in first.text and not first.dynamic and not inv.remote:
            path = resolve(first.text, inv.cwd, self.an.home)
            if path and path in self.st.downloads:
                self.an.problem("remote_code", f"runs {first.text}, downloaded by the same "
                                "command", inv)
                return None
            if path and not path.startswith(("/usr/", "/bin/", "/sbin/", "/opt/homebrew/")):
                kind = _script_kind(path, self.st.files.get(path), self.an)
                if kind is not None:
                    self._run_script_file(inv, first, kind, first.text, depth, out)
        return None

    def _sed_exec(self, inv: Invocation, depth: int, out: list[Invocation]) -> None:
        """GNU sed runs shell commands: the ``e`` command and the ``e`` flag of ``s``."""
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
        if params is not None:
            # ``bash -c 'rm -rf "$1"' _ ~``: the words after the script are $0, $1, ...
            for i, w in enumerate(params[:10]):
                st.vars[str(i)] = None if w.dynamic else w.text
            rest = params[1:]
            if len(rest) == 1:
                st.vars["@"] = st.vars["*"] = st.vars["1"]
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

    def _shell(self, inv: Invocation, name: str, depth: int,
               out: list[Invocation]) -> Invocation | None:
        args = inv.args
        if name == "busybox":
            name = args[0].text
            args = args[1:]
        o = parse_opts(args, _SHELL)
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
        lang, code_flags, opt_spec = inline.INTERPRETERS[name]
        args = inv.args
        if name == "deno":
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
        if o.has("module", "version", "help"):
            return
        script = o.positionals[0] if o.positionals else None
        if script is not None and script.text != "-":
            self._run_script_file(inv, script, lang, f"{name} {script.text}", depth, out)
            return
        self._stdin_code(inv, name, lang, depth, out)

    def _inline(self, inv: Invocation, lang: str, code: str, label: str, depth: int,
                out: list[Invocation], dynamic: bool = False) -> None:
        if dynamic:
            word = next((w for w in inv.args if w.text == code), Word(code, True))
            self._code_problem(inv, word, label)
            return
        calls, shell_texts, problems = inline.scan(lang, code)
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

    def _parallel(self, inv: Invocation, depth: int, out: list[Invocation]) -> Invocation | None:
        items = list(inv.args)
        repl = "{}"
        while items and items[0].text.startswith("-") and items[0].text not in (":::", "::::"):
            opt = items.pop(0).text
            if opt in ("-I", "--replace") and items:
                repl = items.pop(0).text
            elif opt in ("-j", "--jobs", "-S", "--sshlogin", "-a", "--arg-file", "--delimiter",
                         "-d", "-n", "--max-args", "--joblog", "--results", "--tmpdir"):
                if items:
                    items.pop(0)
        cmd: list[Word] = []
        inputs: list[Word] | None = None
        for i, w in enumerate(items):
            if w.text in (":::", ":::+"):
                inputs = [x for x in items[i + 1 :] if x.text not in (":::", ":::+")]
                break
            if w.text in ("::::", "::::+"):
                inputs = [Word(w.text, True)]  # read from files
                break
            cmd.append(w)
        if not cmd:
            # no command: every input is a command line of its own
            if inputs is None:
                inputs = self._static_inputs(inv, by_line=True)
            if inputs is None:
                self.an.problem("dynamic_code", "parallel runs command lines read from its "
                                "input", inv)
                return Invocation([], cwd=inv.cwd)
            for w in inputs[:MAX_LOOP_VALUES]:
                self._shell_string(inv, w, "parallel", depth, out)
            return Invocation([], cwd=inv.cwd)
        if len(cmd) == 1 and " " in cmd[0].text and repl not in cmd[0].text:
            return self._shell_string(inv, cmd[0], "parallel", depth, out)
        if inputs is not None:
            texts = [w for w in inputs if not w.dynamic]
            if len(texts) == len(inputs):
                for w in texts[:MAX_LOOP_VALUES]:
                    self._run_filled(inv, cmd, repl, [w.text], "parallel", depth, out)
                return Invocation([], cwd=inv.cwd)
        return self._fed(inv, cmd, repl, True, "parallel", depth, out)

    def _static_inputs(self, inv: Invocation, *, by_line: bool) -> list[Word] | None:
        """What a command reads as input items, when it is written in the command itself."""
        text: str | None = inv.stdin_text
        if text is None:
            producers = inv.pipe_from
            if len(producers) == 1:
                text = printed(producers[0])
        if text is None:
            return None
        if by_line:
            return [Word(line) for line in text.splitlines() if line.strip()]
        return [Word(w) for w in text.split()]

    def _run_filled(self, inv: Invocation, template: list[Word], repl: str | None,
                    items: list[str], label: str, depth: int, out: list[Invocation]) -> None:
        """Run ``template`` with input items filled in (replacing ``repl``, or appended)."""
        if repl is not None and any(repl in w.text for w in template):
            item = " ".join(items)
            argv = [Word(w.text.replace(repl, item), w.dynamic, w.glob) if repl in w.text else w
                    for w in template]
        else:
            argv = [*template, *(Word(i) for i in items)]
        sub = self._derive(inv, argv, label)
        sub.pipe_from = []
        sub.stdin_text = None
        out.extend(self.expand(sub, depth))

    def _fed(self, inv: Invocation, template: list[Word], repl: str | None, by_line: bool,
             label: str, depth: int, out: list[Invocation]) -> Invocation:
        """xargs/parallel: the command gets its arguments from the input."""
        items = self._static_inputs(inv, by_line=by_line)
        if items is not None:
            if by_line:
                for w in items[:MAX_LOOP_VALUES]:
                    self._run_filled(inv, template, repl, [w.text], label, depth, out)
            else:
                self._run_filled(inv, template, repl, [w.text for w in items], label, depth, out)
            return Invocation([], cwd=inv.cwd)
        # unknown input: it stands where it goes, as a word known only at run time (so
        # ``xargs bash -c`` is code from the input, ``xargs sudo --`` a computed program)
        unknown = Word("{input}", True, False, list(inv.pipe_from) or None)
        if repl is not None and any(repl in w.text for w in template):
            argv = [Word(w.text.replace(repl, "{input}"), True, w.glob, unknown.sub)
                    if repl in w.text else w for w in template]
        else:
            argv = [*template, unknown]
        derived = self._derive(inv, argv, label, inputs_dynamic=True)
        derived.pipe_from = []
        return derived

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


def printf_output(args: list[str]) -> str | None:
    """What ``printf FORMAT ARGS...`` prints, for the plain formats (%s %b %d %%)."""
    if not args:
        return None
    fmt = args[0]
    rest = args[1:]
    fmt = inline.unescape(fmt)
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
    while words and words[0] in ("-n", "-e", "-E"):  # echo takes options only up front
        if words.pop(0) == "-n":
            newline = ""
    return " ".join(words) + newline


def _fold_output(subs: list[Invocation]) -> str | None:
    """The output of a substitution that only echoes literal words (one word, no spaces)."""
    if len(subs) != 1:
        return None
    inv = subs[0]
    if inv.redirects or inv.pipe_from or any(w.glob for w in inv.args):
        return None
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


def _text(node: Node) -> str:
    data: bytes = node.text
    return data.decode("utf-8", "surrogateescape")


def analyze(command: str, cwd: str | None, paths: PathContext) -> Analysis:
    return Analyzer(paths).run(command, cwd)
