"""The HCL expression renderer on its own: escaping, templates, empty values, nesting.

Each rendered expression is parsed back with python-hcl2, an HCL parser independent of ours.
"""

from __future__ import annotations

from typing import Any

import pytest

from openai_constructs._runtime.hcl import attributes as hcl
from openai_constructs._runtime.hcl.strings import quote
from openai_constructs._runtime.terraform_types import (
    BOOL,
    DYNAMIC,
    JSON_TEXT_MAP,
    NUMBER,
    STRING,
    ListType,
    MapType,
    ObjectType,
    ValueType,
)
from tests.runtime.hclcheck import parse_hcl


def roundtrip(vtype: ValueType, value: Any) -> Any:
    text = hcl.expression(vtype, vtype.encode(value))
    return parse_hcl(f"x = {text}\n")["x"]


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        "",
        'say "hi"',
        "back\\slash and \\n literal",
        "trailing backslash \\",
        'backslash before quote \\"',
        "two\nlines\r\nand\ttab",
        "control \x01\x1f\x7f chars",
        "unicode é ✓ 😀",
        '{"json": [1, 2]}',
        "[not a list]",
        "42",
        "true",
        "null",
        "dollar $ and percent % alone",
        "closing } brace alone",
    ],
)
def test_literal_strings_survive(text: str) -> None:
    assert roundtrip(STRING, text) == text


@pytest.mark.parametrize(
    "template",
    [
        "${var.x}",
        "pre-${var.x}-post",
        '${lookup(var.m, "k", "d")}',
        '${jsonencode({"a" = "}"})}',
        "%{ if var.b }yes%{ else }no%{ endif }",
        "escaped $${not_interpolated} and %%{not_a_directive}",
        '${format("%s\\"%s", "a", "b")}',
    ],
)
def test_template_sequences_are_kept_as_in_json(template: str) -> None:
    # cdk.tf.json holds these strings verbatim and Terraform evaluates them as templates;
    # the HCL form must hold the same template source.
    assert roundtrip(STRING, template) == template


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("cost: ${5", "cost: $${5"),
        ("a lone %{ here", "a lone %%{ here"),
        ("${ nested { braces } never closed", "$${ nested { braces } never closed"),
    ],
)
def test_unclosed_sequence_is_escaped_not_copied(text: str, source: str) -> None:
    # Terraform rejects such a string in the JSON form; in HCL it becomes the literal text.
    # (python-hcl2 cannot parse an escaped ${ that is never closed; Terraform can, and
    # test_hcl_synth checks it with Terraform itself.)
    assert hcl.expression(STRING, text) == f'"{source}"'


def test_quotes_inside_literal_text_around_an_interpolation_are_escaped() -> None:
    rendered = hcl.expression(STRING, 'say "${var.x}"')
    assert rendered == '"say \\"${var.x}\\""'


@pytest.mark.parametrize(
    ("vtype", "value"),
    [
        (NUMBER, 0),
        (NUMBER, -12),
        (NUMBER, 1.25),
        (NUMBER, 2**53),
        (BOOL, True),
        (BOOL, False),
        (ListType(STRING), []),
        (ListType(STRING), ["a", 'b"c', ""]),
        (ListType(NUMBER), [1, 2.5]),
        (ListType(STRING, is_set=True), ["x"]),
        (MapType(STRING), {}),
        (MapType(STRING), {"k": "v", "with space": "w", "1st": "x", "quo\"te": "y"}),
        (MapType(ListType(STRING)), {"a": ["b"], "c": []}),
        (DYNAMIC, {"a": [1, True, {"b": "c"}], "d": {}, "e": []}),
        (DYNAMIC, [1, "two", 2.5]),
        (ObjectType({"a": STRING, "b": NUMBER}), {"a": "x", "b": 1}),
    ],
)
def test_values_round_trip(vtype: ValueType, value: Any) -> None:
    assert roundtrip(vtype, value) == vtype.encode(value)


def test_object_type_writes_null_for_missing_keys() -> None:
    vtype = ObjectType({"a": STRING, "b": NUMBER})
    assert roundtrip(vtype, {"a": "x"}) == {"a": "x", "b": None}


def test_json_text_map_stays_text() -> None:
    # cdktf's own renderer writes a string starting with "{" unquoted, turning JSON text into
    # an HCL object; here it must stay a string equal to the JSON form's.
    value = {"schema": {"type": "object", "required": ["a"]}, "strict": True, "s": 'q"'}
    encoded = JSON_TEXT_MAP.encode(value)
    assert roundtrip(JSON_TEXT_MAP, value) == encoded
    assert encoded["schema"] == '{"type":"object","required":["a"]}'


def test_empty_collections_are_written_not_dropped() -> None:
    assert hcl.expression(ListType(STRING), []) == "[]"
    assert hcl.expression(MapType(STRING), {}) == "{}"


def test_non_finite_numbers_are_refused() -> None:
    with pytest.raises(ValueError):
        hcl.expression(DYNAMIC, float("inf"))


def test_list_reference_inside_a_string_is_refused() -> None:
    with pytest.raises(ValueError):
        quote("#{TfToken[TOKEN.1]}")


def test_an_object_attribute_left_null_is_written_null_as_in_json() -> None:
    # ObjectType.encode keeps a field given as None; the JSON form writes null, and so does
    # the HCL form (the renderer used to raise TypeError on a null string field).
    vtype = ObjectType({"a": STRING, "n": NUMBER, "m": MapType(STRING)})
    encoded = vtype.encode({"a": None, "n": 1, "m": None})
    assert encoded == {"a": None, "n": 1, "m": None}
    assert roundtrip(vtype, {"a": None, "n": 1, "m": None}) == encoded


def test_every_kind_of_value_type_is_told_apart_without_importing_the_types() -> None:
    # hcl/attributes reads a type's kind from hcl_storage() (and item/fields/struct): each
    # kind of the encoders' types renders as its own kind of expression.
    assert hcl.expression(STRING, "s") == '"s"'
    assert hcl.expression(NUMBER, 2) == "2"
    assert hcl.expression(BOOL, True) == "true"
    assert hcl.expression(DYNAMIC, {"k": [1]}) == '{\n  "k" = [1]\n}'
    assert hcl.expression(JSON_TEXT_MAP, {"k": '{"a":1}'}) == '{\n  "k" = "{\\"a\\":1}"\n}'
    assert hcl.expression(ListType(NUMBER, is_set=True), [1, 2]) == "[1, 2]"
    assert hcl.expression(ObjectType({"a-b": STRING}), {"a-b": "x"}) == '{\n  a-b = "x"\n}'
