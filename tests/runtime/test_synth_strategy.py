"""The fast construction path of ``_runtime/creation.py`` produces what cdktf's own constructors do.

Generated resources and data sources are created with a shared config struct, ``isinstance``
checks instead of typeguard and memoised jsii override discovery (issue #3). Every test builds
the same app twice, once that way and once through cdktf's constructors
(``use_fast_paths(False)``), and compares the synthesized output, JSON and HCL.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from openai_constructs import AttributeTypeError
from openai_constructs._runtime import cdk, creation
from openai_constructs.l1.beta_assistant import BetaAssistant, BetaAssistantTools
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.beta_thread_message import BetaThreadMessage
from openai_constructs.l1.data_openai_beta_assistant import DataOpenaiBetaAssistant
from openai_constructs.l1.data_openai_beta_assistants import DataOpenaiBetaAssistants
from openai_constructs.l1.provider import OpenaiProvider

Build = Callable[[Any], list[Any]]


@pytest.fixture(autouse=True)
def _restore_fast_paths() -> Iterator[None]:
    yield
    creation.use_fast_paths(True)


def _runtime(name: str) -> Any:
    return getattr(sys.modules[cdk.runtime_name()], name)


def _both(build: Build) -> tuple[list[Any], list[Any]]:
    """Build with the fast path and with cdktf's constructors; return what ``build`` returns."""
    out = []
    for fast in (True, False):
        creation.use_fast_paths(fast)
        app = cdk.Testing.app()
        out.append(build(app))
    creation.use_fast_paths(True)
    return out[0], out[1]


def _documents(stacks: list[Any]) -> list[Any]:
    return [json.loads(cdk.Testing.synth(s)) for s in stacks]


def _everything(app: Any) -> list[Any]:
    """One stack using every meta-argument, overrides, moves and nested scopes."""
    stack = cdk.TerraformStack(app, "main")
    default = OpenaiProvider(stack, "openai")
    aliased = OpenaiProvider(stack, "eu", alias="eu", organization="org-eu")
    assistant = BetaAssistant(
        stack,
        "assistant",
        model="gpt-4o",
        name="helper",
        metadata={"team": "a", "env": "b"},
        tools=[BetaAssistantTools(type="code_interpreter")],
        temperature=0.5,
    )
    # Overrides win over attributes; a list override is appended by cdktf's deepMerge.
    assistant.add_override("name", "overridden")
    assistant.add_override("tools", [{"type": "file_search"}])
    assistant.add_override("metadata.extra", "x")
    counted = BetaThread(
        stack,
        "counted",
        metadata={"assistant": assistant.id},
        count=2,
        depends_on=[assistant],
        lifecycle={"create_before_destroy": True, "ignore_changes": ["metadata"]},
        provider=aliased,
    )
    iterator = _runtime("TerraformIterator").from_list(["a", "b"])
    BetaThread(stack, "each", for_each=iterator, metadata={"key": iterator.value})
    BetaThreadMessage(
        stack,
        "message",
        thread_id=counted.id,
        role="user",
        content="hello",
        provisioners=[{"type": "local-exec", "command": "echo hi"}],
        connection={"type": "ssh", "host": "example.com"},
    )
    nested = cdk.Construct(cdk.Construct(stack, "outer"), "inner")
    BetaAssistant(nested, "deep", model="gpt-4o").override_logical_id("renamed")
    old = BetaAssistant(stack, "old", model="gpt-4o")
    new = BetaAssistant(stack, "new", model="gpt-4o")
    new.add_move_target("target")
    old.move_to("target")
    DataOpenaiBetaAssistant(stack, "one", assistant_id=assistant.id, provider=default)
    DataOpenaiBetaAssistants(stack, "all", max_items=5, depends_on=[assistant])
    return [stack]


