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


def test_readme_and_the_guide_give_the_same_per_check_timings() -> None:
    """The README quotes the flagship rows of the guide's timing table (one bench run)."""
    readme = (DOC.parents[1] / "README.md").read_text(encoding="utf-8")
    quoted = re.search(r"about (\d+) ms and (\d+) ms per check on the flagship example", readme)
    assert quoted is not None
    guide = DOC.read_text(encoding="utf-8")
    rows = {
        check: float(ms)
        for check, ms in re.findall(
            r"^\| flagship example \(4 resources\) \| `(\w+)` \| ([\d.]+) ms \|", guide, re.M
        )
    }
    assert set(rows) == {"assert_valid_terraform", "assert_plans"}
    assert round(rows["assert_valid_terraform"]) == int(quoted.group(1))
    assert round(rows["assert_plans"]) == int(quoted.group(2))
    sentence = (  # the guide's own sentence on timing quotes the same rows
        f"about {round(rows['assert_valid_terraform'])} ms and one\n"
        f"`assert_plans` about {round(rows['assert_plans'])} ms"
    )
    assert sentence in guide
