"""The patterns with their collections from a Terraform variable or iterator: one iterated
construct, outputs as maps by key, callbacks seeing the iterator's references. (Real
``terraform plan`` with 0, 1 and 3 entries: ``tests/l2/test_iteration_plans.py``.)"""

from __future__ import annotations

from typing import Any

import pytest

from openai_constructs import AttributeTypeError, Thread
from openai_constructs._runtime.cdk import (
    TerraformIterator,
    TerraformStack,
    TerraformVariable,
    Token,
)
from openai_constructs.patterns import AssistantWithThreads, ChatKitSessions, ThreadSpec
from openai_constructs.testing import assert_matches_schema
from tests.conftest import synth


def test_assistant_with_threads_from_a_map_variable(stack: TerraformStack) -> None:
    topics = TerraformVariable(stack, "topics", type="map(string)")
    seen: list[Any] = []

    def on_thread(name: str, thread: Thread) -> None:
        seen.append(name)
        thread.add_message("Follow-up.")

    desk = AssistantWithThreads(
        stack,
        "Desk",
        assistant={"model": "gpt-4o"},
        threads=topics,
        each_thread=lambda each: ThreadSpec(
            messages=[each.value], run=True, metadata={"topic": each.key}
        ),
        on_thread=on_thread,
    )
    document = synth(stack)
    assert_matches_schema(document)
    threads = document["resource"]["openai_beta_thread"]
    (thread,) = threads.values()
    assert thread["for_each"] == "${var.topics}"
    assert thread["messages"] == [{"content": "${each.value}", "role": "user"}]
    assert thread["metadata"] == {"topic": "${each.key}"}
    (run,) = document["resource"]["openai_beta_thread_run"].values()
    assert run["for_each"] == "${var.topics}"
    assert run["thread_id"].endswith("[each.key].id}")
    assert len(run["depends_on"]) == 1  # after the callback's message
    assert len(seen) == 1 and "TfToken" in seen[0]
    assert desk.iterated_thread is not None and desk.iterated_run is not None
    assert desk.threads == {} and desk.runs == {}
    outputs = document["output"]
    assert sorted(outputs) == ["Desk_assistant_id", "Desk_run_ids", "Desk_thread_ids"]
    assert outputs["Desk_thread_ids"]["value"].startswith("${{ for key, val in openai_beta_thread.")


def test_assistant_with_threads_from_a_list_iterator_without_runs(stack: TerraformStack) -> None:
    names = TerraformVariable(stack, "names", type="list(string)")
    AssistantWithThreads(
        stack,
        "Desk",
        assistant={"model": "gpt-4o"},
        threads=TerraformIterator.from_list(Token.as_list(names.value)),
    )
    document = synth(stack)
    (thread,) = document["resource"]["openai_beta_thread"].values()
    assert thread == {"for_each": "${toset(var.names)}"}
    assert "openai_beta_thread_run" not in document["resource"]
    assert sorted(document["output"]) == ["Desk_assistant_id", "Desk_thread_ids"]


def test_chatkit_sessions_from_a_set_variable(stack: TerraformStack) -> None:
    users = TerraformVariable(stack, "users", type="set(string)")
    named: list[str] = []
    sessions = ChatKitSessions(
        stack,
        "Beta",
        workflow_id="wf_beta",
        users=users,
        state_variables={"plan": "pro"},
        state_variables_for=lambda user: {"who": user},
        on_session=lambda name, session: named.append(name),
    )
    document = synth(stack)
    assert_matches_schema(document)
    (session,) = document["resource"]["openai_beta_chatkit_session"].values()
    assert session["for_each"] == "${toset(var.users)}"
    assert session["user"] == "${each.value}"
    assert session["workflow"]["state_variables"] == {"plan": "pro", "who": "${each.value}"}
    assert sessions.sessions == {} and sessions.iterated_session is not None
    assert len(named) == 1
    outputs = document["output"]
    assert sorted(outputs) == ["Beta_client_secrets", "Beta_session_ids"]
    assert outputs["Beta_client_secrets"]["sensitive"] is True


def test_a_variable_without_a_collection_type_is_refused(stack: TerraformStack) -> None:
    untyped = TerraformVariable(stack, "untyped")
    with pytest.raises(AttributeTypeError, match="needs a map, object, list or set type"):
        ChatKitSessions(stack, "Beta", workflow_id="wf", users=untyped)
    with pytest.raises(AttributeTypeError, match="test/Desk: threads: a TerraformVariable"):
        AssistantWithThreads(stack, "Desk", assistant={"model": "m"}, threads=untyped)
    assert stack.node.try_find_child("Beta") is None
    assert stack.node.try_find_child("Desk") is None
