"""SYNTHETIC demo vacancies with salaries. NOT REAL MARKET DATA.

Why this exists: the project needs a corpus to train, test and demo the salary model
without shipping scraped postings. Every posting here is invented by a seeded random
generator (same ``seed`` -> same corpus, on every machine), and each one carries
``synthetic=True`` so it can never be mistaken for, or mixed silently with, real data.

How a salary is made (all multiplicative, in RUB per month, before tax as hh.ru shows it):

    base(role, Moscow, middle) x stack x seniority x city x skills x employer x noise

Each factor below is commented with the public salary survey whose *shape* it follows
(hh.ru / Habr Career reports on Russian IT pay by role, level and city; the Stack
Overflow Developer Survey for technology premiums). The numbers are rounded,
illustrative values chosen to look plausible; they were not copied from those reports,
are not kept up to date, and must not be quoted as market figures.

Text: titles use English or Russian seniority words ("Junior", "Senior", "Младший",
"Старший", "Ведущий", "(стажер)") the way hh.ru postings mix them; descriptions are
templated sentences varied by role, skills, experience and employer type.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

from salary.ml import Posting

__all__ = ["CITIES", "ROLES", "SENIORITIES", "Posting", "generate_postings", "to_hh_vacancy", "write_jsonl"]


@dataclass(frozen=True, slots=True)
class Role:
    key: str
    # Median-ish gross monthly pay of a *middle* in Moscow, RUB.
    base: int
    # (stack name, multiplier, core skills); one stack is chosen per posting.
    stacks: tuple[tuple[str, float, tuple[str, ...]], ...]
    titles_en: tuple[str, ...]
    titles_ru: tuple[str, ...]
    duties_en: tuple[str, ...]
    duties_ru: tuple[str, ...]


# Role bases follow the *ordering* in Habr Career's half-year "Зарплаты в IT" reports and
# hh.ru's IT salary reviews: ML / data engineering, DevOps and backend at the top; mobile
# and frontend a little lower; analysts and managers in the middle; manual QA, design and
# support at the bottom. Stack multipliers follow the Stack Overflow Developer Survey's
# "top paying technologies" (Go, Scala, Kotlin above average; PHP, jQuery-era web below).
ROLES: tuple[Role, ...] = (
    Role(
        key="backend", base=250_000,
        stacks=(
            ("Python", 1.00, ("Python", "Django", "FastAPI", "PostgreSQL", "Celery", "Redis", "Docker")),
            ("Java", 1.05, ("Java", "Spring Boot", "Hibernate", "PostgreSQL", "Maven", "Microservices")),
            ("Go", 1.08, ("Go", "gRPC", "PostgreSQL", "Redis", "Docker", "Microservices")),
            ("PHP", 0.85, ("PHP", "Laravel", "Symfony", "MySQL", "Redis", "Nginx")),
            ("C#", 0.98, ("C#", ".NET", "ASP.NET Core", "MS SQL", "Entity Framework")),
            ("Node.js", 0.97, ("Node.js", "TypeScript", "NestJS", "PostgreSQL", "MongoDB")),
        ),
        titles_en=("{stack} Developer", "Backend Developer ({stack})", "{stack} Engineer"),
        titles_ru=("{stack}-разработчик", "Backend-разработчик ({stack})", "Программист {stack}"),
        duties_en=("design and develop backend services", "build REST and gRPC APIs",
                   "optimise database queries", "review code and mentor colleagues",
                   "integrate with payment and partner systems"),
        duties_ru=("разработка и поддержка серверной части", "проектирование REST API",
                   "оптимизация запросов к базе данных", "код-ревью и помощь коллегам",
                   "интеграция с платежными и партнерскими системами"),
    ),
    Role(
        key="frontend", base=220_000,
        stacks=(
            ("React", 1.00, ("JavaScript", "TypeScript", "React", "Redux", "HTML", "CSS", "Webpack")),
            ("Vue", 0.96, ("JavaScript", "TypeScript", "Vue.js", "Vuex", "HTML", "CSS")),
            ("Angular", 0.98, ("TypeScript", "Angular", "RxJS", "HTML", "SCSS")),
        ),
        titles_en=("Frontend Developer", "Frontend Developer ({stack})", "{stack} Developer"),
        titles_ru=("Frontend-разработчик", "Frontend-разработчик ({stack})", "Фронтенд-разработчик {stack}"),
        duties_en=("build responsive user interfaces", "develop a design system",
                   "improve page performance", "write unit and e2e tests for the UI"),
        duties_ru=("разработка пользовательских интерфейсов", "развитие дизайн-системы",
                   "оптимизация скорости загрузки страниц", "покрытие интерфейса тестами"),
    ),
    Role(
        key="mobile", base=240_000,
        stacks=(
            ("iOS", 1.03, ("Swift", "SwiftUI", "UIKit", "Combine", "Xcode")),
            ("Android", 1.00, ("Kotlin", "Android SDK", "Jetpack Compose", "Coroutines", "Gradle")),
            ("Flutter", 0.94, ("Dart", "Flutter", "REST API", "Firebase")),
        ),
        titles_en=("{stack} Developer", "Mobile Developer ({stack})"),
        titles_ru=("{stack}-разработчик", "Мобильный разработчик ({stack})"),
        duties_en=("develop new features of the mobile app", "improve app stability and startup time",
                   "work with designers on the UI", "publish releases to the stores"),
        duties_ru=("разработка новых функций мобильного приложения", "повышение стабильности приложения",
                   "работа с дизайнерами над интерфейсом", "публикация релизов в сторах"),
    ),
    Role(
        key="qa", base=160_000,
        # Habr Career consistently shows test automation paid well above manual testing.
        stacks=(
            ("Manual", 0.85, ("Manual testing", "Test design", "Jira", "TestRail", "SQL", "Postman")),
            ("Automation", 1.20, ("Python", "Pytest", "Selenium", "Playwright", "CI/CD", "Allure")),
        ),
        titles_en=("QA Engineer", "QA {stack} Engineer", "Software Tester"),
        titles_ru=("Тестировщик", "QA-инженер ({stack})", "Инженер по тестированию"),
        duties_en=("write and run test cases", "automate regression tests", "report and triage bugs",
                   "take part in release planning"),
        duties_ru=("написание и прохождение тест-кейсов", "автоматизация регрессионных тестов",
                   "заведение и разбор дефектов", "участие в планировании релизов"),
    ),
    Role(
        key="devops", base=260_000,
        stacks=(("Kubernetes", 1.00, ("Linux", "Kubernetes", "Docker", "Terraform", "Ansible", "Prometheus",
                                      "GitLab CI")),),
        titles_en=("DevOps Engineer", "Site Reliability Engineer (SRE)"),
        titles_ru=("DevOps-инженер", "SRE-инженер"),
        duties_en=("maintain Kubernetes clusters", "build CI/CD pipelines", "set up monitoring and alerting",
                   "automate infrastructure as code"),
        duties_ru=("поддержка кластеров Kubernetes", "построение CI/CD", "настройка мониторинга и алертинга",
                   "описание инфраструктуры как кода"),
    ),
    Role(
        key="data_scientist", base=270_000,
        stacks=(("ML", 1.00, ("Python", "PyTorch", "scikit-learn", "pandas", "SQL", "MLflow", "CatBoost")),),
        titles_en=("Data Scientist", "ML Engineer", "Machine Learning Engineer"),
        titles_ru=("Data Scientist", "ML-инженер", "ML-разработчик"),
        duties_en=("build and validate machine learning models", "run A/B experiments",
                   "deploy models to production", "research new approaches to ranking"),
        duties_ru=("построение и валидация моделей машинного обучения", "проведение A/B-тестов",
                   "вывод моделей в продакшен", "исследование новых подходов к ранжированию"),
    ),
    Role(
        key="data_engineer", base=260_000,
        stacks=(("DWH", 1.00, ("Python", "SQL", "Airflow", "Spark", "Hadoop", "Greenplum", "dbt")),),
        titles_en=("Data Engineer", "DWH Engineer"),
        titles_ru=("Data Engineer", "Инженер данных", "DWH-разработчик"),
        duties_en=("build ETL pipelines", "develop the data warehouse", "ensure data quality",
                   "optimise Spark jobs"),
        duties_ru=("разработка ETL-процессов", "развитие хранилища данных", "контроль качества данных",
                   "оптимизация Spark-задач"),
    ),
    Role(
        key="data_analyst", base=180_000,
        stacks=(("BI", 1.00, ("SQL", "Python", "Excel", "Tableau", "Power BI", "A/B testing")),),
        titles_en=("Data Analyst", "Product Analyst", "BI Analyst"),
        titles_ru=("Аналитик данных", "Продуктовый аналитик", "BI-аналитик"),
        duties_en=("build dashboards and reports", "analyse product metrics", "design A/B tests",
                   "find growth opportunities in data"),
        duties_ru=("построение дашбордов и отчетов", "анализ продуктовых метрик", "дизайн A/B-тестов",
                   "поиск точек роста в данных"),
    ),
    Role(
        key="system_analyst", base=200_000,
        stacks=(("Systems", 1.00, ("BPMN", "UML", "SQL", "REST API", "Confluence", "Jira")),),
        titles_en=("System Analyst", "Business Analyst"),
        titles_ru=("Системный аналитик", "Бизнес-аналитик"),
        duties_en=("gather and document requirements", "design integrations between systems",
                   "write technical specifications", "work with developers and testers"),
        duties_ru=("сбор и формализация требований", "проектирование интеграций между системами",
                   "написание технических заданий", "взаимодействие с разработкой и тестированием"),
    ),
    Role(
        key="product_manager", base=250_000,
        stacks=(("Product", 1.00, ("Product management", "Jira", "CJM", "Unit economics", "A/B testing")),),
        titles_en=("Product Manager", "Product Owner"),
        titles_ru=("Менеджер продукта", "Product Manager", "Владелец продукта"),
        duties_en=("own the product roadmap", "prioritise the backlog", "talk to customers",
                   "define and track product metrics"),
        duties_ru=("формирование дорожной карты продукта", "приоритизация бэклога", "общение с клиентами",
                   "определение и контроль продуктовых метрик"),
    ),
    Role(
        key="project_manager", base=200_000,
        stacks=(("Delivery", 1.00, ("Project management", "Agile", "Scrum", "Jira", "Confluence")),),
        titles_en=("Project Manager", "IT Project Manager"),
        titles_ru=("Руководитель проектов", "Менеджер проектов", "IT Project Manager"),
        duties_en=("plan and track project delivery", "manage risks and deadlines",
                   "coordinate the team and stakeholders", "report project status"),
        duties_ru=("планирование и контроль сроков проекта", "управление рисками",
                   "координация команды и заказчиков", "отчетность по статусу проекта"),
    ),
    Role(
        key="designer", base=170_000,
        stacks=(("Product design", 1.00, ("Figma", "UI/UX", "Prototyping", "Design systems", "User research")),),
        titles_en=("UI/UX Designer", "Product Designer"),
        titles_ru=("UX/UI дизайнер", "Продуктовый дизайнер"),
        duties_en=("design user flows and interfaces", "run user research", "maintain the design system",
                   "prepare prototypes for developers"),
        duties_ru=("проектирование пользовательских сценариев и интерфейсов", "проведение исследований",
                   "поддержка дизайн-системы", "подготовка прототипов для разработки"),
    ),
    Role(
        key="onec", base=200_000,
        # hh.ru regularly lists 1C developers among the most demanded IT roles in Russia,
        # with pay close to mainstream backend for experienced specialists.
        stacks=(("1C", 1.00, ("1С:Предприятие 8", "1С:ERP", "1С:Бухгалтерия", "SQL", "СКД")),),
        titles_en=("1C Developer",),
        titles_ru=("Программист 1С", "1С-разработчик"),
        duties_en=("develop and maintain 1C configurations", "integrate 1C with other systems",
                   "automate accounting processes"),
        duties_ru=("доработка и сопровождение конфигураций 1С", "интеграция 1С с внешними системами",
                   "автоматизация учетных процессов"),
    ),
)


@dataclass(frozen=True, slots=True)
class Seniority:
    key: str
    # Relative to middle. Habr Career's reports put junior pay at roughly half of middle,
    # senior at roughly 1.5-1.7x middle and team leads a bit above seniors; interns get a
    # small stipend-like salary. The exact values are illustrative.
    multiplier: float
    weight: float  # share of postings; hh.ru has few intern/lead openings, most are middle/senior
    years: tuple[int, int]  # required experience written into the description
    words_en: tuple[str, ...]  # "{title}" marks where the role title goes
    words_ru: tuple[str, ...]


SENIORITIES: tuple[Seniority, ...] = (
    Seniority("intern", 0.30, 0.05, (0, 0), ("{title} Intern", "Intern {title}", "Trainee {title}"),
              ("{title} (стажер)", "Стажер: {title}")),
    Seniority("junior", 0.50, 0.18, (0, 1), ("Junior {title}",), ("Junior {title}", "Младший {title}")),
    # Middle postings often carry no level word at all; that is realistic and harder.
    Seniority("middle", 1.00, 0.37, (2, 3), ("Middle {title}", "{title}"), ("Middle {title}", "{title}")),
    Seniority("senior", 1.60, 0.30, (4, 6), ("Senior {title}",), ("Senior {title}", "Старший {title}")),
    Seniority("lead", 1.90, 0.10, (6, 8), ("Lead {title}", "Team Lead {title}"),
              ("Team Lead {title}", "Ведущий {title}")),
)


# (city, multiplier, weight). hh.ru and Habr Career regional breakdowns: Moscow pays the
# most, Saint Petersburg roughly 10 % less, other million-plus cities 20-35 % less;
# remote roles sit close to Moscow because most remote employers are Moscow companies.
CITIES: tuple[tuple[str, float, float], ...] = (
    ("Moscow", 1.00, 0.34),
    ("Saint Petersburg", 0.90, 0.17),
    ("Remote", 0.95, 0.15),
    ("Novosibirsk", 0.76, 0.06),
    ("Yekaterinburg", 0.77, 0.06),
    ("Kazan", 0.74, 0.06),
    ("Nizhny Novgorod", 0.72, 0.06),
    ("Krasnodar", 0.70, 0.05),
    ("Samara", 0.68, 0.05),
)

# Extra skills and their premium. Stack Overflow Developer Survey "top paying
# technologies" puts cloud-native / distributed-systems tools (Kubernetes, Kafka,
# ClickHouse-class analytics databases, Rust, Scala) above average and older web stacks
# (jQuery, WordPress, 1C-Bitrix) below. Habr Career notes an English premium.
SKILL_PREMIUMS: dict[str, float] = {
    "Kubernetes": 1.06,
    "Kafka": 1.05,
    "ClickHouse": 1.04,
    "Highload": 1.06,
    "Rust": 1.07,
    "Scala": 1.05,
    "AWS": 1.04,
    "English C1": 1.05,
    "Git": 1.00,
    "Linux": 1.00,
    "Agile": 1.00,
    "jQuery": 0.93,
    "WordPress": 0.90,
    "1C-Bitrix": 0.92,
}
# Premiums compound, but no real offer doubles because of a keyword list.
_MAX_SKILL_FACTOR = 1.25

# (multiplier, English sentence, Russian sentence). Employer type is only visible in the
# description, which gives the description model something real to learn. hh.ru and
# Habr Career both report higher pay in big tech / banks and lower in outsourcing and
# small web studios.
EMPLOYERS: tuple[tuple[float, str, str], ...] = (
    (1.12, "We are one of the largest banks and technology companies in the country.",
     "Мы — один из крупнейших банков и технологических холдингов страны."),
    (1.08, "We are a big tech company with millions of users.",
     "Мы — крупная технологическая компания с миллионами пользователей."),
    (1.00, "We are a product company growing fast in e-commerce.",
     "Мы — продуктовая компания, быстро растущая в e-commerce."),
    (0.95, "We are an early-stage startup backed by venture funds.",
     "Мы — стартап на ранней стадии с венчурными инвестициями."),
    (0.88, "We are an outsourcing studio building projects for clients.",
     "Мы — аутсорсинговая студия, делаем проекты для заказчиков."),
)

# Unexplained employer-to-employer spread. hh.ru interquartile ranges for one role and
# level are roughly +-25 % around the median; lognormal sigma 0.15 gives a similar spread.
_NOISE_SIGMA = 0.15

# Fork width to/from. Typical hh.ru forks are 10-50 % wide.
_FORK_RANGE = (1.10, 1.50)

# Share of postings that publish only one bound ("от 200 000" / "до 300 000"); on hh.ru
# "from only" is far more common than "to only".
_ONLY_FROM_SHARE = 0.22
_ONLY_TO_SHARE = 0.10

_RUSSIAN_SHARE = 0.7  # most hh.ru IT postings are in Russian

_CONDITIONS_EN = ("Official employment and a white salary.", "Health insurance from the first month.",
                  "Flexible schedule.", "Budget for conferences and courses.", "Modern office near the metro.",
                  "Paid sports and English lessons.")
_CONDITIONS_RU = ("Официальное трудоустройство, белая зарплата.", "ДМС с первого месяца.", "Гибкий график.",
                  "Бюджет на конференции и обучение.", "Современный офис у метро.",
                  "Компенсация спорта и английского языка.")


def _salary_round(value: float) -> int:
    # Employers post round numbers: to 5,000 RUB, never below 10,000.
    return max(10_000, int(5_000 * round(value / 5_000)))


def _years_sentence(years: int, *, russian: bool) -> str:
    if years == 0:
        return "Опыт не требуется, всему научим." if russian else "No commercial experience required, we will teach you."
    return (f"Опыт коммерческой разработки или работы по специальности от {years} лет." if russian
            else f"{years}+ years of relevant commercial experience.")


def _make_posting(rng: random.Random) -> Posting:
    role = rng.choice(ROLES)
    stack, stack_factor, core_skills = rng.choice(role.stacks)
    seniority = rng.choices(SENIORITIES, weights=[s.weight for s in SENIORITIES])[0]
    city, city_factor, _ = rng.choices(CITIES, weights=[c[2] for c in CITIES])[0]
    employer_factor, employer_en, employer_ru = rng.choice(EMPLOYERS)
    russian = rng.random() < _RUSSIAN_SHARE

    skills = rng.sample(core_skills, k=min(len(core_skills), rng.randint(3, 5)))
    extras = rng.sample(sorted(SKILL_PREMIUMS), k=rng.choice((0, 0, 1, 1, 2, 3)))
    skills += [s for s in extras if s not in skills]
    skill_factor = min(_MAX_SKILL_FACTOR, math.prod(SKILL_PREMIUMS.get(s, 1.0) for s in skills))

    base_title = rng.choice(role.titles_ru if russian else role.titles_en).format(stack=stack)
    pattern = rng.choice(seniority.words_ru if russian else seniority.words_en)
    if russian and pattern[0] in "МСВ" and base_title[0].isupper() and base_title[1:2].islower():
        # "Старший тестировщик", not "Старший Тестировщик"; "Старший Data Scientist" stays.
        base_title = base_title[0].lower() + base_title[1:]
    title = pattern.format(title=base_title)

    years = rng.randint(*seniority.years)
    duties = rng.sample(role.duties_ru if russian else role.duties_en, k=min(3, len(role.duties_en)))
    conditions = rng.sample(_CONDITIONS_RU if russian else _CONDITIONS_EN, k=2)
    if russian:
        description = " ".join([
            employer_ru, f"Ищем: {title}.", "Задачи: " + "; ".join(duties) + ".",
            _years_sentence(years, russian=True), "Стек: " + ", ".join(skills) + ".",
            "Условия: " + " ".join(conditions),
        ])
    else:
        description = " ".join([
            employer_en, f"Open position: {title}.", "You will " + "; ".join(duties) + ".",
            _years_sentence(years, russian=False), "Stack: " + ", ".join(skills) + ".",
            "We offer: " + " ".join(conditions),
        ])

    level = (role.base * stack_factor * seniority.multiplier * city_factor * skill_factor * employer_factor
             * rng.lognormvariate(0.0, _NOISE_SIGMA))
    salary_from = _salary_round(level)
    salary_to = max(salary_from, _salary_round(level * rng.uniform(*_FORK_RANGE)))
    shape = rng.random()
    if shape < _ONLY_FROM_SHARE:
        salary_to = None
    elif shape < _ONLY_FROM_SHARE + _ONLY_TO_SHARE:
        salary_from = None

    return Posting(
        title=title, description=description, skills=tuple(skills),
        location="Удаленно" if russian and city == "Remote" and rng.random() < 0.5 else city,
        salary_from=salary_from, salary_to=salary_to, currency="RUB", role=role.key, synthetic=True,
    )


def generate_postings(n: int, *, seed: int = 42) -> list[Posting]:
    """``n`` SYNTHETIC postings, deterministic for a given ``seed`` (own RNG, no global state)."""
    if n < 0:
        raise ValueError("n must be non-negative")
    rng = random.Random(seed)
    return [_make_posting(rng) for _ in range(n)]


def to_hh_vacancy(posting: Posting) -> dict[str, Any]:
    """Posting -> dict shaped like an hh.ru vacancy, for export and importer round-trips.

    ``"synthetic": true`` is kept in every exported object so the demo corpus stays marked.
    """
    salary = None
    if posting.salary_from is not None or posting.salary_to is not None:
        salary = {"from": posting.salary_from, "to": posting.salary_to, "currency": posting.currency}
    return {
        "name": posting.title,
        "description": f"<p>{posting.description}</p>",
        "salary": salary,
        "area": {"name": posting.location},
        "key_skills": [{"name": skill} for skill in posting.skills],
        "synthetic": posting.synthetic,
    }


def write_jsonl(postings: Iterable[Posting], stream: IO[str]) -> int:
    """Write postings as hh.ru-shaped JSON Lines (the ``import_vacancies`` format)."""
    count = 0
    for posting in postings:
        stream.write(json.dumps(to_hh_vacancy(posting), ensure_ascii=False) + "\n")
        count += 1
    return count
