from __future__ import annotations

import os
import socket

import httpx
import pytest

from assay import Assay, AssayError, ConnectionFailed, InvalidInput, NotFound, RateLimited, Unauthorized, Workflow


def test_not_found_carries_the_envelopes_code_and_status(assay: Assay) -> None:
    with pytest.raises(NotFound) as missing:
        assay.runs.get("0" * 24)
    error = missing.value
    assert isinstance(error, AssayError)
    assert (error.status, error.code) == (404, "not_found")
    assert error.message and "not found" in str(error)


def test_a_bad_input_is_a_400_naming_the_field(assay: Assay, screen: Workflow) -> None:
    with pytest.raises(InvalidInput) as refused:
        assay.runs.create(screen.id, {"score": 3})
    error = refused.value
    assert (error.status, error.code) == (400, "invalid_input")
    assert "input.name" in [d.path for d in error.details], error.details


def test_a_bad_definition_is_a_400_naming_the_step_field(assay: Assay) -> None:
    with pytest.raises(InvalidInput) as refused:
        assay.workflows.create({"name": "broken", "steps": [{"id": "a", "type": "transform", "with": {}}]})
    assert any(d.path.startswith("steps[0]") for d in refused.value.details), refused.value.details


def test_a_wrong_key_is_unauthorized() -> None:
    with Assay(api_key="sk_wrong", max_retries=0) as client:
        with pytest.raises(Unauthorized) as refused:
            client.workflows.list()
    assert refused.value.status == 401


def test_keys_are_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASSAY_API_KEY")
    with pytest.raises(ValueError, match="ASSAY_API_KEY"):
        Assay()


def test_base_url_and_keys_may_be_given_as_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    url, client_id, api_key = os.environ["ASSAY_URL"], os.environ["ASSAY_CLIENT_ID"], os.environ["ASSAY_API_KEY"]
    for name in ("ASSAY_URL", "ASSAY_CLIENT_ID", "ASSAY_API_KEY"):
        monkeypatch.delenv(name)
    with Assay(url + "/", client_id=client_id, api_key=api_key) as client:
        assert client.base_url == url
        client.workflows.list(limit=1)


def test_rate_limited_carries_retry_after() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, headers={"retry-after": "7"}, json={"error": "too many requests", "code": "rate_limited"})

    with Assay("http://127.0.0.1:9", client_id="c", api_key="k", max_retries=0, transport=httpx.MockTransport(answer)) as client:
        with pytest.raises(RateLimited) as limited:
            client.runs.get("0" * 24)
    assert (limited.value.status, limited.value.code, limited.value.retry_after) == (429, "rate_limited", 7.0)
    assert limited.value.retryable


def test_a_429_is_retried_after_its_retry_after(assay: Assay) -> None:
    answers = [httpx.Response(429, headers={"retry-after": "0"}, json={"error": "slow down", "code": "rate_limited"})]
    real = httpx.HTTPTransport()

    def answer(request: httpx.Request) -> httpx.Response:
        return answers.pop(0) if answers else real.handle_request(request)

    with Assay(transport=httpx.MockTransport(answer)) as client:
        assert client.workflows.list(limit=1).data is not None
    assert answers == []


def test_an_unreachable_server_is_a_connection_failure() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with Assay(f"http://127.0.0.1:{port}", client_id="c", api_key="k", max_retries=0) as client:
        with pytest.raises(ConnectionFailed) as failed:
            client.workflows.list()
    assert failed.value.status is None and failed.value.retryable
