"""``File``: a document uploaded to OpenAI (``openai_file``), from text or from a local path.

The provider's ``file`` attribute is a string holding the file's content (its reference:
"The File object (not file name) to be uploaded", example ``file = "Example data"``;
``schema/NOTES.md``, judgement S3). Text given in Python is sent exactly as written.
``File.from_path`` does not inline the file in the synthesized JSON: it copies it into the
stack's folder as a cdktf asset and sets ``file = file("<asset path>")``, so Terraform reads it
at plan time. Terraform strings are Unicode text, so only UTF-8 text files can be declared;
anything else, a missing file and a file over the API's 512 MB are refused at declaration
with a :class:`~openai_constructs.errors.LocalFileError`.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from typing import Any, Literal, Protocol, runtime_checkable

from ._l2.base import L2Construct, declare_imported, new_violations
from ._l2.intake import Intake, check_id, keyword_hints
from ._l2.iteration import Iterated, take_iteration
from ._runtime import cdk
from ._runtime.cdk import Construct, ITerraformIterator, TerraformCount
from ._runtime.terraform_types import describe
from ._runtime.tokens import is_unresolved
from .errors import LocalFileError
from .l1.file import File as L1File

FilePurpose = Literal["assistants", "batch", "fine-tune", "vision", "user_data", "evals"]
"""The purposes the provider's reference lists for an upload."""

MAX_FILE_BYTES = 512 * 1024 * 1024
"""The API's limit on one file (SDK ``files.create``: "Individual files can be up to 512 MB")."""

_READ_CHUNK = 1 << 20
_NAMES = {"file": "content", "expires_after.seconds": "expires_after_seconds",
          "expires_after": "expires_after_seconds"}


@runtime_checkable
class IFile(Protocol):
    """Anything that names an uploaded file: declared here or imported by id."""

    @property
    def node(self) -> Any: ...

    @property
    def file_id(self) -> str:
        """The file's id (``file-...``), usually a reference resolved at apply time."""
        ...


@dataclass(frozen=True)
class _LocalPath:
    """``File.from_path``'s source: the path as written and where it resolves."""

    written: str
    resolved: str


