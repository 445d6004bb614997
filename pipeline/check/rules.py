"""Data-quality rules: small pure functions from records to findings.

A center rule takes one `Center`; a dataset rule takes the whole `Dataset`
and the build's reference date (passed in, never read from the clock), and
builds any index it needs in one pass. Both lists are explicit and ordered.
"""
from __future__ import annotations

import csv
import functools
import heapq
import io
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date

import phonenumbers
from publicsuffixlist import PublicSuffixList

from pipeline.codes import finding
from pipeline.check.live import live_checks
from pipeline.dates import years_and_days
from pipeline.dotgov import DOTGOV_FILE
from pipeline.records import (
    Center, Dataset, Decision, Finding, MatchMethod, PhoneType, ShownValue, SignalKind, SourceRef, Value, fit,
    shares_exchange,
)
from pipeline.fields import (
    ALT_PHONE, CLOSING_LABELS, FAX, FIELD_OF_LABEL, FIELDS, KIND_OF_FIELD, LABEL_OF_FIELD, MAIN_PHONE,
    TOLL_FREE as TOLL_FREE_FIELD, Kind, label_of,
)
from pipeline.reference import (
    CUT_LABEL, EDGE_LABEL, FORMULA_LABEL, HIDDEN_LABEL, HYPHEN_LABEL, LONG_LINE_LABEL, MARKUP_LABEL, MAX_LINE_CHARS, NUMBER_LABEL, OVERPRINT_LABEL, STATES, UNRECOGNIZED_LABEL,
    SPLIT_LABEL,
)
from pipeline.text import (
    LINE_END_HYPHENS, area_code, contact_key, invisible, name_key, nanp_display, strip_markdown_link,
    with_area_code,
)


_SITE_PREFIX = re.compile(r"^https?://(?:www\.)?")
# How much of an over-long line a finding quotes.
LONG_LINE_SHOWN = 80
# A page older than this many calendar years, on the build's reference date, is outdated.
OUTDATED_AFTER_YEARS = 3


def values_of(center: Center, *kinds: Kind) -> Iterator[tuple[str, Value]]:
    """The fields of these kinds a center was given, as (field, Value) in the
    registry's order. A Value may be one that did not parse."""
    for field in FIELDS.of_kind(*kinds):
        value = center.value(field)
        if value is not None:
            yield field, value


def phones(center: Center) -> Iterator[tuple[str, Value]]:
    """The phone fields a center was given, as (field, Value) in column order."""
    return values_of(center, Kind.PHONE)


def _place_name(code: str) -> str:
    return STATES.get(code, code)


# ---- center rules -----------------------------------------------------------

def _at(v: Value) -> dict[str, object]:
    """A value's place in the source and its evidence, for `finding`."""
    return {"value": v.text, "ref": v.ref, "evidence": v.evidence or v.text}


def phone_validity(c: Center) -> Iterator[Finding]:
    """A phone that is not a valid NANP number (PHONE_INVALID), or that carried an
    extension E.164 cannot hold (PHONE_EXTENSION), as the normalizer found."""
    for field, v in phones(c):
        if v.issue in ("PHONE_INVALID", "PHONE_EXTENSION"):
            yield finding(v.issue, c, field=field, label=v.label or LABEL_OF_FIELD[field], **_at(v), **dict(v.details))


def phone_types(c: Center) -> Iterator[Finding]:
    """A geographic number under Toll-Free (TOLL_FREE_IS_GEOGRAPHIC), or a
    toll-free one under Phone (PHONE_IS_TOLL_FREE); not both at once, which is
    a swap that `phone_labels_swapped` reports."""
    tf, ph = c.value(TOLL_FREE_FIELD), c.value(MAIN_PHONE)
    if (tf is not None and tf.value and tf.phone_type == PhoneType.GEOGRAPHIC
            and not (ph and ph.phone_type == PhoneType.TOLL_FREE)):
        yield finding("TOLL_FREE_IS_GEOGRAPHIC", c, field=TOLL_FREE_FIELD, of_place=tf.area_code_place,
                      place=_place_name(tf.area_code_place), **_at(tf))
    if (ph is not None and ph.value and ph.phone_type == PhoneType.TOLL_FREE
            and not (tf and tf.phone_type == PhoneType.GEOGRAPHIC)):
        yield finding("PHONE_IS_TOLL_FREE", c, field=MAIN_PHONE, **_at(ph))


def phone_labels_swapped(c: Center) -> Iterator[Finding]:
    """The Phone toll-free and the Toll-Free geographic: the certain fix in
    `pipeline.normalize.fixes` relabels them; this reports it."""
    ph, tf = c.value(MAIN_PHONE), c.value(TOLL_FREE_FIELD)
    if (ph and tf and ph.value and tf.value and ph.phone_type == PhoneType.TOLL_FREE
            and tf.phone_type == PhoneType.GEOGRAPHIC):
        yield finding("PHONE_LABELS_SWAPPED", c, field=MAIN_PHONE, toll_free=tf.text,
                      toll_free_line=tf.ref.line if tf.ref else "?", new_phone=tf.value, new_toll_free=ph.value,
                      **_at(ph))


def _moved(c: Center) -> set[int]:
    """The values of the center's block that another center's finding places elsewhere (a neighbor, a
    place line of another state below which they stand): one fact, one finding."""
    return ({id(nf.value) for nf in c.neighbor_fits if nf.holder_id == c.id}
            | {id(v) for sb in c.stray_blocks if sb.holder_id == c.id and sb.line is not None for _, v in sb.values})


def area_code_place(c: Center) -> Iterator[Finding]:
    """A geographic number whose area code belongs to another state than the
    center's (AREA_CODE_OUT_OF_STATE); for a fax, the suggestion offers the
    phone's area code. A number that fits a neighbor is VALUE_FITS_NEIGHBOR's."""
    if not c.state:
        return
    moved = _moved(c)
    for field, v in phones(c):
        if (id(v) not in moved and v.value and v.phone_type == PhoneType.GEOGRAPHIC and v.area_code_place
                and v.area_code_place != c.state):
            ph = c.value(MAIN_PHONE)
            # A fax out of state may have the phone's area code: offer the fax with it.
            likely = (nanp_display(with_area_code(v.value, area_code(ph.value)))
                      if field == FAX and ph and ph.value and ph.phone_type == PhoneType.GEOGRAPHIC else "")
            yield finding("AREA_CODE_OUT_OF_STATE", c, field=field, label=v.label, area_code=area_code(v.value),
                          place=_place_name(v.area_code_place), state=_place_name(c.state),
                          advice="fax_like_phone" if likely else "", phone_area_code=area_code(ph.value) if ph else "",
                          likely=likely, suggested_value=likely, **_at(v))


def fax_area_code(c: Center) -> Iterator[Finding]:
    """A fax in the center's state whose area code differs from the phone's.
    A fax whose area code is out of state is AREA_CODE_OUT_OF_STATE already:
    one fact, one finding."""
    fax, ph = c.value(FAX), c.value(MAIN_PHONE)
    if (fax and ph and fax.value and ph.value and ph.phone_type == PhoneType.GEOGRAPHIC
            and fax.phone_type == PhoneType.GEOGRAPHIC):
        out_of_state = bool(c.state and fax.area_code_place and fax.area_code_place != c.state)
        if area_code(fax.value) != area_code(ph.value) and not out_of_state:
            yield finding("FAX_AREA_CODE_DIFFERS", c, field=FAX, area_code=area_code(fax.value), phone=ph.text,
                          phone_area_code=area_code(ph.value), **_at(fax))


def repeated_numbers(c: Center) -> Iterator[Finding]:
    """A number given again under another field of the same center
    (PHONE_REPEATED_IN_CENTER), reported where it repeats."""
    seen: dict[str, str] = {}
    for field, v in phones(c):
        if not v.value:
            continue
        if v.value in seen:
            yield finding("PHONE_REPEATED_IN_CENTER", c, field=field, label=v.label,
                          other_label=LABEL_OF_FIELD[seen[v.value]], **_at(v))
        else:
            seen[v.value] = field


def no_main_phone(c: Center) -> Iterator[Finding]:
    """No Phone, but another number that could serve (Delaware gives only an
    Alternate Phone and a Toll-Free)."""
    if c.block is None or c.value(MAIN_PHONE) is not None:
        return
    for field in (ALT_PHONE, TOLL_FREE_FIELD):
        v = c.value(field)
        if v is not None and v.value:
            yield finding("NO_MAIN_PHONE", c, field=MAIN_PHONE, label=v.label, number=v.value, **_at(v))
            return


def email_validity(c: Center) -> Iterator[Finding]:
    """The issue the normalizer found in the center's email (EMAIL_INVALID and
    the like), as a finding."""
    for field, v in values_of(c, Kind.EMAIL):
        if v.issue:
            yield finding(v.issue, c, field=field, **_at(v), **dict(v.details))


