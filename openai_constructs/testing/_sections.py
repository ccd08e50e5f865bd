"""The parts of a Terraform document that ``Template`` asserts on, and its failure reports
(private: ``template.py`` is the facade).

A Terraform block maps to an AWS CDK resource like this: the resource type is CloudFormation's
``Type``, the block's name its logical id, the whole body (meta-arguments ``count``,
``for_each``, ``depends_on``, ``provider``, ``lifecycle``, ``provisioner``, ``connection``
included) what ``has_resource`` matches, and the body without them what
``has_resource_properties`` matches (CloudFormation's ``Properties``).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from typing import Any

from openai_constructs.errors import TestingInputError
from openai_constructs.testing._match import Capture, Match, Matcher, MatchResult, shown
from openai_constructs.testing.planned import Sensitive

META_ARGUMENTS = frozenset(
    {"count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection"}
)
_CLOSEST = 3


def properties(body: Any) -> Any:
    """A resource or data body without its meta-arguments."""
    if not isinstance(body, Mapping):
        return body
    return {k: v for k, v in body.items() if k not in META_ARGUMENTS}


def top_matcher(pattern: Any, what: str) -> Matcher:
    """``pattern`` as the matcher of a whole block: a dict is matched object-like."""
    if isinstance(pattern, Matcher):
        return pattern
    if pattern is None:
        pattern = {}
    if not isinstance(pattern, Mapping):
        raise TestingInputError(
            f"{what}: expected a dict or a matcher, got {type(pattern).__name__} {pattern!r}"
        )
    return Match.object_like(pattern)


def check_count(count: Any, what: str) -> int:
    """A count must be a plain non-negative int (a matcher or a bool is refused)."""
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise TestingInputError(
            f"{what}: the count must be a non-negative int, got {type(count).__name__} "
            f"{count!r}" + ("; matchers match values, not counts" if isinstance(
                count, (Matcher, Capture)) else "")
        )
    return count


def check_type(schemas: Any, kind: str, type_name: Any, present: Mapping[str, Any]) -> None:
    """Refuse a type name that cannot be right: not a string, or absent from the document
    and unknown to a provider of the schema whose prefix it carries (a typo would make
    ``resource_count_is(type, 0)`` pass forever). Types of other providers are accepted."""
    if not isinstance(type_name, str) or not type_name:
        raise TestingInputError(
            f"expected a {kind} type name such as 'openai_beta_assistant', got {type_name!r}"
        )
    if type_name in present or schemas is None:
        return
    prefix = type_name.split("_", 1)[0]
    providers = {p.type_name for p in schemas.providers.values()}
    if prefix not in providers:
        return
    known = schemas.resource(type_name) if kind == "resource" else schemas.data_source(type_name)
    if known is not None:
        return
    names: list[str] = []
    for provider in schemas.providers.values():
        table = provider.resources if kind == "resource" else provider.data_sources
        names += list(table)
    close = difflib.get_close_matches(type_name, names, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise TestingInputError(
        f"unknown {'data source' if kind == 'data' else kind} type {type_name!r}: the "
        f"provider schema of {prefix!r} has no such type{hint}"
    )


def test_all(
    candidates: Mapping[str, Any], matcher: Matcher
) -> tuple[dict[str, Any], dict[str, MatchResult]]:
    """(matching candidates, failed results by name); captures of every match are kept."""
    matches: dict[str, Any] = {}
    failures: dict[str, MatchResult] = {}
    for name, body in candidates.items():
        result = matcher.test(body).finish()
        if result.ok:
            matches[name] = body
        else:
            failures[name] = result
    return matches, failures


def closest_report(failures: Mapping[str, MatchResult], label: str) -> str:
    """The closest candidate(s), each rendered with every difference marked where it is."""
    ranked = sorted(failures.items(), key=lambda item: (item[1].cost, item[0]))
    shown_ = ranked[:_CLOSEST]
    title = "The closest match:" if len(shown_) == 1 else f"The {len(shown_)} closest matches:"
    parts = [title]
    for name, result in shown_:
        parts.append(f"{label}{name} ({len(result.failures)} difference(s)):")
        parts += [f"  {line}" for line in result.lines()]
        parts.append(_indent(render_marked(result.target, result), "  "))
    return "\n".join(parts)


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def render_marked(value: Any, result: MatchResult) -> str:
    """``value`` as JSON with ``!! message`` after each place that differs."""
    marks: dict[tuple[str, ...], list[str]] = {}
    for failure in result.failures:
        marks.setdefault(failure.path, []).append(failure.message)
    lines: list[str] = []
    _render(value, (), marks, lines, 0, "")
    return "\n".join(lines)


def _render(
    value: Any,
    path: tuple[str, ...],
    marks: Mapping[tuple[str, ...], list[str]],
    lines: list[str],
    depth: int,
    lead: str,
) -> None:
    pad = "  " * depth
    notes = marks.get(path, [])
    missing = {p[-1]: m for p, m in marks.items() if len(p) == len(path) + 1
               and p[:-1] == path and isinstance(value, Mapping) and p[-1] not in value}
    if isinstance(value, Mapping) and value:
        lines.append(f"{pad}{lead}{{" + _notes(notes))
        for key, item in value.items():
            _render(item, (*path, str(key)), marks, lines, depth + 1, f"{json.dumps(key)}: ")
        for key, messages in missing.items():
            lines.append(f"{pad}  !! {key!r}: {'; '.join(messages)}")
        lines.append(f"{pad}}}")
    elif isinstance(value, list) and value:
        lines.append(f"{pad}{lead}[" + _notes(notes))
        for index, item in enumerate(value):
            _render(item, (*path, str(index)), marks, lines, depth + 1, "")
        lines.append(f"{pad}]")
    else:
        text = repr(value) if isinstance(value, Sensitive) else shown(value)
        lines.append(f"{pad}{lead}{text}" + _notes(notes))
        for key, messages in missing.items():
            lines.append(f"{pad}  !! {key!r}: {'; '.join(messages)}")


def _notes(messages: list[str]) -> str:
    return f"  !! {'; '.join(messages)}" if messages else ""
