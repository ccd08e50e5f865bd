"""Check Python values against Terraform types and encode them for the JSON document.

Each schema type is one small object with an ``encode`` method. Encoding and checking are one
pass: a value is walked once, at construction, and what comes out is ready to synthesize.
Errors carry a relative path that callers extend on the way up, so the happy path builds no
strings at all.
"""

from __future__ import annotations

import difflib
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from .._public import public
from ..errors import AttributeTypeError, OpenAIConstructsError
from .hcl.json_text import JsonTextError, json_text
from .hcl.templates import exact_template
from .tokens import LIST_TOKEN_MARKER, contains_token, is_resolvable_object, is_unresolved

LITERAL_SECRETS: set[str] = set()
"""The text of every ``LiteralSecret`` created in this process: the opt-in, recognised by
``secrets.check_document`` in the document wherever it ended up (a local, an ``Fn``
argument, an output). Kept here, beside the class, so that ``secrets`` (which reads it) sits
above this module and not beside it in a cycle."""


@public("openai_constructs")
class LiteralSecret(str):
    """A secret the user chose to write into the synthesized document as plain text.

    Sensitive attributes refuse literal strings; wrapping one in ``LiteralSecret`` is the
    explicit opt-in.
    """

    __slots__ = ()

    def __new__(cls, value: str) -> LiteralSecret:
        secret = super().__new__(cls, value)
        text = str.__str__(secret)
        if text:  # an empty string hides nothing, and would match every empty literal
            LITERAL_SECRETS.add(text)
        return secret

    def __repr__(self) -> str:
        return "LiteralSecret('***')"


class Invalid(Exception):
    """Raised inside encoders; ``segments`` is the path below the point that catches it."""

    def __init__(
        self, message: str, *, kind: type[OpenAIConstructsError] = AttributeTypeError
    ) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.segments: list[str] = []

    def at(self, segment: str) -> Invalid:
        self.segments.append(segment)
        return self

    def path(self) -> str:
        out = ""
        for segment in reversed(self.segments):
            out += segment if segment.startswith("[") or not out else "." + segment
        return out


def describe(value: Any) -> str:
    """A short, safe rendering of a value for error messages.

    References are named as such: cdktf's placeholders (a number token is a huge negative
    float, a list token a marker string) and node proxies (``<cdktf._LazyBaseProxy at 0x..>``)
    mean nothing to the reader.
    """
    if isinstance(value, float) and is_unresolved(value):
        return "a number reference"
    if isinstance(value, (list, tuple)) and is_unresolved(value):
        return "a list reference"
    if isinstance(value, dict) and is_unresolved(value):
        return "a map reference"
    if not isinstance(value, (str, int, float, bool, list, tuple, dict, set, frozenset,
                              bytes, bytearray, type(None))):
        if is_resolvable_object(value):
            return "a reference of unknown type"
        if getattr(type(value), "__repr__", object.__repr__) is object.__repr__:
            return type(value).__name__  # the default repr only adds an address
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    name = type(value).__name__
    return text if text.startswith(name + "(") else f"{name} {text}"


def describe_secret(value: Any) -> str:
    """What an error may say about a sensitive value: its type and size, never the value."""
    name = type(value).__name__
    try:
        size = len(value)
    except TypeError:
        return name
    unit = (
        "character" if isinstance(value, str)
        else "byte" if isinstance(value, (bytes, bytearray))
        else "item"
    )
    return f"{name} of {size} {unit}{'' if size == 1 else 's'}"


