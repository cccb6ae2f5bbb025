"""find's expression read by meaning: which entries each action acts on."""

from __future__ import annotations

import pytest

from railguard.model import Word
from railguard.shell.find import EXEC, parse_find


def walk(args: str):  # type: ignore[no-untyped-def]
    return parse_find([Word(a) for a in args.split()],
                      lambda op, value: value in ("*.pyc", "*.pyo"))


def test_no_start_point_means_the_current_directory() -> None:
    assert [w.text for w in parse_find([]).roots] == ["."]
    assert [w.text for w in walk("a b -name x").roots] == ["a", "b"]
    assert [w.text for w in walk("-L -O2 src -delete").roots] == ["src"]


@pytest.mark.parametrize(
    ("args", "deletes"),
    [(". -delete", True), (". -name x -delete", True), (". -gid -delete -print", False),
     (". -exec echo -delete ; -print", False), (". -samefile -delete", False)],
)
def test_actions_skip_the_values_of_primaries(args: str, deletes: bool) -> None:
    assert ("-delete" in walk(args).kinds) is deletes


@pytest.mark.parametrize(
    ("args", "narrowed", "scratch"),
    [
        (". -name *.pyc -delete", True, True),
        (". -type f -name *.py -delete", True, False),
        (". ( -name *.pyc -o -name *.pyo ) -delete", True, True),
        (". ( -name *.pyc -o -name *.py ) -delete", True, False),
        (". -name *.pyc -o -name *.pyo -delete", True, True),
        # after -o, an action runs for the entries the tests before did NOT match
        (". -name *.pyc -o -delete", False, False),
        (". -name *.pyc , -delete", False, False),
        (". ! -name *.pyc -delete", False, False),
        (". -not -name *.pyc -delete", False, False),
        (". -path ./node_modules -prune -o -name *.py -delete", True, False),
        (". -name * -delete", False, False),
        (". -type f -delete", False, False),
        (". -empty -delete", True, True),
    ],
)
def test_each_action_knows_which_entries_reach_it(args: str, narrowed: bool,
                                                  scratch: bool) -> None:
    guard = walk(args).guard(("-delete",))
    assert guard is not None
    assert (guard.narrowed, guard.scratch) == (narrowed, scratch)


def test_a_dynamic_test_narrows_nothing_known() -> None:
    cmd = parse_find([Word("."), Word("-name"), Word("$X", dynamic=True), Word("-delete")])
    guard = cmd.guard(("-delete",))
    assert guard is not None and not guard.narrowed


def test_literal_names_are_kept() -> None:
    guard = walk(". -type d -name node_modules -prune -exec rm -rf {} +").guard(EXEC)
    assert guard is not None and guard.names == ("node_modules",)
    guard = walk(". ( -name a -o -name b ) -delete").guard(("-delete",))
    assert guard is not None and guard.names == ("a", "b")
    assert walk(". -name *.py -delete").guard(("-delete",)).names is None  # type: ignore[union-attr]


def test_exec_commands_and_their_guards() -> None:
    cmd = walk(". -name *.pyc -exec rm {} ; -o -exec cat {} +")
    execs = [(a.kind, [w.text for w in a.argv], a.guard.narrowed) for a in cmd.actions]
    assert execs == [("-exec", ["rm", "{}"], True), ("-exec", ["cat", "{}"], False)]


@pytest.mark.parametrize(
    ("args", "printed"),
    [(". -type f", False), (". -name *.py", True), (". -name *.py -print", True),
     (". -name *.py -o -print", False), (". -delete", None), (". -name x -print0", True)],
)
def test_what_it_prints(args: str, printed: bool | None) -> None:
    cmd = walk(args)
    assert (None if cmd.printed is None else cmd.printed.narrowed) == printed


def test_depth_limits() -> None:
    cmd = walk(". -maxdepth 1 -mindepth 1 -type f")
    assert (cmd.maxdepth, cmd.mindepth) == (1, 1)
    assert walk(". -type f").maxdepth is None


def test_expression_words_known_only_at_run_time_are_kept() -> None:
    # `find . -name x $ACTION`: the word may be -delete; a dynamic start point or a dynamic
    # value of a test is not an expression word of its own
    args = [Word("."), Word("-name"), Word("x"), Word("$ACTION", True)]
    assert [w.text for w in parse_find(args).unknown] == ["$ACTION"]
    assert parse_find([Word("$DIR", True), Word("-name"), Word("x")]).unknown == []
    assert parse_find([Word("."), Word("-name"), Word("$P", True)]).unknown == []
    assert parse_find([Word("."), Word("-newer"), Word("$F", True), Word("-print")]).unknown == []
