from __future__ import annotations

import json
from pathlib import Path

import pytest

from assay import Assay, InvalidInput, Workflow


def test_a_batch_from_csv_runs_each_row_and_gives_results_in_input_order(assay: Assay, screen: Workflow) -> None:
    csv = "name,score\nalpha,1\nbeta,7\ngamma,3\n"
    batch = assay.batches.create_from_csv(screen.id, csv, concurrency=2)
    assert (batch.source, batch.total, batch.concurrency) == ("csv", 3, 2)

    progress: list[float] = []
    done = assay.batches.wait(batch.id, poll_interval=0.05, on_progress=lambda b: progress.append(b.progress))
    assert done.finished and done.progress == 1 and progress[-1] == 1
    assert (done.counts.completed, done.counts.failed) == (2, 1)

    results = assay.batches.results(batch.id)
    assert [(r["name"], r["score"], r["status"]) for r in results] == [("alpha", 1, "completed"), ("beta", 7, "failed"), ("gamma", 3, "completed")]
    assert [r.get("upper") for r in results] == ["ALPHA", None, "GAMMA"]
    assert [r.get("double") for r in results] == [2, None, 6]
    assert "multiple of seven" in results[1]["error"]

    lines = assay.batches.results_csv(batch.id).splitlines()
    assert lines[0].split(",")[:2] == ["name", "score"] and len(lines) == 4

    runs = assay.batches.runs(batch.id, direction="asc")
    assert [r.input["name"] for r in runs] == ["alpha", "beta", "gamma"]


def test_a_batch_from_a_csv_file_and_its_results_downloaded(assay: Assay, screen: Workflow, tmp_path: Path) -> None:
    source = tmp_path / "companies.csv"
    source.write_text("name,score\nfile-one,4\n", encoding="utf-8")
    batch = assay.batches.create_from_csv_file(screen.id, source)
    assay.batches.wait(batch.id, poll_interval=0.05)
    target = tmp_path / "results.jsonl"
    assay.batches.download_results(batch.id, target, format="jsonl")
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [(r["name"], r["upper"], r["status"]) for r in rows] == [("file-one", "FILE-ONE", "completed")]


def test_a_batch_from_json_rows(assay: Assay, screen: Workflow) -> None:
    batch = assay.batches.create(screen.id, [{"name": "x", "score": 10}, {"name": "y", "score": 11}])
    assert batch.source == "json" and batch.total == 2
    assert assay.batches.get(batch.id).id == batch.id
    assert batch.id in [b.id for b in assay.batches.list(workflow_id=screen.id)]
    done = assay.batches.wait(batch.id, poll_interval=0.05)
    assert done.counts.completed == 2
    assert [r["double"] for r in assay.batches.results(batch.id)] == [20, 22]


def test_invalid_rows_refuse_the_batch_naming_row_and_field(assay: Assay, screen: Workflow) -> None:
    with pytest.raises(InvalidInput) as refused:
        assay.batches.create_from_csv(screen.id, "name,score\nok,1\nbad,not-a-number\n")
    error = refused.value
    assert (error.status, error.code) == (400, "invalid_input")
    assert any(d.path == "rows[2].score" for d in error.details), error.details
    assert error.body["invalid"][0]["row"] == 2

    skipped = assay.batches.create_from_csv(screen.id, "name,score\nok,1\nbad,not-a-number\n", skip_invalid=True)
    assert skipped.total == 1 and skipped.invalid_count == 1 and skipped.invalid[0].field == "score"
