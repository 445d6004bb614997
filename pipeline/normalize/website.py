"""Websites: absolute http(s) URLs (RFC 3986)."""
from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from pipeline.records import SourceRef, Value

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


def _invalid(text: str, ref: SourceRef | None, label: str, evidence: str, **details: str) -> Value:
    issue = "WEBSITE_UNSAFE_SCHEME" if "scheme" in details else "WEBSITE_INVALID"
    return Value("", text, ref, issue=issue, details=tuple(details.items()), label=label, evidence=evidence)


def normalize_website(text: str, ref: SourceRef | None = None, label: str = "Website", evidence: str = "") -> Value:
    """Absolute URL for a website: scheme added where missing, host lower-cased.

    Only a well-formed http or https address is accepted: a "javascript:" or
    "data:" value, characters a URI cannot hold, an address with "@" (an email
    in the website field) or a host that is not a domain name comes back with
    value "" and its issue.
    """
    raw = text.strip()
    if not raw:
        return _invalid(text, ref, label, evidence, problem="it is empty")
    if _SCHEME.match(raw) and not _WEB_SCHEME.match(raw):
        return _invalid(text, ref, label, evidence, scheme=raw.split(":", 1)[0].lower())
    if not _URI_CHARS.fullmatch(raw):
        return _invalid(text, ref, label, evidence, problem="it holds characters an address cannot hold")
    candidate = raw if _WEB_SCHEME.match(raw) else f"{DEFAULT_SCHEME}://{raw}"
    try:
        parts = urlsplit(candidate)
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:  # a bracket or port that urllib cannot read
        return _invalid(text, ref, label, evidence, problem="its host or port cannot be read")
    if "@" in parts.netloc:
        return _invalid(text, ref, label, evidence, problem="it holds an email address")
    if len(host) > MAX_HOST_LENGTH or not _HOST.fullmatch(host):
        return _invalid(text, ref, label, evidence, problem=f"the host {host or '(none)'} is not a domain name")
    netloc = host + (f":{port}" if port else "")
    url = urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment))
    return Value(url, text, ref, label=label, evidence=evidence)

