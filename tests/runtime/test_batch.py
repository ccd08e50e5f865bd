"""Batched synthesis (``_runtime/batch.py``): one fetch per stack, never a stale attribute.

Node asks the first generated element of a stack for its attributes and gets those of every
generated element of the stack in one call; each element then takes its own copy once. These
tests count the calls, change attributes between, during and after fetches, mix plain data
with object references (which travel through jsii instead of the JSON document), and compare
everything with the one-fetch-per-element mode that mirrors a per-resource callback.
"""

from __future__ import annotations

import gzip
import importlib
import io
import json
import tarfile
from collections.abc import Iterator
from typing import Any, ClassVar

import jsii
import pytest

from openai_constructs._runtime import batch, bindings, cdk, creation
from openai_constructs.cdk import App
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.data_openai_beta_assistant import DataOpenaiBetaAssistant
from openai_constructs.l1.provider import OpenaiProvider


@pytest.fixture
def fetches(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[str]]]:
    """The construct paths of the elements in each call node makes to ``batch.collect``."""
    calls: list[list[str]] = []
    real = batch.collect

    def spy(elements: Any) -> list[Any]:
        calls.append([str(e.node.path) for e in elements])
        return real(elements)

    monkeypatch.setattr(batch, "collect", spy)
    yield calls
    creation.use_fast_paths(True)


def _body(stack: Any, kind: str, name: str) -> dict[str, Any]:
    doc = json.loads(cdk.Testing.synth(stack))
    section = doc["data" if kind.startswith("data.") else "resource"]
    body = section[kind.removeprefix("data.")][name]
    return {k: v for k, v in body.items() if k != "//"}


def _stack(name: str = "s") -> Any:
    return cdk.TerraformStack(cdk.Testing.app(), name)


def test_one_fetch_per_stack_per_pass(fetches: list[list[str]]) -> None:
    stack = _stack()
    OpenaiProvider(stack, "openai")  # providers keep their own callback: not batched
    for i in range(20):
        assistant = BetaAssistant(stack, f"a{i}", model="gpt-4o", name=f"n{i}")
        BetaThread(stack, f"t{i}", metadata={"assistant": assistant.id})
    DataOpenaiBetaAssistant(stack, "d", assistant_id="asst_1")
    cdk.Testing.synth(stack)
    assert len(fetches) == 1
    assert len(fetches[0]) == 41 and "s/d" in fetches[0] and "s/openai" not in fetches[0]
    cdk.Testing.synth(stack)
    assert len(fetches) == 2  # a second pass fetches again: nothing is served twice


def test_app_synth_fetches_once_per_stack_per_pass(
    fetches: list[list[str]], tmp_path: Any
) -> None:
    app = App(outdir=str(tmp_path))
    first = cdk.TerraformStack(app, "first")
    second = cdk.TerraformStack(app, "second")
    OpenaiProvider(first, "openai")
    OpenaiProvider(second, "openai")
    assistant = BetaAssistant(first, "a", model="gpt-4o")
    BetaAssistant(first, "b", model="gpt-4o")
    BetaThread(second, "t", metadata={"assistant": assistant.id})  # cross-stack reference
    app.synth()
    stacks = sorted({path[0].split("/")[0] for path in fetches})
    assert stacks == ["first", "second"]
    # App.synth resolves every stack twice (prepareStack, then the output): two per stack.
    assert len(fetches) == 4
    assert all(len(call) == (2 if call[0].startswith("first") else 1) for call in fetches)


