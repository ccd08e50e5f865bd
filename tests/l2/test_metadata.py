"""``Metadata.of(scope).add``: reaches every metadata-bearing construct below the scope,
whenever it was declared, never overrides a construct's own pairs, stays within 16 pairs
(checked when the pair is added, atomically) and gives the same document in any order.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from openai_constructs import (
    Assistant,
    ChatKitSession,
    Metadata,
    Run,
    Thread,
    ValidationError,
)
from openai_constructs._runtime.cdk import Construct, TerraformStack, TerraformVariable, Token
from openai_constructs._runtime.cdk import Testing as CdkTesting
from tests.conftest import synth


def metadata_of(document: dict[str, Any], resource_type: str) -> dict[str, Any]:
    return {
        name: body.get("metadata")
        for name, body in document["resource"].get(resource_type, {}).items()
    }


def test_pairs_reach_constructs_declared_before_and_after_the_call(
    stack: TerraformStack,
) -> None:
    before = Assistant(stack, "Before", model="gpt-4o")
    Metadata.of(stack).add("team", "support")
    after = Thread(stack, "After")
    message = after.add_message("hi")
    run = after.run(before)
    assert before.resource.metadata_input == {"team": "support"}
    assert after.resource.metadata_input == {"team": "support"}
    assert message.resource.metadata_input == {"team": "support"}
    assert run.resource.metadata_input == {"team": "support"}


def test_a_pair_set_on_the_construct_wins(stack: TerraformStack) -> None:
    Metadata.of(stack).add("team", "platform")
    own = Assistant(stack, "Own", model="gpt-4o", metadata={"team": "support"})
    Metadata.of(stack).add("team", "billing")
    assert own.resource.metadata_input == {"team": "support"}
    own.add_metadata("env", "prod")
    assert own.resource.metadata_input == {"team": "support", "env": "prod"}


def test_the_nearest_scope_wins_whatever_the_order_of_calls(stack: TerraformStack) -> None:
    group = Construct(stack, "Group")
    inner = Thread(group, "Inner")
    outer = Thread(stack, "Outer")
    Metadata.of(group).add("env", "staging")
    Metadata.of(stack.node.root).add("env", "prod")
    assert inner.resource.metadata_input == {"env": "staging"}
    assert outer.resource.metadata_input == {"env": "prod"}


def test_a_scope_covers_itself_and_its_children_only(stack: TerraformStack) -> None:
    bot = Assistant.from_assistant_id(stack, "Bot", "asst_1")
    thread = Thread(stack, "T")
    sibling = Thread(stack, "Sibling")
    Metadata.of(thread).add("conversation", "vip")
    message = thread.add_message("hi")
    run = thread.run(bot)
    assert thread.resource.metadata_input == {"conversation": "vip"}
    assert message.resource.metadata_input == {"conversation": "vip"}
    assert run.resource.metadata_input == {"conversation": "vip"}
    assert sibling.resource.metadata_input is None


def test_sessions_have_no_metadata_and_are_left_alone(stack: TerraformStack) -> None:
    Metadata.of(stack).add("team", "support")
    session = ChatKitSession(stack, "S", workflow_id="wf", user="u")
    assert "metadata" not in synth(stack)["resource"]["openai_beta_chatkit_session"]["S"]
    assert session.resource.node.path == "test/S/Default"


def test_exceeding_16_pairs_fails_at_the_add_call_and_changes_nothing(
    stack: TerraformStack,
) -> None:
    full = Assistant(stack, "Full", model="gpt-4o", metadata={f"k{i}": "v" for i in range(16)})
    roomy = Thread(stack, "Roomy")
    with pytest.raises(ValidationError) as caught:
        Metadata.of(stack).add("extra", "1")
    text = str(caught.value)
    assert "Metadata.of('test').add('extra', ...)" in text
    assert "test/Full: metadata: at most 16 key-value pairs" in text
    assert "16 set on the construct, 1 added with Metadata.of" in text
    # Atomic: no construct got the pair, and later ones do not inherit it either.
    assert full.resource.metadata_input == {f"k{i}": "v" for i in range(16)}
    assert roomy.resource.metadata_input is None
    assert Thread(stack, "Later").resource.metadata_input is None


def test_a_new_construct_that_would_exceed_16_pairs_is_refused(stack: TerraformStack) -> None:
    Metadata.of(stack).add("a", "1")
    Metadata.of(stack).add("b", "2")
    with pytest.raises(ValidationError) as caught:
        Run(
            stack,
            "R",
            thread=Thread.from_thread_id(stack, "T", "thread_1"),
            assistant=Assistant.from_assistant_id(stack, "A", "asst_1"),
            metadata={f"k{i}": "v" for i in range(15)},
        )
    assert "15 set on the construct, 2 added with Metadata.of" in str(caught.value)
    assert stack.node.try_find_child("R") is None


def test_add_metadata_on_a_construct_is_checked_too(stack: TerraformStack) -> None:
    Metadata.of(stack).add("team", "support")
    thread = Thread(stack, "T", metadata={f"k{i}": "v" for i in range(15)})
    with pytest.raises(ValidationError, match="at most 16 key-value pairs"):
        thread.add_metadata("one", "too many")
    with pytest.raises(ValidationError, match="values at most 512 characters"):
        thread.add_metadata("k0", "v" * 513)
    assert thread.resource.metadata_input == {
        **{f"k{i}": "v" for i in range(15)},
        "team": "support",
    }


def test_keys_and_values_are_checked_when_added(stack: TerraformStack) -> None:
    with pytest.raises(ValidationError, match="keys at most 64 characters"):
        Metadata.of(stack).add("k" * 65, "v")
    with pytest.raises(ValidationError, match="values at most 512 characters"):
        Metadata.of(stack).add("k", "v" * 513)
    Metadata.of(stack).add("k" * 64, "v" * 512)


def test_values_may_be_references(stack: TerraformStack) -> None:
    owner = TerraformVariable(stack, "owner", type="string")
    Metadata.of(stack).add("owner", owner.string_value)
    Thread(stack, "T")
    assert synth(stack)["resource"]["openai_beta_thread"]["T"]["metadata"] == {
        "owner": "${var.owner}"
    }


def test_a_referenced_metadata_map_is_merged_by_terraform(stack: TerraformStack) -> None:
    labels = TerraformVariable(stack, "labels", type="map(string)")
    Metadata.of(stack).add("team", "support")
    Thread(stack, "T", metadata=Token.as_string_map(labels.value))
    metadata = synth(stack)["resource"]["openai_beta_thread"]["T"]["metadata"]
    # Built with exact HCL string literals (cdktf's Fn.merge would not escape the pairs).
    assert metadata == '${merge(zipmap(["team"], ["support"]), var.labels)}'


def _build(order: list[tuple[str, str, str]]) -> str:
    stack = TerraformStack(CdkTesting.app(), "test")
    group = Construct(stack, "Group")
    Assistant(stack, "A", model="gpt-4o", metadata={"z": "own", "a": "own"})
    Thread(group, "T")
    for where, key, value in order:
        Metadata.of(stack if where == "stack" else group).add(key, value)
    return json.dumps(synth(stack))


def test_the_document_does_not_depend_on_the_order_of_calls() -> None:
    calls = [("stack", "team", "x"), ("group", "env", "y"), ("stack", "cost", "z")]
    assert _build(calls) == _build(list(reversed(calls)))


def test_inherited_pairs_follow_own_pairs_sorted_by_key(stack: TerraformStack) -> None:
    Metadata.of(stack).add("team", "x")
    Metadata.of(stack).add("cost", "y")
    own = Assistant(stack, "A", model="gpt-4o", metadata={"z": "1", "a": "2"})
    assert list(own.metadata) == ["z", "a", "cost", "team"]
    assert own.resource.metadata_input == own.metadata
