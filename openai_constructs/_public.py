"""The one place that gives a public object defined in a private module its public home.

A class or function defined in a private module (``_runtime/terraform_types.py``) but used
from a public one (``openai_constructs``) should say so in tracebacks, ``repr`` and ``help``,
and pickle by a path that stays valid: ``@public("openai_constructs")`` sets its
``__module__`` where it is defined, so the name does not depend on which public module was
imported first (as httpx and openai-python do). tests/test_public_surface.py checks that
every public name's ``__module__`` is a public module that exports it, and that nothing else
assigns ``__module__``.

This module imports nothing from the package: every layer may use it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

_T = TypeVar("_T", bound=Callable[..., Any])


def public(home: str) -> Callable[[_T], _T]:
    """Decorate a class or function with the public module ``home`` that exports it."""

    def mark(obj: _T) -> _T:
        obj.__module__ = home
        return obj

    return mark


__all__ = ["public"]
