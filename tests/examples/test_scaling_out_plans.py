"""examples/scaling_out under real ``terraform plan`` (offline, stub provider): with 0, 1
and 3 entries per variable it plans, and creates exactly one assistant, thread, message and
run per locale and one ChatKit session per tenant."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from openai_constructs.testing import assert_plans

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "scaling_out"
LOCALES = {"en": "Hello!", "pt-BR": "Olá! ${not an expression}", "de": "Hallo!"}
TENANTS = {"acme": "user-acme", "globex": "user-globex", "initech": "user-initech"}
PER_LOCALE = (
    "openai_beta_assistant",
    "openai_beta_thread",
    "openai_beta_thread_message",
    "openai_beta_thread_run",
)


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    outdir = tmp_path_factory.mktemp("scaling_out")
    env = {**os.environ, "CDKTF_OUTDIR": str(outdir)}
    subprocess.run(
        [sys.executable, "main.py"], cwd=EXAMPLE, env=env, check=True, capture_output=True
    )
    parsed: dict[str, Any] = json.loads(
        (outdir / "stacks" / "scaling-out" / "cdk.tf.json").read_text()
    )
    return parsed


@pytest.mark.parametrize("entries", [0, 1, 3])
def test_plans_one_instance_per_entry(
    document: dict[str, Any], entries: int, terraform_runner: Any
) -> None:
    locales = dict(list(LOCALES.items())[:entries])
    tenants = dict(list(TENANTS.items())[:entries])
    plan = assert_plans(
        document,
        runner=terraform_runner,
        variables={"locales": locales, "tenants": tenants},
    )
    assert all(change.action == "create" for change in plan.changes)
    planned = Counter(change.resource_type for change in plan.changes)
    for resource_type in PER_LOCALE:
        assert planned[resource_type] == entries, resource_type
    assert planned["openai_beta_chatkit_session"] == entries
    assert sum(planned.values()) == 5 * entries
    run_keys = sorted(
        change.address.split("[", 1)[1]
        for change in plan.changes
        if change.resource_type == "openai_beta_thread_run"
    )
    assert run_keys == sorted(f"{json.dumps(k)}]" for k in locales)


def test_planned_values_reach_terraform_as_written(
    document: dict[str, Any], terraform_runner: Any
) -> None:
    """Per instance, Terraform evaluates the iterator's values and the escaped literals to
    exactly what was written: the planned values of the 3-entry plan."""
    plan = assert_plans(
        document, runner=terraform_runner, variables={"locales": LOCALES, "tenants": TENANTS}
    )
    for locale, greeting in LOCALES.items():
        key = json.dumps(locale)
        thread = plan.resource(f"openai_beta_thread.conversation[{key}]").values
        assert thread["messages"][0]["content"] == greeting
        assert thread["metadata"] == {"locale": locale, "managed_by": "terraform"}
        assistant = plan.resource(f"openai_beta_assistant.support[{key}]").values
        assert assistant["name"] == f"Support ({locale})"
        assert assistant["instructions"] == (
            f"Answer in the language of locale {locale}. Order numbers look like ${{order}}."
        )
        run = plan.resource(f"openai_beta_thread_run.conversation_Run1_FA20D8E7[{key}]").values
        assert run["additional_instructions"] == "Be brief."
    for tenant, user in TENANTS.items():
        session = plan.resource(
            f"openai_beta_chatkit_session.tenant_Sessions_07C073EA[{json.dumps(tenant)}]"
        ).values
        assert session["user"] == user
        assert session["workflow"]["state_variables"] == {"plan": "pro", "user": user}
