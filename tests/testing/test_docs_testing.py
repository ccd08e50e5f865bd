"""Every python block of docs/testing.md runs, in order, in one namespace (as a reader
would paste them). Blocks assert what the text around them claims."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "testing.md"


def test_every_python_block_of_the_testing_guide_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 8
    namespace: dict[str, object] = {"__name__": "docs_testing"}
    for index, block in enumerate(blocks):
        exec(compile(block, f"{DOC.name}[python block {index}]", "exec"), namespace)
