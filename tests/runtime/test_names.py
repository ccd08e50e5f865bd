"""Terraform names checked at construction (``_runtime/names.py``).

The names are cdktf's own: every case first checks that the Python computation gives exactly
the ``friendly_unique_id`` cdktf gives a plain ``TerraformResource`` at the same path, so the
collisions and refusals below are the ones cdktf would have produced silently (a merged
resource, an output gone) or ``terraform validate`` would have reported much later.
"""

from __future__ import annotations

import json
import random
import re
import sys
from typing import Any

import pytest

from openai_constructs import Assistant, ConstructIdError
from openai_constructs._runtime import cdk, names
from openai_constructs._runtime.cdk import Construct, TerraformOutput, TerraformStack
from openai_constructs.cdk import App
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.data_openai_beta_assistant import DataOpenaiBetaAssistant
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.patterns import AssistantWithThreads, ChatKitSessions


@pytest.fixture
def stack() -> TerraformStack:
    return TerraformStack(cdk.Testing.app(), "test")


def document(stack: TerraformStack) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(cdk.Testing.synth(stack))
    return parsed


def cdktf_name(stack: TerraformStack, path: list[str]) -> str:
    """What cdktf names a plain ``TerraformResource`` at ``path`` below ``stack``."""
    scope: Any = stack
    for component in path[:-1]:
        scope = scope.node.try_find_child(names.sanitize_id(component)) or Construct(
            scope, component)
    element = cdk.TerraformResource(scope, path[-1], terraform_resource_type="null_resource")
    return str(element.friendly_unique_id)


IDS = ["a", "a.b", "ab", "a b", "a\x00b", "ü", "日本", "1abc", "-x", "Resource", "Default",
       "x/y", "x\ny", "a-b", "a_b", "Helper", "HelperResource", "r" * 260, "é" * 3 + "z"]


def test_the_names_are_cdktfs_own() -> None:
    generator = random.Random(11)
    paths = [[i] for i in IDS if i != "Default"]
    for _ in range(150):
        paths.append([generator.choice(IDS) for _ in range(generator.randint(2, 4))])
    for index, path in enumerate(paths):
        if all(c == "Default" for c in path):
            continue
        stack = TerraformStack(cdk.Testing.app(), f"s{index}")
        expected = cdktf_name(stack, path)
        components = [names.sanitize_id(c) for c in path]
        assert names.logical_id(components) == expected, path


@pytest.mark.parametrize("first,second", [("a.b", "ab"), ("ab", "a b"), ("a\x00b", "ab"),
                                          ("a.b", "a b")])
def test_ids_that_sanitise_alike_collide(stack: TerraformStack, first: str, second: str) -> None:
    BetaAssistant(stack, first, model="gpt-4o")
    children = len(stack.node.children)
    with pytest.raises(ConstructIdError) as caught:
        BetaAssistant(stack, second, model="gpt-4o")
    message = str(caught.value)
    assert message.startswith(f"BetaAssistant {'test/' + second!r}: its Terraform resource "
                              "name (of openai_beta_assistant) 'ab' is already the name of "
                              f"{'test/' + first!r}")
    assert "merged into one" in message and "override_logical_id" in message
    assert len(stack.node.children) == children  # nothing reached node
    assert list(document(stack)["resource"]["openai_beta_assistant"]) == ["ab"]


def test_a_hidden_default_scope_collides_like_cdktf_says(stack: TerraformStack) -> None:
    BetaAssistant(stack, "helper", model="gpt-4o")
    inner = Construct(stack, "Default")
    with pytest.raises(ConstructIdError, match=r"'test/Default/helper'.*'test/helper'"):
        BetaAssistant(inner, "helper", model="gpt-4o")


def test_namespaces_are_terraforms(stack: TerraformStack) -> None:
    """A resource, another type's resource and a data source may share a name."""
    BetaAssistant(stack, "same", model="gpt-4o")
    BetaThread(stack, "s.ame")
    DataOpenaiBetaAssistant(stack, "sa me", assistant_id="asst_1")
    parsed = document(stack)
    assert list(parsed["resource"]["openai_beta_assistant"]) == ["same"]
    assert list(parsed["resource"]["openai_beta_thread"]) == ["same"]
    assert list(parsed["data"]["openai_beta_assistant"]) == ["same"]
    with pytest.raises(ConstructIdError, match="data source name"):
        DataOpenaiBetaAssistant(stack, "same.", assistant_id="asst_1")


@pytest.mark.parametrize("id,problem", [
    ("1abc", "it starts with a digit"),
    ("-x", "it starts with -"),
    ("ü", "nothing is left once cdktf drops"),
    ("日本", "nothing is left once cdktf drops"),
    ("Default", "leaves the id 'Default' out"),
])
def test_ids_terraform_refuses_are_refused(stack: TerraformStack, id: str, problem: str) -> None:
    with pytest.raises(ConstructIdError) as caught:
        BetaAssistant(stack, id, model="gpt-4o")
    message = str(caught.value)
    assert message.startswith(f"BetaAssistant 'test/{id}': ")
    assert problem in message
    assert names.TERRAFORM_RULE in message
    assert stack.node.try_find_child(id) is None


