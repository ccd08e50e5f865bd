"""Turning stacks into plain Terraform JSON, and normalizing it for snapshots."""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Iterator, Mapping
from typing import Any

from openai_constructs.testing.schema import ProviderSchemas, block_for, schemas_or_none

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
    """Return the Terraform JSON document of ``subject`` (always a fresh copy).

    ``subject`` is a ``TerraformStack``, a dict, JSON text, HCL text, or the path (``str``
    or ``os.PathLike``) of a ``cdk.tf`` / ``cdk.tf.json`` file or of the folder holding it.
    HCL is read as written (:mod:`._hcl`) into the shape JSON syntax has. A stack goes
    through the checks ``App.synth()`` makes before anything else sees it: names
    (``ConstructIdError``) and secrets (``SensitiveValueError``: a constant secret, a plain
    output of a sensitive value); a stack of an app that writes HCL (``hcl_output``) is
    rendered as the app would write it and judged in that form. Text or a path that is none
    of these raises ``TestingInputError``.
    """
    if isinstance(subject, Mapping):
        return copy.deepcopy(dict(subject))
    if isinstance(subject, os.PathLike):
        return _read_path(subject)
    if isinstance(subject, (bytes, bytearray)):
        subject = bytes(subject).decode("utf-8", errors="replace")
    if isinstance(subject, str):
        return _from_text(subject)
    return _synthesized(subject)[1]


def hcl_text(subject: Any) -> str | None:
    """The native syntax ``subject`` is written in, or None when it is JSON (or a dict).

    A ``cdk.tf`` path or a folder holding only ``cdk.tf``, HCL text, or a stack of an app
    that writes HCL (rendered as the app writes it). Call :func:`to_document` first: it
    makes the checks and reports unreadable input.
    """
    from pathlib import Path

    if isinstance(subject, Mapping):
        return None
    if isinstance(subject, (bytes, bytearray)):
        subject = bytes(subject).decode("utf-8", errors="replace")
    if isinstance(subject, str):
        stripped = subject.strip()
        if stripped.startswith(("{", "[")):
            return None
        if "\n" not in stripped and stripped.endswith((".tf", ".json")):
            subject = Path(stripped)
        else:
            return subject
    if isinstance(subject, os.PathLike):
        target = Path(subject)
        if target.is_dir():
            if (target / "cdk.tf.json").is_file():
                return None
            target = target / "cdk.tf"
        return None if target.name.endswith(".json") else target.read_text(encoding="utf-8")
    from openai_constructs._runtime import batch
    from openai_constructs._runtime.cdk import TerraformStack

    if isinstance(subject, TerraformStack) and _writes_hcl(subject):
        return _render_hcl(subject, json.loads(batch.full_document(subject)))
    return None


def _read_path(path: Any) -> Document:
    from pathlib import Path

    from openai_constructs.errors import TestingInputError
    from openai_constructs.testing._hcl import read_file

    target = Path(path)
    if target.is_dir():
        found = [target / n for n in ("cdk.tf.json", "cdk.tf") if (target / n).is_file()]
        if not found:
            raise TestingInputError(f"{target}: the folder holds neither cdk.tf.json nor cdk.tf")
        target = found[0]
    if not target.is_file():
        raise TestingInputError(f"{target}: no such file (expected a cdk.tf or cdk.tf.json)")
    return read_file(target, _schemas_for_hcl())


def _from_text(text: str) -> Document:
    from openai_constructs.errors import TestingInputError
    from openai_constructs.testing._hcl import read_hcl

    stripped = text.strip()
    if stripped.startswith(("{", "[")):
        try:
            parsed = json.loads(text)
        except ValueError as error:
            raise TestingInputError(f"not valid Terraform JSON: {error}") from None
        if not isinstance(parsed, dict):
            raise TestingInputError("a synthesized Terraform document must be a JSON object")
        return parsed
    if "\n" not in stripped and stripped.endswith((".tf", ".json")):
        return _read_path(stripped)
    return read_hcl(text, "HCL text", _schemas_for_hcl())


def _schemas_for_hcl() -> Any:
    """The schema in force, which tells single nested blocks from lists (None: unreadable)."""
    return schemas_or_none()


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
    """The text of :func:`synth` and its parsed document, once the checks ``App.synth()``
    makes passed (names, secrets)."""
    from openai_constructs._runtime import batch, forgetting, names
    from openai_constructs._runtime.cdk import TerraformStack
    from openai_constructs._runtime.synth import final_names
    from openai_constructs._runtime.synth.secrets import check_document as check_secrets

    if not isinstance(stack, TerraformStack):
        raise TypeError(
            "expected a TerraformStack, a synthesized JSON string, HCL text, a path or a dict, "
            f"got {type(stack).__name__}"
        )
    prepare_app(stack)
    try:
        text = batch.synth_document(stack)
    except RuntimeError as error:  # an aspect's refusal, back from node as text
        refusal = names.refusal_behind(error)
        if refusal is None:
            raise
        raise refusal from None
    document: Document = json.loads(text)
    final_names.check_document(stack, document)
    forgetting.check_document(stack, document)
    full: Document | None = None
    if _writes_hcl(stack):
        full = json.loads(batch.full_document(stack))
    check_secrets(str(stack.node.id), full if full is not None else document)
    if full is not None:
        document = _as_written_hcl(stack, full)
    return text, document


def prepare_app(stack: Any) -> None:
    """Resolve cross-stack references of ``stack``'s app as ``App.synth()`` does, without
    writing anything: in an app of several stacks each gets its remote-state data sources
    and its producers their outputs (``TerraformStack.prepare_stack``, idempotent)."""
    stacks = stacks_of(stack.node.root)
    if len(stacks) > 1:
        for each in stacks:
            each.prepare_stack()


def stacks_of(root: Any) -> list[Any]:
    """The stacks of an app (its children that are stacks, as cdktf places them), in
    construction order; one round trip to node, whatever the stacks hold."""
    from openai_constructs._runtime.cdk import TerraformStack

    return [c for c in root.node.children if isinstance(c, TerraformStack)]


def _writes_hcl(stack: Any) -> bool:
    return getattr(stack.node.root, "hcl_output", False) is True


def _as_written_hcl(stack: Any, full: Document) -> Document:
    """The ``cdk.tf`` the app writes for ``stack``, read back as a document."""
    from openai_constructs.testing._hcl import read_hcl

    return read_hcl(_render_hcl(stack, full), f"{stack.node.id}/cdk.tf", _schemas_for_hcl())


def _render_hcl(stack: Any, full: Document) -> str:
    from openai_constructs._runtime.synth.documents import native_syntax

    return native_syntax(stack, full)


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

    A snapshot never holds a secret: a stack is refused (``SensitiveValueError``) for what
    ``App.synth()`` refuses (a constant secret reached through a local or a function, a plain
    output of a sensitive value), and in every document the values of attributes the schema
    marks sensitive (``schemas``, by default the schema in force), of sensitive variables'
    defaults and of sensitive outputs become ``"<sensitive>"``; whole-string references
    (``${var.key}``) stay, they show the wiring. A secret in an attribute no schema marks
    cannot be recognized.

    The ``terraform.required_providers`` version constraint is kept on purpose: the
    constraint is part of what a stack promises, and a change to it should show up in a
    snapshot diff. The one other volatile value is the absolute path cdktf gives the default
    local backend (``App.synth``); it is cut to the file name.
    """
    if schemas is None:
        schemas = schemas_or_none()
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
