"""Assertions on synthesized stacks that say exactly what differs.

They fix two holes of cdktf's Python ``Testing`` helpers: ``None`` in expected properties
means "this key must be absent" (cdktf treats it as "anything"), and every helper accepts
a stack, a JSON string or a dict, so no broken ``synth_scope`` is needed. Use ``ANY`` for
"present, with any value" and ``UNKNOWN`` for "known only after apply" (planned values).

No message shows a sensitive value: values of attributes the provider schema marks
sensitive (and of sensitive outputs) appear as their type and length, whatever the
assertion. Whole-string references (``${var.key}``) hold no secret and are shown.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openai_constructs.testing._match import ANY as ANY  # the short forms' "present"
from openai_constructs.testing.data_sources import describe_secret
from openai_constructs.testing.document import (
    Document,
    is_pure_reference,
    strip_comments,
    to_document,
)
from openai_constructs.testing.planned import UNKNOWN, Sensitive
from openai_constructs.testing.schema import (
    Block,
    NestedType,
    ProviderSchemas,
    block_for,
    default_schema_path,
    load_schema,
    schemas_or_none,
)
from openai_constructs.testing.schema import default_schema as default_schema
from openai_constructs.testing.schema import set_default_schema as set_default_schema
from openai_constructs.testing.schema_check import check_document

_runners: dict[tuple[str, str], Any] = {}
_runners_lock = threading.Lock()


def _schemas(schema: str | Path | ProviderSchemas | None) -> ProviderSchemas:
    if isinstance(schema, ProviderSchemas):
        return schema
    return load_schema(schema if schema is not None else default_schema_path())


def document(subject: Any) -> Document:
    """The synthesized Terraform JSON of ``subject`` without cdktf's ``//`` metadata."""
    result: Document = strip_comments(to_document(subject))
    return result


# -- matching ------------------------------------------------------------------------------


