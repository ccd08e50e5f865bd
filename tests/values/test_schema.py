"""Function tools from signatures and pydantic models, and the strict-mode rewrite."""

from __future__ import annotations

import enum
from typing import Annotated, Any, Literal, Optional

import pytest
from pydantic import BaseModel, Field

from openai_constructs.values import FunctionTool, to_strict_schema
from openai_constructs.values._json_schema import parse_docstring


class Unit(enum.Enum):
    CELSIUS = "c"
    FAHRENHEIT = "f"


def get_weather(
    city: str,
    days: int = 1,
    unit: Unit = Unit.CELSIUS,
    detail: Literal["short", "long"] = "short",
    hours: Optional[list[int]] = None,  # noqa: UP045 - the old spelling is what we test
    scale: float | None = None,
    alerts: bool = False,
) -> str:
    """Get the weather forecast
    for a city.

    More words that are not part of the description.

    Args:
        city: The city, e.g.
            "Paris".
        days (int): How many days.
        unit: Temperature unit.

    Returns:
        The forecast.
    """
    return ""


def test_from_function_non_strict() -> None:
    tool = FunctionTool.from_function(get_weather)
    assert tool.render() == {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Get the weather forecast for a city.",
            "parameters": {
                "type": "object",
                "properties": {
                    "city": {"type": "string", "description": 'The city, e.g. "Paris".'},
                    "days": {"type": "integer", "description": "How many days."},
                    "unit": {"type": "string", "enum": ["c", "f"],
                             "description": "Temperature unit."},
                    "detail": {"type": "string", "enum": ["short", "long"]},
                    "hours": {"anyOf": [{"type": "array", "items": {"type": "integer"}},
                                        {"type": "null"}]},
                    "scale": {"anyOf": [{"type": "number"}, {"type": "null"}]},
                    "alerts": {"type": "boolean"},
                },
                "required": ["city"],
            },
            "strict": False,
        },
    }


def test_from_function_strict_requires_everything() -> None:
    params = FunctionTool.from_function(get_weather, strict=True).render()["function"]
    assert params["strict"] is True
    schema = params["parameters"]
    assert schema["required"] == ["city", "days", "unit", "detail", "hours", "scale", "alerts"]
    assert schema["additionalProperties"] is False


def test_from_function_overrides_and_sphinx_docstring() -> None:
    def search(query: str, tags: dict[str, int], limit: Annotated[int, "At most this many."] = 5,
               extra: Any = None) -> None:
        """Search the catalogue.

        :param query: What to look for,
            in plain words.
        :param str tags: Tag weights.
        :returns: nothing
        """

    function = FunctionTool.from_function(search, name="find", description="Find.").render()
    assert function["function"]["name"] == "find"
    assert function["function"]["description"] == "Find."
    assert function["function"]["parameters"] == {
        "type": "object",
        "properties": {
            "query": {"type": "string", "description": "What to look for, in plain words."},
            "tags": {"type": "object", "additionalProperties": {"type": "integer"},
                     "description": "Tag weights."},
            "limit": {"type": "integer", "description": "At most this many."},
            "extra": {},
        },
        "required": ["query", "tags"],
    }


def test_from_function_without_parameters_or_docstring() -> None:
    def ping() -> None:
        pass

    assert FunctionTool.from_function(ping).render() == {
        "type": "function",
        "function": {"name": "ping", "parameters": {"type": "object", "properties": {}},
                     "strict": False},
    }
    strict = FunctionTool.from_function(ping, strict=True).render()["function"]["parameters"]
    assert strict == {"type": "object", "properties": {}, "required": [],
                      "additionalProperties": False}


def _untyped(x):  # type: ignore[no-untyped-def]
    pass


def _var_args(*items: int) -> None:
    pass


def _free_dict(options: dict[str, int]) -> None:
    pass


def _fixed_tuple(pair: tuple[int, str]) -> None:
    pass


def _unknown(when: complex) -> None:
    pass


