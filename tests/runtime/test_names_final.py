"""The final check of Terraform names, against the synthesized document (``synth/final_names.py``).

Names computed in Python at construction are wrong when something renames an element later:
a stack that allocates names its own way, ``override_logical_id`` on an element whose name
node had already read (node keeps the old name), a token given as the name, a rename in
node that Python never sees, an aspect. Each case below is first built with plain cdktf
(``Testing.synth``) to show that the document silently holds one entry for two elements,
then through the testing kit's ``synth`` and ``App.synth()``, which refuse it naming both
construct paths. Runtime classes come from the bound runtime (cdktf or cdktn).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsii
import pytest

from openai_constructs import ConstructIdError
from openai_constructs._runtime import cdk
from openai_constructs.cdk import App
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.data_openai_beta_assistant import DataOpenaiBetaAssistant
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.testing.document import synth as kit_synth

Build = Callable[[Any], None]


def runtime() -> Any:
    return sys.modules[cdk.runtime_name()]


class FirstLetter(cdk.TerraformStack):
    """Names every element after the first letter of its id: ``alpha`` and ``apple`` are
    both ``a``."""

    def _allocate_logical_id(self, element: Any) -> str:
        return str(element.node.id)[0]


class Prefixed(cdk.TerraformStack):
    """Its own naming, with distinct names: nothing to refuse."""

    def _allocate_logical_id(self, element: Any) -> str:
        return "n_" + re.sub(r"[^A-Za-z0-9_]", "_", str(element.node.path))


def plain_document(stack: Any) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(cdk.Testing.synth(stack))
    return parsed


def entries(document: dict[str, Any], section: str, type_name: str | None = None) -> int:
    found = document.get(section, {})
    return len(found.get(type_name, {}) if type_name is not None else found)


def app_synth(tmp_path: Path, stack_class: type[Any], build: Build) -> tuple[Any, Path]:
    outdir = tmp_path / "cdktf.out"
    app = App(outdir=str(outdir))
    stack = stack_class(app, "s")
    OpenaiProvider(stack, "openai")
    build(stack)
    return app, outdir


# Two elements of one namespace with the ids "alpha" and "apple": (builder, section, type).
PAIRS: dict[str, tuple[Callable[[Any, str], Any], str, str | None]] = {
    "plain resource": (lambda s, i: cdk.TerraformResource(
        s, i, terraform_resource_type="null_resource"), "resource", "null_resource"),
    "generated resource": (lambda s, i: BetaAssistant(s, i, model="gpt-4o", name=i),
                           "resource", "openai_beta_assistant"),
    "generated data source": (lambda s, i: DataOpenaiBetaAssistant(s, i, assistant_id=i),
                              "data", "openai_beta_assistant"),
    "output": (lambda s, i: cdk.TerraformOutput(s, i, value=i), "output", None),
    "variable": (lambda s, i: cdk.TerraformVariable(s, i, type="string"), "variable", None),
    "local": (lambda s, i: runtime().TerraformLocal(s, i, i), "locals", None),
}


@pytest.mark.parametrize("case", sorted(PAIRS))
def test_a_stack_naming_two_elements_alike(tmp_path: Path, case: str) -> None:
    make, section, type_name = PAIRS[case]

    def build(stack: Any) -> None:
        make(stack, "alpha")
        make(stack, "apple")

    plain = FirstLetter(cdk.Testing.app(), "s")
    build(plain)
    assert entries(plain_document(plain), section, type_name) == 1  # cdktf: one is gone

    ours = FirstLetter(cdk.Testing.app(), "s")
    build(ours)
    with pytest.raises(ConstructIdError) as caught:
        kit_synth(ours)
    message = str(caught.value)
    assert "'s/apple': its Terraform " in message
    assert "'a' in the synthesized document is also the name of " in message
    assert "'s/alpha'; cdktf merged the two into one entry" in message
    assert "(FirstLetter._allocate_logical_id) gives both this name" in message

    app, outdir = app_synth(tmp_path, FirstLetter, build)
    with pytest.raises(ConstructIdError, match=r"'s/apple'.*'s/alpha'"):
        app.synth()
    assert not (outdir / "stacks" / "s").exists()  # nothing written


def test_the_message_for_generated_resources() -> None:
    stack = FirstLetter(cdk.Testing.app(), "s")
    BetaAssistant(stack, "alpha", model="gpt-4o")
    BetaAssistant(stack, "apple", model="gpt-4o")
    with pytest.raises(ConstructIdError) as caught:
        kit_synth(stack)
    assert str(caught.value) == (
        "BetaAssistant 's/apple': its Terraform resource name (of openai_beta_assistant) 'a' "
        "in the synthesized document is also the name of BetaAssistant 's/alpha'; cdktf "
        "merged the two into one entry, so one of them would be lost; the stack's own naming "
        "(FirstLetter._allocate_logical_id) gives both this name: make it return distinct "
        "names, or give one of them its own name with override_logical_id(...)")


def test_a_stack_naming_elements_terraform_refuses() -> None:
    class Numbered(cdk.TerraformStack):
        def _allocate_logical_id(self, element: Any) -> str:
            return "1" + str(element.node.id)

    stack: Any = Numbered(cdk.Testing.app(), "s")
    BetaAssistant(stack, "a", model="gpt-4o")
    assert list(plain_document(stack)["resource"]["openai_beta_assistant"]) == ["1a"]
    with pytest.raises(ConstructIdError) as caught:
        kit_synth(stack)
    assert str(caught.value) == (
        "BetaAssistant 's/a': the Terraform resource name (of openai_beta_assistant) '1a' in "
        "the synthesized document is one Terraform refuses: it starts with a digit (Terraform "
        "names must start with a letter or _ and contain only letters, digits, _ and -); make "
        "the stack's _allocate_logical_id return names Terraform accepts")

    class Reserved(cdk.TerraformStack):
        def _allocate_logical_id(self, element: Any) -> str:
            return "count"

    stack = Reserved(cdk.Testing.app(), "s")
    cdk.TerraformVariable(stack, "v", type="string")
    with pytest.raises(ConstructIdError, match=r"'count' in the synthesized document is one "
                                               r"Terraform refuses: it is reserved by Terraform"):
        kit_synth(stack)


# ---------------------------------------------------------------------------------------
# Renamed after construction
# ---------------------------------------------------------------------------------------


def rename_in_aspect(stack: Any, rename: Callable[[Any], None]) -> None:
    @jsii.implements(runtime().IAspect)
    class Rename:
        def visit(self, node: Any) -> None:
            rename(node)

    runtime().Aspects.of(stack).add(Rename())


def to_same(node: Any) -> None:
    if isinstance(node, cdk.TerraformResource) and str(node.node.id) in ("first", "second"):
        node.override_logical_id("same")


def in_node(node: Any) -> None:
    """What a JavaScript aspect does: node's own overrideLogicalId, not the Python method."""
    if isinstance(node, BetaAssistant) and str(node.node.id) == "second":
        jsii.invoke(node, "overrideLogicalId", ["first"])


