"""Messages and their ``attachments``: files handed to a tool along with one message."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypedDict

from .._l2.intake import hinted
from ..validation import check_value
from ._common import copy_json, freeze_mapping, frozen_items

__all__ = ["Attachment", "AttachmentParam", "Message", "MessageParam", "MessageRole"]

AttachmentTool = Literal["code_interpreter", "file_search"]
MessageRole = Literal["user", "assistant"]


class AttachmentToolParam(TypedDict):
    type: AttachmentTool


class AttachmentParam(TypedDict, total=False):
    file_id: str
    tools: list[AttachmentToolParam]


class _MessageRequired(TypedDict):
    role: MessageRole
    content: str


class MessageParam(_MessageRequired, total=False):
    attachments: list[AttachmentParam]
    metadata: dict[str, str]


@hinted
@dataclass(frozen=True)
class Attachment:
    """A file and the tools that should get it, e.g. ``Attachment("file-1", ["file_search"])``."""

    file_id: str
    tools: Sequence[AttachmentTool]

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "tools", frozen_items(self.tools, "tools", "Attachment", "tool type")
        )
        check_value("Attachment", [
            ("attachments.tools.type", f"tools[{i}]", tool) for i, tool in enumerate(self.tools)
        ])

    def render(self) -> AttachmentParam:
        return {"file_id": self.file_id, "tools": [{"type": tool} for tool in self.tools]}


@hinted
@dataclass(frozen=True)
class Message:
    """One message of a thread's ``messages`` or a run's ``additional_messages``.

    ``content`` is the text the API receives: the L2 constructs escape Terraform template
    syntax in it (``${``, ``%{``) themselves, so do not wrap it in ``literal_text`` as well.
    """

    content: str
    role: MessageRole = "user"
    attachments: Sequence[Attachment] = ()
    metadata: Mapping[str, str] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "attachments",
            frozen_items(self.attachments, "attachments", "Message", "Attachment"),
        )
        object.__setattr__(self, "metadata", freeze_mapping(self.metadata))
        check_value("Message", [
            ("message.role", "role", self.role),
            ("metadata.size", "metadata", self.metadata),
            ("metadata.key_length", "metadata", self.metadata),
            ("metadata.value_length", "metadata", self.metadata),
        ])

    def render(self) -> MessageParam:
        out: MessageParam = {"role": self.role, "content": self.content}
        if self.attachments:
            out["attachments"] = [attachment.render() for attachment in self.attachments]
        if self.metadata is not None:
            out["metadata"] = copy_json(self.metadata)
        return out
