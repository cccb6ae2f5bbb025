"""Where railguard keeps its own state (grants, ledgers): never in the project tree."""

from __future__ import annotations

import os


def state_dir() -> str:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(
        os.environ.get("HOME") or os.path.expanduser("~"), ".local", "state"
    )
    return os.path.join(base, "railguard")


def write_atomic(path: str, data: bytes) -> None:
    """Write a file so that a reader sees the old or the new content, never half of it."""
    folder = os.path.dirname(path)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:  # noqa: SIM105 - contextlib is not worth importing on the hook's path
            os.unlink(tmp)
        except OSError:
            pass
        raise
