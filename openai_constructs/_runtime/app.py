"""An ``App`` whose ``synth()`` replaces the files it generates, all or none, and nothing else.

cdktf's own ``App`` writes straight into the output folder, one stack at a time: a validation
that fails in the second stack leaves the first one rewritten beside the old rest, and the
files of stacks that no longer exist stay behind (the ``cdktf`` CLI then deletes their whole
folders, Terraform state included). Everything else in the folder is the user's: Terraform's
``.terraform/`` and lock files, a local backend's ``terraform.tfstate``, saved plans, notes.

This ``App`` lets node synthesize into a private staging folder inside the output folder
(``.openai-constructs/staging-*``) and, only when the whole synth succeeded, *commits*:

1. it lists the files to place (everything staged) and the generated files to remove (those
   of the last synth, read from ``.openai-constructs/generated.json`` with the SHA-256 it
   recorded for each, or, for a folder cdktf wrote, from its ``manifest.json``, that this
   synth did not produce again; never a file changed since, nor one a hand-edited record or
   manifest names: see ``_previous``), and writes that plan to a journal (``journal.json``)
   before touching anything;
2. it moves every file it is about to replace or remove into a backup folder, then renames
   each staged file into place;
3. it writes the new record of generated files (the old one goes to the backup too), then
   reaches the commit point: one atomic rename that marks the journal committed. Then it
   removes folders that its removals left empty (never ``stacks/``, never a folder with
   anything else in it), the backup, and the journal.

Any error before the commit point restores the backups: the folder is exactly as it was. A
crash (kill, power loss) leaves the journal; the next ``App`` on that folder reads it and rolls
back (no commit point) or finishes (commit point passed), so a mix of old and new generated
files never survives into a synth. A failure while cleaning up after the commit point is an
``OutputFolderError`` naming what was left; the next synth finishes the clean-up.

Files and folders are created with the modes node gives them (``0777`` and ``0666`` minus the
umask), an output folder that is a symbolic link stays one (files go to its target), and
``app.outdir`` is the folder as given, as with cdktf's ``App``.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .._public import public
from ..errors import OutputFolderError
from . import batch, cdk, dependencies, elements, forgetting, hcl_stack, names, notices, rewrites
from .secrets import check_document

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: commits of concurrent processes unlocked
    fcntl = None  # type: ignore[assignment]

BOOKKEEPING = ".openai-constructs"
RECORD = "generated.json"
JOURNAL = "journal.json"
_VERSION = 1  # of the journal
_RECORD_VERSION = 2  # of the record: each generated file with the SHA-256 of its bytes
_RECORD_BACKUP = f"{BOOKKEEPING}/{RECORD}"  # where a commit keeps the previous record


# Tests set this to fail or snapshot the folder at every step of a commit; ``None`` otherwise.
_fault: Callable[[str], None] | None = None


def _step(name: str) -> None:
    if _fault is not None:
        _fault(name)


class _Outdir:
    """``app.outdir``: the output folder as given, as cdktf's ``App`` returns it.

    Node's own ``outdir`` is the staging folder. This is a non-data descriptor (no
    ``__set__``), which jsii does not take for an override of node's property, so node keeps
    writing into the staging folder while Python code reads the real one.
    """

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return obj._oc_outdir


def staged_app_class(base: type[Any]) -> type[Any]:
    """A subclass of the runtime's ``App`` (cdktf's or cdktn's) with all-or-nothing synth."""

    class App(base):  # type: ignore[misc]
        __doc__ = base.__doc__

        outdir = _Outdir()

        def __init__(self, *, outdir: str | None = None, **options: Any) -> None:
            target = outdir if outdir is not None else os.environ.get("CDKTF_OUTDIR")
            if target is None:
                target = "cdktf.out"
            if not isinstance(target, str) or not target:
                raise OutputFolderError(f"App: outdir must be a non-empty path, got {target!r}")
            self._oc_outdir = target
            self._oc_folder = OutputFolder(os.path.abspath(target))
            self._oc_staging = self._oc_folder.open_staging()
            weakref.finalize(self, shutil.rmtree, self._oc_staging, True)
            dependencies.install(cdk.Node)  # node.add_dependency -> depends_on at synth
            super().__init__(outdir=self._oc_staging, **options)

        def synth(self) -> None:
            staging = self._oc_staging
            _reset(staging)  # node made ``stacks/`` there at construction; a second synth needs it
            try:
                notices.drop_pending()
                dependencies.apply(self)  # node.add_dependency -> depends_on
                try:
                    super().synth()
                except RuntimeError as error:
                    raise _validation_error(error) from None
                notices.emit_pending()  # retired APIs: seen by `python main.py` too
                documents = staged_documents(self, staging)
                names.check_synthesized(self, documents, batch.paths_and_names)
                rewrites.check_documents(self, documents)
                forgetting.check_app(self, documents)
                elements.check_document_text(documents)  # lone surrogates, from anywhere
                for stack_name, document in documents.items():  # secrets: before anything
                    check_document(stack_name, document)     # is moved into place
                write_native_syntax(self, staging, documents)
                self._oc_folder.commit(staging)
            finally:
                shutil.rmtree(staging, ignore_errors=True)

    App.__name__ = App.__qualname__ = "App"
    return public(base.__module__)(App)  # what the runtime's own App says


