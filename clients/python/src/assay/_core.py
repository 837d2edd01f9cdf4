"""The request/response core both clients share: settings, what a call is, retries, error envelopes.

The sync and async clients differ only in how they send (``httpx.Client`` or ``httpx.AsyncClient``)
and sleep; everything deciding *what* to send and *what an answer means* lives here, once.
"""

from __future__ import annotations

import json as jsonlib
import os
import random
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from time import time
from typing import Any, Callable, Generic, Mapping, TypeVar, cast
from urllib.parse import quote

import httpx

from .errors import AssayError, ConnectionFailed, ErrorDetail, RateLimited, error_class_for

T = TypeVar("T")

DEFAULT_BASE_URL = "http://localhost:8080"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RETRIES = 2
#: A Retry-After longer than this is not waited out: the error goes to the caller to decide.
MAX_RETRY_AFTER = 60.0
#: First backoff delay in seconds; doubled on every attempt, with jitter.
BASE_DELAY = 0.25

Params = Mapping[str, "str | int | float | bool | None"]


@dataclass(frozen=True)
class Settings:
    """Where the server is and which key to use."""

    base_url: str
    client_id: str
    api_key: str
    timeout: float | None
    max_retries: int

    @property
    def auth_headers(self) -> dict[str, str]:
        return {"x-metal-client-id": self.client_id, "x-metal-api-key": self.api_key}


def resolve_settings(
    base_url: str | None,
    client_id: str | None,
    api_key: str | None,
    timeout: float | None,
    max_retries: int,
) -> Settings:
    """Arguments first, then ``ASSAY_URL`` / ``ASSAY_CLIENT_ID`` / ``ASSAY_API_KEY``; a missing key is an error now, not a 401 later."""
    url = base_url or os.environ.get("ASSAY_URL") or DEFAULT_BASE_URL
    client = client_id or os.environ.get("ASSAY_CLIENT_ID")
    key = api_key or os.environ.get("ASSAY_API_KEY")
    if not client or not key:
        raise ValueError("Assay needs an API key: pass client_id= and api_key=, or set ASSAY_CLIENT_ID and ASSAY_API_KEY")
    if max_retries < 0:
        raise ValueError("max_retries must be 0 or more")
    return Settings(base_url=url.rstrip("/"), client_id=client, api_key=key, timeout=timeout, max_retries=max_retries)


def segment(value: str | int) -> str:
    """One path segment, encoded: an id given by a user must not be able to change the path."""
    return quote(str(value), safe="")


def query(**values: Any) -> dict[str, str]:
    """Query parameters with ``None`` left out, booleans as ``true``/``false`` and lists comma-joined."""
    out: dict[str, str] = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, (list, tuple)):
            out[key] = ",".join(str(v) for v in cast("list[Any]", value))
        else:
            out[key] = str(value)
    return out


@dataclass(frozen=True)
class Call(Generic[T]):
    """One API operation: what to send, and how to read a successful answer.

    ``replayable`` says whether sending it twice is harmless, so a 5xx or a broken connection may be
    retried; a 429, or a connection that never opened, is always retried (the server did nothing).
    """

    method: str
    path: str
    parse: Callable[[httpx.Response], T]
    params: dict[str, str] = field(default_factory=lambda: {})
    json: Any = None
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=lambda: {})
    replayable: bool = False
    #: Seconds the server may hold the answer on purpose (``?wait=``): the read timeout grows by as much.
    server_wait: float | None = None

    def request(self, client: httpx.Client | httpx.AsyncClient) -> httpx.Request:
        headers = {"accept": "application/json", **self.headers}
        timeout = self._timeout(client.timeout)
        if self.content is not None:
            return client.build_request(self.method, self.path, params=self.params, content=self.content, headers=headers, timeout=timeout)
        if self.json is not None:
            return client.build_request(self.method, self.path, params=self.params, json=self.json, headers=headers, timeout=timeout)
        return client.build_request(self.method, self.path, params=self.params, headers=headers, timeout=timeout)

    def _timeout(self, configured: httpx.Timeout) -> httpx.Timeout:
        if not self.server_wait or configured.read is None:
            return configured
        read = configured.read + self.server_wait
        return httpx.Timeout(configured.connect, read=read, write=configured.write, pool=configured.pool)


