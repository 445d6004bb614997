"""What a document shows: every phone number, email address and web address
in its visible lines, wherever it stands, labeled or not.

The readers keep what they read; this module keeps what was there to read,
so that check can hold the two against each other (conservation): each value
shown is published on one center or named in a finding. It recognizes:

- phone numbers with phonenumbers' own matcher (`PhoneNumberMatcher`, valid
  NANP numbers), the library the phone normalizer reads them with;
- email addresses and web addresses by the rules the block builder reads a
  line with (`lines.classify_line`), applied to each word of the line: a word
  with "@" is an email, one with a scheme or "www." a web address, a bare host
  name a web address when it ends in a top-level domain of `WEB_TLDS`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import phonenumbers

from pipeline.records import ShownValue, SourceRef
from pipeline.reference import MAX_LINE_CHARS
from pipeline.text import contact_key

# Top-level domains a bare host name ("dhsem.state.co.us") is read under; the
# names of the listings' websites end in these (with a scheme or "www." any
# name is a web address). A word like "U.S." or "3.5" is no host name.
WEB_TLDS = frozenset({"gov", "us", "org", "com", "net", "edu", "mil", "info", "biz", "io"})
_TRIM = "<>()[]{}\"'.,;:!?*"
_SCHEME = re.compile(r"(?:https?://|www\.)", re.I)
_EMAIL = re.compile(r"(?:mailto:)?(?P<address>[^@\s]+@[\w\-]+(?:\.[\w\-]+)+)", re.I)
_HOST = re.compile(r"[\w\-]+(?:\.[\w\-]+)+(?:[/?#]\S*)?")


@dataclass(frozen=True)
class Settings:
    """When a document shows a listing: the yield guard of `pipeline.extract`."""

    # A source that shows at least this many phone numbers and as many email
    # addresses shows contact data: one center's block has one or two of each,
    # a prose page's press office one phone; three of each are three centers.
    min_phones: int = 3
    min_emails: int = 3


SETTINGS = Settings()


def _words(text: str) -> Iterable[tuple[str, str]]:
    """(kind, word) for each email or web address among a line's words."""
    for raw in text.split():
        word = raw.strip(_TRIM)
        if not word:
            continue
        if "@" in word:
            m = _EMAIL.fullmatch(word)
            if m:
                yield "email", m.group("address")
            continue
        if _SCHEME.match(word):
            yield "url", word
        elif _HOST.fullmatch(word) and word.split("/", 1)[0].rsplit(".", 1)[-1].lower() in WEB_TLDS:
            yield "url", word


def shown_in_line(text: str, ref: SourceRef, *, listing: bool) -> list[ShownValue]:
    """Every contact value of one visible line, in reading order."""
    if len(text) > MAX_LINE_CHARS or not text.strip():
        return []
    found = []
    # A NANP number has ten digits (seven at the least, written locally): the
    # matcher is skipped on a line with fewer.
    digits = sum(ch.isdigit() for ch in text)
    matches = phonenumbers.PhoneNumberMatcher(text, "US", leniency=phonenumbers.Leniency.VALID) if digits >= 7 else ()
    for match in matches:
        e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        found.append((match.start, ShownValue("phone", match.raw_string, e164, ref, text.strip(), listing)))
    position = 0
    for kind, word in _words(text):
        position = text.find(word, position)
        found.append((position, ShownValue(kind, word, contact_key(kind, word), ref, text.strip(), listing)))
    return [v for _, v in sorted(found, key=lambda p: p[0])]


def shown_values(lines: Iterable[tuple[str, SourceRef]], *, listing: bool) -> list[ShownValue]:
    """Every contact value of a document's visible lines; `listing` says the document is a contact listing."""
    return [v for text, ref in lines for v in shown_in_line(text, ref, listing=listing)]


def shows_contacts(values: Sequence[ShownValue], settings: Settings = SETTINGS) -> bool:
    """Whether the values are a listing's: several distinct phone numbers and email addresses."""
    phones = {v.key for v in values if v.kind == "phone"}
    emails = {v.key for v in values if v.kind == "email"}
    return len(phones) >= settings.min_phones and len(emails) >= settings.min_emails
