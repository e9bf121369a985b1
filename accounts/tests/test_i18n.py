"""The Russian UI: preferred_language after login, the switcher, form errors, and a complete catalogue."""

import ast
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from accounts.models import User
from accounts.tests.factories import PASSWORD, UserFactory

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "ru" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@pytest.fixture
def fresh_throttle(db):
    """Rate limits live in the cache (the database here): start each page test clean."""
    cache.clear()


pages = pytest.mark.usefixtures("fresh_throttle")


def _html(response) -> str:
    return response.content.decode()


# --- pages ------------------------------------------------------------------------------------


@pages
def test_a_user_who_prefers_russian_sees_russian_after_logging_in(client):
    UserFactory(username="ivan", preferred_language=User.Language.RU)
    # The browser asks for English: the account's preference must still win.
    headers = {"Accept-Language": "en"}
    assert 'lang="en"' in _html(client.get("/", headers=headers))

    response = client.post("/accounts/login", {"username": "ivan", "password": PASSWORD}, headers=headers)
    assert response.status_code == 302

    page = _html(client.get(response["Location"], headers=headers))
    assert '<html lang="ru">' in page
    for russian in ("Собеседования", "Вакансии", "Резюме", "Отклики", "Зарплата", "Выйти",
                    "Здравствуйте, ivan", "Новое собеседование", "Недавние собеседования"):
        assert russian in page, russian
    for english in (">Interviews<", ">Log out<", "Hello, ivan", "New interview"):
        assert english not in page, english


@pages
def test_a_user_who_prefers_english_keeps_english_despite_a_russian_browser(client):
    UserFactory(username="john", preferred_language=User.Language.EN)
    assert client.post("/accounts/login", {"username": "john", "password": PASSWORD}).status_code == 302
    page = _html(client.get("/", headers={"Accept-Language": "ru"}))
    assert '<html lang="en">' in page and "Log out" in page and "Выйти" not in page


@pages
def test_the_language_switcher_turns_the_site_russian_for_a_visitor(client):
    page = _html(client.get("/"))
    assert '<html lang="en">' in page and "Sign up" in page

    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/vacancies/"})
    assert response.status_code == 302 and response["Location"] == "/vacancies/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"

    page = _html(client.get("/"))
    assert '<html lang="ru">' in page
    for russian in ("Войти", "Регистрация", "Смотреть вакансии", "Приходите на следующее собеседование уже подготовленным."):
        assert russian in page, russian
    assert "Sign up" not in page and "Browse vacancies" not in page
    assert '<option value="ru" selected>Русский</option>' in page

    # ...and back.
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Sign up" in _html(client.get("/"))


@pages
def test_a_failed_log_in_is_explained_in_russian(client, user):
    response = client.post("/accounts/login", {"username": "alice", "password": "nope"}, headers={"Accept-Language": "ru"})
    assert response.status_code == 400
    page = _html(response)
    assert "Неверное имя пользователя или пароль." in page
    assert "Имя пользователя" in page and "Пароль" in page  # the form's labels too
    assert "Wrong username or password" not in page


@pages
@pytest.mark.parametrize(
    ("password", "russian"),
    [
        ("a1b2c3", "слишком короткий"),  # Django's own validator, Django's own catalogue
        ("onlyletters-here", "Пароль должен содержать и буквы, и цифры."),  # ours
    ],
)
def test_a_weak_password_is_explained_in_russian(client, password, russian):
    client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    response = client.post(
        "/accounts/register",
        {"username": "novichok", "password": password, "role": "candidate", "preferred_language": "ru", "email": ""},
    )
    assert response.status_code == 400
    page = _html(response)
    assert russian in page
    assert "Соискатель" in page and "Работодатель" in page
    assert not User.objects.filter(username="novichok").exists()


def test_russian_plurals_use_three_forms():
    with translation.override("ru"):
        forms = {n: translation.ngettext("%(counter)s vacancy", "%(counter)s vacancies", n) % {"counter": n}
                 for n in (1, 2, 5, 11, 21, 22, 25)}
    assert forms == {1: "1 вакансия", 2: "2 вакансии", 5: "5 вакансий", 11: "11 вакансий",
                     21: "21 вакансия", 22: "22 вакансии", 25: "25 вакансий"}


