"""The `verify` run: what to check, checked politely, kept as a dated source.

`verify_raw(raw_dir, settings, now)` holds the raw folder's lock (the one
`fetch` holds), asks the resolver for the root's NS (`NoNetwork` at once when
no answer comes: nothing else is asked and raw/ is untouched), reads the
published websites and email domains from the sources (offline, as a build
does), checks each distinct one, a few at a time and one connection per host
at a time, within a deadline per request and one for the run, and writes the
run's file and manifest entry all or nothing.
"""
from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.build import run
from pipeline.errors import PipelineError
from pipeline.fields import EMAIL, WEBSITE
from pipeline.files import locked
from pipeline.verify.domains import check_mail_domain, describe, make_resolver, probe
from pipeline.verify.record import Run, write_run
from pipeline.verify.results import DNS_ERROR, MailCheck
from pipeline.verify.web import Network, check_website, tls_context

PROJECT = "fusion-centers"


@dataclass(frozen=True)
class Settings:
    """How `verify` asks (the options of `python -m pipeline verify`).

    `timeout` bounds one request (DNS question, or connection, TLS and
    headers of one HTTP hop); `run_timeout` the whole run: checks not done by
    then are recorded as not made ("run-deadline"). `probe_timeout` bounds
    the first question (the root's NS), so that a machine without a network
    hears so in a few seconds. `workers` is "a handful in flight": four
    requests at once, never two to one host. `connect_to` holds curl's
    HOST:PORT:ADDR:PORT, parsed.
    """

    timeout: float = 10.0
    run_timeout: float = 300.0
    probe_timeout: float = 3.0
    workers: int = 4
    nameserver: tuple[str, int] | None = None
    connect_to: tuple[tuple[str, int, str, int], ...] = ()
    ca_bundle: str | None = None
    contact: str = ""


def user_agent(version: str, contact: str) -> str:
    """The User-Agent: the project, its version, and the contact the user gave.

    >>> user_agent("0.1.0", "data@example.org")
    'fusion-centers/0.1.0 (contact-data verification; +mailto:data@example.org)'
    """
    about = "contact-data verification" + (f"; +mailto:{contact}" if contact else "")
    return f"{PROJECT}/{version} ({about})"


def parse_connect_to(text: str) -> tuple[str, int, str, int]:
    """curl's `--connect-to HOST:PORT:ADDR:PORT` (IPv6 addresses in brackets); ValueError when not.

    >>> parse_connect_to("www.example.gov:443:127.0.0.1:8443")
    ('www.example.gov', 443, '127.0.0.1', 8443)
    """
    m = re.fullmatch(r"([^:\[\]]+|\[[0-9a-fA-F:.]+\]):(\d{1,5}):([^:\[\]]+|\[[0-9a-fA-F:.]+\]):(\d{1,5})", text)
    if not m or not (0 < int(m[2]) < 65536 and 0 < int(m[4]) < 65536):
        raise ValueError(f"{text!r} is not HOST:PORT:ADDR:PORT")
    return m[1].strip("[]").lower(), int(m[2]), m[3].strip("[]"), int(m[4])


def targets(raw_dir: Path) -> tuple[list[str], list[str]]:
    """The distinct published websites (http and https only) and email domains, sorted.

    They are read as a build reads them (offline): the values published after
    normalization and reviewers' decisions.
    """
    b = run(raw_dir)
    sites, domains = set(), set()
    for c in b.dataset.centers:
        website, email = c.published(WEBSITE), c.published(EMAIL)
        url = getattr(website, "value", website) or ""
        if url and urlsplit(url).scheme.lower() in ("http", "https"):
            sites.add(url)
        address = getattr(email, "value", email) or ""
        if "@" in address:
            domains.add(address.rpartition("@")[2].lower())
    return sorted(sites), sorted(domains)


def check_all(sites: list[str], domains: list[str], settings: Settings, net: Network) -> tuple[list, list]:
    """Every check, `settings.workers` at a time; results in the order asked."""
    def mail(domain: str):
        """One mail domain's check, within what is left of the run's deadline."""
        left = net.time_left()
        if left <= 0:
            return MailCheck(domain, DNS_ERROR, detail="the run's deadline passed before this check")
        return check_mail_domain(net.resolver, domain, left)

    pool = ThreadPoolExecutor(max_workers=settings.workers)
    try:
        site_jobs = [pool.submit(check_website, url, net) for url in sites]
        mail_jobs = [pool.submit(mail, d) for d in domains]
        return [j.result() for j in site_jobs], [j.result() for j in mail_jobs]
    finally:
        # On an interrupt the checks not begun are dropped at once; those under way end within their timeout.
        pool.shutdown(wait=False, cancel_futures=True)


def verify_raw(raw_dir: Path, settings: Settings, now: datetime, version: str) -> tuple[str, Run]:
    """Check every published website and email domain of `raw_dir` and keep
    the run in it; the run's file name (relative to `raw_dir`) and the run.

    Raises NoNetwork (before anything is read or written) when the resolver
    does not answer, PipelineError for a raw folder that cannot be read or written.
    """
    if not raw_dir.is_dir():
        raise PipelineError("is not a folder of source documents.", source=str(raw_dir))
    start = time.monotonic()
    resolver = make_resolver(settings.nameserver, settings.timeout)
    probe(resolver, min(settings.probe_timeout, settings.timeout))
    with locked(raw_dir, "fetch or verify"):
        sites, domains = targets(raw_dir)
        net = Network(resolver, {(h, p): (a, q) for h, p, a, q in settings.connect_to},
                      tls_context(settings.ca_bundle), user_agent(version, settings.contact),
                      settings.timeout, start + settings.run_timeout)
        websites, mail = check_all(sites, domains, settings, net)
        started = now.astimezone(timezone.utc).replace(microsecond=0)
        run = Run(started.date().isoformat(), started.isoformat().replace("+00:00", "Z"), describe(resolver),
                  net.user_agent, settings.timeout, tuple(websites), tuple(mail),
                  tuple(f"{h}:{p}:{a}:{q}" for h, p, a, q in settings.connect_to))
        return write_run(raw_dir, run), run
