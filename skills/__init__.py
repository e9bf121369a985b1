"""Skill names: a curated dictionary, normalisation, extraction from free text, matching.

Pure functions, no Django and no I/O, so resumes, vacancies, applications and the salary
model can all share one notion of "the same skill".

The dictionary
--------------
``_SKILLS`` maps a canonical name to its aliases, written as one ``|``-separated string.
Every alias (and the canonical name itself) is accepted by :func:`normalize_skill`
case-insensitively. What :func:`extract_skills` may look for in free text depends on a
marker, because short names collide with ordinary words ("Go" in "go to", "R" in
"R&D", "Excel" in "excel at", "REST" in "rest"):

``alias``    plain: case-insensitive, whole-word match in text.
``=Alias``   case-sensitive in text (common English words written in lower case).
``@Alias``   case-sensitive *and* only in a list or programming context: "Skills: Go, R",
             "C/C++", "written in Go", "Go developer" (one- and two-letter names).
``~alias``   lookup only: :func:`normalize_skill` accepts it ("pg", "py" typed into a
             skills field) but text is never searched for it.
``stem*``    a word ending in ``*`` matches any continuation of the stem, for Russian
             inflections ("переговор*" matches "переговоры", "переговоров").

Inside an alias, a space or hyphen matches any run of spaces/hyphens (or none), so
"spring boot" also matches "Spring-Boot" and "SpringBoot". The canonical name is added
as a plain text alias unless an alias already spells it (with or without a marker).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["SkillMatch", "extract_skills", "match", "normalize_skill", "normalize_skills", "known_skills"]

# Longest cleaned-up name normalize_skill returns for an unknown skill: a skills list is
# for short names, and the value ends up in JSON lists, pages and prompts.
MAX_SKILL_CHARS = 100

# fmt: off
_SKILLS: dict[str, str] = {
    # --- Programming languages -------------------------------------------------------
    "Python": "python | python3 | python 3 | python2 | ~py | ~py3 | питон* | пайтон*",
    "JavaScript": "javascript | java script | =JS | ~js | ecmascript | =ES6 | ~es6 | джаваскрипт* | яваскрипт*",
    "TypeScript": "typescript | type script | =TS | ~ts | тайпскрипт*",
    "Java": "java | ~java se | ~java ee | джава",
    "Kotlin": "kotlin | котлин*",
    "Swift": "=Swift | ~swift",
    "Objective-C": "objective-c | objective c | objc | obj-c",
    "C": "@C | ~c | ansi c | c language | c programming | embedded c",
    "C++": "c++ | cpp | с++ | ~c plus plus | ~плюсы",
    "C#": "c# | с# | csharp | c sharp | си шарп",
    "Go": "@Go | ~go | golang | go lang | голанг*",
    "Rust": "rust",
    "Ruby": "ruby | руби",
    "PHP": "php | пхп",
    "Scala": "scala",
    "R": "@R | ~r | r language | r programming | rstudio",
    "MATLAB": "matlab",
    "Perl": "perl",
    "Haskell": "haskell",
    "Elixir": "elixir",
    "Erlang": "erlang",
    "Dart": "=Dart | ~dart",
    "Lua": "lua",
    "Bash": "bash | shell scripting | shell scripts | ~shell | ~sh | zsh",
    "PowerShell": "powershell",
    "SQL": "sql | t-sql | tsql | pl/sql | plsql | sql-запрос*",
    "1C": "1c | 1с | 1c:enterprise | 1с:предприятие | 1c:предприятие",
    "Delphi": "delphi",
    "VBA": "vba | visual basic",
    "Assembly": "assembly language | =Assembler | ~assembler | ассемблер*",
    "Solidity": "solidity",

    # --- Web, frameworks, APIs --------------------------------------------------------
    "HTML": "html | html5",
    "CSS": "css | css3",
    "Sass": "sass | scss",
    "Tailwind CSS": "tailwind | tailwindcss | tailwind css",
    "Bootstrap": "=Bootstrap | ~bootstrap",
    "React": "react | reactjs | react.js | react js | реакт | реакте | реакта",
    "React Native": "react native | react-native",
    "Redux": "redux | redux toolkit",
    "Vue.js": "vue | vuejs | vue.js | vue js | vue3 | vue 3 | vue2 | vuex | pinia",
    "Angular": "=Angular | ~angular | angularjs | angular.js",
    "Svelte": "svelte | sveltekit",
    "Next.js": "next.js | nextjs | next js",
    "Nuxt": "nuxt | nuxt.js | nuxtjs",
    "jQuery": "jquery",
    "Webpack": "webpack",
    "Vite": "=Vite | ~vite",
    "Node.js": "node.js | nodejs | node js | ~node | нода | ноде",
    "Express": "express.js | expressjs | =Express | ~express",
    "NestJS": "nestjs | nest.js",
    "Django": "django | django rest framework | drf | джанго",
    "Flask": "flask",
    "FastAPI": "fastapi | fast api",
    "Spring Boot": "spring boot | spring framework | spring mvc | ~spring",
    "Hibernate": "hibernate",
    "Ruby on Rails": "ruby on rails | ror | =Rails | ~rails",
    "Laravel": "laravel",
    "Symfony": "symfony",
    ".NET": ".net | .net core | dotnet | dot net | .net framework",
    "ASP.NET": "asp.net | asp.net core | asp.net mvc",
    "Entity Framework": "entity framework | ef core",
    "REST API": "=REST | ~rest | restful | rest api | restful api | rest apis",
    "GraphQL": "graphql",
    "gRPC": "grpc",
    "WebSockets": "websocket | websockets | web sockets",
    "Microservices": "microservices | microservice architecture | микросервис*",
    "OAuth": "oauth | oauth2 | oauth 2.0",
    "Celery": "celery",
    "asyncio": "asyncio",
    "SQLAlchemy": "sqlalchemy",
    "Pydantic": "pydantic",

    # --- Mobile -----------------------------------------------------------------------
    "Android": "android | андроид*",
    "iOS": "ios",
    "Flutter": "flutter",
    "SwiftUI": "swiftui",
    "Jetpack Compose": "jetpack compose",
    "Xamarin": "xamarin",

    # --- Databases, messaging ---------------------------------------------------------
    "PostgreSQL": "postgresql | postgres | psql | ~pg | ~pgsql | ~postgre | постгрес* | постгре | постгри",
    "MySQL": "mysql | my sql",
    "SQLite": "sqlite | sqlite3",
    "MongoDB": "mongodb | mongo | монго | монгодб",
    "Redis": "redis | редис",
    "Elasticsearch": "elasticsearch | elastic search | ~elastic | opensearch",
    "ClickHouse": "clickhouse | click house | кликхаус*",
    "Oracle": "oracle | oracle db | oracle database",
    "Microsoft SQL Server": "ms sql | mssql | ms sql server | sql server | microsoft sql server",
    "MariaDB": "mariadb",
    "Cassandra": "cassandra",
    "DynamoDB": "dynamodb",
    "Firebase": "firebase",
    "Neo4j": "neo4j",
    "Kafka": "kafka | apache kafka | кафк*",
    "RabbitMQ": "rabbitmq | rabbit mq",
    "NoSQL": "nosql",

    # --- Cloud, DevOps, infrastructure --------------------------------------------------
    "Docker": "docker | docker compose | docker-compose | докер*",
    "Kubernetes": "kubernetes | k8s | ~kube | кубернетес* | кубер | кубере",
    "Helm": "=Helm | ~helm",
    "Terraform": "terraform",
    "Ansible": "ansible",
    "Jenkins": "jenkins",
    "GitLab CI": "gitlab ci | gitlab-ci | gitlab ci/cd",
    "GitHub Actions": "github actions",
    "CI/CD": "ci/cd | ci-cd | cicd | continuous integration | continuous delivery | continuous deployment",
    "AWS": "aws | amazon web services | =EC2 | =S3 | aws lambda",
    "Google Cloud": "google cloud | gcp | google cloud platform",
    "Azure": "azure | microsoft azure",
    "Yandex Cloud": "yandex cloud | яндекс облако | яндекс.облако",
    "Linux": "linux | ubuntu | debian | centos | линукс*",
    "Nginx": "nginx",
    "Prometheus": "prometheus",
    "Grafana": "grafana",
    "ELK": "=ELK | ~elk | elk stack | kibana | logstash",
    "Git": "git | гит",
    "GitHub": "github",
    "GitLab": "gitlab",
    "Bitbucket": "bitbucket",
    "DevOps": "devops",

    # --- Data, analytics, ML ----------------------------------------------------------
    "Machine Learning": "machine learning | =ML | ~ml | машинн* обучени*",
    "Deep Learning": "deep learning | neural networks | нейронн* сет* | нейросет*",
    "NLP": "=NLP | ~nlp | natural language processing",
    "Computer Vision": "computer vision | компьютерн* зрени*",
    "LLM": "=LLM | =LLMs | ~llm | large language models | prompt engineering",
    "pandas": "pandas",
    "NumPy": "numpy",
    "SciPy": "scipy",
    "scikit-learn": "scikit-learn | scikit learn | sklearn | sci-kit learn",
    "PyTorch": "pytorch | ~torch",
    "TensorFlow": "tensorflow | tensor flow",
    "Keras": "keras",
    "Jupyter": "jupyter | jupyter notebook | jupyterlab",
    "Apache Spark": "apache spark | pyspark | =Spark | ~spark",
    "Hadoop": "hadoop",
    "Airflow": "airflow | apache airflow",
    "dbt": "=dbt | ~dbt",
    "ETL": "=ETL | ~etl",
    "Data analysis": "data analysis | data analytics | анализ* данных",
    "Statistics": "statistics | statistical analysis | статистик*",
    "Tableau": "tableau",
    "Power BI": "power bi | powerbi",
    "Looker": "looker | looker studio | google data studio",
    "Matplotlib": "matplotlib | seaborn",

    # --- Testing / QA -----------------------------------------------------------------
    "pytest": "pytest | py.test",
    "unittest": "unittest",
    "Selenium": "selenium",
    "Cypress": "cypress",
    "Playwright": "=Playwright | ~playwright",
    "Jest": "=Jest | ~jest",
    "JUnit": "junit",
    "Postman": "postman",
    "Manual testing": "manual testing | ручн* тестировани*",
    "Test automation": "test automation | automated testing | автоматизаци* тестировани* | автотест*",
    "Load testing": "load testing | performance testing | jmeter | locust | нагрузочн* тестировани*",
    "Unit testing": "unit testing | unit tests | юнит-тест* | модульн* тестировани*",
    "TDD": "=TDD | ~tdd | test-driven development",

    # --- Design -----------------------------------------------------------------------
    "Figma": "figma | фигм*",
    "Sketch": "=Sketch | ~sketch",
    "Adobe XD": "adobe xd",
    "Photoshop": "photoshop | adobe photoshop | фотошоп*",
    "Illustrator": "adobe illustrator | ~illustrator",
    "InDesign": "indesign | adobe indesign",
    "After Effects": "after effects | adobe after effects",
    "Blender": "blender",
    "Canva": "canva",
    "Tilda": "=Tilda | ~tilda | тильд*",
    "UI/UX design": "ui/ux | ux/ui | ui/ux design | ux/ui design | ux design | ui design | =UX | ~ux | ~ui | user experience",
    "Prototyping": "prototyping | прототипировани*",
    "Wireframing": "wireframing | wireframes",

    # --- Office and collaboration tools ----------------------------------------------
    "Excel": "=Excel | ~excel | ms excel | microsoft excel | эксел* | ексел*",
    "Google Sheets": "google sheets | google таблиц* | гугл таблиц*",
    "Microsoft Word": "ms word | microsoft word | ~word | ворд",
    "PowerPoint": "powerpoint | power point | ms powerpoint",
    "Microsoft Office": "ms office | microsoft office | ~office",
    "Jira": "jira | джир*",
    "Confluence": "confluence | конфлюенс*",
    "Trello": "trello",
    "Notion": "=Notion | ~notion",
    "Asana": "asana",
    "Miro": "=Miro | ~miro",
    "YouTrack": "youtrack",
    "Slack": "=Slack | ~slack",

    # --- Process, product, management -------------------------------------------------
    "Agile": "agile | аджайл*",
    "Scrum": "scrum | скрам*",
    "Kanban": "kanban | канбан*",
    "Project management": "project management | управлени* проект*",
    "Product management": "product management | управлени* продукт*",
    "Team management": "team management | people management | управлени* команд* | управлени* персонал*",
    "Leadership": "leadership | лидерск* качеств* | лидерств*",
    "Stakeholder management": "stakeholder management",
    "Roadmapping": "roadmapping | product roadmap | roadmap",
    "Customer development": "customer development | custdev | кастдев*",
    "User research": "user research | ux research | юзабилити-тестировани* | usability testing",
    "Unit economics": "unit economics | юнит-экономик*",
    "Product analytics": "product analytics | продуктов* аналитик* | amplitude | mixpanel",
    "A/B testing": "a/b testing | a/b test* | a/b-тест* | ab testing | ab test* | split testing | сплит-тест*",
    "Business analysis": "business analysis | бизнес-анализ* | бизнес анализ*",
    "Requirements gathering": "requirements gathering | requirements analysis | сбор* требовани*",
    "BPMN": "bpmn",
    "UML": "uml",

    # --- Sales --------------------------------------------------------------------------
    "Sales": "sales | продаж*",
    "B2B sales": "b2b sales | ~b2b | b2b-продаж* | продаж* b2b",
    "B2C sales": "b2c sales | ~b2c | b2c-продаж* | продаж* b2c",
    "Cold calling": "cold calling | cold calls | cold call | cold-calling | холодн* звонк* | холодн* обзвон*",
    "Negotiation": "negotiation* | negotiation skills | negotiating | переговор* | ведени* переговор*",
    "Objection handling": "objection handling | handling objections | работ* с возражени*",
    "Lead generation": "lead generation | lead gen | лидогенераци*",
    "Account management": "account management | key account management | =KAM | ~kam",
    "Sales funnel": "sales funnel | воронк* продаж*",
    "CRM": "crm | crm systems | crm-систем*",
    "Salesforce": "salesforce",
    "HubSpot": "hubspot",
    "amoCRM": "amocrm | amo crm | амосрм",
    "Bitrix24": "bitrix24 | bitrix 24 | =Bitrix | ~bitrix | битрикс*",
    "Presentations": "presentation skills | presentations | презентаци*",
    "Public speaking": "public speaking | публичн* выступлени*",

    # --- Customer support ---------------------------------------------------------------
    "Customer support": "customer support | technical support | tech support | help desk | helpdesk | service desk | техническ* поддержк* | поддержк* клиент* | поддержк* пользовател*",
    "Customer service": "customer service | client service | клиентск* сервис* | обслуживани* клиент* | клиентоориентированн*",
    "Zendesk": "zendesk",
    "Intercom": "=Intercom | ~intercom",
    "Freshdesk": "freshdesk",

    # --- HR -----------------------------------------------------------------------------
    "Recruiting": "recruiting | recruitment | talent acquisition | рекрутинг* | подбор* персонал* | подбор* сотрудник* | найм* персонал*",
    "Sourcing": "sourcing | сорсинг*",
    "Interviewing": "interviewing | conducting interviews | проведени* собеседовани* | проведени* интервью",
    "Onboarding": "onboarding | онбординг* | адаптаци* персонал* | адаптаци* сотрудник*",
    "HR administration": "hr administration | personnel records | кадров* делопроизводств* | кадров* учет* | кадров* учёт*",
    "Labour law": "labour law | labor law | трудов* законодательств* | трудов* прав*",
    "Payroll": "payroll | расчет* заработн* плат* | расчёт* заработн* плат*",
    "Performance management": "performance management | performance review* | оценк* персонал*",
    "Compensation and benefits": "compensation and benefits | c&b | comp & ben",
    "HR analytics": "hr analytics | hr-аналитик*",

    # --- Marketing ----------------------------------------------------------------------
    "Marketing": "marketing | маркетинг*",
    "Digital marketing": "digital marketing | online marketing | internet marketing | интернет-маркетинг* | digital-маркетинг*",
    "SEO": "seo | search engine optimization | поисков* оптимизаци*",
    "SEM": "=SEM | ~sem | search engine marketing",
    "PPC advertising": "ppc | pay per click | контекстн* реклам*",
    "Targeted advertising": "targeted advertising | таргетированн* реклам* | таргет*",
    "SMM": "smm | social media marketing | social media",
    "Content marketing": "content marketing | контент-маркетинг*",
    "Email marketing": "email marketing | e-mail marketing | email-маркетинг* | e-mail маркетинг* | email-рассылк*",
    "Copywriting": "copywriting | копирайтинг*",
    "Google Analytics": "google analytics | ga4 | гугл аналитик* | google аналитик*",
    "Google Tag Manager": "google tag manager | ~gtm",
    "Google Ads": "google ads | google adwords | adwords",
    "Yandex Direct": "yandex direct | yandex.direct | яндекс.директ* | яндекс директ*",
    "Yandex Metrica": "yandex metrica | yandex.metrica | yandex metrika | yandex.metrika | яндекс.метрик* | яндекс метрик*",
    "Brand management": "brand management | branding | брендинг*",
    "Market research": "market research | маркетингов* исследовани*",

    # --- Finance ------------------------------------------------------------------------
    "Accounting": "accounting | бухгалтерск* учет* | бухгалтерск* учёт* | бухучет*",
    "Financial analysis": "financial analysis | финансов* анализ*",
    "Financial modeling": "financial modeling | financial modelling | финансов* моделировани*",
    "Budgeting": "budgeting | бюджетировани*",

    # --- Soft skills --------------------------------------------------------------------
    "Communication": "communication* | communication skills | communicative | коммуникабельн* | коммуникативн* навык* | коммуникативн*",
    "Teamwork": "teamwork | team player | командн* работ* | работ* в команд*",
    "Time management": "time management | тайм-менеджмент*",
    "Problem solving": "problem solving | problem-solving | решени* проблем*",
    "Critical thinking": "critical thinking | критическ* мышлени*",
    "Stress resistance": "stress resistance | stress tolerance | стрессоустойчив*",
    "Mentoring": "mentoring | coaching | менторств* | наставничеств*",
}
# fmt: on

# A list or programming context around an "@" alias (see the module docstring).
_LIST_LEFT = r"(?:^|[,;:/(\[•·|*–—\-]|(?i:\b(?:in|on|with|using|на|и|and)\b))[ \t]*"
_LIST_RIGHT = r"(?=[ \t]*(?:$|[,;/)\]|•·]|\.(?:\s|$)|(?i:\b(?:and|or|и|или)\b)))"
_TECH_WORD = (
    r"(?=[ \t\-]*(?i:developers?|engineers?|programmers?|programming|language|lang|services?|"
    r"backend|разработчик\w*|программист\w*|разработк\w*))"
)

# Plain and "=" aliases: no letter, digit, "+", "#" or "." right before (so "js" in "Node.js",
# ".NET" in "ASP.NET" and "Go" in "Django" never start a match) and none right after
# (so "Java" is not found in "JavaScript" nor "C" in "C++"); a dot followed by a letter
# also continues a name ("React.js").
_LEFT = r"(?<![\w+#.@])"
_RIGHT = r"(?![\w+#])(?!\.\w)"


@dataclass(frozen=True, slots=True)
class _Alias:
    text: str  # without its marker
    canonical: str
    mode: str  # "plain" | "case" | "context" | "lookup"


def _key(name: str) -> str:
    """Lookup key: compatibility-normalised, case-folded, single-spaced."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _compact(key: str) -> str:
    # "Java Script", "React.js", "scikit_learn", "Node JS" → one spelling each.
    return re.sub(r"[\s\-_.]+", "", key)


