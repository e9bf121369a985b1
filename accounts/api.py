"""Auth and `me` endpoints: parse, call one service, answer."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from accounts import services
from accounts.models import User

router = Router(tags=["auth"])


class RegisterIn(Schema):
    username: str = Field(min_length=3, max_length=150, pattern=r"^[\w.@+-]+$")
    password: str = Field(min_length=1, max_length=128)
    email: str = Field(default="", max_length=254)
    preferred_language: Literal["en", "ru"] = "en"
    role: Literal["candidate", "employer"] = "candidate"


class UserOut(Schema):
    id: UUID
    username: str
    email: str
    role: str
    preferred_language: str
    preferences: dict
    full_name: str
    current_position: str
    headline: str  # what the resume is headed with: full name (or username) · current position
    age: int | None
    city: str
    phone: str
    telegram_id: str
    hh_url: str
    date_joined: datetime


class TokenIn(Schema):
    username: str = Field(max_length=150)
    password: str = Field(max_length=128)


class TokenPair(Schema):
    access: str
    refresh: str


class RefreshIn(Schema):
    refresh: str = Field(max_length=2000)


class MeUpdateIn(Schema):
    email: str | None = Field(default=None, max_length=254)
    preferred_language: Literal["en", "ru"] | None = None
    preferences: dict | None = None
    full_name: str | None = Field(default=None, max_length=150)
    current_position: str | None = Field(default=None, max_length=150)
    age: int | None = None
    city: str | None = Field(default=None, max_length=100)
    phone: str | None = Field(default=None, max_length=20)
    telegram_id: str | None = Field(default=None, max_length=33)
    hh_url: str | None = Field(default=None, max_length=200)


class PasswordIn(Schema):
    old_password: str = Field(max_length=128)
    new_password: str = Field(max_length=128)


@router.post("/auth/register", auth=None, response={201: UserOut})
def register(request: HttpRequest, payload: RegisterIn):
    user = services.register_user(**payload.dict())
    return Status(201, user)


@router.post("/auth/token", auth=None, response=TokenPair)
def token(request: HttpRequest, payload: TokenIn):
    user = services.log_in(request=request, username=payload.username, password=payload.password)
    return services.issue_tokens(user=user)


@router.post("/auth/token/refresh", auth=None, response=TokenPair)
def refresh(request: HttpRequest, payload: RefreshIn):
    return services.rotate_refresh_token(refresh=payload.refresh)


@router.post("/auth/logout", response={204: None})
def logout(request: HttpRequest, payload: RefreshIn):
    services.log_out_token(user=request.auth, refresh=payload.refresh)
    return Status(204, None)


@router.get("/me", response=UserOut, tags=["me"])
def me(request: HttpRequest) -> User:
    return request.auth


@router.patch("/me", response=UserOut, tags=["me"])
def update_me(request: HttpRequest, payload: MeUpdateIn):
    return services.update_profile(user=request.auth, changes=payload.dict(exclude_unset=True))


@router.delete("/me", response={204: None}, tags=["me"])
def delete_me(request: HttpRequest):
    services.delete_account(user=request.auth)
    return Status(204, None)


@router.post("/me/password", response={204: None}, tags=["me"])
def change_password(request: HttpRequest, payload: PasswordIn):
    services.change_password(user=request.auth, old_password=payload.old_password, new_password=payload.new_password)
    return Status(204, None)
