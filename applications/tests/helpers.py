"""Answering a screening through the chat API, and scripted assessments."""

import json

GOOD_ANSWERS = [
    "I ran PostgreSQL in production for three years and tuned slow queries with EXPLAIN and partial indexes.",
    "I containerised our Django services with Docker and multi-stage builds, cutting images to 120 MB.",
    "I have not used Kubernetes at work, but I deployed a side project to k3s and know pods and deployments.",
    "I built a payments API in Python with Django REST framework that handled 2,000 requests a minute.",
    "Four years of backend work: Django APIs, Celery jobs, and on-call for the billing service.",
    "I like the product, and I can start in two weeks after my notice period.",
]


def answer(api, chat_id: str, content: str):
    response = api.post(f"/api/chats/{chat_id}/messages", {"content": content})
    assert response.status_code == 201, response.content
    return response


def answer_all(api, chat_id: str, answers=GOOD_ANSWERS) -> None:
    for content in answers:
        answer(api, chat_id, content)


def assessment_json(score=80, strengths=(), reasons=()) -> str:
    return json.dumps({
        "relevance_score": score,
        "strengths": [{"text": text, "evidence": evidence} for text, evidence in strengths],
        "rejection_reasons": [{"text": text, "evidence": evidence} for text, evidence in reasons],
    })
