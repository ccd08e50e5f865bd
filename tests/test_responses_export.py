"""The Responses-era export, checked against the SDK's own request types and by hand.

Every assistant and thread of every example app is exported and validated with pydantic over
the SDK's TypedDicts (``ResponseCreateParamsNonStreaming``, ``ConversationCreateParams``).
pydantic validates ``Iterable`` fields lazily and ignores unknown keys, so the validated value
is materialised and must equal the export: nothing coerced, nothing unknown.
"""

from __future__ import annotations

import importlib.util
import inspect
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from openai_constructs import Assistant, Thread
from openai_constructs._runtime.cdk import TerraformStack, TerraformVariable, Testing
from openai_constructs.l1.beta_assistant import BetaAssistantTools
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.responses import ExportNote
from openai_constructs.values import (
    Attachment,
    CodeInterpreterTool,
    FileSearchRankingOptions,
    FileSearchTool,
    FunctionTool,
    JsonObjectResponseFormat,
    JsonSchemaResponseFormat,
    Message,
    ReasoningEffort,
    StaticChunking,
    TextResponseFormat,
    VectorStore,
)

pydantic = pytest.importorskip("pydantic")
pytest.importorskip("openai")

from openai.types.conversations import conversation_create_params  # noqa: E402
from openai.types.responses import response_create_params  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*/main.py"))

RESPONSES = pydantic.TypeAdapter(response_create_params.ResponseCreateParamsNonStreaming)
CONVERSATIONS = pydantic.TypeAdapter(conversation_create_params.ConversationCreateParams)


def _materialised(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _materialised(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, Iterator)):
        return [_materialised(v) for v in value]
    return value


def _valid(adapter: Any, export: Any) -> None:
    plain = _materialised(export)
    assert _materialised(adapter.validate_python(export)) == plain, (
        "the SDK's types dropped or coerced part of the export")
    json.dumps(plain)  # plain data: it can leave Python as JSON


def _stack() -> TerraformStack:
    stack = TerraformStack(Testing.app(), "export")
    OpenaiProvider(stack, "openai")
    return stack


# -- every example -----------------------------------------------------------------------------

def _example_stacks(path: Path) -> list[Any]:
    name = f"_example_{path.parent.name}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    classes = [c for c in vars(module).values() if inspect.isclass(c)
               and issubclass(c, TerraformStack) and c.__module__ == name]
    assert classes, f"{path} declares no stack class"
    app = Testing.app()
    return [cls(app, cls.__name__) for cls in classes]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_every_export_of_every_example_is_what_the_sdk_accepts(path: Path) -> None:
    constructs = [c for stack in _example_stacks(path) for c in stack.node.find_all()]
    assistants = [c for c in constructs if isinstance(c, Assistant)]
    threads = [c for c in constructs if isinstance(c, Thread)]
    for assistant in assistants:
        params = assistant.to_responses_params()
        _valid(RESPONSES, {**params, "input": "hello"})
        assert all(isinstance(note, ExportNote) for note in params.notes)
    for thread in threads:
        _valid(CONVERSATIONS, thread.to_conversation_params())
        _valid(CONVERSATIONS, {"items": thread.to_conversation_items()})


def test_the_examples_have_assistants_and_threads_to_export() -> None:
    found = [type(c).__name__ for path in EXAMPLES for stack in _example_stacks(path)
             for c in stack.node.find_all() if isinstance(c, (Assistant, Thread))]
    assert "Assistant" in found and "Thread" in found


# -- one export per tool kind, checked by hand -------------------------------------------------

def test_code_interpreter_gets_a_container_with_its_files() -> None:
    params = Assistant(_stack(), "a", model="gpt-4o",
                       tools=[CodeInterpreterTool(file_ids=["file-1", "file-2"])]
                       ).to_responses_params()
    assert dict(params) == {
        "model": "gpt-4o",
        "tools": [{"type": "code_interpreter",
                   "container": {"type": "auto", "file_ids": ["file-1", "file-2"]}}],
    }
    assert params.notes == ()
    _valid(RESPONSES, params)
    bare = Assistant(_stack(), "b", model="gpt-4o", tools=[CodeInterpreterTool()])
    assert bare.to_responses_params()["tools"] == [
        {"type": "code_interpreter", "container": {"type": "auto"}}]


