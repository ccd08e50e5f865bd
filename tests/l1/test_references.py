"""Attribute getters return references that synthesize as Terraform expressions."""

from __future__ import annotations

import pytest

from openai_constructs._runtime.cdk import TerraformOutput, TerraformStack
from openai_constructs.errors import AttributeTypeError
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.beta_thread_run import BetaThreadRun
from openai_constructs.l1.data_openai_beta_assistants import DataOpenaiBetaAssistants
from openai_constructs.l1.data_openai_beta_thread_messages import DataOpenaiBetaThreadMessages
from openai_constructs.l1.provider import OpenaiProvider
from tests.conftest import synth


def test_resource_attribute_reference(stack: TerraformStack) -> None:
    assistant = BetaAssistant(stack, "x", model="gpt-4o")
    BetaThreadRun(stack, "run", thread_id="thread_1", assistant_id=assistant.id)
    run = synth(stack)["resource"]["openai_beta_thread_run"]["run"]
    assert run["assistant_id"] == "${openai_beta_assistant.x.id}"


def test_references_inside_maps_and_nested_values(stack: TerraformStack) -> None:
    assistant = BetaAssistant(stack, "x", model="gpt-4o")
    BetaThread(
        stack,
        "t",
        metadata={"assistant": assistant.id, "created": assistant.get_string_attribute("object")},
        messages=[{"role": "user", "content": assistant.name}],
    )
    thread = synth(stack)["resource"]["openai_beta_thread"]["t"]
    assert thread["metadata"] == {
        "assistant": "${openai_beta_assistant.x.id}",
        "created": "${openai_beta_assistant.x.object}",
    }
    assert thread["messages"] == [{"content": "${openai_beta_assistant.x.name}", "role": "user"}]


def test_nested_and_list_item_references_of_a_data_source(stack: TerraformStack) -> None:
    assistants = DataOpenaiBetaAssistants(stack, "x")
    messages = DataOpenaiBetaThreadMessages(stack, "m", thread_id="thread_1")
    TerraformOutput(stack, "fn", value=assistants.items.get(0).tools.get(1).function.name)
    TerraformOutput(stack, "files", value=assistants.items.get(2).tool_resources
                    .code_interpreter.file_ids)
    TerraformOutput(stack, "created", value=assistants.items.get(0).created_at)
    TerraformOutput(stack, "citation", value=messages.items.get(0).content.get(0).text
                    .annotations.get(3).file_citation.file_id)
    TerraformOutput(stack, "whole_list", value=assistants.items)
    outputs = synth(stack)["output"]
    assert outputs["fn"]["value"] == (
        "${data.openai_beta_assistants.x.items[0].tools[1].function.name}"
    )
    assert outputs["files"]["value"] == (
        "${data.openai_beta_assistants.x.items[2].tool_resources.code_interpreter.file_ids}"
    )
    assert outputs["created"]["value"] == "${data.openai_beta_assistants.x.items[0].created_at}"
    assert outputs["citation"]["value"] == (
        "${data.openai_beta_thread_messages.m.items[0].content[0].text.annotations[3]"
        ".file_citation.file_id}"
    )
    assert outputs["whole_list"]["value"] == "${data.openai_beta_assistants.x.items}"


def test_output_references_are_accepted_as_attribute_values(stack: TerraformStack) -> None:
    source = BetaAssistant(stack, "source", model="gpt-4o",
                           tool_resources={"code_interpreter": {"file_ids": ["f"]}})
    BetaAssistant(stack, "copy", model="gpt-4o", tool_resources=source.tool_resources)
    copy = synth(stack)["resource"]["openai_beta_assistant"]["copy"]
    assert copy["tool_resources"] == "${openai_beta_assistant.source.tool_resources}"


def test_list_index_must_be_a_natural_number(stack: TerraformStack) -> None:
    assistants = DataOpenaiBetaAssistants(stack, "x")
    with pytest.raises(AttributeTypeError, match="index must be a non-negative int"):
        assistants.items.get(-1)
    with pytest.raises(TypeError, match="reference"):
        list(assistants.items)


def test_one_element_of_a_list_token_is_refused_with_advice(stack: TerraformStack) -> None:
    assistant = BetaAssistant(stack, "x", model="gpt-4o")
    file_ids = assistant.tool_resources.code_interpreter.file_ids
    with pytest.raises(AttributeTypeError, match=r"Fn\.element"):
        BetaThread(stack, "t", metadata={"file": file_ids[0]})


def test_provider_alias_and_explicit_provider(stack: TerraformStack) -> None:
    OpenaiProvider(stack, "default")
    other = OpenaiProvider(stack, "eu", alias="eu", project="proj_eu")
    BetaAssistant(stack, "x", model="gpt-4o", provider=other)
    document = synth(stack)
    assert document["provider"]["openai"] == [{}, {"alias": "eu", "project": "proj_eu"}]
    assert document["resource"]["openai_beta_assistant"]["x"]["provider"] == "openai.eu"


def test_required_providers_can_be_overridden(stack: TerraformStack) -> None:
    OpenaiProvider(stack, "openai", source="example.com/acme/openai",
                   version_constraint=">= 0.0.2")
    required = synth(stack)["terraform"]["required_providers"]["openai"]
    assert required == {"source": "example.com/acme/openai", "version": ">= 0.0.2"}
