"""pytest plugin: Terraform snapshot and runner fixtures, and a ``--terraform-schema`` option.

Registered through the ``pytest11`` entry point. It imports nothing heavy at load time
(no cdktf, no syrupy, no Terraform), so having it installed costs other test runs nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

_OPTION = "--terraform-schema"
_INI = "openai_constructs_terraform_schema"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Let a project pin the provider schema file its stacks are checked against."""
    group = parser.getgroup("openai-constructs")
    group.addoption(
        _OPTION,
        dest="openai_constructs_terraform_schema",
        default=None,
        help="`terraform providers schema -json` file for schema checks, validate and plan "
        "(default: the schema shipped with openai-constructs)",
    )
    parser.addini(_INI, "default for " + _OPTION, default="")


def _configured_schema(config: pytest.Config) -> Path | None:
    value = config.getoption("openai_constructs_terraform_schema", default=None)
    if value:
        return Path(str(value)).expanduser().resolve()
    ini = str(config.getini(_INI) or "")
    if ini:
        return (config.rootpath / ini).resolve()
    return None


def pytest_configure(config: pytest.Config) -> None:
    """Make the configured schema the default of every helper in this session."""
    schema = _configured_schema(config)
    if schema is not None:
        from openai_constructs.testing.assertions import set_default_schema

        set_default_schema(schema)


@pytest.fixture(scope="session")
def terraform_schema(pytestconfig: pytest.Config) -> Any:
    """The loaded provider schema in force for this session."""
    from openai_constructs.testing.schema import load_schema

    return load_schema(_configured_schema(pytestconfig))


@pytest.fixture(scope="session")
def terraform_runner(terraform_schema: Any) -> Any:
    """One TerraformRunner shared by the whole session (per pytest-xdist worker): its stub
    provider and Terraform worker start at the first check and serve every later one.
    ``terraform_runner.plan(doc, variables=..., data=...)`` for the raw result."""
    from openai_constructs.testing.assertions import terraform_runner as shared_runner

    return shared_runner(terraform_schema.path)


@pytest.fixture
def terraform_snapshot(request: pytest.FixtureRequest, terraform_schema: Any) -> Any:
    """syrupy's ``snapshot``, storing normalized Terraform JSON: ``assert terraform_snapshot
    == stack``. Update with ``pytest --snapshot-update``."""
    try:
        from openai_constructs.testing.snapshot import extension_for
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise pytest.UsageError("terraform_snapshot needs syrupy: pip install syrupy") from exc
    snapshot = request.getfixturevalue("snapshot")
    return snapshot.use_extension(extension_for(terraform_schema))
