"""The registry of finding codes: one place for each code's severity, title,
message template, default suggestion and what a reviewer should do.

As frictionless keeps a template on each error type, a finding's message is
rendered here from its code and its details; normalizers and rules give codes
and details, never sentences. The README's table is tested against it.
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from pipeline.fields import Kind
from pipeline.records import Center, Decision, DecisionKind, Finding, Severity, SourceRef, Status

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class Code(NamedTuple):
    """A code's entry in the registry: its severity, title, what a reviewer should
    do, and the templates of its message and default suggestion, whose fields
    are named for the finding's details."""

    severity: Severity
    title: str
    action: str  # what a reviewer should do, for the README and the report's code table
    template: str  # the message, formatted with the finding's details
    suggestion: str = ""  # the default suggestion, formatted like the template
    # The words of the details that rules and normalizers give as keys, by
    # detail: a detail named here is said by its table's entry for its value
    # ("*" for any other value; a value no entry names is said as it is),
    # formatted with the finding's details like the template. A list of keys is
    # said key by key, joined by "; "; a key with arguments is a tuple
    # (key, *arguments), its entry formatted with them ({0}, {1}...). A detail
    # the finding does not give is said by its "" entry.
    words: Mapping[str, Mapping[str, str]] = MappingProxyType({})


# The kinds of value a document shows (`ShownValue.kind`), in words.
KIND_WORDS = {Kind.PHONE: "phone number", Kind.EMAIL: "email address", Kind.URL: "web address"}
# A source page in words: its title, else its kind; its address, else "no address".
PAGE_WORDS = {"kind": {"center_list": "center list", "contact_listing": "contact listing", "prose": "prose"},
              "title": {"": "{kind}", "*": "{title}"}, "url": {"": "no address", "*": "{url}"}}
# A live check older than the sources by more than `stale_after` days says so.
STALE = {"": "", "*": " The check is stale: it was made {stale} days before the sources' date {as_of}, more than "
                     "{stale_after}; run make verify again."}

