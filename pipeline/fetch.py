"""Fetch: refresh the raw folder from the web, one new snapshot per address.

`fetch_sources(raw_dir, rejected_dir, today, settings)` takes each address of
the raw manifest through three steps, under the raw folder's lock:
`download` (urllib3; its `Retry` decides retries and backoff, within one
deadline per address, enforced while the body is read), `judge` (why the download must
not become a snapshot, "" when it may), and `save` (the good snapshots and the
manifest that lists them, all or none; `keep_aside` puts a rejected download
and a note of why in the rejected folder, outside raw/).
"""
from __future__ import annotations

import functools
import hashlib
import http
import json
import re
import time
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError, MaxRetryError, NewConnectionError, TimeoutError as UrllibTimeout
from urllib3.util.retry import Retry

from pipeline.errors import PipelineError
from pipeline.export import locked, write_file
from pipeline.extract import sniff_form
from pipeline.sources import (
    MANIFEST, Entry, Manifest, Role, Status, extract_source, load_manifest, save_manifest, sha256_of,
)

USER_AGENT = "fusion-centers/0.1.0 (dataset pipeline of U.S. fusion centers; urllib3)"
SNAPSHOTS = "snapshots"
# A new snapshot must keep at least this share of the centers (list entries +
# contact blocks) of the last good snapshot of its address: a page that lost a
# fifth of its centers overnight is far more likely broken than true.
MIN_KEPT_SHARE = (4, 5)
_CHUNK = 64 * 1024
# Bot walls answer 200 with a challenge page, or refuse outright.
BOT_WALL_STATUSES = {403, 429}
_BOT_WALL = re.compile(
    r"captcha|are you a (?:robot|human)|are you human|access denied|verify (?:that )?you are (?:a )?human"
    r"|verify you are not a robot|unusual traffic|checking your browser|attention required"
    r"|pardon our interruption|request unsuccessful\. incapsula|ddos protection by",
    re.I)
# Only the visible text counts: a normal page may load a captcha script for a form.
_INVISIBLE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_CHARSET = re.compile(r";\s*charset\s*=\s*\"?([A-Za-z0-9._:-]+)", re.I)
_EXTENSIONS = {"text/html": "html", "application/xhtml+xml": "html", "application/pdf": "pdf",
               "text/plain": "txt"}
_FORM_EXTENSIONS = {"html": "html", "pdf": "pdf", "text": "txt"}


@dataclass(frozen=True)
class Settings:
    """How downloads are made (the `fetch` options of `pipeline.cli`).

    `timeout` is the deadline of the download of one address, from connecting
    to the last byte, retries included. `backoff` is urllib3's backoff factor:
    no wait before the first retry, then 2 x backoff, 4 x backoff, ...
    """

    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    max_bytes: int = 20_000_000
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Download:
    """What one address gave after retries. `problem` is "" when the transfer
    itself succeeded: a 2xx answer, complete and within the size limit."""

    url: str
    http_status: int | None
    content_type: str
    data: bytes  # decoded when the server sent it gzip- or deflate-encoded
    attempts: int
    problem: str = ""
    final_url: str = ""
    content_encoding: str = ""

    @property
    def charset(self) -> str:
        """The charset the Content-Type header gives, lower-cased ("" when none)."""
        m = _CHARSET.search(self.content_type)
        return m.group(1).lower() if m else ""


@dataclass(frozen=True)
class Previous:
    """The last good snapshot of an address and how many centers it held for
    it (None when that cannot be told)."""

    file: str
    centers: int | None


@dataclass(frozen=True)
class Saved:
    """An address whose download became (or already was) a snapshot."""

    url: str
    file: str  # relative to the raw folder
    centers: int  # centers read from a page; for the .gov registry, the domains it lists
    unchanged: bool  # the same bytes were already saved under this name
    counted: str = "centers"  # what `centers` counts


@dataclass(frozen=True)
class Rejected:
    """An address whose download was kept aside, and why."""

    url: str
    reason: str
    kept: Path | None  # the body kept aside, None when there was none
    note: Path


@dataclass(frozen=True)
class FetchRun:
    """What one fetch did, address by address."""

    saved: tuple[Saved, ...]
    rejected: tuple[Rejected, ...]
    superseded: tuple[str, ...]  # files of entries marked superseded by this run


class _Truncated(Exception):
    """The body ended before its announced length (worth another try)."""

    def __init__(self, message: str, partial: bytes) -> None:
        super().__init__(message)
        self.partial = partial


# --- 1. download ---------------------------------------------------------------