def website_validity(c: Center) -> Iterator[Finding]:
    """The issue the normalizer found in the center's website, as a finding; when
    the field is the email address with "www." in front, the suggestion says so."""
    emails = {e.text for _, e in values_of(c, Kind.EMAIL)}
    for field, v in values_of(c, Kind.URL):
        if not v.issue:
            continue
        www_email = v.issue == "WEBSITE_INVALID" and "@" in v.text and v.text.removeprefix("www.") in emails
        yield finding(v.issue, c, field=field, advice="www_email" if www_email else "", **_at(v), **dict(v.details))


@functools.lru_cache(maxsize=1)
def _suffixes():
    """The public suffix list that ships with `publicsuffixlist` (never one fetched at run time),
    read on first use."""
    return PublicSuffixList()


def _host_of(kind: Kind, text: str, *, whole: bool = False) -> str:
    """The domain of an email address or the host of a web address, lower case, without its "www."
    (`whole`: with it, as the address gives it); "" when none."""
    if kind == Kind.EMAIL:
        return text.rpartition("@")[2].strip().rstrip(".").lower()
    rest = re.sub(r"^https?://", "", text.strip(), flags=re.I) if whole else _SITE_PREFIX.sub("", text.strip())
    rest = re.sub(r"^[a-z][a-z0-9+.\-]*://", "", rest, flags=re.I)
    return re.split(r"[/?#:]", rest, maxsplit=1)[0].rstrip(".").lower()


def domain_suffix(c: Center) -> Iterator[Finding]:
    """A published email or website whose domain ends in no suffix of the public
    suffix list (DOMAIN_SUFFIX_UNKNOWN): "gisac.gbi.ga.go" is Georgia's address
    cut at a column's edge, as is "www.oregonfusioncent" (the host whole: its "www." is no
    domain of its own). A value that did not parse is its own finding."""
    for field, v in values_of(c, Kind.EMAIL, Kind.URL):
        if not v.value:
            continue
        host = _host_of(FIELDS.by_name[field].kind, v.value, whole=True)
        if _suffix_doubt(host) == "unknown":
            yield finding("DOMAIN_SUFFIX_UNKNOWN", c, field=field, label=LABEL_OF_FIELD[field].lower(), host=host,
                          suffix=host.rsplit(".", 1)[-1], **_at(v))


_IP_HOST = re.compile(r"[0-9.]+|\[[0-9a-f:.]+\]")
# The country codes of the United States and its territories (ISO 3166-1: American Samoa, Guam, the
# Northern Mariana Islands, Puerto Rico, the U.S. Virgin Islands, the Minor Outlying Islands).
US_COUNTRY_CODES = frozenset({"us", "as", "gu", "mp", "pr", "vi", "um"})


def _suffix_doubt(host: str) -> str:
    """What is doubtful in a host's last label: "unknown" (no suffix of the public suffix list:
    "gisac.gbi.ga.go"), "foreign" (the country code of another country than the United States and
    its territories: "gisac.gb", Georgia's "gisac.gbi.ga.gov" cut after its "gb"), else ""."""
    if not host or "." not in host or _IP_HOST.fullmatch(host):
        return ""
    if _suffixes().publicsuffix(host, accept_unknown=False) is None:
        return "unknown"
    top = host.rsplit(".", 1)[-1]
    return "foreign" if len(top) == 2 and top.isascii() and top.isalpha() and top not in US_COUNTRY_CODES else ""


def domain_abroad(c: Center) -> Iterator[Finding]:
    """A published email or website whose domain ends in another country's code
    (DOMAIN_SUFFIX_FOREIGN): U.S. centers' domains end in .gov, .us, .org and the
    like, so "generalinfo@gisac.gb" is an address cut after its "gb"."""
    for field, v in values_of(c, Kind.EMAIL, Kind.URL):
        host = _host_of(FIELDS.by_name[field].kind, v.value, whole=True) if v.value else ""
        if _suffix_doubt(host) == "foreign":
            yield finding("DOMAIN_SUFFIX_FOREIGN", c, field=field, label=LABEL_OF_FIELD[field].lower(), host=host,
                          suffix=host.rsplit(".", 1)[-1], **_at(v))


_ADDRESS_FIELDS = (FIELDS.of_kind(Kind.EMAIL)[0], FIELDS.of_kind(Kind.URL)[0])


# An address's shape, read whole: an email (a local part, "@", a domain of two labels or more), or a
# web address (a scheme or none, a host of two labels or more, a path); the domain or host its group.
_EMAIL_SHAPE = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@((?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]+)")
_WEB_SHAPE = re.compile(r"(?:https?://)?((?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]+)(?::[0-9]{1,5})?(?:[/?#]\S*)?", re.I)


def _address(text: str) -> tuple[str, str]:
    """(field, host) of a text that reads whole as an email or a web address (its host lower case),
    ("", "") otherwise."""
    for field, shape in zip(_ADDRESS_FIELDS, (_EMAIL_SHAPE, _WEB_SHAPE)):
        found = shape.fullmatch(text)
        if found:
            return field, found.group(1).lower()
    return "", ""


def _next_line(above: SourceRef, below: SourceRef) -> bool:
    """Whether `below` stands on the line right under `above`, or on the same line: a printed line
    a reader read as two (a PDF's pieces of one line keep its place)."""
    return (above.source, above.page) == (below.source, below.page) and below.line - above.line in (0, 1)


def address_tail(c: Center) -> Iterator[Finding]:
    """An email or website line right under an address whose domain is doubtful (no known suffix,
    another country's, none at all: "AKIAC@alas") when the two lines read together are one address
    of a sound domain
    (ADDRESS_TAIL_ON_NEXT_LINE, on the lower line's field): "generalinfo@gisac.gb" over "i.ga.gov"
    is Georgia's "generalinfo@gisac.gbi.ga.gov" broken at a line's end, not an address and a
    website. A line that begins an address of its own ("www.", a scheme) is no tail."""
    if c.block is None:
        return
    lines = [f for f in c.block.fields if KIND_OF_FIELD.get(FIELD_OF_LABEL.get(f.label, "")) in (Kind.EMAIL, Kind.URL)]
    for head, tail in zip(lines, lines[1:]):
        if not _next_line(head.ref, tail.ref):
            continue
        rest = tail.text.strip()
        if not rest or re.match(r"(?:https?://|www\.)", rest, flags=re.I):
            continue
        _, head_host = _address(head.text.strip())  # "" when the head reads as no address ("AKIAC@alas")
        joined = head.text.strip() + rest
        field, host = _address(joined)
        if field and (not head_host or _suffix_doubt(head_host)) and not _suffix_doubt(host):
            tail_field = FIELD_OF_LABEL[tail.label]
            yield finding("ADDRESS_TAIL_ON_NEXT_LINE", c, field=tail_field, label=LABEL_OF_FIELD[tail_field].lower(),
                          value=tail.text, ref=tail.ref, evidence=tail.raw or tail.text, head=head.text.strip(),
                          head_line=head.ref.line, joined=joined)


# The end of a line that reads as the first piece of an address broken after it: a word of an
# address's characters that ends in the punctuation an address is broken after ("intelligence.",
# "fusion_", "dallas-", "info@").
_ADDRESS_HEAD = re.compile(r"[A-Za-z0-9._%+-]*[A-Za-z][A-Za-z0-9._%+-]*[._@-]")
# A word of three letters or more: a head is no initials ("D.C.", ending a place line).
_A_WORD = re.compile(r"[A-Za-z]{3}")


def address_head_above(c: Center) -> Iterator[Finding]:
    """An email or website line of a block right under a line of several words whose last word
    reads as an address's first piece ("Phone: (785) 274-1805 intelligence." over
    "fusion@ksag.org": the reader ran the head of "intelligence.fusion@ksag.org" into the line
    above), where the two read together are one address of the lower line's kind
    (ADDRESS_HEAD_ON_LINE_ABOVE, on the lower line's field): the address published may be its
    tail only. A one-word line over an address is UNRECOGNIZED_LINE's (`_joined_into`)."""
    if c.block is None:
        return
    lines = (*((c.block.location,) if c.block.location is not None else ()), *c.block.fields)
    for above, line in zip(lines, lines[1:]):
        field = FIELD_OF_LABEL.get(line.label, "")
        words = above.text.split()
        if not field or KIND_OF_FIELD[field] not in (Kind.EMAIL, Kind.URL) or len(words) < 2:
            continue
        head, rest = words[-1], line.text.strip()
        if ("@" in head[:-1] or not _ADDRESS_HEAD.fullmatch(head) or not _A_WORD.search(head)
                or re.match(r"(?:https?://|www\.)", rest, re.I)):
            continue
        joined = _address(head + rest)[0]
        if joined and KIND_OF_FIELD[joined] == KIND_OF_FIELD[field]:
            yield finding("ADDRESS_HEAD_ON_LINE_ABOVE", c, field=field, label=LABEL_OF_FIELD[field].lower(),
                          value=line.text, ref=line.ref, evidence=line.raw or line.text, head=head,
                          above=above.raw or above.text, head_line=above.ref.line, joined=head + rest)


