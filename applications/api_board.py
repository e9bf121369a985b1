"""The employer's responses across all their vacancies (filtered, keyset-paged, CSV) and a vacancy's statistics.
Only the owner's responses are ever read; another employer's vacancy is a 404."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field, model_validator

from applications import board, stats
from applications.api import CandidateBrief, VacancyBrief
from applications.board_views import csv_response

router = Router(tags=["applications"])


class BoardQuery(Schema):
    vacancy: int | None = Field(default=None, ge=1, description="Only this vacancy's responses (yours, or 404).")
    status: Literal["new", "in_chat", "approved", "rejected"] | None = None
    score_min: int | None = Field(default=None, ge=board.SCORE_MIN, le=board.SCORE_MAX)
    score_max: int | None = Field(default=None, ge=board.SCORE_MIN, le=board.SCORE_MAX)
    applied_from: date | None = None
    applied_to: date | None = None
    sort: Literal["-date", "date", "-score", "score"] = board.DEFAULT_SORT

    @model_validator(mode="after")
    def ranges_in_order(self):
        if self.score_min is not None and self.score_max is not None and self.score_min > self.score_max:
            raise ValueError("score_min cannot be above score_max")
        if self.applied_from and self.applied_to and self.applied_from > self.applied_to:
            raise ValueError("applied_from cannot be after applied_to")
        return self

    def filters(self) -> board.Filters:
        return board.Filters(vacancy_id=self.vacancy, status=self.status, score_min=self.score_min,
                             score_max=self.score_max, applied_from=self.applied_from, applied_to=self.applied_to)


class PageQuery(BoardQuery):
    cursor: str = Field(default="", max_length=500, description="`next_cursor` of the previous page.")
    limit: int = Field(default=board.PAGE_SIZE, ge=1, le=board.PAGE_SIZE_MAX)


class BoardItem(Schema):
    id: int
    vacancy: VacancyBrief
    candidate: CandidateBrief
    status: str
    relevance_score: int | None
    skill_match: int | None
    message: str
    created_at: datetime
    screening_finished_at: datetime | None
    decided_at: datetime | None


class BoardPage(Schema):
    items: list[BoardItem]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last one.")


class FunnelStep(Schema):
    stage: str
    label: str
    count: int


class AgreementOut(Schema):
    approvals: int
    agreeing: int = Field(description="Approvals whose score is among the N best of the decided responses "
                                      "(N = approvals).")
    percent: int


class StatsOut(Schema):
    vacancy_id: int
    funnel: list[FunnelStep]
    score_buckets: list[int] = Field(description="Scored responses per 10 points: 0-9, 10-19, …, 90-100.")
    scored: int
    agreement: AgreementOut | None = Field(description="null until a scored response is approved.")


@router.get("/responses", response=BoardPage)
def responses(request: HttpRequest, query: Query[PageQuery]):
    items, next_cursor = board.responses_page(employer=request.auth, filters=query.filters(), sort=query.sort,
                                              cursor=query.cursor, limit=query.limit)
    return {"items": items, "next_cursor": next_cursor}


@router.get("/responses/export", response={200: None}, summary="The filtered responses as CSV")
def export(request: HttpRequest, query: Query[BoardQuery]):
    return csv_response(board.export_csv(employer=request.auth, filters=query.filters(), sort=query.sort))


@router.get("/vacancies/{int:vacancy_id}/stats", response=StatsOut)
def vacancy_stats(request: HttpRequest, vacancy_id: int):
    result = stats.vacancy_stats(employer=request.auth, vacancy_id=vacancy_id)
    return {"vacancy_id": result.vacancy.pk, "scored": result.scored, "score_buckets": result.buckets,
            "funnel": [{"stage": code, "label": label, "count": count} for code, label, count in result.funnel],
            "agreement": result.agreement and {"approvals": result.agreement.approvals,
                                               "agreeing": result.agreement.agreeing,
                                               "percent": result.agreement.percent}}