def test_file_search_gets_its_stores_and_options_and_inline_stores_are_reported() -> None:
    stack = _stack()
    store = TerraformVariable(stack, "store", type="string")
    tool = FileSearchTool(
        vector_store_ids=[store.string_value], max_num_results=6,
        ranking_options=FileSearchRankingOptions(score_threshold=0.3, ranker="auto"))
    params = Assistant(stack, "a", model="gpt-4o", tools=[tool]).to_responses_params()
    assert dict(params) == {"model": "gpt-4o", "tools": [{
        "type": "file_search", "vector_store_ids": ["${var.store}"], "max_num_results": 6,
        "ranking_options": {"score_threshold": 0.3, "ranker": "auto"}}]}
    assert params.notes == ()
    _valid(RESPONSES, params)

    inline = Assistant(_stack(), "b", model="gpt-4o", tools=[FileSearchTool(vector_stores=[
        VectorStore(file_ids=["file-9"], chunking_strategy=StaticChunking(1000, 100))],
        ranking_options=FileSearchRankingOptions(0.5, "default_2024_08_21"))])
    params = inline.to_responses_params()
    assert params["tools"] == [{"type": "file_search", "vector_store_ids": [],
                                "ranking_options": {"score_threshold": 0.5}}]
    assert [str(note) for note in params.notes] == [
        "tool_resources.file_search.vector_stores[0]: the Responses API only takes existing "
        "vector stores: declare this one as an openai_vector_store with "
        "VectorStore.from_inline_store(scope, id, {'file_ids': ['file-9'], "
        "'chunking_strategy': {'type': 'static', 'static': {'max_chunk_size_tokens': 1000, "
        "'chunk_overlap_tokens': 100}}}) and add its vector_store_id to "
        "tools[0].vector_store_ids (ResponsesMigration does both)",
        "tools[0].file_search.ranking_options.ranker: 'default_2024_08_21' has no Responses "
        "counterpart (auto, default-2024-11-15); left out, so the API's auto ranker applies",
    ]
    _valid(RESPONSES, params)


def test_function_tools_are_flattened_and_keep_their_strictness() -> None:
    schema = {"type": "object", "properties": {"order": {"type": "string"}}}
    stack = _stack()
    params = Assistant(stack, "a", model="gpt-4o", tools=[
        FunctionTool("lookup", "Find an order.", schema),
        {"type": "function", "function": {"name": "strict_one", "parameters": schema,
                                          "strict": True}},
        BetaAssistantTools(type="function", function={"name": "from_l1", "parameters": schema}),
        FunctionTool("no_parameters"),
    ]).to_responses_params()
    assert params["tools"] == [
        # Responses function tools are strict by default; an Assistants one was not.
        {"type": "function", "name": "lookup", "parameters": schema, "strict": False,
         "description": "Find an order."},
        {"type": "function", "name": "strict_one", "parameters": schema, "strict": True},
        {"type": "function", "name": "from_l1", "parameters": schema, "strict": False},
        {"type": "function", "name": "no_parameters", "parameters": None, "strict": False},
    ]
    _valid(RESPONSES, params)


# -- the rest of an assistant, and literal text --------------------------------------------

@pytest.mark.parametrize(("response_format", "expected"), [
    (TextResponseFormat(), {"format": {"type": "text"}}),
    (JsonObjectResponseFormat(), {"format": {"type": "json_object"}}),
    (JsonSchemaResponseFormat("answer", {"type": "object", "properties": {}}, strict=True),
     {"format": {"type": "json_schema", "name": "answer",
                 "schema": {"type": "object", "properties": {}}, "strict": True}}),
    ({"type": "json_object"}, {"format": {"type": "json_object"}}),
])
def test_response_format_becomes_text_format(response_format: Any, expected: Any) -> None:
    params = Assistant(_stack(), "a", model="gpt-4o",
                       response_format=response_format).to_responses_params()
    assert params["text"] == expected
    _valid(RESPONSES, params)


def test_sampling_reasoning_metadata_and_text_as_written() -> None:
    text = "Look orders up. ${order} and %{ if x } stay as written."
    params = Assistant(
        _stack(), "a", model="o4-mini", name="Support", description="Desk", instructions=text,
        response_format="auto", temperature=0.2, top_p=0.9,
        reasoning_effort=ReasoningEffort.HIGH, metadata={"team": "support"},
    ).to_responses_params()
    assert dict(params) == {"model": "o4-mini", "instructions": text, "temperature": 0.2,
                            "top_p": 0.9, "reasoning": {"effort": "high"},
                            "metadata": {"team": "support"}}
    assert [note.path for note in params.notes] == ["name", "description"]
    _valid(RESPONSES, params)


def test_tools_added_later_are_exported() -> None:
    assistant = Assistant(_stack(), "a", model="gpt-4o")
    assistant.add_tool(CodeInterpreterTool())
    assert assistant.to_responses_params()["tools"] == [
        {"type": "code_interpreter", "container": {"type": "auto"}}]


# -- threads ---------------------------------------------------------------------------------

