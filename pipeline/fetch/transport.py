"""Transport: one address downloaded by urllib3 within one deadline.

urllib3 makes each attempt and decides retries and their waits (its `Retry`)
and how long each wait on the network may last (its `Timeout`); both are cut
to one monotonic deadline per address, which the body's reading also checks
once per chunk. A name that cannot be resolved is not tried again: without a
network every later name fails too.
"""
from __future__ import annotations

import http
import math
import re
import time
import urllib.request
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import (
    DecodeError, HTTPError, MaxRetryError, NameResolutionError, NewConnectionError, ProtocolError,
    TimeoutError as UrllibTimeout,
)
from urllib3.util.retry import RequestHistory, Retry
from urllib3.util.timeout import Timeout

from pipeline.fetch import Settings

_CHUNK = 64 * 1024
# Bot walls answer 200 with a challenge page, or refuse outright.
BOT_WALL_STATUSES = {403, 429}
_CHARSET = re.compile(r";\s*charset\s*=\s*\"?([A-Za-z0-9._:-]+)", re.I)
ACCEPT = "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5"


@dataclass(frozen=True)
class Download:
    """What one address gave after retries. `problem` is "" when the transfer
    itself succeeded: a 2xx answer, complete and within the size limit.
    `deadline` is the address's (time.monotonic()), which judging keeps to."""

    url: str
    http_status: int | None
    content_type: str
    data: bytes  # decoded when the server sent it gzip- or deflate-encoded
    attempts: int
    problem: str = ""
    final_url: str = ""
    content_encoding: str = ""
    deadline: float = math.inf
    unresolved: str = ""  # the host name that could not be resolved, if that is the problem

    @property
    def charset(self) -> str:
        """The charset the Content-Type header gives, lower-cased ("" when none)."""
        m = _CHARSET.search(self.content_type)
        return m.group(1).lower() if m else ""


class _Truncated(ProtocolError):
    """The body ended before its announced length (worth another try, as a read error)."""

    def __init__(self, message: str, partial: bytes) -> None:
        super().__init__(message)
        self.partial = partial


class _DeadlineTimeout(Timeout):
    """urllib3's Timeout whose every wait (connecting, each read) ends by `deadline`."""

    def __init__(self, deadline: float) -> None:
        super().__init__(connect=1.0, read=1.0)
        self.deadline = deadline

    def clone(self) -> _DeadlineTimeout:
        """A copy for one request (urllib3 clones the timeout it is given)."""
        return _DeadlineTimeout(self.deadline)

    def _left(self) -> float:
        return max(self.deadline - time.monotonic(), 0.001)  # 0 would make the socket non-blocking

    @property
    def connect_timeout(self) -> float:
        """The longest connecting may wait: until the deadline."""
        return self._left()

    @property
    def read_timeout(self) -> float:
        """The longest one read may wait: until the deadline."""
        return self._left()


