"""The retired-API warning: once per stack and retired API at synth, acknowledged by a
context key or an environment variable; a ChatKit session gets the Agent Builder one, the
ChatKit thread data sources none. Runs under whichever runtime the suite
runs (``make test`` runs it under cdktf and cdktn)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from openai_constructs import Assistant, ChatKitSession, Thread
from openai_constructs._runtime import cdk, notices
from openai_constructs.api_status import (
    ACKNOWLEDGE_CONTEXT_KEY,
    ACKNOWLEDGE_ENV_VAR,
    RETIRED_APIS,
    retired_type,
)
from openai_constructs.cdk import App
from openai_constructs.l1.data_openai_beta_assistants import DataOpenaiBetaAssistants
from openai_constructs.l1.data_openai_beta_chatkit_thread import DataOpenaiBetaChatkitThread
from openai_constructs.l1.provider import OpenaiProvider

pytestmark = pytest.mark.filterwarnings("ignore::openai_constructs.errors.RetiredApiWarning")

SCHEMA = Path(__file__).resolve().parents[1] / "openai_constructs" / "schema" / (
    "provider-schema.json")


def _app(tmp_path: Path, **context: Any) -> Any:
    return App(outdir=str(tmp_path / "cdktf.out"), context=context or None)


def _retired_stack(app: Any, name: str = "legacy") -> Any:
    stack = cdk.TerraformStack(app, name)
    OpenaiProvider(stack, "openai")
    group = cdk.Construct(stack, "group")  # a user's own scope between the stack and the L2s
    for index in range(3):
        Assistant(group, f"assistant{index}", model="gpt-4o")
    Thread(stack, "thread", messages=["hi"])
    DataOpenaiBetaAssistants(stack, "existing")
    return stack


def _chatkit_stack(app: Any, name: str = "current") -> Any:
    stack = cdk.TerraformStack(app, name)
    OpenaiProvider(stack, "openai")
    ChatKitSession(stack, "session", workflow_id="wf_123", user="user-1")
    DataOpenaiBetaChatkitThread(stack, "thread", thread_id="cthr_1")
    return stack


def _annotations(tmp_path: Path) -> dict[str, list[dict[str, Any]]]:
    manifest = json.loads((tmp_path / "cdktf.out" / "manifest.json").read_text())
    return {name: stack["annotations"] for name, stack in manifest["stacks"].items()}


def test_one_warning_per_stack_naming_the_types_and_the_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ACKNOWLEDGE_ENV_VAR, raising=False)
    app = _app(tmp_path)
    _retired_stack(app, "legacy")
    _retired_stack(app, "legacy2")
    _chatkit_stack(app)
    app.synth()
    annotations = _annotations(tmp_path)
    # ChatKit: the session names an Agent Builder workflow (shut down 2026-11-30); the
    # ChatKit thread data sources target ChatKit, which is current.
    (chatkit,) = annotations["current"]
    assert chatkit["message"].startswith(
        "openai_constructs: openai_beta_chatkit_session targets the OpenAI Agent Builder, "
        "which OpenAI shut down on 2026-11-30 (source: https://")
    assert "POST /v1/chatkit/sessions" in chatkit["message"]  # what no source settles
    assert "chatkit_thread" not in chatkit["message"]
    for name in ("legacy", "legacy2"):
        (warning,) = annotations[name]
        assert warning["level"] == "@cdktf/warn"
        assert warning["constructPath"] == name
        assert "stacktrace" not in warning  # manifest.json stays byte-identical across runs
        message = warning["message"]
        assert message.startswith(
            "openai_constructs: data.openai_beta_assistants, openai_beta_assistant, "
            "openai_beta_thread target the OpenAI Assistants API, which OpenAI shut down on "
            "2026-08-26"
        )
        assert ACKNOWLEDGE_CONTEXT_KEY in message and ACKNOWLEDGE_ENV_VAR in message
        assert "docs/migration.md" in message


def test_a_second_synth_does_not_repeat_the_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ACKNOWLEDGE_ENV_VAR, raising=False)
    app = _app(tmp_path)
    stack = _retired_stack(app)
    cdk.Testing.synth(stack)  # invokes the aspects too
    app.synth()
    assert len(_annotations(tmp_path)["legacy"]) == 1


def test_the_context_key_acknowledges(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ACKNOWLEDGE_ENV_VAR, raising=False)
    app = _app(tmp_path, **{ACKNOWLEDGE_CONTEXT_KEY: True})
    _retired_stack(app)
    app.synth()
    assert _annotations(tmp_path)["legacy"] == []


@pytest.mark.parametrize(("value", "silenced"), [("1", True), ("true", True), ("0", False),
                                                 ("false", False), ("", False)])
def test_the_environment_variable_acknowledges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, silenced: bool
) -> None:
    monkeypatch.setenv(ACKNOWLEDGE_ENV_VAR, value)
    app = _app(tmp_path)
    _retired_stack(app)
    app.synth()
    assert len(_annotations(tmp_path)["legacy"]) == (0 if silenced else 1)


def test_the_entry_type_is_what_annotations_write() -> None:
    import sys

    runtime = sys.modules[cdk.runtime_name()]
    scope = cdk.Construct(cdk.TerraformStack(cdk.Testing.app(), "s"), "c")
    runtime.Annotations.of(scope).add_warning("x")
    assert [entry.type for entry in scope.node.metadata] == [notices.WARNING_ENTRY_TYPE]


def test_one_aspect_per_stack_on_a_leaf_not_per_construct(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    runtime = sys.modules[cdk.runtime_name()]
    stack = _retired_stack(cdk.Testing.app())
    carriers = [c for c in stack.node.find_all() if runtime.Aspects.of(c).all]
    assert len(carriers) == 1 and not carriers[0].node.children


def test_the_retired_types_are_every_type_but_the_chatkit_threads() -> None:
    provider = json.loads(SCHEMA.read_text())["provider_schemas"][
        "registry.terraform.io/stainless-sdks/openai"]
    addresses = [*provider["resource_schemas"],
                 *(f"data.{name}" for name in provider["data_source_schemas"])]
    retired = {a for a in addresses if retired_type(a) is not None}
    successors = {"openai_file", "openai_vector_store", "openai_conversation"}
    assert retired == {a for a in addresses if "chatkit_thread" not in a and a not in successors}
    assert [(api.name, api.sunset) for api in RETIRED_APIS] == [
        ("Assistants API", "2026-08-26"),
        ("Agent Builder", "2026-11-30"),
        ("reusable prompt objects", "2026-11-30"),
    ]
    assert retired_type("openai_beta_chatkit_session").name == "Agent Builder"  # type: ignore[union-attr]
    # No type of the provider targets /v1/prompts; every entry says where it comes from.
    assert RETIRED_APIS[2].types == ()
    assert all(api.sources and all(s.startswith("https://") for s in api.sources)
               for api in RETIRED_APIS)
    # What replaced them is current.
    assert {"openai_file", "openai_vector_store", "openai_conversation"} <= set(addresses)
    assert retired_type("openai_vector_store") is None