def plain_pair(stack: Any) -> None:
    for id in ("first", "second"):
        cdk.TerraformResource(stack, id, terraform_resource_type="null_resource")


def generated_pair(stack: Any) -> None:
    for id in ("first", "second"):
        BetaAssistant(stack, id, model="gpt-4o", name=id)


@pytest.mark.parametrize("build,rename,type_name", [
    (plain_pair, to_same, "null_resource"),
    (generated_pair, in_node, "openai_beta_assistant"),
])
def test_an_aspect_that_renames_into_a_collision(tmp_path: Path, build: Build,
                                                 rename: Callable[[Any], None],
                                                 type_name: str) -> None:
    plain = cdk.TerraformStack(cdk.Testing.app(), "s")
    build(plain)
    rename_in_aspect(plain, rename)
    assert entries(plain_document(plain), "resource", type_name) == 1

    ours = cdk.TerraformStack(cdk.Testing.app(), "s")
    build(ours)
    rename_in_aspect(ours, rename)
    with pytest.raises(ConstructIdError) as caught:
        kit_synth(ours)
    message = str(caught.value)
    assert "'s/second': its Terraform resource name" in message
    assert "is also the name of" in message and "'s/first'" in message

    # App.synth() reads every name before the aspects run (cdktf's prepareStack), and node
    # keeps a name once read: there the rename has no effect, and nothing is lost.
    written = []
    for label, make in (("plain", runtime().App), ("ours", App)):
        outdir = tmp_path / label / "cdktf.out"
        outdir.parent.mkdir()
        app = make(outdir=str(outdir))
        stack = cdk.TerraformStack(app, "s")
        OpenaiProvider(stack, "openai")
        build(stack)
        rename_in_aspect(stack, rename)
        app.synth()
        written.append((outdir / "stacks" / "s" / "cdk.tf.json").read_bytes())
    assert written[0] == written[1]
    assert sorted(json.loads(written[1])["resource"][type_name]) == ["first", "second"]


