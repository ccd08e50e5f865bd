"""``truncation_strategy`` of a run: how much of the thread the model sees."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypedDict

from .._l2.intake import hinted
from ..validation import check_value

__all__ = ["AutoTruncation", "LastMessagesTruncation", "TruncationStrategy",
           "TruncationStrategyParam"]


class _TruncationRequired(TypedDict):
    type: Literal["auto", "last_messages"]


class TruncationStrategyParam(_TruncationRequired, total=False):
    last_messages: int


@hinted
@dataclass(frozen=True)
class AutoTruncation:
    """The API default: drop messages from the middle when the context is full."""

    def render(self) -> TruncationStrategyParam:
        return {"type": "auto"}


@hinted
@dataclass(frozen=True)
class LastMessagesTruncation:
    """Only the ``count`` most recent messages."""

    count: int

    def __post_init__(self) -> None:
        check_value("LastMessagesTruncation", [(
            "truncation_strategy.last_messages", "count",
            {"type": "last_messages", "last_messages": self.count},
        )])

    def render(self) -> TruncationStrategyParam:
        return {"type": "last_messages", "last_messages": self.count}


TruncationStrategy = AutoTruncation | LastMessagesTruncation
