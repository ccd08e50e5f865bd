"""A pure-Python check of Terraform JSON against a provider schema; no Terraform needed.

It reports what Terraform reports (unknown arguments, missing required ones, wrong types)
plus two things Terraform lets through or leaves to the provider: keys inside nested
objects that the schema does not have (Terraform drops them silently) and computed-only
attributes set in configuration. Strings holding a template (``${...}`` or ``%{...}``)
are accepted wherever a value is expected: their type is only known to Terraform.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openai_constructs.testing.document import strip_comments, to_document
from openai_constructs.testing.schema import Block, NestedType, ProviderSchemas, load_schema

_TEMPLATE = re.compile(r"(?<!\$)\$\{|(?<!%)%\{")
_META = {
    "resource": {
        "count",
        "for_each",
        "depends_on",
        "provider",
        "lifecycle",
        "provisioner",
        "connection",
    },
    "data": {"count", "for_each", "depends_on", "provider", "lifecycle"},
    "provider": {"alias", "version"},
}


@dataclass(frozen=True)
class SchemaProblem:
    """One defect: where (a dotted path into the document) and what."""

    path: str
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def is_expression(value: Any) -> bool:
    """True for a string that Terraform evaluates as a template, so its type is open."""
    return isinstance(value, str) and _TEMPLATE.search(value) is not None


def check_document(
    subject: Any, schema: str | Path | ProviderSchemas | None = None
) -> list[SchemaProblem]:
    """All schema problems of a stack or document, in document order."""
    schemas = schema if isinstance(schema, ProviderSchemas) else load_schema(schema)
    # strip_comments builds new containers, so a mapping needs no copy of its own first.
    doc = strip_comments(subject if isinstance(subject, Mapping) else to_document(subject))
    return list(_check(doc, schemas))


def _owned(schemas: ProviderSchemas, type_name: str) -> bool:
    return any(type_name.startswith(p.type_name + "_") for p in schemas.providers.values())


def _check(doc: Mapping[str, Any], schemas: ProviderSchemas) -> Iterator[SchemaProblem]:
    for section, lookup, what in (
        ("resource", schemas.resource, "resource type"),
        ("data", schemas.data_source, "data source type"),
    ):
        entries = doc.get(section)
        if not isinstance(entries, Mapping):
            continue
        for type_name, named in entries.items():
            block = lookup(type_name)
            if block is None:
                if _owned(schemas, type_name):
                    yield SchemaProblem(
                        f"{section}.{type_name}",
                        "unknown_type",
                        f"the schema has no {what} {type_name!r}",
                    )
                continue
            for name, body in named.items() if isinstance(named, Mapping) else ():
                for item in body if isinstance(body, list) else [body]:
                    yield from _body(block, item, f"{section}.{type_name}.{name}", _META[section])
    providers = doc.get("provider")
    for type_name, configs in providers.items() if isinstance(providers, Mapping) else ():
        provider = schemas.provider_by_name(type_name)
        if provider is None:
            continue
        for index, item in enumerate(configs if isinstance(configs, list) else [configs]):
            yield from _body(
                provider.provider, item, f"provider.{type_name}[{index}]", _META["provider"]
            )


def _body(
    block: Block | NestedType, body: Any, path: str, meta: set[str]
) -> Iterator[SchemaProblem]:
    if is_expression(body):
        return
    if not isinstance(body, Mapping):
        yield SchemaProblem(path, "wrong_type", f"expected an object, got {_describe(body)}")
        return
    for key in body:
        if key not in block.attributes and key not in block.block_types and key not in meta:
            settable = sorted(
                [
                    *(n for n, a in block.attributes.items() if not a.computed_only),
                    *block.block_types,
                ]
            )
            yield SchemaProblem(
                f"{path}.{key}",
                "unknown_attribute",
                f"unknown attribute {key!r}; the schema allows: {', '.join(settable) or 'nothing'}",
            )
    for name, attribute in block.attributes.items():
        value = body.get(name)
        here = f"{path}.{name}"
        if value is None:
            if attribute.required:
                yield SchemaProblem(here, "missing_required", "required attribute is missing")
            continue
        if attribute.computed_only:
            yield SchemaProblem(
                here, "read_only", "attribute is computed by the provider and cannot be set"
            )
            continue
        if attribute.nested is not None:
            yield from _nested(attribute.nested, value, here)
        else:
            yield from check_value(attribute.type, value, here, sensitive=attribute.sensitive)
    for name, block_type in block.block_types.items():
        value = body.get(name)
        here = f"{path}.{name}"
        items = _block_items(block_type.nesting_mode, value)
        if value is not None and not is_expression(value) and block_type.nesting_mode != "map":
            count = len(items)
            if block_type.min_items and count < block_type.min_items:
                yield SchemaProblem(
                    here, "too_few_items", f"at least {block_type.min_items} block(s) required"
                )
            if block_type.max_items and count > block_type.max_items:
                yield SchemaProblem(
                    here, "too_many_items", f"at most {block_type.max_items} block(s) allowed"
                )
        elif value is None and block_type.min_items:
            yield SchemaProblem(
                here, "missing_required", f"at least {block_type.min_items} block(s) required"
            )
        for suffix, item in items:
            yield from _body(block_type.block, item, here + suffix, set())


def _block_items(mode: str, value: Any) -> list[tuple[str, Any]]:
    if value is None or is_expression(value):
        return []
    if mode == "map" and isinstance(value, Mapping):
        found: list[tuple[str, Any]] = []
        for label, item in value.items():
            for index, element in enumerate(item if isinstance(item, list) else [item]):
                found.append(
                    (f"[{label!r}]" + (f"[{index}]" if isinstance(item, list) else ""), element)
                )
        return found
    if isinstance(value, list):
        return [(f"[{i}]", item) for i, item in enumerate(value)]
    return [("", value)]


def _nested(nested: NestedType, value: Any, path: str) -> Iterator[SchemaProblem]:
    if is_expression(value):
        return
    mode = nested.nesting_mode
    if mode == "single":
        yield from _body(nested, value, path, set())
        return
    if mode == "map":
        if not isinstance(value, Mapping):
            yield SchemaProblem(path, "wrong_type", f"expected a map, got {_describe(value)}")
            return
        for key, item in value.items():
            yield from _body(nested, item, f"{path}[{key!r}]", set())
        return
    if not isinstance(value, list):
        yield SchemaProblem(path, "wrong_type", f"expected a {mode}, got {_describe(value)}")
        return
    if nested.min_items and len(value) < nested.min_items:
        yield SchemaProblem(path, "too_few_items", f"at least {nested.min_items} item(s) required")
    if nested.max_items and len(value) > nested.max_items:
        yield SchemaProblem(path, "too_many_items", f"at most {nested.max_items} item(s) allowed")
    for index, item in enumerate(value):
        yield from _body(nested, item, f"{path}[{index}]", set())


def check_value(
    ty: Any, value: Any, path: str, *, sensitive: bool = False
) -> Iterator[SchemaProblem]:
    """Problems of a literal value against a cty type, using Terraform's conversions.

    With ``sensitive``, a value appears in messages by its type and length only.
    """
    if ty == "dynamic" or is_expression(value):
        return
    if value is None:
        return
    if isinstance(ty, str):
        if not _primitive_ok(ty, value):
            yield SchemaProblem(
                path, "wrong_type", f"expected a {ty}, got {_describe(value, sensitive)}"
            )
        return
    kind = ty[0]
    if kind in ("list", "set"):
        if not isinstance(value, list):
            yield SchemaProblem(
                path, "wrong_type", f"expected a {kind}, got {_describe(value, sensitive)}"
            )
            return
        for index, item in enumerate(value):
            if item is None:
                yield SchemaProblem(f"{path}[{index}]", "wrong_type", f"null element in a {kind}")
            else:
                yield from check_value(ty[1], item, f"{path}[{index}]", sensitive=sensitive)
    elif kind == "map":
        if not isinstance(value, Mapping):
            yield SchemaProblem(
                path, "wrong_type", f"expected a map, got {_describe(value, sensitive)}"
            )
            return
        for key, item in value.items():
            if item is None:
                yield SchemaProblem(f"{path}[{key!r}]", "wrong_type", "null element in a map")
            else:
                yield from check_value(ty[1], item, f"{path}[{key!r}]", sensitive=sensitive)
    elif kind == "object":
        if not isinstance(value, Mapping):
            yield SchemaProblem(
                path, "wrong_type", f"expected an object, got {_describe(value, sensitive)}"
            )
            return
        optional = set(ty[2]) if len(ty) > 2 else set()
        for key in value:
            if key not in ty[1]:
                yield SchemaProblem(
                    f"{path}.{key}", "unknown_attribute", f"unknown attribute {key!r} in object"
                )
        for key, sub in ty[1].items():
            if key not in value and key not in optional:
                yield SchemaProblem(f"{path}.{key}", "missing_required", "object attribute missing")
            yield from check_value(sub, value.get(key), f"{path}.{key}", sensitive=sensitive)
    elif kind == "tuple":
        if not isinstance(value, list) or len(value) != len(ty[1]):
            yield SchemaProblem(
                path,
                "wrong_type",
                f"expected a tuple of {len(ty[1])}, got {_describe(value, sensitive)}",
            )
            return
        for index, (sub, item) in enumerate(zip(ty[1], value, strict=True)):
            yield from check_value(sub, item, f"{path}[{index}]", sensitive=sensitive)


def _primitive_ok(ty: str, value: Any) -> bool:
    """Whether ``value`` fits the primitive type ``ty``; types other than string, number and
    bool are not checked here. The same conversion rules as data-source fixtures."""
    from openai_constructs.testing.data_sources import _primitive_fits

    return ty not in ("string", "number", "bool") or _primitive_fits(ty, value)


def _describe(value: Any, sensitive: bool = False) -> str:
    from openai_constructs.testing.data_sources import describe

    return describe(value, sensitive)
