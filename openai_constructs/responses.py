"""Responses-era export: what an assistant and a seeded thread become in the Responses API.

OpenAI shut the Assistants API down on 2026-08-26; its successor maps assistants to the
parameters of ``responses.create`` kept in code, threads to conversations and messages to
conversation items. An infra repo already declares every assistant and seeded thread, so
:func:`responses_params` and :func:`conversation_params` carry those declarations over:

* literal parts come out as plain Python values, exactly as written (no Terraform escaping);
* references come out as the Terraform expressions they are (``${openai_beta_...id}``),
  to be filled in from ``terraform output`` or state;
* what has no Responses equivalent is reported in ``notes`` (a tuple of :class:`ExportNote`)
  on the returned value, never dropped silently: inline vector stores the Assistants API
  created from file ids, message attachments, per-message metadata, an assistant's name and
  description, ...

``Assistant.to_responses_params()`` and ``Thread.to_conversation_items()`` /
``Thread.to_conversation_params()`` are the usual entry points. ``docs/migration.md`` has a
worked example; the tests validate every export against the SDK's ``ResponseCreateParams`` and
``ConversationCreateParams``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ._l2.boundary import rendered
from ._runtime.fields import Struct
from ._runtime.tokens import is_unresolved

__all__ = [
    "ConversationItems",
    "as_terraform_output",
    "ConversationParams",
    "ExportNote",
    "ResponsesParams",
    "conversation_items",
    "conversation_params",
    "responses_params",
]


@dataclass(frozen=True)
class ExportNote:
    """Something the export could not carry over, where it was, and what to do instead."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ResponsesParams(dict[str, Any]):
    """Keyword arguments for ``client.responses.create(**params, input=...)``; ``notes``
    lists what the assistant declares that these parameters cannot hold."""

    notes: tuple[ExportNote, ...] = ()


class ConversationItems(list[dict[str, Any]]):
    """Items for ``client.conversations.create(items=...)``; ``notes`` lists what the
    messages declare that items cannot hold."""

    notes: tuple[ExportNote, ...] = ()


class ConversationParams(dict[str, Any]):
    """Keyword arguments for ``client.conversations.create(**params)`` (``items`` and
    ``metadata``); ``notes`` as for :class:`ConversationItems`, plus the thread's own."""

    notes: tuple[ExportNote, ...] = ()


def iteration_note(path: str, meta: Mapping[str, Any]) -> ExportNote | None:
    """The note of a construct declared with ``for_each``/``count`` (``meta``: its
    meta-arguments): Terraform makes one object per instance, the export is one value."""
    if not meta:
        return None
    kind = "for_each" if "for_each" in meta else "count"
    return ExportNote(path, (
        f"declared with {kind}: Terraform creates one object per instance, and this export is "
        "one value whose each.key/each.value/count.index stay expressions; export one per "
        "instance, with the instance's values in place of those expressions"))


# -- assistants -> responses.create -----------------------------------------------------------

_RANKERS = {"auto": "auto"}  # default_2024_08_21 has no Responses counterpart


