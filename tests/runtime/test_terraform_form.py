"""``hcl.terraform_form``: the one place where a value helper is rendered and an L1 struct
encoded before its text is written (the validation walker and the L2 tool-resources merge
both read values through it)."""

from __future__ import annotations

from typing import Any

import pytest

from openai_constructs._runtime import cdk
from openai_constructs._runtime.hcl.terraform_form import terraform_form
from openai_constructs.errors import AttributeTypeError
from openai_constructs.l1.beta_assistant import BetaAssistantToolResourcesCodeInterpreter
from openai_constructs.values import CodeInterpreterResources


def test_a_helper_is_rendered() -> None:
    helper = CodeInterpreterResources(file_ids=["file-1"])
    assert terraform_form(helper) == helper.render() == {"file_ids": ["file-1"]}


def test_an_l1_struct_is_encoded_with_terraform_names() -> None:
    struct = BetaAssistantToolResourcesCodeInterpreter(file_ids=["file-1"])
    assert terraform_form(struct) == {"file_ids": ["file-1"]}


def test_a_helper_rendering_to_a_struct_is_encoded_too() -> None:
    class Helper:
        def render(self) -> Any:
            return BetaAssistantToolResourcesCodeInterpreter(file_ids=["f"])

    assert terraform_form(Helper()) == {"file_ids": ["f"]}


def test_plain_values_and_references_come_back_as_they_are() -> None:
    stack = cdk.TerraformStack(cdk.Testing.app(), "s")
    ids = cdk.TerraformVariable(stack, "ids", type="list(string)").list_value
    data: dict[str, Any] = {"file_ids": ["a"]}
    for value in (None, "text", b"bytes", data, ["a"], ("a",), 3, ids):
        assert terraform_form(value) is value


def test_an_encoding_error_of_the_struct_propagates() -> None:
    struct = BetaAssistantToolResourcesCodeInterpreter(file_ids=[1])  # type: ignore[list-item]
    with pytest.raises(AttributeTypeError):
        terraform_form(struct)
