"""The one table of rules: what the OpenAI API enforces that Terraform's types cannot express,
and what only an L2 construct, a pattern, ``Metadata.of`` or ``Retire`` checks.

* :data:`RULES` are the API's rules, each with the attribute paths it applies to (the L1
  resource types and data sources) and its source; the collector (``violations.py``) checks
  them on the attributes an L2 construct is about to hand its L1 resource, and the docs'
  table is generated from them (``docs.py``).
* :data:`L2_RULES` are the rules only the code of a construct checks (names that become
  construct ids, ``for_each``/``count`` use, ...): declared here, next to the API's, and
  looked up by id (:func:`rule`) by the module whose code checks them. An id is in one of the
  two tables, once (checked when this module is imported).

Everything here is pure Python and cheap. Unresolved references (cdktf tokens,
``IResolvable`` objects) are only known when Terraform runs, so every rule lets them through;
so is anything of the wrong type, which the L1 layer's type checks report with better words.
The public names are exported by :mod:`openai_constructs.validation`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .._public import public
from .._runtime.tokens import is_unresolved
from ..api_status import RETIRED_TYPES

# ---------------------------------------------------------------------------------------------
# Small predicates and check builders. A check returns ``None`` when the value is fine and
# otherwise the "got ..." detail of the message. Checks see only values that are not tokens.
# ---------------------------------------------------------------------------------------------

Check = Callable[[Any], "str | None"]

FUNCTION_NAME_PATTERN = "[A-Za-z0-9_-]{1,64}"
_FUNCTION_NAME = re.compile(FUNCTION_NAME_PATTERN)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _short(value: Any, limit: int = 40) -> str:
    """A repr short enough for one line of an error message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _max_length(limit: int) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, str) and len(value) > limit:
            return f"{len(value):,}"
        return None

    return check


def _max_items(limit: int) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, (list, tuple)) and len(value) > limit:
            return f"{len(value):,}"
        return None

    return check


def _one_of(*allowed: str) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, str) and value not in allowed:
            return _short(value)
        return None

    return check


def _between(low: float, high: float) -> Check:
    def check(value: Any) -> str | None:
        if _is_number(value) and not (math.isfinite(value) and low <= value <= high):
            return repr(value)
        return None

    return check


def _is_positive_integer(value: Any) -> bool:
    if isinstance(value, int):
        return value > 0
    return math.isfinite(value) and value.is_integer() and value > 0


def _positive_integer(value: Any) -> str | None:
    if _is_number(value) and not _is_positive_integer(value):
        return repr(value)
    return None


def _integer_between(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        if _is_number(value) and not (
            math.isfinite(value) and float(value).is_integer() and low <= value <= high
        ):
            return repr(value)
        return None

    return check


def _function_name(value: Any) -> str | None:
    if isinstance(value, str) and not _FUNCTION_NAME.fullmatch(value):
        return _short(value)
    return None


def _mapping_size(limit: int) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, Mapping) and len(value) > limit:
            return f"{len(value)}"
        return None

    return check


def _first_offender(offenders: list[str], what: str) -> str:
    more = f" and {len(offenders) - 1} more" if len(offenders) > 1 else ""
    return f"{what} {offenders[0]}{more}"


def _key_length(limit: int) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, Mapping):
            return None
        long = [
            f"{_short(k)} with {len(k)} characters"
            for k in value
            if isinstance(k, str) and not is_unresolved(k) and len(k) > limit
        ]
        return _first_offender(long, "key") if long else None

    return check


def _value_length(limit: int) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, Mapping):
            return None
        long = [
            f"{k!r} with {len(v):,} characters"
            for k, v in value.items()
            if isinstance(v, str) and not is_unresolved(v) and len(v) > limit
        ]
        return _first_offender(long, "value of") if long else None

    return check


_PRIMITIVES = (str, int, float, bool)


def _primitive_values(value: Any) -> str | None:
    if not isinstance(value, Mapping):
        return None
    bad = [
        f"{k!r} ({type(v).__name__})"
        for k, v in value.items()
        if not isinstance(v, _PRIMITIVES) and not is_unresolved(v)
    ]
    return _first_offender(bad, "value of") if bad else None


