"""Tool choice, truncation, reasoning effort, messages and attachments."""

from __future__ import annotations

import pytest

from openai_constructs.validation import ValidationError, rule
from openai_constructs.values import (
    Attachment,
    AutoTruncation,
    FunctionTool,
    LastMessagesTruncation,
    Message,
    ReasoningEffort,
    ToolChoice,
)

NUM_TOKEN = -1.8881545897087626e289
TOKEN = "${TfToken[TOKEN.9]}"


@pytest.mark.parametrize(
    ("choice", "text"),
    [
        (ToolChoice.none(), "none"),
        (ToolChoice.auto(), "auto"),
        (ToolChoice.required(), "required"),
        (ToolChoice.file_search(), '{"type":"file_search"}'),
        (ToolChoice.code_interpreter(), '{"type":"code_interpreter"}'),
        (ToolChoice.function("lookup"), '{"type":"function","function":{"name":"lookup"}}'),
        (ToolChoice.function(FunctionTool("from_tool")),
         '{"type":"function","function":{"name":"from_tool"}}'),
    ],
)
def test_tool_choice(choice: ToolChoice, text: str) -> None:
    assert choice.render() == text
    assert rule("tool_choice").detail(text) is None


def test_tool_choice_errors() -> None:
    with pytest.raises(ValidationError, match="function_name: set exactly when type is 'function'"):
        ToolChoice("function")
    with pytest.raises(ValidationError, match="function_name: set exactly when type is 'function'"):
        ToolChoice("auto", "f")
    with pytest.raises(ValidationError, match="type: one of none, auto"):
        ToolChoice("web_search")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"function_name: must match"):
        ToolChoice.function("no spaces allowed")


def test_truncation() -> None:
    assert AutoTruncation().render() == {"type": "auto"}
    assert LastMessagesTruncation(10).render() == {"type": "last_messages", "last_messages": 10}
    assert LastMessagesTruncation(NUM_TOKEN).render()["last_messages"] == NUM_TOKEN  # type: ignore[arg-type]


@pytest.mark.parametrize("count", [0, -3, 2.5])
def test_truncation_needs_a_positive_count(count: int) -> None:
    with pytest.raises(ValidationError, match=r"count: a positive integer, required when type "
                                               r"is last_messages \(got last_messages "):
        LastMessagesTruncation(count)


def test_reasoning_effort() -> None:
    assert [e.render() for e in ReasoningEffort] == [
        "none", "minimal", "low", "medium", "high", "xhigh", "max"]
    assert ReasoningEffort("xhigh") is ReasoningEffort.XHIGH
    assert str(ReasoningEffort.LOW) == "low"
    assert ReasoningEffort.HIGH.value == "high"
    assert isinstance(ReasoningEffort.HIGH, str)  # usable wherever a string is expected
    with pytest.raises(ValueError, match="'extreme' is not a valid ReasoningEffort"):
        ReasoningEffort("extreme")
    assert {e.value for e in ReasoningEffort} == set(
        rule("reasoning_effort").text.removeprefix("one of ").split(", "))


def test_attachment() -> None:
    assert Attachment("file-1", ["code_interpreter", "file_search"]).render() == {
        "file_id": "file-1",
        "tools": [{"type": "code_interpreter"}, {"type": "file_search"}],
    }
    assert Attachment(TOKEN, []).render() == {"file_id": TOKEN, "tools": []}


def test_attachment_errors() -> None:
    with pytest.raises(ValidationError, match=r"tools\[1\]: one of code_interpreter, file_search "
                                               r"\(got 'function'\)"):
        Attachment("file-1", ["file_search", "function"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="got the string 'file_search'"):
        Attachment("file-1", "file_search")  # type: ignore[arg-type]


def test_message() -> None:
    assert Message("Hello").render() == {"role": "user", "content": "Hello"}
    assert Message("Hi", "assistant", [Attachment("f", ["file_search"])], {"k": "v"}).render() == {
        "role": "assistant",
        "content": "Hi",
        "attachments": [{"file_id": "f", "tools": [{"type": "file_search"}]}],
        "metadata": {"k": "v"},
    }


def test_message_errors_are_collected() -> None:
    with pytest.raises(ValidationError) as raised:
        Message("x", "system", metadata={"k" * 65: "v"})  # type: ignore[arg-type]
    assert str(raised.value) == (
        "openai_constructs: 2 problems in Message:\n"
        "  - role: one of user, assistant (got 'system')\n"
        f"  - metadata: keys at most 64 characters (got key '{'k' * 35}...' with 65 characters)"
    )
