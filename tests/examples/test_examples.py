"""The example apps: each one's document is the reviewed snapshot, holds no literal secret,
and the apps run as documented (``python main.py`` in their folder, honouring CDKTF_OUTDIR).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion

from openai_constructs.testing import assert_matches_schema
from tests.conftest import strip_metadata

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
STACKS = {
    "support_assistant": "support-assistant",
    "structured_extraction": "structured-extraction",
    "chatkit_deployment": "chatkit-deployment",
    "scaling_out": "scaling-out",
    "knowledge_base": "knowledge-base",
}


def load(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / name / "main.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # pydantic resolves postponed annotations through sys.modules.
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


def document_in(outdir: Path, stack: str) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads((outdir / "stacks" / stack / "cdk.tf.json").read_text())
    return parsed


@pytest.mark.parametrize("name", list(STACKS))
def test_example(
    name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    json_snapshot: SnapshotAssertion,
) -> None:
    monkeypatch.setenv("CDKTF_OUTDIR", str(tmp_path))
    load(name, monkeypatch).main()
    document = document_in(tmp_path, STACKS[name])
    assert_matches_schema(document)
    # Keys come from the environment: the provider block carries no credentials.
    assert document["provider"]["openai"] == [{}]
    for output in document.get("output", {}).values():
        if "client_secret" in output["value"]:
            assert output["sensitive"] is True
    assert strip_metadata(document) == json_snapshot


def test_examples_run_from_their_folder_as_documented(tmp_path: Path) -> None:
    env = {**os.environ, "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"}
    processes = {}
    for name in STACKS:
        env_for = {**env, "CDKTF_OUTDIR": str(tmp_path / name)}
        processes[name] = subprocess.Popen(
            [sys.executable, "main.py"],
            cwd=EXAMPLES / name,
            env=env_for,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    for name, process in processes.items():
        _, stderr = process.communicate(timeout=180)
        assert process.returncode == 0, stderr
        assert document_in(tmp_path / name, STACKS[name])["resource"]
