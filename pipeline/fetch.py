"""Fetch: refresh the raw folder from the web, one new snapshot per address.

Takes the raw folder (its manifest names the addresses), the retrieval date and
the download settings; gives a `FetchRun` listing what was saved and what was
rejected. Entry point: `fetch_sources(raw_dir, rejected_dir, today, settings)`;
the `fetch` subcommand is in `pipeline.cli`.

A download becomes a snapshot in raw/ only when it passes every check (a 2xx
answer, complete, within the size limit, not a bot wall, readable by the
extractor, and with no sharp drop in the number of centers). Anything else is
kept aside in the rejected folder, outside raw/, with a note of why, and raw/
is not touched for that address: a good snapshot is never replaced by a bad
download. Existing files are never overwritten; each good download is a new
file, and older entries whose every address has a newer snapshot are marked
"superseded".
"""
from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.errors import PipelineError
from pipeline.sources import MANIFEST, load_manifest, manifest_entries, sha256_of

USER_AGENT = "fusion-centers/0.1.0 (dataset pipeline of U.S. fusion centers; python-urllib)"
SNAPSHOTS = "snapshots"
REJECTED_DEFAULT = "fetch-rejected"
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
_EXTENSIONS = {"text/html": "html", "application/xhtml+xml": "html", "application/pdf": "pdf",
               "text/plain": "txt"}
_FORM_EXTENSIONS = {"html": "html", "pdf": "pdf", "text": "txt"}
# Manifest keys in the order they are written; keys not named here follow, sorted.
ENTRY_KEYS = ("file", "status", "sha256", "bytes", "form", "description", "url", "urls", "retrieved",
              "http_status", "content_type", "centers", "redirected_to", "origin")
TOP_KEYS = ("about", "files")


@dataclass(frozen=True)
class Settings:
    """How downloads are made. `backoff` is the first wait before a retry; it
    doubles with each further retry."""

    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    max_bytes: int = 20_000_000
    user_agent: str = USER_AGENT
    sleep: Callable[[float], None] = time.sleep


@dataclass(frozen=True)
class Download:
    """What one address gave after retries. `problem` is "" when the transfer
    itself succeeded: a 2xx answer, complete and within the size limit."""

    url: str
    http_status: int | None
    content_type: str
    data: bytes
    attempts: int
    problem: str = ""
    final_url: str = ""


@dataclass(frozen=True)
class Previous:
    """The last good snapshot of an address and how many centers it held for
    it (None when that cannot be told)."""

    file: str
    centers: int | None


@dataclass(frozen=True)
class Saved:
    url: str
    file: str  # relative to the raw folder
    centers: int
    unchanged: bool  # the same bytes were already saved under this name


@dataclass(frozen=True)
class Rejected:
    url: str
    reason: str
    kept: Path | None  # the body kept aside, None when there was none
    note: Path


@dataclass(frozen=True)
class FetchRun:
    saved: tuple[Saved, ...]
    rejected: tuple[Rejected, ...]
    superseded: tuple[str, ...]  # files of entries marked superseded by this run


def entry_urls(entry: dict) -> list[str]:
    urls = entry.get("urls")
    found = [u for u in urls if isinstance(u, str)] if isinstance(urls, list) else []
    if isinstance(entry.get("url"), str):
        found.append(entry["url"])
    return [u.strip() for u in found if u.strip()]


def manifest_urls(manifest: dict) -> list[str]:
    """Every address named by an entry that is not rejected, deduplicated, sorted."""
    return sorted({u for e in manifest["files"] if isinstance(e, dict) and e.get("status") != "rejected"
                   for u in entry_urls(e)})


# --- downloading -------------------------------------------------------------

def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _read_limited(response, max_bytes: int) -> tuple[bytes, str, bool]:
    """The body, a problem ("" when none) and whether trying again may help.

    The problems: over the size limit, or shorter than the Content-Length the
    server announced (a dropped connection, worth another try).
    """
    declared = (response.headers.get("Content-Length") or "").strip()
    length = int(declared) if declared.isdigit() else None
    if length is not None and length > max_bytes:
        return b"", f"exceeds the size limit of {max_bytes} bytes ({length} bytes announced)", False
    chunks: list[bytes] = []
    total = 0
    try:
        while chunk := response.read(_CHUNK):
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                return (b"".join(chunks)[:max_bytes],
                        f"exceeds the size limit of {max_bytes} bytes (only the first {max_bytes} were read)", False)
    except http.client.IncompleteRead as exc:
        got = b"".join(chunks) + exc.partial
        announced = f" of the {length} announced" if length is not None else ""
        return got, f"was truncated: the connection closed after {len(got)} bytes{announced}", True
    data = b"".join(chunks)
    if length is not None and len(data) < length:
        return data, f"was truncated: received {len(data)} of the {length} bytes announced", True
    return data, "", False


