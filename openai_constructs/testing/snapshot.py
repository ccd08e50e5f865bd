"""A syrupy extension that stores a stack as normalized Terraform JSON, one file per test.

Normalized means: cdktf's ``//`` metadata dropped, sensitive values redacted per the
schema, keys sorted. The provider version constraint stays (see ``document.normalize``). A
stack ``App.synth()`` would refuse for a secret is refused with the same
``SensitiveValueError`` before anything is stored, so no snapshot holds one.
"""

from __future__ import annotations

from typing import Any

from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from openai_constructs.testing.document import dumps, normalize
from openai_constructs.testing.schema import ProviderSchemas


class TerraformSnapshotExtension(SingleFileSnapshotExtension):
    """Serializes stacks, JSON strings or dicts to stable, secret-free Terraform JSON."""

    _write_mode = WriteMode.TEXT
    file_extension = "tf.json"
    schemas: ProviderSchemas | None = None

    def serialize(self, data: Any, **_options: Any) -> str:
        """Normalize and dump; comparison and storage both use this text."""
        return dumps(normalize(data, self.schemas))


def extension_for(schemas: ProviderSchemas | None) -> type[TerraformSnapshotExtension]:
    """An extension class bound to a schema (syrupy instantiates classes itself)."""
    return type(
        "BoundTerraformSnapshotExtension", (TerraformSnapshotExtension,), {"schemas": schemas}
    )
