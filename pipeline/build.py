"""The whole build: read raw/, extract, normalize, check, export to out/.

Each stage's failure is a `PipelineError` that names the stage; what earlier
stages produced is written to `<out>.failed/` for inspection, and out/ is
left as it was.
"""
from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from pipeline import PROJECT_ROOT, __version__
from pipeline.check import run_checks, sort_key
from pipeline.corrections import parse_corrections
from pipeline.diff import changelog_markdown, diff_rows, git_show
from pipeline.dotgov import DOTGOV_FILE, DotGov, read_dotgov
from pipeline.errors import PipelineError
from pipeline.export.datapackage import PACKAGE_NAME, datapackage_json, raw_files_of, release_version
from pipeline.export.datasette import metadata_json
from pipeline.export.geojson import geojson_chunks
from pipeline.export.report import render_html, render_markdown, report_context
from pipeline.export.sqlite import sqlite_chunks
from pipeline.export.tables import (
    CENTER_COLUMNS, FINDING_COLUMNS, center_row, csv_cells, finding_row, stage_files, table_files,
)
from pipeline.extract import MIN_YIELD_SHARE, extract_document, sniff_form
from pipeline.files import (
    MARKER, Content, clear_stale_temporaries, locked, read_regular, write_atomically, write_plain,
)
from pipeline.normalize.dataset import normalize
from pipeline.records import Dataset, Decision, DecisionKind, Extraction, Finding, InputFile
from pipeline.register import REGISTER_FILE, parse_register
from pipeline.sources import (
    CORRECTIONS, MAX_CORRECTIONS_BYTES, Manifest, RawFile, Role, load_manifest, read_raw_folder, sha256_of,
)
from pipeline.text import is_web_address, name_key
from pipeline.verify.attach import attach, newest_verification
from pipeline.verify.record import Verification


@dataclass(frozen=True)
class Inputs:
    """What the read stage gives: the manifest, the reviewers' decisions (and
    the sha256 of their file, "" without one), the documents for the readers,
    the inputs that are no documents, the .gov registry and the newest
    verification run when there are."""

    manifest: Manifest | None
    decisions: tuple[Decision, ...]
    corrections_sha256: str
    documents: tuple[RawFile, ...]
    inputs: tuple[InputFile, ...]
    dotgov: DotGov | None
    verification: Verification | None  # the newest verification run in the raw folder, if any
    register: tuple = ()  # the id register's entries (pipeline.register), when the raw folder holds it


@dataclass(frozen=True)
class Build:
    """A build whose checks have run: the raw folder, the as-of date, what was
    read, and what each stage produced."""

    raw_dir: Path
    as_of: date | None
    read: Inputs
    extractions: tuple[Extraction, ...]
    dataset: Dataset
    findings: tuple[Finding, ...]

    @property
    def manifest(self) -> Manifest | None:
        """The raw folder's manifest, None when it has none."""
        return self.read.manifest

    @property
    def decisions(self) -> tuple[Decision, ...]:
        """The reviewers' decisions read, in file order."""
        return self.read.decisions

    @property
    def decisions_applied(self) -> list[Decision]:
        """The decisions that changed what is published or a finding's status, in file order."""
        not_applied = {(f.source, f.line) for f in self.findings if f.code.startswith("CORRECTION_")}
        return [o.decision for o in self.dataset.decisions
                if not o.issue and (o.decision.ref.source, o.decision.ref.line) not in not_applied]


class StageFailed(PipelineError):
    """A stage's failure, with what the stages before it produced (kept in
    `<out>.failed/` for inspection)."""

    def __init__(self, error: PipelineError, stage: str, extractions: Sequence[Extraction] = (),
                 dataset: Dataset | None = None) -> None:
        super().__init__(error.message, source=error.source, line=error.line, page=error.page,
                         stage=error.stage or stage)
        self.extractions = tuple(extractions)
        self.dataset = dataset


