"""Command line: `python -m pipeline {extract,check,fetch,diff} …`.

Exit codes: 0 done; 1 `check --strict` found open errors (or `fetch` kept a
download aside, or `diff` found changes with --exit-code); 2 bad usage;
3 a source could not be read (the message names file and line); 70 a bug.
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from pipeline.errors import PipelineError

EXIT_FINDINGS, EXIT_USAGE, EXIT_INPUT, EXIT_BUG = 1, 2, 3, 70


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date of the form YYYY-MM-DD") from None


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--raw", type=Path, default=Path("raw"), metavar="DIR",
                   help="folder of source documents (default: raw/)")
    p.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="date that source ages are measured against "
                        "(default: the latest retrieval date in the raw manifest)")


LAZY_COMMANDS = {"diff": "show the centers added, removed and changed between two builds",
                 "fetch": "download fresh snapshots of the source addresses into raw/"}


def parser(full: bool = True) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m pipeline",
                                description="Build and check the dataset of U.S. fusion centers from DHS pages.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ex = sub.add_parser("extract", help="rebuild out/ from the source documents",
                        description="Read every source document in the raw folder, normalize, check, and "
                                    "write the dataset and reports to the out folder, replacing it only when "
                                    "every file is complete.")
    _add_common(ex)
    ex.add_argument("--out", type=Path, default=Path("out"), metavar="DIR", help="output folder (default: out/)")
    ck = sub.add_parser("check", help="print the data-quality summary",
                        description="Run the pipeline on the raw folder without writing, and print the "
                                    "summary of findings.")
    _add_common(ck)
    ck.add_argument("--strict", action="store_true", help="exit 1 when any finding of severity error is open")
    if full:
        from pipeline.diff import add_parser as add_diff_parser
        from pipeline.fetch import add_parser as add_fetch_parser
        add_diff_parser(sub)
        add_fetch_parser(sub)
    else:  # keep `extract` and `check` from importing the HTTP and git code
        for name, text in LAZY_COMMANDS.items():
            sub.add_parser(name, help=text)
    return p


def cmd_extract(args: argparse.Namespace) -> int:
    from pipeline.build import build
    b = build(args.raw, args.out, args.as_of)
    print(f"Wrote {args.out}/: {len(b.dataset.centers)} centers, {len(b.findings)} findings "
          f"({sum(1 for f in b.findings if f.status == 'open')} open).")
    return 0


def problem_line(f) -> str:
    """One open finding for the terminal: severity, code, center, field, the
    value (repr: control characters made visible), and where its evidence is."""
    where = ", ".join(part for part in (f.source, f"page {f.page}" if getattr(f, "page", None) else "",
                                        f"line {f.line}" if f.line else "") if part)
    evidence = getattr(f, "evidence", "")
    return (f"  {f.severity:<8} {f.code} {f.center_id or '(sources)'} {f.field} {f.value!r}"
            + (f" at {where}" if where else "") + (f": {evidence!r}" if evidence else ""))


def cmd_check(args: argparse.Namespace) -> int:
    from pipeline.build import run
    from pipeline.export.report import summarize
    b = run(args.raw, args.as_of)
    s = summarize(b.dataset, b.findings)
    print(f"Centers: {s.centers} ({', '.join(f'{n} {d}' for d, n in s.by_designation.items())})")
    print(f"Open findings: {sum(s.open_by_severity.values())} "
          f"({', '.join(f'{n} {sev}' for sev, n in s.open_by_severity.items())}); "
          f"fixed: {s.fixed}; waived: {s.waived}")
    for code, sev, n_open, n in s.by_code:
        print(f"  {sev:<8} {code:<28} {n_open:>3} open of {n}")
    problems = [f for f in b.findings if f.status == "open" and f.severity in ("error", "warning")]
    if problems:
        print("Open errors and warnings:")
        for f in problems:
            print(problem_line(f))
    if args.strict and s.open_by_severity.get("error", 0):
        print(f"check --strict: {s.open_by_severity['error']} open error finding(s).", file=sys.stderr)
        return EXIT_FINDINGS
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from pipeline.diff import cmd_diff as run_diff
    return run_diff(args)


def cmd_fetch(args: argparse.Namespace) -> int:
    from pipeline.fetch import cmd_fetch as run_fetch
    return run_fetch(args)


COMMANDS = {"extract": cmd_extract, "check": cmd_check, "diff": cmd_diff, "fetch": cmd_fetch}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parser(full=not argv or argv[0] not in ("extract", "check")).parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except PipelineError as exc:
        stage = f"{exc.stage} stage failed: " if exc.stage else ""
        print(f"error: {stage}{exc}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:  # the disk, not the data: a file that cannot be read or written
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}; out/ is unchanged.", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted; out/ is unchanged.", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so plainly, without a traceback
        print(f"internal error ({exc.__class__.__name__}: {exc}). Please report it with the command "
              f"you ran; set PIPELINE_DEBUG=1 to see the traceback.", file=sys.stderr)
        if os.environ.get("PIPELINE_DEBUG"):
            raise
        return EXIT_BUG
