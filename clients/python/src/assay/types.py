"""The API's resources as typed, read-only dataclasses.

Fields are the API's, in snake_case; timestamps stay ISO 8601 strings as the API sends them. Every
resource also keeps the decoded JSON it came from as ``raw``, so fields a newer server adds are
never lost. Parsing is lenient about missing optional fields, so an older server still works.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, Iterator, Literal, Mapping, TypeVar, cast

JsonObject = dict[str, Any]
#: Rows of a dataset or a batch's results (a name that class bodies with a ``list`` method can still use).
Rows = list[JsonObject]

RunStatus = Literal["queued", "running", "waiting", "completed", "failed", "cancelled"]
BatchStatus = Literal["running", "completed", "cancelled"]

#: The statuses a run never leaves (unless retried).
TERMINAL_STATUSES: frozenset[str] = frozenset({"completed", "failed", "cancelled"})

T = TypeVar("T")


def _object(value: Any) -> JsonObject:
    """A JSON object, or an empty one for anything else (an older server leaving a field out)."""
    return cast(JsonObject, value) if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return cast("list[Any]", value) if isinstance(value, list) else []


@dataclass(frozen=True)
class RunError:
    """Why a run or step failed."""

    code: str
    message: str
    step_id: str | None

    @classmethod
    def from_json(cls, value: Any) -> RunError | None:
        if not isinstance(value, dict):
            return None
        error = _object(value)
        return cls(code=str(error.get("code", "")), message=str(error.get("message", "")), step_id=error.get("stepId"))


@dataclass(frozen=True)
class StepRun:
    """One step of a run: its status, attempts, output and error."""

    id: str
    type: str
    status: str
    attempts: int
    started_at: str | None
    completed_at: str | None
    duration_ms: float | None
    output: Any
    error: RunError | None
    usage: JsonObject | None

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> StepRun:
        return cls(
            id=value["id"],
            type=value.get("type", ""),
            status=value.get("status", ""),
            attempts=int(value.get("attempts") or 0),
            started_at=value.get("startedAt"),
            completed_at=value.get("completedAt"),
            duration_ms=value.get("durationMs"),
            output=value.get("output"),
            error=RunError.from_json(value.get("error")),
            usage=value.get("usage"),
        )


@dataclass(frozen=True)
class Artifact:
    """A document a run generated; ``url`` is its path on the server (download with ``runs.artifact``)."""

    name: str
    content_type: str
    bytes: int
    url: str

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Artifact:
        return cls(name=value["name"], content_type=value.get("contentType", ""), bytes=int(value.get("bytes") or 0), url=value.get("url", ""))


@dataclass(frozen=True)
class Run:
    """One execution of a workflow. Lists leave out ``steps`` and ``artifacts`` (empty there)."""

    id: str
    workflow_id: str
    workflow_version: int
    status: RunStatus
    input: JsonObject
    output: Any
    error: RunError | None
    created_at: str
    started_at: str | None
    completed_at: str | None
    trigger: str
    batch_id: str | None
    parent_run_id: str | None
    steps: list[StepRun]
    artifacts: list[Artifact]
    metadata: JsonObject
    wait_reason: str | None
    cost: JsonObject
    budget: JsonObject | None
    raw: JsonObject = field(repr=False, compare=False)

    @property
    def finished(self) -> bool:
        """Whether the run is completed, failed or cancelled."""
        return self.status in TERMINAL_STATUSES

    def step(self, step_id: str) -> StepRun:
        """The step with this id (KeyError when the run has none)."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Run:
        return cls(
            id=value["id"],
            workflow_id=value.get("workflowId", ""),
            workflow_version=int(value.get("workflowVersion") or 0),
            status=value["status"],
            input=_object(value.get("input")),
            output=value.get("output"),
            error=RunError.from_json(value.get("error")),
            created_at=value.get("createdAt", ""),
            started_at=value.get("startedAt"),
            completed_at=value.get("completedAt"),
            trigger=value.get("trigger", ""),
            batch_id=value.get("batchId"),
            parent_run_id=value.get("parentRunId"),
            steps=[StepRun.from_json(s) for s in _list(value.get("steps"))],
            artifacts=[Artifact.from_json(a) for a in _list(value.get("artifacts"))],
            metadata=_object(value.get("metadata")),
            wait_reason=value.get("waitReason"),
            cost=_object(value.get("cost")),
            budget=value.get("budget"),
            raw=dict(value),
        )


@dataclass(frozen=True)
class WorkflowStats:
    """How often a workflow ran and its latest run (workflow lists only)."""

    run_count: int
    last_run: JsonObject | None

    @classmethod
    def from_json(cls, value: Any) -> WorkflowStats | None:
        if not isinstance(value, dict):
            return None
        stats = _object(value)
        return cls(run_count=int(stats.get("runCount") or 0), last_run=stats.get("lastRun"))


