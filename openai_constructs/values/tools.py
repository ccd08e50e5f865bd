"""``tools``: code interpreter, file search and function tools for assistants and runs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from .._l2.intake import hinted
from ..errors import AttributeTypeError
from ..validation import check_value
from ._common import checked_json, copy_json, freeze_strings
from ._json_schema import function_schema, pydantic_schema
from .tool_resources import (
    CodeInterpreterResources,
    FileSearchResources,
    ToolResources,
    ToolResourcesParam,
    VectorStore,
)

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = [
    "CodeInterpreterTool",
    "FileSearchRankingOptions",
    "FileSearchTool",
    "FunctionDefinitionParam",
    "FunctionTool",
    "Tool",
    "ToolParam",
    "render_tools",
]

ToolType = Literal["code_interpreter", "file_search", "function"]


class _FunctionDefinitionRequired(TypedDict):
    name: str


class FunctionDefinitionParam(_FunctionDefinitionRequired, total=False):
    description: str
    parameters: dict[str, Any]
    strict: bool


class _RankingOptionsRequired(TypedDict):
    score_threshold: float


class RankingOptionsParam(_RankingOptionsRequired, total=False):
    ranker: Literal["auto", "default_2024_08_21"]


class FileSearchOptionsParam(TypedDict, total=False):
    max_num_results: int
    ranking_options: RankingOptionsParam


class _ToolRequired(TypedDict):
    type: ToolType


class ToolParam(_ToolRequired, total=False):
    function: FunctionDefinitionParam
    file_search: FileSearchOptionsParam


@hinted
@dataclass(frozen=True)
class CodeInterpreterTool:
    """Lets the model run Python; ``file_ids`` go to ``tool_resources.code_interpreter``."""

    file_ids: Sequence[str] | None = None

    def __post_init__(self) -> None:
        # Checked here, so a bad list fails where it is written.
        file_ids = freeze_strings(self.file_ids, "file_ids", "CodeInterpreterTool")
        object.__setattr__(self, "file_ids", CodeInterpreterResources(file_ids).file_ids)

    def render(self) -> ToolParam:
        return {"type": "code_interpreter"}

    def tool_resources(self) -> ToolResources | None:
        if self.file_ids is None:
            return None
        return ToolResources(code_interpreter=CodeInterpreterResources(self.file_ids))


@hinted
@dataclass(frozen=True)
class FileSearchRankingOptions:
    """How file search ranks results: results scoring under ``score_threshold`` (0 to 1) are
    dropped; ``ranker`` defaults to the API's ``auto``."""

    score_threshold: float
    ranker: Literal["auto", "default_2024_08_21"] | None = None

    def __post_init__(self) -> None:
        check_value("FileSearchRankingOptions", [
            ("tools.file_search.score_threshold", "score_threshold", self.score_threshold),
            ("tools.file_search.ranker", "ranker", self.ranker),
        ])

    def render(self) -> RankingOptionsParam:
        out: RankingOptionsParam = {"score_threshold": self.score_threshold}
        if self.ranker is not None:
            out["ranker"] = self.ranker
        return out


