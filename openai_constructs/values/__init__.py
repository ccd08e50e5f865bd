"""Typed values for the OpenAI attributes whose encoding is easy to get wrong.

Each helper is immutable, checks what it cheaply can when built, and ``render()`` returns
exactly what the L1 constructor takes for that attribute (a dict, a list or a string).

Names are loaded on first use (as in :mod:`openai_constructs`): the L2 constructs need only
one or two of these modules, so importing them does not pay for every helper.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "ValidationError": "..errors",
    "literal_text": "..validation",
    "to_strict_schema": "._json_schema",
    "Attachment": ".attachments",
    "Message": ".attachments",
    "MessageRole": ".attachments",
    "ChatKitConfiguration": ".chatkit",
    "ExpiresAfter": ".chatkit",
    "FileUpload": ".chatkit",
    "History": ".chatkit",
    "RateLimits": ".chatkit",
    "StateValue": ".chatkit",
    "Workflow": ".chatkit",
    "ReasoningEffort": ".reasoning",
    "ReasoningEffortLiteral": ".reasoning",
    "AutoResponseFormat": ".response_format",
    "JsonObjectResponseFormat": ".response_format",
    "JsonSchemaResponseFormat": ".response_format",
    "ResponseFormat": ".response_format",
    "TextResponseFormat": ".response_format",
    "ToolChoice": ".tool_choice",
    "CodeInterpreterResources": ".tool_resources",
    "FileSearchResources": ".tool_resources",
    "StaticChunking": ".tool_resources",
    "ToolResources": ".tool_resources",
    "VectorStore": ".tool_resources",
    "InlineVectorStore": ".tool_resources",
    "CodeInterpreterTool": ".tools",
    "FileSearchRankingOptions": ".tools",
    "FileSearchTool": ".tools",
    "FunctionTool": ".tools",
    "Tool": ".tools",
    "render_tools": ".tools",
    "AutoTruncation": ".truncation",
    "LastMessagesTruncation": ".truncation",
    "TruncationStrategy": ".truncation",
}

if TYPE_CHECKING:
    from ..errors import ValidationError
    from ..validation import literal_text
    from ._json_schema import to_strict_schema
    from .attachments import Attachment, Message, MessageRole
    from .chatkit import (
        ChatKitConfiguration,
        ExpiresAfter,
        FileUpload,
        History,
        RateLimits,
        StateValue,
        Workflow,
    )
    from .reasoning import ReasoningEffort, ReasoningEffortLiteral
    from .response_format import (
        AutoResponseFormat,
        JsonObjectResponseFormat,
        JsonSchemaResponseFormat,
        ResponseFormat,
        TextResponseFormat,
    )
    from .tool_choice import ToolChoice
    from .tool_resources import (
        CodeInterpreterResources,
        FileSearchResources,
        InlineVectorStore,
        StaticChunking,
        ToolResources,
        VectorStore,
    )
    from .tools import (
        CodeInterpreterTool,
        FileSearchRankingOptions,
        FileSearchTool,
        FunctionTool,
        Tool,
        render_tools,
    )
    from .truncation import AutoTruncation, LastMessagesTruncation, TruncationStrategy


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__all__ = [
    "Attachment",
    "AutoResponseFormat",
    "AutoTruncation",
    "ChatKitConfiguration",
    "CodeInterpreterResources",
    "CodeInterpreterTool",
    "ExpiresAfter",
    "FileSearchRankingOptions",
    "FileSearchResources",
    "FileSearchTool",
    "FileUpload",
    "FunctionTool",
    "History",
    "JsonObjectResponseFormat",
    "JsonSchemaResponseFormat",
    "LastMessagesTruncation",
    "Message",
    "MessageRole",
    "RateLimits",
    "ReasoningEffort",
    "ReasoningEffortLiteral",
    "ResponseFormat",
    "StateValue",
    "StaticChunking",
    "TextResponseFormat",
    "Tool",
    "ToolChoice",
    "ToolResources",
    "TruncationStrategy",
    "ValidationError",
    "VectorStore",
    "InlineVectorStore",
    "Workflow",
    "literal_text",
    "render_tools",
    "to_strict_schema",
]
