"""A whole stack as Terraform native syntax (``cdk.tf``), written from its JSON document.

``App(hcl_output=True)`` (or ``SYNTH_HCL_OUTPUT=true``, as ``cdktf synth --hcl`` sets it)
gets this text in ``stacks/<stack>/cdk.tf``. The runtime's own writer is not used: under
cdktf 0.21 the ``hcl_output`` flag alone writes the JSON document into ``cdk.tf``, and its
renderer writes the blocks of its own elements wrong (a variable default with a backslash
and a quote, an output with a quote next to a reference, an output string that looks like
JSON written unquoted, a backend path pasted into the file).

The source is the document ``cdk.tf.json`` would hold, so both forms describe one
configuration. Terraform's JSON syntax gives each position its meaning, and each is written
with the native form of that meaning:

- an *expression* (attribute values, outputs, locals, ``count``/``for_each``): every JSON
  string is a template, so it is written as a quoted template (``strings.quote``: ``${...}`` and
  ``%{...}`` kept, the literal text escaped); objects become object constructors whose keys
  are quoted templates, as JSON property names are;
- a *literal* (a variable's ``default``, ``description``s): the text itself, with ``${`` and
  ``%{`` doubled so nothing is interpolated (``strings.exact_string``);
- a *reference* or *keyword* (``provider``, ``depends_on``, ``lifecycle.ignore_changes``,
  ``replace_triggered_by``, ``moved``, ``import.to``, a provisioner's ``when``): written bare,
  after checking it is only a reference, so nothing else can be smuggled in;
- a *type* (a variable's ``type``): written bare, after checking it is only a type expression.

A JSON object can be a block or an attribute of object type; only the schema tells which.
This package's provider has no blocks, Terraform's built-in types are known, and for any other
type the element's own HCL descriptors (``isBlock``, which cdktf's generated bindings give)
decide. An object whose kind is still unknown is refused (``HclOutputError``, naming the
construct, the attribute and the way out), as is anything else that has no exact native form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ...errors import HclOutputError
from .attributes import _object, _tuple
from .strings import exact_string, quote

_INDENT = "  "
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_TRAVERSAL = re.compile(
    r"[A-Za-z_][A-Za-z0-9_-]*"
    r"(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[[0-9]+\]|\[\"[A-Za-z0-9_.:/ -]*\"\]|\.[0-9]+)*\Z"
)
_WHOLE_INTERPOLATION = re.compile(r"\$\{([^{}\"]*)\}\Z")
_TYPE_TOKEN = re.compile(r"\s*(?:([A-Za-z_][A-Za-z0-9_]*)|([(){}\[\],=]))")
_PAIRS = {"(": ")", "{": "}", "[": "]"}


@dataclass(frozen=True)
class Shape:
    """What the schema says of a body's keys: which are blocks (with their own shape), which
    are known attributes, and whether every other key is an attribute too."""

    blocks: Mapping[str, Shape] = field(default_factory=dict)
    attributes: frozenset[str] = frozenset()
    complete: bool = False


ATTRIBUTES_ONLY = Shape(complete=True)
UNKNOWN = Shape()
# Terraform's built-in provider: every argument of these is an attribute.
BUILTIN = {("data", "terraform_remote_state"), ("resource", "terraform_data")}
# Backends and ``cloud``: their nested blocks (everything else is an attribute).
_BACKEND_BLOCKS = {"remote": Shape(blocks={"workspaces": ATTRIBUTES_ONLY}, complete=True)}
_CLOUD = Shape(blocks={"workspaces": ATTRIBUTES_ONLY}, complete=True)

# Given a section ("resource", "data", "provider"), a type and the JSON body, the shape the
# element's own descriptors give, or ``None`` when there is no element or no descriptor.
Describe = Callable[[str, str, Mapping[str, Any]], "Shape | None"]


class _Writer:
    """One stack's text; every refusal is collected, then raised together."""

    def __init__(self, stack: str, describe: Describe,
                 known: frozenset[tuple[str, str]]) -> None:
        self.stack = stack
        self.describe = describe
        self.known = known | BUILTIN
        self.problems: list[str] = []

    def shape(self, section: str, type_name: str, body: Mapping[str, Any]) -> Shape:
        """Attributes only for a type whose schema is known (this package's provider has no
        blocks; nor have the built-in types), else what the element's descriptors say."""
        if (section, type_name) in self.known:
            return ATTRIBUTES_ONLY
        if any(_could_be_block(v) for k, v in body.items() if k not in _META):
            return self.describe(section, type_name, body) or UNKNOWN
        return UNKNOWN

    # -- errors ----------------------------------------------------------------------

    def refuse(self, where: str, what: str) -> str:
        self.problems.append(f"{where}: {what}")
        return "null"

    # -- values ----------------------------------------------------------------------

    def expression(self, value: Any, depth: int, where: str) -> str:
        """A JSON value in expression position: strings are templates."""
        if isinstance(value, str):
            return self._template(value, where)
        if isinstance(value, Mapping):
            return _object([(self._template(str(k), where), self.expression(v, depth + 1, where))
                            for k, v in value.items()], depth)
        if isinstance(value, list):
            return _tuple([self.expression(v, depth + 1, where) for v in value], depth)
        return _scalar(value)

    def literal(self, value: Any, depth: int, where: str) -> str:
        """A JSON value in literal position (a variable's default): nothing interpolated."""
        if isinstance(value, str):
            return exact_string(value)
        if isinstance(value, Mapping):
            return _object([(exact_string(str(k)), self.literal(v, depth + 1, where))
                            for k, v in value.items()], depth)
        if isinstance(value, list):
            return _tuple([self.literal(v, depth + 1, where) for v in value], depth)
        return _scalar(value)

    def _template(self, text: str, where: str) -> str:
        try:
            return quote(text)
        except ValueError as error:
            return self.refuse(where, str(error))

    def reference(self, value: Any, where: str) -> str:
        """A bare reference (``openai.eu``, ``openai_beta_thread.t``), as Terraform's JSON
        syntax reads it from a string (with or without one whole ``${...}``)."""
        text = value if isinstance(value, str) else None
        if text is not None:
            whole = _WHOLE_INTERPOLATION.match(text)
            if whole is not None:
                text = whole.group(1).strip()
        if text is None or not _TRAVERSAL.match(text):
            return self.refuse(where, f"expected a reference such as openai_beta_thread.t, "
                                      f"got {value!r}")
        return text

    def references(self, value: Any, where: str) -> str:
        if not isinstance(value, list):
            return self.refuse(where, f"expected a list of references, got {value!r}")
        return "[" + ", ".join(self.reference(item, where) for item in value) + "]"

    def keyword(self, value: Any, allowed: tuple[str, ...], where: str) -> str:
        if value not in allowed:
            return self.refuse(where, f"expected one of {', '.join(allowed)}, got {value!r}")
        return str(value)

    def type_expression(self, value: Any, where: str) -> str:
        text = value if isinstance(value, str) else None
        if text is not None:
            whole = _WHOLE_INTERPOLATION.match(text)
            if whole is not None:
                text = whole.group(1)
        if text is None or not _is_type_expression(text):
            return self.refuse(where, f"type: not a plain type expression ({value!r}); types "
                                      "with optional() defaults cannot be written exactly: use "
                                      "the JSON form")
        return text.strip()

    # -- bodies ----------------------------------------------------------------------

    def body(self, body: Mapping[str, Any], shape: Shape, depth: int, where: str,
             special: Callable[[str, Any, int], list[str] | None] | None = None) -> list[str]:
        lines: list[str] = []
        indent = _INDENT * depth
        for key, value in body.items():
            if key == "//":
                continue
            if special is not None:
                handled = special(key, value, depth)
                if handled is not None:
                    lines += handled
                    continue
            if not _NAME.match(key):
                self.refuse(where, f"{key!r} is not a valid argument name")
                continue
            block = shape.blocks.get(key)
            if block is not None:
                lines += self.blocks(key, value, block, depth, f"{where}: {key}")
                continue
            if not (shape.complete or key in shape.attributes) and _could_be_block(value):
                self.refuse(where, f"{key}: cannot tell whether this is a block or an "
                                   "attribute of object type (no schema or descriptor for "
                                   "this type); synthesize JSON (the default) for this stack")
                continue
            lines.append(f"{indent}{key} = {self.expression(value, depth, f'{where}: {key}')}")
        return lines

    def blocks(self, name: str, value: Any, shape: Shape, depth: int, where: str,
               labels: str = "") -> list[str]:
        items = value if isinstance(value, list) else [value]
        lines: list[str] = []
        for item in items:
            if not isinstance(item, Mapping):
                self.refuse(where, f"expected a block (an object), got {item!r}")
                continue
            lines += self.block(name + labels, self.body(item, shape, depth + 1, where), depth)
        return lines

    @staticmethod
    def block(header: str, inner: list[str], depth: int) -> list[str]:
        indent = _INDENT * depth
        return [f"{indent}{header} {{", *inner, f"{indent}}}"]

    def conditions(self, key: str, value: Any, depth: int, where: str) -> list[str]:
        """``precondition``/``postcondition``/``validation`` blocks: condition and message are
        expressions (templates in JSON)."""
        return self.blocks(key, value, ATTRIBUTES_ONLY, depth, f"{where}: {key}")

    def lifecycle(self, value: Any, depth: int, where: str) -> list[str]:
        where = f"{where}: lifecycle"
        if not isinstance(value, Mapping):
            return [self.refuse(where, f"expected an object, got {value!r}")]
        inner: list[str] = []
        indent = _INDENT * (depth + 1)
        for key, item in value.items():
            if key == "ignore_changes":
                text = ("all" if item == "all" or item == ["all"]
                        else self.references(item, f"{where}: {key}"))
                inner.append(f"{indent}{key} = {text}")
            elif key == "replace_triggered_by":
                inner.append(f"{indent}{key} = {self.references(item, f'{where}: {key}')}")
            elif key in ("precondition", "postcondition"):
                inner += self.conditions(key, item, depth + 1, where)
            elif key in ("create_before_destroy", "prevent_destroy", "destroy"):
                inner.append(f"{indent}{key} = {self.expression(item, depth + 1, where)}")
            else:
                self.refuse(where, f"unknown lifecycle argument {key!r}")
        return self.block("lifecycle", inner, depth)

    def element(self, section: str, type_name: str, name: str, body: Mapping[str, Any],
                depth: int = 0) -> list[str]:
        """A ``resource`` or ``data`` block."""
        path = _construct_path(body)
        where = path or f"{self.stack}/{section}.{type_name}.{name}"
        shape = self.shape(section, type_name, body)

        def special(key: str, value: Any, level: int) -> list[str] | None:
            indent = _INDENT * level
            if key in ("count", "for_each"):
                return [f"{indent}{key} = {self.expression(value, level, f'{where}: {key}')}"]
            if key == "provider":
                return [f"{indent}provider = {self.reference(value, f'{where}: provider')}"]
            if key == "depends_on":
                return [f"{indent}depends_on = {self.references(value, f'{where}: {key}')}"]
            if key == "lifecycle":
                return self.lifecycle(value, level, where)
            if key == "connection" and section == "resource":
                return self.blocks("connection", value, ATTRIBUTES_ONLY, level,
                                   f"{where}: connection")
            if key == "provisioner" and section == "resource":
                return self.provisioners(value, level, where)
            if key == "dynamic":
                return self.dynamic(value, shape, level, where)
            return None

        inner = self.body(body, shape, depth + 1, where, special)
        return self.block(f'{section} "{type_name}" "{name}"', inner, depth)

    def provisioners(self, value: Any, depth: int, where: str) -> list[str]:
        lines: list[str] = []
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, Mapping):
                self.refuse(where, f"provisioner: expected an object, got {item!r}")
                continue
            for kind, body in item.items():
                here = f"{where}: provisioner {kind}"
                if not _NAME.match(kind) or not isinstance(body, Mapping):
                    self.refuse(here, "not a provisioner block")
                    continue

                def special(key: str, v: Any, level: int, here: str = here) -> list[str] | None:
                    indent = _INDENT * level
                    if key == "when":
                        return [f"{indent}when = {self.keyword(v, ('create', 'destroy'), here)}"]
                    if key == "on_failure":
                        return [f"{indent}on_failure = "
                                f"{self.keyword(v, ('continue', 'fail'), here)}"]
                    if key == "connection":
                        return self.blocks("connection", v, ATTRIBUTES_ONLY, level, here)
                    return None

                inner = self.body(body, ATTRIBUTES_ONLY, depth + 1, here, special)
                lines += self.block(f'provisioner "{kind}"', inner, depth)
        return lines

    def dynamic(self, value: Any, shape: Shape, depth: int, where: str) -> list[str]:
        lines: list[str] = []
        if not isinstance(value, Mapping):
            return [self.refuse(where, f"dynamic: expected an object, got {value!r}")]
        for name, spec in value.items():
            here = f"{where}: dynamic {name}"
            if not _NAME.match(name) or not isinstance(spec, Mapping):
                self.refuse(here, "not a dynamic block")
                continue
            inner_shape = shape.blocks.get(name, UNKNOWN)
            indent = _INDENT * (depth + 1)
            inner: list[str] = []
            for key, item in spec.items():
                if key in ("for_each", "labels"):
                    inner.append(f"{indent}{key} = {self.expression(item, depth + 1, here)}")
                elif key == "iterator":
                    inner.append(f"{indent}iterator = {self.reference(item, here)}")
                elif key == "content" and isinstance(item, Mapping):
                    inner += self.block("content", self.body(item, inner_shape, depth + 2, here),
                                        depth + 1)
                else:
                    self.refuse(here, f"unknown dynamic argument {key!r}")
            lines += self.block(f'dynamic "{name}"', inner, depth)
        return lines

    # -- top-level sections -----------------------------------------------------------

    def terraform(self, value: Mapping[str, Any]) -> list[str]:
        where = f"{self.stack}/terraform"
        inner: list[str] = []
        for key, item in value.items():
            if key == "//":
                continue
            if key == "required_providers" and isinstance(item, Mapping):
                providers = [f"{_INDENT * 2}{_provider_key(self, n, where)} = "
                             f"{self.expression(v, 2, where)}" for n, v in item.items()]
                inner += self.block("required_providers", providers, 1)
            elif key == "backend" and isinstance(item, Mapping):
                for kind, config in item.items():
                    if not _NAME.match(kind) or not isinstance(config, Mapping):
                        self.refuse(where, f"backend {kind!r}: not a backend block")
                        continue
                    shape = _BACKEND_BLOCKS.get(kind, ATTRIBUTES_ONLY)
                    inner += self.block(f'backend "{kind}"',
                                        self.body(config, shape, 2, f"{where}: backend"), 1)
            elif key == "cloud" and isinstance(item, Mapping):
                inner += self.block("cloud", self.body(item, _CLOUD, 2, f"{where}: cloud"), 1)
            elif key == "required_version":
                inner.append(f"{_INDENT}required_version = {self.expression(item, 1, where)}")
            elif key == "experiments":
                inner.append(f"{_INDENT}experiments = {self.references(item, where)}")
            else:
                self.refuse(where, f"{key}: no exact native form is known for this argument; "
                                   "synthesize JSON (the default) for this stack")
        return self.block("terraform", inner, 0)

    def provider(self, type_name: str, configs: Any) -> list[str]:
        lines: list[str] = []
        for config in configs if isinstance(configs, list) else [configs]:
            where = f"{self.stack}/provider {type_name}"
            if not isinstance(config, Mapping):
                self.refuse(where, f"expected an object, got {config!r}")
                continue
            alias = config.get("alias")
            if isinstance(alias, str):
                where = f"{where} (alias {alias})"
            shape = self.shape("provider", type_name, config)

            def special(key: str, value: Any, level: int, where: str = where) -> list[str] | None:
                if key == "alias":
                    return [f"{_INDENT * level}alias = {self.literal(value, level, where)}"]
                return None

            if lines:
                lines.append("")
            lines += self.block(f'provider "{type_name}"',
                                self.body(config, shape, 1, where, special), 0)
        return lines

    def variable(self, name: str, body: Mapping[str, Any]) -> list[str]:
        where = f"{self.stack}/variable {name}"
        inner: list[str] = []
        for key, item in body.items():
            if key == "//":
                continue
            if key == "type":
                inner.append(f"{_INDENT}type = {self.type_expression(item, where)}")
            elif key in ("default", "description"):
                inner.append(f"{_INDENT}{key} = {self.literal(item, 1, f'{where}: {key}')}")
            elif key in ("sensitive", "nullable", "ephemeral"):
                inner.append(f"{_INDENT}{key} = {_scalar(item)}")
            elif key == "validation":
                inner += self.conditions(key, item, 1, where)
            else:
                self.refuse(where, f"unknown variable argument {key!r}")
        return self.block(f'variable "{name}"', inner, 0)

    def output(self, name: str, body: Mapping[str, Any]) -> list[str]:
        where = f"{self.stack}/output {name}"
        inner: list[str] = []
        for key, item in body.items():
            if key == "//":
                continue
            if key == "value":
                inner.append(f"{_INDENT}value = {self.expression(item, 1, f'{where}: value')}")
            elif key == "description":
                inner.append(f"{_INDENT}description = {self.literal(item, 1, where)}")
            elif key in ("sensitive", "ephemeral"):
                inner.append(f"{_INDENT}{key} = {_scalar(item)}")
            elif key == "depends_on":
                inner.append(f"{_INDENT}depends_on = {self.references(item, where)}")
            elif key == "precondition":
                inner += self.conditions(key, item, 1, where)
            else:
                self.refuse(where, f"unknown output argument {key!r}")
        return self.block(f'output "{name}"', inner, 0)

    def module(self, name: str, body: Mapping[str, Any]) -> list[str]:
        where = _construct_path(body) or f"{self.stack}/module {name}"

        def special(key: str, value: Any, level: int) -> list[str] | None:
            indent = _INDENT * level
            if key in ("source", "version"):
                return [f"{indent}{key} = {self.literal(value, level, where)}"]
            if key == "providers" and isinstance(value, Mapping):
                pairs = [(self.reference(k, where), self.reference(v, where))
                         for k, v in value.items()]
                return [f"{indent}providers = {_object(pairs, level)}"]
            if key == "depends_on":
                return [f"{indent}depends_on = {self.references(value, where)}"]
            return None

        return self.block(f'module "{name}"', self.body(body, ATTRIBUTES_ONLY, 1, where, special),
                          0)

    def moves(self, section: str, value: Any) -> list[str]:
        where = f"{self.stack}/{section}"
        lines: list[str] = []
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, Mapping):
                self.refuse(where, f"expected an object, got {item!r}")
                continue
            inner: list[str] = []
            for key, v in item.items():
                if key in ("from", "to", "provider"):
                    inner.append(f"{_INDENT}{key} = {self.reference(v, where)}")
                elif key in ("id", "for_each", "identity"):
                    inner.append(f"{_INDENT}{key} = {self.expression(v, 1, where)}")
                elif key == "lifecycle" and section == "removed":
                    inner += self.lifecycle(v, 1, where)
                else:
                    self.refuse(where, f"unknown {section} argument {key!r}")
            if lines:
                lines.append("")
            lines += self.block(section, inner, 0)
        return lines


