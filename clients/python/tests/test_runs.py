from __future__ import annotations

import pytest

from assay import Assay, Conflict, Event, Workflow
from helpers import Recording, RefusesEventStreams, unique


def test_create_and_wait_follows_the_live_event_stream(screen: Workflow) -> None:
    transport = Recording()
    seen: list[Event] = []
    with Assay(transport=transport) as client:
        run = client.runs.create_and_wait(screen.id, {"name": "Northwind", "score": 21 + 1}, on_event=seen.append)

    assert run.status == "completed"
    assert run.output == {"upper": "NORTHWIND", "double": 44}
    assert [s.status for s in run.steps] == ["skipped", "completed", "completed"]
    # The events came through the stream, in order, ending with the run's end.
    types = [e.type for e in seen]
    assert types[0] == "run.queued" and types[-1] == "run.completed"
    assert [e.step_id for e in seen if e.type == "step.completed"] == ["up", "double"]
    assert all(e.run_id == run.id for e in seen)
    stream_requests = [(m, status) for m, path, status in transport.seen if path == f"/v1/workflow-runs/{run.id}/events"]
    assert stream_requests and stream_requests[0] == ("GET", 200)
    # No polling: the run was read once, after its stream said it ended.
    assert [p for m, p, s in transport.seen if p == f"/v1/workflow-runs/{run.id}"] == [f"/v1/workflow-runs/{run.id}"]


def test_create_and_wait_falls_back_to_polling_when_the_stream_fails(screen: Workflow) -> None:
    transport = RefusesEventStreams()
    seen: list[Event] = []
    with Assay(transport=transport) as client:
        run = client.runs.create_and_wait(screen.id, {"name": "Contoso", "score": 5}, on_event=seen.append, poll_interval=0.05)

    assert run.status == "completed"
    assert run.output == {"upper": "CONTOSO", "double": 10}
    assert seen == []
    assert any(path.endswith("/events") and status == 502 for _, path, status in transport.seen)
    assert any(path == f"/v1/workflow-runs/{run.id}" and status == 200 for _, path, status in transport.seen)


def test_a_failed_run_is_returned_with_its_error(assay: Assay, screen: Workflow) -> None:
    run = assay.runs.create_and_wait(screen.id, {"name": "Seven", "score": 14})
    assert run.status == "failed"
    assert run.error is not None and run.error.step_id == "reject"
    assert "multiple of seven" in run.error.message
    assert run.step("reject").status == "failed"


def test_polling_without_the_stream(assay: Assay, screen: Workflow) -> None:
    created = assay.runs.create(screen.id, {"name": "acme", "score": 1}, metadata={"crmDealId": "D-1"})
    assert created.status in {"queued", "running", "completed"}
    run = assay.runs.wait(created.id, stream=False, poll_interval=0.05)
    assert (run.status, run.output, run.metadata) == ("completed", {"upper": "ACME", "double": 2}, {"crmDealId": "D-1"})


def test_list_runs_of_a_workflow_and_by_metadata(assay: Assay, screen: Workflow) -> None:
    source = unique("pytest-list")
    run = assay.runs.create_and_wait(screen.id, {"name": "listed", "score": 3}, metadata={"source": source})
    mine = assay.runs.list(workflow_id=screen.id, limit=100)
    assert run.id in [r.id for r in mine]
    by_metadata = assay.runs.list(metadata={"source": source})
    assert [r.id for r in by_metadata] == [run.id]
    assert by_metadata.data[0].steps == []  # lists leave the steps out


def test_cancel_a_parked_run_and_cancel_again_is_a_conflict(assay: Assay, parked: Workflow) -> None:
    created = assay.runs.create(parked.id)
    # Wait on progress: the run's own stream says when it parked at the signal step.
    with assay.runs.events(created.id) as events:
        for event in events:
            if event.type == "run.waiting":
                break
    cancelled = assay.runs.cancel(created.id)
    assert cancelled.status == "cancelled"
    with pytest.raises(Conflict) as refused:
        assay.runs.cancel(created.id)
    assert refused.value.status == 409 and refused.value.code


def test_a_signal_finishes_a_parked_run(assay: Assay, parked: Workflow) -> None:
    created = assay.runs.create(parked.id)
    assay.runs.signal(created.id, "go", {"ok": True})
    run = assay.runs.wait(created.id)
    assert (run.status, run.output) == ("completed", {"got": {"ok": True}})


def test_a_finished_runs_events_list_and_replay(assay: Assay, screen: Workflow) -> None:
    run = assay.runs.create_and_wait(screen.id, {"name": "events", "score": 2})
    listed = assay.events.list(run.id)
    assert listed[0].type == "run.queued" and listed[-1].type == "run.completed"
    assert [int(e.id) for e in listed] == sorted(int(e.id) for e in listed)

    # The workspace stream, filtered to this run, replays from a position and follows live.
    replayed = []
    with assay.events.stream(run_id=run.id, after="0", types=["step.completed", "run.completed"]) as stream:
        for event in stream:
            replayed.append(event)
            if event.type == "run.completed":
                break
    assert [(e.type, e.step_id) for e in replayed] == [("step.completed", "up"), ("step.completed", "double"), ("run.completed", None)]

    # Resuming after an event gives exactly the ones after it.
    after_first = [e.id for e in assay.runs.events(run.id, after=listed[0].id)]
    assert after_first == [e.id for e in listed[1:]]


def test_the_seed_pages_polling_loop_as_the_readme_writes_it(screen: Workflow) -> None:
    """The README's rewrite of the public API page's `run_workflow` loop, verbatim but for the interval."""
    import os
    import time

    from assay import Assay

    assay = Assay(os.environ.get("ASSAY_URL", "http://localhost:8080"))

    def run_workflow(workflow_id, input_payload, interval=0.05, timeout=600):  # type: ignore[no-untyped-def]
        run = assay.runs.create(workflow_id, input_payload)

        deadline = time.time() + timeout
        while time.time() < deadline:
            run = assay.runs.get(run.id)
            if run.finished:  # completed, failed or cancelled
                return run
            time.sleep(interval)
        raise TimeoutError(f"Run {run.id} did not finish in {timeout}s")

    run = run_workflow(screen.id, {"name": "seed", "score": 6})
    assert (run.status, run.output) == ("completed", {"upper": "SEED", "double": 12})
    assay.close()


def test_a_server_side_wait_longer_than_the_clients_timeout(parked: Workflow) -> None:
    # The run parks at its signal step, so the server holds the answer the whole `wait`: the client's
    # read timeout (shorter on purpose) must stretch by as much instead of failing.
    with Assay(timeout=3, max_retries=0) as client:
        run = client.runs.create(parked.id, wait=5)
        assert not run.finished
        assert client.runs.cancel(run.id).status == "cancelled"
