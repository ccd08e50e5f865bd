"""``for_each`` and ``count`` on the L2 constructs, and chaining on iterated threads.

What the document says is checked here; that Terraform accepts it and plans the expected
number of instances for 0, 1 and several entries is checked by ``test_iteration_plans.py``.
"""

from __future__ import annotations

from typing import Any

import pytest

from openai_constructs import (
    Assistant,
    AttributeTypeError,
    ChatKitSession,
    Message,
    Metadata,
    Run,
    Thread,
    ValidationError,
)
from openai_constructs._runtime.cdk import (
    TerraformCount,
    TerraformIterator,
    TerraformOutput,
    TerraformStack,
    TerraformVariable,
    Token,
)
from tests.conftest import synth


def locales(stack: TerraformStack) -> Any:
    variable = TerraformVariable(stack, "locales", type="map(string)")
    return TerraformIterator.from_map(Token.as_string_map(variable.value))


def resources(stack: TerraformStack, kind: str) -> dict[str, Any]:
    found: dict[str, Any] = synth(stack)["resource"][kind]
    return found


def test_for_each_reaches_the_resource_and_iterator_values_every_attribute(
    stack: TerraformStack,
) -> None:
    each = locales(stack)
    Assistant(
        stack,
        "A",
        model="gpt-4o",
        instructions=each.value,
        description="Costs ${price}",
        tools=[{"type": "function", "function": {"name": "f", "description": each.key}}],
        metadata={"locale": each.key},
        for_each=each,
    )
    Thread(stack, "T", messages=[each.value, "Say ${hi}"], metadata={"k": each.key}, for_each=each)
    ChatKitSession(
        stack, "S", workflow_id="wf", user=each.value, state_variables={"l": each.key},
        for_each=each,
    )
    assistant = resources(stack, "openai_beta_assistant")["A"]
    assert assistant["for_each"] == "${var.locales}"
    assert assistant["instructions"] == "${each.value}"
    assert assistant["description"] == 'Costs ${"$"}{price}'  # literal parts still escaped
    assert assistant["tools"][0]["function"]["description"] == "${each.key}"
    assert assistant["metadata"] == {"locale": "${each.key}"}
    thread = resources(stack, "openai_beta_thread")["T"]
    assert [m["content"] for m in thread["messages"]] == ["${each.value}", 'Say ${"$"}{hi}']
    session = resources(stack, "openai_beta_chatkit_session")["S"]
    assert session["user"] == "${each.value}"
    assert session["workflow"]["state_variables"] == {"l": "${each.key}"}


def test_count_takes_a_number_a_reference_or_a_terraform_count(stack: TerraformStack) -> None:
    n = TerraformVariable(stack, "n", type="number")
    counted = TerraformCount.of(n.number_value)
    Thread(stack, "Two", count=2)
    Thread(stack, "N", count=n.number_value)
    Thread(stack, "C", count=counted, metadata={"i": Token.as_string(counted.index)})
    threads = resources(stack, "openai_beta_thread")
    assert threads["Two"]["count"] == 2
    assert threads["N"]["count"] == "${var.n}"
    assert threads["C"] == {"count": "${var.n}", "metadata": {"i": "${count.index}"}}


def test_messages_and_runs_on_an_iterated_thread_follow_its_instances(
    stack: TerraformStack,
) -> None:
    each = locales(stack)
    bot = Assistant(stack, "Bot", model="gpt-4o")
    thread = Thread(stack, "T", for_each=each)
    message = thread.add_message(each.value)
    run = thread.run(bot, additional_instructions=each.key)
    second = Run(stack, "Second", thread=thread, assistant=bot)
    assert message.iteration.for_each is each and run.iteration.for_each is each
    messages = resources(stack, "openai_beta_thread_message")
    runs = resources(stack, "openai_beta_thread_run")
    assert messages["T_Message1_C49C6983"] == {
        "content": "${each.value}",
        "for_each": "${var.locales}",
        "role": "user",
        "thread_id": "${openai_beta_thread.T[each.key].id}",
    }
    first = runs["T_Run1_52D58EB9"]
    assert first["thread_id"] == "${openai_beta_thread.T[each.key].id}"
    assert first["assistant_id"] == "${openai_beta_assistant.Bot.id}"
    assert first["for_each"] == "${var.locales}"
    assert first["depends_on"] == ["openai_beta_thread_message.T_Message1_C49C6983"]
    assert runs["Second"]["depends_on"] == ["openai_beta_thread_run.T_Run1_52D58EB9"]
    TerraformOutput(stack, "second", value=second.run_ids)
    assert synth(stack)["output"]["second"]["value"] == (
        "${{ for key, val in openai_beta_thread_run.Second: key => val.id }}"
    )


