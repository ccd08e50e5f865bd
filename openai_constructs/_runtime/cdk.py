"""The one place the package reaches the CDK for Terraform runtime.

Every other module imports ``App``, ``TerraformStack``, tokens and the rest from here, so the
runtime behind them can be chosen in one place.
"""

from __future__ import annotations

import os

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

from cdktf import (  # noqa: E402
    App,
    Fn,
    IResolvable,
    ITerraformDependable,
    ITerraformIterator,
    Lazy,
    SSHProvisionerConnection,
    TerraformCount,
    TerraformDataSource,
    TerraformElement,
    TerraformOutput,
    TerraformProvider,
    TerraformProviderGeneratorMetadata,
    TerraformResource,
    TerraformResourceLifecycle,
    TerraformStack,
    TerraformVariable,
    Testing,
    Token,
    WinrmProvisionerConnection,
    FileProvisioner,
    LocalExecProvisioner,
    RemoteExecProvisioner,
    ImportableResource,
)
from constructs import Construct, IConstruct  # noqa: E402

RUNTIME_NAME = "cdktf"

__all__ = [
    "RUNTIME_NAME",
    "App",
    "Construct",
    "FileProvisioner",
    "Fn",
    "IConstruct",
    "IResolvable",
    "ITerraformDependable",
    "ITerraformIterator",
    "ImportableResource",
    "Lazy",
    "LocalExecProvisioner",
    "RemoteExecProvisioner",
    "SSHProvisionerConnection",
    "TerraformCount",
    "TerraformDataSource",
    "TerraformElement",
    "TerraformOutput",
    "TerraformProvider",
    "TerraformProviderGeneratorMetadata",
    "TerraformResource",
    "TerraformResourceLifecycle",
    "TerraformStack",
    "TerraformVariable",
    "Testing",
    "Token",
    "WinrmProvisionerConnection",
]
