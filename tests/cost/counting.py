"""Counting, not timing: jsii kernel requests (node round trips) and Python function calls.

Both counts are deterministic for a given program, so they can be compared exactly between
two sizes of one workload in ``make test`` (times live in ``bench/``).

* requests: every message the Python process sends to the jsii kernel (``create``,
  ``get``, ``invoke``, ... and the completion of a callback from node), counted at jsii's
  one transport method;
* calls: Python functions entered (``cProfile``'s primitive and recursive calls of Python
  code objects; built-ins are not counted), in this thread.
"""

from __future__ import annotations

import cProfile
import gc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Counts:
    requests: int = 0
    calls: int = 0
    kinds: Counter[str] = field(default_factory=Counter)

    def __sub__(self, other: Counts) -> Counts:
        return Counts(self.requests - other.requests, self.calls - other.calls,
                      self.kinds - other.kinds)


def _transport() -> Any:
    from jsii._kernel.providers.process import _NodeProcess

    return _NodeProcess


@contextmanager
def counting(profile: bool = True) -> Iterator[Counts]:
    """Count what runs inside the block; the counts are filled in when it ends."""
    counts = Counts()
    process = _transport()
    send = process.send

    def counted(self: Any, request: Any, response_type: Any) -> Any:
        counts.requests += 1
        counts.kinds[type(request).__name__] += 1
        return send(self, request, response_type)

    profiler = cProfile.Profile() if profile else None
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()  # no finalizers (jsii deletes objects) in the middle of a count
    process.send = counted
    try:
        if profiler is not None:
            profiler.enable()
        try:
            yield counts
        finally:
            if profiler is not None:
                profiler.disable()
    finally:
        process.send = send
        if enabled:
            gc.enable()
    if profiler is not None:
        counts.calls = sum(
            entry.callcount for entry in profiler.getstats()
            if not isinstance(entry.code, str) and not _is_counter(entry.code)
        )


def _is_counter(code: Any) -> bool:
    return bool(code.co_filename == __file__)
