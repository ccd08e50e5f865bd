"""``node.add_dependency`` between constructs, turned into Terraform ``depends_on``.

The constructs library records ordering dependencies (``a.node.add_dependency(b)``) and
leaves it to the target language to render them; the AWS CDK renders one as a dependency of
every resource below ``a`` on every resource below ``b``. cdktf renders nothing, so
``thread.node.add_dependency(assistant)`` between two L2 constructs was silently lost.

Asking node for every construct's dependencies at synth would cost a round trip per
construct, so the calls are recorded as they are made from Python (``install`` wraps
``constructs.Node.add_dependency``, which still records them in node as before) and
``apply`` adds them, at ``App.synth()``, to the ``depends_on`` of the Terraform elements
(resources, data sources, modules) below each side, once. An app that never calls
``add_dependency`` pays nothing. Dependencies added from JavaScript (another jsii library)
are not seen.
"""

from __future__ import annotations

import weakref
from typing import Any

from ._jsii import object_id
from .meta_arguments import is_element

_recorded: list[tuple[Any, tuple[Any, ...]]] = []
_installed = False


def install(node_class: Any) -> None:
    """Wrap ``add_dependency`` of ``node_class`` (``constructs.Node``, handed over by the
    runtime seam, ``cdk.py``) once to record each call."""
    global _installed
    if _installed:
        return
    original = node_class.add_dependency

    def add_dependency(self: Any, *deps: Any) -> None:
        original(self, *deps)
        _recorded.append((self, deps))

    add_dependency.__doc__ = original.__doc__
    add_dependency.__wrapped__ = original  # type: ignore[attr-defined]
    node_class.add_dependency = add_dependency
    _installed = True


def _ref(obj: Any) -> Any:
    """jsii's reference of ``obj``: node may hand out several Python proxies of one object."""
    ref = object_id(obj)
    return ref if ref is not None else id(obj)


def _address(element: Any) -> str:
    """``type.name`` (``data.type.name``, ``module.name``): how ``depends_on`` names it."""
    import sys

    from . import cdk

    runtime = sys.modules[cdk.runtime_name()]
    name = str(element.friendly_unique_id)
    if isinstance(element, runtime.TerraformModule):
        return f"module.{name}"
    prefix = "data." if isinstance(element, runtime.TerraformDataSource) else ""
    return f"{prefix}{element.terraform_resource_type}.{name}"


def _elements(node: Any) -> list[Any]:
    return [c for c in node.find_all() if is_element(c)]


def apply(app: Any) -> None:
    """Add the recorded dependencies of constructs in ``app`` to their elements'
    ``depends_on`` (each dependency once, in the order recorded)."""
    if not _recorded:
        return
    root = _ref(app)
    mine = [(node, deps) for node, deps in _recorded if _ref(node.root) == root]
    if not mine:
        return
    done: weakref.WeakSet[Any] = weakref.WeakSet()
    for node, deps in mine:
        sources = _elements(node)
        targets = [t for dep in deps for t in _elements(dep.node) if t not in sources]
        if not sources or not targets:
            continue
        names = [_address(t) for t in targets]
        for source in sources:
            existing = list(source.depends_on or [])
            added = [n for n in names if n not in existing]
            if added:
                source.depends_on = existing + added
        done.add(node)
    _recorded[:] = [(n, d) for n, d in _recorded if n not in done]


__all__ = ["apply", "install"]
