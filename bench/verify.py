"""Benchmark: how long `python -m pipeline verify` takes over the capture's
47 websites and 76 mail domains when every server answers at once.

Run: .venv/bin/python bench/verify.py [--repeat 3]

The servers are the tests' own (tests/verify/conftest.py: a DNS server, HTTP
and HTTPS servers, all on 127.0.0.1), so nothing leaves the machine and the
figure is the pipeline's own cost, not the internet's: the offline read of
raw/ that finds what to check, then every check, four at a time. Each run
verifies a fresh copy of raw/ in this process; the first run also pays for
the imports. Prints the seconds of each run and their median.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.cli import main  # noqa: E402
from tests.verify.conftest import World  # noqa: E402


class _Folders:
    """The one method of pytest's tmp_path_factory that World uses."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def mktemp(self, name: str) -> Path:
        path = Path(tempfile.mkdtemp(prefix=name, dir=self.root))
        return path


def run(repeat: int) -> list[float]:
    """Seconds of each verify run."""
    with tempfile.TemporaryDirectory() as scratch:
        world = World(_Folders(Path(scratch)))
        try:
            times = []
            for _ in range(repeat):
                raw = Path(tempfile.mkdtemp(dir=scratch)) / "raw"
                shutil.copytree(ROOT / "raw", raw)
                args = ["verify", "--raw", str(raw), "--nameserver", f"127.0.0.1:{world.dns.port}",
                        "--timeout", "5", "--ca-bundle", world.ca_bundle]
                for pair in world.capture_connect_to:
                    args += ["--connect-to", pair]
                start = time.monotonic()
                with contextlib.redirect_stdout(io.StringIO()):
                    code = main(args)
                times.append(time.monotonic() - start)
                if code != 0:
                    raise SystemExit(f"verify exited {code}")
            return times
        finally:
            world.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    times = run(parser.parse_args().repeat)
    print(f"verify over the capture against local servers: {', '.join(f'{t:.2f}' for t in times)} s "
          f"(median {statistics.median(times):.2f} s; the first run includes the imports)")