def _two_stacks(app: Any) -> list[Any]:
    """A reference across stacks (cdktf adds an output and a remote-state data source)."""
    first = cdk.TerraformStack(app, "first")
    OpenaiProvider(first, "openai")
    assistant = BetaAssistant(first, "assistant", model="gpt-4o")
    second = cdk.TerraformStack(app, "second")
    OpenaiProvider(second, "openai")
    BetaThread(second, "thread", metadata={"assistant": assistant.id})
    return [first, second]


@pytest.mark.parametrize("build", [_everything, _two_stacks], ids=["everything", "two-stacks"])
def test_json_matches_cdktf_constructors(build: Build) -> None:
    fast, plain = _both(build)
    assert _documents(fast) == _documents(plain)


def test_hcl_matches_cdktf_constructors() -> None:
    fast, plain = _both(_everything)
    assert cdk.Testing.synth_hcl(fast[0]) == cdk.Testing.synth_hcl(plain[0])


def test_to_terraform_matches() -> None:
    def build(app: Any) -> list[Any]:
        stack = cdk.TerraformStack(app, "s")
        resource = BetaAssistant(stack, "a", model="gpt-4o", count=3, name="n")
        resource.add_override("tools", [{"type": "file_search"}])
        data = DataOpenaiBetaAssistant(stack, "d", assistant_id="asst_1")
        return [resource.to_terraform(), data.to_terraform()]

    fast, plain = _both(build)
    assert fast == plain


def test_many_instances_share_one_config_but_not_meta_arguments() -> None:
    app = cdk.Testing.app()
    stack = cdk.TerraformStack(app, "s")
    BetaAssistant(stack, "plain1", model="m")
    BetaAssistant(stack, "plain2", model="m")
    BetaAssistant(stack, "counted", model="m", count=2)
    BetaAssistant(stack, "plain3", model="m")
    doc = json.loads(cdk.Testing.synth(stack))["resource"]["openai_beta_assistant"]
    assert "count" not in doc["plain1"] and "count" not in doc["plain3"]
    assert doc["counted"]["count"] == 2


def test_setters_after_construction_still_synthesize() -> None:
    def build(app: Any) -> list[Any]:
        stack = cdk.TerraformStack(app, "s")
        resource = BetaAssistant(stack, "a", model="gpt-4o", name="before")
        resource.name = "after"
        resource.put_tools([{"type": "code_interpreter"}])
        resource.reset_name()
        return [stack]

    fast, plain = _both(build)
    assert _documents(fast) == _documents(plain)


@pytest.mark.parametrize("fast", [True, False])
def test_bad_scope_or_id_is_a_type_error_on_both_paths(fast: bool) -> None:
    creation.use_fast_paths(fast)
    stack = cdk.TerraformStack(cdk.Testing.app(), "s")
    with pytest.raises(TypeError):
        BetaAssistant(stack, 42, model="gpt-4o")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        BetaAssistant("not a scope", "a", model="gpt-4o")  # type: ignore[arg-type]


def test_subclass_overrides_are_still_discovered() -> None:
    """A user subclass of a generated class gets its own (cached) override list."""

    class Tagged(BetaAssistant):
        def _synthesize_attributes(self) -> dict[str, Any]:
            return {**super()._synthesize_attributes(), "description": "from subclass"}

    stack = cdk.TerraformStack(cdk.Testing.app(), "s")
    BetaAssistant(stack, "plain", model="m")
    Tagged(stack, "tagged", model="m")
    Tagged(stack, "tagged2", model="m")
    doc = json.loads(cdk.Testing.synth(stack))["resource"]["openai_beta_assistant"]
    assert "description" not in doc["plain"]
    assert doc["tagged"]["description"] == doc["tagged2"]["description"] == "from subclass"


# ---------------------------------------------------------------------------------------
# L2 constructs: ``Construct`` created through ``creation.create_construct`` (same request to node,
# isinstance checks, memoised override discovery) must build the same tree and document.
# ---------------------------------------------------------------------------------------


