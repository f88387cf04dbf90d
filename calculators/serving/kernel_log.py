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

A kernel that hits its memory limit (``RLIMIT_DATA``, calculators/serving/kernels.py) ends: its
state may be broken halfway through a change, and its memory and slot are better given to the
next visitor. ``memory_exhausted`` (called by the log handler on a ``MemoryError`` record and by
the apps where they catch one themselves) shows ``ENDED_NOTICE`` through the apps' ``stop``
listeners (the page keeps that text and disabled inputs), lets the message leave the kernel, and
then ends the process with ``MEMORY_EXIT_CODE``. The kernel manager does not restart a Voila
kernel (a restarted kernel has no app) and shuts a dead one down within seconds.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import sys
import threading
import time
import weakref
from collections.abc import Callable

NOTICE = ("Er ging iets mis bij het verwerken van een bericht van de pagina. De rekentool werkt verder met "
          "de laatste geldige invoer; laad de pagina opnieuw als iets niet klopt.")
ENDED_NOTICE = ("De rekentool is gestopt: deze bewerking had meer geheugen nodig dan de rekentool per bezoeker mag "
                "gebruiken. Laad de pagina opnieuw om met een nieuwe rekentool te beginnen, en probeer een kleiner "
                "bestand of een kortere periode.")
#: What ``notice_for`` answers for a failed allocation: the kernel ends (``memory_exhausted``).
MEMORY_NOTICE = ENDED_NOTICE
#: The exit status of a kernel that ended itself after a MemoryError (the manager logs it).
MEMORY_EXIT_CODE = 87
#: Seconds between the notice and the end: the widget messages leave the kernel meanwhile.
END_DELAY = 1.0
# ipykernel.comm: comm_open errors; Comm: comm_msg and comm_close errors (the comm package).
WIDGET_LOGGERS = ("ipykernel.comm", "Comm")


class ServerLogHandler(logging.Handler):
    """Formats records for the server log and calls the listeners on errors."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.setFormatter(logging.Formatter("[kernel] %(levelname)s %(name)s: %(message)s"))
        self.listeners: list[weakref.WeakMethod[Callable[[str], None]]] = []
        self.stoppers: list[weakref.WeakMethod[Callable[[str], None]]] = []
        #: Ends the process after a MemoryError; None outside a Voila kernel (tests, nbval).
        self.end_process: Callable[[], None] | None = None
        self.ending = False

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
            if notice is MEMORY_NOTICE:
                self.memory_exhausted()
            else:
                self.tell(self.listeners, notice)

    @staticmethod
    def tell(refs: list[weakref.WeakMethod[Callable[[str], None]]], message: str) -> None:
        for ref in list(refs):
            show = ref()
            if show is None:  # the app is gone
                refs.remove(ref)
                continue
            try:
                show(message)
            except Exception:  # a closed widget; the server log has the details already
                pass

    def memory_exhausted(self) -> None:
        """Once: the apps show ``ENDED_NOTICE`` (their ``stop``, else their notice line), then the
        kernel process ends (in a Voila kernel)."""
        if self.ending:
            return
        self.ending = True
        stream = sys.__stderr__
        try:
            if stream is not None:
                stream.write("[kernel] ERROR memory limit reached: the page is told, the kernel ends\n")
                stream.flush()
        except Exception:  # noqa: BLE001 - a closed stream must not keep the notice from the page
            pass
        self.tell(self.stoppers or self.listeners, ENDED_NOTICE)
        if self.end_process is not None:
            self.end_process()


def notice_for(record: logging.LogRecord) -> str:
    """The Dutch sentence for an error record: a failed allocation (the kernel's memory limit,
    calculators/serving/kernels.py) says so; anything else gets the general notice."""
    exc = record.exc_info[1] if record.exc_info else None
    if isinstance(exc, MemoryError) or str(record.msg).startswith("MemoryError") or (
            record.args and isinstance(record.args, tuple) and record.args[0] == "MemoryError"):
        return MEMORY_NOTICE
    return NOTICE


def end_kernel_process(delay: float = END_DELAY) -> None:
    """End this kernel process ``delay`` seconds from now, after the messages already sent (the
    notice) have been handed to the IOPub socket. Runs in a thread so that the kernel's loop
    keeps sending meanwhile; if no thread can be started (no memory left), SIGALRM with its
    default action ends the process instead, which needs no Python at all."""

    def end() -> None:
        _flush_iopub()
        time.sleep(delay)
        os._exit(MEMORY_EXIT_CODE)

    try:
        threading.Thread(target=end, name="end-after-memory-error", daemon=True).start()
    except (RuntimeError, MemoryError):
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(max(1, round(delay) + 1))


def _flush_iopub(timeout: float = 5.0) -> None:
    """Wait until ipykernel's IOPub thread has sent what was queued before this call."""
    try:
        from IPython import get_ipython

        pub = get_ipython().kernel.iopub_thread
        done = threading.Event()
        pub.schedule(done.set)
        done.wait(timeout)
    except Exception:  # noqa: BLE001 - not in a kernel, or ipykernel changed: the delay covers it
        pass


def memory_exhausted() -> bool:
    """For the apps that catch a MemoryError themselves: the same end as the log handler's.
    False where errors are not routed (outside a Voila kernel): the app shows its own message."""
    if _handler is None:
        return False
    _handler.memory_exhausted()
    return True


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


def route_errors(show: Callable[[str], None] | None = None, *, stop: Callable[[str], None] | None = None,
                 force: bool = False) -> ServerLogHandler | None:
    """In a Voila kernel (or with ``force``): install the handler once, on the widget loggers and
    the root logger, and IPython's traceback display; add ``show`` (a bound method of an app, held
    weakly) as a listener that receives the Dutch notice on an error, and ``stop`` (likewise) as
    one that receives ``ENDED_NOTICE`` before the kernel ends after a MemoryError. Only in a Voila
    kernel does the process end (``force`` alone does not set ``end_process``)."""
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
        if in_voila_kernel():
            _handler.end_process = end_kernel_process
    if show is not None:
        _handler.listeners.append(weakref.WeakMethod(show))
    if stop is not None:
        _handler.stoppers.append(weakref.WeakMethod(stop))
    return _handler
