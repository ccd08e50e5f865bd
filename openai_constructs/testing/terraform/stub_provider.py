"""A schema-only Terraform provider (plugin protocol 6) for offline ``validate`` and ``plan``.

It serves the schema read from a ``terraform providers schema -json`` file, rejects
configuration of read-only attributes (as the plugin framework does), plans computed values
as unknown and reads data sources back as their configuration with computed attributes
taken from the test's fixtures or schema-shaped samples (see :mod:`..data_sources`). It
never talks to a remote API.

What a plan over an existing state needs is served too: a state upgrade keeps the
attributes the schema knows, a read returns the prior state as it is, an ``import`` block's
id becomes an object with that id and nothing else known, a plan starts from the prior
state (Terraform's proposed state), and an apply deletes (a null new state) or refuses
anything else with a diagnostic (the stub cannot invent what an API would return). Every
call Terraform makes is logged (method, type, the object's ``id`` when there is one): the
kit reads the log after each check (``TerraformResult.provider_calls``), which is how a test
proves that a plan never read or changed an object.

Two ways to run it:

- ``--reattach --schema FILE --provider ADDRESS... --socket-dir DIR``: the testing kit's
  way. One long-lived process serves every provider on a Unix socket and prints the
  ``TF_REATTACH_PROVIDERS`` value Terraform needs to use it without starting anything
  (go-plugin's "reattach" mode, as provider debuggers use). It then reads control lines on
  stdin (the data-source routing of the next check) and exits when stdin closes.
- ``--schema FILE --provider ADDRESS --tls-dir DIR``: as a provider binary that Terraform
  starts itself, with go-plugin's handshake line and TLS.

``--check`` only loads the schema and reports.

The plugin libraries are untyped, so they are loaded through :func:`importlib.import_module`
and used as ``Any``: a user's ``mypy --strict`` that follows imports into the kit finds
nothing to report here.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import importlib
import json
import os
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent import futures
from pathlib import Path
from typing import Any

# The go-plugin handshake cookie Terraform sets for every provider it starts.
MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE"
MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"
_MAX_MESSAGE = 256 * 1024 * 1024
_UNKNOWN_TAG = 0


def _grpc() -> Any:
    return importlib.import_module("grpc")


def _msgpack() -> Any:
    return importlib.import_module("msgpack")


def _pb() -> Any:
    return importlib.import_module("tfplugin_proto.tfplugin6_5_pb2")


def ensure_tls_files(directory: Path) -> tuple[Path, Path]:
    """Create (once) the self-signed certificate Terraform will pin from the handshake."""
    cert_path, key_path = directory / "stub-cert.pem", directory / "stub-key.pem"
    if cert_path.exists() and key_path.exists():
        return cert_path, key_path
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=True,
                data_encipherment=False,
                key_agreement=True,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    directory.mkdir(parents=True, exist_ok=True)
    # Write to temporary names and rename, so concurrent first runs never see half a file.
    suffix = f".{os.getpid()}.tmp"
    key_tmp, cert_tmp = (
        key_path.with_name(key_path.name + suffix),
        cert_path.with_name(cert_path.name + suffix),
    )
    key_tmp.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_tmp.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    os.replace(key_tmp, key_path)
    os.replace(cert_tmp, cert_path)
    return cert_path, key_path


class _Unknown:
    """Marker for the walk: the value is not known yet."""


def _is_unknown(value: Any) -> bool:
    return isinstance(value, _msgpack().ExtType) and value.code == _UNKNOWN_TAG


def _unknown() -> Any:
    return _msgpack().ExtType(_UNKNOWN_TAG, b"\x00")


class StubProvider:
    """The provider behaviour, independent of gRPC so it can be unit-tested directly."""

    def __init__(self, schemas: Any, address: str, load_error: str | None = None) -> None:
        from openai_constructs.testing.schema import ProviderSchema

        self.load_error = load_error
        self.provider: ProviderSchema | None = None
        # Data-source routing of the current check (see data_sources.routing_table):
        # type name -> declarations with their literal arguments and fixtures.
        self.routes: dict[str, list[dict[str, Any]]] = {}
        # Every call Terraform made since the kit last took the log (see take_calls).
        self.calls: list[dict[str, Any]] = []
        self._schema_response: Any = None
        if schemas is not None:
            self.provider = schemas.providers.get(address)
            if self.provider is None:
                known = ", ".join(sorted(schemas.providers)) or "none"
                self.load_error = (
                    f"provider {address} is not in schema file {schemas.path} (it has: {known})"
                )

    # -- schema -----------------------------------------------------------------------------

    def schema_response(self) -> Any:
        """GetProviderSchema.Response from the loaded schema (or why not), built once."""
        if self._schema_response is None:
            self._schema_response = self._build_schema_response()
        return self._schema_response

    def _build_schema_response(self) -> Any:
        pb = _pb()
        response = pb.GetProviderSchema.Response()
        if self.provider is None:
            response.diagnostics.append(self._load_diagnostic())
            return response
        response.provider.CopyFrom(_pb_schema(self.provider.raw.get("provider", {}), 0))
        for kind, target in (
            ("resource_schemas", response.resource_schemas),
            ("data_source_schemas", response.data_source_schemas),
        ):
            for type_name, entry in self.provider.raw.get(kind, {}).items():
                target[type_name].CopyFrom(_pb_schema(entry, int(entry.get("version", 0))))
        return response

    def _load_diagnostic(self) -> Any:
        pb = _pb()
        return pb.Diagnostic(
            severity=pb.Diagnostic.ERROR,
            summary="openai-constructs stub provider: unusable schema file",
            detail=self.load_error or "no schema loaded",
        )

    # -- validation -------------------------------------------------------------------------

    def validate(self, kind: str, type_name: str, config: bytes) -> list[Any]:
        """Diagnostics for one configuration body: read-only attributes must stay unset."""
        if self.provider is None:
            return [self._load_diagnostic()]
        block = self._block(kind, type_name)
        if block is None:
            return [_error(f"{type_name} is not in the provider schema", "", [])]
        value = _decode(config)
        return [
            _error(
                "Invalid Configuration for Read-Only Attribute",
                "Cannot set a value for this attribute: the provider marks it as computed "
                "only. Remove the line that sets it.",
                path,
            )
            for path in _read_only_set(block, value, [])
        ]

    def plan(self, type_name: str, proposed: bytes, prior: bytes = b"") -> bytes:
        """Planned state: the proposed state with every unset computed value unknown, or,
        when nothing differs from the prior state, the prior state itself (as the plugin
        framework plans an unchanged object: no update)."""
        value = _decode(proposed)
        block = self._block("resource", type_name)
        if value is None or block is None:
            return proposed
        if prior and _decode(prior) == value:
            return proposed
        return _encode(_mark_computed_unknown(block, value))

    def read(self, type_name: str, config: bytes) -> tuple[bytes, list[Any]]:
        """The state a data source reads back, and diagnostics (an ambiguous fixture)."""
        from openai_constructs.testing.data_sources import fill_read, pick_fixture

        if self.provider is None:
            return config, [self._load_diagnostic()]
        block = self._block("data", type_name)
        value = _decode(config)
        if block is None or not isinstance(value, dict):
            return config, []
        fixture: Any = None
        rows = self.routes.get(type_name)
        if rows:
            fixture, problem = pick_fixture(rows, type_name, value)
            if problem:
                return config, [_error("Ambiguous data-source fixture", problem, [])]
        return _encode(fill_read(block, value, fixture)), []

    def log(self, method: str, type_name: str = "", state: Any = None) -> None:
        """Note one call; ``state``: a msgpack or JSON state whose ``id`` names the object."""
        entry: dict[str, Any] = {"method": method, "type": type_name}
        object_id = _state_id(state)
        if object_id is not None:
            entry["id"] = object_id
        self.calls.append(entry)

    def take_calls(self) -> list[dict[str, Any]]:
        """The calls logged since the last take (and an empty log)."""
        taken, self.calls = self.calls, []
        return taken

    def upgrade(self, type_name: str, raw_json: bytes) -> tuple[bytes, list[Any]]:
        """A stored state as JSON the schema accepts: attributes it does not know dropped
        (as a provider's upgrade would); an unreadable state is an error diagnostic."""
        block = self._block("resource", type_name) if self.provider is not None else None
        if block is None:
            return raw_json, []
        try:
            value = json.loads(raw_json or b"null")
        except ValueError as exc:
            return raw_json, [_error("Unreadable stored state", str(exc), [])]
        return json.dumps(_conform(block, value)).encode(), []

    def import_state(self, type_name: str, object_id: str) -> bytes | None:
        """The state an ``import`` of ``object_id`` gives: that id, every other value null
        (the stub knows nothing about the object; the read that follows keeps it)."""
        block = self._block("resource", type_name) if self.provider is not None else None
        if block is None:
            return None
        value = _null_object(block)
        value["id"] = object_id
        return _encode(value)

    def _block(self, kind: str, type_name: str) -> Any:
        assert self.provider is not None
        if kind == "provider":
            return self.provider.provider
        table = self.provider.resources if kind == "resource" else self.provider.data_sources
        return table.get(type_name)


def _pb_schema(entry: Mapping[str, Any], version: int) -> Any:
    pb = _pb()
    return pb.Schema(version=version, block=_pb_block(entry.get("block", {})))


def _pb_block(raw: Mapping[str, Any]) -> Any:
    pb = _pb()
    block = pb.Schema.Block(description=str(raw.get("description", "")))
    for name, spec in sorted(raw.get("attributes", {}).items()):
        block.attributes.append(_pb_attribute(name, spec))
    for name, nested in sorted(raw.get("block_types", {}).items()):
        block.block_types.append(
            pb.Schema.NestedBlock(
                type_name=name,
                block=_pb_block(nested.get("block", {})),
                nesting=getattr(pb.Schema.NestedBlock, str(nested["nesting_mode"]).upper()),
                min_items=int(nested.get("min_items", 0)),
                max_items=int(nested.get("max_items", 0)),
            )
        )
    return block


def _pb_attribute(name: str, spec: Mapping[str, Any]) -> Any:
    pb = _pb()
    attribute = pb.Schema.Attribute(
        name=name,
        description=str(spec.get("description", "")),
        required=bool(spec.get("required", False)),
        optional=bool(spec.get("optional", False)),
        computed=bool(spec.get("computed", False)),
        sensitive=bool(spec.get("sensitive", False)),
        deprecated=bool(spec.get("deprecated", False)),
    )
    if "type" in spec:
        attribute.type = json.dumps(spec["type"]).encode()
    else:
        nested = spec["nested_type"]
        obj = pb.Schema.Object(
            nesting=getattr(pb.Schema.Object, str(nested["nesting_mode"]).upper()),
            min_items=int(nested.get("min_items", 0)),
            max_items=int(nested.get("max_items", 0)),
        )
        for sub_name, sub in sorted(nested.get("attributes", {}).items()):
            obj.attributes.append(_pb_attribute(sub_name, sub))
        attribute.nested_type.CopyFrom(obj)
    return attribute


def _error(summary: str, detail: str, path: list[str | int]) -> Any:
    pb = _pb()
    diagnostic = pb.Diagnostic(severity=pb.Diagnostic.ERROR, summary=summary, detail=detail)
    for step in path:
        if isinstance(step, int):
            diagnostic.attribute.steps.append(pb.AttributePath.Step(element_key_int=step))
        elif step.startswith("."):
            diagnostic.attribute.steps.append(
                pb.AttributePath.Step(attribute_name=step.lstrip("."))
            )
        else:
            diagnostic.attribute.steps.append(pb.AttributePath.Step(element_key_string=step))
    return diagnostic


def _decode(data: bytes) -> Any:
    if not data:
        return None
    return _msgpack().unpackb(data, raw=False, strict_map_key=False)


def _encode(value: Any) -> bytes:
    packed: bytes = _msgpack().packb(value, use_bin_type=True)
    return packed


def _state_id(state: Any) -> str | None:
    """The ``id`` of a state given as msgpack bytes, JSON bytes or a decoded value."""
    if isinstance(state, (bytes, bytearray)):
        try:
            state = _decode(bytes(state))
        except Exception:
            try:
                state = json.loads(state)
            except ValueError:
                return None
    if isinstance(state, dict):
        value = state.get("id")
        if isinstance(value, str):
            return value
    return None


def _null_object(block: Any) -> dict[str, Any]:
    """An object of ``block``'s type with every value null (and empty nested blocks)."""
    value: dict[str, Any] = dict.fromkeys(block.attributes)
    for name, block_type in block.block_types.items():
        mode = block_type.nesting_mode
        value[name] = [] if mode in ("list", "set") else ({} if mode == "map" else None)
    return value


def _conform(block: Any, value: Any) -> Any:
    """``value`` with only the attributes and blocks ``block`` knows, at every depth."""
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for name, attribute in block.attributes.items():
        if name not in value:
            continue
        item = value[name]
        if attribute.nested is not None and item is not None:
            item = _conform_nested(attribute.nested.nesting_mode, item, attribute.nested)
        out[name] = item
    for name, block_type in block.block_types.items():
        if name in value and value[name] is not None:
            out[name] = _conform_nested(block_type.nesting_mode, value[name], block_type.block)
    return out


def _conform_nested(mode: str, item: Any, inner: Any) -> Any:
    if mode in ("single", "group"):
        return _conform(inner, item)
    if isinstance(item, dict):
        return {k: _conform(inner, v) for k, v in item.items()}
    if isinstance(item, list):
        return [_conform(inner, v) for v in item]
    return item


def _elements(mode: str, value: Any) -> Iterator[tuple[str | int, Any]]:
    """The objects inside a nested value, with the path step that reaches each."""
    if value is None or _is_unknown(value):
        return
    if mode in ("single", "group"):
        yield from ()
        return
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key), item
    elif isinstance(value, list):
        yield from enumerate(value)


