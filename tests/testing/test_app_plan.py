"""Whole apps planned by real Terraform: dependency order, remote state from planned outputs
or from fixtures, results per stack, bad input refused before anything is planned."""

from __future__ import annotations

from typing import Any

import pytest

from openai_constructs import TestingInputError
from openai_constructs.cdk import TerraformStack, TerraformVariable, Testing
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.testing import assert_plans


def _app() -> Any:
    app = Testing.app()
    # built consumer-first on purpose: the plan order must come from the references
    consumer = TerraformStack(app, "consumer")
    producer = TerraformStack(app, "producer")
    OpenaiProvider(consumer, "openai")
    OpenaiProvider(producer, "openai")
    helper = BetaAssistant(producer, "helper", model="gpt-4o", name="Helper")
    BetaThread(consumer, "chat", metadata={"assistant": helper.id, "name": helper.name})
    return app


def test_every_stack_plans_in_dependency_order_with_planned_outputs(terraform_runner: Any) -> None:
    plans = assert_plans(_app(), runner=terraform_runner)
    assert plans.order == ("producer", "consumer") and list(plans) == ["producer", "consumer"]
    assert plans["producer"].summary["add"] == 1
    values = plans["consumer"].resource("openai_beta_thread.chat", reveal_sensitive=True).values
    # a value known at plan flows as it is; an id (known after apply) as the schema's sample
    assert values["metadata"] == {"assistant": "sample-id", "name": "Helper"}
    assert {c.address for c in plans["consumer"].changes} == {"openai_beta_thread.chat"}


def test_a_stack_not_planned_reads_the_fixture(terraform_runner: Any) -> None:
    plans = assert_plans(
        _app(), runner=terraform_runner, stacks=["consumer"],
        remote_state={"producer": {"openai_beta_assistant.helper.id": "asst_1",
                                   "openai_beta_assistant.helper.name": "Support"}},
    )
    assert list(plans) == ["consumer"]
    values = plans["consumer"].resource("openai_beta_thread.chat", reveal_sensitive=True).values
    assert values["metadata"] == {"assistant": "asst_1", "name": "Support"}


def test_the_same_app_fails_alone_as_terraform_says(terraform_runner: Any) -> None:
    """Without the kit's remote state the consumer's plan fails: the producer's state does
    not exist (nothing was applied), which is what the docs' Limits section says."""
    app = _app()
    consumer = next(s for s in app.node.children if s.node.id == "consumer")
    result = terraform_runner.plan(consumer)
    assert not result.ok
    assert "Unable to find remote state" in result.report()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"stacks": ["nope"]}, "stacks= names no stack of the app: 'nope'"),
        ({"stacks": ["consumer"]}, "reads the outputs of stack 'producer', which is not planned"),
        ({"stacks": ["consumer"], "remote_state": {"ghost": {}}},
         "remote_state= names no stack of the app: 'ghost'"),
        ({"remote_state": {"producer": {}}}, "'producer' is planned"),
        ({"variables": {"ghost": {}}}, "variables= names no stack of the app: 'ghost'"),
    ],
)
def test_bad_input_is_refused_before_planning(
    terraform_runner: Any, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(TestingInputError, match=message):
        assert_plans(_app(), runner=terraform_runner, **options)


def test_a_failing_stack_is_named(terraform_runner: Any) -> None:
    app = _app()
    producer = next(s for s in app.node.children if s.node.id == "producer")
    needed = TerraformVariable(producer, "needed", type="string")  # no value given
    BetaAssistant(producer, "broken", model="gpt-4o", name=needed.string_value)
    with pytest.raises(AssertionError, match="terraform plan of stack 'producer' failed"):
        assert_plans(app, runner=terraform_runner)
    plans = assert_plans(app, runner=terraform_runner, variables={"producer": {"needed": "x"}})
    assert plans.ok


def test_the_runner_returns_every_result_and_data_fixtures_go_per_stack(
    terraform_runner: Any,
) -> None:
    from openai_constructs.l1.data_openai_beta_assistant import DataOpenaiBetaAssistant

    app = _app()
    consumer = next(s for s in app.node.children if s.node.id == "consumer")
    existing = DataOpenaiBetaAssistant(consumer, "existing", assistant_id="asst_9")
    BetaThread(consumer, "other", metadata={"model": existing.model})
    fixture = {"consumer": {"data.openai_beta_assistant.existing": {"model": "gpt-4.1"}}}
    plans = terraform_runner.plan_app(app, data=fixture)
    assert plans.ok and len(plans) == 2
    other = plans["consumer"].resource("openai_beta_thread.other").values
    assert other["metadata"] == {"model": "gpt-4.1"}
    with pytest.raises(KeyError, match="stacks planned: producer, consumer"):
        plans["ghost"]

    producer = next(s for s in app.node.children if s.node.id == "producer")
    needed = TerraformVariable(producer, "needed", type="string")
    BetaAssistant(producer, "broken", model="gpt-4o", name=needed.string_value)
    failed = terraform_runner.plan_app(app, data=fixture)
    assert not failed.ok and list(failed) == ["producer"]  # its consumer could not be planned
    assert "needed" in failed["producer"].report()


def test_one_stack_plans_with_remote_state_fixtures(terraform_runner: Any) -> None:
    app = _app()
    consumer = next(s for s in app.node.children if s.node.id == "consumer")
    plan = assert_plans(consumer, runner=terraform_runner, remote_state={
        "producer": {"openai_beta_assistant.helper.id": "asst_7",
                     "openai_beta_assistant.helper.name": "Seven"},
    })
    values = plan.resource("openai_beta_thread.chat", reveal_sensitive=True).values
    assert values["metadata"] == {"assistant": "asst_7", "name": "Seven"}
    with pytest.raises(TestingInputError, match="reads no remote state of 'ghost'"):
        assert_plans(consumer, runner=terraform_runner, remote_state={"ghost": {}})
    with pytest.raises(TestingInputError, match="give its outputs as remote_state="):
        assert_plans(consumer, runner=terraform_runner, data={
            "data.terraform_remote_state.cross-stack-reference-input-producer": {}})
    hand_written = {
        "data": {"terraform_remote_state": {"shared": {"backend": "s3", "config": {}}}},
        "output": {"team": {"value": "${data.terraform_remote_state.shared.outputs.team}"}},
    }
    plan = assert_plans(hand_written, runner=terraform_runner, remote_state={
        "data.terraform_remote_state.shared": {"team": "support"}})
    assert plan.output("team") == "support"


def test_a_consumer_is_judged_as_app_synth_writes_it_not_dangling() -> None:
    """Before, the kit rendered ${openai_beta_assistant.helper.id} in the consumer (a
    reference to a resource it does not declare) unless app.synth() had run."""
    from openai_constructs.testing import Template

    app = _app()
    consumer = next(s for s in app.node.children if s.node.id == "consumer")
    producer = next(s for s in app.node.children if s.node.id == "producer")
    template = Template.from_stack(consumer)
    template.has_data_source("terraform_remote_state", {"backend": "local"})
    template.has_resource_properties("openai_beta_thread", {"metadata": {
        "assistant": "${data.terraform_remote_state.cross-stack-reference-input-producer"
                     ".outputs.cross-stack-output-openai_beta_assistanthelperid}"}})
    Template.from_stack(producer).has_output(
        "cross-stack-output-openai_beta_assistanthelperid",
        {"value": "${openai_beta_assistant.helper.id}", "sensitive": True},
    )
