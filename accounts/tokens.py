"""JWT authentication for the JSON API (simplejwt tokens, checked by django-ninja)."""

from typing import Any

from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from ninja.security import HttpBearer
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken

from onlyjobless.http import release_connections

User = get_user_model()


def _claims_from(token: str) -> dict | None:
    """The user and token version an access token names; None for any token that does not verify."""
    try:
        access = AccessToken(token)
        return {"pk": access["user_id"], "token_version": access.get("ver", 0), "is_active": True}
    except (TokenError, KeyError):
        return None


class JWTAuth(HttpBearer):
    """Bearer access token → active user whose token version it carries; anything else is 401 (ninja)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        claims = _claims_from(token)
        if claims is None:
            return None
        user = User.objects.filter(**claims).first()
        if user is not None:
            request.user = user
        return user


def _user_then_release(claims: dict) -> Any:
    # One hop to the request's thread for the lookup and the connection's return (a stream holds none).
    user = User.objects.filter(**claims).first()
    release_connections()
    return user


class AsyncJWTAuth(HttpBearer):
    """The same check for async endpoints (streams), without a thread hop."""

    is_async = True

    async def authenticate(self, request: HttpRequest, token: str) -> Any:
        claims = _claims_from(token)
        if claims is None:
            return None
        user = await sync_to_async(_user_then_release, thread_sensitive=True)(claims)
        if user is not None:
            request.user = user
        return user
