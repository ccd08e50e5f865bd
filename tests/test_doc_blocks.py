"""Every ``python`` code block in README.md and docs/*.md runs, in the order written.

Each page runs in a fresh Python process (as a reader would paste it: a page about cdktn
binds the cdktn runtime, one about an app writes its output folder), its blocks in order in
one namespace, from an empty temporary folder. Names the prose assumes are given by the
preamble below (a ``stack`` to build in, a pydantic ``Answer`` model); nothing is skipped. A
block that is not meant to run is not a ``python`` block (write ``text``). New pages and
blocks are picked up without changes here; a failure names the page and line.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted([ROOT / "README.md", *ROOT.glob("docs/*.md")])
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)

RUNNER = '''
import re, sys
from pathlib import Path

page = Path(sys.argv[1])
text = page.read_text(encoding="utf-8")
blocks = [(text.count("\\n", 0, m.start()) + 2, m.group(1))
          for m in re.finditer(r"^```python\\n(.*?)^```", text, re.S | re.M)]
namespace = {"__name__": "docs"}
first = blocks[0][1] if blocks else ""
if "import cdktn" not in first:  # a page written for cdktn picks its runtime itself
    from pydantic import BaseModel

    from openai_constructs.cdk import TerraformStack, Testing

    class Answer(BaseModel):
        """The answer to a question."""

        text: str
        confidence: float

    namespace.update(stack=TerraformStack(Testing.app(), "docs"), Answer=Answer)
for line, source in blocks:
    exec(compile("\\n" * (line - 1) + source, str(page), "exec"), namespace)
print(f"ran {len(blocks)} blocks")
'''


def blocks(path: Path) -> list[tuple[int, str]]:
    """(line number, source) of every python block in ``path``."""
    text = path.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 2, m.group(1)) for m in BLOCK.finditer(text)]


FILES = [p for p in DOCS if blocks(p)]


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_python_block_runs(path: Path, tmp_path: Path) -> None:
    runner = tmp_path / "run_page.py"
    runner.write_text(RUNNER, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CDKTF_OUTDIR", None)
    if "import cdktn" in blocks(path)[0][1]:
        env.pop("OPENAI_CONSTRUCTS_CDK", None)  # the page picks its runtime by importing it
    done = subprocess.run(
        [sys.executable, str(runner), str(path)], cwd=work, env=env, capture_output=True,
        text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    assert done.stdout.strip().endswith(f"ran {len(blocks(path))} blocks")


def test_the_harness_finds_the_blocks() -> None:
    """Guards the pattern itself: the README and the constructs guide have many blocks."""
    assert len(blocks(ROOT / "README.md")) >= 3
    assert len(blocks(ROOT / "docs" / "constructs.md")) >= 8
    assert sum(len(blocks(p)) for p in DOCS) >= 25
