"""The construct path every error names has one home, ``_runtime.creation.construct_path``, and
it is the path node gives the construct once it exists."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from openai_constructs._runtime import cdk
from openai_constructs._runtime.creation import construct_path

PACKAGE = Path(__file__).resolve().parents[2] / "openai_constructs"


def test_the_path_is_the_one_node_gives_the_construct() -> None:
    app = cdk.Testing.app()
    stack = cdk.TerraformStack(app, "prod")
    parent = cdk.Construct(stack, "Support")
    for scope, id in ((stack, "a"), (parent, "b"), (app, "other-stack")):
        expected = construct_path(scope, id)  # asked before the construct exists
        created = cdk.Construct(scope, id)
        assert expected == str(created.node.path)
    assert construct_path(parent) == str(parent.node.path) == "prod/Support"


@pytest.mark.parametrize(("scope", "id", "expected"), [
    (None, "x", "x"), (object(), 3, "3"), ("not a construct", None, "?")])
def test_a_scope_that_is_not_a_construct_gives_the_id_alone(
    scope: object, id: object, expected: str
) -> None:
    assert construct_path(scope, id) == expected


def test_no_other_module_computes_a_construct_path() -> None:
    # A function that reads ``<x>.node.path`` and joins an id to it with "/" is a copy.
    copies = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef) or node.name == "construct_path":
                continue
            text = ast.unparse(node)
            if ".node.path" in text and "}/{" in text:
                copies.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}")
    assert copies == []
