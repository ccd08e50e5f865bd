"""The bad-input catalogue: one case per validation rule and per type-mismatch class, each
asserting the whole message, so a change of wording or a lost path shows up here."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from openai_constructs import (
    Assistant,
    ChatKitSession,
    Conversation,
    File,
    Run,
    Thread,
    ValidationError,
    VectorStore,
)
from openai_constructs._runtime.cdk import TerraformStack, TerraformVariable
from openai_constructs.errors import AttributeTypeError, ConstructIdError
from openai_constructs.l1.beta_assistant import BetaAssistant, BetaAssistantTools
from openai_constructs.l1.beta_chatkit_session import BetaChatkitSession
from openai_constructs.l1.beta_thread_run import BetaThreadRun
from openai_constructs.validation import RULES, validate_resource
from openai_constructs.values import JsonSchemaResponseFormat

# -- every rule of the rules table -----------------------------------------------------------


class _Sized(list[str]):
    """A list that reports a length without holding 100,000,001 items."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def __len__(self) -> int:
        return self.size


BAD_BY_RULE: dict[str, Any] = {
    "metadata.size": {f"k{i}": "v" for i in range(17)},
    "metadata.key_length": {"k" * 65: "v"},
    "metadata.value_length": {"k": "v" * 513},
    "assistant.name": "n" * 257,
    "assistant.description": "d" * 513,
    "assistant.instructions": "i" * 256_001,
    "tools.count": [{"type": "code_interpreter"}] * 129,
    "tools.type": "web_search",
    "tools.function": {"type": "function"},
    "tools.function.name": "bad name",
    "tool_resources.code_interpreter.file_ids": ["file"] * 21,
    "tool_resources.file_search.vector_store_ids": ["vs_1", "vs_2"],
    "tool_resources.file_search.vector_stores": [{}, {}],
    "tools.file_search.max_num_results": 51,
    "tools.file_search.ranker": "bm25",
    "tools.file_search.score_threshold": 1.5,
    "vector_stores.file_ids": _Sized(100_000_001),
    "vector_stores.chunking_strategy": "fixed",
    "vector_stores.chunking_strategy.static": {"type": "static"},
    "temperature": 2.5,
    "top_p": 1.5,
    "reasoning_effort": "maximal",
    "response_format": '{"type": "xml"}',
    "response_format.name": "bad name",
    "tool_choice": "sometimes",
    "truncation_strategy.type": "first",
    "truncation_strategy.last_messages": {"type": "last_messages"},
    "run.max_prompt_tokens": 0,
    "run.max_completion_tokens": -1,
    "message.role": "system",
    "attachments.tools.type": "function",
    "chatkit.state_variables.key_length": {"k" * 65: 1},
    "chatkit.state_variables.values": {"k": [1]},
    "chatkit.file_upload.max_file_size": 513,
    "chatkit.file_upload.max_files": 0,
    "chatkit.history.recent_threads": 0,
    "chatkit.rate_limits": 0,
    "chatkit.expires_after.seconds": 0,
    "chatkit.expires_after.anchor": "now",
    "list.order": "random",
    "list.max_items": 0,
    "file.purpose": "fine_tune",
    "file.expires_after.anchor": "last_active_at",
    "file.expires_after.seconds": 60,
    "vector_store.chunking_strategy": "semantic",
    "vector_store.chunking_strategy.static": {"type": "auto", "static": {
        "max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400}},
    "vector_store.expires_after.anchor": "created_at",
    "vector_store.expires_after.days": 0,
    "conversation.items": [{"content": "c"}] * 21,
    "conversation.items.role": "tool",
    "conversation.items.phase": "draft",
    "conversation.items.type": "function_call",
}


def _nest(pattern: str, leaf: Any) -> tuple[dict[str, Any], str]:
    """Attributes holding ``leaf`` at ``pattern`` (``[*]`` = a one-item list), and its path."""
    parts = pattern.split(".")
    value: Any = leaf
    for part in reversed(parts):
        key, many = (part[:-3], True) if part.endswith("[*]") else (part, False)
        value = {key: [value] if many else value}
    return value, pattern.replace("[*]", "[0]")


def test_every_rule_has_a_catalogue_case() -> None:
    assert set(BAD_BY_RULE) == {r.id for r in RULES}


@pytest.mark.parametrize(
    ("rule_id", "owner", "pattern"),
    [(r.id, owner, pattern) for r in RULES for owner, pattern in r.where],
    ids=lambda v: str(v),
)
def test_each_rule_at_each_place_names_path_attribute_and_rule(
    rule_id: str, owner: str, pattern: str
) -> None:
    rule = next(r for r in RULES if r.id == rule_id)
    attributes, path = _nest(pattern, BAD_BY_RULE[rule_id])
    with pytest.raises(ValidationError) as caught:
        validate_resource(owner, attributes, "stack/thing")
    shape = (rf"openai_constructs: 1 problem in stack/thing:\n  - {re.escape(path)}: "
             rf"{re.escape(rule.text)} \(got .+\)")
    assert re.fullmatch(shape, str(caught.value), re.S), str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_the_helper_only_rule_is_checked_by_its_helper() -> None:
    with pytest.raises(ValidationError) as caught:
        JsonSchemaResponseFormat("bad name", {"type": "object"})
    assert str(caught.value) == (
        "openai_constructs: 1 problem in JsonSchemaResponseFormat:\n"
        "  - name: must match [A-Za-z0-9_-]{1,64} (got 'bad name')"
    )


L2_CASES: list[tuple[str, Callable[[TerraformStack], Any], str]] = [
    ("assistant temperature", lambda s: Assistant(s, "x", model="m", temperature=3),
     "  - temperature: between 0 and 2 (got 3)"),
    ("assistant name", lambda s: Assistant(s, "x", model="m", name="n" * 257),
     "  - name: at most 256 characters (got 257)"),
    ("assistant metadata", lambda s: Assistant(s, "x", model="m", metadata={"k" * 65: "v"}),
     "  - metadata: keys at most 64 characters (got key 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...'"
     " with 65 characters)"),
    ("thread role", lambda s: Thread(s, "x", messages=[{"content": "c", "role": "system"}]),
     "  - messages[0].role: one of user, assistant (got 'system')"),
    ("run truncation", lambda s: Run(s, "x", thread=Thread(s, "t"),
                                     assistant=Assistant(s, "a", model="m"),
                                     truncation_strategy=0),
     # the rule spans type and last_messages, so the message names the whole struct
     "  - truncation_strategy: a positive integer, required when type is last_messages "
     "(got last_messages 0)"),
    ("chatkit expiry", lambda s: ChatKitSession(s, "x", workflow_id="wf", user="u",
                                                expires_after_seconds=0),
     "  - expires_after_seconds: a positive integer (got 0)"),
    ("vector store chunking", lambda s: VectorStore(s, "x", chunking="semantic"),
     "  - chunking.type: one of auto, static (got 'semantic')"),
    ("vector store metadata", lambda s: VectorStore(s, "x", metadata={"k" * 65: "v"}),
     "  - metadata: keys at most 64 characters (got key 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...'"
     " with 65 characters)"),
    ("conversation items", lambda s: Conversation(s, "x", items=["hi"] * 21),
     "  - items: at most 20 items (got 21)"),
    ("conversation phase", lambda s: Conversation(s, "x", items=[
        {"content": "c", "role": "assistant", "phase": "draft"}]),
     "  - items[0].phase: one of commentary, final_answer (got 'draft')"),
    ("file expiry", lambda s: File(s, "x", content="c", purpose="batch",
                                   expires_after_seconds=60),
     "  - expires_after_seconds: an integer between 3600 (1 hour) and 2592000 (30 days) "
     "(got 60)"),
]


@pytest.mark.parametrize(("name", "build", "line"), L2_CASES, ids=[c[0] for c in L2_CASES])
def test_l2_constructs_report_rules_with_their_path(
    stack: TerraformStack, name: str, build: Callable[[TerraformStack], Any], line: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        build(stack)
    assert str(caught.value) == f"openai_constructs: 1 problem in test/x:\n{line}"
    assert stack.node.try_find_child("x") is None


# -- every type-mismatch class at L1 ---------------------------------------------------------

TYPE_CASES: list[tuple[str, type[Any], dict[str, Any], str]] = [
    ("string", BetaAssistant, {"model": 3}, "model: expects a string, got int 3"),
    ("number", BetaAssistant, {"model": "m", "temperature": "hot"},
     "temperature: expects a number, got str 'hot'"),
    ("bool is not a number", BetaAssistant, {"model": "m", "temperature": True},
     "temperature: expects a number, got bool True"),
    ("non-finite", BetaAssistant, {"model": "m", "top_p": float("nan")},
     "top_p: expects a finite number, got float nan"),
    ("integer beyond 2**53", BetaAssistant, {"model": "m", "temperature": 2**53 + 1},
     "temperature: expects an integer between -2**53 and 2**53, got int 9007199254740993: "
     "larger integers lose digits on their way through the JavaScript runtime; pass a float "
     "if an approximation is meant"),
    ("bool", BetaThreadRun, {"thread_id": "t", "assistant_id": "a",
                             "parallel_tool_calls": "yes"},
     "parallel_tool_calls: expects a bool, got str 'yes'"),
    ("list", BetaAssistant, {"model": "m", "tools": "code_interpreter"},
     "tools: expects a list of BetaAssistantTools or dicts, got str 'code_interpreter'"),
    ("list item", BetaAssistant, {"model": "m", "tool_resources": {
        "code_interpreter": {"file_ids": ["f", 1]}}},
     "tool_resources.code_interpreter.file_ids[1]: expects a string, got int 1"),
    ("map", BetaAssistant, {"model": "m", "metadata": ["a"]},
     "metadata: expects a map of strings, got list ['a']"),
    ("map value", BetaAssistant, {"model": "m", "metadata": {"a": 1}},
     "metadata['a']: expects a string, got int 1"),
    ("map key", BetaAssistant, {"model": "m", "metadata": {1: "a"}},
     "metadata: expects string keys, got int 1"),
    ("comment key", BetaAssistant, {"model": "m", "metadata": {"//": "a"}},
     "metadata: has a key '//', which cdktf treats as a comment and drops while "
     "synthesizing; use another key"),
    ("lone surrogate", BetaAssistant, {"model": "gpt\ud800"},
     "model: contains a lone surrogate (U+D800) at index 3, which is not valid Unicode and "
     "would be written as U+FFFD"),
    ("JSON text value", BetaAssistant, {"model": "m", "tools": [
        {"type": "function", "function": {"name": "f", "parameters": {"a": {1}}}}]},
     "tools[0].function.parameters['a']: expects a JSON value, got set {1}"),
    ("dynamic null", BetaChatkitSession, {"user": "u", "workflow": {
        "id": "w", "state_variables": {"a": None}}},
     "workflow.state_variables['a']: is None, which cdktf cannot write into the document; "
     "omit the key"),
    ("dynamic big integer", BetaChatkitSession, {"user": "u", "workflow": {
        "id": "w", "state_variables": {"n": -(2**63)}}},
     "workflow.state_variables['n']: expects an integer between -2**53 and 2**53, got int "
     "-9223372036854775808: larger integers lose digits on their way through the JavaScript "
     "runtime; pass a float if an approximation is meant"),
    ("struct", BetaAssistant, {"model": "m", "tool_resources": 3},
     "tool_resources: expects BetaAssistantToolResources or a dict, got int 3"),
    ("struct of another class", BetaAssistant,
     {"model": "m", "tool_resources": BetaAssistantTools(type="code_interpreter")},
     "tool_resources: expects BetaAssistantToolResources or a dict, got BetaAssistantTools"),
    ("required", BetaAssistant, {"model": None}, "model: is required"),
    ("required in a struct", BetaAssistant,
     {"model": "m", "tools": [{"type": "function", "function": {}}]},
     "tools[0].function.name: is required"),
    ("misspelled key", BetaAssistant, {"model": "m", "tools": [
        {"type": "function", "fucntion": {"name": "f"}}]},
     "tools[0]: unknown key 'fucntion'; did you mean 'function'?"),
    ("unknown key", BetaAssistant, {"model": "m", "tool_resources": {"zzz": {}}},
     "tool_resources: unknown key 'zzz'; known keys: code_interpreter, file_search"),
]


@pytest.mark.parametrize(("name", "cls", "kwargs", "tail"), TYPE_CASES,
                         ids=[c[0] for c in TYPE_CASES])
def test_type_mismatches_name_class_path_attribute_and_rule(
    stack: TerraformStack, name: str, cls: type[Any], kwargs: dict[str, Any], tail: str
) -> None:
    with pytest.raises(AttributeTypeError) as caught:
        cls(stack, "x", **kwargs)
    assert str(caught.value) == f"{cls.__name__} 'test/x': {tail}"
    assert isinstance(caught.value, TypeError)
    assert stack.node.try_find_child("x") is None


def test_one_element_of_a_list_reference_is_refused(stack: TerraformStack) -> None:
    ids = TerraformVariable(stack, "ids", type="list(string)").list_value
    with pytest.raises(AttributeTypeError) as caught:
        BetaAssistant(stack, "x", model=ids[0])
    assert str(caught.value) == (
        "BetaAssistant 'test/x': model: got one element of a list reference, whose length is "
        "unknown until Terraform runs; use Fn.element(the_list, index) to pick an item")


def test_opaque_references_pass_where_a_value_goes(stack: TerraformStack) -> None:
    """``TerraformVariable.value`` is an opaque node object with no Python ``resolve``."""
    from tests.conftest import synth

    anything = TerraformVariable(stack, "anything", type="any").value
    BetaAssistant(stack, "x", model="m", tools=anything, metadata=anything)
    body = synth(stack)["resource"]["openai_beta_assistant"]["x"]
    assert body["tools"] == body["metadata"] == "${var.anything}"


def test_opaque_reference_for_a_struct(stack: TerraformStack) -> None:
    anything = TerraformVariable(stack, "anything", type="any").value
    BetaAssistant(stack, "x", model="m", tool_resources=anything)


# -- construct ids ---------------------------------------------------------------------------


def test_l1_id_collisions_are_python_errors(stack: TerraformStack) -> None:
    BetaAssistant(stack, "same", model="m")
    with pytest.raises(ConstructIdError) as caught:
        BetaAssistant(stack, "same", model="m")
    assert str(caught.value) == (
        "BetaAssistant 'test/same': the id 'same' is already used by a sibling; construct "
        "ids must be unique within their scope")
    assert caught.value.__cause__ is None


def test_l2_id_collisions_are_python_errors(stack: TerraformStack) -> None:
    Assistant(stack, "same", model="m")
    with pytest.raises(ValueError, match=r"^Assistant 'test/same': the id 'same' is already"):
        Assistant(stack, "same", model="m")
