"""``provider=``, ``depends_on=`` and ``lifecycle=`` on the L2 constructs.

The meta-arguments every cdktf resource takes, given to an L2 construct and handed to its
resource, checked in Python first (a wrong type is an ``AttributeTypeError`` naming the
construct path, not a jsii trace). A construct in ``depends_on`` stands for the Terraform
elements below it (an L2 construct for its resource), as in the AWS CDK.

Messages and runs follow their thread: declared on a thread whose objects go to another
provider (its ``provider=``, or the provider set on its resource, ``thread.resource.provider
= ...``), they go to the same one unless given their own. With a single provider
configuration in the app there is nothing to follow, and nothing is asked of node.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._runtime import bindings, cdk
from .._runtime.meta_arguments import dependencies
from .._runtime.terraform_types import describe


class Placement:
    """Where one L2 declaration's objects go and what they wait for."""

    __slots__ = ("depends_on", "lifecycle", "provider")

    def __init__(self, provider: Any = None, depends_on: Any = None, lifecycle: Any = None):
        self.provider = provider
        self.depends_on = depends_on
        self.lifecycle = lifecycle

    def meta(self, after: list[Any] | None = None) -> dict[str, Any]:
        """The meta-arguments for the L1 resource; ``after`` are dependencies the construct
        adds itself (a message waits for the one before it)."""
        meta: dict[str, Any] = {}
        if self.provider is not None:
            meta["provider"] = self.provider
        if after or self.depends_on:
            meta["depends_on"] = [*(after or ()), *(self.depends_on or ())]
        if self.lifecycle is not None:
            meta["lifecycle"] = self.lifecycle
        return meta


NO_PLACEMENT = Placement()


def take_placement(intake: Any, provider: Any, depends_on: Any, lifecycle: Any) -> Placement:
    """Check the three options as given to an L2 construct (``intake`` names it)."""
    if provider is None and depends_on is None and lifecycle is None:
        return NO_PLACEMENT
    if provider is not None and not isinstance(provider, cdk.TerraformProvider):
        intake.fail("provider", f"expects a TerraformProvider (e.g. OpenaiProvider(..., "
                                f"alias=...)), got {describe(provider)}")
    if depends_on is not None:
        depends_on = dependencies(intake.where(), depends_on)
    if lifecycle is not None and not isinstance(lifecycle, cdk.TerraformResourceLifecycle):
        if not isinstance(lifecycle, Mapping):
            intake.fail("lifecycle", "expects a TerraformResourceLifecycle or a dict of its "
                                     f"options, got {describe(lifecycle)}")
        try:
            lifecycle = cdk.TerraformResourceLifecycle(**lifecycle)
        except TypeError as error:
            intake.fail("lifecycle", f"{error}; expects the options of "
                                     "TerraformResourceLifecycle (create_before_destroy, "
                                     "ignore_changes, prevent_destroy, replace_triggered_by, "
                                     "precondition, postcondition)")
    return Placement(provider, depends_on, lifecycle)


def _several_openai_providers() -> bool:
    seen = 0
    for provider in bindings.providers():
        if provider.TF_RESOURCE_TYPE == "openai":
            seen += 1
            if seen > 1:
                return True
    return False


def following(placement: Placement, thread: Any) -> Placement:
    """``placement`` of a message or run on ``thread``, its provider the thread's when not
    given. Asks node for the thread resource's provider only when the app has several
    provider configurations (the only case where it can differ from the default)."""
    if placement.provider is not None:
        return placement
    provider = getattr(thread, "_placement", NO_PLACEMENT).provider
    if provider is None and _several_openai_providers():
        resource = thread.__dict__.get("_resource")
        if resource is not None:
            provider = resource.provider
    if provider is None:
        return placement
    return Placement(provider, placement.depends_on, placement.lifecycle)


__all__ = ["NO_PLACEMENT", "Placement", "following", "take_placement"]
