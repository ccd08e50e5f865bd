"""Type notices: one synth-time warning per stack for elements of some Terraform types.

The runtime knows nothing about which types deserve a notice or why: the package registers a
:class:`TypeNotice` (the types, the message, how it is acknowledged) and the L1 base class
calls :func:`note` for every element it creates. The first noted element of a stack carries
one cdktf aspect; at synth that aspect adds a single warning annotation to the stack (the
metadata entry ``Annotations.of(stack).add_warning`` writes), naming
every noted type of the stack, unless the notice is acknowledged. cdktf shows warning
annotations at ``cdktf synth`` and lists them in ``manifest.json``.

Why an aspect on one leaf element and not on the stack: an aspect visits every construct
below the node it is added to, one node-to-Python callback each; on a leaf it runs once per
stack. Finding a construct's stack through node (``TerraformStack.of``) costs about a
millisecond a call, so the stack is found in Python: a stack scope is itself, this package's
L2 constructs remember their scope (:func:`remember_scope`), and other scopes are asked once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import cdk

__all__ = ["TypeNotice", "drop_pending", "emit_pending", "note", "register", "remember_scope"]


@dataclass(frozen=True)
class TypeNotice:
    """A warning for stacks that declare any of ``types`` (Terraform type -> address label).

    ``message`` gets the labels of the types a stack declares (sorted); ``acknowledged`` gets
    the stack at synth and returns True when the user has silenced the notice.
    """

    key: str
    types: Mapping[str, str]
    message: Callable[[Sequence[str]], str]
    acknowledged: Callable[[Any], bool]
    category: type[Warning] | None = None
    """Also issue the message as a Python warning of this category (``None``: only the
    annotation), so a user who runs ``python main.py`` without the CLI sees it too."""


WARNING_ENTRY_TYPE = "@cdktf/warn"
"""The metadata type of a warning annotation (``AnnotationMetadataEntryType.WARN`` in node;
jsii's Python enum only carries the member name). Both runtimes use it: a test compares it
with what ``Annotations.add_warning`` records."""

_BY_TYPE: dict[str, TypeNotice] = {}
_SCOPE_ATTR = "_oc_scope"
_STACK_ATTR = "_oc_stack"
_SEEN_ATTR = "_oc_type_notices"


def register(notice: TypeNotice) -> None:
    """Make ``note`` report elements of ``notice.types`` (re-registering a key replaces it)."""
    for type_name, existing in list(_BY_TYPE.items()):
        if existing.key == notice.key:
            del _BY_TYPE[type_name]
    for type_name in notice.types:
        _BY_TYPE[type_name] = notice


def remember_scope(obj: Any, scope: Any) -> None:
    """Record ``obj``'s scope in Python, so elements created below it find their stack cheaply."""
    obj.__dict__[_SCOPE_ATTR] = scope


def note(element: Any, scope: Any, type_name: str) -> None:
    """Called for every L1 element created: a dictionary lookup unless its type has a notice."""
    notice = _BY_TYPE.get(type_name)
    if notice is None:
        return
    stack = _stack_of(scope)
    seen: dict[str, _StackNotice] = stack.__dict__.setdefault(_SEEN_ATTR, {})
    pending = seen.get(notice.key)
    if pending is None:
        pending = seen[notice.key] = _StackNotice(notice, stack)
        _aspects().of(element).add(_aspect(pending))
    pending.labels.add(notice.types[type_name])


def _stack_of(scope: Any) -> Any:
    chain = []
    node = scope
    while not isinstance(node, cdk.TerraformStack):
        known = node.__dict__.get(_STACK_ATTR)
        if known is not None:
            node = known
            break
        chain.append(node)
        parent = node.__dict__.get(_SCOPE_ATTR)
        node = parent if parent is not None else cdk.TerraformStack.of(node)
    for visited in chain:
        visited.__dict__[_STACK_ATTR] = node
    return node


class _StackNotice:
    """What one stack has noted for one notice; warns once, at the first synth."""

    def __init__(self, notice: TypeNotice, stack: Any) -> None:
        self.notice = notice
        self.stack = stack
        self.labels: set[str] = set()
        self.done = False

    def visit(self) -> None:
        if self.done:
            return
        self.done = True
        if self.notice.acknowledged(self.stack):
            return
        # What ``Annotations.of(stack).add_warning`` records, without the stack trace: taken
        # inside jsii's kernel it names temporary paths only, and would make manifest.json
        # differ from one synth to the next.
        message = self.notice.message(sorted(self.labels))
        self.stack.node.add_metadata(WARNING_ENTRY_TYPE, message, stack_trace=False)
        if self.notice.category is not None:
            # Issued by ``App.synth()`` once node is done (:func:`emit_pending`): a warning
            # raised here, inside node's callback (``-W error``), would come back as a
            # JavaScript error.
            _PENDING.append((message, self.notice.category))


_PENDING: list[tuple[str, type[Warning]]] = []


def drop_pending() -> None:
    """Forget Python warnings noted by synths that did not issue them (``Testing.synth``)."""
    _PENDING.clear()


def emit_pending() -> None:
    """Issue the Python warnings of the notices the last synth noted, attributed to the
    user's line that called ``App.synth()``; ``App.synth()`` calls it after node's synth."""
    import warnings

    pending = list(_PENDING)
    _PENDING.clear()
    level = _user_frame()
    for message, category in pending:
        warnings.warn(message, category, stacklevel=level)


def _user_frame() -> int:
    """The ``stacklevel`` of the first frame outside this package and jsii (the user's
    ``app.synth()`` or ``Testing.synth(stack)`` line)."""
    import sys

    frame = sys._getframe(2)  # the caller of emit_pending (level 2 for warnings.warn)
    level = 2
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if not (name.startswith(("openai_constructs", "jsii", "cdktf", "cdktn"))):
            return level
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return 1


def _runtime_member(name: str) -> Any:
    import sys

    return getattr(sys.modules[cdk.runtime_name()], name)


def _aspects() -> Any:
    return _runtime_member("Aspects")


_aspect_class: Any = None


def _aspect(pending: _StackNotice) -> Any:
    """A cdktf ``IAspect`` that fires ``pending`` (the class is made once the runtime is bound)."""
    global _aspect_class
    if _aspect_class is None:
        import jsii

        @jsii.implements(_runtime_member("IAspect"))
        class _NoticeAspect:
            def __init__(self, target: _StackNotice) -> None:
                self._target = target

            def visit(self, node: Any) -> None:
                self._target.visit()

        _aspect_class = _NoticeAspect
    return _aspect_class(pending)
