"""Each L2 construct, fully configured, synthesizes exactly the reviewed JSON (``//``
metadata removed). The documents are also checked against the provider schema.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from syrupy.assertion import SnapshotAssertion

from openai_constructs import Assistant, ChatKitSession, Message, Metadata, Run, Thread
from openai_constructs._runtime.cdk import TerraformStack
from openai_constructs.testing import assert_matches_schema
from openai_constructs.values import (
    Attachment,
    ChatKitConfiguration,
    CodeInterpreterTool,
    FileSearchTool,
    FileUpload,
    FunctionTool,
    History,
    JsonSchemaResponseFormat,
    LastMessagesTruncation,
    ReasoningEffort,
    ToolChoice,
    VectorStore,
)
from tests.conftest import strip_metadata, synth


def lookup_order(order_number: str) -> None:
    """Find an order.

    Args:
        order_number: As printed on the receipt.
    """


def assistant(stack: TerraformStack) -> None:
    bot = Assistant(
        stack,
        "Support",
        model="gpt-4o",
        name="Support",
        description="Answers order questions.",
        instructions="Look orders up first. Never expand ${templates}.",
        tools=[
            FunctionTool.from_function(lookup_order, strict=True),
            FileSearchTool(vector_stores=[VectorStore(file_ids=["file-faq"])]),
        ],
        response_format="auto",
        temperature=0.3,
        top_p=0.9,
        metadata={"team": "support"},
    )
    bot.add_tool(CodeInterpreterTool(file_ids=["file-prices"]))
    bot.add_metadata("tier", "gold")


def thread(stack: TerraformStack) -> None:
    Thread(
        stack,
        "Conversation",
        messages=[
            "Where is order 42?",
            {"content": "Let me check.", "role": "assistant", "metadata": {"step": "1"}},
        ],
        tool_resources={"code_interpreter": {"file_ids": ["file-1"]}},
        metadata={"channel": "email"},
    )


def message(stack: TerraformStack) -> None:
    conversation = Thread(stack, "Conversation")
    Message(
        stack,
        "Followup",
        thread=conversation,
        content="Here is the invoice.",
        attachments=[Attachment("file-invoice", ["file_search", "code_interpreter"])],
        metadata={"source": "upload"},
    )


def run(stack: TerraformStack) -> None:
    Run(
        stack,
        "Extraction",
        thread=Thread(stack, "Conversation", messages=["Invoice INV-1: 10 EUR"]),
        assistant=Assistant.from_assistant_id(stack, "Extractor", "asst_extractor"),
        instructions="Extract the invoice.",
        additional_instructions="Be brief.",
        additional_messages=["Also the due date."],
        model="gpt-4o-mini",
        tools=[FunctionTool(name="save_invoice", parameters={"type": "object"})],
        tool_choice=ToolChoice.function("save_invoice"),
        response_format=JsonSchemaResponseFormat(
            name="invoice", schema={"type": "object", "properties": {}}, strict=True
        ),
        temperature=0,
        top_p=1,
        reasoning_effort=ReasoningEffort.MEDIUM,
        truncation_strategy=LastMessagesTruncation(5),
        max_prompt_tokens=4_000,
        max_completion_tokens=1_000,
        parallel_tool_calls=False,
        metadata={"batch": "7"},
    )


def chatkit_session(stack: TerraformStack) -> None:
    ChatKitSession(
        stack,
        "WebChat",
        workflow_id="wf_support",
        workflow_version="2",
        user="customer-42",
        state_variables={"plan": "pro", "seats": 3, "beta": True},
        tracing=False,
        chatkit_configuration=ChatKitConfiguration(
            automatic_thread_titling=False,
            file_upload=FileUpload(max_file_size=512, max_files=4),
            history=History(recent_threads=5),
        ),
        expires_after_seconds=600,
        max_requests_per_minute=20,
    )


def propagated_metadata(stack: TerraformStack) -> None:
    Metadata.of(stack).add("env", "prod", priority=40)  # below own pairs (50)
    bot = Assistant(stack, "Bot", model="gpt-4o", metadata={"env": "own wins"})
    conversation = Thread(stack, "T", messages=["hi"])
    Metadata.of(conversation).add("conversation", "vip")
    conversation.add_message("more")
    conversation.run(bot)


def successors(stack: TerraformStack) -> None:
    """File, VectorStore and Conversation together, as a migrated stack declares them."""
    from openai_constructs import Conversation, File
    from openai_constructs import VectorStore as Store
    from openai_constructs.values import Message as Said
    from openai_constructs.values import StaticChunking

    faq = File(stack, "Faq", content="Q: ${order}? A: see %{ tracking }.", purpose="assistants",
               expires_after_seconds=86_400)
    Store(stack, "Docs", name="Support docs", description="FAQ and policies",
          files=[faq, File.from_file_id(stack, "Policy", "file-policy")],
          chunking=StaticChunking(600, 200), expires_after_days=30,
          metadata={"team": "support"})
    Conversation(stack, "Welcome", items=[
        "Where is order 42?", Said("Shipped to Berlin.", role="assistant"),
        {"content": "Answer briefly.", "role": "developer"}], metadata={"channel": "web"})


BUILDERS: dict[str, Callable[[TerraformStack], None]] = {
    "assistant": assistant,
    "thread": thread,
    "message": message,
    "run": run,
    "chatkit_session": chatkit_session,
    "propagated_metadata": propagated_metadata,
    "successors": successors,
}


@pytest.mark.parametrize("name", list(BUILDERS))
def test_snapshot(name: str, stack: TerraformStack, json_snapshot: SnapshotAssertion) -> None:
    BUILDERS[name](stack)
    document = synth(stack)
    assert_matches_schema(document)
    assert strip_metadata(document) == json_snapshot