def _placed_values(c: Center) -> Iterator[tuple[str, Value]]:
    """The center's email and website values that carry a place signal, the
    published ones then the extras, leaving out those that fit a neighbor
    (VALUE_FITS_NEIGHBOR says it: one fact, one finding)."""
    moved = _moved(c)
    named = FIELDS.of_kind(Kind.EMAIL, Kind.URL)
    values: list[tuple[str, Value | None]] = list(values_of(c, Kind.EMAIL, Kind.URL))
    values += [(FIELD_OF_LABEL[v.label], v) for v in c.extra_fields if FIELD_OF_LABEL.get(v.label) in named]
    for field, v in values:
        if v is not None and v.signal is not None and id(v) not in moved:
            yield field, v


def _registry_evidence(v: Value) -> str:
    """The value's source line, then the registry row that places it."""
    sig = v.signal
    line = sig.registry_ref.line if sig.registry_ref else "?"
    source = sig.registry_ref.source if sig.registry_ref else DOTGOV_FILE
    return f"{v.evidence or v.text} | {source} line {line}: {sig.registry_row}"


def gov_domain_state(c: Center) -> Iterator[Finding]:
    """An email or website whose domain places the center elsewhere: a .gov
    domain registered to another state's government or locality, or a
    locality-based .us name of another state or of none
    (GOV_DOMAIN_STATE_MISMATCH, naming the registrant); a federal .gov domain,
    which places no center (GOV_DOMAIN_FEDERAL, naming the agency); a .gov
    domain the registry does not list (GOV_DOMAIN_NOT_REGISTERED)."""
    for field, v in _placed_values(c):
        sig = v.signal
        label = LABEL_OF_FIELD[field].lower()
        state = _place_name(c.state)
        if sig.kind == SignalKind.FEDERAL:
            yield finding("GOV_DOMAIN_FEDERAL", c, field=field, label=label, host=sig.host, registrant=sig.registrant,
                          value=v.text, ref=v.ref, evidence=_registry_evidence(v))
        elif sig.kind == SignalKind.NOT_REGISTERED:
            yield finding("GOV_DOMAIN_NOT_REGISTERED", c, field=field, label=label, host=sig.host, **_at(v))
        elif not c.state:
            continue
        elif sig.kind == SignalKind.GOV_REGISTRY and sig.state and sig.state != c.state:
            yield finding("GOV_DOMAIN_STATE_MISMATCH", c, field=field, label=label, host=sig.host, named="registry",
                          advice="registry", registrant=sig.registrant, named_state=_place_name(sig.state),
                          name=c.name, state=state, value=v.text, ref=v.ref, evidence=_registry_evidence(v))
        elif sig.kind in (SignalKind.LOCALITY_US, SignalKind.GOV_NAME) and sig.part.upper() != c.state:
            case = "name" if sig.state else "no_state"
            yield finding("GOV_DOMAIN_STATE_MISMATCH", c, field=field, label=label, host=sig.host, named=case,
                          advice=case, named_state=_place_name(sig.state), part=sig.part, name=c.name, state=state,
                          state_part=c.state.lower(), **_at(v))


def value_fits_neighbor(c: Center) -> Iterator[Finding]:
    """A value of one center's block that names the state of the center next
    to it, which has none for that field: one error on each of the two centers,
    with the ready decision that moves it."""
    for nf in c.neighbor_fits:
        v = nf.value
        label = LABEL_OF_FIELD[nf.field].lower()
        row = csv_line((nf.fits_id, nf.field, nf.fits_text, "set", v.value, "VALUE_FITS_NEIGHBOR"))
        sig = v.signal
        yield finding("VALUE_FITS_NEIGHBOR", c, field=nf.field, label=label, holder=nf.holder_name,
                      fits=nf.fits_name, theirs=nf.fits_text, where="withheld" if nf.withheld else "unpublished",
                      why="name_line" if nf.name_line else sig.kind, name_line=nf.name_line,
                      host=sig.host if sig else "", registrant=sig.registrant if sig else "",
                      named_state=_place_name(sig.state) if sig else "", part=sig.part if sig else "",
                      decision=row, **_at(v))


def block_fits_other_center(c: Center) -> Iterator[Finding]:
    """Each value of a block read under one center's heading that fits another
    center better (`normalize.strays`): an error on the center it stands under,
    where it is withheld, and on each center it may fit, with the ready
    decision that publishes it there; a value below a second place line of its
    block, of another state, is VALUE_BELOW_OTHER_PLACE."""
    for sb in c.stray_blocks:
        code = "BLOCK_FITS_OTHER_CENTER" if sb.line is None else "VALUE_BELOW_OTHER_PLACE"
        # The center a ready decision publishes the values on: this one, or the one the holder's block fits.
        if c.id != sb.holder_id:
            target = next(f for f in sb.fits if f[0] == c.id)
        else:
            target = sb.fits[0] if len(sb.fits) == 1 else None
        for field, v in sb.values:
            row = csv_line((target[0], field, sb.their_text(target[0], field), "set", v.value, code)) if target else ""
            named = _place_name(sb.named)
            spec = FIELDS.by_name[field]
            yield finding(code, c, field=field, holder=sb.holder_name, what=spec.title,
                          line=sb.line.text if sb.line else "", part=v.value if spec.kind == Kind.PLACE else v.text,
                          state=f"{sb.place}, {_place_name(sb.state)}" if sb.place else _place_name(sb.state),
                          named_state=named, by=sb.by, named_words=sb.named_words,
                          quoted="" if sb.named_words.lower() == named.lower() else sb.named_words,
                          fits=" or ".join(name for _, name in sb.fits),
                          target=target[1] if target else "", advice=row, decision=row, **_at(v))


def csv_line(cells: Iterable[str]) -> str:
    """Cells as one line of a CSV file (RFC 4180 quoting), without its line end."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(list(cells))
    return out.getvalue()


def location(c: Center) -> Iterator[Finding]:
    """A contact block's location line: missing (LOCATION_MISSING), not of the form
    "City, State" or with parts after it (LOCATION_MALFORMED), or holding a
    ZIP code (LOCATION_HAS_ZIP)."""
    if c.block is None:
        return
    v = c.location
    if v is None:
        yield finding("LOCATION_MISSING", c, field="city", ref=c.block.heading_ref, evidence=c.block.heading)
        return
    if v.issue == "LOCATION_MALFORMED":  # not of the form "City, State", or with parts after it
        yield finding("LOCATION_MALFORMED", c, field="city", problem=v.detail("problem"),
                      advice=v.detail("problem"), extra=v.detail("extra"), city=c.city, state=c.state, **_at(v))
    if c.zip:
        yield finding("LOCATION_HAS_ZIP", c, field="zip", zip=c.zip, **_at(v))


def zip_place(c: Center) -> Iterator[Finding]:
    """A ZIP code that is not its city's, withheld in normalize (ZIP_OUT_OF_PLACE),
    cited where it came from: the location line or a reviewer's decision."""
    w = c.zip_out_of_place
    if w is not None:
        yield finding("ZIP_OUT_OF_PLACE", c, field="zip", value=w.zip, ref=w.ref, evidence=w.evidence,
                      city=c.published("city"), state=_place_name(str(c.published("state"))), **dict(w.details))


def coordinates(c: Center) -> Iterator[Finding]:
    """The published place could not be located (`normalize.geo`); cited at the location line."""
    city, state = c.published_text("city"), c.published_text("state")
    if city and state and c.latitude is None and c.location is not None:
        yield finding("LOCATION_NOT_GEOCODED", c, field="city", city=city, state=state, **_at(c.location))


def list_place(c: Center) -> Iterator[Finding]:
    """A list entry whose place differs from its contact block's: another state
    (LIST_STATE_DIFFERS), else another city (LIST_CITY_DIFFERS)."""
    e = c.entry
    if e is None or c.block is None or not c.state:
        return
    at = {"value": e.text, "ref": e.ref, "evidence": e.text}
    if c.list_place and c.list_place != c.state:
        yield finding("LIST_STATE_DIFFERS", c, field="state", list_place=_place_name(c.list_place),
                      place=_place_name(c.state), **at)
    elif e.list_city and c.city and e.list_city.lower() != c.city.lower():
        # The same city but for a space ("Sa cramento"): the list's city is misread, and it is what
        # the list gives (list_city, of the designation's entry) that the finding names.
        spaced = "".join(e.list_city.split()).lower() == "".join(c.city.split()).lower()
        yield finding("LIST_CITY_DIFFERS", c, field="designation" if spaced else "city", list_city=e.list_city,
                      city=c.city,
                      city_line=c.location.ref.line if c.location and c.location.ref else "?", **at)


