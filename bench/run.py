"""Benchmark harness: construct and synth time, peak memory and import time of every
construct and pattern, against floors measured in the same run.

Usage::

    python bench/run.py            # N = 100, 1000; 5 fresh processes per figure
    python bench/run.py --quick    # the same, 3 processes
    python bench/run.py --sizes 1000 10000 --repeat 3 --variants bare l1
    python bench/run.py --markdown /tmp/bench.md   # the tables of the docs, from this run

``VARIANTS`` is the table of what is measured: one entry per construct or pattern (a
pattern also has an entry declaring the same objects one by one with L2, its ``versus``).

Every figure is the median of several fresh processes (one variant, one N per process), so
import caches, jsii's object table and node's heap never carry over between measurements.
Variants run interleaved (round-robin) so that machine noise hits all of them alike; ratios
are taken against the floors measured in the same run.
"""

from __future__ import annotations

import argparse
import atexit
import datetime
import importlib
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

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


def _cpu_seconds() -> float:
    """CPU time used so far by this process and its node processes (user + system): what the
    work costs whatever else the machine runs, where wall time also counts the waits for a
    core on a loaded machine."""
    ticks = 0
    for pid in _descendant_pids():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return time.process_time() + ticks / os.sysconf("SC_CLK_TCK")


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


ASSISTANT: dict[str, Any] = {
    "model": "gpt-4o",
    "instructions": INSTRUCTIONS,
    "tools": [{"type": "code_interpreter"}],
    "temperature": 0.5,
}
SEED = ("hello {i}", "what can you do?", "thanks")  # the messages of a pattern's thread


def _bare(stack: Any, n: int) -> None:
    from openai_constructs._runtime import cdk

    cdk.TerraformProvider(stack, "openai", terraform_resource_type="openai")
    for i in range(n):
        cdk.TerraformResource(stack, f"a{i}", terraform_resource_type="openai_beta_assistant")
        cdk.TerraformResource(stack, f"t{i}", terraform_resource_type="openai_beta_thread")


def _bare2(stack: Any, n: int) -> None:
    """The floor of an L2's shape: as AWS CDK, an L2 is a Construct wrapping its L1."""
    from openai_constructs._runtime import cdk

    cdk.TerraformProvider(stack, "openai", terraform_resource_type="openai")
    for i in range(n):
        a = cdk.Construct(stack, f"a{i}")
        cdk.TerraformResource(a, "Resource", terraform_resource_type="openai_beta_assistant")
        t = cdk.Construct(stack, f"t{i}")
        cdk.TerraformResource(t, "Resource", terraform_resource_type="openai_beta_thread")


def _subclass(stack: Any, n: int) -> None:
    from openai_constructs._runtime import cdk

    class Plain(cdk.TerraformResource):
        def __init__(self, scope: Any, id: str, kind: str, values: dict[str, Any]) -> None:
            super().__init__(scope, id, terraform_resource_type=kind)
            self._attrs = values

        def _synthesize_attributes(self) -> dict[str, Any]:
            return self._attrs

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


def _provider(stack: Any) -> None:
    from openai_constructs.l1.provider import OpenaiProvider

    OpenaiProvider(stack, "openai")


def _l1(stack: Any, n: int) -> None:
    from openai_constructs.l1.beta_assistant import BetaAssistant
    from openai_constructs.l1.beta_thread import BetaThread

    _provider(stack)
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


def _l1_cdktf_ctor(stack: Any, n: int) -> None:
    from openai_constructs._runtime import creation

    creation.use_fast_paths(False)
    _l1(stack, n)


def _l2(stack: Any, n: int) -> None:
    from openai_constructs import Assistant, Thread

    _provider(stack)
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


def _metadata(stack: Any, n: int) -> None:
    from openai_constructs import Metadata

    Metadata.of(stack).add("cost-center", "bench")
    _l2(stack, n)


def _messages_runs(stack: Any, n: int) -> None:
    from openai_constructs import Assistant, Thread

    _provider(stack)
    assistant = Assistant(stack, "Assistant", **ASSISTANT)
    for i in range(n):
        thread = Thread(stack, f"t{i}")
        thread.add_message(f"hello {i}")
        thread.run(assistant, instructions="Be brief.")


