"""Deploy checks of the office app (`manage.py check --deploy`)."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.contrib.auth.hashers import check_password
from django.core.checks import CheckMessage, Error, Tags, register
from django.db import DatabaseError

from .models import User

# The accounts and password the demo data publishes (README, dinsos.management muat_demo).
AKUN_DEMO = ("desa", "kecamatan", "petugas", "verifikator", "kadis", "bendahara", "admin")
KATA_SANDI_DEMO = "demo12345"


@register(Tags.security, deploy=True)
def cek_akun_demo(
    *,
    app_configs: Sequence[AppConfig] | None = None,
    databases: Sequence[str] | None = None,
    **kwargs: Any,
) -> list[CheckMessage]:
    """A production server must not be reachable with a password printed in the README."""
    try:
        terbuka = [
            u.username
            for u in User.objects.filter(username__in=AKUN_DEMO, is_active=True)
            # The hasher's function, not User.check_password: a check never rewrites a hash.
            if check_password(KATA_SANDI_DEMO, u.password)
        ]
    except DatabaseError:
        return []  # no database yet (before migrate): nothing to check
    if not terbuka:
        return []
    return [
        Error(
            "Akun demo dengan kata sandi yang diumumkan masih aktif: " + ", ".join(sorted(terbuka)),
            hint="Ganti kata sandinya atau nonaktifkan akun tersebut sebelum server dipakai "
            "untuk data sebenarnya (docs/security.md).",
            id="dinsos.E001",
        )
    ]
