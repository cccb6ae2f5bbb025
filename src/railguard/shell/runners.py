"""The rarer programs that run other commands, read for ``shell.analyze``'s walk.

Commands given in an option or an operand (``rg --pre``, ``sort --compress-program``, ``zip
-TT``, ``tcpdump -z``, socat's ``EXEC:``, ``nc -e``, apt's hooks, ``tar --to-command``, ``gdb -ex
shell``, ssh's ``-F`` config), editors, Tcl and Emacs Lisp, PowerShell, ``su``, bubblewrap,
``docker run --entrypoint``, ``start-stop-daemon``, script/tmux/screen/nix-shell/at/fd, GNU
parallel. Few tool calls run any of these, and their code is a large part of the walk's, so it
lives here: ``shell.analyze`` decides by name (a set lookup) and imports this module only when one
of them runs. A class cannot take methods lazily, so each handler is a function taking the walk
(``walk``, a ``_Walk``) first.
"""

from __future__ import annotations

from railguard.model import Invocation, Word
from railguard.shell.analyze import (
    _NETCATS,
    INTERPRETER_NAMES,
    MAX_LOOP_VALUES,
    SHELLS,
    _quote,
    printed,
)
from railguard.shell.options import CONTAINER_RUN_VALUED, OptSpec, first_operand
from railguard.shell.options import parse as parse_opts
from railguard.shell.paths import resolve
from railguard.shell.treesitter import parser

TYPE_CHECKING = False
if not TYPE_CHECKING:
    from railguard.lazyre import re
if TYPE_CHECKING:
    import re
    from collections.abc import Callable

    from railguard.shell.analyze import _Walk

# --- option tables --------------------------------------------------------------------------

#: bubblewrap's options and how many words each takes (``--bind SRC DEST``)
_BWRAP_ARITY = {
    **dict.fromkeys("""--args --userns --userns2 --pidns --uid --gid --hostname --chdir
    --unsetenv --lock-file --sync-fd --remount-ro --exec-label --file-label --proc --dev --tmpfs
    --mqueue --dir --seccomp --add-seccomp-fd --block-fd --userns-block-fd --info-fd
    --json-status-fd --cap-add --cap-drop --perms --size --argv0 --overlay-src --tmp-overlay
    --ro-overlay""".split(), 1),
    **dict.fromkeys("""--setenv --bind --bind-try --dev-bind --dev-bind-try --ro-bind
    --ro-bind-try --bind-fd --ro-bind-fd --file --bind-data --ro-bind-data --symlink
    --chmod""".split(), 2),
    "--overlay": 3,
}
#: bubblewrap's options that show a host path (SRC) at a path inside the sandbox (DEST)
_BWRAP_BINDS = frozenset({"--bind", "--bind-try", "--dev-bind", "--dev-bind-try", "--ro-bind",
                          "--ro-bind-try"})
_SCRIPT = OptSpec(
    {"-a": "append", "-e": "ret", "-f": "flush", "-q": "quiet", "-E": "echo", "-h": "help",
     "-V": "version", "--append": "append", "--return": "ret", "--flush": "flush",
     "--quiet": "quiet", "--force": "force"},
    {"-c": "command", "--command": "command", "-t": "timing", "-T": "timing", "-B": "log",
     "-I": "log", "-O": "log", "-m": "mode", "-o": "size", "--timing": "timing",
     "--log-io": "log", "--log-in": "log", "--log-out": "log", "--logging-format": "mode",
     "--output-limit": "size", "--echo": "echo"},
)
_TMUX_RUNS = frozenset({"new", "new-session", "new-window", "neww", "split-window", "splitw",
                        "respawn-pane", "respawnp", "respawn-window", "respawnw", "run-shell",
                        "run", "if-shell", "if", "pipe-pane", "pipep", "display-popup",
                        "popup"})
_TMUX_CMD = OptSpec(
    {f"-{c}": c for c in "AbBdDEfhIkPvZCoEy"},
    {"-c": "dir", "-e": "env", "-F": "format", "-n": "name", "-s": "session", "-t": "target",
     "-x": "x", "-y": "y", "-l": "size", "-f": "flags", "-L": "L", "-p": "percent",
     "-w": "w", "-h": "h", "-T": "title", "-S": "style", "-M": "M"},
    stop_at_positional=True,
)
#: send-keys: key names that end a line in the pane's shell, and those that type a character
_TMUX_SEND = OptSpec({f"-{c}": c for c in "FHKlMRX"}, {"-N": "N", "-t": "target", "-c": "c"})
_TMUX_ENTER = frozenset({"Enter", "C-m", "C-j", "KPEnter", "^M", "^J"})
_TMUX_CHARS = {"Space": " ", "Tab": "\t", "C-i": "\t"}
_SCREEN = OptSpec(
    {"-d": "d", "-m": "m", "-D": "D", "-R": "R", "-r": "r", "-x": "x", "-L": "L", "-l": "l",
     "-ln": "ln", "-q": "q", "-U": "U", "-O": "O", "-A": "A", "-a": "a", "-i": "i", "-f": "f",
     "-fn": "fn", "-fa": "fa", "-wipe": "wipe", "-list": "list", "-ls": "list",
     "-v": "version", "-X": "X", "-Q": "X"},
    {"-c": "config", "-e": "escape", "-h": "history", "-p": "window", "-S": "session",
     "-s": "shell", "-T": "term", "-t": "title", "-Logfile": "logfile"},
    stop_at_positional=True,
)
_AT = OptSpec(
    {"-m": "mail", "-M": "nomail", "-l": "list", "-d": "remove", "-r": "remove", "-c": "cat",
     "-V": "version", "-b": "batch", "-v": "v"},
    {"-f": "file", "-q": "queue", "-t": "time"},
)
_FD_VALUED = frozenset({"-e", "--extension", "-t", "--type", "-d", "--max-depth",
                        "--min-depth", "--exact-depth", "-E", "--exclude", "-S", "--size",
                        "--changed-within", "--changed-before", "--change-newer-than",
                        "--change-older-than", "-o", "--owner", "--base-directory",
                        "--path-separator", "-j", "--threads", "--max-results", "--color",
                        "-c", "--ignore-file", "--search-path", "--format", "--batch-size"})
#: GNU parallel's options that take a value
#: fd options that narrow the entries found (without one, ``fd . DIR`` is every entry)
_FD_FILTERS = ("-e", "--extension", "-t", "--type", "-E", "--exclude", "-S", "--size",
               "--changed", "--change-", "-o", "--owner", "-g", "--glob", "-d", "--max-depth",
               "--min-depth", "--exact-depth", "-p", "--full-path")
#: GNU parallel's options that take a value (``--eof``, ``--max-lines``, ``-i``, ``-e``, ``-l``
#: take one only glued or after '='); unique prefixes of the long ones are accepted too
_PARALLEL_VALUED = frozenset({
    *(f"-{c}" for c in "BCDEHIJLNPSUWadjns"),
    *(f"--{n}" for n in """arg-file arg-file-sep arg-sep argfile argfilesep argsep basefile
    basenameextensionreplace basenamereplace bf bin block block-size block-timeout blocksize
    blocktimeout bner bnr bt col-sep colsep compressprogram compress-program ctag-string
    ctagstring debug decompressprogram decompress-program delay delimiter dirnamereplace dnr
    env er extensionreplace filter group-by groupby halt halt-on-error haltonerror header id jl
    joblog jobs limit linkinputsource load max-args max-chars max-procs max-replace-args
    maxargs maxchars maxprocs maxreplaceargs memfree memsuspend min-version minversion nice
    parens process-slot-var processslotvar profile recend recstart res result results retries
    return rpl rsync-opts rsyncopts semaphore-name semaphore-timeout semaphorename
    semaphoretimeout seqreplace shard shell-completion shellcompletion slf slotreplace sql
    sql-and-worker sql-master sql-worker sqlandworker sqlmaster sqlworker ssh ssh-delay
    sshdelay sshlogin sshloginfile st tag-string tagstring tempdir template term-seq termseq tf
    timeout tmpdir tmpl total total-jobs totaljobs transfer-file transfer-files transferfile
    transferfiles trc trim usecompressprogram usedecompressprogram wd work-dir workdir
    xapplyinputsource cpus-per-task jobslots""".split()),
})
#: parallel's flags whose names begin other options' names (an exact match wins)
_PARALLEL_FLAG_PREFIXES = frozenset({"--compress", "--ctag", "--group", "--link",
                                     "--semaphore", "--tag", "--transfer", "--xapply"})
