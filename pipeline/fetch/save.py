"""Save: the good snapshots and the manifest that lists them, all or none;
a rejected download and a note of why kept aside, outside raw/.

A snapshot is named `snapshots/<date>/<host>_<path-slug>.<ext>` and never
overwrites another file; an entry whose every address has a newer good
snapshot is marked superseded.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.errors import PipelineError
from pipeline.extract import sniff_form
from pipeline.fetch.transport import Download
from pipeline.files import write_file
from pipeline.sources import Entry, Manifest, Status, save_manifest, sha256_of

SNAPSHOTS = "snapshots"
_EXTENSIONS = {"text/html": "html", "application/xhtml+xml": "html", "application/pdf": "pdf",
               "text/plain": "txt"}
_FORM_EXTENSIONS = {"html": "html", "pdf": "pdf", "text": "txt"}


@dataclass(frozen=True)
class Rejected:
    """An address whose download was kept aside, and why."""

    url: str
    reason: str
    kept: Path | None  # the body kept aside, None when there was none
    note: Path


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


def free_name(raw_dir: Path, folder: str, stem: str, ext: str, data: bytes,
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
