"""Hypothesis strategies built from the generated ``_FIELDS`` tables, for every L1 class.

Nothing here is written per class: a value is drawn for a ``ValueType``, and the JSON the
document must hold for it is computed from the same drawn value (``expected``). Invalid
values are made by breaking one leaf of a valid configuration (``break_one``), which also
knows the attribute path and the rule the error message must name.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from openai_constructs._runtime.cdk import TerraformStack, TerraformVariable, Token
from openai_constructs._runtime.fields import Fields, Struct
from openai_constructs._runtime.hcl.templates import exact_template
from openai_constructs._runtime.terraform_types import (
    BoolType,
    DynamicType,
    JsonTextMapType,
    ListType,
    LiteralSecret,
    MapType,
    NestedType,
    NumberType,
    StringType,
    ValueType,
)
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.beta_chatkit_session import BetaChatkitSession
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.beta_thread_message import BetaThreadMessage
from openai_constructs.l1.beta_thread_run import BetaThreadRun
from openai_constructs.l1.data_openai_beta_assistant import DataOpenaiBetaAssistant
from openai_constructs.l1.data_openai_beta_assistants import DataOpenaiBetaAssistants
from openai_constructs.l1.data_openai_beta_chatkit_thread import DataOpenaiBetaChatkitThread
from openai_constructs.l1.data_openai_beta_chatkit_threads import DataOpenaiBetaChatkitThreads
from openai_constructs.l1.data_openai_beta_thread import DataOpenaiBetaThread
from openai_constructs.l1.data_openai_beta_thread_message import DataOpenaiBetaThreadMessage
from openai_constructs.l1.data_openai_beta_thread_messages import DataOpenaiBetaThreadMessages
from openai_constructs.l1.data_openai_beta_thread_run import DataOpenaiBetaThreadRun
from openai_constructs.l1.data_openai_beta_thread_run_step import DataOpenaiBetaThreadRunStep
from openai_constructs.l1.data_openai_beta_thread_run_steps import DataOpenaiBetaThreadRunSteps
from openai_constructs.l1.data_openai_beta_thread_runs import DataOpenaiBetaThreadRuns
from openai_constructs.l1.provider import OpenaiProvider

# -- the budget ------------------------------------------------------------------------------
# Fixed and derandomized, so CI time is bounded and a run is reproducible; print_blob prints
# the @reproduce_failure line of a failing example. Synthesis dominates: each example of the
# round-trip test builds every L1 class (up to 3 of each) in one stack and synthesizes once.

BUDGET = settings(
    max_examples=int(__import__("os").environ.get("HOSTILE_EXAMPLES", "40")),
    derandomize=True,
    print_blob=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
"""Examples per property test; each test's docstring says what one example costs."""

RESOURCES: tuple[type[Any], ...] = (
    BetaAssistant,
    BetaThread,
    BetaThreadMessage,
    BetaThreadRun,
    BetaChatkitSession,
)
DATA_SOURCES: tuple[type[Any], ...] = (
    DataOpenaiBetaAssistant,
    DataOpenaiBetaAssistants,
    DataOpenaiBetaChatkitThread,
    DataOpenaiBetaChatkitThreads,
    DataOpenaiBetaThread,
    DataOpenaiBetaThreadMessage,
    DataOpenaiBetaThreadMessages,
    DataOpenaiBetaThreadRun,
    DataOpenaiBetaThreadRunStep,
    DataOpenaiBetaThreadRunSteps,
    DataOpenaiBetaThreadRuns,
)
ALL_CLASSES: tuple[type[Any], ...] = (OpenaiProvider, *RESOURCES, *DATA_SOURCES)

# -- text ------------------------------------------------------------------------------------

# Pieces that have broken some layer somewhere: template syntax, escapes, JSON and cdktf
# markers, separators JavaScript treats as line ends, astral characters, controls.
HOSTILE_SNIPPETS = (
    "${x}", "${", "%{ if true }", "%{", "$${", "%%{", "$$${y}", "}", "{", "$", "%",
    '"', "\\", "\\n", "\n", "\r\n", "\t", "\x00", "\x7f", "\u2028", "\u2029", "\ufeff",
    "é", "日本語", "😀", "\U0010ffff", "null", "true", "1e309", "-0", "//", "<!--", "'",
    "&{", "#{", "TfToken", " ", "", "__proto__",
)
_CHARS = st.characters(blacklist_categories=["Cs"])
texts = st.one_of(
    st.text(_CHARS, max_size=40),
    st.lists(st.sampled_from(HOSTILE_SNIPPETS) | st.text(_CHARS, max_size=5), max_size=8).map(
        "".join
    ),
).filter(lambda t: "TfToken[" not in t)
"""Any Unicode text (no lone surrogates, which are refused), biased towards hostile pieces.

Text spelling cdktf's own token markers (``${TfToken[``) is left out: cdktf takes it for a
reference (see docs/safety.md, "Limits")."""