def test_an_l2_id_that_would_start_every_name_with_a_digit(stack: TerraformStack) -> None:
    with pytest.raises(ConstructIdError, match=r"Assistant 'test/1st': the id '1st' starts the "
                                               "Terraform name of every resource inside it"):
        Assistant(stack, "1st", model="gpt-4o")
    assert stack.node.try_find_child("1st") is None


def test_l2_ids_are_the_names_of_their_resources(stack: TerraformStack) -> None:
    """An L2 construct's resource has the id ``Default``, which cdktf leaves out: the L2 id
    is the resource's name, with the same collisions and refusals.
    """
    Assistant(stack, "ab", model="gpt-4o")
    with pytest.raises(ConstructIdError) as caught:
        Assistant(stack, "a.b", model="gpt-4o")
    message = str(caught.value)
    assert "Assistant 'test/a.b': " in message  # the paths the user wrote, not .../Default
    assert "'ab' is already the name of 'test/ab';" in message
    assert "from the id 'a.b' by dropping every character" in message
    assert stack.node.try_find_child("a.b") is None  # removed again, nothing half-built
    with pytest.raises(ConstructIdError, match="the id 'ü' gives the Terraform resource name "
                                               "\\(of openai_beta_assistant\\) '', which "
                                               "Terraform refuses: nothing is left"):
        Assistant(stack, "ü", model="gpt-4o")
    assert stack.node.try_find_child("ü") is None
    inner = Construct(stack, "group")
    Assistant(inner, "ab", model="gpt-4o")  # nested: a hash of the path makes it unique
    assert len(document(stack)["resource"]["openai_beta_assistant"]) == 2


def test_override_logical_id_is_checked(stack: TerraformStack) -> None:
    first = BetaAssistant(stack, "first", model="gpt-4o")
    second = BetaAssistant(stack, "second", model="gpt-4o")
    with pytest.raises(ConstructIdError, match=r"'test/second'.*'first' is already the name of "
                                               r"'test/first'"):
        second.override_logical_id("first")
    with pytest.raises(ConstructIdError, match="characters other than letters"):
        second.override_logical_id("has.dot")
    first.override_logical_id("renamed")
    second.override_logical_id("first")  # free now
    with pytest.raises(ConstructIdError, match="'renamed' is already the name of 'test/first'"):
        BetaAssistant(stack, "renamed", model="gpt-4o")
    with pytest.raises(ConstructIdError, match="'first' is already the name of 'test/second'"):
        first.reset_override_logical_id()  # back to "first", which second holds now
    parsed = document(stack)["resource"]["openai_beta_assistant"]
    assert sorted(parsed) == ["first", "renamed"]


def test_a_stack_with_its_own_naming_is_left_alone() -> None:
    class Named(TerraformStack):
        def _allocate_logical_id(self, element: Any) -> str:
            return "fixed_" + str(element.node.id).replace(".", "_")

    stack = Named(cdk.Testing.app(), "named")
    BetaAssistant(stack, "a.b", model="gpt-4o")
    BetaAssistant(stack, "ab", model="gpt-4o")
    assert sorted(document(stack)["resource"]["openai_beta_assistant"]) == ["fixed_a_b",
                                                                             "fixed_ab"]


# ---------------------------------------------------------------------------------------
# Pattern outputs
# ---------------------------------------------------------------------------------------


def test_threads_whose_output_names_collide_are_refused(stack: TerraformStack) -> None:
    with pytest.raises(ConstructIdError) as caught:
        AssistantWithThreads(stack, "p", assistant={"model": "gpt-4o"},
                             threads={"a-b": ["hi"], "a_b": ["hello"]})
    message = str(caught.value)
    assert "'test/p/Outputs/a_b_thread_id'" in message
    assert "'p_a_b_thread_id' would also be the name of 'test/p/Outputs/a-b_thread_id'" in message
    assert stack.node.try_find_child("p") is None  # refused before anything was created

    pattern = AssistantWithThreads(stack, "q", assistant={"model": "gpt-4o"},
                                   threads={"a-b": ["hi"]})
    with pytest.raises(ConstructIdError, match="'q_a_b_thread_id' is already the name of "
                                               "'test/q/Outputs/a-b_thread_id'"):
        pattern.add_thread("a_b", ["hello"])
    assert list(pattern.threads) == ["a-b"]


def test_two_patterns_whose_prefixes_collide(stack: TerraformStack) -> None:
    AssistantWithThreads(stack, "x-y", assistant={"model": "gpt-4o"}, threads={"t": ["hi"]})
    with pytest.raises(ConstructIdError) as caught:
        AssistantWithThreads(stack, "x_y", assistant={"model": "gpt-4o"}, threads={"t": ["hi"]})
    assert ("'x_y_assistant_id' is already the name of 'test/x-y/Outputs/assistant_id'"
            in str(caught.value))
    assert "output_prefix" in str(caught.value)
    AssistantWithThreads(stack, "x_y", assistant={"model": "gpt-4o"}, threads={"t": ["hi"]},
                         output_prefix="other")
    outputs = document(stack)["output"]
    assert {"x_y_assistant_id", "x_y_t_thread_id", "other_assistant_id",
            "other_t_thread_id"} <= set(outputs)


