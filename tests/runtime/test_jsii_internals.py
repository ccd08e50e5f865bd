"""jsii's private internals are used in one module, ``_runtime/_jsii.py``, and are present in
the installed jsii with the shape that module relies on."""

from __future__ import annotations

import ast
import importlib.metadata
import inspect
from pathlib import Path
from typing import Any

from openai_constructs._runtime import _jsii

ROOT = Path(__file__).resolve().parents[2]
HOME = ROOT / "openai_constructs" / "_runtime" / "_jsii.py"
PRIVATE = ("_kernel", "_reference_map", "_runtime", "_get_overides", "_handle_callback",
           "__jsii_ref__")


def _private_uses(path: Path) -> list[str]:
    """Where ``path`` names a private part of jsii: an import of ``jsii._x`` (or of ``_x``
    from ``jsii``), or one of the private names above as an attribute or a string."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("jsii"):
            names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            if any(part.startswith("_") for n in names for part in n.split(".")[1:]):
                found.append(f"{path.name}:{node.lineno}: from {node.module} import ...")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("jsii._"):
                    found.append(f"{path.name}:{node.lineno}: import {alias.name}")
        elif isinstance(node, ast.Attribute) and node.attr in PRIVATE:
            found.append(f"{path.name}:{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Constant) and node.value in PRIVATE:
            found.append(f"{path.name}:{node.lineno}: {node.value!r}")
    return found


def test_only_the_jsii_module_touches_jsii_internals() -> None:
    uses = []
    for folder in ("openai_constructs", "tools", "bench", "examples"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path != HOME:
                uses += _private_uses(path)
    assert uses == []
    assert _private_uses(HOME)  # the detector does find them where they are


def test_the_internals_are_present_with_the_shape_used() -> None:
    discover = _jsii.override_discovery()
    assert list(inspect.signature(discover).parameters)[:2] == ["klass", "obj"]
    handle = _jsii.callback_handler()
    assert list(inspect.signature(handle).parameters)[:2] == ["kernel", "callback"]
    assert callable(_jsii.reference_resolver())
    from jsii._runtime import kernel

    assert list(inspect.signature(kernel.load).parameters)[:3] == ["name", "version", "tarball"]


def test_the_installed_jsii_is_in_the_checked_range() -> None:
    # A newer jsii may move the internals: check them again (the test above), then add the
    # version to CHECKED_VERSIONS and to the module docstring.
    def version(text: str) -> tuple[int, ...]:
        return tuple(int(part) for part in text.split(".")[:3])

    installed = version(importlib.metadata.version("jsii"))
    low, high = (version(v) for v in (_jsii.CHECKED_VERSIONS[0], _jsii.CHECKED_VERSIONS[-1]))
    assert low <= installed <= high
    for checked in _jsii.CHECKED_VERSIONS:
        assert checked in (_jsii.__doc__ or "")


def test_the_dependency_range_admits_only_checked_releases() -> None:
    # pyproject's jsii range and CHECKED_VERSIONS are one fact: a user's install cannot pick a
    # jsii whose internals nobody checked.
    from pathlib import Path

    import tomllib
    from packaging.specifiers import SpecifierSet

    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    (spec,) = [d[len("jsii") :] for d in project["project"]["dependencies"] if d.startswith("jsii")]
    allowed = SpecifierSet(spec)
    assert _jsii.CHECKED_VERSIONS[0] in allowed and _jsii.CHECKED_VERSIONS[-1] in allowed
    last = tuple(int(p) for p in _jsii.CHECKED_VERSIONS[-1].split("."))
    assert f"{last[0]}.{last[1] + 1}.0" not in allowed


def test_an_object_passed_to_node_has_one_id_for_all_its_proxies() -> None:
    from openai_constructs._runtime import cdk

    app = cdk.Testing.app()
    stack = cdk.TerraformStack(app, "s")
    assert _jsii.object_id(stack) is not None
    assert _jsii.object_id(stack.node.scope) == _jsii.object_id(app)
    assert _jsii.object_id(object()) is None


class _Override:
    def __init__(self, method: str) -> None:
        self.method = method


def test_memoised_override_discovery_asks_jsii_once_per_class(monkeypatch: Any) -> None:
    asked: list[tuple[type, object]] = []

    def discover(klass: type, obj: object) -> list[_Override]:
        asked.append((klass, obj))
        return [_Override("synthesizeAttributes"), _Override("overrideLogicalId")]

    installed: list[Any] = []
    monkeypatch.setattr(_jsii, "override_discovery", lambda: discover)
    monkeypatch.setattr(_jsii, "set_override_discovery", installed.append)

    class Ours:
        pass

    class Theirs:
        pass

    _jsii.memoise_overrides(lambda obj: isinstance(obj, Ours),
                            lambda obj: frozenset({"overrideLogicalId"}))
    (cached,) = installed
    first = cached(object, Ours())
    second = cached(object, Ours())
    assert [o.method for o in first] == ["synthesizeAttributes"]  # the Python-only one left out
    assert second is first and len(asked) == 1  # jsii asked once for the class
    assert [o.method for o in cached(object, Theirs())] == [
        "synthesizeAttributes", "overrideLogicalId"]  # other objects: jsii's answer, unchanged
    cached(object, Theirs())
    assert len(asked) == 3


def test_argument_less_callbacks_into_accepted_objects_skip_jsii(monkeypatch: Any) -> None:
    handled: list[object] = []
    objects: dict[str, object] = {}
    installed: list[Any] = []
    monkeypatch.setattr(_jsii, "callback_handler", lambda: lambda k, cb: handled.append(cb))
    monkeypatch.setattr(_jsii, "reference_resolver", lambda: objects.__getitem__)
    monkeypatch.setattr(_jsii, "set_callback_handler", installed.append)

    class Element:
        def synthesize(self) -> str:
            return "direct"

    objects["e"], objects["x"] = Element(), object()
    _jsii.call_directly(lambda obj: isinstance(obj, Element))
    (handle,) = installed

    def callback(ref: str, args: list[object]) -> Any:
        invoke = type("Invoke", (), {"args": args, "objref": type("Ref", (), {"ref": ref})})
        return type("Callback", (), {"invoke": invoke, "cookie": "synthesize"})

    assert handle(None, callback("e", [])) == "direct"
    assert handled == []
    for other in (callback("e", [1]), callback("x", [])):
        handle(None, other)
    assert len(handled) == 2  # with arguments, or not ours: jsii's own handler
