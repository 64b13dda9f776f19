"""Pages of groups (a named group with a chair and members, R1), e.g. a KUBE."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dinsos import akses
from dinsos.akses import Izin, boleh, perlu_izin
from dinsos.forms import pasang_galat

from .. import selectors, services
from ..forms import AnggotaForm, KelompokForm, SaringanSederhana
from ..models import Kelompok
from ..services import FIELD_KELOMPOK
from ._subjek import hapus_subjek, jalankan, keluarkan_anggota, tampil_daftar


def muat_kelompok(request, pk) -> Kelompok:
    return akses.get_for_user_or_404(
        request.user, akses.scope(request.user, Kelompok).select_related("ketua", "desa"), pk=pk
    )


def kelompok_tersaring(user, data):
    """The group list as the page shows it (and as its xlsx export writes it, ppks.daftar)."""
    saringan = SaringanSederhana(data, user=user, label_nama="Nama kelompok")
    return saringan, saringan.saring(selectors.kelompok_untuk(user), "nama")


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
def daftar(request):
    saringan, qs = kelompok_tersaring(request.user, request.GET)
    hal = selectors.halaman(qs, request.GET)
    return tampil_daftar(request, "ppks/kelompok_daftar.html", saringan, hal)


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
def detail(request, pk):
    return _halaman(request, muat_kelompok(request, pk), AnggotaForm(user=request.user))


def _halaman(request, kel: Kelompok, form_anggota):
    """The detail page; `form_anggota` bound when adding a member failed, so the picker's
    results and errors are shown beside the form (a name, not a whole number, was typed)."""
    return render(
        request,
        "ppks/kelompok_detail.html",
        {
            "kel": kel,
            "anggota": selectors.anggota_kelompok(request.user, kel),
            "ketua_terlihat": selectors.orang_terlihat(request.user, kel.ketua_id),
            "registrasi": selectors.registrasi_subjek(kel),
            "riwayat": selectors.riwayat_subjek_tampil(kel, request.user, batas=50),
            "boleh_ubah": boleh(request.user, Izin.UBAH_REGISTRI),
            "berhak": boleh(request.user, Izin.LIHAT_NIK_LENGKAP),
            "form_anggota": form_anggota,
            "jenis_subjek": "kelompok",
        },
    )


@login_required
@perlu_izin(Izin.UBAH_REGISTRI)
def baru(request):
    form = KelompokForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        ketua, anggota = d.pop("ketua"), d.pop("anggota")
        try:
            kel = services.kelompok_buat(oleh=request.user, data=d, ketua=ketua, anggota=anggota)
        except ValidationError as e:
            pasang_galat(form, e)
        else:
            messages.success(request, f"Kelompok {kel.nama} telah didaftarkan.")
            return redirect(kel.get_absolute_url())
    return render(request, "ppks/form.html", {"form": form, "judul": "Tambah kelompok"})


@login_required
@perlu_izin(Izin.UBAH_REGISTRI)
def ubah(request, pk):
    kel = muat_kelompok(request, pk)
    awal = {f: getattr(kel, f) for f in FIELD_KELOMPOK}
    awal["desa"] = kel.desa_id
    form = KelompokForm(request.POST or None, user=request.user, ubah=True, initial=awal)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        ketua, alasan = d.pop("ketua"), d.pop("alasan")
        try:
            services.kelompok_ubah(
                kelompok=kel, oleh=request.user, data=d, ketua=ketua, alasan=alasan
            )
        except ValidationError as e:
            pasang_galat(form, e)
        else:
            messages.success(request, "Perubahan data kelompok telah disimpan.")
            return redirect(kel.get_absolute_url())
    return render(
        request,
        "ppks/form.html",
        {"form": form, "judul": f"Ubah kelompok {kel.nama}", "batal": kel},
    )


@login_required
@perlu_izin(Izin.UBAH_REGISTRI)
@require_POST
def anggota_tambah(request, pk):
    kel = muat_kelompok(request, pk)
    form = AnggotaForm(request.POST, user=request.user)
    if form.is_valid():
        jalankan(
            request,
            lambda: services.kelompok_tambah_anggota(
                kelompok=kel, orang=form.cleaned_data["identitas"], oleh=request.user
            ),
            "Anggota kelompok telah ditambahkan.",
        )
    else:
        return _halaman(request, kel, form)
    return redirect(kel.get_absolute_url())


@login_required
@perlu_izin(Izin.UBAH_REGISTRI)
@require_POST
def anggota_keluarkan(request, pk, orang_pk):
    kel = muat_kelompok(request, pk)
    return keluarkan_anggota(
        request, kel, orang_pk, services.kelompok_keluarkan_anggota, "kelompok", "kelompok"
    )


@login_required
@perlu_izin(Izin.UBAH_REGISTRI)
def hapus(request, pk):
    kel = muat_kelompok(request, pk)
    return hapus_subjek(
        request,
        kel,
        lambda alasan: services.kelompok_hapus(kelompok=kel, oleh=request.user, alasan=alasan),
        f"Kelompok {kel.nama} telah dihapus.",
        "ppks:kelompok_daftar",
    )