#: options whose value parallel runs: as a shell command, or as Perl code
_PARALLEL_SHELL_VALUE = ("--ssh", "--compress-program", "--compressprogram",
                         "--decompress-program", "--decompressprogram",
                         "--usecompressprogram", "--usedecompressprogram")
_PARALLEL_PERL_VALUE = ("--filter", "--rpl", "--parens")
#: parallel's short options that take a value, which may be glued to them (``-j4``, ``-d,``)
_PARALLEL_SHORT = frozenset({*(o for o in _PARALLEL_VALUED if len(o) == 2), "-I"})
#: characters that make parallel's joined command line mean more than its words
_SHELL_SPECIAL = frozenset(" \t\n;&|<>()$`\\\"'*?[#~")
_SORT = OptSpec(
    {**{f"-{c}": c for c in "bdfghiMnRrVcCmsuz"}, **{f"--{n}": n for n in (
        "ignore-leading-blanks", "dictionary-order", "ignore-case", "general-numeric-sort",
        "ignore-nonprinting", "month-sort", "human-numeric-sort", "numeric-sort", "random-sort",
        "reverse", "version-sort", "check", "merge", "stable", "unique", "zero-terminated",
        "debug", "help", "version")}},
    {"-k": "key", "--key": "key", "-t": "sep", "--field-separator": "sep", "-o": "output",
     "--output": "output", "-T": "tmp", "--temporary-directory": "tmp", "-S": "size",
     "--buffer-size": "size", "--files0-from": "files0", "--random-source": "random",
     "--parallel": "parallel", "--compress-program": "compress", "--batch-size": "batch",
     "--sort": "sort"},
)
#: ripgrep's options that take a value
_RG = OptSpec(
    {"--no-pre": "no-pre", "--files": "files", "--type-list": "files"},
    {**{f"-{c}": c for c in "ABCEfgjMmrtTd"}, "-e": "regexp", "--regexp": "regexp",
     "-f": "file", "--file": "file", "--pre": "pre", "--hostname-bin": "hostname-bin",
     **{f"--{n}": n for n in """after-context before-context color colors context
     context-separator dfa-size-limit encoding engine field-context-separator
     field-match-separator glob iglob ignore-file max-columns max-count max-depth max-filesize
     path-separator pre-glob regex-size-limit replace sort sortr threads type type-add
     type-clear type-not hyperlink-format""".split()}},
)
_TCPDUMP = OptSpec(
    {f"-{c}": c for c in "AbDdefHIJKLlnNOpqStuUvx#"},
    {**{f"-{c}": c for c in "BcCEFGijmMrsTVwWyzZQ"}, "--buffer-size": "B", "--interface": "i",
     "--relinquish-privileges": "Z", "--direction": "Q", "--snapshot-length": "s",
     "--time-stamp-type": "j", "--time-stamp-precision": "tsp", "--count": "c",
     "--print-sampling": "ps", "--lengths": "lengths"},
)
#: netcat (traditional, GNU), ncat: ``-e PROG`` runs PROG, ``-c CMD`` runs CMD with /bin/sh
_NETCAT = OptSpec(
    {f"-{c}": c for c in "46bCdDFhklnNrStuUvzZ"},
    {"-e": "exec", "--exec": "exec", "-c": "sh", "--sh-exec": "sh", "--lua-exec": "lua",
     **{f"-{c}": c for c in "gGiIMmOopPqsTVwWxX"},
     **{f"--{n}": n for n in """proxy proxy-type proxy-auth proxy-dns source-port source wait
     delay idle-timeout output hex-dump max-conns allow allowfile deny denyfile ssl-cert ssl-key
     ssl-trustfile ssl-ciphers ssl-servername ssl-alpn""".split()}},
)
#: apt's configuration keys whose value is a shell command it runs (``-o KEY=VALUE``)
_APT_HOOK_KEYS = ("apt::update::pre-invoke", "apt::update::post-invoke",
                  "apt::update::post-invoke-success", "dpkg::pre-invoke", "dpkg::post-invoke",
                  "dpkg::post-invoke-success", "dpkg::pre-install-pkgs")
#: Emacs Lisp calls whose (first) string argument is a shell command
_ELISP_SHELL = (r"\((?:async-shell-command|shell-command(?:-to-string)?|"
                r"call-process-shell-command)\s+\"((?:[^\"\\]|\\.)*)\"")

# --- the walk's handlers --------------------------------------------------------------------

def _ssh_config(walk: _Walk, inv: Invocation, config: Word, depth: int,
                out: list[Invocation]) -> None:
    """``ssh -F FILE``: the commands a config file makes ssh run here (ProxyCommand,
    LocalCommand, KnownHostsCommand, ``Match exec``)."""
    if config.dynamic:
        walk.an.problem("dynamic_code", "ssh reads a config file known only at run time",
                        inv)
        return
    path = resolve(config.text, inv.cwd, walk.an.home)
    if path is None or path == "/dev/null":
        return
    text = walk.st.files.get(path)
    if text is None:
        try:
            with open(path, "rb") as f:
                data = f.read(256 * 1024 + 1)
        except OSError:
            return
        if len(data) > 256 * 1024:
            walk.an.problem("dynamic_code", f"ssh config {config.text} is too large to "
                            "read", inv)
            return
        text = data.decode("utf-8", "replace")
    for line in text.splitlines():
        m = re.match(r"\s*(proxycommand|localcommand|knownhostscommand)\s*(?:=|\s)\s*(.*)",
                     line, re.I)
        if m is None:
            m = re.match(r"\s*match\b.*?\bexec\s+(?:\"([^\"]*)\"|(\S+))", line, re.I)
            command = (m.group(1) or m.group(2)) if m else None
        else:
            command = m.group(2).strip()
        if command and command.lower() != "none":
            walk._shell_string(inv, Word(command), f"ssh -F {config.text}", depth, out)


def _foreign_shell(walk: _Walk, inv: Invocation) -> None:
    """PowerShell and cmd code cannot be read here: asked about (denied by the shell
    pack when it visibly removes the home directory or the root recursively)."""
    code = [w for w in inv.args if not w.text.startswith("-") or " " in w.text]
    if not code and not inv.pipe_from and inv.stdin_text is None:
        return  # an interactive session
    shown = " ".join(w.text for w in inv.args)
    walk.an.problem("dynamic_code", f"{inv.name} runs code railguard cannot read: "
                    f"{shown[:80]}", inv)
    # a visible recursive removal of the home directory or the root: judged as the ``rm``
    # it is, so it is denied like one
    for m in re.finditer(r"(?i)(?:^|[;|&({\s])(?:remove-item|rm|ri|del|erase|rmdir|rd)"
                         r"\s([^;|&\n]*)", shown):
        words = m.group(1).split()
        if not any(w.lower().startswith(("-r", "/s")) for w in words):
            continue
        for w in words:
            bare = w.strip("'\"").rstrip("/\\")
            low = bare.lower()
            target = None
            if low in ("~", "$home", "$env:home", "$env:userprofile", "${env:userprofile}"):
                target = walk.an.home
            elif low in ("", "c:", "$env:systemdrive") and w.strip("'\"") in ("/", "\\", "c:\\",
                                                                       "C:\\", "c:/", "C:/"):
                target = "/"
            if target is not None:
                synth = Invocation([Word("rm"), Word("-rf"), Word(target)], cwd=inv.cwd,
                                   via=(*inv.via, f"{inv.name} -c"), remote=inv.remote,
                                   source=inv.source)
                walk.an.add(synth)
                return


