# Every target sets itself up: a fresh clone needs only `make book` or `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup assets book serve test lab exercises bench clean

# Python environment: pinned requirements, then gradlib in editable mode.
$(STAMP): requirements.txt constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt -c constraints.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

setup: $(STAMP) assets

# Front-end assets (MathJax, the ipywidgets HTML manager) from the npm registry.
assets:
	@echo "TODO assets"

book: setup
	@echo "TODO book"

serve: book
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html 8000

test: setup
	$(BIN)/pytest

lab: setup
	@echo "TODO lab"

exercises: setup
	$(BIN)/python tools/make_exercises.py

clean:
	rm -rf _build .jupyter_cache
