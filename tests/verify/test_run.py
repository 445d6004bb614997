"""`python -m pipeline verify` end to end on a copy of raw/, and the run record.

Cost: about 3 s (two offline reads of the capture to find what to check, and
~150 DNS questions to the local server).
"""
from __future__ import annotations

import csv
import json
import shutil
import time
from pathlib import Path

import pytest

from pipeline.cli import EXIT_NO_NETWORK, main
from pipeline.errors import PipelineError
from pipeline.sources import load_manifest, read_raw_folder, sha256_of
from pipeline.verify.record import parse_run, read_verification, run_text
from tests.conftest import RAW


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def raw_copy(tmp_path) -> Path:
    shutil.copytree(RAW, tmp_path / "raw")
    return tmp_path / "raw"


@pytest.fixture(scope="module")
def verified(world, tmp_path_factory):
    """A verification run of a copy of raw/: alabama's site and mail domain are
    served here, every other name is NXDOMAIN on the local DNS server."""
    raw = tmp_path_factory.mktemp("verified") / "raw"
    shutil.copytree(RAW, raw)
    http_port = world.http.server_address[1]
    code = main(["verify", "--raw", str(raw), "--nameserver", "127.0.0.1:%d" % world.dns.port,
                 "--connect-to", f"fusion.alabama.gov:80:127.0.0.1:{http_port}",
                 "--connect-to", f"fusion.alabama.gov:443:127.0.0.1:{world.refused_port}",
                 "--timeout", "5", "--ca-bundle", world.ca_bundle, "--contact", "data@example.org"])
    return code, raw


def test_run_is_written_and_listed(verified):
    code, raw = verified
    assert code == 0
    files = sorted((raw / "verification").iterdir())
    assert len(files) == 1 and files[0].suffix == ".jsonl"
    name = files[0].relative_to(raw).as_posix()
    entry = load_manifest(raw).by_file()[name]
    assert entry.role == "verification"
    assert entry.sha256 == sha256_of(files[0].read_bytes()) and not entry.retrieved


def test_each_check_is_a_line_a_finding_can_cite(verified):
    _, raw = verified
    path = next((raw / "verification").iterdir())
    v = read_verification(path.read_bytes(), "verification/x.jsonl", "")
    lines = path.read_text().splitlines()
    check, line = v.website("http://fusion.alabama.gov")
    assert json.loads(lines[line - 1])["url"] == "http://fusion.alabama.gov"
    assert check.result == "plain-http-only" and check.https_try.hops[0].error == "refused"
    mail, line = v.mail_domain("alacop.gov")
    assert mail.result == "mx" and json.loads(lines[line - 1])["domain"] == "alacop.gov"
    assert v.run.user_agent.endswith("(contact-data verification; +mailto:data@example.org)")
    assert v.run.resolver == f"127.0.0.1:{v.run.resolver.split(':')[1]}"
    # Every distinct published website and mail domain, once each (as the committed build publishes them).
    with open(RAW.parent / "out" / "fusion_centers.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [c.url for c in v.run.websites] == sorted({r["website"] for r in rows if r["website"]})
    assert [m.domain for m in v.run.mail_domains] == sorted({r["email"].rpartition("@")[2].lower()
                                                             for r in rows if r["email"]})
    assert "PAGE CONTENT MARKER" not in path.read_text()


def test_the_build_reads_no_verification_as_a_document(verified):
    _, raw = verified
    roles = {f.name: f.role for f in read_raw_folder(raw) if not f.name.startswith("reference/")}
    assert list(roles.values()) == ["document", "register", "verification"]  # the capture, the id register


def test_no_network_is_one_line_fast_and_raw_untouched(world, raw_copy, capsys):
    before = tree(raw_copy)
    start = time.monotonic()
    code = main(["verify", "--raw", str(raw_copy), "--nameserver", "127.0.0.1:%d" % world.silent_dns.port,
                 "--timeout", "0.3"])
    assert time.monotonic() - start < 2
    out, err = capsys.readouterr()
    assert code == EXIT_NO_NETWORK and out == ""
    assert err.count("\n") == 1 and err.startswith("verify: no network: the resolver 127.0.0.1:")
    assert tree(raw_copy) == before
    assert not (raw_copy.parent / ".raw.lock").exists()  # not even the lock was taken


def test_without_manifest_the_run_is_kept_and_skipped(world, raw_copy):
    (raw_copy / "manifest.json").unlink()
    code = main(["verify", "--raw", str(raw_copy), "--nameserver", "127.0.0.1:%d" % world.dns.port,
                 "--timeout", "5"])
    assert code == 0 and len(list((raw_copy / "verification").iterdir())) == 1
    roles = {f.name: f.role for f in read_raw_folder(raw_copy) if not f.name.startswith("reference/")}
    assert list(roles.values()) == ["document", "register", "verification"]  # the capture, the id register


@pytest.mark.parametrize("args", [["--connect-to", "a.test:443:127.0.0.1"], ["--nameserver", "dns.test:53"],
                                  ["--contact", "x@y\r\nX-Evil: 1"], ["--ca-bundle", "/no/such/file"],
                                  ["--timeout", "0"]])
def test_bad_options_are_usage_errors(args, capsys):
    with pytest.raises(SystemExit) as e:
        main(["verify", *args])
    assert e.value.code == 2


def test_record_round_trip(verified):
    _, raw = verified
    data = next((raw / "verification").iterdir()).read_bytes()
    assert run_text(parse_run(data, "v.jsonl")).encode() == data


@pytest.mark.parametrize("change, line, message", [
    (lambda ls: ls[:-1], None, "is incomplete"),
    (lambda ls: ls[:1] + ["{not json"] + ls[2:], 2, "is not a JSON object"),
    (lambda ls: [ls[0].replace('"date": "', '"date": "2026')] + ls[1:], 1, "is not of the form YYYY-MM-DD"),
    (lambda ls: ls[:1] + [ls[1].replace('"result": "', '"result": "fine-')] + ls[2:], 2, "is not one of"),
    (lambda ls: ls[:1] + [ls[-1]] + ls[1:-1], None, "a website check after the mail domains"),
])
def test_bad_record_names_its_line(verified, change, line, message):
    _, raw = verified
    lines = next((raw / "verification").iterdir()).read_text().splitlines()
    with pytest.raises(PipelineError, match=message) as e:
        parse_run(("\n".join(change(lines)) + "\n").encode(), "v.jsonl")
    if line is not None:
        assert e.value.line == line


def test_an_interrupt_drops_the_checks_not_begun_and_writes_nothing(world, raw_copy, monkeypatch):
    import pipeline.verify.run as verify_run
    calls = []

    def interrupted(url, net):
        calls.append(url)
        raise KeyboardInterrupt

    monkeypatch.setattr(verify_run, "check_website", interrupted)
    before = tree(raw_copy)
    code = main(["verify", "--raw", str(raw_copy), "--nameserver", "127.0.0.1:%d" % world.dns.port])
    assert code == 130 and tree(raw_copy) == before
    assert len(calls) < 30  # the 47 addresses were not all still asked
