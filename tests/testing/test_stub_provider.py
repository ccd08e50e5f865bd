"""The stub provider's behaviour without Terraform: schema served, plans, read-only checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import msgpack
import pytest

from openai_constructs.testing.schema import load_schema
from openai_constructs.testing.terraform.stub_provider import StubProvider, main

ADDRESS = "registry.terraform.io/stainless-sdks/openai"


@pytest.fixture(scope="module")
def stub() -> StubProvider:
    return StubProvider(load_schema(), ADDRESS)


def test_schema_response_has_every_type(stub: StubProvider) -> None:
    response = stub.schema_response()
    schemas = load_schema().providers[ADDRESS]
    assert sorted(response.resource_schemas) == sorted(schemas.resources)
    assert sorted(response.data_source_schemas) == sorted(schemas.data_sources)
    names = {a.name: a for a in response.resource_schemas["openai_beta_assistant"].block.attributes}
    assert names["model"].required
    assert names["id"].computed and not names["id"].optional
    assert names["tools"].nested_type.attributes
    assert not response.diagnostics


def test_plan_marks_unset_computed_values_unknown(stub: StubProvider) -> None:
    proposed = {"model": "gpt-4o", "id": None, "name": None, "created_at": None}
    planned = msgpack.unpackb(stub.plan("openai_beta_assistant", msgpack.packb(proposed)))
    assert planned["model"] == "gpt-4o"
    assert planned["name"] is None  # optional, not computed: stays null
    for computed in ("id", "created_at"):
        assert isinstance(planned[computed], msgpack.ExtType)
        assert planned[computed].code == 0


def test_validate_flags_read_only_values_with_their_path(stub: StubProvider) -> None:
    config = {"model": "gpt-4o", "id": "asst_1", "object": None}
    (diagnostic,) = stub.validate("resource", "openai_beta_assistant", msgpack.packb(config))
    assert diagnostic.summary == "Invalid Configuration for Read-Only Attribute"
    assert [s.attribute_name for s in diagnostic.attribute.steps] == ["id"]
    clean = {"model": "gpt-4o", "id": None}
    assert stub.validate("resource", "openai_beta_assistant", msgpack.packb(clean)) == []


def test_unknown_provider_address_is_reported() -> None:
    stub = StubProvider(load_schema(), "registry.terraform.io/acme/none")
    (diagnostic,) = stub.schema_response().diagnostics
    assert "registry.terraform.io/acme/none is not in schema file" in diagnostic.detail


def test_check_mode_reports_bad_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    assert main(["--check", "--schema", str(bad)]) == 2
    assert "top level must be an object" in capsys.readouterr().err
    assert main(["--check"]) == 0
    assert "8 resources, 11 data sources" in capsys.readouterr().out


def test_refuses_to_serve_outside_terraform() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "openai_constructs.testing.terraform.stub_provider"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert proc.returncode == 1
    assert "Terraform starts it" in proc.stderr
    assert proc.stdout == ""
