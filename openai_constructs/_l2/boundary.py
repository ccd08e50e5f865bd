"""Turning the values users pass to an L2 construct into what the L1 layer takes.

A value may be a typed helper from ``openai_constructs.values`` (anything with a ``render()``
method returning exactly what L1 takes; tools may also carry ``tool_resources()``), an L1
struct, a plain dict keyed by Terraform names, or a reference.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._runtime import cdk
from .._runtime.creation import construct_path
from .._runtime.fields import Fields, Struct
from .._runtime.hcl.json_text import JsonTextError, compact_json, string_expression
from .._runtime.hcl.strings import exact_string
from .._runtime.hcl.templates import TerraformTemplate, literal_text
from .._runtime.hcl.terraform_form import terraform_form
from .._runtime.terraform_types import (
    JsonTextMapType,
    ListType,
    MapType,
    NestedType,
    ObjectType,
    ValueType,
    _JsonTextType,
)
from .._runtime.tokens import is_unresolved
from ..errors import AttributeTypeError


def rendered(value: Any) -> Any:
    """``value.render()`` for helpers; anything else (dicts, structs, tokens) unchanged."""
    if value is None or isinstance(value, (Mapping, Struct, list, tuple)) or is_unresolved(value):
        return value
    render = getattr(value, "render", None)
    if callable(render):
        return render()
    return value


def tool_item(tool: Any) -> Any:
    """The L1 ``tools`` item for ``tool``."""
    return rendered(tool)


def tool_resources_of(tool: Any) -> Mapping[str, Any] | None:
    """The ``tool_resources`` a helper carries (code-interpreter files, vector stores)."""
    own = getattr(tool, "tool_resources", None)
    if not callable(own):
        return None
    resources: Mapping[str, Any] | None = rendered(own())
    return resources or None


def merge_tool_resources(parts: list[Any]) -> dict[str, Any] | None:
    """Combine tool resources of several tools and explicit ones; lists are appended, so the
    API's limits (20 files, 1 vector store) apply to the total.
    """
    merged: dict[str, Any] = {}
    for part in parts:
        part = terraform_form(part)
        for tool_name, resources in part.items():
            target = merged.setdefault(tool_name, {})
            resources = terraform_form(resources)
            for key, value in (resources or {}).items():
                existing = target.get(key)
                if (
                    isinstance(value, (list, tuple))
                    and isinstance(existing, list)
                    and not is_unresolved(value)
                    and not is_unresolved(existing)
                ):
                    target[key] = [*existing, *value]
                else:
                    target[key] = list(value) if isinstance(value, tuple) else value
    return merged or None


def json_text_of(value: Any, owner: str, scope: Any, id: str, attribute: str) -> Any:
    """A literal dict (or a helper rendering to one) given to an L2 construct about to be
    created, as the JSON text its L1 attribute takes (``compact_json``: the plain JSON, which
    the rules check and ``literal_attributes`` escapes, or with references inside a
    ``TerraformTemplate``, already escaped); anything else unchanged. A value with no JSON
    form is an ``AttributeTypeError`` naming the construct path and the attribute."""
    value = rendered(value)
    if not isinstance(value, Mapping) or is_unresolved(value):
        return value
    try:
        return compact_json(value)
    except JsonTextError as error:
        path = construct_path(scope, id)
        raise AttributeTypeError(f"{owner} {path!r}: {attribute}: {error}") from None


def literal_values(value: Any) -> Any:
    """``value`` with every literal string in it, dict keys included, escaped by
    ``literal_text``: what an L2 construct hands its L1 resource reaches the API exactly as
    written, while references embedded in the text still resolve.

    Applied once, where an L2 construct gives values to its L1 resource; escaping the leaves
    before the L1 layer JSON-encodes a value is enough, as JSON escaping leaves ``$``, ``{``
    and ``%`` alone.
    """
    if isinstance(value, TerraformTemplate):
        return value
    if isinstance(value, str):
        return literal_text(value)
    if isinstance(value, Struct):
        fields = type(value)._FIELDS.settable
        return type(value)(**{f.name: literal_values(getattr(value, f.name)) for f in fields})
    if is_unresolved(value):
        return value
    if isinstance(value, Mapping):
        return {
            (literal_text(k) if isinstance(k, str) else k): literal_values(v)
            for k, v in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [literal_values(item) for item in value]
    return value


def literal_attributes(fields: Fields, attributes: Mapping[str, Any]) -> dict[str, Any]:
    """``attributes`` (keyword arguments of an L1 class) with every literal text escaped by
    ``literal_text``, walked along the schema in ``fields``.

    JSON-text positions (``tools[].function.parameters``) are left as they are: their
    encoder writes the JSON and escapes it itself (escaping the strings first would put the
    escapes' quotes through JSON encoding). A ``TerraformTemplate`` is already escaped.
    """
    by_key = fields.by_key
    return {
        name: (_literal(by_key[name].type, value) if name in by_key else literal_values(value))
        for name, value in attributes.items()
    }


def literal_attribute(fields: Fields, name: str, value: Any) -> Any:
    """One attribute's value escaped as ``literal_attributes`` does."""
    return _literal(fields.field(name).type, value)


def _literal(vtype: ValueType, value: Any) -> Any:
    if value is None or isinstance(value, TerraformTemplate):
        return value
    if isinstance(vtype, (JsonTextMapType, _JsonTextType)):
        return value
    if isinstance(value, str):
        return literal_text(value)
    if isinstance(vtype, NestedType):
        if isinstance(value, Struct) or (isinstance(value, Mapping) and vtype.mode == "single"):
            return _struct(vtype.struct, value)
        if is_unresolved(value):
            return value
        if vtype.mode == "map" and isinstance(value, Mapping):
            return {
                (literal_text(k) if isinstance(k, str) else k): _struct(vtype.struct, v)
                for k, v in value.items()
            }
        if isinstance(value, (list, tuple)):
            return [_struct(vtype.struct, item) for item in value]
        return value
    if is_unresolved(value):
        return value
    if isinstance(vtype, ListType) and isinstance(value, (list, tuple)):
        return [_literal(vtype.item, item) for item in value]
    if isinstance(vtype, MapType) and isinstance(value, Mapping):
        return {
            (literal_text(k) if isinstance(k, str) else k): _literal(vtype.item, v)
            for k, v in value.items()
        }
    if isinstance(vtype, ObjectType) and isinstance(value, Mapping):
        return {
            k: (_literal(vtype.fields[k], v) if k in vtype.fields else literal_values(v))
            for k, v in value.items()
        }
    return literal_values(value)


def _struct(struct: type[Struct], value: Any) -> Any:
    if isinstance(value, Struct):
        fields = type(value)._FIELDS.settable
        return type(value)(**{f.name: _literal(f.type, getattr(value, f.name)) for f in fields})
    if isinstance(value, Mapping) and not is_unresolved(value):
        by_key = struct._FIELDS.by_key
        return {
            k: (_literal(by_key[k].type, v) if k in by_key else literal_values(v))
            for k, v in value.items()
        }
    return literal_values(value)


def merge_expression(parts: list[Any]) -> TerraformTemplate:
    """``merge(...)`` of literal maps and referenced maps, as a Terraform expression that
    cdktf resolves and Terraform evaluates to exactly the literal pairs given.

    ``Fn.merge`` would write the literal maps through cdktf's own string quoting, which
    escapes neither quotes, backslashes nor ``%{`` (a pair ``%{ if true }x%{ endif }`` would
    be evaluated). Here literal maps become ``zipmap([keys], [values])`` of HCL string
    literals without template sequences or braces (``exact_string``), so the text is exact and
    the references inside still resolve.
    """
    items: list[str] = []
    for part in parts:
        if isinstance(part, Mapping) and not is_unresolved(part):
            keys = ", ".join(exact_string(str(k), in_raw_expression=True) for k in part)
            values = ", ".join(
                str(cdk.Token.as_string(v)) if is_unresolved(v) and not isinstance(v, str)
                else (string_expression(v) if is_unresolved(v)
                      else exact_string(str(v), in_raw_expression=True))
                for v in part.values()
            )
            items.append(f"zipmap([{keys}], [{values}])")
        else:
            items.append(str(cdk.Token.as_string(part)))
    return TerraformTemplate("${merge(" + ", ".join(items) + ")}")
