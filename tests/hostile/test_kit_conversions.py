"""The kit's fixtures and variables convert values exactly as Terraform does, or refuse.

Judged by real Terraform, side by side: the same value is given to a root variable (through
``-var`` or the JSON variables file, so Terraform itself converts it) and as a data-source
fixture (converted by the kit before the stub returns it); Terraform refuses the variable
exactly when the kit refuses the fixture, and plans the same text or number for both.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from openai_constructs._runtime.cdk import (
    TerraformOutput,
    TerraformStack,
    TerraformVariable,
    Testing,
)
from openai_constructs.l1.data_openai_beta_assistant import DataOpenaiBetaAssistant
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.testing import DataFixtureError, VariableValueError, assert_plans

FIXTURE = "data.openai_beta_assistant.read"


def _document(variable_type: str) -> str:
    stack = TerraformStack(Testing.app(), "kit")
    OpenaiProvider(stack, "openai")
    read = DataOpenaiBetaAssistant(stack, "read", assistant_id="asst_1")
    value = TerraformVariable(stack, "v", type=variable_type)
    if variable_type == "number":
        TerraformOutput(stack, "from_variable", value=value.number_value)
        TerraformOutput(stack, "from_fixture", value=read.temperature)
    else:
        TerraformOutput(stack, "from_variable", value=value.string_value)
        TerraformOutput(stack, "from_fixture", value=read.name)
    return Testing.synth(stack)


def _side_by_side(runner: Any, variable_type: str, value: Any) -> tuple[Any, Any]:
    """(what Terraform makes of the variable, what the kit makes of the fixture); each is
    ``"refused"`` when refused."""
    doc = _document(variable_type)
    attribute = "temperature" if variable_type == "number" else "name"
    variable = runner.plan(doc, variables={"v": value})
    by_terraform = variable.output("from_variable") if variable.ok else "refused"
    try:
        fixture = assert_plans(doc, runner=runner, variables={"v": "0" if variable_type ==
                                                                "number" else "x"},
                               data={FIXTURE: {attribute: value}})
        by_kit = fixture.output("from_fixture")
    except DataFixtureError:
        by_kit = "refused"
    return by_terraform, by_kit


NUMBER_TEXTS = ["5", "+5", "-5", "5.", ".5", "1e3", "1E+3", "00012", "0.1", "-0",
                "1e-7", "12345678901234567890123", "1e400",
                # what Python's float() takes and Terraform refuses
                "1_000", "\u0665", " 5 ", "5 ", "0x10", "NaN", "inf", "5e", "١٢"]


@pytest.mark.parametrize("text", NUMBER_TEXTS)
def test_text_for_a_number_converts_as_terraform_converts_it(terraform_runner: Any,
                                                             text: str) -> None:
    by_terraform, by_kit = _side_by_side(terraform_runner, "number", text)
    if text == "inf":  # Terraform takes it, then cannot plan it: the kit refuses it upfront
        assert by_kit == "refused"
        return
    assert by_kit == by_terraform


NUMBERS_FOR_TEXT = [1e-7, 1e21, 0.1, 1.5, -0.0, 2**80, 2**80 + 1, 10**30, 123, True]


@pytest.mark.parametrize("number", NUMBERS_FOR_TEXT, ids=repr)
def test_a_number_for_text_reads_as_terraform_writes_it(terraform_runner: Any,
                                                        number: Any) -> None:
    by_terraform, by_kit = _side_by_side(terraform_runner, "string", number)
    assert by_terraform != "refused"
    assert by_kit == by_terraform


@pytest.mark.parametrize("number", [2**80, 2**80 + 1, -(2**70) - 3, 10**40 + 7], ids=repr)
def test_big_integers_reach_terraform_exactly(terraform_runner: Any, number: int) -> None:
    by_terraform, by_kit = _side_by_side(terraform_runner, "number", number)
    assert by_terraform == by_kit
    assert int(by_kit) == number


def test_bool_text_converts_as_terraform_converts_it(terraform_runner: Any) -> None:
    stack = TerraformStack(Testing.app(), "kit")
    OpenaiProvider(stack, "openai")
    flag = TerraformVariable(stack, "flag", type="bool")
    TerraformOutput(stack, "flag_out", value=flag.boolean_value)
    doc = Testing.synth(stack)
    from openai_constructs.testing.data_sources import _primitive_fits

    for text in ["true", "false", "1", "0", "True", "yes", " true", "t"]:
        planned = terraform_runner.plan(doc, variables={"flag": text})
        assert planned.ok == _primitive_fits("bool", text), text


def test_a_nul_in_a_string_variable_is_planned_whole(terraform_runner: Any) -> None:
    doc = _document("string")
    planned = assert_plans(doc, runner=terraform_runner, variables={"v": "a\x00b"})
    assert planned.output("from_variable") == "a\x00b"
    fixture = assert_plans(doc, runner=terraform_runner, variables={"v": "x"},
                           data={FIXTURE: {"name": "a\x00b"}})
    assert fixture.output("from_fixture") == "a\x00b"


def test_a_nul_for_a_number_variable_is_refused(terraform_runner: Any) -> None:
    with pytest.raises(VariableValueError, match=r"variables\['v'\]: holds a NUL character"):
        terraform_runner.plan(_document("number"), variables={"v": "1\x002"})


def test_a_lone_surrogate_is_refused_not_a_dead_worker(terraform_runner: Any) -> None:
    doc = _document("string")
    with pytest.raises(VariableValueError, match="lone surrogate"):
        terraform_runner.plan(doc, variables={"v": "x\ud800y"})
    with pytest.raises(VariableValueError, match=r"variables\['m'\]\['k\\udfff'\]"):
        terraform_runner.plan(doc, variables={"m": {"k\udfff": "v"}})
    with pytest.raises(DataFixtureError, match=r"\.name: holds a lone surrogate"):
        assert_plans(doc, runner=terraform_runner, variables={"v": "x"},
                     data={FIXTURE: {"name": "x\ud800"}})
    # the worker is alive: the next plan runs
    assert assert_plans(doc, runner=terraform_runner, variables={"v": "ok"}).output(
        "from_variable") == "ok"


@pytest.mark.parametrize("data", [[{"name": "x"}], "data.openai_beta_assistant.read", 3])
def test_fixtures_that_are_not_a_mapping_are_refused(terraform_runner: Any, data: Any) -> None:
    with pytest.raises(DataFixtureError, match="data: expected a mapping"):
        assert_plans(_document("string"), runner=terraform_runner, variables={"v": "x"},
                     data=data)


def test_the_conversions_are_json_safe() -> None:
    """What the kit sends the stub is plain JSON (big numbers as exact text)."""
    from openai_constructs.testing.data_sources import conform

    assert json.loads(json.dumps(conform("number", 2**80 + 1))) == str(2**80 + 1)
    assert conform("number", 2**80) == str(2**80)
    assert conform("number", 2**62) == 2**62
    assert conform("number", "1e400") == str(10**400)
    assert conform("string", 1e-7) == "0.0000001"
