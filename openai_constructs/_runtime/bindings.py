"""What the generated L1 bindings stand on: the base classes of generated resources, data
sources and providers, and every name a generated module takes from the runtime.

A generated class declares its attributes as a ``Fields`` table and a typed ``__init__``; the
behaviour shared by every class lives here: checking and encoding inputs once at construction,
handing them to cdktf at synth time, tokens for attribute references, and pure-Python output
references that only cross into node when a reference is actually taken. A generated module
imports ``cdk`` and this module only (``__all__`` is what it may use).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, TypeAlias, TypeVar

import jsii

from ..errors import AttributeTypeError, ConstructIdError
from . import batch, cdk, creation, meta_arguments, names, notices
from .creation import _PARENT, _create, _readable_jsii_errors, construct_path
from .fields import (
    Field,
    Fields,
    Struct,
    check_arguments,
    error_for,
    put_value,
    replace_at,
    struct_of,
)
from .references import ComplexList, OutputReference
from .terraform_types import (
    BOOL,
    DYNAMIC,
    JSON_TEXT_MAP,
    NUMBER,
    STRING,
    Invalid,
    ListType,
    MapType,
    NestedType,
    ObjectType,
)
from .tokens import contains_token, is_unresolved

_T = TypeVar("_T")

# What generated signatures accept. A nested value is its struct or a plain dict keyed by the
# Terraform attribute names; any value may instead be an unresolved reference.
StructInput: TypeAlias = _T | Mapping[str, Any] | cdk.IResolvable
StructListInput: TypeAlias = Sequence[_T | Mapping[str, Any]] | cdk.IResolvable
StructMapInput: TypeAlias = Mapping[str, _T | Mapping[str, Any]] | cdk.IResolvable
BoolInput: TypeAlias = bool | cdk.IResolvable
StringListInput: TypeAlias = Sequence[str] | cdk.IResolvable
StringMapInput: TypeAlias = Mapping[str, str] | cdk.IResolvable
JsonMapInput: TypeAlias = Mapping[str, Any] | cdk.IResolvable
ConnectionInput: TypeAlias = (
    cdk.SSHProvisionerConnection | cdk.WinrmProvisionerConnection | Mapping[str, Any]
)
CountInput: TypeAlias = float | cdk.TerraformCount
LifecycleInput: TypeAlias = cdk.TerraformResourceLifecycle | Mapping[str, Any]
ProvisionerInput: TypeAlias = (
    cdk.FileProvisioner | cdk.LocalExecProvisioner | cdk.RemoteExecProvisioner | Mapping[str, Any]
)


# Methods of the generated elements that Python overrides for Python callers only: node never
# calls them on a resource or data source (cdktf and cdktn call them on a TerraformOutput of
# their own), and each override jsii registers is set up on every object node creates.
_PYTHON_ONLY = frozenset(("overrideLogicalId", "resetOverrideLogicalId"))


# Called with each resource created and each resource whose ``metadata`` is set, once
# ``openai_constructs.metadata`` is imported (``Metadata.of`` lives there): it adds the pairs
# recorded on enclosing scopes. Until then no pairs can have been recorded.
_metadata_hook: Callable[[Any, Any], None] | None = None
"""Called with (resource, scope) when a resource is created (``scope`` its parent) and with
(resource, None) when its ``metadata`` is set."""


def set_metadata_hook(hook: Callable[[Any, Any], None]) -> None:
    global _metadata_hook
    _metadata_hook = hook


class _Attributes:
    """State and helpers shared by generated resources, data sources and providers."""

    _FIELDS: ClassVar[Fields]
    _inputs: dict[str, Any]
    _values: dict[str, Any]
    # Node holds a fetched copy of ``_values`` (``batch.py``) until this element synthesizes.
    _node_has_copy = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        check_arguments(cls)

    def _encode_config(self, scope: Any, id: str, values: dict[str, Any]) -> None:
        try:
            encoded = self._FIELDS.encode(values)
        except Invalid as error:
            owner = f"{type(self).__name__} {construct_path(scope, id)!r}"
            raise error_for(owner, error) from None
        self._inputs = values
        self._values = encoded

    def _owner(self) -> str:
        node = getattr(self, "node", None)
        path = str(node.path) if node is not None else "?"
        return f"{type(self).__name__} {path!r}"

    def _set(self, name: str, value: Any) -> None:
        """Set (or with ``None``, unset) one attribute after construction."""
        f = self._FIELDS.field(name)
        if value is None:
            if f.required:
                raise AttributeTypeError(f"{self._owner()}: {f.tf_name}: is required")
            encoded = None
        else:
            try:
                encoded = f.encode(value)
            except Invalid as error:
                raise error_for(self._owner(), error) from None
        self._store(f, encoded, value)

    def _put(
        self, name: str, struct: type[Struct], value: Any, keywords: dict[str, Any]
    ) -> None:
        """``put_x`` of a single block: a value or its attributes as keywords (``put_value``)."""
        try:
            chosen = put_value(struct, value, keywords)
        except Invalid as error:
            raise error_for(self._owner(), error.at(self._FIELDS.field(name).tf_name)) from None
        self._set(name, chosen)

    def _set_path(self, steps: tuple[str | int, ...], value: Any) -> None:
        """Set (``None``: unset) the nested attribute at ``steps``, e.g. ``("tools", 0,
        "function", "name")``: what the setters, ``put_*``, ``reset_*`` and ``internal_value``
        of the generated ``…OutputReference`` classes call.

        The value is checked and encoded by its field, as a top-level setter does, and the
        error names the whole path. The attribute's encoded value and the value given for it
        are both replaced by copies with the change (what the user passed is never mutated).
        An unset block is created when the change leaves none of its required attributes
        unset; a list item must exist; a block given as a reference cannot change piecewise.
        """
        f = self._FIELDS.field(str(steps[0]))
        if len(steps) == 1:
            self._set(f.name, value)
            return
        try:
            encoded, given = replace_at(
                f, self._values.get(f.tf_name), self._inputs.get(f.name), steps[1:], value
            )
        except Invalid as error:
            raise error_for(self._owner(), error.at(f.tf_name)) from None
        self._store(f, encoded, given)

    def _store(self, f: Field, encoded: Any, given: Any) -> None:
        """Keep one attribute's encoded value (``None``: unset) and the value given for it."""
        if encoded is None:
            self._values.pop(f.tf_name, None)
        else:
            self._values[f.tf_name] = encoded
        self._inputs[f.name] = given
        if self._node_has_copy:  # node holds the old attributes: drop them
            batch.invalidate(self)
        if f.tf_name == "metadata" and _metadata_hook is not None:
            _metadata_hook(self, None)

    def _send(self, tf_name: str, value: Any) -> None:
        """Set what is synthesized for ``tf_name`` without changing the value given for it
        (``Metadata.of`` adds pairs to the metadata a resource was given)."""
        f = self._FIELDS.by_key[tf_name]
        if value is None:
            self._values.pop(f.tf_name, None)
        else:
            try:
                self._values[f.tf_name] = f.encode(value)
            except Invalid as error:
                raise error_for(self._owner(), error) from None
        if self._node_has_copy:
            batch.invalidate(self)

    def _input(self, name: str) -> Any:
        return self._inputs.get(name)

    def _input_at(self, steps: tuple[str | int, ...]) -> Any:
        """The value given at a nested path (``*_input``, ``internal_value``), or ``None``."""
        f = self._FIELDS.field(str(steps[0]))
        given = self._inputs.get(f.name)
        for step in steps[1:]:
            if given is None:
                return None
            if isinstance(step, int):
                if not isinstance(given, (list, tuple, set, frozenset)) or is_unresolved(given):
                    return None
                items = list(given)
                given = items[step] if step < len(items) else None
                continue
            f = struct_of(f)._FIELDS.field(step)
            if isinstance(given, Struct):
                given = getattr(given, f.name)
            elif isinstance(given, Mapping) and not is_unresolved(given):
                item = given.get(f.tf_name)
                given = given.get(f.name) if item is None else item
            else:  # a reference: its parts were not given
                return None
        return given

    def _synthesize_hcl_attributes(self) -> Mapping[str, Any]:
        from .hcl.attributes import attributes  # only HCL synthesis needs the renderer

        return attributes(self._FIELDS, self._values)


