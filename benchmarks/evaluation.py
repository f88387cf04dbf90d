"""Evaluation kit speed (measured, not a pass/fail test).

A fictional registration of 5,000 trajectories, the most one upload may hold since issue 21
(``evaluation_upload_max_rows``; the figures in the README for 100,000 rows predate that limit;
scripts/make_demo_registration.py, fixed seed)
as a semicolon CSV; the whole command ``python -m calculators evaluate FILE --json`` timed from
start to exit (interpreter start-up and imports included), against ``pandas.read_csv`` of the same
file alone (in one process, after a warm-up). Median of several runs, wall clock and CPU time
(the machine's two cores are shared, so wall time varies with the load). Target of issue 10:
the whole command under 5 s.

Usage: python benchmarks/evaluation.py [--rows 5000] [--runs 5] [--out benchmarks/results/evaluation.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from make_demo_registration import generate  # noqa: E402


def command_times(path: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "calculators", "evaluate", str(path), "--json"], cwd=ROOT,
                          capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr.decode())
    json.loads(proc.stdout)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def read_csv_times(path: Path) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    pd.read_csv(path, sep=";")
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000)  # the upload limit (data/parameters.csv)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "evaluation.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "registratie_fictief_groot.csv"
        generate(args.rows).to_csv(path, sep=";", index=False)
        read_csv_times(path)  # warm-up: file cache and pandas imports
        command = [command_times(path) for _ in range(args.runs)]
        reading = [read_csv_times(path) for _ in range(args.runs)]
        size = path.stat().st_size
    wall = statistics.median(t[0] for t in command)
    cpu = statistics.median(t[1] for t in command)
    read_wall = statistics.median(t[0] for t in reading)
    read_cpu = statistics.median(t[1] for t in reading)
    result = {
        "rows": args.rows, "file_mb": round(size / 1e6, 2), "runs": args.runs,
        "command_wall_s": round(wall, 2), "command_cpu_s": round(cpu, 2),
        "read_csv_wall_s": round(read_wall, 3), "read_csv_cpu_s": round(read_cpu, 3),
        "ratio_wall": round(wall / read_wall, 1), "ratio_cpu": round(cpu / read_cpu, 1),
        "target_s": 5, "machine": f"{platform.machine()}, {os.cpu_count()} cores (shared)",
        "date": time.strftime("%Y-%m-%d"),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
