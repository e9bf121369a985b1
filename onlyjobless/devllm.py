"""The offline model for `make run`: built in the background on the first run, then served.

Compiling llama.cpp takes minutes, so the site does not wait for it: the web app already
points at the model's port, where calls fail at once until the server is up (the interview
goes on meanwhile: the app asks the planned questions, hints and grading are offline). The
build's output goes to var/logs/llm-build.log and a summary line to the console every few
seconds; var/llm-status.json tells the chat page how far it has got.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from llm import local_status
from onlyjobless import devports

ROOT = Path(__file__).resolve().parent.parent
STATUS_FILE = Path(os.environ.get("LOCAL_LLM_STATUS_FILE", ROOT / "var" / "llm-status.json"))  # as settings.py
BUILD_LOG = "var/logs/llm-build.log"
BUILD_MINUTES = (7, 25)  # llama.cpp from source on 2 cores: 7 min idle, 23 min measured on a busy machine
PROGRESS_EVERY_S = 10
SERVER_START_TIMEOUT_S = 300
# Build steps as cmake prints them: "[ 45%] Building C object ..." (make) or "[12/160] ..." (ninja).
_PERCENT = re.compile(r"\[\s*(\d+)%\]")
_STEPS = re.compile(r"\[\s*(\d+)/(\d+)\]")


def installed() -> bool:
    """Whether the Makefile's local-llm target is up to date (llama-cpp-python and the model)."""
    return subprocess.run(["make", "--no-print-directory", "-q", "local-llm"], cwd=ROOT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def build_progress(log_tail: str) -> str:
    """One line on where the build is, from the end of its log."""
    lines = [line.strip() for line in log_tail.splitlines() if line.strip()]
    for line in reversed(lines):
        if match := _STEPS.search(line):
            return f"step {match[1]}/{match[2]}"
        if match := _PERCENT.search(line):
            return f"{match[1]}%"
    return lines[-1][:80] if lines else "starting"


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 60)} min {int(seconds % 60):02d} s"


class OfflineModel:
    """Starts (building first if needed) the offline model server on `port`, in a thread of its own."""

    def __init__(self, *, port: devports.Port, start: Callable[..., subprocess.Popen],
                 say: Callable[[str], None]) -> None:
        self.port = port
        self.host = f"http://127.0.0.1:{port.number}"
        self._start = start
        self._say = say
        self._needs_build = not port.ours_running and not installed()

    def announce(self) -> None:
        """Says what will happen and writes the first status, before the web app reads it."""
        if self.port.ours_running:
            self._say(f"Using this checkout's offline model server, already on port {self.port.number}")
            self._status(local_status.READY)
            return
        if self.port.default_taken:
            self._say(f"Port 11435 is taken by another program: the offline model will use {self.port.number}")
        if self._needs_build:
            self._say(f"The offline model is built after the site is up (llama.cpp, usually {BUILD_MINUTES[0]}-"
                      f"{BUILD_MINUTES[1]} min on 2 cores; set OLLAMA_HOST to skip); log: {BUILD_LOG}")
            self._status(local_status.BUILDING, usual_minutes=BUILD_MINUTES, log=BUILD_LOG)
        else:
            self._status(local_status.STARTING, log="var/logs/llm.log")

    def begin(self) -> None:
        if not self.port.ours_running:
            threading.Thread(target=self._prepare, name="offline-model", daemon=True).start()

    def _status(self, state: str, **details) -> None:
        local_status.write(STATUS_FILE, state=state, host=self.host, **details)

    def _prepare(self) -> None:
        started = time.monotonic()
        if self._needs_build and not self._build(started):
            return
        self._status(local_status.STARTING, log="var/logs/llm.log")
        server = self._start("llm", [sys.executable, "-m", "llm.local_server", "--host", "127.0.0.1",
                                     "--port", str(self.port.number)])
        devports.record("llm", pid=server.pid, port=self.port.number)
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not devports.port_open(self.port.number):
            if server.poll() is not None or time.monotonic() > deadline:
                self._status(local_status.FAILED, log="var/logs/llm.log")
                self._say("The offline model server did not start; see var/logs/llm.log")
                return
            time.sleep(0.5)
        self._status(local_status.READY)
        self._say(f"The offline model is ready on {self.host} ({_minutes(time.monotonic() - started)} after start)")

    def _build(self, started: float) -> bool:
        log = ROOT / BUILD_LOG
        log.unlink(missing_ok=True)
        build = self._start("llm-build", ["make", "--no-print-directory", "local-llm"])
        last_said = time.monotonic()
        while build.poll() is None:
            time.sleep(1)
            if time.monotonic() - last_said >= PROGRESS_EVERY_S:
                last_said = time.monotonic()
                self._say(f"Offline model: building llama.cpp, {build_progress(_tail(log))}, "
                          f"{_minutes(last_said - started)} so far (usually {BUILD_MINUTES[0]}-{BUILD_MINUTES[1]} min)")
        if build.returncode != 0:
            self._status(local_status.FAILED, log=BUILD_LOG)
            self._say(f"The offline model's build failed (code {build.returncode}); see {BUILD_LOG}. "
                      "The site keeps working without it; set OLLAMA_HOST to use another Ollama server.")
            return False
        self._say(f"Offline model built in {_minutes(time.monotonic() - started)}; starting it")
        return True


def _tail(path: Path, size: int = 4096) -> str:
    try:
        with open(path, "rb") as handle:
            handle.seek(0, 2)
            handle.seek(max(0, handle.tell() - size))
            return handle.read().decode(errors="replace")
    except OSError:
        return ""
