"""The Terraform expressions that references in a plain Python value stand for.

A cdktf reference is a token (``${TfToken[TOKEN.12]}``, a list or number token, or an
``IResolvable``) that only the stack can turn into text. :func:`resolve_references` returns a
copy of a value of dicts, lists and scalars in which every reference is replaced by its
expression (``${openai_beta_assistant.support.id}``, or a template string around it) and
everything else is left as it is, so values can leave the construct tree as data.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

from . import cdk
from .tokens import is_unresolved

__all__ = ["resolve_references"]


def resolve_references(value: Any, scope: Any) -> Any:
    """``value`` with each reference replaced by its Terraform expression, resolved in the
    stack of ``scope``; literal parts are returned as they are (copied)."""
    if isinstance(value, Mapping):
        return {key: resolve_references(item, scope) for key, item in value.items()}
    if is_unresolved(value):
        return _resolve(value, scope)
    if isinstance(value, (list, tuple)):
        return [resolve_references(item, scope) for item in value]
    return value


def _resolve(value: Any, scope: Any) -> Any:
    runtime = sys.modules[cdk.runtime_name()]
    stack = cdk.TerraformStack.of(scope)
    return runtime.Tokenization.resolve(
        value, scope=stack, preparing=False,
        resolver=runtime.DefaultTokenResolver(runtime.StringConcat()),
    )
