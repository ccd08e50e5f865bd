"""``AssistantWithThreads``: one assistant, named conversations with it, and their ids as
Terraform outputs.
"""

from __future__ import annotations

import difflib
import inspect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypedDict

from .._l2.base import add_violation, atomic, construct_path, new_violations, raise_for
from .._l2.intake import Intake, check_id, hinted, items, keyword_hints
from .._l2.iteration import collection_iterator, iteration_of
from .._l2.rules import PATTERN_RESERVED_NAMES, rule
from .._runtime import names
from .._runtime.cdk import (
    Construct,
    ITerraformIterator,
    TerraformCount,
    TerraformOutput,
    TerraformProvider,
    TerraformResourceLifecycle,
    TerraformVariable,
)
from .._runtime.terraform_types import describe
from ..assistants import Assistant, IAssistant
from ..runs import Run, RunOptions, assistant_of, check_run_options
from ..threads import MessageInput, Thread
from ..validation import ValidationError, Violations
from ..values.tool_resources import ToolResources

_RESERVED = PATTERN_RESERVED_NAMES
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")


class _AssistantRequired(TypedDict):
    model: str


class AssistantOptions(_AssistantRequired, total=False):
    """The keyword arguments of ``Assistant`` (``model`` required), for a pattern's own
    assistant; a misspelled option is a mypy error and an ``AttributeTypeError``."""

    name: str | None
    description: str | None
    instructions: str | None
    tools: Sequence[Any]
    tool_resources: Mapping[str, Any] | ToolResources | None
    response_format: Any
    temperature: float | None
    top_p: float | None
    reasoning_effort: str | None
    metadata: Mapping[str, str] | None
    for_each: ITerraformIterator | None
    count: int | float | TerraformCount | None
    provider: TerraformProvider | None
    depends_on: Sequence[Any] | None
    lifecycle: TerraformResourceLifecycle | Mapping[str, Any] | None


@hinted
@dataclass(frozen=True)
class ThreadSpec:
    """One named thread of the pattern.

    :param messages: Seed messages (strings are user messages).
    :param run: Run the assistant on the thread once seeded. ``None`` uses the pattern's
        ``run_threads``.
    :param run_options: ``Run`` options for this thread (merged over the pattern's).
    :param metadata: Metadata of the thread.
    """

    messages: Sequence[MessageInput] = ()
    run: bool | None = None
    run_options: RunOptions = field(default_factory=lambda: RunOptions())
    metadata: Mapping[str, str] | None = None

    def __post_init__(self) -> None:
        intake = Intake("ThreadSpec", None)
        object.__setattr__(
            self, "messages", tuple(items(intake, "messages", self.messages, "message"))
        )
        check_run_options(intake, "run_options", self.run_options)


