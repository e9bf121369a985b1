"""Placeholder until the LLM adapter lands (being written now)."""


def ping(*, timeout: float = 1.0) -> bool:
    return False
