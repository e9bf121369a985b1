import pytest

from accounts.models import User
from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_it_registers_through_the_api_and_stores_an_argon2_hash(anon_api):
    response = anon_api.post("/api/auth/register", {"username": "Newbie", "password": "s3cure-enough", "role": "employer"})
    assert response.status_code == 201
    body = response.json()
    assert body["username"] == "Newbie" and body["role"] == "employer" and body["preferred_language"] == "en"
    assert "password" not in body
    assert User.objects.get(username="Newbie").password.startswith("argon2$")


def test_it_refuses_a_username_that_differs_only_in_case(anon_api, user):
    response = anon_api.post("/api/auth/register", {"username": "ALICE", "password": "s3cure-enough"})
    assert response.status_code == 409
    assert "already taken" in response.json()["detail"]


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("a1b2c3", "too short"),
        ("password1", "too common"),
        ("1234567890123", "entirely numeric"),
        ("onlyletters-here", "letters and digits"),
        ("newbie2024x", "too similar"),
    ],
)
def test_it_explains_each_password_rule(anon_api, password, message):
    response = anon_api.post("/api/auth/register", {"username": "newbie2024x", "password": password})
    assert response.status_code == 400
    body = response.json()
    assert any(message in error["message"] for error in body["errors"]), body
    assert not User.objects.filter(username="newbie2024x").exists()


def test_it_answers_422_for_a_malformed_body(anon_api):
    response = anon_api.post("/api/auth/register", {"username": "newbie"})
    assert response.status_code == 422
    # Fields are named as the client sent them, not by the view's parameter path.
    assert response.json() == {
        "detail": "password: Field required",
        "errors": [{"field": "password", "message": "Field required"}],
    }


def test_the_register_page_creates_the_account_and_logs_in(client):
    response = client.post(
        "/accounts/register",
        {"username": "pagey", "password": "s3cure-enough", "role": "candidate", "preferred_language": "ru", "email": ""},
    )
    assert response.status_code == 302
    assert client.get("/").context["user"].username == "pagey"
    assert User.objects.get(username="pagey").preferred_language == "ru"


def test_the_register_page_shows_errors_inline_for_htmx(client, user):
    response = client.post(
        "/accounts/register",
        {"username": "Alice", "password": "short", "role": "candidate", "preferred_language": "en"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "<html" not in html  # only the form partial
    assert "already taken" in html


def test_a_field_error_is_announced_with_its_field(client, user):
    response = client.post(
        "/accounts/register",
        {"username": "Alice", "password": "short", "role": "candidate", "preferred_language": "en"},
    )
    html = response.content.decode()
    # Screen readers read the error of the field the user is on: the input points at the error's id.
    assert 'aria-describedby="id_username_error"' in html
    assert '<div id="id_username_error" role="alert">' in html


def test_it_refuses_a_look_alike_that_mixes_alphabets(anon_api, user):
    response = anon_api.post("/api/auth/register", {"username": "\u0430lice", "password": "s3cure-enough"})  # Cyrillic а
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "username", "message": "Use letters of one alphabet in a username (it mixes Cyrillic, Latin)."}]
    assert anon_api.post("/api/auth/register", {"username": "алиса_2", "password": "s3cure-enough"}).status_code == 201


def test_a_full_width_twin_is_the_same_name(anon_api, user):
    """NFKC folds "ａｌｉｃｅ" into "alice": taken at registration, and the owner can log in with either."""
    response = anon_api.post("/api/auth/register", {"username": "ＡＬＩＣＥ", "password": "s3cure-enough"})
    assert response.status_code == 409
    assert anon_api.post("/api/auth/token", {"username": "ａｌｉｃｅ", "password": PASSWORD}).status_code == 200
