"""The checks of a synthesized app, run on the staged documents before anything is kept.

Node has written every stack; what it wrote is judged here, once, in this order, and the
first refusal stops the synth before the output folder is touched: Terraform names as they
came out (``final_names``: a rename in node or an aspect), values the runtime would have changed
(``rewrites``), references to forgotten objects (``forgetting``), text Terraform cannot read
(``elements``: lone surrogates) and secrets (``secrets``: last, so that nothing found by the
other checks is written next to a secret).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import elements, forgetting
from . import final_names, rewrites
from .secrets import check_document


def check_app(app: Any, documents: Mapping[str, dict[str, Any]]) -> None:
    """Every check of the app's synthesized ``documents`` (by stack name)."""
    final_names.check_synthesized(app, documents)
    rewrites.check_documents(app, documents)
    forgetting.check_app(app, documents)
    elements.check_document_text(documents)  # lone surrogates, from anywhere
    for stack_name, document in documents.items():  # secrets: before anything is kept
        check_document(stack_name, document)
