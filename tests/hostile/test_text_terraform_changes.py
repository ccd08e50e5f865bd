"""Text Terraform itself changes, judged by real ``terraform plan``.

- Terraform normalizes every string to Unicode NFC: free text arrives normalized (we cannot
  prevent it; docs/safety.md says so), and keys that differ only in normalization become one,
  which Terraform refuses; we refuse them first, naming both.
- A lone surrogate is not Unicode: refused in Python wherever it is, for the JSON and the HCL
  output alike, before anything is written.
- A lone carriage return in an output or a local: the JSON form and the HCL form plan the
  same value.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

import openai_constructs.cdk as oc_cdk
from openai_constructs import (
    Assistant,
    AttributeTypeError,
    ChatKitSession,
    Metadata,
    Thread,
    ValidationError,
)
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.provider import OpenaiProvider
from tests.hostile.terraform_eval import (
    _INIT,
    _SHOW,
    PlanFailed,
    _after,
    _plan,
    _shown,
    planned_after,
)
from tests.runtime.hclcheck import run_terraform

NFC = "caf\u00e9"
NFD = "cafe\u0301"


def _stack(name: str = "text") -> Any:
    stack = oc_cdk.TerraformStack(oc_cdk.Testing.app(), name)
    OpenaiProvider(stack, "openai")
    return stack


def test_terraform_normalizes_free_text_to_nfc(terraform_runner: Any) -> None:
    stack = _stack()
    Assistant(stack, "A", model="gpt-4o", name=NFD, instructions=f"say {NFD}",
              metadata={"k": NFD})
    after = planned_after(terraform_runner, stack)["openai_beta_assistant.A"]
    assert after["name"] == NFC != NFD  # what Terraform does, documented in docs/safety.md
    assert after["instructions"] == unicodedata.normalize("NFC", f"say {NFD}")
    assert after["metadata"] == {"k": NFC}


def test_terraform_refuses_keys_that_differ_only_in_normalization(
    terraform_runner: Any,
) -> None:
    """The judge: Terraform itself, on a document that has both keys."""
    stack = _stack()
    BetaThread(stack, "T", metadata={NFC: "1"})
    document = json.loads(oc_cdk.Testing.synth(stack))
    document["resource"]["openai_beta_thread"]["T"]["metadata"] = {NFC: "1", NFD: "2"}
    with pytest.raises(PlanFailed, match="Duplicate"):
        planned_after(terraform_runner, document)


CLASHES = {
    "L2 metadata": lambda s: Thread(s, "T", metadata={NFC: "1", NFD: "2"}),
    "L1 metadata": lambda s: BetaThread(s, "T", metadata={NFC: "1", NFD: "2"}),
    "state_variables": lambda s: ChatKitSession(s, "C", workflow_id="wf", user="u",
                                                state_variables={NFC: 1, NFD: 2}),
    "output": lambda s: oc_cdk.TerraformOutput(s, "o", value={"m": {NFC: 1, NFD: 2}}),
    "local": lambda s: oc_cdk.TerraformLocal(s, "l", {NFC: 1, NFD: 2}),
    "iterator list": lambda s: oc_cdk.TerraformIterator.from_list([NFC, NFD]),
    "iterator map": lambda s: oc_cdk.TerraformIterator.from_map({NFC: "a", NFD: "b"}),
}


@pytest.mark.parametrize("name", sorted(CLASHES))
def test_keys_that_differ_only_in_normalization_are_refused(name: str) -> None:
    stack = _stack()
    with pytest.raises((AttributeTypeError, ValidationError)) as caught:
        CLASHES[name](stack)
    message = str(caught.value)
    assert ascii(NFC) in message and ascii(NFD) in message and "NFC" in message
    oc_cdk.Testing.synth(stack)


def test_terraform_makes_one_instance_of_iterator_items_that_differ_in_normalization(
    terraform_runner: Any,
) -> None:
    """The judge: plain cdktf's iterator gives one instance for two items, silently."""
    runtime = __import__(oc_cdk.runtime_name())
    plain = runtime.TerraformStack(runtime.Testing.app(), "plain")
    OpenaiProvider(plain, "openai")
    BetaThread(plain, "T", for_each=runtime.TerraformIterator.from_list([NFC, NFD]))
    assert len(planned_after(terraform_runner, plain)) == 1