@dataclass(frozen=True)
class FileSearchTool:
    """Lets the model search files; its vector store goes to ``tool_resources.file_search``.

    ``max_num_results`` (1 to 50; the API's default is 20 for gpt-4* models) and
    ``ranking_options`` are the tool's own overrides (``tools[].file_search``).
    """

    vector_store_ids: Sequence[str] | None = None
    vector_stores: Sequence[VectorStore] | None = None
    max_num_results: int | None = None
    ranking_options: FileSearchRankingOptions | None = None

    def __post_init__(self) -> None:
        resources = FileSearchResources(self.vector_store_ids, self.vector_stores)
        object.__setattr__(self, "vector_store_ids", resources.vector_store_ids)
        object.__setattr__(self, "vector_stores", resources.vector_stores)
        if self.ranking_options is not None and not isinstance(
            self.ranking_options, FileSearchRankingOptions
        ):
            raise TypeError(
                "ranking_options expects FileSearchRankingOptions(score_threshold=..., "
                f"ranker=...), got {type(self.ranking_options).__name__}"
            )
        check_value("FileSearchTool", [
            ("tools.file_search.max_num_results", "max_num_results", self.max_num_results),
        ])

    def render(self) -> ToolParam:
        out: ToolParam = {"type": "file_search"}
        options: FileSearchOptionsParam = {}
        if self.max_num_results is not None:
            options["max_num_results"] = self.max_num_results
        if self.ranking_options is not None:
            options["ranking_options"] = self.ranking_options.render()
        if options:
            out["file_search"] = options
        return out

    def tool_resources(self) -> ToolResources | None:
        if self.vector_store_ids is None and self.vector_stores is None:
            return None
        return ToolResources(
            file_search=FileSearchResources(self.vector_store_ids, self.vector_stores)
        )


@hinted
@dataclass(frozen=True)
class FunctionTool:
    """A function the model may call; ``parameters`` is a JSON Schema object.

    Build one from a schema dict, :meth:`from_pydantic` or :meth:`from_function`. The
    constructor sends ``parameters`` as given; the factories make it strict-compatible
    when ``strict=True``.
    """

    name: str
    description: str | None = None
    parameters: Mapping[str, Any] | None = None
    strict: bool | None = None

    def __post_init__(self) -> None:
        if self.parameters is not None:
            if not isinstance(self.parameters, Mapping):
                raise AttributeTypeError(
                    f"FunctionTool: parameters: expects a JSON Schema dict, got "
                    f"{type(self.parameters).__name__}"
                )
            parameters = checked_json("FunctionTool", "parameters", self.parameters)
            object.__setattr__(self, "parameters", MappingProxyType(parameters))
        check_value("FunctionTool", [("tools.function.name", "name", self.name)])

    @classmethod
    def from_function(
        cls,
        fn: Callable[..., Any],
        *,
        name: str | None = None,
        description: str | None = None,
        strict: bool = False,
    ) -> FunctionTool:
        """From a signature: hints give the types, defaults make parameters optional, the
        docstring's first paragraph and its Google/Sphinx parameter entries the descriptions.
        """
        parameters, summary = function_schema(fn, strict=strict)
        return cls(
            name=name or fn.__name__,
            description=description if description is not None else summary,
            parameters=parameters,
            strict=strict,
        )

    @classmethod
    def from_pydantic(
        cls,
        model: type[BaseModel],
        *,
        name: str | None = None,
        description: str | None = None,
        strict: bool = False,
    ) -> FunctionTool:
        """From a pydantic v2 model; name and description default to the class's."""
        parameters, doc = pydantic_schema(model, strict=strict)
        return cls(
            name=name or model.__name__,
            description=description if description is not None else doc,
            parameters=parameters,
            strict=strict,
        )

    def render(self) -> ToolParam:
        function: FunctionDefinitionParam = {"name": self.name}
        if self.description is not None:
            function["description"] = self.description
        if self.parameters is not None:
            function["parameters"] = copy_json(self.parameters)
        if self.strict is not None:
            function["strict"] = self.strict
        return {"type": "function", "function": function}

    def tool_resources(self) -> ToolResources | None:
        return None


Tool = CodeInterpreterTool | FileSearchTool | FunctionTool


def render_tools(tools: Iterable[Tool]) -> tuple[list[ToolParam], ToolResourcesParam | None]:
    """``(tools, tool_resources)`` for an assistant: the list, and what the tools carry.

    ``tool_resources`` is ``None`` when no tool declares files or vector stores. Checks the
    128-tool limit.
    """
    items = list(tools)
    check_value("tools", [("tools.count", "tools", items)])
    resources = ToolResources.from_tools(items)
    return [tool.render() for tool in items], (resources.render() if resources else None)
