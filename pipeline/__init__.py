"""fusion-centers: a clean, traceable dataset of the U.S. National Network of Fusion Centers."""

from pathlib import Path

__version__ = "0.1.0"
# The project's own folder (the one holding pipeline/): a build never replaces it.
PROJECT_ROOT = Path(__file__).resolve().parents[1]
