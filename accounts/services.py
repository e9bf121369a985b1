"""Account actions shared by the pages and the JSON API."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import gettext as _
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from accounts import throttling
from accounts.models import User
from accounts.validators import validate_one_script
from onlyjobless.errors import InvalidFields, ServiceError

PROFILE_FIELDS = ("full_name", "current_position", "email", "preferred_language", "preferences", "age", "city", "phone",
                  "telegram_id", "hh_url")


class AccountError(InvalidFields):
    """Bad input for an account action; `errors` maps field → messages."""


class UsernameTaken(AccountError):
    def __init__(self) -> None:
        super().__init__({"username": [_("This username is already taken.")]}, status=409)


class InvalidCredentials(ServiceError):
    status = 401


class LoginThrottled(ServiceError):
    status = 429

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        minutes = max(1, round(retry_after / 60))
        super().__init__(_("Too many failed log-ins. Try again in about %(minutes)d minute(s).") % {"minutes": minutes},
                         headers={"Retry-After": str(retry_after)})


class InvalidRefreshToken(ServiceError):
    status = 401


def _errors_from(error: ValidationError, *, field: str) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {name: [str(m) for e in errors for m in e.messages] for name, errors in error.error_dict.items()}
    return {field: list(error.messages)}


def register_user(
    *,
    username: str,
    password: str,
    email: str = "",
    role: str = User.Role.CANDIDATE,
    preferred_language: str = User.Language.EN,
) -> User:
    """Create an account; guarantees a unique (case-insensitive) username and a password that passes every rule."""
    user = User(username=username.strip(), email=email.strip(), role=role, preferred_language=preferred_language)
    try:
        user.full_clean(exclude=["password"], validate_unique=False, validate_constraints=False)  # NFKC: "ａｄｍｉｎ" → "admin"
        validate_one_script(user.username)
    except ValidationError as error:
        raise AccountError(_errors_from(error, field="username")) from error
    if User.objects.filter(username__iexact=user.username).exists():
        raise UsernameTaken()
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        raise AccountError({"password": list(error.messages)}) from error
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as error:  # a concurrent registration won the race
        raise UsernameTaken() from error
    return user


def log_in(*, request: HttpRequest, username: str, password: str) -> User:
    """Check credentials with throttling (accounts.throttling): the attempt is counted before the password is checked."""
    ip = throttling.client_ip(request)
    retry_after = throttling.begin_attempt(username=username, ip=ip)
    if retry_after:
        raise LoginThrottled(retry_after)
    user = authenticate(request, username=username, password=password)
    if user is None:
        throttling.record_failure(username=username, ip=ip)
        raise InvalidCredentials(_("Wrong username or password."))
    throttling.record_success(username=username, ip=ip)
    return user


def update_profile(*, user: User, changes: dict) -> User:
    """Apply profile changes all-or-nothing: on any invalid field nothing is saved."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise AccountError({name: [_("This field cannot be changed.")] for name in sorted(unknown)})
    original = {name: getattr(user, name) for name in changes}
    for name in ("full_name", "current_position"):
        if isinstance(changes.get(name), str):  # as the page's form does: no stray or doubled spaces
            changes[name] = " ".join(changes[name].split())
    for name, value in changes.items():
        setattr(user, name, "" if value is None and name not in ("age", "preferences") else value)
    if user.preferences is None:
        user.preferences = {}
    try:
        user.full_clean(exclude=["password", "username"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, value in original.items():
            setattr(user, name, value)
        raise AccountError(_errors_from(error, field="__all__")) from error
    user.save(update_fields=list(changes))
    return user


def issue_tokens(*, user: User) -> dict[str, str]:
    refresh = RefreshToken.for_user(user)
    refresh["ver"] = user.token_version  # copied into the access token
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


def _revoke_access_tokens(user_id) -> None:
    User.objects.filter(pk=user_id).update(token_version=F("token_version") + 1)


def _revoke_all_refresh_tokens(user_id) -> None:
    """Every refresh token of the user, and with the token version every access token already out."""
    outstanding = OutstandingToken.objects.filter(user_id=user_id).exclude(blacklistedtoken__isnull=False)
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in outstanding], ignore_conflicts=True
    )
    _revoke_access_tokens(user_id)


def rotate_refresh_token(*, refresh: str) -> dict[str, str]:
    """New access + refresh for a valid refresh token; the old one is blacklisted.

    A refresh token that was already used (or logged out) is refused, and because a reused
    token means it may have leaked, every refresh token of that user is revoked.
    """
    try:
        token = RefreshToken(refresh)
    except TokenError as error:
        try:
            stale = RefreshToken(refresh, verify=False)
            token_is_ours = OutstandingToken.objects.filter(jti=stale["jti"]).exists()
        except (TokenError, KeyError):
            token_is_ours = False
        if token_is_ours and BlacklistedToken.objects.filter(token__jti=stale["jti"]).exists():
            _revoke_all_refresh_tokens(stale["user_id"])
        raise InvalidRefreshToken(_("The refresh token is invalid, expired or already used.")) from error
    user = User.objects.filter(pk=token["user_id"], is_active=True).first()
    outstanding = OutstandingToken.objects.filter(jti=token["jti"]).first()
    if user is None or outstanding is None:
        raise InvalidRefreshToken(_("The refresh token is invalid, expired or already used."))
    try:
        # The blacklist row is unique per token: of two parallel refreshes one inserts it; the other
        # waits for that commit, then fails, and is a reuse. The new pair is issued in the same
        # transaction, so a reuse's revocation reaches it too.
        with transaction.atomic():
            BlacklistedToken.objects.create(token=outstanding)
            return issue_tokens(user=user)
    except IntegrityError as error:
        _revoke_all_refresh_tokens(user.pk)
        raise InvalidRefreshToken(_("The refresh token is invalid, expired or already used.")) from error


def log_out_token(*, user: User, refresh: str) -> None:
    """Blacklist one of the caller's refresh tokens (another user's token is treated as invalid)."""
    try:
        token = RefreshToken(refresh)
    except TokenError as error:
        raise InvalidRefreshToken(_("The refresh token is invalid, expired or already used.")) from error
    if str(token["user_id"]) != str(user.pk):
        raise InvalidRefreshToken(_("The refresh token is invalid, expired or already used."))
    token.blacklist()
    _revoke_access_tokens(user.pk)  # the access tokens out there stop now, not in 15 minutes


def change_password(*, user: User, old_password: str, new_password: str) -> None:
    """Set a new password after checking the old one; every outstanding refresh token stops working."""
    if not user.check_password(old_password):
        raise AccountError({"old_password": [_("Your old password was entered incorrectly.")]})
    try:
        validate_password(new_password, user=user)
    except ValidationError as error:
        raise AccountError({"new_password": list(error.messages)}) from error
    user.set_password(new_password)
    user.save(update_fields=["password"])
    _revoke_all_refresh_tokens(user.pk)


def delete_account(*, user: User) -> None:
    """Remove the user and their relational data (cascade); apps that keep data elsewhere delete theirs
    on `post_delete` in the same transaction (interviews: chats and messages in MongoDB)."""
    with transaction.atomic():
        user.delete()