# The order sections are written in (the JSON document's keys are sorted).
_SECTIONS = ("terraform", "provider", "variable", "locals", "data", "resource", "module",
             "moved", "import", "removed", "output")
_META = frozenset({"//", "count", "for_each", "provider", "depends_on", "lifecycle",
                   "connection", "provisioner", "dynamic"})


def _provider_key(writer: _Writer, name: str, where: str) -> str:
    if not _NAME.match(name):
        return writer.refuse(where, f"required_providers: {name!r} is not a provider name")
    return name


def render(stack: str, document: Mapping[str, Any], describe: Describe,
           known: frozenset[tuple[str, str]]) -> str:
    """The native-syntax text of ``document`` (one stack), or ``HclOutputError`` listing
    everything that has no exact native form."""
    writer = _Writer(stack, describe, known)
    chunks: list[list[str]] = []
    order = {name: i for i, name in enumerate(_SECTIONS)}
    for section, value in sorted(document.items(), key=lambda kv: order.get(kv[0], len(order))):
        if section == "//":
            continue
        if section == "terraform" and isinstance(value, Mapping):
            chunks.append(writer.terraform(value))
        elif section == "provider" and isinstance(value, Mapping):
            chunks += [writer.provider(t, configs) for t, configs in value.items()]
        elif section in ("resource", "data") and isinstance(value, Mapping):
            for type_name, named in value.items():
                for name, body in (named.items() if isinstance(named, Mapping) else ()):
                    if not isinstance(body, Mapping):
                        writer.refuse(f"{stack}/{section}.{type_name}.{name}",
                                      "expected an object")
                        continue
                    chunks.append(writer.element(section, type_name, name, body))
        elif section == "variable" and isinstance(value, Mapping):
            chunks += [writer.variable(n, b) for n, b in value.items() if isinstance(b, Mapping)]
        elif section == "output" and isinstance(value, Mapping):
            chunks += [writer.output(n, b) for n, b in value.items() if isinstance(b, Mapping)]
        elif section == "locals" and isinstance(value, Mapping):
            inner = []
            for name, item in value.items():
                if not _NAME.match(name):
                    writer.refuse(f"{stack}/locals", f"{name!r} is not a valid local name")
                    continue
                inner.append(f"{_INDENT}{name} = "
                             f"{writer.expression(item, 1, f'{stack}/local {name}')}")
            chunks.append(_Writer.block("locals", inner, 0))
        elif section == "module" and isinstance(value, Mapping):
            chunks += [writer.module(n, b) for n, b in value.items() if isinstance(b, Mapping)]
        elif section in ("moved", "import", "removed"):
            chunks.append(writer.moves(section, value))
        else:
            writer.refuse(f"{stack}", f"{section}: no exact native form is known for this "
                                      "top-level section; synthesize JSON (the default)")
    if writer.problems:
        raise HclOutputError(stack, writer.problems)
    return "\n\n".join("\n".join(chunk) for chunk in chunks if chunk) + "\n"


