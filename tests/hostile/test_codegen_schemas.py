"""The generator against hostile but valid-looking schemas.

Judged by what we did not write: a fresh Python interpreter importing every module of the
generated package (and reading back the docstrings), the file tree of ``--out`` before and
after, and the CLI's exit code and stderr (never a traceback).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from openai_constructs import codegen
from openai_constructs.errors import AttributeTypeError, CodegenError
from tests.hostile.conftest import ROOT

ADDRESS = "registry.terraform.io/acme/x"


def _schema(resources: dict[str, Any] | None = None, data: dict[str, Any] | None = None
            ) -> dict[str, Any]:
    return {"format_version": "1.0", "provider_schemas": {ADDRESS: {
        "provider": {"version": 0, "block": {"attributes": {
            "token": {"type": "string", "optional": True, "sensitive": True}}}},
        "resource_schemas": resources or {}, "data_source_schemas": data or {}}}}


def _resource(attributes: dict[str, Any], description: str = "") -> dict[str, Any]:
    return {"version": 0, "block": {"attributes": attributes, "description": description}}


NAME = {"n": {"type": "string", "optional": True}}


def _cli(tmp_path: Path, schema: dict[str, Any], out: Path) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "openai_constructs.codegen", str(path), "--out", str(out)],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=tmp_path,
    )


IMPORT_ALL = """
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
package = importlib.import_module(sys.argv[2])
docs = {}
for name in package.__all__:
    value = getattr(package, name)
    docs[name] = value.__doc__