def test_an_aspect_renaming_a_generated_element_in_python(tmp_path: Path) -> None:
    """The Python ``override_logical_id`` refuses at once; node hands the refusal back as
    text, and the kit raises the ``ConstructIdError`` itself."""
    def to_first(node: Any) -> None:
        if isinstance(node, BetaAssistant) and str(node.node.id) == "second":
            node.override_logical_id("first")

    refusal = (r"^BetaAssistant 's/second': its Terraform resource name .* 'first' is already "
               r"the name of 's/first'")
    stack = cdk.TerraformStack(cdk.Testing.app(), "s")
    generated_pair(stack)
    rename_in_aspect(stack, to_first)
    with pytest.raises(ConstructIdError, match=refusal) as caught:
        kit_synth(stack)
    # a name given, not derived from the id "second": no word about dropped characters
    assert "dropping every character" not in str(caught.value)
    assert str(caught.value).endswith("choose ids that differ in letters, digits, _ or -, or "
                                      "give one of them its own name with "
                                      "override_logical_id(...)")

    def build(stack: Any) -> None:
        generated_pair(stack)
        rename_in_aspect(stack, to_first)

    app, outdir = app_synth(tmp_path, cdk.TerraformStack, build)
    with pytest.raises(ConstructIdError, match=refusal):  # raised in node's callback
        app.synth()
    assert not (outdir / "stacks" / "s").exists()


def test_a_rename_after_node_read_the_name(tmp_path: Path) -> None:
    """node keeps the first name it computed: an ``override_logical_id`` after it was read
    is silently ignored, so Python's record says "renamed" while the document says "a"."""
    def build(stack: Any) -> None:
        first = BetaAssistant(stack, "a", model="gpt-4o", name="first")
        assert first.friendly_unique_id == "a"
        first.override_logical_id("renamed")
        BetaAssistant(stack, "a.", model="gpt-4o", name="second")  # "a" is free in Python

    plain = cdk.TerraformStack(cdk.Testing.app(), "s")
    element = cdk.TerraformResource(plain, "a", terraform_resource_type="openai_beta_assistant")
    assert element.friendly_unique_id == "a"
    element.override_logical_id("renamed")
    cdk.TerraformResource(plain, "a.", terraform_resource_type="openai_beta_assistant")
    assert list(plain_document(plain)["resource"]["openai_beta_assistant"]) == ["a"]

    ours = cdk.TerraformStack(cdk.Testing.app(), "s")
    build(ours)
    ignored = (r"^BetaAssistant 's/a': override_logical_id\('renamed'\) came after its "
               r"Terraform name was already fixed as 'a' ")
    with pytest.raises(ConstructIdError, match=ignored):
        kit_synth(ours)
    app, _outdir = app_synth(tmp_path, cdk.TerraformStack, build)
    with pytest.raises(ConstructIdError, match=ignored):
        app.synth()