def _editor_commands(walk: _Walk, inv: Invocation, name: str, depth: int,
                     out: list[Invocation]) -> None:
    """vim/nvim/ex ``-c CMD``, ``--cmd CMD``, ``+CMD`` and, in ex mode, commands on
    standard input: ``:!cmd``, ``:r !cmd``, ``:w !cmd`` and ``:%!cmd`` run a shell
    command; ``system()``, ``:terminal``, ``:normal``, ``:execute`` and the language
    interfaces run what cannot be read here, and are asked about."""
    args = inv.args
    commands: list[Word] = []
    ex_mode = name in ("ex", "exim") or any(
        w.text.startswith("-") and not w.text.startswith("--") and ("e" in w.text
                                                                    or "E" in w.text)
        for w in args)
    for j, w in enumerate(args):
        t = w.text
        if t in ("-c", "--cmd") and j + 1 < len(args):
            commands.append(args[j + 1])
        elif t.startswith("+") and len(t) > 1 and not t[1:].isdigit() \
                and not t.startswith("+/"):
            commands.append(Word(t[1:], w.dynamic))
    if ex_mode and inv.stdin_text is not None:
        commands.extend(Word(line) for line in inv.stdin_text.splitlines() if line.strip())
    for cmd in commands:
        if cmd.dynamic:
            walk.an.problem("dynamic_code", f"{name} runs an editor command known only at "
                            "run time", inv)
            continue
        m = re.match(r"[\s:]*(?:sil(?:ent)?!?\s*)?[\d.,$%'<>+-]*\s*"
                     r"(?:(?:r|re|rea|read|w|wr|wri|writ|write)\s*)?!(?!!)(.*)", cmd.text,
                     re.S)
        if m is not None:
            shown = m.group(1).split()
            if shown and shown[0].rsplit("/", 1)[-1] in SHELLS and "-c" not in shown:
                # ``:w !sh``: the shell reads the buffer, a file's text, as its commands
                walk.an.problem("dynamic_code", f"{name} hands the buffer to "
                                f"{shown[0]} as shell code", inv)
            walk._nested(m.group(1), inv, f"{name} :!", depth, out)
            continue
        files = re.match(r"[\s:]*(?:sil(?:ent)?!?\s*)?[\d.,$%'<>+-]*\s*"
                         r"(e|ed|edi|edit|r|re|rea|read|sp|spl|spli|split|vs|vsp|vspl|"
                         r"vspli|vsplit|new|vne|vnew|tabe|tabed|tabedi|tabedit|tabnew|vie|"
                         r"view|sv|svi|svie|sview|bad|badd|fin|find|w|wr|wri|writ|write|"
                         r"sav|save|savea|saveas|up|upd|upda|updat|update|wq|x|xi|xit|exi|"
                         r"exit)!?\s*(>>)?\s*(\S.*?)\s*$", cmd.text, re.S)
        if files is not None and "|" not in files.group(3):
            # ``-c 'e .env'``, ``-c 'w .git/HEAD'``: files read or written by the editor
            verb = files.group(1)
            writes = verb[0] in "wsux" and not verb.startswith(("sp", "sv"))
            path = Word(files.group(3))
            argv = [Word("tee"), *([Word("-a")] if files.group(2) else []), path] \
                if writes else [Word("cat"), path]
            out.extend(walk.expand(walk._derive(inv, argv, f"{name} :{verb}"), depth))
        if re.search(r"(?:^|[|:\s])!|\b(?:system|systemlist|jobstart|job_start|termopen|"
                     r"te|ter|term|termi|termin|termina|terminal|py3?|python3?|pyx?|"
                     r"pythonx|lua|luado|luafile|perl|perldo|ruby|rubydo|mz|mzscheme|tcl|"
                     r"tcldo|exe|exec|execute|norm|normal|so|source|sh|shell|call|"
                     r"libcall|libcallnr|feedkeys|rundo|runtime|wviminfo|mks|mksession|"
                     r"autocmd|au)\b", cmd.text):
            walk.an.problem("dynamic_code", f"{name} runs an editor command that may run "
                            f"code: {cmd.text[:60]}", inv)
            for lit in re.findall(r"system(?:list)?\(\s*(?:'([^']*)'|\"([^\"]*)\")",
                                  cmd.text):
                walk._nested(lit[0] or lit[1], inv, f"{name} system()", depth, out)
            term = re.match(r"[\s:]*(?:sil(?:ent)?!?\s*)?ter(?:m|mi|min|mina|minal)?"
                            r"(?:\s+\+\+\S+)*\s+(.+)", cmd.text, re.S)
            if term is not None:
                walk._nested(term.group(1), inv, f"{name} :terminal", depth, out)


def _tcl(walk: _Walk, inv: Invocation, name: str, depth: int, out: list[Invocation]) -> None:
    """Tcl and expect code cannot be read here: asked about; the commands it visibly
    runs (``exec``, ``spawn``, ``system``, ``open "|cmd"``) are judged as shell commands,
    so a visible destructive one is denied."""
    args = inv.args
    code: str | None = None
    dynamic = False
    texts = [w.text for w in args]
    if "-c" in texts and texts.index("-c") + 1 < len(args):
        word = args[texts.index("-c") + 1]
        code, dynamic = word.text, word.dynamic
    else:
        script = next((w for w in args if not w.text.startswith("-")), None)
        if script is not None:
            if script.dynamic or inv.remote:
                dynamic = True
            else:
                path = resolve(script.text, inv.cwd, walk.an.home)
                code = walk.st.files.get(path) if path else None
                if code is None and path:
                    code = walk.an.read_script(path, remember=False)
                if code is None:
                    code = ""
        elif inv.stdin_text is not None:
            code = inv.stdin_text
        elif inv.pipe_from:
            printed_text = printed(inv.pipe_from[0]) if len(inv.pipe_from) == 1 else None
            code, dynamic = (printed_text, False) if printed_text is not None else (None, True)
        else:
            return  # an interactive session
    shown = (code or " ".join(texts))[:60]
    walk.an.problem("dynamic_code", f"{name} runs Tcl code railguard cannot read: {shown}",
                    inv)
    if dynamic or not code:
        return
    for m in re.finditer(r"(?:^|[;\[{\n])\s*(?:exec|spawn|system)\s+([^;\]\n}]*)", code):
        line = m.group(1).replace("\\r", "").replace("\\n", "")
        walk._nested(line.strip(), inv, f"{name} exec", depth, out)
    for m in re.finditer(r"open\s+[\"{]\|([^\"}]*)[\"}]", code):
        walk._nested(m.group(1), inv, f"{name} open |", depth, out)


def _tmux_keys(walk: _Walk, inv: Invocation, chunk: list[Word], depth: int,
               out: list[Invocation]) -> None:
    """``tmux send-keys -t x 'rm -rf ~' Enter``: the keys are typed into the pane's
    shell; what they spell is judged as shell code (in a directory not known here)."""
    o = parse_opts(chunk, _TMUX_SEND)
    if o.has("X", "R", "M"):
        return
    typed = ""
    for w in o.positionals:
        if w.dynamic:
            walk.an.problem("dynamic_code", "keys typed into a tmux pane known only at run "
                            "time", inv)
            return
        t = w.text
        if o.has("l") or o.has("H"):
            typed += t
        elif t in _TMUX_ENTER:
            typed += "\n"
        else:
            typed += _TMUX_CHARS.get(t, t)
    if typed.strip():
        walk._nested(typed, walk._derive(inv, [Word("tmux")], "tmux", cwd=None),
                     "tmux send-keys", depth, out)


