"""The output folder after ``App.synth()``, compared with the runtime's own ``App``.

Differential: the same folder is prepared twice, the same app is synthesized once with the
runtime's plain ``App`` (cdktf's or cdktn's) and once with ours, and the two trees (every
file's bytes and mode, every folder's mode, every symbolic link) must be equal except for the
intended differences, which each test names:

* ours keeps its bookkeeping in ``.openai-constructs/`` (``generated.json``, ``lock``);
* ours removes the generated files of stacks that no longer exist (and the folders that this
  leaves empty), where the plain ``App`` leaves them (and the cdktf CLI deletes the whole
  stack folder, Terraform state included);
* ours removes generated files that this synth no longer writes (``cdk.tf.json`` after a
  switch to HCL output).

Then the commit is failed, and the folder copied as a crash would leave it, at every step.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsii
import pytest
from constructs import IValidation

from openai_constructs._runtime import cdk
from openai_constructs._runtime.synth import output_folder
from openai_constructs.cdk import App, OutputFolderError
from openai_constructs.l1.beta_assistant import BetaAssistant
from openai_constructs.l1.provider import OpenaiProvider

ROOT = Path(__file__).resolve().parents[2]
BOOK = output_folder.BOOKKEEPING

Entry = tuple[Any, ...]


def tree(top: Path) -> dict[str, Entry]:
    """Everything under ``top``, without following symbolic links: path -> what it is."""
    found: dict[str, Entry] = {}
    for current, dirs, files in os.walk(top):
        for name in dirs + files:
            path = Path(current) / name
            rel = str(path.relative_to(top))
            info = path.lstat()
            mode = stat.S_IMODE(info.st_mode)
            if stat.S_ISLNK(info.st_mode):
                found[rel] = ("link", os.readlink(path))
            elif stat.S_ISDIR(info.st_mode):
                found[rel] = ("dir", oct(mode))
            else:
                found[rel] = ("file", oct(mode), path.read_bytes())
    return found


def plain_app(**options: Any) -> Any:
    return sys.modules[cdk.runtime_name()].App(**options)


def our_app(**options: Any) -> Any:
    return App(**options)


def declare(app: Any, stacks: tuple[str, ...], version: str) -> None:
    for name in stacks:
        stack = cdk.TerraformStack(app, name)
        OpenaiProvider(stack, "openai")
        BetaAssistant(stack, "helper", model="gpt-4o", name=f"{name} {version}")


def synth(make: Callable[..., Any], outdir: Path | str, stacks: tuple[str, ...],
          version: str = "v1", **options: Any) -> Any:
    app = make(outdir=str(outdir), **options)
    declare(app, stacks, version)
    app.synth()
    return app


USER_FILES = {
    # what Terraform, a local backend and the user keep next to the generated files
    "stacks/first/.terraform.lock.hcl": b"# lock\n",
    "stacks/first/.terraform/providers/registry/openai/bin": b"\x7fELF binary",
    "stacks/first/terraform.tfstate": b'{"version": 4, "serial": 7}',
    "stacks/first/terraform.tfstate.backup": b'{"version": 4, "serial": 6}',
    "stacks/second/plan.out": b"PK\x03\x04 saved plan",
    "stacks/notes.md": b"notes about the stacks\n",
    "README.txt": b"the user's file at the top\n",
}


def add_user_files(outdir: Path) -> None:
    for rel, data in USER_FILES.items():
        path = outdir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (outdir / "stacks/first/.terraform/providers/registry/openai/bin").chmod(0o755)
    (outdir / "stacks/first/terraform.tfstate").chmod(0o600)


def without_bookkeeping(found: dict[str, Entry]) -> dict[str, Entry]:
    return {rel: entry for rel, entry in found.items() if not rel.startswith(BOOK)}


def without_live_staging(found: dict[str, Entry]) -> dict[str, Entry]:
    """Without the staging folder of an App that is alive (removed at its first synth)."""
    return {rel: entry for rel, entry in found.items()
            if not rel.startswith(f"{BOOK}/staging-{os.getpid()}-")}


def check_bookkeeping(found: dict[str, Entry]) -> None:
    """After a synth, ours holds its record and lock, nothing else (no staging, backup, or
    journal left behind).
    """
    ours = sorted(rel for rel in found if rel.startswith(BOOK))
    assert ours == [BOOK, f"{BOOK}/generated.json", f"{BOOK}/lock"]


def both(tmp_path: Path, prepare: Callable[[Path, Callable[..., Any]], None],
         stacks: tuple[str, ...], **options: Any) -> tuple[dict[str, Entry], dict[str, Entry]]:
    """Prepare a folder for each App, synthesize ``stacks`` into it, return both trees."""
    trees = []
    for label, make in (("plain", plain_app), ("ours", our_app)):
        outdir = tmp_path / label / "cdktf.out"
        outdir.parent.mkdir()
        prepare(outdir, make)
        synth(make, outdir, stacks, "v2", **options)
        trees.append(tree(outdir))
    plain, ours = trees
    check_bookkeeping(ours)
    return plain, without_bookkeeping(ours)


def test_a_fresh_folder_is_what_the_plain_app_writes(tmp_path: Path) -> None:
    plain, ours = both(tmp_path, lambda outdir, make: None, ("first", "second"))
    assert ours == plain
    assert set(plain) == {"manifest.json", "stacks", "stacks/first", "stacks/first/cdk.tf.json",
                          "stacks/second", "stacks/second/cdk.tf.json"}
    assert (tmp_path / "ours" / "cdktf.out").stat().st_mode & 0o777 == 0o755
    assert ours["stacks/first"] == ("dir", "0o755")
    assert ours["stacks/first/cdk.tf.json"][1] == "0o644"


def test_everything_else_in_the_folder_survives_byte_for_byte(tmp_path: Path) -> None:
    def prepare(outdir: Path, make: Callable[..., Any]) -> None:
        synth(make, outdir, ("first", "second"))
        add_user_files(outdir)

    plain, ours = both(tmp_path, prepare, ("first", "second"))
    assert ours == plain
    for rel, data in USER_FILES.items():
        assert ours[rel][2] == data
    assert ours["stacks/first/terraform.tfstate"][1] == "0o600"
    assert b"v2" in ours["stacks/first/cdk.tf.json"][2]  # and the generated files did change


def test_only_the_generated_files_of_removed_stacks_go(tmp_path: Path) -> None:
    def prepare(outdir: Path, make: Callable[..., Any]) -> None:
        synth(make, outdir, ("first", "second", "stateful", "gone"))
        add_user_files(outdir)
        (outdir / "stacks/stateful/terraform.tfstate").write_bytes(b"state of a removed stack")

    plain, ours = both(tmp_path, prepare, ("first", "second"))
    removed = {"stacks/stateful/cdk.tf.json", "stacks/gone", "stacks/gone/cdk.tf.json"}
    assert removed <= set(plain)  # the plain App leaves them
    assert ours == {rel: entry for rel, entry in plain.items() if rel not in removed}
    assert ours["stacks/stateful/terraform.tfstate"][2] == b"state of a removed stack"


def test_a_folder_the_plain_app_wrote_is_taken_over(tmp_path: Path) -> None:
    """The first synth of ours into a folder cdktf wrote reads cdktf's ``manifest.json`` to
    know which files it generated.
    """
    def prepare(outdir: Path, make: Callable[..., Any]) -> None:
        synth(plain_app, outdir, ("first", "gone"))
        add_user_files(outdir)

    plain, ours = both(tmp_path, prepare, ("first",))
    removed = {"stacks/gone", "stacks/gone/cdk.tf.json"}
    assert removed <= set(plain)
    assert ours == {rel: entry for rel, entry in plain.items() if rel not in removed}


def test_a_symlinked_output_folder_stays_a_link(tmp_path: Path) -> None:
    def prepare(outdir: Path, make: Callable[..., Any]) -> None:
        target = outdir.parent / "real-output"
        target.mkdir()
        outdir.symlink_to(target, target_is_directory=True)
        synth(make, outdir, ("first", "gone"))
        add_user_files(outdir)

    both(tmp_path, prepare, ("first",))  # also checks our bookkeeping, through the link
    for label in ("plain", "ours"):
        assert os.readlink(tmp_path / label / "cdktf.out") == str(tmp_path / label / "real-output")
    plain = tree(tmp_path / "plain" / "real-output")
    ours = without_bookkeeping(tree(tmp_path / "ours" / "real-output"))
    removed = {"stacks/gone", "stacks/gone/cdk.tf.json"}
    assert removed <= set(plain)
    assert ours == {rel: entry for rel, entry in plain.items() if rel not in removed}
    assert ours["stacks/first/terraform.tfstate"][2] == USER_FILES["stacks/first/terraform.tfstate"]


def test_the_modes_of_an_existing_folder_are_kept(tmp_path: Path) -> None:
    def prepare(outdir: Path, make: Callable[..., Any]) -> None:
        outdir.mkdir(mode=0o700)
        outdir.chmod(0o700)
        (outdir / "stacks").mkdir()
        (outdir / "stacks").chmod(0o750)

    plain, ours = both(tmp_path, prepare, ("first",))
    assert ours == plain
    assert ours["stacks"] == ("dir", "0o750")
    assert (tmp_path / "ours/cdktf.out").stat().st_mode & 0o777 == 0o700


def test_hcl_output_and_switching_to_it(tmp_path: Path) -> None:
    def prepare(outdir: Path, make: Callable[..., Any]) -> None:
        synth(make, outdir, ("first",))  # JSON first
        add_user_files(outdir)

    plain, ours = both(tmp_path, prepare, ("first",), hcl_output=True)
    assert "stacks/first/cdk.tf" in ours
    # no longer generated: ours removes it (Terraform would read both files), plain keeps it
    assert "stacks/first/cdk.tf.json" in plain
    # Under cdktf 0.21 the plain App writes the JSON text into `cdk.tf`; ours writes native
    # syntax there, and `metadata.json` beside it (tests/runtime/test_hcl_app.py plans it).
    written = ("stacks/first/cdk.tf", "stacks/first/metadata.json")
    assert {rel: entry for rel, entry in ours.items() if rel not in written} == {
        rel: entry for rel, entry in plain.items()
        if rel not in ("stacks/first/cdk.tf.json", *written)}
    kind, mode, text = ours["stacks/first/cdk.tf"]
    assert (kind, mode) == plain["stacks/first/cdk.tf"][:2]
    assert text.startswith(b"terraform {\n")
    assert ours["stacks/first/metadata.json"][:2] == (kind, mode)


def test_assets_are_replaced_as_the_plain_app_replaces_them(tmp_path: Path) -> None:
    runtime = sys.modules[cdk.runtime_name()]
    source = tmp_path / "asset-source"
    (source / "sub").mkdir(parents=True)
    (source / "sub" / "prompt.txt").write_text("v1")

    def declare_asset(app: Any, name: str) -> None:
        stack = cdk.TerraformStack(app, "first")
        OpenaiProvider(stack, "openai")
        runtime.TerraformAsset(stack, name, path=str(source), type=runtime.AssetType.DIRECTORY)

    trees = []
    for label, make in (("plain", plain_app), ("ours", our_app)):
        outdir = tmp_path / label / "cdktf.out"
        outdir.parent.mkdir()
        (source / "sub" / "prompt.txt").write_text("v1")
        (source / "old.txt").write_text("dropped in v2")
        app = make(outdir=str(outdir))
        declare_asset(app, "prompts")
        app.synth()
        (source / "old.txt").unlink()
        (source / "sub" / "prompt.txt").write_text("v2")
        app = make(outdir=str(outdir))
        declare_asset(app, "prompts")
        app.synth()
        trees.append(tree(outdir))
    plain, ours = trees
    check_bookkeeping(ours)
    assert without_bookkeeping(ours) == plain
    assets = [rel for rel in plain if "/assets/" in rel]
    assert any(rel.endswith("sub/prompt.txt") for rel in assets)
    assert not any(rel.endswith("old.txt") for rel in assets)


@pytest.mark.parametrize("source", ["argument", "environment"])
def test_outdir_is_what_the_plain_app_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           source: str) -> None:
    folder = str(tmp_path / "out")
    if source == "environment":
        monkeypatch.setenv("CDKTF_OUTDIR", folder)
        options = {}
    else:
        monkeypatch.setenv("CDKTF_OUTDIR", str(tmp_path / "not-this-one"))
        options = {"outdir": folder}
    ours = our_app(**options)
    assert ours.outdir == folder
    if options:  # node reads its own environment, fixed when the process started
        assert plain_app(**options).outdir == folder
    declare(ours, ("first",), "v1")
    ours.synth()
    assert (Path(ours.outdir) / "stacks/first/cdk.tf.json").is_file()


def test_a_relative_outdir_is_returned_as_given(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """As given, like cdktf's; resolved against Python's working folder when the App is
    created (node's working folder is the one the process started in).
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CDKTF_OUTDIR", raising=False)
    ours = our_app(outdir="relative.out")
    assert ours.outdir == "relative.out"
    assert our_app().outdir == "cdktf.out"
    declare(ours, ("first",), "v1")
    ours.synth()
    assert (tmp_path / "relative.out/stacks/first/cdk.tf.json").is_file()


@jsii.implements(IValidation)
class Refuse:
    def validate(self) -> list[str]:
        return ["refused on purpose"]


def test_a_failing_synth_changes_nothing(tmp_path: Path) -> None:
    outdir = tmp_path / "cdktf.out"
    synth(our_app, outdir, ("first", "second"))
    add_user_files(outdir)
    before = tree(outdir)
    app = our_app(outdir=str(outdir))
    declare(app, ("first", "second", "third"), "v2")
    app.node.find_child("third").node.add_validation(Refuse())
    with pytest.raises(Exception, match="refused on purpose"):
        app.synth()
    assert tree(outdir) == before


# ---------------------------------------------------------------------------------------
# Failing at every step of the commit
# ---------------------------------------------------------------------------------------


def prepare_for_faults(outdir: Path) -> None:
    """A folder where the next synth mkdirs, replaces, adds and removes files."""
    synth(our_app, outdir, ("first", "second", "gone"))
    add_user_files(outdir)


def synth_for_faults(outdir: Path) -> None:
    synth(our_app, outdir, ("first", "second", "new"), "v2")


@pytest.fixture
def fault(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Callable[[str], None]]]:
    hooks: list[Callable[[str], None]] = []

    def run(step: str) -> None:
        for hook in hooks:
            hook(step)

    monkeypatch.setattr(output_folder, "_fault", run)
    yield hooks


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The trees before and after the synth, and every step of its commit, in order."""
    outdir = tmp_path_factory.mktemp("expected") / "cdktf.out"
    prepare_for_faults(outdir)
    before = tree(outdir)
    steps: list[str] = []
    output_folder._fault = steps.append
    try:
        synth_for_faults(outdir)
    finally:
        output_folder._fault = None
    return {"before": before, "after": tree(outdir), "steps": steps}


def test_the_commit_has_every_kind_of_step(expected: dict[str, Any]) -> None:
    kinds = [step.split(" ")[0] for step in expected["steps"]]
    assert kinds[0] == "journal"
    for kind in ("mkdir", "backup", "place", "record", "commit", "prune", "drop"):
        assert kind in kinds
    assert "backup record" in expected["steps"]
    assert expected["steps"].index("commit") > max(
        i for i, kind in enumerate(kinds) if kind in ("mkdir", "backup", "place", "record"))
    assert expected["before"] != expected["after"]
    assert "stacks/gone" not in expected["after"] and "stacks/new" in expected["after"]


def test_a_failure_at_any_step_before_the_commit_point_restores_the_folder(
    tmp_path: Path, expected: dict[str, Any], fault: list[Callable[[str], None]]
) -> None:
    steps: list[str] = expected["steps"]
    for index, target in enumerate(steps[: steps.index("commit")]):
        outdir = tmp_path / f"run{index}" / "cdktf.out"
        prepare_for_faults(outdir)
        assert tree(outdir) == expected["before"]

        def fail(step: str, target: str = target) -> None:
            if step == target:
                raise KeyboardInterrupt(f"injected at {step}")

        fault[:] = [fail]
        with pytest.raises(KeyboardInterrupt, match="injected"):
            synth_for_faults(outdir)
        fault[:] = []
        assert tree(outdir) == expected["before"], f"failed at {target!r}"


def test_a_failure_while_cleaning_up_is_an_error_and_the_next_app_finishes(
    tmp_path: Path, expected: dict[str, Any], fault: list[Callable[[str], None]]
) -> None:
    steps: list[str] = expected["steps"]
    for index, target in enumerate(steps[steps.index("commit"):-1]):
        outdir = tmp_path / f"run{index}" / "cdktf.out"
        prepare_for_faults(outdir)

        def fail(step: str, target: str = target) -> None:
            if step == target:
                raise OSError(f"injected at {step}")

        fault[:] = [fail]
        with pytest.raises(OutputFolderError, match="cleaning up failed") as caught:
            synth_for_faults(outdir)
        fault[:] = []
        assert "the next synth into this folder finishes the clean-up" in str(caught.value)
        assert f"{BOOK}/journal.json" in str(caught.value)
        after = tree(outdir)
        files = {rel: e for rel, e in without_bookkeeping(after).items() if e[0] != "dir"}
        assert files == {rel: e for rel, e in without_bookkeeping(expected["after"]).items()
                         if e[0] != "dir"}, "the new files are in place"
        our_app(outdir=str(outdir))  # the next App recovers
        assert without_live_staging(tree(outdir)) == expected["after"], f"failed at {target!r}"


def test_a_crash_at_any_step_is_recovered_to_old_or_new(
    tmp_path: Path, expected: dict[str, Any], fault: list[Callable[[str], None]]
) -> None:
    """The folder as a crash at each step leaves it (copied while the commit runs) comes back
    exactly as it was before (no commit point yet) or as the synth leaves it (after).
    """
    outdir = tmp_path / "live" / "cdktf.out"
    prepare_for_faults(outdir)
    copies: list[tuple[str, Path]] = []

    def snapshot(step: str) -> None:
        copy = tmp_path / f"crash{len(copies)}" / "cdktf.out"
        shutil.copytree(outdir, copy, symlinks=True)
        copies.append((step, copy))

    fault[:] = [snapshot]
    synth_for_faults(outdir)
    fault[:] = []
    steps: list[str] = expected["steps"]
    assert [step for step, _copy in copies] == steps
    mixed = 0
    for step, copy in copies:
        crashed = without_bookkeeping(tree(copy))
        if crashed not in (without_bookkeeping(expected["before"]),
                           without_bookkeeping(expected["after"])):
            mixed += 1
        output_folder.recover(str(copy))
        want = expected["before"] if steps.index(step) < steps.index("commit") else expected[
            "after"]
        assert tree(copy) == want, f"crash at {step!r}"
    assert mixed > 0  # the copies did catch the commit half-way


CRASH = '''
import os, sys
sys.path.insert(0, {root!r})
from tests.runtime.test_app_outdir import synth_for_faults
from openai_constructs._runtime.synth import output_folder
from pathlib import Path

def crash(step):
    if step == sys.argv[2]:
        os._exit(17)

output_folder._fault = crash
synth_for_faults(Path(sys.argv[1]))
'''


@pytest.mark.parametrize("at", ["place stacks/first/cdk.tf.json", "drop backup"])
def test_a_killed_process_is_recovered_by_the_next_app(
    tmp_path: Path, expected: dict[str, Any], at: str
) -> None:
    outdir = tmp_path / "cdktf.out"
    prepare_for_faults(outdir)
    script = tmp_path / "crash.py"
    script.write_text(CRASH.format(root=str(ROOT)), encoding="utf-8")
    result = subprocess.run([sys.executable, str(script), str(outdir), at], capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode == 17, result.stderr
    assert (outdir / BOOK / "journal.json").exists()
    our_app(outdir=str(outdir))
    want = expected["before"] if at.startswith("place") else expected["after"]
    assert without_live_staging(tree(outdir)) == want


def test_a_file_that_cannot_be_removed_fails_the_synth_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outdir = tmp_path / "cdktf.out"
    prepare_for_faults(outdir)
    before = tree(outdir)
    real = os.replace

    def refuse(source: Any, target: Any) -> None:
        if str(source).endswith("gone/cdk.tf.json") and BOOK in str(target):
            raise PermissionError(13, "Permission denied", str(source))
        real(source, target)

    monkeypatch.setattr(output_folder.os, "replace", refuse)
    with pytest.raises(OutputFolderError, match="left exactly as it was") as caught:
        synth_for_faults(outdir)
    assert "Permission denied" in str(caught.value)
    monkeypatch.undo()
    assert tree(outdir) == before


def test_a_folder_in_the_way_is_refused_before_anything_moves(tmp_path: Path) -> None:
    outdir = tmp_path / "cdktf.out"
    prepare_for_faults(outdir)
    (outdir / "stacks/new/cdk.tf.json").mkdir(parents=True)
    before = tree(outdir)
    with pytest.raises(OutputFolderError, match="a folder is in the way"):
        synth_for_faults(outdir)
    assert tree(outdir) == before
