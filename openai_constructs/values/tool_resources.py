"""``tool_resources``: the files and vector stores an assistant's or thread's tools can use."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypedDict, TypeVar

from .._l2.intake import hinted
from .._runtime.tokens import is_unresolved
from ..errors import AttributeTypeError
from ..validation import check_value
from ._common import copy_json, freeze_mapping, freeze_strings, frozen_items

__all__ = [
    "ChunkingStrategy",
    "CodeInterpreterResources",
    "FileSearchResources",
    "InlineVectorStore",
    "StaticChunking",
    "ToolResources",
    "ToolResourcesParam",
    "VectorStore",
]


class StaticChunkingParam(TypedDict):
    max_chunk_size_tokens: int
    chunk_overlap_tokens: int


class _ChunkingStrategyRequired(TypedDict):
    type: Literal["auto", "static"]


class ChunkingStrategyParam(_ChunkingStrategyRequired, total=False):
    static: StaticChunkingParam


@dataclass(frozen=True)
class StaticChunking:
    """Fixed-size chunks: ``max_chunk_size_tokens`` from 100 to 4096 (the API's auto strategy
    uses 800) overlapping by ``chunk_overlap_tokens``, at most half the size (auto: 400)."""

    max_chunk_size_tokens: int = 800
    chunk_overlap_tokens: int = 400

    def __post_init__(self) -> None:
        check_value("StaticChunking", [
            ("vector_stores.chunking_strategy.static", "static", self.render()),
        ])

    def render(self) -> ChunkingStrategyParam:
        return {"type": "static", "static": {
            "max_chunk_size_tokens": self.max_chunk_size_tokens,
            "chunk_overlap_tokens": self.chunk_overlap_tokens,
        }}


ChunkingStrategy = Literal["auto"] | StaticChunking
"""``"auto"`` (the API's default) or :class:`StaticChunking`."""


class VectorStoreParam(TypedDict, total=False):
    chunking_strategy: ChunkingStrategyParam
    file_ids: list[str]
    metadata: dict[str, str]


class CodeInterpreterResourcesParam(TypedDict, total=False):
    file_ids: list[str]


class FileSearchResourcesParam(TypedDict, total=False):
    vector_store_ids: list[str]
    vector_stores: list[VectorStoreParam]


class ToolResourcesParam(TypedDict, total=False):
    code_interpreter: CodeInterpreterResourcesParam
    file_search: FileSearchResourcesParam


@hinted
@dataclass(frozen=True)
class VectorStore:
    """A vector store the Assistants API creates from ``file_ids`` as part of an assistant or
    thread (``tool_resources.file_search.vector_stores``), also named ``InlineVectorStore``.

    Not the standalone ``openai_vector_store`` object of the Responses era: that is the
    construct ``openai_constructs.VectorStore`` (``openai_constructs.vector_stores``).
    """

    file_ids: Sequence[str] | None = None
    metadata: Mapping[str, str] | None = None
    chunking_strategy: ChunkingStrategy | None = None
    """``"auto"`` (the API's default when left out) or :class:`StaticChunking`."""

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "file_ids", freeze_strings(self.file_ids, "file_ids", "VectorStore")
        )
        object.__setattr__(self, "metadata", freeze_mapping(self.metadata))
        check_value("VectorStore", [
            ("vector_stores.file_ids", "file_ids", self.file_ids),
            ("vector_stores.chunking_strategy", "chunking_strategy",
             None if isinstance(self.chunking_strategy, StaticChunking)
             else self.chunking_strategy),
            ("metadata.size", "metadata", self.metadata),
            ("metadata.key_length", "metadata", self.metadata),
            ("metadata.value_length", "metadata", self.metadata),
        ])

    def render(self) -> VectorStoreParam:
        out: VectorStoreParam = {}
        if isinstance(self.chunking_strategy, StaticChunking):
            out["chunking_strategy"] = self.chunking_strategy.render()
        elif self.chunking_strategy is not None:
            out["chunking_strategy"] = {"type": self.chunking_strategy}
        if self.file_ids is not None:
            out["file_ids"] = copy_json(self.file_ids)
        if self.metadata is not None:
            out["metadata"] = copy_json(self.metadata)
        return out


