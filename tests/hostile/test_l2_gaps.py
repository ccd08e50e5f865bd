"""What a real multi-project app needs of the L2 constructs, judged by Terraform's own reading
of the configuration (``terraform show -json``: each resource's provider configuration key
and ``depends_on``), not by reading our JSON."""

from __future__ import annotations

from typing import Any

import pytest

import openai_constructs.cdk as oc_cdk
from openai_constructs import (
    Assistant,
    AttributeTypeError,
    ChatKitSession,
    ConstructIdError,
    Message,
    Thread,
    ValidationError,
)
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.provider import OpenaiProvider
from tests.hostile.terraform_eval import planned


def _stack() -> tuple[Any, Any, Any]:
    stack = oc_cdk.TerraformStack(oc_cdk.Testing.app(), "gaps")
    default = OpenaiProvider(stack, "openai")
    other = OpenaiProvider(stack, "other", alias="other")
    return stack, default, other


def _configuration(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["address"]: r for r in plan["configuration"]["root_module"]["resources"]}


def test_l2_constructs_take_a_provider_and_children_follow_their_thread(
    terraform_runner: Any,
) -> None:
    stack, _default, other = _stack()
    assistant = Assistant(stack, "A", model="gpt-4o", provider=other)
    declared = Thread(stack, "Declared", provider=other)
    declared.add_message("hi")
    declared.run(assistant)
    set_later = Thread(stack, "SetLater")
    set_later.resource.provider = other  # the L1 escape hatch, as a user would
    set_later.add_message("hello", id="M")
    Message(stack, "Outside", thread=set_later, content="x")
    ChatKitSession(stack, "C", workflow_id="wf_1", user="u", provider=other)
    Thread(stack, "Plain")  # no provider: the default configuration
    config = _configuration(planned(terraform_runner, stack))
    keys = {address: r.get("provider_config_key") for address, r in config.items()}
    assert keys.pop("openai_beta_thread.Plain") == "openai"
    assert set(keys.values()) == {"openai.other"}, keys
    assert len(keys) == 8


def test_an_l2_construct_in_depends_on_is_its_resource(terraform_runner: Any) -> None:
    stack, _default, _other = _stack()
    assistant = Assistant(stack, "A", model="gpt-4o")
    thread = Thread(stack, "T", depends_on=[assistant])
    BetaThread(stack, "L1", depends_on=[assistant, thread])
    Message(stack, "M", thread=thread, content="x", depends_on=[assistant])
    config = _configuration(planned(terraform_runner, stack))
    assert config["openai_beta_thread.T"]["depends_on"] == ["openai_beta_assistant.A"]
    assert config["openai_beta_thread.L1"]["depends_on"] == [
        "openai_beta_assistant.A", "openai_beta_thread.T"]
    # the message still waits for what came before it on its thread, and for the assistant
    assert config["openai_beta_thread_message.M"]["depends_on"] == ["openai_beta_assistant.A"]


def test_lifecycle_on_an_l2_construct(terraform_runner: Any) -> None:
    stack, _default, _other = _stack()
    Assistant(stack, "A", model="gpt-4o", lifecycle={"ignore_changes": ["metadata"]})
    Thread(stack, "T", lifecycle=oc_cdk.TerraformResourceLifecycle(create_before_destroy=True))
    document = __import__("json").loads(oc_cdk.Testing.synth(stack))
    assert document["resource"]["openai_beta_assistant"]["A"]["lifecycle"] == {
        "ignore_changes": ["metadata"]}
    assert document["resource"]["openai_beta_thread"]["T"]["lifecycle"] == {
        "create_before_destroy": True}
    planned(terraform_runner, stack)  # Terraform accepts both