if TYPE_CHECKING:
    # The two runtimes share one API; type-check against cdktf's stubs.
    from .cdk import RuntimeApp

    App = RuntimeApp
else:

    def __getattr__(name: str) -> Any:
        """``App``: built on the bound runtime's ``App`` on first use (binding the runtime then,
        not when this module is imported), as ``openai_constructs.cdk`` exports it."""
        if name == "App":
            app = globals()["App"] = staged_app_class(cdk.RuntimeApp)
            return app
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def staged_documents(app: Any, staging: str) -> dict[str, dict[str, Any]]:
    """The Terraform JSON document of every stack node synthesized into ``staging``, by the
    stack's name in ``manifest.json``: the checks that run before the commit read these.

    A stack written as JSON is read back from its file. One written as HCL (``hcl_output``)
    has no JSON file, so its document is asked of node (``stack.toTerraform()``, the object
    ``cdk.tf.json`` would have held).
    """
    manifest_path = os.path.join(staging, "manifest.json")
    if not os.path.exists(manifest_path):
        return {}
    with open(manifest_path, encoding="utf-8") as handle:
        manifest = json.load(handle)
    stacks: dict[str, Any] | None = None
    documents: dict[str, dict[str, Any]] = {}
    for name, entry in (manifest.get("stacks", {}) or {}).items():
        synthesized = entry.get("synthesizedStackPath")
        if not isinstance(synthesized, str):
            continue
        if synthesized.endswith(".json"):
            with open(os.path.join(staging, synthesized), encoding="utf-8") as handle:
                documents[name] = json.load(handle)
            continue
        if stacks is None:
            stacks = _stacks_by_name(app)
        documents[name] = json.loads(batch.full_document(stacks[name]))
    return documents


def write_native_syntax(app: Any, staging: str, documents: dict[str, dict[str, Any]]) -> None:
    """Write ``cdk.tf`` (and ``metadata.json``) of every stack synthesized as HCL, rendered
    from its JSON document by ``hcl_stack`` (the runtime's own writer gets cdktf's elements
    wrong, and under cdktf 0.21 ``hcl_output=True`` alone puts the JSON text in ``cdk.tf``).
    Every stack is rendered before any file is written, so a refusal leaves ``staging`` as
    node wrote it (and the commit never runs)."""
    with open(os.path.join(staging, "manifest.json"), encoding="utf-8") as handle:
        entries = (json.load(handle).get("stacks", {}) or {})
    stacks: dict[str, Any] | None = None
    known = _known_types()
    writes: list[tuple[str, str]] = []
    for name, entry in entries.items():
        synthesized = entry.get("synthesizedStackPath")
        if not isinstance(synthesized, str) or synthesized.endswith(".json"):
            continue
        if stacks is None:
            stacks = _stacks_by_name(app)
        document = documents[name]
        text = hcl_stack.render(name, document, _describer(stacks[name]), known)
        writes.append((synthesized, text))
        meta = entry.get("stackMetadataPath")
        if isinstance(meta, str):
            writes.append((meta, json.dumps(hcl_stack.metadata(document), indent=2,
                                            sort_keys=True, ensure_ascii=False) + "\n"))
    for relative, text in writes:
        with open(os.path.join(staging, relative), "w", encoding="utf-8", newline="") as out:
            out.write(text)


