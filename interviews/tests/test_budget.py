"""The answer path's round-trip budget: <= 1 Postgres query and <= 7 Mongo commands, 0 per token."""

import pytest

from conftest import token_for
from interviews.tests.test_streaming import _post, joined_tokens, parse_sse

pytestmark = pytest.mark.django_db(transaction=True)


def test_answering_stays_within_the_round_trip_budget(free_chat, user, fake_ollama, mongo_commands):
    auth = {"Authorization": f"Bearer {token_for(user)}"}
    # Sync test: async_to_sync runs the view's thread-sensitive ORM calls on this thread,
    # so this thread's connection sees (and counts) them.
    from asgiref.sync import async_to_sync
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for length in (3, 300):
        fake_ollama.add_reply(["t "] * length)
        mongo_commands.clear()
        with CaptureQueriesContext(connection) as queries:
            response, raw = async_to_sync(_post)(free_chat["_id"], auth, sse=True)
        work = [c for c in mongo_commands if c not in ("hello", "isMaster", "ismaster", "ping", "endSessions")]
        # rate limit, reply claim, turn claim, insert both messages, history, save the reply, release
        # the claim: the two claim commands make "one reply per user" hold across processes.
        assert len(work) <= 7, work
        assert len(queries) <= 1, [q["sql"] for q in queries]
        assert joined_tokens(parse_sse(raw)) == "t " * length
        # A frame carries what arrived since the last one (one per FRAME_S at most), not one per token.
        assert raw.count("event: token") <= max(3, length // 10)
