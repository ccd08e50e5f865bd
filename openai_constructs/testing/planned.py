"""The planned values of a plan: what Terraform would send, per resource instance and output.

Read from ``terraform show -json`` of the saved plan. Two markers stand for what a plan
cannot show as plain data:

- :data:`UNKNOWN`: known only after apply (an ``id``, a reference to one);
- :class:`Sensitive`: a value Terraform marks sensitive (a sensitive attribute, variable or
  output). Its ``repr`` and ``str`` give the type and length only, so neither an assertion
  message nor a log line can show it; ``reveal()`` returns the value to a test that asks.
  ``result.resource(address, reveal_sensitive=True)`` returns plain values instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any


class _Unknown:
    """A value Terraform knows only after apply."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "(known after apply)"

    def __reduce__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()


class Sensitive:
    """A sensitive value: shown as its type and length, never as its text.

    ``configuration=True`` for a value read from the synthesized document, where a whole
    reference such as ``${var.key}`` is wiring (shown, it holds no secret). A planned value
    is resolved: text that looks like ``${var.key}`` there is the secret itself, never shown.
    """

    __slots__ = ("_configuration", "_value")

    def __init__(self, value: Any, *, configuration: bool = False) -> None:
        self._value = value
        self._configuration = configuration

    def reveal(self) -> Any:
        """The value itself, for a test that means to look at it."""
        return self._value

    def __repr__(self) -> str:
        from openai_constructs.testing.data_sources import describe_secret
        from openai_constructs.testing.document import is_pure_reference

        if self._configuration and is_pure_reference(self._value):
            return repr(self._value)  # ${var.key} shows the wiring and holds no secret
        return describe_secret(self._value)

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sensitive):
            return bool(self._value == other._value)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(("Sensitive", repr(self)))


def reveal(value: Any) -> Any:
    """``value`` with every :class:`Sensitive` replaced by what it holds, at any depth."""
    if isinstance(value, Sensitive):
        return reveal(value.reveal())
    if isinstance(value, dict):
        return {k: reveal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [reveal(v) for v in value]
    return value


@dataclass(frozen=True)
class PlannedResource:
    """One resource or data source instance of the plan, with its planned ``values``."""

    address: str
    mode: str
    type: str
    name: str
    index: Any
    action: str
    values: Mapping[str, Any] = field(repr=False)

    def __repr__(self) -> str:
        return f"PlannedResource({self.address!r}, action={self.action!r})"


@dataclass(frozen=True)
class PlannedOutput:
    """One root output of the plan: its planned ``value`` and whether it is sensitive."""

    name: str
    value: Any = field(repr=False)
    sensitive: bool = False
    action: str = "create"


@dataclass(frozen=True)
class PlannedValues:
    """Every planned resource instance and output, sensitive values wrapped."""

    resources: Mapping[str, PlannedResource]
    outputs: Mapping[str, PlannedOutput]

    def __iter__(self) -> Iterator[PlannedResource]:
        return iter(self.resources.values())


def merge(value: Any, unknown: Any, sensitive: Any) -> Any:
    """One planned value from Terraform's three parallel trees (after, unknown, sensitive)."""
    if unknown is True:
        return UNKNOWN
    if sensitive is True:
        return Sensitive(merge(value, unknown, None))
    if isinstance(value, dict) or isinstance(unknown, dict):
        base = value if isinstance(value, dict) else {}
        unknowns = unknown if isinstance(unknown, dict) else {}
        secrets = sensitive if isinstance(sensitive, dict) else {}
        keys = list(base) + [k for k in unknowns if k not in base]
        return {k: merge(base.get(k), unknowns.get(k), secrets.get(k)) for k in keys}
    if isinstance(value, list) or isinstance(unknown, list):
        base_list = value if isinstance(value, list) else []
        unknown_list = unknown if isinstance(unknown, list) else []
        secret_list = sensitive if isinstance(sensitive, list) else []
        size = max(len(base_list), len(unknown_list))
        return [
            merge(
                base_list[i] if i < len(base_list) else None,
                unknown_list[i] if i < len(unknown_list) else None,
                secret_list[i] if i < len(secret_list) else None,
            )
            for i in range(size)
        ]
    return value


def from_show_json(shown: Mapping[str, Any]) -> PlannedValues:
    """Read ``terraform show -json PLANFILE`` output."""
    resources: dict[str, PlannedResource] = {}
    prior = (shown.get("prior_state") or {}).get("values") or {}
    for entry in _module_resources(prior.get("root_module") or {}):
        if entry.get("mode") != "data":
            continue
        resources[str(entry["address"])] = PlannedResource(
            address=str(entry["address"]),
            mode="data",
            type=str(entry.get("type", "")),
            name=str(entry.get("name", "")),
            index=entry.get("index"),
            action="read",
            values=merge(entry.get("values") or {}, None, entry.get("sensitive_values")),
        )
    for change in shown.get("resource_changes") or []:
        body = change.get("change") or {}
        actions = body.get("actions") or []
        action = "replace" if len(actions) > 1 else (actions[0] if actions else "")
        address = str(change.get("address", ""))
        resources[address] = PlannedResource(
            address=address,
            mode=str(change.get("mode", "")),
            type=str(change.get("type", "")),
            name=str(change.get("name", "")),
            index=change.get("index"),
            action=action,
            values=merge(
                body.get("after") or {}, body.get("after_unknown"), body.get("after_sensitive")
            ),
        )
    outputs: dict[str, PlannedOutput] = {}
    declared = (shown.get("planned_values") or {}).get("outputs") or {}
    for name, change in (shown.get("output_changes") or {}).items():
        actions = change.get("actions") or []
        sensitive = bool((declared.get(name) or {}).get("sensitive", False))
        after_sensitive = True if sensitive else change.get("after_sensitive")
        outputs[str(name)] = PlannedOutput(
            name=str(name),
            value=merge(change.get("after"), change.get("after_unknown"), after_sensitive),
            sensitive=sensitive,
            action=actions[0] if actions else "",
        )
    return PlannedValues(resources=resources, outputs=outputs)


def _module_resources(module: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    yield from module.get("resources") or []
    for child in module.get("child_modules") or []:
        yield from _module_resources(child)
