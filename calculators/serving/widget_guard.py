"""Inside a Voila kernel: the page may not create widgets of its own.

ipywidgets lets the front end open a ``jupyter.widget`` comm, which makes the kernel build a widget
of any model the message names; a page (or a script holding its kernel websocket) could create
thousands (issue 22: 5,000 widgets, +39 MiB). The apps build all their widgets in the kernel and
the browser never asks for a new one, so ``install`` (run when a Voila kernel starts, by
``--IPKernelApp.exec_lines``, see kernels.py) replaces that comm target with one that logs the
attempt to the server log and closes the comm. The ``jupyter.widget.control`` target, through
which the page loads the widgets' states, stays.
"""

from __future__ import annotations

import logging
from typing import Any

LOG = logging.getLogger("calculators.widget_guard")
STARTUP_LINE = "__import__('calculators.serving.widget_guard', fromlist=['install']).install()"


def refuse(comm: Any, msg: dict[str, Any]) -> None:
    """The ``jupyter.widget`` comm target in a Voila kernel: no widget is made."""
    state = msg.get("content", {}).get("data", {}).get("state", {})
    model = state.get("_model_name") if isinstance(state, dict) else None
    LOG.warning("Refused a widget the page tried to create (model %r)", str(model)[:40])
    comm.close()


def install() -> bool:
    """Register ``refuse`` for ``jupyter.widget`` (after ipywidgets registered its own); False
    outside a kernel."""
    import ipywidgets  # noqa: F401  (registers the widget comm targets when imported in a kernel)
    from ipywidgets import comm as widget_comm

    manager = widget_comm.get_comm_manager()
    if manager is None:
        return False
    manager.register_target("jupyter.widget", refuse)
    return True
