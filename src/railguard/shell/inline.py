"""Inline code and scripts in other languages, judged like their shell equivalents.

``python -c "shutil.rmtree('/')"`` is ``rm -rf /``; ``node -e "child_process.execSync('git push
-f')"`` is ``git push -f``. This is a recogniser, not an interpreter: it finds the calls that
delete, read or write files or run a shell, and turns each call with literal arguments into an
equivalent argv (or a shell string to analyse). A call whose argument is not a literal is
reported as a problem, so the engine asks instead of guessing.

Languages: Python, Node (also Deno and Bun), Perl, Ruby, PHP, awk, Lua, R. Names under other
names are spelt in full first (``import shutil as s``, ``from os import system``,
``const {rmSync: r} = require("fs")``, perl's ``q()`` / ``qw()``); an argv list whose program
runs other commands (``["bash", "-c", ...]``, ``sudo``) becomes shell text, so the analysis
unwraps it; code the interpreter downloads and evaluates becomes ``curl URL | python3``, which
the analysis reports as remote code.

Names reached another way are spelt out too when they are literal (``getattr(os, "system")``,
``f = os.system``, ``require("child_process")["execSync"]``, ruby's ``Kernel.send(:system,
...)``), and code given to eval as a literal is read as code, a few levels deep. Where code
reaches a module that deletes or runs commands in a way these readers cannot follow (a name
chosen at run time, the module or one of its functions handed around as a value), that is a
problem: the engine asks.

Cloud SDK calls (boto3, the AWS SDK for JavaScript, Google Cloud and Azure client libraries)
are read by ``shell.sdk``, imported only for code that names one, and become the ``aws``,
``gcloud``, ``bq`` or ``az`` call they amount to, for the cloud pack to judge.
"""

from __future__ import annotations

import re

from railguard.shell.interpreters import INTERPRETERS

# a string literal in any of the languages: '...', "...", `...` (no interpolation followed)
_STR = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)"""
_ARG = (rf"\s*(?P<arg>{_STR}|[\w.]+\(\s*{_STR}\s*\)|"
        rf"[\w.]+\((?:[^()'\"`]|{_STR}|\((?:[^()'\"`]|{_STR})*\))*\)|[^,()]+?)\s*")
_LIST = r"\s*\[(?P<list>[^\]]*)\]"


def unescape(text: str) -> str:
    """Backslash escapes (``\\n``, ``\\x20``, ``\\040``) decoded the C way; text that is not
    an escape stays as it is."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "invalid escape sequence" for text like \\562
        try:
            return text.encode("latin-1", "backslashreplace").decode("unicode_escape")
        except (UnicodeDecodeError, ValueError):
            return text