InlineVectorStore = VectorStore
"""The unambiguous name of :class:`VectorStore` (the Assistants API's inline store);
``values.VectorStore`` keeps working."""


@hinted
@dataclass(frozen=True)
class CodeInterpreterResources:
    """Files the code interpreter can read (at most 20)."""

    file_ids: Sequence[str] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "file_ids", freeze_strings(self.file_ids, "file_ids", "CodeInterpreterResources")
        )
        check_value("CodeInterpreterResources", [
            ("tool_resources.code_interpreter.file_ids", "file_ids", self.file_ids),
        ])

    def render(self) -> CodeInterpreterResourcesParam:
        out: CodeInterpreterResourcesParam = {}
        if self.file_ids is not None:
            out["file_ids"] = copy_json(self.file_ids)
        return out


@hinted
@dataclass(frozen=True)
class FileSearchResources:
    """An existing vector store by id, or one to create from files (the API allows one)."""

    vector_store_ids: Sequence[str] | None = None
    vector_stores: Sequence[VectorStore] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "vector_store_ids",
            freeze_strings(self.vector_store_ids, "vector_store_ids", "FileSearchResources"),
        )
        if self.vector_stores is not None and not is_unresolved(self.vector_stores):
            object.__setattr__(
                self,
                "vector_stores",
                frozen_items(self.vector_stores, "vector_stores", "FileSearchResources",
                             "VectorStore"),
            )
        check_value("FileSearchResources", [
            ("tool_resources.file_search.vector_store_ids", "vector_store_ids",
             self.vector_store_ids),
            ("tool_resources.file_search.vector_stores", "vector_stores", self.vector_stores),
        ])

    def render(self) -> FileSearchResourcesParam:
        out: FileSearchResourcesParam = {}
        if self.vector_store_ids is not None:
            out["vector_store_ids"] = copy_json(self.vector_store_ids)
        if self.vector_stores is not None:
            out["vector_stores"] = [store.render() for store in self.vector_stores]
        return out



@hinted
@dataclass(frozen=True)
class ToolResources:
    """The ``tool_resources`` attribute of an assistant or a thread."""

    code_interpreter: CodeInterpreterResources | None = None
    file_search: FileSearchResources | None = None

    @classmethod
    def from_tools(cls, tools: Iterable[object]) -> ToolResources | None:
        """The resources declared on the tools (``CodeInterpreterTool(file_ids=...)``), merged.

        ``None`` when no tool declares any, so the attribute can be left out.
        """
        found: ToolResources | None = None
        for tool in tools:
            own = getattr(tool, "tool_resources", None)
            resources = own() if callable(own) else None
            if isinstance(resources, ToolResources):
                found = resources if found is None else found.merge(resources)
        return found

    def merge(self, other: ToolResources) -> ToolResources:
        """Both sets of resources, lists appended (as the L2 constructs combine them), so the
        API's limits (20 files, 1 vector store) apply to the total."""
        code = self.code_interpreter, other.code_interpreter
        search = self.file_search, other.file_search
        return ToolResources(
            code_interpreter=(
                CodeInterpreterResources(
                    file_ids=_appended(code[0].file_ids, code[1].file_ids)
                )
                if code[0] is not None and code[1] is not None
                else code[0] or code[1]
            ),
            file_search=(
                FileSearchResources(
                    vector_store_ids=_appended(
                        search[0].vector_store_ids, search[1].vector_store_ids
                    ),
                    vector_stores=_appended(search[0].vector_stores, search[1].vector_stores),
                )
                if search[0] is not None and search[1] is not None
                else search[0] or search[1]
            ),
        )

    def render(self) -> ToolResourcesParam:
        out: ToolResourcesParam = {}
        if self.code_interpreter is not None:
            out["code_interpreter"] = self.code_interpreter.render()
        if self.file_search is not None:
            out["file_search"] = self.file_search.render()
        return out


_Item = TypeVar("_Item")


def _appended(
    first: Sequence[_Item] | None, second: Sequence[_Item] | None
) -> Sequence[_Item] | None:
    """Both lists one after the other; a reference to a whole list cannot be appended to."""
    if first is None or second is None:
        return first if second is None else second
    if is_unresolved(first) or is_unresolved(second):
        raise AttributeTypeError(
            "tool_resources: a list given as a reference cannot be combined with another list"
        )
    return [*first, *second]