def list_lines(c: Center) -> Iterator[Finding]:
    """Each line under the list's headings that was read into no entry and stands
    after this center's (LIST_LINE_UNREAD): "Cleveland, OH" at the top of the next
    page, after "Northeast Ohio Regional Fusion Center;". Filed under the
    designation, the fact of the list the entry gives. An entry that gives its
    separator and no place after it, and no line after it either (its place read
    elsewhere or lost: "…Early Warning Group;"), is LIST_PLACE_CUT."""
    if c.entry is None:
        return
    for line in c.entry.unread:
        yield finding("LIST_LINE_UNREAD", c, field="designation", value=line.text, ref=line.ref,
                      evidence=line.raw or line.text, entry=c.entry.text)
    if ";" in c.entry.text and not c.entry.list_city and not c.entry.unread:
        yield finding("LIST_PLACE_CUT", c, field="designation", value=c.entry.text, ref=c.entry.ref,
                      evidence=c.entry.text)


def coverage(c: Center) -> Iterator[Finding]:
    """A center on only one side: a list entry without a contact block
    (LIST_ENTRY_WITHOUT_BLOCK), or a block without a list entry
    (BLOCK_WITHOUT_LIST_ENTRY; HEADING_WITHOUT_NAME when the heading holds no name)."""
    if c.block is None:
        yield finding("LIST_ENTRY_WITHOUT_BLOCK", c, field="name", value=c.entry.text, ref=c.entry.ref)
    elif c.entry is None and not name_key(c.block.heading):
        yield finding("HEADING_WITHOUT_NAME", c, field="name", value=c.block.heading, ref=c.block.heading_ref)
    elif c.entry is None:
        yield finding("BLOCK_WITHOUT_LIST_ENTRY", c, field="name", value=c.block.heading, ref=c.block.heading_ref)


def heading_differences(heading: str, list_text: str) -> list[str | tuple[str, str]]:
    """What sets a contact heading apart from the list's text, as keys of
    HEADING_DIFFERS_FROM_LIST's words (a parenthesis added or left out with its text)."""
    found: list[str | tuple[str, str]] = []
    if strip_markdown_link(heading) != heading.strip():
        found.append("link_brackets")
        heading = strip_markdown_link(heading)
    if re.search(r":\s*[^:]+,\s*[A-Z]{2}$", heading) and ";" in list_text:
        found.append("colon")
    paren_h = set(re.findall(r"\(([^()]*)\)", heading))
    paren_l = set(re.findall(r"\(([^()]*)\)", list_text))
    found += [("adds", p) for p in sorted(paren_h - paren_l)]
    found += [("leaves_out", p) for p in sorted(paren_l - paren_h)]
    if ";" in list_text and not re.search(r"[;:]\s*[^;:]+,\s*[A-Z]{2}$", heading):
        found.append("no_place")
    return found


def names(c: Center) -> Iterator[Finding]:
    """A list entry paired with its block by a fuzzy match (NAME_FUZZY_MATCH, with
    the score), or by a normalized name whose heading is written differently
    (HEADING_DIFFERS_FROM_LIST, saying how)."""
    if c.entry is None or c.block is None:
        return
    h, e = c.block.heading, c.entry
    at = {"value": h, "ref": c.block.heading_ref, "evidence": h, "list_text": e.text}
    if c.match_method == MatchMethod.FUZZY:
        yield finding("NAME_FUZZY_MATCH", c, field="name", score=f"{c.match_score:.2f}", **at)
    elif c.match_method != MatchMethod.EXACT:
        differences = heading_differences(h, e.text) or ["written_differently"]
        yield finding("HEADING_DIFFERS_FROM_LIST", c, field="name", differences=differences, list_name=e.name, **at)


# A slash or hyphen inside a name with a space on one side only ("Cincinnati/ Hamilton", "Tri- State",
# "A /B"): what a reader leaves where a line broke beside it and it guessed a space.
_LOPSIDED_JOIN = re.compile(r"\w[/\u2010\u2011-]\x20+\w|\w\x20+/\w")


def name_join(c: Center) -> Iterator[Finding]:
    """A published name with a slash or hyphen inside it that has a space on one side only
    (NAME_JOIN_UNSURE, on the name): a printer broke the line there ("Cincinnati/" over
    "Hamilton County ..."), and the reader joined the two with a space that the document may not
    have; where the document spells the word whole elsewhere the reader takes that form."""
    found = _LOPSIDED_JOIN.search(c.name)
    if found:
        ref = c.entry.ref if c.entry is not None else c.block.heading_ref
        yield finding("NAME_JOIN_UNSURE", c, field="name", value=c.name, ref=ref, evidence=c.name_text or c.name,
                      join=found.group(0))


def long_name(c: Center) -> Iterator[Finding]:
    """A list bullet or heading too long to be a name: its name is cut, the
    whole text kept in provenance."""
    if len(c.name_text) > MAX_LINE_CHARS:
        ref = c.entry.ref if c.entry else c.block.heading_ref
        shown = c.name_text[:LONG_LINE_SHOWN] + "\u2026"
        yield finding("LINE_TOO_LONG", c, field="name", value=shown, ref=ref, evidence=shown,
                      length=f"{len(c.name_text):,}", what="name")


def invisible_characters(c: Center) -> Iterator[Finding]:
    """A name whose source text holds invisible characters
    (NAME_HAS_INVISIBLE_CHARACTERS), naming them as U+XXXX codes."""
    hidden = invisible(c.name_text)
    if hidden:
        ref = c.entry.ref if c.entry else c.block.heading_ref
        yield finding("NAME_HAS_INVISIBLE_CHARACTERS", c, field="name", value=c.name_text, ref=ref,
                      count=len(hidden), characters=", ".join(dict.fromkeys(hidden)), name=c.name)


def missing_fields(c: Center) -> Iterator[Finding]:
    """A contact block that gives no phone (MISSING_PHONE), no email
    (MISSING_EMAIL) or no website (MISSING_WEBSITE), placed at its heading."""
    if c.block is None:
        return
    at = {"ref": c.block.heading_ref, "evidence": c.block.heading}
    if not any(v for _, v in phones(c)):
        yield finding("MISSING_PHONE", c, field=MAIN_PHONE, **at)
    for code, kind in (("MISSING_EMAIL", Kind.EMAIL), ("MISSING_WEBSITE", Kind.URL)):
        fields = FIELDS.of_kind(kind)
        if not any(c.value(f) for f in fields):
            yield finding(code, c, field=fields[0], **at)


# Lines a reader sets aside, and the code each is reported with.
SET_ASIDE_CODES = {HIDDEN_LABEL: "TEXT_NOT_SHOWN", NUMBER_LABEL: "VALUE_STORED_AS_NUMBER",
                   FORMULA_LABEL: "FORMULA_WITHOUT_VALUE", MARKUP_LABEL: "MARKUP_DIFFERS",
                   HYPHEN_LABEL: "ADDRESS_BROKEN_AT_HYPHEN", CUT_LABEL: "VALUE_CUT_AT_EDGE",
                   OVERPRINT_LABEL: "VALUE_PRINTED_OVER", EDGE_LABEL: "TEXT_PAST_EDGE",
                   SPLIT_LABEL: "ADDRESS_SPLIT_UNSURE"}


def _aside_field(v: Value) -> str:
    """The field a set-aside line would have filled, where its label says: an address broken at
    a hyphen is an email (it has an "@") or a website; a line cut at the page's edge fills the field
    its own label or form names ("Fax: (801) 256-23…", an address); so does a line printed over by
    other text, "" where it is no value (a name, a place: the finding stands on its center);
    "" for the others. An address split at a column's edge and the line under it each fill the field
    of their kind (an email has an "@"): the second may be an address of its own."""
    if v.label in (HYPHEN_LABEL, SPLIT_LABEL):
        return FIELDS.of_kind(Kind.EMAIL)[0] if "@" in v.text else FIELDS.of_kind(Kind.URL)[0]
    if v.label in (CUT_LABEL, OVERPRINT_LABEL):
        head, colon, _ = v.text.partition(":")
        label = FIELDS.label_of(head) if colon else ""
        if label:
            return FIELD_OF_LABEL.get(label, "")
        if "@" in v.text:
            return FIELDS.of_kind(Kind.EMAIL)[0]
        if v.label == CUT_LABEL or ("." in v.text and " " not in v.text.strip()):
            return FIELDS.of_kind(Kind.URL)[0]
    return ""