def _read_only_set(block: Any, value: Any, path: list[str | int]) -> Iterator[list[str | int]]:
    """Paths of computed-only attributes that the configuration sets (unknown counts as set)."""
    if not isinstance(value, dict):
        return
    for name, attribute in block.attributes.items():
        item = value.get(name)
        here = [*path, "." + name]
        if item is None:
            continue
        if attribute.computed_only:
            yield here
            continue
        if attribute.nested is not None and not _is_unknown(item):
            yield from _walk_nested(
                attribute.nested.nesting_mode, item, here, attribute.nested, _read_only_set
            )
    for name, block_type in block.block_types.items():
        item = value.get(name)
        here = [*path, "." + name]
        if item is not None and not _is_unknown(item):
            yield from _walk_nested(
                block_type.nesting_mode, item, here, block_type.block, _read_only_set
            )


def _walk_nested(
    mode: str,
    item: Any,
    here: list[str | int],
    inner: Any,
    fn: Callable[[Any, Any, list[str | int]], Iterator[list[str | int]]],
) -> Iterator[list[str | int]]:
    if mode in ("single", "group"):
        yield from fn(inner, item, here)
        return
    for step, element in _elements(mode, item):
        yield from fn(inner, element, [*here, step])


def _mark_computed_unknown(block: Any, value: Any) -> Any:
    """Copy of ``value`` where computed attributes left null become unknown."""
    if not isinstance(value, dict):
        return value
    result = dict(value)
    for name, attribute in block.attributes.items():
        item = result.get(name)
        if item is None:
            if attribute.computed:
                result[name] = _unknown()
            continue
        if attribute.nested is not None and not _is_unknown(item):
            result[name] = _map_nested(attribute.nested.nesting_mode, item, attribute.nested)
    for name, block_type in block.block_types.items():
        item = result.get(name)
        if item is not None and not _is_unknown(item):
            result[name] = _map_nested(block_type.nesting_mode, item, block_type.block)
    return result


