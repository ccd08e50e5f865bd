"""``Violations.check_resource`` walks precompiled per-type plans; it must report exactly what
a plain scan of :data:`RULES` reports: same attributes, rules, details and order.

Also the lazy exports of ``openai_constructs.values`` (the same performance change)."""

from __future__ import annotations

import ast
import importlib
import os
import random
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from openai_constructs import values
from openai_constructs._l2.violations import _PLANS, _plain
from openai_constructs._runtime.tokens import is_unresolved
from openai_constructs.validation import RULES, Violation, Violations
from openai_constructs.values import FunctionTool, LastMessagesTruncation
from tests.test_validation import NESTED_THREAD

# -- the reference: the straightforward scan check_resource used to do -----------------------


def _reference_walk(root: Any, pattern: str) -> Iterator[tuple[str, Any]]:
    current: list[tuple[str, Any]] = [("", root)]
    for segment in pattern.split(".") if pattern else []:
        key, many = (segment[:-3], True) if segment.endswith("[*]") else (segment, False)
        step: list[tuple[str, Any]] = []
        for path, value in current:
            value = _plain(value)
            if is_unresolved(value) or not isinstance(value, Mapping):
                continue
            child = _plain(value.get(key))
            if child is None or is_unresolved(child):
                continue
            child_path = f"{path}.{key}" if path else key
            if not many:
                step.append((child_path, child))
            elif isinstance(child, (list, tuple)):
                step.extend((f"{child_path}[{i}]", item) for i, item in enumerate(child))
        current = step
    for path, value in current:
        plain = _plain(value)
        if plain is not None:
            yield path, plain


def reference(resource_type: str, attributes: Mapping[str, Any]) -> list[Violation]:
    order = {name: index for index, name in enumerate(attributes)}
    found: list[Violation] = []
    for item in RULES:
        for owner, pattern in item.where:
            if owner != resource_type:
                continue
            for path, value in _reference_walk(attributes, pattern):
                detail = item.detail(value)
                if detail is not None:
                    found.append(Violation(path, item, detail))
    found.sort(key=lambda v: order.get(re.split(r"[.\[]", v.attribute)[0], len(order)))
    return found


def indexed(resource_type: str, attributes: Mapping[str, Any]) -> list[Violation]:
    violations = Violations("S/x")
    violations.check_resource(resource_type, attributes)
    return list(violations)


def assert_same(resource_type: str, attributes: Mapping[str, Any]) -> list[Violation]:
    expected = reference(resource_type, attributes)
    got = indexed(resource_type, attributes)
    as_rows = [(v.attribute, v.rule.id, v.detail) for v in got]
    assert as_rows == [(v.attribute, v.rule.id, v.detail) for v in expected]
    assert got == expected  # the very same Rule objects too
    return got


# -- values: tokens, helpers, structs and junk -----------------------------------------------

STR_TOKEN = "${TfToken[TOKEN.12]}"
LIST_TOKEN = ["#{TfToken[TOKEN.13]}"]
MAP_TOKEN = {"&{TfToken[TOKEN.14]}": "x"}
NUM_TOKEN = -1.8881545897087626e289


class Resolvable:
    """Stands for a jsii ``IResolvable``."""

    def resolve(self, context: Any) -> Any:
        return "x"


