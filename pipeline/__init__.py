"""fusion-centers: a clean, traceable dataset of the U.S. National Network of Fusion Centers."""

__version__ = "0.1.0"
