"""Database audit benchmark (issue 21, not part of the test run): rows audited per second, memory flat.

    python benchmarks/audit.py --rows 1000000 --backends sqlite mariadb [--out FILE.md]

For each backend it builds the demo SIMPEG database (``kinerja.audit.demo.build_demo``: the six
tables with their planted faults) plus ``--rows`` correct ``rw_skp`` rows (every field text, 37
columns read per row), then audits the SIASN-mirror tables once with ``kinerja.audit.audit_database``
while a sampler thread reads the process's resident memory (``VmRSS``) every 0.25 s. The audit runs
in a fresh process (the load's memory is not counted). It reports the load time (not the
audit's), the audit's rows/s, and resident memory at 10 %, 50 % and 100 % of
the audit's time with the peak: a flat line means memory does not grow with the table (the rows
stream through a server-side cursor, ``yield_per``). MariaDB is a throw-away server started here
(``tests/test_audit_servers.py``); the machine is shared, so run the million once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
import threading
import time
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests"))


def _rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024  # float ok: a measurement
    return 0.0  # float ok


class Sampler(threading.Thread):
    """Resident memory every *every* seconds, with the time of each sample."""

    def __init__(self, every: float = 0.25) -> None:  # float ok: seconds
        super().__init__(daemon=True)
        self.every = every
        self.samples: list[tuple[float, float]] = []  # float ok
        self.stop = threading.Event()

    def run(self) -> None:
        start = time.perf_counter()
        while not self.stop.is_set():
            self.samples.append((time.perf_counter() - start, _rss_mib()))
            self.stop.wait(self.every)

    def at(self, share: float) -> float:  # float ok
        """Resident memory at *share* of the run's time."""
        end = self.samples[-1][0]
        return min(self.samples, key=lambda s: abs(s[0] - share * end))[1]


def audit_child(url: str) -> dict[str, Any]:
    """Audit *url* in this (fresh) process, sampling its resident memory."""
    from kinerja.audit import audit_database

    sampler = Sampler()
    sampler.start()
    t0 = time.perf_counter()
    run = audit_database(url, keep=100)
    audit = time.perf_counter() - t0
    sampler.stop.set()
    sampler.join()
    total = run.tally.total_rows
    return {
        "rows": total,
        "findings": run.tally.total_findings,
        "audit_s": round(audit, 1),
        "rows_per_s": round(total / audit),
        "rss_10": round(sampler.at(0.1), 1),
        "rss_50": round(sampler.at(0.5), 1),
        "rss_100": round(sampler.at(1.0), 1),
        "rss_peak": round(max(m for _, m in sampler.samples), 1),
    }


def measure(url: str, rows: int) -> dict[str, Any]:
    """Load the database here, then audit it in a fresh process (so its memory is the audit's alone)."""
    import json
    import subprocess

    from kinerja.audit.demo import build_demo

    t0 = time.perf_counter()
    build_demo(url, extra_skp_rows=rows, chunk=10_000)
    load = time.perf_counter() - t0
    done = subprocess.run(
        [sys.executable, os.path.abspath(__file__), "--child", url], capture_output=True, text=True, check=True
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["load_s"] = round(load, 1)
    return result


def _backend(name: str, rows: int) -> dict[str, Any]:
    if name == "sqlite":
        with tempfile.TemporaryDirectory(prefix="kinerja-audit-bench-") as tmp:
            return measure(f"sqlite:///{tmp}/simpeg.sqlite", rows)
    import test_audit_servers as servers

    factory = {"mariadb": servers.mariadb, "postgresql": servers.postgresql}[name]
    with factory() as url:
        return measure(url, rows)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--backends", nargs="+", default=["sqlite", "mariadb"], choices=["sqlite", "mariadb", "postgresql"])
    p.add_argument("--out", help="append the Markdown table to this file")
    p.add_argument("--child", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        import json

        print(json.dumps(audit_child(args.child)))
        return 0
    head = "| backend | rows audited | load s | audit s | rows/s | RSS MiB at 10 % / 50 % / 100 % | peak MiB |"
    lines = [
        f"Database audit, {dt.date.today()}, {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores (shared; load average {os.getloadavg()[0]:.1f} at the start)",
        "",
        head,
        "|---|---:|---:|---:|---:|---|---:|",
    ]
    for name in args.backends:
        r = _backend(name, args.rows)
        lines.append(
            f"| {name} | {r['rows']:,} | {r['load_s']} | {r['audit_s']} | {r['rows_per_s']:,} | "
            f"{r['rss_10']} / {r['rss_50']} / {r['rss_100']} | {r['rss_peak']} |"
        )
        print(lines[-1], flush=True)
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        with open(args.out, "a", encoding="utf-8") as fh:
            fh.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
