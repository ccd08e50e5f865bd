"""Secrets that reached the document or a message by a side door, judged by what we did not
write: plain cdktf side by side (it writes the key), the output folder untouched, and real
``terraform plan`` (the planned sensitive value, as Terraform marks it)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import openai_constructs.cdk as oc_cdk
from openai_constructs import LiteralSecret, SensitiveValueError
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.testing import assert_planned

KEY = "sk-test-0123456789abcdefghij"


def _files(path: Path) -> str:
    return "".join(p.read_text(errors="replace") for p in path.rglob("*") if p.is_file())


BYPASSES = {
    "variable default": lambda s: oc_cdk.TerraformVariable(
        s, "key", type="string", default=KEY).string_value,
    "sensitive variable default": lambda s: oc_cdk.TerraformVariable(
        s, "key", type="string", default=KEY, sensitive=True).string_value,
    "local of a variable default": lambda s: oc_cdk.TerraformLocal(
        s, "k", oc_cdk.TerraformVariable(s, "key", type="string", default=KEY).string_value
    ).as_string,
    "local": lambda s: oc_cdk.TerraformLocal(s, "k", KEY).as_string,
    "Fn.join": lambda s: oc_cdk.Fn.join("", [KEY[:5], KEY[5:]]),
    "Fn.format of a local list": lambda s: oc_cdk.Fn.format(
        "%s", [oc_cdk.Fn.element(oc_cdk.TerraformLocal(s, "l", [KEY]).as_list, 0)]),
}


@pytest.mark.parametrize("name", sorted(BYPASSES))
def test_a_literal_key_by_any_way_is_refused_before_writing(tmp_path: Path, name: str) -> None:
    runtime = __import__(oc_cdk.runtime_name())
    # the judge: plain cdktf writes the key into the document
    plain = runtime.TerraformStack(runtime.Testing.app(), "plain")
    OpenaiProvider(plain, "openai", api_key=BYPASSES[name](plain))
    assert KEY[5:] in runtime.Testing.synth(plain)

    app = oc_cdk.App(outdir=str(tmp_path / "out"))
    stack = oc_cdk.TerraformStack(app, "s")
    OpenaiProvider(stack, "openai", api_key=BYPASSES[name](stack))
    with pytest.raises(SensitiveValueError) as caught:
        app.synth()
    assert "OpenaiProvider 's/openai': api_key: is sensitive" in str(caught.value)
    assert KEY not in str(caught.value) and KEY[5:] not in str(caught.value)
    assert KEY[5:] not in _files(tmp_path)


def test_opting_in_and_references_still_pass(tmp_path: Path) -> None:
    app = oc_cdk.App(outdir=str(tmp_path / "out"))
    stack = oc_cdk.TerraformStack(app, "s")
    secret = oc_cdk.TerraformVariable(stack, "key", type="string", sensitive=True)
    opted = oc_cdk.TerraformVariable(stack, "opted", type="string",
                                     default=LiteralSecret(KEY), sensitive=True)
    empty = oc_cdk.TerraformVariable(stack, "empty", type="string", default="")
    OpenaiProvider(stack, "openai", api_key=secret.string_value,
                   admin_api_key=opted.string_value, webhook_secret=empty.string_value)
    app.synth()
    document = json.loads((tmp_path / "out" / "stacks" / "s" / "cdk.tf.json").read_text())
    assert document["provider"]["openai"][0]["api_key"] == "${var.key}"


LOOKS_LIKE_A_REFERENCE = "${var.api_key}"


def test_a_planned_secret_that_looks_like_a_reference_is_never_shown(
    terraform_runner: Any,
) -> None:
    stack = oc_cdk.TerraformStack(oc_cdk.Testing.app(), "shown")
    OpenaiProvider(stack, "openai")
    secret = oc_cdk.TerraformVariable(stack, "secret", type="string", sensitive=True)
    oc_cdk.TerraformOutput(stack, "out", value=secret.string_value, sensitive=True)
    # Terraform itself marks the planned output sensitive; its text is the secret
    result = assert_planned(stack, "output.out", LOOKS_LIKE_A_REFERENCE,
                            variables={"secret": LOOKS_LIKE_A_REFERENCE},
                            runner=terraform_runner)
    planned = result.output("out")
    assert LOOKS_LIKE_A_REFERENCE not in repr(planned)
    assert LOOKS_LIKE_A_REFERENCE not in str(planned)
    with pytest.raises(AssertionError) as caught:
        assert_planned(stack, "output.out", "other", variables={"secret": LOOKS_LIKE_A_REFERENCE},
                       runner=terraform_runner)
    assert LOOKS_LIKE_A_REFERENCE not in str(caught.value)
    assert "<sensitive str of length 14>" in str(caught.value)


OUTPUTS = {
    "inside a larger string": lambda s, secret: f"key={secret}",
    "quoted by an Fn call": lambda s, secret: oc_cdk.Fn.join("", [secret]),
    "in a local's map": lambda s, secret: oc_cdk.TerraformLocal(s, "l", {"k": secret}).as_string,
}


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_a_literal_secret_in_a_plain_output_is_refused(tmp_path: Path, name: str) -> None:
    secret = LiteralSecret('sk-"quoted"-0123456789abcdef')
    runtime = __import__(oc_cdk.runtime_name())
    plain = runtime.TerraformStack(runtime.Testing.app(), "plain")
    runtime.TerraformOutput(plain, "o", value=OUTPUTS[name](plain, secret))
    assert "0123456789abcdef" in runtime.Testing.synth(plain)  # the judge: written verbatim

    app = oc_cdk.App(outdir=str(tmp_path / "out"))
    stack = oc_cdk.TerraformStack(app, "s")
    oc_cdk.TerraformOutput(stack, "o", value=OUTPUTS[name](stack, secret))
    with pytest.raises(SensitiveValueError, match=r"a LiteralSecret.*pass sensitive=True"):
        app.synth()
    assert "0123456789abcdef" not in _files(tmp_path)
    sensitive_app = oc_cdk.App(outdir=str(tmp_path / "ok"))
    ok = oc_cdk.TerraformStack(sensitive_app, "s")
    oc_cdk.TerraformOutput(ok, "o", value=OUTPUTS[name](ok, secret), sensitive=True)
    sensitive_app.synth()  # the explicit opt-in, marked sensitive: written as asked
