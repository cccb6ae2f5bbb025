"""Inline code and scripts in other languages, judged like their shell equivalents.

``python -c "shutil.rmtree('/')"`` is ``rm -rf /``; ``node -e "child_process.execSync('git push
-f')"`` is ``git push -f``. This is a recogniser, not an interpreter: it finds the calls that
delete, read or write files or run a shell, and turns each call with literal arguments into an
equivalent argv (or a shell string to analyse). A call whose argument is not a literal is
reported as a problem, so the engine asks instead of guessing.
"""

from __future__ import annotations

import re

from railguard.shell.options import OptSpec

_PY_OPTS = OptSpec(
    {"-B": "B", "-E": "E", "-I": "I", "-O": "O", "-OO": "OO", "-q": "q", "-s": "s", "-S": "S",
     "-u": "u", "-v": "v", "-b": "b", "-d": "d", "-i": "i", "-P": "P", "-R": "R",
     "--version": "version", "-V": "version", "--help": "help", "-h": "help"},
    {"-c": "-c", "-m": "module", "-W": "W", "-X": "X", "--check-hash-based-pycs": "chk"},
    stop_at_positional=False,
)
_NODE_OPTS = OptSpec(
    {"--version": "version", "-v": "version", "--help": "help", "-h": "help", "-i": "i",
     "--interactive": "i", "-c": "check", "--check": "check"},
    {"-e": "-e", "--eval": "-e", "-p": "-e", "--print": "-e", "-r": "require",
     "--require": "require", "--import": "import", "--input-type": "it", "--loader": "loader",
     "--env-file": "env"},
)
_PERL_OPTS = OptSpec(
    {"-n": "n", "-p": "p", "-a": "a", "-w": "w", "-s": "s", "-T": "T", "-t": "t", "-W": "W",
     "-X": "X", "-l": "l", "-0": "0", "-c": "check", "-v": "version", "-h": "help"},
    {"-e": "-e", "-E": "-e", "-M": "module_use", "-m": "module_use", "-I": "inc", "-i": "inplace",
     "-F": "F", "-x": "x"},
)
_RUBY_OPTS = OptSpec(
    {"-n": "n", "-p": "p", "-a": "a", "-w": "w", "-W": "W", "-v": "version", "--version":
     "version", "-h": "help", "-c": "check", "-l": "l", "-s": "s"},
    {"-e": "-e", "-r": "require", "-I": "inc", "-C": "chdir", "-E": "enc", "-F": "F",
     "-x": "x"},
)
_PHP_OPTS = OptSpec({"-v": "version", "-h": "help", "-l": "check"},
                    {"-r": "-r", "-d": "ini", "-c": "ini_file", "-f": "file"})
_BUN_OPTS = OptSpec({"--version": "version", "-v": "version", "--help": "help"},
                    {"-e": "-e", "--eval": "-e", "-p": "-e", "--print": "-e"})

#: program -> (language, flags that carry inline code, option spec)
INTERPRETERS: dict[str, tuple[str, tuple[str, ...], OptSpec]] = {}
for _n in ("python", "python2", "python3", "pypy", "pypy3", *(f"python3.{i}" for i in range(6, 16))):
    INTERPRETERS[_n] = ("python", ("-c",), _PY_OPTS)
for _n in ("node", "nodejs"):
    INTERPRETERS[_n] = ("node", ("-e",), _NODE_OPTS)
INTERPRETERS["bun"] = ("node", ("-e",), _BUN_OPTS)
INTERPRETERS["deno"] = ("node", (), OptSpec())
INTERPRETERS["perl"] = ("perl", ("-e",), _PERL_OPTS)
INTERPRETERS["ruby"] = ("ruby", ("-e",), _RUBY_OPTS)
INTERPRETERS["php"] = ("php", ("-r",), _PHP_OPTS)
_AWK_OPTS = OptSpec({"-b": "b", "-c": "c", "-e": "e", "-P": "P", "-r": "r", "-S": "sandbox",
                     "--sandbox": "sandbox", "-n": "n", "-O": "O", "-s": "s", "-t": "t"},
                    {"-F": "F", "-v": "v", "-f": "file", "--file": "file", "-E": "file",
                     "-i": "include", "--include": "include", "-l": "load", "-W": "W"})
for _n in ("awk", "gawk", "mawk", "nawk", "busybox-awk"):
    INTERPRETERS[_n] = ("awk", (), _AWK_OPTS)

