"""xargs and GNU parallel: how their input is cut into arguments, and what runs.

The splitter is checked against the real GNU xargs (running a harmless ``printf``), then the
analysis and the engine on commands whose input is written in the command: it is resolved
(``echo 'rm -rf ~' | xargs -0 bash -c`` deletes the home directory), and when the input
becomes code or a program name the call is asked about all the same.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import decide

from railguard.model import Word
from railguard.shell.analyze import MAX_LOOP_VALUES, Analysis, Analyzer
from railguard.shell.paths import PathContext
from railguard.shell.xargs import (
    delimiter_byte,
    parallel_delimiter,
    parallel_fill,
    parallel_items,
    parallel_jobs,
    parse_xargs,
    xargs_commands,
)

HOME = "/home/u"
PROJECT = "/home/u/proj"


def run(command: str) -> Analysis:
    return Analyzer(PathContext(HOME, PROJECT, temp_dirs=("/tmp",))).run(command, PROJECT)


def argvs(command: str) -> list[list[str]]:
    return [inv.texts for inv in run(command).invocations]


def commands(opts: list[str], data: str) -> list[list[str]] | None:
    fed = xargs_commands(data, parse_xargs([Word(o) for o in opts]))
    return None if fed is None else fed.commands


# -- the splitter, against the real xargs ----------------------------------------------------

#: (xargs options, input): every way of cutting the input that the model follows
SPLITS = [
    ([], "a b\tc\n d\n"),
    ([], "a '' b\n"),
    ([], "''\nb"),
    ([], "a \"b c\"d e"),
    ([], "a\\ b c\\\nd"),
    ([], "'rm -rf /'\n"),
    ([], "\"it's\" 'say \"hi\"'"),
    ([], "a\rb c\vd\fe"),
    ([], "a\\"),
    ([], "a ''"),
    ([], "  \n\n  a  "),
    ([], "a\0b c"),
    ([], ""),
    (["-r"], ""),
    (["-E", "STOP"], "a b STOP c\nd"),
    (["-E", "STOP"], "a\nSTOP\nb"),
    (["-E", "STOP"], "a b STOP"),
    (["-E", "STOP"], "STOP a"),
    (["-eSTOP"], "a\nSTOP x\nb"),
    (["-E", "STOP", "-e"], "a\nSTOP\nb"),
    (["--eof=STOP"], "x STOP y"),
    (["-0"], "a b\nc\0d\0\0e\0"),
    (["--null"], "rm -rf ~\n"),
    (["-0", "-E", "b"], "a\0b\0c"),
    (["-d", "\\n"], "rm -rf ~\n'x y'\n"),
    (["-d,"], "a,b,,c,"),
    (["--delimiter=,"], "rm -rf ~\n"),
    (["--delim", "x"], "axbxc"),
    (["-d", "\\x2c"], "a,b"),
    (["-d", "\\054"], "a,b"),
    (["-d", "\\t"], "a b\tc"),
    (["-d", "\\\\"], "a\\b"),
    (["-d", "\\0"], "a\0b"),
    (["-d", "\\n", "-E", "b"], "a\nb\nc"),
    (["-I{}"], "  a b  \n\n   \n c 'd e' \"f\"\\ g\n"),
    (["-I", "{}"], "''\nx"),
    (["-I{}", "-E", "STOP"], "a STOP b\nSTOP\nc"),
    (["-i"], "a b\nc"),
    (["--replace=X"], " a \n"),
    (["-L", "1"], "a b\nc\nd e f"),
    (["-L1"], "a b \nc\nd e f"),
    (["-L", "2"], "a\nb\nc"),
    (["-l"], "a\nb\nc"),
    (["--max-lines=2"], "a b\n\nc\nd"),
    (["-n", "2"], "a b c d e"),
    (["-n2", "-L1"], "a b c\nd"),
    (["-L1", "-n", "2"], "a b c\nd"),
    (["-I{}", "-n", "2"], "a b c\nd"),
    (["-n1", "-I{}"], "a b c\nd"),
    (["-0", "-n", "1"], "a\nb\0c"),
    (["-d", "\\n", "-0"], "a\nb\0c"),
    (["-0", "-d", "\\n"], "a\nb\0c"),
    (["-0r"], "a\0"),
    (["-x", "-s", "1000", "-P", "1", "-t"], "a b"),
    (["--"], "a b"),
]

XARGS = shutil.which("xargs")


def real_xargs(opts: list[str], data: str) -> tuple[list[list[str]], bool]:
    """The argument lists GNU xargs passes to its command, and whether it exited cleanly."""
    assert XARGS is not None
    fed = parse_xargs([Word(o) for o in opts])
    if fed.replace is not None:
        tail = ["printf", "<%s>", "[", fed.replace, "]"]
    else:
        tail = ["printf", "<%s>", "["]
    r = subprocess.run([XARGS, *opts, *tail], input=data.encode("utf-8", "surrogateescape"),
                       capture_output=True, timeout=20, check=False,
                       env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
    out = r.stdout.decode("utf-8", "surrogateescape")
    if fed.replace is None:
        # each run prints "<[>" then its arguments; ARGS cannot hold "<[>" in these inputs
        runs = [_split_args(chunk) for chunk in out.split("<[>")[1:]]
    else:
        runs = [[_split_args(chunk)[0]] for chunk in out.split("<[>")[1:]]
    return runs, r.returncode == 0


def _split_args(chunk: str) -> list[str]:
    """``<a><b>`` -> [a, b] (the inputs above hold no ``><``)."""
    if not chunk:
        return []
    assert chunk.startswith("<") and chunk.endswith(">"), chunk
    return chunk[1:-1].split("><")


@pytest.mark.skipif(XARGS is None, reason="no xargs on PATH")
@pytest.mark.parametrize(("opts", "data"), SPLITS)
def test_splitter_agrees_with_real_xargs(opts: list[str], data: str) -> None:
    runs, ok = real_xargs(opts, data)
    fed = xargs_commands(data, parse_xargs([Word(o) for o in opts]))
    assert fed is not None
    assert fed.commands == runs, (opts, data)
    assert fed.complete == ok


@pytest.mark.skipif(XARGS is None, reason="no xargs on PATH")
@pytest.mark.parametrize("seed", range(8))
def test_splitter_agrees_with_real_xargs_on_random_input(seed: int) -> None:
    """Inputs made of the characters that matter (blanks, quotes, backslashes, newlines, NUL,
    the delimiter, the end-of-file string), under each way of reading."""
    rng = random.Random(seed)
    pieces = ["a", "b", "STOP", " ", "  ", "\t", "\n", "'", '"', "\\", ",", "\0", "\r", "''",
              "x y", "\\\n"]
    option_sets = [[], ["-0"], ["-d", ","], ["-d", "\\n"], ["-E", "STOP"], ["-I{}"],
                   ["-I{}", "-E", "STOP"], ["-L", "1"], ["-L2", "-E", "STOP"], ["-n", "2"],
                   ["-0", "-n", "3"], ["-r", "-n1"]]
    for _ in range(40):
        data = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        opts = rng.choice(option_sets)
        runs, ok = real_xargs(opts, data)
        fed = xargs_commands(data, parse_xargs([Word(o) for o in opts]))
        assert fed is not None
        assert fed.complete == ok, (opts, data)
        if ok:
            assert fed.commands == runs, (opts, data)
        else:
            assert all(run in fed.commands for run in runs), (opts, data)


@pytest.mark.skipif(XARGS is None, reason="no xargs on PATH")
@pytest.mark.parametrize(("opts", "data"), [
    ([], "a 'b"),
    ([], "a b \"c\nd\"\n"),
    ([], "x \"a\\\"b\" c"),
    (["-I{}"], "ok\n'open"),
])
def test_unmatched_quote_stops_xargs(opts: list[str], data: str) -> None:
    """xargs runs what it has read and stops with an error; the model marks the input as not
    complete, so the rest is judged as unknown input."""
    runs, ok = real_xargs(opts, data)
    fed = xargs_commands(data, parse_xargs([Word(o) for o in opts]))
    assert fed is not None and not fed.complete and not ok
    assert all(run in fed.commands for run in runs)


@pytest.mark.parametrize(("spec", "byte"), [
    (",", 44), ("\\n", 10), ("\\t", 9), ("\\\\", 92), ("\\0", 0), ("\\x2c", 44), ("\\054", 44),
    ("\\a", 7), ("x", 120), ("", None), ("ab", None), ("\\q", None), ("\\x100", None),
    ("\\0x", None),
])
def test_delimiter_spelling(spec: str, byte: int | None) -> None:
    assert delimiter_byte(spec) == byte


@pytest.mark.skipif(XARGS is None, reason="no xargs on PATH")
@pytest.mark.parametrize("spec", ["", "ab", "\\q", "\\x100"])
def test_rejected_delimiter_runs_nothing(spec: str) -> None:
    r = subprocess.run([XARGS, "-d", spec, "printf", "<%s>"], input=b"a", capture_output=True,
                       timeout=20, check=False)
    assert r.returncode != 0 and r.stdout == b""
    assert commands(["-d", spec], "a") is None


def test_options_in_order() -> None:
    call = parse_xargs([Word(w) for w in ["-0", "-n1", "-I", "%", "-P4", "--", "sh", "-c"]])
    assert call.delimiter == 0 and call.replace == "%" and call.max_args == 0
    assert [w.text for w in call.template] == ["sh", "-c"]
    assert parse_xargs([Word("--arg-file=l"), Word("rm")]).arg_file == "l"
    assert [w.text for w in parse_xargs([Word("-r"), Word("rm"), Word("-n")]).template] == \
        ["rm", "-n"]


# -- parallel --------------------------------------------------------------------------------


def test_parallel_items() -> None:
    assert parallel_items("a b\n 'c'\n\nd", None, None) == ["a b", " 'c'", "", "d"]
    assert parallel_items("a\nSTOP\nb\n", None, "STOP") == ["a"]
    assert parallel_items("a\nb\0c\0", b"\0", None) == ["a\nb", "c"]
    assert parallel_items("a::b::", b"::", None) == ["a", "b"]
    assert parallel_delimiter("\\n") == b"\n"
    assert parallel_delimiter("\\x2c") == b","
    assert parallel_delimiter("\\0") == b"\0"
    assert parallel_delimiter("ab") == b"ab"


def test_parallel_replacement_strings() -> None:
    item = "dir/sub/file.tar.gz"
    assert parallel_fill("{} {.} {/} {//} {/.} {#}", [item]) == (
        f"{item} dir/sub/file.tar file.tar.gz dir/sub file.tar 1", True)
    assert parallel_fill("{1}", ["x"]) == ("x", True)
    assert parallel_fill("{2}", ["x"]) == ("{input}", True)
    assert parallel_fill("{2} {1/}", ["a/x", "b"]) == ("b x", True)
    assert parallel_fill("{}", ["a", "b"]) == ("a b", True)
    assert parallel_fill("{1}", ["x"], columns=True) == ("{input}", True)
    assert parallel_fill("{=s/a/b/=}", ["a"]) == ("{input}", True)
    assert parallel_fill("plain", ["a"]) == ("plain", False)


def test_parallel_jobs() -> None:
    assert parallel_jobs([(["a", "b"], False), (["1", "2"], False)]) == [
        ["a", "1"], ["a", "2"], ["b", "1"], ["b", "2"]]
    assert parallel_jobs([(["a", "b"], False), (["1", "2"], True)]) == [["a", "1"], ["b", "2"]]
    assert parallel_jobs([(["x"], False), (["-f", "-d"], False)]) == [["x", "-f"], ["x", "-d"]]
    assert parallel_jobs([]) == []


# -- the analysis ----------------------------------------------------------------------------


@pytest.mark.parametrize(("command", "expected"), [
    ("echo 'rm -rf ~' | xargs -d '\\n' bash -c", ["rm", "-rf", "/home/u"]),
    ("echo 'rm -rf ~' | xargs -0 bash -c", ["rm", "-rf", "/home/u"]),
    ("printf 'rm -rf ~\\0' | xargs -0 bash -c", ["rm", "-rf", "/home/u"]),
    ("echo 'rm -rf ~' | xargs --delimiter=, bash -c", ["rm", "-rf", "/home/u"]),
    ("echo \"'rm -rf /'\" | xargs bash -c", ["rm", "-rf", "/"]),
    ("echo 'rm -rf /' | xargs bash -c", ["rm"]),  # bash -c rm -rf /: $0 is -rf
    ("echo '$HOME' | xargs rm -rf", ["rm", "-rf", "$HOME"]),
    ("echo 'a b' | xargs -n1 rm", ["rm", "a"]),
    ("xargs -I{} cp {} dst/ <<< ' x y '", ["cp", "x y ", "dst/"]),
    ("printf 'a b\\nc\\n' | xargs -L1 rm", ["rm", "a", "b"]),
])
def test_input_is_cut_as_xargs_does(command: str, expected: list[str]) -> None:
    assert expected in argvs(command)


def test_bsd_insert_string() -> None:
    assert ["rm", "-rf", "/", "x"] in argvs("echo / | xargs -J % rm -rf % x")


def test_more_commands_than_are_followed_leave_the_rest_unknown() -> None:
    items = " ".join(f"f{i}" for i in range(MAX_LOOP_VALUES)) + " ~"
    found = run(f"echo {items} | xargs -n1 rm -rf").invocations
    assert any(i.name == "rm" and i.argv[-1].dynamic for i in found)
    found = run(f"parallel rm -rf ::: {items}").invocations
    assert any(i.name == "rm" and i.argv[-1].dynamic for i in found)


def test_parallel_sources_combine() -> None:
    found = argvs("parallel git clean {2} {1} ::: x ::: -f -ffdx")
    assert ["git", "clean", "-f", "x"] in found and ["git", "clean", "-ffdx", "x"] in found


def test_xargs_eof_string_stops_the_input() -> None:
    found = argvs("printf 'a\\nSTOP\\nrm -rf ~\\n' | xargs -E STOP -I{} echo {}")
    assert found[1:] == [["echo", "a"]]


def test_parallel_input_lines_are_whole_arguments() -> None:
    assert ["rm", "-rf", "a b"] in argvs("printf 'a b\\n' | parallel rm -rf")
    assert ["rm", "-rf", "/home/u"] in argvs("printf '%s\\0' ~ | parallel -0 rm -rf")
    assert ["rm", "-rf", "x.tar"] in argvs("echo x.tar.gz | parallel rm -rf {.}")


def _code_problems(command: str) -> list[str]:
    return [p.detail for p in run(command).problems if p.kind == "dynamic_code"]


@pytest.mark.parametrize("command", [
    "echo ok | xargs bash -c",
    "echo ok | xargs -I{} bash -c {}",
    "printf '%s\\n' 'rm -rf /' | xargs sh -c 'eval \"$1\"' _",
    "xargs bash -c <<< 'echo ok'",
    "echo ok | parallel bash -c {}",
    "printf 'echo ok\\n' | parallel",
])
def test_input_that_becomes_code_is_reported(command: str) -> None:
    assert _code_problems(command)


@pytest.mark.parametrize("command", [
    "echo a.txt | xargs rm",
    "printf 'x\\n' | xargs -I{} cp {} dst/",
    "echo ok | xargs find . -name foo",
    "parallel bash -c ::: 'echo ok'",
    "echo ok | xargs echo",
])
def test_input_that_stays_an_operand_is_not_reported(command: str) -> None:
    a = run(command)
    assert not a.problems
    assert all(inv.name is not None for inv in a.invocations)


def test_input_that_becomes_the_program_is_a_computed_name() -> None:
    a = run("echo ok | xargs sudo --")
    assert ["ok"] in [i.texts for i in a.invocations]  # still resolved
    assert any(i.name is None and "xargs" in i.argv[0].text for i in a.invocations)


def test_scratch_walk_leaves_the_state_alone() -> None:
    a = run("echo x | xargs -I{} sh -c 'cd /tmp; touch {}' && rm -rf build")
    rm = next(i for i in a.invocations if i.name == "rm")
    assert rm.cwd == PROJECT


# -- the engine ------------------------------------------------------------------------------


@pytest.mark.parametrize(("command", "verdict"), [
    ("echo 'rm -rf ~' | xargs -d '\\n' bash -c", "deny"),
    ("echo 'rm -rf ~' | xargs -0 bash -c", "deny"),
    ("printf 'rm -rf ~\\0' | xargs -0 bash -c", "deny"),
    ("echo 'rm -rf ~' | xargs --delimiter=, bash -c", "deny"),
    ("echo \"'rm -rf /'\" | xargs bash -c", "deny"),
    ("echo 'rm -rf ~' | xargs -I{} bash -c {}", "deny"),
    ("printf 'ok\\nrm -rf ~\\n\"' | xargs -I{} bash -c {}", "deny"),
    ("printf '%s\\n' 'rm -rf /' | xargs sh -c 'eval \"$1\"' _", "ask"),
    ("printf '%s\\n' 'rm -rf /' | xargs sh -c 'sh -c \"$1\"' _", "ask"),
    ("echo ok | xargs sudo --", "ask"),
    ("echo ok | xargs -I{} bash -c {}", "ask"),
    ("echo ok | xargs bash -c", "ask"),
    ("echo 'rm -rf /' | xargs bash -c", "ask"),
    ("printf 'echo ok\\n' | parallel", "ask"),
    ("echo ok | parallel bash -c {}", "ask"),
    ("echo ~ | parallel rm -rf", "deny"),
    ("parallel 'rm -rf' ::: /", "deny"),
    ("parallel echo {} '&&' rm -rf ~ ::: a", "deny"),
    ("cat l | parallel {1} -rf ~", "deny"),
    ("echo 'rm -rf ~' | parallel --pipe bash", "deny"),
    ("echo ok | xargs find . -name foo", "allow"),
    ("git ls-files -z | xargs -0 wc -l", "allow"),
    ("find . -name '*.pyc' -print0 | xargs -0 rm -f", "allow"),
    ("parallel bash -c ::: 'echo ok'", "allow"),
    ("echo a.txt | xargs rm", "allow"),
    ("printf 'x\\n' | xargs -I{} cp {} dst/", "allow"),
    ("echo build | xargs rm -rf", "allow"),
    ("printf 'a.log\\nb.log\\n' | parallel gzip", "allow"),
    ("parallel sh -c 'git clean -f {2}' ::: x ::: -ffdx", "deny"),
    ("echo / | parallel bash -c 'rm -rf {}'", "deny"),
    ("echo / | xargs -J % rm -rf %", "deny"),
    ("printf '' | xargs -r rm -rf /", "deny"),
    ("parallel python -c 'print(\"ok\")' ::: ok", "allow"),
])
def test_verdicts(project: Path, command: str, verdict: str) -> None:
    assert decide(command, project).verdict.label == verdict
