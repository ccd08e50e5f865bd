"""What a thread's messages and runs know of their thread, below the three of them.

``threads`` (the package: ``Thread``, ``Thread.add_message``, ``Thread.run``) imports its
children ``_messages`` and ``_runs``; a message and a run need the thread's interface, the
message intake and the ordering on a thread, which therefore live here, so that the parent
imports its children and nothing imports back up (the import graph of the package has no
cycle: tests/test_architecture.py). Each public name here is exported, with its public
``__module__``, by ``openai_constructs.threads``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

from .._l2.boundary import rendered
from .._l2.intake import Intake, check_id, construct_of, items
from .._l2.iteration import INHERITED, Iteration, instance_attribute, iteration_of, take_iteration
from .._l2.placement import Placement, following, take_placement
from .._public import public
from .._runtime.terraform_types import describe
from .._runtime.tokens import is_resolvable_object, is_unresolved
from ..validation import Violation, Violations
from ..values.attachments import Message as MessageValue

MessageInput = str | Mapping[str, Any] | MessageValue
"""A message to seed a thread with: a string (a user message), a ``values.Message`` or a
dict with ``content``, ``role``, ``attachments`` and ``metadata``."""


def as_message(
    value: MessageInput, intake: Intake | None = None, attribute: str = "messages[0]"
) -> dict[str, Any]:
    """The L1 form of a seed message, content as written (escaped when handed to L1)."""
    if isinstance(value, str) or (is_resolvable_object(value) and not isinstance(value, Mapping)):
        # Text, or a reference to text such as ``iterator.value``: a user message.
        return {"content": value, "role": "user"}
    plain = rendered(value)
    if not isinstance(plain, Mapping):
        intake = intake or Intake("Message", None)
        hint = ""
        if is_resolvable_object(plain) or is_unresolved(plain):
            hint = (
                "; to use a reference (an iterator's value, a variable) as the text, pass "
                "Token.as_string(value)"
            )
        intake.fail(
            attribute,
            f"expects a string, a values.Message or a dict, got {describe(plain)}{hint}",
        )
    out = {k: v for k, v in plain.items() if v is not None}
    out.setdefault("role", "user")
    attachments = out.get("attachments")
    if attachments is not None:
        if intake is not None:
            attachments = items(intake, f"{attribute}.attachments", attachments, "attachment")
        if not is_unresolved(attachments):
            out["attachments"] = [rendered(a) for a in attachments]
    return out


def as_messages(intake: Intake, attribute: str, values: Any) -> Any:
    """A list parameter of messages (``messages``, ``additional_messages``) in L1 form."""
    values = items(intake, attribute, values, "message")
    if is_unresolved(values) or not isinstance(values, list):
        return values
    return [as_message(m, intake, f"{attribute}[{i}]") for i, m in enumerate(values)]


def child_intake(
    owner: str, scope: Any, id: Any, thread: Any, provider: Any, depends_on: Any, lifecycle: Any
) -> tuple[Intake, IThread, Placement]:
    """The first checks of an object on a thread (``Message``, ``Run``), in the order their
    errors are reported: the id, the thread, then ``provider``/``depends_on``/``lifecycle``
    (the thread's provider unless one is given)."""
    intake = Intake(owner, scope, id)
    check_id(intake, id)
    thread = thread_of(intake, thread)
    return intake, thread, following(
        take_placement(intake, provider, depends_on, lifecycle), thread)


def thread_of(intake: Intake, value: Any) -> IThread:
    """The ``thread`` parameter: a thread construct, or a clear refusal."""
    thread: IThread = construct_of(
        intake, "thread", value, IThread, "a thread (IThread: Thread, an imported or a "
        "looked-up thread)",
        'to use a thread known by its id, pass Thread.from_thread_id(scope, "Id", '
        f"{value!r})",
    )
    return thread


@public("openai_constructs.threads")
@runtime_checkable
class IThread(Protocol):
    """Anything that names a thread: declared here, imported by id, or looked up."""

    @property
    def node(self) -> Any: ...

    @property
    def thread_id(self) -> str:
        """The thread id (``thread_...``), usually a reference."""
        ...


class ThreadSequence:
    """The last message or run created on a thread, so the next one can wait for it, and the
    messages added to it in order (for the Responses-era export)."""

    def __init__(self) -> None:
        self.last: Any = None
        self.messages: list[Any] = []  # the ``threads.Message`` constructs

    def depends_on(self) -> list[Any] | None:
        return [self.last] if self.last is not None else None


def sequence_of(thread: IThread) -> ThreadSequence:
    """The ordering state of a thread; threads from other libraries get one on first use."""
    seq = getattr(thread, "_openai_sequence", None)
    if seq is None:
        seq = ThreadSequence()
        thread._openai_sequence = seq  # type: ignore[attr-defined]
    return seq



def chained_to(
    violations: Violations, thread: IThread, for_each: Any, count: Any, intake: Any = None
) -> tuple[Iteration, str]:
    """The iteration of a message or run on ``thread`` and the thread id it refers to: on an
    iterated thread, its own thread instance (``openai_beta_thread.T[each.key].id``)."""
    of_thread = iteration_of(thread)
    if not of_thread.iterated:
        return take_iteration(violations, for_each, count, intake), thread.thread_id
    if for_each is not None or count is not None:
        attribute = "for_each" if for_each is not None else "count"
        violations.add(Violation(attribute, INHERITED, f"{attribute} given"))
    resource = thread.resource  # type: ignore[attr-defined]
    return of_thread, instance_attribute(resource, of_thread, of_thread.key(), "id")
