"""The synchronous client, `Assay`, on ``httpx.Client``."""

from __future__ import annotations

import os
import time
import uuid
from types import TracebackType
from typing import Any, Callable, Iterator, Mapping, Sequence, TypeVar

import httpx

from ._core import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, Call, connection_failed, error_from_response, finish, resolve_settings, retry_delay
from ._endpoints import BatchCalls, DatasetCalls, RunCalls, WorkflowCalls, batch_options, event_filter, paging
from ._sse import RUN_END_EVENTS, SseDecoder, StreamCursor, stream_broke
from ._wait import DEFAULT_WAIT_TIMEOUT, Deadline
from .errors import AssayError, WaitTimeout
from .types import Batch, Dataset, Event, JsonObject, Page, Rows, Run, Workflow

T = TypeVar("T")
EventList = list[Event]


class _Http:
    """Sends calls with retries, and follows event streams with reconnection."""

    def __init__(self, client: httpx.Client, max_retries: int, timeout: float | None) -> None:
        self.client = client
        self.max_retries = max_retries
        self.timeout = timeout

    def execute(self, call: Call[T]) -> T:
        attempt = 0
        while True:
            request = call.request(self.client)
            outcome: httpx.Response | AssayError
            try:
                outcome = self.client.send(request)
            except httpx.TransportError as error:
                outcome = connection_failed(request, error)
            if isinstance(outcome, httpx.Response) and outcome.is_success:
                return finish(call, outcome)
            delay = retry_delay(call, attempt, self.max_retries, outcome)
            if delay is None:
                if isinstance(outcome, AssayError):
                    raise outcome
                raise error_from_response(outcome)
            attempt += 1
            time.sleep(delay)

    def follow(self, path: str, params: dict[str, str], after: str | None, reconnects: int, deadline: Deadline) -> Iterator[Event]:
        cursor = StreamCursor(after, reconnects)
        while not deadline.expired():
            received = False
            request = self.client.build_request(
                "GET", path, params=params, headers=cursor.headers(), timeout=httpx.Timeout(self.timeout, read=deadline.stream_read_timeout())
            )
            try:
                try:
                    response = self.client.send(request, stream=True)
                except httpx.TransportError as error:
                    raise connection_failed(request, error) from error
                try:
                    if response.status_code == 204:
                        return  # a finished run with nothing more to send
                    if not response.is_success:
                        response.read()
                        raise error_from_response(response)
                    cursor.check(response)
                    decoder = SseDecoder()
                    try:
                        for line in response.iter_lines():
                            message = decoder.feed(line)
                            if message is not None:
                                received = True
                                yield cursor.accept(message)
                            if deadline.expired():
                                return
                    except httpx.TransportError as error:
                        raise stream_broke(path, error) from error
                finally:
                    response.close()
            except AssayError as error:
                delay = cursor.after_failure(error)
            else:
                # The server closed the stream (a run stream after its run, or a restart): resume after the last event.
                delay = cursor.after_close(received)
            time.sleep(delay)

    def download(self, call: Call[Any], file: Any) -> None:
        request = call.request(self.client)
        try:
            with self.client.stream(request.method, request.url, headers=request.headers) as response:
                if not response.is_success:
                    response.read()
                    raise error_from_response(response)
                for chunk in response.iter_bytes():
                    file.write(chunk)
        except httpx.TransportError as error:
            raise connection_failed(request, error) from error


