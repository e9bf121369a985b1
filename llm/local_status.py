"""How far `make run` has got with the offline model, shared through one small JSON file.

The devserver writes it (LOCAL_LLM_STATUS_FILE, var/llm-status.json) while it builds
llama.cpp in the background and starts the model server; the chat page reads it to say
why the model does not answer yet. The file names the devserver's pid and the model's
address: one left behind by a devserver that is no longer running, or about a server the
app does not use (OLLAMA_HOST points elsewhere), says nothing and is ignored.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings  # read lazily: writing the file needs no configured Django

BUILDING = "building"  # compiling llama.cpp (first run only)
STARTING = "starting"  # loading the model
READY = "ready"
FAILED = "failed"  # the build or the server failed; the log says why


@dataclass(frozen=True, slots=True)
class Status:
    state: str
    since: float  # epoch seconds when this state began
    usual_minutes: tuple[int, int]  # how long this state usually lasts, low and high
    log: str  # where to read more, relative to the checkout
    host: str  # the model server's address, as OLLAMA_HOST would name it

    @property
    def preparing(self) -> bool:
        return self.state in (BUILDING, STARTING)

    @property
    def minutes_so_far(self) -> int:
        return max(0, int((time.time() - self.since) // 60))


def write(path: Path, *, state: str, host: str, usual_minutes: tuple[int, int] = (0, 1), log: str = "") -> None:
    """Replaces the file in one rename, so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"state": state, "since": time.time(), "usual_minutes": list(usual_minutes),
                                     "log": log, "host": host, "pid": os.getpid()}))
    temporary.replace(path)


def read(path: Path) -> Status | None:
    """The status a running devserver wrote, or None (no file, unreadable, or its writer is gone)."""
    try:
        data = json.loads(path.read_text())
        low, high = data["usual_minutes"]
        status = Status(state=str(data["state"]), since=float(data["since"]), usual_minutes=(int(low), int(high)),
                        log=str(data.get("log") or ""), host=str(data["host"]))
        pid = int(data["pid"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return status if _alive(pid) else None


def current() -> Status | None:
    """The status of the model the app uses while it is not ready yet; None once it is, or when no
    running devserver prepares it."""
    status = read(Path(settings.LOCAL_LLM_STATUS_FILE))
    if status is None or status.state == READY or status.host.rstrip("/") != settings.OLLAMA_HOST.rstrip("/"):
        return None
    return status


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        return True
    return True
