"""The strict-mode rewrite against the official SDK's own (``openai.lib._pydantic``).

``to_strict_schema`` is ours; ``to_strict_json_schema`` is what the SDK applies before it sends
a pydantic model as a strict function or response format. On the same pydantic schemas both
must give the same document, except for the one difference we choose: we drop every
``default`` (strict mode sends every value, so a default never applies), the SDK only ``None``
ones.
"""

from __future__ import annotations

import enum
from typing import Any, Literal

import pytest

pydantic = pytest.importorskip("pydantic")
sdk_pydantic = pytest.importorskip("openai.lib._pydantic")

from pydantic import BaseModel, Field  # noqa: E402

from openai_constructs.values import to_strict_schema  # noqa: E402


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Address(BaseModel):
    street: str
    city: str = Field(description="The city.")
    postcode: str | None = None


class Item(BaseModel):
    """One line of an order."""

    sku: str
    quantity: int = 1
    colour: Colour | None = None
    tags: list[str] = Field(default_factory=list)


class Order(BaseModel):
    number: str = Field(description="The order number.")
    status: Literal["open", "shipped"]
    items: list[Item]
    shipping: Address = Field(description="Where it goes.")  # a $ref with a sibling keyword
    billing: Address | None = None
    notes: dict[str, str] | None = None  # free-form: strict mode cannot express it


class Tree(BaseModel):
    label: str
    children: list[Tree] = Field(default_factory=list)


def _without_defaults(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_defaults(v) for k, v in node.items() if k != "default"}
    if isinstance(node, list):
        return [_without_defaults(v) for v in node]
    return node


@pytest.mark.parametrize("model", [Address, Item, Tree], ids=lambda m: m.__name__)
def test_same_strict_schema_as_the_sdk(model: type[BaseModel]) -> None:
    ours = to_strict_schema(model.model_json_schema())
    theirs = sdk_pydantic.to_strict_json_schema(model)
    assert ours == _without_defaults(theirs)
    assert "default" not in str(ours)


def test_a_ref_with_a_description_is_inlined_as_the_sdk_does() -> None:
    class Shipment(BaseModel):
        to: Address = Field(description="Where it goes.")

    ours = to_strict_schema(Shipment.model_json_schema())
    theirs = sdk_pydantic.to_strict_json_schema(Shipment)
    assert ours == _without_defaults(theirs)
    assert "$ref" not in ours["properties"]["to"]
    assert ours["properties"]["to"]["description"] == "Where it goes."


def test_free_form_objects_are_refused_where_the_sdk_would_send_them() -> None:
    """The SDK passes ``dict[str, str]`` through (the API then rejects it); we say so first."""
    theirs = sdk_pydantic.to_strict_json_schema(Order)
    assert "additionalProperties" in str(theirs["properties"]["notes"])
    with pytest.raises(ValueError, match=r"#/properties/notes/anyOf/0: strict mode cannot "
                                         r"express a free-form object"):
        to_strict_schema(Order.model_json_schema())