def reference_date(manifest: Manifest | None, extractions: Sequence[Extraction]) -> date | None:
    """The date ages are measured against: the latest retrieval date in the
    manifest, else the latest publication date of any page. Never the clock,
    so a rebuild of the same sources gives the same bytes."""
    dates = ([e.retrieved[:10] for e in manifest.entries if e.retrieved and e.input_role == Role.DOCUMENT]
             if manifest is not None else [])
    if not dates:  # no manifest: the newest page's own date
        dates = [d.published for x in extractions for d in x.documents if d.published]
    return date.fromisoformat(max(dates)) if dates else None


def input_file(f: RawFile) -> InputFile:
    """An input that is no document, as the sources table and the data package list it."""
    e = f.entry
    return InputFile(f.name, f.sha256, str(f.role), url=_web(f.url), title=e.title if e else "",
                     retrieved=e.retrieved[:10] if e else "", license=e.license if e else "",
                     license_url=_web(e.license_url) if e else "")


def _web(address: str) -> str:
    """`address` if it is an absolute http(s) address, else "": no other is written as a link."""
    return address if is_web_address(address) else ""


def read_inputs(raw_dir: Path) -> Inputs:
    """The read stage: the manifest, the decisions and every file of the raw folder."""
    manifest = load_manifest(raw_dir)
    path = raw_dir / CORRECTIONS
    decisions: list[Decision] = []
    corrections_sha256 = ""
    if path.exists() or path.is_symlink():
        data = read_regular(path, MAX_CORRECTIONS_BYTES)
        decisions = parse_corrections(data, str(path))
        corrections_sha256 = sha256_of(data)
    raw_files = read_raw_folder(raw_dir)
    registry = next((f for f in raw_files if f.name == DOTGOV_FILE and f.role == Role.REFERENCE), None)
    dotgov = (read_dotgov(registry.data, str(raw_dir / registry.name), registry.sha256, name=registry.name)
              if registry else None)
    held = next((f for f in raw_files if f.name == REGISTER_FILE and f.role == Role.REGISTER), None)
    register = parse_register(held.data, str(raw_dir / held.name)) if held else ()
    return Inputs(manifest, tuple(decisions), corrections_sha256,
                  tuple(f for f in raw_files if f.role == Role.DOCUMENT),
                  tuple(input_file(f) for f in raw_files if f.role != Role.DOCUMENT), dotgov,
                  newest_verification(raw_files), register)


def normalize_all(extractions: Sequence[Extraction], read: Inputs,
                  decisions: Sequence[Decision] | None = None) -> Dataset:
    """The normalize stage: the centers, the reviewers' decisions applied (all
    that were read, unless `decisions` names fewer), and the newest
    verification run's results attached."""
    decisions = read.decisions if decisions is None else decisions
    return attach(normalize(extractions, decisions, inputs=read.inputs, dotgov=read.dotgov,
                            register=read.register), read.verification, read.dotgov)


def unfired_accepts(dataset: Dataset, findings: Sequence[Finding]) -> set[tuple[str, int]]:
    """The `accept` decisions normalize applied whose code does not fire on
    their center and field (by file and line): an accept holds only while its
    finding fires, and check has told each as CORRECTION_STALE."""
    firing = {(f.center_id, f.field, f.code) for f in findings}
    return {(o.decision.ref.source, o.decision.ref.line) for o in dataset.decisions
            if not o.issue and o.decision.decision == DecisionKind.ACCEPT
            and (o.decision.center_id, o.decision.field, o.decision.code) not in firing}


