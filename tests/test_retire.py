"""``Retire.of(scope).forget()``: what the synthesized document says (JSON and HCL).

That Terraform reads these ``removed`` blocks as intended (every instance forgotten, nothing
created or destroyed, no call to the provider) is checked against a real state file by
``tests/testing/test_plan_state.py``.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

from openai_constructs import (
    Assistant,
    AssistantWithThreads,
    ChatKitSession,
    ForgottenReferenceError,
    Retire,
    RetiredApiWarning,
    Thread,
    ThreadSpec,
    ValidationError,
)
from openai_constructs.api_status import RETIRED_TYPES
from openai_constructs.cdk import (
    App,
    TerraformIterator,
    TerraformOutput,
    TerraformStack,
    TerraformVariable,
    Testing,
    Token,
)
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.data_openai_beta_thread import DataOpenaiBetaThread
from openai_constructs.l1.provider import OpenaiProvider
from tests.conftest import synth


def _stack() -> TerraformStack:
    stack = TerraformStack(Testing.app(), "prod")
    OpenaiProvider(stack, "openai")
    return stack


def _declare_everything(stack: TerraformStack) -> None:
    locales = TerraformVariable(stack, "locales", type="map(string)")
    each = TerraformIterator.from_map(Token.as_string_map(locales.value))
    support = Assistant(stack, "Support", model="gpt-4o", instructions="Be kind.")
    welcome = Thread(stack, "Welcome", messages=["Hi"])
    welcome.add_message("Hello again")
    welcome.run(support)
    Thread(stack, "PerLocale", messages=[each.value], for_each=each)
    Thread(stack, "Pool", count=2)
    BetaAssistant(stack, "Raw", model="gpt-4o")
    DataOpenaiBetaThread(stack, "Looked", thread_id="thread_1")
    AssistantWithThreads(
        stack, "Desk", assistant={"model": "gpt-4o"},
        threads={"billing": ThreadSpec(messages=["Invoice?"])}, outputs=False,
    )
    ChatKitSession(stack, "Chat", workflow_id="wf_123", user="u")


def test_every_retired_resource_becomes_a_removed_block_and_data_sources_go() -> None:
    stack = _stack()
    _declare_everything(stack)
    plain = synth(stack)
    expected = sorted(
        f"{kind}.{name}" for kind, named in plain["resource"].items() for name in named
    )
    Retire.of(stack).forget()
    document = synth(stack)
    # Nothing of a retired type is left as a resource or a data source...
    assert "resource" not in document
    assert "data" not in document
    # ...and each resource block became exactly one removed block that keeps the object.
    removed = document["removed"]
    assert sorted(r["from"] for r in removed) == expected
    assert all(r["lifecycle"] == {"destroy": False} for r in removed)
    assert {"openai_beta_thread_message", "openai_beta_thread_run",
            "openai_beta_chatkit_session"} <= {a.split(".")[0] for a in expected}
    # Everything else is untouched.
    assert document["provider"] == plain["provider"]
    assert document["variable"] == plain["variable"]


def test_forgotten_lists_paths_and_addresses_also_of_later_constructs() -> None:
    stack = _stack()
    Assistant(stack, "Support", model="gpt-4o")
    Retire.of(stack).forget()
    Thread(stack, "Late")  # declared after forget(): forgotten too
    DataOpenaiBetaThread(stack, "Looked", thread_id="thread_1")
    found = {(f.path, f.address) for f in Retire.of(stack).forgotten()}
    assert found == {
        ("prod/Support/Default", "openai_beta_assistant.Support"),
        ("prod/Late/Default", "openai_beta_thread.Late"),
        ("prod/Looked", "data.openai_beta_thread.Looked"),
    }
    assert [r["from"] for r in synth(stack)["removed"]] == [
        "openai_beta_assistant.Support", "openai_beta_thread.Late"]


def test_the_python_objects_stay_usable() -> None:
    stack = _stack()
    support = Assistant(stack, "Support", model="gpt-4o", instructions="Be kind.",
                        temperature=0.5)
    welcome = Thread(stack, "Welcome", messages=["Hi"])
    Retire.of(stack).forget()
    assert dict(support.to_responses_params()) == {
        "model": "gpt-4o", "instructions": "Be kind.", "temperature": 0.5}
    assert dict(welcome.to_conversation_params()) == {
        "items": [{"type": "message", "role": "user", "content": "Hi"}]}


def test_scope_include_and_exclude() -> None:
    from constructs import Construct

    stack = _stack()
    legacy = Construct(stack, "Legacy")  # a plain construct as the scope
    Assistant(legacy, "Old", model="gpt-4o")
    Thread(legacy, "OldThread")
    Assistant(stack, "Kept", model="gpt-4o")
    (old_name,) = [n for n in synth(stack)["resource"]["openai_beta_assistant"] if n != "Kept"]
    Retire.of(legacy).forget(exclude_resource_types=["openai_beta_thread"])
    document = synth(stack)
    assert [r["from"] for r in document["removed"]] == [f"openai_beta_assistant.{old_name}"]
    assert set(document["resource"]["openai_beta_assistant"]) == {"Kept"}
    assert len(document["resource"]["openai_beta_thread"]) == 1

    other = _stack()
    Assistant(other, "A", model="gpt-4o")
    Thread(other, "T")
    Retire.of(other).forget(include_resource_types=["openai_beta_thread"])
    document = synth(other)
    assert [r["from"] for r in document["removed"]] == ["openai_beta_thread.T"]
    assert "A" in document["resource"]["openai_beta_assistant"]


@pytest.mark.parametrize(
    ("options", "detail"),
    [
        ({"include_resource_types": ["openai_beta_vector_store"]}, "'openai_beta_vector_store'"),
        ({"exclude_resource_types": "openai_beta_thread"}, "'openai_beta_thread'"),
    ],
)
def test_unknown_types_are_refused_and_nothing_is_recorded(
    options: dict[str, Any], detail: str
) -> None:
    stack = _stack()
    Assistant(stack, "A", model="gpt-4o")
    with pytest.raises(ValidationError) as caught:
        Retire.of(stack).forget(**options)
    assert "Retire.of('prod')" in str(caught.value)
    assert detail in str(caught.value)
    assert "removed" not in synth(stack)


def test_a_reference_to_a_forgotten_object_names_both_paths_before_anything_is_written(
    tmp_path: Path,
) -> None:
    app = App(outdir=str(tmp_path / "out"))
    stack = TerraformStack(app, "prod")
    OpenaiProvider(stack, "openai")
    support = Assistant(stack, "Support", model="gpt-4o")
    looked = DataOpenaiBetaThread(stack, "Looked", thread_id="thread_1")
    TerraformOutput(stack, "support_id", value=support.assistant_id)
    Thread(stack, "Kept", metadata={"from": looked.id})
    Retire.of(stack).forget(exclude_resource_types=["openai_beta_thread"])
    with pytest.raises(ForgottenReferenceError) as caught, warnings.catch_warnings():
        warnings.simplefilter("ignore", RetiredApiWarning)
        app.synth()
    text = str(caught.value)
    assert "2 references to a forgotten object in stack 'prod'" in text
    assert "output 'prod/support_id' (output.support_id) refers to 'prod/Support/Default'" in text
    assert "'prod/Kept/Default' (openai_beta_thread.Kept) refers to 'prod/Looked'" in text
    assert "Retire.of('prod').forget()" in text
    assert not (tmp_path / "out" / "stacks").exists() or not any(
        (tmp_path / "out" / "stacks").iterdir())


def test_hcl_output_writes_removed_blocks(tmp_path: Path) -> None:
    app = App(outdir=str(tmp_path), hcl_output=True)
    stack = TerraformStack(app, "prod")
    OpenaiProvider(stack, "openai")
    Assistant(stack, "Support", model="gpt-4o")
    Thread(stack, "Pool", count=2)
    DataOpenaiBetaThread(stack, "Looked", thread_id="thread_1")
    Retire.of(app).forget()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RetiredApiWarning)
        app.synth()
    text = (tmp_path / "stacks" / "prod" / "cdk.tf").read_text()
    assert "resource \"openai_beta" not in text
    assert "data \"openai_beta" not in text
    for address in ("openai_beta_assistant.Support", "openai_beta_thread.Pool"):
        assert (f"removed {{\n  from = {address}\n  lifecycle {{\n    destroy = false\n"
                f"  }}\n}}") in text


def test_python_main_sees_a_retired_api_warning(tmp_path: Path) -> None:
    app = App(outdir=str(tmp_path))
    stack = TerraformStack(app, "prod")
    OpenaiProvider(stack, "openai")
    Assistant(stack, "Support", model="gpt-4o")
    ChatKitSession(stack, "Chat", workflow_id="wf_1", user="u")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        app.synth()
    found = [w for w in caught if issubclass(w.category, RetiredApiWarning)]
    assert len(found) == 2
    assert all(w.filename == __file__ for w in found)  # the user's synth line
    texts = sorted(str(w.message) for w in found)
    assert "Assistants API, which OpenAI shut down on 2026-08-26" in texts[0]
    assert "Agent Builder, which OpenAI shut down on 2026-11-30" in texts[1]
    assert "Not settled by any source" in texts[1]
    assert issubclass(RetiredApiWarning, UserWarning)  # shown by default


def test_the_warning_is_silenced_by_the_acknowledgement(tmp_path: Path) -> None:
    app = App(outdir=str(tmp_path),
              context={"openai-constructs:acknowledgeRetiredApis": True})
    stack = TerraformStack(app, "prod")
    OpenaiProvider(stack, "openai")
    Assistant(stack, "Support", model="gpt-4o")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        app.synth()
    assert not [w for w in caught if issubclass(w.category, RetiredApiWarning)]


def test_retired_types_cover_the_chatkit_session_and_no_prompt_successor() -> None:
    assert "openai_beta_chatkit_session" in RETIRED_TYPES
    assert "data.openai_beta_chatkit_thread" not in RETIRED_TYPES  # ChatKit is current
    overlay = json.loads((Path(__file__).parents[1] / "openai_constructs" / "schema"
                          / "retired_apis.json").read_text())
    for spec in overlay["retired_apis"].values():
        assert "prompt" not in spec["replacement"].replace("responses.create", "")
        assert spec["sources"]


def test_retire_is_public() -> None:
    import openai_constructs

    assert openai_constructs.Retire is Retire
    assert Retire.__module__ == "openai_constructs.retire"


def test_a_stack_that_forgot_everything_retired_is_not_warned_again(tmp_path: Path) -> None:
    app = App(outdir=str(tmp_path))
    left = TerraformStack(app, "left")
    OpenaiProvider(left, "openai")
    Assistant(left, "Support", model="gpt-4o")
    Retire.of(left).forget()
    partly = TerraformStack(app, "partly")
    OpenaiProvider(partly, "openai")
    Assistant(partly, "Support", model="gpt-4o")
    Thread(partly, "Kept")
    Retire.of(partly).forget(include_resource_types=["openai_beta_assistant"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        app.synth()
    found = [str(w.message) for w in caught if issubclass(w.category, RetiredApiWarning)]
    assert len(found) == 1  # only the stack that still manages a thread
    assert "openai_beta_assistant, openai_beta_thread target" in found[0]
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["stacks"]["left"]["annotations"] == []
    assert len(manifest["stacks"]["partly"]["annotations"]) == 1


def test_locals_and_depends_on_that_reach_a_forgotten_object_are_refused() -> None:
    import sys

    from openai_constructs._runtime.cdk import runtime_name
    from openai_constructs.l1.beta_thread import BetaThread
    from openai_constructs.testing import to_document

    stack = _stack()
    support = Assistant(stack, "Support", model="gpt-4o")
    local = sys.modules[runtime_name()].TerraformLocal(stack, "support_id", support.assistant_id)
    Thread(stack, "Kept", metadata={"assistant": local.as_string})
    BetaThread(stack, "After", depends_on=[support.node.default_child])
    Retire.of(stack).forget(include_resource_types=["openai_beta_assistant"])
    with pytest.raises(ForgottenReferenceError) as caught:
        to_document(stack)
    text = str(caught.value)
    assert "2 references to a forgotten object in stack 'prod'" in text
    assert ("local 'prod/support_id' (local.support_id) refers to 'prod/Support/Default'"
            in text)
    assert "'prod/After' (openai_beta_thread.After) refers to 'prod/Support/Default'" in text