@dataclass(frozen=True)
class Workflow:
    """A workflow with its current definition (the JSON document ``create``/``update`` take)."""

    id: str
    name: str
    description: str | None
    version: int
    definition: JsonObject
    created_at: str
    updated_at: str
    archived_at: str | None
    stats: WorkflowStats | None
    raw: JsonObject = field(repr=False, compare=False)

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Workflow:
        return cls(
            id=value["id"],
            name=value.get("name", ""),
            description=value.get("description"),
            version=int(value.get("version") or 0),
            definition=_object(value.get("definition")),
            created_at=value.get("createdAt", ""),
            updated_at=value.get("updatedAt", ""),
            archived_at=value.get("archivedAt"),
            stats=WorkflowStats.from_json(value.get("stats")),
            raw=dict(value),
        )


@dataclass(frozen=True)
class InvalidRow:
    """A batch row refused by validation (rows numbered from 1; a CSV header is not counted)."""

    row: int
    field: str
    reason: str

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> InvalidRow:
        return cls(row=int(value.get("row") or 0), field=str(value.get("field", "")), reason=str(value.get("reason", "")))


@dataclass(frozen=True)
class BatchCounts:
    """A batch's runs per status."""

    queued: int
    running: int
    waiting: int
    completed: int
    failed: int
    cancelled: int

    @classmethod
    def from_json(cls, value: Any) -> BatchCounts:
        counts = _object(value)
        return cls(**{name: int(counts.get(name) or 0) for name in ("queued", "running", "waiting", "completed", "failed", "cancelled")})


@dataclass(frozen=True)
class Batch:
    """One run per row of a list: counts, progress (0..1) and throughput."""

    id: str
    workflow_id: str
    workflow_version: int
    status: BatchStatus
    source: str
    total: int
    counts: BatchCounts
    progress: float
    invalid: list[InvalidRow]
    invalid_count: int
    concurrency: int | None
    priority: int
    created_at: str
    started_at: str | None
    completed_at: str | None
    throughput: float
    raw: JsonObject = field(repr=False, compare=False)

    @property
    def finished(self) -> bool:
        """Whether every run of the batch finished (a cancelled batch may still have runs finishing)."""
        return self.completed_at is not None

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Batch:
        return cls(
            id=value["id"],
            workflow_id=value.get("workflowId", ""),
            workflow_version=int(value.get("workflowVersion") or 0),
            status=value["status"],
            source=value.get("source", ""),
            total=int(value.get("total") or 0),
            counts=BatchCounts.from_json(value.get("counts")),
            progress=float(value.get("progress") or 0),
            invalid=[InvalidRow.from_json(r) for r in _list(value.get("invalid"))],
            invalid_count=int(value.get("invalidCount") or 0),
            concurrency=value.get("concurrency"),
            priority=int(value.get("priority") or 0),
            created_at=value.get("createdAt", ""),
            started_at=value.get("startedAt"),
            completed_at=value.get("completedAt"),
            throughput=float(value.get("throughput") or 0),
            raw=dict(value),
        )


@dataclass(frozen=True)
class Dataset:
    """A table for lookup steps and batches: its columns (name → type), key columns and size."""

    id: str
    name: str
    description: str | None
    columns: dict[str, str]
    keys: list[str]
    row_count: int
    created_at: str
    updated_at: str
    raw: JsonObject = field(repr=False, compare=False)

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Dataset:
        return cls(
            id=value["id"],
            name=value.get("name", ""),
            description=value.get("description"),
            columns={str(k): str(v) for k, v in _object(value.get("columns")).items()},
            keys=[str(k) for k in _list(value.get("keys"))],
            row_count=int(value.get("rowCount") or 0),
            created_at=value.get("createdAt", ""),
            updated_at=value.get("updatedAt", ""),
            raw=dict(value),
        )


@dataclass(frozen=True)
class Event:
    """One entry of the event log; ``id`` is its position (pass it as ``after`` to resume after it)."""

    id: str
    type: str
    run_id: str | None
    workflow_id: str | None
    batch_id: str | None
    step_id: str | None
    data: JsonObject
    created_at: str

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Event:
        return cls(
            id=str(value["id"]),
            type=value["type"],
            run_id=value.get("runId"),
            workflow_id=value.get("workflowId"),
            batch_id=value.get("batchId"),
            step_id=value.get("stepId"),
            data=_object(value.get("data")),
            created_at=value.get("createdAt", ""),
        )


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: pass ``next_cursor`` as ``lt`` (``gt`` when listing ascending) for the next one."""

    data: list[T]
    has_more: bool
    next_cursor: str | None

    def __iter__(self) -> Iterator[T]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)