def test_seed_messages_become_conversation_items() -> None:
    stack = _stack()
    assistant = Assistant(stack, "a", model="gpt-4o")
    thread = Thread(stack, "t", messages=[
        "Where is my order ${order}?",
        Message("Let me check.", role="assistant", metadata={"step": "1"}),
        {"content": "It is " + assistant.assistant_id, "role": "user",
         "attachments": [Attachment("file-1", ["file_search"])]},
    ], metadata={"channel": "web"}, tool_resources={"code_interpreter": {"file_ids": ["f"]}})
    items = thread.to_conversation_items()
    assert list(items) == [
        {"type": "message", "role": "user", "content": "Where is my order ${order}?"},
        {"type": "message", "role": "assistant", "content": "Let me check."},
        {"type": "message", "role": "user", "content": "It is ${openai_beta_assistant.a.id}"},
    ]
    assert [note.path for note in items.notes] == ["messages[1].metadata",
                                                   "messages[2].attachments"]
    params = thread.to_conversation_params()
    assert dict(params) == {"items": list(items), "metadata": {"channel": "web"}}
    assert [note.path for note in params.notes] == [
        "messages[1].metadata", "messages[2].attachments", "tool_resources.code_interpreter"]
    _valid(CONVERSATIONS, params)


# -- the Terraform output ---------------------------------------------------------------------

def test_the_output_is_json_text_terraform_accepts(terraform_runner: Any) -> None:
    from openai_constructs.testing import assert_plans, assert_valid_terraform

    stack = _stack()
    assistant = Assistant(stack, "a", model="gpt-4o", instructions="Text ${x} and %{ y } kept",
                          tools=[CodeInterpreterTool()])
    params = assistant.to_responses_params(output_id="responses_params")
    document = json.loads(Testing.synth(stack))
    output = document["output"]["responses_params"]
    assert "Responses API create parameters" in output["description"]
    assert params["instructions"] == "Text ${x} and %{ y } kept"
    assert_valid_terraform(document, runner=terraform_runner)
    planned = assert_plans(document, runner=terraform_runner).output("responses_params")
    assert json.loads(planned) == dict(params)  # the JSON text Terraform computes


HOSTILE = 'Say "hi" \\ back ${x} %{ if y }z%{ endif } $${w} line\nnext \u2028 é'


def test_terraform_evaluates_the_output_to_the_exported_params(terraform_runner: Any) -> None:
    # Literal text and a reference given at plan time with hostile text: the planned output
    # is JSON, and it decodes to the export with the reference replaced by the value.
    from openai_constructs.testing import assert_plans

    stack = _stack()
    who = TerraformVariable(stack, "who", type="string")
    assistant = Assistant(stack, "a", model="gpt-4o", instructions=HOSTILE + who.string_value,
                          tools=[FunctionTool("lookup", description=HOSTILE, parameters={
                              "type": "object", "properties": {"q": {"type": "string"}}})])
    params = assistant.to_responses_params(output_id="responses_params")
    result = assert_plans(Testing.synth(stack), runner=terraform_runner,
                          variables={"who": HOSTILE})
    planned = json.loads(result.output("responses_params"))

    def substituted(value: Any) -> Any:
        if isinstance(value, str):
            return value.replace("${var.who}", HOSTILE)
        if isinstance(value, dict):
            return {k: substituted(v) for k, v in value.items()}
        if isinstance(value, list):
            return [substituted(v) for v in value]
        return value

    assert planned == substituted(dict(params))
    assert planned["instructions"] == HOSTILE + HOSTILE
    assert planned["tools"][0]["description"] == HOSTILE


def test_the_migration_guide_runs() -> None:
    import re

    guide = (ROOT / "docs" / "migration.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", guide, re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "docs/migration.md", "exec"), {})


def test_a_reference_inside_the_response_format_stays_an_expression() -> None:
    stack = _stack()
    description = TerraformVariable(stack, "description", type="string")
    params = Assistant(stack, "a", model="gpt-4o", response_format={
        "type": "json_schema",
        "json_schema": {"name": "x", "description": description.string_value,
                        "schema": {"type": "object"}}}).to_responses_params()
    assert params["text"] == {"format": {"type": "json_schema", "name": "x",
                                         "description": "${var.description}",
                                         "schema": {"type": "object"}}}
    assert params.notes == ()
    _valid(RESPONSES, params)


def test_messages_added_to_the_thread_are_exported_in_order() -> None:
    stack = _stack()
    thread = Thread(stack, "t", messages=["Where is my order?"], metadata={"channel": "web"})
    thread.add_message("Let me check.", role="assistant")
    thread.add_message("It is late.", metadata={"step": "3"})
    thread.add_message("One per user", count=2)
    items = thread.to_conversation_items()
    assert list(items) == [
        {"type": "message", "role": "user", "content": "Where is my order?"},
        {"type": "message", "role": "assistant", "content": "Let me check."},
        {"type": "message", "role": "user", "content": "It is late."},
    ]
    assert [str(note) for note in items.notes] == [
        "messages[2].metadata: {'step': '3'}: conversation items have no metadata; the "
        "conversation's own metadata is the nearest place",
        "export/t/Message3: declared with for_each/count: its instances are only known to "
        "Terraform; add them to the conversation once they exist",
    ]
    params = thread.to_conversation_params()
    assert params["items"] == list(items)
    assert [note.path for note in params.notes] == ["messages[2].metadata",
                                                  "export/t/Message3"]
    _valid(CONVERSATIONS, params)
