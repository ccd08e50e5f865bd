"""The Python versions the package metadata claims agree with each other and with the suite.

``requires-python`` is the floor pip enforces; the ``Programming Language :: Python :: 3.x``
classifiers are what PyPI shows as supported. They must start at that floor and leave no
gap, and the interpreter running this suite must be one of them (a suite run on a newer
Python than the classifiers list fails here until the classifier is added). The extras that
need more than the floor say so in their own packages (``tfplugin-proto-all``, behind
``[terraform]``, requires 3.11).
"""

from __future__ import annotations

import importlib.metadata
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - tomli comes with build and mypy on 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _classified() -> list[tuple[int, int]]:
    found = [
        re.fullmatch(r"Programming Language :: Python :: (\d+)\.(\d+)", c)
        for c in PROJECT["classifiers"]
    ]
    return sorted((int(m.group(1)), int(m.group(2))) for m in found if m)


def _floor() -> tuple[int, int]:
    found = re.fullmatch(r">=(\d+)\.(\d+)", PROJECT["requires-python"])
    assert found, PROJECT["requires-python"]
    return int(found.group(1)), int(found.group(2))


def test_the_classifiers_start_at_requires_python_and_leave_no_gap() -> None:
    versions = _classified()
    assert versions[0] == _floor()
    assert versions == [(3, minor) for minor in range(versions[0][1], versions[-1][1] + 1)]
    assert "Programming Language :: Python :: 3 :: Only" in PROJECT["classifiers"]


def test_the_running_interpreter_is_classified() -> None:
    assert sys.version_info[:2] in _classified()


def test_ruff_and_mypy_check_the_floor() -> None:
    """``make lint`` and ``make typecheck`` hold the code to the oldest supported Python: its
    syntax (ruff) and its standard library (mypy's typeshed for that version)."""
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]
    major, minor = _floor()
    assert tool["ruff"]["target-version"] == f"py{major}{minor}"
    assert tool["mypy"]["python_version"] == f"{major}.{minor}"


def test_the_terraform_extra_needs_python_3_11_as_documented() -> None:
    """docs/pypi.md: 3.10 runs the package, the ``[terraform]`` extra needs 3.11, because
    ``tfplugin-proto-all`` (pinned there) requires it; on 3.10 pip cannot install it."""
    assert "tfplugin-proto-all==0.1.0" in PROJECT["optional-dependencies"]["terraform"]
    try:
        requires = importlib.metadata.metadata("tfplugin-proto-all")["Requires-Python"]
    except importlib.metadata.PackageNotFoundError:
        assert sys.version_info < (3, 11)  # the only reason the dev install goes without it
        return
    assert requires.replace(" ", "").startswith(">=3.11")
    text = (ROOT / "docs" / "pypi.md").read_text()
    assert "Python 3.10 or newer (3.11 or newer for the `[terraform]` extra" in text
