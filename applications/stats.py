"""What a vacancy's responses add up to, for its owner: the funnel, the score distribution, and how far the
employer's approvals agree with the AI ranking.

Agreement: with k approvals among the decided, scored responses, an approval agrees when its score
is at least the k-th best score among those decided responses (ties count for the approval). So 100 %
means the employer approved exactly the responses the AI ranked highest; a low share means the
decisions follow something the screening does not measure, which is worth knowing either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from applications.models import Application, Invite
from applications.services import ApplicationError
from vacancies.models import Vacancy

BUCKET = 10  # score points per bar: 0-9, 10-19, …, 90-100
DECIDED = (Application.Status.APPROVED, Application.Status.REJECTED)


@dataclass(frozen=True)
class Agreement:
    approvals: int
    agreeing: int

    @property
    def percent(self) -> int:
        return round(100 * self.agreeing / self.approvals)


@dataclass
class VacancyStats:
    vacancy: Vacancy
    funnel: list[tuple[str, str, int]] = field(default_factory=list)  # (code, label, count)
    buckets: list[int] = field(default_factory=list)  # responses per BUCKET of score, 10 of them
    scored: int = 0
    agreement: Agreement | None = None  # None: no approval of a scored response yet

    @property
    def widest_step(self) -> int:
        """The funnel's bars share one scale (applied can exceed invited: not everyone was invited)."""
        return max([count for _code, _label, count in self.funnel] + [1])


def agreement(scored_decisions: list[tuple[int, bool]]) -> Agreement | None:
    """(score, approved) of decided, scored responses → how many approvals sit in the AI's top k."""
    approvals = [score for score, approved in scored_decisions if approved]
    if not approvals:
        return None
    threshold = sorted((score for score, _approved in scored_decisions), reverse=True)[len(approvals) - 1]
    return Agreement(approvals=len(approvals), agreeing=sum(score >= threshold for score in approvals))


def _funnel(vacancy: Vacancy, responses) -> list[tuple[str, str, int]]:
    """Invited counts the links sent (revoked ones too: they were sent); applied counts everyone who
    applied, invited or not."""
    invited = Invite.objects.filter(vacancy=vacancy).count()
    counts = responses.aggregate(
        applied=Count("id"),
        screened=Count("id", filter=Q(screening_finished_at__isnull=False)
                       | Q(assessment_status=Application.Assessment.READY)),
        decided=Count("id", filter=Q(status__in=DECIDED)),
    )
    return [("invited", _("Invited"), invited), ("applied", _("Applied"), counts["applied"]), ("screened", _("Screened"), counts["screened"]),
            ("decided", _("Decided"), counts["decided"])]


def _buckets(responses) -> list[int]:
    counts = responses.aggregate(**{
        f"b{start}": Count("id", filter=Q(relevance_score__gte=start, relevance_score__lt=start + BUCKET)
                           if start + BUCKET < 100 else Q(relevance_score__gte=start))
        for start in range(0, 100, BUCKET)
    })
    return [counts[f"b{start}"] for start in range(0, 100, BUCKET)]


def vacancy_stats(*, employer, vacancy_id: int) -> VacancyStats:
    """The owner's view of one vacancy's responses; another employer's vacancy is a 404."""
    vacancy = Vacancy.objects.for_owner(employer).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise ApplicationError(_("Vacancy not found."), status=404)
    responses = Application.objects.for_vacancy_owner(employer).filter(vacancy=vacancy)
    buckets = _buckets(responses)
    decided = responses.filter(status__in=DECIDED, relevance_score__isnull=False).values_list("relevance_score",
                                                                                              "status")
    return VacancyStats(vacancy=vacancy, funnel=_funnel(vacancy, responses), buckets=buckets, scored=sum(buckets),
                        agreement=agreement([(score, status == Application.Status.APPROVED)
                                             for score, status in decided]))