def _tar_commands(walk: _Walk, inv: Invocation, depth: int, out: list[Invocation]) -> None:
    """GNU tar runs shell commands given as options: ``--to-command``,
    ``--checkpoint-action=exec=``, ``-I``/``--use-compress-program``, ``-F``/
    ``--info-script``/``--new-volume-script``, ``--rsh-command``, ``--rmt-command``."""
    args = inv.args
    long_cmd = ("--to-command", "--use-compress-program", "--info-script",
                "--new-volume-script", "--rsh-command", "--rmt-command")
    for i, w in enumerate(args):
        t = w.text
        value: Word | None = None
        if t == "--":
            break
        if t.startswith("--"):
            key, eq, val = t.partition("=")
            full = [k for k in (*long_cmd, "--checkpoint-action") if k.startswith(key)]
            if len(key) < 4 or len(full) != 1:
                continue
            if not eq:
                if i + 1 >= len(args):
                    continue
                val = args[i + 1].text
            if full[0] == "--checkpoint-action":
                if val.startswith("exec="):
                    value = Word(val[5:], w.dynamic)
            else:
                value = Word(val, w.dynamic or (not eq and args[i + 1].dynamic))
        elif t in ("-I", "-F") and i + 1 < len(args):
            value = args[i + 1]
        elif t.startswith(("-I", "-F")) and len(t) > 2:
            value = Word(t[2:], w.dynamic)
        if value is not None and value.text:
            walk._shell_string(inv, value, "tar option", depth, out)


def _gdb_commands(walk: _Walk, inv: Invocation, depth: int, out: list[Invocation]) -> None:
    """``gdb -batch -ex 'shell CMD'`` (also ``!CMD``, ``pipe``): gdb's shell escapes."""
    args = inv.args
    for i, w in enumerate(args):
        t = w.text
        cmd: str | None = None
        if t in ("-ex", "--ex", "-eval-command", "--eval-command", "-iex", "--iex",
                 "-init-eval-command", "--init-eval-command") and i + 1 < len(args):
            cmd = args[i + 1].text
        elif t.startswith(("--eval-command=", "-eval-command=", "--ex=", "-ex=")):
            cmd = t.split("=", 1)[1]
        if cmd is None:
            continue
        c = cmd.lstrip()
        for prefix in ("shell ", "!", "pipe ", "| "):
            if c.startswith(prefix):
                walk._shell_string(inv, Word(c[len(prefix):]), "gdb shell", depth, out)
                break


def _option_word(walk: _Walk, inv: Invocation, value: str, text: str | None = None) -> Word:
    """An option's value as a word (``text``: the part of it that is used), known only at
    run time when the word it came from is."""
    source = next((w for w in inv.args if w.dynamic and value and value in w.text), None)
    used = value if text is None else text
    if source is None:
        return Word(used)
    return Word(used, True, False, source.sub)


def _spawned(walk: _Walk, inv: Invocation, argv: list[Word], label: str) -> Invocation:
    """A command a program starts on its own: it is not fed the program's input, nor
    redirected with it."""
    sub = walk._derive(inv, argv, label)
    sub.pipe_from = []
    sub.stdin_text = None
    sub.redirects = []
    return sub


def _network_shell(walk: _Walk, inv: Invocation, words: list[str], label: str) -> None:
    """A shell or an interpreter started with the network as its input (``nc -e /bin/sh``,
    ``socat TCP-LISTEN:4444 EXEC:bash``) runs whatever code arrives."""
    if not words:
        return
    prog = words[0].rsplit("/", 1)[-1]
    if (prog in SHELLS or prog in INTERPRETER_NAMES) and "-c" not in words \
            and all(x.startswith("-") for x in words[1:]):
        walk.an.problem("remote_code", f"{label} runs {prog} with code read from the "
                        "network", inv)


def _option_programs(walk: _Walk, inv: Invocation, name: str, depth: int,
                     out: list[Invocation]) -> None:
    """Commands a program runs from an option or an operand: ``rg --pre CMD`` (CMD FILE
    for every file searched), ``sort --compress-program=PROG``, ``zip -TT CMD``,
    ``tcpdump -z CMD``, socat's ``EXEC:`` and ``SYSTEM:`` addresses, ``nc -e``/``-c``,
    apt's ``-o`` hooks and dpkg's ``--pre-invoke``/``--post-invoke``."""
    args = inv.args
    if name == "rg":
        _rg_pre(walk, inv, depth, out)
    elif name == "sort":
        # PROG compresses sort's temporary files and ``PROG -d`` reads them back
        for value in parse_opts(args, _SORT).values.get("compress", []):
            if value:
                prog = _option_word(walk, inv, value)
                for argv in ([prog], [prog, Word("-d")]):
                    out.extend(walk.expand(_spawned(walk, inv, argv,
                                                    "sort --compress-program"), depth))
    elif name == "zip":
        _zip_test(walk, inv, depth, out)
    elif name == "tcpdump":
        # ``-z CMD``: ``CMD FILE`` for each savefile closed (with -C or -G)
        o = parse_opts(args, _TCPDUMP)
        saved = o.value("w")
        for value in o.values.get("z", []):
            if value:
                file = Word(saved) if saved else Word("{savefile}", True)
                argv = [_option_word(walk, inv, value), file]
                out.extend(walk.expand(_spawned(walk, inv, argv, "tcpdump -z"), depth))
    elif name == "socat":
        network = any(re.match(r"(?i)(?:tcp|udp|sctp|dccp|openssl|ssl|socks|proxy|vsock)",
                               w.text) for w in args)
        for w in args:
            if w.text.startswith("-"):
                continue
            for kind, body in _socat_commands(w.text):
                code = Word(body, w.dynamic, False, w.sub)
                label = f"socat {kind.upper()}"
                if network:
                    _network_shell(walk, inv, body.split(), label)
                if kind == "exec" and not w.dynamic:
                    # execvp of the words, split on spaces (no shell)
                    argv = [Word(x) for x in body.split(" ") if x]
                    if argv:
                        out.extend(walk.expand(_spawned(walk, inv, argv, label), depth))
                elif body.strip():
                    walk._shell_string(inv, code, label, depth, out)
    elif name in _NETCATS:
        o = parse_opts(args, _NETCAT)
        # with neither a host nor a port to listen on, netcat stops before running anything
        network = bool(o.positionals) or o.has("l", "--listen", "p")
        for value in o.values.get("exec", []):
            word = _option_word(walk, inv, value)
            if network:
                _network_shell(walk, inv, value.split(), f"{name} -e")
            if word.dynamic:
                walk._code_problem(inv, word, f"{name} -e")
            elif value.split():
                argv = [Word(x) for x in value.split()]
                out.extend(walk.expand(_spawned(walk, inv, argv, f"{name} -e"), depth))
        for value in o.values.get("sh", []):
            if value.strip() and network:
                _network_shell(walk, inv, value.split(), f"{name} -c")
            if value.strip():
                walk._shell_string(inv, _option_word(walk, inv, value), f"{name} -c", depth,
                                   out)
        for value in o.values.get("lua", []):
            walk.an.problem("dynamic_code", f"{name} --lua-exec runs Lua code railguard "
                            f"cannot read: {value[:60]}", inv)
    elif name == "dpkg":
        for i, w in enumerate(args):
            t = w.text
            for opt in ("--pre-invoke", "--post-invoke"):
                hook: Word | None = None
                if t == opt and i + 1 < len(args):
                    hook = args[i + 1]
                elif t.startswith(opt + "="):
                    hook = Word(t[len(opt) + 1 :], w.dynamic, False, w.sub)
                if hook is not None and hook.text.strip():
                    walk._shell_string(inv, hook, f"dpkg {opt}", depth, out)
    else:
        # apt, apt-get, aptitude: ``-o KEY=VALUE`` where KEY is a hook run by the shell
        for i, w in enumerate(args):
            t = w.text
            setting: Word | None = None
            if t in ("-o", "--option") and i + 1 < len(args):
                setting = args[i + 1]
            elif t.startswith("--option="):
                setting = Word(t[9:], w.dynamic, False, w.sub)
            elif t.startswith("-o") and len(t) > 2:
                setting = Word(t[2:], w.dynamic, False, w.sub)
            if setting is None:
                continue
            key, eq, value = setting.text.partition("=")
            low = key.strip().lower()
            while low.endswith("::"):
                low = low[:-2]
            if eq and value.strip() and low.endswith(_APT_HOOK_KEYS):
                walk._shell_string(inv, Word(value, setting.dynamic, False, setting.sub),
                                   f"{name} -o {key.strip()}", depth, out)


