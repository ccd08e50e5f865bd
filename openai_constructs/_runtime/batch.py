"""Batched synthesis: the attributes of every generated resource of a stack in one round trip.

cdktf asks each resource for its attributes while it synthesizes a stack. A resource written
in Python answers through a jsii callback, one node→Python→node round trip per resource per
pass, which cost more than creating the resource (issue #3, ``docs/performance.md``). So the
generated resources and data sources are instances of two small node classes,
``BatchedResource`` and ``BatchedDataSource`` (``batch.js``), whose ``synthesizeAttributes``
runs in node: the first one a stack asks fetches the attributes of all of them in one call
to :func:`collect`, and each element then takes its own entry once. Everything else
(meta-arguments, overrides, dynamic blocks, moves, ``to_hcl_terraform``) is still
cdktf's own code.

``batch.js`` is shipped as a jsii assembly built here at load time for the bound runtime
(``cdktf`` or ``cdktn``), so there is no compiled artefact in the repository.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import jsii

from . import _jsii, cdk

if TYPE_CHECKING:
    from .cdk import TerraformDataSource as BatchedDataSource
    from .cdk import TerraformResource as BatchedResource

__all__ = [
    "VERSION",
    "BatchedDataSource",
    "BatchedResource",
    "collect",
    "create",
    "element_names",
    "elements_of",
    "ensure_loaded",
    "forget",
    "full_document",
    "invalidate",
    "package_name",
    "paths_and_names",
    "set_batching",
    "synth_document",
    "tarball",
    "values",
]

# The kernel refuses two versions of one package in a process; one version is ever loaded.
VERSION = "1.0.0"


def package_name(runtime: str) -> str:
    return f"openai-constructs-batch-{runtime}"


class _NotJson(Exception):
    """A value only jsii can carry to node (an object reference, not plain data)."""


def _refuse(value: object) -> Any:
    raise _NotJson


_to_json = json.JSONEncoder(allow_nan=False, separators=(",", ":"), default=_refuse).encode


def collect(elements: Sequence[Any]) -> list[Any]:
    """The attributes of ``elements`` for ``batch.js``: ``[json_text, objects]``.

    Plain data (almost every resource) travels as one JSON document, which node parses in
    one go (token strings and number tokens are plain data). A resource whose attributes hold
    an object reference (an opaque ``TerraformVariable.value``, a Python ``IResolvable``) is
    ``null`` in the document and travels in ``objects`` under its index instead, marshalled by
    jsii exactly as a callback result is. Every element is marked as having a copy in node, so
    a later change to it drops that copy (:func:`invalidate`).
    """
    values: list[Any] = []
    for element in elements:
        values.append(element._values)
        element._node_has_copy = True
    try:
        return [_to_json(values), {}]
    except (_NotJson, ValueError):
        pass
    objects: dict[str, Any] = {}
    for index, value in enumerate(values):
        try:
            _to_json(value)
        except (_NotJson, ValueError):
            objects[str(index)] = value
            values[index] = None
    return [_to_json(values), objects]


_CONFIG_KEY = "_oc_node_config"  # on a generated class: the key node keeps its config under
_config_keys = itertools.count(1)


def create(cls: type[Any], obj: Any, scope: Any, id: str, config: Callable[[], Any]) -> None:
    """``jsii.create`` of an element of the generated class ``cls`` without meta-arguments.

    Its ``TerraformResourceConfig`` (``config()``, built once per class) is the same for every
    element, so it crosses to node once: the first element is created with it and a key that
    node keeps it under (``batch.js``, ``configOf``), every later one with the key alone, so
    neither side marshals the struct (a nested one: the generator metadata) per element. The
    key is kept on the class only once node has accepted an element with it; a subclass gets
    its own.
    """
    key = cls.__dict__.get(_CONFIG_KEY)
    if key is not None:
        jsii.create(cls, obj, [scope, id, None, key])
        return
    key = str(next(_config_keys))
    jsii.create(cls, obj, [scope, id, config(), key])
    setattr(cls, _CONFIG_KEY, key)


def elements_of(ids: str) -> list[Any]:
    """The Python objects of the jsii ids node sends (``batch.js``, space-separated): the
    elements themselves, which Python created and jsii keeps for the process's lifetime."""
    resolve = _jsii.reference_resolver()
    return [resolve(ref) for ref in ids.split(" ")]


