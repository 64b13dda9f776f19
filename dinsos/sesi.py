"""Idle timeout and absolute cap of a signed-in session (docs/security.md, "Login and sessions").

A session left open on an office computer is someone else's access to personal data
(docs/rules.md, section 4): after SESI_DIAM_MENIT minutes without a request, and in any case
SESSION_COOKIE_AGE seconds after the login, the user is logged out and sent to the login page.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from .keamanan import ALASAN_KELUAR_ATTR, SESI_AKTIVITAS, SESI_MASUK_PADA

# The stamp is rewritten at most this often, so a burst of requests does not save the session
# each time; the idle limit is therefore exact to within this many seconds.
_PERBARUI_DETIK = 60


class BatasSesiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            sekarang = int(time.time())
            diam = int(getattr(settings, "SESI_DIAM_MENIT", 30)) * 60
            batas = int(settings.SESSION_COOKIE_AGE)
            terakhir = request.session.get(SESI_AKTIVITAS)
            masuk = request.session.get(SESI_MASUK_PADA)
            if terakhir is not None and sekarang - int(terakhir) > diam:
                return self._keluar(
                    request,
                    "Sesi berakhir karena tidak ada aktivitas",
                    f"Sesi Anda berakhir karena tidak ada aktivitas selama "
                    f"{diam // 60} menit. Silakan masuk kembali.",
                )
            if masuk is not None and sekarang - int(masuk) > batas:
                return self._keluar(
                    request,
                    "Sesi mencapai batas waktu",
                    "Sesi Anda telah mencapai batas waktu. Silakan masuk kembali.",
                )
            if masuk is None:
                request.session[SESI_MASUK_PADA] = sekarang
            if terakhir is None or sekarang - int(terakhir) >= _PERBARUI_DETIK:
                request.session[SESI_AKTIVITAS] = sekarang
        return self.get_response(request)

    def _keluar(self, request: HttpRequest, alasan: str, pesan: str) -> HttpResponse:
        setattr(request, ALASAN_KELUAR_ATTR, alasan)
        logout(request)
        messages.warning(request, pesan)
        return redirect_to_login(request.get_full_path())
