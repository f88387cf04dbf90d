"""The kernels' memory budget (calculators/serving/budget.py): kernel cap × memory limit per kernel
within the machine's memory, as scripts/serve.sh checks at start (issue 22, item 2)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from calculators.serving.budget import RESERVE_MIB, plan

from conftest import ROOT


def test_a_cap_that_fits_is_kept() -> None:
    # 20 x 1024 MiB = 20,480 MiB <= 24,105 - 2,048 = 22,057 MiB
    budget = plan(20, 1024, 1, 24_105)
    assert (budget.cap, budget.lowered_from) == (20, None)
    assert "1 process(es) x 20 kernels x 1024 MiB = 20.0 GiB at most, within 23.5 GiB" in budget.sentence()


def test_a_cap_that_does_not_fit_is_lowered_and_said() -> None:
    # 40 x 1024 MiB = 40 GiB > 22,057 MiB; 22,057 // 1,024 = 21 kernels
    budget = plan(40, 1024, 1, 24_105)
    assert (budget.cap, budget.lowered_from) == (21, 40)
    assert "cap of 40 kernels per process would not fit and is lowered to 21" in budget.sentence()
    # two processes share the memory: 22,057 // 2,048 = 10 each
    assert plan(40, 1024, 2, 24_105).cap == 10
    # a smaller limit lets more in: 22,057 // 512 = 43 >= 40
    assert plan(40, 512, 1, 24_105).cap == 40


def test_no_room_for_one_kernel_or_no_limit_is_an_error() -> None:
    assert RESERVE_MIB == 2048
    with pytest.raises(ValueError, match="not one kernel of 1024 MiB"):
        plan(40, 1024, 1, 3_000)  # 952 // 1024 = 0
    with pytest.raises(ValueError, match="at least 1 MiB"):
        plan(40, 0, 1, 24_105)


@pytest.mark.parametrize("env, message", [({"MAX_KERNELS": "veel"}, "MAX_KERNELS must be a whole number"),
                                          ({"KERNEL_MEMORY_MB": "0"}, "at least 1 MiB")])
def test_the_command_refuses_bad_settings_without_a_traceback(env: dict[str, str], message: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "calculators.serving.budget"], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=60)
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr


def test_the_command_prints_cap_and_limit() -> None:
    proc = subprocess.run([sys.executable, "-m", "calculators.serving.budget"], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "MAX_KERNELS": "3", "KERNEL_MEMORY_MB": "700"}, timeout=60)
    assert proc.returncode == 0 and proc.stdout.split() == ["3", "700", "0", "-"]
    assert "1 process(es) x 3 kernels x 700 MiB = 2.1 GiB at most" in proc.stderr


def test_a_pool_is_kept_within_the_cap() -> None:
    # cap 21 (above); 3 other apps keep 2 ready each = 6; (21 - 6) // 1 = 15 for the pooled app
    budget = plan(40, 1024, 1, 24_105, pool=25, pooled_apps=1, other_pools=6)
    assert (budget.cap, budget.pool, budget.pool_lowered_from) == (21, 15, 25)
    assert "pool: 15 ready kernels for each of 1 app(s) (APP_POOL=25 does not fit within the cap)" in budget.sentence()
    # with room: 40 kernels of 512 MiB, 25 + 6 <= 40
    assert plan(40, 512, 1, 24_105, pool=25, pooled_apps=1, other_pools=6).pool == 25
    # every app pooled: 21 // 4 = 5
    assert plan(40, 1024, 1, 24_105, pool=10, pooled_apps=4).pool == 5


def test_the_command_passes_the_pool_and_refuses_an_unknown_app() -> None:
    env = {**os.environ, "MAX_KERNELS": "30", "KERNEL_MEMORY_MB": "500", "APP_POOL": "25", "POOL_APPS": "formatie"}
    proc = subprocess.run([sys.executable, "-m", "calculators.serving.budget"], cwd=ROOT, capture_output=True,
                          text=True, env=env, timeout=60)
    # 30 x 500 MiB fits; the three other apps keep voila.json's default_pool_size (2) each: 30 - 6 = 24
    assert proc.returncode == 0 and proc.stdout.split() == ["30", "500", "24", "formatie"], proc.stderr
    proc = subprocess.run([sys.executable, "-m", "calculators.serving.budget"], cwd=ROOT, capture_output=True,
                          text=True, env={**env, "POOL_APPS": "formatie onbekend"}, timeout=60)
    assert proc.returncode == 2 and "POOL_APPS names no app: onbekend" in proc.stderr