def _lit(text: str) -> str | None:
    """The value of a string literal, or None if the text is not one."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"`":
        body = text[1:-1]
        if text[0] == "`" and "${" in body:
            return None
        if text[0] == '"' and ("#{" in body or re.search(r"(?<!\\)\$\w", body)):
            return None  # ruby/perl/php interpolation
        return unescape(body)
    return None


def _path_arg(text: str) -> str | None:
    """Literal path argument, also through ``Path('x')``, ``os.path.expanduser('~/x')``."""
    text = text.strip()
    m = re.fullmatch(r"(?:pathlib\.)?(?:Path|PurePath|os\.path\.expanduser|os\.path\.abspath|"
                     r"glob(?:\.glob)?)"
                     rf"\(\s*({_STR})\s*\)(?:\.expanduser\(\))?", text)
    if m:
        return _lit(m.group(1))
    if text.startswith(("os.path.join(", "posixpath.join(")) and text.endswith(")"):
        parts = _items(text[text.index("(") + 1 : -1])
        if parts:
            out = ""
            for part in parts:
                out = part if part.startswith("/") or not out else out.rstrip("/") + "/" + part
            return out
        return None
    return _lit(text)


# (language, regex, kind) -- kind: rmtree, rm, rmdir, read, write, shell, argv. Compiled on
# first use: most calls carry no inline code, and the hook pays start-up on every call.
_SOURCES: list[tuple[str, str, str]] = []
_PATTERNS: list[tuple[str, re.Pattern[str], str]] = []


def _add(langs: str, pattern: str, kind: str) -> None:
    for lang in langs.split():
        _SOURCES.append((lang, pattern, kind))


def _patterns() -> list[tuple[str, re.Pattern[str], str]]:
    if not _PATTERNS:
        _PATTERNS.extend((lang, re.compile(p), kind) for lang, p, kind in _SOURCES)
    return _PATTERNS


_add("python", rf"\bshutil\.rmtree\({_ARG}[,)]", "rmtree")
_add("python", rf"\b(?:os\.(?:remove|unlink)|os\.removedirs)\({_ARG}[,)]", "rm")
_add("python", rf"\bos\.rmdir\({_ARG}[,)]", "rmdir")
_add("python", rf"(?P<arg>(?:pathlib\.)?Path\(\s*{_STR}\s*\))\.(?:unlink|rmdir)\(", "rm")
_add("python", rf"\bopen\({_ARG}\)", "read")
_add("python", rf"\bopen\({_ARG},\s*(?P<mode>{_STR})", "open")
_add("python", rf"(?P<arg>(?:pathlib\.)?Path\(\s*{_STR}\s*\))\.read_(?:text|bytes)\(", "read")
_add("python", rf"(?P<arg>(?:pathlib\.)?Path\(\s*{_STR}\s*\))\.write_(?:text|bytes)\(", "write")
_add("python", rf"\bshutil\.(?:copy|copyfile|copy2|copytree|move)\({_ARG},", "read")
_add("python", rf"\b(?:os\.system|os\.popen|subprocess\.getoutput|subprocess\.getstatusoutput|"
     rf"commands\.getoutput)\({_ARG}[,)]", "shell")
_add("python", rf"\bsubprocess\.(?:run|call|check_call|check_output|Popen)\({_ARG}[,)]",
     "shell_or_argv")
_add("python", rf"\bsubprocess\.(?:run|call|check_call|check_output|Popen)\({_LIST}", "argv")
_add("python", rf"\basyncio\.create_subprocess_shell\({_ARG}[,)]", "shell")
_add("python", rf"\bos\.exec[lv]p?e?\({_ARG},", "exec")
_add("node", rf"\b(?:fs\.|fsp\.|fs\.promises\.|fse\.|fsExtra\.)?(?:rmSync|rm|rmdirSync|rmdir)"
     rf"\({_ARG}(?P<opts>,\s*\{{[^}}]*\}})?", "node_rm")
_add("node", rf"\b(?:rimraf(?:\.sync)?|(?:fse|fsExtra|fs)\.(?:removeSync|remove|emptyDirSync))"
     rf"\({_ARG}[,)]", "rmtree")
_add("node", rf"\b(?:fs\.)?(?:unlinkSync|unlink)\({_ARG}[,)]", "rm")
_add("node", rf"\b(?:fs\.)?readFileSync\({_ARG}[,)]", "read")
_add("node", rf"\b(?:fs\.)?(?:writeFileSync|appendFileSync)\({_ARG},", "write")
_add("node", rf"\b(?:execSync|exec|execaCommand|execaCommandSync)\({_ARG}[,)]", "shell")
_add("node", rf"(?<!Bun\.)\b(?:spawnSync|spawn|execFileSync|execFile|execa|execaSync)\({_ARG}"
     rf"(?:,\s*\[(?P<list>[^\]]*)\])?", "spawn")
_add("perl ruby", rf"(?<![\w.])(?:system|exec)\s*\(?{_ARG}(?:[,)]|;|$)", "shell")
_add("perl ruby", r"`(?P<arg>[^`]+)`", "backtick")
_add("perl ruby", r"\bqx\s*[{(\[/](?P<arg>[^})\]/]+)[})\]/]", "backtick")
_add("ruby", r"%x[{(\[](?P<arg>[^})\]]+)[})\]]", "backtick")
_add("perl", rf"\bunlink\s*\(?{_ARG}(?:[,);]|$)", "rm")
_add("perl", rf"\breadpipe\s*\(?{_ARG}(?:[,);]|$)", "shell")
_add("perl", rf"\b(?:rmtree|remove_tree|File::Path::rmtree)\s*\(?{_ARG}(?:[,);]|$)", "rmtree")
_add("perl", rf"\bopen\s*\(?\s*(?:(?:my|our|local)\s+)?[$*]?\w+\s*,\s*(?P<mode>{_STR})\s*,"
     rf"{_ARG}[,);]", "open")
# a pipe open: the rest of the arguments are the command (``open(my $fh, "-|", "cmd", @args)``)
_add("perl", r"\bopen\s*\(?\s*(?:(?:my|our|local)\s+)?[$*]?\w+\s*,\s*[\"'](?:-\||\|-)[\"']\s*,",
     "pipe_open")
# two-argument open: the mode is the start of the name (``">out"``, ``"cmd |"``)
_add("perl", rf"\bopen\s*\(?\s*(?:my\s+)?\$?\w+\s*,{_ARG}(?:\)|;|$)", "open2")
_add("ruby", rf"\bFileUtils\.(?:rm_rf|rm_r|remove_dir|remove_entry|rmtree|remove_entry_secure)"
     rf"\s*\(?{_ARG}(?:[,)]|$)", "rmtree")
_add("ruby", rf"\b(?:File\.(?:delete|unlink)|FileUtils\.(?:rm|rm_f|remove))\b(?![?!])\s*\(?{_ARG}"
     r"(?:[,)]|$)", "rm")
_add("ruby", rf"\bFile\.(?:read|readlines|binread)\s*\(?{_ARG}(?:[,)]|$)", "read")
_add("awk", rf"\bsystem\s*\({_ARG}\)", "shell")
_add("awk", r"\|\s*(?P<arg>\"(?:[^\"\\]|\\.)*\")", "shell")
_add("awk", r"(?P<arg>\"(?:[^\"\\]|\\.)*\")\s*\|\s*getline", "shell")
_add("php", rf"\b(?:shell_exec|system|exec|passthru|popen|proc_open)\s*\({_ARG}[,)]", "shell")
_add("php", rf"\bunlink\s*\({_ARG}[,)]", "rm")
_add("php", rf"\bfile_get_contents\s*\({_ARG}[,)]", "read")
_add("php", rf"\bfile_put_contents\s*\({_ARG},", "write")
# a program and its arguments as a list: run through the shell analysis when the program is
# itself a shell or a wrapper (``["bash", "-c", "rm -rf ~"]``)
_add("python", r"\bos\.(?:execv|execve|execvp|execvpe|posix_spawn|posix_spawnp)\(", "call:1")
_add("python", r"\bos\.(?:execl|execle|execlp|execlpe)\(", "call:1-")
_add("python", r"\bos\.(?:spawnv|spawnve|spawnvp|spawnvpe)\(", "call:2")
_add("python", r"\bos\.(?:spawnl|spawnle|spawnlp|spawnlpe)\(", "call:2-")
_add("python", r"\bpty\.spawn\(", "call:0")
_add("python", r"\basyncio\.create_subprocess_exec\(", "call:0-")
_add("python", r"\bsubprocess\.(?:run|call|check_call|check_output|Popen)\((?=\s*\()", "call:0")
_add("node", r"\bBun\.spawn(?:Sync)?\(\s*(?=\[)", "call:0")
_add("node", r"\bDeno\.run\(\s*\{\s*cmd\s*:\s*(?=\[)", "call:0")
_add("node", rf"\bnew\s+Deno\.Command\({_ARG}"
     rf"(?:,\s*\{{\s*args\s*:\s*\[(?P<list>[^\]]{{0,2000}})\])?", "spawn")
_add("node", rf"\bDeno\.(?:removeSync|remove)\({_ARG}(?P<opts>,\s*\{{[^}}]{{0,2000}}\}})?",
     "node_rm")
_add("node", r"(?<![\w.])(?:Bun\.)?\$`(?P<arg>(?:[^`\\]|\\.)*)`", "backtick")
_add("perl ruby", r"(?<![\w.:$&])(?:(?:Kernel\.)?(?:system|exec|spawn)|Process\.spawn|IO\.popen|"
     r"Open3\.\w+|PTY\.spawn)(?:\s*\(|\s+(?=[\"'\[{]))", "call:0-")
_add("ruby", rf"(?<![\w.:$])(?:(?:Kernel\.|Process\.)?spawn|IO\.popen|PTY\.spawn|"
     rf"Open3\.(?:capture2e?|capture3|popen2e?|popen3|pipeline\w*))\s*\(?{_ARG}(?:[,)]|;|$)",
     "shell")
_add("ruby", rf"\bDir\.(?:rmdir|delete|unlink)\s*\(?{_ARG}(?:[,)]|$)", "rmdir")
_add("php", r"`(?P<arg>[^`]+)`", "backtick")
_add("awk", rf"\bprintf?\s*\(?\s*(?P<data>{_STR})\s*\)?\s*\|\s*(?P<cmd>\"(?:[^\"\\]|\\.)*\")",
     "awk_feed")
_add("awk", r"\bprintf?\b(?P<data>[^|;}]{0,2000})\|\s*(?P<cmd>\"(?:[^\"\\]|\\.)*\")",
     "awk_feed")
_add("lua", rf"\b(?:os\.execute|io\.popen)\s*\(?{_ARG}(?:[,)]|$)", "shell")
_add("lua", rf"\bos\.remove\s*\(?{_ARG}(?:[,)]|$)", "rm")
_add("lua", rf"\bio\.open\s*\(?{_ARG}\)", "read")
_add("lua", rf"\bio\.open\s*\({_ARG},\s*(?P<mode>{_STR})", "open")
_add("r", rf"(?<![\w.])system\s*\({_ARG}[,)]", "shell")
_add("r", rf"(?<![\w.])system2\({_ARG}(?:,\s*(?:args\s*=\s*)?c\((?P<list>[^)]{{0,2000}})\))?",
     "spawn")
_add("r", rf"(?<![\w.])unlink\({_ARG},\s*recursive\s*=\s*(?:TRUE|T)\b", "rmtree")
_add("r", rf"(?<![\w.])(?:unlink|file\.remove)\({_ARG}[,)]"
     rf"(?![^)]{{0,2000}}recursive\s*=\s*T)", "rm")

# SQL handed to a database driver (``cur.execute("DROP TABLE users")``, ``client.query(...)``):
# judged as the same SQL given to the database's own client (see ``_sql_client``)
_add("python", rf"\.(?:execute|executescript|executemany)\(\s*(?P<arg>{_STR})", "sql")
_add("node", rf"\.(?:query|execute|exec|run|prepare)\(\s*(?P<arg>{_STR})", "sql")

#: text that shows code may use a cloud SDK: ``shell.sdk`` is imported only for such code
_SDK_HINTS = {"python": ("boto", "google.cloud", "googleapiclient", "azure"),
              "node": ("aws-sdk", "@google-cloud/", "@azure/")}

_MARKERS = {
    "python": ("shutil", "os.", "subprocess", "open(", "Path(", "commands", "pty", "walk",
               "asyncio", ".execute"),
    "node": ("rm", "unlink", "exec", "spawn", "rimraf", "readFile", "writeFile", "appendFile",
             "remove", "emptyDir", "Deno", "Bun", "$`", ".query(", ".run(", ".prepare("),
    "perl": ("system", "exec", "`", "qx", "unlink", "rmtree", "remove_tree", "open", "q",
             "readpipe"),
    "ruby": ("system", "exec", "`", "%x", "FileUtils", "File.", "spawn", "popen", "Open3",
             "Dir."),
    "php": ("exec", "system", "passthru", "popen", "unlink", "file_", "`"),
    "awk": ("system", "|"),
    "lua": ("os.", "io."),
    "r": ("system", "unlink", "file.remove"),
}


def _split_args(code: str, start: int = 0, parens: bool = True) -> list[str]:
    return _split_span(code, start, parens)[0]


def _split_span(code: str, start: int = 0, parens: bool = True) -> tuple[list[str], int]:
    """The comma-separated arguments from ``start`` up to the unmatched closing bracket (or,
    for a call written without parentheses, the end of the statement), strings respected, and
    where they end. At most 64 arguments, 2000 characters, 256 tokens and 8 levels of
    brackets: an argv, not a file."""
    parts: list[str] = []
    depth = 0
    begin = i = start
    end = min(len(code), start + 2000)
    token = _token_rx()
    for _ in range(256):
        if i >= end or len(parts) >= 64:
            break
        m = token.match(code, i)
        if m is None:  # an unterminated string
            break
        c = code[i]
        if c in "([{":
            depth += 1
            if depth > 8:
                break
        elif c in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and c == ",":
            parts.append(code[begin:i])
            begin = i + 1
        elif depth == 0 and not parens and c in ";\n":
            break
        i = m.end()
    parts.append(code[begin:i])
    out = [p.strip() for p in parts]
    if not parens and out:
        # perl/ruby ``system "a", "b" or die``: the statement's tail is not an argument
        out[-1] = re.split(r"\s(?:or|and|if|unless|\|\||&&)\s", out[-1], maxsplit=1)[0].strip()
    return [p for p in out if p], i


def _token_rx() -> re.Pattern[str]:
    if not _TOKEN_RX:
        _TOKEN_RX.append(re.compile(rf"{_STR}|[^'\"`()\[\]{{}},;\n]+|[()\[\]{{}},;\n]"))
    return _TOKEN_RX[0]


_TOKEN_RX: list[re.Pattern[str]] = []


def _items(list_text: str | list[str]) -> list[str] | None:
    out = []
    for p in _split_args(list_text) if isinstance(list_text, str) else list_text:
        v = _lit(p)
        if v is None:
            return None
        out.append(v)
    return out


def _seq_items(text: str) -> list[str] | None:
    """A list or tuple literal of strings (``["a", "b"]``, ``("a", "b")``), or one string."""
    text = text.strip()
    if text[:1] in "[(" and text[-1:] in "])":
        return _items(text[1:-1])
    v = _lit(text)
    return None if v is None else [v]


#: programs that run the command or code they are given: an argv list starting with one of these
#: is handed to the shell analysis, which unwraps it (``["bash", "-c", "rm -rf ~"]``)
_RUNNERS = frozenset({
    "sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "fish", "csh", "tcsh", "busybox", "sudo",
    "doas", "su", "env", "nice", "nohup", "timeout", "xargs", "exec", "eval", "command", "time",
    "stdbuf", "ionice", "setsid", "flock", "watch", "unshare", "systemd-run", "ssh", "docker",
    "podman", "kubectl", "npx", "uv", "uvx", "pnpm", "bunx", "find", "parallel",
})


def _shell_word(text: str) -> str:
    """``text`` as one shell word; a leading ``~`` stays a home directory, as in an argv."""
    head = ""
    if text == "~" or text.startswith("~/"):
        head, text = "~", text[1:]
        if not text:
            return head
    if text and re.fullmatch(r"[\w@%+=:,./-]+", text):
        return head + text
    return head + "'" + text.replace("'", "'\"'\"'") + "'"


def _run_argv(argv: list[str], calls: list[list[str]], shells: list[str]) -> None:
    prog = argv[0].rsplit("/", 1)[-1].lower()
    if prog in _RUNNERS or prog in INTERPRETERS:
        shells.append(" ".join(_shell_word(a) for a in argv))
    elif len(argv) == 1 and " " in argv[0]:
        shells.append(argv[0])  # spawn("rm -rf x", {shell: true})
    else:
        calls.append(argv)


# -- names under other names -------------------------------------------------------------------

#: what ``from M import *`` brings in, for the modules whose calls are recognised
_STAR = {
    "os": ("system popen remove unlink removedirs rmdir walk execv execve execvp execvpe execl "
           "execle execlp execlpe spawnv spawnve spawnvp spawnvpe spawnl spawnle spawnlp "
           "spawnlpe posix_spawn posix_spawnp"),
    "shutil": "rmtree copy copyfile copy2 copytree move",
    "subprocess": "run call check_call check_output Popen getoutput getstatusoutput",
    "asyncio": "create_subprocess_shell create_subprocess_exec",
    "pty": "spawn",
}


def _rename(code: str, names: dict[str, str], after: str, keep: str = "") -> str:
    """Each name in ``names`` replaced by its full name where it is used (followed by
    ``after``), outside string literals (and the text ``keep`` matches)."""
    names = {k: v for k, v in names.items() if k != v and k.isidentifier()}
    if not names:
        return code
    alts = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    rx = re.compile(rf"(?P<s>{_STR}{'|' + keep if keep else ''})|"
                    rf"(?<![\w.$])(?P<n>{alts})(?![\w$])(?=\s*{after})")
    return rx.sub(lambda m: m.group("s") or names[m.group("n")], code)


#: a Python import statement
_PY_IMPORT = r"(?<![\w.])(?:from\s+[\w.]+\s+)?import\s+(?:\([^)]*\)|[^;\n]+)"


def _py_names(code: str) -> str:
    """``import shutil as s`` / ``from os import system as run``: calls spelt in full."""
    modules: dict[str, str] = {}
    funcs: dict[str, str] = {}
    for m in re.finditer(r"(?<![\w.])(?:from\s+([\w.]+)\s+)?import\s+(\([^)]*\)|[^;\n]+)", code):
        source, names = m.group(1), m.group(2).strip("() \t")
        for item in names.split(","):
            parts = item.split()
            if not parts:
                continue
            name, alias = parts[0], (parts[2] if len(parts) == 3 and parts[1] == "as" else None)
            if source is None:
                if alias:
                    modules[alias] = name
            elif name == "*":
                for f in _STAR.get(source, "").split():
                    funcs[f] = f"{source}.{f}"
            else:
                funcs[alias or name] = f"{source}.{name}"
    # everywhere they stand, not only where called: ``getattr(s, x)``, ``f = system``
    code = _rename(code, modules, "", _PY_IMPORT)
    return _rename(code, funcs, "", _PY_IMPORT)


# -- strings built from literals ------------------------------------------------------------
#
# ``open(".e" + "nv")``, ``p = ".env"; open(p)``, ``"".join([".", "env"])``: a path or command
# built from literals in the code itself is as known as one written out. The code is rewritten
# with those values in place (outside its string literals and comments) before the call
# patterns read it.

#: the string concatenation operator of each language
_CONCAT = {"python": "+", "node": "+", "ruby": "+", "perl": ".", "php": "."}
#: how a variable is written where it is assigned and used
_VAR = {"python": r"(?<![\w.$])([A-Za-z_]\w*)", "node": r"(?<![\w.$])([A-Za-z_$][\w$]*)",
        "ruby": r"(?<![\w.$@:])([a-z_]\w*)", "perl": r"(\$[A-Za-z_]\w*)",
        "php": r"(\$[A-Za-z_]\w*)"}
_DECL = {"python": "", "node": r"(?:(?:const|let|var)\s+)?", "ruby": "",
         "perl": r"(?:my\s+|our\s+)?", "php": ""}
#: other ways a name gets a value: loop variables, parameters, ``as`` targets, unpacking
_REBIND = {
    "python": (r"\bfor\s+([^:\n]+?)\s+in\b", r"\bas\s+(\w+)", r"(\w+)\s*:=",
               r"\b(?:def\s+\w+|lambda)\s*\(?([^:)]*)", r"^[ \t]*([\w \t]*,[\w \t,*()]*)=(?!=)",
               r"\bglobal\s+([\w \t,]+)", r"\bdel\s+([\w \t,]+)"),
    "node": (r"\bfor\s*\(\s*(?:const|let|var)?\s*([^;)]+?)\s+(?:of|in)\b",
             r"\bfunction\b\s*\w*\s*\(([^)]*)\)", r"\(([^()]*)\)\s*=>", r"([\w$]+)\s*=>",
             r"\bcatch\s*\(([^)]*)\)", r"(?:const|let|var)\s*[\[{]([^\]}]*)[\]}]\s*="),
    "ruby": (r"\|([^|]*)\|", r"\bdef\s+\w+[ \t(]*([^)\n]*)", r"\bfor\s+([\w \t,]+)\s+in\b",
             r"^[ \t]*([\w \t]*,[\w \t,*]*)=(?!=)", r"\brescue\b[^\n]*=>\s*(\w+)"),
    "perl": (r"\bfor(?:each)?\s+(?:my\s+|our\s+)?(\$\w+)", r"\b(?:my|our|local)\s*\(([^)]*)\)",
             r"(\$\w+)\s*=~", r"\bchomp\s*\(?\s*(\$\w+)"),
    "php": (r"\bforeach\s*\([^)]*?\bas\s+([^)]*)\)", r"\bfunction\b\s*\w*\s*\(([^)]*)\)",
            r"\blist\s*\(([^)]*)\)\s*=", r"\[([^\]]*)\]\s*=(?!=)", r"&\s*(\$\w+)"),
}

#: at most this many rounds of substitution and folding (a variable built from another)
_FOLD_ROUNDS = 4


def _quote(value: str) -> str:
    """A literal holding ``value``, as :func:`_lit` reads it back (single quotes: no
    interpolation in any of the languages)."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"


