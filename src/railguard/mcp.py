"""MCP tools by name and arguments: what a call of a server's tool amounts to.

An MCP tool is named by its server and itself (``mcp__filesystem__write_file``) and takes an
argument object of the server's own making. Many servers do what the agent's own tools do: run
a shell command, run code, read, write, edit, move, copy or delete a file, fetch a URL.
:func:`equivalents` reads a call's name and arguments and returns the calls it amounts to as
the Actions of the agent's own tools, so every rule that guards those guards the server's too:
``mcp__desktop-commander__execute_command {"command": "rm -rf ~"}`` is judged as that command,
``mcp__filesystem__write_file {"path": ".claude/settings.json"}`` as a Write of that file.

What is read: the words of the tool's name (``execute_command``, ``writeFile``,
``delete-directory``), the server's name for shells (``mcp__shell__run``), and the argument
keys servers use for a command, code, a path, a list of paths, a source and a destination, a
URL. A call whose name and arguments match none of these is left to the other rules (SQL for
a database tool) and to the agent's own permissions. Only the top level of the arguments is
read, and one object nested under a single key (``{"params": {...}}``).
"""

from __future__ import annotations

import re

from railguard.model import Action

#: words of a tool's name (or its server's) that mean "run this"
_RUN = frozenset({"exec", "execute", "run", "shell", "bash", "zsh", "sh", "terminal", "command",
                  "cmd", "spawn", "process", "system", "invoke", "powershell", "console"})
#: servers whose every command-carrying tool is a shell
_SHELL_SERVERS = frozenset({"shell", "terminal", "bash", "commander", "exec", "cli", "ssh",
                            "command", "cmd", "zsh"})
_DELETE = frozenset({"delete", "remove", "rm", "unlink", "rmdir", "trash", "erase", "destroy",
                     "purge", "wipe"})
_MOVE = frozenset({"move", "rename", "mv"})
_COPY = frozenset({"copy", "cp", "duplicate"})
_WRITE = frozenset({"write", "create", "save", "put", "overwrite", "append", "upload", "store",
                    "new", "insert", "set"})
_EDIT = frozenset({"edit", "replace", "patch", "modify", "update", "change", "apply", "block",
                   "substitute"})
_READ = frozenset({"read", "get", "view", "cat", "open", "show", "load", "download", "head",
                   "tail", "dump", "print", "contents", "content", "fetch"})
_SEARCH = frozenset({"search", "grep", "find", "rg", "ripgrep"})
_FETCH = frozenset({"fetch", "get", "request", "navigate", "browse", "goto", "open", "scrape",
                    "crawl", "visit", "http", "https", "download", "curl", "post", "url",
                    "webpage", "page"})
#: tools that report on a file without its content: its size, times, whether it exists
_ABOUT = frozenset({"info", "stat", "stats", "metadata", "exists", "size", "attributes",
                    "permissions", "list", "tree", "ls"})
_FOLDER = frozenset({"directory", "dir", "folder", "tree", "recursive"})

_COMMAND_KEYS = ("command", "cmd", "shell_command", "shellCommand", "command_line",
                 "commandLine", "script")
_CODE_KEYS = ("code", "source", "source_code", "sourceCode", "snippet")
_PATH_KEYS = ("path", "file_path", "filePath", "file", "filename", "fileName", "target_file",
              "targetFile", "notebook_path", "absolute_path", "absolutePath", "relative_path",
              "uri", "target", "directory", "dir", "folder")
_PATHS_KEYS = ("paths", "files", "file_paths", "filePaths")
_PAIRS = (("source", "destination"), ("src", "dst"), ("src", "dest"), ("from", "to"),
          ("old_path", "new_path"), ("oldPath", "newPath"), ("source_path", "destination_path"),
          ("sourcePath", "destinationPath"))
_CONTENT_KEYS = ("content", "contents", "text", "data", "body", "new_string", "newString",
                 "new_str", "newText", "new_text", "replacement", "new_source")
_URL_KEYS = ("url", "uri", "href", "link", "endpoint", "address")
_CWD_KEYS = ("cwd", "workdir", "working_directory", "workingDirectory", "directory", "dir")

_INTERPRETERS = (("python", "python3 -c"), ("py", "python3 -c"), ("javascript", "node -e"),
                 ("js", "node -e"), ("node", "node -e"), ("typescript", "deno eval"),
                 ("ts", "deno eval"), ("ruby", "ruby -e"), ("perl", "perl -e"),
                 ("bash", ""), ("sh", ""), ("shell", ""), ("zsh", ""))

_SPLIT = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
MAX_PATHS = 64


def _words(name: str) -> set[str]:
    """``execute_command``, ``writeFile``, ``delete-directory``: the lowercase words."""
    return {w.lower() for w in _SPLIT.findall(name)}


def _names(tool: str) -> tuple[set[str], set[str]]:
    """Words of the tool's own name and of its server's: ``mcp__srv__tool`` (Claude Code),
    ``mcp_srv_tool`` (Gemini CLI: the split is not known, all words count as the tool's),
    ``MCP:tool`` (Cursor)."""
    if tool.startswith("mcp__"):
        parts = tool.split("__")
        return _words(parts[-1]), _words("__".join(parts[1:-1]))
    if ":" in tool:
        return _words(tool.split(":", 1)[1]), set()
    return _words(tool.removeprefix("mcp_")), set()


def _args(action: Action) -> dict[str, object]:
    args = action.args
    if len(args) == 1:
        (inner,) = args.values()
        if isinstance(inner, dict):
            return {str(k): v for k, v in inner.items()}
    return args


