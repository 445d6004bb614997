"""`python -m pipeline`: the command line, once the dependencies are there.

A Python without them (the system's python3 rather than the project's
.venv/bin/python) gets one line saying what to run, and exit code 4.
"""
import sys
from importlib.util import find_spec

# The top-level module of each dependency a run imports (pyproject.toml).
REQUIRED_MODULES = ("bs4", "dns", "email_validator", "pdfplumber", "phonenumbers", "publicsuffixlist", "zipcodes")
EXIT_SETUP = 4

missing = [name for name in REQUIRED_MODULES if find_spec(name) is None]
if missing:
    print(f"error: {sys.executable} lacks {', '.join(missing)}; run `make extract` once to set up .venv/, "
          "then `.venv/bin/python -m pipeline ...`.", file=sys.stderr)
    sys.exit(EXIT_SETUP)

from pipeline.cli import main  # noqa: E402  (only once the dependencies are known to be there)

sys.exit(main())
