"""Pages of families (one Kartu Keluarga, R1): list, detail, create, edit, members, delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from dinsos import akses, masukan
from dinsos.akses import Izin, boleh, perlu_izin
from dinsos.forms import pasang_galat, pesan

from .. import nik as nikmod
from .. import selectors, services
from ..forms import AnggotaKeluargaForm, KeluargaForm, SaringanSederhana
from ..models import Keluarga
from ._subjek import hapus_subjek, jalankan, keluarkan_anggota, tampil_daftar


def muat_keluarga(request, pk) -> Keluarga:
    return akses.get_for_user_or_404(request.user, selectors.keluarga_untuk(request.user), pk=pk)


def keluarga_tersaring(user, data):
    """The family list as the page shows it (and as its xlsx export writes it, ppks.daftar)."""
    saringan = SaringanSederhana(data, user=user, label_nama="Nama kepala keluarga")
    return saringan, saringan.saring(selectors.keluarga_untuk(user), "kepala__nama")


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
@require_http_methods(["GET", "POST"])
def daftar(request):
    """A KK number, like a NIK, is searched by POST so it stays out of URLs and logs."""
    cari_kk = request.method == "POST"
    if cari_kk:
        qs = selectors.keluarga_untuk(request.user)
        saringan = SaringanSederhana(user=request.user, label_nama="Nama kepala keluarga")
        try:
            kk = nikmod.normalisasi(masukan.teks(request.POST.get("nomor_kk", "")))
        except ValidationError as e:  # a NUL cannot even be sent to PostgreSQL
            messages.error(request, pesan(e))
            kk = ""
        hal = selectors.Halaman(items=list(qs.filter(nomor_kk=kk)[:1]) if kk else [])
    else:
        saringan, qs = keluarga_tersaring(request.user, request.GET)
        hal = selectors.halaman(qs, request.GET)
    return tampil_daftar(
        request,
        "ppks/keluarga_daftar.html",
        saringan,
        hal,
        cari_kk=cari_kk,
        berhak=boleh(request.user, Izin.LIHAT_NIK_LENGKAP),
    )


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
def detail(request, pk):
    return _halaman(request, muat_keluarga(request, pk), AnggotaKeluargaForm(user=request.user))


def _halaman(request, kk: Keluarga, form_anggota):
    """The detail page; `form_anggota` bound when adding a member failed, so the picker's
    results and errors are shown beside the form (a name, not a whole number, was typed)."""
    return render(
        request,
        "ppks/keluarga_detail.html",
        {
            "kk": kk,
            "anggota": selectors.anggota_keluarga(request.user, kk),
            "judul": selectors.judul_subjek(request.user, kk),
            "kepala_terlihat": selectors.orang_terlihat(request.user, kk.kepala_id),
            "registrasi": selectors.registrasi_subjek(kk),
            "riwayat": selectors.riwayat_subjek_tampil(kk, request.user, batas=50),
            "boleh_ubah": boleh(request.user, Izin.UBAH_REGISTRI),
            "berhak": boleh(request.user, Izin.LIHAT_NIK_LENGKAP),
            "form_anggota": form_anggota,
            "jenis_subjek": "keluarga",
        },
    )


@login_required
@perlu_izin(Izin.UBAH_REGISTRI)
def baru(request):
    form = KeluargaForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        kepala = d.pop("kepala")
        try:
            kk = services.keluarga_buat(oleh=request.user, data=d, kepala=kepala)
        except ValidationError as e:
            pasang_galat(form, e)
        else:
            messages.success(request, "Keluarga telah didaftarkan.")
            return redirect(kk.get_absolute_url())
    return render(request, "ppks/form.html", {"form": form, "judul": "Tambah keluarga"})


@login_required
@perlu_izin(Izin.UBAH_REGISTRI)
def ubah(request, pk):
    kk = muat_keluarga(request, pk)
    awal = {"nomor_kk": kk.nomor_kk, "alamat": kk.alamat, "rt": kk.rt, "rw": kk.rw}
    awal["desa"] = kk.desa_id
    form = KeluargaForm(request.POST or None, user=request.user, ubah=True, initial=awal)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        kepala, alasan = d.pop("kepala"), d.pop("alasan")
        try:
            services.keluarga_ubah(
                keluarga=kk, oleh=request.user, data=d, kepala=kepala, alasan=alasan
            )
        except ValidationError as e:
            pasang_galat(form, e)
        else:
            messages.success(request, "Perubahan data keluarga telah disimpan.")
            return redirect(kk.get_absolute_url())
    return render(
        request, "ppks/form.html", {"form": form, "judul": "Ubah data keluarga", "batal": kk}
    )


@login_required
@perlu_izin(Izin.UBAH_REGISTRI)
@require_POST
def anggota_tambah(request, pk):
    kk = muat_keluarga(request, pk)
    form = AnggotaKeluargaForm(request.POST, user=request.user)
    if form.is_valid():
        jalankan(
            request,
            lambda: services.keluarga_tambah_anggota(
                keluarga=kk,
                orang=form.cleaned_data["identitas"],
                hubungan=form.cleaned_data["hubungan"],
                oleh=request.user,
            ),
            "Anggota keluarga telah ditambahkan.",
        )
    else:
        return _halaman(request, kk, form)
    return redirect(kk.get_absolute_url())


@login_required
@perlu_izin(Izin.UBAH_REGISTRI)
@require_POST
def anggota_keluarkan(request, pk, orang_pk):
    kk = muat_keluarga(request, pk)
    return keluarkan_anggota(
        request, kk, orang_pk, services.keluarga_keluarkan_anggota, "keluarga", "keluarga"
    )


@login_required
@perlu_izin(Izin.UBAH_REGISTRI)
def hapus(request, pk):
    kk = muat_keluarga(request, pk)
    return hapus_subjek(
        request,
        kk,
        lambda alasan: services.keluarga_hapus(keluarga=kk, oleh=request.user, alasan=alasan),
        "Data keluarga telah dihapus.",
        "ppks:keluarga_daftar",
    )