def _lit_in(lang: str, text: str) -> str | None:
    """The value of a string literal of ``lang``: in Python and JavaScript ``"$x"`` is text,
    not interpolation."""
    text = text.strip()
    if lang in ("python", "node") and len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return unescape(text[1:-1])
    return _lit(text)


def fold_constants(lang: str, code: str) -> str:
    """``code`` with string concatenations of literals joined and variables assigned exactly
    one literal replaced by it where they stand as values (not inside string literals)."""
    op = _CONCAT[lang]
    var = _VAR[lang]
    assign = re.compile(rf"(?:^|(?<=[;\n{{]))[ \t]*{_DECL[lang]}{var}[ \t]*=[ \t]*"
                        rf"(?P<value>{_STR})[ \t]*(?=[;\n}}]|$)", re.MULTILINE)
    changed = re.compile(rf"{var}[ \t]*(?:[-+*/.|&]?=(?!=)|\+\+|--)")
    join = re.compile(rf"(?P<sep>{_STR})\.join\(\s*[\[(](?P<items>\s*{_STR}(?:\s*,\s*{_STR})*)"
                      rf"\s*,?\s*[\])]\s*\)") if lang == "python" else None
    ident = re.compile(rf"{var}(?![\w$])")
    for _ in range(_FOLD_ROUNDS):
        before = code
        code = _fold_literals(lang, code, join)
        bare = code_only(lang, code)
        values: dict[str, str | None] = {}
        literal_at: set[int] = set()
        for m in assign.finditer(code):
            name = m.group(1)
            if bare[m.start(1) : m.end(1)] != name:
                continue  # inside a string or a comment
            value = _lit_in(lang, m.group("value"))
            literal_at.add(m.start(1))
            values[name] = value if value is not None and values.get(name, value) == value \
                else None
        if not values:
            if code == before:
                break
            continue
        for m in changed.finditer(bare):
            if m.start(1) not in literal_at and m.group(1) in values:
                values[m.group(1)] = None  # changed elsewhere (``p += x``, ``p = f()``)
        for pattern in _REBIND.get(lang, ()):
            for m in re.finditer(pattern, bare, re.MULTILINE):
                for name in re.findall(var, m.group(1) if m.groups() else ""):
                    if name in values:
                        values[name] = None  # bound another way too (``for p in files``)
        known = [k for k, v in values.items() if v is not None]
        if not known:
            if code == before:
                break
            continue
        names = ident if len(known) > 32 else re.compile(
            rf"(?<![\w.$@:])({'|'.join(re.escape(k) for k in sorted(known, key=len, reverse=True))})"
            r"(?![\w$])")
        out: list[str] = []
        pos = 0
        for m in names.finditer(bare):
            value = values.get(m.group(1))
            if value is None or not _as_value(bare, m.start(1), m.end(1), op):
                continue
            out.append(code[pos : m.start(1)])
            out.append(_quote(value))
            pos = m.end(1)
        code = "".join(out) + code[pos:]
        if code == before:
            break
    return code


