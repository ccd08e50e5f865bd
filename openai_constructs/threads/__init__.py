"""``Thread`` and ``Message``: a conversation and the messages added to it.

Messages and runs on one thread are created in the order they are declared: each depends on
the one before it. The API refuses a message while a run is active and a run only sees the
messages that exist when it starts, so Terraform's default (everything in parallel) would
make the outcome a race.

The thread family is this package, and the parent imports its children, as openai-python's
``resources/beta/threads`` imports ``runs``: ``Thread`` lives here, ``Message`` in
``_messages`` and ``Run`` in ``_runs`` (public as ``openai_constructs.runs``); what the
children know of their thread is in ``_base``, below them, so nothing imports back up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from .._l2.base import (
    MetadataOwner,
    building,
    declare_imported,
    metadata_value,
    new_violations,
    tool_resources_value,
)
from .._l2.boundary import merge_tool_resources
from .._l2.intake import Intake, check_id, keyword_hints
from .._l2.iteration import (
    Iterated,
    take_iteration,
)
from .._l2.placement import take_placement
from .._runtime.cdk import (
    Construct,
    ITerraformIterator,
    TerraformCount,
    TerraformProvider,
    TerraformResourceLifecycle,
)
from .._runtime.creation import create_construct
from .._runtime.tokens import is_resolvable_object, is_unresolved
from ..errors import ConstructIdError
from ..l1.beta_thread import BetaThread
from ..l1.data_openai_beta_thread import DataOpenaiBetaThread
from ..values.attachments import MessageRole
from ..values.tool_resources import ToolResources
from ._base import (
    IThread,
    MessageInput,
    ThreadSequence,
    as_messages,
    sequence_of,
)
from ._base import as_message as as_message
from ._base import thread_of as thread_of
from ._messages import Message

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..assistants import IAssistant
    from ..responses import ConversationItems, ConversationParams, ExportNote
    from ._runs import Run, RunOptions

class _ThreadActions:
    """``add_message`` and ``run``, shared by declared and imported threads."""

    _openai_sequence: ThreadSequence

    @property
    def thread_id(self) -> str:
        raise NotImplementedError

    @keyword_hints("Thread.add_message")
    def add_message(
        self,
        content: str,
        *,
        id: str | None = None,
        role: MessageRole = "user",
        attachments: Sequence[Any] = (),
        metadata: Mapping[str, str] | None = None,
        for_each: ITerraformIterator | None = None,
        count: int | float | TerraformCount | None = None,
        provider: TerraformProvider | None = None,
        depends_on: Sequence[Any] | None = None,
        lifecycle: TerraformResourceLifecycle | Mapping[str, Any] | None = None,
    ) -> Message:
        """Add a message after everything declared on this thread so far.

        On a thread with ``for_each``/``count``, one message per thread instance.

        :param content: The text, sent as written.
        :param id: Construct id; default ``Message1``, ``Message2``, ... in call order.
        :param role: ``user`` (default) or ``assistant``.
        :param attachments: Files and the tools they are for. Default: none.
        :param metadata: Up to 16 pairs, plus those from ``Metadata.of``.
        :param for_each: Several messages on a thread that is not iterated (created side by
            side, after what came before). Default: one.
        :param count: As ``for_each``, a number of messages.
        :param provider: Default: the thread's provider. ``depends_on``, ``lifecycle``: as
            for ``Message``.
        """
        scope: Construct = self  # type: ignore[assignment]
        return _numbered(scope, "Message", id, lambda given: Message(
            scope,
            given,
            thread=self,  # type: ignore[arg-type]
            content=content,
            role=role,
            attachments=attachments,
            metadata=metadata,
            for_each=for_each,
            count=count,
            provider=provider,
            depends_on=depends_on,
            lifecycle=lifecycle,
        ))

    @keyword_hints("Thread.run")
    def run(
        self, assistant: IAssistant, *, id: str | None = None, **options: Unpack[RunOptions]
    ) -> Run:
        """Run ``assistant`` on this thread once the messages declared so far exist.

        On a thread with ``for_each``/``count``, one run per thread instance.

        :param assistant: The assistant (declared, ``Assistant.from_assistant_id`` or
            ``Assistant.from_lookup``).
        :param id: Construct id; default ``Run1``, ``Run2``, ... in call order.
        :param options: Those of ``Run`` (``instructions``, ``model``, ``temperature``, ...,
            ``assistant_key`` for an assistant with ``for_each``/``count``), typed by
            ``RunOptions``: a misspelled option is a mypy error, and at run time an
            ``AttributeTypeError`` naming the closest option.
        """
        from ._runs import Run, assistant_of, check_run_options

        scope: Construct = self  # type: ignore[assignment]
        intake = Intake("Thread.run", scope)
        assistant_of(intake, assistant)
        check_run_options(intake, "", options)
        return _numbered(scope, "Run", id, lambda given: Run(
            scope,
            given,
            thread=self,  # type: ignore[arg-type]
            assistant=assistant,
            **options,
        ))


_Made = TypeVar("_Made")


def _numbered(scope: Construct, prefix: str, id: str | None, make: Callable[[str], _Made]
              ) -> _Made:
    """``make(id)``, or with no id ``make("Message1")``, ``make("Message2")``, ...: a
    per-thread counter, skipping ids already taken. A taken id is found out by the attempt
    (node refuses it, see ``keyword_hints``), so the happy path asks node nothing."""
    if id is not None:
        return make(id)
    counters: dict[str, int] = scope.__dict__.setdefault("_openai_counters", {})
    index = counters.get(prefix, 0) + 1
    while True:
        try:
            made = make(f"{prefix}{index}")
        except ConstructIdError:
            if scope.node.try_find_child(f"{prefix}{index}") is None:
                raise  # refused for another reason
            index += 1
            continue
        counters[prefix] = index
        return made


class Thread(MetadataOwner[BetaThread], Iterated, _ThreadActions):
    """A conversation (``openai_beta_thread``), optionally seeded with messages.

    Seed messages are part of the thread itself (created with it); ``add_message`` and
    ``run`` declare separate objects that follow in order.
    """

    @keyword_hints("Thread")
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        messages: Sequence[MessageInput] = (),
        tool_resources: Mapping[str, Any] | ToolResources | None = None,
        metadata: Mapping[str, str] | None = None,
        for_each: ITerraformIterator | None = None,
        count: int | float | TerraformCount | None = None,
        provider: TerraformProvider | None = None,
        depends_on: Sequence[Any] | None = None,
        lifecycle: TerraformResourceLifecycle | Mapping[str, Any] | None = None,
    ) -> None:
        """Declare a thread.

        :param messages: Seed messages: strings (user messages), ``values.Message`` or dicts.
            Default: an empty thread.
        :param tool_resources: Files for code interpreter (at most 20) and vector stores for
            file search, available to runs on this thread. Default: none.
        :param metadata: Up to 16 pairs, plus those from ``Metadata.of``.
        :param for_each: One thread per entry of a ``TerraformIterator``; its ``key`` and
            ``value`` may be used in any attribute. Messages and runs declared on the thread
            are iterated with it, one per thread instance. Default: one thread.
        :param count: That many threads (``count.index`` via a ``TerraformCount``).
        :param provider: The provider configuration its objects go to (e.g. an aliased
            ``OpenaiProvider`` of another project). Default: the default configuration.
        :param depends_on: Resources, data sources or constructs (an L2 construct stands for
            its resource, a pattern for all of its) created before its objects.
        :param lifecycle: ``TerraformResourceLifecycle`` (or a dict of its options) of its
            resource.
        """
        intake = Intake("Thread", scope, id)
        check_id(intake, id)
        placement = take_placement(intake, provider, depends_on, lifecycle)
        seeds = as_messages(intake, "messages", messages)
        explicit = tool_resources_value(intake, tool_resources)
        metadata = metadata_value(intake, metadata)
        violations = new_violations()
        iteration = take_iteration(violations, for_each, count, intake)
        if explicit is None or is_unresolved(explicit) or is_resolvable_object(explicit):
            resources = explicit
        else:
            resources = merge_tool_resources([explicit]) if explicit else None
        attributes = {"messages": seeds or None, "tool_resources": resources, "metadata": metadata}
        self._placement = placement
        self._openai_sequence = ThreadSequence()
        self._seeds = seeds  # as written, for to_conversation_items
        self._tool_resources = resources
        self._declare("Thread", scope, id, BetaThread, attributes, violations, iteration,
                      placement)

    @property
    def thread_id(self) -> str:
        """The thread id, a reference. A thread with ``for_each``/``count`` has one per
        instance: see ``thread_ids``; ``add_message`` and ``run`` pick the right one."""
        return str(self._single("id"))

    @property
    def thread_ids(self) -> Any:
        """Every instance's id: a map by key (``for_each``), a list (``count``)."""
        return self._every("id")

    def thread_id_for(self, key: Any) -> str:
        """The id of the instance ``key`` (a ``for_each`` key or a ``count`` index)."""
        return self._for(key, "id")

    @property
    def created_at(self) -> float:
        return float(self._single("created_at"))

    def to_conversation_items(self) -> ConversationItems:
        """The seed messages, then the messages added to the thread (``add_message``,
        ``Message(thread=...)``) in the order they were declared, as Responses-era
        conversation items (``conversations.create(items=...)``): text as written, references
        as their Terraform expressions; attachments and per-message metadata, which items
        cannot hold, and messages declared with ``for_each``/``count``, whose instances only
        Terraform knows, are listed in the result's ``notes``."""
        from ..responses import conversation_items

        messages, notes = self._export_messages()
        return conversation_items(messages, scope=self, notes=notes)

    def _export_messages(self) -> tuple[list[Any] | Any, tuple[ExportNote, ...]]:
        from ..responses import ExportNote, iteration_note

        seeds = self._seeds
        added = sequence_of(self).messages
        notes: list[ExportNote] = []
        iteration = getattr(self, "_iteration", None)
        note = iteration_note(self.node.path, iteration.meta() if iteration else {})
        if note is not None:
            notes.append(note)
        if not added:
            return seeds, tuple(notes)
        messages = list(seeds) if isinstance(seeds, (list, tuple)) else seeds
        for message in added:
            if message._iteration.meta():
                notes.append(ExportNote(f"{message.node.path}", (
                    "declared with for_each/count: its instances are only known to Terraform; "
                    "add them to the conversation once they exist")))
            elif isinstance(messages, list):
                messages.append(dict(message._declared))
        return messages, tuple(notes)

    def to_conversation_params(self) -> ConversationParams:
        """``conversations.create`` parameters: the seed messages as ``items`` and the
        thread's metadata; tool resources, which conversations cannot hold, go to ``notes``."""
        from ..responses import conversation_params

        messages, notes = self._export_messages()
        return conversation_params(messages, metadata=self.metadata,
                                   tool_resources=self._tool_resources, scope=self,
                                   notes=notes)

    @classmethod
    @keyword_hints("Thread.from_thread_id")
    def from_thread_id(cls, scope: Construct, id: str, thread_id: str) -> ImportedThread:
        """Refer to an existing thread by id; nothing is created or read. Messages and runs
        can still be added to it.
        """
        return ImportedThread(scope, id, thread_id)

    @classmethod
    @keyword_hints("Thread.from_lookup")
    def from_lookup(cls, scope: Construct, id: str, *, thread_id: str) -> LookedUpThread:
        """Read an existing thread with the ``openai_beta_thread`` data source."""
        return LookedUpThread(scope, id, thread_id=thread_id)