def _rg_pre(walk: _Walk, inv: Invocation, depth: int, out: list[Invocation]) -> None:
    """``rg --pre CMD PATTERN PATHS``: ripgrep runs ``CMD FILE`` for every file it
    searches, which is ``find PATHS -type f -exec CMD {} \\;``, judged as that find (the
    last of ``--pre``/``--no-pre`` counts; ``--pre-glob`` narrows by patterns that are not
    followed here). Options also come from the file ``RIPGREP_CONFIG_PATH`` names, one a
    line. ``--hostname-bin CMD`` runs CMD."""
    args = list(inv.args)
    config = inv.env.get("RIPGREP_CONFIG_PATH")
    if config and not config.startswith("$") and not inv.remote \
            and not any(w.text == "--no-config" for w in args):
        path = resolve(config, inv.cwd, walk.an.home)
        text = None
        if path is not None:
            text = walk.st.files.get(path)
            if text is None:
                text = walk.an.read_script(path, remember=False)
        if text:
            args = [Word(line.strip()) for line in text.splitlines()
                    if line.strip() and not line.lstrip().startswith("#")] + args
    pre: Word | None = None
    i = 0
    while i < len(args):
        t = args[i].text
        i += 1
        if t == "--":
            break
        if t == "--no-pre":
            pre = None
        elif t == "--pre" and i < len(args):
            pre = args[i]
            i += 1
        elif t.startswith("--pre="):
            pre = Word(t[6:], args[i - 1].dynamic, False, args[i - 1].sub)
        elif t in ("-e", "--regexp", "-f", "--file") or (
                t.startswith("--") and "=" not in t and t in _RG.valued):
            i += 1  # a value, even one spelled like ``--pre``
    o = parse_opts(args, _RG)
    for value in o.values.get("hostname-bin", []):
        if value:
            out.extend(walk.expand(_spawned(walk, inv, [_option_word(walk, inv, value)],
                                            "rg --hostname-bin"), depth))
    if pre is None or not pre.text:
        return
    paths = list(o.positionals)
    if not o.has("regexp", "file", "files"):
        paths = paths[1:]  # the first operand is the pattern
    argv = [Word("find"), *(paths or [Word(".")]), Word("-type"), Word("f"), Word("-exec"),
            pre, Word("{}"), Word(";")]
    out.extend(walk.expand(_spawned(walk, inv, argv, "rg --pre"), depth))


def _zip_test(walk: _Walk, inv: Invocation, depth: int, out: list[Invocation]) -> None:
    """``zip -T -TT CMD`` (``--unzip-command CMD``): CMD tests the new archive through the
    shell, ``{}`` replaced by its name, else the name appended. Judged with or without a
    ``-T`` in sight: zip's short options cluster (``-qT``)."""
    args = inv.args
    valued = ("-TT", "--unzip-command", "-b", "--temp-path", "-n", "--suffixes", "-t",
              "-tt", "-P", "--password", "-O", "--out", "-s", "--split-size", "-Z",
              "--compression-method", "-ds", "-lf", "--logfile-path")
    archive = "archive.zip"
    skip = False
    for w in args:
        if skip:
            skip = False
            continue
        if w.text in valued:
            skip = True
        elif not w.text.startswith("-"):
            archive = w.text
            break
    for i, w in enumerate(args):
        t = w.text
        cmd: Word | None = None
        if t in ("-TT", "--unzip-command") and i + 1 < len(args):
            cmd = args[i + 1]
        elif t.startswith("--unzip-command="):
            cmd = Word(t.split("=", 1)[1], w.dynamic, False, w.sub)
        elif t.startswith("-TT") and len(t) > 3:
            cmd = Word(t[3:], w.dynamic, False, w.sub)
        if cmd is None or not cmd.text.strip():
            continue
        text = cmd.text.replace("{}", _quote(archive)) if "{}" in cmd.text \
            else f"{cmd.text} {_quote(archive)}"
        walk._shell_string(inv, Word(text, cmd.dynamic, False, cmd.sub), "zip -TT", depth,
                           out)


def _emacs(walk: _Walk, inv: Invocation, name: str, depth: int, out: list[Invocation]) -> None:
    """Emacs Lisp given to emacs (``--eval EXPR``, ``-l FILE``, ``--script FILE``) or sent
    to a running Emacs (``emacsclient --eval``) cannot be read here: asked about. The shell
    commands it visibly runs (``(shell-command "...")``) are judged as well, so a visible
    destructive one is denied."""
    args = inv.args
    codes: list[Word] = []
    files: list[Word] = []
    if "client" in name:
        if any(w.text in ("-e", "--eval") for w in args):
            codes = [w for w in args if not w.text.startswith("-")]
    else:
        i = 0
        while i < len(args):
            w = args[i]
            i += 1
            opt, eq, val = w.text.partition("=") if w.text.startswith("--") \
                else (w.text, "", "")
            if opt not in ("--eval", "-eval", "--execute", "-execute", "-l", "--load",
                           "-load", "--script", "-script", "-x"):
                continue
            if eq:
                value = Word(val, w.dynamic, False, w.sub)
            elif i < len(args):
                value = args[i]
                i += 1
            else:
                continue
            if opt in ("--eval", "-eval", "--execute", "-execute"):
                codes.append(value)
            elif opt not in ("-l", "--load", "-load") or "/" in value.text \
                    or value.text.endswith((".el", ".elc")) or value.dynamic:
                files.append(value)  # ``-l ert``: a library of Emacs's own, by name
    if not codes and not files:
        return
    shown = " ".join(w.text for w in [*codes, *files])
    walk.an.problem("dynamic_code", f"{name} runs Emacs Lisp railguard cannot read: "
                    f"{shown[:60]}", inv)
    texts = [w.text for w in codes if not w.dynamic]
    for f in files:
        path = None if f.dynamic or inv.remote else resolve(f.text, inv.cwd, walk.an.home)
        if path is not None:
            text = walk.st.files.get(path)
            texts.append(text if text is not None
                         else walk.an.read_script(path, remember=False) or "")
    for text in texts:
        for m in re.finditer(_ELISP_SHELL, text):
            command = re.sub(r"\\(.)", lambda e: {"n": "\n", "t": "\t"}.get(e[1], e[1]),
                             m.group(1))
            walk._nested(command, inv, f"{name} shell-command", depth, out)


def _bwrap(walk: _Walk, inv: Invocation) -> Invocation:
    """``bwrap [OPTIONS] CMD``: its options take a fixed number of words each; a path in
    the sandbox under a bind's DEST is the host's SRC there (``bwrap --bind ~ /h rm -rf
    /h`` is ``rm -rf ~``), and ``--chdir`` sets the folder the command runs in."""
    args = inv.args
    at = first_operand(args, _BWRAP_ARITY)
    binds: list[tuple[str, str]] = []
    chdir: Word | None = None
    i = 0
    while i < at:
        t = args[i].text
        if t in _BWRAP_BINDS and i + 2 < len(args) and not args[i + 1].dynamic \
                and not args[i + 2].dynamic and args[i + 2].text.startswith("/"):
            src = resolve(args[i + 1].text, inv.cwd, walk.an.home)
            if src is not None:
                binds.append((src, args[i + 2].text.rstrip("/") or "/"))
        elif t == "--chdir" and i + 1 < len(args):
            chdir = args[i + 1]
        i += 1 + _BWRAP_ARITY.get(t, 0)
    if at >= len(args):
        return Invocation([], cwd=inv.cwd)

    def host(w: Word) -> Word:
        if w.dynamic or not w.text.startswith("/"):
            return w
        best = max((b for b in binds if w.text == b[1] or w.text.startswith(
            b[1].rstrip("/") + "/")), key=lambda b: len(b[1]), default=None)
        if best is None:
            return w
        rest = w.text[len(best[1]):].lstrip("/")
        return Word(best[0].rstrip("/") + "/" + rest if rest else best[0], False, w.glob)

    cwd = inv.cwd
    if chdir is not None:
        mapped = host(chdir)
        cwd = mapped.text if mapped is not chdir else None
    argv = [args[at], *(host(w) for w in args[at + 1 :])]
    return walk._derive(inv, argv, "bwrap", cwd=cwd)