def _references(stack: Any, n: int) -> None:
    from openai_constructs import Assistant, Thread

    _provider(stack)
    for i in range(n):
        assistant = Assistant.from_assistant_id(stack, f"a{i}", f"asst_{i}")
        Thread.from_lookup(stack, f"l{i}", thread_id=f"thread_{i}")
        thread = Thread.from_thread_id(stack, f"t{i}", f"thread_{i}")
        thread.run(Assistant.from_lookup(stack, f"la{i}", assistant_id=f"asst_{i}"))
        del assistant


def _chatkit(stack: Any, n: int) -> None:
    from openai_constructs import ChatKitSession

    _provider(stack)
    for i in range(n):
        ChatKitSession(stack, f"s{i}", workflow_id="wf_bench", user=f"user-{i}",
                       state_variables={"plan": "pro"})


def _successors(stack: Any, n: int) -> None:
    from openai_constructs.conversations import Conversation
    from openai_constructs.files import File
    from openai_constructs.vector_stores import VectorStore

    _provider(stack)
    for i in range(n):
        file = File(stack, f"f{i}", content=f"document {i}\n" + INSTRUCTIONS, purpose="assistants")
        VectorStore(stack, f"v{i}", name=f"store-{i}", files=[file], metadata={"index": str(i)})
        Conversation(stack, f"c{i}", items=["hello", f"question {i}"],
                     metadata={"index": str(i)})


def _retire(stack: Any, n: int) -> None:
    from openai_constructs import Retire

    _l2(stack, n)
    Retire.of(stack).forget()


def _pattern(stack: Any, n: int) -> None:
    from openai_constructs.patterns import AssistantWithThreads

    _provider(stack)
    AssistantWithThreads(
        stack,
        "Support",
        assistant=ASSISTANT,  # type: ignore[arg-type]
        threads={f"t{i}": [m.format(i=i) for m in SEED] for i in range(n)},
    )


def _pattern_l2(stack: Any, n: int) -> None:
    """What ``AssistantWithThreads`` declares, one by one with L2: the assistant, each thread
    with its messages, and the outputs (assistant id, each thread's id)."""
    from openai_constructs import Assistant, Thread
    from openai_constructs._runtime import cdk

    _provider(stack)
    scope = cdk.Construct(stack, "Support")
    outputs = cdk.Construct(scope, "Outputs")
    assistant = Assistant(scope, "Assistant", **ASSISTANT)
    cdk.TerraformOutput(outputs, "assistant_id", value=assistant.assistant_id
                        ).override_logical_id("Support_assistant_id")
    for i in range(n):
        thread = Thread(scope, f"t{i}", messages=[m.format(i=i) for m in SEED])
        cdk.TerraformOutput(outputs, f"t{i}_thread_id", value=thread.thread_id
                            ).override_logical_id(f"Support_t{i}_thread_id")


def _sessions(stack: Any, n: int) -> None:
    from openai_constructs.patterns import ChatKitSessions

    _provider(stack)
    ChatKitSessions(stack, "Sessions", workflow_id="wf_bench",
                    users=[f"user-{i}" for i in range(n)], state_variables={"plan": "pro"})


def _sessions_l2(stack: Any, n: int) -> None:
    """What ``ChatKitSessions`` declares, one by one with L2: each session and its two
    outputs (the id, the client secret marked sensitive)."""
    from openai_constructs import ChatKitSession
    from openai_constructs._runtime import cdk

    _provider(stack)
    scope = cdk.Construct(stack, "Sessions")
    outputs = cdk.Construct(scope, "Outputs")
    for i in range(n):
        name = f"user-{i}"
        session = ChatKitSession(scope, name, workflow_id="wf_bench", user=name,
                                 state_variables={"plan": "pro"})
        cdk.TerraformOutput(outputs, f"{name}_session_id", value=session.session_id
                            ).override_logical_id(f"Sessions_{name}_session_id")
        cdk.TerraformOutput(outputs, f"{name}_client_secret", value=session.client_secret,
                            sensitive=True
                            ).override_logical_id(f"Sessions_{name}_client_secret")


