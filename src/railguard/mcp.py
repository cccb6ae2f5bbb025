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

from railguard.model import Action

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
else:
    from railguard.lazyre import re

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
_WRITE = frozenset({"write", "create", "save", "put", "overwrite", "append", "store", "new",
                    "insert", "set"})
_EDIT = frozenset({"edit", "replace", "patch", "modify", "update", "change", "apply", "block",
                   "substitute"})
#: ``upload``: a local file read and sent somewhere
_READ = frozenset({"read", "get", "view", "cat", "open", "show", "load", "download", "head",
                   "tail", "dump", "print", "contents", "content", "fetch", "upload", "attach"})
_SEARCH = frozenset({"search", "grep", "find", "rg", "ripgrep"})
_FETCH = frozenset({"fetch", "get", "request", "navigate", "browse", "goto", "open", "scrape",
                    "crawl", "visit", "http", "https", "download", "curl", "post", "url",
                    "webpage", "page"})
#: tools that report on a file without its content: its size, times, whether it exists
_ABOUT = frozenset({"info", "stat", "stats", "metadata", "exists", "size", "attributes",
                    "permissions", "list", "tree", "ls"})
_FOLDER = frozenset({"directory", "dir", "folder", "tree", "recursive"})

_COMMAND_KEYS = ("command", "cmd", "shell_command", "shellCommand", "command_line",
                 "commandLine", "cli_command", "cliCommand", "script", "program", "executable")
#: keys that hold a command line whatever the tool is called
_COMMAND_LINE_KEYS = ("shell_command", "shellCommand", "command_line", "commandLine",
                      "cli_command", "cliCommand")
#: keys that hold an argument vector (the program first) or the arguments after a program
_ARGV_KEYS = ("argv",)
_ARGS_KEYS = ("args", "arguments")
#: what is written to a command's standard input, or typed into a running process
_STDIN_KEYS = ("stdin", "input", "keys")
_CODE_KEYS = ("code", "source", "source_code", "sourceCode", "snippet", "python_code",
              "pythonCode", "cell_source", "cellSource", "expression")
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
_CWD_KEYS = ("cwd", "workdir", "working_directory", "workingDirectory", "working_dir",
             "directory", "dir", "repo_path", "repoPath")
#: command-line programs a tool's name may say it runs (``ExecuteTerraformCommand``,
#: ``kubectl_generic``): a command given to it without the program's name is that program's
_CLIS = ("terraform", "terragrunt", "tofu", "kubectl", "helm", "git", "docker", "aws", "gcloud",
         "az", "pulumi", "npm", "gh")

