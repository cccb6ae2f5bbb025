"""Load the tree-sitter bash grammar without the packages' import-time extras.

``import tree_sitter`` imports ``typing`` and ``tree_sitter_bash`` imports
``importlib.resources`` (with ``tempfile``); together about 15 ms the hook pays on every tool
call. Both packages keep their real code in a compiled ``_binding`` module, which is all the
parser needs, so we load those two extension modules directly from the installed packages.
The tree-sitter binding also imports ``re`` and ``enum`` when it starts, for query predicates
and a logger type the parser never uses: it is handed stand-ins (see ``_load_binding``).
If that ever fails (a future layout change), we fall back to the ordinary imports.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType
    from typing import Any

_parser: Any = None


def _machinery() -> tuple[Any, Any, Any]:
    """``PathFinder``, ``ExtensionFileLoader`` and ``ModuleSpec`` of importlib.machinery,
    taken from the frozen modules that define them and are always loaded: importing the
    importlib package would also import ``warnings``, for nothing the parser needs."""
    external = sys.modules.get("_frozen_importlib_external")
    bootstrap = sys.modules.get("_frozen_importlib")
    try:
        return (external.PathFinder, external.ExtensionFileLoader,  # type: ignore[union-attr]
                bootstrap.ModuleSpec)  # type: ignore[union-attr]
    except AttributeError:
        import importlib.machinery as m

        return m.PathFinder, m.ExtensionFileLoader, m.ModuleSpec


class _DeferredRe:
    """Stands in for ``re`` while tree-sitter's binding starts: the binding keeps
    ``re.compile`` for the ``#match?`` predicates of queries, which railguard never runs. The
    ``compile`` it keeps imports the real module when first called."""

    __name__ = "re"

    @staticmethod
    def compile(*args: Any, **kwargs: Any) -> Any:
        if isinstance(sys.modules.get("re"), _DeferredRe):
            del sys.modules["re"]  # called while standing in: the real module must load
        import re

        return re.compile(*args, **kwargs)


class _DeferredEnum:
    """Stands in for ``enum`` while tree-sitter's binding starts: the binding builds its
    ``LogType`` (the kinds of message a parser's logger receives, which railguard never sets)
    with ``IntEnum("LogType", {...})``; this gives a class with the same names and values."""

    __name__ = "enum"

    @staticmethod
    def IntEnum(name: str, members: dict[str, int], **_kwargs: Any) -> type:
        return type(name, (), {k: int(v) for k, v in dict(members).items()})


def _load_binding(package: str) -> ModuleType:
    """tree-sitter's binding imports ``re`` and ``enum`` when it starts (with ``functools``
    and ``collections``, about 2.5 ms of every hook call) only to keep ``re.compile`` for query
    predicates and to build ``LogType``, neither of which the parser uses: when they are not
    loaded yet, it is handed stand-ins. Should the binding ever want more of them, it is
    loaded again with the real modules."""
    full = package + "._binding"
    if full in sys.modules:
        return sys.modules[full]
    stand_ins = {"re": _DeferredRe, "enum": _DeferredEnum}
    missing = [name for name in stand_ins if name not in sys.modules]
    if package != "tree_sitter" or not missing:
        return _load_binding_now(package)
    for name in missing:
        sys.modules[name] = stand_ins[name]()  # type: ignore[assignment]
    try:
        return _load_binding_now(package)
    except Exception:
        sys.modules.pop(full, None)
    finally:
        for name in missing:
            if isinstance(sys.modules.get(name), stand_ins[name]):
                del sys.modules[name]
    return _load_binding_now(package)  # the real modules, as the binding expects


def _load_binding_now(package: str) -> ModuleType:
    full = package + "._binding"
    finder, file_loader, module_spec = _machinery()
    spec = finder.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"{package} is not installed")
    for folder in spec.submodule_search_locations:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if name.startswith("_binding.") and name.endswith((".so", ".pyd")):
                location = os.path.join(folder, name)
                loader = file_loader(full, location)
                mspec = module_spec(full, loader, origin=location)
                module: ModuleType = loader.create_module(mspec)
                loader.exec_module(module)
                sys.modules[full] = module
                return module
    raise ImportError(f"no compiled binding found for {package}")


def parser() -> Any:
    """The process-wide bash parser (built once)."""
    global _parser
    if _parser is None:
        try:
            ts = _load_binding("tree_sitter")
            tsb = _load_binding("tree_sitter_bash")
        except ImportError:
            import tree_sitter as ts  # the ordinary route; slower start
            import tree_sitter_bash as tsb
        _parser = ts.Parser(ts.Language(tsb.language()))
    return _parser
