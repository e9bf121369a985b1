"""Skill dictionary: normalisation, extraction from free text, matching."""

from __future__ import annotations

import time

import pytest

from skills import (
    MAX_SKILL_CHARS,
    SkillMatch,
    extract_skills,
    known_skills,
    match,
    normalize_skill,
    normalize_skills,
)


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("JS", "JavaScript"),
        ("javascript", "JavaScript"),
        ("Java Script", "JavaScript"),
        ("Postgres", "PostgreSQL"),
        ("PostgreSQL", "PostgreSQL"),
        ("psql", "PostgreSQL"),
        ("pg", "PostgreSQL"),
        ("k8s", "Kubernetes"),
        ("py", "Python"),
        ("python3", "Python"),
        ("TS", "TypeScript"),
        ("ReactJS", "React"),
        ("React.js", "React"),
        ("sklearn", "scikit-learn"),
        ("golang", "Go"),
        ("MS Excel", "Excel"),
        ("Microsoft Excel", "Excel"),
        ("excel", "Excel"),
        ("node js", "Node.js"),
        ("NodeJS", "Node.js"),
        ("dotnet", ".NET"),
        ("c#", "C#"),
        ("C++", "C++"),
        ("CI/CD", "CI/CD"),
        ("crm", "CRM"),
        ("Cold calling", "Cold calling"),
        ("negotiations", "Negotiation"),
        ("Recruiting", "Recruiting"),
        ("recruitment", "Recruiting"),
        ("seo", "SEO"),
        ("Google Analytics", "Google Analytics"),
        ("JIRA", "Jira"),
        ("figma", "Figma"),
        ("AB testing", "A/B testing"),
        ("a/b tests", "A/B testing"),
        ("communication skills", "Communication"),
        # Russian spellings and inflections
        ("Постгрес", "PostgreSQL"),
        ("питон", "Python"),
        ("Питоне", "Python"),
        ("Эксель", "Excel"),
        ("переговоры", "Negotiation"),
        ("ведение переговоров", "Negotiation"),
        ("холодные звонки", "Cold calling"),
        ("подбор персонала", "Recruiting"),
        ("Кубернетес", "Kubernetes"),
        ("1С", "1C"),  # Cyrillic С
        ("С#", "C#"),
        # versions, bullets, case
        ("Python 3.12", "Python"),
        ("Vue 3", "Vue.js"),
        ("C++17", "C++"),
        ("• docker,", "Docker"),
        ("DJANGO", "Django"),
    ],
)
def test_normalize_skill_synonyms(name, canonical):
    assert normalize_skill(name) == canonical


def test_normalize_unknown_skill_keeps_its_spelling():
    assert normalize_skill("  Underwater   Basket-Weaving; ") == "Underwater Basket-Weaving"
    assert normalize_skill("SAP ERP") == "SAP ERP"
    assert normalize_skill("Web 2.0") == "Web 2.0"  # a version strip only applies to known names
    assert normalize_skill("") == ""
    assert normalize_skill(" • , ") == ""
    assert len(normalize_skill("x" * 500)) == MAX_SKILL_CHARS


def test_normalize_keeps_dotted_names_but_drops_a_full_stop():
    assert normalize_skill(".NET") == ".NET"
    assert normalize_skill("Node.js") == "Node.js"
    assert normalize_skill("Python.") == "Python"


def test_normalize_skills_dedupes_case_insensitively_in_order():
    names = ["JS", "python", "JavaScript", "Py", " ", "Some Tool", "some tool", "k8s", "Kubernetes"]
    assert normalize_skills(names) == ["JavaScript", "Python", "Some Tool", "Kubernetes"]
    assert normalize_skills([]) == []
    assert normalize_skills(iter(["pg", "Postgres"])) == ["PostgreSQL"]


def test_every_canonical_name_normalises_to_itself():
    for name in known_skills():
        assert normalize_skill(name) == name
        assert normalize_skill(name.lower()) == name
    assert {"Python", "CRM", "Cold calling", "Negotiation", "Recruiting", "SEO", "Google Analytics",
            "Jira", "Figma", "Excel", "A/B testing", "Communication"} <= set(known_skills())


# --- extraction --------------------------------------------------------------------------


def test_extract_skills_from_free_text_in_order_of_mention():
    text = (
        "Senior backend developer: Python 3, Django, PostgreSQL (psql), Redis, Docker and k8s. "
        "Frontend with ReactJS and TS; CI/CD on GitLab CI."
    )
    assert extract_skills(text) == [
        "Python", "Django", "PostgreSQL", "Redis", "Docker", "Kubernetes", "React", "TypeScript", "CI/CD", "GitLab CI",
    ]


def test_symbols_in_names():
    text = "Languages: C, C++, C#, F#. Platforms: .NET 8, ASP.NET Core, Node.js; CI/CD pipelines."
    skills = extract_skills(text)
    for skill in ["C", "C++", "C#", ".NET", "ASP.NET", "Node.js", "CI/CD"]:
        assert skill in skills
    assert skills.index("C") < skills.index("C++") < skills.index("C#")


def test_c_slash_cpp():
    assert extract_skills("C/C++ embedded developer") == ["C", "C++"]


