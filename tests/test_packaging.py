"""The project's packaging and set-up promises that a quick test can hold: one version, the
changelog, the licence, `cdktf.json` agreeing with `make synth` and the README, and what a
user's pytest run sees. The slow half (building, installing the wheel in a fresh venv, the
real CLIs) is `make check-package` and `make check-cli`."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

import openai_constructs

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - tomli comes with build and mypy on 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def make_variable(name: str) -> str:
    found = re.search(rf"^{name} [:?]= (.+)$", (ROOT / "Makefile").read_text(), re.M)
    assert found, f"Makefile has no {name}"
    return found.group(1).strip()


def test_the_version_is_set_in_one_place() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project
    assert project["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "openai_constructs.__version__"
    }
    assert re.fullmatch(r"\d+\.\d+\.\d+", openai_constructs.__version__)


def test_the_changelog_starts_with_this_release() -> None:
    text = (ROOT / "CHANGELOG.md").read_text()
    releases = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", text, re.M)
    assert releases[0] == ("Unreleased", "")
    version, date = releases[1]
    assert version == openai_constructs.__version__
    assert date, "a released version has its date"
    assert "Keep a Changelog" in text
    # Keep a Changelog's kinds of change, and no others.
    kinds = set(re.findall(r"^### (.+)$", text, re.M))
    assert kinds <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def test_the_licence_is_an_spdx_expression_with_its_text_in_the_repository() -> None:
    assert PYPROJECT["project"]["license"] == "Apache-2.0"
    assert PYPROJECT["project"]["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text()
    assert text.split()[:4] == ["Apache", "License", "Version", "2.0,"]
    assert "END OF TERMS AND CONDITIONS" in text
    assert "LICENSE" in (ROOT / "MANIFEST.in").read_text()


def test_the_long_description_is_the_pypi_readme() -> None:
    assert PYPROJECT["project"]["readme"] == "docs/pypi.md"
    text = (ROOT / "docs" / "pypi.md").read_text()
    relative = [link for link in re.findall(r"\]\(([^)]+)\)", text) if "://" not in link]
    assert relative == [], "links on PyPI must be absolute"
    assert not re.search(r"^\s*make\b", text, re.M), "PyPI readers have no Makefile"


def test_cdktf_json_runs_the_venv_python_and_writes_where_make_synth_does() -> None:
    config = json.loads((ROOT / "cdktf.json").read_text())
    app, output = make_variable("SYNTH_APP"), make_variable("SYNTH_OUT")
    # The Makefile's default venv: the CLI needs no activated environment.
    assert config["app"] == f"{make_variable('VENV')}/bin/python {app}"
    assert config["output"] == output
    assert f"`{output}/stacks/*/cdk.tf.json`" in (ROOT / "README.md").read_text()
    assert (ROOT / app).is_file()


def test_use_runtime_is_documented_from_the_public_package_only() -> None:
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for line in path.read_text().splitlines():
            if "use_runtime" in line or "RUNTIME_NAME" in line:
                assert "_runtime.cdk" not in line, f"{path.name}: {line}"


def run_pytest_on(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_user_file.py").write_text(textwrap.dedent(source))
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-W",
            "error",
            "test_user_file.py",
        ],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("module", ["openai_constructs.cdk", "openai_constructs._runtime.cdk"])
def test_pytest_does_not_try_to_collect_the_runtimes_testing_class(
    tmp_path: Path, module: str
) -> None:
    # A user's test file importing Testing at module level: pytest used to warn
    # "cannot collect test class 'Testing' because it has a __init__ constructor".
    proc = run_pytest_on(
        tmp_path,
        f"""
        from {module} import TerraformStack, Testing

        def test_a_stack() -> None:
            assert TerraformStack(Testing.app(), "s").node.id == "s"
        """,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 passed" in proc.stdout
    assert "PytestCollectionWarning" not in proc.stdout + proc.stderr


def load_check_package() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_package", ROOT / "tools" / "check_package.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_sdist_and_the_wheel_hold_what_they_should(tmp_path: Path) -> None:
    # The archive half of `make check-package`, without downloads: a file added where
    # MANIFEST.in or package-data does not reach fails here, in every engineer's test run,
    # not only in CI's package check.
    check_package = load_check_package()
    checker = check_package.Checker(tmp_path, isolated=False)
    try:
        checker.copy_sources()
        checker.build()
        wheel = checker.wheel_contents()
        sdist = checker.sdist_contents()
    except check_package.CheckFailed as error:
        pytest.fail(str(error))
    assert "LICENSE, py.typed, schema, NOTES.md" in wheel
    assert "openai_constructs/_runtime/batch.js" in wheel
    assert sdist.endswith("the tracked tree less .ci/ and .gitignore")