def _as_value(bare: str, start: int, end: int, op: str) -> bool:
    """Whether the name at ``bare[start:end]`` stands as a value: an argument, an operand of
    a concatenation, the right side of an assignment; not assigned to, called or indexed."""
    k = start - 1
    while k >= 0 and bare[k] in " \t":
        k -= 1
    before = bare[k] if k >= 0 else ""
    if before == "=":
        if k > 0 and bare[k - 1] in "=!<>+-*/.|&%":
            return False
    elif before not in ("(", ",", "[", op) and bare[max(0, k - 5) : k + 1] != "return":
        return False
    n = len(bare)
    k = end
    while k < n and bare[k] in " \t":
        k += 1
    after = bare[k] if k < n else ""
    if after == op:
        return bare[k + 1 : k + 2] != "="
    return after in ("", ")", ",", "]", ";", "\n", "}")


def _joins(lang: str, gap: str, op: str) -> bool:
    """Whether the text between two literals joins them: the operator, or in Python nothing
    at all (``".e" "nv"`` is one string)."""
    gap = gap.strip(" \t")
    return gap == op or (lang == "python" and gap in ("", "\\\n"))


def _fold_literals(lang: str, code: str, join: re.Pattern[str] | None) -> str:
    """``"a" + "b"`` and ``"".join(["a", "b"])`` as one literal, ``"ab"``."""
    rx = _not_code_rx(lang)
    op = _CONCAT[lang]
    joins = join is not None and ".join(" in code
    if rx is None or (op not in code and not joins and lang != "python"):
        return code
    spans = [(m.start(), m.end()) for m in rx.finditer(code) if code[m.start()] in "'\"`"]
    out: list[str] = []
    pos = 0
    k = 0
    while k < len(spans):
        start = spans[k][0]
        if joins and join is not None and code.startswith(".join(", spans[k][1]):
            m = join.match(code, start)
            if m is not None:
                sep = _lit_in(lang, m.group("sep"))
                items = [_lit_in(lang, x) for x in _split_args(m.group("items"))]
                if sep is not None and all(x is not None for x in items):
                    out.append(code[pos:start])
                    out.append(_quote(sep.join(x for x in items if x is not None)))
                    pos = m.end()
                    while k < len(spans) and spans[k][0] < pos:
                        k += 1
                    continue
        j = k
        while j + 1 < len(spans) and _joins(lang, code[spans[j][1] : spans[j + 1][0]], op):
            j += 1
        if j > k:
            values = [_lit_in(lang, code[x:y]) for x, y in spans[k : j + 1]]
            if all(v is not None for v in values):
                out.append(code[pos:start])
                out.append(_quote("".join(v for v in values if v is not None)))
                pos = spans[j][1]
        k = j + 1
    return "".join(out) + code[pos:]


def _node_names(code: str) -> str:
    """``const {rmSync: r} = require("fs")``, ``import {execSync as x} from ...``,
    ``const r = fs.rmSync``: calls spelt with the function's own name."""
    funcs: dict[str, str] = {}
    for m in re.finditer(r"\b(?:const|let|var)\s*\{([^}]*)\}\s*=", code):
        for item in m.group(1).split(","):
            if ":" in item:
                name, alias = (x.strip() for x in item.split(":", 1))
                funcs[alias.split("=")[0].strip()] = name
    for m in re.finditer(r"\bimport\s*\{([^}]*)\}\s*from\b", code):
        for item in m.group(1).split(","):
            parts = item.split()
            if len(parts) == 3 and parts[1] == "as":
                funcs[parts[2]] = parts[0]
    for m in re.finditer(rf"\b(?:const|let|var)\s+([\w$]+)\s*=\s*(?:require\(\s*{_STR}\s*\)|"
                         r"[\w$.]+)\.(\w+)\s*(?=[;,\n]|$)", code):
        funcs[m.group(1)] = m.group(2)
    return _rename(code, funcs, r"\(")


#: ruby's quote operators, as perl's
_RUBY_QUOTE_OPS = {"q": "q", "Q": "qq", "w": "qw", "W": "qw"}


def _perl_quotes(code: str, ruby: bool = False) -> str:
    """``q(...)``, ``qq{...}``, ``qw(a b)`` (ruby's ``%q(...)``, ``%Q{...}``, ``%w[a b]``)
    written as ordinary string literals."""
    out: list[str] = []
    pos = 0
    # the usual delimiters only: ``$h{q}`` or ``q => 1`` must not swallow the code after them
    rx = (r"(?<![\w)\]}])%([qQwW])([({\[<|!])" if ruby else
          r"(?<![\w$@%&>:{-])(qq|qw|q)\s*([({\[</|!~'\"])")
    for m in re.finditer(rx, code):
        if m.start() < pos:
            continue
        op, open_ = m.group(1), m.group(2)
        op = _RUBY_QUOTE_OPS[op] if ruby else op
        close = {"(": ")", "{": "}", "[": "]", "<": ">"}.get(open_, open_)
        depth, i = 0, m.end()
        while i < len(code):
            c = code[i]
            if c == "\\":
                i += 2
                continue
            if c == close and depth == 0:
                break
            if open_ != close:
                depth += (c == open_) - (c == close)
            i += 1
        else:
            break  # never closed: leave the rest as it is (and keep the scan linear)
        body = code[m.end() : i]
        if op == "qw":
            lit = ", ".join("'" + w.replace("'", "\\'") + "'" for w in body.split())
        elif op == "qq":
            lit = '"' + body.replace('"', '\\"') + '"'
        else:
            lit = "'" + body.replace("'", "\\'") + "'"
        out.append(code[pos : m.start()] + lit)
        pos = i + 1
    out.append(code[pos:])
    return "".join(out)


# -- what the patterns cannot follow ---------------------------------------------------------
#
# A recogniser is never complete. Where code reaches a module that deletes files or runs
# commands in a way the patterns cannot follow (a name chosen at run time, the module or one
# of its functions handed around as a value, code evaluated from text), it is reported as a
# problem, so the engine asks. Literal names are spelt out first (``getattr(os, "system")`` is
# ``os.system``), and code given to eval as a literal is read as code, a few levels deep.

#: how many levels of code given to eval/exec as a literal are read
MAX_NESTED_CODE = 4

#: a literal attribute or module name (after folding), in quotes
_NAME_LIT = r"(?P<q>['\"])(?P<name>[A-Za-z_][\w.]*)(?P=q)"
#: modules that delete files or run commands, by the name Python code reaches them with
_PY_DANGER_MODULES = r"os|posix|shutil|subprocess|pty|builtins|__builtins__"
#: their functions that do it
_PY_DANGER_FUNCS = (
    r"(?:os|posix)\.(?:system|popen|exec\w*|spawn\w*|posix_spawnp?|remove|unlink|removedirs|"
    r"rmdir|fork\w*)|shutil\.rmtree|subprocess\.(?:run|call|check_call|check_output|Popen|"
    r"getoutput|getstatusoutput)|pty\.spawn|commands\.getoutput|"
    r"asyncio\.create_subprocess_(?:shell|exec)")
_PY_ACCESS: list[tuple[re.Pattern[str], str]] = []


def _py_access(code: str) -> str:
    """``getattr(os, "system")``, ``os.__dict__["system"]``, ``vars(os)["system"]``,
    ``sys.modules["os"]``, ``builtins.exec``, ``import posix``: attribute access by a literal
    name written as plain attribute access."""
    if not any(w in code for w in ("getattr", "__", "vars", "sys.modules", "builtins",
                                   "posix")):
        return code
    if not _PY_ACCESS:
        obj = r"(?<![\w.])(?P<obj>[A-Za-z_][\w.]*)"
        _PY_ACCESS.extend((re.compile(rx), out) for rx, out in (
            (rf"(?<![\w.])getattr\(\s*(?P<obj>[A-Za-z_][\w.]*)\s*,\s*{_NAME_LIT}"
             r"(?:\s*,[^()\n]{0,200}?)?\s*\)", r"\g<obj>.\g<name>"),
            (rf"{obj}\.__getattribute__\(\s*{_NAME_LIT}\s*\)", r"\g<obj>.\g<name>"),
            (rf"(?<![\w.])vars\(\s*(?P<obj>[A-Za-z_][\w.]*)\s*\)\[\s*{_NAME_LIT}\s*\]",
             r"\g<obj>.\g<name>"),
            (rf"{obj}\.__dict__\[\s*{_NAME_LIT}\s*\]", r"\g<obj>.\g<name>"),
            (rf"(?<![\w.])sys\.modules\[\s*{_NAME_LIT}\s*\]", r"\g<name>"),
            (r"(?<![\w.])(?:__builtins__|builtins)\.(?=[A-Za-z_])", ""),
            (r"(?<![\w.])posix\.(?=[A-Za-z_])", "os."),
        ))
    for _ in range(3):  # getattr(getattr(...), ...)
        before = code
        for rx, out in _PY_ACCESS:
            code = rx.sub(out, code)
        if code == before:
            break
    return code


