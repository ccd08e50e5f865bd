"""The provider schema against the official SDK's own types: every difference is explained.

The SDK (``openai``, pinned in the dev extras) is generated from the same API specification
as the provider; its request TypedDicts and response models are a source we did not write.
``openai_constructs/schema/NOTES.md`` lists every difference with its reason; this test fails
on a difference the list does not explain and on an explanation that matches nothing.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import pytest

from .sdk_shapes import Difference, compare, required_differences, schema_tree, sdk_tree

pytest.importorskip("openai", reason="the dev extras pin the openai SDK")

from .sdk_sources import sources

NOTES = Path(__file__).resolve().parents[2] / "openai_constructs" / "schema" / "NOTES.md"


def _explanations() -> list[tuple[list[str], list[str], str, str]]:
    text = NOTES.read_text()
    table = text.split("<!-- sdk-differences:start -->\n", 1)[1].split(
        "<!-- sdk-differences:end -->", 1)[0]
    rows = []
    for line in table.strip().splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        assert len(cells) == 4, line
        types, paths, what, reason = cells
        assert reason, f"a difference without its reason: {line}"
        rows.append((re.findall(r"`([^`]+)`", types), re.findall(r"`([^`]+)`", paths), what,
                     reason))
    return rows


def _address(kind: str, name: str) -> str:
    return name if kind == "resource" else f"data.{name}"


def _all_differences() -> tuple[int, list[tuple[str, Difference]]]:
    agree = 0
    found: list[tuple[str, Difference]] = []
    for (kind, name), classes in sources().items():
        schema = schema_tree(kind, name)
        paths, differences = compare(schema, sdk_tree(*classes))
        if kind == "resource":  # what must be given: the create params (listed first)
            differences += required_differences(schema, sdk_tree(classes[0]))
        agree += len(paths)
        found += [(_address(kind, name), d) for d in differences]
    return agree, found


def _explains(row: tuple[list[str], list[str], str, str], address: str, diff: Difference) -> bool:
    types, paths, what, _ = row
    return (
        (types == ["*"] or address in types)
        and what == diff.what
        and any(fnmatch.fnmatchcase(diff.path, pattern) for pattern in paths)
    )


def test_every_difference_from_the_sdk_is_explained_in_the_notes() -> None:
    rows = _explanations()
    agree, differences = _all_differences()
    unexplained = [
        f"{address} {d.path}: {d.what} ({d.detail})"
        for address, d in differences
        if not any(_explains(row, address, d) for row in rows)
    ]
    assert not unexplained, "differences not in NOTES.md:\n" + "\n".join(unexplained)
    stale = [row for row in rows if not any(_explains(row, a, d) for a, d in differences)]
    assert not stale, f"NOTES.md explains differences that no longer exist: {stale}"
    # The figures quoted in NOTES.md are the current ones.
    assert f"{agree} attribute paths agree" in NOTES.read_text()
    assert f"{len(differences)} differences" in NOTES.read_text()


def test_the_comparison_sees_what_it_claims() -> None:
    """The walker is not vacuous: known paths agree, and a removed subtree is reported."""
    from openai.types.beta import Assistant, assistant_create_params, assistant_update_params

    schema = schema_tree("resource", "openai_beta_assistant")
    sdk = sdk_tree(assistant_create_params.AssistantCreateParams,
                   assistant_update_params.AssistantUpdateParams, Assistant)
    paths, _ = compare(schema, sdk)
    assert {"model", "tools.function.name", "tools.file_search.ranking_options.score_threshold",
            "tool_resources.file_search.vector_stores.chunking_strategy.static"
            ".max_chunk_size_tokens", "metadata"} <= set(paths)
    del schema["tools"].children["file_search"]
    schema["temperature"].kinds = {"string"}
    _, differences = compare(schema, sdk)
    assert {(d.path, d.what) for d in differences} >= {
        ("tools.file_search", "sdk only"), ("temperature", "kind")}


def test_required_marks_are_compared() -> None:
    """``Required[...]`` is read from the SDK's hints (its modules postpone annotations, so
    ``__required_keys__`` is empty): known required attributes agree."""
    from openai.types.beta import assistant_create_params
    from openai.types.beta.threads import message_create_params

    assistant = sdk_tree(assistant_create_params.AssistantCreateParams)
    assert assistant["model"].required and not assistant["name"].required
    assert assistant["tools"].children["type"].required  # in every member of the union
    assert not assistant["tools"].children["function"].required  # in one member only
    message = sdk_tree(message_create_params.MessageCreateParams)
    assert message["content"].required and message["role"].required
    schema = schema_tree("resource", "openai_beta_assistant")
    assert required_differences(schema, assistant) == []
    schema["name"].required = True
    assert [d.path for d in required_differences(schema, assistant)] == ["name"]
