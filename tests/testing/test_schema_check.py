"""The pure-Python schema check: a catalogue of defects, each reported, and no false alarms."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from openai_constructs.testing import (
    SchemaFileError,
    assert_matches_schema,
    check_document,
    load_schema,
)

Doc = dict[str, Any]


def _assistant(doc: Doc) -> Doc:
    body: Doc = doc["resource"]["openai_beta_assistant"]["helper"]
    return body


# (id, mutation, expected path, expected kind)
CATALOGUE: list[tuple[str, Callable[[Doc], None], str, str]] = [
    (
        "unknown_top_level_attribute",
        lambda d: _assistant(d).update(colour="blue"),
        "resource.openai_beta_assistant.helper.colour",
        "unknown_attribute",
    ),
    (
        "unknown_key_in_single_nested_object",
        lambda d: _assistant(d)["tool_resources"]["code_interpreter"].update(extra=1),
        "resource.openai_beta_assistant.helper.tool_resources.code_interpreter.extra",
        "unknown_attribute",
    ),
    (
        "unknown_key_in_list_nested_object",
        lambda d: _assistant(d)["tools"][0].update(colour="red"),
        "resource.openai_beta_assistant.helper.tools[0].colour",
        "unknown_attribute",
    ),
    (
        "missing_required_attribute",
        lambda d: _assistant(d).pop("model"),
        "resource.openai_beta_assistant.helper.model",
        "missing_required",
    ),
    (
        "required_attribute_null",
        lambda d: _assistant(d).update(model=None),
        "resource.openai_beta_assistant.helper.model",
        "missing_required",
    ),
    (
        "computed_only_attribute_set",
        lambda d: _assistant(d).update(id="asst_1"),
        "resource.openai_beta_assistant.helper.id",
        "read_only",
    ),
    (
        "number_given_a_word",
        lambda d: _assistant(d).update(temperature="hot"),
        "resource.openai_beta_assistant.helper.temperature",
        "wrong_type",
    ),
    (
        "map_given_a_list",
        lambda d: _assistant(d).update(metadata=["a"]),
        "resource.openai_beta_assistant.helper.metadata",
        "wrong_type",
    ),
    (
        "list_nested_given_an_object",
        lambda d: _assistant(d).update(tools={"type": "code_interpreter"}),
        "resource.openai_beta_assistant.helper.tools",
        "wrong_type",
    ),
    (
        "string_list_given_an_object_element",
        lambda d: _assistant(d)["tool_resources"]["code_interpreter"].update(file_ids=[{}]),
        "resource.openai_beta_assistant.helper.tool_resources.code_interpreter.file_ids[0]",
        "wrong_type",
    ),
    (
        "unknown_resource_type",
        lambda d: d["resource"].update(openai_beta_nothing={"x": {}}),
        "resource.openai_beta_nothing",
        "unknown_type",
    ),
    (
        "data_source_missing_required",
        lambda d: d["data"].update(openai_beta_thread={"t": {}}),
        "data.openai_beta_thread.t.thread_id",
        "missing_required",
    ),
    (
        "unknown_provider_argument",
        lambda d: d["provider"]["openai"][0].update(region="eu"),
        "provider.openai[0].region",
        "unknown_attribute",
    ),
]


def test_valid_document_has_no_problems(valid_doc: Doc) -> None:
    assert check_document(valid_doc) == []
    assert_matches_schema(valid_doc)


@pytest.mark.parametrize(
    ("mutate", "path", "kind"),
    [pytest.param(m, p, k, id=i) for i, m, p, k in CATALOGUE],
)
def test_each_defect_is_reported(
    valid_doc: Doc, mutate: Callable[[Doc], None], path: str, kind: str
) -> None:
    mutate(valid_doc)
    problems = check_document(valid_doc)
    assert [(p.path, p.kind) for p in problems] == [(path, kind)]
    with pytest.raises(AssertionError, match="1 schema problem") as info:
        assert_matches_schema(valid_doc)
    assert path in str(info.value)


def test_unknown_attribute_message_lists_allowed_names(valid_doc: Doc) -> None:
    _assistant(valid_doc)["modle"] = "gpt-4o"
    (problem,) = check_document(valid_doc)
    assert "unknown attribute 'modle'" in problem.message
    assert "model" in problem.message
    # Only what configuration may set: computed-only attributes are not offered.
    allowed = problem.message.split("the schema allows: ")[1].split(", ")
    assert allowed == [
        "description",
        "instructions",
        "metadata",
        "model",
        "name",
        "reasoning_effort",
        "response_format",
        "temperature",
        "tool_resources",
        "tools",
        "top_p",
    ]
    assert not {"id", "created_at", "object"} & set(allowed)


@pytest.mark.parametrize(
    ("attribute", "value"),
    [
        ("temperature", "${var.temperature}"),
        ("tools", "${local.tools}"),
        ("metadata", "${var.metadata}"),
        ("tool_resources", "${var.resources}"),
        ("temperature", "0.5"),  # Terraform converts numeric strings
        ("name", 42),  # and numbers to strings
        ("instructions", "Say %{if var.formal}hello%{else}hi%{endif}"),
    ],
)
def test_values_terraform_accepts_are_accepted(valid_doc: Doc, attribute: str, value: Any) -> None:
    _assistant(valid_doc)[attribute] = value
    assert check_document(valid_doc) == []


def test_escaped_template_is_a_literal_string(valid_doc: Doc) -> None:
    _assistant(valid_doc)["temperature"] = "$${not.an.expression}"
    assert [p.kind for p in check_document(valid_doc)] == ["wrong_type"]


def test_meta_arguments_and_metadata_are_not_attributes(valid_doc: Doc) -> None:
    _assistant(valid_doc).update(
        count=2,
        depends_on=["openai_beta_thread.chat"],
        lifecycle={"prevent_destroy": True},
        provider="openai.other",
    )
    _assistant(valid_doc)["//"] = {"metadata": {"path": "s/helper"}}
    assert check_document(valid_doc) == []


def test_other_providers_resources_are_not_judged(valid_doc: Doc) -> None:
    valid_doc["resource"]["random_id"] = {"x": {"anything": True}}
    assert check_document(valid_doc) == []


def test_block_types_and_object_types_from_another_schema(tmp_path: Path) -> None:
    """Blocks (set, map nesting) and object types come from schemas other than ours."""
    schema = {
        "format_version": "1.0",
        "provider_schemas": {
            "registry.terraform.io/acme/box": {
                "provider": {"block": {}},
                "resource_schemas": {
                    "box_item": {
                        "version": 0,
                        "block": {
                            "attributes": {
                                "size": {
                                    "type": ["object", {"w": "number", "h": "number"}],
                                    "optional": True,
                                },
                            },
                            "block_types": {
                                "label": {
                                    "nesting_mode": "set",
                                    "min_items": 1,
                                    "block": {
                                        "attributes": {"text": {"type": "string", "required": True}}
                                    },
                                },
                                "slot": {
                                    "nesting_mode": "map",
                                    "block": {
                                        "attributes": {"n": {"type": "number", "optional": True}}
                                    },
                                },
                            },
                        },
                    }
                },
            }
        },
    }
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema))
    good = {
        "resource": {
            "box_item": {
                "a": {
                    "size": {"w": 1, "h": 2},
                    "label": [{"text": "x"}],
                    "slot": {"s1": {"n": 1}},
                }
            }
        }
    }
    assert check_document(good, path) == []
    bad = {
        "resource": {
            "box_item": {
                "a": {
                    "size": {"w": 1, "depth": 3},
                    "slot": {"s1": {"n": "many", "m": 1}},
                }
            }
        }
    }
    found = {(p.path, p.kind) for p in check_document(bad, path)}
    assert found == {
        ("resource.box_item.a.size.depth", "unknown_attribute"),
        ("resource.box_item.a.size.h", "missing_required"),
        ("resource.box_item.a.label", "missing_required"),
        ("resource.box_item.a.slot['s1'].m", "unknown_attribute"),
        ("resource.box_item.a.slot['s1'].n", "wrong_type"),
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ("{}", "no 'provider_schemas' object"),
        (
            '{"provider_schemas": {"registry.terraform.io/a/b": {"resource_schemas": '
            '{"b_x": {"block": {"attributes": {"n": {"type": "integer", "optional": true}}}}}}}}',
            "unknown type 'integer'",
        ),
        (
            '{"provider_schemas": {"registry.terraform.io/a/b": {"resource_schemas": '
            '{"b_x": {"block": {"attributes": {"n": {"type": "string"}}}}}}}}',
            "must be required, optional or computed",
        ),
    ],
)
def test_bad_schema_files_are_named_with_the_bad_spot(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(SchemaFileError, match=message) as info:
        load_schema(path)
    assert str(path) in str(info.value)


def test_missing_schema_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(SchemaFileError, match="cannot read provider schema file"):
        load_schema(tmp_path / "absent.json")
