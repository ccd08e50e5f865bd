"""The runtime's own elements (``TerraformVariable``, ``TerraformOutput``, ``TerraformLocal``),
checked in Python before their values reach node.

cdktf's element classes take any value and hand it to node as it is. Some values do not
survive the trip, and node gives no Python error for them:

- a float that is not finite (``nan``, ``inf``) is not JSON: the jsii kernel cannot read the
  request and dies, and every later call of the process fails with a broken pipe;
- an integer beyond 2**53 becomes a JavaScript double and is written with other digits
  (``2**60 + 1`` as ``1152921504606847000``), so Terraform gets another number;
- a map key ``__proto__`` is refused inside jsii with a JavaScript trace, a key ``//`` is
  dropped by cdktf as a comment, and the id ``__proto__`` collides with a JavaScript object's
  prototype ("There is already a Construct with name '__proto__'");
- a lone surrogate in a string is written as U+FFFD;
- a lone carriage return in an output's or a local's string makes Terraform read the JSON
  string literally (its ``${...}`` not evaluated), while the HCL form evaluates it: the value
  is written with ``${"\\r"}`` instead, as the L1 layer writes its strings, so both forms
  agree (a variable's default is no template and is kept as given).

``openai_constructs.cdk`` exports subclasses of the runtime's classes that check the value
(``default``, ``value``, ``expression``) and the id first, and raise one ``ValidationError``
(``ConstructIdError`` for the id) naming the element's path, the position in the value and the
rule; an id already used by a sibling is a ``ConstructIdError`` as for every construct of the
package, not a JavaScript error. The subclasses are the runtime's classes in every other way
(``isinstance`` with the runtime's class holds); an element created from ``cdktf`` directly is
not checked here (its integers beyond 2**53 are still refused at ``App.synth()``, see
``rewrites``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

from .._public import public
from ..errors import ConstructIdError, ValidationError
from .creation import _readable_jsii_errors, construct_path
from .hcl.attributes import expression_token
from .hcl.strings import exact_string
from .hcl.templates import exact_template
from .terraform_types import (
    COMMENT_KEY,
    MAX_EXACT_INTEGER,
    PROTO_KEY,
    describe,
    normalization_clash,
    text_problem,
)
from .tokens import is_unresolved


def value_problems(value: Any, where: str) -> Iterator[str]:
    """Why ``value`` (given at ``where``) would not reach the document as written."""
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, str):
        problem = text_problem(value)
        if problem is not None:
            yield f"{where}: {problem}; remove it or replace it with the character meant"
        return
    if isinstance(value, float):
        if not math.isfinite(value):  # before is_unresolved: -inf looks like a number token
            yield (f"{where}: {value!r} is not a JSON number (the runtime cannot carry it, "
                   "and Terraform has no such number); use a finite number or null")
        return  # a number token (a huge negative float) is a reference: passed through
    if isinstance(value, int):
        if not -MAX_EXACT_INTEGER <= value <= MAX_EXACT_INTEGER:
            yield (f"{where}: the integer {value} is beyond 2**53 and would lose digits on its "
                   "way through the JavaScript runtime; pass it as a string (Terraform "
                   "converts a numeric string to a number exactly), or a float if an "
                   "approximation is meant")
        return
    if is_unresolved(value):
        return
    if isinstance(value, Mapping):
        if not all(isinstance(k, str) and k.isascii() for k in value):
            clash = normalization_clash(value)
            if clash is not None:
                yield f"{where}: {clash}"
        for key, item in value.items():
            here = f"{where}[{key!r}]"
            if not isinstance(key, str):
                yield f"{where}: keys must be strings, got {describe(key)}"
                continue
            if key == PROTO_KEY:
                yield (f"{here}: the key '__proto__' cannot be carried by the JavaScript "
                       "runtime as data; use another key")
            elif key == COMMENT_KEY:
                yield (f"{here}: the key '//' is dropped by the runtime as a comment; use "
                       "another key")
            else:
                problem = text_problem(key)
                if problem is not None:
                    yield f"{here}: the key {problem}"
            yield from value_problems(item, here)
        return
    if isinstance(value, (list, tuple, set, frozenset)):
        for index, item in enumerate(value):
            yield from value_problems(item, f"{where}[{index}]")


def exact_values(value: Any) -> Any:
    """``value`` with every string made an exact template (``templates.exact_template``): a
    lone carriage return becomes ``${"\\r"}``, so Terraform evaluates the string's templates
    in the JSON form as it does in the HCL form (a JSON string with a raw lone CR is taken
    literally, ``${var.x}`` and all). Strings without one are the same objects."""
    if isinstance(value, str):
        return exact_template(value)
    if is_unresolved(value):
        return value
    if isinstance(value, Mapping):
        return {k: exact_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [exact_values(v) for v in value]
    if isinstance(value, tuple):
        return tuple(exact_values(v) for v in value)
    return value


def check_element(kind: str, scope: Any, id: Any, attribute: str, value: Any) -> None:
    """Raise for an id or a value node would refuse with a JavaScript error or alter."""
    if id == PROTO_KEY:
        raise ConstructIdError(
            f"{kind} {construct_path(scope, id)!r}: the id '__proto__' cannot be used (it names a "
            "JavaScript object's prototype, so node reports a collision with a construct that "
            "does not exist); choose another id"
        )
    problems = list(value_problems(value, attribute))
    if problems:
        raise ValidationError(f"{kind} {construct_path(scope, id)}", problems)


def _check_iterated(where: str, attribute: str, values: Any) -> None:
    problems = list(value_problems(values, attribute))
    if isinstance(values, (list, tuple)) and not is_unresolved(values) and not all(
            not isinstance(v, str) or v.isascii() for v in values):
        clash = normalization_clash(values)
        if clash is not None:  # for_each keys: one instance instead of two, silently
            problems.append(f"{attribute}: {clash.replace('has keys', 'has items', 1)}")
    if problems:
        raise ValidationError(where, problems)


_PLAIN_TEXT = re.compile(r'[^"\\%$\x00-\x1f\x7f]*')
"""Text cdktf's own quoting of a collection (``toset(["..."])``) writes exactly."""