def _map_nested(mode: str, item: Any, inner: Any) -> Any:
    if mode in ("single", "group"):
        return _mark_computed_unknown(inner, item)
    if isinstance(item, dict):
        return {k: _mark_computed_unknown(inner, v) for k, v in item.items()}
    if isinstance(item, list):
        return [_mark_computed_unknown(inner, v) for v in item]
    return item


# -- gRPC wiring ---------------------------------------------------------------------------


def _handlers(stub: StubProvider, stopped: threading.Event) -> list[Any]:
    grpc = _grpc()
    pb = _pb()

    def dyn(data: bytes) -> Any:
        return pb.DynamicValue(msgpack=data)

    def get_metadata(request: Any, context: Any) -> Any:
        response = pb.GetMetadata.Response()
        if stub.provider is None:
            response.diagnostics.append(stub._load_diagnostic())
            return response
        for name in sorted(stub.provider.resources):
            response.resources.append(pb.GetMetadata.ResourceMetadata(type_name=name))
        for name in sorted(stub.provider.data_sources):
            response.data_sources.append(pb.GetMetadata.DataSourceMetadata(type_name=name))
        return response

    def validate_provider(request: Any, context: Any) -> Any:
        stub.log("ValidateProviderConfig")
        diags = stub.validate("provider", "", request.config.msgpack)
        return pb.ValidateProviderConfig.Response(diagnostics=diags)

    def validate_resource(request: Any, context: Any) -> Any:
        stub.log("ValidateResourceConfig", request.type_name)
        diags = stub.validate("resource", request.type_name, request.config.msgpack)
        return pb.ValidateResourceConfig.Response(diagnostics=diags)

    def validate_data(request: Any, context: Any) -> Any:
        stub.log("ValidateDataResourceConfig", request.type_name)
        diags = stub.validate("data", request.type_name, request.config.msgpack)
        return pb.ValidateDataResourceConfig.Response(diagnostics=diags)

    def configure(request: Any, context: Any) -> Any:
        stub.log("ConfigureProvider")
        return pb.ConfigureProvider.Response()

    def upgrade_state(request: Any, context: Any) -> Any:
        stub.log("UpgradeResourceState", request.type_name, request.raw_state.json)
        upgraded, diagnostics = stub.upgrade(request.type_name, request.raw_state.json)
        return pb.UpgradeResourceState.Response(
            upgraded_state=pb.DynamicValue(json=upgraded), diagnostics=diagnostics
        )

    def read_resource(request: Any, context: Any) -> Any:
        stub.log("ReadResource", request.type_name, request.current_state.msgpack)
        return pb.ReadResource.Response(new_state=request.current_state, private=request.private)

    def import_state(request: Any, context: Any) -> Any:
        stub.log("ImportResourceState", request.type_name, {"id": request.id})
        state = stub.import_state(request.type_name, request.id)
        if state is None:
            return pb.ImportResourceState.Response(
                diagnostics=[_error(f"{request.type_name} is not in the provider schema", "", [])]
            )
        return pb.ImportResourceState.Response(
            imported_resources=[
                pb.ImportResourceState.ImportedResource(
                    type_name=request.type_name, state=dyn(state)
                )
            ]
        )

    def plan_change(request: Any, context: Any) -> Any:
        stub.log("PlanResourceChange", request.type_name, request.prior_state.msgpack)
        planned = stub.plan(
            request.type_name, request.proposed_new_state.msgpack, request.prior_state.msgpack
        )
        return pb.PlanResourceChange.Response(
            planned_state=dyn(planned), planned_private=request.prior_private
        )

    def apply_change(request: Any, context: Any) -> Any:
        stub.log("ApplyResourceChange", request.type_name, request.prior_state.msgpack)
        planned = _decode(request.planned_state.msgpack)
        if planned is None:  # a delete: the object is gone
            return pb.ApplyResourceChange.Response(new_state=request.planned_state)
        return pb.ApplyResourceChange.Response(
            new_state=request.prior_state,
            diagnostics=[
                _error(
                    "The stub provider applies only deletes",
                    "openai-constructs' stub provider never calls an API, so it cannot "
                    "create or update an object (it would have to invent what the API "
                    "returns). Apply plans that only forget, remove or delete objects.",
                    [],
                )
            ],
        )

    def read_data(request: Any, context: Any) -> Any:
        stub.log("ReadDataSource", request.type_name)
        state, diagnostics = stub.read(request.type_name, request.config.msgpack)
        return pb.ReadDataSource.Response(state=dyn(state), diagnostics=diagnostics)

    def stop_provider(request: Any, context: Any) -> Any:
        return pb.StopProvider.Response()

    def shutdown(request: bytes, context: Any) -> bytes:
        stopped.set()
        return b""

    def unary(fn: Any, message: Any) -> Any:
        return grpc.unary_unary_rpc_method_handler(
            fn,
            request_deserializer=message.Request.FromString,
            response_serializer=message.Response.SerializeToString,
        )

    provider = grpc.method_handlers_generic_handler(
        "tfplugin6.Provider",
        {
            "GetMetadata": unary(get_metadata, pb.GetMetadata),
            "GetProviderSchema": unary(
                lambda request, context: stub.schema_response(), pb.GetProviderSchema
            ),
            "ValidateProviderConfig": unary(validate_provider, pb.ValidateProviderConfig),
            "ValidateResourceConfig": unary(validate_resource, pb.ValidateResourceConfig),
            "ValidateDataResourceConfig": unary(validate_data, pb.ValidateDataResourceConfig),
            "ConfigureProvider": unary(configure, pb.ConfigureProvider),
            "UpgradeResourceState": unary(upgrade_state, pb.UpgradeResourceState),
            "ReadResource": unary(read_resource, pb.ReadResource),
            "ImportResourceState": unary(import_state, pb.ImportResourceState),
            "PlanResourceChange": unary(plan_change, pb.PlanResourceChange),
            "ApplyResourceChange": unary(apply_change, pb.ApplyResourceChange),
            "ReadDataSource": unary(read_data, pb.ReadDataSource),
            "StopProvider": unary(stop_provider, pb.StopProvider),
        },
    )
    # go-plugin asks the plugin to exit through this service; without it Terraform waits
    # two seconds and then kills the process, on every run.
    controller = grpc.method_handlers_generic_handler(
        "plugin.GRPCController",
        {"Shutdown": grpc.unary_unary_rpc_method_handler(shutdown)},
    )
    return [provider, controller]


