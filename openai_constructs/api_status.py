"""The status of the OpenAI APIs the provider's types target, and the warning at synth.

OpenAI shut the Assistants API down on 2026-08-26 (assistants, threads, messages, runs, run
steps); ChatKit is current. ``openai_constructs/schema/encodings.json`` (``retired_apis``)
lists the Terraform types that target retired endpoints. A stack that declares any of them,
through the L1 bindings or the L2 constructs, gets one warning annotation at synth, which
``cdktf synth`` prints and ``manifest.json`` lists, naming the types it declares and the date.

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

__all__ = [
    "ACKNOWLEDGE_CONTEXT_KEY",
    "ACKNOWLEDGE_ENV_VAR",
    "RETIRED_APIS",
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
    ``data.openai_beta_assistants``, ..."""


def _load() -> tuple[RetiredApi, ...]:
    overlay = json.loads(
        (Path(__file__).parent / "schema" / "encodings.json").read_text(encoding="utf-8")
    )
    return tuple(
        RetiredApi(name, spec["sunset"], spec["replacement"], tuple(spec["types"]))
        for name, spec in overlay.get("retired_apis", {}).items()
    )


RETIRED_APIS: tuple[RetiredApi, ...] = _load()


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


def _message(api: RetiredApi) -> Any:
    def message(types: Sequence[str]) -> str:
        return (
            f"openai_constructs: {', '.join(types)} target{'s' if len(types) == 1 else ''} "
            f"the OpenAI {api.name}, which OpenAI shut down on {api.sunset}: OpenAI no "
            f"longer serves these endpoints. Move to {api.replacement}; docs/migration.md "
            f"shows how. Keep these constructs only to manage or destroy existing state or "
            f"for an OpenAI-compatible endpoint. Acknowledge with the context key "
            f"{ACKNOWLEDGE_CONTEXT_KEY}=true or {ACKNOWLEDGE_ENV_VAR}=1."
        )

    return message


def _register(apis: Sequence[RetiredApi]) -> None:
    for api in apis:
        types: Mapping[str, str] = {address: address for address in api.types}
        notices.register(notices.TypeNotice(
            key=f"retired:{api.name}", types=types, message=_message(api),
            acknowledged=_acknowledged,
        ))


_register(RETIRED_APIS)
