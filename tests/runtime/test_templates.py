"""The template code on its own: ``literal_text``, the sequence scanner, JSON text with
references. What Terraform makes of the output is checked in ``tests/hostile`` with real
``terraform plan``; here the exact text and the linear-time guarantees of the scanner."""

from __future__ import annotations

import json
import re

import pytest

from openai_constructs import literal_text
from openai_constructs._runtime import cdk
from openai_constructs._runtime.hcl.json_text import compact_json, json_text
from openai_constructs._runtime.hcl.strings import exact_string, quote
from openai_constructs._runtime.hcl.templates import (
    TerraformTemplate,
    exact_template,
    sequence_end,
    sequences,
)

T = "${TfToken[TOKEN.7]}"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain text", "plain text"),
        ("x ${name} %{if} y", 'x ${"$"}{name} ${"%"}{if} y'),
        ("$${x} $$${y} %%{z}", '${"$$"}{x} ${"$$$"}{y} ${"%%"}{z}'),
        ("${~ a} %{~ b}", '${"$"}{~ a} ${"%"}{~ b}'),
        ("a$ $$ % %% } {", "a$ $$ % %% } {"),
        ("${", '${"$"}{'),
        ("", ""),
        ("line1\rline2", 'line1${"\\r"}line2'),
        ("crlf\r\nstays", "crlf\r\nstays"),
        ("\r\r\n", '${"\\r"}\r\n'),
        ("\ufeffstarts with a BOM", '${"\\uFEFF"}starts with a BOM'),
        ("inner \ufeff BOM", "inner \ufeff BOM"),
        ("\u2028 \x00 \x7f", "\u2028 \x00 \x7f"),
        (T, T),
        (f"pre $${{x}} %{{z}} {T} post", f'pre ${{"$$"}}{{x}} ${{"%"}}{{z}} {T} post'),
        (f"cost: ${T}", f'cost: ${{"$"}}{T}'),
        (f"cost: $${T}$", f'cost: ${{"$$"}}{T}$'),
        (f"${{{T}}}", f'${{"$"}}{{{T}}}'),
        (f"%{T}%{{", f'%{T}${{"%"}}{{'),
        (f"${{${T}", f'${{"$"}}{{${{"$"}}{T}'),
        (f"{T}{T}", f"{T}{T}"),
        (f"a\r{T}", f'a${{"\\r"}}{T}'),
    ],
)
def test_literal_text(text: str, escaped: str) -> None:
    assert literal_text(text) == escaped


def test_literal_text_keeps_every_token_marker() -> None:
    text = f"a ${{b}} {T} $$ {T.replace('7', '8')} %{{c}}"
    out = literal_text(text)
    assert out.count(T) == 1 and out.count("${TfToken[TOKEN.8]}") == 1


def test_literal_text_is_not_idempotent_by_design() -> None:
    # Escaped twice, Terraform gives back the escaped text, not the text.
    assert literal_text(literal_text("${x}")) == '${"$"}{"$"}{x}'


def test_literal_text_rejects_non_strings() -> None:
    with pytest.raises(TypeError, match="expects a str"):
        literal_text(3)  # type: ignore[arg-type]


def test_the_escapes_are_template_sequences_the_hcl_renderer_keeps() -> None:
    # Every escape literal_text writes is one closed sequence, copied verbatim to HCL.
    text = literal_text("a ${b} %{c} $$${d}\r e")
    spans, unclosed = sequences(text)
    assert unclosed is None
    assert [text[s:e] for s, e in spans] == ['${"$"}', '${"%"}', '${"$$$"}', '${"\\r"}']
    assert quote(text) == '"a ${"$"}{b} ${"%"}{c} ${"$$$"}{d}${"\\r"} e"'


@pytest.mark.parametrize(
    ("text", "spans", "unclosed"),
    [
        ("no sequences", [], None),
        ("a ${var.x} b", [(2, 10)], None),
        ('${lookup(m, "}", "{")}', [(0, 22)], None),
        ('${"${"in"}"}', [(0, 12)], None),
        ("$${x} %%{y}", [], None),
        ("${ a ${b}", [], 0),
        ("ok ${x} then ${", [(3, 7)], 13),
    ],
)
def test_sequences(text: str, spans: list[tuple[int, int]], unclosed: int | None) -> None:
    assert sequences(text) == (spans, unclosed)


def test_deep_nesting_does_not_exhaust_the_stack() -> None:
    depth = 50_000
    text = '${"' * depth + '"}' * depth
    assert sequence_end(text, 2) == len(text)


def test_exact_template_marks_what_terraform_would_alter() -> None:
    assert exact_template("plain") == "plain"
    assert exact_template("a\rb ${var.x}\r\n") == 'a${"\\r"}b ${var.x}\r\n'
    assert exact_template('\ufeff${"\r"}') == '${"\\uFEFF"}${"\r"}'  # inside: left alone


def test_json_text_without_references_is_escaped_json() -> None:
    assert json_text({"a": "${x}", "b": [1, 2.5, True, None]}) == (
        '{"a":"${"$"}{x}","b":[1,2.5,true,null]}'
    )


def test_json_text_with_references_uses_jsonencode() -> None:
    app = cdk.Testing.app()
    stack = cdk.TerraformStack(app, "s")
    var = cdk.TerraformVariable(stack, "v", type="string")
    items = cdk.TerraformVariable(stack, "l", type="list(string)")
    value = {
        "description": "who: " + var.string_value,
        "enum": items.list_value,
        "nested": {"raw": cdk.Fn.jsonencode({"k": 1}), "lit": "${not}"},
    }
    text = json_text(value)
    assert text.startswith('{"description":${jsonencode(join("", ["who: ", ${TfToken[')
    assert '"lit":"${"$"}{not}"}' in text
    assert text.count("${jsonencode(") == 2  # the jsonencode(...) reference is spliced raw
    # The one JSON writer gives the same template, marked as one (nothing escapes it again).
    written = compact_json(value)
    token = re.compile(r"TOKEN\.\d+")  # a list reference gets a new string token per call
    assert isinstance(written, TerraformTemplate)
    assert token.sub("T", written) == token.sub("T", text)
    assert type(text) is str


def test_compact_json_is_plain_json_text_in_the_callers_key_order() -> None:
    value = {"z": 1, "a": ["${x}", 2.5, None], "é": 'q"'}
    written = compact_json(value)
    assert not isinstance(written, TerraformTemplate)
    assert written == '{"z":1,"a":["${x}",2.5,null],"é":"q\\""}'
    assert json.loads(written) == value
    assert json_text(value) == literal_text(written)  # the template form: escaped once
    with pytest.raises(ValueError):
        compact_json({"n": float("nan")})  # never JSON that JSON parsers refuse


def test_exact_string_in_a_raw_expression_has_no_sequences_or_braces() -> None:
    text = exact_string('a "${b}" %{c} } \\ \n \x01', in_raw_expression=True)
    assert "${" not in text and "%{" not in text and "}" not in text and "{" not in text
    assert text == (
        '"a \\"\\u0024\\u007bb\\u007d\\" \\u0025\\u007bc\\u007d \\u007d \\\\ \\n \\u0001"'
    )


def test_template_marker_is_a_str() -> None:
    assert isinstance(TerraformTemplate("x"), str)
    assert json.dumps(TerraformTemplate("x")) == '"x"'