def serve(schema_path: Path | None, address: str, tls_dir: Path) -> int:
    """Start the gRPC server, print the go-plugin handshake and block until shut down."""
    grpc = _grpc()

    from openai_constructs.testing.schema import SchemaFileError, load_schema

    schemas, load_error = None, None
    try:
        schemas = load_schema(schema_path)
    except SchemaFileError as exc:
        load_error = str(exc)
        print(f"openai-constructs stub provider: {load_error}", file=sys.stderr)
    stub = StubProvider(schemas, address, load_error)

    cert_path, key_path = ensure_tls_files(tls_dir)
    cert_pem = cert_path.read_bytes()
    stopped = threading.Event()
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=8),
        options=[
            ("grpc.max_send_message_length", _MAX_MESSAGE),
            ("grpc.max_receive_message_length", _MAX_MESSAGE),
        ],
    )
    for handler in _handlers(stub, stopped):
        server.add_generic_rpc_handlers((handler,))
    credentials = grpc.ssl_server_credentials(
        [(key_path.read_bytes(), cert_pem)], require_client_auth=False
    )
    port = server.add_secure_port("127.0.0.1:0", credentials)
    server.start()
    print(f"1|6|tcp|127.0.0.1:{port}|grpc|{_der_base64(cert_pem)}", flush=True)
    stopped.wait()
    server.stop(grace=0.2)
    return 0


