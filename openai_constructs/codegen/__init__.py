"""Generate the L1 bindings from a provider schema; deterministic, pure Python.

``generate`` writes the folder all or nothing: it renders every file, writes them to a staging
folder beside the output, checks what it wrote (every module compiles, defines each name once
and imports, and the package index resolves every name it lists), and only then moves the
changed files into place, undoing every move if one fails. It replaces and removes only the
files it generated itself, which it lists with their SHA-256 in ``.codegen-manifest.json``:
a file of the user's in the way, or a stale generated file edited since, is refused before
anything is written. ``check`` compares without writing, which CI uses to catch hand edits and
stale output. Every refusal is a :class:`~openai_constructs.errors.CodegenError`.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import importlib.util
import json
import os
import re
import secrets
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import CodegenError
from .model import ProviderModel, load_model
from .render import GENERATED_MARKER, render_all
from .verify import problems_in

_PACKAGE = Path(__file__).resolve().parent.parent
DEFAULT_SCHEMA = _PACKAGE / "schema" / "provider-schema.json"
DEFAULT_ENCODINGS = _PACKAGE / "schema" / "encodings.json"
DEFAULT_OUT = _PACKAGE / "l1"
MANIFEST = ".codegen-manifest.json"

__all__ = ["DEFAULT_ENCODINGS", "DEFAULT_OUT", "DEFAULT_SCHEMA", "MANIFEST", "check", "generate",
           "render"]

# Tests set this to fail a commit at one of its steps; ``None`` otherwise.
_fault: Callable[[str], None] | None = None
_GENERATED_NAME = re.compile(r"[A-Za-z0-9_]+\.py\Z")


def _model(schema: Path, options: dict[str, Any]) -> ProviderModel:
    options.setdefault("encodings_path", DEFAULT_ENCODINGS)
    return load_model(Path(schema), **options)


def render(schema: Path = DEFAULT_SCHEMA, **options: Any) -> dict[str, str]:
    """File name → source, without touching the disk (the manifest not included)."""
    return render_all(_model(schema, options))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest_text(files: dict[str, str]) -> str:
    listed = {name: _sha256(source.encode("utf-8")) for name, source in sorted(files.items())}
    return json.dumps({"generator": "openai_constructs.codegen", "files": listed},
                      indent=1, sort_keys=True) + "\n"


def _previous(out: Path) -> dict[str, str] | None:
    """The files the last generation wrote, with their SHA-256 (``None``: no manifest)."""
    try:
        document = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        listed = document["files"]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # unreadable: trusted for nothing
    if not isinstance(listed, dict):
        return {}
    return {name: digest for name, digest in listed.items()
            if isinstance(name, str) and _GENERATED_NAME.match(name) and isinstance(digest, str)}


def _read(path: Path) -> bytes | None:
    """The bytes of a regular file (not a link); ``None`` if it is not one."""
    if path.is_symlink() or not path.is_file():
        return None
    return path.read_bytes()


def _marker_files(out: Path) -> set[str]:
    if not out.is_dir():
        return set()
    found = set()
    for path in out.glob("*.py"):
        data = _read(path)
        if data is not None and data.startswith(GENERATED_MARKER.encode("utf-8")):
            found.add(path.name)
    return found


def _plan(out: Path, files: dict[str, str]) -> tuple[list[str], list[str]]:
    """(files to write, generated files to remove); refuses a file that is not ours in the
    way, or a stale generated file edited since."""
    previous = _previous(out)
    write, remove = [], []
    for name, source in files.items():
        path = out / name
        if not os.path.lexists(path):
            write.append(name)
            continue
        data = _read(path)
        if data is None:
            raise CodegenError(f"{path}: is not a regular file; the generator writes a module "
                               "there; move it away (nothing was written)")
        if data == source.encode("utf-8"):
            continue
        ours = name in previous if previous is not None else data.startswith(
            GENERATED_MARKER.encode("utf-8"))
        if not ours:
            raise CodegenError(f"{path}: the generator did not write this file and would "
                               "overwrite it; move it away or choose another --out (nothing "
                               "was written)")
        write.append(name)
    for name, digest in sorted((previous or {}).items()):
        path = out / name
        if name in files or not os.path.lexists(path):
            continue
        data = _read(path)
        if data is None or _sha256(data) != digest:
            raise CodegenError(f"{path}: a generated file that the schema no longer needs, "
                               "changed since it was generated; delete or restore it (nothing "
                               "was written)")
        remove.append(name)
    return write, remove


def generate(schema: Path = DEFAULT_SCHEMA, out: Path = DEFAULT_OUT, **options: Any) -> list[str]:
    """Write the bindings of ``schema`` into ``out``, all or nothing; the file names."""
    model = _model(schema, options)
    files = render_all(model)
    out = Path(out)
    if os.path.lexists(out) and not out.is_dir():
        raise CodegenError(f"{out}: exists and is not a folder")
    write, remove = _plan(out, files)
    manifest = _manifest_text(files)
    manifest_path = out / MANIFEST
    if not os.path.lexists(manifest_path) or _read(manifest_path) != manifest.encode("utf-8"):
        if os.path.lexists(manifest_path) and _read(manifest_path) is None:
            raise CodegenError(f"{manifest_path}: is not a regular file (nothing was written)")
        write.append(MANIFEST)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.codegen-", dir=out.parent))
    except OSError as error:
        raise CodegenError(f"{out}: cannot create a staging folder beside it ({error})"
                           ) from error
    try:
        for name, source in {**files, MANIFEST: manifest}.items():
            (staging / name).write_text(source, encoding="utf-8", newline="\n")
        _verify(model, files, staging, Path(schema))
        if write or remove:
            _commit(out, staging, write, remove)
    except OSError as error:
        raise CodegenError(f"{out}: cannot write the bindings ({error}); the folder is left "
                           "exactly as it was") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return sorted(files)


def _verify(model: ProviderModel, files: dict[str, str], staging: Path, schema: Path) -> None:
    """Every module compiles and defines each name once; then the package imports."""
    owners = {f"{c.module}.py": c.where for c in model.constructs}
    owners["__init__.py"] = "the package index"
    for name, source in files.items():
        problem = problems_in(name, source)
        if problem:
            raise CodegenError(f"{schema}: {owners[name]}: the generated {name} {problem}; "
                               "nothing was written")
    package = f"_openai_constructs_codegen_check_{secrets.token_hex(6)}"
    spec = importlib.util.spec_from_file_location(
        package, staging / "__init__.py", submodule_search_locations=[str(staging)])
    assert spec is not None and spec.loader is not None
    current = "__init__.py"
    module: Any = None
    saved = sys.dont_write_bytecode
    sys.dont_write_bytecode = True
    try:
        module = importlib.util.module_from_spec(spec)
        sys.modules[package] = module
        spec.loader.exec_module(module)
        for current in sorted(files):
            if current != "__init__.py":
                importlib.import_module(f"{package}.{current[:-3]}")
        current = "__init__.py"
        for exported in module.__all__:
            getattr(module, exported)
    except Exception as error:  # the generated code, whatever it raises
        raise CodegenError(f"{schema}: {owners[current]}: the generated {current} does not "
                           f"import ({type(error).__name__}: {error}); nothing was written"
                           ) from error
    finally:
        sys.dont_write_bytecode = saved
        for loaded in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[loaded]
        module = None
        gc.collect()  # the checked classes leave the runtime's subclass lists with their modules


def _step(name: str) -> None:
    if _fault is not None:
        _fault(name)


def _commit(out: Path, staging: Path, write: list[str], remove: list[str]) -> None:
    """Move the old files aside, the new ones in; on any failure, undo every move."""
    created = not out.exists()
    out.mkdir(exist_ok=True)
    backup = Path(tempfile.mkdtemp(prefix=f".{out.name}.backup-", dir=out.parent))
    saved: list[str] = []
    placed: list[str] = []
    try:
        for name in [*write, *remove]:
            if os.path.lexists(out / name):
                os.replace(out / name, backup / name)
                saved.append(name)
                _step(f"backup {name}")
        for name in write:
            os.replace(staging / name, out / name)
            placed.append(name)
            _step(f"place {name}")
    except BaseException:
        for name in placed:
            os.remove(out / name)
        for name in saved:
            os.replace(backup / name, out / name)
        if created:
            os.rmdir(out)
        raise
    finally:
        shutil.rmtree(backup, ignore_errors=True)


def check(schema: Path = DEFAULT_SCHEMA, out: Path = DEFAULT_OUT, **options: Any) -> list[str]:
    """Describe every difference between the folder and a fresh generation (empty: none)."""
    files = render(schema, **options)
    out = Path(out)
    previous = _previous(out) or {}
    stale = (set(previous) | _marker_files(out)) - set(files)
    problems = [f"stale generated file: {out / name}" for name in sorted(stale)
                if os.path.lexists(out / name)]
    for name, source in {**files, MANIFEST: _manifest_text(files)}.items():
        path = out / name
        if not os.path.lexists(path):
            problems.append(f"missing: {path}")
        elif _read(path) != source.encode("utf-8"):
            problems.append(f"differs from the generator's output: {path}")
    return problems