def extract_all(raw_dir: Path, documents: Sequence[RawFile]) -> tuple[Extraction, ...]:
    """The extract stage: each document's raw records, in file order. A
    document that cannot be read fails the stage with the ones read before it."""
    extractions: list[Extraction] = []
    for f in documents:
        form = sniff_form(f.data)
        if f.entry is not None and f.entry.form and f.entry.form != form:
            raise StageFailed(PipelineError(
                f"reads as {form} by its content, but the manifest says its form is {f.entry.form!r}; correct "
                f"the manifest's entry.", source=str(raw_dir / f.name)), "extract", extractions)
        try:
            listed = (*f.entry.addresses, f.entry.redirected_to) if f.entry and f.entry.addresses else ()
            extractions.append(extract_document(f.data, f.name, f.sha256, charset=f.charset, fallback_url=f.url,
                                                retrieved=f.entry.retrieved[:10] if f.entry else "",
                                                listed=tuple(u for u in listed if u)))
        except PipelineError as exc:
            raise StageFailed(exc, "extract", extractions) from None
    if not any(x.list_entries or x.blocks for x in extractions):
        raise StageFailed(PipelineError("hold neither a list of fusion centers nor a contact listing.",
                                        source=str(raw_dir)), "extract", extractions)
    try:
        check_blocks_for_list(extractions, str(raw_dir))
    except PipelineError as exc:
        raise StageFailed(exc, "extract", extractions) from None
    return tuple(extractions)


def check_blocks_for_list(extractions: Sequence[Extraction], raw_dir: str) -> None:
    """Stop when the lists name centers and the documents give contact blocks,
    but for fewer than MIN_YIELD_SHARE of them: a listing was read only in part
    (a page the reader stopped short in), and a build would publish the list's
    names without their contact data as dozens of findings. A raw folder of the
    list alone is built (each center an error of its own); a page served in the
    listing's place is the bot-wall check's (`extract_document`). The refusal
    names the documents other than the lists, and what each gave."""
    names = {name_key(e.name) for x in extractions for e in x.list_entries} - {""}
    blocks = sum(len(x.blocks) for x in extractions)
    if not blocks or blocks >= MIN_YIELD_SHARE * len(names):
        return  # no listing at all is the list alone: each center has its LIST_ENTRY_WITHOUT_BLOCK
    others = [x for x in extractions if not x.list_entries or x.blocks]
    gave = "; ".join(f"{x.documents[0].source} gives {len(x.blocks)}" for x in others) or "no other document is there"
    source = others[0].documents[0].source if len(others) == 1 else raw_dir
    raise PipelineError(f"the lists name {len(names)} fusion centers but the documents give contact blocks for "
                        f"only {blocks} ({gave}): the contact listing was not read; check that it is the "
                        "listing page, whole.", source=source)


T = TypeVar("T")


def _stage(name: str, step: Callable[..., T], *args, extractions: Sequence[Extraction] = (),
           dataset: Dataset | None = None, **kwargs) -> T:
    """Run one stage; its PipelineError names the stage and carries what the
    stages before it produced."""
    try:
        return step(*args, **kwargs)
    except StageFailed:
        raise
    except PipelineError as exc:
        raise StageFailed(exc, name, extractions, dataset) from None


def run(raw_dir: Path, as_of: date | None = None) -> Build:
    """Run every stage up to the checks; nothing is written. A stage's failure
    is a `StageFailed` that holds what the stages before it produced."""
    read = _stage("read", read_inputs, raw_dir)
    extractions = _stage("extract", extract_all, raw_dir, read.documents)
    as_of = as_of or reference_date(read.manifest, extractions)
    dataset = _stage("normalize", normalize_all, extractions, read, extractions=extractions)
    findings = _stage("check", run_checks, dataset, as_of or date.min, extractions=extractions, dataset=dataset)
    dropped = unfired_accepts(dataset, findings)
    if dropped:  # normalized again without them, so that their values are published nowhere
        told = [f for f in findings if f.code == "CORRECTION_STALE" and (f.source, f.line) in dropped]
        kept = [d for d in read.decisions if (d.ref.source, d.ref.line) not in dropped]
        dataset = _stage("normalize", normalize_all, extractions, read, kept, extractions=extractions)
        findings = sorted([*_stage("check", run_checks, dataset, as_of or date.min, extractions=extractions,
                                   dataset=dataset), *told], key=sort_key)
    return Build(raw_dir, as_of, read, extractions, dataset, tuple(findings))