def _pool(url: str) -> urllib3.PoolManager:
    """A connection pool, through the proxy the environment names for this
    address (http_proxy, https_proxy, no_proxy), as urllib and browsers do."""
    proxy = urllib.request.getproxies().get(urlsplit(url).scheme)
    if proxy and not urllib.request.proxy_bypass(urlsplit(url).hostname or ""):
        return urllib3.ProxyManager(proxy)
    return urllib3.PoolManager()


def _read_body(response: urllib3.BaseHTTPResponse, deadline: float, max_bytes: int) -> tuple[bytes, str]:
    """The body (decoded) and a problem ("" when none), read by the deadline.

    Raises `_Truncated` for a body cut short, urllib3's TimeoutError when the
    deadline passes: each read may wait only for the time that is left.
    """
    declared = (response.headers.get("Content-Length") or "").strip()
    length = int(declared) if declared.isdigit() else None
    if length is not None and length > max_bytes:
        return b"", f"exceeds the size limit of {max_bytes} bytes ({length} bytes announced)"
    chunks: list[bytes] = []
    total = 0
    sock = getattr(response.connection, "sock", None)
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise UrllibTimeout("the deadline passed while the body was read")
        if sock is not None:
            sock.settimeout(remaining)
        try:
            chunk = response.read1(_CHUNK)
        except UrllibTimeout:
            raise
        except HTTPError:  # urllib3's IncompleteRead or ProtocolError: the connection closed early
            shown = f"{total} of the {length} bytes announced" if length is not None else f"{total} bytes"
            raise _Truncated(f"was truncated: received {shown}", b"".join(chunks)) from None
        if not chunk:
            return b"".join(chunks), ""
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            return (b"".join(chunks)[:max_bytes],
                    f"exceeds the size limit of {max_bytes} bytes (only the first {max_bytes} were read)")


def _final_url(url: str, redirects: Retry | None) -> str:
    """The address the redirects of one attempt led to from `url`."""
    for step in redirects.history if redirects is not None else ():
        if step.redirect_location:
            url = urljoin(url, step.redirect_location)
    return url


def _problem(error: BaseException, timeout: float) -> str:
    """A failed attempt's error as the end of a sentence about an address."""
    if isinstance(error, (UrllibTimeout, TimeoutError)) and not isinstance(error, NewConnectionError):
        return f"timed out (no complete answer within {timeout:g} s)"
    if isinstance(error, _Truncated):
        return str(error)
    cause = error.__cause__ or error.__context__
    shown = cause if isinstance(cause, OSError) else error  # urllib3's own message holds an object's repr
    return f"could not be reached ({shown.__class__.__name__}: {shown})"


def _status_problem(status: int) -> str:
    phrase = f" {http.HTTPStatus(status).phrase}" if status in set(http.HTTPStatus) else ""
    wall = ", the answer of a captcha or bot wall to automated clients" if status in BOT_WALL_STATUSES else ""
    return f"answered HTTP {status}{phrase}{wall}"


def download(url: str, settings: Settings) -> Download:
    """Fetch one address by its deadline (`settings.timeout` from now), which
    bounds connecting, waiting and reading, retries and their waits included.
    Each attempt is one request, redirects followed; urllib3's `Retry` decides
    whether a failed attempt (a connection error, a timeout, a body cut short,
    a 5xx answer) is tried again, and how long to wait before it."""
    policy = Retry(total=settings.retries, status_forcelist=range(500, 600), backoff_factor=settings.backoff,
                   respect_retry_after_header=False)
    one_attempt = Retry(total=None, connect=0, read=0, status=0, other=0, redirect=5, raise_on_redirect=False)
    headers = {"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate",
               "Accept": "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5"}
    pool = _pool(url)
    deadline = time.monotonic() + settings.timeout
    while True:
        attempts = 1 + len(policy.history)
        remaining = max(deadline - time.monotonic(), 0.001)
        got, error = None, None
        try:
            response = pool.request("GET", url, headers=headers, retries=one_attempt, preload_content=False,
                                    timeout=urllib3.Timeout(connect=remaining, read=remaining))
        except MaxRetryError as exc:
            error, response = exc.reason, None
        except (HTTPError, ValueError) as exc:  # an address urllib3 cannot use
            return Download(url, None, "", b"", attempts, f"is not an address that can be fetched ({exc})")
        if response is not None:
            meta = dict(url=url, http_status=response.status, content_type=response.headers.get("Content-Type", ""),
                        attempts=attempts, final_url=_final_url(url, response.retries),
                        content_encoding=response.headers.get("Content-Encoding", ""))
            try:
                data, problem = _read_body(response, deadline, settings.max_bytes)
                if not problem and not 200 <= response.status < 300:
                    problem = _status_problem(response.status)
                got = Download(data=data, problem=_after(problem, attempts), **meta)
            except (_Truncated, UrllibTimeout) as exc:
                error = exc
                got = Download(data=getattr(exc, "partial", b""), problem=_after(_problem(exc, settings.timeout),
                                                                                  attempts), **meta)
            finally:
                response.release_conn()
            if error is None and not policy.is_retry("GET", response.status):
                return got
        got = got or Download(url, None, "", b"", attempts, _after(_problem(error, settings.timeout), attempts))
        try:
            policy = policy.increment("GET", url, response=None if error else response, error=error)
        except MaxRetryError:
            return got
        if time.monotonic() + policy.get_backoff_time() >= deadline:
            return got  # no time left for another try
        policy.sleep()


