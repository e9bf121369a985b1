"""`make run`'s start: seconds from the command to the first 200 on http://127.0.0.1:WEB_PORT/.

Run from the project root:  python bench/startup.py [--runs 3] [--command "make run"]

The first run may set up (migrate, seed, train); the ones after it are warm starts, whose target
is 10 s on 2 cores. Each run is stopped with Ctrl-C's signal, as a person stops it. The environment
passes through: DATABASE_URL, WEB_PORT, OLLAMA_HOST (set it to an unused port to leave the offline
model out of the measurement).
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

from bench.report import table  # noqa: E402

WARM_TARGET_S = 10.0


def first_200(command: list[str], *, port: int, timeout: float) -> float:
    """Starts `command`, returns the seconds until / answers 200, then stops it and what it started."""
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        while time.monotonic() - started < timeout:
            if process.poll() is not None:
                raise SystemExit(f"{shlex.join(command)} exited with {process.returncode} before serving")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    if response.status == 200:
                        return time.monotonic() - started
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"nothing answered on port {port} within {timeout:.0f} s")
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--command", default=f"{sys.executable} -m onlyjobless.devserver")
    parser.add_argument("--timeout", type=float, default=600)
    options = parser.parse_args()
    port = int(os.environ.get("WEB_PORT", "8000"))
    times = [first_200(shlex.split(options.command), port=port, timeout=options.timeout) for _ in range(options.runs)]
    load = os.getloadavg()[0]
    rows = [[f"run {n}" + (" (may set up)" if n == 1 else ""), f"{seconds:.1f}"] for n, seconds in enumerate(times, 1)]
    print(table(["start", "s to first 200"], rows))
    print(f"load average {load:.1f} on {os.cpu_count()} cores; warm target {WARM_TARGET_S:.0f} s")
    if len(times) > 1 and min(times[1:]) > WARM_TARGET_S:
        raise SystemExit("every warm start missed the target")


if __name__ == "__main__":
    main()