def test_chaining_on_a_counted_thread_uses_count_index(stack: TerraformStack) -> None:
    thread = Thread(stack, "T", count=3)
    thread.add_message("hi")
    thread.run(Assistant.from_assistant_id(stack, "A", "asst_1"))
    message = resources(stack, "openai_beta_thread_message")["T_Message1_C49C6983"]
    run = resources(stack, "openai_beta_thread_run")["T_Run1_52D58EB9"]
    assert message["count"] == run["count"] == 3
    assert message["thread_id"] == run["thread_id"] == "${openai_beta_thread.T[count.index].id}"


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("en", '${openai_beta_assistant.A["en"].id}'),
        ("pt BR", '${openai_beta_assistant.A["pt BR"].id}'),
        ('say "${x}" %{y}', '${openai_beta_assistant.A["say \\"$${x}\\" %%{y}"].id}'),
        (2, "${openai_beta_assistant.A[2].id}"),
    ],
)
def test_an_iterated_assistant_runs_by_key(stack: TerraformStack, key: Any, expected: str) -> None:
    each = locales(stack)
    assistant = Assistant(stack, "A", model="gpt-4o", for_each=each)
    thread = Thread(stack, "T")
    thread.run(assistant, assistant_key=key)
    assert resources(stack, "openai_beta_thread_run")["T_Run1_52D58EB9"]["assistant_id"] == (
        expected
    )
    TerraformOutput(stack, "picked", value=assistant.assistant_id_for(key))
    assert synth(stack)["output"]["picked"]["value"] == expected


def test_an_assistant_and_a_thread_on_the_same_iterator_pair_by_key(
    stack: TerraformStack,
) -> None:
    each = locales(stack)
    assistant = Assistant(stack, "A", model="gpt-4o", for_each=each)
    thread = Thread(stack, "T", for_each=each)
    paired = thread.run(assistant)
    fixed = thread.run(assistant, assistant_key="en")
    runs = resources(stack, "openai_beta_thread_run")
    assert runs[paired.resource.friendly_unique_id]["assistant_id"] == (
        "${openai_beta_assistant.A[each.key].id}"
    )
    assert runs[fixed.resource.friendly_unique_id]["assistant_id"] == (
        '${openai_beta_assistant.A["en"].id}'
    )


def test_runs_over_threads_imported_per_key(stack: TerraformStack) -> None:
    variable = TerraformVariable(stack, "existing", type="map(string)")
    each = TerraformIterator.from_map(Token.as_string_map(variable.value))
    thread = Thread.from_thread_id(stack, "Existing", Token.as_string(each.value))
    run_construct = thread.run(Assistant.from_assistant_id(stack, "A", "asst_1"), for_each=each)
    run = resources(stack, "openai_beta_thread_run")[run_construct.resource.friendly_unique_id]
    assert run["for_each"] == "${var.existing}"
    assert run["thread_id"] == "${each.value}"


def test_ids_of_every_instance_for_outputs(stack: TerraformStack) -> None:
    each = locales(stack)
    thread = Thread(stack, "T", for_each=each)
    counted = Thread(stack, "C", count=2)
    session = ChatKitSession(stack, "S", workflow_id="wf", user=each.value, for_each=each)
    TerraformOutput(stack, "t", value=thread.thread_ids)
    TerraformOutput(stack, "c", value=counted.thread_ids)
    TerraformOutput(stack, "s", value=session.client_secrets, sensitive=True)
    TerraformOutput(stack, "one", value=thread.thread_id_for("en"))
    TerraformOutput(stack, "single", value=Thread(stack, "Single").thread_ids)
    outputs = synth(stack)["output"]
    assert outputs["t"]["value"] == "${{ for key, val in openai_beta_thread.T: key => val.id }}"
    assert outputs["c"]["value"] == "${openai_beta_thread.C[*].id}"
    assert outputs["s"]["value"] == (
        "${{ for key, val in openai_beta_chatkit_session.S: key => val.client_secret }}"
    )
    assert outputs["one"]["value"] == '${openai_beta_thread.T["en"].id}'
    assert outputs["single"]["value"] == "${openai_beta_thread.Single.id}"


def test_metadata_of_reaches_iterated_constructs(stack: TerraformStack) -> None:
    each = locales(stack)
    key = each.key
    thread = Thread(stack, "T", for_each=each, metadata={"locale": key})
    Metadata.of(stack).add("team", "support")
    assert resources(stack, "openai_beta_thread")["T"]["metadata"] == {
        "locale": "${each.key}",
        "team": "support",
    }
    assert thread.metadata == {"locale": key, "team": "support"}


# -- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "attribute", ["thread_id", "created_at"]
)
def test_single_object_attributes_of_an_iterated_thread_refuse(
    stack: TerraformStack, attribute: str
) -> None:
    thread = Thread(stack, "T", count=2)
    with pytest.raises(ValidationError) as caught:
        getattr(thread, attribute)
    text = str(caught.value)
    assert "test/T" in text and "use the *_ids property" in text


