"""What data sources read back during an offline plan: fixtures a test gives, or samples.

A real provider would call the API to read a data source. The stub cannot, so it answers
from one of two places:

- a **fixture** the test passed (``assert_plans(stack, data={"data.T.N": {...}})``): the
  computed attributes it names take those values, every computed attribute it leaves out
  reads as null;
- otherwise a **sample** shaped by the schema: ``"sample-<attribute>"`` for strings, ``0``
  for numbers, ``false`` for bools, one item in every list and set, one ``"sample"`` key
  in every map, and nested objects filled the same way. Outputs that index into a data
  source (``items[0].name``, a ``for`` over ``items``) therefore plan.

Arguments set in the configuration are read back unchanged either way, as a provider does.
Fixtures are checked here, in the test process, before Terraform runs: an unknown address,
an unknown attribute, an argument instead of a computed attribute or a value of the wrong
type raises :class:`DataFixtureError` naming the fixture and the path.

Nothing here knows about OpenAI: it walks the schema model of :mod:`.schema`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from openai_constructs.testing.schema import (
    Attribute,
    Block,
    NestedType,
    ProviderSchemas,
    attribute_type,
)

_DATA_ADDRESS = re.compile(r"^data\.([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_-]*)$")
_TEMPLATE = re.compile(r"(?<!\$)\$\{|(?<!%)%\{")
# The text Terraform converts to a number (cty's ``ParseNumberVal``, Go's ``big.ParseFloat``
# in base 10): ASCII digits, an optional sign, point and exponent; no spaces, no ``_``, no
# other digits, no hexadecimal (checked against ``terraform plan -var``).
_NUMBER_TEXT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
# The text Terraform converts to a bool.
_BOOL_TEXT = {"true": True, "false": False, "1": True, "0": False}
_SURROGATE = re.compile("[\ud800-\udfff]")
_INT64 = range(-(2**63), 2**63)


class DataFixtureError(ValueError):
    """A data-source fixture does not fit the document or the data source's schema."""


# -- samples -------------------------------------------------------------------------------


def sample_value(ty: Any, name: str) -> Any:
    """A schema-shaped stand-in for a value of cty type ``ty`` (``name``: the attribute)."""
    if ty == "string":
        return f"sample-{name}"
    if ty == "number":
        return 0
    if ty == "bool":
        return False
    if ty == "dynamic" or not isinstance(ty, list):
        return None
    kind = ty[0]
    if kind in ("list", "set"):
        return [sample_value(ty[1], name)]
    if kind == "map":
        return {"sample": sample_value(ty[1], name)}
    if kind == "object":
        return {key: sample_value(sub, key) for key, sub in ty[1].items()}
    if kind == "tuple":
        return [sample_value(sub, name) for sub in ty[1]]
    return None


def fill_read(block: Block | NestedType, config: Any, fixture: Mapping[str, Any] | None) -> Any:
    """The state a data source reads back: its configuration, computed values filled in.

    ``fixture`` (already checked and conformed) gives the computed attributes; without one
    every computed attribute left null gets a sample, at any depth.
    """
    if not isinstance(config, dict):
        return config
    result = dict(config)
    for name, attribute in block.attributes.items():
        current = result.get(name)
        if fixture is not None:
            if name in fixture:
                result[name] = fixture[name]
            elif attribute.computed and current is None:
                result[name] = None
            elif attribute.nested is not None and current is not None:
                result[name] = _fill_nested(attribute.nested, current, sampled=False)
            continue
        if current is None:
            if attribute.computed:
                result[name] = conform(attribute_type(attribute), _sample(attribute))
        elif attribute.nested is not None:
            result[name] = _fill_nested(attribute.nested, current, sampled=True)
    for name, block_type in block.block_types.items():
        current = result.get(name)
        if current is None:
            continue
        mode, inner = block_type.nesting_mode, block_type.block
        if mode in ("single", "group"):
            result[name] = fill_read(inner, current, None if fixture is None else {})
        elif isinstance(current, list):
            result[name] = [fill_read(inner, v, None if fixture is None else {}) for v in current]
        elif isinstance(current, dict):
            result[name] = {
                k: fill_read(inner, v, None if fixture is None else {}) for k, v in current.items()
            }
    return result


