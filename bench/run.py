"""Benchmark harness for issue #3: construct and synth time, peak memory, import time.

Usage::

    python bench/run.py            # N = 100, 1000, 5000; 5 fresh processes per figure
    python bench/run.py --quick    # N = 100, 1000; 3 processes
    python bench/run.py --sizes 1000 10000 --repeat 3 --variants bare l1

Every figure is the median of several fresh processes (one variant, one N per process), so
import caches, jsii's object table and node's heap never carry over between measurements.
Variants run interleaved (round-robin) so that machine noise hits all of them alike; ratios
are taken against the floors measured in the same run.
"""

from __future__ import annotations

import argparse
import atexit
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# name -> what it measures; the first three (FLOORS) are what the others are compared with.
VARIANTS: dict[str, str] = {
    "dicts": "plain dicts + json.dumps (no cdktf)",
    "bare": "bare cdktf TerraformResource, no attributes (one jsii object per resource)",
    "bare2": "bare Construct holding one bare TerraformResource per object (the shape of an "
    "L2: two jsii objects per resource)",
    "subclass": "hand-written TerraformResource subclass overriding _synthesize_attributes",
    "l1": "openai_constructs.l1 BetaAssistant + BetaThread",
    "l1_cdktf_ctor": "l1 through cdktf's own constructors, one attribute callback per resource "
    "(the path before issue #3)",
    "l2": "openai_constructs Assistant + Thread",
    "pattern": "AssistantWithThreads, N threads of 3 messages",
}
DEFAULT_VARIANTS = ["dicts", "bare", "bare2", "subclass", "l1", "l1_cdktf_ctor", "l2", "pattern"]
FLOORS = ("dicts", "bare", "bare2")

INSTRUCTIONS = "You are a helpful assistant. Answer briefly and cite the files you used."


# ---------------------------------------------------------------------------------------
# Worker side: one variant, one N, one fresh process
# ---------------------------------------------------------------------------------------


def _vm_hwm_kib(pid: int | str) -> int:
    """Peak resident set (VmHWM) of a live process, in KiB; 0 when unreadable."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int | str) -> list[int]:
    pids: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return pids
    for task in tasks:
        try:
            pids.extend(int(p) for p in (task / "children").read_text().split())
        except OSError:
            continue
    return pids


def _descendant_pids() -> list[int]:
    """Live descendants of this process: jsii's node host and the node kernel it spawns."""
    found: list[int] = []
    pending = _children("self")
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(_children(pid))
    return found


def _workload_dicts(n: int) -> tuple[float, float]:
    t0 = time.perf_counter()
    resources: dict[str, dict[str, Any]] = {"openai_beta_assistant": {}, "openai_beta_thread": {}}
    for i in range(n):
        resources["openai_beta_assistant"][f"a{i}"] = {
            "model": "gpt-4o",
            "name": f"assistant-{i}",
            "instructions": INSTRUCTIONS,
            "metadata": {"team": "bench", "index": str(i)},
            "tools": [{"type": "code_interpreter"}],
            "temperature": 0.5,
        }
        resources["openai_beta_thread"][f"t{i}"] = {
            "metadata": {"assistant": f"${{openai_beta_assistant.a{i}.id}}"}
        }
    doc = {"provider": {"openai": [{}]}, "resource": resources}
    t1 = time.perf_counter()
    json.dumps(doc, indent=2, sort_keys=True)
    return t1 - t0, time.perf_counter() - t1


SYNTH_ENV = "BENCH_SYNTH"


def _synth(cdk: Any, stack: Any) -> None:
    """``Testing.synth(stack)`` (the issue's workload, what snapshot tests call); with
    ``--synth app`` the app's own ``synth()``, what ``cdktf synth`` runs, writing files; with
    ``--synth kit`` the testing kit's ``synth``, the same text as ``Testing.synth`` in linear time.
    """
    mode = os.environ.get(SYNTH_ENV, "testing")
    if mode == "app":
        stack.node.root.synth()
    elif mode == "kit":
        from openai_constructs.testing.document import synth

        synth(stack)
    else:
        cdk.Testing.synth(stack)