L1_MODULES = ("openai_constructs.l1.provider", "openai_constructs.l1.beta_assistant",
              "openai_constructs.l1.beta_thread")


@dataclass(frozen=True)
class Variant:
    """One row of the benchmark: what it declares per unit of N, and its reference."""

    build: Callable[[Any, int], None] | None  # (stack, n); None: a workload of its own
    what: str
    resources: str  # what one unit of N declares
    versus: str | None = None  # the variant it must be measured against (its own floor)
    modules: tuple[str, ...] = ("openai_constructs.l1.provider", "openai_constructs.patterns")
    # imported before the clock starts (import time is measured on its own, below)


# name -> variant. The floors (FLOORS) are what the others are compared with; a construct or
# pattern added to the package is one more entry (and, for a pattern, one for the same
# objects declared one by one, its `versus`).
VARIANTS: dict[str, Variant] = {
    "dicts": Variant(None, "plain dicts + json.dumps (no cdktf)", "2 dicts"),
    "bare": Variant(_bare, "bare cdktf TerraformResource, no attributes (one jsii object per "
                    "resource)", "2 resources", modules=()),
    "bare2": Variant(_bare2, "bare Construct holding one bare TerraformResource per object "
                     "(the shape of an L2: two jsii objects per resource)", "2 resources",
                     modules=()),
    "subclass": Variant(_subclass, "hand-written TerraformResource subclass overriding "
                        "_synthesize_attributes", "2 resources", "bare", modules=()),
    "l1": Variant(_l1, "openai_constructs.l1 BetaAssistant + BetaThread", "2 resources",
                  "bare", modules=L1_MODULES),
    "l1_cdktf_ctor": Variant(_l1_cdktf_ctor, "l1 through cdktf's own constructors, one "
                             "attribute callback per resource (the path before issue #3)",
                             "2 resources", "l1", modules=L1_MODULES),
    "l2": Variant(_l2, "openai_constructs Assistant + Thread", "2 resources", "bare2"),
    "metadata": Variant(_metadata, "l2 under Metadata.of(stack).add(...)", "2 resources",
                        "l2"),
    "messages_runs": Variant(_messages_runs, "Thread + add_message + run (Message, Run), one "
                             "shared Assistant", "3 resources"),
    "references": Variant(_references, "Assistant.from_assistant_id, Thread.from_thread_id, "
                          "Thread.from_lookup, Assistant.from_lookup, a Run on the imported "
                          "thread", "2 data sources + 1 resource"),
    "chatkit": Variant(_chatkit, "ChatKitSession", "1 resource"),
    "successors": Variant(_successors, "File + VectorStore (holding it) + Conversation (two "
                          "seed messages)", "3 resources"),
    "retire": Variant(_retire, "l2, then Retire.of(stack).forget() (removed blocks at synth)",
                      "2 removed blocks", "l2"),
    "pattern": Variant(_pattern, "AssistantWithThreads, N threads of 3 messages (+ outputs)",
                       "1 resource + 1 output", "pattern_l2"),
    "pattern_l2": Variant(_pattern_l2, "the same threads and outputs declared one by one "
                          "with L2", "1 resource + 1 output"),
    "sessions": Variant(_sessions, "ChatKitSessions, N users (+ outputs)",
                        "1 resource + 2 outputs", "sessions_l2"),
    "sessions_l2": Variant(_sessions_l2, "the same sessions and outputs declared one by one "
                           "with L2", "1 resource + 2 outputs"),
}
DEFAULT_VARIANTS = list(VARIANTS)
FLOORS = ("dicts", "bare", "bare2")


def _timed(build: Callable[[Any, int], None], n: int) -> tuple[float, float]:
    cdk, stack = _stack()
    t0 = time.perf_counter()
    build(stack, n)
    t1 = time.perf_counter()
    _synth(cdk, stack)
    return t1 - t0, time.perf_counter() - t1


