"""The one place the package reaches the CDK for Terraform runtime: ``cdktf`` or ``cdktn``.

CDK Terrain (``cdktn``) is the maintained fork of ``cdktf`` with the same API under a new
module name. Both load into one jsii kernel, but their classes are distinct jsii types: a
``cdktf`` resource inside a ``cdktn`` stack fails at synth. So the package binds to exactly one
runtime, the one the user's app uses, chosen on first use (not at import, so a choice made
after importing the package still counts):

1. ``use_runtime("cdktn")`` called before the first construct class is imported;
2. the environment variable ``OPENAI_CONSTRUCTS_CDK=cdktf|cdktn``;
3. the runtime the app has already imported, when it imported only one of them;
4. what is installed, ``cdktf`` first.

Only the chosen runtime is imported: loading both would cost a second jsii assembly.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from typing import TYPE_CHECKING, Any

from .._public import public
from ..errors import RuntimeSelectionError

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

ENV_VAR = "OPENAI_CONSTRUCTS_CDK"
RUNTIMES = ("cdktf", "cdktn")

# Every runtime name the package uses; both runtimes export all of them.
_NAMES = (
    "Aspects",
    "AzurermBackend",
    "CloudBackend",
    "ConsulBackend",
    "CosBackend",
    "AssetType",
    "DefaultTokenResolver",
    "FileProvisioner",
    "Fn",
    "GcsBackend",
    "HttpBackend",
    "IAnyProducer",
    "IAspect",
    "IImportableConfig",
    "IResolvable",
    "ITerraformDependable",
    "ITerraformIterator",
    "ImportableResource",
    "Lazy",
    "LocalBackend",
    "LocalExecProvisioner",
    "NamedCloudWorkspace",
    "OssBackend",
    "PgBackend",
    "RemoteBackend",
    "RemoteExecProvisioner",
    "S3Backend",
    "SSHProvisionerConnection",
    "StringConcat",
    "SwiftBackend",
    "TaggedCloudWorkspaces",
    "TerraformAsset",
    "TerraformBackend",
    "TerraformCount",
    "TerraformDataSource",
    "TerraformElement",
    "TerraformIterator",
    "TerraformLocal",
    "TerraformOutput",
    "TerraformProvider",
    "TerraformProviderGeneratorMetadata",
    "TerraformResource",
    "TerraformResourceLifecycle",
    "TerraformStack",
    "TerraformVariable",
    "Testing",
    "Token",
    "Tokenization",
    "WinrmProvisionerConnection",
)

if TYPE_CHECKING:
    # The two runtimes share one API; type-check against cdktf's stubs.
    from cdktf import App as RuntimeApp
    from cdktf import (
        Aspects,
        AssetType,
        AzurermBackend,
        CloudBackend,
        ConsulBackend,
        CosBackend,
        DefaultTokenResolver,
        FileProvisioner,
        Fn,
        GcsBackend,
        HttpBackend,
        IAnyProducer,
        IAspect,
        IImportableConfig,
        ImportableResource,
        IResolvable,
        ITerraformDependable,
        ITerraformIterator,
        Lazy,
        LocalBackend,
        LocalExecProvisioner,
        NamedCloudWorkspace,
        OssBackend,
        PgBackend,
        RemoteBackend,
        RemoteExecProvisioner,
        S3Backend,
        SSHProvisionerConnection,
        StringConcat,
        SwiftBackend,
        TaggedCloudWorkspaces,
        TerraformAsset,
        TerraformBackend,
        TerraformCount,
        TerraformDataSource,
        TerraformElement,
        TerraformIterator,
        TerraformLocal,
        TerraformOutput,
        TerraformProvider,
        TerraformProviderGeneratorMetadata,
        TerraformResource,
        TerraformResourceLifecycle,
        TerraformStack,
        TerraformVariable,
        Testing,
        Token,
        Tokenization,
        WinrmProvisionerConnection,
    )
    from constructs import Construct, IConstruct, RootConstruct

    RUNTIME_NAME: str


_requested: str | None = None
_bound: str | None = None


@public("openai_constructs")
def use_runtime(name: str) -> None:
    """Choose ``cdktf`` or ``cdktn`` explicitly; call before importing any construct class.

    Calling it again with the runtime already in use is harmless; switching after the package
    has bound to a runtime raises, because classes already created derive from the other one.
    """
    global _requested
    if name not in RUNTIMES:
        raise RuntimeSelectionError(f"unknown CDK runtime {name!r}; expected one of {RUNTIMES}")
    if _bound is not None and _bound != name:
        raise RuntimeSelectionError(
            f"openai_constructs is already bound to {_bound!r}; call use_runtime({name!r}) "
            "before importing openai_constructs.l1 or any other construct module"
        )
    _requested = name


def choose_runtime() -> str:
    """The runtime the rules above pick now, without importing it."""
    explicit = _requested or os.environ.get(ENV_VAR, "").strip()
    if explicit:
        if explicit not in RUNTIMES:
            raise RuntimeSelectionError(
                f"{ENV_VAR}={explicit!r} is not a CDK runtime; expected one of {RUNTIMES}"
            )
        return explicit
    loaded = [name for name in RUNTIMES if name in sys.modules]
    if len(loaded) == 1:
        return loaded[0]
    if loaded:
        return RUNTIMES[0]  # both already imported: the default, unless told otherwise
    for name in RUNTIMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeSelectionError(
        "neither cdktf nor cdktn is installed; install one with: "
        "pip install 'openai-constructs[cdktf]' or pip install 'openai-constructs[cdktn]'"
    )


@public("openai_constructs")
def runtime_name() -> str:
    """The runtime in use, binding to one first if nothing has yet."""
    return _bind()


def _bind() -> str:
    global _bound
    if _bound is not None:
        return _bound
    name = choose_runtime()
    try:
        module = importlib.import_module(name)
    except ImportError as error:
        if _requested:
            how = f" (by use_runtime({name!r}))"
        elif os.environ.get(ENV_VAR, "").strip():
            how = f" (by {ENV_VAR}={name})"
        else:
            how = ""
        raise RuntimeSelectionError(
            f"CDK runtime {name!r} was chosen{how} but cannot be imported: {error}; "
            f"install it with: pip install 'openai-constructs[{name}]'"
        ) from error
    import constructs

    # pytest collects every module-level class whose name starts with ``Test`` in a test
    # module, so ``from openai_constructs.cdk import Testing`` at the top of a test file made
    # it try the runtime's ``Testing`` helper and warn "cannot collect test class 'Testing'
    # because it has a __init__ constructor". ``__test__ = False`` is pytest's (and nose's)
    # documented opt-out; nothing else reads it.
    module.Testing.__test__ = False
    namespace = globals()
    for attr in _NAMES:
        namespace[attr] = getattr(module, attr)
    # The runtime's own ``App``, under another name: the package's ``App`` (all-or-nothing
    # synth into the output folder) is built on it in ``app.py``, a layer above this seam.
    namespace["RuntimeApp"] = module.App
    namespace["Construct"] = constructs.Construct
    namespace["IConstruct"] = constructs.IConstruct
    namespace["RootConstruct"] = constructs.RootConstruct
    namespace["RUNTIME_NAME"] = name
    namespace["Node"] = constructs.Node  # dependencies.install wraps its add_dependency
    _bound = name
    return name


_BOUND_ALSO = ("Construct", "IConstruct", "Node", "RootConstruct", "RUNTIME_NAME", "RuntimeApp")


def __getattr__(attr: str) -> Any:
    # Runs only until the first bind: binding puts every name in the module namespace.
    if attr in _NAMES or attr in _BOUND_ALSO:
        _bind()
        return globals()[attr]
    if attr == "App":
        raise AttributeError(
            f"module {__name__!r} has no attribute 'App': the package's App is "
            "openai_constructs.cdk.App (openai_constructs._runtime.app.App), the runtime's "
            "own is RuntimeApp"
        )
    raise AttributeError(f"module {__name__!r} has no attribute {attr!r}")


__all__ = [
    "Aspects",
    "AssetType",
    "AzurermBackend",
    "CloudBackend",
    "Construct",
    "ConsulBackend",
    "CosBackend",
    "DefaultTokenResolver",
    "ENV_VAR",
    "FileProvisioner",
    "Fn",
    "GcsBackend",
    "HttpBackend",
    "IAnyProducer",
    "IAspect",
    "IConstruct",
    "IImportableConfig",
    "IResolvable",
    "ITerraformDependable",
    "ITerraformIterator",
    "ImportableResource",
    "Lazy",
    "LocalBackend",
    "LocalExecProvisioner",
    "NamedCloudWorkspace",
    "OssBackend",
    "PgBackend",
    "RUNTIMES",
    "RUNTIME_NAME",
    "RemoteBackend",
    "RemoteExecProvisioner",
    "RootConstruct",
    "RuntimeApp",
    "RuntimeSelectionError",
    "S3Backend",
    "SSHProvisionerConnection",
    "StringConcat",
    "SwiftBackend",
    "TaggedCloudWorkspaces",
    "TerraformAsset",
    "TerraformBackend",
    "TerraformCount",
    "TerraformDataSource",
    "TerraformElement",
    "TerraformIterator",
    "TerraformLocal",
    "TerraformOutput",
    "TerraformProvider",
    "TerraformProviderGeneratorMetadata",
    "TerraformResource",
    "TerraformResourceLifecycle",
    "TerraformStack",
    "TerraformVariable",
    "Testing",
    "Token",
    "Tokenization",
    "WinrmProvisionerConnection",
    "choose_runtime",
    "runtime_name",
    "use_runtime",
]
