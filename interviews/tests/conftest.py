import pytest
from bson import ObjectId

from interviews import chats, services


@pytest.fixture
def free_chat(user):
    return services.create_free_chat(user_id=str(user.pk), title="Practice")


def add_messages(chat: dict, n: int) -> list[dict]:
    """n alternating user/assistant messages, in order."""
    messages = [
        chats.new_message(chat_id=chat["_id"], user_id=chat["user_id"], role="user" if i % 2 == 0 else "assistant",
                          kind="answer" if i % 2 == 0 else "reply", content=f"message {i}")
        for i in range(n)
    ]
    for message in messages:  # ObjectIds from one process increase; keep order explicit anyway
        message["_id"] = ObjectId()
    chats.insert_messages(messages)
    return messages