def test_no_go_inside_words_or_plain_english():
    text = "I am good at going the extra mile. Go-to-market strategy. Let's go! Google, Django, ago."
    assert "Go" not in extract_skills(text)
    assert extract_skills(text) == ["Django"]


def test_go_in_a_list_or_programming_context():
    assert extract_skills("Skills: Python, Go, Rust") == ["Python", "Go", "Rust"]
    assert extract_skills("Services written in Go and Python") == ["Go", "Python"]
    assert extract_skills("Senior Go developer") == ["Go"]
    assert extract_skills("Golang, gRPC") == ["Go", "gRPC"]


def test_r_only_as_a_language():
    assert extract_skills("Statistics in R, Python") == ["Statistics", "R", "Python"]
    assert extract_skills("Tools: SQL, R, Tableau") == ["SQL", "R", "Tableau"]
    for text in ["R&D department", "Microsoft(R) Word", "References: Smith, R.", "Rated R movies", "r"]:
        assert "R" not in extract_skills(text), text


def test_rust_as_a_word_not_inside_trust():
    assert extract_skills("I earned the trust of clients; entrusted with budgets") == []
    assert extract_skills("Rust, Tokio") == ["Rust"]


def test_whole_words_only():
    assert extract_skills("JavaScript") == ["JavaScript"]  # not Java too
    assert extract_skills("Java Script") == ["JavaScript"]
    assert extract_skills("NoSQL and MySQL") == ["NoSQL", "MySQL"]  # not SQL
    assert extract_skills("scripting, reactive, expressive, swiftly, rest assured") == []


def test_common_english_words_need_their_proper_case():
    assert extract_skills("I excel at negotiation") == ["Negotiation"]
    assert extract_skills("Advanced Excel, REST APIs, Swift") == ["Excel", "REST API", "Swift"]
    assert extract_skills("took a rest; a swift reply; made a sketch") == []


def test_russian_text():
    text = "Опыт: питон, Постгрес, ведение переговоров, холодные звонки, отчёты в Экселе, подбор персонала."
    assert extract_skills(text) == ["Python", "PostgreSQL", "Negotiation", "Cold calling", "Excel", "Recruiting"]


def test_non_it_skills():
    text = (
        "B2B sales via cold calling and CRM (HubSpot). Strong negotiation and communication. "
        "Ran A/B tests, SEO and Google Analytics reports; tasks in Jira, mockups in Figma."
    )
    assert extract_skills(text) == [
        "B2B sales", "Cold calling", "CRM", "HubSpot", "Negotiation", "Communication",
        "A/B testing", "SEO", "Google Analytics", "Jira", "Figma",
    ]


def test_urls_and_emails_are_not_skills():
    assert extract_skills("github.com/me/python-bot https://example.com/docker go@example.com") == []


def test_empty_text():
    assert extract_skills("") == []
    assert extract_skills("   \n ") == []


def test_extraction_is_fast_enough_for_long_resumes():
    text = ("Python developer with Django, PostgreSQL and some very long prose about projects. " * 400)[:30_000]
    started = time.perf_counter()
    extract_skills(text)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("hostile", ["a-" * 20_000, "a." * 20_000, "," + " " * 40_000 + "Go", "x@" * 20_000])
def test_extraction_stays_linear_on_hostile_text(hostile):
    started = time.perf_counter()
    extract_skills(hostile)
    assert time.perf_counter() - started < 1.0


# --- matching -----------------------------------------------------------------------------


def test_match_percent_and_lists():
    result = match(resume_skills=["JS", "py", "Docker"], vacancy_skills=["Python", "JavaScript", "Kubernetes", "SQL"])
    assert result == SkillMatch(percent=50, matched=["Python", "JavaScript"], missing=["Kubernetes", "SQL"])


def test_match_keeps_vacancy_order_and_dedupes():
    result = match(resume_skills=["postgres", "k8s"], vacancy_skills=["Kubernetes", "Go", "PostgreSQL", "pg", "k8s"])
    assert result.matched == ["Kubernetes", "PostgreSQL"]
    assert result.missing == ["Go"]
    assert result.percent == 67  # 2 of 3 distinct skills


def test_match_rounds_half_up():
    vacancy = [f"Skill {i}" for i in range(8)]
    assert match(resume_skills=["Skill 0"], vacancy_skills=vacancy).percent == 13  # 12.5 → 13


def test_match_full_and_none():
    assert match(resume_skills=["Python", "Go"], vacancy_skills=["python"]).percent == 100
    empty_resume = match(resume_skills=[], vacancy_skills=["Python", "Excel"])
    assert empty_resume == SkillMatch(percent=0, matched=[], missing=["Python", "Excel"])


def test_match_vacancy_without_skills_is_zero():
    # Nothing to match is not a 100% match: documented behaviour.
    assert match(resume_skills=["Python"], vacancy_skills=[]) == SkillMatch(percent=0, matched=[], missing=[])
    assert match(resume_skills=[], vacancy_skills=["  "]) == SkillMatch(percent=0, matched=[], missing=[])


def test_match_unknown_skills_compare_case_insensitively():
    result = match(resume_skills=["sap erp"], vacancy_skills=["SAP ERP", "1С"])
    assert result.matched == ["SAP ERP"]
    assert result.missing == ["1C"]


def test_match_is_keyword_only():
    with pytest.raises(TypeError):
        match(["Python"], ["Python"])  # type: ignore[misc]