# --- the catalogue ----------------------------------------------------------------------------


def _unquote(line: str) -> str:
    return ast.literal_eval(line)  # a PO string literal is a valid Python string literal


def parse_po(path: Path) -> list[dict]:
    """A small PO reader (polib is not a runtime dependency): one dict per entry, header included."""
    entries, entry, key = [], None, None

    def flush():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            entry, key = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "obsolete": False, "msgstr": {}}
        if line.startswith("#~"):
            entry["obsolete"] = True
            continue
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line)
        if match:
            name, index, literal = match.groups()
            if name.startswith("msgstr"):
                key = ("msgstr", int(index or 0))
                entry["msgstr"][key[1]] = _unquote(literal)
            else:
                key = name
                entry[name] = _unquote(literal)
        elif line.startswith('"') and key is not None:
            if isinstance(key, tuple):
                entry["msgstr"][key[1]] += _unquote(line)
            else:
                entry[key] += _unquote(line)
        else:
            raise AssertionError(f"unexpected line in {path.name}: {raw!r}")
    flush()
    return entries


@pytest.fixture
def catalogue() -> tuple[dict, list[dict]]:
    assert PO_FILE.exists(), f"{PO_FILE} is missing: run makemessages -l ru (see locale/README.md)"
    entries = [entry for entry in parse_po(PO_FILE) if not entry["obsolete"]]
    header = next(entry for entry in entries if entry["msgid"] == "")
    return header, [entry for entry in entries if entry["msgid"] != ""]


def test_the_russian_catalogue_has_a_three_form_plural_header(catalogue):
    header, _ = catalogue
    assert "fuzzy" not in header["flags"]
    assert "Language: ru\n" in header["msgstr"][0]
    assert ("Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
            "(n%100<10 || n%100>=20) ? 1 : 2);") in header["msgstr"][0]


def test_every_russian_entry_is_translated_and_checked(catalogue):
    _, entries = catalogue
    assert len(entries) > 300
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    plural_sizes = {len(entry["msgstr"]) for entry in entries if "msgid_plural" in entry}
    untranslated = [entry["msgid"] for entry in entries if not all(value.strip() for value in entry["msgstr"].values())]
    assert not fuzzy, f"fuzzy entries (check, then remove the flag): {fuzzy}"
    assert not untranslated, f"untranslated entries: {untranslated}"
    assert plural_sizes <= {3}, "every plural entry needs msgstr[0], [1] and [2]"


def test_translations_keep_every_placeholder(catalogue):
    _, entries = catalogue
    broken = []
    for entry in entries:
        source = set(PLACEHOLDER.findall(entry["msgid"] + entry.get("msgid_plural", "")))
        for value in entry["msgstr"].values():
            if set(PLACEHOLDER.findall(value)) != source:
                broken.append((entry["msgid"], value))
    assert not broken


def test_the_compiled_catalogue_matches_the_po_file(catalogue):
    """`make run` uses the committed .mo (no gettext needed): it must not lag behind the .po."""
    _, entries = catalogue
    assert MO_FILE.exists(), "run: python manage.py compilemessages --ignore=.venv"
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in entries:
        context = entry.get("msgctxt")  # pgettext / {% translate ... context ... %} entries
        if "msgid_plural" in entry:
            for form, n in ((0, 21), (1, 22), (2, 25)):
                if context is None:
                    compiled_form = compiled.ngettext(entry["msgid"], entry["msgid_plural"], n)
                else:
                    compiled_form = compiled.npgettext(context, entry["msgid"], entry["msgid_plural"], n)
                if compiled_form != entry["msgstr"][form]:
                    stale.append(entry["msgid"])
        else:
            compiled_text = (compiled.gettext(entry["msgid"]) if context is None
                             else compiled.pgettext(context, entry["msgid"]))
            if compiled_text != entry["msgstr"][0]:
                stale.append(entry["msgid"])
    assert not stale, f"django.mo is stale, recompile it: {stale[:10]}"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
def test_msgfmt_accepts_the_catalogue_without_warnings():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "--output-file=/dev/null", str(PO_FILE)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr, result.stderr
