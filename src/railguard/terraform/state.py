"""Is the local Terraform state the real, latest one? The evidence on disk, read cheaply.

After every write Terraform makes with the local backend, ``serial(terraform.tfstate)`` is above
``serial(terraform.tfstate.backup)`` with the same lineage. A hand-copied, unpacked or
force-pushed older state breaks that (an equal or lower serial, another lineage). railguard
also keeps a small ledger of the last healthy state it saw per root and workspace
(:mod:`railguard.terraform.ledger`), which catches a swap even when no backup is beside it.

Signals (see :func:`inspect`):

- ``lineage-backup`` / ``lineage-ledger``: another lineage than the backup's / the one last seen;
- ``serial-below-backup`` / ``serial-equal-backup``: a rollback / a state put back by hand;
- ``serial-backwards``: a lower serial than railguard last saw for this root;
- ``shadow-state``: a local state holding resources beside a configured remote backend;
- ``missing-from-config``: most resources of the state have no block in the configuration
  (a foreign state, or the wrong root or workspace).
"""

from __future__ import annotations

import os

from railguard import jsonio

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
else:
    from railguard.lazyre import re

STATE_SUFFIXES = (".tfstate", ".tfstate.backup")
MAX_STATE_BYTES = 64 * 1024 * 1024


def is_state_name(path: str) -> bool:
    """``*.tfstate``, ``*.tfstate.backup``, ``*.tfstate.<n>.backup``, or below terraform.tfstate.d."""
    base = path.rstrip("/").rsplit("/", 1)[-1]
    if base.endswith(STATE_SUFFIXES):
        return True
    if base.endswith(".backup") and ".tfstate." in base:
        return True
    return "/terraform.tfstate.d/" in path and base == "terraform.tfstate"


class Snapshot:
    """One state file as read from disk."""

    __slots__ = (
        "addresses",
        "backend",
        "encrypted",
        "error",
        "lineage",
        "marker",
        "path",
        "resources",
        "serial",
        "tf_version",
        "version",
    )

    def __init__(self, path: str) -> None:
        self.path = path
        self.error: str | None = None
        self.version: int | None = None
        self.serial: int | None = None
        self.lineage: str | None = None
        self.tf_version: str | None = None
        self.addresses: list[str] = []
        #: managed resources (module-qualified ``type.name``)
        self.resources: list[str] = []
        self.marker = ""
        #: ``.terraform/terraform.tfstate``: backend settings, not a state snapshot
        self.backend: dict[str, object] | None = None
        self.encrypted = False

    @property
    def is_state(self) -> bool:
        return self.error is None and self.version == 4 and self.backend is None \
            and not self.encrypted

    @property
    def empty(self) -> bool:
        return not self.resources

    def describe(self) -> str:
        if not self.is_state:
            return self.error or "not a state snapshot"
        lin = (self.lineage or "?")[:8]
        n = len(self.resources)
        return f"serial {self.serial}, lineage {lin}…, {n} resource{'s' if n != 1 else ''}"

    def __repr__(self) -> str:
        return f"Snapshot({self.path!r}, {self.describe()})"


def read_snapshot(path: str) -> Snapshot | None:
    """The state at ``path``; None when there is no such file."""
    snap = Snapshot(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_STATE_BYTES + 1)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        return None
    except OSError as exc:
        snap.error = f"cannot read it ({exc.strerror})"
        return snap
    if len(data) > MAX_STATE_BYTES:
        snap.error = "larger than 64 MiB"
        return snap
    import zlib  # only where a state is read: not on every call that loads this module

    snap.marker = f"{len(data)}:{zlib.crc32(data):08x}"  # a change marker, not a digest
    if not data.strip():
        snap.error = "empty file"
        return snap
    try:
        doc = jsonio.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        snap.error = "not valid JSON"
        return snap
    if not isinstance(doc, dict):
        snap.error = "not a JSON object"
        return snap
    version = doc.get("version")
    snap.version = version if isinstance(version, int) else None
    backend = doc.get("backend")
    if isinstance(backend, dict):
        snap.backend = backend
    if "encryption_version" in doc or "encrypted_data" in doc:
        snap.encrypted = True
    serial = doc.get("serial")
    snap.serial = serial if isinstance(serial, int) and not isinstance(serial, bool) else None
    lineage = doc.get("lineage")
    snap.lineage = lineage if isinstance(lineage, str) else None
    tfv = doc.get("terraform_version")
    snap.tf_version = tfv if isinstance(tfv, str) else None
    resources = doc.get("resources")
    if isinstance(resources, list):
        for r in resources:
            if not isinstance(r, dict):
                continue
            addr = f"{r.get('type')}.{r.get('name')}"
            if r.get("mode") == "data":
                addr = "data." + addr
            module = r.get("module")
            if isinstance(module, str) and module:
                addr = f"{module}.{addr}"
            snap.addresses.append(addr)
            if r.get("mode", "managed") == "managed":
                snap.resources.append(addr)
    if snap.version == 4 and snap.backend is None and snap.serial is None:
        snap.error = "no serial"
    return snap


