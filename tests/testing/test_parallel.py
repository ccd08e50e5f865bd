"""The kit under pytest-xdist: every worker process gets its own stub and Terraform worker.

A user's suite is run with ``-n 2`` in a fresh project (the plugin comes from the installed
package's entry point). Each
test plans its own document with its own variables and fixture and checks Terraform's
answer, so a check that saw another check's document, variables or data-source fixture
would fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

USER_TESTS = """
import os
import pytest

from openai_constructs.testing import assert_planned, assert_valid_terraform

def doc(n):
    return {
        "terraform": {"required_providers": {"openai": {"source": "stainless-sdks/openai"}}},
        "variable": {"who": {"type": "string"}},
        "data": {"openai_beta_assistants": {"existing": {}}},
        "resource": {"openai_beta_assistant": {f"a{n}": {
            "model": "gpt-4o",
            "name": "${var.who}",
            "instructions": "${data.openai_beta_assistants.existing.items[0].name}",
        }}},
    }

@pytest.mark.parametrize("n", range(6))
def test_check(n, terraform_runner):
    assert_valid_terraform(doc(n), runner=terraform_runner)
    fixture = {"data.openai_beta_assistants.existing": {"items": [{"name": f"from {n}"}]}}
    assert_planned(doc(n), f"openai_beta_assistant.a{n}",
                   {"name": f"who {n}", "instructions": f"from {n}"},
                   variables={"who": f"who {n}"}, data=fixture, runner=terraform_runner)
    pid = terraform_runner._session.worker.pid
    worker = os.environ["PYTEST_XDIST_WORKER"]
    with open(os.environ["KIT_RECORD"], "a") as record:
        record.write(f"{worker} {pid}\\n")
"""


def test_parallel_checks_under_xdist(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text(textwrap.dedent(USER_TESTS))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-n",
            "2",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tmp_path),
            "test_user.py",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO), "KIT_RECORD": str(tmp_path / "record")},
        timeout=300,
        check=False,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "6 passed" in output
    workers = {tuple(line.split()) for line in (tmp_path / "record").read_text().splitlines()}
    # Two xdist workers, each with its own Terraform worker process.
    assert {w for w, _pid in workers} == {"gw0", "gw1"}
    assert len({pid for _w, pid in workers}) == 2
