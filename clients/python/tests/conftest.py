"""The suite runs against a live Assay server: ASSAY_URL, ASSAY_CLIENT_ID and ASSAY_API_KEY (an admin key).

A missing variable fails every test, naming it: the suite never skips.
"""

from __future__ import annotations

import os
from typing import Iterator

import pytest

from assay import Assay, Workflow
from helpers import parked_definition, screen_definition

REQUIRED = ("ASSAY_URL", "ASSAY_CLIENT_ID", "ASSAY_API_KEY")


@pytest.fixture(scope="session", autouse=True)
def live_server() -> None:
    missing = [name for name in REQUIRED if not os.environ.get(name)]
    if missing:
        pytest.fail(f"set {', '.join(missing)} to a live Assay server's URL and an admin key", pytrace=False)


@pytest.fixture(scope="session")
def assay(live_server: None) -> Iterator[Assay]:
    # No arguments: the client reads ASSAY_URL, ASSAY_CLIENT_ID and ASSAY_API_KEY itself.
    with Assay() as client:
        yield client


@pytest.fixture(scope="session")
def screen(assay: Assay) -> Workflow:
    return assay.workflows.create(screen_definition())


@pytest.fixture(scope="session")
def parked(assay: Assay) -> Workflow:
    return assay.workflows.create(parked_definition())
