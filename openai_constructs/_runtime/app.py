"""An ``App`` whose ``synth()`` writes every stack or none.

cdktf validates and writes one stack at a time, so a validation that fails in the second stack
leaves the first one rewritten beside the old rest. This ``App`` synthesizes into a staging
folder next to the output folder and swaps it in only when the whole synth succeeded; on
failure the previous output is left exactly as it was.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from typing import Any

from .secrets import check_outdir


def staged_app_class(base: type[Any]) -> type[Any]:
    """A subclass of the runtime's ``App`` (cdktf's or cdktn's) with all-or-nothing synth."""

    class App(base):  # type: ignore[misc]
        __doc__ = base.__doc__

        def __init__(self, *, outdir: str | None = None, **options: Any) -> None:
            target = outdir or os.environ.get("CDKTF_OUTDIR") or "cdktf.out"
            self._final_outdir = os.path.abspath(target)
            parent = os.path.dirname(self._final_outdir)
            os.makedirs(parent, exist_ok=True)
            self._staging = tempfile.mkdtemp(prefix=".cdktf-staging-", dir=parent)
            atexit.register(shutil.rmtree, self._staging, True)
            super().__init__(outdir=self._staging, **options)

        @property
        def final_outdir(self) -> str:
            """Where ``synth()`` leaves the output (``outdir`` is the staging folder)."""
            return self._final_outdir

        def synth(self) -> None:
            try:
                try:
                    super().synth()
                except RuntimeError as error:
                    raise _validation_error(error) from None
                check_outdir(self._staging)  # secrets: before anything is swapped in
            except BaseException:
                _empty(self._staging)
                raise
            _swap_in(self._staging, self._final_outdir)
            os.makedirs(self._staging, exist_ok=True)  # a second synth() stages again

    App.__name__ = App.__qualname__ = "App"
    App.__module__ = base.__module__
    return App


_VALIDATION_FAILED = "Validation failed with the following errors:"


def _validation_error(error: RuntimeError) -> Exception:
    """cdktf's own construct validations (a stack without its provider, ...) fail in node;
    the same problems as a Python ``ValidationError``, without the JavaScript trace."""
    from ..errors import ValidationError

    text = str(error)
    if _VALIDATION_FAILED not in text:
        return error
    body = text.split(_VALIDATION_FAILED, 1)[1]
    problems = [line.strip() for line in body.splitlines() if line.strip().startswith("[")]
    return ValidationError("the app (cdktf validation)", problems) if problems else error


def _empty(folder: str) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder, exist_ok=True)


def _swap_in(staging: str, final: str) -> None:
    """Replace ``final`` by ``staging`` with two renames (the old output goes away last)."""
    old = None
    if os.path.exists(final):
        old = tempfile.mkdtemp(prefix=".cdktf-previous-", dir=os.path.dirname(final))
        os.rmdir(old)
        os.rename(final, old)
    os.rename(staging, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
