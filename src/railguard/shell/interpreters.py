"""The interpreters whose inline code or scripts railguard reads, with their options.

program -> (language, the flags that carry inline code, the option spec). Kept apart from
``shell.inline`` (regular-expression heavy) so that a call such as ``python -m pytest``, which
runs no inline code, is judged without importing it.
"""

from __future__ import annotations

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
# TypeScript runners and zx run a script file (or -e code) on node
for _n in ("tsx", "ts-node", "ts-node-esm", "ts-node-script", "zx", "esno", "vite-node",
           "babel-node"):
    INTERPRETERS[_n] = ("node", ("-e",), _NODE_OPTS)
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
_LUA_OPTS = OptSpec({"-i": "i", "-v": "version", "-E": "E", "-W": "W"}, {"-e": "-e", "-l": "lib"})
for _n in ("lua", "luajit", "lua5.1", "lua5.2", "lua5.3", "lua5.4"):
    INTERPRETERS[_n] = ("lua", ("-e",), _LUA_OPTS)
_R_OPTS = OptSpec({"--version": "version", "--help": "help", "--vanilla": "v", "--slave": "s",
                   "--no-save": "ns", "--no-restore": "nr", "--quiet": "q", "-q": "q",
                   "--no-echo": "ne", "--verbose": "vb", "--default-packages": "dp"},
                  {"-e": "-e", "--file": "file"})
for _n in ("rscript", "r"):  # program names are compared in lower case
    INTERPRETERS[_n] = ("r", ("-e",), _R_OPTS)

__all__ = ["INTERPRETERS"]