def _function_block(value: Any) -> str | None:
    """A tool carries a function definition exactly when it is a function tool."""
    if not isinstance(value, Mapping) or is_unresolved(value.get("type")):
        return None
    kind, function = value.get("type"), value.get("function")
    if kind == "function" and function is None:
        return "type 'function' without a function"
    if isinstance(kind, str) and kind != "function" and function is not None:
        return f"type {kind!r} with a function"
    return None


def _truncation_count(value: Any) -> str | None:
    """``last_messages`` is required by ``type = "last_messages"`` and allowed with ``auto``
    (the reference's own run example sets both; the SDK types it independently of ``type``)."""
    if not isinstance(value, Mapping):
        return None
    kind, count = value.get("type"), value.get("last_messages")
    if is_unresolved(kind) or is_unresolved(count):
        return None
    if kind == "last_messages" and count is None:
        return "type 'last_messages' without last_messages"
    if _is_number(count) and not _is_positive_integer(count):
        return f"last_messages {count!r}"
    return None


def _static_chunking(value: Any) -> str | None:
    """A static chunking strategy carries its sizes, and only a static one does."""
    if not isinstance(value, Mapping) or is_unresolved(value.get("type")):
        return None
    kind, static = value.get("type"), value.get("static")
    if kind == "static" and static is None:
        return "type 'static' without static"
    if isinstance(kind, str) and kind != "static" and static is not None:
        return f"type {kind!r} with static"
    if not isinstance(static, Mapping):
        return None
    size: Any = static.get("max_chunk_size_tokens")
    overlap: Any = static.get("chunk_overlap_tokens")
    if _is_number(size) and not (float(size).is_integer() and 100 <= size <= 4096):
        return f"max_chunk_size_tokens {size!r}"
    if _is_number(overlap) and not (float(overlap).is_integer() and overlap >= 0):
        return f"chunk_overlap_tokens {overlap!r}"
    if _is_number(size) and _is_number(overlap) and overlap > size / 2:
        return f"chunk_overlap_tokens {overlap!r} over half of {size!r}"
    return None


_RESPONSE_FORMAT_TYPES = ("text", "json_object", "json_schema")


def _json_object(text: str) -> dict[str, Any] | None:
    try:
        parsed = json.loads(text)
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def _response_format(value: Any) -> str | None:
    if not isinstance(value, str) or value == "auto":
        return None
    parsed = _json_object(value)
    if parsed is None:
        return _short(value)
    kind = parsed.get("type")
    if kind not in _RESPONSE_FORMAT_TYPES:
        return f"type {_short(kind)}"
    if kind == "json_schema":
        spec = parsed.get("json_schema")
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            return "json_schema without a name"
        if not _FUNCTION_NAME.fullmatch(spec["name"]):
            return f"json_schema name {_short(spec['name'])}"
        if not isinstance(spec.get("schema", {}), dict):
            return "a json_schema schema that is not an object"
    return None


_TOOL_CHOICE_MODES = ("none", "auto", "required")
_TOOL_CHOICE_TYPES = ("file_search", "code_interpreter", "function")


def _tool_choice(value: Any) -> str | None:
    if not isinstance(value, str) or value in _TOOL_CHOICE_MODES:
        return None
    parsed = _json_object(value)
    if parsed is None:
        return _short(value)
    kind = parsed.get("type")
    if kind not in _TOOL_CHOICE_TYPES:
        return f"type {_short(kind)}"
    if kind == "function":
        function = parsed.get("function")
        name = function.get("name") if isinstance(function, dict) else None
        if not isinstance(name, str) or not _FUNCTION_NAME.fullmatch(name):
            return f"function name {_short(name)}"
    return None


# ---------------------------------------------------------------------------------------------
# The table.
# ---------------------------------------------------------------------------------------------

ASSISTANT = "openai_beta_assistant"
THREAD = "openai_beta_thread"
MESSAGE = "openai_beta_thread_message"
RUN = "openai_beta_thread_run"
CHATKIT_SESSION = "openai_beta_chatkit_session"
_LIST_DATA_SOURCES = (
    "data.openai_beta_assistants",
    "data.openai_beta_thread_messages",
    "data.openai_beta_thread_runs",
    "data.openai_beta_thread_run_steps",
    "data.openai_beta_chatkit_threads",
)
_FIND_ONE_DATA_SOURCES = (
    "data.openai_beta_assistant",
    "data.openai_beta_thread_message",
    "data.openai_beta_thread_run",
)

