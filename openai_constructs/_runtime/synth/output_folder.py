"""The output folder's transaction: a staged synth replaces the files it generates, all or
none, and nothing else.

The ``App`` (``_runtime/app.py``) lets node synthesize into a private staging folder inside
the output folder (``OutputFolder.open_staging``: ``.openai-constructs/staging-*``) and, only
when the whole synth succeeded, *commits* it here (``OutputFolder.commit``):

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

Nothing here knows about stacks, node or Terraform: it moves files between two folders and
keeps the record (``generated.json``, with the SHA-256 of each file) that says which files of
the folder are ours to replace or remove.
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
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ...errors import OutputFolderError

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
