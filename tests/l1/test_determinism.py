"""The same program gives byte-identical output, whatever the hash seed or process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from openai_constructs._runtime.cdk import Construct, TerraformStack, Testing
from tests.l1.full_configs import BUILDERS

ROOT = Path(__file__).resolve().parents[2]


def test_two_synths_in_one_process_are_identical() -> None:
    outputs = []
    for _ in range(2):
        stack = TerraformStack(Testing.app(), "same")
        for name, build in BUILDERS.items():
            build(Construct(stack, name.replace(".", "-")))
        outputs.append(Testing.synth(stack))
    assert outputs[0] == outputs[1]


def test_separate_processes_with_different_hash_seeds(tmp_path: Path) -> None:
    documents = []
    for seed in ("1", "2"):
        outdir = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed, "CDKTF_OUTDIR": str(outdir)}
        subprocess.run([sys.executable, "main.py"], cwd=ROOT / "examples" / "l1_bindings",
                       env=env, check=True, capture_output=True)
        documents.append((outdir / "stacks" / "support-desk-l1" / "cdk.tf.json").read_bytes())
    assert documents[0] == documents[1]
    assert b"openai_beta_assistant" in documents[0]
