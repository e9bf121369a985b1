"""Server-sent events, written once for the page's stream (HTML) and the API's (JSON)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse


def sse_event(name: str, data: str, *, event_id: int | None = None) -> bytes:
    """One event; each line of `data` is its own `data:` line, and the browser joins them with "\\n". The
    id, if any, comes back as Last-Event-ID when the client reconnects."""
    lines = "\n".join(f"data: {line}" for line in data.split("\n"))
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {name}\n{lines}\n\n".encode()


def sse_json(name: str, payload: dict, *, event_id: int | None = None) -> bytes:
    """One event carrying `payload` as JSON (one line: JSON escapes its newlines)."""
    return sse_event(name, json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False), event_id=event_id)


def sse_retry(milliseconds: int) -> bytes:
    """How long a client waits before it reconnects on its own."""
    return f"retry: {milliseconds}\n\n".encode()


def sse_response(events: AsyncIterator[bytes]) -> StreamingHttpResponse:
    """The response for a stream of events: never cached, never buffered by a proxy (nginx)."""
    response = StreamingHttpResponse(events, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response
