"""Salary endpoints: parse, call one service, answer."""

from datetime import datetime
from typing import Annotated

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from salary import services
from salary.models import SalaryPrediction

router = Router(tags=["salary"])

HISTORY_PAGE_SIZE = 20


class PredictIn(Schema):
    title: str = Field(max_length=services.TITLE_MAX_CHARS, examples=["Senior Python developer"])
    description: str = Field(default="", max_length=services.DESCRIPTION_MAX_CHARS)
    skills: list[Annotated[str, Field(max_length=services.SKILL_MAX_CHARS)]] = Field(
        default_factory=list, max_length=services.SKILLS_MAX, examples=[["Python", "Django", "PostgreSQL"]])
    location: str = Field(default="", max_length=services.LOCATION_MAX_CHARS, examples=["Moscow"])


class PredictionOut(Schema):
    salary_from: int
    salary_to: int
    currency: str
    model_version: str


class HistoryItem(PredictionOut):
    id: int
    title: str
    description: str
    skills: list[str]
    location: str
    latency_ms: float
    created_at: datetime


class HistoryPage(Schema):
    items: list[HistoryItem]
    count: int


class HistoryQuery(Schema):
    page: int = Field(default=1, ge=1, le=10_000)


@router.post("/salary/predict", response=PredictionOut)
def predict(request: HttpRequest, payload: PredictIn):
    """A monthly salary range for a job; `salary_from <= salary_to`, both positive and rounded."""
    return services.predict_salary(user=request.auth, **payload.dict())


@router.get("/salary/history", response=HistoryPage)
def history(request: HttpRequest, query: Query[HistoryQuery]):
    """The caller's own predictions, newest first, 20 a page."""
    predictions = SalaryPrediction.objects.for_user(request.auth)
    start = (query.page - 1) * HISTORY_PAGE_SIZE
    return {"items": list(predictions[start:start + HISTORY_PAGE_SIZE]), "count": predictions.count()}
