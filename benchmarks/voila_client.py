"""A browser's conversation with a Voila app, without the browser: a load generator's client.

What one visitor's browser does, recorded once with Playwright (``page.on("websocket")``) against
Voila 0.5.13 with ipywidgets 8 and replayed here message for message:

1. GET the app page; the HTML carries the kernel id (``"kernelId"`` in jupyter-config-data).
2. Open ``ws(s)://host/<base>/api/kernels/<kernel_id>/channels?session_id=<uuid>`` with the
   ``v1.kernel.websocket.jupyter.org`` subprotocol (binary frames: offsets, channel, header,
   parent header, metadata, content), send ``kernel_info_request`` and wait for the reply.
3. Load the widget states: ``comm_open`` to target ``jupyter.widget.control`` (metadata
   ``{"version": "1.0.0"}``), ``comm_msg`` ``{"method": "request_states"}``, wait for
   ``update_states``, then ``comm_close`` the control comm. The page is usable from here.
4. Change an input: typing a value and pressing Enter in a Text widget sends ``comm_msg``
   ``{"method": "custom", "content": {"event": "submit"}}`` and then
   ``{"method": "update", "state": {"value": ...}, "buffer_paths": []}`` to the widget's comm; the
   kernel echoes it (``echo_update``) and sends ``update`` messages for the output widgets, the
   result sentence (an HTML widget whose value has ``role="status"``) first.
5. Closing the tab: Voila's page sends a beacon POST (multipart form with ``_xsrf``) to
   ``<base>/voila/api/shutdown/<kernel_id>`` on ``beforeunload`` and drops the websocket.

The page's static assets (about 100 JavaScript chunks, styles and fonts; nginx lets a browser cache
them for 7 days) are fetched only when given (``assets``, recorded from one real visit): a first
visit with an empty cache. The client measures the server's work for a visit, not the front end's.
Errors are raised as :class:`VisitError` with one short reason, never a traceback.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1, serialize_msg_to_ws_v1
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import WebSocketClientConnection, WebSocketClosedError, websocket_connect

SUBPROTOCOL = "v1.kernel.websocket.jupyter.org"
KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')
STATUS_MARK = 'role="status"'
DEFAULT_TIMEOUT = 120.0

# Tornado's default HTTP client queues beyond 10 requests at a time; a burst needs them all at once.
AsyncHTTPClient.configure(None, max_clients=1000)


class VisitError(Exception):
    """A visit that failed, with a short reason such as ``page: HTTP 429``."""


@dataclass
class Session:
    base_url: str          # e.g. http://127.0.0.1:8000 (nginx) -- the app lives at <base_url><prefix>voila/render/
    app: str
    prefix: str
    kernel_id: str
    ws: WebSocketClientConnection
    session_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    source: str | None = None  # the visitor's own address (a loopback alias), or the system's choice
    states: dict[str, dict[str, Any]] = field(default_factory=dict)  # comm id -> widget state
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    closed_reason: str | None = None
    reader: asyncio.Task[None] | None = None
    received: list[dict[str, Any]] | None = None  # every message from the kernel, when a list is given
    _replies: dict[str, asyncio.Future[dict[str, Any]]] = field(default_factory=dict)
    _control: asyncio.Future[dict[str, Any]] | None = None

    # ------------------------------------------------------------------ messages

    def _message(self, msg_type: str, content: dict[str, Any],
                 metadata: dict[str, Any] | None = None) -> dict[str, Any]:
        header = {"date": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                  "msg_id": str(uuid.uuid4()), "msg_type": msg_type, "session": self.session_id,
                  "username": "", "version": "5.2"}
        return {"header": header, "parent_header": {}, "metadata": metadata or {}, "content": content}

    async def send(self, msg_type: str, content: dict[str, Any], metadata: dict[str, Any] | None = None) -> str:
        msg = self._message(msg_type, content, metadata)
        frame = serialize_msg_to_ws_v1(msg, "shell", pack=lambda part: json.dumps(part).encode("utf-8"))
        try:
            await self.ws.write_message(frame, binary=True)
        except WebSocketClosedError:
            raise VisitError("websocket: closed by the server") from None
        return str(msg["header"]["msg_id"])

    async def _read(self) -> None:
        """Keep the widget states current from every iopub message, as the browser's manager does."""
        try:
            await self._read_frames()
        except Exception as exc:  # a frame this client does not understand ends the visit, with a reason
            self.closed_reason = f"client: {type(exc).__name__} reading a message"
        for waiting in [*self._replies.values(), self._control]:  # whoever waits learns why, at once
            if waiting is not None and not waiting.done():
                waiting.set_exception(VisitError(self.closed_reason or "websocket: closed"))
        async with self.changed:
            self.changed.notify_all()

    async def _read_frames(self) -> None:
        while True:
            frame = await self.ws.read_message()
            if frame is None:
                self.closed_reason = f"websocket: closed by the server (code {self.ws.close_code})"
                return
            if isinstance(frame, str):  # the legacy JSON protocol; not negotiated, but harmless
                continue
            channel, parts = deserialize_msg_from_ws_v1(frame)
            header, parent, _meta, content = (json.loads(p) for p in parts[:4])
            msg_type = header.get("msg_type")
            if self.received is not None:
                self.received.append({"channel": channel, "msg_type": msg_type, "content": content})
            if channel == "shell" and parent.get("msg_id") in self._replies:
                self._replies.pop(parent["msg_id"]).set_result(content)
            elif channel == "iopub" and msg_type == "comm_msg":
                data = content.get("data", {})
                if data.get("method") == "update_states" and self._control and not self._control.done():
                    self._control.set_result(data)
                elif data.get("method") in ("update", "echo_update"):
                    async with self.changed:
                        self.states.setdefault(content["comm_id"], {}).update(data.get("state", {}))
                        self.changed.notify_all()

    # ------------------------------------------------------------------ widgets

    def find_input(self, label: str) -> str:
        """Comm id of the text input whose description is ``label``."""
        for comm_id, state in self.states.items():
            if state.get("_model_name") == "TextModel" and state.get("description") == label:
                return comm_id
        raise VisitError(f"widgets: no input labelled {label!r}")

    def status_id(self) -> str:
        for comm_id, state in self.states.items():
            if state.get("_model_name") == "HTMLModel" and STATUS_MARK in str(state.get("value", "")):
                return comm_id
        raise VisitError("widgets: no result sentence (role=status)")

    def status_text(self) -> str:
        """The result sentence as text (tags removed, entities such as &amp; resolved)."""
        return html.unescape(re.sub(r"<[^>]+>", "", str(self.states[self.status_id()].get("value", "")))).strip()


