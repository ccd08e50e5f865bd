"""Secrets in a synthesized document: checked before the document is kept.

Two mistakes only show in the finished document, because cdktf resolves references late:

* a sensitive input (a provider key) whose value is a constant reached through indirection —
  ``TerraformLocal(s, "k", "sk-...")`` passed as ``local.as_string``, ``Fn.join("", ["sk-..."])``,
  or a variable whose ``default`` is the key (``TerraformVariable(s, "k", default="sk-...")``,
  written in the document whether the variable is sensitive or not) — would be written in
  plain text, exactly as the literal the L1 layer refuses;
* an output whose value references a sensitive value (a sensitive computed attribute such as a
  ChatKit session's ``client_secret``, a sensitive variable, a ``LiteralSecret``) without
  ``sensitive=True``: Terraform refuses to plan it, after the file was written.

:func:`check_document` finds both in one stack's document (the JSON cdktf writes) and raises a
:class:`~openai_constructs.errors.SensitiveValueError` naming the element and the fix; the
message never shows the secret. What is sensitive comes from the generated classes
(``Field.sensitive`` inputs, ``SENSITIVE_ATTRIBUTES`` outputs), so this module knows no
provider.

An expression counts as a constant when, with the locals it uses expanded and its string
literals removed, it refers to no variable, data source, resource, module or iteration value.
A ``LiteralSecret`` anywhere in it is the explicit opt-in.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator, Mapping
from typing import Any

from ...errors import SensitiveValueError
from ..terraform_types import LITERAL_SECRETS as _LITERAL_SECRETS

_STRING_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')
_LOCAL = re.compile(r"\blocal\.([A-Za-z_][A-Za-z0-9_-]*)")
_REFERENCE = re.compile(
    r"(?<![\w.])(?:var|data|module|each|count|self)\.[A-Za-z_]"
    r"|(?<![\w.])([a-z][a-z0-9_]*)\.[A-Za-z_][A-Za-z0-9_-]*"
)
_VARIABLE = re.compile(r"(?<![\w.])var\.([A-Za-z_][A-Za-z0-9_-]*)")


def _sensitive_tables() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(provider type -> sensitive inputs, resource type -> sensitive attributes) of every
    generated class imported so far (a class never imported has no element in a document).
    """
    from ..bindings import DataSource, Provider, Resource

    providers: dict[str, frozenset[str]] = {}
    attributes: dict[str, frozenset[str]] = {}
    for base in (Provider, Resource, DataSource):
        for cls in _subclasses(base):
            kind = getattr(cls, "TF_RESOURCE_TYPE", None)
            if not isinstance(kind, str):
                continue
            fields = getattr(cls, "_FIELDS", None)
            if fields is None:
                continue
            inputs = frozenset(f.tf_name for f in fields.all if f.sensitive)
            if base is Provider:
                providers[kind] = providers.get(kind, frozenset()) | inputs
            else:
                key = kind if base is Resource else f"data.{kind}"
                computed = frozenset(getattr(cls, "SENSITIVE_ATTRIBUTES", frozenset()))
                attributes[key] = attributes.get(key, frozenset()) | inputs | computed
    return providers, attributes