def _domain(kind: Kind, text: str) -> str:
    """The registered domain of an email address or a website ("" when none)."""
    host = _host_of(kind, text)
    return (_suffixes().privatesuffix(host) or host) if host and "." in host else ""


def _other_domain(c: Center, field: str, line) -> bool:
    """Whether a second value of an email or website field names another registered domain than the
    field's published value, both readable: two organisations' addresses in one block."""
    first, kind = c.value(field), FIELDS.by_name[field].kind
    if first is None or not first.value or (first.ref, first.text) == (line.ref, line.text):
        return False
    mine, other = _domain(kind, first.value), _domain(kind, line.text)
    return bool(mine and other) and mine != other


def after_repeat(c: Center) -> Iterator[Finding]:
    """A published value that stands after a second email or website line of
    its block on another registered domain than the first (VALUE_AFTER_REPEAT):
    an email or a website closes a block, so a second one of another
    organisation may begin another center's values (a block the reader did not
    split), and what follows it may be that center's. A value another rule
    already withholds (it fits a neighbor or another center, its line continues
    a broken word) is that rule's."""
    if c.block is None:
        return
    told = ({id(nf.value) for nf in c.neighbor_fits} | {id(b.value) for b in c.broken_words}
            | {id(v) for sb in c.stray_blocks for _, v in sb.values})
    published = {(v.ref, v.text): (field, v) for field in FIELDS.labeled if (v := c.value(field)) is not None}
    seen: set[str] = set()
    repeat = None
    for line in c.block.fields:
        field = FIELD_OF_LABEL.get(line.label)
        if field is None:
            continue
        if repeat is None and line.label in CLOSING_LABELS and field in seen and _other_domain(c, field, line):
            repeat = line
            continue
        seen.add(field)
        found = published.get((line.ref, line.text))
        if repeat is not None and found is not None and found[0] != FIELD_OF_LABEL[repeat.label] \
                and id(found[1]) not in told:
            yield finding("VALUE_AFTER_REPEAT", c, field=found[0], what=FIELDS.by_name[found[0]].title,
                          repeat=repeat.text, repeat_label=FIELDS.by_name[FIELD_OF_LABEL[repeat.label]].title,
                          repeat_line=repeat.ref.line, **_at(found[1]))


def broken_words(c: Center) -> Iterator[Finding]:
    """An email or web address whose line continues a word the line above it
    breaks at a hyphen (`normalize.broken`): withheld, named on its field at its
    own line, the address quoted as the two lines give it."""
    for b in c.broken_words:
        v = b.value
        yield finding("ADDRESS_BROKEN_AT_HYPHEN", c, field=b.field, value=f"{b.head.strip()}{v.text.strip()}",
                      ref=v.ref, evidence=f"{b.head} / {v.evidence or v.text}")


def extra_fields(c: Center) -> Iterator[Finding]:
    """Each line of a block beyond its published values: an unrecognized line
    (UNRECOGNIZED_LINE), an over-long one (LINE_TOO_LONG, quoted in part), a
    second value of a known label (its own issue when malformed, else
    EXTRA_VALUE), or a label that is not known (UNKNOWN_LABEL)."""
    heads = {b.head_ref for b in c.broken_words}  # a broken word's head: its value's finding quotes it
    for v in c.extra_fields:
        if v.label == UNRECOGNIZED_LABEL and v.ref not in heads:
            field = _broken_into(c, v) or _joined_into(c, v) or _labeled_field(v.text)
            for f in ([field] if field else _number_fields(c, v.text) or [""]):
                yield finding("UNRECOGNIZED_LINE", c, field=f, **_at(v))
        elif v.label == UNRECOGNIZED_LABEL:
            continue
        elif v.label in SET_ASIDE_CODES:
            yield finding(SET_ASIDE_CODES[v.label], c, field=_aside_field(v), **_at(v))
        elif v.label == LONG_LINE_LABEL:
            yield finding("LINE_TOO_LONG", c, field="", value=v.text[:LONG_LINE_SHOWN] + "\u2026", ref=v.ref,
                          evidence=v.text[:LONG_LINE_SHOWN] + "\u2026", length=f"{len(v.text):,}",
                          what="block_line")
        elif v.label in FIELD_OF_LABEL and v.issue and not v.value:  # a malformed second value: its own finding
            field = FIELD_OF_LABEL[v.label]
            yield finding(v.issue, c, field=field, label=v.label, **_at(v), **dict(v.details))
        elif v.label in FIELD_OF_LABEL:
            field = FIELD_OF_LABEL[v.label]
            used = c.value(field)
            yield finding("EXTRA_VALUE", c, field=field, label=v.label, used=used.text if used else "",
                          why=_why_used(used, v, c.state), state=_place_name(c.state), **_at(v))
        else:
            yield finding("UNKNOWN_LABEL", c, field=_label_cut(c, v) or v.label, label=v.label, **_at(v))


def _order(c: Center, v) -> int:
    """Where a value's line stands among its block's lines (-1 when none is it)."""
    return next((i for i, f in enumerate(c.block.fields) if (f.ref, f.text) == (v.ref, v.text)), -1)


def _label_cut(c: Center, v: Value) -> str:
    """The field of a label not known that ends a known one whose head is the block's line right
    before it ("Toll-" over "Free: (888) 884-8383": a label broken at a line's end); "" otherwise."""
    mine = _order(c, v)
    if mine < 1:
        return ""
    head = c.block.fields[mine - 1]
    if head.label != UNRECOGNIZED_LABEL or " " in head.text.strip() or not _next_line(head.ref, v.ref):
        return ""
    return next((FIELD_OF_LABEL[label] for joined in (head.text.strip() + v.label, f"{head.text.strip()} {v.label}")
                 if (label := label_of(joined)) in FIELD_OF_LABEL), "")


def _broken_into(c: Center, v: Value) -> str:
    """The field of the email or website right under an unrecognized line that is one word broken
    at a hyphen ("dal‐" over "las.fusion@dpd.ci.dallas.tx.us"): the word's rest may be the
    address's first piece, so the finding names the address too; "" for any other line."""
    text = v.text.strip()
    if c.block is None or v.ref is None or " " in text or not text.endswith(LINE_END_HYPHENS):
        return ""
    at = (v.ref.page or 0, v.ref.line)
    mine = _order(c, v)
    after = min((f for i, f in enumerate(c.block.fields) if f.ref is not None and (
                 (f.ref.page or 0, f.ref.line) > at or ((f.ref.page or 0, f.ref.line) == at and i > mine))),
                key=lambda f: (f.ref.page or 0, f.ref.line), default=None)
    field = FIELD_OF_LABEL.get(after.label, "") if after is not None else ""
    return field if field and KIND_OF_FIELD[field] in (Kind.EMAIL, Kind.URL) else ""


def _joined_into(c: Center, v: Value) -> str:
    """The field of the email or website on the line right above or below an unrecognized line of
    one word when the two lines read together are one address ("fusio" over "ncenter@alacop.gov",
    "www.ct.gov/d" over "emhs": an address broken at a line's end, its other piece published): the
    finding names that field; "" for any other line. Right above or below: the block's line before
    or after it, on the line before or after it or on the same line (a printed line read as two)."""
    text = v.text.strip()
    mine = _order(c, v) if c.block is not None and v.ref is not None and text and " " not in text else -1
    if mine < 0:
        return ""
    lines = c.block.fields
    for i in (mine - 1, mine + 1):
        line = lines[i] if 0 <= i < len(lines) else None
        field = FIELD_OF_LABEL.get(line.label, "") if line is not None else ""
        if not field or KIND_OF_FIELD[field] not in (Kind.EMAIL, Kind.URL):
            continue
        if not (_next_line(line.ref, v.ref) if i < mine else _next_line(v.ref, line.ref)):
            continue
        joined = text + line.text.strip() if i > mine else line.text.strip() + text
        if _address(joined)[0]:
            return field
    return ""


def _labeled_field(text: str) -> str:
    """The field whose label an unrecognized line starts with ("Toll-Free diac@state.de.us": a
    label beside a value of another kind, where a label column and its values fell out of step):
    the finding names that field, whose value the line may have held; "" for any other line."""
    words = text.split()
    for n in range(min(len(words), 3), 0, -1):
        field = FIELD_OF_LABEL.get(label_of(" ".join(words[:n])), "")
        if field:
            return field
    return ""


# A phone number inside a line.
_NUMBER = re.compile(r"(?<!\d)\(?\d{3}\)?[\s.-]*\d{3}[\s.-]*\d{4}(?!\d)")


