"""How often a reader's fault ends silent: documents read, their document model mutated as a reader
misreads, each judged against the capture (prints figures; not a test).

    .venv/bin/python bench/layouts/faults.py DIR [--layouts R.json] [--docs 40] [--faults 8] [--seed 16]

DIR holds documents and their layouts.json (as `make_layouts.py DIR` writes it), or their layouts
are those of an accuracy run's report (`accuracy.py --keep DIR --report R.json`: --layouts R.json). For each of --docs documents (drawn from the seed; only those read exact unmutated),
the reader's pages are read once; then --faults times a fault is drawn and applied to one read
line of those pages (never furniture), as a reader gets a line wrong:

- first-word / last-word: a line's first or last word lost;
- glue: a line and the next read as one;
- wrap: a line cut in two at a space;
- split: a line cut in two after a "." "-" or "@" inside a word;
- drop: a line lost;
- swap: a line and the next read in the other order;
- to-next-block: a line read after the next place line ("City, State"), in the next block.

The mutated pages go through the one assembler and the whole build beside the capture pages the
document does not hold, and are judged as `accuracy.py` judges a layout (`score.judge`): exact
(the fault changed nothing published), refused, reported (every difference named on its center
and field), silent. The figure is the share of faults that end silent, by kind.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))
import score  # noqa: E402

import pipeline.extract as extract  # noqa: E402
from pipeline.text import parse_place  # noqa: E402

KINDS = ("first-word", "last-word", "glue", "wrap", "split", "drop", "swap", "to-next-block")
VERDICTS = ("exact", "refused", "reported", "silent", "crash")
_CUT = re.compile(r"(?<=\S)[.\-@](?=\S)")


def _read_lines(pages) -> list[tuple[int, int]]:
    """(page index, line index) of every read line with text (not furniture)."""
    return [(p, i) for p, page in enumerate(pages.pages) for i, line in enumerate(page.lines)
            if not line.furniture and line.text.strip()]


def _with_lines(pages, p: int, lines: list) -> object:
    page = pages.pages[p]
    return replace(pages, pages=(*pages.pages[:p], replace(page, lines=tuple(lines)), *pages.pages[p + 1:]))


def _next_read(lines: list, i: int) -> int | None:
    return next((j for j in range(i + 1, len(lines)) if not lines[j].furniture and lines[j].text.strip()), None)


def mutate(pages, kind: str, rng: random.Random):
    """The pages with one fault of `kind` at a line drawn by `rng`, and the line's text; None where
    no line of the pages takes that fault."""
    spots = _read_lines(pages)
    rng.shuffle(spots)
    for p, i in spots:
        lines = list(pages.pages[p].lines)
        line = lines[i]
        text, words = line.text, line.text.split()
        plain = not line.cells
        if kind in ("first-word", "last-word") and plain and len(words) > 1:
            kept = words[1:] if kind == "first-word" else words[:-1]
            lines[i] = replace(line, text=" ".join(kept))
        elif kind in ("glue", "swap"):
            j = _next_read(lines, i)
            if j is None or (kind == "glue" and (not plain or lines[j].cells)):
                continue
            if kind == "glue":
                lines[i] = replace(line, text=f"{text.rstrip()} {lines[j].text.strip()}")
                del lines[j]
            else:
                lines[i], lines[j] = lines[j], lines[i]
        elif kind == "wrap" and plain and len(words) > 1:
            k = rng.randrange(1, len(words))
            lines[i:i + 1] = [replace(line, text=" ".join(words[:k])),
                              replace(line, text=" ".join(words[k:]), heading=False, item=0, marker="")]
        elif kind == "split" and plain and _CUT.search(text):
            cuts = [m.end() for m in _CUT.finditer(text)]
            k = rng.choice(cuts)
            lines[i:i + 1] = [replace(line, text=text[:k]),
                              replace(line, text=text[k:], heading=False, item=0, marker="")]
        elif kind == "drop":
            del lines[i]
        elif kind == "to-next-block":
            j = next((j for j in range(i + 1, len(lines)) if not lines[j].furniture
                      and parse_place(lines[j].text.strip()) is not None), None)
            if j is None:
                continue
            lines.insert(j + 1, line)
            del lines[i]
        else:
            continue
        return _with_lines(pages, p, lines), text
    return None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--layouts", type=Path, default=None, help="an accuracy run's report: its layouts")
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--faults", type=int, default=8, help="faults drawn per document")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--kinds", nargs="*", default=list(KINDS), choices=KINDS)
    parser.add_argument("--report", type=Path, default=None, help="write every fault's verdict to this JSON file")
    parser.add_argument("--show", type=int, default=0, help="print this many silent faults")
    args = parser.parse_args(argv)
    given = json.loads((args.layouts or args.folder / "layouts.json").read_text(encoding="utf-8"))
    layouts = given if isinstance(given, list) else [{**r["layout"], "file": r["name"]} for r in given["results"]
                                                      if "name" in r]
    layouts.sort(key=lambda layout: layout["file"])  # the draw depends on the documents, not on a report's order
    rng = random.Random(args.seed)
    rng.shuffle(layouts)
    ref = score.reference()
    read = extract.reader
    current: dict[str, object] = {}

    def patched(form):
        real = read(form)

        def reading(data, source, **kw):
            if source.startswith("document.") and "pages" in current:
                return current["pages"]
            pages = real(data, source, **kw)
            if source.startswith("document."):
                current["read"] = pages
            return pages
        return reading

    extract.reader = patched
    start = time.perf_counter()
    results = []
    docs = 0
    for layout in layouts:
        if docs >= args.docs:
            break
        document = args.folder / layout["file"]
        current.clear()
        if score.judge(document, layout["holds"], ref).kind != "exact":
            continue
        docs += 1
        pages = current["read"]
        doc_rng = random.Random(f"{args.seed}:{layout['file']}")
        for n in range(args.faults):
            kind = args.kinds[n % len(args.kinds)]
            made = mutate(pages, kind, doc_rng)
            if made is None:
                continue
            current["pages"], text = made
            try:
                verdict = score.judge(document, layout["holds"], ref)
            except Exception as error:  # noqa: BLE001 (a traceback is counted, not raised)
                verdict = score.Verdict("crash", f"{type(error).__name__}: {error}")
            results.append({"file": layout["file"], "holds": layout["holds"], "fault": kind, "line": text,
                            "kind": verdict.kind, "unnamed": verdict.unnamed[:4], "detail": verdict.detail[:200]})
    elapsed = time.perf_counter() - start
    counts = Counter(r["kind"] for r in results)
    wrong = len(results) - counts["exact"]
    print(f"{len(results)} faults in {docs} documents of {args.folder} (seed {args.seed}), {elapsed:.0f} s")
    print("  " + "  ".join(f"{k} {counts[k]}" for k in VERDICTS))
    print(f"  silent: {counts['silent']} of {wrong} faults that changed the reading "
          f"({100 * counts['silent'] / max(1, wrong):.1f}%), {100 * counts['silent'] / max(1, len(results)):.1f}% "
          "of all faults")
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        by_kind[r["fault"]][r["kind"]] += 1
    print("\nby fault        " + "  ".join(f"{k:>8}" for k in VERDICTS))
    for k in args.kinds:
        print(f"  {k:<14}" + "  ".join(f"{by_kind[k][v]:>8}" for v in VERDICTS))
    for r in [r for r in results if r["kind"] == "silent"][:args.show]:
        print(f"\n  {r['fault']} {r['file']} ({r['holds']}): {r['line']!r}\n    {r['unnamed'][:2]}")
    if args.report:
        args.report.write_text(json.dumps({"seed": args.seed, "results": results}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