def _known_types() -> frozenset[tuple[str, str]]:
    """(section, type) of every generated class: their schema has attributes only."""
    from .l1 import DataSource, Provider, Resource

    known: set[tuple[str, str]] = set()
    for base, section in ((Resource, "resource"), (DataSource, "data"), (Provider, "provider")):
        pending = list(base.__subclasses__())
        while pending:
            cls = pending.pop()
            pending += cls.__subclasses__()
            kind = getattr(cls, "TF_RESOURCE_TYPE", None)
            if isinstance(kind, str):
                known.add((section, kind))
    return frozenset(known)


def _describer(stack: Any) -> hcl_stack.Describe:
    """The shape an element's own HCL descriptors give (cdktf's generated bindings say
    ``isBlock`` per attribute): how the blocks of a type this package has no schema for are
    told from attributes. Looked up only for bodies that hold an object."""
    elements: dict[str, Any] = {}

    def describe(section: str, type_name: str, body: Any) -> hcl_stack.Shape | None:
        if not elements:
            elements.update((str(c.node.path), c) for c in names.find_all(stack)
                            if isinstance(c, cdk.TerraformElement))
        if section == "provider":
            alias = body.get("alias") or None
            found = [e for e in elements.values() if isinstance(e, cdk.TerraformProvider)
                     and str(e.terraform_resource_type) == type_name
                     and (e.alias or None) == alias]
            element = found[0] if len(found) == 1 else None
        else:
            meta = body.get("//", {}).get("metadata", {}) if isinstance(body, dict) else {}
            element = elements.get(str(meta.get("path")))
        if element is None:
            return None
        try:
            fragment = element.to_hcl_terraform()
        except Exception:  # no descriptors: the caller refuses the object
            return None
        section_body = fragment.get(section, {}) if isinstance(fragment, dict) else {}
        typed = section_body.get(type_name) if isinstance(section_body, dict) else None
        if section == "provider":
            configs = typed if isinstance(typed, list) else [typed]
            return hcl_stack.shape_from_descriptors(configs[0] if configs else None)
        if isinstance(typed, dict) and len(typed) == 1:
            return hcl_stack.shape_from_descriptors(next(iter(typed.values())))
        return None

    return describe


def _stacks_by_name(app: Any) -> dict[str, Any]:
    return {str(c.node.id): c for c in names.find_all(app) if isinstance(c, cdk.TerraformStack)}


def _reset(staging: str) -> None:
    """An empty staging folder with ``stacks/``, as node's ``Manifest`` makes it once, at
    construction (the synthesizer creates only the stack folders inside).
    """
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(os.path.join(staging, "stacks"))


_VALIDATION_FAILED = "Validation failed with the following errors:"


def _validation_error(error: RuntimeError) -> Exception:
    """cdktf's own construct validations (a stack without its provider, ...) fail in node;
    the same problems as a Python ``ValidationError``, without the JavaScript trace. A name
    refusal raised inside an aspect comes back as the ``ConstructIdError`` it was."""
    from ..errors import ValidationError

    refusal = names.refusal_behind(error)  # raised in Python inside a node callback
    if refusal is not None:
        return refusal
    text = str(error)
    if _VALIDATION_FAILED not in text:
        return error
    body = text.split(_VALIDATION_FAILED, 1)[1]
    problems = [line.strip() for line in body.splitlines() if line.strip().startswith("[")]
    return ValidationError("the app (cdktf validation)", problems) if problems else error


