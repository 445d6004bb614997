"""The whole build: read raw/, extract, normalize, check, export to out/.

Each stage's failure is a `PipelineError` that names the stage; what earlier
stages produced is written to `<out>.failed/` for inspection, and out/ is
left as it was.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipeline.dotgov import DOTGOV_FILE, DotGov, read_dotgov
from pipeline.verify.attach import attach, newest_verification
from pipeline.verify.record import Verification
from pipeline.errors import PipelineError
from pipeline.records import Dataset, Decision, Extraction, Finding, InputFile
from pipeline.sources import (
    CORRECTIONS, Manifest, RawFile, Role, extract_source, load_manifest, read_raw_folder, sha256_of,
)


@dataclass
class Build:
    """What a build holds as its stages run: the raw folder, the as-of date, the
    manifest and reviewers' decisions read, and what each stage produced (None
    or empty until that stage has run)."""

    raw_dir: Path
    as_of: date | None = None
    extractions: list[Extraction] = field(default_factory=list)
    dataset: Dataset | None = None
    findings: list[Finding] = field(default_factory=list)
    manifest: Manifest | None = None
    decisions: list[Decision] = field(default_factory=list)  # reviewers' decisions read
    inputs: list[InputFile] = field(default_factory=list)  # the inputs that are not documents
    dotgov: DotGov | None = None  # the .gov registry, when the raw folder holds it
    verification: Verification | None = None  # the newest verification run in the raw folder, if any
    register: tuple = ()  # the id register's entries (pipeline.register), when the raw folder holds it

    @property
    def decisions_applied(self) -> list[Decision]:
        """The decisions that changed what is published or a finding's status, in file order."""
        if self.dataset is None:
            return []
        not_applied = {(f.source, f.line) for f in self.findings if f.code.startswith("CORRECTION_")}
        return [o.decision for o in self.dataset.decisions
                if not o.issue and (o.decision.ref.source, o.decision.ref.line) not in not_applied]


def reference_date(manifest: Manifest | None, extractions: list[Extraction]) -> date | None:
    """The date ages are measured against: the latest retrieval date in the
    manifest, else the latest publication date of any page. Never the clock,
    so a rebuild of the same sources gives the same bytes."""
    dates = ([e.retrieved[:10] for e in manifest.entries if e.retrieved and e.input_role == Role.DOCUMENT]
             if manifest is not None else [])
    if not dates:  # no manifest: the newest page's own date
        dates = [d.published for x in extractions for d in x.documents if d.published]
    return date.fromisoformat(max(dates)) if dates else None


def _stage(name: str):
    """Label a PipelineError raised inside `fn` with the stage it came from."""
    def wrap(fn):
        """`fn`, wrapped so that its PipelineErrors carry this stage."""
        def staged(*args, **kwargs):
            """Call `fn`; a PipelineError that names no stage yet gets this one."""
            try:
                return fn(*args, **kwargs)
            except PipelineError as exc:
                exc.stage = exc.stage or name
                raise
        return staged
    return wrap


@_stage("read")
def _read(b: Build):
    from pipeline.corrections import parse_corrections
    b.manifest = load_manifest(b.raw_dir)
    path = b.raw_dir / CORRECTIONS
    if path.exists():
        b.decisions = parse_corrections(path.read_bytes(), str(path))
    raw_files = read_raw_folder(b.raw_dir)
    b.inputs = [input_file(f) for f in raw_files if f.role != Role.DOCUMENT]
    from pipeline.register import REGISTER_FILE, parse_register
    register = next((f for f in raw_files if f.name == REGISTER_FILE and f.role == Role.REGISTER), None)
    if register is not None:
        b.register = parse_register(register.data, str(b.raw_dir / register.name))
    registry = next((f for f in raw_files if f.name == DOTGOV_FILE and f.role == Role.REFERENCE), None)
    if registry is not None:
        b.dotgov = read_dotgov(registry.data, str(b.raw_dir / registry.name), registry.sha256, name=registry.name)
    b.verification = newest_verification(raw_files)
    return [f for f in raw_files if f.role == Role.DOCUMENT]


def input_file(f: RawFile) -> InputFile:
    """An input that is no document, as the sources table and the data package list it."""
    e = f.entry
    return InputFile(f.name, f.sha256, str(f.role), url=f.url, title=e.title if e else "",
                     retrieved=e.retrieved[:10] if e else "", license=e.license if e else "",
                     license_url=e.license_url if e else "")


