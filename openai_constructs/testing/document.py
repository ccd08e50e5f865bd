"""Turning stacks into plain Terraform JSON, and normalizing it for snapshots."""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Iterator, Mapping
from typing import Any

from openai_constructs.testing.schema import Block, ProviderSchemas

Document = dict[str, Any]

REDACTED = "<sensitive>"
_COMMENT_KEY = "//"
# A whole-string reference such as ${var.key} or ${openai_beta_thread.t.id}: it shows how
# a secret is wired without containing it, so snapshots keep it.
_PURE_REFERENCE = re.compile(
    r"^\$\{[A-Za-z_][A-Za-z0-9_\-]*(?:\.[A-Za-z_][A-Za-z0-9_\-]*|\[\d+\])*\}$"
)


def is_pure_reference(value: Any) -> bool:
    """True for a whole-string reference such as ``${var.key}``: wiring, not a secret."""
    return isinstance(value, str) and _PURE_REFERENCE.match(value) is not None


def to_document(subject: Any) -> Document:
    """Return the Terraform JSON of a stack, a JSON string/bytes or a dict (copied)."""
    if isinstance(subject, Mapping):
        return copy.deepcopy(dict(subject))
    if isinstance(subject, (str, bytes, bytearray)):
        parsed = json.loads(subject)
        if not isinstance(parsed, dict):
            raise TypeError("a synthesized Terraform document must be a JSON object")
        return parsed
    return _synthesized(subject)[1]


def synth(stack: Any) -> str:
    """Synthesize a TerraformStack to its JSON text without cdktf's own validations.

    The text of ``Testing.synth(stack)``, produced in linear time (``Testing.synth`` is
    quadratic in the number of resources of one type; see ``docs/performance.md``). Two
    elements that ended up with one Terraform name (which the text would hold as one merged
    entry) or a name Terraform refuses raise ``ConstructIdError`` instead, as ``App.synth()``
    does (``docs/safety.md``, Terraform names).
    """
    return _synthesized(stack)[0]


def _synthesized(stack: Any) -> tuple[str, Document]:
    """The text of :func:`synth` and its parsed document, once the names are checked."""
    from openai_constructs._runtime import batch, forgetting, names
    from openai_constructs._runtime.cdk import TerraformStack

    if not isinstance(stack, TerraformStack):
        raise TypeError(
            "expected a TerraformStack, a synthesized JSON string or a dict, got "
            f"{type(stack).__name__}"
        )
    try:
        text = batch.synth_document(stack)
    except RuntimeError as error:  # an aspect's refusal, back from node as text
        refusal = names.refusal_behind(error)
        if refusal is None:
            raise
        raise refusal from None
    document: Document = json.loads(text)
    names.check_document(stack, document)
    forgetting.check_document(stack, document)
    return text, document


def strip_comments(value: Any) -> Any:
    """Drop cdktf's ``//`` metadata blocks (construct paths, cdktf version) at any depth."""
    if isinstance(value, dict):
        return {k: strip_comments(v) for k, v in value.items() if k != _COMMENT_KEY}
    if isinstance(value, list):
        return [strip_comments(v) for v in value]
    return value


def bodies(doc: Mapping[str, Any]) -> Iterator[tuple[str, str, str, Any]]:
    """Every configuration body: (kind, type, name, body) for resources, data and providers.

    Provider bodies get the name ``""`` for the default configuration, else their alias.
    A body given as a list of objects (valid in Terraform JSON) yields each object.
    """
    for kind, section in (("resource", "resource"), ("data", "data")):
        for type_name, named in _mapping(doc.get(section)).items():
            for name, body in _mapping(named).items():
                for item in body if isinstance(body, list) else [body]:
                    yield kind, type_name, name, item
    for type_name, configs in _mapping(doc.get("provider")).items():
        for item in configs if isinstance(configs, list) else [configs]:
            alias = item.get("alias", "") if isinstance(item, dict) else ""
            yield "provider", type_name, str(alias), item


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def block_for(schemas: ProviderSchemas, kind: str, type_name: str) -> Block | None:
    """The schema block of a body, if the schema file knows its type."""
    if kind == "resource":
        return schemas.resource(type_name)
    if kind == "data":
        return schemas.data_source(type_name)
    provider = schemas.provider_by_name(type_name)
    return provider.provider if provider is not None else None


def redact(doc: Document, schemas: ProviderSchemas | None) -> Document:
    """Replace values of sensitive attributes, sensitive variables and sensitive outputs.

    Whole-string references (``${var.api_key}``) stay: they show the wiring, not a secret.
    """
    result = copy.deepcopy(doc)
    if schemas is not None:
        for kind, type_name, _name, body in bodies(result):
            block = block_for(schemas, kind, type_name)
            if block is not None and isinstance(body, dict):
                _redact_block(block, body)
    for section in ("variable", "output"):
        for entry in _mapping(result.get(section)).values():
            if isinstance(entry, dict) and entry.get("sensitive") is True:
                for key in ("default", "value"):
                    if key in entry:
                        entry[key] = _redacted(entry[key])
    return result


def _redacted(value: Any) -> Any:
    if value is None or (isinstance(value, str) and _PURE_REFERENCE.match(value)):
        return value
    return REDACTED


def _redact_block(block: Any, body: dict[str, Any]) -> None:
    for name, attribute in block.attributes.items():
        if name not in body:
            continue
        if attribute.sensitive:
            body[name] = _redacted(body[name])
        elif attribute.nested is not None:
            for item in _nested_objects(attribute.nested.nesting_mode, body[name]):
                _redact_block(attribute.nested, item)
    for name, block_type in block.block_types.items():
        if name in body:
            for item in _nested_objects(block_type.nesting_mode, body[name]):
                _redact_block(block_type.block, item)


def _nested_objects(mode: str, value: Any) -> Iterator[dict[str, Any]]:
    """The object bodies inside a nested attribute or block value, whatever its nesting."""
    if mode == "map":
        for item in value.values() if isinstance(value, dict) else ():
            yield from _objects(item)
    else:
        yield from _objects(value)


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
    elif isinstance(value, list):
        yield from (item for item in value if isinstance(item, dict))


def normalize(subject: Any, schemas: ProviderSchemas | None = None) -> Document:
    """The snapshot form: ``//`` metadata dropped, secrets redacted, keys sorted on dump.

    The ``terraform.required_providers`` version constraint is kept on purpose: the
    constraint is part of what a stack promises, and a change to it should show up in a
    snapshot diff. The one other volatile value is the absolute path cdktf gives the default
    local backend (``App.synth``); it is cut to the file name.
    """
    return redact(relative_backend_path(strip_comments(to_document(subject))), schemas)


def relative_backend_path(doc: Document) -> Document:
    """The document with a local backend's absolute state path cut to its file name."""
    local = doc.get("terraform", {}).get("backend", {}).get("local")
    path = local.get("path") if isinstance(local, dict) else None
    if isinstance(path, str) and os.path.isabs(path):
        local = {**local, "path": os.path.basename(path)}
        backend = {**doc["terraform"]["backend"], "local": local}
        doc = {**doc, "terraform": {**doc["terraform"], "backend": backend}}
    return doc


def dumps(doc: Mapping[str, Any]) -> str:
    """Stable JSON text: sorted keys, two-space indent, trailing newline."""
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
