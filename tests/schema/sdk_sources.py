"""Which SDK types each provider type is checked against (request params and response model)."""

from __future__ import annotations

from typing import Any


def sources() -> dict[tuple[str, str], list[Any]]:
    from openai.types import (
        FileObject,
        VectorStore,
        file_create_params,
        vector_store_create_params,
        vector_store_update_params,
    )
    from openai.types.beta import (
        Assistant,
        Thread,
        assistant_create_params,
        assistant_list_params,
        assistant_update_params,
        thread_create_params,
        thread_update_params,
    )
    from openai.types.beta.chatkit import (
        ChatKitThread,
        chat_session,
        session_create_params,
        thread_list_params,
    )
    from openai.types.beta.threads import (
        Message,
        Run,
        message_create_params,
        message_list_params,
        message_update_params,
        run_create_params,
        run_list_params,
        run_update_params,
    )
    from openai.types.beta.threads.runs import RunStep, step_list_params, step_retrieve_params
    from openai.types.conversations import (
        Conversation,
        conversation_create_params,
        conversation_update_params,
    )

    def listing(params: Any, model: Any) -> list[Any]:
        return [params, _items(model)]

    return {
        ("resource", "openai_beta_assistant"): [
            assistant_create_params.AssistantCreateParams,
            assistant_update_params.AssistantUpdateParams, Assistant],
        ("data", "openai_beta_assistant"): [
            Assistant, _find_one_by(assistant_list_params.AssistantListParams)],
        ("data", "openai_beta_assistants"): listing(assistant_list_params.AssistantListParams,
                                                    Assistant),
        ("resource", "openai_beta_thread"): [
            thread_create_params.ThreadCreateParams, thread_update_params.ThreadUpdateParams,
            Thread],
        ("data", "openai_beta_thread"): [Thread],
        ("resource", "openai_beta_thread_message"): [
            message_create_params.MessageCreateParams,
            message_update_params.MessageUpdateParams, Message],
        ("data", "openai_beta_thread_message"): [
            Message, _find_one_by(message_list_params.MessageListParams)],
        ("data", "openai_beta_thread_messages"): listing(message_list_params.MessageListParams,
                                                         Message),
        ("resource", "openai_beta_thread_run"): [
            run_create_params.RunCreateParamsNonStreaming, run_update_params.RunUpdateParams, Run],
        ("data", "openai_beta_thread_run"): [Run, _find_one_by(run_list_params.RunListParams)],
        ("data", "openai_beta_thread_runs"): listing(run_list_params.RunListParams, Run),
        ("data", "openai_beta_thread_run_step"): [
            RunStep, step_retrieve_params.StepRetrieveParams],
        ("data", "openai_beta_thread_run_steps"): listing(step_list_params.StepListParams,
                                                          RunStep),
        ("resource", "openai_beta_chatkit_session"): [
            session_create_params.SessionCreateParams, chat_session.ChatSession],
        ("data", "openai_beta_chatkit_thread"): [ChatKitThread],
        ("data", "openai_beta_chatkit_threads"): listing(thread_list_params.ThreadListParams,
                                                         ChatKitThread),
        # The successors (NOTES.md, "Successor types"): create params first.
        ("resource", "openai_file"): [file_create_params.FileCreateParams, FileObject],
        ("resource", "openai_vector_store"): [
            vector_store_create_params.VectorStoreCreateParams,
            vector_store_update_params.VectorStoreUpdateParams, VectorStore],
        ("resource", "openai_conversation"): [
            conversation_create_params.ConversationCreateParams,
            conversation_update_params.ConversationUpdateParams, Conversation],
    }


def _items(model: Any) -> Any:
    from typing_extensions import TypedDict

    return TypedDict("ListItems", {"items": list[model]})  # type: ignore[misc]


def _find_one_by(params: Any) -> Any:
    from typing_extensions import TypedDict

    return TypedDict("FindOneBy", {"find_one_by": params})  # type: ignore[misc]