def test_a_rename_node_would_ignore_is_refused_even_without_a_collision(tmp_path: Path) -> None:
    # Plain cdktf: once the name was read (here by an aspect-like look, or by a reference in
    # a second stack's synth), a rename is silently dropped.
    plain = cdk.TerraformStack(cdk.Testing.app(), "s")
    element = cdk.TerraformResource(plain, "a", terraform_resource_type="openai_beta_assistant")
    assert element.friendly_unique_id == "a"
    element.override_logical_id("renamed")
    assert list(plain_document(plain)["resource"]["openai_beta_assistant"]) == ["a"]

    def late(stack: Any) -> None:
        first = BetaAssistant(stack, "a", model="gpt-4o")
        cdk.TerraformOutput(stack, "id", value=first.id)
        assert first.friendly_unique_id == "a"  # reads the name
        first.override_logical_id("renamed")

    app, outdir = app_synth(tmp_path / "late", cdk.TerraformStack, late)
    message = (r"^BetaAssistant 's/a': override_logical_id\('renamed'\) came after its "
               r"Terraform name was already fixed as 'a' \(node fixes it the first time "
               r"something reads it: a reference such as .id, or a synth\), so the rename "
               r"would be ignored; call override_logical_id right after creating the element, "
               r"before anything refers to it$")
    with pytest.raises(ConstructIdError, match=message):
        app.synth()
    assert not (outdir / "stacks" / "s").exists()

    def early(stack: Any) -> None:
        first = BetaAssistant(stack, "a", model="gpt-4o")
        first.override_logical_id("other")
        first.override_logical_id("renamed")  # the last rename before any read wins
        cdk.TerraformOutput(stack, "id", value=first.id)

    app, outdir = app_synth(tmp_path / "early", cdk.TerraformStack, early)
    app.synth()
    document = json.loads((outdir / "stacks" / "s" / "cdk.tf.json").read_text("utf-8"))
    assert list(document["resource"]["openai_beta_assistant"]) == ["renamed"]
    assert document["output"]["id"]["value"] == "${openai_beta_assistant.renamed.id}"


def test_override_logical_id_on_cdktf_elements_and_in_node(tmp_path: Path) -> None:
    stack = cdk.TerraformStack(cdk.Testing.app(), "s")
    cdk.TerraformOutput(stack, "one", value="1")
    cdk.TerraformOutput(stack, "two", value="2").override_logical_id("one")
    assert entries(plain_document(stack), "output") == 1
    with pytest.raises(ConstructIdError, match=r"TerraformOutput 's/two': its Terraform output "
                                               r"name 'one' in the synthesized document is "
                                               r"also the name of TerraformOutput 's/one'"):
        kit_synth(stack)

    stack = cdk.TerraformStack(cdk.Testing.app(), "s")
    generated_pair(stack)
    second = stack.node.find_child("second")
    jsii.invoke(second, "overrideLogicalId", ["first"])  # past the Python check
    with pytest.raises(ConstructIdError, match=r"'s/second'.*'s/first'"):
        kit_synth(stack)


def test_a_token_given_as_the_name() -> None:
    @jsii.implements(runtime().IStringProducer)
    class First:
        def produce(self, context: Any) -> str:
            return "first"

    stack = cdk.TerraformStack(cdk.Testing.app(), "s")
    generated_pair(stack)
    second: Any = stack.node.find_child("second")
    second.override_logical_id(runtime().Lazy.string_value(First()))
    assert entries(plain_document(stack), "resource", "openai_beta_assistant") == 1
    with pytest.raises(ConstructIdError, match=r"'s/second': its Terraform resource name .* "
                                               r"'first' in the synthesized document"):
        kit_synth(stack)


# ---------------------------------------------------------------------------------------
# What is not refused, byte for byte
# ---------------------------------------------------------------------------------------


