"""Public figures (ASH 42(2), S8): counts and sums per kecamatan and jenis, never a person.

Only aggregate queries are made here — no row of a person, family or group is ever loaded —
so no template mistake can print a name or NIK on the public page.
"""

from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from bansos.aturan import pagu_terpakai, pagu_total
from bansos.models import STATUS_TIDAK_DIHITUNG, JenisBansos, Pencairan, Permohonan
from dinsos.models import Kecamatan

from . import grafik

NOL = Decimal("0")


def angka_publik(tahun: int) -> dict:
    jenis = list(JenisBansos.choices)
    sel = {
        (k, j): (n, s)
        for k, j, n, s in Pencairan.objects.filter(permohonan__tahun_anggaran=tahun)
        .values_list("permohonan__desa__kecamatan_id", "permohonan__jenis")
        .annotate(n=Count("pk"), s=Sum("jumlah"))
        .order_by()
    }
    baris = []
    for kec in Kecamatan.objects.order_by("nama"):
        kolom = [sel.get((kec.kode, j), (0, NOL)) for j, _ in jenis]
        baris.append(
            {
                "kecamatan": kec.nama,
                "kolom": [{"n": n, "jumlah": s or NOL} for n, s in kolom],
                "n": sum(n for n, _ in kolom),
                "jumlah": sum((s or NOL for _, s in kolom), NOL),
            }
        )
    total_kolom = [
        {
            "n": sum(b["kolom"][i]["n"] for b in baris),
            "jumlah": sum((b["kolom"][i]["jumlah"] for b in baris), NOL),
        }
        for i in range(len(jenis))
    ]
    diterima = dict(
        Permohonan.objects.filter(tahun_anggaran=tahun)
        .exclude(status__in=STATUS_TIDAK_DIHITUNG)
        .values_list("jenis")
        .annotate(n=Count("pk"))
        .order_by()
    )
    pagu = [
        {
            "label": label,
            "total": pagu_total(tahun, j),
            "terpakai": pagu_terpakai(tahun, j),
            "permohonan": diterima.get(j, 0),
        }
        for j, label in jenis
    ]
    tampil = [b for b in baris if b["n"]] or baris
    return {
        "tahun": tahun,
        # The figures are read live at each request: they are as of today.
        "per_tanggal": timezone.localdate(),
        "grafik": grafik.batang(
            [(f"Kec. {b['kecamatan']}", b["jumlah"]) for b in tampil if b["n"]],
            judul=f"Bantuan yang dicairkan per kecamatan TA {tahun}",
            fmt=grafik.juta,
        ),
        "jenis": [label for _, label in jenis],
        "baris": tampil,
        "total_kolom": total_kolom,
        "total_n": sum(k["n"] for k in total_kolom),
        "total_jumlah": sum((k["jumlah"] for k in total_kolom), NOL),
        "pagu": pagu,
    }
