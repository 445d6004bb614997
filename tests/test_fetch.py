"""`python -m pipeline fetch` against a local server on 127.0.0.1.

Every test builds a raw folder in a temporary directory: a copy of the capture
whose page addresses point at the local server (so each page of the capture is
the previous snapshot of one local address) and a manifest naming it. Good
pages must become new snapshots listed in the manifest; every bad download must
leave raw/ byte for byte as it was, be kept aside with its reason, and make the
run exit 1. Nothing here touches the real network.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import shutil
import socket
import threading
import time
from collections import Counter
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pipeline.errors import PipelineError
from pipeline.cli import cmd_fetch, parser
from pipeline.fetch import Settings
from pipeline.fetch.judge import bot_wall_marker
from pipeline.fetch.run import fetch_sources
from pipeline.fetch.save import snapshot_stem
from pipeline.sources import load_manifest, manifest_text, parse_manifest

ROOT = Path(__file__).resolve().parent.parent
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
CAPTURE_NAME = CAPTURE.name
PREVIOUS_DATE = "2026-11-24"
TODAY = "2026-12-01"
ADDRESS_LINE = re.compile(r"^<(?P<url>https?://[^>\s]+)>$")
LIST_URL = "http://www.dhs.gov/fusion-center-locations-and-contact-information"
LISTING_URL = "https://nfcausa.org/default.aspx/MenuItemID/117/MenuGroup/Public+Home.htm"
NETWORK_URL = "http://www.dhs.gov/state-and-major-urban-area-fusion-centers"
FACT_SHEET_URL = "http://www.dhs.gov/national-network-fusion-centers-fact-sheet"
SLOW_SECONDS = 1.0


# --- the capture, read as the source text ------------------------------------

def capture_pages() -> dict[str, str]:
    """Each page of the capture by its address, with its address line."""
    pages: dict[str, str] = {}
    start = 0
    lines = CAPTURE.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        m = ADDRESS_LINE.match(line.strip())
        if m:
            pages[m.group("url")] = "\n".join(lines[start:i + 1]) + "\n"
            start = i + 1
    return pages


PAGES = capture_pages()
BULLETS = [line for line in PAGES[LIST_URL].split("\n") if line.startswith("- ")]


def list_page_keeping(count: int) -> str:
    """The list page with only its first `count` bullets."""
    dropped = set(BULLETS[count:])
    return "\n".join(line for line in PAGES[LIST_URL].split("\n") if line not in dropped)


# --- the local server --------------------------------------------------------

class Site(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, object] = {}
        self.hits: Counter[str] = Counter()
        self.agents: list[str] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def local(self, url: str) -> str:
        """The local address that stands for a capture page's address."""
        return self.base + urlsplit(url).path

    def serve(self, url: str, route) -> None:
        self.routes[urlsplit(url).path] = route


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.hits[self.path] += 1
        self.server.agents.append(self.headers.get("User-Agent", ""))
        route = self.server.routes.get(self.path, not_found)
        try:
            route(self)
        except OSError:
            pass  # the client gave up (the slow reply); nothing to answer

    def log_message(self, *args) -> None:
        pass


def send(h: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str,
         length: int | None = None) -> None:
    h.send_response(status)
    h.send_header("Content-Type", content_type)
    h.send_header("Content-Length", str(len(body) if length is None else length))
    h.end_headers()
    h.wfile.write(body)


def text_page(text: str):
    return lambda h: send(h, 200, text.encode("utf-8"), "text/plain; charset=utf-8")


def html_page(html: str, status: int = 200):
    return lambda h: send(h, status, html.encode("utf-8"), "text/html; charset=utf-8")


ERROR_PAGE = "<!DOCTYPE html><html><body><h1>Internal Server Error</h1></body></html>"
NOT_FOUND_PAGE = "<!DOCTYPE html><html><body><h1>Page Not Found</h1></body></html>"
CAPTCHA_PAGE = ("<!DOCTYPE html><html><head><title>One more step</title></head><body>"
                "<h1>Are you a robot?</h1><p>Please complete the CAPTCHA below to continue.</p></body></html>")