# --- configuration ---------------------------------------------------------------------------

# patterns, compiled on first use (re caches them): this module loads on every delete, while
# configurations are read only for Terraform roots
_COMMENT = r'"(?:[^"\\\n]|\\.)*"|(#|//)[^\n]*|/\*.*?\*/'
_BLOCK = r'^[ \t]*(resource|data)[ \t]+"([^"]+)"[ \t]+"([^"]+)"'
_MODULE = r'^[ \t]*module[ \t]+"([^"]+)"'
_FROM = r'^[ \t]*from[ \t]*=[ \t]*([A-Za-z0-9_.\-\[\]"]+)'
_BACKEND = r'^[ \t]*backend[ \t]+"([^"]+)"[ \t]*\{'
_CLOUD = r'^[ \t]*cloud[ \t]*\{'
_PATH_ATTR = r'^[ \t]*path[ \t]*=[ \t]*"([^"]+)"'
_WSDIR_ATTR = r'^[ \t]*workspace_dir[ \t]*=[ \t]*"([^"]+)"'


def _strip_comments(text: str) -> str:
    def keep(m: re.Match[str]) -> str:
        return "" if m.group(1) or m.group(0).startswith("/*") else m.group(0)

    return re.sub(_COMMENT, keep, text, flags=re.S)


class Config:
    """What the ``*.tf`` files of one root declare (read with a few patterns, not an HCL parser)."""

    __slots__ = ("backend", "backend_path", "files", "known", "modules", "workspace_dir")

    def __init__(self) -> None:
        self.files: list[str] = []
        #: ``type.name`` of resource blocks, ``data.type.name`` of data blocks, moved/removed froms
        self.known: set[str] = set()
        self.modules: set[str] = set()
        self.backend: str | None = None
        self.backend_path: str | None = None
        self.workspace_dir: str | None = None

    def declares(self, address: str) -> bool:
        if address.startswith("module."):
            name = address.split(".", 2)[1].split("[", 1)[0]
            return name in self.modules or any(k.startswith(f"module.{name}") for k in self.known)
        return address in self.known


def read_config(root: str) -> Config:
    cfg = Config()
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return cfg
    for name in names:
        if not (name.endswith((".tf", ".tf.json", ".tofu", ".tofu.json"))):
            continue
        path = os.path.join(root, name)
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                text = fh.read(4 * 1024 * 1024)
        except OSError:
            continue
        cfg.files.append(name)
        if name.endswith(".json"):
            _read_json_config(text, cfg)
            continue
        text = _strip_comments(text)
        for kind, rtype, rname in re.findall(_BLOCK, text, re.M):
            cfg.known.add(f"{rtype}.{rname}" if kind == "resource" else f"data.{rtype}.{rname}")
        cfg.modules.update(re.findall(_MODULE, text, re.M))
        for frm in re.findall(_FROM, text, re.M):
            cfg.known.add(re.sub(r"\[[^\]]*\]", "", frm.strip('"')))
        m = re.search(_BACKEND, text, re.M)
        if m:
            cfg.backend = m.group(1)
            if cfg.backend == "local":
                body = text[m.end():m.end() + 2000].split("}", 1)[0]
                pm = re.search(_PATH_ATTR, body, re.M)
                wm = re.search(_WSDIR_ATTR, body, re.M)
                cfg.backend_path = pm.group(1) if pm else None
                cfg.workspace_dir = wm.group(1) if wm else None
        elif re.search(_CLOUD, text, re.M) and cfg.backend is None:
            cfg.backend = "cloud"
    return cfg


def _read_json_config(text: str, cfg: Config) -> None:
    try:
        doc = jsonio.loads(text)
    except ValueError:
        return
    if not isinstance(doc, dict):
        return
    for key, prefix in (("resource", ""), ("data", "data.")):
        block = doc.get(key)
        if isinstance(block, dict):
            for rtype, items in block.items():
                if isinstance(items, dict):
                    cfg.known.update(f"{prefix}{rtype}.{n}" for n in items)
    mods = doc.get("module")
    if isinstance(mods, dict):
        cfg.modules.update(mods)
    tf = doc.get("terraform")
    for t in (tf if isinstance(tf, list) else [tf]):
        if isinstance(t, dict) and isinstance(t.get("backend"), dict):
            cfg.backend = next(iter(t["backend"]), None)
        if isinstance(t, dict) and "cloud" in t:
            cfg.backend = "cloud"


