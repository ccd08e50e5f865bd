"""The same app synthesizes to the same bytes under cdktf and cdktn (JSON and HCL)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    any(importlib.util.find_spec(name) is None for name in ("cdktf", "cdktn")),
    reason="needs both cdktf and cdktn installed",
)

EMPTY_LIST = re.compile(r"\[\s+\]")
SCRIPT = """
import json, sys
from openai_constructs._runtime import cdk
from tests.l1.full_configs import BUILDERS
from tests.runtime.test_hcl_synth import _stacks
out = {"runtime": cdk.RUNTIME_NAME}
for name, stack in _stacks().items():
    out[name] = {"json": cdk.Testing.synth(stack), "hcl": stack.to_hcl_terraform()["hcl"]}
json.dump(out, sys.stdout)
"""


def synth_under(runtime: str) -> dict[str, object]:
    env = dict(os.environ, OPENAI_CONSTRUCTS_CDK=runtime)
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(proc.stdout)
    assert result["runtime"] == runtime
    return result


def test_both_runtimes_write_identical_documents() -> None:
    cdktf, cdktn = synth_under("cdktf"), synth_under("cdktn")
    for stack in ("resources", "data"):
        a, b = cdktf[stack], cdktn[stack]
        assert isinstance(a, dict) and isinstance(b, dict)
        assert a["hcl"] == b["hcl"]
        # Testing.synth leaves out the runtime's version stamp. The raw JSON differs in one
        # way only: cdktf writes an empty list as "[\n  ]", cdktn as "[]". Snapshots, which
        # re-serialize the parsed document, are byte-identical.
        raw_a, raw_b = str(a["json"]), str(b["json"])
        assert "0.21.0" not in raw_a and "0.24.0" not in raw_b
        assert EMPTY_LIST.sub("[]", raw_a) == EMPTY_LIST.sub("[]", raw_b)
        assert json.dumps(json.loads(raw_a), indent=2) == json.dumps(json.loads(raw_b), indent=2)
