"""Every main page, as a new user meets them: at 1280 and 390 px, in English and Russian, in a real Chromium.

Fails on a console error, a CSP violation, a page wider than the window, or (in Russian) English UI
text. Screenshots of every page go to e2e/artifacts/sweep-<language>-<width>-<page>.png.

English text is found by words of the interface that data (vacancy titles, skills, names) does not
use, in the visible text and in placeholders, labels and titles, when a piece of text has no Cyrillic
at all (Russian text quotes English terms: "NOT EXISTS", "soft skills"). Text inside an element whose
`lang` says it is another language (a vacancy written in English) is content, not interface, and is
skipped. The Django admin is looked at but not held to this: its model names are English (translating
them needs a migration per model).
"""

import re

import pytest
from bson import ObjectId
from django.utils import translation
from playwright.sync_api import sync_playwright

from accounts.models import User
from applications import services as applications
from e2e.conftest import ARTIFACTS, CHROMIUM, watch_for_page_errors
from interviews import chats, evaluation, services
from interviews.models import Persona
from llm import local_status
from demo.data import DEMO_PASSWORD
from demo.seed import seed as seed_demo
from resumes.models import Resume
from vacancies.models import Vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"1280": {"width": 1280, "height": 860}, "390": {"width": 390, "height": 844}}
# Interface words: the English a Russian page must not show (whole words, any case).
ENGLISH = re.compile(
    r"\b(the|your|you|and|with|for|not|yet|this|here|from|please|try|again|save|delete|edit|cancel|search|next|"
    r"previous|back|start|finish|apply|applied|send|stop|retry|log in|log out|sign up|menu|interviews?|vacanc(y|ies)|"
    r"resume|salary|score|report|questions?|answers?|hint|draft|published|status|profile|language|applications?|"
    r"responses?|users|tasks|dashboard|skills|matches|practi[cs]e|minutes|loading|rename|open|read|show)\b",
    re.IGNORECASE,
)
COACH_TITLES = {"en": "Warm-up", "ru": "Разминка"}
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
RUSSIAN_RESUME = {"summary": "Бэкенд-разработчик: три года сервисов на Django, REST API и PostgreSQL.",
                  "education": "Бакалавр прикладной математики, 2021", "positions": ["Python-разработчик"]}