def _stack() -> tuple[Any, Any]:
    from openai_constructs._runtime import cdk

    app = cdk.Testing.app()
    return cdk, cdk.TerraformStack(app, "bench")


def _workload_bare(n: int) -> tuple[float, float]:
    cdk, stack = _stack()
    t0 = time.perf_counter()
    cdk.TerraformProvider(stack, "openai", terraform_resource_type="openai")
    for i in range(n):
        cdk.TerraformResource(stack, f"a{i}", terraform_resource_type="openai_beta_assistant")
        cdk.TerraformResource(stack, f"t{i}", terraform_resource_type="openai_beta_thread")
    t1 = time.perf_counter()
    _synth(cdk, stack)
    return t1 - t0, time.perf_counter() - t1


def _workload_bare2(n: int) -> tuple[float, float]:
    """The floor of an L2's shape: as AWS CDK, an L2 is a Construct wrapping its L1."""
    cdk, stack = _stack()
    t0 = time.perf_counter()
    cdk.TerraformProvider(stack, "openai", terraform_resource_type="openai")
    for i in range(n):
        a = cdk.Construct(stack, f"a{i}")
        cdk.TerraformResource(a, "Resource", terraform_resource_type="openai_beta_assistant")
        t = cdk.Construct(stack, f"t{i}")
        cdk.TerraformResource(t, "Resource", terraform_resource_type="openai_beta_thread")
    t1 = time.perf_counter()
    _synth(cdk, stack)
    return t1 - t0, time.perf_counter() - t1


def _workload_subclass(n: int) -> tuple[float, float]:
    cdk, stack = _stack()

    class Plain(cdk.TerraformResource):  # type: ignore[misc,name-defined]
        def __init__(self, scope: Any, id: str, kind: str, values: dict[str, Any]) -> None:
            super().__init__(scope, id, terraform_resource_type=kind)
            self._attrs = values

        def _synthesize_attributes(self) -> dict[str, Any]:
            return self._attrs

    t0 = time.perf_counter()
    cdk.TerraformProvider(stack, "openai", terraform_resource_type="openai")
    for i in range(n):
        a = Plain(
            stack,
            f"a{i}",
            "openai_beta_assistant",
            {
                "model": "gpt-4o",
                "name": f"assistant-{i}",
                "instructions": INSTRUCTIONS,
                "metadata": {"team": "bench", "index": str(i)},
                "tools": [{"type": "code_interpreter"}],
                "temperature": 0.5,
            },
        )
        Plain(
            stack,
            f"t{i}",
            "openai_beta_thread",
            {"metadata": {"assistant": a.get_string_attribute("id")}},
        )
    t1 = time.perf_counter()
    _synth(cdk, stack)
    return t1 - t0, time.perf_counter() - t1


def _workload_l1(n: int) -> tuple[float, float]:
    cdk, stack = _stack()
    from openai_constructs.l1.beta_assistant import BetaAssistant
    from openai_constructs.l1.beta_thread import BetaThread
    from openai_constructs.l1.provider import OpenaiProvider

    t0 = time.perf_counter()
    OpenaiProvider(stack, "openai")
    for i in range(n):
        a = BetaAssistant(
            stack,
            f"a{i}",
            model="gpt-4o",
            name=f"assistant-{i}",
            instructions=INSTRUCTIONS,
            metadata={"team": "bench", "index": str(i)},
            tools=[{"type": "code_interpreter"}],
            temperature=0.5,
        )
        BetaThread(stack, f"t{i}", metadata={"assistant": a.id})
    t1 = time.perf_counter()
    _synth(cdk, stack)
    return t1 - t0, time.perf_counter() - t1


def _workload_l1_cdktf_ctor(n: int) -> tuple[float, float]:
    from openai_constructs._runtime import l1

    l1.use_fast_paths(False)
    return _workload_l1(n)


