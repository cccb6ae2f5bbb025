"""``re``, imported on first use.

Importing ``re`` costs the hook about 4 ms on every start (it brings ``enum``, ``functools``
and ``collections``), while most decisions never match a regular expression. Modules on the
hook's path write::

    TYPE_CHECKING = False
    if TYPE_CHECKING:
        import re
    else:
        from railguard.lazyre import re

and use ``re.compile``, ``re.search``, ``re.S`` ... as usual. A module-level
``re.compile(...)`` gives a pattern that compiles on its first use; any other name imports
the real module the first time it is looked up. (A lazy pattern is used through its methods:
it cannot be handed to ``re.sub`` and the like in place of a string.)
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class _LazyPattern:
    """A compiled pattern that is compiled on first use."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str | bytes, flags: int) -> None:
        self._source = source
        self._flags = flags
        self._compiled: Any = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            import re

            compiled = self._compiled = re.compile(self._source, self._flags)
        return getattr(compiled, name)


class _LazyRe:
    """The names of ``re`` that module-level code uses, without importing it."""

    __slots__ = ()

    # the flag values of ``re.RegexFlag`` (checked against the real module by a test)
    A = ASCII = 256
    I = IGNORECASE = 2  # noqa: E741
    L = LOCALE = 4
    M = MULTILINE = 8
    S = DOTALL = 16
    U = UNICODE = 32
    X = VERBOSE = 64

    @staticmethod
    def compile(source: str | bytes, flags: int = 0) -> Any:
        return _LazyPattern(source, int(flags))

    def __getattr__(self, name: str) -> Any:
        import re

        return getattr(re, name)


re = _LazyRe()

__all__ = ["re"]