def _reason_phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _attempt(opener: urllib.request.OpenerDirector, url: str, settings: Settings) -> tuple[Download, bool]:
    """One try at an address: the download, and whether trying again may help."""
    try:
        request = urllib.request.Request(url, headers={
            "User-Agent": settings.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5"})
        with opener.open(request, timeout=settings.timeout) as response:
            content_type = response.headers.get("Content-Type", "") or ""
            data, problem, retry = _read_limited(response, settings.max_bytes)
            return Download(url, response.status, content_type, data, 1, problem, response.geturl()), retry
    except urllib.error.HTTPError as err:
        content_type = (err.headers.get("Content-Type", "") if err.headers else "") or ""
        try:
            data = _read_limited(err, settings.max_bytes)[0]
        except (OSError, http.client.HTTPException):
            data = b""
        phrase = _reason_phrase(err.code)
        problem = f"answered HTTP {err.code}{' ' + phrase if phrase else ''}"
        if err.code in BOT_WALL_STATUSES:
            problem += ", the answer of a captcha or bot wall to automated clients"
        return Download(url, err.code, content_type, data, 1, problem), err.code >= 500
    except http.client.InvalidURL as err:
        return Download(url, None, "", b"", 1, f"is not an address that can be fetched ({err})"), False
    except (urllib.error.URLError, http.client.HTTPException, OSError) as err:
        reason = err.reason if isinstance(err, urllib.error.URLError) else err
        if isinstance(reason, TimeoutError):
            problem = f"timed out (no answer within {settings.timeout:g} s)"
        elif isinstance(err, http.client.IncompleteRead):
            problem = "was truncated before the body was complete"
        else:
            problem = f"could not be reached ({reason.__class__.__name__}: {reason})"
        return Download(url, None, "", b"", 1, problem), True
    except ValueError as err:  # urllib's answer to an address it cannot use
        return Download(url, None, "", b"", 1, f"is not an address that can be fetched ({err})"), False


def download(url: str, settings: Settings) -> Download:
    """Fetch one address, retrying timeouts, connection errors and 5xx answers
    with exponential backoff (backoff, 2 x backoff, 4 x backoff, ...)."""
    opener = urllib.request.build_opener()
    attempt = 0
    while True:
        attempt += 1
        result, retry = _attempt(opener, url, settings)
        if not retry or attempt > settings.retries:
            break
        settings.sleep(settings.backoff * 2 ** (attempt - 1))
    problem = result.problem
    if problem and attempt > 1:
        problem = f"{problem}, after {attempt} attempts"
    return Download(url, result.http_status, result.content_type, result.data, attempt, problem,
                    result.final_url)


# --- judging a download ------------------------------------------------------

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


def _ordered_entries(manifest: dict) -> list[tuple[tuple[str, int], dict]]:
    """Entries with their age key: retrieval date, then place in the manifest
    (later entries were added later)."""
    return [((str(e.get("retrieved", "")), i), e) for i, e in enumerate(manifest["files"])
            if isinstance(e, dict)]


def previous_snapshot(raw_dir: Path, manifest: dict, url: str,
                      extract: Callable[[bytes, str, str], object]) -> Previous | None:
    """The newest entry that is not rejected and names `url`, and its center count.

    A snapshot of one address records `centers`. An older capture of several
    pages has no count: its file is read again and only the centers of the page
    with this address are counted.
    """
    candidates = [(key, e) for key, e in _ordered_entries(manifest)
                  if e.get("status") != "rejected" and url in entry_urls(e)]
    if not candidates:
        return None
    entry = max(candidates, key=lambda c: c[0])[1]
    name = str(entry.get("file", ""))
    urls = entry_urls(entry)
    if isinstance(entry.get("centers"), int) and len(urls) == 1:
        return Previous(name, entry["centers"])
    path = raw_dir / name
    try:
        data = path.read_bytes()
    except OSError:
        return Previous(name, None)
    digest = sha256_of(data)
    if entry.get("sha256") != digest:
        return Previous(name, None)  # changed behind the manifest: not a good snapshot to compare with
    try:
        extraction = extract(data, name, digest)
    except PipelineError:
        return Previous(name, None)
    if any(d.url == url for d in extraction.documents):
        return Previous(name, count_centers(extraction, url))
    return Previous(name, count_centers(extraction) if len(urls) == 1 else None)


def judge(got: Download, name: str, previous: Previous | None,
          extract: Callable[[bytes, str, str], object]) -> tuple[str, int]:
    """Why a download must not become a snapshot ("" when it may), and how
    many centers it holds."""
    if got.problem:
        return got.problem, 0
    if not got.data.strip():
        return f"answered HTTP {got.http_status} with an empty body", 0
    marker = bot_wall_marker(got.data)
    if marker:
        return f"looks like a captcha or bot wall (the page says {marker!r})", 0
    try:
        extraction = extract(got.data, name, sha256_of(got.data))
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


# --- naming ------------------------------------------------------------------

def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-.")


def snapshot_stem(url: str, unique: bool) -> str:
    """ "<host>_<path-slug>" of an address; a short hash of the address is
    added when the slug alone could name two addresses."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:  # not a number; urllib will refuse the address, the name need only be stable
        port = None
    host = _slug(parts.hostname or "") + (f"-{port}" if port else "")
    path = _slug(parts.path.replace(".", "-")) or "index"
    needs_hash = not unique or bool(parts.query) or len(path) > 80
    stem = f"{host or 'unknown-host'}_{path[:80].rstrip('-')}"
    return f"{stem}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:8]}" if needs_hash else stem


def extension(content_type: str, form: str) -> str:
    return _EXTENSIONS.get(_media_type(content_type)) or _FORM_EXTENSIONS.get(form, "txt")


def snapshot_stems(urls: Iterable[str]) -> dict[str, str]:
    urls = list(urls)
    plain = [snapshot_stem(u, True) for u in urls]
    return {u: snapshot_stem(u, plain.count(s) == 1) for u, s in zip(urls, plain)}


def _free_name(raw_dir: Path, folder: str, stem: str, ext: str, data: bytes,
               taken: set[str], entries: dict[str, dict]) -> tuple[str, bool]:
    """A file name for new bytes that overwrites nothing; (name, True) when the
    same bytes are already saved and listed under the name."""
    n = 1
    while True:
        name = f"{folder}/{stem}{'' if n == 1 else f'-{n}'}.{ext}"
        path = raw_dir / name
        if name not in taken:
            if not path.exists() and name not in entries:
                return name, False
            if path.is_file() and entries.get(name, {}).get("sha256") == sha256_of(data) \
                    and sha256_of(path.read_bytes()) == sha256_of(data):
                return name, True
        n += 1


# --- writing -----------------------------------------------------------------

def _ordered(entry: dict, order: tuple[str, ...]) -> dict:
    keys = [k for k in order if k in entry] + sorted(k for k in entry if k not in order)
    return {k: entry[k] for k in keys}


def manifest_text(manifest: dict) -> str:
    body = _ordered(manifest, TOP_KEYS)
    body["files"] = [_ordered(e, ENTRY_KEYS) if isinstance(e, dict) else e for e in manifest["files"]]
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def mark_superseded(manifest: dict) -> list[str]:
    """Mark every entry whose each address has a newer "ok" snapshot; gives
    the files marked."""
    aged = _ordered_entries(manifest)
    marked = []
    for key, entry in aged:
        urls = entry_urls(entry)
        if not urls or entry.get("status") in ("rejected", "superseded"):
            continue
        if all(any(k > key and e.get("status") == "ok" and u in entry_urls(e) for k, e in aged) for u in urls):
            entry["status"] = "superseded"
            marked.append(str(entry.get("file", "")))
    return marked


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.part")
    temp.write_bytes(data)
    os.replace(temp, path)


def keep_aside(rejected_dir: Path, today: date, stem: str, got: Download, reason: str) -> Rejected:
    """Put a rejected download and a note of why in the rejected folder."""
    folder = rejected_dir / today.isoformat()
    ext = extension(got.content_type, "text" if not got.data else _sniff(got.data))
    kept = folder / f"{stem}.{ext}" if got.data else None
    note_path = folder / f"{stem}.{ext}.json"
    note = {"url": got.url, "reason": reason, "retrieved": today.isoformat(), "attempts": got.attempts,
            "http_status": got.http_status, "content_type": got.content_type, "bytes": len(got.data),
            "sha256": sha256_of(got.data) if got.data else "", "kept": kept.name if kept else ""}
    if got.final_url and got.final_url != got.url:
        note["redirected_to"] = got.final_url
    if kept is not None:
        _write_atomically(kept, got.data)
    _write_atomically(note_path, (json.dumps(note, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return Rejected(got.url, reason, kept, note_path)


def _sniff(data: bytes) -> str:
    from pipeline.extract import sniff_form
    return sniff_form(data)


def _is_inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


# --- the run -----------------------------------------------------------------

def _extract_once() -> Callable[[bytes, str, str], object]:
    """The extractor, remembering each file it read: a capture of several
    pages is the previous snapshot of each of its addresses."""
    from pipeline.extract import extract_document
    seen: dict[tuple[str, str], object] = {}

    def extract(data: bytes, name: str, sha256: str):
        if (name, sha256) not in seen:
            seen[(name, sha256)] = extract_document(data, name, sha256)
        return seen[(name, sha256)]
    return extract


def fetch_sources(raw_dir: Path, rejected_dir: Path, today: date, settings: Settings = Settings()) -> FetchRun:
    """Download every address of the raw manifest into a new snapshot.

    Good downloads are written to `raw_dir/snapshots/<today>/` and listed in
    the manifest (rewritten atomically, once, at the end); rejected ones go to
    `rejected_dir/<today>/` with a JSON note, leaving raw/ as it was for them.
    """
    extract = _extract_once()
    if _is_inside(rejected_dir, raw_dir):
        raise PipelineError("cannot hold rejected downloads: it must be outside the raw folder "
                            f"{raw_dir}, which only good snapshots enter.", source=str(rejected_dir))
    manifest = load_manifest(raw_dir)
    if manifest is None:
        raise PipelineError(f"has no {MANIFEST}: fetch reads the addresses to download from it.",
                            source=str(raw_dir))
    entries = manifest_entries(manifest)
    urls = manifest_urls(manifest)
    stems = snapshot_stems(urls)
    folder = f"{SNAPSHOTS}/{today.isoformat()}"
    saved: list[Saved] = []
    rejected: list[Rejected] = []
    new_files: dict[str, bytes] = {}
    new_entries: list[dict] = []
    for url in urls:
        got = download(url, settings)
        form = _sniff(got.data) if got.data.strip() else "text"
        ext = extension(got.content_type, form)
        name, unchanged = _free_name(raw_dir, folder, stems[url], ext, got.data, set(new_files), entries)
        reason, centers = judge(got, name, previous_snapshot(raw_dir, manifest, url, extract), extract)
        if reason:
            try:
                rejected.append(keep_aside(rejected_dir, today, stems[url], got, reason))
            except OSError as exc:
                raise PipelineError(f"could not take the rejected download of {url} ({reason}): "
                                    f"{exc.strerror or exc}.", source=str(rejected_dir)) from None
            continue
        saved.append(Saved(url, name, centers, unchanged))
        if unchanged:
            continue
        new_files[name] = got.data
        entry = {"file": name, "status": "ok", "sha256": sha256_of(got.data), "bytes": len(got.data),
                 "form": form, "url": url, "retrieved": today.isoformat(), "http_status": got.http_status,
                 "content_type": got.content_type, "centers": centers}
        if got.final_url and got.final_url != url:
            entry["redirected_to"] = got.final_url
        new_entries.append(entry)
    superseded: list[str] = []
    if new_entries:
        manifest["files"].extend(new_entries)
        superseded = mark_superseded(manifest)
        try:
            for name, data in new_files.items():
                _write_atomically(raw_dir / name, data)
            _write_atomically(raw_dir / MANIFEST, manifest_text(manifest).encode("utf-8"))
        except OSError as exc:
            raise PipelineError(f"could not be written ({exc.strerror or exc}); the snapshots of this run "
                                f"that were written are not in its manifest yet.",
                                source=str(exc.filename or raw_dir)) from None
    return FetchRun(tuple(saved), tuple(rejected), tuple(superseded))