def _entrypoint(walk: _Walk, inv: Invocation, name: str, at: int) -> Invocation | None:
    """``docker run --entrypoint PROG [OPTS] IMAGE ARGS``: the container runs ``PROG
    ARGS``, not the image's command; judged as ``docker run [OPTS] IMAGE PROG ARGS``, the
    form whose mounts the containers pack follows (``--entrypoint ''`` runs ARGS). A JSON
    list (podman's ``--entrypoint '["sh","-c"]'``) is several words. ``at``: where
    ``run`` stands among the arguments."""
    args = inv.args
    kept: list[Word] = []
    entry: list[Word] | None = None
    i = at + 1
    while i < len(args):
        w = args[i]
        t = w.text
        if t == "--" or not t.startswith("-") or t == "-" or w.dynamic:
            break
        i += 1
        opt, eq, val = t.partition("=")
        if opt == "--entrypoint":
            value = Word(val, w.dynamic, False, w.sub) if eq else (
                args[i] if i < len(args) else Word(""))
            i += 0 if eq else 1
            entry = _entry_words(value)
            continue
        kept.append(w)
        short_valued = not t.startswith("--") and len(t) > 2 \
            and "-" + t[-1] in CONTAINER_RUN_VALUED
        if not eq and (opt in CONTAINER_RUN_VALUED or short_valued) and i < len(args):
            kept.append(args[i])
            i += 1
    rest = args[i:]
    if entry is None or not rest:
        return None
    argv = [inv.argv[0], *args[: at + 1], *kept, rest[0], *entry, *rest[1:]]
    return walk._derive(inv, argv, f"{name} run --entrypoint")


def _entry_words(value: Word) -> list[Word]:
    text = value.text.strip()
    if text.startswith("[") and not value.dynamic:
        import json

        try:
            items = json.loads(text)
        except ValueError:
            items = None
        if isinstance(items, list) and all(isinstance(x, str) for x in items):
            return [Word(x) for x in items]
    return [value] if value.text else []


def _start_stop_daemon(walk: _Walk, inv: Invocation) -> Invocation | None:
    """``start-stop-daemon --start --exec PROG -- ARGS``: PROG runs with ARGS."""
    args = inv.args
    texts = [w.text for w in args]
    if not any(t in ("--start", "-S") for t in texts):
        return None
    prog: Word | None = None
    for i, t in enumerate(texts):
        if t == "--":
            break
        if t in ("--exec", "-x", "--startas", "-a") and i + 1 < len(args):
            prog = args[i + 1]
        elif t.startswith(("--exec=", "--startas=")):
            prog = Word(t.split("=", 1)[1], args[i].dynamic)
    if prog is None:
        return None
    extra = args[texts.index("--") + 1:] if "--" in texts else []
    return walk._derive(inv, [prog, *extra], "start-stop-daemon")


def _su(walk: _Walk, inv: Invocation, name: str, depth: int,
        out: list[Invocation]) -> Invocation | None:
    """``su [opts] [-] [USER [ARG...]]`` and runuser: options anywhere before ``--``
    (``su root -lc CMD``, ``su -cCMD``, ``--command=CMD``, ``--session-command``), the
    command run with the user's shell, or ``-s SHELL``; the arguments after USER go to that
    shell (``su root -- -c CMD``). ``runuser -u USER CMD...`` runs CMD directly."""
    args = inv.args
    long_valued = {"--command": "c", "--session-command": "c", "--shell": "s",
                   "--group": "g", "--supp-group": "G", "--whitelist-environment": "w",
                   "--user": "u"}
    long_flags = ("--login", "--preserve-environment", "--fast", "--pty", "--help",
                  "--version")
    values: dict[str, Word] = {}
    positionals: list[Word] = []
    i = 0
    while i < len(args):
        w = args[i]
        t = w.text
        i += 1
        if t == "--":
            positionals += args[i:]
            break
        if t.startswith("--"):
            key, eq, val = t.partition("=")
            full = [k for k in (*long_valued, *long_flags) if k.startswith(key)]
            if len(full) != 1:
                continue  # unknown or ambiguous: su refuses to run
            if full[0] in long_valued:
                if eq:
                    values[long_valued[full[0]]] = Word(val, w.dynamic)
                elif i < len(args):
                    values[long_valued[full[0]]] = args[i]
                    i += 1
            continue
        if t.startswith("-") and t != "-" and not w.dynamic:
            for j, c in enumerate(t[1:], 1):
                if c in "csgGwu":
                    if j + 1 < len(t):
                        values[c] = Word(t[j + 1:])
                    elif i < len(args):
                        values[c] = args[i]
                        i += 1
                    break
            continue
        if t != "-":
            positionals.append(w)
    if name == "runuser" and "u" in values and "c" not in values:
        return walk._derive(inv, positionals, f"runuser -u {values['u'].text}") \
            if positionals else Invocation([], cwd=inv.cwd)
    label = f"{name} {positionals[0].text}" if positionals else name
    if "c" in values:
        return walk._shell_string(inv, values["c"], f"{label} -c", depth, out)
    shell_args = positionals[1:]
    if shell_args and shell_args[0].text == "-c" and len(shell_args) > 1:
        return walk._shell_string(inv, shell_args[1], f"{label} -c", depth, out)
    if "s" in values and shell_args:
        return walk._derive(inv, [values["s"], *shell_args], label)
    return Invocation([], cwd=inv.cwd)  # an interactive shell