CODES: dict[str, Code] = {
    # Phones
    "PHONE_INVALID": Code(
        Severity.ERROR, "A phone number that is not a valid NANP number",
        "Find the right number from the center; the value is left out of the phone columns.",
        "The {label} {value!r} is not a valid U.S. phone number ({problem}).",
        "Ask the center for the current number.",
        {"problem": {"unreadable": "phonenumbers cannot read it as a number",
                     "foreign": "a number of region {region}, not of the United States",
                     "no_such_number": "no such NANP number"}}),
    "PHONE_EXTENSION": Code(
        Severity.INFO, "A phone number with an extension, which E.164 cannot hold",
        "Nothing: the extension is published in the field's _ext column.",
        "The {label} {value!r} has the extension {extension}, published in {field}_ext.",
        "Nothing to do: the number is in {field} and the extension in {field}_ext."),
    "TOLL_FREE_IS_GEOGRAPHIC": Code(
        Severity.WARNING, "A Toll-Free label on a geographic number", "Check which label the number should have.",
        "The Toll-Free number {value} is a geographic number{of_place}, not a toll-free one.",
        "Move it to the phone field if the center confirms it.",
        {"of_place": {"": "", "*": " of {place}"}}),
    "PHONE_IS_TOLL_FREE": Code(
        Severity.INFO, "A Phone that is a toll-free number",
        "Nothing: many centers publish a toll-free tip line as their phone.",
        "The Phone {value} is a toll-free number."),
    "PHONE_LABELS_SWAPPED": Code(
        Severity.WARNING, "Phone and Toll-Free numbers whose labels are swapped",
        "Confirm the relabeling, which the pipeline has applied.",
        "The Phone {value} is a toll-free number and the Toll-Free {toll_free} is a geographic one "
        "(line {toll_free_line}): the labels are swapped.",
        "Relabeled: phone {new_phone}, toll_free {new_toll_free}."),
    "AREA_CODE_OUT_OF_STATE": Code(
        Severity.WARNING, "An area code that belongs to another state or territory",
        "Check the number with the center; a digit may be transposed.",
        "The {label} {value} has area code {area_code}, which belongs to {place}, not to {state}.",
        "{advice}",
        {"advice": {"": "Check the number with the center.",
                    "fax_like_phone": "The phone's area code is {phone_area_code}; the fax may be {likely}. Confirm before "
                           "changing it."}}),
    "FAX_AREA_CODE_DIFFERS": Code(
        Severity.INFO, "A fax whose area code differs from the center's phone",
        "Check the fax number against the phone number.",
        "The Fax {value} has area code {area_code}; the Phone {phone} has {phone_area_code}.",
        "Check the fax number with the center."),
    "PHONE_REPEATED_IN_CENTER": Code(
        Severity.WARNING, "The same number in two fields of one center",
        "Check whether one of the two fields should hold another number.",
        "The {label} {value} repeats the {other_label} number.",
        "Check whether one field should hold another number."),
    "PHONE_SHARED": Code(
        Severity.WARNING, "The same number published for two centers", "Check with both centers whose number it is.",
        "{value} is also published for {others}.", "Check with the centers whose it is."),
    "NO_MAIN_PHONE": Code(
        Severity.WARNING, "A center with no main Phone but another number",
        "Decide whether the other number serves as the center's phone; record it with a set decision.",
        "The contact block gives no Phone; its {label} {value} could serve as the main number.",
        "If the center confirms it, publish it as the phone: set phone to {number}."),
    # Emails and websites
    "EMAIL_INVALID": Code(
        Severity.ERROR, "An email address that email-validator rejects",
        "Find the right address; the value is left out of the email column.",
        "The email {value!r} is not valid: {problem}", "Ask the center for its current address."),
    "EMAIL_MIXED_SCRIPT": Code(
        Severity.ERROR, "An email domain that mixes letters of different scripts",
        "Treat the address as a look-alike of another domain; find the real one.",
        "The email {value!r} has the domain {domain}, which mixes {scripts} letters (a look-alike domain).",
        "Do not publish it; ask the center for its address."),
    "EMAIL_SHARED": Code(
        Severity.WARNING, "The same email address published for two centers", "Check with both centers whose address it is.",
        "{value} is also published for {others}.", "Check with the centers whose it is."),
    "WEBSITE_INVALID": Code(
        Severity.ERROR, "A website that is not a web address",
        "Find the right address; the value is left out of the website column.",
        "The website {value!r} is not a web address ({problem}).", "{advice}",
        {"problem": {"empty": "it is empty", "characters": "it holds characters an address cannot hold",
                     "host_or_port": "its host or port cannot be read", "holds_email": "it holds an email address",
                     "host": "the host {host} is not a domain name"},
         "advice": {"": "Find the center's website.",
                    "www_email": "The field repeats the email address with \"www.\" in front; find the center's "
                                 "website."}}),
    "WEBSITE_UNSAFE_SCHEME": Code(
        Severity.ERROR, "A website whose scheme is not http or https",
        "Treat the source as suspect; the value is never written as a link.",
        "The website {value!r} is not a web page: the scheme {scheme}: is not http or https.",
        "Do not follow it; find the center's real website."),
    "DOMAIN_SUFFIX_UNKNOWN": Code(
        Severity.ERROR, "An email or website whose domain ends in no known suffix (cut short or misread)",
        "Read the value in the source: the end of its domain is likely cut off, or run into other text.",
        "The {label} {value!r} has the domain {host}, which ends in no suffix of the public suffix list "
        "(\".{suffix}\" is no top-level domain): the value is likely cut short or misread.",
        "Find the whole address in the source and record it with a set decision."),
    "DOMAIN_SUFFIX_FOREIGN": Code(
        Severity.WARNING, "An email or website whose domain ends in another country's code (cut short or misread)",
        "Read the value in the source: a U.S. center's domain rarely ends in another country's code; the end of "
        "the address is likely cut off.",
        "The {label} {value!r} has the domain {host}, which ends in \".{suffix}\", the code of another country "
        "than the United States and its territories: the value is likely cut short or misread.",
        "Find the whole address in the source and record it with a set decision."),
    "ADDRESS_TAIL_ON_NEXT_LINE": Code(
        Severity.WARNING, "A value on the line under an address whose domain ends in no known or U.S. suffix, which "
        "may be that address's tail",
        "Read the two lines in the source: if they are one address broken at the line's end, set it whole on the "
        "field it belongs to.",
        "The {label} {value!r} stands on the line under {head!r} (line {head_line}), whose domain ends in no known "
        "or U.S. suffix: the two may be one address broken at the line's end, {joined!r}.",
        "If the two lines are one address, record it with a set decision; else accept the value."),
    "ADDRESS_HEAD_ON_LINE_ABOVE": Code(
        Severity.WARNING, "An address under a line that ends in what reads as the address's first piece",
        "Read the two lines in the source: if the word is the address's head, set the whole address on its field.",
        "The {label} {value!r} stands under {above!r} (line {head_line}), whose last word {head!r} reads as the "
        "first piece of an address broken at the line's end: the address may be {joined!r}.",
        "If the two lines are one address, record it with a set decision; else accept the value."),
    "WEBSITE_SHARED": Code(
        Severity.WARNING, "The same website published for two centers", "Check whether each center has a page of its own.",
        "{value} is also published for {others}.", "Check with the centers whose it is."),
    "GOV_DOMAIN_STATE_MISMATCH": Code(
        Severity.WARNING, "A government domain that places the center in another state",
        "Check the domain: it may be mistyped, or the value may belong to another center.",
        "The {label} domain {host} {named}; {name} is in {state}.", "{advice}",
        {"named": {"registry": "is registered to {registrant} (the .gov registry)",
                   "name": "names the state {named_state} (\"{part}\")", "no_state": "names no state (\"{part}\")"},
         "advice": {"registry": "Check whether the {label} belongs to a center in {named_state}.",
                    "*": "The state part for {state} would be \"{state_part}\"."}}),
    "GOV_DOMAIN_FEDERAL": Code(
        Severity.INFO, "A federal .gov domain, which says nothing about where the center is",
        "Nothing: a federal agency's domain places no center (the value is published).",
        "The {label} domain {host} is registered to {registrant}, a federal agency: it names no state.",
        "Nothing to do: the value is published."),
    "GOV_DOMAIN_NOT_REGISTERED": Code(
        Severity.WARNING, "A .gov domain that the .gov registry does not list",
        "Check the domain: it may be mistyped or no longer registered.",
        "The {label} domain {host} is not in the .gov registry: it may be mistyped or no longer registered.",
        "Check the address with the center."),
    "VALUE_FITS_NEIGHBOR": Code(
        Severity.ERROR, "A value that names the state of the center next to it, which has none for that field (or one that "
        "names this center's state)",
        "Decide where the value belongs: set it on the neighbor (the ready line), accept it where it stands, "
        "or waive the finding to keep it withheld.",
        "The {label} {value!r} in the block of {holder} fits {fits}, {theirs}: {why}. The document may have "
        "split its block; the value {where} {holder}.",
        "To publish it on {fits}, copy into raw/corrections.csv: {decision},<reason>,<reviewer>,<date>.",
        {"theirs": {"": "which has none", "*": "whose own, {theirs!r}, fits {holder}"},
         "why": {"name_line": "it stands below the line {name_line!r}, which names it",
                 "area_code": "its area code {host} belongs to {named_state}",
                 "gov_registry": "its domain {host} is registered to {registrant}",
                 "*": "its domain {host} names {named_state} (\"{part}\")"},
         "where": {"withheld": "is withheld from", "unpublished": "is not published on"}}),
    "BLOCK_FITS_OTHER_CENTER": Code(
        Severity.ERROR, "A block whose place and values are in another state than its center's name says, which "
        "fits a listed center without a block of its own",
        "Decide whose block it is: set its values on the center it fits (the ready line), accept them where they "
        "stand, or waive the finding to keep them withheld.",
        "The {what} {part!r} stands in the block read under {holder}, whose place line and values are in {state}; "
        "but {holder}'s {by}, and {fits}, which names {state}, has no block of its own. The page's headings may "
        "have been read out of order: the value is withheld from {holder}.",
        "{advice}",
        {"quoted": {"": "", "*": " (\"{quoted}\")"},
         "by": {"list": "list entry places it in {named_state}",
                "list_city": "list entry places it in {named_words}, {named_state}",
                "*": "name names {named_state}{quoted}"},
         "advice": {"": "Find which of {fits} the block belongs to, and set its values there.",
                    "*": "To publish it on {target}, copy into raw/corrections.csv: {decision},<reason>,<reviewer>,"
                         "<date>."}}),
    "VALUE_BELOW_OTHER_PLACE": Code(
        Severity.ERROR, "A value below a second place line of its block, of another state, which values of that "
        "state follow",
        "Decide whose value it is: set it on the center of that place (the ready line, where one center fits), "
        "accept it where it stands, or waive the finding to keep it withheld.",
        "The {what} {part!r} stands below the line {line!r} in the block of {holder}: a place line of {state}, not "
        "{named_state}, followed by values of {state}, as the block of another center whose heading was lost"
        "{fits}. The value is withheld from {holder}.",
        "{advice}",
        {"fits": {"": "", "*": " ({fits} has no block of its own)"},
         "advice": {"": "Find the center in {state} whose block it is, and set its values there.",
                    "*": "To publish it on {target}, copy into raw/corrections.csv: {decision},<reason>,<reviewer>,"
                         "<date>."}}),
    # Live checks: the newest verification run in raw/ (make verify); each cites the run's line and date
    "WEBSITE_NO_ANSWER": Code(
        Severity.WARNING, "A website that gave no answer when checked",
        "Find the center's current website; the check's line says why (timeout, refused, no such host).",
        "The website {value} gave no answer when checked on {checked} ({detail}).{stale}",
        "Find the center's current website.",
        {"stale": STALE}),
    "WEBSITE_HTTP_ERROR": Code(
        Severity.WARNING, "A website that answered with an HTTP error when checked",
        "Find the page's current address on the center's site.",
        "The website {value} answered HTTP {http_status} at {final} when checked on {checked}.{stale}",
        "Find the page's current address on the center's site.",
        {"stale": STALE}),
    "WEBSITE_REDIRECT_BROKEN": Code(
        Severity.WARNING, "A website whose redirects loop or lead to no address",
        "Tell the center; find the page's current address.",
        "The website {value} redirects in a loop or to no usable address (last {final}) when checked on "
        "{checked}.{stale}", "Find the page's current address.",
        {"stale": STALE}),
    "WEBSITE_MOVED_AWAY": Code(
        Severity.WARNING, "A website that now leads to another site",
        "Check who holds the new site before publishing it: a lapsed domain may now belong to anyone.",
        "The website {value} now leads to {final} (HTTP {http_status}), on another registered domain, when checked "
        "on {checked}.{stale}", "{advice}",
        {"stale": STALE, "advice": {"": "Not suggested: check who holds {final} before publishing it.",
                                    "gov": "Publish {suggest}: a .gov domain the registry places in {state}."}}),
    "WEBSITE_REDIRECTS": Code(
        Severity.INFO, "A website that redirects to another address on its own site",
        "Publish the new address if it is the center's page (a set decision).",
        "The website {value} redirects to {final} when checked on {checked}.{stale}", "Publish {final}.",
        {"stale": STALE}),
    "WEBSITE_PLAIN_HTTP_ONLY": Code(
        Severity.WARNING, "A website reached only over plain http",
        "Ask the center for an https address; browsers warn about plain http pages.",
        "The website {value} answers over plain http only: https on the same host failed ({detail}) when "
        "checked on {checked}.{stale}", "Ask the center whether the site has an https address.",
        {"stale": STALE}),
    "WEBSITE_BAD_CERTIFICATE": Code(
        Severity.WARNING, "A website whose TLS certificate is not valid for its name and date",
        "Tell the center; a browser refuses the link until the certificate is fixed.",
        "The website {value} offers a certificate that is not valid ({detail}) when checked on {checked}.{stale}",
        "Tell the center; check the address again once its certificate is fixed.",
        {"stale": STALE}),
    "EMAIL_DOMAIN_NO_MAIL": Code(
        Severity.WARNING, "An email address whose domain receives no mail",
        "Find the center's current email address.",
        "The email {value} cannot receive mail: {why} (DNS of {domain} on {checked}).{stale}",
        "Find the center's current email address.",
        {"stale": STALE, "why": {"null-mx": "it publishes a null MX (RFC 7505): it accepts no mail",
                                 "no-mail": "it has neither an MX record nor an address",
                                 "nxdomain": "the domain does not exist (NXDOMAIN)"}}),
    # Places
    "LOCATION_MISSING": Code(
        Severity.ERROR, "A contact block with no location line", "Find the center's city and state.",
        "The contact block has no location line.", "Find the center's city and state."),
    "LOCATION_MALFORMED": Code(
        Severity.WARNING, "A location line that is not of the form City, State",
        "Check the line; the city and state read from its first parts are used.",
        "The location line {value!r} {problem}.", "{advice}",
        {"problem": {"form": "is not of the form City, State", "extra": "has extra parts after City, State: {extra}",
                     # a reviewer's city, state or ZIP code (CORRECTION_INVALID says it)
                     "not_city": "not a city name", "not_state": "not a state or territory of USPS Publication 28",
                     "not_zip": "not a ZIP code (12345 or 12345-6789)"},
         "advice": {"form": "Correct the location line.",
                    "extra": "Read as {city}, {state}; the extra parts are dropped from city and state."}}),
    "LOCATION_HAS_ZIP": Code(
        Severity.INFO, "A location line that carries a ZIP code", "Nothing: the ZIP is kept in the zip column.",
        "The location line {value!r} carries the ZIP code {zip}.", "Kept in the zip column."),
    "LIST_CITY_DIFFERS": Code(
        Severity.INFO, "A recognized center whose list city differs from its contact city",
        "Nothing, unless the center moved: the contact city is used, the list city kept.",
        "The list gives the city {list_city}; the contact block gives {city} (line {city_line}).",
        "The contact city {city} is used; the list city is kept as list_city."),
    "LIST_STATE_DIFFERS": Code(
        Severity.ERROR, "A center whose list state differs from its contact state", "Check which state is right.",
        "The list places the center in {list_place}; its contact block in {place}.", "Check which state is right."),
    "ZIP_OUT_OF_PLACE": Code(
        Severity.WARNING, "A ZIP code that is not the written city's",
        "Find the center's ZIP code; until then none is published and the center is placed at its city's centroid.",
        "The ZIP code {value!r} is not {city}, {state}'s ({problem}); it is withheld and the center is placed at "
        "the city's centroid.", "Find the center's ZIP code.",
        {"problem": {"unknown": "the gazetteer knows no ZIP code {zip5}",
                     "other_state": "{zip5} is a ZIP code of {zip_states}, not of {at_state}",
                     "far": "{zip5} is a ZIP code of {zip_cities}, {at_state}, {km} km from {at_city}: more than the "
                            "{max_km} km a ZIP code of the city lies from it"}}),
    "LOCATION_NOT_GEOCODED": Code(
        Severity.WARNING, "A city and state that the offline gazetteer cannot place",
        "Check the city's spelling; the center has no coordinates until it is found.",
        "{city}, {state} is in no ZIP code of the gazetteer (zipcodes), as a city or as a name the USPS "
        "accepts, so the center has no coordinates.",
        "Check the city's spelling against the center's address."),
    # Coverage and names
    "LIST_ENTRY_WITHOUT_BLOCK": Code(
        Severity.ERROR, "A list entry with no contact block", "Find the center's contact details.",
        "The list names {value!r}, but no contact block matches it.", "Find the center's contact details."),
    "BLOCK_WITHOUT_LIST_ENTRY": Code(
        Severity.ERROR, "A contact block with no list entry", "Check whether the center is still designated.",
        "The contact block {value!r} matches no entry of the list.", "Check whether the center is still designated."),
    "LIST_LINE_UNREAD": Code(
        Severity.ERROR, "A line under the list's headings read into no list entry",
        "Read the list in the source: the line may be the tail of the entry before it (its name or place cut).",
        "The line {value!r} stands under the list's headings after the entry {entry!r}, but was read into no "
        "entry: the entry's name, designation or place may be cut short.",
        "Check the entry against the source; record its name or place with a set decision."),
    "LIST_PLACE_CUT": Code(
        Severity.ERROR, "A list entry whose place was cut off after its separator",
        "Read the entry in the source: its place (City, ST) may stand elsewhere on the page.",
        "The list entry {value!r} gives its separator ';' but no place after it that reads as City, ST: "
        "the list's city and state were cut off, and are left empty.",
        "Check the entry against the source; record its place with a set decision."),
    "DUPLICATE_LIST_ENTRY": Code(
        Severity.ERROR, "Two list entries with the same name", "Check whether the list repeats a center by mistake.",
        "The list names {value!r} again (first on line {first_line}).",
        "Check whether the list repeats a center by mistake."),
    "NAME_PUBLISHED_TWICE": Code(
        Severity.ERROR, "Two centers published under one name",
        "Decide which center the name belongs to; give the other its own name.",
        "The name {value!r} is published for {others} too.",
        "Check the name in the source and in any decision that sets it; two centers never share a name."),
    "HEADING_DIFFERS_FROM_LIST": Code(
        Severity.INFO, "A contact heading written differently from the list name",
        "Nothing: the list's name is used; the heading is kept in provenance.",
        "The heading {value!r} differs from the list's {list_text!r}: {differences}.",
        "The list's name {list_name!r} is used.",
        {"differences": {"link_brackets": "the heading is wrapped in link brackets",
                         "colon": "the heading has a colon where the list has a semicolon",
                         "adds": "the heading adds \"({0})\"", "leaves_out": "the heading leaves out \"({0})\"",
                         "no_place": "the heading leaves out the list's \"; City, ST\"",
                         "written_differently": "the two are written differently"}}),
    "NAME_FUZZY_MATCH": Code(
        Severity.WARNING, "A contact block matched to its list entry by a similar name only",
        "Confirm that the two names are the same center.",
        "The heading {value!r} was matched to the list's {list_text!r} by similarity {score} only.",
        "Confirm that both name the same center."),
    "NAME_JOIN_UNSURE": Code(
        Severity.WARNING, "A name with a space on one side only of a slash or hyphen inside it",
        "Read the name in the source: a line broke there, and the space may be the reader's, not the name's.",
        "The name {value!r} has a space on one side only of a slash or hyphen ({join!r}): a line of the source "
        "broke there, and the two pieces were joined with a space the name may not have.",
        "Check the name in the source; record it with a set decision if the space is not the name's."),
    "MISSING_PHONE": Code(
        Severity.WARNING, "A center with no phone number", "Find a phone number for the center.",
        "The contact block gives no phone number of any kind.", "Find a phone number for the center."),
    "MISSING_EMAIL": Code(
        Severity.WARNING, "A center with no email address", "Find an email address for the center.",
        "The contact block gives no email address.", "Find an email address for the center."),
    "MISSING_WEBSITE": Code(
        Severity.INFO, "A center with no website", "Nothing, unless the center has a website.",
        "The contact block gives no website."),
    "UNKNOWN_LABEL": Code(
        Severity.INFO, "A contact line with a label the pipeline does not know",
        "Decide whether the label names a field; the value is kept in provenance.",
        "The line \"{label}: {value}\" has a label the pipeline does not know.",
        "Kept in provenance; decide whether it names a field."),
    "UNRECOGNIZED_LINE": Code(
        Severity.WARNING, "A line inside a contact block that is no label, email, website or place",
        "Read the line in the source; it is kept in provenance, not published.",
        "The line {value!r} in the contact block is no label, email, website or place.",
        "Read it in the source; it is kept in provenance, not published."),
    "TEXT_NOT_SHOWN": Code(
        Severity.WARNING, "Text in the source that the page does not show",
        "Read the source: hidden text is not read, and may be planted to mislead a reader.",
        "The text {value!r} is in the source but the page does not show it; it is not read.",
        "Check the center's values against the page as shown."),
    "ADDRESS_BROKEN_AT_HYPHEN": Code(
        Severity.WARNING, "An address a printed page breaks after a hyphen that may be the printer's",
        "Read the address where it is published: the hyphen may be its own or the printer's, so it is not read.",
        "The address {value!r} is broken across two lines after a hyphen that may be its own or added by the "
        "printer (then the address reads without it); it is not read.",
        "Check the address in the source it came from, and give it in a correction."),
    "ADDRESS_SPLIT_UNSURE": Code(
        Severity.WARNING, "An address a printed page splits at its column's edge, or ends there above an address",
        "Read the address where it is published: the line under it may be its rest or an address of its own, so "
        "neither line is read.",
        "The line {value!r} is an email or web address that fills its column to the last cell, or the line under "
        "one: the printer may have split one address there (the second line its rest) or set two; it is not read.",
        "Check the addresses in the source they came from, and give them in a correction."),
    "VALUE_CUT_AT_EDGE": Code(
        Severity.WARNING, "A value a printed page shows only in part: it runs past the page's edge",
        "Read the value where it is published: the printer cut it at the paper's edge or its margin, so it is not read.",
        "The line {value!r} runs past, or up to, the edge of the printed page (or the printer's margin), where "
        "the printer cuts what does not fit: the page shows only part of it, or may; it is not read.",
        "Check the value in the source it came from, and give it in a correction."),
    "TEXT_PAST_EDGE": Code(
        Severity.WARNING, "A name or place a printed page shows only in part: a word of it runs past the page's edge",
        "Read the line where it is published: the printer set a word of it on past the paper's edge or its margin; "
        "it is read as the file holds it.",
        "The line {value!r} runs past the edge of the printed page (or the printer's margin): the page shows a "
        "word of it only in part; it is read as the file holds the word.",
        "Check the line in the source it came from."),
    "VALUE_PRINTED_OVER": Code(
        Severity.WARNING, "A value a printed page runs into other text: printed over it, or against it",
        "Read the value where it is published: the page shows it mixed with other text; it is read from the "
        "file's order of drawing, each run of text apart.",
        "The line {value!r} runs into other text, printed over it or against it with no space between (a word "
        "too long for its column runs on into the next column's line): a person sees the two mixed there; it "
        "is read from the order in which the file draws each run.",
        "Check the value in the source it came from; ask the publisher for a layout that fits it."),
    "VALUE_STORED_AS_NUMBER": Code(
        Severity.INFO, "A spreadsheet value stored as a number, read as it is displayed",
        "Check the value: a number loses leading zeros and any format the sheet does not show.",
        "The cell {value!r} is stored as a number, not text; it is read as the sheet displays it.",
        "Store the value as text in the sheet."),
    "FORMULA_WITHOUT_VALUE": Code(
        Severity.ERROR, "A spreadsheet formula stored without its value",
        "Open the sheet and save it again, so that the formula's value is stored; nothing is read from the cell.",
        "The cell holds the formula {value!r} with no stored value; nothing is read from it.",
        "Recalculate and save the sheet, or type the value."),
    "MARKUP_DIFFERS": Code(
        Severity.WARNING, "A value the page's machine-readable data gives and its visible text does not",
        "Check which is current: the visible text is read; the markup's value is kept in provenance.",
        "The page's machine-readable data gives {value!r}, which its visible text does not; the visible text is read.",
        "Ask the publisher to bring the page's markup in line with its text."),
    "SOURCE_VALUES_FROM_MARKUP": Code(
        Severity.WARNING, "A page whose contact values come only from markup it does not show",
        "Check the values on a page that shows them: a reader of the page never sees them.",
        "The contact values of {title} ({url}) come from machine-readable markup (JSON-LD or microdata) that the page does "
        "not show.", "Confirm the values with the publisher, or find a page that shows them.", PAGE_WORDS),
    "LINE_TOO_LONG": Code(
        Severity.WARNING, "A source line too long to be read",
        "Look at the line in the source; it is kept verbatim in provenance, not read.",
        "A line of {length} characters is too long to be read as a {what}.",
        "Look at it in the source; it is kept verbatim in provenance, not read.",
        {"what": {"name": "name", "block_line": "line of a contact block"}}),
    "HEADING_WITHOUT_NAME": Code(
        Severity.ERROR, "A contact block whose heading gives no name",
        "Find the center's name; until then its id is made from its file and line.",
        "The contact block's heading {value!r} gives no name.",
        "Find the center's name; its values are kept on this record."),
    "EXTRA_VALUE": Code(
        Severity.WARNING, "A second value for a field that holds one",
        "Check which value is current; the one that can be read, then the one whose place fits the center, then "
        "the first is used; the other is kept in provenance.",
        "Another {label} line, {value!r}, stands in the block; {used!r} is used ({why}).",
        "Check which value is current.",
        {"why": {"first": "it comes first", "unreadable": "the other cannot be read",
                 "fits": "its place fits {state}", "other_state": "the other names another state"}}),
    "LABEL_AFTER_VALUE": Code(
        Severity.WARNING, "A value line that ends with the label of another field, whose value may be lost",
        "Read the block in the source: the label's own value may stand on another line, or be lost; set it on its "
        "field.",
        "The {line_label} line {value!r} ends with {tail!r}, the label of the {what}: that label ran into the "
        "line above its own, and its value may stand elsewhere or be lost.",
        "Find the {what} in the source and record it with a set decision."),
    "LABEL_INSIDE_LINE": Code(
        Severity.WARNING, "A line of a block that holds another field's label inside it, whose value may be lost",
        "Read the block in the source: two lines were read as one; set the labeled value on its field.",
        "The line {value!r} holds the label \"{label}:\" of the {what} after its start: two lines of the source "
        "were read as one, and the {what} may be read into another field or lost.",
        "Find the {what} in the source and record it with a set decision."),
    "VALUE_LACKING_HELD_NEARBY": Code(
        Severity.WARNING, "A field a listed center lacks while a block near it holds a value of that field it has "
        "no room for",
        "Read the two blocks in the source: if the value is this center's, set it here; else waive the finding.",
        "{name} gives no {what}, and the block of {holder}, {distance} it in {source}, holds {value!r} ({why}): "
        "the document may have split or merged their blocks, and the value may be this center's.",
        "If the value is this center's, record it with a set decision.",
        {"distance": {"1": "next to", "*": "{distance} blocks from"},
         "why": {"unlisted": "a block no list entry names", "extra": "a second {what} of its block",
                 "place": "a value whose place is {state}",
                 "domain": "an address of a domain of {name}'s and of none of its other addresses"}}),
    "VALUE_DOMAIN_OF_NEIGHBOR": Code(
        Severity.WARNING, "An email or website whose domain none of its center's other addresses has, and a center "
        "near it has",
        "Read the two blocks in the source: if the value is the other center's, set it there; else accept it.",
        "The {label} {value!r} is of the domain {domain}, which none of the center's other addresses has and "
        "{other}, near it in {source}, has: the value may be {other}'s, moved with a block's lines.",
        "Check whose value it is; record it with a set decision, or accept it."),
    "VALUE_AFTER_REPEAT": Code(
        Severity.WARNING, "A value that follows a second email or website of another domain in its block, which "
        "may begin another center's values",
        "Read the block in the source: if the values from its second email or website on are another center's, set "
        "them there; else accept the value.",
        "The {what} {value!r} follows a second {repeat_label} line of another domain, {repeat!r} (line "
        "{repeat_line}): an email or a website closes a block, so from that line on the block may hold another "
        "center's values.",
        "Check the value against the source."),
    "SOURCES_DISAGREE": Code(
        Severity.WARNING, "Two source documents that give a center different values",
        "Check which document is current; the first (by file name) is used.",
        "{source} gives {field} {mine}; {other_source} gives {theirs}.",
        "Check which is current; {source}'s value is used."),
    "NAME_HAS_INVISIBLE_CHARACTERS": Code(
        Severity.WARNING, "A name with invisible, direction-control or terminal control characters",
        "Nothing: they are removed from the published name; the verbatim text stays in provenance.",
        "The name {value!r} holds {count} invisible or control character(s) ({characters}); they are removed "
        "from the published name.", "Check the source page; the published name is {name!r}."),
    # Conservation: every value a document shows is accounted for
    "VALUE_UNACCOUNTED": Code(
        Severity.ERROR, "A value the listing shows that is neither published nor named in another finding",
        "Read the line in the source: the reader lost the value; find which center it belongs to and set it there.",
        "The {kind} {value!r} stands in the listing, but no center publishes it and no finding names it: the "
        "reader lost it.", "Find the center it belongs to and publish it with a set decision.",
        {"kind": KIND_WORDS}),
    "VALUE_PUBLISHED_TWICE": Code(
        Severity.ERROR, "A value the source shows once, published on two centers",
        "Decide which center the value belongs to; withdraw it from the other.",
        "The {kind} {value!r} stands once in the source but is published on {centers}.",
        "Keep it on the center whose block holds it; set the other's field.",
        {"kind": KIND_WORDS}),
    "VALUE_OUTSIDE_BLOCKS": Code(
        Severity.INFO, "A value shown outside every center's block (a page's own address, a press office, furniture)",
        "Nothing, unless it belongs to a center: it is not published.",
        "The {kind} {value!r} stands outside every center's block; it is not published.",
        "Nothing to do unless it belongs to a center.",
        {"kind": KIND_WORDS}),
    # Sources
    "SOURCE_OUTDATED": Code(
        Severity.WARNING, "A source page last published long before this build",
        "Refresh the sources (make fetch) and review what changed.",
        "The page {title} ({url}) was last published on {published}, {years} years and {days} days before "
        "{as_of}.", "Refresh the sources (make fetch) and review what changed.", PAGE_WORDS),
    "ID_KEPT_AFTER_RENAME": Code(
        Severity.INFO, "A renamed center that keeps its id from the id register",
        "Nothing, if it is the same center: python -m pipeline ids adds the new name to the register.",
        "The center {value!r} keeps the id {register_id} of {old_names} (gone from the sources): same state and "
        "{shared_count} equal contact values ({shared}).",
        "Run python -m pipeline ids and commit raw/register/ to record the new name."),
    "ID_LINK_PROPOSED": Code(
        Severity.WARNING, "A new center that may be a renamed one of the id register",
        "Decide whether it is the same center; if so, python -m pipeline ids --link NEW=OLD keeps the old id.",
        "The center {value!r} (new id {center_id}) resembles {old_names} (id {register_id}, gone from the "
        "sources): {shared_count} equal contact value(s) ({shared}).",
        "If it is the same center, run python -m pipeline ids --link {center_id}={register_id} and commit "
        "raw/register/; else nothing."),
    "SOURCE_UNDATED": Code(
        Severity.WARNING, "A source page with no publication date",
        "Date the page from another source, or treat its data as of unknown age.",
        "The page {title} ({url}) gives no publication date.",
        "Treat its data as of unknown age, or date it from another source.", PAGE_WORDS),
    "SOURCE_DATE_UNUSABLE": Code(
        Severity.WARNING, "A source page whose date cannot be taken",
        "Check the page's date; until then its data counts as of unknown age.",
        "The page {title} ({url}) gives the date {value!r}, which cannot be read as a date or is later than the "
        "day the page was retrieved; the page counts as undated.",
        "Check the page's date; until then its data counts as of unknown age.", PAGE_WORDS),
    "SOURCE_ADDRESS_REJECTED": Code(
        Severity.WARNING, "A page whose own address is not a web address",
        "Nothing to do for the data: the manifest's address is used; check the page if it keeps coming back.",
        "The address {value!r} given for the page in {file} (by the page or the manifest) is no well-formed "
        "http(s) address; {fallback} is used instead.", "Check the page; the address it gives is never written as a link.",
        {"fallback": {"": "no address (the manifest names none)", "*": "{fallback}"}}),
    "SOURCE_ENCODING_GUESSED": Code(
        Severity.WARNING, "A source file whose character encoding the reader had to guess",
        "Check the file's accented characters; save it as UTF-8, or record the server's charset in the manifest.",
        "The file {file} {note_text}.",
        "Check its accented characters; save it as UTF-8, or record the server's charset in the manifest."),
    # Reviewer decisions
    "CORRECTION_STALE": Code(
        Severity.ERROR, "A reviewer's decision whose expected value no longer matches the source",
        "Review the source's new value and renew or drop the decision.",
        "The decision on line {decision_line} ({decision}) {problem}; it was not applied.",
        "Review the source's current value, then update or remove the decision.",
        {"problem": {"changed": "expects {expected!r}, but the source now gives {current!r}",
                     "accepts_gone": "accepts a finding that no longer fires",
                     "waives_gone": "waives a finding that no longer fires"}}),
    "CORRECTION_UNKNOWN_CENTER": Code(
        Severity.ERROR, "A reviewer's decision for a center or field that does not exist",
        "Fix the center id or field name in the corrections file.",
        "The decision on line {decision_line} names {what}, which the dataset does not have.",
        "Fix the center id or field name in the corrections file.",
        {"what": {"center": "center {center_id!r}", "field": "field {field!r}"}}),
    "CORRECTION_INVALID": Code(
        Severity.ERROR, "A reviewer's decision whose value the normalizers reject",
        "Correct the value in the corrections file.",
        "The decision on line {decision_line} sets {field} to {value!r}, which is not valid ({problem}); "
        "it was not applied.", "Correct the value in the corrections file.",
        # The normalizer's issue says its problem in its own code's words (`reason`).
        {"problem": {"empty_name": "an empty name"}}),
    "CORRECTION_CONFLICT": Code(
        Severity.ERROR, "Two reviewer decisions on the same center and field",
        "Keep one of the two decisions.",
        "The decisions on lines {first_line} and {decision_line}{more} all decide {field} of {center_id}; "
        "none was applied.", "Keep one of the two lines in the corrections file.",
        {"more": {"": "", "0": "", "*": " (and {more} more)"}}),
}


