"""No assertion message, repr or check report of the kit shows a sensitive value.

A sensitive value (an attribute the provider schema marks sensitive, a sensitive output)
appears as its type and length; whole-string references such as ``${var.key}`` hold no
secret and are shown.
"""

from __future__ import annotations

from typing import Any

import pytest

from openai_constructs.testing import (
    Sensitive,
    assert_has_output,
    assert_has_provider,
    assert_matches_schema,
    check_document,
    mismatches,
)

Doc = dict[str, Any]
KEY = "sk-live-0123456789abcdef"


def _provider_doc(**config: Any) -> Doc:
    return {"provider": {"openai": [{"organization": "org-1", **config}]}}


@pytest.mark.parametrize(
    "expected",
    [{"api_key": None}, {"api_key": "sk-other"}, {"api_key": "${var.key}"}, {"api_key": 42}],
)
def test_assert_has_provider_never_prints_the_key(expected: Doc) -> None:
    with pytest.raises(AssertionError) as info:
        assert_has_provider(_provider_doc(api_key=KEY), "openai", expected)
    message = str(info.value)
    assert KEY not in message
    assert f"api_key: expected {'None' if expected['api_key'] is None else ''}" in message
    assert f"found <sensitive str of length {len(KEY)}>" in message
    if expected["api_key"] == "sk-other":
        assert "sk-other" not in message  # the expected side is a secret too


def test_references_and_plain_attributes_are_still_shown() -> None:
    with pytest.raises(AssertionError) as info:
        assert_has_provider(
            _provider_doc(api_key="${var.openai_api_key}"),
            "openai",
            {"api_key": None, "organization": "org-2"},
        )
    message = str(info.value)
    assert "api_key: expected None, found '${var.openai_api_key}'" in message
    assert "organization: expected 'org-2', found 'org-1'" in message
    assert_has_provider(_provider_doc(api_key=KEY), "openai", {"api_key": KEY})


def test_sensitive_output_values_are_not_printed() -> None:
    doc = {"output": {"key": {"value": KEY, "sensitive": True}}}
    with pytest.raises(AssertionError) as info:
        assert_has_output(doc, "key", "sk-other")
    assert KEY not in str(info.value)
    assert f"<sensitive str of length {len(KEY)}>" in str(info.value)
    assert_has_output(doc, "key", KEY, sensitive=True)


def test_schema_check_describes_a_sensitive_value_by_type_and_length() -> None:
    doc = _provider_doc(api_key=["sk-in-a-list"], webhook_secret={"s": KEY})
    problems = [str(p) for p in check_document(doc)]
    assert problems == [
        "provider.openai[0].api_key: expected a string, got <sensitive list of 1 item(s)>",
        "provider.openai[0].webhook_secret: expected a string, got <sensitive dict of 1 item(s)>",
    ]
    with pytest.raises(AssertionError) as info:
        assert_matches_schema(doc)
    assert "sk-in-a-list" not in str(info.value) and KEY not in str(info.value)


def test_sensitive_wrapper() -> None:
    wrapped = Sensitive(KEY)
    assert repr(wrapped) == str(wrapped) == f"<sensitive str of length {len(KEY)}>"
    assert f"{wrapped}" == f"<sensitive str of length {len(KEY)}>"
    assert wrapped.reveal() == KEY
    assert mismatches(KEY, wrapped) == []
    assert mismatches("x", wrapped) == [
        f"value: expected <sensitive str of length 1>, found <sensitive str of length {len(KEY)}>"
    ]
