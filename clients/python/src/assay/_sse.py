"""Server-Sent Events: a line decoder and the reconnection policy both clients follow.

A stream is read line by line; a blank line dispatches the message gathered so far. When the
connection drops, the reader reconnects with ``Last-Event-ID`` (the server then sends exactly the
events after it), so no event is missed or repeated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import httpx

from ._core import backoff
from .errors import AssayError, ConnectionFailed
from .types import Event

#: The run events after which a run stream has nothing more to say (unless the run is retried).
RUN_END_EVENTS = frozenset({"run.completed", "run.failed", "run.cancelled"})

#: How long a stream may stay silent: the server sends a heartbeat every 15 s, so three missed is a dead connection.
STREAM_READ_TIMEOUT = 45.0


@dataclass(frozen=True)
class Message:
    """One dispatched SSE message."""

    id: str | None
    event: str
    data: str


class SseDecoder:
    """Turns lines (with or without their line ending) into messages, per the SSE format."""

    def __init__(self) -> None:
        self._data: list[str] = []
        self._event = ""
        self._id: str | None = None

    def feed(self, raw_line: str) -> Message | None:
        line = raw_line.rstrip("\r\n")
        if line == "":
            return self._dispatch()
        if line.startswith(":"):
            return None  # a comment: the server's heartbeat
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id" and "\0" not in value:
            self._id = value
        return None

    def _dispatch(self) -> Message | None:
        if not self._data:
            self._event = ""
            return None
        message = Message(id=self._id, event=self._event or "message", data="\n".join(self._data))
        self._data, self._event = [], ""
        return message


class NotAnEventStream(AssayError):
    """The answer was not ``text/event-stream`` (a proxy that buffers or rewrites): following cannot work."""


class StreamCursor:
    """Where a stream resumes, and whether a failure is worth another connection."""

    def __init__(self, after: str | None, reconnects: int) -> None:
        self.last_id = after
        self.failures = 0
        self.max_failures = reconnects

    def headers(self) -> dict[str, str]:
        headers = {"accept": "text/event-stream", "cache-control": "no-cache"}
        if self.last_id is not None:
            headers["last-event-id"] = self.last_id
        return headers

    def check(self, response: httpx.Response) -> None:
        content_type = response.headers.get("content-type", "")
        if not content_type.startswith("text/event-stream"):
            raise NotAnEventStream(f"{response.request.url.path} answered {content_type or 'no content type'}, not an event stream")

    def accept(self, message: Message) -> Event:
        """The event a message carries; from now on the stream resumes after it."""
        self.failures = 0
        event = Event.from_json(json.loads(message.data))
        self.last_id = message.id or event.id
        return event

    def after_close(self, received: bool) -> float:
        """The server closed the stream: resume at once if it sent something, else back off (or give up)."""
        if received:
            return 0.0
        self.failures += 1
        if self.failures > self.max_failures:
            raise AssayError("the event stream keeps closing without sending events", code="stream_closed")
        return backoff(self.failures)

    def after_failure(self, error: AssayError) -> float:
        """A failed connection: refusals (bad filter, no such run, bad key) and non-streams are raised at once."""
        if isinstance(error, NotAnEventStream):
            raise error
        if error.status is not None and error.status < 500 and error.status != 429:
            raise error
        self.failures += 1
        if self.failures > self.max_failures:
            raise error
        return backoff(self.failures)


def stream_broke(path: str, error: httpx.TransportError) -> ConnectionFailed:
    """A connection that broke mid-stream, as the client's connection error (the cursor decides whether to reconnect)."""
    failure = ConnectionFailed(f"the event stream {path} broke: {type(error).__name__} {error}".strip())
    failure.__cause__ = error
    return failure