def _workload_l2(n: int) -> tuple[float, float]:
    cdk, stack = _stack()
    from openai_constructs import Assistant, Thread
    from openai_constructs.l1.provider import OpenaiProvider

    t0 = time.perf_counter()
    OpenaiProvider(stack, "openai")
    for i in range(n):
        a = Assistant(
            stack,
            f"a{i}",
            model="gpt-4o",
            name=f"assistant-{i}",
            instructions=INSTRUCTIONS,
            metadata={"team": "bench", "index": str(i)},
            tools=[{"type": "code_interpreter"}],
            temperature=0.5,
        )
        Thread(stack, f"t{i}", metadata={"assistant": a.assistant_id})
    t1 = time.perf_counter()
    _synth(cdk, stack)
    return t1 - t0, time.perf_counter() - t1


def _workload_pattern(n: int) -> tuple[float, float]:
    cdk, stack = _stack()
    from openai_constructs.l1.provider import OpenaiProvider
    from openai_constructs.patterns import AssistantWithThreads

    t0 = time.perf_counter()
    OpenaiProvider(stack, "openai")
    AssistantWithThreads(
        stack,
        "Support",
        assistant={
            "model": "gpt-4o",
            "name": "support",
            "instructions": INSTRUCTIONS,
            "metadata": {"team": "bench"},
            "tools": [{"type": "code_interpreter"}],
            "temperature": 0.5,
        },
        threads={f"t{i}": [f"hello {i}", "what can you do?", "thanks"] for i in range(n)},
    )
    t1 = time.perf_counter()
    _synth(cdk, stack)
    return t1 - t0, time.perf_counter() - t1


WORKLOADS: dict[str, Callable[[int], tuple[float, float]]] = {
    "dicts": _workload_dicts,
    "bare": _workload_bare,
    "bare2": _workload_bare2,
    "subclass": _workload_subclass,
    "l1": _workload_l1,
    "l1_cdktf_ctor": _workload_l1_cdktf_ctor,
    "l2": _workload_l2,
    "pattern": _workload_pattern,
}


def worker(variant: str, n: int) -> None:
    """Run one workload and print one JSON line (times in seconds, memory in MiB)."""
    os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
    if variant != "dicts":
        import cdktf  # noqa: F401  (import and node start-up are not part of the figures)

        from openai_constructs._runtime import cdk

        cdk.Testing.app()  # starts the node runtime before timing
    construct, synth = WORKLOADS[variant](n)
    py_kib = _vm_hwm_kib("self")
    node_kib = sum(_vm_hwm_kib(pid) for pid in _descendant_pids())
    print(
        json.dumps(
            {
                "construct": construct,
                "synth": synth,
                "py_mib": py_kib / 1024,
                "node_mib": node_kib / 1024,
            }
        )
    )


# ---------------------------------------------------------------------------------------
# Driver side
# ---------------------------------------------------------------------------------------


BASELINE_SUFFIX = "@base"


def _run_worker(variant: str, n: int, baseline: Path | None = None) -> dict[str, float] | str:
    """One fresh worker process; ``variant@base`` runs the worker of the ``--baseline``
    checkout instead (its own ``bench/run.py`` and package, same interpreter).
    """
    script, cwd = Path(__file__), ROOT
    if variant.endswith(BASELINE_SUFFIX):
        assert baseline is not None
        variant = variant[: -len(BASELINE_SUFFIX)]
        script, cwd = baseline / "bench" / "run.py", baseline
    proc = subprocess.run(
        [sys.executable, str(script), "--worker", variant, str(n)],
        capture_output=True,
        text=True,
        cwd=cwd,
    )
    if proc.returncode != 0:
        return (proc.stderr.strip().splitlines() or ["failed"])[-1]
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _median(rows: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in rows)


_warm_cache: str | None = None
_primed: set[str] = set()


