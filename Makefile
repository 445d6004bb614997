# fusion-centers: one command per job. Every target sets up .venv/ on first use,
# with the versions and sha256 hashes locked in uv.lock (exported to requirements/).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
UV     := $(VENV)/bin/uv
# Installs a locked requirements file and the package: uv (parallel downloads),
# or pip where uv cannot be had (tools/install.sh says which).
INSTALL := PYTHON=$(PYTHON) tools/install.sh $(VENV)
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

.PHONY: extract test check fetch verify bench accuracy schema serve serve-install constraints lock release clean

# Create the virtual environment and install the package with what a build needs.
# The environment, without pip: uv installs into it (pip, when needed, comes from
# the system's Python or from ensurepip; see tools/install.sh).
$(PY):
	$(PYTHON) -m venv --without-pip $(VENV)

$(STAMP): $(PY) pyproject.toml requirements/build.txt
	$(INSTALL) requirements/build.txt
	touch $(STAMP)

# The test tools (pytest, frictionless, csvkit, a second gazetteer, ...), and the
# bytecode of every installed module written ahead (uv installs without it): else
# the first test run compiles each module it imports, in each worker at once
# (about 10 s of CPU a fresh clone paid in its first make test and never again).
# A module that does not compile (olefile's Python 2 copy) is never imported: its
# error is no failure here. Then the tests are collected once, which writes their
# bytecode and pytest's rewritten assertions: else each worker of the first run
# does it again (about 2.7 s of CPU a process); a test that cannot be collected
# fails the run itself, not this step.
$(TEST_STAMP): $(STAMP) requirements/test.txt
	$(INSTALL) requirements/test.txt
	$(PY) -m compileall -q -j 0 "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" >/dev/null 2>&1 || true
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -q --collect-only -p no:xdist pipeline tests >/dev/null 2>&1 || true
	touch $(TEST_STAMP)

# The typesetters the layout generator drives from Python (WeasyPrint, ReportLab, pyphen).
$(LAYOUTS_STAMP): $(STAMP) requirements/layouts.txt
	$(INSTALL) requirements/layouts.txt
	touch $(LAYOUTS_STAMP)

$(SERVE_STAMP): $(STAMP) requirements/serve.txt
	$(INSTALL) requirements/serve.txt
	touch $(SERVE_STAMP)

$(BYTECODE): $(STAMP) $(SOURCES)
	$(PY) -m compileall -q pipeline
	touch $(BYTECODE)

# Rebuild the whole dataset in out/ from the documents in raw/.
extract: $(BYTECODE)
	$(PY) -m pipeline extract

# Run every test (the golden test rebuilds out/ in a temporary folder), on every
# core (pytest-xdist). The run writes bytecode even where PYTHONDONTWRITEBYTECODE
# is set: otherwise each worker and each command a test starts compiles every
# module it imports again (phonenumbers' geocoder alone: 3 s of CPU a process),
# and pytest rewrites every test module's assertions again in every run.
test: $(TEST_STAMP)
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -q -n auto pipeline tests

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
# facets, the open-problems query) and the template overrides (rows first, each
# facet once, often-empty columns hidden). Installs Datasette on first use.
serve-install: $(SERVE_STAMP)

serve: extract $(SERVE_STAMP)
	$(PY) -m datasette serve -i out/fusion_centers.sqlite -m out/datasette-metadata.json \
	  --template-dir pipeline/export/datasette_templates -h 127.0.0.1 -p 8001

# Release the data: rebuild out/, refuse in one line while an error is open (or
# the tree is not clean), else append CHANGELOG.md (the diff against the last
# release), set CITATION.cff's version, commit both and tag the commit with the
# data version. Push the tag yourself: git push --follow-tags.
release: $(BYTECODE)
	$(PY) -m pipeline.release

# Rewrite schema/fusion_centers.schema.json and the README's column tables from
# the column spec (pipeline/export/columns.py); review the diff, then commit.
schema: $(STAMP)
	$(PY) -m pipeline.export.json_schema

# The lock command. Resolve pyproject.toml's dependencies into uv.lock (Linux
# x86_64 and aarch64, CPython 3.11+, every wheel's sha256) and export it to the
# files make installs: requirements/build.txt (a build), test.txt (the build and
# the test tools), serve.txt (the build and Datasette), uv.txt (the installer).
# A new dependency is locked with every other pin kept; UPGRADE=1 moves every pin
# to the newest release pyproject.toml allows. Review the diff, run make test.
constraints: $(STAMP)
	@test -x $(UV) || { echo "make constraints: uv is needed to lock and $(UV) is missing (remove $(VENV) and run make extract with access to PyPI)" >&2; exit 2; }
	$(if $(UPGRADE),$(UV) pip install --quiet --python $(PY) --upgrade uv)
	$(UV) lock --quiet $(if $(UPGRADE),--upgrade)
	$(UV) export --quiet --frozen --no-emit-project -o requirements/build.txt
	$(UV) export --quiet --frozen --no-emit-project --extra test -o requirements/test.txt
	$(UV) export --quiet --frozen --no-emit-project --extra serve -o requirements/serve.txt
	$(UV) export --quiet --frozen --no-emit-project --extra layouts -o requirements/layouts.txt
	echo "uv==$$($(UV) --version | cut -d' ' -f2)" | $(UV) pip compile --quiet --universal --generate-hashes \
	  --no-header --no-annotate - -o requirements/uv.txt

lock: constraints

clean:
	rm -rf $(VENV) out.failed .pytest_cache
