"""Response formats render to the JSON text the ``response_format`` string attribute takes."""

from __future__ import annotations

import json

import pytest
from pydantic import BaseModel

from openai_constructs._runtime.hcl.templates import TerraformTemplate
from openai_constructs.validation import rule
from openai_constructs.values import (
    AutoResponseFormat,
    JsonObjectResponseFormat,
    JsonSchemaResponseFormat,
    TextResponseFormat,
)

TOKEN = "${TfToken[TOKEN.5]}"


def test_simple_formats() -> None:
    assert AutoResponseFormat().render() == "auto"
    assert TextResponseFormat().render() == '{"type":"text"}'
    assert JsonObjectResponseFormat().render() == '{"type":"json_object"}'


def test_json_schema_keeps_key_order_and_is_compact() -> None:
    schema = {"type": "object", "properties": {"z": {"type": "string"}, "a": {"type": "number"}},
              "required": ["z", "a"], "additionalProperties": False}
    rendered = JsonSchemaResponseFormat("answer", schema, description="Réponse", strict=True)
    assert rendered.render() == (
        '{"type":"json_schema","json_schema":{"name":"answer","description":"Réponse",'
        '"schema":{"type":"object","properties":{"z":{"type":"string"},"a":{"type":"number"}},'
        '"required":["z","a"],"additionalProperties":false},"strict":true}}'
    )


def test_json_schema_minimal_omits_unset_fields() -> None:
    assert JsonSchemaResponseFormat("a", {}).render() == (
        '{"type":"json_schema","json_schema":{"name":"a","schema":{}}}'
    )


def test_json_schema_renders_what_the_rule_accepts() -> None:
    for fmt in (AutoResponseFormat(), TextResponseFormat(), JsonObjectResponseFormat(),
                JsonSchemaResponseFormat("a", {"type": "object"}, strict=False)):
        assert rule("response_format").detail(fmt.render()) is None


def test_json_schema_name_is_checked() -> None:
    with pytest.raises(ValueError, match=r"JsonSchemaResponseFormat:\n  - name: must match"):
        JsonSchemaResponseFormat("my answer", {})


def test_json_schema_tokens_inside_the_schema_become_jsonencode_expressions() -> None:
    # Terraform evaluates the text to valid JSON (tests/hostile/test_json_text.py plans it).
    text = JsonSchemaResponseFormat("a", {"enum": [TOKEN]}).render()
    assert isinstance(text, TerraformTemplate)
    assert text == (
        '{"type":"json_schema","json_schema":{"name":"a","schema":{"enum":['
        "${jsonencode(" + TOKEN + ")}]}}}"
    )


class Answer(BaseModel):
    """The final answer."""

    text: str
    confidence: float = 0.5


def test_from_pydantic_is_strict_by_default() -> None:
    rendered = JsonSchemaResponseFormat.from_pydantic(Answer).render()
    assert rendered == (
        '{"type":"json_schema","json_schema":{"name":"Answer","description":"The final answer.",'
        '"schema":{"properties":{"text":{"type":"string"},"confidence":{"type":"number"}},'
        '"required":["text","confidence"],"type":"object","additionalProperties":false},'
        '"strict":true}}'
    )


def test_from_pydantic_non_strict_keeps_defaults() -> None:
    parsed = json.loads(JsonSchemaResponseFormat.from_pydantic(
        Answer, name="answer", description="D", strict=False).render())
    assert parsed["json_schema"]["name"] == "answer"
    assert parsed["json_schema"]["description"] == "D"
    assert parsed["json_schema"]["strict"] is False
    assert parsed["json_schema"]["schema"]["properties"]["confidence"] == {
        "default": 0.5, "type": "number"}
    assert parsed["json_schema"]["schema"]["required"] == ["text"]
