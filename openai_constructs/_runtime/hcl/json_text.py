"""JSON text that may hold references, written so Terraform always produces valid JSON.

Some attributes hold JSON text (``tools[].function.parameters`` values, ``response_format``,
``tool_choice``). Splicing a reference into such text raw gives whatever the referenced value
happens to be — a quote or a backslash in it and the API receives broken JSON. Here the text
is written as a Terraform template instead: the literal parts are the JSON Python writes
(escaped with ``literal_text``, so they arrive exactly), and every value holding a reference
becomes ``${jsonencode(...)}``, which Terraform turns into valid JSON of the value's own type:

* a string mixing text and references: ``${jsonencode(join("", ["who: ", var.who]))}``;
* a reference standing for a string, number, list or map: ``${jsonencode(var.x)}``, so
  ``{"enum": var.list_value}`` gives a JSON array and a number stays a number;
* a reference to ``jsonencode(...)`` itself (``Fn.jsonencode({...})``) already is JSON text
  and is spliced as it is, in any position.

The expressions are built so cdktf still resolves the references inside them: cdktf treats
everything between a ``${`` and the next ``}`` of a string as a raw expression and writes
references there without their own ``${ }``, so the string literals of these expressions
contain neither (their ``{``, ``}``, ``$`` and ``%`` are written as ``\\u`` escapes).
"""

from __future__ import annotations

import json
from typing import Any

from .. import cdk
from ..tokens import (
    LIST_TOKEN_MARKER,
    STRING_TOKEN_MARKER,
    contains_token,
    is_resolvable_object,
    is_unresolved,
)
from .strings import exact_string
from .templates import TOKEN_MARKER, TerraformTemplate, literal_text


class JsonTextError(ValueError):
    """A value inside JSON text that cannot be written as a Terraform expression."""


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def has_reference(value: Any) -> bool:
    """True when ``value`` (a JSON value) holds a reference anywhere, keys included."""
    if isinstance(value, str):
        return contains_token(value)
    if isinstance(value, (bool, int)) or value is None:
        return False
    if isinstance(value, float):
        return is_unresolved(value)
    if isinstance(value, dict):
        if is_unresolved(value):
            return True
        return any(has_reference(k) or has_reference(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return is_unresolved(value) or any(has_reference(item) for item in value)
    return is_resolvable_object(value)


def compact_json(value: Any) -> str:
    """The JSON text of ``value``: compact, deterministic, in the caller's key order (it
    matters to the API). The one writer of JSON text for Terraform attributes.

    Without references it is the plain text, not escaped yet (the L2 boundary escapes every
    literal string once, :func:`json_text` does it here). With references inside, it is a
    ``TerraformTemplate`` (see the module docstring): text Terraform evaluates to valid JSON,
    the literal parts already escaped, so nothing escapes it again. Raises ``JsonTextError``
    for what has no JSON form (a list reference inside a string), ``ValueError`` for NaN and
    infinity.
    """
    if not has_reference(value):
        return _dumps(value)
    return TerraformTemplate(_template(value))


def json_text(value: Any) -> str:
    """The JSON text of ``value`` as a Terraform template (a plain ``str``): what an
    attribute holding JSON text is encoded as. ``literal_text`` of :func:`compact_json`
    without references, its template with them."""
    text = compact_json(value)
    return str(text) if isinstance(text, TerraformTemplate) else literal_text(text)


def _template(value: Any) -> str:
    """The template form of ``value``, which holds a reference somewhere."""
    parts: list[tuple[bool, str]] = []  # (is_expression, text)
    _write(value, parts)
    out: list[str] = []
    literal: list[str] = []
    for is_expression, text in parts:
        if is_expression:
            out.append(literal_text("".join(literal)))
            literal = []
            out.append(text)
        else:
            literal.append(text)
    out.append(literal_text("".join(literal)))
    return "".join(out)


def _write(value: Any, parts: list[tuple[bool, str]]) -> None:
    if isinstance(value, str):
        if not contains_token(value):
            parts.append((False, _dumps(value)))
            return
        if _is_single_token(value) and is_jsonencode(value):
            parts.append((True, value))  # already JSON text: splice it
            return
        parts.append((True, "${jsonencode(" + string_expression(value) + ")}"))
        return
    if isinstance(value, dict) and not is_unresolved(value):
        parts.append((False, "{"))
        for index, (key, item) in enumerate(value.items()):
            if index:
                parts.append((False, ","))
            if isinstance(key, str) and contains_token(key):
                parts.append((True, "${jsonencode(" + string_expression(key) + ")}"))
            else:
                parts.append((False, _dumps(key)))
            parts.append((False, ":"))
            _write(item, parts)
        parts.append((False, "}"))
        return
    if isinstance(value, (list, tuple)) and not is_unresolved(value):
        parts.append((False, "["))
        for index, item in enumerate(value):
            if index:
                parts.append((False, ","))
            _write(item, parts)
        parts.append((False, "]"))
        return
    if is_unresolved(value):
        parts.append((True, "${jsonencode(" + str(cdk.Token.as_string(value)) + ")}"))
        return
    parts.append((False, _dumps(value)))


def _is_single_token(text: str) -> bool:
    return TOKEN_MARKER.fullmatch(text) is not None


def string_expression(text: str) -> str:
    """An HCL expression for ``text``, a string of literal parts and string references, that
    cdktf resolves correctly inside a raw expression: the reference alone, or
    ``join("", [...])`` of HCL string literals and references."""
    if LIST_TOKEN_MARKER in text:
        raise JsonTextError(
            "holds a list reference inside a string; a list has no text form: give the list "
            "as the whole value, or pick an item with Fn.element(the_list, index)"
        )
    if _is_single_token(text):
        return text
    items: list[str] = []
    position = 0
    for match in TOKEN_MARKER.finditer(text):
        if match.start() > position:
            items.append(exact_string(text[position : match.start()], in_raw_expression=True))
        items.append(match.group())
        position = match.end()
    if position < len(text):
        items.append(exact_string(text[position:], in_raw_expression=True))
    return 'join("", [' + ", ".join(items) + "])"


# ---------------------------------------------------------------------------------------
# Is this reference a jsonencode(...) call?
# ---------------------------------------------------------------------------------------

_probe: Any = None
_jsonencode_cache: dict[str, bool] = {}


def is_jsonencode(token: str) -> bool:
    """True when the string token ``token`` stands for a ``jsonencode(...)`` call.

    The token only says which object it stands for; resolving it (one call into node, for
    references standing alone in JSON text only) shows the expression. Resolution here has no
    side effects (no cross-stack wiring): it happens in a private stack of its own tree.
    """
    if STRING_TOKEN_MARKER not in token:
        return False
    known = _jsonencode_cache.get(token)
    if known is not None:
        return known
    global _probe
    try:
        if _probe is None:
            _probe = cdk.TerraformStack(cdk.RootConstruct(""), "probe")
        resolved = cdk.Tokenization.resolve(
            token,
            scope=_probe,
            preparing=False,
            resolver=cdk.DefaultTokenResolver(cdk.StringConcat()),
        )
    except Exception:  # a reference that only resolves at synth: not a plain call
        resolved = None
    answer = isinstance(resolved, str) and resolved.startswith("${jsonencode(")
    _jsonencode_cache[token] = answer
    return answer


__all__ = ["JsonTextError", "compact_json", "has_reference", "is_jsonencode", "json_text",
           "string_expression"]
