"""Emails: syntax checked with email-validator (RFC 5322/6531), no network."""
from __future__ import annotations

import unicodedata

from email_validator import EmailNotValidError, validate_email

from pipeline.records import SourceRef, Value


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


def normalize_email(text: str, ref: SourceRef | None = None, label: str = "Email", evidence: str = "") -> Value:
    """The address as email-validator normalizes it (domain lower-cased).

    The local part keeps its case: RFC 5321 lets a server tell cases apart.
    A domain label that mixes letters of two scripts (a Cyrillic "а" in a
    .gov name) is a look-alike: it comes back unpublished with EMAIL_MIXED_SCRIPT.
    """
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        return Value("", text, ref, issue="EMAIL_INVALID", details=(("problem", str(exc)),),
                     label=label, evidence=evidence)
    # Per label: a Cyrillic name under ".com" is an honest IDN; a Cyrillic
    # letter inside a Latin name is a look-alike.
    mixed = [s for s in (scripts(label) for label in result.domain.split(".")) if len(s) > 1]
    if mixed:
        domain_scripts = mixed[0]
        return Value("", text, ref, issue="EMAIL_MIXED_SCRIPT",
                     details=(("domain", result.domain), ("scripts", " and ".join(s.title() for s in domain_scripts))),
                     label=label, evidence=evidence)
    return Value(result.normalized, text, ref, label=label, evidence=evidence)