# --- one root ----------------------------------------------------------------------------------


class Signal:
    """One piece of evidence that the state in place is not the real latest one."""

    __slots__ = ("code", "message")

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"Signal({self.code}: {self.message})"


class RootReport:
    """The state evidence of one root module and workspace."""

    __slots__ = ("backend", "backups", "config", "current", "error", "ledger_entry", "root",
                 "shadow", "signals", "state_path", "workspace")

    def __init__(self, root: str, workspace: str) -> None:
        self.root = root
        self.workspace = workspace
        self.state_path: str | None = None
        self.current: Snapshot | None = None
        self.backups: list[Snapshot] = []
        self.backend = "local"
        self.config = Config()
        self.shadow: Snapshot | None = None
        self.ledger_entry: dict[str, object] | None = None
        self.signals: list[Signal] = []
        #: why the root could not be read at all
        self.error: str | None = None

    @property
    def healthy(self) -> bool:
        return self.error is None and not self.signals

    def rel(self, path: str) -> str:
        try:
            rel = os.path.relpath(path, self.root)
        except ValueError:
            return path
        return path if rel.startswith("../..") else rel


def workspace_of(root: str, data_dir: str, env: dict[str, str]) -> str:
    ws = env.get("TF_WORKSPACE") or os.environ.get("TF_WORKSPACE")
    if ws:
        return ws
    try:
        with open(os.path.join(data_dir, "environment"), encoding="utf-8") as fh:
            text = fh.read(256).strip()
        return text or "default"
    except OSError:
        return "default"


def inspect(root: str, *, env: dict[str, str] | None = None, state_path: str | None = None,
            workspace: str | None = None, ledger: dict[str, object] | None = None,
            use_ledger: bool = True) -> RootReport:
    """Read the evidence of the root at ``root`` and list what looks stale or swapped."""
    env = env or {}
    root = os.path.abspath(root)
    data_dir = env.get("TF_DATA_DIR") or os.environ.get("TF_DATA_DIR") or ".terraform"
    data_dir = os.path.join(root, data_dir)
    ws = workspace or workspace_of(root, data_dir, env)
    rep = RootReport(root, ws)
    if not os.path.isdir(root):
        rep.error = f"{root} is not a directory"
        return rep
    rep.config = cfg = read_config(root)
    backend = cfg.backend
    init_backend = read_snapshot(os.path.join(data_dir, "terraform.tfstate"))
    if init_backend is not None and init_backend.backend is not None:
        btype = init_backend.backend.get("type")
        if isinstance(btype, str) and backend is None:
            backend = btype
        bconf = init_backend.backend.get("config")
        if btype == "local" and isinstance(bconf, dict) and cfg.backend_path is None:
            p = bconf.get("path")
            cfg.backend_path = p if isinstance(p, str) else None
    rep.backend = backend or "local"
    if state_path is None:
        if rep.backend == "local":
            if ws == "default":
                state_path = cfg.backend_path or "terraform.tfstate"
            else:
                state_path = os.path.join(cfg.workspace_dir or "terraform.tfstate.d", ws,
                                          "terraform.tfstate")
    if rep.backend != "local":
        local = read_snapshot(os.path.join(root, "terraform.tfstate"))
        if local is not None and local.is_state and local.resources:
            rep.shadow = local
            rep.signals.append(Signal(
                "shadow-state",
                f"terraform.tfstate in this root holds {len(local.resources)} resources "
                f"({local.describe()}) while the configured backend is {rep.backend!r}: a leftover "
                "or copied state (a `state push` or `init -migrate-state` would overwrite the real "
                "one with it)"))
    if state_path is not None:
        path = os.path.normpath(os.path.join(root, state_path))
        rep.state_path = path
        rep.current = read_snapshot(path)
        rep.backups = _backups(path)
    cur = rep.current
    if cur is not None and not cur.is_state:
        if cur.encrypted:
            return rep
        rep.error = f"{rep.rel(cur.path)}: {cur.error or 'not a version 4 state'}"
        return rep
    if cur is not None:
        _compare_backups(rep, cur)
        if use_ledger:
            from railguard.terraform import ledger as ledger_mod

            entry = ledger_mod.entry(root, ws, ledger)
            rep.ledger_entry = entry
            if entry is not None:
                _compare_ledger(rep, cur, entry)
        _compare_config(rep, cur)
    return rep


