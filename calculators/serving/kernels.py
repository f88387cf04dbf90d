"""The Voila kernel manager for a class: a cap, a quick cull and routable kernel ids.

Configured in voila.json (``VoilaConfiguration.multi_kernel_manager_class``); Voila wraps it in
its pre-heated pool (``voila_kernel_manager_factory``), so this class sits *below* the pool and
sees every kernel start, pooled or not.

- ``max_kernels``: every app page holds a kernel (~150–200 MiB). At the cap a new page gets
  HTTP 503 at once, which nginx turns into the Dutch 'even druk' page, instead of a page that
  spins while memory runs out. Kernels waiting ready in the pool are still handed out; a pool
  refill at the cap waits until a kernel is shut down.
- ``unclaimed_timeout``: a page whose browser never opens the kernel websocket (a crawler, a
  script, a tab closed during loading) loses its kernel after this many seconds instead of after
  the 15-minute idle cull. Kernels waiting in the pool are not touched.
- ``disconnected_timeout``: a page whose websocket has closed (a tab closed without the shutdown
  beacon, a browser gone to sleep) loses its kernel after this many seconds without a connection
  (90 s; a reload reconnects well within that time, and a kernel with a websocket again is kept).
- ``max_kernel_age``: no kernel serves a page longer than this (4 hours from leaving the pool), so
  that nobody holds a slot for a day with an open tab.
- ``kernel_memory_limit_mb``: the most data memory (``RLIMIT_DATA``: heap and private writable
  mappings) a kernel may hold, set in the kernel process before it starts (``preexec_fn``). An
  allocation past it fails with ``MemoryError`` inside the kernel; the app says in Dutch that the
  rekentool stopped and the kernel ends itself (kernel_log.memory_exhausted); Voila and the other
  pages carry on.
  ``RLIMIT_AS`` does not fit: a kernel that has drawn a chart reserves about 35 GB of address
  space (vl-convert's JavaScript engine), of which it uses a few hundred MB. Measured data size
  of an app's kernel after its first answer: 830–850 MiB (formatie, terugverdienen,
  verwijsaandeel), 343 MiB (evaluatie); resident memory 200–225 MiB.
- ``app_pool`` and ``pool_apps``: a pool of ``app_pool`` started kernels (each with its app
  already executed) for each app named in ``pool_apps`` (space-separated, e.g. ``formatie``), for a
  training where a class opens one app at once (``APP_POOL=25 POOL_APPS=formatie ./scripts/serve.sh``).
  Voila's pool hands them out and refills in the background; pooled kernels count towards
  ``max_kernels`` (a refill waits for room), and serve.sh keeps the pools within the memory budget
  (calculators/serving/budget.py). The other apps keep ``default_pool_size`` (voila.json).
- ``pool_nice`` and ``refill_quiet``: when a class takes 25 pooled kernels at once, Voila would
  start 25 refills at once (about 2.5 s of CPU each) while the visitors' own kernels draw their
  first answers. Two things keep the refills out of their way: a refill waits until no kernel of
  that app has been taken for ``refill_quiet`` seconds (5; Voila's own ``fill_delay`` is 1 s after
  each take), and a kernel waiting in the pool runs at the lower CPU priority ``pool_nice`` (15)
  until a page takes it; then it gets the normal priority back. That needs root or
  ``RLIMIT_NICE`` 20 (serve.sh as root sets it where the system allows); where neither holds,
  pooled kernels keep the normal priority (a taken kernel could not get it back) and the server
  says so once. 0: no lower priority.
- ``kernel_id_prefix``: the first hex digit(s) of every kernel id this process creates. With
  several Voila processes behind nginx, process *k* gets prefix *k* and nginx sends
  ``/apps/api/kernels/<id>/...`` to the process whose prefix the id carries
  (deploy/nginx.conf.template); the ids stay valid UUID-shaped strings.
- A kernel whose process has ended is shut down at the next check (every
  ``unclaimed_check_interval`` seconds) instead of being restarted: a restarted Voila kernel has
  no app, so a page would be left with widgets nobody answers. A kernel ends itself after a
  ``MemoryError`` once its page has been told so in Dutch (kernel_log.memory_exhausted, exit status
  ``MEMORY_EXIT_CODE``); the check frees its slot.
"""

