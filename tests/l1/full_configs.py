"""Every L1 class built with every settable attribute, mirroring the reference's HCL examples.

Shared by the snapshot, HCL and Terraform validation tests: one place says what "a fully
configured X" is.
"""

from __future__ import annotations

from collections.abc import Callable

from openai_constructs import LiteralSecret
from openai_constructs._runtime.cdk import Construct, TerraformElement, TerraformVariable
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.beta_chatkit_session import BetaChatkitSession
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.beta_thread_message import BetaThreadMessage
from openai_constructs.l1.beta_thread_run import BetaThreadRun
from openai_constructs.l1.conversation import Conversation
from openai_constructs.l1.data_openai_beta_assistant import DataOpenaiBetaAssistant
from openai_constructs.l1.data_openai_beta_assistants import DataOpenaiBetaAssistants
from openai_constructs.l1.data_openai_beta_chatkit_thread import DataOpenaiBetaChatkitThread
from openai_constructs.l1.data_openai_beta_chatkit_threads import DataOpenaiBetaChatkitThreads
from openai_constructs.l1.data_openai_beta_thread import DataOpenaiBetaThread
from openai_constructs.l1.data_openai_beta_thread_message import DataOpenaiBetaThreadMessage
from openai_constructs.l1.data_openai_beta_thread_messages import DataOpenaiBetaThreadMessages
from openai_constructs.l1.data_openai_beta_thread_run import DataOpenaiBetaThreadRun
from openai_constructs.l1.data_openai_beta_thread_run_step import DataOpenaiBetaThreadRunStep
from openai_constructs.l1.data_openai_beta_thread_run_steps import DataOpenaiBetaThreadRunSteps
from openai_constructs.l1.data_openai_beta_thread_runs import DataOpenaiBetaThreadRuns
from openai_constructs.l1.file import File
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.l1.vector_store import VectorStore

MESSAGE = {
    "content": "string",
    "role": "user",
    "attachments": [{"file_id": "file_id", "tools": [{"type": "code_interpreter"}]}],
    "metadata": {"foo": "string"},
}
TOOL_RESOURCES = {
    "code_interpreter": {"file_ids": ["string"]},
    "file_search": {
        "vector_store_ids": ["string"],
        "vector_stores": [
            {
                "chunking_strategy": {"type": "auto"},
                "file_ids": ["string"],
                "metadata": {"foo": "string"},
            }
        ],
    },
}
# Beyond the HCL examples: the subtrees recovered from the API's types (schema NOTES.md, 11).
FILE_SEARCH_TOOL = {
    "type": "file_search",
    "file_search": {"max_num_results": 5,
                    "ranking_options": {"ranker": "auto", "score_threshold": 0.5}},
}
THREAD_TOOL_RESOURCES = {
    "code_interpreter": {"file_ids": ["string"]},
    "file_search": {
        "vector_store_ids": ["string"],
        "vector_stores": [
            {
                "chunking_strategy": {"type": "static", "static": {
                    "max_chunk_size_tokens": 1000, "chunk_overlap_tokens": 200}},
                "file_ids": ["string"],
                "metadata": {"foo": "string"},
            }
        ],
    },
}
FUNCTION_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather for a city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "days": {"type": "integer"}},
            "required": ["city"],
            "additionalProperties": False,
        },
        "strict": True,
    },
}


def provider(scope: Construct) -> TerraformElement:
    api_key = TerraformVariable(scope, "openai_api_key", type="string", sensitive=True)
    admin_key = TerraformVariable(scope, "openai_admin_key", type="string", sensitive=True)
    return OpenaiProvider(
        scope,
        "openai",
        api_key=api_key.string_value,
        admin_api_key=admin_key.string_value,
        organization="org-123",
        project="proj_123",
        webhook_secret=LiteralSecret("literal-opt-in-example"),
        alias="secondary",
    )


def chatkit_session(scope: Construct) -> TerraformElement:
    return BetaChatkitSession(
        scope,
        "example_beta_chatkit_session",
        user="x",
        workflow={
            "id": "id",
            "state_variables": {"foo": "string"},
            "tracing": {"enabled": True},
            "version": "version",
        },
        chatkit_configuration={
            "automatic_thread_titling": {"enabled": True},
            "file_upload": {"enabled": True, "max_file_size": 1, "max_files": 1},
            "history": {"enabled": True, "recent_threads": 1},
        },
        expires_after={"anchor": "created_at", "seconds": 1},
        rate_limits={"max_requests_per_1_minute": 1},
    )


def assistant(scope: Construct) -> TerraformElement:
    return BetaAssistant(
        scope,
        "example_beta_assistant",
        model="gpt-4o",
        description="description",
        instructions="instructions",
        metadata={"foo": "string"},
        name="name",
        reasoning_effort="none",
        response_format="auto",
        temperature=1,
        tool_resources=TOOL_RESOURCES,
        tools=[{"type": "code_interpreter"}, FUNCTION_TOOL, FILE_SEARCH_TOOL],
        top_p=1,
    )


def thread(scope: Construct) -> TerraformElement:
    return BetaThread(
        scope,
        "example_beta_thread",
        messages=[MESSAGE],
        metadata={"foo": "string"},
        tool_resources=THREAD_TOOL_RESOURCES,
    )


