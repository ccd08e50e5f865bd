"""Python's refusal of a call's arguments, as a public error that names the construct.

When a call's arguments do not fit the signature (a misspelled keyword, a missing required
argument, one positional argument too many), Python refuses the call before the function
body runs, with a bare ``TypeError`` that names the function only. :func:`checked` wraps a
function so that refusal becomes an :class:`~openai_constructs.errors.AttributeTypeError`
(a ``TypeError`` still) naming the construct path the call was for, the argument, the rule
broken and the closest valid name::

    BetaAssistant 'prod/a': unexpected keyword argument 'modle'; did you mean 'model'?

Because the body never ran, nothing was created: the scope has no new child. The signature
itself is left as written, so mypy still reports the misspelling statically.

Only the failure path pays: a call that binds is the wrapped call plus one frame, and the
signature is read (once per function) only when a call is refused.
"""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from ..errors import AttributeTypeError, OpenAIConstructsError
from .creation import construct_path

P = ParamSpec("P")
R = TypeVar("R")

_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
_KEYWORD = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
_VARIADIC = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)


def checked(fn: Callable[P, R], owner: str | None = None) -> Callable[P, R]:
    """``fn``, refusing arguments that do not fit its signature with ``AttributeTypeError``.

    ``owner`` names the callable in the message (``"Thread.run"``); ``None`` names the class
    of the object the method is called on (and the method: ``Assistant.add_metadata``), so a
    subclass is named as itself.
    """
    signature: list[inspect.Signature] = []  # read on the first refusal

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except TypeError as error:
            if isinstance(error, OpenAIConstructsError):
                raise
            if not signature:
                signature.append(inspect.signature(fn))
            refusal = refused(owner, signature[0], args, kwargs, fn.__name__)
            if refusal is None:  # the arguments fit: the error came from the body
                raise
            raise refusal from None

    return wrapper


def refused(
    owner: str | None,
    signature: inspect.Signature,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    method: str = "__init__",
) -> AttributeTypeError | None:
    """The error for a call whose arguments do not bind to ``signature``; ``None`` if they do."""
    try:
        signature.bind(*args, **kwargs)
    except TypeError as binding:
        problem = _problem(signature, args, kwargs) or str(binding)
    else:
        return None
    return AttributeTypeError(f"{_where(owner, signature, args, kwargs, method)}: {problem}")


def _problem(signature: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """What is wrong with the arguments, in the order Python itself checks."""
    params = list(signature.parameters.values())
    offset = 1 if params and params[0].name in ("self", "cls") else 0
    params = params[offset:]
    given = args[offset:]
    positional = [p for p in params if p.kind in _POSITIONAL]
    keywords = [p.name for p in params if p.kind in _KEYWORD]
    takes_args = any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in params)
    takes_kwargs = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params)

    if len(given) > len(positional) and not takes_args:
        names = ", ".join(p.name for p in positional)
        takes = f"takes {len(positional)} ({names})" if positional else "takes none"
        unset = [n for n in keywords if n not in kwargs and n not in {p.name for p in positional}]
        example = f", e.g. {unset[0]}=..." if unset else ""
        return (
            f"too many positional arguments: {takes}, got {len(given)}; pass the others by "
            f"keyword{example}"
        )
    if not takes_kwargs:
        for key in kwargs:
            if key not in keywords:
                close = difflib.get_close_matches(key, keywords, n=1)
                hint = (
                    f"did you mean {close[0]!r}?" if close
                    else f"it takes {', '.join(keywords)}" if keywords
                    else "it takes no keyword arguments"
                )
                return f"unexpected keyword argument {key!r}; {hint}"
    for p in positional[: len(given)]:
        if p.name in kwargs and p.kind is not inspect.Parameter.POSITIONAL_ONLY:
            return f"{p.name}: given twice, by position and as {p.name}=; pass it once"
    bound = {p.name for p in positional[: len(given)]} | set(kwargs)
    missing = [
        p.name for p in params
        if p.default is inspect.Parameter.empty and p.kind not in _VARIADIC
        and p.name not in bound
    ]
    if len(missing) == 1:
        return f"{missing[0]}: is required"
    if missing:
        return f"{', '.join(missing[:-1])} and {missing[-1]}: are required"
    return ""


def _where(
    owner: str | None,
    signature: inspect.Signature,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    method: str,
) -> str:
    """``BetaAssistant 'prod/a'``: the owner and the construct path the call was for.

    A constructor (``scope, id``) names the path it would have created (the scope's alone
    when the id is missing); a method of a construct names the construct; anything else (a
    struct, a value helper) is named alone.
    """
    params = list(signature.parameters)
    named: dict[str, Any] = dict(zip(params, args, strict=False))
    for key, value in kwargs.items():
        named.setdefault(key, value)
    subject = args[0] if args and params and params[0] in ("self", "cls") else None
    if owner is None:
        owner = subject.__name__ if isinstance(subject, type) else type(subject).__name__
        if method != "__init__":
            owner = f"{owner}.{method}"
    if "scope" in params:
        if "scope" not in named:
            return owner
        scope = named["scope"]
        if "id" in named:
            return f"{owner} {construct_path(scope, named['id'])!r}"
        return f"{owner} {construct_path(scope)!r}"
    if subject is not None and not isinstance(subject, type):
        try:
            return f"{owner} {str(subject.node.path)!r}"
        except Exception:  # not a construct, or not yet one
            pass
        element: Any = getattr(subject, "_element", None)  # a nested attribute's reference
        try:
            return f"{owner} {str(element.node.path)!r} ({subject._path})"
        except Exception:
            return owner
    return owner


def keyword_hints(owner: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorator form of :func:`checked` with a fixed owner (``@keyword_hints("Thread.run")``)."""

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        return checked(fn, owner)

    return decorate
