"""Iteration and text, judged by real ``terraform plan`` of plain cdktf side by side: what
Terraform does with the same iterator or variable, and that ours refuses it first (or, with
the fix the message gives, plans exactly what was written)."""

from __future__ import annotations

from typing import Any

import pytest

import openai_constructs.cdk as oc_cdk
from openai_constructs import (
    AttributeTypeError,
    ChatKitSessions,
    Thread,
    ValidationError,
)
from openai_constructs.l1.beta_chatkit_session import BetaChatkitSession
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.provider import OpenaiProvider
from tests.hostile.terraform_eval import PlanFailed, planned, planned_after

IF = "%{ if true }evaluated%{ endif }"


def _plain() -> tuple[Any, Any]:
    runtime = __import__(oc_cdk.runtime_name())
    stack = runtime.TerraformStack(runtime.Testing.app(), "plain")
    OpenaiProvider(stack, "openai")
    return runtime, stack


def _ours(name: str = "ours") -> Any:
    stack = oc_cdk.TerraformStack(oc_cdk.Testing.app(), name)
    OpenaiProvider(stack, "openai")
    return stack


TEXTS = [IF, "${x}", 'a "quoted" word', "back\\slash \\n", "new\nline\ttab", "%%{ kept }"]


def test_a_literal_iterator_value_with_a_directive_is_evaluated_by_plain_cdktf(
    terraform_runner: Any,
) -> None:
    """The judge: plain cdktf's iterator lets Terraform evaluate the directive."""
    runtime, plain = _plain()
    each = runtime.TerraformIterator.from_list([IF])
    BetaThread(plain, "T", for_each=each, metadata={"v": each.value})
    after = planned_after(terraform_runner, plain)
    assert after['openai_beta_thread.T["evaluated"]']["metadata"] == {"v": "evaluated"}


@pytest.mark.parametrize("text", TEXTS[2:4])
def test_plain_cdktf_iterators_break_on_quotes_and_backslashes(
    terraform_runner: Any, text: str
) -> None:
    runtime, plain = _plain()
    BetaThread(plain, "T", for_each=runtime.TerraformIterator.from_list([text]))
    with pytest.raises(PlanFailed):
        planned_after(terraform_runner, plain)


def test_literal_iterator_values_arrive_exactly(terraform_runner: Any) -> None:
    stack = _ours()
    each = oc_cdk.TerraformIterator.from_list(TEXTS)
    Thread(stack, "L", for_each=each, metadata={"v": each.value})
    by_key = oc_cdk.TerraformIterator.from_map({t: t for t in TEXTS})
    Thread(stack, "M", for_each=by_key, metadata={"k": by_key.key, "v": by_key.value})
    plan = planned(terraform_runner, stack)
    by_index = {(c["name"], c["index"]): c["change"]["after"]["metadata"]
                for c in plan["resource_changes"]}
    assert by_index == {**{("L", t): {"v": t} for t in TEXTS},
                        **{("M", t): {"k": t, "v": t} for t in TEXTS}}


def test_references_still_iterate_and_mixed_text_is_refused(terraform_runner: Any) -> None:
    stack = _ours()
    prefix = oc_cdk.TerraformVariable(stack, "prefix", type="string", default="p")
    each = oc_cdk.TerraformIterator.from_list([f"{prefix.string_value}-a", "b"])
    Thread(stack, "T", for_each=each)
    assert set(planned_after(terraform_runner, stack)) == {
        'openai_beta_thread.T["p-a"]', 'openai_beta_thread.T["b"]'}
    with pytest.raises(ValidationError, match=r"from_list:\n  - list: .* needs quoting"):
        oc_cdk.TerraformIterator.from_list([prefix.string_value, IF])


def test_a_sensitive_variable_of_users(terraform_runner: Any) -> None:
    runtime, plain = _plain()
    users = runtime.TerraformVariable(plain, "users", type="set(string)", sensitive=True,
                                      default=["ana"])
    each = runtime.TerraformIterator.from_list(users.list_value)
    BetaChatkitSession(plain, "S", for_each=each, user=each.value, workflow={"id": "wf"})
    with pytest.raises(PlanFailed, match=r"(?i)sensitive"):  # the judge
        planned_after(terraform_runner, plain)

    stack = _ours()
    users = oc_cdk.TerraformVariable(stack, "users", type="set(string)", sensitive=True)
    with pytest.raises(AttributeTypeError, match="users: the TerraformVariable 'users' is "
                                                 "sensitive"):
        ChatKitSessions(stack, "Sessions", workflow_id="wf", users=users)
    assert stack.node.try_find_child("Sessions") is None


def test_a_map_of_objects_as_users(terraform_runner: Any) -> None:
    runtime, plain = _plain()
    users = runtime.TerraformVariable(plain, "users", type="map(object({name=string}))",
                                      default={"a": {"name": "ana"}})
    each = runtime.TerraformIterator.from_map(runtime.Token.as_any_map(users.value))
    BetaChatkitSession(plain, "S", for_each=each, user=each.value, workflow={"id": "wf"})
    with pytest.raises(PlanFailed):  # the judge: an object is no user string
        planned_after(terraform_runner, plain)

    stack = _ours()
    users = oc_cdk.TerraformVariable(stack, "users", type="map(object({name=string}))",
                                     default={"a": {"name": "ana"}})
    with pytest.raises(AttributeTypeError, match=r"has type 'map\(object\(\{name=string\}\)\)'"
                                                 ", whose entries are not text"):
        ChatKitSessions(stack, "Sessions", workflow_id="wf", users=users)
    fine = oc_cdk.TerraformVariable(stack, "names", type="map(string)", default={"a": "ana"})
    ChatKitSessions(stack, "Named", workflow_id="wf", users=fine)
    planned_after(terraform_runner, stack)
