"""Recognise unresolved cdktf tokens in pure Python, without a round-trip to node.

cdktf encodes a reference to another resource as a marker string, a marker inside a list, a
sentinel number, or a jsii ``IResolvable`` object. Every check in this package lets such a
value through untouched: it is only known when Terraform runs.
"""

from __future__ import annotations

from typing import Any

STRING_TOKEN_MARKER = "${TfToken["
LIST_TOKEN_MARKER = "#{TfToken["
MAP_TOKEN_MARKER = "&{TfToken["
# cdktf encodes number tokens as doubles in a reserved range far below any real value.
_NUMBER_TOKEN_CEILING = -1e288

_PLAIN_TYPES = (str, int, float, bool, list, tuple, dict, type(None))


def is_resolvable_object(value: Any) -> bool:
    """True for objects that resolve themselves at synth time (jsii ``IResolvable`` and kin)."""
    return not isinstance(value, _PLAIN_TYPES) and callable(getattr(value, "resolve", None))


def contains_token(text: str) -> bool:
    """True when a string embeds at least one unresolved token."""
    return STRING_TOKEN_MARKER in text or LIST_TOKEN_MARKER in text


def is_unresolved(value: Any) -> bool:
    """True when ``value`` is, or carries, a reference that is only known at apply time."""
    if isinstance(value, str):
        return contains_token(value)
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return value < _NUMBER_TOKEN_CEILING
    if isinstance(value, (list, tuple)):
        return len(value) == 1 and isinstance(value[0], str) and value[0].startswith(
            LIST_TOKEN_MARKER
        )
    if isinstance(value, dict):
        return len(value) == 1 and str(next(iter(value))).startswith(MAP_TOKEN_MARKER)
    return is_resolvable_object(value)
