"""Benchmark: speed and memory of the whole `extract` command (read, extract,
normalize, check, render every output, write out/) on synthetic listings,
and the start-up cost of `python -m pipeline extract`.

Run: make bench, or .venv/bin/python bench/run.py [--sizes 1000 10000 100000]
     [--forms text html pdf] [--repeat 3] [--timeout 1800]

Each measurement is the command itself, `python -m pipeline extract --raw RAW
--out OUT` into a temporary out folder, in a fresh Python process: start-up,
imports, every stage and every output written. "wall s" is the process's
wall time, "CPU s" its user and system CPU time (from os.wait4, its own
alone), "peak RSS MB" its own high-water mark (VmHWM of /proc/self/status,
which exec resets), written by the process as it ends (CHILD). The data are
generated first in a process of their own. With --repeat N each cell is the
median of N runs (peak memory: the largest). The data come from
bench/generate.py (kept when current). This is a report, not a test: it exits
0 whether or not the targets are met, and prints each miss; a value the
reader lost or moved (check's conservation findings) is a miss too, and so is a
block lost (read into its neighbor) or one no list entry names.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

TARGET_GROWTH = 11.0  # CPU time at 100,000 centers over that at 10,000 (linear, with room for noise)
TARGET_MEMORY_GROWTH = 10.0  # peak memory at 100,000 centers over that at 10,000: no more than linear
TARGET_PEAK_MB = 1024.0  # at 100,000 centers
TARGET_STARTUP_RATIO = 1.3
GROWTH_SIZES = (10_000, 100_000)
# Findings that say the reader lost a value, or put it on another center (check's conservation).
LOST_CODES = ("VALUE_UNACCOUNTED",)
MOVED_CODES = ("VALUE_FITS_NEIGHBOR", "VALUE_PUBLISHED_TWICE")

# Extractor modules each form needs; a form whose module is missing is
# reported as not available. The PDF folder's list page is a text capture.
FORM_MODULES = {
    "text": ("pipeline.extract.capture",),
    "html": ("pipeline.extract.html",),
    "pdf": ("pipeline.extract.pdf", "pipeline.extract.capture"),
}
# The child: the command itself, `python -m pipeline extract --raw RAW --out OUT`,
# run as `-m` runs it (runpy), then the process's own peak RSS written to a
# file: VmHWM of /proc/self/status starts afresh at exec, where ru_maxrss from
# os.wait4 keeps the high-water mark of the process that forked it (Python
# forks with vfork, so a child of a 400 MB parent reports 400 MB).
CHILD = r"""
import json, runpy, sys
report, sys.argv = sys.argv[1], ["pipeline", *sys.argv[2:]]
def peak_mb():
    try:
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) / 1024 for l in status if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return None
try:
    runpy.run_module("pipeline", run_name="__main__", alter_sys=True)
finally:
    with open(report, "w") as fh:
        json.dump({"peak_mb": peak_mb()}, fh)
"""


@dataclass(frozen=True)
class Outcome:
    """One child process: how it ended, its times and its peak memory."""

    ok: bool
    wall: float  # the whole process, seen from here
    cpu: float  # its user and system CPU time (os.wait4: its own, never the parent's)
    peak_mb: float  # its own peak RSS (VmHWM) when it reports it, else ru_maxrss
    report: dict  # what the build wrote, counted from its out folder ({} when there is none)
    error: str  # last line of stderr, or "timed out after …"


def run_child(args: list[str], timeout: float, peak_file: Path | None = None) -> Outcome:
    """Run `python <args>` from the repository root; time it, with its CPU time
    from os.wait4 so that no other process is counted. With `peak_file`, the
    child writes its own peak RSS there (CHILD); otherwise ru_maxrss stands."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=out, stderr=err)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
                timed_out = True
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    peak_mb = usage.ru_maxrss / 1024  # Linux gives kilobytes
    if peak_file is not None:
        try:
            peak_mb = json.loads(peak_file.read_text())["peak_mb"] or peak_mb
        except (OSError, ValueError, KeyError):
            pass
    if timed_out:
        return Outcome(False, wall, cpu, peak_mb, {}, f"timed out after {timeout:.0f} s")
    if proc.returncode != 0:
        lines = [line for line in stderr.splitlines() if line.strip()] or [f"exit code {proc.returncode}"]
        return Outcome(False, wall, cpu, peak_mb, {}, lines[-1][:160])
    return Outcome(True, wall, cpu, peak_mb, {}, "")


