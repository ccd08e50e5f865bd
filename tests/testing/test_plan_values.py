"""Planned values, variables and data-source fixtures, evaluated by real ``terraform plan``.

The values asserted here are computed by Terraform (through the stub provider), not by us:
interpolation, ``for`` expressions, indexing into data sources, sensitivity and unknowns.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from openai_constructs.testing import (
    ANY,
    UNKNOWN,
    DataFixtureError,
    Sensitive,
    assert_planned,
    assert_plans,
    load_schema,
)
from openai_constructs.testing.data_sources import sample_value
from openai_constructs.testing.schema import attribute_type
from openai_constructs.testing.terraform.runner import MissingPlannedValueError

Doc = dict[str, Any]
VARS = {"openai_api_key": "sk-test-not-a-secret"}
PROVIDER = {
    "required_providers": {"openai": {"source": "stainless-sdks/openai", "version": "~> 0.0.1"}}
}


def _doc(**sections: Any) -> Doc:
    return {"terraform": copy.deepcopy(PROVIDER), "provider": {"openai": [{}]}, **sections}


# -- planned values of resources and outputs ------------------------------------------------


def test_literals_references_and_unknowns(terraform_runner: Any, valid_doc: Doc) -> None:
    result = assert_plans(valid_doc, runner=terraform_runner, variables=VARS)
    helper = result.resource("openai_beta_assistant.helper")
    assert helper.action == "create"
    assert helper.values["model"] == "gpt-4o"
    assert helper.values["temperature"] == 0.2
    assert helper.values["tools"] == [
        {"type": "code_interpreter", "function": None, "file_search": None}]
    assert helper.values["id"] is UNKNOWN
    assert repr(helper.values["id"]) == "(known after apply)"
    # A reference to an attribute known only after apply is unknown too.
    chat = result.resource("openai_beta_thread.chat")
    assert chat.values["metadata"] == {"topic": UNKNOWN}
    assert result.output("assistant_id") is UNKNOWN
    assert set(result.resources) == {
        "openai_beta_assistant.helper",
        "openai_beta_thread.chat",
        "data.openai_beta_assistant.same",
    }


def test_template_text_arrives_unchanged(terraform_runner: Any) -> None:
    """An escaped ``$${customer_name}`` is literal text; a real interpolation is evaluated."""
    doc = _doc(
        variable={"who": {"type": "string"}},
        resource={
            "openai_beta_assistant": {
                "a": {"model": "gpt-4o", "instructions": "Hi $${customer_name}, I am ${var.who}."}
            }
        },
        output={"greeting": {"value": "${openai_beta_assistant.a.instructions}"}},
    )
    result = assert_planned(
        doc,
        "openai_beta_assistant.a",
        {"instructions": "Hi ${customer_name}, I am Ada."},
        variables={"who": "Ada"},
        runner=terraform_runner,
    )
    assert result.output("greeting") == "Hi ${customer_name}, I am Ada."


@pytest.mark.parametrize("count", [0, 1, 3])
def test_typed_variables_drive_instances_and_outputs(terraform_runner: Any, count: int) -> None:
    names = [f"bot-{i}" for i in range(count)]
    doc = _doc(
        variable={"names": {"type": "list(string)"}, "temperature": {"type": "number"}},
        resource={
            "openai_beta_assistant": {
                "bot": {
                    "for_each": "${toset(var.names)}",
                    "model": "gpt-4o",
                    "name": "${each.key}",
                    "temperature": "${var.temperature}",
                }
            }
        },
        output={
            "names": {"value": "${sort([for b in openai_beta_assistant.bot : b.name])}"},
            "count": {"value": "${length(var.names)}"},
        },
    )
    result = assert_plans(
        doc, runner=terraform_runner, variables={"names": names, "temperature": 0.5}
    )
    assert result.summary["add"] == count
    assert result.output("names") == names
    assert result.output("count") == count
    for name in names:
        planned = result.resource(f'openai_beta_assistant.bot["{name}"]')
        assert planned.values["name"] == name
        assert planned.values["temperature"] == 0.5


def test_sensitive_values_are_redacted_unless_asked(terraform_runner: Any) -> None:
    doc = _doc(
        variable={"secret": {"type": "string", "sensitive": True}},
        resource={
            "openai_beta_assistant": {
                "a": {"model": "gpt-4o", "metadata": {"token": "${var.secret}"}}
            },
            "openai_beta_chatkit_session": {"s": {"user": "u-1", "workflow": {"id": "wf_1"}}},
        },
        output={
            "token": {"value": "${var.secret}", "sensitive": True},
            "session_secret": {
                "value": "${openai_beta_chatkit_session.s.client_secret}",
                "sensitive": True,
            },
        },
    )
    secret = "hunter2-very-secret"
    result = assert_plans(doc, runner=terraform_runner, variables={"secret": secret})
    token = result.output("token")
    assert isinstance(token, Sensitive)
    assert repr(token) == f"<sensitive str of length {len(secret)}>"
    assert secret not in repr(result.outputs) + repr(result.resources) + str(token)
    assert token.reveal() == secret
    assert result.output("token", reveal_sensitive=True) == secret
    metadata = result.resource("openai_beta_assistant.a").values["metadata"]
    assert secret not in repr(metadata)
    revealed = result.resource("openai_beta_assistant.a", reveal_sensitive=True)
    assert revealed.values["metadata"] == {"token": secret}
    # Unknown and sensitive: unknown wins (there is nothing to show yet).
    assert result.output("session_secret") is UNKNOWN
    # assert_planned compares sensitive values and never prints them.
    assert_planned(
        doc,
        "output.token",
        secret,
        variables={"secret": secret},
        runner=terraform_runner,
    )
    with pytest.raises(AssertionError) as info:
        assert_planned(
            doc,
            "openai_beta_assistant.a",
            {"metadata": {"token": "something-else"}},
            variables={"secret": secret},
            runner=terraform_runner,
        )
    message = str(info.value)
    assert secret not in message
    assert "something-else" not in message
    assert f"found <sensitive str of length {len(secret)}>" in message


def test_assert_planned_diff_names_the_path(terraform_runner: Any, valid_doc: Doc) -> None:
    assert_planned(
        valid_doc,
        "openai_beta_assistant.helper",
        {"model": "gpt-4o", "name": ANY, "description": None, "id": UNKNOWN},
        variables=VARS,
        runner=terraform_runner,
    )
    with pytest.raises(AssertionError) as info:
        assert_planned(
            valid_doc,
            "openai_beta_assistant.helper",
            {"model": "gpt-4.1", "id": "asst_1", "tools": [{"type": "file_search"}]},
            variables=VARS,
            runner=terraform_runner,
        )
    assert str(info.value) == (
        "planned values of openai_beta_assistant.helper differ:\n"
        "  model: expected 'gpt-4.1', found 'gpt-4o'\n"
        "  id: expected 'asst_1', found (known after apply)\n"
        "  tools[0].type: expected 'file_search', found 'code_interpreter'"
    )
    with pytest.raises(AssertionError, match=r"no resource instance 'openai_beta_assistant\.nope'"):
        assert_planned(
            valid_doc, "openai_beta_assistant.nope", {}, variables=VARS, runner=terraform_runner
        )


def test_validate_results_have_no_planned_values(terraform_runner: Any, valid_doc: Doc) -> None:
    result = terraform_runner.validate(valid_doc)
    with pytest.raises(MissingPlannedValueError, match="come from a successful plan"):
        result.resource("openai_beta_assistant.helper")


# -- data sources: samples and fixtures -----------------------------------------------------


def _every_data_source() -> tuple[Doc, dict[str, list[str]]]:
    """One data source of each type, required arguments given, and an output per computed
    attribute that indexes into it (first item of every list)."""
    schemas = load_schema()
    data: Doc = {}
    outputs: Doc = {}
    expected: dict[str, list[str]] = {}
    for provider in schemas.providers.values():
        for type_name, block in provider.data_sources.items():
            body = {
                name: sample_value(attribute_type(a), name)
                for name, a in block.attributes.items()
                if a.required
            }
            data[type_name] = {"d": body}
            expected[type_name] = []
            for name, attribute in block.attributes.items():
                if not attribute.computed_only:
                    continue
                ref = f"data.{type_name}.d.{name}"
                ty = attribute_type(attribute)
                if isinstance(ty, list) and ty[0] in ("list", "set"):
                    ref = f"tolist({ref})[0]"
                outputs[f"{type_name}__{name}"] = {"value": f"${{{ref}}}"}
                expected[type_name].append(name)
    return _doc(data=data, output=outputs), expected


def test_every_data_source_reads_schema_shaped_samples(terraform_runner: Any) -> None:
    doc, expected = _every_data_source()
    schemas = load_schema()
    result = assert_plans(doc, runner=terraform_runner)
    assert len(expected) == 11
    for type_name, names in expected.items():
        block = schemas.data_source(type_name)
        assert block is not None
        planned = result.resource(f"data.{type_name}.d")
        assert planned.action == "read"
        for name in names:
            ty = attribute_type(block.attributes[name])
            value = result.output(f"{type_name}__{name}")
            assert value is not UNKNOWN and value is not None, (type_name, name)
            if isinstance(ty, list) and ty[0] in ("list", "set"):
                assert planned.values[name] == [value]
            else:
                assert planned.values[name] == value
            if ty == "string":
                assert value == f"sample-{name}"
            elif ty == "number":
                assert value == 0


def test_indexing_and_for_over_a_list_data_source_plans(terraform_runner: Any) -> None:
    """What used to fail with "Attempt to index null value"."""
    doc = _doc(
        data={"openai_beta_assistants": {"existing": {}}},
        output={
            "first_name": {"value": "${data.openai_beta_assistants.existing.items[0].name}"},
            "ids": {"value": "${[for a in data.openai_beta_assistants.existing.items : a.id]}"},
        },
    )
    result = assert_plans(doc, runner=terraform_runner)
    assert result.output("first_name") == "sample-name"
    assert result.output("ids") == ["sample-id"]


def test_fixture_is_what_the_data_source_returns(terraform_runner: Any) -> None:
    doc = _doc(
        data={"openai_beta_assistants": {"existing": {"order": "desc"}}},
        resource={
            "openai_beta_thread": {
                "t": {
                    "metadata": {"assistant": "${data.openai_beta_assistants.existing.items[1].id}"}
                }
            }
        },
        output={
            "names": {"value": "${[for a in data.openai_beta_assistants.existing.items : a.name]}"},
            "created": {"value": "${data.openai_beta_assistants.existing.items[0].created_at}"},
            "model": {"value": "${data.openai_beta_assistants.existing.items[0].model}"},
        },
    )
    fixture = {
        "data.openai_beta_assistants.existing": {
            "items": [
                {"id": "asst_1", "name": "Support", "created_at": "1700000000"},
                {"id": "asst_2", "name": "Sales"},
            ]
        }
    }
    result = assert_plans(doc, runner=terraform_runner, data=fixture)
    assert result.output("names") == ["Support", "Sales"]
    assert result.output("created") == 1700000000  # converted to the schema's number
    assert result.output("model") is None  # left out of the fixture: null
    assert_planned(
        doc,
        "openai_beta_thread.t",
        {"metadata": {"assistant": "asst_2"}},
        data=fixture,
        runner=terraform_runner,
    )
    # The argument comes back from the configuration, as a provider does.
    existing = result.resource("data.openai_beta_assistants.existing")
    assert existing.values["order"] == "desc"
    # The next check without fixtures gets samples again: nothing carries over.
    del doc["resource"]
    again = assert_plans(doc, runner=terraform_runner)
    assert again.output("names") == ["sample-name"]


def test_fixtures_tell_declarations_of_one_type_apart(terraform_runner: Any) -> None:
    doc = _doc(
        data={
            "openai_beta_assistant": {
                "support": {"assistant_id": "asst_support"},
                "sales": {"assistant_id": "asst_sales"},
                "other": {"assistant_id": "asst_other"},
            }
        },
        output={
            "support": {"value": "${data.openai_beta_assistant.support.name}"},
            "sales": {"value": "${data.openai_beta_assistant.sales.name}"},
            "other": {"value": "${data.openai_beta_assistant.other.name}"},
        },
    )
    result = assert_plans(
        doc,
        runner=terraform_runner,
        data={
            "data.openai_beta_assistant.support": {"name": "Support desk"},
            "data.openai_beta_assistant.sales": {"name": "Sales desk"},
        },
    )
    assert result.output("support") == "Support desk"
    assert result.output("sales") == "Sales desk"
    assert result.output("other") == "sample-name"  # no fixture of its own: a sample


def test_indistinguishable_declarations_with_different_fixtures_are_refused(
    terraform_runner: Any,
) -> None:
    doc = _doc(
        variable={"id": {"type": "string", "default": "asst_1"}},
        data={
            "openai_beta_assistant": {
                "a": {"assistant_id": "${var.id}"},
                "b": {"assistant_id": "${var.id}"},
            }
        },
    )
    with pytest.raises(AssertionError) as info:
        assert_plans(
            doc,
            runner=terraform_runner,
            data={
                "data.openai_beta_assistant.a": {"name": "A"},
                "data.openai_beta_assistant.b": {"name": "B"},
            },
        )
    assert "cannot tell which of data.openai_beta_assistant.a, data.openai_beta_assistant.b" in (
        str(info.value)
    )


BAD_FIXTURES = [
    (
        "unknown_key",
        {"data.openai_beta_assistants.existing": {"itemz": []}},
        "data.openai_beta_assistants.existing.itemz: unknown attribute 'itemz'; "
        "openai_beta_assistants returns: items",
    ),
    (
        "unknown_nested_key",
        {"data.openai_beta_assistants.existing": {"items": [{"nmae": "x"}]}},
        "data.openai_beta_assistants.existing.items[0].nmae: unknown attribute 'nmae'",
    ),
    (
        "wrong_type",
        {"data.openai_beta_assistants.existing": {"items": [{"created_at": "yesterday"}]}},
        "data.openai_beta_assistants.existing.items[0].created_at: expected a number, "
        "got string 'yesterday'",
    ),
    (
        "list_expected",
        {"data.openai_beta_assistants.existing": {"items": {"id": "asst_1"}}},
        "data.openai_beta_assistants.existing.items: expected a list, got an object",
    ),
    (
        "argument_not_result",
        {"data.openai_beta_assistants.existing": {"order": "asc"}},
        "'order' is an argument of openai_beta_assistants, read back from the configuration",
    ),
    (
        "undeclared_address",
        {"data.openai_beta_assistants.missing": {"items": []}},
        "data.openai_beta_assistants.missing: the stack declares no such data source; "
        "data sources present: data.openai_beta_assistants.existing",
    ),
    (
        "not_an_address",
        {"openai_beta_assistants.existing": {"items": []}},
        "a fixture key is a data source address",
    ),
]


@pytest.mark.parametrize(
    ("fixture", "message"), [pytest.param(f, m, id=i) for i, f, m in BAD_FIXTURES]
)
def test_bad_fixtures_are_refused_before_terraform_runs(
    terraform_runner: Any, fixture: Doc, message: str
) -> None:
    doc = _doc(data={"openai_beta_assistants": {"existing": {}}})
    with pytest.raises(DataFixtureError) as info:
        terraform_runner.plan(doc, data=fixture)
    assert message in str(info.value)
    assert type(info.value).__module__ == "openai_constructs.testing.data_sources"
    with pytest.raises(DataFixtureError):
        assert_plans(doc, runner=terraform_runner, data=fixture)


def test_result_reprs_hold_no_values(terraform_runner: Any, valid_doc: Doc) -> None:
    result = assert_plans(valid_doc, runner=terraform_runner, variables=VARS)
    assert "sk-test-not-a-secret" not in repr(result)
    assert "sk-test-not-a-secret" not in json.dumps(
        {a: repr(r.values) for a, r in result.resources.items()}
    )
