"""Arguments Python itself refuses (a misspelled keyword, a missing required argument, one
positional argument too many) raise ``AttributeTypeError``, not a bare ``TypeError``: for every
generated L1 class (resources, data sources, the provider, structs), the L2 constructs, their
importers and methods, and the patterns.

Each message is asserted whole: the class, the construct path the call was for, the argument,
the rule and the closest valid name. The call never reached the body, so the scope has no new
child and the same id can be used right after. The typed signatures are unchanged: mypy still
reports the same mistakes statically (last test).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import openai_constructs.l1 as l1_package
from openai_constructs import (
    Assistant,
    AssistantWithThreads,
    AttributeTypeError,
    ChatKitSession,
    ChatKitSessions,
    ImportedAssistant,
    Message,
    Run,
    Thread,
)
from openai_constructs._runtime.arguments import checked
from openai_constructs._runtime.bindings import DataSource, Provider, Resource
from openai_constructs._runtime.fields import Struct
from openai_constructs.cdk import TerraformStack, Testing
from openai_constructs.conversations import Conversation
from openai_constructs.files import File
from openai_constructs.l1.beta_assistant import BetaAssistant, BetaAssistantTools
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.values import FunctionTool
from openai_constructs.vector_stores import VectorStore
from tests.mypy_check import assert_mypy_reports

ROOT = Path(__file__).resolve().parents[2]


def _generated(base: type) -> list[type]:
    found: dict[str, type] = {}
    for module in pkgutil.iter_modules(l1_package.__path__):
        loaded = importlib.import_module(f"{l1_package.__name__}.{module.name}")
        for value in vars(loaded).values():
            if (isinstance(value, type) and issubclass(value, base)
                    and value.__module__ == loaded.__name__):
                found[value.__name__] = value
    return [found[name] for name in sorted(found)]


CONSTRUCTS = _generated(Resource) + _generated(DataSource) + _generated(Provider)
STRUCTS = _generated(Struct)


def _stack() -> TerraformStack:
    return TerraformStack(Testing.app(), "test")


def _children(stack: TerraformStack) -> list[str]:
    return [child.node.id for child in stack.node.children]


def _refusal(build: Callable[[], Any]) -> AttributeTypeError:
    with pytest.raises(AttributeTypeError) as caught:
        build()
    assert type(caught.value) is AttributeTypeError
    assert isinstance(caught.value, TypeError)  # ``except TypeError`` keeps working
    return caught.value


def _keyword_fields(cls: type) -> tuple[list[str], list[str]]:
    """(settable, required) keyword names, from the class's ``_FIELDS`` table."""
    fields = cls._FIELDS.settable  # type: ignore[attr-defined]
    return [f.name for f in fields], [f.keyword for f in fields if f.required]


def test_every_generated_class_is_covered() -> None:
    assert len(CONSTRUCTS) == 20  # 8 resources, 11 data sources, the provider
    assert len(STRUCTS) >= 20


@pytest.mark.parametrize("cls", CONSTRUCTS, ids=lambda c: c.__name__)
def test_a_misspelled_keyword_names_the_path_and_the_closest_attribute(cls: type) -> None:
    stack = _stack()
    settable, required = _keyword_fields(cls)
    name = settable[0]
    typo = name + name[-1]
    given = {key: None for key in required if key != name}
    error = _refusal(lambda: cls(stack, "x", **given, **{typo: "v"}))
    assert str(error) == (
        f"{cls.__name__} 'test/x': unexpected keyword argument {typo!r}; did you mean {name!r}?"
    )
    assert _children(stack) == []


@pytest.mark.parametrize(
    "cls", [c for c in CONSTRUCTS if _keyword_fields(c)[1]], ids=lambda c: c.__name__
)
def test_missing_required_arguments_are_named(cls: type) -> None:
    stack = _stack()
    _settable, required = _keyword_fields(cls)
    signature = [
        p.name for p in inspect.signature(cls.__init__).parameters.values()
        if p.kind is p.KEYWORD_ONLY and p.default is p.empty
    ]
    assert signature == required  # the signature and the table agree
    names = required[0] if len(required) == 1 else (
        f"{', '.join(required[:-1])} and {required[-1]}"
    )
    error = _refusal(lambda: cls(stack, "x"))
    verb = "is" if len(required) == 1 else "are"
    assert str(error) == f"{cls.__name__} 'test/x': {names}: {verb} required"
    assert _children(stack) == []


@pytest.mark.parametrize("cls", STRUCTS, ids=lambda c: c.__name__)
def test_a_struct_names_itself_and_the_closest_field(cls: type) -> None:
    settable, required = _keyword_fields(cls)
    name = settable[0]
    typo = name + name[-1]
    given = {key: None for key in required if key != name}
    error = _refusal(lambda: cls(**given, **{typo: "v"}))
    assert str(error) == (
        f"{cls.__name__}: unexpected keyword argument {typo!r}; did you mean {name!r}?"
    )


