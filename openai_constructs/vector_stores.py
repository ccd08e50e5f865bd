"""``VectorStore``: a store of processed files for the file_search tool (``openai_vector_store``).

This is the standalone object of the Responses era, declared once and referred to by id
(``file_search`` tools take ``vector_store_ids``). It is not the Assistants API's inline store
``openai_constructs.values.VectorStore`` (now also named ``values.InlineVectorStore``), which an
assistant or thread created as part of itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Protocol, runtime_checkable

from ._l2.base import (
    MetadataOwner,
    declare_imported,
    metadata_value,
    new_violations,
)
from ._l2.boundary import literal_values, rendered
from ._l2.intake import Intake, _implements, check_id, items, keyword_hints
from ._l2.iteration import Iterated, iteration_of, take_iteration
from ._runtime.cdk import Construct, ITerraformIterator, TerraformCount
from ._runtime.fields import Struct
from ._runtime.terraform_types import describe
from ._runtime.tokens import is_resolvable_object, is_unresolved
from .files import IFile
from .l1.vector_store import VectorStore as L1VectorStore
from .values.tool_resources import StaticChunking

Chunking = Literal["auto"] | StaticChunking | Mapping[str, Any]
"""``"auto"`` (the API's default: 800-token chunks overlapping by 400),
``values.StaticChunking(...)`` or the provider's dict (``{"type": "static", "static": {...}}``)."""

_NAMES = {"chunking_strategy": "chunking", "expires_after.days": "expires_after_days",
          "expires_after": "expires_after_days", "file_ids": "files"}


@runtime_checkable
class IVectorStore(Protocol):
    """Anything that names a vector store: declared here or imported by id."""

    @property
    def node(self) -> Any: ...

    @property
    def vector_store_id(self) -> str:
        """The vector store's id (``vs_...``), usually a reference resolved at apply time."""
        ...


class VectorStore(MetadataOwner[L1VectorStore], Iterated):
    """A vector store (``openai_vector_store``) holding files for file search.

    Files are given as ``File`` constructs (their ids become references, so Terraform
    uploads them first) or as file ids, in the order given.
    """

    @keyword_hints("VectorStore")
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        name: str | None = None,
        description: str | None = None,
        files: Sequence[IFile | str] = (),
        chunking: Chunking | None = None,
        expires_after_days: int | None = None,
        metadata: Mapping[str, str] | None = None,
        for_each: ITerraformIterator | None = None,
        count: int | float | TerraformCount | None = None,
    ) -> None:
        """Declare a vector store.

        :param name: Display name, sent as written. Default: none.
        :param description: What the store is for, sent as written. Default: none.
        :param files: ``File`` constructs (``File``, ``File.from_path``,
            ``File.from_file_id``) or file ids (``"file-..."`` or references), in order.
            Default: an empty store.
        :param chunking: How files are split: ``"auto"``, ``StaticChunking(max_chunk_size_tokens,
            chunk_overlap_tokens)`` (100-4096 tokens, overlap at most half) or the provider's
            dict. Only applies when there are files. Default: the API's ``auto``.
        :param expires_after_days: Expire the store this many days after it was last active
            (anchor ``last_active_at``). Default: never.
        :param metadata: Up to 16 pairs; keys at most 64, values at most 512 characters. Pairs
            from ``Metadata.of`` on an enclosing scope are added.
        :param for_each: One store per entry of a ``TerraformIterator``. Default: one store.
        :param count: That many stores (``count.index`` via a ``TerraformCount``).
        """
        intake = Intake("VectorStore", scope, id)
        check_id(intake, id)
        file_ids = _file_ids(intake, files)
        metadata = metadata_value(intake, metadata)
        strategy = _chunking(intake, chunking)
        violations = new_violations()
        iteration = take_iteration(violations, for_each, count)
        expires = None
        if expires_after_days is not None:
            expires = {"anchor": "last_active_at", "days": expires_after_days}
        attributes: dict[str, Any] = {
            "name": name,
            "description": description,
            "file_ids": file_ids,
            "chunking_strategy": strategy,
            "expires_after": expires,
            "metadata": metadata,
        }
        self._file_ids = file_ids
        self._declare("VectorStore", scope, id, L1VectorStore, attributes, violations, iteration,
                      names=_NAMES)

    @property
    def vector_store_id(self) -> str:
        """The store's id (``vs_...``), a reference. A store with ``for_each``/``count`` has
        one per instance: see ``vector_store_ids``."""
        return str(self._single("id"))

    @property
    def vector_store_ids(self) -> Any:
        """Every instance's id: a map by key (``for_each``), a list (``count``)."""
        return self._every("id")

    def vector_store_id_for(self, key: Any) -> str:
        """The id of the instance ``key`` (a ``for_each`` key or a ``count`` index)."""
        return self._for(key, "id")

    @property
    def file_ids(self) -> Any:
        """The file ids given so far (``File`` constructs as references), in order (a copy);
        a reference to a whole list as it was given."""
        return list(self._file_ids) if isinstance(self._file_ids, list) else self._file_ids

    @keyword_hints("VectorStore.add_files")
    def add_files(self, *files: IFile | str) -> VectorStore:
        """Add files after those given so far (``File`` constructs or file ids); nothing
        changes when it raises. Returns the store, for chaining."""
        intake = Intake("VectorStore.add_files", self)
        if self._file_ids is not None and not isinstance(self._file_ids, list):
            intake.fail("files", "the store's files are a reference to a whole list, which "
                        "Terraform alone knows; give every file in that list instead")
        before = len(self._file_ids or [])
        added = _file_ids(intake, list(files), offset=before) or []
        self._file_ids = [*(self._file_ids or []), *added] or None
        self._resource.file_ids = literal_values(self._file_ids)
        return self

    @property
    def status(self) -> str:
        """``in_progress``, ``completed`` or ``expired``, a reference."""
        return str(self._single("status"))

    @property
    def usage_bytes(self) -> float:
        return float(self._single("usage_bytes"))

    @classmethod
    @keyword_hints("VectorStore.from_inline_store")
    def from_inline_store(
        cls,
        scope: Construct,
        id: str,
        store: Any,
        *,
        name: str | None = None,
        description: str | None = None,
        expires_after_days: int | None = None,
    ) -> VectorStore:
        """Declare, as its own object, a store the Assistants API created inline
        (``values.VectorStore``/``InlineVectorStore``, or the provider's dict of
        ``tool_resources.file_search.vector_stores[]``): the same file ids in the same order,
        the same chunking strategy and metadata."""
        from .values.tool_resources import InlineVectorStore

        intake = Intake("VectorStore.from_inline_store", scope, id)
        plain = rendered(store) if isinstance(store, InlineVectorStore) else store
        if not isinstance(plain, Mapping) or is_unresolved(plain):
            intake.fail("store", f"expects values.InlineVectorStore or its dict, got "
                        f"{describe(store)}")
        unknown = sorted(set(plain) - {"file_ids", "chunking_strategy", "metadata"})
        if unknown:
            intake.fail("store", f"unknown key {unknown[0]!r}; an inline store has file_ids, "
                        "chunking_strategy and metadata")
        return cls(scope, id, name=name, description=description,
                   files=plain.get("file_ids") or (), chunking=plain.get("chunking_strategy"),
                   expires_after_days=expires_after_days, metadata=plain.get("metadata"))

    @classmethod
    @keyword_hints("VectorStore.from_vector_store_id")
    def from_vector_store_id(
        cls, scope: Construct, id: str, vector_store_id: str
    ) -> ImportedVectorStore:
        """Refer to an existing vector store by id; nothing is created or read."""
        return ImportedVectorStore(scope, id, vector_store_id)


