from __future__ import annotations

import pytest

from assay import Assay, InvalidInput, NotFound
from helpers import unique


def test_create_read_append_replace_and_delete_a_dataset(assay: Assay) -> None:
    name = unique("py-companies")
    created = assay.datasets.create(name, [{"id": "c1", "revenue": 10}, {"id": "c2", "revenue": 20}], keys=["id"], description="pytest")
    assert (created.name, created.row_count, created.keys, created.description) == (name, 2, ["id"], "pytest")
    assert created.columns["revenue"] in {"integer", "number"}

    assert assay.datasets.get(created.id).row_count == 2
    assert [r["id"] for r in assay.datasets.rows(created.id)] == ["c1", "c2"]
    assert created.id in [d.id for d in assay.datasets.list(limit=1000)]

    assert assay.datasets.append_rows(created.id, [{"id": "c3", "revenue": 30}]).row_count == 3
    assert [r["id"] for r in assay.datasets.rows(created.id, offset=2)] == ["c3"]
    assert assay.datasets.replace_rows(created.id, [{"id": "only", "revenue": 1}]).row_count == 1

    assay.datasets.delete(created.id)
    with pytest.raises(NotFound):
        assay.datasets.get(created.id)


def test_a_dataset_from_csv(assay: Assay) -> None:
    dataset = assay.datasets.create_from_csv(unique("py-csv"), "id,name\n1,Northwind\n2,Contoso\n", keys=["id"])
    assert dataset.row_count == 2
    assert [r["name"] for r in assay.datasets.rows(dataset.id)] == ["Northwind", "Contoso"]


def test_a_bad_dataset_name_is_refused_naming_the_field(assay: Assay) -> None:
    with pytest.raises(InvalidInput) as refused:
        assay.datasets.create("not a valid name!", [])
    assert [d.path for d in refused.value.details] == ["name"]
