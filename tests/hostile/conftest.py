"""Fixtures of the hostile-input suite: every example synthesized in fresh processes.

The hypothesis budget lives in ``strategies.BUDGET`` (fixed example counts, derandomized,
``print_blob=True``); set ``HOSTILE_EXAMPLES`` to explore more locally.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.parent for p in (ROOT / "examples").glob("*/main.py"))
HASH_SEEDS = ("0", "1234567")


@dataclass(frozen=True)
class ExampleRun:
    """One example synthesized in its own process with one ``PYTHONHASHSEED``."""

    example: str
    seed: str
    outdir: Path

    def files(self) -> dict[str, bytes]:
        """Every file written, by path relative to the outdir."""
        return {
            str(path.relative_to(self.outdir)): path.read_bytes()
            for path in sorted(self.outdir.rglob("*"))
            if path.is_file()
        }


@pytest.fixture(scope="session")
def example_runs(tmp_path_factory: pytest.TempPathFactory) -> list[ExampleRun]:
    """All examples under every hash seed, run in parallel (each is a cold process, ~3 s)."""
    base = tmp_path_factory.mktemp("examples")
    runs: list[tuple[ExampleRun, subprocess.Popen[bytes]]] = []
    for example in EXAMPLES:
        for seed in HASH_SEEDS:
            outdir = base / f"{example.name}-{seed}"
            env = {**os.environ, "PYTHONHASHSEED": seed, "CDKTF_OUTDIR": str(outdir),
                   "PYTHONPATH": str(ROOT)}
            process = subprocess.Popen([sys.executable, "main.py"], cwd=example, env=env,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            runs.append((ExampleRun(example.name, seed, outdir), process))
    failures = []
    for run, process in runs:
        _out, err = process.communicate(timeout=300)
        if process.returncode != 0:
            failures.append(f"{run.example} (seed {run.seed}): {err.decode()[-2000:]}")
    assert not failures, "\n".join(failures)
    return [run for run, _ in runs]
