"""The rule table, the collector and its message, and token pass-through."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from openai_constructs.validation import (
    RULES,
    ValidationError,
    Violations,
    check_value,
    is_unresolved,
    rule,
    rules_markdown,
    validate_resource,
)
from openai_constructs.values import FunctionTool, LastMessagesTruncation

STR_TOKEN = "${TfToken[TOKEN.12]}"
LIST_TOKEN = ["#{TfToken[TOKEN.13]}"]
NUM_TOKEN = -1.8881545897087626e289


class Resolvable:
    """Stands for a jsii ``IResolvable``: any non-builtin object with ``resolve``."""

    def resolve(self, context: Any) -> Any:
        return "x"


# --- is_unresolved -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [STR_TOKEN, f"prefix {STR_TOKEN} suffix", LIST_TOKEN, NUM_TOKEN, Resolvable()],
)
def test_is_unresolved_recognises_tokens(value: Any) -> None:
    assert is_unresolved(value)


@pytest.mark.parametrize(
    "value",
    ["${var.x}", "TfToken", ["a", "b"], -1e10, 0.5, 3, True, None, {"a": 1}, object()],
)
def test_is_unresolved_rejects_plain_values(value: Any) -> None:
    assert not is_unresolved(value)


# --- each rule: a value that passes, one that fails, and the detail -------------------------

class _Sized(list[str]):
    """A list that reports a length without holding 100,000,000 items."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def __len__(self) -> int:
        return self.size


md16 = {f"k{i}": "v" for i in range(16)}
md17 = {f"k{i}": "v" for i in range(17)}

CASES: list[tuple[str, Any, Any, str]] = [
    ("metadata.size", md16, md17, "17"),
    ("metadata.key_length", {"k" * 64: "v"}, {"k" * 65: "v"}, "with 65 characters"),
    ("metadata.value_length", {"k": "v" * 512}, {"k": "v" * 513}, "value of 'k' with 513"),
    ("assistant.name", "n" * 256, "n" * 300, "300"),
    ("assistant.description", "d" * 512, "d" * 513, "513"),
    ("assistant.instructions", "i" * 256_000, "i" * 256_001, "256,001"),
    ("tools.count", [{}] * 128, [{}] * 129, "129"),
    ("tools.type", "file_search", "web_search", "'web_search'"),
    ("tools.function", {"type": "function", "function": {"name": "f"}}, {"type": "function"},
     "type 'function' without a function"),
    ("tools.function.name", "get_weather-2", "bad name", "'bad name'"),
    ("tool_resources.code_interpreter.file_ids", ["f"] * 20, ["f"] * 21, "21"),
    ("tool_resources.file_search.vector_store_ids", ["vs"], ["vs", "vs2"], "2"),
    ("tool_resources.file_search.vector_stores", [{}], [{}, {}], "2"),
    ("tools.file_search.max_num_results", 50, 51, "51"),
    ("tools.file_search.ranker", "default_2024_08_21", "bm25", "'bm25'"),
    ("tools.file_search.score_threshold", 1, 1.01, "1.01"),
    ("vector_stores.file_ids", _Sized(100_000_000), _Sized(100_000_001), "100,000,001"),
    ("vector_stores.chunking_strategy", "static", "fixed", "'fixed'"),
    ("vector_stores.chunking_strategy.static",
     {"type": "static", "static": {"max_chunk_size_tokens": 100, "chunk_overlap_tokens": 50}},
     {"type": "static", "static": {"max_chunk_size_tokens": 100, "chunk_overlap_tokens": 51}},
     "chunk_overlap_tokens 51 over half of 100"),
    ("temperature", 2, 2.01, "2.01"),
    ("top_p", 0, -0.1, "-0.1"),
    ("reasoning_effort", "max", "extreme", "'extreme'"),
    ("response_format", '{"type":"json_object"}', '{"type":"yaml"}', "type 'yaml'"),
    ("response_format.name", "answer", "an answer", "'an answer'"),
    ("tool_choice", '{"type":"function","function":{"name":"f"}}', "always", "'always'"),
    ("truncation_strategy.type", "last_messages", "first_messages", "'first_messages'"),
    ("truncation_strategy.last_messages", {"type": "auto", "last_messages": 3},
     {"type": "last_messages", "last_messages": 0}, "last_messages 0"),
    ("run.max_prompt_tokens", 256, 0, "0"),
    ("run.max_completion_tokens", 1000, 2.5, "2.5"),
    ("message.role", "assistant", "system", "'system'"),
    ("attachments.tools.type", "code_interpreter", "function", "'function'"),
    ("chatkit.state_variables.key_length", {"k" * 64: 1}, {"k" * 65: 1}, "65 characters"),
    ("chatkit.state_variables.values", {"a": "s", "b": 1, "c": 1.5, "d": True},
     {"a": None}, "value of 'a' (NoneType)"),
    ("chatkit.file_upload.max_file_size", 512, 2.5, "2.5"),
    ("chatkit.file_upload.max_files", 1, 0, "0"),
    ("chatkit.history.recent_threads", 5, -1, "-1"),
    ("chatkit.rate_limits", 10, 0, "0"),
    ("chatkit.expires_after.seconds", 600, 0, "0"),
    ("chatkit.expires_after.anchor", "created_at", "updated_at", "'updated_at'"),
    ("list.order", "desc", "newest", "'newest'"),
    ("list.max_items", 100, 0, "0"),
    ("file.purpose", "user_data", "fine_tune", "'fine_tune'"),
    ("file.expires_after.anchor", "created_at", "last_active_at", "'last_active_at'"),
    ("file.expires_after.seconds", 2_592_000, 2_592_001, "2592001"),
    ("vector_store.chunking_strategy", "auto", "semantic", "'semantic'"),
    ("vector_store.chunking_strategy.static",
     {"type": "static", "static": {"max_chunk_size_tokens": 4096, "chunk_overlap_tokens": 0}},
     {"type": "static", "static": {"max_chunk_size_tokens": 4097, "chunk_overlap_tokens": 0}},
     "max_chunk_size_tokens 4097"),
    ("vector_store.expires_after.anchor", "last_active_at", "created_at", "'created_at'"),
    ("vector_store.expires_after.days", 365, 0.5, "0.5"),
    ("conversation.items", [{}] * 20, [{}] * 21, "21"),
    ("conversation.items.role", "developer", "tool", "'tool'"),
    ("conversation.items.phase", "final_answer", "final", "'final'"),
    ("conversation.items.type", "message", "function_call", "'function_call'"),
]


