"""Metadata precedence on keys that need escaping, judged by real Terraform.

An own key such as ``x${y}`` is the same key for the construct, ``Metadata.of(...).add``
and ``.remove``: what ``pairs()`` reports is what Terraform plans (the stub provider plans
configured values as given, so a planned ``metadata`` is what the API would get).
"""

from __future__ import annotations

from typing import Any

import pytest

from openai_constructs import Assistant, ConstructTypeError, Metadata, Thread
from openai_constructs._runtime.cdk import TerraformStack, Testing
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.provider import OpenaiProvider
from tests.hostile.terraform_eval import planned_after

KEYS = ["x${y}", "p%{ if true }q%{ endif }", "$${z}", "plain"]


def _stack() -> TerraformStack:
    stack = TerraformStack(Testing.app(), "precedence")
    OpenaiProvider(stack, "openai")
    return stack


def test_escaped_keys_follow_the_precedence_rules(terraform_runner: Any) -> None:
    stack = _stack()
    # Own pairs (priority 50) against a lower add (kept), a default add (wins), a remove.
    kept = Assistant(stack, "Kept", model="gpt-4o", metadata={k: "own" for k in KEYS})
    Metadata.of(stack).add(KEYS[0], "low", priority=10)
    replaced = Thread(stack, "Replaced", metadata={KEYS[1]: "own", KEYS[2]: "own"})
    Metadata.of(replaced).add(KEYS[1], "added")
    Metadata.of(kept).remove(KEYS[2])
    # created after the operations: the same result as before them
    late = Assistant(stack, "Late", model="gpt-4o", metadata={KEYS[0]: "own", KEYS[3]: "own"})
    after = planned_after(terraform_runner, stack)

    assert after["openai_beta_assistant.Kept"]["metadata"] == {
        KEYS[0]: "own", KEYS[1]: "own", KEYS[3]: "own"}
    assert after["openai_beta_thread.Replaced"]["metadata"] == {
        KEYS[0]: "low", KEYS[1]: "added", KEYS[2]: "own"}
    assert after["openai_beta_assistant.Late"]["metadata"] == {KEYS[0]: "own", KEYS[3]: "own"}
    for construct, address in ((kept, "openai_beta_assistant.Kept"),
                               (replaced, "openai_beta_thread.Replaced"),
                               (late, "openai_beta_assistant.Late")):
        assert Metadata.of(construct).pairs() == after[address]["metadata"]


def test_add_metadata_after_operations_keeps_the_user_form(terraform_runner: Any) -> None:
    stack = _stack()
    thread = Thread(stack, "T", metadata={"a${b}": "own"})
    Metadata.of(stack).remove("a${b}", priority=40)  # below own pairs: no effect
    thread.add_metadata("c%{d}", "own too")
    after = planned_after(terraform_runner, stack)
    assert after["openai_beta_thread.T"]["metadata"] == {"a${b}": "own", "c%{d}": "own too"}
    assert thread.metadata == after["openai_beta_thread.T"]["metadata"]


def test_a_negative_priority_fills_in_missing_keys(terraform_runner: Any) -> None:
    # AWS CDK's tag manager applies a tag when nothing of higher priority set the key:
    # any priority, negative ones included, fills a key nobody else sets.
    stack = _stack()
    Metadata.of(stack).add("team", "core", priority=-1)
    Metadata.of(stack).add("owned", "fallback", priority=-5)
    thread = Thread(stack, "T", metadata={"owned": "own"})
    after = planned_after(terraform_runner, stack)
    assert after["openai_beta_thread.T"]["metadata"] == {"owned": "own", "team": "core"}
    assert thread.metadata == after["openai_beta_thread.T"]["metadata"]


def test_l1_resources_used_directly_keep_their_terraform_text(terraform_runner: Any) -> None:
    # A generated resource takes Terraform text as given (``${...}`` is an expression there);
    # the pairs of Metadata.of are literal and arrive exactly.
    stack = _stack()
    BetaAssistant(stack, "Raw", model="gpt-4o", metadata={"k": "${upper(\"v\")}"})
    Metadata.of(stack).add("x${y}", "added")
    after = planned_after(terraform_runner, stack)
    assert after["openai_beta_assistant.Raw"]["metadata"] == {"k": "V", "x${y}": "added"}


def test_a_generated_resource_declared_inside_an_l2_construct_gets_the_pairs(
    terraform_runner: Any,
) -> None:
    stack = _stack()
    Metadata.of(stack).add("team", "core")
    thread = Thread(stack, "T")
    BetaAssistant(thread, "Extra", model="gpt-4o")  # an escape hatch inside an L2 construct
    after = planned_after(terraform_runner, stack)
    assert after["openai_beta_thread.T"]["metadata"] == {"team": "core"}
    extra = next(a for a in after if a.startswith("openai_beta_assistant.T_Extra"))
    assert after[extra]["metadata"] == {"team": "core"}


@pytest.mark.parametrize("scope", ["a string", None, 42, {"node": 1}])
def test_metadata_of_a_non_construct_is_a_construct_type_error(scope: Any) -> None:
    with pytest.raises(ConstructTypeError, match=r"Metadata\.of: scope: expects a construct"):
        Metadata.of(scope)
