"""Render attribute values as Terraform native syntax (HCL), driven by the schema types.

The runtime's ``stack.to_hcl_terraform()`` asks every element for ``{value, isBlock, type,
storageClassType}`` per attribute and renders that with its own HCL renderer (our ``App``
with ``hcl_output`` writes the whole stack itself instead, ``hcl/stack.py``, using the layout
writers of this module and the strings of ``hcl/strings.py``). That renderer guesses at
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

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from .. import cdk
from ..tokens import is_unresolved
from .strings import quote


class ValueTypeLike(Protocol):
    """What :func:`expression` reads of a value type of ``_runtime/values.py`` (declared here,
    not imported, so that this package stays below the encoders, which write JSON text and
    templates through it): the ``(type, storageClassType)`` pair cdktf's renderer expects,
    plus, by kind, ``item`` (lists, sets, maps), ``fields`` (objects) or ``struct`` and
    ``mode`` (nested blocks)."""

    def hcl_storage(self) -> tuple[str, str]: ...


class FieldTable(Protocol):
    """What :func:`attributes` reads of an ``l1.Fields`` table (declared here, not imported,
    so that this module stays below the element base classes that call it)."""

    @property
    def settable(self) -> Sequence[Any]: ...


_INDENT = "  "
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


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


def expression(vtype: ValueTypeLike, value: Any, depth: int = 0) -> str:
    """One encoded value of type ``vtype`` as an HCL expression.

    The kind is read from ``vtype.hcl_storage()``: a nested block type has a ``struct``; a
    list, set or map type an ``item``; an object type ``fields``; every other type (string,
    number, bool, JSON text, dynamic) is a JSON value, written as it is.
    """
    if _is_token(value):
        return _token(value)
    kind, storage = vtype.hcl_storage()
    if kind == "simple":
        if storage != "object":
            return _any(value, depth)
        fields: Mapping[str, ValueTypeLike] = vtype.fields  # type: ignore[attr-defined]
        if not isinstance(value, Mapping):
            return _any(value, depth)
        items = []
        for key, item in value.items():
            field = fields.get(key)
            if item is None:
                rendered = "null"
            else:
                rendered = _any(item, depth + 1) if field is None else expression(
                    field, item, depth + 1)
            items.append((_key(key), rendered))
        return _object(items, depth)
    if getattr(vtype, "struct", None) is not None:
        return _nested(vtype, value, depth)
    item_type: ValueTypeLike = vtype.item  # type: ignore[attr-defined]
    if kind == "map":
        if not isinstance(value, Mapping):
            return _any(value, depth)
        return _object(
            [(quote(str(k)), expression(item_type, v, depth + 1)) for k, v in value.items()],
            depth,
        )
    if not isinstance(value, (list, tuple)):
        return _any(value, depth)
    return _tuple([expression(item_type, item, depth + 1) for item in value], depth)


def _nested(vtype: Any, value: Any, depth: int) -> str:
    if vtype.mode == "single":
        return _struct(vtype, value, depth)
    if vtype.mode == "map" and isinstance(value, Mapping):
        return _object(
            [(quote(str(k)), _struct(vtype, v, depth + 1)) for k, v in value.items()], depth
        )
    if isinstance(value, (list, tuple)):
        return _tuple([_struct(vtype, item, depth + 1) for item in value], depth)
    return _any(value, depth)


def _struct(vtype: Any, value: Any, depth: int) -> str:
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
