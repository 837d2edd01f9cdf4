from __future__ import annotations

from importlib import resources

import assay as assay_package
from assay import Assay, NotFound
from helpers import screen_definition


def test_the_installed_package_is_typed() -> None:
    assert resources.files(assay_package).joinpath("py.typed").is_file()


def test_create_get_list_update_and_delete_a_workflow(assay: Assay) -> None:
    definition = screen_definition()
    created = assay.workflows.create(definition)
    assert created.name == definition["name"]
    assert created.version == 1
    assert [step["id"] for step in created.definition["steps"]] == ["reject", "up", "double"]

    fetched = assay.workflows.get(created.id)
    assert fetched.id == created.id and fetched.definition == created.definition

    listed = assay.workflows.list(q=definition["name"])
    assert [w.id for w in listed] == [created.id]
    assert listed.data[0].stats is not None and listed.data[0].stats.run_count == 0
    assert listed.has_more is False

    renamed = {**definition, "name": definition["name"] + "-v2"}
    updated = assay.workflows.update(created.id, renamed)
    assert (updated.version, updated.name) == (2, renamed["name"])

    archived = assay.workflows.delete(created.id)
    assert archived.archived_at is not None
    assert [w.id for w in assay.workflows.list(q=renamed["name"])] == []
    assert [w.id for w in assay.workflows.list(q=renamed["name"], archived="only")] == [created.id]


def test_pages_follow_the_cursor(assay: Assay) -> None:
    prefix = screen_definition()["name"]
    ids = [assay.workflows.create({**screen_definition(), "name": f"{prefix}-{i}"}).id for i in range(3)]
    first = assay.workflows.list(q=prefix, limit=2)
    assert first.has_more and first.next_cursor is not None
    second = assay.workflows.list(q=prefix, limit=2, lt=first.next_cursor)
    assert sorted(w.id for w in [*first, *second]) == sorted(ids)
    assert second.has_more is False


def test_a_missing_workflow_is_not_found(assay: Assay) -> None:
    try:
        assay.workflows.get("0" * 24)
    except NotFound as error:
        assert (error.status, error.code) == (404, "not_found")
    else:
        raise AssertionError("expected NotFound")