# Text next to a token: cdktf reads an unclosed ``${`` right before a token as the start of
# a raw expression and rewrites it (L1 strings are Terraform templates; L2 escapes free
# text with ``literal_text``). Keeping ``{`` out of these fragments keeps that case out of
# the L1 round trip; the escaping tests cover it.
_token_fragments = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="{"),
                           max_size=8)
keys = texts.filter(lambda k: k not in ("//", "__proto__"))
numbers = st.one_of(
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0, -0.0, 2**53, -(2**53), 1e308, 5e-324, 0.1, 1e21]),
)
_json_scalars = st.one_of(st.none(), st.booleans(), numbers, texts)


def json_values(null: bool = True) -> st.SearchStrategy[Any]:
    scalars = _json_scalars if null else _json_scalars.filter(lambda v: v is not None)
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
        max_leaves=8,
    )


# -- tokens ----------------------------------------------------------------------------------


class Tokens:
    """One reference of each kind, in a stack, and what each must become in the document."""

    def __init__(self, stack: TerraformStack) -> None:
        def var(name: str, type_: str) -> TerraformVariable:
            return TerraformVariable(stack, name, type=type_, sensitive=name == "tok_secret")

        self.string: str = var("tok_s", "string").string_value
        self.number: float = var("tok_n", "number").number_value
        self.bool: Any = var("tok_b", "bool").boolean_value
        self.list: list[str] = var("tok_l", "list(string)").list_value
        self.map: Any = var("tok_m", "map(string)").value  # an opaque node object
        any_value = var("tok_a", "any").value
        self.opaque: Any = any_value
        self.any: Any = Token.as_any(any_value)  # the same, typed IResolvable
        self.secret: str = var("tok_secret", "string").string_value
        self._objects = {id(self.bool): "${var.tok_b}", id(self.map): "${var.tok_m}",
                         id(self.any): "${var.tok_a}", id(self.opaque): "${var.tok_a}"}
        self._strings = {self.string: "${var.tok_s}", self.secret: "${var.tok_secret}",
                         self.list[0]: "${var.tok_l}"}

    def rendered(self, value: Any) -> Any:
        """What a token (or a string embedding some) resolves to; other values unchanged."""
        if isinstance(value, str):
            for marker, text in self._strings.items():
                value = value.replace(marker, text)
            return value
        if isinstance(value, float) and value == self.number:
            return "${var.tok_n}"
        if isinstance(value, list) and value == self.list:
            return "${var.tok_l}"
        return self._objects.get(id(value), value)

    def is_token(self, value: Any) -> bool:
        """True for a reference, or a string embedding one."""
        if isinstance(value, str):
            return any(marker in value for marker in self._strings)
        if isinstance(value, float):
            return value == self.number
        if isinstance(value, list):
            return value == self.list
        return id(value) in self._objects

    def for_type(self, vtype: ValueType) -> st.SearchStrategy[Any]:
        """References a value of ``vtype`` may be replaced by."""
        if isinstance(vtype, StringType):
            embedded = st.builds(lambda a, b: a + self.string + b, _token_fragments,
                                 _token_fragments)
            return st.just(self.string) | embedded
        if isinstance(vtype, NumberType):
            return st.just(self.number)
        if isinstance(vtype, BoolType):
            return st.just(self.bool)
        if isinstance(vtype, ListType):
            return st.just(self.list)
        if isinstance(vtype, MapType):
            return st.just(self.map)
        if isinstance(vtype, NestedType) and vtype.mode == "single":
            # Not ``opaque``: the L1 struct check refuses opaque references (reported bug,
            # see test_catalogue.py::test_opaque_reference_for_a_struct).
            return st.just(self.any)
        return st.sampled_from([self.any, self.opaque])


# -- valid values ----------------------------------------------------------------------------