print(json.dumps(docs))
"""


def _import_all(out: Path) -> dict[str, str]:
    """Import the package in a fresh interpreter; every listed name with its docstring."""
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, str(out.parent), out.name],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    docs: dict[str, str] = json.loads(result.stdout)
    return docs


def _tree(top: Path) -> dict[str, bytes]:
    return {str(p.relative_to(top)): p.read_bytes() for p in sorted(top.rglob("*"))
            if p.is_file()} if top.exists() else {}


# Schemas that gave a package that does not import (or one type overwriting another) with
# exit code 0: now a package that imports, or one clear refusal naming the schema path.
IMPORTS = {
    "description ends in a quote": _schema({"x_a": _resource(
        {"n": {"type": "string", "optional": True, "description": 'say "hi"'}},
        description='ends in "')}),
    "description holds NUL and controls": _schema({"x_a": _resource(
        {"n": {"type": "string", "optional": True, "description": "a\x00b\rc\u2028"}},
        description="nul \x00 here")}),
    "keyword modules": _schema({"x_import": _resource(NAME), "x_class": _resource(NAME),
                                "x_none": _resource(NAME)}),
    "hyphen in a type name": _schema({"x_a-b": _resource(NAME)}),
    "attribute id_ beside id": _schema({"x_a": _resource(
        {"id": {"type": "string", "optional": True},
         "id_": {"type": "string", "optional": True}})}),
    "provider-only parameter names": _schema({"x_a": _resource(NAME)}),
}


@pytest.mark.parametrize("case", sorted(IMPORTS))
def test_hostile_schemas_give_packages_that_import(tmp_path: Path, case: str) -> None:
    schema = IMPORTS[case]
    if case == "provider-only parameter names":  # attributes named as its own parameters
        schema["provider_schemas"][ADDRESS]["provider"]["block"]["attributes"].update({
            "source": {"type": "string", "optional": True},
            "version_constraint": {"type": "string", "optional": True},
        })
    out = tmp_path / "pkg"
    result = _cli(tmp_path, schema, out)
    assert result.returncode == 0, result.stderr
    docs = _import_all(out)
    if case == "description ends in a quote":
        assert docs["A"].rstrip().endswith('ends in "')
    if case == "description holds NUL and controls":
        assert docs["A"].rstrip().endswith("nul \x00 here")
    if case == "keyword modules":
        assert {"Import", "Class", "None_"} <= set(docs)
        assert {"import_.py", "class_.py", "none.py"} <= set(_tree(out))


REFUSED = {
    "a resource named like the provider module": (
        _schema({"x_provider": _resource(NAME)}),
        'resource_schemas["x_provider"]: maps to the module \'provider\''),
    "a resource named __init__": (
        _schema({"x___init__": _resource(NAME)}),
        'resource_schemas["x___init__"]: maps to the module \'__init__\''),
    "a resource and a data source on one module": (
        _schema({"x_data_x_a": _resource(NAME)}, {"x_a": _resource(NAME)}),
        "maps to the module 'data_x_a'"),
    "two types that differ in case only": (
        _schema({"x_ab": _resource(NAME), "x_AB": _resource(NAME)}),
        "maps to the module 'ab'"),
    "an attribute named _": (
        _schema({"x_a": _resource({"_": {"type": "string", "optional": True}})}),
        'attributes["_"]: has no Python name'),
    "a member named as another's getter": (
        _schema({"x_a": _resource({"n": {"type": "string", "optional": True},
                                   "n_input": {"type": "string", "optional": True}})}),
        "defines A.n_input twice"),
    "two nested blocks with one struct name": (
        _schema({"x_a": _resource({
            "b_c": {"optional": True, "nested_type": {"nesting_mode": "single",
                                                      "attributes": NAME}},
            "b": {"optional": True, "nested_type": {"nesting_mode": "single", "attributes": {
                "c": {"optional": True, "nested_type": {"nesting_mode": "single",
                                                        "attributes": NAME}}}}}})}),
        "maps to the name 'ABC'"),
    "a required attribute named count": (
        _schema({"x_a": _resource({"count": {"type": "number", "required": True}})}),
        "Terraform reads 'count' in this block as its own meta-argument"),
    "not the shape of a schema": (
        {"provider_schemas": {ADDRESS: {"provider": {"block": {"attributes": ["a"]}}}}},
        "not the shape of `terraform providers schema -json`"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_hostile_schemas_are_refused_clearly_and_write_nothing(tmp_path: Path, case: str
                                                               ) -> None:
    schema, message = REFUSED[case]
    out = tmp_path / "pkg"
    out.mkdir()
    (out / "keep.txt").write_text("the user's")
    before = _tree(out)
    result = _cli(tmp_path, schema, out)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("codegen: ")
    assert "schema.json" in result.stderr and message in result.stderr
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg", "schema.json"]  # no staging
    path = tmp_path / "schema.json"
    with pytest.raises(CodegenError):
        codegen.generate(path, out)


def test_meta_argument_names_are_read_only_not_dropped(tmp_path: Path) -> None:
    """``count_attribute=2`` used to be accepted and dropped (Terraform reads ``count`` in a
    resource block as the meta-argument): now no keyword takes it; it can still be read."""
    import importlib

    schema = _schema({"x_a": _resource({
        "count": {"type": "number", "optional": True},
        "lifecycle": {"type": "string", "optional": True, "computed": True},
        "node": {"type": "string", "optional": True}})})
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema))
    codegen.generate(path, tmp_path / "metapkg")
    sys.path.insert(0, str(tmp_path))
    try:
        module = importlib.import_module("metapkg.a")
    finally:
        sys.path.remove(str(tmp_path))
    from openai_constructs._runtime.cdk import TerraformStack, Testing

    stack = TerraformStack(Testing.app(), "s")
    for keyword in ("count_attribute", "lifecycle_attribute"):
        with pytest.raises(AttributeTypeError, match=f"unexpected keyword argument '{keyword}'"):
            module.A(stack, f"bad-{keyword}", **{keyword: 2})
    resource = module.A(stack, "a", node_attribute="n", count=2)
    assert module.A.count_attribute.fset is None  # read-only: a reference to the attribute
    assert isinstance(resource.count_attribute, float)
    body = json.loads(Testing.synth(stack))["resource"]["x_a"]["a"]
    assert body["node"] == "n" and body["count"] == 2


def _generate(tmp_path: Path, schema: dict[str, Any], out: Path) -> None:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema))
    codegen.generate(path, out)


def test_files_the_user_put_in_out_are_never_overwritten_or_deleted(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    out.mkdir()
    (out / "a.py").write_text("# the user's module\n")
    (out / "helpers.py").write_text("# the user's helpers\n")
    before = _tree(out)
    with pytest.raises(CodegenError, match=r"a\.py: the generator did not write this file"):
        _generate(tmp_path, _schema({"x_a": _resource(NAME)}), out)
    assert _tree(out) == before
    # Without a clash, the generation goes through and leaves the user's files alone; a type
    # removed from the schema later takes its module with it, never the user's files.
    (out / "a.py").unlink()
    _generate(tmp_path, _schema({"x_a": _resource(NAME), "x_b": _resource(NAME)}), out)
    assert (out / "helpers.py").read_text() == "# the user's helpers\n"
    _generate(tmp_path, _schema({"x_b": _resource(NAME)}), out)
    assert not (out / "a.py").exists()
    assert (out / "helpers.py").read_text() == "# the user's helpers\n"
    assert codegen.check(tmp_path / "schema.json", out) == []
    # A manifest edited to list the user's file does not get it deleted.
    manifest = json.loads((out / codegen.MANIFEST).read_text())
    manifest["files"]["helpers.py"] = "0" * 64
    (out / codegen.MANIFEST).write_text(json.dumps(manifest))
    before = _tree(out)
    with pytest.raises(CodegenError, match="changed since it was generated"):
        _generate(tmp_path, _schema({"x_b": _resource(NAME)}), out)
    assert _tree(out) == before


def test_a_failure_halfway_leaves_the_folder_as_it_was(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "pkg"
    _generate(tmp_path, _schema({"x_a": _resource(NAME), "x_b": _resource(NAME)}), out)
    (out / "notes.txt").write_text("the user's")
    before = _tree(out)
    changed = _schema({"x_a": _resource(NAME, "v2"), "x_c": _resource(NAME)})
    steps: list[str] = []

    def record(step: str) -> None:
        steps.append(step)

    monkeypatch.setattr(codegen, "_fault", record)
    _generate(tmp_path, changed, tmp_path / "probe")  # a fresh folder: every step is a place
    _generate(tmp_path, _schema({"x_a": _resource(NAME), "x_b": _resource(NAME)}),
              tmp_path / "probe2")
    steps.clear()
    monkeypatch.setattr(codegen, "_fault", None)
    # every step of the real update fails in turn: the folder is always as it was
    import shutil

    probe = tmp_path / "steps"
    shutil.copytree(out, probe)
    monkeypatch.setattr(codegen, "_fault", record)
    _generate(tmp_path, changed, probe)
    all_steps = list(steps)
    assert any(s.startswith("place") for s in all_steps)
    assert any(s.startswith("backup") for s in all_steps)
    for failing in all_steps:
        def fail(step: str, failing: str = failing) -> None:
            if step == failing:
                raise OSError(28, "No space left on device")

        monkeypatch.setattr(codegen, "_fault", fail)
        with pytest.raises(CodegenError, match="left exactly as it was"):
            _generate(tmp_path, changed, out)
        assert _tree(out) == before, failing
    monkeypatch.setattr(codegen, "_fault", None)
    _generate(tmp_path, changed, out)
    assert (out / "c.py").exists() and not (out / "b.py").exists()
    assert (out / "notes.txt").read_text() == "the user's"


@pytest.mark.parametrize("overlay", ["not json", '{"json_text_maps": [1]}'])
def test_a_bad_encodings_overlay_is_a_clear_error(tmp_path: Path, overlay: str) -> None:
    (tmp_path / "schema.json").write_text(json.dumps(_schema({"x_a": _resource(NAME)})))
    (tmp_path / "encodings.json").write_text(overlay)
    result = subprocess.run(
        [sys.executable, "-m", "openai_constructs.codegen", str(tmp_path / "schema.json"),
         "--out", str(tmp_path / "pkg"), "--encodings", str(tmp_path / "encodings.json")],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "encodings.json: not an encodings overlay" in result.stderr
    assert not (tmp_path / "pkg").exists()


def test_a_package_that_does_not_import_is_never_swapped_in(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The last line of defence: whatever the renderer got wrong that still compiles (here a
    module that fails when it runs, or a name defined twice) is caught before the folder is
    touched."""
    out = tmp_path / "pkg"
    _generate(tmp_path, _schema({"x_a": _resource(NAME)}), out)
    before = _tree(out)
    real = codegen.render_all

    def broken(model: Any, extra: str) -> dict[str, str]:
        files = real(model)
        files["a.py"] += extra
        return files

    for extra, message in (("\nraise RuntimeError('boom')\n", "does not import"),
                           ("\nclass A:\n    pass\n", "defines 'A' twice")):
        monkeypatch.setattr(codegen, "render_all", lambda model, e=extra: broken(model, e))
        with pytest.raises(CodegenError, match=message):
            _generate(tmp_path, _schema({"x_a": _resource(NAME, "v2")}), out)
        assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg", "schema.json"]
