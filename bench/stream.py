"""Streaming benchmark: what the app adds between the model's tokens and the user's browser.

Run from the project root:  python bench/stream.py [--samples 25] [--tokens 50] [--concurrency 50,200]
    [--concurrent-seconds 10] [--history 100,1000,10000]

It measures the path a browser takes (DESIGN.md "Sending an answer"): the htmx POST to
/chats/<id>/messages (saves the answer and an empty reply), then the SSE GET of
/chats/<id>/messages/<mid>/stream, served by uvicorn as `make run` serves it (one
worker) but with production settings (DEBUG off), logged in by session cookie + CSRF.
That path includes what timing `answering.stream_reply` alone would hide: ASGI and
middleware, the session and user lookups in Postgres on both requests, the Mongo round
trips before the model is called, per-token SSE framing, and rendering the final message. The model is the fake Ollama
(`python -m llm.fake`) with a fixed token delay, so whatever is added on top of
"fake direct" (the same fake read through llm.client.stream) is the app's cost. Of that
cost, the database round trips a turn must wait on before its first token are measured
on their own (the app's calls, in its order, through its drivers) and printed apart;
"beyond DB round trips" is what remains. `DB_POOL_MAX_SIZE=0` (in the environment) runs
the app without its Postgres connection pool. Then: many users answering at once (each reply
lasting --concurrent-seconds, as a real model's do), with the app's memory (RSS) idle and at its
peak; and a chat's first page and an answer's TTFT in chats of 100 to 10,000 messages.

Everything it needs starts here and is removed at the end: SecantusDB in memory, a
dedicated Postgres database (migrated, then dropped), the fake model, uvicorn.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

from bench.report import percentile as _percentile, table as _table  # noqa: E402

REPLY_SENTENCE = ("Thanks, that is a clear answer. Could you walk me through how you would measure the "
                  "result and what you would change next time? ")
ANSWER = "I would start by measuring the slow query, then add the index and check the plan again."
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        with socket.socket() as sock:
            sock.settimeout(0.2)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"{what} did not start (exit code {process.poll()})")
        time.sleep(0.05)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime (fields 14, 15)


def _rss_mb(pid: int) -> float:
    """Resident memory of a process (Linux /proc), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def sample_rss(pid: int, stop: asyncio.Event) -> float:
    """The highest RSS of `pid` until `stop`, sampled every 100 ms."""
    peak = _rss_mb(pid)
    while not stop.is_set():
        await asyncio.sleep(0.1)
        peak = max(peak, _rss_mb(pid))
    return peak


# ---------------------------------------------------------------- the pieces the bench starts