def _after(problem: str, attempts: int) -> str:
    return f"{problem}, after {attempts} attempts" if problem and attempts > 1 else problem


# --- 2. judge ------------------------------------------------------------------

def bot_wall_marker(data: bytes) -> str:
    """The phrase that marks a page as a captcha or bot wall, or ""."""
    if data.lstrip()[:5] == b"%PDF-":
        return ""
    text = data[:256 * 1024].decode("utf-8", errors="replace")
    visible = _TAG.sub(" ", _INVISIBLE.sub(" ", text))
    m = _BOT_WALL.search(" ".join(visible.split()))
    return m.group(0) if m else ""


def count_centers(extraction, url: str | None = None) -> int:
    """List entries plus contact blocks, all of them or those of one address."""
    items = list(extraction.list_entries) + list(extraction.blocks)
    return sum(1 for item in items if url is None or item.url == url)


@functools.lru_cache(maxsize=8)
def _extract(data: bytes, name: str, sha256: str, charset: str = ""):
    """`extract_source`, remembering the last files read: a capture of several
    pages is the previous snapshot of each of its addresses."""
    return extract_source(data, name, sha256, charset)


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


def judge(got: Download, name: str, previous: Previous | None, redirect_hosts: Iterable[str] = ()) -> tuple[str, int]:
    """Why a download must not become a snapshot ("" when it may), and how
    many centers it holds."""
    if got.problem:
        return got.problem, 0
    asked, answered = urlsplit(got.url).hostname or "", urlsplit(got.final_url or got.url).hostname or ""
    if answered != asked and answered not in redirect_hosts:
        return (f"was redirected to another host, {answered} ({got.final_url}); add the host to the "
                f"manifest's redirect_hosts if it may supply this page"), 0
    if not got.data.strip():
        return f"answered HTTP {got.http_status} with an empty body", 0
    marker = bot_wall_marker(got.data)
    if marker:
        return f"looks like a captcha or bot wall (the page says {marker!r})", 0
    try:
        extraction = _extract(got.data, name, sha256_of(got.data), got.charset)
    except PipelineError as exc:
        return f"could not be read by the extractor: {exc.message}", 0
    except Exception as exc:  # a fault in an extractor must not let an unread page into raw/
        return f"made the extractor fail ({exc.__class__.__name__}: {exc})", 0
    centers = count_centers(extraction)
    if previous is not None and previous.centers:
        kept, of = MIN_KEPT_SHARE
        if centers * of < previous.centers * kept:
            return (f"yields {centers} centers (list entries + contact blocks), fewer than "
                    f"{100 * kept // of}% of the {previous.centers} in the last good snapshot "
                    f"{previous.file}"), centers
    return "", centers


# --- 3. save -------------------------------------------------------------------

def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-.")


def snapshot_stem(url: str, unique: bool) -> str:
    """ "<host>_<path-slug>" of an address; a short hash of the address is
    added when the slug alone could name two addresses."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:  # not a number; the download will fail, the name need only be stable
        port = None
    host = _slug(parts.hostname or "") + (f"-{port}" if port else "")
    path = _slug(parts.path.replace(".", "-")) or "index"
    needs_hash = not unique or bool(parts.query) or len(path) > 80
    stem = f"{host or 'unknown-host'}_{path[:80].rstrip('-')}"
    return f"{stem}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:8]}" if needs_hash else stem


def snapshot_stems(urls: Iterable[str]) -> dict[str, str]:
    """The snapshot stem of each address, hashed where two would share one."""
    urls = list(urls)
    plain = [snapshot_stem(u, True) for u in urls]
    return {u: snapshot_stem(u, plain.count(s) == 1) for u, s in zip(urls, plain)}


def extension(content_type: str, form: str) -> str:
    """The file extension for a download: by its media type, else by its form."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    return _EXTENSIONS.get(media_type) or _FORM_EXTENSIONS.get(form, "txt")


