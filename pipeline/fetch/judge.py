"""Judge: why a download must not become a snapshot ("" when it may).

`judge_document` is the judge of a page of centers; `JUDGES` names the judge
of each kind of input fetch refreshes (a judge of the .gov registry can join
it). Every judge keeps to the address's deadline, and every pattern here that
sees downloaded text runs in linear time.
"""
from __future__ import annotations

import functools
import math
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

from pipeline.errors import PipelineError
from pipeline.extract import MIN_YIELD_SHARE, extract_document
from pipeline.extract.walls import bot_wall_marker
from pipeline.fetch.transport import Download
from pipeline.sources import Manifest, Role, Status, sha256_of


@dataclass(frozen=True)
class Previous:
    """The last good snapshot of an address and how many centers it held for
    it (None when that cannot be told)."""

    file: str
    centers: int | None


@dataclass(frozen=True)
class Verdict:
    """Why a download must not become a snapshot ("" when it may), and how
    many centers (list entries + contact blocks) it holds."""

    reason: str
    centers: int = 0


def count_centers(extraction, url: str | None = None) -> int:
    """List entries plus contact blocks, all of them or those of one address."""
    items = list(extraction.list_entries) + list(extraction.blocks)
    return sum(1 for item in items if url is None or item.url == url)


@functools.lru_cache(maxsize=8)
def _extract(data: bytes, name: str, sha256: str, charset: str = ""):
    """`extract_document`, remembering the last files read: a capture of
    several pages is the previous snapshot of each of its addresses."""
    return extract_document(data, name, sha256, charset=charset)


def previous_snapshot(raw_dir: Path, manifest: Manifest, url: str) -> Previous | None:
    """The newest entry that is not rejected and names `url`, and its center count.

    A snapshot of one address records `centers`. An older capture of several
    pages has no count: its file is read again and only the centers of the page
    with this address are counted.
    """
    candidates = [(e.retrieved, i, e) for i, e in enumerate(manifest.entries)
                  if e.status != Status.REJECTED and url in e.addresses]
    if not candidates:
        return None
    entry = max(candidates, key=lambda c: c[:2])[2]
    if entry.centers is not None and len(entry.addresses) == 1:
        return Previous(entry.file, entry.centers)
    try:
        data = (raw_dir / entry.file).read_bytes()
    except OSError:
        return Previous(entry.file, None)
    if entry.sha256 != sha256_of(data):
        return Previous(entry.file, None)  # changed behind the manifest: not a good snapshot to compare with
    try:
        extraction = _extract(data, entry.file, entry.sha256, entry.charset)
    except PipelineError:
        return Previous(entry.file, None)
    if any(d.url == url for d in extraction.documents):
        return Previous(entry.file, count_centers(extraction, url))
    return Previous(entry.file, count_centers(extraction) if len(entry.addresses) == 1 else None)


def judge_transfer(got: Download, redirect_hosts: Iterable[str] = ()) -> str:
    """What every judge refuses first: a failed transfer, a redirect to a host
    the manifest does not allow, an empty body."""
    if got.problem:
        return got.problem
    asked, answered = urlsplit(got.url).hostname or "", urlsplit(got.final_url or got.url).hostname or ""
    if answered != asked and answered not in redirect_hosts:
        return (f"was redirected to another host, {answered} ({got.final_url}); add the host to the "
                f"manifest's redirect_hosts if it may supply this page")
    if not got.data.strip():
        return f"answered HTTP {got.http_status} with an empty body"
    return ""


class _Late(BaseException):
    """The deadline passed while judging (a BaseException, as KeyboardInterrupt
    is, so that no reader's own `except Exception` takes it for a fault)."""


@contextmanager
def _by(deadline: float) -> Iterator[None]:
    """Raise `_Late` in the block when `deadline` (time.monotonic()) passes.

    A reader cannot be asked to stop, and the standard library's HTML parser
    takes quadratic time on some broken pages; the kernel's timer (SIGALRM)
    interrupts it between two of its steps. Only the main thread receives
    signals: elsewhere the block runs to its end.
    """
    left = deadline - time.monotonic()
    if left <= 0:
        raise _Late
    if math.isinf(deadline) or threading.current_thread() is not threading.main_thread():
        yield
        return

    def ring(signum, frame):
        """The timer's signal: the deadline has passed."""
        raise _Late

    previous = signal.signal(signal.SIGALRM, ring)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, left)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # a timer of the caller's: let it run on
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001))


def judge_document(got: Download, name: str, previous: Previous | None, redirect_hosts: Iterable[str] = (),
                   timeout: float = 0.0) -> Verdict:
    """A page of centers: readable by the extractor, no bot wall, and holding
    at least `MIN_YIELD_SHARE` of the centers of the last good snapshot; all
    judged by the download's deadline (`timeout` is how long that was)."""
    reason = judge_transfer(got, redirect_hosts)
    if reason:
        return Verdict(reason)
    try:
        with _by(got.deadline):
            marker = bot_wall_marker(got.data)
            if marker:
                return Verdict(f"looks like a captcha or bot wall (the page says {marker!r})")
            extraction = _extract(got.data, name, sha256_of(got.data), got.charset)
    except _Late:
        return Verdict(f"timed out (not downloaded and judged within {timeout:g} s)")
    except PipelineError as exc:
        return Verdict(f"could not be read by the extractor: {exc.message}")
    except Exception as exc:  # a fault in an extractor must not let an unread page into raw/
        return Verdict(f"made the extractor fail ({exc.__class__.__name__}: {exc})")
    centers = count_centers(extraction)
    if previous is not None and previous.centers and centers < MIN_YIELD_SHARE * previous.centers:
        return Verdict(f"yields {centers} centers (list entries + contact blocks), fewer than "
                       f"{MIN_YIELD_SHARE:.0%} of the {previous.centers} in the last good snapshot "
                       f"{previous.file}", centers)
    return Verdict("", centers)


Judge = Callable[..., Verdict]
# The judge of each kind of input that fetch refreshes.
JUDGES: Mapping[Role, Judge] = MappingProxyType({Role.DOCUMENT: judge_document})
