"""Service keys: made in the admin and shown once, stored as SHA-256, checked on every use.

A key reads `oj_<prefix>_<secret>`: the prefix finds its row, the secret's hash is compared in
constant time. A revoked or unknown key is a 401; a key without the endpoint's scope a 403. Every
use with a live key counts against the key's per-minute budget (the shared Postgres counter of
accounts.throttling, so it holds across processes and replicas: 429 with Retry-After beyond it)
and is recorded (ServiceKeyUse, plus a log line).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.throttling import client_ip, hit_limit
from integrations.models import ServiceKey, ServiceKeyUse
from onlyjobless.errors import ServiceError

logger = logging.getLogger(__name__)

PREFIX_BYTES, SECRET_BYTES = 6, 32
WINDOW_S = 60


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(*, name: str, scopes: list[str], created_by=None) -> tuple[ServiceKey, str]:
    """A new key and its full text, returned this once (only its hash is kept)."""
    unknown = set(scopes) - set(ServiceKey.Scope.values)
    if unknown:
        raise ValueError(f"unknown scopes: {sorted(unknown)}")
    prefix, secret = secrets.token_hex(PREFIX_BYTES), secrets.token_urlsafe(SECRET_BYTES)
    key = ServiceKey.objects.create(name=name, prefix=prefix, key_hash=_hash(secret), scopes=sorted(set(scopes)),
                                    created_by=created_by)
    return key, f"oj_{prefix}_{secret}"


def revoke_key(*, key: ServiceKey) -> None:
    ServiceKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def authenticate(raw: str) -> ServiceKey | None:
    """The live key this text is, or None (unknown, malformed or revoked: all the same 401)."""
    parts = (raw or "").split("_", 2)
    if len(parts) != 3 or parts[0] != "oj":
        return None
    key = ServiceKey.objects.filter(prefix=parts[1]).first()
    if key is None or not hmac.compare_digest(key.key_hash, _hash(parts[2])) or key.revoked_at is not None:
        return None
    return key


def use(*, key: ServiceKey, scope: str, request) -> None:
    """Count, check and record one use of `key` for `scope`; raises ServiceError 429 (over budget) or 403.

    Called at the top of each service endpoint, so a refused use is recorded with its status too.
    """
    ip, path = client_ip(request), request.get_full_path()[:300]
    wait = hit_limit(key=f"service-key:{key.pk}", limit=settings.SERVICE_KEY_REQUESTS_PER_MINUTE, window_s=WINDOW_S)
    status = 429 if wait else 200 if scope in key.scopes else 403
    ServiceKeyUse.objects.create(key=key, scope=scope, path=path, status=status, ip=ip)
    ServiceKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    logger.info("Service key %s used for %s %s from %s: %s", key.prefix, scope, path, ip, status)
    if status == 429:
        raise ServiceError(_("This key made too many requests; try again in %(s)d s.") % {"s": wait},
                           headers={"Retry-After": str(wait)}, status=429)
    if status == 403:
        raise ServiceError(_("This key does not have the scope %(scope)s.") % {"scope": scope}, status=403)