def _import_probe(code: str, *, cold: bool) -> float:
    """Seconds taken by ``code`` (which prints its own timing) in a fresh interpreter.

    Bytecode is read from (and written to) a cache folder of the benchmark's own:
    ``PYTHONDONTWRITEBYTECODE`` is dropped, since with it set an editable install would be
    compiled from source on every "warm" import. Cold: an empty cache per probe. Warm: one
    shared cache, primed by an unmeasured run of the same code.
    """
    global _warm_cache
    env = dict(os.environ, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="20")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cache = None
    if cold:
        cache = tempfile.mkdtemp(prefix="bench-pycache-")
        env["PYTHONPYCACHEPREFIX"] = cache  # empty cache: every module is compiled again
    else:
        if _warm_cache is None:
            _warm_cache = tempfile.mkdtemp(prefix="bench-pycache-warm-")
            atexit.register(shutil.rmtree, _warm_cache, ignore_errors=True)
        env["PYTHONPYCACHEPREFIX"] = _warm_cache

    def run() -> float:
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT
        )
        if out.returncode != 0:
            raise RuntimeError(out.stderr)
        return float(out.stdout.strip().splitlines()[-1])

    try:
        if not cold and code not in _primed:
            run()
            _primed.add(code)
        return run()
    finally:
        if cache is not None:
            shutil.rmtree(cache, ignore_errors=True)


_TIMED = (
    "import time\n"
    "t0 = time.perf_counter()\n"
    "{before}\n"
    "t1 = time.perf_counter()\n"
    "{after}\n"
    "t2 = time.perf_counter()\n"
    "print({expr})\n"
)

IMPORT_PROBES: dict[str, tuple[str, str, str]] = {
    # name -> (statements before, statements after, what to print)
    "import cdktf": ("import cdktf", "", "t1 - t0"),
    "+ import openai_constructs": ("import cdktf", "import openai_constructs", "t2 - t1"),
    "+ openai_constructs.l1.beta_assistant": (
        "import cdktf",
        "import openai_constructs, openai_constructs.l1.beta_assistant",
        "t2 - t1",
    ),
    "+ openai_constructs.l1.beta_thread_run": (
        "import cdktf",
        "import openai_constructs, openai_constructs.l1.beta_thread_run",
        "t2 - t1",
    ),
    "+ Assistant, Thread (L2)": (
        "import cdktf",
        "from openai_constructs import Assistant, Thread",
        "t2 - t1",
    ),
}