class _DeadlineRetry(Retry):
    """urllib3's Retry, exhausted once no further try fits before `deadline`,
    and never for a name that cannot be resolved. Each new state is appended
    to `trail`, so the attempts made are known even when urllib3 gives up."""

    def __init__(self, *args, deadline: float = math.inf, trail: list | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.deadline = deadline
        self.trail = trail if trail is not None else []

    def new(self, **kw) -> _DeadlineRetry:
        """urllib3's next state, with the same deadline and trail."""
        retry = super().new(**kw)
        retry.deadline, retry.trail = self.deadline, self.trail
        self.trail.append(retry)
        return retry

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        """urllib3's next state after a failure; a name that cannot be resolved ends the tries at once."""
        if isinstance(error, NameResolutionError):
            self.new(history=(*self.history, RequestHistory(method, url, error, None, None)))  # into the trail
            raise MaxRetryError(_pool, url or "", error) from error
        return super().increment(method, url, response, error, _pool, _stacktrace)

    def is_exhausted(self) -> bool:
        """Whether no try is left: urllib3's counts, or no time for another before the deadline."""
        return super().is_exhausted() or time.monotonic() + self.get_backoff_time() >= self.deadline

    def failures(self) -> int:
        """The failed attempts urllib3 gave up after (a redirect is part of an attempt)."""
        last = self.trail[-1] if self.trail else self
        return sum(1 for step in last.history if not step.redirect_location)


def _attempts(retry: Retry | None) -> int:
    """The attempts made up to the one whose state `retry` is (a redirect is part of an attempt)."""
    return 1 + sum(1 for step in (retry.history if retry is not None else ()) if not step.redirect_location)


def _pool(url: str) -> urllib3.PoolManager:
    """A connection pool, through the proxy the environment names for this
    address (http_proxy, https_proxy, no_proxy), as urllib and browsers do."""
    proxy = urllib.request.getproxies().get(urlsplit(url).scheme)
    if proxy and not urllib.request.proxy_bypass(urlsplit(url).hostname or ""):
        return urllib3.ProxyManager(proxy)
    return urllib3.PoolManager()


def _read_body(response: urllib3.BaseHTTPResponse, deadline: float, max_bytes: int) -> tuple[bytes, str]:
    """The body (decoded) and a problem ("" when none), read by the deadline.

    Raises `_Truncated` for a body cut short, urllib3's TimeoutError when the
    deadline passes (checked once per chunk; each read waits at most until it).
    """
    declared = (response.headers.get("Content-Length") or "").strip()
    length = int(declared) if declared.isdigit() else None
    if length is not None and length > max_bytes:
        return b"", f"exceeds the size limit of {max_bytes} bytes ({length} bytes announced)"
    chunks: list[bytes] = []
    total = 0
    while True:
        if time.monotonic() >= deadline:
            raise UrllibTimeout("the deadline passed while the body was read")
        try:
            chunk = response.read1(_CHUNK)
        except (UrllibTimeout, DecodeError):
            raise
        except HTTPError:  # urllib3's IncompleteRead or ProtocolError: the connection closed early
            shown = f"{total} of the {length} bytes announced" if length is not None else f"{total} bytes"
            raise _Truncated(f"was truncated: received {shown}", b"".join(chunks)) from None
        if not chunk:
            return b"".join(chunks), ""
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            return (b"".join(chunks)[:max_bytes],
                    f"exceeds the size limit of {max_bytes} bytes (only the first {max_bytes} were read)")


def _final_url(url: str, redirects: Retry | None) -> str:
    """The address the redirects of the last attempt led to from `url`."""
    for step in redirects.history if redirects is not None else ():
        if step.redirect_location:
            url = urljoin(url, step.redirect_location)
    return url


def _problem(error: BaseException, timeout: float, encoding: str = "") -> str:
    """A failed attempt's error as the end of a sentence about an address."""
    if isinstance(error, NameResolutionError):
        return f"could not be reached: the name {error.conn.host} cannot be resolved (no network, or no name server)"
    if isinstance(error, (UrllibTimeout, TimeoutError)) and not isinstance(error, NewConnectionError):
        return f"timed out (no complete answer within {timeout:g} s)"
    if isinstance(error, DecodeError):
        return (f"sent a body marked Content-Encoding: {encoding or '(none)'} that cannot be decoded as "
                f"{encoding or 'such'}")
    if isinstance(error, _Truncated):
        return str(error)
    cause = error.__cause__ or error.__context__
    shown = cause if isinstance(cause, OSError) else error  # urllib3's own message holds an object's repr
    return f"could not be reached ({shown.__class__.__name__}: {shown})"


def _status_problem(status: int) -> str:
    phrase = f" {http.HTTPStatus(status).phrase}" if status in set(http.HTTPStatus) else ""
    wall = ", the answer of a captcha or bot wall to automated clients" if status in BOT_WALL_STATUSES else ""
    return f"answered HTTP {status}{phrase}{wall}"


def _after(problem: str, attempts: int) -> str:
    return f"{problem}, after {attempts} attempts" if problem and attempts > 1 else problem


def download(url: str, settings: Settings) -> Download:
    """Fetch one address by its deadline (`settings.timeout` from now), which
    bounds connecting, waiting and reading, retries and their waits included.
    urllib3 follows redirects and retries a connection error, a timeout or a
    5xx answer; a body cut short is tried again here, on the same `Retry`."""
    deadline = time.monotonic() + settings.timeout
    retry = _DeadlineRetry(total=settings.retries, status_forcelist=range(500, 600), backoff_factor=settings.backoff,
                           respect_retry_after_header=False, raise_on_status=False, redirect=5,
                           raise_on_redirect=False, deadline=deadline)
    headers = {"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate", "Accept": ACCEPT}
    pool = _pool(url)
    while True:
        try:
            response = pool.request("GET", url, headers=headers, retries=retry, preload_content=False,
                                    timeout=_DeadlineTimeout(deadline))
        except MaxRetryError as exc:
            attempts = max(retry.failures(), 1)
            unresolved = exc.reason.conn.host if isinstance(exc.reason, NameResolutionError) else ""
            return Download(url, None, "", b"", attempts, _after(_problem(exc.reason, settings.timeout), attempts),
                            deadline=deadline, unresolved=unresolved)
        except (HTTPError, ValueError) as exc:  # an address urllib3 cannot use
            return Download(url, None, "", b"", 1, f"is not an address that can be fetched ({exc})",
                            deadline=deadline)
        done = response.retries if isinstance(response.retries, _DeadlineRetry) else retry
        attempts = _attempts(response.retries)
        encoding = response.headers.get("Content-Encoding", "")
        meta = dict(url=url, http_status=response.status, content_type=response.headers.get("Content-Type", ""),
                    attempts=attempts, final_url=_final_url(url, response.retries),
                    content_encoding=encoding, deadline=deadline)
        try:
            data, problem = _read_body(response, deadline, settings.max_bytes)
        except _Truncated as exc:
            try:
                retry = done.increment("GET", url, error=exc)
            except MaxRetryError:
                return Download(data=exc.partial, problem=_after(str(exc), meta["attempts"]), **meta)
            retry.sleep()
            continue
        except (UrllibTimeout, DecodeError) as exc:
            return Download(data=b"", problem=_after(_problem(exc, settings.timeout, encoding), meta["attempts"]),
                            **meta)
        finally:
            response.release_conn()
        if not problem and not 200 <= response.status < 300:
            problem = _status_problem(response.status)
        return Download(data=data, problem=_after(problem, meta["attempts"]), **meta)