_INTERPRETERS = (("python", "python3 -c"), ("py", "python3 -c"), ("javascript", "node -e"),
                 ("js", "node -e"), ("node", "node -e"), ("typescript", "deno eval"),
                 ("ts", "deno eval"), ("ruby", "ruby -e"), ("perl", "perl -e"),
                 ("bash", ""), ("sh", ""), ("shell", ""), ("zsh", ""), ("ipython", "python3 -c"),
                 ("jupyter", "python3 -c"))

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

    cli = next((c for c in _CLIS if c in tool_words or c in server_words), None)
    runs = bool(tool_words & _RUN) or bool(server_words & _SHELL_SERVERS) or cli is not None

    command = _command(args, runs)
    if command is not None:
        first = command.split(None, 1)[0] if command.strip() else ""
        if cli is not None and first != cli and not first.endswith("/" + cli):
            command = f"{cli} {command}"  # ``{"command": "destroy"}`` of a terraform tool
        stdin = _text(args, _STDIN_KEYS)
        if stdin is not None:
            command = _fed(command, stdin)
        out.append(make("shell", command=command))
        return out
    stdin = _text(args, _STDIN_KEYS)
    if stdin is not None and (tool_words & {"interact", "send", "type", "input", "write",
                                            "keys"}) and (args.get("pid") is not None
                                                          or args.get("session") is not None
                                                          or args.get("session_id") is not None):
        # typed into a running process, most often a shell: read as a shell line
        out.append(make("shell", command=stdin))
        return out

    code = _text(args, _CODE_KEYS)
    lang_words = tool_words & {"python", "javascript", "node", "eval", "ruby", "perl", "code",
                               "repl", "ipython", "jupyter", "cell"}
    if code is not None and (runs or lang_words):
        lang = str(args.get("language") or args.get("lang") or args.get("languageId")
                   or args.get("language_id") or "").lower()
        key_hint = "python" if any(k in args for k in ("python_code", "pythonCode")) else ""
        hints = [lang, key_hint, *sorted(tool_words), *sorted(server_words)]
        prefix = next((p for h in hints for name, p in _INTERPRETERS if h == name), None)
        if prefix is None:
            # code in a language railguard cannot tell: judged as a shell script, which
            # asks for anything it cannot read
            prefix = ""
        text = code if not prefix else f"{prefix} {_quote(code)}"
        out.append(make("shell", command=text))
        return out

    git = _git_command(tool_words, args)
    if git is not None:
        out.append(make("shell", command=git))
        return out
    kube = _kube_command(tool_words, server_words, args)
    if kube is not None:
        out.append(make("shell", command=kube))
        return out

    url = _text(args, _URL_KEYS)
    path_url = _text(args, ("path", "file_path", "filePath"))
    if (url is None or not url.lower().startswith(("http://", "https://"))) and \
            path_url is not None and path_url.lower().startswith(("http://", "https://")):
        url = path_url  # a read tool given a URL (``isUrl``) fetches it
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


#: words of a tool's name that say it deletes or stops something for good
_DESTROYS = frozenset({"delete", "remove", "rm", "destroy", "purge", "wipe", "erase", "drop",
                       "terminate", "truncate", "reset", "cancel", "revoke", "uninstall",
                       "deprovision", "teardown", "flush", "unpublish"})


_SECRET_WORDS = frozenset({"secret", "secrets", "token", "tokens", "password", "passwords",
                           "credential", "credentials", "apikey", "key", "keys"})
_REVEAL_WORDS = frozenset({"get", "read", "reveal", "show", "print", "fetch", "access",
                           "retrieve", "view", "export", "decrypt"})
#: the other words a secret-reading tool's name may have (``get_secret_value``)
_SECRET_FILLERS = frozenset({"value", "values", "version", "latest", "plain", "text", "by",
                             "name", "api", "access", "config", "vars", "env", "variables",
                             "variable"})


def reveals_secret(action: Action) -> bool:
    """Is the tool named for handing back a stored secret's value (``read_secret``,
    ``get_secret_value``, ``reveal_password``)? Listing names (``list_secrets``) is not."""
    tool_words, _ = _names(action.tool)
    return bool(tool_words & _REVEAL_WORDS) and bool(tool_words & _SECRET_WORDS) and \
        tool_words <= (_REVEAL_WORDS | _SECRET_WORDS | _SECRET_FILLERS)


def destroys(action: Action) -> str | None:
    """The word of an MCP tool's name that says it deletes or stops something, or None."""
    tool_words, _ = _names(action.tool)
    found = sorted(tool_words & _DESTROYS)
    return found[0] if found else None


def _command(args: dict[str, object], runs: bool) -> str | None:
    """The command line a call carries: a string (a command line, or a program when an
    argument list comes with it) or an argument vector, from the keys servers use. A
    ``command`` only counts for a tool that runs things; the command-line keys always do."""
    rest = next((args[k] for k in _ARGS_KEYS if isinstance(args.get(k), list)), None)
    extra = [_quote(v) for v in rest if isinstance(v, str)] if isinstance(rest, list) else []
    for key in _ARGV_KEYS + _COMMAND_KEYS:
        if not runs and key not in _COMMAND_LINE_KEYS + _ARGV_KEYS:
            continue
        value = args.get(key)
        if isinstance(value, str) and value:
            if not extra:
                return value
            # a program and its arguments: ``{"command": "rm", "args": ["-rf", "/"]}``; a
            # command with blanks is a command line that some servers hand to a shell
            head = value if any(c.isspace() for c in value) else _quote(value)
            return " ".join([head, *extra])
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            # an argument vector: ``["rm", "-rf", "/"]``, run without a shell
            return " ".join([*(_quote(str(v)) for v in value), *extra])
    return None


