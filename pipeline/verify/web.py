"""Websites for `verify`: one address followed hop by hop, headers only.

`check_website(url, net)` asks with HEAD, and with GET only where HEAD is
refused (405 or 501); the GET reads the status line and headers and closes:
no page content is read or kept. Redirects are followed by hand, at most
`MAX_REDIRECTS`, so that each hop is recorded. Each hop is its own
connection, made with the standard library (socket, ssl, http.client),
because the check needs what a higher-level client hides: the address
`--connect-to` names, the host name sent for SNI and checked against the
certificate, and why a certificate was refused (OpenSSL's verify code). A
certificate that fails is a result; the request is never repeated unverified.

A published http:// address whose answer does not end on https is tried once
more as https:// on the same host: when that fails too the site is
plain-http-only.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field, replace
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from publicsuffixlist import PublicSuffixList

try:  # certifi's authorities, used only where the system has none; optional
    import certifi
except ImportError:
    certifi = None

from pipeline.verify.domains import HostError, host_addresses
from pipeline.verify.results import (
    BAD_CERTIFICATE, BAD_REDIRECT, HTTP_ERROR, MOVED_AWAY, NO_ANSWER, OK, PLAIN_HTTP_ONLY, REDIRECT_LOOP, Hop, SiteCheck,
)

MAX_REDIRECTS = 5  # the bound; browsers allow 20, curl 50
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
HEAD_REFUSED = {405, 501}  # Method Not Allowed, Not Implemented (RFC 9110 15.5.6, 15.6.2)
MAX_URL = 2048  # a Location longer than this is no address we follow
_PATH_SAFE = "/%:@!$&'()*+,;=-._~?[]"  # RFC 3986's reserved and unreserved characters: kept as they are

# OpenSSL's verify codes (x509_vfy.h) as the reasons a certificate is refused.
_CERT_REASONS = {9: "not-yet-valid", 10: "expired", 18: "self-signed", 19: "untrusted", 20: "untrusted",
                 21: "untrusted", 23: "revoked", 62: "hostname-mismatch"}

# Shipped with the package (never fetched at run time): the list of public suffixes.
_PSL = PublicSuffixList()


@dataclass(frozen=True)
class Network:
    """How `verify` reaches the world: the resolver, the `--connect-to` map
    ((host, port) to (address, port)), the TLS context (system CAs and any
    `--ca-bundle`), the User-Agent, the per-request timeout, the run's
    deadline (time.monotonic()), and one lock per host."""

    resolver: object
    connect_to: dict[tuple[str, int], tuple[str, int]]
    tls: ssl.SSLContext
    user_agent: str
    timeout: float
    deadline: float
    host_locks: dict[str, threading.Lock] = field(default_factory=dict)
    _locks_lock: threading.Lock = field(default_factory=threading.Lock)

    def host_lock(self, host: str) -> threading.Lock:
        """The lock that keeps one connection per host at a time."""
        with self._locks_lock:
            return self.host_locks.setdefault(host, threading.Lock())

    def time_left(self) -> float:
        """The time one request may take: the timeout, cut by the run's deadline."""
        return min(self.timeout, self.deadline - time.monotonic())


def registered_domain(host: str) -> str:
    """The registered domain of a host (its public suffix and one label more),
    from the public suffix list that ships with `publicsuffixlist`; an IP
    address or a bare suffix is its own.

    >>> registered_domain("www.Fusion.Alabama.gov")
    'alabama.gov'
    >>> registered_domain("a.b.co.uk"), registered_domain("127.0.0.1")
    ('b.co.uk', '127.0.0.1')
    """
    host = host.lower().rstrip(".")
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        pass
    return _PSL.privatesuffix(host) or host


def _ascii_host(host: str) -> str:
    """A host name as sent on the wire: IDNA labels for non-ASCII names."""
    return host.encode("idna").decode("ascii") if not host.isascii() else host


def _fail(url: str, method: str, error: str, detail: str, start: float) -> Hop:
    return Hop(url, method, error=error, detail=detail, elapsed_ms=round((time.monotonic() - start) * 1000))


