"""JWT authentication for the JSON API (simplejwt tokens, checked by django-ninja)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from ninja.security import HttpBearer
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken

User = get_user_model()


def _user_id_from(token: str) -> str | None:
    try:
        return AccessToken(token)["user_id"]
    except (TokenError, KeyError):
        return None


class JWTAuth(HttpBearer):
    """Bearer access token → active user; anything else is 401 (handled by ninja)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user_id = _user_id_from(token)
        if user_id is None:
            return None
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is not None:
            request.user = user
        return user


class AsyncJWTAuth(HttpBearer):
    """The same check for async endpoints (streams), without a thread hop."""

    is_async = True

    async def authenticate(self, request: HttpRequest, token: str) -> Any:
        user_id = _user_id_from(token)
        if user_id is None:
            return None
        user = await User.objects.filter(pk=user_id, is_active=True).afirst()
        if user is not None:
            request.user = user
        return user
