"""Build kernels are stopped, not asked to shut down.

myst-nb's inline execution ends every chapter with a graceful ``shutdown_request``. In ipykernel
7.4.0 (the newest release) that path has a race: after handling the request, the kernel's control
thread flushes stdout and publishes an 'idle' status through ``IOPubThread.schedule``, which checks
that the IOPub thread is alive and then writes to its event pipe; meanwhile the main thread's
``IOPubThread.stop()`` joins that thread and closes every event pipe. When the close falls between
the check and the write, the kernel prints

    ERROR:tornado.general:Uncaught exception in ZMQStream callback
    ... zmq.error.ZMQError: Socket operation on non-socket

into the build output (the build itself succeeds). Widening that window by 0.3 s reproduces it on
every chapter. A build kernel holds nothing worth a graceful shutdown, so the build stops it the way
nbval already stops its kernels (``shutdown_kernel(now=True)``): no request, so no race.
"""

from __future__ import annotations

from typing import Any

from traitlets import Enum


def setup(app: Any) -> dict[str, Any]:
    from myst_nb.core.execute import inline

    base = inline.ModifiedNotebookClient
    if not getattr(base, "_stops_kernels_immediately", False):

        class ImmediateShutdownClient(base):  # type: ignore[misc, valid-type]
            _stops_kernels_immediately = True
            shutdown_kernel = Enum(["graceful", "immediate"], default_value="immediate",
                                   help="Stop build kernels without a shutdown request (see module docstring).")

        inline.ModifiedNotebookClient = ImmediateShutdownClient
    return {"parallel_read_safe": True, "parallel_write_safe": True}
