"""Emails: syntax checked with email-validator (RFC 5322/6531), no network."""
from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from pipeline.records import SourceRef, Value


def normalize_email(text: str, ref: SourceRef | None = None, label: str = "Email") -> Value:
    """The address as email-validator normalizes it (domain lower-cased).

    The local part keeps its case: RFC 5321 lets a server tell cases apart.
    """
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        return Value("", text, ref, reason=str(exc), label=label)
    return Value(result.normalized, text, ref, label=label)
