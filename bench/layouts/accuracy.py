"""How the readers do on fresh random layouts of the capture (prints figures; not a test).

    make accuracy [N=300] [SEED=...] [JOBS=2]
    .venv/bin/python bench/layouts/accuracy.py --n 300 [--seed S] [--jobs 2] [--keep DIR] [--producers ...]
        [--forms table sheet]

Renders N layouts (bench/layouts/make_layouts.py) from a seed (a fresh one, printed, when none is
given), builds each beside the capture pages it does not hold, and judges it against the capture's
own records (bench/layouts/score.py): exact, refused in one line, reported (every difference named
by a finding on its center), silently wrong. Then the time taken, the figures by producer, and each
layout that is not exact, with its own seed: `make_layouts.py DIR --seed <layout seed> --n 1` remakes
it (with the same producers available).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import secrets
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_layouts  # noqa: E402
import score  # noqa: E402

KINDS = ("exact", "refused", "reported", "silent")
_REF: score.Reference | None = None
_CAPTURE = None


def layout_seeds(seed: int, n: int, producers: tuple[str, ...] = make_layouts.PRODUCERS,
                 forms: tuple[str, ...] = ()) -> list[int]:
    """The seeds of a run's layouts: drawn from the run's seed, so two runs share none by chance;
    with `forms`, the first n whose layout has one of those forms ("blocks", "table", "sheet")."""
    rng = random.Random(seed)
    seeds: list[int] = []
    while len(seeds) < n:
        candidate = rng.getrandbits(32)
        if not forms or make_layouts.draw(candidate, producers).form in forms:
            seeds.append(candidate)
    return seeds


def _init() -> None:
    global _REF, _CAPTURE
    _REF = score.reference()
    _CAPTURE = make_layouts.read_capture()


def one(args: tuple[int, tuple[str, ...], str]) -> dict:
    """Render one layout and judge it."""
    layout_seed, producers, keep = args
    layout = make_layouts.draw(layout_seed, producers)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="accuracy.") as tmp:
        out_dir = Path(keep) if keep else Path(tmp)
        try:
            document = make_layouts.render(layout, out_dir, _CAPTURE)
        except Exception as error:  # noqa: BLE001 (a producer's failure is counted, not raised)
            return {"layout": asdict(layout), "kind": "not rendered", "detail": f"{type(error).__name__}: {error}",
                    "seconds": time.perf_counter() - start}
        rendered = time.perf_counter()
        verdict = score.judge(document, layout.holds, _REF)
    return {"layout": asdict(layout), "name": layout.name, "kind": verdict.kind, "detail": verdict.detail,
            "unnamed": verdict.unnamed[:6], "differences": verdict.differences[:6],
            "render_s": rendered - start, "read_s": time.perf_counter() - rendered}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--seed", type=int, default=None, help="the run's seed (a fresh one when left out)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", default="", help="keep the documents in this folder")
    parser.add_argument("--producers", nargs="*", default=list(make_layouts.PRODUCERS))
    parser.add_argument("--forms", nargs="*", default=[], choices=("blocks", "table", "sheet"),
                        help="only layouts of these forms (table rows, a spreadsheet, blocks)")
    parser.add_argument("--report", type=Path, default=None, help="write every verdict to this JSON file")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else secrets.randbits(40)
    producers, missing = make_layouts.available(tuple(args.producers))
    print(f"seed {seed}: {args.n} layouts by {', '.join(producers)}"
          + (f" (forms: {', '.join(args.forms)})" if args.forms else ""), flush=True)
    for p, why in missing.items():
        print(f"  left out {p}: {why}")
    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    forms = tuple(args.forms)
    if forms and not any(make_layouts.draw(s, producers).form in forms for s in range(1000)):
        print(f"no layout of the producers {', '.join(producers)} has the form {', '.join(forms)}", file=sys.stderr)
        return 2
    jobs = [(s, producers, args.keep) for s in layout_seeds(seed, args.n, producers, forms)]
    with multiprocessing.get_context("fork").Pool(args.jobs, initializer=_init) as pool:
        results = list(pool.imap_unordered(one, jobs))
    elapsed = time.perf_counter() - start
    counts = Counter(r["kind"] for r in results)
    judged = sum(counts[k] for k in KINDS)
    print(f"\n{args.n} layouts from seed {seed}, {elapsed:.0f} s ({elapsed / max(1, args.n):.1f} s a layout,"
          f" {args.jobs} jobs)")
    for kind, label in zip(KINDS, ("exact", "refused in one line", "reported", "silently wrong")):
        share = 100 * counts[kind] / judged if judged else 0.0
        print(f"  {label:<20} {counts[kind]:>4}  {share:5.1f}%")
    for kind in ("crash", "not rendered"):
        if counts[kind]:
            print(f"  {kind:<20} {counts[kind]:>4}  (not judged as a document: {kind})")
    by_producer: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        by_producer[r["layout"]["producer"]][r["kind"]] += 1
    print("\nby producer        " + "  ".join(f"{k[:8]:>8}" for k in (*KINDS, "crash", "not rendered")))
    for p in sorted(by_producer):
        print(f"  {p:<16} " + "  ".join(f"{by_producer[p][k]:>8}" for k in (*KINDS, "crash", "not rendered")))
    worst = [r for r in results if r["kind"] not in ("exact",)]
    if worst:
        print("\nnot exact (layout seed, document):")
        for r in sorted(worst, key=lambda r: (KINDS + ("crash", "not rendered")).index(r["kind"])):
            first = r.get("unnamed") or r.get("differences") or []
            print(f"  {r['kind']:<9} {r['layout']['seed']:>10} {r.get('name', r['layout']['producer'])}: "
                  f"{r['detail'][:160]}" + (f"; e.g. {first[0]}" if first else ""))
    if args.report:
        args.report.write_text(json.dumps({"seed": seed, "n": args.n, "seconds": elapsed, "results": results},
                                          indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
