"""The acid test of escaping: free text arrives at the API byte for byte, judged by real
Terraform (the planned values of ``terraform plan``), not by reading the JSON."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from openai_constructs import Assistant, ChatKitSession, Message, Run, Thread
from openai_constructs._runtime.cdk import TerraformStack, TerraformVariable, Testing
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.values import FunctionTool, JsonSchemaResponseFormat
from tests.hostile.strategies import BUDGET, texts
from tests.hostile.terraform_eval import planned_after

PROMPTS = [
    "Use ${order_id} literally",
    "%{ if admin }secret%{ endif }",
    "already escaped: $${x} and %%{y}",
    "triple $$${z} and lone ${ and %{ and }",
    "ends with $",
    "ends with ${",
    'quotes " and \\" and backslashes \\ \\\\ \\n (literal backslash-n)',
    "new\nlines\r\nand\ttabs",
    "non-ASCII: é ü 日本語 😀 \u2028 \u2029 \ufeff",
    "JSON-ish {\"a\": \"${b}\"}",
    "$",
    "%",
    "{}",
    "",
]
VAR_VALUE = 'V"A\\R ${not_evaluated}'


def _stack() -> tuple[TerraformStack, str]:
    stack = TerraformStack(Testing.app(), "escaping")
    OpenaiProvider(stack, "openai")
    var = TerraformVariable(stack, "who", type="string", default=VAR_VALUE)
    return stack, var.string_value


def _with_reference(prompt: str, token: str) -> tuple[str, str]:
    """A prompt with a reference in the middle, and what Terraform must make of it."""
    return f"{prompt}<{token}>{prompt}$", f"{prompt}<{VAR_VALUE}>{prompt}$"


def test_l2_free_text_is_evaluated_to_exactly_what_was_written(terraform_runner: Any) -> None:
    """Every free-text position the L2 constructs escape, every prompt, with and without a
    reference inside (one plan)."""
    stack, token = _stack()
    cases: list[tuple[str, str, str]] = []  # (address, attribute path, expected text)
    for index, prompt in enumerate(PROMPTS):
        for suffix, (text, want) in (("", (prompt, prompt)),
                                     ("r", _with_reference(prompt, token))):
            sid = f"p{index}{suffix}"
            assistant = Assistant(stack, f"a{sid}", model="gpt-4o", instructions=text,
                                  name=text[:256], description=text[:512])
            thread = Thread(stack, f"t{sid}", messages=[text])
            Message(stack, f"m{sid}", thread=thread, content=text)
            Run(stack, f"r{sid}", thread=thread, assistant=assistant, instructions=text,
                additional_instructions=text, additional_messages=[text])
            base = "openai_beta_{}.{}"
            cases += [
                (base.format("assistant", f"a{sid}"), "instructions", want),
                (base.format("assistant", f"a{sid}"), "name", want),
                (base.format("assistant", f"a{sid}"), "description", want),
                (base.format("thread", f"t{sid}"), "messages.0.content", want),
                (base.format("thread_message", f"m{sid}"), "content", want),
                (base.format("thread_run", f"r{sid}"), "instructions", want),
                (base.format("thread_run", f"r{sid}"), "additional_instructions",
                 want),
                (base.format("thread_run", f"r{sid}"),
                 "additional_messages.0.content", want),
            ]
    after = planned_after(terraform_runner, stack)
    problems = []
    for address, path, want in cases:
        got = _at(after[address], path)
        if got != want:
            problems.append(f"{address} {path}: wrote {want!r}, Terraform made {got!r}")
    assert not problems, "\n".join(problems)
    assert len(cases) == len(PROMPTS) * 2 * 8


def _at(value: Any, path: str) -> Any:
    for part in path.split("."):
        value = value[int(part)] if part.isdigit() else value[part]
    return value


@settings(BUDGET, max_examples=3)
@given(batch=st.lists(texts, min_size=30, max_size=60))
def test_random_text_survives_terraform(terraform_runner: Any, batch: list[str]) -> None:
    """One example: 30-60 random hostile texts as assistant instructions, one plan."""
    stack, token = _stack()
    for index, text in enumerate(batch):
        written = text + token + text if index % 3 == 0 else text
        Assistant(stack, f"a{index}", model="gpt-4o", instructions=written)
    after = planned_after(terraform_runner, stack)
    for index, text in enumerate(batch):
        want = text + VAR_VALUE + text if index % 3 == 0 else text
        got = after[f"openai_beta_assistant.a{index}"]["instructions"]
        assert got == want, (index, text, got)


# -- positions that are not escaped yet (reported; see docs/safety.md) ------------------------

SILENT = "cost: $${amount} and %%{done}"  # plans fine, but arrives as "${amount}", "%{done}"


def _plan_one(terraform_runner: Any, build: Any) -> dict[str, Any]:
    stack, _token = _stack()
    build(stack)
    return planned_after(terraform_runner, stack)


def _only(after: dict[str, Any], kind: str) -> Any:
    (value,) = [v for a, v in after.items() if a.startswith(kind + ".")]
    return value


def test_metadata_reaches_the_api_as_written(terraform_runner: Any) -> None:
    after = _plan_one(terraform_runner, lambda s: Assistant(
        s, "a", model="gpt-4o", metadata={"note": SILENT, "k$${x}": "v"}))
    assert _only(after, "openai_beta_assistant")["metadata"] == {"note": SILENT, "k$${x}": "v"}


def test_function_tool_text_reaches_the_api_as_written(terraform_runner: Any) -> None:
    import json

    parameters = {"type": "object", "description": SILENT}
    after = _plan_one(terraform_runner, lambda s: Assistant(
        s, "a", model="gpt-4o",
        tools=[FunctionTool("f", description=SILENT, parameters=parameters)]))
    function = _only(after, "openai_beta_assistant")["tools"][0]["function"]
    assert function["description"] == SILENT
    assert {k: json.loads(v) for k, v in function["parameters"].items()} == parameters


def test_response_format_schema_text_reaches_the_api_as_written(terraform_runner: Any) -> None:
    import json

    schema = {"type": "object", "description": SILENT}
    after = _plan_one(terraform_runner, lambda s: Assistant(
        s, "a", model="gpt-4o", response_format=JsonSchemaResponseFormat("r", schema)))
    sent = json.loads(_only(after, "openai_beta_assistant")["response_format"])
    assert sent["json_schema"]["schema"] == schema


def test_chatkit_text_reaches_the_api_as_written(terraform_runner: Any) -> None:
    after = _plan_one(terraform_runner, lambda s: ChatKitSession(
        s, "c", workflow_id="wf_1", user=SILENT, state_variables={"greeting": SILENT}))
    session = _only(after, "openai_beta_chatkit_session")
    assert session["user"] == SILENT
    assert session["workflow"]["state_variables"] == {"greeting": SILENT}
