"""What the model is told: the system prompt, the plan's instruction, and the history that fits."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

# The coach's prompt for a free chat (no persona, no vacancy): product copy, kept as text.
FREE_CHAT_SYSTEM_PROMPT = (Path(__file__).parent / "data" / "free_chat_prompt.txt").read_text(encoding="utf-8")

# A cheap, conservative token estimate: ~3.5 characters a token for English, fewer for
# Russian; over-estimating only drops an old turn a little early.
CHARS_PER_TOKEN = 3
MESSAGE_OVERHEAD_TOKENS = 4
# The history read for a prompt; older turns would not fit a small context anyway.
HISTORY_LIMIT = 40



def estimate_tokens(text: str) -> int:
    return len(text) // CHARS_PER_TOKEN + MESSAGE_OVERHEAD_TOKENS


def build_messages(*, system_prompt: str, history: list[dict], instruction: str | None = None,
                   num_ctx: int | None = None, reserve: int | None = None) -> list[dict]:
    """The chat messages for one reply, oldest turns dropped first to fit the context.

    Guarantees: the system prompt is always first and never dropped; the newest user turn is
    always kept; `instruction` (the app's direction for this turn, e.g. the next planned
    question) goes into the system prompt, so the candidate's text stays in the user role.
    """
    num_ctx = num_ctx or settings.LLM_NUM_CTX
    reserve = settings.LLM_NUM_PREDICT if reserve is None else reserve
    system = system_prompt if not instruction else f"{system_prompt}\n\n{instruction}"
    budget = num_ctx - reserve - estimate_tokens(system)
    turns: list[dict] = []
    for message in reversed(history):
        if not message.get("content"):
            continue  # failed or empty replies teach the model nothing
        cost = estimate_tokens(message["content"])
        if turns and cost > budget:
            break
        turns.append({"role": message["role"], "content": message["content"]})
        budget -= cost
    return [{"role": "system", "content": system}, *reversed(turns)]
