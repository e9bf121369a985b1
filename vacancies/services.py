"""Vacancy writes: an employer's own vacancies, question versioning, and the snapshot an interview keeps."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from onlyjobless.errors import ServiceError
from skills import normalize_skill
from vacancies.models import Question, QuestionSet, Vacancy

if TYPE_CHECKING:
    from accounts.models import User

QUESTIONS_MAX = 30
TOPIC_MAX = Question._meta.get_field("topic").max_length
KEY_POINTS_MAX = 6
KEY_POINT_MAX_CHARS = 200
SKILLS_MAX = 50
SKILL_MAX_CHARS = 60
EDITABLE_FIELDS = (
    "title",
    "company",
    "description",
    "skills",
    "location",
    "salary_min",
    "salary_max",
    "currency",
    "employment_type",
    "language",
    "is_published",
)
_TEXT_FIELDS = ("title", "company", "description", "location")


class VacancyError(ServiceError):
    """A vacancy write refused; a 400 without field errors names the sentence as a form-wide one."""

    def __init__(self, detail: str, *, errors: dict[str, list[str]] | None = None) -> None:
        if errors is None and self.status == 400:
            errors = {NON_FIELD_ERRORS: [str(detail)]}
        super().__init__(detail, errors=errors)


class VacancyNotFound(VacancyError):
    """Missing, or someone else's: the same answer, so ids reveal nothing."""

    status = 404

    def __init__(self) -> None:
        super().__init__(_("Vacancy not found."))


class NotAnEmployer(VacancyError):
    status = 403

    def __init__(self) -> None:
        super().__init__(_("Only employers can post vacancies."))


def require_employer(user: User) -> None:
    if not getattr(user, "is_employer", False):
        raise NotAnEmployer


def get_own_vacancy(*, user: User, vacancy_id: int) -> Vacancy:
    """The user's own vacancy (drafts included); VacancyNotFound for anyone else's or a missing one."""
    vacancy = Vacancy.objects.for_owner(user).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise VacancyNotFound
    return vacancy


def clean_skills(names: Iterable[Any]) -> list[str]:
    """Canonical names from the shared skill dictionary ("k8s" → "Kubernetes"), blanks dropped,
    de-duplicated case-insensitively in the order given.

    Refuses (VacancyError) a non-list, more than SKILLS_MAX distinct skills or a name longer than
    SKILL_MAX_CHARS; stops at the first distinct skill past the limit, so a huge list costs little.
    """
    if isinstance(names, (str, bytes, Mapping)) or not isinstance(names, Iterable):
        raise _field_error("skills", _("Give the skills as a list of names."))
    skills: list[str] = []
    seen: set[str] = set()
    for name in names:
        if not isinstance(name, str):
            raise _field_error("skills", _("Give the skills as a list of names."))
        skill = normalize_skill(name)
        if len(skill) > SKILL_MAX_CHARS:
            raise _field_error("skills", _("Each skill can be at most %(n)d characters.") % {"n": SKILL_MAX_CHARS})
        if skill and skill.casefold() not in seen:
            seen.add(skill.casefold())
            skills.append(skill)
            if len(skills) > SKILLS_MAX:
                raise _field_error("skills", _("List at most %(n)d skills.") % {"n": SKILLS_MAX})
    return skills


def create_vacancy(
    *,
    owner: User,
    title: str,
    company: str,
    description: str,
    skills: Iterable[str] = (),
    location: str = "",
    salary_min: int | None = None,
    salary_max: int | None = None,
    currency: str = Vacancy.Currency.RUB,
    employment_type: str = Vacancy.EmploymentType.FULL_TIME,
    language: str = Vacancy.Language.EN,
    is_published: bool = False,
) -> Vacancy:
    """Save a vacancy owned by `owner`, who must be an employer (NotAnEmployer otherwise).

    It is a draft (seen by its owner only) unless `is_published` says otherwise; see set_published.

    Texts are stripped, skills normalised (see clean_skills) and the whole row validated like the
    model's own rules, salary_min <= salary_max included, before anything is written.
    """
    require_employer(owner)
    fields = _clean_changes(
        {
            "title": title,
            "company": company,
            "description": description,
            "skills": skills,
            "location": location,
            "salary_min": salary_min,
            "salary_max": salary_max,
            "currency": currency,
            "employment_type": employment_type,
            "language": language,
            "is_published": is_published,
        }
    )
    vacancy = Vacancy(owner=owner, **fields)
    _validate(vacancy)
    vacancy.save()
    return vacancy


def update_vacancy(*, user: User, vacancy_id: int, changes: Mapping[str, Any]) -> Vacancy:
    """Apply `changes` (any of EDITABLE_FIELDS) to the user's own vacancy, all or nothing.

    Ownership is checked first (VacancyNotFound), then the changed row is validated as a whole, under a
    row lock so two partial edits cannot together break salary_min <= salary_max.
    """
    with transaction.atomic():
        vacancy = Vacancy.objects.for_owner(user).select_for_update().filter(pk=vacancy_id).first()
        if vacancy is None:
            raise VacancyNotFound
        fields = _clean_changes(changes)
        if not fields:
            return vacancy
        for name, value in fields.items():
            setattr(vacancy, name, value)
        _validate(vacancy)
        vacancy.save(update_fields=[*fields, "updated_at"])
    return vacancy


