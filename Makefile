# fusion-centers: one command per job. Every target sets up .venv/ on first use,
# with the versions pinned in constraints.txt.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
CONSTRAINTS := constraints.txt
PIP    := $(PY) -m pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS)
# What a build needs (the package and its dependencies), the test tools on top,
# and Datasette for make serve only.
STAMP       := $(VENV)/.installed-stamp
TEST_STAMP  := $(VENV)/.test-stamp
SERVE_STAMP := $(VENV)/.serve-stamp
LAYOUTS_STAMP := $(VENV)/.layouts-stamp
# Bytecode of the package, written ahead: where PYTHONDONTWRITEBYTECODE is set,
# Python would otherwise compile every module again on every run.
BYTECODE := $(VENV)/.bytecode-stamp
SOURCES  := $(shell find pipeline -name '*.py')

.PHONY: extract test check fetch verify bench accuracy schema serve serve-install constraints clean

# Create the virtual environment and install the package with what a build needs.
$(STAMP): pyproject.toml $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	touch $(STAMP)

# The test tools (pytest, frictionless, csvkit, a second gazetteer, ...).
$(TEST_STAMP): $(STAMP)
	$(PIP) -e '.[test]'
	touch $(TEST_STAMP)

# The typesetters the layout generator drives from Python (WeasyPrint, ReportLab, pyphen).
$(LAYOUTS_STAMP): $(STAMP)
	$(PIP) -e '.[layouts]'
	touch $(LAYOUTS_STAMP)

$(SERVE_STAMP): $(STAMP)
	$(PIP) -e '.[serve]'
	touch $(SERVE_STAMP)

$(BYTECODE): $(STAMP) $(SOURCES)
	$(PY) -m compileall -q pipeline
	touch $(BYTECODE)

# Rebuild the whole dataset in out/ from the documents in raw/.
extract: $(BYTECODE)
	$(PY) -m pipeline extract

# Run every test (the golden test rebuilds out/ in a temporary folder), on every
# core (pytest-xdist).
test: $(TEST_STAMP)
	$(PY) -m pytest -q -n auto pipeline tests

# List the open errors and warnings; fails (make exits 2) while an error is open.
check: $(BYTECODE)
	$(PY) -m pipeline check --strict

# Download fresh snapshots of the source addresses into raw/.
fetch: $(STAMP)
	$(PY) -m pipeline fetch

# Check every published website and email domain against the world and keep
# the run as a dated source in raw/verification/ (see README, "Verify").
# Options: make verify VERIFY_ARGS="--contact you@example.org --timeout 5".
verify: $(STAMP)
	$(PY) -m pipeline verify $(VERIFY_ARGS)

# Measure speed and memory on synthetic listings (prints figures; not a test).
bench: $(STAMP)
	$(PY) bench/run.py

# Read N fresh random layouts of the capture, printed by every producer installed
# (bench/layouts/), and print how many give the capture's records exactly, are refused
# in one line, are reported, or are silently wrong (a benchmark, not a test).
# SEED= repeats a run; without it a fresh seed is drawn and printed.
N ?= 300
SEED ?=
JOBS ?= 2
accuracy: $(LAYOUTS_STAMP) $(BYTECODE)
	$(PY) bench/layouts/accuracy.py --n $(N) --jobs $(JOBS) $(if $(SEED),--seed $(SEED))

# Serve out/fusion_centers.sqlite with Datasette on http://127.0.0.1:8001/, with
# the metadata the build wrote (titles, licence, sources, column descriptions,
# facets, the open-problems query). Installs Datasette on first use.
serve-install: $(SERVE_STAMP)

serve: extract $(SERVE_STAMP)
	$(PY) -m datasette serve -i out/fusion_centers.sqlite -m out/datasette-metadata.json -h 127.0.0.1 -p 8001

# Rewrite schema/fusion_centers.schema.json and the README's column tables from
# the column spec (pipeline/export/columns.py); review the diff, then commit.
schema: $(STAMP)
	$(PY) -m pipeline.export.json_schema

# Pin every dependency to the newest release pyproject.toml allows: install
# into a scratch environment without constraints and write what it got.
constraints:
	rm -rf $(VENV)-constraints
	$(PYTHON) -m venv $(VENV)-constraints
	$(VENV)-constraints/bin/python -m pip install --quiet --disable-pip-version-check '.[test,serve,layouts]'
	{ echo "# Pinned versions of every dependency (build, test and serve), used by make as"; \
	  echo "# pip install -c constraints.txt. Update with: make constraints (then review the diff and run make test)."; \
	  $(VENV)-constraints/bin/python -m pip freeze --exclude-editable | grep -vi '^fusion-centers'; } > $(CONSTRAINTS)
	rm -rf $(VENV)-constraints build  # build/: what pip left of installing the package

clean:
	rm -rf $(VENV) out.failed .pytest_cache