def _sample(attribute: Attribute) -> Any:
    return sample_value(attribute_type(attribute), attribute.name)


def _fill_nested(nested: NestedType, value: Any, *, sampled: bool) -> Any:
    """Fill computed attributes inside a configured nested attribute value."""
    inner: dict[str, Any] | None = None if sampled else {}
    if nested.nesting_mode == "single":
        return fill_read(nested, value, inner)
    if isinstance(value, list):
        return [fill_read(nested, item, inner) for item in value]
    if isinstance(value, dict):
        return {key: fill_read(nested, item, inner) for key, item in value.items()}
    return value


# -- conforming values to a cty type ---------------------------------------------------------


def conform(ty: Any, value: Any) -> Any:
    """``value`` converted the way Terraform converts it to ``ty``, objects made complete.

    The result is what the plugin protocol's msgpack encoding expects: every attribute of
    an object present (null when not given), numbers as numbers, strings as strings.
    Call :func:`check_fixture_value` first: this assumes the value fits.
    """
    if value is None or ty == "dynamic":
        return value
    if isinstance(ty, str):
        if ty == "string":
            if isinstance(value, bool):
                return "true" if value else "false"
            if isinstance(value, (int, float)):
                return number_text(value)
            return value
        if ty == "number":
            return _wire_number(value)
        if ty == "bool" and isinstance(value, str):
            return _BOOL_TEXT[value]
        return value
    kind = ty[0]
    if kind in ("list", "set"):
        return [conform(ty[1], item) for item in value]
    if kind == "map":
        return {str(key): conform(ty[1], item) for key, item in value.items()}
    if kind == "object":
        return {key: conform(sub, value.get(key)) for key, sub in ty[1].items()}
    if kind == "tuple":
        return [conform(sub, item) for sub, item in zip(ty[1], value, strict=True)]
    return value


