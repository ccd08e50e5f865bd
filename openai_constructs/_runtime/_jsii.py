"""Every use of jsii's private internals, in one place.

jsii (the Python side of the bridge to node) documents ``jsii.create``, ``invoke``,
``sinvoke``, ``implements``, ``member`` and ``JSIIMeta``; the package uses those freely. It
also needs five things jsii does not document, all for speed or for identity:

* ``jsii._kernel._get_overides(klass, obj)``: which Python methods override node members.
  jsii recomputes it for every object it creates although it depends on the classes only;
  ``memoise_overrides`` memoises it for the package's classes.
* ``jsii._kernel._handle_callback(kernel, callback)`` and
  ``jsii._reference_map.resolve_id(ref)``: node calls back into Python once per element per
  synth pass; for a call without arguments on the package's objects ``call_directly`` makes
  the call directly instead of running ``inspect.signature`` each time.
* ``jsii._runtime.kernel.load(name, version, tarball)``: loads the small assembly ``batch.py``
  builds at run time (``jsii.JSIIAssembly.load`` wants a module's packaged resource).
* ``obj.__jsii_ref__``: the handle jsii gives an object passed to node; the same for every
  Python proxy of one node object (``Metadata.of`` keys its records by it; an opaque token is
  told by it).
* In node, ``batch.js`` reads the kernel's tag of an object Python holds
  (``Symbol.for("$__jsii__objid__$")``, the same id as ``__jsii_ref__``) to name the elements
  of one attribute fetch in a single string; an untagged object is sent as a reference, so a
  kernel without the tag is slower, not wrong (``tests/runtime/test_batch.py`` fails if the
  installed kernel stops tagging).

Checked on jsii 1.100.0 (the floor of ``jsii>=1.100,<2`` in pyproject.toml) and 1.142.0 (the
version the suite runs on): the same names and signatures in both.
tests/runtime/test_jsii_internals.py checks that they are present in the installed jsii and
that no other module touches them, so a jsii release that moves them fails there, in one
place, instead of somewhere in synthesis.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from typing import Any

REF_ATTRIBUTE = "__jsii_ref__"
"""Where jsii keeps an object's handle (a class with ``__slots__`` must leave room for it)."""

CHECKED_VERSIONS = ("1.100.0", "1.142.0")


def object_ref(obj: Any) -> Any:
    """jsii's handle of ``obj`` (``.ref`` is its id in node), or ``None`` if it has none."""
    return getattr(obj, REF_ATTRIBUTE, None)


def object_id(obj: Any) -> str | None:
    """The id node knows ``obj`` by, the same for every Python proxy of it; ``None`` for an
    object never passed to node."""
    ref = getattr(obj, REF_ATTRIBUTE, None)
    return str(ref.ref) if ref is not None else None


def load_assembly(name: str, version: str, tarball: str) -> None:
    """Load a jsii assembly from a ``.tgz`` file into the kernel."""
    from jsii._runtime import kernel

    kernel.load(name, version, tarball)


def override_discovery() -> Callable[[type, Any], Any]:
    """jsii's ``(jsii class, object) -> overrides`` function, as currently installed."""
    from jsii import _kernel

    found: Callable[[type, Any], Any] = _kernel._get_overides
    return found


def set_override_discovery(discover: Callable[[type, Any], Any]) -> None:
    from jsii import _kernel

    _kernel._get_overides = discover  # type: ignore[assignment]


def callback_handler() -> Callable[[Any, Any], Any]:
    """jsii's ``(kernel, callback) -> result`` handler of node's calls into Python."""
    from jsii import _kernel

    found: Callable[[Any, Any], Any] = _kernel._handle_callback
    return found


def set_callback_handler(handle: Callable[[Any, Any], Any]) -> None:
    from jsii import _kernel

    _kernel._handle_callback = handle  # type: ignore[assignment]


def reference_resolver() -> Callable[[str], Any]:
    """jsii's ``ref id -> Python object`` lookup (what a callback's ``objref.ref`` names)."""
    from jsii import _reference_map

    found: Callable[[str], Any] = _reference_map.resolve_id
    return found


def memoise_overrides(
    memoised: Callable[[Any], bool], python_only: Callable[[Any], Container[str]]
) -> None:
    """Memoise jsii's override discovery for the objects ``memoised`` accepts.

    jsii computes which Python methods override node members from the class alone (its MRO
    and their ``__dict__``), but does so again for every object it creates; for a generated
    class with many properties that walk costs more than creating the object in node. The
    result only depends on ``(jsii class, Python class)``, so it is cached for the accepted
    objects (others go through jsii unchanged). Their classes must not gain jsii overrides
    after their first instance is created, which generated classes never do. The methods
    ``python_only(obj)`` names are left out of what node is told: Python callers reach them
    directly.
    """
    discover = override_discovery()
    cache: dict[tuple[type, type], Any] = {}

    def cached(klass: type, obj: Any) -> Any:
        if not memoised(obj):
            return discover(klass, obj)
        key = (klass, type(obj))
        found = cache.get(key)
        if found is None:
            hidden = python_only(obj)
            found = cache[key] = [
                override for override in discover(klass, obj) if override.method not in hidden
            ]
        return found

    set_override_discovery(cached)


def call_directly(direct: Callable[[Any], bool]) -> None:
    """Make node's calls without arguments into the objects ``direct`` accepts directly.

    Node calls back into Python once per element per synth pass (``synthesizeAttributes``).
    jsii's handler runs ``inspect.signature`` on the method every time, only to map a struct
    argument onto keyword-only parameters; with no arguments the call is always ``method()``,
    so for the accepted objects it is made directly (same object, same method, same result or
    exception).
    """
    handle = callback_handler()
    resolve_id = reference_resolver()

    def handle_callback(kernel: Any, callback: Any) -> Any:
        invoke = callback.invoke
        if invoke is not None and not invoke.args:
            obj = resolve_id(invoke.objref.ref)
            if direct(obj):
                return getattr(obj, callback.cookie)()
        return handle(kernel, callback)

    set_callback_handler(handle_callback)


__all__ = [
    "CHECKED_VERSIONS",
    "REF_ATTRIBUTE",
    "call_directly",
    "callback_handler",
    "load_assembly",
    "memoise_overrides",
    "object_id",
    "object_ref",
    "override_discovery",
    "reference_resolver",
    "set_callback_handler",
    "set_override_discovery",
]
