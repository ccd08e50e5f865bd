"""Every assertion helper: passes on a good document, fails with a message naming the spot."""

from __future__ import annotations

import json
from typing import Any

import pytest

from openai_constructs.testing import (
    ANY,
    assert_has_data_source,
    assert_has_output,
    assert_has_provider,
    assert_has_resource,
    assert_no_resource,
    assert_resource_counts,
    document,
    mismatches,
    resource_counts,
)

Doc = dict[str, Any]


def test_resource_with_properties_returns_its_name(valid_doc: Doc) -> None:
    name = assert_has_resource(
        valid_doc,
        "openai_beta_assistant",
        {"model": "gpt-4o", "tool_resources": {"code_interpreter": {"file_ids": ["file-1"]}}},
    )
    assert name == "helper"


def test_none_means_absent_not_anything(valid_doc: Doc) -> None:
    assert_has_resource(valid_doc, "openai_beta_assistant", {"description": None})
    with pytest.raises(AssertionError) as info:
        assert_has_resource(valid_doc, "openai_beta_assistant", {"name": None})
    assert "name: expected to be absent, found 'Helper'" in str(info.value)


def test_any_means_present(valid_doc: Doc) -> None:
    assert_has_resource(valid_doc, "openai_beta_assistant", {"name": ANY})
    with pytest.raises(AssertionError, match="description: expected a value, found none"):
        assert_has_resource(valid_doc, "openai_beta_assistant", {"description": ANY})


def test_wrong_value_names_path_expected_and_found(valid_doc: Doc) -> None:
    with pytest.raises(AssertionError) as info:
        assert_has_resource(
            valid_doc, "openai_beta_assistant", {"tools": [{"type": "file_search"}]}
        )
    message = str(info.value)
    assert "openai_beta_assistant.helper" in message
    assert "tools[0].type: expected 'file_search', found 'code_interpreter'" in message


def test_lists_must_have_equal_length(valid_doc: Doc) -> None:
    with pytest.raises(AssertionError, match="expected 2 item"):
        assert_has_resource(valid_doc, "openai_beta_assistant", {"tools": [ANY, ANY]})


def test_bool_is_not_a_number() -> None:
    assert mismatches(1, True) == ["value: expected 1, found True"]
    assert mismatches(True, True) == []
    assert mismatches(0.5, 0.5) == []


def test_missing_type_lists_present_types(valid_doc: Doc) -> None:
    with pytest.raises(AssertionError) as info:
        assert_has_resource(valid_doc, "openai_beta_thread_run")
    assert "openai_beta_assistant, openai_beta_thread" in str(info.value)


def test_accepts_json_text_and_drops_metadata(valid_doc: Doc) -> None:
    valid_doc["//"] = {"metadata": {"version": "0.21.0"}}
    text = json.dumps(valid_doc)
    assert "//" not in document(text)
    assert_has_resource(text, "openai_beta_thread", {"metadata": {"topic": ANY}})


def test_data_source(valid_doc: Doc) -> None:
    assert assert_has_data_source(valid_doc, "openai_beta_assistant") == "same"
    with pytest.raises(AssertionError, match="assistant_id: expected 'asst_9', found 'asst_123'"):
        assert_has_data_source(valid_doc, "openai_beta_assistant", {"assistant_id": "asst_9"})
    with pytest.raises(AssertionError, match="no data source of type 'openai_beta_threads'"):
        assert_has_data_source(valid_doc, "openai_beta_threads")


def test_no_resource(valid_doc: Doc) -> None:
    assert_no_resource(valid_doc, "openai_beta_thread_run")
    with pytest.raises(AssertionError, match="expected no 'openai_beta_thread' resource"):
        assert_no_resource(valid_doc, "openai_beta_thread")


def test_provider(valid_doc: Doc) -> None:
    assert_has_provider(valid_doc, "openai", {"api_key": "${var.openai_api_key}", "project": None})
    with pytest.raises(AssertionError, match="organization: expected 'org-2', found 'org-1'"):
        assert_has_provider(valid_doc, "openai", {"organization": "org-2"})
    with pytest.raises(AssertionError, match="no configuration of provider 'aws'"):
        assert_has_provider(valid_doc, "aws")


def test_output(valid_doc: Doc) -> None:
    assert_has_output(valid_doc, "assistant_id", "${openai_beta_assistant.helper.id}")
    assert_has_output(valid_doc, "assistant_id", sensitive=False)
    with pytest.raises(AssertionError, match="sensitive: expected True, found False"):
        assert_has_output(valid_doc, "assistant_id", sensitive=True)
    with pytest.raises(AssertionError, match="value: expected 'x', found"):
        assert_has_output(valid_doc, "assistant_id", "x")
    with pytest.raises(AssertionError, match="outputs present: assistant_id"):
        assert_has_output(valid_doc, "thread_id")


def test_counts(valid_doc: Doc) -> None:
    assert resource_counts(valid_doc) == {"openai_beta_assistant": 1, "openai_beta_thread": 1}
    assert resource_counts(valid_doc, "data") == {"openai_beta_assistant": 1}
    assert_resource_counts(valid_doc, {"openai_beta_assistant": 1, "openai_beta_thread_run": 0})
    assert_resource_counts(valid_doc, {"openai_beta_assistant": 1}, data_sources=True, exact=True)
    with pytest.raises(AssertionError) as info:
        assert_resource_counts(valid_doc, {"openai_beta_assistant": 1}, exact=True)
    assert "openai_beta_thread: expected 0, found 1" in str(info.value)
    with pytest.raises(AssertionError, match="openai_beta_assistant: expected 2, found 1"):
        assert_resource_counts(valid_doc, {"openai_beta_assistant": 2})


def test_rejects_other_objects() -> None:
    with pytest.raises(TypeError, match="expected a TerraformStack"):
        document(42)
