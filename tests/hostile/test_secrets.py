"""Secrets stay out of documents, snapshots and plain outputs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from openai_constructs import (
    AttributeTypeError,
    ChatKitSessions,
    LiteralSecret,
    SensitiveValueError,
)
from openai_constructs._runtime.cdk import TerraformOutput, TerraformStack, TerraformVariable
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.testing import REDACTED, normalize
from openai_constructs.testing.document import to_document
from tests.hostile.conftest import ROOT, ExampleRun

SECRETS = ("api_key", "admin_api_key", "webhook_secret")
# An OpenAI key: sk-, an optional project/service prefix, then 16+ key characters.
OPENAI_KEY = re.compile(rb"(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{16,}")
FAKE_KEY = "sk-proj-" + "A1b2C3d4E5f6G7h8I9j0" * 2


def test_the_key_pattern_finds_keys() -> None:
    """The scanner itself: it must see real-looking keys and not ordinary words."""
    assert OPENAI_KEY.search(FAKE_KEY.encode())
    assert OPENAI_KEY.search(b'"api_key": "sk-0123456789abcdefXYZ"')
    assert not OPENAI_KEY.search(b"task-queue sk-short risk-management-policy")


def test_provider_keys_default_to_the_environment(stack: TerraformStack) -> None:
    """Unset, the provider reads OPENAI_API_KEY & co. when Terraform runs: none in the file."""
    OpenaiProvider(stack, "openai")
    (config,) = to_document(stack)["provider"]["openai"]
    assert not set(SECRETS) & set(config)


@pytest.mark.parametrize("attribute", SECRETS)
def test_a_literal_secret_is_refused_with_the_sensitive_variable_way(
    stack: TerraformStack, attribute: str
) -> None:
    with pytest.raises(SensitiveValueError) as caught:
        OpenaiProvider(stack, "openai", **{attribute: FAKE_KEY})
    message = str(caught.value)
    assert message.startswith(f"OpenaiProvider 'test/openai': {attribute}: is sensitive and "
                              "refuses a literal value")
    assert "TerraformVariable(..., sensitive=True).string_value" in message
    assert "LiteralSecret(value)" in message
    assert f"(got str of {len(FAKE_KEY)} characters)" in message
    assert FAKE_KEY not in message and FAKE_KEY[:12] not in repr(caught.value)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (FAKE_KEY.encode(), "got bytes of 48 bytes"),
        ([FAKE_KEY], "got list of 1 item"),
        ({"key": FAKE_KEY}, "got dict of 1 item"),
        (42, "got int"),
    ],
    ids=["bytes", "one-item list", "dict", "number"],
)
def test_a_wrongly_typed_secret_is_described_by_type_and_size_only(
    stack: TerraformStack, value: Any, shown: str
) -> None:
    """``api_key=key_path.read_bytes()`` must not print the key it was given."""
    with pytest.raises(AttributeTypeError) as caught:
        OpenaiProvider(stack, "openai", api_key=value)
    message = str(caught.value)
    assert message == (
        f"OpenaiProvider 'test/openai': api_key: is sensitive: expects a string, {shown}"
    )
    assert "A1b2C3" not in message and "A1b2C3" not in repr(caught.value)
    assert stack.node.try_find_child("openai") is None


def test_the_explicit_opt_in_writes_it_and_snapshots_redact_it(stack: TerraformStack) -> None:
    OpenaiProvider(stack, "openai", api_key=LiteralSecret(FAKE_KEY))
    assert repr(LiteralSecret(FAKE_KEY)) == "LiteralSecret('***')"
    assert to_document(stack)["provider"]["openai"][0]["api_key"] == FAKE_KEY
    snapshot = json.dumps(normalize(stack, _schemas()))
    assert FAKE_KEY not in snapshot and REDACTED in snapshot


def test_sensitive_variables_wire_the_key_and_snapshots_keep_the_wiring(
    stack: TerraformStack,
) -> None:
    key = TerraformVariable(stack, "openai_api_key", type="string", sensitive=True,
                            default=FAKE_KEY)
    OpenaiProvider(stack, "openai", api_key=key.string_value)
    snapshot = normalize(stack, _schemas())
    assert snapshot["provider"]["openai"][0]["api_key"] == "${var.openai_api_key}"
    assert snapshot["variable"]["openai_api_key"]["default"] == REDACTED


def _schemas() -> Any:
    from openai_constructs.testing import default_schema

    return default_schema()


def _sensitive_outputs_problems(doc: dict[str, Any]) -> list[str]:
    """Outputs that carry a client secret, a key or a sensitive variable but are not sensitive."""
    sensitive_vars = {n for n, v in doc.get("variable", {}).items() if v.get("sensitive")}
    carriers = [r"\.client_secret\b", r"\bprovider\.openai\b",
                *(rf"\bvar\.{re.escape(n)}\b" for n in sensitive_vars)]
    problems = []
    for name, output in doc.get("output", {}).items():
        text = json.dumps(output.get("value"))
        if any(re.search(c, text) for c in carriers) and output.get("sensitive") is not True:
            problems.append(f"output {name!r} = {text} is not sensitive")
    return problems


def test_patterns_emit_client_secrets_only_as_sensitive_outputs(stack: TerraformStack) -> None:
    ChatKitSessions(stack, "chat", workflow_id="wf_1", users=["alice", "bob"])
    doc = to_document(stack)
    assert any("client_secret" in json.dumps(o) for o in doc.get("output", {}).values())
    assert _sensitive_outputs_problems(doc) == []


def test_the_output_check_catches_a_plain_client_secret(stack: TerraformStack) -> None:
    """The check above can fail: a plain output of a client secret is reported."""
    from openai_constructs import ChatKitSession
    from openai_constructs.cdk import Testing

    session = ChatKitSession(stack, "s", workflow_id="wf_1", user="u")
    TerraformOutput(stack, "leak", value=session.client_secret)
    assert _sensitive_outputs_problems(json.loads(Testing.synth(stack))) != []
    with pytest.raises(SensitiveValueError):  # and the kit refuses it, as App.synth() does
        to_document(stack)


def test_examples_write_no_key_and_output_secrets_only_as_sensitive(
    example_runs: list[ExampleRun],
) -> None:
    """Every file every example writes: no OpenAI key, and no plain secret-bearing output."""
    problems = []
    for run in example_runs:
        for name, data in run.files().items():
            for match in OPENAI_KEY.finditer(data):
                problems.append(f"{run.example}/{name}: {match.group()[:8]!r}...")
            if name.endswith("cdk.tf.json"):
                doc = json.loads(data)
                problems += [f"{run.example}: {p}" for p in _sensitive_outputs_problems(doc)]
    assert not problems, "\n".join(problems)


def test_committed_snapshots_hold_no_key() -> None:
    snapshots = [p for p in ROOT.glob("tests/**/__snapshots__/**/*") if p.is_file()]
    assert snapshots, "no snapshot files found: the scan would prove nothing"
    leaks = [str(p.relative_to(ROOT)) for p in snapshots if OPENAI_KEY.search(p.read_bytes())]
    assert leaks == []


def test_examples_sources_hold_no_key() -> None:
    sources = list(Path(ROOT / "examples").rglob("*.py"))
    assert [str(p) for p in sources if OPENAI_KEY.search(p.read_bytes())] == []


# -- constants through indirection, and outputs of secrets: refused when the app synthesizes --


def _app_synth(tmp_path: Path, build: Any) -> Path:
    from openai_constructs.cdk import App

    out = tmp_path / "cdktf.out"
    app = App(outdir=str(out))
    build(TerraformStack(app, "s"))
    app.synth()
    return out


def _runtime_class(name: str) -> Any:
    """A class of the CDK runtime the package is bound to (cdktf or cdktn): a cdktf element
    inside a cdktn stack would fail at synth."""
    import importlib

    from openai_constructs.cdk import runtime_name

    return getattr(importlib.import_module(runtime_name()), name)


def _written(out: Path) -> list[str]:
    """The files a refused synth left in the output folder: none (the App's own
    bookkeeping folder, which holds no document, aside)."""
    return sorted(
        str(p.relative_to(out))
        for p in out.rglob("*")
        if p.is_file() and ".openai-constructs" not in p.relative_to(out).parts
    )


# A key never wrapped in LiteralSecret in this process: the opt-in is recognised by its text.
PLAIN_KEY = "sk-proj-" + "Z9y8X7w6V5u4T3s2R1q0" * 2


def _through_a_local(s: TerraformStack) -> None:
    TerraformLocal = _runtime_class("TerraformLocal")

    OpenaiProvider(s, "p", api_key=TerraformLocal(s, "k", PLAIN_KEY).as_string)


def _through_fn_join(s: TerraformStack) -> None:
    from openai_constructs.cdk import Fn

    OpenaiProvider(s, "p", api_key=Fn.join("", [PLAIN_KEY[:10], PLAIN_KEY[10:]]))


def _through_two_locals(s: TerraformStack) -> None:
    TerraformLocal = _runtime_class("TerraformLocal")

    inner = TerraformLocal(s, "inner", PLAIN_KEY)
    OpenaiProvider(s, "p", admin_api_key=TerraformLocal(s, "outer", inner.as_string).as_string)


@pytest.mark.parametrize(
    ("build", "attribute"),
    [(_through_a_local, "api_key"), (_through_fn_join, "api_key"),
     (_through_two_locals, "admin_api_key")],
    ids=["local", "Fn.join", "local of a local"],
)
def test_a_constant_secret_through_indirection_is_refused_before_anything_is_written(
    tmp_path: Path, build: Any, attribute: str
) -> None:
    with pytest.raises(SensitiveValueError) as caught:
        _app_synth(tmp_path, build)
    message = str(caught.value)
    assert message.startswith(
        f"OpenaiProvider 's/p': {attribute}: is sensitive and its value is a constant "
        "(through locals or function calls, no reference)"
    )
    assert "LiteralSecret(value)" in message and "sensitive=True).string_value" in message
    assert PLAIN_KEY[:12] not in message
    assert _written(tmp_path / "cdktf.out") == []
    leaked = [p for p in tmp_path.rglob("*") if p.is_file() and OPENAI_KEY.search(p.read_bytes())]
    assert leaked == []


def test_the_provider_is_named_by_its_construct_path_among_several(tmp_path: Path) -> None:
    """Two configurations of the provider, the second with an alias inside a construct: the
    message names the one with the constant secret by its class and construct path."""
    from openai_constructs.cdk import Construct

    TerraformLocal = _runtime_class("TerraformLocal")

    def build(s: TerraformStack) -> None:
        key = TerraformVariable(s, "key", type="string", sensitive=True)
        OpenaiProvider(s, "openai", api_key=key.string_value)
        OpenaiProvider(Construct(s, "eu"), "openai", alias="eu",
                       api_key=TerraformLocal(s, "k", PLAIN_KEY).as_string)

    with pytest.raises(SensitiveValueError) as caught:
        _app_synth(tmp_path, build)
    assert str(caught.value).startswith(
        "OpenaiProvider 's/eu/openai': api_key: is sensitive and its value is a constant"
    )
    assert "\n" not in str(caught.value) and PLAIN_KEY[:12] not in str(caught.value)


def test_a_provider_configuration_of_unknown_origin_is_named_by_its_place(
    tmp_path: Path,
) -> None:
    """A configuration no ``OpenaiProvider`` wrote (cdktf's own provider class, raw
    overrides): no construct path fits it, so it is named by its place in the document, even
    though another app of the process has a provider whose configuration reads the same."""
    from openai_constructs.cdk import TerraformProvider

    TerraformLocal = _runtime_class("TerraformLocal")
    with pytest.raises(SensitiveValueError, match=r"^OpenaiProvider 's/p': api_key"):
        _app_synth(tmp_path / "lookalike", _through_a_local)

    def build(s: TerraformStack) -> None:
        raw = TerraformProvider(s, "raw", terraform_resource_type="openai")
        raw.add_override("api_key", TerraformLocal(s, "k", PLAIN_KEY).as_string)

    with pytest.raises(SensitiveValueError) as caught:
        _app_synth(tmp_path, build)
    assert str(caught.value).startswith(
        "s/provider openai[0]: api_key: is sensitive and its value is a constant"
    )


def test_indirection_to_a_variable_or_a_literal_secret_is_accepted(tmp_path: Path) -> None:
    TerraformLocal = _runtime_class("TerraformLocal")

    def build(s: TerraformStack) -> None:
        key = TerraformVariable(s, "key", type="string", sensitive=True)
        OpenaiProvider(s, "p", api_key=TerraformLocal(s, "k", key.string_value).as_string,
                       webhook_secret=TerraformLocal(s, "w", LiteralSecret(FAKE_KEY)).as_string)

    out = _app_synth(tmp_path, build)
    document = json.loads((out / "stacks" / "s" / "cdk.tf.json").read_text())
    assert document["provider"]["openai"][0]["api_key"] == "${local.k}"
    assert document["locals"] == {"k": "${var.key}", "w": FAKE_KEY}  # the explicit opt-in


def _client_secret_output(s: TerraformStack, **options: Any) -> None:
    from openai_constructs import ChatKitSession

    OpenaiProvider(s, "p")
    session = ChatKitSession(s, "c", workflow_id="wf_1", user="u")
    TerraformOutput(s, "secret", value={"nested": [session.client_secret]}, **options)


def _sensitive_variable_output(s: TerraformStack, **options: Any) -> None:
    key = TerraformVariable(s, "key", type="string", sensitive=True)
    TerraformOutput(s, "secret", value=f"prefix-{key.string_value}", **options)


def _literal_secret_output(s: TerraformStack, **options: Any) -> None:
    TerraformOutput(s, "secret", value=LiteralSecret(FAKE_KEY), **options)


@pytest.mark.parametrize(
    ("build", "found"),
    [(_client_secret_output, "openai_beta_chatkit_session.c.client_secret"),
     (_sensitive_variable_output, "var.key"),
     (_literal_secret_output, "a LiteralSecret")],
    ids=["client_secret", "sensitive variable", "LiteralSecret"],
)
def test_an_output_of_a_secret_needs_sensitive_true(
    tmp_path: Path, build: Any, found: str
) -> None:
    with pytest.raises(SensitiveValueError) as caught:
        _app_synth(tmp_path, build)
    assert str(caught.value) == (
        f"TerraformOutput 's/secret' (output 'secret'): value: references a sensitive value "
        f"({found}) but the output is not sensitive; Terraform refuses to plan it and would "
        "print it: pass sensitive=True to the TerraformOutput"
    )
    assert _written(tmp_path / "cdktf.out") == []
    out = _app_synth(tmp_path / "fixed", lambda s: build(s, sensitive=True))
    document = json.loads((out / "stacks" / "s" / "cdk.tf.json").read_text())
    assert document["output"]["secret"]["sensitive"] is True
