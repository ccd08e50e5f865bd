"""Each matcher's semantics, case by case, against AWS CDK's documented behaviour.

The table holds (pattern, value, matches?, source) where the source is the AWS CDK
assertions README / match.ts behaviour the case reproduces (aws-cdk-lib
``packages/aws-cdk-lib/assertions``), or "Terraform" where the kit differs on purpose
(null is unset in Terraform; ``True`` is not ``1`` in JSON). A row that disagreed with
AWS CDK would be a bug in the kit, not in the table.
"""

from __future__ import annotations

from typing import Any

import pytest

from openai_constructs.errors import TestingInputError
from openai_constructs.testing import ANY, Capture, Match
from openai_constructs.testing._match import as_matcher

CDK = "AWS CDK"
TF = "Terraform"

CASES: list[tuple[str, Any, Any, bool, str]] = [
    # object_like: subset, deep (nested literal objects are object-like too)
    ("object_like extra keys", Match.object_like({"a": 1}), {"a": 1, "b": 2}, True, CDK),
    ("object_like missing key", Match.object_like({"a": 1}), {"b": 2}, False, CDK),
    ("object_like nested partial", Match.object_like({"a": {"b": 1}}),
     {"a": {"b": 1, "c": 2}}, True, CDK),
    ("object_like nested array exact length", Match.object_like({"a": [1]}),
     {"a": [1, 2]}, False, CDK),
    ("object_like nested array objects partial", Match.object_like({"a": [{"b": 1}]}),
     {"a": [{"b": 1, "c": 2}]}, True, CDK),
    ("object_like not an object", Match.object_like({"a": 1}), [1], False, CDK),
    ("object_like exact inside", Match.object_like({"a": Match.exact({"b": 1})}),
     {"a": {"b": 1, "c": 2}}, False, CDK),
    # object_equals: no extra keys at the top; nested literals exact too
    ("object_equals extra key", Match.object_equals({"a": 1}), {"a": 1, "b": 2}, False, CDK),
    ("object_equals same", Match.object_equals({"a": 1}), {"a": 1}, True, CDK),
    ("object_equals nested extra key", Match.object_equals({"a": {"b": 1}}),
     {"a": {"b": 1, "c": 2}}, False, CDK),
    ("object_equals null counts as absent", Match.object_equals({"a": 1}),
     {"a": 1, "b": None}, True, TF),
    # exact
    ("exact nested extra key", Match.exact({"a": {"b": 1}}), {"a": {"b": 1, "c": 0}}, False, CDK),
    ("exact scalar", Match.exact("x"), "x", True, CDK),
    ("exact type differs", Match.exact(1), "1", False, CDK),
    ("exact bool is not 1", Match.exact(True), 1, False, TF),
    # array_with: ordered subsequence, gaps allowed, literal objects exact
    ("array_with subset", Match.array_with([2]), [1, 2, 3], True, CDK),
    ("array_with in order", Match.array_with([1, 3]), [1, 2, 3], True, CDK),
    ("array_with out of order", Match.array_with([3, 1]), [1, 2, 3], False, CDK),
    ("array_with empty", Match.array_with([]), [1], True, CDK),
    ("array_with literal object exact", Match.array_with([{"a": 1}]), [{"a": 1, "b": 2}],
     False, CDK),
    ("array_with object_like element", Match.array_with([Match.object_like({"a": 1})]),
     [{"a": 1, "b": 2}], True, CDK),
    ("array_with not an array", Match.array_with([1]), {"a": 1}, False, CDK),
    # array_equals
    ("array_equals same", Match.array_equals([1, 2]), [1, 2], True, CDK),
    ("array_equals longer", Match.array_equals([1]), [1, 2], False, CDK),
    ("array_equals order", Match.array_equals([2, 1]), [1, 2], False, CDK),
    # absent, on nested keys too
    ("absent missing", Match.object_like({"a": Match.absent()}), {"b": 1}, True, CDK),
    ("absent present", Match.object_like({"a": Match.absent()}), {"a": 1}, False, CDK),
    ("absent nested", Match.object_like({"a": {"b": Match.absent()}}), {"a": {"c": 1}}, True,
     CDK),
    ("absent nested present", Match.object_like({"a": {"b": Match.absent()}}),
     {"a": {"b": 1}}, False, CDK),
    ("absent parent missing", Match.object_like({"a": {"b": Match.absent()}}), {}, False, CDK),
    ("absent null is unset", Match.object_like({"a": Match.absent()}), {"a": None}, True, TF),
    # any_value
    ("any_value present", Match.object_like({"a": Match.any_value()}), {"a": 0}, True, CDK),
    ("any_value missing", Match.object_like({"a": Match.any_value()}), {}, False, CDK),
    ("any_value null", Match.object_like({"a": Match.any_value()}), {"a": None}, False, CDK),
    ("ANY short form", Match.object_like({"a": ANY}), {"a": "x"}, True, CDK),
    # not_
    ("not_ different", Match.not_("x"), "y", True, CDK),
    ("not_ same", Match.not_("x"), "x", False, CDK),
    ("not_ array_with", Match.object_like({"a": Match.not_(Match.array_with([1]))}),
     {"a": [2, 3]}, True, CDK),
    # serialized_json: exact by default, matchers inside
    ("serialized_json exact", Match.serialized_json({"a": 1}), '{"a": 1}', True, CDK),
    ("serialized_json extra key", Match.serialized_json({"a": 1}), '{"a": 1, "b": 2}', False,
     CDK),
    ("serialized_json object_like", Match.serialized_json(Match.object_like({"a": 1})),
     '{"a": 1, "b": 2}', True, CDK),
    ("serialized_json not a string", Match.serialized_json({"a": 1}), {"a": 1}, False, CDK),
    ("serialized_json invalid", Match.serialized_json({"a": 1}), "{a:", False, CDK),
    # string_like_regexp: a search, not a full match
    ("regexp search", Match.string_like_regexp("gpt-4"), "gpt-4o", True, CDK),
    ("regexp anchored", Match.string_like_regexp("^4o"), "gpt-4o", False, CDK),
    ("regexp not a string", Match.string_like_regexp("1"), 1, False, CDK),
]