class OutputFolder:
    """One output folder: its bookkeeping, the commit of a staged synth and the recovery."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.meta = os.path.join(root, BOOKKEEPING)

    def open_staging(self) -> str:
        """Create the folder (as cdktf's ``App`` does), recover an interrupted commit, and
        return a new, private staging folder inside it.
        """
        if os.path.lexists(self.root) and not os.path.isdir(self.root):
            raise OutputFolderError(f"output folder {self.root!r} exists and is not a folder")
        try:
            os.makedirs(os.path.join(self.root, "stacks"), exist_ok=True)
            os.makedirs(self.meta, exist_ok=True)
        except OSError as error:
            raise OutputFolderError(f"cannot create the output folder {self.root!r}: {error}"
                                    ) from error
        with self._locked():
            recover(self.root)
            _drop_dead_staging(self.meta)
        return tempfile.mkdtemp(prefix=f"staging-{os.getpid()}-", dir=self.meta)

    def commit(self, staging: str) -> None:
        with self._locked():
            recover(self.root)
            _commit(self.root, staging)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Serialise commits and recoveries of processes sharing the folder."""
        os.makedirs(self.meta, exist_ok=True)
        handle = os.open(os.path.join(self.meta, "lock"), os.O_RDWR | os.O_CREAT, 0o666)
        try:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        finally:
            os.close(handle)


# ---------------------------------------------------------------------------------------
# The commit
# ---------------------------------------------------------------------------------------


def _commit(root: str, staging: str) -> None:
    meta = os.path.join(root, BOOKKEEPING)
    files, dirs = _walk(staging)
    place = sorted(files)
    placed = set(place)
    old = _previous(root) | _asset_files(root, dirs)
    remove = sorted(rel for rel in old - placed if os.path.lexists(_join(root, rel)))
    _check_targets(root, place, dirs)
    hashes = {rel: _digest(_join(staging, rel), rel) for rel in place}
    existing = sorted(rel for rel in place + remove if os.path.lexists(_join(root, rel)))
    created = sorted({d for rel in place for d in _parents(rel)} | set(dirs),
                     key=lambda d: (d.count("/"), d))
    created = [d for d in created if not os.path.isdir(_join(root, d))]
    token = secrets.token_hex(8)
    journal: dict[str, Any] = {
        "version": _VERSION,
        "token": token,
        "backup": f"backup-{token}",
        "place": place,
        "remove": remove,
        "existing": existing,
        "created_dirs": created,
        "dirs": sorted(dirs),
        "had_record": os.path.lexists(os.path.join(meta, RECORD)),
        "staging": os.path.basename(staging),
        "committed": False,
    }
    for rel in place:  # node does not sync what it writes; a power loss must not lose it
        _fsync_file(_join(staging, rel))
    _write_atomic(os.path.join(meta, JOURNAL), journal)
    backup = os.path.join(meta, journal["backup"])
    try:
        _step("journal")
        touched: set[str] = set()
        for d in created:
            os.mkdir(_join(root, d))
            touched.add(os.path.dirname(_join(root, d)))
            _step(f"mkdir {d}")
        for rel in existing:
            saved = _join(backup, rel)
            os.makedirs(os.path.dirname(saved), exist_ok=True)
            _move(_join(root, rel), saved)
            touched.add(os.path.dirname(_join(root, rel)))
            _step(f"backup {rel}")
        for rel in place:
            _move(_join(staging, rel), _join(root, rel))
            _step(f"place {rel}")
        for folder in sorted(touched):
            _fsync_dir(folder)
        record = os.path.join(meta, RECORD)
        if journal["had_record"]:
            os.makedirs(os.path.join(backup, BOOKKEEPING), exist_ok=True)
            os.replace(record, _join(backup, _RECORD_BACKUP))
            _step("backup record")
        _write_atomic(record, {"version": _RECORD_VERSION, "files": hashes})
        _step("record")
        _write_atomic(os.path.join(meta, JOURNAL), {**journal, "committed": True})  # the point
    except BaseException as error:
        try:
            _rollback(root, journal)
        except BaseException as second:
            raise OutputFolderError(
                f"synth could not update {root!r} ({_describe(error)}) nor restore it "
                f"({_describe(second)}); the previous files are kept in "
                f"{os.path.join(BOOKKEEPING, journal['backup'])!r} and the next synth into "
                "this folder restores them"
            ) from error
        if isinstance(error, OSError):
            raise OutputFolderError(
                f"synth could not update {root!r}: {_describe(error)}; the folder is left "
                "exactly as it was"
            ) from error
        raise
    try:
        _step("commit")
    except BaseException as error:
        raise _cleanup_error(root, journal, error) from error
    _finish(root, journal)


def _finish(root: str, journal: dict[str, Any]) -> None:
    """After the commit point: prune folders emptied by removals, drop backup and journal."""
    meta = os.path.join(root, BOOKKEEPING)
    try:
        keep = set(journal["dirs"])
        for rel in journal["remove"]:
            for d in _parents(rel):  # deepest first
                path = _join(root, d)
                if d in keep or d == "stacks" or os.path.islink(path):
                    break
                if not os.path.isdir(path):
                    continue  # pruned already, for an earlier removal
                if os.listdir(path):
                    break
                os.rmdir(path)
                _step(f"prune {d}")
        for name in (journal["backup"], journal["staging"]):
            if os.path.lexists(os.path.join(meta, name)):
                shutil.rmtree(os.path.join(meta, name))
        _step("drop backup")
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.path.join(meta, JOURNAL))
        _step("drop journal")
    except BaseException as error:
        raise _cleanup_error(root, journal, error) from error