def _tls_failure(exc: ssl.SSLError) -> tuple[str, str]:
    """A refused handshake as (error, detail): a certificate's reason, or "tls"."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        reason = _CERT_REASONS.get(exc.verify_code, "invalid")
        return "certificate", f"{reason}: {exc.verify_message}"
    return "tls", exc.reason or exc.__class__.__name__


def request(url: str, method: str, net: Network) -> Hop:
    """One request to `url` on its own connection, the status and Location read, then closed.

    The whole request (connecting, TLS, the status line and headers) must end
    within `net.time_left()`: a timer shuts the socket when it passes, so a
    server that answers a byte at a time is cut off too.
    """
    start = time.monotonic()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        host = _ascii_host(parts.hostname or "")
        port = parts.port or (443 if scheme == "https" else 80)
    except (ValueError, UnicodeError) as exc:
        return _fail(url, method, "bad-address", str(exc), start)
    if scheme not in ("http", "https") or not host:
        return _fail(url, method, "bad-address", "not an http or https address", start)
    budget = net.time_left()
    if budget <= 0:
        return _fail(url, method, "run-deadline", "the run's deadline passed before this request", start)
    with net.host_lock(host):
        budget = net.time_left()
        if budget <= 0:
            return _fail(url, method, "run-deadline", "the run's deadline passed before this request", start)
        deadline = time.monotonic() + budget
        target = net.connect_to.get((host, port))
        try:
            addresses = [target] if target else [(a, port) for a in host_addresses(net.resolver, host, budget)]
        except HostError as exc:
            return _fail(url, method, exc.reason, exc.detail, start)
        if not target:
            # A published address (or a redirect) must not make this machine knock on its own
            # network: loopback, private, link-local (cloud metadata) and reserved addresses are
            # never connected to; only --connect-to, the user's own choice, may send a host there.
            shown = ", ".join(a for a, _ in addresses)
            addresses = [a for a in addresses if ipaddress.ip_address(a[0]).is_global]
            if not addresses:
                return _fail(url, method, "not-public", f"{host} is at {shown}, not a public address", start)
        sock = None
        error = ("timeout", f"no connection within {budget:g} s")
        for address in addresses:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            try:
                sock = socket.create_connection(address, timeout=left)
                break
            except ConnectionRefusedError:
                error = ("refused", f"{address[0]} port {address[1]} refused the connection")
            except TimeoutError:
                error = ("timeout", f"no connection within {budget:g} s")
            except OSError as exc:
                error = ("unreachable", exc.strerror or exc.__class__.__name__)
        if sock is None:
            return _fail(url, method, *error, start)
        timer = threading.Timer(max(deadline - time.monotonic(), 0), _shut, (sock,))
        timer.daemon = True
        timer.start()
        try:
            if scheme == "https":
                sock = net.tls.wrap_socket(sock, server_hostname=host)
            conn = http.client.HTTPConnection(host, port, timeout=max(deadline - time.monotonic(), 0.001))
            conn.sock = sock
            # As browsers do: what is not ASCII, spaces and controls percent-encoded (RFC 3986 2.1).
            path = quote(urlunsplit(("", "", parts.path or "/", parts.query, "")), safe=_PATH_SAFE)
            conn.request(method, path, headers={"User-Agent": net.user_agent, "Accept": "*/*",
                                                "Connection": "close"})
            response = conn.getresponse()
            status, location = response.status, (response.getheader("Location") or "").strip()
            response.close()  # a GET's body is never read
            elapsed = round((time.monotonic() - start) * 1000)
            return Hop(url, method, status, location, elapsed_ms=elapsed)
        except ssl.SSLError as exc:
            if not isinstance(exc, ssl.SSLCertVerificationError) and time.monotonic() >= deadline - 0.01:
                return _fail(url, method, "timeout", f"no complete answer within {budget:g} s", start)
            return _fail(url, method, *_tls_failure(exc), start)
        except (TimeoutError, socket.timeout):
            return _fail(url, method, "timeout", f"no complete answer within {budget:g} s", start)
        except (http.client.HTTPException, OSError) as exc:
            if time.monotonic() >= deadline - 0.01:
                return _fail(url, method, "timeout", f"no complete answer within {budget:g} s", start)
            return _fail(url, method, "broken", f"{exc.__class__.__name__}: {exc}"[:200], start)
        finally:
            timer.cancel()
            try:
                sock.close()
            except OSError:
                pass


def _shut(sock: socket.socket) -> None:
    """End a request that ran past its deadline: a blocked read returns at once."""
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _ask(url: str, net: Network) -> Hop:
    """HEAD, then GET when the server refuses HEAD."""
    hop = request(url, "HEAD", net)
    if hop.status in HEAD_REFUSED:
        hop = request(url, "GET", net)
    return hop


def _follow(url: str, net: Network) -> tuple[list[Hop], str]:
    """The hops from `url` until an answer that is no redirect; the second
    item is why following stopped early ("" when it did not)."""
    hops: list[Hop] = []
    seen = set()
    while True:
        seen.add(url)
        hop = _ask(url, net)
        hops.append(hop)
        if hop.status not in REDIRECT_STATUSES:
            return hops, ""
        if not hop.location:
            return hops, BAD_REDIRECT
        try:
            following = urljoin(url, hop.location)
            scheme = urlsplit(following).scheme.lower()
        except ValueError:
            return hops, BAD_REDIRECT
        if scheme not in ("http", "https") or len(following) > MAX_URL:
            return hops, BAD_REDIRECT
        if following in seen or len(hops) > MAX_REDIRECTS:
            return hops, REDIRECT_LOOP
        url = following


def _result(url: str, hops: list[Hop], stopped: str) -> tuple[str, str]:
    """The result and TLS verdict of a followed chain (before any https:// try)."""
    last = hops[-1]
    if last.error == "certificate":
        return BAD_CERTIFICATE, last.detail.split(":", 1)[0]
    if last.error:
        return NO_ANSWER, ""
    tls = "valid" if urlsplit(last.url).scheme.lower() == "https" else "none"
    if stopped:
        return stopped, tls
    if registered_domain(urlsplit(last.url).hostname or "") != registered_domain(urlsplit(url).hostname or ""):
        return MOVED_AWAY, tls
    if last.status is not None and last.status >= 400:
        return HTTP_ERROR, tls
    return OK, tls


def https_of(url: str) -> str:
    """The https:// address on the same host (its default port), path and query kept.

    >>> https_of("http://www.example.gov:8080/fusion?x=1")
    'https://www.example.gov/fusion?x=1'
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    return urlunsplit(("https", f"[{host}]" if ":" in host else host, parts.path, parts.query, ""))


def check_website(url: str, net: Network, upgrade: bool = True) -> SiteCheck:
    """Follow `url` to its last answer and tell what it gave (see the module docstring)."""
    start = time.monotonic()
    hops, stopped = _follow(url, net)
    result, tls = _result(url, hops, stopped)
    last = hops[-1]
    check = SiteCheck(url, result, tuple(hops), final_url="" if last.error else last.url, status=last.status,
                      left_site=not last.error and registered_domain(urlsplit(last.url).hostname or "")
                      != registered_domain(urlsplit(url).hostname or ""), tls=tls)
    parts = urlsplit(url)
    if upgrade and parts.scheme.lower() == "http" and tls != "valid" and result != BAD_CERTIFICATE:
        https_try = check_website(https_of(url), net, upgrade=False)
        if result == NO_ANSWER and https_try.result != NO_ANSWER:
            # The published http:// address is dead, https:// on its host answers: that is the site now.
            check = replace(https_try, url=url, hops=check.hops + https_try.hops)
        elif result == OK and https_try.result not in (OK, HTTP_ERROR, MOVED_AWAY):
            check = replace(check, result=PLAIN_HTTP_ONLY)
        check = replace(check, https_try=https_try)
    return replace(check, elapsed_ms=round((time.monotonic() - start) * 1000))


def tls_context(ca_bundle: str | None) -> ssl.SSLContext:
    """The system's trusted authorities (certifi's when the system has none),
    and those of `ca_bundle` besides. Hostname and date are always checked."""
    context = ssl.create_default_context()
    if not context.cert_store_stats().get("x509_ca"):
        if certifi is not None:
            context.load_verify_locations(certifi.where())
    if ca_bundle:
        context.load_verify_locations(ca_bundle)
    return context
