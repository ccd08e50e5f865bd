"""The CDK for Terraform classes an app needs, from the runtime this package is bound to.

``from openai_constructs.cdk import App, TerraformStack`` gives cdktf's classes, or cdktn's
when that runtime was chosen (``use_runtime("cdktn")``, ``OPENAI_CONSTRUCTS_CDK=cdktn``, or
importing cdktn first), so an app written against this module runs unchanged on either.
Importing it binds the runtime: call ``use_runtime`` before.
"""

from __future__ import annotations

from ._runtime.app import App
from ._runtime.cdk import (
    Construct,
    Fn,
    IConstruct,
    IResolvable,
    ITerraformIterator,
    Lazy,
    RuntimeSelectionError,
    TerraformCount,
    TerraformIterator,
    TerraformOutput,
    TerraformProvider,
    TerraformResourceLifecycle,
    TerraformStack,
    TerraformVariable,
    Testing,
    Token,
    runtime_name,
    use_runtime,
)
from .errors import OutputFolderError

__all__ = [
    "App",
    "Construct",
    "Fn",
    "IConstruct",
    "IResolvable",
    "ITerraformIterator",
    "Lazy",
    "OutputFolderError",
    "RuntimeSelectionError",
    "TerraformCount",
    "TerraformIterator",
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
