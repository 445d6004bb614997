"""PDF path cost against its floor, on the corpus (prints figures; not a test).

(a) floor: a process that imports pdfplumber and reads every page's words with
    their font and size (`extract_words(extra_attrs=["fontname", "size"])`);
(b) reader: a process that runs `pipeline.extract.extract_document` on the same files.
Each is run RUNS times in a fresh interpreter, alternating; medians and their ratio are printed.

    .venv/bin/python bench/pdf.py [RUNS]
"""
from __future__ import annotations

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


def timed(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *map(str, CORPUS)], check=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    floor, reader = [], []
    for _ in range(runs):
        floor.append(timed(FLOOR))
        reader.append(timed(READER))
    f, r = statistics.median(floor), statistics.median(reader)
    print(f"{len(CORPUS)} corpus PDFs, {runs} runs each")
    print(f"floor  (import pdfplumber, extract_words with font and size): median {f:.2f} s")
    print(f"reader (extract_document):                                    median {r:.2f} s")
    print(f"ratio reader/floor: {r / f:.2f} (target at most 1.30)")


if __name__ == "__main__":
    main()
