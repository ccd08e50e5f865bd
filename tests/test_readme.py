"""The README's snippets run, and its table of validated rules is the current one."""

from __future__ import annotations

import re
from pathlib import Path

from openai_constructs._runtime.cdk import TerraformStack, Testing
from openai_constructs.validation import rules_markdown
from tests.conftest import synth

README = Path(__file__).resolve().parents[1] / "README.md"


def _snippets() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(), re.S)


def test_the_l1_snippet_synthesizes(tmp_path: Path) -> None:
    l1 = next(s for s in _snippets() if "openai_constructs.l1" in s)
    # node's working directory is fixed when jsii starts: point the app at tmp_path.
    l1 = l1.replace("App()", f"App(outdir={str(tmp_path / 'cdktf.out')!r})")
    exec(compile(l1, str(README), "exec"), {})
    written = (tmp_path / "cdktf.out" / "stacks" / "support" / "cdk.tf.json").read_text()
    assert "${data.openai_beta_assistants.existing.items[0].tools[1].function.name}" in written


def test_the_construct_snippets_run_in_one_stack() -> None:
    namespace: dict[str, object] = {"stack": TerraformStack(Testing.app(), "readme")}
    for snippet in _snippets():
        if "openai_constructs.l1" not in snippet:
            exec(compile(snippet, str(README), "exec"), namespace)
    document = synth(namespace["stack"])  # type: ignore[arg-type]
    assert sorted(document["resource"]) == [
        "openai_beta_assistant", "openai_beta_chatkit_session", "openai_beta_thread",
        "openai_beta_thread_message", "openai_beta_thread_run",
    ]
    support = document["resource"]["openai_beta_assistant"]["Support"]
    assert '${"$"}{order_id}' in support["instructions"]  # escaped: docs/safety.md
    # The Metadata section's calls: a default add replaces own values, priority 10 only
    # fills in, and the remove reaches the runs below the thread only.
    assert support["metadata"] == {"team": "support", "env": "prod", "owner": "cx"}
    runs = document["resource"]["openai_beta_thread_run"]
    assert {name: run["metadata"].get("team") for name, run in runs.items()} == {
        "Welcome_Run1_F23EF610": None,
        "Onboarding_welcome_Run_B9134C1E": "support",
    }


def test_the_rules_table_matches_the_validation_layer() -> None:
    text = README.read_text()
    table = text.split("<!-- rules:start -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert table == rules_markdown(), "regenerate the README table from rules_markdown()"
