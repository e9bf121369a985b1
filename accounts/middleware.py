from django.http import HttpRequest, HttpResponse
from django.utils import translation

from onlyjobless.http import SyncAndAsyncMiddleware


def _apply(request: HttpRequest, user) -> None:
    if user is not None and user.is_authenticated:
        translation.activate(user.preferred_language)
        request.LANGUAGE_CODE = user.preferred_language


class UserLanguageMiddleware(SyncAndAsyncMiddleware):
    """After login the user's preferred_language wins over the browser's Accept-Language.

    Sync and async capable: async views (streams) resolve the user with `auser()` instead
    of hopping to a thread.
    """

    def call(self, request: HttpRequest) -> HttpResponse:
        _apply(request, getattr(request, "user", None))
        return self.get_response(request)

    async def acall(self, request: HttpRequest) -> HttpResponse:
        # auser() is cached on the request, so the view's own lookup costs nothing more.
        _apply(request, await request.auser())
        return await self.get_response(request)