# The types that replaced the Assistants API's objects (schema/NOTES.md, "Successor types").
FILE = "openai_file"
VECTOR_STORE = "openai_vector_store"
CONVERSATION = "openai_conversation"

_VECTOR_STORES = "tool_resources.file_search.vector_stores[*]"
_METADATA_PATHS: tuple[tuple[str, str], ...] = (
    (VECTOR_STORE, "metadata"),
    (CONVERSATION, "metadata"),
    (ASSISTANT, "metadata"),
    (ASSISTANT, f"{_VECTOR_STORES}.metadata"),
    (THREAD, "metadata"),
    (THREAD, "messages[*].metadata"),
    (THREAD, f"{_VECTOR_STORES}.metadata"),
    (MESSAGE, "metadata"),
    (RUN, "metadata"),
    (RUN, "additional_messages[*].metadata"),
)
_TOOLS_OWNERS = (ASSISTANT, RUN)
_TOOL_RESOURCES_OWNERS = (ASSISTANT, THREAD)
_MESSAGE_PATHS: tuple[tuple[str, str], ...] = (
    (THREAD, "messages[*]"),
    (MESSAGE, ""),
    (RUN, "additional_messages[*]"),
)


def _under(prefix: str, path: str) -> str:
    return f"{prefix}.{path}" if prefix else path


@public("openai_constructs.validation")
@dataclass(frozen=True)
class Rule:
    """One rule: ``text`` completes the sentence "<attribute>: ..." in error messages."""

    id: str
    attribute: str
    text: str
    check: Check
    where: tuple[tuple[str, str], ...] = ()
    """(resource type, attribute path) pairs it applies to; ``[*]`` walks every list item,
    data sources are spelled ``data.<type>`` and an empty path means the whole resource."""
    source: str = ""
    """Where the rule comes from: the provider reference's text, the API reference, or the
    official SDK's types and docstrings (``openai`` on PyPI, pinned in the dev extras)."""
    checked_by: str = ""
    """For a rule only a construct checks (``L2_RULES``): what checks it, in the docs' words
    (``Metadata.of(...).add``/``remove``)."""

    def detail(self, value: Any) -> str | None:
        """The "got ..." detail when ``value`` breaks the rule; tokens always pass."""
        if is_unresolved(value):
            return None
        return self.check(value)


MAX_METADATA_PAIRS = 16
"""The most key-value pairs an object's ``metadata`` holds: the one declaration of the limit
(the ``metadata.size`` rule below, ``Metadata.of`` and the L2 constructs' merged count)."""

_REF = "provider reference: "
_PAGE = "provider reference page: "
"""A page of the provider's reference site beyond the seed file (its text is transcribed in
``tools/reference_to_schema.py``, so quotes are checked against the schema's descriptions)."""
FILE_PURPOSES = ("assistants", "batch", "fine-tune", "vision", "user_data", "evals")
_SDK = "SDK: "
_API = "API reference: "

