"""Login throttling in the shared cache, so every process and replica counts the same failures."""

import time

from django.conf import settings
from django.core.cache import cache


def _now() -> float:
    return time.time()


def _keys(username: str, ip: str) -> tuple[str, str]:
    base = f"login-fail:{username.strip().lower()}:{ip}"
    return f"{base}:count", f"{base}:first"


def seconds_blocked(*, username: str, ip: str) -> int:
    """Seconds until this username+IP may try again; 0 when not blocked."""
    count_key, first_key = _keys(username, ip)
    values = cache.get_many([count_key, first_key])
    if values.get(count_key, 0) < settings.LOGIN_FAILURE_LIMIT or first_key not in values:
        return 0
    remaining = values[first_key] + settings.LOGIN_FAILURE_WINDOW_S - _now()
    return max(1, int(remaining + 0.999)) if remaining > 0 else 0


def record_failure(*, username: str, ip: str) -> None:
    count_key, first_key = _keys(username, ip)
    window = settings.LOGIN_FAILURE_WINDOW_S
    # The window starts at the first failure; both keys expire with it.
    cache.add(first_key, _now(), window)
    cache.add(count_key, 0, window)
    try:
        cache.incr(count_key)
    except ValueError:  # expired between add and incr
        cache.set(count_key, 1, window)


def reset(*, username: str, ip: str) -> None:
    cache.delete_many(list(_keys(username, ip)))


def client_ip(request) -> str:
    # Behind the production proxy REMOTE_ADDR is the proxy; trust X-Forwarded-For only when told to.
    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"