def _alias_regex(text: str) -> str:
    """Regex body for one alias: spaces/hyphens flexible, trailing "*" on a word = stem."""
    words = [w for w in re.split(r"[\s\-]+", text) if w]
    parts = []
    for word in words:
        stem = word.endswith("*")
        body = re.escape(word.rstrip("*"))
        parts.append(body + (r"\w*" if stem else ""))
    # Up to three separators between words: text from PDFs often breaks lines mid-phrase.
    return r"[\s\-]{0,3}".join(parts)


def _parse_aliases() -> list[_Alias]:
    aliases: list[_Alias] = []
    for canonical, spec in _SKILLS.items():
        entry: list[_Alias] = []
        for raw in spec.split("|"):
            raw = raw.strip()
            if not raw:
                continue
            mode = {"=": "case", "@": "context", "~": "lookup"}.get(raw[0], "plain")
            text = raw[1:].strip() if mode != "plain" else raw
            entry.append(_Alias(text, canonical, mode))
        if not any(_key(a.text) == _key(canonical) for a in entry):
            entry.insert(0, _Alias(canonical, canonical, "plain"))
        aliases.extend(entry)
    return aliases


_ALIASES = _parse_aliases()
_CANONICAL_BY_KEY: dict[str, str] = {}
_CANONICAL_BY_COMPACT: dict[str, str | None] = {}
_STEM_LOOKUP: list[tuple[re.Pattern[str], str]] = []