def _free_name(raw_dir: Path, folder: str, stem: str, ext: str, data: bytes,
               taken: set[str], entries: dict[str, Entry]) -> tuple[str, bool]:
    """A file name for new bytes that overwrites nothing; (name, True) when the
    same bytes are already saved and listed under the name."""
    digest = sha256_of(data)
    for n in range(1, 10_000):
        name = f"{folder}/{stem}{'' if n == 1 else f'-{n}'}.{ext}"
        path = raw_dir / name
        if name in taken:
            continue
        if not path.exists() and name not in entries:
            return name, False
        if path.is_file() and name in entries and entries[name].sha256 == digest \
                and sha256_of(path.read_bytes()) == digest:
            return name, True
    raise PipelineError(f"holds 10,000 snapshots named {stem} for one day.", source=str(raw_dir / folder))


def mark_superseded(entries: Iterable[Entry]) -> tuple[list[Entry], list[str]]:
    """The entries with every one whose each address has a newer "ok"
    snapshot marked superseded (retrieval date, then place in the manifest,
    tells newer from older); and the files marked."""
    entries = list(entries)
    aged = [((e.retrieved, i), e) for i, e in enumerate(entries)]
    marked = []
    for i, (key, entry) in enumerate(aged):
        if not entry.addresses or entry.status in (Status.REJECTED, Status.SUPERSEDED):
            continue
        if all(any(k > key and e.status == Status.OK and u in e.addresses for k, e in aged)
               for u in entry.addresses):
            entries[i] = replace(entry, status=Status.SUPERSEDED)
            marked.append(entry.file)
    return entries, marked


def save(manifest: Manifest, files: dict[str, bytes], entries: list[Entry]) -> Manifest:
    """Write the new snapshots and the manifest that lists them, all or none:
    on any failure (or an interrupt) the files written so far are removed."""
    raw_dir = manifest.path.parent
    made: list[Path] = []  # files and folders this call created, in order
    try:
        for name, data in files.items():
            path = raw_dir / name
            made += [p for p in reversed(path.parents) if raw_dir in p.parents and not p.exists()]
            write_file(path, data)
            made.append(path)
        saved = replace(manifest, entries=tuple(entries))
        save_manifest(saved)
    except BaseException as exc:
        for path in reversed(made):
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise PipelineError(f"could not be written ({exc.strerror or exc}); the raw folder is as it was.",
                                source=str(raw_dir)) from None
        raise
    return saved


