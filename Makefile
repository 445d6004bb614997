# fusion-centers: one command per job. Every target sets up .venv/ on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
# Bytecode of the package, written ahead: where PYTHONDONTWRITEBYTECODE is set,
# Python would otherwise compile every module again on every run.
BYTECODE := $(VENV)/.bytecode-stamp
SOURCES  := $(shell find pipeline -name '*.py')

.PHONY: extract test check fetch bench schema serve serve-install clean

# Create the virtual environment and install the package with its dev tools.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

$(BYTECODE): $(STAMP) $(SOURCES)
	$(PY) -m compileall -q pipeline
	touch $(BYTECODE)

# Rebuild the whole dataset in out/ from the documents in raw/.
extract: $(BYTECODE)
	$(PY) -m pipeline extract

# Run every test (the golden test rebuilds out/ in a temporary folder).
test: $(STAMP)
	$(PY) -m pytest -q pipeline tests

# Print the data-quality summary; fails when an error finding is open.
check: $(BYTECODE)
	$(PY) -m pipeline check --strict

# Download fresh snapshots of the source addresses into raw/.
fetch: $(STAMP)
	$(PY) -m pipeline fetch

# Measure speed and memory on synthetic listings (prints figures; not a test).
bench: $(STAMP)
	$(PY) bench/run.py

# Serve out/fusion_centers.sqlite with Datasette on http://127.0.0.1:8001/, with
# the metadata the build wrote (titles, licence, sources, column descriptions,
# facets, the open-problems query). Installs Datasette on first use.
SERVE_STAMP := $(VENV)/.serve-stamp
$(SERVE_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[serve]'
	touch $(SERVE_STAMP)

serve-install: $(SERVE_STAMP)

serve: extract $(SERVE_STAMP)
	$(PY) -m datasette serve -i out/fusion_centers.sqlite -m out/datasette-metadata.json -h 127.0.0.1 -p 8001

# Rewrite schema/fusion_centers.schema.json and the README's column tables from
# the column spec (pipeline/export/columns.py); review the diff, then commit.
schema: $(STAMP)
	$(PY) -m pipeline.export.json_schema

clean:
	rm -rf $(VENV) out.failed .pytest_cache
