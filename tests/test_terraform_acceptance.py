"""Real Terraform accepts what we synthesize: every L1 class and every example app.

Runs ``terraform validate`` and ``terraform plan`` (offline, through the stub provider serving
our schema) plus the pure-Python schema check on each document.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from openai_constructs._runtime.cdk import Construct, TerraformStack, Testing
from openai_constructs.testing import assert_matches_schema, assert_plans, assert_valid_terraform
from tests.l1.full_configs import BUILDERS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p.parent.name for p in (ROOT / "examples").glob("*/main.py"))
OPENAI_KEY = re.compile(r"\bsk-(?:proj-|admin-|svcacct-)?[A-Za-z0-9_\-]{16,}")
SECRETS = {"openai_api_key": "sk-test", "openai_admin_key": "sk-admin-test"}


def test_every_l1_class_fully_configured_validates_and_plans(terraform_runner: Any) -> None:
    stack = TerraformStack(Testing.app(), "all")
    for name, build in BUILDERS.items():
        build(stack if name == "provider" else Construct(stack, name.replace(".", "-")))
    document = json.loads(Testing.synth(stack))
    assert_matches_schema(document)
    assert_valid_terraform(document, runner=terraform_runner)
    plan = assert_plans(document, runner=terraform_runner, variables=SECRETS)
    assert plan.summary["add"] == 8


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_validates_and_plans(
    example: str, tmp_path: Path, terraform_runner: Any
) -> None:
    env = {**os.environ, "CDKTF_OUTDIR": str(tmp_path)}
    subprocess.run([sys.executable, "main.py"], cwd=ROOT / "examples" / example, env=env,
                   check=True, capture_output=True)
    stacks = sorted(tmp_path.glob("stacks/*/cdk.tf.json"))
    assert stacks, f"{example} synthesized no stack"
    for path in stacks:
        document = json.loads(path.read_text())
        assert not OPENAI_KEY.search(path.read_text()), f"{path} contains an OpenAI-like key"
        assert_matches_schema(document)
        # The folder: File.from_path documents are assets Terraform reads beside the document.
        assert_valid_terraform(path.parent, runner=terraform_runner)
        assert_plans(path.parent, runner=terraform_runner)
