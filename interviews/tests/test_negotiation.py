"""Negotiate the offer: the recruiter's offers come from the app, inside the salary band; the report
grades the answers against negotiation key points and shows the market range used."""

import json

import pytest

from interviews import chats, evaluation
from interviews.models import PracticeItem
from interviews.negotiation import TEXT_FILE
from salary.services import estimate_for_vacancy
from salary.tests.conftest import corpus, fitted, model_dir, trained  # noqa: F401  (fixtures)
from vacancies.models import Vacancy
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db

ROLE = {"title": "Senior Python developer", "description": "Django, PostgreSQL, Celery.", "location": "Moscow",
        "skills": ["Python", "Django"]}
TEXTS = json.loads(TEXT_FILE.read_text())


@pytest.fixture
def vacancy(db):
    """A catalogue vacancy that states no salary: the model's range is the band."""
    return VacancyFactory(owner=None, salary_min=None, salary_max=None, currency=Vacancy.Currency.RUB, **ROLE)


def _start(api, vacancy) -> dict:
    response = api.post(f"/api/vacancies/{vacancy.pk}/negotiate")
    assert response.status_code == 201, response.content
    return response.json()


def _stored(user, chat) -> dict:
    return chats.get_chat(user_id=str(user.pk), chat_id=chats.parse_id(chat["id"]))


def _say(api, chat, content) -> str:
    response = api.post(f"/api/chats/{chat['id']}/messages", {"content": content})
    assert response.status_code == 201, response.content
    return response.json()["assistant_message"]["content"]


def _nbsp_free(text: str) -> str:
    return text.replace("\u00a0", " ")


def test_every_offer_lies_inside_the_models_range(api, user, vacancy, trained, fake_ollama):
    estimate = estimate_for_vacancy(**ROLE)
    chat = _start(api, vacancy)
    deal = _stored(user, chat)["negotiation"]
    assert (deal["low"], deal["high"], deal["currency"]) == (estimate.salary_from, estimate.salary_to, "RUB")
    assert estimate.salary_from <= deal["offer"] < deal["counter"] < deal["final"] <= estimate.salary_to
    assert deal["market"]["model_version"] == "ridge-fixture" and deal["vacancy_range"] is None
    greeting = _nbsp_free(api.get(f"/api/chats/{chat['id']}/messages").json()["items"][0]["content"])
    assert f"{deal['offer']:,} RUB a month" in greeting and "recruiter" in greeting and "Question" not in greeting
    counter = _nbsp_free(_say(api, chat, "Thank you! Could you share the budgeted range?"))
    assert f"{deal['counter']:,} RUB a month" in counter and "Question" not in counter
    final = _nbsp_free(_say(api, chat, "Given my results, I'd be comfortable a bit higher."))
    assert f"{deal['final']:,} RUB a month" in final and "final offer" in final
    closing = _say(api, chat, "Let's agree, please send it in writing.")
    assert closing.endswith(TEXTS["en"]["closing"])


def test_the_vacancys_own_range_bounds_the_offers(api, user, trained):
    vacancy = VacancyFactory(owner=None, salary_min=200_000, salary_max=260_000, currency=Vacancy.Currency.RUB, **ROLE)
    deal = _stored(user, _start(api, vacancy))["negotiation"]
    assert (deal["low"], deal["high"]) == (200_000, 260_000)
    assert 200_000 <= deal["offer"] < deal["counter"] < deal["final"] <= 260_000
    assert deal["market"] is not None  # the report still shows the market beside it


def test_a_single_published_bound_is_completed_from_the_model(api, user, trained):
    estimate = estimate_for_vacancy(**ROLE)
    vacancy = VacancyFactory(owner=None, salary_min=estimate.salary_from, salary_max=None,
                             currency=Vacancy.Currency.RUB, **ROLE)
    deal = _stored(user, _start(api, vacancy))["negotiation"]
    assert (deal["low"], deal["high"]) == (estimate.salary_from, estimate.salary_to)


def test_no_range_and_no_model_is_a_clear_409(api, vacancy):
    response = api.post(f"/api/vacancies/{vacancy.pk}/negotiate")
    assert response.status_code == 409 and "salary" in response.json()["detail"]


def test_the_report_grades_the_negotiation_and_shows_the_market_range(api, user_client, user, vacancy, trained,
                                                                      fake_ollama):
    chat = _start(api, vacancy)
    deal = _stored(user, chat)["negotiation"]
    _say(api, chat, "Yes, I accept.")
    _say(api, chat, "In my last role I delivered strong results: I cut our cloud costs by 30% and led the payments "
                    "team for three years. With that experience and the market range, I'd ask for 300,000 RUB. I'm "
                    "very positive about the role.")
    _say(api, chat, "Thank you! Let's go through the whole package: the bonus, the start date and remote days. "
                    "If that's as you say, I accept. Could you send the offer in writing?")
    assert api.post(f"/api/chats/{chat['id']}/finish").status_code == 202
    evaluation.evaluate_chat(chat_id=chat["id"])
    report = api.get(f"/api/chats/{chat['id']}/report").json()
    accepted, justified, package = report["questions"]
    assert "Asks questions about the offer and the budget before deciding" in accepted["missed"]
    assert accepted["score"] <= 5 < justified["score"] and package["score"] > 5
    assert report["negotiation"]["market"]["low"] == deal["market"]["low"]
    html = user_client.get(f"/chats/{chat['id']}/report").content.decode()
    assert "Market range used" in html and f"{deal['market']['low']:,}" in html
    assert "Retry weak questions" not in html and "How was your interviewer" not in html
    assert not PracticeItem.objects.exists()  # its moves carry this offer's numbers
    assert api.post(f"/api/chats/{chat['id']}/retry-mistakes").status_code == 409


def test_a_russian_vacancy_negotiates_in_russian(api, user, trained):
    vacancy = VacancyFactory(owner=None, salary_min=None, salary_max=None, currency=Vacancy.Currency.RUB,
                             language="ru", **ROLE)
    chat = _start(api, vacancy)
    greeting = api.get(f"/api/chats/{chat['id']}/messages").json()["items"][0]["content"]
    assert "Анна" in greeting and "в месяц" in greeting


def test_on_the_vacancy_page(user_client, client, stranger, vacancy, trained, employer):
    page = user_client.get(f"/vacancies/{vacancy.pk}/").content.decode()
    assert f'action="/chats/negotiate/{vacancy.pk}"' in page and "Negotiate the offer" in page
    response = user_client.post(f"/chats/negotiate/{vacancy.pk}")
    assert response.status_code == 302 and response["Location"].startswith("/chats/")
    draft = VacancyFactory(owner=employer, is_published=False)
    assert user_client.post(f"/chats/negotiate/{draft.pk}").status_code == 404