def _py_aliases(code: str) -> str:
    """``f = os.system; f(x)``, ``m = shutil; m.rmtree(p)``, ``e = eval``: a name bound once,
    to a recognised module or function, spelt in full where it is used."""
    rx = re.compile(rf"(?:^|(?<=[;\n]))[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*"
                    rf"((?:{_PY_DANGER_MODULES}|subprocess|commands)(?:\.\w+)*|"
                    rf"exec|eval|compile|__import__|getattr)[ \t]*(?=[;\n]|$)", re.MULTILINE)
    if "=" not in code:
        return code
    assigned = re.compile(r"(?<![\w.])([A-Za-z_]\w*)[ \t]*(?:[-+*/|&%@]?=(?!=)|:=)")
    for _ in range(_FOLD_ROUNDS):
        bare = code_only("python", code)
        found = [m for m in rx.finditer(bare) if m.group(1) != m.group(2)]
        if not found:
            break
        counts: dict[str, int] = {}
        for a in assigned.finditer(bare):
            counts[a.group(1)] = counts.get(a.group(1), 0) + 1
        rebound: set[str] = set()
        for p in _REBIND["python"][:4]:
            for r in re.finditer(p, bare, re.MULTILINE):
                rebound.update(re.findall(r"\w+", r.group(1) or ""))
        aliases: dict[str, str] = {}
        spans: list[tuple[int, int]] = []
        for m in found:
            name = m.group(1)
            if counts.get(name) != 1 or name in rebound:
                continue  # bound another way too: the value is not known
            aliases[name] = m.group(2)
            spans.append((m.start(), m.end()))
        if not aliases or len(aliases) > 64:
            break  # more than can be followed: the values stay unknown (a problem below)
        for start, end in reversed(spans):
            code = code[:start] + " " * (end - start) + code[end:]
        code = _rename(code, aliases, "", _PY_IMPORT)
    return code


def _py_unfollowed(code: str) -> list[str]:
    """How Python code reaches a dangerous module in a way the patterns cannot follow."""
    if not any(w in code for w in ("os", "shutil", "subprocess", "pty", "builtins", "import",
                                   "exec", "eval", "commands", "sys.modules")):
        return []
    bare = re.sub(_PY_IMPORT, lambda m: " " * len(m.group(0)), code_only("python", code))
    problems: list[str] = []
    m = re.search(r"(?<![\w])(?:__import__|import_module)\s*\(", bare)
    if m:
        problems.append(f"imports a module named at run time (`{code[m.start():m.end() + 30]}`)")
    m = re.search(r"(?<![\w.])sys\.modules\s*\[", bare)
    if m:
        problems.append("reaches a module through sys.modules by a name chosen at run time")
    m = re.search(rf"(?<![\w.])(?:{_PY_DANGER_MODULES})(?![\w])"
                  r"(?!\s*\.\s*(?!__(?:dict|getattribute|getattr|class|loader|spec|builtins)__)"
                  r"[A-Za-z_])", bare)
    if m:
        problems.append(f"uses the module {m.group(0)} in a way that cannot be followed "
                        f"(`{code[max(0, m.start() - 20):m.end() + 20].strip()}`)")
    m = re.search(rf"(?<![\w.])(?:{_PY_DANGER_FUNCS}|exec|eval|__import__)(?![\w])(?!\s*\()",
                  bare)
    if m:
        problems.append(f"passes {m.group(0)} around as a value, so where it is called "
                        "cannot be followed")
    return problems


#: node modules that delete files or run commands
_NODE_DANGER_MODULES = r"(?:node:)?(?:child_process|fs|fs/promises|fs-extra|worker_threads|vm)"
#: their functions that do it
_NODE_DANGER_FUNCS = (r"execSync|exec|execFile|execFileSync|spawn|spawnSync|fork|rmSync|rm|"
                      r"rmdirSync|rmdir|unlinkSync|unlink|removeSync|remove|emptyDirSync|"
                      r"writeFileSync|writeFile|runInThisContext|runInNewContext|runInContext|"
                      r"Worker")


def _node_access(code: str) -> str:
    """``x["execSync"]`` as ``x.execSync`` (outside string literals)."""
    if "[" not in code:
        return code
    rx = re.compile(rf"(?P<s>{_STR}|(?<![\w$.])(?:return|of|in|typeof|instanceof|case|yield|"
                    rf"await|void|delete|throw|else|do)\s*(?=\[))|"
                    r"(?<=[\w$)\]])\[\s*(?P<q>['\"`])(?P<name>[A-Za-z_$][\w$]*)(?P=q)\s*\]")
    return rx.sub(lambda m: m.group("s") or "." + m.group("name"), code)


def _node_unfollowed(code: str) -> list[str]:
    """How JavaScript reaches child_process or fs in a way the patterns cannot follow."""
    if not any(w in code for w in ("require", "import", "process", "global", "call", "apply",
                                   "bind")):
        return []
    bare = code_only("node", code)
    problems: list[str] = []
    mod = rf"""['"`]{_NODE_DANGER_MODULES}['"`]"""
    names = set(re.findall(rf"\b(?:const|let|var)\s+([\w$]+)\s*=\s*(?:await\s+)?"
                           rf"(?:require|import)\(\s*{mod}\s*\)", code))
    names.update(re.findall(rf"\bimport\s+(?:\*\s+as\s+)?([\w$]+)\s+from\s+{mod}", code))
    # a module reached by name: ``require(x)``, ``import(x)``
    literal = re.compile(rf"\s*({_STR})")
    for m in re.finditer(r"(?<![\w$.])(?:require|import)\s*\(", bare):
        lit = literal.match(code, m.end())
        if lit is None or _lit(lit.group(1)) is None:
            problems.append(f"loads a module named at run time (`{code[m.start():m.end() + 30]}`)")
            break
    if re.search(r"\bprocess\s*\.\s*(?:binding|_linkedBinding|dlopen)\b", bare):
        problems.append("reaches node's internal bindings (process.binding)")
    if len(names) > 64:
        problems.append("binds more modules to names than can be followed")
        names = set()
    exprs = [rf"(?:require|import)\(\s*{mod}\s*\)"]
    exprs += [rf"(?<![\w$.]){re.escape(n)}(?![\w$])" for n in sorted(names)]
    # with an unknown key, or handed to other code: which of its functions runs is not known
    holders = "|".join([*exprs, r"(?<![\w$.])(?:process|globalThis|global|module)(?![\w$])"])
    for m in re.finditer(rf"(?:{holders})\s*(?:\?\.\s*)?\[", code):
        if bare[m.start()] == code[m.start()]:
            problems.append(f"calls a function chosen at run time (`{m.group(0)}`)")
            break
    joined = "|".join(exprs)
    for m in re.finditer(rf"(?<=[(,])\s*(?:{joined})\s*(?=[,)])", code):
        if bare[m.end() - 1] == code[m.end() - 1]:
            problems.append(f"hands the module to other code (`{m.group(0).strip()}`)")
            break
    # a function of the module as a value: ``[cp.execSync][0](...)``, ``.call(...)``
    for m in re.finditer(rf"(?:{joined})\s*\.\s*({_NODE_DANGER_FUNCS})(?![\w$])(?!\s*\()", code):
        if bare[m.start()] != code[m.start()]:
            continue
        before = bare[max(0, m.start() - 80) : m.start()]
        after = bare[m.end() : m.end() + 3].lstrip(" \t")
        if re.search(r"\b(?:const|let|var)\s+[\w$]+\s*=\s*$", before) and \
                after[:1] in ("", ";", "\n", ","):
            continue  # ``const x = cp.execSync``: followed under the name x
        problems.append(f"passes {m.group(0).strip()} around as a value, so where it is "
                        "called cannot be followed")
        break
    indirect = re.search(rf"(?<![\w$])(?:{_NODE_DANGER_FUNCS})\s*\.\s*(?:call|apply|bind)\b",
                         bare)
    if indirect:
        problems.append(f"calls {indirect.group(0)} (its arguments are not read)")
    return problems


#: Kernel methods that run commands or code, whatever object they are sent to
_RUBY_KERNEL = r"system|exec|spawn|eval|open|fork|syscall|`"
_RUBY_ACCESS: list[tuple[re.Pattern[str], str]] = []


def _ruby_access(code: str) -> str:
    """``Kernel.send(:system, x)``, ``method(:system).call(x)``, ``Object.const_get(:FileUtils)``,
    ``include FileUtils``, ``FU = FileUtils``: calls spelt the plain way."""
    if not _RUBY_ACCESS:
        name = r"(?::(?P<sym>[A-Za-z_]\w*[?!]?)|(?P<q>['\"])(?P<str>[A-Za-z_]\w*[?!]?)(?P=q))"
        _RUBY_ACCESS.extend((re.compile(rx), out) for rx, out in (
            (r"(?<![\w.:])(?:Kernel|Object|self)\s*(?:\.|::)\s*(?=[a-z_])", ""),
            (rf"(?<![\w.:])(?:Object\.)?const_get\(\s*{name}\s*\)", r"\g<sym>\g<str>"),
            (rf"(?:(?<![\w.:])|(?<=\.))method\(\s*{name}\s*\)\s*\.\s*(?:call\s*)?(?=\()",
             r"\g<sym>\g<str>"),
            (r"(?<![\w.:])FileUtils::(?=[a-z_])", "FileUtils."),
        ))
    for rx, out in _RUBY_ACCESS:
        code = rx.sub(out, code)
    if "send" in code:
        rx = re.compile(r"(?P<recv>(?<![\w.:])[\w:]+\s*\.\s*)?(?<![\w])(?:send|public_send|__send__)"
                        r"(?:\(\s*|[ \t]+)(?::(?P<sym>[A-Za-z_]\w*[?!]?)|(?P<q>['\"])"
                        r"(?P<str>[A-Za-z_]\w*[?!]?)(?P=q))\s*(?P<tail>,\s*|\))?")

        def sent(m: re.Match[str]) -> str:
            method = m.group("sym") or m.group("str")
            recv = m.group("recv") or ""
            if re.fullmatch(_RUBY_KERNEL, method) or not recv.strip()[:1].isupper():
                recv = ""  # a private Kernel method: any object runs it
            tail = m.group("tail") or " "
            return f"{recv.strip()}{method}{'(' if '(' in m.group(0) else ' '}" + (
                ")" if tail == ")" else "")

        code = rx.sub(sent, code)
    aliases = dict(re.findall(r"(?:^|(?<=[;\n]))[ \t]*([A-Z]\w*)[ \t]*=[ \t]*"
                              r"(FileUtils|Kernel|Open3|IO|Process)[ \t]*(?=[;\n]|$)", code,
                              re.MULTILINE))
    code = _rename(code, aliases, r"[.:]")
    if re.search(r"(?<![\w.:])include\s+FileUtils\b", code):
        code = re.sub(r"(?<![\w.:@$])(?=(?:rm_rf|rm_r|rm_f|rm|remove_dir|remove_entry|rmtree|"
                      r"remove_entry_secure|remove)\b(?![?!]))", "FileUtils.", code)
    return code


