"""Shared helpers for the benchmarks in bench/: a throw-away PostgreSQL database, the app under
gunicorn on 127.0.0.1, a logged-in `requests` session and latency statistics.

Every benchmark talks only to 127.0.0.1 and stops only the processes it started (by pid).

Functions and classes:

- `ROOT`, `PY`: the repository root and the virtualenv's python.
- `database_url(name, base=DEFAULT_PG)`: a postgres:// URL for database `name`.
- `recreate_database(name, base=DEFAULT_PG)`: DROP DATABASE IF EXISTS + CREATE (refuses
  names that do not start with "dinsos_bench" so it can never drop a real database).
- `app_env(database_url, **extra)`: environment for the app in production mode (DEBUG=false,
  a benchmark-only SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, plain static storage, no secure-only
  cookies because the benchmark speaks plain HTTP to 127.0.0.1).
- `setup_django(database_url)`: point this process at the benchmark database and
  `django.setup()`, so a benchmark can `call_command("migrate")`, create users, count queries.
- `free_port()`: a free TCP port on 127.0.0.1.
- `Gunicorn(env, workers=2)`: context manager; starts `gunicorn config.wsgi` on a free port,
  waits until /masuk/ answers, `.url(path)` builds a URL, stops the master by its pid on exit.
- `login(base_url, username, password)`: a `requests.Session` logged in through the real login
  form (GET for the CSRF token, POST with it), raising if the login did not take.
- `csrf_from(html)`: the csrfmiddlewaretoken of the first form in a page.
- `timed(session, method, url, **kw)`: (milliseconds, response); raises on a non-200 answer.
- `percentile(values, p)`: nearest-rank percentile (p95 of 60 samples = the 57th smallest).
- `stats(values)`: {"n", "p50", "p95", "max"} in milliseconds.
"""

from __future__ import annotations

import math
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DEFAULT_PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def database_url(name: str, base: str = DEFAULT_PG) -> str:
    return f"{base.rstrip('/')}/{name}"


def recreate_database(name: str, base: str = DEFAULT_PG) -> str:
    """Drop and create the benchmark database; returns its URL."""
    import psycopg

    if not name.startswith("dinsos_bench"):
        raise ValueError(f"Menolak menghapus basis data {name!r}: nama harus dinsos_bench*.")
    with psycopg.connect(database_url("postgres", base), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return database_url(name, base)


def app_env(db_url: str, **extra: str) -> dict[str, str]:
    tmp = Path(tempfile.gettempdir())
    for d in ("dinsos-bench-static", "dinsos-bench-berkas"):
        (tmp / d).mkdir(exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-never-used-in-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        # Plain HTTP on 127.0.0.1: a Secure cookie would never be sent back.
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "PRIVATE_MEDIA_ROOT": str(tmp / "dinsos-bench-berkas"),
        # Static files are not timed; an existing (empty) root keeps WhiteNoise quiet.
        "STATIC_ROOT": str(tmp / "dinsos-bench-static"),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra)
    return env


def setup_django(db_url: str) -> None:
    env = app_env(db_url, ALLOWED_HOSTS="127.0.0.1,testserver")
    for key in (
        "DATABASE_URL",
        "DJANGO_SETTINGS_MODULE",
        "DEBUG",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "STATICFILES_BACKEND",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "PRIVATE_MEDIA_ROOT",
        "STATIC_ROOT",
        "LOG_LEVEL",
    ):
        os.environ[key] = env[key]
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """`with Gunicorn(env) as app: requests.get(app.url("/masuk/"))`."""

    def __init__(self, env: dict[str, str], workers: int = 2, log: Path | None = None):
        self.env = env
        self.workers = workers
        self.port = free_port()
        self.log = log or Path(tempfile.gettempdir()) / f"dinsos-bench-gunicorn-{self.port}.log"
        self.proc: subprocess.Popen | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> Gunicorn:
        try:
            return self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise

    def _start(self) -> Gunicorn:
        gunicorn = Path(PY).with_name("gunicorn")
        self._logf = open(self.log, "ab")  # noqa: SIM115 - closed in __exit__
        self.proc = subprocess.Popen(
            [
                str(gunicorn),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self._logf,
            stderr=subprocess.STDOUT,
        )
        # Workers import Django on their first request; on a busy machine that takes seconds.
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn berhenti saat mulai; lihat {self.log}")
            try:
                if requests.get(self.url("/masuk/"), timeout=30).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn tidak menjawab dalam 180 detik; lihat {self.log}")

    def __exit__(self, *exc) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the master stops its own workers
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        self._logf.close()


def csrf_from(html: str) -> str:
    m = _CSRF.search(html)
    if not m:
        raise RuntimeError("Formulir tanpa csrfmiddlewaretoken.")
    return m.group(1)


def login(base_url: str, username: str, password: str) -> requests.Session:
    s = requests.Session()
    page = s.get(f"{base_url}/masuk/", timeout=30)
    page.raise_for_status()
    r = s.post(
        f"{base_url}/masuk/",
        data={
            "csrfmiddlewaretoken": csrf_from(page.text),
            "username": username,
            "password": password,
            "next": "/",
        },
        headers={"Referer": f"{base_url}/masuk/"},
        timeout=30,
        allow_redirects=False,
    )
    if r.status_code != 302 or "sessionid" not in s.cookies:
        raise RuntimeError(f"Login {username} gagal (HTTP {r.status_code}).")
    return s


def timed(
    session: requests.Session, method: str, url: str, **kw
) -> tuple[float, requests.Response]:
    kw.setdefault("timeout", 60)
    kw.setdefault("allow_redirects", False)
    t0 = time.perf_counter()
    r = session.request(method, url, **kw)
    _ = r.content  # the whole body, as a browser would wait for it
    ms = (time.perf_counter() - t0) * 1000
    if r.status_code != 200:
        raise RuntimeError(f"{method} {url} -> HTTP {r.status_code}")
    return ms, r


def percentile(values: list[float], p: float) -> float:
    xs = sorted(values)
    if not xs:
        return math.nan
    k = max(1, math.ceil(p / 100 * len(xs)))
    return xs[k - 1]


def stats(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "max": max(values) if values else math.nan,
    }