def get(path: str, parse: Callable[[httpx.Response], T], params: dict[str, str] | None = None) -> Call[T]:
    return Call("GET", path, parse, params=params or {}, replayable=True)


def send(method: str, path: str, parse: Callable[[httpx.Response], T], body: Any = None, **options: Any) -> Call[T]:
    return Call(method, path, parse, json=body, **options)


def data_of(build: Callable[[Mapping[str, Any]], T]) -> Callable[[httpx.Response], T]:
    """Reads ``{ "data": {...} }`` into a resource."""
    return lambda response: build(response.json()["data"])


def backoff(attempt: int) -> float:
    """Exponential backoff with jitter: 0.125–0.25 s, 0.25–0.5 s, 0.5–1 s…"""
    delay = BASE_DELAY * 2**attempt
    return delay / 2 + random.random() * (delay / 2)


def retry_after_seconds(response: httpx.Response) -> float | None:
    """``Retry-After`` as delay-seconds or an HTTP date; ``None`` when absent or unreadable."""
    header = response.headers.get("retry-after", "").strip()
    if not header:
        return None
    try:
        return max(0.0, float(header))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(header).timestamp() - time())
    except (TypeError, ValueError):
        return None


def retry_delay(call: Call[Any], attempt: int, max_retries: int, outcome: httpx.Response | AssayError) -> float | None:
    """Seconds to wait before sending ``call`` again after ``outcome``, or ``None`` to give up and raise."""
    if attempt >= max_retries:
        return None
    if isinstance(outcome, AssayError):
        never_sent = isinstance(outcome.__cause__, (httpx.ConnectError, httpx.ConnectTimeout))
        return backoff(attempt) if never_sent or call.replayable else None
    if outcome.status_code == 429:
        wait = retry_after_seconds(outcome)
        if wait is not None and wait > MAX_RETRY_AFTER:
            return None
        return wait if wait is not None else backoff(attempt)
    if outcome.status_code >= 500 and call.replayable:
        return backoff(attempt)
    return None


def error_from_response(response: httpx.Response) -> AssayError:
    """The typed error for an answer that is not a success: the envelope's message, code and details.

    The body must have been read (``response.read()`` / ``await response.aread()``).
    """
    status = response.status_code
    fallback = f"HTTP {status} {response.reason_phrase}".strip()
    body: Any = None
    message: str = fallback
    details: list[ErrorDetail] = []
    try:
        body = response.json()
    except (ValueError, jsonlib.JSONDecodeError):
        text = response.text.strip()
        message = text[:500] or fallback
    envelope = cast("dict[str, Any]", body) if isinstance(body, dict) else {}
    if isinstance(envelope.get("error"), str) and envelope["error"]:
        message = str(envelope["error"])
    code = envelope.get("code") if isinstance(envelope.get("code"), str) else None
    listed = envelope.get("details")
    for item in cast("list[Any]", listed) if isinstance(listed, list) else []:
        detail = cast("dict[str, Any]", item) if isinstance(item, dict) else {}
        if isinstance(detail.get("path"), str) and isinstance(detail.get("message"), str):
            details.append(ErrorDetail(path=detail["path"], message=detail["message"]))
    cls = error_class_for(status)
    if cls is RateLimited:
        return RateLimited(message, retry_after=retry_after_seconds(response), status=status, code=code, details=details, body=body)
    return cls(message, status=status, code=code, details=details, body=body)


def connection_failed(request: httpx.Request, error: httpx.TransportError) -> ConnectionFailed:
    failure = ConnectionFailed(f"cannot reach {request.url}: {type(error).__name__} {error}".strip())
    failure.__cause__ = error
    return failure


def finish(call: Call[T], response: httpx.Response) -> T:
    """A successful answer read by the call's parser; any other answer raised as its typed error."""
    if response.is_success:
        return call.parse(response)
    raise error_from_response(response)
