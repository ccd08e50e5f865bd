"""The docs' tables of rules, generated from the one table (``rules.py``) so they cannot
drift from the checks: README.md, docs/values.md and docs/constructs.md hold the API's
(:func:`rules_markdown`, exported by :mod:`openai_constructs.validation`), docs/constructs.md
the rules only a construct checks (:func:`l2_rules_markdown`); tests compare them.
"""

from __future__ import annotations

from .._public import public
from .rules import L2_RULES, RULES


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


def l2_rules_markdown() -> str:
    """The table of the rules only a construct checks (``L2_RULES``), for docs/constructs.md."""
    lines = [
        "| Rule | Attribute | Requirement | Checked by |",
        "| --- | --- | --- | --- |",
    ]
    for item in L2_RULES:
        text = item.text.replace("|", "\\|").replace("*", "\\*")
        lines.append(f"| `{item.id}` | `{item.attribute}` | {text} | {item.checked_by} |")
    return "\n".join(lines) + "\n"
