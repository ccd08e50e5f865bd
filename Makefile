# Two entry points: `make synth` (install, then synthesize the flagship example) and
# `make test` (install, then the drift check, ruff, mypy and the test suite under both CDK
# runtimes, cdktf and cdktn). CI runs `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
export CHECKPOINT_DISABLE := 1

.PHONY: install synth test test-cdktf test-cdktn lint typecheck drift regenerate bench

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

synth: install
	cd examples/support_assistant && ../../$(BIN)/python main.py
	@echo "Terraform JSON: examples/support_assistant/cdktf.out/stacks/*/cdk.tf.json"

drift: install
	$(BIN)/python -m openai_constructs.codegen --check

lint: install
	$(BIN)/ruff check .

typecheck: install
	$(BIN)/mypy

test: drift lint typecheck test-cdktf test-cdktn

test-cdktf: install
	OPENAI_CONSTRUCTS_CDK=cdktf $(BIN)/pytest

test-cdktn: install
	OPENAI_CONSTRUCTS_CDK=cdktn $(BIN)/pytest -p no:cacheprovider

regenerate: install
	$(BIN)/python -m openai_constructs.codegen

bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/testing_kit.py