def committed_centers(out_dir: Path, name: str = "fusion_centers.csv") -> tuple[bytes | None, str]:
    """The fusion_centers.csv (or the file `name`) committed at git HEAD for
    this out folder, if any.

    This is the baseline of CHANGELOG.md: "what this build changes in the
    published dataset" (its centers, and its findings). Outside a git work
    tree there is none.
    """
    folder = out_dir.resolve()
    path = f"./{folder.name}/{name}"  # "./": relative to the -C folder
    try:
        status, stdout, _ = git_show("HEAD", path, folder.parent)
    except OSError:  # no git on this machine, or no such folder
        return None, ""
    return (stdout, f"git:HEAD:{path}") if status == 0 else (None, "")


def _later(text: Callable[[], str]) -> Iterator[bytes]:
    """A text output as UTF-8, made when it is written (and let go once written)."""
    yield text().encode("utf-8")


def render(b: Build, baseline: tuple[bytes | None, str] = (None, ""),
           baseline_findings: bytes | None = None) -> dict[str, Content]:
    """Every file of out/ from a build whose checks have run: file name to its
    bytes, or, for the large ones, to a generator that makes them a chunk at a
    time as they are written (`pipeline.files.write_atomically`).
    `baseline` is the committed centers CSV and its label (`committed_centers`),
    the old side of CHANGELOG.md; (None, "") when there is none; with
    `baseline_findings`, the committed findings, CHANGELOG.md compares those too."""
    as_of = b.as_of or date.min
    raw = raw_files_of(b.dataset.documents, b.dataset.inputs)
    if b.decisions:
        raw.append((CORRECTIONS, b.read.corrections_sha256))
    raw = sorted(raw)
    # The data version and the as-of date go in every output that can hold them
    # without changing its shape (the JSON and CSV tables cannot).
    data_version = release_version(as_of, raw)
    files = table_files(b.dataset, b.findings)
    report = report_context(b.dataset, b.findings, as_of, b.decisions_applied, data_version)
    files["report.md"] = _later(lambda: render_markdown(report))
    files["report.html"] = _later(lambda: render_html(report))
    files["fusion_centers.sqlite"] = sqlite_chunks(b.dataset, b.findings, {
        "dataset": PACKAGE_NAME, "data_version": data_version, "as_of": as_of.isoformat(),
        "pipeline_version": __version__})
    files["fusion_centers.geojson"] = geojson_chunks(b.dataset.centers)
    files["datasette-metadata.json"] = metadata_json(b.dataset.documents)
    files["datapackage.json"] = datapackage_json(files, raw, __version__, documents=b.dataset.documents,
                                                 as_of=as_of, inputs=b.dataset.inputs)
    old, label = baseline
    if old is None:
        files["CHANGELOG.md"] = b"# Changes of this build\n\nNo committed build to compare with.\n"
    else:
        centers = {c.id: csv_cells(center_row(c), CENTER_COLUMNS) for c in b.dataset.centers}
        findings = [csv_cells(finding_row(f), FINDING_COLUMNS) for f in b.findings]
        changes = diff_rows(old, label, CENTER_COLUMNS, centers, baseline_findings, findings)
        files["CHANGELOG.md"] = changelog_markdown(changes, label, "this build").encode("utf-8")
    return files


def failed_dir(out_dir: Path) -> Path:
    """Where a failed build keeps what its earlier stages produced: `<out>.failed/`."""
    return out_dir.parent / f"{out_dir.name}.failed"


# The checkout this package runs from: an out folder must never be, or hold, it.


def is_build(folder: Path) -> bool:
    """Whether `folder` was made by this pipeline: it carries the marker, or
    (a build older than the marker) a datapackage.json naming this package."""
    if (folder / MARKER).is_file():
        return True
    try:
        return json.loads((folder / "datapackage.json").read_text(encoding="utf-8")).get("name") == PACKAGE_NAME
    except (OSError, ValueError, AttributeError):
        return False


