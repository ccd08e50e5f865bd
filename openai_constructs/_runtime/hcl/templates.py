"""Terraform templates: escaping literal text, and finding the sequences in a template.

Terraform evaluates every string of a ``.tf.json`` file (map keys included) as a template:
``${...}`` interpolates and ``%{...}`` is a directive. Text meant for the API is escaped so
that Terraform's evaluation gives it back exactly. Three facts about Terraform 1.x decide the
form of the escapes (each checked by ``tests/hostile``):

* the template escapes ``$${`` and ``%%{`` cost Terraform time quadratic in the number of
  them in one string (a 40,000-character prompt dense with them plans 5x slower than the same
  length of plain text, 100,000 characters do not finish in minutes), while interpolating a
  quoted string literal, ``${"$"}``, costs the same per occurrence however many there are;
* after a carriage return that is not followed by a line feed, Terraform stops recognising
  interpolations in a template (``"a\\r${var.x}"`` arrives as the literal ``${var.x}``),
  while an interpolated ``${"\\r"}`` does not disturb it;
* a byte order mark (U+FEFF) at the very start of a template is dropped.

So every run of ``$`` or ``%`` before ``{`` (or a run of ``$`` right before a reference),
every lone carriage return and a leading byte order mark are written as interpolated string
literals: ``${"$"}{x}``, ``${"%%"}{``, ``${"\\r"}``, ``${"\\uFEFF"}``. Everything else is
copied as it is. cdktf copies such sequences unchanged and still resolves references next to
them (it would read a bare ``${`` in a string with tokens as a raw expression).
"""

from __future__ import annotations

import re

from ..._public import public
from ...errors import AttributeTypeError

# cdktf's marker for a string token; the id is ``TOKEN.<n>`` today, kept permissive here.
TOKEN_MARKER = re.compile(r"\$\{TfToken\[[^\]\s]+\]\}")
# What needs escaping in literal text: a run of ``$``/``%`` before ``{``, a lone CR.
_SPECIAL = re.compile(r"\$+(?=\{)|%+(?=\{)|\r(?!\n)")
_TRAILING_DOLLARS = re.compile(r"\$+\Z")
_BOM = "\ufeff"


class TerraformTemplate(str):
    """Text that already is a Terraform template (escaped literal parts, expressions).

    The L2 boundary escaping leaves it alone; JSON text with references inside is one.
    """

    __slots__ = ()


def _interpolated(text: str) -> str:
    if text == "\r":
        return '${"\\r"}'
    return '${"' + text + '"}'


def _escape_match(match: re.Match[str]) -> str:
    return _interpolated(match.group())


@public("openai_constructs")
def literal_text(text: str) -> str:
    """Escape Terraform template syntax so ``text`` reaches the API exactly as written.

    Runs of ``$`` or ``%`` before ``{`` become interpolated string literals (``${x}`` is
    written ``${"$"}{x}``, ``%%{`` is written ``${"%%"}{``), as does a run of ``$`` right
    before a cdktf token and every carriage return not followed by a line feed; a leading
    byte order mark becomes ``${"\\uFEFF"}``. Token markers (``${TfToken[TOKEN.n]}``) are kept
    so cdktf still resolves the references. Linear in the length of ``text``, for Python and
    for Terraform.

    Not idempotent: escaping twice sends the escapes themselves. Apply it once, to raw text
    written as an attribute value; the L2 constructs do it for every text they take.
    """
    if not isinstance(text, str):
        raise AttributeTypeError(f"literal_text expects a str, got {type(text).__name__}")
    if isinstance(text, TerraformTemplate):
        text = str(text)  # escaping a template is asking for its source text literally
    lead = ""
    if text.startswith(_BOM):
        lead, text = '${"\\uFEFF"}', text[1:]
    if "{" not in text and "\r" not in text:
        return lead + text
    if "${TfToken[" not in text:
        return lead + _SPECIAL.sub(_escape_match, text)
    out: list[str] = [lead]
    position = 0
    for match in TOKEN_MARKER.finditer(text):
        part = _SPECIAL.sub(_escape_match, text[position : match.start()])
        dollars = _TRAILING_DOLLARS.search(part)
        if dollars:  # "$" right before a token would make its "${" an escape
            part = part[: dollars.start()] + _interpolated(dollars.group())
        out.append(part)
        out.append(match.group())
        position = match.end()
    out.append(_SPECIAL.sub(_escape_match, text[position:]))
    return "".join(out)


