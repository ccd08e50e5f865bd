"""The schema file is what the reference and our written-down nesting plan give."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT.parent / "shared" / "seed" / "openai-beta-terraform-reference.txt"
SCHEMA = ROOT / "openai_constructs" / "schema" / "provider-schema.json"
ENCODINGS = ROOT / "openai_constructs" / "schema" / "encodings.json"
RETIRED = ROOT / "openai_constructs" / "schema" / "retired_apis.json"


def _provider() -> dict[str, object]:
    document = json.loads(SCHEMA.read_text())
    provider: dict[str, object] = document["provider_schemas"][
        "registry.terraform.io/stainless-sdks/openai"]
    return provider


@pytest.mark.skipif(not REFERENCE.exists(), reason="the reference lives in ../shared (CI has it)")
def test_schema_matches_reference_and_plan() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "reference_to_schema.py"), str(REFERENCE),
         str(SCHEMA), str(ENCODINGS), str(RETIRED), "--check"], capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr


def test_schema_covers_the_documented_surface() -> None:
    provider = _provider()
    assert sorted(provider["resource_schemas"]) == [  # type: ignore[call-overload]
        "openai_beta_assistant", "openai_beta_chatkit_session", "openai_beta_thread",
        "openai_beta_thread_message", "openai_beta_thread_run", "openai_conversation",
        "openai_file", "openai_vector_store",
    ]
    assert len(provider["data_source_schemas"]) == 11  # type: ignore[arg-type]
    attributes = provider["provider"]["block"]["attributes"]  # type: ignore[index]
    assert {k for k, v in attributes.items() if v.get("sensitive")} == {
        "api_key", "admin_api_key", "webhook_secret"}


def test_secrets_are_sensitive_and_computed_subtrees_are_computed() -> None:
    session = _provider()["resource_schemas"]["openai_beta_chatkit_session"]  # type: ignore[index]
    assert session["block"]["attributes"]["client_secret"] == {
        "computed": True, "sensitive": True, "type": "string", "description_kind": "plain",
        "description": "Ephemeral client secret that authenticates session requests.",
    }

    def walk(attrs: dict[str, dict[str, object]], computed: bool) -> None:
        for spec in attrs.values():
            if computed:
                assert spec.get("computed") and not spec.get("optional"), spec
            nested = spec.get("nested_type")
            if isinstance(nested, dict):
                walk(nested["attributes"], computed or bool(spec.get("computed")))

    for kind in ("resource_schemas", "data_source_schemas"):
        for schema in _provider()[kind].values():  # type: ignore[attr-defined]
            walk(schema["block"]["attributes"], False)


def test_successor_types_keep_the_reference_pages_modes() -> None:
    """The files page: ``file`` and ``purpose`` required, ``expires_after`` optional with
    both children required, the file object's fields computed; nothing secret."""
    resources = _provider()["resource_schemas"]
    file_attrs = resources["openai_file"]["block"]["attributes"]  # type: ignore[index]
    assert {k for k, v in file_attrs.items() if v.get("required")} == {"file", "purpose"}
    assert file_attrs["file"]["type"] == "string"
    expires = file_attrs["expires_after"]
    assert expires["optional"] and {
        k for k, v in expires["nested_type"]["attributes"].items() if v.get("required")
    } == {"anchor", "seconds"}
    assert {k for k, v in file_attrs.items() if v.get("computed")} == {
        "id", "bytes", "created_at", "expires_at", "filename", "object", "status",
        "status_details"}
    conversation = resources["openai_conversation"]["block"]["attributes"]  # type: ignore[index]
    assert list(conversation["items"]["nested_type"]["attributes"]) == [
        "content", "id", "phase", "role", "status", "type"]  # sorted by the JSON rendering
    assert conversation["items"]["nested_type"]["nesting_mode"] == "list"
    for kind in ("openai_file", "openai_vector_store", "openai_conversation"):
        attrs = resources[kind]["block"]["attributes"]  # type: ignore[index]
        assert not any(v.get("sensitive") for v in attrs.values())
