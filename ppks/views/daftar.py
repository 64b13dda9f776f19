"""The registry list (with filters), its export to xlsx, and the registry dashboard."""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from dinsos.akses import Izin, boleh, perlu_izin
from dinsos.audit import catat
from dinsos.models import Riwayat

from .. import selectors
from ..ekspor import tulis_xlsx

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
    lands in a URL, the browser history or a server access log (RULES.md section 4)."""
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
def ekspor(request):
    """The list as filtered, to xlsx; scoped, masked per role, and logged without the NIK."""
    data = request.GET.copy()
    data.pop("nik", None)
    saringan = selectors.saring_perseorangan(request, data)
    if not saringan.is_valid():
        messages.error(request, "Saringan tidak valid; periksa kembali isian saringan.")
        return redirect("ppks:daftar")
    nik_lengkap = boleh(request.user, Izin.LIHAT_NIK_LENGKAP)
    berkas = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    jumlah = tulis_xlsx(saringan.qs.order_by("-pk"), berkas, nik_lengkap=nik_lengkap)
    catat(
        pengguna=request.user,
        aksi=Riwayat.Aksi.EKSPOR,
        objek="Registri perseorangan (xlsx)",
        perubahan={
            "saringan": saringan.saringan_dipakai(),
            "jumlah": jumlah,
            "nik_lengkap": nik_lengkap,
        },
    )
    berkas.seek(0)
    nama = f"registri-pmks-{timezone.localdate():%Y%m%d}.xlsx"
    resp = FileResponse(
        berkas,
        as_attachment=True,
        filename=nama,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    resp["Cache-Control"] = "no-store"
    return resp
