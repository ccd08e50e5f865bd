"""Recognise unresolved cdktf tokens in pure Python, without a round-trip to node.

cdktf encodes a reference to another resource as a marker string, a marker inside a list, a
sentinel number, or a jsii ``IResolvable`` object. Every check in this package lets such a
value through untouched: it is only known when Terraform runs.
"""

from __future__ import annotations

from typing import Any

from .._public import public
from . import _jsii

STRING_TOKEN_MARKER = "${TfToken["
LIST_TOKEN_MARKER = "#{TfToken["
MAP_TOKEN_MARKER = "&{TfToken["
# cdktf encodes number tokens as doubles in a reserved range far below any real value.
_INFINITY = float("inf")
_NUMBER_TOKEN_CEILING = -1e288

_PLAIN_TYPES = (str, int, float, bool, list, tuple, dict, type(None))


def is_resolvable_object(value: Any) -> bool:
    """True for objects that resolve themselves at synth time (jsii ``IResolvable`` and kin).

    Some cdktf members typed ``any`` (``TerraformVariable.value``, ``TerraformLocal``'s
    ``as_any``...) hand back an opaque node object with no Python ``resolve``; only node can
    tell whether it is a token, so those alone cost one jsii call.
    """
    if isinstance(value, _PLAIN_TYPES):
        return False
    if callable(getattr(value, "resolve", None)):
        return True
    return _is_opaque_token(value)


def _is_opaque_token(value: Any) -> bool:
    try:
        reference = _jsii.object_ref(value)
    except Exception:  # a proxy without the attribute raises its own errors
        return False
    if reference is None or getattr(reference, "interfaces", None):
        return False
    from . import cdk  # only for opaque node objects: plain values never get here

    return bool(cdk.Token.is_unresolved(value))


def contains_token(text: str) -> bool:
    """True when a string embeds at least one unresolved token."""
    return STRING_TOKEN_MARKER in text or LIST_TOKEN_MARKER in text


@public("openai_constructs.validation")
def is_unresolved(value: Any) -> bool:
    """True when ``value`` is, or carries, a reference that is only known at apply time."""
    if isinstance(value, str):
        return contains_token(value)
    if isinstance(value, bool):
        return False
    if isinstance(value, float):  # -inf is below the ceiling too, and is no token
        return -_INFINITY < value < _NUMBER_TOKEN_CEILING
    if isinstance(value, (list, tuple)):
        return len(value) == 1 and isinstance(value[0], str) and value[0].startswith(
            LIST_TOKEN_MARKER
        )
    if isinstance(value, dict):
        return len(value) == 1 and str(next(iter(value))).startswith(MAP_TOKEN_MARKER)
    return is_resolvable_object(value)