def thread_run(scope: Construct) -> TerraformElement:
    return BetaThreadRun(
        scope,
        "example_beta_thread_run",
        thread_id="thread_id",
        assistant_id="assistant_id",
        additional_instructions="additional_instructions",
        additional_messages=[MESSAGE],
        instructions="instructions",
        max_completion_tokens=256,
        max_prompt_tokens=256,
        metadata={"foo": "string"},
        model="string",
        parallel_tool_calls=True,
        reasoning_effort="none",
        response_format="auto",
        stream=False,
        temperature=1,
        tool_choice="none",
        tools=[{"type": "code_interpreter"}, FUNCTION_TOOL, FILE_SEARCH_TOOL],
        top_p=1,
        truncation_strategy={"type": "auto", "last_messages": 1},
    )


def thread_message(scope: Construct) -> TerraformElement:
    return BetaThreadMessage(
        scope,
        "example_beta_thread_message",
        thread_id="thread_id",
        content="string",
        role="user",
        attachments=MESSAGE["attachments"],  # type: ignore[arg-type]
        metadata={"foo": "string"},
    )


def data_chatkit_thread(scope: Construct) -> TerraformElement:
    return DataOpenaiBetaChatkitThread(scope, "example_beta_chatkit_thread", thread_id="cthr_123")


def data_chatkit_threads(scope: Construct) -> TerraformElement:
    return DataOpenaiBetaChatkitThreads(
        scope, "example_beta_chatkit_threads", before="before", order="asc", user="x",
        max_items=10,
    )


def data_assistant(scope: Construct) -> TerraformElement:
    return DataOpenaiBetaAssistant(
        scope, "example_beta_assistant", assistant_id="assistant_id",
        find_one_by={"before": "before", "order": "asc"},
    )


def data_assistants(scope: Construct) -> TerraformElement:
    return DataOpenaiBetaAssistants(
        scope, "example_beta_assistants", before="before", order="desc", max_items=5
    )


def data_thread(scope: Construct) -> TerraformElement:
    return DataOpenaiBetaThread(scope, "example_beta_thread", thread_id="thread_id")


def data_thread_run(scope: Construct) -> TerraformElement:
    return DataOpenaiBetaThreadRun(
        scope, "example_beta_thread_run", thread_id="thread_id", run_id="run_id",
        find_one_by={"before": "before", "order": "desc"},
    )


def data_thread_runs(scope: Construct) -> TerraformElement:
    return DataOpenaiBetaThreadRuns(
        scope, "example_beta_thread_runs", thread_id="thread_id", before="before", order="asc",
        max_items=3,
    )


def data_thread_run_step(scope: Construct) -> TerraformElement:
    return DataOpenaiBetaThreadRunStep(
        scope, "example_beta_thread_run_step", thread_id="thread_id", run_id="run_id",
        step_id="step_id", include=["step_details.tool_calls[*].file_search.results[*].content"],
    )


def data_thread_run_steps(scope: Construct) -> TerraformElement:
    return DataOpenaiBetaThreadRunSteps(
        scope, "example_beta_thread_run_steps", thread_id="thread_id", run_id="run_id",
        before="before", order="asc", max_items=7,
        include=["step_details.tool_calls[*].file_search.results[*].content"],
    )


def data_thread_message(scope: Construct) -> TerraformElement:
    return DataOpenaiBetaThreadMessage(
        scope, "example_beta_thread_message", thread_id="thread_id", message_id="message_id",
        find_one_by={"before": "before", "order": "asc", "run_id": "run_id"},
    )


def data_thread_messages(scope: Construct) -> TerraformElement:
    return DataOpenaiBetaThreadMessages(
        scope, "example_beta_thread_messages", thread_id="thread_id", before="before",
        run_id="run_id", order="desc", max_items=50,
    )


def file(scope: Construct) -> TerraformElement:
    # The reference page's example, as written there.
    return File(
        scope, "example_file", file="Example data", purpose="assistants",
        expires_after={"anchor": "created_at", "seconds": 3600},
    )


def vector_store(scope: Construct) -> TerraformElement:
    return VectorStore(
        scope, "example_vector_store", name="name", description="description",
        file_ids=["file_id"],
        chunking_strategy={"type": "static", "static": {
            "max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400}},
        expires_after={"anchor": "last_active_at", "days": 7}, metadata={"foo": "string"},
    )


def conversation(scope: Construct) -> TerraformElement:
    return Conversation(
        scope, "example_conversation",
        items=[{"content": "string", "role": "user", "type": "message"},
               {"content": "string", "role": "assistant", "phase": "final_answer",
                "type": "message"}],
        metadata={"foo": "string"},
    )


BUILDERS: dict[str, Callable[[Construct], TerraformElement]] = {
    "provider": provider,
    "openai_beta_chatkit_session": chatkit_session,
    "openai_beta_assistant": assistant,
    "openai_beta_thread": thread,
    "openai_beta_thread_run": thread_run,
    "openai_beta_thread_message": thread_message,
    "data.openai_beta_chatkit_thread": data_chatkit_thread,
    "data.openai_beta_chatkit_threads": data_chatkit_threads,
    "data.openai_beta_assistant": data_assistant,
    "data.openai_beta_assistants": data_assistants,
    "data.openai_beta_thread": data_thread,
    "data.openai_beta_thread_run": data_thread_run,
    "data.openai_beta_thread_runs": data_thread_runs,
    "data.openai_beta_thread_run_step": data_thread_run_step,
    "data.openai_beta_thread_run_steps": data_thread_run_steps,
    "data.openai_beta_thread_message": data_thread_message,
    "data.openai_beta_thread_messages": data_thread_messages,
    "openai_file": file,
    "openai_vector_store": vector_store,
    "openai_conversation": conversation,
}
