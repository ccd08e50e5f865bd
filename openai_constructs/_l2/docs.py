"""The docs' table of rules, generated from the one table (``rules.py``) so it cannot drift
from the checks: README.md, docs/values.md and docs/constructs.md hold its output, and tests
compare them. Exported by :mod:`openai_constructs.validation`.
"""

from __future__ import annotations

from .._public import public
from .rules import RULES


@public("openai_constructs.validation")
def rules_markdown() -> str:
    """The rules table for the docs, generated so it cannot drift from the checks."""
    lines = [
        "| Rule | Attribute | Requirement | Checked on | Source |",
        "| --- | --- | --- | --- | --- |",
    ]
    for item in RULES:
        owners: dict[str, None] = {}
        for owner, _ in item.where:
            owners.setdefault(f"`{owner}`", None)
        text = item.text.replace("|", "\\|")
        source = item.source.replace("|", "\\|")
        lines.append(
            f"| `{item.id}` | `{item.attribute}` | {text} | {', '.join(owners) or 'helpers'} "
            f"| {source} |"
        )
    return "\n".join(lines) + "\n"
