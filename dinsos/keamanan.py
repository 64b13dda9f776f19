"""Sign-in security: the audit trail of logins, logouts and failed logins, and the Indonesian
answer django-axes gives a locked-out login (docs/security.md, "Login and sessions").

A failed login records the name that was typed and the address, never the password
(docs/rules.md, section 4)."""

import datetime as dt
from typing import Any

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .format import tanggal
from .models import Riwayat, User

# Set by the idle-timeout middleware before it logs a user out, so the record says why.
ALASAN_KELUAR_ATTR = "_alasan_keluar"
SESI_MASUK_PADA = "_masuk_pada"
SESI_AKTIVITAS = "_aktivitas_terakhir"

_ZONA = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def alamat_klien(request: HttpRequest) -> str:
    """AXES_CLIENT_IP_CALLABLE: the client's address, seen through PROXY_TEPERCAYA proxies.

    Behind nginx every request comes from 127.0.0.1, which would lock every user at once;
    only the entries the trusted proxies appended count, never what the client sent."""
    jumlah = int(getattr(settings, "PROXY_TEPERCAYA", 0))
    if jumlah > 0:
        diteruskan = [
            a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
        ]
        if len(diteruskan) >= jumlah:
            return diteruskan[-jumlah][:45]
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def alamat_ip(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return alamat_klien(request)


def _alasan_alamat(request: HttpRequest | None) -> str:
    ip = alamat_ip(request)
    return f"Alamat IP {ip}" if ip else ""


def _masuk(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        # The absolute session cap counts from here (dinsos.sesi); the login is also the first
        # activity, so the first page after it does not have to save the session again.
        sekarang = int(timezone.now().timestamp())
        request.session[SESI_MASUK_PADA] = sekarang
        request.session[SESI_AKTIVITAS] = sekarang
    Riwayat.objects.create(
        pengguna=user,
        aksi=Riwayat.Aksi.MASUK,
        objek=user.get_username()[:255],
        alasan=_alasan_alamat(request),
    )


def _keluar(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is None or not getattr(user, "pk", None):
        return
    alasan = getattr(request, ALASAN_KELUAR_ATTR, "") if request is not None else ""
    Riwayat.objects.create(
        pengguna=user,
        aksi=Riwayat.Aksi.KELUAR,
        objek=user.get_username()[:255],
        alasan="; ".join(a for a in (alasan, _alasan_alamat(request)) if a),
    )


def _gagal(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Django already masks the password in `credentials`; only the name is kept, in any case.
    nama = str(credentials.get("username") or "")[:150]
    Riwayat.objects.create(
        pengguna=None,
        aksi=Riwayat.Aksi.GAGAL_MASUK,
        objek=nama,
        alasan=_alasan_alamat(request),
    )


def hubungkan_sinyal() -> None:
    user_logged_in.connect(_masuk, dispatch_uid="dinsos.keamanan.masuk")
    user_logged_out.connect(_keluar, dispatch_uid="dinsos.keamanan.keluar")
    user_login_failed.connect(_gagal, dispatch_uid="dinsos.keamanan.gagal")


def label_waktu(waktu: dt.datetime) -> str:
    """'pukul 14.35 WIB', with the date in front when it is not today."""
    lokal = timezone.localtime(waktu)
    zona = _ZONA.get(str(timezone.get_current_timezone()), lokal.strftime("%Z"))
    jam = f"pukul {lokal:%H.%M} {zona}"
    if lokal.date() == timezone.localdate():
        return jam
    return f"tanggal {tanggal(lokal)} {jam}"


def respons_terkunci(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the lockout page in Indonesian, with the time to try again.

    Every refused attempt restarts the cool-off (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT),
    and this page is rendered right after one, so the lock ends one cool-off from this attempt.
    """
    mulai = getattr(request, "axes_attempt_time", None) or timezone.now()
    jeda = get_cool_off(request)
    context: dict[str, Any] = {"coba_lagi": label_waktu(mulai + jeda) if jeda else ""}
    return render(request, "registration/terkunci.html", context, status=429)
