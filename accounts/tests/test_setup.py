"""An app set up as Django's tutorials do (`migrate`, nothing else) has all it needs to log people in."""

import pytest
from django.core.management import call_command
from django.db import connection

from accounts.tests.factories import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_migrate_alone_creates_the_cache_table_log_ins_need(anon_api, user):
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE onlyjobless_cache")
    call_command("migrate", "accounts", "0001", verbosity=0)
    call_command("migrate", verbosity=0)
    assert "onlyjobless_cache" in connection.introspection.table_names()
    assert anon_api.post("/api/auth/token", {"username": "alice", "password": PASSWORD}).status_code == 200
