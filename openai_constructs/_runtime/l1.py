"""Base classes for the generated L1 bindings.

A generated class declares its attributes as a ``Fields`` table and a typed ``__init__``; the
behaviour shared by every class lives here: checking and encoding inputs once at construction,
handing them to cdktf at synth time, tokens for attribute references, and pure-Python output
references that only cross into node when a reference is actually taken.
"""

from __future__ import annotations

import copy
import sys
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar, TypeAlias, TypeVar

import jsii

from ..errors import (
    AttributeTypeError,
    ConstructIdError,
    ConstructTypeError,
    OpenAIConstructsError,
    SensitiveValueError,
)
from . import _jsii, batch, cdk, meta_arguments, names, notices
from .arguments import checked
from .tokens import contains_token, is_unresolved
from .values import (
    Invalid,
    LiteralSecret,
    NestedType,
    ValueType,
    describe,
    describe_secret,
    reference_of,
    unknown_key,
)

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


class Field:
    """One attribute of a block: its names, type and mode."""

    __slots__ = (
        "computed",
        "keyword",
        "name",
        "optional",
        "required",
        "sensitive",
        "settable",
        "tf_name",
        "type",
    )

    def __init__(
        self,
        tf_name: str,
        type: ValueType,
        *,
        name: str | None = None,
        tf_keyword: bool = False,
        required: bool = False,
        optional: bool = False,
        computed: bool = False,
        sensitive: bool = False,
    ) -> None:
        self.tf_name = tf_name
        self.name = name or tf_name
        # The keyword shown first: the Terraform name when it is also a keyword argument
        # (``tf_keyword``; ``name`` is then cdktf's spelling, accepted as well), else ``name``.
        self.keyword = tf_name if tf_keyword and tf_name != self.name else self.name
        self.type = type
        self.required = required
        self.computed = computed
        self.optional = optional or not (required or computed)
        self.sensitive = sensitive
        self.settable = required or self.optional

    def encode(self, value: Any) -> Any:
        """Check and encode one value of this attribute (``None`` is handled by the caller)."""
        if self.sensitive:
            return self._encode_sensitive(value)
        try:
            return self.type.encode(value)
        except Invalid as error:
            raise error.at(self.tf_name) from None

    def _encode_sensitive(self, value: Any) -> Any:
        """As ``encode``, for a secret: literals are refused and no message shows the value."""
        if (
            isinstance(value, str)
            and not isinstance(value, LiteralSecret)
            and not contains_token(value)
        ):
            raise Invalid(
                f"is sensitive and refuses a literal value (got {describe_secret(value)}), "
                "which would be written in plain text to the synthesized document; pass a "
                "reference instead (e.g. TerraformVariable(..., sensitive=True).string_value), "
                "leave it unset to use the provider's environment variable, or opt in with "
                "LiteralSecret(value)",
                kind=SensitiveValueError,
            ).at(self.tf_name)
        try:
            return self.type.encode(value)
        except Invalid:
            # The type's own message would quote the value.
            raise Invalid(
                f"is sensitive: expects {self.type.label}, got {describe_secret(value)}"
            ).at(self.tf_name) from None


class Fields:
    """The attribute table of a resource, data source, provider or struct."""

    __slots__ = ("all", "by_key", "settable")

    def __init__(self, *fields: Field) -> None:
        self.all: tuple[Field, ...] = fields
        self.settable: tuple[Field, ...] = tuple(f for f in fields if f.settable)
        by_key: dict[str, Field] = {}
        for f in self.settable:
            by_key[f.tf_name] = f
            by_key.setdefault(f.name, f)
        self.by_key = by_key

    def field(self, name: str) -> Field:
        for f in self.all:
            if f.name == name or f.tf_name == name:
                return f
        raise KeyError(name)

    def encode(self, values: dict[str, Any]) -> dict[str, Any]:
        """Encode keyword arguments (Python names) into a Terraform attribute dict.

        A field whose Terraform name is also a keyword argument may come under either
        spelling; ``values`` keeps the one that was given under the Python name.
        """
        out: dict[str, Any] = {}
        for f in self.settable:
            value = values.get(f.name)
            if f.keyword is not f.name:
                value = values[f.name] = one_spelling(values.pop(f.keyword, None), value, f)
            if value is None:
                if f.required:
                    raise Invalid("is required").at(f.tf_name)
                continue
            out[f.tf_name] = f.encode(value)
        return out

    def encode_mapping(self, value: Mapping[str, Any]) -> dict[str, Any]:
        """Encode a dict keyed by Terraform (or Python) attribute names; unknown keys fail."""
        by_key = self.by_key
        for key in value:
            if key not in by_key:
                raise unknown_key(key, {f.tf_name: f for f in self.settable})
        out: dict[str, Any] = {}
        for f in self.settable:
            item = value.get(f.tf_name)
            if f.name != f.tf_name:
                other = value.get(f.name)
                if other is not None:
                    if item is not None:
                        raise Invalid(
                            f"given twice, as {f.tf_name!r} and as {f.name!r} (two spellings "
                            "of one attribute); keep one key"
                        ).at(f.tf_name)
                    item = other
            if item is None:
                if f.required:
                    raise Invalid("is required").at(f.tf_name)
                continue
            out[f.tf_name] = f.encode(item)
        return out


