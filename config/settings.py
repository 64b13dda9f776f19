"""Settings, read from the environment (see .env.example).

A wrong value fails at start-up rather than silently falling back: django-environ raises on an
unparseable DATABASE_URL or boolean, and the checks below reject an unknown kabupaten or a
production run without a secret key.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.exists():
    env.read_env(str(env_file))

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG and not env.bool("DINSOS_ALLOW_INSECURE_KEY", default=False):
        raise ImproperlyConfigured(
            "SECRET_KEY harus diisi di lingkungan produksi (lihat .env.example)."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The kabupaten this installation serves, as a Kemendagri code ("35.01" = Kabupaten Pacitan).
KABUPATEN_KODE = env.str("KABUPATEN_KODE", default="35.01")
if (
    len(KABUPATEN_KODE) != 5
    or KABUPATEN_KODE[2] != "."
    or not KABUPATEN_KODE.replace(".", "").isdigit()
):
    raise ImproperlyConfigured(
        f"KABUPATEN_KODE harus berbentuk kode Kemendagri 'PP.KK', bukan {KABUPATEN_KODE!r}."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "dinsos",
    "ekspor",
    "ppks",
    "psks",
    "bansos",
    "laporan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Cache-Control: no-store on pages of a signed-in user, Permissions-Policy (dinsos.header).
    "dinsos.header.HeaderKeamananMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Idle timeout and session cap (needs the user and the messages above it).
    "dinsos.sesi.BatasSesiMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "dinsos.context_processors.kantor",
            ],
            "builtins": ["dinsos.templatetags.dinsos_format"],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server, the task worker and a test thread share one file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "dinsos.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (docs/security.md, "Login and sessions"): AXES_FAILURE_LIMIT failed logins
# for one user name, or from one address, within AXES_COOLOFF_MENIT minutes lock that name or
# address for AXES_COOLOFF_MENIT minutes after the last attempt; the right password does not
# get through meanwhile. The axes backend must come first to see every attempt.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MENIT", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dinsos.keamanan.respons_terkunci"
# Logins, logouts and failed logins are recorded in dinsos.Riwayat; no second, unpruned table.
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "dinsos.keamanan.alamat_klien"
# Trusted reverse proxies in front of gunicorn (1 for the nginx of docs/deployment.md): the
# client address is then the one the nearest of them appended to X-Forwarded-For.
PROXY_TEPERCAYA = env.int("PROXY_TEPERCAYA", default=0)
# Minutes without a request before a session ends (dinsos.sesi), and the session's absolute
# lifetime in seconds counted from the login, instead of Django's 14 days.
SESI_DIAM_MENIT = env.int("SESI_DIAM_MENIT", default=30)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files a browser asks for at the site root (/favicon.ico), served by WhiteNoise as they are.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
STORAGES = {
    # Uploaded documents (KTP, KK, kuitansi) are personal data: they live outside STATIC/MEDIA
    # URLs and are served only by views that apply the user's wilayah scope.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "berkas"))},
    },
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_URL = None

# Upload limits; the form layer gives the Indonesian message, Django's own limit stops abuse.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
# Data rows one import file may hold; read in bounded memory, refused beyond (ppks.impor).
IMPOR_BARIS_MAKS = env.int("IMPOR_BARIS_MAKS", default=20000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Finished background files (rekapitulasi, exports) hold personal data: they are deleted this many
# days after they were made; the record of who asked for what stays (laporan.ekspor).
LAPORAN_SIMPAN_HARI = env.int("LAPORAN_SIMPAN_HARI", default=30)
# Page cache of the rekapitulasi renderer; default PRIVATE_MEDIA_ROOT/laporan/cache.
LAPORAN_CACHE_DIR = env.str("LAPORAN_CACHE_DIR", default="")

TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
# TLS is terminated by the reverse proxy (docs/deployment.md, "Production environment"), which
# sets X-Forwarded-Proto itself, overwriting whatever a client sent. With BEHIND_TLS=true and
# DEBUG off, plain HTTP is redirected to HTTPS and browsers are told to use HTTPS only (HSTS)
# for a year; each value can still be set on its own.
BEHIND_TLS = env.bool("BEHIND_TLS", default=False)
_TLS = BEHIND_TLS and not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=_TLS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60 if _TLS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=_TLS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=_TLS)
# A page's address (which can name a record) is not sent to other sites.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No page uses the camera, microphone or location (dinsos.header sends this on every answer).
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "accelerometer=(), gyroscope=(), magnetometer=(), display-capture=(), browsing-topics=()"
)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "ringkas_4xx": {"()": "config.log.RingkasKesalahanKlien"},
        "tanpa_server_4xx": {"()": "config.log.TanpaBarisServer4xx"},
    },
    "formatters": {"server": {"format": "[{server_time}] {message}", "style": "{"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "server": {
            "class": "logging.StreamHandler",
            "formatter": "server",
            "filters": ["tanpa_server_4xx"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own default gives "django" a console handler of its own that also propagates
        # to the root one: every line twice under DEBUG. One handler, no propagation.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Request lines can carry query strings; personal data never goes in URLs, but keep
        # Django's request logger at WARNING so a mistake there does not reach the log. A 4xx
        # is one line without its traceback (config/log.py); a 5xx keeps the traceback.
        "django.request": {"level": "WARNING", "filters": ["ringkas_4xx"]},
        # runserver's access line; its 4xx lines are left to django.request (one line each).
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        # WeasyPrint logs every layout step at INFO; the worker log would drown in them.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
