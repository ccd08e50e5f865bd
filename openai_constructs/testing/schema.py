"""A typed reading of a ``terraform providers schema -json`` file.

The stub provider, the pure-Python check and the snapshot redaction all walk the same
model, so every one of them stays generic: nothing here knows about OpenAI.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "provider-schema.json"

_PRIMITIVES = frozenset({"string", "number", "bool", "dynamic"})
_COLLECTIONS = frozenset({"list", "set", "map"})
_NESTING_MODES = frozenset({"single", "list", "set", "map", "group"})


class SchemaFileError(ValueError):
    """The schema file cannot be used; the message names the file and the bad spot."""


@dataclass(frozen=True)
class Attribute:
    """One attribute: either a cty ``type`` or a ``nested_type`` object."""

    name: str
    type: Any = None
    nested: NestedType | None = None
    required: bool = False
    optional: bool = False
    computed: bool = False
    sensitive: bool = False

    @property
    def computed_only(self) -> bool:
        """Set by the provider, never by configuration."""
        return self.computed and not self.optional and not self.required


@dataclass(frozen=True)
class NestedType:
    """The object type of a nested attribute, with its nesting mode."""

    attributes: Mapping[str, Attribute]
    nesting_mode: str
    min_items: int = 0
    max_items: int = 0

    @property
    def block_types(self) -> Mapping[str, BlockType]:
        """Nested attribute objects never hold blocks; this lets walkers treat both alike."""
        return {}


@dataclass(frozen=True)
class BlockType:
    """A nested block (``block_types`` in the JSON)."""

    name: str
    block: Block
    nesting_mode: str
    min_items: int = 0
    max_items: int = 0


@dataclass(frozen=True)
class Block:
    """Attributes and nested blocks of a provider, resource or data source body."""

    attributes: Mapping[str, Attribute] = field(default_factory=dict)
    block_types: Mapping[str, BlockType] = field(default_factory=dict)


@dataclass(frozen=True)
class ProviderSchema:
    """The schema of one provider, keyed by its full source address."""

    address: str
    provider: Block
    resources: Mapping[str, Block]
    data_sources: Mapping[str, Block]
    versions: Mapping[str, int]
    raw: Mapping[str, Any]

    @property
    def type_name(self) -> str:
        """The local name Terraform uses, e.g. ``openai``."""
        return self.address.rsplit("/", 1)[-1]

    @property
    def namespace(self) -> str:
        """The namespace part of the address, e.g. ``stainless-sdks``."""
        return self.address.rsplit("/", 2)[-2]

    @property
    def hostname(self) -> str:
        """The registry host of the address."""
        parts = self.address.split("/")
        return parts[0] if len(parts) == 3 else "registry.terraform.io"


@dataclass(frozen=True)
class ProviderSchemas:
    """Every provider in a schema file; lookups go by resource type name."""

    path: Path
    digest: str
    providers: Mapping[str, ProviderSchema]

    def provider_by_name(self, local_name: str) -> ProviderSchema | None:
        """Find a provider by its local name (``openai``) or full address."""
        if local_name in self.providers:
            return self.providers[local_name]
        for schema in self.providers.values():
            if schema.type_name == local_name:
                return schema
        return None

    def resource(self, type_name: str) -> Block | None:
        """The schema of a managed resource type, if any provider declares it."""
        for schema in self.providers.values():
            if type_name in schema.resources:
                return schema.resources[type_name]
        return None

    def data_source(self, type_name: str) -> Block | None:
        """The schema of a data source type, if any provider declares it."""
        for schema in self.providers.values():
            if type_name in schema.data_sources:
                return schema.data_sources[type_name]
        return None


def load_schema(path: str | Path | None = None) -> ProviderSchemas:
    """Load and check a schema file (default: the package's own), cached per path and content."""
    resolved = Path(path).expanduser().resolve() if path is not None else DEFAULT_SCHEMA_PATH
    try:
        data = resolved.read_bytes()
    except OSError as exc:
        raise SchemaFileError(f"cannot read provider schema file {resolved}: {exc}") from exc
    return _parse_cached(str(resolved), data)


@lru_cache(maxsize=16)
def _parse_cached(path: str, data: bytes) -> ProviderSchemas:
    import hashlib

    return parse_schema(data, Path(path), hashlib.sha256(data).hexdigest())


def parse_schema(data: bytes | str, path: Path, digest: str = "") -> ProviderSchemas:
    """Parse schema JSON text, raising SchemaFileError with a JSON path on any defect."""
    where = str(path)
    try:
        doc = json.loads(data)
    except ValueError as exc:
        raise SchemaFileError(f"provider schema file {where} is not valid JSON: {exc}") from exc
    if not isinstance(doc, dict):
        raise SchemaFileError(f"provider schema file {where}: top level must be an object")
    schemas = doc.get("provider_schemas")
    if not isinstance(schemas, dict) or not schemas:
        raise SchemaFileError(
            f"provider schema file {where}: no 'provider_schemas' object; expected the output "
            "of `terraform providers schema -json`"
        )
    providers: dict[str, ProviderSchema] = {}
    for address, raw in schemas.items():
        ctx = _Ctx(where, f"provider_schemas[{address!r}]")
        if not isinstance(raw, dict):
            raise ctx.error("must be an object")
        if address.count("/") not in (1, 2):
            raise ctx.error("key must be a provider source address like host/namespace/name")
        provider_raw = raw.get("provider", {"block": {}})
        provider = _schema_block(provider_raw, ctx.at("provider"))
        resources: dict[str, Block] = {}
        data_sources: dict[str, Block] = {}
        versions: dict[str, int] = {}
        for key, target in (("resource_schemas", resources), ("data_source_schemas", data_sources)):
            section = raw.get(key, {})
            if not isinstance(section, dict):
                raise ctx.at(key).error("must be an object")
            for type_name, entry in section.items():
                target[type_name] = _schema_block(entry, ctx.at(key).at(type_name))
                if key == "resource_schemas":
                    versions[type_name] = int(entry.get("version", 0))
        providers[address] = ProviderSchema(
            address=address,
            provider=provider,
            resources=resources,
            data_sources=data_sources,
            versions=versions,
            raw=raw,
        )
    return ProviderSchemas(path=path, digest=digest, providers=providers)


@dataclass(frozen=True)
class _Ctx:
    file: str
    path: str

    def at(self, key: str) -> _Ctx:
        return _Ctx(self.file, f"{self.path}.{key}")

    def error(self, message: str) -> SchemaFileError:
        return SchemaFileError(f"provider schema file {self.file}: {self.path}: {message}")


def _schema_block(entry: Any, ctx: _Ctx) -> Block:
    if not isinstance(entry, dict) or not isinstance(entry.get("block"), dict):
        raise ctx.error("must be an object with a 'block' object")
    return _block(entry["block"], ctx.at("block"))


def _block(raw: Mapping[str, Any], ctx: _Ctx) -> Block:
    attributes = _attributes(raw.get("attributes", {}), ctx.at("attributes"))
    block_types: dict[str, BlockType] = {}
    raw_blocks = raw.get("block_types", {})
    if not isinstance(raw_blocks, dict):
        raise ctx.at("block_types").error("must be an object")
    for name, nested in raw_blocks.items():
        nctx = ctx.at("block_types").at(name)
        if not isinstance(nested, dict) or not isinstance(nested.get("block"), dict):
            raise nctx.error("must be an object with a 'block' object")
        mode = nested.get("nesting_mode")
        if mode not in _NESTING_MODES:
            raise nctx.error(f"unknown nesting_mode {mode!r}")
        if name in attributes:
            raise nctx.error("name is both an attribute and a block")
        block_types[name] = BlockType(
            name=name,
            block=_block(nested["block"], nctx.at("block")),
            nesting_mode=mode,
            min_items=int(nested.get("min_items", 0)),
            max_items=int(nested.get("max_items", 0)),
        )
    return Block(attributes=attributes, block_types=block_types)


def _attributes(raw: Any, ctx: _Ctx) -> dict[str, Attribute]:
    if not isinstance(raw, dict):
        raise ctx.error("must be an object")
    result: dict[str, Attribute] = {}
    for name, spec in raw.items():
        actx = ctx.at(name)
        if not isinstance(spec, dict):
            raise actx.error("must be an object")
        has_type, has_nested = "type" in spec, "nested_type" in spec
        if has_type == has_nested:
            raise actx.error("needs exactly one of 'type' and 'nested_type'")
        flags = {k: bool(spec.get(k, False)) for k in ("required", "optional", "computed")}
        if not any(flags.values()):
            raise actx.error("must be required, optional or computed")
        if flags["required"] and (flags["optional"] or flags["computed"]):
            raise actx.error("a required attribute cannot also be optional or computed")
        nested = None
        if has_type:
            check_type(spec["type"], actx.at("type"))
        else:
            nested = _nested_type(spec["nested_type"], actx.at("nested_type"))
        result[name] = Attribute(
            name=name,
            type=spec.get("type"),
            nested=nested,
            sensitive=bool(spec.get("sensitive", False)),
            **flags,
        )
    return result


def _nested_type(raw: Any, ctx: _Ctx) -> NestedType:
    if not isinstance(raw, dict):
        raise ctx.error("must be an object")
    mode = raw.get("nesting_mode")
    if mode not in {"single", "list", "set", "map"}:
        raise ctx.error(f"unknown nesting_mode {mode!r}")
    return NestedType(
        attributes=_attributes(raw.get("attributes", {}), ctx.at("attributes")),
        nesting_mode=mode,
        min_items=int(raw.get("min_items", 0)),
        max_items=int(raw.get("max_items", 0)),
    )


def check_type(ty: Any, ctx: _Ctx) -> None:
    """Reject anything that is not a cty type in its JSON form."""
    if isinstance(ty, str):
        if ty not in _PRIMITIVES:
            raise ctx.error(f"unknown type {ty!r}")
        return
    if isinstance(ty, list) and len(ty) >= 2 and isinstance(ty[0], str):
        kind = ty[0]
        if kind in _COLLECTIONS and len(ty) == 2:
            check_type(ty[1], ctx)
            return
        if kind == "object" and isinstance(ty[1], dict) and len(ty) in (2, 3):
            for key, sub in ty[1].items():
                check_type(sub, ctx.at(key))
            return
        if kind == "tuple" and isinstance(ty[1], list) and len(ty) == 2:
            for sub in ty[1]:
                check_type(sub, ctx)
            return
    raise ctx.error(f"unknown type {json.dumps(ty)}")


def nested_object_type(nested: NestedType) -> Any:
    """The cty type a nested attribute stands for, used when encoding values."""
    obj = ["object", {n: attribute_type(a) for n, a in nested.attributes.items()}]
    if nested.nesting_mode == "single":
        return obj
    return [nested.nesting_mode, obj]


def attribute_type(attribute: Attribute) -> Any:
    """The cty type of an attribute, nested or not."""
    if attribute.nested is not None:
        return nested_object_type(attribute.nested)
    return attribute.type


# -- the schema in force -------------------------------------------------------------------

_default_schema: str | Path | None = None


def set_default_schema(schema: str | Path | None) -> None:
    """Schema file the helpers use when none is passed (the pytest option sets it)."""
    global _default_schema
    _default_schema = schema


def default_schema_path() -> str | Path | None:
    """The path set by :func:`set_default_schema` (None: the package's own schema)."""
    return _default_schema


def default_schema() -> ProviderSchemas:
    """The schema in force: the one set by ``set_default_schema``, else the package's."""
    return load_schema(_default_schema)


def schemas_or_none() -> ProviderSchemas | None:
    """The schema in force, for redaction; None when it cannot be read (nothing to redact)."""
    try:
        return load_schema(_default_schema)
    except SchemaFileError:
        return None


def block_for(schemas: ProviderSchemas, kind: str, type_name: str) -> Block | None:
    """The schema block of a ``resource``, ``data`` or ``provider`` body, if the file knows
    its type."""
    if kind == "resource":
        return schemas.resource(type_name)
    if kind == "data":
        return schemas.data_source(type_name)
    provider = schemas.provider_by_name(type_name)
    return provider.provider if provider is not None else None
