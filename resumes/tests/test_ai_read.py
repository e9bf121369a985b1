"""The LLM's second read of an upload (fake Ollama over real HTTP): it adds what the text names,
never what it invents, and a missing or slow model never fails the upload."""

import json

import pytest

from resumes.tests.helpers import make_docx, make_pdf, upload_file

pytestmark = pytest.mark.django_db

LINES = [
    "Maria Ivanova",
    "Backend engineer. I build services in Python and Go, deploy them with Nomad on our clusters,",
    "and keep the team's Dagster pipelines and Pulumi stacks in order.",
]


def upload(api, data: bytes, name: str = "cv.pdf"):
    return api.client.post("/api/resume/upload", {"file": upload_file(name, data)}, headers=api._headers(None))


def answer(**fields) -> str:
    return json.dumps({"skills": [], "positions": [], "years_experience": None} | fields)


def test_the_model_adds_skills_and_facts_that_the_text_names(api, fake_ollama):
    fake_ollama.add_reply(answer(skills=["Nomad", "Pulumi", "Kafka"], positions=["Backend engineer"],
                                 years_experience=6))

    draft = upload(api, make_pdf(LINES)).json()

    # Nomad and Pulumi are not in our dictionary: only the model's read finds them.
    assert {"Python", "Nomad", "Pulumi"} <= set(draft["skills"])
    assert "Dagster" not in draft["skills"]  # the model did not name it, and the dictionary doesn't know it
    assert "Kafka" not in draft["skills"]  # the resume never says Kafka: an invention is dropped
    assert draft["positions"] == ["Backend engineer"]
    assert draft["years_experience"] == 6
    [request] = fake_ollama.chat_requests
    system, user = request.body["messages"]
    assert system["role"] == "system" and "Maria" not in system["content"]
    assert user["role"] == "user" and "Maria Ivanova" in user["content"]  # the resume stays in the user role
    assert request.body["format"]["required"] == ["skills", "positions", "years_experience"]


def test_what_the_dictionary_found_wins_over_the_model(api, fake_ollama):
    fake_ollama.add_reply(answer(years_experience=30, positions=["Astronaut"]))
    lines = ["Desired position: Data Analyst", "Skills: SQL, Pandas", "3 years of experience in analytics."]

    draft = upload(api, make_docx(lines), "cv.docx").json()

    assert draft["years_experience"] == 3 and draft["positions"] == ["Data Analyst"]
    assert draft["skills"] == ["SQL", "pandas"]


@pytest.mark.parametrize("failure", ["500", "garbage"])
def test_a_failing_model_leaves_the_dictionary_draft(api, fake_ollama, failure):
    if failure == "500":
        fake_ollama.add_failure("500")
    else:
        fake_ollama.add_reply("not json at all")

    response = upload(api, make_pdf(LINES))

    assert response.status_code == 200
    skills = response.json()["skills"]
    assert "Python" in skills and "Nomad" not in skills


def test_a_slow_model_is_given_up_on(api, fake_ollama, settings):
    settings.RESUME_LLM_TIMEOUT_S = 0.3
    fake_ollama.add_reply(answer(skills=["Nomad"]), first_token_delay=3)

    response = upload(api, make_pdf(LINES))

    assert response.status_code == 200
    assert "Nomad" not in response.json()["skills"]


def test_no_model_at_all_still_parses(api, settings):
    settings.OLLAMA_HOST = "http://127.0.0.1:9"  # nothing listens there
    response = upload(api, make_pdf(LINES))
    assert response.status_code == 200 and "Python" in response.json()["skills"]


def test_a_model_skill_counts_only_as_a_whole_word_of_the_text(api, fake_ollama):
    fake_ollama.add_reply(answer(skills=["Go", "Nomad"]))
    lines = ["Good communicator. I run services on Nomad."]

    skills = upload(api, make_pdf(lines)).json()["skills"]

    assert "Nomad" in skills and "Go" not in skills  # "Good" does not name Go
