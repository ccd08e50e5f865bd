"""The Terraform form of a value handed to an attribute: what its JSON (or HCL) text is
written from.

A value reaching the writers may be a typed helper of ``openai_constructs.values`` (anything
with a ``render()`` method returning what L1 takes), an L1 struct (``to_terraform()`` gives
its Terraform JSON form, with Terraform names and encoded values), a reference, or plain
data. :func:`terraform_form` is the one place that turns the first two into the last; it is
read by duck typing (``render``, ``to_terraform``), so the package stays below both the
helpers and the struct base class.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..tokens import is_unresolved


def terraform_form(value: Any) -> Any:
    """``value`` in its Terraform form: a helper rendered (``render()``), an L1 struct, or
    what a helper rendered to, encoded (``to_terraform()``); plain data, strings and
    references (tokens) come back as they are. Errors of ``render()`` or ``to_terraform()``
    (an L1 type check) propagate."""
    if value is None or isinstance(value, (str, bytes, Mapping, list, tuple)):
        return value
    if is_unresolved(value):
        return value
    render = getattr(value, "render", None)
    if callable(render):
        value = render()
    to_terraform = getattr(value, "to_terraform", None)
    if callable(to_terraform):
        return to_terraform()
    return value


__all__ = ["terraform_form"]
