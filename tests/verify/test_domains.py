"""Mail domains and the network probe against the local DNS server.

Cost: about 0.5 s, most of it the silent server's 0.3 s probe.
"""
from __future__ import annotations

import time

import pytest

from pipeline.verify.domains import (
    HostError, NoNetwork, check_mail_domain, host_addresses, make_resolver, parse_server, probe,
)
from pipeline.verify.results import DNS_ERROR, IMPLICIT_MX, MX, NO_MAIL, NULL_MX, NXDOMAIN


@pytest.mark.parametrize("domain, result, mx, addresses", [
    ("mx.test", MX, ("10 mail.mx.test.", "20 backup.mx.test."), ()),
    ("implicit.test", IMPLICIT_MX, (), ("192.0.2.10", "2001:db8::10")),
    ("nullmx.test", NULL_MX, ("0 .",), ()),
    ("nomail.test", NO_MAIL, (), ()),
    ("nowhere.test", NXDOMAIN, (), ()),
    ("MX.Test", MX, ("10 mail.mx.test.", "20 backup.mx.test."), ()),
])
def test_mail_domain(world, domain, result, mx, addresses):
    m = check_mail_domain(make_resolver(world.dns.address, 5.0), domain, 5.0)
    assert (m.result, m.mx, m.addresses) == (result, mx, addresses)


def test_mail_domain_asks_dns_only(world, handler_log):
    check_mail_domain(make_resolver(world.dns.address, 5.0), "implicit.test", 5.0)
    assert handler_log == []  # no server of the domain is contacted; there is none here to contact
    assert ("implicit.test.", "MX") in world.dns.questions


def test_silent_resolver_is_a_dns_error_not_a_result(world):
    m = check_mail_domain(make_resolver(world.silent_dns.address, 0.2), "mx.test", 0.2)
    assert m.result == DNS_ERROR and "no answer within 0.2 s" in m.detail


def test_probe_answers(world):
    probe(make_resolver(world.dns.address, 5.0), 5.0)


def test_probe_without_answer_is_no_network_fast(world):
    start = time.monotonic()
    with pytest.raises(NoNetwork, match="no answer about the root zone within 0.3 s"):
        probe(make_resolver(world.silent_dns.address, 0.3), 0.3)
    assert time.monotonic() - start < 2.0


@pytest.mark.parametrize("host, expected", [("www.resolved.test", ["127.0.0.1"]), ("127.0.0.1", ["127.0.0.1"])])
def test_host_addresses(world, host, expected):
    assert host_addresses(make_resolver(world.dns.address, 5.0), host, 5.0) == expected


@pytest.mark.parametrize("host, reason", [("nowhere.test", "no-such-host"), ("nomail.test", "no-address")])
def test_host_without_address(world, host, reason):
    with pytest.raises(HostError) as e:
        host_addresses(make_resolver(world.dns.address, 5.0), host, 5.0)
    assert e.value.reason == reason


@pytest.mark.parametrize("text", ["127.0.0.1", "dns.example:53", "127.0.0.1:0", "127.0.0.1:99999", ":53"])
def test_bad_server(text):
    with pytest.raises(ValueError):
        parse_server(text)