def check_out_folder(out_dir: Path, raw_dir: Path) -> None:
    """Refuse an out folder whose replacement would lose what is not a build:
    the raw folder, a folder holding it or inside it, the project, a file,
    a folder with files that no build of this pipeline wrote, or an out folder
    whose `<out>.failed/` would be, hold or lie inside the raw folder."""
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
    elif raw == failed_dir(out) or failed_dir(out) in raw.parents or raw in failed_dir(out).parents:
        refusal = (f"would keep a failed build's leftovers in {failed_dir(out_dir)}, which is, holds or lies "
                   f"inside the raw folder {raw_dir}; choose another out folder.")
    elif out.exists() and not out.is_dir():
        refusal = "is not a folder; the build would replace the file."
    elif out.is_dir() and any(out.iterdir()) and not is_build(out):
        refusal = ("is a folder that is not a build of this pipeline (it has no datapackage.json of "
                   "fusion-centers); choose a new or empty folder.")
    if refusal:
        raise PipelineError(refusal, source=str(out_dir))


def _keep_leftovers(failed: Path, extractions: Sequence[Extraction], dataset: Dataset | None) -> None:
    """Write what the stages produced before a failure into `<out>.failed/`,
    replacing an earlier failure's leftovers (never a folder without the marker)."""
    if not (extractions or dataset) or (failed.exists() and not (failed / MARKER).is_file()):
        return
    shutil.rmtree(failed, ignore_errors=True)
    try:
        write_plain(stage_files(extractions, dataset), failed)
    except OSError:  # the leftovers are a help; the failure itself is what to report
        pass


def refuse_foreign_files(out_dir: Path, files: dict[str, Content]) -> None:
    """Refuse to replace an out folder that holds a file this build would not
    write (a reader's own notes): the folder is swapped whole, so it would be
    lost. Nothing is written; the user moves the file and builds again. A
    build older than the marker is replaced whole, as before: its files are
    all the pipeline's."""
    if not (out_dir / MARKER).is_file():
        return
    written = set(files) | {MARKER}
    for path in sorted(out_dir.rglob("*")):
        name = path.relative_to(out_dir).as_posix()
        if (path.is_file() or path.is_symlink()) and name not in written:
            raise PipelineError("is a file no build writes; the build replaces its folder whole and would lose it: "
                                "move it out of the folder and build again.", source=str(path))


def build(raw_dir: Path, out_dir: Path, as_of: date | None = None) -> Build:
    """Rebuild out/ from raw/; on failure keep what was extracted in <out>.failed/.

    Refuses an out folder that is not a build (`check_out_folder`) and holds
    the lock beside out/ for the whole run, so a second build fails at once.
    """
    check_out_folder(out_dir, raw_dir)
    failed = failed_dir(out_dir)
    with locked(out_dir, "build"):
        clear_stale_temporaries(out_dir.resolve())
        try:
            b = run(raw_dir, as_of)
            files = _stage("export", render, b, committed_centers(out_dir),
                           committed_centers(out_dir, "discrepancies.csv")[0], extractions=b.extractions,
                           dataset=b.dataset)
            refuse_foreign_files(out_dir, files)
            try:  # the large files are made as they are written: a failure there is the export's
                _stage("export", write_atomically, files, out_dir, extractions=b.extractions, dataset=b.dataset)
            except OSError as exc:  # name the folder the user gave, not a temporary one
                raise StageFailed(PipelineError(f"cannot be written ({exc.strerror or exc}).", source=str(out_dir)),
                                  "export", b.extractions, b.dataset) from None
        except StageFailed as exc:
            _keep_leftovers(failed, exc.extractions, exc.dataset)
            raise
        if (failed / MARKER).is_file():  # an earlier failure's leftovers are stale now
            shutil.rmtree(failed, ignore_errors=True)
    return b
