"""calculators/serving/kernels.py: a kernel waiting in the pool runs at a lower CPU priority and gets
the normal one back when a page takes it (so that a class's refills do not slow the class down).
In-process with real kernels (no Voila, no nginx)."""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

import psutil
import pytest
from traitlets import TraitError

from calculators.serving.kernels import ClassroomKernelManager

from conftest import run_async


class Pooled(ClassroomKernelManager):
    """Stands in for Voila's pool class (voila_kernel_manager_factory puts it above this one): the
    pool is a list of finished tasks per notebook; a page takes the first."""

    def get_pool_size(self, notebook_name: str) -> int:
        return len(self._pools.get(notebook_name, []))

    async def get_rendered_notebook(self, notebook_name: str, **kwargs: Any) -> tuple[Any, list[str], str]:
        content = await self._pools[notebook_name].pop(0)
        return None, [], content["kernel_id"]


def nice_of(km: ClassroomKernelManager, kernel_id: str) -> int:
    return int(psutil.Process(km.get_kernel(kernel_id).provisioner.pid).nice())


PREHEAT = {**os.environ, "VOILA_PREHEAT": "True"}


def test_a_pooled_kernel_waits_at_low_priority_and_a_taken_one_gets_the_normal_priority() -> None:
    base = os.getpriority(os.PRIO_PROCESS, 0)

    async def scenario() -> None:
        km = Pooled(pool_nice=15, unclaimed_timeout=0)
        try:
            pooled = await km.start_kernel(kernel_name="python3", env=PREHEAT)
            waiting = await km.start_kernel(kernel_name="python3", env=PREHEAT)
            page = await km.start_kernel(kernel_name="python3")  # started for a page: never lowered
            assert nice_of(km, pooled) == min(base + 15, 19)
            assert nice_of(km, waiting) == min(base + 15, 19)
            assert nice_of(km, page) == base
            tasks = []
            for kernel_id in (pooled, waiting):
                task = asyncio.get_running_loop().create_future()
                task.set_result({"kernel_id": kernel_id})
                tasks.append(task)
            km._pools = {"formatie.ipynb": tasks}
            _, _, taken = await km.get_rendered_notebook("formatie.ipynb")
            assert taken == pooled
            assert nice_of(km, pooled) == 0
            assert nice_of(km, waiting) == min(base + 15, 19)  # still in the pool
        finally:
            await km.shutdown_all(now=True)

    run_async(scenario())


@pytest.mark.parametrize("pool_nice, can_restore", [(0, True), (15, False)])
def test_pooled_kernels_keep_the_normal_priority_without_a_pool_priority_or_where_it_cannot_be_given_back(
        monkeypatch: pytest.MonkeyPatch, pool_nice: int, can_restore: bool) -> None:
    from calculators.serving import kernels

    monkeypatch.setattr(kernels, "can_restore_priority", lambda: can_restore)
    base = os.getpriority(os.PRIO_PROCESS, 0)

    async def scenario() -> None:
        km = Pooled(pool_nice=pool_nice, kernel_memory_limit_mb=0, unclaimed_timeout=0)
        try:
            pooled = await km.start_kernel(kernel_name="python3", env=PREHEAT)
            assert nice_of(km, pooled) == base
        finally:
            await km.shutdown_all(now=True)

    run_async(scenario())


def test_when_the_priority_cannot_be_given_back_the_server_says_so_once(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    km = Pooled(pool_nice=15, unclaimed_timeout=0)

    class Provisioner:
        pid = 4242

    class Kernel:
        provisioner = Provisioner()

    km._kernels["k1"] = Kernel()
    km._kernels["k2"] = Kernel()
    calls = []

    def refuse(which: int, pid: int, priority: int) -> None:
        calls.append((pid, priority))
        raise PermissionError("not permitted")

    monkeypatch.setattr(os, "setpriority", refuse)
    km.log = logging.getLogger("pool-priority-test")
    with caplog.at_level(logging.WARNING, logger="pool-priority-test"):
        km.restore_priority("k1")
        km.restore_priority("k2")
        km.restore_priority("gone")  # no such kernel: nothing to do
    assert calls == [(4242, 0), (4242, 0)]
    assert sum("normal CPU priority" in r.getMessage() for r in caplog.records) == 1
    km._kernels.clear()


@pytest.mark.parametrize("value", [-1, 20])
def test_a_pool_priority_outside_0_to_19_is_refused(value: int) -> None:
    with pytest.raises(TraitError):
        ClassroomKernelManager(pool_nice=value)


def test_a_refill_after_takes_waits_for_a_quiet_moment_and_the_first_fill_goes_at_once() -> None:
    """Voila calls fill_if_needed(delay=0) at start-up and fill_if_needed(delay=None) after each take."""

    class Filling(Pooled):
        def fill_if_needed(self, delay: float | None = None, notebook_name: str | None = None, **kwargs: Any) -> None:
            fills.append((delay, notebook_name, kwargs.get("path"), round(asyncio.get_event_loop().time() - t0, 2)))

    fills: list[tuple[Any, ...]] = []

    async def scenario() -> None:
        km = Filling(refill_quiet=0.4)
        km.fill_if_needed(delay=0, notebook_name="formatie.ipynb")
        assert len(fills) == 1 and fills[0][:2] == (0, "formatie.ipynb")  # start-up: at once
        for _ in range(3):  # three takes 0.2 s apart: the quiet time starts again at each
            km.fill_if_needed(notebook_name="formatie.ipynb", path="apps")
            await asyncio.sleep(0.2)
        km.fill_if_needed(notebook_name="terugverdienen.ipynb")  # another app has its own clock
        assert len(fills) == 1
        await asyncio.sleep(0.5)
        assert [f[:3] for f in fills[1:]] == [(0, "formatie.ipynb", "apps"), (0, "terugverdienen.ipynb", None)]
        assert 0.75 <= fills[1][3] <= 1.3  # the last take at 0.4 s + 0.4 s quiet
        await km.shutdown_all(now=True)

    t0 = 0.0

    async def timed() -> None:
        nonlocal t0
        t0 = asyncio.get_event_loop().time()
        await scenario()

    run_async(timed())


def test_without_a_quiet_time_voilas_own_refill_runs_at_once() -> None:
    calls: list[Any] = []

    class Filling(Pooled):
        def fill_if_needed(self, delay: float | None = None, notebook_name: str | None = None, **kwargs: Any) -> None:
            calls.append(delay)

    km = Filling(refill_quiet=0)
    km.fill_if_needed(notebook_name="formatie.ipynb")
    assert calls == [None]
