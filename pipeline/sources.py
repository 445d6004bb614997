"""The raw folder: which files to read, and their manifest.

`raw/manifest.json` records each raw file (name, sha256, the addresses it
holds, what it is). Before a file is read its sha256 is checked against the
manifest, so a source that changed without its manifest entry stops the build.
A folder with no manifest is read as it is. `load_manifest` reads and checks
the manifest into typed entries; `save_manifest` writes it back atomically.

Every input has a role (`Role`): only documents go to the readers; reference
data (the .gov registry), the id register and verification runs are inputs
read by their own readers. A manifest entry gives its role; an entry without
one, and every file of a folder without a manifest, takes the role of the
folder it stands in (`ROLE_FOLDERS`: raw/reference/, raw/register/,
raw/verification/), else is a document. Whatever its role, an input is
checked against its sha256 and listed in the build's sources.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import Any

from pipeline.errors import PipelineError
from pipeline.files import read_regular, write_file
from pipeline.text import iso_date

MANIFEST = "manifest.json"
CORRECTIONS = "corrections.csv"  # reviewers' decisions, written by people
# A source larger than this is refused before it is read: the real pages are
# well under 1 MB, and 100,000 synthetic centers make about 30 MB of HTML.
MAX_SOURCE_BYTES = 256 * 1024 * 1024
# The manifest and the decisions are written by people and fetch: the real ones
# are a few kilobytes, and 20,000 decisions make 3 MB.
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_CORRECTIONS_BYTES = 64 * 1024 * 1024
# Files in a raw folder that are not sources.
NOT_SOURCES = {MANIFEST, "README.md", CORRECTIONS}


class Role(StrEnum):
    """What an input is for: a document is read for centers; the others are read by their own readers."""

    DOCUMENT = "document"  # a page of centers, read by pipeline.extract
    REFERENCE = "reference"  # reference data: the .gov registry (pipeline.dotgov)
    REGISTER = "register"  # the id register
    VERIFICATION = "verification"  # a verification run's results


# The folder of each role that is not a document, under the raw folder: a
# file there takes that role unless its manifest entry gives another.
ROLE_FOLDERS = {Role.REFERENCE: "reference", Role.REGISTER: "register", Role.VERIFICATION: "verification"}


def role_of_path(name: str) -> Role:
    """The role a raw file takes from its folder ("reference/dotgov/current-full.csv": reference).

    >>> role_of_path("reference/dotgov/current-full.csv"), role_of_path("snapshots/2026-11-24/a.html")
    (<Role.REFERENCE: 'reference'>, <Role.DOCUMENT: 'document'>)
    """
    top = PurePosixPath(name).parts[0] if "/" in name else ""
    return next((role for role, folder in ROLE_FOLDERS.items() if folder == top), Role.DOCUMENT)


class Status(StrEnum):
    """A manifest entry's status; an entry without one is a source as captured."""

    OK = "ok"  # a snapshot fetch saved
    REJECTED = "rejected"  # a download kept aside (written by older versions of fetch)
    SUPERSEDED = "superseded"  # every address of the file has a newer good snapshot


# Statuses of files kept but not read.
SKIPPED = (Status.REJECTED, Status.SUPERSEDED)


@dataclass(frozen=True)
class Entry:
    """One raw file as the manifest lists it, in the order its keys are
    written. Keys this version does not know are kept in `extra`, so a
    manifest is written back as it was read."""

    file: str  # relative to the raw folder, with "/" separators
    role: Role | None = None  # None: the role of the file's folder (`role_of_path`)
    status: Status | None = None
    sha256: str = ""
    bytes: int | None = None
    form: str = ""
    description: str = ""
    url: str = ""
    urls: tuple[str, ...] = ()
    retrieved: str = ""  # YYYY-MM-DD (a longer ISO time is read by its date)
    http_status: int | None = None
    content_type: str = ""
    content_encoding: str = ""  # as the server sent it; the file holds the decoded bytes
    charset: str = ""  # from the HTTP Content-Type header, handed to the extractor
    centers: int | None = None
    redirected_to: str = ""
    origin: str = ""
    title: str = ""  # what the input is, for the sources table (reference data has no page title)
    license: str = ""  # the input's licence as an SPDX id ("CC0-1.0"), where its publisher states one
    license_url: str = ""  # where the licence's text is
    extra: tuple[tuple[str, Any], ...] = ()

    @property
    def input_role(self) -> Role:
        """The entry's role, else its folder's."""
        return self.role or role_of_path(self.file)

    @property
    def addresses(self) -> list[str]:
        """Every address the file holds a page of."""
        return [u.strip() for u in (*self.urls, self.url) if u.strip()]


