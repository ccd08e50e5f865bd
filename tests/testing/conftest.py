"""Shared pieces for the testing-kit tests: the plugin, a valid document, a session runner."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import openai_constructs.testing.pytest_plugin as kit_plugin

# Installed packages register the plugin through the pytest11 entry point; a source checkout
# does not, so register it here unless the entry point already did.
_PLUGIN_NAME = "openai_constructs.testing"


def pytest_configure(config: pytest.Config) -> None:
    if not config.pluginmanager.is_registered(kit_plugin):
        config.pluginmanager.register(kit_plugin, _PLUGIN_NAME)


VALID: dict[str, Any] = {
    "terraform": {
        "required_providers": {"openai": {"source": "stainless-sdks/openai", "version": "~> 0.0.1"}}
    },
    "variable": {"openai_api_key": {"type": "string", "sensitive": True}},
    "provider": {"openai": [{"api_key": "${var.openai_api_key}", "organization": "org-1"}]},
    "resource": {
        "openai_beta_assistant": {
            "helper": {
                "model": "gpt-4o",
                "name": "Helper",
                "temperature": 0.2,
                "metadata": {"team": "docs"},
                "tool_resources": {"code_interpreter": {"file_ids": ["file-1"]}},
                "tools": [{"type": "code_interpreter"}],
            }
        },
        "openai_beta_thread": {
            "chat": {"metadata": {"topic": "${openai_beta_assistant.helper.id}"}}
        },
    },
    "data": {"openai_beta_assistant": {"same": {"assistant_id": "asst_123"}}},
    "output": {"assistant_id": {"value": "${openai_beta_assistant.helper.id}"}},
}


@pytest.fixture
def valid_doc() -> dict[str, Any]:
    """A fresh copy of a document that passes every check."""
    return copy.deepcopy(VALID)