def _literal(item: Any) -> bool:
    return (isinstance(item, (str, int, float)) and not isinstance(item, bool)
            and not is_unresolved(item)) or isinstance(item, bool)


def _hcl(item: Any) -> str:
    if isinstance(item, str):
        return exact_string(item)
    return json.dumps(item)


def exact_collection(where: str, attribute: str, values: Any) -> Any:
    """``values`` for ``TerraformIterator.from_list``/``from_map``, so that ``each.key`` and
    ``each.value`` are exactly what was written.

    cdktf writes the collection inside an expression (``${toset(["..."])}``) and escapes only
    ``${`` there: ``%{ if }`` would be evaluated, a quote or a backslash breaks the
    expression. A collection of literals with such text is written as an exact HCL
    expression instead (quoted by ``exact_string``); one that also holds references is refused.
    """
    if is_unresolved(values):
        return values
    if isinstance(values, Mapping):
        pairs = list(values.items())
        texts = [k for k, _ in pairs] + [v for _, v in pairs]
    elif isinstance(values, (list, tuple)):
        pairs = None
        texts = list(values)
    else:
        return values
    unplain = [t for t in texts if isinstance(t, str) and not is_unresolved(t)
               and not _PLAIN_TEXT.fullmatch(t)]
    if not unplain:
        return values
    if not all(_literal(t) for t in texts):
        raise ValidationError(where, [
            f"{attribute}: {unplain[0]!r} needs quoting that the runtime does not do (%{{, "
            "quotes, backslashes, control characters) in a collection that also holds "
            "references or nested values; pass such text in a variable, or iterate over "
            "literals only"])
    from .cdk import Token

    if pairs is None:
        return Token.as_list(expression_token("[" + ", ".join(_hcl(v) for v in texts) + "]"))
    body = ", ".join(f"{_hcl(k)} = {_hcl(v)}" for k, v in pairs)
    # the runtime writes a map token as it resolves, outside any expression: wrap it in one
    return Token.as_any_map(expression_token("${ {" + body + "} }"))


