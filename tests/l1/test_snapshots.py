"""Each of the 20 L1 classes, fully configured, synthesizes exactly the expected JSON."""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion

from openai_constructs._runtime.cdk import TerraformStack
from tests.conftest import strip_metadata, synth
from tests.l1.full_configs import BUILDERS


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_fully_configured(
    name: str, stack: TerraformStack, json_snapshot: SnapshotAssertion
) -> None:
    BUILDERS[name](stack)
    document = strip_metadata(synth(stack))
    assert document == json_snapshot


def test_every_class_has_a_builder() -> None:
    from openai_constructs.l1 import _MODULES

    constructs = {n for n in _MODULES if n == "OpenaiProvider" or (
        not n.endswith(("OutputReference", "List")) and _is_construct(n))}
    assert len(constructs) == 20
    assert len(BUILDERS) == 20


def _is_construct(name: str) -> bool:
    import openai_constructs.l1 as l1

    cls = getattr(l1, name)
    return hasattr(cls, "TF_RESOURCE_TYPE")
