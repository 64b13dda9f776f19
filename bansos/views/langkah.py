"""The steps of B4, each a POST that calls its one service function and redirects.

The capability decorator answers 403 to a role that never takes the step; the loader answers
404 outside the user's wilayah; the service decides the rest (status, documents, amounts, pagu,
separation of duties) and its Indonesian message is shown — never a 500.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dinsos.akses import Izin, perlu_izin
from dinsos.format import rupiah
from dinsos.forms import galat_form, pasang_galat, pesan

from .. import kelayakan, selectors
from .. import services as sv
from ..forms import (
    AlasanForm,
    CatatanForm,
    KetahuiForm,
    PencairanForm,
    RekomendasiForm,
    VerifikasiForm,
    mode_bawaan,
)
from ..models import DokumenPermohonan, JenisDokumen, Pencairan
from ._umum import muat_permohonan


def _ke_detail(p):
    return redirect("bansos:detail", p.pk)


def _jalankan(request, p, fungsi, sukses: str, **kw):
    try:
        fungsi(permohonan=p, oleh=request.user, **kw)
    except ValidationError as e:
        messages.error(request, pesan(e))
    else:
        p.refresh_from_db()
        messages.success(request, sukses.format(p=p, status=p.get_status_display()))
    return _ke_detail(p)


def _tidak_tersedia(request, p, langkah: str, nama: str):
    """GET of a step page that does not fit the current status: say so on the detail page."""
    if langkah in selectors.langkah_untuk(request.user, p):
        return None
    messages.error(
        request,
        f"Permohonan {p.nomor} berstatus “{p.get_status_display()}”; {nama} tidak dapat "
        "dilakukan sekarang.",
    )
    return _ke_detail(p)


@login_required
@perlu_izin(Izin.BANSOS_KETAHUI)
@require_POST
def ketahui(request, pk):
    p = muat_permohonan(request, pk)
    form = KetahuiForm(request.POST)
    if not form.is_valid():
        messages.error(request, galat_form(form))
        return _ke_detail(p)
    return _jalankan(
        request,
        p,
        sv.permohonan_ketahui_camat,
        "Permohonan {p.nomor} telah dicatat diketahui Camat; status: {status}.",
        nama_camat=form.cleaned_data["nama_camat"],
        tanggal=form.cleaned_data["tanggal"],
    )


@login_required
@perlu_izin(Izin.BANSOS_KETAHUI)
@require_POST
def kembalikan(request, pk):
    """The Operator Kecamatan returns an application to the desa before the Camat knows it.
    (The Tim Verifikasi returns one through the verification sheet.)"""
    p = muat_permohonan(request, pk)
    form = AlasanForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Isi alasan pengembalian agar pemohon dapat melengkapinya.")
        return _ke_detail(p)
    return _jalankan(
        request,
        p,
        sv.permohonan_kembalikan,
        "Permohonan {p.nomor} dikembalikan untuk dilengkapi.",
        alasan=form.cleaned_data["alasan"],
    )


@login_required
@perlu_izin(Izin.BANSOS_AJUKAN)
@require_POST
def ajukan_ulang(request, pk):
    p = muat_permohonan(request, pk)
    form = CatatanForm(request.POST)
    form.is_valid()
    return _jalankan(
        request,
        p,
        sv.permohonan_ajukan_ulang,
        "Permohonan {p.nomor} telah diajukan ulang; status: {status}.",
        catatan=form.cleaned_data.get("catatan", ""),
    )


@login_required
@perlu_izin(Izin.BANSOS_AJUKAN)
@require_POST
def batalkan(request, pk):
    p = muat_permohonan(request, pk)
    form = AlasanForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Isi alasan pembatalan permohonan.")
        return _ke_detail(p)
    return _jalankan(
        request,
        p,
        sv.permohonan_batalkan,
        "Permohonan {p.nomor} telah dibatalkan.",
        alasan=form.cleaned_data["alasan"],
    )


@login_required
@perlu_izin(Izin.BANSOS_VERIFIKASI)
def verifikasi(request, pk):
    """The verification sheet (PCT 7b, 9b, 11b): one box per required document (B5)."""
    p = muat_permohonan(request, pk)
    if request.method == "GET" and (r := _tidak_tersedia(request, p, "verifikasi", "verifikasi")):
        return r
    wajib = selectors.dokumen_wajib(p)
    form = VerifikasiForm(request.POST or None, wajib=wajib)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            sv.permohonan_verifikasi(
                permohonan=p,
                oleh=request.user,
                checklist=form.checklist(),
                hasil=d["hasil"],
                catatan=d["catatan"],
                nomor_berita_acara=d["nomor_berita_acara"],
                tanggal=d["tanggal"],
            )
        except ValidationError as e:
            pasang_galat(form, e)
        else:
            p.refresh_from_db()
            messages.success(
                request,
                f"Verifikasi {p.nomor} telah dicatat; status: {p.get_status_display()}.",
            )
            return _ke_detail(p)
    dokumen: dict[str, DokumenPermohonan] = {}
    for dok in p.dokumen.order_by("-diunggah", "-pk"):
        dokumen.setdefault(dok.jenis_dokumen, dok)
    kurang = [k for k in wajib if k not in dokumen]
    return render(
        request,
        "bansos/verifikasi.html",
        {
            "p": p,
            "form": form,
            "baris": [(k, cek, dokumen.get(k)) for k, cek in form.isian_cek()],
            "kurang": [JenisDokumen(k).label for k in kurang],
        },
    )


def _info_rekomendasi(p) -> dict:
    """B2 and B8 figures the Kepala Dinas weighs before deciding."""
    aturan = p.aturan
    sudah = [
        x
        for x in kelayakan.lainnya_terhitung(p).filter(jenis=p.jenis).select_related("rekomendasi")
        if x.pk != p.pk
    ]
    return {
        "pagu_total": selectors.pagu_total(p.tahun_anggaran, p.jenis),
        "pagu_sisa": selectors.pagu_sisa(p.tahun_anggaran, p.jenis),
        "batas": None if p.sesuai_biaya else aturan.batas_untuk(p.jenis),
        "sudah": sudah,
        "sudah_jumlah": sum((x.jumlah_terhitung for x in sudah), 0),
    }


@login_required
@perlu_izin(Izin.BANSOS_REKOMENDASI)
def rekomendasi(request, pk):
    """The Kepala Dinas's decision on eligibility and amount (PCT 7c, 9c, 11c)."""
    p = muat_permohonan(request, pk)
    if request.method == "GET" and (r := _tidak_tersedia(request, p, "rekomendasi", "rekomendasi")):
        return r
    awal = p.jumlah_diminta
    if awal == awal.to_integral_value():
        awal = awal.quantize(Decimal(1))  # "2000000", not "2000000.00", in the number box
    form = RekomendasiForm(request.POST or None, initial={"jumlah": awal})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        layak = d["keputusan"] == "layak"
        try:
            sv.permohonan_rekomendasi(
                permohonan=p,
                oleh=request.user,
                layak=layak,
                jumlah=d["jumlah"] if layak else None,
                nomor_surat=d["nomor_surat"],
                tanggal=d["tanggal"],
                alasan=d["alasan"],
            )
        except ValidationError as e:
            if getattr(e, "code", None) == "jumlah" or "b8" in str(getattr(e, "code", "")):
                form.add_error("jumlah", e)
            else:
                pasang_galat(form, e)
        else:
            p.refresh_from_db()
            if layak:
                messages.success(
                    request,
                    f"Permohonan {p.nomor} direkomendasikan sebesar "
                    f"{rupiah(p.jumlah_rekomendasi)}.",
                )
            else:
                messages.success(request, f"Permohonan {p.nomor} dinyatakan tidak layak.")
            return _ke_detail(p)
    return render(
        request, "bansos/rekomendasi.html", {"p": p, "form": form, **_info_rekomendasi(p)}
    )


