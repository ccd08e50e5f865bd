"""JSON Schema from Python: function signatures, pydantic models and the strict-mode rewrite.

Strict mode (structured outputs, strict function calling) accepts a subset of JSON Schema in
which every object lists all its properties as required and forbids extra ones.
"""

from __future__ import annotations

import enum
import inspect
import re
import sys
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, Union

from .._public import public
from ..errors import AttributeTypeError, ValidationError
from ._common import copy_json

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["function_schema", "pydantic_schema", "to_strict_schema"]

_SCHEMA_MAPS = ("properties", "$defs", "definitions", "patternProperties")
_SCHEMA_LISTS = ("anyOf", "allOf", "oneOf", "prefixItems")
_SCHEMA_ONES = ("items", "additionalProperties", "not", "contains")


def _children(node: dict[str, Any], path: str) -> list[tuple[str, dict[str, Any]]]:
    """The sub-schemas of ``node`` with their JSON-pointer-ish paths."""
    out: list[tuple[str, dict[str, Any]]] = []
    for key in _SCHEMA_MAPS:
        value = node.get(key)
        if isinstance(value, dict):
            out += [(f"{path}/{key}/{k}", v) for k, v in value.items() if isinstance(v, dict)]
    for key in _SCHEMA_LISTS:
        value = node.get(key)
        if isinstance(value, list):
            out += [(f"{path}/{key}/{i}", v) for i, v in enumerate(value) if isinstance(v, dict)]
    for key in _SCHEMA_ONES:
        value = node.get(key)
        if isinstance(value, dict):
            out.append((f"{path}/{key}", value))
    return out


def _strip_titles(node: dict[str, Any]) -> None:
    """pydantic titles repeat the property names; they only cost prompt tokens."""
    node.pop("title", None)
    for _, child in _children(node, ""):
        _strip_titles(child)


