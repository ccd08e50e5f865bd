"""Attribute trees of the provider schema and of the official SDK's types, comparable.

Both sides become a tree of :class:`Node` (kinds by path). The SDK side is read from the
``openai`` package's request TypedDicts and response pydantic models with ``typing``
introspection only: a union of objects is merged into one object (as Stainless merges unions
into provider attributes), ``Optional`` is dropped, literals are their base type.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typing_extensions

SCHEMA = Path(__file__).resolve().parents[2] / "openai_constructs" / "schema" / (
    "provider-schema.json")
PROVIDER = "registry.terraform.io/stainless-sdks/openai"


@dataclass
class Node:
    kinds: set[str]
    children: dict[str, Node] = field(default_factory=dict)
    required: bool = False
    """Schema: marked required. SDK: ``Required[...]`` in every object alternative that
    holds it (a key of one union member only is never required of the merged object)."""


def _merge(into: dict[str, Node], more: Mapping[str, Node]) -> None:
    for name, node in more.items():
        if name in into:
            into[name].kinds |= node.kinds
            _merge(into[name].children, node.children)
        else:
            into[name] = _copy(node)


def _copy(node: Node) -> Node:
    return Node(set(node.kinds), {k: _copy(v) for k, v in node.children.items()},
                node.required)


# --- the provider schema ---------------------------------------------------------------------

def schema_tree(kind: str, type_name: str) -> dict[str, Node]:
    provider = json.loads(SCHEMA.read_text())["provider_schemas"][PROVIDER]
    section = "resource_schemas" if kind == "resource" else "data_source_schemas"
    return _schema_level(provider[section][type_name]["block"]["attributes"])


def _schema_level(attributes: Mapping[str, Any]) -> dict[str, Node]:
    out: dict[str, Node] = {}
    for name, spec in attributes.items():
        nested = spec.get("nested_type")
        if nested:
            kind = "list(object)" if nested["nesting_mode"] == "list" else "object"
            out[name] = Node({kind}, _schema_level(nested["attributes"]),
                             bool(spec.get("required")))
            continue
        t = spec["type"]
        out[name] = Node({t if isinstance(t, str) else f"{t[0]}({t[1]})"},
                         required=bool(spec.get("required")))
    return out


# --- the SDK's types -------------------------------------------------------------------------

_WRAPPERS = {typing_extensions.Required, typing_extensions.NotRequired, typing_extensions.ReadOnly,
             typing.Required, typing.NotRequired}


def sdk_tree(*classes: Any) -> dict[str, Node]:
    """The merged attribute tree of TypedDicts / pydantic models (a union is merged too)."""
    out: dict[str, Node] = {}
    for cls in classes:
        _merge(out, _fields(cls))
    return out


def _is_model(tp: Any) -> bool:
    try:
        from pydantic import BaseModel
    except ImportError:  # pragma: no cover
        return False
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _is_typeddict(tp: Any) -> bool:
    return typing_extensions.is_typeddict(tp)


def _fields(cls: Any) -> dict[str, Node]:
    if _is_model(cls):
        return {name: walk(f.annotation) for name, f in cls.model_fields.items()}
    hints = typing_extensions.get_type_hints(cls, include_extras=True)
    total = getattr(cls, "__total__", True)
    out = {}
    for name, hint in hints.items():
        out[name] = walk(hint)
        out[name].required = _marked_required(hint, total)
    return out


def _marked_required(hint: Any, total: bool) -> bool:
    """``Required[...]`` (or a key of a total TypedDict not marked ``NotRequired``). Read from
    the hint: with ``from __future__ import annotations`` in the SDK's modules,
    ``__required_keys__`` does not see the markers."""
    origin = typing_extensions.get_origin(hint)
    if origin is typing_extensions.Annotated:
        return _marked_required(typing_extensions.get_args(hint)[0], total)
    if origin in (typing_extensions.Required, typing.Required):
        return True
    if origin in (typing_extensions.NotRequired, typing.NotRequired):
        return False
    return total


def _alternatives(tp: Any) -> list[Any]:
    origin = typing_extensions.get_origin(tp)
    if origin is typing_extensions.Annotated:
        return _alternatives(typing_extensions.get_args(tp)[0])
    if origin in _WRAPPERS:
        return _alternatives(typing_extensions.get_args(tp)[0])
    if origin is typing.Union or origin is types.UnionType:
        out: list[Any] = []
        for arg in typing_extensions.get_args(tp):
            out.extend(_alternatives(arg))
        return out
    if isinstance(tp, typing_extensions.TypeAliasType):  # pragma: no cover - newer SDKs
        return _alternatives(tp.__value__)
    return [tp]


def _is_upload(tp: Any) -> bool:
    """The SDK's ``FileTypes`` (bytes, a binary stream, a path or a (name, content, ...)
    tuple): a multipart upload, one kind of its own ("file")."""
    alternatives = _alternatives(tp)
    return typing.IO[bytes] in alternatives and bytes in alternatives


def walk(tp: Any) -> Node:
    if _is_upload(tp):
        return Node({"file"})
    node = Node(set())
    objects: list[dict[str, Node]] = []
    for alt in _alternatives(tp):
        if alt is type(None):
            continue
        origin = typing_extensions.get_origin(alt)
        args = typing_extensions.get_args(alt)
        if origin is typing_extensions.Literal or origin is typing.Literal:
            node.kinds |= {_scalar(type(value)) for value in args}
        elif alt in (str, int, float, bool):
            node.kinds.add(_scalar(alt))
        elif origin in (list, Iterable, tuple) or getattr(origin, "__name__", "") in (
            "Sequence", "SequenceNotStr", "Iterable", "List"
        ):
            item = walk(args[0])
            for kind in item.kinds:
                node.kinds.add(f"list({kind})")
            _merge(node.children, item.children)
        elif getattr(alt, "__name__", "") == "SequenceNotStr":
            node.kinds.add("list(string)")
        elif origin in (dict, Mapping):
            value = walk(args[1])
            node.kinds.add("map(string)" if value.kinds == {"string"} else
                           "map(" + "|".join(sorted(value.kinds)) + ")")
        elif _is_model(alt) or _is_typeddict(alt):
            node.kinds.add("object")
            fields = _fields(alt)
            objects.append(fields)
            _merge(node.children, fields)
        elif alt is object or alt is Any:
            node.kinds.add("json")
        else:
            raise TypeError(f"no rule for {alt!r}")
    if objects:
        for name, child in node.children.items():
            child.required = all(name in o and o[name].required for o in objects)
    return node


def _scalar(tp: type) -> str:
    if tp is bool:
        return "bool"
    if tp in (int, float):
        return "number"
    return "string"


# --- comparing ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Difference:
    path: str
    what: str  # "sdk only", "schema only", "kind"
    detail: str


def compare(schema: Mapping[str, Node], sdk: Mapping[str, Node], prefix: str = ""
            ) -> tuple[list[str], list[Difference]]:
    """(paths that agree, differences); a missing subtree is one difference at its root."""
    agree: list[str] = []
    differences: list[Difference] = []
    for name in sorted(set(schema) | set(sdk)):
        path = prefix + name
        ours, theirs = schema.get(name), sdk.get(name)
        if theirs is None:
            assert ours is not None
            differences.append(Difference(path, "schema only", _size(ours)))
            continue
        if ours is None:
            differences.append(Difference(path, "sdk only", _size(theirs)))
            continue
        (kind,) = ours.kinds
        if theirs.kinds != {kind}:
            differences.append(Difference(
                path, "kind", f"schema {kind}, sdk {' | '.join(sorted(theirs.kinds))}"))
            continue
        agree.append(path)
        if ours.children or theirs.children:
            more_agree, more_diff = compare(ours.children, theirs.children, path + ".")
            agree += more_agree
            differences += more_diff
    return agree, differences


def _size(node: Node) -> str:
    def count(n: Node) -> int:
        return 1 + sum(count(c) for c in n.children.values())

    total = count(node)
    kinds = " | ".join(sorted(node.kinds))
    return kinds if total == 1 else f"{kinds}, {total} attributes"


def required_differences(schema: Mapping[str, Node], create: Mapping[str, Node],
                         prefix: str = "") -> list[Difference]:
    """Where the schema and the SDK's create params disagree on what is required, over the
    paths both have (the others are differences already)."""
    out: list[Difference] = []
    for name in sorted(set(schema) & set(create)):
        ours, theirs = schema[name], create[name]
        if ours.required != theirs.required:
            out.append(Difference(prefix + name, "required",
                                  f"schema {'required' if ours.required else 'optional'}, "
                                  f"sdk {'required' if theirs.required else 'optional'}"))
        out += required_differences(ours.children, theirs.children, prefix + name + ".")
    return out