@pytest.mark.parametrize("kwargs,match", [
    ({"provider": "openai.other"}, "provider: expects a TerraformProvider"),
    ({"depends_on": "openai_beta_assistant.A"}, "depends_on: expects a list"),
    ({"depends_on": ["openai_beta_assistant.A"]}, r"depends_on\[0\]: expects a resource"),
    ({"lifecycle": {"prevent_destroi": True}}, "lifecycle: .*prevent_destroi"),
    ({"lifecycle": True}, "lifecycle: expects a TerraformResourceLifecycle"),
])
def test_bad_placement_options_name_the_construct(kwargs: dict[str, Any], match: str) -> None:
    stack, _default, _other = _stack()
    with pytest.raises(AttributeTypeError, match=rf"Thread 'gaps/T': {match}"):
        Thread(stack, "T", **kwargs)
    assert stack.node.try_find_child("T") is None


def test_empty_workflow_id_or_user_is_refused() -> None:
    stack, _default, _other = _stack()
    for kwargs in ({"workflow_id": "", "user": "u"}, {"workflow_id": "wf", "user": ""}):
        with pytest.raises(ValidationError, match="a non-empty string"):
            ChatKitSession(stack, "C", **kwargs)
        assert stack.node.try_find_child("C") is None


def test_an_id_collision_names_the_paths_the_user_wrote() -> None:
    stack, _default, _other = _stack()
    Assistant(stack, "ab", model="gpt-4o")
    with pytest.raises(ConstructIdError) as caught:
        Assistant(stack, "a.b", model="gpt-4o")
    message = str(caught.value)
    assert message.startswith("Assistant 'gaps/a.b': ")
    assert "is already the name of 'gaps/ab';" in message
    assert "/Default" not in message


def test_openai_constructs_cdk_has_what_an_app_needs() -> None:
    runtime = __import__(oc_cdk.runtime_name())
    for name in ("TerraformLocal", "Aspects", "IAspect", "S3Backend", "LocalBackend",
                 "CloudBackend", "RemoteBackend", "GcsBackend", "TerraformBackend",
                 "NamedCloudWorkspace"):
        assert name in oc_cdk.__all__
        ours = getattr(oc_cdk, name)
        assert ours is getattr(runtime, name) or issubclass(ours, getattr(runtime, name))
    stack = oc_cdk.TerraformStack(oc_cdk.Testing.app(), "b")
    oc_cdk.LocalBackend(stack, path="state.tfstate")
    document = __import__("json").loads(oc_cdk.Testing.synth(stack))
    assert document["terraform"]["backend"] == {"local": {"path": "state.tfstate"}}


def test_node_add_dependency_becomes_depends_on(terraform_runner: Any, tmp_path: Any) -> None:
    """As the AWS CDK renders it: every element below the construct waits for every element
    below the dependency. The judge: Terraform's reading of the written document."""
    import json

    app = oc_cdk.App(outdir=str(tmp_path / "out"))
    stack = oc_cdk.TerraformStack(app, "deps")
    OpenaiProvider(stack, "openai")
    assistant = Assistant(stack, "A", model="gpt-4o")
    raw = BetaThread(stack, "Raw")
    thread = Thread(stack, "T")
    thread.add_message("hi", id="M")
    thread.node.add_dependency(assistant, raw)
    later = BetaThread(stack, "Later")  # created after the call: still below nothing
    later.node.add_dependency(raw)
    app.synth()
    document = json.loads((tmp_path / "out" / "stacks" / "deps" / "cdk.tf.json").read_text())
    config = _configuration(planned(terraform_runner, document))
    assert config["openai_beta_thread.T"]["depends_on"] == [
        "openai_beta_assistant.A", "openai_beta_thread.Raw"]
    message = next(a for a in config if a.startswith("openai_beta_thread_message.T_M_"))
    assert config[message]["depends_on"] == ["openai_beta_assistant.A", "openai_beta_thread.Raw"]
    assert config["openai_beta_thread.Later"]["depends_on"] == ["openai_beta_thread.Raw"]
    assert "depends_on" not in config["openai_beta_assistant.A"]
