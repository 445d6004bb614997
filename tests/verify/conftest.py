"""Local servers for the verify tests: a DNS server, HTTP and HTTPS servers,
one that never answers and a port that refuses, all on 127.0.0.1.

Every name ends in .test (RFC 6761: never delegated), every DNS question
goes to the server here (`--nameserver`), and every connection to a host is
sent here by the connect-to map: nothing leaves the machine. The HTTPS
servers' certificates come from a test authority made by trustme.
"""
from __future__ import annotations

import datetime
import http.server
import ipaddress
import socket
import ssl
import threading
import time
from collections import defaultdict

import dns.message
import dns.query
import dns.name
import dns.rcode
import dns.rdatatype
import dns.rrset
import pytest
import trustme

# name -> {type: [records]}; a name not here is NXDOMAIN.
ZONE = {
    ".": {"NS": ["a.root-servers.test."]},
    "mx.test.": {"MX": ["10 mail.mx.test.", "20 backup.mx.test."]},
    "implicit.test.": {"A": ["192.0.2.10"], "AAAA": ["2001:db8::10"]},
    "nullmx.test.": {"MX": ["0 ."]},
    "nomail.test.": {"TXT": ['"v=spf1 -all"']},
    "www.resolved.test.": {"A": ["127.0.0.1"]},
    # Mail domains of the capture, for the build test (tests/verify/test_build.py)
    "alacop.gov.": {"MX": ["10 mail.alacop.gov."]},
    "azdps.gov.": {"MX": ["0 ."]},
    "austintexas.gov.": {"A": ["192.0.2.20"]},
    "cityofboston.gov.": {"TXT": ['"no mail here"']},
}


class DnsServer:
    """A UDP DNS server on 127.0.0.1 answering from `zone`, or not at all (`silent`)."""

    def __init__(self, zone: dict, silent: bool = False) -> None:
        self.zone = zone
        self.silent = silent
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.questions: list[tuple[str, str]] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def address(self) -> tuple[str, int]:
        return "127.0.0.1", self.port

    def _serve(self) -> None:
        while True:
            try:
                data, peer = self.sock.recvfrom(4096)
            except OSError:
                return
            query = dns.message.from_wire(data)
            q = query.question[0]
            name, rdtype = q.name.to_text().lower(), dns.rdatatype.to_text(q.rdtype)
            self.questions.append((name, rdtype))
            if self.silent:
                continue
            response = dns.message.make_response(query)
            if name not in self.zone:
                response.set_rcode(dns.rcode.NXDOMAIN)
            elif rdtype in self.zone[name]:
                response.answer.append(dns.rrset.from_text(name, 60, "IN", rdtype, *self.zone[name][rdtype]))
            self.sock.sendto(response.to_wire(), peer)

    def close(self) -> None:
        self.sock.close()


class Handler(http.server.BaseHTTPRequestHandler):
    """Answers by path; counts connections in flight per host."""

    protocol_version = "HTTP/1.1"
    server_version = "TestServer"
    log: list[tuple[str, str, str, str]] = []  # (method, host, path, user agent)
    in_flight: dict[str, int] = defaultdict(int)
    most_in_flight: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    delay = 0.0
    # Hosts of the capture, for the build test: (scheme, host) -> (status, Location).
    routes = {
        ("http", "fusion.alabama.gov"): (200, ""),
        ("http", "www.azdps.gov"): (301, "https://www.azdps.gov/"),
        ("https", "www.azdps.gov"): (200, ""),
        ("http", "www.arictexas.org"): (302, "http://www.someoneelse.test/"),
        ("http", "www.someoneelse.test"): (200, ""),
        ("http", "www.mbhhsr.org"): (404, ""),
        ("http", "dhsem.state.co.us"): (301, "https://www.colorado.gov/dhsem"),
        ("https", "www.colorado.gov"): (200, ""),
        ("http", "www.sacrtac.org"): (301, "https://www.sacrtac.org/"),
    }

    def log_message(self, *args) -> None:  # quiet
        pass

    def _answer(self) -> None:
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        with self.lock:
            self.log.append((self.command, host, self.path, self.headers.get("User-Agent", "")))
            self.in_flight[host] += 1
            self.most_in_flight[host] = max(self.most_in_flight[host], self.in_flight[host])
        # The request stops counting as in flight before its answer is written: a client sends
        # its next request only once it has the answer, and counted after it (a thread slow to run
        # again on a loaded machine), a next request on a new connection was counted as a second
        # one at once (a fresh clone's first run failed so, with one connection per host).
        try:
            time.sleep(self.delay)
        finally:
            with self.lock:
                self.in_flight[host] -= 1
        self._route(host)

    def _send(self, status: int, location: str = "", body: bytes = b"") -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def _route(self, host: str) -> None:
        path = self.path
        route = self.routes.get(("https" if isinstance(self.connection, ssl.SSLSocket) else "http", host))
        if route:
            return self._send(*route)
        if host == "www.ok.test" and not isinstance(self.connection, ssl.SSLSocket):
            return self._send(301, f"https://www.ok.test{path}")  # http -> https
        if host == "www.moved.test":
            return self._send(302, "https://www.elsewhere.test/new")
        if path == "/old":
            return self._send(301, "/new")
        if path in ("/loop", "/loop2"):
            return self._send(302, "/loop2" if path == "/loop" else "/loop")
        if path.startswith("/chain/"):
            return self._send(302, f"/chain/{int(path[7:]) + 1}")
        if path == "/gone":
            return self._send(404)
        if path == "/broken":
            return self._send(500)
        if path == "/unicode":
            return self._send(301, "/café page")
        if path == "/nolocation":
            return self._send(302)
        if path in ("/nohead", "/nohead501") and self.command == "HEAD":
            return self._send(405 if path == "/nohead" else 501)
        return self._send(200, body=b"<html>PAGE CONTENT MARKER</html>" * 1000)

    do_HEAD = do_GET = _answer