DENIED_PAGE = "<!DOCTYPE html><html><body><h1>Access Denied</h1><p>Reference #18.2f</p></body></html>"
UNRELATED_HTML = ("<!DOCTYPE html><html><head><title>Homeland Security</title></head><body><main>"
                  "<h1>Welcome to the Department of Homeland Security</h1>"
                  "<p>Read the latest news and press releases.</p></main></body></html>")


def server_error(h) -> None:
    send(h, 500, ERROR_PAGE.encode(), "text/html")


def not_found(h) -> None:
    send(h, 404, NOT_FOUND_PAGE.encode(), "text/html")


def slow(h) -> None:
    time.sleep(SLOW_SECONDS)
    send(h, 200, PAGES[LIST_URL].encode(), "text/plain")


TRUNCATED_BODY = PAGES[LIST_URL].encode()[:500]


def truncated(h) -> None:
    send(h, 200, TRUNCATED_BODY, "text/plain", length=len(PAGES[LIST_URL].encode()))


def unannounced(body: bytes):
    """A body sent with no Content-Length, ended by closing the connection."""
    def answer(h) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/plain")
        h.end_headers()
        h.wfile.write(body)
    return answer


def empty(h) -> None:
    send(h, 200, b"", "text/html")


def fail_then(failures: int, route):
    """500 for the first `failures` requests, then `route`."""
    seen = []

    def answer(h) -> None:
        seen.append(1)
        (server_error if len(seen) <= failures else route)(h)
    return answer


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """Requests to 127.0.0.1 must never go through a proxy from the environment."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.setenv("NO_PROXY", "*")


@pytest.fixture
def site():
    server = Site()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


# --- the raw folder ----------------------------------------------------------

def make_raw(tmp_path: Path, site: Site, urls: list[str]) -> Path:
    """A raw folder holding the capture, its addresses pointed at the site,
    with a manifest naming `urls` (capture addresses) for it."""
    raw = tmp_path / "raw"
    raw.mkdir()
    text = CAPTURE.read_text(encoding="utf-8")
    for url in PAGES:
        text = text.replace(f"<{url}>", f"<{site.local(url)}>")
    data = text.encode("utf-8")
    (raw / CAPTURE_NAME).write_bytes(data)
    manifest = {"about": "Test copy of the capture.", "files": [{
        "file": CAPTURE_NAME, "sha256": hashlib.sha256(data).hexdigest(), "form": "text",
        "urls": [site.local(u) for u in urls], "retrieved": PREVIOUS_DATE}]}
    (raw / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return raw


def tree(root: Path) -> dict[str, str]:
    """Every file and folder under root, files with their sha256."""
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(root.rglob("*"))}


def run_cli(raw: Path, rejected: Path, *extra: str) -> int:
    args = parser().parse_args(["fetch", "--raw", str(raw), "--rejected", str(rejected), "--date", TODAY,
                              "--timeout", "5", "--retries", "1", "--backoff", "0.01", *extra])
    return cmd_fetch(args)


def manifest_of(raw: Path) -> dict:
    return json.loads((raw / "manifest.json").read_text(encoding="utf-8"))


def entry_for(raw: Path, url: str) -> dict:
    [entry] = [e for e in manifest_of(raw)["files"] if e.get("url") == url]
    return entry


# --- good pages --------------------------------------------------------------

def test_good_page_becomes_a_listed_snapshot(site, tmp_path, capsys):
    site.serve(LIST_URL, text_page(PAGES[LIST_URL]))
    raw = make_raw(tmp_path, site, [LIST_URL])
    before = tree(raw)

    assert run_cli(raw, tmp_path / "rejected") == 0

    entry = entry_for(raw, site.local(LIST_URL))
    written = (raw / entry["file"]).read_bytes()
    assert written == PAGES[LIST_URL].encode("utf-8")
    assert entry["file"].startswith(f"snapshots/{TODAY}/") and entry["file"].endswith(".txt")
    assert entry["status"] == "ok"
    assert entry["retrieved"] == TODAY
    assert entry["http_status"] == 200
    assert entry["content_type"] == "text/plain; charset=utf-8"
    assert entry["sha256"] == hashlib.sha256(written).hexdigest()
    assert entry["bytes"] == len(written)
    assert entry["form"] == "text"
    assert entry["centers"] == len(BULLETS)
    after = tree(raw)
    assert {k: after.get(k) for k in before if k != "manifest.json"} == {
        k: v for k, v in before.items() if k != "manifest.json"}
    assert set(after) - set(before) == {"snapshots", f"snapshots/{TODAY}", entry["file"]}
    assert not (tmp_path / "rejected").exists()
    assert f"saved: {site.local(LIST_URL)}" in capsys.readouterr().out


def test_old_entry_is_superseded_only_when_every_address_is_fresh(site, tmp_path):
    for url in (LIST_URL, LISTING_URL, NETWORK_URL):
        site.serve(url, text_page(PAGES[url]))
    raw = make_raw(tmp_path, site, [LIST_URL, LISTING_URL, NETWORK_URL, FACT_SHEET_URL])

    assert run_cli(raw, tmp_path / "rejected") == 1  # the fact sheet answers 404

    files = manifest_of(raw)["files"]
    capture_entry = next(e for e in files if e["file"] == CAPTURE_NAME)
    assert "status" not in capture_entry
    assert sorted(e["url"] for e in files if e.get("status") == "ok") == sorted(
        site.local(u) for u in (LIST_URL, LISTING_URL, NETWORK_URL))

    site.serve(FACT_SHEET_URL, text_page(PAGES[FACT_SHEET_URL]))
    assert run_cli(raw, tmp_path / "rejected", "--date", "2026-12-02") == 0
    capture_entry = next(e for e in manifest_of(raw)["files"] if e["file"] == CAPTURE_NAME)
    assert capture_entry["status"] == "superseded"


def test_rerun_on_the_same_day_changes_nothing(site, tmp_path, capsys):
    site.serve(LIST_URL, text_page(PAGES[LIST_URL]))
    raw = make_raw(tmp_path, site, [LIST_URL])
    assert run_cli(raw, tmp_path / "rejected") == 0
    after_first = tree(raw)
    capsys.readouterr()

    assert run_cli(raw, tmp_path / "rejected") == 0

    assert tree(raw) == after_first
    assert f"unchanged: {site.local(LIST_URL)}" in capsys.readouterr().out


def test_a_changed_page_on_the_same_day_gets_a_new_file(site, tmp_path):
    site.serve(LIST_URL, text_page(PAGES[LIST_URL]))
    raw = make_raw(tmp_path, site, [LIST_URL])
    assert run_cli(raw, tmp_path / "rejected") == 0
    first = entry_for(raw, site.local(LIST_URL))
    first_bytes = (raw / first["file"]).read_bytes()

    site.serve(LIST_URL, text_page(PAGES[LIST_URL] + "\n"))
    assert run_cli(raw, tmp_path / "rejected") == 0

    entries = [e for e in manifest_of(raw)["files"] if e.get("url") == site.local(LIST_URL)]
    assert [e["status"] for e in entries] == ["superseded", "ok"]
    assert entries[1]["file"] != first["file"]
    assert (raw / first["file"]).read_bytes() == first_bytes


# --- bad downloads -----------------------------------------------------------

BAD = [
    # id, route, reason words, what is kept aside (None: nothing), requests expected, extra options
    pytest.param(server_error, ["HTTP 500", "2 attempts"], ERROR_PAGE.encode(), 2, [], id="http-500-retried"),
    pytest.param(slow, ["timed out"], None, 1, ["--timeout", "0.3"], id="slow-reply-times-out"),
    pytest.param(truncated, ["truncated", "500 of"], TRUNCATED_BODY, 2, [], id="truncated-body"),
    pytest.param(text_page(PAGES[FACT_SHEET_URL]), ["0 centers", f"{len(BULLETS)} in the last good snapshot"],
                 PAGES[FACT_SHEET_URL].encode(), 1, [], id="unrelated-text-page"),
    pytest.param(html_page(UNRELATED_HTML), ["0 centers", f"{len(BULLETS)} in the last good snapshot"],
                 UNRELATED_HTML.encode(), 1, [], id="unrelated-html-page"),
    pytest.param(text_page(list_page_keeping(math.ceil(len(BULLETS) * 0.8) - 1)), ["fewer than 80%"],
                 list_page_keeping(math.ceil(len(BULLETS) * 0.8) - 1).encode(), 1, [],
                 id="just-under-80-percent-of-centers"),
    pytest.param(empty, ["empty body"], None, 1, [], id="empty-body"),
    pytest.param(html_page(CAPTCHA_PAGE), ["captcha or bot wall", "are you a robot"], CAPTCHA_PAGE.encode(), 1,
                 [], id="captcha-page"),
    pytest.param(html_page(DENIED_PAGE, 403), ["HTTP 403", "bot wall"], DENIED_PAGE.encode(), 1, [],
                 id="http-403-access-denied"),
    pytest.param(html_page(DENIED_PAGE, 429), ["HTTP 429", "bot wall"], DENIED_PAGE.encode(), 1, [],
                 id="http-429-too-many-requests"),
    pytest.param(html_page(DENIED_PAGE), ["captcha or bot wall", "access denied"], DENIED_PAGE.encode(), 1, [],
                 id="access-denied-page-with-200"),
    pytest.param(not_found, ["HTTP 404"], NOT_FOUND_PAGE.encode(), 1, [], id="http-404"),
    pytest.param(text_page(PAGES[LIST_URL]), ["size limit of 1000 bytes", "announced"], None, 1,
                 ["--max-bytes", "1000"], id="announced-size-over-the-limit"),
    pytest.param(unannounced(PAGES[LIST_URL].encode()), ["size limit of 1000 bytes"], PAGES[LIST_URL].encode()[:1000],
                 1, ["--max-bytes", "1000"], id="unannounced-size-over-the-limit"),
]


@pytest.mark.parametrize("route, reason_words, kept, requests, extra", BAD)
def test_bad_download_leaves_raw_untouched(site, tmp_path, capsys, route, reason_words, kept, requests, extra):
    site.serve(LIST_URL, route)
    raw = make_raw(tmp_path, site, [LIST_URL])
    rejected = tmp_path / "fetch-rejected"
    before = tree(raw)

    code = run_cli(raw, rejected, *extra)

    assert code == 1
    assert tree(raw) == before
    assert site.hits[urlsplit(LIST_URL).path] == requests
    url = site.local(LIST_URL)
    [line] = [line for line in capsys.readouterr().err.splitlines() if line.startswith("rejected:")]
    assert url in line
    [note_path] = (rejected / TODAY).glob("*.json")
    note = json.loads(note_path.read_text(encoding="utf-8"))
    assert note["url"] == url
    for word in reason_words:
        assert word.lower() in note["reason"].lower()
        assert word.lower() in line.lower()
    kept_files = [p for p in (rejected / TODAY).iterdir() if p.suffix != ".json"]
    if kept is None:
        assert kept_files == [] and note["kept"] == ""
    else:
        assert [p.read_bytes() for p in kept_files] == [kept]
        assert note["kept"] == kept_files[0].name
        assert note["sha256"] == hashlib.sha256(kept).hexdigest()


@pytest.mark.parametrize("kept_bullets, saved", [
    pytest.param(math.ceil(len(BULLETS) * 0.8), True, id="80-percent-of-the-list-is-kept"),
    pytest.param(math.ceil(len(BULLETS) * 0.8) - 1, False, id="under-80-percent-is-rejected"),
])
def test_centers_threshold(site, tmp_path, kept_bullets, saved):
    site.serve(LIST_URL, text_page(list_page_keeping(kept_bullets)))
    raw = make_raw(tmp_path, site, [LIST_URL])
    run = fetch_sources(raw, tmp_path / "rejected", date.fromisoformat(TODAY), Settings(timeout=5))
    assert [s.centers for s in run.saved] == ([kept_bullets] if saved else [])
    assert len(run.rejected) == (0 if saved else 1)


def test_an_address_with_no_centers_before_accepts_none_now(site, tmp_path):
    site.serve(NETWORK_URL, html_page(UNRELATED_HTML))
    raw = make_raw(tmp_path, site, [NETWORK_URL])
    assert run_cli(raw, tmp_path / "rejected") == 0
    assert entry_for(raw, site.local(NETWORK_URL))["centers"] == 0


def test_good_addresses_are_saved_beside_bad_ones(site, tmp_path, capsys):
    site.serve(LIST_URL, text_page(PAGES[LIST_URL]))
    site.serve(LISTING_URL, html_page(CAPTCHA_PAGE))
    raw = make_raw(tmp_path, site, [LIST_URL, LISTING_URL])
    capture_before = (raw / CAPTURE_NAME).read_bytes()

    assert run_cli(raw, tmp_path / "rejected") == 1

    urls = [e.get("url") for e in manifest_of(raw)["files"]]
    assert site.local(LIST_URL) in urls and site.local(LISTING_URL) not in urls
    assert (raw / CAPTURE_NAME).read_bytes() == capture_before
    assert len(list((raw / "snapshots" / TODAY).iterdir())) == 1
    err = capsys.readouterr().err
    assert f"rejected: {site.local(LISTING_URL)}" in err and "1 saved, 1 rejected" in err


# --- retries -----------------------------------------------------------------

# urllib3's backoff: no wait before the first retry, then 2 x and 4 x the factor.
@pytest.mark.parametrize("route, requests, waits, saved", [
    pytest.param(server_error, 4, [0.02, 0.04], False, id="500-every-time"),
    pytest.param(fail_then(2, text_page(PAGES[LIST_URL])), 3, [0.02], True, id="500-twice-then-good"),
    pytest.param(not_found, 1, [], False, id="404-is-not-retried"),
])
def test_retries_back_off_exponentially(site, tmp_path, monkeypatch, route, requests, waits, saved):
    import urllib3.util.retry
    site.serve(LIST_URL, route)
    raw = make_raw(tmp_path, site, [LIST_URL])
    slept: list[float] = []
    monkeypatch.setattr(urllib3.util.retry.time, "sleep", slept.append)
    settings = Settings(timeout=5, retries=3, backoff=0.01)

    run = fetch_sources(raw, tmp_path / "rejected", date.fromisoformat(TODAY), settings)

    assert site.hits[urlsplit(LIST_URL).path] == requests
    assert slept == pytest.approx(waits)
    assert len(run.saved) == (1 if saved else 0)


def test_unreachable_address_is_rejected_without_a_traceback(tmp_path, capsys):
    with socket.socket() as s:  # a port on which nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(CAPTURE, raw / CAPTURE_NAME)
    manifest = {"files": [{"file": CAPTURE_NAME, "sha256": hashlib.sha256(CAPTURE.read_bytes()).hexdigest(),
                           "urls": [f"http://127.0.0.1:{port}/gone"]}]}
    (raw / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    before = tree(raw)

    assert run_cli(raw, tmp_path / "rejected") == 1

    out = capsys.readouterr()
    assert "could not be reached" in out.err and "Traceback" not in out.err + out.out
    assert tree(raw) == before


def test_requests_name_the_project(site, tmp_path):
    site.serve(LIST_URL, text_page(PAGES[LIST_URL]))
    raw = make_raw(tmp_path, site, [LIST_URL])
    run_cli(raw, tmp_path / "rejected")
    assert site.agents and all(a.startswith("fusion-centers/") for a in site.agents)


def test_rejected_folder_inside_raw_is_refused(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "manifest.json").write_text('{"files": []}', encoding="utf-8")
    with pytest.raises(PipelineError, match="outside the raw folder"):
        fetch_sources(raw, raw / "rejected", date.fromisoformat(TODAY))


# --- manifest and names ------------------------------------------------------

def test_real_manifest_names_the_capture_addresses_and_is_written_back_unchanged():
    text = (ROOT / "raw" / "manifest.json").read_text(encoding="utf-8")
    manifest = load_manifest(ROOT / "raw")
    assert manifest.addresses() == sorted(PAGES)
    assert manifest_text(manifest) == text


def test_rejected_entries_name_no_address_to_fetch():
    manifest = {"files": [{"file": "a.html", "url": "http://a.example/x", "status": "rejected"},
                          {"file": "b.txt", "urls": ["http://b.example/y", "http://a.example/z"]},
                          {"file": "c.html", "url": "http://b.example/y", "status": "superseded"}]}
    assert parse_manifest(manifest, Path("manifest.json")).addresses() == ["http://a.example/z", "http://b.example/y"]


@pytest.mark.parametrize("url, stem", [
    pytest.param(LIST_URL, "www.dhs.gov_fusion-center-locations-and-contact-information", id="dhs-page"),
    pytest.param(LISTING_URL, "nfcausa.org_default-aspx-menuitemid-117-menugroup-public-home-htm", id="nfcausa"),
    pytest.param("http://127.0.0.1:8080/", "127.0.0.1-8080_index", id="port-and-root"),
])
def test_snapshot_stem(url, stem):
    assert snapshot_stem(url, unique=True) == stem


def test_snapshot_stem_with_a_query_carries_a_hash_of_the_address():
    a = snapshot_stem("http://www.dhs.gov/page?id=1", unique=True)
    b = snapshot_stem("http://www.dhs.gov/page?id=2", unique=True)
    assert a != b and a.startswith("www.dhs.gov_page-")


@pytest.mark.parametrize("page, marker", [
    pytest.param(CAPTCHA_PAGE, "Are you a robot", id="captcha-challenge"),
    pytest.param(DENIED_PAGE, "Access Denied", id="access-denied"),
    pytest.param('<html><head><script src="https://www.google.com/recaptcha/api.js"></script></head>'
                 '<body><main><p>Alabama Fusion Center</p></main></body></html>', "", id="captcha-script-only"),
    pytest.param(CAPTURE.read_text(encoding="utf-8"), "", id="the-capture"),
])
def test_bot_wall_marker(page, marker):
    assert bot_wall_marker(page.encode("utf-8")) == marker


def test_fetch_help_names_every_option(capsys):
    with pytest.raises(SystemExit) as exit_:
        parser().parse_args(["fetch", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for option in ("--raw", "--rejected", "--date", "--timeout", "--retries", "--backoff", "--max-bytes"):
        assert option in out


# --- the whole refresh loop --------------------------------------------------

HTML_FIXTURES = {LIST_URL: "dhs_fusion_center_locations.html", LISTING_URL: "nfcausa_contact_listing.html",
                 NETWORK_URL: "dhs_state_and_major_urban_area_fusion_centers.html",
                 FACT_SHEET_URL: "dhs_national_network_fact_sheet.html"}


def test_fetching_the_html_pages_then_building_gives_the_same_centers(site, tmp_path):
    """Serve the HTML renditions of the four pages, fetch them, build: the
    capture is superseded and the snapshots alone give the same 78 centers."""
    from pipeline.build import build
    fixtures = ROOT / "tests" / "fixtures" / "html"
    for url, name in HTML_FIXTURES.items():
        body = (fixtures / name).read_bytes()
        site.serve(url, lambda h, body=body: send(h, 200, body, "text/html; charset=windows-1252"))
    raw = make_raw(tmp_path, site, list(HTML_FIXTURES))
    assert run_cli(raw, tmp_path / "rejected") == 0
    files = manifest_of(raw)["files"]
    assert next(e for e in files if e["file"] == CAPTURE_NAME)["status"] == "superseded"
    assert sorted(e["form"] for e in files if e.get("status") == "ok") == ["html"] * 4

    fresh = build(raw, tmp_path / "out")
    reference = build(ROOT / "raw", tmp_path / "ref")
    assert {d.source for d in fresh.dataset.documents} == {e["file"] for e in files if e.get("status") == "ok"}
    assert len(fresh.dataset.centers) == 78
    assert [_row(c) for c in fresh.dataset.centers] == [_row(c) for c in reference.dataset.centers]


def _row(center) -> tuple[str, ...]:
    """A center's published values, without provenance."""
    values = [center.id, center.name, center.designation, center.city, center.state, center.zip]
    values += [v.value if v else "" for v in (center.value(f) for f in ("phone", "fax", "alt_phone", "toll_free",
                                                                      "email", "website"))]
    return tuple(values)


