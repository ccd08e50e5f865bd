"""The runtime's own elements and meta-arguments: refused in Python, before node sees them.

Judged by what we did not write: plain cdktf side by side (what its classes do with the same
value), the jsii kernel staying alive (a later synth still works), the output folder
untouched, and real ``terraform plan`` for the fix the message suggests.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import openai_constructs.cdk as oc_cdk
from openai_constructs import Assistant, AttributeTypeError, Thread, ValidationError
from openai_constructs.errors import ConstructIdError
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.provider import OpenaiProvider
from tests.hostile.terraform_eval import planned

BIG = 2**60 + 1


def _tree(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*"))
            if p.is_file()}


def _app(tmp_path: Path) -> tuple[Any, Any]:
    app = oc_cdk.App(outdir=str(tmp_path / "out"))
    stack = oc_cdk.TerraformStack(app, "s")
    OpenaiProvider(stack, "openai")
    return app, stack


def _kernel_alive(tmp_path: Path) -> None:
    """A fresh app still synthesizes: the value never reached (and killed) the kernel."""
    app, stack = _app(tmp_path / "after")
    oc_cdk.TerraformOutput(stack, "ok", value=1)
    app.synth()
    assert (tmp_path / "after" / "out" / "stacks" / "s" / "cdk.tf.json").exists()


def test_plain_cdktf_loses_digits_of_big_integers(tmp_path: Path) -> None:
    """The judge: the runtime's own class writes another number (why we refuse)."""
    runtime = __import__(oc_cdk.runtime_name())
    app = runtime.App(outdir=str(tmp_path))
    stack = runtime.TerraformStack(app, "s")
    runtime.TerraformOutput(stack, "o", value=BIG)
    document = json.loads(runtime.Testing.synth(stack))
    assert document["output"]["o"]["value"] != BIG


ELEMENT_VALUES = [
    pytest.param(BIG, r"beyond 2\*\*53", id="big-int"),
    pytest.param(-BIG, r"beyond 2\*\*53", id="big-negative"),
    pytest.param(float("nan"), "not a JSON number", id="nan"),
    pytest.param(float("-inf"), "not a JSON number", id="inf"),
    pytest.param({"a": [1, {"b": float("inf")}]}, r"\['a'\]\[1\]\['b'\]: inf", id="nested-inf"),
    pytest.param({"__proto__": "x"}, "'__proto__'", id="proto-key"),
    pytest.param({"//": "x"}, "'//'", id="comment-key"),
    pytest.param(["ok", "a\ud800b"], "lone surrogate", id="surrogate"),
]


@pytest.mark.parametrize("value,rule", ELEMENT_VALUES)
@pytest.mark.parametrize("element", ["TerraformVariable", "TerraformOutput", "TerraformLocal"])
def test_element_values_the_runtime_would_break_are_refused(
    tmp_path: Path, element: str, value: Any, rule: str
) -> None:
    app, stack = _app(tmp_path)
    before = _tree(tmp_path)
    with pytest.raises(ValidationError, match=rule) as caught:
        if element == "TerraformVariable":
            oc_cdk.TerraformVariable(stack, "e", default=value)
        elif element == "TerraformOutput":
            oc_cdk.TerraformOutput(stack, "e", value=value)
        else:
            oc_cdk.TerraformLocal(stack, "e", value)
    assert f"{element} s/e" in str(caught.value)
    assert stack.node.try_find_child("e") is None
    app.synth()
    assert "e" not in json.dumps(json.loads(
        (tmp_path / "out" / "stacks" / "s" / "cdk.tf.json").read_text()).get("output", {}))
    assert before == {} or _tree(tmp_path).keys() >= before.keys()
    _kernel_alive(tmp_path)


def test_an_element_id_proto_is_a_construct_id_error(tmp_path: Path) -> None:
    _, stack = _app(tmp_path)
    with pytest.raises(ConstructIdError, match="__proto__"):
        oc_cdk.TerraformOutput(stack, "__proto__", value="x")
    _kernel_alive(tmp_path)


def test_checked_elements_are_the_runtimes_classes(tmp_path: Path) -> None:
    runtime = __import__(oc_cdk.runtime_name())
    _, stack = _app(tmp_path)
    variable = oc_cdk.TerraformVariable(stack, "v", type="number", default=3)
    local = oc_cdk.TerraformLocal(stack, "l", {"k": [1, 2.5, "x"]})
    output = oc_cdk.TerraformOutput(stack, "o", value=variable.number_value)
    assert isinstance(variable, runtime.TerraformVariable)
    assert isinstance(local, runtime.TerraformLocal)
    assert isinstance(output, runtime.TerraformOutput)
    iterator = oc_cdk.TerraformIterator.from_list(["a"])
    assert isinstance(iterator, oc_cdk.TerraformIterator)
    assert isinstance(iterator, runtime.TerraformIterator)
    assert isinstance(runtime.TerraformIterator.from_map({"a": "b"}), oc_cdk.TerraformIterator)