# Values cross into node (jsii) and are written by cdktf; some do not survive that trip.
# Integers beyond 2**53 lose digits as JavaScript doubles.
MAX_EXACT_INTEGER = 2**53
# cdktf drops object keys named "//" (its comment key) at any depth while synthesizing.
COMMENT_KEY = "//"
# A JavaScript object cannot hold "__proto__" as a data key through cdktf: jsii refuses it and
# cdktf's object copies turn it into a prototype assignment, so the key vanishes.
PROTO_KEY = "__proto__"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot reach the document unchanged, or ``None`` (the usual case).

    A lone UTF-16 surrogate is not Unicode text: it cannot be encoded as UTF-8, and node
    writes it as U+FFFD, so the API would receive a different string.
    """
    if text.isascii():
        return None
    found = _LONE_SURROGATE.search(text)
    if found is None:
        return None
    return (
        f"contains a lone surrogate (U+{ord(found.group()):04X}) at index {found.start()}, "
        "which is not valid Unicode and would be written as U+FFFD"
    )


def check_key(key: Any) -> None:
    """Raise ``Invalid`` for a map or object key that would not reach the document as given."""
    if not isinstance(key, str):
        raise Invalid(f"expects string keys, got {describe(key)}")
    if key == COMMENT_KEY:
        raise Invalid(
            "has a key '//', which cdktf treats as a comment and drops while synthesizing; "
            "use another key"
        )
    if key == PROTO_KEY:
        raise Invalid(
            "has a key '__proto__', which JavaScript objects cannot carry as data (cdktf "
            "would drop it while synthesizing); use another key"
        )
    problem = text_problem(key)
    if problem is not None:
        raise Invalid(f"key {key!r} {problem}")


def normalization_clash(keys: Iterable[Any]) -> str | None:
    """Why two of ``keys`` would be one key in Terraform, or ``None``.

    Terraform normalizes every string to Unicode NFC as it reads the configuration, so keys
    that differ only in normalization (``café`` precomposed and with a combining accent)
    become one, and it refuses the object ("Duplicate object attribute") at plan.
    """
    seen: dict[str, str] = {}
    for key in keys:
        if not isinstance(key, str):
            continue
        normal = key if key.isascii() else unicodedata.normalize("NFC", key)
        other = seen.get(normal)
        if other is not None:
            return (
                f"has keys {other!a} and {key!a}, which differ only in Unicode "
                f"normalization: Terraform normalizes strings to NFC, so both become "
                f"{normal!a} and it refuses the duplicate; keep one of them"
            )
        seen[normal] = key
    return None


def check_integer(value: int) -> None:
    """Raise ``Invalid`` for an integer JavaScript cannot hold exactly."""
    if -MAX_EXACT_INTEGER <= value <= MAX_EXACT_INTEGER:
        return
    raise Invalid(
        f"expects an integer between -2**53 and 2**53, got {describe(value)}: larger integers "
        "lose digits on their way through the JavaScript runtime; pass a float if an "
        "approximation is meant"
    )


class ValueType:
    """A Terraform type: knows how to check and encode a Python value of it."""

    __slots__ = ()
    label = "a value"

    def encode(self, value: Any) -> Any:
        raise NotImplementedError

    def hcl_storage(self) -> tuple[str, str]:
        """The (type, storageClassType) pair cdktf's HCL renderer expects."""
        return "simple", "any"

    def mismatch(self, value: Any) -> Invalid:
        return Invalid(f"expects {self.label}, got {describe(value)}")


def reference_of(value: Any) -> Any | None:
    """The token for a value that stands for a Terraform expression, or ``None``."""
    if isinstance(value, str):
        return value if contains_token(value) else None
    to_token = getattr(value, "__terraform_token__", None)
    if to_token is not None:
        return to_token()
    if is_resolvable_object(value):
        return value
    return None


_LIST_IN_TEXT = (
    "got one element of a list reference, whose length is unknown until Terraform runs; use "
    "Fn.element(the_list, index) to pick an item"
)


class StringType(ValueType):
    __slots__ = ()
    label = "a string"

    def encode(self, value: Any) -> Any:
        if isinstance(value, str):
            if LIST_TOKEN_MARKER in value:
                raise Invalid(_LIST_IN_TEXT)
            if not value.isascii():
                problem = text_problem(value)
                if problem is not None:
                    raise Invalid(problem)
            return exact_template(value)
        ref = reference_of(value)
        if ref is None:
            if isinstance(value, float) and is_unresolved(value):
                raise Invalid(
                    "expects a string, got a number reference; pass Token.as_string(value) "
                    "to use it as text"
                )
            raise self.mismatch(value)
        return ref

    def hcl_storage(self) -> tuple[str, str]:
        return "simple", "string"