def one_spelling(terraform: _T | None, cdktf: _T | None, f: Field) -> _T | None:
    """The value given under one of an attribute's two keyword spellings (Terraform's name,
    ``max_requests_per_1_minute``, or cdktf's, ``max_requests_per1_minute``); both is an error.
    """
    if terraform is None:
        return cdktf
    if cdktf is not None:
        raise Invalid(
            f"given twice, as {f.tf_name}= and as {f.name}= (Terraform's and cdktf's spelling "
            "of one attribute); pass one of them"
        ).at(f.tf_name)
    return terraform


def put_value(struct: type[Struct], value: Any, keywords: dict[str, Any]) -> Any:
    """What ``put_x(value)`` or ``put_x(a=..., b=...)`` sets for a single block: the value, or a
    struct of the keywords (cdktf's generated ``put_*`` takes a block's attributes as keywords).
    """
    if value is None:
        return struct(**keywords)
    given = [k for k, v in keywords.items() if v is not None]
    if given:
        raise Invalid(
            f"given both as a value and as keywords ({', '.join(given)}); pass the value or "
            "its attributes as keywords"
        )
    return value


def _raise_for(owner: str, error: Invalid) -> OpenAIConstructsError:
    """The public error for ``error`` found in ``owner`` (``"BetaAssistant 'prod/x'"``).

    The parts stay on the exception (``owner``, ``attribute``, ``detail``) so an L2 construct
    can say the same in its own words (its path, its parameter names).
    """
    path = error.path()
    raised = error.kind(
        f"{owner}: {path}: {error.message}" if path else f"{owner}: {error.message}"
    )
    raised.owner = owner  # type: ignore[attr-defined]
    raised.attribute = path  # type: ignore[attr-defined]
    raised.detail = error.message  # type: ignore[attr-defined]
    return raised


def _check_arguments(cls: type) -> None:
    """Have Python's refusal of a generated class's constructor arguments (``modle=``, no
    ``model``) raised as ``AttributeTypeError`` naming the class, the construct path, the
    argument and the closest valid name (``arguments.checked``), before anything is created.

    A generated class is one that declares its own ``_FIELDS`` table and ``__init__``; the
    typed signature stays as generated, so mypy still sees it. Subclasses written by users
    are left as they are (a call through ``super().__init__`` is still checked here). Hooked
    in ``__init_subclass__`` rather than a metaclass, which jsii classes already have.
    """
    init = cls.__dict__.get("__init__")
    if init is not None and "_FIELDS" in cls.__dict__:
        cls.__init__ = checked(init)  # type: ignore[misc]
        check_put_methods(cls)


def check_put_methods(cls: type) -> None:
    """The same for the generated ``put_*`` methods (``put_tool_resources(code_interpeter=
    ...)``) of an element or a nested attribute's ``…OutputReference``."""
    for name, method in list(cls.__dict__.items()):
        if name.startswith("put_") and callable(method):
            setattr(cls, name, checked(method))