CASES: list[tuple[str, Callable[[TerraformStack], Any], str]] = [
    ("L1 misspelled model", lambda s: BetaAssistant(s, "a", modle="gpt-4o"),  # type: ignore[call-arg]
     "BetaAssistant 'test/a': unexpected keyword argument 'modle'; did you mean 'model'?"),
    ("L1 missing model", lambda s: BetaAssistant(s, "a"),  # type: ignore[call-arg]
     "BetaAssistant 'test/a': model: is required"),
    ("L1 missing id and model", lambda s: BetaAssistant(s),  # type: ignore[call-arg]
     "BetaAssistant 'test': id and model: are required"),
    ("L1 positional model", lambda s: BetaAssistant(s, "a", "gpt-4o"),  # type: ignore[misc]
     "BetaAssistant 'test/a': too many positional arguments: takes 2 (scope, id), got 3; pass "
     "the others by keyword, e.g. model=..."),
    ("L1 scope twice", lambda s: BetaAssistant(s, "a", scope=s, model="m"),  # type: ignore[misc]
     "BetaAssistant 'test/a': scope: given twice, by position and as scope=; pass it once"),
    ("L1 keywords only", lambda s: BetaAssistant(scope=s, id="a", modl="m"),  # type: ignore[call-arg]
     "BetaAssistant 'test/a': unexpected keyword argument 'modl'; did you mean 'model'?"),
    ("L1 nothing close", lambda s: BetaAssistant(s, "a", model="m", zzzz=1),  # type: ignore[call-arg]
     "BetaAssistant 'test/a': unexpected keyword argument 'zzzz'; it takes scope, id, model, "
     "description, instructions, metadata, name, reasoning_effort, response_format, "
     "temperature, tool_resources, tools, top_p, connection, count, depends_on, for_each, "
     "lifecycle, provider, provisioners"),
    ("provider misspelled", lambda s: OpenaiProvider(s, "openai", api_kye="x"),  # type: ignore[call-arg]
     "OpenaiProvider 'test/openai': unexpected keyword argument 'api_kye'; did you mean "
     "'api_key'?"),
    ("provider misspelled alias", lambda s: OpenaiProvider(s, "openai", alais="eu"),  # type: ignore[call-arg]
     "OpenaiProvider 'test/openai': unexpected keyword argument 'alais'; did you mean 'alias'?"),
    ("struct misspelled", lambda s: BetaAssistantTools(typ="function"),  # type: ignore[call-arg]
     "BetaAssistantTools: unexpected keyword argument 'typ'; did you mean 'type'?"),
    ("struct missing", lambda s: BetaAssistantTools(),  # type: ignore[call-arg]
     "BetaAssistantTools: type: is required"),
    ("Assistant missing model", lambda s: Assistant(s, "a"),  # type: ignore[call-arg]
     "Assistant 'test/a': model: is required"),
    ("Assistant positional model", lambda s: Assistant(s, "a", "m"),  # type: ignore[misc]
     "Assistant 'test/a': too many positional arguments: takes 2 (scope, id), got 3; pass the "
     "others by keyword, e.g. model=..."),
    ("from_assistant_id misspelled", lambda s: Assistant.from_assistant_id(s, "a", asistant_id="x"),  # type: ignore[call-arg]
     "Assistant.from_assistant_id 'test/a': unexpected keyword argument 'asistant_id'; did you "
     "mean 'assistant_id'?"),
    ("from_assistant_id missing", lambda s: Assistant.from_assistant_id(s, "a"),  # type: ignore[call-arg]
     "Assistant.from_assistant_id 'test/a': assistant_id: is required"),
    ("ImportedAssistant misspelled", lambda s: ImportedAssistant(s, "a", assistantid="x"),  # type: ignore[call-arg]
     "Assistant.from_assistant_id 'test/a': unexpected keyword argument 'assistantid'; did you "
     "mean 'assistant_id'?"),
    ("Assistant.from_lookup misspelled", lambda s: Assistant.from_lookup(s, "a", newst=True),  # type: ignore[call-arg]
     "Assistant.from_lookup 'test/a': unexpected keyword argument 'newst'; did you mean "
     "'newest'?"),
    ("Thread.from_thread_id misspelled", lambda s: Thread.from_thread_id(s, "t", thred_id="x"),  # type: ignore[call-arg]
     "Thread.from_thread_id 'test/t': unexpected keyword argument 'thred_id'; did you mean "
     "'thread_id'?"),
    ("Thread.from_lookup missing", lambda s: Thread.from_lookup(s, "t"),  # type: ignore[call-arg]
     "Thread.from_lookup 'test/t': thread_id: is required"),
    ("Thread missing id", lambda s: Thread(s),  # type: ignore[call-arg]
     "Thread 'test': id: is required"),
    ("Message missing", lambda s: Message(s, "m"),  # type: ignore[call-arg]
     "Message 'test/m': thread and content: are required"),
    ("Run missing", lambda s: Run(s, "r"),  # type: ignore[call-arg]
     "Run 'test/r': thread and assistant: are required"),
    ("ChatKitSession misspelled", lambda s: ChatKitSession(s, "c", workflow_id="w", usr="u"),  # type: ignore[call-arg]
     "ChatKitSession 'test/c': unexpected keyword argument 'usr'; did you mean 'user'?"),
    ("ChatKitSessions missing", lambda s: ChatKitSessions(s, "c", users=["a"]),  # type: ignore[call-arg]
     "ChatKitSessions 'test/c': workflow_id: is required"),
    ("AssistantWithThreads misspelled", lambda s: AssistantWithThreads(s, "p", asistant={}),  # type: ignore[call-arg]
     "AssistantWithThreads 'test/p': unexpected keyword argument 'asistant'; did you mean "
     "'assistant'?"),
    ("FunctionTool missing", lambda s: FunctionTool(),  # type: ignore[call-arg]
     "FunctionTool: name: is required"),
    ("File missing", lambda s: File(s, "f", content="x"),  # type: ignore[call-arg]
     "File 'test/f': purpose: is required"),
    ("File.from_path misspelled", lambda s: File.from_path(s, "f", "a.md", purpse="batch"),  # type: ignore[call-arg]
     "File.from_path 'test/f': unexpected keyword argument 'purpse'; did you mean 'purpose'?"),
    ("File.from_file_id missing", lambda s: File.from_file_id(s, "f"),  # type: ignore[call-arg]
     "File.from_file_id 'test/f': file_id: is required"),
    ("VectorStore misspelled", lambda s: VectorStore(s, "v", chunkng="auto"),  # type: ignore[call-arg]
     "VectorStore 'test/v': unexpected keyword argument 'chunkng'; did you mean 'chunking'?"),
    ("VectorStore.from_vector_store_id missing", lambda s: VectorStore.from_vector_store_id(s, "v"),  # type: ignore[call-arg]
     "VectorStore.from_vector_store_id 'test/v': vector_store_id: is required"),
    ("Conversation misspelled", lambda s: Conversation(s, "c", item=["hi"]),  # type: ignore[call-arg]
     "Conversation 'test/c': unexpected keyword argument 'item'; did you mean 'items'?"),
    ("Conversation.from_conversation_id positional",
     lambda s: Conversation.from_conversation_id(s, "c", "conv_1", "x"),  # type: ignore[call-arg]
     "Conversation.from_conversation_id 'test/c': too many positional arguments: takes 3 "
     "(scope, id, conversation_id), got 4; pass the others by keyword"),
]