def _fed(command: str, stdin: str) -> str:
    """``command`` with ``stdin`` as its standard input, written as a quoted heredoc (no
    expansion inside) so the analysis reads it as the program would."""
    tag = "RAILGUARD_STDIN"
    while tag in stdin:
        tag += "_"
    return f"{command} <<'{tag}'\n{stdin}\n{tag}"


#: git sub-commands a git server's tool may be named after
_GIT_SUBS = frozenset({"reset", "push", "clean", "branch", "checkout", "switch", "restore",
                       "stash", "rebase", "tag", "commit", "merge", "rm", "gc", "reflog",
                       "worktree", "revert", "cherry", "pull", "fetch", "add"})
_GIT_NAME_KEYS = ("branch_name", "branchName", "branch", "ref", "target", "name", "tag",
                  "revision", "commit")


def _git_command(tool_words: set[str], args: dict[str, object]) -> str | None:
    """A git server's tool (``git_reset {"mode": "hard"}``, ``git_push {"force": true}``,
    ``git_branch {"mode": "delete", "force": true, "branch_name": "x"}``) as the git command
    it runs: the sub-command from the name, a ``mode`` as the option it names, each true
    boolean as ``--key``, the name it acts on, and the files."""
    if "git" not in tool_words:
        return None
    sub = next((w for w in sorted(tool_words) if w in _GIT_SUBS), None)
    if sub is None:
        return None
    words = ["git", sub]
    for key, value in args.items():
        if key in ("repo_path", "repoPath", "cwd", "path") or not isinstance(value, (bool, str)):
            continue
        if value is True and re.fullmatch(r"[A-Za-z][A-Za-z_-]*", key):
            words.append("--" + key.replace("_", "-").lower())
        elif key == "mode" and isinstance(value, str) and re.fullmatch(r"[a-z-]+", value):
            words.append("--" + value)
    name = _text(args, _GIT_NAME_KEYS)
    if name is not None:
        words.append(_quote(name))
    files = args.get("files")
    if isinstance(files, list):
        words += ["--", *(_quote(f) for f in files[:MAX_PATHS] if isinstance(f, str))]
    return " ".join(words)


#: Kubernetes resource kinds a tool's name may name (``delete_namespace``)
_KINDS = frozenset({"namespace", "pod", "deployment", "service", "secret", "configmap", "pvc",
                    "persistentvolumeclaim", "statefulset", "daemonset", "job", "cronjob",
                    "ingress", "node", "crd", "resource", "resources"})


def _kube_command(tool_words: set[str], server_words: set[str],
                  args: dict[str, object]) -> str | None:
    """A Kubernetes server's delete (``kubectl_delete {"resourceType": "namespace", "name":
    "prod"}``, ``delete_namespace {"name": "prod"}``) or a helm uninstall, as the kubectl or
    helm command it runs."""
    if not (tool_words | server_words) & {"kubectl", "kubernetes", "k8s", "helm"}:
        return None
    name = _text(args, ("name", "resourceName", "resource_name", "release", "releaseName"))
    ns = _text(args, ("namespace", "ns"))
    tail = f" -n {_quote(ns)}" if ns else ""
    if "helm" in tool_words and tool_words & {"uninstall", "delete"} and name:
        return f"helm uninstall {_quote(name)}{tail}"
    if not tool_words & {"delete", "remove"}:
        return None
    kind = _text(args, ("resourceType", "resource_type", "kind", "type", "resource")) or \
        next((w for w in sorted(tool_words) if w in _KINDS and w not in ("resource",
                                                                         "resources")), None)
    if kind is None:
        return None
    if kind == "namespace" and name and not ns:
        return f"kubectl delete namespace {_quote(name)}"
    return f"kubectl delete {_quote(kind)}" + (f" {_quote(name)}" if name else " --all") + tail