@contextmanager
def secantus():
    """An in-memory SecantusDB, as conftest.py starts it; yields its URI."""
    port = _free_port()
    executable = shutil.which("secantusd-py", path=str(BIN)) or "secantusd-py"
    process = subprocess.Popen([executable, "--host", "127.0.0.1", "--port", str(port), "--storage-path", ":memory:",
                                "--log-level", "WARNING"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_port(port, process, "SecantusDB")
        yield f"mongodb://127.0.0.1:{port}/?directConnection=true"
    finally:
        _stop(process)


@contextmanager
def bench_database():
    """A fresh Postgres database on the DATABASE_URL server, migrated; dropped afterwards."""
    import psycopg

    base = urlparse(os.environ.get("DATABASE_URL", "postgres://localhost/onlyjobless"))
    name = f"onlyjobless_bench_{os.getpid()}"
    server = {k: v for k, v in dict(host=base.hostname or "localhost", port=base.port or 5432, user=base.username,
                                     password=base.password).items() if v}
    admin = psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=3, **server)
    admin.execute(f'CREATE DATABASE "{name}"')
    url = urlunparse(base._replace(path=f"/{name}"))
    try:
        started = time.perf_counter()
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, check=True,
                       env={**os.environ, "DATABASE_URL": url})
        print(f"  migrated {name} in {time.perf_counter() - started:.1f} s")
        yield url, name
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@contextmanager
def fake_ollama(port: int, *, token_delay: float, tokens: int):
    """`python -m llm.fake` answering every chat with `tokens` word tokens, `token_delay` apart."""
    words = (REPLY_SENTENCE * (tokens // len(REPLY_SENTENCE.split()) + 1)).split()[:tokens]
    process = subprocess.Popen([sys.executable, "-m", "llm.fake", "--port", str(port), "--token-delay",
                                str(token_delay), "--text", " ".join(words)], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_port(port, process, "the fake Ollama")
        yield
    finally:
        _stop(process)


@contextmanager
def uvicorn(port: int):
    """The app as `make run` serves it (one worker), but with DEBUG off; yields the process."""
    process = subprocess.Popen([str(BIN / "uvicorn"), "onlyjobless.asgi:application", "--host", "127.0.0.1",
                                "--port", str(port), "--lifespan", "off", "--no-access-log", "--log-level", "warning"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=sys.stderr)
    try:
        _wait_for_port(port, process, "uvicorn")
        yield process
    finally:
        _stop(process)


# ---------------------------------------------------------------- measuring

@dataclass
class BenchUser:
    pk: object
    session_key: str  # a logged-in session, sent as the browser's cookie


@dataclass
class Stream:
    ttft: float  # seconds from the start of the request(s) to the first token
    total: float  # to the end of the stream
    tokens: int
    complete: bool
    post: float = 0.0  # the app only: the POST that saves the answer
    error: str = ""  # the app only: what went wrong (a status, an exception), if anything


async def direct_stream() -> Stream:
    """The fake read straight through llm.client.stream: the floor no app can beat."""
    from llm import client as llm

    started = time.perf_counter()
    first, tokens = None, 0
    async for _delta in llm.stream([{"role": "user", "content": ANSWER}]):
        first = first or time.perf_counter()
        tokens += 1
    end = time.perf_counter()
    return Stream(ttft=(first or end) - started, total=end - started, tokens=tokens, complete=True)


async def app_stream(http, chat_id: str) -> Stream:
    """One answer as the browser sends it: htmx POST, then the SSE stream the turn connects to."""
    started = time.perf_counter()
    first, tokens, complete, posted = None, 0, False, started
    try:
        response = await http.post(f"/chats/{chat_id}/messages", data={"content": ANSWER})
        posted = time.perf_counter()
        if response.status_code != 201:
            raise RuntimeError(f"POST answered {response.status_code}: {response.text[:300]}")
        stream_url = re.search(r'sse-connect="([^"]+)"', response.text).group(1)
        async with http.stream("GET", stream_url) as events:
            if events.status_code != 200:
                raise RuntimeError(f"GET stream answered {events.status_code}")
            event, data = None, []
            async for line in events.aiter_lines():
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data:"):
                    data.append(line[6:])
                elif not line and event:
                    if event == "token":
                        first = first or time.perf_counter()
                        tokens += len(" ".join(data).split())  # the fake's tokens are words; an event may carry several
                    elif event == "done":
                        complete = "status-complete" in "\n".join(data)
                    event, data = None, []
    except Exception as error:  # one failed answer is a result to count, not the end of the run
        end = time.perf_counter()
        return Stream(ttft=(first or end) - started, total=end - started, tokens=tokens, complete=False,
                      post=posted - started, error=f"{type(error).__name__}: {error}"[:200])
    end = time.perf_counter()
    return Stream(ttft=(first or end) - started, total=end - started, tokens=tokens, complete=complete,
                  post=posted - started)


def fill_chat(user: BenchUser, size: int) -> str:
    """A coach chat of `size` messages (its greeting, then answers and replies), as a long interview leaves it."""
    from interviews import chats

    chat = new_chat(user)
    for start in range(1, size, 1000):
        chats.insert_messages([
            chats.new_message(chat_id=chat["_id"], user_id=chat["user_id"], role=("user", "assistant")[i % 2],
                              kind=("answer", "reply")[i % 2], content=ANSWER if i % 2 == 0 else REPLY_SENTENCE)
            for i in range(start, min(start + 1000, size))])
    return str(chat["_id"])


async def page_time(http, chat_id: str) -> float:
    started = time.perf_counter()
    response = await http.get(f"/chats/{chat_id}/")
    if response.status_code != 200:
        raise RuntimeError(f"GET page answered {response.status_code}")
    return time.perf_counter() - started


def _client(base_url: str, session_key: str):
    import httpx

    csrf = secrets.token_hex(16)  # 32 characters: Django accepts the raw secret in the header
    return httpx.AsyncClient(base_url=base_url, timeout=30,
                             cookies={"sessionid": session_key, "csrftoken": csrf},
                             headers={"X-CSRFToken": csrf, "HX-Request": "true"})


async def _sequential(make, n: int) -> list[Stream]:
    return [await make() for _ in range(n)]


async def db_costs(user: BenchUser) -> tuple[list[list[str]], dict[str, list[float]]]:
    """Round trips of the calls a turn makes, through the app's own functions and drivers: each call
    alone (table rows), and the ones a turn waits on before its first token, in the app's order
    (seconds per sample: "POST", "GET" and their sum "turn")."""
    from asgiref.sync import sync_to_async
    from bson import ObjectId
    from django.contrib.sessions.models import Session
    from django.db import connection

    from accounts.models import User
    from interviews import chats, prompts

    reps = 100
    chat = new_chat(user)  # a chat of its own, so the streams' chats don't grow
    chat_id, user_id = chat["_id"], chat["user_id"]
    history = [chats.new_message(chat_id=chat_id, user_id=user_id, role="user" if i % 2 else "assistant",
                                 kind="reply", content=REPLY_SENTENCE) for i in range(40)]
    await chats.ainsert_messages(history)
    scratch = ObjectId()  # inserts go elsewhere: the history stays 40 messages long

    async def timed(call) -> list[float]:
        await call()  # warm: connection and server-side caches
        times = []
        for _ in range(reps):
            started = time.perf_counter()
            await call()
            times.append(time.perf_counter() - started)
        return times

    def new_message():
        return chats.new_message(chat_id=scratch, user_id=user_id, role="assistant", kind="reply", content="")

    last = history[-1]["_id"]
    # The prompt's history is read before the reply: by its number where messages have one (the
    # app numbers them since issue #14), else by id.
    before_reply = {"_id": ObjectId(), "seq": history[-1]["seq"] + 1} if "seq" in history[-1] else ObjectId()
    mongo = [
        ("Mongo insert_many, 2 messages, j=True (POST)",
         lambda: chats.ainsert_messages([new_message(), new_message()])),
        ("Mongo find_one_and_update $inc upsert (rate limit)",
         lambda: chats.ahit_rate_limit(key="bench", window_s=3600)),
        ("Mongo find_one_and_update (claim turn)",
         lambda: chats.aclaim_turn(user_id=user_id, chat_id=chat_id, preview=ANSWER)),
        ("Mongo find_one by _id (chat, message)", lambda: chats.aget_message(chat_id=chat_id, message_id=last)),
        ("Mongo find sort _id desc limit 40 (history of 40)",
         lambda: chats.alist_recent_messages(chat_id=chat_id, limit=40, before=before_reply)),
        ("Mongo update_one, j=True (save reply)",
         lambda: chats.afinish_message(message_id=last, content=REPLY_SENTENCE, status="complete", meta={})),
        ("Mongo find stop flags (all a process's streams, every 250 ms)",
         lambda: chats.astop_requested(message_ids=[m["_id"] for m in history])),
    ]
    rows = []
    for label, call in mongo:
        times = await timed(call)
        rows.append([label, _ms(_percentile(times, 0.5)), _ms(_percentile(times, 0.9))])

    def inside_thread(call):
        def run() -> float:  # timed in the thread: the hop there is the app's cost, not the database's
            started = time.perf_counter()
            call()
            return time.perf_counter() - started
        return sync_to_async(run, thread_sensitive=True)

    def pg_checkout():
        connection.ensure_connection()

    # `connection` is per thread: look it up in the thread the ORM calls run in.
    pg_close = sync_to_async(lambda: connection.close(), thread_sensitive=True)

    def pg_session_and_user():
        Session.objects.get(session_key=user.session_key)
        User.objects.get(pk=user.pk)

    def pg_select_1():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")

    pooled = bool(connection.settings_dict["OPTIONS"].get("pool"))
    checkout = ("Postgres pool checkout + health check (every request)" if pooled
                else "Postgres connect (no pool: every request)")
    for label, call, reconnect in [(checkout, pg_checkout, True),
                                   ("Postgres session + user lookup (every request)", pg_session_and_user, False),
                                   ("Postgres SELECT 1 (bare round trip)", pg_select_1, False)]:
        times = []
        for _ in range(reps + 1):
            if reconnect:
                await pg_close()  # back to the pool, or closed
            times.append(await inside_thread(call)())
        times = times[1:]
        rows.append([label, _ms(_percentile(times, 0.5)), _ms(_percentile(times, 0.9))])
    await pg_close()

    # The round trips a turn waits on before its first token, made as the app makes them.
    def pg_request():
        connection.ensure_connection()
        pg_session_and_user()

    async def post_path() -> float:
        await pg_close()
        elapsed = await inside_thread(pg_request)()
        started = time.perf_counter()
        await chats.ahit_rate_limit(key="bench-path", window_s=3600)
        await chats.aclaim_turn(user_id=user_id, chat_id=chat_id, preview=ANSWER)
        await chats.ainsert_messages([new_message(), new_message()])
        return elapsed + time.perf_counter() - started

    async def get_path() -> float:
        await pg_close()
        elapsed = await inside_thread(pg_request)()
        started = time.perf_counter()
        await asyncio.gather(chats.aget_chat(user_id=user_id, chat_id=chat_id),
                             chats.aget_message(chat_id=chat_id, message_id=last),
                             chats.alist_recent_messages(chat_id=chat_id, limit=prompts.HISTORY_LIMIT, before=before_reply))
        return elapsed + time.perf_counter() - started

    await post_path(), await get_path()  # warm
    path = {"POST": [], "GET": []}
    for _ in range(reps):
        path["POST"].append(await post_path())
        path["GET"].append(await get_path())
    await pg_close()
    path["turn"] = [a + b for a, b in zip(path["POST"], path["GET"], strict=True)]
    return rows, path


async def sample_pg_connections(db_name: str, stop: asyncio.Event) -> list[tuple[float, int]]:
    """(time, open connections to the bench database), every 20 ms until `stop`."""
    import psycopg

    samples = []
    async with await psycopg.AsyncConnection.connect(dbname=db_name, autocommit=True) as conn:
        while not stop.is_set():
            row = await (await conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                                            "AND pid <> pg_backend_pid()", [db_name])).fetchone()
            samples.append((time.perf_counter(), row[0]))
            await asyncio.sleep(0.02)
    return samples


def held_while_streaming(samples: list[tuple[float, int]], started: float, streams: list[Stream]) -> str:
    """The most connections open while every stream was past its first token and none had ended."""
    window = (started + max(s.ttft for s in streams), started + min(s.total for s in streams))
    inside = [count for at, count in samples if window[0] <= at <= window[1]]
    return str(max(inside)) if inside else "-"


# ---------------------------------------------------------------- the run

def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onlyjobless.settings")
    import django

    django.setup()


def make_users(n: int) -> list[BenchUser]:
    """n users, each logged in (a session in the database)."""
    from django.db import connections
    from django.test import Client

    from accounts.models import User
    from interviews import chats

    chats.ensure_indexes()
    users = []
    for i in range(n):
        user = User(username=f"bench{i}", email=f"bench{i}@example.com")
        user.set_unusable_password()
        user.save()
        client = Client()
        client.force_login(user)
        users.append(BenchUser(pk=user.pk, session_key=client.cookies["sessionid"].value))
    connections.close_all()
    return users


def new_chat(user: BenchUser) -> dict:
    """A fresh coach chat (greeting only), so every measurement starts from the same history."""
    from interviews import services

    return services.create_free_chat(user_id=str(user.pk), title="Bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=25, help="sequential streams per token delay")
    parser.add_argument("--tokens", type=int, default=50, help="tokens in every reply")
    parser.add_argument("--concurrency", default="50,200", help="streams at once, one per user (comma-separated)")
    parser.add_argument("--concurrent-seconds", type=float, default=10.0, help="how long each concurrent reply lasts")
    parser.add_argument("--history", default="100,1000,10000", help="chat sizes for the page and TTFT rows")
    parser.add_argument("--delays", default="0,20", help="token delays of the fake model, ms")
    args = parser.parse_args()
    delays = [float(d) / 1000 for d in args.delays.split(",")]
    args.levels = [int(n) for n in args.concurrency.split(",")]
    args.sizes = [int(n) for n in args.history.split(",")]
    began = time.perf_counter()

    print(f"stream bench: {args.samples} sequential streams per token delay, {args.tokens} tokens a reply, "
          f"{args.concurrency} concurrent; {os.cpu_count()} CPUs (load average {os.getloadavg()[0]:.1f} at start), "
          f"Python {sys.version.split()[0]}")
    print("path: htmx POST /chats/<id>/messages, then SSE GET .../stream, uvicorn (1 worker, DEBUG off), "
          "SecantusDB in memory, Postgres, fake Ollama in its own process\n")
    with secantus() as mongo_uri, bench_database() as (database_url, db_name):
        fake_port, app_port = _free_port(), _free_port()
        env = {
            "DATABASE_URL": database_url, "MONGODB_URI": mongo_uri, "MONGODB_DB": "onlyjobless_bench",
            "OLLAMA_HOST": f"http://127.0.0.1:{fake_port}", "DEBUG": "false", "SECRET_KEY": secrets.token_hex(32),
            "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "false", "LOG_LEVEL": "WARNING",
            # The product's per-user limits would refuse a benchmark's back-to-back answers.
            "MESSAGES_PER_MINUTE": "1000000", "CHATS_PER_DAY": "1000000", "STREAMS_PER_MINUTE": "1000000",
            # DEBUG off and no collectstatic: WhiteNoise warns; the streaming path serves no static files.
            "PYTHONWARNINGS": "ignore:No directory at",
        }
        setup_django(env)
        # DEBUG off serves the page's static files from the manifest, as a deploy does.
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, check=True,
                       env={**os.environ, **env})
        users = make_users(max(args.levels) + 1)
        base_url = f"http://127.0.0.1:{app_port}"
        results = asyncio.run(run_phases(args, delays, users, base_url, fake_port, app_port, db_name))
    report(args, delays, results)
    print(f"\nbench took {time.perf_counter() - began:.0f} s")


def _close_postgres_pool() -> None:
    from django.db import connection

    connection.close()
    if connection.settings_dict["OPTIONS"].get("pool"):
        connection.close_pool()


async def run_phases(args, delays, users, base_url, fake_port, app_port, db_name) -> dict:
    from asgiref.sync import sync_to_async

    results: dict = {"delays": {}}
    results["db"], results["db_path"] = await db_costs(users[0])
    await sync_to_async(_close_postgres_pool, thread_sensitive=True)()  # from here on only the app's count
    with uvicorn(app_port) as server:
        solo = _client(base_url, users[0].session_key)
        for delay in delays:
            chat_id = str(new_chat(users[0])["_id"])
            with fake_ollama(fake_port, token_delay=delay, tokens=args.tokens):
                direct = await _sequential(direct_stream, args.samples)
                await _sequential(lambda: app_stream(solo, chat_id), 3)  # warm: imports, templates, pools
                cpu_before = _cpu_seconds(server.pid)
                app = await _sequential(lambda: app_stream(solo, chat_id), args.samples)
                cpu = _cpu_seconds(server.pid) - cpu_before
                results["delays"][delay] = {"direct": direct, "app": app, "cpu": cpu}
        results["rss_idle"] = _rss_mb(server.pid)
        with fake_ollama(fake_port, token_delay=0, tokens=args.tokens):
            results["history"] = []
            for size in args.sizes:
                chat_id = await sync_to_async(fill_chat)(users[0], size)
                await page_time(solo, chat_id)  # warm
                pages = [await page_time(solo, chat_id) for _ in range(10)]
                turns = await _sequential(lambda: app_stream(solo, chat_id), 5)  # noqa: B023 (awaited here)
                results["history"].append({"size": size, "pages": pages, "turns": turns})
        delay = args.concurrent_seconds / args.tokens
        results["concurrent"] = []
        crowd_clients = [_client(base_url, user.session_key) for user in users[1:]]
        for level in args.levels:
            crowd = [(client, str(new_chat(user)["_id"])) for client, user in zip(crowd_clients[:level], users[1:], strict=False)]
            with fake_ollama(fake_port, token_delay=delay, tokens=args.tokens):
                started = time.perf_counter()
                direct = await asyncio.gather(*(direct_stream() for _ in crowd))
                direct_wall = time.perf_counter() - started
                stop = asyncio.Event()
                watcher = asyncio.create_task(sample_pg_connections(db_name, stop))
                memory = asyncio.create_task(sample_rss(server.pid, stop))
                cpu_before = _cpu_seconds(server.pid)
                started = time.perf_counter()
                app = await asyncio.gather(*(app_stream(client, chat_id) for client, chat_id in crowd))
                app_wall = time.perf_counter() - started
                cpu = _cpu_seconds(server.pid) - cpu_before
                stop.set()
                results["concurrent"].append({
                    "level": level, "delay": delay, "direct": direct, "direct_wall": direct_wall, "app": app,
                    "app_wall": app_wall, "cpu": cpu, "rss_peak": await memory,
                    "pg_held": held_while_streaming(await watcher, started, app)})
        for client in [solo, *crowd_clients]:
            await client.aclose()
    return results


def report(args, delays, results) -> None:
    print("\nDatabase round trips (engine + driver, no app logic; p50 / p90 of 100):")
    print(_table(["call", "p50", "p90"], results["db"]))
    path = results["db_path"]
    db_before_first_token = statistics.median(path["turn"])
    print("Before its first token a turn waits on: POST: Postgres (connection, session, user) + rate limit + claim "
          "turn + insert;\n  GET stream: Postgres (connection, session, user) + chat, message and history at once. "
          "After the last token: one update.\n  Made in that order, as the app makes them (p50 / p90 of 100): "
          + ", ".join(f"{name} {_ms(_percentile(path[name], 0.5))} / {_ms(_percentile(path[name], 0.9))}"
                      for name in ("POST", "GET", "turn")))

    rows = []
    for delay in delays:
        r = results["delays"][delay]
        direct, app = r["direct"], r["app"]
        d50, d90 = (_percentile([s.ttft for s in direct], q) for q in (0.5, 0.9))
        a50, a90 = (_percentile([s.ttft for s in app], q) for q in (0.5, 0.9))
        overhead = [a.ttft - statistics.median(s.ttft for s in direct) for a in app]
        beyond_db = [o - db_before_first_token for o in overhead]
        tokens = sum(s.tokens for s in app)
        whole_direct, whole_app = statistics.median(s.total for s in direct), statistics.median(s.total for s in app)
        rows.append([
            f"{delay * 1000:.0f} ms",
            f"{_ms(d50)} / {_ms(d90)}",
            f"{_ms(a50)} / {_ms(a90)}",
            f"{_ms(_percentile([s.post for s in app], 0.5))}",
            f"{_ms(_percentile(overhead, 0.5))} / {_ms(_percentile(overhead, 0.9))}",
            f"{_ms(_percentile(beyond_db, 0.5))} / {_ms(_percentile(beyond_db, 0.9))}",
            f"{_ms(whole_direct)} / {_ms(whole_app)}",
            f"{whole_app / whole_direct:.3f}",
            f"{r['cpu'] * 1e6 / tokens:.0f} µs",
            f"{r['cpu'] * 1000 / len(app):.0f} ms",
            "yes" if all(s.complete and s.tokens == args.tokens for s in app) else "NO",
        ])
    print(f"\nOne stream at a time ({args.samples} streams per row; p50 / p90):")
    print(_table(["token delay", "fake direct TTFT", "app TTFT", "app POST", "app overhead", "beyond DB round trips",
                  "whole reply direct / app", "ratio", "app CPU/token", "app CPU/turn", "all complete"], rows))
    print("app TTFT runs from the POST to the first SSE token event; overhead = app TTFT - median direct TTFT;\n"
          "beyond DB round trips = overhead - the turn's round trips before its first token (p50, above); ratio = "
          "whole reply app / direct (medians);\nCPU is the uvicorn process's user+system time over the streams, "
          "divided by the tokens (or turns) it served.")

    rows = []
    for h in results["history"]:
        turns = h["turns"]
        rows.append([f"{h['size']:,}", f"{_ms(_percentile(h['pages'], 0.5))} / {_ms(_percentile(h['pages'], 0.9))}",
                     _ms(_percentile([t.ttft for t in turns], 0.5)),
                     f"{sum(t.complete for t in turns)}/{len(turns)}"])
    print("\nA chat of N messages (token delay 0): its page (GET /chats/<id>/, 10 samples) and an answer's TTFT (5):")
    print(_table(["messages", "page p50 / p90", "TTFT p50", "complete"], rows))

    rows = []
    failures = []
    for c in results["concurrent"]:
        app, direct = c["app"], c["direct"]
        tokens = sum(s.tokens for s in app)
        failed = [s for s in app if s.error]
        failures += failed
        rows.append([f"{c['level']} fake direct", f"{c['direct_wall']:.2f} s",
                     f"{sum(s.complete for s in direct)}/{len(direct)}", "",
                     _ms(_percentile([s.ttft for s in direct], 0.5)), _ms(_percentile([s.ttft for s in direct], 0.99)),
                     "", "", ""])
        rows.append([f"{c['level']} app", f"{c['app_wall']:.2f} s",
                     f"{sum(s.complete and s.tokens == args.tokens for s in app)}/{len(app)}", str(len(failed)),
                     _ms(_percentile([s.ttft for s in app], 0.5)), _ms(_percentile([s.ttft for s in app], 0.99)),
                     f"{c['cpu'] * 1e6 / max(tokens, 1):.0f} µs", c["pg_held"], f"{c['rss_peak']:.0f} MB"])
    c = results["concurrent"][-1]
    print(f"\nConcurrent streams, one per user, each reply {args.tokens} tokens {c['delay'] * 1000:.0f} ms apart "
          f"({args.concurrent_seconds:.0f} s); app RSS idle {results['rss_idle']:.0f} MB:")
    print(_table(["", "wall", "complete", "errors", "TTFT p50", "TTFT p99", "CPU/token", "Postgres conns open",
                  "RSS peak"], rows))
    for stream in failures[:5]:
        print(f"  error: {stream.error}")
    from django.conf import settings

    pool = settings.DATABASES["default"]["OPTIONS"].get("pool")
    print("Postgres conns open: the most connections to the bench database (pg_stat_activity) while every stream "
          "was between\n  its first and last token; DESIGN.md: none may be held by a stream. "
          + (f"With the pool (max {pool['max_size']}) these are its idle connections: a stream holding one\n  would "
             f"leave the other streams waiting for a connection. DB_POOL_MAX_SIZE=0 runs without the pool, where "
             f"any is one held." if pool else "Without a pool, any connection open then is held by a stream."))


if __name__ == "__main__":
    main()
