# Two commands on a fresh machine: `make run` and `make test`; each builds .venv first when needed.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: run test lint train eval bench bench-clean bench-ops bulk openapi container-check lock clean-venv

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

run: $(STAMP)  ## start the service with the shipped model on http://127.0.0.1:$${PORT:-8000}
	$(PY) -m service

test: $(STAMP)  ## the whole test suite
	$(PY) -m pytest

openapi: $(STAMP)  ## regenerate openapi.yaml (the contract) from the app
	$(PY) -m service.contract openapi.yaml

train: $(STAMP)  ## train model/ from training/data/ (CV, thresholds, metrics, card)
	$(PY) -m training train --data training/data --out model

TOPICS_DEV := $(SHARED)/benchmarks/topics-dev/topics-dev.jsonl
eval: $(STAMP)  ## the shipped model's P/R/F1 on ../shared topics-dev (skipped when absent)
	@if [ -f $(TOPICS_DEV) ]; then \
		$(PY) -m training evaluate --model model --data $(TOPICS_DEV); \
	else echo "make eval: skipped, $(TOPICS_DEV) is not present"; fi

lint: $(STAMP)
	$(PY) -m ruff check service training tests bench
	$(PY) -m ruff format --check service training tests bench
	$(PY) -m mypy service training

lock:  ## re-resolve constraints.txt from pyproject.toml's pins
	rm -rf /tmp/lockvenv && $(PYTHON) -m venv /tmp/lockvenv
	/tmp/lockvenv/bin/pip install --quiet -e '.[dev]'
	/tmp/lockvenv/bin/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

# The peer for `make bench`: MLServer and its scikit-learn runtime in a venv of their own.
MLS := .venv-mlserver
$(MLS)/.installed: bench/mlserver-constraints.txt
	$(PYTHON) -m venv $(MLS)
	$(MLS)/bin/pip install --quiet --disable-pip-version-check -r bench/mlserver-constraints.txt
	touch $@

bench: $(STAMP) $(MLS)/.installed  ## the whole performance benchmark (needs wrk: apt-get install wrk)
	@command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk"; exit 1; }
	$(PY) -m bench.perf $(BENCH_ARGS)

bench-clean: $(STAMP)  ## cleaner P/R/F1 and docs/s on ../shared extraction-dev, beside trafilatura
	$(PY) -m bench.clean

bench-ops: $(STAMP)  ## issue-5 figures: reload under load, 10 MB flood, /livez p99 under /v1/clean load
	$(PY) -m bench.ops

container-check:  ## build and run the image with podman, probe it (needs root and apt; ~2-3 min)
	.ci/container-check

bulk: $(STAMP)  ## IN=docs.jsonl OUT=out.jsonl: clean + classify a file on all cores
	$(PY) -m service.bulk $(IN) $(OUT) --clean

clean-venv:
	rm -rf $(VENV) $(MLS)
