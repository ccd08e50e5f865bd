"""Terraform native syntax (``cdk.tf``) read into the shape of Terraform JSON (private).

The kit judges HCL as written: a ``cdk.tf`` is parsed with python-hcl2 (an HCL parser
independent of the writer in ``_runtime/hcl/stack.py``) and laid out as ``cdk.tf.json``
would hold it, so every helper compares the same shapes whichever form a stack was written
in: ``resource``/``data`` as ``{type: {name: body}}``, ``provider`` as ``{name: [body]}``,
``variable``/``output``/``module`` as ``{name: body}``, ``locals`` merged, ``terraform``
with its ``backend``/``required_providers``/``cloud`` blocks as objects. Nested blocks are
lists of objects, except ``lifecycle``, ``connection`` and blocks the schema nests
``single``/``group``, which are objects as in JSON. Expressions arrive as ``"${...}"``
strings, as in JSON syntax.

python-hcl2 is a dependency of the ``testing`` extra; without it HCL input is refused with
the command that installs it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openai_constructs.errors import TestingInputError

Document = dict[str, Any]

_BLOCK = "__is_block__"
# python-hcl2's own keys beside the configuration's: block markers and the comments it keeps
# (``__comments__``, ``__inline_comments__``); never part of what Terraform reads.
_PARSER_KEY = re.compile(r"^__[a-z_]+__$")
_HEREDOC = re.compile(r"\A<<(-?)([A-Za-z_][A-Za-z0-9_]*)\n(.*?)^[ \t]*\2[ \t]*\Z", re.S | re.M)
_SINGLE_BLOCKS = frozenset({"lifecycle", "connection", "backend", "cloud", "required_providers"})


def read_hcl(text: str, source: str = "cdk.tf", schemas: Any = None) -> Document:
    """The Terraform-JSON-shaped document of HCL ``text`` (``source`` names it in errors)."""
    try:
        import hcl2
    except ImportError:  # pragma: no cover - depends on the environment
        raise TestingInputError(
            f"{source}: reading Terraform native syntax needs python-hcl2: "
            "pip install 'openai-constructs[testing]'"
        ) from None
    try:
        options = hcl2.SerializationOptions(strip_string_quotes=True)
        parsed = hcl2.loads(text, serialization_options=options)
    except Exception as error:  # lark's parse errors have no common public base
        where = _position(error)
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise TestingInputError(
            f"{source}{where}: not valid Terraform native syntax (HCL): {first}"
        ) from None
    return _document(parsed, schemas, source)


def read_file(path: Path, schemas: Any = None) -> Document:
    """A ``cdk.tf`` or ``cdk.tf.json`` file (any ``*.tf`` / ``*.json``) as a document."""
    import json

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        reason = error.strerror or str(error)
        raise TestingInputError(f"{path}: cannot read the file: {reason}") from None
    if path.name.endswith(".json"):
        try:
            parsed = json.loads(text)
        except ValueError as error:
            raise TestingInputError(f"{path}: not valid JSON: {error}") from None
        if not isinstance(parsed, dict):
            raise TestingInputError(f"{path}: a Terraform JSON document must be an object")
        return parsed
    return read_hcl(text, str(path), schemas)


def _position(error: Exception) -> str:
    line = getattr(error, "line", None)
    column = getattr(error, "column", None)
    if isinstance(line, int) and line > 0:
        return f":{line}" + (f":{column}" if isinstance(column, int) and column > 0 else "")
    return ""


_TOP_LEVEL = frozenset({
    "terraform", "provider", "variable", "output", "locals", "module", "resource", "data",
    "import", "moved", "removed", "check", "ephemeral", "action",
})


def _document(parsed: Mapping[str, Any], schemas: Any, source: str) -> Document:
    doc: Document = {}
    parsed = {k: v for k, v in parsed.items() if not _PARSER_KEY.match(k)}
    unknown = sorted(k for k in parsed if k not in _TOP_LEVEL)
    if unknown:
        raise TestingInputError(
            f"{source}: not a Terraform configuration: {', '.join(map(repr, unknown))} is not a "
            f"top-level block type (expected: {', '.join(sorted(_TOP_LEVEL))})"
        )
    for section, blocks in parsed.items():
        items = blocks if isinstance(blocks, list) else [blocks]
        if section in ("resource", "data"):
            kind = "resource" if section == "resource" else "data"
            target = doc.setdefault(section, {})
            for block in items:
                for type_name, named in _plain_mapping(block).items():
                    for name, body in _plain_mapping(named).items():
                        target.setdefault(type_name, {})[name] = _body(
                            body, _schema_block(schemas, kind, type_name)
                        )
        elif section == "provider":
            target = doc.setdefault("provider", {})
            for block in items:
                for name, body in _plain_mapping(block).items():
                    target.setdefault(name, []).append(
                        _body(body, _schema_block(schemas, "provider", name))
                    )
        elif section in ("variable", "output", "module"):
            target = doc.setdefault(section, {})
            for block in items:
                for name, body in _plain_mapping(block).items():
                    target[name] = _body(body, None)
        elif section in ("locals", "terraform"):
            target = doc.setdefault(section, {})
            for block in items:
                target.update(_body(block, None))
        else:  # import, moved, removed, check: lists of bodies in JSON syntax too
            doc.setdefault(section, [])
            doc[section] += [_body(block, None) for block in items]
    return doc


def _plain_mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        return {}
    return {k: v for k, v in value.items() if not _PARSER_KEY.match(k)}


def _schema_block(schemas: Any, kind: str, type_name: str) -> Any:
    if schemas is None:
        return None
    from openai_constructs.testing.schema import block_for

    return block_for(schemas, kind, type_name)


def _is_block(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(
        isinstance(v, Mapping) and v.get(_BLOCK) is True for v in value
    )


def _body(body: Any, block: Any) -> Any:
    """A block body: nested blocks become objects or lists as JSON syntax holds them."""
    if not isinstance(body, Mapping):
        return _value(body)
    result: dict[str, Any] = {}
    for key, value in body.items():
        if _PARSER_KEY.match(key):
            continue
        if _is_block(value):
            inner = block.block_types.get(key) if block is not None else None
            items = [_body(v, inner.block if inner is not None else None) for v in value]
            single = key in _SINGLE_BLOCKS or (
                inner is not None and inner.nesting_mode in ("single", "group")
            )
            if single and len(items) == 1:
                result[key] = items[0]
            elif key in ("backend", "cloud") and items:
                merged: dict[str, Any] = {}
                for item in items:
                    merged.update(item)
                result[key] = merged
            else:
                result[key] = items
        elif key in _BARE_REFERENCES:
            result[key] = _bare(_value(value))
        else:
            result[key] = _value(value)
    return result


# Arguments that hold references, not expressions: JSON syntax writes them bare
# ("openai_beta_assistant.helper"), the HCL parser gives them as "${...}".
_BARE_REFERENCES = frozenset({"depends_on", "provider", "ignore_changes", "replace_triggered_by"})


def _bare(value: Any) -> Any:
    if isinstance(value, list):
        return [_bare(v) for v in value]
    if isinstance(value, str) and value.startswith("${") and value.endswith("}"):
        inner = value[2:-1]
        if "${" not in inner:
            return inner
    return value


def _value(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _value(v) for k, v in value.items() if not _PARSER_KEY.match(k)}
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, str) and value.startswith("<<"):
        return _heredoc(value)
    return value


def _heredoc(text: str) -> str:
    """The string a heredoc stands for (the parser gives it as written): its lines with a
    final line break, and for ``<<-`` the spaces all its lines share removed, as Terraform
    reads it."""
    match = _HEREDOC.match(text)
    if match is None:
        return text
    body = match.group(3)
    if match.group(1):
        lines = body.split("\n")
        indents = [len(line) - len(line.lstrip(" \t")) for line in lines if line.strip()]
        cut = min(indents, default=0)
        body = "\n".join(line[cut:] for line in lines)
    return body
