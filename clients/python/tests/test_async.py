"""The async client against the same server: the same resources, awaited (no plugin: each test runs its own loop)."""

from __future__ import annotations

import asyncio

import pytest

from assay import AsyncAssay, Event, InvalidInput, NotFound, Workflow
from helpers import AsyncRecording, AsyncRefusesEventStreams, screen_definition


def test_workflows_and_a_run_followed_on_the_stream() -> None:
    async def scenario() -> None:
        transport = AsyncRecording()
        seen: list[Event] = []

        async def note(event: Event) -> None:
            seen.append(event)

        async with AsyncAssay(transport=transport) as client:
            workflow = await client.workflows.create(screen_definition())
            assert (await client.workflows.get(workflow.id)).name == workflow.name
            run = await client.runs.create_and_wait(workflow.id, {"name": "async", "score": 4}, on_event=note)
            assert (run.status, run.output) == ("completed", {"upper": "ASYNC", "double": 8})
            assert [e.type for e in seen][-1] == "run.completed"
            assert ("GET", f"/v1/workflow-runs/{run.id}/events", 200) in transport.seen
            assert (await client.runs.list(workflow_id=workflow.id)).data[0].id == run.id
            assert (await client.workflows.delete(workflow.id)).archived_at is not None

    asyncio.run(scenario())


def test_create_and_wait_falls_back_to_polling(screen: Workflow) -> None:
    async def scenario() -> None:
        transport = AsyncRefusesEventStreams()
        async with AsyncAssay(transport=transport) as client:
            run = await client.runs.create_and_wait(screen.id, {"name": "poll", "score": 2}, poll_interval=0.05)
        assert (run.status, run.output) == ("completed", {"upper": "POLL", "double": 4})
        assert any(path.endswith("/events") and status == 502 for _, path, status in transport.seen)

    asyncio.run(scenario())


def test_a_csv_batch_with_results(screen: Workflow) -> None:
    async def scenario() -> None:
        async with AsyncAssay() as client:
            batch = await client.batches.create_from_csv(screen.id, "name,score\nuno,1\ndos,2\n")
            done = await client.batches.wait(batch.id, poll_interval=0.05)
            assert done.counts.completed == 2
            results = await client.batches.results(batch.id)
            assert [(r["name"], r["upper"], r["double"]) for r in results] == [("uno", "UNO", 2), ("dos", "DOS", 4)]

    asyncio.run(scenario())


def test_typed_errors_and_the_event_stream(screen: Workflow) -> None:
    async def scenario() -> None:
        async with AsyncAssay() as client:
            with pytest.raises(NotFound) as missing:
                await client.batches.get("0" * 24)
            assert (missing.value.status, missing.value.code) == (404, "not_found")
            with pytest.raises(InvalidInput) as refused:
                await client.runs.create(screen.id, {"name": "x", "score": "many"})
            assert "input.score" in [d.path for d in refused.value.details]

            run = await client.runs.create_and_wait(screen.id, {"name": "ev", "score": 1})
            types = []
            async with client.events.stream(run_id=run.id, after="0") as stream:
                async for event in stream:
                    types.append(event.type)
                    if event.type == "run.completed":
                        break
            assert types[0] == "run.queued" and types[-1] == "run.completed"
            assert [e.type for e in await client.events.list(run.id)] == types

    asyncio.run(scenario())