@pytest.mark.parametrize("build,message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_message_is_exact_and_nothing_is_left(
    build: Callable[[TerraformStack], Any], message: str
) -> None:
    stack = _stack()
    assert str(_refusal(lambda: build(stack))) == message
    assert _children(stack) == []


def test_methods_name_the_construct_they_are_called_on() -> None:
    stack = _stack()
    assistant = Assistant(stack, "a", model="gpt-4o")
    thread = Thread(stack, "t")
    pattern = AssistantWithThreads(stack, "p", assistant={"model": "gpt-4o"})
    before = _children(stack)
    cases: list[tuple[Callable[[], Any], str]] = [
        (lambda: thread.run(),  # type: ignore[call-arg]
         "Thread.run 'test/t': assistant: is required"),
        (lambda: thread.add_message(),  # type: ignore[call-arg]
         "Thread.add_message 'test/t': content: is required"),
        (lambda: thread.add_metadata(ky="k", value="v"),  # type: ignore[call-arg]
         "Thread.add_metadata 'test/t': unexpected keyword argument 'ky'; did you mean 'key'?"),
        (lambda: assistant.add_metadata("k"),  # type: ignore[call-arg]
         "Assistant.add_metadata 'test/a': value: is required"),
        (lambda: assistant.add_tool(tool={"type": "code_interpreter"}),  # type: ignore[call-arg]
         "Assistant.add_tool 'test/a': unexpected keyword argument 'tool'; it takes no keyword "
         "arguments"),
        (lambda: assistant.to_responses_params(outputid="x"),  # type: ignore[call-arg]
         "Assistant.to_responses_params 'test/a': unexpected keyword argument 'outputid'; did "
         "you mean 'output_id'?"),
        (lambda: pattern.add_thread(),  # type: ignore[call-arg]
         "AssistantWithThreads.add_thread 'test/p': name: is required"),
        (lambda: pattern.add_thread("x", spc=()),  # type: ignore[call-arg]
         "AssistantWithThreads.add_thread 'test/p': unexpected keyword argument 'spc'; did you "
         "mean 'spec'?"),
    ]
    for build, message in cases:
        assert str(_refusal(build)) == message
    assert _children(stack) == before
    assert [c.node.id for c in thread.node.children] == ["Default"]
    assert sorted(pattern.threads) == []