def _runs_later(walk: _Walk, inv: Invocation, name: str, depth: int,
                out: list[Invocation]) -> Invocation | None:
    """Programs that run a command line given to them: ``script -c``, ``tmux new``,
    ``screen -dm``, ``nix-shell --run``, ``at``/``batch`` (commands on standard input),
    ``fd -x``."""
    args = inv.args
    if name == "script":
        o = parse_opts(args, _SCRIPT)
        command = o.value("command")
        if command is not None:
            word = next((w for w in args if w.text == command), Word(command))
            return walk._shell_string(inv, word, "script -c", depth, out)
        if inv.pipe_from or inv.stdin_text is not None:
            # ``script /dev/null <<< CMD``: the shell it starts reads standard input
            shell = walk._derive(inv, [Word("sh")], "script")
            walk._stdin_code(shell, "script", "shell", depth, out)
            return Invocation([], cwd=inv.cwd)
        return None
    if name == "nix-shell":
        texts = [w.text for w in args]
        for flag in ("--run", "--command"):
            if flag in texts and texts.index(flag) + 1 < len(args):
                walk._shell_string(inv, args[texts.index(flag) + 1], f"nix-shell {flag}",
                                   depth, out)
        return None
    if name == "tmux":
        items = list(args)
        while items and items[0].text.startswith("-"):
            opt = items.pop(0).text
            if opt == "-c" and items:
                # tmux -c CMD: run as a shell command, like sh -c
                walk._shell_string(inv, items.pop(0), "tmux -c", depth, out)
            elif opt in ("-L", "-S", "-f", "-T") and items:
                items.pop(0)
        # commands may be chained with ``;`` (a separate word)
        while items:
            sub = items.pop(0).text
            chunk: list[Word] = []
            while items and items[0].text not in (";", "\\;"):
                chunk.append(items.pop(0))
            if items:
                items.pop(0)
            if sub in _TMUX_RUNS:
                # options end at the first operand: ``new -d rm -rf ~`` runs ``rm -rf ~``
                o = parse_opts(chunk, _TMUX_CMD)
                if len(o.rest) == 1:
                    walk._shell_string(inv, o.rest[0], f"tmux {sub}", depth, out)
                elif o.rest:
                    out.extend(walk.expand(walk._derive(inv, o.rest, f"tmux {sub}"),
                                           depth))
            elif sub in ("send-keys", "send"):
                _tmux_keys(walk, inv, chunk, depth, out)
        return None
    if name == "screen":
        o = parse_opts(args, _SCREEN)
        if o.has("X", "list", "wipe", "version") or not o.rest:
            return None
        return walk._derive(inv, o.rest, "screen")
    if name in ("at", "batch"):
        o = parse_opts(args, _AT)
        if o.has("list", "remove", "cat", "version") or (name == "at" and not o.positionals
                                                      and not o.has("time")):
            return None
        file = o.value("file")
        if file is not None:
            walk._run_script_file(inv, Word(file), "shell", f"{name} -f {file}", depth, out)
            return Invocation([], cwd=inv.cwd)
        walk._stdin_code(inv, name, "shell", depth, out)
        return Invocation([], cwd=inv.cwd)
    # fd / fdfind: -x/--exec CMD per entry, -X/--exec-batch CMD with all entries
    items = list(args)
    search: list[Word] = []
    tests: list[Word] | None = []  # the same selection spelled as find's tests, if it can be
    exts: list[str] = []
    modes: set[str] = set()
    while items:
        w = items.pop(0)
        t = w.text
        if t in ("-x", "--exec", "-X", "--exec-batch"):
            template: list[Word] = []
            while items and items[0].text != ";":
                template.append(items.pop(0))
            if items:
                items.pop(0)
            if not template:
                continue
            roots = search[1:] if len(search) > 1 else [Word(".")]
            walked = _fd_walk(search, tests, exts, modes, template,
                              t in ("-X", "--exec-batch"))
            if walked is not None:
                # judged as the find that selects the same entries, as ``find -exec`` is
                argv = [Word("find"), *roots, *walked]
                out.extend(walk.expand(_spawned(walk, inv, argv, f"{name} {t}"), depth))
                continue
            filtered = any(x.text.startswith(_FD_FILTERS) for x in args)
            every = not filtered and (not search or search[0].text in ("", ".", ".*", "^",
                                                                      "$"))
            for root in roots[:4]:
                # ``{}``: an entry the pattern matched; ``*``: any entry
                entry = (root.text.rstrip("/") or "/") + ("/*" if every else "/{}")
                placeholders = ("{}", "{/}", "{//}", "{.}", "{/.}")
                if any(p in x.text for x in template for p in placeholders):
                    argv = [Word(_fill_fd(x.text, entry), x.dynamic or root.dynamic,
                                 x.glob or any(p in x.text for p in placeholders))
                            for x in template]
                else:
                    argv = [*template, Word(entry, root.dynamic, True)]
                per_entry = walk._derive(inv, argv, f"{name} {t}", inputs_dynamic=True)
                per_entry.pipe_from = []
                per_entry.redirects = []
                out.extend(walk.expand(per_entry, depth))
            continue
        if t in _FD_VALUED:
            value = items.pop(0) if items else None
            if tests is not None and value is not None:
                tests = _fd_test(t, value, tests, exts)
            continue
        if t.startswith("-"):
            if t in ("-g", "--glob", "-p", "--full-path"):
                modes.add(t.lstrip("-")[:1])  # the pattern is a glob / matches the whole path
            elif t not in ("-H", "--hidden", "-I", "--no-ignore", "-u", "--unrestricted",
                           "-L", "--follow", "-a", "--absolute-path", "-s",
                           "--case-sensitive", "-i", "--ignore-case", "-0", "--print0"):
                tests = None  # a filter find cannot spell here: judged as before
            continue
        search.append(w)
    return None


def _fd_test(opt: str, value: Word, tests: list[Word], exts: list[str]) -> list[Word] | None:
    """One of fd's valued options as find's tests (appended), or None when find has no
    spelling for it here (a size, a time, an owner)."""
    if value.dynamic:
        return None
    v = value.text
    if opt in ("-e", "--extension"):
        exts.append(v.lstrip("."))
        return tests
    if opt in ("-t", "--type"):
        kind = {"f": "f", "file": "f", "d": "d", "dir": "d", "directory": "d", "l": "l",
                "symlink": "l", "x": "f", "executable": "f"}.get(v)
        if kind is not None:
            return [*tests, Word("-type"), Word(kind)]
        return [*tests, Word("-empty")] if v in ("e", "empty") else None
    if opt in ("-d", "--max-depth", "--exact-depth") and v.isdigit():
        return [Word("-maxdepth"), Word(v), *tests]
    if opt in ("-E", "--exclude", "-j", "--threads", "--color", "-c", "--ignore-file",
               "--path-separator", "--max-results", "--batch-size"):
        return tests  # fewer entries or how they are shown: the walk judged is not smaller
    return None


def _fd_walk(search: list[Word], tests: list[Word] | None, exts: list[str], modes: set[str],
             template: list[Word], batch: bool) -> list[Word] | None:
    """The rest of ``find ROOTS ...`` that selects what ``fd PATTERN ROOTS`` selects and runs
    ``template`` on it, when fd's filters and the template's placeholders (``{}`` only) have a
    spelling in find; None otherwise. fd's pattern is a regular expression searched in each
    name (``-regex``, a narrowing test that is never a scratch name) unless it matches every
    name; with ``-g`` a glob on the name (``-name``) or, with ``-p``, on the path."""
    if tests is None or any(w.dynamic for w in search[:1]):
        return None
    if any(p in x.text for x in template for p in ("{/}", "{//}", "{.}", "{/.}")):
        return None
    out = list(tests)
    if exts:
        names: list[Word] = []
        for e in exts:
            names += [Word("-o")] if names else []
            names += [Word("-name"), Word(f"*.{e}")]
        out += [Word("("), *names, Word(")")] if len(exts) > 1 else names
    pattern = search[0].text if search else ""
    if "g" in modes and pattern:
        out += [Word("-path" if "p" in modes else "-name"), Word(pattern)]
    elif pattern not in ("", ".", ".*", "^", "$"):
        out += [Word("-regex"), Word(f".*{pattern}.*")]
    cmd = list(template) if any("{}" in x.text for x in template) else [*template, Word("{}")]
    return [*out, Word("-exec"), *cmd, Word("+" if batch else ";")]


