"""Fetch: refresh the raw folder from the web, one new snapshot per address.

Three parts, joined by `pipeline.fetch.run.fetch_sources` under the raw
folder's lock: `transport` (one address downloaded by urllib3 within one
deadline), `judge` (why a download must not become a snapshot, "" when it
may; one judge per kind of input) and `save` (the good snapshots and the
manifest that lists them, all or none; a rejected download and a note of why
kept aside, outside raw/).

This module holds only the settings, so that the command line can show their
defaults without loading urllib3 (and ssl): 0.2 s on every command, measured
with `time python -m pipeline --help`.
"""
from __future__ import annotations

from dataclasses import dataclass

USER_AGENT = "fusion-centers/0.1.0 (dataset pipeline of U.S. fusion centers; urllib3)"


@dataclass(frozen=True)
class Settings:
    """How downloads are made; the `fetch` options of `pipeline.cli` show these defaults.

    `timeout` is the one deadline of an address, from connecting to the last
    byte and through judging what came, retries and their waits included:
    20 s holds the real pages (well under 1 MB) on a slow line. `retries` are
    further attempts after a connection error, a timeout, a body cut short or
    a 5xx answer; `backoff` is urllib3's backoff factor (no wait before the
    first retry, then 2 x backoff, 4 x backoff, ...). `max_bytes` refuses a
    body larger than 20 MB: the real pages are under 1 MB, and 100,000
    synthetic centers make about 30 MB of HTML, which no fetch should meet.
    """

    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    max_bytes: int = 20_000_000
    user_agent: str = USER_AGENT


DEFAULTS = Settings()
