"""GET /health: is each part this app needs reachable? Answers within about a second."""

from concurrent.futures import ThreadPoolExecutor

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from interviews import chats
from llm import client as llm_client

TIMEOUT_S = 1.0
_pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="health")


def _postgres() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 1000")
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False
    finally:
        connection.close()  # this runs in a pool thread; don't leak its connection


def _mongodb() -> bool:
    return chats.ping(timeout_ms=int(TIMEOUT_S * 1000))


def _llm() -> bool:
    return llm_client.ping(timeout=TIMEOUT_S)


CHECKS = {"postgres": _postgres, "mongodb": _mongodb, "llm": _llm}


def check_all() -> dict[str, bool]:
    """Each part's name → reachable; within about TIMEOUT_S + 0.5 s, whatever hangs (also for the operator's page)."""
    # The checks run in parallel with their own short timeouts, so one hanging part
    # cannot make the health check itself hang.
    futures = {name: _pool.submit(check) for name, check in CHECKS.items()}
    results = {}
    for name, future in futures.items():
        try:
            results[name] = bool(future.result(timeout=TIMEOUT_S + 0.5))
        except Exception:
            results[name] = False
    return results


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    results = check_all()
    healthy = all(results.values())
    return JsonResponse({"status": "ok" if healthy else "degraded",
                         **{name: "ok" if up else "down" for name, up in results.items()}},
                        status=200 if healthy else 503)