def test_node_names_the_elements_by_their_jsii_ids(
    fetches: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The elements of a fetch travel as the ids jsii knows them by (one string), not as one
    object reference each; were the kernel to stop tagging its objects with their id, this
    fails while synthesis still works (``batch.js`` then sends the references)."""
    named: list[str] = []
    real = batch.elements_of

    def spy(ids: str) -> list[Any]:
        named.append(ids)
        return real(ids)

    monkeypatch.setattr(batch, "elements_of", spy)
    stack = _stack()
    elements = [BetaAssistant(stack, f"a{i}", model="gpt-4o") for i in range(3)]
    cdk.Testing.synth(stack)
    assert named == [" ".join(_jsii_id(e) for e in elements)]
    assert fetches == [["s/a0", "s/a1", "s/a2"]]


def _jsii_id(element: Any) -> str:
    from openai_constructs._runtime import _jsii

    found = _jsii.object_id(element)
    assert found is not None
    return found


def test_per_element_mode_fetches_each_element_alone(fetches: list[list[str]]) -> None:
    creation.use_fast_paths(False)
    stack = _stack()
    for i in range(3):
        BetaAssistant(stack, f"a{i}", model="gpt-4o")
    cdk.Testing.synth(stack)
    assert fetches == [["s/a0"], ["s/a1"], ["s/a2"]]


def test_a_change_after_a_synth_is_synthesized() -> None:
    stack = _stack()
    assistant = BetaAssistant(stack, "a", model="gpt-4o", name="before")
    assert _body(stack, "openai_beta_assistant", "a")["name"] == "before"
    assistant.name = "after"
    assistant.put_tools([{"type": "code_interpreter"}])
    assert _body(stack, "openai_beta_assistant", "a") == {
        "model": "gpt-4o",
        "name": "after",
        "tools": [{"type": "code_interpreter"}],
    }
    assistant.reset_name()
    assert "name" not in _body(stack, "openai_beta_assistant", "a")


def test_a_change_while_node_holds_a_fetched_copy(fetches: list[list[str]]) -> None:
    """``to_terraform()`` on one element fetches the whole stack; the others' copies wait in
    node. Changing one of them must drop its copy, or the next synth would serve it stale.
    """
    stack = _stack()
    first = BetaAssistant(stack, "first", model="gpt-4o", name="one")
    second = BetaAssistant(stack, "second", model="gpt-4o", name="two")
    data = DataOpenaiBetaAssistant(stack, "d", assistant_id="asst_1")
    first.to_terraform()
    assert fetches == [["s/first", "s/second", "s/d"]]
    second.name = "changed"
    data.assistant_id = "asst_2"
    assert _body(stack, "openai_beta_assistant", "second")["name"] == "changed"
    assert _body(stack, "data.openai_beta_assistant", "d")["assistant_id"] == "asst_2"
    # Both waiting copies were dropped, so the next pass fetched the whole stack again.
    assert fetches[1] == ["s/first", "s/second", "s/d"]


def test_unchanged_waiting_copies_are_served_without_a_fetch(
    fetches: list[list[str]],
) -> None:
    stack = _stack()
    first = BetaAssistant(stack, "first", model="gpt-4o")
    BetaAssistant(stack, "second", model="gpt-4o", name="two")
    first.to_terraform()
    first.name = "changed"  # only this one's copy is dropped (its own was already taken)
    assert _body(stack, "openai_beta_assistant", "second")["name"] == "two"
    # second's waiting copy was served; first (taken, then changed) was fetched alone.
    assert fetches == [["s/first", "s/second"], ["s/first"]]


def _mixed(app: Any) -> list[Any]:
    """Plain data next to every kind of value only jsii can carry."""
    stack = cdk.TerraformStack(app, "mixed")
    variable = cdk.TerraformVariable(stack, "v", type="any")
    text = cdk.TerraformVariable(stack, "s", type="string")
    number = cdk.TerraformVariable(stack, "n", type="number")
    BetaAssistant(stack, "plain", model="gpt-4o", metadata={"$jsii.byref": "x", "k": "v"})
    BetaAssistant(stack, "opaque", model="gpt-4o", metadata=variable.value)
    BetaAssistant(
        stack,
        "lazy",
        model=cdk.Lazy.string_value(producer=_Produce("gpt-4o-mini")),
        name=text.string_value,
        temperature=number.number_value,
        metadata={"$jsii.map": "y"},
    )
    BetaThread(stack, "any", metadata=cdk.Token.as_any(variable.value))
    return [stack]


@jsii.implements(importlib.import_module(cdk.runtime_name()).IStringProducer)
class _Produce:
    """A Python ``IStringProducer`` for ``Lazy.string_value`` (a callback at resolve time)."""

    def __init__(self, value: str) -> None:
        self.value = value

    def produce(self, context: Any) -> str:
        return self.value


def test_object_references_travel_outside_the_json_document() -> None:
    stack = _mixed(cdk.Testing.app())[0]
    elements = [c for c in stack.node.children if isinstance(c, bindings.Resource)]
    text, objects = batch.collect(elements)
    names = [str(e.node.id) for e in elements]
    decoded = json.loads(text)
    # Lazy values and variables typed string/number are token strings and numbers: plain data.
    assert [names[i] for i, v in enumerate(decoded) if v is None] == ["opaque", "any"]
    assert sorted(objects) == [str(names.index(n)) for n in ("opaque", "any")]
    assert decoded[names.index("plain")]["metadata"] == {"$jsii.byref": "x", "k": "v"}


def test_mixed_values_match_the_per_element_mode() -> None:
    documents = []
    for batching in (True, False):
        creation.use_fast_paths(batching)
        documents.append(json.loads(cdk.Testing.synth(_mixed(cdk.Testing.app())[0])))
    creation.use_fast_paths(True)
    assert documents[0] == documents[1]
    body = documents[0]["resource"]["openai_beta_assistant"]
    assert body["plain"]["metadata"] == {"$jsii.byref": "x", "k": "v"}
    assert body["opaque"]["metadata"] == "${var.v}"
    assert body["lazy"]["model"] == "gpt-4o-mini"
    assert body["lazy"]["name"] == "${var.s}"
    assert body["lazy"]["temperature"] == "${var.n}"
    assert documents[0]["resource"]["openai_beta_thread"]["any"]["metadata"] == "${var.v}"


def test_the_package_node_loads_is_deterministic_and_bound_to_the_runtime() -> None:
    runtime = cdk.runtime_name()
    first, second = batch.tarball(runtime), batch.tarball(runtime)
    assert first == second
    with tarfile.open(fileobj=io.BytesIO(gzip.decompress(first))) as archive:
        script = archive.extractfile("package/index.js").read().decode()  # type: ignore[union-attr]
        manifest = json.load(archive.extractfile("package/.jsii"))  # type: ignore[arg-type]
    assert f'const RUNTIME = "{runtime}";' in script and "__RUNTIME__" not in script
    resource = manifest["types"][f"{batch.package_name(runtime)}.BatchedResource"]
    assert resource["base"] == f"{runtime}.TerraformResource"


def test_generated_elements_are_instances_of_the_runtime_classes() -> None:
    stack = _stack()
    assistant = BetaAssistant(stack, "a", model="gpt-4o")
    data = DataOpenaiBetaAssistant(stack, "d", assistant_id="asst_1")
    assert isinstance(assistant, cdk.TerraformResource)
    assert isinstance(data, cdk.TerraformDataSource)
    assert cdk.TerraformResource.is_terraform_resource(assistant)


# ---------------------------------------------------------------------------------------
# What node receives to create a generated element (``batch.create``) and to ask for its HCL
# ---------------------------------------------------------------------------------------


@pytest.fixture
def creates(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The create requests jsii sends node (``fqn``, ``args``, ``overrides``)."""
    from jsii._kernel.providers.process import _NodeProcess

    sent: list[Any] = []
    real = _NodeProcess.send

    def spy(self: Any, request: Any, response_type: Any) -> Any:
        if type(request).__name__ == "CreateRequest":
            sent.append(request)
        return real(self, request, response_type)

    monkeypatch.setattr(_NodeProcess, "send", spy)
    return sent


def _config_of(request: Any) -> Any:
    return request.args[2] if len(request.args) > 2 else None


def test_the_shared_config_crosses_to_node_once_per_class(creates: list[Any]) -> None:
    class Assistant2(BetaAssistant):
        """A class of its own: its first element sends the config with the key."""

    class OtherProvider(BetaAssistant):
        _GENERATOR_METADATA: ClassVar[dict[str, str]] = {
            "provider_name": "other", "provider_version_constraint": "~> 9"}

    stack = _stack()
    first = Assistant2(stack, "a0", model="m")
    second = Assistant2(stack, "a1", model="m")
    other = OtherProvider(stack, "o", model="m")
    counted = BetaAssistant(stack, "c", model="m", count=2)
    elements = [r for r in creates if r.fqn.endswith(".BatchedResource")]
    assert len(elements) == 4
    assert _config_of(elements[0]) is not None and isinstance(elements[0].args[3], str)
    assert elements[1].args[2:] == [None, elements[0].args[3]]  # the key alone
    assert _config_of(elements[2]) is not None and elements[2].args[3] != elements[0].args[3]
    assert len(elements[3].args) == 3  # meta-arguments: a config of its own, as before
    # Node built each element's config from what it was given.
    for element, provider in ((first, "openai"), (second, "openai"), (other, "other"),
                              (counted, "openai")):
        metadata = element.terraform_generator_metadata
        assert metadata is not None and metadata.provider_name == provider
        assert element.terraform_resource_type == "openai_beta_assistant"
    assert second.terraform_generator_metadata.provider_version_constraint == "~> 0.0.1"
    assert other.terraform_generator_metadata.provider_version_constraint == "~> 9"
    body = json.loads(cdk.Testing.synth(stack))["resource"]["openai_beta_assistant"]
    assert body["c"]["count"] == 2 and "count" not in body["a1"]


def test_a_first_element_refused_by_node_leaves_no_config_behind(creates: list[Any]) -> None:
    """The key is kept on the class only once node created an element with it."""

    class Fresh(BetaAssistant):
        pass

    stack = _stack()
    BetaAssistant(stack, "taken", model="m")
    with pytest.raises(Exception, match="already used"):
        Fresh(stack, "taken", model="m")
    Fresh(stack, "a", model="m")
    Fresh(stack, "b", model="m")
    fresh = [r for r in creates if r.fqn.endswith(".BatchedResource")][1:]
    assert [_config_of(r) is not None for r in fresh] == [True, True, False]
    assert _body(stack, "openai_beta_assistant", "b") == {"model": "m"}


def test_node_sets_up_no_override_on_a_generated_element(creates: list[Any]) -> None:
    stack = _stack()
    BetaAssistant(stack, "a", model="m")
    DataOpenaiBetaAssistant(stack, "d", assistant_id="asst_1")
    elements = [r for r in creates if ".Batched" in r.fqn]
    assert [r.overrides for r in elements] == [[], []]


class _HclTagged(BetaAssistant):
    """A user subclass overriding the HCL attributes (and calling the package's own)."""

    def _synthesize_hcl_attributes(self) -> Any:
        attributes = dict(super()._synthesize_hcl_attributes())
        attributes["description"] = {
            "value": "from subclass", "isBlock": False, "type": "simple",
            "storageClassType": "string",
        }
        return attributes


def test_hcl_attributes_come_from_python_with_or_without_a_subclass_override(
    creates: list[Any],
) -> None:
    stack = _stack()
    OpenaiProvider(stack, "openai")
    BetaAssistant(stack, "plain", model="gpt-4o", name="n", metadata={"k": "v"})
    _HclTagged(stack, "tagged", model="gpt-4o", name="t")
    DataOpenaiBetaAssistant(stack, "d", assistant_id="asst_1")
    overrides = {r.args[1]: [o.method for o in r.overrides] for r in creates
                 if ".Batched" in r.fqn}
    assert overrides["plain"] == overrides["d"] == []
    assert overrides["tagged"] == ["synthesizeHclAttributes"]  # still called back
    hcl = cdk.Testing.synth_hcl(stack)

    def block(name: str) -> list[str]:
        text = hcl.split(f'resource "openai_beta_assistant" "{name}" {{\n')[1]
        return text.split("\nresource ")[0].split("\ndata ")[0].strip().split("\n")

    assert block("plain") == ['model = "gpt-4o"', "metadata = {", '  "k" = "v"', "}",
                              'name = "n"', "}"]
    assert block("tagged") == ['model = "gpt-4o"', 'name = "t"', 'description = "from subclass"',
                               "}"]
    assert 'assistant_id = "asst_1"' in hcl


def test_attribute_getters_check_their_argument_as_the_runtime_does() -> None:
    stack = _stack()
    assistant = BetaAssistant(stack, "a", model="m")
    data = DataOpenaiBetaAssistant(stack, "d", assistant_id="asst_1")
    assert cdk.Token.is_unresolved(assistant.id) and cdk.Token.is_unresolved(data.name)
    refused = []
    for element, base in ((assistant, cdk.TerraformResource), (data, cdk.TerraformDataSource)):
        with pytest.raises(TypeError) as ours:
            element.get_string_attribute(1)  # type: ignore[arg-type]
        with pytest.raises(TypeError) as runtime:
            base.get_string_attribute(element, 1)  # type: ignore[arg-type]
        refused.append((str(ours.value), str(runtime.value)))
    assert all(a == b for a, b in refused)
    thread = BetaThread(stack, "t", metadata={"assistant": assistant.id})
    doc = json.loads(cdk.Testing.synth(stack))
    assert doc["resource"]["openai_beta_thread"]["t"]["metadata"] == {
        "assistant": "${openai_beta_assistant.a.id}"
    }
    del thread


# ---------------------------------------------------------------------------------------
# ``batch.synth_document``: the text of ``Testing.synth`` without its quadratic copy.
# ---------------------------------------------------------------------------------------


@jsii.implements(importlib.import_module(cdk.runtime_name()).IAspect)
class _Rename:
    """An aspect: ``Testing.synth`` runs aspects first, so ``synth_document`` must too."""

    def visit(self, node: Any) -> None:
        if isinstance(node, BetaAssistant):
            node.add_override("description", f"visited {node.node.id}")


def _with_everything_cdktf_writes(app: Any) -> Any:
    from tests.hostile.strategies import HOSTILE_SNIPPETS

    stack = cdk.TerraformStack(app, "doc")
    OpenaiProvider(stack, "openai", alias="eu", organization="org")
    runtime = importlib.import_module(cdk.runtime_name())
    runtime.Aspects.of(stack).add(_Rename())
    runtime.LocalBackend(stack, path="state.tfstate")
    variable = cdk.TerraformVariable(stack, "key", type="string", sensitive=True)
    keys = [k for k in HOSTILE_SNIPPETS if k not in ("//", "__proto__", "") and "\x00" not in k]
    for i in range(30):
        assistant = BetaAssistant(
            stack,
            f"a{i}",
            model="gpt-4o",
            name=HOSTILE_SNIPPETS[i % len(HOSTILE_SNIPPETS)].replace("${", "$${"),
            metadata={key: str(j) for j, key in enumerate(keys[i % 7 :])},
            temperature=i / 7,
        )
        BetaThread(stack, f"t{i}", metadata={"a": assistant.id, "10": "x", "2": "y"})
    cdk.TerraformOutput(stack, "out", value=variable.string_value, sensitive=True)
    runtime.TerraformLocal(stack, "local", {"nested": {"//": "dropped", "b": [1, {"c": None}]}})
    return stack


@pytest.mark.parametrize(
    ("build", "marker"),
    [
        (_with_everything_cdktf_writes, '"description": "visited a3"'),  # the aspect ran
        (lambda app: _mixed(app)[0], '"metadata": "${var.v}"'),
    ],
    ids=["aspects-backend-outputs-locals-hostile-keys", "object-references"],
)
def test_synth_document_is_testing_synth_text(build: Any, marker: str) -> None:
    ours = batch.synth_document(build(cdk.Testing.app()))
    theirs = cdk.Testing.synth(build(cdk.Testing.app()))
    assert ours == theirs
    assert marker in ours and '"//"' not in ours


def test_the_testing_kit_synthesizes_through_synth_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = importlib.import_module("openai_constructs.testing.document")
    calls: list[Any] = []
    real = batch.synth_document
    monkeypatch.setattr(batch, "synth_document", lambda s: calls.append(s) or real(s))
    stack = _stack()
    BetaAssistant(stack, "a", model="gpt-4o")
    assert document.to_document(stack)["resource"]["openai_beta_assistant"]["a"] == {
        "model": "gpt-4o"
    }
    assert calls == [stack]
