"""State changes of the registry: one function per change (docs/rules.md R1–R8).

Every service has the project's signature (the kit in `dinsos.services`):

    <noun>_<verb>(*, <target record or values as typed keyword arguments>, oleh: User,
                  alasan: str = "") -> Model

keyword-only, fully typed, `oleh` the acting user. The registry's records carry many fields,
so creating or changing one takes them as one payload, `data: Mapping[str, Any]` of model
field values (`FIELD_ORANG`, `FIELD_KELUARGA`, `FIELD_KELOMPOK`, `FIELD_KOMUNITAS`; a foreign
key as its instance), the shape a form's `cleaned_data` has; related records (a head, a chair,
members, a category) are their own keyword arguments.

Each service checks the role itself (a view is only one of its callers; a role without the
capability gets `PermissionDenied`, 403), then inside one `transaction.atomic()` loads the
record again under a row lock with `kunci_untuk` (outside the user's wilayah it is
`TidakDitemukan`: 404 on a page, and still a `PermissionDenied` for a caller), checks the rule
(a `ValidationError` with a formal Indonesian message citing the rule), saves through `simpan`
(a violated database constraint becomes its registered message) and writes a `Riwayat` row with
`catat`: who, when, {field: [old, new]}, why.
"""

from ._umum import (
    FIELD_IDENTITAS,
    FIELD_KELOMPOK,
    FIELD_KELUARGA,
    FIELD_KOMUNITAS,
    FIELD_ORANG,
    PESAN_NIK_GANDA,
    cek_desa,
    desa_dalam_kabupaten,
)
from .kelompok import (
    kelompok_buat,
    kelompok_hapus,
    kelompok_keluarkan_anggota,
    kelompok_tambah_anggota,
    kelompok_ubah,
)
from .keluarga import (
    keluarga_buat,
    keluarga_hapus,
    keluarga_keluarkan_anggota,
    keluarga_tambah_anggota,
    keluarga_ubah,
)
from .komunitas import komunitas_buat, komunitas_hapus, komunitas_ubah
from .orang import (
    perseorangan_buat,
    perseorangan_hapus,
    perseorangan_periksa,
    perseorangan_ubah,
)
from .registrasi import (
    TRANSISI_REGISTRASI,
    cek_kriteria,
    registrasi_buat,
    registrasi_ubah_status,
)

__all__ = [
    "FIELD_IDENTITAS",
    "FIELD_KELOMPOK",
    "FIELD_KELUARGA",
    "FIELD_KOMUNITAS",
    "FIELD_ORANG",
    "PESAN_NIK_GANDA",
    "TRANSISI_REGISTRASI",
    "cek_desa",
    "cek_kriteria",
    "desa_dalam_kabupaten",
    "kelompok_buat",
    "kelompok_hapus",
    "kelompok_keluarkan_anggota",
    "kelompok_tambah_anggota",
    "kelompok_ubah",
    "keluarga_buat",
    "keluarga_hapus",
    "keluarga_keluarkan_anggota",
    "keluarga_tambah_anggota",
    "keluarga_ubah",
    "komunitas_buat",
    "komunitas_hapus",
    "komunitas_ubah",
    "perseorangan_buat",
    "perseorangan_hapus",
    "perseorangan_periksa",
    "perseorangan_ubah",
    "registrasi_buat",
    "registrasi_ubah_status",
]
