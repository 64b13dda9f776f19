"""PSKS and the social services of Perbup Asahan 53/2022 (ASH): docs/rules.md S1–S7 and ASH 41.

Registry of resources (S1, S2): `TenagaSosial` with its `Lisensi` and `Pelatihan`; `Lembaga`
with its `Akreditasi` and `KlienLembaga`. Funding (ASH 41): `ProgramLayanan`. Services on PPKS:
`KasusRehabilitasi` (S3), `JaminanSosial` (S4), `PemberdayaanSosial` and `PeranSerta` (S5),
`PerlindunganSosial` (S6). SLRT (S7): `PermintaanLayanan` and its `Rujukan`.

Models check the shape of one row; the rules that need other rows (licence on the day, the
client's PPKS criterion, stage order) live in `psks.aturan` and `psks.services`.
"""

from .layanan import (
    JaminanSosial,
    KasusRehabilitasi,
    PemberdayaanSosial,
    PeranSerta,
    PerlindunganSosial,
    TahapJaminan,
    TahapPeranSerta,
    TahapRehabilitasi,
)
from .pilihan import (
    ASAL_SDM,
    BENTUK_ADVOKASI,
    BENTUK_BANTUAN_HUKUM,
    BENTUK_BANTUAN_LANGSUNG,
    BENTUK_JAMINAN,
    BENTUK_PEMBERDAYAAN,
    BENTUK_REHABILITASI,
    CARA_PEMBERDAYAAN,
    JENIS_LEMBAGA,
    JENIS_PERLINDUNGAN,
    JENIS_SDM,
    KRITERIA_PEMBERDAYAAN,
    KRITERIA_PERAN_SERTA,
    SASARAN_REHABILITASI,
    STANDAR_PEMBINAAN,
    SUMBER_DANA,
    TAHAP_JAMINAN,
    TAHAP_PERAN_SERTA,
    TAHAP_REHABILITASI,
    URUTAN_TAHAP_JAMINAN,
    Status,
    label_tahap,
    labels,
)
from .slrt import PermintaanLayanan, Rujukan
from .sumber import (
    Akreditasi,
    KlienLembaga,
    Lembaga,
    Lisensi,
    Pelatihan,
    ProgramLayanan,
    TenagaSosial,
)

__all__ = [
    "ASAL_SDM",
    "BENTUK_ADVOKASI",
    "BENTUK_BANTUAN_HUKUM",
    "BENTUK_BANTUAN_LANGSUNG",
    "BENTUK_JAMINAN",
    "BENTUK_PEMBERDAYAAN",
    "BENTUK_REHABILITASI",
    "CARA_PEMBERDAYAAN",
    "JENIS_LEMBAGA",
    "JENIS_PERLINDUNGAN",
    "JENIS_SDM",
    "KRITERIA_PEMBERDAYAAN",
    "KRITERIA_PERAN_SERTA",
    "SASARAN_REHABILITASI",
    "STANDAR_PEMBINAAN",
    "SUMBER_DANA",
    "Status",
    "TAHAP_JAMINAN",
    "TAHAP_PERAN_SERTA",
    "TAHAP_REHABILITASI",
    "URUTAN_TAHAP_JAMINAN",
    "label_tahap",
    "labels",
    "Akreditasi",
    "JaminanSosial",
    "KasusRehabilitasi",
    "KlienLembaga",
    "Lembaga",
    "Lisensi",
    "Pelatihan",
    "PemberdayaanSosial",
    "PeranSerta",
    "PerlindunganSosial",
    "PermintaanLayanan",
    "ProgramLayanan",
    "Rujukan",
    "TahapJaminan",
    "TahapPeranSerta",
    "TahapRehabilitasi",
    "TenagaSosial",
]
