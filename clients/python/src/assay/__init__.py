"""Python client for the Assay workflow engine's HTTP API.

    from assay import Assay

    with Assay() as assay:  # ASSAY_URL, ASSAY_CLIENT_ID, ASSAY_API_KEY
        run = assay.runs.create_and_wait(workflow_id, {"companyId": "665f1c2a9b1e4a0012a3b4c6"})
        print(run.status, run.output)

`AsyncAssay` offers the same with ``await``.
"""

from ._async import AsyncAssay, AsyncEventStream
from ._sync import Assay, EventStream
from .errors import (
    AssayError,
    Conflict,
    ConnectionFailed,
    ErrorDetail,
    Forbidden,
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    RateLimited,
    ServerError,
    Unauthorized,
    Unprocessable,
    UnsupportedMediaType,
    WaitTimeout,
)
from .types import (
    TERMINAL_STATUSES,
    Artifact,
    Batch,
    BatchCounts,
    Dataset,
    Event,
    InvalidRow,
    Page,
    Run,
    RunError,
    StepRun,
    Workflow,
    WorkflowStats,
)

__version__ = "0.1.0"

__all__ = [
    "Assay",
    "AsyncAssay",
    "EventStream",
    "AsyncEventStream",
    "AssayError",
    "ErrorDetail",
    "InvalidInput",
    "Unauthorized",
    "Forbidden",
    "NotFound",
    "Conflict",
    "PayloadTooLarge",
    "UnsupportedMediaType",
    "Unprocessable",
    "RateLimited",
    "ServerError",
    "ConnectionFailed",
    "WaitTimeout",
    "TERMINAL_STATUSES",
    "Artifact",
    "Batch",
    "BatchCounts",
    "Dataset",
    "Event",
    "InvalidRow",
    "Page",
    "Run",
    "RunError",
    "StepRun",
    "Workflow",
    "WorkflowStats",
]
