"""``ChatKitSession``: a short-lived ChatKit session for one end user of a workflow."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ._l2.base import L2Construct, add_violation, new_violations
from ._l2.boundary import literal_values, rendered
from ._l2.intake import Intake, check_id, keyword_hints, mapping
from ._l2.iteration import Iterated, take_iteration
from ._l2.placement import take_placement
from ._l2.rules import rule
from ._runtime.cdk import (
    Construct,
    ITerraformIterator,
    TerraformCount,
    TerraformProvider,
    TerraformResourceLifecycle,
)
from .l1.beta_chatkit_session import BetaChatkitSession

_NAMES = {
    "workflow.id": "workflow_id",
    "workflow.version": "workflow_version",
    "workflow.state_variables": "state_variables",
    "workflow.tracing.enabled": "tracing",
    "workflow.tracing": "tracing",
    "expires_after.seconds": "expires_after_seconds",
    "rate_limits.max_requests_per_1_minute": "max_requests_per_minute",
}
"""L1 attribute paths -> the parameters they come from, for messages."""

# SDK: SessionCreateParams.user and ChatSessionWorkflowParam.id are Required[str]: "A
# free-form string that identifies your end user", "Identifier for the workflow invoked by the
# session"; an empty string identifies nothing (the API would refuse it at apply).
_NOT_EMPTY = rule("chatkit.identifier")


class ChatKitSession(L2Construct[BetaChatkitSession], Iterated):
    """A ChatKit session (``openai_beta_chatkit_session``) for ``user`` on a workflow.

    ``client_secret`` is what a browser needs to talk to ChatKit; it is a sensitive value:
    output it only with ``sensitive=True``.
    """

    @keyword_hints("ChatKitSession")
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        workflow_id: str,
        user: str,
        workflow_version: str | None = None,
        state_variables: Mapping[str, str | int | float | bool] | None = None,
        tracing: bool | None = None,
        chatkit_configuration: Any = None,
        expires_after_seconds: int | None = None,
        max_requests_per_minute: int | None = None,
        for_each: ITerraformIterator | None = None,
        count: int | float | TerraformCount | None = None,
        provider: TerraformProvider | None = None,
        depends_on: Sequence[Any] | None = None,
        lifecycle: TerraformResourceLifecycle | Mapping[str, Any] | None = None,
    ) -> None:
        """Declare a session.

        :param workflow_id: The workflow (``wf_...``) the session runs.
        :param user: Your identifier for the end user; sessions of one user share objects.
        :param workflow_version: A deployed version. Default: the latest.
        :param state_variables: Values forwarded to the workflow: keys at most 64 characters,
            values strings, numbers or booleans (not ``None``: omit the key). Default: none.
        :param tracing: Trace the workflow's invocations. Default: the API's (enabled).
        :param chatkit_configuration: A dict (or helper) with ``file_upload``, ``history`` and
            ``automatic_thread_titling`` settings; uploads are capped at 512 MB per file.
        :param expires_after_seconds: Positive lifetime from creation. Default: 10 minutes.
        :param max_requests_per_minute: Positive rate limit. Default: the API's (10).
        :param for_each: One session per entry of a ``TerraformIterator`` (e.g. per user:
            ``user=iterator.value``); its ``key`` and ``value`` may be used in any attribute,
            ``state_variables`` values included. Default: one session.
        :param count: That many sessions (``count.index`` via a ``TerraformCount``).
        :param provider: The provider configuration its objects go to (e.g. an aliased
            ``OpenaiProvider`` of another project). Default: the default configuration.
        :param depends_on: Resources, data sources or constructs (an L2 construct stands for
            its resource, a pattern for all of its) created before its objects.
        :param lifecycle: ``TerraformResourceLifecycle`` (or a dict of its options) of its
            resource.
        """
        intake = Intake("ChatKitSession", scope, id)
        check_id(intake, id)
        placement = take_placement(intake, provider, depends_on, lifecycle)
        state_variables = mapping(
            intake, "state_variables", state_variables, "a dict of str, int, float or bool values"
        )
        if isinstance(state_variables, dict):
            for key, value in state_variables.items():
                if value is None:
                    intake.fail(
                        f"state_variables[{key!r}]",
                        "is None; state variables are strings, numbers or booleans (the API "
                        "takes no null here): omit the key",
                    )
        workflow: dict[str, Any] = {"id": workflow_id}
        if workflow_version is not None:
            workflow["version"] = workflow_version
        if state_variables is not None:
            workflow["state_variables"] = state_variables
        if tracing is not None:
            workflow["tracing"] = {"enabled": tracing}
        attributes: dict[str, Any] = {
            "user": user,
            "workflow": workflow,
            "chatkit_configuration": rendered(chatkit_configuration),
            "expires_after": (
                None
                if expires_after_seconds is None
                else {"anchor": "created_at", "seconds": expires_after_seconds}
            ),
            "rate_limits": (
                None
                if max_requests_per_minute is None
                else {"max_requests_per_1_minute": max_requests_per_minute}
            ),
        }
        violations = new_violations()
        for attribute, text in (("workflow_id", workflow_id), ("user", user)):
            if text == "":
                add_violation(violations, attribute, _NOT_EMPTY, "''")
        iteration = take_iteration(violations, for_each, count, intake)
        self._declare("ChatKitSession", scope, id, BetaChatkitSession, attributes, violations,
                      iteration, placement, names=_NAMES, escape=literal_values)

    @property
    def session_id(self) -> str:
        return str(self._single("id"))

    @property
    def session_ids(self) -> Any:
        """Every instance's id: a map by key (``for_each``), a list (``count``)."""
        return self._every("id")

    @property
    def client_secret(self) -> str:
        """The secret the ChatKit client uses; a sensitive reference, never a literal."""
        return str(self._single("client_secret"))

    @property
    def client_secrets(self) -> Any:
        """Every instance's secret (sensitive): a map by key, or a list with ``count``."""
        return self._every("client_secret")

    @property
    def expires_at(self) -> float:
        return float(self._single("expires_at"))

    @property
    def status(self) -> str:
        return str(self._single("status"))


__all__ = ["ChatKitSession"]
