"""Parity with plain cdktf (issue 13): each case is built twice, with the generated classes and
with cdktf's own ``TerraformResource`` / ``TerraformDataSource`` carrying the same attributes
(through ``synthesize_attributes``, the hook ``cdktf get`` bindings implement), and the
synthesized documents of every stack must be the same.

- nested references used from another stack become cdktf's ``terraform_remote_state`` lookup;
- nested ``…OutputReference`` setters, ``put_*``, ``reset_*``, ``*_input``, ``internal_value``;
- Terraform attribute names as keyword arguments of struct classes, beside cdktf's spelling.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from openai_constructs._runtime import batch, cdk
from openai_constructs.cdk import App
from openai_constructs.errors import AttributeTypeError
from openai_constructs.l1.beta_assistant import (
    BetaAssistant,
    BetaAssistantToolResources,
    BetaAssistantToolResourcesCodeInterpreter,
)
from openai_constructs.l1.beta_chatkit_session import (
    BetaChatkitSession,
    BetaChatkitSessionRateLimits,
)
from openai_constructs.l1.data_openai_beta_assistants import DataOpenaiBetaAssistants
from openai_constructs.l1.provider import OpenaiProvider
from tests.conftest import strip_metadata

ROOT = Path(__file__).resolve().parents[2]
METADATA = {"provider_name": "openai", "provider_version_constraint": "~> 0.0.1"}


def plain(scope: Any, id: str, tf_type: str, attributes: dict[str, Any]) -> Any:
    """A plain cdktf resource of ``tf_type`` with exactly these Terraform attributes."""
    return _plain_class(cdk.TerraformResource)(scope, id, tf_type, attributes)


def plain_data(scope: Any, id: str, tf_type: str, attributes: dict[str, Any]) -> Any:
    return _plain_class(cdk.TerraformDataSource)(scope, id, tf_type, attributes)


_CLASSES: dict[Any, Any] = {}


def _plain_class(base: Any) -> Any:
    if base not in _CLASSES:

        class Plain(base):  # type: ignore[misc,valid-type]
            def __init__(self, scope: Any, id: str, kind: str, values: dict[str, Any]) -> None:
                super().__init__(
                    scope,
                    id,
                    terraform_resource_type=kind,
                    terraform_generator_metadata=cdk.TerraformProviderGeneratorMetadata(
                        **METADATA
                    ),
                )
                self._plain_values = values

            def _synthesize_attributes(self) -> dict[str, Any]:
                return self._plain_values

        _CLASSES[base] = Plain
    return _CLASSES[base]


def stacks(app: Any, names: str, *, ours: bool) -> list[Any]:
    """One stack per letter, each with the openai provider: ours, or a plain cdktf one."""
    out = []
    for name in names:
        stack = cdk.TerraformStack(app, name)
        if ours:
            OpenaiProvider(stack, "openai")
        else:
            cdk.TerraformProvider(
                stack,
                "openai",
                terraform_resource_type="openai",
                terraform_generator_metadata=cdk.TerraformProviderGeneratorMetadata(
                    provider_name="openai", provider_version_constraint="~> 0.0.1"
                ),
                terraform_provider_source="stainless-sdks/openai",
            )
        out.append(stack)
    return out


def _app_documents(build: Callable[[Any], None], outdir: Path) -> dict[str, Any]:
    """Every stack's ``cdk.tf.json`` after ``app.synth()`` (which runs cdktf's prepare pass,
    where cross-stack references are found), without cdktf's ``//`` metadata."""
    app = App(outdir=str(outdir))
    build(app)
    app.synth()
    return {
        path.parent.name: strip_metadata(json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(outdir.glob("stacks/*/cdk.tf.json"))
    }


def _stack_document(build: Callable[[Any], None]) -> Any:
    stack = cdk.TerraformStack(cdk.Testing.app(), "s")
    build(stack)
    return strip_metadata(json.loads(cdk.Testing.synth(stack)))


# ---------------------------------------------------------------------------------------
# 1. Nested references across stacks
# ---------------------------------------------------------------------------------------

ASSISTANT = {
    "model": "gpt-4o",
    "tools": [{"type": "function", "function": {"name": "lookup"}}],
    "tool_resources": {"code_interpreter": {"file_ids": ["file-1"]}},
}

# name → (what stack b takes from the assistant of stack a, as Terraform attribute path)
CROSS_STACK: dict[str, tuple[Callable[[Any], Any], str]] = {
    "list": (lambda a: a.tools, "tools"),
    "block": (lambda a: a.tool_resources, "tool_resources"),
    "nested-block": (lambda a: a.tool_resources.code_interpreter,
                     "tool_resources.code_interpreter"),
    "list-item": (lambda a: a.tools.get(0), "tools[0]"),
    "block-in-list-item": (lambda a: a.tools.get(0).function, "tools[0].function"),
}


def _cross_stack_uses(b: Any, value: Any) -> None:
    """Every way stack b can use the value: an output, a function over it, an attribute."""
    cdk.TerraformOutput(b, "whole", value=value)
    cdk.TerraformOutput(b, "length", value=cdk.Fn.length_of(value))
    cdk.TerraformOutput(b, "encoded", value=cdk.Fn.jsonencode(value))


@pytest.mark.parametrize("case", sorted(CROSS_STACK))
def test_a_nested_reference_from_another_stack_reads_remote_state(
    case: str, tmp_path: Path
) -> None:
    take, path = CROSS_STACK[case]

    def ours(app: Any) -> None:
        a, b = stacks(app, "ab", ours=True)
        _cross_stack_uses(b, take(BetaAssistant(a, "asst", **ASSISTANT)))

    def theirs(app: Any) -> None:
        a, b = stacks(app, "ab", ours=False)
        resource = plain(a, "asst", "openai_beta_assistant", ASSISTANT)
        _cross_stack_uses(b, resource.interpolation_for_attribute(path))

    documents = _app_documents(ours, tmp_path / "ours")
    assert documents == _app_documents(theirs, tmp_path / "cdktf")
    # What makes the case: stack b reads stack a's state and never names its resource.
    b = json.dumps(documents["b"])
    assert "terraform_remote_state" in b
    assert "openai_beta_assistant." not in b
    assert documents["a"]["output"]  # the cross-stack output cdktf adds to stack a


def test_a_nested_reference_as_an_attribute_of_another_stack(tmp_path: Path) -> None:
    def ours(app: Any) -> None:
        a, b = stacks(app, "ab", ours=True)
        source = BetaAssistant(a, "asst", **ASSISTANT)
        BetaAssistant(b, "copy", model="gpt-4o", tools=source.tools,
                      tool_resources=source.tool_resources)
        BetaAssistant(b, "files", model="gpt-4o", tool_resources={
            "code_interpreter": source.tool_resources.code_interpreter})

    def theirs(app: Any) -> None:
        a, b = stacks(app, "ab", ours=False)
        source = plain(a, "asst", "openai_beta_assistant", ASSISTANT)
        plain(b, "copy", "openai_beta_assistant", {
            "model": "gpt-4o",
            "tools": source.interpolation_for_attribute("tools"),
            "tool_resources": source.interpolation_for_attribute("tool_resources"),
        })
        plain(b, "files", "openai_beta_assistant", {"model": "gpt-4o", "tool_resources": {
            "code_interpreter": source.interpolation_for_attribute(
                "tool_resources.code_interpreter")}})

    documents = _app_documents(ours, tmp_path / "ours")
    assert documents == _app_documents(theirs, tmp_path / "cdktf")
    assert "openai_beta_assistant.asst" not in json.dumps(documents["b"])


def test_a_data_source_list_item_from_another_stack(tmp_path: Path) -> None:
    def ours(app: Any) -> None:
        a, b, c = stacks(app, "abc", ours=True)
        items = DataOpenaiBetaAssistants(a, "all", max_items=5).items
        _cross_stack_uses(b, items.get(0).tools)
        _cross_stack_uses(c, items.get(0).tools)  # one reference object, two other stacks

    def theirs(app: Any) -> None:
        a, b, c = stacks(app, "abc", ours=False)
        source = plain_data(a, "all", "openai_beta_assistants", {"max_items": 5})
        _cross_stack_uses(b, source.interpolation_for_attribute("items[0].tools"))
        _cross_stack_uses(c, source.interpolation_for_attribute("items[0].tools"))

    documents = _app_documents(ours, tmp_path / "ours")
    assert documents == _app_documents(theirs, tmp_path / "cdktf")
    for name in "bc":
        assert "data.openai_beta_assistants" not in json.dumps(documents[name])


def test_within_one_stack_a_nested_reference_is_unchanged(tmp_path: Path) -> None:
    def ours(app: Any) -> None:
        (stack,) = stacks(app, "a", ours=True)
        asst = BetaAssistant(stack, "asst", **ASSISTANT)
        _cross_stack_uses(stack, asst.tools.get(0).function)

    def theirs(app: Any) -> None:
        (stack,) = stacks(app, "a", ours=False)
        resource = plain(stack, "asst", "openai_beta_assistant", ASSISTANT)
        _cross_stack_uses(stack, resource.interpolation_for_attribute("tools[0].function"))

    documents = _app_documents(ours, tmp_path / "ours")
    assert documents == _app_documents(theirs, tmp_path / "cdktf")
    assert documents["a"]["output"]["whole"]["value"] == (
        "${openai_beta_assistant.asst.tools[0].function}"
    )


# ---------------------------------------------------------------------------------------
# 2. The generated API of nested references
# ---------------------------------------------------------------------------------------


def test_nested_setters_put_and_reset_synthesize_what_cdktf_would() -> None:
    def ours(stack: Any) -> None:
        asst = BetaAssistant(stack, "a", **ASSISTANT)
        asst.tool_resources.code_interpreter.file_ids = ["file-2", "file-3"]
        asst.tool_resources.put_file_search({"vector_store_ids": ["vs_1"]})
        asst.tool_resources.file_search.vector_store_ids = ["vs_2"]
        function = asst.tools.get(0).function
        function.description = "Look an order up."
        function.parameters = {"type": "object", "properties": {"id": {"type": "string"}}}
        function.strict = True
        function.reset_strict()
        asst.tools.get(0).type = "function"
        unset = BetaAssistant(stack, "b", model="gpt-4o")
        unset.tool_resources.code_interpreter.file_ids = ["file-9"]  # creates the blocks
        unset.tool_resources.code_interpreter.reset_file_ids()
        unset.tool_resources.code_interpreter.file_ids = ["file-8"]
        session = BetaChatkitSession(stack, "k", user="u", workflow={"id": "wf"})
        session.workflow.tracing.enabled = False
        session.workflow.version = "3"
        session.chatkit_configuration.file_upload.max_files = 4
        session.rate_limits.max_requests_per1_minute = 30
        session.expires_after.internal_value = {"anchor": "created_at", "seconds": 60}

    def theirs(stack: Any) -> None:
        plain(stack, "a", "openai_beta_assistant", {
            "model": "gpt-4o",
            "tools": [{"type": "function", "function": {
                "name": "lookup",
                "description": "Look an order up.",
                "parameters": {"type": '"object"',
                               "properties": '{"id":{"type":"string"}}'},
            }}],
            "tool_resources": {"code_interpreter": {"file_ids": ["file-2", "file-3"]},
                               "file_search": {"vector_store_ids": ["vs_2"]}},
        })
        plain(stack, "b", "openai_beta_assistant", {
            "model": "gpt-4o",
            "tool_resources": {"code_interpreter": {"file_ids": ["file-8"]}},
        })
        plain(stack, "k", "openai_beta_chatkit_session", {
            "user": "u",
            "workflow": {"id": "wf", "tracing": {"enabled": False}, "version": "3"},
            "chatkit_configuration": {"file_upload": {"max_files": 4}},
            "rate_limits": {"max_requests_per_1_minute": 30},
            "expires_after": {"anchor": "created_at", "seconds": 60},
        })

    assert _stack_document(ours) == _stack_document(theirs)


def test_a_reset_that_empties_a_block_unsets_it_as_cdktf_bindings_do() -> None:
    # cdktf's bindings: a block's internalValue is undefined once no attribute is set, unless
    # it was given empty; the parent block then has nothing set either.
    inputs: list[Any] = []

    def ours(stack: Any) -> None:
        emptied = BetaAssistant(stack, "a", model="gpt-4o",
                                tool_resources={"code_interpreter": {"file_ids": ["f"]}})
        emptied.tool_resources.code_interpreter.reset_file_ids()
        inputs.append(emptied.tool_resources_input)
        sibling = BetaAssistant(stack, "b", model="gpt-4o", tool_resources={
            "code_interpreter": {"file_ids": ["f"]}, "file_search": {"vector_store_ids": ["v"]}})
        sibling.tool_resources.reset_code_interpreter()
        given_empty = BetaAssistant(stack, "c", model="gpt-4o",
                                    tool_resources={"code_interpreter": {}})
        given_empty.tool_resources.code_interpreter.reset_file_ids()

    def theirs(stack: Any) -> None:
        plain(stack, "a", "openai_beta_assistant", {"model": "gpt-4o"})
        plain(stack, "b", "openai_beta_assistant", {
            "model": "gpt-4o", "tool_resources": {"file_search": {"vector_store_ids": ["v"]}}})
        plain(stack, "c", "openai_beta_assistant", {
            "model": "gpt-4o", "tool_resources": {"code_interpreter": {}}})

    assert _stack_document(ours) == _stack_document(theirs)
    assert inputs == [None]


def test_put_takes_a_value_or_the_attributes_as_keywords_like_cdktf() -> None:
    def ours(stack: Any) -> None:
        by_keywords = BetaAssistant(stack, "k", **ASSISTANT)
        by_keywords.put_tool_resources(code_interpreter={"file_ids": ["file-2"]})
        by_keywords.tool_resources.put_file_search(vector_store_ids=["vs_1"])
        by_keywords.tools.get(0).put_function(name="lookup", description="d")
        by_value = BetaAssistant(stack, "v", **ASSISTANT)
        by_value.put_tool_resources({"code_interpreter": {"file_ids": ["file-2"]}})
        by_value.tool_resources.put_file_search({"vector_store_ids": ["vs_1"]})
        by_value.tools.get(0).put_function({"name": "lookup", "description": "d"})
        session = BetaChatkitSession(stack, "s", user="u", workflow={"id": "wf"})
        session.put_rate_limits(max_requests_per_1_minute=5)
        session.put_chatkit_configuration()  # an empty block, as cdktf's put with no keywords

    def theirs(stack: Any) -> None:
        for id in "kv":
            plain(stack, id, "openai_beta_assistant", {
                "model": "gpt-4o",
                "tools": [{"type": "function", "function": {"name": "lookup",
                                                            "description": "d"}}],
                "tool_resources": {"code_interpreter": {"file_ids": ["file-2"]},
                                   "file_search": {"vector_store_ids": ["vs_1"]}},
            })
        plain(stack, "s", "openai_beta_chatkit_session", {
            "user": "u", "workflow": {"id": "wf"}, "chatkit_configuration": {},
            "rate_limits": {"max_requests_per_1_minute": 5}})

    assert _stack_document(ours) == _stack_document(theirs)


def test_put_with_a_value_and_keywords_is_an_error(stack: cdk.TerraformStack) -> None:
    asst = BetaAssistant(stack, "a", **ASSISTANT)
    with pytest.raises(AttributeTypeError, match=re.escape(
            "BetaAssistant 'test/a': tool_resources: given both as a value and as keywords "
            "(file_search); pass the value or its attributes as keywords")):
        asst.put_tool_resources({"code_interpreter": {}}, file_search={})
    with pytest.raises(AttributeTypeError, match=re.escape(
            "BetaAssistant 'test/a': tools[0].function: given both as a value and as keywords "
            "(name)")):
        asst.tools.get(0).put_function({"name": "f"}, name="g")
    with pytest.raises(AttributeTypeError, match=re.escape(
            "BetaAssistant 'test/a': tools[0].function.name: is required")):
        asst.tools.get(0).put_function(description="d")
    assert asst.tools_input == ASSISTANT["tools"]
    assert asst.tool_resources_input == ASSISTANT["tool_resources"]


def test_nested_inputs_and_internal_value_give_back_what_was_given(
    stack: cdk.TerraformStack,
) -> None:
    given = {"code_interpreter": {"file_ids": ["file-1"]}}
    struct = BetaAssistantToolResources(
        code_interpreter=BetaAssistantToolResourcesCodeInterpreter(file_ids=["file-1"]))
    from_dict = BetaAssistant(stack, "a", model="gpt-4o", tool_resources=given)
    from_struct = BetaAssistant(stack, "b", model="gpt-4o", tool_resources=struct)
    assert from_dict.tool_resources.internal_value == given
    assert from_struct.tool_resources.code_interpreter.internal_value is (
        struct.code_interpreter)
    assert from_dict.tool_resources.code_interpreter.file_ids_input == ["file-1"]
    assert from_dict.tools.internal_value is None
    assert from_dict.tool_resources.file_search.vector_store_ids_input is None

    from_dict.tool_resources.code_interpreter.file_ids = ["file-2"]
    from_struct.tool_resources.code_interpreter.file_ids = ["file-2"]
    # The top-level *_input and the nested views agree; what the user passed is untouched.
    assert from_dict.tool_resources_input == {"code_interpreter": {"file_ids": ["file-2"]}}
    assert from_dict.tool_resources.code_interpreter.file_ids_input == ["file-2"]
    assert given == {"code_interpreter": {"file_ids": ["file-1"]}}
    assert struct.code_interpreter is not None
    assert struct.code_interpreter.file_ids == ["file-1"]
    assert from_struct.tool_resources_input == BetaAssistantToolResources(
        code_interpreter=BetaAssistantToolResourcesCodeInterpreter(file_ids=["file-2"]))

    from_dict.tools.internal_value = [{"type": "code_interpreter"}]
    assert from_dict.tools_input == [{"type": "code_interpreter"}]
    assert from_dict.tools.get(0).type_input == "code_interpreter"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda a: setattr(a.tool_resources.code_interpreter, "file_ids", "file-1"),
         "BetaAssistant 's/a': tool_resources.code_interpreter.file_ids: expects a list of "
         "strings, got str 'file-1'"),
        (lambda a: setattr(a.tools.get(0).function, "name", 3),
         "BetaAssistant 's/a': tools[0].function.name: expects a string, got int 3"),
        (lambda a: setattr(a.tools.get(0).function, "name", None),
         "BetaAssistant 's/a': tools[0].function.name: is required"),
        (lambda a: a.tools.get(0).put_function({"nme": "x"}),
         "tools[0].function: unknown key 'nme'; did you mean 'name'?"),
        (lambda a: setattr(a.tools.get(2), "type", "file_search"),
         "tools: has no item [2] (it has 1); set the whole list with put_tools(...)"),
        (lambda a: setattr(a.tools.get(0), "internal_value", None),
         "tools[0]: cannot be unset on its own; set the list without it with put_tools(...)"),
        (lambda a: setattr(a.tool_resources.file_search.vector_stores.get(0), "file_ids", []),
         "tool_resources.file_search.vector_stores: has no item [0]: it is not set"),
        (lambda a: setattr(a.tools.get(0).function, "parameters", {"x": {1}}),
         "tools[0].function.parameters['x']: expects a JSON value, got set"),
    ],
)
def test_nested_changes_are_checked_like_the_constructor(
    change: Callable[[BetaAssistant], None], message: str
) -> None:
    stack = cdk.TerraformStack(cdk.Testing.app(), "s")
    asst = BetaAssistant(stack, "a", **ASSISTANT)
    before = strip_metadata(json.loads(cdk.Testing.synth(stack)))
    with pytest.raises(AttributeTypeError, match=re.escape(message)):
        change(asst)
    assert strip_metadata(json.loads(cdk.Testing.synth(stack))) == before  # nothing changed
    assert asst.tools_input == ASSISTANT["tools"]


