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


def sent(construct: Any) -> Any:
    """The metadata of ``construct``'s object in the synthesized document."""
    resource = getattr(construct, "resource", construct)
    stack = TerraformStack.of(resource)
    body = synth(stack)["resource"][resource.terraform_resource_type]
    return body[resource.friendly_unique_id].get("metadata")


def test_pairs_reach_constructs_declared_before_and_after_the_call(
    stack: TerraformStack,
) -> None:
    before = Assistant(stack, "Before", model="gpt-4o")
    Metadata.of(stack).add("team", "support")
    after = Thread(stack, "After")
    message = after.add_message("hi")
    run = after.run(before)
    for construct in (before, after, message, run):
        assert sent(construct) == {"team": "support"}
        assert Metadata.of(construct).pairs() == {"team": "support"}


def test_an_add_replaces_own_pairs_unless_its_priority_is_below_50(
    stack: TerraformStack,
) -> None:
    """AWS CDK: own tags have priority 50, Tags.of(...).add 100 by default."""
    Metadata.of(stack).add("team", "platform")
    Metadata.of(stack).add("tier", "default", priority=49)
    own = Assistant(
        stack, "Own", model="gpt-4o", metadata={"team": "support", "tier": "gold"}
    )
    plain = Assistant(stack, "Plain", model="gpt-4o")
    assert sent(own) == {"team": "platform", "tier": "gold"}
    assert sent(plain) == {"team": "platform", "tier": "default"}
    own.add_metadata("env", "prod")
    assert sent(own) == {"team": "platform", "tier": "gold", "env": "prod"}
    assert own.resource.metadata_input == {"team": "support", "tier": "gold", "env": "prod"}


def test_the_nearest_scope_wins_whatever_the_order_of_calls(stack: TerraformStack) -> None:
    group = Construct(stack, "Group")
    inner = Thread(group, "Inner")
    outer = Thread(stack, "Outer")
    Metadata.of(group).add("env", "staging")
    Metadata.of(stack.node.root).add("env", "prod")
    assert sent(inner) == {"env": "staging"}
    assert sent(outer) == {"env": "prod"}


def test_a_scope_covers_itself_and_its_children_only(stack: TerraformStack) -> None:
    bot = Assistant.from_assistant_id(stack, "Bot", "asst_1")
    thread = Thread(stack, "T")
    sibling = Thread(stack, "Sibling")
    Metadata.of(thread).add("conversation", "vip")
    message = thread.add_message("hi")
    run = thread.run(bot)
    assert sent(thread) == {"conversation": "vip"}
    assert sent(message) == {"conversation": "vip"}
    assert sent(run) == {"conversation": "vip"}
    assert sent(sibling) is None


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
    assert sent(full) == {f"k{i}": "v" for i in range(16)}
    assert sent(roomy) is None
    assert sent(Thread(stack, "Later")) is None


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
    assert sent(thread) == {**{f"k{i}": "v" for i in range(15)}, "team": "support"}


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
    # team (priority 100) ranks above the map's own pairs (50): it comes last, built with
    # exact HCL string literals (cdktf's Fn.merge would not escape the pairs).
    assert metadata == '${merge(var.labels, zipmap(["team"], ["support"]))}'


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
    assert sent(own) == own.metadata  # (the synthesized JSON sorts keys)


# ---------------------------------------------------------------------------------------
# As complete as AWS CDK Tags: remove, priorities, resource types, generated resources.
# ---------------------------------------------------------------------------------------


def test_remove_takes_out_own_and_inherited_pairs(stack: TerraformStack) -> None:
    Metadata.of(stack).add("team", "platform")
    group = Construct(stack, "Group")
    inside = Thread(group, "Inside", metadata={"secret_project": "x", "keep": "1"})
    outside = Thread(stack, "Outside", metadata={"secret_project": "y"})
    Metadata.of(group).remove("secret_project")
    Metadata.of(group).remove("team")
    assert sent(inside) == {"keep": "1"}
    assert sent(outside) == {"secret_project": "y", "team": "platform"}
    # A later construct in the scope is covered too.
    assert sent(Thread(group, "Later", metadata={"secret_project": "z"})) is None