class Helper:
    """A value helper: ``render()`` gives what L1 takes."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def render(self) -> Any:
        return self.value


class FakeStruct:
    """An L1 struct: ``to_terraform()`` encodes it, or raises for a type error."""

    def __init__(self, value: Any, broken: bool = False) -> None:
        self.value, self.broken = value, broken

    def to_terraform(self) -> Any:
        if self.broken:
            raise TypeError("bad struct")
        return self.value


TOKENS: list[Any] = [STR_TOKEN, f"pre {STR_TOKEN}", LIST_TOKEN, MAP_TOKEN, NUM_TOKEN, Resolvable()]
LEAVES: list[Any] = [
    "n" * 300, "d" * 600, "bad name", "ok_name", "web_search", "function", "file_search",
    "system", "user", "static", "auto", "last_messages", "random", "asc", "now", "created_at",
    "maximal", "high", '{"type": "xml"}', '{"type":"json_schema","json_schema":{"name":"a b"}}',
    '{"type":"function","function":{"name":"a b"}}', "sometimes", "required",
    0, -1, 1, 3, 2.5, 1.5, 0.5, 513, 10, float("nan"), True, None,
    {f"k{i}": "v" for i in range(17)}, {"k" * 65: "v"}, {"k": "v" * 513}, {"k": [1]},
    {"type": "last_messages"}, {"type": "auto", "last_messages": 2}, {"type": "function"},
    {"type": "file_search", "function": {"name": "f"}}, [{}, {}], ["f"] * 21, ["vs1", "vs2"],
    [{"type": "code_interpreter"}] * 129, [], {},
]


def _trie(resource_type: str) -> dict[str, Any]:
    """The attribute path patterns of ``resource_type`` as nested dicts of segments."""
    root: dict[str, Any] = {}
    for item in RULES:
        for owner, pattern in item.where:
            if owner == resource_type and pattern:
                node = root
                for segment in pattern.split("."):
                    node = node.setdefault(segment, {})
    return root


def _random_value(rng: random.Random, below: dict[str, Any]) -> Any:
    roll = rng.random()
    if roll < 0.1:
        return rng.choice(TOKENS)
    if roll < 0.15:
        return rng.choice([None, 7, "junk", ["a"], object()])
    if below and roll < 0.9:
        value: Any = _random_tree(rng, below)
    else:
        value = rng.choice(LEAVES)
    wrap = rng.random()
    if wrap < 0.08:
        return Helper(value)
    if wrap < 0.14:
        return FakeStruct(value)
    if wrap < 0.16:
        return FakeStruct(value, broken=True)
    return value


def _random_tree(rng: random.Random, trie: dict[str, Any]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    segments = list(trie)
    rng.shuffle(segments)  # the attribute order decides the report order
    for segment in segments:
        if rng.random() < 0.2:
            continue
        below = trie[segment]
        if segment.endswith("[*]"):
            if rng.random() < 0.15:
                tree[segment[:-3]] = rng.choice([*TOKENS, "junk", {"a": 1}, None])
            else:
                items = [_random_value(rng, below) for _ in range(rng.randrange(4))]
                tree[segment[:-3]] = tuple(items) if rng.random() < 0.2 else items
        else:
            tree[segment] = _random_value(rng, below)
    if rng.random() < 0.3:
        tree["unrelated"] = rng.choice(LEAVES)  # keys no rule looks at
    return tree


# -- the tests ---------------------------------------------------------------------------------

OWNERS = sorted({owner for item in RULES for owner, _ in item.where})


def test_plans_cover_every_resource_type_of_the_table() -> None:
    assert sorted(_PLANS) == OWNERS


@pytest.mark.parametrize("resource_type", OWNERS)
def test_random_attributes_match_the_plain_scan(resource_type: str) -> None:
    trie = _trie(resource_type)
    rng = random.Random(f"validation-index/{resource_type}")
    reported = 0
    for _ in range(300):
        reported += len(assert_same(resource_type, _random_tree(rng, trie)))
    assert reported > 20  # the inputs really do break rules


def _nest(pattern: str, leaf: Any) -> dict[str, Any]:
    value: Any = leaf
    for part in reversed(pattern.split(".")):
        key, many = (part[:-3], True) if part.endswith("[*]") else (part, False)
        value = {key: [value] if many else value}
    return dict(value)


def _merge(into: dict[str, Any], other: Mapping[str, Any]) -> None:
    for key, value in other.items():
        existing = into.get(key)
        if isinstance(existing, dict) and isinstance(value, dict):
            _merge(existing, value)
        elif isinstance(existing, list) and isinstance(value, list):
            into[key] = existing + value
        else:
            into[key] = value


@pytest.mark.parametrize("resource_type", OWNERS)
@pytest.mark.parametrize("leaf", [*LEAVES[:40], *TOKENS], ids=lambda v: repr(v)[:20])
def test_one_leaf_everywhere_matches_the_plain_scan(resource_type: str, leaf: Any) -> None:
    """The same value at every pattern of a type, merged into one attributes dict."""
    attributes: dict[str, Any] = {}
    for item in RULES:
        for owner, pattern in item.where:
            if owner == resource_type:
                _merge(attributes, _nest(pattern, leaf))
    assert_same(resource_type, attributes)
    assert_same(resource_type, dict(reversed(attributes.items())))


def test_the_existing_test_inputs_match_the_plain_scan() -> None:
    cases: list[tuple[str, dict[str, Any]]] = [
        ("openai_beta_assistant", {
            "model": "gpt-4o",
            "name": "n" * 300,
            "tools": [
                {"type": "code_interpreter"},
                FunctionTool("ok"),
                {"type": "function", "function": {"name": "fine"}},
                {"type": "function", "function": {"name": "bad name"}},
            ],
        }),
        ("openai_beta_thread", NESTED_THREAD),
        ("openai_beta_assistant", {
            "name": STR_TOKEN, "temperature": NUM_TOKEN, "metadata": Resolvable(),
            "tools": LIST_TOKEN,
            "tool_resources": {"code_interpreter": {"file_ids": LIST_TOKEN}},
        }),
        ("openai_beta_assistant", {
            "tools": [Resolvable(), {"type": STR_TOKEN, "function": {"name": STR_TOKEN}}],
            "tool_resources": Resolvable(),
        }),
        ("openai_beta_thread_run", {
            "truncation_strategy": LastMessagesTruncation(3),
            "tools": [FunctionTool("fine")] * 129,
        }),
        ("openai_beta_thread_run", {"top_p": 2, "temperature": -1, "tool_choice": "x"}),
        ("openai_beta_thread_run", {"name": "n" * 300}),
        ("data.openai_beta_assistants", {"order": "up", "max_items": 0}),
        ("data.openai_beta_assistant", {"find_one_by": {"order": "up"}}),
        ("openai_beta_assistant", {}),
        ("openai_beta_assistant", MAP_TOKEN),
        ("not_a_resource", {"name": "n" * 300}),
    ]
    for resource_type, attributes in cases:
        assert_same(resource_type, attributes)


def test_reports_follow_the_attribute_order() -> None:
    attributes = {"metadata": {"k" * 65: "v"}, "temperature": 3, "name": "n" * 300}
    got = assert_same("openai_beta_assistant", attributes)
    assert [v.attribute for v in got] == ["metadata", "temperature", "name"]


def test_violations_add_to_those_already_collected() -> None:
    violations = Violations("S/a")
    violations.check("temperature", 3)
    violations.check_resource("openai_beta_assistant", {"top_p": 2, "name": "n" * 300})
    assert [v.rule.id for v in violations] == ["temperature", "top_p", "assistant.name"]


# -- openai_constructs.values loads its names lazily ------------------------------------------
# (here because the lazy exports came with the same performance change)


def _type_checking_imports() -> dict[str, str]:
    """name -> module (relative to the package) from the ``if TYPE_CHECKING:`` block."""
    source = Path(values.__file__).read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom)
                module = "." * statement.level + (statement.module or "")
                found.update({alias.name: module for alias in statement.names})
    return found


def test_lazy_exports_agree_with_all_and_the_typing_imports() -> None:
    assert sorted(values._EXPORTS) == sorted(values.__all__)
    assert _type_checking_imports() == values._EXPORTS
    assert set(values.__all__) <= set(dir(values))


@pytest.mark.parametrize("name", values.__all__)
def test_every_name_in_all_resolves(name: str) -> None:
    exported = getattr(values, name)
    defining = importlib.import_module(values._EXPORTS[name], values.__name__)
    assert exported is getattr(defining, name)
    namespace: dict[str, Any] = {}
    exec(f"from openai_constructs.values import {name}", namespace)
    assert namespace[name] is exported


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
        values.Nope  # noqa: B018
    with pytest.raises(ImportError):
        exec("from openai_constructs.values import Nope", {})


def test_values_loads_helpers_on_first_use_only() -> None:
    script = (
        "import sys\n"
        "import openai_constructs.values as v\n"
        "assert 'openai_constructs.values.tools' not in sys.modules\n"
        "assert v.FunctionTool.__name__ == 'FunctionTool'\n"
        "assert 'openai_constructs.values.tools' in sys.modules\n"
        "assert 'openai_constructs.values.chatkit' not in sys.modules\n"
        "from openai_constructs.values import *\n"
        "assert set(v.__all__) <= set(globals())\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, env=os.environ.copy())