def _server(context: ssl.SSLContext | None = None) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


class World:
    """The servers, the test CA's bundle, and the connect-to map for them."""

    def __init__(self, tmp_path_factory) -> None:
        ca = trustme.CA()
        folder = tmp_path_factory.mktemp("verify-world")
        self.ca_bundle = str(folder / "ca.pem")
        ca.cert_pem.write_to_path(self.ca_bundle)
        valid = ca.issue_cert("www.ok.test", "www.moved.test", "www.elsewhere.test", "www.azdps.gov", "www.colorado.gov")
        now = datetime.datetime.now(datetime.timezone.utc)
        expired = ca.issue_cert("www.expired.test", not_before=now - datetime.timedelta(days=400),
                                not_after=now - datetime.timedelta(days=35))
        contexts = []
        for cert in (valid, expired):
            ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            cert.configure_cert(ctx)
            contexts.append(ctx)
        self.http = _server()
        self.https = _server(contexts[0])
        self.https_expired = _server(contexts[1])
        # Listens but never accepts: the kernel completes the handshake, nothing is ever said.
        self.silent = socket.socket()
        self.silent.bind(("127.0.0.1", 0))
        self.silent.listen(16)
        # Bound but never listening: connections are refused, and the port stays this socket's for the
        # session (closed, another test's server could take it, or a connection to it from this machine
        # could be given it as its own port and reach itself).
        self.refused = socket.socket()
        self.refused.bind(("127.0.0.1", 0))
        self.refused_port = self.refused.getsockname()[1]
        self.dns = DnsServer(ZONE)
        self.silent_dns = DnsServer(ZONE, silent=True)
        http_port = self.http.server_address[1]
        https_port = self.https.server_address[1]
        self.connect_to = {
            ("www.ok.test", 80): ("127.0.0.1", http_port),
            ("www.ok.test", 443): ("127.0.0.1", https_port),
            ("www.moved.test", 443): ("127.0.0.1", https_port),
            ("www.elsewhere.test", 443): ("127.0.0.1", https_port),
            ("www.mismatch.test", 443): ("127.0.0.1", https_port),
            ("www.expired.test", 443): ("127.0.0.1", self.https_expired.server_address[1]),
            ("www.plain.test", 80): ("127.0.0.1", http_port),
            ("www.plain.test", 443): ("127.0.0.1", self.refused_port),
            ("www.silent.test", 443): ("127.0.0.1", self.silent.getsockname()[1]),
            ("www.refused.test", 443): ("127.0.0.1", self.refused_port),
        }
        # The capture's hosts that the build test serves (Handler.routes).
        self.capture_connect_to = [f"{h}:{p}:127.0.0.1:{port}" for h, p, port in (
            ("fusion.alabama.gov", 80, http_port), ("fusion.alabama.gov", 443, self.refused_port),
            ("www.azdps.gov", 80, http_port), ("www.azdps.gov", 443, https_port),
            ("www.arictexas.org", 80, http_port), ("www.someoneelse.test", 80, http_port),
            ("www.mbhhsr.org", 80, http_port), ("dhsem.state.co.us", 80, http_port),
            ("www.colorado.gov", 443, https_port), ("www.sacrtac.org", 80, http_port),
            ("www.sacrtac.org", 443, https_port))]

    def close(self) -> None:
        for server in (self.http, self.https, self.https_expired):
            server.shutdown()
            server.server_close()
        self.silent.close()
        self.refused.close()
        self.dns.close()
        self.silent_dns.close()


_REACHED_OUT: list[str] = []  # what a test tried to reach beyond this machine


def _loopback(address: str, what: str) -> None:
    if not ipaddress.ip_address(address).is_loopback:
        _REACHED_OUT.append(f"{address} ({what})")
        raise AssertionError(f"a verify test tried to reach {address} ({what}): nothing may leave the machine")


@pytest.fixture(scope="session", autouse=True)
def stay_on_this_machine():
    """Every connection and DNS question of these tests goes to 127.0.0.1 or ::1: any other is
    refused before it is sent, and fails the session (dnspython turns the refusal into a timeout)."""
    patch = pytest.MonkeyPatch()
    connect, udp, tcp = socket.create_connection, dns.query.udp, dns.query.tcp

    def create_connection(address, *args, **kwargs):
        _loopback(address[0], f"port {address[1]}")
        return connect(address, *args, **kwargs)

    def query(real, kind):
        def ask(q, where, *args, **kwargs):
            _loopback(where, f"DNS over {kind}")
            return real(q, where, *args, **kwargs)
        return ask

    patch.setattr(socket, "create_connection", create_connection)
    patch.setattr(dns.query, "udp", query(udp, "UDP"))
    patch.setattr(dns.query, "tcp", query(tcp, "TCP"))
    yield
    patch.undo()
    assert not _REACHED_OUT, f"verify tests tried to leave the machine: {_REACHED_OUT}"


@pytest.fixture(scope="session")
def world(tmp_path_factory):
    w = World(tmp_path_factory)
    yield w
    w.close()


@pytest.fixture
def handler_log():
    """The requests the HTTP servers saw during one test."""
    Handler.log.clear()
    Handler.most_in_flight.clear()
    yield Handler.log
    Handler.delay = 0.0


@pytest.fixture
def http_handler():
    """The HTTP servers' handler class: its delay and what it counted."""
    yield Handler
    Handler.delay = 0.0