@pytest.mark.parametrize(
    ("pattern", "value", "expected"),
    [(c[1], c[2], c[3]) for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_each_matcher_behaves_as_documented(pattern: Any, value: Any, expected: bool) -> None:
    result = as_matcher(pattern, partial=False).test(value)
    assert result.ok is expected, result.lines()
    if not expected:
        assert result.lines()  # a failure always says why


def test_failures_carry_the_path_of_each_difference() -> None:
    result = Match.object_like({"a": {"b": [1, {"c": 2}]}, "d": 1}).test(
        {"a": {"b": [1, {"c": 3}]}}
    )
    assert result.lines() == [
        "at /a/b/1/c: expected 2 but received 3",
        "at /d: missing key (expected 1)",
    ]


def test_capture_keeps_values_only_when_the_whole_match_succeeds() -> None:
    capture = Capture()
    pattern = Match.object_like({"name": capture, "model": "gpt-4o"})
    pattern.test({"name": "no", "model": "gpt-4.1"}).finish()
    with pytest.raises(TestingInputError, match="no value captured"):
        capture.as_string()
    pattern.test({"name": "A", "model": "gpt-4o"}).finish()
    pattern.test({"name": "B", "model": "gpt-4o"}).finish()
    assert capture.as_string() == "A"
    assert capture.next() is True and capture.as_string() == "B"
    assert capture.next() is False
    with pytest.raises(TestingInputError, match="expected to be number but found string"):
        capture.as_number()


def test_capture_types_and_pattern() -> None:
    captures = {k: Capture() for k in ("n", "b", "l", "o")}
    Match.object_like(captures).test({"n": 1.5, "b": False, "l": [1], "o": {"x": 1}}).finish()
    assert captures["n"].as_number() == 1.5
    assert captures["b"].as_boolean() is False
    assert captures["l"].as_array() == [1]
    assert captures["o"].as_object() == {"x": 1}
    only_strings = Capture(Match.string_like_regexp("^a"))
    assert not Match.object_like({"k": only_strings}).test({"k": "b"}).finish().ok
    assert not Match.object_like({"k": Capture()}).test({"k": None}).finish().ok


@pytest.mark.parametrize(
    "build",
    [
        lambda: Match.exact(Match.any_value()),  # a matcher where a value is expected
        lambda: Match.array_with([Match.absent()]),  # CDK: cannot be nested in arrayWith
        lambda: Match.array_with([Match.any_value()]),
        lambda: Match.object_like([1]),  # type: ignore[arg-type]
        lambda: Match.array_equals({"a": 1}),  # type: ignore[arg-type]
        lambda: Match.string_like_regexp("("),
        lambda: Match.exact({1: "a"}),
        lambda: Match.exact({"a": {1, 2}}),
    ],
)
def test_bad_patterns_are_refused_with_one_documented_error(build: Any) -> None:
    with pytest.raises(TestingInputError):
        build()