_INTERFACE_TEXT = """() => {
  const skip = (el) => el.closest("script, style, code, pre, kbd, [translate=no], [lang]:not(html):not([lang^=ru])");
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement, text = node.textContent.trim();
    if (text && el && !skip(el) && el.getClientRects().length) out.push(text);
  }
  for (const el of document.querySelectorAll("[placeholder], [aria-label], [title], input[type=submit][value]")) {
    if (skip(el)) continue;
    for (const name of ["placeholder", "aria-label", "title", "value"]) {
      if (el.hasAttribute(name) && (name !== "value" || el.type === "submit")) out.push(el.getAttribute(name));
    }
  }
  return out;
}"""
_OVERFLOW = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth + 1) return null;
  const wide = [...document.body.querySelectorAll("*")].filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1);
  return `${root.scrollWidth}px in ${root.clientWidth}px: ` + wide.slice(-3).map((el) => el.outerHTML.slice(0, 120)).join(" | ");
}"""


def _practice(mongo_db, user: User, vacancy: Vacancy, persona: Persona) -> tuple[str, str]:
    """A practice interview in progress and a finished, scored one, for `user`."""
    made = []
    for finish in (False, True):
        chat = services.start_chat(user=user, vacancy_id=vacancy.pk, persona_id=persona.pk)
        questions = chat["plan"]["questions"]
        messages = []
        for index in range(2):
            answer = chats.new_message(chat_id=chat["_id"], user_id=chat["user_id"], role="user", kind="answer",
                                       question_id=questions[index]["id"], content=questions[index]["ideal_answer"])
            reply = chats.new_message(chat_id=chat["_id"], user_id=chat["user_id"], role="assistant", kind="reply",
                                      question_id=questions[index + 1]["id"], content=questions[index + 1]["text"])
            answer["_id"], reply["_id"] = ObjectId(), ObjectId()
            messages += [answer, reply]
        chats.insert_messages(messages)
        mongo_db.chats.update_one({"_id": chat["_id"]}, {"$set": {"plan.current": 2}})
        if finish:
            services.finish_interview(user=user, chat_id=str(chat["_id"]))
            evaluation.evaluate_chat(chat_id=str(chat["_id"]))
        made.append(str(chat["_id"]))
    return made[0], made[1]


@pytest.fixture
def site(fake_ollama, settings, tmp_path, mongo_db):
    """The demo data `make run` seeds, plus what a first hour adds: interviews, a report, an application;
    and, as on a first `make run`, the offline model still being built (the chat pages say so)."""
    settings.LOCAL_LLM_STATUS_FILE = tmp_path / "llm-status.json"
    local_status.write(settings.LOCAL_LLM_STATUS_FILE, state=local_status.BUILDING, host=settings.OLLAMA_HOST,
                       usual_minutes=(7, 25), log="var/logs/llm-build.log")
    seed_demo()
    candidate, employer = User.objects.get(username="demo"), User.objects.get(username="employer")
    by_language = {}
    for language in ("en", "ru"):
        persona = Persona.objects.for_practice(language=language).first()
        vacancy = Vacancy.objects.filter(language=language, owner__isnull=True, question_sets__isnull=False).first()
        active, finished = _practice(mongo_db, candidate, vacancy, persona)
        with translation.override(language):  # as opened from a page in that language
            coach = services.create_free_chat(user_id=str(candidate.pk), title=COACH_TITLES[language])
        by_language[language] = {"vacancy": vacancy.pk, "active": active, "report": finished, "coach": str(coach["_id"])}
    employer_vacancy = Vacancy.objects.filter(owner=employer).first()
    application = applications.apply(candidate=candidate, vacancy_id=employer_vacancy.pk)
    return {"by_language": by_language, "employer_vacancy": employer_vacancy.pk, "application": application.pk}


def _pages(site: dict, language: str) -> dict[str, list[tuple[str, str]]]:
    """Who sees which pages: username (None: signed out) → [(name, path)]."""
    mine = site["by_language"][language]
    return {
        None: [("landing", "/"), ("register", "/accounts/register")],
        "demo": [("dashboard", "/"), ("resume", "/resume/"), ("for-you", "/resume/matches"),
                 ("vacancies", "/vacancies/"), ("vacancy", f"/vacancies/{mine['vacancy']}/"),
                 ("interview", f"/chats/{mine['active']}/"), ("report", f"/chats/{mine['report']}/report"),
                 # An interview in English read in Russian: the interface is Russian, its content is marked English.
                 ("report-of-an-english-interview", f"/chats/{site['by_language']['en']['report']}/report"),
                 ("applications", "/applications/"), ("salary", "/salary/"), ("streaming", f"/chats/{mine['coach']}/")],
        "employer": [("employer-vacancies", "/vacancies/mine/"),
                     ("responses", f"/applications/vacancy/{site['employer_vacancy']}/"),
                     ("response", f"/applications/{site['application']}/")],
        "admin": [("operator", "/operator/"), ("admin", "/admin/")],
    }


def _log_in(page, url: str, username: str) -> None:
    page.goto(f"{url}/accounts/login")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    assert "/accounts/login" not in page.url, f"{username} could not log in"


REPLIES = {"en": "Good start. Tell me more about the trade-offs you weighed and what you would change. " * 3,
           "ru": "Хорошее начало. Расскажите, какие компромиссы вы взвешивали и что изменили бы сейчас. " * 3}


ANSWERS = {"en": "I moved our reports to a background queue.", "ru": "Я перенёс отчёты в фоновую очередь."}


def _stream_a_reply(page, fake_ollama, language: str) -> None:
    """Sends an answer in the coach chat and leaves its reply streaming, slowly."""
    fake_ollama.add_reply(REPLIES[language], token_delay=0.3)
    page.fill("#composer-input", ANSWERS[language])
    page.click("#composer button[type=submit]")
    page.wait_for_selector(".status-streaming .stream-text:not(:empty)", timeout=10_000)
    page.wait_for_timeout(1200)  # a few words in


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_main_page_is_clean_in_both_widths(asgi_live_server, site, fake_ollama, language):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    User.objects.filter(username__in=["demo", "employer", "admin"]).update(preferred_language=language)
    if language == "ru":  # a Russian candidate's own words are Russian
        Resume.objects.filter(user__username="demo").update(**RUSSIAN_RESUME)
    ARTIFACTS.mkdir(exist_ok=True)
    found: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for width, viewport in WIDTHS.items():
            for username, pages in _pages(site, language).items():
                context = browser.new_context(viewport=viewport, locale="ru-RU" if language == "ru" else "en-US")
                page = context.new_page()
                problems = watch_for_page_errors(page)
                if username:
                    _log_in(page, asgi_live_server.url, username)
                for name, path in pages:
                    where = f"{language} {width}px {name} ({path})"
                    page.goto(f"{asgi_live_server.url}{path}")
                    page.wait_for_load_state("networkidle") if name != "streaming" else None
                    if name == "streaming":
                        _stream_a_reply(page, fake_ollama, language)
                    page.screenshot(path=ARTIFACTS / f"sweep-{language}-{width}-{name}.png", full_page=True)
                    if overflow := page.evaluate(_OVERFLOW):
                        found.append(f"{where}: wider than the window, {overflow}")
                    if language == "ru" and name != "admin":
                        english = sorted({text[:90] for text in page.evaluate(_INTERFACE_TEXT)
                                          if ENGLISH.search(text) and not CYRILLIC.search(text)})
                        found += [f"{where}: English text {text!r}" for text in english]
                    found += [f"{where}: {problem}" for problem in problems]
                    problems.clear()
                context.close()
        browser.close()
    assert not found, f"{len(found)} problem(s):\n" + "\n".join(found)