def test_a_block_is_created_only_when_its_required_attributes_are_given(
    stack: cdk.TerraformStack,
) -> None:
    asst = BetaAssistant(stack, "a", model="gpt-4o", tools=[{"type": "code_interpreter"}])
    with pytest.raises(AttributeTypeError, match=re.escape(
            "tools[0].function: is not set, and setting only 'description' would leave its "
            "required 'name' unset; set the whole value with put_function(...)")):
        asst.tools.get(0).function.description = "d"
    asst.tools.get(0).function.name = "f"  # the one required attribute: the block can exist
    asst.tools.get(0).function.description = "d"
    asst.tools.get(0).function.reset_description()
    asst.tool_resources.file_search.reset_vector_store_ids()  # unset below unset: no block
    tools = json.loads(cdk.Testing.synth(stack))["resource"]["openai_beta_assistant"]["a"]
    assert tools["tools"] == [{"type": "code_interpreter", "function": {"name": "f"}}]
    assert "tool_resources" not in tools


def test_a_block_given_as_a_reference_changes_only_whole(stack: cdk.TerraformStack) -> None:
    source = BetaAssistant(stack, "source", **ASSISTANT)
    copy = BetaAssistant(stack, "copy", model="gpt-4o", tool_resources=source.tool_resources)
    with pytest.raises(AttributeTypeError, match=re.escape(
            "BetaAssistant 'test/copy': tool_resources: is a reference (known only when "
            "Terraform runs), so its parts cannot be set one by one; set the whole value "
            "with put_tool_resources(...)")):
        copy.tool_resources.code_interpreter.file_ids = ["file-2"]
    copy.tool_resources.internal_value = {"code_interpreter": {"file_ids": ["file-2"]}}
    body = json.loads(cdk.Testing.synth(stack))["resource"]["openai_beta_assistant"]["copy"]
    assert body["tool_resources"] == {"code_interpreter": {"file_ids": ["file-2"]}}


