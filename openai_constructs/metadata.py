"""``Metadata.of(scope).add(key, value)``: key-value pairs on every OpenAI object below a scope.

The counterpart of ``Tags.of`` in the AWS CDK, done without cdktf Aspects (which call back
from node into Python once per construct at synth time). Instead the work happens eagerly, in
Python, at the two moments metadata can change:

* ``Metadata.of(scope).add`` records the pair on the scope and re-renders every
  metadata-bearing construct already below it (one ``find_all`` call);
* a metadata-bearing construct created later asks its ancestors for recorded pairs when it is
  constructed (one ``node.scopes`` call).

So the L1 values are always complete and checked, and a limit violation is raised at the line
that caused it, before ``app.synth()`` can write anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ._boundary import merge_expression
from ._runtime.cdk import IConstruct
from ._runtime.tokens import is_unresolved
from .validation import ValidationError, Violation, Violations

MAX_PAIRS = 16

# Pairs recorded by Metadata.of, keyed by the identity of the construct they were added on.
# jsii hands out a fresh Python proxy for constructs created in node (``Testing.app()``), so
# the key is jsii's object reference, which is the same for every proxy of one construct.
_RECORDED: dict[str, dict[str, str]] = {}


def _identity(construct: Any) -> str:
    ref = getattr(construct, "__jsii_ref__", None)
    return str(ref.ref) if ref is not None else f"python:{id(construct)}"


def inherited_metadata(construct: IConstruct) -> dict[str, str]:
    """Pairs added with ``Metadata.of`` on ``construct`` or its ancestors; the nearest wins."""
    if not _RECORDED:
        return {}
    merged: dict[str, str] = {}
    for scope in construct.node.scopes:
        recorded = _RECORDED.get(_identity(scope))
        if recorded:
            merged.update(recorded)
    return merged


def merge_metadata(own: Any, inherited: Mapping[str, str]) -> Any:
    """The metadata to send: the construct's own pairs (in the order given) win over inherited
    pairs (sorted by key, so the result does not depend on the order of ``add`` calls).
    """
    if not inherited:
        return own
    if own is not None and is_unresolved(own):
        # Only Terraform knows the keys of a referenced map: let it merge, own pairs last.
        # Built here, not with Fn.merge: cdktf would not escape the literal pairs (_boundary).
        return merge_expression([dict(sorted(inherited.items())), own])
    own_pairs = dict(own or {})
    out = dict(own_pairs)
    for key in sorted(inherited):
        if key not in own_pairs:
            out[key] = inherited[key]
    return out


class MetadataBearing:
    """Implemented by the L2 constructs whose object carries ``metadata``."""

    def _render_metadata(self, inherited: Mapping[str, str], violations: Violations) -> Any:
        """Check the merged metadata into ``violations`` and return what would be sent."""
        raise NotImplementedError

    def _apply_metadata(self, rendered: Any) -> None:
        raise NotImplementedError


def _metadata_bearing(scope: IConstruct) -> Iterable[tuple[IConstruct, MetadataBearing]]:
    for construct in scope.node.find_all():
        if isinstance(construct, MetadataBearing):
            yield construct, construct


class Metadata:
    """Adds metadata pairs to every assistant, thread, message and run below a scope.

    A pair set on a construct itself always wins; between scopes, the nearest one wins.
    """

    __slots__ = ("_scope",)

    def __init__(self, scope: IConstruct) -> None:
        self._scope = scope

    @staticmethod
    def of(scope: IConstruct) -> Metadata:
        """The metadata of ``scope``, applied to ``scope`` and everything below it."""
        return Metadata(scope)

    def add(self, key: str, value: str) -> None:
        """Add ``key: value`` below the scope; raises (and changes nothing) for a key or
        value that is not a string or is too long (``AttributeTypeError``,
        ``ValidationError``), or when any object would exceed 16 pairs.
        """
        from ._l2 import check_pair  # _l2 builds on this module

        scope_path = str(self._scope.node.path)
        where = f"Metadata.of({scope_path or '<app>'!r})"
        check_pair(f"{where}.add", key, value)
        pair = Violations(where)
        pair.check_resource("openai_beta_assistant", {"metadata": {key: value}})
        pair.raise_if_any()

        identity = _identity(self._scope)
        previous = _RECORDED.get(identity)
        _RECORDED[identity] = {**(previous or {}), key: value}
        try:
            pending: list[tuple[MetadataBearing, Any]] = []
            problems: list[Violation] = []
            for construct, bearing in _metadata_bearing(self._scope):
                found = Violations("")
                rendered = bearing._render_metadata(inherited_metadata(construct), found)
                if found:
                    path = str(construct.node.path)
                    problems.extend(
                        Violation(f"{path}: {v.attribute}", v.rule, v.detail) for v in found
                    )
                pending.append((bearing, rendered))
            if problems:
                raise ValidationError(f"{where}.add({key!r}, ...)", problems)
        except BaseException:
            if previous is None:
                _RECORDED.pop(identity, None)
            else:
                _RECORDED[identity] = previous
            raise
        for bearing, rendered in pending:
            bearing._apply_metadata(rendered)


__all__ = ["MAX_PAIRS", "Metadata", "MetadataBearing", "inherited_metadata", "merge_metadata"]
