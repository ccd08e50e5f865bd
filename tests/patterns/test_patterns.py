"""The patterns: what they declare (snapshots), the outputs they emit, and how they are
configured without subclassing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion

from openai_constructs import Assistant, ChatKitSession, Thread, ValidationError
from openai_constructs._runtime.cdk import TerraformStack
from openai_constructs.patterns import AssistantWithThreads, ChatKitSessions, ThreadSpec
from openai_constructs.testing import assert_matches_schema
from openai_constructs.values import ChatKitConfiguration, FileUpload, Message
from tests.conftest import strip_metadata, synth


def test_assistant_with_threads(stack: TerraformStack, json_snapshot: SnapshotAssertion) -> None:
    seen: list[str] = []

    def on_thread(name: str, thread: Thread) -> None:
        seen.append(name)
        thread.add_message(f"Context for {name}.")

    desk = AssistantWithThreads(
        stack,
        "Desk",
        assistant={"model": "gpt-4o", "name": "Desk", "instructions": "Help."},
        threads={
            "welcome": ["Hello!"],
            "refund": ThreadSpec(
                messages=[Message(content="I want a refund.")],
                run=True,
                run_options={"temperature": 0.1},
                metadata={"topic": "refund"},
            ),
        },
        run_options={"max_completion_tokens": 500, "temperature": 0.5},
        on_thread=on_thread,
    )
    desk.add_thread("late", ThreadSpec(messages=["Still waiting."], run=True))

    assert seen == ["welcome", "refund", "late"]
    assert list(desk.threads) == ["welcome", "refund", "late"]
    assert list(desk.runs) == ["refund", "late"]
    assert isinstance(desk.assistant, Assistant)
    document = synth(stack)
    assert_matches_schema(document)
    assert strip_metadata(document) == json_snapshot
    refund_run = document["resource"]["openai_beta_thread_run"][
        desk.runs["refund"].resource.friendly_unique_id
    ]
    # Per-thread options win over shared ones; the run waits for the callback's message.
    assert (refund_run["temperature"], refund_run["max_completion_tokens"]) == (0.1, 500)
    assert len(refund_run["depends_on"]) == 1
    assert sorted(document["output"]) == [
        "Desk_assistant_id",
        "Desk_late_run_id",
        "Desk_late_thread_id",
        "Desk_refund_run_id",
        "Desk_refund_thread_id",
        "Desk_welcome_thread_id",
    ]


def test_assistant_with_threads_reuses_an_existing_assistant_and_can_skip_outputs(
    stack: TerraformStack,
) -> None:
    existing = Assistant.from_assistant_id(stack, "Existing", "asst_1")
    desk = AssistantWithThreads(
        stack,
        "Desk",
        assistant=existing,
        threads={"a": ["hi"]},
        run_threads=True,
        outputs=False,
    )
    document = synth(stack)
    assert "openai_beta_assistant" not in document["resource"]
    assert "output" not in document
    assert desk.assistant is existing
    (run,) = document["resource"]["openai_beta_thread_run"].values()
    assert run["assistant_id"] == "asst_1"


def test_assistant_with_threads_names_its_outputs_with_a_prefix(stack: TerraformStack) -> None:
    AssistantWithThreads(
        stack,
        "Desk",
        assistant={"model": "gpt-4o"},
        threads={"first-contact": []},
        output_prefix="support",
    )
    assert sorted(synth(stack)["output"]) == [
        "support_assistant_id",
        "support_first_contact_thread_id",
    ]


@pytest.mark.parametrize(
    ("threads", "message"),
    [
        ({"has space": []}, "threads['has space']: a letter, then up to 63"),
        ({"1st": []}, "threads['1st']: a letter"),
        ({"Outputs": []}, "threads['Outputs']: unique among the pattern's threads"),
    ],
)
def test_assistant_with_threads_checks_thread_names(
    stack: TerraformStack, threads: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        AssistantWithThreads(stack, "Desk", assistant={"model": "gpt-4o"}, threads=threads)


def test_assistant_with_threads_refuses_a_second_thread_of_the_same_name(
    stack: TerraformStack,
) -> None:
    desk = AssistantWithThreads(stack, "Desk", assistant={"model": "gpt-4o"}, threads={"a": []})
    with pytest.raises(ValidationError, match="unique among the pattern's threads"):
        desk.add_thread("a")


def test_assistant_options_are_validated_like_the_construct(stack: TerraformStack) -> None:
    with pytest.raises(ValidationError, match="test/Desk/Assistant"):
        AssistantWithThreads(stack, "Desk", assistant={"model": "gpt-4o", "temperature": 5})


def test_chatkit_sessions(stack: TerraformStack, json_snapshot: SnapshotAssertion) -> None:
    callbacks: list[tuple[str, ChatKitSession]] = []
    sessions = ChatKitSessions(
        stack,
        "Beta",
        workflow_id="wf_beta",
        users=["ana@example.com", "bo"],
        state_variables={"locale": "en", "plan": "free"},
        state_variables_for=lambda user: {"plan": "pro"} if user == "bo" else {},
        chatkit_configuration=ChatKitConfiguration(file_upload=FileUpload(max_files=2)),
        expires_after_seconds=300,
        max_requests_per_minute=15,
        on_session=lambda name, session: callbacks.append((name, session)),
    )
    assert list(sessions.sessions) == ["ana_example_com", "bo"]
    assert [name for name, _ in callbacks] == ["ana_example_com", "bo"]
    document = synth(stack)
    assert_matches_schema(document)
    assert strip_metadata(document) == json_snapshot
    outputs = document["output"]
    secrets = {name for name, body in outputs.items() if name.endswith("_client_secret")}
    assert secrets == {"Beta_ana_example_com_client_secret", "Beta_bo_client_secret"}
    assert all(outputs[name]["sensitive"] is True for name in secrets)
    assert all("sensitive" not in body for name, body in outputs.items() if name not in secrets)


def test_chatkit_sessions_with_chosen_names_and_no_outputs(stack: TerraformStack) -> None:
    sessions = ChatKitSessions(
        stack, "S", workflow_id="wf", users={"ana": "u-1", "bo": "u-2"}, outputs=False
    )
    assert {n: s.resource.user_input for n, s in sessions.sessions.items()} == {
        "ana": "u-1",
        "bo": "u-2",
    }
    assert "output" not in synth(stack)


def test_chatkit_sessions_refuses_names_that_collide(stack: TerraformStack) -> None:
    with pytest.raises(ValidationError, match=re.escape("'a.b' and 'a@b'")):
        ChatKitSessions(stack, "S", workflow_id="wf", users=["a.b", "a@b"])
    with pytest.raises(ValidationError, match="at least one user"):
        ChatKitSessions(stack, "S", workflow_id="wf", users=[])


def test_chatkit_sessions_shared_configuration_is_validated(stack: TerraformStack) -> None:
    with pytest.raises(ValidationError, match=r"(?s)in test/S/ana:.*expires_after_seconds"):
        ChatKitSessions(stack, "S", workflow_id="wf", users=["ana"], expires_after_seconds=0)
