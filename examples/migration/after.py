"""The stack after the move: the same declarations, plus one ``ResponsesMigration``.

The migration declares the successors (an ``openai_vector_store`` with the inline store's
files, an ``openai_conversation`` with the thread's messages in order, and an output holding
the assistant's ``responses.create`` parameters as JSON text whose ``vector_store_ids`` refer
to the new store) and forgets the retired objects: ``terraform plan`` against the state of
``before.py`` shows only forgets and creates, and calls no retired endpoint. Run it from this
folder with ``python after.py``.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any

from openai_constructs.cdk import App
from openai_constructs.patterns import ResponsesMigration


def _before() -> Any:
    """``before.py`` beside this file, whatever the working folder."""
    spec = importlib.util.spec_from_file_location(
        "migration_before", Path(__file__).resolve().with_name("before.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    app = App(outdir=os.environ.get("CDKTF_OUTDIR", "cdktf.out"))
    stack = _before().SupportStack(app, "support")  # the same declarations as before.py
    ResponsesMigration(stack, "Migration")
    app.synth()


if __name__ == "__main__":
    main()
