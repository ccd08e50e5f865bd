"""Plan every stack of an App, in dependency order, offline, cross-stack references resolved.

How cdktf wires two stacks: when a construct of stack ``consumer`` references an attribute of
a construct of stack ``producer``, ``App.synth()`` (each stack's ``prepare_stack``) adds to
``producer`` a sensitive output ``cross-stack-output-<type><name><attribute>`` and to
``consumer`` a ``terraform_remote_state`` data source ``cross-stack-reference-input-producer``
reading ``producer``'s state through its backend, and the reference becomes
``${data.terraform_remote_state.cross-stack-reference-input-producer.outputs.<output>}``.
Planned alone, ``consumer`` fails: the producer's state does not exist ("Unable to find remote
state"), because nothing was applied, not because the kit is offline.

Here each stack is planned after the stacks it reads (``TerraformStack.dependencies`` and its
remote-state data sources), by the same runner as ``assert_plans``. Before a consumer is
planned, each of its remote-state data sources is pointed (local backend) at a state file
written in a private folder, holding the producer's outputs:

* the producer was planned: its planned outputs. A value known only after apply (an id) is
  a schema-shaped sample as data sources get (``"sample-id"``), because after apply it is a
  concrete value, which is what the consumer reads;
* the producer is not planned (``stacks=`` leaves it out): the fixture the test gives,
  ``remote_state={"producer": {name: value}}``, where ``name`` is the output's name or the
  reference it carries (``"openai_beta_assistant.helper.id"``). A ``terraform_remote_state``
  written by hand is given by its address: ``{"data.terraform_remote_state.shared": {...}}``.

Terraform's own ``terraform_remote_state`` (built in, no provider to install) reads that file,
so the consumer's plan is Terraform's, with real values flowing through real expressions.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from openai_constructs.errors import TestingInputError
from openai_constructs.testing.document import Document, stacks_of, to_document
from openai_constructs.testing.planned import UNKNOWN, Sensitive

__all__ = ["AppPlan", "plan_app", "plan_stack"]

_INPUT = re.compile(r"^cross-stack-reference-input-(.+)$")
_REFERENCE = re.compile(r"^\$\{([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)\}$")
_ADDRESS_PREFIX = "data.terraform_remote_state."


class AppPlan(Mapping[str, Any]):
    """The plan result of every planned stack, by stack name, in the order planned."""

    def __init__(self, results: Mapping[str, Any], order: Sequence[str]) -> None:
        self._results = dict(results)
        self.order: tuple[str, ...] = tuple(order)

    def __getitem__(self, name: str) -> Any:
        try:
            return self._results[name]
        except KeyError:
            raise KeyError(
                f"no planned stack {name!r}; stacks planned: {', '.join(self.order) or 'none'}"
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.order)

    def __len__(self) -> int:
        return len(self.order)

    @property
    def ok(self) -> bool:
        """True when every stack planned."""
        return all(r.ok for r in self._results.values())

    def __repr__(self) -> str:
        states = ", ".join(f"{n}: {'ok' if self._results[n].ok else 'failed'}" for n in self.order)
        return f"AppPlan({states})"


def is_app(subject: Any) -> bool:
    """Whether ``subject`` is a cdktf/cdktn ``App`` (the root of a construct tree)."""
    import sys

    from openai_constructs._runtime import cdk

    runtime = sys.modules.get(cdk.runtime_name())
    app_class = getattr(runtime, "App", None) if runtime is not None else None
    return app_class is not None and isinstance(subject, app_class)


def plan_app(
    app: Any,
    runner: Any,
    *,
    stacks: Sequence[str] | None = None,
    variables: Mapping[str, Mapping[str, Any]] | None = None,
    data: Mapping[str, Mapping[str, Mapping[str, Any]]] | None = None,
    remote_state: Mapping[str, Mapping[str, Any]] | None = None,
    stop_at_failure: bool = True,
) -> AppPlan:
    """Plan the stacks of ``app`` (all, or the names in ``stacks``) in dependency order.

    ``variables`` and ``data``: per stack name, what ``runner.plan`` takes. ``remote_state``:
    the outputs of stacks that are not planned, by stack name (or by the address of a
    ``terraform_remote_state`` written by hand). Unknown stack names, fixtures for planned
    stacks and missing fixtures raise ``TestingInputError`` before anything is planned.
    A stack whose plan fails ends the run (its consumers could not read it) unless
    ``stop_at_failure`` is False, when its consumers are skipped and the others go on.
    """
    by_name = {str(s.node.id): s for s in stacks_of(app)}
    names = list(by_name)
    selected = list(names) if stacks is None else list(stacks)
    _known(selected, names, "stacks=")
    for label, table in (("variables=", variables), ("data=", data)):
        _known(list(table or {}), selected, label)
    fixtures = dict(remote_state or {})
    _known([k for k in fixtures if not k.startswith(_ADDRESS_PREFIX)], names, "remote_state=")
    planned_fixture = [k for k in fixtures if k in selected]
    if planned_fixture:
        raise TestingInputError(
            f"remote_state=: {', '.join(map(repr, planned_fixture))} "
            f"{'is' if len(planned_fixture) == 1 else 'are'} planned, so its outputs come from "
            "its plan; give fixtures only for stacks left out of stacks="
        )
    documents = {name: to_document(by_name[name]) for name in selected}
    needs = {name: _producers(documents[name]) for name in selected}
    for name in selected:
        for producer in needs[name]:
            if producer.startswith(_ADDRESS_PREFIX):
                if producer not in fixtures:
                    raise TestingInputError(
                        f"stack {name!r} reads {producer} (a terraform_remote_state written by "
                        f"hand): give its outputs as remote_state={{{producer!r}: {{...}}}}"
                    )
            elif producer not in selected and producer not in fixtures:
                raise TestingInputError(
                    f"stack {name!r} reads the outputs of stack {producer!r}, which is not "
                    f"planned: plan it too, or give remote_state={{{producer!r}: {{...}}}}"
                )
    order = _order(selected, needs, by_name)
    folder = Path(tempfile.mkdtemp(prefix="oc-remote-state-"))
    results: dict[str, Any] = {}
    outputs: dict[str, dict[str, Any]] = {}
    try:
        for name in order:
            if any(p in results and not results[p].ok for p in needs[name]):
                continue
            doc = documents[name]
            for _data_name, body, producer in _remote_states(doc):
                values = (
                    outputs[producer] if producer in outputs
                    else _fixture_outputs(producer, fixtures[producer], documents, by_name)
                )
                _point_at_state(body, values, folder)
            result = _plan(
                runner, by_name[name], doc, (variables or {}).get(name), (data or {}).get(name)
            )
            results[name] = result
            if not result.ok:
                if stop_at_failure:
                    break
                continue
            if any(name in needs[other] for other in order):
                outputs[name] = _planned_outputs(result, documents[name], runner)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return AppPlan(results, [n for n in order if n in results])


def plan_stack(
    subject: Any,
    runner: Any,
    remote_state: Mapping[str, Mapping[str, Any]],
    variables: Mapping[str, Any] | None,
    data: Mapping[str, Mapping[str, Any]] | None,
) -> Any:
    """Plan one stack (or document) whose remote states read ``remote_state`` fixtures:
    by producing stack name for cdktf's cross-stack references, by address for others."""
    from openai_constructs._runtime.cdk import TerraformStack

    doc = to_document(subject)
    by_name: dict[str, Any] = {}
    if isinstance(subject, TerraformStack):
        by_name = {str(s.node.id): s for s in stacks_of(subject.node.root)}
    needed = _producers(doc)
    extra = [k for k in remote_state if k not in needed]
    if extra:
        raise TestingInputError(
            f"remote_state=: the stack reads no remote state of {', '.join(map(repr, extra))}; "
            f"it reads: {', '.join(map(repr, needed)) or 'none'}"
        )
    missing = [k for k in needed if k not in remote_state]
    if missing:
        raise TestingInputError(
            f"the stack reads the remote state of {', '.join(map(repr, missing))}: give "
            "its outputs in remote_state=, or plan the whole app with assert_plans(app)"
        )
    folder = Path(tempfile.mkdtemp(prefix="oc-remote-state-"))
    try:
        for _data_name, body, producer in _remote_states(doc):
            values = _fixture_outputs(producer, remote_state[producer], {}, by_name)
            _point_at_state(body, values, folder)
        return _plan(runner, subject, doc, variables, data)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _plan(
    runner: Any,
    subject: Any,
    doc: Document,
    variables: Mapping[str, Any] | None,
    data: Mapping[str, Mapping[str, Any]] | None,
) -> Any:
    """Plan ``subject`` whose document ``doc`` has its remote states pointed at the kit's
    files: HCL as written (``cdk.tf``, the pointed remote states given to Terraform as an
    override file), the stack's assets linked (:mod:`._workdir`)."""
    direct = getattr(runner, "_plan_document", None)
    if direct is None:  # a runner of another kind plans the document
        return runner.plan(doc, variables, data=data)
    from openai_constructs.testing.terraform._workdir import prepared

    with prepared(subject, doc) as inputs:
        pointed = {name: dict(body) for name, body, _producer in _remote_states(doc)}
        overrides = (
            {"data": {"terraform_remote_state": pointed}}
            if inputs.native is not None and pointed else None
        )
        return direct(
            copy.deepcopy(doc), variables, data, native=inputs.native, links=inputs.links,
            overrides=overrides,
        )