class AssistantWithThreads(Construct):
    """An assistant and any number of named threads, each seeded and optionally run.

    Outputs ``<prefix>_assistant_id``, ``<prefix>_<name>_thread_id`` and, for threads that
    run, ``<prefix>_<name>_run_id``. Customise without subclassing: ``assistant`` takes the
    ``Assistant`` options (or an existing assistant), ``on_thread`` sees every thread.
    """

    @keyword_hints("AssistantWithThreads")
    @atomic
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        assistant: AssistantOptions | IAssistant,
        threads: (
            Mapping[str, ThreadSpec | Sequence[MessageInput]]
            | ITerraformIterator
            | TerraformVariable
            | None
        ) = None,
        each_thread: ThreadSpec | Callable[[Any], ThreadSpec] | None = None,
        run_threads: bool = False,
        run_options: RunOptions | None = None,
        outputs: bool = True,
        output_prefix: str | None = None,
        on_thread: Callable[[str, Thread], None] | None = None,
    ) -> None:
        """Declare the assistant and its threads.

        :param assistant: Keyword arguments of ``Assistant`` (a new assistant, id
            ``Assistant``), or an assistant declared or imported elsewhere.
        :param threads: Name -> ``ThreadSpec`` or just its seed messages. Names: a letter,
            then up to 63 letters, digits, ``_`` or ``-``; they become construct ids and
            output names. Or a ``TerraformIterator`` / ``TerraformVariable`` (map, object, list
            or set type): one thread construct ``Threads`` with ``for_each``, one thread (and
            run) per entry, configured by ``each_thread``. Default: none (add some with
            ``add_thread``).
        :param each_thread: With ``threads`` from an iterator or variable: the ``ThreadSpec``
            of every thread, or a function of the iterator returning it, so the entry's
            ``key``/``value`` can be used in messages, metadata and run options.
            Default: an empty thread.
        :param run_threads: Whether threads run by default. Default: ``False``.
        :param run_options: ``Run`` options shared by every run. Default: none.
        :param outputs: Emit ``TerraformOutput`` s for the ids. Default: ``True``.
        :param output_prefix: Prefix of output names. Default: this construct's id.
        :param on_thread: Called with ``(name, thread)`` after each thread is declared and
            before it runs, e.g. to add messages or metadata (for threads from an iterator,
            once, with the iterator's key as the name).

        Outputs for threads from an iterator are maps by key: ``<prefix>_thread_ids`` and
        ``<prefix>_run_ids``.
        """
        intake = Intake("AssistantWithThreads", scope, id)
        check_id(intake, id)
        violations = new_violations()
        prefix = output_prefix if output_prefix is not None else id
        _check_name(violations, "output_prefix", prefix)
        raise_for(violations, scope, id)
        if isinstance(assistant, Mapping):
            _check_assistant_options(intake, assistant)
        else:
            assistant_of(intake, assistant)
        iterator = collection_iterator(construct_path(scope, id), "threads", threads)
        if iterator is not None:
            specs: dict[str, ThreadSpec] = {}
            if each_thread is not None and not (
                callable(each_thread) or isinstance(each_thread, ThreadSpec)
            ):
                intake.fail(
                    "each_thread",
                    "expects a ThreadSpec or a function of the iterator returning one, got "
                    f"{describe(each_thread)}",
                )
        else:
            if threads is not None and not isinstance(threads, Mapping):
                intake.fail(
                    "threads",
                    "expects a dict of name -> ThreadSpec (or seed messages), a "
                    f"TerraformIterator or a TerraformVariable, got {describe(threads)}",
                )
            specs = {name: _spec(intake, name, spec) for name, spec in (threads or {}).items()}
        check_run_options(intake, "run_options", run_options or {})
        if on_thread is not None and not callable(on_thread):
            intake.fail(
                "on_thread", f"expects a function (name, thread), got {describe(on_thread)}"
            )
        place = names.check_scope_id(type(self).__name__, scope, id)
        if outputs:  # every output name, free and distinct, before anything is created
            planned = [("Outputs/assistant_id", f"{_output_name(prefix)}_assistant_id")]
            for name, spec in specs.items():
                if isinstance(name, str) and _NAME.fullmatch(name):
                    runs = run_threads if spec.run is None else spec.run
                    planned += _thread_outputs(_output_name(prefix), name, runs)
            names.check_free(type(self).__name__, place, "output", planned, _OUTPUT_FIX)
        super().__init__(scope, id)
        names.remember(self, place)
        self._prefix = _output_name(prefix)
        self._run_threads = run_threads
        self._run_options: RunOptions = RunOptions(**(run_options or {}))
        self._on_thread = on_thread
        self._threads: dict[str, Thread] = {}
        self._runs: dict[str, Run] = {}
        # The ids of the outputs created so far, in order: what a failed add_thread removes
        # again (listing the scope's children would ask node about every output, each time).
        self._outputs_made: list[str] = []
        self._output_scope = Construct(self, "Outputs") if outputs else None
        if self._output_scope is not None:
            names.remember(self._output_scope, names.child_place(self, "Outputs"))
        if isinstance(assistant, Mapping):
            self._assistant: IAssistant = Assistant(self, "Assistant", **assistant)
        else:
            self._assistant = assistant
        if iteration_of(self._assistant).iterated:
            self._output("assistant_ids", self._assistant.assistant_ids)  # type: ignore[union-attr]
        else:
            self._output("assistant_id", self._assistant.assistant_id)
        self._each: Thread | None = None
        self._each_run: Run | None = None
        if iterator is not None:
            self._add_iterated(iterator, each_thread)
        for name, spec in specs.items():
            self.add_thread(name, spec)

    @property
    def assistant(self) -> IAssistant:
        return self._assistant

    @property
    def threads(self) -> dict[str, Thread]:
        """Threads by name (a copy), in declaration order."""
        return dict(self._threads)

    @property
    def runs(self) -> dict[str, Run]:
        """Runs by thread name (a copy), for the threads that run."""
        return dict(self._runs)

    @property
    def iterated_thread(self) -> Thread | None:
        """The thread construct with ``for_each`` when ``threads`` came from an iterator or a
        variable (``thread_ids`` gives the ids by key)."""
        return self._each

    @property
    def iterated_run(self) -> Run | None:
        """Its runs (one per thread instance), if the threads run."""
        return self._each_run

    def _add_iterated(self, iterator: Any, each: Any) -> None:
        spec = each(iterator) if callable(each) else each
        if spec is None:
            spec = ThreadSpec()
        thread = Thread(
            self, "Threads", messages=spec.messages, metadata=spec.metadata, for_each=iterator
        )
        self._each = thread
        self._output("thread_ids", thread.thread_ids)
        if self._on_thread is not None:
            self._on_thread(iterator.key, thread)
        should_run = self._run_threads if spec.run is None else spec.run
        if should_run:
            options = {**self._run_options, **spec.run_options}
            run = thread.run(self._assistant, id="Run", **options)
            self._each_run = run
            self._output("run_ids", run.run_ids)

    @keyword_hints("AssistantWithThreads.add_thread")
    def add_thread(self, name: str, spec: ThreadSpec | Sequence[MessageInput] = ()) -> Thread:
        """Declare one more named thread (seeded, customised, then run if asked). When it
        raises, nothing of the thread (its construct, its outputs) is left behind.
        """
        violations = Violations("")  # the path (a node round trip) only for a refusal
        _check_name(violations, f"threads[{name!r}]", name)
        if name in self._threads or name in _RESERVED:
            add_violation(violations, f"threads[{name!r}]", _UNIQUE, repr(name))
        if violations:
            raise ValidationError(str(self.node.path), list(violations))
        spec = _spec(Intake("AssistantWithThreads.add_thread", self), name, spec)
        outputs = self._output_scope
        should_run = self._run_threads if spec.run is None else spec.run
        if outputs is not None:
            names.check_free(type(self).__name__, names.place_of(self), "output",
                             _thread_outputs(self._prefix, name, should_run), _OUTPUT_FIX)
        made = len(self._outputs_made)  # outputs are tracked here: node is never asked
        try:
            thread = Thread(self, name, messages=spec.messages, metadata=spec.metadata)
            self._output(f"{name}_thread_id", thread.thread_id)
            if self._on_thread is not None:
                self._on_thread(name, thread)
            run = None
            if should_run:
                options = RunOptions(**{**self._run_options, **spec.run_options})
                run = thread.run(self._assistant, id="Run", **options)
                self._output(f"{name}_run_id", run.run_id)
        except BaseException:
            self.node.try_remove_child(name)
            if outputs is not None:
                for suffix in self._outputs_made[made:]:
                    outputs.node.try_remove_child(suffix)
            del self._outputs_made[made:]
            raise
        self._threads[name] = thread
        if run is not None:
            self._runs[name] = run
        return thread

    def _output(self, suffix: str, value: Any) -> None:
        if self._output_scope is None:
            return
        name = f"{self._prefix}_{_output_name(suffix)}"
        output = TerraformOutput(self._output_scope, suffix, value=value)
        self._outputs_made.append(suffix)
        output.override_logical_id(name)
        names.claim(names.child_place(self._output_scope, suffix), ("output", name))


