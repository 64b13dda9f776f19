"""Registering a registrant in a PMKS category (R2) and ending a registration."""

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import redirect, render

from dinsos import akses
from dinsos.akses import Izin, perlu_izin
from dinsos.forms import pasang_galat

from .. import services
from ..forms import RegistrasiForm, StatusRegistrasiForm
from ..models import KategoriPMKS, Kelompok, Keluarga, Komunitas, Perseorangan, Registrasi
from ..selectors import Subjek

# The URL's word for each kind of registrant, and the argument of registrasi_buat it fills.
SUBJEK: dict[str, tuple[type[Subjek], str]] = {
    "orang": (Perseorangan, "perseorangan"),
    "keluarga": (Keluarga, "keluarga"),
    "kelompok": (Kelompok, "kelompok"),
    "komunitas": (Komunitas, "komunitas"),
}


def muat_subjek(request: HttpRequest, jenis: str, pk: int) -> tuple[Subjek, str]:
    """The registrant named by the URL, loaded through the user's wilayah (else 404)."""
    if jenis not in SUBJEK:
        raise Http404
    model, argumen = SUBJEK[jenis]
    # mypy joins the four models to Model; the row is one of them by construction.
    return cast(Subjek, akses.get_for_user_or_404(request.user, model, pk=pk)), argumen


@login_required
@perlu_izin(Izin.UBAH_REGISTRI)
def baru(request, jenis, pk):
    subjek, argumen = muat_subjek(request, jenis, pk)
    form = RegistrasiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        registran: dict[str, Any] = {argumen: subjek}
        try:
            services.registrasi_buat(
                oleh=request.user,
                kategori=d["kategori"],
                kriteria=d["kriteria"],
                tanggal_asesmen=d["tanggal_asesmen"],
                sumber_data=d["sumber_data"],
                catatan=d["catatan"],
                **registran,
            )
        except ValidationError as e:
            pasang_galat(form, e)
        else:
            messages.success(request, f"{subjek} telah diregistrasi pada {d['kategori'].nama}.")
            return redirect(subjek.get_absolute_url())
    dipilih = set(form["kriteria"].value() or []) if form.is_bound else set()
    return render(
        request,
        "ppks/registrasi_form.html",
        {
            "form": form,
            "subjek": subjek,
            "kategori_semua": KategoriPMKS.objects.prefetch_related("kriteria"),
            "kategori_dipilih": str(form["kategori"].value() or ""),
            "kriteria_dipilih": {str(x) for x in dipilih},
        },
    )


@login_required
@perlu_izin(Izin.UBAH_REGISTRI)
def ubah_status(request, pk):
    reg = akses.get_for_user_or_404(
        request.user,
        Registrasi.objects.select_related(
            "kategori", "perseorangan", "keluarga", "kelompok", "komunitas"
        ),
        pk=pk,
    )
    form = StatusRegistrasiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.registrasi_ubah_status(
                registrasi=reg,
                oleh=request.user,
                status=form.cleaned_data["status"],
                alasan=form.cleaned_data["alasan"],
            )
        except ValidationError as e:
            pasang_galat(form, e)
        else:
            messages.success(request, "Status registrasi telah diubah.")
            return redirect(reg.get_absolute_url())
    return render(request, "ppks/registrasi_status.html", {"form": form, "reg": reg})
