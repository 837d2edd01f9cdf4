"""Typed errors: one `AssayError` base carrying the API's error envelope, a subclass per status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from .types import Batch, Run


@dataclass(frozen=True)
class ErrorDetail:
    """One offending field of a request: a dotted/indexed path (``input.companyId``, ``rows[3].score``) and what is wrong."""

    path: str
    message: str


class AssayError(Exception):
    """An error answer of the Assay API (``{ "error", "code", "details" }``), or a failure to reach it.

    ``status`` is the HTTP status (``None`` when no answer came), ``code`` the envelope's code
    (``invalid_input``, ``not_found``…), ``details`` every field it names, and ``body`` the whole
    decoded answer (a refused batch's ``invalid`` rows are there).
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str | None = None,
        details: list[ErrorDetail] | None = None,
        body: Any = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.details: list[ErrorDetail] = details or []
        self.body = body

    @property
    def retryable(self) -> bool:
        """Whether the same request may succeed later (rate limited, a server fault, or no answer)."""
        return self.status is None or self.status == 429 or self.status >= 500

    def __str__(self) -> str:
        prefix = f"{self.status} " if self.status is not None else ""
        code = f" [{self.code}]" if self.code else ""
        return f"{prefix}{self.message}{code}"


class InvalidInput(AssayError):
    """400: the request is malformed; ``details`` names each field (``input.companyId``, ``rows[2].score``)."""


class Unauthorized(AssayError):
    """401: no API key, or one the server does not know."""


class Forbidden(AssayError):
    """403: the key's scope does not allow this (``read`` < ``run`` < ``edit`` < ``admin``)."""


class NotFound(AssayError):
    """404: no such resource in the key's workspace."""


class Conflict(AssayError):
    """409: not allowed in the resource's current state (cancelling a finished run, a reused idempotency key…)."""


class PayloadTooLarge(AssayError):
    """413: the body is over the server's limit."""


class UnsupportedMediaType(AssayError):
    """415: the body's content type is not one this endpoint reads."""


class Unprocessable(AssayError):
    """422: the request was understood but its work failed (a step failed while the server waited on the run)."""


class RateLimited(AssayError):
    """429: too many requests; ``retry_after`` is the server's ``Retry-After`` in seconds (``None`` when absent)."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(AssayError):
    """5xx: the server failed; worth retrying later."""


class ConnectionFailed(AssayError):
    """No answer: the server could not be reached, or the connection broke (``status`` is ``None``)."""


class WaitTimeout(AssayError, TimeoutError):
    """A run or batch did not finish in the time it was given; ``last`` is its last known state."""

    def __init__(self, last: Run | Batch, timeout: float) -> None:
        kind = "batch" if hasattr(last, "counts") else "run"
        super().__init__(f"{kind} {last.id} is still {last.status} after {timeout:g}s", code="wait_timeout")
        self.last = last


_BY_STATUS: Mapping[int, type[AssayError]] = {
    400: InvalidInput,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    413: PayloadTooLarge,
    415: UnsupportedMediaType,
    422: Unprocessable,
    429: RateLimited,
}


def error_class_for(status: int) -> type[AssayError]:
    """The subclass an answer of this status is raised as."""
    if status >= 500:
        return ServerError
    return _BY_STATUS.get(status, AssayError)