_TEXT_KEYS = {"file", "sha256", "form", "description", "url", "retrieved", "content_type", "content_encoding",
              "charset", "redirected_to", "origin", "title", "license", "license_url"}
_NUMBER_KEYS = {"bytes", "http_status", "centers"}


@dataclass(frozen=True)
class Manifest:
    """The raw folder's manifest: its entries and the hosts a fetched address
    may redirect to (`redirect_hosts`)."""

    path: Path
    entries: tuple[Entry, ...]
    about: str = ""
    redirect_hosts: tuple[str, ...] = ()
    extra: tuple[tuple[str, Any], ...] = ()

    def by_file(self) -> dict[str, Entry]:
        """The entries by file name."""
        return {e.file: e for e in self.entries}

    def addresses(self) -> list[str]:
        """Every address of a document named by an entry that is not rejected, deduplicated, sorted."""
        return sorted({u for e in self.entries if e.status != Status.REJECTED and e.input_role == Role.DOCUMENT
                       for u in e.addresses})


@dataclass(frozen=True)
class RawFile:
    """One source file of the raw folder, read and checked against the manifest."""

    name: str  # relative to the raw folder, with "/" separators
    path: Path
    sha256: str
    data: bytes
    charset: str = ""  # the manifest's, from the HTTP header of a fetched page
    url: str = ""  # the manifest's one address for the file, "" when it names none or several
    role: Role = Role.DOCUMENT
    entry: Entry | None = None  # the manifest's entry, None without a manifest


def sha256_of(data: bytes) -> str:
    """The hex SHA-256 the manifest records for a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def _entry(obj: Any, number: int, source: str) -> Entry:
    """A manifest entry from its JSON object; a PipelineError names what is wrong."""
    def wrong(what: str) -> PipelineError:
        """The error for this manifest entry: "entry N `what`.", naming the manifest."""
        return PipelineError(f"entry {number} {what}.", source=source)
    if not isinstance(obj, dict):
        raise wrong("is not a JSON object")
    values: dict[str, Any] = {}
    extra = []
    for key, value in obj.items():
        shown = json.dumps(value, ensure_ascii=False)[:80]
        if key in _TEXT_KEYS:
            if not isinstance(value, str):
                raise wrong(f'has "{key}": {shown}, which is not a text')
            values[key] = value
        elif key in _NUMBER_KEYS:
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                raise wrong(f'has "{key}": {shown}, which is not a whole number')
            values[key] = value
        elif key == "urls":
            if not isinstance(value, list) or not all(isinstance(u, str) for u in value):
                raise wrong(f'has "urls": {shown}, which is not a list of addresses')
            values[key] = tuple(value)
        elif key == "status":
            if value not in set(Status):
                raise wrong(f'has the status {shown}; a status is one of {", ".join(Status)}')
            values[key] = Status(value)
        elif key == "role":
            if value not in set(Role):
                raise wrong(f'has the role {shown}; a role is one of {", ".join(Role)}')
            values[key] = Role(value)
        else:
            extra.append((key, value))
    name = values.get("file", "")
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name:
        raise wrong(f"names the file {name!r}; a file must be named by its path inside the raw folder")
    # The folder is read by plain relative paths, hidden names left out: an entry written
    # otherwise ("./x", "a//b", ".old/x") would name no file the build reads.
    if path.as_posix() != name or any(part.startswith(".") for part in path.parts):
        raise wrong(f"names the file {name!r}, which the build never reads: a file is named by its plain path "
                    "inside the raw folder, and names starting with '.' are not read")
    retrieved = values.get("retrieved", "")
    day = iso_date(retrieved[:10]) if retrieved else None
    if retrieved and day is None:
        raise wrong(f"({name}) has retrieved {retrieved!r}, which is not a date of the form YYYY-MM-DD")
    if day is not None and day < EARLIEST_RETRIEVAL:
        raise wrong(f"({name}) has retrieved {retrieved!r}, before any page of fusion centers was published "
                    f"({EARLIEST_RETRIEVAL.isoformat()})")
    return Entry(**values, extra=tuple(extra))


# The DHS began designating fusion centers in 2003 and published its first
# list after that: a retrieval date before it is a typing mistake, and the
# build's ages are measured from it.
EARLIEST_RETRIEVAL = date(2003, 1, 1)


def parse_manifest(obj: Any, path: Path) -> Manifest:
    """A Manifest from the manifest's JSON value, checked entry by entry."""
    if not isinstance(obj, dict) or not isinstance(obj.get("files"), list):
        raise PipelineError('must be a JSON object with a "files" list.', source=str(path))
    hosts = obj.get("redirect_hosts", [])
    if not isinstance(hosts, list) or not all(isinstance(h, str) for h in hosts):
        raise PipelineError('has "redirect_hosts" that is not a list of host names.', source=str(path))
    about = obj.get("about", "")
    if not isinstance(about, str):
        raise PipelineError('has "about" that is not a text.', source=str(path))
    entries = tuple(_entry(e, i, str(path)) for i, e in enumerate(obj["files"], 1))
    extra = tuple((k, v) for k, v in obj.items() if k not in ("about", "files", "redirect_hosts"))
    return Manifest(path, entries, about, tuple(h.lower() for h in hosts), extra)


