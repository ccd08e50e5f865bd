"""``Retire.of(scope).forget()``: leave the objects of retired OpenAI APIs in your state
without calling the endpoints OpenAI has shut down.

``terraform destroy`` of an assistant, a thread or a ChatKit session would call an endpoint
that no longer answers (``openai_constructs.api_status``), so it fails, and so does any plan
that deletes them. Terraform 1.7 added the way out: a ``removed`` block with
``lifecycle { destroy = false }`` makes Terraform drop the object from the state and leave
it where it is. ``forget()`` writes one for every resource of a retired type below the scope,
in place of its resource block:

- L1 resources and the resources of L2 constructs and patterns alike, ``for_each``/``count``
  ones too (a ``removed`` block names the resource, so it forgets all its instances);
- data sources of retired types are left out of the document (a data source has no state to
  forget, and reading it would call the retired API);
- the Python objects stay as they were: ``Assistant.to_responses_params()`` and the other
  exports still read them;
- an output, a local or another resource that still refers to a forgotten object is refused
  at synth, before anything is written (:class:`~openai_constructs.errors.ForgottenReferenceError`,
  naming both construct paths), because Terraform could not resolve it.

Terraform (1.15.5, the testing kit's) plans a ``forget`` for every instance of a forgotten
resource and never reads one back; it does refresh every *other* object of the state before
planning, so ``terraform plan -refresh=false`` (and ``apply`` of that plan) is what keeps a
partial retirement from calling the endpoints of what you keep. The testing kit shows both:
``terraform_runner().plan(stack, state=..., refresh=False)`` and its ``provider_calls``.
The JSON form (``"removed": [{"from": "<type>.<name>", "lifecycle": {"destroy": false}}]``)
and the HCL form are checked by real ``terraform plan`` against a state file in the tests.

Like ``Metadata.of``, it works on any scope: the app, a stack, a pattern, one construct. It
takes effect for everything below the scope at synth, also what is declared after the call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ._runtime import forgetting
from ._runtime.cdk import IConstruct
from .api_status import RETIRED_TYPES
from .validation import Violation, Violations, rule

__all__ = ["ForgottenObject", "Retire"]

_TYPES = rule("retire.resource_types")


@dataclass(frozen=True)
class ForgottenObject:
    """One object ``forget()`` reaches: its construct path and Terraform address."""

    path: str
    """The construct path of the generated element (``prod/Support/Resource``)."""
    address: str
    """Its Terraform address: ``openai_beta_assistant.Support_0A1B2C3D`` for a resource
    (what its ``removed`` block names), ``data.openai_beta_thread.Lookup_...`` for a data
    source (left out of the document)."""


def _types(violations: Violations, attribute: str, value: Sequence[str] | None) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
        violations.add(Violation(attribute, _TYPES, repr(value)))
        return set()
    unknown = [t for t in value if t not in RETIRED_TYPES]
    if unknown:
        violations.add(Violation(attribute, _TYPES, ", ".join(map(repr, unknown))))
    return set(value)


class Retire:
    """Leaves the objects of retired OpenAI APIs below a scope without calling them:
    ``Retire.of(stack).forget()`` writes each resource of a retired type as a Terraform
    ``removed`` block (``lifecycle { destroy = false }``) and drops data sources of retired
    types.
    """

    __slots__ = ("_scope",)

    def __init__(self, scope: IConstruct) -> None:
        self._scope = scope

    @staticmethod
    def of(scope: IConstruct) -> Retire:
        """The retirement of ``scope`` and everything below it."""
        return Retire(scope)

    def _where(self) -> str:
        path = str(self._scope.node.path)
        return f"Retire.of({path or '<app>'!r})"

    def forget(
        self,
        *,
        include_resource_types: Sequence[str] | None = None,
        exclude_resource_types: Sequence[str] | None = None,
    ) -> None:
        """Forget every object of a retired type below the scope.

        :param include_resource_types: Only these types: resource types
            (``"openai_beta_thread"``) and data sources (``"data.openai_beta_thread"``), among
            ``api_status.RETIRED_TYPES``. Default: all of them.
        :param exclude_resource_types: Not these types. Default: none.

        Raises ``ValidationError`` (and records nothing) for a type that is not retired.
        Calls add up: a second call forgets more, never less.
        """
        where = self._where()
        violations = Violations(where)
        include = _types(violations, "include_resource_types", include_resource_types)
        exclude = _types(violations, "exclude_resource_types", exclude_resource_types)
        violations.raise_if_any()
        chosen = [t for t in RETIRED_TYPES if (not include or t in include) and t not in exclude]
        forgetting.forget(self._scope, chosen, f"{where}.forget()")

    def forgotten(self) -> tuple[ForgottenObject, ...]:
        """What is forgotten below the scope now (by this or any other ``forget()`` call),
        in construct order."""
        return tuple(
            ForgottenObject(f.path, f.address) for f in forgetting.forgotten_below(self._scope)
        )