def test_a_remove_below_the_priority_of_an_add_leaves_the_pair(stack: TerraformStack) -> None:
    group = Construct(stack, "Group")
    thread = Thread(group, "T")
    Metadata.of(stack).add("team", "platform", priority=300)
    Metadata.of(group).remove("team")  # 200 < 300: nearer, but outranked
    assert sent(thread) == {"team": "platform"}
    Metadata.of(group).remove("team", priority=300)  # equal: the nearer scope wins
    assert sent(thread) is None


def test_a_higher_priority_beats_the_nearer_scope(stack: TerraformStack) -> None:
    group = Construct(stack, "Group")
    thread = Thread(group, "T")
    Metadata.of(stack).add("env", "prod", priority=150)
    Metadata.of(group).add("env", "staging")
    assert sent(thread) == {"env": "prod"}
    Metadata.of(group).add("env", "canary", priority=150)
    assert sent(thread) == {"env": "canary"}


def test_on_one_scope_the_later_call_wins_at_equal_priority(stack: TerraformStack) -> None:
    thread = Thread(stack, "T")
    Metadata.of(stack).add("env", "one")
    Metadata.of(stack).add("env", "two")
    assert sent(thread) == {"env": "two"}
    Metadata.of(stack).add("env", "three", priority=99)
    assert sent(thread) == {"env": "two"}


def test_include_and_exclude_resource_types(stack: TerraformStack) -> None:
    bot = Assistant(stack, "Bot", model="gpt-4o")
    thread = Thread(stack, "T")
    message = thread.add_message("hi")
    run = thread.run(bot)
    Metadata.of(stack).add("a", "1", include_resource_types=["openai_beta_thread"])
    Metadata.of(stack).add(
        "b", "2", exclude_resource_types=["openai_beta_thread", "openai_beta_assistant"]
    )
    Metadata.of(stack).add(
        "c",
        "3",
        include_resource_types=["openai_beta_thread_run", "openai_beta_thread"],
        exclude_resource_types=["openai_beta_thread"],
    )
    assert sent(bot) is None
    assert sent(thread) == {"a": "1"}
    assert sent(message) == {"b": "2"}
    assert sent(run) == {"b": "2", "c": "3"}
    Metadata.of(stack).remove("b", include_resource_types=["openai_beta_thread_run"])
    assert sent(message) == {"b": "2"}
    assert sent(run) == {"c": "3"}


def test_generated_resources_and_subclasses_get_the_pairs(stack: TerraformStack) -> None:
    from openai_constructs.l1.beta_assistant import BetaAssistant
    from openai_constructs.l1.beta_thread import BetaThread

    class TeamThread(BetaThread):
        pass

    early = BetaAssistant(stack, "Early", model="gpt-4o", metadata={"own": "1"})
    Metadata.of(stack).add("team", "support")
    late = TeamThread(stack, "Late")
    assert sent(early) == {"own": "1", "team": "support"}
    assert sent(late) == {"team": "support"}
    assert Metadata.of(late).pairs() == {"team": "support"}
    # The value given stays what the user gave; setting it again keeps the pairs.
    assert early.metadata_input == {"own": "1"}
    early.metadata = {"other": "2"}
    assert sent(early) == {"other": "2", "team": "support"}
    early.reset_metadata()
    assert sent(early) == {"team": "support"}
    Metadata.of(stack).remove("team")
    assert sent(early) is None and sent(late) is None