def _build_lookup() -> None:
    for alias in _ALIASES:
        key = _key(alias.text.replace("*", ""))
        previous = _CANONICAL_BY_KEY.get(key)
        if previous is not None and previous != alias.canonical:
            # A dictionary bug, not a runtime condition: fail at import so tests catch it.
            raise ValueError(f"Skill alias {alias.text!r} maps to both {previous!r} and {alias.canonical!r}")
        _CANONICAL_BY_KEY[key] = alias.canonical
    for key, canonical in list(_CANONICAL_BY_KEY.items()):
        compact = _compact(key)
        if not compact:
            continue
        seen = _CANONICAL_BY_COMPACT.get(compact, canonical)
        # Two skills sharing a compact spelling: the compact form is ambiguous, drop it.
        _CANONICAL_BY_COMPACT[compact] = canonical if seen == canonical else None
    stems = [a for a in _ALIASES if "*" in a.text]
    stems.sort(key=lambda a: len(a.text), reverse=True)  # the most specific stem wins
    for alias in stems:
        _STEM_LOOKUP.append((re.compile(_alias_regex(_key(alias.text)), re.IGNORECASE), alias.canonical))


_build_lookup()


_ContextPatterns = list[tuple[re.Pattern[str], str]]


def _build_text_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], _ContextPatterns]:
    """One alternation per case mode, longest alias first so that at any position the
    longest alias wins ("Java Script" before "Java"), plus one pattern per context alias.

    The alternations deliberately have no capturing groups and the plain one is run
    case-sensitively over lower-cased text: both keep the regex engine's first-character
    fast path for alternations, about 80x faster than IGNORECASE with a group per alias
    (a 20 kB resume: 10 ms instead of 1 s). The matched text is mapped back to its
    canonical name by lookup (:func:`_identify`).
    """
    plain: list[str] = []
    case: list[str] = []
    context: _ContextPatterns = []
    for alias in _ALIASES:
        if alias.mode == "lookup":
            continue
        if alias.mode == "context":
            body = _alias_regex(alias.text)
            pattern = rf"(?:{_LIST_LEFT}(?P<s>{body}){_LIST_RIGHT}|(?<![\w+#.])(?P<t>{body}){_TECH_WORD})"
            context.append((re.compile(pattern, re.MULTILINE), alias.canonical))
        elif alias.mode == "plain":
            plain.append(alias.text.lower())
        else:
            case.append(alias.text)

    def alternation(texts: list[str], flags: int = 0) -> re.Pattern[str]:
        texts = sorted(set(texts), key=len, reverse=True)
        return re.compile(_LEFT + "(?:" + "|".join(_alias_regex(t) for t in texts) + ")" + _RIGHT, flags)

    return alternation(plain), alternation(plain, re.IGNORECASE), alternation(case), context


