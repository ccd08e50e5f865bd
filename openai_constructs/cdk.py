"""The CDK for Terraform classes an app needs, from the runtime this package is bound to.

``from openai_constructs.cdk import App, TerraformStack`` gives cdktf's classes, or cdktn's
when that runtime was chosen (``use_runtime("cdktn")``, ``OPENAI_CONSTRUCTS_CDK=cdktn``, or
importing cdktn first), so an app written against this module runs unchanged on either.
Importing it binds the runtime: call ``use_runtime`` before.

``TerraformVariable``, ``TerraformOutput`` and ``TerraformLocal`` here are the runtime's
classes with their value checked in Python first (``_runtime/elements.py``): a ``nan``, an
integer beyond 2**53, a key ``__proto__`` or a lone surrogate is one ``ValidationError``
naming the element, instead of a dead JavaScript kernel or a changed value.
``TerraformIterator.from_list``/``from_map`` carry literal text exactly (cdktf's own quoting
would let Terraform evaluate ``%{ if }`` in it, and breaks on quotes and backslashes). Backends
(``S3Backend``, ``CloudBackend``, ...) and ``Aspects`` are the runtime's own.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ._runtime.app import App
from ._runtime.cdk import (
    Aspects,
    AzurermBackend,
    CloudBackend,
    Construct,
    ConsulBackend,
    CosBackend,
    Fn,
    GcsBackend,
    HttpBackend,
    IAspect,
    IConstruct,
    IResolvable,
    ITerraformIterator,
    Lazy,
    LocalBackend,
    NamedCloudWorkspace,
    OssBackend,
    PgBackend,
    RemoteBackend,
    RuntimeSelectionError,
    S3Backend,
    SwiftBackend,
    TaggedCloudWorkspaces,
    TerraformBackend,
    TerraformCount,
    TerraformProvider,
    TerraformResourceLifecycle,
    TerraformStack,
    Testing,
    Token,
    runtime_name,
    use_runtime,
)
from .errors import OutputFolderError

if TYPE_CHECKING:
    from ._runtime.cdk import (
        TerraformIterator,
        TerraformLocal,
        TerraformOutput,
        TerraformVariable,
    )
else:
    from ._runtime.elements import checked_classes as _checked_classes

    _checked = _checked_classes(importlib.import_module(runtime_name()))
    TerraformVariable = _checked["TerraformVariable"]
    TerraformOutput = _checked["TerraformOutput"]
    TerraformLocal = _checked["TerraformLocal"]
    TerraformIterator = _checked["TerraformIterator"]

__all__ = [
    "App",
    "Aspects",
    "AzurermBackend",
    "CloudBackend",
    "ConsulBackend",
    "Construct",
    "CosBackend",
    "Fn",
    "GcsBackend",
    "HttpBackend",
    "IAspect",
    "IConstruct",
    "IResolvable",
    "ITerraformIterator",
    "Lazy",
    "LocalBackend",
    "NamedCloudWorkspace",
    "OssBackend",
    "OutputFolderError",
    "PgBackend",
    "RemoteBackend",
    "RuntimeSelectionError",
    "S3Backend",
    "SwiftBackend",
    "TaggedCloudWorkspaces",
    "TerraformBackend",
    "TerraformCount",
    "TerraformIterator",
    "TerraformLocal",
    "TerraformOutput",
    "TerraformProvider",
    "TerraformResourceLifecycle",
    "TerraformStack",
    "TerraformVariable",
    "Testing",
    "Token",
    "runtime_name",
    "use_runtime",
]
