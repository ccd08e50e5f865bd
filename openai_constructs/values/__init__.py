"""Typed values for the OpenAI attributes whose encoding is easy to get wrong.

Each helper is immutable, checks what it cheaply can when built, and ``render()`` returns
exactly what the L1 constructor takes for that attribute (a dict, a list or a string).
"""

from __future__ import annotations

from .._validation import ValidationError, literal_text
from ._schema import to_strict_schema
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
    ToolResources,
    VectorStore,
)
from .tools import CodeInterpreterTool, FileSearchTool, FunctionTool, Tool, render_tools
from .truncation import AutoTruncation, LastMessagesTruncation, TruncationStrategy

__all__ = [
    "Attachment",
    "AutoResponseFormat",
    "AutoTruncation",
    "ChatKitConfiguration",
    "CodeInterpreterResources",
    "CodeInterpreterTool",
    "ExpiresAfter",
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
    "TextResponseFormat",
    "Tool",
    "ToolChoice",
    "ToolResources",
    "TruncationStrategy",
    "ValidationError",
    "VectorStore",
    "Workflow",
    "literal_text",
    "render_tools",
    "to_strict_schema",
]