def _point_at_state(
    body: dict[str, Any], values: Mapping[str, tuple[Any, bool]], folder: Path
) -> None:
    """Make a ``terraform_remote_state`` body read a state file holding ``values``."""
    path = folder / f"{uuid.uuid4().hex}.tfstate"
    path.write_text(json.dumps(_state(values)), encoding="utf-8")
    body.clear()
    body.update({"backend": "local", "config": {"path": str(path)}})


def _known(given: Sequence[str], names: Sequence[str], label: str) -> None:
    unknown = [n for n in given if n not in names]
    if unknown:
        raise TestingInputError(
            f"{label} names no stack of the app: {', '.join(map(repr, unknown))}; the app's "
            f"stacks: {', '.join(names) or 'none'}"
        )


def _remote_states(doc: Document) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(name, body, producer stack or address) of every terraform_remote_state."""
    named = (doc.get("data") or {}).get("terraform_remote_state") or {}
    for data_name, body in named.items():
        if not isinstance(body, dict):
            continue
        match = _INPUT.match(str(data_name))
        yield data_name, body, match.group(1) if match else f"{_ADDRESS_PREFIX}{data_name}"


def _producers(doc: Document) -> list[str]:
    return sorted({producer for _n, _b, producer in _remote_states(doc)})


def _order(
    selected: Sequence[str], needs: Mapping[str, Sequence[str]], by_name: Mapping[str, Any]
) -> list[str]:
    """Producers first (remote states and ``add_dependency``), otherwise the app's order."""
    done: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in done or name in visiting:
            return
        visiting.add(name)
        declared = [str(s.node.id) for s in (by_name[name].dependencies or [])]
        for producer in [*needs[name], *declared]:
            if producer in selected:
                visit(producer)
        visiting.discard(name)
        done.append(name)

    for name in selected:
        visit(name)
    return done