# ---------------------------------------------------------------------------------------
# Reading templates
# ---------------------------------------------------------------------------------------

_OPENER = re.compile(r"(\$\$|%%)\{|[$%]\{")
_IN_EXPRESSION = re.compile(r'["{}]')
_IN_STRING = re.compile(r'[\\"$%]')


def sequences(text: str) -> tuple[list[tuple[int, int]], int | None]:
    """The template sequences of ``text`` as ``(start, end)`` spans, in order, and the start
    of the first sequence that never closes (``None`` when all close).

    A sequence starts at ``${`` or ``%{`` (not at the escapes ``$${``/``%%{``) and ends at
    the ``}`` matching it, counting braces and skipping quoted strings (whose own ``${...}``
    nest). Terraform rejects a template with an unclosed sequence, so the scan stops there.
    Every character is looked at a bounded number of times: linear in ``len(text)``.
    """
    spans: list[tuple[int, int]] = []
    position = 0
    while True:
        found = _OPENER.search(text, position)
        if found is None:
            return spans, None
        if found.group(1):  # $${ or %%{: an escape, literal text
            position = found.end()
            continue
        end = sequence_end(text, found.end())
        if end is None:
            return spans, found.start()
        spans.append((found.start(), end))
        position = end


def sequence_end(text: str, i: int) -> int | None:
    """Index just past the ``}`` closing a sequence whose body starts at ``i``, or ``None``.

    Iterative (a stack of contexts), so deeply nested input cannot exhaust Python's stack.
    """
    stack = [False]  # True: inside a quoted string; False: inside an expression
    n = len(text)
    while i < n:
        if stack[-1]:
            found = _IN_STRING.search(text, i)
            if found is None:
                return None
            i = found.start()
            c = text[i]
            if c == "\\":
                i += 2
                continue
            if c == '"':
                stack.pop()
                i += 1
                continue
            if text.startswith(c + "{", i + 1):  # $${ / %%{ inside a string: literal
                i += 3
                continue
            if text.startswith("{", i + 1):  # a nested ${...} or %{...}
                stack.append(False)
                i += 2
                continue
            i += 1
            continue
        found = _IN_EXPRESSION.search(text, i)
        if found is None:
            return None
        i = found.start()
        c = text[i]
        if c == '"':
            stack.append(True)
        elif c == "{":
            stack.append(False)
        else:
            stack.pop()
            if not stack:
                return i + 1
        i += 1
    return None


def exact_template(text: str) -> str:
    """``text`` (a template written at L1) with the two things Terraform alters in the JSON
    form made explicit: lone carriage returns and a leading byte order mark in literal parts
    become ``${"\\r"}`` and ``${"\\uFEFF"}``. Sequences are kept; the HCL form renders the
    result to the same value. ``text`` without either comes back as the same object.
    """
    if "\r" not in text and not text.startswith(_BOM):
        return text
    spans, unclosed = sequences(text)
    out: list[str] = []
    position = 0
    limit = len(text) if unclosed is None else unclosed
    if text.startswith(_BOM):
        out.append('${"\\uFEFF"}')
        position = 1
    for start, end in [*spans, (limit, limit)]:
        out.append(_LONE_CR.sub('${"\\\\r"}', text[position:start]))
        out.append(text[start:end])
        position = end
    out.append(text[position:])
    return "".join(out)


_LONE_CR = re.compile(r"\r(?!\n)")
