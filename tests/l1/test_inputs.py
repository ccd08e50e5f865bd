"""Inputs: types checked in Python with the construct path, unknown keys refused, tokens kept."""

from __future__ import annotations

import json
import math
import re

import pytest

from openai_constructs import LiteralSecret
from openai_constructs._runtime.cdk import Fn, TerraformStack, TerraformVariable, Token
from openai_constructs.errors import AttributeTypeError, SensitiveValueError
from openai_constructs.l1.beta_assistant import (
    BetaAssistant,
    BetaAssistantTools,
    BetaAssistantToolsFunction,
)
from openai_constructs.l1.beta_chatkit_session import BetaChatkitSession
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.beta_thread_message import (
    BetaThreadMessage,
    BetaThreadMessageAttachments,
)
from openai_constructs.l1.data_openai_beta_thread_run_step import DataOpenaiBetaThreadRunStep
from openai_constructs.l1.provider import OpenaiProvider
from tests.conftest import synth


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"model": 5}, "BetaAssistant 'test/a': model: expects a string, got int 5"),
        ({"model": "m", "temperature": "hot"}, "temperature: expects a number, got str 'hot'"),
        ({"model": "m", "temperature": True}, "temperature: expects a number, got bool True"),
        ({"model": "m", "temperature": math.nan}, "temperature: expects a finite number"),
        ({"model": "m", "metadata": {"a": 1}}, "metadata['a']: expects a string, got int 1"),
        ({"model": "m", "metadata": ["a"]}, "metadata: expects a map of strings, got list"),
        ({"model": "m", "tools": {"type": "x"}},
         "tools: expects a list of BetaAssistantTools or dicts, got dict"),
        ({"model": "m", "tools": [{"type": "function", "function": {"nme": "x"}}]},
         "tools[0].function: unknown key 'nme'; did you mean 'name'?"),
        ({"model": "m", "tools": [{"type": "function", "function": {"name": 3}}]},
         "tools[0].function.name: expects a string, got int 3"),
        ({"model": "m", "tools": [{"function": {"name": "f"}}]}, "tools[0].type: is required"),
        ({"model": "m", "tools": [None]},
         "tools[0]: expects BetaAssistantTools or a dict, got NoneType None"),
        ({"model": "m", "tool_resources": {"code_interpreter": {"file_ids": "f"}}},
         "tool_resources.code_interpreter.file_ids: expects a list of strings, got str 'f'"),
        ({"model": "m", "tools": [{"type": "function",
                                   "function": {"name": "f", "parameters": {"x": {1, 2}}}}]},
         "tools[0].function.parameters['x']: expects a JSON value, got set"),
    ],
)
def test_type_errors_name_class_path_and_attribute(
    stack: TerraformStack, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(AttributeTypeError, match=re.escape(message)):
        BetaAssistant(stack, "a", **kwargs)  # type: ignore[arg-type]


def test_type_errors_are_type_errors_raised_before_the_construct_exists(
    stack: TerraformStack,
) -> None:
    with pytest.raises(TypeError):
        BetaAssistant(stack, "a", model=1)  # type: ignore[arg-type]
    assert [c.node.id for c in stack.node.children] == []


def test_missing_required_arguments(stack: TerraformStack) -> None:
    # Omitted or None: the same error (the first is Python's refusal of the call, translated).
    with pytest.raises(AttributeTypeError, match=re.escape("BetaAssistant 'test/a': model: is "
                                                           "required")):
        BetaAssistant(stack, "a")  # type: ignore[call-arg]
    with pytest.raises(AttributeTypeError, match="model: is required"):
        BetaAssistant(stack, "b", model=None)  # type: ignore[arg-type]
    with pytest.raises(AttributeTypeError,
                       match=r"^BetaAssistantToolsFunction: name: is required$"):
        BetaAssistantToolsFunction()  # type: ignore[call-arg]
    assert [c.node.id for c in stack.node.children] == []


def test_struct_of_the_wrong_class_is_refused(stack: TerraformStack) -> None:
    with pytest.raises(AttributeTypeError, match="expects BetaAssistantTools or a dict, got "
                       "BetaThreadMessageAttachments"):
        BetaAssistant(stack, "a", model="m",
                      tools=[BetaThreadMessageAttachments(file_id="f")])  # type: ignore[list-item]


def test_nothing_dropped_in_dicts_nested_in_lists(stack: TerraformStack) -> None:
    BetaThreadMessage(
        stack, "m", thread_id="t", role="user", content="c",
        attachments=[{"file_id": "file-1", "tools": [{"type": "file_search"}]},
                     BetaThreadMessageAttachments(file_id="file-2")],
    )
    message = synth(stack)["resource"]["openai_beta_thread_message"]["m"]
    assert message["attachments"] == [
        {"file_id": "file-1", "tools": [{"type": "file_search"}]},
        {"file_id": "file-2"},
    ]


def test_none_means_unset_and_is_omitted(stack: TerraformStack) -> None:
    BetaAssistant(stack, "a", model="m", name=None, metadata=None,
                  tools=[{"type": "function", "function": {"name": "f", "description": None}}])
    assistant = synth(stack)["resource"]["openai_beta_assistant"]["a"]
    assert assistant == {"model": "m", "tools": [{"function": {"name": "f"}, "type": "function"}]}


def test_json_text_maps_take_python_values_and_keep_their_order(stack: TerraformStack) -> None:
    parameters = {
        "type": "object",
        "properties": {
            "zeta": {"type": "string", "enum": ["é", "ü"]},
            "alpha": {"type": "integer"},
        },
        "required": ["zeta"],
        "additionalProperties": False,
    }
    BetaAssistant(stack, "a", model="m", tools=[BetaAssistantTools(
        type="function", function=BetaAssistantToolsFunction(name="f", parameters=parameters))])
    rendered = synth(stack)["resource"]["openai_beta_assistant"]["a"]["tools"][0]["function"]
    assert rendered["parameters"] == {
        "type": '"object"',
        "properties": '{"zeta":{"type":"string","enum":["é","ü"]},"alpha":{"type":"integer"}}',
        "required": '["zeta"]',
        "additionalProperties": "false",
    }
    assert {k: json.loads(v) for k, v in rendered["parameters"].items()} == parameters


def test_dynamic_takes_json_values_but_refuses_nulls_cdktf_would_drop(
    stack: TerraformStack,
) -> None:
    BetaChatkitSession(stack, "s", user="u", workflow={"id": "wf", "state_variables": {
        "plan": "pro", "seats": 3, "trial": False, "ratio": 0.5}})
    workflow = synth(stack)["resource"]["openai_beta_chatkit_session"]["s"]["workflow"]
    assert workflow["state_variables"] == {"plan": "pro", "seats": 3, "trial": False,
                                           "ratio": 0.5}
    with pytest.raises(AttributeTypeError, match=re.escape(
            "workflow.state_variables['gone']: is None, which cdktf cannot write")):
        BetaChatkitSession(stack, "t", user="u", workflow={"id": "wf", "state_variables": {
            "gone": None}})


def test_tokens_pass_through_in_every_position(stack: TerraformStack) -> None:
    name = TerraformVariable(stack, "name", type="string")
    count = TerraformVariable(stack, "temperature", type="number")
    ids = TerraformVariable(stack, "ids", type="list(string)")
    labels = TerraformVariable(stack, "labels", type="map(string)")
    BetaAssistant(
        stack, "a", model=name.string_value, temperature=count.number_value,
        metadata=Token.as_string_map(labels.value), tools=Token.as_any(Fn.jsonencode([])),  # type: ignore[arg-type]
        tool_resources={"code_interpreter": {"file_ids": ids.list_value}},
    )
    assistant = synth(stack)["resource"]["openai_beta_assistant"]["a"]
    assert assistant["model"] == "${var.name}"
    assert assistant["temperature"] == "${var.temperature}"
    assert assistant["metadata"] == "${var.labels}"
    assert assistant["tools"] == "${jsonencode([])}"
    assert assistant["tool_resources"] == {"code_interpreter": {"file_ids": "${var.ids}"}}


def test_sets_are_sorted_for_deterministic_output(stack: TerraformStack) -> None:
    DataOpenaiBetaThreadRunStep(stack, "s", thread_id="t", run_id="r", step_id="s",
                                include=["b", "a"])
    step = synth(stack)["data"]["openai_beta_thread_run_step"]["s"]
    assert step["include"] == ["b", "a"]  # a list keeps the user's order


def test_setters_reset_put_and_inputs(stack: TerraformStack) -> None:
    thread = BetaThread(stack, "t", metadata={"a": "1"})
    assert thread.metadata_input == {"a": "1"}
    thread.metadata = {"b": "2"}
    thread.put_messages([{"role": "user", "content": "hi"}])
    thread.put_tool_resources({"code_interpreter": {"file_ids": ["f"]}})
    thread.reset_tool_resources()
    assert thread.tool_resources_input is None
    with pytest.raises(AttributeTypeError, match=r"BetaThread 'test/t': metadata\['b'\]"):
        thread.metadata = {"b": 2}  # type: ignore[dict-item]
    document = synth(stack)["resource"]["openai_beta_thread"]["t"]
    assert document == {"metadata": {"b": "2"}, "messages": [{"content": "hi", "role": "user"}]}


def test_sensitive_inputs_refuse_literals_unless_opted_in(stack: TerraformStack) -> None:
    with pytest.raises(SensitiveValueError, match="api_key: is sensitive and refuses a literal"):
        OpenaiProvider(stack, "p", api_key="sk-live-123")
    secret = TerraformVariable(stack, "key", type="string", sensitive=True)
    OpenaiProvider(stack, "q", api_key=secret.string_value, alias="q",
                   webhook_secret=LiteralSecret("whsec-opt-in"))
    provider = synth(stack)["provider"]["openai"][0]
    assert provider == {"alias": "q", "api_key": "${var.key}", "webhook_secret": "whsec-opt-in"}
    assert "whsec" not in repr(LiteralSecret("whsec-opt-in"))


def test_structs_compare_and_render() -> None:
    one = BetaAssistantToolsFunction(name="f", parameters={"type": "object"})
    assert one == BetaAssistantToolsFunction(name="f", parameters={"type": "object"})
    assert one != BetaAssistantToolsFunction(name="g")
    assert repr(one) == "BetaAssistantToolsFunction(name='f', parameters={'type': 'object'})"
    assert one.to_terraform() == {"name": "f", "parameters": {"type": '"object"'}}
    with pytest.raises(AttributeTypeError, match="BetaAssistantToolsFunction: name: expects"):
        BetaAssistantToolsFunction(name=1).to_terraform()  # type: ignore[arg-type]


def test_construct_id_collisions_are_python_errors(stack: TerraformStack) -> None:
    from openai_constructs.errors import ConstructIdError

    BetaAssistant(stack, "a", model="m")
    with pytest.raises(ConstructIdError, match="BetaThread 'test/a': the id 'a' is already "
                       "used by a sibling") as caught:
        BetaThread(stack, "a")
    assert "at Kernel" not in str(caught.value)
