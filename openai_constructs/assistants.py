"""The ``Assistant`` construct: a model with instructions and tools, and ways to refer to
assistants that already exist.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ._l2.base import (
    MetadataOwner,
    building,
    declare_imported,
    metadata_value,
    new_violations,
    tool_resources_value,
    type_problems,
)
from ._l2.boundary import (
    json_text_of,
    literal_attribute,
    merge_tool_resources,
    rendered,
    tool_item,
    tool_resources_of,
)
from ._l2.intake import Intake, check_id, check_json, items, keyword_hints
from ._l2.iteration import Iterated, take_iteration
from ._l2.placement import take_placement
from ._runtime.cdk import (
    Construct,
    ITerraformIterator,
    TerraformCount,
    TerraformProvider,
    TerraformResourceLifecycle,
)
from ._runtime.creation import create_construct
from ._runtime.fields import Struct
from ._runtime.terraform_types import describe
from ._runtime.tokens import is_resolvable_object, is_unresolved
from .l1.beta_assistant import BetaAssistant
from .l1.data_openai_beta_assistant import DataOpenaiBetaAssistant
from .validation import Violations
from .values.tool_resources import ToolResources

if TYPE_CHECKING:
    from .responses import ResponsesParams


@runtime_checkable
class IAssistant(Protocol):
    """Anything that names an assistant: one declared here, imported by id, or looked up."""

    @property
    def node(self) -> Any: ...

    @property
    def assistant_id(self) -> str:
        """The assistant's id (``asst_...``), usually a reference resolved at apply time."""
        ...


