"""An ``App`` whose ``synth()`` replaces the files it generates, all or none, and nothing else.

cdktf's own ``App`` writes straight into the output folder, one stack at a time: a validation
that fails in the second stack leaves the first one rewritten beside the old rest, and the
files of stacks that no longer exist stay behind (the ``cdktf`` CLI then deletes their whole
folders, Terraform state included). Everything else in the folder is the user's: Terraform's
``.terraform/`` and lock files, a local backend's ``terraform.tfstate``, saved plans, notes.

This module only orchestrates, as cdktf's ``app.ts`` does: node synthesizes into a private
staging folder inside the output folder, the checks of ``synth.checks`` read the staged
documents, stacks written as HCL get their ``cdk.tf`` (``synth.documents``), and only when
all of that succeeded is the staged synth committed, a journaled transaction of
``synth.output_folder`` (its docstring says how a crash is recovered from).

Files and folders are created with the modes node gives them (``0777`` and ``0666`` minus the
umask), an output folder that is a symbolic link stays one (files go to its target), and
``app.outdir`` is the folder as given, as with cdktf's ``App``.
"""

from __future__ import annotations

import os
import shutil
import weakref
from typing import TYPE_CHECKING, Any

from .._public import public
from ..errors import OutputFolderError
from . import cdk, dependencies, names, notices
from .synth import checks
from .synth.documents import staged_documents, write_native_syntax
from .synth.output_folder import OutputFolder


class _Outdir:
    """``app.outdir``: the output folder as given, as cdktf's ``App`` returns it.

    Node's own ``outdir`` is the staging folder. This is a non-data descriptor (no
    ``__set__``), which jsii does not take for an override of node's property, so node keeps
    writing into the staging folder while Python code reads the real one.
    """

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return obj._oc_outdir


def staged_app_class(base: type[Any]) -> type[Any]:
    """A subclass of the runtime's ``App`` (cdktf's or cdktn's) with all-or-nothing synth."""

    class App(base):  # type: ignore[misc]
        __doc__ = base.__doc__

        outdir = _Outdir()

        def __init__(self, *, outdir: str | None = None, **options: Any) -> None:
            target = outdir if outdir is not None else os.environ.get("CDKTF_OUTDIR")
            if target is None:
                target = "cdktf.out"
            if not isinstance(target, str) or not target:
                raise OutputFolderError(f"App: outdir must be a non-empty path, got {target!r}")
            self._oc_outdir = target
            self._oc_folder = OutputFolder(os.path.abspath(target))
            self._oc_staging = self._oc_folder.open_staging()
            weakref.finalize(self, shutil.rmtree, self._oc_staging, True)
            dependencies.install(cdk.Node)  # node.add_dependency -> depends_on at synth
            super().__init__(outdir=self._oc_staging, **options)

        def synth(self) -> None:
            staging = self._oc_staging
            _reset(staging)  # node made ``stacks/`` there at construction; a second synth needs it
            try:
                notices.drop_pending()
                dependencies.apply(self)  # node.add_dependency -> depends_on
                try:
                    super().synth()
                except RuntimeError as error:
                    raise _validation_error(error) from None
                notices.emit_pending()  # retired APIs: seen by `python main.py` too
                documents = staged_documents(self, staging)
                checks.check_app(self, documents)  # before anything is moved into place
                write_native_syntax(self, staging, documents)
                self._oc_folder.commit(staging)
            finally:
                shutil.rmtree(staging, ignore_errors=True)

    App.__name__ = App.__qualname__ = "App"
    return public(base.__module__)(App)  # what the runtime's own App says


if TYPE_CHECKING:
    # The two runtimes share one API; type-check against cdktf's stubs.
    from .cdk import RuntimeApp

    App = RuntimeApp
else:

    def __getattr__(name: str) -> Any:
        """``App``: built on the bound runtime's ``App`` on first use (binding the runtime then,
        not when this module is imported), as ``openai_constructs.cdk`` exports it."""
        if name == "App":
            app = globals()["App"] = staged_app_class(cdk.RuntimeApp)
            return app
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _reset(staging: str) -> None:
    """An empty staging folder with ``stacks/``, as node's ``Manifest`` makes it once, at
    construction (the synthesizer creates only the stack folders inside).
    """
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(os.path.join(staging, "stacks"))


_VALIDATION_FAILED = "Validation failed with the following errors:"


def _validation_error(error: RuntimeError) -> Exception:
    """cdktf's own construct validations (a stack without its provider, ...) fail in node;
    the same problems as a Python ``ValidationError``, without the JavaScript trace. A name
    refusal raised inside an aspect comes back as the ``ConstructIdError`` it was."""
    from ..errors import ValidationError

    refusal = names.refusal_behind(error)  # raised in Python inside a node callback
    if refusal is not None:
        return refusal
    text = str(error)
    if _VALIDATION_FAILED not in text:
        return error
    body = text.split(_VALIDATION_FAILED, 1)[1]
    problems = [line.strip() for line in body.splitlines() if line.strip().startswith("[")]
    return ValidationError("the app (cdktf validation)", problems) if problems else error
