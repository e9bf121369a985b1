import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from accounts.tests.factories import PASSWORD
from conftest import free_port

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).parent / "artifacts"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _allow_sync_orm_in_playwright():
    # Playwright's sync API runs an event loop in this thread; the live server's ORM is in its own thread.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def browser_page():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        problems = watch_for_page_errors(page)
        yield page
        browser.close()
    assert not problems, "the pages logged errors:\n" + "\n".join(problems)


# A refused form comes back as 400/409/413/422/429 and htmx swaps it in (base.html's
# responseHandling); Chromium still logs each one as a failed load.
EXPECTED_ANSWER = re.compile(r"Failed to load resource: the server responded with a status of (400|409|413|422|429) ")
# Chromium reports a CSP violation on the console too, but only a `securitypolicyviolation`
# event says which directive and element: record it through a binding every page of the context has.
_REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  const where = event.target && event.target.outerHTML ? event.target.outerHTML.slice(0, 160) : "";
  window.__cspViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile || event.documentURI}:${event.lineNumber} ${where}`);
});
"""


def watch_for_page_errors(page) -> list[str]:
    """Every console error, uncaught exception and CSP violation of the page, as it happens."""
    problems: list[str] = []
    page.expose_function("__cspViolation", lambda text: problems.append(f"CSP violation: {text}"))
    page.add_init_script(_REPORT_CSP_VIOLATIONS)

    def on_console(message) -> None:
        if message.type == "error" and not EXPECTED_ANSWER.match(message.text):
            location = message.location
            problems.append(f"console error at {location.get('url')}:{location.get('lineNumber')}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"uncaught {error.name}: {error.message}"))
    return problems


def log_in(page, url: str, username: str, password: str = PASSWORD) -> None:
    """Logs in through the real form and waits for the dashboard."""
    page.goto(f"{url}/accounts/login")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{url}/")


@pytest.fixture
def asgi_live_server(transactional_db):
    """The app under uvicorn in a thread, as `make run` serves it, plus static files.

    pytest-django's `live_server` is WSGI, which collects an async streaming response
    before sending it: a browser would see a reply arrive in one piece, never token by token.
    """
    import uvicorn
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
    from django.core.asgi import get_asgi_application

    port = free_port()
    # loop="asyncio": uvloop would replace the event loop policy of the whole process (Playwright's too).
    server = uvicorn.Server(uvicorn.Config(ASGIStaticFilesHandler(get_asgi_application()), host="127.0.0.1",
                                           port=port, lifespan="off", loop="asyncio", log_level="warning",
                                           timeout_graceful_shutdown=5))
    thread = threading.Thread(target=server.run, name="asgi-live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield SimpleNamespace(url=f"http://127.0.0.1:{port}")
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def run_db_worker(settings):
    """`manage.py db_worker --batch` in its own process, as production runs it, on the test databases.

    (In the test's thread it could not run: Playwright keeps an event loop running there, which
    the worker's synchronous LLM call refuses to share.)
    """
    from django.db import connection

    def run() -> subprocess.CompletedProcess:
        # Read when it runs, not when the fixture is set up: `fake_ollama` may point the app at itself later.
        db = connection.settings_dict
        auth = f"{db['USER']}:{db['PASSWORD']}@" if db["USER"] else ""
        env = {"DATABASE_URL": f"postgres://{auth}{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}",
               "MONGODB_URI": settings.MONGODB_URI, "MONGODB_DB": settings.MONGODB_DB,
               "OLLAMA_HOST": settings.OLLAMA_HOST, "LLM_TIMEOUT_S": str(settings.LLM_TIMEOUT_S)}
        return subprocess.run([sys.executable, "manage.py", "db_worker", "--batch"], cwd=ROOT,
                              env={**os.environ, **env}, capture_output=True, text=True, timeout=60)

    return run