def test_the_suggested_fix_for_a_big_integer_is_exact_in_terraform(
    terraform_runner: Any,
) -> None:
    """The message says: pass it as a string. Terraform converts it to the exact number."""
    app = oc_cdk.Testing.app()
    stack = oc_cdk.TerraformStack(app, "big")
    OpenaiProvider(stack, "openai")
    variable = oc_cdk.TerraformVariable(stack, "n", type="number", default=str(BIG))
    oc_cdk.TerraformOutput(stack, "out", value=variable.number_value)
    plan = planned(terraform_runner, stack)
    assert plan["planned_values"]["outputs"]["out"]["value"] == BIG


def test_a_duplicate_element_id_is_a_construct_id_error(tmp_path: Path) -> None:
    _, stack = _app(tmp_path)
    oc_cdk.TerraformOutput(stack, "o", value=1)
    with pytest.raises(ConstructIdError, match="TerraformVariable 's/o': the id 'o' is already"):
        oc_cdk.TerraformVariable(stack, "o")


def test_runtime_classes_used_directly_are_refused_at_synth(tmp_path: Path) -> None:
    runtime = __import__(oc_cdk.runtime_name())
    app, stack = _app(tmp_path)
    runtime.TerraformVariable(stack, "v", type="number", default=BIG)
    with pytest.raises(ValidationError, match=r"default: an integer beyond 2\*\*53 was written as"):
        app.synth()
    assert not (tmp_path / "out" / "stacks" / "s" / "cdk.tf.json").exists()


# -- count and for_each ---------------------------------------------------------------------

BAD_COUNTS = [
    pytest.param(float("nan"), ValidationError, id="nan"),
    pytest.param(float("inf"), ValidationError, id="inf"),
    pytest.param(2**60, ValidationError, id="2**60"),
    pytest.param(-1, ValidationError, id="negative"),
    pytest.param("3", AttributeTypeError, id="str"),
    pytest.param(True, AttributeTypeError, id="bool"),
]


@pytest.mark.parametrize("count,error", BAD_COUNTS)
def test_bad_counts_on_l2_name_the_construct(tmp_path: Path, count: Any, error: type) -> None:
    _, stack = _app(tmp_path)
    with pytest.raises(error, match="count") as caught:
        Assistant(stack, "A", model="gpt-4o", count=count)
    assert "s/A" in str(caught.value)
    assert stack.node.try_find_child("A") is None
    _kernel_alive(tmp_path)


@pytest.mark.parametrize("count,_error", BAD_COUNTS)
def test_bad_counts_on_l1_name_the_element(tmp_path: Path, count: Any, _error: type) -> None:
    _, stack = _app(tmp_path)
    with pytest.raises(AttributeTypeError, match=r"BetaAssistant 's/A': count: expects an int"):
        BetaAssistant(stack, "A", model="gpt-4o", count=count)
    assert stack.node.try_find_child("A") is None
    _kernel_alive(tmp_path)


@pytest.mark.parametrize("value", [["a", "b"], {"a": "x"}, float("nan"), "a"])
def test_for_each_that_is_not_an_iterator_names_the_construct(tmp_path: Path, value: Any) -> None:
    _, stack = _app(tmp_path)
    with pytest.raises(AttributeTypeError, match=r"Thread 's/T': for_each: expects a Terr"):
        Thread(stack, "T", for_each=value)
    with pytest.raises(AttributeTypeError, match=r"BetaAssistant 's/A': for_each: expects"):
        BetaAssistant(stack, "A", model="gpt-4o", for_each=value)
    _kernel_alive(tmp_path)


def test_a_whole_float_count_is_carried_as_the_integer(terraform_runner: Any) -> None:
    app = oc_cdk.Testing.app()
    stack = oc_cdk.TerraformStack(app, "c")
    OpenaiProvider(stack, "openai")
    Assistant(stack, "A", model="gpt-4o", count=2.0)
    plan = planned(terraform_runner, stack)
    addresses = sorted(c["address"] for c in plan["resource_changes"])
    assert addresses == ["openai_beta_assistant.A[0]", "openai_beta_assistant.A[1]"]