def renamed_but_distinct(stack: Any) -> None:
    """Renamed every way, no two alike; and what is one entry for several objects."""
    BetaAssistant(stack, "a.b", model="gpt-4o")
    BetaAssistant(stack, "keep", model="gpt-4o").override_logical_id("given")
    counted = BetaAssistant(stack, "counted", model="gpt-4o")
    counted.count = cdk.TerraformCount.of(3)
    cdk.TerraformResource(stack, "many", terraform_resource_type="null_resource",
                          for_each=cdk.TerraformIterator.from_list(["x", "y"]))
    cdk.TerraformResource(stack, "plain", terraform_resource_type="null_resource")
    for id in ("l1", "l2", "l3"):
        runtime().TerraformLocal(stack, id, id)
    cdk.TerraformVariable(stack, "v", type="string")
    cdk.TerraformOutput(stack, "o", value="x")
    DataOpenaiBetaAssistant(stack, "d", assistant_id="asst_1")
    inner = cdk.Construct(stack, "group")
    BetaAssistant(inner, "a.b", model="gpt-4o")
    stack.add_override("resource.null_resource.from_override", {"triggers": {"a": "b"}})

    def rename(node: Any) -> None:
        if isinstance(node, cdk.TerraformResource) and str(node.node.id) == "plain":
            node.override_logical_id("renamed_in_aspect")

    rename_in_aspect(stack, rename)


@pytest.mark.parametrize("stack_class", [cdk.TerraformStack, Prefixed])
def test_distinct_names_synthesize_the_same_bytes(tmp_path: Path, stack_class: type[Any]
                                                  ) -> None:
    stack = stack_class(cdk.Testing.app(), "s")
    renamed_but_distinct(stack)
    text = kit_synth(stack)
    assert text == cdk.Testing.synth(stack)
    document = json.loads(text)
    assert entries(document, "resource", "openai_beta_assistant") == 4
    assert entries(document, "resource", "null_resource") == 3  # the override's included
    assert entries(document, "locals") == 3

    written = []
    for label, make in (("plain", runtime().App), ("ours", App)):
        outdir = tmp_path / label / "cdktf.out"
        outdir.parent.mkdir()
        app = make(outdir=str(outdir))
        stack = stack_class(app, "s")
        OpenaiProvider(stack, "openai")
        renamed_but_distinct(stack)
        app.synth()
        written.append((outdir / "stacks" / "s" / "cdk.tf.json").read_bytes())
    assert written[0] == written[1]


def test_a_nested_stack_has_a_document_of_its_own() -> None:
    outer = cdk.TerraformStack(cdk.Testing.app(), "outer")
    inner = cdk.TerraformStack(outer, "inner")
    for stack in (outer, inner):
        cdk.TerraformResource(stack, "x", terraform_resource_type="null_resource")
    cdk.TerraformResource(inner, "y", terraform_resource_type="null_resource")
    assert kit_synth(outer) == cdk.Testing.synth(outer)
    assert kit_synth(inner) == cdk.Testing.synth(inner)


def test_a_stack_override_terraform_refuses(stack: Any) -> None:
    stack.add_override("resource.null_resource.9lives", {})
    with pytest.raises(ConstructIdError, match=r"TerraformStack 'test': the Terraform resource "
                                               r"name \(of null_resource\) '9lives' in the "
                                               r"synthesized document is one Terraform "
                                               r"refuses: it starts with a digit .*; change the "
                                               r"stack's add_override"):
        kit_synth(stack)


def test_each_stack_of_an_app_is_checked_against_its_own_document(tmp_path: Path) -> None:
    """Same names in two stacks are fine; a collision in the second is found there."""
    outdir = tmp_path / "cdktf.out"
    app = App(outdir=str(outdir))
    for id in ("one", "two"):
        stack = FirstLetter(app, id)
        OpenaiProvider(stack, "openai")
        cdk.TerraformOutput(stack, "alpha", value=id)
        BetaAssistant(stack, "beta", model="gpt-4o")
    cdk.TerraformOutput(stack, "apple", value="lost")
    with pytest.raises(ConstructIdError, match=r"^TerraformOutput 'two/apple': its Terraform "
                                               r"output name 'a' .* 'two/alpha'"):
        app.synth()
    assert not (outdir / "stacks").exists() or not any((outdir / "stacks").iterdir())