def test_tokens_pass_through_nested_setters(stack: cdk.TerraformStack) -> None:
    files = cdk.TerraformVariable(stack, "files", type="list(string)")
    name = cdk.TerraformVariable(stack, "name", type="string")
    asst = BetaAssistant(stack, "a", **ASSISTANT)
    asst.tool_resources.code_interpreter.file_ids = files.list_value
    asst.tools.get(0).function.name = name.string_value
    body = json.loads(cdk.Testing.synth(stack))["resource"]["openai_beta_assistant"]["a"]
    assert body["tool_resources"]["code_interpreter"]["file_ids"] == "${var.files}"
    assert body["tools"][0]["function"]["name"] == "${var.name}"


def test_a_nested_change_drops_the_copy_node_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Node parks the attributes of the whole stack on the first fetch (``batch.py``); a
    nested change to an element still waiting must be synthesized, not the parked copy."""
    calls: list[int] = []
    real = batch.collect

    def spy(elements: Any) -> list[Any]:
        calls.append(len(elements))
        return real(elements)

    monkeypatch.setattr(batch, "collect", spy)
    stack = cdk.TerraformStack(cdk.Testing.app(), "s")
    first = BetaAssistant(stack, "first", **ASSISTANT)
    second = BetaAssistant(stack, "second", **ASSISTANT)
    first.to_terraform()  # fetches both; second's copy waits in node
    assert calls == [2]
    second.tool_resources.code_interpreter.file_ids = ["changed"]
    second.tools.get(0).function.description = "changed"
    body = json.loads(cdk.Testing.synth(stack))["resource"]["openai_beta_assistant"]["second"]
    assert body["tool_resources"] == {"code_interpreter": {"file_ids": ["changed"]}}
    assert body["tools"][0]["function"]["description"] == "changed"
    assert calls == [2, 2]  # the waiting copy was dropped: the next pass fetched again


# ---------------------------------------------------------------------------------------
# 3. Terraform attribute names as keyword arguments
# ---------------------------------------------------------------------------------------


def test_terraform_and_cdktf_spellings_synthesize_alike() -> None:
    def ours(stack: Any) -> None:
        BetaChatkitSession(stack, "tf", user="u", workflow={"id": "wf"},
                           rate_limits=BetaChatkitSessionRateLimits(max_requests_per_1_minute=5))
        BetaChatkitSession(stack, "cdktf", user="u", workflow={"id": "wf"},
                           rate_limits=BetaChatkitSessionRateLimits(max_requests_per1_minute=5))
        BetaChatkitSession(stack, "dict", user="u", workflow={"id": "wf"},
                           rate_limits={"max_requests_per_1_minute": 5})

    def theirs(stack: Any) -> None:
        for id in ("tf", "cdktf", "dict"):
            plain(stack, id, "openai_beta_chatkit_session", {
                "user": "u", "workflow": {"id": "wf"},
                "rate_limits": {"max_requests_per_1_minute": 5}})

    assert _stack_document(ours) == _stack_document(theirs)


def test_one_value_under_either_spelling() -> None:
    terraform = BetaChatkitSessionRateLimits(max_requests_per_1_minute=5)
    cdktf = BetaChatkitSessionRateLimits(max_requests_per1_minute=5)
    assert terraform == cdktf
    assert terraform.max_requests_per_1_minute == terraform.max_requests_per1_minute == 5
    assert repr(cdktf) == "BetaChatkitSessionRateLimits(max_requests_per_1_minute=5)"
    cdktf.max_requests_per_1_minute = 7
    assert cdktf.to_terraform() == {"max_requests_per_1_minute": 7}


def test_both_spellings_at_once_are_an_error(stack: cdk.TerraformStack) -> None:
    with pytest.raises(AttributeTypeError, match=re.escape(
            "BetaChatkitSessionRateLimits: max_requests_per_1_minute: given twice, as "
            "max_requests_per_1_minute= and as max_requests_per1_minute=")):
        BetaChatkitSessionRateLimits(max_requests_per_1_minute=5, max_requests_per1_minute=5)
    with pytest.raises(AttributeTypeError, match=re.escape(
            "BetaChatkitSession 'test/k': rate_limits.max_requests_per_1_minute: given twice")):
        BetaChatkitSession(stack, "k", user="u", workflow={"id": "wf"}, rate_limits={
            "max_requests_per_1_minute": 5, "max_requests_per1_minute": 6})
    assert not stack.node.children


def test_the_terraform_spelling_comes_first_in_signature_and_docs() -> None:
    import inspect

    parameters = list(inspect.signature(BetaChatkitSessionRateLimits).parameters)
    assert parameters == ["max_requests_per_1_minute", "max_requests_per1_minute"]
    doc = BetaChatkitSessionRateLimits.__init__.__doc__ or ""
    assert doc.index(":param max_requests_per_1_minute:") < doc.index(
        ":param max_requests_per1_minute:")
    assert "as cdktf spells it" in doc


SNIPPET = '''
from openai_constructs.cdk import App, TerraformStack
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.beta_chatkit_session import BetaChatkitSessionRateLimits

BetaChatkitSessionRateLimits(max_requests_per_1_minute=5)
BetaChatkitSessionRateLimits(max_requests_per1_minute=5)
asst = BetaAssistant(TerraformStack(App(), "s"), "a", model="gpt-4o")
asst.tool_resources.code_interpreter.file_ids = ["file-1"]
asst.tool_resources.code_interpreter.reset_file_ids()
asst.tool_resources.put_code_interpreter({"file_ids": ["file-1"]})
asst.tools.get(0).function.name = "f"
files: list[str] | None = asst.tool_resources.code_interpreter.file_ids_input  # E1
BetaChatkitSessionRateLimits(max_requests_per_1_minute="5")  # E2
asst.tool_resources.code_interpreter.file_ids = 3  # E3
asst.put_tool_resources(code_interpreter={"file_ids": ["file-1"]})
asst.tool_resources.put_code_interpreter(file_ids=["file-1"])
asst.tool_resources.put_code_interpreter(file_ids=3)  # E4
'''


def test_mypy_accepts_both_spellings_and_types_nested_setters(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    source = tmp_path / "snippet.py"
    source.write_text(SNIPPET, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(source)],
        capture_output=True, text=True, cwd=ROOT,
    )
    lines = SNIPPET.splitlines()
    flagged = sorted({int(m) for m in re.findall(r"snippet\.py:(\d+): error", result.stdout)})
    expected = [i + 1 for i, line in enumerate(lines) if re.search(r"# E\d$", line)]
    assert flagged == expected, result.stdout


def test_the_readme_snippet_on_nested_changes_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = next(s for s in re.findall(r"```python\n(.*?)```", readme, re.S)
                   if "max_requests_per_1_minute=30" in s)
    namespace: dict[str, Any] = {}
    exec(compile(snippet, "README.md", "exec"), namespace)
    document = json.loads(cdk.Testing.synth(namespace["stack"]))["resource"]
    helper = document["openai_beta_assistant"]["helper"]
    assert helper["tool_resources"] == {
        "code_interpreter": {"file_ids": ["file-returns-policy"]},
        "file_search": {"vector_store_ids": ["vs_returns"]},
    }
    assert helper["tools"][0]["function"]["description"] == "Find an order by its number."
    chat = document["openai_beta_chatkit_session"]["chat"]
    assert chat["rate_limits"] == {"max_requests_per_1_minute": 30}
