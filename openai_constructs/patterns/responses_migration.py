"""``ResponsesMigration``: one construct that moves a stack off the retired Assistants API.

For every ``Assistant`` and ``Thread`` declared below its source scope (the stack by default)
it declares what replaced them, in the order they were declared:

* a ``VectorStore`` for each store the Assistants API created inline (an assistant's or a
  thread's ``tool_resources.file_search.vector_stores[]``): the same file ids in the same
  order, the same chunking strategy and metadata;
* a ``Conversation`` for each thread with messages: its seed messages, then the messages
  added to it, in declaration order, text as written, with the thread's metadata;
* per assistant, a Terraform output ``<name>_responses_params`` holding the parameters of
  ``responses.create`` as exact JSON text, in which the file search tool's
  ``vector_store_ids`` are references to the new stores (``Assistant.to_responses_params``
  with the inline stores replaced by their successors);

and it forgets the retired objects with ``Retire.of(source).forget()``: ``terraform plan``
shows only forgets (the objects stay where they are, no retired endpoint is called) and
creates. What cannot be carried over is refused at declaration, naming the construct and the
fix: an assistant or thread declared with ``for_each``/``count``, a message with attachments
or per-message metadata, a message declared with ``for_each``/``count``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .._l2.base import atomic
from .._l2.intake import Intake, check_id, keyword_hints
from .._runtime.cdk import Construct, IConstruct, TerraformStack
from ..assistants import Assistant, _resources_for
from ..conversations import Conversation
from ..responses import as_terraform_output, responses_params
from ..retire import Retire
from ..threads import Thread
from ..vector_stores import VectorStore

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


class ResponsesMigration(Construct):
    """The successors of the Assistants API objects below a scope, and their retirement."""

    @keyword_hints("ResponsesMigration")
    @atomic
    def __init__(self, scope: Construct, id: str, *, source: IConstruct | None = None) -> None:
        """Declare the migration.

        :param source: The scope whose assistants and threads move (and are forgotten).
            Default: the stack of ``scope``.
        """
        intake = Intake("ResponsesMigration", scope, id)
        check_id(intake, id)
        root = source if source is not None else TerraformStack.of(scope)
        found = [c for c in root.node.find_all() if isinstance(c, (Assistant, Thread))]
        for construct in found:
            if construct._iteration.iterated:
                intake.fail("source", (
                    f"{type(construct).__name__} {construct.node.path!r} is declared with "
                    "for_each/count; migrate it by hand with the same for_each/count "
                    "(VectorStore, Conversation.from_thread)"))
        super().__init__(scope, id)
        self._stores: dict[str, list[VectorStore]] = {}
        self._conversations: dict[str, Conversation] = {}
        self._outputs: dict[str, Any] = {}
        base = str(root.node.path)
        for construct in found:
            name = _name(str(construct.node.path), base)
            if isinstance(construct, Assistant):
                self._assistant(construct, name)
            else:
                self._thread(construct, name)
        Retire.of(root).forget()

    def _inline_stores(self, name: str, resources: Any) -> tuple[Any, list[VectorStore]]:
        """The inline stores of ``resources`` as ``VectorStore`` constructs, and the
        resources with their ids in place of the inline stores."""
        if not isinstance(resources, Mapping):
            return resources, []
        search = resources.get("file_search")
        if not isinstance(search, Mapping) or not search.get("vector_stores"):
            return resources, []
        stores = [VectorStore.from_inline_store(self, f"{name}-VectorStore{i + 1}", inline)
                  for i, inline in enumerate(search["vector_stores"])]
        ids = list(search.get("vector_store_ids") or [])
        ids += [store.vector_store_id for store in stores]
        rest = {k: v for k, v in search.items() if k not in ("vector_stores",
                                                            "vector_store_ids")}
        return {**resources, "file_search": {**rest, "vector_store_ids": ids}}, stores

    def _assistant(self, assistant: Assistant, name: str) -> None:
        declared = assistant._declared
        resources = _resources_for(Intake("ResponsesMigration", assistant),
                                   assistant._tools, assistant._explicit_resources)
        resources, stores = self._inline_stores(name, resources)
        self._stores[str(assistant.node.path)] = stores
        params = responses_params(
            model=declared["model"], instructions=declared["instructions"],
            name=declared["name"], description=declared["description"],
            tools=declared["tools"] if declared["tools"] is not None and not isinstance(
                declared["tools"], list) else assistant._tools,
            tool_resources=resources, response_format=assistant._response_format,
            temperature=declared["temperature"], top_p=declared["top_p"],
            reasoning_effort=declared["reasoning_effort"], metadata=assistant.metadata,
        )
        output_id = f"{name.replace('-', '_')}_responses_params"
        self._outputs[str(assistant.node.path)] = as_terraform_output(
            self, output_id, params,
            description=f"Responses API create parameters for {assistant.node.path}")

    def _thread(self, thread: Thread, name: str) -> None:
        _, stores = self._inline_stores(name, thread._tool_resources)
        self._stores[str(thread.node.path)] = stores
        messages, notes = thread._export_messages()
        if notes:
            Intake("ResponsesMigration", self).fail(
                "source", "; ".join(str(note) for note in notes))
        if messages:
            self._conversations[str(thread.node.path)] = Conversation(
                self, f"{name}-Conversation", items=messages, metadata=thread._own_metadata)

    # -- what was declared ------------------------------------------------------------------

    def vector_stores_for(self, construct: IConstruct) -> list[VectorStore]:
        """The vector stores declared for an assistant's or thread's inline stores."""
        return list(self._stores.get(str(construct.node.path), []))

    def conversation_for(self, thread: IConstruct) -> Conversation | None:
        """The conversation declared for a thread (``None`` for a thread without messages)."""
        return self._conversations.get(str(thread.node.path))

    def responses_params_output(self, assistant: IConstruct) -> Any:
        """The ``TerraformOutput`` holding an assistant's Responses parameters."""
        return self._outputs[str(assistant.node.path)]


def _name(path: str, base: str) -> str:
    relative = path[len(base) + 1:] if base and path.startswith(base + "/") else path
    return _UNSAFE.sub("_", relative.replace("/", "-")) or "Root"


__all__ = ["ResponsesMigration"]
