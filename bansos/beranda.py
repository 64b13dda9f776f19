"""What waits for each role in the bansos workflow (B4): the home page's queue and panel, and
the inbox page.

The queue counts what `selectors.kotak_masuk` holds, step by step of the B4 table
(`alur.LANGKAH`, the steps with `menunggu`); sections are read through
`selectors.permohonan_untuk`, so an operator only ever sees the applications of the desa or
kecamatan they serve.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Min
from django.urls import reverse

from dinsos.akses import Izin, boleh
from dinsos.models import Peran

from . import alur
from .models import StatusPermohonan as S
from .selectors import kotak_masuk, permohonan_untuk

# The capabilities of the B4 workflow: a role holding none has nothing to do in it.
IZIN_ALUR = {w.izin for langkah in alur.LANGKAH.values() for w in langkah.wewenang}

# Applications still on their way (not refused, withdrawn or disbursed).
STATUS_BERJALAN: list[str] = [
    S.DIAJUKAN,
    S.MENUNGGU_VERIFIKASI,
    S.DIKEMBALIKAN,
    S.TERVERIFIKASI,
    S.DIREKOMENDASIKAN,
    S.DIAJUKAN_PENCAIRAN,
]

# (title, what to do, statuses) per role, in the order the role works through them.
BAGIAN_PERAN: dict[str, list[tuple[str, str, Sequence[str]]]] = {
    Peran.OPERATOR_DESA: [
        (
            "Dikembalikan untuk dilengkapi",
            "Lengkapi dokumen atau data sesuai catatan, lalu ajukan ulang.",
            [S.DIKEMBALIKAN],
        ),
        (
            "Diajukan, menunggu diketahui Camat",
            "Masih dapat diubah dan dilengkapi dokumennya.",
            [S.DIAJUKAN],
        ),
    ],
    Peran.OPERATOR_KECAMATAN: [
        (
            "Menunggu diketahui Camat",
            "Catat bahwa Camat telah mengetahui surat permohonan, atau kembalikan ke desa.",
            [S.DIAJUKAN],
        ),
    ],
    Peran.TIM_VERIFIKASI: [
        (
            "Menunggu verifikasi",
            "Periksa kelengkapan dokumen dan isi lembar verifikasi.",
            [S.MENUNGGU_VERIFIKASI],
        ),
    ],
    Peran.KEPALA_DINAS: [
        (
            "Menunggu rekomendasi",
            "Tetapkan kelayakan dan besaran bantuan.",
            [S.TERVERIFIKASI],
        ),
        (
            "Direkomendasikan, belum diajukan pencairan",
            "Masukkan ke pengajuan pencairan kepada Kepala BPKAD.",
            [S.DIREKOMENDASIKAN],
        ),
    ],
    Peran.BENDAHARA: [
        (
            "Menunggu pencairan",
            "Catat pencairan beserta kwitansi atau bukti transfer.",
            [S.DIAJUKAN_PENCAIRAN],
        ),
    ],
    Peran.PETUGAS_DINAS: [
        (
            "Semua permohonan yang masih berjalan",
            "Pantau dan bantu lengkapi permohonan yang dikembalikan.",
            STATUS_BERJALAN,
        ),
    ],
    Peran.ADMINISTRATOR: [
        ("Semua permohonan yang masih berjalan", "Untuk pemantauan.", STATUS_BERJALAN),
    ],
}


@dataclass
class Bagian:
    judul: str
    keterangan: str
    status: list[str]
    jumlah: int = 0
    items: list = field(default_factory=list)

    @property
    def query(self) -> str:
        """The list filter for this section (only when it is one status)."""
        return f"status={self.status[0]}" if len(self.status) == 1 else ""


def bagian_kotak_masuk(user, batas: int = 100) -> list[Bagian]:
    hasil = []
    for judul, ket, status in BAGIAN_PERAN.get(getattr(user, "peran", None) or "", []):
        qs = permohonan_untuk(user).filter(status__in=status).order_by("dibuat", "pk")
        b = Bagian(judul=judul, keterangan=ket, status=list(status))
        b.items = list(qs[:batas])
        b.jumlah = len(b.items) if len(b.items) < batas else qs.count()
        hasil.append(b)
    return hasil


def antrian_beranda(request) -> list[dict[str, Any]]:
    """One row per step the user's capabilities take (B4), with its count and the oldest
    application waiting for it, linked to the list filtered to that status."""
    user = request.user
    hitung = {
        r["status"]: r
        for r in kotak_masuk(user)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"), t=Min("dibuat"))
    }
    label_status = dict(S.choices)
    hasil = []
    for langkah in alur.LANGKAH.values():
        if not langkah.menunggu:
            continue
        for w in langkah.wewenang:
            if not boleh(user, w.izin):
                continue
            for status in w.dari:
                r = hitung.get(status, {})
                hasil.append(
                    {
                        "label": langkah.label,
                        "keterangan": f"Permohonan bansos berstatus {label_status[status]}",
                        "jumlah": r.get("n", 0),
                        "tertua": r.get("t"),
                        "url": f"{reverse('bansos:daftar')}?{urlencode({'status': status})}",
                    }
                )
    return hasil


def panel_beranda(request) -> list[dict]:
    # Only a role with a step in the workflow: the others cannot act on an application.
    if not any(boleh(request.user, i) for i in IZIN_ALUR):
        return []
    return [
        {
            "judul": "Bantuan sosial — permohonan dalam proses",
            "template": "bansos/_panel_beranda.html",
            "bagian": bagian_kotak_masuk(request.user, batas=5),
            "boleh_ajukan": boleh(request.user, Izin.BANSOS_AJUKAN),
        }
    ]