def responses_params(
    *,
    model: Any,
    instructions: Any = None,
    name: Any = None,
    description: Any = None,
    tools: Sequence[Any] | Any = (),
    tool_resources: Mapping[str, Any] | None = None,
    response_format: Any = None,
    temperature: Any = None,
    top_p: Any = None,
    reasoning_effort: Any = None,
    metadata: Mapping[str, Any] | None = None,
    scope: Any = None,
) -> ResponsesParams:
    """The Responses API create parameters equivalent to an assistant declared with these
    values (as given to ``Assistant``: helpers, dicts or L1 structs). With ``scope``, each
    reference becomes its Terraform expression, resolved in that construct's stack; without,
    references stay tokens (what ``as_terraform_output`` needs)."""
    notes: list[ExportNote] = []
    inputs = _inputs(scope, model=model, instructions=instructions, name=name,
                     description=description, tools=tools, tool_resources=tool_resources,
                     response_format=response_format, temperature=temperature, top_p=top_p,
                     reasoning_effort=reasoning_effort, metadata=metadata)
    model, instructions, name, description = (
        inputs["model"], inputs["instructions"], inputs["name"], inputs["description"])
    tools, tool_resources, response_format = (
        inputs["tools"], inputs["tool_resources"], inputs["response_format"])
    temperature, top_p, reasoning_effort, metadata = (
        inputs["temperature"], inputs["top_p"], inputs["reasoning_effort"], inputs["metadata"])
    out = ResponsesParams(model=model)
    if instructions is not None:
        out["instructions"] = instructions
    for field, value in (("name", name), ("description", description)):
        if value is not None:
            notes.append(ExportNote(field, (
                f"{value!r} has no responses.create parameter; keep it in your code beside "
                "the parameters (reusable prompt objects, which had one, were shut down on "
                "2026-11-30)")))
    resources = tool_resources if isinstance(tool_resources, Mapping) else {}
    if tool_resources is not None and not isinstance(tool_resources, Mapping):
        notes.append(ExportNote("tool_resources", (
            f"{tool_resources!r}: a reference to the whole value; the tools' vector store "
            "ids and files are only known to Terraform")))
    if isinstance(tools, list):
        items = tools
    else:
        notes.append(ExportNote("tools", (
            f"{tools!r}: a reference to the whole list; its tools are only known to "
            "Terraform")))
        items = []
    if items:
        out["tools"] = [
            _tool(item, index, resources, notes) for index, item in enumerate(items)
        ]
    text_format = _text_format(response_format, notes)
    if text_format is not None:
        out["text"] = {"format": text_format}
    if temperature is not None:
        out["temperature"] = temperature
    if top_p is not None:
        out["top_p"] = top_p
    if reasoning_effort is not None:
        out["reasoning"] = {"effort": reasoning_effort}
    _metadata(out, metadata, scope, notes)
    _unused_resources(items, resources, notes)
    out.notes = tuple(notes)
    return out


def _metadata(out: dict[str, Any], metadata: Any, scope: Any, notes: list[ExportNote]) -> None:
    """Metadata as written; a reference to a whole map (a ``map(string)`` variable) stays a
    reference in the Terraform output, whose ``jsonencode`` writes the map, and is a note in
    the Python export, where only Terraform knows its keys."""
    if isinstance(metadata, Mapping):
        if metadata:
            out["metadata"] = dict(metadata)
    elif metadata is not None:
        if scope is None:
            out["metadata"] = metadata
        else:
            notes.append(ExportNote("metadata", (
                f"{metadata!r}: a reference to the whole map; its pairs are only known to "
                "Terraform (the Terraform output, output_id=, holds them)")))


def _inputs(scope: Any, **values: Any) -> dict[str, Any]:
    """The values in plain form (helpers rendered, structs in their Terraform form) and, with
    a scope, references resolved to their expressions."""
    plain = {key: _plain(value) for key, value in values.items()}
    if scope is None:
        return plain
    from ._runtime.expressions import resolve_references

    resolved: dict[str, Any] = resolve_references(plain, scope)
    return resolved


def _plain(value: Any) -> Any:
    """Helpers rendered and L1 structs as given (checked, but not in their Terraform form,
    where a JSON-text map holds its values encoded: ``"42"`` as ``'"42"'``), recursively."""
    value = rendered(value)
    if isinstance(value, Struct):
        value.to_terraform()  # the checks
        value = {f.tf_name: getattr(value, f.name) for f in value._FIELDS.settable
                 if getattr(value, f.name) is not None}
    if isinstance(value, Mapping) and not is_unresolved(value):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)) and not is_unresolved(value):
        return [_plain(v) for v in value]
    return value


def _tool(item: Any, index: int, resources: Mapping[str, Any],
          notes: list[ExportNote]) -> Any:
    where = f"tools[{index}]"
    if not isinstance(item, Mapping):
        notes.append(ExportNote(where, f"{item!r}: a reference to a whole tool; exported as "
                                       "it is"))
        return item
    kind = item.get("type")
    if kind == "function":
        return _function_tool(item.get("function") or {}, where)
    if kind == "file_search":
        return _file_search_tool(item, resources, where, notes)
    if kind == "code_interpreter":
        files = (resources.get("code_interpreter") or {}).get("file_ids")
        container: dict[str, Any] = {"type": "auto"}
        if files:
            container["file_ids"] = files
        return {"type": "code_interpreter", "container": container}
    notes.append(ExportNote(where, f"tool type {kind!r} has no known Responses form"))
    return dict(item)