@_stage("extract")
def _extract(b: Build, raw_files) -> None:
    for f in raw_files:
        b.extractions.append(extract_source(f.data, f.name, f.sha256, f.charset, f.url))
    if not any(x.list_entries or x.blocks for x in b.extractions):
        raise PipelineError("hold neither a list of fusion centers nor a contact listing.",
                            source=str(b.raw_dir))


@_stage("normalize")
def _normalize(b: Build) -> None:
    from pipeline.normalize.dataset import normalize
    b.dataset = attach(normalize(b.extractions, b.decisions, inputs=b.inputs, dotgov=b.dotgov,
                                 register=b.register), b.verification, b.dotgov)


@_stage("check")
def _check(b: Build) -> None:
    from pipeline.check import run_checks
    b.findings = run_checks(b.dataset, b.as_of or date.min)


def run(raw_dir: Path, as_of: date | None = None, b: Build | None = None) -> Build:
    """Run every stage up to the checks; nothing is written. Pass `b` to keep
    what the stages produced even when one of them fails."""
    b = b if b is not None else Build(raw_dir=raw_dir, as_of=as_of)
    raw_files = _read(b)
    _extract(b, raw_files)
    b.as_of = b.as_of or reference_date(b.manifest, b.extractions)
    _normalize(b)
    _check(b)
    return b


def committed_centers(out_dir: Path, name: str = "fusion_centers.csv") -> tuple[bytes | None, str]:
    """The fusion_centers.csv (or the file `name`) committed at git HEAD for
    this out folder, if any.

    This is the baseline of CHANGELOG.md: "what this build changes in the
    published dataset" (its centers, and its findings). Outside a git work
    tree there is none.
    """
    from pipeline.diff import git_show
    folder = out_dir.resolve()
    path = f"./{folder.name}/{name}"  # "./": relative to the -C folder
    try:
        status, stdout, _ = git_show("HEAD", path, folder.parent)
    except OSError:  # no git on this machine, or no such folder
        return None, ""
    return (stdout, f"git:HEAD:{path}") if status == 0 else (None, "")


def render(b: Build, baseline: tuple[bytes | None, str] = (None, ""),
           baseline_findings: bytes | None = None) -> dict[str, bytes]:
    """Every file of out/ from a build whose checks have run: file name to bytes.
    `baseline` is the committed centers CSV and its label (`committed_centers`),
    the old side of CHANGELOG.md; (None, "") when there is none."""
    from pipeline import __version__
    from pipeline.diff import changelog_markdown, diff_tables
    from pipeline.export.datapackage import PACKAGE_NAME, datapackage_json, raw_files_of, release_version
    from pipeline.export.datasette import metadata_json
    from pipeline.export.geojson import geojson_bytes
    from pipeline.export.report import render_html, render_markdown
    from pipeline.export.sqlite import sqlite_bytes
    from pipeline.export.tables import table_files
    as_of = b.as_of or date.min
    raw = raw_files_of(b.dataset.documents, b.dataset.inputs)
    if b.decisions:
        raw.append((CORRECTIONS, sha256_of((b.raw_dir / CORRECTIONS).read_bytes())))
    raw = sorted(raw)
    # The data version and the as-of date go in every output that can hold them
    # without changing its shape (the JSON and CSV tables cannot).
    data_version = release_version(as_of, raw)
    files = table_files(b.dataset, b.findings)
    files["report.md"] = render_markdown(b.dataset, b.findings, as_of, b.decisions_applied,
                                         data_version).encode("utf-8")
    files["report.html"] = render_html(b.dataset, b.findings, as_of, b.decisions_applied,
                                       data_version).encode("utf-8")
    files["fusion_centers.sqlite"] = sqlite_bytes(b.dataset, b.findings, {
        "dataset": PACKAGE_NAME, "data_version": data_version, "as_of": as_of.isoformat(),
        "pipeline_version": __version__})
    files["fusion_centers.geojson"] = geojson_bytes(b.dataset.centers)
    files["datasette-metadata.json"] = metadata_json(b.dataset.documents)
    files["datapackage.json"] = datapackage_json(files, raw, __version__, documents=b.dataset.documents,
                                                 as_of=as_of, inputs=b.dataset.inputs)
    old, label = baseline
    if old is None:
        files["CHANGELOG.md"] = b"# Changes of this build\n\nNo committed build to compare with.\n"
    else:
        changes = diff_tables(old, files["fusion_centers.csv"], label, "this build", baseline_findings,
                              files["discrepancies.csv"])
        files["CHANGELOG.md"] = changelog_markdown(changes, label, "this build").encode("utf-8")
    return files


