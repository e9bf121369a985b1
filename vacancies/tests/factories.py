import factory

from interviews.models import Persona
from vacancies.models import Vacancy
from vacancies.services import replace_questions


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Engineer {n}")
    company = "Acme"
    description = "Build and run services that people rely on every day."
    skills = factory.LazyFunction(lambda: ["Python", "SQL"])
    location = "Berlin"
    salary_min = 50000
    salary_max = 70000
    currency = Vacancy.Currency.EUR
    is_published = True

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        """VacancyFactory(questions=[{...}]) saves them as version 1."""
        if create and extracted:
            replace_questions(vacancy=self, questions=extracted)


class PersonaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persona

    name = factory.Sequence(lambda n: f"Interviewer {n}")
    description = "Asks clear questions and listens."
    system_prompt = "You are a calm interviewer."
    language = "en"
    difficulty = Persona.Difficulty.MEDIUM


def question(text: str, topic: str = "General", ideal_answer: str = "Key points.") -> dict:
    return {"text": text, "topic": topic, "ideal_answer": ideal_answer}