def _backups(path: str) -> list[Snapshot]:
    folder = os.path.dirname(path)
    base = os.path.basename(path)
    out: list[Snapshot] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return out
    for name in names:
        if name == base + ".backup" or (name.startswith(base + ".") and name.endswith(".backup")):
            snap = read_snapshot(os.path.join(folder, name))
            if snap is not None and snap.is_state:
                out.append(snap)
    out.sort(key=lambda s: (s.serial or 0), reverse=True)
    return out


def _missing(newer: list[str], cur: Snapshot) -> str:
    have = set(cur.resources)
    gone = [a for a in newer if a not in have]
    if not gone:
        return ""
    shown = ", ".join(gone[:5]) + (f" and {len(gone) - 5} more" if len(gone) > 5 else "")
    return f"; it lacks {shown}, which terraform would create again (duplicates) or lose track of"


def _compare_backups(rep: RootReport, cur: Snapshot) -> None:
    name = rep.rel(cur.path)
    for b in rep.backups:
        bname = rep.rel(b.path)
        if b.lineage and cur.lineage and b.lineage != cur.lineage:
            if b.empty:
                continue
            rep.signals.append(Signal(
                "lineage-backup",
                f"{name} ({cur.describe()}) has another lineage than {bname} ({b.describe()}): "
                "the state was replaced by an unrelated one" + _missing(b.resources, cur)))
            return
        if cur.serial is None or b.serial is None:
            continue
        if cur.serial < b.serial:
            rep.signals.append(Signal(
                "serial-below-backup",
                f"{name} ({cur.describe()}) is older than {bname} ({b.describe()}), same "
                "lineage: the state was rolled back (an old copy put in place, or a forced push)"
                + _missing(b.resources, cur)))
            return
        if cur.serial == b.serial and b.path.endswith(".tfstate.backup"):
            rep.signals.append(Signal(
                "serial-equal-backup",
                f"{name} ({cur.describe()}) has the same serial as {bname}: terraform always "
                "leaves the state above its backup, so this state was put back by hand"
                + _missing(b.resources, cur)))
            return
        return  # only the newest backup counts


def _compare_ledger(rep: RootReport, cur: Snapshot, entry: dict[str, object]) -> None:
    lineage = entry.get("lineage")
    serial = entry.get("serial")
    count = entry.get("resources")
    seen = entry.get("seen", "")
    addrs = entry.get("addresses")
    prev_addrs = [a for a in addrs if isinstance(a, str)] if isinstance(addrs, list) else []
    name = rep.rel(cur.path)
    when = f" on {str(seen)[:10]}" if seen else ""
    prev = f"serial {serial}, lineage {str(lineage)[:8]}…, {count} resources"
    if isinstance(lineage, str) and cur.lineage and lineage != cur.lineage:
        if isinstance(count, int) and count > 0:
            rep.signals.append(Signal(
                "lineage-ledger",
                f"{name} ({cur.describe()}) is not the state railguard last saw for this root"
                f"{when} ({prev}): it was swapped for an unrelated state"
                + _missing(prev_addrs, cur)))
        return
    if isinstance(serial, int) and cur.serial is not None and cur.serial < serial:
        rep.signals.append(Signal(
            "serial-backwards",
            f"{name} ({cur.describe()}) went backwards: railguard saw serial {serial} for this "
            f"root{when}; an older copy was put in place" + _missing(prev_addrs, cur)))


def _compare_config(rep: RootReport, cur: Snapshot) -> None:
    cfg = rep.config
    if not cfg.files or not cur.resources:
        return
    missing = [a for a in cur.resources if not cfg.declares(a)]
    if missing and len(missing) * 2 > len(cur.resources):
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5
                                          else "")
        rep.signals.append(Signal(
            "missing-from-config",
            f"{len(missing)} of the {len(cur.resources)} resources in {rep.rel(cur.path)} have no "
            f"block in this root's configuration ({shown}): a state from another root or "
            "workspace; an apply would plan to delete them"))


def recovery(rep: RootReport) -> str:
    """How to get back to the real state (for messages)."""
    if any(s.code == "shadow-state" for s in rep.signals):
        return ("Do not push or migrate it. Check that the backend holds the real state "
                "(`terraform state pull > /tmp/remote.tfstate`, compare serial and lineage with "
                "`railguard tf state`), then ask the user to move the local copy aside.")
    return ("Do not apply or destroy with this state. Find the real latest state (the backend's "
            "`terraform state pull`, the newest `terraform.tfstate.backup`, the machine that "
            "applied last), compare serial, lineage and resources with `railguard tf state`, "
            "and ask the user to put the right one back. Never use `-force` to get past this.")
