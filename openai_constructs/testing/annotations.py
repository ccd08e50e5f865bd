"""``Annotations``: AWS CDK's ``assertions.Annotations`` for cdktf stacks.

cdktf records info, warning and error annotations (``Annotations.of(c).add_warning(...)``,
and this package's retired-API warning, added by an aspect at synth) as construct metadata
and prints them at ``cdktf synth``. ``Annotations.from_stack(stack)`` synthesizes the stack
as the kit does (aspects run, nothing written) and reads them, so a test can assert a
warning or its absence:

    Annotations.from_stack(stack).has_warning("*", Match.string_like_regexp("Assistants API"))
    Annotations.from_stack(stack).has_no_warning("*", Match.any_value())

``construct_path`` is a construct path as cdktf writes it (``prod/Support/Default``) or a glob
pattern (``*`` matches every path, ``prod/*`` everything below ``prod``); ``message`` is a
string (exact) or a matcher.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any

from openai_constructs.errors import TestingInputError
from openai_constructs.testing._match import Matcher, as_matcher, shown

__all__ = ["Annotations", "SynthesisMessage"]

_LEVELS = {"info": "@cdktf/info", "warning": "@cdktf/warn", "error": "@cdktf/error"}


@dataclass(frozen=True)
class SynthesisMessage:
    """One annotation: the construct path, the level (``info``/``warning``/``error``) and
    the message text."""

    construct_path: str
    level: str
    message: str


class Annotations:
    """The annotations of one stack, with ``has_*``/``has_no_*``/``find_*`` per level."""

    def __init__(self, messages: list[SynthesisMessage]) -> None:
        self._messages = list(messages)

    @classmethod
    def from_stack(cls, stack: Any) -> Annotations:
        """Synthesize ``stack`` (aspects run, same checks as the kit's other helpers, nothing
        written) and collect the annotations of every construct in it."""
        from openai_constructs.testing.document import to_document

        to_document(stack)
        by_type = {v: k for k, v in _LEVELS.items()}
        messages: list[SynthesisMessage] = []
        for construct in stack.node.find_all():
            for entry in construct.node.metadata:
                level = by_type.get(str(entry.type))
                if level is not None:
                    messages.append(
                        SynthesisMessage(str(construct.node.path), level, str(entry.data))
                    )
        return cls(messages)

    @property
    def messages(self) -> list[SynthesisMessage]:
        """Every annotation, in construct order."""
        return list(self._messages)

    # -- the generic forms -----------------------------------------------------------------

    def find(self, level: str, construct_path: str, message: Any) -> list[SynthesisMessage]:
        """Annotations of ``level`` at paths matching ``construct_path`` whose message
        matches ``message``."""
        if level not in _LEVELS:
            raise TestingInputError(
                f"unknown annotation level {level!r}; expected one of {', '.join(_LEVELS)}"
            )
        if not isinstance(construct_path, str):
            raise TestingInputError(
                f"expected a construct path or glob pattern, got {construct_path!r}"
            )
        if not isinstance(message, (str, Matcher)):
            raise TestingInputError(
                f"expected a message string or a matcher, got {type(message).__name__} "
                f"{message!r}"
            )
        matcher = as_matcher(message, partial=False)
        return [
            m for m in self._messages
            if m.level == level and fnmatch.fnmatchcase(m.construct_path, construct_path)
            and matcher.test(m.message).finish().ok
        ]

    def _has(self, level: str, construct_path: str, message: Any) -> None:
        if self.find(level, construct_path, message):
            return
        same = [m for m in self._messages if m.level == level]
        listed = "\n".join(f"  {m.construct_path}: {m.message}" for m in same) or "  (none)"
        raise AssertionError(
            f"Stack has {len(same)} {level} annotation(s), none at {construct_path!r} with a "
            f"message matching {shown(message)}. The {level} annotations:\n{listed}"
        )

    def _has_no(self, level: str, construct_path: str, message: Any) -> None:
        found = self.find(level, construct_path, message)
        if found:
            listed = "\n".join(f"  {m.construct_path}: {m.message}" for m in found)
            raise AssertionError(
                f"Expected no {level} annotation at {construct_path!r} matching "
                f"{shown(message)}, found {len(found)}:\n{listed}"
            )

    # -- per level ---------------------------------------------------------------------------

    def has_info(self, construct_path: str, message: Any) -> None:
        """An info annotation at ``construct_path`` whose message matches."""
        self._has("info", construct_path, message)

    def has_warning(self, construct_path: str, message: Any) -> None:
        """A warning annotation at ``construct_path`` whose message matches."""
        self._has("warning", construct_path, message)

    def has_error(self, construct_path: str, message: Any) -> None:
        """An error annotation at ``construct_path`` whose message matches."""
        self._has("error", construct_path, message)

    def has_no_info(self, construct_path: str, message: Any) -> None:
        """No info annotation at ``construct_path`` matches."""
        self._has_no("info", construct_path, message)

    def has_no_warning(self, construct_path: str, message: Any) -> None:
        """No warning annotation at ``construct_path`` matches."""
        self._has_no("warning", construct_path, message)

    def has_no_error(self, construct_path: str, message: Any) -> None:
        """No error annotation at ``construct_path`` matches."""
        self._has_no("error", construct_path, message)

    def find_info(self, construct_path: str, message: Any) -> list[SynthesisMessage]:
        """The info annotations at ``construct_path`` whose message matches."""
        return self.find("info", construct_path, message)

    def find_warning(self, construct_path: str, message: Any) -> list[SynthesisMessage]:
        """The warning annotations at ``construct_path`` whose message matches."""
        return self.find("warning", construct_path, message)

    def find_error(self, construct_path: str, message: Any) -> list[SynthesisMessage]:
        """The error annotations at ``construct_path`` whose message matches."""
        return self.find("error", construct_path, message)
