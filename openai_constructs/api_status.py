"""The status of the OpenAI APIs the provider's types target, and the warning at synth.

As of 2026-12-07, with sources in ``RetiredApi.sources`` (and README, docs/migration.md):

- the **Assistants API** was shut down on 2026-08-26 (assistants, threads, messages, runs,
  run steps): every ``openai_beta_assistant``/``thread``/``thread_message``/``thread_run``
  type and their data sources;
- **Agent Builder** was shut down on 2026-11-30; its published workflows are what
  ``openai_beta_chatkit_session.workflow.id`` names. ChatKit itself is still available (its
  thread data sources are not listed); whether ``POST /v1/chatkit/sessions`` still answers
  for an old workflow id is not settled by any source (``RetiredApi.unsettled``);
- **reusable prompt objects** (``/v1/prompts``) were shut down on 2026-11-30; no type of the
  provider targets them, and nothing here offers them as a successor.

``openai_constructs/schema/retired_apis.json`` is the one table. A stack that
declares any listed type, through the L1 bindings or the L2 constructs, gets one warning at
synth per retired API: an annotation, which ``cdktf synth`` prints and ``manifest.json``
lists, and a Python warning of category :class:`~openai_constructs.errors.RetiredApiWarning`
(a ``UserWarning``, so ``python main.py`` shows it by default), naming the types it declares,
the date and the source. ``Retire.of(stack).forget()`` leaves such objects without calling
the retired endpoints (``openai_constructs.retire``).

Acknowledge it (and silence it) with the context key :data:`ACKNOWLEDGE_CONTEXT_KEY` set to
``true`` (``cdktf.json``'s ``context``, ``App(context=...)`` or ``node.set_context`` on the
stack or the app) or the environment variable :data:`ACKNOWLEDGE_ENV_VAR` set to ``1``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._runtime import notices
from .errors import RetiredApiWarning

__all__ = [
    "ACKNOWLEDGE_CONTEXT_KEY",
    "ACKNOWLEDGE_ENV_VAR",
    "RETIRED_APIS",
    "RETIRED_TYPES",
    "RetiredApi",
    "retired_type",
]

ACKNOWLEDGE_CONTEXT_KEY = "openai-constructs:acknowledgeRetiredApis"
"""Context key that acknowledges the retired-API warning when set to ``true``."""

ACKNOWLEDGE_ENV_VAR = "OPENAI_CONSTRUCTS_ACKNOWLEDGE_RETIRED_APIS"
"""Environment variable that acknowledges the retired-API warning when set to ``1``/``true``."""

_FALSE = ("", "0", "false", "no", "off")


@dataclass(frozen=True)
class RetiredApi:
    """One API OpenAI has shut down, the day it did, and what replaces it."""

    name: str
    sunset: str
    replacement: str
    types: tuple[str, ...]
    """Terraform addresses of the types that target it: ``openai_beta_thread``,
    ``data.openai_beta_assistants``, ... (empty when the provider has none)."""
    sources: tuple[str, ...] = ()
    """Where the date and the scope come from (URLs)."""
    unsettled: str = ""
    """What the sources leave open, said plainly (empty when nothing is)."""


def _load() -> tuple[RetiredApi, ...]:
    """The table of ``schema/retired_apis.json``, oldest shutdown first."""
    overlay = json.loads(
        (Path(__file__).parent / "schema" / "retired_apis.json").read_text(encoding="utf-8")
    )
    return tuple(
        RetiredApi(
            name,
            spec["sunset"],
            spec["replacement"],
            tuple(spec["types"]),
            tuple(spec.get("sources", ())),
            str(spec.get("unsettled", "")),
        )
        for name, spec in sorted(
            overlay.get("retired_apis", {}).items(), key=lambda item: (item[1]["sunset"], item[0])
        )
    )


RETIRED_APIS: tuple[RetiredApi, ...] = _load()

RETIRED_TYPES: tuple[str, ...] = tuple(
    dict.fromkeys(address for api in RETIRED_APIS for address in api.types)
)
"""Every Terraform address of a retired type (resources, and data sources as ``data.*``):
what ``Retire.of(scope).forget()`` forgets by default."""


def retired_type(address: str) -> RetiredApi | None:
    """The retired API that ``address`` (``openai_beta_thread``, ``data.openai_beta_...``)
    targets, or ``None`` when it targets a current one."""
    for api in RETIRED_APIS:
        if address in api.types:
            return api
    return None


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in _FALSE
    return bool(value)


def _acknowledged(stack: Any) -> bool:
    if _truthy(os.environ.get(ACKNOWLEDGE_ENV_VAR, "")):
        return True
    return _truthy(stack.node.try_get_context(ACKNOWLEDGE_CONTEXT_KEY))


def _left(stack: Any, api: RetiredApi) -> bool:
    """True when every object of ``api``'s types in ``stack`` is forgotten
    (``Retire.of(...).forget()``): the stack has left the API, nothing to warn about."""
    from ._runtime import forgetting
    from ._runtime.bindings import DataSource, Resource
    from ._runtime.names import find_all

    if not forgetting.recorded():
        return False
    key = forgetting.identity
    forgotten = {key(f.element) for f in forgetting.forgotten_below(stack)}
    declared = [
        e for e in find_all(stack)
        if isinstance(e, (Resource, DataSource))
        and e._ADDRESS_PREFIX + e.TF_RESOURCE_TYPE in api.types
    ]
    return bool(declared) and all(key(e) in forgotten for e in declared)


def _silenced(api: RetiredApi) -> Any:
    def silenced(stack: Any) -> bool:
        return _acknowledged(stack) or _left(stack, api)

    return silenced


def _message(api: RetiredApi) -> Any:
    source = f" (source: {api.sources[0]})" if api.sources else ""
    unsettled = f" Not settled by any source: {api.unsettled}." if api.unsettled else ""

    def message(types: Sequence[str]) -> str:
        return (
            f"openai_constructs: {', '.join(types)} target{'s' if len(types) == 1 else ''} "
            f"the OpenAI {api.name}, which OpenAI shut down on {api.sunset}{source}: OpenAI "
            f"no longer serves these endpoints.{unsettled} Move to {api.replacement}; "
            f"docs/migration.md shows how. To leave the objects in your state without "
            f"calling the retired endpoints (terraform destroy cannot reach them), call "
            f"Retire.of(stack).forget() and plan with -refresh=false. Acknowledge with the "
            f"context key {ACKNOWLEDGE_CONTEXT_KEY}=true or {ACKNOWLEDGE_ENV_VAR}=1."
        )

    return message


def _register(apis: Sequence[RetiredApi]) -> None:
    for api in apis:
        types: Mapping[str, str] = {address: address for address in api.types}
        if not types:
            continue
        notices.register(notices.TypeNotice(
            key=f"retired:{api.name}", types=types, message=_message(api),
            acknowledged=_silenced(api), category=RetiredApiWarning,
        ))


_register(RETIRED_APIS)
