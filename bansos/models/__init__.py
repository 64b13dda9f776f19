"""Bansos for PMKS under Perbup Pacitan 1/2018 (PCT): B1–B9 of docs/rules.md.

Rules are data (`AturanTahunan`, `Pagu`, one row per Tahun Anggaran), never constants in code.
Models hold same-row rules only (`clean()` and check constraints); rules that read other rows
are `bansos.kelayakan`, the workflow's steps are the table in `bansos.alur`, and state changes
go only through `bansos.services`, each writing a `dinsos.Riwayat` row (B9).

The models are split by concern; every name is importable from `bansos.models`.
"""

from .anggaran import (
    KODE_JENIS,
    LABEL_BATAS,
    NOL,
    PASAL_BATAS,
    PCT,
    AturanTahunan,
    CamatKecamatan,
    Faskes,
    JenisBansos,
    Pagu,
    SumberDana,
    _uang,
)
from .keputusan import (
    Pencairan,
    PengajuanPencairan,
    Rekomendasi,
    Verifikasi,
    _lokasi_bukti,
    _norek,
)
from .permohonan import (
    STATUS_MEMAKAI_PAGU,
    STATUS_SEBELUM_KEPUTUSAN,
    STATUS_TIDAK_DIHITUNG,
    DokumenPermohonan,
    JenisDokumen,
    PemohonJenis,
    Permohonan,
    StatusPermohonan,
    _lokasi_berkas,
    _nomor_sementara,
)

__all__ = [
    "KODE_JENIS",
    "LABEL_BATAS",
    "NOL",
    "PASAL_BATAS",
    "PCT",
    "STATUS_MEMAKAI_PAGU",
    "STATUS_SEBELUM_KEPUTUSAN",
    "STATUS_TIDAK_DIHITUNG",
    "AturanTahunan",
    "CamatKecamatan",
    "DokumenPermohonan",
    "Faskes",
    "JenisBansos",
    "JenisDokumen",
    "Pagu",
    "PemohonJenis",
    "Pencairan",
    "PengajuanPencairan",
    "Permohonan",
    "Rekomendasi",
    "StatusPermohonan",
    "SumberDana",
    "Verifikasi",
    "_lokasi_berkas",
    "_lokasi_bukti",
    "_nomor_sementara",
    "_norek",
    "_uang",
]
