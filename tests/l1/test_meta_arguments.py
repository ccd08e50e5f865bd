"""Every cdktf meta-argument reaches the document, on resources and data sources alike."""

from __future__ import annotations

from typing import Any

from openai_constructs._runtime.cdk import (
    LocalExecProvisioner,
    SSHProvisionerConnection,
    TerraformCount,
    TerraformResourceLifecycle,
    TerraformStack,
)
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.data_openai_beta_assistant import DataOpenaiBetaAssistant
from openai_constructs.l1.provider import OpenaiProvider
from tests.conftest import synth


def _resource(document: dict[str, Any], name: str) -> dict[str, Any]:
    value: dict[str, Any] = document["resource"]["openai_beta_assistant"][name]
    return value


def test_count_depends_on_lifecycle_provider(stack: TerraformStack) -> None:
    eu = OpenaiProvider(stack, "eu", alias="eu")
    first = BetaAssistant(stack, "first", model="gpt-4o")
    BetaAssistant(
        stack,
        "second",
        model="gpt-4o",
        count=2,
        depends_on=[first],
        lifecycle=TerraformResourceLifecycle(prevent_destroy=True, ignore_changes=["name"]),
        provider=eu,
    )
    second = _resource(synth(stack), "second")
    assert second["count"] == 2
    assert second["depends_on"] == ["openai_beta_assistant.first"]
    assert second["lifecycle"] == {"ignore_changes": ["name"], "prevent_destroy": True}
    assert second["provider"] == "openai.eu"


def test_count_object_and_lifecycle_dict(stack: TerraformStack) -> None:
    BetaAssistant(stack, "x", model="gpt-4o", count=TerraformCount.of(3),
                  lifecycle={"create_before_destroy": True})
    resource = _resource(synth(stack), "x")
    assert resource["count"] == 3
    assert resource["lifecycle"] == {"create_before_destroy": True}


def test_for_each(stack: TerraformStack) -> None:
    from openai_constructs.cdk import TerraformIterator  # the bound runtime's (cdktf or cdktn)

    iterator = TerraformIterator.from_list(["a", "b"])
    BetaAssistant(stack, "x", model="gpt-4o", for_each=iterator, name=iterator.value)
    resource = _resource(synth(stack), "x")
    assert resource["for_each"] == '${toset(["a", "b"])}'
    assert resource["name"] == "${each.value}"


def test_connection_and_provisioners(stack: TerraformStack) -> None:
    BetaAssistant(
        stack,
        "x",
        model="gpt-4o",
        connection=SSHProvisionerConnection(host="127.0.0.1", type="ssh"),
        provisioners=[LocalExecProvisioner(type="local-exec", command="echo created")],
    )
    resource = _resource(synth(stack), "x")
    assert resource["connection"] == {"host": "127.0.0.1", "type": "ssh"}
    assert resource["provisioner"] == [{"local-exec": {"command": "echo created"}}]


def test_meta_arguments_on_data_sources(stack: TerraformStack) -> None:
    eu = OpenaiProvider(stack, "eu", alias="eu")
    first = BetaAssistant(stack, "first", model="gpt-4o")
    DataOpenaiBetaAssistant(stack, "lookup", assistant_id=first.id, provider=eu,
                            depends_on=[first], count=1)
    data = synth(stack)["data"]["openai_beta_assistant"]["lookup"]
    assert data["provider"] == "openai.eu"
    assert data["depends_on"] == ["openai_beta_assistant.first"]
    assert data["count"] == 1
    assert data["assistant_id"] == "${openai_beta_assistant.first.id}"


def test_add_override_follows_cdktf_merge_rules(stack: TerraformStack) -> None:
    assistant = BetaAssistant(stack, "x", model="gpt-4o", metadata={"a": "1"},
                              tools=[{"type": "code_interpreter"}])
    assistant.add_override("metadata.a", "2")
    # cdktf deep-merges overrides and appends to lists; to replace a list, reset it first.
    assistant.add_override("tools", [{"type": "file_search"}])
    replaced = BetaAssistant(stack, "y", model="gpt-4o", tools=[{"type": "code_interpreter"}])
    replaced.reset_tools()
    replaced.add_override("tools", [{"type": "file_search"}])
    document = synth(stack)
    resource = _resource(document, "x")
    assert resource["metadata"] == {"a": "2"}
    assert resource["tools"] == [{"type": "code_interpreter"}, {"type": "file_search"}]
    assert _resource(document, "y")["tools"] == [{"type": "file_search"}]


def test_generate_config_for_import_and_import_from(stack: TerraformStack) -> None:
    BetaAssistant.generate_config_for_import(stack, "imported", "asst_123")
    assistant = BetaAssistant(stack, "existing", model="gpt-4o")
    assistant.import_from("asst_456")
    document = synth(stack)
    imports = sorted(document["import"], key=lambda block: block["id"])
    assert imports[0] == {"id": "asst_123", "to": "openai_beta_assistant.imported"}
    assert imports[1] == {"id": "asst_456", "to": "openai_beta_assistant.existing"}
