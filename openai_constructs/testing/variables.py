"""Root variable values for an offline plan, passed the way Terraform reads them exactly.

A string goes in as ``-var NAME=VALUE`` gives it (Terraform converts it to the variable's
type with its own rules); any other value as JSON in a ``.tfvars.json`` file. Two things a
command line cannot carry are handled here, before Terraform runs:

* a NUL character: the operating system ends the argument there, so ``"a\\x00b"`` would be
  planned as ``"a"``. For a variable of type ``string`` (or without a type) the JSON file
  gives exactly the same value, so it goes there; for another type it is refused;
* a lone surrogate (``"\\ud800"``): no UTF-8 text, and so no Terraform string, can hold
  one; refused wherever it is, keys included.

Refusals are a :class:`VariableValueError` naming the variable and the path in its value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from openai_constructs.testing.data_sources import text_problem

__all__ = ["VariableValueError", "split_variables"]


class VariableValueError(ValueError):
    """A root variable value that Terraform cannot be given exactly (``assert_plans`` and
    ``TerraformRunner.plan``'s ``variables=``)."""


def split_variables(doc: Mapping[str, Any], variables: Mapping[str, Any] | None
                    ) -> tuple[list[str], dict[str, Any]]:
    """(``-var`` arguments, values for the JSON variables file); refuses what neither can
    carry exactly."""
    if variables is None:
        return [], {}
    if not isinstance(variables, Mapping):
        raise VariableValueError(
            f"variables: expected a mapping of variable names to values, got "
            f"{type(variables).__name__}")
    declared = doc.get("variable") if isinstance(doc.get("variable"), Mapping) else {}
    problems: list[str] = []
    arguments: list[str] = []
    typed: dict[str, Any] = {}
    for key, value in sorted(variables.items(), key=lambda item: str(item[0])):
        found = list(_text_problems(value, f"variables[{key!r}]"))
        if not isinstance(key, str) or text_problem(key) is not None or "=" in key:
            found.insert(0, f"variables[{key!r}]: not a Terraform variable name")
        if found:
            problems.extend(found)
            continue
        if not isinstance(value, str):
            typed[key] = value
        elif "\x00" not in value:
            arguments.append(f"-var={key}={value}")
        elif _type_of(declared, key) in (None, "string"):
            typed[key] = value  # the same string, through the file
        else:
            problems.append(
                f"variables[{key!r}]: holds a NUL character, which a -var argument cannot "
                f"carry (the operating system ends it there), and the variable's type "
                f"{_type_of(declared, key)!r} is not string; give the value as its type "
                "(a number, list, map ...) instead of text")
    if problems:
        raise VariableValueError(
            f"{len(problems)} problem(s) in the variables:\n"
            + "\n".join(f"  {p}" for p in problems))
    return arguments, typed


def _type_of(declared: Any, key: str) -> Any:
    body = declared.get(key) if isinstance(declared, Mapping) else None
    kind = body.get("type") if isinstance(body, Mapping) else None
    return None if kind in (None, "any") else kind


def _text_problems(value: Any, path: str) -> Iterator[str]:
    problem = text_problem(value)
    if problem is not None:
        yield f"{path}: {problem}"
    elif isinstance(value, Mapping):
        for key, item in value.items():
            key_problem = text_problem(key)
            if key_problem is not None:
                yield f"{path}[{key!r}]: the key {key_problem}"
            yield from _text_problems(item, f"{path}[{key!r}]")
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _text_problems(item, f"{path}[{index}]")