class ImportedVectorStore(Construct):
    """A vector store created elsewhere, known by its id. Creates no resource."""

    @keyword_hints("VectorStore.from_vector_store_id")
    def __init__(self, scope: Construct, id: str, vector_store_id: str) -> None:
        declare_imported(self, "VectorStore.from_vector_store_id", scope, id, "vector_store_id",
                         vector_store_id)
        self._vector_store_id = vector_store_id

    @property
    def vector_store_id(self) -> str:
        return self._vector_store_id


def _file_ids(intake: Intake, files: Any, offset: int = 0) -> Any:
    """The ``files`` parameter as the provider's ``file_ids``: construct ids (references)
    and strings, in order; a reference to a whole list passes."""
    values = items(intake, "files", files, "file")
    if is_unresolved(values) or not isinstance(values, list):
        return values
    out: list[Any] = []
    for index, value in enumerate(values, start=offset):
        if not isinstance(value, str) and _implements(value, IFile):
            if iteration_of(value).iterated:
                intake.fail(
                    f"files[{index}]",
                    f"{type(value).__name__} {value.node.path!r} is declared with "
                    "for_each/count and has one id per instance: pass files=<file>.file_ids "
                    "(count) or <file>.file_id_for(key) instead",
                )
            out.append(value.file_id)
        elif (isinstance(value, str) and value) or is_resolvable_object(value):
            out.append(value)
        else:
            intake.fail(
                f"files[{index}]",
                f"expects a File construct or a file id, got {describe(value)}",
            )
    return out or None


def _chunking(intake: Intake, value: Any) -> Any:
    """``chunking`` as the provider's ``chunking_strategy`` (its rules check the values)."""
    if value is None or is_unresolved(value) or isinstance(value, Struct):
        return value
    if isinstance(value, str):
        return {"type": value}
    if isinstance(value, (StaticChunking, Mapping)):
        return dict(rendered(value))
    intake.fail(
        "chunking",
        f'expects "auto", StaticChunking(...) or a dict, got {describe(value)}',
    )


__all__ = [
    "Chunking",
    "IVectorStore",
    "ImportedVectorStore",
    "VectorStore",
]