def set_published(*, user: User, vacancy_id: int, is_published: bool) -> Vacancy:
    """Publish or unpublish the user's own vacancy; the wanted state is explicit, so a repeated request is harmless."""
    return update_vacancy(user=user, vacancy_id=vacancy_id, changes={"is_published": bool(is_published)})


def delete_vacancy(*, user: User, vacancy_id: int) -> None:
    """Delete the user's own vacancy with its question sets and applications (VacancyNotFound otherwise)."""
    get_own_vacancy(user=user, vacancy_id=vacancy_id).delete()


def _field_error(field: str, message: str) -> VacancyError:
    return VacancyError(f"{field}: {message}", errors={field: [message]})


def _clean_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise _field_error(unknown[0], _("This field cannot be changed."))
    fields = dict(changes)
    for name in _TEXT_FIELDS:
        if name in fields:
            fields[name] = "" if fields[name] is None else fields[name]
            if isinstance(fields[name], str):
                fields[name] = fields[name].strip()
    if "skills" in fields:
        fields["skills"] = clean_skills(fields["skills"])
    return fields


def _validate(vacancy: Vacancy) -> None:
    """The model's field rules, clean() and check constraints, as one VacancyError with every message."""
    try:
        # The owner was set by the service, not typed by anyone: checking it would only cost a query.
        vacancy.full_clean(exclude=["owner"])
    except ValidationError as error:
        errors = error.message_dict
        field, messages = next(iter(errors.items()))
        detail = messages[0] if field == NON_FIELD_ERRORS else f"{field}: {messages[0]}"
        raise VacancyError(detail, errors=errors) from error


def _clean_questions(questions: list[dict]) -> list[dict]:
    if not questions:
        raise VacancyError(_("An interview needs at least one question."))
    if len(questions) > QUESTIONS_MAX:
        raise VacancyError(_("An interview can have at most %(n)d questions.") % {"n": QUESTIONS_MAX})
    cleaned = []
    for number, question in enumerate(questions, start=1):
        text = str(question.get("text") or "").strip()
        if not text:
            raise VacancyError(_("Question %(n)d has no text.") % {"n": number})
        cleaned.append(
            {
                "text": text,
                "topic": str(question.get("topic") or "").strip()[:TOPIC_MAX],
                "ideal_answer": str(question.get("ideal_answer") or "").strip(),
                "key_points": _clean_key_points(question.get("key_points"), number=number),
            }
        )
    return cleaned


def _clean_key_points(value: object, *, number: int) -> list[str]:
    """A question's key points: a list (or one per line) of short statements, at most KEY_POINTS_MAX."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list) or not all(isinstance(point, str) for point in value):
        raise VacancyError(_("Question %(n)d: key points must be a list of short statements.") % {"n": number})
    points = [point.strip(" -•\t") for point in value if point.strip(" -•\t")]
    if len(points) > KEY_POINTS_MAX:
        raise VacancyError(_("Question %(n)d can have at most %(max)d key points.") % {"n": number, "max": KEY_POINTS_MAX})
    if any(len(point) > KEY_POINT_MAX_CHARS for point in points):
        raise VacancyError(_("Question %(n)d: a key point can be at most %(max)d characters.")
                           % {"n": number, "max": KEY_POINT_MAX_CHARS})
    return points


def _as_dicts(question_set: QuestionSet) -> list[dict]:
    return [
        {"text": q.text, "topic": q.topic, "ideal_answer": q.ideal_answer, "key_points": q.key_points}
        for q in question_set.questions.all()
    ]


def replace_questions(*, vacancy: Vacancy, questions: list[dict]) -> QuestionSet:
    """Save `questions` (dicts with text, topic, ideal_answer; in order) as the vacancy's next version.

    Earlier versions are never touched, so an interview that snapshotted version N keeps it. Versions
    are numbered under a row lock on the vacancy, so concurrent edits get N+1 and N+2, never a clash.
    Saving the same questions as the current version creates nothing and returns the current set.
    """
    cleaned = _clean_questions(questions)
    with transaction.atomic():
        Vacancy.objects.select_for_update().filter(pk=vacancy.pk).values_list("pk").get()
        current = vacancy.current_question_set()
        if current is not None and _as_dicts(current) == cleaned:
            return current
        latest = vacancy.question_sets.aggregate(latest=Max("version"))["latest"] or 0
        question_set = QuestionSet.objects.create(vacancy=vacancy, version=latest + 1)
        Question.objects.bulk_create(
            Question(question_set=question_set, order=order, **question) for order, question in enumerate(cleaned)
        )
    return question_set


def question_set_snapshot(question_set: QuestionSet) -> dict:
    """What a chat stores as its plan: {"version", "questions": [{"id", "text", "topic", "ideal_answer", "key_points"}]}."""
    return {
        "version": question_set.version,
        "questions": [
            {
                "id": str(question.pk),
                "text": question.text,
                "topic": question.topic,
                "ideal_answer": question.ideal_answer,
                "key_points": list(question.key_points or []),
            }
            for question in question_set.questions.all()
        ],
    }