def _l2_app(app: Any) -> list[Any]:
    from openai_constructs import Assistant, Metadata, Thread

    stack = cdk.TerraformStack(app, "l2")
    OpenaiProvider(stack, "openai")
    Metadata.of(stack).add("team", "platform")
    group = cdk.Construct(stack, "group")
    assistant = Assistant(
        group,
        "helper",
        model="gpt-4o",
        name="helper",
        instructions="Answer ${briefly}.",
        metadata={"env": "test"},
        tools=[{"type": "code_interpreter"}],
        temperature=0.5,
    )
    thread = Thread(
        stack, "thread", messages=["hi"], metadata={"assistant": assistant.assistant_id}
    )
    thread.add_message("more")
    thread.run(assistant)
    Metadata.of(group).add("scope", "group")
    assistant.add_metadata("late", "yes")
    assistant.resource.add_override("description", "set by override")
    paths = [str(c.node.path) for c in stack.node.find_all()]
    return [stack, paths]


def test_l2_document_and_tree_match_cdktf_constructors() -> None:
    fast, plain = _both(_l2_app)
    assert fast[1] == plain[1]
    assert _documents(fast[:1]) == _documents(plain[:1])
    assert cdk.Testing.synth_hcl(fast[0]) == cdk.Testing.synth_hcl(plain[0])


def test_l2_bad_scope_or_id_raises_the_same_error_on_both_paths() -> None:
    from openai_constructs import Assistant, Thread

    messages: dict[bool, list[str]] = {}
    for fast in (True, False):
        creation.use_fast_paths(fast)
        stack = cdk.TerraformStack(cdk.Testing.app(), "s")
        found = messages.setdefault(fast, [])
        for scope, id in ((stack, 42), ("not a scope", "a")):
            for kind in (Assistant, Thread):
                kwargs: dict[str, Any] = {"model": "gpt-4o"} if kind is Assistant else {}
                # checked before either path is taken: the same public error on both
                with pytest.raises(AttributeTypeError) as raised:
                    kind(scope, id, **kwargs)  # type: ignore[arg-type]
                found.append(f"{type(raised.value).__name__}: {raised.value}")
    assert messages[True] == messages[False]
    assert messages[True] == [
        "AttributeTypeError: Assistant 's': id: expects a string, got int 42",
        "AttributeTypeError: Thread 's': id: expects a string, got int 42",
        "ConstructTypeError: Assistant 'a': scope: expects a construct (a TerraformStack or a "
        "construct inside one), got str 'not a scope'",
        "ConstructTypeError: Thread 'a': scope: expects a construct (a TerraformStack or a "
        "construct inside one), got str 'not a scope'",
    ]


def test_l2_subclass_overrides_are_still_discovered() -> None:
    """A user subclass of an L2 overriding a jsii member: node calls the Python method."""
    import jsii

    from openai_constructs import Assistant

    class Named(Assistant):
        def to_string(self) -> str:
            return "named"

    stack = cdk.TerraformStack(cdk.Testing.app(), "s")
    plain = Assistant(stack, "plain", model="m")
    named = Named(stack, "named", model="m")
    named2 = Named(stack, "named2", model="m")
    assert jsii.invoke(plain, "toString", []) == "s/plain"
    assert jsii.invoke(named, "toString", []) == jsii.invoke(named2, "toString", []) == "named"


def test_synth_callback_errors_surface_the_same_on_both_paths() -> None:
    """Synth callbacks on our objects skip jsii's ``inspect.signature``; an exception raised
    by the Python method still reaches the caller the same way.
    """

    class Broken(BetaAssistant):
        def _synthesize_attributes(self) -> dict[str, Any]:
            raise ValueError("broken on purpose")

    messages = []
    for fast in (True, False):
        creation.use_fast_paths(fast)
        stack = cdk.TerraformStack(cdk.Testing.app(), "s")
        Broken(stack, "a", model="m")
        with pytest.raises(RuntimeError) as raised:
            cdk.Testing.synth(stack)
        messages.append(str(raised.value).splitlines()[0])
    assert messages[0] == messages[1]
    assert "broken on purpose" in messages[0]
