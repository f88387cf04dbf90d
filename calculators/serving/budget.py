"""The kernels' memory budget: the kernel cap times the memory limit per kernel must fit the machine.

scripts/serve.sh runs ``python -m calculators.serving.budget --processes N`` before it starts Voila.
The cap (``ClassroomKernelManager.max_kernels``, per Voila process) and the limit
(``kernel_memory_limit_mb``) come from voila.json unless ``MAX_KERNELS`` or ``KERNEL_MEMORY_MB`` is
set. When processes × cap × limit is more than the machine's memory minus a reserve for the system,
nginx and Voila themselves, the cap is lowered until it fits. The kernel pools count towards the
cap: ``APP_POOL`` ready kernels for each app in ``POOL_APPS`` (default: every app) plus voila.json's
``default_pool_size`` for the others; a pool that does not fit the cap is made smaller. Prints the
cap, the limit and the pool size to use (``<cap> <limit> <pool>``) on stdout and one sentence about
the budget on stderr; exit 2 with a message on bad settings or when not even one kernel per
process fits.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESERVE_MIB = 2048  # the system, nginx and the Voila processes (about 150 MiB each)


@dataclass(frozen=True)
class Budget:
    cap: int          # kernels per Voila process
    limit_mib: int    # memory limit per kernel
    processes: int
    machine_mib: int
    lowered_from: int | None = None
    pool: int = 0                 # ready kernels per pooled app
    pooled_apps: int = 0
    pool_lowered_from: int | None = None

    def sentence(self) -> str:
        total = self.processes * self.cap
        text = (f"kernels: {self.processes} process(es) x {self.cap} kernels x {self.limit_mib} MiB = "
                f"{total * self.limit_mib / 1024:.1f} GiB at most, within {self.machine_mib / 1024:.1f} GiB of memory "
                f"({RESERVE_MIB} MiB kept for the system, nginx and Voila)")
        if self.lowered_from is not None:
            text += (f"; the cap of {self.lowered_from} kernels per process would not fit and is lowered to "
                     f"{self.cap} (set MAX_KERNELS and KERNEL_MEMORY_MB to choose)")
        if self.pooled_apps:
            text += f"; pool: {self.pool} ready kernels for each of {self.pooled_apps} app(s)"
            if self.pool_lowered_from is not None:
                text += f" (APP_POOL={self.pool_lowered_from} does not fit within the cap)"
        return text


def plan(cap: int, limit_mib: int, processes: int, machine_mib: int, pool: int = 0, pooled_apps: int = 0,
         other_pools: int = 0) -> Budget:
    """The largest cap up to ``cap`` for which processes × cap × limit fits the machine, and the
    largest pool up to ``pool`` per pooled app for which ``pooled_apps`` × pool + ``other_pools``
    (the other apps' ready kernels) fits within that cap."""
    budget = _cap(cap, limit_mib, processes, machine_mib)
    if pool <= 0 or pooled_apps <= 0:
        return budget
    room = max(budget.cap - other_pools, 0) // pooled_apps
    if pool <= room:
        return replace(budget, pool=pool, pooled_apps=pooled_apps)
    return replace(budget, pool=room, pooled_apps=pooled_apps, pool_lowered_from=pool)


def _cap(cap: int, limit_mib: int, processes: int, machine_mib: int) -> Budget:
    if cap < 1 or processes < 1:
        raise ValueError("the kernel cap and the number of processes must be at least 1")
    if limit_mib <= 0:
        raise ValueError("the memory limit per kernel must be at least 1 MiB (without it nothing bounds a kernel)")
    fits = (machine_mib - RESERVE_MIB) // (limit_mib * processes)
    if fits < 1:
        raise ValueError(f"not one kernel of {limit_mib} MiB per process fits in {machine_mib} MiB "
                         f"(minus {RESERVE_MIB} MiB reserve) with {processes} process(es)")
    if cap <= fits:
        return Budget(cap, limit_mib, processes, machine_mib)
    return Budget(int(fits), limit_mib, processes, machine_mib, lowered_from=cap)


def machine_mib() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) // 1024
    raise RuntimeError("no MemTotal in /proc/meminfo")


def setting(name: str, configured: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return configured
    if not value.isdigit():
        raise ValueError(f"{name} must be a whole number, not {value!r}")
    return int(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--config", type=Path, default=ROOT / "voila.json")
    args = parser.parse_args(argv)
    config = json.loads(args.config.read_text(encoding="utf-8"))
    manager = config.get("ClassroomKernelManager", {})
    voila = config.get("VoilaConfiguration", {})
    default_pool = int(voila.get("default_pool_size", 0)) if voila.get("preheat_kernel") else 0
    apps = sorted(p.stem for p in (ROOT / "calculators").glob("*.ipynb"))
    try:
        pool = setting("APP_POOL", 0)
        pooled = os.environ.get("POOL_APPS", "").split() or (apps if pool else [])
        unknown = sorted(set(pooled) - set(apps))
        if unknown:
            raise ValueError(f"POOL_APPS names no app: {' '.join(unknown)} (apps: {' '.join(apps)})")
        budget = plan(setting("MAX_KERNELS", int(manager.get("max_kernels", 40))),
                      setting("KERNEL_MEMORY_MB", int(manager.get("kernel_memory_limit_mb", 1024))),
                      args.processes, machine_mib(), pool=pool, pooled_apps=len(pooled),
                      other_pools=default_pool * (len(apps) - len(pooled)))
    except ValueError as exc:
        print(f"serve: {exc}", file=sys.stderr)
        return 2
    print(f"serve: {budget.sentence()}", file=sys.stderr)
    print(budget.cap, budget.limit_mib, budget.pool, " ".join(pooled) if budget.pool else "-")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
