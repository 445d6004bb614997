"""Command line: `python -m pipeline {extract,check,fetch,verify,diff} …`.

Exit codes: 0 done; 1 `check --strict` found open errors (or `fetch` kept a
download aside, or `diff` found changes with --exit-code); 2 bad usage;
3 a source could not be read (the message names file and line); 69 `verify`
found no network (its resolver did not answer); 70 a bug;
130 interrupted (the message says what the out folder holds). A reader that
closes standard output early (`| head -1`) changes nothing: the command ends
quietly with its own code.

Every subcommand's options are declared here; each command's work is in its
module (`build`, `diff`, `fetch`), imported when the command runs. Every line
printed goes through `say`, which makes control characters visible.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

from pipeline import PROJECT_ROOT, __version__
from pipeline.errors import PipelineError
from pipeline.fetch import DEFAULTS as FETCH, Settings
from pipeline.files import write_file
from pipeline.register import REGISTER_FILE, propose, register_csv
from pipeline.sources import EARLIEST_RETRIEVAL, Entry, Role, load_manifest, save_manifest, sha256_of
from pipeline.text import iso_date

# Each command's module is imported when the command runs: `--help`, `fetch`
# and `diff` never need a build. What each import costs a start-up, measured
# with `python -X importtime -c "import pipeline.cli; import MODULE"` (its
# cumulative time beyond the CLI's own, best of three, on this project's two
# cores at load 15; about a third of that at rest): pipeline.build 1.45 s,
# pipeline.verify.run 0.35 s, pipeline.verify.domains 0.23 s (dnspython),
# pipeline.fetch.run 0.13 s (urllib3), pipeline.diff 78 ms, pipeline.export.report
# 62 ms (jinja2), pipeline.release 80 ms (it reads diff).

EXIT_FINDINGS, EXIT_USAGE, EXIT_INPUT, EXIT_BUG, EXIT_INTERRUPTED = 1, 2, 3, 70, 130
EXIT_NO_NETWORK = 69  # sysexits.h EX_UNAVAILABLE
# Settings of `verify` (verify.Settings has the same defaults).
VERIFY_TIMEOUT, VERIFY_RUN_TIMEOUT = 10.0, 300.0
CONTACT_ENV = "FUSION_CENTERS_CONTACT"
REJECTED_DEFAULT = "fetch-rejected"

# C0 and C1 controls (but line feed and tab) and the bidirectional overrides:
# from a source they could clear the screen, retitle the window or reorder text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    r"""`text` with every control character shown as its escape.

    >>> visible("Evil\x1b[2J name\u202e")
    'Evil\\x1b[2J name\\u202e'
    """
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def one_line(text: object) -> str:
    """`text` (a path, a message) on one line: its line breaks shown as escapes."""
    return str(text).replace("\r", "\\r").replace("\n", "\\n")


def _stream_gone(stream) -> None:
    """The reader of `stream` has gone (`| head -1`): what is left goes nowhere
    (as the Python documentation advises for SIGPIPE), and the command goes on
    to its own exit code."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # not a real file (a test's capture): nothing to redirect
        pass


def say(text: str = "", *, err: bool = False, end: str = "\n") -> None:
    """Print to the terminal (stderr with `err`), control characters made visible."""
    stream = sys.stderr if err else sys.stdout
    try:
        print(visible(text), end=end, file=stream)
    except BrokenPipeError:
        _stream_gone(stream)


