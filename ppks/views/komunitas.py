"""Pages of communities (masyarakat/komunitas: people of one place, R1)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from dinsos import akses
from dinsos.akses import Izin, boleh, perlu_izin
from dinsos.forms import pasang_galat

from .. import selectors, services
from ..forms import KomunitasForm, SaringanSederhana
from ..models import Komunitas
from ..services import FIELD_KOMUNITAS
from ._subjek import hapus_subjek, tampil_daftar


def muat_komunitas(request, pk) -> Komunitas:
    return akses.get_for_user_or_404(request.user, selectors.komunitas_untuk(request.user), pk=pk)


def komunitas_tersaring(user, data):
    """The community list as the page shows it (and as its xlsx export writes it)."""
    saringan = SaringanSederhana(data, user=user, label_nama="Nama komunitas")
    return saringan, saringan.saring(selectors.komunitas_untuk(user), "nama")


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
def daftar(request):
    saringan, qs = komunitas_tersaring(request.user, request.GET)
    hal = selectors.halaman(qs, request.GET)
    return tampil_daftar(request, "ppks/komunitas_daftar.html", saringan, hal)


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
def detail(request, pk):
    kom = muat_komunitas(request, pk)
    return render(
        request,
        "ppks/komunitas_detail.html",
        {
            "kom": kom,
            "registrasi": selectors.registrasi_subjek(kom),
            "riwayat": selectors.riwayat_subjek_tampil(kom, request.user, batas=50),
            "boleh_ubah": boleh(request.user, Izin.UBAH_REGISTRI),
            "jenis_subjek": "komunitas",
        },
    )


@login_required
@perlu_izin(Izin.UBAH_REGISTRI)
def baru(request):
    form = KomunitasForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            kom = services.komunitas_buat(oleh=request.user, data=form.cleaned_data)
        except ValidationError as e:
            pasang_galat(form, e)
        else:
            messages.success(request, f"Komunitas {kom.nama} telah didaftarkan.")
            return redirect(kom.get_absolute_url())
    return render(request, "ppks/form.html", {"form": form, "judul": "Tambah komunitas"})


@login_required
@perlu_izin(Izin.UBAH_REGISTRI)
def ubah(request, pk):
    kom = muat_komunitas(request, pk)
    awal = {f: getattr(kom, f) for f in FIELD_KOMUNITAS}
    awal["desa"] = kom.desa_id
    form = KomunitasForm(request.POST or None, user=request.user, ubah=True, initial=awal)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        alasan = d.pop("alasan")
        try:
            services.komunitas_ubah(komunitas=kom, oleh=request.user, data=d, alasan=alasan)
        except ValidationError as e:
            pasang_galat(form, e)
        else:
            messages.success(request, "Perubahan data komunitas telah disimpan.")
            return redirect(kom.get_absolute_url())
    return render(
        request,
        "ppks/form.html",
        {"form": form, "judul": f"Ubah komunitas {kom.nama}", "batal": kom},
    )


@login_required
@perlu_izin(Izin.UBAH_REGISTRI)
def hapus(request, pk):
    kom = muat_komunitas(request, pk)
    return hapus_subjek(
        request,
        kom,
        lambda alasan: services.komunitas_hapus(komunitas=kom, oleh=request.user, alasan=alasan),
        f"Komunitas {kom.nama} telah dihapus.",
        "ppks:komunitas_daftar",
    )