def _function_tool(function: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Responses function tools are flat, and strict unless told otherwise: an Assistants
    function without ``strict`` was not strict, so ``strict`` is always written."""
    parameters = function.get("parameters")  # JSON values as written, never JSON text
    if isinstance(parameters, Mapping):
        parameters = dict(parameters)
    out: dict[str, Any] = {"type": "function", "name": function.get("name"),
                           "parameters": parameters,
                           "strict": function.get("strict", False)}
    if function.get("description") is not None:
        out["description"] = function["description"]
    return out


def _file_search_tool(item: Mapping[str, Any], resources: Mapping[str, Any], where: str,
                      notes: list[ExportNote]) -> dict[str, Any]:
    search = resources.get("file_search") or {}
    ids = search.get("vector_store_ids")
    out: dict[str, Any] = {"type": "file_search",
                           "vector_store_ids": ids if ids is not None else []}
    for position, store in enumerate(search.get("vector_stores") or []):
        store = store if isinstance(store, Mapping) else {"store": store}
        notes.append(ExportNote(
            f"tool_resources.file_search.vector_stores[{position}]",
            "the Responses API only takes existing vector stores: declare this one as an "
            "openai_vector_store with VectorStore.from_inline_store(scope, id, "
            f"{{'file_ids': {store.get('file_ids')!r}"
            + (f", 'chunking_strategy': {store['chunking_strategy']!r}"
               if store.get("chunking_strategy") else "")
            + (f", 'metadata': {store['metadata']!r}" if store.get("metadata") else "")
            + f"}}) and add its vector_store_id to {where}.vector_store_ids "
            "(ResponsesMigration does both)",
        ))
    if ids is None and not search.get("vector_stores"):
        notes.append(ExportNote(f"{where}.vector_store_ids",
                                "no vector store is declared; file search needs at least one"))
    options = item.get("file_search") or {}
    if options.get("max_num_results") is not None:
        out["max_num_results"] = options["max_num_results"]
    ranking = options.get("ranking_options")
    if isinstance(ranking, Mapping):
        exported: dict[str, Any] = {}
        if ranking.get("score_threshold") is not None:
            exported["score_threshold"] = ranking["score_threshold"]
        ranker = ranking.get("ranker")
        if ranker is not None:
            if ranker in _RANKERS:
                exported["ranker"] = _RANKERS[ranker]
            else:
                notes.append(ExportNote(
                    f"{where}.file_search.ranking_options.ranker",
                    f"{ranker!r} has no Responses counterpart (auto, default-2024-11-15); "
                    "left out, so the API's auto ranker applies"))
        out["ranking_options"] = exported
    return out


def _unused_resources(items: list[Any], resources: Mapping[str, Any],
                      notes: list[ExportNote]) -> None:
    kinds = {item.get("type") for item in items if isinstance(item, Mapping)}
    for kind in ("code_interpreter", "file_search"):
        if resources.get(kind) and kind not in kinds:
            notes.append(ExportNote(f"tool_resources.{kind}",
                                    f"declared without a {kind} tool; nothing to attach it to"))


def _text_format(response_format: Any, notes: list[ExportNote]) -> dict[str, Any] | None:
    value = response_format
    if value is None or value == "auto":
        return None
    if isinstance(value, str) and not is_unresolved(value):
        try:
            value = json.loads(value)
        except ValueError:
            notes.append(ExportNote("response_format", f"{value!r} is not JSON; left out"))
            return None
    if not isinstance(value, Mapping):
        notes.append(ExportNote("response_format", (
            f"{value!r}: a reference to JSON text in the Assistants form; convert it to "
            "text.format when it is known")))
        return None
    kind = value.get("type")
    if kind == "json_schema":
        spec = dict(value.get("json_schema") or {})
        return {"type": "json_schema", **spec}
    return {"type": kind}


# -- threads -> conversations -----------------------------------------------------------------

def conversation_params(
    messages: Any,
    *,
    metadata: Mapping[str, Any] | None = None,
    tool_resources: Mapping[str, Any] | None = None,
    scope: Any = None,
    notes: Sequence[ExportNote] = (),
) -> ConversationParams:
    """``conversations.create`` parameters for a thread seeded with ``messages`` (dicts with
    ``content``, ``role``, ``attachments``, ``metadata``, as ``Thread`` stores them);
    ``scope`` as for :func:`responses_params`."""
    inputs = _inputs(scope, metadata=metadata, tool_resources=tool_resources)
    items = conversation_items(messages, scope=scope, notes=notes)
    out = ConversationParams(items=list(items))
    notes = list(items.notes)
    _metadata(out, inputs["metadata"], scope, notes)
    resources = inputs["tool_resources"] or {}
    if not isinstance(resources, Mapping):
        notes.append(ExportNote("tool_resources", (
            f"{resources!r}: conversations hold no tool resources; give them to the tools "
            "of each responses.create call")))
        resources = {}
    for kind, value in resources.items():
        notes.append(ExportNote(f"tool_resources.{kind}", (
            f"{value!r}: conversations hold no tool resources; give them to the "
            f"{kind} tool of each responses.create call")))
    out.notes = tuple(notes)
    return out


def conversation_items(messages: Any, *, scope: Any = None,
                       notes: Sequence[ExportNote] = ()) -> ConversationItems:
    """Each message as an input message item (``{"type": "message", "role", "content"}``);
    ``scope`` as for :func:`responses_params`; ``notes`` are kept after the item notes."""
    out = ConversationItems()
    found: list[ExportNote] = []
    plain = _inputs(scope, messages=messages)["messages"]
    if not isinstance(plain, list):
        out.notes = (ExportNote("messages", (
            f"{plain!r}: a reference to the whole list; its items are only known to "
            "Terraform")), *notes)
        return out
    for index, message in enumerate(plain):
        out.append({"type": "message", "role": message.get("role", "user"),
                    "content": message.get("content")})
        attachments = message.get("attachments")
        if attachments:
            found.append(ExportNote(f"messages[{index}].attachments", (
                f"{attachments!r}: items carry no attachments; put the files in the "
                "file_search tool's vector store or the code_interpreter container")))
        if message.get("metadata"):
            found.append(ExportNote(f"messages[{index}].metadata", (
                f"{message['metadata']!r}: conversation items have no metadata; the "
                "conversation's own metadata is the nearest place")))
    out.notes = (*found, *notes)
    return out


# -- references -> expressions ----------------------------------------------------------------

_Export = Any  # ResponsesParams | ConversationItems | ConversationParams


def as_terraform_output(scope: Any, id: str, export: _Export | Callable[[], _Export], *,
                        description: str) -> Any:
    """A ``TerraformOutput`` holding ``export`` as JSON text: the literal parts are the JSON
    Python writes, escaped so they arrive exactly, and each value holding a reference is a
    ``jsonencode(...)`` of it (``_runtime/hcl/json_text.py``), so Terraform produces valid JSON
    for any runtime value. (cdktf's ``Fn.jsonencode`` of the dict writes quotes, backslashes
    and newlines of the literal text into the expression unescaped: Terraform cannot parse
    it.)

    Given a function, the output is computed when the stack is synthesized (a ``Lazy``
    value), so what is added to the construct after the call (a tool, ``Metadata.of`` pairs)
    is in it; the function also runs once now, so a value that cannot be written is refused
    at the call."""
    from ._runtime.cdk import Lazy, TerraformOutput
    from ._runtime.hcl.json_text import json_text

    def text() -> str:
        current = export() if callable(export) else export
        value = dict(current) if isinstance(current, Mapping) else list(current)
        return json_text(value)

    value: Any = text()
    if callable(export):
        value = Lazy.any_value(_producer(text))
    output = TerraformOutput(scope, id, value=value, description=description)
    output.override_logical_id(id)  # `terraform output <id>` reads it by the name given
    return output


def _producer(produce: Callable[[], str]) -> Any:
    """A cdktf ``IAnyProducer`` calling ``produce`` at synth."""
    import jsii

    from ._runtime import cdk

    @jsii.implements(cdk.IAnyProducer)
    class _Producer:
        def produce(self, context: Any) -> str:
            return produce()

    return _Producer()
