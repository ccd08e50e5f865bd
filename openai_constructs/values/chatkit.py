"""ChatKit session settings: the workflow, runtime features, rate limits and expiry."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, TypedDict

from .._l2.intake import hinted
from ..errors import AttributeTypeError
from ..validation import check_value
from ._common import copy_json, freeze_mapping

__all__ = [
    "ChatKitConfiguration",
    "ExpiresAfter",
    "FileUpload",
    "History",
    "RateLimits",
    "StateValue",
    "Workflow",
]

StateValue = str | int | float | bool
"""State variables are primitives: the workflow receives them as plain JSON values (the API
takes no null: omit a key instead of setting it to ``None``)."""


class EnabledParam(TypedDict):
    enabled: bool


class _WorkflowRequired(TypedDict):
    id: str


class WorkflowParam(_WorkflowRequired, total=False):
    version: str
    state_variables: dict[str, StateValue]
    tracing: EnabledParam


class FileUploadParam(TypedDict, total=False):
    enabled: bool
    max_file_size: int
    max_files: int


class HistoryParam(TypedDict, total=False):
    enabled: bool
    recent_threads: int


class ChatKitConfigurationParam(TypedDict, total=False):
    automatic_thread_titling: EnabledParam
    file_upload: FileUploadParam
    history: HistoryParam


class ExpiresAfterParam(TypedDict):
    anchor: Literal["created_at"]
    seconds: int


class RateLimitsParam(TypedDict):
    max_requests_per_1_minute: int


@hinted
@dataclass(frozen=True)
class Workflow:
    """The workflow behind the session; ``version=None`` runs the latest deployed one."""

    id: str
    version: str | None = None
    state_variables: Mapping[str, StateValue] | None = None
    tracing: bool | None = None
    """``None`` keeps the API default (tracing on)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "state_variables", freeze_mapping(self.state_variables))
        if isinstance(self.state_variables, dict):
            for key, value in self.state_variables.items():
                if value is None:
                    raise AttributeTypeError(
                        f"Workflow: state_variables[{key!r}]: is None; state variables are "
                        "strings, numbers or booleans (the API takes no null here): omit the key"
                    )
        check_value("Workflow", [
            ("chatkit.state_variables.key_length", "state_variables", self.state_variables),
            ("chatkit.state_variables.values", "state_variables", self.state_variables),
        ])

    def render(self) -> WorkflowParam:
        out: WorkflowParam = {"id": self.id}
        if self.version is not None:
            out["version"] = self.version
        if self.state_variables is not None:
            out["state_variables"] = copy_json(self.state_variables)
        if self.tracing is not None:
            out["tracing"] = {"enabled": self.tracing}
        return out


@hinted
@dataclass(frozen=True)
class FileUpload:
    """Uploads in the session (off by default in the API, so ``enabled`` defaults to True)."""

    enabled: bool = True
    max_file_size: int | None = None
    """Megabytes per file, at most 512."""
    max_files: int | None = None

    def __post_init__(self) -> None:
        check_value("FileUpload", [
            ("chatkit.file_upload.max_file_size", "max_file_size", self.max_file_size),
            ("chatkit.file_upload.max_files", "max_files", self.max_files),
        ])

    def render(self) -> FileUploadParam:
        out: FileUploadParam = {"enabled": self.enabled}
        if self.max_file_size is not None:
            out["max_file_size"] = self.max_file_size
        if self.max_files is not None:
            out["max_files"] = self.max_files
        return out


@hinted
@dataclass(frozen=True)
class History:
    """Access to earlier threads; ``recent_threads=None`` means no limit."""

    enabled: bool = True
    recent_threads: int | None = None

    def __post_init__(self) -> None:
        check_value("History", [
            ("chatkit.history.recent_threads", "recent_threads", self.recent_threads),
        ])

    def render(self) -> HistoryParam:
        out: HistoryParam = {"enabled": self.enabled}
        if self.recent_threads is not None:
            out["recent_threads"] = self.recent_threads
        return out


@hinted
@dataclass(frozen=True)
class ChatKitConfiguration:
    """Runtime feature overrides; ``None`` leaves a feature at the API default."""

    automatic_thread_titling: bool | None = None
    file_upload: FileUpload | None = None
    history: History | None = None

    def render(self) -> ChatKitConfigurationParam:
        out: ChatKitConfigurationParam = {}
        if self.automatic_thread_titling is not None:
            out["automatic_thread_titling"] = {"enabled": self.automatic_thread_titling}
        if self.file_upload is not None:
            out["file_upload"] = self.file_upload.render()
        if self.history is not None:
            out["history"] = self.history.render()
        return out


@hinted
@dataclass(frozen=True)
class ExpiresAfter:
    """The session expires ``seconds`` after it is created (the API default is 10 minutes)."""

    seconds: int
    anchor: Literal["created_at"] = "created_at"

    def __post_init__(self) -> None:
        check_value("ExpiresAfter", [
            ("chatkit.expires_after.seconds", "seconds", self.seconds),
            ("chatkit.expires_after.anchor", "anchor", self.anchor),
        ])

    def render(self) -> ExpiresAfterParam:
        return {"anchor": self.anchor, "seconds": self.seconds}


@hinted
@dataclass(frozen=True)
class RateLimits:
    """Requests per minute for the session (the API default is 10)."""

    max_requests_per_1_minute: int

    def __post_init__(self) -> None:
        check_value("RateLimits", [
            ("chatkit.rate_limits", "max_requests_per_1_minute", self.max_requests_per_1_minute),
        ])

    def render(self) -> RateLimitsParam:
        return {"max_requests_per_1_minute": self.max_requests_per_1_minute}