def test_chatkit_sessions_with_one_prefix(stack: TerraformStack) -> None:
    ChatKitSessions(stack, "a", workflow_id="wf_1", users=["alice"], output_prefix="chat")
    with pytest.raises(ConstructIdError) as caught:
        ChatKitSessions(stack, "b", workflow_id="wf_1", users=["alice"], output_prefix="chat")
    message = str(caught.value)
    assert message.startswith("ChatKitSessions 'test/b/Outputs/alice_session_id': its Terraform "
                              "output name 'chat_alice_session_id' is already the name of "
                              "'test/a/Outputs/alice_session_id'")
    assert "its own output_prefix" in message
    assert stack.node.try_find_child("b") is None
    ChatKitSessions(stack, "b", workflow_id="wf_1", users=["alice"], output_prefix="chat2")
    outputs = document(stack)["output"]
    assert {"chat_alice_client_secret", "chat2_alice_client_secret"} <= set(outputs)


def test_a_pattern_output_and_a_pattern_resource_do_not_clash(stack: TerraformStack) -> None:
    """Outputs and resources are different namespaces."""
    AssistantWithThreads(stack, "p", assistant={"model": "gpt-4o"})
    TerraformOutput(stack, "unrelated", value="x")
    assert "p_assistant_id" in document(stack)["output"]


# ---------------------------------------------------------------------------------------
# At synth: cdktf's own classes
# ---------------------------------------------------------------------------------------


def synth_app(tmp_path: Any, build: Any) -> tuple[Any, Any]:
    outdir = tmp_path / "cdktf.out"
    app = App(outdir=str(outdir))
    stack = TerraformStack(app, "test")
    build(stack)
    return app, outdir


def test_cdktf_elements_are_checked_at_synth_before_anything_is_written(tmp_path: Any) -> None:
    def build(stack: TerraformStack) -> None:
        OpenaiProvider(stack, "openai")
        AssistantWithThreads(stack, "p", assistant={"model": "gpt-4o"})
        TerraformOutput(stack, "p_assistant_id", value="mine")

    app, outdir = synth_app(tmp_path, build)
    with pytest.raises(ConstructIdError) as caught:
        app.synth()
    assert str(caught.value).startswith(
        "TerraformOutput 'test/p_assistant_id': its Terraform output name 'p_assistant_id' is "
        "already the name of 'test/p/Outputs/assistant_id'")
    assert not (outdir / "stacks" / "test").exists()


@pytest.mark.parametrize("make,message", [
    (lambda s, i: cdk.TerraformVariable(s, i, type="string"),
     "its Terraform variable name 'ab' is already the name of 'test/a.b'"),
    (lambda s, i: cdk.TerraformResource(s, i, terraform_resource_type="null_resource"),
     "resource name (of null_resource) 'ab' is already the name of 'test/a.b'"),
    (lambda s, i: sys.modules[cdk.runtime_name()].TerraformLocal(s, i, "x"),
     "its Terraform local name 'ab' is already the name of 'test/a.b'"),
])
def test_cdktf_elements_that_collide(tmp_path: Any, make: Any, message: str) -> None:
    def build(stack: TerraformStack) -> None:
        make(stack, "a.b")
        make(stack, "ab")

    app, _outdir = synth_app(tmp_path, build)
    with pytest.raises(ConstructIdError, match=re.escape(message)):
        app.synth()


@pytest.mark.parametrize("id,message", [
    ("count", "the variable name 'count' is reserved by Terraform"),
    ("9lives", "which Terraform refuses: it starts with a digit"),
])
def test_cdktf_variables_terraform_refuses(tmp_path: Any, id: str, message: str) -> None:
    app, _outdir = synth_app(tmp_path, lambda s: cdk.TerraformVariable(s, id, type="string"))
    with pytest.raises(ConstructIdError, match=re.escape(message)):
        app.synth()


def test_distinct_cdktf_elements_synthesize(tmp_path: Any) -> None:
    def build(stack: TerraformStack) -> None:
        OpenaiProvider(stack, "openai")
        ChatKitSessions(stack, "chat", workflow_id="wf_1", users=["alice"])
        cdk.TerraformVariable(stack, "ab", type="string")
        TerraformOutput(stack, "a.b", value="same name, other namespace")
        BetaAssistant(stack, "a b", model="gpt-4o")

    app, outdir = synth_app(tmp_path, build)
    app.synth()
    parsed = json.loads((outdir / "stacks/test/cdk.tf.json").read_text())
    assert "ab" in parsed["variable"] and "ab" in parsed["output"]
    assert "chat_alice_client_secret" in parsed["output"]