def synth_document(stack: Any) -> str:
    """The text ``Testing.synth(stack)`` returns, in time linear in the stack's size.

    Same aspects pass, same document and the runtime's own stringifier (``batch.js``,
    ``Documents``); ``Testing.synth`` copies each object once per key while dropping cdktf's
    ``//`` metadata, which takes minutes for stacks with thousands of resources of one type.
    """
    ensure_loaded()
    return str(jsii.sinvoke(_documents_type, "synth", [stack]))


def full_document(stack: Any) -> str:
    """The text ``cdk.tf.json`` holds for ``stack`` after ``app.synth()`` (``//`` metadata
    included): the JSON document of a stack whose file was written as HCL."""
    ensure_loaded()
    return str(jsii.sinvoke(_documents_type, "full", [stack]))


def element_names(elements: Sequence[Any]) -> list[tuple[str, str, str]]:
    """The construct path, Terraform name (``friendly_unique_id``) and stack id of each of
    ``elements`` (Terraform elements), in one request to node where asking costs three or
    four round trips an element."""
    if not elements:
        return []
    ensure_loaded()
    found = json.loads(str(jsii.sinvoke(_documents_type, "names", [list(elements)])))
    return [(str(path), str(name), str(stack)) for path, name, stack in found]


def paths_and_names(elements: Sequence[Any]) -> list[tuple[str, str]]:
    """``(str(e.node.path), str(e.friendly_unique_id))`` of each of ``elements``, in one
    request (:func:`element_names`)."""
    return [(path, name) for path, name, _stack in element_names(elements)]


def values(elements: Sequence[Any], attribute: str) -> list[Any]:
    """``getattr(e, attribute)`` of each of ``elements`` for a property whose Python and node
    names are one word (``value``, ``default``), in one request; each value is marshalled as
    the property's own get marshals it (the runtime declares both ``any``)."""
    if not elements:
        return []
    ensure_loaded()
    return list(jsii.sinvoke(_documents_type, "values", [list(elements), attribute]))


def invalidate(element: Any) -> None:
    """Drop what node holds for ``element``: its attributes changed after a fetch."""
    element._node_has_copy = False
    jsii.sinvoke(_source_type, "invalidate", [element])


def forget(scope: Any, addresses: Sequence[str]) -> None:
    """Make every generated element below ``scope`` whose address (``openai_beta_thread``,
    ``data.openai_beta_thread``) is in ``addresses`` synthesize as forgotten: a resource as a
    ``removed`` block, a data source as nothing (``batch.js``). Adds to earlier calls."""
    ensure_loaded()
    jsii.sinvoke(_source_type, "forget", [scope, list(addresses)])


def set_batching(enabled: bool) -> None:
    """One fetch per stack (``True``) or one per element, as a per-resource callback would;
    the equivalence tests and the benchmark compare the two.
    """
    global _batching
    _batching = enabled
    if _source is not None:
        jsii.sinvoke(_source_type, "connect", [_source, enabled])


_batching = True
_source: Any = None  # the AttributeSource node calls, once loaded
_source_type: Any = None  # its jsii class, for the static calls
_documents_type: Any = None  # the jsii class of batch.js's Documents