def test_the_same_id_works_right_after_a_refusal() -> None:
    stack = _stack()
    _refusal(lambda: BetaAssistant(stack, "a", modle="gpt-4o"))  # type: ignore[call-arg]
    _refusal(lambda: OpenaiProvider(stack, "openai", api_kye="x"))  # type: ignore[call-arg]
    _refusal(lambda: Assistant(stack, "b", modle="gpt-4o"))  # type: ignore[call-arg]
    BetaAssistant(stack, "a", model="gpt-4o")
    OpenaiProvider(stack, "openai")
    Assistant(stack, "b", model="gpt-4o")
    assert _children(stack) == ["a", "openai", "b"]
    document = Testing.synth(stack)
    assert '"model": "gpt-4o"' in document


def test_a_type_error_from_inside_the_body_passes_through_unchanged() -> None:
    """Only a refused call is translated; a ``TypeError`` raised by the function itself, once
    the arguments bound, is the same object, traceback included."""
    raised = TypeError("from the body")

    def body(*, value: int) -> None:
        raise raised

    wrapped = checked(body, "Helper")
    with pytest.raises(TypeError) as caught:
        wrapped(value=1)
    assert caught.value is raised
    assert str(_refusal(lambda: wrapped(valu=1))) == (  # type: ignore[call-arg]
        "Helper: unexpected keyword argument 'valu'; did you mean 'value'?"
    )


def test_the_generated_signatures_are_kept() -> None:
    signature = inspect.signature(BetaAssistant.__init__)
    assert list(signature.parameters)[:4] == ["self", "scope", "id", "model"]
    assert signature.parameters["model"].annotation == "str"
    assert BetaAssistant.__init__.__doc__ is not None
    assert BetaAssistant.__init__.__doc__.startswith("Declare ``openai_beta_assistant``.")


APP = '''\
from openai_constructs import Assistant, Thread
from openai_constructs.cdk import App, TerraformStack
from openai_constructs.l1.beta_assistant import BetaAssistant, BetaAssistantTools
from openai_constructs.l1.provider import OpenaiProvider

stack = TerraformStack(App(), "s")
BetaAssistant(stack, "a", model="gpt-4o", tools=[BetaAssistantTools(type="function")])
OpenaiProvider(stack, "openai")
BetaAssistant(stack, "b", modle="gpt-4o")
BetaAssistant(stack, "c")
OpenaiProvider(stack, "p", api_kye="x")
BetaAssistantTools(typ="function")
Assistant.from_lookup(stack, "l", newst=True)
Thread.from_lookup(stack, "t")
'''
MISTAKES = {9: "modle", 10: "model", 11: "api_kye", 12: "typ", 13: "newst", 14: "thread_id"}


def test_mypy_strict_still_reports_the_same_mistakes(tmp_path: Path) -> None:
    assert_mypy_reports(tmp_path, APP, MISTAKES, cache="arguments")


def test_put_methods_refuse_a_misspelled_keyword_and_change_nothing() -> None:
    from openai_constructs.l1.beta_thread import BetaThread

    stack = TerraformStack(Testing.app(), "s")
    thread = BetaThread(stack, "t", tool_resources={"code_interpreter": {"file_ids": ["f"]}})
    with pytest.raises(AttributeTypeError) as caught:
        thread.put_tool_resources(code_interpeter={"file_ids": ["g"]})
    assert str(caught.value) == (
        "BetaThread.put_tool_resources 's/t': unexpected keyword argument 'code_interpeter'; "
        "did you mean 'code_interpreter'?")
    with pytest.raises(AttributeTypeError) as caught:
        thread.tool_resources.put_code_interpreter(file_id=["g"])
    assert str(caught.value) == (
        "BetaThreadToolResourcesOutputReference.put_code_interpreter 's/t' (tool_resources): "
        "unexpected keyword argument 'file_id'; did you mean 'file_ids'?")
    assert thread.tool_resources_input == {"code_interpreter": {"file_ids": ["f"]}}
    thread.tool_resources.put_code_interpreter(file_ids=["g"])  # the spelling that binds
    assert thread.tool_resources.code_interpreter.file_ids_input == ["g"]
