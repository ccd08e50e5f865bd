"""``ResponsesMigration``: the successors of every assistant and thread below its source, in
declaration order, and the retired objects forgotten; refusals leave nothing behind. (The
example ``examples/migration`` is planned against a state in tests/examples.)"""

from __future__ import annotations

import json
from typing import Any

import pytest

from openai_constructs import Assistant, Thread
from openai_constructs.cdk import Construct, TerraformCount, TerraformStack, Testing
from openai_constructs.errors import AttributeTypeError
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.patterns import ResponsesMigration
from openai_constructs.values import Attachment, FileSearchTool, InlineVectorStore, Message


def _stack() -> TerraformStack:
    stack = TerraformStack(Testing.app(), "prod")
    OpenaiProvider(stack, "openai")
    return stack


def _document(stack: TerraformStack) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(Testing.synth(stack))
    return parsed


def test_every_assistant_and_thread_gets_its_successors_in_order() -> None:
    stack = _stack()
    desk = Construct(stack, "Desk")
    support = Assistant(desk, "Support", model="gpt-4o", tools=[FileSearchTool(
        vector_stores=[InlineVectorStore(file_ids=["file-b", "file-a"])])])
    plain = Assistant(stack, "Plain", model="gpt-4o-mini", instructions="Be brief.")
    welcome = Thread(stack, "Welcome", messages=["Hi", Message("Hello!", role="assistant")])
    welcome.add_message("Any news?")
    empty = Thread(stack, "Empty")
    migration = ResponsesMigration(stack, "Migration")

    (store,) = migration.vector_stores_for(support)
    assert migration.vector_stores_for(plain) == []
    conversation = migration.conversation_for(welcome)
    assert conversation is not None and migration.conversation_for(empty) is None
    assert [i["content"] for i in conversation.items] == ["Hi", "Hello!", "Any news?"]
    document = _document(stack)
    stores = document["resource"]["openai_vector_store"]
    assert [body["file_ids"] for body in stores.values()] == [["file-b", "file-a"]]
    assert set(document["output"]) == {"Desk_Support_responses_params",
                                       "Plain_responses_params"}
    params = document["output"]["Desk_Support_responses_params"]["value"]
    assert "openai_vector_store." in params and "vector_stores" not in params
    removed = {r["from"].split(".")[0] for r in document["removed"]}
    assert removed == {"openai_beta_assistant", "openai_beta_thread",
                       "openai_beta_thread_message"}
    assert "openai_beta_assistant" not in document.get("resource", {})
    assert migration.responses_params_output(plain) is not None
    assert store.vector_store_id.startswith("${")


def test_source_limits_the_migration_to_a_scope() -> None:
    stack = _stack()
    moved = Construct(stack, "Moved")
    Assistant(moved, "A", model="gpt-4o")
    Assistant(stack, "Kept", model="gpt-4o")
    ResponsesMigration(stack, "Migration", source=moved)
    document = _document(stack)
    assert list(document["output"]) == ["A_responses_params"]
    (removed,) = document["removed"]  # only the assistant below the source is forgotten
    assert removed["from"].startswith("openai_beta_assistant.Moved_A")
    assert "Kept" in json.dumps(document["resource"]["openai_beta_assistant"])


@pytest.mark.parametrize(("declare", "message"), [
    (lambda s: Thread(s, "Many", messages=["x"], count=TerraformCount.of(2)),
     "Thread 'prod/Many' is declared with for_each/count"),
    (lambda s: Thread(s, "Files", messages=[Message(
        "See file", attachments=[Attachment("file-1", ["file_search"])])]),
     "items[0].attachments: a conversation item cannot hold attachments"),
])
def test_what_cannot_be_carried_is_refused_and_nothing_is_left(
    declare: Any, message: str
) -> None:
    stack = _stack()
    declare(stack)
    with pytest.raises(AttributeTypeError) as caught:
        ResponsesMigration(stack, "Migration")
    assert message in str(caught.value)
    assert stack.node.try_find_child("Migration") is None
    assert "removed" not in _document(stack)  # nothing forgotten either