class File(L2Construct[L1File], Iterated):
    """A file uploaded to OpenAI (``openai_file``), e.g. a document for a vector store.

    Use ``File.from_path`` for a file on disk (Terraform reads it at plan time) and
    ``File.from_file_id`` for one uploaded elsewhere.
    """

    @keyword_hints("File")
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        content: str,
        purpose: FilePurpose,
        expires_after_seconds: int | None = None,
        for_each: ITerraformIterator | None = None,
        count: int | float | TerraformCount | None = None,
    ) -> None:
        """Declare a file from its text.

        :param content: The file's content, sent exactly as written (``${`` is not a
            Terraform expression), or a reference to text.
        :param purpose: ``assistants``, ``batch``, ``fine-tune``, ``vision``, ``user_data``
            or ``evals``; for file search in a vector store, ``assistants`` or ``user_data``.
        :param expires_after_seconds: Delete the file this many seconds after its creation,
            3600 (1 hour) to 2592000 (30 days). Default: none (the API keeps ``batch`` files
            30 days and the others until they are deleted).
        :param for_each: One file per entry of a ``TerraformIterator``. Default: one file.
        :param count: That many files (``count.index`` via a ``TerraformCount``).
        """
        self._init(scope, id, "File", content, purpose, expires_after_seconds, for_each, count)

    def _init(
        self,
        scope: Construct,
        id: str,
        owner: str,
        content: Any,
        purpose: Any,
        expires_after_seconds: Any,
        for_each: Any,
        count: Any,
    ) -> None:
        intake = Intake(owner, scope, id)
        check_id(intake, id)
        source = content if isinstance(content, _LocalPath) else None
        if source is not None:
            _check_local_file(intake, source)
        elif not isinstance(content, str) and not is_unresolved(content):
            intake.fail("content", f"expects a string (the file's text), got {describe(content)}"
                        "; for a file on disk use File.from_path")
        elif isinstance(content, str) and len(content) > MAX_FILE_BYTES // 4 and (
                len(content.encode("utf-8")) > MAX_FILE_BYTES):
            intake.fail("content", "is over the API's 512 MB per file", LocalFileError)
        violations = new_violations()
        iteration = take_iteration(violations, for_each, count)
        expires = None
        if expires_after_seconds is not None:
            expires = {"anchor": "created_at", "seconds": expires_after_seconds}
        attributes: dict[str, Any] = {
            "file": "" if source is not None else content,
            "purpose": purpose,
            "expires_after": expires,
        }
        self._source = source

        def from_disk() -> None:  # the asset Terraform reads the file from, at plan time
            assert source is not None
            asset = cdk.TerraformAsset(self, "Source", path=source.resolved,
                                       type=cdk.AssetType.FILE)
            attributes["file"] = cdk.Fn.file(asset.path)

        self._declare(owner, scope, id, L1File, attributes, violations, iteration, names=_NAMES,
                      prepare=from_disk if source is not None else None)

    # -- references ---------------------------------------------------------------------

    @property
    def local_path(self) -> str | None:
        """The path given to ``File.from_path`` as written (``None`` for text)."""
        return self._source.written if self._source is not None else None

    @property
    def file_id(self) -> str:
        """The file id (``file-...``), a reference. A file with ``for_each``/``count`` has one
        per instance: see ``file_ids``."""
        return str(self._single("id"))

    @property
    def file_ids(self) -> Any:
        """Every instance's id: a map by key (``for_each``), a list (``count``)."""
        return self._every("id")

    def file_id_for(self, key: Any) -> str:
        """The id of the instance ``key`` (a ``for_each`` key or a ``count`` index)."""
        return self._for(key, "id")

    @property
    def filename(self) -> str:
        """The name the API gave the file, a reference."""
        return str(self._single("filename"))

    @property
    def size_bytes(self) -> float:
        """The size of the file in bytes, a reference."""
        return float(self._single("bytes"))

    @property
    def created_at(self) -> float:
        return float(self._single("created_at"))

    # -- other ways in ------------------------------------------------------------------

    @classmethod
    @keyword_hints("File.from_path")
    def from_path(
        cls,
        scope: Construct,
        id: str,
        path: str | os.PathLike[str],
        *,
        purpose: FilePurpose,
        expires_after_seconds: int | None = None,
        for_each: ITerraformIterator | None = None,
        count: int | float | TerraformCount | None = None,
    ) -> File:
        """Declare a file from a UTF-8 text file on disk.

        The file is copied into the stack's output folder as a cdktf asset (content-hashed,
        as ``TerraformAsset`` does) and the resource's ``file`` is ``file("<asset path>")``:
        Terraform reads it at plan time, so the synthesized JSON stays small whatever its
        size. A relative ``path`` is resolved against the working directory (where ``cdktf
        synth`` runs the app).

        :raises LocalFileError: ``path`` is missing, not a regular file, not UTF-8 text or
            over 512 MB; nothing has been created.
        """
        intake = Intake("File.from_path", scope, id)
        # (a pathlib.Path has a resolve() method, so only strings are asked about tokens)
        if not isinstance(path, (str, os.PathLike)) or (
                isinstance(path, str) and is_unresolved(path)):
            intake.fail("path", f"expects a local path (str or pathlib.Path), got "
                        f"{describe(path)}")
        written = os.fspath(path)
        source = _LocalPath(written, os.path.abspath(written))
        file = cls.__new__(cls)
        file._init(scope, id, "File.from_path", source, purpose, expires_after_seconds,
                   for_each, count)
        return file

    @classmethod
    @keyword_hints("File.from_file_id")
    def from_file_id(cls, scope: Construct, id: str, file_id: str) -> ImportedFile:
        """Refer to a file uploaded elsewhere by its id; nothing is created or read."""
        return ImportedFile(scope, id, file_id)


class ImportedFile(Construct):
    """A file uploaded elsewhere, known by its id. Creates no resource."""

    @keyword_hints("File.from_file_id")
    def __init__(self, scope: Construct, id: str, file_id: str) -> None:
        declare_imported(self, "File.from_file_id", scope, id, "file_id", file_id)
        self._file_id = file_id

    @property
    def file_id(self) -> str:
        return self._file_id


def _check_local_file(intake: Intake, source: _LocalPath) -> None:
    """Missing, not a regular file, over 512 MB, or not UTF-8 text: refused, nothing read
    beyond the first invalid byte."""
    where = f"{source.written!r}" + (
        f" (resolved to {source.resolved!r})" if source.written != source.resolved else "")
    if not os.path.exists(source.resolved):
        intake.fail("path", f"no file at {where}", LocalFileError)
    if not os.path.isfile(source.resolved):
        intake.fail("path", f"{where} is not a regular file (a folder?); give one file",
                    LocalFileError)
    size = os.path.getsize(source.resolved)
    if size > MAX_FILE_BYTES:
        intake.fail("path", f"{where} has {size:,} bytes, over the API's 512 MB per file",
                    LocalFileError)
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    try:
        with open(source.resolved, "rb") as handle:
            while chunk := handle.read(_READ_CHUNK):
                decoder.decode(chunk)
                offset += len(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        intake.fail(
            "path",
            f"{where} is not UTF-8 text (byte {offset + error.start:,}): the provider's file "
            "attribute is a string and Terraform's file() reads text only; upload binary "
            "files outside Terraform and refer to them with File.from_file_id",
            LocalFileError,
        )
    except OSError as error:
        intake.fail("path", f"{where} cannot be read: {error.strerror}", LocalFileError)


__all__ = [
    "MAX_FILE_BYTES",
    "File",
    "FilePurpose",
    "IFile",
    "ImportedFile",
]
