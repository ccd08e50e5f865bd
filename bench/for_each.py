"""Benchmark: ``for_each`` driven by an N-entry map variable vs a Python loop over N entries.

Usage::

    python bench/for_each.py                 # N = 10, 100, 1000; 3 fresh processes each
    python bench/for_each.py --quick         # N = 10, 1000; 1 process each
    python bench/for_each.py --sizes 10 5000 --repeat 5 --synth kit

Every variant declares, per entry of an N-entry map, a thread seeded with the entry's
greeting, a message and a run of one assistant, under ``Metadata.of``:

* ``for_each``: one ``Thread(..., for_each=TerraformIterator.from_map(var.greetings))`` with
  its message and run chained on it; the N entries are the variable's value, given at plan
  time (the worker writes them to ``terraform.tfvars.json``, untimed), so the program and its
  document are the same for every N: construct + synth must not grow with N;
* ``for_each_default``: the same, with the N entries as the variable's ``default``, so the
  document holds the map (writing it is linear; cdktf's ``Testing.synth`` is super-linear on
  a large literal map, the testing kit's ``--synth kit`` is not);
* ``loop``: a Python loop declaring N threads, messages and runs (linear in N, for scale).

Each figure (construct + synth seconds) is the median of fresh processes, one variant and one
N per process; the table ends with each variant's time at the largest N divided by its time
at the smallest.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ("for_each", "for_each_default", "loop")


def _entries(n: int) -> dict[str, str]:
    return {f"locale-{i:05d}": f"Hello number {i}!" for i in range(n)}


def _worker(variant: str, n: int, synth_with: str) -> None:
    """Build and synthesize one stack; print the construct and synth seconds as JSON."""
    from openai_constructs import Assistant, Metadata, Thread
    from openai_constructs.cdk import (
        TerraformIterator,
        TerraformStack,
        TerraformVariable,
        Testing,
        Token,
    )

    entries = _entries(n)
    t0 = time.perf_counter()
    stack = TerraformStack(Testing.app(), "bench")
    Metadata.of(stack).add("managed_by", "terraform")
    bot = Assistant(stack, "Bot", model="gpt-4o", instructions="Answer briefly.")
    if variant.startswith("for_each"):
        default = entries if variant == "for_each_default" else None
        greetings = TerraformVariable(stack, "greetings", type="map(string)", default=default)
        each = TerraformIterator.from_map(Token.as_string_map(greetings.value))
        thread = Thread(stack, "T", messages=[each.value], for_each=each)
        thread.add_message("Any questions?")
        thread.run(bot)
    else:
        for key, greeting in entries.items():
            thread = Thread(stack, key, messages=[greeting])
            thread.add_message("Any questions?")
            thread.run(bot)
    t1 = time.perf_counter()
    if synth_with == "kit":
        from openai_constructs.testing.document import synth

        text = synth(stack)
    else:
        text = Testing.synth(stack)
    t2 = time.perf_counter()
    document = json.loads(text)
    threads = document["resource"]["openai_beta_thread"]
    expected = n if variant == "loop" else 1
    assert len(threads) == expected, (variant, n, len(threads))
    if variant == "for_each":  # the values Terraform gets at plan time, outside the program
        with tempfile.TemporaryDirectory() as folder:
            tfvars = Path(folder) / "terraform.tfvars.json"
            tfvars.write_text(json.dumps({"greetings": entries}))
        assert "default" not in document["variable"]["greetings"]
    print(json.dumps({"construct": t1 - t0, "synth": t2 - t1}))


def _measure(variant: str, n: int, synth_with: str) -> dict[str, float]:
    env = {**os.environ, "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, __file__, "--worker", variant, str(n), "--synth", synth_with],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{variant} N={n} failed:\n{done.stderr}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=None)
    parser.add_argument("--repeat", type=int, default=None)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--synth", choices=("testing", "kit"), default="testing",
                        help="Testing.synth (default) or the testing kit's linear synth")
    parser.add_argument("--worker", nargs=2, metavar=("VARIANT", "N"))
    args = parser.parse_args(argv)
    if args.worker:
        _worker(args.worker[0], int(args.worker[1]), args.synth)
        return
    sizes = args.sizes or ([10, 1000] if args.quick else [10, 100, 1000])
    repeat = args.repeat or (1 if args.quick else 3)
    results: dict[tuple[str, int], list[float]] = {}
    for _ in range(repeat):  # round-robin, so machine noise hits every figure alike
        for n in sizes:
            for variant in VARIANTS:
                figures = _measure(variant, n, args.synth)
                results.setdefault((variant, n), []).append(figures["construct"] + figures["synth"])
    synth_name = "the kit's synth" if args.synth == "kit" else "Testing.synth"
    print(f"construct + {synth_name}, seconds (median of {repeat} fresh processes)")
    print(f"{'N':>8}  " + "  ".join(f"{v:>16}" for v in VARIANTS))
    for n in sizes:
        row = [statistics.median(results[(v, n)]) for v in VARIANTS]
        print(f"{n:>8}  " + "  ".join(f"{x:>16.3f}" for x in row))
    first, last = sizes[0], sizes[-1]
    for variant in VARIANTS:
        ratio = statistics.median(results[(variant, last)]) / statistics.median(
            results[(variant, first)]
        )
        print(f"{variant}: N={last} / N={first} = {ratio:.2f}x")


if __name__ == "__main__":
    main()
