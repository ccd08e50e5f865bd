"""Every validation rule names its source, and every quote in a source is found there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from openai_constructs.validation import RULES

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "seed" / "openai-beta-terraform-reference.txt"
PREFIXES = ("provider reference: ", "SDK: ", "API reference: ", "provider reference page: ")
SCHEMA = ROOT / "openai_constructs" / "schema" / "provider-schema.json"


def _normalized(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_rule_has_a_source() -> None:
    missing = [r.id for r in RULES if not r.source.startswith(PREFIXES)]
    assert not missing, f"rules without a source: {missing}"


def test_sdk_quotes_are_in_the_sdk() -> None:
    openai = pytest.importorskip("openai")
    types = Path(openai.__file__).parent / "types"
    sdk = _normalized("\n".join(p.read_text() for p in sorted(types.rglob("*.py"))))
    quoted = [(r.id, q) for r in RULES if r.source.startswith("SDK: ")
              for q in re.findall(r'"([^"]+)"', r.source)]
    assert len(quoted) >= 8
    assert [pair for pair in quoted if pair[1] not in sdk] == []


@pytest.mark.skipif(not REFERENCE.exists(), reason="the reference lives in ../shared (CI has it)")
def test_reference_quotes_are_in_the_reference() -> None:
    reference = _normalized(REFERENCE.read_text())
    quoted = [(r.id, q) for r in RULES if r.source.startswith(("provider reference: ",
                                                                 "API reference: "))
              for q in re.findall(r'"([^"]+)"', r.source)]
    assert len(quoted) >= 10
    assert [pair for pair in quoted if pair[1] not in reference] == []


def test_reference_page_quotes_are_in_the_transcribed_pages() -> None:
    """Rules from the reference pages beyond the seed (files, conversations) quote the text
    transcribed from them into the schema's descriptions (schema/NOTES.md, S1-S4)."""
    import json

    descriptions: list[str] = []

    def collect(attributes: dict[str, dict[str, object]]) -> None:
        for spec in attributes.values():
            descriptions.append(str(spec.get("description", "")))
            nested = spec.get("nested_type")
            if isinstance(nested, dict):
                collect(nested["attributes"])

    provider = json.loads(SCHEMA.read_text())["provider_schemas"][
        "registry.terraform.io/stainless-sdks/openai"]
    for schema in provider["resource_schemas"].values():
        collect(schema["block"]["attributes"])
    pages = _normalized("\n".join(descriptions))
    quoted = [(r.id, q) for r in RULES if r.source.startswith("provider reference page: ")
              for q in re.findall(r'"([^"]+)"', r.source)]
    assert len(quoted) >= 5
    assert [pair for pair in quoted if pair[1] not in pages] == []