def test_cross_stack_references_are_counted_where_cdktf_puts_them(tmp_path: Path) -> None:
    """cdktf adds an output to the stack referenced and a remote state to the one reading:
    elements made in node, counted like any other."""
    outdir = tmp_path / "cdktf.out"
    app = App(outdir=str(outdir))
    one = cdk.TerraformStack(app, "one")
    OpenaiProvider(one, "openai")
    assistant = BetaAssistant(one, "a", model="gpt-4o")
    two = cdk.TerraformStack(app, "two")
    OpenaiProvider(two, "openai")
    cdk.TerraformOutput(two, "aid", value=assistant.id)
    app.synth()
    first = json.loads((outdir / "stacks/one/cdk.tf.json").read_text())
    second = json.loads((outdir / "stacks/two/cdk.tf.json").read_text())
    assert len(first["output"]) == 1
    assert list(second["output"]) == ["aid"]
    assert len(second["data"]["terraform_remote_state"]) == 1


def test_an_app_writing_hcl_is_checked_the_same_way(tmp_path: Path) -> None:
    outdir = tmp_path / "cdktf.out"
    app = App(outdir=str(outdir), hcl_output=True)
    stack = FirstLetter(app, "s")
    OpenaiProvider(stack, "openai")
    BetaAssistant(stack, "alpha", model="gpt-4o")
    BetaAssistant(stack, "apple", model="gpt-4o")
    with pytest.raises(ConstructIdError, match=r"^BetaAssistant 's/apple': .* 's/alpha'"):
        app.synth()
    assert not (outdir / "stacks" / "s").exists()


def test_a_stack_override_cannot_hide_a_merge_from_app_synth(tmp_path: Path) -> None:
    """One entry added by the stack's add_override, one lost to a merge: the counts agree,
    but the document's metadata says the section was overridden, so App.synth() looks."""
    def build(stack: Any) -> None:
        BetaAssistant(stack, "alpha", model="gpt-4o")
        BetaAssistant(stack, "apple", model="gpt-4o")
        stack.add_override("resource.openai_beta_assistant.extra", {"model": "gpt-4o"})

    plain = FirstLetter(cdk.Testing.app(), "s")
    build(plain)
    assert entries(plain_document(plain), "resource", "openai_beta_assistant") == 2

    app, outdir = app_synth(tmp_path, FirstLetter, build)
    with pytest.raises(ConstructIdError, match=r"^BetaAssistant 's/apple': .* 's/alpha'"):
        app.synth()
    assert not (outdir / "stacks" / "s").exists()


def test_a_rename_after_the_fqn_was_handed_out_is_a_construct_id_error() -> None:
    stack = cdk.TerraformStack(cdk.Testing.app(), "s")
    plain = cdk.TerraformResource(stack, "p", terraform_resource_type="openai_beta_assistant")
    assert plain.fqn
    with pytest.raises(RuntimeError, match="ERR_ASSERTION"):  # node's own, as a JS assertion
        plain.override_logical_id("q")
    ours = BetaAssistant(stack, "a", model="gpt-4o")
    assert ours.fqn
    with pytest.raises(ConstructIdError, match=(
            r"^BetaAssistant 's/a': override_logical_id\('b'\): its Terraform name was already "
            r"handed out \(.fqn was requested\), so it can no longer change; call "
            r"override_logical_id right after creating the element, before anything refers "
            r"to it$")):
        ours.override_logical_id("b")
    BetaAssistant(stack, "b", model="gpt-4o")  # the name "b" was not claimed by the refusal