def test_every_rule_has_a_case() -> None:
    assert {case[0] for case in CASES} == {r.id for r in RULES}


@pytest.mark.parametrize(("rule_id", "good", "bad", "detail"), CASES, ids=[c[0] for c in CASES])
def test_rule_passes_good_and_names_bad(rule_id: str, good: Any, bad: Any, detail: str) -> None:
    violations = Violations("Stack/thing")
    assert violations.check(rule_id, good)
    assert not violations
    assert not violations.check(rule_id, bad, "attr[0]")
    (found,) = violations
    assert found.rule.id == rule_id
    assert detail in found.detail
    assert str(found) == f"attr[0]: {rule(rule_id).text} (got {found.detail})"


@pytest.mark.parametrize("rule_id", [r.id for r in RULES])
def test_every_rule_lets_tokens_through(rule_id: str) -> None:
    for token in (STR_TOKEN, LIST_TOKEN, NUM_TOKEN, Resolvable()):
        assert rule(rule_id).detail(token) is None


def test_tokens_inside_containers_are_skipped() -> None:
    assert rule("metadata.key_length").detail({STR_TOKEN + "x" * 70: "v"}) is None
    assert rule("metadata.value_length").detail({"k": STR_TOKEN + "v" * 600}) is None
    assert rule("chatkit.state_variables.values").detail({"k": Resolvable()}) is None
    assert rule("truncation_strategy.last_messages").detail(
        {"type": "last_messages", "last_messages": NUM_TOKEN}) is None