def serve_reattach(schema_path: Path | None, addresses: list[str], socket_dir: Path) -> int:
    """Serve every provider on its own Unix socket until stdin closes.

    Prints one line, the JSON value of ``TF_REATTACH_PROVIDERS``; then reads one JSON
    object per line on stdin: ``{"routes": {...}}`` (the data-source routing of the next
    check), answered with ``ok``, or ``{"take_calls": true}``, answered with the JSON list
    of the calls logged since the last take; it exits at end of input. Plain gRPC over a socket
    in a private directory: a reattached provider gets no TLS from go-plugin.
    """
    grpc = _grpc()
    from openai_constructs.testing.schema import SchemaFileError, load_schema

    schemas, load_error = None, None
    try:
        schemas = load_schema(schema_path)
    except SchemaFileError as exc:
        load_error = str(exc)
        print(f"openai-constructs stub provider: {load_error}", file=sys.stderr)
    socket_dir.mkdir(parents=True, exist_ok=True)
    socket_dir.chmod(0o700)
    stubs: list[StubProvider] = []
    servers: list[Any] = []
    reattach: dict[str, Any] = {}
    for index, address in enumerate(addresses):
        stub = StubProvider(schemas, address, load_error)
        server = grpc.server(
            futures.ThreadPoolExecutor(max_workers=4),
            options=[
                ("grpc.max_send_message_length", _MAX_MESSAGE),
                ("grpc.max_receive_message_length", _MAX_MESSAGE),
            ],
        )
        for handler in _handlers(stub, threading.Event()):
            server.add_generic_rpc_handlers((handler,))
        path = socket_dir / f"provider-{index}.sock"
        if path.exists():
            path.unlink()
        server.add_insecure_port(f"unix:{path}")
        server.start()
        stubs.append(stub)
        servers.append(server)
        reattach[address] = {
            "Protocol": "grpc",
            "ProtocolVersion": 6,
            # go-plugin watches this pid and cancels a command's requests when it is gone
            # (pid 0 reads as gone after a second). Its watcher opens a pidfd per poll and
            # per command that some versions never close: the runner recycles the worker
            # before that adds up (see runner._Session.ensure).
            "Pid": os.getpid(),
            # Test mode: Terraform neither kills this process nor asks it to exit after
            # a command, so one process serves a whole test session.
            "Test": True,
            "Addr": {"Network": "unix", "String": str(path)},
        }
    print(json.dumps(reattach), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            message = json.loads(line)
            if message.get("take_calls"):
                calls = [c for stub in stubs for c in stub.take_calls()]
                print(json.dumps(calls), flush=True)
                continue
            routes = message.get("routes") or {}
            for stub in stubs:
                stub.routes = {str(k): list(v) for k, v in routes.items()}
            print("ok", flush=True)
        except (ValueError, AttributeError, TypeError) as exc:
            print(f"error: {exc}", flush=True)
    for server in servers:
        server.stop(grace=0.2)
    return 0


def _der_base64(cert_pem: bytes) -> str:
    body = b"".join(
        line for line in cert_pem.splitlines() if line and not line.startswith(b"-----")
    )
    return base64.b64encode(base64.b64decode(body)).decode().rstrip("=")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: serve for Terraform, or ``--check`` a schema file."""
    parser = argparse.ArgumentParser(prog="openai-constructs-stub-provider")
    parser.add_argument("--schema", type=Path, default=None, help="providers schema -json file")
    parser.add_argument(
        "--provider", action="append", default=[], help="provider source address to serve"
    )
    parser.add_argument(
        "--reattach", action="store_true", help="serve for TF_REATTACH_PROVIDERS until stdin ends"
    )
    parser.add_argument("--socket-dir", type=Path, default=None, help="where the sockets go")
    parser.add_argument("--tls-dir", type=Path, default=None, help="where the cert is cached")
    parser.add_argument("--check", action="store_true", help="only load the schema and report")
    args = parser.parse_args(argv)

    from openai_constructs.testing.schema import SchemaFileError, load_schema

    if args.check:
        try:
            schemas = load_schema(args.schema)
        except SchemaFileError as exc:
            print(f"openai-constructs stub provider: {exc}", file=sys.stderr)
            return 2
        for address, provider in schemas.providers.items():
            print(
                f"{address}: {len(provider.resources)} resources, "
                f"{len(provider.data_sources)} data sources"
            )
        return 0
    if args.reattach:
        if not args.provider or args.socket_dir is None:
            print("--reattach needs --provider and --socket-dir", file=sys.stderr)
            return 2
        return serve_reattach(args.schema, list(args.provider), args.socket_dir)
    if os.environ.get(MAGIC_COOKIE_KEY) != MAGIC_COOKIE_VALUE:
        print(
            "This is a Terraform provider plugin: Terraform starts it. "
            "Use --check to test a schema file by hand.",
            file=sys.stderr,
        )
        return 1
    tls_dir = args.tls_dir or Path(os.environ.get("TMPDIR", "/tmp")) / "openai-constructs-stub"
    try:
        return serve(args.schema, args.provider[0] if args.provider else "", tls_dir)
    except Exception as exc:
        # Before the handshake, stdout is the only channel Terraform shows the user: it
        # quotes an unexpected first line as "Unrecognized remote plugin message: ...".
        message = f"openai-constructs stub provider failed to start: {exc!r}"
        print(message, flush=True)
        print(message, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
