"""The pages of background jobs: start a list export, follow a job, download, retry.

A job is its requester's alone: another user's job is a 404 like one that does not exist.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from dinsos.akses import Izin, perlu_izin
from dinsos.audit import catat
from dinsos.models import Riwayat, User

from . import daftar
from .models import Ekspor
from .runner import tandai_terhenti
from .services import ekspor_ulang


@login_required
@require_POST
@perlu_izin(Izin.EKSPOR)
def ekspor_daftar_mulai(request: HttpRequest, nama: str) -> HttpResponse:
    """The "Ekspor ke Excel (.xlsx)" button of a list page: POST with the page's filters; the
    job page follows. A list the role may not see is a 403 (ekspor.daftar)."""
    d = daftar.ambil(nama)
    if d is None:
        raise Http404("Daftar tidak dikenal.")
    try:
        e = daftar.mulai(oleh=cast(User, request.user), nama=nama, data=request.POST)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        kembali = daftar.data_saringan(d, request.POST).urlencode()
        return redirect(reverse(d.url_daftar) + (f"?{kembali}" if kembali else ""))
    return redirect("ekspor:detail", pk=e.pk)


def _ekspor_milik(request: HttpRequest, pk: int, **extra: Any) -> Ekspor:
    # A job is its requester's alone: another user's job "does not exist".
    return get_object_or_404(Ekspor, pk=pk, dibuat_oleh=cast(User, request.user), **extra)


@login_required
def ekspor_daftar(request: HttpRequest) -> HttpResponse:
    tandai_terhenti()
    halaman = Paginator(Ekspor.objects.filter(dibuat_oleh=cast(User, request.user)), 20).get_page(
        request.GET.get("hal")
    )
    return render(request, "ekspor/daftar.html", {"halaman": halaman})


@login_required
def ekspor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tandai_terhenti()
    e = _ekspor_milik(request, pk)
    menunggu_lama = (
        e.status == Ekspor.Status.ANTRI and (timezone.now() - e.dibuat).total_seconds() > 30
    )
    return render(request, "ekspor/detail.html", {"e": e, "menunggu_lama": menunggu_lama})


@login_required
def ekspor_status(request: HttpRequest, pk: int) -> HttpResponse:
    tandai_terhenti()
    e = _ekspor_milik(request, pk)
    return JsonResponse(
        {
            "status": e.status,
            "status_label": e.get_status_display(),
            "progres": e.progres,
            "tahap": e.tahap,
            "pesan_galat": e.pesan_galat,
            "selesai": e.selesai,
            "berakhir": e.berakhir_status,
            "url_unduh": reverse("ekspor:unduh", args=[e.pk]) if e.selesai else "",
        }
    )


@login_required
def ekspor_unduh(request: HttpRequest, pk: int) -> FileResponse:
    e = _ekspor_milik(request, pk, status=Ekspor.Status.SELESAI)
    try:
        berkas = e.berkas.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Berkas tidak ditemukan.") from None
    catat(pengguna=request.user, aksi=Riwayat.Aksi.UNDUH, obj=e, alasan=e.nama_unduhan)
    resp = FileResponse(berkas, as_attachment=True, filename=e.nama_unduhan or "laporan")
    resp["Cache-Control"] = "no-store"
    return resp


@login_required
@require_POST
def ekspor_coba_lagi(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        ekspor_ulang(ekspor=pk, oleh=cast(User, request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Permintaan dimasukkan kembali ke antrean.")
    return redirect("ekspor:detail", pk=pk)
