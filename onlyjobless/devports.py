"""Which ports `make run`'s servers use, so a second checkout never writes into the first one's.

Each server we start leaves a pid file under var/run/ naming its pid and port. A listener is
reused only when its pid file says it is ours: the process is alive and runs in this
checkout. Anything else on a default port belongs to someone else, and we take a free port.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "var" / "run"


@dataclass(frozen=True, slots=True)
class Port:
    number: int
    ours_running: bool  # a server of this checkout already listens on it: reuse it, start nothing
    default_taken: bool  # the default port was someone else's, so this is another one


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.3)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def choose(name: str, default: int) -> Port:
    """The port for server `name`: ours if it still runs, else the default if free, else a free one."""
    recorded = _read(name)
    if recorded and _ours(recorded["pid"]) and port_open(recorded["port"]):
        return Port(recorded["port"], ours_running=True, default_taken=False)
    forget(name)
    if not port_open(default):
        return Port(default, ours_running=False, default_taken=False)
    return Port(free_port(), ours_running=False, default_taken=True)


def record(name: str, *, pid: int, port: int) -> None:
    RUN.mkdir(parents=True, exist_ok=True)
    (RUN / f"{name}.json").write_text(json.dumps({"pid": pid, "port": port}))


def forget(name: str) -> None:
    (RUN / f"{name}.json").unlink(missing_ok=True)


def lock() -> IO[str] | None:
    """Holds var/run/devserver.lock while this devserver lives (the OS drops it when it dies);
    None when another devserver of this checkout holds it."""
    RUN.mkdir(parents=True, exist_ok=True)
    handle = open(RUN / "devserver.lock", "a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


def _read(name: str) -> dict | None:
    try:
        data = json.loads((RUN / f"{name}.json").read_text())
        return {"pid": int(data["pid"]), "port": int(data["port"])}
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _ours(pid: int) -> bool:
    """Alive and started in this checkout (we start every server with it as the working directory)."""
    try:
        return Path(os.readlink(f"/proc/{pid}/cwd")).resolve() == ROOT
    except OSError:  # gone, or not ours to inspect
        return False
