# One command to regenerate everything, one to run the tests. `make` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)

.PHONY: help setup figures test validate bench corpus model lock clean install-check

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

INSTALL_CHECK ?= $(or $(TMPDIR),/tmp)/analysis-install-check
SEED_FILE := $(CURDIR)/seeds/000_8b45763ab15ca29f.txt
install-check: $(STAMP) ## install the package non-editably into a fresh venv; its report from another folder must equal this one's (some minutes; not in CI)
	rm -rf $(INSTALL_CHECK) && mkdir -p $(INSTALL_CHECK)/elsewhere && $(PYTHON) -m venv $(INSTALL_CHECK)/venv
	$(INSTALL_CHECK)/venv/bin/pip install --quiet --disable-pip-version-check -c requirements.lock .
	$(PY) -m analysis report $(SEED_FILE) > $(INSTALL_CHECK)/editable.json
	cd $(INSTALL_CHECK)/elsewhere && ../venv/bin/python -m analysis report $(SEED_FILE) > ../installed.json
	cmp $(INSTALL_CHECK)/editable.json $(INSTALL_CHECK)/installed.json
	cd $(INSTALL_CHECK)/elsewhere && ../venv/bin/python -c "import analysis, sys; from analysis.outputs import findings; \
	  assert '$(CURDIR)' not in analysis.__file__, analysis.__file__; assert findings.validation('quotes'), 'no recorded figures'"
	cd $(INSTALL_CHECK)/elsewhere && ../venv/bin/python -m analysis figures --article $(SEED_FILE) --out ../figures \
	  && test -s ../figures/report.json
	cd $(INSTALL_CHECK)/elsewhere && { ../venv/bin/python -m analysis figures; test $$? -eq 2; } \
	  && { ../venv/bin/python -m analysis notebooks; test $$? -eq 2; }
	@echo "install-check: ok (a regular install gives the same report; figures need --article)"

lock: ## re-pin requirements.lock from a fresh environment (after editing pyproject.toml)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e '.[dev]'
	{ head -n 2 requirements.lock; .lock-venv/bin/pip freeze --exclude-editable | grep -v '^-e'; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .lock-venv

clean: ## remove the virtual environment and caches (not figures/)
	rm -rf $(VENV) .pytest_cache
