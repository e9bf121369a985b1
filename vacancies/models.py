"""Vacancies and their versioned interview question sets."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, FilteredRelation, Q, Value
from django.db.models.functions import Cast, Coalesce, Lower
from django.utils.translation import gettext_lazy as _

SEARCH_TERMS_MAX = 8
# applications.Application.Status values, spelled here because applications imports this module.
RESPONSE_STATUSES = ("new", "in_chat", "approved", "rejected")


def _lowered_json(expression):
    """lower(x::text)::jsonb: JSON keeps its shape, its strings lose their case (escapes are already lower-case)."""
    return Cast(Lower(Cast(expression, models.TextField())), models.JSONField())


class VacancyQuerySet(models.QuerySet):
    def published(self) -> VacancyQuerySet:
        return self.filter(is_published=True)

    def for_owner(self, user) -> VacancyQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(owner=user)

    def with_response_counts(self) -> VacancyQuerySet:
        """Annotates `responses_<status>` for each of RESPONSE_STATUSES, in the same query as the vacancies."""
        counted = self.annotate(
            **{
                f"responses_{status}": Count("applications", filter=Q(applications__status=status))
                for status in RESPONSE_STATUSES
            }
        )
        # Meta.ordering does not apply to GROUP BY queries, so pages would come in any order.
        return counted if self.query.order_by else counted.order_by(*self.model._meta.ordering)

    def with_application_of(self, user) -> VacancyQuerySet:
        """Annotates `application_id`: the user's application to each vacancy, or None; still one row per
        vacancy, since a candidate applies to a vacancy once (applications' unique constraint)."""
        if not getattr(user, "is_authenticated", False):
            return self.annotate(application_id=Value(None, output_field=models.IntegerField()))
        mine = FilteredRelation("applications", condition=Q(applications__candidate=user))
        return self.annotate(own_application=mine).annotate(application_id=F("own_application__id"))

    def visible_to(self, user) -> VacancyQuerySet:
        """Published vacancies, plus the user's own drafts and the unpublished ones they applied to (an
        employer's invite leads to a private screening); still one row per vacancy (one application each)."""
        if not getattr(user, "is_authenticated", False):
            return self.published()
        applied = FilteredRelation("applications", condition=Q(applications__candidate=user))
        return self.annotate(applied_by_user=applied).filter(
            Q(is_published=True) | Q(owner=user) | Q(applied_by_user__isnull=False))

    def search(
        self,
        *,
        q: str = "",
        skill: str = "",
        location: str = "",
        salary_min: int | None = None,
        salary_max: int | None = None,
        currency: str = "",
    ) -> VacancyQuerySet:
        """Case-insensitive filters; each word of `q` must appear in the title, company, description or skills.

        `salary_min` keeps vacancies whose range reaches it, `salary_max` those whose range starts at
        or below it; either one leaves out vacancies without a published salary.
        """
        queryset = self
        for term in (q or "").split()[:SEARCH_TERMS_MAX]:
            queryset = queryset.filter(
                Q(title__icontains=term)
                | Q(company__icontains=term)
                | Q(description__icontains=term)
                | Q(skills_lower__icontains=term)
            )
        skill = (skill or "").strip()
        if skill:
            # Both sides are lower-cased by Postgres, so the GIN index on skills_lower serves `@>`.
            wanted = _lowered_json(Value(json.dumps([skill], ensure_ascii=False)))
            queryset = queryset.filter(skills_lower__contains=wanted)
        location = (location or "").strip()
        if location:
            queryset = queryset.filter(location__icontains=location)
        if salary_min is not None:
            queryset = queryset.alias(top=Coalesce("salary_max", "salary_min")).filter(top__gte=salary_min)
        if salary_max is not None:
            queryset = queryset.alias(bottom=Coalesce("salary_min", "salary_max")).filter(bottom__lte=salary_max)
        if currency:
            queryset = queryset.filter(currency=currency)
        return queryset


class Vacancy(models.Model):
    class Currency(models.TextChoices):
        RUB = "RUB", "RUB ₽"
        USD = "USD", "USD $"
        EUR = "EUR", "EUR €"

    class EmploymentType(models.TextChoices):
        FULL_TIME = "full_time", _("Full-time")
        PART_TIME = "part_time", _("Part-time")
        CONTRACT = "contract", _("Contract")
        INTERNSHIP = "internship", _("Internship")

    class Language(models.TextChoices):
        EN = "en", "English"
        RU = "ru", "Русский"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="vacancies",
        help_text=_("The employer who posted it; empty for the practice catalogue."),
    )
    # Catalogue vacancies carry a stable slug so seeding can find them again; employers' have none.
    slug = models.SlugField(max_length=60, unique=True, null=True, blank=True)
    title = models.CharField(_("title"), max_length=120)
    company = models.CharField(_("company"), max_length=100)
    description = models.TextField(_("description"))
    skills = models.JSONField(_("skills"), default=list, blank=True)
    skills_lower = models.GeneratedField(
        expression=_lowered_json(F("skills")), output_field=models.JSONField(), db_persist=True
    )
    location = models.CharField(_("location"), max_length=100, blank=True)
    salary_min = models.PositiveIntegerField(_("salary from"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("salary to"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.RUB)
    employment_type = models.CharField(
        _("employment type"), max_length=16, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.EN)
    # A new vacancy is a draft until its employer publishes it; rows saved before keep their state.
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "vacancies"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True) | Q(salary_max__isnull=True) | Q(salary_min__lte=F("salary_max")),
                name="vacancies_vacancy_salary_range",
                violation_error_message=_("The salary lower bound cannot exceed the upper bound."),
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "-created_at"], name="vacancy_published_idx"),
            GinIndex(fields=["skills_lower"], opclasses=["jsonb_path_ops"], name="vacancy_skills_lower_gin"),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.company}"

    def clean(self) -> None:
        if not isinstance(self.skills, list) or not all(isinstance(skill, str) for skill in self.skills):
            raise ValidationError({"skills": _("Skills must be a list of names, e.g. [\"Python\", \"SQL\"].")})

    @property
    def takes_applications(self) -> bool:
        """An employer's vacancy, which candidates apply to; catalogue vacancies are for practice only."""
        return self.owner_id is not None

    def is_owned_by(self, user) -> bool:
        return self.owner_id is not None and self.owner_id == getattr(user, "pk", None)

    def response_counts(self) -> dict[str, int]:
        """Applications by status; needs a vacancy loaded through with_response_counts()."""
        return {status: getattr(self, f"responses_{status}") for status in RESPONSE_STATUSES}

    def current_question_set(self) -> QuestionSet | None:
        """The newest version; interviews that started on an older one keep theirs."""
        return self.question_sets.order_by("-version").first()


class QuestionSet(models.Model):
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="question_sets")
    version = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["vacancy", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "version"], name="vacancies_questionset_vacancy_version"),
        ]

    def __str__(self) -> str:
        return f"{self.vacancy.title} · v{self.version}"


class Question(models.Model):
    question_set = models.ForeignKey(QuestionSet, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    text = models.TextField()
    topic = models.CharField(max_length=100, blank=True)
    ideal_answer = models.TextField(blank=True)
    # 3-6 short statements of what a strong answer covers: the rubric hints and grading use.
    # Empty means "derive them from the ideal answer" (interviews.plan.derive_key_points).
    key_points = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["question_set", "order"], name="vacancies_question_set_order"),
        ]

    def __str__(self) -> str:
        return self.text[:80]
