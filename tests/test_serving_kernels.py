"""calculators/serving: the kernel manager's cap, unclaimed-kernel cull and routable ids, and the
kernel-side error routing, tested in-process with real kernels (no Voila, no nginx)."""

from __future__ import annotations

import asyncio
import logging
import re
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from tornado.web import HTTPError
from traitlets import TraitError

from calculators.serving import kernel_log
from calculators.serving.kernels import CAPACITY_REASON, ClassroomKernelManager, _failed

from conftest import ROOT, run_async

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def test_kernel_ids_carry_the_process_prefix_and_stay_uuid_shaped() -> None:
    km = ClassroomKernelManager(kernel_id_prefix="1")
    ids = {km.new_kernel_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(UUID.match(i) and i.startswith("1") for i in ids)
    assert all(UUID.match(i) for i in (ClassroomKernelManager(kernel_id_prefix="a0").new_kernel_id(),
                                       ClassroomKernelManager().new_kernel_id()))


def test_a_pool_for_named_apps_is_written_into_voilas_pool_configuration() -> None:
    from traitlets import Dict

    class Pooled(ClassroomKernelManager):  # stands in for Voila's VoilaKernelManager, which has this trait
        kernel_pools_config = Dict({"default": {"pool_size": 2, "kernel_env_variables": {"VOILA_PREHEAT": "True"}}},
                                   config=True)

    km = Pooled(app_pool=25, pool_apps="formatie evaluatie")
    assert km.kernel_pools_config == {
        "default": {"pool_size": 2, "kernel_env_variables": {"VOILA_PREHEAT": "True"}},
        "formatie.ipynb": {"pool_size": 25, "kernel_env_variables": {"VOILA_PREHEAT": "True"}},
        "evaluatie.ipynb": {"pool_size": 25, "kernel_env_variables": {"VOILA_PREHEAT": "True"}}}
    assert Pooled().kernel_pools_config == {
        "default": {"pool_size": 2, "kernel_env_variables": {"VOILA_PREHEAT": "True"}}
    }
    with pytest.raises(TraitError):
        Pooled(app_pool=2, pool_apps="../formatie")


@pytest.mark.parametrize("prefix", ["g", "1-", "123456789", "../"])
def test_a_prefix_that_is_not_hex_is_refused(prefix: str) -> None:
    with pytest.raises(TraitError):
        ClassroomKernelManager(kernel_id_prefix=prefix)


def test_at_the_cap_a_page_gets_503_with_the_dutch_reason_and_a_pool_refill_waits() -> None:
    async def scenario() -> None:
        km = ClassroomKernelManager(max_kernels=1, unclaimed_timeout=0)
        first = await km.start_kernel(kernel_name="python3")
        try:
            assert km.kernel_count() == 1 and km.at_capacity()
            with pytest.raises(HTTPError) as refused:
                await km.start_kernel(kernel_name="python3", env={"VOILA_PREHEAT": "False"})
            assert refused.value.status_code == 503 and refused.value.log_message == CAPACITY_REASON
            # a pool refill does not fail (a failed pool task breaks Voila's shutdown_kernel): it
            # waits until a kernel is shut down, then starts
            refill = asyncio.ensure_future(km.start_kernel(kernel_name="python3", env={"VOILA_PREHEAT": "True"}))
            await asyncio.sleep(1.5)
            assert not refill.done()
            await km.shutdown_kernel(first, now=True)
            second = await asyncio.wait_for(refill, 60)
            assert second in km and first not in km
        finally:
            await km.shutdown_all(now=True)
        # shutting down: a waiting refill gives up instead of starting a kernel nobody will use
        km._closing = True
        km._kernels["x"] = None  # type: ignore[assignment]  # stands in for a full process
        with pytest.raises(RuntimeError):
            await km.start_kernel(kernel_name="python3", env={"VOILA_PREHEAT": "True"})

    run_async(scenario())


def test_a_kernel_that_never_got_a_websocket_is_culled_and_a_claimed_one_is_kept() -> None:
    async def scenario() -> None:
        km = ClassroomKernelManager(unclaimed_timeout=50)
        orphan = await km.start_kernel(kernel_name="python3")
        claimed = await km.start_kernel(kernel_name="python3")
        try:
            km.notify_connect(claimed)
            start = max(k.last_activity.timestamp() for k in km._kernels.values())
            assert await km.cull_unclaimed(now=start + 1) == []  # first seen: the clock starts
            assert await km.cull_unclaimed(now=start + 30) == []
            assert await km.cull_unclaimed(now=start + 52) == [orphan]
            assert orphan not in km and claimed in km
        finally:
            await km.shutdown_all(now=True)

    run_async(scenario())


def test_a_kernel_whose_websocket_closed_is_culled_after_the_timeout_unless_it_reconnects() -> None:
    async def scenario() -> None:
        km = ClassroomKernelManager(unclaimed_timeout=50, disconnected_timeout=90)
        closed = await km.start_kernel(kernel_name="python3")
        reloaded = await km.start_kernel(kernel_name="python3")
        try:
            for kernel_id in (closed, reloaded):
                km.notify_connect(kernel_id)
                km.notify_disconnect(kernel_id)
            km.notify_connect(reloaded)  # a reload: the page's new websocket within the timeout
            gone = km._disconnected_since[closed]
            assert reloaded not in km._disconnected_since
            assert await km.cull_unclaimed(now=gone + 1) == []
            assert await km.cull_unclaimed(now=gone + 89) == []
            assert await km.cull_unclaimed(now=gone + 91) == [closed]
            assert closed not in km and reloaded in km
        finally:
            await km.shutdown_all(now=True)

    run_async(scenario())


def test_a_kernel_is_culled_when_it_has_served_too_long_even_when_connected() -> None:
    async def scenario() -> None:
        km = ClassroomKernelManager(max_kernel_age=100)
        kernel = await km.start_kernel(kernel_name="python3")
        try:
            km.notify_connect(kernel)
            first = km._kernels[kernel].last_activity.timestamp()
            assert await km.cull_unclaimed(now=first) == []  # first seen serving: the clock starts
            assert await km.cull_unclaimed(now=first + 99) == []
            assert await km.cull_unclaimed(now=first + 101) == [kernel]
        finally:
            await km.shutdown_all(now=True)

    run_async(scenario())


def test_pooled_kernels_are_not_culled_and_count_towards_the_cap() -> None:
    """Voila's pool (the class voila_kernel_manager_factory puts above this one) keeps ready kernels
    as finished tasks in ``_pools``; the manager must neither cull them nor let the page handler
    take the pool path at the cap unless a kernel is ready."""

    async def scenario() -> None:
        class Pooled(ClassroomKernelManager):
            def get_pool_size(self, notebook_name: str) -> int:
                return len(self._pools.get(notebook_name, []))

        km = Pooled(max_kernels=2, unclaimed_timeout=50)
        pooled = await km.start_kernel(kernel_name="python3")
        try:
            ready = asyncio.get_running_loop().create_future()
            ready.set_result({"kernel_id": pooled})
            km._pools = {"formatie.ipynb": [ready]}
            now = km._kernels[pooled].last_activity.timestamp()
            assert await km.cull_unclaimed(now=now + 100) == []
            assert km.get_pool_size("formatie.ipynb") == 1
            page = await km.start_kernel(kernel_name="python3")
            assert km.at_capacity()
            assert km.get_pool_size("formatie.ipynb") == 1  # a ready kernel is still handed out
            waiting = asyncio.get_running_loop().create_future()  # a refill waiting for room
            km._pools["formatie.ipynb"] = [waiting]
            assert km.get_pool_size("formatie.ipynb") == 0  # so the handler answers 503 instead
            waiting.cancel()
            assert _failed(waiting)
            await km.shutdown_kernel(page, now=True)
            assert km.get_pool_size("formatie.ipynb") == 1
        finally:
            await km.shutdown_all(now=True)

    run_async(scenario())


def data_limit(pid: int) -> tuple[str, str]:
    line = next(line for line in open(f"/proc/{pid}/limits") if line.startswith("Max data size"))
    soft, hard = line.split()[3:5]
    return soft, hard


def test_a_kernel_cannot_allocate_past_its_memory_limit_and_the_others_keep_answering() -> None:
    """Limit 600 MiB (a bare kernel holds about 150 MiB of data): 300 MiB more is fine, 800 MiB
    fails with MemoryError inside the kernel, which answers the next request; a second kernel
    keeps answering. The limit is set in the kernel process, soft and hard."""

    async def scenario() -> None:
        km = ClassroomKernelManager(kernel_memory_limit_mb=600, unclaimed_timeout=0)
        limited = await km.start_kernel(kernel_name="python3")
        other = await km.start_kernel(kernel_name="python3")
        clients = []
        try:
            assert data_limit(km.get_kernel(limited).provisioner.pid) == (str(600 * 2**20), str(600 * 2**20))

            async def run(kernel_id: str, code: str) -> dict:
                kc = km.get_kernel(kernel_id).client()
                clients.append(kc)
                kc.start_channels()
                await kc.wait_for_ready(timeout=60)
                reply = await kc.execute_interactive(code, timeout=60, output_hook=lambda msg: None)
                return dict(reply["content"])

            assert (await run(limited, "a = bytearray(300 * 2**20)"))["status"] == "ok"
            refused = await run(limited, "b = bytearray(800 * 2**20)")
            assert refused["status"] == "error" and refused["ename"] == "MemoryError"
            assert (await run(limited, "del a; c = 2 + 2"))["status"] == "ok"
            assert (await run(other, "d = bytearray(300 * 2**20)"))["status"] == "ok"
            assert limited in km and other in km
        finally:
            for kc in clients:
                kc.stop_channels()
            await km.shutdown_all(now=True)

    run_async(scenario())


def test_without_a_limit_nothing_is_set() -> None:
    async def scenario() -> None:
        km = ClassroomKernelManager(kernel_memory_limit_mb=0, unclaimed_timeout=0)
        kernel = await km.start_kernel(kernel_name="python3")
        try:
            assert data_limit(km.get_kernel(kernel).provisioner.pid) == ("unlimited", "unlimited")
        finally:
            await km.shutdown_all(now=True)

    run_async(scenario())


@pytest.fixture
def routed() -> Iterator[kernel_log.ServerLogHandler]:
    handler = kernel_log.route_errors(force=True)
    assert handler is not None
    assert handler.end_process is None  # outside a Voila kernel nothing ends the process
    yield handler
    handler.listeners.clear()
    handler.stoppers.clear()
    handler.ending = False
    handler.end_process = None


def test_a_refused_widget_message_logs_details_to_the_server_and_shows_one_dutch_line(
    routed: kernel_log.ServerLogHandler, capfd: pytest.CaptureFixture[str]
) -> None:
    shown: list[str] = []
    holder = type("App", (), {"show": lambda self, m: shown.append(m)})()
    kernel_log.route_errors(holder.show, force=True)
    try:
        raise ValueError("Value must be a string, not a list")
    except ValueError:
        logging.getLogger("Comm").error("Exception in comm_msg for %s", "abc", exc_info=True)
    logging.getLogger("ipykernel.comm").warning("No such comm: %s", "abc")
    out, err = capfd.readouterr()
    assert shown == [kernel_log.NOTICE]  # one notice for the error, none for the warning
    assert "Traceback" in err and "Value must be a string" in err and "No such comm" in err
    assert "[kernel] ERROR Comm" in err
    assert "Traceback" not in out
    assert "traceback" not in kernel_log.NOTICE.lower() and "Er ging iets mis" in kernel_log.NOTICE
    del holder  # the app is gone: its listener is dropped, not called
    logging.getLogger("Comm").error("again")
    assert shown == [kernel_log.NOTICE] and routed.listeners == []


def test_a_memory_error_tells_the_page_once_and_ends_the_kernel(
    routed: kernel_log.ServerLogHandler, capfd: pytest.CaptureFixture[str]
) -> None:
    """A MemoryError record (from ipykernel, or a traceback IPython would show) goes to the apps'
    ``stop`` (the Dutch 'stopped, reload' line), not to their notice line, and ends the process,
    once; later errors still get the general notice."""
    shown: list[str] = []
    stopped: list[str] = []
    ended: list[int] = []
    holder = type("App", (), {"show": lambda self, m: shown.append(m), "stop": lambda self, m: stopped.append(m)})()
    kernel_log.route_errors(holder.show, stop=holder.stop, force=True)
    routed.end_process = lambda: ended.append(1)
    try:
        raise MemoryError()
    except MemoryError:
        logging.getLogger("Comm").error("Exception in comm_msg", exc_info=True)
    kernel_log.log_shown_traceback(MemoryError, MemoryError(), ["Traceback"])
    assert kernel_log.memory_exhausted() is True  # an app that caught one itself
    logging.getLogger("Comm").error("Exception in comm_msg: %s", "ValueError")
    assert stopped == [kernel_log.ENDED_NOTICE] and ended == [1]
    assert shown == [kernel_log.NOTICE]
    assert "geheugen" in kernel_log.ENDED_NOTICE and "Laad de pagina opnieuw" in kernel_log.ENDED_NOTICE
    err = capfd.readouterr().err
    assert "MemoryError" in err and "memory limit reached" in err


def test_without_a_stop_listener_the_notice_line_gets_the_ended_message(routed: kernel_log.ServerLogHandler) -> None:
    shown: list[str] = []
    holder = type("App", (), {"show": lambda self, m: shown.append(m)})()
    kernel_log.route_errors(holder.show, force=True)
    kernel_log.log_shown_traceback(MemoryError, MemoryError(), ["Traceback"])
    assert shown == [kernel_log.ENDED_NOTICE]


def test_where_errors_are_not_routed_a_memory_error_is_left_to_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kernel_log, "_handler", None)
    assert kernel_log.memory_exhausted() is False