def _planned_outputs(result: Any, doc: Document, runner: Any) -> dict[str, Any]:
    """A planned stack's outputs as a consumer reads them after apply: known values as they
    are, values known only after apply as schema-shaped samples."""
    values: dict[str, Any] = {}
    declared = doc.get("output") or {}
    for name, output in result.planned_values(reveal_sensitive=True).outputs.items():
        body = declared.get(name) or {}
        values[name] = (_sample(body.get("value"), output.value, runner), bool(output.sensitive))
    return values


def _sample(expression: Any, value: Any, runner: Any) -> Any:
    if value is UNKNOWN:
        return _sample_of(expression, runner)
    if isinstance(value, Sensitive):
        return _sample(expression, value.reveal(), runner)
    if isinstance(value, dict):
        return {k: _sample(None, v, runner) for k, v in value.items()}
    if isinstance(value, list):
        return [_sample(None, v, runner) for v in value]
    return value


def _sample_of(expression: Any, runner: Any) -> Any:
    """The sample of a reference's attribute per schema (``"sample-id"``), else a string."""
    from openai_constructs.testing.data_sources import sample_value

    match = _REFERENCE.match(expression) if isinstance(expression, str) else None
    if match is not None:
        type_name, _name, attribute = match.groups()
        block = runner.schemas.resource(type_name)
        spec = block.attributes.get(attribute) if block is not None else None
        if spec is not None and spec.type is not None:
            sample = sample_value(spec.type, attribute)
            if sample is not None:
                return sample
        return f"sample-{attribute}"
    return "sample-value"


def _fixture_outputs(
    producer: str, given: Any, documents: Mapping[str, Document], by_name: Mapping[str, Any]
) -> dict[str, Any]:
    """A fixture's outputs by output name; a key may also be the reference an output of the
    producer carries (``openai_beta_assistant.helper.id``)."""
    if not isinstance(given, Mapping):
        raise TestingInputError(
            f"remote_state={{{producer!r}: ...}}: expected a dict of output values, got "
            f"{type(given).__name__}"
        )
    by_reference: dict[str, str] = {}
    if producer in by_name:
        doc = documents.get(producer) or to_document(by_name[producer])
        for name, body in (doc.get("output") or {}).items():
            value = body.get("value") if isinstance(body, Mapping) else None
            if isinstance(value, str) and value.startswith("${") and value.endswith("}"):
                by_reference[value[2:-1]] = name
    values: dict[str, Any] = {}
    for key, fixture in given.items():
        values[by_reference.get(str(key), str(key))] = (fixture, False)
    return values


def _state(outputs: Mapping[str, tuple[Any, bool]]) -> dict[str, Any]:
    """A Terraform state (format 4) holding only ``outputs``."""
    return {
        "version": 4,
        "terraform_version": "1.15.0",
        "serial": 1,
        "lineage": str(uuid.uuid4()),
        "outputs": {
            name: {"value": value, "type": _cty_type(value), "sensitive": secret}
            for name, (value, secret) in outputs.items()
        },
        "resources": [],
    }


def _cty_type(value: Any) -> Any:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str) or value is None:
        return "string"
    if isinstance(value, Mapping):
        return ["object", {str(k): _cty_type(v) for k, v in value.items()}]
    if isinstance(value, (list, tuple)):
        return ["tuple", [_cty_type(v) for v in value]]
    raise TestingInputError(f"remote_state: {value!r} is not a JSON value")
