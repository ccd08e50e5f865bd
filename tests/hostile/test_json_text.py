"""References inside JSON-text values give valid JSON for any runtime value.

Each stack is planned by real Terraform with hostile strings given as ``-var`` values (quotes,
backslashes, newlines, ``${``, ``%{``, non-ASCII, U+2028); the planned JSON text is parsed
with ``json.loads`` and compared with the value the Python side meant. The HCL form of the
same stack must plan to the same values.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from openai_constructs import Assistant, Run, Thread
from openai_constructs._runtime.cdk import Fn, TerraformStack, TerraformVariable, Testing
from openai_constructs._runtime.hcl.strings import exact_string
from openai_constructs.errors import AttributeTypeError
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.values import FunctionTool, JsonSchemaResponseFormat, ToolChoice
from tests.hostile.terraform_eval import planned_after, planned_after_hcl

HOSTILE = 'say "hi" \\ back\\\\slash ${x} %{ if true }y%{ endif } $${z}\nline é 日本 😀 \u2028 \t!'
OTHER = '{"not": "json'
# A list -var is read as an HCL expression: its strings are written as exact HCL literals.
VARIABLES = {"s": HOSTILE, "o": OTHER, "n": "3.5",
             "l": f"[{exact_string(HOSTILE, in_raw_expression=True)}, "
                  f"{exact_string(OTHER, in_raw_expression=True)}]"}


def _stack() -> tuple[TerraformStack, dict[str, Any]]:
    stack = TerraformStack(Testing.app(), "jsontext")
    OpenaiProvider(stack, "openai")
    refs = {
        "s": TerraformVariable(stack, "s", type="string").string_value,
        "o": TerraformVariable(stack, "o", type="string").string_value,
        "n": TerraformVariable(stack, "n", type="number").number_value,
        "l": TerraformVariable(stack, "l", type="list(string)").list_value,
    }
    return stack, refs


def _schema(r: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A JSON schema full of references, and what Terraform must make of it."""
    written = {
        "type": "object",
        "description": "who: " + r["s"] + " and ${literal} " + r["o"],
        "properties": {
            "a": {"type": "string", "enum": r["l"], "default": r["s"]},
            "b": {"type": "number", "maximum": r["n"], "title": r["o"]},
            "c": {"const": Fn.jsonencode({"k": r["s"], "n": [1, 2]})},
        },
        "required": ["a", r["o"]],
        r["s"]: "a key that is a reference",
    }
    meant = {
        "type": "object",
        "description": f"who: {HOSTILE} and ${{literal}} {OTHER}",
        "properties": {
            "a": {"type": "string", "enum": [HOSTILE, OTHER], "default": HOSTILE},
            "b": {"type": "number", "maximum": 3.5, "title": OTHER},
            "c": {"const": {"k": HOSTILE, "n": [1, 2]}},
        },
        "required": ["a", OTHER],
        HOSTILE: "a key that is a reference",
    }
    return written, meant


def _parameters(function: dict[str, Any]) -> dict[str, Any]:
    return {key: json.loads(text) for key, text in function["parameters"].items()}


@pytest.fixture(scope="module")
def planned_stack(terraform_runner: Any) -> tuple[dict[str, Any], dict[str, Any], Any]:
    stack, r = _stack()
    schema, meant = _schema(r)
    Assistant(
        stack, "helper", model="gpt-4o",
        tools=[FunctionTool("f", description="d " + r["s"], parameters=schema)],
        response_format=JsonSchemaResponseFormat("answer", schema),
    )
    assistant = Assistant(stack, "plain", model="gpt-4o")
    thread = Thread(stack, "t")
    Run(
        stack, "run", thread=thread, assistant=assistant,
        tools=[{"type": "function", "function": {"name": "g", "parameters": schema}}],
        tool_choice={"type": "function", "function": {"name": r["s"]}},
        response_format={"type": "json_schema", "json_schema": {"name": "n", "schema": schema}},
    )
    Run(stack, "choice", thread=thread, assistant=assistant,
        tool_choice=ToolChoice.function("lookup"))
    # L1 directly: a Map[JSON] value that is a whole jsonencode(...) reference passes as is;
    # a whole string reference is a JSON string.
    BetaAssistant(stack, "l1", model="gpt-4o", tools=[{
        "type": "function",
        "function": {"name": "h", "parameters": {
            "properties": Fn.jsonencode({"q": {"type": "string", "description": r["s"]}}),
            "description": r["s"],
            "count": r["n"],
            "list": r["l"],
        }},
    }])
    return planned_after(terraform_runner, stack, VARIABLES), meant, stack


