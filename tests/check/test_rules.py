"""Every data-quality rule, on made-up captures run through the real path.

Each case of TRIPS is a made-up capture built to trip one rule; the test
compares the complete list of (center_id, field, code) it gives (the filler
aside, see conftest) with the expected one, then each finding's severity,
verbatim value, file and line. The line is found by the test in the made-up
text itself, so it cannot be copied from the program. Each case of QUIET is a
correct center close to a rule's edge: it must draw no finding at all.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import pytest

from pipeline.codes import CODES
from pipeline.check.rules import CENTER_RULES, DATASET_RULES
from pipeline.dates import years_and_days
from tests.check.made_up import (
    AS_OF, FILLER_ID, LIST_URL, LISTING_URL, block, capture, check, line_number, source_name,
)


@dataclass(frozen=True)
class Expect:
    center: str  # center id ("" for a finding about a page)
    field: str
    code: str
    severity: str  # typed from the registry's intent, not read from it
    value: str  # verbatim source text the finding quotes
    line: str  # the source line the finding points at, verbatim (stripped)
    occurrence: int = 1  # which line of that text, counting from the top
    source: int = 0  # which raw file (index into the case's texts)
    status: str = "open"


@dataclass(frozen=True)
class Case:
    id: str
    texts: tuple[str, ...]
    expected: tuple[Expect, ...]
    as_of: date = AS_OF


def one(heading: str, location: str | None, *lines: str, **kw) -> tuple[str, ...]:
    """A capture of one made-up center (beside the filler)."""
    return (capture([block(heading, location, *lines)], **kw),)


# Made-up centers used in several cases.
AL = "Alabama Test Center"
AL_ID = "alabama-test-center"
AL_AT = "Montgomery, Alabama"
MOBILE = "Mobile Test Center"
MOBILE_ID = "mobile-test-center"


def two_documents(first: str, second: str) -> tuple[str, str]:
    return first, second


TRIPS = [
    # ---- phones ----
    Case("phone-invalid", one(AL, AL_AT, "Phone: (334) 555-01", "atc@alabama.gov", "www.atc.alabama.gov"),
         (Expect(AL_ID, "phone", "PHONE_INVALID", "error", "(334) 555-01", "Phone: (334) 555-01"),)),
    Case("phone-of-another-country",
         one(AL, AL_AT, "Phone: +44 20 7946 0000", "atc@alabama.gov", "www.atc.alabama.gov"),
         (Expect(AL_ID, "phone", "PHONE_INVALID", "error", "+44 20 7946 0000", "Phone: +44 20 7946 0000"),)),
    Case("phone-extension",
         one(AL, AL_AT, "Phone: (334) 555-0110 ext. 12", "atc@alabama.gov", "www.atc.alabama.gov"),
         (Expect(AL_ID, "phone", "PHONE_EXTENSION", "info", "(334) 555-0110 ext. 12",
                 "Phone: (334) 555-0110 ext. 12"),)),
    Case("toll-free-label-on-geographic-number",
         one(AL, AL_AT, "Phone: (334) 555-0110", "Toll-Free: (334) 555-0111", "atc@alabama.gov",
             "www.atc.alabama.gov"),
         (Expect(AL_ID, "toll_free", "TOLL_FREE_IS_GEOGRAPHIC", "warning", "(334) 555-0111",
                 "Toll-Free: (334) 555-0111"),)),
    Case("toll-free-label-on-geographic-number-no-phone",
         one(AL, AL_AT, "Fax: (334) 555-0110", "Toll-Free: (334) 555-0111", "atc@alabama.gov",
             "www.atc.alabama.gov"),
         (Expect(AL_ID, "toll_free", "TOLL_FREE_IS_GEOGRAPHIC", "warning", "(334) 555-0111",
                 "Toll-Free: (334) 555-0111"),
          # No Phone, but the Toll-Free line holds a number that could serve.
          Expect(AL_ID, "phone", "NO_MAIN_PHONE", "warning", "(334) 555-0111", "Toll-Free: (334) 555-0111"))),
    Case("no-main-phone-only-alternate",  # Delaware's form: Alternate Phone and Toll-Free, no Phone
         one("Delaware Test Center", "Dover, Delaware", "Fax: (302) 555-0110", "Alternate Phone: (302) 555-0111",
             "dtc@state.de.us", "www.dtc.org"),
         (Expect("delaware-test-center", "phone", "NO_MAIN_PHONE", "warning", "(302) 555-0111",
                 "Alternate Phone: (302) 555-0111"),)),
    Case("phone-is-toll-free",
         one(AL, AL_AT, "Phone: (800) 555-0110", "atc@alabama.gov", "www.atc.alabama.gov"),
         (Expect(AL_ID, "phone", "PHONE_IS_TOLL_FREE", "info", "(800) 555-0110", "Phone: (800) 555-0110"),)),
    Case("area-code-of-another-state",  # 916 is Sacramento, California
         one("Hawaii Test Center", "Honolulu, Hawaii", "Phone: (916) 555-0110", "htc@hawaii.gov",
             "www.htc.hawaii.gov"),
         (Expect("hawaii-test-center", "phone", "AREA_CODE_OUT_OF_STATE", "warning", "(916) 555-0110",
                 "Phone: (916) 555-0110"),)),
    Case("fax-area-code-of-another-state",  # 860 is Connecticut, 806 Texas
         one("Connecticut Test Center", "Hartford, Connecticut", "Phone: (860) 555-0110",
             "Fax: (806) 555-0111", "ctc@ct.gov", "www.ct.gov/ctc"),
         # One fact, one finding: no FAX_AREA_CODE_DIFFERS beside it.
         (Expect("connecticut-test-center", "fax", "AREA_CODE_OUT_OF_STATE", "warning", "(806) 555-0111",
                 "Fax: (806) 555-0111"),)),
    Case("fax-area-code-differs-in-state",  # 214 and 972 are both Dallas
         one("Texas Test Center", "Dallas, Texas", "Phone: (214) 555-0110", "Fax: (972) 555-0111",
             "ttc@dallascounty.org", "www.ttc.org"),
         (Expect("texas-test-center", "fax", "FAX_AREA_CODE_DIFFERS", "info", "(972) 555-0111",
                 "Fax: (972) 555-0111"),)),
    Case("same-number-twice-in-a-center",
         one(AL, AL_AT, "Phone: (334) 555-0110", "Alternate Phone: (334) 555-0110", "atc@alabama.gov",
             "www.atc.alabama.gov"),
         (Expect(AL_ID, "alt_phone", "PHONE_REPEATED_IN_CENTER", "warning", "(334) 555-0110",
                 "Alternate Phone: (334) 555-0110"),)),
    Case("number-of-two-centers",
         (capture([block(AL, AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov", "www.atc.alabama.gov"),
                   block(MOBILE, "Mobile, Alabama", "Phone: (334) 555-0110", "mtc@mobile.gov",
                         "www.mtc.mobile.gov")]),),
         (Expect(AL_ID, "phone", "PHONE_SHARED", "warning", "(334) 555-0110", "Phone: (334) 555-0110", 1),
          Expect(MOBILE_ID, "phone", "PHONE_SHARED", "warning", "(334) 555-0110", "Phone: (334) 555-0110", 2))),
    Case("email-of-two-centers-in-other-case",
         (capture([block(AL, AL_AT, "Phone: (334) 555-0110", "intel@shared-fusion.org", "www.atc.alabama.gov"),
                   block(MOBILE, "Mobile, Alabama", "Phone: (334) 555-0120", "INTEL@Shared-Fusion.org",
                         "www.mtc.mobile.gov")]),),
         (Expect(AL_ID, "email", "EMAIL_SHARED", "warning", "intel@shared-fusion.org", "intel@shared-fusion.org"),
          Expect(MOBILE_ID, "email", "EMAIL_SHARED", "warning", "INTEL@Shared-Fusion.org",
                 "INTEL@Shared-Fusion.org"))),
    Case("website-of-two-centers-written-differently",
         (capture([block(AL, AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov", "www.shared-fusion.org"),
                   block(MOBILE, "Mobile, Alabama", "Phone: (334) 555-0120", "mtc@mobile.gov",
                         "http://shared-fusion.org/")]),),
         (Expect(AL_ID, "website", "WEBSITE_SHARED", "warning", "www.shared-fusion.org", "www.shared-fusion.org"),
          Expect(MOBILE_ID, "website", "WEBSITE_SHARED", "warning", "http://shared-fusion.org/",
                 "http://shared-fusion.org/"))),
    Case("website-of-two-centers-http-and-https",
         (capture([block(AL, AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov", "http://www.shared-fusion.org"),
                   block(MOBILE, "Mobile, Alabama", "Phone: (334) 555-0120", "mtc@mobile.gov",
                         "https://shared-fusion.org")]),),
         (Expect(AL_ID, "website", "WEBSITE_SHARED", "warning", "http://www.shared-fusion.org",
                 "http://www.shared-fusion.org"),
          Expect(MOBILE_ID, "website", "WEBSITE_SHARED", "warning", "https://shared-fusion.org",
                 "https://shared-fusion.org"))),
    # ---- emails and websites ----
    Case("email-domain-mixes-scripts",  # the first "a" of "alabama" is Cyrillic U+0430
         one(AL, AL_AT, "Phone: (334) 555-0110", "atc@\u0430labama.gov", "www.atc.alabama.gov"),
         (Expect(AL_ID, "email", "EMAIL_MIXED_SCRIPT", "error", "atc@\u0430labama.gov",
                 "atc@\u0430labama.gov"),)),
    Case("name-with-invisible-characters",  # a zero-width space and a right-to-left override
         (capture([block("Alabama\u200b Test Center\u202e", AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov",
                         "www.atc.alabama.gov")], primary=["Alabama\u200b Test Center\u202e"]),),
         (Expect(AL_ID, "name", "NAME_HAS_INVISIBLE_CHARACTERS", "warning", "Alabama\u200b Test Center\u202e",
                 "- Alabama\u200b Test Center\u202e"),)),
    Case("email-invalid",
         one(AL, AL_AT, "Phone: (334) 555-0110", "Email: atc@@alabama.gov", "www.atc.alabama.gov"),
         (Expect(AL_ID, "email", "EMAIL_INVALID", "error", "atc@@alabama.gov", "Email: atc@@alabama.gov"),)),
    Case("website-holds-an-email",  # Oregon's form: the email with "www." in front
         one(AL, AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov", "www.atc@alabama.gov"),
         (Expect(AL_ID, "website", "WEBSITE_INVALID", "error", "www.atc@alabama.gov", "www.atc@alabama.gov"),)),
    Case("website-javascript-labeled",
         one(AL, AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov", "Website: javascript:alert(1)"),
         (Expect(AL_ID, "website", "WEBSITE_UNSAFE_SCHEME", "error", "javascript:alert(1)",
                 "Website: javascript:alert(1)"),)),
    Case("website-javascript-bare",
         one(AL, AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov", "javascript:alert(document.cookie)"),
         (Expect(AL_ID, "website", "WEBSITE_UNSAFE_SCHEME", "error", "javascript:alert(document.cookie)",
                 "javascript:alert(document.cookie)"),)),
    Case("website-data-url",
         one(AL, AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov", "data:text/html,<script>alert(1)</script>"),
         (Expect(AL_ID, "website", "WEBSITE_UNSAFE_SCHEME", "error", "data:text/html,<script>alert(1)</script>",
                 "data:text/html,<script>alert(1)</script>"),)),
    Case("gov-domain-state-is-us-for-iowa",  # Iowa's state part is "ia"; "is" names no state
         one("Iowa Test Center", "Des Moines, Iowa", "Phone: (515) 555-0110", "itc@dps.state.ia.us",
             "www.dps.state.is.us/intell/index.shtml"),
         (Expect("iowa-test-center", "website", "GOV_DOMAIN_STATE_MISMATCH", "warning",
                 "www.dps.state.is.us/intell/index.shtml", "www.dps.state.is.us/intell/index.shtml"),)),
    Case("gov-domain-email-of-another-state",  # il = Illinois
         one("Iowa Test Center", "Des Moines, Iowa", "Phone: (515) 555-0110", "itc@dps.state.il.us",
             "www.dps.state.ia.us"),
         (Expect("iowa-test-center", "email", "GOV_DOMAIN_STATE_MISMATCH", "warning", "itc@dps.state.il.us",
                 "itc@dps.state.il.us"),)),
    Case("gov-domain-xx-gov-of-another-state",  # ok.gov = Oklahoma, for a Kansas center
         one("Kansas Test Center", "Topeka, Kansas", "Phone: (785) 555-0110", "ktc@ok.gov", "www.ktc.ks.gov"),
         (Expect("kansas-test-center", "email", "GOV_DOMAIN_STATE_MISMATCH", "warning", "ktc@ok.gov",
                 "ktc@ok.gov"),)),
    # Georgia's "generalinfo@gisac.gbi.ga.gov" broken at a line's end after "gb" (a Courier print in
    # three columns): the head ends in another country's code, the tail reads as a website.
    Case("address-cut-after-a-country-code",
         one(AL, AL_AT, "Phone: (334) 555-0110", "atc@fusion.gb", "i.alabama.gov"),
         (Expect(AL_ID, "email", "DOMAIN_SUFFIX_FOREIGN", "warning", "atc@fusion.gb", "atc@fusion.gb"),
          Expect(AL_ID, "website", "ADDRESS_TAIL_ON_NEXT_LINE", "warning", "i.alabama.gov", "i.alabama.gov"))),
    # Oregon's "www.oregonfusioncenter@doj.state.or.us" broken after "fusioncent": the host whole,
    # "www." and all, ends in no suffix; the line under it is its tail, read as a second email.
    Case("website-cut-before-an-email",
         one(AL, AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov", "www.atcfusioncent", "er@alabama.gov"),
         (Expect(AL_ID, "website", "DOMAIN_SUFFIX_UNKNOWN", "error", "www.atcfusioncent", "www.atcfusioncent"),
          Expect(AL_ID, "email", "ADDRESS_TAIL_ON_NEXT_LINE", "warning", "er@alabama.gov", "er@alabama.gov"),
          Expect(AL_ID, "email", "EXTRA_VALUE", "warning", "er@alabama.gov", "er@alabama.gov"))),
    # An address broken at a line's end elsewhere: its head a word no field takes, above the rest
    # published ("intel" over "ligence@alabama.gov"); its email cut inside a domain of no dot, the
    # rest read as a website; a website's path cut, its rest a word no field takes. Each is named
    # on the field the address fills.
    Case("address-broken-before-its-at",
         one(AL, AL_AT, "Phone: (334) 555-0110", "intel", "ligence@alabama.gov", "www.atc.alabama.gov"),
         (Expect(AL_ID, "email", "UNRECOGNIZED_LINE", "warning", "intel", "intel"),)),
    Case("email-cut-inside-its-domain",
         one(AL, AL_AT, "Phone: (334) 555-0110", "atc@alab", "ama.gov"),
         (Expect(AL_ID, "email", "EMAIL_INVALID", "error", "atc@alab", "atc@alab"),
          Expect(AL_ID, "website", "ADDRESS_TAIL_ON_NEXT_LINE", "warning", "ama.gov", "ama.gov"))),
    Case("website-cut-inside-its-path",
         (capture([block(AL, AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov", "www.atc.alabama.gov/fus", "ion"),
                   block(MOBILE, "Mobile, Alabama", "Phone: (251) 555-0120", "mtc@mobile.gov",
                         "www.mtc.mobile.gov")]),),
         (Expect(AL_ID, "website", "UNRECOGNIZED_LINE", "warning", "ion", "ion"),)),
    # A list city read with a stray space: the list's city (list_city, the designation's entry) is named.
    Case("list-city-with-a-space-inside",
         (capture([block("Austin Test Center; Austin, TX", "Austin, Texas", "Phone: (512) 555-0110",
                         "atc@austintexas.gov", "www.atc.org")], primary=[],
                  recognized=["Austin Test Center; Aus tin, TX"]),),
         (Expect("austin-test-center", "designation", "LIST_CITY_DIFFERS", "info", "Austin Test Center; Aus tin, TX",
                 "- Austin Test Center; Aus tin, TX"),
          Expect("austin-test-center", "name", "HEADING_DIFFERS_FROM_LIST", "info", "Austin Test Center; Austin, TX",
                 "Austin Test Center; Austin, TX"))),
    # ---- places ----
    Case("location-doubled",
         one("Washington Test Center (Washington, D.C.)", "Washington, DC, Washington DC", "Phone: (202) 555-0110",
             "wtc@dc.gov", "www.wtc.dc.gov"),
         (Expect("washington-test-center-washington-dc", "city", "LOCATION_MALFORMED", "warning",
                 "Washington, DC, Washington DC", "Washington, DC, Washington DC"),)),
    Case("location-unreadable",
         one(AL, "Somewhere, Nowhere", "Phone: (334) 555-0110", "atc@alabama.gov", "www.atc.alabama.gov"),
         (Expect(AL_ID, "city", "LOCATION_MALFORMED", "warning", "Somewhere, Nowhere", "Somewhere, Nowhere"),)),
    Case("location-with-zip",
         one("Maine Test Center", "Augusta, Maine 04330-0164", "Phone: (207) 555-0110", "mtc@maine.gov",
             "www.mtc.maine.gov"),
         (Expect("maine-test-center", "zip", "LOCATION_HAS_ZIP", "info", "Augusta, Maine 04330-0164",
                 "Augusta, Maine 04330-0164"),)),
    Case("location-missing",
         one(AL, None, "Phone: (334) 555-0110", "atc@alabama.gov", "www.atc.alabama.gov"),
         (Expect(AL_ID, "city", "LOCATION_MISSING", "error", "", AL),)),
    Case("list-city-differs",
         (capture([block("Sacramento Test Center; Sacramento, CA", "McClellan, California",
                         "Phone: (916) 555-0110", "stc@sacramento.gov", "www.stc.org")],
                  primary=[], recognized=["Sacramento Test Center; Sacramento, CA"]),),
         (Expect("sacramento-test-center", "city", "LIST_CITY_DIFFERS", "info",
                 "Sacramento Test Center; Sacramento, CA", "- Sacramento Test Center; Sacramento, CA"),)),
    Case("list-state-differs",
         (capture([block("Austin Test Center; Austin, TX", "Austin, Oklahoma",
                         "Phone: (405) 555-0110", "atc@austin.org", "www.atc.org")],
                  primary=[], recognized=["Austin Test Center; Austin, TX"]),),
         (Expect("austin-test-center", "state", "LIST_STATE_DIFFERS", "error",
                 "Austin Test Center; Austin, TX", "- Austin Test Center; Austin, TX"),
          # No ZIP code of Oklahoma names a city Austin.
          Expect("austin-test-center", "city", "LOCATION_NOT_GEOCODED", "warning", "Austin, Oklahoma",
                 "Austin, Oklahoma"))),
    Case("location-not-geocoded",  # Springfield misspelled: no ZIP code of Illinois names it
         one("Illinois Test Center", "Springfeld, Illinois", "Phone: (217) 555-0110", "itc@illinois.gov",
             "www.itc.illinois.gov"),
         (Expect("illinois-test-center", "city", "LOCATION_NOT_GEOCODED", "warning", "Springfeld, Illinois",
                 "Springfeld, Illinois"),)),
    Case("list-place-note-differs",
         one("Guam Test Center (Guam)", "Honolulu, Hawaii", "Phone: (808) 555-0110", "gtc@hawaii.gov",
             "www.gtc.org"),
         (Expect("guam-test-center-guam", "state", "LIST_STATE_DIFFERS", "error", "Guam Test Center (Guam)",
                 "- Guam Test Center (Guam)"),)),
    # ---- coverage and names ----
    Case("list-entry-without-block",
         (capture([], primary=["Orphan Fusion Center"]),),
         (Expect("orphan-fusion-center", "name", "LIST_ENTRY_WITHOUT_BLOCK", "error", "Orphan Fusion Center",
                 "- Orphan Fusion Center"),)),
    Case("block-without-list-entry",
         (capture([block("Unlisted Fusion Center", AL_AT, "Phone: (334) 555-0110", "ufc@alabama.gov",
                         "www.ufc.alabama.gov")], primary=[]),),
         (Expect("unlisted-fusion-center", "name", "BLOCK_WITHOUT_LIST_ENTRY", "error", "Unlisted Fusion Center",
                 "Unlisted Fusion Center"),)),
    # The second bullet has no block left to match (the first took it). The
    # center with the contact block keeps the plain id; the repeat gets "-2".
    Case("duplicate-list-entry",
         (capture([block("Twin Fusion Center", AL_AT, "Phone: (334) 555-0110", "tfc@alabama.gov",
                         "www.tfc.alabama.gov")], primary=["Twin Fusion Center", "Twin Fusion Center"]),),
         (Expect("twin-fusion-center-2", "name", "DUPLICATE_LIST_ENTRY", "error", "Twin Fusion Center",
                 "- Twin Fusion Center", 2),
          Expect("twin-fusion-center-2", "name", "LIST_ENTRY_WITHOUT_BLOCK", "error", "Twin Fusion Center",
                 "- Twin Fusion Center", 2))),
    Case("heading-adds-parenthetical",
         (capture([block("Orlando Test Exchange (OTX)", "Orlando, Florida", "Phone: (407) 555-0110",
                         "otx@ocfl.net", "www.otx.org")], primary=[],
                  recognized=["Orlando Test Exchange; Orlando, FL"]),),
         (Expect("orlando-test-exchange", "name", "HEADING_DIFFERS_FROM_LIST", "info",
                 "Orlando Test Exchange (OTX)", "Orlando Test Exchange (OTX)"),)),
    Case("heading-colon-for-semicolon",
         (capture([block("Los Angeles Test Intelligence Center: Los Angeles, CA", "Los Angeles, California",
                         "Phone: (562) 555-0110", "latic@latic.org", "www.latic.org")], primary=[],
                  recognized=["Los Angeles Test Intelligence Center; Los Angeles, CA"]),),
         (Expect("los-angeles-test-intelligence-center", "name", "HEADING_DIFFERS_FROM_LIST", "info",
                 "Los Angeles Test Intelligence Center: Los Angeles, CA",
                 "Los Angeles Test Intelligence Center: Los Angeles, CA"),)),
    Case("heading-in-link-brackets",
         (capture([block("[Madison Test Information Center](#)", "Madison, Wisconsin", "Phone: (608) 555-0110",
                         "mtic@doj.state.wi.us", "www.doj.state.wi.us/mtic")],
                  primary=["Madison Test Information Center"]),),
         (Expect("madison-test-information-center", "name", "HEADING_DIFFERS_FROM_LIST", "info",
                 "[Madison Test Information Center](#)", "[Madison Test Information Center](#)"),)),
    Case("heading-matched-by-similarity",
         (capture([block("Lakeside Valley Intelligence Centre", AL_AT, "Phone: (334) 555-0110",
                         "lvic@alabama.gov", "www.lvic.org")], primary=["Lakeside Valley Intelligence Center"]),),
         (Expect("lakeside-valley-intelligence-center", "name", "NAME_FUZZY_MATCH", "warning",
                 "Lakeside Valley Intelligence Centre", "Lakeside Valley Intelligence Centre"),)),
    # ---- missing fields ----
    Case("no-phone-no-website", one(AL, AL_AT, "atc@alabama.gov"),
         (Expect(AL_ID, "phone", "MISSING_PHONE", "warning", "", AL),
          Expect(AL_ID, "website", "MISSING_WEBSITE", "info", "", AL))),
    Case("no-email", one(AL, AL_AT, "Phone: (334) 555-0110", "www.atc.alabama.gov"),
         (Expect(AL_ID, "email", "MISSING_EMAIL", "warning", "", AL),)),
    Case("phone-only", one(AL, AL_AT, "Phone: (334) 555-0110"),
         (Expect(AL_ID, "email", "MISSING_EMAIL", "warning", "", AL),
          Expect(AL_ID, "website", "MISSING_WEBSITE", "info", "", AL))),
    # ---- labels ----
    Case("unknown-label",
         one(AL, AL_AT, "Phone: (334) 555-0110", "Cell: (334) 555-0112", "atc@alabama.gov", "www.atc.alabama.gov"),
         (Expect(AL_ID, "Cell", "UNKNOWN_LABEL", "info", "(334) 555-0112", "Cell: (334) 555-0112"),)),
    Case("second-phone",
         one(AL, AL_AT, "Phone: (334) 555-0110", "Phone: (334) 555-0113", "atc@alabama.gov", "www.atc.alabama.gov"),
         (Expect(AL_ID, "phone", "EXTRA_VALUE", "warning", "(334) 555-0113", "Phone: (334) 555-0113"),)),
    Case("second-email",
         one(AL, AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov", "intel@alabama.gov", "www.atc.alabama.gov"),
         (Expect(AL_ID, "email", "EXTRA_VALUE", "warning", "intel@alabama.gov", "intel@alabama.gov"),)),
    Case("malformed-email-above-the-real-one",  # the valid one is published, the malformed one reported
         one(AL, AL_AT, "Phone: (334) 555-0110", "name@@host", "atc@alabama.gov", "www.atc.alabama.gov"),
         (Expect(AL_ID, "email", "EMAIL_INVALID", "error", "name@@host", "name@@host"),)),
    Case("list-bullet-too-long-for-a-name",  # 2,500 characters: the name is cut, the whole text kept
         (capture([block(AL, AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov", "www.atc.alabama.gov")],
                  primary=[AL + " " + "x" * 2500]),),
         (Expect("alabama-test-center-" + "x" * (200 - len(AL) - 1), "name", "LINE_TOO_LONG", "warning",
                 AL + " " + "x" * (80 - len(AL) - 1) + "\u2026", "- " + AL + " " + "x" * 2500),
          Expect(AL_ID, "name", "BLOCK_WITHOUT_LIST_ENTRY", "error", AL, AL),
          Expect("alabama-test-center-" + "x" * (200 - len(AL) - 1), "name", "LIST_ENTRY_WITHOUT_BLOCK", "error",
                 AL + " " + "x" * 2500, "- " + AL + " " + "x" * 2500))),
    Case("second-website",
         one(AL, AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov", "www.atc.alabama.gov", "Website: www.atc.org"),
         (Expect(AL_ID, "website", "EXTRA_VALUE", "warning", "www.atc.org", "Website: www.atc.org"),)),
    # A table row's next label run into the phone's cell (a Writer table cut at a page's foot): the
    # Alternate Phone's value stands elsewhere or is lost, and that field is named.
    Case("label-after-value",
         one("Oklahoma Test Center", "Oklahoma City, Oklahoma", "Phone: (405) 555-0110 Alternate", "otc@ok.gov",
             "www.otc.ok.gov"),
         (Expect("oklahoma-test-center", "phone", "PHONE_INVALID", "error", "(405) 555-0110 Alternate",
                 "Phone: (405) 555-0110 Alternate"),
          Expect("oklahoma-test-center", "alt_phone", "LABEL_AFTER_VALUE", "warning", "(405) 555-0110 Alternate",
                 "Phone: (405) 555-0110 Alternate"))),
    # ---- values a neighbor holds ----
    # A block cut short hands its values to a heading made of a stray line: the listed center that
    # lost them is named field by field, at the values' lines.
    Case("values-held-by-an-unlisted-block-next",
         (capture([block(AL, AL_AT, "www.atc.alabama.gov"),
                   block("Stray Test Heading", "Los Angeles, California", "Phone: (334) 555-0110",
                         "Fax: (334) 555-0111", "atc@alabama.gov")], primary=[AL]),),
         (Expect(AL_ID, "phone", "MISSING_PHONE", "warning", "", AL),
          Expect(AL_ID, "email", "MISSING_EMAIL", "warning", "", AL),
          Expect(AL_ID, "phone", "VALUE_LACKING_HELD_NEARBY", "warning", "(334) 555-0110", "Phone: (334) 555-0110"),
          Expect(AL_ID, "fax", "VALUE_LACKING_HELD_NEARBY", "warning", "(334) 555-0111", "Fax: (334) 555-0111"),
          Expect(AL_ID, "email", "VALUE_LACKING_HELD_NEARBY", "warning", "atc@alabama.gov", "atc@alabama.gov"),
          Expect("stray-test-heading", "name", "BLOCK_WITHOUT_LIST_ENTRY", "error", "Stray Test Heading",
                 "Stray Test Heading"),
          Expect("stray-test-heading", "phone", "AREA_CODE_OUT_OF_STATE", "warning", "(334) 555-0110",
                 "Phone: (334) 555-0110"),
          Expect("stray-test-heading", "fax", "AREA_CODE_OUT_OF_STATE", "warning", "(334) 555-0111",
                 "Fax: (334) 555-0111"),
          Expect("stray-test-heading", "website", "MISSING_WEBSITE", "info", "", "Stray Test Heading"))),
    # Two rows' cells fallen into the row two below (Alabama's and Alaska's numbers in Arizona's row):
    # each center that lost them is named, not only the one holding second values.
    Case("values-held-as-second-values-two-blocks-on",
         (capture([block(AL, AL_AT, "www.atc.alabama.gov"), block("Alaska Test Center", "Anchorage, Alaska",
                                                                  "www.atc.alaska.gov"),
                   block("Arizona Test Center", "Phoenix, Arizona", "Phone: (334) 555-0110", "Phone: (602) 555-0114",
                         "Toll-Free: (800) 555-0113", "Toll-Free: (800) 555-0115", "atc@azdps.gov",
                         "www.azdps.gov")]),),
         tuple(Expect(center, field, code, "warning", value, line)
               for center in (AL_ID, "alaska-test-center")
               for field, code, value, line in (
                   ("phone", "MISSING_PHONE", "", AL if center == AL_ID else "Alaska Test Center"),
                   ("email", "MISSING_EMAIL", "", AL if center == AL_ID else "Alaska Test Center"),
                   # Arizona publishes its own phone, (602): the second one is the one it has no room for.
                   ("phone", "VALUE_LACKING_HELD_NEARBY", "(334) 555-0110", "Phone: (334) 555-0110"),
                   ("toll_free", "VALUE_LACKING_HELD_NEARBY", "(800) 555-0115", "Toll-Free: (800) 555-0115")))
         + (Expect("arizona-test-center", "phone", "EXTRA_VALUE", "warning", "(334) 555-0110",
                   "Phone: (334) 555-0110"),
            Expect("arizona-test-center", "toll_free", "EXTRA_VALUE", "warning", "(800) 555-0115",
                   "Toll-Free: (800) 555-0115"))),
    # An .org site, which names no place, moved with a block's tail into the next block, which has
    # none: its domain is the email's of the block it left, and of none of its new block's addresses.
    Case("site-of-a-neighbors-domain",
         (capture([block("Kansas City Test Center", "Kansas City, Missouri", "Phone: (816) 555-0110", "kc@kctest.org"),
                   block("Kansas Test Center", "Topeka, Kansas", "Phone: (785) 555-0120", "ktc@ks.gov",
                         "www.kctest.org")]),),
         (Expect("kansas-city-test-center", "website", "MISSING_WEBSITE", "info", "", "Kansas City Test Center"),
          Expect("kansas-city-test-center", "website", "VALUE_LACKING_HELD_NEARBY", "warning", "www.kctest.org",
                 "www.kctest.org"),
          Expect("kansas-test-center", "website", "VALUE_DOMAIN_OF_NEIGHBOR", "warning", "www.kctest.org",
                 "www.kctest.org"))),
    # Two neighbors' .org emails swapped: each address is of the other's domain (which of a center's
    # two addresses moved cannot be told, so both are named).
    Case("emails-of-two-neighbors-swapped",
         (capture([block("Atlanta Test Center", "Atlanta, Georgia", "Phone: (404) 555-0110", "b@btest.org",
                         "www.atest.org"),
                   block("Boston Test Center", "Boston, Massachusetts", "Phone: (617) 555-0120", "a@atest.org",
                         "www.btest.org")]),),
         tuple(Expect(center, field, "VALUE_DOMAIN_OF_NEIGHBOR", "warning", value, value)
               for center, field, value in (("atlanta-test-center", "email", "b@btest.org"),
                                            ("atlanta-test-center", "website", "www.atest.org"),
                                            ("boston-test-center", "email", "a@atest.org"),
                                            ("boston-test-center", "website", "www.btest.org")))),
    # Connecticut's fax (806) 706-5535 names Texas but shares its exchange with Connecticut's phone:
    # a mistyped area code, not a value of the Texas center next to it, which has no fax.
    Case("value-of-a-neighbor-state-sharing-an-exchange",
         (capture([block("Connecticut Test Center", "Hartford, Connecticut", "Phone: (860) 555-0110",
                         "Fax: (806) 555-0111", "ctc@ct.gov", "www.ct.gov/ctc"),
                   block("Dallas Test Center", "Dallas, Texas", "Phone: (214) 555-0120", "dtc@dallascounty.org",
                         "www.dtc.org")]),),
         (Expect("connecticut-test-center", "fax", "AREA_CODE_OUT_OF_STATE", "warning", "(806) 555-0111",
                 "Fax: (806) 555-0111"),)),
    # ---- lines that are no value ----
    Case("unrecognized-line",
         one(AL, AL_AT, "Phone: (334) 555-0110", "Call us any time, we never sleep", "atc@alabama.gov",
             "www.atc.alabama.gov"),
         (Expect(AL_ID, "", "UNRECOGNIZED_LINE", "warning", "Call us any time, we never sleep",
                 "Call us any time, we never sleep"),)),
    # A label beside a value of another kind (a label column out of step with its values): the
    # finding names the label's field, whose value the line may have held.
    Case("label-beside-a-value-of-another-kind",
         one(AL, AL_AT, "Phone: (334) 555-0110", "Toll-Free atc@alabama.gov", "www.atc.alabama.gov"),
         (Expect(AL_ID, "toll_free", "UNRECOGNIZED_LINE", "warning", "Toll-Free atc@alabama.gov",
                 "Toll-Free atc@alabama.gov"),
          Expect(AL_ID, "email", "MISSING_EMAIL", "warning", "", AL))),
    # A word broken at a hyphen right over an address may be the address's first piece ("dal-" over
    # "las.fusion@…", the reader left it): the address is withheld and named (normalize.broken),
    # the two lines quoted; over a phone, the line is reported as it is.
    Case("word-broken-over-an-email",
         one(AL, AL_AT, "Phone: (334) 555-0110", "intel\u2010", "atc@alabama.gov", "www.atc.alabama.gov"),
         (Expect(AL_ID, "email", "ADDRESS_BROKEN_AT_HYPHEN", "warning", "intel\u2010atc@alabama.gov", "atc@alabama.gov"),)),
    Case("word-broken-over-a-website",
         one(AL, AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov", "fusion-", "www.atc.alabama.gov"),
         (Expect(AL_ID, "website", "ADDRESS_BROKEN_AT_HYPHEN", "warning", "fusion-www.atc.alabama.gov",
                 "www.atc.alabama.gov"),)),
    Case("word-broken-over-a-phone",
         one(AL, AL_AT, "Hotline-", "Phone: (334) 555-0110", "atc@alabama.gov", "www.atc.alabama.gov"),
         (Expect(AL_ID, "", "UNRECOGNIZED_LINE", "warning", "Hotline-", "Hotline-"),)),
    Case("line-too-long",
         one(AL, AL_AT, "Phone: (334) 555-0110", "Note: " + "x" * 2_000, "atc@alabama.gov", "www.atc.alabama.gov"),
         (Expect(AL_ID, "", "LINE_TOO_LONG", "warning", "Note: " + "x" * 74 + "\u2026", "Note: " + "x" * 2_000),)),
    # The made-up list page and the filler's block take lines 1-20: the block's heading is line 21.
    Case("heading-without-name",
         (capture([block("; Montgomery, AL", AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov",
                         "www.atc.alabama.gov")], primary=[]),),
         (Expect("unnamed-capture-0txt-line-21", "name", "HEADING_WITHOUT_NAME", "error", "; Montgomery, AL",
                 "; Montgomery, AL"),)),
    # ---- two documents ----
    Case("two-documents-disagree-on-phone",
         two_documents(
             capture([block(AL, AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov", "www.atc.alabama.gov")]),
             capture([block(AL, AL_AT, "Phone: (334) 555-0120", "atc@alabama.gov", "www.atc.alabama.gov")])),
         (Expect(AL_ID, "phone", "SOURCES_DISAGREE", "warning", "(334) 555-0120", "Phone: (334) 555-0120",
                 source=1),)),
    Case("two-documents-disagree-on-city",
         two_documents(
             capture([block(AL, AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov", "www.atc.alabama.gov")]),
             capture([block(AL, "Mobile, Alabama", "Phone: (334) 555-0110", "atc@alabama.gov",
                            "www.atc.alabama.gov")])),
         (Expect(AL_ID, "city", "SOURCES_DISAGREE", "warning", "Mobile, Alabama", "Mobile, Alabama", source=1),)),
    Case("two-documents-one-without-email",
         two_documents(
             capture([block(AL, AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov", "www.atc.alabama.gov")]),
             capture([block(AL, AL_AT, "Phone: (334) 555-0110", "www.atc.alabama.gov")])),
         (Expect(AL_ID, "email", "SOURCES_DISAGREE", "warning", "", AL, source=1),)),
    # Both documents give the same swapped labels: one certain fix, and no
    # disagreement between a fixed record and an unfixed copy of the same data.
    Case("two-documents-both-with-swapped-labels",
         two_documents(*[capture([block("Carolina Test Center", "Columbia, South Carolina", "Phone: (866) 555-0110",
                                        "Toll-Free: (803) 555-0111", "ctc@sled.sc.gov", "www.ctc.sc.gov")])] * 2),
         (Expect("carolina-test-center", "phone", "PHONE_LABELS_SWAPPED", "warning", "(866) 555-0110",
                 "Phone: (866) 555-0110", status="fixed"),)),
]


def _expected_line(case: Case, e: Expect) -> int:
    text = case.texts[e.source]
    line = 0
    for _ in range(e.occurrence):
        line = line_number(text[_offset(text, line):], e.line) + line
    return line


def _offset(text: str, after_line: int) -> int:
    """Character offset of the start of the line after `after_line` (1-based)."""
    if after_line == 0:
        return 0
    return len("\n".join(text.split("\n")[:after_line])) + 1


@pytest.mark.parametrize("case", TRIPS, ids=lambda c: c.id)
def test_rule_fires(case: Case):
    checked = check(*case.texts, as_of=case.as_of)
    got = Counter((f.center_id, f.field, f.code) for f in checked.findings if f.center_id != FILLER_ID)
    assert got == Counter((e.center, e.field, e.code) for e in case.expected)
    for e in case.expected:
        f = checked.only(e.center, e.field, e.code)
        assert (f.severity, f.value, f.source, f.line, f.status) == \
            (e.severity, e.value, source_name(e.source), _expected_line(case, e), e.status), e


def test_every_code_of_the_rules_is_tripped():
    """Each code the rules and fixes can give has a case above or in test_fixes."""
    tripped = {e.code for case in TRIPS for e in case.expected} | {"SOURCE_OUTDATED", "SOURCE_UNDATED"}
    made_elsewhere = {"CORRECTION_STALE", "CORRECTION_UNKNOWN_CENTER", "CORRECTION_INVALID",
                      "CORRECTION_CONFLICT",  # reviewers' decisions: tests/check/test_corrections.py
                      "SOURCE_ENCODING_GUESSED",  # bytes that are not UTF-8: tests/extract/test_hostile.py
                      "SOURCE_ADDRESS_REJECTED",  # a hostile canonical link: tests/extract/test_html.py
                      "SOURCE_DATE_UNUSABLE",  # a date later than its retrieval: tests/hostile/test_readers.py
                      # a place signal read from the .gov registry, a block split between neighbors:
                      "GOV_DOMAIN_FEDERAL", "GOV_DOMAIN_NOT_REGISTERED", "VALUE_FITS_NEIGHBOR",  # test_neighbors.py
                      "BLOCK_FITS_OTHER_CENTER",  # a block under another center's heading: test_strays.py
                      "ID_KEPT_AFTER_RENAME", "ID_LINK_PROPOSED",  # the id register: tests/test_register.py
                      # text not shown, a sheet's number, a formula without a value: test_forms_office.py
                      "TEXT_NOT_SHOWN", "VALUE_STORED_AS_NUMBER", "FORMULA_WITHOUT_VALUE",
                      "MARKUP_DIFFERS", "SOURCE_VALUES_FROM_MARKUP",
                      "ADDRESS_BROKEN_AT_HYPHEN",  # a printer's hyphen or the address's own: test_typography.py
                      "VALUE_CUT_AT_EDGE",  # a value cut at the page's edge: tests/extract/test_pdf_visible.py
                      "ADDRESS_SPLIT_UNSURE",  # an address split at a column's edge: tests/extract/test_monospaced.py
                      "TEXT_PAST_EDGE",  # a name run past the page's edge: tests/extract/test_pdf_visible.py
                      "VALUE_PRINTED_OVER",  # a value run over the next column's line: tests/extract/test_pdf.py
                      # a verification run's answers: tests/check/test_live.py, tests/verify/test_build.py
                      "WEBSITE_NO_ANSWER", "WEBSITE_HTTP_ERROR", "WEBSITE_REDIRECT_BROKEN", "WEBSITE_MOVED_AWAY",
                      "WEBSITE_REDIRECTS", "WEBSITE_PLAIN_HTTP_ONLY", "WEBSITE_BAD_CERTIFICATE",
                      "EMAIL_DOMAIN_NO_MAIL",
                      # conservation, over what a document shows: test_conservation.py
                      "VALUE_UNACCOUNTED", "VALUE_PUBLISHED_TWICE", "VALUE_OUTSIDE_BLOCKS",
                      "NAME_PUBLISHED_TWICE",  # a decision naming a center as another: tests/hostile/
                      "ZIP_OUT_OF_PLACE",  # a ZIP against its city: tests/normalize/test_zip_place.py
                      # a domain cut short, a list line read into no entry: tests/check/test_misreadings.py
                      "DOMAIN_SUFFIX_UNKNOWN", "LIST_LINE_UNREAD", "LIST_PLACE_CUT", "VALUE_AFTER_REPEAT",
                      "VALUE_BELOW_OTHER_PLACE",  # test_strays.py
                      # an address's head on the line above, a name joined beside its slash: test_misreadings.py
                      "ADDRESS_HEAD_ON_LINE_ABOVE", "NAME_JOIN_UNSURE", "LABEL_INSIDE_LINE"}
    assert set(CODES) - made_elsewhere - tripped == set()
    assert len(CENTER_RULES) == 33 and len(DATASET_RULES) == 11  # a new rule needs its cases here


# Correct centers near a rule's edge: no finding at all (the filler is clean too).
QUIET = [
    ("filler-alone", (capture([]),)),
    ("guam-671", one("Guam Test Center (Guam)", "Agana Heights, Guam", "Phone: (671) 555-0110",
                     "gtc@guam.gov", "www.gtc.guam.gov")),
    ("puerto-rico-787", one("Puerto Rico Test Center", "Hato Rey, Puerto Rico", "Phone: (787) 555-0110",
                            "prtc@policia.pr.gov", "www.prtc.pr.gov")),
    ("virgin-islands-340", one("U.S. Virgin Islands Test Center", "St. Thomas, Virgin Islands",
                               "Phone: (340) 555-0110", "vitc@vitema.vi.gov", "www.vitema.vi.gov")),
    ("dc-202", one("Washington Test Center (Washington, D.C.)", "Washington, DC", "Phone: (202) 555-0110",
                   "wtc@dc.gov", "www.wtc.dc.gov")),
    ("colorado-ciac-co-gov", one("Colorado Test Center", "Lakewood, Colorado", "Phone: (303) 555-0110",
                                 "ctc@ciac.co.gov", "dhsem.state.co.us")),
    ("texas-county-co-collin-tx-us",
     (capture([block("North Texas Test Center; McKinney, TX", "McKinney, Texas", "Phone: (972) 555-0110",
                     "NTTC@co.collin.tx.us", "www.co.collin.tx.us")], primary=[],
              recognized=["North Texas Test Center; McKinney, TX"]),)),
    ("maryland-leo-gov", one("Maryland Test Center", "Woodlawn, Maryland", "Phone: (410) 555-0110",
                             "mdtc@leo.gov", "www.mdtc.maryland.gov")),
    ("kansas-ed-gov", one("Kansas Test Center", "Topeka, Kansas", "Phone: (785) 555-0110", "ktc@ed.gov",
                          "www.ktc.ks.gov")),
    # va.gov is the federal Department of Veterans Affairs, not Virginia.
    ("maryland-va-gov", one("Maryland Test Center", "Baltimore, Maryland", "Phone: (410) 555-0110",
                            "mdtc@va.gov", "www.mdtc.maryland.gov")),
    ("iowa-state-ia-us", one("Iowa Test Center", "Des Moines, Iowa", "Phone: (515) 555-0110",
                             "itc@dps.state.ia.us", "www.dps.state.ia.us/intel")),
    ("phone-and-toll-free-right", one("Carolina Test Center", "Columbia, South Carolina", "Phone: (803) 555-0110",
                                      "Toll-Free: (866) 555-0111", "ctc@sled.sc.gov", "www.ctc.sc.gov")),
    ("fax-same-area-code", one("Connecticut Test Center", "Hartford, Connecticut", "Phone: (860) 555-0110",
                               "Fax: (860) 555-0111", "ctc@ct.gov", "www.ct.gov/ctc")),
    ("list-city-same", (capture([block("Austin Test Center; Austin, TX", "Austin, Texas", "Phone: (512) 555-0110",
                                       "atc@austintexas.gov", "www.atc.org")], primary=[],
                                recognized=["Austin Test Center; Austin, TX"]),)),
    ("list-city-with-period", (capture([block("St. Louis Test Center; St. Louis, MO", "St. Louis, Missouri",
                                              "Phone: (314) 555-0110", "sltc@sltew.org", "www.sltc.org")],
                                       primary=[], recognized=["St. Louis Test Center; St. Louis, MO"]),)),
    ("heading-broken-over-two-lines",
     (capture([block("Cincinnati Test Early Warning Group;", "Cincinnati, OH", "Cincinnati, Ohio",
                     "Phone: (513) 555-0110", "ctewg@hamilton-co.org", "www.ctewg.org")], primary=[],
              recognized=["Cincinnati Test Early Warning Group; Cincinnati, OH"]),)),
    ("place-note-matches", one("Southern Test Counter-Terrorism Center (Las Vegas, Nevada)", "Las Vegas, Nevada",
                               "Phone: (702) 555-0110", "stc@lvmpd.com", "www.stc.org")),
    ("https-website-with-path", one("Ohio Test Center", "Columbus, Ohio", "Phone: (614) 555-0110",
                                    "otc@dps.state.oh.us", "https://www.fusion.ohio.gov/intel")),
    ("two-centers-one-host-other-pages",
     (capture([block(AL, AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov", "www.alabama.gov/atc"),
               block(MOBILE, "Mobile, Alabama", "Phone: (334) 555-0120", "mtc@mobile.gov", "www.alabama.gov/mtc")]),)),
    # An address, then a bare host of another domain (Alabama's "fusion.alabama.gov"): no tail.
    ("bare-host-under-a-sound-address", one(AL, AL_AT, "Phone: (334) 555-0110", "atc@alacop.gov",
                                            "intel.alabama.gov")),
    # The country codes of U.S. territories are a center's own; a label inside a value's words is no label.
    ("territory-country-code", one("Guam Test Center (Guam)", "Agana Heights, Guam", "Phone: (671) 555-0110",
                                   "gtc@guam.gu", "www.gtc.gu")),
    ("two-documents-agree", two_documents(*[capture([block(AL, AL_AT, "Phone: (334) 555-0110", "atc@alabama.gov",
                                                           "www.atc.alabama.gov")])] * 2)),
]


@pytest.mark.parametrize("texts", [t for _, t in QUIET], ids=[i for i, _ in QUIET])
def test_rule_stays_quiet(texts):
    checked = check(*texts)
    assert checked.keys(drop_filler=False) == set()


# ---- source dates: the reference date is passed in ----

def _listing_first_line(text: str) -> int:
    return line_number(text, f"<{LIST_URL}>") + 1


@pytest.mark.parametrize("published, as_of, outdated", [
    ("July 23, 2015", date(2018, 7, 22), False),
    ("July 23, 2015", date(2018, 7, 23), False),  # exactly three years, 1096 days with 2016's 29 February
    ("July 23, 2015", date(2018, 7, 24), True),
    ("February 29, 2016", date(2019, 2, 28), False),
    ("February 29, 2016", date(2019, 3, 1), True),
    ("July 23, 2015", date(2014, 1, 1), False),  # a page dated after the build is not old
], ids=["day-before-3-years", "exactly-3-years", "day-after-3-years", "leap-day-3-years", "leap-day-after",
        "dated-after-build"])
def test_source_outdated(published, as_of, outdated):
    text = capture([], list_published=published, listing_published=published)
    checked = check(text, as_of=as_of)
    got = sorted((f.center_id, f.field, f.code, f.severity, f.value, f.source, f.line) for f in checked.findings)
    # Each finding points at its page's date line, read off the made-up capture.
    date_lines = (line_number(text, f"Last Published Date: {published}"),
                  line_number(text, f"Last Updated: {published}"))
    expected = [("", "published", "SOURCE_OUTDATED", "warning", published, source_name(0), line)
                for line in date_lines]
    assert got == (expected if outdated else [])


@pytest.mark.parametrize("start, end, expected", [
    (date(2015, 7, 23), date(2026, 11, 24), (11, 124)),  # the capture's list page on its retrieval date
    (date(2015, 9, 14), date(2026, 11, 24), (11, 71)),
    (date(2015, 8, 21), date(2026, 11, 24), (11, 95)),
    (date(2015, 7, 23), date(2018, 7, 23), (3, 0)),
    (date(2016, 2, 29), date(2017, 3, 1), (1, 1)),
    (date(2020, 1, 1), date(2020, 12, 31), (0, 365)),
], ids=["list-page", "prose-page", "fact-sheet", "three-years", "leap-day", "leap-year"])
def test_years_and_days(start, end, expected):
    assert years_and_days(start, end) == expected


def test_outdated_message_states_calendar_age():
    text = capture([], list_published="July 23, 2015", listing_published="July 23, 2015")
    checked = check(text, as_of=date(2026, 11, 24))
    assert all("11 years and 124 days" in f.message for f in checked.findings)
    assert len(checked.findings) == 2


@pytest.mark.parametrize("list_published, listing_published, undated_lines", [
    ("July 23, 2015", "", ["listing"]),
    ("", "July 23, 2015", ["list"]),
    ("", "", ["list", "listing"]),
], ids=["listing-undated", "list-undated", "both-undated"])
def test_source_undated(list_published, listing_published, undated_lines):
    text = capture([], list_published=list_published, listing_published=listing_published)
    lines = {"list": 1, "listing": _listing_first_line(text)}
    checked = check(text)
    got = sorted((f.center_id, f.field, f.code, f.severity, f.value, f.source, f.line) for f in checked.findings)
    assert got == [("", "published", "SOURCE_UNDATED", "warning", "", source_name(0), lines[w])
                   for w in undated_lines]


def test_pages_carry_their_addresses():
    """The made-up pages are read as a list and a listing at their addresses."""
    checked = check(capture([]))
    assert [(d.kind, d.url) for d in checked.dataset.documents] == [
        ("center_list", LIST_URL), ("contact_listing", LISTING_URL)]


@pytest.mark.parametrize(("text", "field"), [
    ("www.publicsafety.utah.gov/investigations/siac.html", "website"),
    ("HRISC-Fusioncenter@houstonpolice.org", "email"),
    ("Fax: (801) 256-2360", "fax"),
    ("Alt. Phone: (801) 256-2361", "alt_phone"),
], ids=["a website", "an email", "a labeled fax", "a label spelled with a point"])
def test_a_line_cut_at_the_page_edge_is_reported_on_the_field_it_would_fill(text, field):
    from pipeline.check.rules import _aside_field
    from pipeline.reference import CUT_LABEL
    from pipeline.records import Value
    assert _aside_field(Value("", text, None, label=CUT_LABEL)) == field


@pytest.mark.parametrize(("text", "field"), [("generalinfo@gisac.gb", "email"), ("i.ga.gov", "website")],
                         ids=["the address", "the line under it"])
def test_an_address_split_at_a_column_s_edge_is_reported_on_the_field_of_its_kind(text, field):
    from pipeline.check.rules import _aside_field
    from pipeline.reference import SPLIT_LABEL
    from pipeline.records import Value
    assert _aside_field(Value("", text, None, label=SPLIT_LABEL)) == field


@pytest.mark.parametrize(("text", "field"), [
    ("www.homelandsecurity.ms.gov/msaic.html", "website"),
    ("sciic@sled.sc.gov", "email"),
    ("Phone: (972) 548-5537", "phone"),
    ("McKinney, Texas", ""),  # a place: no value field, the finding stands on its center
    ("Center; Cleveland, OH", ""),
], ids=["a website", "an email", "a labeled phone", "a place", "a heading"])
def test_a_line_printed_over_is_reported_on_the_field_it_fills(text, field):
    from pipeline.check.rules import _aside_field
    from pipeline.reference import OVERPRINT_LABEL
    from pipeline.records import Value
    assert _aside_field(Value("", text, None, label=OVERPRINT_LABEL)) == field
