"""The raw folder: which files to read, and their manifest.

`raw/manifest.json` records each raw file (name, sha256, the addresses it
holds, what it is). Before a file is read its sha256 is checked against the
manifest, so a source that changed without its manifest entry stops the build.
A folder with no manifest is read as it is.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import PipelineError

MANIFEST = "manifest.json"
CORRECTIONS = "corrections.csv"  # reviewers' decisions, written by people
# Manifest statuses of files kept but not read: a download fetch kept aside,
# and a snapshot whose every address has a newer good snapshot.
SKIPPED = ("rejected", "superseded")
# A source larger than this is refused before it is read: the real pages are
# well under 1 MB, and 100,000 synthetic centers make about 30 MB of HTML.
MAX_SOURCE_BYTES = 256 * 1024 * 1024
# Files in a raw folder that are not sources.
NOT_SOURCES = {MANIFEST, "README.md", CORRECTIONS}


@dataclass(frozen=True)
class RawFile:
    name: str  # relative to the raw folder, with "/" separators
    path: Path
    sha256: str
    data: bytes


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_manifest(raw_dir: Path) -> dict | None:
    path = raw_dir / MANIFEST
    if not path.exists():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise PipelineError(f"is not a readable JSON manifest ({exc.__class__.__name__}: "
                            f"{getattr(exc, 'msg', exc)}).", source=str(path), line=line) from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list):
        raise PipelineError('must be a JSON object with a "files" list.', source=str(path))
    return manifest


def manifest_entries(manifest: dict | None) -> dict[str, dict]:
    if manifest is None:
        return {}
    return {str(e.get("file", "")): e for e in manifest["files"] if isinstance(e, dict)}


def read_raw_folder(raw_dir: Path) -> list[RawFile]:
    """Every source file in the folder, sorted by name, each checked against
    the manifest when there is one."""
    if not raw_dir.is_dir():
        raise PipelineError("is not a folder of source documents.", source=str(raw_dir))
    manifest = load_manifest(raw_dir)
    entries = manifest_entries(manifest)
    files = []
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_file()):
        name = path.relative_to(raw_dir).as_posix()
        if name in NOT_SOURCES or any(part.startswith(".") for part in Path(name).parts):
            continue
        if manifest is not None and entries.get(name, {}).get("status") in SKIPPED:
            continue
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise PipelineError(f"is {size / 2**20:,.0f} MiB, more than the {MAX_SOURCE_BYTES / 2**20:,.0f} MiB a "
                                f"source may have; it is not read.", source=str(path))
        data = path.read_bytes()
        digest = sha256_of(data)
        if manifest is not None:
            entry = entries.get(name)
            if entry is None:
                raise PipelineError(f"is not in the manifest {raw_dir / MANIFEST}: add an entry for it "
                                    f"(sha256 {digest}) before building.", source=str(path))
            if entry.get("sha256") != digest:
                raise PipelineError(f"has changed: its sha256 is {digest}, the manifest says "
                                    f"{entry.get('sha256')}. Review the change, then update the manifest.",
                                    source=str(path))
        files.append(RawFile(name, path, digest, data))
    if manifest is not None:
        missing = sorted(set(entries) - {f.name for f in files}
                         - {n for n, e in entries.items() if e.get("status") in SKIPPED})
        if missing:
            raise PipelineError("is listed in the manifest but missing from the folder.",
                                source=str(raw_dir / missing[0]))
    if not files:
        raise PipelineError("holds no source documents.", source=str(raw_dir))
    return files