class Assistant(MetadataOwner[BetaAssistant], Iterated):
    """An OpenAI assistant (``openai_beta_assistant``).

    Free text (``instructions``, ``description``, ``name``) is sent as written: ``${...}`` in a
    prompt is not a Terraform expression. Every documented limit is checked when the assistant
    is declared and again by ``add_tool``/``add_metadata``, so synth never meets a bad value.
    """

    @keyword_hints("Assistant")
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        model: str,
        name: str | None = None,
        description: str | None = None,
        instructions: str | None = None,
        tools: Sequence[Any] = (),
        tool_resources: Mapping[str, Any] | ToolResources | None = None,
        response_format: Any = None,
        temperature: float | None = None,
        top_p: float | None = None,
        reasoning_effort: str | None = None,
        metadata: Mapping[str, str] | None = None,
        for_each: ITerraformIterator | None = None,
        count: int | float | TerraformCount | None = None,
        provider: TerraformProvider | None = None,
        depends_on: Sequence[Any] | None = None,
        lifecycle: TerraformResourceLifecycle | Mapping[str, Any] | None = None,
    ) -> None:
        """Declare an assistant.

        :param model: Model id, e.g. ``"gpt-4o"``.
        :param name: Display name, at most 256 characters. Default: none.
        :param description: At most 512 characters. Default: none.
        :param instructions: The system prompt, at most 256,000 characters. Default: none.
        :param tools: Up to 128 tools: helpers from ``openai_constructs.values``, L1
            ``BetaAssistantTools`` structs or dicts. Helpers that carry resources (code
            interpreter files, vector stores) add them to ``tool_resources``. Default: none.
        :param tool_resources: Extra tool resources, merged with those from ``tools``.
        :param response_format: ``"auto"``, a dict (``{"type": "json_object"}``) or a helper
            with ``render()``. Default: the API's default (``auto``).
        :param temperature: 0-2. Default: the API's default (1).
        :param top_p: 0-1. Default: the API's default (1).
        :param reasoning_effort: none, minimal, low, medium, high, xhigh or max (reasoning models).
        :param metadata: Up to 16 pairs; keys at most 64, values at most 512 characters. Pairs
            from ``Metadata.of`` on an enclosing scope are added (see ``Metadata``).
        :param for_each: One assistant per entry of a ``TerraformIterator``; its ``key`` and
            ``value`` may be used in any attribute. Runs pick one with ``assistant_key``.
            Default: one assistant.
        :param count: That many assistants (``count.index`` via a ``TerraformCount``).
        :param provider: The provider configuration its objects go to (e.g. an aliased
            ``OpenaiProvider`` of another project). Default: the default configuration.
        :param depends_on: Resources, data sources or constructs (an L2 construct stands for
            its resource, a pattern for all of its) created before its objects.
        :param lifecycle: ``TerraformResourceLifecycle`` (or a dict of its options) of its
            resource.
        """
        intake = Intake("Assistant", scope, id)
        check_id(intake, id)
        placement = take_placement(intake, provider, depends_on, lifecycle)
        tools = items(intake, "tools", tools, "tool")
        tool_list = _tool_list(intake, tools)
        explicit = tool_resources_value(intake, tool_resources)
        metadata = metadata_value(intake, metadata)
        _check_json_options(intake, response_format=response_format)
        violations = new_violations()
        iteration = take_iteration(violations, for_each, count, intake)
        attributes: dict[str, Any] = {
            "model": model,
            "name": name,
            "description": description,
            "instructions": instructions,
            "tools": tools if is_unresolved(tools) else ([tool_item(t) for t in tool_list] or None),
            "tool_resources": _resources_for(intake, tool_list, explicit),
            "response_format": json_text_of(
                response_format, "Assistant", scope, id, "response_format"
            ),
            "temperature": temperature,
            "top_p": top_p,
            "reasoning_effort": rendered(reasoning_effort),
            "metadata": metadata,
        }
        self._tools = tool_list
        self._explicit_resources = explicit
        self._declared = attributes  # as written, for to_responses_params
        self._response_format = response_format  # before it became JSON text
        # Limits apply to the text as written: the values are escaped only when handed to L1.
        self._declare("Assistant", scope, id, BetaAssistant, attributes, violations, iteration,
                      placement)

    # -- references ---------------------------------------------------------------------

    @property
    def assistant_id(self) -> str:
        """The assistant id (``asst_...``), a reference resolved at apply time. An assistant
        with ``for_each``/``count`` has one per instance: see ``assistant_ids``."""
        return str(self._single("id"))

    @property
    def assistant_ids(self) -> Any:
        """Every instance's id: a map by key (``for_each``), a list (``count``)."""
        return self._every("id")

    def assistant_id_for(self, key: Any) -> str:
        """The id of the instance ``key`` (a ``for_each`` key or a ``count`` index)."""
        return self._for(key, "id")

    @property
    def created_at(self) -> float:
        """Creation time (Unix seconds), a reference."""
        return float(self._single("created_at"))

    @property
    def tools(self) -> list[Any]:
        """The tools given so far, in order (a copy)."""
        return list(self._tools)

    # -- changes --------------------------------------------------------------------------

    @keyword_hints("Assistant.add_tool")
    def add_tool(self, *tools: Any) -> Assistant:
        """Enable more tools; the 128-tool and 20-file limits are checked before anything
        changes, and nothing changes when it raises. Returns the assistant, for chaining.
        """
        intake = Intake("Assistant.add_tool", self)
        candidate = [*self._tools, *_tool_list(intake, list(tools), offset=len(self._tools))]
        item_list = [tool_item(t) for t in candidate]
        resources = _resources_for(intake, candidate, self._explicit_resources)
        violations = Violations(str(self.node.path))
        attributes = {"tools": item_list, "tool_resources": resources}
        violations.check_resource(BetaAssistant.TF_RESOURCE_TYPE, attributes)
        if violations:
            type_problems("Assistant.add_tool", self.node.scope, self.node.id,  # type: ignore[arg-type]
                          BetaAssistant, {"model": "m", **attributes}, {})
        violations.raise_if_any()
        before = self._resource.tools_input, self._resource.tool_resources_input
        try:
            self._resource.put_tools(literal_attribute(BetaAssistant._FIELDS, "tools", item_list))
            if resources is not None:
                self._resource.put_tool_resources(
                    literal_attribute(BetaAssistant._FIELDS, "tool_resources", resources)
                )
        except BaseException:
            self._restore(*before)
            raise
        self._tools = candidate
        return self

    def _restore(self, tools: Any, tool_resources: Any) -> None:
        if tools is None:
            self._resource.reset_tools()
        else:
            self._resource.put_tools(tools)
        if tool_resources is None:
            self._resource.reset_tool_resources()
        else:
            self._resource.put_tool_resources(tool_resources)

    # -- the way forward ----------------------------------------------------------------

    @keyword_hints("Assistant.to_responses_params")
    def to_responses_params(self, *, output_id: str | None = None) -> ResponsesParams:
        """The Responses API create parameters equivalent to this assistant (model,
        instructions, tools in Responses form, ``text.format``, sampling, reasoning effort,
        metadata): literal values as written, references as their Terraform expressions.
        What has no equivalent is listed in the result's ``notes``
        (``openai_constructs.responses``).

        :param output_id: Also declare a Terraform output of this id holding the parameters
            as JSON text (references resolved at apply), computed at synth, so what is added
            to the assistant later is in it. Default: none. Refused for an assistant with
            ``for_each``/``count``: one output cannot hold one value per instance.
        """
        from .responses import as_terraform_output, iteration_note, responses_params

        note = iteration_note(self.node.path, self._iteration.meta())
        if note is not None and output_id is not None:
            from .errors import ValidationError

            raise ValidationError(self.node.path, [
                f"output_id: {output_id!r}: the assistant is declared with "
                f"{'for_each' if 'for_each' in self._iteration.meta() else 'count'}, so it "
                "has one set of parameters per instance, and a Terraform output cannot use "
                "each.key/each.value/count.index; call to_responses_params() without "
                "output_id and export each instance's values"])

        def values() -> dict[str, Any]:  # as declared now (the output: at synth)
            declared = self._declared
            return {
                "model": declared["model"], "instructions": declared["instructions"],
                "name": declared["name"], "description": declared["description"],
                "tools": declared["tools"] if is_unresolved(declared["tools"]) else self._tools,
                "tool_resources": _resources_for(Intake("Assistant.to_responses_params", self),
                                                 self._tools, self._explicit_resources),
                "response_format": self._response_format,
                "temperature": declared["temperature"], "top_p": declared["top_p"],
                "reasoning_effort": declared["reasoning_effort"], "metadata": self.metadata,
            }

        if output_id is not None:
            as_terraform_output(self, output_id, lambda: responses_params(**values()),
                                description=(f"Responses API create parameters for "
                                             f"{self.node.path} (JSON text)"))
        params = responses_params(**values(), scope=self)
        if note is not None:
            params.notes = (note, *params.notes)
        return params

    # -- importers --------------------------------------------------------------------------

    @classmethod
    @keyword_hints("Assistant.from_assistant_id")
    def from_assistant_id(cls, scope: Construct, id: str, assistant_id: str) -> IAssistant:
        """Refer to an existing assistant by id; nothing is created or read."""
        return ImportedAssistant(scope, id, assistant_id)

    @classmethod
    @keyword_hints("Assistant.from_lookup")
    def from_lookup(
        cls,
        scope: Construct,
        id: str,
        *,
        assistant_id: str | None = None,
        newest: bool = False,
    ) -> LookedUpAssistant:
        """Read an existing assistant with the ``openai_beta_assistant`` data source.

        :param assistant_id: The id to read.
        :param newest: Without an id, take the most recently created assistant instead.
        """
        return LookedUpAssistant(scope, id, assistant_id=assistant_id, newest=newest)


