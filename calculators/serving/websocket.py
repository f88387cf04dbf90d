"""The kernel websocket with a guard: a binary frame is checked before jupyter_server decodes it.

jupyter_server's decoders trust the frame's own header. ``deserialize_msg_from_ws_v1`` (the
``v1.kernel.websocket.jupyter.org`` protocol every Voila page speaks) reads an 8-byte count and builds
two lists of that length before anything is checked; ``deserialize_binary_message`` (the legacy
protocol) builds a ``struct`` format string of that length. A 16-byte frame with a count of 30
million kept Voila's only event loop busy for seconds and grew the process by hundreds of MB, for
every app at once (issue 22).

``GuardedWebsocketConnection`` (``Voila.kernel_websocket_connection_class`` in voila.json) reads
the count first and refuses the frame unless the count is small, every offset lies inside the frame
in ascending order and the frame is not too large. A refused frame is logged (with the first 8
characters of the kernel id only) and the websocket is closed with code 1008 (policy violation);
the kernel and every other page carry on. The check reads at most ``max_parts + 1`` numbers, so it
costs microseconds whatever the frame claims.
"""

from __future__ import annotations

import itertools
import struct
from typing import Any

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from traitlets import Int

V1 = "v1.kernel.websocket.jupyter.org"
# A kernel message has a channel and four JSON parts (header, parent header, metadata, content);
# widget messages add binary buffers (an uploaded file is one buffer per file).
V1_MIN_OFFSETS = 6
DEFAULT_MAX_BUFFERS = 64
DEFAULT_MAX_BYTES = 26_214_400  # voila.json's websocket_max_message_size (25 MiB)
POLICY_VIOLATION = 1008


def v1_frame_problem(frame: bytes, max_buffers: int = DEFAULT_MAX_BUFFERS,
                     max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """Why a v1 binary frame must not be decoded, or None when it is well formed.

    Layout (jupyter_server ``serialize_msg_to_ws_v1``): an 8-byte little-endian count *n*, then *n*
    8-byte offsets; offset 0 is where the channel name starts (just after the offsets), the others
    mark where each following part starts, the last one where the frame ends.
    """
    size = len(frame)
    if size > max_bytes:
        return f"frame of {size} bytes exceeds {max_bytes}"
    if size < 8:
        return "frame shorter than its count"
    count = int.from_bytes(frame[:8], "little")
    if not V1_MIN_OFFSETS <= count <= V1_MIN_OFFSETS + max_buffers:
        return f"offset count {count} outside {V1_MIN_OFFSETS}..{V1_MIN_OFFSETS + max_buffers}"
    table_end = 8 * (count + 1)
    if size < table_end:
        return f"frame of {size} bytes shorter than its {count} offsets"
    offsets = [int.from_bytes(frame[8 * (i + 1):8 * (i + 2)], "little") for i in range(count)]
    if offsets[0] != table_end:
        return "first offset does not follow the offset table"
    if any(b < a for a, b in itertools.pairwise(offsets)):
        return "offsets not in ascending order"
    if offsets[-1] != size:
        return "last offset is not the end of the frame"
    return None


def legacy_frame_problem(frame: bytes, max_buffers: int = DEFAULT_MAX_BUFFERS,
                         max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """The same check for the legacy binary layout (jupyter_server ``deserialize_binary_message``):
    a 4-byte big-endian count, then that many 4-byte offsets, each part running to the next."""
    size = len(frame)
    if size > max_bytes:
        return f"frame of {size} bytes exceeds {max_bytes}"
    if size < 4:
        return "frame shorter than its count"
    (count,) = struct.unpack("!i", frame[:4])
    if not 1 <= count <= 1 + max_buffers:
        return f"buffer count {count} outside 1..{1 + max_buffers}"
    table_end = 4 * (count + 1)
    if size < table_end:
        return f"frame of {size} bytes shorter than its {count} offsets"
    offsets = struct.unpack("!" + "I" * count, frame[4:table_end])
    if offsets[0] < table_end or any(b < a for a, b in itertools.pairwise(offsets)) or offsets[-1] > size:
        return "offsets not ascending inside the frame"
    return None


class GuardedWebsocketConnection(ZMQChannelsWebsocketConnection):
    """jupyter_server's kernel websocket connection, refusing malformed frames before decoding."""

    max_buffers = Int(DEFAULT_MAX_BUFFERS, config=True, help="Most binary buffers one kernel message may carry.")
    max_frame_bytes = Int(DEFAULT_MAX_BYTES, config=True, help="Largest websocket frame passed on to the kernel.")

    def frame_problem(self, message: Any) -> str | None:
        if self.subprotocol == V1:
            if not isinstance(message, bytes):
                return "text frame on the binary v1 protocol"
            return v1_frame_problem(message, self.max_buffers, self.max_frame_bytes)
        if isinstance(message, bytes):
            return legacy_frame_problem(message, self.max_buffers, self.max_frame_bytes)
        if len(message) > self.max_frame_bytes:
            return f"text frame of {len(message)} characters exceeds {self.max_frame_bytes}"
        return None

    def handle_incoming_message(self, incoming_msg: Any) -> None:
        problem = self.frame_problem(incoming_msg)
        if problem is None:
            super().handle_incoming_message(incoming_msg)
            return
        handler = self.websocket_handler
        address = getattr(getattr(handler, "request", None), "remote_ip", "?")
        self.log.warning("Refused a websocket frame for kernel %s… from %s: %s; closing the websocket",
                         str(self.kernel_id)[:8], address, problem)
        if handler is not None:
            handler.close(POLICY_VIOLATION, "malformed frame")
