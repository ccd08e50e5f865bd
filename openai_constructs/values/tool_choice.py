"""``tool_choice`` of a run: a mode word, or the JSON text naming one tool to call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .._l2.intake import hinted
from .._runtime.hcl.json_text import compact_json
from ..errors import ValidationError
from ..validation import check_value
from .tools import FunctionTool

__all__ = ["ToolChoice", "ToolChoiceType"]

ToolChoiceType = Literal["none", "auto", "required", "file_search", "code_interpreter", "function"]
_MODES = ("none", "auto", "required")
_TYPES = (*_MODES, "file_search", "code_interpreter", "function")


@hinted
@dataclass(frozen=True)
class ToolChoice:
    """Prefer the named constructors: ``ToolChoice.required()``, ``ToolChoice.function("f")``."""

    type: ToolChoiceType
    function_name: str | None = None

    def __post_init__(self) -> None:
        if self.type not in _TYPES:
            raise ValidationError(
                "ToolChoice", [f"type: one of {', '.join(_TYPES)} (got {self.type!r})"]
            )
        if (self.type == "function") != (self.function_name is not None):
            raise ValidationError(
                "ToolChoice",
                [f"function_name: set exactly when type is 'function' (got type {self.type!r}"
                 f" and function_name {self.function_name!r})"],
            )
        if self.function_name is not None:
            check_value("ToolChoice", [("tools.function.name", "function_name",
                                        self.function_name)])

    @classmethod
    def none(cls) -> ToolChoice:
        """Answer with a message, call no tool."""
        return cls("none")

    @classmethod
    def auto(cls) -> ToolChoice:
        return cls("auto")

    @classmethod
    def required(cls) -> ToolChoice:
        """Call at least one tool before answering."""
        return cls("required")

    @classmethod
    def file_search(cls) -> ToolChoice:
        return cls("file_search")

    @classmethod
    def code_interpreter(cls) -> ToolChoice:
        return cls("code_interpreter")

    @classmethod
    def function(cls, tool: str | FunctionTool) -> ToolChoice:
        """Call this function: its name, or the :class:`FunctionTool` itself."""
        return cls("function", tool.name if isinstance(tool, FunctionTool) else tool)

    def render(self) -> str:
        if self.type in _MODES:
            return self.type
        if self.type == "function":
            return compact_json({"type": "function", "function": {"name": self.function_name}})
        return compact_json({"type": self.type})
