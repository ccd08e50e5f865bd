"""``Conversation``: the Responses era's server-side conversation (``openai_conversation``).

A conversation replaces the Assistants API's thread: responses created with
``conversation=<id>`` read its items and append to them. It can be seeded with messages
given as ``Thread`` takes them (strings are user messages; ``values.Message`` or dicts), which
become its initial items in the order written, text exactly as written. The provider's items
are text messages (``schema/NOTES.md``, judgement S4): attachments and per-message metadata,
which an item cannot hold, are refused rather than dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Protocol, runtime_checkable

from ._l2.base import (
    MetadataOwner,
    declare_imported,
    metadata_value,
    new_violations,
)
from ._l2.boundary import rendered
from ._l2.intake import Intake, check_id, items, keyword_hints
from ._l2.iteration import Iterated, take_iteration
from ._runtime.cdk import Construct, ITerraformIterator, TerraformCount
from ._runtime.terraform_types import describe
from ._runtime.tokens import is_resolvable_object, is_unresolved
from .l1.conversation import Conversation as L1Conversation
from .values.attachments import Message as MessageValue

ItemRole = Literal["user", "assistant", "system", "developer"]
"""The roles of a conversation's message items."""

ItemInput = str | Mapping[str, Any] | MessageValue
"""A seed item: a string (a user message), a ``values.Message`` or a dict with ``content``,
``role`` (user, assistant, system or developer) and, for assistant messages, ``phase``."""

MAX_ITEMS = 20
"""Items one request may add (the provider's reference: "You may add up to 20 items at a
time")."""

_ITEM_KEYS = ("content", "role", "phase", "type")
_NOT_IN_ITEMS = ("attachments", "metadata")


@runtime_checkable
class IConversation(Protocol):
    """Anything that names a conversation: declared here or imported by id."""

    @property
    def node(self) -> Any: ...

    @property
    def conversation_id(self) -> str:
        """The conversation's id (``conv_...``), usually a reference resolved at apply."""
        ...


class Conversation(MetadataOwner[L1Conversation], Iterated):
    """A conversation (``openai_conversation``), optionally seeded with messages."""

    @keyword_hints("Conversation")
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        items: Sequence[ItemInput] = (),
        metadata: Mapping[str, str] | None = None,
        for_each: ITerraformIterator | None = None,
        count: int | float | TerraformCount | None = None,
    ) -> None:
        """Declare a conversation.

        :param items: Up to 20 seed messages, in order: strings (user messages),
            ``values.Message`` or dicts (``content``, ``role``, ``phase``). Default: empty.
        :param metadata: Up to 16 pairs; keys at most 64, values at most 512 characters.
            Pairs from ``Metadata.of`` on an enclosing scope are added.
        :param for_each: One conversation per entry of a ``TerraformIterator``. Default: one.
        :param count: That many conversations (``count.index`` via a ``TerraformCount``).
        """
        intake = Intake("Conversation", scope, id)
        check_id(intake, id)
        seeds = as_items(intake, "items", items)
        metadata = metadata_value(intake, metadata)
        violations = new_violations()
        iteration = take_iteration(violations, for_each, count)
        attributes: dict[str, Any] = {"items": seeds or None, "metadata": metadata}
        self._items = seeds
        self._declare("Conversation", scope, id, L1Conversation, attributes, violations,
                      iteration)

    @property
    def items(self) -> Any:
        """The seed items as given to the provider (before escaping), in order (a copy)."""
        return list(self._items) if isinstance(self._items, list) else self._items

    @property
    def conversation_id(self) -> str:
        """The conversation id (``conv_...``), a reference. One with ``for_each``/``count``
        has one per instance: see ``conversation_ids``."""
        return str(self._single("id"))

    @property
    def conversation_ids(self) -> Any:
        """Every instance's id: a map by key (``for_each``), a list (``count``)."""
        return self._every("id")

    def conversation_id_for(self, key: Any) -> str:
        """The id of the instance ``key`` (a ``for_each`` key or a ``count`` index)."""
        return self._for(key, "id")

    @property
    def created_at(self) -> float:
        return float(self._single("created_at"))

    @classmethod
    @keyword_hints("Conversation.from_thread")
    def from_thread(
        cls,
        scope: Construct,
        id: str,
        thread: Any,
        *,
        metadata: Mapping[str, str] | None = None,
    ) -> Conversation:
        """Declare the conversation that replaces a declared ``Thread``: its seed messages,
        then the messages added to it, in declaration order, text as written; the thread's
        own metadata pairs unless ``metadata`` is given (``Metadata.of`` pairs apply as on
        any construct).

        What a conversation cannot hold is refused, not dropped: a message with attachments
        or metadata, a message declared with ``for_each``/``count`` (its instances are only
        known to Terraform), and the thread's ``tool_resources`` (declare a ``VectorStore``,
        e.g. ``VectorStore.from_inline_store``, and give its id to the ``file_search`` tool of
        the Responses request instead); an iterated thread is refused too.
        """
        from .threads import Thread

        intake = Intake("Conversation.from_thread", scope, id)
        if not isinstance(thread, Thread):
            intake.fail("thread", f"expects a declared Thread, got {describe(thread)}; an "
                        "imported thread's messages are not known here")
        if thread._iteration.iterated:
            intake.fail("thread", f"{thread.node.path!r} is declared with for_each/count; "
                        "declare one Conversation with the same for_each/count instead")
        if thread._tool_resources is not None:
            intake.fail("thread", f"{thread.node.path!r} has tool_resources, which a "
                        "conversation cannot hold; declare a VectorStore "
                        "(VectorStore.from_inline_store) for its file search and leave "
                        "tool_resources off the thread you migrate")
        messages, notes = thread._export_messages()
        if notes:
            intake.fail("thread", "; ".join(str(note) for note in notes))
        own = thread._own_metadata if metadata is None else metadata
        return cls(scope, id, items=messages, metadata=own)

    @classmethod
    @keyword_hints("Conversation.from_conversation_id")
    def from_conversation_id(
        cls, scope: Construct, id: str, conversation_id: str
    ) -> ImportedConversation:
        """Refer to an existing conversation by id; nothing is created or read."""
        return ImportedConversation(scope, id, conversation_id)