def test_pairs_reach_generated_resources_escaped_and_references_resolve(
    stack: TerraformStack,
) -> None:
    from openai_constructs.l1.beta_thread import BetaThread

    owner = TerraformVariable(stack, "owner", type="string")
    Metadata.of(stack).add("note", "${not.an.expression} %{if x}")
    Metadata.of(stack).add("owner", owner.string_value)
    l1 = BetaThread(stack, "L1")
    l2 = Thread(stack, "L2")
    for construct in (l1, l2):
        assert sent(construct) == {
            "note": '${"$"}{not.an.expression} ${"%"}{if x}',
            "owner": "${var.owner}",
        }
    assert Metadata.of(l2).pairs()["note"] == "${not.an.expression} %{if x}"


def test_generated_resources_are_not_held_to_the_limits(stack: TerraformStack) -> None:
    """They are the unchecked escape hatch; the L2 constructs are checked."""
    from openai_constructs.l1.beta_thread import BetaThread

    l1 = BetaThread(stack, "L1", metadata={f"k{i}": "v" for i in range(16)})
    Metadata.of(stack).add("extra", "1")
    assert len(sent(l1)) == 17


def test_pairs_of_a_plain_scope_need_a_resource_type(stack: TerraformStack) -> None:
    group = Construct(stack, "Group")
    Metadata.of(stack).add("team", "support")
    Metadata.of(group).add("thread_only", "1", include_resource_types=["openai_beta_thread"])
    assert Metadata.of(group).pairs("openai_beta_thread") == {
        "team": "support",
        "thread_only": "1",
    }
    assert Metadata.of(group).pairs("openai_beta_assistant") == {"team": "support"}
    with pytest.raises(TypeError, match="pass resource_type"):
        Metadata.of(group).pairs()


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"include_resource_types": ["openai_beta_threads"]}, "'openai_beta_threads'"),
        ({"exclude_resource_types": "openai_beta_thread"}, "exclude_resource_types"),
        ({"priority": "high"}, "priority: a finite number (got 'high')"),
        ({"priority": True}, "priority: a finite number"),
        ({"priority": float("nan")}, "priority: a finite number"),
    ],
)
def test_bad_options_are_refused_and_record_nothing(
    stack: TerraformStack, options: dict[str, Any], expected: str
) -> None:
    thread = Thread(stack, "T")
    for call in (
        lambda: Metadata.of(stack).add("k", "v", **options),
        lambda: Metadata.of(stack).remove("k", **options),
    ):
        with pytest.raises(ValidationError) as caught:
            call()
        assert expected in str(caught.value)
    assert sent(thread) is None
    assert sent(Thread(stack, "Later")) is None


def test_removing_from_a_referenced_map_is_refused(stack: TerraformStack) -> None:
    labels = TerraformVariable(stack, "labels", type="map(string)")
    thread = Thread(stack, "T", metadata=Token.as_string_map(labels.value))
    with pytest.raises(ValidationError, match="keys of a referenced map are only known"):
        Metadata.of(stack).remove("team")
    Metadata.of(stack).remove("team", priority=10)  # below own pairs: nothing to take out
    assert sent(thread) == "${var.labels}"
    Metadata.of(stack).add("low", "1", priority=10)
    assert sent(thread) == '${merge(zipmap(["low"], ["1"]), var.labels)}'


def test_remove_makes_room_for_the_16_pair_limit(stack: TerraformStack) -> None:
    Metadata.of(stack).add("a", "1")
    full = Thread(stack, "Full", metadata={f"k{i}": "v" for i in range(15)})
    with pytest.raises(ValidationError):
        Metadata.of(stack).add("b", "2")
    Metadata.of(stack).remove("k0")
    Metadata.of(stack).add("b", "2")
    assert len(sent(full)) == 16


def test_a_construct_with_a_referenced_map_under_a_remove_is_refused(
    stack: TerraformStack,
) -> None:
    labels = TerraformVariable(stack, "labels", type="map(string)")
    Metadata.of(stack).remove("team")
    with pytest.raises(ValidationError, match="keys of a referenced map are only known"):
        Thread(stack, "T", metadata=Token.as_string_map(labels.value))
    assert stack.node.try_find_child("T") is None
