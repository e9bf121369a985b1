"""The JSON API: one NinjaAPI, a router per app, errors as {"detail": ...} once, here."""

from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from accounts.api import router as accounts_router
from accounts.tokens import JWTAuth
from applications.api import router as applications_router
from applications.api_board import router as board_router
from applications.api_invites import router as invites_router
from applications.api_screening import router as screening_router
from integrations.api import router as service_router
from interviews.api import router as interviews_router
from interviews.api_personas import router as personas_router
from interviews.api_practice import router as practice_router
from interviews.api_share import router as share_router
from onlyjobless.api_parser import StorableTextParser
from onlyjobless.errors import ServiceError
from replyfeedback.api import router as reply_feedback_router
from resumes.api import router as resumes_router
from salary.api import router as salary_router
from vacancies.api import router as vacancies_router

api = NinjaAPI(
    title="OnlyJobless API",
    version="1.0",
    description="Interview practice, vacancies and hiring. Authenticate with `POST /api/auth/token`.",
    auth=JWTAuth(),
    urls_namespace="api",
    parser=StorableTextParser(),
)


@api.exception_handler(ServiceError)
def on_service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    body = {"detail": exc.detail}
    errors = exc.api_errors()
    if errors is not None:
        body["errors"] = errors
    response = api.create_response(request, body, status=exc.status)
    for name, value in exc.headers.items():
        response[name] = value
    return response


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request, {"detail": "Authentication credentials were missing, invalid or expired."}, status=401
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


def _field_name(loc) -> str | None:
    """`title`, not `body.payload.title`: a body error's location also names the view's parameter."""
    skip = 2 if loc and loc[0] == "body" else 1
    return ".".join(str(part) for part in loc[skip:]) or None


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [{"field": _field_name(error.get("loc", ())), "message": error.get("msg")} for error in exc.errors]
    first = errors[0] if errors else {"field": None, "message": "Invalid input."}
    sentence = f"{first['field']}: {first['message']}" if first["field"] else first["message"]
    return api.create_response(request, {"detail": sentence, "errors": errors}, status=422)


@api.exception_handler(MultiPartParserError)
def on_broken_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    return api.create_response(request, {"detail": f"The multipart body could not be read: {exc}"}, status=400)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc.__cause__, ValidationError):  # ninja wraps what the body parser raises in a 400
        return on_validation_error(request, exc.__cause__)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


api.add_router("/", accounts_router)
api.add_router("/", interviews_router)
api.add_router("/", personas_router)
api.add_router("/", share_router)
api.add_router("/", practice_router)
api.add_router("/", resumes_router)  # before vacancies: /vacancies/matches vs /vacancies/{id}
api.add_router("/", vacancies_router)
api.add_router("/", applications_router)
api.add_router("/", board_router)
api.add_router("/", invites_router)
api.add_router("/", screening_router)
api.add_router("/", salary_router)
api.add_router("/", service_router)
api.add_router("/", reply_feedback_router)