_PLAIN_RE, _PLAIN_ANYCASE_RE, _CASE_RE, _CONTEXT_RES = _build_text_patterns()
_ALIAS_FULLMATCH = [
    (re.compile(_alias_regex(a.text), 0 if a.mode == "case" else re.IGNORECASE), a.canonical)
    for a in _ALIASES
    if a.mode in ("plain", "case")
]


def _identify(matched: str) -> str:
    """Canonical name for text matched by an alternation."""
    canonical = _lookup(matched)
    if canonical is None:  # a spelling variant the lookup tables don't hold
        canonical = next(c for pattern, c in _ALIAS_FULLMATCH if pattern.fullmatch(matched))
    return canonical


# URLs and e-mail addresses are blanked before extraction: "github.com/me/python-bot" or
# "go@example.com" say nothing about skills.
# Each alternative starts only where a run of its characters starts (lookbehind, not \b)
# and is unambiguous, so a hostile "a-a-a-a..." costs linear time, not quadratic.
_NOISE_RE = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|(?<![\w.+-])[\w.+-]++@[\w-]+(?:\.[\w-]+)*+"
    r"|(?<![\w.-])(?:[\w-]++\.)++(?:com|ru|io|org|net|dev)/\S*",
    re.IGNORECASE,
)
_VERSION_RE = re.compile(r"[\s\-]*v?\d+(?:\.\d+)*(?:\s*\+)?$", re.IGNORECASE)
_STRIP_CHARS = " \t\r\n,;:•·*–—-"


