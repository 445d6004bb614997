"""The fetch run: every address of the raw manifest downloaded, judged and
saved, under the raw folder's lock (see `pipeline.fetch`)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.dotgov import DOTGOV_FILE, judge_registry, read_dotgov
from pipeline.errors import PipelineError
from pipeline.extract import sniff_form
from pipeline.fetch import DEFAULTS, Settings
from pipeline.fetch.judge import JUDGES, Judge, previous_snapshot
from pipeline.fetch.save import (
    SNAPSHOTS, Rejected, free_name, extension, keep_aside, mark_superseded, save, snapshot_stems,
)
from pipeline.fetch.transport import download
from pipeline.files import locked, write_file
from pipeline.sources import MANIFEST, Entry, Manifest, Role, Status, load_manifest, save_manifest, sha256_of


@dataclass(frozen=True)
class Saved:
    """An address whose download became (or already was) a snapshot."""

    url: str
    file: str  # relative to the raw folder
    centers: int  # centers read from a page; for the .gov registry, the domains it lists
    unchanged: bool  # the same bytes were already saved under this name
    counted: str = "centers"  # what `centers` counts


@dataclass(frozen=True)
class FetchRun:
    """What one fetch did, address by address."""

    saved: tuple[Saved, ...]
    rejected: tuple[Rejected, ...]
    superseded: tuple[str, ...]  # files of entries marked superseded by this run


def _refuse_bad_addresses(manifest: Manifest) -> None:
    for url in manifest.addresses():
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise PipelineError(f"names {url!r}, which is not an http or https address; fetch downloads "
                                f"only those.", source=str(manifest.path))


def fetch_sources(raw_dir: Path, rejected_dir: Path, today: date, settings: Settings = DEFAULTS,
                  judges: Mapping[Role, Judge] = JUDGES) -> FetchRun:
    """Download every address of the raw manifest into a new snapshot.

    Good downloads are written to `raw_dir/snapshots/<today>/` and listed in
    the manifest, all at once at the end; rejected ones go to
    `rejected_dir/<today>/` with a JSON note, leaving raw/ as it was for them.
    A name that cannot be resolved stops the run at once (a PipelineError):
    without a network every other name would fail the same way. Then the .gov
    registry is refreshed (`refresh_registry`), with a judge of its own.
    """
    raw, rejected = raw_dir.resolve(), rejected_dir.resolve()
    if rejected == raw or raw in rejected.parents:
        raise PipelineError("cannot hold rejected downloads: it must be outside the raw folder "
                            f"{raw_dir}, which only good snapshots enter.", source=str(rejected_dir))
    judge = judges[Role.DOCUMENT]
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
            if got.unresolved:
                raise PipelineError(f"{got.problem}; fetch stopped there, and the raw folder is as it was.",
                                    source=url)
            form = sniff_form(got.data) if got.data.strip() else "text"
            name, unchanged = free_name(raw_dir, folder, stems[url], extension(got.content_type, form), got.data,
                                         set(new_files), listed)
            verdict = judge(got, name, previous_snapshot(raw_dir, manifest, url), manifest.redirect_hosts,
                            timeout=settings.timeout)
            if verdict.reason:
                rejected_runs.append(keep_aside(rejected_dir, today, stems[url], got, verdict.reason))
                continue
            saved.append(Saved(url, name, verdict.centers, unchanged))
            if unchanged:
                continue
            new_files[name] = got.data
            new_entries.append(Entry(
                file=name, status=Status.OK, sha256=sha256_of(got.data), bytes=len(got.data), form=form, url=url,
                retrieved=today.isoformat(), http_status=got.http_status, content_type=got.content_type,
                content_encoding=got.content_encoding, charset=got.charset, centers=verdict.centers,
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
    entry = manifest.by_file().get(DOTGOV_FILE)
    if entry is None or not entry.url or entry.input_role != Role.REFERENCE:
        return manifest, [], []
    path = raw_dir / DOTGOV_FILE
    old = path.read_bytes() if path.is_file() else None
    previous = read_dotgov(old, str(path)) if old is not None else None
    got = download(entry.url, settings)
    if got.unresolved:
        raise PipelineError(f"{got.problem}; fetch stopped there, and the raw folder is as it was.",
                            source=entry.url)
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
