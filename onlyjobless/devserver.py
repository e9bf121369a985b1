"""`make run`: start every component the app needs on this machine, then serve it.

Postgres must already run (we create the database if missing). MongoDB (SecantusDB on disk
under var/mongo) and the offline LLM server start here unless MONGODB_URI / OLLAMA_HOST
point elsewhere, on ports of this checkout's own (devports). The set-up runs in one process
and skips what is done (devprepare); the offline model is built and started after the site
is up (devllm). Ctrl-C stops every child process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

from onlyjobless import devllm, devports

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
BIN = Path(sys.executable).parent
MONGO_PORT = 27018
LLM_PORT = 11435
POSTGRES_START = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"


def say(message: str) -> None:
    print(f"\033[1;34m==>\033[0m {message}", flush=True)


def _database_url() -> str:
    return os.environ.get("DATABASE_URL", "postgres://localhost/onlyjobless")


def ensure_postgres(*, create: bool) -> None:
    """Fail with the start command when Postgres is unreachable; create the database if asked."""
    import psycopg

    url = urlparse(_database_url())
    name = url.path.lstrip("/") or "onlyjobless"
    server = dict(host=url.hostname or "localhost", port=url.port or 5432, user=url.username, password=url.password)
    server = {key: value for key, value in server.items() if value}
    try:
        conn = psycopg.connect(dbname="postgres", connect_timeout=3, autocommit=True, **server)
    except psycopg.OperationalError as error:
        sys.exit(f"PostgreSQL is not reachable at {server.get('host')}:{server.get('port')} ({error}).\n"
                 f"Start it with:\n    {POSTGRES_START}")
    with conn:
        if create and not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            say(f"Created database {name}")


def _wait_for_port(port: int, process: subprocess.Popen, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not devports.port_open(port):
        if process.poll() is not None:
            sys.exit(f"{what} exited early (code {process.returncode}); see var/logs/.")
        if time.monotonic() > deadline:
            sys.exit(f"{what} did not start within {timeout:.0f} s; see var/logs/.")
        time.sleep(0.1)


class Children:
    def __init__(self) -> None:
        self.processes: list[tuple[str, subprocess.Popen]] = []
        self._lock = threading.Lock()  # the offline model's thread starts children too
        (VAR / "logs").mkdir(parents=True, exist_ok=True)

    def start(self, name: str, args: list[str], *, log: bool = True) -> subprocess.Popen:
        out = open(VAR / "logs" / f"{name}.log", "ab") if log else None
        with self._lock:
            process = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT if log else None,
                                       start_new_session=True)
            self.processes.append((name, process))
        return process

    def stop(self) -> None:
        # Each child leads its own process group: stopping the group also stops what it started
        # (the build's compilers, uvicorn's workers).
        with self._lock:
            running = [(name, process) for name, process in reversed(self.processes) if process.poll() is None]
        for _name, process in running:
            _signal_group(process, signal.SIGTERM)
        for _name, process in running:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
        for name in ("mongo", "llm"):
            devports.forget(name)


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        pass


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _start_mongo(children: Children) -> None:
    """SecantusDB on this checkout's port; MONGODB_URI tells the children where."""
    port = devports.choose("mongo", MONGO_PORT)
    if port.ours_running:
        say(f"Using this checkout's SecantusDB, already on port {port.number}")
    else:
        if port.default_taken:
            say(f"Port {MONGO_PORT} is taken by another program: SecantusDB uses port {port.number} instead")
        say(f"Starting SecantusDB (embedded MongoDB) on 127.0.0.1:{port.number}, data in var/mongo")
        (VAR / "mongo").mkdir(parents=True, exist_ok=True)
        secantus = shutil.which("secantusd-py", path=str(BIN)) or "secantusd-py"
        process = children.start("mongo", [secantus, "--host", "127.0.0.1", "--port", str(port.number),
                                           "--storage-path", str(VAR / "mongo"), "--log-level", "WARNING"])
        devports.record("mongo", pid=process.pid, port=port.number)
        _wait_for_port(port.number, process, "SecantusDB")
    os.environ["MONGODB_URI"] = f"mongodb://127.0.0.1:{port.number}/?directConnection=true"


def run() -> None:
    # Stop the children on SIGTERM too (not only Ctrl-C), so nothing is left holding the ports.
    signal.signal(signal.SIGTERM, _interrupt)
    started = time.monotonic()
    lock = devports.lock()
    if lock is None:
        sys.exit("make run is already running in this checkout (var/run/devserver.lock); stop it first.")
    web_port = int(os.environ.get("WEB_PORT", "8000"))
    if devports.port_open(web_port):
        sys.exit(f"Port {web_port} is in use by another program. Serve on another port: WEB_PORT=8001 make run")
    children = Children()
    try:
        say("Checking PostgreSQL")
        ensure_postgres(create=True)
        if not os.environ.get("MONGODB_URI"):
            _start_mongo(children)

        offline_model = None
        if os.environ.get("OLLAMA_HOST"):
            devllm.STATUS_FILE.unlink(missing_ok=True)
        else:
            offline_model = devllm.OfflineModel(port=devports.choose("llm", LLM_PORT), start=children.start, say=say)
            offline_model.announce()
            os.environ["OLLAMA_HOST"] = offline_model.host

        say("Preparing the database, demo data, salary model and static files (only what changed)")
        subprocess.run([sys.executable, "-m", "onlyjobless.devprepare"], cwd=ROOT, check=True)

        server = children.start("web", [str(BIN / "uvicorn"), "onlyjobless.asgi:application", "--host", "127.0.0.1",
                                        "--port", str(web_port), "--lifespan", "off",
                                        "--workers", os.environ.get("WEB_WORKERS", "1")], log=False)
        _wait_for_port(web_port, server, "The web server")
        say(f"Serving on http://127.0.0.1:{web_port} after {time.monotonic() - started:.1f} s (Ctrl-C stops everything)")
        # The worker and the model start after the site is up: on 2 cores they would slow its start.
        say("Starting the background worker (manage.py db_worker)")
        children.start("worker", [sys.executable, "manage.py", "db_worker"])
        if offline_model is not None:
            offline_model.begin()
        server.wait()
    except KeyboardInterrupt:
        print()
        say("Stopping")
    except subprocess.CalledProcessError as error:
        say(f"Set-up failed ({error.returncode}); see the output above")
    finally:
        children.stop()
        devllm.STATUS_FILE.unlink(missing_ok=True)
        lock.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check-postgres", action="store_true", help="only check that PostgreSQL is reachable")
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onlyjobless.settings")
    os.environ.setdefault("DEBUG", "true")  # a development server, on this machine only
    if options.check_postgres:
        ensure_postgres(create=False)
        return
    run()


if __name__ == "__main__":
    main()
