"""Pengajuan pencairan (PCT 7d, 9d, 11d) and the pagu page (B8): kabupaten-wide, Dinas only."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from dinsos import masukan
from dinsos.akses import Izin, boleh, perlu_izin
from dinsos.forms import pasang_galat

from .. import selectors
from .. import services as sv
from ..filters import pilihan_tahun
from ..forms import PengajuanForm
from ..models import JenisBansos, Pagu, PengajuanPencairan, Permohonan, SumberDana
from ..models import StatusPermohonan as S
from ._umum import perlu_peran_dinas, tautan_surat_pengajuan

NOL = Decimal("0")


def _tahun(request, bawaan: int | None = None) -> int:
    # ASCII digits and a real year: "²" or a 20-digit number would fail in int() or the database.
    tahun = masukan.angka_id(request.GET.get("tahun") or "")
    if tahun is not None and 1900 <= tahun <= 9999:
        return tahun
    return bawaan or timezone.localdate().year


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
def pengajuan_daftar(request):
    perlu_peran_dinas(request.user)
    qs = PengajuanPencairan.objects.select_related("dibuat_oleh").annotate(
        jumlah_permohonan=Count("permohonan"),
        total_rekomendasi=Sum("permohonan__rekomendasi__jumlah"),
    )
    hal = Paginator(qs.order_by("-tanggal", "-pk"), 25).get_page(request.GET.get("hal"))
    menunggu = selectors.permohonan_untuk(request.user).filter(status=S.DIREKOMENDASIKAN).count()
    return render(
        request,
        "bansos/pengajuan_daftar.html",
        {
            "hal": hal,
            "menunggu": menunggu,
            "boleh_buat": boleh(request.user, Izin.BANSOS_REKOMENDASI),
        },
    )


@login_required
@perlu_izin(Izin.BANSOS_REKOMENDASI)
def pengajuan_baru(request):
    """Choose recommended applications of one TA and send them to the Kepala BPKAD."""
    siap = selectors.permohonan_untuk(request.user).filter(status=S.DIREKOMENDASIKAN)
    tahun_ada = sorted(set(siap.values_list("tahun_anggaran", flat=True)), reverse=True)
    tahun = _tahun(request, tahun_ada[0] if tahun_ada else None)
    pilihan = siap.filter(tahun_anggaran=tahun).select_related("rekomendasi").order_by("pk")
    awal = {}
    if request.GET.get("pilih"):
        pilih = request.GET.getlist("pilih")
        awal["permohonan"] = [x for x in pilih if masukan.angka_id(x) is not None]
    form = PengajuanForm(request.POST or None, pilihan=pilihan, initial=awal)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            batch = sv.pengajuan_pencairan_buat(
                permohonan_list=list(d["permohonan"]),
                oleh=request.user,
                nomor_surat=d["nomor_surat"],
                tanggal=d["tanggal"],
            )
        except ValidationError as e:
            pasang_galat(form, e)
        else:
            messages.success(
                request,
                f"Pengajuan pencairan {batch.nomor} ({batch.permohonan.count()} permohonan) "
                "telah dibuat; status permohonan: diajukan pencairan ke BPKAD.",
            )
            return redirect("bansos:pengajuan_detail", batch.pk)
    return render(
        request,
        "bansos/pengajuan_baru.html",
        {"form": form, "tahun": tahun, "tahun_ada": tahun_ada, "kosong": not pilihan.exists()},
    )


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
def pengajuan_detail(request, pk):
    perlu_peran_dinas(request.user)
    batch = get_object_or_404(PengajuanPencairan.objects.select_related("dibuat_oleh"), pk=pk)
    daftar = (
        selectors.permohonan_untuk(request.user)
        .filter(pengajuan=batch)
        .select_related("rekomendasi")
        .order_by("pk")
    )
    return render(
        request,
        "bansos/pengajuan_detail.html",
        {
            "batch": batch,
            "daftar": daftar,
            "total": batch.total,
            "surat": tautan_surat_pengajuan(request.user, batch),
            "boleh_cairkan": boleh(request.user, Izin.BANSOS_CAIRKAN),
        },
    )


@login_required
@perlu_izin(Izin.LIHAT_REGISTRI)
def pagu(request):
    """B8: per TA and jenis, the pagu (sum over sources), what is used and what is left."""
    perlu_peran_dinas(request.user)
    tahun = _tahun(request)
    per_sumber: dict[str, list] = {}
    total: dict[str, Decimal] = {}
    for b in Pagu.objects.filter(tahun_anggaran=tahun).order_by("jenis", "sumber_dana"):
        per_sumber.setdefault(b.jenis, []).append(
            (SumberDana(b.sumber_dana).label, b.jumlah, b.keterangan)
        )
        total[b.jenis] = total.get(b.jenis, NOL) + b.jumlah
    belum_cair = Q(status__in=[S.DIREKOMENDASIKAN, S.DIAJUKAN_PENCAIRAN])
    pakai = {
        r["jenis"]: r
        for r in Permohonan.objects.filter(tahun_anggaran=tahun)
        .values("jenis")
        .annotate(
            jml_rekomendasi=Sum("rekomendasi__jumlah", filter=belum_cair),
            jml_dicairkan=Sum("pencairan__jumlah", filter=Q(status=S.DICAIRKAN)),
        )
    }
    baris = []
    for jenis, label in JenisBansos.choices:
        p = pakai.get(jenis, {})
        rek = p.get("jml_rekomendasi") or NOL
        cair = p.get("jml_dicairkan") or NOL
        jml = total.get(jenis, NOL)
        terpakai = rek + cair
        baris.append(
            {
                "jenis": jenis,
                "label": label,
                "pagu": jml,
                "sumber": per_sumber.get(jenis, []),
                "rekomendasi": rek,
                "dicairkan": cair,
                "terpakai": terpakai,
                "sisa": jml - terpakai,
                "persen": int(terpakai * 100 / jml) if jml else 0,
                "ada_pagu": jenis in total,
            }
        )
    tahun_pilihan = [int(t) for t, _ in pilihan_tahun()]
    if tahun not in tahun_pilihan:
        tahun_pilihan = sorted({*tahun_pilihan, tahun}, reverse=True)
    return render(
        request,
        "bansos/pagu.html",
        {
            "tahun": tahun,
            "tahun_pilihan": tahun_pilihan,
            "baris": baris,
            "jumlah": {
                "pagu": sum((b["pagu"] for b in baris), NOL),
                "rekomendasi": sum((b["rekomendasi"] for b in baris), NOL),
                "dicairkan": sum((b["dicairkan"] for b in baris), NOL),
                "sisa": sum((b["sisa"] for b in baris), NOL),
            },
        },
    )
