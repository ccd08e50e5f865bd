"""Matchers and captures behind ``Template``, ``Match`` and ``Capture`` (private).

The semantics are AWS CDK's ``assertions`` (``Match.objectLike`` and friends), mapped to
Terraform JSON documents. What differs, because Terraform differs:

* a key that is missing and a key whose value is ``null`` are the same thing (Terraform
  treats a null argument as unset), so ``Match.absent()`` and a literal ``None`` accept both;
* ``True`` never equals ``1`` (Python's ``True == 1`` is not JSON's);
* a value the provider schema marks sensitive is compared by what it holds but shown, in
  every message, as its type and length.

A matcher's ``test`` returns a :class:`MatchResult`: every failure with the path (a list of
keys and indexes) where it happened, and the values captured on the way, which reach their
:class:`Capture` only when the whole match succeeds (``MatchResult.finish``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from openai_constructs._public import public
from openai_constructs.errors import TestingInputError
from openai_constructs.testing.data_sources import describe_secret
from openai_constructs.testing.planned import UNKNOWN, Sensitive

Path = tuple[str, ...]


class _Any:
    """Matches any present, non-null value (the short forms' ``ANY``)."""

    def __repr__(self) -> str:
        return "ANY"


ANY: Any = _Any()


@dataclass
class Failure:
    """One difference: where (``path``), which matcher, and what it says."""

    path: Path
    message: str
    cost: int = 1


@dataclass
class MatchResult:
    """What one test of a matcher against a value found."""

    target: Any
    failures: list[Failure] = field(default_factory=list)
    captures: list[tuple[Capture, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing differs."""
        return not self.failures

    @property
    def cost(self) -> int:
        """How far the value is from matching (the closest candidate has the lowest cost)."""
        return sum(f.cost for f in self.failures)

    def fail(self, message: str, path: Path = (), cost: int = 1) -> MatchResult:
        self.failures.append(Failure(path, message, cost))
        return self

    def compose(self, key: str, inner: MatchResult) -> MatchResult:
        """Take over ``inner``'s failures (under ``key``) and captures."""
        self.failures += [Failure((key, *f.path), f.message, f.cost) for f in inner.failures]
        self.captures += inner.captures
        return self

    def finish(self) -> MatchResult:
        """Hand the captured values to their captures, if everything matched."""
        if self.ok:
            for capture, value in self.captures:
                capture._values.append(value)
        return self

    def lines(self) -> list[str]:
        """``at /a/0/b: message`` for every failure."""
        return [f"at /{'/'.join(f.path)}: {f.message}" if f.path else f.message
                for f in self.failures]


# -- showing values without secrets --------------------------------------------------------


def shown(value: Any) -> str:
    """A short JSON-like rendering; a sensitive value as its type and length only."""
    if isinstance(value, Sensitive):
        return repr(value)
    if value is UNKNOWN:
        return "(known after apply)"
    if isinstance(value, Matcher):
        return repr(value)
    try:
        text = json.dumps(_plain_for_display(value), ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def _plain_for_display(value: Any) -> Any:
    if isinstance(value, Sensitive):
        return repr(value)
    if isinstance(value, Mapping):
        return {str(k): _plain_for_display(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_for_display(v) for v in value]
    if value is UNKNOWN or isinstance(value, Matcher):
        return repr(value)
    return value


def type_name(value: Any) -> str:
    """JSON's name for the type of ``value`` (as AWS CDK's messages say it)."""
    if isinstance(value, Sensitive):
        return type_name(value.reveal())
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, (list, tuple)):
        return "array"
    if value is UNKNOWN:
        return "unknown"
    return type(value).__name__


def _open(actual: Any) -> tuple[Any, bool]:
    """(the value, whether it is sensitive): matchers compare the value, never show it."""
    if isinstance(actual, Sensitive):
        return actual.reveal(), True
    return actual, False


def _wrap(value: Any, secret: bool) -> Any:
    return Sensitive(value) if secret and value is not None else value


def _show(value: Any, secret: bool) -> str:
    return describe_secret(value) if secret and value is not None else shown(value)


# -- matchers ------------------------------------------------------------------------------


@public("openai_constructs.testing")
class Matcher:
    """A pattern that can test a value. Subclasses implement :meth:`test`."""

    name = "matcher"

    def test(self, actual: Any) -> MatchResult:  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"Match.{self.name}(...)"


def as_matcher(pattern: Any, *, partial: bool) -> Matcher:
    """``pattern`` itself if it is a matcher, else the literal match of it."""
    if isinstance(pattern, Matcher):
        return pattern
    if pattern is ANY:
        return AnyMatch()
    return LiteralMatch(pattern, partial=partial)


def _absent_like(pattern: Any) -> bool:
    return pattern is None or isinstance(pattern, AbsentMatch)


class LiteralMatch(Matcher):
    """A value that must equal the pattern: objects key by key (extra keys allowed when
    ``partial``, at every depth), arrays element by element with equal length."""

    name = "exact"

    def __init__(self, pattern: Any, *, partial: bool = False, name: str = "exact") -> None:
        if isinstance(pattern, Matcher):
            raise TestingInputError(
                f"Match.{name}() takes a literal value, got the matcher {pattern!r}; remove the "
                "outer Match call or nest the matcher one level deeper"
            )
        _check_literal(pattern, f"Match.{name}()")
        self.pattern = pattern
        self.partial = partial
        self.name = name

    def __repr__(self) -> str:
        return f"Match.{self.name}({shown(self.pattern)})"

    def test(self, actual: Any) -> MatchResult:
        pattern = self.pattern
        if isinstance(pattern, Mapping):
            return ObjectMatch(pattern, partial=self.partial, name=self.name).test(actual)
        if isinstance(pattern, (list, tuple)):
            return ArrayMatch(
                list(pattern), subsequence=False, partial=self.partial, name=self.name
            ).test(actual)
        result = MatchResult(actual)
        value, secret = _open(actual)
        if pattern is None:
            if value is not None:
                result.fail(f"expected to be absent or null but received {_show(value, secret)}")
            return result
        if pattern is UNKNOWN:
            if value is not UNKNOWN:
                result.fail(f"expected (known after apply) but received {_show(value, secret)}")
            return result
        if type_name(pattern) != type_name(value):
            return result.fail(
                f"expected type {type_name(pattern)} but received {type_name(value)}"
                + ("" if value is None else f" {_show(value, secret)}")
            )
        if pattern != value:
            result.fail(f"expected {_show(pattern, secret)} but received {_show(value, secret)}")
        return result


def _check_literal(pattern: Any, where: str) -> None:
    """Refuse what no Terraform document can hold (sets, objects, non-string keys...)."""
    if isinstance(pattern, Mapping):
        for key, value in pattern.items():
            if not isinstance(key, str):
                raise TestingInputError(f"{where}: object keys must be strings, got {key!r}")
            _check_literal(value, where)
        return
    if isinstance(pattern, (list, tuple)):
        for value in pattern:
            _check_literal(value, where)
        return
    if isinstance(pattern, (str, bool, int, float, Matcher, Sensitive)):
        if isinstance(pattern, float) and not math.isfinite(pattern):
            raise TestingInputError(f"{where}: {pattern!r} is not a JSON value")
        return
    if pattern is None or pattern is UNKNOWN or pattern is ANY:
        return
    raise TestingInputError(
        f"{where}: expected a JSON value (dict, list, str, number, bool, None) or a matcher, "
        f"got {type(pattern).__name__} {pattern!r}"
    )


class ObjectMatch(Matcher):
    """An object whose keys match the pattern's; extra keys fail unless ``partial``."""

    def __init__(self, pattern: Any, *, partial: bool, name: str) -> None:
        if not isinstance(pattern, Mapping):
            raise TestingInputError(
                f"Match.{name}() takes a dict, got {type(pattern).__name__} {pattern!r}"
            )
        _check_literal(pattern, f"Match.{name}()")
        self.pattern = pattern
        self.partial = partial
        self.name = name

    def __repr__(self) -> str:
        return f"Match.{self.name}({shown(self.pattern)})"

    def test(self, actual: Any) -> MatchResult:
        result = MatchResult(actual)
        value, secret = _open(actual)
        if not isinstance(value, Mapping):
            return result.fail(
                f"expected type object but received {type_name(value)}"
                + ("" if value is None else f" {_show(value, secret)}")
            )
        if not self.partial:
            for key in value:
                if key not in self.pattern and value[key] is not None:
                    result.fail("unexpected key", (str(key),))
        for key, sub in self.pattern.items():
            if key not in value and not _absent_like(sub):
                result.fail(f"missing key (expected {shown(sub)})", (str(key),))
                continue
            matcher = as_matcher(sub, partial=self.partial)
            result.compose(str(key), matcher.test(_wrap(value.get(key), secret)))
        return result


class ArrayMatch(Matcher):
    """An array: in order and of equal length, or (``subsequence``) containing the pattern's
    elements in their order, other elements between them allowed."""

    def __init__(
        self, pattern: Any, *, subsequence: bool, partial: bool = False, name: str
    ) -> None:
        if not isinstance(pattern, (list, tuple)):
            raise TestingInputError(
                f"Match.{name}() takes a list, got {type(pattern).__name__} {pattern!r}"
            )
        _check_literal(pattern, f"Match.{name}()")
        if subsequence:
            for element in pattern:
                if isinstance(element, (AbsentMatch, AnyMatch)):
                    raise TestingInputError(
                        f"Match.{element.name}() cannot be an element of Match.{name}(): "
                        "an array has no absent elements, and any_value() would match the "
                        "first element whatever it is"
                    )
        self.pattern = list(pattern)
        self.subsequence = subsequence
        self.partial = partial
        self.name = name

    def __repr__(self) -> str:
        return f"Match.{self.name}({shown(self.pattern)})"

    def test(self, actual: Any) -> MatchResult:
        result = MatchResult(actual)
        value, secret = _open(actual)
        if not isinstance(value, (list, tuple)):
            return result.fail(
                f"expected type array but received {type_name(value)}"
                + ("" if value is None else f" {_show(value, secret)}")
            )
        if not self.subsequence and len(self.pattern) != len(value):
            return result.fail(
                f"expected array of length {len(self.pattern)} but received {len(value)}",
                cost=max(1, abs(len(self.pattern) - len(value))),
            )
        pattern_index = actual_index = 0
        while pattern_index < len(self.pattern) and actual_index < len(value):
            matcher = as_matcher(self.pattern[pattern_index], partial=self.partial)
            inner = matcher.test(_wrap(value[actual_index], secret))
            if not self.subsequence or inner.ok:
                result.compose(str(actual_index), inner)
                pattern_index += 1
            actual_index += 1
        for index in range(pattern_index, len(self.pattern)):
            element = self.pattern[index]
            result.fail(
                f"could not match {self.name} pattern {index} ({shown(element)}): no element "
                "of the array matches it"
                + (" after the ones the earlier patterns matched" if index else "")
            )
        return result


class AbsentMatch(Matcher):
    """The key must be missing (or null: Terraform treats null as unset)."""

    name = "absent"

    def __repr__(self) -> str:
        return "Match.absent()"

    def test(self, actual: Any) -> MatchResult:
        result = MatchResult(actual)
        value, secret = _open(actual)
        if value is not None:
            result.fail(f"received {_show(value, secret)}, but the key should be absent")
        return result


class AnyMatch(Matcher):
    """Any present, non-null value."""

    name = "any_value"

    def __repr__(self) -> str:
        return "Match.any_value()"

    def test(self, actual: Any) -> MatchResult:
        result = MatchResult(actual)
        if _open(actual)[0] is None:
            result.fail("expected a value but found none")
        return result


class NotMatch(Matcher):
    """Anything the inner pattern does not match."""

    name = "not_"

    def __init__(self, pattern: Any) -> None:
        _check_literal(pattern, "Match.not_()")
        self.pattern = pattern

    def __repr__(self) -> str:
        return f"Match.not_({shown(self.pattern)})"

    def test(self, actual: Any) -> MatchResult:
        result = MatchResult(actual)
        inner = as_matcher(self.pattern, partial=False).test(actual)
        if inner.ok:
            value, secret = _open(actual)
            result.fail(f"found unexpected match: {_show(value, secret)}")
        return result


class SerializedJson(Matcher):
    """A string holding JSON whose parsed value matches the pattern (exactly, unless the
    pattern is itself a matcher such as ``Match.object_like``)."""

    name = "serialized_json"

    def __init__(self, pattern: Any) -> None:
        _check_literal(pattern, "Match.serialized_json()")
        self.pattern = pattern

    def __repr__(self) -> str:
        return f"Match.serialized_json({shown(self.pattern)})"

    def test(self, actual: Any) -> MatchResult:
        result = MatchResult(actual)
        value, secret = _open(actual)
        if not isinstance(value, str):
            return result.fail(f"expected JSON as a string but found {type_name(value)}")
        try:
            parsed = json.loads(value)
        except ValueError:
            return result.fail(f"invalid JSON string: {_show(value, secret)}")
        inner = as_matcher(self.pattern, partial=False).test(_wrap(parsed, secret))
        return result.compose("(deserialized JSON)", inner)


class StringLikeRegexp(Matcher):
    """A string in which the regular expression finds a match (``re.search``)."""

    name = "string_like_regexp"

    def __init__(self, pattern: str) -> None:
        if not isinstance(pattern, str):
            raise TestingInputError(
                f"Match.string_like_regexp() takes a regular expression as a str, got "
                f"{type(pattern).__name__} {pattern!r}"
            )
        try:
            self.regexp = re.compile(pattern)
        except re.error as error:
            raise TestingInputError(
                f"Match.string_like_regexp(): {pattern!r} is not a regular expression: {error}"
            ) from None
        self.pattern = pattern

    def __repr__(self) -> str:
        return f"Match.string_like_regexp({self.pattern!r})"

    def test(self, actual: Any) -> MatchResult:
        result = MatchResult(actual)
        value, secret = _open(actual)
        if not isinstance(value, str):
            return result.fail(f"expected a string, but got {type_name(value)}")
        if self.regexp.search(value) is None:
            result.fail(
                f"string {_show(value, secret)} did not match pattern {self.pattern!r}"
            )
        return result


@public("openai_constructs.testing")
class Match:
    """Factories of matchers, as AWS CDK's ``Match`` (``Match.object_like({...})``)."""

    @staticmethod
    def absent() -> Matcher:
        """The key must be missing (or null, which Terraform treats as unset)."""
        return AbsentMatch()

    @staticmethod
    def any_value() -> Matcher:
        """Any present, non-null value."""
        return AnyMatch()

    @staticmethod
    def array_with(pattern: Sequence[Any]) -> Matcher:
        """An array holding the pattern's elements in this order, others between them
        allowed; literal object elements must match exactly (use ``object_like`` inside)."""
        return ArrayMatch(pattern, subsequence=True, name="array_with")

    @staticmethod
    def array_equals(pattern: Sequence[Any]) -> Matcher:
        """An array of exactly these elements, in this order."""
        return ArrayMatch(pattern, subsequence=False, name="array_equals")

    @staticmethod
    def exact(pattern: Any) -> Matcher:
        """Exactly this value, at every depth (no extra keys in nested objects)."""
        return LiteralMatch(pattern, partial=False, name="exact")

    @staticmethod
    def not_(pattern: Any) -> Matcher:
        """Anything ``pattern`` does not match."""
        return NotMatch(pattern)

    @staticmethod
    def object_like(pattern: Mapping[str, Any]) -> Matcher:
        """An object with at least these keys, matching; literal objects and arrays inside
        are matched the same way (object-like at every depth, arrays of equal length)."""
        return ObjectMatch(pattern, partial=True, name="object_like")

    @staticmethod
    def object_equals(pattern: Mapping[str, Any]) -> Matcher:
        """An object with exactly these keys (a null value counts as no key)."""
        return ObjectMatch(pattern, partial=False, name="object_equals")

    @staticmethod
    def serialized_json(pattern: Any) -> Matcher:
        """A string of JSON whose parsed value matches ``pattern``."""
        return SerializedJson(pattern)

    @staticmethod
    def string_like_regexp(pattern: str) -> Matcher:
        """A string in which the regular expression ``pattern`` is found."""
        return StringLikeRegexp(pattern)

    @staticmethod
    def is_matcher(value: Any) -> bool:
        """True for a matcher (or a Capture)."""
        return isinstance(value, Matcher)


@public("openai_constructs.testing")
class Capture(Matcher):
    """Captures the value found where it is placed in a pattern (AWS CDK's ``Capture``).

    ``Capture()`` captures anything present; ``Capture(pattern)`` only what ``pattern``
    matches. A value is kept only when the whole assertion succeeds, once per matching
    resource; ``as_string()`` and friends read the current one, ``next()`` moves on.
    """

    name = "capture"

    def __init__(self, pattern: Any = None) -> None:
        _check_literal(pattern, "Capture()")
        self.pattern = pattern
        self._values: list[Any] = []
        self._index = 0

    def __repr__(self) -> str:
        return "Capture()" if self.pattern is None else f"Capture({shown(self.pattern)})"

    def test(self, actual: Any) -> MatchResult:
        result = MatchResult(actual)
        if self.pattern is not None:
            inner = as_matcher(self.pattern, partial=False).test(actual)
            if not inner.ok:
                return inner
        value, _secret = _open(actual)
        if value is None:
            return result.fail("can only capture non-null values")
        result.captures.append((self, value))
        return result

    def next(self) -> bool:
        """Move to the next captured value; False when there is none."""
        if self._index < len(self._values) - 1:
            self._index += 1
            return True
        return False

    def _current(self, expected: str) -> Any:
        if not self._values:
            raise TestingInputError("Capture: no value captured (no assertion using it matched)")
        value = self._values[self._index]
        if type_name(value) != expected:
            raise TestingInputError(
                f"Capture: the captured value is expected to be {expected} but found "
                f"{type_name(value)}: {shown(value)}"
            )
        return value

    def as_string(self) -> str:
        """The captured value, which must be a string."""
        return str(self._current("string"))

    def as_number(self) -> int | float:
        """The captured value, which must be a number."""
        value: int | float = self._current("number")
        return value

    def as_boolean(self) -> bool:
        """The captured value, which must be a bool."""
        return bool(self._current("boolean"))

    def as_array(self) -> list[Any]:
        """The captured value, which must be a list."""
        return list(self._current("array"))

    def as_object(self) -> dict[str, Any]:
        """The captured value, which must be a dict."""
        return dict(self._current("object"))
