"""The registry list (with filters), its export to xlsx (a background job), and the dashboard."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from dinsos.akses import Izin, boleh, perlu_izin
from ekspor.views import ekspor_daftar_mulai

from .. import selectors

_PAGER_PARAMS = ("sebelum", "sesudah")


def _querystring_saringan(get) -> str:
    q = get.copy()
    for p in (*_PAGER_PARAMS, "nik"):
        q.pop(p, None)
    return q.urlencode()


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
@require_http_methods(["GET", "POST"])
def daftar(request):
    """List of persons. A NIK search comes by POST and is answered directly, so the NIK never
    lands in a URL, the browser history or a server access log (docs/rules.md section 4)."""
    cari_nik = request.method == "POST"
    if cari_nik:
        data = request.POST.copy()
    else:
        data = request.GET.copy()
        data.pop("nik", None)
    saringan = selectors.saring_perseorangan(request, data)
    if saringan.is_valid():
        qs = saringan.qs
        hal = selectors.halaman(qs, {} if cari_nik else request.GET)
    else:
        hal = selectors.Halaman()
    return render(
        request,
        "ppks/daftar.html",
        {
            "saringan": saringan,
            "hal": hal,
            "cari_nik": cari_nik,
            "qs_saringan": _querystring_saringan(request.GET) if not cari_nik else "",
            "boleh_ubah": boleh(request.user, Izin.UBAH_REGISTRI),
            "boleh_ekspor": boleh(request.user, Izin.EKSPOR),
        },
    )


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
def dasbor(request):
    return render(
        request,
        "ppks/dasbor.html",
        {
            "per_kategori": selectors.hitungan_per_kategori(request.user),
            "per_kecamatan": selectors.hitungan_per_kecamatan(request.user),
        },
    )


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI, Izin.EKSPOR)
@require_http_methods(["GET", "POST"])
def ekspor(request):
    """The list as filtered, to xlsx, as a background job (laporan.daftar, "ppks.perseorangan"):
    scoped, NIK masked unless the requester's role needs it whole, logged without the NIK.
    A GET (an old bookmark) goes back to the list with the same filters: a job is started only
    by the list's POST button, never by following a link."""
    if request.method == "GET":
        return redirect(reverse("ppks:daftar") + _tanya(_querystring_saringan(request.GET)))
    return ekspor_daftar_mulai(request, "ppks.perseorangan")


def _tanya(qs: str) -> str:
    return f"?{qs}" if qs else ""
