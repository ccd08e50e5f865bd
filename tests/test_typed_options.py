"""``mypy --strict`` on a user's app catches misspelled options of ``Thread.run``,
``add_message`` and the patterns, and an id string where an assistant goes — the same
mistakes the runtime reports with ``AttributeTypeError``/``ConstructTypeError`` (see
``tests/hostile/test_bad_inputs.py``)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

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
    app = tmp_path / "app.py"
    app.write_text(APP, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary",
         "--cache-dir", str(ROOT / ".mypy_cache" / "typed_options"), str(app)],
        cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    errors: dict[int, str] = {}
    for line in done.stdout.splitlines():
        found = re.match(r".*app\.py:(\d+): error: (.*)", line)
        if found:
            errors[int(found.group(1))] = found.group(2)
    assert sorted(errors) == sorted(MISTAKES), done.stdout
    for line, word in MISTAKES.items():
        assert word in errors[line], (line, errors[line])
    assert 'did you mean "temperature"' in errors[11]
    assert 'did you mean "role"' in errors[12]
