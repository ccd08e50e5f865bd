"""Assertions on synthesized stacks that say exactly what differs.

They fix two holes of cdktf's Python ``Testing`` helpers: ``None`` in expected properties
means "this key must be absent" (cdktf treats it as "anything"), and every helper accepts
a stack, a JSON string or a dict, so no broken ``synth_scope`` is needed. Use ``ANY`` for
"present, with any value".
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openai_constructs.testing.document import Document, strip_comments, to_document
from openai_constructs.testing.schema import ProviderSchemas, load_schema
from openai_constructs.testing.schema_check import check_document


class _Any:
    """Matches any present, non-null value."""

    def __repr__(self) -> str:
        return "ANY"


ANY: Any = _Any()
_default_schema: str | Path | None = None
_runners: dict[tuple[str, str], Any] = {}
_runners_lock = threading.Lock()


def set_default_schema(schema: str | Path | None) -> None:
    """Schema file the helpers use when none is passed (the pytest option sets it)."""
    global _default_schema
    _default_schema = schema


def default_schema() -> ProviderSchemas:
    """The schema in force: the one set by ``set_default_schema``, else the package's."""
    return load_schema(_default_schema)


def _schemas(schema: str | Path | ProviderSchemas | None) -> ProviderSchemas:
    if isinstance(schema, ProviderSchemas):
        return schema
    return load_schema(schema if schema is not None else _default_schema)


def document(subject: Any) -> Document:
    """The synthesized Terraform JSON of ``subject`` without cdktf's ``//`` metadata."""
    result: Document = strip_comments(to_document(subject))
    return result


# -- matching ------------------------------------------------------------------------------


