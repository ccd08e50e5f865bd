"""What a check's working directory holds besides the document (private).

A plan judges the configuration as written. HCL (a ``cdk.tf`` path, a stack folder holding
``cdk.tf``, HCL text, a stack of an ``App(hcl_output=True)``) goes into the directory as
``cdk.tf``, not as a translation into ``cdk.tf.json``: Terraform's diagnostics then point at
its lines, and nothing a translation could change (a heredoc, a comment, an expression's
spelling) is hidden. Its ``backend`` and ``cloud`` blocks are blanked in place (every
character but line breaks becomes a space), so a plan never reaches a remote state and each
line keeps its number. The parsed document still serves everything else (provider versions,
schema checks, data fixtures, ``state=``, the secrets check).

Assets, the files a stack reads with ``file("assets/...")`` (cdktf's ``TerraformAsset``,
``File.from_path``), are linked where the stack's folder holds them: the ``assets/`` folder
beside a ``cdk.tf``/``cdk.tf.json`` path, or, for a stack object, the assets cdktf's own
synthesis copies (``Testing.full_synth`` into a private folder, removed after the check).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openai_constructs.testing.document import Document, hcl_text

__all__ = ["Inputs", "blank_backend", "prepared"]

ASSETS = "assets"


@dataclass(frozen=True)
class Inputs:
    """The native text to plan (``None``: the document, as JSON) and the paths to link into
    the working directory (relative name -> existing file or folder)."""

    native: str | None = None
    links: Mapping[str, Path] = field(default_factory=dict)


@contextlib.contextmanager
def prepared(subject: Any, doc: Document) -> Iterator[Inputs]:
    """The :class:`Inputs` of ``subject`` (whose document is ``doc``), valid inside the
    ``with`` block (a stack's assets are copied to a private folder removed at its end)."""
    native = hcl_text(subject)
    if native is not None:
        native = blank_backend(native)
    folder = _folder(subject)
    if folder is not None:
        links = {ASSETS: folder / ASSETS} if (folder / ASSETS).is_dir() else {}
        yield Inputs(native, links)
        return
    if not _is_stack(subject) or f"{ASSETS}/" not in json.dumps(doc):  # no asset path
        yield Inputs(native)
        return
    outdir = _full_synth(subject)
    try:
        assets = outdir / "stacks" / str(subject.node.id) / ASSETS
        yield Inputs(native, {ASSETS: assets} if assets.is_dir() else {})
    finally:
        shutil.rmtree(outdir, ignore_errors=True)


def _folder(subject: Any) -> Path | None:
    """The stack folder of a path subject (the folder itself, or a file's parent)."""
    if isinstance(subject, str):
        stripped = subject.strip()
        if "\n" in stripped or not stripped.endswith((".tf", ".json")):
            return None
        subject = Path(stripped)
    if not isinstance(subject, os.PathLike):
        return None
    target = Path(subject)
    return target if target.is_dir() else target.parent


def _is_stack(subject: Any) -> bool:
    from openai_constructs._runtime.cdk import TerraformStack

    return isinstance(subject, TerraformStack)


def _full_synth(stack: Any) -> Path:
    """cdktf's own synthesis of ``stack`` into a fresh folder (custom synthesis copies the
    assets there); its errors as ``TestingInputError``."""
    from openai_constructs._runtime.cdk import Testing
    from openai_constructs.errors import TestingInputError

    try:
        return Path(str(Testing.full_synth(stack)))
    except Exception as error:  # jsii carries node's errors as several Python classes
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise TestingInputError(
            f"stack {stack.node.id!r}: cannot copy its assets for the plan: {first}"
        ) from None


# -- blanking the backend of native syntax ---------------------------------------------------


def blank_backend(text: str) -> str:
    """``text`` with the ``backend``/``cloud`` blocks of its ``terraform`` blocks replaced by
    spaces (line breaks kept, so every other line keeps its number and column)."""
    spans = _backend_spans(text)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for index in range(start, end):
            if chars[index] not in "\r\n":
                chars[index] = " "
    return "".join(chars)


def _backend_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    depth = 0
    pending: str | None = None  # the last identifier, waiting for its block's "{"
    pending_at = 0
    terraform_depth = -1  # depth inside the current top-level terraform block, or -1
    blanking_from = -1
    for kind, start, end in _tokens(text):
        if kind == "{":
            if pending == "terraform" and depth == 0:
                terraform_depth = 1
            elif pending in ("backend", "cloud") and terraform_depth == 1 and depth == 1:
                blanking_from = pending_at
            depth += 1
            pending = None
        elif kind == "}":
            depth -= 1
            if blanking_from >= 0 and depth == 1:
                spans.append((blanking_from, end))
                blanking_from = -1
            if depth == 0:
                terraform_depth = -1
            pending = None
        elif kind == "ident":
            if pending == "backend":
                continue  # an unquoted label: the block is still the backend
            pending, pending_at = text[start:end], start
        elif kind == "label":
            continue  # a block label: the block name stays pending
        else:
            pending = None
    return spans


def _tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """Identifiers, braces, labels (strings) and other characters of HCL, with comments,
    strings (their templates included) and heredocs skipped."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in " \t\r\n":
            i += 1
        elif c == "#" or text.startswith("//", i):
            newline = text.find("\n", i)
            i = n if newline < 0 else newline + 1
        elif text.startswith("/*", i):
            close = text.find("*/", i + 2)
            i = n if close < 0 else close + 2
        elif c == '"':
            end = _skip_string(text, i)
            yield "label", i, end
            i = end
        elif text.startswith("<<", i) and _heredoc_marker(text, i) is not None:
            i = _skip_heredoc(text, i)
            yield "other", i, i
        elif c in "{}":
            yield c, i, i + 1
            i += 1
        elif c.isalpha() or c == "_":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] in "_-"):
                j += 1
            yield "ident", i, j
            i = j
        else:
            yield "other", i, i + 1
            i += 1


def _skip_string(text: str, i: int) -> int:
    """The index after the string starting at ``text[i] == '"'``."""
    j, n = i + 1, len(text)
    while j < n:
        c = text[j]
        if c == "\\":
            j += 2
        elif c == '"':
            return j + 1
        elif c in "$%" and text.startswith("{", j + 1):
            if text.startswith(c, j - 1) and j - 1 > i:  # $${ and %%{ are literal
                j += 2
            else:
                j = _skip_template(text, j + 2)
        elif c == "\n":
            return j
        else:
            j += 1
    return n


def _skip_template(text: str, j: int) -> int:
    """The index after the ``}`` closing a template sequence whose body starts at ``j``."""
    depth, n = 1, len(text)
    while j < n:
        c = text[j]
        if c == '"':
            j = _skip_string(text, j)
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return n


def _heredoc_marker(text: str, i: int) -> str | None:
    j = i + 2
    if j < len(text) and text[j] == "-":
        j += 1
    k = j
    while k < len(text) and (text[k].isalnum() or text[k] == "_"):
        k += 1
    if k == j:
        return None
    rest = text[k:text.find("\n", k) if "\n" in text[k:] else len(text)]
    return text[j:k] if not rest.strip() else None


def _skip_heredoc(text: str, i: int) -> int:
    marker = _heredoc_marker(text, i)
    line_end = text.find("\n", i)
    if marker is None or line_end < 0:
        return len(text)
    position = line_end + 1
    while position < len(text):
        end = text.find("\n", position)
        line = text[position:] if end < 0 else text[position:end]
        if line.strip() == marker:
            return len(text) if end < 0 else end + 1
        if end < 0:
            break
        position = end + 1
    return len(text)
