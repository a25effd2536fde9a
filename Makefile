# One command to regenerate everything, one to run the tests. `make` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)

.PHONY: help setup figures test validate bench corpus model lock clean

help: ## list the targets with what they do
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP) ## create .venv (if missing) and install the project with pinned versions

figures: $(STAMP) ## regenerate every figure in figures/ and execute the notebooks
	$(PY) -m analysis figures
	$(PY) -m analysis notebooks

test: $(STAMP) ## run the whole test suite
	$(PY) -m pytest -q

validate: $(STAMP) ## score every measure on the benchmarks in ../shared and check the floors
	$(PY) -m analysis validate

bench: $(STAMP) ## time corpus mode against plain VADER (add ARGS=--large); time against size and hostile inputs
	$(PY) -m analysis.validation.bench $(ARGS); status=$$?; $(PY) -m analysis.validation.scaling || status=1; exit $$status

corpus: $(STAMP) ## download the 600 reference articles into .cache/ (needs internet; CI uses ../shared)
	$(PY) -m analysis corpus fetch

model: $(STAMP) ## retrain the shipped spaCy pipeline from ../shared (about 2 h on 2 cores; resumes; never in CI)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[model]'
	$(PY) -m analysis.nlp.build_names
	OPENBLAS_NUM_THREADS=1 $(PY) -m analysis.nlp.train

lock: ## re-pin requirements.lock from a fresh environment (after editing pyproject.toml)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e '.[dev]'
	{ head -n 2 requirements.lock; .lock-venv/bin/pip freeze --exclude-editable | grep -v '^-e'; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .lock-venv

clean: ## remove the virtual environment and caches (not figures/)
	rm -rf $(VENV) .pytest_cache
