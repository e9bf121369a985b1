"""`make run`: start every component the app needs on this machine, then serve it.

Postgres must already run (we create the database if missing). MongoDB (SecantusDB on disk
under var/mongo) and the offline LLM server start here unless MONGODB_URI / OLLAMA_HOST
point elsewhere. Ctrl-C stops every child process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

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


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.3)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _wait_for_port(port: int, process: subprocess.Popen, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not _port_open(port):
        if process.poll() is not None:
            sys.exit(f"{what} exited early (code {process.returncode}); see var/logs/.")
        if time.monotonic() > deadline:
            sys.exit(f"{what} did not start within {timeout:.0f} s; see var/logs/.")
        time.sleep(0.2)


class Children:
    def __init__(self) -> None:
        self.processes: list[tuple[str, subprocess.Popen]] = []
        (VAR / "logs").mkdir(parents=True, exist_ok=True)

    def start(self, name: str, args: list[str], *, log: bool = True) -> subprocess.Popen:
        out = open(VAR / "logs" / f"{name}.log", "ab") if log else None
        process = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT if log else None,
                                   start_new_session=True)
        self.processes.append((name, process))
        return process

    def stop(self) -> None:
        for name, process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for name, process in reversed(self.processes):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def run() -> None:
    # Stop the children on SIGTERM too (not only Ctrl-C), so nothing is left holding the ports.
    signal.signal(signal.SIGTERM, _interrupt)
    started = time.monotonic()
    children = Children()
    try:
        say("Checking PostgreSQL")
        ensure_postgres(create=True)

        if not os.environ.get("MONGODB_URI"):
            if _port_open(MONGO_PORT):
                say(f"Using the MongoDB-compatible server already on port {MONGO_PORT}")
            else:
                say(f"Starting SecantusDB (embedded MongoDB) on 127.0.0.1:{MONGO_PORT}, data in var/mongo")
                (VAR / "mongo").mkdir(parents=True, exist_ok=True)
                secantus = shutil.which("secantusd-py", path=str(BIN)) or "secantusd-py"
                process = children.start("mongo", [secantus, "--host", "127.0.0.1", "--port", str(MONGO_PORT),
                                                   "--storage-path", str(VAR / "mongo"), "--log-level", "WARNING"])
                _wait_for_port(MONGO_PORT, process, "SecantusDB")

        if not os.environ.get("OLLAMA_HOST"):
            if _port_open(LLM_PORT):
                say(f"Using the LLM server already on port {LLM_PORT}")
            else:
                say(f"Starting the offline LLM server (SmolLM2-135M via llama.cpp) on 127.0.0.1:{LLM_PORT}")
                process = children.start("llm", [sys.executable, "-m", "llm.local_server",
                                                 "--host", "127.0.0.1", "--port", str(LLM_PORT)])
                _wait_for_port(LLM_PORT, process, "The LLM server", timeout=120)

        say("Migrating, creating indexes, seeding demo data, collecting static files")
        manage("migrate", "--noinput", "-v", "0")
        manage("ensure_indexes")
        manage("seed_demo")
        manage("seed_salary_corpus")
        manage("train_salary_model", "--if-missing")
        manage("collectstatic", "--noinput", "-v", "0")

        say("Starting the background worker (manage.py db_worker)")
        children.start("worker", [sys.executable, "manage.py", "db_worker"])

        say(f"Set-up took {time.monotonic() - started:.1f} s. Serving on http://127.0.0.1:8000 (Ctrl-C stops everything)")
        server = children.start("web", [str(BIN / "uvicorn"), "onlyjobless.asgi:application", "--host", "127.0.0.1",
                                        "--port", "8000", "--lifespan", "off", "--workers", os.environ.get("WEB_WORKERS", "1")], log=False)
        server.wait()
    except KeyboardInterrupt:
        print()
        say("Stopping")
    finally:
        children.stop()


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