class ImportedThread(Construct, _ThreadActions):
    """A thread created elsewhere, known by its id. Creates no resource."""

    @keyword_hints("Thread.from_thread_id")
    def __init__(self, scope: Construct, id: str, thread_id: str) -> None:
        declare_imported(self, "Thread.from_thread_id", scope, id, "thread_id", thread_id)
        self._openai_sequence = ThreadSequence()
        self._thread_id = thread_id

    @property
    def thread_id(self) -> str:
        return self._thread_id


class LookedUpThread(Construct, _ThreadActions):
    """An existing thread read at plan time (its metadata and tool resources as references)."""

    @keyword_hints("Thread.from_lookup")
    def __init__(self, scope: Construct, id: str, *, thread_id: str) -> None:
        check_id(Intake("Thread.from_lookup", scope, id), id)
        create_construct(self, scope, id)  # its place cached for its children
        with building(self, "Thread.from_lookup", scope, id):
            self._openai_sequence = ThreadSequence()
            self._data = DataOpenaiBetaThread(self, "Default", thread_id=thread_id)

    @property
    def data_source(self) -> DataOpenaiBetaThread:
        return self._data

    @property
    def thread_id(self) -> str:
        return self._data.id

    @property
    def metadata(self) -> dict[str, str]:
        return self._data.metadata


__all__ = [
    "IThread",
    "ImportedThread",
    "LookedUpThread",
    "Message",
    "Thread",
    "MessageInput",
]