def _assembly(runtime: str) -> dict[str, Any]:
    """The ``.jsii`` manifest of ``batch.js``: just what the kernel needs to create and call it."""
    from importlib import metadata

    name = package_name(runtime)

    def element_class(cls: str, base: str) -> dict[str, Any]:
        return {
            "assembly": name,
            "fqn": f"{name}.{cls}",
            "kind": "class",
            "name": cls,
            "base": f"{runtime}.{base}",
            "initializer": {
                "parameters": [
                    {"name": "scope", "type": {"fqn": "constructs.Construct"}},
                    {"name": "id", "type": {"primitive": "string"}},
                    {
                        "name": "config",
                        "optional": True,
                        "type": {"fqn": f"{runtime}.TerraformResourceConfig"},
                    },
                    {"name": "key", "optional": True, "type": {"primitive": "string"}},
                ]
            },
        }

    construct = {"fqn": "constructs.Construct"}
    elements = {
        "name": "elements",
        "type": {"collection": {"kind": "array", "elementtype": construct}},
    }
    source: dict[str, Any] = {
        "assembly": name,
        "fqn": f"{name}.AttributeSource",
        "kind": "class",
        "name": "AttributeSource",
        "initializer": {},
        "methods": [
            {
                "name": "connect",
                "static": True,
                "parameters": [
                    {"name": "python", "type": {"fqn": f"{name}.AttributeSource"}},
                    {"name": "batch", "type": {"primitive": "boolean"}},
                ],
            },
            {
                "name": "invalidate",
                "static": True,
                "parameters": [{"name": "element", "type": construct}],
            },
            {
                "name": "forget",
                "static": True,
                "parameters": [
                    {"name": "scope", "type": construct},
                    {
                        "name": "addresses",
                        "type": {
                            "collection": {"kind": "array", "elementtype": {"primitive": "string"}}
                        },
                    },
                ],
            },
            {
                "name": "collect",
                "parameters": [
                    {
                        "name": "elements",
                        "type": {"collection": {"kind": "array", "elementtype": construct}},
                    }
                ],
                "returns": {"type": {"primitive": "any"}},
            },
            {
                "name": "collectIds",
                "parameters": [{"name": "ids", "type": {"primitive": "string"}}],
                "returns": {"type": {"primitive": "any"}},
            },
            {
                # what cdktf declares for synthesizeHclAttributes, so the value is marshalled
                # as the result of that callback was
                "name": "hcl",
                "parameters": [{"name": "element", "type": construct}],
                "returns": {
                    "type": {"collection": {"kind": "map", "elementtype": {"primitive": "any"}}}
                },
            },
        ],
    }
    documents: dict[str, Any] = {
        "assembly": name,
        "fqn": f"{name}.Documents",
        "kind": "class",
        "name": "Documents",
        "initializer": {},
        "methods": [
            *(
                {
                    "name": method,
                    "static": True,
                    "parameters": [
                        {"name": "stack", "type": {"fqn": f"{runtime}.TerraformStack"}}
                    ],
                    "returns": {"type": {"primitive": "string"}},
                }
                for method in ("synth", "full")
            ),
            {
                "name": "names",
                "static": True,
                "parameters": [elements],
                "returns": {"type": {"primitive": "string"}},
            },
            {
                "name": "values",
                "static": True,
                "parameters": [elements, {"name": "property", "type": {"primitive": "string"}}],
                "returns": {
                    "type": {"collection": {"kind": "array", "elementtype": {"primitive": "any"}}}
                },
            },
        ],
    }
    types = [
        element_class("BatchedResource", "TerraformResource"),
        element_class("BatchedDataSource", "TerraformDataSource"),
        source,
        documents,
    ]
    return {
        "schema": "jsii/0.10.0",
        "name": name,
        "version": VERSION,
        "description": "openai-constructs: batched attribute synthesis",
        "homepage": "https://github.com/openai-constructs/openai-constructs",
        "repository": {"type": "git", "url": "https://github.com/openai-constructs"},
        "author": {"name": "openai-constructs", "roles": ["author"]},
        "license": "Apache-2.0",
        "jsiiVersion": "5.8.9",
        "fingerprint": "openai-constructs-batch",
        "dependencies": {
            runtime: metadata.version(runtime),
            "constructs": metadata.version("constructs"),
        },
        "targets": {"js": {"npm": name}},
        "types": {t["fqn"]: t for t in types},
    }


def tarball(runtime: str) -> bytes:
    """The npm-style package the kernel loads (deterministic: fixed times and owners)."""
    import gzip  # only when loading: keeps these modules out of import time
    import io
    import tarfile
    from importlib import resources

    script = resources.files(__package__).joinpath("batch.js").read_text(encoding="utf-8")
    package = {
        "name": package_name(runtime),
        "version": VERSION,
        "main": "index.js",
        "license": "Apache-2.0",
        "peerDependencies": {runtime: "*", "constructs": "*"},
    }
    files = {
        "package/package.json": json.dumps(package, indent=2),
        "package/index.js": script.replace("__RUNTIME__", runtime),
        "package/.jsii": json.dumps(_assembly(runtime), indent=2, sort_keys=True),
    }
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        for path, text in files.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(path)
            info.size = len(data)
            info.mode = 0o644
            archive.addfile(info, io.BytesIO(data))
    return gzip.compress(raw.getvalue(), mtime=0)


# The runtime's attribute getters (``element.id`` is ``get_string_attribute("id")``): the
# same request to node, with the argument checked by ``isinstance`` where the runtime's
# Python method runs typeguard (``typing.get_type_hints`` and ``check_type``) on every call.
_GETTERS = {
    "get_boolean_attribute": "getBooleanAttribute",
    "get_list_attribute": "getListAttribute",
    "get_number_attribute": "getNumberAttribute",
    "get_string_attribute": "getStringAttribute",
    "get_string_map_attribute": "getStringMapAttribute",
    "interpolation_for_attribute": "interpolationForAttribute",
}


