"""One error type for every refusal a person can read: services raise a subclass, the API maps it once
(onlyjobless/api.py) and pages once (onlyjobless.middleware.ServiceErrorMiddleware)."""

from __future__ import annotations

NON_FIELD = "__all__"


class ServiceError(Exception):
    """A refused action. `detail` is the sentence, `status` the HTTP answer (a subclass may fix it as a class
    attribute), `errors` maps a field (or "__all__") to its messages, for inline form errors and the API's
    field list, and `headers` go on the API's answer (Retry-After)."""

    status = 400

    def __init__(self, detail: str, *, status: int | None = None, errors: dict[str, list[str]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        detail = str(detail)  # a lazy translation, in the language active where it is raised
        super().__init__(detail)
        self.detail = detail
        if status is not None:
            self.status = status
        self.errors = errors
        self.headers = headers or {}

    @property
    def field_errors(self) -> dict[str, list[str]]:
        """What a form shows: the field errors, or the sentence as a form-wide one."""
        return self.errors or {NON_FIELD: [self.detail]}

    def api_errors(self) -> list[dict] | None:
        """The API's `errors` list, or None to leave it out of the answer."""
        if self.errors is None:
            return None
        return [{"field": None if field == NON_FIELD else field, "message": message}
                for field, messages in self.errors.items() for message in messages]


class InvalidFields(ServiceError):
    """Bad input, field by field; the sentence is the first message, named by its field."""

    def __init__(self, errors: dict[str, list[str]], *, status: int = 400) -> None:
        field, messages = next(iter(errors.items()))
        super().__init__(messages[0] if field == NON_FIELD else f"{field}: {messages[0]}", status=status,
                         errors=errors)


class Unavailable(ServiceError):
    """A system the action needs is down: the whole page says so (503), not just the form."""

    status = 503
