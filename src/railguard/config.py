"""The user's policy: ``.railguard.toml`` or ``[tool.railguard]`` in pyproject.toml, plus a
user-wide file (``$XDG_CONFIG_HOME/railguard/config.toml``, default ``~/.config/...``).

Project settings override user settings for single values; lists are joined. Every key is
validated: an unknown key, a wrong type or an unknown rule id is a :class:`ConfigError` whose
one-line message names the file, the key and the problem. The hook turns that error into a deny,
never into a silent allow.

``tomllib`` costs about 15 ms to import, so it is imported only when a config file exists.
"""

from __future__ import annotations

import os

from railguard.model import Verdict

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


class ConfigError(Exception):
    """A config problem, with the file and key it concerns."""

    def __init__(self, path: str, key: str, problem: str) -> None:
        self.path = path
        self.key = key
        self.problem = problem
        where = f" key {key}:" if key else ""
        super().__init__(f"config error in {path}:{where} {problem}")


PROJECT_FILES = (".railguard.toml", "pyproject.toml")


class Config:
    """The merged, validated policy. Defaults are the safe ones."""

    def __init__(self) -> None:
        self.sources: list[str] = []
        #: answer "allow" to the agent for calls recognised as plainly safe
        self.allow_safe = False
        #: analysis budget of the hook, after which it denies ("could not verify in time")
        self.timeout_ms = 3000
        self.disabled: set[str] = set()
        self.verdicts: dict[str, Verdict] = {}
        self.deny: list[str] = []
        self.ask: list[str] = []
        self.allow: list[str] = []
        self.protected: list[str] = []
        self.unprotected: list[str] = []
        self.disposable: list[str] = []
        self.production_hosts: list[str] = []
        self.protected_branches: list[str] = []

    def verdict_for(self, rule_id: str, default: Verdict) -> Verdict | None:
        """The verdict a rule gives under this policy; None when the rule is disabled."""
        # an id ("SH001") or any prefix of ids ("SH", "SH00"); ids all have three digits
        if rule_id in self.disabled or any(rule_id.startswith(p) for p in self.disabled):
            return None
        return self.verdicts.get(rule_id, default)


# key -> (attribute, kind); kinds: bool, int, rules, verdicts, rulelist, strlist
_SCHEMA: dict[str, tuple[str, str]] = {
    "allow_safe": ("allow_safe", "bool"),
    "timeout_ms": ("timeout_ms", "int"),
    "rules.disable": ("disabled", "rulelist"),
    "rules.verdicts": ("verdicts", "verdicts"),
    "permissions.deny": ("deny", "permlist"),
    "permissions.ask": ("ask", "permlist"),
    "permissions.allow": ("allow", "permlist"),
    "paths.protected": ("protected", "strlist"),
    "paths.unprotected": ("unprotected", "strlist"),
    "paths.disposable": ("disposable", "strlist"),
    "network.production_hosts": ("production_hosts", "strlist"),
    "git.protected_branches": ("protected_branches", "strlist"),
}
_TABLES = {"rules", "permissions", "paths", "network", "git"}


def user_config_path(home: str) -> str:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    return os.path.join(base, "railguard", "config.toml")


def find_project_file(project: str | None) -> tuple[str, bool] | None:
    """(path, is_pyproject) of the project's config file, if there is one."""
    if not project:
        return None
    dotfile = os.path.join(project, ".railguard.toml")
    if os.path.isfile(dotfile):
        return dotfile, False
    pyproject = os.path.join(project, "pyproject.toml")
    if os.path.isfile(pyproject):
        try:
            with open(pyproject, "rb") as fh:
                head = fh.read(4 * 1024 * 1024)
        except OSError as exc:
            raise ConfigError(pyproject, "", f"cannot read: {exc.strerror}") from None
        if b"tool.railguard" in head:
            return pyproject, True
    return None


def load(project: str | None, home: str, *,
         known_rules: set[str] | Callable[[], set[str]] | None = None) -> Config:
    """The merged config; ``known_rules`` (or a function giving them, called only when a
    config names a rule) validates rule ids."""
    cfg = Config()
    user = user_config_path(home)
    if os.path.isfile(user):
        _apply(cfg, user, _read_toml(user), known_rules)
    found = find_project_file(project)
    if found is not None:
        path, is_pyproject = found
        data = _read_toml(path)
        if is_pyproject:
            tool = data.get("tool")
            table: object = tool.get("railguard") if isinstance(tool, dict) else None
            if table is None:
                return cfg
            if not isinstance(table, dict):
                raise ConfigError(path, "tool.railguard", "must be a table")
            data = table
        _apply(cfg, path, data, known_rules)
    return cfg


def _read_toml(path: str) -> dict[str, Any]:
    import tomllib

    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise ConfigError(path, "", f"cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(path, "", "not valid UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "", f"invalid TOML: {exc}") from None


def _flatten(data: dict[str, Any], path: str) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if key in _TABLES:
            if not isinstance(value, dict):
                raise ConfigError(path, key, "must be a table")
            for sub, v in value.items():
                flat[f"{key}.{sub}"] = v
        else:
            flat[key] = value
    return flat


def _apply(cfg: Config, path: str, data: dict[str, Any],
           known: set[str] | Callable[[], set[str]] | None) -> None:
    from railguard.policy import parse_permission

    cfg.sources.append(path)
    for key, value in _flatten(data, path).items():
        if key not in _SCHEMA:
            choices = ", ".join(sorted(_SCHEMA))
            raise ConfigError(path, key, f"unknown setting (known: {choices})")
        attr, kind = _SCHEMA[key]
        if kind == "bool":
            if not isinstance(value, bool):
                raise ConfigError(path, key, "must be true or false")
            setattr(cfg, attr, value)
        elif kind == "int":
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ConfigError(path, key, "must be a positive whole number")
            setattr(cfg, attr, value)
        elif kind in ("strlist", "rulelist", "permlist"):
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise ConfigError(path, key, "must be a list of non-empty strings")
            if kind == "rulelist":
                for v in value:
                    _check_rule(path, key, v, known, prefix_ok=True)
                cfg.disabled.update(value)
            else:
                if kind == "permlist":
                    for v in value:
                        try:
                            parse_permission(v)
                        except ValueError as exc:
                            raise ConfigError(path, key, str(exc)) from None
                getattr(cfg, attr).extend(value)
        elif kind == "verdicts":
            if not isinstance(value, dict):
                raise ConfigError(path, key, "must be a table of RULE_ID = \"allow|ask|deny\"")
            for rid, v in value.items():
                _check_rule(path, f"{key}.{rid}", rid, known, prefix_ok=False)
                if not isinstance(v, str):
                    raise ConfigError(path, f"{key}.{rid}", "must be \"allow\", \"ask\" or \"deny\"")
                try:
                    cfg.verdicts[rid] = Verdict.parse(v)
                except ValueError as exc:
                    raise ConfigError(path, f"{key}.{rid}", str(exc)) from None


def _check_rule(path: str, key: str, rid: str, known: set[str] | Callable[[], set[str]] | None,
                prefix_ok: bool) -> None:
    if known is None:
        return
    if callable(known):
        known = known()
    if rid in known:
        return
    if prefix_ok and any(k.startswith(rid) for k in known):
        return
    raise ConfigError(path, key, f"unknown rule id {rid!r} (see `railguard rules`)")
