"""Render attribute values as Terraform native syntax (HCL), driven by the schema types.

The runtime's ``stack.to_hcl_terraform()`` asks every element for ``{value, isBlock, type,
storageClassType}`` per attribute and renders that with its own HCL renderer (our ``App``
with ``hcl_output`` writes the whole stack itself instead, ``hcl_stack.py``, using the string
and layout writers of this module). That renderer guesses at
nested values: it writes nested attributes as blocks, passes a string that starts with ``{``
through unquoted (so a JSON-text map value becomes an object), and does not escape
backslashes or ``%{``. So each attribute is rendered here, from its ``ValueType``, to one
complete HCL expression, which the runtime writes out verbatim.

Parity with the JSON form is the rule. In ``cdk.tf.json`` every string is a Terraform
template, so ``${...}`` and ``%{...}`` sequences are copied as they are and only the literal
text around them is escaped. References (cdktf tokens) are left as token markers inside a
quoted template; the runtime replaces them with ``${expression}`` when it resolves the
document, giving ``"${openai_beta_thread.t.id}"``, which Terraform evaluates to the referenced
value with its own type, exactly as it does the same string in JSON.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from .. import cdk
from ..tokens import LIST_TOKEN_MARKER, is_unresolved
from ..values import (
    BoolType,
    DynamicType,
    ListType,
    MapType,
    NestedType,
    NumberType,
    ObjectType,
    StringType,
    ValueType,
)
from .templates import sequences


class FieldTable(Protocol):
    """What :func:`attributes` reads of an ``l1.Fields`` table (declared here, not imported,
    so that this module stays below the element base classes that call it)."""

    @property
    def settable(self) -> Sequence[Any]: ...

_INDENT = "  "
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def attributes(fields: FieldTable, values: Mapping[str, Any]) -> dict[str, Any]:
    """The ``synthesizeHclAttributes`` result for encoded ``values`` of a ``Fields`` table.

    Each descriptor's value is a one-item list holding the rendered expression: the runtime
    writes a ``reference`` value with ``name = ${value}``, and a list (unlike a string) is not
    re-quoted when the expression contains ``${``.
    """
    out: dict[str, Any] = {}
    for f in fields.settable:
        if f.tf_name not in values:
            continue
        _kind, storage = f.type.hcl_storage()
        out[f.tf_name] = {
            "value": [expression(f.type, values[f.tf_name])],
            "isBlock": False,
            "type": "reference",
            "storageClassType": storage,
        }
    return out


def expression(vtype: ValueType, value: Any, depth: int = 0) -> str:
    """One encoded value of type ``vtype`` as an HCL expression."""
    if _is_token(value):
        return _token(value)
    if isinstance(vtype, StringType):
        return _scalar(value)
    if isinstance(vtype, (NumberType, BoolType, DynamicType)):
        return _any(value, depth)
    if isinstance(vtype, NestedType):
        return _nested(vtype, value, depth)
    if isinstance(vtype, ListType):
        if not isinstance(value, (list, tuple)):
            return _any(value, depth)
        return _tuple([expression(vtype.item, item, depth + 1) for item in value], depth)
    if isinstance(vtype, MapType):
        if not isinstance(value, Mapping):
            return _any(value, depth)
        return _object(
            [(quote(str(k)), expression(vtype.item, v, depth + 1)) for k, v in value.items()],
            depth,
        )
    if isinstance(vtype, ObjectType):
        if not isinstance(value, Mapping):
            return _any(value, depth)
        items = []
        for key, item in value.items():
            kind = vtype.fields.get(key)
            rendered = _any(item, depth + 1) if kind is None else expression(kind, item, depth + 1)
            items.append((_key(key), "null" if item is None else rendered))
        return _object(items, depth)
    return _any(value, depth)


def _nested(vtype: NestedType, value: Any, depth: int) -> str:
    if vtype.mode == "single":
        return _struct(vtype, value, depth)
    if vtype.mode == "map" and isinstance(value, Mapping):
        return _object(
            [(quote(str(k)), _struct(vtype, v, depth + 1)) for k, v in value.items()], depth
        )
    if isinstance(value, (list, tuple)):
        return _tuple([_struct(vtype, item, depth + 1) for item in value], depth)
    return _any(value, depth)


def _struct(vtype: NestedType, value: Any, depth: int) -> str:
    if _is_token(value) or not isinstance(value, Mapping):
        return _any(value, depth)
    by_key = vtype.struct._FIELDS.by_key
    items = []
    for key, item in value.items():
        f = by_key.get(key)
        rendered = _any(item, depth + 1) if f is None else expression(f.type, item, depth + 1)
        items.append((_key(key), rendered))
    return _object(items, depth)


def _any(value: Any, depth: int) -> str:
    """A value without schema guidance: a JSON value, possibly holding references."""
    if value is None:
        return "null"
    if _is_token(value):
        return _token(value)
    if isinstance(value, Mapping):
        return _object([(quote(str(k)), _any(v, depth + 1)) for k, v in value.items()], depth)
    if isinstance(value, (list, tuple)):
        return _tuple([_any(item, depth + 1) for item in value], depth)
    return _scalar(value)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} in HCL")
        return repr(value)
    if isinstance(value, str):
        return quote(value)
    raise TypeError(f"cannot write {type(value).__name__} in HCL")


def _key(name: str) -> str:
    return name if _IDENTIFIER.match(name) else quote(name)


def _object(items: list[tuple[str, str]], depth: int) -> str:
    if not items:
        return "{}"
    inner = _INDENT * (depth + 1)
    body = "\n".join(f"{inner}{key} = {value}" for key, value in items)
    return f"{{\n{body}\n{_INDENT * depth}}}"


def _tuple(items: list[str], depth: int) -> str:
    if not items:
        return "[]"
    if all("\n" not in item for item in items) and sum(map(len, items)) < 80:
        return "[" + ", ".join(items) + "]"
    inner = _INDENT * (depth + 1)
    body = ",\n".join(inner + item for item in items)
    return f"[\n{body}\n{_INDENT * depth}]"


# ---------------------------------------------------------------------------------------
# References
# ---------------------------------------------------------------------------------------


def _is_token(value: Any) -> bool:
    if isinstance(value, str):
        return False  # string tokens are template interpolations: ``quote`` keeps them
    return is_unresolved(value)


def _token(value: Any) -> str:
    """A list, map, number or object token, as a quoted one-interpolation template.

    The runtime cannot resolve a list token embedded in a string, so each is first turned
    into a string token (one jsii call, only for references).
    """
    text = str(cdk.Token.as_string(value))
    return quote(text)


# ---------------------------------------------------------------------------------------
# Strings: Terraform templates
# ---------------------------------------------------------------------------------------


def quote(text: str) -> str:
    """``text`` (a Terraform template, as in the JSON form) as a quoted HCL template.

    Interpolations and directives are kept as they are; the literal text between them gets
    HCL's backslash escapes, so quotes, backslashes, newlines and control characters survive.
    A ``${`` or ``%{`` that never closes cannot be a template sequence (Terraform rejects the
    JSON form), so from there on the text is written as literal text. Linear in the length.
    """
    if LIST_TOKEN_MARKER in text:
        raise ValueError("a list reference cannot be embedded in a string")
    if "{" not in text:
        return '"' + _literal(text) + '"'
    spans, unclosed = sequences(text)
    out: list[str] = []
    position = 0
    for start, end in spans:
        out.append(_literal(text[position:start]))
        out.append(text[start:end])
        position = end
    if unclosed is None:
        out.append(_literal(text[position:]))
    else:
        out.append(_literal(text[position:unclosed]))
        out.append(_UNCLOSED.sub(r"\1\1{", _literal(text[unclosed:])))
    return '"' + "".join(out) + '"'


_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_UNCLOSED = re.compile(r"([$%])\{")


def _literal_char(match: re.Match[str]) -> str:
    c = match.group()
    escaped = _ESCAPES.get(c)
    return escaped if escaped is not None else f"\\u{ord(c):04x}"


def _literal(text: str) -> str:
    """Literal template text with HCL's quoted-string escapes (sequences kept elsewhere)."""
    return _NEEDS_ESCAPE.sub(_literal_char, text)


# ---------------------------------------------------------------------------------------
# Exact HCL expressions handed to the runtime as tokens
# ---------------------------------------------------------------------------------------

_producer_class: Any = None


def expression_token(text: str) -> Any:
    """A token that resolves to ``text`` as written, inside an expression (``[text]``)."""
    global _producer_class
    if _producer_class is None:
        import jsii

        @jsii.implements(cdk.IAnyProducer)
        class _Producer:
            def __init__(self, value: str) -> None:
                self.value = value

            def produce(self, context: Any) -> Any:
                return self.value

        _producer_class = _Producer
    return cdk.Lazy.any_value(_producer_class(text))


def hcl_string(text: str) -> str:
    """``text`` as a quoted HCL string that evaluates to exactly ``text``."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _TEMPLATE_START.sub(lambda m: m.group(1) * 2 + m.group(2), quoted)


_TEMPLATE_START = re.compile(r"([$%])([{])")
