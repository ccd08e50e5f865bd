"""Read a ``terraform providers schema -json`` document into a naming-resolved model.

The model is what the renderer needs and nothing more: every construct with its class and
module name, and every attribute with its Python name, mode, type and nested block. Names
follow the rules of ``cdktf get`` so regenerated bindings match what cdktf users expect.
"""

from __future__ import annotations

import json
import keyword
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Kind = Literal["provider", "resource", "data"]

# Names that would shadow what a construct already has (cdktf's meta-arguments and members).
RESERVED_ON_CONSTRUCTS = frozenset(
    {
        "node", "fqn", "friendly_unique_id", "terraform_resource_type", "terraform_meta_arguments",
        "terraform_generator_metadata", "cdktf_stack", "count", "depends_on", "for_each",
        "lifecycle", "provider", "connection", "provisioners", "to_string", "to_terraform",
        "to_metadata", "to_hcl_terraform", "add_override", "override_logical_id",
        "reset_override_logical_id", "raw_overrides", "construct_node_metadata",
        "interpolation_for_attribute", "import_from", "move_to", "move_from_id", "move_to_id",
        "has_resource_move", "alias", "meta_attributes", "terraform_provider_source",
        "get_string_attribute", "get_number_attribute", "get_list_attribute",
        "get_boolean_attribute", "get_any_map_attribute", "get_string_map_attribute",
        "get_number_list_attribute", "get_number_map_attribute", "get_boolean_map_attribute",
        "generate_config_for_import", "with_", "tf_resource_type",
    }
)
# Names that would shadow members of the runtime's output references and lists.
RESERVED_ON_REFERENCES = frozenset({"fqn", "get", "internal_value", "terraform_attribute"})


