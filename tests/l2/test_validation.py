"""Every documented limit, on the construct that enforces it: the limit itself passes, one
step past it fails with one error naming the construct path, the attribute and the rule, and
nothing is added to the tree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from openai_constructs import Assistant, ChatKitSession, Message, Run, Thread, ValidationError
from openai_constructs._runtime.cdk import Construct, TerraformStack
from openai_constructs.values import CodeInterpreterTool

Build = Callable[[Construct, Any], Any]


def _assistant(**fixed: Any) -> Callable[[str], Build]:
    def for_field(field: str) -> Build:
        return lambda scope, value: Assistant(
            scope, "Subject", model="gpt-4o", **fixed, **{field: value}
        )

    return for_field


def assistant(field: str) -> Build:
    return _assistant()(field)


def function_tools(count: int, name: str = "f") -> list[dict[str, Any]]:
    return [{"type": "function", "function": {"name": f"{name}{i}"}} for i in range(count)]


def files(count: int) -> list[str]:
    return [f"file-{i}" for i in range(count)]


def pairs(count: int) -> dict[str, str]:
    return {f"k{i:02}": "v" for i in range(count)}


def thread(field: str) -> Build:
    return lambda scope, value: Thread(scope, "Subject", **{field: value})


def message(field: str) -> Build:
    def build(scope: Construct, value: Any) -> Message:
        target = Thread.from_thread_id(scope, "T", "thread_1")
        kwargs: dict[str, Any] = {"content": "hi", field: value}
        return Message(scope, "Subject", thread=target, **kwargs)

    return build


def run(field: str) -> Build:
    def build(scope: Construct, value: Any) -> Run:
        target = Thread.from_thread_id(scope, "T", "thread_1")
        bot = Assistant.from_assistant_id(scope, "A", "asst_1")
        return Run(scope, "Subject", thread=target, assistant=bot, **{field: value})

    return build


def chatkit(field: str) -> Build:
    return lambda scope, value: ChatKitSession(
        scope, "Subject", workflow_id="wf_1", user="u", **{field: value}
    )


def upload(key: str) -> Build:
    return lambda scope, value: ChatKitSession(
        scope,
        "Subject",
        workflow_id="wf_1",
        user="u",
        chatkit_configuration={"file_upload": {key: value}},
    )


# (case id, build, passing value, failing value, attribute in message, rule in message)
CASES: list[tuple[str, Build, Any, Any, str, str]] = [
    (
        "assistant.name",
        assistant("name"),
        "n" * 256,
        "n" * 257,
        "name",
        "at most 256 characters (got 257)",
    ),
    (
        "assistant.description",
        assistant("description"),
        "d" * 512,
        "d" * 513,
        "description",
        "at most 512 characters",
    ),
    (
        "assistant.instructions",
        assistant("instructions"),
        "i" * 256_000,
        "i" * 256_001,
        "instructions",
        "at most 256,000 characters",
    ),
    (
        "assistant.tools.count",
        assistant("tools"),
        function_tools(128),
        function_tools(129),
        "tools",
        "at most 128 tools (got 129)",
    ),
    (
        "assistant.function.name.chars",
        assistant("tools"),
        [{"type": "function", "function": {"name": "get_order-2"}}],
        [{"type": "function", "function": {"name": "get order"}}],
        "tools[0].function.name",
        "must match [A-Za-z0-9_-]{1,64}",
    ),
    (
        "assistant.function.name.length",
        assistant("tools"),
        [{"type": "function", "function": {"name": "f" * 64}}],
        [{"type": "function", "function": {"name": "f" * 65}}],
        "tools[0].function.name",
        "must match",
    ),
    (
        "assistant.code_interpreter.files",
        assistant("tool_resources"),
        {"code_interpreter": {"file_ids": files(20)}},
        {"code_interpreter": {"file_ids": files(21)}},
        "tool_resources.code_interpreter.file_ids",
        "at most 20 files (got 21)",
    ),
    (
        "assistant.code_interpreter.files.merged",
        _assistant(tool_resources={"code_interpreter": {"file_ids": files(10)}})("tools"),
        [CodeInterpreterTool(file_ids=files(10))],
        [CodeInterpreterTool(file_ids=files(11))],
        "tool_resources.code_interpreter.file_ids",
        "at most 20 files (got 21)",
    ),
    (
        "assistant.temperature.high",
        assistant("temperature"),
        2,
        2.01,
        "temperature",
        "between 0 and 2",
    ),
    (
        "assistant.temperature.low",
        assistant("temperature"),
        0,
        -0.1,
        "temperature",
        "between 0 and 2",
    ),
    ("assistant.top_p", assistant("top_p"), 1, 1.5, "top_p", "between 0 and 1"),
    (
        "assistant.reasoning_effort",
        assistant("reasoning_effort"),
        "xhigh",
        "extreme",
        "reasoning_effort",
        "one of none, minimal, low, medium, high, xhigh, max",
    ),
    (
        "assistant.metadata.size",
        assistant("metadata"),
        pairs(16),
        pairs(17),
        "metadata",
        "at most 16 key-value pairs",
    ),
    (
        "assistant.metadata.key",
        assistant("metadata"),
        {"k" * 64: "v"},
        {"k" * 65: "v"},
        "metadata",
        "keys at most 64 characters",
    ),
    (
        "assistant.metadata.value",
        assistant("metadata"),
        {"k": "v" * 512},
        {"k": "v" * 513},
        "metadata",
        "values at most 512 characters",
    ),
    (
        "thread.messages.role",
        thread("messages"),
        [{"content": "hi", "role": "assistant"}],
        [{"content": "hi", "role": "system"}],
        "messages[0].role",
        "one of user, assistant",
    ),
    (
        "thread.code_interpreter.files",
        thread("tool_resources"),
        {"code_interpreter": {"file_ids": files(20)}},
        {"code_interpreter": {"file_ids": files(21)}},
        "tool_resources.code_interpreter.file_ids",
        "at most 20 files",
    ),
    (
        "thread.metadata.size",
        thread("metadata"),
        pairs(16),
        pairs(17),
        "metadata",
        "at most 16 key-value pairs",
    ),
    ("message.role", message("role"), "assistant", "system", "role", "one of user, assistant"),
    (
        "message.metadata.value",
        message("metadata"),
        {"k": "v" * 512},
        {"k": "v" * 513},
        "metadata",
        "values at most 512 characters",
    ),
    ("run.temperature", run("temperature"), 2, 3, "temperature", "between 0 and 2"),
    ("run.top_p", run("top_p"), 0, -1, "top_p", "between 0 and 1"),
    (
        "run.reasoning_effort",
        run("reasoning_effort"),
        "max",
        "maximal",
        "reasoning_effort",
        "one of none, minimal",
    ),
    (
        "run.truncation.type",
        run("truncation_strategy"),
        "auto",
        {"type": "middle"},
        "truncation_strategy.type",
        "one of auto, last_messages",
    ),
    (
        "run.truncation.count",
        run("truncation_strategy"),
        1,
        0,
        "truncation_strategy",
        "a positive integer",
    ),
    (
        "run.tools.function.name",
        run("tools"),
        function_tools(1),
        function_tools(1, "a b"),
        "tools[0].function.name",
        "must match",
    ),
    (
        "run.tools.count",
        run("tools"),
        function_tools(128),
        function_tools(129),
        "tools",
        "at most 128 tools",
    ),
    (
        "run.max_prompt_tokens",
        run("max_prompt_tokens"),
        1,
        0,
        "max_prompt_tokens",
        "a positive integer",
    ),
    (
        "run.additional_messages.role",
        run("additional_messages"),
        ["hi"],
        [{"content": "hi", "role": "tool"}],
        "additional_messages[0].role",
        "one of user, assistant",
    ),
    (
        "run.metadata.size",
        run("metadata"),
        pairs(16),
        pairs(17),
        "metadata",
        "at most 16 key-value pairs",
    ),
    (
        "chatkit.state_variables.key",
        chatkit("state_variables"),
        {"k" * 64: 1},
        {"k" * 65: 1},
        "state_variables",
        "keys at most 64 characters",
    ),
    (
        "chatkit.state_variables.value",
        chatkit("state_variables"),
        {"a": "s", "b": 1, "c": 1.5, "d": True},
        {"a": ["not", "primitive"]},
        "state_variables",
        "values are primitives",
    ),
    (
        "chatkit.max_file_size.high",
        upload("max_file_size"),
        512,
        513,
        "chatkit_configuration.file_upload.max_file_size",
        "between 1 and 512",
    ),
    (
        "chatkit.max_file_size.low",
        upload("max_file_size"),
        1,
        0,
        "chatkit_configuration.file_upload.max_file_size",
        "between 1 and 512",
    ),
    (
        "chatkit.max_files",
        upload("max_files"),
        1,
        0,
        "chatkit_configuration.file_upload.max_files",
        "a positive integer",
    ),
    (
        "chatkit.recent_threads",
        lambda scope, value: ChatKitSession(
            scope,
            "Subject",
            workflow_id="wf",
            user="u",
            chatkit_configuration={"history": {"recent_threads": value}},
        ),
        1,
        -2,
        "chatkit_configuration.history.recent_threads",
        "a positive integer",
    ),
    (
        "chatkit.expiry",
        chatkit("expires_after_seconds"),
        1,
        0,
        "expires_after_seconds",
        "a positive integer",
    ),
    (
        "chatkit.rate_limit",
        chatkit("max_requests_per_minute"),
        1,
        0,
        "max_requests_per_minute",
        "a positive integer",
    ),
]


@pytest.mark.parametrize(
    ("build", "good"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES]
)
def test_the_limit_itself_passes(stack: TerraformStack, build: Build, good: Any) -> None:
    build(stack, good)
    assert stack.node.try_find_child("Subject") is not None


@pytest.mark.parametrize(
    ("build", "bad", "attribute", "rule"),
    [(c[1], c[3], c[4], c[5]) for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_one_past_the_limit_fails_before_anything_is_created(
    stack: TerraformStack, build: Build, bad: Any, attribute: str, rule: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        build(stack, bad)
    text = str(caught.value)
    assert "test/Subject" in text
    assert f"- {attribute}: " in text
    assert rule in text
    assert caught.value.construct_path == "test/Subject"
    assert stack.node.try_find_child("Subject") is None


def test_every_violation_of_a_construct_is_reported_in_one_error(stack: TerraformStack) -> None:
    with pytest.raises(ValidationError) as caught:
        Assistant(
            stack,
            "Subject",
            model="gpt-4o",
            name="n" * 300,
            temperature=3,
            top_p=2,
            tools=[{"type": "function", "function": {"name": "bad name"}}],
            metadata=pairs(17),
        )
    lines = str(caught.value).splitlines()
    assert lines[0] == "openai_constructs: 5 problems in test/Subject:"
    assert sorted(line.split(":")[0].strip("- ") for line in lines[1:]) == [
        "metadata",
        "name",
        "temperature",
        "tools[0].function.name",
        "top_p",
    ]


def test_the_error_is_a_value_error_raised_in_python_not_a_javascript_trace(
    stack: TerraformStack,
) -> None:
    with pytest.raises(ValueError) as caught:
        Thread(stack, "Subject", messages=[{"content": "x", "role": "system"}])
    assert "jsii" not in str(caught.value).lower()
    assert "at Object." not in str(caught.value)
