"""Websites: absolute http(s) URLs (RFC 3986)."""
from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from pipeline.records import Parsed

_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
# The sources give host names without a scheme. http is the scheme such a name
# meant when the pages were published; a server that has https redirects to it.
DEFAULT_SCHEME = "http"
_SCHEME = re.compile(r"[a-z][a-z0-9+.\-]*:", re.I)
_WEB_SCHEME = re.compile(r"https?://", re.I)
# The characters RFC 3986 allows in a URI (unreserved, reserved, "%" of an
# escape). Anything else (a space, a quote, "<", ">", a control character)
# would end or break a link wherever the address is written.
_URI_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
MAX_HOST_LENGTH = 253


def _invalid(**details: str) -> Parsed:
    """An address that is no web address: WEBSITE_UNSAFE_SCHEME for another scheme,
    else WEBSITE_INVALID with its problem (a key of the code's words in `pipeline.codes`)."""
    return Parsed("", "WEBSITE_UNSAFE_SCHEME" if "scheme" in details else "WEBSITE_INVALID", tuple(details.items()))


def normalize_website(text: str) -> Parsed:
    """Absolute URL for a website: scheme added where missing, host lower-cased.

    Only a well-formed http or https address is accepted: a "javascript:" or
    "data:" value, characters a URI cannot hold, an address with "@" (an email
    in the website field) or a host that is not a domain name comes back with
    value "" and its issue.
    """
    raw = text.strip()
    if not raw:
        return _invalid(problem="empty")
    if _SCHEME.match(raw) and not _WEB_SCHEME.match(raw):
        return _invalid(scheme=raw.split(":", 1)[0].lower())
    if not _URI_CHARS.fullmatch(raw):
        return _invalid(problem="characters")
    candidate = raw if _WEB_SCHEME.match(raw) else f"{DEFAULT_SCHEME}://{raw}"
    try:
        parts = urlsplit(candidate)
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:  # a bracket or port that urllib cannot read
        return _invalid(problem="host_or_port")
    if "@" in parts.netloc:
        return _invalid(problem="holds_email")
    if len(host) > MAX_HOST_LENGTH or not _HOST.fullmatch(host):
        return _invalid(problem="host", host=host or "(none)")
    netloc = host + (f":{port}" if port else "")
    url = urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment))
    return Parsed(url)

