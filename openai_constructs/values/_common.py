"""Shared plumbing for the value helpers: defensive copies (JSON text is written by
``_runtime/hcl/json_text.py``'s ``compact_json``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..errors import AttributeTypeError
from ..validation import is_unresolved


def checked_json(owner: str, attribute: str, value: Any) -> Any:
    """``copy_json(value)`` after refusing what has no JSON form (NaN, infinity, non-string
    keys, sets, objects) with an ``AttributeTypeError`` naming the helper and the position,
    so the helper fails where it is written, not later as a raw ``ValueError``."""
    from .._l2.intake import Intake, check_json

    check_json(Intake(owner, None), attribute, value)
    return copy_json(value)


def copy_json(value: Any) -> Any:
    """A deep copy of dicts and lists; anything else (tokens, jsii objects) is shared."""
    if isinstance(value, Mapping) and not is_unresolved(value):
        return {key: copy_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [copy_json(item) for item in value]
    return value


def freeze_strings(
    values: Sequence[str] | None, attribute: str, owner: str = ""
) -> tuple[str, ...] | None:
    """A tuple so the helper stays immutable, read once; a bare string (iterated per
    character) or a set (no order) is a mistake worth a clear error.
    """
    if values is None or (is_unresolved(values) and not isinstance(values, (list, tuple))):
        return values  # type: ignore[return-value]  # an IResolvable stands for the list
    return frozen_items(values, attribute, owner, "string")


def frozen_items(values: Any, attribute: str, owner: str, what: str) -> tuple[Any, ...]:
    """``values`` as a tuple, refusing a bare string, a set, a mapping and non-iterables."""
    if isinstance(values, (list, tuple)):
        return tuple(values)
    where = f"{owner}: {attribute}" if owner else attribute
    if isinstance(values, (str, bytes)):
        raise AttributeTypeError(
            f"{where}: expects a list of {what}s, got the string {values!r}; write "
            f"[{values!r}] for one"
        )
    if isinstance(values, (set, frozenset)):
        raise AttributeTypeError(
            f"{where}: expects a list of {what}s, got a {type(values).__name__}, whose order "
            "changes from run to run; pass a list in the order meant (sorted(...) if any "
            "order will do)"
        )
    if isinstance(values, Mapping) or not isinstance(values, Iterable):
        raise AttributeTypeError(
            f"{where}: expects a list of {what}s, got {type(values).__name__}"
        )
    return tuple(values)


def freeze_mapping(values: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if values is None or (is_unresolved(values) and not isinstance(values, Mapping)):
        return values
    return dict(values)