def pascal(name: str) -> str:
    """``beta_thread_run`` → ``BetaThreadRun`` (digits stay attached: ``per_1`` → ``Per1``)."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\-]+", name) if part)


def python_name(tf_name: str) -> str:
    """The snake_case name jsii gives a cdktf property: camelCase first, then back.

    ``max_requests_per_1_minute`` → ``maxRequestsPer1Minute`` → ``max_requests_per1_minute``.
    """
    parts = [p for p in re.split(r"[_\-]+", tf_name) if p]
    camel = parts[0][:1].lower() + parts[0][1:] + "".join(p[:1].upper() + p[1:] for p in parts[1:])
    snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", camel).lower()
    if keyword.iskeyword(snake) or snake in ("self", "scope"):
        snake += "_"
    return snake


@dataclass
class Attribute:
    tf_name: str
    name: str
    description: str
    required: bool
    optional: bool
    computed: bool
    sensitive: bool
    type_expr: Any = None  # a Terraform type expression, for leaves
    json_text: bool = False  # map(string) whose values are JSON text
    block: Block | None = None  # for nested attributes and blocks
    nesting: str = "single"  # single | list | set | map
    # The Terraform name is also a keyword argument, before cdktf's spelling ``name``
    # (``max_requests_per_1_minute`` and ``max_requests_per1_minute``).
    tf_keyword: bool = False

    @property
    def settable(self) -> bool:
        return self.required or self.optional

    @property
    def computed_only(self) -> bool:
        return self.computed and not self.settable


@dataclass
class Block:
    struct_name: str
    description: str
    attributes: list[Attribute] = field(default_factory=list)

    @property
    def settable(self) -> list[Attribute]:
        return [a for a in self.attributes if a.settable]


@dataclass
class Construct:
    kind: Kind
    tf_type: str
    class_name: str
    module: str
    description: str
    block: Block
    sensitive_outputs: list[str] = field(default_factory=list)


@dataclass
class ProviderModel:
    address: str
    name: str
    source: str
    version_constraint: str
    schema_version: str
    constructs: list[Construct]


def load_model(
    schema_path: Path,
    *,
    provider_address: str | None = None,
    version_constraint: str = "~> 0.0.1",
    encodings_path: Path | None = None,
) -> ProviderModel:
    """Parse a schema file; pick the provider by address (needed when it holds several)."""
    document = json.loads(schema_path.read_text(encoding="utf-8"))
    schemas = document.get("provider_schemas")
    if not isinstance(schemas, dict) or not schemas:
        raise ValueError(f"{schema_path}: no 'provider_schemas' in this document")
    if provider_address is None:
        if len(schemas) > 1:
            raise ValueError(
                f"{schema_path} holds {len(schemas)} providers; choose one with --provider: "
                + ", ".join(sorted(schemas))
            )
        provider_address = next(iter(schemas))
    if provider_address not in schemas:
        raise ValueError(f"{schema_path}: no provider {provider_address!r}")
    json_text = _load_encodings(encodings_path)
    provider = schemas[provider_address]
    source = "/".join(provider_address.split("/")[-2:])
    name = provider_address.split("/")[-1]
    constructs = [
        _construct("provider", name, name, provider["provider"], json_text)
    ]
    for tf_type, schema in sorted(provider.get("resource_schemas", {}).items()):
        constructs.append(_construct("resource", name, tf_type, schema, json_text))
    for tf_type, schema in sorted(provider.get("data_source_schemas", {}).items()):
        constructs.append(_construct("data", name, tf_type, schema, json_text))
    return ProviderModel(
        address=provider_address,
        name=name,
        source=source,
        version_constraint=version_constraint,
        schema_version=str(document.get("format_version", "")),
        constructs=constructs,
    )


def _load_encodings(path: Path | None) -> dict[str, set[str]]:
    if path is None or not path.exists():
        return {}
    overlay = json.loads(path.read_text(encoding="utf-8"))
    return {k: set(v) for k, v in overlay.get("json_text_maps", {}).items()}


def _construct(
    kind: Kind, provider: str, tf_type: str, schema: dict[str, Any], json_text: dict[str, set[str]]
) -> Construct:
    if kind == "provider":
        class_name, module = f"{pascal(provider)}Provider", "provider"
    elif kind == "resource":
        short = tf_type[len(provider) + 1 :] if tf_type.startswith(provider + "_") else tf_type
        class_name, module = pascal(short), short
    else:
        class_name, module = f"Data{pascal(tf_type)}", f"data_{tf_type}"
    block_schema = schema.get("block", {})
    block = _block(
        class_name,
        block_schema,
        parent_computed=False,
        path="",
        json_text=json_text.get(tf_type, set()),
        reserved=RESERVED_ON_CONSTRUCTS,
    )
    sensitive = sorted(a.tf_name for a in block.attributes if a.sensitive and a.computed_only)
    return Construct(
        kind=kind,
        tf_type=tf_type,
        class_name=class_name,
        module=module,
        description=str(block_schema.get("description", "")),
        block=block,
        sensitive_outputs=sensitive,
    )


def _block(
    struct_name: str,
    schema: dict[str, Any],
    *,
    parent_computed: bool,
    path: str,
    json_text: set[str],
    reserved: frozenset[str],
) -> Block:
    block = Block(struct_name=struct_name, description=str(schema.get("description", "")))
    used: set[str] = set()
    entries: list[tuple[str, dict[str, Any], bool]] = [
        (name, spec, False) for name, spec in schema.get("attributes", {}).items()
    ]
    entries += [(name, spec, True) for name, spec in schema.get("block_types", {}).items()]
    for tf_name, spec, is_block_type in sorted(entries, key=lambda e: e[0]):
        name = python_name(tf_name)
        if name in reserved or name in used:
            name += "_attribute"
        used.add(name)
        if is_block_type:
            attribute = _block_type(struct_name, tf_name, name, spec, parent_computed, path,
                                    json_text)
        else:
            attribute = _attribute(struct_name, tf_name, name, spec, parent_computed, path,
                                   json_text)
        block.attributes.append(attribute)
    names = {a.name for a in block.attributes}
    for attribute in block.attributes:
        attribute.tf_keyword = _tf_keyword(attribute, names, reserved)
    return block


def _tf_keyword(attribute: Attribute, names: set[str], reserved: frozenset[str]) -> bool:
    """Whether the Terraform name can be a keyword argument beside cdktf's spelling.

    Only where cdktf's name differs by its camelCase round trip alone (``per_1`` →
    ``per1``); names renamed to avoid a clash (``count_attribute``, ``class_``) stay single.
    """
    tf_name = attribute.tf_name
    return (
        attribute.settable
        and tf_name != attribute.name
        and attribute.name == python_name(tf_name)
        and tf_name.isidentifier()
        and not keyword.iskeyword(tf_name)
        and tf_name not in ("self", "scope", "id")
        and tf_name not in reserved
        and tf_name not in names
    )


def _attribute(
    parent: str,
    tf_name: str,
    name: str,
    spec: dict[str, Any],
    parent_computed: bool,
    path: str,
    json_text: set[str],
) -> Attribute:
    computed = bool(spec.get("computed")) or parent_computed
    required = bool(spec.get("required")) and not parent_computed
    optional = bool(spec.get("optional")) and not parent_computed
    attribute = Attribute(
        tf_name=tf_name,
        name=name,
        description=str(spec.get("description", "")),
        required=required,
        optional=optional,
        computed=computed,
        sensitive=bool(spec.get("sensitive")),
    )
    nested = spec.get("nested_type")
    if nested is not None:
        attribute.nesting = str(nested.get("nesting_mode", "single"))
        attribute.block = _block(
            parent + pascal(tf_name),
            nested,
            parent_computed=attribute.computed_only,
            path=f"{path}{tf_name}.",
            json_text=json_text,
            reserved=RESERVED_ON_REFERENCES,
        )
    else:
        attribute.type_expr = spec.get("type", "dynamic")
        attribute.json_text = f"{path}{tf_name}" in json_text
    return attribute


def _block_type(
    parent: str,
    tf_name: str,
    name: str,
    spec: dict[str, Any],
    parent_computed: bool,
    path: str,
    json_text: set[str],
) -> Attribute:
    """An SDKv2-style block: settable unless its parent is computed."""
    min_items = int(spec.get("min_items", 0) or 0)
    mode = str(spec.get("nesting_mode", "list"))
    nesting = {"single": "single", "group": "single", "list": "list", "set": "set",
               "map": "map"}.get(mode, "list")
    inner = spec.get("block", {})
    attribute = Attribute(
        tf_name=tf_name,
        name=name,
        description=str(inner.get("description", "")),
        required=min_items > 0 and not parent_computed,
        optional=min_items == 0 and not parent_computed,
        computed=parent_computed,
        sensitive=False,
        nesting=nesting,
    )
    attribute.block = _block(
        parent + pascal(tf_name),
        inner,
        parent_computed=parent_computed,
        path=f"{path}{tf_name}.",
        json_text=json_text,
        reserved=RESERVED_ON_REFERENCES,
    )
    return attribute
