"""Tools and tool resources render to exactly the provider's encoding."""

from __future__ import annotations

import pytest

from openai_constructs.errors import AttributeTypeError, ValidationError
from openai_constructs.values import (
    CodeInterpreterResources,
    CodeInterpreterTool,
    FileSearchResources,
    FileSearchTool,
    FunctionTool,
    ToolResources,
    VectorStore,
    render_tools,
)

TOKEN = "${TfToken[TOKEN.3]}"
LIST_TOKEN = ["#{TfToken[TOKEN.4]}"]


def test_code_interpreter_and_file_search_render_bare_types() -> None:
    assert CodeInterpreterTool().render() == {"type": "code_interpreter"}
    assert FileSearchTool().render() == {"type": "file_search"}
    assert CodeInterpreterTool().tool_resources() is None
    assert FileSearchTool().tool_resources() is None


def test_function_tool_renders_all_fields_in_order() -> None:
    params = {"type": "object", "properties": {"b": {"type": "string"}, "a": {"type": "integer"}}}
    rendered = FunctionTool("lookup", "Find it.", params, strict=False).render()
    assert rendered == {
        "type": "function",
        "function": {"name": "lookup", "description": "Find it.", "parameters": params,
                     "strict": False},
    }
    assert list(rendered["function"]) == ["name", "description", "parameters", "strict"]
    assert list(rendered["function"]["parameters"]["properties"]) == ["b", "a"]


def test_function_tool_minimal() -> None:
    assert FunctionTool("f").render() == {"type": "function", "function": {"name": "f"}}


def test_function_tool_is_isolated_from_the_callers_dict() -> None:
    params: dict[str, object] = {"type": "object", "properties": {}}
    tool = FunctionTool("f", parameters=params)
    params["type"] = "array"
    rendered = tool.render()
    assert rendered["function"]["parameters"]["type"] == "object"
    rendered["function"]["parameters"]["type"] = "string"
    assert tool.render()["function"]["parameters"]["type"] == "object"
    with pytest.raises(AttributeError):
        tool.name = "g"  # type: ignore[misc]


@pytest.mark.parametrize("name", ["bad name", "", "x" * 65, "tool.v2"])
def test_function_tool_rejects_bad_names(name: str) -> None:
    with pytest.raises(ValueError, match=r"FunctionTool:\n  - name: must match \[A-Za-z0-9_-\]"):
        FunctionTool(name)


def test_function_tool_name_token_passes() -> None:
    assert FunctionTool(TOKEN).render()["function"]["name"] == TOKEN


def test_function_tool_parameters_must_be_a_dict() -> None:
    with pytest.raises(TypeError, match="JSON Schema dict"):
        FunctionTool("f", parameters='{"type":"object"}')  # type: ignore[arg-type]


def test_tool_resources_render() -> None:
    resources = ToolResources(
        code_interpreter=CodeInterpreterResources(["file-1", "file-2"]),
        file_search=FileSearchResources(
            vector_store_ids=["vs_1"],
            vector_stores=[VectorStore(["file-3"], {"team": "support"}, chunking_strategy="auto")],
        ),
    )
    assert resources.render() == {
        "code_interpreter": {"file_ids": ["file-1", "file-2"]},
        "file_search": {
            "vector_store_ids": ["vs_1"],
            "vector_stores": [{"chunking_strategy": {"type": "auto"}, "file_ids": ["file-3"],
                               "metadata": {"team": "support"}}],
        },
    }
    assert ToolResources().render() == {}
    assert VectorStore().render() == {}
    assert CodeInterpreterResources([]).render() == {"file_ids": []}


def test_render_tools_collects_resources_from_tools() -> None:
    tools, resources = render_tools([
        CodeInterpreterTool(file_ids=["file-1"]),
        FileSearchTool(vector_store_ids=["vs_1"]),
        FunctionTool("f"),
    ])
    assert tools == [{"type": "code_interpreter"}, {"type": "file_search"},
                     {"type": "function", "function": {"name": "f"}}]
    assert resources == {"code_interpreter": {"file_ids": ["file-1"]},
                         "file_search": {"vector_store_ids": ["vs_1"]}}


def test_render_tools_without_resources() -> None:
    assert render_tools([FunctionTool("f")]) == ([{"type": "function", "function": {"name": "f"}}],
                                                 None)


def test_render_tools_limits_the_count() -> None:
    with pytest.raises(ValidationError, match=r"tools: at most 128 tools \(got 129\)"):
        render_tools([FunctionTool(f"f{i}") for i in range(129)])


def test_resources_declared_twice_are_appended_as_the_constructs_do() -> None:
    merged = ToolResources.from_tools([CodeInterpreterTool(["a"]), CodeInterpreterTool(["b"])])
    assert merged is not None
    assert merged.render() == {"code_interpreter": {"file_ids": ["a", "b"]}}


