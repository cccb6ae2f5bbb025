"""Scanning many files fast: size and binary checks, two processes, a progress bar on a terminal."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterable

from railguard.secrets.engine import Scanner
from railguard.secrets.finding import SecretFinding
from railguard.secrets.sources import Blob

DEFAULT_MAX_SIZE = 10 * 1024 * 1024
BINARY_PROBE = 8192
#: below this many bytes a second process costs more than it saves
PARALLEL_MIN_BYTES = 8 * 1024 * 1024


class Stats:
    __slots__ = ("bytes", "errors", "files", "skipped_binary", "skipped_large")

    def __init__(self) -> None:
        self.files = 0
        self.bytes = 0
        self.skipped_binary = 0
        self.skipped_large = 0
        self.errors: list[str] = []

    def add(self, other: Stats) -> None:
        self.files += other.files
        self.bytes += other.bytes
        self.skipped_binary += other.skipped_binary
        self.skipped_large += other.skipped_large
        self.errors.extend(other.errors)

    def to_dict(self) -> dict[str, object]:
        return {"files": self.files, "bytes": self.bytes,
                "skipped_binary": self.skipped_binary, "skipped_large": self.skipped_large,
                "errors": len(self.errors)}


def is_binary(data: bytes) -> bool:
    return b"\0" in data[:BINARY_PROBE]


def scan_data(scanner: Scanner, data: bytes, path: str, stats: Stats, max_size: int,
              keep_suppressed: bool = False) -> list[SecretFinding]:
    if len(data) > max_size:
        stats.skipped_large += 1
        return []
    if is_binary(data):
        stats.skipped_binary += 1
        return []
    stats.files += 1
    stats.bytes += len(data)
    return scanner.findings(data, path=path, keep_suppressed=keep_suppressed)


def _scan_file_list(scanner: Scanner, paths: list[str], max_size: int, keep_suppressed: bool
                    ) -> tuple[list[SecretFinding], Stats]:
    stats = Stats()
    out: list[SecretFinding] = []
    for p in paths:
        try:
            fd = os.open(p, os.O_RDONLY)
        except OSError as exc:
            if os.path.lexists(p):
                stats.errors.append(f"{p}: {exc.strerror}")
            continue
        try:
            st = os.fstat(fd)
            if not _is_regular(st.st_mode):
                continue
            if st.st_size > max_size:
                stats.skipped_large += 1
                continue
            data = os.read(fd, st.st_size + 1)  # one read for the usual regular file
            if len(data) > st.st_size:  # grew while we read it
                data += _read_rest(fd, 1 << 16)
            if b"\0" in data[:BINARY_PROBE]:
                stats.skipped_binary += 1
                continue
        except OSError as exc:
            stats.errors.append(f"{p}: {exc.strerror}")
            continue
        finally:
            os.close(fd)
        stats.files += 1
        stats.bytes += len(data)
        if data:
            out.extend(scanner.findings(data, path=p, keep_suppressed=keep_suppressed))
    return out, stats


def _is_regular(mode: int) -> bool:
    import stat

    return stat.S_ISREG(mode)


def _read_rest(fd: int, hint: int) -> bytes:
    parts = []
    while True:
        chunk = os.read(fd, max(hint, 1 << 16))
        if not chunk:
            break
        parts.append(chunk)
        hint = 1 << 16
    return b"".join(parts)


# the scanner a forked worker uses (inherited from the parent, never pickled)
_WORKER: tuple[Scanner, int, bool] | None = None


def _worker_init() -> None:
    assert _WORKER is not None
    sc = _WORKER[0]
    if sc._hs_db is not None:  # a scratch of its own in this process
        import hyperscan

        sc._hs_scratch = hyperscan.Scratch(sc._hs_db)


def _worker(paths: list[str]) -> tuple[list[SecretFinding], Stats]:
    assert _WORKER is not None
    sc, max_size, keep = _WORKER
    return _scan_file_list(sc, paths, max_size, keep)


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int, enabled: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.enabled = (sys.stderr.isatty() if enabled is None else enabled) and total > 0
        self._last = 0.0

    def advance(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and self.done < self.total:
            return
        self._last = now
        width = 30
        filled = int(width * self.done / self.total)
        sys.stderr.write(f"\rscanning [{'#' * filled}{'.' * (width - filled)}] "
                         f"{self.done}/{self.total} files")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def scan_files(scanner: Scanner, paths: list[str], *, max_size: int = DEFAULT_MAX_SIZE,
               jobs: int | None = None, progress: bool | None = None,
               keep_suppressed: bool = False) -> tuple[list[SecretFinding], Stats]:
    """Scan files on disk; binary and oversized files are skipped and counted."""
    global _WORKER
    scanner.warm()
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 2) if len(paths) > 64 else 1
        if jobs > 1:
            total = 0
            for p in paths[:: max(1, len(paths) // 64)]:
                with contextlib.suppress(OSError):
                    total += os.path.getsize(p)
            if total * max(1, len(paths) // 64) < PARALLEL_MIN_BYTES:
                jobs = 1
    chunks = _chunks(paths, 48 if jobs > 1 else 16)
    bar = Progress(len(paths), progress if progress is not None
                   else (None if len(paths) >= 200 else False))
    findings: list[SecretFinding] = []
    stats = Stats()
    try:
        if jobs > 1 and hasattr(os, "fork"):
            import multiprocessing

            _WORKER = (scanner, max_size, keep_suppressed)
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(jobs, initializer=_worker_init) as pool:
                for (f, s), n in zip(pool.imap(_worker, chunks), map(len, chunks),
                                     strict=True):
                    findings.extend(f)
                    stats.add(s)
                    bar.advance(n)
        else:
            for chunk in chunks:
                f, s = _scan_file_list(scanner, chunk, max_size, keep_suppressed)
                findings.extend(f)
                stats.add(s)
                bar.advance(len(chunk))
    finally:
        _WORKER = None
        bar.close()
    return findings, stats


def _chunks(paths: list[str], n: int) -> list[list[str]]:
    if not paths:
        return []
    size = max(1, -(-len(paths) // n))
    return [paths[i:i + size] for i in range(0, len(paths), size)]


def scan_blobs(scanner: Scanner, blobs: Iterable[Blob], *, max_size: int = DEFAULT_MAX_SIZE,
               keep_suppressed: bool = False) -> tuple[list[SecretFinding], Stats]:
    """Scan in-memory blobs (staged files, added lines); line numbers map back to the file."""
    stats = Stats()
    out: list[SecretFinding] = []
    for b in blobs:
        found = scan_data(scanner, b.data, b.path, stats, max_size, keep_suppressed)
        for f in found:
            if b.line_map:
                f.line = b.line_map[min(f.line, len(b.line_map)) - 1]
                f.end_line = b.line_map[min(f.end_line, len(b.line_map)) - 1]
            f.commit = b.commit
        out.extend(found)
    return out, stats
