"""Workflows and transports the tests share."""

from __future__ import annotations

import uuid
from typing import Any

import httpx


def unique(name: str) -> str:
    """A workflow or dataset name no earlier session on the same server used."""
    return f"{name}-{uuid.uuid4().hex[:8]}"


def screen_definition() -> dict[str, Any]:
    """Upper-cases a company's name and doubles its score; a score that is a multiple of 7 fails the run."""
    return {
        "name": unique("py-screen"),
        "inputs": {"name": {"type": "string", "required": True}, "score": {"type": "integer", "required": True}},
        "steps": [
            {"id": "reject", "type": "fail", "if": "input.score % 7 = 0", "with": {"message": "multiple of seven"}},
            {"id": "up", "type": "transform", "with": {"expression": "$uppercase(input.name)"}},
            {"id": "double", "type": "transform", "with": {"expression": "input.score * 2"}},
        ],
        "output": {"upper": "{{ steps.up.output }}", "double": "{{ steps.double.output }}"},
    }


def parked_definition() -> dict[str, Any]:
    """Parks each run at a `wait.signal` step until it is signalled (or cancelled)."""
    return {"name": unique("py-parked"), "steps": [{"id": "gate", "type": "wait.signal", "with": {"name": "go"}}], "output": {"got": "{{ steps.gate.output }}"}}


def is_event_stream_path(request: httpx.Request) -> bool:
    return request.url.path.endswith("/events")


class Recording(httpx.BaseTransport):
    """The real transport, noting each request's method, path and answer status."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.seen: list[tuple[str, str, int]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        self.seen.append((request.method, request.url.path, response.status_code))
        return response

    def close(self) -> None:
        self.inner.close()


class RefusesEventStreams(Recording):
    """A proxy that cannot pass Server-Sent Events through: 502 for every event stream, the rest as is."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if is_event_stream_path(request):
            self.seen.append((request.method, request.url.path, 502))
            return httpx.Response(502, text="Bad Gateway", request=request)
        return super().handle_request(request)


class AsyncRecording(httpx.AsyncBaseTransport):
    """`Recording` for the async client."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.seen: list[tuple[str, str, int]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        self.seen.append((request.method, request.url.path, response.status_code))
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


class AsyncRefusesEventStreams(AsyncRecording):
    """`RefusesEventStreams` for the async client."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if is_event_stream_path(request):
            self.seen.append((request.method, request.url.path, 502))
            return httpx.Response(502, text="Bad Gateway", request=request)
        return await super().handle_async_request(request)
