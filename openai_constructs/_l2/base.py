"""The L2 base class and what the L2 constructs share: checking before anything is created,
creation, and metadata.

Each L2 names its L1 child ``Default``: ``node.default_child`` finds it without being set
(a round trip to node saved per construct) and the Terraform name is the L2's own.

Every L2 takes its arguments in through ``intake`` (shapes, kinds of construct, ids), builds
the attributes it is about to give its L1 resource, and declares itself with
``L2Construct._declare``: the attributes are checked against the one table of rules
(``rules.py``, plus the merged-metadata limit) and one ``ValidationError`` is raised before the
construct is added to the tree. A type error found while the L1 child is built
(``model=42``) is reported in the L2's words (its path, its parameter names) and the half-built
construct is removed from the tree, so a corrected retry with the same id works.
``MetadataOwner`` is the L2 base class of the constructs whose object has ``metadata``
(``add_metadata``, ``metadata``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from .._runtime.arguments import checked
from .._runtime.cdk import Construct, IConstruct
from .._runtime.creation import construct_path, create_construct
from .._runtime.fields import Struct
from .._runtime.terraform_types import Invalid, describe
from .._runtime.tokens import is_unresolved
from ..errors import ConstructIdError, OpenAIConstructsError, ValidationError
from .boundary import literal_attributes, literal_values
from .intake import Intake, check_id, mapping
from .iteration import Iteration
from .metadata import check_pair, claim, referenced_removals, resolve, scope_operations
from .placement import NO_PLACEMENT, Placement
from .rules import MAX_METADATA_PAIRS, Rule, rule
from .violations import Violation, Violations

REFERENCED_REMOVE = rule("metadata.referenced_remove")


def new_violations() -> Violations:
    """A collector for a construct not created yet; its path is only worked out (a call into
    node) when there is something to report.
    """
    return Violations("")


def renamed(attribute: str, names: Mapping[str, str]) -> str:
    """An L1 attribute path in the L2's parameter names (``workflow.state_variables['a']`` ->
    ``state_variables['a']``): the longest matching prefix in ``names`` is replaced.
    """
    for prefix in sorted(names, key=len, reverse=True):
        if attribute == prefix or attribute.startswith((prefix + ".", prefix + "[")):
            return names[prefix] + attribute[len(prefix):]
    return attribute


def type_problems(
    owner: str,
    scope: IConstruct,
    id: str,
    l1_class: Any,
    attributes: Mapping[str, Any],
    names: Mapping[str, str],
) -> None:
    """Raise the ``AttributeTypeError`` the L1 child would raise for ``attributes``, if any.

    Run only when a rule is broken: a misspelled key (``fucntion``) makes a rule look broken,
    and the typo is the problem to report.
    """
    try:
        l1_class._FIELDS.encode({k: v for k, v in attributes.items() if v is not None})
    except Invalid as error:
        where = renamed(error.path(), names)
        prefix = f"{owner} {construct_path(scope, id)!r}: "
        message = f"{where}: {error.message}" if where else error.message
        raise error.kind(prefix + message) from None


def raise_for(
    violations: Violations,
    scope: IConstruct,
    id: str,
    *,
    owner: str = "",
    l1_class: Any = None,
    attributes: Mapping[str, Any] | None = None,
    names: Mapping[str, str] | None = None,
) -> None:
    """Raise the collected violations, naming the path the construct would have had.

    With ``l1_class`` and ``attributes``, a type error in the attributes is raised instead
    (see :func:`type_problems`); ``names`` maps L1 attribute paths to parameter names.
    """
    if not violations:
        return
    if l1_class is not None and attributes is not None:
        type_problems(owner, scope, id, l1_class, attributes, names or {})
    found = list(violations)
    if names:
        found = [Violation(renamed(v.attribute, names), v.rule, v.detail) for v in found]
    raise ValidationError(construct_path(scope, id), found)


@contextmanager
def building(
    construct: Any, owner: str, scope: IConstruct, id: str, names: Mapping[str, str] | None = None
) -> Iterator[None]:
    """Create ``construct`` and its children inside; on any failure it leaves the tree.

    An error about the generated child (``<path>/Default``) is re-raised naming the L2
    construct and its parameters.
    """
    try:
        yield
    except BaseException as error:
        _detach(construct, scope, id)
        if isinstance(error, OpenAIConstructsError):
            translated = _in_l2_words(error, owner, scope, id, names or {})
            if translated is not None:
                raise translated from None
        raise


_Init = TypeVar("_Init", bound=Callable[..., None])


def atomic(init: _Init) -> _Init:
    """Decorate a construct's ``__init__`` that creates children: when it raises, the
    construct (and so everything it created) is removed from the tree again.
    """

    @functools.wraps(init)
    def wrapper(self: Any, scope: Any, id: Any, *args: Any, **kwargs: Any) -> None:
        try:
            init(self, scope, id, *args, **kwargs)
        except BaseException:
            _detach(self, scope, id)
            raise

    return wrapper  # type: ignore[return-value]


def _detach(construct: Any, scope: IConstruct, id: str) -> None:
    try:
        if scope.node.try_find_child(id) is construct:
            scope.node.try_remove_child(id)
    except Exception:  # the scope is not a construct: nothing was attached
        return


def _in_l2_words(
    error: OpenAIConstructsError,
    owner: str,
    scope: IConstruct,
    id: str,
    names: Mapping[str, str],
) -> OpenAIConstructsError | None:
    l1_owner = getattr(error, "owner", None)
    detail = getattr(error, "detail", None)
    path = construct_path(scope, id)
    if l1_owner is None and isinstance(error, ConstructIdError):
        # a name check of the generated child: "BetaThread 'p/Default': ..." in the L2's words
        child = f" {path + '/Default'!r}: "
        message = str(error)
        head, found, rest = message.partition(child)
        if found and head.isidentifier():
            return ConstructIdError(f"{owner} {path!r}: {rest}")
        return None
    if not (isinstance(l1_owner, str) and l1_owner.endswith(f" '{path}/Default'")):
        return None
    attribute = renamed(getattr(error, "attribute", ""), names)
    prefix = f"{owner} {path!r}: "
    return type(error)(prefix + (f"{attribute}: {detail}" if attribute else str(detail)))


def metadata_value(intake: Intake, value: Any) -> Any:
    """The ``metadata`` parameter: a dict of strings (copied) or a reference to a whole map."""
    return mapping(intake, "metadata", value, "a dict of strings (key -> value)")


_TOOL_RESOURCES = (
    "a dict ({'code_interpreter': {...}, 'file_search': {...}}), ToolResources or an L1 struct"
)


def tool_resources_value(intake: Intake, value: Any) -> Any:
    """The ``tool_resources`` parameter, its shape checked down to each tool's entry."""
    if value is None or is_unresolved(value) or isinstance(value, Struct):
        return value
    if not isinstance(value, Mapping):
        if callable(getattr(value, "render", None)):
            return value
        intake.fail("tool_resources", f"expects {_TOOL_RESOURCES}, got {describe(value)}")
    for key, entry in value.items():
        if entry is None or is_unresolved(entry) or isinstance(entry, (Mapping, Struct)):
            continue
        if callable(getattr(entry, "render", None)):
            continue
        intake.fail(
            f"tool_resources[{key!r}]",
            f"expects a dict (e.g. {{'file_ids': [...]}}) or a helper, got {describe(entry)}",
        )
    return value


