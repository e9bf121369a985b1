"""Project-wide HTTP headers."""

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.http import HttpRequest, HttpResponse

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


class ContentSecurityPolicyMiddleware:
    """Sync and async capable, so streaming views never hop threads for a header."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest):
        if iscoroutinefunction(self):
            return self._acall(request)
        return _add_policy(request, self.get_response(request))

    async def _acall(self, request: HttpRequest) -> HttpResponse:
        return _add_policy(request, await self.get_response(request))