@dataclass(frozen=True, slots=True)
class SkillMatch:
    """How well a resume's skills cover a vacancy's.

    ``percent``: share (0-100, rounded half up) of the vacancy's distinct normalised
    skills that the resume has; ``matched`` and ``missing`` are the vacancy's skills (in
    the vacancy's order) that the resume has / lacks. A vacancy without skills gives
    ``percent=0`` and two empty lists: nothing to match is not a perfect match.
    """

    percent: int
    matched: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _lookup(cleaned: str) -> str | None:
    key = _key(cleaned)
    if not key:
        return None
    canonical = _CANONICAL_BY_KEY.get(key)
    if canonical is None:
        canonical = _CANONICAL_BY_COMPACT.get(_compact(key))
    if canonical is None:
        for pattern, stem_canonical in _STEM_LOOKUP:
            if pattern.fullmatch(key):
                return stem_canonical
    return canonical


def normalize_skill(name: str) -> str:
    """Canonical name of a skill ("k8s" → "Kubernetes", "MS Excel" → "Excel").

    Unknown names come back cleaned up but spelled as given: surrounding bullets and
    punctuation stripped, whitespace collapsed, at most ``MAX_SKILL_CHARS`` characters.
    A trailing version is ignored when the rest is known ("Python 3.12" → "Python",
    "Vue 3" → "Vue.js"). Returns "" for a blank name.
    """
    cleaned = " ".join(unicodedata.normalize("NFKC", str(name)).split())
    cleaned = cleaned.strip(_STRIP_CHARS)
    if cleaned.endswith(".") and not cleaned.endswith(".."):
        # A sentence full stop ("Python."), but keep ".NET" and "Node.js" intact.
        candidate = cleaned[:-1]
        if candidate and not candidate.endswith("."):
            cleaned = candidate
    if not cleaned:
        return ""
    canonical = _lookup(cleaned)
    if canonical is None:
        without_version = _VERSION_RE.sub("", cleaned)
        if without_version and without_version != cleaned:
            canonical = _lookup(without_version)
    if canonical is not None:
        return canonical
    return cleaned[:MAX_SKILL_CHARS].rstrip()