def _cleanup_error(root: str, journal: dict[str, Any], error: BaseException) -> OutputFolderError:
    left = [os.path.join(BOOKKEEPING, name) for name in (journal["backup"], JOURNAL)
            if os.path.lexists(os.path.join(root, BOOKKEEPING, name))]
    return OutputFolderError(
        f"synth updated {root!r}, but cleaning up failed ({_describe(error)}); left behind: "
        f"{', '.join(left) or 'folders emptied by removed stacks'}; the next synth into this "
        "folder finishes the clean-up"
    )


def _rollback(root: str, journal: dict[str, Any]) -> None:
    """Undo a commit that did not reach its commit point; safe to run again after a crash."""
    meta = os.path.join(root, BOOKKEEPING)
    backup = os.path.join(meta, journal["backup"])
    existing = set(journal["existing"])
    for rel in journal["place"]:
        if rel not in existing and os.path.lexists(_join(root, rel)):
            os.remove(_join(root, rel))  # a new file that was placed
    for rel in journal["existing"]:
        saved = _join(backup, rel)
        if os.path.lexists(saved):
            _move(saved, _join(root, rel))
    record = os.path.join(meta, RECORD)
    saved = _join(backup, _RECORD_BACKUP)
    if os.path.lexists(saved):
        os.replace(saved, record)
    elif not journal["had_record"] and os.path.lexists(record):
        os.remove(record)
    for d in reversed(journal["created_dirs"]):
        try:
            os.rmdir(_join(root, d))
        except OSError as error:  # gone already, or something else was put in it: keep it
            if error.errno not in (errno.ENOENT, errno.ENOTEMPTY, errno.EEXIST):
                raise
    for name in (journal["backup"], journal["staging"]):
        if os.path.lexists(os.path.join(meta, name)):
            shutil.rmtree(os.path.join(meta, name))
    os.remove(os.path.join(meta, JOURNAL))


def recover(root: str) -> None:
    """Finish or undo a commit that a crash interrupted in the folder ``root`` (if any)."""
    meta = os.path.join(root, BOOKKEEPING)
    for name in (JOURNAL, RECORD):
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.path.join(meta, name + ".tmp"))  # never renamed: nothing started
    path = os.path.join(meta, JOURNAL)
    try:
        with open(path, encoding="utf-8") as handle:
            journal = json.load(handle)
    except FileNotFoundError:
        return
    except (OSError, ValueError) as error:
        raise OutputFolderError(
            f"{path!r} records an interrupted synth but cannot be read ({error}); restore the "
            f"files from {os.path.join(meta, 'backup-*')!r} by hand and delete it"
        ) from error
    if journal.get("committed") is True:
        _finish(root, journal)
    else:
        _rollback(root, journal)


# ---------------------------------------------------------------------------------------
# What was generated
# ---------------------------------------------------------------------------------------


