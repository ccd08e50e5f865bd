"""The same program gives the same bytes, whatever the process or hash seed."""

from __future__ import annotations

import itertools
import json

from openai_constructs import Assistant, Metadata, Thread
from openai_constructs._runtime.cdk import Construct, TerraformStack, Testing
from tests.hostile.conftest import EXAMPLES, HASH_SEEDS, ExampleRun


def test_every_example_is_byte_identical_across_hash_seeds(example_runs: list[ExampleRun]) -> None:
    """Every file of every example (``cdk.tf.json``, manifest) matches between seeds."""
    by_example: dict[str, dict[str, dict[str, bytes]]] = {}
    for run in example_runs:
        by_example.setdefault(run.example, {})[run.seed] = run.files()
    assert sorted(by_example) == sorted(e.name for e in EXAMPLES)
    for example, seeds in by_example.items():
        first, *others = (seeds[s] for s in HASH_SEEDS)
        assert any(name.endswith("cdk.tf.json") for name in first), example
        for other in others:
            assert sorted(first) == sorted(other), example
            for name, data in first.items():
                assert data == other[name], f"{example}: {name} differs between hash seeds"


def _propagated(order: tuple[int, ...]) -> str:
    pairs = [("team", "support"), ("cost_centre", "42"), ("env", "prod"), ("a", "1")]
    stack = TerraformStack(Testing.app(), "order")
    group = Construct(stack, "group")
    Assistant(group, "early", model="gpt-4o", metadata={"own": "x"})
    for index in order:
        key, value = pairs[index]
        Metadata.of(stack if index % 2 else group).add(key, value)
    Thread(group, "late", metadata={"z": "last", "b": "first"})
    return str(Testing.synth(stack))


def test_metadata_added_through_propagation_does_not_depend_on_call_order() -> None:
    """Metadata.of pairs land in one order, whatever order the calls came in."""
    documents = {_propagated(order) for order in itertools.permutations(range(4))}
    assert len(documents) == 1
    doc = json.loads(documents.pop())
    (assistant,) = doc["resource"]["openai_beta_assistant"].values()
    metadata = assistant["metadata"]
    assert metadata == {"own": "x", "a": "1", "cost_centre": "42", "env": "prod",
                        "team": "support"}
