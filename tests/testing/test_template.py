"""Template, Annotations, HCL input and the kit's secrets line, on real stacks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from openai_constructs import LiteralSecret, SensitiveValueError, TestingInputError
from openai_constructs.cdk import (
    App,
    TerraformOutput,
    TerraformStack,
    TerraformVariable,
    Testing,
    runtime_name,
)
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.testing import (
    Annotations,
    Capture,
    Match,
    Template,
    assert_has_resource,
    normalize,
    to_document,
)


def TerraformLocal(*args: Any) -> Any:
    import importlib

    return importlib.import_module(runtime_name()).TerraformLocal(*args)


def _stack(app: Any = None) -> TerraformStack:
    stack = TerraformStack(app if app is not None else Testing.app(), "prod")
    key = TerraformVariable(stack, "key", type="string", sensitive=True)
    OpenaiProvider(stack, "openai", api_key=key.string_value)
    helper = BetaAssistant(
        stack, "helper", model="gpt-4o", name="Helper", tools=[{"type": "code_interpreter"}],
        metadata={"team": "docs"}, lifecycle={"prevent_destroy": True},
    )
    BetaAssistant(stack, "other", model="gpt-4.1", name="Other")
    BetaThread(stack, "chat", metadata={"assistant": helper.id}, depends_on=[helper])
    TerraformOutput(stack, "assistant_id", value=helper.id)
    return stack


def test_properties_leave_meta_arguments_out_and_has_resource_sees_them() -> None:
    template = Template.from_stack(_stack())
    template.has_resource_properties("openai_beta_assistant", {"model": "gpt-4o"})
    with pytest.raises(AssertionError):
        template.has_resource_properties(
            "openai_beta_assistant", {"lifecycle": {"prevent_destroy": True}}
        )
    template.has_resource("openai_beta_assistant", {"lifecycle": {"prevent_destroy": True}})
    template.has_resource("openai_beta_thread", {"depends_on": ["openai_beta_assistant.helper"]})
    template.resource_count_is("openai_beta_assistant", 2)
    template.resource_properties_count_is(
        "openai_beta_assistant", {"model": Match.string_like_regexp("^gpt-4")}, 2
    )
    template.all_resources_properties("openai_beta_assistant", {"name": Match.any_value()})
    with pytest.raises(AssertionError, match="but only 1 match as expected"):
        template.all_resources("openai_beta_assistant", {"tools": Match.any_value()})
    assert set(template.find_resources("openai_beta_assistant", {"model": "gpt-4.1"})) == {
        "other"
    }
    template.has_output("assistant_id", {"value": "${openai_beta_assistant.helper.id}",
                                         "sensitive": Match.absent()})
    assert set(template.find_outputs("*")) == {"assistant_id"}
    template.has_provider("openai", {"api_key": "${var.key}"})


def test_a_failure_shows_the_closest_candidate_with_each_difference_at_its_path() -> None:
    template = Template.from_stack(_stack())
    with pytest.raises(AssertionError) as caught:
        template.has_resource_properties(
            "openai_beta_assistant",
            {"model": "gpt-4o", "tools": [{"type": "file_search"}], "metadata": {"team": "x"}},
        )
    text = str(caught.value)
    assert text.startswith(
        "Template has 2 resource(s) of type openai_beta_assistant, but none match as expected."
    )
    # helper differs in 2 places, other in 3: helper comes first
    assert text.index("openai_beta_assistant.helper (2 difference(s))") < text.index(
        "openai_beta_assistant.other"
    )
    assert 'at /tools/0/type: expected "file_search" but received "code_interpreter"' in text
    assert 'at /metadata/team: expected "x" but received "docs"' in text
    assert '"type": "code_interpreter"  !! expected "file_search"' in text


def test_captures_collect_from_every_matching_resource() -> None:
    template = Template.from_stack(_stack())
    name = Capture()
    template.has_resource_properties("openai_beta_assistant", {"name": name})
    assert [name.as_string(), name.next(), name.as_string()] == ["Helper", True, "Other"]


def test_bad_input_gets_testing_input_error() -> None:
    template = Template.from_stack(_stack())
    with pytest.raises(TestingInputError, match="did you mean 'openai_beta_assistant'"):
        template.resource_count_is("openai_beta_asistant", 0)
    with pytest.raises(TestingInputError, match="count must be a non-negative int"):
        template.resource_count_is("openai_beta_assistant", Match.any_value())  # type: ignore[arg-type]
    with pytest.raises(TestingInputError, match="expected a dict or a matcher"):
        template.has_resource_properties("openai_beta_assistant", "gpt-4o")
    # types of providers outside the schema are anyone's: a plain assertion failure
    with pytest.raises(AssertionError, match="Template has 0 resources of type aws_s3_bucket"):
        template.has_resource_properties("aws_s3_bucket", {})
    template.resource_count_is("aws_s3_bucket", 0)
    with pytest.raises(TestingInputError, match=r"HCL text:2:7: not valid Terraform native syntax"):
        Template.from_json('resource "a" "b" {\n  x = = 1\n}\n')
    with pytest.raises(TestingInputError, match="no such file"):
        Template.from_file("/nonexistent/cdk.tf")
    with pytest.raises(TestingInputError, match="HCL text: not a Terraform configuration: 'x'"):
        Template.from_json("x = 1\n")


def test_sensitive_values_are_matched_but_never_shown() -> None:
    template = Template.from_json({"provider": {"openai": [{"api_key": "sk-live-0123456789"}]}})
    template.has_provider("openai", {"api_key": Match.string_like_regexp("^sk-")})
    with pytest.raises(AssertionError) as caught:
        template.has_provider("openai", {"api_key": "sk-other"})
    assert "sk-live" not in str(caught.value) and "sk-other" not in str(caught.value)
    assert "<sensitive str of length 18>" in str(caught.value)


def test_annotations_find_the_retired_api_warning_and_its_absence() -> None:
    stack = _stack()
    annotations = Annotations.from_stack(stack)
    annotations.has_warning("prod", Match.string_like_regexp("Assistants API"))
    annotations.has_no_error("*", Match.any_value())
    annotations.has_no_info("*", Match.any_value())
    assert [m.construct_path for m in annotations.find_warning("*", Match.any_value())] == [
        "prod"
    ]
    with pytest.raises(AssertionError, match="none at 'prod/helper'"):
        annotations.has_warning("prod/helper", Match.any_value())
    with pytest.raises(AssertionError, match="Expected no warning annotation"):
        annotations.has_no_warning("*", Match.string_like_regexp("shut down"))
    quiet = Testing.app(context={"openai-constructs:acknowledgeRetiredApis": True})
    Annotations.from_stack(_stack(quiet)).has_no_warning("*", Match.any_value())
    with pytest.raises(TestingInputError):
        annotations.has_warning("*", 42)


def test_hcl_as_written_is_judged_like_its_json(tmp_path: Path) -> None:
    app = App(outdir=str(tmp_path / "out"), hcl_output=True)
    stack = _stack(app)
    from_stack = Template.from_stack(stack)  # rendered as the app writes it, read back
    app.synth()
    written = tmp_path / "out" / "stacks" / "prod" / "cdk.tf"
    from_file = Template.from_file(written)
    json_app = App(outdir=str(tmp_path / "json"))
    json_doc = to_document(_stack(json_app))
    for template in (from_stack, from_file, Template.from_json(written.read_text("utf-8"))):
        doc = template.to_json()
        for section in ("resource", "provider", "output", "variable"):
            assert doc[section] == json_doc[section], section
    assert_has_resource(written, "openai_beta_assistant", {"model": "gpt-4o"})
    assert_has_resource(str(written), "openai_beta_thread", {"metadata": Match.any_value()})


def test_the_kit_refuses_what_app_synth_refuses(tmp_path: Path) -> None:
    stack = TerraformStack(Testing.app(), "leaky")
    local = TerraformLocal(stack, "key", "sk-live-" + "a" * 24)
    OpenaiProvider(stack, "openai", api_key=local.as_string)
    for attempt in (to_document, Template.from_stack, Annotations.from_stack,
                    lambda s: normalize(s)):
        with pytest.raises(SensitiveValueError) as caught:
            attempt(stack)
        assert "sk-live" not in str(caught.value)
    app = App(outdir=str(tmp_path))
    copy = TerraformStack(app, "leaky")
    OpenaiProvider(copy, "openai", api_key=TerraformLocal(copy, "key", "sk-live-" + "a" * 24)
                   .as_string)
    with pytest.raises(SensitiveValueError):
        app.synth()

    plain = TerraformStack(Testing.app(), "plain")
    OpenaiProvider(plain, "openai")
    key = TerraformVariable(plain, "key", type="string", sensitive=True)
    TerraformOutput(plain, "leak", value=key.string_value)
    with pytest.raises(SensitiveValueError, match="pass sensitive=True"):
        Template.from_stack(plain)

    opted = TerraformStack(Testing.app(), "opted")
    OpenaiProvider(opted, "openai", api_key=LiteralSecret("sk-live-" + "b" * 24))
    snapshot = json.dumps(normalize(opted))
    assert "sk-live" not in snapshot and "<sensitive>" in snapshot


def test_data_sources_and_the_short_forms_take_matchers(tmp_path: Path) -> None:
    doc = {
        "data": {"openai_beta_assistant": {"same": {"assistant_id": "asst_1",
                                                    "depends_on": ["x.y"]}}},
        "resource": {"openai_beta_thread": {"t": {"metadata": {"k": "v"}}}},
    }
    template = Template.from_json(json.dumps(doc))
    template.has_data_source("openai_beta_assistant", {"assistant_id": Match.string_like_regexp(
        "^asst_"), "depends_on": Match.absent()})
    assert set(template.find_data_sources("openai_beta_assistant", {"depends_on": ["x.y"]})) == {
        "same"
    }
    with pytest.raises(TestingInputError, match="unknown data source type"):
        template.has_data_source("openai_beta_asistant", {})
    captured = Capture()
    assert assert_has_resource(doc, "openai_beta_thread", {"metadata": captured}) == "t"
    assert captured.as_object() == {"k": "v"}
    with pytest.raises(AssertionError, match="metadata/k: expected"):
        assert_has_resource(doc, "openai_beta_thread", {"metadata": Match.object_equals(
            {"k": "w"})})


def test_files_and_folders(tmp_path: Path) -> None:
    folder = tmp_path / "stacks" / "prod"
    folder.mkdir(parents=True)
    (folder / "cdk.tf.json").write_text(json.dumps(to_document(_stack())), encoding="utf-8")
    Template.from_file(folder).resource_count_is("openai_beta_assistant", 2)
    broken = tmp_path / "cdk.tf"
    broken.write_text('resource "openai_beta_thread" "t" {\n  metadata = {\n', encoding="utf-8")
    with pytest.raises(TestingInputError, match=rf"{broken}:\d+"):
        Template.from_file(broken)
    bad_json = tmp_path / "cdk.tf.json"
    bad_json.write_text("{", encoding="utf-8")
    with pytest.raises(TestingInputError, match="not valid JSON"):
        Template.from_file(bad_json)
    with pytest.raises(TestingInputError, match="holds neither"):
        Template.from_file(tmp_path / "stacks")


def test_terraform_validates_hcl_as_written(tmp_path: Path, terraform_runner: Any) -> None:
    from openai_constructs.testing import assert_valid_terraform

    app = App(outdir=str(tmp_path / "out"), hcl_output=True)
    stack = _stack(app)
    assert_valid_terraform(stack, runner=terraform_runner)  # the cdk.tf the app would write
    app.synth()
    written = tmp_path / "out" / "stacks" / "prod" / "cdk.tf"
    assert_valid_terraform(written, runner=terraform_runner)
    broken = tmp_path / "broken" / "cdk.tf"
    broken.parent.mkdir()
    text = written.read_text("utf-8").replace(
        'model = "gpt-4o"', 'model = "gpt-4o"\n  temperature = "hot"'
    )
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(AssertionError) as caught:
        assert_valid_terraform(broken.parent, runner=terraform_runner, schema_check=False)
    line = text.splitlines().index('  temperature = "hot"') + 1
    assert f"error: Incorrect attribute value type [cdk.tf:{line}]" in str(caught.value)


def test_a_plain_client_secret_output_passes_no_check(tmp_path: Path) -> None:
    """The issue's case: snapshots and validate used to pass it; App.synth() refuses it."""
    from openai_constructs import ChatKitSession
    from openai_constructs.testing import assert_matches_schema, assert_valid_terraform
    from openai_constructs.testing.snapshot import TerraformSnapshotExtension

    stack = TerraformStack(Testing.app(), "chat")
    OpenaiProvider(stack, "openai")
    session = ChatKitSession(stack, "s", workflow_id="wf_1", user="u")
    TerraformOutput(stack, "secret", value=session.client_secret)
    checks = (TerraformSnapshotExtension().serialize, assert_valid_terraform,
              assert_matches_schema, Template.from_stack)
    for check in checks:
        with pytest.raises(SensitiveValueError, match="pass sensitive=True"):
            check(stack)