def number_text(value: float) -> str:
    """A number as Terraform writes it as a string: all its digits, never an exponent
    (``1e-7`` -> ``"0.0000001"``, ``1e21`` -> ``"1000000000000000000000"``)."""
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(repr(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _wire_number(value: Any) -> Any:
    """A number as the plugin protocol carries it exactly: an int64 or a float as it is,
    anything else (a bigger integer, text with more digits than a float holds) as its
    decimal text, which Terraform parses back as the exact number (cty's msgpack decoding).
    Text is converted as Terraform converts it (see ``_NUMBER_TEXT``)."""
    if isinstance(value, str):
        if _NUMBER_TEXT.match(value) is None:
            return value  # not a number to Terraform either: left for it to refuse
        number = Decimal(value)
        if number == number.to_integral_value():
            value = int(number)
        else:
            try:
                as_float = float(number)
            except OverflowError:  # pragma: no cover - Decimal gives inf, not this
                return value
            return as_float if math.isfinite(as_float) and Decimal(as_float) == number else value
    if isinstance(value, int) and not isinstance(value, bool) and value not in _INT64:
        return str(value)
    return value


# -- checking fixtures -----------------------------------------------------------------------


def check_fixture_value(ty: Any, value: Any, path: str, sensitive: bool) -> Iterator[str]:
    """Problems of one fixture value against a cty type; objects may leave keys out."""
    if value is None:
        return
    if ty == "dynamic":
        yield f"{path}: dynamic attributes cannot be given in a fixture"
        return
    problem = text_problem(value)
    if problem is not None:
        yield f"{path}: {problem}"
        return
    if isinstance(ty, str):
        if not _primitive_fits(ty, value):
            yield f"{path}: expected a {ty}, got {describe(value, sensitive)}"
        return
    kind = ty[0]
    if kind in ("list", "set", "tuple"):
        if not isinstance(value, (list, tuple)):
            yield f"{path}: expected a {kind}, got {describe(value, sensitive)}"
            return
        if kind == "tuple" and len(value) != len(ty[1]):
            yield f"{path}: expected a tuple of {len(ty[1])}, got a list of {len(value)}"
            return
        for index, item in enumerate(value):
            sub = ty[1][index] if kind == "tuple" else ty[1]
            if item is None and kind != "tuple":
                yield f"{path}[{index}]: null element in a {kind}"
            else:
                yield from check_fixture_value(sub, item, f"{path}[{index}]", sensitive)
    elif kind == "map":
        if not isinstance(value, Mapping):
            yield f"{path}: expected a map, got {describe(value, sensitive)}"
            return
        for key, item in value.items():
            if not isinstance(key, str) or text_problem(key) is not None:
                yield f"{path}[{key!r}]: a map key is a string Terraform can hold"
            elif item is None:
                yield f"{path}[{key!r}]: null element in a map"
            else:
                yield from check_fixture_value(ty[1], item, f"{path}[{key!r}]", sensitive)
    elif kind == "object":
        if not isinstance(value, Mapping):
            yield f"{path}: expected an object, got {describe(value, sensitive)}"
            return
        for key in value:
            if key not in ty[1]:
                allowed = ", ".join(sorted(ty[1])) or "nothing"
                yield f"{path}.{key}: unknown attribute {key!r}; the object has: {allowed}"
        for key, sub in ty[1].items():
            yield from check_fixture_value(sub, value.get(key), f"{path}.{key}", sensitive)


def _primitive_fits(ty: str, value: Any) -> bool:
    """Whether Terraform converts ``value`` to ``ty`` (what ``terraform plan -var`` accepts)."""
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if ty == "string":
        return isinstance(value, (str, bool)) or (
            is_number and not (isinstance(value, float) and not math.isfinite(value)))
    if ty == "number":
        if is_number:
            return not (isinstance(value, float) and not math.isfinite(value))
        return isinstance(value, str) and _NUMBER_TEXT.match(value) is not None
    if ty == "bool":
        return isinstance(value, bool) or (isinstance(value, str) and value in _BOOL_TEXT)
    return False


def text_problem(value: Any) -> str | None:
    """Why Terraform cannot hold this string (a lone surrogate: its strings are UTF-8)."""
    if isinstance(value, str):
        found = _SURROGATE.search(value)
        if found is not None:
            return (f"holds a lone surrogate (U+{ord(found.group()):04X}), which no UTF-8 "
                    "text, and so no Terraform string, can hold")
    return None


def describe(value: Any, sensitive: bool = False) -> str:
    """A short description of a value for messages; sensitive ones by type and length."""
    if sensitive:
        return describe_secret(value)
    if isinstance(value, bool):
        return f"bool {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"string {shown!r}"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)}"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def describe_secret(value: Any) -> str:
    """How a sensitive value appears in any message: its type and length, never its text."""
    if isinstance(value, (str, bytes, bytearray)):
        return f"<sensitive {type(value).__name__} of length {len(value)}>"
    if isinstance(value, (list, tuple, Mapping)):
        return f"<sensitive {type(value).__name__} of {len(value)} item(s)>"
    return f"<sensitive {type(value).__name__}>"


def check_fixtures(
    doc: Mapping[str, Any], schemas: ProviderSchemas, data: Mapping[str, Any]
) -> dict[str, dict[str, Any]]:
    """Check every fixture against the document and the schema; return them conformed.

    Keys are data source addresses (``data.TYPE.NAME``) declared in ``doc``; values map
    computed attribute names to what the data source returns.
    """
    if not isinstance(data, Mapping):
        raise DataFixtureError(
            f"data: expected a mapping of data source addresses to fixtures "
            f"({{'data.openai_beta_assistants.existing': {{'items': [...]}}}}), got "
            f"{describe(data)}")
    problems: list[str] = []
    result: dict[str, dict[str, Any]] = {}
    declared = doc.get("data") if isinstance(doc.get("data"), Mapping) else {}
    for address, values in data.items():
        match = _DATA_ADDRESS.match(str(address))
        if match is None:
            problems.append(
                f"{address!r}: a fixture key is a data source address such as "
                "'data.openai_beta_assistants.existing'"
            )
            continue
        type_name, name = match.groups()
        named = declared.get(type_name) if isinstance(declared, Mapping) else None
        if not isinstance(named, Mapping) or name not in named:
            present = sorted(
                f"data.{t}.{n}"
                for t, ns in (declared or {}).items()
                if isinstance(ns, Mapping)
                for n in ns
            )
            problems.append(
                f"{address}: the stack declares no such data source; "
                f"data sources present: {', '.join(present) or 'none'}"
            )
            continue
        block = schemas.data_source(type_name)
        if block is None:
            problems.append(f"{address}: the schema has no data source type {type_name!r}")
            continue
        if not isinstance(values, Mapping):
            problems.append(
                f"{address}: a fixture is a mapping of attribute names to values, "
                f"got {describe(values)}"
            )
            continue
        computed = sorted(n for n, a in block.attributes.items() if a.computed)
        conformed: dict[str, Any] = {}
        for key, value in values.items():
            attribute = block.attributes.get(key)
            if attribute is None:
                problems.append(
                    f"{address}.{key}: unknown attribute {key!r}; {type_name} returns: "
                    f"{', '.join(computed) or 'nothing'}"
                )
                continue
            if not attribute.computed:
                problems.append(
                    f"{address}.{key}: {key!r} is an argument of {type_name}, read back from "
                    "the configuration; set it in the stack. A fixture gives what the data "
                    f"source returns: {', '.join(computed) or 'nothing'}"
                )
                continue
            ty = attribute_type(attribute)
            found = list(check_fixture_value(ty, value, f"{address}.{key}", attribute.sensitive))
            if found:
                problems.extend(found)
                continue
            conformed[key] = conform(ty, value)
        result[str(address)] = conformed
    if problems:
        raise DataFixtureError(
            f"{len(problems)} problem(s) in the data-source fixtures:\n"
            + "\n".join(f"  {p}" for p in problems)
        )
    return result


def routing_table(
    doc: Mapping[str, Any], schemas: ProviderSchemas, fixtures: Mapping[str, Mapping[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """What the stub needs to answer reads of types that have fixtures.

    The plugin protocol does not tell a provider which data source it reads, only the type
    and the evaluated configuration. For each type with a fixture, every declaration of
    that type is listed with the literal arguments of its configuration (templates left
    out) and its fixture (or None), so the stub can match a read to its declaration.
    """
    wanted = {key.split(".")[1] for key in fixtures}
    table: dict[str, list[dict[str, Any]]] = {}
    declared = doc.get("data") if isinstance(doc.get("data"), Mapping) else {}
    for type_name in sorted(wanted):
        block = schemas.data_source(type_name)
        named = declared.get(type_name, {}) if isinstance(declared, Mapping) else {}
        rows: list[dict[str, Any]] = []
        for name, body in named.items() if isinstance(named, Mapping) else ():
            literal: dict[str, Any] = {}
            for key, value in body.items() if isinstance(body, Mapping) else ():
                attribute = block.attributes.get(key) if block is not None else None
                if attribute is None or attribute.nested is not None:
                    continue
                if _is_literal(value):
                    literal[key] = conform(attribute.type, value)
            rows.append(
                {
                    "address": f"data.{type_name}.{name}",
                    "literal": literal,
                    "fixture": fixtures.get(f"data.{type_name}.{name}"),
                }
            )
        table[type_name] = rows
    return table


def _is_literal(value: Any) -> bool:
    if isinstance(value, str):
        return _TEMPLATE.search(value) is None
    if isinstance(value, (bool, int, float)) or value is None:
        return True
    if isinstance(value, list):
        return all(_is_literal(v) for v in value)
    if isinstance(value, Mapping):
        return all(_is_literal(v) for v in value.values())
    return False


def pick_fixture(
    rows: list[dict[str, Any]], type_name: str, config: Mapping[str, Any]
) -> tuple[Mapping[str, Any] | None, str]:
    """The fixture of the declaration a read belongs to, or an error text.

    Declarations whose literal arguments all equal the read's configuration are the
    candidates; when they disagree on the fixture, the read is ambiguous.
    """
    candidates = [
        row
        for row in rows
        if all(_same(config.get(key), value) for key, value in row["literal"].items())
    ]
    if not candidates:
        candidates = rows
    fixtures = {json.dumps(row["fixture"], sort_keys=True) for row in candidates}
    if len(fixtures) == 1:
        fixture: Mapping[str, Any] | None = candidates[0]["fixture"]
        return fixture, ""
    names = ", ".join(row["address"] for row in candidates)
    return None, (
        f"The offline stub cannot tell which of {names} this read of {type_name} is: their "
        "literal arguments are the same and they have different fixtures. Give them the "
        "same fixture, or make their arguments differ."
    )


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        return bool(float(left) == float(right))
    return bool(left == right)