def _parallel(walk: _Walk, inv: Invocation, depth: int, out: list[Invocation],
              semaphore: bool = False) -> Invocation | None:
    from railguard.shell.xargs import parallel_delimiter, parallel_items, parallel_jobs

    items = list(inv.args)
    repl = "{}"
    delim: bytes | None = None
    eof: str | None = None
    from_file = pipe = quote = columns = False
    while items and items[0].text.startswith("-") and not items[0].dynamic \
            and items[0].text not in (":::", "::::", ":::+", "::::+"):
        word = items.pop(0).text
        if word == "--":
            break
        opt, value = word, None
        if word.startswith("--") and "=" in word:
            opt, _, value = word.partition("=")
        elif not word.startswith("--") and len(word) > 2 and word[:2] in _PARALLEL_SHORT:
            opt, value = word[:2], word[2:]
        elif word.startswith("-i") and not word.startswith("--"):
            opt, value = "-i", word[2:]  # -i[REPL]
        if opt.startswith("--") and opt not in _PARALLEL_VALUED \
                and opt not in _PARALLEL_FLAG_PREFIXES:
            # Getopt::Long takes a unique prefix (``--max-rep`` is --max-replace-args)
            opt = next((v for v in sorted(_PARALLEL_VALUED) if v.startswith(opt)), opt)
        if value is None and (opt in _PARALLEL_VALUED or opt == "-I") and items:
            value = items.pop(0).text
        if value is not None and opt in _PARALLEL_SHELL_VALUE:
            walk._shell_string(inv, Word(value), f"parallel {opt}", depth, out)
        elif opt in _PARALLEL_PERL_VALUE:
            walk.an.problem("dynamic_code", f"parallel {opt} runs Perl code", inv)
        if opt in ("-I", "-i", "--replace"):
            repl = value or "{}"
        elif opt in ("-0", "--null"):
            delim = b"\0"
        elif opt in ("-d", "--delimiter"):
            delim = parallel_delimiter(value or "")
        elif opt in ("-E", "--eof"):
            eof = value or None
        elif opt in ("-a", "--arg-file", "--argfile"):
            from_file = True
        elif opt in ("--pipe", "--spreadstdin", "--pipepart", "--pipe-part"):
            pipe = True
        elif opt in ("-q", "--quote"):
            quote = True
        elif opt in ("-C", "--colsep"):
            columns = True
        elif opt in ("--semaphore", "--sem"):
            semaphore = True
    cmd: list[Word] = []
    #: the input sources after ``:::`` (each linked to the one before it with ``:::+``)
    sources: list[tuple[list[Word], bool]] = []
    rest = list(items)
    while rest and rest[0].text not in (":::", ":::+", "::::", "::::+"):
        cmd.append(rest.pop(0))
    if any("{=" in w.text for w in cmd):
        walk.an.problem("dynamic_code", "parallel's {= =} replacement runs Perl code", inv)
    if semaphore:
        # sem / parallel --semaphore: the command line runs once, through a shell
        if cmd:
            joined = Word(" ".join(w.text for w in cmd), any(w.dynamic for w in cmd))
            walk._shell_string(inv, joined, "sem", depth, out)
        return Invocation([], cwd=inv.cwd)
    while rest:
        sep = rest.pop(0).text
        values: list[Word] = []
        while rest and rest[0].text not in (":::", ":::+", "::::", "::::+"):
            values.append(rest.pop(0))
        if sep.startswith("::::"):
            values = [Word("{input}", True)]  # read from files
        sources.append((values, sep.endswith("+")))
    if pipe:
        # --pipe: blocks of the input go to each job's standard input, not its arguments
        return walk._derive(inv, cmd, "parallel") if cmd else Invocation([], cwd=inv.cwd)
    jobs: list[list[str]] | None = None
    from_stdin = False
    if sources:
        if not any(w.dynamic for values, _ in sources for w in values):
            jobs = parallel_jobs([([w.text for w in v], link) for v, link in sources])
    elif not from_file:
        text = walk._input_text(inv)
        if text is not None:
            jobs = [[t] for t in parallel_items(text, delim, eof)]
            from_stdin = True
    if not cmd:
        # no command: every input is a command line of its own
        if jobs is None or from_stdin or len(jobs) > MAX_LOOP_VALUES:
            walk.an.problem("dynamic_code", "parallel runs command lines read from its "
                            "input", inv)
        for job in (jobs or [])[:MAX_LOOP_VALUES]:
            walk._shell_string(inv, Word(" ".join(job)), "parallel", depth, out)
        return Invocation([], cwd=inv.cwd)
    # without -q parallel joins the words for a shell; words that mean more joined are
    # judged both ways (joined, and as the words they are, which is what -q runs)
    shell = not quote and _parallel_needs_shell(cmd, repl)
    words = not shell or len(cmd) > 1
    if jobs is not None:
        for job in jobs[:MAX_LOOP_VALUES]:
            _parallel_job(walk, inv, cmd, repl, job, shell, words, columns, depth, out)
        if from_stdin or len(jobs) > MAX_LOOP_VALUES:
            walk._input_becomes_code(
                inv, "parallel", depth,
                lambda scratch, sink: _parallel_job(scratch, inv, cmd, repl, None, shell,
                                                    words, columns, depth, sink))
        if len(jobs) <= MAX_LOOP_VALUES:
            return Invocation([], cwd=inv.cwd)
        # more jobs than are followed one by one: the others as unknown input
    return _parallel_job(walk, inv, cmd, repl, None, shell, words, columns, depth, out)


def _parallel_job(walk: _Walk, inv: Invocation, cmd: list[Word], repl: str,
                  job: list[str] | None, shell: bool, words: bool, columns: bool,
                  depth: int, out: list[Invocation]) -> Invocation:
    """One job of ``parallel``: ``cmd`` with the job's values (one per input source; None:
    unknown input) in the places of the replacement strings, or appended. ``shell``: the words joined into a command line
    for a shell, the item quoted (parallel without ``-q``); ``words``: the words as they
    are. An unknown item with ``words`` gives the command to unwrap further."""
    from railguard.shell.xargs import PARALLEL_REPL, parallel_fill

    if shell:
        values = ["$PARALLEL_ITEM"] if job is None else job
        quote: Callable[[str], str] = (lambda _v: '"$PARALLEL_ITEM"') if job is None \
            else _quote
        quoted = " ".join(quote(v) for v in values)
        texts: list[str] = []
        found = False
        for w in cmd:
            t = w.text
            if repl != "{}" and repl in t:
                t = t.replace(repl, quoted)
                found = True
            t, hit = parallel_fill(t, values, columns=columns, quote=quote,
                                   unknown='"$PARALLEL_ITEM"')
            texts.append(t)
            found = found or hit
        line = " ".join(texts) + ("" if found else " " + quoted)
        # a joined line that does not parse is a job that runs nothing: the words stand
        if not words or not parser().parse(line.encode("utf-8", "surrogatepass")) \
                .root_node.has_error:
            subs = [s for w in cmd for s in (w.sub or [])]
            code = Word(line, any(w.dynamic for w in cmd), False, subs or None)
            walk._shell_string(inv, code, "parallel", depth, out)
    if not words:
        return Invocation([], cwd=inv.cwd)
    if job is None:
        return walk._fed_unknown(inv, cmd, repl, "parallel", PARALLEL_REPL)
    argv: list[Word] = []
    found = False
    for w in cmd:
        t = w.text
        hit = False
        if repl != "{}" and repl in t:
            t = t.replace(repl, " ".join(job))
            hit = True
        t, more = parallel_fill(t, job, columns=columns)
        if hit or more:
            found = True
            argv.append(Word(t, w.dynamic or "{input}" in t, w.glob, w.sub))
        else:
            argv.append(w)
    if not found:
        argv.extend(Word(v) for v in job)
    sub = walk._derive(inv, argv, "parallel")
    sub.pipe_from = []
    sub.stdin_text = None
    out.extend(walk.expand(sub, depth))
    return Invocation([], cwd=inv.cwd)

def _socat_commands(text: str) -> list[tuple[str, str]]:
    """socat's ``EXEC:CMD`` and ``SYSTEM:CMD`` (also 1.8's ``SHELL:``) addresses in one
    argument (two may be joined with ``!!``): the keyword, lower-cased, and the command up to
    the ',' that starts the address options, as socat reads it: quotes and backslashes
    removed, brackets and parentheses nesting (and kept)."""
    out: list[tuple[str, str]] = []
    for address in text.split("!!"):
        m = re.match(r"(?i)(exec|system|shell):", address)
        if m is None:
            continue
        body: list[str] = []
        nest = 0
        quote = ""
        i = m.end()
        while i < len(address):
            c = address[i]
            i += 1
            if c == "\\" and i < len(address):
                body.append(address[i])
                i += 1
            elif quote:
                if c == quote:
                    quote = ""
                else:
                    body.append(c)
            elif c in "'\"":
                quote = c
            elif c == "," and nest == 0:
                break
            else:
                nest += 1 if c in "([{" else -1 if c in ")]}" and nest else 0
                body.append(c)
        out.append((m.group(1).lower(), "".join(body)))
    return out


def _parallel_needs_shell(cmd: list[Word], repl: str) -> bool:
    """Whether parallel's command words, joined with spaces for its shell, say more than the
    words themselves (``parallel 'echo {} && rm x'``, ``parallel echo ';' rm x``)."""
    from railguard.shell.xargs import PARALLEL_REPL

    for w in cmd:
        if w.dynamic:
            continue
        text = PARALLEL_REPL.sub("", w.text.replace(repl, ""))
        if any(c in _SHELL_SPECIAL for c in text) or (w is cmd[0] and "=" in text):
            return True
    return False


def _fill_fd(text: str, entry: str) -> str:
    base = entry.rsplit("/", 1)
    for p, v in (("{//}", base[0]), ("{/.}", "{}"), ("{/}", "{}"), ("{.}", entry),
                 ("{}", entry)):
        text = text.replace(p, v)
    return text