def _number_fields(c: Center, text: str) -> list[str]:
    """The phone fields an unrecognized line that holds a phone number ("(888) 884-8383": a
    "Toll-Free:" label lost; "Free: (888) 884-8383", its label cut in two) may have filled, each a
    field the center has no value for: a toll-free number's the toll-free field and the phone (a
    Phone may be toll-free), another's every phone field but the toll-free one; [] for a line that
    holds none."""
    found = _NUMBER.search(text)
    if not found:
        return []
    number = phonenumbers.parse(found.group(0), "US")  # the shape above always parses
    if not phonenumbers.is_valid_number(number):
        return []
    fields = [f for f in FIELDS.of_kind(Kind.PHONE) if c.value(f) is None]
    if phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.TOLL_FREE:  # a Phone may be toll-free too
        return [f for f in fields if f in (TOLL_FREE_FIELD, MAIN_PHONE)]
    return [f for f in fields if f != TOLL_FREE_FIELD]


def _trailing_label(text: str) -> tuple[str, str]:
    """(field, words) of a label that ends a value's text after other words ("(405) 842-8547
    Alternate": the Alternate Phone's label run into the phone's line), ("", "") when none."""
    words = text.split()
    for n in range(min(len(words) - 1, 3), 0, -1):
        tail = " ".join(words[-n:])
        field = FIELD_OF_LABEL.get(label_of(tail), "")
        if field:
            return field, tail
    return "", ""


def label_after_value(c: Center) -> Iterator[Finding]:
    """A value line of a block that ends with the label of another field (LABEL_AFTER_VALUE, on
    that field): "Phone: (405) 842-8547 Alternate", where a table row's "Alternate Phone:" ran into
    the line above its own; the Alternate Phone's value may stand elsewhere or be lost. The line's
    own field has its own finding when its value does not read."""
    if c.block is None:
        return
    for line in c.block.fields:
        own = FIELD_OF_LABEL.get(line.label)
        if own is None:
            continue
        field, tail = _trailing_label(line.text)
        if field and field != own:
            yield finding("LABEL_AFTER_VALUE", c, field=field, line_label=line.label, tail=tail,
                          what=FIELDS.by_name[field].title, value=line.text, ref=line.ref,
                          evidence=line.raw or line.text)


def _inner_labels(text: str) -> Iterator[tuple[str, str]]:
    """(field, label as written) of each label with its colon inside a line's text, after its first
    word ("(517) 241-8000 Toll-Free: (877) 616-4677")."""
    words = text.split()
    for k in range(1, len(words)):
        for n in range(1, min(3, len(words) - k) + 1):
            label = " ".join(words[k:k + n])
            field = FIELD_OF_LABEL.get(label_of(label[:-1]), "") if label.endswith(":") else ""
            if field:
                yield field, label
                break


def label_inside_line(c: Center) -> Iterator[Finding]:
    """A line of a block that holds, after its start, another field's label with its colon
    (LABEL_INSIDE_LINE, on that field): "Phone: (517) 241-8000 Toll-Free: (877) 616-4677", "Lincoln,
    Nebraska Phone: (402) 479-4049", two printed lines read as one; the labeled value is read into
    the line's own field, or into none, and may be lost."""
    if c.block is None:
        return
    lines = (*((c.block.location,) if c.block.location is not None else ()), *c.block.fields)
    for line in lines:
        own = FIELD_OF_LABEL.get(line.label, "")
        for field, label in _inner_labels(line.text):
            if field != own:
                yield finding("LABEL_INSIDE_LINE", c, field=field, label=label.rstrip(":"),
                              what=FIELDS.by_name[field].title, value=line.text, ref=line.ref,
                              evidence=line.raw or line.text)


def _why_used(used: Value | None, other: Value, state: str) -> str:
    """Why a field publishes `used` rather than `other` (`normalize.dataset._fields`),
    as a key of EXTRA_VALUE's words."""
    if used is None:
        return "first"
    if used.value and not other.value:
        return "unreadable"
    fits = (fit(used.signal, state), fit(other.signal, state))
    if fits[0] < fits[1]:
        return "fits" if fits[0] == 0 else "other_state"
    return "first"


def _shown(v: Value | None) -> str:
    return (v.value or v.text) if v else ""


def sources_disagree(c: Center) -> Iterator[Finding]:
    """The same center as another document gives it, normalized alike, field by field."""
    for alt in c.alternates:
        words = {"source": c.source, "other_source": alt.source}
        for field in FIELDS.labeled:
            mine, theirs = c.value(field), alt.value(field)
            if _shown(mine) != _shown(theirs):
                at = _at(theirs) if theirs else {"value": "", "ref": alt.block.heading_ref,
                                                 "evidence": alt.block.heading}
                yield finding("SOURCES_DISAGREE", c, field=field, mine=_shown(mine) or "(none)",
                              theirs=_shown(theirs) or "(none)", **words, **at)
        for field in ("city", "state"):  # a ZIP code is no reason to doubt a place
            if c.text(field) != alt.text(field):
                at = _at(alt.location) if alt.location else {"value": "", "ref": alt.block.heading_ref,
                                                             "evidence": alt.block.heading}
                yield finding("SOURCES_DISAGREE", c, field=field, mine=c.text(field) or "(none)",
                              theirs=alt.text(field) or "(none)", **words, **at)


CenterRule = Callable[[Center], Iterable[Finding]]
CENTER_RULES: list[CenterRule] = [
    phone_validity, phone_types, phone_labels_swapped, area_code_place, fax_area_code, repeated_numbers,
    no_main_phone, email_validity, website_validity, domain_suffix, domain_abroad, address_tail, address_head_above,
    gov_domain_state,
    value_fits_neighbor, block_fits_other_center, after_repeat, broken_words, label_after_value, label_inside_line,
    location, zip_place, coordinates, list_place, list_lines, coverage, names, name_join, long_name, invisible_characters, missing_fields, extra_fields,
    sources_disagree,
]


# ---- dataset rules ----------------------------------------------------------

_SHARED_CODE = {Kind.PHONE: "PHONE_SHARED", Kind.EMAIL: "EMAIL_SHARED", Kind.URL: "WEBSITE_SHARED"}


def _shared_key(kind: Kind, value: str) -> str:
    """What makes two values of a kind the same: a number as it is, an address in
    lower case, a site whatever its scheme, "www." or final "/"."""
    if kind == Kind.EMAIL:
        return value.lower()
    if kind == Kind.URL:
        return _SITE_PREFIX.sub("", value.lower()).rstrip("/")
    return value


def shared_values(ds: Dataset, as_of: date) -> Iterator[Finding]:
    """A phone, email or website published for more than one center."""
    index: dict[tuple[str, str], list[tuple[Center, str, Value]]] = defaultdict(list)
    for c in ds.centers:
        for field, v in values_of(c, Kind.PHONE, Kind.EMAIL, Kind.URL):
            if v.value:
                kind = FIELDS.by_name[field].kind
                index[(_SHARED_CODE[kind], _shared_key(kind, v.value))].append((c, field, v))
    for (code, _), holders in index.items():
        if len({c.id for c, _, _ in holders}) < 2:
            continue
        names_by_id = {o.id: o.name for o, _, _ in holders}
        for c, field, v in holders:
            others = ", ".join(sorted({n for i, n in names_by_id.items() if i != c.id}))
            yield finding(code, c, field=field, others=others, **_at(v))


def shared_names(ds: Dataset, as_of: date) -> Iterator[Finding]:
    """Two centers published under one name by a reviewer's `set` of one
    center's name to another's (NAME_PUBLISHED_TWICE), on each of them; the
    finding cites the decision that set the name, else the center's line. Two
    names alike in the sources are the list's and blocks' own codes
    (DUPLICATE_LIST_ENTRY, BLOCK_WITHOUT_LIST_ENTRY)."""
    index: dict[str, list[Center]] = defaultdict(list)
    for c in ds.centers:
        index[name_key(str(c.published("name") or ""))].append(c)
    for key, holders in index.items():
        decided = any(o.field == "name" and isinstance(o.origin, Decision) for c in holders for o in c.overrides)
        if not key or len(holders) < 2 or not decided:
            continue
        for c in holders:
            others = ", ".join(o.id for o in holders if o is not c)
            setter = next((o.origin for o in reversed(c.overrides) if o.field == "name"), None)
            ref = setter.ref if isinstance(setter, Decision) else None
            yield finding("NAME_PUBLISHED_TWICE", c, field="name", value=str(c.published("name")), ref=ref,
                          others=others)


