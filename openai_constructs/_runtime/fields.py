"""Field tables: the attributes of a generated block, checked and encoded in one pass.

A generated class declares its attributes as a ``Fields`` table of ``Field``s; the table checks
and encodes what the user passed (once, at construction) into the Terraform attribute dict that
is synthesized. ``Struct`` is the base of the generated nested values; the ``replace_at``
helpers change one nested attribute of an encoded value (what the setters of the generated
``...OutputReference`` classes do) without mutating what the user passed.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from ..errors import OpenAIConstructsError, SensitiveValueError
from .arguments import checked
from .terraform_types import (
    Invalid,
    LiteralSecret,
    NestedType,
    ValueType,
    describe,
    describe_secret,
    reference_of,
    unknown_key,
)
from .tokens import contains_token, is_unresolved

_T = TypeVar("_T")


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


def error_for(owner: str, error: Invalid) -> OpenAIConstructsError:
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


def check_arguments(cls: type) -> None:
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
        check_arguments(cls)

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
            raise error_for(cls.__name__, error) from None

    def to_terraform(self) -> dict[str, Any]:
        """The Terraform JSON of this value, checked; raises ``AttributeTypeError``."""
        try:
            return self._encode()
        except Invalid as error:
            raise error_for(type(self).__name__, error) from None

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
# Changing one nested attribute (``bindings._Attributes._set_path``)
# ---------------------------------------------------------------------------------------


def struct_of(f: Field) -> type[Struct]:
    kind = f.type
    if not isinstance(kind, NestedType):
        raise Invalid(f"{f.tf_name!r} has no nested attributes")
    return kind.struct


def replace_at(
    f: Field, encoded: Any, given: Any, rest: tuple[str | int, ...], value: Any
) -> tuple[Any, Any]:
    """``(encoded, given)`` of the block or list field ``f``, replaced at ``rest`` by ``value``.

    ``encoded`` is our own encoded value (``None``: unset); ``given`` is what the user passed
    for it. Neither is changed in place: each level on the path is copied.
    """
    struct = struct_of(f)
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
            below, item = replace_at(
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
