"""Quoted strings of Terraform's native syntax (HCL): the one home of HCL string escaping.

Two questions, two functions:

* :func:`quote`: ``text`` is a Terraform *template* (as every string of the JSON form is),
  and the quoted HCL string must be the same template: ``${...}`` and ``%{...}`` sequences are
  kept, only the literal text between them is escaped;
* :func:`exact_string`: ``text`` is plain text, and the quoted HCL string must evaluate to
  exactly ``text``: nothing in it is interpolated. Used for a variable's default
  (``hcl.stack``), an expression written for the runtime (``elements``, ``_iteration``) and,
  with ``in_raw_expression=True``, the string literals of an expression that cdktf itself
  still reads (``hcl.json_text``, ``_boundary``).

Not here, by design: ``templates.literal_text`` escapes text *inside* a Terraform template
of the JSON form (``${"$"}{`` interpolated literals, which Terraform evaluates in linear
time), not a quoted HCL string; its output is still a template, to be quoted by ``quote``.

Both escape with HCL's quoted-string escapes only (``\\\\``, ``\\"``, ``\\n``, ``\\r``,
``\\t``, ``\\uNNNN``; JSON's ``\\b`` and ``\\f`` are not HCL), and both are linear in the
length of the text.
"""

from __future__ import annotations

import re

from ..tokens import LIST_TOKEN_MARKER
from .templates import sequences

_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    # Only inside a raw expression (``in_raw_expression``): cdktf reads everything between a
    # ``${`` and the next ``}`` of a string as an expression, and writes references there
    # without their own ``${ }``, so these never appear as themselves.
    "{": "\\u007b",
    "}": "\\u007d",
    "$": "\\u0024",
    "%": "\\u0025",
}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_NEEDS_ESCAPE_RAW = re.compile(r'[\\"{}$%\x00-\x1f\x7f]')
_UNCLOSED = re.compile(r"([$%])\{")


def _escape(match: re.Match[str]) -> str:
    c = match.group()
    escaped = _ESCAPES.get(c)
    return escaped if escaped is not None else f"\\u{ord(c):04x}"


def _literal(text: str) -> str:
    """Literal template text with HCL's quoted-string escapes (sequences kept elsewhere)."""
    return _NEEDS_ESCAPE.sub(_escape, text)


def quote(text: str) -> str:
    """``text`` (a Terraform template, as in the JSON form) as a quoted HCL template.

    Interpolations and directives are kept as they are; the literal text between them gets
    HCL's backslash escapes, so quotes, backslashes, newlines and control characters survive.
    A ``${`` or ``%{`` that never closes cannot be a template sequence (Terraform rejects the
    JSON form), so from there on the text is written as literal text. Linear in the length.
    """
    if LIST_TOKEN_MARKER in text:
        raise ValueError("a list reference cannot be embedded in a string")
    if "{" not in text:
        return '"' + _literal(text) + '"'
    spans, unclosed = sequences(text)
    out: list[str] = []
    position = 0
    for start, end in spans:
        out.append(_literal(text[position:start]))
        out.append(text[start:end])
        position = end
    if unclosed is None:
        out.append(_literal(text[position:]))
    else:
        out.append(_literal(text[position:unclosed]))
        out.append(_UNCLOSED.sub(r"\1\1{", _literal(text[unclosed:])))
    return '"' + "".join(out) + '"'


def exact_string(text: str, *, in_raw_expression: bool = False) -> str:
    """``text`` as a quoted HCL string that Terraform reads back exactly, nothing evaluated.

    ``${`` and ``%{`` are written as the template escapes ``$${`` and ``%%{``. With
    ``in_raw_expression``, for a string literal inside an expression that cdktf still
    resolves (``${join("", ["a", <reference>])}``), the string holds no ``{``, ``}``, ``$`` or
    ``%`` at all: each is a ``\\u`` escape, which Terraform reads back the same.
    """
    if in_raw_expression:
        return '"' + _NEEDS_ESCAPE_RAW.sub(_escape, text) + '"'
    escaped = _literal(text)
    if "{" in escaped:
        escaped = escaped.replace("${", "$${").replace("%{", "%%{")
    return '"' + escaped + '"'


__all__ = ["exact_string", "quote"]
