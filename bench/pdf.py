"""PDF path cost against its floor, on the corpus (prints figures; not a test).

(a) floor: a process that imports pdfplumber and reads what the reader must read of every
    page: its characters with their graphic state (pdfplumber's chars carry fill and stroke
    colour), its filled shapes and images, and its words with their font and size
    (`extract_words(extra_attrs=["fontname", "size"])`). The text render mode and the clip,
    which pdfplumber does not give, are the reader's own cost (`pipeline/extract/pdf/visible.py`);
(b) reader: a process that runs `pipeline.extract.extract_document` on the same files.
Each is run RUNS times in a fresh interpreter, alternating; medians and their ratio are printed.

    .venv/bin/python bench/pdf.py [RUNS]
"""
from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "tests" / "fixtures" / "pdf" / "corpus").glob("*.pdf"))

FLOOR = """
import sys, pdfplumber
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.chars, page.rects, page.curves, page.images
            page.extract_words(extra_attrs=["fontname", "size"])
            page.close()
"""
READER = """
import sys
from pathlib import Path
from pipeline.extract import extract_document
for path in sys.argv[1:]:
    extract_document(Path(path).read_bytes(), Path(path).name, "")
"""


def timed(code: str) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user and system, of the child) of one run of `code`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *map(str, CORPUS)], check=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    floor, reader = [], []
    for _ in range(runs):
        floor.append(timed(FLOOR))
        reader.append(timed(READER))
    f, r = (statistics.median(t[0] for t in floor), statistics.median(t[1] for t in floor)), \
        (statistics.median(t[0] for t in reader), statistics.median(t[1] for t in reader))
    print(f"{len(CORPUS)} corpus PDFs, {runs} runs each; medians, wall and CPU (a loaded machine stretches wall)")
    print(f"floor  (import pdfplumber, chars, shapes, words with font and size): {f[0]:.2f} s wall, {f[1]:.2f} s CPU")
    print(f"reader (extract_document):                                         {r[0]:.2f} s wall, {r[1]:.2f} s CPU")
    print(f"ratio reader/floor: {r[0] / f[0]:.2f} wall, {r[1] / f[1]:.2f} CPU (target at most 1.30)")


if __name__ == "__main__":
    main()
