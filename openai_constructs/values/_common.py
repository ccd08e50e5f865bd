"""Shared plumbing for the value helpers: defensive copies and the JSON text encoding."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ..validation import is_unresolved


def json_text(value: Any) -> str:
    """Compact, deterministic JSON that keeps the caller's key order (it matters to the API)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def copy_json(value: Any) -> Any:
    """A deep copy of dicts and lists; anything else (tokens, jsii objects) is shared."""
    if isinstance(value, Mapping) and not is_unresolved(value):
        return {key: copy_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [copy_json(item) for item in value]
    return value


def freeze_strings(values: Sequence[str] | None, attribute: str) -> tuple[str, ...] | None:
    """A tuple so the helper stays immutable; a bare string is a mistake worth a clear error."""
    if values is None or (is_unresolved(values) and not isinstance(values, (list, tuple))):
        return values  # type: ignore[return-value]  # an IResolvable stands for the list
    if isinstance(values, str):
        raise TypeError(f"{attribute} expects a list of strings, got the string {values!r}")
    return tuple(values)


def freeze_mapping(values: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if values is None or (is_unresolved(values) and not isinstance(values, Mapping)):
        return values
    return dict(values)
