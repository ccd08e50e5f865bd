"""The Responses export against hostile declarations, judged by what we did not write: the
SDK's own request types (``ResponseCreateParams``, ``ConversationCreateParams``, validated
with pydantic and compared after materialising, so nothing may be coerced or dropped) and
the JSON text that real ``terraform plan`` computes for the ``output_id=`` output.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from openai_constructs import Assistant, Metadata, Thread
from openai_constructs._runtime.cdk import (
    TerraformIterator,
    TerraformStack,
    TerraformVariable,
    Testing,
)
from openai_constructs.l1.beta_assistant import BetaAssistantTools
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.values import CodeInterpreterTool, FunctionTool

pydantic = pytest.importorskip("pydantic")
pytest.importorskip("openai")

from openai.types.conversations import conversation_create_params  # noqa: E402
from openai.types.responses import response_create_params  # noqa: E402

RESPONSES = pydantic.TypeAdapter(response_create_params.ResponseCreateParamsNonStreaming)
CONVERSATIONS = pydantic.TypeAdapter(conversation_create_params.ConversationCreateParams)


def _materialised(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _materialised(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, Iterator)):
        return [_materialised(v) for v in value]
    return value


def _sdk_accepts(adapter: Any, export: Any) -> None:
    plain = _materialised(export)
    assert _materialised(adapter.validate_python(plain)) == plain


def _stack() -> TerraformStack:
    stack = TerraformStack(Testing.app(), "export")
    OpenaiProvider(stack, "openai")
    return stack


LOOKS_LIKE_JSON = ["42", "true", "null", "[1]", '{"a": 1}', "-0", "1e3", ' "x" ']


@pytest.mark.parametrize("form", ["helper", "dict", "l1 struct"])
def test_parameter_strings_that_look_like_json_stay_strings(form: str,
                                                            terraform_runner: Any) -> None:
    from openai_constructs.testing import assert_plans

    parameters = {"type": "object", "title": "42", "description": "null", "default": "true",
                  "examples": ["[1]"], "x-n": 42, "x-list": [1], "x-flag": True,
                  "properties": {"q": {"type": "string", "enum": LOOKS_LIKE_JSON}}}
    tool: Any = {
        "helper": FunctionTool("lookup", parameters=parameters),
        "dict": {"type": "function", "function": {"name": "lookup", "parameters": parameters}},
        "l1 struct": BetaAssistantTools(type="function", function={"name": "lookup",
                                                                   "parameters": parameters}),
    }[form]
    stack = _stack()
    assistant = Assistant(stack, "a", model="gpt-4o", tools=[tool])
    params = assistant.to_responses_params(output_id="params")
    assert params["tools"][0]["parameters"] == parameters
    _sdk_accepts(RESPONSES, params)
    planned = assert_plans(Testing.synth(stack), runner=terraform_runner).output("params")
    assert json.loads(planned)["tools"][0]["parameters"] == parameters


def test_metadata_from_a_map_variable(terraform_runner: Any) -> None:
    """Both exports crashed; now the Terraform output holds the map Terraform knows, and the
    Python export says where it is."""
    from openai_constructs.testing import assert_plans

    stack = _stack()
    team = TerraformVariable(stack, "team", type="map(string)")
    assistant = Assistant(stack, "a", model="gpt-4o", metadata=team.value)
    thread = Thread(stack, "t", metadata=team.value,
                    messages=[{"role": "user", "content": "hi"}])
    params = assistant.to_responses_params(output_id="params")
    conversation = thread.to_conversation_params()
    _sdk_accepts(RESPONSES, params)
    _sdk_accepts(CONVERSATIONS, conversation)
    assert [n.path for n in params.notes] == ["metadata"]
    assert [n.path for n in conversation.notes] == ["metadata"]
    result = assert_plans(Testing.synth(stack), runner=terraform_runner,
                          variables={"team": {"owner": "support", "tier": "1"}})
    planned = json.loads(result.output("params"))
    assert planned == {"model": "gpt-4o", "metadata": {"owner": "support", "tier": "1"}}
    _sdk_accepts(RESPONSES, planned)


def test_the_output_holds_what_is_added_after_the_call(terraform_runner: Any) -> None:
    from openai_constructs.testing import assert_plans

    stack = _stack()
    assistant = Assistant(stack, "a", model="gpt-4o", instructions="v1")
    assistant.to_responses_params(output_id="params")
    assistant.add_tool(CodeInterpreterTool())
    Metadata.of(assistant).add("team", "support")
    Metadata.of(stack).add("env", "prod")
    params = assistant.to_responses_params()  # what the assistant is at synth
    assert params["tools"] and params["metadata"] == {"team": "support", "env": "prod"}
    planned = assert_plans(Testing.synth(stack), runner=terraform_runner).output("params")
    assert json.loads(planned) == dict(params)
    _sdk_accepts(RESPONSES, json.loads(planned))


def test_an_iterated_thread_is_one_conversation_per_instance_and_says_so() -> None:
    stack = _stack()
    teams = TerraformIterator.from_list(["support", "sales"])
    thread = Thread(stack, "t", for_each=teams, metadata={"team": teams.value},
                    messages=[{"role": "user", "content": "hello"}])
    for export in (thread.to_conversation_params(), thread.to_conversation_items()):
        assert [n.path for n in export.notes] == ["export/t"]
        assert "for_each" in export.notes[0].message
    _sdk_accepts(CONVERSATIONS, thread.to_conversation_params())
    counted = Thread(stack, "c", count=2, messages=[{"role": "user", "content": "hello"}])
    assert "count" in counted.to_conversation_params().notes[0].message
    plain = Thread(stack, "p", messages=[{"role": "user", "content": "hello"}])
    assert plain.to_conversation_params().notes == ()


def test_an_iterated_assistant_says_so_and_refuses_one_output(terraform_runner: Any) -> None:
    """One output of an iterated assistant's parameters used ``each.value``, which real
    Terraform refuses outside the iterated block: refused at the call, with nothing added."""
    from openai_constructs.errors import ValidationError
    from openai_constructs.testing import assert_plans

    stack = _stack()
    teams = TerraformIterator.from_list(["support", "sales"])
    assistant = Assistant(stack, "a", model="gpt-4o", for_each=teams, instructions=teams.value)
    params = assistant.to_responses_params()
    assert [n.path for n in params.notes] == ["export/a"]
    assert "for_each" in params.notes[0].message
    with pytest.raises(ValidationError, match=r"output_id: 'params': the assistant is declared "
                                              "with for_each"):
        assistant.to_responses_params(output_id="params")
    document = json.loads(Testing.synth(stack))
    assert "output" not in document
    assert_plans(document, runner=terraform_runner)
    plain = Assistant(stack, "p", model="gpt-4o")
    assert plain.to_responses_params().notes == ()
