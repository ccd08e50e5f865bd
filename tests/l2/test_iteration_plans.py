"""``for_each``/``count`` proven by real ``terraform plan`` (offline, stub provider): one stack
with every combination, planned with variables giving 0, 1 and 3 entries, must plan and
create exactly the expected number of instances of each declaration.

Kept in one stack and three plans on purpose: each plan costs a Terraform run.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from openai_constructs import Assistant, ChatKitSession, Metadata, Thread
from openai_constructs._l2.iteration import hcl_string
from openai_constructs._runtime.cdk import (
    Fn,
    TerraformCount,
    TerraformIterator,
    TerraformOutput,
    TerraformStack,
    TerraformVariable,
    Testing,
    Token,
)
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.patterns import AssistantWithThreads, ChatKitSessions, ThreadSpec
from openai_constructs.testing import assert_matches_schema, assert_plans

ENTRIES = {
    0: {},
    1: {"en": "Hello"},
    3: {"en": "Hello", "pt-BR": "Olá ${not} %{an} expression", "my key": "Hi \"there\""},
}


def build() -> tuple[TerraformStack, dict[str, Any]]:
    """The stack, and for each declaration the construct whose instances are counted."""
    stack = TerraformStack(Testing.app(), "scaling")
    key = TerraformVariable(stack, "openai_api_key", type="string", sensitive=True)
    OpenaiProvider(stack, "openai", api_key=key.string_value)
    greetings = TerraformVariable(stack, "greetings", type="map(string)")
    users = TerraformVariable(stack, "users", type="set(string)")
    size = TerraformVariable(stack, "size", type="number")
    existing = TerraformVariable(stack, "existing_threads", type="map(string)")
    by_locale = TerraformIterator.from_map(Token.as_string_map(greetings.value))
    by_user = TerraformIterator.from_list(Token.as_list(users.value))
    counted = TerraformCount.of(size.number_value)
    Metadata.of(stack).add("managed_by", "terraform")

    single = Assistant(stack, "Single", model="gpt-4o")
    # An assistant per locale, with the locale in its free text and tools.
    per_locale = Assistant(
        stack,
        "PerLocale",
        model="gpt-4o",
        instructions=Fn.format("Answer in %s. Never expand ${template}.", [by_locale.key]),
        tools=[
            {
                "type": "function",
                "function": {
                    "name": "lookup",
                    "description": by_locale.value,
                    # Inside a tool's JSON schema (JSON text): a reference Terraform puts
                    # in as is, so only text without JSON-special characters (the keys).
                    "parameters": {
                        "type": "object",
                        "properties": {
                            "locale": {"type": "string", "enum": [by_locale.key]},
                        },
                    },
                },
            }
        ],
        metadata={"locale": by_locale.key},
        for_each=by_locale,
    )
    # A thread per locale (seeded with the entry's value), a message and two runs per thread:
    # one by the same-iterator assistant (paired by key), one by the single assistant.
    thread = Thread(
        stack, "Thread", messages=[by_locale.value], metadata={"locale": by_locale.key},
        for_each=by_locale,
    )
    message = thread.add_message(Fn.format("Reply in %s", [by_locale.key]))
    paired = thread.run(per_locale, additional_instructions=by_locale.value)
    plain_run = thread.run(single, metadata={"greeting": by_locale.value})
    # Counted threads, a message and a run each; the run uses a fixed assistant instance
    # only when it exists (count is 0 when there are no locales).
    counted_thread = Thread(
        stack, "Counted", metadata={"index": Token.as_string(counted.index)}, count=counted
    )
    counted_message = counted_thread.add_message("hello")
    counted_run = counted_thread.run(single)
    # A thread per user from a set, a ChatKit session per user, directly and by the pattern.
    per_user = Thread(stack, "PerUser", metadata={"user": by_user.value}, for_each=by_user)
    session = ChatKitSession(
        stack, "Session", workflow_id="wf_1", user=by_user.value,
        state_variables={"user": by_user.key, "tier": "pro"}, for_each=by_user,
    )
    sessions = ChatKitSessions(
        stack, "Sessions", workflow_id="wf_1", users=users,
        state_variables_for=lambda user: {"who": user},
    )
    # Threads that copy every per-user thread: for_each over another resource.
    copies = Thread(
        stack, "Copy",
        metadata={"source": TerraformIterator.from_resources(per_user.resource).get_string("id")},
        for_each=TerraformIterator.from_resources(per_user.resource),
    )
    # Runs over threads that exist already, one per entry of a map variable.
    existing_each = TerraformIterator.from_map(Token.as_string_map(existing.value))
    imported = Thread.from_thread_id(stack, "Existing", Token.as_string(existing_each.value))
    imported_run = imported.run(single, for_each=existing_each)
    # The pattern, with its threads from the map variable, each run by its own assistant.
    desk = AssistantWithThreads(
        stack, "Desk", assistant={"model": "gpt-4o"}, threads=greetings, run_threads=True,
        each_thread=lambda each: ThreadSpec(
            messages=[each.value], metadata={"locale": each.key},
            run_options={"additional_instructions": each.key},
        ),
    )
    # A generated resource with count gets the Metadata.of pairs too.
    raw = BetaThread(stack, "Raw", count=counted)
    TerraformOutput(stack, "thread_ids", value=thread.thread_ids)
    TerraformOutput(stack, "counted_ids", value=counted_thread.thread_ids)
    TerraformOutput(stack, "secrets", value=session.client_secrets, sensitive=True)
    per_entry = {
        "per_locale": per_locale, "thread": thread, "message": message, "paired": paired,
        "plain_run": plain_run, "counted_thread": counted_thread,
        "counted_message": counted_message, "counted_run": counted_run, "per_user": per_user,
        "session": session, "sessions": sessions.iterated_session, "copies": copies,
        "imported_run": imported_run, "desk_threads": desk.iterated_thread,
        "desk_runs": desk.iterated_run, "raw": raw,
    }
    return stack, per_entry


def address(construct: Any) -> str:
    resource = getattr(construct, "resource", construct)
    return f"{resource.terraform_resource_type}.{resource.friendly_unique_id}"


def hcl_map(entries: dict[str, str]) -> str:
    """A ``-var`` value: Terraform reads it as HCL, where ``${`` and ``%{`` start templates."""
    pairs = (f"{hcl_string(k)} = {hcl_string(v)}" for k, v in entries.items())
    return "{" + ", ".join(pairs) + "}"


@pytest.fixture(scope="module")
def built() -> tuple[TerraformStack, dict[str, Any]]:
    return build()


def test_the_document_matches_the_provider_schema(
    built: tuple[TerraformStack, dict[str, Any]],
) -> None:
    assert_matches_schema(built[0])


@pytest.mark.parametrize("entries", sorted(ENTRIES))
def test_plan_creates_one_instance_per_entry(
    built: tuple[TerraformStack, dict[str, Any]], entries: int, terraform_runner: Any
) -> None:
    stack, per_entry = built
    values = ENTRIES[entries]
    ids = {k: f"thread_{i}" for i, k in enumerate(values)}
    plan = assert_plans(
        stack,
        runner=terraform_runner,
        variables={
            "openai_api_key": "sk-test",
            "greetings": hcl_map(values),
            "users": json.dumps([f"user-{k}" for k in values]),
            "size": str(entries),
            "existing_threads": hcl_map(ids),
        },
    )
    planned = Counter(change.address.split("[", 1)[0] for change in plan.changes)
    assert all(change.action == "create" for change in plan.changes)
    for name, construct in per_entry.items():
        assert planned[address(construct)] == entries, name
    # The assistants that are not iterated: always exactly one each.
    assert planned["openai_beta_assistant.Single"] == 1
    assert planned[address(per_entry["desk_threads"].node.scope.assistant)] == 1
    expected_keys = sorted(f'"{k}"' for k in values)
    thread_keys = sorted(
        change.address.split("[", 1)[1].rstrip("]")
        for change in plan.changes
        if change.address.startswith(address(per_entry["thread"]) + "[")
    )
    assert thread_keys == expected_keys
    # What Terraform evaluates per instance is the entry's text exactly, template
    # characters included, and the literal parts as written.
    for locale, greeting in values.items():
        key = json.dumps(locale)
        planned_thread = plan.resource(f"{address(per_entry['thread'])}[{key}]").values
        assert [(m["content"], m["role"]) for m in planned_thread["messages"]] == [
            (greeting, "user")
        ]
        planned_assistant = plan.resource(f"{address(per_entry['per_locale'])}[{key}]").values
        assert planned_assistant["instructions"] == (
            f"Answer in {locale}. Never expand ${{template}}."
        )
        function = planned_assistant["tools"][0]["function"]
        assert function["description"] == greeting
        assert json.loads(function["parameters"]["properties"]) == {
            "locale": {"type": "string", "enum": [locale]},
        }
