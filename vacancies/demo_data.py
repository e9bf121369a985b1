"""Demo catalogue vacancies with interview question sets, loaded by ``manage.py seed_demo``.

Companies are invented. Each vacancy is a plain dict:

    slug             stable unique id (seeding matches on it, so re-running is idempotent)
    title, company, description, location
    skills           list of normalised skill names
    salary_min, salary_max   integers per year (None for both when the salary is not published)
    currency         "RUB" | "EUR" | "USD"
    employment_type  "full_time" | "part_time" | "contract" | "internship"
    language         "en" | "ru" (a "ru" vacancy is written entirely in Russian)
    questions        8-10 dicts {text, topic, ideal_answer}; ``ideal_answer`` lists the key
                     points of a strong answer and grounds hints, model answers and scoring.
"""

import json
from pathlib import Path


def _q(topic: str, text: str, ideal_answer: str) -> dict:
    return {"text": text, "topic": topic, "ideal_answer": ideal_answer}


VACANCIES: list[dict] = [
    # ------------------------------------------------------------------ backend Python
    {
        "slug": "ledgerline-backend-python-django",
        "title": "Backend Developer (Python/Django)",
        "company": "Ledgerline",
        "description": (
            "Ledgerline builds bookkeeping software used by 40,000 small businesses across Europe. "
            "You will design and ship features in our Django monolith and its REST API, owning them from the "
            "data model to production monitoring, and help us move slow work into background workers. "
            "We expect 3+ years of professional Python, solid Django and PostgreSQL experience (query tuning, "
            "migrations on large tables) and comfort with Docker and CI/CD. "
            "Experience with Celery and with financial data, where correctness matters, is a plus. "
            "You will review code, pair with frontend engineers and join a lightweight on-call rotation."
        ),
        "skills": ["Python", "Django", "PostgreSQL", "REST API", "Docker", "Celery", "Git", "CI/CD"],
        "location": "Berlin",
        "salary_min": 65000,
        "salary_max": 85000,
        "currency": "EUR",
        "employment_type": "full_time",
        "language": "en",
        "questions": [
            _q(
                "Databases",
                "A list endpoint that returns invoices with their customer and line items has become slow. "
                "How would you find the cause and fix it in Django?",
                "Measure first: count queries and their time with Django Debug Toolbar, SQL logging or APM, and look "
                "for the N+1 pattern. Use select_related for the customer (foreign key) and prefetch_related for the "
                "line items (reverse relation), load only needed columns and paginate. Inspect remaining slow SQL with "
                "EXPLAIN ANALYZE and add an index matching the filter and ordering columns. Lock the fix in with a "
                "test that asserts the query count (assertNumQueries).",
            ),
            _q(
                "Transactions",
                "Explain transactions and isolation levels. How would you stop two concurrent requests from "
                "charging the same invoice twice?",
                "A transaction makes a group of statements atomic (ACID); the isolation level (read committed is the "
                "PostgreSQL default, then repeatable read and serializable) decides which concurrency anomalies can "
                "happen. Wrap the operation in transaction.atomic() and lock the row with select_for_update(), or use a "
                "conditional update (UPDATE ... WHERE status = 'unpaid') and check the affected row count. Add an "
                "idempotency key with a unique constraint for client or provider retries, and keep slow external "
                "calls outside the lock or run them after commit.",
            ),
            _q(
                "Migrations",
                "You need to add a NOT NULL column to a PostgreSQL table with 50 million rows. How do you roll it out "
                "without downtime?",
                "Know which operations take heavy locks: a constant default is metadata-only since PostgreSQL 11, but "
                "backfills and table rewrites can block traffic. Use expand/contract: add the column as nullable, deploy "
                "code that writes it, backfill in small batches, then enforce NOT NULL (e.g. a CHECK constraint added "
                "NOT VALID and validated later) and build indexes CONCURRENTLY. Keep old and new code compatible during "
                "the deploy and set lock_timeout so the migration fails fast instead of queueing behind locks.",
            ),
            _q(
                "Background jobs",
                "When would you move work into a background queue such as Celery, and what can go wrong?",
                "Move slow, unreliable or non-essential work out of the request: emails, PDF generation, third-party "
                "API calls, heavy reports. Tasks can run twice or be retried, so they must be idempotent; pass IDs rather "
                "than model instances and enqueue with transaction.on_commit so the worker sees committed data. Set "
                "timeouts, retries with backoff and alerting for failures, and monitor queue length and task latency.",
            ),
            _q(
                "API design",
                "How would you design an endpoint that creates a payment so that clients can safely retry it?",
                "Use POST with an Idempotency-Key header, stored with a unique constraint together with the response, "
                "so a retry returns the original result instead of creating a second payment. Return clear status "
                "codes (201 created, 409 conflict, 422 validation error) with a consistent error body. Validate input "
                "strictly, check authorisation per object, and only make backward-compatible changes or version the API.",
            ),
            _q(
                "Testing",
                "How do you structure tests for a Django service, and what do you mock?",
                "Follow a pyramid: many fast unit tests for business logic, integration tests against a real database "
                "(pytest-django) for queries and transactions, and a few end-to-end API tests. Mock only boundaries you "
                "don't own, such as payment providers, email and external HTTP APIs, and build data with factories. "
                "Tests run in CI on every pull request, and a bug fix starts with a failing test that reproduces it.",
            ),
            _q(
                "Python",
                "What is the GIL, and how does it affect CPU-bound versus I/O-bound work in Python?",
                "CPython's Global Interpreter Lock lets only one thread execute Python bytecode at a time. I/O-bound "
                "work still benefits from threads or asyncio because the lock is released while waiting on I/O. "
                "CPU-bound work needs multiple processes or native code that releases the GIL (NumPy, C extensions). "
                "In a web service you scale with several worker processes and push heavy computation to background workers.",
            ),
            _q(
                "Behavioural",
                "Tell me about a production incident you were involved in. What happened, and what did you change "
                "afterwards?",
                "A strong STAR answer describes a concrete incident and the candidate's own role in detecting, "
                "mitigating and communicating it, with service restored before the deep root-cause work. It mentions "
                "a blameless post-mortem and lasting fixes such as alerts, tests, runbooks or safer deploys. Numbers "
                "(duration, users affected) and honest ownership of any mistake make it convincing.",
            ),
            _q(
                "Collaboration",
                "Describe a time you disagreed with a colleague in a code review. How was it resolved?",
                "A good answer keeps the focus on the code, not the person: the candidate backs the concern with "
                "evidence (benchmarks, documentation, risk), listens to the other view and looks for a compromise or a "
                "team convention. It states the outcome and a lesson, for example writing a guideline so the debate "
                "isn't repeated. Red flags are winning at any cost or silently giving in on a real risk.",
            ),
            _q(
                "Situational",
                "The product manager needs a feature by Friday, and you estimate it needs two weeks to do properly. "
                "What do you do?",
                "Clarify the real goal and what drives the deadline, then offer options: a smaller scope that delivers "
                "the core value by Friday, a phased plan, or a rushed version with its risks stated explicitly. Make the "
                "trade-offs visible and agreed, and don't silently drop tests or security. Commit to a plan together and "
                "raise risks early if anything changes.",
            ),
        ],
    },
    # ------------------------------------------------------------------ frontend
    {
        "slug": "brightlane-frontend-react",
        "title": "Frontend Developer (React/TypeScript)",
        "company": "Brightlane",
        "description": (
            "Brightlane helps 2 million travellers a month compare and book rail and ferry trips. "
            "As a Frontend Developer you will build the booking flow and account area in React and TypeScript, "
            "working closely with designers and backend engineers. "
            "You will own the performance and accessibility of the pages you ship, write tests and contribute to "
            "our component library. "
            "We are looking for 2+ years of React experience, strong TypeScript and CSS, and an understanding of how "
            "browsers load and render pages. "
            "Experience with Next.js, design systems or A/B testing is a plus."
        ),
        "skills": ["JavaScript", "TypeScript", "React", "HTML", "CSS", "Next.js", "Jest", "Accessibility", "Git"],
        "location": "Amsterdam",
        "salary_min": 55000,
        "salary_max": 75000,
        "currency": "EUR",
        "employment_type": "full_time",
        "language": "en",
        "questions": [
            _q(
                "React",
                "What makes a React component re-render, and how would you fix a page that re-renders too often?",
                "A component re-renders when its state changes, its parent re-renders or a context it reads changes. "
                "Profile with the React DevTools Profiler before optimising. Typical fixes: move state closer to where "
                "it is used, split large contexts, wrap expensive children in React.memo with stable props from "
                "useMemo/useCallback, and virtualise long lists.",
            ),
            _q(
                "React hooks",
                "Explain useEffect: when does it run, what is the dependency array for, and what mistakes do you see "
                "most often?",
                "The effect runs after the render is committed; with a dependency array it re-runs only when a listed "
                "value changes, with [] only after mount, and its cleanup runs before the next run and on unmount. "
                "Common mistakes: missing dependencies (stale closures), using effects to derive state that could be "
                "computed during render, loops caused by setting state that is also a dependency, and fetches without "
                "cleanup or AbortController, which cause race conditions.",
            ),
            _q(
                "Web performance",
                "Our booking page has a poor Largest Contentful Paint on mobile. How would you investigate and improve it?",
                "Measure with Lighthouse and real-user Core Web Vitals data, and identify which element is the LCP. "
                "Typical fixes: a properly sized, compressed hero image in a modern format with srcset and preload (never "
                "lazy-loaded), less render-blocking CSS and JavaScript, code splitting, server-side rendering or static "
                "generation, and CDN caching. Confirm the gain with field data after release, not only lab scores.",
            ),
            _q(
                "Accessibility",
                "How do you make a custom dropdown or modal dialog accessible?",
                "Prefer native elements (select, dialog, button) where possible. Otherwise add the right roles and "
                "states (aria-expanded, aria-modal, aria-labelledby), full keyboard support (Tab, Escape, arrow keys) and "
                "focus management: move focus into the modal, trap it there and return it on close. Keep visible focus "
                "styles and sufficient contrast, and test with a keyboard and a screen reader.",
            ),
            _q(
                "TypeScript",
                "What is the difference between type and interface in TypeScript, and how do you type an API response "
                "you don't fully trust?",
                "Both describe object shapes; interfaces can be extended and merged by declaration, while type aliases "
                "also express unions, intersections and mapped or conditional types. Types are erased at runtime, so "
                "annotating a response does not check it. Treat the raw data as unknown and validate it at the boundary "
                "with a schema library such as zod or with type guards.",
            ),
            _q(
                "State management",
                "How do you decide where state lives: local state, context, a global store or a server-state library?",
                "Keep state as local as possible and lift it only when several components need it. Data fetched from "
                "APIs fits a server-state library (React Query, SWR) that handles caching, refetching and invalidation. "
                "Context suits rarely changing global values like the theme or current user, a store (Redux, Zustand) "
                "suits complex shared client state, and filters or pagination belong in the URL so they can be shared.",
            ),
            _q(
                "Testing",
                "How would you test a React form with validation and a submit call to an API?",
                "Use React Testing Library and interact the way a user does: type, click and query by role or label, "
                "asserting on what is visible rather than on implementation details. Mock the network at the boundary "
                "with MSW or a mocked fetch and cover success, validation errors and server errors. Add a few end-to-end "
                "tests (Playwright or Cypress) for the critical booking path.",
            ),
            _q(
                "Behavioural",
                "Tell me about a time a designer's mock-up was hard or impossible to build as drawn. What did you do?",
                "A strong STAR answer shows early collaboration: the candidate raised the problem quickly with concrete "
                "reasons (performance, accessibility, responsive layout, long text and other edge cases), proposed "
                "alternatives and agreed a solution with the designer. It gives the outcome, ideally a lasting "
                "improvement such as a shared component. Blaming the designer or silently deviating are red flags.",
            ),
            _q(
                "Debugging",
                "A production bug only happens in Safari on iOS and you can't reproduce it locally. How do you approach it?",
                "Collect details first: exact versions, steps and error reports from monitoring such as Sentry. "
                "Reproduce on a real device or a service like BrowserStack and debug with Safari's remote Web Inspector. "
                "Check known differences (date parsing, viewport height, unsupported APIs, autoplay rules) and use "
                "feature detection or a polyfill. Ship the fix with a test or QA checklist entry and keep support informed.",
            ),
        ],
    },
    # ------------------------------------------------------------------ data analyst
    {
        "slug": "harbor-pine-data-analyst",
        "title": "Data Analyst",
        "company": "Harbor & Pine",
        "description": (
            "Harbor & Pine is an online home goods retailer shipping to customers across North America. "
            "As a Data Analyst on the growth team you will build dashboards, answer questions from marketing and "
            "product with SQL, and analyse experiments on checkout and pricing. "
            "You will own the definitions of core metrics such as conversion, retention and customer lifetime value, "
            "and present findings to non-technical stakeholders. "
            "We expect strong SQL, working Python (pandas), solid statistics and experience with a BI tool such as "
            "Tableau or Looker. "
            "Experience with A/B testing and e-commerce data is a strong plus."
        ),
        "skills": ["SQL", "Python", "pandas", "Tableau", "Excel", "Statistics", "A/B testing", "Communication"],
        "location": "Remote",
        "salary_min": 60000,
        "salary_max": 80000,
        "currency": "USD",
        "employment_type": "full_time",
        "language": "en",
        "questions": [
            _q(
                "SQL",
                "Given orders(order_id, customer_id, created_at, amount) and customers(customer_id, signup_date, "
                "country), how would you find the top 3 customers by revenue in each country last month?",
                "Join orders to customers, keep last month's orders (created_at >= first day of last month and < first "
                "day of this month) and sum amount per country and customer. Rank within each country with a window "
                "function such as ROW_NUMBER() or DENSE_RANK() OVER (PARTITION BY country ORDER BY revenue DESC), then "
                "keep rank <= 3 in an outer query or CTE. A strong answer says how ties are handled and excludes "
                "cancelled or refunded orders.",
            ),
            _q(
                "SQL",
                "What is the difference between WHERE and HAVING, and between INNER JOIN and LEFT JOIN? Give an example of "
                "a LEFT JOIN pitfall.",
                "WHERE filters rows before grouping and HAVING filters groups after aggregation. INNER JOIN keeps only "
                "matching rows; LEFT JOIN keeps every left row and fills NULLs where nothing matches. Classic pitfall: a "
                "condition on the right table in WHERE (WHERE o.status = 'paid') silently turns the LEFT JOIN into an "
                "inner join; it belongs in the ON clause. Another is double counting after joining a one-to-many table "
                "before aggregating.",
            ),
            _q(
                "A/B testing",
                "We ran an A/B test on a new checkout page and conversion went from 3.0% to 3.2%. How do you decide "
                "whether to roll it out?",
                "Check the design first: a pre-registered primary metric, sample size from a power calculation, correct "
                "randomisation with no sample ratio mismatch, and full weekly cycles without peeking. Then compute "
                "significance and a confidence interval for the lift (e.g. a two-proportion z-test) and weigh practical "
                "significance against cost. Look at guardrails such as order value, refunds and errors, and treat segment "
                "results with care because of multiple comparisons.",
            ),
            _q(
                "Metrics",
                "How would you define and measure customer retention for an online store?",
                "Define what counts as retained (usually a repeat purchase) and a time window that fits purchase "
                "frequency, which is low for home goods, e.g. the share of customers who buy again within 90 or 180 "
                "days. Track it with cohorts by first-purchase month to compare retention curves. Agree and document the "
                "definition with stakeholders, and segment by acquisition channel or first category to find drivers.",
            ),
            _q(
                "Statistics",
                "Explain the difference between correlation and causation with a marketing example.",
                "Correlation means two variables move together; causation means changing one changes the other. For "
                "example, customers who use the wishlist spend more, but engaged customers may simply do both "
                "(confounding), so the wishlist need not cause spending. Causation is shown with randomised experiments "
                "or, when impossible, quasi-experimental methods such as difference-in-differences with stated assumptions.",
            ),
            _q(
                "Data quality",
                "Revenue on your dashboard dropped 30% yesterday. What do you do?",
                "First rule out a data problem: failed or late pipelines, tracking or schema changes, timezone boundaries, "
                "duplicates or missing records, comparing against the source system. If the data is right, break the drop "
                "down by channel, country, device and product to localise it, and check known events such as an outage, "
                "a campaign ending or a price change. Tell stakeholders early what is known and when the next update comes.",
            ),
            _q(
                "Python",
                "When would you use pandas instead of SQL, and how do you handle missing values?",
                "SQL is best for filtering, joining and aggregating large data inside the warehouse; pandas for complex "
                "transformations, statistics, modelling and exploration on data that fits in memory. For missing values, "
                "first find out why they are missing and how many there are (isna().sum()). Then drop, fill or impute, or "
                "keep them as their own category, deliberately and documented, because each choice can bias results.",
            ),
            _q(
                "Communication",
                "Tell me about a time your analysis changed a decision. How did you present it to non-technical "
                "stakeholders?",
                "A strong STAR answer names the business question, the analysis and the concrete decision with its "
                "impact, ideally in numbers. It shows audience-aware communication: recommendation first, one clear "
                "chart, plain language, and honest limitations. It also shows how pushback was handled with evidence.",
            ),
            _q(
                "Situational",
                "A marketing manager asks you to 'prove' their campaign worked, but the data is inconclusive. What do you do?",
                "Stay objective: report what the data does and does not show, with its uncertainty, and don't "
                "cherry-pick metrics or date ranges to fit the wanted conclusion. Explain why it is inconclusive (small "
                "sample, no control group, overlapping campaigns) and propose a proper measurement next time, such as a "
                "holdout or geo experiment. Keep it constructive by focusing on learning rather than blame.",
            ),
        ],
    },
    # ------------------------------------------------------------------ ML engineer
    {
        "slug": "quillmetric-ml-engineer",
        "title": "Machine Learning Engineer",
        "company": "Quillmetric",
        "description": (
            "Quillmetric automates claims processing for European insurers by extracting data from scanned documents "
            "and flagging suspicious claims. "
            "As an ML Engineer you will train, evaluate and deploy models for document classification and fraud "
            "detection, and own them in production: serving, monitoring and retraining. "
            "You will turn data scientists' prototypes into reliable services and work with backend engineers on APIs. "
            "We expect strong Python, hands-on PyTorch or scikit-learn, a solid grasp of model evaluation and "
            "experience deploying models with Docker. "
            "Familiarity with MLOps tools such as MLflow and with NLP or computer vision is a plus."
        ),
        "skills": ["Python", "PyTorch", "scikit-learn", "pandas", "SQL", "Docker", "MLflow", "Kubernetes", "Git"],
        "location": "Munich",
        "salary_min": 75000,
        "salary_max": 95000,
        "currency": "EUR",
        "employment_type": "full_time",
        "language": "en",
        "questions": [
            _q(
                "Model evaluation",
                "Only 0.5% of claims are fraudulent. Which metrics would you use to evaluate a fraud model, and why not "
                "accuracy?",
                "With such imbalance accuracy is misleading: predicting 'not fraud' for everything scores 99.5%. Use "
                "precision, recall, F1 and the precision-recall curve (PR-AUC), which focus on the rare class; ROC-AUC can "
                "look optimistic here. Choose the threshold from business costs, such as investigator capacity versus the "
                "cost of missed fraud, and validate on a time-based split that mirrors production.",
            ),
            _q(
                "ML fundamentals",
                "How do you detect and reduce overfitting?",
                "Overfitting shows as a large gap between training and validation performance, detected with a proper "
                "held-out set or cross-validation and learning curves. Reduce it with more or augmented data, "
                "regularisation (L1/L2, dropout, weight decay), a simpler model or fewer features, early stopping and "
                "ensembling. Also check for leakage that makes validation look better than reality.",
            ),
            _q(
                "Data leakage",
                "What is data leakage? Give an example and explain how you prevent it.",
                "Leakage is training on information that won't exist at prediction time, so offline metrics are too "
                "optimistic. Examples: a feature derived from the label (such as 'claim_investigated'), fitting scalers "
                "or encoders on the whole dataset before splitting, or random splits on temporal data or duplicated "
                "entities. Prevent it with time- or group-based splits, preprocessing fitted inside a pipeline on training "
                "folds only, and checking when each feature becomes available.",
            ),
            _q(
                "MLOps",
                "Your model's performance in production slowly degrades over a few months. How do you detect and handle it?",
                "Monitor input distributions (data drift, e.g. PSI or KS tests), prediction distributions and, once labels "
                "arrive, real performance against a baseline; monitor data quality too, since pipeline bugs look like "
                "drift. Investigate the cause, retrain on recent data through a scheduled or triggered pipeline, compare "
                "the candidate against the current model (shadow or A/B), and keep a fast rollback.",
            ),
            _q(
                "Model serving",
                "How would you deploy a PyTorch model as a low-latency API?",
                "Package the model with its preprocessing and pinned dependencies in a versioned Docker image, registered "
                "in a model registry such as MLflow. Serve it with a web framework or a model server (TorchServe, Triton, "
                "ONNX Runtime), load it once at start-up, and cut latency with batching, TorchScript/ONNX, quantisation or "
                "a GPU where justified. Add health checks, timeouts, autoscaling, input/output logging for monitoring, and "
                "roll out gradually with canary or shadow traffic.",
            ),
            _q(
                "ML fundamentals",
                "Explain the bias-variance trade-off.",
                "Expected error splits into bias (too-simple assumptions, underfitting), variance (sensitivity to the "
                "particular training sample, overfitting) and irreducible noise. More complex models usually lower bias "
                "and raise variance. The aim is the complexity that minimises validation error, tuned with "
                "regularisation and model choice; more data mainly reduces variance.",
            ),
            _q(
                "Deep learning",
                "Your neural network's training loss isn't going down. What do you check?",
                "First see whether the model can overfit one small batch; if not, suspect a bug: inputs and labels "
                "misaligned, a loss that doesn't match the outputs (e.g. softmax before CrossEntropyLoss), a missing "
                "optimizer.zero_grad(), or frozen parameters. Then check the learning rate, input normalisation, "
                "initialisation and gradient norms for vanishing or exploding gradients. Look at a few preprocessed "
                "samples to confirm the data is what you think.",
            ),
            _q(
                "Behavioural",
                "Tell me about a model you shipped that didn't deliver the expected business value. What did you learn?",
                "A strong STAR answer is honest about the gap between offline metrics and business results and names the "
                "real cause: wrong target, leakage, low adoption, latency or a threshold set without stakeholders. It "
                "shows what the candidate did (measured online impact, iterated or stopped the project) and what they now "
                "do differently, such as agreeing success metrics upfront or shipping a simple baseline first.",
            ),
            _q(
                "Situational",
                "A stakeholder wants a deep learning model for a problem where you suspect rules or logistic regression "
                "would do. How do you handle it?",
                "Start from the business goal and constraints: required accuracy, latency, interpretability, maintenance "
                "cost and available data. Propose building and measuring a simple baseline first and adding complexity "
                "only for a measured, meaningful gain. Explain the trade-offs in the stakeholder's terms (cost, time, "
                "explainability for regulators) instead of simply dismissing the request.",
            ),
        ],
    },
    # ------------------------------------------------------------------ QA (ru)
    {
        "slug": "gruztrek-qa-automation",
        "title": "QA-инженер (автоматизация тестирования)",
        "company": "ГрузТрек",
        "description": (
            "«ГрузТрек» — платформа для отслеживания грузоперевозок, которой пользуются более 3 000 транспортных "
            "компаний. "
            "Мы ищем QA-инженера, который будет развивать автотесты веб-приложения и API, участвовать в планировании "
            "релизов и отвечать за качество в своей продуктовой команде. "
            "Вам предстоит писать и поддерживать автотесты на Python (pytest, Selenium или Playwright), тестировать "
            "REST API, составлять тест-планы и заводить понятные баг-репорты. "
            "Ожидаем опыт в тестировании от 2 лет, знание SQL и основ Linux, понимание клиент-серверной архитектуры "
            "и протокола HTTP. "
            "Будет плюсом опыт встраивания тестов в CI/CD и нагрузочного тестирования."
        ),
        "skills": ["Python", "pytest", "Selenium", "API testing", "SQL", "Postman", "Linux", "CI/CD", "Jira"],
        "location": "Санкт-Петербург",
        "salary_min": 150000,
        "salary_max": 220000,
        "currency": "RUB",
        "employment_type": "full_time",
        "language": "ru",
        "questions": [
            _q(
                "Теория тестирования",
                "Чем отличаются severity и priority бага? Приведите пример бага с высокой severity и низким priority.",
                "Severity — степень влияния дефекта на работу системы (от блокирующего до незначительного), её обычно "
                "оценивает тестировщик. Priority — срочность исправления с точки зрения бизнеса, её определяет "
                "продакт-менеджер или руководитель. Высокая severity и низкий priority: падение приложения в редком "
                "сценарии, которым почти никто не пользуется. Обратный пример: опечатка в названии компании на главной "
                "странице — низкая severity, но высокий priority.",
            ),
            _q(
                "Тест-дизайн",
                "Поле «Вес груза» принимает значения от 1 до 20 000 кг. Какие проверки вы составите и какие техники "
                "тест-дизайна используете?",
                "Классы эквивалентности: допустимые значения 1–20 000, меньше 1, больше 20 000, нечисловой ввод. Анализ "
                "граничных значений: 0, 1, 2, 19 999, 20 000, 20 001. Отдельно — дробные и отрицательные числа, пустое "
                "поле, пробелы, спецсимволы и очень длинный ввод. Валидацию нужно проверить и в интерфейсе, и на бэкенде "
                "через API, потому что интерфейс можно обойти.",
            ),
            _q(
                "Тестирование API",
                "Как вы протестируете метод REST API для создания заказа POST /orders?",
                "Позитивные сценарии: код 201, схема и значения в ответе, заказ действительно сохранился (проверка через "
                "GET или запросом в БД). Негативные: невалидные и отсутствующие поля (400/422), запрос без токена или с "
                "недостаточными правами (401/403), граничные значения, повторная отправка и дубликаты. Дополнительно — "
                "заголовки, время ответа и конкурентные запросы. Проверки автоматизирую на pytest с requests или в "
                "Postman/Newman и запускаю в CI.",
            ),
            _q(
                "Автоматизация",
                "UI-автотесты на Selenium периодически падают без видимой причины. Как вы будете разбираться с такими "
                "нестабильными (flaky) тестами?",
                "Сначала собираю данные: логи, скриншоты, видео и статистику падений, чтобы найти закономерность. Частые "
                "причины — time.sleep вместо явных ожиданий (WebDriverWait), хрупкие локаторы, зависимость тестов друг от "
                "друга и от общих тестовых данных, нестабильный стенд. Устраняю причину: явные ожидания условий, "
                "устойчивые локаторы (data-testid), изоляция данных. Нестабильный тест временно помечаю и завожу задачу, а "
                "не прячу проблему бесконечными перезапусками.",
            ),
            _q(
                "Стратегия тестирования",
                "Что вы автоматизируете в первую очередь, а что оставите ручному тестированию?",
                "В первую очередь — регрессию критичных бизнес-сценариев и часто повторяющиеся проверки стабильного "
                "функционала, с упором на API- и unit-уровень по пирамиде тестирования: такие тесты быстрее и стабильнее "
                "UI-тестов. Вручную — исследовательское тестирование, юзабилити, разовые проверки и новый, ещё меняющийся "
                "функционал. Решение принимаю с учётом рисков и стоимости поддержки автотестов.",
            ),
            _q(
                "SQL",
                "Как с помощью SQL найти заказы, по которым нет ни одной записи в таблице доставок?",
                "LEFT JOIN заказов с доставками и условие WHERE d.order_id IS NULL, либо NOT EXISTS (SELECT 1 FROM "
                "deliveries d WHERE d.order_id = o.id). NOT EXISTS надёжнее, чем NOT IN: если подзапрос вернёт NULL, NOT IN "
                "не вернёт ни одной строки. Такие запросы полезны для проверки целостности данных после тестов.",
            ),
            _q(
                "Баг-репорты",
                "Что должно быть в хорошем баг-репорте?",
                "Короткий понятный заголовок (что, где и при каких условиях), окружение (версия, браузер, устройство, "
                "стенд), точные шаги воспроизведения, фактический и ожидаемый результат. Доказательства: скриншоты, "
                "видео, логи, идентификатор запроса. Severity и priority, а также проверка, что баг воспроизводится и не "
                "является дубликатом.",
            ),
            _q(
                "Поведенческий",
                "Расскажите о случае, когда вы нашли критичный баг прямо перед релизом. Что вы сделали?",
                "Сильный ответ по STAR: конкретная ситуация, быстрая локализация и воспроизведение, понятный баг-репорт и "
                "оперативное информирование команды и продакта с оценкой рисков. Решение о релизе команда принимает "
                "вместе (перенос, хотфикс, отключение функции через фича-флаг), а не тестировщик в одиночку. Кандидат "
                "называет результат и выводы, например новый автотест или изменение процесса, чтобы такие баги "
                "находились раньше.",
            ),
            _q(
                "Ситуационный",
                "Разработчик говорит, что найденный вами баг — «это не баг, а фича». Ваши действия?",
                "Опираюсь на факты: требования, макеты, спецификацию и ожидания пользователя. Если требования "
                "неоднозначны, подключаю аналитика или продакт-менеджера, чтобы принять решение, а не спорить бесконечно. "
                "Итог фиксирую: баг исправляется либо закрывается с комментарием, а требования уточняются. Тон остаётся "
                "конструктивным — цель у команды общая.",
            ),
        ],
    },
    # ------------------------------------------------------------------ DevOps
    {
        "slug": "cloudberry-devops-engineer",
        "title": "DevOps Engineer (12-month contract)",
        "company": "Cloudberry Systems",
        "description": (
            "Cloudberry Systems runs a scheduling platform used by 15,000 clinics and salons. "
            "We are looking for a DevOps Engineer on a 12-month contract to own our AWS infrastructure, migrate the "
            "remaining services to Kubernetes and improve our CI/CD pipelines. "
            "You will manage infrastructure as code with Terraform, set up monitoring and alerting, and help "
            "developers ship safely several times a day. "
            "We expect solid Linux and networking fundamentals and hands-on experience with Docker, Kubernetes, "
            "Terraform and at least one major cloud provider. "
            "Experience with Prometheus and Grafana and with incident response is a strong plus."
        ),
        "skills": ["Linux", "Docker", "Kubernetes", "Terraform", "AWS", "CI/CD", "Prometheus", "Bash", "Git"],
        "location": "Remote",
        "salary_min": 90000,
        "salary_max": 120000,
        "currency": "USD",
        "employment_type": "contract",
        "language": "en",
        "questions": [
            _q(
                "Kubernetes",
                "A pod is stuck in CrashLoopBackOff. Walk me through how you debug it.",
                "Run kubectl describe pod to read events, exit codes and reasons (OOMKilled, failing probes, image pull "
                "errors) and kubectl logs --previous to see the crashed container's output. Common causes: the app "
                "failing at start-up, missing config, secrets or environment variables, a wrong command, a liveness "
                "probe firing too early, or a memory limit that is too low. Fix the root cause, e.g. add a startupProbe "
                "or adjust resources, and reproduce locally with the same image if needed.",
            ),
            _q(
                "Infrastructure as code",
                "How do you manage Terraform state in a team, and what happens if two people apply at the same time?",
                "Keep state in a remote backend (S3 with locking, or Terraform Cloud) with encryption and versioning, never "
                "in Git, because it can hold secrets. State locking stops concurrent applies; without it they can race "
                "and corrupt state. Run plan and apply through CI with the plan reviewed in the pull request, split state "
                "per environment or component to limit the blast radius, and reuse code through modules.",
            ),
            _q(
                "CI/CD",
                "Design a CI/CD pipeline for a web service deployed to Kubernetes.",
                "On every pull request: lint, unit tests, Docker image build, dependency and image scanning, integration "
                "tests. On merge: tag the image with the commit SHA, push it to a registry, deploy to staging "
                "automatically (Helm or GitOps with Argo CD) and run smoke tests, then promote to production with a "
                "rolling, canary or blue-green rollout. Handle database migrations, roll back automatically on failed "
                "health checks, and take secrets from a secret manager rather than the pipeline definition.",
            ),
            _q(
                "Linux",
                "A server is responding slowly. Which commands do you run first, and what do you look for?",
                "Check resources: uptime and top/htop for CPU and load average, free -m and vmstat for memory and "
                "swapping, iostat or iotop for I/O wait, df -h for full disks, ss for connection counts. Read journalctl "
                "and dmesg for OOM kills or hardware errors, and the application's own metrics. Work from a hypothesis, "
                "e.g. with the USE method (utilisation, saturation, errors), rather than restarting blindly.",
            ),
            _q(
                "Observability",
                "What would you monitor for a web service, and how do you avoid alert fatigue?",
                "Cover the golden signals (latency, traffic, errors, saturation) plus infrastructure metrics, logs and "
                "traces. Define SLOs and page on symptoms users feel, such as error-budget burn, rather than every CPU "
                "spike. Every page must be actionable with a runbook, lower-priority issues go to tickets or dashboards, "
                "and noisy alerts are reviewed and tuned or removed regularly.",
            ),
            _q(
                "Security",
                "How do you handle secrets such as database passwords in infrastructure and pipelines?",
                "Never commit secrets to Git or bake them into images. Keep them in a secret manager (AWS Secrets Manager, "
                "Vault, or external/sealed secrets for Kubernetes), encrypted at rest and injected at runtime, with "
                "least-privilege access through IAM roles instead of long-lived keys. Rotate them, audit access and scan "
                "repositories for leaked credentials.",
            ),
            _q(
                "Networking",
                "What happens between a user typing our domain into a browser and our application returning a response?",
                "DNS resolves the name (browser and OS caches, resolver, authoritative servers) to an IP, usually of a CDN "
                "or load balancer. The browser opens a TCP connection, performs the TLS handshake and verifies the "
                "certificate, then sends the HTTP request. The load balancer or ingress routes it to a healthy backend, "
                "which may call databases and caches, and the response travels back. A strong answer notes where each "
                "step can fail and how you would observe it.",
            ),
            _q(
                "Behavioural",
                "Tell me about an outage you caused or handled. What did you do?",
                "A strong STAR answer shows calm prioritisation: mitigate first (roll back, fail over), keep stakeholders "
                "informed, then find the root cause. The candidate owns their part honestly and describes a blameless "
                "post-mortem with concrete follow-ups (automation, guardrails, alerts, runbooks) and a measurable result "
                "such as faster recovery next time.",
            ),
            _q(
                "Situational",
                "Developers complain that deploys take 40 minutes and often fail. Where do you start?",
                "Measure first: time each pipeline stage and classify failures (flaky tests, infrastructure, "
                "dependencies). Quick wins: cache dependencies and Docker layers, parallelise tests, slim images, fix or "
                "quarantine flaky tests. Agree targets with the developers, e.g. DORA metrics such as lead time and "
                "change failure rate, and track progress visibly.",
            ),
        ],
    },
    # ------------------------------------------------------------------ product manager (no salary)
    {
        "slug": "basketly-product-manager",
        "title": "Product Manager, Customer App",
        "company": "Basketly",
        "description": (
            "Basketly delivers groceries in under 30 minutes in six European cities. "
            "As Product Manager for the customer app you will own the ordering experience, from search and basket to "
            "checkout and delivery tracking. "
            "You will find user problems through research and data, prioritise the roadmap, and work daily with "
            "engineers, a designer and an analyst to ship and measure improvements. "
            "We are looking for 3+ years of product management on a consumer digital product, a strong analytical "
            "mindset (SQL or analytics tools, A/B testing) and excellent stakeholder communication. "
            "Experience with marketplaces, e-commerce or logistics is a plus."
        ),
        "skills": [
            "Product discovery",
            "Roadmapping",
            "A/B testing",
            "SQL",
            "User research",
            "Stakeholder management",
            "Jira",
            "Communication",
        ],
        "location": "Lisbon",
        "salary_min": None,
        "salary_max": None,
        "currency": "EUR",
        "employment_type": "full_time",
        "language": "en",
        "questions": [
            _q(
                "Prioritisation",
                "You have ten feature requests from sales, support and leadership, and capacity for two this quarter. "
                "How do you prioritise?",
                "Tie each request to the product strategy and the team's goal metric, then estimate impact, confidence "
                "and effort (e.g. RICE) using data and user evidence rather than who is loudest. Look for the underlying "
                "problems, since several requests often share one. Communicate the decision and its reasoning openly, "
                "including what won't be done and why, and revisit it when new evidence appears.",
            ),
            _q(
                "Metrics",
                "What would be the north star metric for a grocery delivery app, and which metrics would you put around it?",
                "A good north star reflects value delivered to customers and tracks revenue, e.g. orders delivered on "
                "time per week or weekly orders per active customer. Support it with input metrics (app-open to order "
                "conversion, basket size, delivery time, out-of-stock rate) and guardrails (order margin, cancellations, "
                "refunds, complaints). Downloads or page views alone are vanity metrics.",
            ),
            _q(
                "Product discovery",
                "How do you validate that a problem is worth solving before engineering builds anything?",
                "Combine evidence from user interviews, support tickets, behavioural analytics and market data into a "
                "clear problem statement and hypotheses. Test cheaply: prototypes and usability tests with the designer, "
                "fake-door tests, a manual concierge version or a small experiment. Set success criteria in advance and "
                "be willing to drop ideas that don't validate.",
            ),
            _q(
                "Analytics",
                "Checkout conversion dropped 8% after last week's release. What do you do?",
                "Confirm the drop is real (tracking changes, data delays, seasonality) and localise it by app version, "
                "OS, payment method and city. Check release notes, error logs and session recordings. If the release is "
                "the likely cause, roll back or hotfix with engineering quickly, inform stakeholders, then run a "
                "post-mortem and add guardrails such as staged rollouts and funnel alerts.",
            ),
            _q(
                "Experimentation",
                "How would you design an A/B test for a new 'reorder your last basket' button?",
                "State the hypothesis (the button increases repeat orders among returning customers), a primary metric "
                "such as orders per user over the test period, and guardrails like basket size and margin. Randomise at "
                "user level among eligible users who have ordered before, fix sample size and duration in advance and run "
                "whole weeks. Analyse at the end, check segments and novelty effects, and decide with the cost in mind.",
            ),
            _q(
                "Stakeholder management",
                "Tell me about a time you had to say no to a senior stakeholder.",
                "A strong STAR answer shows the candidate understood the stakeholder's underlying goal, grounded the no "
                "in data, strategy and trade-offs, and offered an alternative that still addressed the need (smaller "
                "scope, later date, different solution). The relationship stayed intact and the outcome is stated.",
            ),
            _q(
                "Behavioural",
                "Describe a launch that failed or underperformed. What did you learn?",
                "An honest STAR answer where the candidate owns their part instead of blaming others. It covers how the "
                "result was measured, the real cause (wrong problem, thin discovery, poor adoption, execution), the "
                "response (iterate, pivot or sunset) and the concrete practice they changed afterwards.",
            ),
            _q(
                "Collaboration",
                "How do you work with engineers and designers while a feature is being built?",
                "Involve them early in discovery so they understand the problem and shape the solution, rather than "
                "handing over finished specs. Provide clear problem statements and user stories with acceptance criteria, "
                "and be available to make scope decisions quickly. Respect estimates and technical debt, agree an MVP, "
                "and review the measured impact together after launch.",
            ),
            _q(
                "Situational",
                "Two weeks before a launch, engineering says the feature will be two weeks late. What do you do?",
                "Understand why and how reliable the new estimate is, then work out options with the team: cut or defer "
                "scope to keep the date, launch to a subset of users behind a feature flag, or move the date. Weigh the "
                "impact on users, marketing commitments and partners, decide (or escalate with a recommendation) "
                "quickly, and communicate the new plan to all stakeholders.",
            ),
        ],
    },
    # ------------------------------------------------------------------ UI/UX designer
    {
        "slug": "mediva-ui-ux-designer",
        "title": "UI/UX Designer",
        "company": "Mediva Health",
        "description": (
            "Mediva Health builds a patient app for booking appointments, viewing test results and messaging doctors "
            "at 300 clinics in Spain. "
            "As a UI/UX Designer you will own end-to-end design of new features: research, user flows, wireframes, "
            "high-fidelity UI and prototypes in Figma. "
            "You will run usability tests with patients, including older and less tech-savvy users, and work closely "
            "with product managers and developers through implementation. "
            "We are looking for a portfolio that shows your process and impact, 2+ years of product design experience, "
            "strong interaction and visual design skills, and working knowledge of WCAG. "
            "Experience maintaining a design system is a plus."
        ),
        "skills": [
            "Figma",
            "User research",
            "Wireframing",
            "Prototyping",
            "Usability testing",
            "Design systems",
            "Accessibility",
            "Communication",
        ],
        "location": "Barcelona",
        "salary_min": 42000,
        "salary_max": 55000,
        "currency": "EUR",
        "employment_type": "full_time",
        "language": "en",
        "questions": [
            _q(
                "Portfolio",
                "Walk me through one project from your portfolio: the problem, your process and the outcome.",
                "Start from the user and business problem and the constraints, explain what research was done and what it "
                "revealed, and show how the design evolved through iterations and testing, including rejected options "
                "and why. Be clear about your own role versus the team's. End with measurable outcomes (task success, "
                "conversion, fewer support tickets) or honest learnings if results weren't measured.",
            ),
            _q(
                "User research",
                "How would you find out why patients abandon the appointment booking flow?",
                "Combine quantitative and qualitative methods: funnel analytics to see where users drop off, session "
                "recordings and support tickets for clues, then usability tests or interviews with real patients, "
                "including older users, to learn why. Turn findings into hypotheses, prioritise by severity and "
                "frequency, and validate redesigns with testing or an A/B test.",
            ),
            _q(
                "Usability testing",
                "How do you plan and run a usability test?",
                "Set goals and research questions, recruit about 5-8 participants who represent the real users, and write "
                "realistic tasks without leading wording. Use a prototype or the live product, ask participants to think "
                "aloud, observe without helping and record the sessions. Synthesise findings by severity and frequency, "
                "share a short actionable summary with the team, and retest the revised flow.",
            ),
            _q(
                "Accessibility",
                "What do you check to make a design accessible?",
                "Colour contrast of at least 4.5:1 for normal text (WCAG AA), never using colour alone to carry meaning, "
                "readable type that survives text scaling, and touch targets of roughly 44x44 pt or more. Clear labels and "
                "error messages, a logical focus order and visible focus states, annotated for developers along with "
                "screen-reader labels. Validate with assistive technologies and, where possible, with users who rely on them.",
            ),
            _q(
                "Design systems",
                "What makes a good design system, and how do you keep it in sync with the code?",
                "Reusable, accessible components with all their states and usage guidelines, built on design tokens for "
                "colour, type and spacing. Stay in sync by sharing names and tokens with the code, co-owning components "
                "with front-end developers, versioning changes and having a clear contribution process. It should speed "
                "teams up without blocking genuinely new patterns.",
            ),
            _q(
                "Collaboration",
                "How do you hand a design over to developers, and what do you do during implementation?",
                "Involve developers early to catch constraints, then hand over organised Figma files with components, "
                "specs, every state (empty, loading, error, long text and other edge cases), responsive behaviour and "
                "interaction details or prototypes. Stay available, review builds in design QA and prioritise fixes "
                "together, accepting pragmatic trade-offs while protecting what matters to users.",
            ),
            _q(
                "Behavioural",
                "Tell me about a time user testing proved your design wrong.",
                "A strong STAR answer shows humility and an evidence-driven attitude: the assumption the candidate made, "
                "what testing revealed, and how they changed the design quickly. It gives the result of the new version "
                "and what they changed in their process, such as testing earlier with low-fidelity prototypes.",
            ),
            _q(
                "Situational",
                "A stakeholder insists on a change you believe will hurt the user experience. How do you handle it?",
                "First understand the stakeholder's goal, since there is usually a real business need behind the "
                "request. Bring evidence (research findings, analytics, usability heuristics) and offer alternatives that "
                "meet the goal without harming users. If you still disagree, propose testing the options with users or "
                "in an A/B test and let the results decide.",
            ),
            _q(
                "Visual design",
                "How do you build a clear visual hierarchy on a dense screen such as lab test results?",
                "Decide what patients need most (which results are out of range and what to do next) and emphasise it "
                "with size, weight, colour, spacing and position. Group related information, use progressive disclosure "
                "for details, keep a consistent type scale and alignment, and replace jargon with plain language. Check "
                "with a quick test that users find the key information fast.",
            ),
        ],
    },
    # ------------------------------------------------------------------ sales manager (ru)
    {
        "slug": "kassapro-b2b-sales-manager",
        "title": "Менеджер по продажам B2B (SaaS)",
        "company": "КассаПро",
        "description": (
            "«КассаПро» — облачный сервис учёта и онлайн-касс, которым пользуются более 20 000 магазинов и кафе по "
            "всей России. "
            "Мы ищем менеджера по продажам, который будет работать с входящими заявками и самостоятельно находить "
            "новых клиентов среди сетевой розницы. "
            "Задачи: проводить встречи и онлайн-демонстрации продукта, выявлять потребности, готовить коммерческие "
            "предложения, доводить сделки до оплаты и вести воронку в CRM. "
            "Ожидаем опыт B2B-продаж от 2 лет (желательно IT-продуктов или услуг), уверенные переговоры с лицами, "
            "принимающими решения, и дисциплину в работе с CRM. "
            "Доход состоит из оклада и процента от продаж без верхнего ограничения."
        ),
        "skills": [
            "B2B sales",
            "CRM",
            "Negotiation",
            "Cold calling",
            "Sales funnel",
            "Presentation skills",
            "Excel",
            "Communication",
        ],
        "location": "Москва",
        "salary_min": 120000,
        "salary_max": 250000,
        "currency": "RUB",
        "employment_type": "full_time",
        "language": "ru",
        "questions": [
            _q(
                "Воронка продаж",
                "Из каких этапов состоит ваша воронка продаж и какие показатели вы отслеживаете на каждом этапе?",
                "Этапы: лид, квалификация, встреча или демонстрация, коммерческое предложение, переговоры, закрытие "
                "сделки и оплата. На каждом этапе — конверсия в следующий этап, число и сумма сделок, длительность цикла "
                "сделки и средний чек. Сильный кандидат объясняет, как использует эти данные: находит узкое место в "
                "воронке, работает над ним и по воронке планирует выполнение плана.",
            ),
            _q(
                "Выявление потребностей",
                "Как вы выявляете потребности клиента на первой встрече?",
                "Готовлюсь заранее: изучаю компанию и собеседника. На встрече задаю открытые вопросы о текущих "
                "процессах, проблемах и их цене для бизнеса, целях и сроках, выясняю, кто принимает решение и какой "
                "бюджет (например, по методикам SPIN или BANT). Больше слушаю, чем говорю, резюмирую услышанное и "
                "фиксирую договорённости и следующий шаг в CRM.",
            ),
            _q(
                "Работа с возражениями",
                "Клиент говорит: «У вас дорого, у конкурента дешевле». Что вы ответите?",
                "Не спорю и не даю скидку сразу: уточняю, с каким предложением клиент сравнивает и что для него важно. "
                "Перевожу разговор с цены на ценность: считаю выгоду для его бизнеса (время персонала, ошибки в учёте, "
                "поддержка, интеграции) и сравниваю предложения по одинаковым параметрам. Если уступка нужна, делаю её "
                "в обмен на что-то — годовую предоплату или больший объём.",
            ),
            _q(
                "Привлечение клиентов",
                "Как вы будете искать и привлекать новых клиентов среди сетевой розницы?",
                "Определяю профиль идеального клиента (размер сети, регион, формат) и составляю список компаний по "
                "отраслевым базам, выставкам, соцсетям и рекомендациям текущих клиентов. Нахожу лиц, принимающих "
                "решения, и готовлю персонализированный первый контакт с конкретной пользой для их бизнеса. Веду серию "
                "касаний по разным каналам (звонок, письмо, мессенджер), фиксирую всё в CRM и смотрю, какие каналы дают "
                "лучшую конверсию.",
            ),
            _q(
                "CRM",
                "Зачем менеджеру по продажам дисциплинированно вести CRM?",
                "CRM — единый источник правды о клиентах и сделках: история общения, договорённости и следующие шаги не "
                "теряются, даже если менеджер заболел или уволился. По данным CRM строится прогноз продаж, "
                "анализируется воронка и видны зависшие сделки. Хороший ответ показывает привычку вносить данные сразу "
                "после контакта и всегда ставить следующий шаг с датой.",
            ),
            _q(
                "Поведенческий",
                "Расскажите о самой сложной сделке, которую вы закрыли. Что вы сделали, чтобы её выиграть?",
                "Сильный ответ по STAR: конкретный клиент и в чём была сложность (несколько лиц, принимающих решения, "
                "сильный конкурент, долгий цикл, ограниченный бюджет). Кандидат описывает свои действия: работу со всеми "
                "участниками решения, адаптацию предложения, пилот или кейсы, переговоры. Результат назван в цифрах "
                "(сумма, сроки), и есть вывод, который кандидат применяет дальше.",
            ),
            _q(
                "Поведенческий",
                "Был ли у вас месяц, когда вы не выполнили план? Что вы сделали?",
                "Честный ответ без перекладывания вины на рынок или компанию. Кандидат разбирает причины по воронке "
                "(мало лидов, низкая конверсия на одном из этапов, сорвавшаяся крупная сделка) и называет конкретные "
                "действия: больше активности, работа над слабым этапом, разбор с руководителем. Хорошо, если есть "
                "результат — выполнение плана в следующих периодах.",
            ),
            _q(
                "Удержание клиентов",
                "Клиент после покупки недоволен и грозится не продлевать подписку. Ваши действия?",
                "Быстро связываюсь с клиентом, внимательно выслушиваю и выясняю настоящую причину недовольства, не "
                "оправдываясь. Подключаю нужных коллег (поддержку, внедрение), согласую конкретный план решения со "
                "сроками и контролирую его выполнение, держа клиента в курсе. После решения проблемы возвращаюсь к "
                "разговору о ценности продукта и продлении: удержать клиента обычно дешевле, чем привлечь нового.",
            ),
            _q(
                "Презентация",
                "Продайте мне наш сервис за одну минуту: я владелец сети из пяти кофеен.",
                "Хороший ответ начинается с вопроса или предположения о проблемах владельца (учёт остатков, контроль "
                "точек на расстоянии, очереди, отчётность), а не с перечисления функций. Кандидат связывает 2–3 функции "
                "с конкретной выгодой (продажи всех точек в телефоне, меньше списаний, касса по 54-ФЗ), приводит пример "
                "или цифру и заканчивает призывом к следующему шагу — демонстрации или бесплатному пробному периоду.",
            ),
        ],
    },
    # ------------------------------------------------------------------ customer support (part-time)
    {
        "slug": "parcelwise-customer-support",
        "title": "Customer Support Specialist (Part-time)",
        "company": "Parcelwise",
        "description": (
            "Parcelwise helps 8,000 online shops print shipping labels and track parcels across 20 carriers. "
            "We are looking for a part-time Customer Support Specialist (25 hours a week, weekday shifts) to answer "
            "customers by chat and email, troubleshoot shipping and integration problems, and escalate bugs to the "
            "product team. "
            "You will also keep our help centre articles up to date and pass customer feedback on to the team. "
            "We are looking for excellent written English, patience and empathy, technical curiosity (you will learn "
            "our Shopify and WooCommerce integrations) and experience with a helpdesk tool such as Zendesk or Intercom. "
            "Previous customer-facing experience is required; e-commerce or logistics experience is a plus."
        ),
        "skills": [
            "Customer service",
            "Written communication",
            "Troubleshooting",
            "Zendesk",
            "CRM",
            "Empathy",
            "Jira",
            "Communication",
        ],
        "location": "Dublin",
        "salary_min": 20000,
        "salary_max": 24000,
        "currency": "EUR",
        "employment_type": "part_time",
        "language": "en",
        "questions": [
            _q(
                "Difficult customers",
                "A customer writes in all caps that their parcel is lost and threatens a one-star review. How do you reply?",
                "Stay calm and don't take it personally; acknowledge the frustration and apologise for the experience "
                "without blaming the carrier or the customer. Get the facts (tracking number, order), check the tracking "
                "and carrier status, and say exactly what you will do next and when they will hear back, e.g. opening a "
                "carrier investigation. Follow up as promised and explain the options the policy allows; the review "
                "threat does not change how fairly you treat them.",
            ),
            _q(
                "Troubleshooting",
                "A merchant says their Shopify orders stopped syncing to Parcelwise. What do you ask and what do you check?",
                "Ask when it started, whether it affects all or some orders and what changed (app permissions, store "
                "settings, plan). Check the integration status and logs, re-authorise the connection if the token "
                "expired, and test with a new order. If it's still broken, escalate to engineering with store URL, order "
                "IDs, timestamps and screenshots, offer a workaround such as CSV import, and tell the merchant when to "
                "expect an update.",
            ),
            _q(
                "Prioritisation",
                "You start your shift with 40 open tickets. How do you decide what to handle first?",
                "Triage by impact and urgency: merchants who can't ship at all or issues affecting many customers come "
                "first, then SLA deadlines and time-sensitive requests, then how-to questions. Watch for clusters of "
                "similar tickets that signal a wider incident and flag them to the team. Use macros and help-centre "
                "articles for common questions while still personalising replies.",
            ),
            _q(
                "Escalation",
                "When do you escalate a ticket, and how do you write a good bug report for engineers?",
                "Escalate when the issue is beyond your permissions or knowledge, looks like a bug, affects several "
                "customers, or involves security, billing disputes or legal threats. A good report has a clear summary, "
                "steps to reproduce, expected versus actual behaviour, affected accounts and IDs, timestamps, screenshots "
                "or logs, and the business impact. Keep the customer updated meanwhile instead of going silent.",
            ),
            _q(
                "Communication",
                "How do you explain a technical problem to a non-technical customer?",
                "Avoid jargon, use short sentences and simple analogies, and focus on what it means for them and what "
                "they need to do. Give step-by-step instructions with screenshots or links and check that they "
                "understood. Adapt tone and detail to the person.",
            ),
            _q(
                "Support metrics",
                "Which metrics matter for a support team, and how would you improve them?",
                "First response time, resolution time, customer satisfaction (CSAT), first-contact resolution and ticket "
                "volume by category. Speed must not come at the expense of quality, because closing tickets without "
                "solving problems hurts CSAT. Improve them with help articles and better macros for common issues, by "
                "feeding recurring problems back to product, and by learning from low-rated tickets.",
            ),
            _q(
                "Behavioural",
                "Tell me about a time you went beyond what was expected for a customer.",
                "A strong STAR answer names a specific situation, what made it hard, the concrete extra step taken within "
                "policy, and the result: a retained customer, positive feedback, or a process change that helped others "
                "too. It shows genuine care rather than breaking rules or giving things away.",
            ),
            _q(
                "Situational",
                "A customer asks for a refund that our policy doesn't allow. What do you do?",
                "Empathise and explain the policy honestly, including the reason behind it, instead of hiding behind "
                "'rules are rules'. Look for alternatives within your authority, such as account credit or solving the "
                "underlying problem. If the case is truly exceptional, escalate to a team lead with context rather than "
                "promising something you can't deliver.",
            ),
            _q(
                "Resilience",
                "Support can be emotionally draining. How do you stay effective after a run of difficult conversations?",
                "A good answer shows self-awareness and healthy habits: short breaks between hard conversations, not "
                "taking criticism personally, asking colleagues for support or a second opinion, and reflecting on what "
                "could be done better. It also mentions raising systemic causes, such as a recurring bug, so the root "
                "problem gets fixed.",
            ),
        ],
    },
    # ------------------------------------------------------------------ HR generalist (ru, no salary)
    {
        "slug": "volgamarket-hr-generalist",
        "title": "HR-генералист / рекрутер",
        "company": "ВолгаМаркет",
        "description": (
            "«ВолгаМаркет» — региональная сеть из 120 супермаркетов в Поволжье, в которой работают более 6 000 "
            "сотрудников. "
            "Мы ищем HR-генералиста, который будет закрывать вакансии офиса и магазинов, проводить адаптацию новых "
            "сотрудников и участвовать в HR-проектах компании. "
            "Вам предстоит вести полный цикл подбора — от согласования профиля с руководителем до выхода кандидата, — "
            "работать с вузами и сайтами по поиску работы, проводить опросы вовлечённости и выходные интервью. "
            "Ожидаем опыт в рекрутинге или HR от 2 лет, знание основ трудового законодательства РФ и уверенную работу "
            "с Excel и HR-системами. "
            "Будет плюсом опыт массового подбора."
        ),
        "skills": ["Recruiting", "Interviewing", "Onboarding", "Labour law", "HR analytics", "ATS", "Excel", "Communication"],
        "location": "Казань",
        "salary_min": None,
        "salary_max": None,
        "currency": "RUB",
        "employment_type": "full_time",
        "language": "ru",
        "questions": [
            _q(
                "Подбор персонала",
                "С чего вы начинаете работу над новой вакансией?",
                "С брифинга с нанимающим руководителем: задачи и зона ответственности, обязательные и желательные "
                "требования, условия, сроки, этапы отбора и кто принимает решение. Затем составляю профиль кандидата и "
                "привлекательный текст вакансии, сверяю предложение по зарплате с рынком. Выбираю каналы поиска, "
                "договариваюсь о сроках обратной связи и метриках: время закрытия, число кандидатов на каждом этапе.",
            ),
            _q(
                "Интервью",
                "Как вы проводите интервью по компетенциям? Приведите пример вопроса.",
                "Заранее определяю ключевые компетенции для позиции и задаю поведенческие вопросы о реальном прошлом "
                "опыте, раскрывая ответ по модели STAR (ситуация, задача, действия, результат). Пример: «Расскажите о "
                "случае, когда вам пришлось урегулировать конфликт в команде. Что именно сделали вы?». Уточняющими "
                "вопросами отличаю реальный опыт от теории и оцениваю всех кандидатов по одной шкале, чтобы снизить "
                "субъективность.",
            ),
            _q(
                "Массовый подбор",
                "Магазинам за месяц нужно нанять 30 кассиров. Как вы организуете подбор?",
                "Использую каналы массового подбора: сайты по поиску работы, соцсети и мессенджеры, объявления в "
                "магазинах, реферальную программу для сотрудников, колледжи, при необходимости — агентства. Упрощаю "
                "отбор: короткий отклик, телефонный скрининг по скрипту, групповые собеседования или дни открытых дверей и "
                "быстрые решения. Отслеживаю воронку и конверсию по каналам и заранее договариваюсь с директорами "
                "магазинов о быстрой обратной связи и адаптации, чтобы новички не уходили в первые недели.",
            ),
            _q(
                "Адаптация",
                "Как построить адаптацию, чтобы новые сотрудники не увольнялись в первые три месяца?",
                "Адаптация начинается до выхода: понятный оффер и информация о первом дне. Нужны план на испытательный "
                "срок с целями, наставник, приветственная встреча и знакомство с командой, обучение продукту и "
                "процессам. Регулярные встречи для обратной связи (после первой недели, месяца и трёх месяцев) и анализ "
                "причин ранних увольнений по выходным интервью помогают улучшать процесс.",
            ),
            _q(
                "Трудовое право",
                "Какие документы нужны при приёме сотрудника на работу и что важно учесть при установлении "
                "испытательного срока?",
                "По ТК РФ кандидат предъявляет паспорт, трудовую книжку или сведения о трудовой деятельности, СНИЛС, "
                "документы воинского учёта (для военнообязанных) и документ об образовании, если работа этого требует. "
                "Работодатель заключает трудовой договор, оформляет приказ о приёме и до подписания договора знакомит "
                "сотрудника с локальными актами под подпись. Испытание должно быть прописано в договоре, по общему "
                "правилу не более 3 месяцев (для руководителя организации, главного бухгалтера и их заместителей — до 6), "
                "и его нельзя устанавливать, например, беременным женщинам и несовершеннолетним.",
            ),
            _q(
                "HR-аналитика",
                "Какие HR-метрики вы считаете и как используете их в работе?",
                "Для подбора — время закрытия вакансии, стоимость найма, конверсия по этапам воронки и каналам, доля "
                "принятых офферов. Для удержания — текучесть, в том числе в первые 3 месяца, причины увольнений и "
                "результаты опросов вовлечённости (например, eNPS). Метрики полезны, когда по ним принимают решения: "
                "отказаться от неэффективного канала или изменить адаптацию в магазинах с высокой текучестью.",
            ),
            _q(
                "Поведенческий",
                "Расскажите о случае, когда нанимающий руководитель был недоволен кандидатами, которых вы предлагали. "
                "Что вы сделали?",
                "Сильный ответ по STAR: кандидат не защищается, а выясняет конкретные причины отказов, уточняет профиль "
                "и при необходимости корректирует требования вместе с руководителем, опираясь на данные рынка. Он "
                "описывает, что изменил в поиске или скрининге, и результат — закрытую вакансию и более слаженную "
                "работу с руководителем.",
            ),
            _q(
                "Ситуационный",
                "Кандидат принял оффер, а за день до выхода сообщает, что получил контрпредложение от текущего "
                "работодателя. Ваши действия?",
                "Спокойно выясняю мотивы: что изменилось и почему он изначально искал новую работу — контрпредложение "
                "часто не решает причин ухода. Напоминаю о ценности нашего предложения без давления и манипуляций и при "
                "возможности обсуждаю с руководителем, можно ли что-то пересмотреть. Параллельно держу в резерве других "
                "кандидатов и сразу предупреждаю нанимающего менеджера о риске.",
            ),
            _q(
                "Ситуационный",
                "Сотрудник жалуется вам на конфликт с непосредственным руководителем. Как вы поступите?",
                "Выслушиваю сотрудника нейтрально и конфиденциально, уточняю факты и его ожидания. Выслушиваю вторую "
                "сторону, не занимая ничью сторону заранее, и проверяю, нет ли нарушений закона или внутренних правил "
                "(дискриминация, домогательства) — такие случаи требуют формального разбирательства. Помогаю организовать "
                "конструктивный разговор или медиацию, фиксирую договорённости и проверяю, что ситуация разрешилась.",
            ),
        ],
    },
    # ------------------------------------------------------------------ marketing manager
    {
        "slug": "greenleaf-marketing-manager",
        "title": "Marketing Manager (B2B SaaS)",
        "company": "Greenleaf Analytics",
        "description": (
            "Greenleaf Analytics helps mid-size companies measure and report their carbon footprint. "
            "We are hiring a Marketing Manager to own demand generation: plan and run campaigns across paid search, "
            "LinkedIn, email and content, and deliver a steady pipeline of qualified leads to the sales team. "
            "You will manage the budget, work with a content writer and a designer, and report on results from first "
            "touch to closed deal. "
            "We are looking for 4+ years of B2B marketing experience, hands-on Google Ads, LinkedIn Ads and marketing "
            "automation (HubSpot or similar), and a data-driven approach to budget allocation. "
            "Experience marketing to finance or operations buyers is a plus."
        ),
        "skills": [
            "Demand generation",
            "Google Ads",
            "SEO",
            "Email marketing",
            "HubSpot",
            "Google Analytics",
            "A/B testing",
            "Content marketing",
        ],
        "location": "New York",
        "salary_min": 95000,
        "salary_max": 125000,
        "currency": "USD",
        "employment_type": "full_time",
        "language": "en",
        "questions": [
            _q(
                "Planning",
                "You get a $30,000 quarterly budget and a target of 150 sales-qualified leads. How do you plan it?",
                "Work backwards from the target with funnel conversion rates (visitors, leads, MQLs, SQLs) and historical "
                "cost per lead by channel to check the target is realistic. Put most of the budget into proven channels "
                "and keep a share (around 10-20%) for tests. Agree the ideal customer profile and SQL definition with "
                "sales, set up tracking before launch, and review weekly, shifting spend to the best cost per SQL rather "
                "than cost per lead.",
            ),
            _q(
                "Metrics",
                "What is the difference between an MQL and an SQL, and which marketing metrics matter most to you?",
                "An MQL meets marketing's criteria for fit and engagement, e.g. matches the ICP and downloaded a guide; an "
                "SQL has been accepted by sales as worth pursuing after qualification. The metrics that matter connect to "
                "revenue: pipeline generated, cost per SQL or opportunity, customer acquisition cost, stage conversion "
                "rates and payback period, not just impressions or clicks. Definitions are agreed with sales.",
            ),
            _q(
                "Attribution",
                "B2B buyers touch many channels before buying. How do you decide which channels are actually working?",
                "Combine several views: multi-touch attribution in the CRM (first-touch, last-touch, W-shaped) with "
                "awareness of each model's bias, self-reported attribution ('How did you hear about us?'), and "
                "incrementality tests such as holdouts or geo tests for big channels. Judge channels by opportunities and "
                "revenue rather than lead volume, and treat attribution as directional, not exact.",
            ),
            _q(
                "Paid acquisition",
                "A LinkedIn campaign has a good click-through rate, but its leads rarely become opportunities. What do you do?",
                "Check targeting (titles, company size, industries matching the ICP) and whether the offer attracts "
                "researchers rather than buyers, and review lead quality with sales. Then tighten targeting and "
                "exclusions, move to a higher-intent offer (demo, ROI calculator), add qualifying form fields, improve "
                "nurturing, and optimise for opportunities instead of clicks or raw leads.",
            ),
            _q(
                "SEO and content",
                "How would you build an SEO and content strategy for a niche B2B product?",
                "Start from buyer personas and their questions along the journey, research keywords by intent "
                "(problem-aware, solution-aware, comparison) and prioritise by relevance and difficulty rather than raw "
                "volume. Create genuinely useful content such as guides, templates and comparisons, with sound technical "
                "SEO and internal linking. Distribute it through email, social and sales, and measure rankings, organic "
                "traffic and above all the leads and pipeline it influences.",
            ),
            _q(
                "Experimentation",
                "How would you A/B test a landing page?",
                "Pick one primary metric such as demo-request conversion and a clear hypothesis, build a variant with one "
                "meaningful change, and split traffic randomly. Estimate the sample size first; B2B traffic is often low, "
                "so test bold changes. Run whole weeks, don't stop at the first significant peek, then document the "
                "result and roll out the winner.",
            ),
            _q(
                "Behavioural",
                "Tell me about a campaign that failed. What did you learn?",
                "A strong STAR answer owns the failure, gives numbers (target versus actual), explains why it failed "
                "(audience, message, channel, timing) and how quickly the candidate noticed and reacted by pausing, "
                "reallocating budget or iterating. It ends with a concrete lesson applied later.",
            ),
            _q(
                "Sales alignment",
                "Sales says marketing's leads are 'junk'. How do you handle it?",
                "Take it seriously and go to the data: review a sample of leads with sales, compare conversion by source, "
                "and jointly agree the ICP, lead scoring and MQL/SQL definitions in a service-level agreement. Add a "
                "feedback loop with rejection reasons in the CRM and a regular review meeting, so both teams share a "
                "pipeline or revenue goal instead of separate vanity metrics.",
            ),
            _q(
                "Situational",
                "Halfway through the quarter you are at 30% of your lead target. What do you do?",
                "Diagnose fast: which channels and funnel stages underperform, and is it volume or conversion. Move budget "
                "to the best performers, launch quick wins (a webinar, re-engaging old leads, partner co-marketing) and "
                "pause what doesn't work. Tell leadership and sales early with a recovery plan and an honest forecast "
                "instead of hoping to catch up.",
            ),
        ],
    },
    # ------------------------------------------------------------------ Python intern (ru)
    {
        "slug": "agrocifra-python-intern",
        "title": "Стажёр Python-разработчик",
        "company": "АгроЦифра",
        "description": (
            "«АгроЦифра» разрабатывает сервисы для агрохолдингов: мониторинг полей по спутниковым снимкам, учёт "
            "техники и урожая. "
            "Мы приглашаем на оплачиваемую трёхмесячную стажировку студентов старших курсов и выпускников, которые "
            "хотят стать backend-разработчиками. "
            "Под руководством наставника вы будете писать код на Python, разрабатывать API на Django, писать тесты и "
            "проходить код-ревью. "
            "Ожидаем знание основ Python (типы данных, функции, ООП), базовое понимание SQL и Git и умение "
            "разбираться в документации, а также готовность уделять стажировке от 30 часов в неделю. "
            "Лучших стажёров по итогам приглашаем в штат."
        ),
        "skills": ["Python", "Django", "SQL", "Git", "REST API", "pytest", "OOP", "Linux"],
        "location": "Новосибирск",
        "salary_min": 50000,
        "salary_max": 70000,
        "currency": "RUB",
        "employment_type": "internship",
        "language": "ru",
        "questions": [
            _q(
                "Python",
                "Чем список отличается от кортежа в Python? Когда вы используете словарь, а когда множество?",
                "Список (list) — изменяемая упорядоченная коллекция, кортеж (tuple) — неизменяемая, поэтому кортеж из "
                "хешируемых элементов может быть ключом словаря. Словарь хранит пары «ключ — значение» с быстрым, в "
                "среднем O(1), доступом по ключу, множество — уникальные элементы с быстрой проверкой вхождения. "
                "Например, чтобы проверять, встречался ли элемент, множество лучше списка, где поиск занимает O(n).",
            ),
            _q(
                "Python",
                "Что такое изменяемые и неизменяемые объекты? Что не так с функцией def add(item, items=[])?",
                "Неизменяемые объекты (int, str, tuple) нельзя изменить после создания, изменяемые (list, dict, set) — "
                "можно. Значение по умолчанию вычисляется один раз при определении функции, поэтому один и тот же список "
                "переиспользуется между вызовами и накапливает элементы. Правильно писать items=None и внутри функции "
                "создавать новый список, если items is None.",
            ),
            _q(
                "ООП",
                "Объясните основные принципы ООП на примере из Python.",
                "Инкапсуляция — объединение данных и методов в классе и сокрытие деталей реализации (в Python — по "
                "соглашению через подчёркивание и property). Наследование — создание класса на основе другого с "
                "переиспользованием и расширением поведения. Полиморфизм — разные классы реализуют общий интерфейс, и код "
                "работает с ними одинаково, например разные фигуры с методом area(). Хороший ответ упоминает и "
                "абстракцию и приводит короткий пример.",
            ),
            _q(
                "SQL",
                "Что такое первичный и внешний ключ? Как получить количество заказов у каждого клиента, включая "
                "клиентов без заказов?",
                "Первичный ключ уникально идентифицирует строку таблицы, внешний ключ ссылается на первичный ключ другой "
                "таблицы и обеспечивает ссылочную целостность. Запрос: SELECT c.id, c.name, COUNT(o.id) FROM customers c "
                "LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.name. Важно взять LEFT JOIN и COUNT(o.id), а "
                "не COUNT(*), чтобы у клиентов без заказов получился 0.",
            ),
            _q(
                "Git",
                "Как вы работаете с Git в команде? Что делать, если при слиянии возник конфликт?",
                "Работаю в отдельной ветке под задачу, делаю небольшие коммиты с понятными сообщениями, перед отправкой "
                "подтягиваю изменения из основной ветки и открываю pull request на код-ревью. При конфликте открываю "
                "конфликтующие файлы, разбираюсь, какие изменения нужны из обеих версий, объединяю их вручную, запускаю "
                "тесты, затем делаю git add и завершаю merge или rebase. Если непонятно, какой вариант верный, уточняю у "
                "автора изменений.",
            ),
            _q(
                "Веб и HTTP",
                "Что происходит, когда вы отправляете HTTP-запрос к API? Чем отличаются GET и POST и коды ответа 4xx и 5xx?",
                "Клиент получает IP-адрес через DNS, устанавливает TCP-соединение (для HTTPS ещё и TLS), отправляет "
                "запрос с методом, путём, заголовками и телом, сервер обрабатывает его и возвращает ответ с кодом "
                "статуса. GET получает данные и не должен менять состояние, POST передаёт данные для создания ресурса "
                "или выполнения действия. Коды 4xx означают ошибку клиента (400 — неверный запрос, 401/403 — нет "
                "доступа, 404 — не найдено), 5xx — ошибку на стороне сервера.",
            ),
            _q(
                "Тестирование",
                "Зачем писать тесты? Как бы вы протестировали функцию, которая считает среднюю урожайность по списку полей?",
                "Тесты находят ошибки до продакшена, позволяют безопасно рефакторить и документируют ожидаемое "
                "поведение. Для функции пишу тесты на pytest: обычный случай с заранее посчитанным результатом, одно "
                "поле, пустой список (поведение нужно определить явно: вернуть 0, None или выбросить исключение), поле с "
                "нулевой площадью и некорректные данные. Дробные результаты сравниваю через pytest.approx.",
            ),
            _q(
                "Мотивация",
                "Расскажите о проекте, которым вы гордитесь: учебном, личном или командном. Что было самым сложным?",
                "Хороший ответ описывает конкретный проект, личный вклад кандидата и использованные технологии, а также "
                "трудность и то, как он её преодолел: разобрался в документации, спросил совета, переписал решение. "
                "Ценится рефлексия: что бы он сделал иначе и чему научился. Для стажёра важнее интерес и умение учиться, "
                "чем масштаб проекта.",
            ),
            _q(
                "Ситуационный",
                "Вы второй день не можете решить задачу и не понимаете, в чём ошибка. Что вы сделаете?",
                "Сначала действую системно: читаю сообщение об ошибке и трейсбек, воспроизвожу проблему на минимальном "
                "примере, использую отладчик или логирование, ищу в документации и на Stack Overflow. Но не молчу долго: "
                "если за разумное время (например, пару часов) нет прогресса, иду к наставнику и рассказываю, что уже "
                "проверил и какие есть гипотезы. Умение вовремя попросить помощи — важный навык, а не слабость.",
            ),
        ],
    },
    # ------------------------------------------------------------------ Go backend
    {
        "slug": "tollgate-go-backend",
        "title": "Backend Engineer (Go)",
        "company": "Tollgate Payments",
        "description": (
            "Tollgate Payments provides payment processing and payouts for online marketplaces, handling 3 million "
            "transactions a day. "
            "As a Backend Engineer you will build and run Go services for payment routing, ledgers and webhooks, with a "
            "strong focus on correctness, latency and reliability. "
            "You will design APIs, write well-tested code and take part in on-call for the services your team owns. "
            "We expect 3+ years of backend experience including production Go, solid PostgreSQL and concurrency "
            "skills, and a working knowledge of distributed-systems ideas such as message queues and idempotency. "
            "Experience with Kafka, gRPC or the payments domain is a plus."
        ),
        "skills": ["Go", "PostgreSQL", "gRPC", "Kafka", "Microservices", "Docker", "Kubernetes", "Git"],
        "location": "Remote",
        "salary_min": 110000,
        "salary_max": 140000,
        "currency": "USD",
        "employment_type": "full_time",
        "language": "en",
        "questions": [
            _q(
                "Go concurrency",
                "Explain goroutines and channels. How would you deliver 10,000 webhooks concurrently without "
                "overwhelming the receiving servers?",
                "Goroutines are lightweight threads scheduled by the Go runtime; channels let them communicate and "
                "synchronise safely. Bound concurrency with a worker pool reading jobs from a channel, or a semaphore "
                "(buffered channel, errgroup.SetLimit). Give each request a timeout through context, retry with "
                "exponential backoff and jitter, rate-limit per destination, and wait for completion with a WaitGroup or "
                "errgroup so cancellation propagates.",
            ),
            _q(
                "Go",
                "What is context.Context used for in Go services?",
                "It carries cancellation, deadlines and request-scoped values across API boundaries and goroutines. Pass "
                "it as the first argument down the call chain (handler, service, database or HTTP client) so that when a "
                "client disconnects or a timeout expires, downstream work stops and resources are released. Don't store "
                "it in structs, always call the cancel function, and keep values for request-scoped data such as trace "
                "IDs, not optional parameters.",
            ),
            _q(
                "Error handling",
                "How do you handle errors in Go, and how do you make them useful for debugging?",
                "Errors are values returned explicitly: check them right away and handle or return them. Wrap them with "
                "context using fmt.Errorf with the %w verb and inspect them with errors.Is and errors.As, defining "
                "sentinel or typed errors for cases callers must handle. Log an error once, at the boundary, with "
                "structured fields instead of at every level, and don't use panic for normal error flow.",
            ),
            _q(
                "Idempotency",
                "A client times out calling our 'create payout' endpoint and retries. How do you make sure the payout "
                "happens only once?",
                "Require an idempotency key and store it under a unique constraint with a hash of the request and the "
                "resulting response: a retry with the same key gets the stored result, and a different payload with the "
                "same key is rejected. Write the key in the same database transaction as the payout, handle the "
                "in-progress state (e.g. 409 or wait), and use idempotent calls to downstream banks too. Reconcile with "
                "the provider regularly to catch anything that slipped through.",
            ),
            _q(
                "Distributed systems",
                "How do you reliably publish an event to Kafka when a payment's status changes in PostgreSQL?",
                "Writing to the database and to Kafka separately can leave them inconsistent (the dual-write problem). "
                "Use the transactional outbox: store the status change and an outbox row in the same transaction, and let "
                "a relay (a poller or CDC such as Debezium) publish the rows and mark them sent. Delivery is "
                "at-least-once, so consumers must be idempotent (deduplicate by event ID), and partitioning by payment ID "
                "keeps per-payment ordering.",
            ),
            _q(
                "Data modelling",
                "How would you design a ledger so that account balances are always correct?",
                "Use double-entry bookkeeping: immutable entries, debits and credits written in one transaction so they "
                "always sum to zero, with corrections made as new entries rather than updates or deletes. Store amounts "
                "as integers in minor units with a currency, never floats. Derive balances from entries, optionally "
                "caching them in a balance row updated in the same transaction with row locks or optimistic concurrency, "
                "and reconcile regularly.",
            ),
            _q(
                "Performance",
                "A Go service's p99 latency spiked after a release. How do you investigate?",
                "Correlate with the deploy using metrics and traces to find which endpoint and which dependency slowed "
                "down. Profile with pprof (CPU, heap, goroutine, block and mutex profiles) to find hot paths, lock "
                "contention, goroutine leaks or extra GC pressure from allocations, and check query plans and "
                "connection-pool saturation. If users are affected, roll back first, then fix and add a benchmark or alert.",
            ),
            _q(
                "Behavioural",
                "Tell me about a technical decision you made that you later regretted. What did you do?",
                "A strong STAR answer shows ownership and reflection: the context and constraints at the time, why the "
                "decision seemed right, which signals showed it was wrong, and how the candidate corrected it (a migration "
                "plan, communication with the team). It ends with a lesson about decision-making, such as writing design "
                "docs, weighing reversibility or validating assumptions earlier.",
            ),
            _q(
                "Incident response",
                "You're on call and get paged at 3 a.m.: the payment success rate dropped from 98% to 70%. What do you do?",
                "Acknowledge the page and size the problem on dashboards: which payment methods, providers and regions, "
                "since when, and any recent deploys or config changes. Mitigate first, e.g. roll back or route traffic "
                "away from a failing provider, and bring in others early if needed. Post status updates in the incident "
                "channel and to support, keep a timeline, and afterwards write a blameless post-mortem with follow-up actions.",
            ),
        ],
    },
    # ------------------------------------------------------------------ systems analyst (ru)
    {
        "slug": "iset-bank-system-analyst",
        "title": "Системный аналитик (платежи)",
        "company": "Исеть Банк",
        "description": (
            "ИТ-команда «Исеть Банка» развивает мобильный и интернет-банк для полутора миллионов клиентов. "
            "Мы ищем системного аналитика в команду платежей: вы будете собирать и формализовать требования бизнеса, "
            "проектировать интеграции между сервисами и описывать API для разработчиков. "
            "Вам предстоит писать спецификации и пользовательские сценарии, рисовать диаграммы в нотациях UML и BPMN, "
            "проектировать модели данных и участвовать в приёмке доработок. "
            "Ожидаем опыт системного анализа от 2 лет, уверенный SQL, понимание REST и обмена сообщениями через "
            "очереди, а также умение договариваться с бизнесом и разработкой. "
            "Опыт в банковской сфере будет плюсом."
        ),
        "skills": ["Requirements analysis", "SQL", "REST API", "UML", "BPMN", "Kafka", "Confluence", "Jira"],
        "location": "Екатеринбург",
        "salary_min": 180000,
        "salary_max": 260000,
        "currency": "RUB",
        "employment_type": "full_time",
        "language": "ru",
        "questions": [
            _q(
                "Требования",
                "Как вы собираете и фиксируете требования к новой функции? Чем функциональные требования отличаются от "
                "нефункциональных?",
                "Определяю заинтересованные стороны и цель доработки, провожу интервью и воркшопы, изучаю текущие "
                "процессы, документы и системы. Фиксирую требования в спецификации, пользовательских историях или "
                "сценариях использования с критериями приёмки и согласую их с бизнесом и разработкой. Функциональные "
                "требования описывают, что делает система (например, перевод по номеру телефона), нефункциональные — "
                "как: производительность, доступность, безопасность, ограничения. Хорошие требования однозначны, "
                "проверяемы и трассируемы.",
            ),
            _q(
                "Интеграции",
                "Как вы выбираете между синхронным REST-взаимодействием и асинхронным обменом через очередь, например Kafka?",
                "REST подходит, когда клиенту нужен немедленный ответ и операция быстрая, но сервисы становятся зависимы "
                "по доступности: если вызываемый сервис лежит, операция не проходит. Очередь подходит для событий, "
                "долгой обработки и нескольких потребителей, сглаживает пики и развязывает сервисы, но даёт итоговую "
                "согласованность и требует идемпотентной обработки, контроля порядка и повторов. Выбор зависит от "
                "требований к задержке, надёжности и согласованности данных.",
            ),
            _q(
                "Проектирование API",
                "Как бы вы спроектировали REST API для получения истории платежей клиента?",
                "Ресурс вроде GET /clients/{id}/payments или /payments?clientId=... с фильтрами по дате, статусу и типу и "
                "пагинацией (для больших объёмов лучше курсорной). Контракт описываю в OpenAPI: поля, типы, форматы дат и "
                "сумм (сумма в минимальных единицах или decimal вместе с валютой), коды ответов и формат ошибок. Учитываю "
                "авторизацию (клиент видит только свои платежи), маскирование чувствительных данных, требования ко "
                "времени ответа и версионирование.",
            ),
            _q(
                "SQL",
                "Напишите запрос: для каждого клиента найти дату последнего платежа и сумму его платежей за последние "
                "30 дней.",
                "SELECT client_id, MAX(created_at) AS last_payment, SUM(CASE WHEN created_at >= CURRENT_DATE - INTERVAL "
                "'30 days' THEN amount ELSE 0 END) AS sum_30d FROM payments GROUP BY client_id; в PostgreSQL вместо CASE "
                "можно использовать FILTER (WHERE ...). Сильный ответ уточняет, учитывать ли только успешные платежи и "
                "нужны ли клиенты без платежей (тогда LEFT JOIN от таблицы клиентов и COALESCE).",
            ),
            _q(
                "Моделирование",
                "Какие диаграммы вы используете в работе и для чего?",
                "BPMN — для бизнес-процессов с участниками и ветвлениями; UML-диаграмма последовательностей — для "
                "взаимодействия сервисов, включая ошибки и таймауты; диаграмма состояний — для жизненного цикла "
                "сущности, например статусов платежа; ER-диаграмма — для модели данных; C4 или диаграмма вариантов "
                "использования — для обзора системы. Главное — выбирать диаграмму под аудиторию и вопрос, а не рисовать "
                "ради рисования.",
            ),
            _q(
                "Обработка ошибок",
                "Как вы опишете обработку ошибок и таймаутов в интеграции с внешней платёжной системой?",
                "Описываю все исходы: успех, бизнес-ошибку (например, недостаточно средств), техническую ошибку и таймаут "
                "с неизвестным результатом. При неизвестном результате — статус «в обработке» и запрос статуса или повтор "
                "с ключом идемпотентности, а не повторное списание. Задаю таймауты, число и интервалы повторов, сверку с "
                "внешней системой, логирование и мониторинг, а также то, что видит клиент в каждом случае.",
            ),
            _q(
                "Поведенческий",
                "Расскажите о ситуации, когда требования поменялись в середине разработки. Как вы действовали?",
                "Сильный ответ по STAR: кандидат выяснил причину изменения, вместе с командой оценил влияние на сроки, "
                "архитектуру и уже сделанную работу и донёс последствия до бизнеса. Изменения были согласованы и "
                "отражены в документации, приоритеты пересмотрены. Кандидат называет результат и вывод, например раннее "
                "прототипирование или более тщательное согласование требований.",
            ),
            _q(
                "Ситуационный",
                "На приёмке выяснилось, что бизнес и разработчики по-разному поняли одно и то же требование. Что вы "
                "сделаете?",
                "Собираю обе стороны и разбираю требование на конкретных примерах и сценариях, чтобы найти, где "
                "возникло расхождение. С бизнесом определяем, что действительно нужно, с разработкой оцениваем "
                "стоимость доработки, а решение о сроках принимаем совместно. Исправляю спецификацию и добавляю "
                "конкретные критерии приёмки и примеры, чтобы подобное не повторялось.",
            ),
            _q(
                "Безопасность и регулирование",
                "Какие требования безопасности и регуляторные ограничения вы учтёте при проектировании перевода по "
                "номеру телефона?",
                "Аутентификация и подтверждение операции (одноразовый код или подтверждение в приложении), лимиты на "
                "сумму и число операций, антифрод-проверки. Защита персональных данных по 152-ФЗ: маскирование имени и "
                "номера получателя, шифрование, журналирование операций. Требования регулятора: переводы через СБП по "
                "правилам Банка России и меры по противодействию отмыванию денег по 115-ФЗ.",
            ),
        ],
    },
]


def _with_key_points(vacancies: list[dict]) -> list[dict]:
    """Each demo question gets the key points of a strong answer (kept in JSON beside this file): the
    rubric the offline grader checks answers against, and what hints are made of."""
    points = json.loads((Path(__file__).parent / "demo_key_points.json").read_text())
    for spec in vacancies:
        for question, key_points in zip(spec["questions"], points.get(spec["slug"], []), strict=False):
            question["key_points"] = key_points
    return vacancies


VACANCIES = _with_key_points(VACANCIES)