def test_a_reference_list_cannot_be_appended_to() -> None:
    whole = ToolResources(code_interpreter=CodeInterpreterResources(["#{TfToken[TOKEN.1]}"]))
    other = ToolResources(code_interpreter=CodeInterpreterResources(["b"]))
    with pytest.raises(AttributeTypeError, match="a list given as a reference cannot be combined"):
        whole.merge(other)


def test_code_interpreter_file_limit() -> None:
    CodeInterpreterTool(file_ids=[f"f{i}" for i in range(20)])
    with pytest.raises(ValidationError, match=r"file_ids: at most 20 files \(got 21\)"):
        CodeInterpreterTool(file_ids=[f"f{i}" for i in range(21)])


def test_file_ids_as_a_string_is_a_mistake() -> None:
    with pytest.raises(TypeError, match="got the string 'file-1'"):
        CodeInterpreterResources("file-1")


def test_file_search_limits() -> None:
    with pytest.raises(ValidationError) as raised:
        FileSearchTool(vector_store_ids=["a", "b"], vector_stores=[VectorStore(), VectorStore()])
    assert str(raised.value) == (
        "openai_constructs: 2 problems in FileSearchResources:\n"
        "  - vector_store_ids: at most 1 vector store (got 2)\n"
        "  - vector_stores: at most 1 vector store (got 2)"
    )


def test_vector_store_metadata_is_checked() -> None:
    with pytest.raises(ValidationError, match="metadata: at most 16 key-value pairs"):
        VectorStore(metadata={str(i): "v" for i in range(17)})


def test_token_lists_pass_through() -> None:
    _, resources = render_tools([CodeInterpreterTool(file_ids=LIST_TOKEN)])
    assert resources == {"code_interpreter": {"file_ids": LIST_TOKEN}}
    assert VectorStore(file_ids=[TOKEN, "file-2"]).render() == {"file_ids": [TOKEN, "file-2"]}


# --- file search options and static chunking (recovered from the API's types) --------------


def test_file_search_options_render_under_the_tool() -> None:
    from openai_constructs.values import FileSearchRankingOptions

    tool = FileSearchTool(max_num_results=8, ranking_options=FileSearchRankingOptions(
        score_threshold=0.4, ranker="default_2024_08_21"))
    assert tool.render() == {"type": "file_search", "file_search": {
        "max_num_results": 8,
        "ranking_options": {"score_threshold": 0.4, "ranker": "default_2024_08_21"},
    }}
    assert FileSearchTool(ranking_options=FileSearchRankingOptions(0)).render() == {
        "type": "file_search", "file_search": {"ranking_options": {"score_threshold": 0}}}
    assert tool.tool_resources() is None  # options are the tool's, not tool_resources


def test_file_search_options_are_checked() -> None:
    from openai_constructs.values import FileSearchRankingOptions

    with pytest.raises(ValidationError, match=r"max_num_results: an integer between 1 and 50 "
                                               r"\(got 0\)"):
        FileSearchTool(max_num_results=0)
    with pytest.raises(ValidationError) as raised:
        FileSearchRankingOptions(score_threshold=1.5, ranker="bm25")  # type: ignore[arg-type]
    assert str(raised.value) == (
        "openai_constructs: 2 problems in FileSearchRankingOptions:\n"
        "  - score_threshold: between 0 and 1 (got 1.5)\n"
        "  - ranker: one of auto, default_2024_08_21 (got 'bm25')"
    )
    with pytest.raises(TypeError, match="ranking_options expects FileSearchRankingOptions"):
        FileSearchTool(ranking_options={"score_threshold": 0.5})  # type: ignore[arg-type]


def test_static_chunking() -> None:
    from openai_constructs.values import StaticChunking

    store = VectorStore(file_ids=["f"], chunking_strategy=StaticChunking(1200, 300))
    assert store.render() == {
        "chunking_strategy": {"type": "static", "static": {
            "max_chunk_size_tokens": 1200, "chunk_overlap_tokens": 300}},
        "file_ids": ["f"],
    }
    assert StaticChunking().render()["static"] == {
        "max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400}
    assert VectorStore(chunking_strategy="auto").render() == {"chunking_strategy": {"type": "auto"}}
    with pytest.raises(ValidationError, match=r"got max_chunk_size_tokens 4097"):
        StaticChunking(max_chunk_size_tokens=4097, chunk_overlap_tokens=0)
    with pytest.raises(ValidationError, match=r"got chunk_overlap_tokens 401 over half of 800"):
        StaticChunking(chunk_overlap_tokens=401)
    with pytest.raises(ValidationError, match=r"chunking_strategy: one of auto, static"):
        VectorStore(chunking_strategy="fixed")  # type: ignore[arg-type]