def test_single_object_attributes_of_every_iterated_construct_refuse(
    stack: TerraformStack,
) -> None:
    each = locales(stack)
    assistant = Assistant(stack, "A", model="m", for_each=each)
    thread = Thread(stack, "T", for_each=each)
    message = thread.add_message("hi")
    run = thread.run(assistant)
    session = ChatKitSession(stack, "S", workflow_id="wf", user="u", count=2)
    for construct, attribute in [
        (assistant, "assistant_id"),
        (message, "message_id"),
        (message, "status"),
        (run, "run_id"),
        (run, "status"),
        (session, "session_id"),
        (session, "client_secret"),
        (session, "expires_at"),
    ]:
        with pytest.raises(ValidationError, match="for_each or count is set"):
            getattr(construct, attribute)


def test_both_for_each_and_count_are_refused_before_anything_is_created(
    stack: TerraformStack,
) -> None:
    each = locales(stack)
    with pytest.raises(ValidationError, match="either for_each or count, not both"):
        Thread(stack, "T", for_each=each, count=2)
    assert stack.node.try_find_child("T") is None


@pytest.mark.parametrize("count", [-1, 1.5])
def test_a_bad_count_is_refused(stack: TerraformStack, count: Any) -> None:
    with pytest.raises(ValidationError, match="a non-negative integer"):
        Assistant(stack, "A", model="m", count=count)
    assert stack.node.try_find_child("A") is None


@pytest.mark.parametrize("value", [["en", "fr"], {"en": "x"}, "en", True])
def test_for_each_and_count_of_the_wrong_type_are_refused(
    stack: TerraformStack, value: Any
) -> None:
    with pytest.raises(AttributeTypeError, match="for_each: expects a TerraformIterator"):
        Thread(stack, "T", for_each=value)
    with pytest.raises(AttributeTypeError, match="count: expects an int"):
        Thread(stack, "T", count=value if not isinstance(value, bool) else "2")
    assert stack.node.try_find_child("T") is None


def test_a_message_or_run_of_an_iterated_thread_takes_no_iteration_of_its_own(
    stack: TerraformStack,
) -> None:
    each = locales(stack)
    thread = Thread(stack, "T", for_each=each)
    with pytest.raises(ValidationError, match="it is iterated like its thread"):
        thread.add_message("hi", count=2)
    with pytest.raises(ValidationError, match="it is iterated like its thread"):
        Message(stack, "M", thread=thread, content="hi", for_each=each)
    with pytest.raises(ValidationError, match="it is iterated like its thread"):
        thread.run(Assistant.from_assistant_id(stack, "A", "asst_1"), for_each=each)
    assert stack.node.try_find_child("M") is None
    assert thread.node.try_find_child("Message1") is None


def test_an_iterated_assistant_needs_a_key_unless_the_thread_shares_its_iterator(
    stack: TerraformStack,
) -> None:
    each = locales(stack)
    other = TerraformIterator.from_list(["a", "b"])
    assistant = Assistant(stack, "A", model="m", for_each=each)
    for thread in (Thread(stack, "One"), Thread(stack, "Other", for_each=other)):
        with pytest.raises(ValidationError, match="assistant_key: given when the assistant"):
            thread.run(assistant)
    single = Assistant.from_assistant_id(stack, "S", "asst_1")
    with pytest.raises(ValidationError, match="only given for an assistant with for_each"):
        Thread(stack, "Two").run(single, assistant_key="en")


def test_picking_an_instance_needs_an_iterated_construct_and_a_key(
    stack: TerraformStack,
) -> None:
    with pytest.raises(ValidationError, match="only given for a construct with for_each"):
        Thread(stack, "Single").thread_id_for("en")
    counted = Thread(stack, "Counted", count=2)
    with pytest.raises(AttributeTypeError, match="key: expects a key"):
        counted.thread_id_for(1.5)
    assistant = Assistant(stack, "A", model="m", count=2)
    with pytest.raises(AttributeTypeError, match="assistant_key: expects a key"):
        Thread(stack, "T").run(assistant, assistant_key=["en"])
    assert stack.node.try_find_child("T").node.try_find_child("Run1") is None  # type: ignore[union-attr]


def test_literal_parts_of_iterated_constructs_are_still_checked(stack: TerraformStack) -> None:
    each = locales(stack)
    with pytest.raises(ValidationError) as caught:
        Assistant(
            stack, "A", model="m", temperature=3, name="n" * 300,
            metadata={"locale": each.key, "k" * 65: "v"}, for_each=each,
        )
    text = str(caught.value)
    assert "temperature: between 0 and 2" in text
    assert "name: at most 256 characters" in text
    assert "metadata: keys at most 64 characters" in text
    thread = Thread(stack, "T", for_each=each)
    with pytest.raises(ValidationError, match="max_completion_tokens: a positive integer"):
        thread.run(Assistant.from_assistant_id(stack, "B", "asst_1"), max_completion_tokens=0)
    assert stack.node.try_find_child("A") is None
    assert thread.node.try_find_child("Run1") is None