def test_the_kernel_process_ends_with_its_own_status_after_the_delay() -> None:
    code = ("import time\nfrom calculators.serving.kernel_log import end_kernel_process\n"
            "end_kernel_process(0.5)\nprint('still here', flush=True)\ntime.sleep(30)\nprint('too late')")
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == kernel_log.MEMORY_EXIT_CODE == 87
    assert done.stdout == "still here\n"  # the kernel keeps running (and sending) until the delay is over
    assert 0.5 <= time.monotonic() - start < 20


def test_a_kernel_whose_process_ended_is_shut_down_not_restarted() -> None:
    async def scenario() -> None:
        km = ClassroomKernelManager(unclaimed_timeout=0, max_kernel_age=0, unclaimed_check_interval=0)
        ended = await km.start_kernel(kernel_name="python3")
        running = await km.start_kernel(kernel_name="python3")
        kc = km.get_kernel(ended).client()
        try:
            assert km.get_kernel(ended).autorestart is False
            assert await km.cull_unclaimed() == []
            kc.start_channels()
            await kc.wait_for_ready(timeout=60)
            kc.execute(f"import os; os._exit({kernel_log.MEMORY_EXIT_CODE})")
            provisioner = km.get_kernel(ended).provisioner
            for _ in range(100):
                if await provisioner.poll() is not None:
                    break
                await asyncio.sleep(0.1)
            assert await km._ended(ended) == "its process ended after reaching the memory limit"
            assert await km._ended(running) is None
            await asyncio.sleep(4)  # longer than the restarter's 3 s: nothing brings it back
            assert not await km.get_kernel(ended).is_alive()
            assert await km.cull_unclaimed() == [ended]
            assert ended not in km and running in km
        finally:
            kc.stop_channels()
            await km.shutdown_all(now=True)

    run_async(scenario())