_NAME_RULE = rule("pattern.name")
_UNIQUE = rule("pattern.unique_name")


def _thread_outputs(prefix: str, name: str, runs: bool) -> list[tuple[str, str]]:
    """(output construct path below the pattern, Terraform output name) of one thread."""
    suffixes = ("thread_id", "run_id") if runs else ("thread_id",)
    return [(f"Outputs/{name}_{suffix}", f"{prefix}_{_output_name(name)}_{suffix}")
            for suffix in suffixes]


_OUTPUT_FIX = (
    "outputs are named <output_prefix>_<thread name>_thread_id with - written as _: give the "
    "threads names that differ in more than - and _, and patterns in one stack different "
    "output_prefix values"
)


def _check_name(violations: Violations, attribute: str, name: Any) -> None:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        add_violation(violations, attribute, _NAME_RULE, repr(name))


def _spec(intake: Intake, name: Any, spec: Any) -> ThreadSpec:
    """A thread's entry of ``threads``: a ``ThreadSpec`` or its seed messages."""
    if isinstance(spec, ThreadSpec):
        return spec
    if isinstance(spec, (str, Mapping)) or not isinstance(spec, Iterable):
        intake.fail(
            f"threads[{name!r}]",
            f"expects a ThreadSpec or a list of seed messages, got {describe(spec)}"
            + (f"; write [{spec!r}] for one message" if isinstance(spec, str) else ""),
        )
    return ThreadSpec(messages=tuple(items(intake, f"threads[{name!r}]", spec, "message")))


_ASSISTANT_OPTIONS = tuple(
    p for p in inspect.signature(Assistant.__init__).parameters if p not in ("self", "scope", "id")
)


def _check_assistant_options(intake: Intake, options: Mapping[str, Any]) -> None:
    for key in options:
        if key not in _ASSISTANT_OPTIONS:
            close = difflib.get_close_matches(str(key), _ASSISTANT_OPTIONS, n=1)
            hint = (
                f"did you mean {close[0]!r}?" if close
                else f"options: {', '.join(_ASSISTANT_OPTIONS)}"
            )
            intake.fail("assistant", f"unknown Assistant option {key!r}; {hint}")
    if "model" not in options:
        intake.fail("assistant", "the Assistant options need a model ({'model': 'gpt-4o', ...})")


def _output_name(name: str) -> str:
    return name.replace("-", "_")


__all__ = ["AssistantOptions", "AssistantWithThreads", "ThreadSpec"]
