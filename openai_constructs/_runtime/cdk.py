"""The one place the package reaches the CDK for Terraform runtime.

Every other module imports ``App``, ``TerraformStack``, tokens and the rest from here, so the
runtime behind them can be chosen in one place.
"""

from __future__ import annotations

import os

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

from cdktf import (
    App,
    FileProvisioner,
    Fn,
    IImportableConfig,
    ImportableResource,
    IResolvable,
    ITerraformDependable,
    ITerraformIterator,
    Lazy,
    LocalExecProvisioner,
    RemoteExecProvisioner,
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
)
from constructs import Construct, IConstruct

RUNTIME_NAME = "cdktf"

__all__ = [
    "RUNTIME_NAME",
    "App",
    "Construct",
    "FileProvisioner",
    "Fn",
    "IConstruct",
    "IImportableConfig",
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
