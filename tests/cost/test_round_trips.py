"""The happy path asks node only what it must: an L2 construct costs the creation of itself
and of its resource, as the two-object floor does (bench ``bare2``). The checks that used
to ask node first (an id a sibling already uses) now ask only when a call fails, and their
error still comes first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from openai_constructs import (
    Assistant,
    AssistantWithThreads,
    ChatKitSession,
    ChatKitSessions,
    ConstructIdError,
    Metadata,
    Thread,
)
from openai_constructs._runtime.cdk import (
    Construct,
    TerraformOutput,
    TerraformResource,
    TerraformStack,
    Testing,
)
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.provider import OpenaiProvider

from .counting import counting

CREATES: dict[str, tuple[Callable[[Any, str], Any], int]] = {
    # name -> (declaration with an id, node requests: the jsii objects it creates, no more)
    "Assistant": (lambda s, id: Assistant(s, id, model="gpt-4o", name="n", metadata={"k": "v"},
                                          tools=[{"type": "code_interpreter"}]), 2),
    "Thread": (lambda s, id: Thread(s, id, messages=["hello"], metadata={"k": "v"}), 2),
    "ChatKitSession": (lambda s, id: ChatKitSession(s, id, workflow_id="wf_1", user="u"), 2),
    "Assistant.from_assistant_id": (
        lambda s, id: Assistant.from_assistant_id(s, id, "asst_1"), 1),
    "Thread.from_lookup": (lambda s, id: Thread.from_lookup(s, id, thread_id="thread_1"), 2),
}


@pytest.mark.parametrize("tagged", [False, True], ids=["", "under-Metadata.of"])
@pytest.mark.parametrize("name", list(CREATES))
def test_a_construct_asks_node_only_to_create_its_objects(name: str, tagged: bool) -> None:
    """The second of a kind in a stack (the first pays once per stack: the retired-API
    notice's aspect); under a ``Metadata.of`` operation too (the ancestors of a construct
    of this package are known in Python)."""
    declare, expected = CREATES[name]
    stack = TerraformStack(Testing.app(), "test")
    if tagged:
        Metadata.of(stack).add("team", "cost")
    declare(stack, "first")
    with counting(profile=False) as counts:
        declare(stack, "second")
    assert counts.requests == expected, dict(counts.kinds)
    assert set(counts.kinds) == {"CreateRequest"}, dict(counts.kinds)


def _l1_pair(stack: Any, i: int) -> None:
    a = BetaAssistant(stack, f"a{i}", model="gpt-4o", name=f"assistant-{i}",
                      metadata={"team": "bench"}, tools=[{"type": "code_interpreter"}])
    BetaThread(stack, f"t{i}", metadata={"assistant": a.id})


def _l2_pair(stack: Any, i: int) -> None:
    a = Assistant(stack, f"a{i}", model="gpt-4o", name=f"assistant-{i}",
                  metadata={"team": "bench"}, tools=[{"type": "code_interpreter"}])
    Thread(stack, f"t{i}", metadata={"assistant": a.assistant_id})


@pytest.mark.parametrize(("declare", "expected"), [(_l1_pair, 3), (_l2_pair, 5)],
                         ids=["L1", "L2"])
def test_the_bench_pair_costs_the_documented_round_trips(
    declare: Callable[[Any, int], None], expected: int
) -> None:
    """``docs/performance.md``: 2 creates and the ``.id`` reference in L1, plus the two
    wrapping constructs in L2."""
    stack = TerraformStack(Testing.app(), "test")
    OpenaiProvider(stack, "openai")
    declare(stack, 0)
    with counting(profile=False) as counts:
        declare(stack, 1)
    assert counts.requests == expected, dict(counts.kinds)


def _bare_pair(stack: Any, i: int) -> None:
    TerraformResource(stack, f"a{i}", terraform_resource_type="openai_beta_assistant")
    TerraformResource(stack, f"t{i}", terraform_resource_type="openai_beta_thread")


def _bare2_pair(stack: Any, i: int) -> None:
    for id, kind in ((f"a{i}", "openai_beta_assistant"), (f"t{i}", "openai_beta_thread")):
        TerraformResource(Construct(stack, id), "Resource", terraform_resource_type=kind)


@pytest.mark.parametrize(("declare", "floor"), [(_l1_pair, _bare_pair), (_l2_pair, _bare2_pair)],
                         ids=["L1-vs-bare", "L2-vs-bare2"])
def test_a_pair_costs_less_python_work_than_its_floor(
    declare: Callable[[Any, int], None], floor: Callable[[Any, int], None]
) -> None:
    """``docs/performance.md``: the bench's pair, with its attributes checked and encoded,
    calls fewer Python functions than the floor's attribute-less pair through the runtime's
    own constructors (which check every argument with typeguard)."""
    calls = []
    for make in (declare, floor):
        stack = TerraformStack(Testing.app(), "test")
        OpenaiProvider(stack, "openai")
        make(stack, 0)
        with counting() as counts:
            make(stack, 1)
        calls.append(counts.calls)
    assert calls[0] < calls[1], calls


def test_metadata_of_asks_node_the_same_whatever_is_below() -> None:
    """``Metadata.of(scope).add`` over N objects: one ``find_all`` and the scope's path, then
    only Python work per object: the same requests for 2 objects as for 8."""
    found = []
    for n in (2, 8):
        stack = TerraformStack(Testing.app(), "test")
        for i in range(n):
            CREATES["Assistant"][0](stack, f"a{i}")
        with counting(profile=False) as counts:
            Metadata.of(stack).add("team", "cost")
        found.append(dict(counts.kinds))
    assert found[0] == found[1]
    assert sum(found[0].values()) <= 4, found


TAKEN: dict[str, tuple[Callable[[Any], Any], str]] = {
    # name -> (a second declaration with the id "x", wrong in another way too), owner
    "Assistant": (lambda s: Assistant(s, "x", model="m", temperature=9), "Assistant"),
    "Thread": (lambda s: Thread(s, "x", messages=[42]), "Thread"),  # type: ignore[list-item]
    "ChatKitSession": (lambda s: ChatKitSession(s, "x", workflow_id="", user="u"),
                       "ChatKitSession"),
    "Assistant.from_assistant_id": (lambda s: Assistant.from_assistant_id(s, "x", ""),
                                    "Assistant.from_assistant_id"),
    "Thread.from_lookup": (lambda s: Thread.from_lookup(s, "x", thread_id=""),
                           "Thread.from_lookup"),
    "AssistantWithThreads": (
        lambda s: AssistantWithThreads(s, "x", assistant={"model": "m"}, threads={"9": []}),
        "AssistantWithThreads"),
    "ChatKitSessions": (lambda s: ChatKitSessions(s, "x", workflow_id="w", users=[]),
                        "ChatKitSessions"),
}


@pytest.mark.parametrize("wrong", [True, False], ids=["also-wrong", "otherwise-right"])
@pytest.mark.parametrize("name", list(TAKEN))
def test_a_taken_id_is_the_error_reported(name: str, wrong: bool) -> None:
    """Otherwise right: node refuses the duplicate and it is reported in the same words;
    also wrong: the taken id is still reported, not the other mistake."""
    declare, owner = TAKEN[name]
    stack = TerraformStack(Testing.app(), "test")
    first = Thread(stack, "x")
    if not wrong:
        right: dict[str, Callable[[Any], Any]] = {
            "Assistant": lambda s: Assistant(s, "x", model="m"),
            "Thread": lambda s: Thread(s, "x"),
            "ChatKitSession": lambda s: ChatKitSession(s, "x", workflow_id="w", user="u"),
            "Assistant.from_assistant_id": lambda s: Assistant.from_assistant_id(s, "x", "a"),
            "Thread.from_lookup": lambda s: Thread.from_lookup(s, "x", thread_id="t"),
            "AssistantWithThreads": lambda s: AssistantWithThreads(
                s, "x", assistant={"model": "m"}, threads={"a": ["hi"]}),
            "ChatKitSessions": lambda s: ChatKitSessions(s, "x", workflow_id="w", users=["u"]),
        }
        declare = right[name]
    with pytest.raises(ConstructIdError) as raised:
        declare(stack)
    assert str(raised.value) == (
        f"{owner} 'test/x': the id 'x' is already used by a sibling; construct ids must be "
        "unique within their scope"
    )
    assert stack.node.try_find_child("x") is first
    assert [c.node.id for c in stack.node.children] == ["x"]


def _app_with_plain_outputs(n: int) -> Any:
    import tempfile

    from openai_constructs.cdk import App

    app = App(outdir=tempfile.mkdtemp(prefix="oc-cost-"))
    stack = TerraformStack(app, "test")
    OpenaiProvider(stack, "openai")
    assistant = BetaAssistant(stack, "a", model="gpt-4o")
    for i in range(n):  # the user's own outputs: cdktf's class, not the package's
        TerraformOutput(stack, f"o{i}", value=assistant.id)
    return app


def test_app_synth_asks_node_the_same_whatever_the_number_of_plain_outputs() -> None:
    """``App.synth()``'s names check reads the path and Terraform name of every element the
    package did not create in one request per stack (it asked for each: three round trips a
    ``TerraformOutput``)."""
    found = []
    for n in (2, 8):
        app = _app_with_plain_outputs(n)
        with counting(profile=False) as counts:
            app.synth()
        found.append(counts.requests)
    assert found[0] == found[1], found