def test_a_listener_that_fails_does_not_break_the_kernel(routed: kernel_log.ServerLogHandler) -> None:
    class Broken:
        def show(self, message: str) -> None:
            raise RuntimeError("widget closed")

    broken = Broken()
    kernel_log.route_errors(broken.show, force=True)
    logging.getLogger("Comm").error("boom")  # must not raise


def test_a_closed_server_stream_does_not_break_the_kernel(
    routed: kernel_log.ServerLogHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Closed:
        def write(self, text: str) -> None:
            raise ValueError("I/O operation on closed file")

    monkeypatch.setattr(sys, "__stderr__", Closed())
    monkeypatch.setattr(logging, "raiseExceptions", False)
    logging.getLogger("Comm").error("boom")


def test_outside_a_voila_kernel_nothing_is_rerouted(monkeypatch: pytest.MonkeyPatch) -> None:
    """nbval, the book build and in-process tests keep their normal error display."""
    monkeypatch.delenv("VOILA_BASE_URL", raising=False)
    assert kernel_log.route_errors(lambda message: None) is None
    monkeypatch.setenv("VOILA_BASE_URL", "/apps/")
    assert kernel_log.in_voila_kernel()


def test_a_traceback_ipython_would_show_goes_to_the_log_without_colour_codes(
    routed: kernel_log.ServerLogHandler, capfd: pytest.CaptureFixture[str]
) -> None:
    shown: list[str] = []
    holder = type("App", (), {"show": lambda self, m: shown.append(m)})()
    kernel_log.route_errors(holder.show, force=True)
    kernel_log.log_shown_traceback(
        ValueError, ValueError("bad index"), ["\x1b[31mTraceback (most recent call last)\x1b[39m", '  File "/srv/x.py"']
    )
    err = capfd.readouterr().err
    assert "ValueError: bad index" in err and 'File "/srv/x.py"' in err and "\x1b[" not in err
    assert shown == [kernel_log.NOTICE]
