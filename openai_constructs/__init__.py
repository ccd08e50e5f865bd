"""Constructs for OpenAI's beta objects (assistants, threads, messages, runs, ChatKit
sessions) in CDK for Terraform.

Names are loaded on first use, so ``import openai_constructs`` stays cheap and does not start
the CDK for Terraform runtime until a construct is actually needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Registers the one-per-stack synth warning for types that target retired OpenAI APIs
# (pure Python: reads schema/encodings.json, starts no runtime).
from . import api_status as _api_status  # noqa: F401

_EXPORTS: dict[str, str] = {
    "Assistant": "assistants",
    "IAssistant": "assistants",
    "ImportedAssistant": "assistants",
    "LookedUpAssistant": "assistants",
    "Thread": "threads",
    "IThread": "threads",
    "ImportedThread": "threads",
    "LookedUpThread": "threads",
    "Message": "threads",
    "Run": "runs",
    "ChatKitSession": "chatkit",
    "Metadata": "metadata",
    "Retire": "retire",
    "ForgottenReferenceError": "errors",
    "RetiredApiWarning": "errors",
    "StateFileError": "errors",
    "OpenAIConstructsError": "errors",
    "ValidationError": "errors",
    "AttributeTypeError": "errors",
    "ConstructTypeError": "errors",
    "ConstructIdError": "errors",
    "SensitiveValueError": "errors",
    "HclOutputError": "errors",
    "RuntimeSelectionError": "errors",
    "LiteralSecret": "_runtime.values",
    "literal_text": "validation",
    "AssistantWithThreads": "patterns",
    "ChatKitSessions": "patterns",
    "ThreadSpec": "patterns",
    "use_runtime": "_runtime.cdk",
    "runtime_name": "_runtime.cdk",
}

if TYPE_CHECKING:
    from ._runtime.cdk import runtime_name, use_runtime
    from ._runtime.values import LiteralSecret
    from .assistants import Assistant, IAssistant, ImportedAssistant, LookedUpAssistant
    from .chatkit import ChatKitSession
    from .errors import (
        AttributeTypeError,
        ConstructIdError,
        ConstructTypeError,
        ForgottenReferenceError,
        HclOutputError,
        OpenAIConstructsError,
        RetiredApiWarning,
        RuntimeSelectionError,
        SensitiveValueError,
        StateFileError,
        ValidationError,
    )
    from .metadata import Metadata
    from .patterns import AssistantWithThreads, ChatKitSessions, ThreadSpec
    from .retire import Retire
    from .runs import Run
    from .threads import (
        ImportedThread,
        IThread,
        LookedUpThread,
        Message,
        Thread,
    )
    from .validation import literal_text


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__all__ = [
    "Assistant",
    "AttributeTypeError",
    "ConstructIdError",
    "ConstructTypeError",
    "HclOutputError",
    "LiteralSecret",
    "OpenAIConstructsError",
    "RuntimeSelectionError",
    "SensitiveValueError",
    "AssistantWithThreads",
    "ChatKitSession",
    "ChatKitSessions",
    "IAssistant",
    "IThread",
    "ImportedAssistant",
    "ImportedThread",
    "LookedUpAssistant",
    "LookedUpThread",
    "Message",
    "Metadata",
    "Retire",
    "RetiredApiWarning",
    "ForgottenReferenceError",
    "StateFileError",
    "Run",
    "Thread",
    "ThreadSpec",
    "ValidationError",
    "runtime_name",
    "use_runtime",
    "literal_text",
]
