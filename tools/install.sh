#!/usr/bin/env bash
# Install one hash-locked requirements file (requirements/*.txt, exported from
# uv.lock) and the package itself into a virtual environment made without pip
# (python -m venv --without-pip: ensurepip alone costs seconds).
#
# usage: PYTHON=python3 tools/install.sh VENV REQUIREMENTS
#
# uv downloads and installs the wheels in parallel; it is itself installed into
# the environment from PyPI, pinned and hash-checked (requirements/uv.txt), by
# pip. Where uv cannot be had (no wheel for the machine, no access to it), or
# where FUSION_CENTERS_PIP=1 asks for it, pip installs the same hash-checked
# files one wheel at a time. Either way every file is checked against its sha256.
set -euo pipefail
venv=$1
requirements=$2
py=$venv/bin/python

# pip, run against the environment: its own pip if it has one, else the system
# Python's pip (22.3 and later can install into another environment with
# --python), else a pip put into the environment by ensurepip.
pip() {
  local options=(install --quiet --disable-pip-version-check)
  local system=${PYTHON:-python3}
  if [ -x "$venv/bin/pip" ]; then
    "$py" -m pip "${options[@]}" "$@"
  elif "$system" -c 'import sys, pip; sys.exit(tuple(map(int, pip.__version__.split(".")[:2])) < (22, 3))' \
      >/dev/null 2>&1; then
    "$system" -m pip --python "$py" "${options[@]}" "$@"
  else
    "$py" -m ensurepip --default-pip >/dev/null && "$py" -m pip "${options[@]}" "$@"
  fi
}

if [ -z "${FUSION_CENTERS_PIP:-}" ] && [ ! -x "$venv/bin/uv" ]; then
  pip --require-hashes --no-deps -r requirements/uv.txt \
    || echo "note: uv could not be installed from PyPI; installing with pip instead (slower)" >&2
fi

if [ -z "${FUSION_CENTERS_PIP:-}" ] && [ -x "$venv/bin/uv" ]; then
  uv=("$venv/bin/uv" pip install --quiet --python "$py")
  "${uv[@]}" --require-hashes -r "$requirements"
  "${uv[@]}" --no-deps --no-build-isolation -e .
else
  pip --require-hashes -r "$requirements"
  pip --no-deps --no-build-isolation -e .
fi
