"""Project-wide middleware: the security policy header, static files, a service's refusal as a page, and
Django's own middleware made to run on the event loop in the async stack (the answer path's requests)."""

from functools import partial

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
from django.contrib.auth.middleware import get_user
from django.contrib.messages.middleware import MessageMiddleware as DjangoMessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import response_for_exception
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.common import CommonMiddleware as DjangoCommonMiddleware
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.shortcuts import render
from django.utils.deprecation import MiddlewareMixin
from whitenoise.middleware import WhiteNoiseMiddleware

from onlyjobless.errors import ServiceError
from onlyjobless.http import SyncAndAsyncMiddleware, release_connections

# Model output and user text end up in pages; a strict policy keeps any markup that slips
# past the sanitiser inert. htmx needs no inline script; we ship none.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def _add_policy(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    # The admin and the API docs bring their own inline scripts and styles.
    if not request.path.startswith(("/admin/", "/api/docs")):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    return response


class ContentSecurityPolicyMiddleware(SyncAndAsyncMiddleware):
    """Sync and async capable, so streaming views never hop threads for a header."""

    def call(self, request: HttpRequest) -> HttpResponse:
        return _add_policy(request, self.get_response(request))

    async def acall(self, request: HttpRequest) -> HttpResponse:
        return _add_policy(request, await self.get_response(request))


class ServiceErrorMiddleware(MiddlewareMixin):
    """A refusal a page view let through, answered once: a missing or foreign object is the 404 page, a
    refused role the 403 page, an outage the 503 page; anything else the error page with its sentence.
    (The API maps the same errors in onlyjobless/api.py.)"""

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ServiceError):
            return None
        if exception.status == 404:
            return response_for_exception(request, Http404(exception.detail))
        if exception.status == 403:
            return response_for_exception(request, PermissionDenied(exception.detail))
        template = "errors/503.html" if exception.status == 503 else "errors/refused.html"
        response = render(request, template, {"detail": exception.detail, "status": exception.status},
                          status=exception.status)
        for name, value in exception.headers.items():
            response[name] = value
        return response


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise that is also async capable.

    WhiteNoise is sync only, and one sync middleware makes Django run the whole stack in a
    thread for every request, hopping back to the event loop for async views (the answer
    path and its streams). Here a request for no static file goes straight on; a static
    file is looked up (on disk when autorefreshing) and opened in a thread.
    """

    sync_capable = True
    async_capable = True

    def __init__(self, get_response) -> None:
        super().__init__(get_response)
        self._prefixes = tuple({self.static_prefix, *(prefix for _root, prefix in self.directories)})
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest):
        if iscoroutinefunction(self):
            return self._acall(request)
        return super().__call__(request)

    async def _acall(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if self.autorefresh:
            static_file = await sync_to_async(self.find_file)(path) if path.startswith(self._prefixes) else None
        else:
            static_file = self.files.get(path)
        if static_file is not None:
            return await sync_to_async(self.serve)(static_file, request)
        return await self.get_response(request)


# ---------------------------------------------------------------- Django's middleware, on the event loop

class OnEventLoop:
    """For a Django `MiddlewareMixin` whose hooks do no I/O: in an async stack they run on the event loop.

    Django runs each hook of such a middleware through `sync_to_async`, a hop to the request's
    thread and back that costs a thread wake-up; the five below would make nine on every request
    of the answer path. A hook that may touch the database in some case says so in
    `response_may_block`, and then hops as Django's does. (Security, CSRF and X-Frame-Options stay
    Django's own: `check --deploy` looks for them by name, and measured, they cost little.)
    """

    async def __acall__(self, request: HttpRequest) -> HttpResponse:
        response = self.process_request(request) if hasattr(self, "process_request") else None
        response = response or await self.get_response(request)
        if not hasattr(self, "process_response"):
            return response
        if self.response_may_block(request, response):
            return await sync_to_async(self.process_response, thread_sensitive=True)(request, response)
        return self.process_response(request, response)

    def response_may_block(self, request: HttpRequest, response: HttpResponse) -> bool:
        return False


class SessionMiddleware(OnEventLoop, DjangoSessionMiddleware):
    def response_may_block(self, request: HttpRequest, response: HttpResponse) -> bool:
        session = getattr(request, "session", None)
        return session is not None and (session.modified or settings.SESSION_SAVE_EVERY_REQUEST)  # it saves


class LocaleMiddleware(OnEventLoop, DjangoLocaleMiddleware):
    pass


class CommonMiddleware(OnEventLoop, DjangoCommonMiddleware):
    pass


class AuthenticationMiddleware(OnEventLoop, DjangoAuthenticationMiddleware):
    """The user is still looked up lazily, but `await request.auser()` reads the session and the user
    in one hop to the request's thread, where Django's makes two."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.auser = partial(_auser, request)


async def _auser(request: HttpRequest):
    if not hasattr(request, "_acached_user"):
        request._acached_user = await sync_to_async(_user_then_release, thread_sensitive=True)(request)
    return request._acached_user


def _user_then_release(request: HttpRequest):
    # Only async views ask this way (the answer path): after the user, they work on MongoDB and the model.
    user = get_user(request)
    release_connections()
    return user


class MessageMiddleware(OnEventLoop, DjangoMessageMiddleware):
    def response_may_block(self, request: HttpRequest, response: HttpResponse) -> bool:
        # Storing messages may read them from the session first; with none shown or added it does nothing.
        storage = getattr(request, "_messages", None)
        return storage is not None and (storage.used or storage.added_new)