class EventStream:
    """Events as they happen: iterate over it; leave the ``with`` block (or ``close()``) to hang up."""

    def __init__(self, events: Iterator[Event]) -> None:
        self._events = events

    def __iter__(self) -> Iterator[Event]:
        return self

    def __next__(self) -> Event:
        return next(self._events)

    def close(self) -> None:
        close: Callable[[], None] | None = getattr(self._events, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> EventStream:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()


class Workflows:
    """``/v1/workflows``: workflow definitions and their versions."""

    def __init__(self, http: _Http) -> None:
        self._http = http

    def list(
        self,
        *,
        q: str | None = None,
        archived: bool | str | None = None,
        limit: int | None = None,
        lt: str | None = None,
        gt: str | None = None,
        direction: str | None = None,
    ) -> Page[Workflow]:
        """One page of the workspace's workflows, newest first (``q``: name search; ``archived``: ``True``, ``"all"`` or ``"only"``)."""
        return self._http.execute(WorkflowCalls.list(q, archived, paging(limit, lt, gt, direction)))

    def get(self, workflow_id: str) -> Workflow:
        return self._http.execute(WorkflowCalls.get(workflow_id))

    def create(self, definition: Mapping[str, Any]) -> Workflow:
        """Creates a workflow from a definition (``name``, ``inputs``, ``steps``, ``output``): its version 1."""
        return self._http.execute(WorkflowCalls.create(definition))

    def update(self, workflow_id: str, definition: Mapping[str, Any]) -> Workflow:
        """Saves a definition as the workflow's new current version."""
        return self._http.execute(WorkflowCalls.update(workflow_id, definition))

    def delete(self, workflow_id: str) -> Workflow:
        """Archives the workflow: no new runs; its runs stay readable."""
        return self._http.execute(WorkflowCalls.delete(workflow_id))

    def validate(self, definition: Mapping[str, Any]) -> JsonObject:
        """Checks a definition as a save would, saving nothing: ``{ valid, errors, warnings, outputSchemas }``."""
        return self._http.execute(WorkflowCalls.validate(definition))


class Runs:
    """``/v1/workflow-runs`` and each workflow's runs."""

    def __init__(self, http: _Http) -> None:
        self._http = http

    def create(
        self,
        workflow_id: str,
        input: Mapping[str, Any] | None = None,
        *,
        idempotency_key: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        version: int | None = None,
        callback_url: str | None = None,
        budget: Mapping[str, Any] | None = None,
        wait: float | None = None,
    ) -> Run:
        """Starts a run; answers at once (or once it finished, within ``wait`` seconds, at most 60)."""
        return self._http.execute(
            RunCalls.create(
                workflow_id,
                input,
                idempotency_key=idempotency_key,
                metadata=metadata,
                version=version,
                callback_url=callback_url,
                budget=budget,
                wait=wait,
            )
        )

    def get(self, run_id: str) -> Run:
        """A run with its steps and artifacts."""
        return self._http.execute(RunCalls.get(run_id))

    def list(
        self,
        *,
        workflow_id: str | None = None,
        status: str | Sequence[str] | None = None,
        batch_id: str | None = None,
        created_after: str | None = None,
        created_before: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        limit: int | None = None,
        lt: str | None = None,
        gt: str | None = None,
        direction: str | None = None,
    ) -> Page[Run]:
        """One page of runs (of one workflow with ``workflow_id``), newest first; without steps."""
        call = RunCalls.list(workflow_id, status, batch_id, created_after, created_before, metadata, paging(limit, lt, gt, direction))
        return self._http.execute(call)

    def cancel(self, run_id: str) -> Run:
        """Cancels an unfinished run (the step in flight is aborted); 409 for a finished one."""
        return self._http.execute(RunCalls.action(run_id, "cancel"))

    def retry(self, run_id: str) -> Run:
        """Resumes a failed or cancelled run from the step that failed."""
        return self._http.execute(RunCalls.action(run_id, "retry"))

    def rerun(self, run_id: str, *, version: int | str | None = None) -> Run:
        """A new run with the same input (``version``: a number, or ``"current"``)."""
        return self._http.execute(RunCalls.action(run_id, "rerun", {} if version is None else {"version": version}))

    def signal(self, run_id: str, name: str, payload: Any = None) -> JsonObject:
        """Sends the run's ``wait.signal`` step named ``name`` its payload."""
        return self._http.execute(RunCalls.signal(run_id, name, payload))

    def artifact(self, run_id: str, name: str) -> bytes:
        """A document the run generated (``memo.pdf``…), as bytes."""
        return self._http.execute(RunCalls.artifact(run_id, name))

    def events(self, run_id: str, *, after: str | None = None, reconnects: int = 5) -> EventStream:
        """The run's events from its start (or after ``after``), live; the stream ends when the run does."""
        return EventStream(self._http.follow(RunCalls.events_path(run_id), {}, after, reconnects, Deadline(None)))

    def wait(
        self,
        run_id: str,
        *,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = 1.0,
        on_event: Callable[[Event], None] | None = None,
        stream: bool = True,
    ) -> Run:
        """The run once completed, failed or cancelled.

        Follows the run's event stream (``on_event`` sees each event); when the stream cannot be used
        (a proxy that buffers or refuses it, an older server) polls every ``poll_interval`` seconds
        instead. Raises `WaitTimeout` after ``timeout`` seconds (``None``: never).
        """
        deadline = Deadline(timeout)
        if stream:
            try:
                with EventStream(self._http.follow(RunCalls.events_path(run_id), {}, None, 2, deadline)) as events:
                    for event in events:
                        if on_event is not None:
                            on_event(event)
                        if event.type in RUN_END_EVENTS:
                            break
            except AssayError:
                pass  # the stream is not usable here: polling reads the same run (and raises what is really wrong)
        return self._poll(run_id, deadline, poll_interval)

    def poll(self, run_id: str, *, timeout: float | None = DEFAULT_WAIT_TIMEOUT, poll_interval: float = 1.0) -> Run:
        """The run once finished, by reading it every ``poll_interval`` seconds (no event stream)."""
        return self._poll(run_id, Deadline(timeout), poll_interval)

    def _poll(self, run_id: str, deadline: Deadline, poll_interval: float) -> Run:
        while True:
            run = self.get(run_id)
            if run.finished:
                return run
            if deadline.expired():
                raise WaitTimeout(run, deadline.timeout or 0)
            time.sleep(deadline.nap(poll_interval))

    def create_and_wait(
        self,
        workflow_id: str,
        input: Mapping[str, Any] | None = None,
        *,
        idempotency_key: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        version: int | None = None,
        budget: Mapping[str, Any] | None = None,
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = 1.0,
        on_event: Callable[[Event], None] | None = None,
        stream: bool = True,
    ) -> Run:
        """Starts a run and returns it once completed, failed or cancelled (see `wait`).

        Without an ``idempotency_key`` one is made up, so a creation whose answer was lost can be
        sent again without starting a second run.
        """
        run = self.create(
            workflow_id,
            input,
            idempotency_key=idempotency_key or f"py-{uuid.uuid4()}",
            metadata=metadata,
            version=version,
            budget=budget,
        )
        if run.finished:
            return run
        return self.wait(run.id, timeout=timeout, poll_interval=poll_interval, on_event=on_event, stream=stream)


class Batches:
    """``/v1/workflows/{id}/batches`` and ``/v1/batches``: a workflow over a list of inputs."""

    def __init__(self, http: _Http) -> None:
        self._http = http

    def create(
        self,
        workflow_id: str,
        inputs: Sequence[Mapping[str, Any]],
        *,
        concurrency: int | None = None,
        priority: int | None = None,
        skip_invalid: bool | None = None,
        version: int | None = None,
    ) -> Batch:
        """One run per input object (JSON rows)."""
        return self._http.execute(BatchCalls.create(workflow_id, inputs, batch_options(concurrency, priority, skip_invalid, version)))

    def create_from_csv(
        self,
        workflow_id: str,
        csv: str | bytes,
        *,
        concurrency: int | None = None,
        priority: int | None = None,
        skip_invalid: bool | None = None,
        version: int | None = None,
    ) -> Batch:
        """One run per CSV row: a header naming the inputs, cells typed by the workflow's inputs."""
        return self._http.execute(BatchCalls.create_from_csv(workflow_id, csv, batch_options(concurrency, priority, skip_invalid, version)))

    def create_from_csv_file(
        self,
        workflow_id: str,
        path: str | os.PathLike[str],
        *,
        concurrency: int | None = None,
        priority: int | None = None,
        skip_invalid: bool | None = None,
        version: int | None = None,
    ) -> Batch:
        """`create_from_csv` with the CSV read from a file."""
        with open(path, "rb") as file:
            csv = file.read()
        return self.create_from_csv(workflow_id, csv, concurrency=concurrency, priority=priority, skip_invalid=skip_invalid, version=version)

    def create_from_dataset(
        self,
        workflow_id: str,
        dataset_id: str,
        mapping: Mapping[str, str] | None = None,
        *,
        concurrency: int | None = None,
        priority: int | None = None,
        skip_invalid: bool | None = None,
        version: int | None = None,
    ) -> Batch:
        """One run per dataset row; ``mapping`` is input name → column (default: same-named columns)."""
        options = batch_options(concurrency, priority, skip_invalid, version)
        return self._http.execute(BatchCalls.create_from_dataset(workflow_id, dataset_id, mapping, options))

    def get(self, batch_id: str) -> Batch:
        return self._http.execute(BatchCalls.get(batch_id))

    def list(
        self,
        *,
        workflow_id: str | None = None,
        status: str | None = None,
        limit: int | None = None,
        lt: str | None = None,
        gt: str | None = None,
        direction: str | None = None,
    ) -> Page[Batch]:
        return self._http.execute(BatchCalls.list(workflow_id, status, paging(limit, lt, gt, direction)))

    def runs(
        self,
        batch_id: str,
        *,
        status: str | Sequence[str] | None = None,
        limit: int | None = None,
        lt: str | None = None,
        gt: str | None = None,
        direction: str | None = None,
    ) -> Page[Run]:
        """One page of the batch's runs (``direction="asc"`` for input order)."""
        return self._http.execute(BatchCalls.runs(batch_id, status, paging(limit, lt, gt, direction)))

    def results(self, batch_id: str) -> Rows:
        """One object per run, in input order: the inputs, the output flattened to dotted keys, ``status``, ``error``, ``runId``."""
        return self._http.execute(BatchCalls.results_jsonl(batch_id))

    def results_csv(self, batch_id: str) -> str:
        """The results as CSV text (cells a spreadsheet would run as formulas are prefixed with ``'``)."""
        return self._http.execute(BatchCalls.results_csv(batch_id))

    def download_results(self, batch_id: str, path: str | os.PathLike[str], *, format: str = "csv") -> None:
        """Streams the results (``csv`` or ``jsonl``) to a file without holding them in memory."""
        call = BatchCalls.results_csv(batch_id) if format == "csv" else BatchCalls.results_jsonl(batch_id)
        with open(path, "wb") as file:
            self._http.download(call, file)

    def cancel(self, batch_id: str) -> Batch:
        """Cancels the batch's queued and waiting runs; runs already executing finish."""
        return self._http.execute(BatchCalls.action(batch_id, "cancel"))

    def retry_failed(self, batch_id: str) -> Batch:
        """Queues the batch's failed and cancelled runs again."""
        return self._http.execute(BatchCalls.action(batch_id, "retry-failed"))

    def wait(
        self,
        batch_id: str,
        *,
        timeout: float | None = None,
        poll_interval: float = 1.0,
        on_progress: Callable[[Batch], None] | None = None,
    ) -> Batch:
        """The batch once every run of it finished, read every ``poll_interval`` seconds; `WaitTimeout` after ``timeout``."""
        deadline = Deadline(timeout)
        while True:
            batch = self.get(batch_id)
            if on_progress is not None:
                on_progress(batch)
            if batch.finished:
                return batch
            if deadline.expired():
                raise WaitTimeout(batch, deadline.timeout or 0)
            time.sleep(deadline.nap(poll_interval))


class Datasets:
    """``/v1/datasets``: tables for lookup steps and batches (writes need an ``edit`` key)."""

    def __init__(self, http: _Http) -> None:
        self._http = http

    def list(self, *, limit: int | None = None, lt: str | None = None, gt: str | None = None, direction: str | None = None) -> Page[Dataset]:
        return self._http.execute(DatasetCalls.list(paging(limit, lt, gt, direction)))

    def get(self, dataset_id: str) -> Dataset:
        return self._http.execute(DatasetCalls.get(dataset_id))

    def create(
        self,
        name: str,
        rows: Sequence[Mapping[str, Any]] | None = None,
        *,
        columns: Mapping[str, str] | None = None,
        keys: Sequence[str] | None = None,
        description: str | None = None,
    ) -> Dataset:
        """A dataset from JSON rows (``columns`` declares types; the others are inferred)."""
        spec = {
            "name": name,
            "rows": [dict(r) for r in rows] if rows is not None else None,
            "columns": dict(columns) if columns is not None else None,
            "keys": list(keys) if keys is not None else None,
            "description": description,
        }
        return self._http.execute(DatasetCalls.create(spec))

    def create_from_csv(self, name: str, csv: str | bytes, *, keys: Sequence[str] | None = None, description: str | None = None) -> Dataset:
        """A dataset from CSV text (a header row; types inferred)."""
        return self._http.execute(DatasetCalls.create_from_csv(name, csv, keys, description))

    def rows(self, dataset_id: str, *, offset: int = 0, limit: int = 100) -> Rows:
        """Rows in upload order (at most 1,000 per call)."""
        return self._http.execute(DatasetCalls.rows(dataset_id, offset, limit))

    def append_rows(self, dataset_id: str, rows: Sequence[Mapping[str, Any]]) -> Dataset:
        return self._http.execute(DatasetCalls.write_rows(dataset_id, rows, replace=False))

    def replace_rows(self, dataset_id: str, rows: Sequence[Mapping[str, Any]]) -> Dataset:
        return self._http.execute(DatasetCalls.write_rows(dataset_id, rows, replace=True))

    def delete(self, dataset_id: str) -> Dataset:
        return self._http.execute(DatasetCalls.delete(dataset_id))


class Events:
    """``/v1/events``: the workspace's event log, live."""

    def __init__(self, http: _Http) -> None:
        self._http = http

    def stream(
        self,
        *,
        types: Sequence[str] | None = None,
        workflow_id: str | None = None,
        batch_id: str | None = None,
        run_id: str | None = None,
        after: str | None = None,
        reconnects: int = 5,
    ) -> EventStream:
        """The workspace's events as they happen (after ``after`` first, when given), filtered; never ends by itself."""
        params = event_filter(types, workflow_id, batch_id, run_id)
        return EventStream(self._http.follow("/v1/events", params, after, reconnects, Deadline(None)))

    def list(self, run_id: str) -> EventList:
        """Every event of a run, oldest first (for a run still going, waits for its end)."""
        with EventStream(self._http.follow(RunCalls.events_path(run_id), {}, None, 5, Deadline(None))) as events:
            return [event for event in events]


class Assay:
    """The Assay API, synchronously.

    ``base_url``, ``client_id`` and ``api_key`` default to ``ASSAY_URL`` (else http://localhost:8080),
    ``ASSAY_CLIENT_ID`` and ``ASSAY_API_KEY``. A 429 is retried after its ``Retry-After``, a 5xx or a
    broken connection only for requests that are safe to repeat, up to ``max_retries`` times.
    ``transport`` is passed to httpx (a proxy, a test double).
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        client_id: str | None = None,
        api_key: str | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        settings = resolve_settings(base_url, client_id, api_key, timeout, max_retries)
        self.base_url = settings.base_url
        self._client = httpx.Client(base_url=settings.base_url, headers=settings.auth_headers, timeout=timeout, transport=transport)
        http = _Http(self._client, settings.max_retries, timeout)
        self.workflows = Workflows(http)
        self.runs = Runs(http)
        self.batches = Batches(http)
        self.datasets = Datasets(http)
        self.events = Events(http)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Assay:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()
