"""Response headers (docs/security.md, "Scope and headers"): no-store on a signed-in user's
pages (they hold personal data, docs/rules.md section 4), Permissions-Policy and
Referrer-Policy everywhere, HTTPS only behind TLS, and `check --deploy` clean with the
production environment of docs/deployment.md."""

import os
import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

pytestmark = pytest.mark.django_db

SETTINGS_PY = Path(settings.BASE_DIR) / "config" / "settings.py"

# The production environment as docs/deployment.md ("Production environment") writes it.
PRODUKSI = {
    "DEBUG": "false",
    "SECRET_KEY": "k3Jx9-pQ2vW8zR4tY7uN1mB5cL0aS6dF3gH8jK2lZxCvBnM4qWeRtYuIoP9aSdFgHjKl",
    "ALLOWED_HOSTS": "dinsos.example.go.id",
    "CSRF_TRUSTED_ORIGINS": "https://dinsos.example.go.id",
    "BEHIND_TLS": "true",
}

# What `check --deploy` reads, copied from the settings the production environment yields.
DIPERIKSA = [
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "MIDDLEWARE",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
]


def _settings_dengan(lingkungan: dict[str, str]) -> dict:
    """config/settings.py evaluated afresh under `lingkungan` (the process environment is
    restored afterwards: the module also reads .env into it)."""
    simpan = dict(os.environ)
    try:
        for k in list(os.environ):
            if k in PRODUKSI or k.startswith(("SECURE_", "SESSION_COOKIE", "CSRF_COOKIE")):
                del os.environ[k]
        os.environ.update(lingkungan)
        return runpy.run_path(str(SETTINGS_PY))
    finally:
        os.environ.clear()
        os.environ.update(simpan)


@pytest.fixture(scope="module")
def produksi() -> dict:
    ns = _settings_dengan(PRODUKSI)
    return {k: ns[k] for k in DIPERIKSA}


def test_lingkungan_produksi_menyalakan_tls(produksi):
    assert produksi["DEBUG"] is False
    assert produksi["SECURE_SSL_REDIRECT"] is True
    assert produksi["SECURE_HSTS_SECONDS"] >= 31536000
    assert produksi["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert produksi["SESSION_COOKIE_SECURE"] and produksi["CSRF_COOKIE_SECURE"]
    assert produksi["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_tanpa_tls_tidak_mengalihkan():
    """Without BEHIND_TLS (a test machine, plain HTTP on a LAN) nothing forces HTTPS."""
    ns = _settings_dengan({k: v for k, v in PRODUKSI.items() if k != "BEHIND_TLS"})
    assert ns["SECURE_SSL_REDIRECT"] is False and ns["SECURE_HSTS_SECONDS"] == 0


def test_check_deploy_bersih_dengan_lingkungan_produksi(produksi):
    """`manage.py check --deploy` with the documented environment gives no warning (W004,
    W008, W009, W012, W016, W018, W020, W021 and the rest). No demo account exists here."""
    with override_settings(**produksi):
        try:
            call_command("check", deploy=True, fail_level="WARNING", verbosity=0)
        except SystemCheckError as e:  # pragma: no cover - the message is the diagnosis
            pytest.fail(f"check --deploy tidak bersih:\n{e}")


def test_check_deploy_tanpa_tls_memperingatkan():
    """The test above proves something: without the TLS settings the check warns."""
    with (
        override_settings(DEBUG=False, SECURE_SSL_REDIRECT=False, SECURE_HSTS_SECONDS=0),
        pytest.raises(SystemCheckError, match="W004|W008"),
    ):
        call_command("check", deploy=True, fail_level="WARNING", verbosity=0)


def test_https_dialihkan_di_balik_tls(client, produksi):
    tls = ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS")
    with override_settings(**{k: produksi[k] for k in tls}):
        r = client.get("/masuk/")
        assert r.status_code == 301 and r["Location"].startswith("https://")
        r = client.get("/masuk/", headers={"x-forwarded-proto": "https"})
        assert "max-age=31536000" in r["Strict-Transport-Security"]
        assert "includeSubDomains" in r["Strict-Transport-Security"]


def _login_url() -> str:
    from django.urls import reverse

    return reverse(settings.LOGIN_URL)


def test_halaman_pengguna_masuk_no_store(client_for, users):
    r = client_for(users["op_desa"]).get("/registri/")
    assert r.status_code == 200
    assert "no-store" in r["Cache-Control"]


def test_halaman_tanpa_masuk_tanpa_no_store_paksa(client):
    """The login page of an anonymous visitor is left to Django (it sets its own no-cache)."""
    r = client.get(_login_url())
    assert r.status_code == 200
    assert "Permissions-Policy" in r


def test_cache_control_view_dihormati(rf, users):
    """A view that chose its own Cache-Control keeps it."""
    from django.http import HttpResponse

    from dinsos.header import HeaderKeamananMiddleware

    def view(request):
        resp = HttpResponse("ok")
        resp["Cache-Control"] = "private, max-age=60"
        return resp

    request = rf.get("/")
    request.user = users["op_desa"]
    assert HeaderKeamananMiddleware(view)(request)["Cache-Control"] == "private, max-age=60"
    polos = HeaderKeamananMiddleware(lambda r: HttpResponse("ok"))(request)
    assert "no-store" in polos["Cache-Control"]


def test_permissions_dan_referrer_policy(client_for, users):
    r = client_for(users["petugas"]).get("/registri/")
    kebijakan = r["Permissions-Policy"]
    for fitur in ("camera=()", "microphone=()", "geolocation=()"):
        assert fitur in kebijakan
    assert r["Referrer-Policy"] == "same-origin"
