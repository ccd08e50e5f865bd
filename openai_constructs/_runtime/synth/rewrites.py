"""What the runtime changes in the values of its own elements, refused before anything is written.

cdktf's (and cdktn's) ``TerraformVariable`` and ``TerraformOutput`` take any value, and two
steps between Python and the document change it without a word:

- a variable's ``default`` goes through ``keysToSnakeCase`` with the rest of the block, so
  ``default={"userName": "a"}`` is written ``{"user_name": "a"}`` (and ``"my-key"`` as
  ``"my_key"``; only keys named ``tags`` or ``environment`` keep what is under them);
- ``None`` inside a list is dropped when the value is resolved, so ``value=["a", None, "b"]``
  is written ``["a", "b"]``;
- an integer beyond 2**53 becomes a JavaScript double, so ``2**60 + 1`` is written
  ``1152921504606847000`` (``openai_constructs.cdk``'s element classes refuse it earlier,
  at construction; this catches the runtime's own classes used directly).

Terraform would then get a different value from the one written, so ``App.synth()`` compares
each such element's value (as the runtime holds it) with the document and refuses the
difference with a ``ValidationError`` naming the element, the position and the way to keep the
value exact. The comparison is structural: strings are not compared (references resolve to
``${...}`` text) and token values are skipped (they resolve to whatever they stand for).
A ``None`` *value in a dict* is dropped earlier still, by jsii, when the dict is handed to the
runtime, and a ``TerraformLocal``'s value comes back from node as an opaque object, so no
check can see those (docs/safety.md, "Limits").
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from typing import Any

from ...errors import ValidationError
from .. import batch, cdk, names
from ..terraform_types import MAX_EXACT_INTEGER
from ..tokens import is_unresolved

_KEPT = frozenset({"tags", "environment"})  # keysToSnakeCase copies what is under these


def snake_case(key: str) -> str:
    """The runtime's ``snakeCase``: what a key of a variable's default is written as."""
    text = re.sub(r"^[^A-Za-z0-9]*|[^A-Za-z0-9]*$", "", key)
    text = re.sub(r"([a-z0-9])([A-Z])", lambda m: m.group(1) + "_" + m.group(2).lower(), text)
    return re.sub(r"[^A-Za-z0-9]+|_+", "_", text).lower()


def _differences(written: Any, synthesized: Any, where: str, snake: bool) -> Iterator[str]:
    if (isinstance(synthesized, int) and not isinstance(synthesized, bool)
            and abs(synthesized) > MAX_EXACT_INTEGER):
        yield (f"{where}: an integer beyond 2**53 was written as {synthesized} (the JavaScript "
               "runtime holds numbers as doubles, so the digits are not the ones given); pass "
               "it as a string, or a float if an approximation is meant")
        return
    if written is None or isinstance(written, (str, bool, int, float)) or is_unresolved(written):
        return
    if isinstance(written, Mapping) and isinstance(synthesized, Mapping):
        for key, value in written.items():
            here = f"{where}[{key!r}]"
            if key in synthesized:
                yield from _differences(value, synthesized[key], here,
                                        snake and key not in _KEPT)
            elif snake and snake_case(str(key)) in synthesized:
                yield (f"{here}: the runtime writes this key as {snake_case(str(key))!r} (it "
                       "turns the keys of a variable's default into snake_case), so Terraform "
                       "would not get the value you wrote; pass default=Token.as_any(value) to "
                       "keep every key as written")
    elif isinstance(written, (list, tuple)) and isinstance(synthesized, list):
        if len(written) != len(synthesized):
            holes = [i for i, item in enumerate(written) if item is None]
            if holes:
                yield (f"{where}[{holes[0]}]: None inside a list is dropped when the runtime "
                       f"resolves the value (Terraform would get {len(synthesized)} items, not "
                       f"{len(written)}); leave the item out, or write the list as an "
                       "expression: Fn.jsondecode(Fn.raw_string(json.dumps(value))) keeps null "
                       "items")
            return
        for index, (item, got) in enumerate(zip(written, synthesized, strict=True)):
            yield from _differences(item, got, f"{where}[{index}]", snake)


def check_documents(app: Any, documents: Mapping[str, Mapping[str, Any]]) -> None:
    """Refuse a variable default or an output value whose synthesized value differs in shape
    from what was written (see the module docstring). Costs nothing for an app with no
    variables or outputs."""
    if not any(section in document for document in documents.values()
               for section in ("variable", "output")):
        return
    runtime = sys.modules[cdk.runtime_name()]
    checked = ((runtime.TerraformVariable, "variable", "default", True),
               (runtime.TerraformOutput, "output", "value", False))
    found = [(construct, kind) for construct in names.find_all(app)
             if (kind := next((c for c in checked if isinstance(construct, c[0])), None))]
    # Node is asked in bulk (batch.py): the names of all of them in one request, then the
    # written values of those the documents hold, one request per attribute.
    compared: dict[str, list[tuple[Any, str, Any, bool]]] = {"default": [], "value": []}
    for (construct, kind), (path, name, stack) in zip(
        found, batch.element_names([c for c, _ in found]), strict=True
    ):
        _cls, section, attribute, snake = kind
        entries = documents.get(stack, {}).get(section)
        if not isinstance(entries, Mapping) or name not in entries:
            continue
        synthesized = entries[name]
        if not isinstance(synthesized, Mapping) or attribute not in synthesized:
            continue
        compared[attribute].append((construct, path, synthesized[attribute], snake))
    problems: list[tuple[int, ValidationError]] = []  # by position in the tree
    order = {id(construct): i for i, (construct, _) in enumerate(found)}
    for attribute, items in compared.items():
        written = batch.values([construct for construct, *_ in items], attribute)
        for (construct, path, synthesized, snake), value in zip(items, written, strict=True):
            found_here = list(_differences(value, synthesized, attribute, snake))
            if found_here:
                problems.append((order[id(construct)], ValidationError(
                    f"{type(construct).__name__} {path}", found_here)))
    errors = [error for _, error in sorted(problems, key=lambda p: p[0])]
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ValidationError("the app", [str(e) for e in errors])


__all__ = ["check_documents", "snake_case"]