def _ruby_unfollowed(code: str) -> list[str]:
    """How Ruby reaches a method in a way the patterns cannot follow."""
    if not any(w in code for w in ("send", "method", "const_get", "instance_method")):
        return []
    bare = code_only("ruby", code)
    problems: list[str] = []
    m = re.search(r"(?<![\w])(?:send|public_send|__send__|const_get|method|instance_method)"
                  r"(?:\s*\(|[ \t]+[:\w\"'])", bare)
    if m:
        problems.append(f"calls a method named at run time or held as a value "
                        f"(`{code[m.start():m.end() + 30].strip()}`)")
    return problems


_PERL_UNFOLLOWED = (
    r"\\&(?:\$|\{|(?:CORE::|File::Path::|POSIX::)?(?:system|exec|unlink|rmtree|remove_tree|rmdir|"
    r"readpipe)\b)|&\s*\{\s*[\"'$]|&\$\w+\s*\(|->can\s*\(|"
    r"(?<![\w:])(?:CORE::GLOBAL::|main::)\s*\{|(?<!&)&\s*\{")


def _perl_unfollowed(code: str) -> list[str]:
    """A reference to a function that runs commands or deletes, or a function called by a
    name held in a string: where it is called cannot be followed."""
    if not any(c in code for c in ("&", "->can", "::")):
        return []
    bare = code_only("perl", code)
    m = re.search(_PERL_UNFOLLOWED, bare)
    if m:
        return [f"calls a function through a reference or a name chosen at run time "
                f"(`{code[m.start():m.end() + 30].strip()}`)"]
    return []


#: a call that evaluates its argument as code of the same language, up to that argument
_EVAL_LIT = {
    "python": r"(?<![\w.])(?:exec|eval|compile)\s*\(\s*",
    "node": r"(?<![\w$])(?:eval\s*\(|(?:(?:new\s+)?Function|constructor)\s*\((?:\s*" + _STR +
            r"\s*,)*|"
            r"vm\.(?:runIn\w*Context|compileFunction)\(|new\s+vm\.Script\()\s*",
    "ruby": r"(?<![\w])(?:eval|instance_eval|class_eval|module_eval)(?:\s*\(\s*|[ \t]+)",
    "perl": r"(?<![\w>:$])eval(?:\s*\(\s*|[ \t]+)",
    "php": r"(?<![\w>:$])eval\s*\(\s*",
}


def _literal_code(lang: str, code: str) -> tuple[str, list[str]]:
    """Code given to eval as a string literal: ``code`` with those literals emptied, and
    their values, to be read as code themselves."""
    prefix = _EVAL_LIT.get(lang)
    if prefix is None or not any(w in code for w in ("eval", "exec", "compile", "Function",
                                                      "vm.", "constructor")):
        return code, []
    rx = re.compile(rf"{prefix}(?P<lit>{_STR})(?=\s*(?:[,);\n]|$))")
    bare = code_only(lang, code)
    texts: list[str] = []
    out: list[str] = []
    pos = 0
    for m in rx.finditer(code):
        if m.start() < pos or bare[m.start()] != code[m.start()]:
            continue  # inside a string or a comment
        value = _lit_in(lang, m.group("lit"))
        if value is None:
            continue  # interpolated: code built at run time
        texts.append(value)
        out.append(code[pos : m.start("lit")] + "''")
        pos = m.end("lit")
    out.append(code[pos:])
    return "".join(out), texts


def scan(lang: str, code: str, _depth: int = 0) -> tuple[list[list[str]], list[str], list[str]]:
    """(argv of equivalent commands, shell strings to analyse, problems) for a piece of code."""
    calls: list[list[str]] = []
    shells: list[str] = []
    problems: list[str] = []
    if lang in _CONCAT and ("=" in code or _CONCAT[lang] in code or ".join(" in code or (
            lang == "python" and re.search(r"[\"'][ \t]*(?:\\\n[ \t]*)?[\"']", code))):
        code = fold_constants(lang, code)
    if lang == "python" and ("__import__" in code or "import_module" in code):
        # __import__('shutil').rmtree(...) is shutil.rmtree(...)
        code = re.sub(r"""(?<![\w])(?:__import__|(?:importlib\.)?import_module)\(\s*"""
                      r"""['"]([\w.]+)['"]\s*\)""", r"\1", code)
    if lang == "python":
        code = _py_access(code)
    if lang == "python" and "import" in code:
        code = _py_names(code)
    if lang == "python":
        code = _py_aliases(code)
    elif lang == "node":
        code = _node_access(code)
        if "const" in code or "let" in code or "var" in code or "import" in code:
            code = _node_names(code)
    elif lang == "perl" and "q" in code:
        code = _perl_quotes(code)
    elif lang == "ruby":
        if "%" in code:
            code = _perl_quotes(code, ruby=True)
        code = _ruby_access(code)
    code, nested = _literal_code(lang, code)
    for text in nested:
        if _depth >= MAX_NESTED_CODE:
            problems.append("code evaluated from text nested too deep to follow")
            break
        sub = scan(lang, text, _depth + 1)
        calls.extend(sub[0])
        shells.extend(sub[1])
        problems.extend(sub[2])
    if lang == "python":
        problems.extend(_py_unfollowed(code))
    elif lang == "node":
        problems.extend(_node_unfollowed(code))
    elif lang == "ruby":
        problems.extend(_ruby_unfollowed(code))
    elif lang == "perl":
        problems.extend(_perl_unfollowed(code))
    shellish = shell_command_in(lang, code)
    if shellish is not None:
        problems.append(f"the code reads as a shell command (`{shellish}`), not as "
                        f"{LANGUAGE_NAMES.get(lang, lang)}")
    url = _remote(lang, code)
    if url is not None:
        # code fetched and run by the interpreter itself: ``curl URL | python3``
        shells.append(f"curl -fsSL {_shell_word(url)} | {_RUN_STDIN[lang]}")
    else:
        evaluated = _evaluated(lang, code)
        if evaluated is not None:
            problems.append(f"evaluates code built at run time (`{evaluated[:60]}`)")
    if any(h in code for h in _SDK_HINTS.get(lang, ())):
        # cloud SDK calls, as the cloud CLI calls they amount to (read by a module of its
        # own, imported only for code that may use one)
        from railguard.shell.sdk import sdk_calls

        sdk_argv, sdk_problems = sdk_calls(lang, code)
        calls.extend(sdk_argv)
        problems.extend(sdk_problems)
    markers = _MARKERS.get(lang, ())
    if not any(m in code for m in markers):
        return calls, shells, problems
    if lang == "python":
        shells.extend(_walks(code))
    for plang, rx, kind in _patterns():
        if plang != lang:
            continue
        covered = 0  # where the last call's arguments end
        for m in rx.finditer(code):
            groups = m.groupdict()
            raw = groups.get("arg")
            value = _path_arg(raw) if raw is not None else None
            if kind == "rmtree":
                _push(calls, problems, ["rm", "-rf"], value, raw, "recursive delete")
            elif kind == "rm":
                _push(calls, problems, ["rm", "-f"], value, raw, "file delete")
            elif kind == "rmdir":
                _push(calls, problems, ["rmdir"], value, raw, "directory delete")
            elif kind == "node_rm":
                opts = groups.get("opts") or ""
                recursive = "recursive" in opts and "true" in opts
                name = m.group(0).split("(", 1)[0]
                if not recursive and "rmdir" in name:
                    _push(calls, problems, ["rmdir"], value, raw, "directory delete")
                else:
                    flags = ["rm", "-rf"] if recursive else ["rm", "-f"]
                    _push(calls, problems, flags, value, raw, "delete")
            elif kind == "read":
                if value is not None:
                    calls.append(["cat", value])
            elif kind == "write":
                if value is not None:
                    calls.append(["tee", value])
            elif kind == "open2":
                if value is None:
                    continue
                spec = value.strip()
                if spec.endswith("|") or spec.startswith("|"):
                    shells.append(spec.strip("| \t"))
                elif spec.startswith(("+<", "+>", ">")):
                    calls.append(["tee", spec.lstrip("+<>& \t")])
                else:
                    calls.append(["cat", spec.lstrip("< \t")])
            elif kind == "open":
                mode = _lit(groups.get("mode") or "") or ""
                if value is None:
                    continue
                if lang == "perl":
                    mode = mode.strip()
                    if "|" in mode:
                        continue  # a pipe: the command is read by the call pattern
                    writes = mode.startswith((">", "+<", "+>"))
                else:
                    writes = any(c in mode for c in "wax+")
                calls.append(["tee", value] if writes else ["cat", value])
            elif kind in ("shell", "backtick"):
                if kind == "backtick" and raw is not None:
                    if "#{" in raw or re.search(r"(?<!\\)\$[\w{]", raw):
                        problems.append("shell command built at run time")
                    else:
                        shells.append(raw)
                    continue
                lit = _lit(raw or "")
                if lit is None:
                    if raw is not None and raw.strip().startswith(("[", "{")):
                        continue  # a list, or ruby's environment hash: the call patterns
                    problems.append("shell command built at run time")
                else:
                    shells.append(lit)
            elif kind == "sql":
                sql = _lit(raw or "")
                if sql is not None and _SQL_WORD.match(sql):
                    shells.append(f"{_sql_client(lang, code)} {_shell_word(sql)}")
            elif kind == "shell_or_argv":
                lit = _lit(raw or "")
                if lit is not None:
                    # subprocess.run("cmd", shell=True) runs a shell; without shell=True a
                    # single string is the program name alone: judge it as a command line
                    shells.append(lit)
                elif raw is not None and not raw.strip().startswith("["):
                    problems.append("subprocess call with arguments built at run time")
            elif kind == "argv":
                items = _items(groups.get("list") or "")
                if items is None:
                    problems.append("subprocess call with arguments built at run time")
                elif items:
                    _run_argv(items, calls, shells)
            elif kind == "exec":
                if value is None:
                    problems.append("exec of a program chosen at run time")
            elif kind == "spawn":
                prog = _lit(raw or "")
                if prog is None:
                    problems.append("process started with a name built at run time")
                    continue
                items = _items(groups.get("list") or "") if groups.get("list") else []
                if items is None:
                    problems.append(f"{prog} started with arguments built at run time")
                    items = []
                _run_argv([prog, *items], calls, shells)
            elif kind.startswith("call:"):
                if m.start() < covered:
                    continue  # a call inside the last one's arguments: not a literal there
                covered = _call(kind[5:], lang, m, code, calls, shells, problems)
            elif kind == "pipe_open":
                if m.start() < covered:
                    continue
                args, covered = _split_span(code, m.end(), parens=False)
                one = _lit(args[0]) if len(args) == 1 else None
                items = _items(args) if len(args) > 1 else None
                if one is not None:
                    shells.append(one)
                elif items:
                    _run_argv(items, calls, shells)
                else:
                    problems.append("command of a pipe open built at run time")
            elif kind == "awk_feed":
                cmd = _lit(groups.get("cmd") or "")
                if not cmd:
                    continue
                data = _lit(groups.get("data") or "")
                first = cmd.split(None, 1)[0].rsplit("/", 1)[-1] if cmd.split() else ""
                if data is not None:
                    shells.append(f"echo {_shell_word(data.rstrip(chr(10)))} | {cmd}")
                elif first in _RUNNERS or first in INTERPRETERS:
                    problems.append(f"text built at run time is run as code by {first}")
    return calls, shells, problems


