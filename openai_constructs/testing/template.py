"""``Template``: AWS CDK's ``assertions.Template`` for Terraform documents.

A ``Template`` holds one stack's Terraform document (cdktf's ``//`` metadata dropped) and
asserts on it the way AWS CDK's does on a CloudFormation template, for any provider's
resources: the resource type plays CloudFormation's ``Type``, the block name the logical id,
the body without meta-arguments the ``Properties``. Patterns are plain values (matched
object-like: extra keys allowed, at every depth) or :class:`~openai_constructs.testing.Match`
matchers and :class:`~openai_constructs.testing.Capture` s. A failed assertion raises
``AssertionError`` showing the closest candidates with every difference marked at its path;
bad input (a matcher for a count, an unknown type of a schema provider) raises
``TestingInputError``. Sensitive values are compared but never shown.

The work lives in private helpers: :mod:`._match` (matchers, captures) and
:mod:`._sections` (what a block is, the reports).
"""

from __future__ import annotations

import copy
import fnmatch
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openai_constructs.errors import TestingInputError
from openai_constructs.testing import _sections
from openai_constructs.testing._match import Match, Matcher
from openai_constructs.testing.document import Document, strip_comments, to_document

__all__ = ["Template"]


class Template:
    """Assertions on one Terraform document (from a stack, JSON, HCL or a file)."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self._doc: Document = strip_comments(dict(document))

    # -- construction ----------------------------------------------------------------------

    @classmethod
    def from_stack(cls, stack: Any) -> Template:
        """The document of a ``TerraformStack`` as ``App.synth()`` would write it (after the
        same name and secret checks; HCL as written for an app with ``hcl_output``)."""
        return cls(to_document(stack))

    @classmethod
    def from_json(cls, text: str | Mapping[str, Any]) -> Template:
        """A synthesized JSON document, as text or as a dict."""
        return cls(to_document(text))

    @classmethod
    def from_file(cls, path: str | Path) -> Template:
        """A ``cdk.tf.json`` or ``cdk.tf`` file (HCL read as written), or a stack's folder."""
        return cls(to_document(Path(path)))

    def to_json(self) -> Document:
        """A copy of the document."""
        return copy.deepcopy(self._doc)

    # -- sections --------------------------------------------------------------------------

    def _named(self, section: str, type_name: str) -> dict[str, Any]:
        from openai_constructs.testing.schema import schemas_or_none

        kind = "resource" if section == "resource" else "data"
        present = self._doc.get(section) or {}
        _sections.check_type(schemas_or_none(), kind, type_name, present)
        named = present.get(type_name) or {}
        return dict(named) if isinstance(named, Mapping) else {}

    def _guarded(self, section: str, type_name: str, named: Mapping[str, Any]) -> dict[str, Any]:
        from openai_constructs.testing.assertions import guard_sensitive
        from openai_constructs.testing.schema import schemas_or_none

        kind = "resource" if section == "resource" else "data"
        schemas = schemas_or_none()
        return {n: guard_sensitive(schemas, kind, type_name, b) for n, b in named.items()}

    def _find(
        self, section: str, type_name: str, pattern: Any, whole: bool, what: str
    ) -> tuple[dict[str, Any], dict[str, Any], int]:
        named = self._named(section, type_name)
        guarded = self._guarded(section, type_name, named)
        candidates = guarded if whole else {n: _sections.properties(b) for n, b in guarded.items()}
        matcher = _sections.top_matcher(pattern, what)
        matches, failures = _sections.test_all(candidates, matcher)
        return {n: copy.deepcopy(named[n]) for n in matches}, failures, len(candidates)

    def _has(
        self, section: str, type_name: str, pattern: Any, whole: bool, what: str, noun: str
    ) -> None:
        matches, failures, total = self._find(section, type_name, pattern, whole, what)
        if matches:
            return
        if total == 0:
            present = sorted(self._doc.get(section) or {})
            raise AssertionError(
                f"Template has 0 {noun}s of type {type_name}; {noun} types present: "
                f"{', '.join(present) or 'none'}"
            )
        prefix = "data." if section == "data" else ""
        raise AssertionError(
            f"Template has {total} {noun}(s) of type {type_name}, but none match as expected.\n"
            + _sections.closest_report(failures, f"{prefix}{type_name}.")
        )

    # -- resources -------------------------------------------------------------------------

    def has_resource_properties(self, type_name: str, props: Any) -> None:
        """A resource of ``type_name`` whose body without meta-arguments matches ``props``
        (a dict is matched object-like, deep)."""
        self._has("resource", type_name, props, False, "has_resource_properties", "resource")

    def has_resource(self, type_name: str, props: Any) -> None:
        """A resource of ``type_name`` whose whole body (meta-arguments such as
        ``depends_on``, ``count``, ``lifecycle`` included) matches ``props``."""
        self._has("resource", type_name, props, True, "has_resource", "resource")

    def find_resources(self, type_name: str, props: Any = None) -> dict[str, Any]:
        """The resources of ``type_name`` whose whole body matches ``props``, by name."""
        return self._find("resource", type_name, props, True, "find_resources")[0]

    def resource_count_is(self, type_name: str, count: int) -> None:
        """Exactly ``count`` resources of ``type_name`` (blocks, not ``count`` instances)."""
        expected = _sections.check_count(count, "resource_count_is")
        found = len(self._named("resource", type_name))
        if found != expected:
            raise AssertionError(
                f"Expected {expected} resource(s) of type {type_name} but found {found}"
            )

    def resource_properties_count_is(self, type_name: str, props: Any, count: int) -> None:
        """Exactly ``count`` resources of ``type_name`` whose properties match ``props``."""
        expected = _sections.check_count(count, "resource_properties_count_is")
        matches, failures, _total = self._find(
            "resource", type_name, props, False, "resource_properties_count_is"
        )
        if len(matches) != expected:
            names = ", ".join(sorted(matches)) or "none"
            report = ""
            if failures and len(matches) < expected:
                report = "\n" + _sections.closest_report(failures, f"{type_name}.")
            raise AssertionError(
                f"Expected {expected} resource(s) of type {type_name} with the given "
                f"properties but found {len(matches)} ({names}){report}"
            )

    def all_resources(self, type_name: str, props: Any) -> None:
        """Every resource of ``type_name`` (at least one) matches ``props``, whole body."""
        self._all(type_name, props, True, "all_resources")

    def all_resources_properties(self, type_name: str, props: Any) -> None:
        """Every resource of ``type_name`` (at least one) has properties matching ``props``."""
        self._all(type_name, props, False, "all_resources_properties")

    def _all(self, type_name: str, props: Any, whole: bool, what: str) -> None:
        matches, failures, total = self._find("resource", type_name, props, whole, what)
        if total == 0:
            raise AssertionError(
                f"Template has 0 resources of type {type_name}, but none match as expected."
            )
        if failures:
            raise AssertionError(
                f"Template has {total} resource(s) of type {type_name}, but only "
                f"{len(matches)} match as expected.\n"
                + _sections.closest_report(failures, f"{type_name}.")
            )

    # -- data sources ----------------------------------------------------------------------

    def has_data_source(self, type_name: str, props: Any) -> None:
        """A data source of ``type_name`` whose arguments (meta-arguments aside) match."""
        self._has("data", type_name, props, False, "has_data_source", "data source")

    def find_data_sources(self, type_name: str, props: Any = None) -> dict[str, Any]:
        """The data sources of ``type_name`` whose whole body matches ``props``, by name."""
        return self._find("data", type_name, props, True, "find_data_sources")[0]

    # -- outputs and providers ---------------------------------------------------------------

    def find_outputs(self, name: str = "*", props: Any = None) -> dict[str, Any]:
        """Outputs whose name matches ``name`` (``*`` and other glob patterns) and whose body
        (``value``, ``sensitive``, ``description``, ...) matches ``props``."""
        return self._outputs(name, props)[0]

    def has_output(self, name: str, props: Any) -> None:
        """An output named ``name`` (``*``: any) whose body matches ``props``, e.g.
        ``{"value": "${openai_beta_assistant.helper.id}", "sensitive": Match.absent()}``."""
        matches, failures = self._outputs(name, props)
        if matches:
            return
        outputs = self._doc.get("output") or {}
        if not failures:
            raise AssertionError(
                f"Template has no output matching the name {name!r}; outputs present: "
                f"{', '.join(sorted(outputs)) or 'none'}"
            )
        raise AssertionError(
            f"Template has {len(failures)} output(s) named {name!r}, but none match as "
            "expected.\n" + _sections.closest_report(failures, "output.")
        )

    def _outputs(self, name: str, props: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        from openai_constructs.testing.planned import Sensitive

        if not isinstance(name, str):
            raise TestingInputError(
                f"expected an output name or glob pattern, got {type(name).__name__} {name!r}"
            )
        outputs = self._doc.get("output") or {}
        candidates: dict[str, Any] = {}
        for key, body in outputs.items():
            if fnmatch.fnmatchcase(key, name) and isinstance(body, Mapping):
                guarded = dict(body)
                if body.get("sensitive") is True and body.get("value") is not None:
                    guarded["value"] = Sensitive(body["value"])
                candidates[key] = guarded
        matcher = _sections.top_matcher(props, "has_output")
        matches, failures = _sections.test_all(candidates, matcher)
        return {k: copy.deepcopy(outputs[k]) for k in matches}, failures

    def has_provider(self, name: str, props: Any = None) -> None:
        """A configuration of provider ``name`` (``openai``) matching ``props``."""
        from openai_constructs.testing.assertions import guard_sensitive
        from openai_constructs.testing.schema import schemas_or_none

        configs = (self._doc.get("provider") or {}).get(name)
        if not configs:
            present = sorted(self._doc.get("provider") or {})
            raise AssertionError(
                f"Template has no configuration of provider {name!r}; providers present: "
                f"{', '.join(present) or 'none'}"
            )
        schemas = schemas_or_none()
        items = configs if isinstance(configs, list) else [configs]
        candidates = {
            f"[{i}]": guard_sensitive(schemas, "provider", name, body)
            for i, body in enumerate(items)
        }
        matcher = _sections.top_matcher(props, "has_provider")
        matches, failures = _sections.test_all(candidates, matcher)
        if not matches:
            raise AssertionError(
                f"Template has {len(items)} configuration(s) of provider {name!r}, but none "
                "match as expected.\n" + _sections.closest_report(failures, f"provider.{name}")
            )

    def template_matches(self, expected: Any) -> None:
        """The whole document matches ``expected`` (object-like unless a matcher says)."""
        matcher = expected if isinstance(expected, Matcher) else Match.object_like(expected)
        result = matcher.test(self._doc).finish()
        if not result.ok:
            raise AssertionError(
                "Template does not match as expected:\n" + "\n".join(result.lines())
            )

