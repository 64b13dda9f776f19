"""Views: parse the request, call one loader or service, show the result.

Letters are small and printed at once; the rekapitulasi and exports are background jobs whose
page shows a progress bar and then the download (issue 4 item 3). Every letter, export and
download is scoped to the user: another wilayah's record, or another user's job, is a 404.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from dinsos.akses import Izin, perlu_izin
from dinsos.audit import catat
from dinsos.models import Peran, Riwayat

from . import daftar as daftarmod
from . import dasbor as dasbormod
from . import dokumen
from . import publik as publikmod
from .ekspor import ekspor_buat, ekspor_ulang, tandai_terhenti
from .forms import EksporPermohonanForm, RekapForm
from .models import Ekspor, PenomoranSurat
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
            return redirect("laporan:ekspor_detail", pk=e.pk)
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
            return redirect("laporan:ekspor_detail", pk=e.pk)
    return render(request, "laporan/ekspor_permohonan.html", {"form": form})


@login_required
@require_POST
@perlu_izin(Izin.EKSPOR)
def ekspor_daftar_mulai(request, nama: str):
    """The "Ekspor ke Excel (.xlsx)" button of a list page: POST with the page's filters; the
    job page follows. A list the role may not see is a 403 (laporan.daftar)."""
    d = daftarmod.ambil(nama)
    if d is None:
        raise Http404("Daftar tidak dikenal.")
    try:
        e = daftarmod.mulai(oleh=request.user, nama=nama, data=request.POST)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        kembali = daftarmod.data_saringan(d, request.POST).urlencode()
        return redirect(reverse(d.url_daftar) + (f"?{kembali}" if kembali else ""))
    return redirect("laporan:ekspor_detail", pk=e.pk)


def _ekspor_milik(request, pk: int, **extra) -> Ekspor:
    # A job is its requester's alone: another user's job "does not exist".
    return get_object_or_404(Ekspor, pk=pk, dibuat_oleh=request.user, **extra)


@login_required
def ekspor_daftar(request):
    tandai_terhenti()
    halaman = Paginator(Ekspor.objects.filter(dibuat_oleh=request.user), 20).get_page(
        request.GET.get("hal")
    )
    return render(request, "laporan/ekspor_daftar.html", {"halaman": halaman})


@login_required
def ekspor_detail(request, pk: int):
    tandai_terhenti()
    e = _ekspor_milik(request, pk)
    menunggu_lama = (
        e.status == Ekspor.Status.ANTRI and (timezone.now() - e.dibuat).total_seconds() > 30
    )
    return render(request, "laporan/ekspor_detail.html", {"e": e, "menunggu_lama": menunggu_lama})


@login_required
def ekspor_status(request, pk: int):
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
            "url_unduh": reverse("laporan:ekspor_unduh", args=[e.pk]) if e.selesai else "",
        }
    )


@login_required
def ekspor_unduh(request, pk: int):
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
def ekspor_coba_lagi(request, pk: int):
    try:
        ekspor_ulang(ekspor=pk, oleh=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Permintaan dimasukkan kembali ke antrean.")
    return redirect("laporan:ekspor_detail", pk=pk)


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
