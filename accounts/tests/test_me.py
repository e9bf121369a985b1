import pytest

from accounts.models import User
from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_it_updates_profile_fields(api, user):
    response = api.patch("/api/me", {"city": "Kazan", "age": 31, "telegram_id": "@alice_dev", "preferred_language": "ru"})
    assert response.status_code == 200
    assert response.json()["city"] == "Kazan"
    user.refresh_from_db()
    assert (user.city, user.age, user.telegram_id, user.preferred_language) == ("Kazan", 31, "@alice_dev", "ru")


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"age": 7}, "age"), ({"phone": "call me"}, "phone"), ({"hh_url": "not a url"}, "hh_url"), ({"email": "nope"}, "email")],
)
def test_it_refuses_invalid_fields_and_saves_nothing(api, user, changes, field):
    response = api.patch("/api/me", {"city": "Kazan", **changes})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field
    user.refresh_from_db()
    assert user.city == ""


def test_it_rejects_an_unknown_language_as_schema_error(api):
    assert api.patch("/api/me", {"preferred_language": "de"}).status_code == 422


def test_the_username_cannot_be_changed_through_me(api, user):
    api.patch("/api/me", {"username": "root"})
    user.refresh_from_db()
    assert user.username == "alice"


def test_delete_me_removes_the_user_and_their_chats(api, user, mongo_db):
    mongo_db.chats.insert_one({"user_id": str(user.pk), "title": "mine"})
    mongo_db.messages.insert_one({"user_id": str(user.pk), "content": "hi"})
    mongo_db.chats.insert_one({"user_id": "someone-else", "title": "theirs"})
    assert api.delete("/api/me").status_code == 204
    assert not User.objects.filter(pk=user.pk).exists()
    assert mongo_db.chats.count_documents({"user_id": str(user.pk)}) == 0
    assert mongo_db.messages.count_documents({"user_id": str(user.pk)}) == 0
    assert mongo_db.chats.count_documents({}) == 1


def test_a_user_deleted_anywhere_takes_their_chats_along(user, mongo_db):
    """The admin's or a shell's delete too, not only the account page's: the receiver is on the model."""
    mongo_db.chats.insert_one({"user_id": str(user.pk), "title": "mine"})
    user.delete()
    assert mongo_db.chats.count_documents({"user_id": str(user.pk)}) == 0


def test_deleting_while_the_chat_store_is_down_keeps_the_account(api, user, mongodb_down):
    assert api.delete("/api/me").status_code == 503
    assert User.objects.filter(pk=user.pk).exists()


def test_the_profile_page_saves_and_shows_errors(user_client, user):
    response = user_client.post("/accounts/profile", {"email": "a@b.co", "preferred_language": "en", "city": "Omsk", "phone": "+7 900 123-45-67", "telegram_id": "", "hh_url": "", "age": ""})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.city == "Omsk"
    response = user_client.post("/accounts/profile", {"email": "a@b.co", "preferred_language": "en", "city": "Tver", "phone": "call me", "age": ""}, headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert "Enter a phone number" in response.content.decode()
    user.refresh_from_db()
    assert user.city == "Omsk"


def test_the_delete_page_needs_the_password(user_client, user):
    response = user_client.post("/accounts/delete", {"password": "wrong"})
    assert response.status_code == 400
    assert User.objects.filter(pk=user.pk).exists()
    response = user_client.post("/accounts/delete", {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()


def test_the_password_page_changes_the_password_and_keeps_the_session(user_client, user):
    response = user_client.post("/accounts/password", {"old_password": PASSWORD, "new_password": "brand-new-99"})
    assert response.status_code == 302
    assert user_client.get("/accounts/profile").status_code == 200
    user.refresh_from_db()
    assert user.check_password("brand-new-99")


def test_the_language_preference_is_applied_after_login(user_client, user):
    user.preferred_language = "ru"
    user.save()
    response = user_client.get("/accounts/profile")
    assert response["Content-Language"] == "ru"


@pytest.mark.parametrize(("preferences", "message"), [
    ({f"key{n}": n for n in range(21)}, "At most 20 preferences"),
    ({"theme": "x" * 201}, "at most 200 characters"),
    ({"theme": {"nested": ["deep"]}}, "must be a number, true/false or a text"),
    ({"bad key!": 1}, "is not a preference name"),
], ids=["too-many", "too-long", "nested", "bad-key"])
def test_preferences_are_a_few_short_settings(api, user, preferences, message):
    response = api.patch("/api/me", {"preferences": preferences})
    assert response.status_code == 400
    assert message in response.json()["detail"], response.json()
    user.refresh_from_db()
    assert user.preferences == {}


def test_five_megabytes_of_preferences_are_refused(api, user):
    response = api.patch("/api/me", {"preferences": {"theme": "x" * 5_000_000}})
    assert response.status_code == 400
    api.patch("/api/me", {"preferences": {"theme": "dark", "compact": True}})
    user.refresh_from_db()
    assert user.preferences == {"theme": "dark", "compact": True}
