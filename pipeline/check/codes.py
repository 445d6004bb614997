"""The registry of finding codes: one place for each code's severity, title
and what a reviewer should do. The README's table is tested against it."""
from __future__ import annotations

from typing import NamedTuple

from pipeline.records import Center, Finding, SourceRef

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


class Code(NamedTuple):
    severity: str
    title: str
    action: str


CODES: dict[str, Code] = {
    # Phones
    "PHONE_INVALID": Code(ERROR, "A phone number that is not a valid NANP number",
                          "Find the right number from the center; the value is left out of the phone columns."),
    "PHONE_EXTENSION": Code(INFO, "A phone number with an extension, which E.164 cannot hold",
                            "Nothing, unless consumers need the extension: it is kept in the provenance."),
    "TOLL_FREE_IS_GEOGRAPHIC": Code(WARNING, "A Toll-Free label on a geographic number",
                                    "Check which label the number should have."),
    "PHONE_IS_TOLL_FREE": Code(INFO, "A Phone that is a toll-free number",
                               "Nothing: many centers publish a toll-free tip line as their phone."),
    "PHONE_LABELS_SWAPPED": Code(WARNING, "Phone and Toll-Free numbers whose labels are swapped",
                                 "Confirm the relabeling, which the pipeline has applied."),
    "AREA_CODE_OUT_OF_STATE": Code(WARNING, "An area code that belongs to another state or territory",
                                   "Check the number with the center; a digit may be transposed."),
    "FAX_AREA_CODE_DIFFERS": Code(INFO, "A fax whose area code differs from the center's phone",
                                  "Check the fax number against the phone number."),
    "PHONE_REPEATED_IN_CENTER": Code(WARNING, "The same number in two fields of one center",
                                     "Check whether one of the two fields should hold another number."),
    "PHONE_SHARED": Code(WARNING, "The same number published for two centers",
                         "Check with both centers whose number it is."),
    # Emails and websites
    "EMAIL_INVALID": Code(ERROR, "An email address that email-validator rejects",
                          "Find the right address; the value is left out of the email column."),
    "EMAIL_SHARED": Code(WARNING, "The same email address published for two centers",
                         "Check with both centers whose address it is."),
    "WEBSITE_INVALID": Code(ERROR, "A website that is not a web address",
                            "Find the right address; the value is left out of the website column."),
    "WEBSITE_UNSAFE_SCHEME": Code(ERROR, "A website whose scheme is not http or https",
                                  "Treat the source as suspect; the value is never written as a link."),
    "WEBSITE_SHARED": Code(WARNING, "The same website published for two centers",
                           "Check whether each center has a page of its own."),
    "GOV_DOMAIN_STATE_MISMATCH": Code(WARNING, "A government domain whose state part is not the center's state",
                                      "Check the domain: the state part may be mistyped."),
    # Places
    "LOCATION_MISSING": Code(ERROR, "A contact block with no location line",
                             "Find the center's city and state."),
    "LOCATION_MALFORMED": Code(WARNING, "A location line that is not of the form City, State",
                               "Check the line; the city and state read from its first parts are used."),
    "LOCATION_HAS_ZIP": Code(INFO, "A location line that carries a ZIP code",
                             "Nothing: the ZIP is kept in the zip column."),
    "LIST_CITY_DIFFERS": Code(INFO, "A recognized center whose list city differs from its contact city",
                              "Nothing, unless the center moved: the contact city is used, the list city kept."),
    "LIST_STATE_DIFFERS": Code(ERROR, "A center whose list state differs from its contact state",
                               "Check which state is right."),
    # Coverage and names
    "LIST_ENTRY_WITHOUT_BLOCK": Code(ERROR, "A list entry with no contact block",
                                     "Find the center's contact details."),
    "BLOCK_WITHOUT_LIST_ENTRY": Code(ERROR, "A contact block with no list entry",
                                     "Check whether the center is still designated."),
    "DUPLICATE_LIST_ENTRY": Code(ERROR, "Two list entries with the same name",
                                 "Check whether the list repeats a center by mistake."),
    "HEADING_DIFFERS_FROM_LIST": Code(INFO, "A contact heading written differently from the list name",
                                      "Nothing: the list's name is used; the heading is kept in provenance."),
    "NAME_FUZZY_MATCH": Code(WARNING, "A contact block matched to its list entry by a similar name only",
                             "Confirm that the two names are the same center."),
    "MISSING_PHONE": Code(WARNING, "A center with no phone number", "Find a phone number for the center."),
    "MISSING_EMAIL": Code(WARNING, "A center with no email address", "Find an email address for the center."),
    "MISSING_WEBSITE": Code(INFO, "A center with no website", "Nothing, unless the center has a website."),
    "UNKNOWN_LABEL": Code(INFO, "A contact line with a label the pipeline does not know",
                          "Decide whether the label names a field; the value is kept in provenance."),
    "UNRECOGNIZED_LINE": Code(WARNING, "A line inside a contact block that is no label, email, website or place",
                              "Read the line in the source; it is kept in provenance, not published."),
    "LINE_TOO_LONG": Code(WARNING, "A source line too long to be read",
                          "Look at the line in the source; it is kept verbatim in provenance, not read."),
    "HEADING_WITHOUT_NAME": Code(ERROR, "A contact block whose heading gives no name",
                                 "Find the center's name; until then its id is made from its file and line."),
    "EXTRA_VALUE": Code(WARNING, "A second value for a field that holds one",
                        "Check which value is current; the first is used, the other kept in provenance."),
    "SOURCES_DISAGREE": Code(WARNING, "Two source documents that give a center different values",
                             "Check which document is current; the first (by file name) is used."),
    # Sources
    "SOURCE_OUTDATED": Code(WARNING, "A source page last published long before this build",
                            "Refresh the sources (make fetch) and review what changed."),
    "SOURCE_UNDATED": Code(WARNING, "A source page with no publication date",
                           "Date the page from another source, or treat its data as of unknown age."),
    # Reviewer decisions
    "CORRECTION_STALE": Code(ERROR, "A reviewer's decision whose expected value no longer matches the source",
                             "Review the source's new value and renew or drop the decision."),
    "CORRECTION_UNKNOWN_CENTER": Code(ERROR, "A reviewer's decision for a center or field that does not exist",
                                      "Fix the center id or field name in the corrections file."),
}


def severity(code: str) -> str:
    return CODES[code].severity


def finding(code: str, center: Center | None, field: str, value: str, message: str,
            suggestion: str = "", ref: SourceRef | None = None, status: str = "open") -> Finding:
    """A finding with its code's severity, placed at `ref` (else at the center's first line)."""
    if ref is None and center is not None:
        ref = SourceRef(center.source, center.source_line)
    return Finding(code=code, severity=severity(code),
                   center_id=center.id if center else "", center_name=center.name if center else "",
                   field=field, value=value, message=message, suggestion=suggestion,
                   source=ref.source if ref else "", line=ref.line if ref else None, status=status)