def _workload(variant: str) -> Callable[[int], tuple[float, float]]:
    build = VARIANTS[variant].build
    if build is None:
        return _workload_dicts
    for module in VARIANTS[variant].modules:
        importlib.import_module(module)
    return lambda n: _timed(build, n)


def worker(variant: str, n: int) -> None:
    """Run one workload and print one JSON line (times in seconds, memory in MiB)."""
    os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
    if variant != "dicts":
        import cdktf  # noqa: F401  (import and node start-up are not part of the figures)

        from openai_constructs._runtime import cdk

        cdk.Testing.app()  # starts the node runtime before timing
    run = _workload(variant)
    cpu = _cpu_seconds()
    construct, synth = run(n)
    cpu = _cpu_seconds() - cpu
    py_kib = _vm_hwm_kib("self")
    node_kib = sum(_vm_hwm_kib(pid) for pid in _descendant_pids())
    print(
        json.dumps(
            {
                "construct": construct,
                "synth": synth,
                "cpu": cpu,
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
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M"),
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "memory": mem,
        "python": platform.python_version(),
        "node": node,
        **versions,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="3 processes per figure")
    parser.add_argument("--sizes", type=int, nargs="+", help="values of N")
    parser.add_argument("--repeat", type=int, help="fresh processes per figure")
    parser.add_argument("--variants", nargs="+", choices=list(VARIANTS), help="what to run")
    parser.add_argument("--no-imports", action="store_true", help="skip import timing")
    parser.add_argument("--json", type=Path, help="also write raw results here")
    parser.add_argument("--markdown", type=Path, help="also write the tables as Markdown here")
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

    sizes = args.sizes or [100, 1000]
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

    raw: dict[str, Any] = {
        "machine": machine, "runs": {}, "imports": {}, "repeat": repeat, "synth_by": synth_by,
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }
    print(f"load average at the start: {raw['load']}")
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
        summary = _rows(n, variants, rows, errors)
        raw["runs"][n] = {"rows": rows, "errors": errors, "summary": summary}
        _print_table(summary)

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
    if args.markdown:
        args.markdown.write_text(markdown(raw))
    return 0


def _rows(
    n: int, variants: list[str], rows: dict[str, list[dict[str, float]]], errors: dict[str, str]
) -> list[dict[str, Any]]:
    """One summary per variant: medians, and ratios to the floors and to its ``versus``."""

    def total(v: str) -> float | None:
        if not rows.get(v):
            return None
        return _median(rows[v], "construct") + _median(rows[v], "synth")

    def memory(v: str) -> float | None:
        if not rows.get(v):
            return None
        return _median(rows[v], "py_mib") + _median(rows[v], "node_mib")

    def ratio(a: float | None, b: float | None) -> float | None:
        return a / b if a is not None and b else None

    def cpu(v: str | None) -> float | None:
        if v is None or not rows.get(v) or "cpu" not in rows[v][0]:
            return None
        return _median(rows[v], "cpu")

    out: list[dict[str, Any]] = []
    for v in variants:
        if v in errors:
            out.append({"variant": v, "n": n, "error": errors[v]})
            continue
        if not rows.get(v):
            continue
        t = total(v)
        versus = VARIANTS[v.removesuffix(BASELINE_SUFFIX)].versus
        out.append({
            "variant": v, "n": n, "runs": len(rows[v]),
            "construct": _median(rows[v], "construct"), "synth": _median(rows[v], "synth"),
            "total": t, "x_bare": ratio(t, total("bare")), "x_bare2": ratio(t, total("bare2")),
            "x_dicts": ratio(t, total("dicts")), "versus": versus,
            "x_versus": ratio(t, total(versus)) if versus else None,
            "cpu": cpu(v), "cpu_x_bare": ratio(cpu(v), cpu("bare")),
            "cpu_x_bare2": ratio(cpu(v), cpu("bare2")),
            "cpu_x_versus": ratio(cpu(v), cpu(versus)) if versus else None,
            "py_mib": _median(rows[v], "py_mib"), "node_mib": _median(rows[v], "node_mib"),
            "mem_x_bare": ratio(memory(v), memory("bare")),
        })
    return out


def _fmt(value: float | None, spec: str) -> str:
    """``value`` in ``spec`` (``"7.2f"``), or a dash as wide."""
    return format("-", ">" + spec.split(".")[0]) if value is None else format(value, spec)


def _print_table(summary: list[dict[str, Any]]) -> None:
    n = summary[0]["n"]
    print(f"N = {n}")
    print(
        f"  {'variant':18} {'construct':>9} {'synth':>7} {'total':>7} {'x bare':>7} "
        f"{'x bare2':>8} {'x dicts':>8} {'x versus':>18} {'py MiB':>7} {'node MiB':>8} "
        f"{'mem x bare':>10} {'cpu':>7} {'cpu x bare':>10} {'cpu x bare2':>11} "
        f"{'cpu x versus':>12}"
    )
    for row in summary:
        if "error" in row:
            print(f"  {row['variant']:18} failed: {row['error'][:90]}")
            continue
        versus = f"{_fmt(row['x_versus'], '.2f')} {row['versus']}" if row["versus"] else "-"
        print(
            f"  {row['variant']:18} {row['construct']:9.3f} {row['synth']:7.3f} "
            f"{row['total']:7.3f} {_fmt(row['x_bare'], '7.2f')} {_fmt(row['x_bare2'], '8.2f')} "
            f"{_fmt(row['x_dicts'], '8.0f')} {versus:>18} {row['py_mib']:7.0f} "
            f"{row['node_mib']:8.0f} {_fmt(row['mem_x_bare'], '10.2f')} "
            f"{_fmt(row['cpu'], '7.3f')} {_fmt(row['cpu_x_bare'], '10.2f')} "
            f"{_fmt(row['cpu_x_bare2'], '11.2f')} {_fmt(row['cpu_x_versus'], '12.2f')}"
        )
    print()


X = "\u00d7"  # the multiplication sign of the docs' tables


def markdown(raw: dict[str, Any]) -> str:
    """The run as Markdown (``--markdown FILE``): the tables of README.md and
    ``docs/performance.md`` are pasted from it, so every figure there comes from one run."""
    m = raw["machine"]
    lines = [
        f"Run of {m['date']} UTC, {m['nproc']} cores ({m['cpu']}), {m['memory']}, Python "
        f"{m['python']}, node {m['node']}, cdktf {m['cdktf']}, jsii {m['jsii']}; load "
        f"{raw['load']} at the start; medians of {raw['repeat']} fresh processes per figure, "
        f"variants interleaved; seconds; synth by {raw['synth_by']}.",
        "",
        f"| N | variant | construct | synth | total | {X} bare | {X} bare2 | {X} its reference "
        f"| CPU | CPU {X} bare | CPU {X} bare2 | CPU {X} its reference | memory {X} bare |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n, run in raw["runs"].items():
        for row in run["summary"]:
            if "error" in row:
                lines.append(f"| {n} | {row['variant']} | failed |" + " |" * 10)
                continue
            versus = (f"{row['x_versus']:.2f} {X} {row['versus']}"
                      if row["versus"] and row["x_versus"] is not None else "")
            cpu_versus = (f"{row['cpu_x_versus']:.2f} {X} {row['versus']}"
                          if row["versus"] and row["cpu_x_versus"] is not None else "")
            lines.append(
                f"| {n} | {row['variant']} | {row['construct']:.3f} | {row['synth']:.3f} | "
                f"{row['total']:.3f} | {_fmt(row['x_bare'], '.2f')} | "
                f"{_fmt(row['x_bare2'], '.2f')} | {versus} | {_fmt(row['cpu'], '.3f')} | "
                f"{_fmt(row['cpu_x_bare'], '.2f')} | {_fmt(row['cpu_x_bare2'], '.2f')} | "
                f"{cpu_versus} | {_fmt(row['mem_x_bare'], '.2f')} |"
            )
    if raw["imports"]:
        lines += ["", "| import (s, medians) | warm | cold |", "|---|---|---|"]
        for name, figures in raw["imports"].items():
            lines.append(f"| {name} | {figures['warm']:.3f} | {figures['cold']:.3f} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        sys.path.insert(0, str(ROOT))
    sys.exit(main())