@public("openai_constructs.values")
def to_strict_schema(schema: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``schema`` rewritten for strict mode.

    Every object gets all its properties required and ``additionalProperties: false``;
    ``default`` is dropped (the model always sends every value); a ``$ref`` with sibling
    keywords is inlined. A free-form object (a dict with arbitrary keys) cannot be expressed
    in strict mode and raises ``ValueError`` naming where it is.
    """
    root: dict[str, Any] = copy_json(schema)
    definitions = {**root.get("definitions", {}), **root.get("$defs", {})}
    _make_strict(root, "#", definitions)
    return root


def _make_strict(node: dict[str, Any], path: str, definitions: Mapping[str, Any]) -> None:
    ref = node.get("$ref")
    if isinstance(ref, str) and len(node) > 1:
        match = re.fullmatch(r"#/(?:\$defs|definitions)/(.+)", ref)
        if match and isinstance(definitions.get(match.group(1)), dict):
            del node["$ref"]
            siblings = dict(node)
            node.clear()
            node.update(copy_json(definitions[match.group(1)]))
            node.update(siblings)
    node.pop("default", None)
    is_object = node.get("type") == "object" or "properties" in node
    if is_object:
        extra = node.get("additionalProperties")
        if "properties" not in node and extra not in (None, False):
            raise ValidationError(
                "to_strict_schema",
                [f"{path}: strict mode cannot express a free-form object (got "
                 "additionalProperties without properties); declare its properties, or use "
                 "strict=False"],
            )
        properties = node.setdefault("properties", {})
        node["required"] = list(properties)
        node["additionalProperties"] = False
    for child_path, child in _children(node, path):
        _make_strict(child, child_path, definitions)


def pydantic_schema(model: type[BaseModel], *, strict: bool) -> tuple[dict[str, Any], str | None]:
    """(JSON Schema without titles, the model's description) for a pydantic v2 model."""
    try:
        from pydantic import BaseModel
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            "from_pydantic needs pydantic 2: pip install 'openai-constructs[pydantic]'"
        ) from None
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise AttributeTypeError(f"expects a pydantic model class, got {model!r}")
    schema = model.model_json_schema()
    _strip_titles(schema)
    description = schema.pop("description", None)
    if strict:
        schema = to_strict_schema(schema)
    return schema, description


# --- functions -------------------------------------------------------------------------------

_GOOGLE_PARAMS = re.compile(
    r"(Args|Arguments|Parameters|Params|Keyword Args|Keyword Arguments):\s*"
)
_SECTION = re.compile(r"[A-Z][A-Za-z ]*:\s*")
_GOOGLE_ENTRY = re.compile(r"\*{0,2}(\w+)\s*(?:\([^)]*\))?\s*:\s*(.*)")
_SPHINX_PARAM = re.compile(r":param\s+(?:[^:]*\s)?(\w+)\s*:\s*(.*)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def parse_docstring(doc: str | None) -> tuple[str | None, dict[str, str]]:
    """(first paragraph, {parameter: description}) from a Google- or Sphinx-style docstring."""
    if not doc:
        return None, {}
    # Raw lines: only relative indentation matters, and cleandoc would flatten a docstring
    # whose first line is already "Args:".
    lines = doc.expandtabs().strip("\n").splitlines()
    summary: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith(":") or _SECTION.fullmatch(stripped):
            break
        summary.append(stripped)
    params: dict[str, str] = {}
    _google_params(lines, params)
    _sphinx_params(lines, params)
    return (" ".join(summary) or None), params


def _google_params(lines: list[str], params: dict[str, str]) -> None:
    section_indent: int | None = None
    entry_indent: int | None = None
    current: str | None = None
    for line in lines:
        stripped = line.strip()
        if section_indent is None:
            if _GOOGLE_PARAMS.fullmatch(stripped):
                section_indent = _indent(line)
            continue
        if not stripped:
            continue
        if _indent(line) <= section_indent:  # the next section, or the end of this one
            section_indent, entry_indent, current = (
                (_indent(line), None, None) if _GOOGLE_PARAMS.fullmatch(stripped) else
                (None, None, None)
            )
            continue
        if entry_indent is None:
            entry_indent = _indent(line)
        match = _GOOGLE_ENTRY.fullmatch(stripped)
        if _indent(line) == entry_indent and match:
            current = match.group(1)
            params[current] = match.group(2).strip()
        elif current is not None:
            params[current] = f"{params[current]} {stripped}".strip()


def _sphinx_params(lines: list[str], params: dict[str, str]) -> None:
    current: str | None = None
    field_indent = 0
    for line in lines:
        stripped = line.strip()
        match = _SPHINX_PARAM.fullmatch(stripped)
        if match:
            current, field_indent = match.group(1), _indent(line)
            params[current] = match.group(2).strip()
        elif current is not None and stripped and _indent(line) > field_indent:
            params[current] = f"{params[current]} {stripped}".strip()
        else:
            current = None


_PRIMITIVE_SCHEMAS: dict[Any, str] = {str: "string", int: "integer", float: "number",
                                      bool: "boolean"}
_ARRAY_ORIGINS = (list, tuple, set, frozenset, Sequence, typing.Sequence)
_UNION_ORIGINS: tuple[Any, ...] = (Union, types.UnionType)


def _json_type(values: Sequence[Any]) -> str | None:
    """The JSON type shared by all ``values`` (bool before int: bool is an int subclass)."""
    kinds = set()
    for value in values:
        kind = next((name for tp, name in (
            (bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"),
            (type(None), "null"),
        ) if isinstance(value, tp)), None)
        kinds.add(kind)
    return kinds.pop() if len(kinds) == 1 and None not in kinds else None


def _enum_schema(values: list[Any]) -> dict[str, Any]:
    kind = _json_type(values)
    return {"type": kind, "enum": values} if kind else {"enum": values}


def annotation_schema(annotation: Any, *, strict: bool, where: str) -> dict[str, Any]:
    """JSON Schema for one type hint; ``where`` names the parameter in errors."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        inner = annotation_schema(args[0], strict=strict, where=where)
        notes = [a for a in args[1:] if isinstance(a, str)]
        if notes and "description" not in inner:
            inner["description"] = notes[0]
        return inner
    if annotation in _PRIMITIVE_SCHEMAS:
        return {"type": _PRIMITIVE_SCHEMAS[annotation]}
    if annotation is None or annotation is type(None):
        return {"type": "null"}
    if annotation is Any and not strict:
        return {}
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _enum_schema([member.value for member in annotation])
    if origin is Literal:
        return _enum_schema(list(args))
    if origin in _UNION_ORIGINS:
        return {"anyOf": [annotation_schema(a, strict=strict, where=where) for a in args]}
    if annotation in _ARRAY_ORIGINS or origin in _ARRAY_ORIGINS:
        if origin is tuple and args and not (len(args) == 2 and args[1] is Ellipsis):
            raise AttributeTypeError(
                f"{where}: fixed-length tuples are not supported; use tuple[X, ...]"
            )
        schema: dict[str, Any] = {"type": "array"}
        if args:
            schema["items"] = annotation_schema(args[0], strict=strict, where=where)
        elif strict:
            raise AttributeTypeError(f"{where}: strict mode needs the item type, e.g. list[str]")
        return schema
    if annotation in (dict, Mapping, typing.Mapping) or origin in (dict, Mapping):
        if strict:
            raise AttributeTypeError(
                f"{where}: strict mode cannot express a free-form dict; use strict=False"
            )
        mapping: dict[str, Any] = {"type": "object"}
        if len(args) == 2:
            mapping["additionalProperties"] = annotation_schema(args[1], strict=False, where=where)
        return mapping
    raise AttributeTypeError(
        f"{where}: unsupported type hint {annotation!r}; supported: str, int, float, bool, "
        "list[...], tuple[..., ...], dict, Optional/Union, Literal, Enum, Annotated"
    )


def function_schema(
    fn: Callable[..., Any], *, strict: bool
) -> tuple[dict[str, Any], str | None]:
    """(parameters schema, description) from a function's signature, hints and docstring."""
    signature = inspect.signature(fn)
    hints = typing.get_type_hints(fn, include_extras=True)
    if sys.version_info < (3, 11):  # 3.10 wraps the hint of a None default in Optional[...]
        written = inspect.get_annotations(fn, eval_str=True)
        for param in signature.parameters.values():
            if param.default is None and param.name in written:
                hints[param.name] = written[param.name]
    summary, documented = parse_docstring(fn.__doc__)
    properties: dict[str, Any] = {}
    required: list[str] = []
    name = getattr(fn, "__name__", repr(fn))
    for param in signature.parameters.values():
        where = f"{name}({param.name})"
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            raise AttributeTypeError(
                f"{where}: *args and **kwargs cannot be described as JSON Schema"
            )
        if param.name not in hints:
            raise AttributeTypeError(f"{where}: needs a type hint")
        schema = annotation_schema(hints[param.name], strict=strict, where=where)
        if param.name in documented:
            schema["description"] = documented[param.name]
        properties[param.name] = schema
        if strict or param.default is param.empty:
            required.append(param.name)
    parameters: dict[str, Any] = {"type": "object", "properties": properties}
    if required or strict:
        parameters["required"] = required
    if strict:
        parameters["additionalProperties"] = False
    return parameters, summary
