"""Every API operation the clients offer, as a `Call`: path, body, and how to read the answer.

The sync and async resource classes are thin wrappers that execute these, so an endpoint is
described once whichever client sends it.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Mapping, Sequence, TypeVar

import httpx

from ._core import Call, data_of, get, query, segment, send
from .types import Batch, Dataset, JsonObject, Page, Rows, Run, Workflow

R = TypeVar("R")


def page_of(build: Callable[[Mapping[str, Any]], R]) -> Callable[[httpx.Response], Page[R]]:
    def parse(response: httpx.Response) -> Page[R]:
        body = response.json()
        return Page(data=[build(item) for item in body.get("data", [])], has_more=bool(body.get("hasMore")), next_cursor=body.get("nextCursor"))

    return parse


def _text(response: httpx.Response) -> str:
    return response.text


def _json_lines(response: httpx.Response) -> Rows:
    return [json.loads(line) for line in response.text.splitlines() if line.strip()]


def _rows(response: httpx.Response) -> Rows:
    rows: Rows = response.json()["data"]
    return rows


def _json_data(response: httpx.Response) -> JsonObject:
    data: JsonObject = response.json()["data"]
    return data


def _bytes(response: httpx.Response) -> bytes:
    return response.content


def paging(limit: int | None, lt: str | None, gt: str | None, direction: str | None) -> dict[str, str]:
    return query(limit=limit, lt=lt, gt=gt, direction=direction)


class WorkflowCalls:
    @staticmethod
    def list(q: str | None, archived: bool | str | None, paging: dict[str, str]) -> Call[Page[Workflow]]:
        return get("/v1/workflows", page_of(Workflow.from_json), {**query(q=q, archived=archived), **paging})

    @staticmethod
    def get(workflow_id: str) -> Call[Workflow]:
        return get(f"/v1/workflows/{segment(workflow_id)}", data_of(Workflow.from_json))

    @staticmethod
    def create(definition: Mapping[str, Any]) -> Call[Workflow]:
        return send("POST", "/v1/workflows", data_of(Workflow.from_json), dict(definition))

    @staticmethod
    def update(workflow_id: str, definition: Mapping[str, Any]) -> Call[Workflow]:
        return send("PUT", f"/v1/workflows/{segment(workflow_id)}", data_of(Workflow.from_json), dict(definition))

    @staticmethod
    def delete(workflow_id: str) -> Call[Workflow]:
        # Archiving twice is harmless: safe to send again after a lost answer.
        return Call("DELETE", f"/v1/workflows/{segment(workflow_id)}", data_of(Workflow.from_json), replayable=True)

    @staticmethod
    def validate(definition: Mapping[str, Any]) -> Call[JsonObject]:
        return send("POST", "/v1/workflows/validate", _json_data, dict(definition), replayable=True)


class RunCalls:
    @staticmethod
    def create(
        workflow_id: str,
        input: Mapping[str, Any] | None,
        *,
        idempotency_key: str | None,
        metadata: Mapping[str, Any] | None,
        version: int | None,
        callback_url: str | None,
        budget: Mapping[str, Any] | None,
        wait: float | None,
    ) -> Call[Run]:
        body: JsonObject = {"input": dict(input or {})}
        for key, value in (("metadata", metadata), ("version", version), ("callbackUrl", callback_url), ("budget", budget)):
            if value is not None:
                body[key] = dict(value) if isinstance(value, Mapping) else value
        headers = {"idempotency-key": idempotency_key} if idempotency_key else {}
        return send(
            "POST",
            f"/v1/workflows/{segment(workflow_id)}/runs",
            data_of(Run.from_json),
            body,
            params=query(wait=wait),
            headers=headers,
            # With an idempotency key a repeat answers the run it created: safe to send again.
            replayable=bool(idempotency_key),
            server_wait=wait,
        )

    @staticmethod
    def get(run_id: str) -> Call[Run]:
        return get(f"/v1/workflow-runs/{segment(run_id)}", data_of(Run.from_json))

    @staticmethod
    def list(
        workflow_id: str | None,
        status: str | Sequence[str] | None,
        batch_id: str | None,
        created_after: str | None,
        created_before: str | None,
        metadata: Mapping[str, Any] | None,
        paging: dict[str, str],
    ) -> Call[Page[Run]]:
        path = f"/v1/workflows/{segment(workflow_id)}/runs" if workflow_id else "/v1/workflow-runs"
        params = {
            **query(status=status, batchId=batch_id, createdAfter=created_after, createdBefore=created_before),
            **{f"metadata.{key}": str(value) for key, value in (metadata or {}).items()},
            **paging,
        }
        return get(path, page_of(Run.from_json), params)

    @staticmethod
    def action(run_id: str, action: str, body: Any = None) -> Call[Run]:
        return send("POST", f"/v1/workflow-runs/{segment(run_id)}/{action}", data_of(Run.from_json), body)

    @staticmethod
    def signal(run_id: str, name: str, payload: Any) -> Call[JsonObject]:
        return send("POST", f"/v1/workflow-runs/{segment(run_id)}/signals/{segment(name)}", _json_data, {"payload": payload})

    @staticmethod
    def artifact(run_id: str, name: str) -> Call[bytes]:
        path = f"/v1/workflow-runs/{segment(run_id)}/artifacts/{segment(name)}"
        return Call("GET", path, _bytes, headers={"accept": "*/*"}, replayable=True)

    @staticmethod
    def events_path(run_id: str) -> str:
        return f"/v1/workflow-runs/{segment(run_id)}/events"


class BatchCalls:
    @staticmethod
    def create(workflow_id: str, inputs: Sequence[Mapping[str, Any]], options: dict[str, Any]) -> Call[Batch]:
        body = {"inputs": [dict(row) for row in inputs], **{k: v for k, v in options.items() if v is not None}}
        return send("POST", f"/v1/workflows/{segment(workflow_id)}/batches", data_of(Batch.from_json), body)

    @staticmethod
    def create_from_dataset(workflow_id: str, dataset_id: str, mapping: Mapping[str, str] | None, options: dict[str, Any]) -> Call[Batch]:
        body: JsonObject = {"datasetId": dataset_id, **{k: v for k, v in options.items() if v is not None}}
        if mapping is not None:
            body["mapping"] = dict(mapping)
        return send("POST", f"/v1/workflows/{segment(workflow_id)}/batches", data_of(Batch.from_json), body)

    @staticmethod
    def create_from_csv(workflow_id: str, csv: str | bytes, options: dict[str, Any]) -> Call[Batch]:
        content = csv.encode("utf-8") if isinstance(csv, str) else csv
        return Call(
            "POST",
            f"/v1/workflows/{segment(workflow_id)}/batches",
            data_of(Batch.from_json),
            params=query(**options),
            content=content,
            headers={"content-type": "text/csv"},
        )

    @staticmethod
    def get(batch_id: str) -> Call[Batch]:
        return get(f"/v1/batches/{segment(batch_id)}", data_of(Batch.from_json))

    @staticmethod
    def list(workflow_id: str | None, status: str | None, paging: dict[str, str]) -> Call[Page[Batch]]:
        return get("/v1/batches", page_of(Batch.from_json), {**query(workflowId=workflow_id, status=status), **paging})

    @staticmethod
    def runs(batch_id: str, status: str | Sequence[str] | None, paging: dict[str, str]) -> Call[Page[Run]]:
        return get(f"/v1/batches/{segment(batch_id)}/runs", page_of(Run.from_json), {**query(status=status), **paging})

    @staticmethod
    def results_jsonl(batch_id: str) -> Call[Rows]:
        path = f"/v1/batches/{segment(batch_id)}/results"
        return Call("GET", path, _json_lines, params={"format": "jsonl"}, headers={"accept": "application/x-ndjson"}, replayable=True)

    @staticmethod
    def results_csv(batch_id: str) -> Call[str]:
        path = f"/v1/batches/{segment(batch_id)}/results"
        return Call("GET", path, _text, params={"format": "csv"}, headers={"accept": "text/csv"}, replayable=True)

    @staticmethod
    def action(batch_id: str, action: str) -> Call[Batch]:
        return send("POST", f"/v1/batches/{segment(batch_id)}/{action}", data_of(Batch.from_json))


class DatasetCalls:
    @staticmethod
    def list(paging: dict[str, str]) -> Call[Page[Dataset]]:
        return get("/v1/datasets", page_of(Dataset.from_json), paging)

    @staticmethod
    def get(dataset_id: str) -> Call[Dataset]:
        return get(f"/v1/datasets/{segment(dataset_id)}", data_of(Dataset.from_json))

    @staticmethod
    def create(spec: JsonObject) -> Call[Dataset]:
        return send("POST", "/v1/datasets", data_of(Dataset.from_json), {k: v for k, v in spec.items() if v is not None})

    @staticmethod
    def create_from_csv(name: str, csv: str | bytes, keys: Sequence[str] | None, description: str | None) -> Call[Dataset]:
        content = csv.encode("utf-8") if isinstance(csv, str) else csv
        params = query(name=name, keys=list(keys) if keys else None, description=description)
        return Call("POST", "/v1/datasets", data_of(Dataset.from_json), params=params, content=content, headers={"content-type": "text/csv"})

    @staticmethod
    def rows(dataset_id: str, offset: int, limit: int) -> Call[Rows]:
        return get(f"/v1/datasets/{segment(dataset_id)}/rows", _rows, query(offset=offset, limit=limit))

    @staticmethod
    def write_rows(dataset_id: str, rows: Sequence[Mapping[str, Any]], replace: bool) -> Call[Dataset]:
        method = "PUT" if replace else "POST"
        return send(method, f"/v1/datasets/{segment(dataset_id)}/rows", data_of(Dataset.from_json), [dict(r) for r in rows], replayable=replace)

    @staticmethod
    def delete(dataset_id: str) -> Call[Dataset]:
        return Call("DELETE", f"/v1/datasets/{segment(dataset_id)}", data_of(Dataset.from_json))


def batch_options(concurrency: int | None, priority: int | None, skip_invalid: bool | None, version: int | None) -> dict[str, Any]:
    return {"concurrency": concurrency, "priority": priority, "skipInvalid": skip_invalid, "version": version}


def event_filter(
    types: Sequence[str] | None, workflow_id: str | None, batch_id: str | None, run_id: str | None
) -> dict[str, str]:
    return query(types=list(types) if types else None, workflowId=workflow_id, batchId=batch_id, runId=run_id)