def _previous(root: str) -> set[str]:
    """The generated files of the last synth that may be removed: those our record lists
    whose bytes are still the ones it recorded; a folder without such a record (cdktf wrote
    it, or an older version of ours) offers only the files that carry cdktf's own stamp at
    cdktf's own places. Neither the record nor ``manifest.json`` is trusted as it stands:
    either can be edited by hand, and a path in them must never get a user's file deleted.
    """
    meta = os.path.join(root, BOOKKEEPING)
    record = _read_record(meta)
    if record is not None and record.get("version") == _RECORD_VERSION:
        files = record.get("files")
        if not isinstance(files, dict):
            return set()
        return {rel for rel, digest in files.items()
                if _safe(rel) and isinstance(digest, str) and _unchanged(root, rel, digest)}
    if record is not None and isinstance(record.get("files"), list):
        listed = record["files"]  # version 1: paths without hashes
        return {rel for rel in listed if _safe(rel) and _stamped(root, rel)}
    try:
        with open(os.path.join(root, "manifest.json"), encoding="utf-8") as handle:
            manifest = json.load(handle)
        stacks = manifest["stacks"]
        found = {"manifest.json"} if isinstance(stacks, dict) else set()
        for stack in stacks.values():
            for key in ("synthesizedStackPath", "stackMetadataPath"):
                rel = stack.get(key)
                if isinstance(rel, str) and _safe(rel) and _stamped(root, rel):
                    found.add(rel)
        return found
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        return set()


def _sha256(path: str) -> str:
    """The SHA-256 of a file's bytes (of a symbolic link's target text: never followed)."""
    digest = hashlib.sha256()
    if os.path.islink(path):
        return "link:" + hashlib.sha256(os.fsencode(os.readlink(path))).hexdigest()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _digest(path: str, rel: str) -> str:
    """What the record keeps of a file: the SHA-256 of its bytes, or for native syntax
    (``.tf``) of its text with the layout outside string literals left out (``hcl:``).

    ``cdktf synth --hcl`` runs ``terraform fmt`` on the ``cdk.tf`` the App wrote, which only
    moves white space between tokens: the file is still the one generated, and the next
    synth must be able to replace or remove it. Anything else changed in it, a string's
    text included, makes it the user's.
    """
    if rel.endswith(".tf") and not os.path.islink(path):
        with open(path, "rb") as handle:
            return "hcl:" + hashlib.sha256(_without_layout(handle.read())).hexdigest()
    return _sha256(path)


def _without_layout(text: bytes) -> bytes:
    """``text`` (HCL) without the white space outside quoted strings; inside a string, a
    ``${``/``%{`` sequence is an expression again (its own strings nested), to its ``}``."""
    out = bytearray()
    stack: list[int] = []  # per open expression: its brace depth (0 means: in a string)
    in_string = False
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if in_string:
            if c == 0x5C:  # backslash: the escape and the character after it
                out += text[i:i + 2]
                i += 2
                continue
            if text.startswith((b"$${", b"%%{"), i):
                out += text[i:i + 3]
                i += 3
                continue
            if text.startswith((b"${", b"%{"), i):
                out += text[i:i + 2]
                stack.append(1)
                in_string = False
                i += 2
                continue
            out.append(c)
            if c == 0x22:  # closing quote
                in_string = False
            i += 1
            continue
        if c in b" \t\r\n":
            i += 1
            continue
        out.append(c)
        if c == 0x22:
            in_string = True
        elif stack and c == 0x7B:
            stack[-1] += 1
        elif stack and c == 0x7D:
            stack[-1] -= 1
            if stack[-1] == 0:
                stack.pop()
                in_string = True  # back in the string the expression stood in
        i += 1
    return bytes(out)


def _unchanged(root: str, rel: str, digest: str) -> bool:
    """``rel`` is a regular file whose bytes have the recorded SHA-256 (a file replaced by a
    link, a folder or anything edited since is the user's now)."""
    path = _join(root, rel)
    try:
        if not os.path.islink(path) and not os.path.isfile(path):
            return False
        return _digest(path, rel) == digest
    except OSError:
        return False


_CDKTF_FILES = ("cdk.tf.json", "cdk.tf")


