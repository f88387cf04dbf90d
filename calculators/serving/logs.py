"""Server logs without kernel ids.

A page's kernel id is the only credential for its kernel: whoever has it can open the kernel's
websocket and read the page's widget states (issue 22). Voila logs every kernel's id when it starts,
connects and stops. ``RedactKernelIds`` (a logging filter on Voila's console handler, configured by
``Voila.logging_config`` in voila.json) keeps the first 8 hex digits of each id, enough to follow
one kernel through a log, and drops the rest. nginx's access log does the same with its own
``log_format`` (deploy/nginx.conf.template).
"""

from __future__ import annotations

import logging
import re

KERNEL_ID = re.compile(r"\b([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)


def redact(text: str) -> str:
    """Every UUID-shaped id in ``text`` cut to its first 8 hex digits and an ellipsis."""
    return KERNEL_ID.sub(r"\1…", text)


class RedactKernelIds(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except Exception:  # a record whose arguments do not fit its message: leave it to the handler
            return True
        redacted = redact(text)
        if redacted != text:
            record.msg, record.args = redacted, None
        return True
