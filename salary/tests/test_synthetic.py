"""The synthetic demo corpus: deterministic, marked, and following its documented rules."""

import io
import statistics
from collections import defaultdict

from salary import synthetic
from salary.importer import parse_file
from salary.synthetic import generate_postings, to_hh_vacancy, write_jsonl


def test_same_seed_same_corpus_different_seed_different_corpus() -> None:
    assert generate_postings(200, seed=5) == generate_postings(200, seed=5)
    assert generate_postings(200, seed=5) != generate_postings(200, seed=6)


def test_demo_corpus_size_and_invariants() -> None:
    postings = generate_postings(2000)
    roles = {role.key for role in synthetic.ROLES}
    assert len(postings) == 2000
    for p in postings:
        assert p.synthetic is True and p.currency == "RUB" and p.role in roles
        assert p.title and p.description and p.skills and p.location
        assert p.salary_from is not None or p.salary_to is not None
        assert all(v > 0 for v in (p.salary_from, p.salary_to) if v is not None)
        if p.salary_from is not None and p.salary_to is not None:
            assert p.salary_from <= p.salary_to
    assert {p.role for p in postings} == roles


def _median_from(postings, key) -> dict[str, float]:
    groups: dict[str, list[int]] = defaultdict(list)
    for p in postings:
        if p.salary_from:
            groups[key(p)].append(p.salary_from)
    return {k: statistics.median(v) for k, v in groups.items()}


def test_seniority_and_city_rules_show_in_the_data() -> None:
    postings = generate_postings(4000, seed=11)

    def level(p) -> str:
        title = p.title.lower()
        for word, name in (("intern", "intern"), ("стажер", "intern"), ("junior", "junior"),
                           ("младший", "junior"), ("senior", "senior"), ("старший", "senior"),
                           ("lead", "lead"), ("ведущий", "lead")):
            if word in title:
                return name
        return "middle"

    by_level = _median_from(postings, level)
    assert by_level["intern"] < by_level["junior"] < by_level["middle"] < by_level["senior"] < by_level["lead"]
    by_city = _median_from(postings, lambda p: p.location)
    assert by_city["Moscow"] > by_city["Saint Petersburg"] > by_city["Samara"]


def test_titles_mix_english_and_russian_seniority_words() -> None:
    titles = " ".join(p.title for p in generate_postings(1000, seed=2))
    for word in ("Junior", "Senior", "Lead", "Intern", "Младший", "Старший", "Ведущий", "стажер"):
        assert word in titles


def test_hh_export_round_trips_through_the_importer() -> None:
    postings = generate_postings(100, seed=4)
    stream = io.StringIO()
    assert write_jsonl(postings, stream) == 100
    result = parse_file(io.BytesIO(stream.getvalue().encode()), format="jsonl")
    assert result.errors == [] and result.imported == 100
    # The importer cannot know the generator's role; everything else survives.
    assert [(p.title, p.description, p.skills, p.location, p.salary_from, p.salary_to, p.synthetic)
            for p in result.postings] == \
           [(p.title, p.description, p.skills, p.location, p.salary_from, p.salary_to, True) for p in postings]


def test_export_marks_synthetic_and_uses_hh_shape() -> None:
    item = to_hh_vacancy(generate_postings(1, seed=8)[0])
    assert item["synthetic"] is True
    assert set(item) >= {"name", "description", "salary", "area", "key_skills"}
    assert isinstance(item["key_skills"][0]["name"], str) and "name" in item["area"]
