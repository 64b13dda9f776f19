"""Views: parse the request, call one loader or service, show the result.

Letters are small and printed at once; the rekapitulasi and exports are background jobs whose
page shows a progress bar and then the download. Every letter, export and
download is scoped to the user: another wilayah's record, or another user's job, is a 404.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from dinsos.akses import Izin, perlu_izin
from dinsos.models import Peran
from ekspor import daftar as daftarmod
from ekspor.models import Ekspor
from ekspor.services import ekspor_buat

from . import dasbor as dasbormod
from . import dokumen
from . import publik as publikmod
from .forms import EksporPermohonanForm, RekapForm
from .models import PenomoranSurat
from .nomor import usulan_nomor
from .pdf import UKURAN_KERTAS, render_pdf
from .rekap import FilterRekap

PERAN_DASBOR = {Peran.KEPALA_DINAS, Peran.ADMINISTRATOR, Peran.PETUGAS_DINAS}


# --- letters ------------------------------------------------------------------------------------


def _pdf(request, ctx: dict, template: str, obj) -> HttpResponse:
    ukuran = request.GET.get("kertas")
    isi = render_pdf(template, ctx, ukuran=ukuran if ukuran in UKURAN_KERTAS else None)
    dokumen.catat_cetak(request.user, obj, ctx["judul_riwayat"])
    resp = HttpResponse(isi, content_type="application/pdf")
    resp["Content-Disposition"] = f'inline; filename="{ctx["nama_berkas"]}"'
    resp["Cache-Control"] = "no-store"  # personal data: not for shared caches
    return resp


@login_required
@perlu_izin(Izin.EKSPOR)
def surat_rekomendasi(request, pk: int):
    ctx = dokumen.konteks_rekomendasi(request.user, pk)
    return _pdf(request, ctx, "laporan/cetak/surat_rekomendasi.html", ctx["rek"])


@login_required
@perlu_izin(Izin.EKSPOR)
def kwitansi(request, pk: int):
    ctx = dokumen.konteks_kwitansi(request.user, pk)
    return _pdf(request, ctx, "laporan/cetak/kwitansi.html", ctx["cair"])


@login_required
@perlu_izin(Izin.EKSPOR)
def berita_acara(request, pk: int):
    ctx = dokumen.konteks_berita_acara(request.user, pk)
    return _pdf(request, ctx, "laporan/cetak/berita_acara.html", ctx["v"])


@login_required
@perlu_izin(Izin.EKSPOR)
def surat_pengajuan(request, pk: int):
    ctx = dokumen.konteks_pengajuan(request.user, pk)
    return _pdf(request, ctx, "laporan/cetak/surat_pengajuan.html", ctx["batch"])


@login_required
@perlu_izin(Izin.ATUR_SISTEM)
def kop_pratinjau(request):
    """For the Administrator after editing Profil Kantor: the letterhead as it will print."""
    ukuran = request.GET.get("kertas")
    isi = render_pdf(
        "laporan/cetak/kop_pratinjau.html",
        {
            "contoh_nomor": usulan_nomor(PenomoranSurat.Jenis.REKOMENDASI),
            "contoh_jumlah": Decimal("2000000"),
        },
        ukuran=ukuran if ukuran in UKURAN_KERTAS else None,
    )
    resp = HttpResponse(isi, content_type="application/pdf")
    resp["Content-Disposition"] = 'inline; filename="pratinjau-kop-surat.pdf"'
    return resp


# --- the rekapitulasi and exports (background jobs) --------------------------------------------


@login_required
@perlu_izin(Izin.EKSPOR)
def rekap(request):
    form = RekapForm(
        request.POST or None,
        user=request.user,
        initial={"tahun_anggaran": request.GET.get("tahun_anggaran")}
        if request.GET.get("tahun_anggaran")
        else None,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        f = FilterRekap(
            tahun_anggaran=d["tahun_anggaran"],
            jenis=d["jenis"],
            kecamatan=d["kecamatan"],
            dari=d["dari"],
            sampai=d["sampai"],
        )
        jenis = Ekspor.Jenis.REKAP_PDF if d["format"] == "pdf" else Ekspor.Jenis.REKAP_XLSX
        try:
            e = ekspor_buat(
                oleh=request.user,
                jenis=jenis,
                parameter={**f.ke_json(), "ukuran_kertas": d["ukuran_kertas"]},
                judul=f"Rekapitulasi penyaluran bansos TA {f.tahun_anggaran}",
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            return redirect("ekspor:detail", pk=e.pk)
    terakhir = Ekspor.objects.filter(
        dibuat_oleh=request.user, jenis__in=[Ekspor.Jenis.REKAP_PDF, Ekspor.Jenis.REKAP_XLSX]
    )[:10]
    return render(
        request,
        "laporan/rekap_form.html",
        {"form": form, "terakhir": terakhir, "tenggat": dasbormod.tenggat_rekap()},
    )


@login_required
@perlu_izin(Izin.EKSPOR)
def ekspor_permohonan(request):
    """The bansos list as xlsx, with the list page's filters (linked from that page)."""
    # A POST is always bound: the list's button without any filter sends only its CSRF token.
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = EksporPermohonanForm(data, user=request.user)
    if request.method == "POST" and form.is_valid():
        param = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        try:
            e = ekspor_buat(
                oleh=request.user,
                jenis=Ekspor.Jenis.PERMOHONAN_XLSX,
                parameter=param,
                judul=daftarmod.judul_dengan_saringan(
                    "Daftar permohonan bansos", daftarmod.uraian_saringan(form)
                ),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            return redirect("ekspor:detail", pk=e.pk)
    return render(request, "laporan/ekspor_permohonan.html", {"form": form})


# --- dashboard and public figures --------------------------------------------------------------


@login_required
def dasbor(request):
    if request.user.peran not in PERAN_DASBOR:
        raise PermissionDenied("Dasbor hanya untuk Kepala Dinas, Petugas Dinas dan Administrator.")
    tahun = dasbormod.tahun_dipilih(request.GET.get("tahun"))
    return render(
        request,
        "laporan/dasbor.html",
        {"p": dasbormod.data_dasbor(request.user, tahun), "pilihan_tahun": dasbormod.tahun_ada()},
    )


def publik(request):
    """ASH 42(2), S8: figures for the public, no login, never a person's data."""
    tahun = dasbormod.tahun_dipilih(request.GET.get("tahun"))
    return render(
        request,
        "laporan/publik.html",
        {"d": publikmod.angka_publik(tahun), "pilihan_tahun": dasbormod.tahun_ada()},
    )
