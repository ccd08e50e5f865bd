"""Nested attributes read back as references (``items.get(0).tools.get(1).function.name``).

Plain Python objects: building one costs nothing; node is asked for a token only when a leaf
attribute is read. They implement cdktf's ``IResolvable`` so a whole nested value or list can
be passed wherever cdktf takes a value (outputs, locals, other attributes).

On a resource's own settable blocks they are also the way to change one nested attribute, as
in cdktf's generated bindings (``assistant.tool_resources.code_interpreter.file_ids = [...]``,
``put_*``, ``reset_*``, ``*_input``, ``internal_value``): the reference forwards the change to
its resource (``_Attributes._set_path``), which checks and stores it like a top-level setter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar, TypeVar

import jsii

from ..errors import AttributeTypeError
from . import _jsii, cdk
from .fields import Struct, check_put_methods, error_for, put_value
from .terraform_types import Invalid, describe

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def steps_of(path: str) -> tuple[str | int, ...]:
    """``"tools[0].function"`` → ``("tools", 0, "function")`` (Terraform names, list indices)."""
    return tuple(name or int(index) for name, index in _STEP.findall(path))


@jsii.implements(cdk.IResolvable)
class _Reference:
    """A path below a resource or data source that resolves to ``${type.name.path}``."""

    # jsii stores its handle on the object when it is first passed to node.
    __slots__ = (_jsii.REF_ATTRIBUTE, "_element", "_path", "_token")

    def __init__(self, element: Any, path: str) -> None:
        self._element = element
        self._path = path
        self._token: Any = None

    @property
    def terraform_attribute(self) -> str:
        """The attribute path below the resource, e.g. ``items[0].tools``."""
        return self._path

    def __terraform_token__(self) -> Any:
        """The node reference this object stands for, created once.

        Memoised because cdktf keeps state on it: while preparing a stack it records on the
        reference object that it is used from another stack (and adds the output and the
        ``terraform_remote_state`` lookup); the final pass then writes the remote-state
        expression only if it meets that same object. A fresh reference per ``resolve`` would
        leave ``${type.name.path}`` dangling in the other stack. cdktf's own complex
        references memoise their token (``fqn``) for the same reason.
        """
        token = self._token
        if token is None:
            token = self._token = self._element.interpolation_for_attribute(self._path)
        return token

    @property
    def fqn(self) -> str:
        """The whole value as a string token (``${data.x.y.items[0]}``)."""
        return str(self._element.get_string_attribute(self._path))

    # cdktf.IResolvable
    @property
    def creation_stack(self) -> list[str]:
        return []

    def resolve(self, context: Any) -> Any:
        return self.__terraform_token__()

    def to_string(self) -> str:
        return self.fqn

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._path!r})"

    # The value given for this path (``internal_value`` of the generated classes).
    def _internal_value(self) -> Any:
        return self._element._input_at(steps_of(self._path))

    def _set_internal_value(self, value: Any) -> None:
        self._element._set_path(steps_of(self._path), value)


class OutputReference(_Reference):
    """A nested object attribute; generated subclasses add one property per attribute."""

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        check_put_methods(cls)

    def _string(self, name: str) -> str:
        return str(self._element.get_string_attribute(f"{self._path}.{name}"))

    def _number(self, name: str) -> float:
        return float(self._element.get_number_attribute(f"{self._path}.{name}"))

    def _boolean(self, name: str) -> cdk.IResolvable:
        result: cdk.IResolvable = self._element.get_boolean_attribute(f"{self._path}.{name}")
        return result

    def _string_list(self, name: str) -> list[str]:
        return list(self._element.get_list_attribute(f"{self._path}.{name}"))

    def _string_map(self, name: str) -> dict[str, str]:
        return dict(self._element.get_string_map_attribute(f"{self._path}.{name}"))

    def _any(self, name: str) -> cdk.IResolvable:
        result: cdk.IResolvable = self._element.interpolation_for_attribute(
            f"{self._path}.{name}"
        )
        return result

    # Setters, ``put_*``, ``reset_*`` (``None``) and ``*_input`` of the generated subclasses.
    def _set(self, name: str, value: Any) -> None:
        self._element._set_path((*steps_of(self._path), name), value)

    def _input(self, name: str) -> Any:
        return self._element._input_at((*steps_of(self._path), name))

    def _put(
        self, tf_name: str, struct: type[Struct], value: Any, keywords: dict[str, Any]
    ) -> None:
        """``put_x`` of a single block: a value or its attributes as keywords."""
        try:
            chosen = put_value(struct, value, keywords)
        except Invalid as error:
            owner = self._element._owner()
            raise error_for(owner, error.at(f"{self._path}.{tf_name}")) from None
        self._set(tf_name, chosen)


_R = TypeVar("_R", bound=OutputReference)


class ComplexList(_Reference, Sequence[_R]):
    """A list attribute of nested objects; ``get(i)`` references one item."""

    __slots__ = ()
    _ITEM: ClassVar[type[OutputReference]]

    def get(self, index: int) -> _R:
        """The item at ``index`` (a reference: Terraform checks the index at plan time)."""
        if not isinstance(index, int) or isinstance(index, bool) or index < 0:
            raise AttributeTypeError(
                f"{type(self).__name__}.get: index must be a non-negative int, got "
                f"{describe(index)}"
            )
        item: _R = self._ITEM(self._element, f"{self._path}[{index}]")  # type: ignore[assignment]
        return item

    def __getitem__(self, index: int) -> _R:  # type: ignore[override]
        return self.get(index)

    def __len__(self) -> int:
        raise AttributeTypeError(
            f"{type(self).__name__} is a reference: its length is only known when Terraform "
            "runs; use Fn.length_of(value)"
        )

    def __iter__(self) -> Iterator[_R]:
        raise AttributeTypeError(
            f"{type(self).__name__} is a reference: iterate with a TerraformIterator instead"
        )
