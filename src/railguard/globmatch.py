"""Shell-style pattern matching without regular expressions.

The hook is a new process on every tool call, and ``re`` (with the ``enum``, ``functools``
and ``collections`` it imports) costs about 4 ms of start-up: more than the rest of a common
decision. Protected and disposable paths are matched on every call, so the matching lives here,
in plain Python.

``fnmatchcase`` follows :func:`fnmatch.fnmatchcase`: ``*`` any run of characters (``/``
included), ``?`` one character, ``[seq]``/``[!seq]`` a character class with ranges, a ``[``
without its ``]`` a plain character.

``glob_match`` matches a whole path against a gitignore-style pattern: ``*`` and ``?`` stay
within one path part, ``**/`` spans any number of folders (none too), ``**`` anything, every
other character stands for itself; a pattern that does not start with ``/`` may match from the
start of any path part.
"""

from __future__ import annotations


def _class_end(pat: str, i: int) -> int:
    """Where the character class opened at ``pat[i]`` closes (the index after ``]``), or -1
    when it does not close (the ``[`` is then a plain character)."""
    j = i + 1
    if j < len(pat) and pat[j] == "!":
        j += 1
    if j < len(pat) and pat[j] == "]":
        j += 1  # a ``]`` first in the class is one of its characters
    while j < len(pat) and pat[j] != "]":
        j += 1
    return j + 1 if j < len(pat) else -1


def _in_class(body: str, ch: str) -> bool:
    """Does ``ch`` match the class body (the text between ``[`` and ``]``)?"""
    negate = body.startswith("!")
    if negate:
        body = body[1:]
    found = False
    k = 0
    while k < len(body):
        lo = body[k]
        if k + 2 < len(body) and body[k + 1] == "-":
            if lo <= ch <= body[k + 2]:  # a reversed range matches nothing
                found = True
            k += 3
            continue
        if lo == ch:
            found = True
        k += 1
    return found != negate


def fnmatchcase(name: str, pat: str) -> bool:
    """Does ``name`` match the shell pattern ``pat`` (case-sensitive, as fnmatch does)?"""
    if "*" not in pat and "?" not in pat and "[" not in pat:
        return name == pat
    n = p = 0
    star_p = -1
    star_n = 0
    while n < len(name):
        if p < len(pat):
            c = pat[p]
            if c == "*":
                star_p, star_n = p, n
                p += 1
                continue
            nxt = -1
            if c == "?":
                nxt = p + 1
            elif c == "[" and (end := _class_end(pat, p)) != -1:
                nxt = end if _in_class(pat[p + 1:end - 1], name[n]) else -1
            elif c == name[n]:
                nxt = p + 1
            if nxt != -1:
                n += 1
                p = nxt
                continue
        if star_p == -1:
            return False
        # the last ``*`` takes one more character, and the rest is tried again from there
        star_n += 1
        n = star_n
        p = star_p + 1
    while p < len(pat) and pat[p] == "*":
        p += 1
    return p == len(pat)


_ANY_DIRS, _ANY, _PART, _ONE = 0, 1, 2, 3


def _tokens(pattern: str) -> list[int | str]:
    out: list[int | str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append(_ANY_DIRS)
            i += 3
        elif pattern.startswith("**", i):
            out.append(_ANY)
            i += 2
        elif pattern[i] == "*":
            out.append(_PART)
            i += 1
        elif pattern[i] == "?":
            out.append(_ONE)
            i += 1
        else:
            out.append(pattern[i])
            i += 1
    return out


_TOKENS: dict[str, list[int | str]] = {}


def glob_match(path: str, pattern: str) -> bool:
    """Does the whole ``path`` match the gitignore-style ``pattern`` (see the module)?"""
    if len(path) > _LONGEST:
        return _glob_match_re(path, pattern)
    tokens = _TOKENS.get(pattern)
    if tokens is None:
        tokens = _TOKENS[pattern] = _tokens(pattern)
    seen: dict[tuple[int, int], bool] = {}

    def at(i: int, t: int) -> bool:
        key = (i, t)
        done = seen.get(key)
        if done is not None:
            return done
        result = _step(i, t)
        seen[key] = result
        return result

    def _step(i: int, t: int) -> bool:
        if t == len(tokens):
            return i == len(path)
        tok = tokens[t]
        if tok == _ANY_DIRS:  # ``(?:.*/)?``
            return at(i, t + 1) or any(at(j + 1, t + 1) for j in range(i, len(path))
                                       if path[j] == "/")
        if tok == _ANY:  # ``.*``
            return any(at(j, t + 1) for j in range(i, len(path) + 1))
        if tok == _PART:  # ``[^/]*``
            j = i
            while True:
                if at(j, t + 1):
                    return True
                if j >= len(path) or path[j] == "/":
                    return False
                j += 1
        if i >= len(path):
            return False
        if tok == _ONE:  # ``[^/]``
            return path[i] != "/" and at(i + 1, t + 1)
        return path[i] == tok and at(i + 1, t + 1)

    if pattern.startswith("/"):
        return at(0, 0)
    return at(0, 0) or any(at(j + 1, 0) for j in range(len(path)) if path[j] == "/")


#: paths longer than this are matched with a regular expression: the matcher above recurses
#: once per character
_LONGEST = 400


def _glob_match_re(path: str, pattern: str) -> bool:
    """The same match through a regular expression (for very long paths)."""
    import re

    out = []
    for tok in _tokens(pattern):
        out.append({_ANY_DIRS: "(?:.*/)?", _ANY: ".*", _PART: "[^/]*", _ONE: "[^/]"}.get(
            tok, "") if isinstance(tok, int) else re.escape(tok))
    prefix = "" if pattern.startswith("/") else "(?:.*/)?"
    return re.match(prefix + "".join(out) + r"\Z", path, re.S) is not None


__all__ = ["fnmatchcase", "glob_match"]
