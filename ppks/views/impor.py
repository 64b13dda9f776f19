"""Import pages: upload → preview (errors per row and column) → confirm (all or valid only).

The uploaded file is staged in private storage as a `BerkasImpor` owned by its uploader (never
in the session cookie); another user asking for it gets a 404. At confirmation the file is read
and validated again, since the registry may have changed since the preview.
"""

import hashlib
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from dinsos.akses import Izin, perlu_izin
from dinsos.audit import catat
from dinsos.forms import pesan
from dinsos.models import Riwayat

from .. import impor as imp
from ..forms import ImporForm
from ..models import BerkasImpor

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GALAT_DI_HALAMAN = 200


def _unduhan(isi: bytes, nama: str) -> HttpResponse:
    resp = HttpResponse(isi, content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="{nama}"'
    resp["Cache-Control"] = "no-store"
    return resp


def muat_berkas(request, pk) -> BerkasImpor:
    # A staged file is its uploader's alone.
    return get_object_or_404(BerkasImpor, pk=pk, pengguna=request.user)


def _simpan_hasil(berkas: BerkasImpor, hasil: imp.HasilValidasi) -> None:
    berkas.jumlah_baris = hasil.jumlah_baris
    berkas.jumlah_valid = hasil.jumlah_valid
    berkas.jumlah_galat = len(hasil.baris_galat)
    berkas.galat = [list(g) for g in hasil.galat]
    berkas.ringkasan = hasil.ringkasan()
    berkas.save()


@login_required
@perlu_izin(Izin.IMPOR_REGISTRI)
def unggah(request):
    form = ImporForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["berkas"]
        if f.size > settings.IMPORT_MAX_BYTES:
            form.add_error("berkas", imp.pesan_terlalu_besar(f.size))
        else:
            data = f.read()
            try:
                tabel = imp.baca_berkas(data)
            except ValidationError as e:
                form.add_error("berkas", e)
            else:
                berkas = BerkasImpor(
                    pengguna=request.user,
                    nama_asli=f.name[:255],
                    jenis=tabel.jenis,
                    ukuran=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                )
                # A random name: the original may itself carry personal data.
                berkas.berkas.save(
                    f"{uuid.uuid4().hex}.{tabel.jenis}", ContentFile(data), save=False
                )
                _simpan_hasil(berkas, imp.validasi(tabel, request.user))
                return redirect("ppks:impor_pratinjau", berkas.pk)
    menunggu = BerkasImpor.objects.filter(
        pengguna=request.user, status=BerkasImpor.Status.PRATINJAU
    )[:10]
    return render(
        request,
        "ppks/impor.html",
        {"form": form, "menunggu": menunggu, "batas_mb": settings.IMPORT_MAX_BYTES / 1024 / 1024},
    )


@login_required
@perlu_izin(Izin.IMPOR_REGISTRI)
def pratinjau(request, pk):
    berkas = muat_berkas(request, pk)
    if request.method == "POST" and berkas.status == BerkasImpor.Status.PRATINJAU:
        aksi = request.POST.get("aksi")
        if aksi == "batal":
            if berkas.berkas:
                berkas.berkas.delete(save=False)
            berkas.status = BerkasImpor.Status.DIBATALKAN
            berkas.save()
            messages.info(request, "Impor dibatalkan; berkas unggahan telah dihapus.")
            return redirect("ppks:impor")
        if aksi in ("semua", "valid"):
            try:
                with berkas.berkas.open("rb") as fh:
                    tabel = imp.baca_berkas(fh.read())
                hasil = imp.validasi(tabel, request.user)
                if aksi == "semua" and hasil.galat:
                    _simpan_hasil(berkas, hasil)
                    raise ValidationError(
                        "Berkas memiliki kesalahan; tidak ada data yang ditulis. Perbaiki berkas "
                        "atau pilih “Impor baris yang valid saja”."
                    )
                ringkasan = imp.terapkan(
                    hasil, oleh=request.user, berkas=berkas, hanya_valid=aksi == "valid"
                )
            except ValidationError as e:
                messages.error(request, pesan(e))
            else:
                messages.success(
                    request,
                    f"Impor selesai: {ringkasan['dibuat']} orang baru, {ringkasan['diubah']} "
                    f"diperbarui, {ringkasan['tidak_berubah']} tidak berubah, "
                    f"{ringkasan['registrasi_baru']} registrasi baru.",
                )
            return redirect("ppks:impor_pratinjau", berkas.pk)
    return render(
        request,
        "ppks/impor_pratinjau.html",
        {
            "berkas": berkas,
            "galat": berkas.galat[:GALAT_DI_HALAMAN],
            "galat_lagi": len(berkas.galat) > GALAT_DI_HALAMAN,
        },
    )


@login_required
@perlu_izin(Izin.IMPOR_REGISTRI)
@require_GET
def galat_xlsx(request, pk):
    berkas = muat_berkas(request, pk)
    tabel = None
    if berkas.berkas and berkas.status == BerkasImpor.Status.PRATINJAU:
        # The rows themselves beside their errors, read from the staged file; the file holds
        # personal data, so handing it back is logged (docs/rules.md section 4).
        try:
            with berkas.berkas.open("rb") as fh:
                tabel = imp.baca_berkas(fh.read())
        except (OSError, ValidationError):
            tabel = None
        else:
            catat(
                pengguna=request.user,
                aksi=Riwayat.Aksi.UNDUH,
                obj=berkas,
                alasan="Daftar baris bermasalah beserta isinya",
            )
    return _unduhan(
        imp.laporan_galat_xlsx(berkas.galat, tabel), f"kesalahan-impor-{berkas.pk}.xlsx"
    )


@login_required
@perlu_izin(Izin.IMPOR_REGISTRI)
@require_GET
def templat(request):
    return _unduhan(imp.templat_xlsx(), "templat-impor-registri-pmks.xlsx")