def mismatches(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Differences between expected properties and an actual value (empty: it matches).

    Mappings match as subsets, ``None`` requires absence (or JSON null), ``ANY`` requires
    presence, ``UNKNOWN`` a value known only after apply, lists match element by element
    with equal length, scalars by value and type. A :class:`Sensitive` actual value is
    compared by what it holds and shown, like the expected value there, by type and length.
    """
    label = path or "value"
    from openai_constructs.testing._match import Matcher

    if isinstance(expected, Matcher):  # Match.* and Capture work in the short forms too
        result = expected.test(actual).finish()
        return [f"{label}{'/' + '/'.join(f.path) if f.path else ''}: {f.message}"
                for f in result.failures]
    if isinstance(actual, Sensitive):
        if isinstance(expected, Sensitive):
            expected = expected.reveal()
        if expected is ANY:
            return []
        if mismatches(expected, actual.reveal(), path):
            return [f"{label}: expected {_shown(expected, True)}, found {actual!r}"]
        return []
    if expected is UNKNOWN:
        return (
            []
            if actual is UNKNOWN
            else [f"{label}: expected (known after apply), found {actual!r}"]
        )
    if expected is ANY:
        return [] if actual is not None else [f"{label}: expected a value, found none"]
    if actual is UNKNOWN:
        return [f"{label}: expected {expected!r}, found (known after apply)"]
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


def _shown(value: Any, sensitive: bool) -> str:
    if sensitive and value is not None and value is not ANY and value is not UNKNOWN:
        if is_pure_reference(value):
            return repr(value)
        return describe_secret(value)
    return repr(value)


def guard_sensitive(schemas: ProviderSchemas | None, kind: str, type_name: str, body: Any) -> Any:
    """``body`` with the value of every sensitive attribute wrapped in :class:`Sensitive`.

    (A wrapped whole-string reference still shows itself: it holds no secret.)
    """
    block = block_for(schemas, kind, type_name) if schemas is not None else None
    if block is None or not isinstance(body, Mapping):
        return body
    return _guard_block(block, body)


def _guard_block(block: Block | NestedType, body: Mapping[str, Any]) -> dict[str, Any]:
    result = dict(body)
    for name, attribute in block.attributes.items():
        if name not in result:
            continue
        value = result[name]
        if attribute.sensitive:
            if value is not None:
                result[name] = Sensitive(value, configuration=True)
        elif attribute.nested is not None:
            result[name] = _guard_nested(attribute.nested.nesting_mode, attribute.nested, value)
    for name, block_type in block.block_types.items():
        if name in result:
            result[name] = _guard_nested(block_type.nesting_mode, block_type.block, result[name])
    return result


def _guard_nested(mode: str, inner: Block | NestedType, value: Any) -> Any:
    if isinstance(value, Mapping) and mode in ("single", "group"):
        return _guard_block(inner, value)
    if isinstance(value, Mapping) and mode == "map":
        return {
            k: _guard_block(inner, v) if isinstance(v, Mapping) else v for k, v in value.items()
        }
    if isinstance(value, list):
        return [_guard_block(inner, v) if isinstance(v, Mapping) else v for v in value]
    return value


def _find(
    doc: Document, section: str, type_name: str, properties: Mapping[str, Any] | None, what: str
) -> str:
    schemas = schemas_or_none()
    named = doc.get(section, {}).get(type_name, {})
    if not named:
        present = sorted(doc.get(section, {}))
        raise AssertionError(
            f"no {what} of type {type_name!r} in the stack; "
            f"{what} types present: {', '.join(present) or 'none'}"
        )
    report: list[str] = []
    kind = "resource" if section == "resource" else "data"
    for name, body in named.items():
        problems = mismatches(properties or {}, guard_sensitive(schemas, kind, type_name, body))
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
    schemas = schemas_or_none()
    report = []
    for index, body in enumerate(configs if isinstance(configs, list) else [configs]):
        problems = mismatches(
            properties or {}, guard_sensitive(schemas, "provider", type_name, body)
        )
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
        found = entry.get("value")
        if entry.get("sensitive") is True and found is not None:
            found = Sensitive(found, configuration=True)
        problems += mismatches(value, found, "value")
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
    """A shared TerraformRunner per schema file, so a session starts its stub provider and
    Terraform worker once."""
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
    from openai_constructs.testing.terraform._workdir import prepared

    doc = to_document(subject)
    active = runner if runner is not None else terraform_runner(schema)
    problems: list[Any] = []
    failure: list[BaseException] = []

    def check() -> None:
        try:
            problems.extend(check_document(doc, active.schemas))
        except BaseException as exc:  # re-raised below, in the caller's thread
            failure.append(exc)

    checker = None
    if schema_check:
        # The pure-Python check runs while Terraform works in its own process.
        checker = threading.Thread(target=check, daemon=True)
        checker.start()
    try:
        direct = getattr(active, "_validate_document", None)
        if direct is None:
            result = active.validate(subject)
        else:  # HCL as written, the assets beside it
            with prepared(subject, doc) as inputs:
                result = direct(doc, native=inputs.native, links=inputs.links)
    finally:
        if checker is not None:
            checker.join()
    if failure:
        raise failure[0]
    sections: list[str] = []
    if not result.ok:
        sections.append("terraform validate failed:\n" + _indent(result.report()))
    if problems:
        sections.append("schema check failed:\n" + "\n".join(f"  {p}" for p in problems))
    if sections:
        raise AssertionError("\n\n".join(sections))


def assert_plans(
    subject: Any,
    schema: str | Path | None = None,
    *,
    runner: Any = None,
    variables: Mapping[str, Any] | None = None,
    data: Mapping[str, Mapping[str, Any]] | None = None,
    stacks: Any = None,
    remote_state: Mapping[str, Mapping[str, Any]] | None = None,
    state: str | Path | Mapping[str, Any] | None = None,
    refresh: bool = True,
) -> Any:
    """Run real ``terraform plan`` (empty state, stub provider); returns the plan result.

    ``state``: plan against this Terraform state instead (version 4, a ``.tfstate`` path or
    its dict, as ``terraform state pull`` writes it); ``refresh=False``: with
    ``-refresh=false`` (see ``TerraformRunner.plan``).

    ``variables``: values of root variables (strings as ``-var`` gives them; numbers,
    bools, lists and maps as they are). ``data``: what data sources read back, by address
    (``{"data.openai_beta_assistants.existing": {"items": [...]}}``), checked against the
    data source's schema; without it they read schema-shaped samples. The result has
    ``changes`` and ``summary``, and the planned values: ``resource(address).values``,
    ``output(name)``.

    ``subject`` may be a whole ``App``: every stack (or those named in ``stacks``) is planned
    in dependency order, cross-stack references read from the producers' planned outputs or
    from ``remote_state={"stack": {output: value}}`` for stacks not planned; ``variables``
    and ``data`` are then given per stack name. Returns an ``AppPlan`` (results by stack
    name); the first stack that fails to plan fails the assertion, naming the stack. A
    single stack that reads remote state takes ``remote_state=`` the same way.
    """
    active = runner if runner is not None else terraform_runner(schema)
    from openai_constructs.errors import TestingInputError
    from openai_constructs.testing.terraform.app_plan import is_app, plan_app

    extra: dict[str, Any] = {}
    if state is not None:
        extra["state"] = state
    if not refresh:
        extra["refresh"] = False
    if extra and (is_app(subject) or remote_state is not None):
        raise TestingInputError(
            "assert_plans: state= and refresh= plan one stack against its state; plan each "
            "stack of the App (or the stack without remote_state=) with its own state"
        )
    if is_app(subject):
        plans = plan_app(
            subject, active, stacks=stacks, variables=variables, data=data,
            remote_state=remote_state,
        )
        for name in plans.order:
            if not plans[name].ok:
                raise AssertionError(
                    f"terraform plan of stack {name!r} failed:\n" + _indent(plans[name].report())
                )
        return plans
    if stacks is not None:
        raise TestingInputError(
            f"assert_plans: stacks= applies to a whole App; got {type(subject).__name__}"
        )
    # a non-mapping data= is the runner's DataFixtureError (its message says what is expected)
    remote = [k for k in (data if isinstance(data, Mapping) else ())
              if str(k).startswith("data.terraform_remote_state.")]
    if remote:
        raise TestingInputError(
            f"assert_plans: {', '.join(map(repr, remote))} is a remote state: give its outputs "
            f"as remote_state={{{remote[0]!r}: {{...}}}} (or the producing stack's name for "
            "a cross-stack reference), not as a data= fixture"
        )
    if remote_state is not None:
        from openai_constructs.testing.terraform.app_plan import plan_stack

        result = plan_stack(subject, active, remote_state, variables, data)
    elif (direct := getattr(active, "_plan_subject", None)) is not None:
        result = direct(subject, variables, data, **extra)
    else:
        result = active.plan(subject, variables=variables, data=data, **extra)
    if not result.ok:
        raise AssertionError("terraform plan failed:\n" + _indent(result.report()))
    return result


def assert_planned(
    subject: Any,
    address: str,
    expected: Any,
    *,
    variables: Mapping[str, Any] | None = None,
    data: Mapping[str, Mapping[str, Any]] | None = None,
    schema: str | Path | None = None,
    runner: Any = None,
    state: str | Path | Mapping[str, Any] | None = None,
    refresh: bool = True,
) -> Any:
    """Plan ``subject`` and assert the planned values at ``address`` match ``expected``.

    ``state``/``refresh``: as for ``assert_plans`` (plan against the state you have).

    ``address``: a resource instance (``openai_beta_assistant.support``,
    ``openai_beta_thread.t[0]``, ``data.openai_beta_assistants.existing``) whose planned
    values must match the mapping ``expected``, or ``output.NAME`` whose planned value
    must match ``expected``. Matching is that of ``assert_has_resource`` (subset, ``None``
    absent, ``ANY`` present) plus ``UNKNOWN`` for values known only after apply. Sensitive
    values are compared but never shown. Returns the plan result.
    """
    from openai_constructs.testing.terraform.runner import MissingPlannedValueError

    result = assert_plans(subject, schema, runner=runner, variables=variables, data=data,
                          state=state, refresh=refresh)
    try:
        if address.startswith("output."):
            actual = result.output(address[len("output.") :])
            label = address
        else:
            actual = result.resource(address).values
            label = ""
    except MissingPlannedValueError as exc:
        raise AssertionError(str(exc)) from None
    problems = mismatches(expected, actual, label)
    if problems:
        raise AssertionError(
            f"planned values of {address} differ:\n" + "\n".join(f"  {p}" for p in problems)
        )
    return result


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" if line else line for line in text.splitlines())
