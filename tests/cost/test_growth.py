"""Cost that grows with N, caught without a clock.

Every scenario below declares N objects (or synthesizes a stack of N) and is counted at a
base size and two sizes: node round trips (jsii kernel requests) and Python work (calls of
Python functions). Both counts are deterministic, so the cost per object beyond the base,
``(count(N) - count(BASE)) / (N - BASE)``, must not grow from N = ``SMALL`` to ``LARGE``:
a pattern that asks node about every object declared before it (a quadratic pattern) makes
the second figure larger than the first. Times live in ``bench/``.

Adding a construct (files, vector stores, conversations, ``Retire.of``, ...) is one entry of
``SCENARIOS``: a name and a function ``(stack, n) -> None`` that declares ``n`` of it, e.g.::

    "VectorStore": lambda stack, n: [VectorStore(stack, f"v{i}", name=f"v{i}") for i in range(n)],

A scenario measuring a step after construction (synth, the names check, a pass over what
exists) is marked ``@step``: it declares ``n`` objects and returns the step, and only the
step is counted.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import Any, TypeVar

import pytest

from openai_constructs import (
    Assistant,
    AssistantWithThreads,
    ChatKitSession,
    ChatKitSessions,
    Message,
    Metadata,
    Retire,
    Run,
    Thread,
    ThreadSpec,
)
from openai_constructs._runtime import cdk
from openai_constructs.conversations import Conversation
from openai_constructs.files import File
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.patterns import ResponsesMigration
from openai_constructs.vector_stores import VectorStore

from .counting import Counts, counting

BASE, SMALL, LARGE = 1, 3, 9
# Node round trips must not differ at all. Python calls get 1 % and, in all, 300 calls of
# headroom: what ran before in the process (another test's caches, jsii proxies already made)
# moves a measurement by a hundred calls or so, which matters for steps that cost a few calls
# per object (synth), and nothing next to a pattern asking about every object before it.
CALLS_TOLERANCE = 0.01
CALLS_SLACK = 300

Scenario = Callable[[Any, int], "Callable[[], Any] | None"]


def _assistant(scope: Any, id: str) -> Assistant:
    return Assistant(scope, id, model="gpt-4o", name=id, instructions="Answer briefly.",
                     metadata={"team": "cost"}, tools=[{"type": "code_interpreter"}],
                     temperature=0.5)


def _l2_pairs(stack: Any, n: int) -> None:
    for i in range(n):
        a = _assistant(stack, f"a{i}")
        Thread(stack, f"t{i}", messages=["hello"], metadata={"assistant": a.assistant_id})


def _l1_pairs(stack: Any, n: int) -> None:
    for i in range(n):
        a = BetaAssistant(stack, f"a{i}", model="gpt-4o", name=f"a{i}",
                          metadata={"team": "cost"}, tools=[{"type": "code_interpreter"}])
        BetaThread(stack, f"t{i}", metadata={"assistant": a.id})


def _messages_and_runs(stack: Any, n: int) -> None:
    """Per object: a message and a run, all on one thread (each waits for the one before)."""
    assistant = _assistant(stack, "a")
    thread = Thread(stack, "t")
    for i in range(n):
        thread.add_message(f"message {i}")
        thread.run(assistant, instructions="Be brief.")


def _messages_and_runs_by_class(stack: Any, n: int) -> None:
    """Per object: a thread with a ``Message`` and a ``Run`` of its own."""
    assistant = _assistant(stack, "a")
    for i in range(n):
        thread = Thread(stack, f"t{i}")
        Message(stack, f"m{i}", thread=thread, content=f"message {i}")
        Run(stack, f"r{i}", thread=thread, assistant=assistant)


def _sessions(stack: Any, n: int) -> None:
    for i in range(n):
        ChatKitSession(stack, f"s{i}", workflow_id="wf_1", user=f"user-{i}",
                       state_variables={"plan": "pro"})


def _importers(stack: Any, n: int) -> None:
    for i in range(n):
        Assistant.from_assistant_id(stack, f"ia{i}", f"asst_{i}")
        Thread.from_thread_id(stack, f"it{i}", f"thread_{i}")
        Assistant.from_lookup(stack, f"la{i}", assistant_id=f"asst_{i}")
        Thread.from_lookup(stack, f"lt{i}", thread_id=f"thread_{i}")
        File.from_file_id(stack, f"if{i}", f"file-{i}")
        VectorStore.from_vector_store_id(stack, f"iv{i}", f"vs_{i}")
        Conversation.from_conversation_id(stack, f"ic{i}", f"conv_{i}")


def _changes(stack: Any, n: int) -> None:
    for i in range(n):
        assistant = _assistant(stack, f"a{i}")
        assistant.add_tool({"type": "file_search"})
        assistant.add_metadata("index", str(i))


def _pattern(stack: Any, n: int) -> None:
    AssistantWithThreads(
        stack, "Support", assistant={"model": "gpt-4o"}, run_threads=True,
        threads={f"t{i}": ["hello", "what can you do?", "thanks"] for i in range(n)},
    )


def _pattern_add_thread(stack: Any, n: int) -> None:
    pattern = AssistantWithThreads(stack, "Support", assistant={"model": "gpt-4o"})
    for i in range(n):
        pattern.add_thread(f"t{i}", ["hello"])
        pattern.add_thread(f"r{i}", ThreadSpec(messages=["hello"], run=True))


def _pattern_sessions(stack: Any, n: int) -> None:
    ChatKitSessions(stack, "Sessions", workflow_id="wf_1",
                    users={f"u{i}": f"user-{i}" for i in range(n)},
                    state_variables={"plan": "pro"})


def _metadata_before(stack: Any, n: int) -> None:
    """``Metadata.of`` on the stack first: every object declared after picks it up."""
    Metadata.of(stack).add("team", "cost")
    _l2_pairs(stack, n)


_F = TypeVar("_F", bound=Callable[..., Any])


def step(scenario: _F) -> _F:
    """Mark a scenario that returns the step to count (what it declares is not counted)."""
    scenario.counts_step = True  # type: ignore[attr-defined]
    return scenario


@step
def _metadata_after(stack: Any, n: int) -> Callable[[], None]:
    """``Metadata.of`` on the stack once N objects exist: one pass over them."""
    _l2_pairs(stack, n)
    return lambda: Metadata.of(stack).add("team", "cost")


def _metadata_each(stack: Any, n: int) -> None:
    """``Metadata.of`` on each object: the cost of one must not depend on the others."""
    for i in range(n):
        Metadata.of(_assistant(stack, f"a{i}")).add("index", str(i))


def _successors(stack: Any, n: int) -> None:
    """Per object: a file, a vector store holding it, a conversation seeded with messages."""
    for i in range(n):
        file = File(stack, f"f{i}", content=f"document {i}", purpose="assistants")
        VectorStore(stack, f"v{i}", name=f"store-{i}", files=[file], metadata={"i": str(i)})
        Conversation(stack, f"c{i}", items=["hello", f"question {i}"], metadata={"i": str(i)})


@step
def _retire(stack: Any, n: int) -> Callable[[], None]:
    """``Retire.of(stack).forget()`` once N assistants and threads exist."""
    _l2_pairs(stack, n)
    return lambda: Retire.of(stack).forget()


@step
def _migration(stack: Any, n: int) -> Callable[[], Any]:
    """``ResponsesMigration`` over N assistants with an inline store and N seeded threads."""
    for i in range(n):
        Assistant(stack, f"a{i}", model="gpt-4o", tools=[{"type": "file_search"}],
                  tool_resources={"file_search": {"vector_stores": [{"file_ids": [f"f{i}"]}]}})
        Thread(stack, f"t{i}", messages=["hello", f"question {i}"])
    return lambda: ResponsesMigration(stack, "Migration")


@step
def _kit_synth(stack: Any, n: int) -> Callable[[], Any]:
    from openai_constructs.testing.document import synth

    _pattern(stack, n)
    return lambda: synth(stack)


@step
def _testing_synth(stack: Any, n: int) -> Callable[[], Any]:
    _l2_pairs(stack, n)
    return lambda: cdk.Testing.synth(stack)


def _app_synth(stack: Any, n: int, **options: Any) -> Callable[[], Any]:
    """``App.synth()`` (what ``cdktf synth`` runs): the names check, the secrets check, the
    files written; in an app of its own (the given stack is not used)."""
    from openai_constructs.cdk import App

    outdir = tempfile.mkdtemp(prefix="oc-cost-")
    app = App(outdir=outdir, **options)
    own = cdk.TerraformStack(app, "cost")
    OpenaiProvider(own, "openai")
    _pattern(own, n)
    return app.synth


def _app_synth_user_outputs(stack: Any, n: int) -> Callable[[], Any]:
    """``App.synth()`` of N pairs with the user's own outputs and variables (cdktf's classes,
    which the names and rewrites checks ask node about)."""
    from openai_constructs.cdk import App

    app = App(outdir=tempfile.mkdtemp(prefix="oc-cost-"))
    own = cdk.TerraformStack(app, "cost")
    OpenaiProvider(own, "openai")
    for i in range(n):
        a = BetaAssistant(own, f"a{i}", model="gpt-4o")
        cdk.TerraformOutput(own, f"o{i}", value=a.id)
        cdk.TerraformVariable(own, f"v{i}", type="string", default=f"d{i}")
    return app.synth


SCENARIOS: dict[str, Scenario] = {
    "L1 BetaAssistant + BetaThread": _l1_pairs,
    "Assistant + Thread": _l2_pairs,
    "Thread.add_message + Thread.run": _messages_and_runs,
    "Message + Run": _messages_and_runs_by_class,
    "ChatKitSession": _sessions,
    "from_*_id (all five kinds), from_lookup": _importers,
    "add_tool + add_metadata": _changes,
    "AssistantWithThreads": _pattern,
    "AssistantWithThreads.add_thread": _pattern_add_thread,
    "ChatKitSessions": _pattern_sessions,
    "File + VectorStore + Conversation": _successors,
    "Retire.of(...).forget()": _retire,
    "ResponsesMigration": _migration,
    "Metadata.of before": _metadata_before,
    "Metadata.of after": _metadata_after,
    "Metadata.of each": _metadata_each,
    "testing kit synth + names check": _kit_synth,
    "Testing.synth": _testing_synth,
    "App.synth + names check": step(_app_synth),
    "App.synth (HCL)": step(lambda stack, n: _app_synth(stack, n, hcl_output=True)),
    "App.synth with the user's outputs and variables": step(_app_synth_user_outputs),
}


def measure(scenario: Scenario, n: int, app: Any) -> Counts:
    """The counts of ``scenario`` at size ``n``, in a fresh stack of ``app``."""
    stack = cdk.TerraformStack(app, f"cost{n}-{len(app.node.children)}")
    OpenaiProvider(stack, "openai")
    if getattr(scenario, "counts_step", False):
        counted = scenario(stack, n)
        assert counted is not None
        with counting() as counts:
            counted()
        return counts
    with counting() as counts:
        scenario(stack, n)
    return counts


def least(scenario: Scenario, n: int, app: Any) -> Counts:
    """The smaller counts of two runs of ``scenario`` at size ``n``. Work done once whatever
    the size lands in one of the two, and what every object costs is in both: after a test
    that ran a ``Run`` with an int ``temperature`` in the same process, the first count of
    the message-and-run scenario held one-off dispatch work of jsii's cattrs converter
    (``dispatch_without_caching``), which made the calls per object look higher at N = 9 than
    at N = 3 (the base count is subtracted)."""
    first, second = measure(scenario, n, app), measure(scenario, n, app)
    return Counts(min(first.requests, second.requests), min(first.calls, second.calls))


def per_object(scenario: Scenario) -> dict[str, tuple[float, float]]:
    """Requests and calls per object beyond ``BASE``, at ``SMALL`` and at ``LARGE``."""
    app = cdk.Testing.app()
    measure(scenario, BASE, app)  # warm: imports, per-class caches, jsii assemblies loaded
    base, small, large = (least(scenario, n, app) for n in (BASE, SMALL, LARGE))
    return {
        "requests": ((small.requests - base.requests) / (SMALL - BASE),
                     (large.requests - base.requests) / (LARGE - BASE)),
        "calls": ((small.calls - base.calls) / (SMALL - BASE),
                  (large.calls - base.calls) / (LARGE - BASE)),
    }


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_cost_per_object_does_not_grow_with_n(name: str) -> None:
    found = per_object(SCENARIOS[name])
    requests_small, requests_large = found["requests"]
    calls_small, calls_large = found["calls"]
    report = (f"{name}: node round trips per object {requests_small:.2f} at N={SMALL}, "
              f"{requests_large:.2f} at N={LARGE}; Python calls per object {calls_small:.1f} "
              f"at N={SMALL}, {calls_large:.1f} at N={LARGE}")
    assert requests_large <= requests_small, report
    slack = CALLS_SLACK / (LARGE - BASE)
    assert calls_large <= abs(calls_small) * (1 + CALLS_TOLERANCE) + slack, report
