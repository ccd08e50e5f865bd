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

from ..errors import CodegenError

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
# The provider's constructor also takes these (beside ``alias``).
RESERVED_ON_PROVIDERS = RESERVED_ON_CONSTRUCTS | {"source", "version_constraint"}
# Names Terraform reads as its own meta-arguments in a block of each kind: an attribute of the
# provider's schema with one of these names can never be set from configuration (Terraform
# takes the value as the meta-argument), so it is generated read-only, never settable.
TERRAFORM_META_ARGUMENTS: dict[str, frozenset[str]] = {
    "resource": frozenset({"count", "for_each", "provider", "depends_on", "lifecycle",
                           "provisioner", "connection"}),
    "data": frozenset({"count", "for_each", "provider", "depends_on", "lifecycle"}),
    "provider": frozenset({"alias", "version"}),
}
# What Terraform accepts as a type or attribute name (HCL identifiers, ASCII in practice).
_TF_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


class SchemaProblem(Exception):
    """A part of the schema the generator refuses; ``where`` is its JSON path in the file."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


def pascal(name: str) -> str:
    """``beta_thread_run`` → ``BetaThreadRun`` (digits stay attached: ``per_1`` → ``Per1``)."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\-]+", name) if part)


def python_name(tf_name: str) -> str:
    """The snake_case name jsii gives a cdktf property: camelCase first, then back.

    ``max_requests_per_1_minute`` → ``maxRequestsPer1Minute`` → ``max_requests_per1_minute``.
    """
    parts = [p for p in re.split(r"[_\-]+", tf_name) if p]
    if not parts:
        return ""  # ``_``: no Python name (the caller refuses it)
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
    where: str = ""  # its JSON path in the schema file, for messages


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
    """Parse a schema file; pick the provider by address (needed when it holds several).

    Every refusal is a :class:`~openai_constructs.errors.CodegenError` naming the file and
    the JSON path of the part refused.
    """
    try:
        document = json.loads(schema_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CodegenError(f"{schema_path}: cannot read a JSON schema ({error})") from error
    schemas = document.get("provider_schemas") if isinstance(document, dict) else None
    if not isinstance(schemas, dict) or not schemas:
        raise CodegenError(f"{schema_path}: no 'provider_schemas' in this document")
    if provider_address is None:
        if len(schemas) > 1:
            raise CodegenError(
                f"{schema_path} holds {len(schemas)} providers; choose one with --provider: "
                + ", ".join(sorted(schemas))
            )
        provider_address = next(iter(schemas))
    if provider_address not in schemas:
        raise CodegenError(f"{schema_path}: no provider {provider_address!r}")
    if not re.fullmatch(r"[ -~]*", version_constraint) or '"' in version_constraint:
        raise CodegenError(f"version constraint {version_constraint!r}: not a Terraform "
                           "version constraint (printable ASCII without quotes)")
    json_text = _load_encodings(encodings_path)
    top = f"provider_schemas[{json.dumps(provider_address)}]"
    try:
        model = _model(schemas[provider_address], provider_address, version_constraint,
                       json_text, top)
        check_names(model)
    except SchemaProblem as problem:
        raise CodegenError(f"{schema_path}: {problem}") from None
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise CodegenError(
            f"{schema_path}: {top}: not the shape of `terraform providers schema -json` "
            f"({type(error).__name__}: {error})"
        ) from error
    model.schema_version = str(document.get("format_version", ""))
    return model


def _model(
    provider: dict[str, Any],
    provider_address: str,
    version_constraint: str,
    json_text: dict[str, set[str]],
    top: str,
) -> ProviderModel:
    source = "/".join(provider_address.split("/")[-2:])
    name = provider_address.split("/")[-1]
    if not _TF_NAME.match(name) or not re.fullmatch(r"[A-Za-z0-9._/-]+", provider_address):
        raise SchemaProblem(top, "the provider address is not a Terraform provider address")
    constructs = [
        _construct("provider", name, name, provider["provider"], json_text, f"{top}.provider")
    ]
    sections: tuple[tuple[str, Kind], ...] = (("resource_schemas", "resource"),
                                              ("data_source_schemas", "data"))
    for section, kind in sections:
        for tf_type, schema in sorted((provider.get(section) or {}).items()):
            where = f"{top}.{section}[{json.dumps(tf_type)}]"
            if not _TF_NAME.match(tf_type):
                raise SchemaProblem(where, "is not a Terraform type name (letters, digits, "
                                           "'_' and '-', not first a digit)")
            constructs.append(_construct(kind, name, tf_type, schema, json_text, where))
    return ProviderModel(
        address=provider_address,
        name=name,
        source=source,
        version_constraint=version_constraint,
        schema_version="",
        constructs=constructs,
    )


def check_names(model: ProviderModel) -> None:
    """Refuse two parts of the schema that would get one module, or one name in the package
    index (a class, struct, ``...OutputReference`` or ``...List``): one would overwrite or
    shadow the other. Modules are compared case-insensitively (macOS and Windows folders)."""
    modules: dict[str, Construct] = {}
    names: dict[str, str] = {}
    for construct in model.constructs:
        if (not construct.module.isidentifier() or keyword.iskeyword(construct.module)
                or (construct.module.startswith("__") and construct.module.endswith("__"))):
            raise SchemaProblem(construct.where, f"maps to the module {construct.module!r}, "
                                                 "which Python cannot import")
        other = modules.setdefault(construct.module.casefold(), construct)
        if other is not construct:
            raise SchemaProblem(
                construct.where, f"maps to the module {construct.module!r}, as {other.where} "
                "does (one would overwrite the other)")
        for exported, where in _exported_names(construct):
            if not exported.isidentifier() or keyword.iskeyword(exported):
                raise SchemaProblem(where, f"maps to the class name {exported!r}, which "
                                           "Python cannot use")
            first = names.setdefault(exported, where)
            if first != where:
                raise SchemaProblem(
                    where, f"maps to the name {exported!r}, as {first} does (one would shadow "
                    "the other)")


def _exported_names(construct: Construct) -> list[tuple[str, str]]:
    found = [(construct.class_name, construct.where)]

    def walk(block: Block, where: str) -> None:
        for attr in block.attributes:
            if attr.block is None:
                continue
            here = f"{where}.{attr.tf_name}"
            struct = attr.block.struct_name
            found.extend((n, here) for n in (struct, f"{struct}OutputReference",
                                             f"{struct}List"))
            walk(attr.block, here)

    walk(construct.block, construct.where)
    return found


def _load_encodings(path: Path | None) -> dict[str, set[str]]:
    if path is None or not path.exists():
        return {}
    try:
        overlay = json.loads(path.read_text(encoding="utf-8"))
        return {str(k): {str(a) for a in v}
                for k, v in (overlay.get("json_text_maps") or {}).items()}
    except (OSError, ValueError, AttributeError, TypeError) as error:
        raise CodegenError(f"{path}: not an encodings overlay ({{\"json_text_maps\": "
                           f"{{type: [attribute, ...]}}}}): {error}") from error


def _construct(
    kind: Kind,
    provider: str,
    tf_type: str,
    schema: dict[str, Any],
    json_text: dict[str, set[str]],
    where: str,
) -> Construct:
    if kind == "provider":
        class_name, module = f"{pascal(provider)}Provider", "provider"
    elif kind == "resource":
        short = tf_type[len(provider) + 1 :] if tf_type.startswith(provider + "_") else tf_type
        class_name, module = pascal(short), _module_name(short)
    else:
        class_name, module = f"Data{pascal(tf_type)}", _module_name(f"data_{tf_type}")
    if keyword.iskeyword(class_name):  # ``x_none`` -> ``None_``
        class_name += "_"
    block_schema = schema.get("block", {})
    reserved = RESERVED_ON_PROVIDERS if kind == "provider" else RESERVED_ON_CONSTRUCTS
    block = _block(
        class_name,
        block_schema,
        parent_computed=False,
        path="",
        json_text=json_text.get(tf_type, set()),
        reserved=reserved,
        where=f"{where}.block",
        meta_arguments=TERRAFORM_META_ARGUMENTS[kind],
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
        where=where,
    )


def _module_name(raw: str) -> str:
    """A type name as a module: ``-`` becomes ``_`` and a keyword gets ``_`` (``import_``)."""
    module = raw.replace("-", "_")
    return module + "_" if keyword.iskeyword(module) else module


def _block(
    struct_name: str,
    schema: dict[str, Any],
    *,
    parent_computed: bool,
    path: str,
    json_text: set[str],
    reserved: frozenset[str],
    where: str,
    meta_arguments: frozenset[str] = frozenset(),
) -> Block:
    block = Block(struct_name=struct_name, description=str(schema.get("description", "")))
    used: set[str] = set()
    entries: list[tuple[str, dict[str, Any], bool]] = [
        (name, spec, False) for name, spec in (schema.get("attributes") or {}).items()
    ]
    entries += [(name, spec, True) for name, spec in (schema.get("block_types") or {}).items()]
    for tf_name, spec, is_block_type in sorted(entries, key=lambda e: e[0]):
        here = f"{where}.{'block_types' if is_block_type else 'attributes'}[{json.dumps(tf_name)}]"
        name = python_name(tf_name) if _TF_NAME.match(tf_name) else ""
        if not name.isidentifier():
            raise SchemaProblem(here, "has no Python name (Terraform attribute names are "
                                      "letters, digits, '_' and '-', with a letter or digit)")
        if name in reserved or name in used:
            name += "_attribute"
        if name in used:
            raise SchemaProblem(here, f"maps to the Python name {name!r} of another attribute")
        used.add(name)
        if is_block_type:
            attribute = _block_type(struct_name, tf_name, name, spec, parent_computed, path,
                                    json_text, here)
        else:
            attribute = _attribute(struct_name, tf_name, name, spec, parent_computed, path,
                                   json_text, here)
        if tf_name in meta_arguments:
            _read_only(attribute, here)
        block.attributes.append(attribute)
    names = {a.name for a in block.attributes}
    for attribute in block.attributes:
        attribute.tf_keyword = _tf_keyword(attribute, names, reserved)
    return block


def _read_only(attribute: Attribute, where: str) -> None:
    """An attribute with the name of a Terraform meta-argument: Terraform takes a value
    written under that name as the meta-argument, so no keyword may accept one."""
    if attribute.required:
        raise SchemaProblem(where, f"is required, but Terraform reads {attribute.tf_name!r} "
                                   "in this block as its own meta-argument: no configuration "
                                   "can set it")
    attribute.optional = False
    attribute.computed = True


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
    where: str,
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
            where=f"{where}.nested_type",
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
    where: str,
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
        where=f"{where}.block",
    )
    return attribute