async def fetch_assets(base_url: str, paths: list[str], timeout: float, connections: int = 6,
                       source: str | None = None) -> None:
    """GET the page's scripts, styles and fonts as a browser with an empty cache does (six at a time)."""
    client, queue = AsyncHTTPClient(), list(paths)

    async def worker() -> None:
        while queue:
            path = queue.pop()
            try:
                await client.fetch(f"{base_url}{path}", request_timeout=max(timeout, 0.1), network_interface=source)
            except HTTPClientError as exc:
                raise VisitError(f"assets: HTTP {exc.code}") from None
            except (TimeoutError, OSError) as exc:
                raise VisitError(f"assets: {type(exc).__name__}") from None

    await asyncio.gather(*(worker() for _ in range(connections)))


async def open_session(base_url: str, app: str, prefix: str = "/apps/", timeout: float = DEFAULT_TIMEOUT,
                       assets: list[str] | None = None, source: str | None = None,
                       keep_messages: bool = False) -> tuple[Session, float, float]:
    """Open ``app`` as a browser does: (session, seconds to the page, seconds to usable widgets).
    ``assets``: paths to fetch after the page and before the websocket, as a browser with an
    empty cache loads the front end (see :func:`burst.record_assets`); none by default. ``source``:
    the local address to connect from (e.g. 127.0.0.7, so that nginx sees a visitor of its own)."""
    start = time.perf_counter()
    url = f"{base_url}{prefix}voila/render/{app}.ipynb"
    try:
        response = await AsyncHTTPClient().fetch(url, request_timeout=timeout, connect_timeout=timeout,
                                                 network_interface=source)
    except HTTPClientError as exc:
        raise VisitError(f"page: HTTP {exc.code}") from None
    except (TimeoutError, OSError) as exc:
        raise VisitError(f"page: {type(exc).__name__} {exc}"[:100]) from None
    t_page = time.perf_counter() - start
    found = KERNEL_ID.search(response.body.decode("utf-8", "replace"))
    if not found:
        raise VisitError("page: no kernel id in the HTML")
    kernel_id = found.group(1)
    if assets:
        try:
            await fetch_assets(base_url, assets, timeout - (time.perf_counter() - start), source=source)
        except VisitError:
            await _shutdown(base_url, prefix, kernel_id, source)  # the tab is gone: so is its kernel
            raise
    ws_base = "ws" + base_url[len("http"):]
    session_id = str(uuid.uuid4())
    try:
        ws = await asyncio.wait_for(websocket_connect(
            HTTPRequest(f"{ws_base}{prefix}api/kernels/{kernel_id}/channels?session_id={session_id}",
                        network_interface=source),
            subprotocols=[SUBPROTOCOL], max_message_size=64 * 2**20), timeout)
    except TimeoutError:
        raise VisitError("websocket: no connection within the timeout") from None
    except HTTPClientError as exc:
        raise VisitError(f"websocket: HTTP {exc.code}") from None
    except OSError as exc:
        raise VisitError(f"websocket: {type(exc).__name__}") from None
    session = Session(base_url, app, prefix, kernel_id, ws, session_id=session_id, source=source,
                      received=[] if keep_messages else None)
    session.reader = asyncio.create_task(session._read())
    try:
        await load_states(session, timeout - (time.perf_counter() - start))
    except BaseException:
        await close(session)
        raise
    return session, t_page, time.perf_counter() - start


