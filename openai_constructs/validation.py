"""Rules the OpenAI API enforces that Terraform's types cannot express, checked before synth.

A typo in a function name or a temperature of 3 would otherwise only fail at ``terraform
apply``, after a plan that looked fine. This module is the public face of three private
modules, one job each (``_l2/``):

* :data:`RULES` is the table of the API's rules (``_l2/rules.py``, which also holds the rules
  only an L2 construct checks): id, attribute, the rule in words, where it applies, the check
  and its source; :func:`rule` finds one by id.
* :class:`Violations` collects every broken rule for one construct and raises one
  :class:`ValidationError` naming the construct path, the attribute and the rule
  (``_l2/violations.py``); :func:`validate_resource` and :func:`check_value` are its
  one-call forms.
* :func:`rules_markdown` writes the docs' table from :data:`RULES` (``_l2/docs.py``).
* :func:`is_unresolved` (is a value a reference only Terraform knows?) and
  :func:`literal_text` (escape Terraform template syntax in free text) are the runtime's.
"""

from __future__ import annotations

from ._l2.docs import rules_markdown
from ._l2.rules import RULES, Rule, rule
from ._l2.violations import Violation, Violations, check_value, validate_resource
from ._runtime.hcl.templates import literal_text
from ._runtime.tokens import is_unresolved
from .errors import ValidationError

__all__ = [
    "RULES",
    "Rule",
    "ValidationError",
    "Violation",
    "Violations",
    "check_value",
    "is_unresolved",
    "literal_text",
    "rule",
    "rules_markdown",
    "validate_resource",
]