def _machine() -> dict[str, str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    versions: dict[str, str] = {}
    from importlib import metadata

    for dist in ("cdktf", "jsii", "constructs", "openai-constructs"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = "-"
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "memory": mem,
        "python": platform.python_version(),
        "node": node,
        **versions,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="N = 100, 1000; 3 processes")
    parser.add_argument("--sizes", type=int, nargs="+", help="values of N")
    parser.add_argument("--repeat", type=int, help="fresh processes per figure")
    parser.add_argument("--variants", nargs="+", choices=list(VARIANTS), help="what to run")
    parser.add_argument("--no-imports", action="store_true", help="skip import timing")
    parser.add_argument("--json", type=Path, help="also write raw results here")
    parser.add_argument(
        "--synth",
        choices=["testing", "app", "kit"],
        default="testing",
        help="synthesize with Testing.synth (default), the app's synth() (cdktf synth) or "
        "the testing kit's synth (Testing.synth's text in linear time)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another checkout (e.g. a `git archive` of the last commit): every variant except "
        "the floors also runs from there, interleaved, as VARIANT@base",
    )
    parser.add_argument("--worker", nargs=2, metavar=("VARIANT", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        worker(args.worker[0], int(args.worker[1]))
        return 0

    sizes = args.sizes or ([100, 1000] if args.quick else [100, 1000, 5000])
    repeat = args.repeat or (3 if args.quick else 5)
    variants = list(args.variants or DEFAULT_VARIANTS)
    if args.baseline:
        args.baseline = args.baseline.resolve()
        variants = [
            name for v in variants for name in ((v,) if v in FLOORS else (v, v + BASELINE_SUFFIX))
        ]

    os.environ[SYNTH_ENV] = args.synth  # read by the workers
    machine = _machine()
    print("machine: " + ", ".join(f"{k}={v}" for k, v in machine.items()))
    synth_by = {
        "testing": "Testing.synth(stack)",
        "app": "app.synth()",
        "kit": "openai_constructs.testing.document.synth(stack)",
    }[args.synth]
    print(f"sizes={sizes} repeat={repeat} (medians of fresh processes), synth by {synth_by}\n")

    raw: dict[str, Any] = {"machine": machine, "runs": {}, "imports": {}}
    for n in sizes:
        rows: dict[str, list[dict[str, float]]] = {v: [] for v in variants}
        errors: dict[str, str] = {}
        for _ in range(repeat):
            for variant in variants:  # interleaved: noise hits every variant alike
                if variant in errors:
                    continue
                result = _run_worker(variant, n, args.baseline)
                if isinstance(result, str):
                    errors[variant] = result
                else:
                    rows[variant].append(result)
        raw["runs"][n] = {"rows": rows, "errors": errors}
        _print_table(n, variants, rows, errors)

    if not args.no_imports:
        print("import time (s, medians; 'cold' = empty bytecode cache, so cdktf compiles too)")
        print(f"  {'':42} {'warm':>8} {'cold':>8}")
        for name, (before, after, expr) in IMPORT_PROBES.items():
            code = _TIMED.format(before=before, after=after or "pass", expr=expr)
            warm = statistics.median(_import_probe(code, cold=False) for _ in range(repeat))
            cold_runs = max(1, repeat // 2)
            cold = statistics.median(_import_probe(code, cold=True) for _ in range(cold_runs))
            raw["imports"][name] = {"warm": warm, "cold": cold}
            print(f"  {name:42} {warm:8.3f} {cold:8.3f}")
    if args.json:
        args.json.write_text(json.dumps(raw, indent=1))
    return 0


def _print_table(
    n: int, variants: list[str], rows: dict[str, list[dict[str, float]]], errors: dict[str, str]
) -> None:
    def total(v: str) -> float:
        return _median(rows[v], "construct") + _median(rows[v], "synth") if rows[v] else 0.0

    def memory(v: str) -> float:
        return _median(rows[v], "py_mib") + _median(rows[v], "node_mib") if rows[v] else 0.0

    bare = total("bare") if rows.get("bare") else None
    bare2 = total("bare2") if rows.get("bare2") else None
    dicts = total("dicts") if rows.get("dicts") else None
    bare_mem = memory("bare") if rows.get("bare") else None
    print(f"N = {n} ({2 * n} resources, one provider)")
    print(
        f"  {'variant':18} {'construct':>9} {'synth':>7} {'total':>7} {'x bare':>7} "
        f"{'x bare2':>8} {'x dicts':>8} {'py MiB':>7} {'node MiB':>8} {'mem x bare':>10}"
    )
    for v in variants:
        if v in errors:
            print(f"  {v:18} failed: {errors[v][:90]}")
            continue
        if not rows[v]:
            continue
        t = total(v)
        m = memory(v)
        print(
            f"  {v:18} {_median(rows[v], 'construct'):9.3f} {_median(rows[v], 'synth'):7.3f} "
            f"{t:7.3f} {t / bare if bare else float('nan'):7.2f} "
            f"{t / bare2 if bare2 else float('nan'):8.2f} "
            f"{t / dicts if dicts else float('nan'):8.0f} "
            f"{_median(rows[v], 'py_mib'):7.0f} {_median(rows[v], 'node_mib'):8.0f} "
            f"{m / bare_mem if bare_mem else float('nan'):10.2f}"
        )
    print()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        sys.path.insert(0, str(ROOT))
    sys.exit(main())
