"""Every state change of the psks app: one function each (docs/rules.md S1–S7, ASH articles).

Every service has the shape

    <noun>_<verb>(*, <record or values as typed keyword arguments>, oleh: User, ...) -> Model

and runs in one transaction: the acting user's role is checked, the record being changed is
loaded again and locked through `dinsos.services.kunci_untuk()` (outside the user's wilayah:
`TidakDitemukan`, answered 404), the rule is checked (a refusal is a `ValidationError` whose
message names the rule), the row is saved through `dinsos.services.simpan()` and the history
row written with `dinsos.audit.catat()`. Views and the demo loader call only these.

The five kinds of service to a PPKS share one flow (`alur`): each kind is an `Alur`, and
stages and endings run through `tahap_catat()` and `akhiri_layanan()`.
"""

from .alur import Alur, akhiri_layanan, tahap_catat
from .layanan import (
    JAMINAN,
    PEMBERDAYAAN,
    PERAN_SERTA,
    PERLINDUNGAN,
    REHABILITASI,
    jaminan_buat,
    jaminan_hentikan,
    jaminan_tahap_catat,
    pemberdayaan_buat,
    pemberdayaan_hentikan,
    pemberdayaan_selesaikan,
    peran_serta_buat,
    peran_serta_tahap_catat,
    perlindungan_buat,
    perlindungan_perpanjang,
    perlindungan_selesaikan,
    rehabilitasi_buat,
    rehabilitasi_hentikan,
    rehabilitasi_tahap_catat,
    rehabilitasi_tugaskan,
)
from .registri import (
    akreditasi_tambah,
    klien_lembaga_keluar,
    klien_lembaga_masuk,
    lembaga_simpan,
    lisensi_cabut,
    lisensi_tambah,
    pelatihan_tambah,
    program_simpan,
    tenaga_simpan,
)
from .slrt import (
    slrt_kebutuhan_catat,
    slrt_permintaan_catat,
    slrt_permintaan_tutup,
    slrt_rujuk,
    slrt_rujukan_selesai,
    slrt_rujukan_terima,
    slrt_rujukan_tolak,
)

__all__ = [
    "Alur",
    "JAMINAN",
    "PEMBERDAYAAN",
    "PERAN_SERTA",
    "PERLINDUNGAN",
    "REHABILITASI",
    "akhiri_layanan",
    "akreditasi_tambah",
    "jaminan_buat",
    "jaminan_hentikan",
    "jaminan_tahap_catat",
    "klien_lembaga_keluar",
    "klien_lembaga_masuk",
    "lembaga_simpan",
    "lisensi_cabut",
    "lisensi_tambah",
    "pelatihan_tambah",
    "pemberdayaan_buat",
    "pemberdayaan_hentikan",
    "pemberdayaan_selesaikan",
    "peran_serta_buat",
    "peran_serta_tahap_catat",
    "perlindungan_buat",
    "perlindungan_perpanjang",
    "perlindungan_selesaikan",
    "rehabilitasi_buat",
    "rehabilitasi_hentikan",
    "rehabilitasi_tahap_catat",
    "rehabilitasi_tugaskan",
    "slrt_kebutuhan_catat",
    "slrt_permintaan_catat",
    "slrt_permintaan_tutup",
    "slrt_rujuk",
    "slrt_rujukan_selesai",
    "slrt_rujukan_terima",
    "slrt_rujukan_tolak",
    "program_simpan",
    "tahap_catat",
    "tenaga_simpan",
]