@pytest.mark.parametrize(
    ("rule_id", "value", "detail"),
    [
        ("response_format", "not json", "'not json'"),
        ("response_format", '{"type":"json_schema","json_schema":{}}',
         "json_schema without a name"),
        ("response_format", '{"type":"json_schema","json_schema":{"name":"a b"}}',
         "json_schema name 'a b'"),
        ("tool_choice", '{"type":"function","function":{"name":"a b"}}', "function name 'a b'"),
        ("tool_choice", '{"type":"web"}', "type 'web'"),
        ("tools.function", {"type": "file_search", "function": {"name": "f"}},
         "type 'file_search' with a function"),
        ("truncation_strategy.last_messages", {"type": "last_messages"},
         "type 'last_messages' without last_messages"),
        ("truncation_strategy.last_messages", {"type": "auto", "last_messages": 0.5},
         "last_messages 0.5"),
        ("chatkit.file_upload.max_file_size", 513, "513"),
        ("vector_stores.chunking_strategy.static", {"type": "static"},
         "type 'static' without static"),
        ("vector_stores.chunking_strategy.static",
         {"type": "auto", "static": {"max_chunk_size_tokens": 800}}, "type 'auto' with static"),
        ("vector_stores.chunking_strategy.static",
         {"type": "static", "static": {"max_chunk_size_tokens": 4097}},
         "max_chunk_size_tokens 4097"),
        ("temperature", float("nan"), "nan"),
    ],
)
def test_rule_details(rule_id: str, value: Any, detail: str) -> None:
    assert rule(rule_id).detail(value) == detail


@pytest.mark.parametrize(
    ("rule_id", "value"),
    [("response_format", "auto"), ("tool_choice", "required"), ("tool_choice", "none"),
     ("run.max_prompt_tokens", 3.0), ("temperature", "2"), ("assistant.name", 5)],
)
def test_rules_leave_other_shapes_to_the_type_checks(rule_id: str, value: Any) -> None:
    assert rule(rule_id).detail(value) is None


def test_bool_is_not_a_number() -> None:
    assert rule("run.max_prompt_tokens").detail(True) is None  # L1 reports the type instead


def test_unknown_rule_id() -> None:
    with pytest.raises(KeyError, match="unknown rule 'nope'"):
        rule("nope")


# --- the collector and the error message --------------------------------------------------------


def test_validate_resource_reports_all_problems_in_one_message() -> None:
    with pytest.raises(ValidationError) as raised:
        validate_resource(
            "openai_beta_assistant",
            {
                "model": "gpt-4o",
                "name": "n" * 300,
                "tools": [
                    {"type": "code_interpreter"},
                    FunctionTool("ok"),
                    {"type": "function", "function": {"name": "fine"}},
                    {"type": "function", "function": {"name": "bad name"}},
                ],
            },
            "MyStack/support/assistant",
        )
    assert str(raised.value) == (
        "openai_constructs: 2 problems in MyStack/support/assistant:\n"
        "  - name: at most 256 characters (got 300)\n"
        "  - tools[3].function.name: must match [A-Za-z0-9_-]{1,64} (got 'bad name')"
    )
    assert isinstance(raised.value, ValueError)
    assert raised.value.construct_path == "MyStack/support/assistant"
    assert [v.rule.id for v in raised.value.violations] == [
        "assistant.name", "tools.function.name"]


def test_single_problem_is_singular() -> None:
    with pytest.raises(ValidationError, match=r"^openai_constructs: 1 problem in S/r:\n  - top_p"):
        validate_resource("openai_beta_thread_run", {"top_p": 2}, "S/r")


# A thread breaking rules at several depths (also checked by test_validation_index.py).
NESTED_THREAD: dict[str, Any] = {
    "messages": [
        {"role": "user", "content": "hi"},
        {"role": "system", "content": "x", "metadata": {"k" * 65: "v"},
         "attachments": [{"file_id": "f", "tools": [{"type": "file_search"},
                                                    {"type": "function"}]}]},
    ],
    "tool_resources": {
        "code_interpreter": {"file_ids": ["f"] * 21},
        "file_search": {"vector_stores": [{"metadata": md17}]},
    },
}