def metadata(document: Mapping[str, Any]) -> dict[str, Any]:
    """``metadata.json`` of an HCL stack, as the runtime writes it: the document's ``//``
    entries (stack metadata and outputs, each resource's, data source's and module's) and the
    ``terraform`` block, none of which the native syntax can hold."""
    out: dict[str, Any] = {}
    if "//" in document:
        out["//"] = document["//"]
    for section in ("resource", "data", "module"):
        entries = document.get(section)
        if not isinstance(entries, Mapping):
            continue
        if section == "module":
            kept: dict[str, Any] = {n: {"//": b["//"]} for n, b in entries.items()
                                    if isinstance(b, Mapping) and "//" in b}
        else:
            kept = {}
            for type_name, named in entries.items():
                bodies = {n: {"//": b["//"]} for n, b in (named or {}).items()
                          if isinstance(b, Mapping) and "//" in b}
                if bodies:
                    kept[type_name] = bodies
        if kept:
            out[section] = kept
    if isinstance(document.get("terraform"), Mapping):
        out["terraform"] = document["terraform"]
    return out


# ---------------------------------------------------------------------------------------
# Small pieces
# ---------------------------------------------------------------------------------------


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    raise TypeError(f"not a JSON scalar: {type(value).__name__}")


def _could_be_block(value: Any) -> bool:
    if isinstance(value, Mapping):
        return True
    return isinstance(value, list) and any(isinstance(v, Mapping) for v in value)


