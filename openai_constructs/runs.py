"""``Run``: an assistant working through a thread (``Thread.run``, or declared directly).

The public home of the run construct, defined in the thread family's package
(``threads/_runs.py``: the parent ``threads`` imports its child, and nothing imports back).
``assistant_of`` and ``check_run_options`` are helpers of ``threads`` and the patterns:
importable from here, not part of the public list.
"""

from __future__ import annotations

from .threads._runs import RUN_OPTIONS, Run, RunOptions
from .threads._runs import assistant_of as assistant_of
from .threads._runs import check_run_options as check_run_options

__all__ = ["RUN_OPTIONS", "Run", "RunOptions"]