def test_validate_resource_walks_nested_paths() -> None:
    violations = Violations("S/t")
    violations.check_resource("openai_beta_thread", NESTED_THREAD)
    assert [(v.attribute, v.rule.id) for v in violations] == [
        ("messages[1].metadata", "metadata.key_length"),
        ("messages[1].role", "message.role"),
        ("messages[1].attachments[0].tools[1].type", "attachments.tools.type"),
        ("tool_resources.file_search.vector_stores[0].metadata", "metadata.size"),
        ("tool_resources.code_interpreter.file_ids", "tool_resources.code_interpreter.file_ids"),
    ]


def test_validate_resource_lets_tokens_through_at_every_level() -> None:
    validate_resource("openai_beta_assistant", {
        "name": STR_TOKEN,
        "temperature": NUM_TOKEN,
        "metadata": Resolvable(),
        "tools": LIST_TOKEN,
        "tool_resources": {"code_interpreter": {"file_ids": LIST_TOKEN}},
    }, "S/a")
    validate_resource("openai_beta_assistant", {
        "tools": [Resolvable(), {"type": STR_TOKEN, "function": {"name": STR_TOKEN}}],
        "tool_resources": Resolvable(),
    }, "S/a")


def test_validate_resource_renders_helpers() -> None:
    violations = Violations("S/r")
    violations.check_resource("openai_beta_thread_run", {
        "truncation_strategy": LastMessagesTruncation(3),
        "tools": [FunctionTool("fine")] * 129,
    })
    assert [v.rule.id for v in violations] == ["tools.count"]


def test_validate_resource_ignores_other_resources_rules() -> None:
    validate_resource("openai_beta_thread_run", {"name": "n" * 300}, "S/r")
    with pytest.raises(ValidationError, match="order: one of asc, desc"):
        validate_resource("data.openai_beta_assistants", {"order": "up"}, "S/d")
    with pytest.raises(ValidationError, match=r"find_one_by\.order"):
        validate_resource("data.openai_beta_assistant", {"find_one_by": {"order": "up"}}, "S/d")


def test_violations_raise_if_any_is_quiet_when_clean() -> None:
    violations = Violations("S/x")
    violations.check("temperature", 1)
    violations.raise_if_any()
    assert len(violations) == 0


def test_check_value_names_the_helper() -> None:
    with pytest.raises(ValueError, match=r"1 problem in FunctionTool:\n  - name: must match"):
        check_value("FunctionTool", [("tools.function.name", "name", "a b")])


def test_rules_markdown_lists_every_rule() -> None:
    table = rules_markdown()
    lines = table.strip().splitlines()
    assert lines[0] == "| Rule | Attribute | Requirement | Checked on | Source |"
    assert len(lines) == 2 + len(RULES)
    row = ("| `assistant.name` | `name` | at most 256 characters | `openai_beta_assistant` | "
           'provider reference: name, "maximum length is 256 characters" |')
    assert row in lines
    assert all(line.count(" | ") == 4 for line in lines[2:])  # pipes in rule text are escaped


# literal_text is tested with the template code: tests/runtime/test_templates.py


def test_docs_table_is_generated_from_the_rules() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "values.md").read_text(encoding="utf-8")
    table = docs.split("<!-- rules:begin -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert table == rules_markdown(), "regenerate the table in docs/values.md"


def test_every_rule_is_declared_in_the_one_table() -> None:
    # The API's rules and those only a construct checks are declared in one module
    # (openai_constructs/_l2/rules.py); everything else looks them up by id, and every rule
    # only a construct checks is looked up by the code that checks it.
    import ast
    from pathlib import Path

    from openai_constructs._l2.rules import L2_RULES

    package = Path(__file__).resolve().parents[1] / "openai_constructs"
    table = package / "_l2" / "rules.py"
    declared, looked_up = [], set()
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id == "Rule" and path != table:
                declared.append(f"{path.relative_to(package)}:{node.lineno}")
            if node.func.id == "rule" and node.args and isinstance(node.args[0], ast.Constant):
                looked_up.add(node.args[0].value)
    assert declared == []
    assert sorted(r.id for r in L2_RULES if r.id not in looked_up) == []
    assert {r.id for r in L2_RULES}.isdisjoint(r.id for r in RULES)
    assert all(rule(r.id) is r for r in (*RULES, *L2_RULES))
