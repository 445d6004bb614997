"""The run record: one JSON Lines file per `verify` run, in raw/verification/.

Line 1 is the run (format version, date, start time, resolver, User-Agent,
timeout); every further line is one check, websites by address then mail
domains by name, so a finding cites the line of its check. The file is a
source like the documents: the build reads the newest one offline and never
asks the network. `write_run` writes the file and its manifest entry all or
nothing, under the raw folder's lock (the one `fetch` holds).
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pipeline.errors import PipelineError
from pipeline.files import write_file
from pipeline.sources import Entry, Role, load_manifest, sha256_of
from pipeline.verify.results import MAIL_RESULTS, SITE_RESULTS, Hop, MailCheck, SiteCheck

# A run's start as `verify` writes it: a UTC time to the second.
_STARTED = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")

FORMAT = 1  # the record's format version, on line 1
FOLDER = "verification"  # inside the raw folder
SUFFIX = ".jsonl"


@dataclass(frozen=True)
class Run:
    """One verification run: when, through which resolver, and its checks."""

    date: str  # YYYY-MM-DD (UTC) of the start
    started: str  # ISO time (UTC) of the start
    resolver: str
    user_agent: str
    timeout: float
    websites: tuple[SiteCheck, ...] = ()
    mail_domains: tuple[MailCheck, ...] = ()
    connect_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verification:
    """A run read back from its file, with the line of each check."""

    file: str  # relative to the raw folder
    sha256: str
    run: Run
    website_lines: dict[str, int]  # address -> line
    mail_lines: dict[str, int]  # domain -> line
    lines: tuple[str, ...] = ()  # the file's lines, verbatim (line N is lines[N - 1])

    @property
    def day(self) -> date:
        """The date of the run."""
        return date.fromisoformat(self.run.date)

    def website(self, url: str) -> tuple[SiteCheck, int] | None:
        """The check of a published address and its line, None when it was not checked."""
        line = self.website_lines.get(url)
        return None if line is None else (self.run.websites[line - 2], line)

    def mail_domain(self, domain: str) -> tuple[MailCheck, int] | None:
        """The check of a mail domain and its line, None when it was not checked."""
        line = self.mail_lines.get(domain.lower())
        return None if line is None else (self.run.mail_domains[line - 2 - len(self.run.websites)], line)


def file_name(started: str) -> str:
    """The run file's name in the raw folder, from its start time.

    >>> file_name("2026-12-04T18:10:05Z")
    'verification/2026-12-04T181005Z.jsonl'
    """
    return f"{FOLDER}/{started.replace(':', '')}{SUFFIX}"


def _site_json(c: SiteCheck) -> dict[str, Any]:
    obj = {"check": "website", **{f.name: getattr(c, f.name) for f in fields(SiteCheck)
                                  if f.name not in ("hops", "https_try")}}
    obj["hops"] = [asdict(h) for h in c.hops]
    obj["https_try"] = None if c.https_try is None else {k: v for k, v in _site_json(c.https_try).items()
                                                          if k != "check"}
    return obj


def run_text(run: Run) -> str:
    """The run as its file holds it (one JSON object a line, keys in a fixed order)."""
    head = {"verification": FORMAT, "date": run.date, "started": run.started, "resolver": run.resolver,
            "user_agent": run.user_agent, "timeout": run.timeout, "connect_to": list(run.connect_to),
            "websites": len(run.websites), "mail_domains": len(run.mail_domains)}
    lines = [head] + [_site_json(c) for c in run.websites]
    lines += [{"check": "mail-domain", **asdict(m)} for m in run.mail_domains]
    return "".join(json.dumps(obj, ensure_ascii=False) + "\n" for obj in lines)


# --- reading -------------------------------------------------------------------

class _Bad(Exception):
    """A line that is not what the format says."""


def _text(obj: dict, key: str) -> str:
    value = obj.get(key, "")
    if not isinstance(value, str):
        raise _Bad(f'"{key}" is not a text')
    return value


def _int(obj: dict, key: str, optional: bool = False) -> int | None:
    value = obj.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Bad(f'"{key}" is not a whole number')
    return value


def _texts(obj: dict, key: str) -> tuple[str, ...]:
    value = obj.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad(f'"{key}" is not a list of texts')
    return tuple(value)


def _site(obj: Any, depth: int = 0) -> SiteCheck:
    if not isinstance(obj, dict):
        raise _Bad("a website check is not a JSON object")
    result = _text(obj, "result")
    if result not in SITE_RESULTS:
        raise _Bad(f"the result {result!r} is not one of {', '.join(SITE_RESULTS)}")
    hops = obj.get("hops")
    if not isinstance(hops, list) or not hops or not all(isinstance(h, dict) for h in hops):
        raise _Bad('"hops" is not a list of requests')
    parsed = tuple(Hop(_text(h, "url"), _text(h, "method"), _int(h, "status", True), _text(h, "location"),
                       _text(h, "error"), _text(h, "detail"), _int(h, "elapsed_ms")) for h in hops)
    https_try = obj.get("https_try")
    if https_try is not None and depth:
        raise _Bad("an https:// try holds another")
    left = obj.get("left_site", False)
    if not isinstance(left, bool):
        raise _Bad('"left_site" is not true or false')
    return SiteCheck(_text(obj, "url"), result, parsed, _text(obj, "final_url"), _int(obj, "status", True),
                     left, _text(obj, "tls"), None if https_try is None else _site(https_try, depth + 1),
                     _int(obj, "elapsed_ms"))


def _mail(obj: dict) -> MailCheck:
    result = _text(obj, "result")
    if result not in MAIL_RESULTS:
        raise _Bad(f"the result {result!r} is not one of {', '.join(MAIL_RESULTS)}")
    return MailCheck(_text(obj, "domain").lower(), result, _texts(obj, "mx"), _texts(obj, "addresses"),
                     _text(obj, "detail"), _int(obj, "elapsed_ms"))


def parse_run(data: bytes, name: str) -> Run:
    """A run from its file's bytes; a PipelineError names the file and line of what is wrong."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PipelineError(f"is not UTF-8 text (byte {exc.start}).", source=name) from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    websites: list[SiteCheck] = []
    mail: list[MailCheck] = []
    head: dict = {}
    seen: dict[tuple[str, str], int] = {}
    for number, line in enumerate(lines, 1):
        try:
            try:
                obj = json.loads(line)
            except (json.JSONDecodeError, RecursionError):
                raise _Bad("is not a JSON object") from None
            if not isinstance(obj, dict):
                raise _Bad("is not a JSON object")
            if number == 1:
                if obj.get("verification") != FORMAT:
                    raise _Bad(f"does not start a verification run of format {FORMAT}")
                head = obj
                day = _text(obj, "date")
                if len(day) != 10:  # fromisoformat would take 20261204 too
                    raise _Bad(f"the date {day!r} is not of the form YYYY-MM-DD")
                date.fromisoformat(day)
                started = _text(obj, "started")
                # The newest run is chosen by its start: it must be the UTC time the writer gives, on its date.
                if not _STARTED.fullmatch(started) or not started.startswith(day):
                    raise _Bad(f"the start {started!r} is not a UTC time of the form {day}THH:MM:SSZ")
                datetime.fromisoformat(started.replace("Z", "+00:00"))
                continue
            kind = obj.get("check")
            if kind == "website":
                if mail:
                    raise _Bad("a website check after the mail domains")
                websites.append(_site(obj))
                checked = websites[-1].url
            elif kind == "mail-domain":
                mail.append(_mail(obj))
                checked = mail[-1].domain
            else:
                raise _Bad(f"the check {kind!r} is neither website nor mail-domain")
            if (kind, checked) in seen:  # two answers for one check: which one holds cannot be told
                raise _Bad(f"checks {checked} a second time (first on line {seen[kind, checked]})")
            seen[kind, checked] = number
        except (_Bad, ValueError) as exc:
            raise PipelineError(f"{exc}.", source=name, line=number) from None
    if not head:
        raise PipelineError("is empty: a verification run starts with its date and resolver.", source=name)
    if (head.get("websites"), head.get("mail_domains")) != (len(websites), len(mail)):
        raise PipelineError(f"announces {head.get('websites')} websites and {head.get('mail_domains')} mail "
                            f"domains but holds {len(websites)} and {len(mail)}: it is incomplete.", source=name)
    timeout = head.get("timeout")
    return Run(head["date"], _text(head, "started"), _text(head, "resolver"), _text(head, "user_agent"),
               float(timeout) if isinstance(timeout, (int, float)) and not isinstance(timeout, bool) else 0.0,
               tuple(websites), tuple(mail), _texts(head, "connect_to"))


