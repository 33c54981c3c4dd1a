"""Jineng settings. Production differs from development only through environment variables.

See https://docs.djangoproject.com/en/5.2/ref/settings/ and docs/architecture.md.
"""

import hashlib
from datetime import timedelta
from pathlib import Path

import dj_database_url

from config.env import env_bool, env_int, env_list, env_str
from config.keys import rsa_private_key_pem

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("JINENG_VAR_DIR", str(BASE_DIR / "var")))
# Parallel test workers (pytest-xdist) each get their own files: the file cache and uploads are per database.
if env_str("PYTEST_XDIST_WORKER", ""):
    VAR_DIR = VAR_DIR / env_str("PYTEST_XDIST_WORKER", "")
# The SQLite database and uploaded files live here; a fresh clone has no var/ yet, so create it.
VAR_DIR.mkdir(parents=True, exist_ok=True)

# ---------------------------------------------------------------------------
# CORE
# ---------------------------------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG", "false")
# Published with the code, so development only: `check --deploy` fails while it is in use (jineng.E001).
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789"  # noqa: S105
SECRET_KEY = env_str("DJANGO_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",  # API tokens stored as digests, with an expiry
    "drf_spectacular",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "axes",
    "health_check",
    "oauth2_provider",  # the local identity provider standing in for 一网通办 (docs/workers.md)
    "mozilla_django_oidc",  # workers sign in through OpenID Connect
    "jineng.core",
    "jineng.accounts",
    "jineng.occupations",
    "jineng.demand",
    "jineng.forecasting",
    "jineng.training",
    "jineng.evaluation",
    "jineng.certificates",
    "jineng.library",
    "jineng.recognition",
    "jineng.competitions",
    "jineng.subsidies",
    "jineng.integrity",
    "jineng.wages",
    "jineng.awards",
    "jineng.servicepoints",
    "jineng.workers",
    "jineng.workplan",
    "jineng.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and API answers gzip-compressed when the client accepts it (Django pads each answer with random bytes
    # against BREACH); after whitenoise, which answers static files itself (pre-compressed by make serve), and
    # before every middleware that reads or changes the body (docs/decisions/0009-compression.md).
    "jineng.core.middleware.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jineng.core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jineng.core.middleware.NoStoreForPrivateAnswersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "jineng.accounts.context_processors.viewer",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# DATABASES — SQLite under var/ by default, PostgreSQL through DATABASE_URL
# ---------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'jineng.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------------------
# AUTHENTICATION
# ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login rate limiting (django-axes): lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", "true")
AXES_VERBOSE = False

# Sessions expire after inactivity.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# ---------------------------------------------------------------------------
# SECURITY — production values come from the environment
# ---------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", "false")
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # the load balancer probes over plain HTTP
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", "false")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# How many proxies of ours append to X-Forwarded-For; without a proxy the header is ignored (REMOTE_ADDR).
# Login lockouts and API throttles key on the same address (jineng.core.client_address).
JINENG_TRUSTED_PROXIES = env_int("DJANGO_TRUSTED_PROXIES", 1) if BEHIND_PROXY else 0
AXES_CLIENT_IP_CALLABLE = "jineng.core.client_address.client_address"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
JINENG_MAX_UPLOAD_BYTES = env_int("JINENG_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
# What an .xlsx/.docx may inflate to, checked from the zip directory before anything is inflated (zip bombs).
JINENG_MAX_UNZIPPED_BYTES = env_int("JINENG_MAX_UNZIPPED_BYTES", 256 * 1024 * 1024)
JINENG_MAX_ZIP_RATIO = env_int("JINENG_MAX_ZIP_RATIO", 200)
FILE_UPLOAD_HANDLERS = [
    "jineng.core.uploads.UploadLimitHandler",  # stops keeping a file past JINENG_MAX_UPLOAD_BYTES as it streams in
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# ---------------------------------------------------------------------------
# INTERNATIONALISATION — Chinese by default, complete English translation
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------------------
# STATIC AND MEDIA — front-end packages come from npm and are served locally
# ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_build"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str(
            "DJANGO_STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Development and tests serve static/ as it is; with the manifest storage (make serve) only the collected,
# hashed files in static_build/ are served, with a year's caching.
WHITENOISE_USE_FINDERS = "Manifest" not in STORAGES["staticfiles"]["BACKEND"]

# ---------------------------------------------------------------------------
# CACHE — shared by every process on the machine (gunicorn's workers, db_worker), so that API throttles count
# one client once whatever worker answers it. Several machines: point it at a shared server instead.
# ---------------------------------------------------------------------------
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": VAR_DIR / "cache",
        "OPTIONS": {"MAX_ENTRIES": 10_000},  # a throttle counter per client and minute; Django's 300 would cull them
    },
}

# Rate-limit counters of the busiest public reads (certificate verification, core.counters): one SQLite file that
# every process of the machine shares, each request's keys counted in one transaction; TIMEOUT is how long a count
# waits for a busy file before the request is refused (429). {"CACHE": alias} counts in a Django cache instead
# (a cache server shared by several machines, docs/deploy.md).
JINENG_COUNTERS = {"PATH": VAR_DIR / "counters.sqlite3", "TIMEOUT": 1.0}

# ---------------------------------------------------------------------------
# REST API — https://www.django-rest-framework.org/api-guide/settings/
# ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that an anonymous request gets 401 with a WWW-Authenticate header.
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated", "jineng.core.api_permissions.CapabilityRequired"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "jineng.core.api.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    # Domain refusals and DRF's own errors: JSON {"detail", "code"} with a Chinese sentence and the right status.
    "EXCEPTION_HANDLER": "jineng.core.api_errors.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "jineng.core.api_schema.AutoSchema",  # adds the common error answers
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "user": "600/min"},
    "NUM_PROXIES": JINENG_TRUSTED_PROXIES,  # 0: throttles key on REMOTE_ADDR, never on X-Forwarded-For
}
# API tokens (django-rest-knox): only a digest is stored; a token expires after JINENG_API_TOKEN_TTL_HOURS.
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env_int("JINENG_API_TOKEN_TTL_HOURS", 10)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Jineng 技能 API",
    "DESCRIPTION": "上海高技能人才工作平台 — 督办台等模块的 REST 接口",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI comes from npm (swagger-ui-dist) and is served locally: no CDN.
    "SWAGGER_UI_DIST": "/static/vendor/swagger-ui",
    "SWAGGER_UI_FAVICON_HREF": "/static/img/favicon.svg",
    # One name per choice set where several serializers share it (a finding's status and a review's outcome).
    "ENUM_NAME_OVERRIDES": {"FindingStatusEnum": "jineng.integrity.choices.FindingStatus",
                            "ImportStatusEnum": "jineng.core.models.ImportStatus",
                            "RiskRuleEnum": "jineng.integrity.choices.RiskRule",
                            "CompetitionEventStatusEnum": "jineng.competitions.choices.EventStatus",
                            "SkillLevelEnum": "jineng.occupations.choices.SkillLevel",
                            "ServicePointKindEnum": "jineng.servicepoints.choices.PointKind",
                            "CertificateLevelEnum": [(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")]},
}

# ---------------------------------------------------------------------------
# TASKS — django-tasks with the database backend; run `manage.py db_worker`
# ---------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env_str("JINENG_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# /health/ fails when a queued task has waited longer than this (seconds): no db_worker drains the queue.
JINENG_HEALTH_MAX_TASK_WAIT = env_int("JINENG_HEALTH_MAX_TASK_WAIT", 15 * 60)

# ---------------------------------------------------------------------------
# LOGGING — never log personal identifiers (core.logging filters them)
# ---------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_pii": {"()": "jineng.core.logging.MaskPersonalDataFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_pii"]}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# ---------------------------------------------------------------------------
# JINENG
# ---------------------------------------------------------------------------
JINENG_DEMO_PASSWORD = env_str("JINENG_DEMO_PASSWORD", "Jineng@2024demo")
# The desk caches each metric per month; writes drop it, and no cached value is older than this.
JINENG_METRIC_CACHE_SECONDS = env_int("JINENG_METRIC_CACHE_SECONDS", 300)

# Personal data: resident ID numbers are encrypted with AES-256-GCM and found through an HMAC-SHA256 digest.
# Each key is 32 bytes, base64-encoded. Left empty (development, tests), both are derived from SECRET_KEY;
# production must set its own (see docs/deploy.md) — `check --deploy` fails otherwise (jineng.E002).
JINENG_PERSONAL_DATA_KEY = env_str("JINENG_PERSONAL_DATA_KEY", "")
JINENG_LOOKUP_KEY = env_str("JINENG_LOOKUP_KEY", "")

# ---------------------------------------------------------------------------
# WORKERS' SIGN-IN — OpenID Connect (mozilla-django-oidc) against the city's identity service; see docs/workers.md
# ---------------------------------------------------------------------------
# The local provider (django-oauth-toolkit under /idp/) stands in for 一网通办 in development, the demo and the
# tests. It is on by default only with the development secret key; `check --deploy` warns when it is on.
JINENG_OIDC_LOCAL_PROVIDER = env_bool("JINENG_OIDC_LOCAL_PROVIDER",
                                      "true" if SECRET_KEY == DEVELOPMENT_SECRET_KEY else "false")
# The ID token or userinfo claim carrying the resident ID number (read over the back channel, never stored).
JINENG_OIDC_RESIDENT_ID_CLAIM = env_str("JINENG_OIDC_RESIDENT_ID_CLAIM", "resident_id")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = env_str("JINENG_OIDC_SCOPES", "openid profile")
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_TIMEOUT = env_int("JINENG_OIDC_TIMEOUT_SECONDS", 10)
OIDC_AUTHENTICATE_CLASS = "jineng.workers.auth.WorkerSignInStart"
LOGIN_REDIRECT_URL_FAILURE = "/workers/sign-in/?failed=1"
# django-oauth-toolkit (the local provider; installed everywhere so its tables exist): the OAuth 2.0 security BCP.
_OAUTH2_BCP = {
    "PKCE_REQUIRED": True,
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
}
if JINENG_OIDC_LOCAL_PROVIDER:
    # Paths on this site; the relying party makes them absolute from the request it answers.
    JINENG_OIDC_ISSUER = ""  # the provider's own, from the request (django-oauth-toolkit)
    OIDC_OP_AUTHORIZATION_ENDPOINT = "/idp/authorize/"
    OIDC_OP_TOKEN_ENDPOINT = "/idp/token/"  # noqa: S105 - a path, not a secret
    OIDC_OP_USER_ENDPOINT = "/idp/userinfo/"
    OIDC_OP_JWKS_ENDPOINT = "/idp/.well-known/jwks.json"
    OIDC_RP_CLIENT_ID = "jineng-workers"
    OIDC_RP_CLIENT_SECRET = hashlib.sha256(f"oidc-client:{SECRET_KEY}".encode()).hexdigest()
    OAUTH2_PROVIDER = {
        **_OAUTH2_BCP,
        "ALLOWED_REDIRECT_URI_SCHEMES": ["http", "https"],  # the dev server and the tests speak plain HTTP
        "OIDC_ENABLED": True,
        "OIDC_RSA_PRIVATE_KEY": rsa_private_key_pem(VAR_DIR / "oidc-provider-key.pem"),
        "SCOPES": {"openid": "OpenID Connect", "profile": "姓名与身份证号"},
        "OAUTH2_VALIDATOR_CLASS": "jineng.workers.idp.claims.ResidentClaimsValidator",
        "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
        "ACCESS_TOKEN_EXPIRE_SECONDS": 300,
        "ID_TOKEN_EXPIRE_SECONDS": 300,
    }
else:
    JINENG_OIDC_ISSUER = env_str("JINENG_OIDC_ISSUER", "")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("JINENG_OIDC_AUTHORIZATION_ENDPOINT", "")
    OIDC_OP_TOKEN_ENDPOINT = env_str("JINENG_OIDC_TOKEN_ENDPOINT", "")
    OIDC_OP_USER_ENDPOINT = env_str("JINENG_OIDC_USERINFO_ENDPOINT", "")
    OIDC_OP_JWKS_ENDPOINT = env_str("JINENG_OIDC_JWKS_ENDPOINT", "")
    OIDC_RP_CLIENT_ID = env_str("JINENG_OIDC_CLIENT_ID", "")
    OIDC_RP_CLIENT_SECRET = env_str("JINENG_OIDC_CLIENT_SECRET", "")
    OAUTH2_PROVIDER = {**_OAUTH2_BCP, "ALLOWED_REDIRECT_URI_SCHEMES": ["https"]}
# Workers can sign in when a provider is there: the local one, or the real one fully configured.
JINENG_OIDC_ENABLED = JINENG_OIDC_LOCAL_PROVIDER or all(
    (OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_JWKS_ENDPOINT, OIDC_RP_CLIENT_ID,
     OIDC_RP_CLIENT_SECRET, JINENG_OIDC_ISSUER))
if JINENG_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("jineng.workers.auth.WorkerOIDCBackend")
