"""Turning the values users pass to an L2 construct into what the L1 layer takes.

A value may be a typed helper from ``openai_constructs.values`` (anything with a ``render()``
method returning exactly what L1 takes; tools may also carry ``tool_resources()``), an L1
struct, a plain dict keyed by Terraform names, or a reference.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ._runtime.l1 import Struct
from ._runtime.tokens import is_unresolved
from .validation import literal_text


def rendered(value: Any) -> Any:
    """``value.render()`` for helpers; anything else (dicts, structs, tokens) unchanged."""
    if value is None or isinstance(value, (Mapping, Struct, list, tuple)) or is_unresolved(value):
        return value
    render = getattr(value, "render", None)
    if callable(render):
        return render()
    return value


def tool_item(tool: Any) -> Any:
    """The L1 ``tools`` item for ``tool``."""
    return rendered(tool)


def tool_resources_of(tool: Any) -> Mapping[str, Any] | None:
    """The ``tool_resources`` a helper carries (code-interpreter files, vector stores)."""
    own = getattr(tool, "tool_resources", None)
    if not callable(own):
        return None
    resources: Mapping[str, Any] | None = rendered(own())
    return resources or None


def merge_tool_resources(parts: list[Any]) -> dict[str, Any] | None:
    """Combine tool resources of several tools and explicit ones; lists are appended, so the
    API's limits (20 files, 1 vector store) apply to the total.
    """
    merged: dict[str, Any] = {}
    for part in parts:
        part = rendered(part)
        if isinstance(part, Struct):
            part = part.to_terraform()
        for tool_name, resources in part.items():
            target = merged.setdefault(tool_name, {})
            resources = rendered(resources)
            if isinstance(resources, Struct):
                resources = resources.to_terraform()
            for key, value in (resources or {}).items():
                existing = target.get(key)
                if (
                    isinstance(value, (list, tuple))
                    and isinstance(existing, list)
                    and not is_unresolved(value)
                    and not is_unresolved(existing)
                ):
                    target[key] = [*existing, *value]
                else:
                    target[key] = list(value) if isinstance(value, tuple) else value
    return merged or None


def json_text(value: Any) -> Any:
    """A literal dict as compact JSON text (the L1 attribute is a string); else unchanged."""
    value = rendered(value)
    if isinstance(value, Mapping) and not is_unresolved(value):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return value


def literal_values(value: Any) -> Any:
    """``value`` with every literal string in it, dict keys included, escaped by
    ``literal_text``: what an L2 construct hands its L1 resource reaches the API exactly as
    written, while references embedded in the text still resolve.

    Applied once, where an L2 construct gives values to its L1 resource; escaping the leaves
    before the L1 layer JSON-encodes a value is enough, as JSON escaping leaves ``$``, ``{``
    and ``%`` alone.
    """
    if isinstance(value, str):
        return literal_text(value)
    if isinstance(value, Struct):
        fields = type(value)._FIELDS.settable
        return type(value)(**{f.name: literal_values(getattr(value, f.name)) for f in fields})
    if is_unresolved(value):
        return value
    if isinstance(value, Mapping):
        return {
            (literal_text(k) if isinstance(k, str) else k): literal_values(v)
            for k, v in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [literal_values(item) for item in value]
    return value