def mismatches(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Differences between expected properties and an actual value (empty: it matches).

    Mappings match as subsets, ``None`` requires absence (or JSON null), ``ANY`` requires
    presence, lists match element by element with equal length, scalars by value and type.
    """
    label = path or "value"
    if expected is ANY:
        return [] if actual is not None else [f"{label}: expected a value, found none"]
    if expected is None:
        return [] if actual is None else [f"{label}: expected to be absent, found {actual!r}"]
    if isinstance(expected, Mapping):
        if not isinstance(actual, Mapping):
            return [f"{label}: expected an object, found {actual!r}"]
        found: list[str] = []
        for key, sub in expected.items():
            found += mismatches(sub, actual.get(key), f"{path}.{key}" if path else str(key))
        return found
    if isinstance(expected, (list, tuple)):
        if not isinstance(actual, list):
            return [f"{label}: expected a list, found {actual!r}"]
        if len(expected) != len(actual):
            return [f"{label}: expected {len(expected)} item(s), found {len(actual)}: {actual!r}"]
        found = []
        for index, (sub, item) in enumerate(zip(expected, actual, strict=True)):
            found += mismatches(sub, item, f"{label}[{index}]")
        return found
    if actual is None:
        return [f"{label}: expected {expected!r}, found nothing"]
    if type(expected) is bool or type(actual) is bool:
        same = type(expected) is type(actual) and expected == actual
    else:
        same = expected == actual
    return [] if same else [f"{label}: expected {expected!r}, found {actual!r}"]


def _find(
    doc: Document, section: str, type_name: str, properties: Mapping[str, Any] | None, what: str
) -> str:
    named = doc.get(section, {}).get(type_name, {})
    if not named:
        present = sorted(doc.get(section, {}))
        raise AssertionError(
            f"no {what} of type {type_name!r} in the stack; "
            f"{what} types present: {', '.join(present) or 'none'}"
        )
    report: list[str] = []
    for name, body in named.items():
        problems = mismatches(properties or {}, body)
        if not problems:
            return str(name)
        report.append(f"  {type_name}.{name}:\n" + "\n".join(f"    {p}" for p in problems))
    raise AssertionError(
        f"no {what} of type {type_name!r} has the expected properties:\n" + "\n".join(report)
    )


def assert_has_resource(
    subject: Any, type_name: str, properties: Mapping[str, Any] | None = None
) -> str:
    """Assert a resource of ``type_name`` matches ``properties``; returns its logical name."""
    return _find(document(subject), "resource", type_name, properties, "resource")


def assert_has_data_source(
    subject: Any, type_name: str, properties: Mapping[str, Any] | None = None
) -> str:
    """Assert a data source of ``type_name`` matches ``properties``; returns its name."""
    return _find(document(subject), "data", type_name, properties, "data source")


def assert_no_resource(subject: Any, type_name: str) -> None:
    """Assert the stack declares no resource of ``type_name``."""
    named = document(subject).get("resource", {}).get(type_name, {})
    if named:
        raise AssertionError(
            f"expected no {type_name!r} resource, found: {', '.join(sorted(named))}"
        )


def assert_has_provider(
    subject: Any, type_name: str, properties: Mapping[str, Any] | None = None
) -> None:
    """Assert a configuration of provider ``type_name`` (e.g. ``openai``) matches."""
    configs = document(subject).get("provider", {}).get(type_name)
    if not configs:
        raise AssertionError(f"no configuration of provider {type_name!r} in the stack")
    report = []
    for index, body in enumerate(configs if isinstance(configs, list) else [configs]):
        problems = mismatches(properties or {}, body)
        if not problems:
            return
        lines = "\n".join(f"    {p}" for p in problems)
        report.append(f"  provider.{type_name}[{index}]:\n{lines}")
    raise AssertionError(
        f"no configuration of provider {type_name!r} has the expected properties:\n"
        + "\n".join(report)
    )


_UNSET: Any = object()


def assert_has_output(
    subject: Any,
    name: str,
    value: Any = _UNSET,
    *,
    sensitive: bool | None = None,
    description: str | None = None,
) -> None:
    """Assert an output exists, optionally with a value, sensitivity and description.

    Outputs are matched by their ``TerraformOutput`` id, which cdktf keeps as the name.
    """
    outputs = document(subject).get("output", {})
    if name not in outputs:
        raise AssertionError(
            f"no output {name!r}; outputs present: {', '.join(sorted(outputs)) or 'none'}"
        )
    entry = outputs[name]
    problems: list[str] = []
    if value is not _UNSET:
        problems += mismatches(value, entry.get("value"), "value")
    if sensitive is not None and bool(entry.get("sensitive", False)) is not sensitive:
        problems.append(f"sensitive: expected {sensitive}, found {entry.get('sensitive', False)}")
    if description is not None:
        problems += mismatches(description, entry.get("description"), "description")
    if problems:
        raise AssertionError(f"output {name!r} differs:\n" + "\n".join(f"  {p}" for p in problems))


def resource_counts(subject: Any, section: str = "resource") -> dict[str, int]:
    """How many ``resource`` (or ``data``) blocks of each type the stack declares."""
    counts: Counter[str] = Counter()
    for type_name, named in document(subject).get(section, {}).items():
        counts[type_name] += len(named)
    return dict(counts)


def assert_resource_counts(
    subject: Any, expected: Mapping[str, int], *, data_sources: bool = False, exact: bool = False
) -> None:
    """Assert counts per type; ``exact`` also forbids types not listed (a zero counts too)."""
    actual = resource_counts(subject, "data" if data_sources else "resource")
    keys = set(expected) | (set(actual) if exact else set())
    wrong = {k: (expected.get(k, 0), actual.get(k, 0)) for k in sorted(keys)}
    wrong = {k: v for k, v in wrong.items() if v[0] != v[1]}
    if wrong:
        lines = [f"  {k}: expected {e}, found {a}" for k, (e, a) in wrong.items()]
        kind = "data source" if data_sources else "resource"
        raise AssertionError(f"{kind} counts differ:\n" + "\n".join(lines))


# -- schema and Terraform ------------------------------------------------------------------


def assert_matches_schema(subject: Any, schema: str | Path | ProviderSchemas | None = None) -> None:
    """Pure-Python schema check (no Terraform): unknown keys at any depth, missing required
    attributes, read-only attributes set, wrong literal types."""
    problems = check_document(subject, _schemas(schema))
    if problems:
        raise AssertionError(
            f"{len(problems)} schema problem(s):\n" + "\n".join(f"  {p}" for p in problems)
        )


def terraform_runner(schema: str | Path | None = None) -> Any:
    """A shared TerraformRunner per schema file, so a session builds its mirror once."""
    from openai_constructs.testing.terraform.runner import TerraformRunner

    schemas = _schemas(schema)
    key = (str(schemas.path), schemas.digest)
    with _runners_lock:
        runner = _runners.get(key)
        if runner is None:
            runner = TerraformRunner(schemas.path)
            _runners[key] = runner
        return runner


def assert_valid_terraform(
    subject: Any,
    schema: str | Path | None = None,
    *,
    runner: Any = None,
    schema_check: bool = True,
) -> None:
    """Run real ``terraform validate`` through the stub provider, plus the schema check
    for what Terraform lets through (extra keys inside nested objects)."""
    doc = to_document(subject)
    active = runner if runner is not None else terraform_runner(schema)
    result = active.validate(doc)
    sections: list[str] = []
    if not result.ok:
        sections.append("terraform validate failed:\n" + _indent(result.report()))
    if schema_check:
        problems = check_document(doc, active.schemas)
        if problems:
            sections.append("schema check failed:\n" + "\n".join(f"  {p}" for p in problems))
    if sections:
        raise AssertionError("\n\n".join(sections))


def assert_plans(
    subject: Any,
    schema: str | Path | None = None,
    *,
    runner: Any = None,
    variables: Mapping[str, str] | None = None,
) -> Any:
    """Run real ``terraform plan`` (empty state, stub provider); returns the plan result
    (``changes``, ``summary``) for further assertions."""
    active = runner if runner is not None else terraform_runner(schema)
    result = active.plan(to_document(subject), variables=variables)
    if not result.ok:
        raise AssertionError("terraform plan failed:\n" + _indent(result.report()))
    return result


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" if line else line for line in text.splitlines())