def add_violation(violations: Violations, attribute: str, found: Rule, detail: str) -> None:
    violations.add(Violation(attribute, found, detail))


def check_merged_count(violations: Violations, own: Any, merged: Any) -> None:
    """The 16-pair limit on what is actually sent, saying where the pairs came from."""
    if not isinstance(merged, Mapping) or len(merged) <= MAX_METADATA_PAIRS:
        return
    own_count = len(own) if isinstance(own, Mapping) else 0
    add_violation(
        violations,
        "metadata",
        rule("metadata.size"),
        f"{len(merged)}: {own_count} set on the construct, {len(merged) - own_count} added "
        "with Metadata.of",
    )


def metadata_for_new(
    violations: Violations,
    scope: IConstruct,
    own: Mapping[str, str] | None,
    resource_type: str,
) -> Any:
    """Check the metadata a construct about to be created under ``scope`` would be sent;
    returns ``own`` (its resource adds the ``Metadata.of`` pairs itself).

    The construct's own pairs are checked by ``check_resource`` with the other attributes;
    here only the total, which ``Metadata.of`` pairs can push over the limit, and removals a
    referenced map cannot honour.
    """
    operations = scope_operations(scope, resource_type)
    if not operations or (isinstance(own, Mapping) and len(own) > MAX_METADATA_PAIRS):
        return own  # nothing inherited, or reported on the construct's own value already
    for key in referenced_removals(own, operations):
        add_violation(violations, "metadata", REFERENCED_REMOVE, f"remove({key!r})")
    check_merged_count(violations, own, resolve(own, operations))
    return own


_Resource = TypeVar("_Resource")