def _meta(
    connection: Any,
    count: Any,
    depends_on: Any,
    for_each: Any,
    lifecycle: Any,
    provider: Any,
    provisioners: Any,
) -> dict[str, Any]:
    """Only the meta-arguments that were given: each one costs a trip through jsii."""
    meta: dict[str, Any] = {}
    if connection is not None:
        meta["connection"] = connection
    if count is not None:
        meta["count"] = count
    if depends_on is not None:
        meta["depends_on"] = depends_on
    if for_each is not None:
        meta["for_each"] = for_each
    if lifecycle is not None:
        meta["lifecycle"] = lifecycle
    if provider is not None:
        meta["provider"] = provider
    if provisioners is not None:
        meta["provisioners"] = provisioners
    return meta


class _Element(_Attributes):
    """What resources and data sources share: the meta-arguments and how they are created."""

    TF_RESOURCE_TYPE: ClassVar[str]
    _GENERATOR_METADATA: ClassVar[dict[str, str]]
    _CDK_BASE: ClassVar[type[Any]]
    _ADDRESS_PREFIX: ClassVar[str]  # "" or "data.": how Terraform addresses the type

    def __init__(
        self,
        scope: cdk.Construct,
        id: str,
        values: dict[str, Any],
        *,
        connection: Any = None,
        count: Any = None,
        depends_on: Any = None,
        for_each: Any = None,
        lifecycle: Any = None,
        provider: Any = None,
        provisioners: Any = None,
    ) -> None:
        self._encode_config(scope, id, values)
        meta = _meta(connection, count, depends_on, for_each, lifecycle, provider, provisioners)
        if count is not None or for_each is not None or depends_on is not None:
            meta = meta_arguments.checked_meta(type(self).__name__, scope, id, meta)
        place = names.child_place(scope, id) if isinstance(id, str) else names.OUTSIDE
        key = names.check_name(type(self).__name__, place, self._namespace(),
                               names.logical_id(place[1]), id)
        with _readable_jsii_errors(type(self), scope, id):
            _create(self, self._CDK_BASE, scope, id, meta)
        names.claim(place, key)
        self._oc_names = place
        self._oc_name_key = key
        self.__dict__[_PARENT] = scope
        notices.note(self, scope, self._ADDRESS_PREFIX + self.TF_RESOURCE_TYPE)
        if _metadata_hook is not None:
            _metadata_hook(self, scope)

    def _namespace(self) -> str:
        return f"{self._ADDRESS_PREFIX or 'resource.'}{self.TF_RESOURCE_TYPE}"

    def override_logical_id(self, new_logical_id: str) -> None:
        """Name this element ``new_logical_id`` in Terraform instead of the name derived from
        its construct path; refused (``ConstructIdError``) when Terraform would reject the
        name or another element of the stack already has it.
        """
        key = self._rename_check(new_logical_id)
        try:
            super().override_logical_id(new_logical_id)  # type: ignore[misc]
        except RuntimeError as error:
            if "may not be overridden" not in str(error):
                raise
            raise ConstructIdError(
                f"{self._owner()}: override_logical_id({new_logical_id!r}): its Terraform name "
                "was already handed out (.fqn was requested), so it can no longer change; "
                "call override_logical_id right after creating the element, before anything "
                "refers to it"
            ) from None
        self._rename(key)
        fixed = isinstance(new_logical_id, str) and not contains_token(new_logical_id)
        names.expect_name(self, new_logical_id if fixed else None)  # checked at synth

    def reset_override_logical_id(self) -> None:
        """Go back to the name derived from the construct path (checked the same way)."""
        place: names.Place = getattr(self, "_oc_names", names.OUTSIDE)
        key = self._rename_check(names.logical_id(place[1]))
        super().reset_override_logical_id()  # type: ignore[misc]
        self._rename(key)
        names.expect_name(self, None)

    def _rename_check(self, name: Any) -> names.Key | None:
        place: names.Place = getattr(self, "_oc_names", names.OUTSIDE)
        if not isinstance(name, str) or contains_token(name):
            return None  # node refuses a non-string; a token is resolved later
        return names.check_name(type(self).__name__, place, self._namespace(), name)

    def _rename(self, key: names.Key | None) -> None:
        place: names.Place = getattr(self, "_oc_names", names.OUTSIDE)
        names.release(place, getattr(self, "_oc_name_key", None))
        names.claim(place, key)
        self._oc_name_key = key

