# Two entry points: `make synth` (install, then synthesize the flagship example) and
# `make test` (install, then the drift check, ruff, mypy, the test suite under both CDK
# runtimes, cdktf and cdktn, the package check and the CLI synth check). CI runs `.ci/run`,
# which runs the same targets one by one and times each.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
export CHECKPOINT_DISABLE := 1

# The flagship example, run exactly as cdktf.json's "app" and "output" run it (from the
# repository root), so `make synth`, `cdktf synth` and `cdktn synth` write the same file.
SYNTH_APP := examples/support_assistant/main.py
SYNTH_OUT := examples/support_assistant/cdktf.out

.PHONY: install synth test test-cdktf test-cdktn lint typecheck drift check-package check-cli regenerate bench

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

synth: install
	CDKTF_OUTDIR=$(SYNTH_OUT) $(BIN)/python $(SYNTH_APP)
	@echo "Terraform JSON: $(SYNTH_OUT)/stacks/*/cdk.tf.json"

drift: install
	$(BIN)/python -m openai_constructs.codegen --check

# ruff, then the import contracts of pyproject.toml ([tool.importlinter]: the layers of
# docs/architecture.md, no cycles, imports inside functions counted).
lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

test: drift lint typecheck test-cdktf test-cdktn check-package check-cli

# The suite runs on every core up to four (pytest-xdist; each worker starts its own node, about
# 200 MB): PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto
PYTEST_PARALLEL = -n $(PYTEST_WORKERS) $(if $(filter auto,$(PYTEST_WORKERS)),--maxprocesses=4)

test-cdktf: install
	OPENAI_CONSTRUCTS_CDK=cdktf $(BIN)/pytest $(PYTEST_PARALLEL)

test-cdktn: install
	OPENAI_CONSTRUCTS_CDK=cdktn $(BIN)/pytest $(PYTEST_PARALLEL) -p no:cacheprovider

# Build the sdist and wheel, twine check them, install the wheel into a fresh venv outside
# the repository and use it there (tools/check_package.py says what is checked).
check-package: install
	$(BIN)/python tools/check_package.py

# `cdktf synth` / `cdktn synth` from the root right after `make synth`, with the CLIs on PATH
# (skipped when absent; `make check-cli REQUIRE_CLIS=1` fails instead, as CI does).
check-cli: synth
	$(BIN)/python tools/check_cli_synth.py $(if $(REQUIRE_CLIS),--require)

regenerate: install
	$(BIN)/python -m openai_constructs.codegen

# BENCH_ARGS: e.g. "--markdown /tmp/bench.md --json /tmp/bench.json" (the docs' tables).
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	$(BIN)/python bench/testing_kit.py