from __future__ import annotations

import asyncio
import functools
import os
import re
import resource
import time
import uuid
from typing import Any

from jupyter_core.utils import ensure_async
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.ioloop import PeriodicCallback
from tornado.web import HTTPError
from traitlets import Float, Int, TraitError, Unicode, validate

from .kernel_log import MEMORY_EXIT_CODE
from .widget_guard import STARTUP_LINE

CAPACITY_REASON = "De rekentools zijn even druk, probeer het over een minuut opnieuw."


class ClassroomKernelManager(AsyncMappingKernelManager):  # type: ignore[misc]
    max_kernels = Int(40, config=True, help="Most kernels this process runs at once, pool included.")
    unclaimed_timeout = Float(50.0, config=True,
                              help="Seconds a page's idle kernel may wait for its first websocket.")
    unclaimed_check_interval = Float(5.0, config=True,
                                     help="Seconds between checks for kernels to cull (unclaimed, disconnected, "
                                          "too old, ended); 0: no checks.")
    disconnected_timeout = Float(90.0, config=True,
                                 help="Seconds a kernel may go without a websocket after its last one closed.")
    max_kernel_age = Float(4 * 3600.0, config=True,
                           help="Seconds a kernel may serve a page (from leaving the pool); 0: no limit.")
    kernel_id_prefix = Unicode("", config=True, help="Hex digits every kernel id of this process starts with.")
    pool_nice = Int(15, config=True, help="CPU priority (nice, 0-19) of a kernel waiting in the pool; 0: normal.")
    refill_quiet = Float(5.0, config=True, help="Seconds without a take before a pool is refilled (0: Voila's own).")
    app_pool = Int(0, config=True, help="Started kernels kept ready for each app of pool_apps (0: Voila's default).")
    pool_apps = Unicode("", config=True, help="Space-separated app names (notebooks without .ipynb) that get app_pool.")
    kernel_memory_limit_mb = Int(1024, config=True,
                                 help="Most data memory (RLIMIT_DATA, MiB) one kernel may hold; 0: no limit.")

    @validate("pool_nice")
    def _valid_nice(self, proposal: dict[str, Any]) -> int:
        value = int(proposal["value"])
        if not 0 <= value <= 19:
            raise TraitError(f"pool_nice must be 0-19, not {value}")
        return value

    @validate("pool_apps")
    def _valid_apps(self, proposal: dict[str, Any]) -> str:
        value = str(proposal["value"])
        for app in value.split():
            if not re.fullmatch(r"[a-z][a-z0-9_-]{0,40}", app):
                raise TraitError(f"pool_apps must name apps (notebooks without .ipynb), not {app!r}")
        return value

    @validate("kernel_id_prefix")
    def _valid_prefix(self, proposal: dict[str, Any]) -> str:
        value = str(proposal["value"]).lower()
        if not re.fullmatch(r"[0-9a-f]{0,8}", value):
            raise TraitError(f"kernel_id_prefix must be 0-8 hex digits, not {value!r}")
        return value

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._starting = 0
        self._claimed: set[str] = set()  # kernels that have had a websocket
        self._unclaimed_since: dict[str, float] = {}
        self._disconnected_since: dict[str, float] = {}
        self._serving_since: dict[str, float] = {}  # first seen outside the pool
        self._closing = False
        self._unclaimed_checker: PeriodicCallback | None = None
        if hasattr(self, "kernel_pools_config") and self.app_pool > 0 and self.pool_apps.split():
            # Voila's pool reads this mapping (notebook -> pool size and environment) when it fills
            # the pools, right after this __init__.
            pools = dict(self.kernel_pools_config)
            default = dict(pools.get("default", {}))
            for app in self.pool_apps.split():
                pools[f"{app}.ipynb"] = {**default, "pool_size": self.app_pool}
            self.kernel_pools_config = pools
        if hasattr(self, "get_pool_size"):  # inside Voila's pool (voila_kernel_manager_factory)
            # Voila's page handler asks the pool size and takes a pooled kernel when it is > 0.
            # The pool class defines get_pool_size above this class, so the cap is applied here,
            # on the instance: no ready kernel at the cap means 'no pool', and the handler's own
            # start_kernel call below answers 503.
            self._pool_size = self.get_pool_size
            self.get_pool_size = self._pool_size_within_cap
        if hasattr(self, "get_rendered_notebook"):
            # the same for handing a pooled kernel to a page: it gets its normal CPU priority back
            self._take_pooled = self.get_rendered_notebook
            self.get_rendered_notebook = self._rendered_at_normal_priority
        if hasattr(self, "fill_if_needed"):
            # and for the refill after a take: it waits for a quiet moment
            self._fill_now = self.fill_if_needed
            self.fill_if_needed = self._fill_when_quiet
        self._last_take: dict[str | None, float] = {}
        self._refill_waiting: dict[str | None, asyncio.Task[None]] = {}
        self._renice_refused = False
        self._pool_nice = self.pool_nice if can_restore_priority() else 0
        if self.pool_nice > 0 and self._pool_nice == 0:
            self.log.warning("Pooled kernels keep the normal CPU priority: this server could not give a taken "
                             "kernel its priority back (needs root or RLIMIT_NICE 20)")

    # -- ids -------------------------------------------------------------------------------
    def new_kernel_id(self, **kwargs: Any) -> str:
        fresh = str(uuid.uuid4())
        return self.kernel_id_prefix + fresh[len(self.kernel_id_prefix):]

    def pre_start_kernel(self, kernel_name: str | None, kwargs: Any) -> tuple[Any, str, str]:
        """No automatic restart: a Voila kernel that died is shut down (``cull_unclaimed``)."""
        km, name, kernel_id = super().pre_start_kernel(kernel_name, kwargs)
        km.autorestart = False
        return km, name, kernel_id

    # -- cap -------------------------------------------------------------------------------
    def kernel_count(self) -> int:
        """Kernels running or starting in this process."""
        return len(self._kernels) + self._starting

    def at_capacity(self) -> bool:
        return self.kernel_count() >= self.max_kernels

    def _pool_size_within_cap(self, notebook_name: str) -> int:
        pool = getattr(self, "_pools", {}).get(notebook_name, [])
        if self.at_capacity() and not (pool and pool[0].done() and not _failed(pool[0])):
            return 0
        return int(self._pool_size(notebook_name))

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
        if kwargs.get("env", {}).get("VOILA_PREHEAT") == "True":
            # A pool refill: wait for room instead of failing (a failed pool task breaks Voila's
            # shutdown_kernel, which reads every finished pool task's result).
            while self.at_capacity():
                if self._closing:
                    raise RuntimeError("Voila is shutting down")
                await asyncio.sleep(1)
        elif self.at_capacity():
            self.log.warning("Kernel cap reached (%d kernels): refusing a new kernel", self.kernel_count())
            raise HTTPError(503, reason="Rekentools even druk", log_message=CAPACITY_REASON)
        # The kernel's own stderr (fd 2) goes to this server's log only: ipykernel would otherwise
        # forward it to the page, and calculators/serving/kernel_log.py writes the details of a
        # refused widget message there.
        # The page may not create widgets of its own (calculators/serving/widget_guard.py).
        kwargs["extra_arguments"] = [*kwargs.get("extra_arguments", []), "--IPKernelApp.capture_fd_output=False",
                                     f"--IPKernelApp.exec_lines={STARTUP_LINE}"]
        nice = self._pool_nice if kwargs.get("env", {}).get("VOILA_PREHEAT") == "True" else 0
        if self.kernel_memory_limit_mb > 0 or nice > 0:
            kwargs["preexec_fn"] = functools.partial(prepare_kernel_process, self.kernel_memory_limit_mb * 2**20, nice)
        self._starting += 1
        try:
            kernel_id: str = await super().start_kernel(*args, **kwargs)
        finally:
            self._starting -= 1
        self._start_unclaimed_checker()
        return kernel_id

    def _fill_when_quiet(self, delay: float | None = None, notebook_name: str | None = None, **kwargs: Any) -> None:
        """Voila's fill_if_needed, but a refill after a take (``delay`` None) waits until the app has had
        no take for ``refill_quiet`` seconds; the first fill at start-up (``delay`` 0) goes at once."""
        if delay is not None or self.refill_quiet <= 0:
            self._fill_now(delay=delay, notebook_name=notebook_name, **kwargs)
            return
        self._last_take[notebook_name] = time.monotonic()
        waiting = self._refill_waiting.get(notebook_name)
        if waiting is None or waiting.done():
            self._refill_waiting[notebook_name] = asyncio.get_event_loop().create_task(
                self._refill_after_quiet(notebook_name, kwargs))

    async def _refill_after_quiet(self, notebook_name: str | None, kwargs: dict[str, Any]) -> None:
        while not self._closing:
            quiet_for = time.monotonic() - self._last_take[notebook_name]
            if quiet_for >= self.refill_quiet:
                self._fill_now(delay=0, notebook_name=notebook_name, **kwargs)
                return
            await asyncio.sleep(self.refill_quiet - quiet_for)

    async def _rendered_at_normal_priority(self, *args: Any, **kwargs: Any) -> Any:
        """Voila's hand-over of a pooled kernel to a page, then the kernel's normal CPU priority."""
        render_task, cache, kernel_id = await self._take_pooled(*args, **kwargs)
        if self._pool_nice > 0:
            self.restore_priority(kernel_id)
        return render_task, cache, kernel_id

    def restore_priority(self, kernel_id: str) -> None:
        pid = getattr(getattr(self._kernels.get(kernel_id), "provisioner", None), "pid", None)
        if pid is None:
            return
        try:
            os.setpriority(os.PRIO_PROCESS, pid, 0)
        except PermissionError:
            if not self._renice_refused:
                self._renice_refused = True
                self.log.warning("Cannot give a taken pool kernel its normal CPU priority back (needs root or "
                                 "RLIMIT_NICE >= 20); taken kernels keep nice %d", self.pool_nice)
        except ProcessLookupError:  # the kernel ended meanwhile
            pass

    async def shutdown_kernel(self, kernel_id: str, *args: Any, **kwargs: Any) -> None:
        await ensure_async(super().shutdown_kernel(kernel_id, *args, **kwargs))
        self._claimed.discard(kernel_id)
        self._unclaimed_since.pop(kernel_id, None)
        self._disconnected_since.pop(kernel_id, None)
        self._serving_since.pop(kernel_id, None)

    async def shutdown_all(self, *args: Any, **kwargs: Any) -> None:
        self._closing = True
        if self._unclaimed_checker is not None:
            self._unclaimed_checker.stop()
        await ensure_async(super().shutdown_all(*args, **kwargs))

    # -- unclaimed kernels -----------------------------------------------------------------
    def notify_connect(self, kernel_id: str) -> None:
        self._claimed.add(kernel_id)
        self._unclaimed_since.pop(kernel_id, None)
        self._disconnected_since.pop(kernel_id, None)
        super().notify_connect(kernel_id)

    def notify_disconnect(self, kernel_id: str) -> None:
        super().notify_disconnect(kernel_id)
        if self._kernel_connections.get(kernel_id, 0) <= 0 and kernel_id in self._kernels:
            self._disconnected_since[kernel_id] = time.time()

    def _pooled_kernel_ids(self) -> set[str]:
        ids = set()
        for pool in getattr(self, "_pools", {}).values():
            for task in pool:
                if task.done() and not _failed(task):
                    ids.add(task.result().get("kernel_id"))
        return ids

    def _start_unclaimed_checker(self) -> None:
        if self._unclaimed_checker is None and self.unclaimed_check_interval > 0:
            self._unclaimed_checker = PeriodicCallback(self.cull_unclaimed, self.unclaimed_check_interval * 1000)
            self._unclaimed_checker.start()

    async def cull_unclaimed(self, now: float | None = None) -> list[str]:
        """Shut down the kernels no page uses; returns the culled ids. Kernels waiting in the pool
        are never touched. A kernel is culled when

        - it never got a websocket within ``unclaimed_timeout`` seconds. The clock starts when the
          kernel is first seen outside the pool, or at its last activity if later: a kernel still
          executing its notebook for a slow page is not culled;
        - its last websocket closed ``disconnected_timeout`` seconds ago and none came back;
        - it has served longer than ``max_kernel_age`` seconds;
        - its process has ended (after a MemoryError, or killed)."""
        now = time.time() if now is None else now
        pooled = self._pooled_kernel_ids()
        culled = []
        for kernel_id in list(self._kernels):
            if kernel_id in pooled:
                self._unclaimed_since.pop(kernel_id, None)
                continue
            reason = await self._ended(kernel_id) or self._cull_reason(kernel_id, now)
            if reason is None:
                continue
            self.log.info("Culling kernel %s…: %s", kernel_id[:8], reason)
            culled.append(kernel_id)
            try:
                await self.shutdown_kernel(kernel_id)
            except Exception as exc:  # a kernel that died meanwhile; the next check retries
                self.log.warning("Could not cull kernel %s…: %s", kernel_id[:8], exc)
        return culled

    async def _ended(self, kernel_id: str) -> str | None:
        """Why the kernel's process is gone, or None while it runs."""
        provisioner = getattr(self._kernels.get(kernel_id), "provisioner", None)
        if provisioner is None:
            return None
        try:
            status = await provisioner.poll()
        except Exception:  # noqa: BLE001 - a provisioner that cannot tell: leave it to the other checks
            return None
        if status is None:
            return None
        if status == MEMORY_EXIT_CODE:
            return "its process ended after reaching the memory limit"
        return f"its process ended (status {status})"

    def _cull_reason(self, kernel_id: str, now: float) -> str | None:
        serving_since = self._serving_since.setdefault(kernel_id, now)
        if self.max_kernel_age > 0 and now - serving_since >= self.max_kernel_age:
            return f"served longer than {self.max_kernel_age:.0f} s"
        if kernel_id in self._claimed:
            self._unclaimed_since.pop(kernel_id, None)
            gone = self._disconnected_since.get(kernel_id)
            if gone is not None and self.disconnected_timeout > 0 and now - gone >= self.disconnected_timeout:
                return f"no websocket for {self.disconnected_timeout:.0f} s"
            return None
        since = self._unclaimed_since.setdefault(kernel_id, now)
        last_activity = getattr(self._kernels[kernel_id], "last_activity", None)
        if last_activity is not None:
            since = max(since, last_activity.timestamp())
        if self.unclaimed_timeout > 0 and now - since >= self.unclaimed_timeout:
            return f"no websocket within {self.unclaimed_timeout:.0f} s"
        return None


def limit_memory(limit_bytes: int) -> None:
    """Runs in the kernel's process between fork and exec: cap its data memory, soft and hard (an
    unprivileged kernel cannot raise it again)."""
    resource.setrlimit(resource.RLIMIT_DATA, (limit_bytes, limit_bytes))


def can_restore_priority() -> bool:
    """Whether this process may lower a kernel's nice value again (root, or RLIMIT_NICE 20)."""
    return os.geteuid() == 0 or resource.getrlimit(resource.RLIMIT_NICE)[0] >= 20


def prepare_kernel_process(limit_bytes: int, nice: int) -> None:
    """Runs in the kernel's process between fork and exec: the memory cap (0: none) and, for a
    pooled kernel, the lower CPU priority it keeps until a page takes it."""
    if limit_bytes > 0:
        limit_memory(limit_bytes)
    if nice > 0:
        os.nice(nice)


def _failed(task: Any) -> bool:
    """A finished pool task that did not produce a kernel (refused at the cap, or failed)."""
    return bool(task.done() and (task.cancelled() or task.exception() is not None))