async def _reply(session: Session, msg_type: str, content: dict[str, Any], timeout: float,
                 step: str) -> dict[str, Any]:
    loop = asyncio.get_running_loop()
    future: asyncio.Future[dict[str, Any]] = loop.create_future()
    msg = session._message(msg_type, content)
    session._replies[msg["header"]["msg_id"]] = future
    frame = serialize_msg_to_ws_v1(msg, "shell", pack=lambda part: json.dumps(part).encode("utf-8"))
    try:
        await session.ws.write_message(frame, binary=True)
        return await asyncio.wait_for(future, max(timeout, 0.1))
    except WebSocketClosedError:
        raise VisitError(f"{step}: websocket closed") from None
    except TimeoutError:
        raise VisitError(f"{step}: no reply within {timeout:.0f} s") from None


async def load_states(session: Session, timeout: float) -> None:
    """kernel_info, then every widget's state through the jupyter.widget.control comm."""
    await _reply(session, "kernel_info_request", {}, timeout, "kernel_info")
    session._control = asyncio.get_running_loop().create_future()
    control = str(uuid.uuid4())
    await session.send("comm_open", {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
                       metadata={"version": "1.0.0"})
    await session.send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
    try:
        data = await asyncio.wait_for(session._control, max(timeout, 0.1))
    except TimeoutError:
        raise VisitError(f"widgets: no states within {timeout:.0f} s") from None
    await session.send("comm_close", {"comm_id": control, "data": {}})
    async with session.changed:
        for comm_id, model in data["states"].items():
            state = session.states.setdefault(comm_id, {})
            # an update that arrived while the states were on their way is newer: keep it
            session.states[comm_id] = {**model["state"], **state}
    session.status_id()  # the page is usable only with its result sentence


async def change_input(session: Session, label: str, value: str, timeout: float = DEFAULT_TIMEOUT) -> float:
    """Type ``value`` in the field ``label`` and press Enter; seconds until the result sentence changes."""
    comm_id = session.find_input(label)
    status = session.status_id()
    before = session.states[status].get("value")
    start = time.perf_counter()
    await session.send("comm_msg", {"comm_id": comm_id, "data": {"method": "custom", "content": {"event": "submit"}}})
    await session.send("comm_msg", {"comm_id": comm_id,
                                    "data": {"method": "update", "state": {"value": value}, "buffer_paths": []}})

    def answered() -> bool:
        return session.closed_reason is not None or session.states[status].get("value") != before

    async with session.changed:
        try:
            await asyncio.wait_for(session.changed.wait_for(answered), timeout)
        except TimeoutError:
            raise VisitError(f"answer: none within {timeout:.0f} s") from None
    if session.closed_reason is not None:
        raise VisitError(f"answer: {session.closed_reason}")
    return time.perf_counter() - start


async def _shutdown(base_url: str, prefix: str, kernel_id: str, source: str | None = None) -> None:
    """The beacon Voila's page sends on ``beforeunload``: a multipart form with an empty ``_xsrf``."""
    body = (b"--handboek\r\nContent-Disposition: form-data; name=\"_xsrf\"\r\n\r\n\r\n--handboek--\r\n")
    try:
        await AsyncHTTPClient().fetch(f"{base_url}{prefix}voila/api/shutdown/{kernel_id}",
                                      method="POST", body=body, request_timeout=60, network_interface=source,
                                      headers={"Content-Type": "multipart/form-data; boundary=handboek"})
    except (TimeoutError, HTTPClientError, OSError):
        pass  # a beacon is fire-and-forget; the caller checks which kernels remain


async def close(session: Session) -> None:
    """Close the tab: the shutdown beacon, then the websocket."""
    await _shutdown(session.base_url, session.prefix, session.kernel_id, session.source)
    session.ws.close()
    if session.reader is not None:
        session.reader.cancel()
        try:
            await session.reader
        except asyncio.CancelledError:
            pass
