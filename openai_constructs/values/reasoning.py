"""Reasoning effort: the values reasoning models accept, as an enum and as a Literal type."""

from __future__ import annotations

from enum import Enum
from typing import Literal

__all__ = ["ReasoningEffort", "ReasoningEffortLiteral"]

ReasoningEffortLiteral = Literal["none", "minimal", "low", "medium", "high", "xhigh", "max"]


class ReasoningEffort(str, Enum):
    """``ReasoningEffort("low")`` checks the spelling; which model takes which value varies."""

    NONE = "none"
    MINIMAL = "minimal"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    XHIGH = "xhigh"
    MAX = "max"

    def render(self) -> ReasoningEffortLiteral:
        return self.value

    def __str__(self) -> str:
        return self.value