class NumberType(ValueType):
    __slots__ = ()
    label = "a number"

    def encode(self, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if isinstance(value, float):
                if not math.isfinite(value):
                    raise Invalid(f"expects a finite number, got {describe(value)}")
            else:
                check_integer(value)
            return value
        ref = reference_of(value)
        if ref is None:
            raise self.mismatch(value)
        return ref

    def hcl_storage(self) -> tuple[str, str]:
        return "simple", "number"


class BoolType(ValueType):
    __slots__ = ()
    label = "a bool"

    def encode(self, value: Any) -> Any:
        if isinstance(value, bool):
            return value
        ref = reference_of(value)
        if ref is None:
            raise self.mismatch(value)
        return ref

    def hcl_storage(self) -> tuple[str, str]:
        return "simple", "boolean"


class DynamicType(ValueType):
    """Any JSON value; dict keys must be strings."""

    __slots__ = ()
    label = "a JSON value"

    def encode(self, value: Any) -> Any:
        return _json_value(value, allow_null=False)


def _json_value(value: Any, *, allow_null: bool = True, through_js: bool = True) -> Any:
    """Check a JSON value; ``through_js`` when it goes to node as data, not as JSON text.

    Text written by Python (``JSON_TEXT_MAP`` values) keeps big integers and ``//`` keys;
    data handed to cdktf loses both, so those are refused there.
    """
    if value is None:
        if not allow_null:
            # cdktf drops nulls while synthesizing: refuse rather than lose the key silently.
            raise Invalid("is None, which cdktf cannot write into the document; omit the key")
        return value
    if isinstance(value, str):
        if through_js and LIST_TOKEN_MARKER in value:
            raise Invalid(_LIST_IN_TEXT)
        if not value.isascii():
            problem = text_problem(value)
            if problem is not None:
                raise Invalid(problem)
        return exact_template(value) if through_js else value
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        if through_js:
            check_integer(value)
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise Invalid(f"expects a JSON value, got {describe(value)}")
        return value
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if through_js:
                check_key(key)
            elif not isinstance(key, str):
                raise Invalid(f"expects string keys, got {describe(key)}")
            else:
                problem = text_problem(key)
                if problem is not None:
                    raise Invalid(f"key {key!r} {problem}")
            try:
                out[key] = _json_value(item, allow_null=allow_null, through_js=through_js)
            except Invalid as error:
                raise error.at(f"[{key!r}]") from None
        if through_js and not all(k.isascii() for k in out):
            clash = normalization_clash(out)
            if clash is not None:
                raise Invalid(clash)
        return out
    if isinstance(value, (list, tuple)):
        if is_unresolved(value):  # a whole list reference, as cdktf encodes it
            return list(value)
        items = []
        for index, item in enumerate(value):
            try:
                items.append(_json_value(item, allow_null=allow_null, through_js=through_js))
            except Invalid as error:
                raise error.at(f"[{index}]") from None
        return items
    ref = reference_of(value)
    if ref is None:
        raise Invalid(f"expects a JSON value, got {describe(value)}")
    return ref


class ListType(ValueType):
    __slots__ = ("is_set", "item")

    def __init__(self, item: ValueType, *, is_set: bool = False) -> None:
        self.item = item
        self.is_set = is_set

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"a {'set' if self.is_set else 'list'} of {self.item.label.removeprefix('a ')}s"

    def encode(self, value: Any) -> Any:
        is_python_set = isinstance(value, (set, frozenset))
        if isinstance(value, (list, tuple)) or (self.is_set and is_python_set):
            if is_unresolved(value):
                return list(value)
            encode = self.item.encode
            out = []
            for index, item in enumerate(value):
                try:
                    out.append(encode(item))
                except Invalid as error:
                    raise error.at(f"[{index}]") from None
            if isinstance(value, (set, frozenset)):
                # Python's set order changes with PYTHONHASHSEED; the document must not.
                out.sort(key=lambda v: json.dumps(v, sort_keys=True, default=str))
            return out
        ref = reference_of(value)
        if ref is None:
            raise self.mismatch(value)
        return ref

    def hcl_storage(self) -> tuple[str, str]:
        kind, storage = self.item.hcl_storage()
        if kind == "simple" and storage in ("string", "number", "boolean"):
            return ("set" if self.is_set else "list"), f"{storage}List"
        return ("set" if self.is_set else "list"), "list"


class MapType(ValueType):
    __slots__ = ("item",)

    def __init__(self, item: ValueType) -> None:
        self.item = item

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"a map of {self.item.label.removeprefix('a ')}s"

    def encode(self, value: Any) -> Any:
        if isinstance(value, Mapping):
            if is_unresolved(value):
                return dict(value)
            encode = self.item.encode
            out: dict[str, Any] = {}
            plain = True
            for key, item in value.items():
                check_key(key)
                plain = plain and key.isascii()
                try:
                    out[key] = encode(item)
                except Invalid as error:
                    raise error.at(f"[{key!r}]") from None
            if not plain:
                clash = normalization_clash(out)
                if clash is not None:
                    raise Invalid(clash)
            return out
        ref = reference_of(value)
        if ref is None:
            raise self.mismatch(value)
        return ref

    def hcl_storage(self) -> tuple[str, str]:
        kind, storage = self.item.hcl_storage()
        if kind == "simple" and storage in ("string", "number", "boolean"):
            return "map", f"{storage}Map"
        return "map", "map"


class JsonTextMapType(MapType):
    """``map(string)`` whose values are JSON text: takes ordinary Python values."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(_JSON_TEXT)

    @property
    def label(self) -> str:  # type: ignore[override]
        return "a map of JSON values"


class _JsonTextType(ValueType):
    __slots__ = ()
    label = "a JSON value"

    def encode(self, value: Any) -> Any:
        """The JSON text of ``value``, written so Terraform evaluates it to exactly this JSON:
        literal text escaped, references as ``jsonencode`` expressions (``json_text.py``)."""
        plain = _json_value(value, through_js=False)
        if is_resolvable_object(plain):
            return plain
        try:
            return json_text(plain)
        except JsonTextError as error:
            raise Invalid(str(error)) from None

    def hcl_storage(self) -> tuple[str, str]:
        return "simple", "string"


_JSON_TEXT = _JsonTextType()


class ObjectType(ValueType):
    """A Terraform ``object({...})`` type expression: a dict with exactly these keys."""

    __slots__ = ("fields",)
    label = "an object"

    def __init__(self, fields: Mapping[str, ValueType]) -> None:
        self.fields = dict(fields)

    def encode(self, value: Any) -> Any:
        if not isinstance(value, Mapping):
            ref = reference_of(value)
            if ref is None:
                raise self.mismatch(value)
            return ref
        for key in value:
            if key not in self.fields:
                raise unknown_key(key, self.fields)
        out: dict[str, Any] = {}
        for key, kind in self.fields.items():
            item = value.get(key)
            try:
                out[key] = None if item is None else kind.encode(item)
            except Invalid as error:
                raise error.at(key) from None
        return out

    def hcl_storage(self) -> tuple[str, str]:
        return "simple", "object"


def unknown_key(key: Any, known: Mapping[str, Any]) -> Invalid:
    close = difflib.get_close_matches(str(key), list(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(known)}"
    return Invalid(f"unknown key {key!r}{hint}")


class NestedType(ValueType):
    """A nested attribute (``nested_type``) or block: one struct or a collection of them."""

    __slots__ = ("mode", "struct")

    def __init__(self, struct: type[Any], mode: str = "single") -> None:
        # ``struct`` is a generated ``Struct`` subclass (``l1.Struct``), typed loosely so that
        # this module stays below the one that defines the element and struct base classes.
        self.struct = struct
        self.mode = mode

    @property
    def label(self) -> str:  # type: ignore[override]
        name = self.struct.__name__
        if self.mode == "single":
            return f"a {name} or a dict"
        if self.mode == "map":
            return f"a map of {name} or dicts"
        return f"a {self.mode} of {name} or dicts"

    def encode(self, value: Any) -> Any:
        encode_struct = self.struct._encode_value
        if self.mode == "single":
            return encode_struct(value)
        if self.mode == "map":
            if not isinstance(value, Mapping) or is_unresolved(value):
                return self._reference_or_fail(value)
            out: dict[str, Any] = {}
            for key, item in value.items():
                check_key(key)
                try:
                    out[key] = encode_struct(item)
                except Invalid as error:
                    raise error.at(f"[{key!r}]") from None
            return out
        if not isinstance(value, (list, tuple)) or is_unresolved(value):
            if self.mode == "set" and isinstance(value, (set, frozenset)):
                value = list(value)
            else:
                return self._reference_or_fail(value)
        items = []
        for index, item in enumerate(value):
            try:
                items.append(encode_struct(item))
            except Invalid as error:
                raise error.at(f"[{index}]") from None
        return items

    def _reference_or_fail(self, value: Any) -> Any:
        if isinstance(value, (list, tuple, dict)) and is_unresolved(value):
            return value
        ref = reference_of(value)
        if ref is None:
            raise self.mismatch(value)
        return ref

    def hcl_storage(self) -> tuple[str, str]:
        if self.mode == "single":
            return "struct", "struct"
        return self.mode, f"{self.mode}"


STRING = StringType()
NUMBER = NumberType()
BOOL = BoolType()
DYNAMIC = DynamicType()
JSON_TEXT_MAP = JsonTextMapType()


def type_from_schema(expr: Any) -> ValueType:
    """Build a ``ValueType`` from a Terraform type expression (``"string"``, ``["list", ...]``)."""
    if expr == "string":
        return STRING
    if expr == "number":
        return NUMBER
    if expr == "bool":
        return BOOL
    if expr == "dynamic":
        return DYNAMIC
    if isinstance(expr, list) and len(expr) == 2:
        head, inner = expr
        if head in ("list", "set"):
            return ListType(type_from_schema(inner), is_set=head == "set")
        if head == "map":
            return MapType(type_from_schema(inner))
        if head == "object" and isinstance(inner, dict):
            return ObjectType({k: type_from_schema(v) for k, v in sorted(inner.items())})
    if isinstance(expr, list) and len(expr) >= 2 and expr[0] == "tuple":
        return DYNAMIC
    raise ValueError(f"unsupported Terraform type expression: {expr!r}")