RULES: tuple[Rule, ...] = (
    Rule("metadata.size", "metadata", f"at most {MAX_METADATA_PAIRS} key-value pairs",
         _mapping_size(MAX_METADATA_PAIRS),
         _METADATA_PATHS, source=_REF + "metadata, \"Set of 16 key-value pairs\""),
    Rule("metadata.key_length", "metadata", "keys at most 64 characters", _key_length(64),
         _METADATA_PATHS, source=_REF + "metadata, \"maximum length of 64 characters\""),
    Rule("metadata.value_length", "metadata", "values at most 512 characters",
         _value_length(512), _METADATA_PATHS,
         source=_REF + "metadata, \"maximum length of 512 characters\""),
    Rule("assistant.name", "name", "at most 256 characters", _max_length(256),
         ((ASSISTANT, "name"),), source=_REF + "name, \"maximum length is 256 characters\""),
    Rule("assistant.description", "description", "at most 512 characters", _max_length(512),
         ((ASSISTANT, "description"),),
         source=_REF + "description, \"maximum length is 512 characters\""),
    Rule("assistant.instructions", "instructions", "at most 256,000 characters",
         _max_length(256_000), ((ASSISTANT, "instructions"),),
         source=_REF + "instructions, \"maximum length is 256,000 characters\""),
    Rule("tools.count", "tools", "at most 128 tools", _max_items(128),
         tuple((owner, "tools") for owner in _TOOLS_OWNERS),
         source=_REF + "tools, \"a maximum of 128 tools\""),
    Rule("tools.type", "tools[].type", "one of code_interpreter, file_search, function",
         _one_of("code_interpreter", "file_search", "function"),
         tuple((owner, "tools[*].type") for owner in _TOOLS_OWNERS),
         source=_SDK + "AssistantToolParam, the union of the three tool types"),
    Rule("tools.function", "tools[].function", "set exactly when type is function",
         _function_block, tuple((owner, "tools[*]") for owner in _TOOLS_OWNERS),
         source=_SDK + "FunctionToolParam (function required); the other tools have none"),
    Rule("tools.function.name", "tools[].function.name", f"must match {FUNCTION_NAME_PATTERN}",
         _function_name, tuple((owner, "tools[*].function.name") for owner in _TOOLS_OWNERS),
         source=_SDK + "FunctionDefinition.name, \"Must be a-z, A-Z, 0-9, or contain "
                       "underscores and dashes, with a maximum length of 64\""),
    Rule("tools.file_search.max_num_results", "tools[].file_search.max_num_results",
         "an integer between 1 and 50", _integer_between(1, 50),
         tuple((owner, "tools[*].file_search.max_num_results") for owner in _TOOLS_OWNERS),
         source=_SDK + "FileSearchToolParam.file_search.max_num_results, \"between 1 and 50 "
                       "inclusive\""),
    Rule("tools.file_search.ranker", "tools[].file_search.ranking_options.ranker",
         "one of auto, default_2024_08_21", _one_of("auto", "default_2024_08_21"),
         tuple((owner, "tools[*].file_search.ranking_options.ranker")
               for owner in _TOOLS_OWNERS),
         source=_SDK + "FileSearchRankingOptions.ranker (Literal)"),
    Rule("tools.file_search.score_threshold",
         "tools[].file_search.ranking_options.score_threshold", "between 0 and 1",
         _between(0, 1),
         tuple((owner, "tools[*].file_search.ranking_options.score_threshold")
               for owner in _TOOLS_OWNERS),
         source=_SDK + "FileSearchRankingOptions.score_threshold, \"between 0 and 1\""),
    Rule("tool_resources.code_interpreter.file_ids", "tool_resources.code_interpreter.file_ids",
         "at most 20 files", _max_items(20),
         tuple((o, "tool_resources.code_interpreter.file_ids") for o in _TOOL_RESOURCES_OWNERS),
         source=_REF + "code_interpreter.file_ids, \"a maximum of 20 files\""),
    Rule("tool_resources.file_search.vector_store_ids",
         "tool_resources.file_search.vector_store_ids", "at most 1 vector store", _max_items(1),
         tuple((o, "tool_resources.file_search.vector_store_ids")
               for o in _TOOL_RESOURCES_OWNERS),
         source=_SDK + "ToolResourcesFileSearch.vector_store_ids, \"a maximum of 1 vector "
                       "store\""),
    Rule("tool_resources.file_search.vector_stores", "tool_resources.file_search.vector_stores",
         "at most 1 vector store", _max_items(1),
         tuple((o, "tool_resources.file_search.vector_stores") for o in _TOOL_RESOURCES_OWNERS),
         source=_SDK + "ToolResourcesFileSearch.vector_stores, \"a maximum of 1 vector "
                       "store\""),
    Rule("vector_stores.file_ids", "tool_resources.file_search.vector_stores[].file_ids",
         "at most 100,000,000 files", _max_items(100_000_000),
         tuple((o, f"{_VECTOR_STORES}.file_ids") for o in _TOOL_RESOURCES_OWNERS),
         source=_SDK + "ToolResourcesFileSearchVectorStore.file_ids, \"starting in Nov 2025, "
                       "the limit is 100,000,000 files\" (the helper always creates a store)"),
    Rule("vector_stores.chunking_strategy",
         "tool_resources.file_search.vector_stores[].chunking_strategy.type",
         "one of auto, static", _one_of("auto", "static"),
         tuple((o, f"{_VECTOR_STORES}.chunking_strategy.type") for o in _TOOL_RESOURCES_OWNERS),
         source=_SDK + "the chunking strategy union, auto | static"),
    Rule("vector_stores.chunking_strategy.static",
         "tool_resources.file_search.vector_stores[].chunking_strategy.static",
         "set exactly when type is static; max_chunk_size_tokens an integer from 100 to 4096, "
         "chunk_overlap_tokens a non-negative integer at most half of it", _static_chunking,
         tuple((o, f"{_VECTOR_STORES}.chunking_strategy") for o in _TOOL_RESOURCES_OWNERS),
         source=_SDK + "ChunkingStrategyStatic.static, \"The minimum value is `100` and the "
                       "maximum value is `4096`\", \"overlap must not exceed half\""),
    Rule("temperature", "temperature", "between 0 and 2", _between(0, 2),
         ((ASSISTANT, "temperature"), (RUN, "temperature")),
         source=_REF + "temperature, \"between 0 and 2\""),
    Rule("top_p", "top_p", "between 0 and 1", _between(0, 1),
         ((ASSISTANT, "top_p"), (RUN, "top_p")),
         source=_API + "top_p, nucleus sampling (\"0.1 means only the tokens comprising the top "
                       "10% probability mass\"); the SDK gives no range"),
    Rule("reasoning_effort", "reasoning_effort",
         "one of none, minimal, low, medium, high, xhigh, max",
         _one_of("none", "minimal", "low", "medium", "high", "xhigh", "max"),
         ((ASSISTANT, "reasoning_effort"), (RUN, "reasoning_effort")),
         source=_SDK + "ReasoningEffort (Literal)"),
    Rule("response_format", "response_format",
         'auto or the JSON text of {"type": "text" | "json_object" | "json_schema"} '
         "(json_schema with a name matching " + FUNCTION_NAME_PATTERN + ")",
         _response_format, ((ASSISTANT, "response_format"), (RUN, "response_format")),
         source=_SDK + "AssistantResponseFormatOptionParam, ResponseFormatJSONSchema.name"),
    Rule("response_format.name", "response_format.json_schema.name",
         f"must match {FUNCTION_NAME_PATTERN}", _function_name,
         source=_SDK + "ResponseFormatJSONSchema.JSONSchema.name, \"Must be a-z, A-Z, 0-9, or "
                       "contain underscores and dashes, with a maximum length of 64\""),
    Rule("tool_choice", "tool_choice",
         'none, auto, required or the JSON text of {"type": "file_search" | '
         '"code_interpreter" | "function"} (function with a valid name)',
         _tool_choice, ((RUN, "tool_choice"),),
         source=_SDK + "AssistantToolChoiceOptionParam"),
    Rule("truncation_strategy.type", "truncation_strategy.type", "one of auto, last_messages",
         _one_of("auto", "last_messages"), ((RUN, "truncation_strategy.type"),),
         source=_SDK + "TruncationStrategy.type (Literal)"),
    Rule("truncation_strategy.last_messages", "truncation_strategy.last_messages",
         "a positive integer, required when type is last_messages", _truncation_count,
         ((RUN, "truncation_strategy"),),
         source=_SDK + "TruncationStrategy.last_messages (int, independent of type); the "
                       "reference's run example sets it with type auto"),
    Rule("run.max_prompt_tokens", "max_prompt_tokens", "a positive integer", _positive_integer,
         ((RUN, "max_prompt_tokens"),),
         source=_REF + "max_prompt_tokens, \"The maximum number of prompt tokens\""),
    Rule("run.max_completion_tokens", "max_completion_tokens", "a positive integer",
         _positive_integer, ((RUN, "max_completion_tokens"),),
         source=_REF + "max_completion_tokens, \"The maximum number of completion tokens\""),
    Rule("message.role", "role", "one of user, assistant", _one_of("user", "assistant"),
         tuple((owner, _under(path, "role")) for owner, path in _MESSAGE_PATHS),
         source=_SDK + "MessageCreateParams.role (Literal)"),
    Rule("attachments.tools.type", "attachments[].tools[].type",
         "one of code_interpreter, file_search", _one_of("code_interpreter", "file_search"),
         tuple((owner, _under(path, "attachments[*].tools[*].type"))
               for owner, path in _MESSAGE_PATHS),
         source=_SDK + "Attachment.tools, CodeInterpreterToolParam | FileSearch"),
    Rule("chatkit.state_variables.key_length", "workflow.state_variables",
         "keys at most 64 characters", _key_length(64),
         ((CHATKIT_SESSION, "workflow.state_variables"),),
         source=_REF + "state_variables, \"Keys may be up to 64 characters\""),
    Rule("chatkit.state_variables.values", "workflow.state_variables",
         "values are primitives (str, int, float or bool)", _primitive_values,
         ((CHATKIT_SESSION, "workflow.state_variables"),),
         source=_SDK + "ChatSessionWorkflowParam.state_variables, "
                       "\"Dict[str, Union[str, int, bool, float]]\""),
    Rule("chatkit.file_upload.max_file_size", "chatkit_configuration.file_upload.max_file_size",
         "an integer between 1 and 512 (megabytes)", _integer_between(1, 512),
         ((CHATKIT_SESSION, "chatkit_configuration.file_upload.max_file_size"),),
         source=_SDK + "FileUpload.max_file_size: int, \"Defaults to 512 MB, which is the "
                       "maximum allowable size\""),
    Rule("chatkit.file_upload.max_files", "chatkit_configuration.file_upload.max_files",
         "a positive integer", _positive_integer,
         ((CHATKIT_SESSION, "chatkit_configuration.file_upload.max_files"),),
         source=_SDK + "FileUpload.max_files (int)"),
    Rule("chatkit.history.recent_threads", "chatkit_configuration.history.recent_threads",
         "a positive integer", _positive_integer,
         ((CHATKIT_SESSION, "chatkit_configuration.history.recent_threads"),),
         source=_SDK + "History.recent_threads (int)"),
    Rule("chatkit.rate_limits", "rate_limits.max_requests_per_1_minute", "a positive integer",
         _positive_integer, ((CHATKIT_SESSION, "rate_limits.max_requests_per_1_minute"),),
         source=_SDK + "RateLimits.max_requests_per_1_minute (int)"),
    Rule("chatkit.expires_after.seconds", "expires_after.seconds", "a positive integer",
         _positive_integer, ((CHATKIT_SESSION, "expires_after.seconds"),),
         source=_SDK + "ExpiresAfter.seconds (int)"),
    Rule("chatkit.expires_after.anchor", "expires_after.anchor", "must be created_at",
         _one_of("created_at"), ((CHATKIT_SESSION, "expires_after.anchor"),),
         source=_SDK + "ExpiresAfter.anchor, Literal[\"created_at\"]"),
    Rule("list.order", "order", "one of asc, desc", _one_of("asc", "desc"),
         tuple((ds, "order") for ds in _LIST_DATA_SOURCES)
         + tuple((ds, "find_one_by.order") for ds in _FIND_ONE_DATA_SOURCES),
         source=_SDK + "the list params' order, Literal[\"asc\", \"desc\"]"),
    Rule("list.max_items", "max_items", "a positive integer", _positive_integer,
         tuple((ds, "max_items") for ds in _LIST_DATA_SOURCES),
         source=_REF + "max_items, the provider's cap on the items it reads"),
    # -- files, vector stores, conversations (the Responses era) ----------------------------
    Rule("file.purpose", "purpose", "one of assistants, batch, fine-tune, vision, user_data, "
         "evals", _one_of(*FILE_PURPOSES), ((FILE, "purpose"),),
         source=_PAGE + "files, purpose, \"The intended purpose of the uploaded file. One "
                        "of:\""),
    Rule("file.expires_after.anchor", "expires_after.anchor", "must be created_at",
         _one_of("created_at"), ((FILE, "expires_after.anchor"),),
         source=_PAGE + "files, expires_after.anchor, \"Supported anchors: created_at.\""),
    Rule("file.expires_after.seconds", "expires_after.seconds",
         "an integer between 3600 (1 hour) and 2592000 (30 days)",
         _integer_between(3600, 2_592_000), ((FILE, "expires_after.seconds"),),
         source=_PAGE + "files, expires_after.seconds, \"Must be between 3600 (1 hour) and "
                        "2592000 (30 days).\""),
    Rule("vector_store.chunking_strategy", "chunking_strategy.type", "one of auto, static",
         _one_of("auto", "static"), ((VECTOR_STORE, "chunking_strategy.type"),),
         source=_SDK + "FileChunkingStrategyParam, the union of the auto and static "
                       "strategies"),
    Rule("vector_store.chunking_strategy.static", "chunking_strategy.static",
         "set exactly when type is static; max_chunk_size_tokens an integer from 100 to 4096, "
         "chunk_overlap_tokens a non-negative integer at most half of it", _static_chunking,
         ((VECTOR_STORE, "chunking_strategy"),),
         source=_SDK + "StaticFileChunkingStrategyParam, \"The minimum value is `100` and the "
                       "maximum value is\", \"the overlap must not exceed half\""),
    Rule("vector_store.expires_after.anchor", "expires_after.anchor", "must be last_active_at",
         _one_of("last_active_at"), ((VECTOR_STORE, "expires_after.anchor"),),
         source=_SDK + "vector_store_create_params.ExpiresAfter.anchor, \"Supported anchors: "
                       "`last_active_at`.\""),
    Rule("vector_store.expires_after.days", "expires_after.days", "a positive integer",
         _positive_integer, ((VECTOR_STORE, "expires_after.days"),),
         source=_SDK + "vector_store_create_params.ExpiresAfter.days, \"The number of days "
                       "after the anchor time\""),
    Rule("conversation.items", "items", "at most 20 items", _max_items(20),
         ((CONVERSATION, "items"),),
         source=_PAGE + "conversations, items, \"You may add up to 20 items at a time.\""),
    Rule("conversation.items.role", "items[].role", "one of user, assistant, system, developer",
         _one_of("user", "assistant", "system", "developer"),
         ((CONVERSATION, "items[*].role"),),
         source=_PAGE + "conversations, items.role, \"One of user, assistant, system, or "
                        "developer.\""),
    Rule("conversation.items.phase", "items[].phase", "one of commentary, final_answer",
         _one_of("commentary", "final_answer"), ((CONVERSATION, "items[*].phase"),),
         source=_SDK + "EasyInputMessageParam.phase, Literal[\"commentary\", "
                       "\"final_answer\"]"),
    Rule("conversation.items.type", "items[].type", "must be message", _one_of("message"),
         ((CONVERSATION, "items[*].type"),),
         source=_PAGE + "conversations, items.type, \"Always message.\""),
)


