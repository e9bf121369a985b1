"""Request plumbing every app may use: a POST whose service says no goes back with the reason as a message,
the base of a middleware that runs in a sync or an async stack alike, and handing a request's Postgres
connections back early (the answer path)."""

from __future__ import annotations

import functools
from collections.abc import Callable

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.contrib import messages
from django.db import connections
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from onlyjobless.errors import ServiceError, Unavailable


def refusal_as_message(to: str, **url_kwargs: str) -> Callable:
    """On a ServiceError, flash its sentence and redirect to the URL named `to`, whose arguments are taken from
    the view's (`chat_id="chat_id"`, or renamed: `pk="vacancy_id"`). A missing or foreign object (404), a
    refused role (403) and an outage still reach ServiceErrorMiddleware: there is no page to go back to."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            try:
                return view(request, *args, **kwargs)
            except ServiceError as error:
                if error.status in (403, 404) or isinstance(error, Unavailable):
                    raise
                messages.error(request, error.detail)
                return redirect(to, **{name: kwargs[source] for name, source in url_kwargs.items()})

        return wrapper

    return decorator


class SyncAndAsyncMiddleware:
    """A middleware that runs as the stack does, so an async view (a stream) never hops to a thread for it:
    a subclass writes `call` (sync stack) and `acall` (async stack)."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest):
        return self.acall(request) if iscoroutinefunction(self) else self.call(request)

    def call(self, request: HttpRequest) -> HttpResponse:
        raise NotImplementedError

    async def acall(self, request: HttpRequest) -> HttpResponse:
        raise NotImplementedError


def release_connections() -> None:
    """Hand this thread's Postgres connections back (to the pool, or closed), outside a transaction.

    The answer path's async requests need Postgres only to find the user; what follows (MongoDB, the
    model, a stream of minutes) needs none, and a connection kept until the response ends would be one
    held per open stream: 200 streams would wait on a pool of 20. Anything that does need one later
    takes one again. (Inside a test's transaction it stays.)
    """
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()