# A reviewer's decision in words, by what it decides (a decision about a source
# acknowledges its findings), as a finding's note and the report's list say it.
DECISION_WORDS = {"set": "set {field} to {value!r}", "accept": "accepted {code} on {field} with {value!r}",
                  "waive": "waived {code} on {field}", "source": "acknowledged {code} on the source {about_source}"}


def decision_note(d: Decision) -> str:
    """A reviewer's decision in words.

    >>> decision_note(Decision("a", "fax", "", DecisionKind.WAIVE, "", "PHONE_INVALID", "the source is right",
    ...                        "J. Doe", "2025-03-01", SourceRef("corrections.csv", 2)))
    'J. Doe on 2025-03-01: waived PHONE_INVALID on fax (the source is right)'
    """
    what = DECISION_WORDS["source" if d.about_source else str(d.decision)].format(
        field=d.field, value=d.value, code=d.code, about_source=d.about_source)
    return f"{d.reviewer} on {d.date}: {what} ({d.reason})"


def _say(table: Mapping[str, str], value: object, words: Mapping[str, object]) -> str:
    """A detail given as a key (or a list of keys) in the words of its table."""
    if isinstance(value, list):
        return "; ".join(_say(table, item, words) for item in value)
    key, args = (value[0], value[1:]) if isinstance(value, tuple) else (value, ())
    entry = table.get(str(key), table.get("*"))
    return str(value) if entry is None else entry.format(*args, **words)


