"""ChatKit session values render to the nested attributes of ``openai_beta_chatkit_session``."""

from __future__ import annotations

import pytest

from openai_constructs.errors import AttributeTypeError, ValidationError
from openai_constructs.values import (
    ChatKitConfiguration,
    ExpiresAfter,
    FileUpload,
    History,
    RateLimits,
    Workflow,
)

TOKEN = "${TfToken[TOKEN.2]}"
NUM_TOKEN = -1.8881545897087626e289


def test_workflow() -> None:
    assert Workflow("wf_1").render() == {"id": "wf_1"}
    workflow = Workflow("wf_1", version="3", state_variables={"plan": "pro", "seats": 5,
                                                              "beta": True, "rate": 0.5},
                        tracing=False)
    assert workflow.render() == {
        "id": "wf_1",
        "version": "3",
        "state_variables": {"plan": "pro", "seats": 5, "beta": True, "rate": 0.5},
        "tracing": {"enabled": False},
    }


def test_a_none_state_variable_is_refused_with_the_fix() -> None:
    """The SDK's ``state_variables`` values are str, int, float or bool: no null."""
    with pytest.raises(AttributeTypeError) as raised:
        Workflow("wf_1", state_variables={"note": None})  # type: ignore[dict-item]
    assert str(raised.value) == (
        "Workflow: state_variables['note']: is None; state variables are strings, numbers or "
        "booleans (the API takes no null here): omit the key"
    )


def test_workflow_state_variables_are_checked() -> None:
    with pytest.raises(ValidationError) as raised:
        Workflow("wf", state_variables={"k" * 65: 1, "nested": {"a": 1}})  # type: ignore[dict-item]
    message = str(raised.value)
    assert message.startswith("openai_constructs: 2 problems in Workflow:\n")
    assert "state_variables: keys at most 64 characters" in message
    assert ("state_variables: values are primitives (str, int, float or bool) "
            "(got value of 'nested' (dict))") in message


def test_workflow_state_tokens_pass() -> None:
    assert Workflow("wf", state_variables={"user": TOKEN}).render()["state_variables"] == {
        "user": TOKEN}


def test_chatkit_configuration() -> None:
    assert ChatKitConfiguration().render() == {}
    config = ChatKitConfiguration(
        automatic_thread_titling=False,
        file_upload=FileUpload(max_file_size=25, max_files=3),
        history=History(recent_threads=10),
    )
    assert config.render() == {
        "automatic_thread_titling": {"enabled": False},
        "file_upload": {"enabled": True, "max_file_size": 25, "max_files": 3},
        "history": {"enabled": True, "recent_threads": 10},
    }
    assert FileUpload(enabled=False).render() == {"enabled": False}
    assert History(enabled=False).render() == {"enabled": False}


def test_file_upload_limits() -> None:
    FileUpload(max_file_size=512)
    with pytest.raises(ValidationError) as raised:
        FileUpload(max_file_size=600, max_files=0)
    assert str(raised.value) == (
        "openai_constructs: 2 problems in FileUpload:\n"
        "  - max_file_size: an integer between 1 and 512 (megabytes) (got 600)\n"
        "  - max_files: a positive integer (got 0)"
    )
    assert FileUpload(max_file_size=NUM_TOKEN).render()["max_file_size"] == NUM_TOKEN
    with pytest.raises(ValidationError, match=r"an integer between 1 and 512 \(megabytes\) "
                                               r"\(got 2.5\)"):
        FileUpload(max_file_size=2.5)  # type: ignore[arg-type]


def test_history_limit() -> None:
    with pytest.raises(ValidationError, match=r"recent_threads: a positive integer \(got 0\)"):
        History(recent_threads=0)


def test_expires_after_and_rate_limits() -> None:
    assert ExpiresAfter(600).render() == {"anchor": "created_at", "seconds": 600}
    assert RateLimits(30).render() == {"max_requests_per_1_minute": 30}
    with pytest.raises(ValidationError, match=r"seconds: a positive integer \(got 0\)"):
        ExpiresAfter(0)
    with pytest.raises(ValidationError, match=r"anchor: must be created_at \(got 'now'\)"):
        ExpiresAfter(60, anchor="now")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"max_requests_per_1_minute: a positive integer"):
        RateLimits(-1)