# --- hostile addresses and servers (issue 10) ---------------------------------

def set_manifest(raw: Path, **top) -> None:
    """Change top-level keys of the raw folder's manifest (or its only entry's
    addresses, with `urls`)."""
    manifest = manifest_of(raw)
    if "urls" in top:
        manifest["files"][0]["urls"] = top.pop("urls")
    manifest.update(top)
    (raw / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


@pytest.mark.parametrize("url", ["file:///etc/hostname", "ftp://127.0.0.1/list.txt"], ids=["file", "ftp"])
def test_an_address_that_is_not_http_is_refused(site, tmp_path, url):
    raw = make_raw(tmp_path, site, [])
    set_manifest(raw, urls=[url])
    before = tree(raw)
    with pytest.raises(PipelineError, match="not an http or https address") as exc:
        run_cli(raw, tmp_path / "rejected")
    assert url in str(exc.value) and "manifest.json" in str(exc.value)
    assert tree(raw) == before


def redirect(to: str):
    def answer(h) -> None:
        h.send_response(302)
        h.send_header("Location", to)
        h.send_header("Content-Length", "0")
        h.end_headers()
    return answer


def test_a_redirect_to_another_host_is_kept_aside(site, tmp_path, capsys):
    elsewhere = f"http://localhost:{site.server_address[1]}/elsewhere"  # the same server under another name
    site.serve(LIST_URL, redirect(elsewhere))
    site.routes["/elsewhere"] = text_page(PAGES[LIST_URL])
    raw = make_raw(tmp_path, site, [LIST_URL])
    before = tree(raw)

    assert run_cli(raw, tmp_path / "rejected") == 1

    assert tree(raw) == before
    [note_path] = (tmp_path / "rejected" / TODAY).glob("*.json")
    note = json.loads(note_path.read_text(encoding="utf-8"))
    assert "another host" in note["reason"] and "localhost" in note["reason"]
    assert note["redirected_to"] == elsewhere
    assert "another host" in capsys.readouterr().err


def test_a_redirect_to_a_host_the_manifest_allows_is_saved(site, tmp_path):
    elsewhere = f"http://localhost:{site.server_address[1]}/elsewhere"
    site.serve(LIST_URL, redirect(elsewhere))
    site.routes["/elsewhere"] = text_page(PAGES[LIST_URL])
    raw = make_raw(tmp_path, site, [LIST_URL])
    set_manifest(raw, redirect_hosts=["localhost"])

    assert run_cli(raw, tmp_path / "rejected") == 0

    assert entry_for(raw, site.local(LIST_URL))["redirected_to"] == elsewhere


def drip(h) -> None:
    """A body of one byte every tenth of a second, for 20 seconds."""
    h.send_response(200)
    h.send_header("Content-Type", "text/plain")
    h.send_header("Content-Length", "200")
    h.end_headers()
    for _ in range(200):
        h.wfile.write(b"x")
        h.wfile.flush()
        time.sleep(0.1)


def test_timeout_is_a_deadline_for_the_whole_download(site, tmp_path):
    site.serve(LIST_URL, drip)
    raw = make_raw(tmp_path, site, [LIST_URL])
    started = time.monotonic()
    code = run_cli(raw, tmp_path / "rejected", "--timeout", "2", "--retries", "3")  # no retry past the deadline
    took = time.monotonic() - started
    assert code == 1
    assert took < 8, f"a 2 s deadline took {took:.1f} s"
    [note_path] = (tmp_path / "rejected" / TODAY).glob("*.json")
    assert "timed out" in json.loads(note_path.read_text(encoding="utf-8"))["reason"]


def gzipped(text: str):
    import gzip
    body = gzip.compress(text.encode("utf-8"), mtime=0)

    def answer(h) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/plain; charset=utf-8")
        h.send_header("Content-Encoding", "gzip")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
    return answer


def test_a_gzip_encoded_download_is_stored_decoded(site, tmp_path):
    site.serve(LIST_URL, gzipped(PAGES[LIST_URL]))
    raw = make_raw(tmp_path, site, [LIST_URL])

    assert run_cli(raw, tmp_path / "rejected") == 0

    entry = entry_for(raw, site.local(LIST_URL))
    assert (raw / entry["file"]).read_bytes() == PAGES[LIST_URL].encode("utf-8")
    assert entry["content_encoding"] == "gzip"
    assert entry["centers"] == len(BULLETS)


def test_a_charset_in_the_header_is_recorded_and_given_to_the_extractor(site, tmp_path, monkeypatch):
    import pipeline.build
    import pipeline.fetch.judge
    from pipeline.build import build
    site.serve(LIST_URL, lambda h: send(h, 200, PAGES[LIST_URL].encode("cp1252"), "text/plain; charset=windows-1252"))
    raw = make_raw(tmp_path, site, [LIST_URL])
    real = pipeline.build.extract_document
    given: dict[str, str] = {}

    def spy(data, source, sha256, *, charset="", **others):
        given[source] = charset
        return real(data, source, sha256)
    monkeypatch.setattr(pipeline.fetch.judge, "extract_document", spy)  # the two places that read documents
    monkeypatch.setattr(pipeline.build, "extract_document", spy)

    assert run_cli(raw, tmp_path / "rejected") == 0
    entry = entry_for(raw, site.local(LIST_URL))
    assert entry["charset"] == "windows-1252"
    assert given[entry["file"]] == "windows-1252"  # when fetch judged the download
    given.clear()
    build(raw, tmp_path / "out")
    assert given == {entry["file"]: "windows-1252"}  # the capture is superseded: not read


def written_snapshots(raw: Path) -> set[str]:
    return {p.relative_to(raw).as_posix() for p in (raw / "snapshots").rglob("*") if p.is_file()} \
        if (raw / "snapshots").exists() else set()


@pytest.mark.parametrize("failing", ["second-snapshot", "manifest"])
def test_a_failure_midway_leaves_raw_as_it_was(site, tmp_path, monkeypatch, failing):
    import os
    for url in (LIST_URL, LISTING_URL):
        site.serve(url, text_page(PAGES[url]))
    raw = make_raw(tmp_path, site, [LIST_URL, LISTING_URL])
    before = tree(raw)
    real, into_raw = os.replace, []

    def replace(src, dst, *args, **kwargs):
        dst = Path(dst)
        if raw.resolve() in dst.resolve().parents:
            into_raw.append(dst)
            if (failing == "manifest" and dst.name == "manifest.json") or \
                    (failing == "second-snapshot" and len(into_raw) == 2):
                raise OSError(28, "No space left on device", str(dst))
        return real(src, dst, *args, **kwargs)
    monkeypatch.setattr(os, "replace", replace)

    with pytest.raises(PipelineError, match="No space left on device"):
        run_cli(raw, tmp_path / "rejected")
    monkeypatch.undo()
    assert tree(raw) == before


def test_two_fetches_at_once_leave_a_raw_folder_that_builds(site, tmp_path):
    from pipeline.sources import read_raw_folder
    served = []

    def changing(h) -> None:  # each request gets other bytes, as a page edited between them would
        served.append(1)
        time.sleep(1.0)
        send(h, 200, (PAGES[LIST_URL] + "\n" * len(served)).encode(), "text/plain")
    site.serve(LIST_URL, changing)
    raw = make_raw(tmp_path, site, [LIST_URL])
    errors: list[Exception] = []

    def fetch() -> None:
        try:
            fetch_sources(raw, tmp_path / "rejected", date.fromisoformat(TODAY), Settings(timeout=10))
        except PipelineError as exc:
            errors.append(exc)
    threads = [threading.Thread(target=fetch) for _ in range(2)]
    for t in threads:
        t.start()
        time.sleep(0.3)
    for t in threads:
        t.join(timeout=60)

    assert all("another fetch" in str(e) for e in errors)
    listed = {e["file"] for e in manifest_of(raw)["files"]}
    assert written_snapshots(raw) <= listed
    read_raw_folder(raw)  # every file listed and unchanged: a build can read it


def test_a_gzip_bomb_stops_at_the_size_limit(site, tmp_path):
    import gzip
    bomb = gzip.compress(b"\0" * 50_000_000, mtime=0)  # 50 MB once decoded, about 50 KB sent

    def answer(h) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/plain")
        h.send_header("Content-Encoding", "gzip")
        h.send_header("Content-Length", str(len(bomb)))
        h.end_headers()
        h.wfile.write(bomb)
    site.serve(LIST_URL, answer)
    raw = make_raw(tmp_path, site, [LIST_URL])
    before = tree(raw)

    assert run_cli(raw, tmp_path / "rejected", "--max-bytes", "100000") == 1

    assert tree(raw) == before
    [note_path] = (tmp_path / "rejected" / TODAY).glob("*.json")
    note = json.loads(note_path.read_text(encoding="utf-8"))
    assert "size limit of 100000 bytes" in note["reason"] and note["bytes"] == 100_000


def test_a_redirect_to_a_local_file_is_not_followed(site, tmp_path):
    site.serve(LIST_URL, redirect("file:///etc/hostname"))
    raw = make_raw(tmp_path, site, [LIST_URL])
    before = tree(raw)
    assert run_cli(raw, tmp_path / "rejected") == 1
    assert tree(raw) == before
    [note_path] = (tmp_path / "rejected" / TODAY).glob("*.json")
    assert "can be fetched" in json.loads(note_path.read_text(encoding="utf-8"))["reason"]
