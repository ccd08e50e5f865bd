"""The acid test of escaping: free text arrives at the API byte for byte, judged by real
Terraform (the planned values of ``terraform plan``), not by reading the JSON."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from openai_constructs import (
    Assistant,
    ChatKitSession,
    Message,
    Metadata,
    Run,
    Thread,
    literal_text,
)
from openai_constructs._runtime.cdk import TerraformStack, TerraformVariable, Testing, Token
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.values import FunctionTool, JsonSchemaResponseFormat
from tests.hostile.strategies import BUDGET, texts
from tests.hostile.terraform_eval import planned_after, planned_after_hcl

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
    "lone\rCR then $${x} and ${y}",
    "\ufeffleading BOM ${x}",
    "NUL \x00, U+2028 \u2028 and U+2029 \u2029 next to ${ and %{",
    "%{ if true }injected%{ endif }",
    "$",
    "%",
    "{}",
    "",
]
VAR_VALUE = 'V"A\\R ${not_evaluated} %{ if true }x%{ endif }'
# The value arrives at plan time (-var), not written into the document.
VARIABLES = {"who": VAR_VALUE}


def _stack() -> tuple[TerraformStack, str]:
    stack = TerraformStack(Testing.app(), "escaping")
    OpenaiProvider(stack, "openai")
    var = TerraformVariable(stack, "who", type="string")
    return stack, var.string_value


def _with_reference(prompt: str, token: str) -> tuple[str, str]:
    """A prompt with a reference in the middle, and what Terraform must make of it."""
    return f"{prompt}<{token}>{prompt}$", f"{prompt}<{VAR_VALUE}>{prompt}$"


def test_l2_free_text_is_evaluated_to_exactly_what_was_written(terraform_runner: Any) -> None:
    """Every free-text position the L2 constructs escape, every prompt, with and without a
    reference inside (one plan), in the JSON form and in the HCL form."""
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
    after = planned_after(terraform_runner, stack, VARIABLES)
    problems = []
    for address, path, want in cases:
        got = _at(after[address], path)
        if got != want:
            problems.append(f"{address} {path}: wrote {want!r}, Terraform made {got!r}")
    assert not problems, "\n".join(problems)
    assert len(cases) == len(PROMPTS) * 2 * 8
    assert planned_after_hcl(terraform_runner, stack, VARIABLES) == after


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
    after = planned_after(terraform_runner, stack, VARIABLES)
    for index, text in enumerate(batch):
        want = text + VAR_VALUE + text if index % 3 == 0 else text
        got = after[f"openai_beta_assistant.a{index}"]["instructions"]
        assert got == want, (index, text, got)


# -- every other text the L2 constructs take -----------------------------------------------


def _one(after: dict[str, Any], kind: str, name: str) -> Any:
    return after[f"{kind}.{name}"]


def _variants(token: str) -> list[tuple[str, str]]:
    """(written, meant) for every prompt, alone and around a reference."""
    out = [(p, p) for p in PROMPTS]
    out += [_with_reference(p, token) for p in PROMPTS]
    return out


def test_other_l2_text_positions_arrive_as_written(terraform_runner: Any) -> None:
    """Metadata keys and values, function tool text and parameters, response_format schemas,
    ChatKit user and state_variables: every prompt, alone and next to a reference, in both
    forms. (Function parameters and schemas are JSON text: parsed before comparing.)"""
    stack, token = _stack()
    cases: list[tuple[str, str, Any, Any]] = []  # (kind, name, how to read, meant)
    for index, (text, want) in enumerate(_variants(token)):
        key = PROMPTS[index % len(PROMPTS)][:64] or "empty"  # keys: literal text only
        Assistant(
            stack, f"a{index}", model="gpt-4o",
            metadata={"value": text, key: "key"},
            tools=[FunctionTool("f", description=text,
                                parameters={"type": "object", "description": text})],
            response_format=JsonSchemaResponseFormat("r", {"description": text}),
        )
        cases.append(("openai_beta_assistant", f"a{index}", _assistant_text,
                      ({"value": want, key: "key"}, want, want, {"description": want})))
        ChatKitSession(stack, f"c{index}", workflow_id="wf_1", user=text or "u",
                       state_variables={"greeting": text})
        cases.append(("openai_beta_chatkit_session", f"c{index}", _session_text,
                      (want or "u", {"greeting": want})))
    after = planned_after(terraform_runner, stack, VARIABLES)
    problems = []
    for kind, name, read, want in cases:
        got = read(_one(after, kind, name))
        if got != want:
            problems.append(f"{kind}.{name}: meant {want!r}, Terraform made {got!r}")
    assert not problems, "\n".join(problems)
    assert len(cases) == 4 * len(PROMPTS)
    assert planned_after_hcl(terraform_runner, stack, VARIABLES) == after


def _assistant_text(a: dict[str, Any]) -> Any:
    function = a["tools"][0]["function"]
    return (a["metadata"], function["description"],
            json.loads(function["parameters"]["description"]),
            json.loads(a["response_format"])["json_schema"]["schema"])


def _session_text(c: dict[str, Any]) -> Any:
    return c["user"], c["workflow"]["state_variables"]


def test_every_metadata_merge_path_arrives_as_written(terraform_runner: Any) -> None:
    """Own pairs, Metadata.of pairs (before and after construction), add_metadata, and a
    construct whose own metadata is a reference merged with Metadata.of pairs by Terraform."""
    hostile = "%{ if true }injected%{ endif } ${x} $${y} q\"b\\s\rcr"
    stack, token = _stack()
    labels = TerraformVariable(stack, "labels", type="map(string)")
    Metadata.of(stack).add("early", hostile)
    own = Assistant(stack, "own", model="gpt-4o", metadata={"own": hostile, hostile[:60]: "k"})
    referenced = Thread(stack, "ref", metadata=Token.as_string_map(labels.value))
    added = Thread(stack, "added")
    added.add_metadata("added", hostile + token)
    Metadata.of(stack).add("late", hostile)
    after = planned_after(terraform_runner, stack, {**VARIABLES, "labels": '{"mine" = "m"}'})
    inherited = {"early": hostile, "late": hostile}
    assert _one(after, "openai_beta_assistant", "own")["metadata"] == {
        "own": hostile, hostile[:60]: "k", **inherited}
    assert _one(after, "openai_beta_thread", "ref")["metadata"] == {"mine": "m", **inherited}
    assert _one(after, "openai_beta_thread", "added")["metadata"] == {
        "added": hostile + VAR_VALUE, **inherited}
    assert own and referenced
    assert planned_after_hcl(
        terraform_runner, stack, {**VARIABLES, "labels": '{"mine" = "m"}'}) == after


def test_escaping_yourself_as_well_doubles_the_escapes(terraform_runner: Any) -> None:
    """The L2 constructs escape every text they take: passing text through literal_text
    first (once advised for metadata, tool descriptions, parameters, response formats and
    ChatKit text) sends the escapes themselves."""
    stack, _token = _stack()
    text = "cost: ${amount} and %{done}"
    Assistant(stack, "a", model="gpt-4o", metadata={"note": literal_text(text)},
              tools=[FunctionTool("f", description=literal_text(text))])
    ChatKitSession(stack, "c", workflow_id="wf_1", user=literal_text(text))
    after = planned_after(terraform_runner, stack, VARIABLES)
    assistant = _one(after, "openai_beta_assistant", "a")
    assert assistant["metadata"]["note"] == literal_text(text) != text
    assert assistant["tools"][0]["function"]["description"] == literal_text(text)
    assert _one(after, "openai_beta_chatkit_session", "c")["user"] == literal_text(text)


def test_file_vector_store_and_conversation_text_arrives_as_written(
    terraform_runner: Any,
) -> None:
    """The successors' free text (file content, store name and description, conversation
    item content, metadata keys and values): every prompt, alone and around a reference, in
    the JSON and the HCL form."""
    from openai_constructs import Conversation, File, VectorStore

    stack, token = _stack()
    cases: list[tuple[str, str, str]] = []
    for index, (text, want) in enumerate(_variants(token)):
        File(stack, f"f{index}", content=text, purpose="user_data")
        VectorStore(stack, f"v{index}", name=text, description=text,
                    metadata={f"k{index}": text})
        Conversation(stack, f"c{index}", items=[text, {"content": text, "role": "developer"}],
                     metadata={f"k{index}": text})
        cases += [(f"openai_file.f{index}", "file", want),
                  (f"openai_vector_store.v{index}", "name", want),
                  (f"openai_vector_store.v{index}", "description", want),
                  (f"openai_vector_store.v{index}", f"metadata.k{index}", want),
                  (f"openai_conversation.c{index}", "items.0.content", want),
                  (f"openai_conversation.c{index}", "items.1.content", want),
                  (f"openai_conversation.c{index}", f"metadata.k{index}", want)]
    after = planned_after(terraform_runner, stack, VARIABLES)
    problems = [f"{address} {path}: wrote {want!r}, Terraform made {_at(after[address], path)!r}"
                for address, path, want in cases if _at(after[address], path) != want]
    assert not problems, "\n".join(problems)
    assert len(cases) == len(PROMPTS) * 2 * 7
    assert planned_after_hcl(terraform_runner, stack, VARIABLES) == after