def duplicate_entries(ds: Dataset, as_of: date) -> Iterator[Finding]:
    """A list entry whose name repeats an earlier one of the same file
    (DUPLICATE_LIST_ENTRY), naming the first one's line. `as_of` is not used;
    every dataset rule takes it."""
    seen: dict[tuple[str, str], int] = {}
    center_of = {id(c.entry): c for c in ds.centers if c.entry is not None}
    for e in ds.entries:
        key = (e.ref.source, name_key(e.text))
        if key in seen:
            c = center_of.get(id(e))
            yield finding("DUPLICATE_LIST_ENTRY", c, field="name", value=e.text, ref=e.ref, first_line=seen[key])
        else:
            seen[key] = e.ref.line


def source_dates(ds: Dataset, as_of: date) -> Iterator[Finding]:
    """A source document with no publication date (SOURCE_UNDATED), a date that
    cannot be taken (SOURCE_DATE_UNUSABLE), or published more than
    OUTDATED_AFTER_YEARS years before `as_of` (SOURCE_OUTDATED)."""
    for d in ds.documents:
        ref = d.start
        what = {"title": d.title, "kind": d.kind, "url": d.url}  # the page, as the code's words say it
        if not d.published and d.published_text:  # unreadable, or later than its retrieval (extract)
            yield finding("SOURCE_DATE_UNUSABLE", None, field="published", value=d.published_text,
                          ref=d.published_ref or ref, evidence=d.published_line or d.published_text, **what)
            continue
        if not d.published:
            yield finding("SOURCE_UNDATED", None, field="published", ref=ref, evidence="", **what)
            continue
        published = date.fromisoformat(d.published)
        if published >= as_of:
            continue
        years, days = years_and_days(published, as_of)
        if (years, days) > (OUTDATED_AFTER_YEARS, 0):
            yield finding("SOURCE_OUTDATED", None, field="published", value=d.published_text,
                          ref=d.published_ref or ref, evidence=d.published_line or d.published_text, **what,
                          published=d.published, years=years, days=days, as_of=as_of.isoformat())


def source_markup(ds: Dataset, as_of: date) -> Iterator[Finding]:
    """A page whose contact values are read from machine-readable markup (JSON-LD)
    that it does not show (SOURCE_VALUES_FROM_MARKUP), placed at the page's start."""
    for d in ds.documents:
        if d.values_from_markup:
            what = {"title": d.title, "kind": d.kind, "url": d.url}  # the page, as the code's words say it
            yield finding("SOURCE_VALUES_FROM_MARKUP", None, field="source", ref=d.start,
                          evidence="", **what)


def source_addresses(ds: Dataset, as_of: date) -> Iterator[Finding]:
    """A page that names itself by something other than an http(s) address (a "javascript:" canonical link)."""
    for d in ds.documents:
        if d.rejected_url:
            yield finding("SOURCE_ADDRESS_REJECTED", None, field="source_url", value=d.rejected_url,
                          ref=d.start, file=d.source,
                          fallback=d.url)


def source_encoding(ds: Dataset, as_of: date) -> Iterator[Finding]:
    """One finding per raw file whose encoding the reader had to guess."""
    noted: set[str] = set()
    for d in ds.documents:
        if d.encoding_note and d.source not in noted:
            noted.add(d.source)
            yield finding("SOURCE_ENCODING_GUESSED", None, field="encoding", ref=d.start,
                          evidence="", file=d.source, note_text=d.encoding_note)


DatasetRule = Callable[[Dataset, date], Iterable[Finding]]


def id_links(ds: Dataset, as_of: date) -> Iterator[Finding]:
    """A rename the id register linked (ID_KEPT_AFTER_RENAME), or a link it only
    proposes (ID_LINK_PROPOSED), on the center that publishes the id."""
    centers = {c.id: c for c in ds.centers}
    for link in ds.id_links:
        c = centers.get(link.center_id)
        old = " / ".join(repr(n) for n in link.old_names)
        shared = ", ".join(link.shared) or "none"
        if link.linked:
            yield finding("ID_KEPT_AFTER_RENAME", c, field="id", value=link.new_name, register_id=link.register_id,
                          old_names=old, shared_count=len(link.shared), shared=shared)
        else:
            yield finding("ID_LINK_PROPOSED", c, field="id", value=link.new_name, center_id=link.center_id,
                          register_id=link.register_id, old_names=old, shared_count=len(link.shared), shared=shared)


def neighbor_domains(ds: Dataset, as_of: date) -> Iterator[Finding]:
    """An email or website of a center's block whose domain none of its other addresses has, while a
    center at most NEARBY_BLOCKS blocks from it in its document has an address of that domain
    (VALUE_DOMAIN_OF_NEIGHBOR, on the value's center and field): an .org site, which names no place,
    moved into the next block with a block's tail, or two centers' emails swapped."""
    for source, centers in _reading_order(ds).items():
        for i, n in enumerate(centers):
            for field, v, _ in _address_domains(n):
                for j in range(max(0, i - NEARBY_BLOCKS), min(len(centers), i + NEARBY_BLOCKS + 1)):
                    c = centers[j]
                    if c is not n and _other_domain_of(v, field, n, c):
                        domain = _domain(KIND_OF_FIELD[field], v.value)
                        yield finding("VALUE_DOMAIN_OF_NEIGHBOR", n, field=field, label=LABEL_OF_FIELD[field].lower(),
                                      domain=domain, other=c.name, source=source, **_at(v))
                        break


def _reading_order(ds: Dataset) -> dict[str, list[Center]]:
    """Each source's centers in the order of their blocks."""
    owner = {id(c.block): c for c in ds.centers if c.block is not None}
    order: dict[str, list[Center]] = defaultdict(list)
    for b in ds.blocks:
        if id(b) in owner:
            order[b.heading_ref.source].append(owner[id(b)])
    return order


# How many blocks before and after a center's, in its document's order, may hold a value it lost.
NEARBY_BLOCKS = 2


def _surplus(n: Center, c: Center) -> Iterator[tuple[str, Value, str]]:
    """(field, value, why) for each value of a neighbor's block that it has no room for: every value
    of a block no list entry names ("unlisted": a heading the reader made of a line) beside a center
    whose block gives no phone or no email (a block cut short, not one that has no fax), a second
    value of a field ("extra"), a value whose place is the center `c`'s state and not the
    neighbor's ("place"), unless it shares its exchange with a number of its block that is of the
    neighbor's own state: an office's numbers share one, and a mistyped area code is likelier
    (Connecticut's fax (806) 706-5535 beside its phone (860) 706-5500 is no Texas center's), or
    an email or website of a domain none of the neighbor's other addresses has and one of the
    center's has ("domain": an .org site, which names no place, moved with a block's tail)."""
    extras = [(FIELD_OF_LABEL[v.label], v) for v in n.extra_fields if FIELD_OF_LABEL.get(v.label) and v.value]
    published = [(f, v) for f, v in values_of(n, Kind.PHONE, Kind.EMAIL, Kind.URL) if v.value]
    damaged = any(_lacks(c, f) for f in (MAIN_PHONE, FIELDS.of_kind(Kind.EMAIL)[0]))
    for field, v in [*published, *extras]:
        if n.entry is None and damaged:
            yield field, v, "unlisted"
        elif (c.state and v.signal is not None and v.signal.state == c.state != n.state
              and not shares_exchange(v, [x for _, x in [*published, *extras]
                                           if x.signal is not None and x.signal.state == n.state])):
            yield field, v, "place"
        elif any(v is x for _, x in extras):
            yield field, v, "extra"
        elif _other_domain_of(v, field, n, c):
            yield field, v, "domain"


def _address_domains(c: Center) -> list[tuple[str, Value, str]]:
    """(field, value, registered domain) of a center's readable emails and websites, published and extra."""
    found = [(f, v) for f, v in values_of(c, Kind.EMAIL, Kind.URL) if v.value]
    found += [(FIELD_OF_LABEL[v.label], v) for v in c.extra_fields
              if KIND_OF_FIELD.get(FIELD_OF_LABEL.get(v.label, "")) in (Kind.EMAIL, Kind.URL) and v.value]
    return [(f, v, d) for f, v in found if (d := _domain(FIELDS.by_name[f].kind, v.value))]


# The top-level domains of U.S. public bodies (.gov, .mil, .edu, a state's or locality's .us), whose
# domains many offices of one government share: alike on two neighbors, they tell nothing.
PUBLIC_TOPS = frozenset({"gov", "mil", "edu", "us"})


