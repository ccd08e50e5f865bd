"""The kit on stacks built from the generated L1 classes (keyword arguments only)."""

from __future__ import annotations

from typing import Any

import pytest

from openai_constructs._runtime import cdk
from openai_constructs._runtime.cdk import TerraformOutput, TerraformStack, TerraformVariable
from openai_constructs.l1 import beta_assistant as l1_assistant
from openai_constructs.l1 import data_openai_beta_assistants as l1_data
from openai_constructs.l1 import provider as l1_provider
from openai_constructs.testing import (
    assert_has_output,
    assert_has_resource,
    assert_matches_schema,
    assert_plans,
    assert_valid_terraform,
)


@pytest.fixture
def l1_stack() -> TerraformStack:
    stack = TerraformStack(cdk.Testing.app(), "kit")
    key = TerraformVariable(stack, "openai_api_key", type="string", sensitive=True)
    l1_provider.OpenaiProvider(stack, "openai", api_key=key.string_value)
    assistant = l1_assistant.BetaAssistant(
        stack, "helper", model="gpt-4o", name="Helper", metadata={"team": "docs"}
    )
    l1_data.DataOpenaiBetaAssistants(stack, "all")
    TerraformOutput(stack, "assistant_id", value=assistant.id)
    return stack


def test_l1_stack_passes_every_check(l1_stack: TerraformStack, terraform_runner: Any) -> None:
    assert_has_resource(l1_stack, "openai_beta_assistant", {"model": "gpt-4o", "description": None})
    assert_has_output(l1_stack, "assistant_id", "${openai_beta_assistant.helper.id}")
    assert_matches_schema(l1_stack)
    assert_valid_terraform(l1_stack, runner=terraform_runner)
    plan = assert_plans(l1_stack, runner=terraform_runner, variables={"openai_api_key": "sk-x"})
    assert plan.summary["add"] == 1


def test_l1_stack_snapshot(l1_stack: TerraformStack, terraform_snapshot: Any) -> None:
    assert terraform_snapshot == l1_stack