def _call(spec: str, lang: str, m: re.Match[str], code: str, calls: list[list[str]],
          shells: list[str], problems: list[str]) -> int:
    """A call that runs a program, its argv in the arguments: ``N`` the argv is the N-th
    argument (a list), ``N-`` the arguments from the N-th on are the argv. Returns where its
    arguments end."""
    name = m.group(0).rstrip("( \t\n[{")
    parens = m.group(0).rstrip().endswith("(")
    args, end = _split_span(code, m.end(), parens)
    if len(args) >= 64:
        problems.append(f"{name} with more arguments than can be followed")
        return end
    env = False
    if lang == "ruby":
        # an environment hash first, options (``chdir: "x"``, ``:err => ...``) last
        env = bool(args) and args[0].startswith("{")
        if env:
            args = args[1:]
        args = [a for a in args if not re.match(r"\w+:\s|:\w+\s*=>", a)]
    k = int(spec.rstrip("-"))
    if len(args) <= k:
        return end
    if spec.endswith("-") and not args[k].startswith("["):
        if lang in ("perl", "ruby") and len(args) == k + 1:
            # one string: the shell form, judged by the shell pattern (which does not see
            # past ruby's environment hash)
            if env:
                text = _lit(args[k])
                if text is None:
                    problems.append(f"shell command built at run time ({name})")
                else:
                    shells.append(text)
            return end
        parts = args[k:]
        if name.endswith("e") and _lit(parts[-1]) is None:
            parts = parts[:-1]  # os.execle(..., env)
        items: list[str] | None = _items(parts) if parts else None
    else:
        items = _seq_items(args[k])
    if items is None:
        prog = _lit(args[k].lstrip("[(")) if args[k] else None
        problems.append(f"{prog or 'a program'} run by {name} with arguments built at run time")
    elif items:
        _run_argv(items, calls, shells)
    return end


#: the interpreter that runs code piped to it, per language
_RUN_STDIN = {"python": "python3", "node": "node", "ruby": "ruby", "perl": "perl", "php": "php",
              "lua": "lua", "r": "Rscript", "awk": "sh"}
#: (fetches over the network, evaluates text as code), per language
_REMOTE = {
    "python": (r"\burlopen\(|\burlretrieve\(|\b(?:requests|httpx|urllib3)\.(?:get|request)\(|"
               r"\bPoolManager\(",
               r"(?<![\w.])(?:exec|eval|compile)\s*\("),
    "node": (r"(?<![\w.])fetch\(|\bhttps?\.(?:get|request)\(|[\"'](?:node:)?https?[\"']|\baxios\b|"
             r"(?<![\w.])got\(",
             r"(?<![\w$])eval\b|\bnew\s+Function\b|\bvm\.(?:run\w*\(|Script\b|compileFunction\b)|"
             r"(?<![\w$])Function\(|\bconstructor\s*\("),
    "ruby": (r"Net::HTTP|\bURI\.open\b|\bopen-uri\b|HTTParty|Faraday|"
             r"\b(?:URI\.)?open\(\s*[\"']https?://",
             r"(?<![\w])(?:eval|instance_eval|class_eval|module_eval)\b(?![?!])"),
    "perl": (r"LWP::|HTTP::Tiny|(?<![\w>:])get(?:store)?\s*\(?\s*[\"'$]",
             r"(?<![\w>:$])eval\s*(?!\s*\{)(?=[\s(\"'$]|get)"),
    "php": (r"\b(?:file_get_contents|fopen|file)\(\s*[\"']https?://|\bcurl_exec\(",
            r"(?<![\w>:$])eval\s*\("),
    "lua": (r"socket\.http|\bhttp\.request\b", r"(?<![\w.])load(?:string)?\s*\("),
    "r": (r"\burl\(|download\.file\(|\b(?:source|readLines)\(\s*[\"']https?://",
          r"(?<![\w.])(?:eval|source)\s*\("),
}


def _remote(lang: str, code: str) -> str | None:
    """The URL (or ``URL`` if it is not written out) of code the interpreter downloads and
    runs, or None."""
    spec = _REMOTE.get(lang)
    if spec is None or not ("http" in code or "get" in code or "url" in code.lower()
                            or "LWP" in code or "fetch" in code):
        return None
    if lang == "node":
        # ``await import("https://...")``: Deno (and Node with network imports) fetches and
        # runs the module in one step
        m = re.search(r"""\bimport\s*\(\s*["'`](https?://[^"'`]+)""", code)
        if m is not None:
            return m.group(1)
    fetch, run = spec
    run_rx = re.compile(run)
    for f in re.finditer(fetch, code):
        # the evaluation next to the download (one expression or statement away), so a
        # script that fetches JSON in one place and evaluates a constant in another is not it
        near = code[max(0, f.start() - 300) : f.end() + 300]
        if run_rx.search(near):
            m = re.search(r"""https?://[^\s'"`)]+""", near) or re.search(
                r"""https?://[^\s'"`)]+""", code)
            return m.group(0) if m else "URL"
    return None


def _evaluated(lang: str, code: str) -> str | None:
    """``exec(base64.b64decode(...))``, ``eval(input())``, ``eval $x``: the language's own
    evaluation of text that is not a string literal, so what runs cannot be read here.
    Returns the call as written, or None."""
    spec = _REMOTE.get(lang)
    if spec is None or not any(w in code for w in ("exec", "eval", "compile", "Function",
                                                     "vm.", "load", "constructor")):
        return None
    literal = re.compile(rf"\s*\(?\s*(?P<lit>{_STR})(?=\s*(?:[,);\n]|$))|"
                         r"\s*\(?\s*(?P<c>compile\()")
    block = re.compile(r"\s*(?:\{|\Z)")
    for m in re.finditer(spec[1], code):
        lit = literal.match(code, m.end())
        if lit and lit.group("lit") is not None and _lit_in(lang, lit.group("lit")) is not None:
            continue  # a literal: its text is read as code (see _literal_code)
        if lit and lit.group("c") and lang == "python":
            continue  # exec(compile(...)): the compile call is judged on its own
        if lang in ("ruby", "perl") and block.match(code, m.end()):
            continue  # ``eval { ... }``: a block, not text
        return code[m.start(): m.end() + 40].strip()
    return None