def _subclasses(cls: type) -> Iterator[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _expanded(text: str, locals_: Mapping[str, Any], seen: frozenset[str] = frozenset()) -> str:
    """``text`` with every ``local.x`` it uses appended (recursively), as JSON text."""
    parts = [text]
    for name in dict.fromkeys(_LOCAL.findall(text)):
        if name in seen or name not in locals_:
            continue
        parts.append(_expanded(json.dumps(locals_[name]), locals_, seen | {name}))
    return "\n".join(parts)


def _opted_in(expanded: str) -> bool:
    """Whether a whole string of ``expanded`` (JSON text of values and expressions, locals
    appended) is the text of a ``LiteralSecret``: equal, not merely contained."""
    if not _LITERAL_SECRETS:
        return False
    for literal in _STRING_LITERAL.findall(expanded):
        for text in _unquoted(literal):
            if text in _LITERAL_SECRETS:
                return True
    return False


def _unquoted(literal: str) -> Iterator[str]:
    """A quoted literal as found, decoded once and twice (an expression inside JSON text)."""
    try:
        once = json.loads(literal)
    except ValueError:
        return
    if not isinstance(once, str):
        return
    yield once
    if once.startswith("${"):
        for inner in _STRING_LITERAL.findall(once):
            yield from _unquoted(inner)


def _is_constant(text: str, locals_: Mapping[str, Any], resource_types: frozenset[str]) -> bool:
    expanded = _expanded(text, locals_)
    if _opted_in(expanded):
        return False
    for expression in _expressions(expanded):
        code = _STRING_LITERAL.sub('""', expression)
        for match in _REFERENCE.finditer(code):
            head = match.group(1)
            if head is None or head in resource_types:
                return False
    return True


def _expressions(text: str) -> Iterator[str]:
    """The ``${...}`` expressions in a template (nested braces and strings kept together)."""
    start = text.find("${")
    while start != -1:
        depth, index, in_string = 0, start + 2, False
        while index < len(text):
            char = text[index]
            if in_string:
                if char == "\\":
                    index += 1
                elif char == '"':
                    in_string = False
            elif char == '"':
                in_string = True
            elif char == "{":
                depth += 1
            elif char == "}":
                if depth == 0:
                    break
                depth -= 1
            index += 1
        yield text[start + 2 : index]
        start = text.find("${", index)


def _holds_literal_secret(value: Any, locals_: Mapping[str, Any],
                          seen: frozenset[str] = frozenset()) -> bool:
    """Whether the text of a ``LiteralSecret`` appears in ``value`` (or a local it uses),
    whole or inside a larger string (``f"key={secret}"``, an expression cdktf quoted):
    an output holding it would print it."""
    if not _LITERAL_SECRETS:
        return False
    if isinstance(value, str):
        if any(secret in value for secret in _LITERAL_SECRETS if len(secret) >= 4):
            return True
        return any(
            _holds_literal_secret(locals_[name], locals_, seen | {name})
            for name in dict.fromkeys(_LOCAL.findall(value))
            if name in locals_ and name not in seen
        )
    if isinstance(value, Mapping):
        return any(_holds_literal_secret(k, locals_, seen) or
                   _holds_literal_secret(v, locals_, seen) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_literal_secret(v, locals_, seen) for v in value)
    return False


def _literal_default(text: str, locals_: Mapping[str, Any], variables: Mapping[str, Any]
                     ) -> str | None:
    """The name of a variable used in ``text`` (locals expanded) whose ``default`` is a
    non-empty literal string that is not a ``LiteralSecret``: written in the document in
    plain text like any literal, ``sensitive`` or not."""
    expanded = _expanded(text, locals_)
    for expression in _expressions(expanded):
        for name in _VARIABLE.findall(_STRING_LITERAL.sub('""', expression)):
            body = variables.get(name)
            default = body.get("default") if isinstance(body, Mapping) else None
            if isinstance(default, str) and default and "${" not in default \
                    and default not in _LITERAL_SECRETS:
                return str(name)
    return None


def _path(body: Any, fallback: str) -> str:
    if isinstance(body, Mapping):
        meta = body.get("//", {})
        if isinstance(meta, Mapping):
            path = meta.get("metadata", {}).get("path")
            if isinstance(path, str):
                return path
    return fallback


def _provider(stack: str, kind: str, config: Mapping[str, Any], document: Any) -> str | None:
    """``OpenaiProvider 's/openai'``: the class and construct path of the provider whose
    configuration ``config`` is in ``document``, the document of stack ``stack``; ``None``
    unless exactly one fits (cdktf writes no path for a provider). Only called for a problem.

    A candidate is a provider of this package in a stack of that name, in the app being
    synthesized (the one whose output folder holds this stack's document now: each app
    synthesizes into a staging folder of its own, removed once it is done), whose resolved
    configuration and alias are ``config``.
    """
    from .. import cdk
    from ..bindings import providers
    from ..expressions import resolve_references

    runtime = sys.modules[cdk.runtime_name()]
    found: set[str] = set()
    for provider in providers():
        if kind != provider.TF_RESOURCE_TYPE or provider.alias != config.get("alias"):
            continue
        attributes = provider._synthesize_attributes()
        if set(attributes) != set(config) - {"alias"}:
            continue
        try:
            if cdk.TerraformStack.of(provider).node.id != stack:
                continue
            root = provider.node.root
            folder = os.path.join(str(runtime.App.outdir.fget(root)), "stacks", stack)
            resolved = resolve_references(attributes, provider)
        except Exception:  # not in a stack or an app, or no longer resolvable: not this one
            continue
        if not os.path.isdir(folder) or not _holds(folder, document):
            continue
        if provider.alias is not None:
            resolved["alias"] = provider.alias
        if resolved == dict(config):
            found.add(f"{type(provider).__name__} {str(provider.node.path)!r}")
    return found.pop() if len(found) == 1 else None


def _holds(folder: str, document: Any) -> bool:
    """Whether a stack's output folder has ``document`` (an HCL stack's has no JSON file)."""
    try:
        with open(os.path.join(folder, "cdk.tf.json"), encoding="utf-8") as file:
            return bool(json.load(file) == document)
    except FileNotFoundError:
        return True
    except (OSError, ValueError):
        return False


def check_document(stack: str, document: Mapping[str, Any]) -> None:
    """Raise ``SensitiveValueError`` for a constant secret or a plain output of a secret."""
    providers, attributes = _sensitive_tables()
    locals_ = document.get("locals", {}) or {}
    resource_types = frozenset(document.get("resource", {}) or {})
    variables = document.get("variable", {}) or {}
    problems: list[str] = []
    for kind, configs in (document.get("provider", {}) or {}).items():
        sensitive = providers.get(kind, frozenset())
        for index, config in enumerate(configs if isinstance(configs, list) else [configs]):
            if not isinstance(config, Mapping):
                continue
            for name in sorted(sensitive & set(config)):
                value = config[name]
                text = value if isinstance(value, str) else json.dumps(value)
                if "${" not in text:
                    if text in _LITERAL_SECRETS:
                        continue
                    how = "a literal"
                elif _is_constant(text, locals_, resource_types):
                    how = "a constant (through locals or function calls, no reference)"
                else:
                    default = _literal_default(text, locals_, variables)
                    if default is None:
                        continue
                    how = (f"the default of variable {default!r}, a literal (Terraform uses it "
                           "when no value is given)")
                label = config.get("alias") or f"{kind}[{index}]"
                where = _provider(stack, kind, config, document) or _path(
                    config, f"{stack}/provider {label}"
                )
                problems.append(
                    f"{where}: {name}: is sensitive and its value is {how}, which would be "
                    "written in plain text to the synthesized document; pass a reference "
                    "instead (e.g. TerraformVariable(..., sensitive=True).string_value), leave "
                    "it unset to use the provider's environment variable, or opt in with "
                    "LiteralSecret(value)"
                )
    sensitive_variables = {
        name for name, body in (document.get("variable", {}) or {}).items()
        if isinstance(body, Mapping) and body.get("sensitive") is True
    }
    carriers = [
        re.compile(rf"(?<![\w.]){re.escape(kind)}\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?"
                   rf"\.(?:{'|'.join(map(re.escape, sorted(names)))})\b")
        for kind, names in attributes.items() if names
    ]
    for name, output in (document.get("output", {}) or {}).items():
        if not isinstance(output, Mapping) or output.get("sensitive") is True:
            continue
        text = _expanded(json.dumps(output.get("value")), locals_)
        found = next((m.group() for pattern in carriers for m in [pattern.search(text)] if m),
                     None)
        if found is None:
            found = next((f"var.{v}" for v in _VARIABLE.findall(text)
                          if v in sensitive_variables), None)
        if found is None and (_opted_in(text)
                              or _holds_literal_secret(output.get("value"), locals_)):
            found = "a LiteralSecret"
        if found is not None:
            where = _path(output, f"{stack}/{name}")
            problems.append(
                f"TerraformOutput {where!r} (output {name!r}): value: references a sensitive "
                f"value ({found}) but the output is not sensitive; Terraform refuses to plan "
                "it and would print it: pass sensitive=True to the TerraformOutput"
            )
    if problems:
        raise SensitiveValueError("\n".join(problems))
