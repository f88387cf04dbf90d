"""Inside a Voila kernel: errors go to the server log, the page gets one Dutch sentence.

A browser (or anyone holding a page's kernel websocket) can send widget messages the kernel
refuses: a text field's value set to a list, a dropdown index of 99, a comm opened without a
version. ipykernel and ``comm`` log such errors with their traceback, and with no handler
configured the log record ends up on ``sys.stderr``, which ipykernel publishes to the page:
absolute server paths included, whatever Voila's ``show_tracebacks`` says.

``route_errors`` gives the logging system one handler that writes to the kernel process's real
stderr (the Voila server's log: calculators/serving/kernels.py starts Voila kernels with
``capture_fd_output=False``) and tells the app, which shows ``NOTICE`` instead.
"""

from __future__ import annotations

import logging
import sys
import weakref
from collections.abc import Callable

NOTICE = ("Er ging iets mis bij het verwerken van een bericht van de pagina. De rekentool werkt verder met "
          "de laatste geldige invoer; laad de pagina opnieuw als iets niet klopt.")
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
            for ref in list(self.listeners):
                show = ref()
                if show is None:  # the app is gone
                    self.listeners.remove(ref)
                    continue
                try:
                    show(NOTICE)
                except Exception:  # a closed widget; the server log has the details already
                    pass


_handler: ServerLogHandler | None = None


def route_errors(show: Callable[[str], None] | None = None) -> ServerLogHandler:
    """Install the handler once (on the widget loggers and the root logger); add ``show`` (a bound
    method of an app, held weakly) as a listener that receives the Dutch notice on an error."""
    global _handler
    if _handler is None:
        _handler = ServerLogHandler()
        for name in WIDGET_LOGGERS:
            logger = logging.getLogger(name)
            logger.addHandler(_handler)
            logger.propagate = False
        logging.getLogger().addHandler(_handler)  # anything else that would reach lastResort
    if show is not None:
        _handler.listeners.append(weakref.WeakMethod(show))  # type: ignore[arg-type]
    return _handler