def names_term(text: str, term: str) -> bool:
    """Whether `text` names `term` as a whole word, case-insensitively ("Go" is not in "good",
    "C++" is in "C++ and Rust"): how a model's answer or a question is checked against real text."""
    term = term.strip()
    return bool(term) and re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE) is not None


# Resume section titles, English and Russian, as whole names.
_SECTION_TITLE_RE = re.compile(
    r"(?:(?:key|technical|core|hard|soft|professional)\s+)?skills(?:\s*(?:&|and)\s*tools)?|skill\s*set|"
    r"(?:(?:work|professional)\s+)?experience|education|summary|about(?:\s+me)?|profile|languages?|contacts?|"
    r"(?:(?:key|pet)\s+)?projects|tools|technologies|(?:tech(?:nology)?\s+)?stack|(?:core\s+)?competencies|"
    r"(?:ключевые\s+|профессиональные\s+)?навыки|опыт(?:\s+работы)?|образование|о\s+себе|обо\s+мне|"
    r"языки|контакты|технологии|стек(?:\s+технологий)?|инструменты|компетенции|проекты",
    re.IGNORECASE,
)
# The head noun of a job title: last in "Senior Backend Developer", "Backend-разработчик",
# first in "Менеджер по продажам", "Head of Sales".
_JOB_NOUN_RE = re.compile(
    r"(?:developer|engineer|programmer|architect|administrator|analyst|scientist|designer|manager|director|"
    r"head|lead|teamlead|specialist|consultant|recruiter|marketer|accountant|tester|owner|intern|trainee)s?|"
    r"(?:разработчик|программист|инженер|архитектор|администратор|аналитик|дизайнер|менеджер|директор|"
    r"руководитель|специалист|консультант|рекрутер|маркетолог|бухгалтер|тестировщик|тимлид|техлид|стаж[её]р)"
    r"(?:и|ы)?",
    re.IGNORECASE,
)


