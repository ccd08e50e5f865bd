"""``response_format``: a string attribute holding ``auto`` or the JSON text of the API object."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .._l2.intake import hinted
from .._runtime.hcl.json_text import compact_json
from ..errors import AttributeTypeError
from ..validation import check_value
from ._common import checked_json, copy_json
from ._json_schema import pydantic_schema

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = [
    "AutoResponseFormat",
    "JsonObjectResponseFormat",
    "JsonSchemaResponseFormat",
    "ResponseFormat",
    "TextResponseFormat",
]


@hinted
@dataclass(frozen=True)
class AutoResponseFormat:
    """Let the model choose; the attribute takes the bare word ``auto``."""

    def render(self) -> str:
        return "auto"


@hinted
@dataclass(frozen=True)
class TextResponseFormat:
    def render(self) -> str:
        return compact_json({"type": "text"})


@hinted
@dataclass(frozen=True)
class JsonObjectResponseFormat:
    """JSON mode: valid JSON, no schema. The prompt must still ask for JSON."""

    def render(self) -> str:
        return compact_json({"type": "json_object"})


@hinted
@dataclass(frozen=True)
class JsonSchemaResponseFormat:
    """Structured outputs: the reply matches ``schema``, exactly when ``strict`` is true.

    ``schema`` is sent as given, key order included (the model writes properties in that
    order); :meth:`from_pydantic` rewrites it for strict mode when asked.
    """

    name: str
    schema: Mapping[str, Any]
    description: str | None = None
    strict: bool | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.schema, Mapping):
            raise AttributeTypeError(
                f"JsonSchemaResponseFormat: schema: expects a JSON Schema dict, got "
                f"{type(self.schema).__name__}"
            )
        schema = checked_json("JsonSchemaResponseFormat", "schema", self.schema)
        object.__setattr__(self, "schema", MappingProxyType(schema))
        check_value("JsonSchemaResponseFormat", [("response_format.name", "name", self.name)])

    @classmethod
    def from_pydantic(
        cls,
        model: type[BaseModel],
        *,
        name: str | None = None,
        description: str | None = None,
        strict: bool = True,
    ) -> JsonSchemaResponseFormat:
        """From a pydantic v2 model; strict by default, as structured outputs are meant."""
        schema, doc = pydantic_schema(model, strict=strict)
        return cls(
            name=name or model.__name__,
            schema=schema,
            description=description if description is not None else doc,
            strict=strict,
        )

    def render(self) -> str:
        spec: dict[str, Any] = {"name": self.name}
        if self.description is not None:
            spec["description"] = self.description
        spec["schema"] = copy_json(self.schema)
        if self.strict is not None:
            spec["strict"] = self.strict
        return compact_json({"type": "json_schema", "json_schema": spec})


ResponseFormat = (
    AutoResponseFormat | TextResponseFormat | JsonObjectResponseFormat | JsonSchemaResponseFormat
)
