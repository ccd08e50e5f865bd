"""Behaviour of the L2 constructs beyond their limits: literal text, references, tools added
later, importers, ordering on a thread, escape hatches and the package's lazy imports.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from openai_constructs import (
    Assistant,
    ChatKitSession,
    IAssistant,
    IThread,
    Message,
    Run,
    Thread,
    ValidationError,
)
from openai_constructs._runtime.cdk import (
    TerraformOutput,
    TerraformStack,
    TerraformVariable,
    Token,
)
from openai_constructs.values import (
    Attachment,
    CodeInterpreterTool,
    FunctionTool,
    JsonObjectResponseFormat,
    LastMessagesTruncation,
    ReasoningEffort,
    ToolChoice,
)
from openai_constructs.values import Message as MessageValue
from tests.conftest import strip_metadata, synth


def resources(stack: TerraformStack, resource_type: str) -> dict[str, Any]:
    found: dict[str, Any] = synth(stack)["resource"][resource_type]
    return found


# -- free text is literal ---------------------------------------------------------------


def test_template_syntax_in_free_text_reaches_the_api_as_written(stack: TerraformStack) -> None:
    who = TerraformVariable(stack, "who", type="string")
    bot = Assistant(
        stack,
        "Bot",
        model="gpt-4o",
        name="Bot ${v}",
        description="Uses %{if x}",
        instructions=f"Greet ${{name}} for {who.string_value}.",
    )
    thread = Thread(stack, "T", messages=["Hi ${there}", MessageValue(content="%{x}")])
    thread.add_message("Order ${id}")
    thread.run(
        bot, instructions="Say ${x}", additional_instructions="%{y}", additional_messages=["${z}"]
    )
    document = synth(stack)["resource"]
    assistant = document["openai_beta_assistant"]["Bot"]
    # Each escape is an interpolated string literal (docs/safety.md says why).
    assert assistant["name"] == 'Bot ${"$"}{v}'
    assert assistant["description"] == 'Uses ${"%"}{if x}'
    assert assistant["instructions"] == 'Greet ${"$"}{name} for ${var.who}.'
    assert [m["content"] for m in document["openai_beta_thread"]["T"]["messages"]] == [
        'Hi ${"$"}{there}',
        '${"%"}{x}',
    ]
    (message,) = document["openai_beta_thread_message"].values()
    assert message["content"] == 'Order ${"$"}{id}'
    (run,) = document["openai_beta_thread_run"].values()
    assert run["instructions"] == 'Say ${"$"}{x}'
    assert run["additional_instructions"] == '${"%"}{y}'
    assert run["additional_messages"][0]["content"] == '${"$"}{z}'


def test_limits_count_the_text_as_written_not_the_escaped_text(stack: TerraformStack) -> None:
    Assistant(stack, "Bot", model="gpt-4o", name="${x}" * 64)  # 256 chars, 320 escaped


# -- references pass every check ----------------------------------------------------------


def test_references_pass_validation_untouched(stack: TerraformStack) -> None:
    text = TerraformVariable(stack, "text", type="string")
    number = TerraformVariable(stack, "number", type="number")
    names = TerraformVariable(stack, "names", type="list(string)")
    labels = TerraformVariable(stack, "labels", type="map(string)")
    bot = Assistant(
        stack,
        "Bot",
        model=text.string_value,
        name=text.string_value,
        temperature=number.number_value,
        top_p=number.number_value,
        reasoning_effort=text.string_value,
        tools=[{"type": "function", "function": {"name": text.string_value}}],
        tool_resources={"code_interpreter": {"file_ids": names.list_value}},
        metadata=Token.as_string_map(labels.value),
    )
    Run(
        stack,
        "R",
        thread=Thread(stack, "T", messages=[{"content": "x", "role": text.string_value}]),
        assistant=bot,
        truncation_strategy={"type": "last_messages", "last_messages": number.number_value},
        max_prompt_tokens=number.number_value,  # type: ignore[arg-type]
    )
    ChatKitSession(
        stack,
        "S",
        workflow_id=text.string_value,
        user=text.string_value,
        state_variables=Token.as_any_map(labels.value),
        expires_after_seconds=number.number_value,  # type: ignore[arg-type]
    )
    document = synth(stack)["resource"]
    assert document["openai_beta_assistant"]["Bot"]["temperature"] == "${var.number}"
    assert document["openai_beta_assistant"]["Bot"]["metadata"] == "${var.labels}"
    assert document["openai_beta_chatkit_session"]["S"]["workflow"]["state_variables"] == (
        "${var.labels}"
    )


# -- values helpers and changes after construction ----------------------------------------


def test_value_helpers_render_into_the_attributes(stack: TerraformStack) -> None:
    bot = Assistant(
        stack,
        "Bot",
        model="o3-mini",
        tools=[CodeInterpreterTool(file_ids=["file-1"])],
        response_format=JsonObjectResponseFormat(),
        reasoning_effort=ReasoningEffort.HIGH,
    )
    thread = Thread(stack, "T")
    thread.add_message("see file", attachments=[Attachment("file-2", ["code_interpreter"])])
    thread.run(
        bot, tool_choice=ToolChoice.required(), truncation_strategy=LastMessagesTruncation(3)
    )
    document = synth(stack)["resource"]
    assistant = document["openai_beta_assistant"]["Bot"]
    assert assistant["tools"] == [{"type": "code_interpreter"}]
    assert assistant["tool_resources"] == {"code_interpreter": {"file_ids": ["file-1"]}}
    assert assistant["response_format"] == '{"type":"json_object"}'
    assert assistant["reasoning_effort"] == "high"
    (message,) = document["openai_beta_thread_message"].values()
    assert message["attachments"] == [
        {"file_id": "file-2", "tools": [{"type": "code_interpreter"}]}
    ]
    (run,) = document["openai_beta_thread_run"].values()
    assert run["tool_choice"] == "required"
    assert run["truncation_strategy"] == {"type": "last_messages", "last_messages": 3}


def test_add_tool_appends_and_merges_resources(stack: TerraformStack) -> None:
    bot = Assistant(stack, "Bot", model="gpt-4o", tools=[FunctionTool(name="a")])
    assert bot.add_tool(CodeInterpreterTool(file_ids=["file-1"])) is bot
    bot.add_tool({"type": "file_search"})
    assert [t["type"] for t in resources(stack, "openai_beta_assistant")["Bot"]["tools"]] == [
        "function",
        "code_interpreter",
        "file_search",
    ]
    assert bot.resource.tool_resources_input == {"code_interpreter": {"file_ids": ["file-1"]}}
    assert len(bot.tools) == 3


def test_add_tool_is_checked_and_leaves_the_assistant_unchanged_on_failure(
    stack: TerraformStack,
) -> None:
    tools = [{"type": "function", "function": {"name": f"f{i}"}} for i in range(128)]
    bot = Assistant(stack, "Bot", model="gpt-4o", tools=tools)
    with pytest.raises(ValidationError, match=r"tools: at most 128 tools \(got 129\)"):
        bot.add_tool({"type": "code_interpreter"})
    with pytest.raises(ValidationError, match=r"tools\[128\].function.name"):
        Assistant(stack, "Other", model="gpt-4o").add_tool(
            *tools[:128], {"type": "function", "function": {"name": "no spaces"}}
        )
    assert len(bot.tools) == 128
    assert len(resources(stack, "openai_beta_assistant")["Bot"]["tools"]) == 128


# -- importers ----------------------------------------------------------------------------


def test_imported_objects_create_nothing_and_can_be_used(stack: TerraformStack) -> None:
    bot = Assistant.from_assistant_id(stack, "Bot", "asst_123")
    thread = Thread.from_thread_id(stack, "T", "thread_456")
    assert isinstance(bot, IAssistant) and isinstance(thread, IThread)
    assert (bot.assistant_id, thread.thread_id) == ("asst_123", "thread_456")
    thread.add_message("more", id="M")
    run_construct = thread.run(bot, id="R")
    document = synth(stack)
    assert set(document["resource"]) == {"openai_beta_thread_message", "openai_beta_thread_run"}
    run = document["resource"]["openai_beta_thread_run"][run_construct.resource.friendly_unique_id]
    assert (run["assistant_id"], run["thread_id"]) == ("asst_123", "thread_456")
    assert "data" not in document


def test_lookups_read_through_the_data_sources(stack: TerraformStack) -> None:
    by_id = Assistant.from_lookup(stack, "ById", assistant_id="asst_1")
    newest = Assistant.from_lookup(stack, "Newest", newest=True)
    thread = Thread.from_lookup(stack, "T", thread_id="thread_1")
    thread.run(newest, id="R")
    document = strip_metadata(synth(stack))
    name_of = {c: c.data_source.friendly_unique_id for c in (by_id, newest, thread)}
    assert name_of == {by_id: "ById", newest: "Newest", thread: "T"}
    assert all(c.node.default_child is c.data_source for c in (by_id, newest, thread))
    assert document["data"]["openai_beta_assistant"] == {
        name_of[by_id]: {"assistant_id": "asst_1"},
        name_of[newest]: {"find_one_by": {"order": "desc"}},
    }
    assert document["data"]["openai_beta_thread"] == {name_of[thread]: {"thread_id": "thread_1"}}
    (run,) = document["resource"]["openai_beta_thread_run"].values()
    assert run["assistant_id"] == f"${{data.openai_beta_assistant.{name_of[newest]}.id}}"
    assert run["thread_id"] == f"${{data.openai_beta_thread.{name_of[thread]}.id}}"
    assert by_id.model.startswith("${TfToken[")


def test_importers_refuse_empty_ids(stack: TerraformStack) -> None:
    with pytest.raises(ValidationError, match="assistant_id: a non-empty string"):
        Assistant.from_assistant_id(stack, "Bot", "")
    with pytest.raises(ValidationError, match="thread_id: a non-empty string"):
        Thread.from_thread_id(stack, "T", "")
    with pytest.raises(TypeError, match="either assistant_id or newest=True"):
        Assistant.from_lookup(stack, "L")
    with pytest.raises(TypeError, match="either assistant_id or newest=True"):
        Assistant.from_lookup(stack, "L", assistant_id="asst_1", newest=True)


# -- order on a thread --------------------------------------------------------------------


def test_messages_and_runs_on_a_thread_follow_declaration_order(stack: TerraformStack) -> None:
    bot = Assistant(stack, "Bot", model="gpt-4o")
    thread = Thread(stack, "T", messages=["seed"])
    first = thread.add_message("one")
    run = thread.run(bot)
    later = Message(stack, "Later", thread=thread, content="two")
    other = Run(stack, "Again", thread=thread, assistant=bot)
    assert [first.node.id, run.node.id, thread.add_message("x").node.id] == [
        "Message1",
        "Run1",
        "Message2",
    ]
    document = synth(stack)["resource"]
    messages = document["openai_beta_thread_message"]
    runs = document["openai_beta_thread_run"]

    def name(construct: Message | Run) -> str:
        return construct.resource.friendly_unique_id

    assert "depends_on" not in messages[name(first)]
    assert runs[name(run)]["depends_on"] == [f"openai_beta_thread_message.{name(first)}"]
    assert messages[name(later)]["depends_on"] == [f"openai_beta_thread_run.{name(run)}"]
    assert runs[name(other)]["depends_on"] == [f"openai_beta_thread_message.{name(later)}"]
    assert other.thread is thread and other.assistant is bot


# -- typed properties and escape hatches ---------------------------------------------------


def test_ids_are_references_and_the_l1_resource_is_the_default_child(
    stack: TerraformStack,
) -> None:
    bot = Assistant(stack, "Bot", model="gpt-4o")
    thread = Thread(stack, "T")
    message = thread.add_message("hi")
    run = thread.run(bot)
    session = ChatKitSession(stack, "S", workflow_id="wf", user="u")
    expected: dict[str, str] = {}
    cases: list[tuple[Any, str, str]] = [
        (bot, bot.assistant_id, "id"),
        (thread, thread.thread_id, "id"),
        (message, message.message_id, "id"),
        (run, run.run_id, "id"),
        (run, run.status, "status"),
        (session, session.session_id, "id"),
        (session, session.client_secret, "client_secret"),
    ]
    for index, (construct, value, attribute) in enumerate(cases):
        assert construct.node.default_child is construct.resource
        TerraformOutput(stack, f"o{index}", value=value, sensitive=True)
        expected[f"o{index}"] = (
            f"${{{construct.resource.terraform_resource_type}."
            f"{construct.resource.friendly_unique_id}.{attribute}}}"
        )
    outputs = synth(stack)["output"]
    assert {name: body["value"] for name, body in outputs.items()} == expected


def test_the_escape_hatch_reaches_the_l1_resource(stack: TerraformStack) -> None:
    bot = Assistant(stack, "Bot", model="gpt-4o")
    bot.resource.add_override("model", "gpt-4.1")
    assert resources(stack, "openai_beta_assistant")["Bot"]["model"] == "gpt-4.1"


def test_a_literal_client_secret_is_never_in_the_document(stack: TerraformStack) -> None:
    ChatKitSession(stack, "S", workflow_id="wf", user="u")
    body = resources(stack, "openai_beta_chatkit_session")["S"]
    assert "client_secret" not in body


# -- the package ------------------------------------------------------------------------


def test_importing_the_package_does_not_start_the_cdk_runtime() -> None:
    code = (
        "import sys, openai_constructs as oc\n"
        "runtimes = ('cdktf', 'cdktn', 'jsii')\n"
        "assert not any(m in sys.modules for m in runtimes), 'eager import'\n"
        "assert oc.Assistant.__name__ == 'Assistant'\n"
        "assert oc.runtime_name() in sys.modules\n"
        "try:\n"
        "    oc.Nope\n"
        "except AttributeError as e:\n"
        "    print(e)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "has no attribute 'Nope'" in result.stdout


def test_every_exported_name_resolves() -> None:
    import openai_constructs

    for name in openai_constructs.__all__:
        assert getattr(openai_constructs, name) is not None
    assert set(openai_constructs.__all__) <= set(dir(openai_constructs))