def _other_domain_of(v: Value, field: str, n: Center, c: Center) -> bool:
    """Whether an email or website of `n` that names no place and is no public body's (an .org
    domain, not a .gov one: a place is the place rules') is of a domain none of `n`'s other addresses has (it has one at least) and another
    address of `c`'s has (the same address on both is EMAIL_SHARED's or WEBSITE_SHARED's):
    "www.jric.org" under a center whose email is elsewhere, beside the center whose email is
    "jric@jric.org"."""
    kind = KIND_OF_FIELD[field]
    if kind not in (Kind.EMAIL, Kind.URL) or v.signal is not None:
        return False
    mine, key = _domain(kind, v.value), _shared_key(kind, v.value)
    if mine.rsplit(".", 1)[-1] in PUBLIC_TOPS:  # a government's domain serves many offices of one place
        return False
    others = [d for _, o, d in _address_domains(n) if o is not v]
    return (bool(mine) and bool(others) and mine not in others
            and any(d == mine and _shared_key(KIND_OF_FIELD[f], o.value) != key for f, o, d in _address_domains(c)))


def _lacks(c: Center, field: str) -> bool:
    """Whether a center's block gives no value at all, readable or not, for a field."""
    return c.value(field) is None and not any(FIELD_OF_LABEL.get(v.label) == field for v in c.extra_fields)


def lacking_held_nearby(ds: Dataset, as_of: date) -> Iterator[Finding]:
    """A field a listed center's block lacks while a block at most NEARBY_BLOCKS before or after it
    in its document holds a value of that field it has no room for (`_surplus`):
    VALUE_LACKING_HELD_NEARBY on the center and field, cited at the value's line. A block the
    reader cut short hands its lines to the next one ("Minnesota Fusion Center", then a heading
    "Los Angeles," made of a stray line, holding Minnesota's numbers), or a table row's cells fall
    into the row below (Alabama's and Alaska's numbers in Arizona's row): the center that lost
    them is named, field by field, not only the one that holds them."""
    for source, centers in _reading_order(ds).items():
        for i, c in enumerate(centers):
            if c.entry is None:
                continue
            lacking = {f for f in FIELDS.labeled if _lacks(c, f)}
            best: dict[str, tuple] = {}  # by field: the value whose place is the center's, else the nearest
            for j in range(max(0, i - NEARBY_BLOCKS), min(len(centers), i + NEARBY_BLOCKS + 1)):
                n = centers[j]
                for k, (field, v, why) in enumerate(_surplus(n, c) if j != i and n is not c else ()):
                    rank = (why != "place", abs(j - i), j, k)
                    if field in lacking and (field not in best or rank < best[field][0]):
                        best[field] = (rank, n, v, why)
            for field in FIELDS.labeled:
                if field in best:
                    (_, distance, _, _), n, v, why = best[field]
                    yield finding("VALUE_LACKING_HELD_NEARBY", c, field=field, name=c.name,
                                  what=FIELDS.by_name[field].title, holder=n.name, distance=str(distance),
                                  source=source, why=why, state=_place_name(c.state), **_at(v))


DATASET_RULES: list[DatasetRule] = [shared_values, shared_names, duplicate_entries, source_dates, source_addresses,
                                    source_encoding, live_checks, source_markup, id_links, lacking_held_nearby,
                                    neighbor_domains]


# ---- conservation: every value shown is accounted for --------------------------

def _where(ref: SourceRef | None) -> tuple:
    return (ref.source, ref.page, ref.line) if ref else ()


def _block_spans(ds: Dataset) -> dict[str, list[tuple[tuple, tuple, Center]]]:
    """Each source's contact blocks as (first, last) places (page, line), with the center they belong to."""
    spans: dict[str, list[tuple[tuple, tuple, Center]]] = defaultdict(list)
    for c in ds.centers:
        for block in (c.block, *(a.block for a in c.alternates)):
            if block is None:
                continue
            refs = [block.heading_ref, *(f.ref for f in block.fields)]
            if block.location is not None:
                refs.append(block.location.ref)
            places = [(r.page or 0, r.line) for r in refs]
            spans[block.heading_ref.source].append((min(places), max(places), c))
    return spans


def _holding_centers(spans: dict[str, list[tuple[tuple, tuple, Center]]],
                     shown: Sequence[ShownValue]) -> list[Center | None]:
    """For each shown value, in order, the center of the first block (in the
    order of `spans`) whose span holds its line; None where no block does.
    One sweep per source over its values in the order of their places, with
    the blocks begun so far in a heap by their order (a block ended before one
    place has ended before every later one), not every block per value."""
    held: list[Center | None] = [None] * len(shown)
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(shown):
        by_source[v.ref.source].append(i)

    def place(i: int) -> tuple[int, int]:
        """Where the i-th shown value stands: (page, line), page 0 outside a PDF."""
        return shown[i].ref.page or 0, shown[i].ref.line

    for source, indices in by_source.items():
        blocks = spans.get(source, [])
        by_start = sorted(range(len(blocks)), key=lambda b: blocks[b][0])
        begun: list[tuple[int, tuple]] = []  # (order in spans, last place)
        k = 0
        for i in sorted(indices, key=place):
            at = place(i)
            while k < len(by_start) and blocks[by_start[k]][0] <= at:
                heapq.heappush(begun, (by_start[k], blocks[by_start[k]][1]))
                k += 1
            while begun and begun[0][1] < at:
                heapq.heappop(begun)
            if begun:
                held[i] = blocks[begun[0][0]][2]
    return held


def _names(f: Finding, v: ShownValue) -> bool:
    """Whether a finding at the value's line names it."""
    return bool(f.value) and (v.text in f.value or f.value in v.line or v.key == contact_key(v.kind, f.value))


def _field_shown(v: ShownValue) -> str:
    """The field a value shown would fill: its line's label's ("Fax: (334) 517-2746" a fax),
    else the first field of its kind (a phone on a line without a label, the main phone)."""
    label = label_of(v.line.partition(":")[0]) if ":" in v.line else ""
    field = FIELD_OF_LABEL.get(label, "")
    return field if field and KIND_OF_FIELD[field] == v.kind else FIELDS.of_kind(Kind(v.kind))[0]


def conservation(ds: Dataset, findings: Sequence[Finding]) -> Iterator[Finding]:
    """Every phone, email and web address a document shows ends published on
    exactly one center or named in a finding at its file, page and line.
    Otherwise: VALUE_UNACCOUNTED (a contact listing's value, an error, on the
    center whose block holds its line if any); VALUE_PUBLISHED_TWICE (one line's
    value on two centers, or a value the source shows once published on two);
    VALUE_OUTSIDE_BLOCKS (a value of another page, or a page's own address:
    one info finding)."""
    # Who publishes each value (by its key), and where (by its line's file, page and line, and its key):
    # center ids in lists, read as sets below (a set apiece costs three times the memory).
    published_at: dict[tuple, list[str]] = {}
    holders: dict[str, list[str]] = {}
    names_by_id = {c.id: c.name for c in ds.centers}
    for c in ds.centers:
        mine: set[str] = set()
        for field, kind in KIND_OF_FIELD.items():
            v = c.published(field)
            if not isinstance(v, Value) or not v.value:
                continue
            key = contact_key(kind, v.value)
            mine.add(key)
            holders.setdefault(key, []).append(c.id)
            published_at.setdefault((*_where(v.ref), key), []).append(c.id)
        for alt in c.alternates:  # the same values as another document gives them, in any of the center's fields
            for field, kind in KIND_OF_FIELD.items():
                other = alt.value(field)
                if other is not None and other.value and contact_key(kind, other.value) in mine:
                    published_at.setdefault((*_where(other.ref), contact_key(kind, other.value)), []).append(c.id)
    named: dict[tuple, list[Finding]] = defaultdict(list)
    for f in findings:
        named[_where(f.ref)].append(f)
    held = _holding_centers(_block_spans(ds), ds.shown)
    own = {contact_key("url", d.url) for d in ds.documents if d.url}
    times_shown = Counter((v.ref.source, v.key) for v in ds.shown)
    twice: set[str] = set()
    for v, center in zip(ds.shown, held):
        where = _where(v.ref)
        at = {"value": v.text, "ref": v.ref, "evidence": v.line, "kind": v.kind}
        on = set(published_at.get((*where, v.key), ()))
        by = set(holders.get(v.key, ()))
        if len(on) > 1 or (times_shown[(v.ref.source, v.key)] == 1 and len(by) > 1):
            if v.key not in twice:
                twice.add(v.key)
                ids = sorted(on | by)
                yield finding("VALUE_PUBLISHED_TWICE", center, field="", centers=", ".join(names_by_id[i] for i in ids),
                              **at)
            continue
        if on or any(_names(f, v) for f in named.get(where, ())):
            continue
        if v.listing and v.key not in own:
            yield finding("VALUE_UNACCOUNTED", center, field=_field_shown(v), **at)
        else:
            yield finding("VALUE_OUTSIDE_BLOCKS", None, field="", **at)


AccountingRule = Callable[[Dataset, Sequence[Finding]], Iterable[Finding]]
# Rules over the dataset and every finding of the rules above, run last.
ACCOUNTING_RULES: list[AccountingRule] = [conservation]
