# ruff: noqa: E501  (a table: each case reads best on its own lines)
"""The bad-input catalogue across every public entry point.

Each case is one wrong input a user can write — L1 and L2 constructs, their methods, the
patterns, the value helpers, ``Metadata.of`` — with the exact public error class it must raise
and the parts its message must contain: the construct path as written, the attribute, the rule
or the expected type, and the fix where there is one. A last test runs every case again and
checks nothing leaves the public API outside ``openai_constructs.errors``, and that no case
leaves a construct behind. Add a case for every mistake found; ``test_catalogue.py`` holds
the one-per-rule and one-per-type-class cases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from openai_constructs import (
    Assistant,
    AssistantWithThreads,
    AttributeTypeError,
    ChatKitSession,
    ChatKitSessions,
    ConstructIdError,
    ConstructTypeError,
    Message,
    Metadata,
    OpenAIConstructsError,
    Run,
    SensitiveValueError,
    Thread,
    ThreadSpec,
    ValidationError,
    literal_text,
    values,
)
from openai_constructs.cdk import TerraformStack, TerraformVariable, Testing
from openai_constructs.l1.beta_assistant import BetaAssistant, BetaAssistantTools
from openai_constructs.l1.beta_chatkit_session import BetaChatkitSession
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.beta_thread_run import BetaThreadRun
from openai_constructs.l1.data_openai_beta_assistants import DataOpenaiBetaAssistants
from openai_constructs.l1.provider import OpenaiProvider

ATE, CTE, CIE, VE, SVE = (
    AttributeTypeError, ConstructTypeError, ConstructIdError, ValidationError, SensitiveValueError
)
KEY = "sk-proj-" + "Q1w2E3r4T5y6U7i8O9p0" * 2


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[TerraformStack], Any]
    error: type[Exception]
    parts: tuple[str, ...]
    creates: str | None = None
    """The id that must not be left in the stack (default: none is checked)."""


CASES: list[Case] = []


def case(id: str, build: Callable[[TerraformStack], Any], error: type[Exception],
         *parts: str, creates: str | None = None) -> None:
    CASES.append(Case(id, build, error, parts, creates))


def A(s: TerraformStack, id: str = "a") -> Assistant:
    return Assistant(s, id, model="gpt-4o")


def T(s: TerraformStack, id: str = "t") -> Thread:
    return Thread(s, id)


def var(s: TerraformStack, type: str = "string", name: str = "v") -> TerraformVariable:
    return TerraformVariable(s, name, type=type)


V = values

# -- Assistant: types and shapes -------------------------------------------------------------
case("assistant model int", lambda s: Assistant(s, "x", model=42), ATE,  # type: ignore[arg-type]
     "Assistant 'test/x': model: expects a string, got int 42", creates="x")
case("assistant model None", lambda s: Assistant(s, "x", model=None), ATE,  # type: ignore[arg-type]
     "Assistant 'test/x': model: is required", creates="x")
case("assistant name int", lambda s: Assistant(s, "x", model="m", name=3), ATE,  # type: ignore[arg-type]
     "Assistant 'test/x': name: expects a string, got int 3", creates="x")
case("assistant instructions list", lambda s: Assistant(s, "x", model="m", instructions=["a"]),  # type: ignore[arg-type]
     ATE, "Assistant 'test/x': instructions: expects a string", creates="x")
case("assistant temperature str", lambda s: Assistant(s, "x", model="m", temperature="hot"),  # type: ignore[arg-type]
     ATE, "Assistant 'test/x': temperature: expects a number, got str 'hot'", creates="x")
case("assistant temperature bool", lambda s: Assistant(s, "x", model="m", temperature=True),
     ATE, "temperature: expects a number, got bool True")
case("assistant temperature nan", lambda s: Assistant(s, "x", model="m", temperature=float("nan")),
     ATE, "Assistant 'test/x': temperature: expects a finite number, got float nan")
case("assistant top_p inf", lambda s: Assistant(s, "x", model="m", top_p=float("inf")),
     ATE, "top_p: expects a finite number, got float inf")
case("assistant temperature 3", lambda s: Assistant(s, "x", model="m", temperature=3),
     VE, "openai_constructs: 1 problem in test/x:", "temperature: between 0 and 2 (got 3)")
case("assistant two problems", lambda s: Assistant(s, "x", model="m", temperature=3, top_p=2),
     VE, "2 problems in test/x", "temperature: between 0 and 2", "top_p: between 0 and 1")
case("assistant name too long", lambda s: Assistant(s, "x", model="m", name="n" * 257),
     VE, "name: at most 256 characters (got 257)")
case("assistant description too long", lambda s: Assistant(s, "x", model="m", description="d" * 513),
     VE, "description: at most 512 characters (got 513)")
case("assistant reasoning effort", lambda s: Assistant(s, "x", model="m", reasoning_effort="maximal"),
     VE, "reasoning_effort: one of none, minimal, low, medium, high, xhigh, max (got 'maximal')")
case("assistant tools single helper", lambda s: Assistant(s, "x", model="m", tools=V.FileSearchTool()),  # type: ignore[arg-type]
     ATE, "Assistant 'test/x': tools: expects a list of tools", "write [FileSearchTool(...)]")
case("assistant tools bare string", lambda s: Assistant(s, "x", model="m", tools="code_interpreter"),
     ATE, "tools: expects a list of tools, got str 'code_interpreter'",
     "write ['code_interpreter'] for one tool")
case("assistant tools set", lambda s: Assistant(s, "x", model="m", tools={"a"}),  # type: ignore[arg-type]
     ATE, "tools: expects a list of tools, got a set", "pass a list in the order meant")
case("assistant tools dict", lambda s: Assistant(s, "x", model="m", tools={"type": "code_interpreter"}),  # type: ignore[arg-type]
     ATE, "tools: expects a list of tools, got dict", "pass the values as a list")
case("assistant tools int", lambda s: Assistant(s, "x", model="m", tools=3),  # type: ignore[arg-type]
     ATE, "tools: expects a list of tools, got int 3")
case("assistant tool item int", lambda s: Assistant(s, "x", model="m", tools=[3]),
     ATE, "Assistant 'test/x': tools[0]: expects a tool (CodeInterpreterTool, FileSearchTool, "
     "FunctionTool", "got int 3")
case("assistant tool item str", lambda s: Assistant(s, "x", model="m", tools=["code_interpreter"]),
     ATE, "tools[0]: expects a tool", "got str 'code_interpreter'")
case("assistant tool misspelled key", lambda s: Assistant(s, "x", model="m", tools=[
    {"type": "function", "fucntion": {"name": "f"}}]),
     ATE, "Assistant 'test/x': tools[0]: unknown key 'fucntion'; did you mean 'function'?")
case("assistant tool nested misspelled key", lambda s: Assistant(s, "x", model="m", tools=[
    {"type": "function", "function": {"nmae": "f"}}]),
     ATE, "tools[0].function: unknown key 'nmae'; did you mean 'name'?")
case("assistant tool type unknown", lambda s: Assistant(s, "x", model="m", tools=[{"type": "web"}]),
     VE, "tools[0].type: one of code_interpreter, file_search, function (got 'web')")
case("assistant function without block", lambda s: Assistant(s, "x", model="m", tools=[
    {"type": "function"}]), VE, "tools[0]: set exactly when type is function")
case("assistant function name spaces", lambda s: Assistant(s, "x", model="m", tools=[
    {"type": "function", "function": {"name": "a b"}}]),
     VE, "tools[0].function.name: must match [A-Za-z0-9_-]{1,64} (got 'a b')")
case("assistant function parameters set", lambda s: Assistant(s, "x", model="m", tools=[
    {"type": "function", "function": {"name": "f", "parameters": {"enum": {1, 2}}}}]),
     ATE, "tools[0].function.parameters['enum']: expects a JSON value, got set")
case("assistant tool_resources str", lambda s: Assistant(s, "x", model="m", tool_resources="x"),  # type: ignore[arg-type]
     ATE, "Assistant 'test/x': tool_resources: expects a dict", "got str 'x'")
case("assistant tool_resources entry str", lambda s: Assistant(s, "x", model="m",
                                                               tool_resources={"code_interpreter": "x"}),  # type: ignore[dict-item]
     ATE, "tool_resources['code_interpreter']: expects a dict (e.g. {'file_ids': [...]})")
case("assistant tool_resources object", lambda s: Assistant(s, "x", model="m", tool_resources=object()),  # type: ignore[arg-type]
     ATE, "tool_resources: expects a dict", "got object")
case("assistant tool_resources unknown key", lambda s: Assistant(s, "x", model="m", tool_resources={
    "code_interpretr": {"file_ids": ["f"]}}),
     ATE, "tool_resources: unknown key 'code_interpretr'; did you mean 'code_interpreter'?")
case("assistant tool_resources file_ids str", lambda s: Assistant(s, "x", model="m", tool_resources={
    "code_interpreter": {"file_ids": "file-1"}}),
     ATE, "tool_resources.code_interpreter.file_ids: expects a list of strings, got str 'file-1'")
case("assistant too many files", lambda s: Assistant(s, "x", model="m", tool_resources={
    "code_interpreter": {"file_ids": ["f"] * 21}}),
     VE, "tool_resources.code_interpreter.file_ids: at most 20 files (got 21)")
case("assistant two vector stores", lambda s: Assistant(s, "x", model="m", tool_resources={
    "file_search": {"vector_store_ids": ["a", "b"]}}),
     VE, "tool_resources.file_search.vector_store_ids: at most 1 vector store (got 2)")
case("assistant response_format nan", lambda s: Assistant(s, "x", model="m", response_format={
    "type": "json_object", "x": float("nan")}),
     ATE, "response_format['x']: expects a JSON value, got float nan (JSON has no NaN")
case("assistant response_format set", lambda s: Assistant(s, "x", model="m", response_format={
    "type": "json_object", "x": {1}}), ATE, "response_format['x']: expects a JSON value, got a set")
case("assistant response_format bytes", lambda s: Assistant(s, "x", model="m", response_format={
    "type": "json_object", "x": b"x"}), ATE, "response_format['x']: expects a JSON value, got bytes")
case("assistant response_format int key", lambda s: Assistant(s, "x", model="m", response_format={
    1: "x"}), ATE, "response_format: expects a JSON value, got a key int 1")
case("assistant response_format int", lambda s: Assistant(s, "x", model="m", response_format=3),
     ATE, "response_format: expects a string, a dict or a helper", "got int 3")
case("assistant response_format type", lambda s: Assistant(s, "x", model="m", response_format={
    "type": "xml"}), VE, "response_format: auto or the JSON text of", "(got type 'xml')")
case("assistant response_format text", lambda s: Assistant(s, "x", model="m", response_format="json"),
     VE, "response_format: auto or the JSON text", "(got 'json')")
case("assistant metadata str", lambda s: Assistant(s, "x", model="m", metadata="team"),  # type: ignore[arg-type]
     ATE, "Assistant 'test/x': metadata: expects a dict of strings (key -> value), got str 'team'")
case("assistant metadata list", lambda s: Assistant(s, "x", model="m", metadata=[("a", "b")]),  # type: ignore[arg-type]
     ATE, "metadata: expects a dict of strings", "got list")
case("assistant metadata int value", lambda s: Assistant(s, "x", model="m", metadata={"k": 1}),  # type: ignore[dict-item]
     ATE, "Assistant 'test/x': metadata['k']: expects a string, got int 1", creates="x")
case("assistant metadata comment key", lambda s: Assistant(s, "x", model="m", metadata={"//": "a"}),
     ATE, "metadata: has a key '//'", "use another key")
case("assistant metadata proto key", lambda s: Assistant(s, "x", model="m", metadata={"__proto__": "a"}),
     ATE, "metadata: has a key '__proto__'")
case("assistant metadata 17 pairs", lambda s: Assistant(s, "x", model="m", metadata={
    f"k{i}": "v" for i in range(17)}), VE, "metadata: at most 16 key-value pairs (got 17)")
case("assistant metadata long key", lambda s: Assistant(s, "x", model="m", metadata={"k" * 65: "v"}),
     VE, "metadata: keys at most 64 characters")
case("assistant metadata long value", lambda s: Assistant(s, "x", model="m", metadata={"k": "v" * 513}),
     VE, "metadata: values at most 512 characters (got value of 'k' with 513 characters)")
case("assistant lone surrogate", lambda s: Assistant(s, "x", model="m", instructions="a\ud800"),
     ATE, "instructions: contains a lone surrogate (U+D800)")
case("assistant huge int", lambda s: Assistant(s, "x", model="m", temperature=2**60),
     ATE, "temperature: expects an integer between -2**53 and 2**53", "pass a float")
case("assistant number ref as model", lambda s: Assistant(s, "x", model=var(s, "number").number_value),  # type: ignore[arg-type]
     ATE, "Assistant 'test/x': model: expects a string, got a number reference",
     "pass Token.as_string(value)")
case("assistant list element as model", lambda s: Assistant(s, "x", model=var(s, "list(string)").list_value[0]),
     ATE, "model: got one element of a list reference", "Fn.element(the_list, index)")
case("assistant misspelled keyword", lambda s: Assistant(s, "x", modle="m"),  # type: ignore[call-arg]
     ATE, "Assistant 'test/x': unexpected keyword argument 'modle'; did you mean 'model'?")
case("assistant misspelled temperature", lambda s: Assistant(s, "x", model="m", tempreature=1),  # type: ignore[call-arg]
     ATE, "unexpected keyword argument 'tempreature'; did you mean 'temperature'?")
case("assistant positional options", lambda s: Assistant(s, "x", "m"),  # type: ignore[misc]
     ATE, "Assistant 'test/x': too many positional arguments")
case("assistant missing model", lambda s: Assistant(s, "x"),  # type: ignore[call-arg]
     ATE, "Assistant 'test/x': model: is required")

# -- ids and scopes ----------------------------------------------------------------------------
case("empty id", lambda s: Assistant(s, "", model="m"), CIE,
     "Assistant 'test': the id is empty")
case("reference id", lambda s: Assistant(s, var(s).string_value, model="m"), CIE,
     "the id is a reference", "use a literal string")
case("Default id", lambda s: Assistant(s, "Default", model="m"), CIE,
     "the id 'Default' is reserved", "choose another id")
case("int id", lambda s: Assistant(s, 42, model="m"), ATE,  # type: ignore[arg-type]
     "Assistant 'test': id: expects a string, got int 42")
case("duplicate id", lambda s: (A(s, "a"), A(s, "a")), CIE,
     "Assistant 'test/a': the id 'a' is already used by a sibling")
case("duplicate id across kinds", lambda s: (A(s, "a"), T(s, "a")), CIE,
     "Thread 'test/a': the id 'a' is already used")
case("scope is a string", lambda s: Assistant("stack", "x", model="m"), CTE,  # type: ignore[arg-type]
     "Assistant 'x': scope: expects a construct", "got str 'stack'")
case("scope is None", lambda s: Thread(None, "x"), CTE,  # type: ignore[arg-type]
     "Thread 'x': scope: expects a construct")
case("thread empty id", lambda s: Thread(s, ""), CIE, "Thread 'test': the id is empty")
case("message Default id", lambda s: Message(s, "Default", thread=T(s), content="c"), CIE,
     "Message 'test': the id 'Default' is reserved")
case("run reference id", lambda s: Run(s, var(s).string_value, thread=T(s), assistant=A(s)), CIE,
     "Run 'test': the id is a reference")
case("chatkit empty id", lambda s: ChatKitSession(s, "", workflow_id="w", user="u"), CIE,
     "ChatKitSession 'test': the id is empty")
case("pattern Default id", lambda s: AssistantWithThreads(s, "Default", assistant={"model": "m"}),
     CIE, "AssistantWithThreads 'test': the id 'Default' is reserved")
case("sessions duplicate id", lambda s: (T(s, "c"), ChatKitSessions(s, "c", workflow_id="w", users=["a"])),
     CIE, "ChatKitSessions 'test/c': the id 'c' is already used")
case("import Default id", lambda s: Assistant.from_assistant_id(s, "Default", "asst_1"), CIE,
     "Assistant.from_assistant_id 'test': the id 'Default' is reserved")
case("lookup empty id", lambda s: Thread.from_lookup(s, "", thread_id="t"), CIE,
     "Thread.from_lookup 'test': the id is empty")
case("L1 duplicate id", lambda s: (BetaThread(s, "t"), BetaThread(s, "t")), CIE,
     "BetaThread 'test/t': the id 't' is already used by a sibling")

# -- Assistant methods -------------------------------------------------------------------------
case("add_tool str", lambda s: A(s).add_tool("code_interpreter"), ATE,
     "Assistant.add_tool 'test/a': tools[0]: expects a tool", "got str 'code_interpreter'")
case("add_tool after tools offset", lambda s: Assistant(s, "a", model="m", tools=[V.CodeInterpreterTool()])
     .add_tool(V.FileSearchTool(), 3), ATE, "Assistant.add_tool 'test/a': tools[2]: expects a tool")
case("add_tool misspelled key", lambda s: A(s).add_tool({"type": "function", "fucntion": {"name": "f"}}),
     ATE, "tools[0]: unknown key 'fucntion'; did you mean 'function'?")
case("add_tool 129 tools", lambda s: A(s).add_tool(*[V.CodeInterpreterTool()] * 129), VE,
     "tools: at most 128 tools (got 129)")
case("add_metadata int", lambda s: A(s).add_metadata("k", 1), ATE,  # type: ignore[arg-type]
     "Assistant.add_metadata 'test/a': metadata['k']: expects a string, got int 1",
     "str(value) for a number")
case("add_metadata int key", lambda s: A(s).add_metadata(1, "v"), ATE,  # type: ignore[arg-type]
     "Assistant.add_metadata 'test/a': metadata: the key must be a literal string, got int 1")
case("add_metadata reference key", lambda s: A(s).add_metadata(var(s).string_value, "v"), ATE,
     "metadata: the key must be a literal string, got a reference")
case("add_metadata comment key", lambda s: A(s).add_metadata("//", "v"), ATE,
     "Assistant.add_metadata 'test/a': metadata: has a key '//'")
case("add_metadata long value", lambda s: A(s).add_metadata("k", "v" * 513), VE,
     "metadata: values at most 512 characters")
case("add_metadata on referenced metadata", lambda s: Assistant(
    s, "a", model="m", metadata=var(s, "map(string)").value).add_metadata("k", "v"), VE,
     "metadata: a literal map to add pairs to with add_metadata")
case("add_metadata 17th pair", lambda s: Assistant(s, "a", model="m", metadata={
    f"k{i}": "v" for i in range(16)}).add_metadata("k16", "v"), VE,
     "metadata: at most 16 key-value pairs (got 17)")
case("from_assistant_id empty", lambda s: Assistant.from_assistant_id(s, "x", ""), VE,
     "assistant_id: a non-empty string or a reference (got '')")
case("from_assistant_id int", lambda s: Assistant.from_assistant_id(s, "x", 3), VE,  # type: ignore[arg-type]
     "assistant_id: a non-empty string or a reference (got 3)")
case("from_lookup neither", lambda s: Assistant.from_lookup(s, "x"), ATE,
     "Assistant.from_lookup 'test/x': give either assistant_id or newest=True")
case("from_lookup both", lambda s: Assistant.from_lookup(s, "x", assistant_id="a", newest=True),
     ATE, "give either assistant_id or newest=True")
case("from_lookup id int", lambda s: Assistant.from_lookup(s, "x", assistant_id=3), ATE,  # type: ignore[arg-type]
     "Assistant.from_lookup 'test/x': assistant_id: expects a string, got int 3", creates="x")

# -- Thread and Message ------------------------------------------------------------------------
case("thread messages str", lambda s: Thread(s, "x", messages="hello"), ATE,
     "Thread 'test/x': messages: expects a list of messages, got str 'hello'",
     "write ['hello'] for one message")
case("thread messages set", lambda s: Thread(s, "x", messages={"a", "b"}), ATE,  # type: ignore[arg-type]
     "messages: expects a list of messages, got a set", "sorted(...) if any order will do")
case("thread messages frozenset", lambda s: Thread(s, "x", messages=frozenset({"a"})), ATE,  # type: ignore[arg-type]
     "messages: expects a list of messages, got a frozenset")
case("thread messages dict", lambda s: Thread(s, "x", messages={"content": "hi"}), ATE,  # type: ignore[arg-type]
     "messages: expects a list of messages, got dict")
case("thread message int", lambda s: Thread(s, "x", messages=[123]), ATE,  # type: ignore[list-item]
     "Thread 'test/x': messages[0]: expects a string, a values.Message or a dict, got int 123")
case("thread message None", lambda s: Thread(s, "x", messages=["a", None]), ATE,  # type: ignore[list-item]
     "messages[1]: expects a string, a values.Message or a dict, got NoneType None")
case("thread message role", lambda s: Thread(s, "x", messages=[{"content": "c", "role": "system"}]),
     VE, "messages[0].role: one of user, assistant (got 'system')")
case("thread message misspelled key", lambda s: Thread(s, "x", messages=[{"contnet": "c"}]),
     ATE, "Thread 'test/x': messages[0]: unknown key 'contnet'; did you mean 'content'?")
case("thread message content int", lambda s: Thread(s, "x", messages=[{"content": 5}]),
     ATE, "Thread 'test/x': messages[0].content: expects a string, got int 5", creates="x")
case("thread message attachments str", lambda s: Thread(s, "x", messages=[
    {"content": "c", "attachments": "file-1"}]),
     ATE, "messages[0].attachments: expects a list of attachments, got str 'file-1'")
case("thread message attachment tool", lambda s: Thread(s, "x", messages=[
    {"content": "c", "attachments": [{"file_id": "f", "tools": [{"type": "function"}]}]}]),
     VE, "messages[0].attachments[0].tools[0].type: one of code_interpreter, file_search")
case("thread message metadata int", lambda s: Thread(s, "x", messages=[
    {"content": "c", "metadata": {"k": 2}}]), ATE, "messages[0].metadata['k']: expects a string")
case("thread tool_resources list", lambda s: Thread(s, "x", tool_resources=["f"]), ATE,  # type: ignore[arg-type]
     "Thread 'test/x': tool_resources: expects a dict")
case("thread metadata str", lambda s: Thread(s, "x", metadata="m"), ATE,  # type: ignore[arg-type]
     "Thread 'test/x': metadata: expects a dict of strings")
case("thread misspelled keyword", lambda s: Thread(s, "x", mesages=["a"]), ATE,  # type: ignore[call-arg]
     "Thread 'test/x': unexpected keyword argument 'mesages'; did you mean 'messages'?")
case("thread 21 files", lambda s: Thread(s, "x", tool_resources={
    "code_interpreter": {"file_ids": ["f"] * 21}}), VE, "at most 20 files (got 21)")
case("add_message int", lambda s: T(s).add_message(3), ATE,  # type: ignore[arg-type]
     "Message 'test/t/Message1': content: expects a string, got int 3")
case("add_message role", lambda s: T(s).add_message("hi", role="system"), VE,  # type: ignore[arg-type]
     "role: one of user, assistant (got 'system')")
case("add_message misspelled keyword", lambda s: T(s).add_message("hi", rol="user"), ATE,  # type: ignore[call-arg]
     "Thread.add_message 'test/t': unexpected keyword argument 'rol'; did you mean 'role'?")
case("add_message attachments str", lambda s: T(s).add_message("hi", attachments="file-1"), ATE,
     "attachments: expects a list of attachments, got str 'file-1'")
case("add_message metadata str", lambda s: T(s).add_message("hi", metadata="x"), ATE,  # type: ignore[arg-type]
     "Message 'test/t/Message1': metadata: expects a dict of strings")
case("add_message empty id", lambda s: T(s).add_message("hi", id=""), CIE,
     "Message 'test/t': the id is empty")
case("message thread is assistant", lambda s: Message(s, "m", thread=A(s), content="c"), CTE,  # type: ignore[arg-type]
     "Message 'test/m': thread: expects a thread (IThread", "got Assistant 'test/a'")
case("message thread is id", lambda s: Message(s, "m", thread="thread_1", content="c"), CTE,  # type: ignore[arg-type]
     "thread: expects a thread", "Thread.from_thread_id(scope, \"Id\", 'thread_1')")
case("message content list", lambda s: Message(s, "m", thread=T(s), content=["a"]), ATE,  # type: ignore[arg-type]
     "Message 'test/m': content: expects a string, got list ['a']")
case("message misspelled keyword", lambda s: Message(s, "m", thread=T(s), contents="c"), ATE,  # type: ignore[call-arg]
     "Message 'test/m': unexpected keyword argument 'contents'; did you mean 'content'?")
case("from_thread_id empty", lambda s: Thread.from_thread_id(s, "x", ""), VE,
     "thread_id: a non-empty string or a reference (got '')")
case("from_lookup thread int", lambda s: Thread.from_lookup(s, "x", thread_id=3), ATE,  # type: ignore[arg-type]
     "Thread.from_lookup 'test/x': thread_id: expects a string, got int 3", creates="x")

# -- Run and Thread.run ------------------------------------------------------------------------
case("run assistant is thread", lambda s: T(s).run(Thread(s, "o")), CTE,  # type: ignore[arg-type]
     "Thread.run 'test/t': assistant: expects an assistant (IAssistant", "got Thread 'test/o'")
case("run assistant is id", lambda s: T(s).run("asst_123"), CTE,  # type: ignore[arg-type]
     "Thread.run 'test/t': assistant: expects an assistant",
     "Assistant.from_assistant_id(scope, \"Id\", 'asst_123')")
case("run assistant is None", lambda s: T(s).run(None), CTE,  # type: ignore[arg-type]
     "assistant: expects an assistant", "got NoneType None")
case("Run assistant is thread", lambda s: Run(s, "r", thread=T(s), assistant=Thread(s, "o")), CTE,  # type: ignore[arg-type]
     "Run 'test/r': assistant: expects an assistant", "got Thread 'test/o'")
case("Run thread is assistant", lambda s: Run(s, "r", thread=A(s), assistant=A(s, "b")), CTE,  # type: ignore[arg-type]
     "Run 'test/r': thread: expects a thread", "got Assistant 'test/a'")
case("Run thread is id", lambda s: Run(s, "r", thread="thread_1", assistant=A(s)), CTE,  # type: ignore[arg-type]
     "Thread.from_thread_id(scope, \"Id\", 'thread_1')")
case("run misspelled option", lambda s: T(s).run(A(s), tempratur=1), ATE,  # type: ignore[call-arg]
     "Thread.run 'test/t': unknown Run option 'tempratur'; did you mean 'temperature'?")
case("run unknown option", lambda s: T(s).run(A(s), zzz=1), ATE,  # type: ignore[call-arg]
     "unknown Run option 'zzz'; options: instructions")
case("Run misspelled keyword", lambda s: Run(s, "r", thread=T(s), assistant=A(s), modle="m"), ATE,  # type: ignore[call-arg]
     "Run 'test/r': unexpected keyword argument 'modle'; did you mean 'model'?")
case("run truncation misspelled key", lambda s: T(s).run(A(s), truncation_strategy={
    "type": "last_messages", "last_mesages": 5}),
     ATE, "truncation_strategy: unknown key 'last_mesages'; did you mean 'last_messages'?")
case("run truncation zero", lambda s: T(s).run(A(s), truncation_strategy=0), VE,
     "truncation_strategy: a positive integer, required when type is last_messages")
case("run truncation type", lambda s: T(s).run(A(s), truncation_strategy="first"), VE,
     "truncation_strategy.type: one of auto, last_messages (got 'first')")
case("run tool_choice set", lambda s: T(s).run(A(s), tool_choice={"type": "function", "x": {1}}),
     ATE, "Run 'test/t/Run1': tool_choice['x']: expects a JSON value, got a set")
case("run tool_choice mode", lambda s: T(s).run(A(s), tool_choice="sometimes"), VE,
     "tool_choice: none, auto, required or the JSON text", "(got 'sometimes')")
case("run tool_choice function name", lambda s: T(s).run(A(s), tool_choice={
    "type": "function", "function": {"name": "a b"}}), VE, "tool_choice:", "function name 'a b'")
case("run max_prompt_tokens zero", lambda s: T(s).run(A(s), max_prompt_tokens=0), VE,
     "max_prompt_tokens: a positive integer (got 0)")
case("run max_completion_tokens str", lambda s: T(s).run(A(s), max_completion_tokens="10"), ATE,  # type: ignore[arg-type]
     "Run 'test/t/Run1': max_completion_tokens: expects a number, got str '10'")
case("run parallel_tool_calls str", lambda s: T(s).run(A(s), parallel_tool_calls="yes"), ATE,  # type: ignore[arg-type]
     "parallel_tool_calls: expects a bool, got str 'yes'")
case("run tools str", lambda s: T(s).run(A(s), tools="code_interpreter"), ATE,
     "Run 'test/t/Run1': tools: expects a list of tools, got str 'code_interpreter'")
case("run additional_messages str", lambda s: T(s).run(A(s), additional_messages="hi"), ATE,
     "additional_messages: expects a list of messages, got str 'hi'")
case("run additional message int", lambda s: T(s).run(A(s), additional_messages=[1]), ATE,  # type: ignore[list-item]
     "additional_messages[0]: expects a string, a values.Message or a dict, got int 1")
case("run metadata int", lambda s: T(s).run(A(s), metadata={"k": 1}), ATE,  # type: ignore[dict-item]
     "Run 'test/t/Run1': metadata['k']: expects a string, got int 1")
case("run reasoning effort", lambda s: T(s).run(A(s), reasoning_effort="extreme"), VE,
     "reasoning_effort: one of none")
case("run temperature", lambda s: T(s).run(A(s), temperature=-1), VE,
     "temperature: between 0 and 2 (got -1)")
case("run response_format nan", lambda s: T(s).run(A(s), response_format={"x": float("inf")}),
     ATE, "response_format['x']: expects a JSON value, got float inf")

# -- ChatKitSession ----------------------------------------------------------------------------
case("chatkit state_variables None", lambda s: ChatKitSession(s, "c", workflow_id="w", user="u",
                                                              state_variables={"a": None}),  # type: ignore[dict-item]
     ATE, "ChatKitSession 'test/c': state_variables['a']: is None", "omit the key")
case("chatkit state_variables str", lambda s: ChatKitSession(s, "c", workflow_id="w", user="u",
                                                             state_variables="plan=pro"),  # type: ignore[arg-type]
     ATE, "state_variables: expects a dict of str, int, float or bool values, got str")
case("chatkit state_variables list value", lambda s: ChatKitSession(s, "c", workflow_id="w", user="u",
                                                                    state_variables={"a": [1]}),  # type: ignore[dict-item]
     VE, "state_variables: values are primitives", "(got value of 'a' (list))")
case("chatkit state_variables long key", lambda s: ChatKitSession(s, "c", workflow_id="w", user="u",
                                                                  state_variables={"k" * 65: 1}),
     VE, "state_variables: keys at most 64 characters")
case("chatkit user int", lambda s: ChatKitSession(s, "c", workflow_id="w", user=3), ATE,  # type: ignore[arg-type]
     "ChatKitSession 'test/c': user: expects a string, got int 3", creates="c")
case("chatkit workflow_id int", lambda s: ChatKitSession(s, "c", workflow_id=3, user="u"), ATE,  # type: ignore[arg-type]
     "ChatKitSession 'test/c': workflow_id: expects a string, got int 3")
case("chatkit tracing str", lambda s: ChatKitSession(s, "c", workflow_id="w", user="u", tracing="on"),  # type: ignore[arg-type]
     ATE, "ChatKitSession 'test/c': tracing: expects a bool, got str 'on'")
case("chatkit expiry zero", lambda s: ChatKitSession(s, "c", workflow_id="w", user="u",
                                                     expires_after_seconds=0),
     VE, "expires_after_seconds: a positive integer (got 0)")
case("chatkit expiry str", lambda s: ChatKitSession(s, "c", workflow_id="w", user="u",
                                                    expires_after_seconds="1h"),  # type: ignore[arg-type]
     ATE, "ChatKitSession 'test/c': expires_after_seconds: expects a number, got str '1h'")
case("chatkit rate limit", lambda s: ChatKitSession(s, "c", workflow_id="w", user="u",
                                                    max_requests_per_minute=-3),
     VE, "max_requests_per_minute: a positive integer (got -3)")
case("chatkit configuration misspelled", lambda s: ChatKitSession(s, "c", workflow_id="w", user="u",
                                                                  chatkit_configuration={"histroy": {}}),
     ATE, "chatkit_configuration: unknown key 'histroy'; did you mean 'history'?")
case("chatkit upload size", lambda s: ChatKitSession(s, "c", workflow_id="w", user="u",
                                                     chatkit_configuration={"file_upload": {"max_file_size": 600}}),
     VE, "chatkit_configuration.file_upload.max_file_size: an integer between 1 and 512")
case("chatkit misspelled keyword", lambda s: ChatKitSession(s, "c", workflow_id="w", usr="u"),  # type: ignore[call-arg]
     ATE, "ChatKitSession 'test/c': unexpected keyword argument 'usr'; did you mean 'user'?")

# -- Metadata.of -------------------------------------------------------------------------------
case("metadata add int value", lambda s: Metadata.of(s).add("k", 1), ATE,  # type: ignore[arg-type]
     "Metadata.of('test').add: metadata['k']: expects a string, got int 1")
case("metadata add comment key", lambda s: Metadata.of(s).add("//", "x"), ATE,
     "Metadata.of('test').add: metadata: has a key '//'")
case("metadata add int key", lambda s: Metadata.of(s).add(3, "x"), ATE,  # type: ignore[arg-type]
     "metadata: the key must be a literal string, got int 3")
case("metadata add reference key", lambda s: Metadata.of(s).add(var(s).string_value, "x"), ATE,
     "metadata: the key must be a literal string, got a reference")
case("metadata add long value", lambda s: Metadata.of(s).add("k", "v" * 513), VE,
     "metadata: values at most 512 characters")
case("metadata add 17th pair", lambda s: (Assistant(s, "a", model="m", metadata={
    f"k{i}": "v" for i in range(16)}), Metadata.of(s).add("extra", "v")), VE,
     "Metadata.of('test').add('extra', ...)", "test/a: metadata: at most 16 key-value pairs")

# -- patterns ----------------------------------------------------------------------------------
case("pattern assistant misspelled option", lambda s: AssistantWithThreads(
    s, "p", assistant={"modle": "m"}), ATE,  # type: ignore[typeddict-unknown-key]
     "AssistantWithThreads 'test/p': assistant: unknown Assistant option 'modle'; did you mean "
     "'model'?", creates="p")
case("pattern assistant without model", lambda s: AssistantWithThreads(
    s, "p", assistant={"name": "n"}), ATE,  # type: ignore[typeddict-item]
     "assistant: the Assistant options need a model")
case("pattern assistant is thread", lambda s: AssistantWithThreads(s, "p", assistant=T(s)), CTE,  # type: ignore[arg-type]
     "AssistantWithThreads 'test/p': assistant: expects an assistant", "got Thread 'test/t'")
case("pattern assistant is id", lambda s: AssistantWithThreads(s, "p", assistant="asst_1"), CTE,  # type: ignore[arg-type]
     "Assistant.from_assistant_id(scope, \"Id\", 'asst_1')")
case("pattern threads list", lambda s: AssistantWithThreads(s, "p", assistant={"model": "m"},
                                                            threads=["welcome"]),  # type: ignore[arg-type]
     ATE, "AssistantWithThreads 'test/p': threads: expects a dict of name -> ThreadSpec")
case("pattern thread str", lambda s: AssistantWithThreads(s, "p", assistant={"model": "m"},
                                                          threads={"a": "hi"}),
     ATE, "threads['a']: expects a ThreadSpec or a list of seed messages, got str 'hi'",
     "write ['hi'] for one message")
case("pattern thread set", lambda s: AssistantWithThreads(s, "p", assistant={"model": "m"},
                                                          threads={"a": {"x", "y"}}),  # type: ignore[dict-item]
     ATE, "threads['a']: expects a list of messages, got a set")
case("pattern run option misspelled", lambda s: AssistantWithThreads(
    s, "p", assistant={"model": "m"}, run_options={"tempratur": 1}),  # type: ignore[typeddict-unknown-key]
     ATE, "AssistantWithThreads 'test/p': run_options: unknown Run option 'tempratur'")
case("pattern thread name", lambda s: AssistantWithThreads(s, "p", assistant={"model": "m"},
                                                           threads={"1st": []}),
     VE, "threads['1st']: a letter, then up to 63 letters")
case("pattern reserved thread name", lambda s: AssistantWithThreads(s, "p", assistant={"model": "m"},
                                                                    threads={"Outputs": []}),
     VE, "threads['Outputs']: unique among the pattern's threads")
case("pattern output_prefix", lambda s: AssistantWithThreads(s, "p", assistant={"model": "m"},
                                                             output_prefix="1x"),
     VE, "output_prefix: a letter, then up to 63 letters")
case("pattern on_thread not callable", lambda s: AssistantWithThreads(
    s, "p", assistant={"model": "m"}, on_thread="print"),  # type: ignore[arg-type]
     ATE, "on_thread: expects a function (name, thread), got str 'print'")
case("pattern misspelled keyword", lambda s: AssistantWithThreads(s, "p", asistant={"model": "m"}),  # type: ignore[call-arg]
     ATE, "AssistantWithThreads 'test/p': unexpected keyword argument 'asistant'; did you mean "
     "'assistant'?")
case("pattern inner assistant type", lambda s: AssistantWithThreads(s, "p", assistant={"model": 42}),  # type: ignore[typeddict-item]
     ATE, "Assistant 'test/p/Assistant': model: expects a string, got int 42", creates="p")
case("pattern thread run bad option type", lambda s: AssistantWithThreads(
    s, "p", assistant={"model": "m"}, threads={"a": ThreadSpec(messages=["x"], run=True,
                                                              run_options={"temperature": 9})}),
     VE, "in test/p/a/Run:", "temperature: between 0 and 2 (got 9)", creates="p")
case("add_thread twice", lambda s: AssistantWithThreads(s, "p", assistant={"model": "m"},
                                                        threads={"a": []}).add_thread("a"),
     VE, "threads['a']: unique among the pattern's threads")
case("add_thread str spec", lambda s: AssistantWithThreads(s, "p", assistant={"model": "m"})
     .add_thread("a", "hello"), ATE,
     "AssistantWithThreads.add_thread 'test/p': threads['a']: expects a ThreadSpec")
case("ThreadSpec messages str", lambda s: ThreadSpec(messages="hi"), ATE,
     "ThreadSpec: messages: expects a list of messages, got str 'hi'")
case("ThreadSpec run option", lambda s: ThreadSpec(run_options={"modle": "m"}), ATE,  # type: ignore[typeddict-unknown-key]
     "ThreadSpec: run_options: unknown Run option 'modle'; did you mean 'model'?")
case("ThreadSpec misspelled field", lambda s: ThreadSpec(mesages=["a"]), ATE,  # type: ignore[call-arg]
     "ThreadSpec: unexpected keyword argument 'mesages'; did you mean 'messages'?")
case("sessions users str", lambda s: ChatKitSessions(s, "c", workflow_id="w", users="alice"), ATE,
     "ChatKitSessions 'test/c': users: expects a list of users, got str 'alice'",
     "write ['alice'] for one user", creates="c")
case("sessions users set", lambda s: ChatKitSessions(s, "c", workflow_id="w", users={"a", "b"}), ATE,  # type: ignore[arg-type]
     "users: expects a list of users, got a set")
case("sessions user int", lambda s: ChatKitSessions(s, "c", workflow_id="w", users=[1]), ATE,  # type: ignore[list-item]
     "ChatKitSessions 'test/c': users[0]: expects a user identifier (a string), got int 1")
case("sessions user reference", lambda s: ChatKitSessions(s, "c", workflow_id="w",
                                                          users=[var(s).string_value]), ATE,
     "users[0]: a reference cannot name a session", "pass a mapping of name to user")
case("sessions no users", lambda s: ChatKitSessions(s, "c", workflow_id="w", users=[]), VE,
     "users: at least one user (got none)")
case("sessions colliding names", lambda s: ChatKitSessions(s, "c", workflow_id="w",
                                                           users=["a.b", "a b"]),
     VE, "users: distinct names once characters other than letters")
case("sessions callback not callable", lambda s: ChatKitSessions(s, "c", workflow_id="w", users=["a"],
                                                                 on_session=3),  # type: ignore[arg-type]
     ATE, "ChatKitSessions 'test/c': on_session: expects a function, got int 3")
case("sessions inner type error", lambda s: ChatKitSessions(s, "c", workflow_id="w", users=["a"],
                                                            expires_after_seconds="1h"),  # type: ignore[arg-type]
     ATE, "ChatKitSession 'test/c/a': expires_after_seconds: expects a number", creates="c")
case("sessions misspelled keyword", lambda s: ChatKitSessions(s, "c", workflow="w", users=["a"]),  # type: ignore[call-arg]
     ATE, "ChatKitSessions 'test/c': unexpected keyword argument 'workflow'; did you mean "
     "'workflow_id'?")

# -- value helpers -----------------------------------------------------------------------------
case("FunctionTool name", lambda s: V.FunctionTool("a b"), VE,
     "1 problem in FunctionTool", "name: must match [A-Za-z0-9_-]{1,64} (got 'a b')")
case("FunctionTool parameters list", lambda s: V.FunctionTool("f", parameters=["x"]), ATE,  # type: ignore[arg-type]
     "FunctionTool: parameters: expects a JSON Schema dict, got list")
case("FunctionTool misspelled field", lambda s: V.FunctionTool(nme="f"), ATE,  # type: ignore[call-arg]
     "FunctionTool: unexpected keyword argument 'nme'; did you mean 'name'?")
case("FunctionTool missing name", lambda s: V.FunctionTool(), ATE,  # type: ignore[call-arg]
     "FunctionTool: name: is required")
case("from_function untyped", lambda s: V.FunctionTool.from_function(lambda x: x), ATE,
     "<lambda>(x): needs a type hint")
case("from_function kwargs", lambda s: V.FunctionTool.from_function(_kwargs_function), ATE,
     "_kwargs_function(options): *args and **kwargs cannot be described as JSON Schema")
case("from_function strict dict", lambda s: V.FunctionTool.from_function(_dict_function, strict=True),
     ATE, "_dict_function(options): strict mode cannot express a free-form dict")
case("from_function fixed tuple", lambda s: V.FunctionTool.from_function(_tuple_function), ATE,
     "fixed-length tuples are not supported; use tuple[X, ...]")
case("from_function unsupported hint", lambda s: V.FunctionTool.from_function(_object_function),
     ATE, "_object_function(value): unsupported type hint")
case("from_pydantic not a model", lambda s: V.FunctionTool.from_pydantic(dict), ATE,  # type: ignore[arg-type]
     "expects a pydantic model class")
case("to_strict_schema free-form", lambda s: V.to_strict_schema(
    {"type": "object", "additionalProperties": True}), VE,
     "to_strict_schema", "#: strict mode cannot express a free-form object")
case("CodeInterpreterTool file_ids str", lambda s: V.CodeInterpreterTool(file_ids="file-1"), ATE,
     "CodeInterpreterTool: file_ids: expects a list of strings, got the string 'file-1'")
case("CodeInterpreterTool file_ids set", lambda s: V.CodeInterpreterTool(file_ids={"a", "b"}), ATE,  # type: ignore[arg-type]
     "CodeInterpreterTool: file_ids: expects a list of strings, got a set")
case("CodeInterpreterTool 21 files", lambda s: V.CodeInterpreterTool(file_ids=["f"] * 21), VE,
     "CodeInterpreterResources", "file_ids: at most 20 files (got 21)")
case("FileSearchTool vector_store_ids str", lambda s: V.FileSearchTool(vector_store_ids="vs_1"), ATE,
     "FileSearchResources: vector_store_ids: expects a list of strings, got the string 'vs_1'")
case("FileSearchTool two stores", lambda s: V.FileSearchTool(vector_store_ids=["a", "b"]), VE,
     "vector_store_ids: at most 1 vector store (got 2)")
case("FileSearchTool vector_stores one", lambda s: V.FileSearchTool(vector_stores=V.VectorStore()), ATE,  # type: ignore[arg-type]
     "FileSearchResources: vector_stores: expects a list of VectorStores, got VectorStore")
case("VectorStore file_ids set", lambda s: V.VectorStore(file_ids={"a"}), ATE,  # type: ignore[arg-type]
     "VectorStore: file_ids: expects a list of strings, got a set")
case("VectorStore chunking", lambda s: V.VectorStore(chunking_strategy="fixed"), VE,  # type: ignore[arg-type]
     "VectorStore", "chunking_strategy: one of auto, static (got 'fixed')")
case("VectorStore metadata long key", lambda s: V.VectorStore(metadata={"k" * 65: "v"}), VE,
     "metadata: keys at most 64 characters")
case("merging a list reference", lambda s: V.ToolResources(code_interpreter=V.CodeInterpreterResources(
    var(s, "list(string)").list_value)).merge(V.ToolResources(
        code_interpreter=V.CodeInterpreterResources(["b"]))), ATE,
     "a list given as a reference cannot be combined with another list")
case("Attachment tools str", lambda s: V.Attachment("f", "file_search"), ATE,  # type: ignore[arg-type]
     "Attachment: tools: expects a list of tool types, got the string 'file_search'")
case("Attachment tool type", lambda s: V.Attachment("f", ["function"]), VE,  # type: ignore[list-item]
     "Attachment", "tools[0]: one of code_interpreter, file_search (got 'function')")
case("Message role", lambda s: V.Message("c", role="system"), VE,  # type: ignore[arg-type]
     "1 problem in Message", "role: one of user, assistant (got 'system')")
case("Message attachments set", lambda s: V.Message("c", attachments={1}), ATE,  # type: ignore[arg-type]
     "Message: attachments: expects a list of Attachments, got a set")
case("Workflow state None", lambda s: V.Workflow("w", state_variables={"a": None}), ATE,  # type: ignore[dict-item]
     "Workflow: state_variables['a']: is None", "omit the key")
case("Workflow state nested", lambda s: V.Workflow("w", state_variables={"a": {"b": 1}}), VE,  # type: ignore[dict-item]
     "Workflow", "state_variables: values are primitives")
case("FileUpload size", lambda s: V.FileUpload(max_file_size=0), VE,
     "FileUpload", "max_file_size: an integer between 1 and 512 (megabytes) (got 0)")
case("FileUpload files", lambda s: V.FileUpload(max_files=0), VE, "max_files: a positive integer")
case("History recent", lambda s: V.History(recent_threads=-1), VE,
     "recent_threads: a positive integer (got -1)")
case("ExpiresAfter seconds", lambda s: V.ExpiresAfter(0), VE, "seconds: a positive integer")
case("ExpiresAfter anchor", lambda s: V.ExpiresAfter(10, anchor="now"), VE,  # type: ignore[arg-type]
     "anchor: must be created_at (got 'now')")
case("RateLimits zero", lambda s: V.RateLimits(0), VE,
     "RateLimits", "max_requests_per_1_minute: a positive integer (got 0)")
case("RateLimits misspelled", lambda s: V.RateLimits(max_requests_per_minute=3), ATE,  # type: ignore[call-arg]
     "RateLimits: unexpected keyword argument 'max_requests_per_minute'; did you mean "
     "'max_requests_per_1_minute'?")
case("ToolChoice type", lambda s: V.ToolChoice("web"), VE,  # type: ignore[arg-type]
     "ToolChoice", "type: one of none, auto, required")
case("ToolChoice function without name", lambda s: V.ToolChoice("function"), VE,
     "function_name: set exactly when type is 'function'")
case("ToolChoice function name", lambda s: V.ToolChoice.function("a b"), VE,
     "function_name: must match")
case("LastMessagesTruncation zero", lambda s: V.LastMessagesTruncation(0), VE,
     "LastMessagesTruncation", "count: a positive integer")
case("JsonSchemaResponseFormat name", lambda s: V.JsonSchemaResponseFormat("a b", {}), VE,
     "JsonSchemaResponseFormat", "name: must match")
case("JsonSchemaResponseFormat schema str", lambda s: V.JsonSchemaResponseFormat("a", "{}"), ATE,  # type: ignore[arg-type]
     "JsonSchemaResponseFormat: schema: expects a JSON Schema dict, got str")
case("literal_text int", lambda s: literal_text(3), ATE,  # type: ignore[arg-type]
     "literal_text expects a str, got int")

# -- L1 ----------------------------------------------------------------------------------------
case("L1 model int", lambda s: BetaAssistant(s, "x", model=3), ATE,  # type: ignore[arg-type]
     "BetaAssistant 'test/x': model: expects a string, got int 3", creates="x")
case("L1 tools str", lambda s: BetaAssistant(s, "x", model="m", tools="code_interpreter"), ATE,  # type: ignore[arg-type]
     "BetaAssistant 'test/x': tools: expects a list of BetaAssistantTools or dicts")
case("L1 misspelled key", lambda s: BetaAssistant(s, "x", model="m", tools=[
    {"type": "function", "fucntion": {}}]), ATE, "tools[0]: unknown key 'fucntion'; did you mean")
case("L1 thread messages item", lambda s: BetaThread(s, "x", messages=[3]), ATE,  # type: ignore[list-item]
     "BetaThread 'test/x': messages[0]: expects BetaThreadMessages or a dict, got int 3")
case("L1 run bool", lambda s: BetaThreadRun(s, "x", thread_id="t", assistant_id="a",
                                            parallel_tool_calls="yes"),  # type: ignore[arg-type]
     ATE, "parallel_tool_calls: expects a bool, got str 'yes'")
case("L1 chatkit null state", lambda s: BetaChatkitSession(s, "x", user="u", workflow={
    "id": "w", "state_variables": {"a": None}}), ATE,
     "workflow.state_variables['a']: is None, which cdktf cannot write")
case("L1 data source max_items", lambda s: DataOpenaiBetaAssistants(s, "x", max_items="ten"), ATE,  # type: ignore[arg-type]
     "DataOpenaiBetaAssistants 'test/x': max_items: expects a number, got str 'ten'")
case("L1 setter wrong type", lambda s: setattr(BetaAssistant(s, "x", model="m"), "temperature", "hot"),
     ATE, "BetaAssistant 'test/x': temperature: expects a number, got str 'hot'")
case("L1 setter required unset", lambda s: setattr(BetaAssistant(s, "x", model="m"), "model", None),
     ATE, "BetaAssistant 'test/x': model: is required")
case("provider literal key", lambda s: OpenaiProvider(s, "p", api_key=KEY), SVE,
     "OpenaiProvider 'test/p': api_key: is sensitive and refuses a literal value (got str of 48 "
     "characters)", "LiteralSecret(value)")
case("provider key bytes", lambda s: OpenaiProvider(s, "p", api_key=KEY.encode()), ATE,  # type: ignore[arg-type]
     "OpenaiProvider 'test/p': api_key: is sensitive: expects a string, got bytes of 48 bytes")
case("provider key in a list", lambda s: OpenaiProvider(s, "p", webhook_secret=[KEY]), ATE,  # type: ignore[arg-type]
     "webhook_secret: is sensitive: expects a string, got list of 1 item")

case("len of a list reference", lambda s: len(BetaAssistant(s, "x", model="m").tools), ATE,
     "is a reference: its length is only known when Terraform runs", "Fn.length_of(value)")
case("iterating a list reference", lambda s: list(BetaAssistant(s, "x", model="m").tools), ATE,
     "is a reference: iterate with a TerraformIterator instead")
case("L1 misspelled keyword", lambda s: BetaAssistant(s, "x", modle="m"), ATE,  # type: ignore[call-arg]
     "BetaAssistant 'test/x': unexpected keyword argument 'modle'; did you mean 'model'?",
     creates="x")
case("L1 missing required", lambda s: BetaAssistant(s, "x"), ATE,  # type: ignore[call-arg]
     "BetaAssistant 'test/x': model: is required", creates="x")
case("L1 positional attribute", lambda s: BetaThread(s, "x", [{"content": "c"}]), ATE,  # type: ignore[misc]
     "BetaThread 'test/x': too many positional arguments: takes 2 (scope, id), got 3",
     "pass the others by keyword, e.g. messages=...", creates="x")
case("L1 data source misspelled", lambda s: DataOpenaiBetaAssistants(s, "x", max_item=3), ATE,  # type: ignore[call-arg]
     "DataOpenaiBetaAssistants 'test/x': unexpected keyword argument 'max_item'; did you mean "
     "'max_items'?", creates="x")
case("L1 struct misspelled", lambda s: BetaAssistant(s, "x", model="m", tools=[
    BetaAssistantTools(typ="function")]), ATE,  # type: ignore[call-arg]
     "BetaAssistantTools: unexpected keyword argument 'typ'; did you mean 'type'?", creates="x")
case("provider misspelled keyword", lambda s: OpenaiProvider(s, "p", api_kye=KEY), ATE,  # type: ignore[call-arg]
     "OpenaiProvider 'test/p': unexpected keyword argument 'api_kye'; did you mean 'api_key'?",
     creates="p")
case("from_lookup misspelled keyword", lambda s: Thread.from_lookup(s, "x", thred_id="t"), ATE,  # type: ignore[call-arg]
     "Thread.from_lookup 'test/x': unexpected keyword argument 'thred_id'; did you mean "
     "'thread_id'?", creates="x")
case("run without assistant", lambda s: T(s).run(), ATE,  # type: ignore[call-arg]
     "Thread.run 'test/t': assistant: is required")
case("L1 int id", lambda s: BetaAssistant(s, 7, model="m"), ATE,  # type: ignore[arg-type]
     "BetaAssistant: id must be a str, got int 7")
case("L1 scope str", lambda s: BetaThread("stack", "t"), CTE,  # type: ignore[arg-type]
     "BetaThread 't': scope must be a Construct, got str 'stack'")


def _kwargs_function(**options: str) -> None:
    """Has no schema."""


def _dict_function(options: dict[str, str]) -> None:
    """Free-form."""


def _tuple_function(pair: tuple[int, int]) -> None:
    """Fixed length."""


def _object_function(value: object) -> None:
    """Unsupported."""


def _stack() -> TerraformStack:
    return TerraformStack(Testing.app(), "test")


def test_the_catalogue_is_large_and_its_ids_distinct() -> None:
    assert len(CASES) >= 150
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("item", CASES, ids=[c.id for c in CASES])
def test_each_wrong_input_raises_its_class_with_the_message_parts(item: Case) -> None:
    stack = _stack()
    with pytest.raises(OpenAIConstructsError) as caught:
        item.build(stack)
    error = caught.value
    assert type(error) is item.error, f"{type(error).__name__}: {error}"
    message = str(error)
    for part in item.parts:
        assert part in message, f"{part!r} not in {message!r}"
    assert KEY not in message and KEY[:12] not in repr(error)
    if item.creates is not None:
        assert stack.node.try_find_child(item.creates) is None, "a half-built construct is left"


def test_no_catalogue_case_raises_outside_the_documented_classes() -> None:
    """Every exception leaving the public API for these inputs is an ``OpenAIConstructsError``:
    no ``AttributeError``, ``KeyError``, ``json`` error or JavaScript error."""
    escaped = []
    for item in CASES:
        try:
            item.build(_stack())
        except OpenAIConstructsError:
            continue
        except Exception as error:
            escaped.append(f"{item.id}: {type(error).__module__}.{type(error).__name__}: {error}")
        else:
            escaped.append(f"{item.id}: raised nothing")
    assert escaped == []
