"""Random valid and invalid configurations of every L1 class, drawn from its ``_FIELDS``."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openai_constructs._runtime.cdk import TerraformStack, Testing
from openai_constructs.errors import AttributeTypeError
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.testing import assert_matches_schema
from tests.hostile.strategies import (
    ALL_CLASSES,
    BUDGET,
    Tokens,
    break_one,
    config_expected,
    differences,
    document_body,
    field_values,
)

JS_TRACE = re.compile(r"at Kernel|jsii|\.js:\d+|node:internal|JSIIError")


def _kwargs(cls: type[Any], name: str, values: dict[str, Any]) -> dict[str, Any]:
    return {**values, "alias": name} if cls is OpenaiProvider else values


@BUDGET
@given(data=st.data())
def test_every_value_reaches_its_path_unchanged(data: st.DataObject) -> None:
    """One example: 1-3 random configurations of each of the 17 classes, one synth.

    Checks that synthesis succeeds, the document passes the schema check, and each body
    holds exactly what was set: nothing dropped, nothing invented, references resolved,
    JSON-text values decoding back to the input.
    """
    stack = TerraformStack(Testing.app(), "hostile")
    tokens = Tokens(stack)
    built: list[tuple[type[Any], str, dict[str, Any]]] = []
    for cls in ALL_CLASSES:
        for index in range(data.draw(st.integers(1, 3), label=f"{cls.__name__} count")):
            name = f"{cls.__name__.lower()}_{index}"
            values = data.draw(field_values(cls._FIELDS, tokens), label=name)
            cls(stack, name, **_kwargs(cls, name, values))
            built.append((cls, name, values))
    doc = json.loads(Testing.synth(stack))
    assert_matches_schema(doc)
    problems: list[str] = []
    for cls, name, values in built:
        want = config_expected(cls._FIELDS, values, tokens)
        got = {k: v for k, v in document_body(doc, cls, name).items() if k != "//"}
        problems += [f"{cls.__name__} {name}: {p}" for p in differences(want, got)]
    assert not problems, "\n".join(problems)


@settings(BUDGET, max_examples=BUDGET.max_examples * 4)  # no synth: ~10 ms per example
@given(data=st.data(), cls=st.sampled_from(ALL_CLASSES))
def test_one_bad_value_is_named_with_path_attribute_and_rule(
    data: st.DataObject, cls: type[Any]
) -> None:
    """One example: a valid configuration with one leaf broken; no synth needed.

    The error must be a Python ``TypeError`` raised before the construct joins the tree,
    start with ``<Class> '<construct path>': <attribute path>``, state the rule, and carry
    no JavaScript trace.
    """
    stack = TerraformStack(Testing.app(), "hostile")
    tokens = Tokens(stack)
    values = data.draw(field_values(cls._FIELDS, tokens), label="valid")
    breakage = data.draw(break_one(cls._FIELDS, values, tokens), label="broken")
    with pytest.raises(TypeError) as caught:
        cls(stack, "victim", **_kwargs(cls, "victim", breakage.kwargs))
    error = caught.value
    message = str(error)
    assert isinstance(error, AttributeTypeError), repr(error)
    prefix = f"{cls.__name__} 'hostile/victim': {breakage.attribute}"
    assert message.startswith(prefix), f"{message!r} does not start with {prefix!r}"
    rest = message[len(prefix):]
    assert re.match(r"(\[[^\]]*\])*: ", rest), message
    assert breakage.rule.search(rest), f"{message!r} does not match {breakage.rule.pattern!r}"
    assert not JS_TRACE.search(message), message
    assert (error.__cause__ is None and error.__context__ is None) or not JS_TRACE.search(
        repr(error.__context__))
    assert stack.node.try_find_child("victim") is None
