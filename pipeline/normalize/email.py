"""Emails: syntax checked with email-validator (RFC 5322/6531), no network."""
from __future__ import annotations

import unicodedata

from email_validator import EmailNotValidError, validate_email

from pipeline.records import Parsed


def scripts(text: str) -> list[str]:
    """The writing systems of the letters in `text` ("LATIN", "CYRILLIC", …), in order of first use.

    Unicode names each letter with its script first ("CYRILLIC SMALL LETTER A"),
    which is enough to tell a look-alike letter from another script.
    """
    found: dict[str, None] = {}
    for ch in text:
        if ch.isalpha():
            found[unicodedata.name(ch, "UNKNOWN").split(" ")[0]] = None
    return list(found)


def normalize_email(text: str) -> Parsed:
    """The address as email-validator normalizes it (domain lower-cased).

    The local part keeps its case: RFC 5321 lets a server tell cases apart.
    A domain label that mixes letters of two scripts (a Cyrillic "а" in a
    .gov name) is a look-alike: it comes back unpublished with EMAIL_MIXED_SCRIPT.
    """
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        return Parsed("", "EMAIL_INVALID", (("problem", str(exc)),))  # email-validator's reason, for a person
    # Per label: a Cyrillic name under ".com" is an honest IDN; a Cyrillic
    # letter inside a Latin name is a look-alike.
    mixed = [s for s in (scripts(part) for part in result.domain.split(".")) if len(s) > 1]
    if mixed:
        domain_scripts = mixed[0]
        return Parsed("", "EMAIL_MIXED_SCRIPT",
                      (("domain", result.domain), ("scripts", " and ".join(s.title() for s in domain_scripts))))
    return Parsed(result.normalized)