# ---------------------------------------------------------------------------------------------
# The rules only an L2 construct knows: its code checks them (the rule checks no value itself).
# ---------------------------------------------------------------------------------------------

METADATA_RESOURCE_TYPES = (ASSISTANT, THREAD, MESSAGE, RUN)
"""The Terraform resource types whose objects carry ``metadata`` (the names
``include_resource_types`` and ``exclude_resource_types`` take); ``openai_constructs.metadata``
exports it."""

PATTERN_RESERVED_NAMES = ("Assistant", "Outputs", "Threads")
"""The construct ids ``AssistantWithThreads`` uses itself, which a thread's name cannot be."""


def _checked_by_its_construct(value: Any) -> str | None:
    return None


def _l2(rule_id: str, attribute: str, text: str, checked_by: str) -> Rule:
    return Rule(rule_id, attribute, text, _checked_by_its_construct, checked_by=checked_by)


L2_RULES: tuple[Rule, ...] = (
    # -- every L2 construct (_l2/base.py)
    _l2("import.id", "id", "a non-empty string or a reference",
        "the importers (`Assistant.from_assistant_id`, `Thread.from_thread_id`, "
        "`File.from_file_id`, ...)"),
    _l2("metadata.literal", "metadata", "a literal map to add pairs to with add_metadata",
        "`add_metadata` on a construct whose `metadata` is a reference"),
    # -- for_each and count (_l2/iteration.py, threads)
    _l2("iteration.one_of", "for_each", "either for_each or count, not both",
        "every L2 construct"),
    _l2("iteration.count", "count",
        "a non-negative integer up to 2**53 (what Terraform's JSON numbers carry exactly), a "
        "number reference or a TerraformCount", "every L2 construct"),
    _l2("iteration.inherited", "for_each",
        "left unset on a message or run of an iterated thread: it is iterated like its thread",
        "messages and runs of an iterated thread"),
    _l2("iteration.assistant_key", "assistant_key",
        "given when the assistant has for_each or count (which instance runs), unless the "
        "thread is iterated by the same iterator or count", "runs of an iterated assistant"),
    _l2("iteration.assistant_key_unused", "assistant_key",
        "only given for an assistant with for_each or count", "runs"),
    _l2("iteration.not_iterated", "key",
        "only given for a construct with for_each or count (this one is a single object)",
        "`*_id_for(key)`"),
    _l2("iteration.single", "id",
        "one object's attribute, which an iterated construct does not have: use the *_ids "
        "property (a map by key, or a list with count), *_id_for(key), or declare what uses it "
        "on the construct (thread.run, thread.add_message), which iterates with it",
        "single-object attributes of iterated constructs"),
    # -- Metadata.of (metadata.py, _l2/metadata.py)
    _l2("metadata.resource_types", "include_resource_types",
        f"a list of resource types among {', '.join(METADATA_RESOURCE_TYPES)}",
        "`Metadata.of(...).add`/`remove`"),
    _l2("metadata.priority", "priority", "a finite number", "`Metadata.of(...).add`/`remove`"),
    _l2("metadata.referenced_remove", "metadata",
        "a literal map to remove keys from (the keys of a referenced map are only known to "
        "Terraform); lower the priority of remove below 50 or set the pairs on the construct",
        "`Metadata.of(...).remove`"),
    _l2("metadata.normalization", "metadata",
        "keys that stay distinct in Terraform, which normalizes strings to Unicode NFC",
        "`Metadata.of(...).add`/`remove`"),
    # -- ChatKitSession (chatkit.py). SDK: SessionCreateParams.user and
    # ChatSessionWorkflowParam.id are Required[str]; an empty string identifies nothing.
    _l2("chatkit.identifier", "workflow_id",
        "a non-empty string (the workflow's id, the end user's identifier) or a reference",
        "`ChatKitSession` (`workflow_id`, `user`)"),
    # -- the patterns (patterns/)
    _l2("pattern.name", "name",
        "a letter, then up to 63 letters, digits, _ or - (it becomes a construct id and an "
        "output name)", "`AssistantWithThreads` thread names, `output_prefix`"),
    _l2("pattern.unique_name", "name",
        f"unique among the pattern's threads and not one of {', '.join(PATTERN_RESERVED_NAMES)}",
        "`AssistantWithThreads`"),
    _l2("sessions.unique_name", "users",
        "distinct names once characters other than letters, digits, _ and - become _ "
        "(pass a mapping of name to user to choose names); 'Outputs' is reserved",
        "`ChatKitSessions` users"),
    _l2("sessions.users", "users", "at least one user",
        "`ChatKitSessions` (users from a variable may be none)"),
    # -- Retire (retire.py)
    _l2("retire.resource_types", "include_resource_types",
        f"a list of retired types among {', '.join(RETIRED_TYPES)}",
        "`Retire.of(...).forget`"),
)

_BY_ID: dict[str, Rule] = {r.id: r for r in (*RULES, *L2_RULES)}
if len(_BY_ID) != len(RULES) + len(L2_RULES):  # pragma: no cover - guards the table itself
    raise RuntimeError("a rule id is declared twice in RULES and L2_RULES")


@public("openai_constructs.validation")
def rule(rule_id: str) -> Rule:
    """The rule with this id; ``KeyError`` lists the known ids."""
    try:
        return _BY_ID[rule_id]
    except KeyError:
        raise KeyError(f"unknown rule {rule_id!r}; known: {', '.join(_BY_ID)}") from None