def _stamped(root: str, rel: str) -> bool:
    """A stack file at cdktf's place (``stacks/<name>/cdk.tf.json`` or ``cdk.tf``) whose JSON
    carries cdktf's stamp for that stack (``"//": {"metadata": {"stackName": <name>}}``)."""
    parts = rel.split("/")
    if len(parts) != 3 or parts[0] != "stacks" or parts[2] not in _CDKTF_FILES:
        return False
    path = _join(root, rel)
    try:
        if os.path.islink(path) or not os.path.isfile(path):
            return False
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        return bool(document["//"]["metadata"]["stackName"] == parts[1])
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _asset_files(root: str, staged_dirs: Iterable[str]) -> set[str]:
    """Files in the folders of assets synthesized again: cdktf's ``TerraformAsset`` empties
    ``stacks/<stack>/assets/<asset>/`` before copying, so everything in it is generated.
    """
    found: set[str] = set()
    for d in staged_dirs:
        parts = d.split("/")
        if len(parts) == 4 and parts[0] == "stacks" and parts[2] == "assets":
            files, _dirs = _walk(_join(root, d)) if os.path.isdir(_join(root, d)) else ((), ())
            found.update(f"{d}/{rel}" for rel in files)
    return found


def _read_record(meta: str) -> dict[str, Any] | None:
    try:
        with open(os.path.join(meta, RECORD), encoding="utf-8") as handle:
            record = json.load(handle)
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _safe(rel: Any) -> bool:
    """A relative path inside the folder and outside the bookkeeping (a record or manifest
    edited by hand must not make synth delete anything else).
    """
    if not isinstance(rel, str) or not rel or rel.startswith("/") or "\\" in rel:
        return False
    parts = rel.split("/")
    return all(p not in ("", ".", "..") for p in parts) and parts[0] != BOOKKEEPING


def _check_targets(root: str, place: Iterable[str], dirs: Iterable[str]) -> None:
    """Refuse, before anything moves, a target that a file cannot replace."""
    for rel in place:
        target = _join(root, rel)
        if os.path.isdir(target) and not os.path.islink(target):
            raise OutputFolderError(
                f"synth cannot write {target!r}: a folder is in the way; the folder is left "
                "exactly as it was"
            )
        for d in _parents(rel):
            path = _join(root, d)
            if os.path.lexists(path) and not os.path.isdir(path):
                raise OutputFolderError(
                    f"synth cannot write {target!r}: {path!r} is not a folder; the folder is "
                    "left exactly as it was"
                )
    for d in dirs:
        path = _join(root, d)
        if os.path.lexists(path) and not os.path.isdir(path):
            raise OutputFolderError(
                f"synth cannot create the folder {path!r}: a file is in the way; the folder "
                "is left exactly as it was"
            )


# ---------------------------------------------------------------------------------------
# Small file-system helpers
# ---------------------------------------------------------------------------------------


def _join(root: str, rel: str) -> str:
    return os.path.join(root, *rel.split("/"))


def _parents(rel: str) -> list[str]:
    """``a/b/c`` -> ``["a/b", "a"]`` (deepest first)."""
    parts = rel.split("/")[:-1]
    return ["/".join(parts[:i]) for i in range(len(parts), 0, -1)]


def _walk(top: str) -> tuple[list[str], list[str]]:
    """Files (anything not a folder) and folders under ``top``, as relative POSIX paths."""
    files: list[str] = []
    dirs: list[str] = []
    for current, subdirs, entries in os.walk(top):
        rel = os.path.relpath(current, top)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        dirs.extend(prefix + d for d in subdirs)
        files.extend(prefix + n for n in entries)
    return files, dirs


def _move(source: str, target: str) -> None:
    """Rename ``source`` onto ``target`` atomically; across file systems (a stack folder that
    is a symbolic link to another disk), copy next to the target, rename, then delete the
    source (a crash in between leaves two equal copies, which recovery handles alike).
    """
    try:
        os.replace(source, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        temporary = f"{target}.{secrets.token_hex(4)}.tmp"
        shutil.copy2(source, temporary, follow_symlinks=False)
        os.replace(temporary, target)
        os.remove(source)


def _write_atomic(path: str, data: dict[str, Any]) -> None:
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    _fsync_dir(os.path.dirname(path))


def _fsync_file(path: str) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: str) -> None:
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory handles
        return
    try:
        os.fsync(handle)
    except OSError:  # pragma: no cover - file systems that refuse to sync a directory
        pass
    finally:
        os.close(handle)


def _drop_dead_staging(meta: str) -> None:
    """Remove staging folders of processes that no longer run (a crash mid-synth)."""
    for name in os.listdir(meta):
        if not name.startswith("staging-"):
            continue
        pid = name.split("-")[1]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(os.path.join(meta, name), ignore_errors=True)
        except OSError:
            pass


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"
