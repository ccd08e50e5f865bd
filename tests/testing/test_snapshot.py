"""The snapshot fixture and normalization: stable, secret-free, and failing on a change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from openai_constructs.testing import REDACTED, load_schema, normalize

Doc = dict[str, Any]
REPO = Path(__file__).resolve().parents[2]


def test_normalize_drops_metadata_and_redacts_secrets(valid_doc: Doc) -> None:
    valid_doc["//"] = {"metadata": {"version": "0.21.0", "stackName": "s"}}
    valid_doc["provider"]["openai"][0]["webhook_secret"] = "whsec_literal"
    valid_doc["variable"]["openai_api_key"]["default"] = "sk-literal"
    valid_doc["output"]["key"] = {"value": "sk-literal-2", "sensitive": True}
    valid_doc["resource"]["openai_beta_assistant"]["helper"]["//"] = {"metadata": {}}
    result = normalize(valid_doc, load_schema())
    assert "//" not in json.dumps(result)
    provider = result["provider"]["openai"][0]
    assert provider["webhook_secret"] == REDACTED
    assert provider["api_key"] == "${var.openai_api_key}"  # a reference shows wiring only
    assert provider["organization"] == "org-1"  # not sensitive
    assert result["variable"]["openai_api_key"]["default"] == REDACTED
    assert result["output"]["key"]["value"] == REDACTED
    assert "literal" not in json.dumps(result)


def test_normalize_keeps_the_version_constraint(valid_doc: Doc) -> None:
    result = normalize(valid_doc)
    assert result["terraform"]["required_providers"]["openai"]["version"] == "~> 0.0.1"


def test_snapshot_fixture_stores_normalized_json(terraform_snapshot: Any, valid_doc: Doc) -> None:
    valid_doc["provider"]["openai"][0]["admin_api_key"] = "sk-admin-literal"
    assert terraform_snapshot == valid_doc


def test_snapshot_workflow_in_a_fresh_project(tmp_path: Path) -> None:
    """Create, pass, then fail on a change, in a project that only loads the plugin."""
    test_file = tmp_path / "test_stack.py"
    template = textwrap.dedent(
        """
        def test_stack(terraform_snapshot):
            doc = {{"resource": {{"openai_beta_assistant": {{"a": {{"model": "{model}"}}}}}},
                   "provider": {{"openai": [{{"api_key": "sk-should-not-leak"}}]}}}}
            assert terraform_snapshot == doc
        """
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--rootdir",
        str(tmp_path),
        str(test_file),
    ]

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command, *extra],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=120,
            check=False,
        )

    test_file.write_text(template.format(model="gpt-4o"))
    created = run("--snapshot-update")
    assert created.returncode == 0, created.stdout + created.stderr
    (stored,) = (tmp_path / "__snapshots__").rglob("*.tf.json")
    text = stored.read_text()
    assert '"model": "gpt-4o"' in text
    assert "sk-should-not-leak" not in text
    assert run().returncode == 0

    test_file.write_text(template.format(model="gpt-4.1"))
    changed = run()
    assert changed.returncode == 1
    assert "gpt-4.1" in changed.stdout


def test_plugin_option_selects_the_schema(tmp_path: Path) -> None:
    """--terraform-schema makes every helper use the pinned file."""
    schema = {
        "format_version": "1.0",
        "provider_schemas": {
            "registry.terraform.io/acme/box": {
                "provider": {"block": {}},
                "resource_schemas": {
                    "box_item": {
                        "block": {"attributes": {"size": {"type": "number", "required": True}}}
                    }
                },
            }
        },
    }
    (tmp_path / "pinned.json").write_text(json.dumps(schema))
    (tmp_path / "test_pinned.py").write_text(
        textwrap.dedent(
            """
        import pytest
        from openai_constructs.testing import assert_matches_schema

        def test_pinned():
            assert_matches_schema({"resource": {"box_item": {"a": {"size": 1}}}})
            with pytest.raises(AssertionError, match="size: required attribute is missing"):
                assert_matches_schema({"resource": {"box_item": {"a": {}}}})
        """
        )
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tmp_path),
            "--terraform-schema",
            str(tmp_path / "pinned.json"),
            str(tmp_path / "test_pinned.py"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