class ImportedConversation(Construct):
    """A conversation created elsewhere, known by its id. Creates no resource."""

    @keyword_hints("Conversation.from_conversation_id")
    def __init__(self, scope: Construct, id: str, conversation_id: str) -> None:
        declare_imported(self, "Conversation.from_conversation_id", scope, id,
                         "conversation_id", conversation_id)
        self._conversation_id = conversation_id

    @property
    def conversation_id(self) -> str:
        return self._conversation_id


def as_item(intake: Intake, attribute: str, value: Any) -> dict[str, Any]:
    """One seed message as the provider's item: ``{"type": "message", "role", "content"}``
    (plus ``phase`` when given), text as written."""
    if isinstance(value, str) or (is_resolvable_object(value) and not isinstance(value, Mapping)):
        return {"type": "message", "role": "user", "content": value}
    plain = rendered(value)
    if not isinstance(plain, Mapping):
        intake.fail(attribute, f"expects a string, a values.Message or a dict, got "
                    f"{describe(plain)}")
    for key in _NOT_IN_ITEMS:
        if plain.get(key):
            intake.fail(
                f"{attribute}.{key}",
                f"a conversation item cannot hold {key} (the provider's items are text "
                "messages); "
                + ("put the files in a VectorStore and give the file_search tool its id"
                   if key == "attachments" else "set metadata on the Conversation"),
            )
    out: dict[str, Any] = {"type": "message", "role": "user"}
    out.update({k: v for k, v in plain.items() if v is not None and k not in _NOT_IN_ITEMS})
    return out


def as_items(intake: Intake, attribute: str, values: Any) -> Any:
    """The ``items`` parameter in the provider's form, order kept; a reference to a whole
    list passes unchanged."""
    values = items(intake, attribute, values, "item")
    if is_unresolved(values) or not isinstance(values, list):
        return values
    return [as_item(intake, f"{attribute}[{i}]", v) for i, v in enumerate(values)]


__all__ = [
    "Conversation",
    "IConversation",
    "ImportedConversation",
    "ItemInput",
    "ItemRole",
    "MAX_ITEMS",
]
