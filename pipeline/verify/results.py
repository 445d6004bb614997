"""The answers of `verify`'s checks, as records (no network code here).

The run record (`record`) and the build read these; `web` and `domains` make
them. Kept apart so that a build, which never asks the network, imports
neither dnspython nor the public suffix list.
"""
from __future__ import annotations

from dataclasses import dataclass

# The results of a website's check (`SiteCheck.result`), worst first.
NO_ANSWER = "no-answer"  # no HTTP answer at some hop: timeout, refused, no such host
BAD_CERTIFICATE = "bad-certificate"  # a TLS certificate that is not valid for the host and date
REDIRECT_LOOP = "redirect-loop"  # an address seen twice, or more than MAX_REDIRECTS redirects
BAD_REDIRECT = "bad-redirect"  # a redirect with no usable Location
MOVED_AWAY = "moved-away"  # the last answer comes from another registered domain
HTTP_ERROR = "http-error"  # the last answer is 4xx or 5xx
PLAIN_HTTP_ONLY = "plain-http-only"  # answers over http only: https on the same host failed
OK = "ok"  # a 2xx answer on the same registered domain, over https or with https available
SITE_RESULTS = (NO_ANSWER, BAD_CERTIFICATE, REDIRECT_LOOP, BAD_REDIRECT, MOVED_AWAY, HTTP_ERROR,
                PLAIN_HTTP_ONLY, OK)

# The results of a mail domain's check (`MailCheck.result`).
MX = "mx"  # MX records name the hosts that take its mail
IMPLICIT_MX = "implicit-mx"  # no MX, but an address: RFC 5321 section 5.1 delivers to it
NULL_MX = "null-mx"  # one MX of preference 0 and exchange ".": RFC 7505, it accepts no mail
NO_MAIL = "no-mail"  # the name exists, with neither MX nor address
NXDOMAIN = "nxdomain"  # the name does not exist
DNS_ERROR = "dns-error"  # no usable answer (a timeout, SERVFAIL): nothing is known
MAIL_RESULTS = (MX, IMPLICIT_MX, NULL_MX, NO_MAIL, NXDOMAIN, DNS_ERROR)
# The results that say the domain receives no mail.
RECEIVES_NO_MAIL = (NULL_MX, NO_MAIL, NXDOMAIN)


@dataclass(frozen=True)
class Hop:
    """One request: the address, the method, and its answer (status, Location)
    or why there was none (`error`: timeout, refused, no-such-host, ... with
    `detail`)."""

    url: str
    method: str = "HEAD"
    status: int | None = None
    location: str = ""
    error: str = ""
    detail: str = ""
    elapsed_ms: int = 0


@dataclass(frozen=True)
class SiteCheck:
    """What one published address gave: the hops, the result, the last
    answer's address and status, whether it left the registered domain, the
    TLS verdict of the last hop, and the https:// try of an http:// site."""

    url: str
    result: str  # one of SITE_RESULTS
    hops: tuple[Hop, ...]
    final_url: str = ""
    status: int | None = None
    left_site: bool = False
    tls: str = ""  # "valid", "none" (plain http), or a certificate failure's reason
    https_try: SiteCheck | None = None
    elapsed_ms: int = 0


@dataclass(frozen=True)
class MailCheck:
    """What DNS says about one email domain."""

    domain: str
    result: str  # one of MAIL_RESULTS
    mx: tuple[str, ...] = ()  # "preference exchange", as the answer gives them
    addresses: tuple[str, ...] = ()  # A and AAAA, for an implicit MX
    detail: str = ""  # why a dns-error is one
    elapsed_ms: int = 0
