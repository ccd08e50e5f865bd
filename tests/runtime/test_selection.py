"""How the package picks cdktf or cdktn. Each case runs in a fresh interpreter: the choice
is made once per process, on first use."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from openai_constructs._runtime import cdk

ROOT = Path(__file__).resolve().parents[2]
needs_cdktn = pytest.mark.skipif(
    importlib.util.find_spec("cdktn") is None, reason="cdktn is not installed"
)
needs_cdktf = pytest.mark.skipif(
    importlib.util.find_spec("cdktf") is None, reason="cdktf is not installed"
)


def run(code: str, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k != cdk.ENV_VAR}
    environ.update(env)
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_current_process_uses_the_configured_runtime() -> None:
    expected = os.environ.get(cdk.ENV_VAR) or "cdktf"
    assert expected == cdk.RUNTIME_NAME
    assert cdk.TerraformResource.__module__.split(".")[0] == expected


@needs_cdktf
def test_default_is_cdktf_and_cdktn_is_not_loaded() -> None:
    out = run(
        """
        import sys
        from openai_constructs.l1.beta_thread import BetaThread
        from openai_constructs._runtime import cdk
        base = next(c for c in BetaThread.__mro__ if c.__name__ == "TerraformResource")
        print(cdk.RUNTIME_NAME, base.__module__, "cdktn" in sys.modules)
        """
    )
    assert out == "cdktf cdktf False"


@needs_cdktn
def test_env_var_picks_cdktn() -> None:
    out = run(
        """
        import sys
        from openai_constructs._runtime import cdk
        from openai_constructs.l1.beta_thread import BetaThread
        import cdktn
        print(cdk.RUNTIME_NAME, issubclass(BetaThread, cdktn.TerraformResource),
              "cdktf" in sys.modules)
        """,
        OPENAI_CONSTRUCTS_CDK="cdktn",
    )
    assert out == "cdktn True False"


@needs_cdktn
def test_app_that_imported_cdktn_gets_cdktn_and_synthesizes() -> None:
    out = run(
        """
        import json, cdktn
        from openai_constructs.l1.beta_thread import BetaThread
        from openai_constructs.l1.provider import OpenaiProvider
        stack = cdktn.TerraformStack(cdktn.Testing.app(), "s")
        OpenaiProvider(stack, "openai")
        BetaThread(stack, "t", metadata={"a": "b"})
        doc = json.loads(cdktn.Testing.synth(stack))
        print(doc["resource"]["openai_beta_thread"]["t"]["metadata"]["a"])
        """
    )
    assert out == "b"


@needs_cdktn
@needs_cdktf
def test_app_that_imported_cdktf_gets_cdktf_even_with_cdktn_installed() -> None:
    out = run(
        """
        import cdktf
        from openai_constructs._runtime import cdk
        print(cdk.RUNTIME_NAME)
        """
    )
    assert out == "cdktf"


@needs_cdktn
def test_use_runtime_before_import_wins_over_the_env_var() -> None:
    out = run(
        """
        from openai_constructs._runtime.cdk import use_runtime
        use_runtime("cdktn")
        from openai_constructs._runtime import cdk
        from openai_constructs.l1.beta_thread import BetaThread
        print(cdk.RUNTIME_NAME)
        """,
        OPENAI_CONSTRUCTS_CDK="cdktf",
    )
    assert out == "cdktn"


@needs_cdktn
def test_switching_after_binding_is_refused() -> None:
    out = run(
        """
        from openai_constructs._runtime import cdk
        from openai_constructs.l1.beta_thread import BetaThread
        try:
            cdk.use_runtime("cdktn")
        except cdk.RuntimeSelectionError as error:
            print("refused:", "already bound to 'cdktf'" in str(error))
        cdk.use_runtime("cdktf")  # the runtime already in use: fine
        """,
        OPENAI_CONSTRUCTS_CDK="cdktf",
    )
    assert out == "refused: True"


def test_unknown_runtime_name_is_an_error() -> None:
    out = run(
        """
        from openai_constructs._runtime import cdk
        try:
            cdk.TerraformStack
        except cdk.RuntimeSelectionError as error:
            print(error)
        """,
        OPENAI_CONSTRUCTS_CDK="cdk8s",
    )
    assert "OPENAI_CONSTRUCTS_CDK='cdk8s' is not a CDK runtime" in out
    with pytest.raises(cdk.RuntimeSelectionError):
        cdk.use_runtime("pulumi")


@pytest.mark.parametrize(
    ("choice", "env", "how"),
    [
        ("cdktn", {"OPENAI_CONSTRUCTS_CDK": "cdktn"}, "(by OPENAI_CONSTRUCTS_CDK=cdktn)"),
        ("cdktn", {}, "(by use_runtime('cdktn'))"),
        ("cdktf", {"OPENAI_CONSTRUCTS_CDK": "cdktf"}, "(by OPENAI_CONSTRUCTS_CDK=cdktf)"),
    ],
)
def test_a_chosen_runtime_that_is_not_installed_names_the_extra_to_install(
    choice: str, env: dict[str, str], how: str
) -> None:
    # None in sys.modules makes the import fail as it does when the package is absent.
    out = run(
        f"""
        import sys
        sys.modules[{choice!r}] = None
        from openai_constructs._runtime import cdk
        if {not env!r}:
            cdk.use_runtime({choice!r})
        try:
            cdk.TerraformStack
        except cdk.RuntimeSelectionError as error:
            print(error)
        """,
        **env,
    )
    assert f"CDK runtime {choice!r} was chosen {how} but cannot be imported" in out
    assert out.endswith(f"install it with: pip install 'openai-constructs[{choice}]'")
