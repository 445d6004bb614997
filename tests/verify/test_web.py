"""Website checks against the local servers (tests/verify/conftest.py).

Cost: about 1 s in all, most of it the silent server's 0.3 s timeout.
"""
from __future__ import annotations

import time

import pytest

from pipeline.verify.domains import make_resolver
from pipeline.verify.results import (
    BAD_CERTIFICATE, BAD_REDIRECT, HTTP_ERROR, MOVED_AWAY, NO_ANSWER, OK, PLAIN_HTTP_ONLY, REDIRECT_LOOP,
)
from pipeline.verify.web import Network, check_website, registered_domain, tls_context

TIMEOUT = 5.0  # a local answer comes in milliseconds; generous for a loaded machine
SILENT = 0.3  # sub-second: what the server that never answers costs


def network(world, timeout: float = TIMEOUT, run_timeout: float = 30.0, ca: bool = True) -> Network:
    return Network(make_resolver(world.dns.address, timeout), dict(world.connect_to),
                   tls_context(world.ca_bundle if ca else None), "fusion-centers/test (+mailto:t@example.org)",
                   timeout, time.monotonic() + run_timeout)


# (url, result, final status, final address, tls, (method, status) of each hop)
CASES = [
    ("https://www.ok.test/", OK, 200, "https://www.ok.test/", "valid", [("HEAD", 200)]),
    ("http://www.ok.test/", OK, 200, "https://www.ok.test/", "valid", [("HEAD", 301), ("HEAD", 200)]),
    ("https://www.ok.test/old", OK, 200, "https://www.ok.test/new", "valid", [("HEAD", 301), ("HEAD", 200)]),
    ("https://www.moved.test/", MOVED_AWAY, 200, "https://www.elsewhere.test/new", "valid",
     [("HEAD", 302), ("HEAD", 200)]),
    ("https://www.ok.test/loop", REDIRECT_LOOP, 302, "https://www.ok.test/loop2", "valid",
     [("HEAD", 302), ("HEAD", 302)]),
    ("https://www.ok.test/chain/1", REDIRECT_LOOP, 302, "https://www.ok.test/chain/6", "valid",
     [("HEAD", 302)] * 6),
    ("https://www.ok.test/nolocation", BAD_REDIRECT, 302, "https://www.ok.test/nolocation", "valid",
     [("HEAD", 302)]),
    ("https://www.ok.test/unicode", OK, 200, "https://www.ok.test/café page", "valid",
     [("HEAD", 301), ("HEAD", 200)]),
    ("https://www.ok.test/gone", HTTP_ERROR, 404, "https://www.ok.test/gone", "valid", [("HEAD", 404)]),
    ("https://www.ok.test/broken", HTTP_ERROR, 500, "https://www.ok.test/broken", "valid", [("HEAD", 500)]),
    ("https://www.ok.test/nohead", OK, 200, "https://www.ok.test/nohead", "valid", [("GET", 200)]),
    ("https://www.ok.test/nohead501", OK, 200, "https://www.ok.test/nohead501", "valid", [("GET", 200)]),
    ("https://www.mismatch.test/", BAD_CERTIFICATE, None, "", "hostname-mismatch", [("HEAD", None)]),
    ("https://www.expired.test/", BAD_CERTIFICATE, None, "", "expired", [("HEAD", None)]),
    ("https://www.silent.test/", NO_ANSWER, None, "", "", [("HEAD", None)]),
    ("https://www.refused.test/", NO_ANSWER, None, "", "", [("HEAD", None)]),
    ("https://www.nowhere.test/", NO_ANSWER, None, "", "", [("HEAD", None)]),
    ("http://www.plain.test/", PLAIN_HTTP_ONLY, 200, "http://www.plain.test/", "none", [("HEAD", 200)]),
]


@pytest.mark.parametrize("url, result, status, final, tls, hops", CASES, ids=[c[0].split("//")[1] for c in CASES])
def test_answers(world, handler_log, url, result, status, final, tls, hops):
    c = check_website(url, network(world, SILENT if "silent" in url else TIMEOUT))
    assert (c.result, c.status, c.final_url, c.tls) == (result, status, final, tls)
    assert [(h.method, h.status) for h in c.hops] == hops
    assert c.left_site == (result == MOVED_AWAY)


