"""The employer vacancy services' own guarantees: skills, field whitelist, ownership, all-or-nothing."""

import pytest

from applications.models import Application
from vacancies import services
from vacancies.models import RESPONSE_STATUSES, Vacancy
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def test_skills_are_canonical_deduplicated_and_in_order():
    names = ["  k8s ", "Python 3.12", "py", "JS", "javascript", "", "Rare Tool", "rare tool"]

    assert services.clean_skills(names) == ["Kubernetes", "Python", "JavaScript", "Rare Tool"]


@pytest.mark.parametrize("names", ["Python, SQL", {"Python": 1}, 42, ["Python", 3]])
def test_skills_must_be_a_list_of_names(names):
    with pytest.raises(services.VacancyError) as error:
        services.clean_skills(names)
    assert error.value.errors == {"skills": ["Give the skills as a list of names."]}


def test_a_long_list_is_refused_at_the_first_skill_past_the_limit():
    with pytest.raises(services.VacancyError, match="at most 50 skills"):
        services.clean_skills(f"Skill {n}" for n in range(10**9))


def test_a_candidate_cannot_create(user):
    with pytest.raises(services.NotAnEmployer):
        services.create_vacancy(owner=user, title="Role", company="Acme", description="Work.")
    assert not Vacancy.objects.exists()


def test_fields_outside_the_form_cannot_be_changed(employer, rival):
    vacancy = VacancyFactory(owner=employer)

    for field in ("owner", "slug", "id"):
        with pytest.raises(services.VacancyError) as error:
            services.update_vacancy(user=employer, vacancy_id=vacancy.pk, changes={field: rival, "title": "x"})
        assert field in error.value.errors
    vacancy.refresh_from_db()
    assert vacancy.owner == employer and vacancy.title != "x"


def test_every_invalid_field_is_reported_at_once(employer):
    with pytest.raises(services.VacancyError) as error:
        services.create_vacancy(owner=employer, title="", company="", description="Work.", currency="GBP")

    assert set(error.value.errors) == {"title", "company", "currency"}


def test_another_owners_vacancy_is_not_found(employer, rival):
    vacancy = VacancyFactory(owner=employer)

    with pytest.raises(services.VacancyNotFound):
        services.set_published(user=rival, vacancy_id=vacancy.pk, is_published=False)
    with pytest.raises(services.VacancyNotFound):
        services.delete_vacancy(user=rival, vacancy_id=vacancy.pk)
    assert Vacancy.objects.get(pk=vacancy.pk).is_published is True


def test_the_counted_statuses_are_the_application_statuses():
    assert set(RESPONSE_STATUSES) == set(Application.Status.values)