def load_manifest(raw_dir: Path) -> Manifest | None:
    """The raw folder's manifest, or None when it has none."""
    path = raw_dir / MANIFEST
    if not path.exists() and not path.is_symlink():
        return None
    data = read_regular(path, MAX_MANIFEST_BYTES)
    try:
        obj = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise PipelineError("is nested too deeply to be a manifest.", source=str(path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise PipelineError(f"is not a readable JSON manifest ({exc.__class__.__name__}: "
                            f"{getattr(exc, 'msg', exc)}).", source=str(path), line=line) from None
    return parse_manifest(obj, path)


def _entry_json(entry: Entry) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for f in fields(Entry):
        value = getattr(entry, f.name)
        if f.name != "extra" and value not in (None, "", ()):
            obj[f.name] = list(value) if f.name == "urls" else str(value) if f.name in ("status", "role") else value
    obj.update(sorted(entry.extra))
    return obj


def manifest_text(manifest: Manifest) -> str:
    """The manifest as written: "about", "files", then the other keys sorted."""
    top: dict[str, Any] = {"about": manifest.about} if manifest.about else {}
    top["files"] = [_entry_json(e) for e in manifest.entries]
    rest = dict(manifest.extra)
    if manifest.redirect_hosts:
        rest["redirect_hosts"] = list(manifest.redirect_hosts)
    top.update(sorted(rest.items()))
    return json.dumps(top, indent=2, ensure_ascii=False) + "\n"


def save_manifest(manifest: Manifest) -> None:
    """Write the manifest back atomically (all of it or none, flushed to disk)."""
    write_file(manifest.path, manifest_text(manifest).encode("utf-8"))


def read_raw_folder(raw_dir: Path) -> list[RawFile]:
    """Every input in the folder, sorted by name, each checked against the
    manifest when there is one and given its role; at least one is a document."""
    if not raw_dir.is_dir():
        raise PipelineError("is not a folder of source documents.", source=str(raw_dir))
    manifest = load_manifest(raw_dir)
    entries = manifest.by_file() if manifest is not None else {}
    files = []
    set_aside = 0
    for path in sorted(raw_dir.rglob("*")):
        name = path.relative_to(raw_dir).as_posix()
        if name in NOT_SOURCES or any(part.startswith(".") for part in Path(name).parts) or path.is_dir():
            continue
        entry = entries.get(name)
        if entry is not None and entry.status in SKIPPED:
            set_aside += entry.input_role == Role.DOCUMENT
            continue
        if path.is_file() and path.stat().st_size > MAX_SOURCE_BYTES:
            raise PipelineError(f"is {path.stat().st_size / 2**20:,.0f} MiB, more than the "
                                f"{MAX_SOURCE_BYTES / 2**20:,.0f} MiB a source may have; it is not read.",
                                source=str(path))
        data = read_regular(path, MAX_SOURCE_BYTES)  # a named pipe or a device is refused
        digest = sha256_of(data)
        if manifest is not None:
            if entry is None:
                raise PipelineError(f"is not in the manifest {raw_dir / MANIFEST}: add an entry for it "
                                    f"(sha256 {digest}) before building.", source=str(path))
            if entry.sha256 != digest:
                raise PipelineError(f"has changed: its sha256 is {digest}, the manifest says "
                                    f"{entry.sha256 or 'nothing'}. Review the change, then update the manifest.",
                                    source=str(path))
        addresses = entry.addresses if entry is not None else []
        role = entry.input_role if entry is not None else role_of_path(name)
        files.append(RawFile(name, path, digest, data, entry.charset if entry is not None else "",
                             addresses[0] if len(addresses) == 1 else "", role, entry))
    if manifest is not None:
        missing = sorted(set(entries) - {f.name for f in files}
                         - {n for n, e in entries.items() if e.status in SKIPPED})
        if missing:
            raise PipelineError("is listed in the manifest but missing from the folder.",
                                source=str(raw_dir / missing[0]))
    if not any(f.role == Role.DOCUMENT for f in files):
        aside = (f": the manifest {raw_dir / MANIFEST} marks every document it lists ({set_aside}) rejected or "
                 f"superseded" if set_aside else "")
        raise PipelineError(f"holds no source documents{aside}.", source=str(raw_dir))
    return files
