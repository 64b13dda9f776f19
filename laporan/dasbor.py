"""The Kepala Dinas's dashboard: applications by status, pagu used and left per jenis (B8),
disbursements per month and per kecamatan, and the countdown to the rekap deadline (B7)."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from bansos.aturan import pagu_terpakai, pagu_total
from bansos.models import JenisBansos, Pencairan, Permohonan, StatusPermohonan
from dinsos.akses import scope
from dinsos.format import BULAN
from ekspor.models import Ekspor

from . import grafik

NOL = Decimal("0")


def tahun_ada() -> list[int]:
    tahun = set(Permohonan.objects.values_list("tahun_anggaran", flat=True).distinct())
    tahun.add(timezone.localdate().year)
    return sorted(tahun, reverse=True)


def tahun_dipilih(raw) -> int:
    try:
        t = int(raw)
    except (TypeError, ValueError):
        return timezone.localdate().year
    return t if 2000 <= t <= 2100 else timezone.localdate().year


def tenggat_rekap(hari_ini: dt.date | None = None) -> dict:
    """B7 / PCT 7g: the rekap of TA t reaches the PPKD by 5 January of t+1.

    Until 5 January the deadline in view is last year's; a warning shows from 1 December.
    """
    hari_ini = hari_ini or timezone.localdate()
    ta = hari_ini.year - 1 if hari_ini <= dt.date(hari_ini.year, 1, 5) else hari_ini.year
    tanggal = dt.date(ta + 1, 1, 5)
    sisa = (tanggal - hari_ini).days
    from bansos.models import AturanTahunan

    # Read, never created here: a page view must not write the year's rules.
    dasar = AturanTahunan.objects.filter(tahun_anggaran=ta).values_list("dasar_hukum", flat=True)
    return {
        "tahun_anggaran": ta,
        "tanggal": tanggal,
        "sisa_hari": sisa,
        "peringatan": hari_ini >= dt.date(ta, 12, 1),
        "hari_ini": sisa == 0,
        "dasar_hukum": dasar.first() or AturanTahunan._meta.get_field("dasar_hukum").default,
    }


def _rekap_terakhir(user, tahun: int):
    return (
        Ekspor.objects.filter(
            dibuat_oleh=user,
            jenis=Ekspor.Jenis.REKAP_PDF,
            status=Ekspor.Status.SELESAI,
            parameter__tahun_anggaran=tahun,
        )
        .order_by("-berakhir")
        .first()
    )


def data_dasbor(user, tahun: int) -> dict:
    tenggat = tenggat_rekap()
    permohonan = scope(user, Permohonan).filter(tahun_anggaran=tahun)
    hitung = dict(permohonan.values_list("status").annotate(n=Count("pk")))
    maks = max(hitung.values(), default=0) or 1
    status = [
        {"kode": s, "label": label, "n": hitung.get(s, 0), "persen": 100 * hitung.get(s, 0) // maks}
        for s, label in StatusPermohonan.choices
    ]

    cair = scope(user, Pencairan).filter(permohonan__tahun_anggaran=tahun)
    dicairkan = dict(cair.values_list("permohonan__jenis").annotate(j=Sum("jumlah")).order_by())
    pagu = []
    for jenis, label in JenisBansos.choices:
        total = pagu_total(tahun, jenis)
        pakai = pagu_terpakai(tahun, jenis)
        pagu.append(
            {
                "label": label,
                "total": total,
                "terpakai": pakai,
                "sisa": total - pakai,
                "dicairkan": dicairkan.get(jenis) or NOL,
                "persen": min(100, int(pakai * 100 / total)) if total else 0,
                "lewat": total and pakai > total,
            }
        )

    per_bulan = {
        (r["bulan"].year, r["bulan"].month): r["j"]
        for r in cair.annotate(bulan=TruncMonth("tanggal"))
        .values("bulan")
        .annotate(j=Sum("jumlah"))
        .order_by()
    }
    bulan = [(BULAN[m - 1][:3], per_bulan.get((tahun, m), NOL)) for m in range(1, 13)]
    lewat_tahun = sum((v for (y, _), v in per_bulan.items() if y != tahun), NOL)
    if lewat_tahun:
        bulan.append(("Th. +1", lewat_tahun))  # disbursed in the following year
    kec = list(
        cair.values_list("permohonan__desa__kecamatan__nama")
        .annotate(j=Sum("jumlah"))
        .order_by("permohonan__desa__kecamatan__nama")
    )
    total_cair = sum((v for _, v in kec), NOL)
    return {
        "tahun": tahun,
        "status": status,
        "jumlah_permohonan": sum(hitung.values()),
        "pagu": pagu,
        "total_cair": total_cair,
        "jumlah_cair": cair.count(),
        "grafik_bulan": grafik.kolom(
            bulan, judul=f"Pencairan per bulan TA {tahun}", fmt=grafik.juta
        ),
        "grafik_kecamatan": grafik.batang(
            [(f"Kec. {n}", v) for n, v in kec],
            judul=f"Pencairan per kecamatan TA {tahun}",
            fmt=grafik.juta,
        ),
        "tenggat": tenggat,
        "rekap_terakhir": _rekap_terakhir(user, tenggat["tahun_anggaran"]),
    }