def read_build(out: Path) -> dict:
    """What a build wrote, counted from its files: contact blocks read, centers,
    centers whose list entry and contact block were paired, and findings by code."""
    with open(out / "stages" / "1_contact_blocks.jsonl", "rb") as fh:
        blocks = sum(1 for _ in fh)
    with open(out / "fusion_centers.csv", encoding="utf-8", newline="") as fh:
        methods = Counter(row["match_method"] for row in csv.DictReader(fh))
    with open(out / "discrepancies.csv", encoding="utf-8", newline="") as fh:
        findings = Counter(row["code"] for row in csv.DictReader(fh))
    return {"blocks": blocks, "centers": sum(methods.values()),
            "matched": sum(n for method, n in methods.items() if method != "unmatched"), "findings": dict(findings)}


def extract_once(raw: Path, timeout: float) -> Outcome:
    """`python -m pipeline extract` on `raw` into a fresh out folder, in a fresh process."""
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        out, peak = Path(tmp) / "out", Path(tmp) / "peak.json"
        o = run_child(["-c", CHILD, str(peak), "extract", "--raw", str(raw), "--out", str(out)], timeout, peak)
        if o.ok:
            o = replace(o, report=read_build(out))
    return o


def form_available(form: str) -> bool:
    return all(importlib.util.find_spec(name) is not None for name in FORM_MODULES[form])


# ---- the size table ------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    form: str
    centers: int
    runs: tuple[Outcome, ...]
    note: str = ""  # why there is no measurement

    @property
    def good(self) -> list[Outcome]:
        return [r for r in self.runs if r.ok]

    @property
    def seconds(self) -> float | None:
        return statistics.median(r.wall for r in self.good) if self.good else None

    @property
    def cpu(self) -> float | None:
        return statistics.median(r.cpu for r in self.good) if self.good else None

    @property
    def blocks(self) -> int:
        return self.good[0].report["blocks"] if self.good else 0

    @property
    def peak_mb(self) -> float | None:
        return max(r.peak_mb for r in self.runs) if self.runs else None

    @property
    def blocks_per_second(self) -> float | None:
        s = self.seconds
        return self.blocks / s if s else None


def measure(form: str, centers: int, repeat: int, timeout: float) -> Cell:
    if not form_available(form):
        missing = [m for m in FORM_MODULES[form] if importlib.util.find_spec(m) is None]
        return Cell(form, centers, (), f"not available ({', '.join(missing)} does not exist)")
    raw = generate.folder(form, centers)
    if not raw.is_dir():
        return Cell(form, centers, (), f"not generated ({form} only up to {generate.MAX_CENTERS[form]:,} centers)")
    runs = []
    for _ in range(repeat):
        outcome = extract_once(raw, timeout)
        runs.append(outcome)
        if not outcome.ok:
            break  # a failure or a timeout would only repeat
    return Cell(form, centers, tuple(runs))