def _is_heading_or_job_title(name: str) -> bool:
    if _SECTION_TITLE_RE.fullmatch(name.rstrip(":")):
        return True
    words = [word for word in re.split(r"[\s\-]+", name) if word]
    return bool(words) and any(_JOB_NOUN_RE.fullmatch(word) for word in (words[0], words[-1]))


def normalize_skills(names: Iterable[str]) -> list[str]:
    """Canonical names, blanks dropped, deduplicated case-insensitively, first order kept.

    Resume section titles ("Skills", "Навыки") and job titles ("Backend developer",
    "Менеджер по продажам") are dropped too: a list of skills is what employers see as
    chips and what matching counts, and a model reading a resume (or a hurried candidate)
    puts both there. A name the dictionary knows is always kept ("DevOps", "Lead generation").
    """
    result: list[str] = []
    seen: set[str] = set()
    for name in names:
        if name is None:
            continue
        skill = normalize_skill(name)
        folded = skill.casefold()
        if skill and folded not in seen and (skill in _SKILLS or not _is_heading_or_job_title(skill)):
            seen.add(folded)
            result.append(skill)
    return result


def extract_skills(text: str) -> list[str]:
    """Known skills mentioned in free text, canonical, in order of first mention.

    Matches whole words only ("Rust" not in "trust", "Java" not in "JavaScript") and
    handles names with symbols ("C++", "C#", ".NET", "Node.js", "CI/CD"). Short or
    common-word names are matched case-sensitively ("Excel", "REST", "JS") or only in
    a list or programming context ("Go", "R", "C"); see the module docstring.
    When aliases overlap, the earliest and then the longest match wins.
    """
    if not text:
        return []
    text = _NOISE_RE.sub(lambda m: " " * len(m.group()), unicodedata.normalize("NFKC", text))
    spans: list[tuple[int, int, str]] = []
    lowered = text.lower()
    if len(lowered) == len(text):
        plain_matches = _PLAIN_RE.finditer(lowered)
    else:  # a few characters lower-case to two ("İ"): offsets would drift
        plain_matches = _PLAIN_ANYCASE_RE.finditer(text)
    for m in (*plain_matches, *_CASE_RE.finditer(text)):
        spans.append((m.start(), m.end(), _identify(m.group())))
    for pattern, canonical in _CONTEXT_RES:
        for m in pattern.finditer(text):
            group = "s" if m.group("s") is not None else "t"
            start, end = m.start(group), m.end(group)
            if _is_symbol_letter(text, start, end):
                continue
            spans.append((start, end, canonical))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    found: list[str] = []
    seen: set[str] = set()
    covered_until = -1
    for start, end, canonical in spans:
        if start < covered_until:
            continue  # inside a longer, earlier match ("Java" within "Java Script")
        covered_until = end
        if canonical not in seen:
            seen.add(canonical)
            found.append(canonical)
    return found


def _is_symbol_letter(text: str, start: int, end: int) -> bool:
    """A lone letter that is not a language: "(R)"/"(C)" marks, "Smith, R." initials."""
    if end - start != 1:
        return False
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return (before == "(" and after == ")") or after == "."


def match(*, resume_skills: Iterable[str], vacancy_skills: Iterable[str]) -> SkillMatch:
    """Share of the vacancy's skills that the resume covers (see :class:`SkillMatch`).

    Both sides are normalised first, so "JS" on a resume covers "JavaScript" on a vacancy.
    """
    wanted = normalize_skills(vacancy_skills)
    if not wanted:
        return SkillMatch(percent=0, matched=[], missing=[])
    have = {skill.casefold() for skill in normalize_skills(resume_skills)}
    matched = [skill for skill in wanted if skill.casefold() in have]
    missing = [skill for skill in wanted if skill.casefold() not in have]
    # Integer round-half-up: round() would turn 12.5 into 12 (banker's rounding).
    percent = (200 * len(matched) + len(wanted)) // (2 * len(wanted))
    return SkillMatch(percent=percent, matched=matched, missing=missing)


def known_skills() -> list[str]:
    """All canonical names, in dictionary order (for autocomplete and the salary model)."""
    return list(_SKILLS)
