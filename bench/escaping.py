"""Benchmark: escaping hostile text stays linear, in Python and in Terraform (issue 11).

Usage::

    python bench/escaping.py                 # 10k, 20k, 50k, 100k characters, 3 repeats
    python bench/escaping.py --sizes 10000 100000 --repeat 1
    python bench/escaping.py --no-terraform  # the Python figures only

The prompt is dense with template syntax: every 13 characters hold a ``${...}`` and a
``%{...}``. Figures (medians of ``--repeat`` runs):

* ``literal_text`` and the HCL renderer (``hcl.strings.quote``) on the escaped prompt, and the HCL
  renderer on L1 text with a thousand unclosed ``${`` per 10k characters (quadratic before);
  ``hcl_stack.render`` (``App(hcl_output=True)``) of a document holding the prompt three
  times: an attribute, a variable default and an output;
* ``terraform plan`` of one assistant whose instructions are the prompt, escaped as the L2
  constructs escape it, against plain text of the same length (the floor) and against the
  template escapes ``$${``/``%%{`` this package no longer writes (quadratic in Terraform).

Ratios are per size against the smallest size: linear time shows ``time ratio ~ size ratio``.
Terraform runs offline through the testing kit's stub provider; its fixed cost (start-up,
provider launch) is part of every plan figure, so the plain-text floor is printed too.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

UNIT = "ab ${x} %{y} "  # 13 characters, one ${ and one %{


def prompt(size: int, unit: str = UNIT) -> str:
    text = (unit * (size // len(unit) + 1))[:size]
    return text.rstrip("$%")


def _median(function: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def python_figures(sizes: list[int], repeat: int) -> dict[str, list[float]]:
    from openai_constructs import literal_text
    from openai_constructs._runtime.hcl import stack as hcl_stack
    from openai_constructs._runtime.hcl.strings import quote

    out: dict[str, list[float]] = {"literal_text": [], "hcl escaped": [], "hcl unclosed": [],
                                   "hcl_stack document": []}
    known = frozenset({("resource", "openai_beta_assistant")})
    for size in sizes:
        text = prompt(size)
        escaped = literal_text(text)
        unclosed = prompt(size, "ab ${ cd ef ")  # one ${ that never closes per 12 characters
        # App(hcl_output=True): the prompt as an attribute, a variable default and an output.
        document = {"resource": {"openai_beta_assistant": {"a": {"instructions": escaped}}},
                    "variable": {"v": {"default": text}}, "output": {"o": {"value": escaped}}}
        out["literal_text"].append(_median(lambda t=text: literal_text(t), repeat))
        out["hcl escaped"].append(_median(lambda t=escaped: quote(t), repeat))
        out["hcl unclosed"].append(_median(lambda t=unclosed: quote(t), repeat))
        out["hcl_stack document"].append(_median(
            lambda d=document: hcl_stack.render("s", d, lambda *_: None, known), repeat))
    return out


class PlanFailed(Exception):
    """Terraform did not plan (the message is its output)."""


OLD_LIMIT = 20_000  # the old escapes only up to here: at 50k the provider call times out


def _old_escapes(text: str) -> str:
    return text.replace("%{", "%%{").replace("${", "$${")


def terraform_figures(sizes: list[int], repeat: int) -> dict[str, list[float]]:
    from openai_constructs import literal_text
    from openai_constructs.testing.terraform.runner import TerraformRunner

    runner = TerraformRunner()
    forms: dict[str, Callable[[str], str]] = {
        "plain text (floor)": lambda text: "x" * len(text),
        "escaped prompt": literal_text,
        "old $${ %%{ escapes": _old_escapes,
    }
    out: dict[str, list[float]] = {name: [] for name in forms}
    for size in sizes:
        text = prompt(size)
        for name, form in forms.items():
            if name.startswith("old") and size > OLD_LIMIT:
                out[name].append(float("nan"))  # quadratic: minutes; not worth the wait
                continue
            written = form(text)
            doc = {
                "terraform": {"required_providers": {"openai": {
                    "source": "stainless-sdks/openai", "version": "0.0.1"}}},
                "provider": {"openai": [{}]},
                "resource": {"openai_beta_assistant": {"a": {
                    "model": "gpt-4o", "instructions": written}}},
            }
            runner._run(doc, [["init", "-input=false", "-no-color"]])  # warm the mirror

            def plan(d: dict[str, Any] = doc, want: str = text,
                     check: bool = name == "escaped prompt") -> None:
                results = runner._run(d, [
                    ["init", "-input=false", "-no-color"],
                    ["plan", "-input=false", "-no-color", "-lock=false", "-out=tfplan"],
                    ["show", "-json", "-no-color", "tfplan"],
                ])
                if results[-1][0] != 0:
                    raise PlanFailed(results[-1][2] or results[-1][1])
                if check:
                    after = json.loads(results[-1][1])["resource_changes"][0]["change"]["after"]
                    assert after["instructions"] == want, "the prompt did not arrive exactly"

            try:
                out[name].append(_median(plan, repeat))
            except PlanFailed as failed:
                if not name.startswith("old"):
                    raise SystemExit(f"terraform failed: {failed}") from None
                # Terraform's call into the provider timed out on the quadratic escapes.
                out[name].append(float("inf"))
            print(f"  planned {name} at {size:,} characters", file=sys.stderr, flush=True)
    return out


def report(title: str, sizes: list[int], figures: dict[str, list[float]], unit: str) -> None:
    print(f"\n{title}")
    head = f"{'':24}" + "".join(f"{s:>12,}" for s in sizes)
    print(head)
    for name, values in figures.items():
        scale = 1000 if unit == "ms" else 1
        print(f"{name:24}" + "".join(
            f"{v * scale:>10.2f}{unit}" if v == v and v != float("inf")
            else f"{'skipped' if v != v else 'timed out':>12}" for v in values))
        ratios = "".join(
            f"{v / values[0]:>11.1f}x" if v == v and v != float("inf") else f"{'-':>12}"
            for v in values
        )
        print(f"{'  ratio to first':24}" + ratios)
    print(f"{'  size ratio':24}" + "".join(f"{s / sizes[0]:>11.1f}x" for s in sizes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 50_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-terraform", action="store_true")
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    report("Python (median seconds per call, in ms)", sizes,
           python_figures(sizes, max(args.repeat, 5)), "ms")
    if not args.no_terraform:
        report("terraform init + plan + show (median seconds)", sizes,
               terraform_figures(sizes, args.repeat), "s")


if __name__ == "__main__":
    main()
