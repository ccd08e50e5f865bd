"""Generate the L1 bindings from a provider schema; deterministic, pure Python.

``generate`` writes the folder (removing generated files that no longer have a construct);
``check`` compares without writing, which CI uses to catch hand edits and stale output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .model import load_model
from .render import GENERATED_MARKER, render_all

_PACKAGE = Path(__file__).resolve().parent.parent
DEFAULT_SCHEMA = _PACKAGE / "schema" / "provider-schema.json"
DEFAULT_ENCODINGS = _PACKAGE / "schema" / "encodings.json"
DEFAULT_OUT = _PACKAGE / "l1"

__all__ = ["DEFAULT_ENCODINGS", "DEFAULT_OUT", "DEFAULT_SCHEMA", "check", "generate", "render"]


def render(schema: Path = DEFAULT_SCHEMA, **options: Any) -> dict[str, str]:
    """File name → source, without touching the disk."""
    options.setdefault("encodings_path", DEFAULT_ENCODINGS)
    return render_all(load_model(schema, **options))


def _generated_files(out: Path) -> set[str]:
    if not out.is_dir():
        return set()
    return {
        p.name for p in out.glob("*.py")
        if p.read_text(encoding="utf-8").startswith(GENERATED_MARKER)
    }


def generate(schema: Path = DEFAULT_SCHEMA, out: Path = DEFAULT_OUT, **options: Any) -> list[str]:
    files = render(schema, **options)
    out.mkdir(parents=True, exist_ok=True)
    for stale in sorted(_generated_files(out) - set(files)):
        (out / stale).unlink()
    for name, source in files.items():
        path = out / name
        if not path.exists() or path.read_text(encoding="utf-8") != source:
            path.write_text(source, encoding="utf-8")
    return sorted(files)


def check(schema: Path = DEFAULT_SCHEMA, out: Path = DEFAULT_OUT, **options: Any) -> list[str]:
    """Describe every difference between the folder and a fresh generation (empty: none)."""
    files = render(schema, **options)
    problems = [f"stale generated file: {out / name}"
                for name in sorted(_generated_files(out) - set(files))]
    for name, source in files.items():
        path = out / name
        if not path.exists():
            problems.append(f"missing: {path}")
        elif path.read_text(encoding="utf-8") != source:
            problems.append(f"differs from the generator's output: {path}")
    return problems