@pytest.mark.parametrize("url, error, detail", [
    ("https://www.silent.test/", "timeout", "no complete answer within 0.3 s"),
    ("https://www.refused.test/", "refused", "refused the connection"),
    ("https://www.nowhere.test/", "no-such-host", ""),
    ("https://www.expired.test/", "certificate", "expired: certificate has expired"),
    ("https://www.mismatch.test/", "certificate", "hostname-mismatch: Hostname mismatch"),
])
def test_why_no_answer(world, url, error, detail):
    start = time.monotonic()
    hop = check_website(url, network(world, SILENT if "silent" in url else TIMEOUT)).hops[-1]
    assert hop.error == error and detail in hop.detail
    assert time.monotonic() - start < 2.0  # the silent server is cut off at the timeout


def test_a_bad_certificate_is_never_retried_unverified(world, handler_log):
    check_website("https://www.mismatch.test/", network(world))
    check_website("https://www.expired.test/", network(world))
    assert handler_log == []  # no request was ever sent over the refused handshake


def test_without_the_test_ca_the_certificate_is_untrusted(world):
    c = check_website("https://www.ok.test/", network(world, ca=False))
    assert (c.result, c.tls) == (BAD_CERTIFICATE, "untrusted")


def test_plain_http_records_the_failed_https_try(world):
    c = check_website("http://www.plain.test/", network(world))
    assert c.https_try is not None and c.https_try.url == "https://www.plain.test/"
    assert c.https_try.result == NO_ANSWER and c.https_try.hops[0].error == "refused"


def test_redirect_to_https_needs_no_second_try(world):
    assert check_website("http://www.ok.test/", network(world)).https_try is None


def test_head_refused_falls_back_to_get_that_reads_no_body(world, handler_log):
    check_website("https://www.ok.test/nohead", network(world))
    assert [(m, p) for m, _, p, _ in handler_log] == [("HEAD", "/nohead"), ("GET", "/nohead")]


def test_user_agent_names_the_project_and_contact(world, handler_log):
    check_website("https://www.ok.test/", network(world))
    assert handler_log[0][3] == "fusion-centers/test (+mailto:t@example.org)"


def test_one_connection_per_host_at_a_time(world, handler_log, http_handler):
    from pipeline.verify.run import Settings, check_all
    http_handler.delay = 0.03
    urls = [f"https://www.ok.test/page{i}" for i in range(6)] + ["https://www.moved.test/"]
    # A timeout long enough that no request is given up and sent again while the server, slow
    # under load, still answers the first: the server would count the two as in flight at once.
    sites, _ = check_all(urls, [], Settings(workers=4), network(world, timeout=5.0))
    assert [c.result for c in sites] == [OK] * 6 + [MOVED_AWAY]
    assert http_handler.most_in_flight["www.ok.test"] == 1
    assert len(handler_log) == 8


def test_run_deadline_stops_requests(world, handler_log):
    c = check_website("https://www.ok.test/", network(world, run_timeout=0))
    assert c.result == NO_ANSWER and c.hops[0].error == "run-deadline" and handler_log == []


@pytest.mark.parametrize("a, b, same", [
    ("www.ok.test", "ok.test", True),
    ("fusion.alabama.gov", "www.alabama.gov", True),
    ("www.dhs.gov", "www.alabama.gov", False),
    ("a.blogspot.com", "b.blogspot.com", False),  # a private suffix: two sites
    ("www.example.co.uk", "example.co.uk", True),
])
def test_registered_domain(a, b, same):
    assert (registered_domain(a) == registered_domain(b)) == same


def test_a_redirect_is_requested_as_a_browser_would(world, handler_log):
    check_website("https://www.ok.test/unicode", network(world))
    assert [p for _, _, p, _ in handler_log] == ["/unicode", "/caf%C3%A9%20page"]


@pytest.mark.parametrize("url", ["https://www.resolved.test/", "http://127.0.0.1:9/", "http://[::1]/",
                                 "http://169.254.169.254/latest/meta-data/"])
def test_no_connection_to_this_machine_or_its_network(world, handler_log, url):
    """www.resolved.test resolves to 127.0.0.1: a source cannot aim verify at local services."""
    c = check_website(url, network(world))
    assert (c.result, c.hops[0].error) == (NO_ANSWER, "not-public") and handler_log == []
