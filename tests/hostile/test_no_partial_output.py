"""A failed synth leaves the previous ``cdktf.out`` exactly as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.conftest import ROOT

# Two stacks, so a synth that writes stack by stack would be caught half-way. ``mode``:
# good (v1), good-v2 (changed text), l2 (an L2 ValidationError while building),
# l1 (an L1 type error while building), late (a construct validation that fails in synth,
# in the second stack).
APP = '''
import os, sys
from openai_constructs.cdk import App, TerraformStack
from openai_constructs import Assistant
from openai_constructs.l1.provider import OpenaiProvider
import jsii
from constructs import IValidation

mode = sys.argv[1]
app = App(outdir=os.environ["CDKTF_OUTDIR"])
for name in ("first", "second"):
    stack = TerraformStack(app, name)
    OpenaiProvider(stack, "openai")
    Assistant(stack, "helper", model="gpt-4o", name="v1" if mode == "good" else "v2")


@jsii.implements(IValidation)
class Refuse:
    def validate(self):
        return ["refused on purpose"]


if mode == "l2":
    Assistant(stack, "bad", model="gpt-4o", temperature=3)
if mode == "l1":
    Assistant(stack, "bad", model=42)
if mode == "late":
    stack.node.add_validation(Refuse())
app.synth()
'''


def _run(tmp_path: Path, outdir: Path, mode: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "app.py"
    script.write_text(APP, encoding="utf-8")
    env = {**os.environ, "CDKTF_OUTDIR": str(outdir), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, str(script), mode], env=env, capture_output=True,
                          text=True, timeout=300, check=False)


def _snapshot(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def good_outdir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    tmp = tmp_path_factory.mktemp("good")
    outdir = tmp / "cdktf.out"
    assert _run(tmp, outdir, "good").returncode == 0
    files = _snapshot(outdir)
    assert {"stacks/first/cdk.tf.json", "stacks/second/cdk.tf.json"} <= set(files)
    return outdir, files


def _fail_into_copy(tmp_path: Path, good: tuple[Path, dict[str, bytes]], mode: str
                    ) -> tuple[dict[str, bytes], dict[str, bytes], str]:
    _outdir, files = good
    target = tmp_path / "cdktf.out"
    for name, data in files.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(data)
    result = _run(tmp_path, target, mode)
    assert result.returncode != 0, f"{mode} should fail:\n{result.stdout}"
    return files, _snapshot(target), result.stderr


@pytest.mark.parametrize("mode", ["l2", "l1"])
def test_a_construction_error_writes_nothing(
    tmp_path: Path, good_outdir: tuple[Path, dict[str, bytes]], mode: str
) -> None:
    before, after, stderr = _fail_into_copy(tmp_path, good_outdir, mode)
    assert after == before
    assert "Error" in stderr


def test_the_sanity_check_sees_a_change(tmp_path: Path,
                                        good_outdir: tuple[Path, dict[str, bytes]]) -> None:
    """A good v2 run does rewrite the files: the comparison above can fail."""
    _outdir, files = good_outdir
    target = tmp_path / "cdktf.out"
    assert _run(tmp_path, target, "good-v2").returncode == 0
    assert _snapshot(target)["stacks/first/cdk.tf.json"] != files["stacks/first/cdk.tf.json"]


def test_a_validation_failing_during_synth_leaves_every_stack_as_it_was(
    tmp_path: Path, good_outdir: tuple[Path, dict[str, bytes]]
) -> None:
    before, after, stderr = _fail_into_copy(tmp_path, good_outdir, "late")
    assert "refused on purpose" in stderr
    changed = sorted(name for name in before if after.get(name) != before[name])
    assert changed == [], f"half-rewritten: {changed}"
    assert sorted(after) == sorted(before), "files appeared or vanished"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".cdktf-")]
    assert leftovers == [], f"staging folders left behind: {leftovers}"