def _getters(base: type[Any]) -> dict[str, Any]:
    def getter(name: str, jsii_name: str) -> Any:
        checked = getattr(base, name)

        @jsii.member(jsii_name=jsii_name)
        def get(self: Any, terraform_attribute: str) -> Any:
            if type(terraform_attribute) is not str:  # the runtime's own error
                return checked(self, terraform_attribute)
            return jsii.invoke(self, jsii_name, [terraform_attribute])

        get.__name__ = get.__qualname__ = name
        get.__doc__ = checked.__doc__
        return get

    return {name: getter(name, jsii_name) for name, jsii_name in _GETTERS.items()}


def _define() -> None:
    """Define the Python proxies of the node classes (no trip to node: loading is deferred)."""
    global _source_type, _documents_type
    name = package_name(cdk.runtime_name())

    BatchedResource = jsii.JSIIMeta(
        "BatchedResource",
        (cdk.TerraformResource,),
        {
            "__doc__": "``TerraformResource`` whose attributes node fetches per stack "
            "(``batch.js``).",
            "__module__": __name__,
            **_getters(cdk.TerraformResource),
        },
        jsii_type=f"{name}.BatchedResource",
    )
    BatchedDataSource = jsii.JSIIMeta(
        "BatchedDataSource",
        (cdk.TerraformDataSource,),
        {
            "__doc__": "``TerraformDataSource`` whose attributes node fetches per stack "
            "(``batch.js``).",
            "__module__": __name__,
            **_getters(cdk.TerraformDataSource),
        },
        jsii_type=f"{name}.BatchedDataSource",
    )

    class AttributeSourceType(metaclass=jsii.JSIIMeta, jsii_type=f"{name}.AttributeSource"):
        """Node's view of the ``AttributeSource`` that ``ensure_loaded`` creates."""

        @jsii.member(jsii_name="collect")
        def collect(self, elements: Sequence[Any]) -> Any:
            return jsii.invoke(self, "collect", [elements])

        @jsii.member(jsii_name="collectIds")
        def collect_ids(self, ids: str) -> Any:
            return jsii.invoke(self, "collectIds", [ids])

        @jsii.member(jsii_name="hcl")
        def hcl(self, element: Any) -> Any:
            return jsii.invoke(self, "hcl", [element])

    class Documents(metaclass=jsii.JSIIMeta, jsii_type=f"{name}.Documents"):
        """Node's ``Documents``: ``Testing.synth`` without its quadratic metadata removal."""

    namespace = globals()
    namespace["BatchedResource"] = BatchedResource
    namespace["BatchedDataSource"] = BatchedDataSource
    _source_type = AttributeSourceType
    _documents_type = Documents


def ensure_loaded() -> None:
    """Load the assembly into the jsii kernel and connect node to :func:`collect`, once.

    Called before the first generated element is created rather than at import, so importing
    an L1 module costs no trip to node.
    """
    global _source
    if _source is not None:
        return
    if _source_type is None:
        _define()
    runtime = cdk.runtime_name()
    name = package_name(runtime)
    import tempfile

    handle, path = tempfile.mkstemp(suffix=".tgz", prefix=f"{name}-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(tarball(runtime))
        _jsii.load_assembly(name, VERSION, path)
    finally:
        os.unlink(path)

    source_type = _source_type

    class AttributeSource(source_type):  # type: ignore[misc,valid-type]
        """The Python object node calls to fetch attributes (:func:`collect`)."""

        def __init__(self) -> None:
            jsii.create(source_type, self, [])

        def collect(self, elements: Sequence[Any]) -> Any:
            return collect(elements)

        def collect_ids(self, ids: str) -> Any:
            return collect(elements_of(ids))

        def hcl(self, element: Any) -> Any:
            return element._synthesize_hcl_attributes()

    _source = AttributeSource()
    jsii.sinvoke(source_type, "connect", [_source, _batching])


def __getattr__(attr: str) -> Any:
    # Runs until the proxies are defined, which puts them in the module namespace.
    if attr in ("BatchedResource", "BatchedDataSource"):
        _define()
        return globals()[attr]
    raise AttributeError(f"module {__name__!r} has no attribute {attr!r}")