def test_metadata_of_refuses_a_key_that_clashes_with_an_own_key() -> None:
    stack = _stack()
    thread = Thread(stack, "T", metadata={NFC: "own"})
    with pytest.raises(ValidationError, match=r"text/T: metadata: .*NFC"):
        Metadata.of(stack).add(NFD, "added")
    assert thread.metadata == {NFC: "own"}  # nothing recorded
    Metadata.of(stack).add(NFC, "added")  # the same key: precedence, no clash
    assert thread.metadata == {NFC: "added"}


SURROGATE = "a\ud800b"
SURROGATES = {
    "iterator list": lambda s: Thread(s, "T", for_each=oc_cdk.TerraformIterator.from_list(
        [SURROGATE])),
    "iterator map key": lambda s: Thread(s, "T", for_each=oc_cdk.TerraformIterator.from_map(
        {SURROGATE: "x"})),
    "Fn argument": lambda s: Assistant(s, "A", model="m", name=oc_cdk.Fn.join("", [SURROGATE])),
    "variable description": lambda s: oc_cdk.TerraformVariable(s, "v", description=SURROGATE),
    "output description": lambda s: oc_cdk.TerraformOutput(s, "o", value=1,
                                                           description=SURROGATE),
    "output value": lambda s: oc_cdk.TerraformOutput(s, "o", value=SURROGATE),
    "Metadata.of value": lambda s: (Thread(s, "T"), Metadata.of(s).add("k", SURROGATE)),
}


@pytest.mark.parametrize("hcl", [False, True], ids=["json", "hcl"])
@pytest.mark.parametrize("name", sorted(SURROGATES))
def test_lone_surrogates_are_refused_before_anything_is_written(
    tmp_path: Path, name: str, hcl: bool
) -> None:
    app = oc_cdk.App(outdir=str(tmp_path / "out"), hcl_output=hcl)
    stack = oc_cdk.TerraformStack(app, "s")
    OpenaiProvider(stack, "openai")
    with pytest.raises((AttributeTypeError, ValidationError), match="lone surrogate"):
        SURROGATES[name](stack)
        app.synth()
    assert not (tmp_path / "out" / "stacks" / "s").exists() or not any(
        (tmp_path / "out" / "stacks" / "s").iterdir())


def _build_cr(app: Any) -> Any:
    stack = oc_cdk.TerraformStack(app, "cr")
    OpenaiProvider(stack, "openai")
    oc_cdk.TerraformVariable(stack, "x", type="string", default="X")
    oc_cdk.TerraformOutput(stack, "template", value="a\r${var.x}b\rc")
    oc_cdk.TerraformOutput(stack, "directive", value="a\r%{ if true }y%{ endif }")
    oc_cdk.TerraformOutput(stack, "plain", value="a\rb\r\n")
    oc_cdk.TerraformLocal(stack, "l", "a\r${var.x}")
    oc_cdk.TerraformOutput(stack, "local", value="${local.l}")
    return stack


def test_a_lone_cr_plans_the_same_in_json_and_hcl(terraform_runner: Any, tmp_path: Path) -> None:
    json_app = oc_cdk.App(outdir=str(tmp_path / "json"))
    _build_cr(json_app)
    json_app.synth()
    document = json.loads((tmp_path / "json" / "stacks" / "cr" / "cdk.tf.json").read_text())
    from_json = planned_after(terraform_runner, document)

    hcl_app = oc_cdk.App(outdir=str(tmp_path / "hcl"), hcl_output=True)
    _build_cr(hcl_app)
    hcl_app.synth()
    text = (tmp_path / "hcl" / "stacks" / "cr" / "cdk.tf").read_text()
    from_hcl = _after(_shown(run_terraform(terraform_runner, {"cdk.tf": text}, document,
                                           [_INIT, _plan(None), _SHOW])))
    assert from_json == from_hcl
    assert from_json["output.template"] == "a\rXb\rc"  # the template is evaluated
    assert from_json["output.directive"] == "a\ry"
    assert from_json["output.plain"] == "a\rb\r\n"
    assert from_json["output.local"] == "a\rX"
