"""``mypy --strict`` on a user's app catches misspelled options of ``Thread.run``,
``add_message`` and the patterns, and an id string where an assistant goes — the same
mistakes the runtime reports with ``AttributeTypeError``/``ConstructTypeError`` (see
``tests/hostile/test_bad_inputs.py``)."""

from __future__ import annotations

from pathlib import Path

from tests.mypy_check import assert_mypy_reports

ROOT = Path(__file__).resolve().parents[1]

APP = '''\
from openai_constructs import Assistant, Thread
from openai_constructs.cdk import App, TerraformStack
from openai_constructs.patterns import AssistantWithThreads, ThreadSpec

stack = TerraformStack(App(), "s")
assistant = Assistant(stack, "a", model="gpt-4o")
thread = Thread(stack, "t")
thread.run(assistant, temperature=0.2, truncation_strategy=10)
thread.add_message("hi", role="assistant")
AssistantWithThreads(stack, "p", assistant={"model": "gpt-4o"}, run_options={"top_p": 0.5})
thread.run(assistant, tempratur=0.2)
thread.add_message("hi", rol="user")
thread.run("asst_123")
AssistantWithThreads(stack, "q", assistant={"modle": "gpt-4o"})
AssistantWithThreads(stack, "r", assistant={"model": "m"}, run_options={"max_prompt_token": 5})
ThreadSpec(run_options={"instructons": "x"})
Assistant(stack, "b", model="m", temprature=1)
'''
MISTAKES = {11: "tempratur", 12: "rol", 13: "IAssistant", 14: "AssistantOptions",
            15: "RunOptions", 16: "instructons", 17: "temprature"}


def test_mypy_strict_reports_each_mistake_and_nothing_else(tmp_path: Path) -> None:
    errors = assert_mypy_reports(tmp_path, APP, MISTAKES, cache="typed_options")
    assert 'did you mean "temperature"' in errors[11]
    assert 'did you mean "role"' in errors[12]
