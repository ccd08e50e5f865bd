"""Older cases: JSON that has no JSON form, a list reference inside text, a reference as a
construct id, and the null state variable. Judged by the standard library's JSON, plain
cdktf side by side (what it does with the same input) and the SDK's types."""

from __future__ import annotations

import json
import typing
from typing import Any

import pytest

import openai_constructs.cdk as oc_cdk
from openai_constructs import (
    Assistant,
    AttributeTypeError,
    ChatKitSession,
    ConstructIdError,
    Thread,
)
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.beta_chatkit_session import BetaChatkitSession
from openai_constructs.validation import RULES
from openai_constructs.values import FunctionTool, JsonSchemaResponseFormat

NOT_JSON = [float("nan"), float("inf"), float("-inf")]


def _stack() -> Any:
    return oc_cdk.TerraformStack(oc_cdk.Testing.app(), "old")


@pytest.mark.parametrize("bad", NOT_JSON, ids=["nan", "inf", "-inf"])
def test_json_helpers_refuse_what_json_cannot_hold(bad: float) -> None:
    schema = {"type": "object", "properties": {"n": {"type": "number", "maximum": bad}}}
    with pytest.raises(ValueError):  # the judge: the standard library's strict JSON
        json.dumps(schema, allow_nan=False)
    with pytest.raises(AttributeTypeError, match=r"JsonSchemaResponseFormat: schema\['prop"
                                                 r"erties'\]\['n'\]\['maximum'\]: expects a "
                                                 "JSON value"):
        JsonSchemaResponseFormat("answer", schema)
    with pytest.raises(AttributeTypeError, match=r"FunctionTool: parameters\['properties'\]"):
        FunctionTool("f", parameters=schema)


@pytest.mark.parametrize("bad", NOT_JSON, ids=["nan", "inf", "-inf"])
def test_a_non_finite_number_is_never_taken_for_a_reference(bad: float) -> None:
    stack = _stack()
    with pytest.raises(AttributeTypeError, match="temperature: expects a finite number"):
        BetaAssistant(stack, "A", model="m", temperature=bad)
    with pytest.raises(AttributeTypeError, match=r"response_format\['json_schema'\]"):
        Assistant(stack, "B", model="m", response_format={
            "type": "json_schema", "json_schema": {"name": "n", "schema": {"maximum": bad}}})
    oc_cdk.Testing.synth(stack)  # the kernel is alive and the stack is whole


def test_a_list_reference_inside_text_is_refused_in_python() -> None:
    runtime = __import__(oc_cdk.runtime_name())
    # the judge: plain cdktf only fails at synth, inside JavaScript
    plain = runtime.TerraformStack(runtime.Testing.app(), "plain")
    users = runtime.TerraformVariable(plain, "users", type="list(string)").list_value
    runtime.TerraformOutput(plain, "o", value={"a": f"x{users}"})
    with pytest.raises(Exception, match="list token") as caught:
        runtime.Testing.synth(plain)
    assert not isinstance(caught.value, AttributeTypeError)

    stack = _stack()
    users = oc_cdk.TerraformVariable(stack, "users", type="list(string)").list_value
    with pytest.raises(AttributeTypeError, match=r"ChatKitSession 'old/C': state_variables\['a'\]"
                                                 ": got one element of a list reference"):
        ChatKitSession(stack, "C", workflow_id="wf", user="u",
                       state_variables={"a": f"x{users}"})
    with pytest.raises(AttributeTypeError, match=r"workflow.state_variables\['a'\]"):
        BetaChatkitSession(stack, "L1", user="u",
                           workflow={"id": "wf", "state_variables": {"a": f"x{users}"}})
    # the fix the message gives works
    first = oc_cdk.Token.as_string(oc_cdk.Fn.element(users, 0))
    ChatKitSession(stack, "Ok", workflow_id="wf", user="u", state_variables={"a": f"x{first}"})
    document = json.loads(oc_cdk.Testing.synth(stack))
    session = document["resource"]["openai_beta_chatkit_session"]["Ok"]
    assert session["workflow"]["state_variables"] == {"a": "x${element(var.users, 0)}"}


@pytest.mark.parametrize("make", [
    lambda s, ref: BetaAssistant(s, ref, model="m"),
    lambda s, ref: oc_cdk.TerraformOutput(s, ref, value=1),
    lambda s, ref: oc_cdk.TerraformVariable(s, ref),
    lambda s, ref: oc_cdk.TerraformLocal(s, ref, 1),
    lambda s, ref: Thread(s, ref),
    lambda s, ref: Thread(s, "T").add_message("x", id=ref),
], ids=["l1", "output", "variable", "local", "l2", "add_message"])
def test_a_reference_as_a_construct_id_is_a_construct_id_error(make: Any) -> None:
    runtime = __import__(oc_cdk.runtime_name())
    plain = runtime.TerraformStack(runtime.Testing.app(), "plain")
    ref = runtime.TerraformVariable(plain, "v", type="string").string_value
    with pytest.raises(RuntimeError, match="cannot use a token") as caught:  # the judge
        runtime.TerraformOutput(plain, ref, value=1)
    assert not isinstance(caught.value, ConstructIdError)

    stack = _stack()
    ref = oc_cdk.TerraformVariable(stack, "v", type="string").string_value
    with pytest.raises(ConstructIdError, match="the id is a reference"):
        make(stack, ref)
    oc_cdk.Testing.synth(stack)


def test_null_state_variables_agree_with_the_sdk_rules_l1_and_l2() -> None:
    from openai.types.beta.chatkit.chat_session_workflow_param import (
        ChatSessionWorkflowParam,
    )

    hints = typing.get_type_hints(ChatSessionWorkflowParam)
    allowed = typing.get_args(typing.get_args(hints["state_variables"])[1])
    assert type(None) not in allowed  # the SDK: no null value
    rule = next(r for r in RULES if r.id == "chatkit.state_variables.values")
    assert "None" not in rule.text
    assert rule.check({"a": None}) is not None
    stack = _stack()
    with pytest.raises(AttributeTypeError, match="is None"):
        ChatKitSession(stack, "C", workflow_id="wf", user="u", state_variables={"a": None})
    with pytest.raises(AttributeTypeError, match="is None"):
        BetaChatkitSession(stack, "L1", user="u",
                           workflow={"id": "wf", "state_variables": {"a": None}})
