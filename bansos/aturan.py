"""Rules as data: the yearly figures (B2, B3, B6), the required documents (B5) and the pagu (B8).

Nothing here hard-codes an amount: `PCT_BAWAAN` is only the seed for a new Tahun Anggaran, which
the Administrator may then edit in the admin.

Reading a year's rules never writes: `AturanTahunan.baca(tahun)` (or `permohonan.aturan`)
refuses a year nobody set up. Creating them is the explicit `aturan_tetapkan(tahun)`, called
where a year begins: the migration (the current year), the service that registers the first
application of a year, and the demo data.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from ppks.models import KategoriPMKS

from .models import (
    NOL,
    STATUS_MEMAKAI_PAGU,
    AturanTahunan,
    JenisBansos,
    JenisDokumen,
    Pagu,
    Permohonan,
)

# The values of Perbup Pacitan 1/2018 Pasal 6 (and 9e), used to seed a new Tahun Anggaran.
PCT_BAWAAN = {
    "batas_biaya_hidup": Decimal("2000000"),  # PCT 6(1)a
    "batas_permodalan": Decimal("5000000"),  # PCT 6(1)b
    "batas_pengobatan": Decimal("7500000"),  # PCT 6(1)c angka 2
    "batas_tunai_permodalan": Decimal("2000000"),  # PCT 9e
    "sekali_setahun_lingkup": "per_jenis",  # B3 reading
}


def kategori_sesuai_biaya_pct(kategori_model: Any = KategoriPMKS) -> QuerySet[Any]:
    """PCT 6(1)c.1 and 6(2): korban bencana alam (u), korban bencana sosial (v) and PMKS T4
    (anak jalanan d, tuna susila j, gelandangan k, pengemis l) — read from the category flags."""
    return kategori_model.objects.filter(Q(bencana_alam=True) | Q(bencana_sosial=True) | Q(t4=True))


def kategori_bebas_sekali_setahun_pct(kategori_model: Any = KategoriPMKS) -> QuerySet[Any]:
    """PCT 6(3): korban bencana alam (u) may receive more than once per TA."""
    return kategori_model.objects.filter(bencana_alam=True)


def buat_dari_pct(aturan_model: Any, kategori_model: Any, tahun: int) -> Any:
    """Create one year's rules with the PCT values; models are passed in so a data migration
    can use its historical models."""
    aturan = aturan_model.objects.create(tahun_anggaran=tahun, **PCT_BAWAAN)
    aturan.kategori_sesuai_biaya.set(kategori_sesuai_biaya_pct(kategori_model))
    aturan.kategori_bebas_sekali_setahun.set(kategori_bebas_sekali_setahun_pct(kategori_model))
    return aturan


def aturan_tetapkan(tahun: int) -> AturanTahunan:
    """The rules of Tahun Anggaran `tahun`, created from the PCT values when the year has none
    yet (a write: call it where a year begins, never to read)."""
    aturan = AturanTahunan.objects.filter(tahun_anggaran=tahun).first()
    if aturan is not None:
        return aturan
    try:
        with transaction.atomic():
            aturan = buat_dari_pct(AturanTahunan, KategoriPMKS, tahun)
    except IntegrityError:
        # Another request created the same year first.
        aturan = AturanTahunan.objects.get(tahun_anggaran=tahun)
    return aturan


def dasar_hukum_untuk(tahun: int) -> str:
    """The regulation printed for Tahun Anggaran `tahun` (B7), read without creating the year:
    a year nobody has set up prints the default the year would get."""
    aturan = AturanTahunan.objects.filter(tahun_anggaran=tahun).only("dasar_hukum").first()
    if aturan is not None:
        return aturan.dasar_hukum
    return str(AturanTahunan._meta.get_field("dasar_hukum").get_default())


def dokumen_wajib(permohonan: Permohonan) -> list[str]:
    """B5: the documents required for this application, in the order of the articles.

    - biaya hidup (PCT 8): surat permohonan, KTP/surat keterangan, KK; SKM only for fakir miskin.
    - permodalan usaha (PCT 10): surat permohonan, KTP/surat keterangan; for a kelompok the
      Lurah/Kades letter on its formation; the recipient's account number when the amount is
      above the cash limit (non-cash, PCT 9e) — "dan/atau" read as "where it applies".
    - pengobatan at cost, i.e. korban bencana alam/sosial and PMKS T4 (PCT 12): facility letter,
      photo of the patient's condition, kuitansi & rincian biaya, the facility's account.
    - other pengobatan (PCT 13): facility letter, KTP/surat keterangan, KK, kuitansi & rincian
      biaya, the facility's account.
    """
    D = JenisDokumen
    jenis = permohonan.jenis
    if jenis == JenisBansos.BIAYA_HIDUP:
        wajib: list[str] = [D.SURAT_PERMOHONAN, D.KTP, D.KK]
        if permohonan.kategori_id and permohonan.kategori.fakir_miskin:
            wajib.append(D.SKM)
        return wajib
    if jenis == JenisBansos.PERMODALAN_USAHA:
        wajib = [D.SURAT_PERMOHONAN, D.KTP]
        if permohonan.kelompok_id:
            wajib.append(D.PEMBENTUKAN_KELOMPOK)
        batas_tunai = permohonan.aturan.batas_tunai_permodalan
        if permohonan.kelompok_id or (permohonan.jumlah_diminta or NOL) > batas_tunai:
            wajib.append(D.REKENING_PENERIMA)
        return wajib
    if permohonan.sesuai_biaya:
        return [D.SURAT_PERMOHONAN_FASKES, D.FOTO_KONDISI, D.KUITANSI_BIAYA, D.REKENING_FASKES]
    return [D.SURAT_PERMOHONAN_FASKES, D.KTP, D.KK, D.KUITANSI_BIAYA, D.REKENING_FASKES]


def dokumen_kurang(permohonan: Permohonan) -> list[str]:
    """The required documents not yet uploaded (B5)."""
    ada = set(permohonan.dokumen.values_list("jenis_dokumen", flat=True))
    return [d for d in dokumen_wajib(permohonan) if d not in ada]


def pagu_total(tahun: int, jenis: str) -> Decimal:
    """B8: the pagu of a jenis in a TA, summed over its sources of funds."""
    return Pagu.objects.filter(tahun_anggaran=tahun, jenis=jenis).aggregate(
        t=Coalesce(Sum("jumlah"), NOL, output_field=models.DecimalField())
    )["t"]


def pagu_terpakai(tahun: int, jenis: str, *, kecuali: Permohonan | None = None) -> Decimal:
    """B8: the recommended amounts of a jenis in a TA still standing (recommended, submitted
    to BPKAD or disbursed)."""
    qs = Permohonan.objects.filter(
        tahun_anggaran=tahun, jenis=jenis, status__in=STATUS_MEMAKAI_PAGU
    )
    if kecuali is not None:
        qs = qs.exclude(pk=kecuali.pk)
    return qs.aggregate(
        t=Coalesce(Sum("rekomendasi__jumlah"), NOL, output_field=models.DecimalField())
    )["t"]


def pagu_sisa(tahun: int, jenis: str) -> Decimal:
    """B8: the pagu of a jenis in a TA not yet taken by standing recommendations."""
    return pagu_total(tahun, jenis) - pagu_terpakai(tahun, jenis)