def _hidden_from_node(cls: type) -> frozenset[str]:
    """The methods of ``cls`` node never calls: an element's ``override_logical_id`` and
    ``reset_override_logical_id`` (``_PYTHON_ONLY``), and ``synthesizeHclAttributes``, which
    ``batch.js`` asks Python for itself (``AttributeSource.hcl``) unless a subclass overrides
    ``_synthesize_hcl_attributes``."""
    if not issubclass(cls, _Element):
        return frozenset()
    if getattr(cls, "_synthesize_hcl_attributes", None) is _Attributes._synthesize_hcl_attributes:
        return _PYTHON_ONLY | {"synthesizeHclAttributes"}
    return _PYTHON_ONLY


creation.register_elements(_Attributes, _hidden_from_node)


class Resource(_Element, batch.BatchedResource):
    """Base of generated resources; node fetches their attributes per stack (``batch.py``)."""

    _CDK_BASE = cdk.TerraformResource
    _ADDRESS_PREFIX = ""

    @classmethod
    def generate_config_for_import(
        cls,
        scope: cdk.Construct,
        import_to_id: str,
        import_from_id: str,
        provider: cdk.TerraformProvider | None = None,
    ) -> cdk.ImportableResource:
        """Generate configuration for an existing object with ``cdktf plan`` (import block)."""
        config = _ImportConfig(cls.TF_RESOURCE_TYPE, import_from_id, provider)
        return cdk.ImportableResource(scope, import_to_id, config)


