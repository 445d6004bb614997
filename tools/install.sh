#!/usr/bin/env bash
# Install one hash-locked requirements file (requirements/*.txt, exported from
# uv.lock) and the package itself into a virtual environment.
#
# usage: tools/install.sh VENV REQUIREMENTS
#
# uv downloads and installs the wheels in parallel; it is itself installed into
# the environment from PyPI, pinned and hash-checked (requirements/uv.txt).
# Where uv cannot be had (no wheel for the machine, no access to it), or where
# FUSION_CENTERS_PIP=1 asks for it, pip installs the same hash-checked files one
# at a time. Either way every wheel is checked against its sha256 in the lock.
set -euo pipefail
venv=$1
requirements=$2
py=$venv/bin/python
pip=("$py" -m pip install --quiet --disable-pip-version-check)

if [ -z "${FUSION_CENTERS_PIP:-}" ] && [ ! -x "$venv/bin/uv" ]; then
  "${pip[@]}" --require-hashes --no-deps -r requirements/uv.txt \
    || echo "note: uv could not be installed from PyPI; installing with pip instead (slower)" >&2
fi

if [ -z "${FUSION_CENTERS_PIP:-}" ] && [ -x "$venv/bin/uv" ]; then
  uv=("$venv/bin/uv" pip install --quiet --python "$py")
  "${uv[@]}" --require-hashes -r "$requirements"
  "${uv[@]}" --no-deps --no-build-isolation -e .
else
  "${pip[@]}" --require-hashes -r "$requirements"
  "${pip[@]}" --no-deps --no-build-isolation -e .
fi
