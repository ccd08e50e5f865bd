"""Creating constructs and knowing where they are.

The construct path (``Stack/Parent/id``) that every error names, computed in one place
(``construct_path``); node's errors about the construct tree turned into Python errors; the
jsii object of a generated element or an L2 construct created without cdktf's per-call Python
overhead (node receives the same request); and ``scopes_of``, the scopes of a construct known
in Python without asking node.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import jsii

from ..errors import AttributeTypeError, ConstructIdError, ConstructTypeError
from . import _jsii, batch, cdk, names, notices
from .terraform_types import describe
from .tokens import contains_token


def construct_path(scope: Any, id: Any = None) -> str:
    """The construct path (``Stack/Parent/id``) of the construct ``id`` under ``scope``, as
    node will write it (errors are raised before the construct exists); ``scope``'s own path
    when ``id`` is ``None``. The one home of this fact: every message of the package that names
    a construct is built from it. A scope that is not a construct gives the id alone (``"?"``
    without one): the caller reports the scope.
    """
    try:
        parent = str(scope.node.path)
    except Exception:  # the scope is not a construct
        return "?" if id is None else str(id)
    if id is None:
        return parent
    return f"{parent}/{id}" if parent else str(id)


@contextmanager
def _readable_jsii_errors(kind: type, scope: Any, id: str) -> Iterator[None]:
    """Turn node's errors about the construct tree into Python errors without a JS trace; an
    id that is a reference is refused before node is asked."""
    if isinstance(id, str) and contains_token(id):
        raise ConstructIdError(
            f"{kind.__name__} {construct_path(scope, '<reference>')!r}: the id is a "
            "reference, whose value is only known when Terraform runs; construct ids name "
            "things in the program: use a literal string (for one construct per value of a "
            "variable, use for_each)"
        )
    try:
        yield
    except RuntimeError as error:
        if "There is already a Construct with name" in str(error):
            raise ConstructIdError(
                f"{kind.__name__} {construct_path(scope, id)!r}: the id {id!r} is already used "
                "by a sibling; construct ids must be unique within their scope"
            ) from None
        raise


# ---------------------------------------------------------------------------------------
# Creating the jsii object cheaply
# ---------------------------------------------------------------------------------------
#
# cdktf's Python constructor for a resource spends more time in Python than node spends
# creating the object: it type-checks every argument with typeguard (``typing.get_type_hints``
# per call), builds a ``TerraformResourceConfig`` and a generator-metadata struct (each checked
# again), and jsii then walks the class ``__dict__`` of our generated class (dozens of
# properties) to discover overridden methods, for every instance. ``_create`` does the same
# work once per class: the config struct is built (and checked) with cdktf's own constructor
# the first time and reused while no meta-argument is given, ``scope`` and ``id`` are checked
# with ``isinstance`` (what typeguard checks), and the override list is memoised per class.


def _runtime_struct(name: str) -> Any:
    """A struct class of the bound runtime that ``cdk`` does not re-export."""
    return getattr(sys.modules[cdk.runtime_name()], name)


def _config(cls: type[Any], meta: dict[str, Any]) -> Any:
    """The ``TerraformResourceConfig`` for an instance of ``cls``; shared when ``meta`` is empty."""
    if not meta:
        shared = cls.__dict__.get("_shared_config")
        if shared is not None:
            return shared
    config = _runtime_struct("TerraformResourceConfig")(
        terraform_resource_type=cls.TF_RESOURCE_TYPE,
        terraform_generator_metadata=cdk.TerraformProviderGeneratorMetadata(
            **cls._GENERATOR_METADATA
        ),
        **meta,
    )
    if not meta:
        cls._shared_config = config  # per class: subclasses get their own
    return config


_fast_paths = True


def use_fast_paths(enabled: bool) -> None:
    """Switch to cdktf's own constructors and one attribute fetch per element (``False``), or
    back; for the equivalence tests and the benchmark, which compare the two side by side.
    """
    global _fast_paths
    _fast_paths = enabled
    batch.set_batching(enabled)


def _create(obj: Any, base: Any, scope: Any, id: str, meta: dict[str, Any]) -> None:
    """``base.__init__`` (``TerraformResource`` or ``TerraformDataSource``) without the per-call
    Python overhead (see above); node builds the same object (the config of an element without
    meta-arguments is sent once per class and kept in node, ``batch.create``).
    """
    batch.ensure_loaded()
    if not _fast_paths:
        base.__init__(
            obj,
            scope,
            id,
            terraform_resource_type=obj.TF_RESOURCE_TYPE,
            terraform_generator_metadata=cdk.TerraformProviderGeneratorMetadata(
                **obj._GENERATOR_METADATA
            ),
            **meta,
        )
        return
    if not isinstance(id, str):
        raise AttributeTypeError(
            f"{type(obj).__name__}: id must be a str, got {describe(id)}"
        )
    if not isinstance(scope, cdk.Construct):
        raise ConstructTypeError(
            f"{type(obj).__name__} {id!r}: scope must be a Construct, got {describe(scope)}"
        )
    _install_override_cache()
    if meta:
        jsii.create(type(obj), obj, [scope, id, _config(type(obj), meta)])
    else:  # the class's shared config crosses to node once (batch.create)
        batch.create(type(obj), obj, scope, id, lambda: _config(type(obj), meta))


_override_cache_installed = False
_creating_construct = False
_PARENT = "_oc_parent"  # the scope a construct of this package was created in
_SCOPES = "_oc_scopes"


def scopes_of(construct: Any) -> tuple[Any, ...]:
    """``construct.node.scopes`` (the root first, ``construct`` last) without asking node for
    the constructs this package created (each knows its scope, and a construct never moves);
    node is asked once for the first scope whose parent Python does not know, and the answer
    is kept on it.
    """
    known: dict[str, Any] = getattr(construct, "__dict__", {})
    found: tuple[Any, ...] | None = known.get(_SCOPES)
    if found is not None:
        return found
    parent = known.get(_PARENT)
    found = tuple(construct.node.scopes) if parent is None else (*scopes_of(parent), construct)
    known[_SCOPES] = found
    return found


def create_construct(obj: Any, scope: Any, id: str) -> None:
    """``constructs.Construct.__init__(obj, scope, id)`` for this package's L2 constructs, minus
    its per-call typeguard checks (``isinstance`` here, as typeguard does) and with jsii's
    override discovery memoised per class (see ``_install_override_cache``). Node receives the
    same request. A wrong ``scope`` or ``id`` goes through ``Construct.__init__`` itself, so
    the error is typeguard's, word for word.
    """
    global _creating_construct
    place = names.check_scope_id(type(obj).__name__, scope, id) if isinstance(id, str) else None
    notices.remember_scope(obj, scope)
    obj.__dict__[_PARENT] = scope
    if not (_fast_paths and isinstance(scope, cdk.Construct) and isinstance(id, str)):
        with _readable_jsii_errors(type(obj), scope, id):
            cdk.Construct.__init__(obj, scope, id)
    else:
        _install_override_cache()
        _creating_construct = True
        try:
            with _readable_jsii_errors(type(obj), scope, id):
                jsii.create(type(obj), obj, [scope, id])
        finally:
            _creating_construct = False
    if place is not None:
        obj._oc_names = place


def _install_override_cache() -> None:
    """Memoise jsii's override discovery for the classes of this package, and make node's
    argument-less calls into the generated elements directly (``_jsii.memoise_overrides``,
    ``_jsii.call_directly``).

    Our classes are the L2 constructs while ``create_construct`` creates one, and the
    generated elements, whose base class ``bindings`` registers (``register_elements``). The
    elements' own ``override_logical_id``/``reset_override_logical_id`` (name checks) are left
    out of what node is told: Python callers reach them directly.
    """
    global _override_cache_installed
    if _override_cache_installed:
        return
    _jsii.memoise_overrides(_memoised, _python_only)
    _jsii.call_directly(_called_directly)
    _override_cache_installed = True


_elements: type | tuple[type, ...] = ()
"""The generated elements' base class, once ``bindings`` (above this module) registers it."""


def _nothing_hidden(cls: type) -> frozenset[str]:
    return frozenset()


_hidden: Callable[[type], frozenset[str]] = _nothing_hidden


def register_elements(base: type, python_only: Callable[[type], frozenset[str]]) -> None:
    """Have the objects of ``base`` created and called back through the fast paths above;
    ``python_only(cls)`` names the methods of ``cls`` that node never calls on its objects
    (Python overrides them for Python callers only, or ``batch.js`` answers for them), so
    node is not told of them."""
    global _elements, _hidden
    _elements = base
    _hidden = python_only


def _memoised(obj: Any) -> bool:
    """Whether jsii's override list for ``obj`` is memoised per class."""
    return _fast_paths and (_creating_construct or isinstance(obj, _elements))


def _python_only(obj: Any) -> frozenset[str]:
    return _hidden(type(obj)) if isinstance(obj, _elements) else frozenset()


def _called_directly(obj: Any) -> bool:
    """Whether node's argument-less calls into ``obj`` skip jsii's handler."""
    return _fast_paths and isinstance(obj, _elements)