def failed_dir(out_dir: Path) -> Path:
    """Where a failed build keeps what its earlier stages produced: `<out>.failed/`."""
    return out_dir.parent / f"{out_dir.name}.failed"


# The checkout this package runs from: an out folder must never be, or hold, it.
PROJECT_ROOT = Path(__file__).resolve().parents[1]


def is_build(folder: Path) -> bool:
    """Whether `folder` was made by this pipeline: it carries the marker, or
    (a build older than the marker) a datapackage.json naming this package."""
    from pipeline.export import MARKER
    from pipeline.export.datapackage import PACKAGE_NAME
    if (folder / MARKER).is_file():
        return True
    try:
        return json.loads((folder / "datapackage.json").read_text(encoding="utf-8")).get("name") == PACKAGE_NAME
    except (OSError, ValueError, AttributeError):
        return False


def check_out_folder(out_dir: Path, raw_dir: Path) -> None:
    """Refuse an out folder whose replacement would lose what is not a build:
    the raw folder, a folder holding it or inside it, the project, a file,
    or a folder with files that no build of this pipeline wrote."""
    try:
        out, raw = out_dir.resolve(), raw_dir.resolve()
    except (OSError, RuntimeError) as exc:  # a symbolic link that loops (RuntimeError before Python 3.13)
        raise PipelineError(f"cannot be resolved to a folder ({exc}).", source=str(out_dir)) from None
    refusal = ""
    if out == PROJECT_ROOT or out in PROJECT_ROOT.parents:
        refusal = f"is or holds the project folder {PROJECT_ROOT}; the build would replace the code."
    elif out == raw:
        refusal = "is the raw folder; the build would replace the sources."
    elif out in raw.parents:
        refusal = f"holds the raw folder {raw_dir}; the build would replace the sources."
    elif raw in out.parents:
        refusal = f"lies inside the raw folder {raw_dir}; every later build would read it as a source."
    elif out.exists() and not out.is_dir():
        refusal = "is not a folder; the build would replace the file."
    elif out.is_dir() and any(out.iterdir()) and not is_build(out):
        refusal = ("is a folder that is not a build of this pipeline (it has no datapackage.json of "
                   "fusion-centers); choose a new or empty folder.")
    if refusal:
        raise PipelineError(refusal, source=str(out_dir))


def build(raw_dir: Path, out_dir: Path, as_of: date | None = None) -> Build:
    """Rebuild out/ from raw/; on failure keep what was extracted in <out>.failed/.

    Refuses an out folder that is not a build (`check_out_folder`) and holds
    the lock beside out/ for the whole run, so a second build fails at once.
    """
    from pipeline.export import MARKER, clear_stale_temporaries, locked, write_atomically, write_plain
    from pipeline.export.tables import stage_files
    check_out_folder(out_dir, raw_dir)
    failed = failed_dir(out_dir)
    b = Build(raw_dir=raw_dir, as_of=as_of)
    with locked(out_dir, "build"):
        clear_stale_temporaries(out_dir.resolve())
        try:
            run(raw_dir, as_of, b)
            files = render(b, committed_centers(out_dir), committed_centers(out_dir, "discrepancies.csv")[0])
            try:
                write_atomically(files, out_dir)
            except OSError as exc:  # name the folder the user gave, not a temporary one
                raise PipelineError(f"cannot be written ({exc.strerror or exc}).", source=str(out_dir),
                                    stage="export") from None
        except PipelineError:
            if (b.extractions or b.dataset) and (not failed.exists() or (failed / MARKER).is_file()):
                shutil.rmtree(failed, ignore_errors=True)  # an earlier failure's leftovers
                try:
                    write_plain(stage_files(b.extractions, b.dataset), failed)
                except OSError:  # the leftovers are a help; the failure itself is what to report
                    pass
            raise
        if (failed / MARKER).is_file():  # an earlier failure's leftovers are stale now
            shutil.rmtree(failed, ignore_errors=True)
    return b
