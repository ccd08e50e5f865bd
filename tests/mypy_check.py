"""Run ``mypy --strict`` on a small app written to a temporary folder (typing tests)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def assert_mypy_reports(tmp_path: Path, source: str, mistakes: dict[int, str],
                        cache: str) -> dict[int, str]:
    """mypy --strict reports an error on each line of ``mistakes`` (holding its word), and
    on no other line; returns the errors by line."""
    app = tmp_path / "app.py"
    app.write_text(source, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary",
         "--cache-dir", str(ROOT / ".mypy_cache" / cache), str(app)],
        cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    errors: dict[int, str] = {}
    for line in done.stdout.splitlines():
        found = re.match(r".*app\.py:(\d+): error: (.*)", line)
        if found:
            errors[int(found.group(1))] = found.group(2)
    assert sorted(errors) == sorted(mistakes), done.stdout
    for line, word in mistakes.items():
        assert word in errors[line], (line, errors[line])
    return errors
