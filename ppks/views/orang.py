"""Pages of one person: detail (with the full-NIK button and history), create, edit, delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dinsos import akses, masukan
from dinsos.akses import Izin, boleh, perlu_izin
from dinsos.audit import catat
from dinsos.forms import pasang_galat
from dinsos.models import Riwayat
from dinsos.riwayat import riwayat_tampil

from .. import selectors, services
from ..forms import FIELD_ORANG, OrangForm
from ..models import Perseorangan
from ._subjek import hapus_subjek

RIWAYAT_DI_DETAIL = 20


def muat_orang(request, pk) -> Perseorangan:
    """The one loader for a person: another wilayah's record is a 404."""
    return akses.get_for_user_or_404(
        request.user,
        Perseorangan.objects.select_related("desa__kecamatan", "keluarga__kepala", "dibuat_oleh"),
        pk=pk,
    )


def _detail(request, orang, nik_lengkap: str | None = None):
    user = request.user
    riwayat = selectors.riwayat_subjek(orang, batas=RIWAYAT_DI_DETAIL + 1)
    anggota = (
        list(orang.keluarga.anggota.select_related("desa").order_by("pk"))
        if orang.keluarga_id
        else []
    )
    resp = render(
        request,
        "ppks/orang_detail.html",
        {
            "orang": orang,
            "nik_lengkap": nik_lengkap,
            "registrasi": selectors.registrasi_subjek(orang),
            "anggota_keluarga": anggota,
            "kelompok": orang.kelompok.select_related("desa").order_by("nama"),
            "riwayat": riwayat_tampil(riwayat[:RIWAYAT_DI_DETAIL], user),
            "riwayat_lagi": len(riwayat) > RIWAYAT_DI_DETAIL,
            "boleh_ubah": boleh(user, Izin.UBAH_REGISTRI),
            "boleh_nik": boleh(user, Izin.LIHAT_NIK_LENGKAP),
            "jenis_subjek": "orang",
        },
    )
    if nik_lengkap:
        resp["Cache-Control"] = "no-store"
    return resp


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
def detail(request, pk):
    return _detail(request, muat_orang(request, pk))


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI, Izin.LIHAT_NIK_LENGKAP)
@require_POST
def nik_lengkap(request, pk):
    """Show the whole NIK once, on request, and log who saw whose NIK (docs/rules.md section 4)."""
    orang = muat_orang(request, pk)
    try:
        keperluan = masukan.teks(request.POST.get("keperluan"), maks=500)
    except ValidationError as e:  # refused before the reveal: nothing shown, nothing logged
        messages.error(request, " ".join(e.messages))
        return _detail(request, orang)
    if orang.nik:
        catat(
            pengguna=request.user,
            aksi=Riwayat.Aksi.LIHAT_NIK,
            obj=orang,
            alasan=keperluan,
        )
    return _detail(request, orang, nik_lengkap=orang.nik)


def _galat_aturan_juga(request, form: OrangForm, orang: Perseorangan | None = None) -> None:
    """A form refused for its shape still shows the rule errors of its other fields (a future
    birth date beside a mistyped NIK), so the officer gets every error in one answer."""
    data, alasan = form.data_layanan()
    try:
        services.perseorangan_periksa(
            oleh=request.user, data=data, orang=orang, alasan=alasan, abaikan=list(form.errors)
        )
    except ValidationError as e:
        pasang_galat(form, e)


@login_required
@perlu_izin(Izin.UBAH_REGISTRI)
def baru(request):
    form = OrangForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data, _ = form.data_layanan()
        try:
            orang = services.perseorangan_buat(oleh=request.user, data=data)
        except ValidationError as e:
            pasang_galat(form, e)
        else:
            messages.success(request, f"{orang.nama} telah didaftarkan ({orang.nomor_registrasi}).")
            return redirect("ppks:orang_detail", orang.pk)
    elif request.method == "POST":
        _galat_aturan_juga(request, form)
    return render(request, "ppks/orang_form.html", {"form": form, "judul": "Tambah perseorangan"})


@login_required
@perlu_izin(Izin.UBAH_REGISTRI)
def ubah(request, pk):
    orang = muat_orang(request, pk)
    awal = {f: getattr(orang, f) for f in FIELD_ORANG if f != "nik"}
    awal["desa"] = orang.desa_id
    form = OrangForm(request.POST or None, user=request.user, ubah=True, initial=awal)
    if request.method == "POST" and form.is_valid():
        data, alasan = form.data_layanan()
        try:
            services.perseorangan_ubah(orang=orang, oleh=request.user, data=data, alasan=alasan)
        except ValidationError as e:
            pasang_galat(form, e)
        else:
            messages.success(request, "Perubahan data telah disimpan.")
            return redirect("ppks:orang_detail", orang.pk)
    elif request.method == "POST":
        _galat_aturan_juga(request, form, orang)
    return render(
        request,
        "ppks/orang_form.html",
        {"form": form, "judul": f"Ubah data {orang.nama}", "orang": orang},
    )


@login_required
@perlu_izin(Izin.UBAH_REGISTRI)
def hapus(request, pk):
    orang = muat_orang(request, pk)
    return hapus_subjek(
        request,
        orang,
        lambda alasan: services.perseorangan_hapus(orang=orang, oleh=request.user, alasan=alasan),
        f"Data {orang.nama} telah dihapus.",
        "ppks:daftar",
    )