def _construct_path(body: Mapping[str, Any]) -> str | None:
    meta = body.get("//")
    if isinstance(meta, Mapping):
        path = (meta.get("metadata") or {}).get("path")
        if isinstance(path, str):
            return path
    return None


def _is_type_expression(text: str) -> bool:
    """Identifiers, brackets, commas and ``=`` (``map(object({ a = string }))``), balanced:
    nothing that could end the attribute or the block it stands in."""
    position, stack = 0, []
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = _TYPE_TOKEN.match(text, position)
        if match is None:
            return False
        symbol = match.group(2)
        if symbol in _PAIRS:
            stack.append(_PAIRS[symbol])
        elif symbol in (")", "}", "]") and (not stack or stack.pop() != symbol):
            return False
        position = match.end()
    return not stack and text.strip() != ""


def shape_from_descriptors(attributes: Any) -> Shape | None:
    """The shape cdktf's HCL descriptors of one body give: ``{name: {value, isBlock, type,
    storageClassType}}`` per attribute, a block's ``value`` holding its own descriptors (one
    object, or a list of them)."""
    if not isinstance(attributes, Mapping):
        return None
    blocks: dict[str, Shape] = {}
    plain: set[str] = set()
    for key, descriptor in attributes.items():
        if not isinstance(descriptor, Mapping) or "value" not in descriptor:
            continue
        if descriptor.get("isBlock") or descriptor.get("is_block"):
            inner = descriptor.get("value")
            if isinstance(inner, list):
                inner = next((i for i in inner if isinstance(i, Mapping)), None)
            blocks[key] = shape_from_descriptors(inner) or UNKNOWN
        else:
            plain.add(key)
    return Shape(blocks=blocks, attributes=frozenset(plain))


__all__ = ["ATTRIBUTES_ONLY", "Shape", "metadata", "render",
           "shape_from_descriptors"]
