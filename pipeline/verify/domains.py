"""DNS for `verify`: the resolver, the network probe, mail domains and host addresses.

Every question goes through one dnspython resolver: the system's
(/etc/resolv.conf), or the one server `--nameserver ADDR:PORT` names. A mail
domain's check is its DNS answer and nothing else: no mail server is ever
connected to.
"""
from __future__ import annotations

import ipaddress
import time

import dns.exception
import dns.name
import dns.rdatatype
import dns.resolver

from pipeline.verify.results import DNS_ERROR, IMPLICIT_MX, MX, NO_MAIL, NULL_MX, NXDOMAIN, MailCheck

class NoNetwork(Exception):
    """The resolver gave no answer to a question that must be answered."""


def parse_server(text: str) -> tuple[str, int]:
    """`ADDR:PORT` (`[ADDR]:PORT` for IPv6) as an address and a port; ValueError when not.

    >>> parse_server("127.0.0.1:5353")
    ('127.0.0.1', 5353)
    >>> parse_server("[::1]:53")
    ('::1', 53)
    """
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"{text!r} is not ADDR:PORT")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    ipaddress.ip_address(host)  # a resolver is named by its address, never by a name
    return host, int(port)


def make_resolver(nameserver: tuple[str, int] | None, timeout: float) -> dns.resolver.Resolver:
    """A resolver asking `nameserver` (ADDR, PORT), or the system's when None.

    Raises NoNetwork when the system has no resolver configured. Nothing is
    cached, so each check is asked of the server.
    """
    if nameserver is None:
        try:
            resolver = dns.resolver.Resolver(configure=True)
        except dns.resolver.NoResolverConfiguration:
            raise NoNetwork("the system names no DNS resolver (/etc/resolv.conf)") from None
    else:
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = [nameserver[0]]
        resolver.port = nameserver[1]
    resolver.timeout = timeout  # one try of one server
    resolver.lifetime = timeout  # one question, every try included
    resolver.cache = None
    return resolver


def describe(resolver: dns.resolver.Resolver) -> str:
    """The servers a resolver asks, as the run record names them ("127.0.0.1:5353")."""
    servers = [str(s) for s in resolver.nameservers]
    return ", ".join(f"[{s}]:{resolver.port}" if ":" in s else f"{s}:{resolver.port}" for s in servers)


def probe(resolver: dns.resolver.Resolver, timeout: float) -> None:
    """Ask for the root zone's NS, which every working resolver answers.

    Raises NoNetwork when no answer comes within `timeout`: nothing after
    this could be told apart from a missing network.
    """
    try:
        resolver.resolve(dns.name.root, "NS", lifetime=timeout, search=False)
    except dns.exception.Timeout:
        raise NoNetwork(f"the resolver {describe(resolver)} gave no answer about the root zone within "
                        f"{timeout:g} s") from None
    except (dns.exception.DNSException, OSError) as exc:
        raise NoNetwork(f"the resolver {describe(resolver)} gave no usable answer about the root zone "
                        f"({exc.__class__.__name__})") from None


def _name(domain: str) -> dns.name.Name:
    """A domain as an absolute DNS name (IDNA for non-ASCII labels)."""
    return dns.name.from_text(domain.rstrip(".") + ".")


def _answer(resolver, name, rdtype: str, deadline: float):
    """The records of one type, [] for a name without them; NXDOMAIN and
    failures raise dnspython's exceptions."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise dns.exception.Timeout()
    try:
        return list(resolver.resolve(name, rdtype, lifetime=left, search=False))
    except dns.resolver.NoAnswer:
        return []


def check_mail_domain(resolver: dns.resolver.Resolver, domain: str, timeout: float) -> MailCheck:
    """What DNS says about mail to `domain`: MX, implicit MX, null MX, no mail or NXDOMAIN.

    RFC 5321 section 5.1: with no MX record, mail goes to the domain's own A
    or AAAA address. RFC 7505: a single MX of preference 0 whose exchange is
    the root (".") says the domain accepts no mail.
    """
    start = time.monotonic()
    deadline = start + timeout

    def done(result: str, **kw) -> MailCheck:
        """The check, with the time it took."""
        return MailCheck(domain, result, elapsed_ms=round((time.monotonic() - start) * 1000), **kw)

    try:
        name = _name(domain)
    except (dns.exception.DNSException, UnicodeError, ValueError) as exc:
        return done(DNS_ERROR, detail=f"not a domain name ({exc.__class__.__name__})")
    try:
        records = _answer(resolver, name, "MX", deadline)
        if records:
            mx = tuple(sorted(f"{r.preference} {r.exchange.to_text().lower()}" for r in records))
            null = len(records) == 1 and records[0].preference == 0 and records[0].exchange == dns.name.root
            return done(NULL_MX if null else MX, mx=mx)
        addresses = [r.address for r in _answer(resolver, name, "A", deadline)]
        addresses += [r.address for r in _answer(resolver, name, "AAAA", deadline)]
        return done(IMPLICIT_MX if addresses else NO_MAIL, addresses=tuple(addresses))
    except dns.resolver.NXDOMAIN:
        return done(NXDOMAIN)
    except dns.exception.Timeout:
        return done(DNS_ERROR, detail=f"no answer within {timeout:g} s")
    except (dns.exception.DNSException, OSError) as exc:
        return done(DNS_ERROR, detail=exc.__class__.__name__)


class HostError(Exception):
    """A host name that gives no address: `reason` is "no-such-host", "no-address" or "dns-error"."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def host_addresses(resolver: dns.resolver.Resolver, host: str, timeout: float) -> list[str]:
    """The IPv4 then IPv6 addresses of `host` (an address is itself); HostError when none."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    deadline = time.monotonic() + timeout
    try:
        name = _name(host)
        found = [r.address for r in _answer(resolver, name, "A", deadline)]
        found += [r.address for r in _answer(resolver, name, "AAAA", deadline)]
    except dns.resolver.NXDOMAIN:
        raise HostError("no-such-host") from None
    except dns.exception.Timeout:
        raise HostError("dns-error", f"no answer within {timeout:g} s") from None
    except (dns.exception.DNSException, OSError, UnicodeError, ValueError) as exc:
        raise HostError("dns-error", exc.__class__.__name__) from None
    if not found:
        raise HostError("no-address")
    return found
