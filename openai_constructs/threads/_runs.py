"""``Run``: an assistant working through a thread.

A child of ``threads`` (``Thread.run`` imports it), public as ``openai_constructs.runs``: it
knows its thread only through ``_base``, so nothing here imports the parent.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from .._l2.base import (
    MetadataOwner,
    metadata_value,
    new_violations,
)
from .._l2.boundary import json_text_of, rendered, tool_item
from .._l2.intake import Intake, check_json, construct_of, items, keyword_hints
from .._l2.iteration import (
    KEY_NEEDED,
    KEY_UNUSED,
    Iterated,
    Iteration,
    instance_attribute,
    iteration_of,
)
from .._public import public
from .._runtime.cdk import (
    Construct,
    ITerraformIterator,
    TerraformCount,
    TerraformProvider,
    TerraformResourceLifecycle,
)
from .._runtime.terraform_types import describe
from .._runtime.tokens import is_unresolved
from ..assistants import IAssistant
from ..l1.beta_thread_run import BetaThreadRun
from ..validation import Violation, Violations
from ._base import (
    IThread,
    MessageInput,
    as_messages,
    chained_to,
    child_intake,
    sequence_of,
)


@public("openai_constructs.runs")
class RunOptions(TypedDict, total=False):
    """The options of a run, as ``Thread.run(assistant, **options)`` and the patterns'
    ``run_options`` take them; each is the ``Run`` parameter of the same name."""

    instructions: str | None
    additional_instructions: str | None
    additional_messages: Sequence[MessageInput]
    model: str | None
    tools: Sequence[Any] | None
    tool_choice: Any
    response_format: Any
    temperature: float | None
    top_p: float | None
    reasoning_effort: str | None
    truncation_strategy: Any
    max_prompt_tokens: int | None
    max_completion_tokens: int | None
    parallel_tool_calls: bool | None
    metadata: Mapping[str, str] | None
    assistant_key: Any
    for_each: ITerraformIterator | None
    count: int | float | TerraformCount | None
    provider: TerraformProvider | None
    depends_on: Sequence[Any] | None
    lifecycle: TerraformResourceLifecycle | Mapping[str, Any] | None


RUN_OPTIONS: tuple[str, ...] = tuple(RunOptions.__annotations__)


def check_run_options(intake: Intake, attribute: str, options: Any) -> None:
    """Refuse option names ``Run`` does not take, with the closest one."""
    if not isinstance(options, Mapping):
        intake.fail(
            attribute or "options", f"expects a dict of Run options, got {describe(options)}"
        )
    for key in options:
        if key not in RunOptions.__annotations__:
            close = difflib.get_close_matches(str(key), RUN_OPTIONS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"options: {', '.join(RUN_OPTIONS)}"
            where = f"{attribute}: " if attribute else ""
            intake.fail("", f"{where}unknown Run option {key!r}; {hint}")


def assistant_of(intake: Intake, value: Any) -> IAssistant:
    """The ``assistant`` parameter: an assistant construct, or a clear refusal."""
    assistant: IAssistant = construct_of(
        intake, "assistant", value, IAssistant,
        "an assistant (IAssistant: Assistant, Assistant.from_assistant_id or "
        "Assistant.from_lookup)",
        f'to run an assistant known by its id, pass Assistant.from_assistant_id(scope, "Id", '
        f"{value!r})",
    )
    return assistant


def truncation_value(value: Any) -> Any:
    """``"auto"``, an int N (keep the last N messages), a dict or a helper -> the L1 struct."""
    value = rendered(value)
    if isinstance(value, str) and not is_unresolved(value):
        return {"type": value}
    if isinstance(value, int) and not isinstance(value, bool):
        return {"type": "last_messages", "last_messages": value}
    return value


_RUN_NAMES = {"thread_id": "thread", "assistant_id": "assistant"}


@public("openai_constructs.runs")
class Run(MetadataOwner[BetaThreadRun], Iterated):
    """A run of an assistant on a thread (``openai_beta_thread_run``).

    It is created after every message and run declared on the thread before it. Options left
    unset use the assistant's settings.
    """

    @keyword_hints("Run")
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
        assistant_key: Any = None,
        for_each: ITerraformIterator | None = None,
        count: int | float | TerraformCount | None = None,
        provider: TerraformProvider | None = None,
        depends_on: Sequence[Any] | None = None,
        lifecycle: TerraformResourceLifecycle | Mapping[str, Any] | None = None,
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
        :param assistant_key: Which instance of an assistant with ``for_each`` (its key) or
            ``count`` (an index) runs; a literal or a reference such as ``iterator.key``.
            Default: for a thread iterated by the same iterator or count as the assistant, the
            instance with the thread's key; otherwise required for an iterated assistant.
        :param for_each: Several runs, e.g. over threads imported per key; on a thread with
            ``for_each``/``count`` leave it unset: there is one run per thread instance. The
            API runs one run at a time per thread.
        :param count: As ``for_each``, a number of runs.
        :param provider: The provider configuration its objects go to (e.g. an aliased
            ``OpenaiProvider`` of another project). Default: the thread's provider.
        :param depends_on: Resources, data sources or constructs (an L2 construct stands for
            its resource, a pattern for all of its) created before its objects.
        :param lifecycle: ``TerraformResourceLifecycle`` (or a dict of its options) of its
            resource.
        """
        intake, thread, placement = child_intake(
            "Run", scope, id, thread, provider, depends_on, lifecycle)
        assistant = assistant_of(intake, assistant)
        extra = as_messages(intake, "additional_messages", additional_messages)
        if tools is not None:
            tools = items(intake, "tools", tools, "tool")
        metadata = metadata_value(intake, metadata)
        for name, option in (("tool_choice", tool_choice), ("response_format", response_format)):
            if isinstance(option, Mapping):
                check_json(intake, name, option)
        violations = new_violations()
        iteration, thread_id = chained_to(violations, thread, for_each, count, intake)
        assistant_id = _assistant_id(violations, assistant, assistant_key, iteration)
        attributes: dict[str, Any] = {
            "thread_id": thread_id,
            "assistant_id": assistant_id,
            "instructions": instructions,
            "additional_instructions": additional_instructions,
            "additional_messages": extra or None,
            "model": model,
            "tools": (
                None if tools is None
                else tools if is_unresolved(tools)
                else [tool_item(t) for t in tools]
            ),
            "tool_choice": json_text_of(tool_choice, "Run", scope, id, "tool_choice"),
            "response_format": json_text_of(response_format, "Run", scope, id, "response_format"),
            "temperature": temperature,
            "top_p": top_p,
            "reasoning_effort": rendered(reasoning_effort),
            "truncation_strategy": truncation_value(truncation_strategy),
            "max_prompt_tokens": max_prompt_tokens,
            "max_completion_tokens": max_completion_tokens,
            "parallel_tool_calls": parallel_tool_calls,
            "metadata": metadata,
        }
        self._thread = thread
        self._assistant = assistant
        sequence = sequence_of(thread)
        self._declare("Run", scope, id, BetaThreadRun, attributes, violations, iteration,
                      placement, names=_RUN_NAMES, after=sequence.depends_on())
        sequence.last = self._resource

    @property
    def run_id(self) -> str:
        return str(self._single("id"))

    @property
    def run_ids(self) -> Any:
        """Every instance's id: a map by key (``for_each``), a list (``count``)."""
        return self._every("id")

    @property
    def status(self) -> str:
        """The run's status when Terraform last read it (``queued``, ``completed``, ...)."""
        return str(self._single("status"))

    @property
    def thread(self) -> IThread:
        return self._thread

    @property
    def assistant(self) -> IAssistant:
        return self._assistant


def _assistant_id(
    violations: Violations, assistant: IAssistant, key: Any, iteration: Iteration
) -> Any:
    """The id of the assistant that runs: for an iterated assistant, the instance ``key``,
    or the one with the run's own key when both are iterated by the same iterator."""
    of_assistant = iteration_of(assistant)
    if not of_assistant.iterated:
        if key is not None:
            violations.add(Violation("assistant_key", KEY_UNUSED, repr(key)))
        return assistant.assistant_id
    if key is None:
        if not (iteration.iterated and of_assistant.same_as(iteration)):
            violations.add(Violation("assistant_key", KEY_NEEDED, "none"))
            return ""  # (a string, so only the violation is reported)
        key = iteration.key()
    resource = assistant.resource  # type: ignore[attr-defined]
    return instance_attribute(resource, of_assistant, key, "id")


__all__ = ["RUN_OPTIONS", "Run", "RunOptions", "assistant_of", "check_run_options"]
