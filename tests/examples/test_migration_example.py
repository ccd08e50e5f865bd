"""``examples/migration`` executed: ``before.py`` (what a repo holds today) and ``after.py``
(the same plus one ``ResponsesMigration``), planned by real Terraform against a state holding
the objects of ``before.py``, without refreshing:

* only forgets (every retired object) and creates (the successors), no read of a retired
  object and no other remote call;
* the new resources' planned values are what was written: the inline store's files in order,
  its chunking and metadata, the thread's messages in declaration order with its metadata;
* the output of Responses parameters, once Terraform has filled in the new store's id, is
  what the SDK's ``ResponseCreateParams`` accepts, and its ``vector_store_ids`` is that id.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from openai_constructs.testing import assert_plans
from tests.runtime.hclcheck import run_terraform

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "migration"
PROVIDER = 'provider["registry.terraform.io/stainless-sdks/openai"]'
REMOTE_CALLS = {"ReadResource", "ApplyResourceChange", "ReadDataSource", "ImportResourceState"}


def _document(script: str, outdir: Path) -> dict[str, Any]:
    env = {**os.environ, "CDKTF_OUTDIR": str(outdir),
           "OPENAI_CONSTRUCTS_ACKNOWLEDGE_RETIRED_APIS": "1"}
    done = subprocess.run([sys.executable, script], cwd=EXAMPLE, env=env, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    document: dict[str, Any] = json.loads(
        (outdir / "stacks" / "support" / "cdk.tf.json").read_text(encoding="utf-8"))
    return document


def _state_of(document: dict[str, Any]) -> dict[str, Any]:
    """The version-4 state ``terraform apply`` of ``document`` leaves: one object per
    resource, with an id."""
    resources = [
        {"mode": "managed", "type": type_name, "name": name, "provider": PROVIDER,
         "instances": [{"schema_version": 0,
                        "attributes": {"id": f"{type_name}-{name}"}}]}
        for type_name, named in sorted(document.get("resource", {}).items())
        for name in sorted(named)
    ]
    return {"version": 4, "terraform_version": "1.9.8", "serial": 1,
            "lineage": "3f0c5a52-7c0e-4b8e-9a55-5d1f3f8a2c11", "outputs": {},
            "resources": resources}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    out = tmp_path_factory.mktemp("migration")
    return _document("before.py", out / "before"), _document("after.py", out / "after")


def test_the_after_stack_only_forgets_and_creates(
    documents: tuple[dict[str, Any], dict[str, Any]], terraform_runner: Any
) -> None:
    before, after = documents
    state = _state_of(before)
    assert {r["type"] for r in state["resources"]} == {
        "openai_beta_assistant", "openai_beta_thread", "openai_beta_thread_message"}
    result = assert_plans(after, runner=terraform_runner, state=state, refresh=False)
    actions = {c.address: c.actions for c in result.changes}
    old = {f"{r['type']}.{r['name']}" for r in state["resources"]}
    assert {a for a, act in actions.items() if act == ("forget",)} == old
    created = sorted(a.split(".")[0] for a, act in actions.items() if act == ("create",))
    assert created == ["openai_conversation", "openai_vector_store"]
    assert set(actions.values()) == {("forget",), ("create",)}
    assert not [c for c in result.provider_calls if c.method in REMOTE_CALLS]

    store = next(r.values for a, r in result.resources.items()
                 if a.startswith("openai_vector_store."))
    assert store["file_ids"] == ["file-faq", "file-returns"]
    assert store["chunking_strategy"] == {"type": "static", "static": {
        "max_chunk_size_tokens": 600, "chunk_overlap_tokens": 200}}
    assert store["metadata"] == {"source": "help-centre"}
    conversation = next(r.values for a, r in result.resources.items()
                        if a.startswith("openai_conversation."))
    assert [(i["role"], i["content"]) for i in conversation["items"]] == [
        ("user", "Where is order 42?"), ("assistant", "Let me look that up."),
        ("assistant", "It left the warehouse yesterday.")]
    assert conversation["metadata"] == {"channel": "web"}


def test_the_responses_parameters_are_what_the_sdk_accepts_once_the_id_is_known(
    documents: tuple[dict[str, Any], dict[str, Any]], terraform_runner: Any
) -> None:
    """Terraform evaluates the output with the new store's id known (the store is in the
    state, as after ``apply``): the JSON text holds that id where the inline store was."""
    pydantic = pytest.importorskip("pydantic")
    from openai.types.responses import response_create_params

    _, after = documents
    (store_name,) = after["resource"]["openai_vector_store"]
    expression = after["output"]["Support_responses_params"]["value"]
    assert f"openai_vector_store.{store_name}.id" in expression
    state = {"version": 4, "terraform_version": "1.9.8", "serial": 1,
             "lineage": "3f0c5a52-7c0e-4b8e-9a55-5d1f3f8a2c12", "outputs": {},
             "resources": [{"mode": "managed", "type": "openai_vector_store",
                            "name": store_name, "provider": PROVIDER,
                            "instances": [{"schema_version": 0,
                                           "attributes": {"id": "vs_new123"}}]}]}
    document = {"terraform": after["terraform"], "provider": after["provider"],
                "resource": {"openai_vector_store": after["resource"]["openai_vector_store"]},
                "output": {"params": {"value": expression}}}
    document["terraform"] = {k: v for k, v in document["terraform"].items() if k != "backend"}
    results = run_terraform(terraform_runner, {
        "cdk.tf.json": json.dumps(document), "terraform.tfstate": json.dumps(state)},
        document, [["init", "-input=false", "-no-color"],
                   ["plan", "-input=false", "-no-color", "-lock=false", "-refresh=false",
                    "-out=tfplan"],
                   ["show", "-json", "-no-color", "tfplan"]])
    for code, out, err in results:
        assert code in (0, 2), out + err
    shown = json.loads(results[-1][1])
    params = json.loads(shown["planned_values"]["outputs"]["params"]["value"])
    assert params["tools"][1] == {"type": "file_search", "vector_store_ids": ["vs_new123"]}
    assert params["instructions"] == (
        "Answer from the help centre. ${order_id} is text, not a template.")
    adapter = pydantic.TypeAdapter(response_create_params.ResponseCreateParamsNonStreaming)
    adapter.validate_python({**params, "input": "Where is order 42?"})
