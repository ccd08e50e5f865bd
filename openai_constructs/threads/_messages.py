"""``Message``: a message added to a thread, after everything declared on that thread before it.

A child of ``threads``: the parent (``Thread.add_message``) imports it, and it knows its
thread only through ``_base`` (``IThread``, the message intake, the ordering on a thread).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._l2.base import (
    MetadataOwner,
    metadata_value,
    new_violations,
)
from .._l2.intake import items, keyword_hints
from .._l2.iteration import Iterated
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
from ..l1.beta_thread_message import BetaThreadMessage
from ..values.attachments import MessageRole
from ._base import IThread, as_message, chained_to, child_intake, sequence_of

_MESSAGE_NAMES = {"thread_id": "thread"}


@public("openai_constructs.threads")
class Message(MetadataOwner[BetaThreadMessage], Iterated):
    """A message added to a thread (``openai_beta_thread_message``), after everything
    declared on that thread before it.
    """

    @keyword_hints("Message")
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        thread: IThread,
        content: str,
        role: MessageRole = "user",
        attachments: Sequence[Any] = (),
        metadata: Mapping[str, str] | None = None,
        for_each: ITerraformIterator | None = None,
        count: int | float | TerraformCount | None = None,
        provider: TerraformProvider | None = None,
        depends_on: Sequence[Any] | None = None,
        lifecycle: TerraformResourceLifecycle | Mapping[str, Any] | None = None,
    ) -> None:
        """Declare a message.

        :param thread: The thread (declared, imported or looked up).
        :param content: The text, sent as written.
        :param role: ``user`` (default) or ``assistant``.
        :param attachments: Files and the tools they are for. Default: none.
        :param metadata: Up to 16 pairs, plus those from ``Metadata.of``.
        :param for_each: Several messages on a thread that is not iterated. On a thread with
            ``for_each``/``count`` leave it unset: there is one message per thread instance.
        :param count: As ``for_each``, a number of messages.
        :param provider: The provider configuration its objects go to (e.g. an aliased
            ``OpenaiProvider`` of another project). Default: the thread's provider.
        :param depends_on: Resources, data sources or constructs (an L2 construct stands for
            its resource, a pattern for all of its) created before its objects.
        :param lifecycle: ``TerraformResourceLifecycle`` (or a dict of its options) of its
            resource.
        """
        intake, thread, placement = child_intake(
            "Message", scope, id, thread, provider, depends_on, lifecycle)
        attachments = items(intake, "attachments", attachments, "attachment")
        metadata = metadata_value(intake, metadata)
        if not isinstance(content, str) and not is_unresolved(content):
            intake.fail("content", f"expects a string, got {describe(content)}")
        violations = new_violations()
        iteration, thread_id = chained_to(violations, thread, for_each, count, intake)
        message = as_message(
            {"content": content, "role": role, "attachments": attachments or None}, intake, ""
        )
        attributes = {**message, "thread_id": thread_id, "metadata": metadata}
        self._thread = thread
        sequence = sequence_of(thread)
        self._declare("Message", scope, id, BetaThreadMessage, attributes, violations, iteration,
                      placement, names=_MESSAGE_NAMES, after=sequence.depends_on())
        sequence.last = self._resource
        self._declared = {"content": content, "role": role,
                          "attachments": message.get("attachments"), "metadata": metadata}
        sequence.messages.append(self)

    @property
    def thread(self) -> IThread:
        return self._thread

    @property
    def message_id(self) -> str:
        return str(self._single("id"))

    @property
    def message_ids(self) -> Any:
        """Every instance's id: a map by key (``for_each``), a list (``count``)."""
        return self._every("id")

    @property
    def status(self) -> str:
        return str(self._single("status"))