def words_of(code: str, details: Mapping[str, object]) -> dict[str, object]:
    """A finding's details with those its code says in words (`Code.words`) said
    so, table by table: an entry may use the words of the tables before its own."""
    words = dict(details)
    for name, table in CODES[code].words.items():
        words[name] = _say(table, details.get(name, ""), words)
    return words


def reason(issue: str, details: Mapping[str, object]) -> str:
    """Why a value is not valid, in the words of its normalizer's issue: the
    problem that code's words give, or the code itself when it says none."""
    if issue not in CODES or "problem" not in details:
        return issue
    return str(words_of(issue, details)["problem"])


def finding(code: str, center: Center | None = None, *, field: str = "", value: str = "",
            ref: SourceRef | None = None, evidence: str | None = None, status: Status = Status.OPEN,
            note: str = "", suggested_value: str = "", **details: object) -> Finding:
    """A finding with its code's severity, its message and suggestion rendered
    from the code's templates (its details said in the code's words), placed
    at `ref` (else at the center's first line).

    `evidence` is the verbatim text of the record the finding cites; it
    defaults to `value`, which is verbatim from the source. `expected` is the
    center's source text of `field`, which a decision on it names.
    """
    entry = CODES[code]
    if ref is None and center is not None:
        ref = SourceRef(center.source, center.source_line)
    expected = center.source_text(field) if center is not None else None
    words = words_of(code, {"field": field, "value": value, **details})
    return Finding(code=code, severity=entry.severity,
                   center_id=center.id if center else "", center_name=center.name if center else "",
                   field=field, value=value, message=entry.template.format(**words),
                   suggestion=entry.suggestion.format(**words),
                   ref=ref, evidence=value if evidence is None else evidence, status=status, note=note,
                   suggested_value=suggested_value, expected=value if expected is None else expected)
