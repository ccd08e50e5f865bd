"""``ChatKitSessions``: sessions of one workflow for a set of users, configured once."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .._l2.base import add_violation, atomic, construct_path, new_violations, raise_for
from .._l2.intake import Intake, check_id, items, keyword_hints
from .._l2.iteration import collection_iterator
from .._l2.rules import rule
from .._runtime import names
from .._runtime.cdk import Construct, ITerraformIterator, TerraformOutput, TerraformVariable
from .._runtime.terraform_types import describe
from .._runtime.tokens import is_unresolved
from ..chatkit import ChatKitSession

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")

_OUTPUT_FIX = (
    "outputs are named <output_prefix>_<name>_session_id and ..._client_secret: give each "
    "ChatKitSessions in a stack its own output_prefix"
)
_UNIQUE = rule("sessions.unique_name")
_AT_LEAST_ONE = rule("sessions.users")

StateVariables = Mapping[str, str | int | float | bool]


class ChatKitSessions(Construct):
    """One ``ChatKitSession`` per user of a workflow, sharing configuration.

    Each session's ``client_secret`` is emitted as a ``sensitive`` output
    ``<prefix>_<name>_client_secret``; Terraform never prints it.
    """

    @keyword_hints("ChatKitSessions")
    @atomic
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        workflow_id: str,
        users: Sequence[str] | Mapping[str, str] | ITerraformIterator | TerraformVariable,
        workflow_version: str | None = None,
        state_variables: StateVariables | None = None,
        state_variables_for: Callable[[str], StateVariables] | None = None,
        tracing: bool | None = None,
        chatkit_configuration: Any = None,
        expires_after_seconds: int | None = None,
        max_requests_per_minute: int | None = None,
        outputs: bool = True,
        output_prefix: str | None = None,
        on_session: Callable[[str, ChatKitSession], None] | None = None,
    ) -> None:
        """Declare the sessions.

        :param users: User identifiers, or name -> user identifier when the identifiers are
            not usable as names (names become construct ids and output names; in a plain list
            characters other than letters, digits, ``_`` and ``-`` become ``_``). Or a
            ``TerraformIterator`` / ``TerraformVariable`` (a list or set of user ids, or a map
            of name to user id): one session construct ``Sessions`` with ``for_each``, one
            session per entry (``user`` is the entry's value), possibly none.
        :param state_variables: Shared state variables for every session.
        :param state_variables_for: ``user -> state variables`` merged over the shared ones
            (with ``users`` from an iterator, called once with the ``each.value`` reference).
        :param outputs: Emit the session ids and (sensitive) client secrets. Default: ``True``.
        :param output_prefix: Prefix of output names. Default: this construct's id.
        :param on_session: Called with ``(name, session)`` after each session is declared.

        The other options are those of ``ChatKitSession``, applied to every session. With
        ``users`` from an iterator the outputs are maps by key: ``<prefix>_session_ids`` and
        ``<prefix>_client_secrets`` (sensitive).
        """
        intake = Intake("ChatKitSessions", scope, id)
        check_id(intake, id)
        for name, callback in (("state_variables_for", state_variables_for),
                               ("on_session", on_session)):
            if callback is not None and not callable(callback):
                intake.fail(name, f"expects a function, got {describe(callback)}")
        iterator = collection_iterator(construct_path(scope, id), "users", users, text=True)
        if iterator is not None:
            self._declare_iterated(
                scope,
                id,
                iterator,
                output_prefix=output_prefix,
                outputs=outputs,
                on_session=on_session,
                state_variables=state_variables,
                state_variables_for=state_variables_for,
                workflow_id=workflow_id,
                workflow_version=workflow_version,
                tracing=tracing,
                chatkit_configuration=chatkit_configuration,
                expires_after_seconds=expires_after_seconds,
                max_requests_per_minute=max_requests_per_minute,
            )
            return
        named = _named_users(intake, users)
        violations = new_violations()
        seen: dict[str, str] = {}
        for name, user in named:
            if name in seen or name == "Outputs":
                add_violation(
                    violations, "users", _UNIQUE, f"{seen.get(name, name)!r} and {user!r}"
                )
            seen[name] = user
        if not named:
            add_violation(violations, "users", _AT_LEAST_ONE, "none")
        raise_for(violations, scope, id)
        prefix = _UNSAFE.sub("_", output_prefix if output_prefix is not None else id)
        place = names.check_scope_id(type(self).__name__, scope, id)
        if outputs:  # every output name free in the stack before anything is created
            names.check_free(type(self).__name__, place, "output", [
                (f"Outputs/{name}_{suffix}", f"{prefix}_{name}_{suffix}")
                for name, _user in named for suffix in ("session_id", "client_secret")
            ], _OUTPUT_FIX)
        super().__init__(scope, id)
        names.remember(self, place)
        self._prefix = prefix
        self._sessions: dict[str, ChatKitSession] = {}
        output_scope = Construct(self, "Outputs") if outputs else None
        if output_scope is not None:
            names.remember(output_scope, names.child_place(self, "Outputs"))
        for name, user in named:
            variables = dict(state_variables or {})
            if state_variables_for is not None:
                variables.update(state_variables_for(user))
            session = ChatKitSession(
                self,
                name,
                workflow_id=workflow_id,
                user=user,
                workflow_version=workflow_version,
                state_variables=variables or None,
                tracing=tracing,
                chatkit_configuration=chatkit_configuration,
                expires_after_seconds=expires_after_seconds,
                max_requests_per_minute=max_requests_per_minute,
            )
            self._sessions[name] = session
            if output_scope is not None:
                TerraformOutput(
                    output_scope, f"{name}_session_id", value=session.session_id
                ).override_logical_id(f"{self._prefix}_{name}_session_id")
                TerraformOutput(
                    output_scope,
                    f"{name}_client_secret",
                    value=session.client_secret,
                    sensitive=True,
                ).override_logical_id(f"{self._prefix}_{name}_client_secret")
                for suffix in ("session_id", "client_secret"):
                    names.claim(names.child_place(output_scope, f"{name}_{suffix}"),
                                ("output", f"{self._prefix}_{name}_{suffix}"))
            if on_session is not None:
                on_session(name, session)

    def _declare_iterated(
        self,
        scope: Construct,
        id: str,
        iterator: Any,
        *,
        output_prefix: str | None,
        outputs: bool,
        on_session: Callable[[str, ChatKitSession], None] | None,
        state_variables: StateVariables | None,
        state_variables_for: Callable[[Any], StateVariables] | None,
        **options: Any,
    ) -> None:
        variables = dict(state_variables or {})
        if state_variables_for is not None:
            variables.update(state_variables_for(iterator.value))
        super().__init__(scope, id)
        self._prefix = _UNSAFE.sub("_", output_prefix if output_prefix is not None else id)
        self._sessions = {}
        session = ChatKitSession(
            self,
            "Sessions",
            user=iterator.value,
            state_variables=variables or None,
            for_each=iterator,
            **options,
        )
        self._each: ChatKitSession | None = session
        if outputs:
            output_scope = Construct(self, "Outputs")
            TerraformOutput(
                output_scope, "session_ids", value=session.session_ids
            ).override_logical_id(f"{self._prefix}_session_ids")
            TerraformOutput(
                output_scope, "client_secrets", value=session.client_secrets, sensitive=True
            ).override_logical_id(f"{self._prefix}_client_secrets")
        if on_session is not None:
            on_session(iterator.key, session)

    @property
    def sessions(self) -> dict[str, ChatKitSession]:
        """Sessions by name (a copy), in the order of ``users`` (empty for ``users`` from an
        iterator: see ``iterated_session``)."""
        return dict(self._sessions)

    @property
    def iterated_session(self) -> ChatKitSession | None:
        """The session construct with ``for_each`` when ``users`` came from an iterator or a
        variable (``session_ids``/``client_secrets`` by key)."""
        return self.__dict__.get("_each")


def _named_users(intake: Intake, users: Any) -> list[tuple[str, str]]:
    if isinstance(users, Mapping):
        pairs = list(users.items())
    else:
        pairs = [(user, user) for user in items(intake, "users", users, "user")]
    for index, (name, user) in enumerate(pairs):
        if not isinstance(user, str):
            where = f"users[{name!r}]" if isinstance(users, Mapping) else f"users[{index}]"
            intake.fail(where, f"expects a user identifier (a string), got {describe(user)}")
        if is_unresolved(user) and not isinstance(users, Mapping):
            intake.fail(
                f"users[{index}]",
                "a reference cannot name a session (names become construct ids); pass a "
                "mapping of name to user",
            )
        if is_unresolved(name) or (isinstance(users, Mapping) and not isinstance(name, str)):
            intake.fail(
                "users",
                f"a name must be a literal string (it becomes a construct id), got "
                f"{describe(name)}",
            )
    return [(_UNSAFE.sub("_", str(name)), user) for name, user in pairs]


__all__ = ["ChatKitSessions"]