def test_function_tool_parameters_are_valid_json(planned_stack: Any) -> None:
    after, meant, _ = planned_stack
    assistant = _one(after, "openai_beta_assistant", "helper")
    function = assistant["tools"][0]["function"]
    assert _parameters(function) == meant
    assert function["description"] == "d " + HOSTILE


def test_response_format_schema_is_valid_json(planned_stack: Any) -> None:
    after, meant, _ = planned_stack
    sent = json.loads(_one(after, "openai_beta_assistant", "helper")["response_format"])
    assert sent == {"type": "json_schema", "json_schema": {"name": "answer", "schema": meant}}


def test_run_dicts_are_valid_json(planned_stack: Any) -> None:
    after, meant, _ = planned_stack
    run = _one(after, "openai_beta_thread_run", "run")
    assert _parameters(run["tools"][0]["function"]) == meant
    assert json.loads(run["tool_choice"]) == {"type": "function", "function": {"name": HOSTILE}}
    assert json.loads(run["response_format"]) == {
        "type": "json_schema", "json_schema": {"name": "n", "schema": meant}}
    plain = _one(after, "openai_beta_thread_run", "choice")
    assert json.loads(plain["tool_choice"]) == {"type": "function", "function": {"name": "lookup"}}


def test_whole_references_keep_their_types(planned_stack: Any) -> None:
    after, _, _ = planned_stack
    function = after["openai_beta_assistant.l1"]["tools"][0]["function"]
    assert _parameters(function) == {
        "properties": {"q": {"type": "string", "description": HOSTILE}},
        "description": HOSTILE,
        "count": 3.5,
        "list": [HOSTILE, OTHER],
    }


def test_hcl_form_plans_the_same_values(planned_stack: Any, terraform_runner: Any) -> None:
    after, _, stack = planned_stack
    assert planned_after_hcl(terraform_runner, stack, VARIABLES) == after


def test_the_key_order_written_is_kept(planned_stack: Any) -> None:
    after, meant, _ = planned_stack
    text = _one(after, "openai_beta_assistant", "helper")["tools"][0]["function"]["parameters"]
    assert list(json.loads(text["properties"])) == list(meant["properties"])


def _one(after: dict[str, Any], kind: str, name: str) -> Any:
    (value,) = [v for a, v in after.items() if a.startswith(f"{kind}.{name}")]
    return value


# -- what has no JSON form is refused, naming the construct and the attribute ---------------


def test_a_list_reference_inside_a_string_is_refused() -> None:
    stack, r = _stack()
    text = f"ids: {r['l']}"
    with pytest.raises(AttributeTypeError) as caught:
        Assistant(stack, "bad", model="gpt-4o",
                  tools=[FunctionTool("f", parameters={"description": text})])
    message = str(caught.value)
    assert "'jsontext/bad" in message
    assert "tools[0].function.parameters['description']" in message
    assert "list reference inside a string" in message


def test_a_list_reference_inside_a_response_format_string_is_refused() -> None:
    stack, r = _stack()
    with pytest.raises(AttributeTypeError) as caught:
        Run(stack, "bad", thread=Thread(stack, "t"), assistant=Assistant(stack, "a", model="m"),
            response_format={"type": "json_schema", "json_schema": {"name": f"x{r['l']}"}})
    assert str(caught.value).startswith("Run 'jsontext/bad': response_format: ")
    assert "list reference inside a string" in str(caught.value)