def values_for(vtype: ValueType, tokens: Tokens, sensitive: bool = False) -> st.SearchStrategy[Any]:
    """Valid Python inputs for ``vtype``; any position may hold a reference instead."""
    if sensitive:
        return st.one_of(texts.map(LiteralSecret), st.just(tokens.secret))
    plain = _plain_values(vtype, tokens)
    return st.one_of(plain, tokens.for_type(vtype)) if _tokens_allowed(vtype) else plain


def _tokens_allowed(vtype: ValueType) -> bool:
    return not isinstance(vtype, JsonTextMapType)  # covered by its items


def _plain_values(vtype: ValueType, tokens: Tokens) -> st.SearchStrategy[Any]:
    if isinstance(vtype, StringType):
        return texts
    if isinstance(vtype, NumberType):
        return numbers
    if isinstance(vtype, BoolType):
        return st.booleans()
    if isinstance(vtype, DynamicType):
        return json_values(null=False)
    if isinstance(vtype, JsonTextMapType):
        item = json_values() | st.just(tokens.string)
        return st.dictionaries(keys, item, max_size=4)
    if isinstance(vtype, ListType):
        return st.lists(values_for(vtype.item, tokens), max_size=3)
    if isinstance(vtype, MapType):
        return st.dictionaries(keys, values_for(vtype.item, tokens), max_size=4)
    if isinstance(vtype, NestedType):
        one = struct_values(vtype.struct, tokens)
        if vtype.mode == "single":
            return one
        if vtype.mode == "map":
            return st.dictionaries(keys, one, max_size=2)
        return st.lists(one, max_size=2)
    raise AssertionError(f"no strategy for {vtype!r}")


def struct_values(struct: type[Struct], tokens: Tokens) -> st.SearchStrategy[Any]:
    """A struct value: a dict keyed by Terraform (or Python) names, or the struct itself."""

    @st.composite
    def build(draw: Callable[[st.SearchStrategy[Any]], Any]) -> Any:
        values = draw(field_values(struct._FIELDS, tokens))
        if draw(st.integers(0, 3)) == 0:
            return struct(**values)
        out: dict[str, Any] = {}
        for name, value in values.items():
            f = struct._FIELDS.field(name)
            out[f.name if draw(st.booleans()) else f.tf_name] = value
        return out

    return build()


