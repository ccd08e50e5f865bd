"""The public surface, pinned: the ``__all__`` of every public module, written out here, so
that adding, removing or moving a public name is a deliberate change of this file.

Also: every listed name imports from its module; public modules list only public names;
every public class or function of the package says a public ``__module__`` that exports it
(set in one place, ``openai_constructs/_public.py``); the package's lazy index is one list.
The generated ``l1`` modules are pinned by tests/public_surface_l1.json: a name listed there
stays (the generator adds names only from a schema change, which the drift check ties to
the committed files).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]

PUBLIC: dict[str, list[str]] = {
    "openai_constructs": [
        "Assistant", "AssistantWithThreads", "AttributeTypeError", "ChatKitSession",
        "ChatKitSessions", "CodegenError", "ConstructIdError", "ConstructTypeError",
        "Conversation", "File", "ForgottenReferenceError", "HclOutputError", "IAssistant",
        "IConversation", "IFile", "IThread", "IVectorStore", "ImportedAssistant",
        "ImportedConversation", "ImportedFile", "ImportedThread", "ImportedVectorStore",
        "LiteralSecret", "LocalFileError", "LookedUpAssistant", "LookedUpThread", "Message",
        "Metadata", "OpenAIConstructsError", "OutputFolderError", "Retire", "RetiredApiWarning",
        "Run", "RuntimeSelectionError", "SensitiveValueError", "StateFileError",
        "TestingInputError", "Thread", "ThreadSpec", "ValidationError", "VectorStore",
        "literal_text", "runtime_name", "use_runtime",
    ],
    "openai_constructs.cdk": [
        "App", "Aspects", "AzurermBackend", "CloudBackend", "Construct", "ConsulBackend",
        "CosBackend", "Fn", "GcsBackend", "HttpBackend", "IAspect", "IConstruct", "IResolvable",
        "ITerraformIterator", "Lazy", "LocalBackend", "NamedCloudWorkspace", "OssBackend",
        "OutputFolderError", "PgBackend", "RemoteBackend", "RuntimeSelectionError", "S3Backend",
        "SwiftBackend", "TaggedCloudWorkspaces", "TerraformBackend", "TerraformCount",
        "TerraformIterator", "TerraformLocal", "TerraformOutput", "TerraformProvider",
        "TerraformResourceLifecycle", "TerraformStack", "TerraformVariable", "Testing", "Token",
        "runtime_name", "use_runtime",
    ],
    "openai_constructs.values": [
        "Attachment", "AutoResponseFormat", "AutoTruncation", "ChatKitConfiguration",
        "CodeInterpreterResources", "CodeInterpreterTool", "ExpiresAfter",
        "FileSearchRankingOptions", "FileSearchResources", "FileSearchTool", "FileUpload",
        "FunctionTool", "History", "InlineVectorStore", "JsonObjectResponseFormat",
        "JsonSchemaResponseFormat", "LastMessagesTruncation", "Message", "MessageRole",
        "RateLimits", "ReasoningEffort",
        "ReasoningEffortLiteral", "ResponseFormat", "StateValue", "StaticChunking",
        "TextResponseFormat", "Tool", "ToolChoice", "ToolResources", "TruncationStrategy",
        "ValidationError", "VectorStore", "Workflow", "literal_text", "render_tools",
        "to_strict_schema",
    ],
    "openai_constructs.patterns": [
        "AssistantWithThreads", "ChatKitSessions", "ResponsesMigration", "ThreadSpec",
    ],
    "openai_constructs.testing": [
        "ANY", "Annotations", "Capture", "DataFixtureError", "Match", "Matcher", "PlannedOutput",
        "PlannedResource", "REDACTED", "SchemaFileError", "SchemaProblem", "Sensitive",
        "StateFileError", "SynthesisMessage", "Template", "TestingInputError", "UNKNOWN",
        "VariableValueError", "assert_has_data_source", "assert_has_output", "assert_has_provider",
        "assert_has_resource", "assert_matches_schema", "assert_no_resource", "assert_planned",
        "assert_plans", "assert_resource_counts", "assert_valid_terraform", "check_document",
        "default_schema", "document", "load_schema", "mismatches", "normalize", "resource_counts",
        "set_default_schema", "terraform_runner", "to_document",
    ],
    "openai_constructs.errors": [
        "AttributeTypeError", "CodegenError", "ConstructIdError", "ConstructTypeError",
        "ForgottenReferenceError", "HclOutputError", "LocalFileError", "OpenAIConstructsError",
        "OutputFolderError", "RetiredApiWarning", "RuntimeSelectionError", "SensitiveValueError",
        "StateFileError", "TestingInputError", "ValidationError",
    ],
    "openai_constructs.validation": [
        "RULES", "Rule", "ValidationError", "Violation", "Violations", "check_value",
        "is_unresolved", "literal_text", "rule", "rules_markdown", "validate_resource",
    ],
    "openai_constructs.runs": [
        "RUN_OPTIONS", "Run", "RunOptions",
    ],
    "openai_constructs.threads": [
        "IThread", "ImportedThread", "LookedUpThread", "Message", "MessageInput", "Thread",
    ],
    "openai_constructs.metadata": [
        "ADD_PRIORITY", "MAX_PAIRS", "METADATA_RESOURCE_TYPES", "Metadata", "OWN_PRIORITY",
        "REMOVE_PRIORITY", "bears_metadata", "operations_for", "resolve", "scope_operations",
    ],
    "openai_constructs.responses": [
        "ConversationItems", "ConversationParams", "ExportNote", "ResponsesParams",
        "as_terraform_output", "conversation_items", "conversation_params", "responses_params",
    ],
    "openai_constructs.api_status": [
        "ACKNOWLEDGE_CONTEXT_KEY", "ACKNOWLEDGE_ENV_VAR", "RETIRED_APIS", "RETIRED_TYPES",
        "RetiredApi", "retired_type",
    ],
    "openai_constructs.retire": [
        "ForgottenObject", "Retire",
    ],
    "openai_constructs.assistants": [
        "Assistant", "IAssistant", "ImportedAssistant", "LookedUpAssistant",
    ],
    "openai_constructs.chatkit": [
        "ChatKitSession",
    ],
    "openai_constructs.values.attachments": [
        "Attachment", "AttachmentParam", "Message", "MessageParam", "MessageRole",
    ],
    "openai_constructs.values.chatkit": [
        "ChatKitConfiguration", "ExpiresAfter", "FileUpload", "History", "RateLimits",
        "StateValue", "Workflow",
    ],
    "openai_constructs.values.reasoning": [
        "ReasoningEffort", "ReasoningEffortLiteral",
    ],
    "openai_constructs.values.response_format": [
        "AutoResponseFormat", "JsonObjectResponseFormat", "JsonSchemaResponseFormat",
        "ResponseFormat", "TextResponseFormat",
    ],
    "openai_constructs.values.tool_choice": [
        "ToolChoice", "ToolChoiceType",
    ],
    "openai_constructs.values.tool_resources": [
        "ChunkingStrategy", "CodeInterpreterResources", "FileSearchResources",
        "InlineVectorStore", "StaticChunking", "ToolResources", "ToolResourcesParam",
        "VectorStore",
    ],
    "openai_constructs.files": [
        "File", "FilePurpose", "IFile", "ImportedFile", "MAX_FILE_BYTES",
    ],
    "openai_constructs.vector_stores": [
        "Chunking", "IVectorStore", "ImportedVectorStore", "VectorStore",
    ],
    "openai_constructs.conversations": [
        "Conversation", "IConversation", "ImportedConversation", "ItemInput", "ItemRole",
        "MAX_ITEMS",
    ],
    "openai_constructs.values.tools": [
        "CodeInterpreterTool", "FileSearchRankingOptions", "FileSearchTool",
        "FunctionDefinitionParam", "FunctionTool", "Tool", "ToolParam", "render_tools",
    ],
    "openai_constructs.values.truncation": [
        "AutoTruncation", "LastMessagesTruncation", "TruncationStrategy",
        "TruncationStrategyParam",
    ],
}

L1: dict[str, list[str]] = json.loads(
    (ROOT / "tests" / "public_surface_l1.json").read_text(encoding="utf-8"))

# Importable from a public module for the package's own use, deliberately not in its list.
HELPERS = {
    "openai_constructs.runs": ["assistant_of", "check_run_options"],
    "openai_constructs.threads": ["as_message", "as_messages", "thread_of"],
    "openai_constructs.conversations": ["as_item", "as_items"],
}


def _module(name: str) -> Any:
    return importlib.import_module(name)


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_all_is_pinned(name: str) -> None:
    exported = list(_module(name).__all__)
    assert len(exported) == len(set(exported)), "a name listed twice"
    assert sorted(exported) == PUBLIC[name]


@pytest.mark.parametrize("name", sorted(PUBLIC) + sorted(L1))
def test_every_listed_name_imports_from_its_module(name: str) -> None:
    namespace: dict[str, Any] = {}
    exec(f"from {name} import *", namespace)  # what `import *` gives is the list
    exported = list(_module(name).__all__)
    assert sorted(n for n in namespace if n != "__builtins__") == sorted(exported)
    for attribute in exported:
        exec(f"from {name} import {attribute}", {})


@pytest.mark.parametrize("name", sorted(L1))
def test_generated_names_stay(name: str) -> None:
    assert sorted(set(L1[name]) - set(_module(name).__all__)) == []


@pytest.mark.parametrize("name", sorted(PUBLIC) + sorted(L1))
def test_public_modules_list_only_public_names(name: str) -> None:
    module = _module(name)
    for attribute in module.__all__:
        assert not attribute.startswith("_"), attribute
        assert not inspect.ismodule(getattr(module, attribute)), attribute


@pytest.mark.parametrize(("name", "helpers"), sorted(HELPERS.items()))
def test_helpers_stay_importable_but_unlisted(name: str, helpers: list[str]) -> None:
    module = _module(name)
    for helper in helpers:
        assert callable(getattr(module, helper))
        assert helper not in module.__all__


def _is_private(module_name: str) -> bool:
    return any(part.startswith("_") for part in module_name.split("."))


@pytest.mark.parametrize("name", sorted(PUBLIC) + sorted(L1))
def test_public_objects_name_a_public_module_that_exports_them(name: str) -> None:
    module = _module(name)
    for attribute in module.__all__:
        value = getattr(module, attribute)
        if not (inspect.isclass(value) or inspect.isfunction(value)):
            continue
        home = value.__module__
        if not home.startswith("openai_constructs"):
            continue  # the CDK runtime's own classes (App, TerraformStack, ...)
        assert not _is_private(home), f"{name}.{attribute} says {home}"
        assert getattr(_module(home), value.__qualname__) is value, f"{home}.{attribute}"


def test_module_names_are_set_in_one_place() -> None:
    setters = []
    for path in sorted((ROOT / "openai_constructs").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else [])
            setters += [
                f"{path.relative_to(ROOT)}:{node.lineno}"
                for target in targets
                if isinstance(target, ast.Attribute) and target.attr == "__module__"
            ]
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "setattr" and any(
                isinstance(a, ast.Constant) and a.value == "__module__" for a in node.args
            ):
                setters.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert len(setters) == 1 and setters[0].startswith("openai_constructs/_public.py:"), setters


def test_the_package_index_is_one_list() -> None:
    import openai_constructs

    exports = openai_constructs._EXPORTS
    assert openai_constructs.__all__ == list(exports)
    # The names type checkers see (``if TYPE_CHECKING:``) are the same list, each from the
    # module the index loads it from.
    tree = ast.parse((ROOT / "openai_constructs" / "__init__.py").read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If)
                 and getattr(n.test, "id", "") == "TYPE_CHECKING")
    typed = {
        alias.asname or alias.name: (node.module or "")
        for node in block.body if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert typed == exports
    for attribute, module in exports.items():
        assert getattr(openai_constructs, attribute) is getattr(
            _module(f"openai_constructs.{module}"), attribute)


def test_output_folder_error_is_one_class_of_the_error_family() -> None:
    from openai_constructs import cdk, errors
    from openai_constructs._runtime import app

    assert cdk.OutputFolderError is errors.OutputFolderError is app.OutputFolderError
    assert errors.OutputFolderError.__module__ == "openai_constructs.errors"
    assert issubclass(errors.OutputFolderError, (errors.OpenAIConstructsError, RuntimeError))


def test_the_staged_app_is_the_public_one_and_the_seam_has_no_other() -> None:
    from openai_constructs import cdk
    from openai_constructs._runtime import app
    from openai_constructs._runtime import cdk as seam

    assert cdk.App is app.App
    assert issubclass(cdk.App, seam.RuntimeApp) and cdk.App is not seam.RuntimeApp
    assert cdk.App.__module__ == seam.RuntimeApp.__module__  # what the runtime's App says
    with pytest.raises(AttributeError, match=r"openai_constructs\.cdk\.App"):
        seam.App  # noqa: B018
