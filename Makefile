# Every target sets itself up: a fresh clone needs only `make book` or `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup assets course book serve test check lab exercises notebooks bench clean

# Python environment: pinned requirements, then gradlib in editable mode.
$(STAMP): requirements.txt constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.txt -c constraints.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

setup: $(STAMP) assets

# Front-end assets (MathJax, RequireJS, the ipywidgets HTML manager) from the npm
# registry, copied into _vendor/ so the site loads nothing from a CDN.
VENDOR_STAMP := _vendor/.installed-stamp

assets: $(VENDOR_STAMP)

$(VENDOR_STAMP): package.json package-lock.json tools/vendor_assets.py
	npm ci --ignore-scripts --no-audit --no-fund
	$(PYTHON) tools/vendor_assets.py
	touch $@

# The course download (exercises, solutions, gradlib's wheel, pinned requirements, a how-to),
# published at the site's root by html_extra_path in _config.yml.
COURSE := _build/course/gradients-by-hand-course.zip

course: $(COURSE)

$(COURSE): $(STAMP) tools/make_course.py $(wildcard course/*) requirements.txt constraints.txt LICENSE \
		LICENSE-TEXT pyproject.toml $(shell find gradlib -name '*.py') exercises/*.ipynb solutions/*.ipynb
	$(BIN)/python tools/make_course.py $@

# Fails on any Sphinx warning. --all re-reads every page, so warnings (and gradlib's
# docstrings in the API page) are never skipped as "unchanged"; notebooks still run
# only when they changed (cached in .jupyter_cache/).
book: setup course
	$(BIN)/jupyter-book build . --all --warningiserror --keep-going
	@echo "Open file://$(CURDIR)/_build/html/index.html, or run 'make serve' for http://127.0.0.1:8000"

serve: book
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html 8000

# The site and browser tests read the built book, so the suite builds it first. Then the
# book and solution notebooks are replayed under strict nbval as if on another CPU
# (tools/other_cpu.py): no stored output may depend on this machine's round-off.
test: book
	$(BIN)/pytest
	$(BIN)/python tools/other_cpu.py $(BIN)/pytest -p no:cacheprovider book solutions

# The learner's self-check: every exercise notebook, or one with NB=exercises/<chapter>.ipynb.
# Only the exercises still unfinished or wrong fail, each named with its verdict.
check: $(STAMP)
	$(BIN)/pytest -p no:cacheprovider $(or $(NB),exercises)

# JupyterLab on the exercises, for this machine only (127.0.0.1); it prints the URL to open.
# gradlib is installed editable in the venv, so a notebook in any folder can import it.
lab: setup
	$(BIN)/jupyter lab --ServerApp.root_dir=exercises --ServerApp.ip=127.0.0.1 \
		$(if $(filter 0,$(shell id -u)),--allow-root)

exercises: setup
	$(BIN)/python tools/make_exercises.py

# After editing a chapter or a solution: Restart & Run All on every book and solution
# notebook (outputs and widget state are committed), then regenerate the exercises.
notebooks: setup
	for nb in book/*.ipynb solutions/*.ipynb; do \
		$(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.record_timing=False \
			--ExecutePreprocessor.timeout=240 --ExecutePreprocessor.startup_timeout=120 "$$nb" || exit 1; \
	done
	$(BIN)/python tools/make_exercises.py

# Speed comparisons, reported as ratios measured in one run (never as timed tests).
bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf _build .jupyter_cache