def _walks(code: str) -> list[str]:
    """``for r, d, f in os.walk(ROOT): ... os.remove(...)``: a walk that deletes what it finds,
    judged as the find command that does the same. A walk whose deletion is filtered (an
    ``if``) is left to the deletion calls themselves (a path chosen at run time: ask)."""
    out: list[str] = []
    for m in re.finditer(rf"\bos\.walk\({_ARG}[,)]|"
                         rf"(?P<p>(?:pathlib\.)?Path\(\s*{_STR}\s*\))\.rglob\(\s*(?P<pat>{_STR})",
                         code):
        root = _path_arg(m.group("arg") or m.group("p") or "")
        if root is None:
            continue
        body = code[m.end() : m.end() + 2000]
        pattern = _lit(m.group("pat") or "") or "*"
        if re.search(r"\bif\b", body):
            continue
        name = "" if pattern == "*" else f" -name {_shell_word(pattern)}"
        if re.search(r"\b(?:shutil\.rmtree|os\.rmdir|os\.removedirs)\(|\.rmdir\(", body):
            out.append(f"rm -rf {_shell_word(root)}" if not name else
                       f"find {_shell_word(root)}{name} -exec rm -rf {{}} +")
        elif re.search(r"\bos\.(?:remove|unlink)\(|\.unlink\(", body):
            out.append(f"find {_shell_word(root)}{name} -type f -delete")
    return out


#: text that starts like a SQL statement (a driver's ``execute`` is also a task runner's)
_SQL_WORD = re.compile(r"\s*(?:--[^\n]*\n\s*)*(?:;|\(|(?i:drop|truncate|delete|update|alter|"
                       r"insert|create|select|with|replace|merge|grant|revoke|vacuum|pragma|"
                       r"attach|detach|copy|begin|commit|set|table|values|rename|exec)\b)")


def _sql_client(lang: str, code: str) -> str:
    """The database client that runs the same SQL as the driver the code uses: sqlite3 (with
    the database file ``connect`` names), mysql, duckdb, else psql."""
    if re.search(r"\bsqlite3?\b|better-sqlite3|\bDatabase\(", code):
        m = re.search(rf"(?:\bconnect|\bDatabase)\(\s*(?P<arg>{_STR})", code)
        db = _lit(m.group("arg")) if m else None
        return f"sqlite3 {_shell_word(db or 'database.sqlite')}"
    if re.search(r"\bduckdb\b", code):
        m = re.search(rf"\bconnect\(\s*(?P<arg>{_STR})", code)
        db = _lit(m.group("arg")) if m else None
        return f"duckdb {_shell_word(db or 'database.duckdb')}"
    if re.search(r"\b(?:pymysql|MySQLdb|mysql\.connector|mysql2?)\b", code):
        return "mysql -e"
    return "psql -c"


def _push(calls: list[list[str]], problems: list[str], argv: list[str], value: str | None,
          raw: str | None, what: str) -> None:
    if value is None:
        problems.append(f"{what} of a path chosen at run time ({(raw or '').strip()[:60]})")
    else:
        calls.append([*argv, value])


# -- shell commands written as code ------------------------------------------------------------
#
# ``node -e "rm -rf /"`` runs nothing (it is not JavaScript), but the readers above are patterns,
# not parsers, and code that is really a blocked shell command is a way around the guard: the
# call is asked about. Outside string literals and comments, at the start of a statement, one
# of a short list of destructive command shapes.

LANGUAGE_NAMES = {"python": "Python", "node": "JavaScript", "ruby": "Ruby", "perl": "Perl",
                  "php": "PHP", "awk": "awk", "lua": "Lua", "r": "R"}

_QUOTED = r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`"""
_HEREDOC = r"<<[~-]?(?P<q>[\"'`]?)(?P<id>[A-Za-z_]\w*)(?P=q)[^\n]*\n.*?^[ \t]*(?P=id)[ \t]*;?$"
#: what is not code, per language: string literals (heredocs, quote-like operators), comments,
#: data after ``__END__``, documentation blocks
_NOT_CODE = {
    "python": rf"'''.*?'''|\"\"\".*?\"\"\"|{_QUOTED}|#[^\n]*",
    "node": rf"{_QUOTED}|//[^\n]*|/\*.*?\*/",
    "ruby": rf"{_HEREDOC}|^=begin\b.*?^=end\b[^\n]*|^__END__$.*|{_QUOTED}|"
            r"%[qQwWiIxrs]?\{[^{}]*\}|#[^\n]*",
    "perl": rf"{_HEREDOC}|^=[a-zA-Z].*?^=cut\b[^\n]*|^__(?:END|DATA)__$.*|{_QUOTED}|"
            r"(?<![\w$@%&>:-])(?:s|tr|y)\s*\{[^{}]*\}\s*\{[^{}]*\}|"
            r"(?<![\w$@%&>:-])(?:qq|qw|qx|qr|q|m)\s*\{[^{}]*\}|#[^\n]*",
    "php": r"<<<[ \t]*(?P<q>[\"']?)(?P<id>[A-Za-z_]\w*)(?P=q)[^\n]*\n.*?^[ \t]*(?P=id)\b|"
           rf"{_QUOTED}|#[^\n]*|//[^\n]*|/\*.*?\*/",
    "awk": r'"(?:[^"\\]|\\.)*"|#[^\n]*',
    "lua": r"--\[(?P<eq>=*)\[.*?\](?P=eq)\]|\[(?P<eq2>=*)\[.*?\](?P=eq2)\]|--[^\n]*|"
           rf"{_QUOTED}",
    "r": rf"{_QUOTED}|#[^\n]*",
}
_NOT_CODE_RX: dict[str, re.Pattern[str]] = {}

#: the command names the shapes below start with: code without any of them is not looked at
_SHELL_NAMES = r"(?:sudo\s+)?(?:/[\w.-]+)*/?(?:rm|git|find|dd|mkfs(?:\.\w+)?|shred|wipefs|" \
               r"chmod|chown|chgrp|terraform|tofu|terragrunt)(?=[ \t])"
_W = r"(?:\S+\s+)*?"  # any words before the one that matters (lazy)
_END = r"(?=\s|$)"
#: destructive shell commands railguard refuses on their own, as they read at a statement start
_SHELL_SHAPES = (
    rf"(?:sudo\s+(?:-\S+\s+)*)?(?:/[\w.-]+)*/?(?:"
    rf"rm\s+{_W}(?:-[a-zA-Z]*[rRf][a-zA-Z]*|--recursive|--force|--no-preserve-root){_END}"
    rf"|git\s+{_W}(?:reset\s+{_W}--hard"
    rf"|push\s+{_W}(?:-[a-zA-Z]*f[a-zA-Z]*|--force\S*|--mirror|--delete|-d)"
    rf"|clean\s+{_W}-[a-zA-Z]*f[a-zA-Z]*|branch\s+{_W}-D|stash\s+(?:drop|clear)"
    rf"|checkout\s+{_W}--\s+\.|filter-branch){_END}"
    rf"|find\s+{_W}-(?:delete|exec(?:dir)?\s+(?:sudo\s+)?rm){_END}"
    rf"|dd\s+{_W}of=[\"']?/dev/(?!null\b|zero\b|stdout\b|stderr\b|fd/)"
    rf"|(?:mkfs(?:\.\w+)?|shred|wipefs)\s+\S"
    rf"|ch(?:mod|own|grp)\s+(?={_W}(?:-[a-zA-Z]*R[a-zA-Z]*|--recursive)\s){_W}"
    rf"[\"']?(?:/|~/?|\$HOME/?|/[\w.-]+/?)[\"']?{_END}"
    rf"|(?:terraform|tofu|terragrunt)\s+{_W}(?:destroy|apply\s+{_W}-destroy){_END}"
    rf")"
)
_SHELL_RX: list[re.Pattern[str]] = []


def _shell_rx() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    if not _SHELL_RX:
        _SHELL_RX.append(re.compile(r"\b(?:rm|git|find|dd|mkfs|shred|wipefs|chmod|chown|chgrp|"
                                    r"terraform|tofu|terragrunt)\b"))
        # a statement starts at the beginning, after ; a newline { } && || or |
        _SHELL_RX.append(re.compile(rf"(?:^|[;\n{{}}|&])[ \t]*(?={_SHELL_NAMES})"))
        _SHELL_RX.append(re.compile(_SHELL_SHAPES))
    return _SHELL_RX[0], _SHELL_RX[1], _SHELL_RX[2]


def code_only(lang: str, code: str) -> str:
    """``code`` with its string literals, comments and other text that is not code blanked
    out (each character a space, newlines kept), so offsets still match."""
    rx = _not_code_rx(lang)
    if rx is None:
        return code
    if lang == "php" and "<?" in code:
        # a PHP file: only what is between <?php and ?> is code, the rest is output
        code = re.sub(r"\A.*?(?:<\?(?:php\b|=)?|\Z)|\?>.*?(?:<\?(?:php\b|=)?|\Z)",
                      _blank, code, flags=re.DOTALL)
    return rx.sub(_blank, code)


def _not_code_rx(lang: str) -> re.Pattern[str] | None:
    rx = _NOT_CODE_RX.get(lang)
    if rx is None:
        source = _NOT_CODE.get(lang)
        if source is None:
            return None
        rx = _NOT_CODE_RX[lang] = re.compile(source, re.DOTALL | re.MULTILINE)
    return rx


def _blank(m: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", m.group(0))


def shell_command_in(lang: str, code: str) -> str | None:
    """The first destructive shell command written as a statement of ``code`` (outside its
    string literals and comments), as written; None if there is none."""
    names, starts, shapes = _shell_rx()
    if names.search(code) is None:
        return None
    bare = code_only(lang, code)
    for m in starts.finditer(bare):
        begin = m.end()
        # the statement ends at ; a newline && || or | (of the code, not of a string)
        stop = re.search(r"[;\n|&]", bare[begin : begin + 300])
        end = begin + (stop.start() if stop else min(300, len(bare) - begin))
        if shapes.match(code[begin:end]):
            shown = " ".join(code[begin:end].split())
            return shown if len(shown) <= 60 else shown[:57] + "..."
    return None
