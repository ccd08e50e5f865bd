"""Patterns (L3): several OpenAI objects wired together, configured with props and callbacks."""

from .assistant_with_threads import AssistantWithThreads, ThreadSpec
from .chatkit_sessions import ChatKitSessions
from .responses_migration import ResponsesMigration

__all__ = ["AssistantWithThreads", "ChatKitSessions", "ResponsesMigration", "ThreadSpec"]