def field_values(fields: Fields, tokens: Tokens) -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments (Python names): every required field, any optional ones."""

    @st.composite
    def build(draw: Callable[[st.SearchStrategy[Any]], Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields.settable:
            if f.required or draw(st.booleans()):
                out[f.name] = draw(values_for(f.type, tokens, f.sensitive))
        return out

    return build()


# -- what the document must hold -------------------------------------------------------------


def expected(vtype: ValueType, value: Any, tokens: Tokens) -> Any:
    """The JSON the document must hold for ``value``; JSON-text items come back decoded."""
    if tokens.is_token(value):
        rendered = tokens.rendered(value)
        return exact_template(rendered) if isinstance(rendered, str) else rendered
    if isinstance(vtype, JsonTextMapType):
        # A reference standing for a string is written as its JSON encoding (what Terraform
        # makes of it is checked by test_json_text.py with real plans).
        return {
            k: (f"${{jsonencode({tokens.rendered(v)[2:-1]})}}" if tokens.is_token(v)
                else Decoded(v))
            for k, v in value.items()
        }
    if isinstance(vtype, ListType):
        return [expected(vtype.item, v, tokens) for v in value]
    if isinstance(vtype, MapType):
        return {k: expected(vtype.item, v, tokens) for k, v in value.items()}
    if isinstance(vtype, NestedType):
        if vtype.mode == "single":
            return struct_expected(vtype.struct, value, tokens)
        if vtype.mode == "map":
            return {k: struct_expected(vtype.struct, v, tokens) for k, v in value.items()}
        return [struct_expected(vtype.struct, v, tokens) for v in value]
    if isinstance(vtype, DynamicType):
        return _json_expected(value, tokens)
    if isinstance(value, str):  # a lone CR or a leading BOM is made explicit (templates.py)
        return exact_template(str(value))
    return value


def _json_expected(value: Any, tokens: Tokens) -> Any:
    if isinstance(value, str):
        return exact_template(tokens.rendered(value))
    if isinstance(value, Mapping):
        return {k: _json_expected(v, tokens) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_expected(v, tokens) for v in value]
    return value


def struct_expected(struct: type[Struct], value: Any, tokens: Tokens) -> Any:
    if tokens.is_token(value):
        return tokens.rendered(value)
    if isinstance(value, Struct):
        items = {f.name: getattr(value, f.name) for f in struct._FIELDS.settable}
    else:
        items = dict(value)
    out: dict[str, Any] = {}
    for key, item in items.items():
        if item is None:
            continue
        f = struct._FIELDS.field(key)
        out[f.tf_name] = expected(f.type, item, tokens)
    return out


def config_expected(fields: Fields, kwargs: Mapping[str, Any], tokens: Tokens) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in kwargs.items():
        f = fields.field(name)
        out[f.tf_name] = expected(f.type, value, tokens)
    return out


_UNESCAPE = re.compile(r'\$\{"(\$+|%+|\\r|\\uFEFF)"\}')


@dataclass(frozen=True)
class Decoded:
    """Expected JSON text: the document holds a string whose JSON decodes to ``value``."""

    value: Any


def differences(want: Any, got: Any, path: str = "") -> list[str]:
    """Where ``got`` (from the document) is not ``want``; types compared strictly."""
    where = path or "<root>"
    if isinstance(want, Decoded):
        if not isinstance(got, str):
            return [f"{where}: expected JSON text, got {got!r}"]
        try:
            # JSON text is escaped as literal text is: undo the interpolated literals.
            decoded = json.loads(_UNESCAPE.sub(lambda m: json.loads(f'"{m.group(1)}"'), got))
        except ValueError:
            return [f"{where}: not JSON text: {got!r}"]
        return differences(want.value, decoded, path)
    if isinstance(want, Mapping):
        if not isinstance(got, Mapping):
            return [f"{where}: expected an object, got {got!r}"]
        found = [f"{where}: key {k!r} dropped" for k in want if k not in got]
        found += [f"{where}: key {k!r} invented" for k in got if k not in want and k != "//"]
        for key in want:
            if key in got:
                found += differences(want[key], got[key], f"{path}[{key!r}]")
        return found
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return [f"{where}: expected {want!r}, got {got!r}"]
        found = []
        for index, (a, b) in enumerate(zip(want, got, strict=True)):
            found += differences(a, b, f"{path}[{index}]")
        return found
    if isinstance(want, bool) or isinstance(got, bool) or want is None or got is None:
        same = type(want) is type(got) and want == got
    elif isinstance(want, float):
        # JavaScript prints the shortest digits that read back as the same double (5.9e16
        # becomes 58937168087393110): equal as doubles is what the API receives.
        same = isinstance(got, (int, float)) and float(got) == want
    elif isinstance(want, int):
        same = isinstance(got, (int, float)) and want == got
    else:
        same = type(want) is type(got) and want == got
    return [] if same else [f"{where}: expected {want!r}, got {got!r}"]


# -- breaking one leaf -----------------------------------------------------------------------


@dataclass(frozen=True)
class Breakage:
    """A configuration with exactly one bad value, and what the error must say."""

    kwargs: dict[str, Any]
    attribute: str
    rule: re.Pattern[str]


_Slot = tuple[str, ValueType, Callable[[Any], None], Any]


def _join(path: str, segment: str) -> str:
    return path + segment if segment.startswith("[") or not path else f"{path}.{segment}"


def _slots(vtype: ValueType, value: Any, path: str, put: Callable[[Any], None],
           tokens: Tokens) -> list[_Slot]:
    """Every position in a value that can be replaced: (path, type, setter, current)."""
    found: list[_Slot] = [(path, vtype, put, value)]
    if tokens.is_token(value) or isinstance(vtype, (DynamicType, JsonTextMapType)):
        return found
    if isinstance(vtype, ListType) and isinstance(value, list):
        for i, item in enumerate(value):
            found += _slots(vtype.item, item, f"{path}[{i}]", _setitem(value, i), tokens)
    elif isinstance(vtype, MapType) and isinstance(value, dict):
        for k, item in value.items():
            found += _slots(vtype.item, item, f"{path}[{k!r}]", _setitem(value, k), tokens)
    elif isinstance(vtype, NestedType) and vtype.mode != "single" and isinstance(value, list):
        for i, item in enumerate(value):
            found += _struct_slots(vtype.struct, item, f"{path}[{i}]", _setitem(value, i), tokens)
    elif isinstance(vtype, NestedType) and vtype.mode == "single":
        found = [found[0], *_struct_slots(vtype.struct, value, path, put, tokens)[1:]]
    return found


def _struct_slots(struct: type[Struct], value: Any, path: str, put: Callable[[Any], None],
                  tokens: Tokens) -> list[_Slot]:
    found: list[_Slot] = [(path, NestedType(struct), put, value)]
    if not isinstance(value, dict):
        return found  # a struct instance or a reference: replaced as a whole
    for key, item in value.items():
        f = struct._FIELDS.field(key)
        found += _slots(f.type, item, _join(path, f.tf_name), _setitem(value, key), tokens)
    return found


def _setitem(container: Any, key: Any) -> Callable[[Any], None]:
    def put(new: Any) -> None:
        container[key] = new

    return put


_WRONG = re.compile(r"expects (a|an) ")


def _bad_for(vtype: ValueType, current: Any) -> st.SearchStrategy[tuple[Any, str]]:
    """(bad value, pattern of the rule) pairs for a position of ``vtype``."""
    not_str = st.one_of(st.integers(), st.booleans(), st.lists(st.integers(), max_size=2),
                        st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
                        st.binary(max_size=3))
    surrogate = st.sampled_from(["\ud800", "a\udfffb", "😀\udc00"])
    if isinstance(vtype, StringType):
        return st.one_of(not_str.map(lambda v: (v, r"expects a string, got ")),
                         surrogate.map(lambda v: (v, r"contains a lone surrogate \(U\+D")))
    if isinstance(vtype, NumberType):
        return st.one_of(
            st.one_of(st.text(max_size=3), st.booleans(), st.lists(st.integers(), max_size=1))
            .map(lambda v: (v, r"expects a number, got ")),
            st.sampled_from([float("nan"), float("inf"), -float("inf")])
            .map(lambda v: (v, r"expects a finite number, got ")),
            st.one_of(st.integers(min_value=2**53 + 1), st.integers(max_value=-(2**53) - 1))
            .map(lambda v: (v, r"expects an integer between -2\*\*53 and 2\*\*53, got ")),
        )
    if isinstance(vtype, BoolType):
        return st.one_of(st.integers(), st.text(max_size=5), st.none().map(lambda _: [True])).map(
            lambda v: (v, r"expects a bool, got "))
    if isinstance(vtype, DynamicType):
        return st.sampled_from([
            ({1, 2}, r"expects a JSON value, got set"),
            (float("nan"), r"expects a JSON value, got float nan"),
            (b"x", r"expects a JSON value, got bytes"),
            ({"a": None}, r"is None, which cdktf cannot write"),
            ({"//": 1}, r"has a key '//'"),
            ({"a": {"__proto__": 1}}, r"has a key '__proto__'"),
            ({1: "a"}, r"expects string keys, got int"),
            ([2**64], r"expects an integer between"),
            ({"k": "\ud800"}, r"contains a lone surrogate"),
        ])
    if isinstance(vtype, JsonTextMapType):
        return st.sampled_from([
            ("text", r"expects a map of JSON values, got str"),
            ([1], r"expects a map of JSON values, got list"),
            ({"//": 1}, r"has a key '//'"),
            ({3: 1}, r"expects string keys"),
            ({"a": {1, 2}}, r"expects a JSON value, got set"),
            ({"a": float("inf")}, r"expects a JSON value, got float inf"),
            ({"a": object()}, r"expects a JSON value, got object"),
        ])
    if isinstance(vtype, ListType):
        return st.one_of(st.text(max_size=4), st.integers(), st.dictionaries(
            st.text(max_size=2), st.integers(), max_size=1)).map(
            lambda v: (v, r"expects a list of .*, got "))
    if isinstance(vtype, MapType):
        return st.one_of(
            st.one_of(st.text(max_size=4), st.integers(), st.lists(st.integers(), max_size=1))
            .map(lambda v: (v, r"expects a map of .*, got ")),
            st.just(({"//": "x"}, r"has a key '//', which cdktf treats as a comment")),
            st.just(({7: "x"}, r"expects string keys, got int 7")),
            st.just(({"__proto__": "x"}, r"has a key '__proto__', which JavaScript")),
        )
    if isinstance(vtype, NestedType):
        name = vtype.struct.__name__
        shape = (r"expects " + name + r" or a dict, got ") if vtype.mode == "single" else (
            r"expects a " + vtype.mode + r" of " + name + r" or dicts, got ")
        wrong: st.SearchStrategy[Any] = st.one_of(
            st.integers(), st.text(max_size=3).filter(lambda t: "$" not in t))
        if vtype.mode != "single":
            wrong = wrong | st.dictionaries(st.text(max_size=2), st.integers(), max_size=1)
        else:
            wrong = wrong | st.lists(st.integers(), max_size=1)
        options: list[st.SearchStrategy[tuple[Any, str]]] = [wrong.map(lambda v: (v, shape))]
        if vtype.mode == "single" and isinstance(current, dict) and current:
            options.append(_misspelled(vtype.struct, current))
        if vtype.mode == "single" and isinstance(current, dict):
            required = [f for f in vtype.struct._FIELDS.settable if f.required]
            if required:
                def drop(f: Any) -> tuple[Any, str]:
                    return _without(current, f), "REQUIRED:" + f.tf_name

                options.append(st.sampled_from(required).map(drop))
        return st.one_of(*options)
    raise AssertionError(f"no bad values for {vtype!r}")


def _without(value: dict[str, Any], f: Any) -> dict[str, Any]:
    return {k: v for k, v in value.items() if k not in (f.name, f.tf_name)}


def _misspelled(struct: type[Struct], current: dict[str, Any]) -> st.SearchStrategy[Any]:
    valid = [f.tf_name for f in struct._FIELDS.settable]

    def typo(key: str) -> tuple[Any, str]:
        wrong = key[:-1] + key[-1].upper() + "x" if key else "x"
        value = {**current, wrong: current[key]}
        del value[key]
        suggestion = difflib.get_close_matches(wrong, valid, n=1)
        assert suggestion, wrong
        return value, rf"unknown key {re.escape(repr(wrong))}; did you mean " + re.escape(
            repr(suggestion[0])) + r"\?"

    return st.sampled_from(sorted(current)).map(typo)


def break_one(fields: Fields, kwargs: dict[str, Any], tokens: Tokens
              ) -> st.SearchStrategy[Breakage]:
    """One bad value at one position of a valid configuration (or a required one left out)."""

    @st.composite
    def build(draw: Callable[[st.SearchStrategy[Any]], Any]) -> Breakage:
        broken = copy.copy(kwargs)
        broken = {k: _deep_copy(v) for k, v in broken.items()}
        slots: list[_Slot] = []
        for f in fields.settable:
            if f.sensitive:
                continue  # the sensitive rules have their own tests
            if f.name in broken:
                slots += _slots(f.type, broken[f.name], f.tf_name, _setitem(broken, f.name),
                                tokens)
            else:
                slots.append((f.tf_name, f.type, _setitem(broken, f.name), None))
        required = [f for f in fields.settable if f.required]
        if not slots or (required and draw(st.integers(0, 9)) == 0):
            f = draw(st.sampled_from(required))
            broken[f.name] = None  # None is "unset"; leaving the keyword out is Python's error
            return Breakage(broken, f.tf_name, re.compile(r"is required\Z"))
        path, vtype, put, current = draw(st.sampled_from(slots))
        bad, rule = draw(_bad_for(vtype, current))
        put(bad)
        if rule.startswith("REQUIRED:"):
            name = rule.removeprefix("REQUIRED:")
            return Breakage(broken, _join(path, name), re.compile(r"is required\Z"))
        return Breakage(broken, path, re.compile(rule))

    return build()


def _deep_copy(value: Any) -> Any:
    """Copy plain containers (tokens and structs are kept, not copied)."""
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list) and not (len(value) == 1 and str(value[0]).startswith("#{")):
        return [_deep_copy(v) for v in value]
    return value


def document_body(doc: Mapping[str, Any], cls: type[Any], name: str) -> Any:
    """The body of construct ``name`` of class ``cls`` in a synthesized document."""
    if cls is OpenaiProvider:
        for body in doc["provider"]["openai"]:
            if body.get("alias") == name:
                return {k: v for k, v in body.items() if k != "alias"}
        raise KeyError(name)
    section = "data" if cls in DATA_SOURCES else "resource"
    return doc[section][cls.TF_RESOURCE_TYPE][name]