def keep_aside(rejected_dir: Path, today: date, stem: str, got: Download, reason: str) -> Rejected:
    """Put a rejected download and a note of why in the rejected folder."""
    folder = rejected_dir / today.isoformat()
    ext = extension(got.content_type, "text" if not got.data else sniff_form(got.data))
    kept = folder / f"{stem}.{ext}" if got.data else None
    note_path = folder / f"{stem}.{ext}.json"
    note = {"url": got.url, "reason": reason, "retrieved": today.isoformat(), "attempts": got.attempts,
            "http_status": got.http_status, "content_type": got.content_type, "bytes": len(got.data),
            "sha256": sha256_of(got.data) if got.data else "", "kept": kept.name if kept else ""}
    if got.final_url and got.final_url != got.url:
        note["redirected_to"] = got.final_url
    try:
        if kept is not None:
            write_file(kept, got.data)
        write_file(note_path, (json.dumps(note, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    except OSError as exc:
        raise PipelineError(f"could not take the rejected download of {got.url} ({reason}): "
                            f"{exc.strerror or exc}.", source=str(rejected_dir)) from None
    return Rejected(got.url, reason, kept, note_path)


# --- the run -------------------------------------------------------------------

def _refuse_bad_addresses(manifest: Manifest) -> None:
    for url in manifest.addresses():
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise PipelineError(f"names {url!r}, which is not an http or https address; fetch downloads "
                                f"only those.", source=str(manifest.path))


def fetch_sources(raw_dir: Path, rejected_dir: Path, today: date, settings: Settings = Settings()) -> FetchRun:
    """Download every address of the raw manifest into a new snapshot.

    Good downloads are written to `raw_dir/snapshots/<today>/` and listed in
    the manifest, all at once at the end; rejected ones go to
    `rejected_dir/<today>/` with a JSON note, leaving raw/ as it was for them.
    """
    raw, rejected = raw_dir.resolve(), rejected_dir.resolve()
    if rejected == raw or raw in rejected.parents:
        raise PipelineError("cannot hold rejected downloads: it must be outside the raw folder "
                            f"{raw_dir}, which only good snapshots enter.", source=str(rejected_dir))
    with locked(raw_dir, "fetch"):
        manifest = load_manifest(raw_dir)
        if manifest is None:
            raise PipelineError(f"has no {MANIFEST}: fetch reads the addresses to download from it.",
                                source=str(raw_dir))
        _refuse_bad_addresses(manifest)
        listed = manifest.by_file()
        urls = manifest.addresses()
        stems = snapshot_stems(urls)
        folder = f"{SNAPSHOTS}/{today.isoformat()}"
        saved: list[Saved] = []
        rejected_runs: list[Rejected] = []
        new_files: dict[str, bytes] = {}
        new_entries: list[Entry] = []
        for url in urls:
            got = download(url, settings)
            form = sniff_form(got.data) if got.data.strip() else "text"
            name, unchanged = _free_name(raw_dir, folder, stems[url], extension(got.content_type, form), got.data,
                                         set(new_files), listed)
            reason, centers = judge(got, name, previous_snapshot(raw_dir, manifest, url), manifest.redirect_hosts)
            if reason:
                rejected_runs.append(keep_aside(rejected_dir, today, stems[url], got, reason))
                continue
            saved.append(Saved(url, name, centers, unchanged))
            if unchanged:
                continue
            new_files[name] = got.data
            new_entries.append(Entry(
                file=name, status=Status.OK, sha256=sha256_of(got.data), bytes=len(got.data), form=form, url=url,
                retrieved=today.isoformat(), http_status=got.http_status, content_type=got.content_type,
                content_encoding=got.content_encoding, charset=got.charset, centers=centers,
                redirected_to=got.final_url if got.final_url != url else ""))
        superseded: list[str] = []
        if new_entries:
            entries, superseded = mark_superseded([*manifest.entries, *new_entries])
            manifest = save(manifest, new_files, entries)
        manifest, done, kept = refresh_registry(raw_dir, manifest, rejected_dir, today, settings)
        saved += done
        rejected_runs += kept
    return FetchRun(tuple(saved), tuple(rejected_runs), tuple(superseded))


def refresh_registry(raw_dir: Path, manifest: Manifest, rejected_dir: Path, today: date,
                     settings: Settings) -> tuple[Manifest, list[Saved], list[Rejected]]:
    """Download the .gov registry from its manifest entry's address and, when
    its own judge (`dotgov.judge_registry`: the header row, at least 90% of the
    previous copy's rows) passes, replace the copy in raw/ and its entry, the
    two together or neither; a rejected download is kept aside like a page's."""
    from pipeline.dotgov import DOTGOV_FILE, judge_registry, read_dotgov
    entry = manifest.by_file().get(DOTGOV_FILE)
    if entry is None or not entry.url or entry.input_role != Role.REFERENCE:
        return manifest, [], []
    path = raw_dir / DOTGOV_FILE
    old = path.read_bytes() if path.is_file() else None
    previous = read_dotgov(old, str(path)) if old is not None else None
    got = download(entry.url, settings)
    reason, count = (got.problem, 0) if got.problem else judge_registry(got.data, previous, entry.url)
    if reason:
        return manifest, [], [keep_aside(rejected_dir, today, "dotgov_current-full", got, reason)]
    if old == got.data:
        return manifest, [Saved(entry.url, DOTGOV_FILE, count, True, "domains")], []
    fresh = replace(entry, sha256=sha256_of(got.data), bytes=len(got.data), retrieved=today.isoformat(),
                    http_status=got.http_status, content_type=got.content_type,
                    origin=f"fetched from {entry.url} on {today.isoformat()}")
    entries = [fresh if e.file == DOTGOV_FILE else e for e in manifest.entries]
    try:
        write_file(path, got.data)
        manifest = replace(manifest, entries=tuple(entries))
        save_manifest(manifest)
    except BaseException as exc:
        if old is not None:
            write_file(path, old)  # the registry and its entry change together or not at all
        if isinstance(exc, OSError):
            raise PipelineError(f"could not be written ({exc.strerror or exc}); the raw folder is as it was.",
                                source=str(raw_dir)) from None
        raise
    return manifest, [Saved(entry.url, DOTGOV_FILE, count, False, "domains")], []