def checked_classes(module: Any) -> dict[str, type[Any]]:
    """Subclasses of ``module``'s (cdktf's or cdktn's) element classes that check first."""

    class TerraformVariable(module.TerraformVariable):  # type: ignore[misc]
        __doc__ = module.TerraformVariable.__doc__

        def __init__(self, scope: Any, id: str, **config: Any) -> None:
            check_element("TerraformVariable", scope, id, "default", config.get("default"))
            with _readable_jsii_errors(type(self), scope, id):
                super().__init__(scope, id, **config)

    class TerraformOutput(module.TerraformOutput):  # type: ignore[misc]
        __doc__ = module.TerraformOutput.__doc__

        def __init__(self, scope: Any, id: str, **config: Any) -> None:
            check_element("TerraformOutput", scope, id, "value", config.get("value"))
            if "value" in config:
                config["value"] = exact_values(config["value"])
            with _readable_jsii_errors(type(self), scope, id):
                super().__init__(scope, id, **config)

    class TerraformLocal(module.TerraformLocal):  # type: ignore[misc]
        __doc__ = module.TerraformLocal.__doc__

        def __init__(self, scope: Any, id: str, expression: Any) -> None:
            check_element("TerraformLocal", scope, id, "expression", expression)
            expression = exact_values(expression)
            with _readable_jsii_errors(type(self), scope, id):
                super().__init__(scope, id, expression)

    class TerraformIterator(module.TerraformIterator):  # type: ignore[misc]
        __doc__ = module.TerraformIterator.__doc__

        @classmethod
        def __subclasshook__(cls, other: type) -> Any:
            # the iterators from_list/from_map return are the runtime's own classes: they
            # are instances of this one too (isinstance works as with the runtime's class).
            # The MRO, not issubclass: the runtime's ABC would ask this hook again.
            if module.TerraformIterator in getattr(other, "__mro__", ()):
                return True
            return NotImplemented

        @staticmethod
        def from_list(list: Any) -> Any:
            where = "TerraformIterator.from_list"
            _check_iterated(where, "list", list)
            return module.TerraformIterator.from_list(exact_collection(where, "list", list))

        @staticmethod
        def from_map(map: Any) -> Any:
            where = "TerraformIterator.from_map"
            _check_iterated(where, "map", map)
            return module.TerraformIterator.from_map(exact_collection(where, "map", map))

    classes: dict[str, type[Any]] = {
        "TerraformVariable": TerraformVariable,
        "TerraformOutput": TerraformOutput,
        "TerraformLocal": TerraformLocal,
        "TerraformIterator": TerraformIterator,
    }
    for name, cls in classes.items():
        cls.__name__ = cls.__qualname__ = name
        public("openai_constructs.cdk")(cls)
    return classes


__all__ = ["check_element", "checked_classes", "value_problems"]


def document_text_problems(stack: str, document: Mapping[str, Any]) -> list[str]:
    """Lone surrogates anywhere in a synthesized document (a value the checks above never
    saw: an iterator's list, an ``Fn`` argument, a description). Node writes them as JSON
    escapes that Terraform reads as U+FFFD, and the HCL writer cannot encode them at all."""
    problems: list[str] = []

    def walk(value: Any, where: str) -> None:
        if isinstance(value, str):
            problem = text_problem(value)
            if problem is not None:
                problems.append(f"{where}: {problem}; remove it or replace it with the "
                                "character meant")
        elif isinstance(value, Mapping):
            for key, item in value.items():
                if key == COMMENT_KEY:
                    continue
                if isinstance(key, str) and text_problem(key) is not None:
                    problems.append(f"{where}: the key {key!a} {text_problem(key)}")
                walk(item, f"{where}.{key}" if where else str(key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{where}[{index}]")

    for section, entries in document.items():
        if section == COMMENT_KEY or not isinstance(entries, Mapping):
            continue
        before = len(problems)
        walk(entries, section)
        if len(problems) > before:
            problems[before:] = [f"stack {stack!r}: {p}" for p in problems[before:]]
    return problems


def check_document_text(documents: Mapping[str, Mapping[str, Any]]) -> None:
    """Raise one ``ValidationError`` for every lone surrogate in the app's documents."""
    problems = [p for stack, document in documents.items()
                for p in document_text_problems(stack, document)]
    if problems:
        raise ValidationError("the app", problems)
