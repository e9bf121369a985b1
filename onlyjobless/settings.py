"""OnlyJobless settings: one file, read from the environment, with defaults that work locally."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


# Off unless asked for: a deploy that forgets DEBUG must not show Django's technical pages.
# `make run`, `manage.py` and the test settings ask for it.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (set DEBUG=true on a development machine).")
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if not DEBUG else "*")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "ninja",
    "rest_framework_simplejwt.token_blacklist",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "llm",
    "interviews",
    "vacancies",
    "resumes",
    "applications",
    "salary",
    "integrations",
    "replyfeedback",
    "demo",
]

# Every middleware is async capable (one sync-only middleware puts the whole stack in a thread),
# and the onlyjobless ones run Django's on the event loop instead of hopping to a thread per hook.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "onlyjobless.middleware.ContentSecurityPolicyMiddleware",
    "onlyjobless.middleware.StaticFilesMiddleware",
    "onlyjobless.middleware.SessionMiddleware",
    "onlyjobless.middleware.LocaleMiddleware",
    "onlyjobless.middleware.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "onlyjobless.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "onlyjobless.middleware.MessageMiddleware",
    "onlyjobless.middleware.ServiceErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "onlyjobless.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

ASGI_APPLICATION = "onlyjobless.asgi.application"

# A pool of open connections (psycopg_pool), so a request borrows one instead of connecting (~6 ms).
# DB_POOL_MAX_SIZE=0 turns it off; then DB_CONN_MAX_AGE may keep connections instead (not both).
DB_POOL_MAX_SIZE = env_int("DB_POOL_MAX_SIZE", 20)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "postgres://localhost/onlyjobless"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 3
if DB_POOL_MAX_SIZE:
    if DATABASES["default"]["CONN_MAX_AGE"]:
        raise ImproperlyConfigured("DB_CONN_MAX_AGE needs DB_POOL_MAX_SIZE=0: a pool already keeps connections.")
    DATABASES["default"]["OPTIONS"]["pool"] = {
        "min_size": min(env_int("DB_POOL_MIN_SIZE", 2), DB_POOL_MAX_SIZE),
        "max_size": DB_POOL_MAX_SIZE,
        "timeout": env_float("DB_POOL_TIMEOUT_S", 10.0),  # waiting for a free connection, then an error
    }
if env_str("TEST_DATABASE_NAME"):  # lets several test runs share one Postgres server
    DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits and login throttling must hold across processes: a shared cache.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "onlyjobless_cache",
        }
    }

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.LettersAndDigitsValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Русский"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "media/"  # never served publicly: uploads go through owner-only views
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024

# Security. Production runs behind a TLS-terminating proxy.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^health$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# JSON API tokens (simplejwt). Rotation and blacklisting are off by default there.
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env_int("JWT_ACCESS_MINUTES", 15)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env_int("JWT_REFRESH_DAYS", 7)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "ALGORITHM": "HS256",
    "SIGNING_KEY": SECRET_KEY,
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
}

# MongoDB: chats and messages. Unset means the embedded SecantusDB that `make run` starts.
MONGODB_URI = env_str("MONGODB_URI", "mongodb://127.0.0.1:27018/?directConnection=true")
MONGODB_DB = env_str("MONGODB_DB", "onlyjobless")
MONGODB_TIMEOUT_MS = env_int("MONGODB_TIMEOUT_MS", 3000)

# LLM (any Ollama server). Unset means the local llama.cpp server that `make run` starts.
OLLAMA_HOST = env_str("OLLAMA_HOST", "http://127.0.0.1:11435")
# Several Ollama servers (comma-separated) in order of preference: a stream that cannot start on one
# starts on the next before its first token. Empty: OLLAMA_HOST alone.
OLLAMA_HOSTS = env_list("OLLAMA_HOSTS", "")
OLLAMA_MODEL = env_str("OLLAMA_MODEL", "smollm2")
LLM_TIMEOUT_S = env_float("LLM_TIMEOUT_S", 120.0)
# Where `make run` says how far the offline model's build and start have got (llm/local_status.py).
LOCAL_LLM_STATUS_FILE = Path(env_str("LOCAL_LLM_STATUS_FILE", str(BASE_DIR / "var" / "llm-status.json")))
LLM_CONNECT_RETRIES = env_int("LLM_CONNECT_RETRIES", 2)
LLM_NUM_CTX = env_int("LLM_NUM_CTX", 4096)
LLM_NUM_PREDICT = env_int("LLM_NUM_PREDICT", 512)
# The interviewer's acknowledgement before each planned question. "model": a short model call,
# dropped (never the question) when it takes longer than ACK_TIMEOUT_S or says something else;
# "app": one of the app's neutral phrases, instantly; "off". The bundled 135M model's own
# acknowledgements were unusable when read (it restates the answer, consoles, or drifts into
# another language: bench/turn.py), so with it the app speaks.
SMALL_MODELS = ("smollm2",)
INTERVIEW_ACKNOWLEDGE = env_str("INTERVIEW_ACKNOWLEDGE",
                                "app" if OLLAMA_MODEL.split(":")[0] in SMALL_MODELS else "model")
ACK_TIMEOUT_S = env_float("ACK_TIMEOUT_S", 4.0)
ACK_NUM_PREDICT = env_int("ACK_NUM_PREDICT", 40)
# Follow-up probes: after a weak answer, at most one follow-up per question aimed at a key point it
# missed (its answer counts toward that question). The model phrases it; the app chooses the point.
# Off with the bundled model, whose questions were not worth asking.
INTERVIEW_FOLLOW_UPS = env_bool("INTERVIEW_FOLLOW_UPS", OLLAMA_MODEL.split(":")[0] not in SMALL_MODELS)
# Grading by the model beside the offline rubric grader: only worth it with a capable model
# (the bundled 135M model's grades are noise), so off unless asked for.
LLM_GRADING = env_bool("LLM_GRADING", False)

# Product limits.
CHATS_PER_DAY = env_int("CHATS_PER_DAY", 20)
MESSAGE_MAX_CHARS = env_int("MESSAGE_MAX_CHARS", 4000)
MESSAGES_PER_MINUTE = env_int("MESSAGES_PER_MINUTE", 20)
# Connections to a reply still being written (a page opens one per answer, a reload one more).
STREAMS_PER_MINUTE = env_int("STREAMS_PER_MINUTE", 60)
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_S = env_int("LOGIN_FAILURE_WINDOW_S", 15 * 60)
RESUME_READS_PER_HOUR = env_int("RESUME_READS_PER_HOUR", 20)
SERVICE_KEY_REQUESTS_PER_MINUTE = env_int("SERVICE_KEY_REQUESTS_PER_MINUTE", 60)  # per key, across processes  # uploads read (maybe by the model) per user
SALARY_PREDICTIONS_PER_HOUR = env_int("SALARY_PREDICTIONS_PER_HOUR", 60)
LOGIN_IP_LIMIT = env_int("LOGIN_IP_LIMIT", 50)  # attempts from one address across usernames, per window
LOGIN_USER_BACKOFF_AFTER = env_int("LOGIN_USER_BACKOFF_AFTER", 10)  # failures from anywhere, then 2, 4, 8 … s
LOGIN_USER_BACKOFF_MAX_S = env_int("LOGIN_USER_BACKOFF_MAX_S", 300)
RESUME_MAX_BYTES = env_int("RESUME_MAX_BYTES", 5 * 1024 * 1024)
# The LLM's second read of an uploaded resume; 0 turns it off. The upload waits at most this long.
RESUME_LLM_TIMEOUT_S = env_float("RESUME_LLM_TIMEOUT_S", 20.0)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SALARY_MODEL_DIR = Path(env_str("SALARY_MODEL_DIR", str(BASE_DIR / "var" / "salary_models")))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # fontTools logs every glyph it subsets (the PDF export embeds fonts) at INFO.
    "loggers": {"django.db.backends": {"level": "INFO"}, "fontTools": {"level": "WARNING"}},
}
# Addresses (or networks) of our own reverse proxies: only a request from one of them has its client
# address read from X-Forwarded-For. Empty by default: a client can write that header itself.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