class ImportedAssistant(Construct):
    """An assistant created elsewhere, known by its id. Creates no resource."""

    @keyword_hints("Assistant.from_assistant_id")
    def __init__(self, scope: Construct, id: str, assistant_id: str) -> None:
        declare_imported(self, "Assistant.from_assistant_id", scope, id, "assistant_id",
                         assistant_id)
        self._assistant_id = assistant_id

    @property
    def assistant_id(self) -> str:
        return self._assistant_id


class LookedUpAssistant(Construct):
    """An existing assistant read at plan time; exposes what the API returns as references."""

    @keyword_hints("Assistant.from_lookup")
    def __init__(
        self, scope: Construct, id: str, *, assistant_id: str | None, newest: bool
    ) -> None:
        intake = Intake("Assistant.from_lookup", scope, id)
        check_id(intake, id)
        if (assistant_id is None) == (not newest):
            intake.fail("", "give either assistant_id or newest=True")
        create_construct(self, scope, id)  # its place cached for its children
        with building(self, "Assistant.from_lookup", scope, id):
            self._data = DataOpenaiBetaAssistant(
                self,
                "Default",
                assistant_id=assistant_id,
                find_one_by={"order": "desc"} if newest else None,
            )

    @property
    def data_source(self) -> DataOpenaiBetaAssistant:
        """The L1 data source (escape hatch)."""
        return self._data

    @property
    def assistant_id(self) -> str:
        return self._data.id

    @property
    def model(self) -> str:
        return self._data.model

    @property
    def name(self) -> str:
        return self._data.name

    @property
    def instructions(self) -> str:
        return self._data.instructions


def _tool_list(intake: Intake, tools: Any, offset: int = 0) -> list[Any]:
    """The tools as a list of items L1 can take: helpers, structs, dicts or references."""
    if is_unresolved(tools):
        return []
    for index, tool in enumerate(tools):
        if not _is_tool(tool):
            intake.fail(
                f"tools[{index + offset}]",
                f"expects a tool (CodeInterpreterTool, FileSearchTool, FunctionTool, a "
                f"BetaAssistantTools struct or a dict), got {describe(tool)}",
            )
    return list(tools)


def _is_tool(tool: Any) -> bool:
    if isinstance(tool, (Mapping, Struct)) or is_unresolved(tool):
        return True
    return callable(getattr(tool, "render", None)) and not isinstance(tool, (str, bytes))


def _check_json_options(intake: Intake, **options: Any) -> None:
    """``response_format`` / ``tool_choice`` dicts become JSON text: refuse what has none."""
    for name, value in options.items():
        if isinstance(value, Mapping):
            check_json(intake, name, value)
        elif not (value is None or isinstance(value, str) or is_unresolved(value)
                  or callable(getattr(value, "render", None))):
            intake.fail(
                name,
                f"expects a string, a dict or a helper from openai_constructs.values, got "
                f"{describe(value)}",
            )


def _resources_for(intake: Intake, tools: list[Any], explicit: Any) -> Any:
    """What the tools carry, plus the explicit ``tool_resources`` (lists appended)."""
    parts = [r for r in (tool_resources_of(t) for t in tools) if r]
    if explicit is not None and (is_unresolved(explicit) or is_resolvable_object(explicit)):
        if not parts:
            return explicit  # a reference to the whole value: Terraform knows it
        intake.fail(
            "tool_resources",
            "a reference to the whole value cannot be combined with the resources the tools "
            "carry; give them in the reference, or write tool_resources out",
        )
    if explicit:
        parts.append(explicit)
    try:
        return merge_tool_resources(parts)
    except ValueError as error:  # a reference to a list cannot be appended to
        intake.fail("tool_resources", str(error).removeprefix("tool_resources: "))


__all__ = [
    "Assistant",
    "IAssistant",
    "ImportedAssistant",
    "LookedUpAssistant",
]
