"""docs/constructs.md: its snippets run, and its rules table is the current one."""

from __future__ import annotations

import re
from pathlib import Path

from openai_constructs._l2.docs import l2_rules_markdown
from openai_constructs._runtime.cdk import TerraformStack
from openai_constructs._runtime.cdk import Testing as CdkTesting
from openai_constructs.validation import rules_markdown
from tests.conftest import synth

DOC = Path(__file__).resolve().parents[2] / "docs" / "constructs.md"


def test_the_python_snippets_run_in_order() -> None:
    snippets = re.findall(r"```python\n(.*?)```", DOC.read_text(), re.S)
    assert len(snippets) >= 8
    namespace: dict[str, object] = {"stack": TerraformStack(CdkTesting.app(), "docs")}
    for snippet in snippets:
        exec(compile(snippet, str(DOC), "exec"), namespace)
    document = synth(namespace["stack"])  # type: ignore[arg-type]
    assert set(document["resource"]) == {
        "openai_beta_assistant",
        "openai_beta_chatkit_session",
        "openai_beta_thread",
        "openai_beta_thread_message",
        "openai_beta_thread_run",
        "openai_conversation",
        "openai_file",
        "openai_vector_store",
    }


def test_the_rules_table_matches_the_validation_layer() -> None:
    text = DOC.read_text()
    table = text.split("<!-- rules:start -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert table == rules_markdown(), "regenerate the table from validation.rules_markdown()"


def test_the_table_of_rules_only_constructs_know_is_the_one_table() -> None:
    text = DOC.read_text()
    table = text.split("<!-- l2-rules:start -->\n", 1)[1].split("<!-- l2-rules:end -->", 1)[0]
    assert table == l2_rules_markdown(), "regenerate the table from _l2.docs.l2_rules_markdown()"
