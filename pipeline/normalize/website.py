"""Websites: absolute http(s) URLs."""
from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from pipeline.records import SourceRef, Value

_HOST = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
# The sources give host names without a scheme. http is the scheme such a name
# meant when the pages were published; a server that has https redirects to it.
DEFAULT_SCHEME = "http"
_SCHEME = re.compile(r"[a-z][a-z0-9+.\-]*:", re.I)
_WEB_SCHEME = re.compile(r"https?://", re.I)


def normalize_website(text: str, ref: SourceRef | None = None, label: str = "Website") -> Value:
    """Absolute URL for a website: scheme added where missing, host lower-cased.

    Only http and https are accepted: a "javascript:" or "data:" value, an
    address with "@" (an email in the website field) or a host that is not a
    domain name comes back with value "" and a reason.
    """
    raw = text.strip()
    if not raw:
        return Value("", text, ref, reason="empty", label=label)
    if _SCHEME.match(raw) and not _WEB_SCHEME.match(raw):
        scheme = raw.split(":", 1)[0].lower()
        return Value("", text, ref, reason=f"the scheme {scheme}: is not http or https", label=label)
    candidate = raw if _WEB_SCHEME.match(raw) else f"{DEFAULT_SCHEME}://{raw}"
    try:
        parts = urlsplit(candidate)
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError as exc:  # a bracket or port that urllib cannot read
        return Value("", text, ref, reason=f"not a web address ({exc})", label=label)
    if "@" in parts.netloc or any(c.isspace() for c in raw):
        return Value("", text, ref, reason="not a web address (it holds an email address or spaces)", label=label)
    if not _HOST.match(host):
        return Value("", text, ref, reason=f"the host {host or '(none)'} is not a domain name", label=label)
    netloc = host + (f":{port}" if port else "")
    url = urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment))
    return Value(url, text, ref, label=label)
