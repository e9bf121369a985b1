"""Placeholder until the responses pages land."""

from django.http import HttpRequest, HttpResponse


def vacancy_responses(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    return HttpResponse("")