@jsii.implements(cdk.IImportableConfig)
class _ImportConfig:
    """What ``ImportableResource`` needs to know (a jsii interface, implemented in Python).

    jsii reads interface members through class-level properties, so these are properties.
    """

    def __init__(
        self, resource_type: str, import_id: str, provider: cdk.TerraformProvider | None
    ) -> None:
        self._values = (resource_type, import_id, provider)

    @property
    def terraform_resource_type(self) -> str:
        return self._values[0]

    @terraform_resource_type.setter
    def terraform_resource_type(self, value: str) -> None:
        raise AttributeError("read-only")

    @property
    def import_id(self) -> str:
        return self._values[1]

    @import_id.setter
    def import_id(self, value: str) -> None:
        raise AttributeError("read-only")

    @property
    def provider(self) -> cdk.TerraformProvider | None:
        return self._values[2]

    @provider.setter
    def provider(self, value: cdk.TerraformProvider | None) -> None:
        raise AttributeError("read-only")


class DataSource(_Element, batch.BatchedDataSource):
    """Base of generated data sources; node fetches their attributes per stack."""

    _CDK_BASE = cdk.TerraformDataSource
    _ADDRESS_PREFIX = "data."


_providers: weakref.WeakSet[Provider] = weakref.WeakSet()


def providers() -> list[Provider]:
    """The providers created so far in this process (``secrets.py`` finds the construct whose
    configuration a problem of a synthesized document is in)."""
    return list(_providers)


class Provider(_Attributes, cdk.TerraformProvider):
    """Base of the generated provider class."""

    TF_RESOURCE_TYPE: ClassVar[str]
    DEFAULT_SOURCE: ClassVar[str]
    DEFAULT_VERSION_CONSTRAINT: ClassVar[str]

    def __init__(
        self,
        scope: cdk.Construct,
        id: str,
        values: dict[str, Any],
        *,
        alias: str | None = None,
        source: str | None = None,
        version_constraint: str | None = None,
    ) -> None:
        self._encode_config(scope, id, values)
        self._alias = alias
        constraint = version_constraint or self.DEFAULT_VERSION_CONSTRAINT
        with _readable_jsii_errors(type(self), scope, id):
            cdk.TerraformProvider.__init__(
                self,
                scope,
                id,
                terraform_resource_type=self.TF_RESOURCE_TYPE,
                terraform_generator_metadata=cdk.TerraformProviderGeneratorMetadata(
                    provider_name=self.TF_RESOURCE_TYPE,
                    provider_version_constraint=constraint,
                ),
                terraform_provider_source=source or self.DEFAULT_SOURCE,
            )
        _providers.add(self)

    @property
    def alias(self) -> str | None:
        """The provider alias, for several configurations of one provider in a stack."""
        return self._alias

    @alias.setter
    def alias(self, value: str | None) -> None:
        self._alias = value

    def reset_alias(self) -> None:
        self._alias = None

    @property
    def alias_input(self) -> str | None:
        return self._alias

    def _synthesize_attributes(self) -> Mapping[str, Any]:
        return self._values


__all__ = [
    "BOOL",
    "DYNAMIC",
    "JSON_TEXT_MAP",
    "NUMBER",
    "STRING",
    "BoolInput",
    "ComplexList",
    "ConnectionInput",
    "CountInput",
    "DataSource",
    "Field",
    "Fields",
    "JsonMapInput",
    "LifecycleInput",
    "ListType",
    "MapType",
    "NestedType",
    "ObjectType",
    "OutputReference",
    "Provider",
    "ProvisionerInput",
    "Resource",
    "StringListInput",
    "StringMapInput",
    "Struct",
    "StructInput",
    "StructListInput",
    "StructMapInput",
]