def _text(args: dict[str, object], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = args.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _file_path(value: str, cwd: str) -> str:
    import os

    if value.startswith("file://"):
        value = value[len("file://"):]
    if value.startswith("~"):
        value = os.path.expanduser(value)
    if not value.startswith("/"):
        value = os.path.join(cwd, value)
    return os.path.normpath(value)


def equivalents(action: Action) -> list[Action]:
    """The calls of the agent's own tools an MCP call amounts to (none when it is not one
    railguard recognises)."""
    tool_words, server_words = _names(action.tool)
    args = _args(action)
    out: list[Action] = []
    base = action.cwd
    cwd = _text(args, _CWD_KEYS)
    if cwd is not None and cwd.startswith(("/", "~")):
        base = _file_path(cwd, action.cwd)

    def make(kind: str, **kw: str) -> Action:
        return Action(kind, action.tool, cwd=base, project_dir=action.project_dir,
                      permission_mode=action.permission_mode, **kw)  # type: ignore[arg-type]

    runs = bool(tool_words & _RUN) or bool(server_words & _SHELL_SERVERS)

    command = _text(args, _COMMAND_KEYS)
    rest = args.get("args") or args.get("arguments")
    if command is not None and isinstance(rest, list):
        # a program and its arguments: ``{"command": "rm", "args": ["-rf", "/"]}``; a
        # command with blanks is a command line that some servers hand to a shell
        words = [_quote(v) for v in rest if isinstance(v, str)]
        command = " ".join([command if any(c.isspace() for c in command) else _quote(command),
                            *words])
    elif command is None:
        for key in _COMMAND_KEYS:
            value = args.get(key)
            if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                # an argument vector: ``["rm", "-rf", "/"]``, run without a shell
                extra = [v for v in rest if isinstance(v, str)] if isinstance(rest, list) else []
                command = " ".join(_quote(str(v)) for v in [*value, *extra])
                break
    if command is not None and runs:
        out.append(make("shell", command=command))
        return out

    code = _text(args, _CODE_KEYS)
    if code is not None and runs | bool(tool_words & {"python", "javascript", "node", "eval",
                                                       "ruby", "perl", "code", "repl"}):
        lang = str(args.get("language") or args.get("lang") or "").lower()
        hints = [lang, *sorted(tool_words)]
        prefix = next((p for h in hints for name, p in _INTERPRETERS if h == name), None)
        if prefix is None:
            # code in a language railguard cannot tell: judged as a shell script, which
            # asks for anything it cannot read
            prefix = ""
        text = code if not prefix else f"{prefix} {_quote(code)}"
        out.append(make("shell", command=text))
        return out

    url = _text(args, _URL_KEYS)
    if url is not None and url.lower().startswith(("http://", "https://")):
        method = str(args.get("method") or "GET").upper()
        if method != "GET":
            out.append(make("shell", command=f"curl -X {_quote(method)} -- {_quote(url)}"))
        elif tool_words & _FETCH or not tool_words & (_WRITE | _DELETE):
            out.append(make("fetch", url=url))
        return out

    owner, repo = args.get("owner"), args.get("repo") or args.get("repository")
    if isinstance(owner, str) and isinstance(repo, str):
        # a hosted repository (GitHub, GitLab): deleting it is `gh repo delete`; its files are
        # the remote's, not paths on this machine
        if tool_words & _DELETE and tool_words & {"repository", "repo"}:
            out.append(make("shell", command=f"gh repo delete {_quote(owner + '/' + repo)}"))
        return out

    pair = next(((args[a], args[b]) for a, b in _PAIRS
                 if isinstance(args.get(a), str) and isinstance(args.get(b), str)), None)
    if pair is not None and tool_words & (_MOVE | _COPY):
        src, dst = (_file_path(str(p), base) for p in pair)
        verb = "mv" if tool_words & _MOVE else "cp -r"
        out.append(make("shell", command=f"{verb} -- {_quote(src)} {_quote(dst)}"))
        return out

    paths: list[str] = []
    one = _text(args, _PATH_KEYS)
    if one is not None:
        paths.append(one)
    for key in _PATHS_KEYS:
        value = args.get(key)
        if isinstance(value, list):
            paths.extend(v for v in value[:MAX_PATHS] if isinstance(v, str) and v)
    if not paths:
        return out
    absolute = [_file_path(p, base) for p in paths]
    content = _text(args, _CONTENT_KEYS)
    if tool_words & _DELETE:
        recursive = bool(tool_words & _FOLDER) or any(
            args.get(k) is True for k in ("recursive", "recurse", "force"))
        flags = "-rf" if recursive else "-f"
        command = f"rm {flags} -- " + " ".join(_quote(p) for p in absolute)
        out.append(make("shell", command=command))
    elif tool_words & _EDIT or args.get("edits") is not None or args.get("old_string") \
            is not None or args.get("oldText") is not None:
        edits = args.get("edits")
        if content is None and isinstance(edits, list):
            content = "\n".join(str(e.get(k, "")) for e in edits if isinstance(e, dict)
                                for k in ("newText", "new_text", "new_string", "replacement"))
        out.extend(make("edit", path=p, content=content or "") for p in absolute)
    elif tool_words & _WRITE and (content is not None or not tool_words & _FOLDER):
        out.extend(make("write", path=p, content=content or "") for p in absolute)
    elif tool_words & _SEARCH and _text(args, ("pattern", "query", "regex", "search")):
        pattern = _text(args, ("pattern", "query", "regex", "search")) or ""
        out.extend(make("search", path=p, pattern=pattern) for p in absolute)
    elif tool_words & _READ and not tool_words & _ABOUT:
        out.extend(make("read", path=p) for p in absolute)
    return out