def flush() -> None:
    """Write out what is buffered for the terminal; a reader that has gone is no error."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            _stream_gone(stream)


# --- options -------------------------------------------------------------------

def _date(text: str) -> date:
    """An argument type: an ISO date no earlier than the first fusion center list could be read."""
    day = iso_date(text)
    if day is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date of the form YYYY-MM-DD")
    if day < EARLIEST_RETRIEVAL:
        raise argparse.ArgumentTypeError(f"{text!r} is before any list of fusion centers was published "
                                         f"({EARLIEST_RETRIEVAL.isoformat()})")
    return day


def _number(kind: type, allow_zero: bool = False):
    """An argument type: a number of `kind`, more than 0 (or 0 and more)."""
    def parse(text: str):
        """`text` as a number of `kind`; an ArgumentTypeError, which argparse shows as
        a usage error, when it is not a number or is out of range."""
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value < 0 or (value == 0 and not allow_zero):
            raise argparse.ArgumentTypeError(f"{text!r} must be {'0 or more' if allow_zero else 'more than 0'}")
        return value
    return parse


def _add_build_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--raw", type=Path, default=Path("raw"), metavar="DIR",
                   help="folder of source documents (default: raw/)")
    p.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="date that source ages are measured against "
                        "(default: the latest retrieval date in the raw manifest)")


class _Version(argparse.Action):
    """--version: the pipeline's version, and the data version of the build in
    out/ (of the working folder, else of the project), read when asked."""

    def __init__(self, option_strings, dest, help=None):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from pipeline.release import build_version, version_text  # 80 ms: see the imports above
        out = Path("out") if build_version(Path("out")) else PROJECT_ROOT / "out"
        say(version_text(out))
        parser.exit()


def parser() -> argparse.ArgumentParser:
    """The parser of every subcommand."""
    p = argparse.ArgumentParser(prog="python -m pipeline",
                                description="Build and check the dataset of U.S. fusion centers from DHS pages.")
    p.add_argument("--version", action=_Version, help="print the pipeline's version and the data version and "
                                                       "as-of date of the build in out/, then exit")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ex = sub.add_parser("extract", help="rebuild out/ from the source documents",
                        description="Read every source document in the raw folder, normalize, check, and "
                                    "write the dataset and reports to the out folder, replacing it only when "
                                    "every file is complete. The out folder must be new, empty or an earlier "
                                    "build; a second build into it fails while the first runs.")
    _add_build_options(ex)
    ex.add_argument("--out", type=Path, default=Path("out"), metavar="DIR", help="output folder (default: out/)")

    ck = sub.add_parser("check", help="print the data-quality summary",
                        description="Run the pipeline on the raw folder without writing, and print the "
                                    "summary of findings.")
    _add_build_options(ck)
    ck.add_argument("--strict", action="store_true", help="exit 1 when any finding of severity error is open")

    df = sub.add_parser(
        "diff", help="show the centers added, removed and changed between two builds",
        description="Compare the fusion_centers.csv of two builds by id. A build is an out folder, the CSV "
                    "itself, or git:REV (the out/fusion_centers.csv committed at REV, e.g. git:HEAD). "
                    "Changes of the provenance columns (source_line and the like) are counted but only "
                    "listed with --provenance, and do not count for --exit-code.")
    df.add_argument("old", metavar="OLD", help="the earlier build: a folder, a CSV file or git:REV")
    df.add_argument("new", metavar="NEW", help="the later build: a folder, a CSV file or git:REV")
    df.add_argument("--exit-code", action="store_true", help="exit 1 when the data changed")
    df.add_argument("--provenance", action="store_true", help="list the changes of provenance columns too")
    df.add_argument("--markdown", action="store_true", help="print the changes as Markdown (as in CHANGELOG.md)")

    ids = sub.add_parser(
        "ids", help="propose the id register raw/register/ids.csv from a build of the raw folder",
        description="Build the raw folder (nothing is written to out/) and write the id register it proposes: "
                    "each center's id with the names it has had, its state and contact values, first and last "
                    "seen; centers gone from the sources marked withdrawn; reviewers' crosswalk ids kept. The "
                    "manifest entry is updated with it. Review git diff raw/ and commit it: the build only reads it.")
    _add_build_options(ids)
    ids.add_argument("--link", action="append", default=[], metavar="NEW=OLD",
                     help="a new center (id NEW) is the register's OLD under a new name: it keeps OLD (repeatable)")
    fe = sub.add_parser(
        "fetch", help="download fresh snapshots of the source addresses into raw/",
        description="Download every address named in the raw manifest into a new snapshot file under "
                    "<raw>/snapshots/<date>/ and list it in the manifest. A download that fails (an HTTP "
                    "error, a timeout, an empty, truncated or oversized body, a redirect to a host the "
                    "manifest does not allow, a captcha or bot wall, a page the extractor cannot read, or "
                    "one with far fewer centers than the last good snapshot) is kept aside in the rejected "
                    "folder with a note of why, and raw/ is left as it was for that address. Only http and "
                    "https addresses are fetched. Exits 1 when any download was rejected.")
    fe.add_argument("--raw", type=Path, default=Path("raw"), metavar="DIR",
                    help="folder of source documents and its manifest.json (default: raw/)")
    fe.add_argument("--rejected", type=Path, default=None, metavar="DIR",
                    help=f"where rejected downloads are kept, outside the raw folder "
                         f"(default: {REJECTED_DEFAULT}/ next to the raw folder)")
    fe.add_argument("--date", type=_date, default=None, metavar="YYYY-MM-DD",
                    help="retrieval date recorded for the snapshots (default: today)")
    fe.add_argument("--timeout", type=_number(float), default=FETCH.timeout, metavar="SECONDS",
                    help="the longest one address may take, from connecting to its last byte and through "
                         f"judging what came, retries and their waits included (default: {FETCH.timeout:g})")
    fe.add_argument("--retries", type=_number(int, allow_zero=True), default=FETCH.retries, metavar="N",
                    help="retries after a timeout, a connection error or a 5xx answer "
                         f"(default: {FETCH.retries})")
    fe.add_argument("--backoff", type=_number(float, allow_zero=True), default=FETCH.backoff, metavar="SECONDS",
                    help=f"urllib3's backoff factor: no wait before the first retry, then 2, 4, 8, ... times this "
                         f"(default: {FETCH.backoff:g})")
    fe.add_argument("--max-bytes", type=_number(int), default=FETCH.max_bytes, metavar="N",
                    help=f"reject a download larger than this (default: {FETCH.max_bytes}, 20 MB)")

    ve = sub.add_parser(
        "verify", help="check the published websites and email domains against the world",
        description="Ask each published website for its headers (HEAD, or GET where HEAD is refused; no page "
                    "content is read), following at most 5 redirects, and ask DNS about each email domain "
                    "(MX, an address, a null MX, or no such name; no mail server is contacted). The run is "
                    "kept as a dated source in <raw>/verification/, one check a line, which the next build "
                    "reads offline. Before anything else the resolver is asked for the root's NS: without an "
                    f"answer verify stops at once with 'no network' (exit {EXIT_NO_NETWORK}) and the raw folder "
                    "is left as it was.")
    ve.add_argument("--raw", type=Path, default=Path("raw"), metavar="DIR",
                    help="folder of source documents; the run is written to DIR/verification/ (default: raw/)")
    ve.add_argument("--timeout", type=_number(float), default=VERIFY_TIMEOUT, metavar="SECONDS",
                    help="the longest one request may take: a DNS question, or one HTTP hop from connecting "
                         f"to its last header (default: {VERIFY_TIMEOUT:g})")
    ve.add_argument("--run-timeout", type=_number(float), default=VERIFY_RUN_TIMEOUT, metavar="SECONDS",
                    help="the longest the whole run may take; checks not made by then are recorded as not "
                         f"made (default: {VERIFY_RUN_TIMEOUT:g})")
    ve.add_argument("--contact", default=os.environ.get(CONTACT_ENV, ""), type=_contact, metavar="EMAIL",
                    help=f"an address the sites' operators can write to, sent in the User-Agent "
                         f"(default: ${CONTACT_ENV}, else none)")
    ve.add_argument("--nameserver", type=_server, default=None, metavar="ADDR:PORT",
                    help="send every DNS question to this server (default: the system's resolver)")
    ve.add_argument("--connect-to", type=_connect_to, action="append", default=[], metavar="HOST:PORT:ADDR:PORT",
                    help="connect to ADDR:PORT for requests to HOST:PORT, as curl's option of that name "
                         "(repeatable)")
    ve.add_argument("--ca-bundle", type=_readable_file, default=None, metavar="FILE",
                    help="trust the certificate authorities in this PEM file besides the system's")
    return p


def _contact(text: str) -> str:
    """An argument type: a contact address fit for an HTTP header (no control characters)."""
    text = text.strip()
    if text and (not text.isprintable() or not text.isascii() or " " in text or len(text) > 200):
        raise argparse.ArgumentTypeError(f"{text!r} is not an address that can be sent in a header")
    return text


def _server(text: str) -> tuple[str, int]:
    """An argument type: ADDR:PORT of a DNS server."""
    from pipeline.verify.domains import parse_server  # 0.23 s: see the imports above
    try:
        return parse_server(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not ADDR:PORT (an IP address and a port)") from None


def _connect_to(text: str) -> tuple[str, int, str, int]:
    """An argument type: curl's HOST:PORT:ADDR:PORT."""
    from pipeline.verify.run import parse_connect_to  # 0.35 s: see the imports above
    try:
        return parse_connect_to(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _readable_file(text: str) -> str:
    """An argument type: a file that can be read."""
    if not os.path.isfile(text) or not os.access(text, os.R_OK):
        raise argparse.ArgumentTypeError(f"{text!r} is not a file that can be read")
    return text


# --- commands ------------------------------------------------------------------

def _identity(folder: Path) -> tuple[int, int] | None:
    """Which folder is at `folder` now (a swap puts another one there)."""
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def cmd_extract(args: argparse.Namespace) -> int:
    """Rebuild the out folder; on an interrupt, say what it holds."""
    from pipeline.build import build  # 1.45 s: see the imports above
    before = _identity(args.out)
    try:
        b = build(args.raw, args.out, args.as_of)
        say(f"Wrote {one_line(args.out)}/: {len(b.dataset.centers)} centers, {len(b.findings)} findings "
            f"({sum(1 for f in b.findings if f.status == 'open')} open).")
        flush()
    except KeyboardInterrupt:  # say what is true of out/, read from the disk
        now = _identity(args.out)
        state = ("is unchanged" if now == before else
                 "was replaced by the new build" if now is not None else "was not written")
        say(f"interrupted; {one_line(args.out)} {state}.", err=True)
        return EXIT_INTERRUPTED
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
    """Print the data-quality summary; with --strict, fail on open errors."""
    from pipeline.build import run  # 1.45 s: see the imports above
    from pipeline.export.report import summarize  # 62 ms
    b = run(args.raw, args.as_of)
    s = summarize(b.dataset, b.findings)
    say(f"Centers: {s.centers} ({', '.join(f'{n} {d}' for d, n in s.by_designation.items())})")
    say(f"Open findings: {sum(s.open_by_severity.values())} "
        f"({', '.join(f'{n} {sev}' for sev, n in s.open_by_severity.items())}); "
        f"fixed: {s.fixed}; waived: {s.waived}")
    for code, sev, n_open, n in s.by_code:
        say(f"  {sev:<8} {code:<28} {n_open:>3} open of {n}")
    problems = [f for f in b.findings if f.status == "open" and f.severity in ("error", "warning")]
    if problems:
        say("Open errors and warnings:")
        for f in problems:
            say(problem_line(f))
    if args.strict and s.open_by_severity.get("error", 0):
        say(f"check --strict: {s.open_by_severity['error']} open error finding(s).", err=True)
        return EXIT_FINDINGS
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """Print the changes between two builds."""
    from pipeline.diff import changelog_markdown, diff_builds, format_changes  # 78 ms: see the imports above
    changes = diff_builds(args.old, args.new)
    if args.markdown:
        say(changelog_markdown(changes, args.old, args.new, provenance=args.provenance), end="")
    else:
        say(format_changes(changes, provenance=args.provenance), end="")
    return EXIT_FINDINGS if args.exit_code and changes.has_changes else 0


def cmd_fetch(args: argparse.Namespace) -> int:
    """Refresh the raw folder from the web and print what each address gave."""
    from pipeline.fetch.run import fetch_sources  # 0.13 s (urllib3, ssl): see the imports above
    today = args.date or date.today()
    rejected_dir = args.rejected or Path(os.path.relpath(args.raw.resolve().parent / REJECTED_DEFAULT))
    settings = Settings(timeout=args.timeout, retries=args.retries, backoff=args.backoff,
                        max_bytes=args.max_bytes)
    run = fetch_sources(args.raw, rejected_dir, today, settings)
    for s in run.saved:
        say(f"{'unchanged' if s.unchanged else 'saved'}: {s.url} -> {args.raw / s.file} ({s.centers} {s.counted})")
    for name in run.superseded:
        say(f"superseded: {args.raw / name} (every address has a newer snapshot)")
    for r in run.rejected:
        say(f"rejected: {r.url} {r.reason}; kept aside in {r.kept if r.kept is not None else r.note}", err=True)
    say(f"fetch: {len(run.saved)} saved, {len(run.rejected)} rejected"
        + ("; raw/ is unchanged for the rejected addresses." if run.rejected else "."), err=bool(run.rejected))
    return EXIT_FINDINGS if run.rejected else 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Check the published contacts against the world and keep the run in raw/."""
    from pipeline.verify.domains import NoNetwork  # 0.23 s: see the imports above
    from pipeline.verify.run import Settings as VerifySettings, verify_raw  # 0.35 s
    settings = VerifySettings(timeout=args.timeout, run_timeout=args.run_timeout, nameserver=args.nameserver,
                        connect_to=tuple(args.connect_to), ca_bundle=args.ca_bundle, contact=args.contact)
    try:
        name, run = verify_raw(args.raw, settings, datetime.now(timezone.utc), __version__)
    except NoNetwork as exc:
        say(f"verify: no network: {exc}; nothing was checked and {str(args.raw).rstrip('/')}/ is unchanged.",
            err=True)
        return EXIT_NO_NETWORK
    for c in run.websites:
        if c.result != "ok":
            say(f"  {c.result:<16} {c.url}" + (f" -> {c.final_url}" if c.final_url and c.final_url != c.url else ""))
    for m in run.mail_domains:
        if m.result not in ("mx", "implicit-mx"):
            say(f"  {m.result:<16} {m.domain}")
    counts = lambda results: ", ".join(f"{n} {r}" for r, n in sorted(  # noqa: E731
        {r: results.count(r) for r in results}.items()))
    say(f"verify: {len(run.websites)} websites ({counts([c.result for c in run.websites]) or 'none'}), "
        f"{len(run.mail_domains)} mail domains ({counts([m.result for m in run.mail_domains]) or 'none'}); "
        f"kept in {args.raw / name}.")
    return 0


def cmd_ids(args: argparse.Namespace) -> int:
    """Write the id register the build of the raw folder proposes, and its manifest entry."""
    from pipeline.build import run  # 1.45 s: see the imports above
    links = {}
    for pair in args.link:
        new, sep, old = pair.partition("=")
        if not sep or not new or not old:
            raise PipelineError(f"--link {pair!r} is not NEW=OLD (two ids).")
        links[new] = old
    b = run(args.raw, args.as_of)
    as_of = (b.as_of or date.min).isoformat()
    data = register_csv(propose(b.dataset.centers, tuple(b.read.register), as_of, links))
    write_file(args.raw / REGISTER_FILE, data)
    manifest = load_manifest(args.raw)
    if manifest is not None:
        entry = next((e for e in manifest.entries if e.file == REGISTER_FILE), None)
        new = Entry(REGISTER_FILE, role=Role.REGISTER, sha256=sha256_of(data), title="Id register",
                    description="Ids that survive a rename: proposed by python -m pipeline ids, committed by a person.")
        entries = [(replace(e, sha256=new.sha256) if e is entry else e) for e in manifest.entries]
        save_manifest(replace(manifest, entries=tuple(entries if entry else [*entries, new])))
    say(f"Wrote {args.raw / REGISTER_FILE}: {len(b.dataset.centers)} centers on {as_of}. Review git diff "
        f"{args.raw}/ and commit it.")
    return 0


COMMANDS = {"extract": cmd_extract, "check": cmd_check, "diff": cmd_diff, "fetch": cmd_fetch,
            "verify": cmd_verify, "ids": cmd_ids}


def main(argv: list[str] | None = None) -> int:
    """Run one command; the exit code (see the module docstring)."""
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    try:
        code = COMMANDS[args.command](args)
        flush()
        return code
    except PipelineError as exc:
        stage = f"{exc.stage} stage failed: " if exc.stage else ""
        say(one_line(f"error: {stage}{exc}"), err=True)
        return EXIT_INPUT
    except OSError as exc:  # the disk, not the data: a file that cannot be read or written
        where = f"{exc.filename}: " if exc.filename else ""
        say(one_line(f"error: {where}{exc.strerror or exc}."), err=True)
        return EXIT_INPUT
    except KeyboardInterrupt:
        say("interrupted.", err=True)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug: say so plainly, without a traceback
        say(f"internal error ({exc.__class__.__name__}: {exc}). Please report it with the command "
            f"you ran; set PIPELINE_DEBUG=1 to see the traceback.", err=True)
        if os.environ.get("PIPELINE_DEBUG"):
            raise
        return EXIT_BUG