def _num(value: float | None, fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def table(cells: list[Cell]) -> list[str]:
    head = (f"{'form':<5} {'centers':>8} {'blocks':>8} {'wall s':>9} {'CPU s':>9} {'blocks/s':>9} "
            f"{'peak RSS MB':>11}  note")
    lines = [head, "-" * len(head)]
    for c in cells:
        if not c.runs:
            lines.append(f"{c.form:<5} {c.centers:>8,} {'':>8} {'-':>9} {'-':>9} {'-':>9} {'-':>11}  {c.note}")
            continue
        note = ""
        failed = [r for r in c.runs if not r.ok]
        if failed:
            note = f"FAILED: {failed[0].error}"
        elif c.blocks != c.centers or any(r.report["matched"] != c.centers for r in c.good):
            note = f"expected {c.centers:,} blocks all matched; got {c.blocks:,} blocks, " \
                   f"{c.good[0].report['matched']:,} matched"
        lines.append(f"{c.form:<5} {c.centers:>8,} {c.blocks:>8,} {_num(c.seconds, '.2f'):>9} "
                     f"{_num(c.cpu, '.2f'):>9} {_num(c.blocks_per_second, ',.0f'):>9} "
                     f"{_num(c.peak_mb, ',.0f'):>11}  {note}".rstrip())
    return lines


def verdict(ok: bool | None) -> str:
    return "n/a " if ok is None else "PASS" if ok else "FAIL"


def targets(cells: list[Cell]) -> tuple[list[str], list[str]]:
    """Lines of the target check, and the misses alone."""
    by = {(c.form, c.centers): c for c in cells}
    lines, misses = [], []

    def judge(what: str, ok: bool | None, detail: str) -> None:
        lines.append(f"  {verdict(ok)}  {what}: {detail}")
        if ok is False:
            misses.append(f"{what}: {detail}")

    small, large = (by.get(("text", n)) for n in GROWTH_SIZES)
    growth = f"text form {GROWTH_SIZES[0]:,} -> {GROWTH_SIZES[1]:,} centers"
    if small and large and small.cpu and large.cpu:
        ratio = large.cpu / small.cpu
        judge(f"{growth}: CPU time <= {TARGET_GROWTH:g}x", ratio <= TARGET_GROWTH,
              f"{small.cpu:.2f} s -> {large.cpu:.2f} s = {ratio:.1f}x (wall time: {small.seconds:.2f} s -> "
              f"{large.seconds:.2f} s = {large.seconds / small.seconds:.1f}x)")
        ratio = large.peak_mb / small.peak_mb
        judge(f"{growth}: peak memory <= {TARGET_MEMORY_GROWTH:g}x", ratio <= TARGET_MEMORY_GROWTH,
              f"{small.peak_mb:,.0f} MB -> {large.peak_mb:,.0f} MB = {ratio:.1f}x")
    elif large and large.runs and not large.good:
        judge(f"{growth}: CPU time <= {TARGET_GROWTH:g}x", False,
              f"the {GROWTH_SIZES[1]:,} run did not finish ({large.runs[-1].error})")
    else:
        judge(f"{growth}: time and memory growth", None, "needs both sizes (--sizes 10000 100000)")
    # Memory is judged on the text form only: the 100,000-center HTML target is withdrawn
    # (the HTML reader refuses a page over 5 MB; the real pages are 7 to 27 KB).
    at_large = [c for c in cells if c.centers == GROWTH_SIZES[1] and c.runs and c.form == "text"]
    for c in at_large:
        judge(f"{c.form} form peak memory < {TARGET_PEAK_MB:,.0f} MB at {c.centers:,} centers",
              c.peak_mb < TARGET_PEAK_MB if c.good else False,
              f"{c.peak_mb:,.0f} MB" + ("" if c.good else f" when it stopped ({c.runs[-1].error})"))
    if not at_large:
        judge(f"peak memory < {TARGET_PEAK_MB:,.0f} MB at {GROWTH_SIZES[1]:,} centers", None,
              f"no run at {GROWTH_SIZES[1]:,} centers")
    # Every value of a synthetic listing is its own center's: one the reader lost (VALUE_UNACCOUNTED)
    # or moved (VALUE_FITS_NEIGHBOR, VALUE_PUBLISHED_TWICE) is a misreading, counted as a miss.
    for c in cells:
        if c.good:
            found = c.good[0].report["findings"]
            lost = sum(found.get(code, 0) for code in LOST_CODES)
            moved = sum(found.get(code, 0) for code in MOVED_CODES)
            judge(f"{c.form} form at {c.centers:,} centers: no value lost or moved", lost + moved == 0,
                  f"{lost:,} lost, {moved:,} moved")
            # Every center of a synthetic listing is one block matched to its list entry: a block read
            # into its neighbor (lost) or a block the list does not name (a center cut in two) is a miss.
            report = c.good[0].report
            lost_blocks = c.centers - report["matched"]
            extra_blocks = report["blocks"] - report["matched"]
            judge(f"{c.form} form at {c.centers:,} centers: no block lost or moved",
                  lost_blocks == 0 and extra_blocks == 0,
                  f"{report['blocks']:,} blocks, {report['matched']:,} matched to the {c.centers:,} list "
                  f"entries ({lost_blocks:,} lost, {extra_blocks:,} unmatched)")
    return lines, misses


# ---- start-up: the real sources against the bare imports -----------------------

def _imported_modules(args: list[str], timeout: float) -> set[str]:
    proc = subprocess.run([sys.executable, "-X", "importtime", *args], cwd=ROOT, timeout=timeout,
                          capture_output=True, text=True)
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            name = line.rsplit("|", 1)[1].strip()
            if name and name != "imported package":
                names.add(name)
    return names


def _installed(top: str) -> bool:
    spec = importlib.util.find_spec(top)
    return bool(spec and spec.origin and "site-packages" in spec.origin)


def third_party_imports(timeout: float) -> list[str]:
    """Modules a run of `pipeline extract` imports that are neither the
    standard library, the pipeline, nor what a bare interpreter loads
    (submodules and data modules included, so both sides load the same code)."""
    with tempfile.TemporaryDirectory() as tmp:
        used = _imported_modules(["-m", "pipeline", "extract", "--out", str(Path(tmp) / "out")], timeout)
    bare = _imported_modules(["-c", "pass"], timeout)
    tops = {name.split(".")[0] for name in used - bare}
    installed = {top for top in tops if top not in sys.stdlib_module_names and top != "pipeline" and _installed(top)}
    return sorted(name for name in used - bare if name.split(".")[0] in installed)


def startup(repeat: int, timeout: float) -> tuple[list[str], list[str]]:
    modules = third_party_imports(timeout)
    tops = sorted({m.split(".")[0] for m in modules})
    imports = "import " + ", ".join(modules) if modules else "pass"
    # The gazetteer's ZIP table is loaded by its first query, not by its import;
    # that load is the library's start-up, as an import is, so the floor has it.
    loads = "zipcodes" in tops
    if loads:
        imports += "; zipcodes.is_real('04330')"
    extract_walls, import_walls = [], []
    failure = ""
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            o = run_child(["-m", "pipeline", "extract", "--out", str(Path(tmp) / f"out{i}")], timeout)
            if not o.ok:
                failure = o.error
                break
            extract_walls.append(o.wall)
            import_walls.append(run_child(["-c", imports], timeout).wall)
    lines = ["", f"Start-up: `python -m pipeline extract` on raw/ against `python -c \"import …\"` "
                 f"({len(modules)} modules of {', '.join(tops) or 'no third-party package'}"
                 f"{', and the ZIP table of zipcodes loaded' if loads else ''}), "
                 f"median of {repeat} runs each"]
    if failure:
        lines.append(f"  pipeline extract failed: {failure}")
        return lines, [f"start-up: pipeline extract failed ({failure})"]
    extract_s, import_s = statistics.median(extract_walls), statistics.median(import_walls)
    ratio = extract_s / import_s
    lines += [f"  pipeline extract: {extract_s:.3f} s   imports alone: {import_s:.3f} s   ratio {ratio:.2f}",
              f"  {verdict(ratio <= TARGET_STARTUP_RATIO)}  start-up ratio <= {TARGET_STARTUP_RATIO}: {ratio:.2f}"]
    misses = [] if ratio <= TARGET_STARTUP_RATIO else [
        f"start-up ratio <= {TARGET_STARTUP_RATIO}: {extract_s:.3f} s / {import_s:.3f} s = {ratio:.2f}"]
    return lines, misses


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=list(generate.SIZES), help="numbers of centers")
    p.add_argument("--forms", nargs="+", choices=generate.FORMS, default=list(generate.FORMS))
    p.add_argument("--repeat", type=int, default=3,
                   help="runs per measurement, median reported (default 3; sizes above 10,000 are run "
                        "once; the start-up comparison takes at least 5)")
    p.add_argument("--timeout", type=float, default=1800.0, help="seconds before one run is stopped")
    p.add_argument("--no-startup", action="store_true", help="skip the start-up comparison")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print("Data (bench/generate.py, in a process of its own):", flush=True)
    done = subprocess.run([sys.executable, str(HERE / "generate.py"), "--sizes", *map(str, args.sizes),
                           "--forms", *args.forms], cwd=ROOT, capture_output=True, text=True)
    for line in (done.stdout + done.stderr).splitlines():
        print(f"  {line}")
    cells = []
    load_start = os.getloadavg()
    for centers in sorted(args.sizes):
        for form in args.forms:
            repeat = args.repeat if centers <= 10_000 else 1
            cell = measure(form, centers, repeat, args.timeout)
            cells.append(cell)
            print(f"  measured {form} {centers:,}: " + (
                f"{_num(cell.seconds, '.2f')} s wall, {_num(cell.cpu, '.2f')} s CPU, {_num(cell.peak_mb, ',.0f')} MB"
                if cell.good else cell.runs[-1].error if cell.runs else cell.note), flush=True)
    print()
    print("Load average (1, 5, 15 min) at the start: {:.1f} {:.1f} {:.1f}; at the end: {:.1f} {:.1f} {:.1f} "
          "(this machine has {} cores)".format(*load_start, *os.getloadavg(), os.cpu_count()))
    print("The whole command, `python -m pipeline extract --raw RAW --out OUT`, one fresh process per run "
          "(start-up, imports,\nevery stage, every output written). wall s: its wall time (blocks/s is blocks / "
          "wall s); CPU s: its own CPU time\n(far below wall s means the machine was busy); peak RSS MB: its own "
          "high-water mark.")
    for line in table(cells):
        print(line)
    print()
    print("Targets:")
    lines, misses = targets(cells)
    for line in lines:
        print(line)
    if not args.no_startup:
        lines, more = startup(max(args.repeat, 5), args.timeout)
        misses += more
        for line in lines:
            print(line)
    print()
    if misses:
        print(f"MISSED {len(misses)} target(s):")
        for miss in misses:
            print(f"  - {miss}")
    else:
        print("All targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
