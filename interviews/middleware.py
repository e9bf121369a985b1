"""Pages answer a MongoDB outage (chats.ChatsUnavailable) with a 503 and a sentence, once, here; the API
maps the same error in onlyjobless/api.py."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.deprecation import MiddlewareMixin

from interviews.chats import ChatsUnavailable


class ChatsUnavailableMiddleware(MiddlewareMixin):
    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ChatsUnavailable):
            return None
        return render(request, "errors/503.html", {"detail": exception.detail}, status=exception.status)