@login_required
@perlu_izin(Izin.BANSOS_CAIRKAN)
def cairkan(request, pk):
    """The Bendahara records the disbursement with its proof (B6; PCT 7e, 9e, 11e)."""
    p = muat_permohonan(request, pk)
    if request.method == "GET" and (r := _tidak_tersedia(request, p, "cairkan", "pencairan")):
        return r
    form = PencairanForm(
        request.POST or None, request.FILES or None, initial={"mode": mode_bawaan(p)}, permohonan=p
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            sv.pencairan_catat(
                permohonan=p,
                oleh=request.user,
                mode=d["mode"],
                bukti=d["bukti"],
                tanggal=d["tanggal"],
                nomor_kwitansi=d.get("nomor_kwitansi", ""),
                referensi_transfer=d.get("referensi_transfer", ""),
                rekening_tujuan=d.get("rekening_tujuan", ""),
                nama_penerima=d.get("nama_penerima", ""),
            )
        except ValidationError as e:
            pasang_galat(form, e)
        else:
            p.refresh_from_db()
            messages.success(
                request,
                f"Pencairan {p.nomor} sebesar {rupiah(p.pencairan.jumlah)} telah dicatat.",
            )
            return _ke_detail(p)
    if p.faskes is not None:
        rekening = f"{p.faskes.nama_bank} {p.faskes.nomor_rekening} a.n. {p.faskes.nama_rekening}"
    elif p.rekening_nomor:
        rekening = f"{p.rekening_bank} {p.rekening_nomor} a.n. {p.rekening_nama}"
    else:
        rekening = ""
    return render(
        request,
        "bansos/cairkan.html",
        {
            "p": p,
            "form": form,
            "rekening": rekening,
            "mode_bawaan": Pencairan.Mode(mode_bawaan(p)).label,
        },
    )
