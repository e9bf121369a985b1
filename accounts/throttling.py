"""Log-in throttling every process shares: counters in PostgreSQL, each attempt one atomic upsert.

Three counters per attempt, each over LOGIN_FAILURE_WINDOW_S:
- a username at an address: LOGIN_FAILURE_LIMIT attempts, then that pair waits out the window. An
  attempt is counted *before* the password is checked, so 20 parallel guesses count as 20 and only
  the first few are checked; a success takes its attempt back.
- an address across usernames: LOGIN_IP_LIMIT, against spraying many usernames from one place.
- a username across addresses: failures beyond LOGIN_USER_BACKOFF_AFTER only slow that username
  down (2, 4, 8 … s, at most LOGIN_USER_BACKOFF_MAX_S between tries), never lock it: a stranger
  elsewhere must not lock its owner out. This one is read then written, so it is approximate under
  parallel guesses; the two counters above are exact.
The address is REMOTE_ADDR, or X-Forwarded-For's nearest untrusted hop when the request comes
from one of TRUSTED_PROXIES (none by default).
"""

import ipaddress
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection

from accounts.models import LoginCounter


def _now() -> float:
    return time.time()


@dataclass
class Count:
    count: int
    window_start: datetime


def _table() -> str:
    return connection.ops.quote_name(LoginCounter._meta.db_table)


def _hit(key: str, now: datetime, window_s: int | None = None) -> Count:
    """Count one attempt of `key`, starting a new window when the last one is over; one statement."""
    stale = now - timedelta(seconds=window_s or settings.LOGIN_FAILURE_WINDOW_S)
    table = _table()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {table} AS c (key, count, window_start, last_at, previous_at)
                VALUES (%(key)s, 1, %(now)s, %(now)s, NULL)
                ON CONFLICT (key) DO UPDATE SET
                    count = CASE WHEN c.window_start < %(stale)s THEN 1 ELSE c.count + 1 END,
                    window_start = CASE WHEN c.window_start < %(stale)s THEN %(now)s ELSE c.window_start END,
                    previous_at = c.last_at,
                    last_at = %(now)s
                RETURNING count, window_start""",
            {"key": key, "now": now, "stale": stale},
        )
        count, window_start = cursor.fetchone()
    return Count(count=count, window_start=window_start)


def _name(username: str) -> str:
    return username.strip().lower()


def _remaining(window_start: datetime, now: datetime) -> int:
    left = (window_start + timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_S) - now).total_seconds()
    return max(1, int(left + 0.999))


def _user_backoff(username: str, now: datetime) -> int:
    row = LoginCounter.objects.filter(key=f"user:{_name(username)}").first()
    if row is None or row.window_start < now - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_S):
        return 0
    excess = row.count - settings.LOGIN_USER_BACKOFF_AFTER
    if excess <= 0:
        return 0
    wait = min(settings.LOGIN_USER_BACKOFF_MAX_S, 2 ** excess)
    left = (row.last_at + timedelta(seconds=wait) - now).total_seconds()
    return max(1, int(left + 0.999)) if left > 0 else 0


def begin_attempt(*, username: str, ip: str) -> int:
    """Count a log-in attempt; returns the seconds to wait (the password must not be checked), or 0."""
    now = datetime.fromtimestamp(_now(), UTC)
    if random.random() < 0.01:  # old windows: cleaned up now and then, never read again anyway
        LoginCounter.objects.filter(last_at__lt=now - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_S)).delete()
    backoff = _user_backoff(username, now)
    if backoff:
        return backoff
    pair = _hit(f"pair:{_name(username)}|{ip}", now)
    address = _hit(f"ip:{ip}", now)
    waits = [0]
    if pair.count > settings.LOGIN_FAILURE_LIMIT:
        waits.append(_remaining(pair.window_start, now))
    if address.count > settings.LOGIN_IP_LIMIT:
        waits.append(_remaining(address.window_start, now))
    return max(waits)


def record_failure(*, username: str, ip: str) -> None:
    """The password was wrong: the username's own counter (the backoff) goes up too."""
    _hit(f"user:{_name(username)}", datetime.fromtimestamp(_now(), UTC))


def record_success(*, username: str, ip: str) -> None:
    """The pair starts afresh and the address gets its attempt back (many people log in behind one NAT)."""
    LoginCounter.objects.filter(key=f"pair:{_name(username)}|{ip}").delete()
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {_table()} SET count = GREATEST(count - 1, 0) WHERE key = %s", [f"ip:{ip}"])


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(network, strict=False) for network in settings.TRUSTED_PROXIES)


def client_ip(request) -> str:
    """The client's address: behind a trusted proxy, the last X-Forwarded-For hop that is not one of
    ours (anything left of it the client may have written itself); otherwise REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if not _trusted(remote):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop):
            return hop
    return remote


def hit_limit(*, key: str, limit: int, window_s: int) -> int:
    """Count one use of `key` (e.g. "salary:<user id>"); returns the seconds until the window ends
    when this use is over `limit`, else 0. The same atomic counter as log-ins: it holds across processes."""
    now = datetime.fromtimestamp(_now(), UTC)
    counted = _hit(f"limit:{key}", now, window_s)
    if counted.count <= limit:
        return 0
    left = (counted.window_start + timedelta(seconds=window_s) - now).total_seconds()
    return max(1, int(left + 0.999))
