"""Plans against a real Terraform state, judged by real Terraform (through the stub provider).

The proof of ``Retire.of(stack).forget()``: against a state holding every kind of retired
object (assistants, threads, one of them iterated, messages, runs, a pattern's objects, a
ChatKit session), Terraform plans to forget every instance, creates and deletes nothing, and
never reads, plans or applies any of them (the stub provider's call log). The same stack
without ``forget()`` reads every object back (a refresh: a call to the retired endpoint per
object), and without the constructs it plans the deletes that would fail. An apply of the
forget-only plan leaves a state without them.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any

import pytest

from openai_constructs import (
    Assistant,
    AssistantWithThreads,
    ChatKitSession,
    Retire,
    RetiredApiWarning,
    StateFileError,
    Thread,
    ThreadSpec,
)
from openai_constructs._runtime.cdk import (
    TerraformIterator,
    TerraformStack,
    TerraformVariable,
    Testing,
    Token,
)
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.testing import assert_planned, assert_plans, to_document
from openai_constructs.testing.terraform.runner import TerraformRunner

pytestmark = pytest.mark.filterwarnings("ignore::openai_constructs.errors.RetiredApiWarning")

PROVIDER = 'provider["registry.terraform.io/stainless-sdks/openai"]'
AWS = "registry.terraform.io/hashicorp/aws"
LOCALES = {"en": "Hello", "fr": "Bonjour"}
VARIABLES = {"locales": LOCALES}
# What Terraform would call to read, change or create an object (a retired endpoint).
REMOTE_CALLS = {"ReadResource", "PlanResourceChange", "ApplyResourceChange",
                "ImportResourceState", "ReadDataSource"}


@pytest.fixture(scope="module")
def runner() -> Any:
    with TerraformRunner() as active:
        yield active


def _legacy_stack(*, declared: bool = True) -> TerraformStack:
    stack = TerraformStack(Testing.app(), "prod")
    OpenaiProvider(stack, "openai")
    if not declared:
        return stack
    locales = TerraformVariable(stack, "locales", type="map(string)")
    each = TerraformIterator.from_map(Token.as_string_map(locales.value))
    support = Assistant(stack, "Support", model="gpt-4o", instructions="Be kind.")
    welcome = Thread(stack, "Welcome", messages=["Hi"])
    welcome.add_message("Where is my order?")
    welcome.run(support)
    Thread(stack, "PerLocale", messages=[each.value], for_each=each)
    AssistantWithThreads(
        stack, "Desk", assistant={"model": "gpt-4o"},
        threads={"billing": ThreadSpec(messages=["Invoice?"])}, outputs=False,
    )
    ChatKitSession(stack, "Chat", workflow_id="wf_123", user="user-1")
    return stack


def _state_of(document: dict[str, Any]) -> dict[str, Any]:
    """A version-4 state as `terraform state pull` writes it after applying ``document``:
    one object per instance, each with an id (for_each instances keyed by LOCALES)."""
    resources = []
    for type_name, named in sorted(document.get("resource", {}).items()):
        for name, body in sorted(named.items()):
            keys: list[Any] = list(LOCALES) if "for_each" in body else [None]
            instances = []
            for key in keys:
                instance: dict[str, Any] = {
                    "schema_version": 0,
                    "attributes": {"id": f"{type_name}-{name}" + (f"-{key}" if key else "")},
                }
                if key is not None:
                    instance["index_key"] = key
                instances.append(instance)
            resources.append({"mode": "managed", "type": type_name, "name": name,
                              "provider": PROVIDER, "instances": instances})
    return {"version": 4, "terraform_version": "1.9.8", "serial": 3,
            "lineage": "0b6a2f63-2f59-4c1e-9d51-1f0e5f1c0b7a", "outputs": {},
            "resources": resources}


def _ids(state: dict[str, Any]) -> set[str]:
    return {i["attributes"]["id"] for r in state["resources"] for i in r["instances"]}


@pytest.fixture(scope="module")
def legacy_state() -> dict[str, Any]:
    return _state_of(to_document(_legacy_stack()))


def test_the_state_holds_every_kind_of_retired_object(legacy_state: dict[str, Any]) -> None:
    kinds = {r["type"] for r in legacy_state["resources"]}
    assert kinds == {"openai_beta_assistant", "openai_beta_thread",
                     "openai_beta_thread_message", "openai_beta_thread_run",
                     "openai_beta_chatkit_session"}
    iterated = [r for r in legacy_state["resources"] if len(r["instances"]) == 2]
    assert [r["type"] for r in iterated] == ["openai_beta_thread"]
    assert len(_ids(legacy_state)) == 9


@pytest.mark.parametrize("refresh", [True, False], ids=["refresh", "no-refresh"])
def test_forget_plans_to_forget_every_instance_and_calls_nothing_remote(
    runner: Any, legacy_state: dict[str, Any], refresh: bool
) -> None:
    stack = _legacy_stack()
    Retire.of(stack).forget()
    result = assert_plans(stack, runner=runner, variables=VARIABLES, state=legacy_state,
                          refresh=refresh)
    instances = {
        f"{r['type']}.{r['name']}" + (f'["{i["index_key"]}"]' if "index_key" in i else "")
        for r in legacy_state["resources"] for i in r["instances"]
    }
    assert {c.address for c in result.changes} == instances
    assert {c.actions for c in result.changes} == {("forget",)}
    assert result.summary["add"] == 0 and result.summary["change"] == 0
    assert result.summary.get("remove", 0) == 0 and result.summary.get("destroy", 0) == 0
    # The stub's log: Terraform upgraded the stored states (a local step of the provider,
    # no API call) and asked nothing else about any of these objects.
    touched = [c for c in result.provider_calls if c.id]
    assert {c.method for c in touched} == {"UpgradeResourceState"}
    assert {c.id for c in touched} == _ids(legacy_state)
    assert not [c for c in result.provider_calls if c.method in REMOTE_CALLS]


def test_without_forget_terraform_reads_every_object_unless_refresh_is_off(
    runner: Any, legacy_state: dict[str, Any]
) -> None:
    result = assert_plans(_legacy_stack(), runner=runner, variables=VARIABLES,
                          state=legacy_state)
    reads = {c.id for c in result.provider_calls if c.method == "ReadResource"}
    assert reads == _ids(legacy_state)  # a refresh calls every retired endpoint
    quiet = assert_plans(_legacy_stack(), runner=runner, variables=VARIABLES,
                         state=legacy_state, refresh=False)
    assert not [c for c in quiet.provider_calls if c.method == "ReadResource"]


def test_without_the_constructs_terraform_plans_the_deletes_that_would_fail(
    runner: Any, legacy_state: dict[str, Any]
) -> None:
    result = assert_plans(_legacy_stack(declared=False), runner=runner, state=legacy_state,
                          refresh=False)
    assert len(result.changes) == 9
    assert {c.actions for c in result.changes} == {("delete",)}
    assert result.summary["remove"] == 9


def test_applying_the_forget_plan_leaves_a_state_without_them(
    runner: Any, legacy_state: dict[str, Any], tmp_path: Path
) -> None:
    stack = _legacy_stack()
    Retire.of(stack).forget()
    path = tmp_path / "prod.tfstate"
    path.write_text(json.dumps(legacy_state))
    result = runner.apply(stack, VARIABLES, state=path, refresh=False)
    assert result.ok, result.report()
    assert result.state is not None and result.state["resources"] == []
    assert result.state["lineage"] == legacy_state["lineage"]
    assert result.state["serial"] > legacy_state["serial"]
    assert not [c for c in result.provider_calls if c.method in REMOTE_CALLS]
    # And the next plan, from that state, has nothing left to do.
    again = assert_plans(stack, runner=runner, variables=VARIABLES, state=result.state)
    assert again.changes == ()


def test_the_stub_applies_only_what_needs_no_api(runner: Any) -> None:
    stack = TerraformStack(Testing.app(), "prod")
    OpenaiProvider(stack, "openai")
    Thread(stack, "New")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RetiredApiWarning)
        result = runner.apply(stack)
    assert not result.ok
    assert "The stub provider applies only deletes" in result.report()


def test_import_blocks_plan_against_a_state(runner: Any) -> None:
    stack = TerraformStack(Testing.app(), "prod")
    OpenaiProvider(stack, "openai")
    BetaThread(stack, "Imported").import_from("thread_9")
    BetaThread(stack, "Kept")
    state = {"version": 4, "resources": [
        {"mode": "managed", "type": "openai_beta_thread", "name": "Kept",
         "provider": PROVIDER, "instances": [{"attributes": {"id": "thread_1"}}]}]}
    result = assert_planned(stack, "openai_beta_thread.Kept", {"id": "thread_1"},
                            runner=runner, state=state, refresh=False)
    by_address = {c.address: c for c in result.changes}
    imported = by_address["openai_beta_thread.Imported"]
    assert imported.actions[0] == "import" and imported.import_id == "thread_9"
    assert "openai_beta_thread.Kept" not in by_address  # unchanged: Terraform reports no-op
    calls = [(c.method, c.id) for c in result.provider_calls]
    assert ("ImportResourceState", "thread_9") in calls


def test_moved_blocks_report_the_move(runner: Any) -> None:
    document = {
        "terraform": {"required_providers": {"openai": {"source": "stainless-sdks/openai"}}},
        "provider": {"openai": [{}]},
        "resource": {"openai_beta_thread": {"renamed": {}}},
        "moved": [{"from": "openai_beta_thread.old", "to": "openai_beta_thread.renamed"}],
    }
    state = {"version": 4, "resources": [
        {"mode": "managed", "type": "openai_beta_thread", "name": "old",
         "provider": PROVIDER, "instances": [{"attributes": {"id": "thread_1"}}]}]}
    result = runner.plan(document, state=state, refresh=False)
    assert result.ok, result.report()
    (change,) = result.changes
    assert change.actions[0] == "move"
    assert change.previous_address == "openai_beta_thread.old"


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ({"version": 3, "resources": []}, "version: 3; the kit reads version 4"),
        ([1, 2], "must be a path to a .tfstate file or its dict, got list"),
        ({"version": 4, "resources": [{"mode": "managed", "type": "aws_s3_bucket",
                                       "name": "logs", "instances": [],
                                       "provider": f'provider["{AWS}"]'}]},
         f"resources[0] (aws_s3_bucket.logs): foreign provider '{AWS}'"),
        ({"version": 4, "resources": [{"mode": "managed", "type": "openai_beta_vector_store",
                                       "name": "v", "instances": [], "provider": PROVIDER}]},
         "foreign type 'openai_beta_vector_store'"),
        ({"version": 4, "resources": [{"mode": "managed", "type": "openai_beta_thread",
                                       "name": "t", "provider": PROVIDER,
                                       "instances": [{"attributes_flat": {"id": "x"}}]}]},
         "version 4 writes attributes, not attributes_flat"),
    ],
)
def test_a_state_the_kit_cannot_use_is_one_clear_error(
    runner: Any, state: Any, expected: str
) -> None:
    with pytest.raises(StateFileError) as caught:
        assert_plans(_legacy_stack(declared=False), runner=runner, state=state)
    assert expected in str(caught.value)
    assert str(caught.value).startswith("openai_constructs: ")


def test_a_state_file_that_is_not_json_names_the_file(runner: Any, tmp_path: Path) -> None:
    path = tmp_path / "broken.tfstate"
    path.write_text("{not json")
    with pytest.raises(StateFileError) as caught:
        runner.plan(_legacy_stack(declared=False), state=path)
    assert f"the Terraform state {path}:" in str(caught.value)
    assert "is not JSON" in str(caught.value)


def test_the_embedded_terraform_reads_removed_blocks(runner: Any) -> None:
    (code, out, _err), = runner.run_files({"main.tf": ""}, [["version", "-json"]])
    assert code == 0
    version = tuple(int(p) for p in json.loads(out)["terraform_version"].split(".")[:2])
    assert version >= (1, 7)  # removed blocks: Terraform 1.7 and later


def test_the_hcl_output_forgets_under_real_terraform(
    runner: Any, legacy_state: dict[str, Any], tmp_path: Path
) -> None:
    from openai_constructs.cdk import App

    app = App(outdir=str(tmp_path / "out"), hcl_output=True)
    stack = TerraformStack(app, "prod")
    OpenaiProvider(stack, "openai")
    Assistant(stack, "Support", model="gpt-4o", instructions="Be kind.")
    locales = TerraformVariable(stack, "locales", type="map(string)")
    each = TerraformIterator.from_map(Token.as_string_map(locales.value))
    Thread(stack, "PerLocale", messages=[each.value], for_each=each)
    Retire.of(app).forget()
    app.synth()
    hcl = (tmp_path / "out" / "stacks" / "prod" / "cdk.tf").read_text()
    state = {"version": 4, "resources": [
        r for r in legacy_state["resources"]
        if f"{r['type']}.{r['name']}" in ("openai_beta_assistant.Support",
                                          "openai_beta_thread.PerLocale")]}
    assert len(state["resources"]) == 2
    # The stack's local backend names a path of its own: the default one reads the state.
    hcl = re.sub(r'\n  backend "local" \{\n.*?\n  \}', "", hcl, flags=re.S)
    assert "removed {" in hcl and "backend" not in hcl
    files = {"cdk.tf": hcl, "terraform.tfstate": json.dumps({
                 "terraform_version": "1.9.8", "serial": 1, "outputs": {},
                 "lineage": "7f0a3c2e-1b4d-4e5f-8a9b-0c1d2e3f4a5b", **state})}
    (code, out, err), = runner.run_files(
        files, [["plan", "-json", "-input=false", "-no-color", "-lock=false", "-refresh=false",
                 "-var=locales={}"]])
    assert code in (0, 2), out + err
    changes = [json.loads(line)["change"] for line in out.splitlines()
               if '"type":"planned_change"' in line]
    assert sorted((c["resource"]["addr"], c["action"]) for c in changes) == [
        ("openai_beta_assistant.Support", "remove"),
        ('openai_beta_thread.PerLocale["en"]', "remove"),
        ('openai_beta_thread.PerLocale["fr"]', "remove"),
    ]


def test_the_stub_upgrades_imports_and_logs_without_inventing_values() -> None:
    from openai_constructs.testing import load_schema
    from openai_constructs.testing.terraform.stub_provider import StubProvider, _decode

    stub = StubProvider(load_schema(), "registry.terraform.io/stainless-sdks/openai")
    stored = {"id": "asst_1", "model": "gpt-4o", "gone_attribute": 1,
              "tools": [{"type": "function", "function": {"name": "f", "old": True}}]}
    upgraded, diagnostics = stub.upgrade("openai_beta_assistant", json.dumps(stored).encode())
    assert diagnostics == []
    value = json.loads(upgraded)
    assert "gone_attribute" not in value  # an attribute the schema no longer has
    assert value["id"] == "asst_1" and value["model"] == "gpt-4o"
    assert "old" not in json.dumps(value["tools"])  # at every depth
    _, problems = stub.upgrade("openai_beta_assistant", b"{broken")
    assert [p.summary for p in problems] == ["Unreadable stored state"]

    imported = _decode(stub.import_state("openai_beta_thread", "thread_9") or b"")
    assert imported["id"] == "thread_9"
    assert all(v in (None, [], {}) for k, v in imported.items() if k != "id")

    stub.log("ReadResource", "openai_beta_thread", {"id": "thread_9"})
    stub.log("ConfigureProvider")
    assert stub.take_calls() == [
        {"method": "ReadResource", "type": "openai_beta_thread", "id": "thread_9"},
        {"method": "ConfigureProvider", "type": ""},
    ]
    assert stub.take_calls() == []


def test_state_is_for_one_stack_not_a_whole_app(runner: Any, tmp_path: Path) -> None:
    from openai_constructs import TestingInputError
    from openai_constructs.cdk import App

    app = App(outdir=str(tmp_path))
    OpenaiProvider(TerraformStack(app, "one"), "openai")
    with pytest.raises(TestingInputError) as caught:
        assert_plans(app, runner=runner, state={"version": 4, "resources": []})
    assert "state= and refresh= plan one stack against its state" in str(caught.value)
