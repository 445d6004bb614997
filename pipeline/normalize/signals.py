"""Where a value places its center: its place signal.

- A phone: its area code's place, as phonenumbers' geocoder gives it (the
  phone normalizer reads it); a toll-free number places nothing.
- An email or website on a .gov host: the state of the domain's registrant in
  the .gov registry (`pipeline.dotgov`), read by the host's registered domain;
  a federal domain (leo.gov: Department of Justice, FBI) places nothing and
  says so, as does an interstate or tribal one; a .gov domain the registry
  does not list is itself a signal (of a mistyped or lapsed domain). Where no
  registry is read, a two-letter .gov name that is a state's code (ny.gov).
- An email or website on a locality-based .us name (RFC 1480, section 3: the
  label before "us" is the state's code: state.nm.us, co.collin.tx.us).
- Anything else (.org, .com, .net) places nothing.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from pipeline.dotgov import DotGov
from pipeline.fields import Kind
from pipeline.records import PhoneType, PlaceSignal, SignalKind, SourceRef, Value
from pipeline.reference import STATES

# Federal .gov domains of two letters that are also a state's code: va.gov is
# the Department of Veterans Affairs (Virginia's own domain is virginia.gov).
# Needed only where no registry is read; the registry says so itself.
FEDERAL_TWO_LETTER_GOV = {"va"}


def host_of(value: Value, kind: str) -> str:
    """The host name an email ("kind" email) or website value names, lower case; "" when none."""
    if kind == Kind.EMAIL:
        text = value.value or value.text
        return text.rsplit("@", 1)[-1].strip().rstrip(".").lower() if "@" in text else ""
    if value.value:
        return (urlsplit(value.value).hostname or "").rstrip(".")
    return value.text.strip().split("/", 1)[0].split(":", 1)[0].rstrip(".").lower()


def domain_signal(host: str, dotgov: DotGov | None) -> PlaceSignal | None:
    """The place signal of a host name; None for a host that names no place.

    >>> domain_signal("dpd.ci.dallas.tx.us", None).state
    'TX'
    >>> domain_signal("www.ct.gov", None).state, domain_signal("va.gov", None)
    ('CT', None)
    >>> domain_signal("example.org", None) is None
    True
    """
    labels = host.split(".")
    if len(labels) < 2:
        return None
    if labels[-1] == "gov":
        if dotgov is not None:
            registrant = dotgov.lookup(host)
            if registrant is None:
                return PlaceSignal(SignalKind.NOT_REGISTERED, "", host)
            ref = SourceRef(dotgov.source, registrant.line)
            kind = SignalKind.FEDERAL if registrant.federal else SignalKind.GOV_REGISTRY
            return PlaceSignal(kind, registrant.place_state, host, registrant=registrant.describe(),
                               registry_ref=ref, registry_row=registrant.row)
        part = labels[-2]
        if part.upper() in STATES and len(part) == 2 and part not in FEDERAL_TWO_LETTER_GOV:
            return PlaceSignal(SignalKind.GOV_NAME, part.upper(), host, part=part)
        return None
    if labels[-1] == "us" and len(labels[-2]) == 2:
        part = labels[-2]
        return PlaceSignal(SignalKind.LOCALITY_US, part.upper() if part.upper() in STATES else "", host, part=part)
    return None


def place_signal(value: Value, kind: str, dotgov: DotGov | None) -> PlaceSignal | None:
    """The place signal of a value of field kind "phone", "email" or "url"."""
    if kind == Kind.PHONE:
        if value.value and value.phone_type == PhoneType.GEOGRAPHIC and value.area_code_place:
            return PlaceSignal(SignalKind.AREA_CODE, value.area_code_place, value.value[2:5])
        return None
    host = host_of(value, Kind.EMAIL if kind == Kind.EMAIL else Kind.URL)
    return domain_signal(host, dotgov) if host else None