def read_verification(data: bytes, name: str, sha256: str) -> Verification:
    """A run file read and indexed by address and domain."""
    run = parse_run(data, name)
    sites = {c.url: i for i, c in enumerate(run.websites, 2)}
    mail = {m.domain: i for i, m in enumerate(run.mail_domains, 2 + len(run.websites))}
    return Verification(name, sha256, run, sites, mail, tuple(data.decode("utf-8").split("\n")))


# --- writing -------------------------------------------------------------------

def write_run(raw_dir: Path, run: Run) -> str:
    """Write the run's file into the raw folder and list it in the manifest
    (role "verification"), both or neither. Call with the raw folder's lock
    held. Returns the file's name relative to the raw folder."""
    # Imported here: fetch.save brings urllib3 (0.12 s by `python -X importtime -c
    # "import pipeline.build; import pipeline.fetch.save"` at load 15), which every
    # build would pay for this module, and only `verify` writes a run.
    from pipeline.fetch.save import save
    name = file_name(run.started)
    data = run_text(run).encode("utf-8")
    if (raw_dir / name).exists():
        raise PipelineError("already exists: a run started in the same second wrote it.", source=str(raw_dir / name))
    manifest = load_manifest(raw_dir)
    if manifest is None:
        try:
            write_file(raw_dir / name, data)
        except OSError as exc:
            raise PipelineError(f"could not be written ({exc.strerror or exc}); the raw folder is as it was.",
                                source=str(raw_dir)) from None
        return name
    entry = Entry(file=name, role=Role.VERIFICATION, sha256=sha256_of(data), bytes=len(data), form="jsonl",
                  title=f"Verification run of {run.date}",
                  description=f"{len(run.websites)} websites and {len(run.mail_domains)} mail domains checked "
                              f"by python -m pipeline verify, resolver {run.resolver}.")
    # No "retrieved": the build's as-of date is the documents', never a verification's.
    save(manifest, {name: data}, [*manifest.entries, entry])
    return name
