"""Inside a Voila kernel: errors go to the server log, the page gets one Dutch sentence.

A browser (or anyone holding a page's kernel websocket) can send widget messages the kernel
refuses: a text field's value set to a list, a dropdown index of 99, a comm opened without a
version. They reach the page with their traceback, absolute server paths included, whatever
Voila's ``show_tracebacks`` says, by two roads:

- ipywidgets catches an exception in a widget's message handler and asks IPython to show it
  (``_show_traceback``), which publishes an ``error`` message;
- ipykernel and ``comm`` log errors (e.g. opening a comm fails) with no handler configured, so the
  record ends up on ``sys.stderr``, which ipykernel also publishes.

A third road: a Python warning (``warnings.warn``, e.g. jupyter_client's about a JSON ``NaN`` it
cannot send back) is printed on ``sys.stderr`` with the file and line that raised it.

In a Voila kernel, ``route_errors`` closes all three (warnings go to the log through
``logging.captureWarnings``): IPython's traceback display and the log records go
to one handler that writes to the kernel process's real stderr (the Voila server's log:
calculators/serving/kernels.py starts Voila kernels with ``capture_fd_output=False``) and tells the
app, which shows ``NOTICE`` instead. Elsewhere (nbval, the book build, tests) it does nothing, so
that a failing cell still fails there.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import weakref
from collections.abc import Callable

NOTICE = ("Er ging iets mis bij het verwerken van een bericht van de pagina. De rekentool werkt verder met "
          "de laatste geldige invoer; laad de pagina opnieuw als iets niet klopt.")
MEMORY_NOTICE = ("Deze bewerking heeft meer geheugen nodig dan de rekentool per bezoeker mag gebruiken en is "
                 "afgebroken. De rekentool werkt verder met de laatste geldige invoer; probeer een kleiner bestand "
                 "of een kortere periode.")
# ipykernel.comm: comm_open errors; Comm: comm_msg and comm_close errors (the comm package).
WIDGET_LOGGERS = ("ipykernel.comm", "Comm")


class ServerLogHandler(logging.Handler):
    """Formats records for the server log and calls the listeners on errors."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.setFormatter(logging.Formatter("[kernel] %(levelname)s %(name)s: %(message)s"))
        self.listeners: list[weakref.WeakMethod[Callable[[str], None]]] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            stream = sys.__stderr__
            if stream is not None:
                stream.write(self.format(record) + "\n")
                stream.flush()
        except Exception:  # a closed stream must not break the kernel's message loop
            self.handleError(record)
        if record.levelno >= logging.ERROR:
            notice = notice_for(record)
            for ref in list(self.listeners):
                show = ref()
                if show is None:  # the app is gone
                    self.listeners.remove(ref)
                    continue
                try:
                    show(notice)
                except Exception:  # a closed widget; the server log has the details already
                    pass


def notice_for(record: logging.LogRecord) -> str:
    """The Dutch sentence for an error record: a failed allocation (the kernel's memory limit,
    calculators/serving/kernels.py) says so; anything else gets the general notice."""
    exc = record.exc_info[1] if record.exc_info else None
    if isinstance(exc, MemoryError) or str(record.msg).startswith("MemoryError") or (
            record.args and isinstance(record.args, tuple) and record.args[0] == "MemoryError"):
        return MEMORY_NOTICE
    return NOTICE


_handler: ServerLogHandler | None = None
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def in_voila_kernel() -> bool:
    """Voila sets VOILA_BASE_URL for every kernel it starts, pooled or not."""
    return "VOILA_BASE_URL" in os.environ


def log_shown_traceback(etype: type, evalue: BaseException, stb: list[str]) -> None:
    """Stands in for IPython's ``_showtraceback``: the traceback to the server log only."""
    text = ANSI.sub("", "\n".join(stb))
    logging.getLogger("calculators.kernel").error("%s: %s\n%s", etype.__name__, evalue, text)


def _quiet_ipython() -> None:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is always there with ipywidgets
        return
    shell = get_ipython()
    if shell is not None and hasattr(shell, "_showtraceback"):
        shell._showtraceback = log_shown_traceback


def route_errors(show: Callable[[str], None] | None = None, *, force: bool = False) -> ServerLogHandler | None:
    """In a Voila kernel (or with ``force``): install the handler once, on the widget loggers and
    the root logger, and IPython's traceback display; add ``show`` (a bound method of an app, held
    weakly) as a listener that receives the Dutch notice on an error."""
    global _handler
    if not (force or in_voila_kernel()):
        return None
    if _handler is None:
        _handler = ServerLogHandler()
        for name in WIDGET_LOGGERS:
            logger = logging.getLogger(name)
            logger.addHandler(_handler)
            logger.propagate = False
        logging.getLogger().addHandler(_handler)  # anything else that would reach lastResort
        # Python warnings (e.g. jupyter_client's about a NaN it cannot send as JSON, quoting its
        # install path) would go to sys.stderr, which ipykernel forwards to the page: log them.
        logging.captureWarnings(True)
        _quiet_ipython()
    if show is not None:
        _handler.listeners.append(weakref.WeakMethod(show))
    return _handler
