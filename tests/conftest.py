"""Shared fixtures: a fresh stack per test and the synthesized document as data."""

from __future__ import annotations

import json
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.json import JSONSnapshotExtension

from openai_constructs._runtime.cdk import TerraformStack, Testing
from openai_constructs.testing.document import relative_backend_path, strip_comments


def strip_metadata(document: Any) -> Any:
    """The document without what changes from machine to machine: cdktf's ``//`` metadata
    (paths, versions) and the absolute path of the default local backend's state file."""
    return relative_backend_path(strip_comments(document))


def synth(stack: TerraformStack) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(Testing.synth(stack))
    return parsed


@pytest.fixture
def stack() -> TerraformStack:
    return TerraformStack(Testing.app(), "test")


class JSONSnapshots(JSONSnapshotExtension):
    """syrupy's JSON snapshots, leaving the testing kit's ``*.tf.json`` files alone.

    Both end in ``.json``: without this, syrupy's JSON extension claims the kit's snapshot
    files, reports them unused, and fails the session.
    """

    def is_snapshot_location(self, *, location: str) -> bool:
        return not location.endswith(".tf.json") and super().is_snapshot_location(
            location=location
        )


@pytest.fixture
def json_snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(JSONSnapshots)