@pytest.mark.parametrize(
    ("fn", "strict", "message"),
    [
        (_untyped, False, r"_untyped\(x\): needs a type hint"),
        (_var_args, False, r"\*args and \*\*kwargs"),
        (_free_dict, True, "strict mode cannot express a free-form dict"),
        (_fixed_tuple, False, "fixed-length tuples"),
        (_unknown, False, "unsupported type hint"),
    ],
)
def test_from_function_refuses_what_it_cannot_describe(fn: Any, strict: bool,
                                                       message: str) -> None:
    with pytest.raises(TypeError, match=message):
        FunctionTool.from_function(fn, strict=strict)


def test_parse_docstring_google_sections_end_at_the_next_section() -> None:
    summary, params = parse_docstring(
        """Summary line.

        Args:
            a: First.
            b (list[int]): Second,
                continued.

        Raises:
            c: Not a parameter.
        """
    )
    assert summary == "Summary line."
    assert params == {"a": "First.", "b": "Second, continued."}


def test_parse_docstring_summary_stops_at_fields() -> None:
    assert parse_docstring("Do it.\n:param x: X.") == ("Do it.", {"x": "X."})
    assert parse_docstring(None) == (None, {})
    assert parse_docstring("Args:\n    x: X.") == (None, {"x": "X."})


class Address(BaseModel):
    street: str
    city: str = Field(description="City name")


class Customer(BaseModel):
    """A customer record."""

    name: str
    address: Address
    tags: list[str] = []


def test_from_pydantic_non_strict() -> None:
    tool = FunctionTool.from_pydantic(Customer, name="save_customer")
    function = tool.render()["function"]
    assert function["name"] == "save_customer"
    assert function["description"] == "A customer record."
    assert function["strict"] is False
    assert function["parameters"] == {
        "$defs": {"Address": {
            "properties": {"street": {"type": "string"},
                           "city": {"description": "City name", "type": "string"}},
            "required": ["street", "city"], "type": "object"}},
        "properties": {"name": {"type": "string"}, "address": {"$ref": "#/$defs/Address"},
                       "tags": {"default": [], "items": {"type": "string"}, "type": "array"}},
        "required": ["name", "address"],
        "type": "object",
    }


def test_from_pydantic_strict() -> None:
    function = FunctionTool.from_pydantic(Customer, strict=True).render()["function"]
    assert function["name"] == "Customer"
    params = function["parameters"]
    assert params["required"] == ["name", "address", "tags"]
    assert params["additionalProperties"] is False
    assert "default" not in params["properties"]["tags"]
    address = params["$defs"]["Address"]
    assert address["required"] == ["street", "city"]
    assert address["additionalProperties"] is False


def test_from_pydantic_rejects_non_models() -> None:
    with pytest.raises(TypeError, match="pydantic model class"):
        FunctionTool.from_pydantic(dict)  # type: ignore[arg-type]


def test_to_strict_schema_inlines_refs_with_siblings_and_keeps_the_input() -> None:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {"home": {"$ref": "#/$defs/Place", "description": "Where."},
                       "work": {"$ref": "#/$defs/Place"}},
        "$defs": {"Place": {"type": "object", "properties": {"x": {"type": "number",
                                                                     "default": 0}}}},
    }
    strict = to_strict_schema(schema)
    assert strict["properties"]["home"] == {
        "type": "object", "properties": {"x": {"type": "number"}}, "description": "Where.",
        "required": ["x"], "additionalProperties": False,
    }
    assert strict["properties"]["work"] == {"$ref": "#/$defs/Place"}
    assert schema["properties"]["home"] == {"$ref": "#/$defs/Place", "description": "Where."}


def test_to_strict_schema_refuses_free_form_objects() -> None:
    with pytest.raises(ValueError, match="#/properties/extra: strict mode cannot express"):
        to_strict_schema({"type": "object", "properties": {
            "extra": {"type": "object", "additionalProperties": {"type": "string"}}}})
