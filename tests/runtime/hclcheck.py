"""Helpers for the HCL tests: parse ``cdk.tf`` back and line it up with ``cdk.tf.json``."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import hcl2


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items() if k != "__is_block__"}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def parse_hcl(text: str) -> dict[str, Any]:
    """The HCL document as plain data (python-hcl2 decodes escapes once quotes are stripped)."""
    options = hcl2.SerializationOptions(strip_string_quotes=True)
    parsed: dict[str, Any] = _plain(hcl2.loads(text, serialization_options=options))
    return parsed


def bodies_from_hcl(doc: dict[str, Any]) -> dict[str, Any]:
    """``{"resource.T.N" | "data.T.N" | "provider.P": body}`` from a parsed HCL document."""
    out: dict[str, Any] = {}
    for kind in ("resource", "data"):
        for block in doc.get(kind, []):
            for type_name, named in block.items():
                for name, body in named.items():
                    out[f"{kind}.{type_name}.{name}"] = body
    for block in doc.get("provider", []):
        for name, body in block.items():
            out[f"provider.{name}"] = body
    return out


def bodies_from_json(doc: dict[str, Any]) -> dict[str, Any]:
    """The same mapping from ``cdk.tf.json``, without cdktf's ``//`` metadata."""
    out: dict[str, Any] = {}
    for kind in ("resource", "data"):
        for type_name, named in doc.get(kind, {}).items():
            for name, body in named.items():
                out[f"{kind}.{type_name}.{name}"] = {k: v for k, v in body.items() if k != "//"}
    for name, configs in doc.get("provider", {}).items():
        for body in configs:
            out[f"provider.{name}"] = body
    return out


def run_terraform(
    runner: Any, files: dict[str, str], doc: dict[str, Any], commands: Sequence[Sequence[str]]
) -> list[list[Any]]:
    """Run Terraform commands on arbitrary files (HCL too) with the stub-provider runner.

    ``TerraformRunner`` takes JSON documents only; this reuses its mirror, CLI config and
    worker process for a directory holding ``files``. ``doc`` says which providers to mirror.
    """
    from openai_constructs.testing.terraform import runner as runner_module

    for address, version in runner._provider_versions(doc):
        runner._ensure_version(address, version)
    work: Path = runner.runs_dir / uuid.uuid4().hex
    work.mkdir(parents=True)
    for name, text in files.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)  # assets/<id>/<hash>/<file>
        (work / name).write_text(text, encoding="utf-8")
    result = work / "result.json"
    env = dict(os.environ)
    env.update(
        TF_CLI_CONFIG_FILE=str(runner.cli_config),
        CHECKPOINT_DISABLE="1",
        TF_IN_AUTOMATION="1",
        TF_INPUT="0",
        PYTHONPATH=str(runner_module._PACKAGE_ROOT),
    )
    proc = subprocess.run(
        [runner.python, "-m", "openai_constructs.testing.terraform._worker"],
        input=json.dumps({"cwd": str(work), "commands": commands, "result": str(result)}),
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0 and result.exists(), proc.stderr
    results: list[list[Any]] = json.loads(result.read_text(encoding="utf-8"))
    return results