class Struct:
    """Base of the generated struct classes: a typed, keyword-only value object.

    Structs hold what the user passed; checking happens when the struct is given to a
    construct, so an error names the whole attribute path (``tools[1].function.name``).
    """

    __slots__ = ()
    _FIELDS: ClassVar[Fields]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _check_arguments(cls)

    @classmethod
    def _encode_value(cls, value: Any) -> Any:
        if isinstance(value, cls):
            return value._encode()
        if isinstance(value, Mapping):
            return cls._FIELDS.encode_mapping(value)
        if isinstance(value, Struct):
            raise Invalid(f"expects {cls.__name__} or a dict, got {type(value).__name__}")
        ref = reference_of(value)
        if ref is None:
            raise Invalid(f"expects {cls.__name__} or a dict, got {describe(value)}")
        return ref

    def _encode(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self._FIELDS.settable:
            value = getattr(self, f.name)
            if value is None:
                if f.required:
                    raise Invalid("is required").at(f.tf_name)
                continue
            out[f.tf_name] = f.encode(value)
        return out

    @classmethod
    def _one_spelling(cls, tf_name: str, terraform: _T | None, cdktf: _T | None) -> _T | None:
        """The value of a keyword that has two spellings (see ``one_spelling``)."""
        try:
            return one_spelling(terraform, cdktf, cls._FIELDS.field(tf_name))
        except Invalid as error:
            raise _raise_for(cls.__name__, error) from None

    def to_terraform(self) -> dict[str, Any]:
        """The Terraform JSON of this value, checked; raises ``AttributeTypeError``."""
        try:
            return self._encode()
        except Invalid as error:
            raise _raise_for(type(self).__name__, error) from None

    def __repr__(self) -> str:
        parts = [
            f"{f.keyword}={getattr(self, f.name)!r}"
            for f in self._FIELDS.settable
            if getattr(self, f.name) is not None
        ]
        return f"{type(self).__name__}({', '.join(parts)})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in self._FIELDS.settable)

    __hash__ = None  # type: ignore[assignment]


# ---------------------------------------------------------------------------------------
# Constructs
# ---------------------------------------------------------------------------------------


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


@contextmanager
def _readable_jsii_errors(kind: type, scope: Any, id: str) -> Iterator[None]:
    """Turn node's errors about the construct tree into Python errors without a JS trace; an
    id that is a reference is refused before node is asked."""
    if isinstance(id, str) and contains_token(id):
        raise ConstructIdError(
            f"{kind.__name__} {_construct_path(scope, '<reference>')!r}: the id is a "
            "reference, whose value is only known when Terraform runs; construct ids name "
            "things in the program: use a literal string (for one construct per value of a "
            "variable, use for_each)"
        )
    try:
        yield
    except RuntimeError as error:
        if "There is already a Construct with name" in str(error):
            raise ConstructIdError(
                f"{kind.__name__} {_construct_path(scope, id)!r}: the id {id!r} is already used "
                "by a sibling; construct ids must be unique within their scope"
            ) from None
        raise


def _construct_path(scope: Any, id: str) -> str:
    try:
        parent = str(scope.node.path)
    except Exception:  # the scope is not a construct: report the id alone
        return id
    return f"{parent}/{id}" if parent else id


# ---------------------------------------------------------------------------------------
# Creating the jsii object cheaply
# ---------------------------------------------------------------------------------------
#
# cdktf's Python constructor for a resource spends more time in Python than node spends
# creating the object: it type-checks every argument with typeguard (``typing.get_type_hints``
# per call), builds a ``TerraformResourceConfig`` and a generator-metadata struct (each checked
# again), and jsii then walks the class ``__dict__`` of our generated class (dozens of
# properties) to discover overridden methods, for every instance. ``_create`` does the same
# work once per class: the config struct is built (and checked) with cdktf's own constructor
# the first time and reused while no meta-argument is given, ``scope`` and ``id`` are checked
# with ``isinstance`` (what typeguard checks), and the override list is memoised per class.


def _runtime_struct(name: str) -> Any:
    """A struct class of the bound runtime that ``cdk`` does not re-export."""
    return getattr(sys.modules[cdk.runtime_name()], name)


def _config(cls: type[Any], meta: dict[str, Any]) -> Any:
    """The ``TerraformResourceConfig`` for an instance of ``cls``; shared when ``meta`` is empty."""
    if not meta:
        shared = cls.__dict__.get("_shared_config")
        if shared is not None:
            return shared
    config = _runtime_struct("TerraformResourceConfig")(
        terraform_resource_type=cls.TF_RESOURCE_TYPE,
        terraform_generator_metadata=cdk.TerraformProviderGeneratorMetadata(
            **cls._GENERATOR_METADATA
        ),
        **meta,
    )
    if not meta:
        cls._shared_config = config  # per class: subclasses get their own
    return config


_fast_paths = True


def use_fast_paths(enabled: bool) -> None:
    """Switch to cdktf's own constructors and one attribute fetch per element (``False``), or
    back; for the equivalence tests and the benchmark, which compare the two side by side.
    """
    global _fast_paths
    _fast_paths = enabled
    batch.set_batching(enabled)


def _create(obj: Any, base: Any, scope: Any, id: str, meta: dict[str, Any]) -> None:
    """``base.__init__`` (``TerraformResource`` or ``TerraformDataSource``) without the per-call
    Python overhead (see above); node receives exactly the same arguments.
    """
    batch.ensure_loaded()
    if not _fast_paths:
        base.__init__(
            obj,
            scope,
            id,
            terraform_resource_type=obj.TF_RESOURCE_TYPE,
            terraform_generator_metadata=cdk.TerraformProviderGeneratorMetadata(
                **obj._GENERATOR_METADATA
            ),
            **meta,
        )
        return
    if not isinstance(id, str):
        raise AttributeTypeError(
            f"{type(obj).__name__}: id must be a str, got {describe(id)}"
        )
    if not isinstance(scope, cdk.Construct):
        raise ConstructTypeError(
            f"{type(obj).__name__} {id!r}: scope must be a Construct, got {describe(scope)}"
        )
    _install_override_cache()
    if meta:
        jsii.create(type(obj), obj, [scope, id, _config(type(obj), meta)])
    else:  # the class's shared config crosses to node once (batch.create)
        batch.create(type(obj), obj, scope, id, lambda: _config(type(obj), meta))


_override_cache_installed = False
_creating_construct = False
# Methods of the generated elements that Python overrides for Python callers only: node never
# calls them on a resource or data source (cdktf and cdktn call them on a TerraformOutput of
# their own), and each override jsii registers is set up on every object node creates.
_PYTHON_ONLY = frozenset(("overrideLogicalId", "resetOverrideLogicalId"))
_PARENT = "_oc_parent"  # the scope a construct of this package was created in
_SCOPES = "_oc_scopes"


def scopes_of(construct: Any) -> tuple[Any, ...]:
    """``construct.node.scopes`` (the root first, ``construct`` last) without asking node for
    the constructs this package created (each knows its scope, and a construct never moves);
    node is asked once for the first scope whose parent Python does not know, and the answer
    is kept on it.
    """
    known: dict[str, Any] = getattr(construct, "__dict__", {})
    found: tuple[Any, ...] | None = known.get(_SCOPES)
    if found is not None:
        return found
    parent = known.get(_PARENT)
    found = tuple(construct.node.scopes) if parent is None else (*scopes_of(parent), construct)
    known[_SCOPES] = found
    return found


def create_construct(obj: Any, scope: Any, id: str) -> None:
    """``constructs.Construct.__init__(obj, scope, id)`` for this package's L2 constructs, minus
    its per-call typeguard checks (``isinstance`` here, as typeguard does) and with jsii's
    override discovery memoised per class (see ``_install_override_cache``). Node receives the
    same request. A wrong ``scope`` or ``id`` goes through ``Construct.__init__`` itself, so
    the error is typeguard's, word for word.
    """
    global _creating_construct
    place = names.check_scope_id(type(obj).__name__, scope, id) if isinstance(id, str) else None
    notices.remember_scope(obj, scope)
    obj.__dict__[_PARENT] = scope
    if not (_fast_paths and isinstance(scope, cdk.Construct) and isinstance(id, str)):
        with _readable_jsii_errors(type(obj), scope, id):
            cdk.Construct.__init__(obj, scope, id)
    else:
        _install_override_cache()
        _creating_construct = True
        try:
            with _readable_jsii_errors(type(obj), scope, id):
                jsii.create(type(obj), obj, [scope, id])
        finally:
            _creating_construct = False
    if place is not None:
        obj._oc_names = place


def _install_override_cache() -> None:
    """Memoise jsii's override discovery for the classes of this package.

    jsii computes which Python methods override node members from the class alone (its MRO
    and their ``__dict__``), but does so again for every object it creates; for a generated
    class with many properties that walk costs more than creating the object in node. The
    result only depends on ``(jsii class, Python class)``, so it is cached for our classes
    (other objects go through jsii unchanged). Classes must not gain jsii overrides after
    their first instance is created, which generated classes never do. The elements' own
    ``override_logical_id``/``reset_override_logical_id`` (name checks) are left out of what
    node is told (``_PYTHON_ONLY``): Python callers reach them directly.
    """
    global _override_cache_installed
    if _override_cache_installed:
        return
    discover = _jsii.override_discovery()
    cache: dict[tuple[type, type], Any] = {}

    def node_calls(override: Any, cls: type) -> bool:
        if override.method in _PYTHON_ONLY:
            return False
        # batch.js asks Python for the HCL attributes itself (``AttributeSource.hcl``) unless
        # a subclass overrides them
        return not (
            override.method == "synthesizeHclAttributes"
            and getattr(cls, "_synthesize_hcl_attributes", None)
            is _Attributes._synthesize_hcl_attributes
        )

    def cached(klass: type, obj: Any) -> Any:
        if not (_fast_paths and (_creating_construct or isinstance(obj, _Attributes))):
            return discover(klass, obj)
        key = (klass, type(obj))
        found = cache.get(key)
        if found is None:
            found = cache[key] = [
                override for override in discover(klass, obj)
                if not isinstance(obj, _Element) or node_calls(override, type(obj))
            ]
        return found

    _jsii.set_override_discovery(cached)

    # Node calls back into Python once per resource per synth pass (``synthesizeAttributes``).
    # jsii's handler runs ``inspect.signature`` on the method every time, only to map a struct
    # argument onto keyword-only parameters; with no arguments the call is always
    # ``method()``, so for our objects it is made directly (same object, same method, same
    # result or exception).
    handle = _jsii.callback_handler()
    resolve_id = _jsii.reference_resolver()

    def handle_callback(kernel: Any, callback: Any) -> Any:
        invoke = callback.invoke
        if _fast_paths and invoke is not None and not invoke.args:
            obj = resolve_id(invoke.objref.ref)
            if isinstance(obj, _Attributes):
                return getattr(obj, callback.cookie)()
        return handle(kernel, callback)

    _jsii.set_callback_handler(handle_callback)
    _override_cache_installed = True


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
        _check_arguments(cls)

    def _encode_config(self, scope: Any, id: str, values: dict[str, Any]) -> None:
        try:
            encoded = self._FIELDS.encode(values)
        except Invalid as error:
            owner = f"{type(self).__name__} {_construct_path(scope, id)!r}"
            raise _raise_for(owner, error) from None
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
                raise _raise_for(self._owner(), error) from None
        self._store(f, encoded, value)

    def _put(
        self, name: str, struct: type[Struct], value: Any, keywords: dict[str, Any]
    ) -> None:
        """``put_x`` of a single block: a value or its attributes as keywords (``put_value``)."""
        try:
            chosen = put_value(struct, value, keywords)
        except Invalid as error:
            raise _raise_for(self._owner(), error.at(self._FIELDS.field(name).tf_name)) from None
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
            encoded, given = _replace(
                f, self._values.get(f.tf_name), self._inputs.get(f.name), steps[1:], value
            )
        except Invalid as error:
            raise _raise_for(self._owner(), error.at(f.tf_name)) from None
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
                raise _raise_for(self._owner(), error) from None
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
            f = _struct_of(f)._FIELDS.field(step)
            if isinstance(given, Struct):
                given = getattr(given, f.name)
            elif isinstance(given, Mapping) and not is_unresolved(given):
                item = given.get(f.tf_name)
                given = given.get(f.name) if item is None else item
            else:  # a reference: its parts were not given
                return None
        return given

    def _synthesize_hcl_attributes(self) -> Mapping[str, Any]:
        from .hcl import attributes  # only HCL synthesis needs the renderer

        return attributes(self._FIELDS, self._values)


# ---------------------------------------------------------------------------------------
# Changing one nested attribute (``_Attributes._set_path``)
# ---------------------------------------------------------------------------------------


def _struct_of(f: Field) -> type[Struct]:
    kind = f.type
    if not isinstance(kind, NestedType):
        raise Invalid(f"{f.tf_name!r} has no nested attributes")
    return kind.struct


def _replace(
    f: Field, encoded: Any, given: Any, rest: tuple[str | int, ...], value: Any
) -> tuple[Any, Any]:
    """``(encoded, given)`` of the block or list field ``f``, replaced at ``rest`` by ``value``.

    ``encoded`` is our own encoded value (``None``: unset); ``given`` is what the user passed
    for it. Neither is changed in place: each level on the path is copied.
    """
    struct = _struct_of(f)
    step = rest[0]
    if isinstance(step, int):
        if encoded is None:
            raise Invalid(
                f"has no item [{step}]: it is not set; set the whole list with put_{f.name}(...)"
            )
        if not isinstance(encoded, list) or is_unresolved(encoded):
            raise _whole_value_only(f)
        if step >= len(encoded):
            raise Invalid(
                f"has no item [{step}] (it has {len(encoded)}); set the whole list with "
                f"put_{f.name}(...)"
            )
        items = list(encoded)
        givens = list(given) if isinstance(given, (list, tuple, set, frozenset)) else None
        try:
            if len(rest) == 1:
                if value is None:
                    raise Invalid(
                        f"cannot be unset on its own; set the list without it with "
                        f"put_{f.name}(...)"
                    )
                items[step], item = struct._encode_value(value), value
            else:
                old = givens[step] if givens is not None and step < len(givens) else None
                items[step], item = _replace_in_block(f, struct, items[step], old, rest[1:], value,
                                                      collapse=False)
        except Invalid as error:
            raise error.at(f"[{step}]") from None
        if givens is not None and step < len(givens):
            givens[step] = item
        return items, givens
    return _replace_in_block(f, struct, encoded, given, rest, value)


def _replace_in_block(
    owner: Field,
    struct: type[Struct],
    encoded: Any,
    given: Any,
    rest: tuple[str | int, ...],
    value: Any,
    collapse: bool = True,
) -> tuple[Any, Any]:
    """One block's ``(encoded, given)`` with the attribute ``rest[0]`` (or below it) replaced.

    A reset that leaves a block with no attributes unsets the block (``(None, None)``), and so
    on upwards, as the ``internalValue`` of cdktf's generated bindings does; a block given
    empty stays, and so does a list item (``collapse=False``), which cannot be unset alone.
    """
    f = struct._FIELDS.field(str(rest[0]))
    created = encoded is None
    if created:
        if value is None:  # unsetting below a block that is not set: nothing to do
            return None, given
        encoded = {}
    elif not isinstance(encoded, dict) or is_unresolved(encoded):
        raise _whole_value_only(owner)
    out = dict(encoded)
    if len(rest) == 1:
        if value is None:
            if f.required:
                raise Invalid("is required").at(f.tf_name)
            out.pop(f.tf_name, None)
        else:
            out[f.tf_name] = f.encode(value)
        item = value
    else:
        try:
            below, item = _replace(
                f, out.get(f.tf_name), _given_attribute(given, f), rest[1:], value
            )
        except Invalid as error:
            raise error.at(f.tf_name) from None
        if below is None:
            out.pop(f.tf_name, None)
        else:
            out[f.tf_name] = below
    if value is None and collapse and encoded and not out:
        return None, None
    if created:
        settable = struct._FIELDS.settable
        missing = [g.tf_name for g in settable if g.required and g.tf_name not in out]
        if missing:
            raise Invalid(
                f"is not set, and setting only {f.tf_name!r} would leave its required "
                f"{', '.join(repr(m) for m in missing)} unset; set the whole value with "
                f"put_{owner.name}(...)"
            )
    return out, _given_with(given, f, item)


def _whole_value_only(f: Field) -> Invalid:
    return Invalid(
        "is a reference (known only when Terraform runs), so its parts cannot be set one by "
        f"one; set the whole value with put_{f.name}(...)"
    )


def _given_attribute(given: Any, f: Field) -> Any:
    if isinstance(given, Struct):
        return getattr(given, f.name)
    if isinstance(given, Mapping):
        item = given.get(f.tf_name)
        return given.get(f.name) if item is None else item
    return None


def _given_with(given: Any, f: Field, item: Any) -> Any:
    """A copy of the given block (a struct or a dict) with one attribute replaced."""
    if isinstance(given, Struct):
        changed = copy.copy(given)
        setattr(changed, f.name, item)
        return changed
    if not isinstance(given, Mapping):
        return {} if item is None else {f.tf_name: item}
    key = f.name if f.tf_name not in given and f.name in given else f.tf_name
    out = dict(given)  # the user's key, in its place
    if item is None:
        out.pop(key, None)
    else:
        out[key] = item
    return out


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
