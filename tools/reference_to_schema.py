"""Build the provider schema from the flat attribute reference, using an explicit nesting plan.

The reference lists attributes flat: a nested attribute's children follow it with no
indentation. ``NESTING`` below is our reading of where each entry belongs, recovered from
the HCL examples and the OpenAI REST object shapes (see ``openai_constructs/schema/NOTES.md``).
The tool walks each section's entries in order against the plan and fails if any entry is
left over, missing or out of place, so the plan accounts for every attribute of the reference.

Usage::

    python tools/reference_to_schema.py ../shared/seed/openai-beta-terraform-reference.txt \
        openai_constructs/schema/provider-schema.json openai_constructs/schema/encodings.json \
        openai_constructs/schema/retired_apis.json

``--check`` compares instead of writing (used by the test suite).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROVIDER_ADDRESS = "registry.terraform.io/stainless-sdks/openai"

_ENTRY = re.compile(
    r"^(?P<name>[a-z0-9_]+)(?P<opt>\?)?: (?P<type>String|Int64|Float64|Bool|Dynamic|Attributes|"
    r"List\[Attributes\]|List\[String\]|Map\[String\]|Map\[JSON\])$"
)
_SECTION = re.compile(r"^(?P<kind>resource|data) (?P<type>openai_beta_[a-z_]+)$")
_MODES = {"required Expand Collapse": "required", "optional Expand Collapse": "optional",
          "computed Expand Collapse": "computed"}


@dataclass
class Entry:
    name: str
    optional_mark: bool
    type: str
    mode: str
    description: str = ""


@dataclass
class Extra:
    """An attribute the HCL examples show but the attribute list omits."""

    name: str
    type: str
    mode: str
    description: str
    children: list[Extra] = field(default_factory=list)


Plan = list[str | tuple[str, "Plan"] | Extra]


def parse_reference(text: str) -> dict[str, list[Entry]]:
    """Split the reference into sections of flat entries, each with its description."""
    sections: dict[str, list[Entry]] = {}
    current: list[Entry] | None = None
    mode = "optional"
    desc: list[str] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        section = _SECTION.match(line)
        if section:
            _flush(current, desc)
            current = sections.setdefault(f"{section['kind']} {section['type']}", [])
            desc, mode = [], "optional"
            continue
        if current is None:
            continue
        if line in _MODES:
            _flush(current, desc)
            desc, mode = [], _MODES[line]
            continue
        if line.startswith("openai_beta_") and " " not in line:
            # The title above the HCL example closes the section.
            _flush(current, desc)
            current, desc = None, []
            continue
        entry = _ENTRY.match(line)
        if entry:
            _flush(current, desc)
            desc = []
            current.append(Entry(entry["name"], bool(entry["opt"]), entry["type"], mode))
            continue
        desc.append(line)
    _flush(current, desc)
    return sections


def _flush(entries: list[Entry] | None, desc: list[str]) -> None:
    if not entries or not any(line.strip() for line in desc):
        return
    paragraphs: list[str] = []
    block: list[str] = []
    for line in desc + [""]:
        stripped = line.strip()
        if not stripped:
            if block:
                paragraphs.append(" ".join(block))
                block = []
            continue
        if stripped.startswith("•"):
            if block:
                paragraphs.append(" ".join(block))
            block = []
            paragraphs.append("- " + stripped.lstrip("•").strip())
            continue
        block.append(stripped)
    text = ""
    for para in paragraphs:
        if text:
            text += "\n" if para.startswith("- ") else "\n\n"
        text += para
    entries[-1].description = text.replace("`code_interpreter“", "`code_interpreter`")


# ---------------------------------------------------------------------------------------
# The nesting plan: our judgement, one list per section, in reference order.
# A plain string is a leaf; (name, plan) is a nested attribute and its children.
# ---------------------------------------------------------------------------------------

def _x(name: str, type_: str, description: str, *children: Extra,
       required: bool = False) -> Extra:
    """An attribute recovered from the API's types (see NOTES.md), optional unless required;
    everything under a computed parent is computed."""
    return Extra(name, type_, "required" if required else "optional", description, list(children))


def _file_search(mode: str) -> Extra:
    """``tool_resources.file_search`` of the assistant and thread resources (``mode`` optional)
    or of their data sources (``mode`` computed: only ``vector_store_ids``, as the API's
    response objects have)."""
    vector_store_ids = _x(
        "vector_store_ids", "List[String]",
        "The vector store attached to this assistant or thread. There can be a maximum of 1 "
        "vector store attached.")
    if mode == "computed":
        return Extra("file_search", "Attributes", mode,
                     "Resources for the file_search tool.", [vector_store_ids])
    static = _x(
        "static", "Attributes",
        "The settings of the static chunking strategy; set when type is static.",
        _x("max_chunk_size_tokens", "Int64",
           "The maximum number of tokens in each chunk: 100 to 4096 (default 800).",
           required=True),
        _x("chunk_overlap_tokens", "Int64",
           "The number of tokens that overlap between chunks (default 400); at most half of "
           "max_chunk_size_tokens.", required=True))
    return Extra(
        "file_search", "Attributes", mode,
        "Resources for the file_search tool. Shown in the provider's HCL example; its attribute "
        "list omits it.",
        [
            vector_store_ids,
            _x("vector_stores", "List[Attributes]",
               "A helper to create a vector store with file_ids and attach it. There can be a "
               "maximum of 1 vector store attached.",
               _x("chunking_strategy", "Attributes",
                  "The chunking strategy used to chunk the file(s). If not set, will use the "
                  "auto strategy.",
                  _x("type", "String", "auto (the default strategy: 800-token chunks "
                     "overlapping by 400) or static.", required=True),
                  static),
               _x("file_ids", "List[String]",
                  "A list of file IDs to add to the vector store. A store can hold up to "
                  "100,000,000 files (stores created before Nov 2025: 10,000)."),
               _x("metadata", "Map[String]",
                  "Set of 16 key-value pairs that can be attached to the vector store.")),
        ],
    )


# ``tools[].file_search`` of the assistant and run (resources and data sources): the API's
# per-tool overrides (SDK ``FileSearchToolParam.file_search``).
_RANKING_OPTIONS = _x(
    "ranking_options", "Attributes",
    "The ranking options for the file search. If not set, the auto ranker and a "
    "score_threshold of 0.",
    _x("ranker", "String", "The ranker: auto (the default) or default_2024_08_21."),
    _x("score_threshold", "Float64",
       "The score threshold for the file search, a number between 0 and 1.", required=True))
_TOOL_FILE_SEARCH = _x(
    "file_search", "Attributes", "Overrides for the file_search tool; set when type is "
    "file_search.",
    _x("max_num_results", "Int64",
       "The maximum number of results the file search outputs, 1 to 50 (default 20 for "
       "gpt-4* models, 5 for gpt-3.5-turbo)."),
    _RANKING_OPTIONS)


_TOOLS: Plan = ["type", ("function", ["name", "description", "parameters", "strict"]),
                 _TOOL_FILE_SEARCH]
_ATTACHMENTS: Plan = ["file_id", ("tools", ["type"])]
_MESSAGE_INPUT: Plan = ["content", "role", ("attachments", _ATTACHMENTS), "metadata"]
_USAGE: Plan = ["completion_tokens", "prompt_tokens", "total_tokens"]
_REQUIRED_ACTION: Plan = [("submit_tool_outputs", [("tool_calls", [
    "id", ("function", ["arguments", "name"]), "type"])]), "type"]
_STEP_DETAILS: Plan = [
    ("message_creation", ["message_id"]), "type",
    ("tool_calls", [
        "id",
        ("code_interpreter", ["input", ("outputs", ["logs", "type", ("image", ["file_id"])])]),
        "type",
        ("function", ["arguments", "name", "output"]),
        # The API's file_search tool call (SDK ``FileSearchToolCall``); its results' content is
        # what the data sources' own ``include`` argument asks for.
        _x("file_search", "Attributes", "Details of a file_search tool call.",
           _RANKING_OPTIONS,
           _x("results", "List[Attributes]", "The results of the file search.",
              _x("file_id", "String", "The ID of the file the result was found in."),
              _x("file_name", "String", "The name of the file the result was found in."),
              _x("score", "Float64", "The score of the result, between 0 and 1."),
              _x("content", "List[Attributes]",
                 "The content of the result; only included when asked for with include.",
                 _x("text", "String", "The text content of the file."),
                 _x("type", "String", "The type of the content: text.")))),
    ]),
]
_MESSAGE_CONTENT: Plan = [
    ("image_file", ["file_id", "detail"]), "type",
    ("image_url", ["url", "detail"]),
    ("text", [("annotations", ["end_index", ("file_citation", ["file_id"]), "start_index", "text",
                               "type", ("file_path", ["file_id"])]), "value"]),
    "refusal",
]
_CHATKIT_THREAD: Plan = [
    "created_at", "id", "object", "title", "user", ("status", ["type", "reason"]),
]

NESTING: dict[str, Plan] = {
    "resource openai_beta_chatkit_session": [
        "user",
        ("workflow", ["id", "state_variables", ("tracing", ["enabled"]), "version"]),
        ("chatkit_configuration", [
            ("automatic_thread_titling", ["enabled"]),
            ("file_upload", ["enabled", "max_file_size", "max_files"]),
            ("history", ["enabled", "recent_threads"]),
        ]),
        ("rate_limits", ["max_requests_per_1_minute"]),
        ("expires_after", ["anchor", "seconds"]),
        "id", "client_secret", "expires_at", "max_requests_per_1_minute", "object", "status",
    ],
    "data openai_beta_chatkit_thread": ["thread_id", *_CHATKIT_THREAD],
    "data openai_beta_chatkit_threads": [
        "before", "order", "user", "max_items",
        ("items", ["id", "created_at", "object", ("status", ["type", "reason"]), "title", "user"]),
    ],
    "resource openai_beta_assistant": [
        "model", "description", "instructions", "name", "response_format", "metadata",
        "reasoning_effort", "temperature", "top_p",
        ("tool_resources", [("code_interpreter", ["file_ids"]), _file_search("optional")]),
        ("tools", _TOOLS),
        "id", "created_at", "object",
    ],
    "data openai_beta_assistant": [
        "assistant_id", ("find_one_by", ["before", "order"]),
        "id", "created_at", "description", "instructions", "model", "name", "object",
        "response_format", "temperature", "top_p", "metadata",
        ("tool_resources", [("code_interpreter", ["file_ids"]), _file_search("computed")]),
        ("tools", _TOOLS),
    ],
    "data openai_beta_assistants": [
        "before", "order", "max_items",
        ("items", [
            "id", "created_at", "description", "instructions", "metadata", "model", "name",
            "object", ("tools", _TOOLS), "response_format", "temperature",
            ("tool_resources", [("code_interpreter", ["file_ids"]), _file_search("computed")]),
            "top_p",
        ]),
    ],
    "resource openai_beta_thread": [
        ("messages", _MESSAGE_INPUT), "metadata",
        ("tool_resources", [("code_interpreter", ["file_ids"]), _file_search("optional")]),
        "id", "created_at", "object",
    ],
    "data openai_beta_thread": [
        "thread_id", "id", "created_at", "object", "metadata",
        ("tool_resources", [("code_interpreter", ["file_ids"]), _file_search("computed")]),
    ],
    "resource openai_beta_thread_run": [
        "thread_id", "assistant_id",
        "additional_instructions", "instructions", "max_completion_tokens", "max_prompt_tokens",
        "model", "response_format", "stream", "tool_choice",
        ("additional_messages", _MESSAGE_INPUT),
        ("truncation_strategy", ["type", "last_messages"]),
        "parallel_tool_calls", "reasoning_effort", "temperature", "top_p",
        ("tools", _TOOLS), "metadata",
        "id", "cancelled_at", "completed_at", "created_at", "expires_at", "failed_at", "object",
        "started_at", "status",
        ("incomplete_details", ["reason"]), ("last_error", ["code", "message"]),
        ("required_action", _REQUIRED_ACTION), ("usage", _USAGE),
    ],
    "data openai_beta_thread_run": [
        "thread_id", "run_id", ("find_one_by", ["before", "order"]),
        "id", "assistant_id", "cancelled_at", "completed_at", "created_at", "expires_at",
        "failed_at", "instructions", "max_completion_tokens", "max_prompt_tokens", "model",
        "object", "parallel_tool_calls", "response_format", "started_at", "status",
        "temperature", "tool_choice", "top_p", "metadata",
        ("incomplete_details", ["reason"]), ("last_error", ["code", "message"]),
        ("required_action", _REQUIRED_ACTION), ("tools", _TOOLS),
        ("truncation_strategy", ["type", "last_messages"]), ("usage", _USAGE),
    ],
    "data openai_beta_thread_runs": [
        "thread_id", "before", "order", "max_items",
        ("items", [
            "id", "assistant_id", "cancelled_at", "completed_at", "created_at", "expires_at",
            "failed_at", ("incomplete_details", ["reason"]), "instructions",
            ("last_error", ["code", "message"]), "max_completion_tokens", "max_prompt_tokens",
            "metadata", "model", "object", "parallel_tool_calls",
            ("required_action", _REQUIRED_ACTION), "response_format", "started_at", "status",
            "thread_id", "tool_choice", ("tools", _TOOLS),
            ("truncation_strategy", ["type", "last_messages"]), ("usage", _USAGE),
            "temperature", "top_p",
        ]),
    ],
    "data openai_beta_thread_run_step": [
        "run_id", "step_id", "thread_id", "include",
        "assistant_id", "cancelled_at", "completed_at", "created_at", "expired_at", "failed_at",
        "id", "object", "status", "type", "metadata", ("last_error", ["code", "message"]),
        ("step_details", _STEP_DETAILS), ("usage", _USAGE),
    ],
    "data openai_beta_thread_run_steps": [
        "run_id", "thread_id", "before", "include", "order", "max_items",
        ("items", [
            "id", "assistant_id", "cancelled_at", "completed_at", "created_at", "expired_at",
            "failed_at", ("last_error", ["code", "message"]), "metadata", "object", "run_id",
            "status", ("step_details", _STEP_DETAILS), "thread_id", "type", ("usage", _USAGE),
        ]),
    ],
    "resource openai_beta_thread_message": [
        "thread_id", "content", "role", ("attachments", _ATTACHMENTS), "metadata",
        "id", "assistant_id", "completed_at", "created_at", "incomplete_at", "object", "run_id",
        "status", ("incomplete_details", ["reason"]),
    ],
    "data openai_beta_thread_message": [
        "thread_id", "message_id", ("find_one_by", ["before", "order", "run_id"]),
        "id", "assistant_id", "completed_at", "created_at", "incomplete_at", "object", "role",
        "run_id", "status", "metadata", ("attachments", _ATTACHMENTS),
        ("content", _MESSAGE_CONTENT), ("incomplete_details", ["reason"]),
    ],
    "data openai_beta_thread_messages": [
        "thread_id", "before", "run_id", "order", "max_items",
        ("items", [
            "id", "assistant_id", ("attachments", _ATTACHMENTS), "completed_at",
            ("content", _MESSAGE_CONTENT), "created_at", "incomplete_at",
            ("incomplete_details", ["reason"]), "metadata", "object", "role", "run_id", "status",
            "thread_id",
        ]),
    ],
}

# ---------------------------------------------------------------------------------------
# The types that replaced the Assistants API's server-side objects. Their reference pages
# (developers.openai.com/api/reference/terraform/resources/files, .../conversations) are not
# part of the seed file: each entry is transcribed here, in the page's order, with the page's
# mode and text, and checked against the SDK's types (tests/schema/test_sdk_fidelity.py).
# The vector store's page was not found: its entries come from the SDK's create/update params
# and response model and the CLI reference on the same site (NOTES.md, "Successor types").
# A top-level Extra's mode is its section (required/optional/computed).
# ---------------------------------------------------------------------------------------

def _top(mode: str, name: str, type_: str, description: str, *children: Extra) -> Extra:
    return Extra(name, type_, mode, description, list(children))


_METADATA_TEXT = (
    "Set of 16 key-value pairs that can be attached to an object. This can be useful for "
    "storing additional information about the object in a structured format, and querying "
    "for objects via API or the dashboard.\n\nKeys are strings with a maximum length of 64 "
    "characters. Values are strings with a maximum length of 512 characters.")

SUCCESSORS: dict[str, list[Extra]] = {
    # Reference page "Files" (resource openai_file): every entry of its resource section.
    "resource openai_file": [
        _top("required", "file", "String", "The File object (not file name) to be uploaded."),
        _top("required", "purpose", "String",
             "The intended purpose of the uploaded file. One of:\n\n"
             "- assistants: Used in the Assistants API\n- batch: Used in the Batch API\n"
             "- fine-tune: Used for fine-tuning\n"
             "- vision: Images used for vision fine-tuning\n"
             "- user_data: Flexible file type for any purpose\n"
             "- evals: Used for eval data sets"),
        _top("optional", "expires_after", "Attributes",
             "The expiration policy for a file. By default, files with purpose=batch expire "
             "after 30 days and all other files are persisted until they are manually deleted.",
             _x("anchor", "String", "Anchor timestamp after which the expiration policy "
                "applies. Supported anchors: created_at.", required=True),
             _x("seconds", "Int64", "The number of seconds after the anchor time that the "
                "file will expire. Must be between 3600 (1 hour) and 2592000 (30 days).",
                required=True)),
        _top("computed", "id", "String",
             "The file identifier, which can be referenced in the API endpoints."),
        _top("computed", "bytes", "Int64", "The size of the file, in bytes."),
        _top("computed", "created_at", "Int64",
             "The Unix timestamp (in seconds) for when the file was created."),
        _top("computed", "expires_at", "Int64",
             "The Unix timestamp (in seconds) for when the file will expire."),
        _top("computed", "filename", "String", "The name of the file."),
        _top("computed", "object", "String", "The object type, which is always file."),
        _top("computed", "status", "String",
             "Deprecated. The current status of the file, which can be either uploaded, "
             "processed, or error."),
        _top("computed", "status_details", "String",
             "Deprecated. For details on why a fine-tuning training file failed validation, "
             "see the error field on fine_tuning.job."),
    ],
    # No reference page found: SDK VectorStoreCreateParams / VectorStoreUpdateParams /
    # VectorStore, and the CLI page vector_stores/methods/create (which lists description).
    "resource openai_vector_store": [
        _top("optional", "chunking_strategy", "Attributes",
             "The chunking strategy used to chunk the file(s). If not set, will use the auto "
             "strategy. Only applicable if file_ids is non-empty.",
             _x("type", "String", "auto (the default strategy: 800-token chunks overlapping by "
                "400) or static.", required=True),
             _x("static", "Attributes",
                "The settings of the static chunking strategy; set when type is static.",
                _x("max_chunk_size_tokens", "Int64",
                   "The maximum number of tokens in each chunk. The default value is 800. The "
                   "minimum value is 100 and the maximum value is 4096.", required=True),
                _x("chunk_overlap_tokens", "Int64",
                   "The number of tokens that overlap between chunks. The default value is "
                   "400. Note that the overlap must not exceed half of max_chunk_size_tokens.",
                   required=True))),
        _top("optional", "description", "String",
             "A description for the vector store. Can be used to describe the vector store's "
             "purpose."),
        _top("optional", "expires_after", "Attributes",
             "The expiration policy for a vector store.",
             _x("anchor", "String", "Anchor timestamp after which the expiration policy "
                "applies. Supported anchors: last_active_at.", required=True),
             _x("days", "Int64", "The number of days after the anchor time that the vector "
                "store will expire.", required=True)),
        _top("optional", "file_ids", "List[String]",
             "A list of File IDs that the vector store should use. Useful for tools like "
             "file_search that can access files."),
        _top("optional", "metadata", "Map[String]", _METADATA_TEXT),
        _top("optional", "name", "String", "The name of the vector store."),
        _top("computed", "id", "String",
             "The identifier, which can be referenced in API endpoints."),
        _top("computed", "created_at", "Int64",
             "The Unix timestamp (in seconds) for when the vector store was created."),
        _top("computed", "expires_at", "Int64",
             "The Unix timestamp (in seconds) for when the vector store will expire."),
        _top("computed", "file_counts", "Attributes",
             "The numbers of files in the vector store, by processing status.",
             _x("cancelled", "Int64", "The number of files that were cancelled."),
             _x("completed", "Int64", "The number of files that have been successfully "
                "processed."),
             _x("failed", "Int64", "The number of files that have failed to process."),
             _x("in_progress", "Int64", "The number of files that are currently being "
                "processed."),
             _x("total", "Int64", "The total number of files.")),
        _top("computed", "last_active_at", "Int64",
             "The Unix timestamp (in seconds) for when the vector store was last active."),
        _top("computed", "object", "String", "The object type, which is always vector_store."),
        _top("computed", "status", "String",
             "The status of the vector store, which can be either expired, in_progress, or "
             "completed. A status of completed indicates that the vector store is ready for "
             "use."),
        _top("computed", "usage_bytes", "Int64",
             "The total number of bytes used by the files in the vector store."),
    ],
    # Reference page "Conversations" (resource openai_conversation): items keeps the
    # message entries the page lists first (content .. id); its other union members (tool
    # calls and their outputs) are left out (NOTES.md). metadata and the computed attributes
    # from the SDK's ConversationCreateParams and Conversation.
    "resource openai_conversation": [
        _top("optional", "items", "List[Attributes]",
             "Initial items to include in the conversation context. You may add up to 20 "
             "items at a time.",
             _x("content", "String", "Text, image, or audio input to the model, used to "
                "generate a response. Can also contain previous assistant responses."),
             _x("role", "String", "The role of the message input. One of user, assistant, "
                "system, or developer."),
             _x("phase", "String", "Labels an assistant message as intermediate commentary "
                "(commentary) or the final answer (final_answer). For models like "
                "gpt-5.3-codex and beyond, when sending follow-up requests, preserve and "
                "resend phase on all assistant messages — dropping it can degrade "
                "performance. Not used for user messages."),
             _x("type", "String", "The type of the message input. Always message."),
             _x("status", "String", "The status of item. One of in_progress, completed, or "
                "incomplete. Populated when items are returned via API."),
             _x("id", "String", "The unique ID of the output message.")),
        _top("optional", "metadata", "Map[String]", _METADATA_TEXT),
        _top("computed", "id", "String", "The unique ID of the conversation."),
        _top("computed", "created_at", "Int64",
             "The time at which the conversation was created, measured in seconds since the "
             "Unix epoch."),
        _top("computed", "object", "String",
             "The object type, which is always conversation."),
    ],
}


# Descriptions the reference leaves empty, written from the OpenAI API reference.
FILLED_DESCRIPTIONS: dict[str, str] = {
    "thread_id": "The ID of the thread.",
    "assistant_id": "The ID of the assistant.",
    "run_id": "The ID of the run.",
    "step_id": "The ID of the run step.",
    "message_id": "The ID of the message.",
    "id": "The identifier of the object.",
    "find_one_by": "List query used to find the first matching object when no ID is given.",
    "code_interpreter": "Resources for the code_interpreter tool.",
    "function": "The function definition.",
    "image": "The image output.",
    "message_creation": "Details of the message creation by the run step.",
    "image_file": "References an image File in the content of a message.",
    "image_url": "References an image URL in the content of a message.",
    "text": "The text content that is part of a message.",
    "annotations": "Citations and file paths referenced by the text.",
    "end_index": "End index of the annotated text.",
    "start_index": "Start index of the annotated text.",
    "file_citation": "A citation within the message that points to a specific quote from a "
                     "specific File.",
    "file_path": "A URL for the file that's generated when the assistant used the "
                  "code_interpreter tool to generate a file.",
    "refusal": "The refusal content generated by the assistant.",
}

_TYPES: dict[str, Any] = {
    "String": "string", "Int64": "number", "Float64": "number", "Bool": "bool",
    "Dynamic": "dynamic", "Map[String]": ["map", "string"], "Map[JSON]": ["map", "string"],
    "List[String]": ["list", "string"],
}

PROVIDER_BLOCK: dict[str, Any] = {
    "api_key": ("The OpenAI API key. Defaults to the OPENAI_API_KEY environment variable.", True),
    "admin_api_key": ("The OpenAI admin API key. Defaults to the OPENAI_ADMIN_KEY environment "
                      "variable.", True),
    "organization": ("The OpenAI organization ID. Defaults to the OPENAI_ORG_ID environment "
                     "variable.", False),
    "project": ("The OpenAI project ID. Defaults to the OPENAI_PROJECT_ID environment variable.",
                False),
    "webhook_secret": ("The secret used to verify webhook signatures. Defaults to the "
                       "OPENAI_WEBHOOK_SECRET environment variable.", True),
}

SENSITIVE = {("resource openai_beta_chatkit_session", "client_secret")}

# Endpoints OpenAI has shut down, the day, the Terraform types (resource or ``data.``
# address) that target them, and where that comes from, as of 2026-12-07. The Assistants API
# was shut down on 2026-08-26; Agent Builder, whose published workflows a ChatKit session's
# ``workflow.id`` names, and reusable prompt objects (``/v1/prompts``, no type of this
# provider) on 2026-11-30; ChatKit itself (its thread data sources) is current. What no
# source settles is said in ``unsettled``. An assistant's successor is the parameters of
# ``responses.create`` kept in code, not a prompt object. The package warns once per stack
# and API at synth (``openai_constructs/api_status.py``) and ``Retire.of(...).forget()``
# forgets these types.
RETIRED_APIS: dict[str, dict[str, Any]] = {
    "Assistants API": {
        "sunset": "2026-08-26",
        "replacement": (
            "the Responses API: an assistant becomes the parameters of responses.create kept "
            "in code (Assistant.to_responses_params()), a thread a conversation, a run a "
            "response"
        ),
        "types": [
            "openai_beta_assistant", "openai_beta_thread", "openai_beta_thread_message",
            "openai_beta_thread_run",
            "data.openai_beta_assistant", "data.openai_beta_assistants",
            "data.openai_beta_thread", "data.openai_beta_thread_message",
            "data.openai_beta_thread_messages", "data.openai_beta_thread_run",
            "data.openai_beta_thread_runs", "data.openai_beta_thread_run_step",
            "data.openai_beta_thread_run_steps",
        ],
        "sources": [
            "https://clonepartner.com/blog/openai-assistants-api-shutdown-the-2026-migration-guide/",
            "https://byteiota.com/openai-assistants-api-shuts-down-august-26-migrate-now/",
        ],
    },
    "Agent Builder": {
        "sunset": "2026-11-30",
        "replacement": (
            "ChatKit with your own server (the ChatKit Python SDK) and agents written with the "
            "Agents SDK"
        ),
        "types": ["openai_beta_chatkit_session"],
        "sources": [
            "https://spybara.com/openai/api/history/docs/en/2026-06-04-0652..2026-06-05-0645/"
            "guides/chatkit/",
            "https://dev.to/jangwook_kim_e31e7291ad98/"
            "openai-agent-builder-and-evals-winddown-migration-checklist-4no7",
            "https://alatirok.com/migrate-openai-agent-builder-to-agents-sdk/",
        ],
        "unsettled": (
            "whether POST /v1/chatkit/sessions still answers for a workflow id published by "
            "Agent Builder: no source we found says what it returns after 2026-11-30; ChatKit "
            "itself (and its thread endpoints) is still available"
        ),
    },
    "reusable prompt objects": {
        "sunset": "2026-11-30",
        "replacement": (
            "the parameters of responses.create kept in code (what "
            "Assistant.to_responses_params() exports)"
        ),
        "types": [],
        "sources": [
            "https://spybara.com/openai/api/history/docs/en/2026-06-03-0653..2026-06-04-0652/",
            "https://alatirok.com/migrate-openai-agent-builder-to-agents-sdk/",
        ],
    },
}


class PlanMismatch(Exception):
    pass


# Settable Map[JSON] attributes seen while building: {type name: [dotted paths]}.
JSON_TEXT_MAPS: dict[str, list[str]] = {}


def build_section(key: str, entries: list[Entry], plan: Plan) -> dict[str, Any]:
    queue = list(entries)
    attributes = _build_level(key, queue, plan, parent_mode=None, top=True, path="")
    if queue:
        raise PlanMismatch(f"{key}: entries left over after the plan: "
                           f"{[e.name for e in queue[:5]]}")
    return {"version": 0, "block": {"attributes": attributes, "description_kind": "plain"}}


def _build_level(key: str, queue: list[Entry], plan: Plan, parent_mode: str | None, top: bool,
                 path: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in plan:
        if isinstance(item, Extra):
            out[item.name] = _extra(item, parent_mode)
            continue
        name, children = (item, None) if isinstance(item, str) else item
        if not queue:
            raise PlanMismatch(f"{key}: plan expects {path}{name} but the reference ended")
        entry = queue.pop(0)
        if entry.name != name:
            raise PlanMismatch(f"{key}: plan expects {path}{name}, reference has {entry.name}")
        if parent_mode == "computed" or (top and entry.mode == "computed"):
            mode = "computed"
        elif top:
            required = entry.mode == "required" and not entry.optional_mark
            mode = "required" if required else "optional"
        else:
            mode = "optional" if entry.optional_mark else "required"
        attr: dict[str, Any] = {}
        is_nested = entry.type in ("Attributes", "List[Attributes]")
        if is_nested != (children is not None):
            raise PlanMismatch(f"{key}: {path}{name} is {entry.type} but the plan says "
                               f"{'nested' if children is not None else 'leaf'}")
        if children is not None:
            nested = _build_level(key, queue, children, mode, False, f"{path}{name}.")
            attr["nested_type"] = {
                "attributes": nested,
                "nesting_mode": "list" if entry.type == "List[Attributes]" else "single",
            }
        else:
            attr["type"] = _TYPES[entry.type]
            if entry.type == "Map[JSON]" and mode != "computed":
                JSON_TEXT_MAPS.setdefault(key.split(" ")[1], []).append(path + name)
        description = entry.description or FILLED_DESCRIPTIONS.get(name, "")
        if description:
            attr["description"] = description
            attr["description_kind"] = "plain"
        attr[mode] = True
        if (key, path + name) in SENSITIVE:
            attr["sensitive"] = True
        out[name] = attr
    return out


def _extra(extra: Extra, parent_mode: str | None) -> dict[str, Any]:
    mode = "computed" if parent_mode == "computed" else extra.mode
    attr: dict[str, Any] = {}
    if extra.children:
        attr["nested_type"] = {
            "attributes": {c.name: _extra(c, mode) for c in extra.children},
            "nesting_mode": "list" if extra.type == "List[Attributes]" else "single",
        }
    else:
        attr["type"] = _TYPES[extra.type]
    attr["description"] = extra.description
    attr["description_kind"] = "plain"
    attr[mode] = True
    return attr


def build_schema(reference: str) -> dict[str, Any]:
    sections = parse_reference(reference)
    missing = set(sections) ^ set(NESTING)
    if missing:
        raise PlanMismatch(f"sections without a plan or plans without a section: {sorted(missing)}")
    resources: dict[str, Any] = {}
    data_sources: dict[str, Any] = {}
    for key, plan in NESTING.items():
        kind, type_name = key.split(" ")
        target = resources if kind == "resource" else data_sources
        target[type_name] = build_section(key, sections[key], plan)
    for key, extras in SUCCESSORS.items():
        kind, type_name = key.split(" ")
        target = resources if kind == "resource" else data_sources
        target[type_name] = {"version": 0, "block": {
            "attributes": {e.name: _extra(e, None) for e in extras},
            "description_kind": "plain"}}
    provider_attrs = {
        name: {"type": "string", "description": desc, "description_kind": "plain",
               "optional": True, **({"sensitive": True} if sensitive else {})}
        for name, (desc, sensitive) in PROVIDER_BLOCK.items()
    }
    return {
        "format_version": "1.0",
        "provider_schemas": {
            PROVIDER_ADDRESS: {
                "provider": {"version": 0, "block": {"attributes": provider_attrs,
                                                     "description_kind": "plain"}},
                "resource_schemas": resources,
                "data_source_schemas": data_sources,
            }
        },
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render_encodings() -> str:
    """The codegen overlay (read by the generator alone): attributes whose map values are JSON
    text (``Map[JSON]``)."""
    overlay = {
        "//": "json_text_maps: attributes the schema types as map(string) whose values are "
              "JSON text; the generated bindings take ordinary Python values there and "
              "JSON-encode each one. The generator's overlay (codegen reads it); the retired "
              "APIs are in retired_apis.json.",
        "json_text_maps": {k: sorted(v) for k, v in sorted(JSON_TEXT_MAPS.items())},
    }
    return json.dumps(overlay, indent=2, sort_keys=True) + "\n"


def render_retired_apis() -> str:
    """The APIs OpenAI has shut down and the types that target them (read by
    ``openai_constructs/api_status.py`` alone)."""
    table = {
        "//": "retired_apis: the APIs OpenAI has shut down and the types that target them; "
              "openai_constructs/api_status.py reads it (the package warns once per stack at "
              "synth, Retire.of(scope).forget() forgets them).",
        "retired_apis": RETIRED_APIS,
    }
    return json.dumps(table, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("encodings", type=Path, help="where the Map[JSON] overlay goes")
    parser.add_argument("retired", type=Path, help="where the retired-API table goes")
    parser.add_argument("--check", action="store_true", help="fail if output differs")
    args = parser.parse_args(argv)
    outputs = {
        args.output: render(build_schema(args.reference.read_text(encoding="utf-8"))),
        args.encodings: render_encodings(),
        args.retired: render_retired_apis(),
    }
    if args.check:
        stale = [p for p, text in outputs.items() if p.read_text(encoding="utf-8") != text]
        for path in stale:
            print(f"{path} differs from what the reference and the plan give", file=sys.stderr)
        return 1 if stale else 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
