"""Constructs for OpenAI's beta objects (assistants, threads, messages, runs, ChatKit
sessions) and the objects that replaced them (files, vector stores, conversations) in CDK for
Terraform.

Names are loaded on first use, so ``import openai_constructs`` stays cheap and does not start
the CDK for Terraform runtime until a construct is actually needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Registers the one-per-stack synth warning for types that target retired OpenAI APIs
# (pure Python: reads schema/retired_apis.json, starts no runtime).
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
    "OpenAIConstructsError": "errors",
    "ValidationError": "errors",
    "AttributeTypeError": "errors",
    "ConstructTypeError": "errors",
    "ConstructIdError": "errors",
    "SensitiveValueError": "errors",
    "TestingInputError": "errors",
    "HclOutputError": "errors",
    "RuntimeSelectionError": "errors",
    "OutputFolderError": "errors",
    "CodegenError": "errors",
    "ForgottenReferenceError": "errors",
    "StateFileError": "errors",
    "RetiredApiWarning": "errors",
    "LiteralSecret": "_runtime.terraform_types",
    "literal_text": "validation",
    "AssistantWithThreads": "patterns",
    "ChatKitSessions": "patterns",
    "ThreadSpec": "patterns",
    "use_runtime": "_runtime.cdk",
    "runtime_name": "_runtime.cdk",
    # The Responses era's objects (files.py, vector_stores.py, conversations.py).
    "File": "files",
    "IFile": "files",
    "ImportedFile": "files",
    "VectorStore": "vector_stores",
    "IVectorStore": "vector_stores",
    "ImportedVectorStore": "vector_stores",
    "Conversation": "conversations",
    "IConversation": "conversations",
    "ImportedConversation": "conversations",
    "LocalFileError": "errors",
}

if TYPE_CHECKING:
    # ``X as X``: explicit re-exports for type checkers (``__all__`` below is computed).
    from ._runtime.cdk import runtime_name as runtime_name
    from ._runtime.cdk import use_runtime as use_runtime
    from ._runtime.terraform_types import LiteralSecret as LiteralSecret
    from .assistants import Assistant as Assistant
    from .assistants import IAssistant as IAssistant
    from .assistants import ImportedAssistant as ImportedAssistant
    from .assistants import LookedUpAssistant as LookedUpAssistant
    from .chatkit import ChatKitSession as ChatKitSession
    from .conversations import Conversation as Conversation
    from .conversations import IConversation as IConversation
    from .conversations import ImportedConversation as ImportedConversation
    from .errors import AttributeTypeError as AttributeTypeError
    from .errors import CodegenError as CodegenError
    from .errors import ConstructIdError as ConstructIdError
    from .errors import ConstructTypeError as ConstructTypeError
    from .errors import ForgottenReferenceError as ForgottenReferenceError
    from .errors import HclOutputError as HclOutputError
    from .errors import LocalFileError as LocalFileError
    from .errors import OpenAIConstructsError as OpenAIConstructsError
    from .errors import OutputFolderError as OutputFolderError
    from .errors import RetiredApiWarning as RetiredApiWarning
    from .errors import RuntimeSelectionError as RuntimeSelectionError
    from .errors import SensitiveValueError as SensitiveValueError
    from .errors import StateFileError as StateFileError
    from .errors import TestingInputError as TestingInputError
    from .errors import ValidationError as ValidationError
    from .files import File as File
    from .files import IFile as IFile
    from .files import ImportedFile as ImportedFile
    from .metadata import Metadata as Metadata
    from .patterns import AssistantWithThreads as AssistantWithThreads
    from .patterns import ChatKitSessions as ChatKitSessions
    from .patterns import ThreadSpec as ThreadSpec
    from .retire import Retire as Retire
    from .runs import Run as Run
    from .threads import ImportedThread as ImportedThread
    from .threads import IThread as IThread
    from .threads import LookedUpThread as LookedUpThread
    from .threads import Message as Message
    from .threads import Thread as Thread
    from .validation import literal_text as literal_text
    from .vector_stores import ImportedVectorStore as ImportedVectorStore
    from .vector_stores import IVectorStore as IVectorStore
    from .vector_stores import VectorStore as VectorStore


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


# The public names: the keys of ``_EXPORTS`` (one list; tests/test_public_surface.py pins it).
__all__ = list(_EXPORTS)
