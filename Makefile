# Two commands on a fresh machine: `make run` and `make test`; each builds .venv first when needed.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: run test lint train eval bench bench-clean lock clean-venv

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

run: $(STAMP)  ## start the service with the shipped model on http://127.0.0.1:$${PORT:-8000}
	$(PY) -m service

test: $(STAMP)  ## the whole test suite
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check service training tests bench
	$(PY) -m ruff format --check service training tests bench
	$(PY) -m mypy service training

lock:  ## re-resolve constraints.txt from pyproject.toml's pins
	rm -rf /tmp/lockvenv && $(PYTHON) -m venv /tmp/lockvenv
	/tmp/lockvenv/bin/pip install --quiet -e '.[dev]'
	/tmp/lockvenv/bin/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean-venv:
	rm -rf $(VENV)
