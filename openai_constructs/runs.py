"""``Run``: an assistant working through a thread."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ._boundary import json_text, literal_values, rendered, tool_item
from ._l2 import MetadataOwner, metadata_for_new, new_violations, raise_for
from ._runtime.cdk import Construct
from ._runtime.tokens import is_unresolved
from .assistants import IAssistant
from .l1.beta_thread_run import BetaThreadRun
from .threads import IThread, MessageInput, as_message, sequence_of


def truncation_value(value: Any) -> Any:
    """``"auto"``, an int N (keep the last N messages), a dict or a helper -> the L1 struct."""
    value = rendered(value)
    if isinstance(value, str) and not is_unresolved(value):
        return {"type": value}
    if isinstance(value, int) and not isinstance(value, bool):
        return {"type": "last_messages", "last_messages": value}
    return value


class Run(MetadataOwner):
    """A run of an assistant on a thread (``openai_beta_thread_run``).

    It is created after every message and run declared on the thread before it. Options left
    unset use the assistant's settings.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        thread: IThread,
        assistant: IAssistant,
        instructions: str | None = None,
        additional_instructions: str | None = None,
        additional_messages: Sequence[MessageInput] = (),
        model: str | None = None,
        tools: Sequence[Any] | None = None,
        tool_choice: Any = None,
        response_format: Any = None,
        temperature: float | None = None,
        top_p: float | None = None,
        reasoning_effort: str | None = None,
        truncation_strategy: Any = None,
        max_prompt_tokens: int | None = None,
        max_completion_tokens: int | None = None,
        parallel_tool_calls: bool | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> None:
        """Declare a run.

        :param thread: The thread to run on.
        :param assistant: The assistant to run (declared, imported or looked up).
        :param instructions: Replaces the assistant's instructions for this run.
        :param additional_instructions: Appended to the assistant's instructions.
        :param additional_messages: Messages added to the thread just before the run.
        :param model: Overrides the assistant's model.
        :param tools: Overrides the assistant's tools (at most 128). Default: the assistant's.
        :param tool_choice: ``none``, ``auto``, ``required`` or one tool
            (``{"type": "function", "function": {"name": "f"}}``). Default: ``auto``.
        :param response_format: As for ``Assistant``.
        :param temperature: 0-2.
        :param top_p: 0-1.
        :param reasoning_effort: none, minimal, low, medium, high, xhigh or max.
        :param truncation_strategy: ``"auto"``, an int N (keep the last N messages) or a dict.
        :param max_prompt_tokens: Positive token budget for prompts over the run.
        :param max_completion_tokens: Positive token budget for completions over the run.
        :param parallel_tool_calls: Allow several function calls at once (API default: true).
        :param metadata: Up to 16 pairs, plus those from ``Metadata.of``.
        """
        violations = new_violations()
        extra = [as_message(m) for m in additional_messages]
        attributes: dict[str, Any] = {
            "thread_id": thread.thread_id,
            "assistant_id": assistant.assistant_id,
            "instructions": instructions,
            "additional_instructions": additional_instructions,
            "additional_messages": extra or None,
            "model": model,
            "tools": None if tools is None else [tool_item(t) for t in tools],
            "tool_choice": json_text(tool_choice),
            "response_format": json_text(response_format),
            "temperature": temperature,
            "top_p": top_p,
            "reasoning_effort": rendered(reasoning_effort),
            "truncation_strategy": truncation_value(truncation_strategy),
            "max_prompt_tokens": max_prompt_tokens,
            "max_completion_tokens": max_completion_tokens,
            "parallel_tool_calls": parallel_tool_calls,
            "metadata": metadata,
        }
        violations.check_resource(BetaThreadRun.TF_RESOURCE_TYPE, attributes)
        attributes["metadata"] = metadata_for_new(violations, scope, metadata)
        raise_for(violations, scope, id)

        super().__init__(scope, id)
        self._own_metadata = dict(metadata) if metadata is not None else None
        self._resource_type = BetaThreadRun.TF_RESOURCE_TYPE
        self._thread = thread
        self._assistant = assistant
        sequence = sequence_of(thread)
        self._resource = BetaThreadRun(
            self, "Default", depends_on=sequence.depends_on(), **literal_values(attributes)
        )
        sequence.last = self._resource

    @property
    def resource(self) -> BetaThreadRun:
        """The L1 resource (escape hatch; values set on it directly are not checked)."""
        return self._resource

    @property
    def run_id(self) -> str:
        return self._resource.id

    @property
    def status(self) -> str:
        """The run's status when Terraform last read it (``queued``, ``completed``, ...)."""
        return self._resource.status

    @property
    def thread(self) -> IThread:
        return self._thread

    @property
    def assistant(self) -> IAssistant:
        return self._assistant

    def _metadata_target(self) -> BetaThreadRun:
        return self._resource


__all__ = ["Run"]