# a string literal in any of the languages: '...', "...", `...` (no interpolation followed)
_STR = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)"""
_ARG = rf"\s*(?P<arg>{_STR}|[\w.]+\(\s*{_STR}\s*\)|[^,()]+?)\s*"
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
_add("python", rf"\bos\.exec[lv]p?e?\({_ARG},", "exec")
_add("node", rf"\b(?:fs\.|fsp\.|fs\.promises\.|fse\.|fsExtra\.)?(?:rmSync|rm|rmdirSync|rmdir)"
     rf"\({_ARG}(?P<opts>,\s*\{{[^}}]*\}})?", "node_rm")
_add("node", rf"\b(?:rimraf(?:\.sync)?|(?:fse|fsExtra|fs)\.(?:removeSync|remove|emptyDirSync))"
     rf"\({_ARG}[,)]", "rmtree")
_add("node", rf"\b(?:fs\.)?(?:unlinkSync|unlink)\({_ARG}[,)]", "rm")
_add("node", rf"\b(?:fs\.)?readFileSync\({_ARG}[,)]", "read")
_add("node", rf"\b(?:fs\.)?(?:writeFileSync|appendFileSync)\({_ARG},", "write")
_add("node", rf"\b(?:execSync|exec|execaCommand|execaCommandSync)\({_ARG}[,)]", "shell")
_add("node", rf"\b(?:spawnSync|spawn|execFileSync|execFile|execa|execaSync)\({_ARG}"
     rf"(?:,\s*\[(?P<list>[^\]]*)\])?", "spawn")
_add("perl ruby", rf"(?<![\w.])(?:system|exec)\s*\(?{_ARG}(?:[,)]|;|$)", "shell")
_add("perl ruby", r"`(?P<arg>[^`]+)`", "backtick")
_add("perl ruby", r"\bqx\s*[{(\[/](?P<arg>[^})\]/]+)[})\]/]", "backtick")
_add("ruby", r"%x[{(\[](?P<arg>[^})\]]+)[})\]]", "backtick")
_add("perl", rf"\bunlink\s*\(?{_ARG}(?:[,);]|$)", "rm")
_add("perl", rf"\b(?:rmtree|remove_tree|File::Path::rmtree)\s*\(?{_ARG}(?:[,);]|$)", "rmtree")
_add("perl", rf"\bopen\s*\(?\s*\w+\s*,\s*(?P<mode>{_STR})\s*,{_ARG}[,)]", "open")
_add("ruby", rf"\bFileUtils\.(?:rm_rf|rm_r|remove_dir|remove_entry|rmtree|remove_entry_secure)"
     rf"\s*\(?{_ARG}(?:[,)]|$)", "rmtree")
_add("ruby", rf"\b(?:File\.(?:delete|unlink)|FileUtils\.(?:rm|rm_f|remove))\s*\(?{_ARG}"
     r"(?:[,)]|$)", "rm")
_add("ruby", rf"\bFile\.(?:read|readlines|binread)\s*\(?{_ARG}(?:[,)]|$)", "read")
_add("awk", rf"\bsystem\s*\({_ARG}\)", "shell")
_add("awk", r"\|\s*(?P<arg>\"(?:[^\"\\]|\\.)*\")", "shell")
_add("awk", r"(?P<arg>\"(?:[^\"\\]|\\.)*\")\s*\|\s*getline", "shell")
_add("php", rf"\b(?:shell_exec|system|exec|passthru|popen|proc_open)\s*\({_ARG}[,)]", "shell")
_add("php", rf"\bunlink\s*\({_ARG}[,)]", "rm")
_add("php", rf"\bfile_get_contents\s*\({_ARG}[,)]", "read")
_add("php", rf"\bfile_put_contents\s*\({_ARG},", "write")

_MARKERS = {
    "python": ("shutil", "os.", "subprocess", "open(", "Path(", "commands"),
    "node": ("rm", "unlink", "exec", "spawn", "rimraf", "readFile", "writeFile", "appendFile",
             "remove", "emptyDir"),
    "perl": ("system", "exec", "`", "qx", "unlink", "rmtree", "remove_tree", "open"),
    "ruby": ("system", "exec", "`", "%x", "FileUtils", "File."),
    "php": ("exec", "system", "passthru", "popen", "unlink", "file_"),
    "awk": ("system", "|"),
}


def _items(list_text: str) -> list[str] | None:
    parts = [p.strip() for p in list_text.split(",") if p.strip()]
    out = []
    for p in parts:
        v = _lit(p)
        if v is None:
            return None
        out.append(v)
    return out


def scan(lang: str, code: str) -> tuple[list[list[str]], list[str], list[str]]:
    """(argv of equivalent commands, shell strings to analyse, problems) for a piece of code."""
    calls: list[list[str]] = []
    shells: list[str] = []
    problems: list[str] = []
    if lang == "python" and ("__import__" in code or "import_module" in code):
        # __import__('shutil').rmtree(...) is shutil.rmtree(...)
        code = re.sub(r"""(?:__import__|importlib\.import_module)\(\s*['"]([\w.]+)['"]\s*\)""",
                      r"\1", code)
    markers = _MARKERS.get(lang, ())
    if not any(m in code for m in markers):
        return calls, shells, problems
    for plang, rx, kind in _patterns():
        if plang != lang:
            continue
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
            elif kind == "open":
                mode = _lit(groups.get("mode") or "") or ""
                if value is None:
                    continue
                if lang == "perl":
                    mode = mode.strip()
                    writes = mode.startswith((">", "+<", "+>"))
                else:
                    writes = any(c in mode for c in "wax+")
                calls.append(["tee", value] if writes else ["cat", value])
            elif kind in ("shell", "backtick"):
                if kind == "backtick" and raw is not None:
                    if "#{" in raw or re.search(r"(?<!\\)\$\w", raw):
                        problems.append("shell command built at run time")
                    else:
                        shells.append(raw)
                    continue
                lit = _lit(raw or "")
                if lit is None:
                    if raw is not None and raw.strip().startswith("["):
                        continue  # a list: handled by the argv pattern
                    problems.append("shell command built at run time")
                else:
                    shells.append(lit)
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
                    calls.append(items)
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
                calls.append([prog, *items])
    return calls, shells, problems


def _push(calls: list[list[str]], problems: list[str], argv: list[str], value: str | None,
          raw: str | None, what: str) -> None:
    if value is None:
        problems.append(f"{what} of a path chosen at run time ({(raw or '').strip()[:60]})")
    else:
        calls.append([*argv, value])
