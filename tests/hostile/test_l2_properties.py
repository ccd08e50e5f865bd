"""Random valid L2 constructs: synth succeeds, the schema check passes, and every value is
in the document as Terraform needs it (free text escaped with ``literal_text``)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from openai_constructs import Assistant, ChatKitSession, Message, Run, Thread, literal_text
from openai_constructs._runtime.cdk import TerraformStack, Testing
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.testing import assert_matches_schema
from tests.hostile.strategies import BUDGET, differences, texts

# Every literal string an L2 construct sends, metadata keys included, is escaped.
_plain = texts.filter(lambda t: "${" not in t and "%{" not in t)  # for model names only
_keys = texts.filter(lambda k: k not in ("//", "__proto__") and len(k) <= 64)  # both refused
_metadata = st.dictionaries(_keys | st.just("k" * 64), texts | st.just("v" * 512), max_size=16)


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return literal_text(value)
    if isinstance(value, dict):
        return {literal_text(k): _escaped(v) for k, v in value.items()}
    return value
_names = texts.map(lambda t: t[:256]) | st.just("n" * 256)
_descriptions = texts.map(lambda t: t[:512]) | st.just("d" * 512)
_numbers_0_2 = st.floats(0, 2) | st.sampled_from([0, 2])
_numbers_0_1 = st.floats(0, 1) | st.sampled_from([0, 1])


def _body(doc: dict[str, Any], kind: str, name: str) -> dict[str, Any]:
    return doc["resource"][kind][name]  # type: ignore[no-any-return]


@BUDGET
@given(data=st.data())
def test_random_l2_constructs_synthesize_to_what_was_asked(data: st.DataObject) -> None:
    """One example: 1-3 assistants, each with a thread, a message and a run, plus a ChatKit
    session; one synth."""
    stack = TerraformStack(Testing.app(), "l2")
    OpenaiProvider(stack, "openai")
    checks: list[tuple[str, str, str, Any]] = []  # kind, name, attribute, expected
    for i in range(data.draw(st.integers(1, 3))):
        name, description, instructions = (data.draw(_names), data.draw(_descriptions),
                                           data.draw(texts))
        metadata = data.draw(_metadata)
        temperature = data.draw(st.none() | _numbers_0_2)
        assistant = Assistant(stack, f"a{i}", model=data.draw(_plain.filter(bool)), name=name,
                              description=description, instructions=instructions,
                              temperature=temperature, top_p=data.draw(st.none() | _numbers_0_1),
                              metadata=metadata or None)
        checks += [("openai_beta_assistant", f"a{i}", "name", literal_text(name)),
                   ("openai_beta_assistant", f"a{i}", "description", literal_text(description)),
                   ("openai_beta_assistant", f"a{i}", "instructions", literal_text(instructions)),
                   ("openai_beta_assistant", f"a{i}", "metadata", _escaped(metadata) or None),
                   ("openai_beta_assistant", f"a{i}", "temperature", temperature)]
        seeds = data.draw(st.lists(texts, max_size=3))
        thread = Thread(stack, f"t{i}", messages=seeds)
        checks.append(("openai_beta_thread", f"t{i}", "messages",
                       [{"content": literal_text(s), "role": "user"} for s in seeds] or None))
        content = data.draw(texts)
        Message(stack, f"m{i}", thread=thread, content=content,
                role=data.draw(st.sampled_from(["user", "assistant"])))
        checks.append(("openai_beta_thread_message", f"m{i}", "content", literal_text(content)))
        run_instructions = data.draw(texts)
        Run(stack, f"r{i}", thread=thread, assistant=assistant, instructions=run_instructions,
            max_prompt_tokens=data.draw(st.none() | st.integers(1, 2**53)))
        checks.append(("openai_beta_thread_run", f"r{i}", "instructions",
                       literal_text(run_instructions)))
    variables = data.draw(st.dictionaries(
        _keys,
        st.one_of(texts, st.booleans(), st.integers(-(2**53), 2**53), st.floats(
            allow_nan=False, allow_infinity=False)), max_size=5))
    user = data.draw(texts.filter(bool))
    ChatKitSession(stack, "chat", workflow_id="wf_1", user=user,
                   state_variables=variables or None)
    checks.append(("openai_beta_chatkit_session", "chat", "user", literal_text(user)))
    doc = json.loads(Testing.synth(stack))
    assert_matches_schema(doc)
    for kind, name, attribute, want in checks:
        got = _body(doc, kind, name).get(attribute)
        assert differences(want, got) == [], f"{kind}.{name}.{attribute}"
    state = _body(doc, "openai_beta_chatkit_session", "chat")["workflow"].get("state_variables")
    assert differences(_escaped(variables), state or {}) == []