class L2Construct(Construct, Generic[_Resource]):
    """The base class of the L2 constructs: one declaration, checked as a whole before
    anything exists, then this construct and its L1 child ``Default`` created together.

    :meth:`_declare` is the constructor skeleton every L2 ``__init__`` shares, after taking
    its arguments in (``intake``) and building the attributes it hands its L1 resource.
    """

    _resource: _Resource
    _iteration: Iteration

    @property
    def resource(self) -> _Resource:
        """The L1 resource (escape hatch; values set on it directly are not checked)."""
        return self._resource

    def _declare(
        self,
        owner: str,
        scope: IConstruct,
        id: str,
        l1_class: Any,
        attributes: dict[str, Any],
        violations: Violations,
        iteration: Iteration,
        placement: Placement = NO_PLACEMENT,
        *,
        names: Mapping[str, str] | None = None,
        after: list[Any] | None = None,
        escape: Callable[[Any], Any] | None = None,
        prepare: Callable[[], None] | None = None,
    ) -> None:
        """Check ``attributes`` (keyword arguments of ``l1_class``, as written) against the
        rules of its resource type, the merged metadata count and what ``violations``
        already holds, and raise one error naming the construct path before anything is
        created; then create this construct and its L1 child with the attributes escaped
        once (along the schema, or by ``escape``), ``for_each``/``count`` and the placement
        (``after``: what the resource waits for besides ``depends_on``). On any failure
        while creating, the construct leaves the tree (:func:`building`).

        ``names`` maps L1 attribute paths to the owner's parameter names for messages;
        ``prepare`` runs inside the construct before its child is created (a child of its
        own the attributes refer to, such as a file's asset).
        """
        resource_type = l1_class.TF_RESOURCE_TYPE
        violations.check_resource(resource_type, attributes)
        if "metadata" in attributes:
            metadata_for_new(violations, scope, attributes["metadata"], resource_type)
        if violations:
            raise_for(violations, scope, id, owner=owner, l1_class=l1_class,
                      attributes=attributes, names=names)
        create_construct(self, scope, id)  # Construct.__init__, cheaper (see _runtime/creation.py)
        with building(self, owner, scope, id, names):
            self._iteration = iteration
            if "metadata" in attributes:
                own = attributes["metadata"]
                self._own_metadata = dict(own) if isinstance(own, Mapping) else own
                self._resource_type = resource_type
            if prepare is not None:
                prepare()
            self._resource = l1_class(
                self,
                "Default",
                **(escape(attributes) if escape is not None
                   else literal_attributes(l1_class._FIELDS, attributes)),
                **iteration.meta(),
                **placement.meta(after),
            )
            if "metadata" in attributes:
                # It carries this construct's metadata: Metadata.of checks it against the
                # limits and reports this construct's path.
                claim(self, self._resource)


class MetadataOwner(L2Construct[_Resource]):
    """An L2 construct whose object has ``metadata``: its own pairs, to which its resource
    adds those of ``Metadata.of`` (see ``openai_constructs.metadata`` for the precedence)."""

    _own_metadata: Any
    _resource_type: str

    def _metadata_target(self) -> Any:
        """The L1 resource whose ``metadata`` this construct controls: its ``Default``."""
        return self._resource

    def _check_metadata_count(self, violations: Violations, own: Any, merged: Any) -> None:
        check_merged_count(violations, own, merged)

    @checked  # named as the subclass: ``Thread.add_metadata 'prod/t'``
    def add_metadata(self, key: str, value: str) -> None:
        """Set one pair on this object, checked immediately; when it raises, nothing has
        changed. Own pairs have priority 50: ``Metadata.of(...).add`` (100 by default)
        replaces them, see ``Metadata``."""
        path = str(self.node.path)
        check_pair(f"{type(self).__name__}.add_metadata {path!r}", key, value)
        violations = Violations(path)
        if self._own_metadata is not None and is_unresolved(self._own_metadata):
            raise ValidationError(
                path,
                [Violation("metadata", _REFERENCE_METADATA, "a reference")],
            )
        own = {**(self._own_metadata or {}), key: value}
        violations.check_resource(self._resource_type, {"metadata": own})
        if not violations:
            target = self._metadata_target()
            merged = resolve(own, scope_operations(target, self._resource_type))
            check_merged_count(violations, own, merged)
        violations.raise_if_any()
        self._own_metadata = own
        self._metadata_target().metadata = literal_values(own)

    @property
    def metadata(self) -> Any:
        """The metadata sent with the object (before escaping): own pairs first, in the order
        given, then those from ``Metadata.of`` by key. Same as ``Metadata.of(self).pairs()``.
        """
        target = self._metadata_target()
        return resolve(self._own_metadata, scope_operations(target, self._resource_type))


_NON_EMPTY = rule("import.id")


def non_empty_id(violations: Violations, attribute: str, value: Any) -> None:
    """Importers need an id: a non-empty string (a reference is fine)."""
    if not isinstance(value, str) or not value:
        add_violation(violations, attribute, _NON_EMPTY, repr(value))


def declare_imported(obj: Any, owner: str, scope: Any, id: str, attribute: str,
                     value: Any) -> None:
    """Create ``obj``, the construct of a ``from_<kind>_id`` importer, after what every
    importer checks: the scope and construct id, and a non-empty object id (a reference is
    fine). Created with ``create_construct``, so its place is known to its children without
    asking node."""
    check_id(Intake(owner, scope, id), id)
    violations = new_violations()
    non_empty_id(violations, attribute, value)
    raise_for(violations, scope, id)
    create_construct(obj, scope, id)


_REFERENCE_METADATA = rule("metadata.literal")


__all__ = [
    "L2Construct",
    "MetadataOwner",
    "atomic",
    "building",
    "declare_imported",
    "check_pair",
    "metadata_value",
    "renamed",
    "tool_resources_value",
    "type_problems",
    "add_violation",
    "check_merged_count",
    "construct_path",
    "metadata_for_new",
    "new_violations",
    "non_empty_id",
    "raise_for",
]
