"""``RunOptions`` and ``AssistantOptions`` (the typed ``**options`` of ``Thread.run`` and the
patterns) are the constructors' parameter lists written a second time: tied here to
``Run.__init__`` and ``Assistant.__init__`` (names, order, types, which are required) and to
their docstrings, so that a parameter added to one and not the others fails."""

from __future__ import annotations

import inspect
from typing import Any, ForwardRef

import pytest

from openai_constructs.assistants import Assistant
from openai_constructs.patterns.assistant_with_threads import AssistantOptions
from openai_constructs.runs import RUN_OPTIONS, Run, RunOptions

# The parameters the options do not repeat: where the object goes, and what the method or
# the pattern supplies itself.
CASES = [
    (Run, RunOptions, ("scope", "id", "thread", "assistant")),
    (Assistant, AssistantOptions, ("scope", "id")),
]


def _text(annotation: Any) -> str:
    return annotation.__forward_arg__ if isinstance(annotation, ForwardRef) else str(annotation)


def _parameters(cls: type, own: tuple[str, ...]) -> dict[str, inspect.Parameter]:
    found = inspect.signature(cls.__init__).parameters  # type: ignore[misc]
    return {n: p for n, p in found.items() if n != "self" and n not in own}


@pytest.mark.parametrize(("cls", "options", "own"), CASES, ids=["Run", "Assistant"])
def test_the_options_are_the_constructor_parameters(
    cls: type, options: Any, own: tuple[str, ...]
) -> None:
    parameters = _parameters(cls, own)
    assert list(options.__annotations__) == list(parameters)
    for name, annotation in options.__annotations__.items():
        assert _text(annotation) == _text(parameters[name].annotation), name
    required = {n for n, p in parameters.items() if p.default is inspect.Parameter.empty}
    assert set(options.__required_keys__) == required


@pytest.mark.parametrize(("cls", "options", "own"), CASES, ids=["Run", "Assistant"])
def test_every_option_is_documented_on_the_constructor(
    cls: type, options: Any, own: tuple[str, ...]
) -> None:
    doc = inspect.getdoc(cls.__init__) or ""  # type: ignore[misc]
    assert [n for n in options.__annotations__ if f":param {n}:" not in doc] == []


def test_run_options_names_the_typed_dict() -> None:
    assert tuple(RunOptions.__annotations__) == RUN_OPTIONS


def test_add_message_takes_the_parameters_of_message() -> None:
    # ``Thread.add_message`` repeats ``Message``'s parameters (minus the thread it is called
    # on, and with ``id`` optional): the same names in the same order, types and defaults.
    from openai_constructs.threads import Message, Thread

    message = _parameters(Message, ("scope", "id", "thread"))
    method = {
        n: p for n, p in inspect.signature(Thread.add_message).parameters.items()
        if n not in ("self", "id")
    }
    assert list(method) == list(message)
    for name, parameter in method.items():
        assert _text(parameter.annotation) == _text(message[name].annotation), name
        assert parameter.default == message[name].default, name
    doc = inspect.getdoc(Thread.add_message) or ""
    assert [n for n in method if f":param {n}:" not in doc and f"``{n}``" not in doc] == []
